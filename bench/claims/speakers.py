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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import train as T  # noqa: E402

# Fixed before any result: the pseudo-count and the two weights.
K = 10.0
WEIGHTS = [0.5, 1.0]
NO_SPEAKER = {"", "SYSTEM"}


def row_speakers(data, groups, rows):
    """The speaker of each dumped row (its line's speaker column), "" for none."""
    speaker = T.line_column(data, groups, 1)
    out = []
    for g, r in zip(groups, rows):
        s = speaker[(g, r[1])].strip()
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
    _, y, groups, rows, _, P, settings = T.variant_v3(args)
    spk = row_speakers(args.data, groups, rows)
    names = sorted(set(groups))
    z = T.loto_logits(P, y, groups, settings, args.jobs)
    many = sum(len(set(spk[groups == h]) - {""}) > 1 for h in names)
    print(f"transcripts with two speakers or more: {many} of {len(names)}")
    variants = [("v3", 0.0)] + [(f"v3 + speakers {w:g}", w) for w in WEIGHTS]
    T.gate_after_smoothing(variants, z, groups, rows, lambda _h, idx, s, w: shift(s, spk[idx], w),
                           width=20)
    print(f"gate: a variant's best cell must be >= 0.2531  ({time.time() - t0:.0f} s)")


if __name__ == "__main__":
    main()
