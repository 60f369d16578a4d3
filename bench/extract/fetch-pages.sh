#!/usr/bin/env bash
# Copies Mozilla Readability's test pages (source.html, expected.html, expected-metadata.json)
# from a bare git mirror into a directory outside the repository (third-party pages are never
# committed). Usage: bench/extract/fetch-pages.sh [MIRROR] [OUT]
#   MIRROR: a bare clone of mozilla/readability (default /work/.mirror/mozilla+readability/repo);
#           elsewhere: git clone --bare https://github.com/mozilla/readability MIRROR
#   OUT:    default /tmp/readability-pages
set -euo pipefail
MIRROR=${1:-/work/.mirror/mozilla+readability/repo}
OUT=${2:-/tmp/readability-pages}
mkdir -p "$OUT"
git -C "$MIRROR" log -1 --format='mirror commit %H (%cd)'
n=0
for name in $(git -C "$MIRROR" ls-tree --name-only HEAD:test/test-pages); do
  mkdir -p "$OUT/$name"
  for f in source.html expected.html expected-metadata.json; do
    git -C "$MIRROR" show "HEAD:test/test-pages/$name/$f" > "$OUT/$name/$f" 2>/dev/null || rm -f "$OUT/$name/$f"
  done
  n=$((n+1))
done
echo "$n pages in $OUT"
