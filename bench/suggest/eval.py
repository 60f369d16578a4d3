#!/usr/bin/env python3
"""Evaluate direct-quote and speaker suggestions (issue 13) on PolNeAR.

Standard library only.  The corpus is never committed: fetch it into /tmp with
bench/suggest/fetch-polnear.sh, which writes /tmp/polnear/{train,dev}/<name>.txt
and <name>.ann (brat standoff, one annotator per article).  Only train and dev
are used; the test split is never read.

Usage
  # let the evaluator run the binary (files are passed in batches):
  python3 bench/suggest/eval.py /tmp/polnear/dev \\
      --bin-cmd "cargo run --release --manifest-path /work/main/Cargo.toml --bin suggest --"
  # or score a JSON that `suggest` printed earlier:
  python3 bench/suggest/eval.py /tmp/polnear/dev --json /tmp/suggest-dev.json
  # per-quote misses with 60 characters of context (to stdout, or to FILE):
  python3 bench/suggest/eval.py /tmp/polnear/dev --json ... --dump [FILE]
  # check the scoring code on a synthetic example (no corpus needed):
  python3 bench/suggest/eval.py --self-test

Gold
  PolNeAR annotates attributions: an event E links a Source, a Cue and a
  Content (sometimes a second Content, "Content2").  brat offsets in this
  corpus are Unicode code points of the .txt (checked: every span's stored
  text equals the code point slice; 564 of the 924 train+dev texts contain
  non-ASCII characters, so byte offsets would not match), and the texts have
  no CR, but offsets are mapped through line-ending normalisation (CRLF and CR
  to LF) anyway, so they always index the same canonical text `suggest` uses.
  A Content may be discontinuous ("s e;s e"): its fragments are merged when
  only whitespace or punctuation separates them (e.g. a quote running over
  several paragraphs) and kept apart otherwise ("..." he said, "...").
  A gold direct quote is such a merged Content piece whose text contains one
  of “ ” " « » „, a doubled apostrophe '' (the New York Times articles in
  PolNeAR write ''…'' for “…”), or a ‘…’ pair (a ’ followed by a letter is
  an apostrophe, not a closing mark).
  Contents that contain quoted words inside reported speech ("mixed" quotes)
  are included, as the definition says; the table shows them separately.

Scores
  A suggested quote matches a gold one when they overlap by at least half of
  the shorter span; matching is one-to-one and greedy (largest overlap first).
  Precision, recall and F1 are micro-averaged over the split.  Speaker
  accuracy is over matched quotes whose attribution has a gold Source: the
  suggested speaker is right when its span overlaps the Source span, or its
  name equals the Source text (case-insensitive), or the name contains the
  Source's last capitalised word.  Sources that are pronouns ("he", "she")
  can only match by span; a lenient figure resolves them to the closest
  preceding named gold Source in the article, and "pronouns named as the
  person" counts, of the matched quotes whose Source is a pronoun so resolved,
  those whose suggested speaker's name (what the app shows) is that Source's.
"""

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict

# ---------------------------------------------------------------- text, brat

def normalise(raw):
    """Line endings to LF.  Returns (text, offset map raw index -> new index)."""
    if "\r" not in raw:
        return raw, None
    out = []
    mapping = []
    i = 0
    n = len(raw)
    while i < n:
        c = raw[i]
        mapping.append(len(out))
        if c == "\r":
            out.append("\n")
            if i + 1 < n and raw[i + 1] == "\n":
                mapping.append(len(out) - 1)  # the LF of a CRLF folds into the same LF
                i += 1
        else:
            out.append(c)
        i += 1
    mapping.append(len(out))
    return "".join(out), mapping


def remap(mapping, off, is_end):
    if mapping is None:
        return off
    if is_end and off > 0:
        # end is exclusive: map the last included character and step past it
        return mapping[off - 1] + 1
    return mapping[off]


T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t?")
E_LINE = re.compile(r"^(E\d+)\t(.*)$")


