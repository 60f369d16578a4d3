#!/usr/bin/env bash
# Installs what a fresh machine lacks to build, serve and test the app, and skips whatever is
# already present at the right version. Idempotent; used by `make serve` and `make test`.
#
# What it installs (see ../shared/TOOLCHAIN.md for why these versions):
#   - the wasm32-unknown-unknown Rust target            (rustup)
#   - rustfmt, for the formatting check                 (rustup)
#   - Trunk 0.21.14                                      (cargo install, ~9 min once)
#   - wasm-bindgen-cli at exactly Cargo.lock's version   (cargo install, ~2.5 min once)
#   - wasm-opt from npm `binaryen@132`, in ./.tools      (npm; Debian's binaryen is too old)
#   - esbuild 0.28.2 from npm, in ./.tools                (minifies the build's JS and CSS:
#                                                          scripts/minify.mjs, a Trunk hook)
#   - Chromium and ChromeDriver                          (Debian packages)
#   - the end-to-end tests' npm packages, in tests/e2e   (npm ci)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$HOME/.cargo/bin:$root/.tools/node_modules/.bin:$PATH"

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132
ESBUILD_VERSION=0.28.2
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$WBG_VERSION" ] || { echo "setup: no wasm-bindgen version in Cargo.lock" >&2; exit 1; }

say() { printf '[setup] %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo fmt --version >/dev/null 2>&1; then
  say "adding rustfmt (the test command checks the formatting)"
  rustup component add rustfmt
fi

if ! trunk --version 2>/dev/null | grep -qF "$TRUNK_VERSION"; then
  say "installing Trunk $TRUNK_VERSION (about 9 minutes on 2 cores, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -qF "$WBG_VERSION"; then
  say "installing wasm-bindgen-cli $WBG_VERSION (about 3 minutes, once)"
  # Without --locked: a locked dependency of the CLI is missing from the registry.
  cargo install wasm-bindgen-cli --version "$WBG_VERSION" --force
fi

if ! wasm-opt --version 2>/dev/null | grep -qF "version $BINARYEN_VERSION"; then
  say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION) into .tools"
  mkdir -p .tools
  [ -f .tools/package.json ] || echo '{"name":"annotator-tools","private":true}' > .tools/package.json
  npm install --prefix .tools --no-audit --no-fund "binaryen@$BINARYEN_VERSION"
fi

# scripts/minify.mjs loads esbuild from .tools, so an esbuild elsewhere on PATH does not count.
if [ "$(.tools/node_modules/.bin/esbuild --version 2>/dev/null)" != "$ESBUILD_VERSION" ]; then
  say "installing esbuild $ESBUILD_VERSION into .tools"
  mkdir -p .tools
  [ -f .tools/package.json ] || echo '{"name":"annotator-tools","private":true}' > .tools/package.json
  npm install --prefix .tools --no-audit --no-fund "esbuild@$ESBUILD_VERSION"
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing Chromium and ChromeDriver from Debian"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver
fi

lock=tests/e2e/package-lock.json
stamp=tests/e2e/node_modules/.lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s "$lock" "$stamp"; then
  say "installing the end-to-end tests' npm packages"
  npm ci --prefix tests/e2e --no-audit --no-fund
  cp "$lock" "$stamp"
fi

say "ready: $(trunk --version), wasm-bindgen $WBG_VERSION, $(wasm-opt --version | head -n1), esbuild $(.tools/node_modules/.bin/esbuild --version), $(chromium --version 2>/dev/null | head -n1)"
