//! Articles, their canonical text, and the blocks the page shows.
//!
//! **The canonical text** is the text as given with line endings normalised to `\n` (`\r\n`
//! and lone `\r` both become `\n`); nothing else is changed: non-breaking spaces, curly quotes
//! and "Çavuşoğlu" stay exactly as they are. Each non-empty line is one [`Block`]. The page
//! shows exactly a block's characters, so a position in the page maps one-to-one to a position
//! in the canonical text. All offsets are Unicode code points (see [`crate::core::offsets`]).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The sample article bundled with the app, exactly as shipped (title line first).
pub const SAMPLE_ARTICLE_FILE: &str = include_str!("../../assets/sample-article.txt");

/// The fixed id of the sample article, so that it is the same record in every profile.
pub const SAMPLE_ARTICLE_ID: Uuid = Uuid::from_u128(0x5a4d_91e0_0b1e_4c1a_8a7e_0000_0000_0001);

/// The words of a label before a byline's names ("By", "Von", "Written by", "Autorin:"),
/// lower case.
pub const BYLINE_LABELS: &[&str] = &[
    "by", "von", "par", "por", "door", "di", "av", "af", "written", "posted", "text", "author",
    "authors", "autor", "autorin", "autoren", "auteur",
];

/// Whether a word of a byline, as written, is one of its labels ("By", "Von:", "Author").
pub fn is_byline_label(word: &str) -> bool {
    // ASCII case only: the labels are ASCII, and Unicode's case tables would weigh some 8 KB
    // gzip in the page, which has no other use for them.
    let word = word.trim_end_matches(':');
    BYLINE_LABELS.iter().any(|l| word.eq_ignore_ascii_case(l))
}

/// Normalises line endings to `\n` and changes nothing else.
pub fn canonicalize(raw: &str) -> String {
    if !raw.contains('\r') {
        return raw.to_owned();
    }
    raw.replace("\r\n", "\n").replace('\r', "\n")
}

/// One non-empty line of the canonical text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Position of the block in the article, from 0.
    pub index: usize,
    /// Code point offset of the block's first character in the canonical text.
    pub start: usize,
    /// Code point offset just past the block's last character.
    pub end: usize,
    /// Byte range of the block in the canonical text.
    pub bytes: std::ops::Range<usize>,
}

impl Block {
    /// The block's characters.
    pub fn text<'a>(&self, canonical: &'a str) -> &'a str {
        &canonical[self.bytes.clone()]
    }
}

/// Splits canonical text into blocks: one per non-empty line, with offsets in code points.
pub fn blocks(canonical: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut cp = 0usize;
    let mut byte = 0usize;
    for line in canonical.split('\n') {
        let len_cp = line.chars().count();
        if !line.is_empty() {
            out.push(Block {
                index: out.len(),
                start: cp,
                end: cp + len_cp,
                bytes: byte..byte + line.len(),
            });
        }
        cp += len_cp + 1;
        byte += line.len() + 1;
    }
    out
}

/// The indices of the first and last blocks whose text the spans `(start, end)` (code points)
/// begin and end in: a span's first block is the last one starting at or before its start, its
/// last block the last one starting before its end (so a span that begins or ends on a line
/// break counts the block before it). `None` for no spans, or a span before the first block.
///
/// Where a drawing of the spans can change: placing a span again needs the runs of these
/// blocks and no others. `blocks` in text order, as [`blocks`] gives them; a binary search a
/// span.
pub fn blocks_spanned(
    blocks: &[Block],
    spans: impl IntoIterator<Item = (usize, usize)>,
) -> Option<(usize, usize)> {
    let mut out: Option<(usize, usize)> = None;
    for (start, end) in spans {
        let first = blocks
            .partition_point(|b| b.start <= start)
            .checked_sub(1)?;
        let last = blocks
            .partition_point(|b| b.start < end)
            .checked_sub(1)
            .map_or(first, |l| l.max(first));
        out = Some(out.map_or((first, last), |(a, b)| (a.min(first), b.max(last))));
    }
    out
}

/// Where and when an article's text was captured, and the SHA-256 of that text: which
/// version of a page the annotations were made on. Set when an article is added (from a
/// page, a file, a paste or typing) and when its text is replaced; carried in Annotator JSON
/// and, as a `TimeState`'s `sourceDate`, in W3C exports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capture {
    /// When the text was captured.
    pub at: crate::core::model::Timestamp,
    /// The page it was captured from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// The SHA-256 of the canonical text as captured (its UTF-8 bytes), lowercase hex.
    pub sha256: String,
}

