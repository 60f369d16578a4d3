#!/usr/bin/env python3
"""Train the check-worthiness model (issue 13) and write assets/claims-model.bin.

Data: the CLEF-2019 CheckThat! task 1 training transcripts (bench/claims/fetch-clef2019.sh
copies them to /tmp/clef2019/training); never the test split.  The features are computed by the
app's own Rust extractor (`src/core/claims.rs`, through the `claim-features` binary), so the
training and the app cannot disagree; this script only fits weights.

Model: the weight-by-weight average (share beta) of two logistic regressions (scikit-learn,
liblinear, L2), one over the dense cues and the word n-grams' buckets, one over the dense cues
and the character n-grams' buckets (dumped apart); the average is one linear model over the
union of the buckets, which is what the app scores and what the cross-validation scores.  Each
training transcript may weigh the same in the loss (--transcripts balanced, the default).  The
C's, beta, the weighting and the smoothing are chosen by leave-one-transcript-out
cross-validation: each transcript in turn is
held out, the model is trained on the others, and the held-out transcript's lines are ranked by
score (a line's score is the highest score of its sentences, as bench/claims/eval.py does with
the `suggest` binary).  Metrics are those of the CLEF scorer (scorer/main.py of the task's
repository): average precision over the transcript's check-worthy lines, and precision at 10,
each averaged over the held-out transcripts (MAP, mean P@10).

The final model is trained on every training transcript (minus --holdout ones) with the chosen
settings, quantised (weights of the hashed features as i8 or i16 times one scale; bias and dense
weights as f32) and written in the format `ClaimModel::from_bytes` reads.

Usage:
    bench/claims/train.py                      # CV, then write assets/claims-model.bin
    bench/claims/train.py --holdout 20160926_1pres,20170928_trump_tax \
        --out /tmp/clef2019/holdout-model.bin  # train without these; score them in Python
"""

import argparse
import gzip
import json
import os
import struct
import subprocess
import sys
import time

import numpy as np
import scipy.sparse as sp
from joblib import Parallel, delayed
from sklearn.datasets import load_svmlight_file
from sklearn.linear_model import LogisticRegression

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MAGIC = b"AACL"
FORMAT_VERSION = 1


def dump_features(args):
    """Runs the Rust feature extractor; returns (X, y, groups, rows, meta)."""
    files = sorted(
        os.path.join(args.data, f) for f in os.listdir(args.data) if f.endswith(".tsv")
    )
    if not files:
        sys.exit(f"no .tsv files in {args.data}: run bench/claims/fetch-clef2019.sh")
    prefix = os.path.join(args.work, f"features-{args.hash_bits}")
    os.makedirs(args.work, exist_ok=True)
    if not args.no_build:
        subprocess.run(
            ["cargo", "build", "--release", "--quiet", "--bin", "claim-features"],
            cwd=ROOT,
            check=True,
        )
    binary = os.path.join(ROOT, "target", "release", "claim-features")
    subprocess.run(
        [binary, "--hash-bits", str(args.hash_bits), prefix] + files, check=True
    )
    with open(prefix + ".json") as f:
        meta = json.load(f)
    n_features = meta["dense"] + 2 * (1 << meta["hash_bits"])
    X, y, qid = load_svmlight_file(
        prefix + ".svm", n_features=n_features, zero_based=True, query_id=True
    )
    with open(prefix + ".rows") as f:
        rows = [line.rstrip("\n").split("\t") for line in f]
    assert len(rows) == X.shape[0]
    names = [os.path.splitext(os.path.basename(f))[0] for f in files]
    groups = np.array([names[q] for q in qid])
    return X.tocsr(), y.astype(int), groups, rows, meta


def line_scores(scores, rows, idx):
    """Per line of the transcript rows[idx]: (line number, label, max sentence score), in
    line order; `scores` maps a row index to its sentence's score."""
    lines = {}
    for i in idx:
        _, number, label = rows[i]
        key = int(number)
        s = scores[i]
        if key in lines:
            lines[key] = (int(label), max(lines[key][1], s))
        else:
            lines[key] = (int(label), s)
    return [(k, lab, s) for k, (lab, s) in sorted(lines.items())]


