#!/usr/bin/env python3
"""Train the check-worthiness model (issue 13) and write assets/claims-model.bin.

Data: the CLEF-2019 CheckThat! task 1 training transcripts (bench/claims/fetch-clef2019.sh
copies them to /tmp/clef2019/training); never the test split.  The features are computed by the
app's own Rust extractor (`src/core/claims.rs`, through the `claim-features` binary), so the
training and the app cannot disagree; this script only fits weights.

Model: logistic regression (scikit-learn, liblinear, L2).  The regularisation C and the class
weighting are chosen by leave-one-transcript-out cross-validation: each transcript in turn is
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
    n_features = meta["dense"] + (1 << meta["hash_bits"])
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


def fold(X, y, groups, held, c, cw):
    """The held-out transcript's row indices (in text order) and their logits."""
    train = groups != held
    test = np.flatnonzero(~train)
    model = make_model(c, cw).fit(X[train], y[train])
    return held, test, model.decision_function(X[test])


def score_folds(folds, rows, alpha):
    per = {
        held: ap_p10(line_scores(dict(zip(test, smooth(z, alpha))), rows, test))
        for held, test, z in folds
    }
    m = float(np.mean([ap for ap, _ in per.values()]))
    p = float(np.mean([p10 for _, p10 in per.values()]))
    return m, p, per


def cross_validate(X, y, groups, c, cw, jobs):
    """Leave-one-transcript-out: [(held-out transcript, its rows, their logits)]."""
    return Parallel(n_jobs=jobs)(
        delayed(fold)(X, y, groups, g, c, cw) for g in sorted(set(groups))
    )


def quantise(model, dense, width):
    w = model.coef_.ravel().astype(np.float64)
    bias = float(model.intercept_[0])
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
    ap.add_argument("--c", type=float, nargs="*", default=[0.003, 0.01, 0.03, 0.1, 0.3])
    ap.add_argument(
        "--class-weight", nargs="*", default=["none", "balanced"], choices=["none", "balanced"]
    )
    ap.add_argument(
        "--smoothing", type=float, nargs="*", default=[0.0, 0.1, 0.2, 0.3, 0.5],
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

    weights = [None if w == "none" else w for w in args.class_weight]
    best = (args.c[0], weights[0], args.smoothing[0])
    if not args.no_cv:
        Xk, yk, gk = X[keep], y[keep], groups[keep]
        rk = [r for r, k in zip(rows, keep) if k]
        best_map = -1.0
        for cw in weights:
            for c in args.c:
                folds = cross_validate(Xk, yk, gk, c, cw, args.jobs)
                for alpha in args.smoothing:
                    m, p, per = score_folds(folds, rk, alpha)
                    report(
                        f"CV C={c} class_weight={cw} smoothing={alpha}",
                        m, p, per if args.verbose else None,
                    )
                    if m > best_map:
                        best_map, best, best_per = m, (c, cw, alpha), (m, p, per)
        c, cw, alpha = best
        report(
            f"best, C={c} class_weight={cw} smoothing={alpha} "
            f"(leave-one-transcript-out over {len(set(gk))})",
            *best_per[:2],
        )
        if not args.verbose:
            report("per transcript", *best_per)

    c, cw, alpha = best
    model = make_model(c, cw).fit(X[keep], y[keep])
    bias, scale, wd, q = quantise(model, meta["dense"], args.width)
    blob = model_bytes(meta, bias, scale, alpha, wd, q, args.width)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "wb") as f:
        f.write(blob)
    gz = len(gzip.compress(blob, 9))
    print(
        f"wrote {args.out}: C={c} class_weight={cw} smoothing={alpha}, {len(blob)} bytes, "
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
