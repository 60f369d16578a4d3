#!/usr/bin/env python3
"""Evaluate check-worthy claim scores through the shipped Rust code path (issue 13).

For each transcript (CLEF CheckThat! TSV: line number, speaker, sentence, label), writes its
sentences one a line into a temporary text file, runs the `suggest` binary over all of them
(`claims` of `src/core/claims.rs`, as the app computes them), gives each line the highest score
of the claims overlapping it (0 for a line without letters), and reports the CLEF scorer's
metrics per transcript: average precision and precision at 10, and their means (MAP, P@10).

Only transcripts the model was not trained on give a fair figure: train one without them first
(`train.py --holdout A,B --out /tmp/clef2019/holdout-model.bin`), then

    bench/claims/eval.py --model /tmp/clef2019/holdout-model.bin \\
        /tmp/clef2019/training/A.tsv /tmp/clef2019/training/B.tsv

The shipped model (no --model) has seen every training transcript.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def ap_p10(lines):
    """The CLEF scorer's AP and P@10 of [(line number, label, score)] in line order."""
    ranked = sorted(lines, key=lambda t: t[2], reverse=True)
    labels = [lab for _, lab, _ in ranked]
    positives = sum(labels)
    correct, precisions = 0, []
    for i, lab in enumerate(labels):
        if lab:
            correct += 1
            precisions.append(correct / (i + 1))
    return (sum(precisions) / positives if positives else 0.0), sum(labels[:10]) / 10


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("tsv", nargs="+", help="CLEF CheckThat! transcripts")
    ap.add_argument("--model", help="claim model file (default: the shipped one)")
    ap.add_argument(
        "--bin", default=os.path.join(ROOT, "target", "release", "suggest"),
        help="the suggest binary (built with cargo build --release --bin suggest unless --no-build)",
    )
    ap.add_argument("--no-build", action="store_true")
    args = ap.parse_args()

    if not args.no_build:
        subprocess.run(
            ["cargo", "build", "--release", "--quiet", "--bin", "suggest"], cwd=ROOT, check=True
        )
    with tempfile.TemporaryDirectory() as tmp:
        transcripts = {}
        for path in args.tsv:
            name = os.path.splitext(os.path.basename(path))[0]
            rows = []
            with open(path, encoding="utf-8") as f:
                for row in f:
                    cols = row.rstrip("\n").split("\t")
                    rows.append((int(cols[0]), int(cols[3].strip() == "1"), cols[2]))
            txt = os.path.join(tmp, name + ".txt")
            with open(txt, "w", encoding="utf-8") as f:
                f.write("".join(s + "\n" for _, _, s in rows))
            transcripts[txt] = (name, rows)
        cmd = [args.bin] + (["--claims-model", args.model] if args.model else []) + list(transcripts)
        t0 = time.time()
        out = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
        elapsed = time.time() - t0

    aps, p10s = [], []
    for txt, (name, rows) in transcripts.items():
        # Code point spans of the lines (the file's text, one sentence a line).
        spans, at = [], 0
        for _, _, s in rows:
            spans.append((at, at + len(s)))
            at += len(s) + 1
        scores = [0.0] * len(rows)
        claims = out[txt]["claims"]
        j = 0
        for c in claims:
            while j < len(spans) and spans[j][1] <= c["start"]:
                j += 1
            k = j
            while k < len(spans) and spans[k][0] < c["end"]:
                scores[k] = max(scores[k], c["score"])
                k += 1
        a, p = ap_p10([(n, lab, s) for (n, lab, _), s in zip(rows, scores)])
        aps.append(a)
        p10s.append(p)
        print(f"    {name:32s} AP {a:.4f}  P@10 {p:.2f}  ({len(rows)} lines, {len(claims)} claims)")
    n = len(aps)
    print(f"Rust path ({args.model or 'shipped model'}), {n} transcripts: "
          f"MAP {sum(aps) / n:.4f}  P@10 {sum(p10s) / n:.4f}  ({elapsed:.2f} s for the binary)")


if __name__ == "__main__":
    sys.exit(main())
