#!/usr/bin/env bash
# Set up and run the whole test suite (what CI runs through .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
# As root, system-deps.sh installs LibreOffice; its tests must then run, not skip.
if [ "$(id -u)" -eq 0 ]; then export BRIEFGEN_REQUIRE_LIBREOFFICE=1; fi
bash scripts/setup.sh test,translate,cluster
.venv/bin/python -m pytest "$@"
