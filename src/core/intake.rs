//! What the New article dialog makes of what it is given: a file read by its extension, the
//! checked fields of a new article. HTML is parsed by whichever reader the caller passes (the
//! app passes the browser's `DOMParser` through `crate::web::html`; native code and tests pass
//! [`crate::core::html::html_to_text`]), so this module needs no HTML parser of its own.

use uuid::Uuid;

use crate::core::html::{markdown_to_text, suggest_title_from_text, Extracted};
use crate::core::model::HttpUrl;
use crate::core::text::{canonicalize, split_title, Article};

/// What a file held, read according to its name's extension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileText {
    /// A suggested title, if the file offers one.
    pub title: Option<String>,
    /// The article text.
    pub text: String,
}

/// Reads a file's content by its name's extension: `.html`/`.htm` as HTML (through
/// `html_to_text`), `.md` as Markdown, anything else as plain text whose first line is the
/// title. A byte order mark is dropped.
pub fn read_file_text(
    name: &str,
    content: &str,
    html_to_text: impl FnOnce(&str) -> Extracted,
) -> FileText {
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    let extension = name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => {
            let e = html_to_text(content);
            FileText {
                title: suggested_title(&e),
                text: e.text,
            }
        }
        "md" => {
            let e = markdown_to_text(content);
            FileText {
                title: e.title,
                text: e.text,
            }
        }
        _ => {
            let canonical = canonicalize(content);
            let (title, body) = split_title(&canonical);
            if body.trim().is_empty() {
                // One line only: it is the text, and suggests the title.
                FileText {
                    title: suggest_title_from_text(&canonical),
                    text: canonical,
                }
            } else {
                FileText {
                    title: suggest_title_from_text(&title),
                    text: body,
                }
            }
        }
    }
}

/// The title a page read as text suggests: its own title, else one from its first line.
pub fn suggested_title(page: &Extracted) -> Option<String> {
    page.title
        .clone()
        .or_else(|| suggest_title_from_text(&page.text))
}

/// The message to show for a source link that is not an `http:`/`https:` URL; `None` for an
/// empty or valid one.
pub fn source_error(source: &str) -> Option<String> {
    if source.trim().is_empty() {
        return None;
    }
    HttpUrl::parse(source)
        .err()
        .map(|e| format!("{SOURCE_ERROR_PREFIX}{e}"))
}

/// How every message about the source link starts.
pub const SOURCE_ERROR_PREFIX: &str = "Source URL: ";

/// The checked fields of a new article, or the message to show. An empty title is suggested
/// from the text; a source must be an `http:`/`https:` URL.
pub fn build_article(
    id: Uuid,
    title: &str,
    source: &str,
    published: &str,
    text: &str,
) -> Result<Article, String> {
    if text.trim().is_empty() {
        return Err("The article has no text. Type, paste or open the article's text.".into());
    }
    if let Some(message) = source_error(source) {
        return Err(message);
    }
    let source_url = HttpUrl::parse(source)
        .ok()
        .map(|url| url.as_str().to_owned());
    let title = match title.trim() {
        "" => suggest_title_from_text(text).unwrap_or_else(|| "Untitled".into()),
        t => t.to_owned(),
    };
    let mut article = Article::new(id, &title, source_url, text);
    let published = published.trim();
    if !published.is_empty() {
        article.published = Some(published.to_owned());
    }
    Ok(article)
}

/// A byte count in decimal units as a person reads it: "850 bytes", "1.2 MB", "10 GB".
pub fn format_bytes(bytes: f64) -> String {
    const UNITS: [&str; 5] = ["kB", "MB", "GB", "TB", "PB"];
    if !bytes.is_finite() || bytes < 1000.0 {
        let n = if bytes.is_finite() {
            bytes.max(0.0).round() as u64
        } else {
            0
        };
        return format!("{n} byte{}", if n == 1 { "" } else { "s" });
    }
    let mut value = bytes / 1000.0;
    let mut unit = 0;
    // Round first, so that 999,960 bytes reads "1 MB", not "1000 kB".
    while unit + 1 < UNITS.len() && (value * 10.0).round() / 10.0 >= 1000.0 {
        value /= 1000.0;
        unit += 1;
    }
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{} {}", rounded as u64, UNITS[unit])
    } else {
        format!("{rounded:.1} {}", UNITS[unit])
    }
}

/// "Using 1.2 MB of 10 GB": the storage line of the library.
pub fn usage_text(used: f64, quota: f64) -> String {
    format!("Using {} of {}", format_bytes(used), format_bytes(quota))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::html::html_to_text;

    #[test]
    fn files_are_read_by_their_extension() {
        let check = |name: &str, content: &str, title: Option<&str>, text: &str| {
            assert_eq!(
                read_file_text(name, content, html_to_text),
                FileText {
                    title: title.map(str::to_owned),
                    text: text.to_owned()
                },
                "{name}"
            );
        };
        check(
            "a.HTM",
            "<title>T</title><p>One &amp; <i>two</i></p><p>Three</p>",
            Some("T"),
            "One & two\nThree",
        );
        check("a.html", "<p>No title</p>", Some("No title"), "No title");
        check(
            "notes.md",
            "# Head\n\nBody *x*",
            Some("Head"),
            "Head\n\nBody *x*",
        );
        check(
            "story.txt",
            "\u{feff}Title line\r\n\r\nBody “one”\r\n",
            Some("Title line"),
            "Body “one”\n",
        );
        check("one-line", "Only this", Some("Only this"), "Only this");
        check("empty.txt", "", None, "");
    }

    #[test]
    fn a_new_article_needs_text_and_an_http_source() {
        let id = Uuid::from_bytes([1; 16]);
        assert!(build_article(id, "T", "", "", "  \n ").is_err());
        let err = build_article(id, "T", "javascript:alert(1)", "", "text").unwrap_err();
        assert!(err.starts_with(SOURCE_ERROR_PREFIX), "{err}");
        assert_eq!(source_error("javascript:alert(1)"), Some(err));
        assert_eq!(source_error("  "), None);
        assert_eq!(source_error("https://example.org"), None);
        let a = build_article(
            id,
            "  ",
            " https://example.org/a ",
            " 2026-11-30 ",
            "Çavuşoğlu spoke.\nMore",
        )
        .unwrap();
        assert_eq!(a.title, "Çavuşoğlu spoke.");
        assert_eq!(a.source_url.as_deref(), Some("https://example.org/a"));
        assert_eq!(a.published.as_deref(), Some("2026-11-30"));
        assert_eq!(a.id, id);
    }

    #[test]
    fn byte_counts_read_as_people_write_them() {
        let cases = [
            (0.0, "0 bytes"),
            (1.0, "1 byte"),
            (999.0, "999 bytes"),
            (1_000.0, "1 kB"),
            (1_234_567.0, "1.2 MB"),
            (999_960.0, "1 MB"),
            (10_000_000_000.0, "10 GB"),
            (f64::NAN, "0 bytes"),
            (-5.0, "0 bytes"),
        ];
        for (bytes, expected) in cases {
            assert_eq!(format_bytes(bytes), expected, "{bytes}");
        }
        assert_eq!(usage_text(1_234_567.0, 1e10), "Using 1.2 MB of 10 GB");
    }
}
