//! Making selections: trimming a selected span, and moving by sentence or word.
//!
//! Every position and range here is in Unicode code points of the canonical text, like every
//! stored offset. Sentence and word boundaries are those of Unicode Standard Annex #29, as the
//! caller's [`Breaks`] give them (the browser's on the page, see [`crate::core::breaks`]).
//! Neither sentences nor words cross a line break under UAX #29, so the functions look only at
//! the lines they need, not at the whole article.
//!
//! A position `p` means the caret before the character at `p`; positions past the end of the
//! text are treated as the end.

use crate::core::breaks::{self, Breaks};
use crate::core::offsets::cp_to_byte;
use std::ops::Range;

/// The range `start..end` without white space (including non-breaking spaces and line breaks)
/// at either end. `end` is clamped to the text; `None` when the range is inverted, starts past
/// the end, or holds only white space.
pub fn trim_span(text: &str, start: usize, end: usize) -> Option<Range<usize>> {
    if start >= end {
        return None;
    }
    let a = cp_to_byte(text, start);
    let b = a + cp_to_byte(text.get(a..)?, end - start);
    let inner = text.get(a..b)?;
    let lead = inner.chars().take_while(|c| c.is_whitespace()).count();
    let trail = inner
        .chars()
        .rev()
        .take_while(|c| c.is_whitespace())
        .count();
    let len = inner.chars().count();
    (lead < len).then(|| start + lead..start + len - trail)
}

/// The start of the first sentence that starts after `pos`, if any.
///
/// A sentence starts at its first character that is not white space; lines that hold only white
/// space have no sentence.
pub fn next_sentence_start(breaks: Breaks, text: &str, pos: usize) -> Option<usize> {
    next_unit(breaks, text, pos, Unit::Sentence, |r| r.start > pos).map(|r| r.start)
}

/// The start of the last sentence that starts before `pos`, if any: the start of the current
/// sentence when `pos` is inside one, else of the one before (as a text editor moves).
pub fn prev_sentence_start(breaks: Breaks, text: &str, pos: usize) -> Option<usize> {
    prev_unit(breaks, text, pos, Unit::Sentence, |r| r.start < pos).map(|r| r.start)
}

/// The sentence at `pos`, without surrounding white space. When `pos` is in the white space
/// after a sentence, that sentence; in white space at the start of a line, the line's first
/// sentence; `None` on a line without any sentence.
pub fn sentence_at(breaks: Breaks, text: &str, pos: usize) -> Option<Range<usize>> {
    let line = Line::at(text, pos);
    let units = line.units(breaks, Unit::Sentence);
    let pos = pos.min(line.cp_end());
    units
        .iter()
        .rev()
        .find(|r| r.start <= pos)
        .or_else(|| units.first())
        .cloned()
}

/// Where the caret goes for "next word": the end of the word at or after `pos` (skipping
/// white space and punctuation), or the end of the text when no word follows.
pub fn next_word_end(breaks: Breaks, text: &str, pos: usize) -> usize {
    next_unit(breaks, text, pos, Unit::Word, |r| r.end > pos)
        .map_or_else(|| text.chars().count(), |r| r.end)
}

/// Where the caret goes for "previous word": the start of the word before or around `pos`
/// (skipping white space and punctuation), or 0 when no word precedes it.
pub fn prev_word_start(breaks: Breaks, text: &str, pos: usize) -> usize {
    prev_unit(breaks, text, pos, Unit::Word, |r| r.start < pos).map_or(0, |r| r.start)
}

/// The selection `sel` grown by one word at its end (Ctrl+Shift+Right).
pub fn extend_word_forward(breaks: Breaks, text: &str, sel: Range<usize>) -> Range<usize> {
    sel.start..next_word_end(breaks, text, sel.end).max(sel.start)
}

/// The selection `sel` grown by one word at its start (Ctrl+Shift+Left).
pub fn extend_word_backward(breaks: Breaks, text: &str, sel: Range<usize>) -> Range<usize> {
    prev_word_start(breaks, text, sel.start).min(sel.end)..sel.end
}

