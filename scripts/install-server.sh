#!/usr/bin/env bash
# Install the unit's reportgen server on Debian/Ubuntu with one command:   sudo bash scripts/install-server.sh
#
# Makes, each only when it is missing or different (a second run changes nothing):
#   - the system packages the server needs (Python, WeasyPrint's Pango, fonts, poppler, nginx, openssl);
#     never LibreOffice, Chromium or the test tools
#   - the system user `reportgen` and its folders: /srv/reportgen/inputs (unit.yaml, the years, the register),
#     /srv/reportgen/outputs (documents), /var/lib/reportgen (the server's own state, owner-only)
#   - /opt/reportgen/venv with reportgen and its runtime dependencies only (installed, not editable)
#   - the first head (pimpinan) account, its password asked and never shown
#   - the systemd unit reportgen-web (memory cap and sandbox) and the nginx site (HTTPS with a placeholder
#     certificate to replace, request limits on sign-in and the public check)
#
# Settings (environment): REPORTGEN_HOST (the server's name, default: hostname -f), REPORTGEN_PORT (8000),
# REPORTGEN_PIMPINAN (the first head's account name; asked when not given), REPORTGEN_USER (reportgen).
# REPORTGEN_ROOT=DIR writes every file under DIR instead of / and neither installs packages nor starts services
# (the tests run it so, where systemd does not run).
set -euo pipefail

SRC="$(cd "$(dirname "$0")/.." && pwd)"
ROOT="${REPORTGEN_ROOT:-}"
ROOT="${ROOT%/}"
HOST="${REPORTGEN_HOST:-$(hostname -f 2>/dev/null || hostname)}"
PORT="${REPORTGEN_PORT:-8000}"
SERVICE_USER="${REPORTGEN_USER:-reportgen}"
PYTHON=/usr/bin/python3  # Debian's own, which the service user can run (not a Python under /root)
VENV="$ROOT/opt/reportgen/venv"
INPUTS="$ROOT/srv/reportgen/inputs"
OUTPUTS="$ROOT/srv/reportgen/outputs"
DATA="$ROOT/var/lib/reportgen"
UNIT_FILE="$ROOT/etc/systemd/system/reportgen-web.service"
SITE="$ROOT/etc/nginx/sites-available/reportgen"
ENABLED="$ROOT/etc/nginx/sites-enabled/reportgen"
TLS="$ROOT/etc/ssl/reportgen"
CHANGED=0

say() { printf '%s\n' "$*"; }
changed() { CHANGED=1; say "  diubah: $*"; }
same() { say "  tetap:  $*"; }

if [ "$(id -u)" -ne 0 ]; then
  say "Jalankan sebagai root: sudo bash scripts/install-server.sh" >&2
  exit 1
fi

# Write $1 from stdin with mode $2 (and owner $3) only when its content differs.
put() {
  local target="$1" mode="$2" owner="${3:-root:root}" tmp
  tmp="$(mktemp)"
  cat >"$tmp"
  mkdir -p "$(dirname "$target")"
  if [ -f "$target" ] && cmp -s "$tmp" "$target"; then
    rm -f "$tmp"
    same "$target"
  else
    install -m "$mode" -o "${owner%%:*}" -g "${owner##*:}" "$tmp" "$target"
    rm -f "$tmp"
    changed "$target"
  fi
}

# Make folder $1 with mode $2, owned by $3 (a missing one is made, an existing one keeps its content).
folder() {
  local target="$1" mode="$2" owner="$3"
  if [ -d "$target" ] && [ "$(stat -c '%a %U:%G' "$target")" = "${mode#0} $owner" ]; then
    same "$target/"
  else
    install -d -m "$mode" -o "${owner%%:*}" -g "${owner##*:}" "$target"
    changed "$target/"
  fi
}

# Fill the @...@ places of a template in deploy/.
fill() {
  sed -e "s|@USER@|$SERVICE_USER|g" -e "s|@VENV@|$VENV|g" -e "s|@INPUTS@|$INPUTS|g" -e "s|@OUTPUTS@|$OUTPUTS|g" \
      -e "s|@DATA@|$DATA|g" -e "s|@PORT@|$PORT|g" -e "s|@SERVER_NAME@|$HOST|g" \
      -e "s|@CERT@|$TLS/reportgen.crt|g" -e "s|@KEY@|$TLS/reportgen.key|g" "$SRC/deploy/$1"
}

say "1. Paket sistem"
if [ -z "$ROOT" ] && command -v apt-get >/dev/null 2>&1; then
  missing=""
  for package in python3 python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig \
                 fonts-liberation2 fonts-dejavu-core poppler-utils nginx openssl; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
  done
  if [ -n "$missing" ]; then
    apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    changed "dipasang:$missing"
  else
    same "semua paket sudah terpasang"
  fi
