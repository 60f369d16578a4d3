#!/usr/bin/env bash
# Bundle cost of each candidate: builds bench/extract/wasm-<name>/ (a cdylib exporting one
# extract function) for wasm32-unknown-unknown with the app's release profile, runs
# `wasm-opt -Oz`, and prints raw, optimised and gzip -9 sizes, plus the number of transitive
# normal dependencies (for wasm32, and natively) from `cargo tree`.
# Usage: bench/extract/build-wasm.sh [name...]   (default: every wasm-*/)
# Needs: rustup target add wasm32-unknown-unknown; wasm-opt (binaryen >= 132) on PATH or in
# the repository's .tools/node_modules/.bin/.
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(git rev-parse --show-toplevel)
WASM_OPT=$(command -v wasm-opt || true)
for c in "$ROOT/.tools/node_modules/.bin/wasm-opt" /work/main/.tools/node_modules/.bin/wasm-opt; do
  [ -z "$WASM_OPT" ] && [ -x "$c" ] && WASM_OPT=$c
done
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/tmp/extract-wasm-target}
OUT=${OUT:-/tmp/extract-wasm-results}
mkdir -p "$OUT"
names=("$@")
[ ${#names[@]} -eq 0 ] && names=($(ls -d wasm-*/ | sed 's#wasm-##; s#/##'))
printf '| candidate | deps (native) | deps (wasm32) | builds for wasm32 | wasm bytes | after wasm-opt -Oz | gzip -9 |\n|---|---|---|---|---|---|---|\n'
for n in "${names[@]}"; do
  dir=wasm-$n
  deps() { (cd "$dir" && cargo tree -e normal --prefix none "$@" 2>/dev/null | sed 's/ (\*)//; s/ (proc-macro)//' | sort -u | wc -l); }
  # Minus the wasm crate itself and the candidate crate.
  dn=$(( $(deps) - 2 )); dw=$(( $(deps --target wasm32-unknown-unknown) - 2 ))
  log=$OUT/$n.log
  if (cd "$dir" && nice -n 10 cargo build --target wasm32-unknown-unknown --release -j 1) >"$log" 2>&1; then
    f=$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/$(echo "wasm-$n" | tr - _).wasm
    raw=$(stat -c %s "$f")
    if [ -n "$WASM_OPT" ]; then
      "$WASM_OPT" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals "$f" -o "$OUT/$n.opt.wasm" 2>>"$log" || cp "$f" "$OUT/$n.opt.wasm"
    else
      cp "$f" "$OUT/$n.opt.wasm"
    fi
    opt=$(stat -c %s "$OUT/$n.opt.wasm")
    gz=$(gzip -9 -c "$OUT/$n.opt.wasm" | wc -c)
    printf '| %s | %s | %s | yes | %s | %s | %s |\n' "$n" "$dn" "$dw" "$raw" "$opt" "$gz"
  else
    err=$(grep -m 3 -E '^error' "$log" | tr '\n' ' ' | cut -c1-300)
    printf '| %s | %s | %s | no: %s | - | - | - |\n' "$n" "$dn" "$dw" "$err"
  fi
done
