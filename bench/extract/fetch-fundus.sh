#!/usr/bin/env bash
# A fifth development set: the parser fixtures of fundus (flairNLP/fundus, MIT), real news pages
# of about 150 publishers in many countries and languages. Copied from a bare git mirror into a
# directory outside the repository (third-party pages are never committed), one directory per
# page, /tmp/fundus-pages/fu-<country>-<Publisher>_<date>/:
#   source.html            the page (tests/resources/parser/test_data/<country>/<file>.html.gz,
#                          gunzipped)
#   expected.txt           the body fundus's hand-written parser for that publisher must give:
#                          the summary's paragraphs, then each section's headline(s) and
#                          paragraphs, one block per line
#   expected-metadata.json {"url", "title", "byline" (the authors joined with ", ", as
#                          Readability.js joins a JSON-LD author list), "publishedTime" (the
#                          publishing date in ISO 8601, "2024-04-22T12:00:00+02:00"; the harness
#                          compares its first YYYY-MM-DD), "reference": "full"}
# How a page is paired with its expected output (read from fundus's tests, not guessed):
# tests/test_parser.py (TestParser.test_parsing) and tests/utility.py
# (load_html_test_file_mapping, HTMLTestFile.load): the test files of a publisher are
# <group>/<Publisher>_<date>.html.gz, where <group> is the lower-cased name of the
# PublisherGroup class in src/fundus/publishers/<cc>/__init__.py that holds the publisher; each
# file's crawl_date comes from <group>/meta.info; the parser version that reads it is the one
# ParserProxy.__call__ picks for that date (src/fundus/parser/base_parser.py: the versions sorted
# by VALID_UNTIL, the first whose VALID_UNTIL is not before the crawl date; a version without
# VALID_UNTIL is valid until date.max); and its expected output is <group>/<Publisher>.json's
# entry named after that version's class (V1, V1_1, V2, …). The publisher's parser class and its
# versions' VALID_UNTIL are read here with Python's ast from the mirror's source (no fundus
# install needed).
# Left out, and why:
#   - pages whose expected body is empty (no summary and no paragraph): nothing to score;
#   - a fixture of a publisher that no group registers (at 18da6e5: de/RBB24, whose parser
#     exists but which no PublisherGroup lists): fundus's tests, run over PublisherCollection,
#     never read it;
#   - pages whose version cannot be resolved (a parser class or VALID_UNTIL this script cannot
#     read, or a version with no entry in the JSON): listed on stderr, never guessed;
#   - nothing else: fundus's tests ask for complete articles ("Only complete articles should be
#     used as test cases"), so every fixture is meant to be an article page. Live blogs and
#     teaser-only pages are kept as fundus gives them.
# Caveat: the references are one extractor's output per site (fundus's selectors, written by
# hand for each publisher), not a human annotation of the article. On some sites fundus leaves
# out what a reader would count (a standfirst, a caption, a fact box, an author's note) or keeps
# what a reader would not (a "read also" line inside the body), and the title, authors and date
# are what that parser reads (often JSON-LD), not necessarily what the page shows.
# Usage: bench/extract/fetch-fundus.sh [MIRROR] [OUT]
#   MIRROR: a bare clone of flairNLP/fundus (default /work/.mirror/flairNLP+fundus/repo);
#           elsewhere: git clone --bare https://github.com/flairNLP/fundus MIRROR
#   OUT:    default /tmp/fundus-pages
set -euo pipefail
MIRROR=${1:-/work/.mirror/flairNLP+fundus/repo}
OUT=${2:-/tmp/fundus-pages}
mkdir -p "$OUT"
git -C "$MIRROR" log -1 --format='mirror commit %H (%cd)'
python3 - "$MIRROR" "$OUT" <<'PY'
import ast, datetime, gzip, json, os, subprocess, sys

mirror, out = sys.argv[1], sys.argv[2]

def git(*args):
    return subprocess.run(["git", "-C", mirror, *args], check=True, capture_output=True).stdout

def show(path):
    return git("show", f"HEAD:{path}")

def ls(prefix, recursive=False):
    args = ["ls-tree", "-z", "--name-only"] + (["-r"] if recursive else []) + ["HEAD", prefix]
    return [p for p in git(*args).decode().split("\0") if p]

PUB = "src/fundus/publishers"
DATA = "tests/resources/parser/test_data"

