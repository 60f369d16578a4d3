//! Export and import formats, and the merge plan an import produces.
//!
//! - [`native`]: Annotator JSON, lossless, the format to back up and move a library.
//! - [`w3c`]: W3C Web Annotation JSON-LD, to exchange with Hypothesis, Recogito and others.
//! - [`claimreview`]: schema.org `ClaimReview` JSON-LD for claims that have a verdict.
//! - [`csv`]: one row per annotation for spreadsheets.
//!
//! Every import goes through one border: [`parse_json`] (size limit, empty file, syntax, with
//! line and column), then a format's reader, which validates and anchors, then a pure
//! [`ImportPlan`] the user can preview, then [`ImportPlan::apply`], which is all or nothing.
//! No function here panics on any input. `docs/FORMAT.md` documents each format.

pub mod claimreview;
pub mod csv;
pub mod native;
pub mod w3c;

use crate::core::anchor;
use crate::core::library::Library;
use crate::core::model::Annotation;
use crate::core::text::Article;
use std::fmt;
use uuid::Uuid;

/// The largest file accepted for import: 20 MiB. A library of that size holds hundreds of
/// long articles; anything bigger is refused before parsing, so that a wrong file cannot
/// freeze the page.
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;

/// Which format an imported JSON document is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Annotator JSON (`"format": "article-annotator"`).
    Native,
    /// W3C Web Annotation: one annotation, an array, a collection or a page.
    W3c,
}

/// Why an import was refused. Each message says what is wrong in words a user understands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The file is larger than [`MAX_IMPORT_BYTES`].
    TooLarge {
        /// Size of the file in bytes.
        bytes: usize,
    },
    /// The file is empty or holds only white space.
    Empty,
    /// The file is not valid JSON, or a value has the wrong type; `line` and `column` count
    /// from 1.
    InvalidJson {
        /// Line of the error, from 1.
        line: usize,
        /// Column of the error, from 1.
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// Valid JSON, but neither Annotator JSON nor W3C Web Annotation.
    UnknownFormat,
    /// Annotator JSON of a version this app does not read.
    UnsupportedVersion {
        /// The version found, as written.
        found: String,
    },
    /// An annotation does not point at text (e.g. an image region, or a whole page).
    TargetNotText {
        /// Position of the annotation in the file, from 1.
        index: usize,
    },
    /// An annotation's offsets do not fit its article's text.
    OffsetsOutOfRange {
        /// Position of the annotation in the file, from 1.
        index: usize,
        /// The offending start.
        start: u64,
        /// The offending end.
        end: u64,
        /// Code points in the article's text.
        len: usize,
    },
    /// Two articles or two annotations in the file share an id.
    DuplicateId {
        /// The shared id.
        id: Uuid,
    },
    /// An annotation names an article that is neither in the file nor in the library.
    MissingArticle {
        /// The missing article's id.
        article: Uuid,
    },
    /// W3C annotations carry no article text: an article must be chosen to attach them to.
    NoArticleChosen,
    /// A required field is missing or malformed (outside what the JSON parser checks).
    Invalid {
        /// What is wrong.
        message: String,
    },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge { bytes } => write!(
                f,
                "The file is too large ({:.1} MiB); the limit is {} MiB.",
                *bytes as f64 / 1_048_576.0,
                MAX_IMPORT_BYTES / 1_048_576
            ),
            ImportError::Empty => write!(f, "The file is empty."),
            ImportError::InvalidJson {
                line,
                column,
                message,
            } => write!(
                f,
                "The file is not valid JSON: {message} (line {line}, column {column})."
            ),
            ImportError::UnknownFormat => write!(
                f,
                "The file is JSON, but neither Annotator JSON nor W3C Web Annotations."
            ),
            ImportError::UnsupportedVersion { found } => write!(
                f,
                "This Annotator JSON is version {found}; this app reads version {}.",
                native::VERSION
            ),
            ImportError::TargetNotText { index } => write!(
                f,
                "Annotation {index} does not point at text (no text quote or position), so it cannot be attached to an article."
            ),
            ImportError::OffsetsOutOfRange {
                index,
                start,
                end,
                len,
            } => write!(
                f,
                "Annotation {index} covers characters {start} to {end}, but its article has only {len}."
            ),
            ImportError::DuplicateId { id } => {
                write!(f, "The id {id} is used twice in the file.")
            }
            ImportError::MissingArticle { article } => write!(
                f,
                "An annotation belongs to article {article}, which is neither in the file nor in the library."
            ),
            ImportError::NoArticleChosen => write!(
                f,
                "These are W3C Web Annotations: open the article they belong to, then import them."
            ),
            ImportError::Invalid { message } => write!(f, "The file is not valid: {message}."),
        }
    }
}