def parse_ann(ann_text, mapping=None):
    """Returns (text-bound annotations {id: (type, [(s, e)])}, events [{role: id}])."""
    tbs = {}
    events = []
    for line in ann_text.split("\n"):
        line = line.rstrip("\r")
        m = T_LINE.match(line)
        if m:
            spans = []
            for frag in m.group(3).split(";"):
                s, e = map(int, frag.split())
                spans.append((remap(mapping, s, False), remap(mapping, e, True)))
            tbs[m.group(1)] = (m.group(2), spans)
            continue
        m = E_LINE.match(line)
        if m:
            roles = {}
            for arg in m.group(2).split():
                if ":" in arg:
                    role, ref = arg.split(":", 1)
                    roles[role] = ref
            events.append(roles)
        # other lines: notes (#), continuation lines of multi-line span texts
    return tbs, events


def merge_fragments(text, spans):
    """Merge sorted fragments separated only by whitespace or punctuation."""
    spans = sorted(spans)
    out = []
    for s, e in spans:
        if out:
            ps, pe = out[-1]
            gap = text[pe:s] if s >= pe else ""
            if s <= pe or not any(ch.isalnum() for ch in gap):
                out[-1] = (ps, max(pe, e))
                continue
        out.append((s, e))
    return out


DOUBLE_MARKS = set("“”\"«»„")
SINGLE_PAIR = re.compile(r"‘[^‘]*’(?!\w)")


def has_quote_mark(s):
    # '' (two apostrophes) is the double quote mark of the New York Times articles
    return (any(ch in DOUBLE_MARKS for ch in s) or "''" in s
            or bool(SINGLE_PAIR.search(s)))


OPENERS = "“\"«»„‘‹›'"


def is_pure(s):
    """A Content piece that is a quotation (opens with a mark), not reported speech with
    quoted words inside it."""
    s = s.lstrip()
    return bool(s) and s[0] in OPENERS


PRONOUNS = {
    "he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "his",
    "its", "their", "who", "which", "that", "this", "one", "some", "others", "both",
}
NOT_NAMES = PRONOUNS | {"the", "a", "an", "mr", "mrs", "ms", "dr", "sen", "rep", "gov",
                        "president", "according", "and", "of", "in", "on"}
CAP_WORD = re.compile(r"[A-Z][\w’'.\-]*")


def cap_words(s):
    out = []
    for w in CAP_WORD.findall(s):
        w = re.sub(r"(’s|'s|[.’'\-])+$", "", w).casefold()
        if w and w not in NOT_NAMES:
            out.append(w)
    return out


def is_pronoun(s):
    return s.strip().casefold() in PRONOUNS


class Gold:
    __slots__ = ("start", "end", "source", "source_text", "pure", "resolved")

    def __init__(self, start, end, source, source_text, pure):
        self.start, self.end = start, end
        self.source = source          # list of (s, e) or []
        self.source_text = source_text
        self.pure = pure
        self.resolved = None          # for pronoun sources: closest preceding named source


def load_gold(txt_path, ann_path):
    with open(txt_path, encoding="utf-8", newline="") as f:
        text, mapping = normalise(f.read())
    with open(ann_path, encoding="utf-8", newline="") as f:
        tbs, events = parse_ann(f.read(), mapping)
    quotes = []
    other_content = []   # merged Content pieces without quote marks (for error categories)
    seen = set()
    used = set()
    for roles in events:
        used.update(roles.values())
        src = roles.get("Source")
        src_spans = tbs[src][1] if src in tbs else []
        src_text = " ".join(text[s:e] for s, e in src_spans)
        for role, ref in roles.items():
            if not role.startswith("Content") or ref not in tbs:
                continue
            for s, e in merge_fragments(text, tbs[ref][1]):
                piece = text[s:e]
                if has_quote_mark(piece):
                    if (s, e) not in seen:
                        seen.add((s, e))
                        quotes.append(Gold(s, e, src_spans, src_text, is_pure(piece)))
                else:
                    other_content.append((s, e))
    # Content spans that no event references (rare): gold without a Source
    for ref, (typ, spans) in tbs.items():
        if typ.startswith("Content") and ref not in used:
            for s, e in merge_fragments(text, spans):
                if has_quote_mark(text[s:e]) and (s, e) not in seen:
                    seen.add((s, e))
                    quotes.append(Gold(s, e, [], "", is_pure(text[s:e])))
    quotes.sort(key=lambda g: (g.start, g.end))
    # pronoun sources: resolve to the closest preceding named gold source (lenient score)
    named = []
    for ref, (typ, spans) in tbs.items():
        if typ == "Source":
            st = " ".join(text[s:e] for s, e in spans)
            if cap_words(st):
                named.append((spans[0][0], st))
    named.sort()
    for g in quotes:
        if g.source and is_pronoun(g.source_text):
            before = [st for pos, st in named if pos < g.source[0][0]]
            g.resolved = before[-1] if before else None
    return text, quotes, other_content


