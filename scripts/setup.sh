#!/usr/bin/env bash
# Create .venv with briefgen installed; extras as arguments (e.g. test,translate).
# The translate extra pulls torch through argostranslate → stanza: the CPU build
# is pinned first so pip never resolves to the multi-gigabyte CUDA wheels.
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
python=""
for candidate in python3.11 python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 &&
        "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        python="$candidate"
        break
    fi
done
[ -n "$python" ] || { echo "error: briefgen needs Python 3.11 or newer on PATH" >&2; exit 1; }
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
if [[ ",$extras," == *",translate,"* ]]; then
    .venv/bin/python -m pip install --quiet "torch==2.13.0"
fi
.venv/bin/python -m pip install --quiet -e ".${extras:+[$extras]}"