impl std::error::Error for ImportError {}

impl ImportError {
    fn from_serde(e: &serde_json::Error) -> Self {
        let message = e.to_string();
        // serde_json appends " at line L column C"; the position is reported separately.
        let message = match message.rfind(" at line ") {
            Some(i) => message.get(..i).unwrap_or(&message).to_owned(),
            None => message,
        };
        ImportError::InvalidJson {
            line: e.line(),
            column: e.column(),
            message,
        }
    }
}

/// Checks size and emptiness, then parses `input` as JSON.
pub fn parse_json(input: &str) -> Result<serde_json::Value, ImportError> {
    if input.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { bytes: input.len() });
    }
    if input.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    serde_json::from_str(input).map_err(|e| ImportError::from_serde(&e))
}

/// Tells which format a parsed document is in: Annotator JSON by its `format` field, W3C by
/// an `@context` naming the annotation vocabulary or a `type` of `Annotation`,
/// `AnnotationCollection` or `AnnotationPage`, or by Hypothesis' shape (`target` and `uri`).
/// Arrays are W3C when their first item is.
pub fn detect(doc: &serde_json::Value) -> Option<Format> {
    use serde_json::Value;
    match doc {
        Value::Object(o) => {
            if o.get("format").and_then(Value::as_str) == Some(native::FORMAT) {
                return Some(Format::Native);
            }
            let context = o.get("@context").is_some_and(|c| {
                let has = |v: &Value| v.as_str().is_some_and(|s| s.contains("ns/anno.jsonld"));
                has(c) || c.as_array().is_some_and(|a| a.iter().any(has))
            });
            let typed = o.get("type").is_some_and(|t| {
                let is = |v: &Value| {
                    matches!(
                        v.as_str(),
                        Some("Annotation" | "AnnotationCollection" | "AnnotationPage")
                    )
                };
                is(t) || t.as_array().is_some_and(|a| a.iter().any(is))
            });
            let hypothesis = o.contains_key("target") && o.contains_key("uri");
            (context || typed || hypothesis).then_some(Format::W3c)
        }
        Value::Array(items) => match items.first() {
            Some(first) if detect(first) == Some(Format::W3c) => Some(Format::W3c),
            _ => None,
        },
        _ => None,
    }
}

/// Reads an imported file of any supported format and plans its merge into `library`.
/// Annotator JSON brings its own articles; W3C annotations are attached to `article`, which
/// must then be given. `now` dates annotations that carry no dates.
pub fn import(
    input: &str,
    library: &Library,
    article: Option<Uuid>,
    now: crate::core::model::Timestamp,
) -> Result<(Format, ImportPlan), ImportError> {
    let doc = parse_json(input)?;
    match detect(&doc) {
        Some(Format::Native) => Ok((Format::Native, native::import(input, library)?)),
        Some(Format::W3c) => {
            let article = article.ok_or(ImportError::NoArticleChosen)?;
            Ok((Format::W3c, w3c::import(input, library, article, now)?))
        }
        None => Err(ImportError::UnknownFormat),
    }
}

