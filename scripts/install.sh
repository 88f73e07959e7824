#!/usr/bin/env bash
# Install reportgen for development and its tests on Debian/Ubuntu: system libraries and fonts (WeasyPrint's Pango,
# Liberation fonts), the clients the tests check against (LibreOffice, poppler; Chromium for the web page's browser
# tests; nginx and systemd for `nginx -t` and `systemd-analyze verify` of the server's generated files; PostgreSQL,
# whose programs the register's tests start a throwaway server with, never its service), then a Python venv with
# reportgen in it, editable, with the test tools (Dask's distributed and psycopg among them). A server is installed with
# scripts/install-server.sh instead.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
if command -v apt-get >/dev/null 2>&1; then
  # Where systemd does not run (a container, CI) no package's service may start: nginx is only checked here
  POLICY=""
  if [ ! -d /run/systemd/system ] && [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod +x /usr/sbin/policy-rc.d
    POLICY=1
  fi
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    python3 python3-venv python3-pip \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig \
    fonts-liberation2 fonts-dejavu-core \
    poppler-utils libreoffice-writer-nogui \
    chromium chromium-driver \
    nginx systemd openssl postgresql >/dev/null
  if [ -n "$POLICY" ]; then $SUDO rm -f /usr/sbin/policy-rc.d; fi
fi
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
echo "reportgen terpasang: $(.venv/bin/reportgen --version)"
