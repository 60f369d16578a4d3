#!/usr/bin/env python3
"""Train the check-worthiness model (issue 13) and write assets/claims-model.bin.

Data: the CLEF-2019 CheckThat! task 1 training transcripts (bench/claims/fetch-clef2019.sh
copies them to /tmp/clef2019/training); never the test split.  The features are computed by the
app's own Rust extractor (`src/core/claims.rs`, through the `claim-features` binary), so the
training and the app cannot disagree; this script only fits weights.

Model: the weight-by-weight average (share beta of the first) of two logistic regressions
(scikit-learn, liblinear, L2), one over the dense cues and the word n-grams' buckets (C), one
over the dense cues and the character n-grams' buckets (C_char), dumped apart; beta = 1 is the
word model alone.  The average is one linear model over the union of the buckets, which is what
the app scores and what the cross-validation scores.  Every training transcript weighs the same
in the loss (sample weights inverse to its number of sentences, mean 1); no class weighting.
The averaged logits are then calibrated on the training sentences by Platt scaling (a logistic
regression of the labels on the logit: z -> a z + b, a > 0, ranking unchanged): averaging two
models' weights shrinks the spread of the logits, which a single LR fitted to the same data
does not have, and the app's thresholds read the scores as probabilities (CHECKED_SHARE).

Ranking variants (`--models pair:...` and `mix:...`, README "Ranking objective"; none is
shipped): the same two members fitted with a pairwise logistic loss on differences of a
positive and a negative sentence of the same transcript (PairEnsemble), alone or averaged with
the pointwise ensemble (Mix).  A mix reuses its members' fits when they are in the grid too and
--jobs is 1.

NB-weighted features (`--models nb:C,C_char,beta[,b]`, README "NB-weighted features"; none
shipped): each member's hashed features scaled by their log-count ratios in the training fold
(NBEnsemble, Wang & Manning 2012), the weights folded back onto the raw features.

Smoothing (`smooth`, as `ClaimModel::claims` computes it): a sentence's logit z_i borrows from
the two sentences on each side, lift_i = alpha * sum_{k=1,2} (z_{i-k} + z_{i+k} - 2 z_i) / 2k
(positive when its neighbours score higher), but a lift is capped by how far the sentence's own
logit is above a floor phi: f_i = z_i + min(lift_i, max(0, slope * (z_i - phi))).  A sentence
whose own score is below the floor can be lowered by its neighbours, never raised.  The floor
is given as a ratio r of odds to the base rate 440/16421 (`CHECKED_SHARE` of
src/core/suggestions.rs).  The shipped model has r = 1/3, under the app's threshold for
suggesting a claim (`CLAIM_MIN_SCORE` 0.7, odds ratio 7/3, chosen after training so that about
one sentence in twenty of a transcript passes): a sentence under a third of the average odds
is never lifted by its neighbours (a sentence between the floor and the threshold can be);
`--floor-odds 1` puts the floor at the threshold (LOTO MAP 0.2494 in the same run).  slope 1 caps the lift at the distance to the floor; a large slope
(1000) lets any sentence above the floor borrow in full.

Evaluation: leave-one-transcript-out cross-validation (LOTO): each transcript in turn is held
out, the model is trained on the others, and the held-out transcript's lines are ranked by score
(a line's score is the highest score of its sentences, as bench/claims/eval.py does with the
`suggest` binary).  Metrics are those of the CLEF scorer (scorer/main.py of the task's
repository): average precision over the transcript's check-worthy lines, and precision at 10,
each averaged over the held-out transcripts (MAP, mean P@10).

Selection: the grid (model settings x smoothing settings, fixed in advance by the defaults
below) is scored by LOTO; the setting with the best LOTO MAP is the one shipped.  The best of a
grid is optimistic, so --nested (the default) also measures the whole procedure honestly:
for each held-out transcript, the setting is chosen by LOTO over the other 18 only, and the
held-out transcript is scored with it (nested cross-validation).  It needs a fit for every pair
of transcripts left out (171 fits per model setting, shared by the inner loops).

The final model is trained on every training transcript (minus --holdout ones) with the chosen
settings, quantised (weights of the hashed features as i8 or i16 times one scale; bias and dense
weights as f32) and written in the format `ClaimModel::from_bytes` reads.

Usage:
    bench/claims/train.py                      # nested CV, CV, then write assets/claims-model.bin
    bench/claims/train.py --no-cv --models 0.03,0.003,0.5 --smoothing 0.3 --floor-odds 0.3333 \
        --slope 1 --holdout 20160926_1pres,20170928_trump_tax \
        --out /tmp/clef2019/holdout-model.bin  # train without these; score them in Python
    bench/claims/train.py --no-nested --extra /tmp/clef2020/test-gold --extra-weight 0 0.3 1 \
        --out /tmp/clef2019/x.bin  # more transcripts in every training fold, never scored
"""

