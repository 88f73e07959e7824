#!/usr/bin/env bash
# Install reportgen on Debian/Ubuntu: system libraries and fonts (WeasyPrint's Pango, Liberation fonts),
# the clients the tests check against (LibreOffice, poppler; Chromium for the web page's browser tests), then a Python venv with reportgen in it.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
if command -v apt-get >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    python3 python3-venv python3-pip \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig \
    fonts-liberation2 fonts-dejavu-core \
    poppler-utils libreoffice-writer-nogui \
    chromium chromium-driver >/dev/null
fi
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
echo "reportgen terpasang: $(.venv/bin/reportgen --version)"