# ---------------------------------------------------------------- matching

def overlap(a0, a1, b0, b1):
    return max(0, min(a1, b1) - max(a0, b0))


def qualifies(a0, a1, b0, b1):
    ov = overlap(a0, a1, b0, b1)
    shorter = min(a1 - a0, b1 - b0)
    return ov > 0 and 2 * ov >= shorter


def match(sugg, gold):
    """One-to-one greedy matching.  sugg, gold: lists of (start, end).
    Returns {sugg index: gold index}."""
    pairs = []
    for i, (s0, s1) in enumerate(sugg):
        for j, (g0, g1) in enumerate(gold):
            if qualifies(s0, s1, g0, g1):
                pairs.append((-overlap(s0, s1, g0, g1), j, i))
    pairs.sort()
    used_s, used_g, out = set(), set(), {}
    for _, j, i in pairs:
        if i in used_s or j in used_g:
            continue
        used_s.add(i)
        used_g.add(j)
        out[i] = j
    return out


def speaker_ok(speaker, g):
    """Is the suggested speaker right for gold quote g (which has a Source)?"""
    if not speaker:
        return False
    ss, se = speaker.get("start"), speaker.get("end")
    if isinstance(ss, int) and isinstance(se, int):
        if any(overlap(ss, se, a, b) > 0 for a, b in g.source):
            return True
    return name_ok(speaker.get("name") or "", g.source_text)


def source_head(source_text):
    """A Source without what follows its name: an appositive or a relative clause after a
    comma or a dash, a parenthesis ("Louise Sunshine, who has known Trump since the 1970s"
    -> "Louise Sunshine")."""
    head = re.split(r",| \(| – | — | -- ", source_text, maxsplit=1)[0]
    return head.strip() or source_text


def name_ok(name, source_text):
    if not name or not source_text:
        return False
    if name.strip().casefold() == source_text.strip().casefold():
        return True
    gw = cap_words(source_text)
    return bool(gw) and gw[-1] in cap_words(name)


# ---------------------------------------------------------------- scoring

class Stats:
    def __init__(self):
        self.c = Counter()

    def prf(self):
        tp, fp, fn = self.c["tp"], self.c["fp"], self.c["fn"]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def context(text, s, e, width=60):
    left = text[max(0, s - width):s]
    right = text[e:e + width]
    mid = text[s:e]
    if len(mid) > 240:
        mid = mid[:110] + " … " + mid[-110:]
    return ("…" if s > width else "") + left + "⟦" + mid + "⟧" + right + ("…" if e + width < len(text) else "")


def one_line(s):
    return s.replace("\n", " ⏎ ")


