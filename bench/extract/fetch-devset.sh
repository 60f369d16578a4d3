#!/usr/bin/env bash
# A non-Readability development set: newspaper4k's own test fixtures (real news pages saved as
# HTML, with the article text newspaper4k extracted from each, tests/data/{html,txt,metadata}),
# copied from a bare git mirror into a directory outside the repository (third-party pages are
# never committed). One directory per page that has both an .html and a .txt:
#   source.html, expected.txt (the reference text), expected-metadata.json (title and
#   publishedTime from newspaper4k's metadata, when present; no byline: newspaper4k's author
#   lists are noisy).
# Usage: bench/extract/fetch-devset.sh [MIRROR] [OUT]
#   MIRROR: a bare clone of AndyTheFactory/newspaper4k
#           (default /work/.mirror/AndyTheFactory+newspaper4k/repo);
#           elsewhere: git clone --bare https://github.com/AndyTheFactory/newspaper4k MIRROR
#   OUT:    default /tmp/devset-pages
# Caveat: expected.txt is newspaper4k's output (a goose-derived extractor), kept by its authors
# as regression fixtures, not a human annotation; it is independent of Readability, not truth.
set -euo pipefail
MIRROR=${1:-/work/.mirror/AndyTheFactory+newspaper4k/repo}
OUT=${2:-/tmp/devset-pages}
mkdir -p "$OUT"
git -C "$MIRROR" log -1 --format='mirror commit %H (%cd)'
n=0
for txt in $(git -C "$MIRROR" ls-tree --name-only HEAD tests/data/txt/); do
  name=$(basename "$txt" .txt)
  git -C "$MIRROR" cat-file -e "HEAD:tests/data/html/$name.html" 2>/dev/null || continue
  d="$OUT/n4k-$name"
  mkdir -p "$d"
  git -C "$MIRROR" show "HEAD:tests/data/html/$name.html" > "$d/source.html"
  git -C "$MIRROR" show "HEAD:tests/data/txt/$name.txt" > "$d/expected.txt"
  if git -C "$MIRROR" cat-file -e "HEAD:tests/data/metadata/$name.json" 2>/dev/null; then
    git -C "$MIRROR" show "HEAD:tests/data/metadata/$name.json" \
      | jq '{title: (.title // ""), publishedTime: (.publish_date // ""), url: (.url // "")}' \
      > "$d/expected-metadata.json"
  fi
  n=$((n+1))
done
echo "$n pages in $OUT"