def ap_p10(lines):
    """The CLEF scorer's average precision and P@10 of lines [(number, label, score)]:
    sorted by score, descending (stable: ties keep line order)."""
    ranked = sorted(lines, key=lambda t: t[2], reverse=True)
    labels = [lab for _, lab, _ in ranked]
    positives = sum(labels)
    correct = 0
    precisions = []
    for i, lab in enumerate(labels):
        if lab:
            correct += 1
            precisions.append(correct / (i + 1))
    ap = sum(precisions) / positives if positives else 0.0
    p10 = sum(labels[:10]) / 10
    return ap, p10


def parts(X, dense, bits):
    """(words, chars, union) views of the dumped features: dense cues plus the word n-grams'
    buckets, dense cues plus the character n-grams' buckets, and what the app scores: dense cues
    plus the union of both sets of buckets (a bucket counts once)."""
    b = 1 << bits
    d, w, c = X[:, :dense], X[:, dense : dense + b], X[:, dense + b :]
    u = (w + c).minimum(1.0)
    return (
        sp.hstack([d, w]).tocsr(),
        sp.hstack([d, c]).tocsr(),
        sp.hstack([d, u]).tocsr(),
    )


def transcript_weights(groups):
    """Sample weights giving every transcript the same total weight (mean weight 1)."""
    names, inverse, counts = np.unique(groups, return_inverse=True, return_counts=True)
    return (len(groups) / len(names)) / counts[inverse]


class Ensemble:
    """beta * (LR on dense + word buckets) + (1 - beta) * (LR on dense + character buckets),
    averaged weight by weight: one linear model over the union features."""

    def __init__(self, c, c_char, beta, class_weight, balance):
        self.c, self.c_char, self.beta = c, c_char, beta
        self.class_weight, self.balance = class_weight, balance

    def fit(self, Xw, Xc, y, groups):
        sw = transcript_weights(groups) if self.balance else None
        self.coef_, self.intercept_ = 0.0, 0.0
        for X, c, share in ((Xw, self.c, self.beta), (Xc, self.c_char, 1 - self.beta)):
            if share == 0:
                continue
            m = make_model(c, self.class_weight).fit(X, y, sample_weight=sw)
            self.coef_ = self.coef_ + share * m.coef_.ravel()
            self.intercept_ = self.intercept_ + share * float(m.intercept_[0])
        return self

    def decision_function(self, Xu):
        return Xu @ self.coef_ + self.intercept_


def calibrate(model, Xu, y, groups, alpha, window=2):
    """Shifts the bias so that the app's scores (smoothed, see `smooth`) average the training
    sentences' base rate: the transcript weighting and the averaging move it, and the app shows
    claims by their odds relative to that rate.  A shift of the bias moves every smoothed logit
    alike, so the ranking (and the CV figures) do not change."""
    z = model.decision_function(Xu)
    zs = np.empty_like(z)
    for g in np.unique(groups):
        i = np.flatnonzero(groups == g)
        zs[i] = smooth(z[i], alpha, window)
    lo, hi = -20.0, 20.0
    for _ in range(100):
        mid = (lo + hi) / 2
        if np.mean(1 / (1 + np.exp(-(zs + mid)))) > np.mean(y):
            hi = mid
        else:
            lo = mid
    gain = 1 + alpha * sum(1 / k for k in range(1, window + 1))
    model.intercept_ += (lo + hi) / 2 / gain


def make_model(c, class_weight):
    return LogisticRegression(
        C=c,
        class_weight=class_weight,
        solver="liblinear",
        intercept_scaling=10.0,
        max_iter=1000,
    )


