//! CSV for spreadsheets: RFC 4180, UTF-8 without a byte order mark, CRLF line ends, fields
//! quoted when they contain a comma, a quote or a line break.
//!
//! # Wire format
//!
//! A header row, then one row per annotation, in library order, with the columns of
//! [`COLUMNS`]:
//!
//! - `article`: the article's title; `url`: its source URL (empty when none);
//! - `kind`: `claim` or `quote`; `quote`: the exact quoted text;
//! - `start`, `end`: code point offsets in the article's canonical text;
//! - `note`; `tags`: joined with `; `;
//! - `verdict`: the verdict's label (`Mostly true`), empty for quotes;
//! - `claimant_speaker`: the claimant of a claim or the speaker of a quote;
//! - `evidence`: a claim's evidence links, or a quote's source link, joined with a space
//!   (links never contain spaces);
//! - `created`, `modified`: RFC 3339, UTC.
//!
//! Text cells that begin with `=`, `+`, `-`, `@`, a tab or a carriage return get a leading
//! `'`, so that a spreadsheet does not run article text as a formula (CSV injection).

use crate::core::library::Library;
use crate::core::model::Body;

/// The header row.
pub const COLUMNS: [&str; 13] = [
    "article",
    "url",
    "kind",
    "quote",
    "start",
    "end",
    "note",
    "tags",
    "verdict",
    "claimant_speaker",
    "evidence",
    "created",
    "modified",
];

/// Writes every annotation of `library` as CSV.
pub fn export(library: &Library) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail; errors are ignored rather than unwrapped.
    let _ = w.write_record(COLUMNS);
    for a in &library.annotations {
        let article = library.article(a.article_id);
        let (verdict, evidence) = match &a.body {
            Body::Claim(c) => (
                if c.verdict.is_set() {
                    c.verdict.label()
                } else {
                    ""
                },
                c.evidence
                    .iter()
                    .map(|u| u.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            Body::Quote(q) => (
                "",
                q.source
                    .as_ref()
                    .map(|u| u.as_str().to_owned())
                    .unwrap_or_default(),
            ),
        };
        let record = [
            safe(article.map_or("", |x| x.title.as_str())),
            article
                .and_then(|x| x.source_url.clone())
                .unwrap_or_default(),
            a.kind().as_str().to_owned(),
            safe(&a.quote.exact),
            a.start.to_string(),
            a.end.to_string(),
            safe(&a.note),
            safe(&a.tags.join("; ")),
            verdict.to_owned(),
            safe(a.who()),
            evidence,
            a.created.to_rfc3339(),
            a.modified.to_rfc3339(),
        ];
        let _ = w.write_record(&record);
    }
    let bytes = w
        .into_inner()
        .unwrap_or_else(|e| e.into_inner().get_ref().clone());
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Prefixes `'` to a cell a spreadsheet would read as a formula.
fn safe(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Annotation, ClaimFields, HttpUrl, Kind, Timestamp, Verdict};
    use crate::core::text::Article;
    use uuid::Uuid;

    #[test]
    fn golden_csv_with_commas_quotes_newlines_and_non_ascii() {
        let art = Article::new(
            Uuid::from_u128(1),
            "Çavuşoğlu, “allies”",
            Some("https://news.example/a?x=1,2".into()),
            "He said \"19,000\" strikes.\nThen 😀 =SUM(A1)",
        );
        let mut claim = Annotation::new(
            Uuid::from_u128(2),
            art.id,
            Kind::Claim,
            &art.text,
            8,
            25,
            Timestamp(1_795_000_000_000),
        );
        claim.note = "Line one\nline \"two\", end".into();
        claim.tags = vec!["Syria".into(), "Türkiye".into()];
        claim.body = Body::Claim(ClaimFields {
            claimant: "Mevlüt Çavuşoğlu".into(),
            verdict: Verdict::HalfTrue,
            evidence: ["https://a.example/1", "https://b.example/2"]
                .iter()
                .filter_map(|u| HttpUrl::parse(u).ok())
                .collect(),
        });
        let quote = Annotation::new(
            Uuid::from_u128(3),
            art.id,
            Kind::Quote,
            &art.text,
            33,
            41,
            Timestamp(0),
        );
        assert_eq!(quote.quote.exact, "=SUM(A1)");
        let lib = Library {
            articles: vec![art],
            annotations: vec![claim, quote],
        };
        let expected = concat!(
            "article,url,kind,quote,start,end,note,tags,verdict,claimant_speaker,evidence,created,modified\r\n",
            "\"Çavuşoğlu, “allies”\",\"https://news.example/a?x=1,2\",claim,\"\"\"19,000\"\" strikes.\",8,25,",
            "\"Line one\nline \"\"two\"\", end\",Syria; Türkiye,Half true,Mevlüt Çavuşoğlu,",
            "https://a.example/1 https://b.example/2,2026-11-18T11:06:40.000Z,2026-11-18T11:06:40.000Z\r\n",
            "\"Çavuşoğlu, “allies”\",\"https://news.example/a?x=1,2\",quote,'=SUM(A1),33,41,,,,,,",
            "1970-01-01T00:00:00.000Z,1970-01-01T00:00:00.000Z\r\n",
        );
        assert_eq!(export(&lib), expected);
    }

    #[test]
    fn formula_cells_are_defused() {
        assert_eq!(safe("=1+1"), "'=1+1");
        assert_eq!(safe("-5 people"), "'-5 people");
        assert_eq!(safe("ok"), "ok");
    }
}
