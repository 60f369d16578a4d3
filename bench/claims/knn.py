#!/usr/bin/env python3
"""A memory of checked sentences (issue 13; README "Memory of checked sentences"): v3's logit
plus a nearest-neighbour score, the cosine similarity of a sentence's word n-grams (the word
member's hashed buckets, idf-weighted, L2-normalised) to the checked sentences of the training
transcripts.  Nothing here runs in the app or writes the shipped model.

Stages (LOTO over the 19 CLEF-2019 training transcripts):
  gate    v3 and the 18 cells (knn1/knn3 x w x alpha), each by LOTO
  nested  each transcript scored with the cell best by LOTO over the other 18 (their logits
          and memories computed without it too), among the 18 cells and v3's own 3

Usage (after train.py has dumped the features into --work):
    /tmp/venv-claims/bin/python bench/claims/knn.py --work /tmp/claims29 gate
"""

import argparse
import os
import sys
import time

import numpy as np
import scipy.sparse as sp

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import train as T  # noqa: E402

WS = [0.25, 0.5, 1.0]
ALPHAS = [0.0, 0.2, 0.3]
KINDS = ["knn1", "knn3"]


def smoothing(a):
    return (a, 1 / 3, 1.0) if a > 0 else (0.0, 1.0, 1.0)


def word_buckets(X, dense, bits):
    """The word member's buckets alone (binary), one row a sentence."""
    b = 1 << bits
    return X[:, dense : dense + b].tocsr()


def knn_scores(W, train_rows, pos_rows, score_rows):
    """knn1 and knn3 of the sentences score_rows: cosine of idf-weighted, L2-normalised word
    buckets to the checked sentences pos_rows; idf over train_rows."""
    n = len(train_rows)
    df = np.asarray((W[train_rows] > 0).sum(axis=0)).ravel()
    idf = np.log((1 + n) / (1 + df)) + 1.0
    D = sp.diags(idf)

    def norm(M):
        M = (M @ D).tocsr()
        s = np.sqrt(np.asarray(M.multiply(M).sum(axis=1)).ravel())
        s[s == 0] = 1.0
        return sp.diags(1 / s) @ M

    P = norm(W[pos_rows])
    Q = norm(W[score_rows])
    S = (Q @ P.T).toarray()  # sentences x memory
    top = -np.sort(-S, axis=1)
    k1 = top[:, 0] if top.shape[1] else np.zeros(len(score_rows))
    k3 = top[:, :3].mean(axis=1) if top.shape[1] else np.zeros(len(score_rows))
    return {"knn1": k1, "knn3": k3}


