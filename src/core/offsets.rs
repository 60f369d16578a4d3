//! The one place where text positions change units.
//!
//! Three units meet in this app:
//! - the DOM (`Selection`, `Range`, `Text.length`) counts **UTF-16 code units**;
//! - Rust `str` indexes **UTF-8 bytes**;
//! - the W3C Web Annotation model, and every offset this app stores, counts **Unicode code
//!   points** (Rust `char`s).
//!
//! Every conversion between them goes through this module. Positions that fall inside a
//! character (the second unit of a surrogate pair, a byte inside a multi-byte character) are
//! rounded *down* to the start of that character, and positions past the end are clamped to the
//! end, so no conversion can panic or produce an index that splits a character.

/// Code points in `s`.
pub fn cp_len(s: &str) -> usize {
    count_starts(s.as_bytes())
}

/// UTF-16 code units in `s`.
pub fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// Whether a byte of UTF-8 starts a character (is not a continuation byte `10xxxxxx`).
fn is_start(b: u8) -> bool {
    (b as i8) >= -0x40
}

/// How many of these eight bytes of UTF-8 start a character: eight minus the continuation
/// bytes, whose top two bits are `10` (bit 7 set, bit 6, shifted into bit 7, clear).
fn starts_in(chunk: &[u8; 8]) -> usize {
    let w = u64::from_ne_bytes(*chunk);
    8 - (w & !(w << 1) & 0x8080_8080_8080_8080).count_ones() as usize
}

/// How many bytes of UTF-8 start a character, eight at a time: article-length texts are
/// converted in tens of microseconds, not by decoding every character.
fn count_starts(b: &[u8]) -> usize {
    let (chunks, rest) = b.as_chunks::<8>();
    chunks.iter().map(starts_in).sum::<usize>() + rest.iter().filter(|&&x| is_start(x)).count()
}

/// Byte offset of the code point at `cp` (clamped to `s.len()`).
pub fn cp_to_byte(s: &str, cp: usize) -> usize {
    let bytes = s.as_bytes();
    let (chunks, _) = bytes.as_chunks::<8>();
    // Skip whole chunks whose character starts all come before the one wanted.
    let mut seen = 0usize;
    let mut at = 0usize;
    for chunk in chunks {
        let k = starts_in(chunk);
        if seen + k > cp {
            break;
        }
        seen += k;
        at += 8;
    }
    for (i, &b) in bytes.iter().enumerate().skip(at) {
        if is_start(b) {
            if seen == cp {
                return i;
            }
            seen += 1;
        }
    }
    s.len()
}

/// Code point offset of byte `byte` (rounded down to a character start, clamped to the end).
pub fn byte_to_cp(s: &str, byte: usize) -> usize {
    match s.as_bytes().get(..=byte) {
        // The starts up to and including `byte`'s own character, less that one.
        Some(upto) => count_starts(upto).saturating_sub(1),
        None => cp_len(s),
    }
}

/// Code point offset of UTF-16 offset `u16` (rounded down inside a surrogate pair, clamped).
pub fn utf16_to_cp(s: &str, u16: usize) -> usize {
    let mut units = 0;
    for (i, c) in s.chars().enumerate() {
        let next = units + c.len_utf16();
        if next > u16 {
            return i;
        }
        units = next;
    }
    cp_len(s)
}

/// UTF-16 offset of code point `cp` (clamped to the end).
pub fn cp_to_utf16(s: &str, cp: usize) -> usize {
    s.chars().take(cp).map(char::len_utf16).sum()
}

/// The substring between two code point offsets (both clamped; an inverted range is empty).
pub fn slice_cp(s: &str, start: usize, end: usize) -> &str {
    let a = cp_to_byte(s, start);
    let rest = s.get(a..).unwrap_or("");
    &rest[..cp_to_byte(rest, end.max(start) - start)]
}