/// What to move by.
#[derive(Clone, Copy)]
enum Unit {
    Sentence,
    Word,
}

/// One line of the text (without its `\n`), with where it starts.
struct Line<'a> {
    text: &'a str,
    /// Byte offset of the line in the whole text.
    byte: usize,
    /// Code point offset of the line in the whole text.
    cp: usize,
}

impl<'a> Line<'a> {
    /// The line holding the character at `pos` (a `\n` belongs to the line it ends; past the
    /// end means the last line).
    fn at(text: &'a str, pos: usize) -> Self {
        let b = cp_to_byte(text, pos);
        let (before, after) = text.split_at(b);
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        let end = b + after.find('\n').unwrap_or(after.len());
        let line_cp = before.get(..start).map_or(0, |s| s.chars().count());
        Line {
            text: text.get(start..end).unwrap_or(""),
            byte: start,
            cp: line_cp,
        }
    }

    fn cp_end(&self) -> usize {
        self.cp + self.text.chars().count()
    }

    /// The line after this one in `whole`.
    fn next(&self, whole: &'a str) -> Option<Self> {
        let start = self.byte + self.text.len() + 1;
        let rest = whole.get(start..)?;
        let len = rest.find('\n').unwrap_or(rest.len());
        Some(Line {
            text: rest.get(..len)?,
            byte: start,
            cp: self.cp_end() + 1,
        })
    }

    /// The line before this one in `whole`.
    fn prev(&self, whole: &'a str) -> Option<Self> {
        let end = self.byte.checked_sub(1)?;
        let before = whole.get(..end)?;
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        let text = before.get(start..)?;
        Some(Line {
            text,
            byte: start,
            cp: self.cp.checked_sub(1 + text.chars().count())?,
        })
    }

    /// The words (segments with a letter or digit) or sentences (trimmed, non-blank
    /// segments) of the line, as code point ranges in the whole text, in order.
    fn units(&self, breaks: Breaks, unit: Unit) -> Vec<Range<usize>> {
        let segments = match unit {
            Unit::Sentence => (breaks.sentences)(self.text),
            Unit::Word => (breaks.words)(self.text),
        };
        let mut out = Vec::new();
        let mut cp = self.cp;
        for s in segments.into_iter().filter_map(|r| self.text.get(r)) {
            let len = s.chars().count();
            match unit {
                Unit::Word => {
                    if breaks::is_word(s) {
                        out.push(cp..cp + len);
                    }
                }
                Unit::Sentence => {
                    if let Some(r) = trim_span(s, 0, len) {
                        out.push(cp + r.start..cp + r.end);
                    }
                }
            }
            cp += len;
        }
        out
    }
}

/// The first unit from the line of `pos` onwards that satisfies `ok`.
fn next_unit(
    breaks: Breaks,
    text: &str,
    pos: usize,
    unit: Unit,
    ok: impl Fn(&Range<usize>) -> bool,
) -> Option<Range<usize>> {
    let mut line = Some(Line::at(text, pos));
    while let Some(l) = line {
        if let Some(r) = l.units(breaks, unit).into_iter().find(&ok) {
            return Some(r);
        }
        line = l.next(text);
    }
    None
}

