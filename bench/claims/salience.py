#!/usr/bin/env python3
"""What the text is about (issue 13; README "What the text is about"): v3's ensemble with two
more dense cues, how much a sentence's content words recur in the rest of its transcript
(`sal_mean`, `sal_max`, standardised per transcript).  No label is read to compute them.
Nothing here runs in the app or writes the shipped model.

Stage `gate`: LOTO over the 19 CLEF-2019 training transcripts, v3 and the variant, with
alpha in {0, 0.2, 0.3} (floor odds 1/3, gamma = 1).

Usage (after train.py has dumped the features into --work):
    /tmp/venv-claims/bin/python bench/claims/salience.py --work /tmp/claims36 gate
"""

import math
import os
import re
import sys
import time
from collections import Counter

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import train as T  # noqa: E402

WORD = re.compile(r"[a-z]+")


def content_words(text):
    return {w for w in WORD.findall(text.lower()) if len(w) >= 3 and w not in ENGLISH_STOP_WORDS}


def standardise(s):
    sd = s.std()
    return (s - s.mean()) / sd if sd > 0 else s * 0.0


def salience(data, rows, groups):
    """(n, 2) array: sal_mean and sal_max of every dumped sentence (its line's text)."""
    lines = {k: content_words(t) for k, t in T.line_texts(data, groups).items()}
    out = np.zeros((len(rows), 2))
    for g in sorted(set(groups)):
        idx = np.flatnonzero(groups == g)
        # n_d(w): lines of the transcript containing w (each line once).
        keys = sorted({rows[i][1] for i in idx}, key=int)
        df = Counter(w for k in keys for w in lines[(g, k)])
        for i in idx:
            ws = lines[(g, rows[i][1])]
            v = [math.log(1 + df[w] - 1) for w in ws]
            out[i] = (np.mean(v), max(v)) if v else (0.0, 0.0)
        out[idx, 0] = standardise(out[idx, 0])
        out[idx, 1] = standardise(out[idx, 1])
    return out


def main():
    ap = T.variant_parser(["gate"])
    args = ap.parse_args()
    t0 = time.time()
    X, y, groups, rows, meta = T.variant_features(args)
    dense, bits = meta["dense"], meta["hash_bits"]
    S = salience(args.data, rows, groups)
    for k, name in enumerate(["sal_mean", "sal_max"]):
        pos, neg = S[y == 1, k].mean(), S[y == 0, k].mean()
        print(f"{name}: mean {pos:+.3f} on checked sentences, {neg:+.3f} on the others")
    XS = sp.hstack([X[:, :dense], sp.csr_matrix(S), X[:, dense:]]).tocsr()
    settings = tuple(float(v) for v in args.model.split(","))
    for label, Xm, d in (("v3", X, dense), ("v3 + salience", XS, dense + 2)):
        T.gate_rows(label, Xm, d, bits, y, groups, rows, settings, args.jobs)
    print(f"gate: the variant's best cell must be >= 0.2531  ({time.time() - t0:.0f} s)")


if __name__ == "__main__":
    main()
