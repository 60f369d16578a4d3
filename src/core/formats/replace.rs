//! Replacing an article's text with a corrected or updated version.

use super::words::{and_list, count};
use super::ImportPlan;
use crate::core::library::Library;
use crate::core::model::Anchoring;
use std::fmt;
use uuid::Uuid;

/// What replacing an article's text did to its annotations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReplaceReport {
    /// Still attached to exactly their quoted text.
    pub anchored: usize,
    /// Attached, but their quoted text changed: flagged for review.
    pub needs_review: usize,
    /// No longer found in the text: kept as orphans.
    pub orphaned: usize,
}

impl ReplaceReport {
    /// The message shown once the text is replaced: how many annotations are still on their
    /// text, flagged for review and kept as orphans, counts of zero left out.
    pub fn message(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        for (n, one, many) in [
            (self.anchored, "still on its text", "still on their text"),
            (
                self.needs_review,
                "flagged for review",
                "flagged for review",
            ),
            (self.orphaned, "kept as an orphan", "kept as orphans"),
        ] {
            if n == 0 {
                continue;
            }
            let what = if n == 1 { one } else { many };
            // The first part names the noun; the others only count.
            parts.push(if parts.is_empty() {
                format!("{} {what}", count(n, "annotation", "annotations"))
            } else {
                format!("{n} {what}")
            });
        }
        if parts.is_empty() {
            "Text replaced; the article has no annotations.".to_owned()
        } else {
            format!("Text replaced: {}.", and_list(&parts))
        }
    }
}

/// Why an article's text was not replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplaceError {
    /// The new text is empty or only white space.
    EmptyText,
    /// The article is not in the library (for example the sample, before it is saved).
    NoSuchArticle,
}

impl fmt::Display for ReplaceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReplaceError::EmptyText => write!(f, "The new text is empty; nothing was changed."),
            ReplaceError::NoSuchArticle => write!(
                f,
                "This article is not in the library; nothing was changed."
            ),
        }
    }
}

impl std::error::Error for ReplaceError {}

/// The library after replacing the text of article `article_id` with `new_text` (a corrected
/// or updated version), its annotations re-anchored through a diff of the old and new text,
/// and what that did to them. Refused when the new text is empty or there is no such article.
pub fn replace_article_text(
    library: &Library,
    article_id: Uuid,
    new_text: &str,
) -> Result<(Library, ReplaceReport), ReplaceError> {
    if new_text.trim().is_empty() {
        return Err(ReplaceError::EmptyText);
    }
    let mut article = library
        .article(article_id)
        .ok_or(ReplaceError::NoSuchArticle)?
        .clone();
    article.text = crate::core::text::canonicalize(new_text);
    // No annotations come in, so no fresh ids are drawn.
    let plan = ImportPlan::new(library, vec![article], Vec::new(), &mut Uuid::nil);
    let next = plan.apply(library);
    let mut report = ReplaceReport::default();
    for a in next.annotations_of(article_id) {
        match a.anchoring {
            Anchoring::Anchored => report.anchored += 1,
            Anchoring::NeedsReview => report.needs_review += 1,
            Anchoring::Orphan => report.orphaned += 1,
        }
    }
    Ok((next, report))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Annotation, Kind, Timestamp};
    use crate::core::text::Article;

    #[test]
    fn replacing_text_reanchors_flags_and_orphans() {
        let old = "Alpha said one thing.\nBeta said “two” things.\nGamma said three.";
        let a = Article::new(Uuid::from_u128(1), "A", None, old);
        let span = |s: &str| {
            let b = old.find(s).unwrap();
            let st = crate::core::offsets::byte_to_cp(old, b);
            (st, st + s.chars().count())
        };
        let mk = |n: u128, s: &str| {
            let (st, en) = span(s);
            Annotation::new(
                Uuid::from_u128(n),
                a.id,
                Kind::Claim,
                &a.text,
                st,
                en,
                Timestamp(0),
            )
        };
        let lib = Library {
            articles: vec![a.clone()],
            annotations: vec![
                mk(10, "Beta said “two” things"),
                mk(11, "Gamma said three"),
                mk(12, "Alpha said one"),
            ],
        };
        // A paragraph is added at the top, "Gamma" is gone entirely, "Alpha" is reworded.
        let new = "Breaking: update.\nAlpha said a different thing.\nBeta said “two” things.\n";
        let (next, report) = replace_article_text(&lib, a.id, new).unwrap();
        let by = |n: u128| next.annotation(Uuid::from_u128(n)).unwrap();
        let beta = by(10);
        assert_eq!(beta.anchoring, Anchoring::Anchored);
        assert_eq!(
            crate::core::offsets::slice_cp(new, beta.start, beta.end),
            "Beta said “two” things"
        );
        assert_eq!(by(11).anchoring, Anchoring::Orphan);
        assert_ne!(by(12).anchoring, Anchoring::Anchored);
        assert_eq!(report.anchored + report.needs_review + report.orphaned, 3);
        assert_eq!(next.annotations.len(), 3, "nothing is dropped");
        assert!(replace_article_text(&lib, Uuid::from_u128(99), new).is_err());
    }

    #[test]
    fn empty_text_and_unknown_articles_are_refused() {
        let a = Article::new(Uuid::from_u128(1), "A", None, "Old text.");
        let lib = Library {
            articles: vec![a],
            annotations: Vec::new(),
        };
        let one = Uuid::from_u128(1);
        let refused = |t: &str, id: Uuid| replace_article_text(&lib, id, t).err();
        assert_eq!(refused(" \n\t", one), Some(ReplaceError::EmptyText));
        assert_eq!(
            refused("New", Uuid::from_u128(2)),
            Some(ReplaceError::NoSuchArticle)
        );
        assert_eq!(
            ReplaceError::EmptyText.to_string(),
            "The new text is empty; nothing was changed."
        );
        assert_eq!(refused("New text.", one), None);
    }

    #[test]
    fn the_report_reads_with_plurals_and_without_zeros() {
        let m = |anchored, needs_review, orphaned| {
            ReplaceReport {
                anchored,
                needs_review,
                orphaned,
            }
            .message()
        };
        assert_eq!(
            m(1, 1, 1),
            "Text replaced: 1 annotation still on its text, 1 flagged for review and 1 kept as an orphan."
        );
        assert_eq!(
            m(3, 0, 2),
            "Text replaced: 3 annotations still on their text and 2 kept as orphans."
        );
        assert_eq!(
            m(0, 2, 0),
            "Text replaced: 2 annotations flagged for review."
        );
        assert_eq!(m(0, 0, 0), "Text replaced; the article has no annotations.");
    }
}