import argparse
import gzip
import itertools
import json
import math
import os
import struct
import subprocess
import sys
import time
import zlib

import numpy as np
import scipy.sparse as sp
from joblib import Parallel, delayed
from sklearn.datasets import load_svmlight_file
from sklearn.linear_model import LogisticRegression

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MAGIC = b"AACL"
FORMAT_VERSION = 2
# `CHECKED_SHARE` of src/core/suggestions.rs: the base rate the app's thresholds refer to.
CHECKED_SHARE = 440 / 16421
WINDOW = 2
# The prefix of an --extra transcript's group name.
EXTRA = "extra:"
# --extra-weight: an extra transcript's total weight in the loss, relative to a CLEF-2019 one.
EXTRA_WEIGHT = 1.0
# The number of dense cues before the hashed buckets (set from the dump's metadata in main;
# only the NB variants need it).
DENSE = 24
# The NB variants' additive smoothing of the log-count ratios (Wang & Manning's alpha).
NB_ALPHA = 1.0
# --repeats: the share of the gap to a sentence's best near-repeat (0: none).
REPEATS = 0.0
_PAIRS = {}


def dump_features(args):
    """Runs the Rust feature extractor; returns (X, y, groups, rows, meta)."""
    files = sorted(
        os.path.join(args.data, f) for f in os.listdir(args.data) if f.endswith(".tsv")
    )
    if not files:
        sys.exit(f"no .tsv files in {args.data}: run bench/claims/fetch-clef2019.sh")
    extra = []
    if args.extra:
        extra = sorted(
            os.path.join(args.extra, f) for f in os.listdir(args.extra) if f.endswith(".tsv")
        )
        if not extra:
            sys.exit(f"no .tsv files in {args.extra}: run bench/claims/fetch-clef2020.sh")
    files += extra
    tag = "-extra" if extra else ""
    prefix = os.path.join(args.work, f"features-{args.hash_bits}{tag}")
    os.makedirs(args.work, exist_ok=True)
    if not args.no_build:
        subprocess.run(
            ["cargo", "build", "--release", "--quiet", "--bin", "claim-features"],
            cwd=ROOT,
            check=True,
        )
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
    binary = os.path.join(target, "release", "claim-features")
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
    # Extra transcripts are named EXTRA + name: training only, never held out or scored.
    names = [
        (EXTRA if f in extra else "") + os.path.splitext(os.path.basename(f))[0] for f in files
    ]
    groups = np.array([names[q] for q in qid])
    return X.tocsr(), y.astype(int), groups, rows, meta


def variant_parser(stages, work="/tmp/clef2019"):
    """The command line the variant scripts (fixed_effects.py, repeats.py, salience.py…)
    share: the stage, the transcripts, the work folder, v3's model setting, parallel jobs."""
    ap = argparse.ArgumentParser()
    ap.add_argument("stage", choices=stages)
    ap.add_argument("--data", default="/tmp/clef2019/training")
    ap.add_argument("--work", default=work)
    ap.add_argument("--model", default="0.03,0.003,0.5")
    ap.add_argument("--jobs", type=int, default=2)
    return ap


def variant_features(args, extra=""):
    """dump_features for a variant script's arguments (2^18 buckets, the binary built
    already); `extra`: a folder of transcripts only scored."""
    ns = argparse.Namespace(data=args.data, work=args.work, hash_bits=18, no_build=True,
                            extra=extra)
    return dump_features(ns)


def variant_v3(args, extra=""):
    """What a variant that changes the scores after v3's fit needs (repeats.py, speakers.py):
    variant_features, v3's views of them (`parts`, DENSE set) and its model setting
    (`--model`). Returns (X, y, groups, rows, meta, P, settings)."""
    global DENSE
    X, y, groups, rows, meta = variant_features(args, extra)
    DENSE = meta["dense"]
    settings = tuple(float(v) for v in args.model.split(","))
    return X, y, groups, rows, meta, parts(X, meta["dense"], meta["hash_bits"]), settings


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


def is_extra(groups):
    return np.char.startswith(groups.astype(str), EXTRA)


def transcript_weights(groups):
    """Sample weights giving every transcript the same total weight (mean weight 1), an
    --extra transcript EXTRA_WEIGHT times that."""
    names, inverse, counts = np.unique(groups, return_inverse=True, return_counts=True)
    w = (len(groups) / len(names)) / counts[inverse]
    return np.where(is_extra(groups), EXTRA_WEIGHT * w, w)


def make_model(c):
    return LogisticRegression(
        C=c, solver="liblinear", intercept_scaling=10.0, max_iter=1000
    )