def score_file(name, text, gold, other_content, suggestions, stats, dump):
    """Scores one file into stats (a Counter); appends dump records to dump."""
    c = stats
    quotes = []
    for q in suggestions.get("quotes", []):
        s, e = q.get("start"), q.get("end")
        if not (isinstance(s, int) and isinstance(e, int)) or not (0 <= s <= e <= len(text)):
            c["invalid_spans"] += 1
            continue
        quotes.append(q)
    sspans = [(q["start"], q["end"]) for q in quotes]
    gspans = [(g.start, g.end) for g in gold]
    m = match(sspans, gspans)
    matched_g = set(m.values())
    fc = Counter()
    fc["gold"] = len(gold)
    fc["sugg"] = len(quotes)
    fc["tp"] = len(m)
    fc["fp"] = len(quotes) - len(m)
    fc["fn"] = len(gold) - len(m)
    for g in gold:
        c["gold_pure" if g.pure else "gold_mixed"] += 1
    for i, j in m.items():
        g = gold[j]
        c["tp_pure" if g.pure else "tp_mixed"] += 1
        sp = quotes[i].get("speaker")
        if not g.source:
            c["matched_no_source"] += 1
            continue
        c["matched_with_source"] += 1
        pron = is_pronoun(g.source_text)
        if pron:
            c["matched_pronoun_source"] += 1
        if not sp:
            c["speaker_none"] += 1
            fc["spk_err"] += 1
            dump.append(("SPEAKER-NONE", name, g.start, g.end,
                         f"gold source: {g.source_text!r}"))
            continue
        ok = speaker_ok(sp, g)
        if ok:
            c["speaker_ok"] += 1
            if not pron:
                c["speaker_ok_named"] += 1
        else:
            fc["spk_err"] += 1
        lenient = ok or (pron and g.resolved is not None and name_ok(sp.get("name", ""), g.resolved))
        if pron and g.resolved is not None:
            # the name given for a pronoun source: the person the app shows
            c["pronoun_resolved"] += 1
            if name_ok(sp.get("name", ""), g.resolved):
                c["pronoun_named_ok"] += 1
            if name_ok(sp.get("name", ""), source_head(g.resolved)):
                c["pronoun_named_ok_head"] += 1
            else:
                dump.append(("PRONOUN-NAME", name, g.start, g.end,
                             f"gold source: {g.source_text!r} (→ {source_head(g.resolved)!r});"
                             f" named: {sp.get('name')!r}"))
        if lenient:
            c["speaker_ok_lenient"] += 1
        if not ok:
            kind = "SPEAKER-PRONOUN" if pron else "SPEAKER-WRONG"
            extra = f" (→ {g.resolved!r}{', lenient ok' if lenient else ''})" if pron else ""
            dump.append((kind, name, g.start, g.end,
                         f"gold source: {g.source_text!r}{extra}; suggested: {sp.get('name')!r}"
                         f" at {text[sp.get('start', 0):sp.get('end', 0)]!r}"))
    # false positives, by kind
    for i, q in enumerate(quotes):
        if i in m:
            continue
        s, e = q["start"], q["end"]
        hit = [j for j, (g0, g1) in enumerate(gspans) if overlap(s, e, g0, g1) > 0]
        if any(j in matched_g for j in hit):
            kind = "FP-SPLIT"      # inside a gold quote already matched to another suggestion
        elif hit:
            kind = "FP-PARTIAL"    # overlaps a gold quote, less than half of the shorter
        elif any(overlap(s, e, a, b) > 0 for a, b in other_content):
            kind = "FP-IN-CONTENT"  # inside attribution content without double quote marks
        else:
            kind = "FP-UNATTRIBUTED" if len(text[s:e].split()) > 6 else "FP-UNATTRIBUTED-SHORT"
        c[kind] += 1
        sp = q.get("speaker")
        dump.append((kind, name, s, e, f"suggested speaker: {sp.get('name')!r}" if sp else ""))
    # false negatives, by kind
    for j, g in enumerate(gold):
        if j in matched_g:
            continue
        hit = [i for i, (s0, s1) in enumerate(sspans) if overlap(s0, s1, g.start, g.end) > 0]
        if any(i in m for i in hit):
            kind = "FN-MERGED"     # overlaps a suggestion matched to another gold quote
        elif hit:
            kind = "FN-PARTIAL"
        elif not g.pure:
            kind = "FN-MIXED"      # reported speech with quoted words, nothing suggested
        else:
            kind = "FN-MISSED"
        c[kind] += 1
        dump.append((kind, name, g.start, g.end, f"gold source: {g.source_text!r}"))
    for k in ("gold", "sugg", "tp", "fp", "fn"):
        c[k] += fc[k]
    return fc


# ---------------------------------------------------------------- running

def list_split(split_dir):
    names = []
    for fn in sorted(os.listdir(split_dir)):
        if fn.endswith(".txt") and os.path.exists(os.path.join(split_dir, fn[:-4] + ".ann")):
            names.append(fn[:-4])
    return names


def run_binary(cmd, paths, batch=64, max_chars=60000):
    argv = shlex.split(cmd)
    out = {}
    i = 0
    while i < len(paths):
        chunk = []
        size = 0
        while i < len(paths) and len(chunk) < batch and size + len(paths[i]) < max_chars:
            chunk.append(paths[i])
            size += len(paths[i]) + 1
            i += 1
        if not chunk:  # a single over-long path
            chunk = [paths[i]]
            i += 1
        proc = subprocess.run(argv + chunk, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr[-4000:])
            sys.exit(f"suggest failed (exit {proc.returncode}) on a batch of {len(chunk)} files")
        out.update(json.loads(proc.stdout))
    return out


def lookup(result, name, path):
    if path in result:
        return result[path]
    for key, val in result.items():
        base = os.path.basename(key)
        if base == name + ".txt" or base == name:
            return val
    return None