/// What an import will do with one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// New: it will be added.
    Add,
    /// It replaces the library's item with the same id.
    Update,
    /// The library already has it, identical or newer: nothing changes.
    Keep,
}

/// A preview of an import: every incoming item with what will happen to it. Computing it
/// changes nothing; [`ImportPlan::apply`] carries it out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportPlan {
    /// Incoming articles. An article replaces the library's one with the same id when they
    /// differ (the file wins: articles carry no modification time).
    pub articles: Vec<(Action, Article)>,
    /// Incoming annotations, already anchored on their article's incoming or existing text.
    /// They are merged by id: the one with the later `modified` wins; on a tie the library's
    /// is kept.
    pub annotations: Vec<(Action, Annotation)>,
}

/// How many items of each kind an import adds, updates or keeps, for the preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PlanSummary {
    /// Articles added.
    pub articles_added: usize,
    /// Articles replaced.
    pub articles_updated: usize,
    /// Annotations added.
    pub annotations_added: usize,
    /// Annotations replaced by a newer version.
    pub annotations_updated: usize,
    /// Annotations left as they are (already present, identical or newer).
    pub annotations_kept: usize,
    /// Incoming annotations that need review or are orphans after anchoring.
    pub annotations_unanchored: usize,
}

impl ImportPlan {
    /// Builds the plan for merging `articles` and `annotations` (already validated and
    /// anchored) into `library`.
    pub fn new(library: &Library, articles: Vec<Article>, annotations: Vec<Annotation>) -> Self {
        let articles = articles
            .into_iter()
            .map(|a| match library.article(a.id) {
                None => (Action::Add, a),
                Some(old) if *old == a => (Action::Keep, a),
                Some(_) => (Action::Update, a),
            })
            .collect();
        let annotations = annotations
            .into_iter()
            .map(|a| match library.annotation(a.id) {
                None => (Action::Add, a),
                Some(old) if a.modified > old.modified && *old != a => (Action::Update, a),
                Some(_) => (Action::Keep, a),
            })
            .collect();
        ImportPlan {
            articles,
            annotations,
        }
    }

    /// Counts for the preview.
    pub fn summary(&self) -> PlanSummary {
        let mut s = PlanSummary::default();
        for (action, _) in &self.articles {
            match action {
                Action::Add => s.articles_added += 1,
                Action::Update => s.articles_updated += 1,
                Action::Keep => {}
            }
        }
        for (action, a) in &self.annotations {
            match action {
                Action::Add => s.annotations_added += 1,
                Action::Update => s.annotations_updated += 1,
                Action::Keep => s.annotations_kept += 1,
            }
            if *action != Action::Keep && a.anchoring != crate::core::model::Anchoring::Anchored {
                s.annotations_unanchored += 1;
            }
        }
        s
    }

    /// The library after the import. Replaced articles keep their position; when an article's
    /// text changes, the library's annotations on it that the import does not replace are
    /// re-anchored onto the new text ([`anchor::reanchor`]), never dropped.
    pub fn apply(&self, library: &Library) -> Library {
        let mut out = library.clone();
        for (action, incoming) in &self.articles {
            match action {
                Action::Add => out.articles.push(incoming.clone()),
                Action::Update => {
                    let Some(slot) = out.articles.iter_mut().find(|a| a.id == incoming.id) else {
                        continue;
                    };
                    let old_text = std::mem::replace(slot, incoming.clone()).text;
                    if old_text != incoming.text {
                        let idx: Vec<usize> = out
                            .annotations
                            .iter()
                            .enumerate()
                            .filter(|(_, a)| a.article_id == incoming.id)
                            .map(|(i, _)| i)
                            .collect();
                        let mine: Vec<Annotation> = idx
                            .iter()
                            .filter_map(|&i| out.annotations.get(i).cloned())
                            .collect();
                        let moved = anchor::reanchor(&old_text, &incoming.text, &mine);
                        for (i, a) in idx.into_iter().zip(moved) {
                            if let Some(slot) = out.annotations.get_mut(i) {
                                *slot = a;
                            }
                        }
                    }
                }
                Action::Keep => {}
            }
        }
        for (action, incoming) in &self.annotations {
            match action {
                Action::Add => out.annotations.push(incoming.clone()),
                Action::Update => {
                    if let Some(slot) = out.annotations.iter_mut().find(|a| a.id == incoming.id) {
                        *slot = incoming.clone();
                    }
                }
                Action::Keep => {}
            }
        }
        out
    }
}

