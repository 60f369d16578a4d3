//! Shared fixtures and checks of the fuzz targets in `fuzz_targets/`.
//!
//! Each target feeds the app's real core functions (crate `article_annotator`) with what
//! libFuzzer generates, and asserts only what those functions promise in their documentation,
//! so that every failure is a real bug.

use arbitrary::{Result, Unstructured};
use article_annotator::core::library::Library;
use article_annotator::core::model::{Annotation, HttpUrl, Kind, TextQuote, Timestamp, Verdict};
use article_annotator::core::offsets::cp_len;
use article_annotator::core::storage::{
    encode_annotation, encode_article, encode_meta, RawRecord, Store, StoredArticle,
};
use article_annotator::core::text::Article;
use uuid::Uuid;

/// The id of the article in [`small_library`].
pub const ARTICLE: Uuid = Uuid::from_u128(0xA);

/// The id of the second article in [`small_library`].
pub const OTHER_ARTICLE: Uuid = Uuid::from_u128(0xB);

/// The clock the targets use when a function needs `now`.
pub const NOW: Timestamp = Timestamp(1_700_000_000_000);

/// A short text with multi-byte characters, repeated words and two blocks.
pub const TEXT: &str = "We share goals. Ünïcode “quotes” — 日本語 text, we share goals.\n\n\
                        A second paragraph says: the minister said 42% grew.";

/// A library of two articles and three annotations (a claim, a quote, and an orphan).
pub fn small_library() -> Library {
    let art = Article::new(ARTICLE, "Goals", Some("https://example.org/a".into()), TEXT);
    let other = Article::new(OTHER_ARTICLE, "Other", None, "Another text entirely.");
    let claim = Annotation::new(
        Uuid::from_u128(1),
        ARTICLE,
        Kind::Claim,
        &art.text,
        3,
        14,
        Timestamp(10),
    );
    let quote = Annotation::new(
        Uuid::from_u128(2),
        ARTICLE,
        Kind::Quote,
        &art.text,
        16,
        32,
        Timestamp(20),
    );
    let mut orphan = Annotation::new(
        Uuid::from_u128(3),
        OTHER_ARTICLE,
        Kind::Claim,
        &other.text,
        0,
        7,
        Timestamp(30),
    );
    orphan.anchoring = article_annotator::core::model::Anchoring::Orphan;
    Library {
        articles: vec![art, other],
        annotations: vec![claim, quote, orphan],
    }
}

/// The raw records of [`small_library`] as IndexedDB would hold them, plus one meta value and
/// one damaged record (which loading skips and protects).
pub fn small_records() -> Vec<RawRecord> {
    let lib = small_library();
    let mut out = Vec::new();
    for (i, a) in lib.articles.iter().enumerate() {
        let stored = StoredArticle {
            article: a.clone(),
            added: Timestamp(i as i64),
            changed: Timestamp(i as i64),
        };
        out.push(RawRecord {
            store: Store::Articles,
            key: a.id.to_string(),
            json: encode_article(&stored),
        });
    }
    for a in &lib.annotations {
        out.push(RawRecord {
            store: Store::Annotations,
            key: a.id.to_string(),
            json: encode_annotation(a),
        });
    }
    out.push(RawRecord {
        store: Store::Meta,
        key: "settings".into(),
        json: encode_meta(&serde_json::json!({ "organisation": "Checkers" })),
    });
    out.push(RawRecord {
        store: Store::Annotations,
        key: Uuid::from_u128(9).to_string(),
        json: "{ damaged".into(),
    });
    out
}

/// Code points in `text`.
pub fn len_cp(text: &str) -> usize {
    cp_len(text)
}

/// A string of at most `max` bytes: mostly from a few interesting ones, else arbitrary.
pub fn small_string(u: &mut Unstructured, max: usize) -> Result<String> {
    const PICKS: &[&str] = &[
        "",
        " ",
        "we",
        "share goals",
        "Ünïcode",
        "日本語",
        "“quotes”",
        "\n\n",
        "e\u{301}",
        "👩‍👩‍👧",
        "\u{0}",
        "https://example.org/",
    ];
    let s = if u.ratio(1, 2)? {
        (*u.choose(PICKS)?).to_owned()
    } else {
        String::arbitrary_take(u)?
    };
    Ok(truncate(s, max))
}

/// `s` cut to at most `max` bytes, on a character boundary.
pub fn truncate(mut s: String, max: usize) -> String {
    if s.len() > max {
        let mut cut = max;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
    }
    s
}

/// Helper trait so [`small_string`] can take an arbitrary string without consuming the rest.
trait TakeString: Sized {
    fn arbitrary_take(u: &mut Unstructured) -> Result<Self>;
}

impl TakeString for String {
    fn arbitrary_take(u: &mut Unstructured) -> Result<Self> {
        let len = u.int_in_range(0..=64usize)?;
        let bytes = u.bytes(len.min(u.len()))?;
        Ok(String::from_utf8_lossy(bytes).into_owned())
    }
}

/// A timestamp near [`NOW`], or an extreme one.
pub fn timestamp(u: &mut Unstructured) -> Result<Timestamp> {
    Ok(match u.int_in_range(0..=7u8)? {
        0 => Timestamp(i64::MIN),
        1 => Timestamp(i64::MAX),
        2 => Timestamp(u.arbitrary()?),
        _ => Timestamp(NOW.0 + i64::from(u.int_in_range(-3000..=3000i32)?)),
    })
}

/// A verdict.
pub fn verdict(u: &mut Unstructured) -> Result<Verdict> {
    Ok(*u.choose(&Verdict::ALL)?)
}

/// A link that parses, or none.
pub fn link(u: &mut Unstructured) -> Result<Option<HttpUrl>> {
    const LINKS: &[&str] = &[
        "https://example.org/a",
        "HTTP://example.org/a",
        "https://example.org/b?x=1#y",
        "http://[::1]/",
    ];
    let s = if u.ratio(3, 4)? {
        (*u.choose(LINKS)?).to_owned()
    } else {
        small_string(u, 40)?
    };
    Ok(HttpUrl::parse(&s).ok())
}

/// A quote with arbitrary parts.
pub fn quote(u: &mut Unstructured) -> Result<TextQuote> {
    Ok(TextQuote {
        exact: small_string(u, 64)?,
        prefix: small_string(u, 40)?,
        suffix: small_string(u, 40)?,
    })
}
