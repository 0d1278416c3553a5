#!/usr/bin/env bash
# Installs what memaudit needs to build and test on Debian/Ubuntu, skipping
# whatever is already there. Sourced by scripts/app.sh and scripts/test.sh.
#   deps_system app   -> packages to build and run the desktop app
#   deps_system test  -> plus what the end-to-end and profiling tests need
set -euo pipefail

deps_system() {
  local want=(build-essential pkg-config libwebkit2gtk-4.1-dev libssl-dev)
  if [ "${1:-app}" = test ]; then
    want+=(xvfb webkit2gtk-driver dbus-x11 valgrind keyutils gnome-keyring)
  fi
  local missing=()
  for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "==> installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

deps_ui() {
  echo "==> npm ci (ui/)"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
}

deps_tauri_driver() {
  if ! command -v tauri-driver >/dev/null 2>&1; then
    echo "==> cargo install tauri-driver"
    cargo install tauri-driver --locked --quiet
  fi
}