def evaluate(split_dir, result, dump_out=None, worst=15, out=sys.stdout):
    names = list_split(split_dir)
    stats = Counter()
    per_file = []
    dump = []
    missing = 0
    for name in names:
        path = os.path.join(split_dir, name + ".txt")
        text, gold, other = load_gold(path, os.path.join(split_dir, name + ".ann"))
        sugg = lookup(result, name, path)
        if sugg is None:
            missing += 1
            sugg = {"quotes": []}
        records = []
        fc = score_file(name, text, gold, other, sugg, stats, records)
        per_file.append((name, fc))
        if dump_out is not None:
            for kind, n, s, e, note in records:
                dump.append((n, s, kind, context(text, s, e), note))
    st = Stats()
    st.c = stats
    p, r, f = st.prf()
    c = stats
    w = out.write
    w(f"split: {split_dir}  files: {len(names)}"
      + (f"  (no suggestions for {missing})" if missing else "") + "\n")
    if c["invalid_spans"]:
        w(f"WARNING: {c['invalid_spans']} suggested spans out of range were ignored\n")
    w("\n")
    w(f"{'quotes':<34}{'value':>10}\n")
    w(f"{'gold direct quotes':<34}{c['gold']:>10}\n")
    w(f"{'  pure (open with a mark)':<34}{c['gold_pure']:>10}\n")
    w(f"{'  mixed (quoted words inside)':<34}{c['gold_mixed']:>10}\n")
    w(f"{'suggested':<34}{c['sugg']:>10}\n")
    w(f"{'matched (TP)':<34}{c['tp']:>10}\n")
    w(f"{'precision':<34}{p:>10.3f}\n")
    w(f"{'recall':<34}{r:>10.3f}\n")
    w(f"{'F1':<34}{f:>10.3f}\n")
    rp = c["tp_pure"] / c["gold_pure"] if c["gold_pure"] else 0.0
    rm = c["tp_mixed"] / c["gold_mixed"] if c["gold_mixed"] else 0.0
    w(f"{'recall, pure quotes':<34}{rp:>10.3f}\n")
    w(f"{'recall, mixed quotes':<34}{rm:>10.3f}\n")
    split_fp = c["FP-SPLIT"]
    lp = c["tp"] / (c["tp"] + c["fp"] - split_fp) if c["tp"] + c["fp"] - split_fp else 0.0
    w(f"{'precision, FP-SPLIT not counted':<34}{lp:>10.3f}\n")
    w("\n")
    ws = c["matched_with_source"]
    w(f"{'speakers (on matched quotes)':<34}{'value':>10}\n")
    w(f"{'matched with a gold Source':<34}{ws:>10}\n")
    w(f"{'  of which Source is a pronoun':<34}{c['matched_pronoun_source']:>10}\n")
    w(f"{'matched without a gold Source':<34}{c['matched_no_source']:>10}\n")
    w(f"{'no speaker suggested':<34}{c['speaker_none']:>10}\n")
    w(f"{'speaker accuracy':<34}{(c['speaker_ok'] / ws if ws else 0):>10.3f}"
      f"   ({c['speaker_ok']}/{ws})\n")
    given = ws - c["speaker_none"]
    w(f"{'  when a speaker is suggested':<34}{(c['speaker_ok'] / given if given else 0):>10.3f}"
      f"   ({c['speaker_ok']}/{given})\n")
    named = ws - c["matched_pronoun_source"]
    w(f"{'  named Sources only':<34}{(c['speaker_ok_named'] / named if named else 0):>10.3f}"
      f"   ({c['speaker_ok_named']}/{named})\n")
    w(f"{'  lenient (pronouns resolved)':<34}{(c['speaker_ok_lenient'] / ws if ws else 0):>10.3f}"
      f"   ({c['speaker_ok_lenient']}/{ws})\n")
    pr = c["pronoun_resolved"]
    w(f"{'  pronouns named as the person':<34}{(c['pronoun_named_ok'] / pr if pr else 0):>10.3f}"
      f"   ({c['pronoun_named_ok']}/{pr})\n")
    w(f"{'    the Source cut before a comma':<34}"
      f"{(c['pronoun_named_ok_head'] / pr if pr else 0):>10.3f}"
      f"   ({c['pronoun_named_ok_head']}/{pr})\n")
    w("\n")
    w("error kinds: " + ", ".join(f"{k} {c[k]}" for k in sorted(c) if k.startswith(("FP-", "FN-")))
      + "\n\n")
    per_file.sort(key=lambda x: (-(x[1]["fp"] + x[1]["fn"] + x[1]["spk_err"]), x[0]))
    w(f"worst {worst} files (by FP + FN + speaker errors)\n")
    w(f"{'gold':>5}{'sugg':>5}{'tp':>5}{'fp':>5}{'fn':>5}{'spk':>5}  file\n")
    for name, fc in per_file[:worst]:
        w(f"{fc['gold']:>5}{fc['sugg']:>5}{fc['tp']:>5}{fc['fp']:>5}{fc['fn']:>5}"
          f"{fc['spk_err']:>5}  {name}\n")
    if dump_out is not None:
        dump.sort()
        dw = dump_out.write
        dw("\n# per-quote misses: KIND file @start-end  context with the span in ⟦ ⟧\n")
        for n, s, kind, ctx, note in dump:
            dw(f"{kind:<22} {n} @{s}\n    {one_line(ctx)}\n")
            if note:
                dw(f"    {note}\n")
    return stats


