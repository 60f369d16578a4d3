#!/usr/bin/env bash
# A fourth development set: the real news pages among goose3's test fixtures
# (tests/data/content/test_<name>.html, with the article text goose3 must give in
# test_<name>.json's expected.cleaned_text), copied from a bare git mirror into a directory
# outside the repository (third-party pages are never committed), one directory per page:
#   source.html, expected.txt (cleaned_text, verbatim), expected-metadata.json
#   ({"url": …, "reference": "prefix" | "full"}).
# goose3's own tests compare only the beginning of the text (tests/test_base.py,
# assert_cleaned_text: the result cut to the expected text's length must equal it), and most
# references are the article's first sentence or two. Those pages are marked "prefix": the
# harness scores them only over the part of the extracted text the reference covers (see
# bench/extract/README.md, "Fourth round"). Five references run to the article's end (checked
# by reading each against its page); they are marked "full" and scored like any other page.
# Left out: fixtures that are not real pages (issue24, articlebody_*, pattern_config,
# retry_top_node: a few lines written for a unit test) and second copies of the same page under
# other options (businessWeek4, gizmodo2, gizmodo3, get_canonical_url).
# Usage: bench/extract/fetch-goose3.sh [MIRROR] [OUT]
#   MIRROR: a bare clone of goose3/goose3 (default /work/.mirror/goose3+goose3/repo);
#           elsewhere: git clone --bare https://github.com/goose3/goose3 MIRROR
#   OUT:    default /tmp/goose3-pages
# Caveat: the references are goose3's expected output (Apache-2.0 test data), written by its
# authors as regression fixtures, not a human annotation of the article.
set -euo pipefail
MIRROR=${1:-/work/.mirror/goose3+goose3/repo}
OUT=${2:-/tmp/goose3-pages}
mkdir -p "$OUT"
git -C "$MIRROR" log -1 --format='mirror commit %H (%cd)'
skip=" issue24 articlebody_attribute articlebody_itemprop articlebody_tag pattern_config retry_top_node businessWeek4 gizmodo2 gizmodo3 get_canonical_url "
full=" donga_korean gizmodo1 guardian1 msn1 wiwo "
n=0
for json in $(git -C "$MIRROR" ls-tree --name-only HEAD tests/data/content/ | grep '\.json$'); do
  name=$(basename "$json" .json); name=${name#test_}
  [[ $skip == *" $name "* ]] && continue
  git -C "$MIRROR" cat-file -e "HEAD:tests/data/content/test_$name.html" 2>/dev/null || continue
  data=$(git -C "$MIRROR" show "HEAD:$json")
  d="$OUT/g3-$name"
  mkdir -p "$d"
  git -C "$MIRROR" show "HEAD:tests/data/content/test_$name.html" > "$d/source.html"
  jq -j '.expected.cleaned_text' <<<"$data" > "$d/expected.txt"
  kind=prefix; [[ $full == *" $name "* ]] && kind=full
  jq --arg kind "$kind" '{url: (.url // ""), reference: $kind}' <<<"$data" > "$d/expected-metadata.json"
  n=$((n+1))
done
echo "$n pages in $OUT"