class Linear:
    """A linear model over the union features: `coef_`, `intercept_`, scored as the app does."""

    def calibrate(self, Xu, y, groups=None):
        """Platt-scales the logits on the training sentences (`platt`; a > 0, so the ranking
        is unchanged); on the CLEF-2019 ones only when there are --extra transcripts, whose
        share of checked sentences is another (the app's thresholds refer to CHECKED_SHARE)."""
        if groups is not None:
            own = ~is_extra(groups)
            Xu, y = Xu[own], y[own]
        a, b = platt(self.decision_function(Xu), y)
        self.coef_ = a * self.coef_
        self.intercept_ = a * self.intercept_ + b
        return self

    def decision_function(self, Xu):
        return Xu @ self.coef_ + self.intercept_


class Ensemble(Linear):
    """beta * (LR on dense + word buckets) + (1 - beta) * (LR on dense + character buckets),
    averaged weight by weight: one linear model over the union features.  Transcripts weigh
    the same; the logits are then Platt-scaled on the training sentences (`platt`)."""

    def __init__(self, c, c_char, beta):
        self.c, self.c_char, self.beta = c, c_char, beta

    def fit(self, Xw, Xc, Xu, y, groups):
        sw = transcript_weights(groups)
        self.coef_, self.intercept_ = 0.0, 0.0
        for X, c, share in ((Xw, self.c, self.beta), (Xc, self.c_char, 1 - self.beta)):
            if share == 0:
                continue
            coef, intercept = self.member(X, y, sw, c)
            self.coef_ = self.coef_ + share * coef
            self.intercept_ = self.intercept_ + share * intercept
        return self.calibrate(Xu, y, groups)

    def member(self, X, y, sw, c):
        """One member's (weights, intercept) over X's columns (dense cues, then buckets)."""
        m = make_model(c).fit(X, y, sample_weight=sw)
        return m.coef_.ravel(), float(m.intercept_[0])


def nb_ratios(H, y, sw, alpha=NB_ALPHA):
    """Wang & Manning's log-count ratios of the columns of H (hashed buckets): r_j =
    log((p_j / |p|_1) / (q_j / |q|_1)), p = alpha + the sum of the binarised column over the
    positive rows, each row weighing sw (the transcript weights), q the same over the negative
    rows.  The norms sum over the buckets that occur in H; a bucket that does not occur gets
    r_j = 0 (an LR gives it weight 0 anyway).  Computed from the training fold only."""
    B = H.tocsc(copy=True)
    B.data = (B.data != 0).astype(np.float64)
    pos = B.T @ (sw * (y == 1))
    neg = B.T @ (sw * (y == 0))
    seen = B.getnnz(axis=0) > 0
    p, q = alpha + pos[seen], alpha + neg[seen]
    r = np.zeros(H.shape[1])
    r[seen] = np.log(p / p.sum()) - np.log(q / q.sum())
    return r


class NBEnsemble(Ensemble):
    """NB-weighted features (NB-LR, the logistic-regression form of Wang & Manning 2012's
    NBSVM; README "NB-weighted features", none shipped): v3's Ensemble, but each member's
    hashed features are multiplied by the log-count ratios r_j of its own buckets in the
    training fold (`nb_ratios`; dense cues untouched) before the fit, and the fitted weights
    are folded back onto the raw features (w'_j = r_j w_j): one linear model over the same
    features, so the app's scorer and the model file would not change.  interp = b < 1 is
    Wang & Manning's interpolation: the member's hashed weights (scaled space) become
    (1 - b) * mean|w| + b * w_j over the buckets that occur (mean over those), before folding;
    dense weights and intercept as fitted.  Needs DENSE (the number of dense cues)."""

    def __init__(self, c, c_char, beta, interp=1.0):
        super().__init__(c, c_char, beta)
        self.interp = interp

    def member(self, X, y, sw, c):
        r = nb_ratios(X[:, DENSE:], y, sw)
        scale = np.concatenate([np.ones(DENSE), r])
        coef, intercept = super().member(X @ sp.diags(scale), y, sw, c)
        if self.interp < 1.0:
            h, seen = coef[DENSE:], r != 0
            mean = float(np.mean(np.abs(h[seen]))) if np.any(seen) else 0.0
            b = self.interp
            coef = np.concatenate([coef[:DENSE], np.where(seen, (1 - b) * mean + b * h, 0.0)])
        return coef * scale, intercept


def transcript_df(X, groups):
    """For each column of X, in how many of the transcripts of `groups` it is non-zero (the
    dense cues count as in all of them)."""
    names = np.unique(groups)
    df = np.zeros(X.shape[1], dtype=np.int64)
    for g in names:
        df[np.unique(X[groups == g].indices)] += 1
    df[:DENSE] = len(names)
    return df


class DFEnsemble(Ensemble):
    """v3's Ensemble with each member's hashed buckets kept only when they occur in at least
    `k` of the fold's training transcripts (README "Transcript frequency and smoothing
    window", none shipped): the other buckets get weight 0, so the model file and the Rust
    scorer would not change."""

    def __init__(self, k, c, c_char, beta):
        self.k = int(k)
        super().__init__(c, c_char, beta)

    def member(self, X, y, sw, c):
        keep = (transcript_df(X, self._groups) >= self.k).astype(np.float64)
        coef, intercept = super().member((X @ sp.diags(keep)).tocsr(), y, sw, c)
        return coef * keep, intercept

    def fit(self, Xw, Xc, Xu, y, groups):
        self._groups = groups
        return super().fit(Xw, Xc, Xu, y, groups)


