#!/usr/bin/env python3
"""A speaker's other lines (issue 13; README "A speaker's other lines"): after v3's smoothing,
each sentence's logit is shifted by W times how far the mean of its speaker's other sentences
(pulled to the transcript's mean by K pseudo-sentences) lies from the transcript's mean.  The
speaker is the transcript's speaker column (never a feature: no name is learnt); "SYSTEM" lines
have none.  The fit, the features and the labels used are v3's.  Nothing here runs in the app or
writes the shipped model.

Stage `gate`: LOTO over the 19 CLEF-2019 training transcripts, v3 and the variants, with alpha
in {0, 0.2, 0.3} (floor odds 1/3, gamma = 1).

Usage (after train.py has dumped the features into --work):
    /tmp/venv-claims/bin/python bench/claims/speakers.py --work /tmp/claims45 gate
"""

import os
import sys
import time

import numpy as np
from joblib import Parallel, delayed

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import train as T  # noqa: E402

# Fixed before any result: the pseudo-count and the two weights.
K = 10.0
WEIGHTS = [0.5, 1.0]
NO_SPEAKER = {"", "SYSTEM"}


def row_speakers(data, groups, rows):
    """The speaker of each dumped row (its line's speaker column), "" for none."""
    speaker = {}
    for g in sorted(set(groups)):
        with open(os.path.join(data, g + ".tsv"), encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) >= 3:
                    speaker[(g, parts[0])] = parts[1].strip()
    out = []
    for g, r in zip(groups, rows):
        s = speaker[(g, r[1])]
        out.append("" if s in NO_SPEAKER else s)
    return np.array(out, dtype=object)


def shift(s, speakers, w):
    """s + w * (the pulled mean of each sentence's speaker's other sentences - the mean)."""
    s = np.asarray(s, dtype=np.float64)
    if not w:
        return s
    m = s.mean()
    out = s.copy()
    for name in set(speakers):
        if not name:
            continue
        idx = np.flatnonzero(speakers == name)
        others = s[idx].sum() - s[idx]
        pulled = (others + K * m) / (len(idx) - 1 + K)
        out[idx] = s[idx] + w * (pulled - m)
    return out


def main():
    ap = T.variant_parser(["gate"])
    args = ap.parse_args()
    t0 = time.time()
    X, y, groups, rows, meta = T.variant_features(args)
    dense, bits = meta["dense"], meta["hash_bits"]
    T.DENSE = dense
    settings = tuple(float(v) for v in args.model.split(","))
    P = T.parts(X, dense, bits)
    spk = row_speakers(args.data, groups, rows)
    names = sorted(set(groups))
    out = Parallel(n_jobs=args.jobs)(
        delayed(T.fit_without)(P, y, groups, [h], settings) for h in names
    )
    z = {h: res[h] for h, res in zip(names, out)}
    idx = {h: np.flatnonzero(groups == h) for h in names}
    many = sum(len(set(spk[idx[h]]) - {""}) > 1 for h in names)
    print(f"transcripts with two speakers or more: {many} of {len(names)}")
    for label, w in [("v3", 0.0)] + [(f"v3 + speakers {w:g}", w) for w in WEIGHTS]:
        for a in T.GATE_ALPHAS:
            alpha, r, slope = (a, 1 / 3, 1.0) if a > 0 else (0.0, 1.0, 1.0)
            per = []
            for h in names:
                s = T.smooth(z[h], alpha, T.floor_logit(r), slope)
                s = shift(s, spk[idx[h]], w)
                per.append(T.ap_p10(T.line_scores(dict(zip(idx[h], s)), rows, idx[h])))
            print(f"{label:20s} alpha={a:<4} MAP {np.mean([p[0] for p in per]):.6f}  "
                  f"P@10 {np.mean([p[1] for p in per]):.4f}", flush=True)
    print(f"gate: a variant's best cell must be >= 0.2531  ({time.time() - t0:.0f} s)")


if __name__ == "__main__":
    main()
