#!/usr/bin/env bash
# Installs what the app and its tests need on a Debian-like machine, then the project into .venv.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Qt needs these even offscreen; the xcb ones are for a real window; poppler-utils for PDF checks.
SYSTEM_PACKAGES=(
  libglib2.0-0 libgl1 libegl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6
  libxkbcommon0 libbrotli1
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0
  poppler-utils
)

install_system_packages() {
  command -v dpkg-query >/dev/null 2>&1 || { echo "bootstrap: not a Debian-like system; install Qt's libraries and poppler-utils by hand" >&2; return 0; }
  local missing=()
  for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if ! python3 -c "import venv, ensurepip" >/dev/null 2>&1; then missing+=(python3-venv); fi
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "bootstrap: installing system packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

install_python_packages() {
  local extras="${1:-}"
  if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
  fi
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".${extras}"
}

install_system_packages
install_python_packages "${1:-}"
