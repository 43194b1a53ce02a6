#!/usr/bin/env bash
# System packages the tests use: LibreOffice (DOCX → PDF round trip) and
# poppler-utils (pdftoppm for looking at pages), GNU FriBidi (the second UAX #9 implementation the
# PDF's line order is checked against) and unicode-data (Unicode's BidiTest.txt,
# BidiCharacterTest.txt and LineBreakTest.txt conformance files). Installed only when missing.
set -euo pipefail
missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
ldconfig -p 2>/dev/null | grep -q libfribidi.so.0 || missing+=(libfribidi0)
[ -f /usr/share/unicode/BidiCharacterTest.txt ] || missing+=(unicode-data)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "warning: not root; install ${missing[*]} to run the LibreOffice tests" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" fontconfig >/dev/null
