#!/usr/bin/env python3
"""Distillation and soft-label variants of the check-worthiness model (issue 13; README
"Distillation (2026-12-03)").  Nothing here runs in the app or writes the shipped model.

Teacher: a logistic regression over the all-MiniLM-L6-v2 sentence embeddings of the CLEF-2019
training lines (bench/claims/embed_minilm.py writes them; one embedding per transcript line,
shared by the line's sentences), every transcript weighing the same, as in v3.

Stages (all LOTO over the 19 training transcripts, v3's smoothings as given):
  gate     the teacher alone, and v3's logits averaged with the teacher's (share w), scored
           by LOTO: is the teacher ahead of v3 at all?
  distill  v3's ensemble (same features, same model format) fitted on soft targets
           t = (1 - lam) * y + lam * q, q the teacher's out-of-fold probability of the
           sentence's line: the teacher that gives q for a training transcript g in the fold
           that holds out h was fitted without g and without h.  Soft targets are fitted as two
           weighted copies of every sentence (label 1 weight t, label 0 weight 1 - t).
  neigh    v3's ensemble with soft positive labels for the lines next to a checked line
           (t = s for lines at distance 1 that are not checked themselves), no teacher.
The Platt scaling after the fit uses the gold labels, as v3's does.

Usage (after train.py has dumped the features into --work, and embed_minilm.py has run):
    /tmp/venv-claims/bin/python bench/claims/distill.py --work /tmp/claims18/v3 \
        --emb /tmp/claims18 gate
"""

import argparse
import os
import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import train as T  # noqa: E402


def load(args):
    ns = argparse.Namespace(data=args.data, work=args.work, hash_bits=18, no_build=True)
    X, y, groups, rows, meta = T.dump_features(ns)
    E = np.load(os.path.join(args.emb, "emb.npy")).astype(np.float64)
    where = {}
    line_label = {}
    with open(os.path.join(args.emb, "emb-keys.tsv")) as f:
        for i, line in enumerate(f):
            g, n, lab = line.rstrip("\n").split("\t")
            where[(g, int(n))] = i
            line_label[(g, int(n))] = int(lab)
    line_of = np.array([where[(r[0], int(r[1]))] for r in rows])
    lines_g = np.array([k[0] for k in sorted(where, key=where.get)])
    line_y = np.array([line_label[k] for k in sorted(where, key=where.get)])
    return X, y, groups, rows, meta, E, line_of, lines_g, line_y


class Teacher:
    """LR over the line embeddings, transcripts weighing the same; fits cached by the set of
    transcripts left out."""

    def __init__(self, E, lines_g, line_y, c):
        self.E, self.lg, self.ly, self.c = E, lines_g, line_y, c
        self.cache = {}

    def logits(self, left_out):
        """Logits of every line from a teacher fitted without the transcripts `left_out`."""
        key = frozenset(left_out)
        if key not in self.cache:
            tr = ~np.isin(self.lg, list(key))
            sw = T.transcript_weights(self.lg[tr])
            m = LogisticRegression(C=self.c, max_iter=2000).fit(
                self.E[tr], self.ly[tr], sample_weight=sw
            )
            self.cache[key] = m.decision_function(self.E)
        return self.cache[key]


def fit_soft(settings, Xw, Xc, Xu, y, t, groups):
    """v3's Ensemble fitted on soft targets t (two weighted copies of every sentence), then
    Platt-scaled on the gold labels y."""
    import scipy.sparse as sp

    c, c_char, beta = settings
    sw = T.transcript_weights(groups)
    soft = (t > 0) & (t < 1)
    # hard rows once, soft rows twice
    lab = np.concatenate([np.where(soft, 1, t.round()).astype(int), np.zeros(soft.sum(), int)])
    w = np.concatenate([np.where(soft, t, 1.0) * sw, (1 - t[soft]) * sw[soft]])
    keep = w > 0
    m = T.Ensemble(c, c_char, beta)
    m.coef_, m.intercept_ = 0.0, 0.0
    for X, cc, share in ((Xw, c, beta), (Xc, c_char, 1 - beta)):
        if share == 0:
            continue
        X2 = sp.vstack([X, X[np.flatnonzero(soft)]]).tocsr()
        lr = T.make_model(cc).fit(X2[keep], lab[keep], sample_weight=w[keep])
        m.coef_ = m.coef_ + share * lr.coef_.ravel()
        m.intercept_ = m.intercept_ + share * float(lr.intercept_[0])
    return m.calibrate(Xu, y)


def neighbour_targets(y, groups, rows, s):
    """Gold labels, with s for the sentences of lines at distance 1 from a checked line."""
    t = y.astype(float).copy()
    checked = {(r[0], int(r[1])) for r, lab in zip(rows, y) if lab}
    for i, r in enumerate(rows):
        g, n = r[0], int(r[1])
        if not y[i] and ((g, n - 1) in checked or (g, n + 1) in checked):
            t[i] = max(t[i], s)
    return t


