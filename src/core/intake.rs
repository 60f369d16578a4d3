//! What the New article dialog makes of what it is given: a text or Markdown file read by its
//! extension, the checked fields of a new article, which files are too large. A web page (an
//! `.html` file or a web archive, rich text pasted, a page from the bookmarklet) is not read
//! here: the worker takes the page out of a saved file ([`saved_page`]) and extracts its
//! article ([`crate::core::extract`]).

use uuid::Uuid;

use crate::core::extract::{ArticleSource, PageCapture};
use crate::core::html::{markdown_to_text, suggest_title_from_text};
use crate::core::model::HttpUrl;
use crate::core::text::{canonicalize, split_title, Article};

/// What a file held, read according to its name's extension.
#[derive(
    Debug, Clone, PartialEq, Eq, serde_tuple::Serialize_tuple, serde_tuple::Deserialize_tuple,
)]
pub struct FileText {
    /// A suggested title, if the file offers one.
    pub title: Option<String>,
    /// The article text.
    pub text: String,
}

/// Whether a file is read as a web page (`.html`/`.htm`, or a web archive: `.mhtml`, `.mht`,
/// `.webarchive`): its article is then extracted in the worker ([`crate::core::extract`]),
/// not read here.
pub fn is_html_file(name: &str) -> bool {
    extension(name).is_some_and(|e| e == "html" || e == "htm") || is_archive_file(name)
}

fn is_archive_file(name: &str) -> bool {
    crate::core::mhtml::is_archive_name(name) || crate::core::webarchive::is_webarchive_name(name)
}

/// The largest file opened as an article (a web archive's limit is
/// [`crate::core::mhtml::MAX_ARCHIVE_BYTES`]).
pub const MAX_FILE_BYTES: u64 = 20_000_000;

/// Why a file of `size` bytes named `name` is not opened, if it is too large: a web archive
/// may hold 100 MB (its images are most of it), any other file 20 MB.
pub fn size_refusal(name: &str, size: f64) -> Option<String> {
    if is_archive_file(name) {
        (size > crate::core::mhtml::MAX_ARCHIVE_BYTES as f64).then(|| {
            format!("“{name}” is too large to open (the limit for a web archive is 100 MB).")
        })
    } else {
        (size > MAX_FILE_BYTES as f64)
            .then(|| format!("“{name}” is too large to open as an article (the limit is 20 MB)."))
    }
}

/// The page a saved file named `name` holds, and how to decode it: a web archive's page
/// (Safari's, [`crate::core::webarchive`], or an MHTML one, [`crate::core::mhtml`], known by
/// the name or by the first bytes) with the address it was saved from, else the file itself,
/// decoded as a page ([`crate::core::charset::page_decoding`]). `Err` with the reason, for a
/// sentence after the file's name, for an archive that holds no page.
pub fn saved_page(
    name: &str,
    bytes: Vec<u8>,
) -> Result<crate::core::mhtml::ArchivedPage, &'static str> {
    use crate::core::{charset, mhtml, webarchive};
    if webarchive::is_webarchive_name(name) || webarchive::looks_like_webarchive(&bytes) {
        webarchive::archived_page(&bytes)
    } else if mhtml::is_archive_name(name) || mhtml::looks_like_archive(&bytes) {
        mhtml::archived_page(&bytes)
    } else {
        Ok(mhtml::ArchivedPage {
            decoding: charset::page_decoding(&bytes),
            html: bytes,
            location: None,
        })
    }
}

fn extension(name: &str) -> Option<String> {
    name.rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
}

