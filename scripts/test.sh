#!/usr/bin/env bash
# Runs every memaudit test: formatting and lints, the Rust unit, integration
# and snapshot tests of every crate, the UI's tests and type checks, the
# check that generated TypeScript bindings are committed, and the desktop
# app's end-to-end tests in its real window (Xvfb + tauri-driver). Installs
# what is missing first, so it works on a fresh Debian/Ubuntu machine with
# Rust and Node installed.
set -euo pipefail
cd "$(dirname "$0")/.."
# A one-off build gains nothing from incremental state, which roughly doubles
# the target directory (CI machines have little disk to spare).
export CARGO_INCREMENTAL=0
source scripts/deps.sh
deps_system test
deps_ui
deps_tauri_driver
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy

echo "==> UI: build, type check, tests"
(cd ui && npm run build --silent && npm run check --silent && npm test --silent)

echo "==> cargo fmt --check"
cargo fmt --all -- --check
echo "==> cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "==> generated TypeScript bindings are up to date"
cargo test --locked -p memaudit --test bindings --quiet
git diff --exit-code -- ui/src/lib/bindings/ || {
  echo "ui/src/lib/bindings/ differs from the Rust types: run 'cargo test -p memaudit --test bindings' and commit" >&2
  exit 1
}

echo "==> cargo test (all crates, including the desktop app's end-to-end tests)"
cargo test --workspace --locked

echo "==> MCP: the official TypeScript SDK drives \`memaudit mcp\` over stdio"
cargo build --locked -p memaudit --bin memaudit
(cd tests/mcp-client && npm ci --no-audit --no-fund --silent && npm test --silent)