def smooth(z, alpha, window=2):
    """ClaimModel::claims's smoothing of one text's sentence logits (in text order): z_i plus
    alpha * sum over k = 1..window of (z_{i-k} + z_{i+k}) / 2k, indices clamped to the text."""
    z = np.asarray(z, dtype=np.float64)
    out = z.copy()
    n = len(z)
    i = np.arange(n)
    for k in range(1, window + 1):
        around = z[np.maximum(i - k, 0)] + z[np.minimum(i + k, n - 1)]
        out += alpha * around / (2 * k)
    return out


def fold(P, y, groups, held, settings):
    """The held-out transcript's row indices (in text order) and their logits."""
    Xw, Xc, Xu = P
    train = groups != held
    test = np.flatnonzero(~train)
    model = Ensemble(*settings).fit(Xw[train], Xc[train], y[train], groups[train])
    return held, test, model.decision_function(Xu[test])


def score_folds(folds, rows, alpha):
    per = {
        held: ap_p10(line_scores(dict(zip(test, smooth(z, alpha))), rows, test))
        for held, test, z in folds
    }
    m = float(np.mean([ap for ap, _ in per.values()]))
    p = float(np.mean([p10 for _, p10 in per.values()]))
    return m, p, per


def cross_validate(P, y, groups, settings, jobs):
    """Leave-one-transcript-out: [(held-out transcript, its rows, their logits)]."""
    return Parallel(n_jobs=jobs)(
        delayed(fold)(P, y, groups, g, settings) for g in sorted(set(groups))
    )


def quantise(model, dense, width):
    w = np.asarray(model.coef_, dtype=np.float64).ravel()
    bias = float(model.intercept_)
    wd, wh = w[:dense], w[dense:]
    top = 127 if width == 1 else 32767
    scale = float(np.max(np.abs(wh))) / top if np.any(wh) else 1.0
    q = np.clip(np.round(wh / scale), -top, top).astype(np.int8 if width == 1 else "<i2")
    return bias, scale, wd.astype("<f4"), q


def model_bytes(meta, bias, scale, alpha, wd, q, width):
    header = MAGIC + struct.pack(
        "<HHBBHfff",
        FORMAT_VERSION,
        meta["features_version"],
        meta["hash_bits"],
        width,
        meta["dense"],
        bias,
        scale,
        alpha,
    )
    return header + wd.astype("<f4").tobytes() + q.tobytes()


def quantised_scores(X, dense, bias, scale, wd, q):
    return (
        bias
        + X[:, :dense] @ wd.astype(np.float64)
        + scale * (X[:, dense:] @ q.astype(np.float64))
    )


