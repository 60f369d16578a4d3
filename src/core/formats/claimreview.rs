//! schema.org `ClaimReview` JSON-LD, for search engines and fact-check aggregators.
//!
//! # Wire format
//!
//! A JSON array with one `ClaimReview` per claim whose verdict is set ([`Verdict::is_set`]);
//! claims without a verdict and quotes are left out and counted. Each review:
//!
//! ```json
//! { "@context": "https://schema.org", "@type": "ClaimReview",
//!   "datePublished": "2026-11-27", "url": "https://factcheck.example/reviews#claim-<id>",
//!   "claimReviewed": "<the quoted claim>",
//!   "author": { "@type": "Organization", "name": "<organisation>" },
//!   "reviewRating": { "@type": "Rating", "ratingValue": 4, "bestRating": 5, "worstRating": 1,
//!                     "alternateName": "Mostly true" },
//!   "itemReviewed": { "@type": "Claim",
//!                     "author": { "@type": "Person", "name": "<claimant>" },
//!                     "appearance": { "@type": "CreativeWork", "url": "<article URL>",
//!                                     "headline": "<article title>",
//!                                     "datePublished": "<article date>" } } }
//! ```
//!
//! The rating scale is [`rating_value`]: True 5, Mostly true 4, Half true 3, Mostly false 2,
//! False 1. Misleading and Unproven are not points on that scale: their `reviewRating` has only
//! `alternateName`, as Google's ClaimReview guidance allows. `datePublished` is the date of the
//! annotation's last modification. Fields whose value is unknown (no claimant, no article URL,
//! no organisation, no review URL base) are omitted rather than written empty. The claimant is
//! written as a `Person`: the app does not know whether a claimant is a person or an
//! organisation.
//!
//! # Safe to paste into a page
//!
//! The export is meant to be pasted into `<script type="application/ld+json">` on a newsroom's
//! page, so no string in it can end that element or be read as markup: `<`, `>`, `&`, U+2028
//! and U+2029 are written as `\u003c`, `\u003e`, `\u0026`, `\u2028` and `\u2029` (JSON
//! escapes, so a JSON reader gets the same text back). URLs are written only when they are
//! [`HttpUrl`]s (an article URL that is not one is left out); dates are written by
//! [`Timestamp`]: the review's `datePublished` is a `YYYY-MM-DD` date, the article's is its
//! `published` value re-written as `YYYY-MM-DD` (a date) or RFC 3339 (a date-time), and left
//! out when it is neither.

mod check;
pub use check::{check, check_annotations, ClaimFindings, Finding, Severity, MAX_CLAIM_CHARS};

use crate::core::library::{ExportSettings, Library};
use crate::core::model::{Annotation, HttpUrl, Timestamp, Verdict};
use crate::core::text::Article;
use serde_json::{json, Map, Value};

/// The best and worst values of the numeric rating scale.
pub const BEST_RATING: u8 = 5;
/// The worst value of the numeric rating scale.
pub const WORST_RATING: u8 = 1;

/// The numeric rating of a verdict, on the scale [`WORST_RATING`]..=[`BEST_RATING`], or
/// `None` for verdicts that are not points on it (Unverified, Misleading, Unproven).
pub fn rating_value(v: Verdict) -> Option<u8> {
    match v {
        Verdict::True => Some(5),
        Verdict::MostlyTrue => Some(4),
        Verdict::HalfTrue => Some(3),
        Verdict::MostlyFalse => Some(2),
        Verdict::False => Some(1),
        Verdict::Unverified | Verdict::Misleading | Verdict::Unproven => None,
    }
}

/// The result of a ClaimReview export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimReviewExport {
    /// The JSON-LD document (a JSON array, pretty-printed).
    pub json: String,
    /// How many claims were written.
    pub included: usize,
    /// How many claims were left out because they have no verdict yet.
    pub left_out: usize,
}

