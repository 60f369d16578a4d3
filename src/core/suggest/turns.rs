//! Transcripts: the turns of a text whose paragraphs open with their speaker's label, as
//! debate and interview transcripts are printed ("TRUMP: We have to…", "Chris Wallace: And
//! you, Governor?", "Donald Trump: (04:12)" on a line of its own, a news story's `"PENCE:
//! Well, look, …` in quotation marks).
//!
//! A paragraph is a turn's first when it opens (after at most one quotation mark) with a name
//! of one to five words, titles allowed ("SEN. LINDSEY GRAHAM", "Rep. Ana Lima (R-Ky.)"), a
//! colon, and then a space or the paragraph's end ("10:30" and "https:" are no labels). A
//! label is a speaker's only when the same name (by its last word: "JAKE TAPPER:", then
//! "TAPPER:") opens at least two paragraphs (someone who speaks twice: "Correction:" once, or
//! a headline's "Pence: …", is no transcript), or it stands within two paragraphs of such a
//! name (the guest who answers once); when it is not one of the words that label notes rather
//! than people, nor ends with one ("Update:", "Editor's note:", "MORE:", "Pictured:", "Video
//! Transcript:", [`NOT_SPEAKERS`]); and when what follows it on its line has a letter
//! ("Clinton: 547." in a tally of delegates is no turn, "REED: No." is one).
//!
//! A turn runs from after its label to the end of its paragraph, and on over the unlabelled
//! paragraphs after it up to the next speaker's label (a long answer printed as several
//! paragraphs; not over a stage direction that ends it, "(CROSSTALK)"); the last turn of the
//! text keeps its own paragraph, since what follows a transcript is most often the story
//! again. A label alone on its line gives the paragraph after it.
//!
//! The name is given as the fullest form the text uses ("PENCE" → "Mike Pence", compared
//! without case), in title case when it is written in capitals ("WALLACE" → "Wallace", "JAKE
//! TAPPER" → "Jake Tapper").
//!
//! Linear in the text: each paragraph's first 64 code points are read once, and the names of
//! the text once, a paragraph at a time, only when two labels of one name were found (with
//! the book the quotes' speakers were read with: `quotes_and_turns`).

use super::lexicon::{is_headline_label, listed};
use super::names::{folded, NameBook};
use super::words::{name_starting_at, words_in};
use std::collections::HashMap;

/// One speaker's turn in a transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    /// The label's name where it stands (titles left out): code points.
    pub label: (usize, usize),
    /// The whole label on its line, from the paragraph's start (a quotation mark and titles
    /// included) to where the speech starts, or to the line's end for a label on a line of
    /// its own: what is no one's speech.
    pub label_line: (usize, usize),
    /// The first code point of what the speaker says, and just past the last.
    pub start: usize,
    pub end: usize,
    /// The fullest form of the name the text uses.
    pub name: String,
}

/// The farthest a label's colon stands from its paragraph's start, in code points.
const MAX_LABEL_CHARS: usize = 64;

/// How many paragraphs away a label of one paragraph may stand from a recurring one.
const NEAR: usize = 2;

/// The most words a speaker's label has, titles included ("Secretary of State Rex W.
/// Tillerson" is six: "SEC. TILLERSON" is how transcripts write it).
const MAX_LABEL_WORDS: usize = 5;

/// Labels that open paragraphs of notes, not of speech (lower case, without the colon;
/// sorted, by bytes): a transcript's name is never one of these, however often it recurs.
pub const NOT_SPEAKERS: &[&str] = &[
    "above",
    "advertisement",
    "also",
    "background",
    "below",
    "byline",
    "caption",
    "clarification",
    "contact",
    "context",
    "correction",
    "corrections",
    "credit",
    "date",
    "details",
    "disclaimer",
    "disclosure",
    "editor's note",
    "editors note",
    "editor’s note",
    "email",
    "flashback",
    "gallery",
    "image",
    "images",
    "listen",
    "location",
    "more",
    "note",
    "notes",
    "photo",
    "photos",
    "pictured",
    "plus",
    "read",
    "read more",
    "recap",
    "related",
    "reminder",
    "see",
    "see also",
    "source",
    "sources",
    "sponsored",
    "tags",
    "topics",
    "transcript",
    "updated",
    "watch",
    "when",
    "where",
];

/// A paragraph's label: the name's span (titles left out), the name as written, and where
/// the speech starts (after the colon and the spaces, and a time stamp such as "(04:12)").
pub struct Label {
    name_span: (usize, usize),
    name: String,
    speech: usize,
}

/// A turn found by its label, before its name is looked up in the text.
pub struct Labelled {
    label: Label,
    label_line: (usize, usize),
    start: usize,
    end: usize,
}

