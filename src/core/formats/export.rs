//! Exports: the formats a user can pick and the finished file of one of them.

use super::{claimreview, csv, export_file_name, native, w3c};
use crate::core::library::{ExportSettings, Library};
use crate::core::model::Timestamp;
use crate::core::report;
use uuid::Uuid;

/// The export formats a user can pick.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// Our lossless Annotator JSON.
    Native,
    /// W3C Web Annotation JSON-LD.
    W3c,
    /// schema.org ClaimReview JSON-LD (claims with a verdict only).
    ClaimReview,
    /// RFC 4180 CSV.
    Csv,
    /// The fact-check report as one self-contained HTML file ([`crate::core::report`]): one
    /// article's, or for the whole library the claims checked, by article.
    Report,
}

impl ExportFormat {
    /// Every format, in the order they are offered.
    pub const ALL: [ExportFormat; 5] = [
        ExportFormat::Native,
        ExportFormat::W3c,
        ExportFormat::ClaimReview,
        ExportFormat::Csv,
        ExportFormat::Report,
    ];

    /// The name a user sees.
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Native => "Annotator JSON",
            ExportFormat::W3c => "W3C Web Annotation",
            ExportFormat::ClaimReview => "ClaimReview",
            ExportFormat::Csv => "CSV",
            ExportFormat::Report => "Report (HTML)",
        }
    }

    /// A stable identifier (form values, tests).
    pub fn id(self) -> &'static str {
        match self {
            ExportFormat::Native => "annotator",
            ExportFormat::W3c => "w3c",
            ExportFormat::ClaimReview => "claimreview",
            ExportFormat::Csv => "csv",
            ExportFormat::Report => "report",
        }
    }

    /// Parses [`ExportFormat::id`].
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.id() == id)
    }

    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Native => "annotator.json",
            ExportFormat::W3c => "w3c.jsonld",
            ExportFormat::ClaimReview => "claimreview.jsonld",
            ExportFormat::Csv => "csv",
            ExportFormat::Report => "report.html",
        }
    }

    /// The media type of the file.
    pub fn mime(self) -> &'static str {
        match self {
            ExportFormat::Native => "application/json",
            ExportFormat::W3c => "application/ld+json",
            ExportFormat::ClaimReview => "application/ld+json",
            ExportFormat::Csv => "text/csv;charset=utf-8",
            ExportFormat::Report => "text/html;charset=utf-8",
        }
    }
}

/// A finished export: the file's name, type and content, and what the user should be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    /// A safe file name holding the title and the date.
    pub name: String,
    /// The media type.
    pub mime: &'static str,
    /// The content.
    pub content: String,
    /// A sentence for the user (for example how many claims were left out).
    pub summary: String,
}