def sample_pairs(y, groups, per_positive):
    """The ranking variants' pairs: for every positive sentence, `per_positive` negative
    sentences of the same transcript, drawn without replacement with a seed fixed by the
    transcript's name (a transcript gets the same pairs in every fold).  Returns (pos, neg,
    group) arrays of row indices and transcript names."""
    pos_rows, neg_rows, pair_groups = [], [], []
    for g in sorted(set(groups)):
        idx = np.flatnonzero(groups == g)
        pos, neg = idx[y[idx] == 1], idx[y[idx] == 0]
        if len(pos) == 0 or len(neg) == 0:
            continue
        rng = np.random.default_rng(zlib.crc32(g.encode()))
        k = min(per_positive, len(neg))
        for p in pos:
            pos_rows.extend([p] * k)
            neg_rows.extend(rng.choice(neg, size=k, replace=False))
            pair_groups.extend([g] * k)
    return np.array(pos_rows), np.array(neg_rows), np.array(pair_groups)


class PairEnsemble(Ensemble):
    """The ranking objective (RankSVM-style, logistic loss): the same two members and average
    as Ensemble, but each member is a logistic regression without intercept on the differences
    of the feature vectors of a positive and a negative sentence of the same transcript
    (`sample_pairs`; alternating signs, label 1 for positive - negative).  Every transcript
    weighs the same, its pairs sharing its weight; the pairs' weights sum to the number of
    training sentences.  Then Platt-scaled on the training sentences, which gives the bias."""

    per_positive = 20

    def fit(self, Xw, Xc, Xu, y, groups):
        pos, neg, pg = sample_pairs(y, groups, self.per_positive)
        names, inverse, counts = np.unique(pg, return_inverse=True, return_counts=True)
        sw = (len(y) / len(names)) / counts[inverse]
        sign = np.where(np.arange(len(pos)) % 2 == 0, 1.0, -1.0)
        labels = (sign > 0).astype(int)
        self.coef_, self.intercept_ = 0.0, 0.0
        for X, c, share in ((Xw, self.c, self.beta), (Xc, self.c_char, 1 - self.beta)):
            if share == 0:
                continue
            D = sp.diags(sign) @ (X[pos] - X[neg])
            m = LogisticRegression(
                C=c, solver="liblinear", fit_intercept=False, max_iter=1000
            ).fit(D.tocsr(), labels, sample_weight=sw)
            self.coef_ = self.coef_ + share * m.coef_.ravel()
        # No intercept was fitted (pairs have none): the calibration gives the bias.
        return self.calibrate(Xu, y, groups)


class Mix(Linear):
    """share * (a Platt-scaled Ensemble) + (1 - share) * (a Platt-scaled PairEnsemble), weight
    by weight, Platt-scaled again: one linear model over the union features."""

    def __init__(self, share, point, pair):
        self.share, self.point, self.pair = share, point, pair

    def fit(self, Xw, Xc, Xu, y, groups, members=None):
        one = members[0] if members else Ensemble(*self.point).fit(Xw, Xc, Xu, y, groups)
        two = members[1] if members else PairEnsemble(*self.pair).fit(Xw, Xc, Xu, y, groups)
        s = self.share
        self.coef_ = s * one.coef_ + (1 - s) * two.coef_
        self.intercept_ = s * one.intercept_ + (1 - s) * two.intercept_
        return self.calibrate(Xu, y, groups)


def parse_model(spec):
    """A --models spec: `C,C_char,beta` (v3's pointwise ensemble), `pair:C,C_char,beta` (the
    ranking objective), `nb:C,C_char,beta[,b]` (NB-weighted features, b the interpolation
    share of the fitted weights, 1 if omitted) or `mix:SHARE:C,C_char,beta:C,C_char,beta`
    (SHARE of the first, a pointwise ensemble, and the rest of the second, a pairwise one)."""
    nums = lambda t: tuple(float(v) for v in t.split(","))  # noqa: E731
    parts_ = spec.split(":")
    if len(parts_) == 1:
        return nums(spec)
    if parts_[0] == "pair" and len(parts_) == 2:
        return ("pair",) + nums(parts_[1])
    if parts_[0] == "nb" and len(parts_) == 2 and len(nums(parts_[1])) in (3, 4):
        return ("nb",) + nums(parts_[1])
    if parts_[0] == "df" and len(parts_) == 2 and len(nums(parts_[1])) == 4:
        return ("df",) + nums(parts_[1])
    if parts_[0] == "mix" and len(parts_) == 4:
        return ("mix", float(parts_[1]), nums(parts_[2]), nums(parts_[3]))
    sys.exit(
        f"--models {spec}: expected C,C_char,beta, pair:C,C_char,beta, nb:C,C_char,beta[,b] "
        "or mix:S:...:..."
    )