def standardise(s):
    sd = s.std()
    return (s - s.mean()) / sd if sd > 0 else s * 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("stage", choices=["gate", "nested", "heldout"])
    ap.add_argument("--heldout", default="/tmp/clef2020/test-gold",
                    help="heldout: transcripts only scored (README \"The memory on debates no "
                    "choice saw\")")
    ap.add_argument("--data", default="/tmp/clef2019/training")
    ap.add_argument("--work", default="/tmp/clef2019")
    ap.add_argument("--model", default="0.03,0.003,0.5")
    args = ap.parse_args()
    t0 = time.time()
    if args.stage == "heldout":
        return heldout(args, t0)
    ns = argparse.Namespace(data=args.data, work=args.work, hash_bits=18, no_build=True, extra="")
    X, y, groups, rows, meta = T.dump_features(ns)
    Xw, Xc, Xu = T.parts(X, meta["dense"], meta["hash_bits"])
    W = word_buckets(X, meta["dense"], meta["hash_bits"])
    names = sorted(set(groups))
    idx = {g: np.flatnonzero(groups == g) for g in names}
    settings = tuple(float(v) for v in args.model.split(","))

    def logits(left_out, score):
        """v3's logits of transcript `score` from a fit without the transcripts left_out."""
        tr = ~np.isin(groups, list(left_out))
        m = T.Ensemble(*settings).fit(Xw[tr], Xc[tr], Xu[tr], y[tr], groups[tr])
        return m.decision_function(Xu[idx[score]])

    def memory(left_out, score):
        tr = np.flatnonzero(~np.isin(groups, list(left_out)))
        pos = tr[y[tr] == 1]
        return knn_scores(W, tr, pos, idx[score])

    cells = [("v3", 0.0, a) for a in ALPHAS] + [
        (k, w, a) for k in KINDS for w in WS for a in ALPHAS
    ]

    def cell_ap(z, kn, cell, g):
        kind, w, a = cell
        zz = z if kind == "v3" else z + w * standardise(kn[kind])
        return T.held_ap(zz, rows, idx[g], smoothing(a))

    # LOTO: every transcript h with a fit and a memory without h.
    z1 = {h: logits([h], h) for h in names}
    k1 = {h: memory([h], h) for h in names}
    loto = {}
    for cell in cells:
        per = [cell_ap(z1[h], k1[h], cell, h) for h in names]
        loto[cell] = (float(np.mean([a for a, _ in per])), float(np.mean([p for _, p in per])))
    if args.stage == "gate":
        for cell in cells:
            m, p = loto[cell]
            print(f"{cell[0]:5s} w={cell[1]:<5} alpha={cell[2]:<4} MAP {m:.4f}  P@10 {p:.4f}")
        best = max(cells[3:], key=lambda c: loto[c][0])
        print(f"best knn cell {best}: {loto[best][0]:.4f} (gate 0.2531)  ({time.time() - t0:.0f} s)")
        return
    # Nested: for each h, the best cell by LOTO over the other 18 (fits without h and g).
    nested = []
    for h in names:
        inner = [g for g in names if g != h]
        zg = {g: logits([h, g], g) for g in inner}
        kg = {g: memory([h, g], g) for g in inner}
        score = {c: np.mean([cell_ap(zg[g], kg[g], c, g)[0] for g in inner]) for c in cells}
        chosen = max(cells, key=lambda c: score[c])
        a, p = cell_ap(z1[h], k1[h], chosen, h)
        nested.append((a, p))
        print(f"{h}: chose {chosen} (inner {score[chosen]:.4f}), AP {a:.4f}", flush=True)
    print(f"nested MAP {np.mean([a for a, _ in nested]):.4f}  P@10 "
          f"{np.mean([p for _, p in nested]):.4f}  ({time.time() - t0:.0f} s)")


def heldout(args, t0):
    """v3 and the memory from all CLEF-2019 training transcripts, scored on --heldout's."""
    ns = argparse.Namespace(
        data=args.data, work=args.work, hash_bits=18, no_build=True, extra=args.heldout
    )
    X, y, groups, rows, meta = T.dump_features(ns)
    Xw, Xc, Xu = T.parts(X, meta["dense"], meta["hash_bits"])
    W = word_buckets(X, meta["dense"], meta["hash_bits"])
    test = T.is_extra(groups)
    tr = np.flatnonzero(~test)
    settings = tuple(float(v) for v in args.model.split(","))
    m = T.Ensemble(*settings).fit(Xw[tr], Xc[tr], Xu[tr], y[tr], groups[tr])
    names = sorted(set(groups[test]))
    idx = {g: np.flatnonzero(groups == g) for g in names}
    pos = tr[y[tr] == 1]
    z = {g: m.decision_function(Xu[idx[g]]) for g in names}
    kn = {g: knn_scores(W, tr, pos, idx[g]) for g in names}
    print(f"{len(tr)} training sentences ({len(pos)} checked), {len(names)} transcripts scored")
    cells = [("v3", 0.0, a) for a in ALPHAS] + [
        (k, w, a) for k in KINDS for w in WS for a in ALPHAS
    ]
    res = {}
    for kind, w, a in cells:
        per = []
        for g in names:
            zz = z[g] if kind == "v3" else z[g] + w * standardise(kn[g][kind])
            per.append(T.held_ap(zz, rows, idx[g], smoothing(a)))
        res[(kind, w, a)] = (np.mean([p[0] for p in per]), np.mean([p[1] for p in per]))
        print(f"{kind:5s} w={w:<5} alpha={a:<4} MAP {res[(kind, w, a)][0]:.4f}  "
              f"P@10 {res[(kind, w, a)][1]:.4f}")
    fixed, base = res[("knn1", 0.25, 0.3)], res[("v3", 0.0, 0.2)]
    print(f"fixed cell knn1 w=0.25 alpha=0.3: MAP {fixed[0]:.4f} against v3 as shipped "
          f"{base[0]:.4f}: {'generalises' if fixed[0] >= base[0] + 0.003 else 'does not'} "
          f"(margin 0.003)  ({time.time() - t0:.0f} s)")


if __name__ == "__main__":
    main()
