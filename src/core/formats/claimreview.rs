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

use crate::core::library::{ExportSettings, Library};
use crate::core::model::{Annotation, Verdict};
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
        reviews.push(review(library, a, claim.verdict, &claim.claimant, settings));
    }
    let included = reviews.len();
    ClaimReviewExport {
        json: serde_json::to_string_pretty(&Value::Array(reviews)).unwrap_or_default(),
        included,
        left_out,
    }
}

fn review(
    library: &Library,
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
    if let Some(article) = library.article(a.article_id) {
        if let Some(url) = &article.source_url {
            appearance.insert("url".into(), json!(url));
        }
        if !article.title.is_empty() {
            appearance.insert("headline".into(), json!(article.title));
        }
        if let Some(date) = &article.published {
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
        r.insert("url".into(), json!(format!("{base}#claim-{}", a.id)));
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
    use crate::core::model::{Body, ClaimFields, HttpUrl, Kind, Timestamp};
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
