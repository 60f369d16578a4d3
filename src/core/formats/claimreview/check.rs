//! What a ClaimReview export still lacks or breaks, claim by claim, before it is exported.
//!
//! The rules follow Google's ClaimReview structured-data guidance: `claimReviewed`,
//! `reviewRating.alternateName` and `url` are required; `author`, `datePublished` and
//! `itemReviewed` (with its `author` and its `appearance`) are recommended; a
//! `claimReviewed` over [`MAX_CLAIM_CHARS`] characters is advised against (a claim should be
//! stated briefly). `datePublished` is always written (the annotation's last change), so it
//! is never lacking.

use uuid::Uuid;

use crate::core::library::{ExportSettings, Library};
use crate::core::model::{Annotation, HttpUrl, Verdict};

/// The longest `claimReviewed` advised, in characters.
pub const MAX_CLAIM_CHARS: usize = 75;

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The review is invalid without it (or is left out of the export).
    Required,
    /// Search engines ask for it.
    Recommended,
    /// Advice on the content.
    Advice,
}

impl Severity {
    /// The severity as a lowercase word (the finding's CSS class): `required`, `recommended`,
    /// `advice`. Written out rather than taken from `Debug`, whose formatting machinery the
    /// page's wasm would otherwise carry for this one use.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Required => "required",
            Severity::Recommended => "recommended",
            Severity::Advice => "advice",
        }
    }
}

/// One thing a claim's review lacks or breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// No quoted text: `claimReviewed` would be empty.
    NoClaimText,
    /// No verdict: no `reviewRating.alternateName`; the claim is left out of the export.
    NoVerdict,
    /// No review URL base in Settings: no `url`.
    NoReviewUrl,
    /// No organisation in Settings: no `author`.
    NoOrganisation,
    /// No claimant: no `itemReviewed.author`.
    NoClaimant,
    /// The article has no web address: no `itemReviewed.appearance.url`.
    NoAppearance,
    /// `claimReviewed` is longer than [`MAX_CLAIM_CHARS`] (its length in characters).
    LongClaim(usize),
}

impl Finding {
    /// How much it matters.
    pub fn severity(&self) -> Severity {
        match self {
            Finding::NoClaimText | Finding::NoVerdict | Finding::NoReviewUrl => Severity::Required,
            Finding::NoOrganisation | Finding::NoClaimant | Finding::NoAppearance => {
                Severity::Recommended
            }
            Finding::LongClaim(_) => Severity::Advice,
        }
    }

    /// The sentence a user reads, naming the property.
    pub fn message(&self) -> String {
        match self {
            Finding::NoClaimText => "Required claimReviewed: the claim has no text.".into(),
            Finding::NoVerdict => {
                "Required reviewRating.alternateName: no verdict yet, so the claim is left out."
                    .into()
            }
            Finding::NoReviewUrl => "Required url: set the review URL in Settings.".into(),
            Finding::NoOrganisation => {
                "Recommended author: set the organisation in Settings.".into()
            }
            Finding::NoClaimant => {
                "Recommended itemReviewed.author: the claim has no claimant.".into()
            }
            Finding::NoAppearance => {
                "Recommended itemReviewed.appearance: the article has no web address.".into()
            }
            Finding::LongClaim(n) => {
                format!("claimReviewed is {n} characters; keep it to {MAX_CLAIM_CHARS} or fewer.")
            }
        }
    }
}

/// The findings of one claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimFindings {
    pub id: Uuid,
    pub article_id: Uuid,
    /// The claim's text, shortened for a list.
    pub excerpt: String,
    /// Most serious first.
    pub findings: Vec<Finding>,
}

/// The findings of every claim of `library` on the articles chosen by `articles` (all when
/// `None`), in library order; claims with nothing to report are left out.
pub fn check(
    library: &Library,
    articles: Option<&[Uuid]>,
    settings: &ExportSettings,
) -> Vec<ClaimFindings> {
    let index = library.index();
    check_annotations(
        &library.annotations,
        |id| {
            index
                .article(id)
                .and_then(|art| art.source_url.as_deref())
                .is_some_and(|u| HttpUrl::parse(u).is_ok())
        },
        articles,
        settings,
    )
}