/// A safe file name for an export: the title as lowercase ASCII words joined by `-` (common
/// accented Latin letters folded, everything else dropped, at most 60 characters, `article`
/// when nothing is left), then the date when it is `YYYY-MM-DD`, then the extension (letters,
/// digits and dots only). Example: `the-global-coalition-2026-11-27.w3c.json`.
pub fn export_file_name(title: &str, date: &str, ext: &str) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(fold_char) {
        if c.is_ascii_alphanumeric() {
            if slug.len() >= 60 {
                break;
            }
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut name = slug.trim_end_matches('-').to_owned();
    if name.is_empty() {
        name.push_str("article");
    }
    let b = date.as_bytes();
    let is_date = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if is_date {
        name.push('-');
        name.push_str(date);
    }
    let ext: String = ext
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    let ext = ext.trim_matches('.');
    if !ext.is_empty() {
        name.push('.');
        name.push_str(&ext.to_ascii_lowercase());
    }
    name
}

/// Folds common accented Latin letters to ASCII; other characters pass unchanged.
fn fold_char(c: char) -> impl Iterator<Item = char> {
    let folded: &str = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "A",
        'ç' | 'ć' | 'č' => "c",
        'Ç' | 'Ć' | 'Č' => "C",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ę' | 'Ě' => "E",
        'ğ' => "g",
        'Ğ' => "G",
        'ì' | 'í' | 'î' | 'ï' | 'ı' | 'ī' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'İ' | 'Ī' => "I",
        'ñ' | 'ń' | 'ň' => "n",
        'Ñ' | 'Ń' | 'Ň' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => "O",
        'ś' | 'ş' | 'š' => "s",
        'Ś' | 'Ş' | 'Š' => "S",
        'ß' => "ss",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => "U",
        'ý' | 'ÿ' => "y",
        'ž' | 'ź' | 'ż' => "z",
        'Ž' | 'Ź' | 'Ż' => "Z",
        'ł' => "l",
        'Ł' => "L",
        _ => "",
    };
    let single = folded.is_empty().then_some(c);
    single.into_iter().chain(folded.chars())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file in `tests/fixtures/bad/` is refused with its own error, and nothing panics.
    #[test]
    fn bad_inputs_give_their_specific_error() {
        use crate::core::model::{Kind, Timestamp};
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
        let art = Article::new(Uuid::from_u128(1), "T", None, "We share goals.");
        let ann = Annotation::new(
            Uuid::from_u128(2),
            art.id,
            Kind::Claim,
            &art.text,
            3,
            8,
            Timestamp(0),
        );
        let lib = Library {
            articles: vec![art],
            annotations: vec![ann],
        };
        let expected: &[(&str, &str)] = &[
            ("empty.json", "Empty"),
            ("whitespace.json", "Empty"),
            ("invalid-json.json", "InvalidJson { line: 3"),
            ("truncated.json", "InvalidJson"),
            ("unknown-format.json", "UnknownFormat"),
            ("json-scalar.json", "UnknownFormat"),
            ("version-99.json", "UnsupportedVersion { found: \"99\" }"),
            (
                "version-string.json",
                "UnsupportedVersion { found: \"\\\"1\\\"\" }",
            ),
            ("non-text-target.json", "TargetNotText { index: 1 }"),
            ("w3c-no-selector.json", "TargetNotText { index: 2 }"),
            (
                "offsets-out-of-range.json",
                "OffsetsOutOfRange { index: 1, start: 3, end: 5000, len: 15 }",
            ),
            (
                "w3c-offsets-out-of-range.json",
                "OffsetsOutOfRange { index: 1",
            ),
            ("wrong-types.json", "InvalidJson { line: 9"),
            ("huge-numbers.json", "InvalidJson"),
            ("w3c-huge-numbers.json", "Invalid { message"),
            ("deeply-nested.json", "InvalidJson"),
            ("duplicate-ids.json", "DuplicateId"),
            ("missing-article.json", "MissingArticle"),
            ("bad-url.json", "InvalidJson"),
        ];
        let mut seen = 0;
        for entry in std::fs::read_dir(&dir).expect("fixtures folder") {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .to_owned();
            let input = std::fs::read_to_string(&path).expect("readable");
            let Some((_, want)) = expected.iter().find(|(n, _)| *n == name) else {
                panic!("no expectation for {name}");
            };
            let got = import(&input, &lib, Some(Uuid::from_u128(1)), Timestamp(0));
            let err = got.expect_err(&name);
            let shown = format!("{err:?}");
            assert!(shown.starts_with(want), "{name}: got {shown}, want {want}");
            assert!(err.to_string().ends_with('.'), "{name}: {err}");
            seen += 1;
        }
        assert_eq!(seen, expected.len());
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(
            export_file_name("The Global Coalition", "2026-11-27", "w3c.json"),
            "the-global-coalition-2026-11-27.w3c.json"
        );
        assert_eq!(
            export_file_name("Çavuşoğlu: “we share…” 😀", "2026-11-27", "csv"),
            "cavusoglu-we-share-2026-11-27.csv"
        );
        assert_eq!(
            export_file_name("../../etc/passwd", "../x", "/json"),
            "etc-passwd.json"
        );
        assert_eq!(export_file_name("", "", ""), "article");
        assert!(export_file_name(&"a".repeat(500), "2026-01-01", "json").len() < 80);
    }

    #[test]
    fn detects_formats() {
        let d = |s: &str| detect(&serde_json::from_str(s).unwrap_or_default());
        assert_eq!(
            d(r#"{"format":"article-annotator","version":1}"#),
            Some(Format::Native)
        );
        assert_eq!(
            d(r#"{"@context":"http://www.w3.org/ns/anno.jsonld"}"#),
            Some(Format::W3c)
        );
        assert_eq!(d(r#"[{"type":"Annotation"}]"#), Some(Format::W3c));
        assert_eq!(d(r#"{"uri":"https://x.y","target":[]}"#), Some(Format::W3c));
        assert_eq!(d(r#"{"hello":1}"#), None);
        assert_eq!(d("[]"), None);
        assert_eq!(d("3"), None);
    }

    #[test]
    fn size_and_syntax_are_checked_first() {
        assert_eq!(parse_json(" \n"), Err(ImportError::Empty));
        let big = " ".repeat(MAX_IMPORT_BYTES + 1);
        assert!(matches!(
            parse_json(&big),
            Err(ImportError::TooLarge { .. })
        ));
        match parse_json("{\n  \"a\": tru\n}") {
            Err(ImportError::InvalidJson { line, column, .. }) => {
                assert_eq!(line, 3, "column {column}");
            }
            other => panic!("{other:?}"),
        }
        let msg = parse_json("{").unwrap_err().to_string();
        assert!(msg.contains("line 1"), "{msg}");
    }
}

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
}

impl ExportFormat {
    /// Every format, in the order they are offered.
    pub const ALL: [ExportFormat; 4] = [
        ExportFormat::Native,
        ExportFormat::W3c,
        ExportFormat::ClaimReview,
        ExportFormat::Csv,
    ];

    /// The name a user sees.
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Native => "Annotator JSON",
            ExportFormat::W3c => "W3C Web Annotation",
            ExportFormat::ClaimReview => "ClaimReview",
            ExportFormat::Csv => "CSV",
        }
    }

    /// A stable identifier (form values, tests).
    pub fn id(self) -> &'static str {
        match self {
            ExportFormat::Native => "annotator",
            ExportFormat::W3c => "w3c",
            ExportFormat::ClaimReview => "claimreview",
            ExportFormat::Csv => "csv",
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
        }
    }

    /// The media type of the file.
    pub fn mime(self) -> &'static str {
        match self {
            ExportFormat::Native => "application/json",
            ExportFormat::W3c => "application/ld+json",
            ExportFormat::ClaimReview => "application/ld+json",
            ExportFormat::Csv => "text/csv;charset=utf-8",
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
    settings: &crate::core::library::ExportSettings,
    now: crate::core::model::Timestamp,
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
    };
    ExportFile {
        name: export_file_name(&title, &now.date(), format.extension()),
        mime: format.mime(),
        content,
        summary,
    }
}

#[cfg(test)]
mod export_file_tests {
    use super::*;
    use crate::core::library::ExportSettings;
    use crate::core::model::{Body, Kind, Timestamp, Verdict};

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
        let w3c = export_file(&lib, ExportFormat::W3c, None, &s, now, Uuid::nil());
        assert_eq!(w3c.mime, "application/ld+json");
        for f in ExportFormat::ALL {
            assert_eq!(ExportFormat::from_id(f.id()), Some(f));
        }
    }
}

/// The library article that a W3C document's targets point at: the first `source` (or plain
/// string `target`) equal to an article's source URL or to `urn:uuid:<article id>`.
pub fn w3c_target_article(input: &str, library: &Library) -> Option<Uuid> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>, depth: usize) {
        if depth > 64 || out.len() > 1000 {
            return;
        }
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    match (k.as_str(), v) {
                        ("source" | "target", serde_json::Value::String(s)) => out.push(s.clone()),
                        _ => walk(v, out, depth + 1),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|i| walk(i, out, depth + 1)),
            _ => {}
        }
    }
    let doc: serde_json::Value = serde_json::from_str(input).ok()?;
    let mut sources = Vec::new();
    walk(&doc, &mut sources, 0);
    sources.iter().find_map(|s| {
        library.articles.iter().find_map(|a| {
            let by_urn = s
                .strip_prefix("urn:uuid:")
                .and_then(|u| Uuid::parse_str(u).ok())
                == Some(a.id);
            let by_url = a.source_url.as_deref().is_some_and(|u| u == s);
            (by_urn || by_url).then_some(a.id)
        })
    })
}

#[cfg(test)]
mod target_tests {
    use super::*;

    #[test]
    fn w3c_targets_pick_the_article_by_url_or_urn() {
        let mut a = Article::new(Uuid::from_u128(1), "A", None, "text");
        a.source_url = Some("https://news.example/a".into());
        let b = Article::new(Uuid::from_u128(2), "B", None, "text");
        let lib = Library {
            articles: vec![a, b],
            annotations: vec![],
        };
        let by_url = r#"{"type":"Annotation","target":{"source":"https://news.example/a"}}"#;
        assert_eq!(w3c_target_article(by_url, &lib), Some(Uuid::from_u128(1)));
        let by_urn = format!(
            r#"[{{"target":[{{"source":"urn:uuid:{}"}}]}}]"#,
            Uuid::from_u128(2)
        );
        assert_eq!(w3c_target_article(&by_urn, &lib), Some(Uuid::from_u128(2)));
        assert_eq!(
            w3c_target_article(r#"{"target":"https://elsewhere"}"#, &lib),
            None
        );
        assert_eq!(w3c_target_article("not json", &lib), None);
    }
}