/// The turns of `chars`, in text order, their names as the text's other mentions give them
/// (`book` has read the whole text: [`read_paragraphs`]).
pub fn named(found: Vec<Labelled>, book: &NameBook) -> Vec<Turn> {
    found
        .into_iter()
        .map(|f| Turn {
            label: f.label.name_span,
            label_line: f.label_line,
            start: f.start,
            end: f.end,
            name: display_name(book, &f.label.name),
        })
        .collect()
}

/// Has `book` read the names of `chars[from..]`, a paragraph at a time (a transcript is long,
/// and its words are not all held at once).
pub fn read_paragraphs(book: &mut NameBook, chars: &[char], from: usize) {
    let mut s = from;
    while s < chars.len() {
        let e = chars[s..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(chars.len(), |p| s + p);
        book.read(chars, s, e);
        s = e + 1;
    }
}

/// The turns of `chars` ([`labels`] named by a book of the whole text).
#[cfg(test)]
pub fn turns(chars: &[char]) -> Vec<Turn> {
    let mut book = NameBook::default();
    read_paragraphs(&mut book, chars, 0);
    named(labels(chars), &book)
}

/// The turns of `chars` by their labels, in text order (none when no name labels two
/// paragraphs).
pub fn labels(chars: &[char]) -> Vec<Labelled> {
    let paragraphs = paragraphs(chars);
    let mut labels: Vec<Option<Label>> = paragraphs
        .iter()
        .map(|&(s, e)| label_of(chars, s, e))
        .collect();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for l in labels.iter().flatten() {
        *counts.entry(surname(&l.name)).or_default() += 1;
    }
    let recurs = |l: &Label| counts.get(&surname(&l.name)).is_some_and(|&n| n >= 2);
    if !labels.iter().flatten().any(recurs) {
        return Vec::new();
    }
    // A name that labels one paragraph only counts next to a recurring one ("RAMOS: …" twice,
    // "CLINTON: …" once, in turn).
    let recurring: Vec<bool> = labels
        .iter()
        .map(|l| l.as_ref().is_some_and(recurs))
        .collect();
    let counted: Vec<bool> = (0..labels.len())
        .map(|k| {
            let (a, b) = (k.saturating_sub(NEAR), (k + NEAR).min(labels.len() - 1));
            labels[k].is_some() && (recurring[k] || (a..=b).any(|j| j != k && recurring[j]))
        })
        .collect();
    let mut out = Vec::new();
    for k in 0..labels.len() {
        if !counted[k] {
            continue;
        }
        let Some(l) = labels[k].take() else {
            continue;
        };
        let (_, para_end) = paragraphs[k];
        // A label alone on its line ("Donald Trump: (04:12)") gives the paragraph after it.
        let (start, mut last) = if l.speech >= para_end {
            match paragraphs.get(k + 1) {
                Some(&(s, _)) if !counted[k + 1] => (s, k + 1),
                _ => continue,
            }
        } else {
            (l.speech, k)
        };
        // On over unlabelled paragraphs, when another speaker's label follows.
        let next = counted[last + 1..]
            .iter()
            .position(|&c| c)
            .map(|p| last + 1 + p);
        if let Some(next) = next {
            last = next - 1;
            // Not over a stage direction that ends the turn ("(CROSSTALK)", "[APPLAUSE]").
            while last > k && stage_direction(chars, paragraphs[last]) {
                last -= 1;
            }
        }
        let end = trim_end(chars, start, paragraphs[last].1);
        if start < end {
            let (para_start, para_end) = paragraphs[k];
            out.push(Labelled {
                label_line: (para_start, l.speech.min(para_end)),
                label: l,
                start,
                end,
            });
        }
    }
    out
}

/// A label's name by its last word, folded: "JAKE TAPPER:" once and "TAPPER:" after are one
/// speaker who speaks twice.
fn surname(name: &str) -> String {
    folded(name.rsplit(' ').next().unwrap_or(name))
}

/// The paragraphs (`\n`-separated lines) of `chars` that hold more than spaces.
fn paragraphs(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut s = 0;
    for (i, c) in chars
        .iter()
        .copied()
        .enumerate()
        .chain([(chars.len(), '\n')])
    {
        if c == '\n' {
            if chars[s..i].iter().any(|c| !c.is_whitespace()) {
                out.push((s, i));
            }
            s = i + 1;
        }
    }
    out
}

/// Whether paragraph `(s, e)` is only a stage direction in parentheses or brackets
/// ("(CROSSTALK.)", "[APPLAUSE]"), after at most one quotation mark.
fn stage_direction(chars: &[char], (s, e): (usize, usize)) -> bool {
    let text: String = chars[s..e].iter().collect();
    let text = text.trim().trim_start_matches(opening_mark).trim_end();
    (text.starts_with('(') && text.ends_with(')')) || (text.starts_with('[') && text.ends_with(']'))
}

/// `end` moved back over spaces (not before `start`).
fn trim_end(chars: &[char], start: usize, mut end: usize) -> usize {
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    end
}

/// Whether `c` opens a quotation ("PENCE: …" printed inside quotation marks).
fn opening_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '„' | '«' | '‘' | '\'' | '‹')
}

