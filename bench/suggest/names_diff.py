#!/usr/bin/env python3
"""names_diff.py OLD_BIN NEW_BIN DIR: the quotes of DIR/*.txt whose speaker two builds of the
`suggest` binary give differently, each with its context (the quote in ⟦ ⟧), and their count
on standard error. "ABSENT": the build does not suggest the quote; None: no speaker.

    python3 bench/suggest/names_diff.py /tmp/suggest-before ./target/release/suggest /tmp/polnear/dev
"""
import json, subprocess, sys, glob, os
old, new, split = sys.argv[1:4]
files = sorted(glob.glob(os.path.join(split, "*.txt")))
def run(b):
    out = {}
    for i in range(0, len(files), 200):
        out.update(json.loads(subprocess.run([b, *files[i:i+200]], capture_output=True, check=True).stdout))
    return out
a, b = run(old), run(new)
n = 0
for f in files:
    k = f if f in a else os.path.basename(f)
    qa = {(q["start"], q["end"]): q["speaker"] for q in a.get(k, {}).get("quotes", [])}
    qb = {(q["start"], q["end"]): q["speaker"] for q in b.get(k, {}).get("quotes", [])}
    t = open(f, encoding="utf-8").read().replace("\r\n", "\n")
    for key in sorted(set(qa) | set(qb)):
        sa, sb = qa.get(key, "ABSENT"), qb.get(key, "ABSENT")
        na = sa if isinstance(sa, str) else (sa and sa["name"])
        nb = sb if isinstance(sb, str) else (sb and sb["name"])
        if na != nb:
            n += 1
            s, e = key
            ctx = (t[max(0, s-160):s] + "⟦" + t[s:min(e, s+80)] + "⟧" + t[e:e+80]).replace("\n", " ⏎ ")
            print(f"{os.path.basename(f)} @{s}: {na!r} -> {nb!r}\n    {ctx}")
print(n, "changed", file=sys.stderr)
