#!/usr/bin/env python3
"""A transcript's own intercept (issue 13; README "A transcript's own intercept"): v3's
ensemble fitted with one indicator column per training transcript, so that what sets one
transcript's share of checked sentences apart from another's (a speech against a debate) goes
to that transcript's intercept and not to the words and cues.  A transcript scored is never one
the fit saw, so its column has weight 0 (no training row has it) and it is scored by the words
and cues alone, as the app scores an article.  Nothing here runs in the app or writes the
shipped model.

Stage `gate`: LOTO over the 19 CLEF-2019 training transcripts, v3 and the variants, with alpha
in {0, 0.2, 0.3} (floor odds 1/3, gamma = 1).  Stage `columns`: writes a variant's columns for
`train.py --append-columns` (the nested run).

Usage (after train.py has dumped the features into --work):
    /tmp/venv-claims/bin/python bench/claims/fixed_effects.py --work /tmp/claims42 gate
    /tmp/venv-claims/bin/python bench/claims/fixed_effects.py --work /tmp/claims42 columns --value 10
"""

import os
import sys
import time

import numpy as np
import scipy.sparse as sp

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import train as T  # noqa: E402

# The variants, fixed before any was scored: the indicator's value.  10 is the value
# train.make_model gives the model's own intercept (liblinear's intercept_scaling, which
# regularises the intercept as a feature of that value); 1 is a cue's scale.
VALUES = [10.0, 1.0]


def indicators(groups, value):
    """(n, transcripts) sparse matrix: `value` in the column of the row's transcript."""
    names = sorted(set(groups))
    col = np.searchsorted(names, groups)
    n = len(groups)
    return sp.csr_matrix((np.full(n, value), (np.arange(n), col)), shape=(n, len(names)))


def main():
    ap = T.variant_parser(["gate", "columns"])
    ap.add_argument("--value", type=float, default=VALUES[0], help="stage columns: the value")
    args = ap.parse_args()
    t0 = time.time()
    X, y, groups, rows, meta = T.variant_features(args)
    dense, bits = meta["dense"], meta["hash_bits"]
    if args.stage == "columns":
        out = os.path.join(args.work, f"columns-fe{args.value:g}.npz")
        sp.save_npz(out, indicators(groups, args.value))
        print(f"wrote {out}")
        return
    settings = tuple(float(v) for v in args.model.split(","))
    runs = [("v3", X, dense)]
    for v in VALUES:
        I = indicators(groups, v)
        runs.append((f"v3 + fe {v:g}", sp.hstack([X[:, :dense], I, X[:, dense:]]).tocsr(),
                     dense + I.shape[1]))
    for label, Xm, d in runs:
        T.gate_rows(label, Xm, d, bits, y, groups, rows, settings, args.jobs, digits=6)
    print(f"gate: a variant's best cell must be >= 0.2531  ({time.time() - t0:.0f} s)")


if __name__ == "__main__":
    main()
