#!/usr/bin/env bash
# Set up and run the whole test suite (what CI runs through .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
bash scripts/setup.sh test,translate
.venv/bin/python -m pytest "$@"