impl Capture {
    /// The capture of `article`'s text, now.
    pub fn of(article: &Article, at: crate::core::model::Timestamp) -> Self {
        Capture {
            at,
            from: article.source_url.clone(),
            sha256: sha256_hex(&article.text),
        }
    }

    /// Whether `text` is the text captured (its hash is the one kept).
    pub fn matches(&self, text: &str) -> bool {
        sha256_hex(text) == self.sha256
    }
}

/// The SHA-256 of `text`'s UTF-8 bytes, as 64 lowercase hex digits.
pub fn sha256_hex(text: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(text.as_bytes());
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        out.push(char::from_digit(u32::from(b & 15), 16).unwrap_or('0'));
    }
    out
}

/// An article: an id, a title, an optional source URL and publication date, and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub id: Uuid,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// Publication date as given (ISO 8601 `YYYY-MM-DD`), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The canonical text (see the module documentation).
    pub text: String,
    /// Who wrote it, as the page gives it (a captured page's byline), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// The name of the site it was published on, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// Where and when the text was captured ([`Capture`]); none for articles stored before
    /// captures were kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub captured: Option<Capture>,
}

impl Article {
    /// Builds an article, canonicalising its text.
    pub fn new(id: Uuid, title: &str, source_url: Option<String>, raw_text: &str) -> Self {
        Article {
            id,
            title: title.trim().to_owned(),
            source_url,
            published: None,
            text: canonicalize(raw_text),
            byline: None,
            site_name: None,
            captured: None,
        }
    }

    /// The sample article: its first line is the title, the rest (after the blank lines that
    /// follow the title) is the text.
    pub fn sample() -> Self {
        let (title, text) = split_title(&canonicalize(SAMPLE_ARTICLE_FILE));
        Article::new(SAMPLE_ARTICLE_ID, &title, None, &text)
    }

    /// The article's blocks.
    pub fn blocks(&self) -> Vec<Block> {
        blocks(&self.text)
    }
}