/// A precomputed index over one text for O(log n) conversions on long articles.
///
/// It records, for every code point, its byte offset; conversions then avoid rescanning the
/// whole text, which matters when thousands of annotations are anchored on a long article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CpIndex {
    /// `bytes[i]` is the byte offset of code point `i`; the last entry is `text.len()`.
    bytes: Vec<u32>,
}

impl CpIndex {
    /// Indexes `s`.
    pub fn new(s: &str) -> Self {
        let mut bytes: Vec<u32> = s.char_indices().map(|(b, _)| b as u32).collect();
        bytes.push(s.len() as u32);
        CpIndex { bytes }
    }

    /// Code points in the indexed text.
    pub fn len(&self) -> usize {
        self.bytes.len() - 1
    }

    /// Whether the indexed text is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Byte offset of code point `cp` (clamped).
    pub fn byte(&self, cp: usize) -> usize {
        self.bytes[cp.min(self.len())] as usize
    }

    /// Code point offset of byte `byte` (rounded down to a character start, clamped).
    pub fn cp(&self, byte: usize) -> usize {
        match self.bytes.binary_search(&(byte as u32)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The slice of `s` (the indexed text) between two code point offsets.
    pub fn slice<'a>(&self, s: &'a str, start: usize, end: usize) -> &'a str {
        &s[self.byte(start)..self.byte(end.max(start))]
    }
}

/// The segments of `text` that start at `starts`, UTF-16 offsets in increasing order (as the
/// browser's `Intl.Segmenter` gives them), as byte ranges that cover the text in order. A start
/// that is not after the one before it, falls inside a character (rounded down, as everywhere
/// here) or lies past the end is dropped, so the ranges are never empty, never split a
/// character, and always cover the whole text, whatever `starts` holds.
pub fn utf16_starts_to_byte_ranges(text: &str, starts: &[u32]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::with_capacity(starts.len());
    let mut wanted = starts.iter().map(|&u| u as usize).peekable();
    let (mut from, mut units) = (0usize, 0usize);
    for (byte, c) in text.char_indices() {
        // Every start at or before this character's first unit: it (rounded down) begins here.
        let mut here = false;
        while wanted.next_if(|&u| u < units + c.len_utf16()).is_some() {
            here = true;
        }
        if here && byte > from {
            out.push(from..byte);
            from = byte;
        }
        units += c.len_utf16();
    }
    if from < text.len() {
        out.push(from..text.len());
    }
    out
}