/// Exports `format` for one article (`Some(id)`) or the whole library (`None`). `title` names
/// the file (the article's title, or "library"); `now` dates it; `id` is a fresh UUID for the
/// W3C collection.
pub fn export_file(
    library: &Library,
    format: ExportFormat,
    article: Option<Uuid>,
    settings: &ExportSettings,
    now: Timestamp,
    id: Uuid,
) -> ExportFile {
    let scoped = match article {
        Some(aid) => Library {
            articles: library
                .articles
                .iter()
                .filter(|a| a.id == aid)
                .cloned()
                .collect(),
            annotations: library.annotations_of(aid).cloned().collect(),
        },
        None => library.clone(),
    };
    let title = match article.and_then(|aid| library.article(aid)) {
        Some(a) => a.title.clone(),
        None => "library".to_owned(),
    };
    let n = scoped.annotations.len();
    let (content, summary) = match format {
        ExportFormat::Native => (
            native::export(&scoped, now),
            format!(
                "{} article(s) and {n} annotation(s) exported.",
                scoped.articles.len()
            ),
        ),
        ExportFormat::W3c => (
            w3c::export(&scoped, scoped.annotations.iter(), id, &title),
            format!("{n} annotation(s) exported."),
        ),
        ExportFormat::ClaimReview => {
            let r = claimreview::export(&scoped, None, settings);
            let s = format!(
                "{} claim review(s) exported; {} claim(s) without a verdict left out.",
                r.included, r.left_out
            );
            (r.json, s)
        }
        ExportFormat::Csv => (csv::export(&scoped), format!("{n} row(s) exported.")),
        ExportFormat::Report => match article.and_then(|aid| scoped.article(aid)) {
            Some(a) => {
                let r = report::article_report(a, &scoped.annotations);
                let s = format!("Report saved: {}.", r.counts.summary());
                (report::to_html(&r, &settings.organisation, now), s)
            }
            None => {
                let r = report::library_report(&scoped);
                let s = format!(
                    "Report of {} claim(s) checked in {} article(s) saved.",
                    r.checked_claims,
                    r.articles.len()
                );
                (report::library_to_html(&r, &settings.organisation, now), s)
            }
        },
    };
    ExportFile {
        name: export_file_name(&title, &now.date(), format.extension()),
        mime: format.mime(),
        content,
        summary,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::library::ExportSettings;
    use crate::core::model::{Annotation, Body, Kind, Verdict};
    use crate::core::text::Article;

    fn library() -> Library {
        let a = Article::new(
            Uuid::from_u128(1),
            "Çavuşoğlu meets Tillerson",
            None,
            "one two three",
        );
        let b = Article::new(Uuid::from_u128(2), "Other", None, "four five");
        let mut c1 = Annotation::new(
            Uuid::from_u128(10),
            a.id,
            Kind::Claim,
            &a.text,
            0,
            3,
            Timestamp(0),
        );
        if let Body::Claim(c) = &mut c1.body {
            c.verdict = Verdict::False;
        }
        let c2 = Annotation::new(
            Uuid::from_u128(11),
            a.id,
            Kind::Claim,
            &a.text,
            4,
            7,
            Timestamp(0),
        );
        let q = Annotation::new(
            Uuid::from_u128(12),
            b.id,
            Kind::Quote,
            &b.text,
            0,
            4,
            Timestamp(0),
        );
        Library {
            articles: vec![a, b],
            annotations: vec![c1, c2, q],
        }
    }

    #[test]
    fn each_format_names_its_file_and_scopes_to_the_article() {
        let lib = library();
        let now = Timestamp(1_795_000_000_000);
        let s = ExportSettings::default();
        let aid = Some(Uuid::from_u128(1));
        let native = export_file(&lib, ExportFormat::Native, aid, &s, now, Uuid::nil());
        assert_eq!(
            native.name,
            format!("cavusoglu-meets-tillerson-{}.annotator.json", now.date())
        );
        let back = native::import(&native.content, &Library::default()).unwrap();
        assert_eq!(back.summary().articles_added, 1);
        assert_eq!(back.summary().annotations_added, 2);
        let cr = export_file(&lib, ExportFormat::ClaimReview, aid, &s, now, Uuid::nil());
        assert!(cr.summary.contains("1 claim review(s)"), "{}", cr.summary);
        assert!(
            cr.summary.contains("1 claim(s) without a verdict left out"),
            "{}",
            cr.summary
        );
        let all_csv = export_file(&lib, ExportFormat::Csv, None, &s, now, Uuid::nil());
        assert!(all_csv.name.starts_with("library-"));
        assert_eq!(all_csv.content.trim_end().lines().count(), 1 + 3);
        let report = export_file(&lib, ExportFormat::Report, aid, &s, now, Uuid::nil());
        assert!(report.name.ends_with(".report.html"), "{}", report.name);
        assert!(report.content.contains("False (1)"), "{}", report.content);
        assert!(report.summary.contains("2 claims"), "{}", report.summary);
        let all = export_file(&lib, ExportFormat::Report, None, &s, now, Uuid::nil());
        assert!(all.content.contains("1 claim(s) checked in 1 article(s)"));
        let w3c = export_file(&lib, ExportFormat::W3c, None, &s, now, Uuid::nil());
        assert_eq!(w3c.mime, "application/ld+json");
        for f in ExportFormat::ALL {
            assert_eq!(ExportFormat::from_id(f.id()), Some(f));
        }
    }
}
