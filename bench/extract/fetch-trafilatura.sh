#!/usr/bin/env bash
# A third development set: trafilatura's evaluation pages (tests/evaldata.json of
# adbar/trafilatura, with the pages in tests/cache/ or tests/eval/), copied from a bare git
# mirror into a directory outside the repository (third-party pages are never committed).
# Pages in the order of their sorted URLs, one directory each, <OUT>/t<NNNN>/:
#   source.html, snippets.json ({"url", "with": [...], "without": [...]}: what must and must not
#   be in the article), expected.txt (the "with" snippets, one a line, only so that the harness
#   runs: its F1 means nothing here; score with score-snippets.py).
# Usage: bench/extract/fetch-trafilatura.sh [MIRROR] [OUT]
#   MIRROR: a bare clone of adbar/trafilatura (default /work/.mirror/adbar+trafilatura/repo);
#           elsewhere: git clone --bare https://github.com/adbar/trafilatura MIRROR
#   OUT:    default /tmp/traf-pages
# Then:
#   cd bench/extract && cargo run --release -- /tmp/traf-pages app --dump-dir /tmp/traf-dump
#   python3 score-snippets.py /tmp/traf-pages /tmp/traf-dump/app__core__extract_ [--pages]
set -euo pipefail
MIRROR=${1:-/work/.mirror/adbar+trafilatura/repo}
OUT=${2:-/tmp/traf-pages}
mkdir -p "$OUT"
git -C "$MIRROR" log -1 --format='mirror commit %H (%cd)'
data=$(git -C "$MIRROR" show HEAD:tests/evaldata.json)
# Which directory holds each file (-z: file names outside ASCII are not quoted).
declare -A where
while IFS= read -r -d '' f; do where[${f##*/}]=${f%/*}; done \
  < <(git -C "$MIRROR" ls-tree -z --name-only HEAD tests/cache/ tests/eval/)
n=0; i=0
while IFS= read -r url; do
  i=$((i+1))
  file=$(jq -r --arg u "$url" '.[$u].file' <<<"$data")
  dir=${where[$file]:-}
  [[ -n $dir ]] || { echo "missing: $file" >&2; continue; }
  d=$(printf '%s/t%04d' "$OUT" "$i")
  mkdir -p "$d"
  git -C "$MIRROR" show "HEAD:$dir/$file" > "$d/source.html"
  jq --arg u "$url" '{url: $u, with: (.[$u].with // []), without: (.[$u].without // [])}' \
    <<<"$data" > "$d/snippets.json"
  jq -r '.with[]' "$d/snippets.json" > "$d/expected.txt"
  n=$((n+1))
done < <(jq -r 'keys[]' <<<"$data" | LC_ALL=C sort)
echo "$n pages in $OUT"
