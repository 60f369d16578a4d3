#!/usr/bin/env bash
# Copy the PolNeAR train and dev splits (brat standoff) into /tmp/polnear/{train,dev}.
#
# The corpus texts are publishers' articles: they are never committed to this
# repository; they live under /tmp only.  The test split is never read, listed
# or copied: only data/train and data/dev are touched.
#
# Usage: bench/suggest/fetch-polnear.sh [GIT_DIR] [OUT_DIR]
#   GIT_DIR  a clone (bare or not) of https://github.com/networkdynamics/PolNeAR
#            (default: $POLNEAR_GIT, else /work/.mirror/networkdynamics+PolNeAR/repo,
#            else a fresh `git clone --bare` into /tmp/polnear-src.git)
#   OUT_DIR  default /tmp/polnear
#
# Output: OUT_DIR/<split>/<name>.txt and OUT_DIR/<split>/<name>.ann
#
# Annotation set: most articles carry one annotator's file
# (<name>_<annotator>.ann).  A few articles used for agreement checks carry
# five or six annotators' files; for these we take the annotator id that sorts
# first (4b22 is present on all of them), so the choice is deterministic and
# each article keeps exactly one complete, self-consistent annotation.
set -euo pipefail

GIT_DIR="${1:-${POLNEAR_GIT:-/work/.mirror/networkdynamics+PolNeAR/repo}}"
OUT="${2:-/tmp/polnear}"
REV="${POLNEAR_REV:-HEAD}"

if ! git -C "$GIT_DIR" rev-parse --verify -q "$REV^{commit}" >/dev/null 2>&1; then
  GIT_DIR=/tmp/polnear-src.git
  if [ ! -d "$GIT_DIR" ]; then
    git clone --bare --quiet https://github.com/networkdynamics/PolNeAR "$GIT_DIR"
  fi
fi
COMMIT=$(git -C "$GIT_DIR" rev-parse "$REV^{commit}")

for split in train dev; do
  dest="$OUT/$split"
  rm -rf "$dest"
  mkdir -p "$dest"
  # Only ever list data/$split/... (never data/test).
  git -C "$GIT_DIR" ls-tree -r --name-only "$COMMIT" -- "data/$split/text" \
    | sed -n 's#^data/'"$split"'/text/\(.*\)\.txt$#\1#p' | sort > "$dest/.names"
  git -C "$GIT_DIR" ls-tree -r --name-only "$COMMIT" -- "data/$split/attributions" \
    | sed -n 's#^data/'"$split"'/attributions/\(.*\)\.ann$#\1#p' | sort > "$dest/.anns"
  n=0
  while read -r name; do
    ann=$(grep -F -- "${name}_" "$dest/.anns" \
          | awk -v p="${name}_" 'index($0, p) == 1 && length($0) == length(p) + 4' \
          | head -n 1 || true)
    if [ -z "$ann" ]; then
      echo "warning: no annotation for $split/$name" >&2
      continue
    fi
    git -C "$GIT_DIR" show "$COMMIT:data/$split/text/$name.txt" > "$dest/$name.txt"
    git -C "$GIT_DIR" show "$COMMIT:data/$split/attributions/$ann.ann" > "$dest/$name.ann"
    echo "$name ${ann##*_}" >> "$dest/.annotator"
    n=$((n + 1))
  done < "$dest/.names"
  rm -f "$dest/.names" "$dest/.anns"
  echo "$split: $n articles -> $dest (PolNeAR $COMMIT)"
done
echo "$COMMIT" > "$OUT/COMMIT"