def report(label, m, p, per=None):
    print(f"{label}: MAP {m:.4f}  P@10 {p:.4f}")
    if per:
        for g in sorted(per):
            print(f"    {g:32s} AP {per[g][0]:.4f}  P@10 {per[g][1]:.2f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default="/tmp/clef2019/training")
    ap.add_argument("--work", default="/tmp/clef2019")
    ap.add_argument("--hash-bits", type=int, default=18)
    ap.add_argument("--width", type=int, choices=[1, 2], default=1)
    ap.add_argument("--c", type=float, nargs="*", default=[0.03],
                    help="C of the word n-gram model")
    ap.add_argument("--c-char", type=float, nargs="*", default=[0.003, 0.01, 0.03],
                    help="C of the character n-gram model")
    ap.add_argument("--beta", type=float, nargs="*", default=[0.3, 0.5, 0.7],
                    help="share of the word model (1: words only, 0: characters only)")
    ap.add_argument(
        "--class-weight", nargs="*", default=["none"], choices=["none", "balanced"]
    )
    ap.add_argument(
        "--transcripts", nargs="*", default=["balanced"], choices=["none", "balanced"],
        help="balanced: every training transcript weighs the same in the loss",
    )
    ap.add_argument(
        "--smoothing", type=float, nargs="*", default=[0.2, 0.3, 0.4],
        help="share of the neighbours' logits (ClaimModel::claims)",
    )
    ap.add_argument("--holdout", default="", help="comma-separated transcripts left out")
    ap.add_argument("--out", default=os.path.join(ROOT, "assets", "claims-model.bin"))
    ap.add_argument("--no-cv", action="store_true", help="train with the first C and weight")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--verbose", action="store_true", help="per-transcript figures")
    args = ap.parse_args()

    t0 = time.time()
    X, y, groups, rows, meta = dump_features(args)
    holdout = [h for h in args.holdout.split(",") if h]
    for h in holdout:
        if h not in set(groups):
            sys.exit(f"--holdout {h}: no such transcript")
    keep = ~np.isin(groups, holdout)
    print(
        f"{X.shape[0]} sentences ({int(y.sum())} in check-worthy lines), "
        f"{len(set(groups))} transcripts, {X.shape[1]} features "
        f"(features v{meta['features_version']}, 2^{meta['hash_bits']} buckets)"
    )

    P = parts(X, meta["dense"], meta["hash_bits"])
    weights = [None if w == "none" else w for w in args.class_weight]
    grid = [
        (c, cc, beta, cw, tw == "balanced")
        for cw in weights
        for tw in args.transcripts
        for beta in args.beta
        for c in args.c
        for cc in (args.c_char if beta < 1 else args.c_char[:1])
    ]
    best = (grid[0], args.smoothing[0])

    def describe(settings, alpha):
        c, cc, beta, cw, tw = settings
        return (
            f"C={c} C_char={cc} beta={beta} class_weight={cw} "
            f"transcripts={'balanced' if tw else 'none'} smoothing={alpha}"
        )

    if not args.no_cv:
        Pk = tuple(M[keep] for M in P)
        yk, gk = y[keep], groups[keep]
        rk = [r for r, k in zip(rows, keep) if k]
        best_map = -1.0
        for settings in grid:
            folds = cross_validate(Pk, yk, gk, settings, args.jobs)
            for alpha in args.smoothing:
                m, p, per = score_folds(folds, rk, alpha)
                report(f"CV {describe(settings, alpha)}", m, p, per if args.verbose else None)
                if m > best_map:
                    best_map, best, best_per = m, (settings, alpha), (m, p, per)
        report(
            f"best, {describe(*best)} (leave-one-transcript-out over {len(set(gk))})",
            *best_per[:2],
        )
        if not args.verbose:
            report("per transcript", *best_per)

    settings, alpha = best
    chosen = describe(settings, alpha)
    Xw, Xc, Xu = P
    model = Ensemble(*settings).fit(Xw[keep], Xc[keep], y[keep], groups[keep])
    calibrate(model, Xu[keep], y[keep], groups[keep], alpha)
    X = Xu
    bias, scale, wd, q = quantise(model, meta["dense"], args.width)
    blob = model_bytes(meta, bias, scale, alpha, wd, q, args.width)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "wb") as f:
        f.write(blob)
    gz = len(gzip.compress(blob, 9))
    print(
        f"wrote {args.out}: {chosen}, {len(blob)} bytes, "
        f"{gz} bytes gzip -9, {int(np.count_nonzero(q))} non-zero hashed weights"
    )
    if gz > 100_000:
        print("WARNING: over the 100 KB gzip budget", file=sys.stderr)
    for name, s in zip(meta["dense_names"], wd):
        print(f"    {s:+.3f}  {name}")

    if holdout:
        idx = np.flatnonzero(~keep)
        exact = model.decision_function(X[idx])
        quant = quantised_scores(X[idx], meta["dense"], bias, scale, wd, q)
        for label, s in (("float", exact), ("quantised", quant)):
            per = {}
            for h in holdout:
                sub = [i for i, j in enumerate(idx) if groups[j] == h]
                z = smooth(s[sub], alpha)
                per[h] = ap_p10(line_scores(dict(zip(idx[sub], z)), rows, idx[sub]))
            m = float(np.mean([a for a, _ in per.values()]))
            p = float(np.mean([b for _, b in per.values()]))
            report(f"held out ({label} weights, Python)", m, p, per)
    print(f"({time.time() - t0:.0f} s)")


if __name__ == "__main__":
    main()