/// Splits a plain-text document into its first non-empty line (the title) and the rest, with
/// the line breaks between them removed. The rest is otherwise unchanged.
pub fn split_title(canonical: &str) -> (String, String) {
    let body = canonical.trim_start_matches('\n');
    match body.split_once('\n') {
        Some((first, rest)) => (
            first.trim().to_owned(),
            rest.trim_start_matches('\n').to_owned(),
        ),
        None => (body.trim().to_owned(), String::new()),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_blocks_spanned_are_those_the_spans_begin_and_end_in() {
        // Blocks 0..5, 6..9 ("naïve", code points), 11..13 after an empty line.
        let text = "Héllo\nnaï\n\n😀!";
        let b = blocks(text);
        assert_eq!(
            b.iter().map(|b| (b.start, b.end)).collect::<Vec<_>>(),
            [(0, 5), (6, 9), (11, 13)]
        );
        assert_eq!(blocks_spanned(&b, [(1, 3)]), Some((0, 0)));
        assert_eq!(blocks_spanned(&b, [(2, 8)]), Some((0, 1)));
        assert_eq!(blocks_spanned(&b, [(11, 12), (1, 2)]), Some((0, 2)));
        // A span from a line break counts the block before it; one ending on a block's first
        // code point does not reach that block.
        assert_eq!(blocks_spanned(&b, [(5, 6)]), Some((0, 0)));
        assert_eq!(blocks_spanned(&b, [(9, 11)]), Some((1, 1)));
        // An empty span is in its block; past the end, the last block.
        assert_eq!(blocks_spanned(&b, [(7, 7)]), Some((1, 1)));
        assert_eq!(blocks_spanned(&b, [(40, 50)]), Some((2, 2)));
        assert_eq!(blocks_spanned(&b, std::iter::empty()), None);
        // Before the first block (an article opening with a line break).
        let late = blocks("\nab");
        assert_eq!(blocks_spanned(&late, [(0, 2)]), None);
        assert_eq!(blocks_spanned(&late, [(1, 2)]), Some((0, 0)));
    }

    proptest::proptest! {
        /// Every block a span shares a code point with lies between the first and last blocks
        /// spanned, and those two hold the span's first and last code points or come before.
        #[test]
        fn the_blocks_spanned_cover_every_block_a_span_touches(
            lines in proptest::collection::vec("[aé😀]{0,4}", 1..6),
            spans in proptest::collection::vec((0usize..30, 0usize..8), 1..4),
        ) {
            let text = lines.join("\n");
            let b = blocks(&text);
            let n = text.chars().count();
            let spans: Vec<_> = spans.into_iter().map(|(s, l)| (s.min(n), (s + l).min(n))).collect();
            let Some((first, last)) = blocks_spanned(&b, spans.iter().copied()) else {
                proptest::prop_assert!(b.is_empty() || spans.iter().any(|&(s, _)| s < b[0].start));
                return Ok(());
            };
            proptest::prop_assert!(first <= last && last < b.len());
            for &(s, e) in &spans {
                for (i, blk) in b.iter().enumerate() {
                    if s < blk.end && blk.start < e {
                        proptest::prop_assert!(first <= i && i <= last, "{s}..{e} block {i}");
                    }
                }
                proptest::prop_assert!(b[first].start <= s);
            }
        }
    }

    #[test]
    fn a_capture_hashes_the_text_as_captured() {
        // FIPS 180-2's test vector, and a non-ASCII text (UTF-8 bytes are hashed).
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(sha256_hex("Çavuşoğlu 😀").len(), 64);
        assert_ne!(sha256_hex("Çavuşoğlu 😀"), sha256_hex("Cavusoglu 😀"));
        let a = Article::new(
            Uuid::from_u128(1),
            "T",
            Some("https://news.example/a".into()),
            "Minister Çavuşoğlu said “yes” 😀",
        );
        let c = Capture::of(&a, crate::core::model::Timestamp(5));
        assert_eq!(c.from.as_deref(), Some("https://news.example/a"));
        assert_eq!(c.sha256, sha256_hex(&a.text));
        assert!(c.matches(&a.text));
        assert!(!c.matches("Minister said yes"));
        // It travels with the article and reads back; an article without one reads as such.
        let mut with = a.clone();
        with.captured = Some(c);
        let json = serde_json::to_string(&with).unwrap();
        assert_eq!(serde_json::from_str::<Article>(&json).unwrap(), with);
        let json = serde_json::to_string(&a).unwrap();
        assert!(!json.contains("captured"));
        assert_eq!(
            serde_json::from_str::<Article>(&json).unwrap().captured,
            None
        );
    }

    use super::*;

    #[test]
    fn canonical_text_only_normalises_line_endings() {
        let raw = "A\u{a0}“b”\r\nÇavuşoğlu\rend\n";
        assert_eq!(canonicalize(raw), "A\u{a0}“b”\nÇavuşoğlu\nend\n");
        assert_eq!(canonicalize("no change\u{a0}"), "no change\u{a0}");
    }

    #[test]
    fn blocks_are_non_empty_lines_with_code_point_offsets() {
        let text = "Çav\n\n“x” y\n";
        let b = blocks(text);
        assert_eq!(b.len(), 2);
        assert_eq!((b[0].start, b[0].end, b[0].text(text)), (0, 3, "Çav"));
        assert_eq!((b[1].start, b[1].end, b[1].text(text)), (5, 10, "“x” y"));
        assert_eq!(
            crate::core::offsets::slice_cp(text, b[1].start, b[1].end),
            "“x” y"
        );
    }

    #[test]
    fn sample_article_keeps_its_characters() {
        let a = Article::sample();
        assert_eq!(a.title, "The Global Coalition Working to Defeat ISIS");
        assert!(a.text.starts_with("Image By Ali Cinar"));
        assert!(a.text.contains("Minister Çavuşoğlu\u{a0} stated"));
        assert!(a.text.contains("“Together, we share"));
        assert!(a.text.contains("more than 19,000 strikes"));
        let blocks = a.blocks();
        assert_eq!(blocks.len(), 21);
        // Every block is exactly a line of the text, and the lines are all there.
        let joined: Vec<&str> = blocks.iter().map(|b| b.text(&a.text)).collect();
        let lines: Vec<&str> = a.text.split('\n').filter(|l| !l.is_empty()).collect();
        assert_eq!(joined, lines);
    }

    #[test]
    fn split_title_handles_edges() {
        assert_eq!(
            split_title("\n\nT\n\nbody\n"),
            ("T".into(), "body\n".into())
        );
        assert_eq!(split_title("only"), ("only".into(), String::new()));
        assert_eq!(split_title(""), (String::new(), String::new()));
    }
}
