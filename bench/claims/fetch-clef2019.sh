#!/usr/bin/env bash
# Copy the CLEF-2019 CheckThat! task 1 training transcripts into /tmp/clef2019/training.
#
# The transcripts are not ours to publish: they are never committed to this repository;
# they live under /tmp only.  Only data/training is listed and copied: the test split
# (data/test*) is never read, listed or copied, because the work is judged on held-back text.
#
# Usage: bench/claims/fetch-clef2019.sh [GIT_DIR] [OUT_DIR]
#   GIT_DIR  a clone (bare or not) of https://github.com/telsayed/clef2019-factchecking-task1
#            (default: $CLEF2019_GIT, else
#            /work/.mirror/telsayed+clef2019-factchecking-task1/repo, else a fresh
#            `git clone --bare` into /tmp/clef2019-src.git)
#   OUT_DIR  default /tmp/clef2019
#
# Output: OUT_DIR/training/<name>.tsv (line number, speaker, sentence, label; 1 = checked
# by the fact-checkers) and OUT_DIR/COMMIT, the commit they were taken from.
set -euo pipefail

GIT_DIR="${1:-${CLEF2019_GIT:-/work/.mirror/telsayed+clef2019-factchecking-task1/repo}}"
OUT="${2:-/tmp/clef2019}"
REV="${CLEF2019_REV:-HEAD}"

if ! git -C "$GIT_DIR" rev-parse --verify -q "$REV^{commit}" >/dev/null 2>&1; then
  GIT_DIR=/tmp/clef2019-src.git
  if [ ! -d "$GIT_DIR" ]; then
    git clone --bare --quiet https://github.com/telsayed/clef2019-factchecking-task1 "$GIT_DIR"
  fi
fi
COMMIT=$(git -C "$GIT_DIR" rev-parse "$REV^{commit}")

dest="$OUT/training"
rm -rf "$dest"
mkdir -p "$dest"
n=0
# Only ever list data/training/ (never data/test*).
while read -r path; do
  name=${path#data/training/}
  git -C "$GIT_DIR" show "$COMMIT:$path" > "$dest/$name"
  n=$((n + 1))
done < <(git -C "$GIT_DIR" ls-tree -r --name-only "$COMMIT" -- data/training/ \
         | grep -E '^data/training/[^/]+\.tsv$' | sort)
echo "$COMMIT" > "$OUT/COMMIT"
echo "training: $n transcripts -> $dest (clef2019-factchecking-task1 $COMMIT)"