/// The last unit from the line of `pos` backwards that satisfies `ok`.
fn prev_unit(
    breaks: Breaks,
    text: &str,
    pos: usize,
    unit: Unit,
    ok: impl Fn(&Range<usize>) -> bool,
) -> Option<Range<usize>> {
    let mut line = Some(Line::at(text, pos));
    while let Some(l) = line {
        if let Some(r) = l.units(breaks, unit).into_iter().rev().find(&ok) {
            return Some(r);
        }
        line = l.prev(text);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::breaks::UAX29;
    use crate::core::offsets::slice_cp;
    use crate::core::text::Article;
    use proptest::prelude::*;

    /// The code point offset of the first occurrence of `needle` in `text`.
    fn at(text: &str, needle: &str) -> usize {
        let b = text.find(needle).expect("needle in text");
        text[..b].chars().count()
    }

    #[test]
    fn trimming_removes_white_space_including_nbsp_and_newlines() {
        let text = " \u{a0}Çavuşoğlu\u{a0} \n";
        assert_eq!(trim_span(text, 0, 14), Some(2..11));
        assert_eq!(slice_cp(text, 2, 11), "Çavuşoğlu");
        // The end is clamped; a whitespace-only, empty, inverted or out-of-range span is None.
        assert_eq!(trim_span(text, 2, 999), Some(2..11));
        assert_eq!(trim_span(text, 11, 14), None);
        assert_eq!(trim_span(text, 5, 5), None);
        assert_eq!(trim_span(text, 6, 3), None);
        assert_eq!(trim_span(text, 50, 60), None);
        assert_eq!(trim_span("", 0, 1), None);
    }

    #[test]
    fn trimming_the_sample_article() {
        let a = Article::sample();
        let s = at(&a.text, "Minister Çavuşoğlu\u{a0} stated");
        // Select from just before "Çavuşoğlu" to just after its NBSP and space.
        let r = trim_span(&a.text, s + 8, s + 20).unwrap();
        assert_eq!(slice_cp(&a.text, r.start, r.end), "Çavuşoğlu");
        // A span across a blank line keeps the text on both sides.
        let p = at(&a.text, "battle.”\n\nTurkish");
        let r = trim_span(&a.text, p, p + 17).unwrap();
        assert_eq!(slice_cp(&a.text, r.start, r.end), "battle.”\n\nTurkish");
    }

    #[test]
    fn sentences_of_the_sample_article() {
        let a = Article::sample();
        let t = a.text.as_str();
        let quote = at(t, "“Together, we share");
        let s = sentence_at(UAX29, t, quote + 3).unwrap();
        assert_eq!(
            slice_cp(t, s.start, s.end),
            "In the opening\u{a0} remarks during the plenary session of the Ministerial, \
             Secretary Tillerson\u{a0} stated that\u{a0} “Together, we share a resolve to deal ISIS or \
             Daesh a lasting defeat."
        );
        let next = next_sentence_start(UAX29, t, quote).unwrap();
        assert!(slice_cp(t, next, next + 30).starts_with("Our coalition is united"));
        // From the start of that sentence, "previous" goes to the sentence before it.
        assert_eq!(prev_sentence_start(UAX29, t, next), Some(s.start));
        // From inside a sentence, "previous" goes to its own start.
        assert_eq!(prev_sentence_start(UAX29, t, quote), Some(s.start));

        // The next sentence after the end of a line is on the next non-blank line.
        let end_of_p = at(t, "stay aggressive in this battle.”") + 32;
        let heading = next_sentence_start(UAX29, t, end_of_p).unwrap();
        assert_eq!(heading, at(t, "Turkish Presence at the Meeting"));
        assert_eq!(
            prev_sentence_start(UAX29, t, heading),
            Some(at(t, "Our coalition is united"))
        );

        // "Çavuşoğlu" and the NBSP do not break a sentence.
        let c = at(t, "Minister Çavuşoğlu");
        let s = sentence_at(UAX29, t, c + 12).unwrap();
        assert_eq!(s.start, c);
        assert!(slice_cp(t, s.start, s.end).ends_with("\"vitally important\" for one another."));

        assert_eq!(next_sentence_start(UAX29, t, t.chars().count()), None);
        assert_eq!(prev_sentence_start(UAX29, t, 0), None);
        // UAX #29 has no list of abbreviations: "U.S. Secretary" ends a sentence after "U.S.".
        assert_eq!(
            next_sentence_start(UAX29, t, 0),
            Some(at(t, "Secretary of State Rex"))
        );
    }

    #[test]
    fn blank_lines_have_no_sentence() {
        let t = "One. Two.\n \u{a0}\nThree";
        assert_eq!(sentence_at(UAX29, t, 10), None);
        assert_eq!(sentence_at(UAX29, t, 4), Some(0..4));
        assert_eq!(sentence_at(UAX29, t, 9), Some(5..9));
        assert_eq!(next_sentence_start(UAX29, t, 5), Some(13));
        assert_eq!(prev_sentence_start(UAX29, t, 13), Some(5));
        assert_eq!(sentence_at(UAX29, t, 999), Some(13..18));
    }

    #[test]
    fn words_skip_white_space_and_punctuation() {
        let a = Article::sample();
        let t = a.text.as_str();
        let c = at(t, "Minister Çavuşoğlu\u{a0} stated that\u{a0} U.S.");
        let word = |r: Range<usize>| slice_cp(t, r.start, r.end).to_owned();
        // From after "Minister", forward selects through "Çavuşoğlu" as one word.
        let r = extend_word_forward(UAX29, t, c..c + 8);
        assert_eq!(word(r.clone()), "Minister Çavuşoğlu");
        let r = extend_word_forward(UAX29, t, r);
        assert_eq!(word(r.clone()), "Minister Çavuşoğlu\u{a0} stated");
        let r = extend_word_forward(UAX29, t, extend_word_forward(UAX29, t, r));
        assert_eq!(
            word(r.clone()),
            "Minister Çavuşoğlu\u{a0} stated that\u{a0} U.S"
        );
        // Backward from "stated" skips the space and NBSP and lands on "Çavuşoğlu".
        let s = at(t, "stated that\u{a0} U.S.");
        assert_eq!(
            word(extend_word_backward(UAX29, t, s..s + 6)),
            "Çavuşoğlu\u{a0} stated"
        );
        // Curly quotes are skipped; "we’re" is one word.
        let q = at(t, "“Together");
        assert_eq!(next_word_end(UAX29, t, q), q + 9);
        let w = at(t, "we’re");
        assert_eq!(next_word_end(UAX29, t, w), w + 5);
        assert_eq!(prev_word_start(UAX29, t, w + 5), w);
        // Across a line break and the ends of the text.
        let l = at(t, "battle.”\n\nTurkish");
        assert_eq!(next_word_end(UAX29, t, l + 6), l + 17);
        assert_eq!(prev_word_start(UAX29, t, l + 10), l);
        assert_eq!(prev_word_start(UAX29, t, 3), 0);
        let n = t.chars().count();
        assert_eq!(next_word_end(UAX29, t, n), n);
        assert_eq!(next_word_end(UAX29, "¿?", 0), 2);
    }

    proptest! {
        #[test]
        fn navigation_never_panics_and_stays_in_bounds(
            text in "[aÇ .“”\u{a0}\n😀]{0,30}",
            pos in 0usize..40,
            len in 0usize..10,
        ) {
            let n = text.chars().count();
            if let Some(r) = trim_span(&text, pos, pos + len) {
                prop_assert!(pos <= r.start && r.start < r.end && r.end <= n);
                let s = slice_cp(&text, r.start, r.end);
                prop_assert!(!s.starts_with(char::is_whitespace));
                prop_assert!(!s.ends_with(char::is_whitespace));
            }
            if let Some(p) = next_sentence_start(UAX29, &text, pos) {
                prop_assert!(p > pos && p < n);
            }
            if let Some(p) = prev_sentence_start(UAX29, &text, pos) {
                prop_assert!(p < pos && p < n);
            }
            if let Some(r) = sentence_at(UAX29, &text, pos) {
                prop_assert!(r.start < r.end && r.end <= n);
            }
            let e = next_word_end(UAX29, &text, pos);
            prop_assert!(e <= n && (e > pos || e == n));
            let s = prev_word_start(UAX29, &text, pos);
            prop_assert!(s <= pos.min(n));
        }
    }
}
