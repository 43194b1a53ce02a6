#!/usr/bin/env bash
# Set up and generate the default briefs (every country and theme, ar/en/ru, PDF and DOCX) into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/briefgen batch "$@"
