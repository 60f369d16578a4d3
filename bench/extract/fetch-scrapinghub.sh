#!/usr/bin/env bash
# A held-out check (never tuned on): the ScrapingHub article-extraction benchmark's 181 pages
# (html/<id>.html.gz, with a human-annotated articleBody per page in ground-truth.json), copied
# from a bare git mirror into a directory outside the repository (third-party pages are never
# committed), one directory per page: source.html and expected.txt (the articleBody). The
# harness reads them as it reads fetch-devset.sh's pages (no metadata: the ground truth has
# none but the URL, kept in expected-metadata.json's `url`, unused by the harness).
# Usage: bench/extract/fetch-scrapinghub.sh [MIRROR] [OUT]
#   MIRROR: a bare clone of scrapinghub/article-extraction-benchmark
#           (default /work/.mirror/scrapinghub+article-extraction-benchmark/repo);
#           elsewhere: git clone --bare https://github.com/scrapinghub/article-extraction-benchmark MIRROR
#   OUT:    default /tmp/scrapinghub-pages
# Evaluate on it rarely and in aggregate only (no --pages-out, no --dump-dir): it is the one
# set no rule was tuned on.
set -euo pipefail
MIRROR=${1:-/work/.mirror/scrapinghub+article-extraction-benchmark/repo}
OUT=${2:-/tmp/scrapinghub-pages}
mkdir -p "$OUT"
git -C "$MIRROR" log -1 --format='mirror commit %H (%cd)'
truth=$(git -C "$MIRROR" show HEAD:ground-truth.json)
n=0
for id in $(jq -r 'keys[]' <<<"$truth"); do
  git -C "$MIRROR" cat-file -e "HEAD:html/$id.html.gz" 2>/dev/null || continue
  d="$OUT/sh-$id"
  mkdir -p "$d"
  git -C "$MIRROR" show "HEAD:html/$id.html.gz" | gunzip > "$d/source.html"
  jq -r --arg id "$id" '.[$id].articleBody // ""' <<<"$truth" > "$d/expected.txt"
  jq --arg id "$id" '{url: (.[$id].url // "")}' <<<"$truth" > "$d/expected-metadata.json"
  n=$((n+1))
done
echo "$n pages in $OUT"