# 1. Every ParserProxy subclass in the publishers' sources: its versions and their VALID_UNTIL.
def date_of(node, proxies):
    """VALID_UNTIL's value: datetime.date(y, m, d), date(y, m, d), datetime(year=…).date(),
    datetime.datetime(y, m, d).date(), or <Proxy>.<Version>.VALID_UNTIL."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "date" \
            and not node.args and isinstance(node.func.value, ast.Call):
        node = node.func.value  # datetime(...).date()
    if isinstance(node, ast.Call):
        name = ast.unparse(node.func)
        if name in ("datetime.date", "date", "datetime", "datetime.datetime"):
            vals = [ast.literal_eval(a) for a in node.args]
            kw = {k.arg: ast.literal_eval(k.value) for k in node.keywords}
            y, m, d = (vals + [kw.get("year"), kw.get("month"), kw.get("day")][len(vals):])[:3]
            return datetime.date(y, m, d)
    if isinstance(node, ast.Attribute) and node.attr == "VALID_UNTIL":
        parts = ast.unparse(node.value).split(".")
        if len(parts) == 2 and parts[0] in proxies:
            return proxies[parts[0]].get(parts[1])
    raise ValueError(ast.unparse(node))

proxies = {}  # proxy class name -> {version class name -> VALID_UNTIL}
deferred = []
for path in ls(PUB, recursive=True):
    if not path.endswith(".py"):
        continue
    tree = ast.parse(show(path))
    for cls in tree.body:
        if not (isinstance(cls, ast.ClassDef) and any(ast.unparse(b) == "ParserProxy" for b in cls.bases)):
            continue
        if cls.name in proxies:
            sys.exit(f"two parser proxies named {cls.name}")
        versions = proxies.setdefault(cls.name, {})
        for v in cls.body:
            if not isinstance(v, ast.ClassDef):
                continue
            versions[v.name] = datetime.date.max
            for st in v.body:
                if isinstance(st, ast.Assign) and [ast.unparse(t) for t in st.targets] == ["VALID_UNTIL"]:
                    deferred.append((cls.name, v.name, st.value))
for proxy, version, node in deferred:  # after all proxies are known (one refers to another's)
    proxies[proxy][version] = date_of(node, proxies)

# 2. Each group's publishers and their parser proxies (src/fundus/publishers/<cc>/__init__.py).
publishers = {}  # (group dir, publisher name) -> proxy class name
for path in ls(PUB + "/"):
    init = f"{path}/__init__.py"
    try:
        tree = ast.parse(show(init))
    except subprocess.CalledProcessError:
        continue
    for cls in tree.body:
        if not isinstance(cls, ast.ClassDef):
            continue
        for st in cls.body:
            if isinstance(st, ast.Assign) and isinstance(st.value, ast.Call) \
                    and ast.unparse(st.value.func) == "Publisher":
                parser = [k.value for k in st.value.keywords if k.arg == "parser"]
                if parser and len(st.targets) == 1:
                    publishers[(cls.name.lower(), ast.unparse(st.targets[0]))] = ast.unparse(parser[0])

# 3. The fixtures.
def version_for(versions, crawl):
    for name, until in sorted(versions.items(), key=lambda kv: kv[1]):
        if not until < crawl:
            return name
    return None

def lines(body):
    out = [p for p in body.get("summary", [])]
    for s in body.get("sections", []):
        out += s.get("headline", []) + s.get("paragraphs", [])
    return [" ".join(l.split()) for l in out if l.strip()]

n, left_out = 0, []
for group in ls(DATA + "/"):
    g = group.rsplit("/", 1)[1]
    try:
        meta = json.loads(show(f"{group}/meta.info"))
    except subprocess.CalledProcessError:
        continue
    expected = {}
    # The files in the directory (as fundus's tests glob them), not meta.info's keys: meta.info
    # names some files that are not there.
    for f in sorted(p.rsplit("/", 1)[1] for p in ls(group + "/")):
        if not f.endswith(".html.gz"):
            continue
        if f not in meta:
            left_out.append(f"{g}/{f}: not in meta.info")
            continue
        publisher = f[: -len(".html.gz")].split("_", 1)[0]
        proxy = publishers.get((g, publisher))
        if proxy not in proxies:
            left_out.append(f"{g}/{f}: no parser proxy found for {publisher}")
            continue
        crawl = datetime.datetime.fromisoformat(meta[f]["crawl_date"]).date()
        version = version_for(proxies[proxy], crawl)
        if publisher not in expected:
            try:
                expected[publisher] = json.loads(show(f"{group}/{publisher}.json"))
            except subprocess.CalledProcessError:
                expected[publisher] = {}
        data = expected[publisher].get(version)
        if not data:
            left_out.append(f"{g}/{f}: no expected output for version {version}")
            continue
        text = lines(data.get("body") or {})
        if not text:
            left_out.append(f"{g}/{f}: empty expected body")
            continue
        d = os.path.join(out, f"fu-{g}-{f[: -len('.html.gz')]}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "source.html"), "wb") as fh:
            fh.write(gzip.decompress(show(f"{group}/{f}")))
        with open(os.path.join(d, "expected.txt"), "w", encoding="utf-8") as fh:
            fh.write("\n".join(text) + "\n")
        date = data.get("publishing_date")
        if date:
            date = datetime.datetime.fromisoformat(date).isoformat()
        md = {
            "url": meta[f].get("url", ""),
            "title": data.get("title") or "",
            "byline": ", ".join(a.strip() for a in data.get("authors") or [] if a.strip()),
            "publishedTime": date or "",
            "reference": "full",
            "fundus_version": version,
        }
        with open(os.path.join(d, "expected-metadata.json"), "w", encoding="utf-8") as fh:
            json.dump(md, fh, ensure_ascii=False, indent=1)
        n += 1
for line in left_out:
    print("left out:", line, file=sys.stderr)
print(f"{n} pages in {out} ({len(left_out)} left out)")
PY
