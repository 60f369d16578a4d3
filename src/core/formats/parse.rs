//! Detection and parsing: the one border every imported file crosses first (size limit, empty
//! file, JSON syntax with line and column), the errors an import can be refused with, and
//! [`import`], which hands a document to its format's reader.

use super::{native, w3c, ImportPlan};
use crate::core::library::Library;
use crate::core::model::Timestamp;
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

impl Format {
    /// The format's name as the import preview shows it.
    pub fn label(self) -> &'static str {
        match self {
            Format::Native => "Annotator JSON",
            Format::W3c => "W3C Web Annotation",
        }
    }

    /// Whether the user picks the article its annotations go to: a W3C file may name an
    /// article the library does not know, while Annotator JSON carries its articles.
    pub fn attaches_to_article(self) -> bool {
        self == Format::W3c
    }
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
    /// The message shown when the file `file_name` was refused: its name, what is wrong, and
    /// that the library is as it was.
    pub fn refusal(&self, file_name: &str) -> String {
        format!("“{file_name}” was not imported: {self} Nothing was changed.")
    }

    pub(super) fn from_serde(e: &serde_json::Error) -> Self {
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

/// An imported file read and planned: its format, the plan, and what the reader dropped.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The file's format.
    pub format: Format,
    /// What the import will do.
    pub plan: ImportPlan,
    /// Article source links dropped because they were not `http:`/`https:` URLs.
    pub sources_dropped: usize,
}

impl Imported {
    /// The lines of the import preview ([`ImportPlan::preview_lines`]), `library` being the
    /// one the plan was made for.
    pub fn preview_lines(&self, library: &Library) -> Vec<String> {
        self.plan.preview_lines(library, self.sources_dropped)
    }
}

/// Reads an imported file of any supported format and plans its merge into `library`.
/// Annotator JSON brings its own articles; W3C annotations are attached to `article`, which
/// must then be given. `now` dates annotations that carry no dates and is the latest time a
/// file may claim; `fresh_id` gives the ids of annotations copied because their id belongs
/// to another article's annotation (see [`super::fresh_ids`]).
pub fn import(
    input: &str,
    library: &Library,
    article: Option<Uuid>,
    now: Timestamp,
    fresh_id: &mut dyn FnMut() -> Uuid,
) -> Result<Imported, ImportError> {
    import_observed(input, library, article, now, fresh_id, &mut |_, _| {})
}

/// [`import`], calling `progress(done, total)` as the file's annotations are read and
/// anchored (`total` is how many the file holds; `done` grows from 0 to it), so that a long
/// import can show how far it has got.
pub fn import_observed(
    input: &str,
    library: &Library,
    article: Option<Uuid>,
    now: Timestamp,
    fresh_id: &mut dyn FnMut() -> Uuid,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Imported, ImportError> {
    let doc = parse_json(input)?;
    match detect(&doc) {
        Some(Format::Native) => {
            let (plan, sources_dropped) =
                native::import_into(input, library, now, fresh_id, progress)?;
            Ok(Imported {
                format: Format::Native,
                plan,
                sources_dropped,
            })
        }
        Some(Format::W3c) => {
            let article = article.ok_or(ImportError::NoArticleChosen)?;
            Ok(Imported {
                format: Format::W3c,
                plan: w3c::import_into(input, library, article, now, fresh_id, progress)?,
                sources_dropped: 0,
            })
        }
        None => Err(ImportError::UnknownFormat),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Annotation;
    use crate::core::text::Article;

    /// An import reports its progress from 0 to the number of annotations in the file, in
    /// order, for both formats.
    #[test]
    fn import_observed_reports_progress_up_to_the_annotation_count() {
        use crate::core::model::{Kind, Timestamp};
        let art = Article::new(
            Uuid::from_u128(1),
            "T",
            None,
            "We share goals. We share more.",
        );
        let anns: Vec<Annotation> = (0..3u128)
            .map(|i| {
                let s = 3 + i as usize;
                Annotation::new(
                    Uuid::from_u128(10 + i),
                    art.id,
                    Kind::Claim,
                    &art.text,
                    s,
                    s + 5,
                    Timestamp(0),
                )
            })
            .collect();
        let lib = Library {
            articles: vec![art.clone()],
            annotations: anns,
        };
        let now = Timestamp(1);
        let native = super::super::native::export(&lib, now);
        let w3c = super::super::w3c::export(&lib, &lib.annotations, Uuid::from_u128(99), "All");
        for (file, target) in [(native, None), (w3c, Some(art.id))] {
            let mut seen = Vec::new();
            let empty = Library {
                articles: vec![art.clone()],
                annotations: Vec::new(),
            };
            let imported = import_observed(
                &file,
                &empty,
                target,
                now,
                &mut super::super::fresh_ids([1; 16]),
                &mut |d, t| seen.push((d, t)),
            )
            .expect("an export imports");
            assert_eq!(imported.plan.annotations.len(), 3);
            assert_eq!(seen.first(), Some(&(0, 3)));
            assert_eq!(seen.last(), Some(&(3, 3)));
            assert!(
                seen.windows(2).all(|w| w[0].0 <= w[1].0 && w[0].1 == 3),
                "{seen:?}"
            );
        }
    }

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
            // An annotation is read whole before its fields are checked: the position is
            // the end of its object, and the message names it.
            (
                "wrong-types.json",
                "InvalidJson { line: 11, column: 4, message: \"annotation 00000000-0000-0000-0000-000000000002: invalid type: string \\\"three\\\", expected usize",
            ),
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
            let mut ids = crate::core::formats::fresh_ids([0; 16]);
            let got = import(
                &input,
                &lib,
                Some(Uuid::from_u128(1)),
                Timestamp(0),
                &mut ids,
            );
            let err = got.expect_err(&name);
            let shown = format!("{err:?}");
            assert!(shown.starts_with(want), "{name}: got {shown}, want {want}");
            assert!(err.to_string().ends_with('.'), "{name}: {err}");
            seen += 1;
        }
        assert_eq!(seen, expected.len());
    }

    #[test]
    fn a_refusal_names_the_file_and_says_nothing_changed() {
        assert_eq!(
            ImportError::Empty.refusal("notes.json"),
            "“notes.json” was not imported: The file is empty. Nothing was changed."
        );
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