/// Reads a file's content by its name's extension: `.md` as Markdown, anything else as plain
/// text whose first line is the title (a web page goes to the extractor instead: see
/// [`is_html_file`]). A byte order mark is dropped.
pub fn read_file_text(name: &str, content: &str) -> FileText {
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    if extension(name).as_deref() == Some("md") {
        let e = markdown_to_text(content);
        return FileText {
            title: e.title,
            text: e.text,
        };
    }
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

/// A text file named `name` whose bytes decoded to `content`, read ([`read_file_text`]); `Err`
/// with the message to show when it holds no text.
pub fn text_file(name: &str, content: &str) -> Result<FileText, String> {
    let read = read_file_text(name, content);
    if read.text.trim().is_empty() {
        Err(format!("“{name}” holds no text."))
    } else {
        Ok(read)
    }
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

/// What the New article dialog holds, as typed (or prefilled from a captured page).
#[derive(Debug, Clone, Copy, Default)]
pub struct ArticleFields<'a> {
    /// The title; an empty one is suggested from the text.
    pub title: &'a str,
    /// The source link: empty, or an `http:`/`https:` URL.
    pub source: &'a str,
    /// The publication date, `YYYY-MM-DD`, or empty.
    pub published: &'a str,
    /// Who wrote it, or empty.
    pub byline: &'a str,
    /// The site's name, or empty.
    pub site_name: &'a str,
    /// The article's text.
    pub text: &'a str,
}

/// The checked fields of a new article, or the message to show. An empty title is suggested
/// from the text; a source must be an `http:`/`https:` URL.
pub fn build_article(id: Uuid, fields: &ArticleFields<'_>) -> Result<Article, String> {
    let ArticleFields {
        title,
        source,
        published,
        byline,
        site_name,
        text,
    } = *fields;
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
    let given = |s: &str| Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_owned);
    article.published = given(published);
    article.byline = given(byline);
    article.site_name = given(site_name);
    Ok(article)
}

/// What the New article dialog holds: its fields, the page captured into it (if any), the
/// extraction under way and the message shown. The component only renders it and passes the
/// user's actions on; every rule about what a capture fills in is here.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewArticleForm {
    pub title: String,
    pub source: String,
    pub published: String,
    pub byline: String,
    pub site_name: String,
    pub text: String,
    /// The last page captured into the text, and which of its texts is used.
    pub capture: Option<CaptureChoice>,
    /// What is being extracted ("“page.html”"), while the worker extracts it.
    pub extracting: Option<String>,
    /// The message shown (an error), if any.
    pub error: Option<String>,
    /// Whether a captured page's standfirst is taken from the start: the user's last choice
    /// ([`NewArticleForm::use_standfirst`]), which the shell keeps between visits.
    pub standfirst_first: bool,
}

/// A page captured into the dialog's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaptureChoice {
    /// What the worker found.
    pub page: PageCapture,
    /// Where it came from, for the notice: "“page.html”", "the pasted text", a page's URL.
    pub origin: String,
    /// Whether the whole page's text is used instead of the article's.
    pub whole: bool,
    /// Whether the article begins with the page's standfirst (when it has one apart).
    pub standfirst: bool,
    /// The text before and after the place the page's text went (a paste goes where the caret
    /// was; a file or a page replaces the text).
    pub before: String,
    pub after: String,
}

impl CaptureChoice {
    /// The page's text as chosen: its whole text, or its article, after its standfirst when
    /// that is chosen.
    pub fn chosen(&self) -> std::borrow::Cow<'_, str> {
        match (&self.page.standfirst, self.whole, self.standfirst) {
            (_, true, _) => self.page.whole.as_str().into(),
            (Some(lead), false, true) => format!("{lead}\n{}", self.page.article).into(),
            _ => self.page.article.as_str().into(),
        }
    }
}

/// The message for a page from `origin` with no text at all. A saved file's is most often a
/// page its scripts draw (an app's shell, its article in a script's data): a copy saved as
/// "HTML only" keeps the server's page, not what the browser drew, so the message says how
/// to capture what the browser shows.
fn no_text(origin: &str) -> String {
    if origin.starts_with('“') {
        format!(
            "{origin} holds no text to read. If the page shows its article in the browser, its \
             scripts draw it, and a copy saved as “HTML only” does not keep it: use the Send \
             to Article Annotator bookmarklet on the page, or save it as “Webpage, Single \
             File” or “Webpage, Complete”. Nothing was changed."
        )
    } else {
        format!(
            "{} holds no text. Nothing was changed.",
            capitalized(origin)
        )
    }
}

impl NewArticleForm {
    /// Takes a page the worker extracted from `origin`: its article (or, when none was found,
    /// its whole text) goes between `before` and `after`; its title, canonical URL, published
    /// date, byline and site name fill the fields still empty (what the user typed stays).
    pub fn take_capture(
        &mut self,
        page: PageCapture,
        origin: String,
        before: String,
        after: String,
    ) {
        self.extracting = None;
        if page.whole.trim().is_empty() && page.article.trim().is_empty() {
            self.error = Some(no_text(&origin));
            return;
        }
        self.error = None;
        let fill = |field: &mut String, value: &Option<String>| {
            if field.trim().is_empty() {
                if let Some(v) = value {
                    *field = v.clone();
                }
            }
        };
        fill(&mut self.title, &page.title);
        fill(&mut self.source, &page.url);
        fill(&mut self.published, &page.published);
        fill(&mut self.byline, &page.byline);
        fill(&mut self.site_name, &page.site_name);
        let choice = CaptureChoice {
            page,
            origin,
            whole: false,
            standfirst: self.standfirst_first,
            before,
            after,
        };
        self.text = format!("{}{}{}", choice.before, choice.chosen(), choice.after);
        self.capture = Some(choice);
    }

