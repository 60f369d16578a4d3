#!/usr/bin/env bash
# Copy the 20 debates and speeches of CLEF-2020 CheckThat! task 5's test set, with their gold
# labels, into /tmp/clef2020/test-gold: more transcripts labelled the same way (line number,
# speaker, sentence, 1 = checked by the fact-checkers), for `train.py --extra` (training only;
# README "More transcripts: CLEF-2020's test debates").
#
# Only test-input/test-gold.zip is read. The task's training archives (data/v1.zip, v2.zip)
# hold the CLEF-2019 test transcripts, which this project never reads: they are not opened.
# CLEF-2020's test debates are disjoint from its training set, so from CLEF-2019's test split
# too. Licence: "free for general research use" (the repository's README); never committed.
#
# Usage: bench/claims/fetch-clef2020.sh [GIT_DIR] [OUT_DIR]
#   GIT_DIR  a clone (bare or not) of https://github.com/sshaar/clef2020-factchecking-task5
#            (default: /work/.mirror/sshaar+clef2020-factchecking-task5/repo, else a fresh
#            `git clone --bare` into /tmp/clef2020-src.git)
#   OUT_DIR  default /tmp/clef2020
set -euo pipefail

GIT_DIR="${1:-/work/.mirror/sshaar+clef2020-factchecking-task5/repo}"
OUT="${2:-/tmp/clef2020}"
if ! git -C "$GIT_DIR" rev-parse --verify -q "HEAD^{commit}" >/dev/null 2>&1; then
  GIT_DIR=/tmp/clef2020-src.git
  [ -d "$GIT_DIR" ] || git clone --bare --quiet https://github.com/sshaar/clef2020-factchecking-task5 "$GIT_DIR"
fi
COMMIT=$(git -C "$GIT_DIR" rev-parse "HEAD^{commit}")
mkdir -p "$OUT"
rm -rf "$OUT/test-gold"
git -C "$GIT_DIR" show "$COMMIT:test-input/test-gold.zip" > "$OUT/test-gold.zip"
(cd "$OUT" && unzip -q -o test-gold.zip 'test-gold/*.tsv' && rm test-gold.zip)
echo "$COMMIT" > "$OUT/COMMIT"
echo "extra: $(ls "$OUT/test-gold" | wc -l) transcripts -> $OUT/test-gold (clef2020-factchecking-task5 $COMMIT)"