# Fitted members of the mixes, by (settings, transcripts left out): with --jobs 1 every fit
# runs in this process, so a mix reuses the fits of its members when they are in the grid too.
# Only kept when the grid has a mix (main sets _KEEP_FITS).
_FITTED = {}
_KEEP_FITS = False


def build(settings, Xw, Xc, Xu, y, groups, key=None):
    """Fits the model a parse_model() tuple describes."""
    def cached(kind, make):
        k = (kind, key)
        if key is not None and k in _FITTED:
            return _FITTED[k]
        m = make()
        if key is not None and _KEEP_FITS:
            _FITTED[k] = m
        return m

    if settings[0] == "w":
        # ("w", extra weight, settings): the --extra transcripts' weight, then the model.
        global EXTRA_WEIGHT
        EXTRA_WEIGHT = settings[1]
        inner_key = None if key is None else (settings[1], key)
        return build(settings[2], Xw, Xc, Xu, y, groups, key=inner_key)
    if settings[0] == "pair":
        return cached(settings, lambda: PairEnsemble(*settings[1:]).fit(Xw, Xc, Xu, y, groups))
    if settings[0] == "nb":
        return cached(settings, lambda: NBEnsemble(*settings[1:]).fit(Xw, Xc, Xu, y, groups))
    if settings[0] == "df":
        return cached(settings, lambda: DFEnsemble(*settings[1:]).fit(Xw, Xc, Xu, y, groups))
    if settings[0] == "mix":
        _, share, point, pair = settings
        one = cached(point, lambda: Ensemble(*point).fit(Xw, Xc, Xu, y, groups))
        two = cached(("pair",) + pair,
                     lambda: PairEnsemble(*pair).fit(Xw, Xc, Xu, y, groups))
        return Mix(share, point, pair).fit(Xw, Xc, Xu, y, groups, members=(one, two))
    return cached(settings, lambda: Ensemble(*settings).fit(Xw, Xc, Xu, y, groups))


def platt(z, y):
    """Platt scaling: (a, b) of the logistic regression of labels y on logits z (every
    sentence weighing the same, practically unregularised); a is kept positive so that the
    ranking cannot change."""
    m = LogisticRegression(C=1e6, solver="lbfgs", max_iter=1000).fit(z.reshape(-1, 1), y)
    return max(float(m.coef_[0, 0]), 1e-3), float(m.intercept_[0])


def floor_logit(r):
    """The logit of the probability whose odds are r times those of CHECKED_SHARE."""
    return math.log(r * CHECKED_SHARE / (1 - CHECKED_SHARE))


def smooth(z, alpha, floor, slope, window=None):
    """ClaimModel::claims's smoothing of one text's sentence logits (in text order): the lift
    alpha * sum_k (z_{i-k} + z_{i+k} - 2 z_i) / 2k (indices clamped to the text), capped at
    max(0, slope * (z_i - floor))."""
    window = WINDOW if window is None else window
    z = np.asarray(z, dtype=np.float64)
    n = len(z)
    i = np.arange(n)
    lift = np.zeros(n)
    for k in range(1, window + 1):
        lift += (z[np.maximum(i - k, 0)] + z[np.minimum(i + k, n - 1)] - 2 * z) / (2 * k)
    lift *= alpha
    return z + np.minimum(lift, np.maximum(0.0, slope * (z - floor)))


def fit_without(P, y, groups, left_out, settings):
    """Trains on every transcript but `left_out`; returns {transcript: logits of its rows}."""
    Xw, Xc, Xu = P
    train = ~np.isin(groups, left_out)
    model = build(settings, Xw[train], Xc[train], Xu[train], y[train], groups[train],
                  key=frozenset(left_out))
    return {g: model.decision_function(Xu[groups == g]) for g in left_out}


def held_ap(z, rows, idx, smoothing, words=None):
    """AP and P@10 of one transcript's logits after the smoothing; with `words` (the binary
    word-bucket rows of the same sentences' matrix) and REPEATS > 0, each sentence is then
    lifted towards its best near-repeat (repeats.py, README "A claim said again")."""
    alpha, r, slope = smoothing
    s = smooth(z, alpha, floor_logit(r), slope)
    if REPEATS and words is not None:
        import repeats

        key = (id(words), idx[0], len(idx))
        if key not in _PAIRS:
            _PAIRS[key] = repeats.near_pairs(words[idx])
        s = repeats.lift(s, repeats.repeats_max(None, s, _PAIRS[key]), REPEATS)
    return ap_p10(line_scores(dict(zip(idx, s)), rows, idx))


GATE_ALPHAS = [0.0, 0.2, 0.3]