    /// Puts `text` in the text box, as typed or read from a file. Once the text is no longer
    /// what a captured page put there, the page's choice (its article or its whole text) and
    /// its notice go: choosing again would replace what was typed or loaded since.
    pub fn set_text(&mut self, text: String) {
        if let Some(c) = &self.capture {
            let chosen = c.chosen();
            let same = text.len() == c.before.len() + chosen.len() + c.after.len()
                && text.starts_with(&c.before)
                && text[c.before.len()..].starts_with(chosen.as_ref())
                && text.ends_with(&c.after);
            if !same {
                self.capture = None;
            }
        }
        self.text = text;
    }

    /// Uses the whole page's text (`whole`) or the article's instead, in the text box.
    pub fn use_whole_page(&mut self, whole: bool) {
        if let Some(c) = &mut self.capture {
            c.whole = whole;
            self.text = format!("{}{}{}", c.before, c.chosen(), c.after);
        }
    }

    /// Begins the article's text with the page's standfirst (`with`), or not, in the text box
    /// (the page's standfirst: [`PageCapture::standfirst`]).
    pub fn use_standfirst(&mut self, with: bool) {
        self.standfirst_first = with;
        if let Some(c) = &mut self.capture {
            c.standfirst = with;
            self.text = format!("{}{}{}", c.before, c.chosen(), c.after);
        }
    }

    /// The sentence that says what was taken from the captured page, if any.
    pub fn capture_notice(&self) -> Option<String> {
        let c = self.capture.as_ref()?;
        let words = |n: usize| format!("{n} word{}", if n == 1 { "" } else { "s" });
        // The standfirst's words, when it is taken with the article.
        let lead = match (&c.page.standfirst, c.standfirst) {
            (Some(lead), true) => crate::core::extract::count_words(lead),
            _ => 0,
        };
        Some(if !c.page.found {
            format!(
                "Nothing in {} looks like an article, so its whole text is used ({}).",
                c.origin,
                words(c.page.whole_words)
            )
        } else if c.whole {
            format!(
                "The whole text of {} is used ({}).",
                c.origin,
                words(c.page.whole_words)
            )
        } else if c.page.source == ArticleSource::Scripts {
            format!(
                "{} shows little of its story, so the story its scripts hold to draw it is used \
                 ({}). Check it against the page.",
                capitalized(&c.origin),
                words(c.page.article_words + lead)
            )
        } else if c.page.source == ArticleSource::JsonLd {
            format!(
                "{} shows little of its story, so the story it gives as data for search engines \
                 is used ({}). Check it against the page.",
                capitalized(&c.origin),
                words(c.page.article_words + lead)
            )
        } else {
            format!(
                "Article found in {}: {} of the page's {} are used. Menus, links and other page \
                 parts were left out.",
                c.origin,
                words(c.page.article_words + lead),
                words(c.page.whole_words)
            )
        })
    }

    /// The article the fields make, or the message to show.
    pub fn build(&self, id: Uuid) -> Result<Article, String> {
        build_article(
            id,
            &ArticleFields {
                title: &self.title,
                source: &self.source,
                published: &self.published,
                byline: &self.byline,
                site_name: &self.site_name,
                text: &self.text,
            },
        )
    }
}

/// `s` with its first letter in capitals. The origins it is given are the app's own words
/// ("the pasted text") or a quoted file name (which opens with "“"), so ASCII is enough; and
/// `char::to_uppercase` would put the standard library's 12 KB upper-case table in the page.
pub(crate) fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => std::iter::once(f.to_ascii_uppercase()).chain(c).collect(),
        None => String::new(),
    }
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
    // In tenths, written with integers: formatting an `f64` would bring the float formatter
    // into the page's wasm for this one line.
    let tenths = (value * 10.0).round() as u64;
    if tenths.is_multiple_of(10) {
        format!("{} {}", tenths / 10, UNITS[unit])
    } else {
        format!("{}.{} {}", tenths / 10, tenths % 10, UNITS[unit])
    }
}