/// [`check`] of `annotations`, where `has_url` tells whether an article has a web address
/// (for a library kept in another shape, such as the page's stored library).
pub fn check_annotations<'a>(
    annotations: impl IntoIterator<Item = &'a Annotation>,
    has_url: impl Fn(Uuid) -> bool,
    articles: Option<&[Uuid]>,
    settings: &ExportSettings,
) -> Vec<ClaimFindings> {
    let mut out = Vec::new();
    for a in annotations
        .into_iter()
        .filter(|a| articles.is_none_or(|ids| ids.contains(&a.article_id)))
    {
        let Some(claim) = a.claim() else { continue };
        let mut findings = Vec::new();
        let text = a.quote.exact.trim();
        if text.is_empty() {
            findings.push(Finding::NoClaimText);
        }
        if claim.verdict == Verdict::Unverified {
            findings.push(Finding::NoVerdict);
        }
        if settings.review_url_base.is_none() {
            findings.push(Finding::NoReviewUrl);
        }
        if settings.organisation.trim().is_empty() {
            findings.push(Finding::NoOrganisation);
        }
        if claim.claimant.trim().is_empty() {
            findings.push(Finding::NoClaimant);
        }
        if !has_url(a.article_id) {
            findings.push(Finding::NoAppearance);
        }
        let n = text.chars().count();
        if n > MAX_CLAIM_CHARS {
            findings.push(Finding::LongClaim(n));
        }
        crate::core::sort::sort_by_key(&mut findings, Finding::severity);
        if !findings.is_empty() {
            out.push(ClaimFindings {
                id: a.id,
                article_id: a.article_id,
                excerpt: crate::core::panel::shorten(text, 80),
                findings,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Body, Kind, Timestamp};
    use crate::core::text::Article;

    #[test]
    fn a_severity_is_named_as_its_css_class() {
        // `styles/main.css` styles `.finding.required`; the names are the variants' in lower case.
        for (s, name) in [
            (Severity::Required, "required"),
            (Severity::Recommended, "recommended"),
            (Severity::Advice, "advice"),
        ] {
            assert_eq!(s.name(), name);
            assert_eq!(format!("{s:?}").to_ascii_lowercase(), name);
        }
    }

    #[test]
    fn each_rule_is_reported_and_a_complete_claim_has_none() {
        let long =
            "A claim that goes on and on well past the seventy-five characters advised for it.";
        let a = Article::new(
            Uuid::from_u128(1),
            "T",
            Some("https://n.example/a".into()),
            long,
        );
        let b = Article::new(Uuid::from_u128(2), "U", None, "Short one.");
        let mut done = Annotation::new(
            Uuid::from_u128(10),
            a.id,
            Kind::Claim,
            &a.text,
            0,
            7,
            Timestamp(0),
        );
        if let Body::Claim(c) = &mut done.body {
            c.verdict = Verdict::False;
            c.claimant = "Ayşe".into();
        }
        let long_claim = Annotation::new(
            Uuid::from_u128(11),
            a.id,
            Kind::Claim,
            &a.text,
            0,
            long.chars().count(),
            Timestamp(0),
        );
        let bare = Annotation::new(
            Uuid::from_u128(12),
            b.id,
            Kind::Claim,
            &b.text,
            0,
            5,
            Timestamp(0),
        );
        let quote = Annotation::new(
            Uuid::from_u128(13),
            b.id,
            Kind::Quote,
            &b.text,
            0,
            5,
            Timestamp(0),
        );
        let lib = Library {
            articles: vec![a, b],
            annotations: vec![done, long_claim, bare, quote],
        };
        let settings = ExportSettings {
            organisation: "Doğruluk Payı".into(),
            review_url_base: Some(HttpUrl::parse("https://fc.example/reviews").unwrap()),
        };
        let found = check(&lib, None, &settings);
        let ids: Vec<u128> = found.iter().map(|f| f.id.as_u128()).collect();
        assert_eq!(
            ids,
            vec![11, 12],
            "the complete claim and the quote have nothing to report"
        );
        assert_eq!(
            found[0].findings,
            vec![
                Finding::NoVerdict,
                Finding::NoClaimant,
                Finding::LongClaim(long.chars().count())
            ]
        );
        assert_eq!(
            found[1].findings,
            vec![
                Finding::NoVerdict,
                Finding::NoClaimant,
                Finding::NoAppearance
            ]
        );
        let none = check(
            &lib,
            Some(&[Uuid::from_u128(1)]),
            &ExportSettings::default(),
        );
        assert!(none.iter().all(|f| f.article_id == Uuid::from_u128(1)));
        assert!(none[0].findings.contains(&Finding::NoReviewUrl));
        assert!(none[0].findings.contains(&Finding::NoOrganisation));
        for f in &none[0].findings {
            assert!(!f.message().is_empty());
        }
        assert_eq!(Finding::NoReviewUrl.severity(), Severity::Required);
        assert!(Finding::LongClaim(80).message().contains("80 characters"));
    }
}