def line_column(data, groups, column):
    """{(transcript, line number as in the dump's rows): the line's `column`} of the
    transcripts in `groups`, read from their TSV files in `data` (1: the speaker, 2: the
    text)."""
    out = {}
    for g in sorted(set(groups)):
        with open(os.path.join(data, g + ".tsv"), encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) >= 3:
                    out[(g, parts[0])] = parts[column]
    return out


def line_texts(data, groups):
    """{(transcript, line number as in the dump's rows): the line's text}."""
    return line_column(data, groups, 2)


def loto_logits(P, y, groups, settings, jobs):
    """{transcript: its logits from the model `settings` fitted on the other transcripts}."""
    names = sorted(set(groups))
    out = Parallel(n_jobs=jobs)(
        delayed(fit_without)(P, y, groups, [h], settings) for h in names
    )
    return {h: res[h] for h, res in zip(names, out)}


def gate_after_smoothing(variants, z, groups, rows, post, width=18):
    """A gate's rows for variants applied after the smoothing (repeats.py, speakers.py): for
    each (label, v) and alpha in GATE_ALPHAS (floor odds 1/3, gamma = 1; alpha = 0: none), each
    transcript's LOTO logits `z` smoothed, then `post(transcript, its row indices, smoothed
    logits, v)`; MAP (six places) and P@10 printed."""
    names = sorted(z)
    for label, v in variants:
        for a in GATE_ALPHAS:
            alpha, r, slope = (a, 1 / 3, 1.0) if a > 0 else (0.0, 1.0, 1.0)
            per = []
            for h in names:
                idx = np.flatnonzero(groups == h)
                s = post(h, idx, smooth(z[h], alpha, floor_logit(r), slope), v)
                per.append(ap_p10(line_scores(dict(zip(idx, s)), rows, idx)))
            print(f"{label:{width}s} alpha={a:<4} MAP {np.mean([p[0] for p in per]):.6f}  "
                  f"P@10 {np.mean([p[1] for p in per]):.4f}", flush=True)


def gate_rows(label, X, dense, bits, y, groups, rows, settings, jobs, digits=4):
    """A gate's rows for one feature matrix (README, "After v3" and later attempts): the
    model `settings` fitted without each transcript in turn (LOTO), its logits smoothed with
    alpha in GATE_ALPHAS (floor odds 1/3, gamma = 1; alpha = 0: none), MAP and P@10 printed."""
    global DENSE
    DENSE = dense
    P = parts(X, dense, bits)
    names = sorted(set(groups))
    z = loto_logits(P, y, groups, settings, jobs)
    for a in GATE_ALPHAS:
        s = (a, 1 / 3, 1.0) if a > 0 else (0.0, 1.0, 1.0)
        per = [held_ap(z[h], rows, np.flatnonzero(groups == h), s) for h in names]
        print(f"{label:14s} alpha={a:<4} MAP {np.mean([p[0] for p in per]):.{digits}f}  "
              f"P@10 {np.mean([p[1] for p in per]):.4f}", flush=True)


def quantise(model, dense, width):
    w = np.asarray(model.coef_, dtype=np.float64).ravel()
    bias = float(model.intercept_)
    wd, wh = w[:dense], w[dense:]
    top = 127 if width == 1 else 32767
    scale = float(np.max(np.abs(wh))) / top if np.any(wh) else 1.0
    q = np.clip(np.round(wh / scale), -top, top).astype(np.int8 if width == 1 else "<i2")
    return bias, scale, wd.astype("<f4"), q


def model_bytes(meta, bias, scale, smoothing, wd, q, width):
    alpha, r, slope = smoothing
    header = MAGIC + struct.pack(
        "<HHBBHfffff",
        FORMAT_VERSION,
        meta["features_version"],
        meta["hash_bits"],
        width,
        meta["dense"],
        bias,
        scale,
        alpha,
        floor_logit(r),
        slope,
    )
    return header + wd.astype("<f4").tobytes() + q.tobytes()


def quantised_scores(X, dense, bias, scale, wd, q):
    return (
        bias
        + X[:, :dense] @ wd.astype(np.float64)
        + scale * (X[:, dense:] @ q.astype(np.float64))
    )


def report(label, m, p, per=None):
    print(f"{label}: MAP {m:.4f}  P@10 {p:.4f}", flush=True)
    if per:
        for g in sorted(per):
            print(f"    {g:32s} AP {per[g][0]:.4f}  P@10 {per[g][1]:.2f}")


def describe_model(m):
    if m[0] == "w":
        return f"{describe_model(m[2])} extra_weight={m[1]}"
    if m[0] == "pair":
        return "pairwise " + describe_model(m[1:])
    if m[0] == "nb":
        interp = f" b={m[4]}" if len(m) > 4 else ""
        return "NB " + describe_model(m[1:4]) + interp
    if m[0] == "df":
        return f"df>={int(m[1])} " + describe_model(m[2:])
    if m[0] == "mix":
        return f"mix {m[1]} of ({describe_model(m[2])}) and pairwise ({describe_model(m[3])})"
    c, cc, beta = m
    return f"C={c} C_char={cc} beta={beta}"