/// Writes a ClaimReview for every claim with a verdict on the articles chosen by `articles`
/// (all articles when `None`), in library order.
pub fn export(
    library: &Library,
    articles: Option<&[uuid::Uuid]>,
    settings: &ExportSettings,
) -> ClaimReviewExport {
    let mut reviews = Vec::new();
    let mut left_out = 0;
    let index = library.index();
    let chosen = library
        .annotations
        .iter()
        .filter(|a| articles.is_none_or(|ids| ids.contains(&a.article_id)));
    for a in chosen {
        let Some(claim) = a.claim() else { continue };
        if !claim.verdict.is_set() {
            left_out += 1;
            continue;
        }
        reviews.push(review(
            index.article(a.article_id),
            a,
            claim.verdict,
            &claim.claimant,
            settings,
        ));
    }
    let included = reviews.len();
    let json = serde_json::to_string_pretty(&Value::Array(reviews)).unwrap_or_default();
    ClaimReviewExport {
        json: escape_for_script(&json),
        included,
        left_out,
    }
}

/// `json` (serialised JSON text) with `<`, `>`, `&`, U+2028 and U+2029 written as JSON
/// `\uXXXX` escapes, so that it can be embedded in a `<script>` element of an HTML page: no
/// `</script>` or `<!--` can end or change the element, and no line separator breaks older
/// JavaScript parsers.
///
/// A replace on the characters of the whole text is correct because, in JSON text, these
/// characters can only occur inside strings: outside strings JSON has only the structural
/// characters `[]{}:,`, the white space space, tab, line feed and carriage return, the
/// literals `true`, `false`, `null` and numbers. Inside a string each of them stands for
/// itself, and its `\uXXXX` escape stands for the same character, so the document's value is
/// unchanged. None of them is part of an escape sequence (`\` followed by ASCII letters and
/// digits), so no existing escape is altered.
pub fn escape_for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The article's `published` value as a date written by [`Timestamp`]: `YYYY-MM-DD` for a
/// valid calendar date, RFC 3339 in UTC for a valid RFC 3339 date-time, `None` otherwise.
pub fn published_date(published: &str) -> Option<String> {
    let s = published.trim();
    let is_date_shape = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if is_date_shape {
        // Midnight UTC of that day; the parser refuses days that do not exist.
        Timestamp::parse_rfc3339(&format!("{s}T00:00:00Z")).map(Timestamp::date)
    } else {
        Timestamp::parse_rfc3339(s).map(Timestamp::to_rfc3339)
    }
}

