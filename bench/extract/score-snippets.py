#!/usr/bin/env python3
"""Scores dumped texts against trafilatura's snippets, as trafilatura's own evaluation does.

Usage: score-snippets.py PAGES DUMP [--pages]
  PAGES: fetch-trafilatura.sh's directory (t<NNNN>/snippets.json)
  DUMP:  a candidate's directory under the harness's --dump-dir (<page>.txt)
A "with" snippet found in the text is a true positive, missed a false negative; a "without"
snippet found is a false positive (white space collapsed, case ignored on both sides).
--pages: one line per page with its misses and intrusions.
"""
import json, os, re, sys

def norm(s):
    return re.sub(r"\s+", " ", s).strip().lower()

pages, dump = sys.argv[1], sys.argv[2]
per_page = "--pages" in sys.argv
tp = fn = fp = tn = 0
n = 0
for name in sorted(os.listdir(pages)):
    sj = os.path.join(pages, name, "snippets.json")
    if not os.path.exists(sj):
        continue
    with open(sj, encoding="utf-8") as f:
        s = json.load(f)
    p = os.path.join(dump, name + ".txt")
    text = norm(open(p, encoding="utf-8", errors="replace").read()) if os.path.exists(p) else ""
    n += 1
    missed = [w for w in s["with"] if norm(w) not in text]
    found = [w for w in s["without"] if norm(w) in text]
    tp += len(s["with"]) - len(missed)
    fn += len(missed)
    fp += len(found)
    tn += len(s["without"]) - len(found)
    if per_page and (missed or found):
        print(f"{name}\t{s['url']}\tmissed={missed}\tintruded={found}")
prec = tp / (tp + fp) if tp + fp else 0.0
rec = tp / (tp + fn) if tp + fn else 0.0
f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
print(f"{n} pages: with found {tp} of {tp + fn}, without found {fp} of {fp + tn}: "
      f"P {prec:.4f} R {rec:.4f} F1 {f1:.4f}")