/// "Using 1.2 MB of 10 GB": the storage line of the library.
pub fn usage_text(used: f64, quota: f64) -> String {
    format!("Using {} of {}", format_bytes(used), format_bytes(quota))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_file_with_no_text_is_refused_with_its_name() {
        assert_eq!(
            text_file("blank.txt", "\u{feff} \n\t\n"),
            Err("“blank.txt” holds no text.".to_owned())
        );
        assert_eq!(
            text_file("empty.md", ""),
            Err("“empty.md” holds no text.".to_owned())
        );
        assert_eq!(
            text_file("notes.txt", "Title\nBody"),
            Ok(FileText {
                title: Some("Title".to_owned()),
                text: "Body".to_owned()
            })
        );
    }

    #[test]
    fn files_are_read_by_their_extension() {
        assert!(is_html_file("a.HTM") && is_html_file("page.html"));
        assert!(is_html_file("a.mhtml") && is_html_file("a.MHT") && is_html_file("a.webarchive"));
        assert!(!is_html_file("html") && !is_html_file("a.html.txt") && !is_html_file("a.md"));
        let check = |name: &str, content: &str, title: Option<&str>, text: &str| {
            assert_eq!(
                read_file_text(name, content),
                FileText {
                    title: title.map(str::to_owned),
                    text: text.to_owned()
                },
                "{name}"
            );
        };
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
        let fields = |title, source, text| ArticleFields {
            title,
            source,
            text,
            ..ArticleFields::default()
        };
        assert!(build_article(id, &fields("T", "", "  \n ")).is_err());
        let err = build_article(id, &fields("T", "javascript:alert(1)", "text")).unwrap_err();
        assert!(err.starts_with(SOURCE_ERROR_PREFIX), "{err}");
        assert_eq!(source_error("javascript:alert(1)"), Some(err));
        assert_eq!(source_error("  "), None);
        assert_eq!(source_error("https://example.org"), None);
        let a = build_article(
            id,
            &ArticleFields {
                title: "  ",
                source: " https://example.org/a ",
                published: " 2026-11-30 ",
                byline: " Ayşe Öztürk ",
                site_name: " ",
                text: "Çavuşoğlu spoke.\nMore",
            },
        )
        .unwrap();
        assert_eq!(a.title, "Çavuşoğlu spoke.");
        assert_eq!(a.source_url.as_deref(), Some("https://example.org/a"));
        assert_eq!(a.published.as_deref(), Some("2026-11-30"));
        assert_eq!(a.byline.as_deref(), Some("Ayşe Öztürk"));
        assert_eq!(a.site_name, None);
        assert_eq!(a.id, id);
    }

    fn page(found: bool) -> PageCapture {
        PageCapture {
            article: if found {
                "Body".into()
            } else {
                "Menu\nBody".into()
            },
            whole: "Menu\nBody".into(),
            found,
            title: Some("Page title".into()),
            byline: Some("Zoë Ñúñez".into()),
            published: Some("2026-11-27".into()),
            url: Some("https://a.example/story".into()),
            site_name: Some("The Site".into()),
            article_words: if found { 1 } else { 2 },
            whole_words: 2,
            standfirst: None,
            source: ArticleSource::Shown,
        }
    }

    #[test]
    fn the_standfirst_is_offered_and_taken_only_when_chosen() {
        let mut f = NewArticleForm::default();
        let first = PageCapture {
            whole: "Menu\nÇavuşoğlu’s “summary” 🦀\nBody".into(),
            whole_words: 5,
            standfirst: Some("Çavuşoğlu’s “summary” 🦀".into()),
            ..page(true)
        };
        f.take_capture(first, "“p.html”".into(), "Before ".into(), " after".into());
        assert_eq!(f.text, "Before Body after", "not taken until chosen");
        f.use_standfirst(true);
        assert_eq!(f.text, "Before Çavuşoğlu’s “summary” 🦀\nBody after");
        assert_eq!(
            f.capture_notice().unwrap(),
            "Article found in “p.html”: 4 words of the page's 5 words are used. Menus, links \
             and other page parts were left out."
        );
        // The same text keeps the choice; the whole page's text holds it anyway.
        f.set_text(f.text.clone());
        assert!(f.capture.as_ref().is_some_and(|c| c.standfirst));
        f.use_whole_page(true);
        assert_eq!(f.text, "Before Menu\nÇavuşoğlu’s “summary” 🦀\nBody after");
        f.use_whole_page(false);
        assert_eq!(f.text, "Before Çavuşoğlu’s “summary” 🦀\nBody after");
        f.use_standfirst(false);
        assert_eq!(f.text, "Before Body after");
        // Edited text: the choice goes, and choosing again changes nothing.
        f.use_standfirst(true);
        f.set_text("Typed".into());
        assert_eq!(f.capture, None);
        f.use_standfirst(false);
        assert_eq!(f.text, "Typed");
        // The last choice is the next page's: taken from the start once chosen.
        f.use_standfirst(true);
        let next = PageCapture {
            standfirst: Some("Ça va “bien” 🦀".into()),
            ..page(true)
        };
        f.take_capture(
            next.clone(),
            "“q.html”".into(),
            String::new(),
            String::new(),
        );
        assert_eq!(f.text, "Ça va “bien” 🦀\nBody");
        assert!(f.capture.as_ref().is_some_and(|c| c.standfirst));
        // A page without one is its article, whatever the choice.
        f.take_capture(page(true), "“r.html”".into(), String::new(), String::new());
        assert_eq!(f.text, "Body");
    }

    #[test]
    fn a_story_taken_from_the_pages_data_says_so() {
        let mut f = NewArticleForm::default();
        let data = PageCapture {
            article: "Zoë’s “story” 🦀, as data\nSecond paragraph".into(),
            whole: String::new(),
            whole_words: 0,
            article_words: 6,
            source: ArticleSource::JsonLd,
            standfirst: Some("Ça va".into()),
            ..page(true)
        };
        f.take_capture(data, "“p.html”".into(), String::new(), String::new());
        assert_eq!(
            f.error, None,
            "a page that shows nothing but gives its story is read"
        );
        assert_eq!(f.text, "Zoë’s “story” 🦀, as data\nSecond paragraph");
        assert_eq!(
            f.capture_notice().unwrap(),
            "“p.html” shows little of its story, so the story it gives as data for search \
             engines is used (6 words). Check it against the page."
        );
        f.use_standfirst(true);
        assert!(f.capture_notice().unwrap().contains("(8 words)"));
        f.take_capture(
            PageCapture {
                source: ArticleSource::JsonLd,
                ..page(true)
            },
            "the pasted page".into(),
            String::new(),
            String::new(),
        );
        assert!(f
            .capture_notice()
            .unwrap()
            .starts_with("The pasted page shows little of its story"));
        f.take_capture(
            PageCapture {
                source: ArticleSource::Scripts,
                ..page(true)
            },
            "“app.html”".into(),
            String::new(),
            String::new(),
        );
        assert_eq!(
            f.capture_notice().unwrap(),
            "“app.html” shows little of its story, so the story its scripts hold to draw it is \
             used (1 word). Check it against the page."
        );
    }

    #[test]
    fn a_captured_page_fills_the_empty_fields_and_the_text() {
        let mut f = NewArticleForm {
            title: "Typed title".into(),
            extracting: Some("“p.html”".into()),
            error: Some("old".into()),
            ..NewArticleForm::default()
        };
        f.take_capture(page(true), "“p.html”".into(), String::new(), String::new());
        assert_eq!(f.title, "Typed title", "what the user typed stays");
        assert_eq!(f.source, "https://a.example/story");
        assert_eq!(f.published, "2026-11-27");
        assert_eq!(f.byline, "Zoë Ñúñez");
        assert_eq!(f.site_name, "The Site");
        assert_eq!(f.text, "Body");
        assert_eq!((f.extracting.as_ref(), f.error.as_ref()), (None, None));
        assert_eq!(
            f.capture_notice().unwrap(),
            "Article found in “p.html”: 1 word of the page's 2 words are used. Menus, links and \
             other page parts were left out."
        );
        f.use_whole_page(true);
        assert_eq!(f.text, "Menu\nBody");
        assert!(f
            .capture_notice()
            .unwrap()
            .starts_with("The whole text of “p.html” is used"));
        f.use_whole_page(false);
        assert_eq!(f.text, "Body");
        let a = f.build(Uuid::from_bytes([2; 16])).unwrap();
        assert_eq!(a.byline.as_deref(), Some("Zoë Ñúñez"));
        assert_eq!(a.site_name.as_deref(), Some("The Site"));
    }

    #[test]
    fn a_saved_file_is_read_by_its_kind_and_held_to_its_kinds_limit() {
        use crate::core::charset::Decoding;
        let page = saved_page("p.html", b"<p>caf\xE9</p>".to_vec()).unwrap();
        assert_eq!(page.decoding, Decoding::Legacy("windows-1252".into()));
        assert_eq!(
            (page.html.as_slice(), page.location),
            (&b"<p>caf\xE9</p>"[..], None)
        );
        let archive = b"Content-Type: multipart/related; boundary=b\r\nSnapshot-Content-Location: https://a.example/s\r\n\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>In the archive</p>\r\n--b--\r\n";
        // An MHTML archive by its name, or by its first bytes whatever its name.
        for name in ["p.mhtml", "p.html"] {
            let page = saved_page(name, archive.to_vec()).unwrap();
            assert_eq!(page.html, b"<p>In the archive</p>");
            assert_eq!(page.location.as_deref(), Some("https://a.example/s"));
        }
        assert_eq!(
            saved_page("p.webarchive", archive.to_vec()),
            Err("is not a web archive (it is not a binary property list)")
        );
        assert_eq!(
            saved_page("p.mht", b"<p>x</p>".to_vec()),
            Err("is not a web archive (it has no MIME headers)")
        );
        assert_eq!(size_refusal("p.html", 20_000_000.0), None);
        assert_eq!(
            size_refusal("p.html", 20_000_001.0).as_deref(),
            Some("“p.html” is too large to open as an article (the limit is 20 MB).")
        );
        assert_eq!(size_refusal("p.mhtml", 90_000_000.0), None);
        assert_eq!(
            size_refusal("p.webarchive", 100_000_001.0).as_deref(),
            Some("“p.webarchive” is too large to open (the limit for a web archive is 100 MB).")
        );
    }

    #[test]
    fn the_pages_choice_goes_once_the_text_is_edited_or_replaced_so_nothing_typed_is_lost() {
        let mut f = NewArticleForm::default();
        f.take_capture(
            page(true),
            "“p.html”".into(),
            "Before ".into(),
            String::new(),
        );
        f.set_text("Before Body".into());
        assert!(f.capture.is_some(), "the same text keeps the choice");
        f.use_whole_page(true);
        f.set_text("Before Menu\nBody".into());
        assert!(f.capture.is_some());
        // An edit (or a text file read into the box): the choice and its notice go, and
        // choosing cannot replace the edit any more.
        f.set_text("Before Menu\nBody, corrected".into());
        assert_eq!((f.capture.as_ref(), f.capture_notice()), (None, None));
        f.use_whole_page(false);
        assert_eq!(f.text, "Before Menu\nBody, corrected");
    }

    #[test]
    fn a_paste_goes_where_the_caret_was_and_a_page_without_article_is_said_so() {
        let mut f = NewArticleForm::default();
        f.take_capture(
            page(false),
            "the pasted text".into(),
            "Before ".into(),
            " after".into(),
        );
        assert_eq!(f.text, "Before Menu\nBody after");
        assert_eq!(
            f.capture_notice().unwrap(),
            "Nothing in the pasted text looks like an article, so its whole text is used (2 words)."
        );
        let mut empty = NewArticleForm {
            text: "kept".into(),
            ..NewArticleForm::default()
        };
        empty.take_capture(
            PageCapture::default(),
            "“e.html”".into(),
            String::new(),
            String::new(),
        );
        assert_eq!(empty.text, "kept");
        assert_eq!(
            empty.error.as_deref(),
            Some(
                "“e.html” holds no text to read. If the page shows its article in the browser, \
                 its scripts draw it, and a copy saved as “HTML only” does not keep it: use the \
                 Send to Article Annotator bookmarklet on the page, or save it as “Webpage, \
                 Single File” or “Webpage, Complete”. Nothing was changed."
            )
        );
        empty.take_capture(
            PageCapture::default(),
            "the pasted text".into(),
            String::new(),
            String::new(),
        );
        assert_eq!(empty.text, "kept");
        assert_eq!(
            empty.error.as_deref(),
            Some("The pasted text holds no text. Nothing was changed.")
        );
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