def describe(setting):
    m, (alpha, r, slope) = setting
    return f"{describe_model(m)} smoothing={alpha} floor_odds={r:.4g} slope={slope}"


def main():
    global WINDOW
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default="/tmp/clef2019/training")
    ap.add_argument("--work", default="/tmp/clef2019")
    ap.add_argument("--hash-bits", type=int, default=18)
    ap.add_argument("--width", type=int, choices=[1, 2], default=1)
    ap.add_argument(
        "--models", nargs="*", default=["0.03,0.003,0.5", "0.03,0,1"],
        help="model settings C,C_char,beta (beta = share of the word model; 1: words only); "
        "pair:C,C_char,beta (ranking objective), nb:C,C_char,beta[,b] (NB-weighted features) "
        "or mix:SHARE:C,C_char,beta:C,C_char,beta (see parse_model)",
    )
    ap.add_argument(
        "--smoothing", type=float, nargs="*", default=[0.0, 0.1, 0.2, 0.3, 0.4],
        help="alpha, the share of the neighbours' logits (ClaimModel::claims)",
    )
    ap.add_argument(
        "--floor-odds", type=float, nargs="*", default=[1 / 3, 1.0],
        help="the floor under which a sentence is never lifted, as odds relative to the base rate",
    )
    ap.add_argument("--slope", type=float, nargs="*", default=[1.0, 1000.0])
    ap.add_argument(
        "--window", type=int, default=WINDOW,
        help="how many neighbours on each side the smoothing reads (the app's is 2; others "
        "only for comparison: the Rust scorer and the model file know no other)",
    )
    ap.add_argument("--holdout", default="", help="comma-separated transcripts left out")
    ap.add_argument(
        "--extra", default="",
        help="a folder of more transcripts (same TSV format) used for training only: never "
        "held out, never scored (README: CLEF-2020 task 5's test debates)",
    )
    ap.add_argument(
        "--extra-weight", type=float, nargs="*", default=[1.0],
        help="an extra transcript's weight in the loss relative to a CLEF-2019 one; several "
        "values are part of the grid",
    )
    ap.add_argument("--out", default=os.path.join(ROOT, "assets", "claims-model.bin"))
    ap.add_argument("--no-cv", action="store_true", help="train with the first settings given")
    ap.add_argument("--no-nested", action="store_true", help="skip the nested CV")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument(
        "--append-columns", default="",
        help="a scipy .npz sparse matrix, one row a dumped sentence, appended after the dense "
        "cues (a variant's columns, e.g. clusters.py's), for the cross-validations only: no "
        "model is written",
    )
    ap.add_argument(
        "--repeats", type=float, default=0.0,
        help="after each smoothing, lift a sentence by this share of the gap to its best "
        "near-repeat (README \"A claim said again\"), for the cross-validations only: no "
        "model is written",
    )
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--verbose", action="store_true", help="every setting's figures")
    ap.add_argument(
        "--extra-positives-only", action="store_true",
        help="keep only the checked sentences of the --extra transcripts",
    )
    args = ap.parse_args()
    WINDOW = args.window
    global REPEATS
    REPEATS = args.repeats

    t0 = time.time()
    X, y, groups, rows, meta = dump_features(args)
    if args.append_columns:
        A = sp.load_npz(args.append_columns).tocsr()
        assert A.shape[0] == X.shape[0], "--append-columns: one row a dumped sentence"
        d = meta["dense"]
        X = sp.hstack([X[:, :d], A, X[:, d:]]).tocsr()
        meta["dense"] = d + A.shape[1]
        meta["dense_names"] = list(meta["dense_names"]) + [f"col{j}" for j in range(A.shape[1])]
    if args.extra_positives_only:
        keep_rows = ~is_extra(groups) | (y == 1)
        X, y, groups = X[keep_rows], y[keep_rows], groups[keep_rows]
        rows = [r for r, k in zip(rows, keep_rows) if k]
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

    global DENSE
    DENSE = meta["dense"]
    P = parts(X, meta["dense"], meta["hash_bits"])
    models = [parse_model(m) for m in args.models]
    if args.extra:
        models = [("w", w, m) for m in models for w in args.extra_weight]
    global _KEEP_FITS
    _KEEP_FITS = any(m[0] == "mix" for m in models) and args.jobs == 1 and not args.extra
    smoothings = [(0.0, 1.0, 1.0)] if 0.0 in args.smoothing else []
    smoothings += [
        (a, r, s)
        for a in args.smoothing if a > 0
        for r in args.floor_odds
        for s in args.slope
    ]
    grid = [(m, s) for m in models for s in smoothings]
    best = grid[0]

    if not args.no_cv:
        Pk = tuple(M[keep] for M in P)
        yk, gk = y[keep], groups[keep]
        rk = [r for r, k in zip(rows, keep) if k]
        Wk = None
        if REPEATS:
            b = 1 << meta["hash_bits"]
            Wk = X[keep][:, meta["dense"] : meta["dense"] + b].tocsr()
            Wk.data[:] = 1.0
        names = sorted(set(gk[~is_extra(gk)]))
        idx = {g: np.flatnonzero(gk == g) for g in names}
        print(f"grid: {len(models)} model settings x {len(smoothings)} smoothings = "
              f"{len(grid)} settings, fixed in advance", flush=True)
        # Logits of each transcript from a fit without it (and, for nested CV, without it and
        # one other): logits[(left out..., transcript)].
        sets = [(g,) for g in names]
        if not args.no_nested:
            sets += list(itertools.combinations(names, 2))
        logits = {}
        for m in models:
            out = Parallel(n_jobs=args.jobs)(
                delayed(fit_without)(Pk, yk, gk, list(s), m) for s in sets
            )
            for s, res in zip(sets, out):
                for g, z in res.items():
                    logits[(m, frozenset(s), g)] = z
            print(f"  fits for model {m} done ({time.time() - t0:.0f} s)", flush=True)

        def ap_of(setting, left_out, g):
            m, s = setting
            return held_ap(logits[(m, frozenset(left_out), g)], rk, idx[g], s, Wk)

        # Plain LOTO over every transcript: picks the shipped setting.
        loto = {}
        for setting in grid:
            per = {g: ap_of(setting, (g,), g) for g in names}
            loto[setting] = per
            m_ = float(np.mean([a for a, _ in per.values()]))
            p_ = float(np.mean([p for _, p in per.values()]))
            if args.verbose:
                report(f"CV {describe(setting)}", m_, p_)
        mean = lambda per, j=0: float(np.mean([v[j] for v in per.values()]))  # noqa: E731
        best = max(grid, key=lambda s: mean(loto[s]))
        ranked = sorted(grid, key=lambda s: -mean(loto[s]))
        print("top settings by LOTO MAP:")
        for s in ranked[:8]:
            report(f"  {describe(s)}", mean(loto[s]), mean(loto[s], 1))
        report(
            f"best of {len(grid)}, {describe(best)} (LOTO over {len(names)}, optimistic)",
            mean(loto[best]), mean(loto[best], 1), loto[best],
        )

        if not args.no_nested:
            per, chosen = {}, {}
            for o in names:
                inner = [g for g in names if g != o]
                pick = max(
                    grid,
                    key=lambda s: np.mean([ap_of(s, (o, g), g)[0] for g in inner]),
                )
                chosen[o] = pick
                per[o] = ap_of(pick, (o,), o)
            report(
                f"nested CV (setting chosen among {len(grid)} without the held-out transcript)",
                mean(per), mean(per, 1), per,
            )
            picks = {}
            for o in names:
                picks[describe(chosen[o])] = picks.get(describe(chosen[o]), 0) + 1
            for d, n in sorted(picks.items(), key=lambda t: -t[1]):
                print(f"    chosen {n:2d}x: {d}")

    if args.repeats:
        print(f"--repeats: no model written (the model file has no share for it yet) "
              f"({time.time() - t0:.0f} s)")
        return
    if args.append_columns:
        print(f"--append-columns: no model written (the app reads no such columns) "
              f"({time.time() - t0:.0f} s)")
        return
    model_settings, smoothing = best
    Xw, Xc, Xu = P
    model = build(model_settings, Xw[keep], Xc[keep], Xu[keep], y[keep], groups[keep])
    bias, scale, wd, q = quantise(model, meta["dense"], args.width)
    blob = model_bytes(meta, bias, scale, smoothing, wd, q, args.width)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "wb") as f:
        f.write(blob)
    gz = len(gzip.compress(blob, 9))
    print(
        f"wrote {args.out}: {describe(best)}, {len(blob)} bytes, "
        f"{gz} bytes gzip -9, {int(np.count_nonzero(q))} non-zero hashed weights"
    )
    if gz > 100_000:
        print("WARNING: over the 100 KB gzip budget", file=sys.stderr)
    for name, s in zip(meta["dense_names"], wd):
        print(f"    {s:+.3f}  {name}")

    if holdout:
        idx = np.flatnonzero(~keep)
        exact = model.decision_function(Xu[idx])
        quant = quantised_scores(Xu[idx], meta["dense"], bias, scale, wd, q)
        for label, s in (("float", exact), ("quantised", quant)):
            per = {}
            for h in holdout:
                sub = [i for i, j in enumerate(idx) if groups[j] == h]
                per[h] = held_ap(s[sub], rows, idx[sub], smoothing)
            m = float(np.mean([a for a, _ in per.values()]))
            p = float(np.mean([b for _, b in per.values()]))
            report(f"held out ({label} weights, Python)", m, p, per)
    print(f"({time.time() - t0:.0f} s)")


if __name__ == "__main__":
    main()