# ---------------------------------------------------------------- self-test

def self_test():
    """Synthetic two-file example (invented text, no corpus) checking the scoring code."""
    # file a: CRLF line endings and non-ASCII before the quotes (offsets must be code points
    # of the LF-normalised text); a quote interrupted by "he said" (two gold quotes), a
    # paragraph quote, an unquoted (indirect) Content, and a scare quote.
    a_lines = [
        "Café owner Zoë Brant spoke on Monday.",
        "“We will open again,” she said, “as soon as the roof is fixed.”",
        "The mayor said the repairs would take weeks.",
        "A so-called “pop-up” market opened too.",
        "“It is a long wait for all of us here,” said Lee Ortiz.",
    ]
    a_raw = "\r\n".join(a_lines) + "\r\n"
    a_norm = "\n".join(a_lines) + "\n"

    def at(text, sub, k=0):
        i = -1
        for _ in range(k + 1):
            i = text.index(sub, i + 1)
        return i

    def raw_span(sub, k=0):
        s = at(a_raw, sub, k)
        return s, s + len(sub)

    q1 = "“We will open again,”"
    q2 = "“as soon as the roof is fixed.”"
    s1, e1 = raw_span(q1)
    s2, e2 = raw_span(q2)
    src_she = raw_span("she")
    cue = raw_span("said")
    ind = raw_span("the repairs would take weeks")
    mayor = raw_span("The mayor")
    q3 = "“It is a long wait for all of us here,”"
    s3, e3 = raw_span(q3)
    lee = raw_span("Lee Ortiz")
    zoe = raw_span("Zoë Brant")
    a_ann = "\n".join([
        f"T1\tSource {src_she[0]} {src_she[1]}\tshe",
        f"T2\tCue {cue[0]} {cue[1]}\tsaid",
        f"T3\tContent {s1} {e1};{s2} {e2}\t{q1} {q2}",
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
        f"T4\tSource {mayor[0]} {mayor[1]}\tThe mayor",
        f"T5\tContent {ind[0]} {ind[1]}\tthe repairs would take weeks",
        "E2\tAttribution:T2 Content:T5 Source:T4",
        f"T6\tContent {s3} {e3}\t{q3}",
        f"T7\tSource {lee[0]} {lee[1]}\tLee Ortiz",
        "E3\tAttribution:T2 Content:T6 Source:T7",
        f"T8\tSource {zoe[0]} {zoe[1]}\tZoë Brant",
        f"T9\tContent {raw_span('spoke on Monday')[0]} {raw_span('spoke on Monday')[1]}\tx",
        "E4\tAttribution:T2 Content:T9 Source:T8",
        "#1\tAnnotatorNotes T1\ta note",
        "",
    ])
    # file b: a quote over two paragraphs (two fragments, gap = newline only) and a mixed
    # quote inside reported speech; the ‘…’ pair rule vs apostrophes.
    b_text = ("Officials said the plan was ‘dead on arrival’ and would not pass.\n"
              "“First paragraph of a long statement.\n"
              "“Second paragraph, and it ends here.”\n"
              "It’s the senator’s view, aides say.\n")
    def bspan(sub):
        s = b_text.index(sub)
        return s, s + len(sub)
    m1 = bspan("the plan was ‘dead on arrival’ and would not pass")
    p1 = bspan("“First paragraph of a long statement.")
    p2 = bspan("“Second paragraph, and it ends here.”")
    apos = bspan("It’s the senator’s view")
    b_ann = "\n".join([
        f"T1\tSource 0 9\tOfficials",
        f"T2\tContent {m1[0]} {m1[1]}\tx",
        "E1\tAttribution:T1 Content:T2 Source:T1",
        f"T3\tContent {p1[0]} {p1[1]};{p2[0]} {p2[1]}\tx",
        "E2\tAttribution:T1 Content:T3",
        f"T4\tContent {apos[0]} {apos[1]}\tx",
        f"T5\tSource {bspan('aides')[0]} {bspan('aides')[1]}\taides",
        "E3\tAttribution:T1 Content:T4 Source:T5",
        "",
    ])
    ok = True

    def check(label, got, want):
        nonlocal ok
        if got != want:
            ok = False
            print(f"FAIL {label}: got {got!r}, want {want!r}")
        else:
            print(f"ok   {label}")

    # unit checks
    check("overlap rule: exactly half of the shorter", qualifies(0, 10, 5, 30), True)
    check("overlap rule: under half", qualifies(0, 10, 6, 30), False)
    check("greedy one-to-one", match([(0, 10), (2, 9)], [(0, 10)]), {0: 0})
    check("greedy prefers the larger overlap", match([(0, 4), (0, 10)], [(0, 10), (3, 12)]),
          {1: 0})
    check("‘…’ pair", has_quote_mark("was ‘dead on arrival’ and"), True)
    check("apostrophes are not a pair", has_quote_mark("It’s the senator’s view"), False)
    check("'' is a double mark", has_quote_mark("said, ''we won.''"), True)
    check("one ASCII apostrophe is not", has_quote_mark("It's the senator's view"), False)
    check("name: last capitalised word", name_ok("Donald J. Trump", "Trump"), True)
    check("name: title + surname", name_ok("Mevlut Cavusoglu", "Foreign Minister Cavusoglu"), True)
    check("name: different person", name_ok("Lee Ortiz", "Zoë Brant"), False)
    check("name: equal text, any case", name_ok("the Senator", "The senator"), True)
    n, mp = normalise("a\r\nb\rc\n")
    check("normalise", (n, [remap(mp, i, False) for i in range(7)]), ("a\nb\nc\n", [0, 1, 1, 2, 3, 4, 5]))

    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "a.txt"), "w", encoding="utf-8", newline="") as f:
            f.write(a_raw)
        with open(os.path.join(d, "a.ann"), "w", encoding="utf-8", newline="") as f:
            f.write(a_ann)
        with open(os.path.join(d, "b.txt"), "w", encoding="utf-8", newline="") as f:
            f.write(b_text)
        with open(os.path.join(d, "b.ann"), "w", encoding="utf-8", newline="") as f:
            f.write(b_ann)
        text_a, gold_a, _ = load_gold(os.path.join(d, "a.txt"), os.path.join(d, "a.ann"))
        check("file a text normalised", text_a, a_norm)
        check("file a gold quotes (interrupted quote split, indirect left out)",
              [text_a[g.start:g.end] for g in gold_a], [q1, q2, q3])
        check("file a pronoun source resolved to the previous named source",
              gold_a[0].resolved, "Zoë Brant")
        text_b, gold_b, _ = load_gold(os.path.join(d, "b.txt"), os.path.join(d, "b.ann"))
        check("file b gold: mixed quote + merged two-paragraph quote",
              [(text_b[g.start:g.end][:12], g.pure) for g in gold_b],
              [("the plan was", False), ("“First parag", True)])

        def inner(text, sub, k=0):
            s = at(text, sub, k) + 1
            return s, s + len(sub) - 2

        def sp(text, sub, name):
            s = text.index(sub)
            return {"start": s, "end": s + len(sub), "name": name}

        i1 = inner(a_norm, q1)
        i2 = inner(a_norm, q2)
        i3 = inner(a_norm, q3)
        pop = inner(a_norm, "“pop-up”")
        result = {
            os.path.join(d, "a.txt"): {"quotes": [
                # right quote, speaker by name (the pronoun's referent)
                {"start": i1[0], "end": i1[1], "speaker": sp(a_norm, "Zoë Brant", "Zoë Brant")},
                # right quote, no speaker
                {"start": i2[0], "end": i2[1], "speaker": None},
                # a scare quote: FP
                {"start": pop[0], "end": pop[1], "speaker": None},
                # right quote, wrong speaker
                {"start": i3[0], "end": i3[1], "speaker": sp(a_norm, "Zoë Brant", "Zoë Brant")},
            ], "claims": []},
            "b.txt": {"quotes": [
                # the ‘…’ words of the mixed quote: short, inside the long Content: match
                {"start": b_text.index("dead"), "end": b_text.index("’ and"),
                 "speaker": {"start": 0, "end": 9, "name": "officials"}},
                # the two-paragraph quote suggested as two quotes: one TP, one FP-SPLIT
                {"start": p1[0] + 1, "end": p1[1], "speaker": None},
                {"start": p2[0] + 1, "end": p2[1] - 1, "speaker": None},
            ], "claims": []},
        }
        import io
        buf = io.StringIO()
        dumpbuf = io.StringIO()
        st = evaluate(d, result, dump_out=dumpbuf, out=buf)
        got = {k: st[k] for k in ("gold", "sugg", "tp", "fp", "fn", "matched_with_source",
                                  "matched_no_source", "speaker_ok", "speaker_ok_lenient",
                                  "speaker_none", "FP-SPLIT", "FP-UNATTRIBUTED-SHORT",
                                  "matched_pronoun_source")}
        check("scores", got, {"gold": 5, "sugg": 7, "tp": 5, "fp": 2, "fn": 0,
                              "matched_with_source": 4, "matched_no_source": 1,
                              "speaker_ok": 1, "speaker_ok_lenient": 2, "speaker_none": 1,
                              "FP-SPLIT": 1, "FP-UNATTRIBUTED-SHORT": 1,
                              "matched_pronoun_source": 2})
        check("table: precision", "precision                              0.714" in buf.getvalue(),
              True)
        check("dump names the scare quote", "⟦pop-up⟧" in dumpbuf.getvalue(), True)
        # a missed quote is a false negative
        result["b.txt"]["quotes"] = []
        st = evaluate(d, result, out=io.StringIO())
        check("missing suggestions -> FN", (st["tp"], st["fn"], st["FN-MIXED"], st["FN-MISSED"]),
              (3, 2, 1, 1))
    print("self-test", "passed" if ok else "FAILED")
    return 0 if ok else 1


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("split_dir", nargs="?", help="e.g. /tmp/polnear/dev (<name>.txt + <name>.ann)")
    src = ap.add_mutually_exclusive_group()
    src.add_argument("--json", help="JSON printed by `suggest` over the split's .txt files")
    src.add_argument("--bin-cmd", help="command that runs `suggest`; files are appended, in batches")
    ap.add_argument("--batch", type=int, default=64, help="files per run of --bin-cmd")
    ap.add_argument("--save-json", help="with --bin-cmd: also write the merged JSON here")
    ap.add_argument("--dump", nargs="?", const="-", metavar="FILE",
                    help="per-quote misses with context (to stdout, or to FILE)")
    ap.add_argument("--worst", type=int, default=15)
    ap.add_argument("--self-test", action="store_true")
    args = ap.parse_args()
    if args.self_test:
        return self_test()
    if not args.split_dir or not (args.json or args.bin_cmd):
        ap.error("need SPLIT_DIR and one of --json / --bin-cmd (or --self-test)")
    split_dir = os.path.abspath(args.split_dir)
    if os.path.basename(split_dir.rstrip("/")) == "test":
        ap.error("the test split is not to be used")
    if args.json:
        with open(args.json, encoding="utf-8") as f:
            result = json.load(f)
    else:
        paths = [os.path.join(split_dir, n + ".txt") for n in list_split(split_dir)]
        result = run_binary(args.bin_cmd, paths, batch=args.batch)
        if args.save_json:
            with open(args.save_json, "w", encoding="utf-8") as f:
                json.dump(result, f)
    dump_out = None
    if args.dump == "-":
        dump_out = sys.stdout
    elif args.dump:
        dump_out = open(args.dump, "w", encoding="utf-8")
    evaluate(split_dir, result, dump_out=dump_out, worst=args.worst)
    if dump_out not in (None, sys.stdout):
        dump_out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