fn review(
    article: Option<&Article>,
    a: &Annotation,
    verdict: Verdict,
    claimant: &str,
    settings: &ExportSettings,
) -> Value {
    let mut rating = Map::new();
    rating.insert("@type".into(), json!("Rating"));
    if let Some(v) = rating_value(verdict) {
        rating.insert("ratingValue".into(), json!(v));
        rating.insert("bestRating".into(), json!(BEST_RATING));
        rating.insert("worstRating".into(), json!(WORST_RATING));
    }
    rating.insert("alternateName".into(), json!(verdict.label()));

    let mut appearance = Map::new();
    appearance.insert("@type".into(), json!("CreativeWork"));
    if let Some(article) = article {
        if let Some(url) = article
            .source_url
            .as_deref()
            .and_then(|u| HttpUrl::parse(u).ok())
        {
            appearance.insert("url".into(), json!(url.as_str()));
        }
        if !article.title.is_empty() {
            appearance.insert("headline".into(), json!(article.title));
        }
        if let Some(date) = article.published.as_deref().and_then(published_date) {
            appearance.insert("datePublished".into(), json!(date));
        }
    }
    let mut item = Map::new();
    item.insert("@type".into(), json!("Claim"));
    if !claimant.trim().is_empty() {
        item.insert(
            "author".into(),
            json!({ "@type": "Person", "name": claimant.trim() }),
        );
    }
    item.insert("appearance".into(), Value::Object(appearance));

    let mut r = Map::new();
    r.insert("@context".into(), json!("https://schema.org"));
    r.insert("@type".into(), json!("ClaimReview"));
    r.insert("datePublished".into(), json!(a.modified.date()));
    if let Some(base) = &settings.review_url_base {
        let base = base.as_str().split('#').next().unwrap_or(base.as_str());
        // The base is an `HttpUrl` and the fragment a UUID; parsing again keeps the rule
        // that every URL written is an `HttpUrl`.
        if let Ok(url) = HttpUrl::parse(&format!("{base}#claim-{}", a.id)) {
            r.insert("url".into(), json!(url.as_str()));
        }
    }
    r.insert("claimReviewed".into(), json!(a.quote.exact));
    if !settings.organisation.trim().is_empty() {
        r.insert(
            "author".into(),
            json!({ "@type": "Organization", "name": settings.organisation.trim() }),
        );
    }
    r.insert("reviewRating".into(), Value::Object(rating));
    r.insert("itemReviewed".into(), Value::Object(item));
    Value::Object(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Body, ClaimFields, Kind};
    use crate::core::text::Article;
    use uuid::Uuid;

    #[test]
    fn golden_claimreview() {
        let mut art = Article::new(
            Uuid::from_u128(1),
            "The Global Coalition",
            Some("https://news.example/coalition".into()),
            "Minister Çavuşoğlu said 19,000 strikes. Others disagree.",
        );
        art.published = Some("2026-11-20".into());
        let mut claim = Annotation::new(
            Uuid::from_u128(2),
            art.id,
            Kind::Claim,
            &art.text,
            24,
            38,
            Timestamp(1_795_000_000_000),
        );
        claim.body = Body::Claim(ClaimFields {
            claimant: "Mevlüt Çavuşoğlu".into(),
            verdict: Verdict::MostlyTrue,
            evidence: vec![],
        });
        let mut misleading = claim.clone();
        misleading.id = Uuid::from_u128(3);
        misleading.body = Body::Claim(ClaimFields {
            verdict: Verdict::Misleading,
            ..ClaimFields::default()
        });
        let mut unset = claim.clone();
        unset.id = Uuid::from_u128(4);
        unset.body = Body::new(Kind::Claim);
        let quote = Annotation::new(
            Uuid::from_u128(5),
            art.id,
            Kind::Quote,
            &art.text,
            0,
            8,
            Timestamp(0),
        );
        let lib = Library {
            articles: vec![art],
            annotations: vec![claim, misleading, unset, quote],
        };
        let settings = ExportSettings {
            organisation: "Fact Desk".into(),
            review_url_base: HttpUrl::parse("https://factdesk.example/reviews").ok(),
        };
        let out = export(&lib, None, &settings);
        assert_eq!((out.included, out.left_out), (2, 1));
        let expected = include_str!("../../../tests/fixtures/claimreview.golden.json");
        assert_eq!(out.json.trim(), expected.trim());
        let none = export(&lib, Some(&[Uuid::from_u128(99)]), &settings);
        assert_eq!(
            (none.included, none.left_out, none.json.as_str()),
            (0, 0, "[]")
        );
    }

    /// A library with one claim (verdict False) whose text, title, claimant and organisation
    /// hold markup, `&`, U+2028 and U+2029.
    fn hostile_library() -> (Library, ExportSettings) {
        let text = "Intro </script><script>alert(1)</script> & more\u{2028}next\u{2029}end";
        let mut art = Article::new(
            Uuid::from_u128(1),
            "<b>Title</b> & co",
            Some("https://news.example/a?x=<y>&z=1".into()),
            text,
        );
        art.published = Some("2026-02-30".into());
        let len = art.text.chars().count();
        let mut claim = Annotation::new(
            Uuid::from_u128(2),
            art.id,
            Kind::Claim,
            &art.text,
            6,
            len,
            Timestamp(1_795_000_000_000),
        );
        claim.body = Body::Claim(ClaimFields {
            claimant: "<img src=x onerror=alert(1)>".into(),
            verdict: Verdict::False,
            evidence: vec![],
        });
        let lib = Library {
            articles: vec![art],
            annotations: vec![claim],
        };
        let settings = ExportSettings {
            organisation: "Fact & <Desk>".into(),
            review_url_base: HttpUrl::parse("https://factdesk.example/reviews").ok(),
        };
        (lib, settings)
    }

    #[test]
    fn export_holds_no_raw_markup_characters_and_parses_back_to_the_same_values() {
        let (lib, settings) = hostile_library();
        let claim_text = lib.annotations[0].quote.exact.clone();
        assert!(claim_text.starts_with("</script><script>alert(1)</script> & more\u{2028}"));
        assert!(claim_text.contains('\u{2029}'));
        let out = export(&lib, None, &settings);
        assert_eq!(out.included, 1);
        for c in ['<', '>', '&', '\u{2028}', '\u{2029}'] {
            assert!(!out.json.contains(c), "raw {c:?} in {}", out.json);
        }
        assert!(out.json.contains("\\u003c/script\\u003e"), "{}", out.json);
        let back: Value = serde_json::from_str(&out.json).unwrap_or(Value::Null);
        let r = &back[0];
        assert_eq!(r["claimReviewed"], json!(claim_text));
        assert_eq!(r["author"]["name"], json!("Fact & <Desk>"));
        assert_eq!(
            r["itemReviewed"]["author"]["name"],
            json!("<img src=x onerror=alert(1)>")
        );
        let appearance = &r["itemReviewed"]["appearance"];
        assert_eq!(appearance["headline"], json!("<b>Title</b> & co"));
        assert_eq!(appearance["url"], json!("https://news.example/a?x=<y>&z=1"));
        // 2026-02-30 does not exist: the date is left out rather than written.
        assert_eq!(appearance.get("datePublished"), None);
        // Undoing the five escapes gives the raw serialisation, which holds the characters
        // raw and is the same document: the escaping changed only how strings are written.
        let raw = out
            .json
            .replace("\\u003c", "<")
            .replace("\\u003e", ">")
            .replace("\\u0026", "&")
            .replace("\\u2028", "\u{2028}")
            .replace("\\u2029", "\u{2029}");
        assert!(raw.contains("</script><script>alert(1)</script>"));
        assert_eq!(serde_json::from_str::<Value>(&raw).ok(), Some(back));
    }

    #[test]
    fn urls_must_be_http_and_dates_valid() {
        let (mut lib, settings) = hostile_library();
        lib.articles[0].source_url = Some("javascript:alert(1)".into());
        lib.articles[0].published = Some("2026-11-20T10:00:00+02:00".into());
        let out = export(&lib, None, &settings);
        let back: Value = serde_json::from_str(&out.json).unwrap_or(Value::Null);
        let appearance = &back[0]["itemReviewed"]["appearance"];
        assert_eq!(appearance.get("url"), None);
        assert_eq!(
            appearance["datePublished"],
            json!("2026-11-20T08:00:00.000Z")
        );
        assert_eq!(back[0]["datePublished"], json!("2026-11-18"));
        assert_eq!(published_date(" 2026-11-20 "), Some("2026-11-20".into()));
        for bad in [
            "",
            "yesterday",
            "2026-13-01",
            "2026-02-30",
            "20261120",
            "2026-1-2",
            "<b>",
        ] {
            assert_eq!(published_date(bad), None, "{bad:?}");
        }
    }

    proptest::proptest! {
        /// Any JSON string, serialised and escaped, holds none of the five characters raw and
        /// parses back to the same string.
        #[test]
        fn escaping_keeps_the_value(s in proptest::prelude::any::<String>(), extra in "[<>&\u{2028}\u{2029}a]{0,8}") {
            let value = json!({ "k": [format!("{s}{extra}"), 1, null, true] });
            let text = escape_for_script(&serde_json::to_string_pretty(&value).unwrap_or_default());
            for c in ['<', '>', '&', '\u{2028}', '\u{2029}'] {
                proptest::prop_assert!(!text.contains(c));
            }
            let back: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
            proptest::prop_assert_eq!(back, value);
        }
    }

    #[test]
    fn scale_is_monotonic_and_bounded() {
        let values: Vec<u8> = [
            Verdict::False,
            Verdict::MostlyFalse,
            Verdict::HalfTrue,
            Verdict::MostlyTrue,
            Verdict::True,
        ]
        .into_iter()
        .filter_map(rating_value)
        .collect();
        assert_eq!(values, vec![1, 2, 3, 4, 5]);
        assert_eq!(rating_value(Verdict::Misleading), None);
    }
}
