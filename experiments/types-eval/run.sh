#!/usr/bin/env bash
# Runs types-eval on every crate of the findings file, once per crate so
# that GNU time reports each crate's peak memory. MODE: findings | all-sites.
set -uo pipefail
cd "$(dirname "$0")"
FINDINGS=${FINDINGS:-target/findings.json}
OUT=${OUT:-target/out}
MODE=${1:-findings}
# The standard library's sources (a `library/` folder).
RUST_SRC=${RUST_SRC:-/usr/lib/rustlib/src/rust/library}
mkdir -p "$OUT"
extra=()
[ "$MODE" = all-sites ] && extra=(--all-sites)
for c in $(python3 -c "import json,sys; print(' '.join(sorted({f['crate'] for f in json.load(open('$FINDINGS'))})))"); do
    /usr/bin/time -v ./target/release/types-eval --findings "$FINDINGS" --crate "$c" \
        --rust-src "$RUST_SRC" --out "$OUT/$c.$MODE.json" "${extra[@]}" 2> "$OUT/$c.$MODE.time"
    grep -m1 "questions" "$OUT/$c.$MODE.time" || tail -5 "$OUT/$c.$MODE.time"
done
