#!/usr/bin/env bash
# Builds and launches the memaudit desktop app, installing what is missing
# (webkit2gtk and friends via apt, the UI's npm packages).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
deps_system app
deps_ui
echo "==> building the UI"
(cd ui && npm run build --silent)
echo "==> building and starting the app"
exec cargo run --release -p memaudit-app
