//! Where a text breaks into words and sentences: the boundaries of Unicode Standard Annex #29.
//!
//! Moving the selection by word or sentence ([`crate::core::selection`]) and normalising a
//! claim into words ([`crate::core::repeats`]) need those boundaries, and they run on the
//! page. The `unicode-segmentation` crate's word and sentence tables and code cost the page's
//! wasm 21 KB gzip (measured: `BENCHMARKS.md`), while every browser the app runs in ships the
//! same rules in `Intl.Segmenter`. So the rules are a value, [`Breaks`], that the caller chooses: [`UAX29`]
//! (the crate) natively, in the workers and in tests; the browser's
//! (`web::breaks::BROWSER`) on the page. A browser test checks that the two agree on the
//! texts the app meets (accented and non-Latin names, curly quotes, numbers, emoji), and on
//! every labelled pair of repeat claims.

use std::fmt;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// A text's segments between word or sentence boundaries, as byte ranges that cover the text
/// in order (white space and punctuation are segments too).
pub type Segments = fn(&str) -> Vec<Range<usize>>;

/// Word and sentence boundaries, as one implementation gives them.
#[derive(Clone, Copy)]
pub struct Breaks {
    /// Segments between word boundaries.
    pub words: Segments,
    /// Segments between sentence boundaries.
    pub sentences: Segments,
}

impl fmt::Debug for Breaks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Breaks")
    }
}

/// The `unicode-segmentation` crate's boundaries.
pub const UAX29: Breaks = Breaks {
    words: uax29_words,
    sentences: uax29_sentences,
};

/// Byte ranges of consecutive segments of `text`.
fn ranges<'a>(text: &str, segments: impl Iterator<Item = &'a str>) -> Vec<Range<usize>> {
    let mut at = 0;
    let mut out = Vec::new();
    for s in segments {
        out.push(at..at + s.len());
        at += s.len();
    }
    debug_assert_eq!(at, text.len());
    out
}

fn uax29_words(text: &str) -> Vec<Range<usize>> {
    ranges(text, text.split_word_bounds())
}

fn uax29_sentences(text: &str) -> Vec<Range<usize>> {
    ranges(text, text.split_sentence_bounds())
}

/// Word segments as the browser gives them, joined where a full stop stands between two letters
/// ("U.S", "N.H.S", "example.org"): UAX #29 keeps those in one word (rule WB6/WB7, the full
/// stop being `MidNumLet`), and so does the crate, but Chromium's `Intl.Segmenter` breaks at
/// such a full stop. Joining them gives the page the words the native code and the repeat
/// finder's threshold were measured with (a browser test checks the two agree).
pub fn join_letters_across_full_stops(
    text: &str,
    segments: Vec<Range<usize>>,
) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(segments.len());
    let mut i = 0;
    while i < segments.len() {
        let r = segments[i].clone();
        let stop = text
            .get(r.clone())
            .is_some_and(|s| matches!(s, "." | "\u{2024}" | "\u{fe52}" | "\u{ff0e}"));
        let before = out.last().and_then(|p| text.get(p.clone()));
        let after = segments.get(i + 1).and_then(|n| text.get(n.clone()));
        if stop
            && before.is_some_and(ends_with_letter)
            && after.is_some_and(|a| a.chars().next().is_some_and(is_ahletter))
        {
            if let (Some(last), Some(next)) = (out.last_mut(), segments.get(i + 1)) {
                last.end = next.end;
            }
            i += 2;
        } else {
            out.push(r);
            i += 1;
        }
    }
    out
}

/// Whether a segment ends with a letter UAX #29 joins across a full stop (combining marks and
/// joiners after it are skipped, as rule WB4 skips them).
fn ends_with_letter(segment: &str) -> bool {
    segment
        .chars()
        .rev()
        .find(|&c| !matches!(c, '\u{300}'..='\u{36f}' | '\u{200d}' | '\u{fe0f}'))
        .is_some_and(is_ahletter)
}

/// A letter of UAX #29's `ALetter` or `Hebrew_Letter` classes, near enough: alphabetic, but not
/// an ideograph, kana or a letter of the scripts written without spaces (Thai, Lao, Khmer,
/// Myanmar), which are classes of their own there.
fn is_ahletter(c: char) -> bool {
    c.is_alphabetic()
        && !matches!(c,
            '\u{e00}'..='\u{eff}' | '\u{1000}'..='\u{109f}' | '\u{1780}'..='\u{17ff}'
            | '\u{2e80}'..='\u{a4cf}' | '\u{f900}'..='\u{faff}' | '\u{ff66}'..='\u{ff9f}'
            | '\u{20000}'..)
}

/// Whether a word segment is a word (holds a letter or a digit), as `unicode_words` decides.
pub fn is_word(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_crates_segments_cover_the_text() {
        let t = "“It’s 19,000,” said Zoë Çavuş. Next 😀 line?";
        let words: Vec<&str> = (UAX29.words)(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(words.concat(), t);
        assert!(words.contains(&"It’s") && words.contains(&"19,000") && words.contains(&"Zoë"));
        let words: Vec<&str> = words.into_iter().filter(|w| is_word(w)).collect();
        assert_eq!(
            words,
            ["It’s", "19,000", "said", "Zoë", "Çavuş", "Next", "line"]
        );
        let sentences: Vec<&str> = (UAX29.sentences)(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            sentences,
            ["“It’s 19,000,” said Zoë Çavuş. ", "Next 😀 line?"]
        );
        assert!((UAX29.words)("").is_empty());
    }

    #[test]
    fn full_stops_between_letters_join_as_the_crate_joins_them() {
        // Segments as Chromium gives them: cut at a full stop between letters too.
        let pieces = [
            "U", ".", "S", ".", " ", "and", " ", "N", ".", "H", ".", "S", " ", "said", " ", "4.5",
            " ", "at", " ", "example", ".", "org", ".", " ", "Then", " ", "22nd", ".", "Next", " ",
            "中", ".", "文", " ", "Zoë", ".", "Ça",
        ];
        let t: String = pieces.concat();
        let t = t.as_str();
        let mut at = 0;
        let browser: Vec<Range<usize>> = pieces
            .iter()
            .map(|p| {
                at += p.len();
                at - p.len()..at
            })
            .collect();
        let joined: Vec<&str> = join_letters_across_full_stops(t, browser)
            .into_iter()
            .map(|r| &t[r])
            .collect();
        let crate_: Vec<&str> = (UAX29.words)(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(joined, crate_);
        assert!(joined.contains(&"N.H.S") && joined.contains(&"22nd.Next"));
        assert!(joined.contains(&"Zoë.Ça") && joined.contains(&"中"));
        assert!(join_letters_across_full_stops("", Vec::new()).is_empty());
        let one = std::iter::once(0..1);
        assert_eq!(
            join_letters_across_full_stops(".", one.clone().collect()),
            one.collect::<Vec<_>>()
        );
    }
}