/// The text before and after the UTF-16 range `start..end` of `text` (a text box's selection,
/// in either order); the range is clamped to the text and never splits a character.
pub fn split_utf16(text: &str, start: u32, end: u32) -> (String, String) {
    let (a, b) = (start.min(end) as usize, start.max(end) as usize);
    let start_byte = cp_to_byte(text, utf16_to_cp(text, a));
    let end_byte = cp_to_byte(text, utf16_to_cp(text, b)).max(start_byte);
    (
        text.get(..start_byte).unwrap_or(text).to_owned(),
        text.get(end_byte..).unwrap_or("").to_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn segment_starts_in_utf16_become_byte_ranges_that_cover_the_text() {
        // "Çavuş" 5 units, " " 1, "😀" 2 (one character, four bytes), " " 1, "“x”" 3.
        let t = "Çavuş 😀 “x”";
        let pieces = |starts: &[u32]| -> Vec<&str> {
            utf16_starts_to_byte_ranges(t, starts)
                .into_iter()
                .map(|r| &t[r])
                .collect()
        };
        assert_eq!(
            pieces(&[0, 5, 6, 8, 9, 10, 11]),
            ["Çavuş", " ", "😀", " ", "“", "x", "”"]
        );
        // A start inside the emoji (7) is rounded down to it; repeated, unordered and
        // out-of-range starts are dropped; the text is covered whatever the starts say.
        assert_eq!(
            pieces(&[0, 5, 5, 7, 3, 9, 40]),
            ["Çavuş", " ", "😀 ", "“x”"]
        );
        assert_eq!(pieces(&[]), ["Çavuş 😀 “x”"]);
        assert_eq!(pieces(&[6]), ["Çavuş ", "😀 “x”"]);
        assert!(utf16_starts_to_byte_ranges("", &[0, 1]).is_empty());
    }

    #[test]
    fn a_selection_splits_the_text_around_it() {
        // "😀" is two UTF-16 units: the caret after it is at 9 ("Çavuş 😀" = 5 + 1 + 2 + 1).
        let t = "Çavuş 😀 “x”";
        assert_eq!(
            split_utf16(t, 8, 8),
            ("Çavuş 😀".to_owned(), " “x”".to_owned())
        );
        assert_eq!(
            split_utf16(t, 11, 9),
            ("Çavuş 😀 ".to_owned(), "”".to_owned())
        );
        assert_eq!(split_utf16(t, 0, 99), (String::new(), String::new()));
    }

    // "Ç" is 2 bytes / 1 unit, NBSP 2 bytes / 1 unit, "“" 3 bytes / 1 unit, "😀" 4 bytes / 2 units.
    const MIXED: &str = "Çavuşoğlu\u{a0}said “hi” 😀!";

    #[test]
    fn lengths_of_mixed_text() {
        assert_eq!(cp_len(MIXED), 22);
        assert_eq!(utf16_len(MIXED), 23);
        assert_eq!(MIXED.len(), 33);
    }

    #[test]
    fn conversions_on_named_positions() {
        // Code point 9 is the NBSP after "Çavuşoğlu".
        assert_eq!(cp_to_byte(MIXED, 9), "Çavuşoğlu".len());
        assert_eq!(slice_cp(MIXED, 0, 9), "Çavuşoğlu");
        assert_eq!(slice_cp(MIXED, 9, 10), "\u{a0}");
        // The emoji is code point 20, UTF-16 unit 20; the "!" after it is unit 22.
        assert_eq!(slice_cp(MIXED, 20, 21), "😀");
        assert_eq!(cp_to_utf16(MIXED, 21), 22);
        assert_eq!(utf16_to_cp(MIXED, 22), 21);
        // Inside the surrogate pair rounds down to the emoji's start.
        assert_eq!(utf16_to_cp(MIXED, 21), 20);
        // Inside a multi-byte character rounds down too.
        assert_eq!(byte_to_cp(MIXED, 1), 0);
        // Past the end clamps.
        assert_eq!(utf16_to_cp(MIXED, 999), 22);
        assert_eq!(cp_to_byte(MIXED, 999), MIXED.len());
        assert_eq!(slice_cp(MIXED, 5, 2), "");
    }

    proptest! {
        #[test]
        fn utf16_round_trips_on_character_boundaries(s in "\\PC*", frac in 0.0f64..=1.0) {
            let n = cp_len(&s);
            let cp = ((n as f64) * frac) as usize;
            let u = cp_to_utf16(&s, cp);
            prop_assert_eq!(utf16_to_cp(&s, u), cp);
            // Agrees with the standard library's own UTF-16 encoding.
            let prefix: String = s.chars().take(cp).collect();
            prop_assert_eq!(prefix.encode_utf16().count(), u);
        }

        #[test]
        fn byte_round_trips_and_index_agrees(s in any::<String>(), frac in 0.0f64..=1.0) {
            let n = cp_len(&s);
            let cp = ((n as f64) * frac) as usize;
            let b = cp_to_byte(&s, cp);
            prop_assert!(s.is_char_boundary(b));
            prop_assert_eq!(byte_to_cp(&s, b), cp);
            let idx = CpIndex::new(&s);
            prop_assert_eq!(idx.len(), n);
            prop_assert_eq!(idx.byte(cp), b);
            prop_assert_eq!(idx.cp(b), cp);
        }

        /// Whatever starts the browser gives, the segments cover the text in order, are never
        /// empty and never split a character; ordered starts on character boundaries are kept.
        #[test]
        fn segments_from_any_starts_cover_the_text(
            s in "[a-zÇ“😀 \n]{0,40}",
            starts in proptest::collection::vec(0u32..60, 0..20),
        ) {
            let ranges = utf16_starts_to_byte_ranges(&s, &starts);
            let mut at = 0;
            for r in &ranges {
                prop_assert_eq!(r.start, at);
                prop_assert!(r.end > r.start && s.is_char_boundary(r.end));
                at = r.end;
            }
            prop_assert_eq!(at, s.len());
            // The starts inside the text, each rounded down to its character's first unit,
            // after 0 (where the first segment starts anyway), once each.
            let mut bounds: Vec<u32> = starts
                .iter()
                .filter(|&&u| (u as usize) < utf16_len(&s))
                .map(|&u| cp_to_utf16(&s, utf16_to_cp(&s, u as usize)) as u32)
                .filter(|&u| u > 0)
                .collect();
            bounds.sort_unstable();
            bounds.dedup();
            let mut increasing = starts.clone();
            increasing.sort_unstable();
            let kept: Vec<u32> = utf16_starts_to_byte_ranges(&s, &increasing)
                .iter()
                .skip(1)
                .map(|r| utf16_len(&s[..r.start]) as u32)
                .collect();
            prop_assert_eq!(kept, bounds);
        }

        /// The counting conversions agree with decoding character by character, at every
        /// byte offset, on text mixing one- to four-byte characters.
        #[test]
        fn counting_agrees_with_decoding(s in "[a-zÇ“😀\u{a0}\n]{0,80}") {
            prop_assert_eq!(cp_len(&s), s.chars().count());
            for cp in 0..=s.chars().count() + 1 {
                prop_assert_eq!(
                    cp_to_byte(&s, cp),
                    s.char_indices().nth(cp).map_or(s.len(), |(b, _)| b)
                );
            }
            for byte in 0..=s.len() + 1 {
                let naive = if byte >= s.len() {
                    s.chars().count()
                } else {
                    s.char_indices().take_while(|&(b, c)| b + c.len_utf8() <= byte).count()
                };
                prop_assert_eq!(byte_to_cp(&s, byte), naive);
            }
        }

        #[test]
        fn any_offset_is_safe(s in any::<String>(), off in 0usize..200) {
            // Never panics, always lands on a boundary, never beyond the end.
            let cp = utf16_to_cp(&s, off);
            prop_assert!(cp <= cp_len(&s));
            let cp2 = byte_to_cp(&s, off);
            prop_assert!(cp2 <= cp_len(&s));
            prop_assert!(s.is_char_boundary(CpIndex::new(&s).byte(cp2)));
            let _ = slice_cp(&s, off, off / 2);
        }

        #[test]
        fn astral_characters_count_twice_in_utf16(s in "[\\u{10000}-\\u{10FFFF}a-zÇ]{0,40}") {
            let astral = s.chars().filter(|c| (*c as u32) > 0xFFFF).count();
            prop_assert_eq!(utf16_len(&s), cp_len(&s) + astral);
        }
    }

    #[test]
    fn a_paste_splits_the_text_at_the_selection_counted_in_utf16() {
        // "😀" is two UTF-16 units; "ş" is one.
        let split = |t: &str, a, b| split_utf16(t, a, b);
        let owned = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        assert_eq!(split("a😀b", 3, 3), owned("a😀", "b"));
        assert_eq!(split("a😀b", 1, 3), owned("a", "b"));
        assert_eq!(split("ab", 9, 1), owned("a", ""));
        assert_eq!(split("", 0, 0), owned("", ""));
        // Inside a surrogate pair, the range rounds down to the character's start.
        assert_eq!(split("😀", 1, 1), owned("", "😀"));
    }
}
