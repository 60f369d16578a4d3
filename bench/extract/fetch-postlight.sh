#!/usr/bin/env bash
# A sixth development set: the real news pages among Postlight Parser's (formerly Mercury)
# fixtures (fixtures/<site>.html, Apache-2.0/MIT), with what that parser's hand-written site
# extractor must give for them (src/extractors/custom/<site>/index.test.js, its first test
# case: the page's URL, title, author, date_published and the first 13 words of the content),
# copied from a bare git mirror into a directory outside the repository (third-party pages are
# never committed), one directory per page, <OUT>/pl-<site>/:
#   source.html, expected.txt (the content's first 13 words), expected-metadata.json
#   ({"url", "title", "byline", "publishedTime", "reference": "prefix"}).
# The references are the beginning of the article only: the harness scores such pages over the
# part of the extracted text the reference covers ("prefix", as goose3's), so a text that
# starts late or misses the start loses. Dates are the test's ISO instant in UTC (the harness
# compares the first YYYY-MM-DD, so a page published late in the evening west of Greenwich can
# differ by a day: read its misses before counting them).
# Usage: bench/extract/fetch-postlight.sh [MIRROR] [OUT]
#   MIRROR: a bare clone of postlight/parser (default /work/.mirror/postlight+parser/repo);
#           elsewhere: git clone --bare https://github.com/postlight/parser MIRROR
#   OUT:    default /tmp/postlight-pages
# Then: cd bench/extract && cargo run --release -- /tmp/postlight-pages app
set -euo pipefail
MIRROR=${1:-/work/.mirror/postlight+parser/repo}
OUT=${2:-/tmp/postlight-pages}
mkdir -p "$OUT"
git -C "$MIRROR" log -1 --format='mirror commit %H (%cd)'
python3 - "$MIRROR" "$OUT" <<'PY'
import json, os, re, subprocess, sys
mirror, out = sys.argv[1], sys.argv[2]
def git(*a):
    return subprocess.run(["git", "-C", mirror, *a], check=True, capture_output=True).stdout
LIT = r"""('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`)"""
def unquote(lit):
    body = lit[1:-1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)
# Postlight saved its fixtures after its own normalisation, which renames a <meta>'s `content`
# to `value`: a page as the browser had it says `content`, so the rename is undone (only on
# <meta> tags without a `content` of their own).
def unsave(html):
    def fix(m):
        tag = m.group(0)
        if re.search(rb"\scontent\s*=", tag, re.I):
            return tag
        return re.sub(rb"(\s)value(\s*=)", rb"\1content\2", tag, count=1, flags=re.I)
    return re.sub(rb"<meta\b[^>]*>", fix, html, flags=re.I)
def first(pattern, src):
    m = re.search(pattern, src, re.S)
    return unquote(m.group(1)) if m else None
tests = [p for p in git("ls-tree", "-r", "--name-only", "HEAD", "src/extractors/custom/").decode().split("\n")
         if p.endswith("/index.test.js")]
n = skipped = 0
for t in sorted(tests):
    src = git("show", "HEAD:" + t).decode("utf-8")
    fixture = first(r"readFileSync\(\s*" + LIT, src)
    url = first(r"\burl\s*=\s*" + LIT, src)
    first13 = first(r"assert\.equal\(\s*first13\s*,\s*" + LIT, src)
    if not fixture or not url or not first13:
        skipped += 1
        continue
    fixture = fixture.lstrip("./")
    try:
        html = git("show", "HEAD:" + fixture)
    except subprocess.CalledProcessError:
        skipped += 1
        continue
    meta = {"url": url, "reference": "prefix"}
    for key, name in (("title", "title"), ("byline", "author"), ("publishedTime", "date_published")):
        v = first(r"assert\.equal\(\s*" + name + r"\s*,\s*" + LIT, src)
        if v:
            meta[key] = v
    d = os.path.join(out, "pl-" + os.path.basename(fixture)[:-len(".html")])
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, "source.html"), "wb").write(unsave(html))
    open(os.path.join(d, "expected.txt"), "w", encoding="utf-8").write(first13 + "\n")
    json.dump(meta, open(os.path.join(d, "expected-metadata.json"), "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    n += 1
print(f"{n} pages written to {out} ({skipped} tests without a URL, a fixture or a first13)")
PY