/// The label that opens paragraph `[s, e)`, if it has one.
fn label_of(chars: &[char], s: usize, e: usize) -> Option<Label> {
    let mut i = s;
    while i < e && chars[i].is_whitespace() {
        i += 1;
    }
    if i < e && opening_mark(chars[i]) {
        i += 1;
    }
    let from = i;
    // The colon, within the first characters, with nothing on the way a name does not hold
    // (digits only inside parentheses: "(R-Ky.)").
    let mut depth = 0usize;
    let mut colon = None;
    for (j, &c) in chars
        .iter()
        .enumerate()
        .take(e.min(from + MAX_LABEL_CHARS))
        .skip(from)
    {
        match c {
            ':' if depth == 0 => {
                colon = Some(j);
                break;
            }
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            c if c.is_alphabetic() || matches!(c, ' ' | '.' | '\'' | '’' | '-') => {}
            _ => return None,
        }
    }
    let colon = colon?;
    if chars.get(colon + 1).is_some_and(|c| !c.is_whitespace()) && colon + 1 < e {
        return None;
    }
    // The name ends before a parenthesis ("Rep. Ana Lima (R-Ky.):").
    let name_end = chars[from..colon]
        .iter()
        .position(|&c| c == '(')
        .map_or(colon, |p| from + p);
    let ws = words_in(chars, from, name_end);
    if ws.is_empty() || ws.len() > MAX_LABEL_WORDS || ws.iter().any(|w| w.gap.breaks()) {
        return None;
    }
    let (name, end) = name_starting_at(&ws, 0)?;
    let lower = name.name.to_lowercase();
    if end != ws.len()
        || name.name.chars().filter(|c| c.is_alphabetic()).count() < 2
        || is_headline_label(&name.name)
        || listed(NOT_SPEAKERS, &lower)
        || lower
            .rsplit(' ')
            .next()
            .is_some_and(|last| listed(NOT_SPEAKERS, last))
    {
        return None;
    }
    // After the colon: spaces, and a time stamp ("(04:12)", "(00:01:23)").
    let mut speech = colon + 1;
    while speech < e && chars[speech].is_whitespace() {
        speech += 1;
    }
    if chars.get(speech) == Some(&'(') {
        let close = chars[speech..e].iter().position(|&c| c == ')');
        let stamp = close.is_some_and(|c| {
            c > 1
                && chars[speech + 1..speech + c]
                    .iter()
                    .all(|&ch| ch.is_ascii_digit() || ch == ':')
        });
        if let (true, Some(c)) = (stamp, close) {
            speech += c + 1;
            while speech < e && chars[speech].is_whitespace() {
                speech += 1;
            }
        }
    }
    // Speech has a word: "Clinton: 547." in a tally of delegates is no turn ("REED: No." is).
    if speech < e && !chars[speech..e].iter().any(|c| c.is_alphabetic()) {
        return None;
    }
    Some(Label {
        name_span: (name.start, name.end),
        name: name.name,
        speech,
    })
}

/// The name a label gives: the fullest form the text uses, else the label's own words, in
/// title case when they are in capitals ("WALLACE" → "Wallace").
fn display_name(book: &NameBook, name: &str) -> String {
    let written = title_case(name);
    // The book holds the labels themselves, in capitals ("JAKE TAPPER:" once, "TAPPER:" after):
    // a fuller name is one with more words, and it is shown as the label is.
    let fullest = title_case(&book.fullest(&written));
    if fullest.split(' ').count() > written.split(' ').count() {
        fullest
    } else {
        written
    }
}

/// `name` in title case when it is written in capitals ("JAKE TAPPER" → "Jake Tapper"), else
/// as it is. (Upper case tested and each first letter kept as it is: `char::to_uppercase` and
/// `char::is_lowercase` would bring their Unicode tables, 14 KB, into the worker.)
fn title_case(name: &str) -> String {
    let capitals = name
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    if !capitals {
        return name.to_owned();
    }
    name.split(' ')
        .map(|w| {
            let mut cs = w.chars();
            cs.next().map_or_else(String::new, |f| {
                std::iter::once(f)
                    .chain(cs.flat_map(char::to_lowercase))
                    .collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}
