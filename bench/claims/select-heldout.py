#!/usr/bin/env python3
"""Scores v3's grid of settings on transcripts outside CLEF-2019 and selects one (issue 13).

Usage: select-heldout.py [--work DIR] [--out DIR] TSV...
  TSV   the transcripts to score (CLEF-2020's test debates: fetch-clef2020.sh)

For each of v3's 3 model settings, fits the model on all 19 CLEF-2019 training transcripts
(`train.py --no-cv`, as the shipped model), writes one copy of the model file for each of the
17 smoothings (only the header's alpha, floor and slope differ), scores each copy on TSV...
through the Rust path (`eval.py`) and prints the setting with the highest MAP (a tie: the
first in the grid's order). README, "A held-out check and selection on CLEF-2020's debates".
Needs /tmp/venv-claims (train.py's numpy, scipy, scikit-learn) and a built `suggest`.
"""
import argparse
import math
import os
import re
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PYTHON = "/tmp/venv-claims/bin/python"
MODELS = ["0.03,0.003,0.5", "0.03,0.01,0.5", "0.03,0,1"]
SMOOTHINGS = [(0.0, 1.0, 1.0)] + [
    (a, r, s) for a in (0.1, 0.2, 0.3, 0.4) for r in (1 / 3, 1.0) for s in (1.0, 1000.0)
]
# train.py's model_bytes, format 2 (checked on each file): magic (4 bytes), "<HHBBH" (8), bias
# and scale (f32 each), then alpha, floor and slope.
SMOOTHING_OFFSET = 4 + 8 + 8


def checked_share():
    src = open(os.path.join(HERE, "train.py"), encoding="utf-8").read()
    num, den = re.search(r"^CHECKED_SHARE = (\d+) / (\d+)$", src, re.M).groups()
    return int(num) / int(den)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", default="/tmp/clef2019")
    ap.add_argument("--out", default="/tmp/claims-select")
    ap.add_argument("tsv", nargs="+")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    share = checked_share()
    suggest = os.path.join(ROOT, "target", "release", "suggest")
    subprocess.run(["cargo", "build", "--release", "--bin", "suggest"], cwd=ROOT, check=True)
    results = []
    for mi, m in enumerate(MODELS):
        fitted = os.path.join(args.out, f"m{mi}.bin")
        subprocess.run(
            [PYTHON, os.path.join(HERE, "train.py"), "--work", args.work, "--no-cv",
             "--models", m, "--smoothing", "0.2", "--floor-odds", str(1 / 3), "--slope", "1",
             "--out", fitted],
            check=True, stdout=subprocess.DEVNULL,
        )
        base = bytearray(open(fitted, "rb").read())
        magic, version = struct.unpack_from("<4sH", base)
        if (magic, version) != (b"AACL", 2):
            sys.exit(f"{fitted}: model format {magic!r} {version}, this script knows AACL 2")
        for alpha, r, slope in SMOOTHINGS:
            floor = math.log(r * share / (1 - share))
            struct.pack_into("<fff", base, SMOOTHING_OFFSET, alpha, floor, slope)
            path = os.path.join(args.out, f"m{mi}-a{alpha}-r{r:.3f}-s{slope:g}.bin")
            with open(path, "wb") as f:
                f.write(base)
            out = subprocess.run(
                [sys.executable, os.path.join(HERE, "eval.py"), "--no-build", "--bin", suggest,
                 "--model", path, *args.tsv],
                check=True, capture_output=True, text=True,
            ).stdout
            found = re.search(r"MAP ([0-9.]+)\s+P@10 ([0-9.]+)", out.strip().splitlines()[-1])
            mean_ap, p10 = float(found.group(1)), float(found.group(2))
            results.append((m, alpha, r, slope, mean_ap, p10))
            print(f"{m:<16} alpha={alpha} floor_odds={r:.4g} slope={slope:g}  "
                  f"MAP {mean_ap:.4f}  P@10 {p10:.4f}", flush=True)
    best = max(range(len(results)), key=lambda i: (results[i][4], -i))
    m, alpha, r, slope, mean_ap, p10 = results[best]
    print(f"selected: {m} alpha={alpha} floor_odds={r:.4g} slope={slope:g} "
          f"(MAP {mean_ap:.4f}, P@10 {p10:.4f}; optimistic: it chose the setting)")


if __name__ == "__main__":
    main()