else
  same "dilewati (REPORTGEN_ROOT=$ROOT)"
fi

say "2. Pengguna sistem dan folder"
if id -u "$SERVICE_USER" >/dev/null 2>&1; then
  same "pengguna $SERVICE_USER"
else
  useradd --system --user-group --home-dir /var/lib/reportgen --no-create-home --shell /usr/sbin/nologin \
          "$SERVICE_USER" || id -u "$SERVICE_USER" >/dev/null  # made meanwhile by another run: as good
  changed "pengguna $SERVICE_USER"
fi
folder "$ROOT/srv/reportgen" 0755 root:root
folder "$INPUTS" 0750 "$SERVICE_USER:$SERVICE_USER"
folder "$OUTPUTS" 0750 "$SERVICE_USER:$SERVICE_USER"
folder "$DATA" 0700 "$SERVICE_USER:$SERVICE_USER"

say "3. Lingkungan Python $VENV (hanya kebutuhan server, tidak editable)"
source_sum="$(cd "$SRC" && find pyproject.toml README.md reportgen templates -type f ! -path '*__pycache__*' \
              -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)"
if [ -x "$VENV/bin/reportgen" ] && [ "$(cat "$VENV/reportgen-sumber.sha256" 2>/dev/null)" = "$source_sum" ]; then
  same "$VENV (reportgen $("$VENV/bin/reportgen" --version | awk '{print $NF}'))"
else
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  build="$(mktemp -d)"
  cp -r "$SRC/pyproject.toml" "$SRC/README.md" "$SRC/reportgen" "$SRC/templates" "$build/"  # no build files left
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check "$build"                  # in the checkout
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$build"
  rm -rf "$build"
  printf '%s\n' "$source_sum" >"$VENV/reportgen-sumber.sha256"
  changed "$VENV (reportgen $("$VENV/bin/reportgen" --version | awk '{print $NF}'))"
fi

say "4. Akun pimpinan pertama"
as_service() { runuser -u "$SERVICE_USER" -- "$@"; }
accounts=(--inputs "$INPUTS" --out "$OUTPUTS" --data "$DATA")
if as_service "$VENV/bin/reportgen" pengguna daftar "${accounts[@]}" | grep -Eq '^[^ ]+ +pimpinan +aktif'; then
  same "akun pimpinan sudah ada ($VENV/bin/reportgen pengguna daftar --data $DATA)"
else
  name="${REPORTGEN_PIMPINAN:-}"
  if [ -z "$name" ]; then
    read -r -p "Nama akun pimpinan (mis. kepala): " name
  fi
  as_service "$VENV/bin/reportgen" pengguna tambah "$name" --peran pimpinan "${accounts[@]}"
  changed "akun pimpinan $name"
fi

say "5. Layanan systemd dan situs nginx"
fill reportgen-web.service | put "$UNIT_FILE" 0644
if [ ! -f "$TLS/reportgen.crt" ] || [ ! -f "$TLS/reportgen.key" ]; then
  mkdir -p "$TLS"
  openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=$HOST" -keyout "$TLS/reportgen.key" \
          -out "$TLS/reportgen.crt" 2>/dev/null
  chmod 600 "$TLS/reportgen.key"
  changed "$TLS/reportgen.crt (sertifikat sementara: ganti dengan sertifikat unit)"
else
  same "$TLS/reportgen.crt"
fi
fill nginx-reportgen.conf | put "$SITE" 0644
if [ "$(readlink "$ENABLED" 2>/dev/null)" = "$SITE" ]; then
  same "$ENABLED"
else
  mkdir -p "$(dirname "$ENABLED")"
  ln -sfn "$SITE" "$ENABLED"
  changed "$ENABLED"
fi

if [ -z "$ROOT" ] && [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  systemctl enable --quiet reportgen-web
  if [ "$CHANGED" = 1 ] || ! systemctl is-active --quiet reportgen-web; then systemctl restart reportgen-web; fi
  nginx -t -q && systemctl reload nginx
  say "Layanan berjalan: systemctl status reportgen-web; log: journalctl -u reportgen-web"
else
  say "systemd tidak berjalan di sini: layanan tidak dinyalakan (perintahnya: ExecStart di $UNIT_FILE)"
fi
if [ "$CHANGED" = 1 ]; then
  say "Selesai. Buka https://$HOST/ lalu masuk dengan akun pimpinan; unggah unit.yaml dan logo di halaman tahun."
else
  say "Selesai: tidak ada yang berubah."
fi