def score(name, z_of, names, rows, idx, smoothings):
    out = []
    for sm in smoothings:
        per = {g: T.held_ap(z_of[g], rows, idx[g], sm) for g in names}
        out.append((sm, float(np.mean([a for a, _ in per.values()])),
                    float(np.mean([p for _, p in per.values()]))))
    cells = "  ".join(f"a={sm[0]}: {m:.4f} ({p:.3f})" for sm, m, p in out)
    print(f"{name:48s} {cells}", flush=True)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("stage", choices=["gate", "distill", "distill-mix", "neigh"])
    ap.add_argument("--data", default="/tmp/clef2019/training")
    ap.add_argument("--work", default="/tmp/clef2019")
    ap.add_argument("--emb", default="/tmp/clef2019")
    ap.add_argument("--model", default="0.03,0.003,0.5")
    ap.add_argument("--teacher-c", type=float, nargs="*", default=[1.0])
    ap.add_argument("--share", type=float, nargs="*", default=[0.3, 0.5],
                    help="gate: the teacher's share of the averaged logits")
    ap.add_argument("--lam", type=float, nargs="*", default=[0.5],
                    help="distill: the teacher's share of the soft targets")
    ap.add_argument("--soft", type=float, nargs="*", default=[0.3],
                    help="neigh: the target of a checked line's neighbours")
    ap.add_argument("--smoothing", type=float, nargs="*", default=[0.0, 0.2, 0.3])
    args = ap.parse_args()
    t0 = time.time()
    X, y, groups, rows, meta, E, line_of, lines_g, line_y = load(args)
    Xw, Xc, Xu = T.parts(X, meta["dense"], meta["hash_bits"])
    names = sorted(set(groups))
    idx = {g: np.flatnonzero(groups == g) for g in names}
    fl = T.floor_logit(1 / 3)
    smoothings = [(a, 1 / 3, 1.0) if a > 0 else (0.0, 1.0, 1.0) for a in args.smoothing]
    del fl
    settings = tuple(float(v) for v in args.model.split(","))
    print(f"{len(y)} sentences, {E.shape[0]} lines embedded ({E.shape[1]} dims)", flush=True)

    def v3_loto():
        z = {}
        for h in names:
            tr = groups != h
            m = T.Ensemble(*settings).fit(Xw[tr], Xc[tr], Xu[tr], y[tr], groups[tr])
            z[h] = m.decision_function(Xu[idx[h]])
        return z

    def students(teacher_logit, lam):
        """Per held-out transcript h, the logits of a student fitted on the other transcripts
        with targets (1 - lam) * label + lam * sigmoid(teacher_logit(h, g)) for transcript g
        (a teacher that saw neither h nor g)."""
        z = {}
        for h in names:
            tr = groups != h
            q = np.zeros(len(y))
            for g in names:
                if g != h:
                    q[idx[g]] = 1 / (1 + np.exp(-teacher_logit(h, g)))
            t = (1 - lam) * y + lam * q
            m = fit_soft(settings, Xw[tr], Xc[tr], Xu[tr], y[tr], t[tr], groups[tr])
            z[h] = m.decision_function(Xu[idx[h]])
        return z

    if args.stage == "gate":
        zv = v3_loto()
        score("v3", zv, names, rows, idx, smoothings)
        print(f"  ({time.time() - t0:.0f} s)", flush=True)
        for c in args.teacher_c:
            te = Teacher(E, lines_g, line_y, c)
            zt = {h: te.logits([h])[line_of[idx[h]]] for h in names}
            score(f"teacher C={c}", zt, names, rows, idx, smoothings)
            for w in args.share:
                zm = {h: (1 - w) * zv[h] + w * zt[h] for h in names}
                score(f"  (1-{w}) v3 + {w} teacher C={c}", zm, names, rows, idx, smoothings)
            print(f"  ({time.time() - t0:.0f} s)", flush=True)
    elif args.stage == "distill":
        for c in args.teacher_c:
            te = Teacher(E, lines_g, line_y, c)
            for lam in args.lam:
                z = students(lambda h, g, te=te: te.logits([h, g])[line_of[idx[g]]], lam)
                score(f"distilled, teacher C={c}, lam={lam}", z, names, rows, idx, smoothings)
                print(f"  ({time.time() - t0:.0f} s)", flush=True)
    elif args.stage == "distill-mix":
        # The teacher is v3 averaged with the embedding teacher (share w; w = 0: v3 alone,
        # self-distillation): q for training transcript g in the fold holding out h comes from
        # fits without h and g (v3's ensemble and the embedding LR).
        zpair = {}
        for h in names:
            for g in names:
                if g < h:
                    tr = (groups != h) & (groups != g)
                    m = T.Ensemble(*settings).fit(Xw[tr], Xc[tr], Xu[tr], y[tr], groups[tr])
                    zpair[(h, g)] = m.decision_function(Xu[idx[g]])
                    zpair[(g, h)] = m.decision_function(Xu[idx[h]])
        print(f"  v3 fits without pairs done ({time.time() - t0:.0f} s)", flush=True)
        for c in args.teacher_c:
            te = Teacher(E, lines_g, line_y, c)
            for w in args.share:
                for lam in args.lam:

                    def mixed(h, g, te=te, w=w):
                        zt = te.logits([h, g])[line_of[idx[g]]] if w > 0 else 0.0
                        return (1 - w) * zpair[(h, g)] + w * zt

                    z = students(mixed, lam)
                    score(f"distilled from (1-{w}) v3 + {w} teacher C={c}, lam={lam}", z,
                          names, rows, idx, smoothings)
                    print(f"  ({time.time() - t0:.0f} s)", flush=True)
    else:
        for s in args.soft:
            t_all = neighbour_targets(y, groups, rows, s)
            z = {}
            for h in names:
                tr = groups != h
                m = fit_soft(settings, Xw[tr], Xc[tr], Xu[tr], y[tr], t_all[tr], groups[tr])
                z[h] = m.decision_function(Xu[idx[h]])
            score(f"neighbours' lines soft {s}", z, names, rows, idx, smoothings)
            print(f"  ({time.time() - t0:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
