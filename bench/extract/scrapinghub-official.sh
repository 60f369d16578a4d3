#!/usr/bin/env bash
# The held-out ScrapingHub pages scored by the benchmark's own `evaluate.py`, the scorer behind
# the figures issue 12 quotes (rs-trafilatura 0.970, trafilatura 0.958, Readability.js 0.947,
# dom_smoothie 0.865), so that the app's figure compares with them as they were measured. Its
# aggregate is not the harness's: F1 is the harmonic mean of the mean precision and the mean
# recall over the pages (the harness reports the mean of the pages' F1s, which is lower), and
# its words are `\w+` as written (case kept; the harness lower-cases Unicode words).
#
# Aggregate only, as every use of this set: the app's texts are written to a temporary folder,
# handed to the scorer and deleted; nothing per page is printed. The published outputs of four
# other extractors are scored in the same run, which checks that the scorer reproduces the
# benchmark's README.
#
# Usage: bench/extract/scrapinghub-official.sh [MIRROR] [PAGES]
#   MIRROR: a bare clone of scrapinghub/article-extraction-benchmark
#           (default /work/.mirror/scrapinghub+article-extraction-benchmark/repo)
#   PAGES:  fetch-scrapinghub.sh's folder (default /tmp/scrapinghub-pages)
# Needs python3 and the harness built (`cd bench/extract && cargo build --release`).
set -euo pipefail
MIRROR=${1:-/work/.mirror/scrapinghub+article-extraction-benchmark/repo}
PAGES=${2:-/tmp/scrapinghub-pages}
here=$(cd "$(dirname "$0")" && pwd)
bin=${CARGO_TARGET_DIR:-$here/target}/release/extract-eval
[ -x "$bin" ] || { echo "build the harness first: cd bench/extract && cargo build --release" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git -C "$MIRROR" log -1 --format='benchmark commit %H (%cd)'
mkdir -p "$work/output"
for f in evaluate.py ground-truth.json output/rs_trafilatura.json output/trafilatura.json \
  output/readability_js.json output/dom_smoothie.json; do
  git -C "$MIRROR" show "HEAD:$f" > "$work/$f"
done
"$bin" "$PAGES" app --dump-dir "$work/dump" | grep '^| app' || true
version=$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)
python3 - "$work" "$version" <<'EOF'
import json, os, sys
work, version = sys.argv[1], sys.argv[2]
truth = json.load(open(os.path.join(work, "ground-truth.json"), encoding="utf-8"))
dump = os.path.join(work, "dump", "app__core__extract_")
out = {}
for key in truth:
    path = os.path.join(dump, f"sh-{key}.txt")
    text = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    out[key] = {"articleBody": text}
with open(os.path.join(work, "output", "article_annotator.json"), "w", encoding="utf-8") as f:
    json.dump({"version": version, "output": out}, f)
EOF
rm -rf "$work/dump"
(cd "$work" && python3 evaluate.py --n-bootstrap 1000)
(cd "$work" && python3 - <<'EOF'
import sys
from pathlib import Path
sys.argv = ["evaluate"]
import evaluate as E
truth = E.load_json(Path("ground-truth.json"))
pred, _ = E.load_prediction(Path("output/article_annotator.json"))
m = E.metrics_from_tp_fp_fns([
    E.string_shingle_matching(true=truth[k].get("articleBody", ""), pred=pred[k].get("articleBody", ""))
    for k in truth
])
print(f"article_annotator unrounded: F1 {m['f1']:.5f}, precision {m['precision']:.5f}, recall {m['recall']:.5f}")
EOF
)
