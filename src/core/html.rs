//! Turning pasted rich text, `.html` files and `.md` files into the plain text of a new article.
//!
//! A parser reads the HTML (the clipboard's `text/html`, or a saved page) and reports what it
//! reads as [`HtmlEvent`]s (an element starts, an element ends, text) in document order; a
//! [`TextBuilder`] takes them and keeps only the text a reader sees. In the app the parser is
//! `html5ever`, in the worker, walked by [`crate::core::extract`] (which also picks the
//! article); natively, `html_to_text` feeds the builder from the `html5gum` tokenizer (tests,
//! fuzzing). The builder's rules:
//!
//! - the content of `script`, `style`, `template`, `noscript`, `iframe`, `object`, `svg`,
//!   `math`, form controls, media elements and the document `head` is dropped, and so are
//!   comments, CDATA sections, doctypes, images and every tag and attribute (a link keeps only
//!   its text, whatever its `href`);
//! - character references are decoded (`&amp;`, `&#8220;`, `&#x1F600;`, …); `&nbsp;` becomes
//!   U+00A0 and stays one, since the canonical text keeps it;
//! - block elements (`p`, `div`, `h1`–`h6`, `li`, `tr`, table cells, `blockquote`, …) and `br`
//!   end the line; runs of ASCII white space inside a line collapse to one space, as a browser
//!   shows them, except inside `pre`, where line breaks are kept;
//! - each line is trimmed of white space at both ends (U+00A0 included there, since an
//!   invisible edge is no part of a sentence), empty lines are dropped, and the lines are
//!   joined with `\n`: one [`Block`](crate::core::text::Block) per line.
//!
//! The result holds nothing that can run: it is text, to be shown as text.
//!
//! **The native reader**: `html5gum` implements the WHATWG tokenizer (so `<!-- <script> -->`,
//! unclosed tags, `</script >` and character references are read as a browser reads them), has
//! no dependencies, no `unsafe` and no recursion on nesting depth. A tokenizer alone does not
//! know that `<script>` switches to script data, so `html_to_text` turns on `html5gum`'s
//! switching by tag name. It builds only for native targets: the app does not carry it.
//!
//! [`markdown_to_text`] keeps Markdown as it is except that it removes the `#` markers in front
//! of ATX headings (`## Title` becomes `Title`); emphasis, links and lists are left as written.

/// The longest suggested title, in characters.
pub const MAX_TITLE_CHARS: usize = 120;

/// The longest headline a web page's metadata may give (its `og:title`, JSON-LD `headline`,
/// the title Readability finds), in characters: longer than [`MAX_TITLE_CHARS`], which cuts
/// a title guessed from a document's first line or heading, because a page's own headline is
/// its title however long it is. Italian, Spanish and British news sites write headlines of
/// 150–200 characters (a headline with its standfirst); cut to 120 they lost their end.
pub const MAX_HEADLINE_CHARS: usize = 300;

/// The text of a document and the title it suggests.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Extracted {
    /// A suggested title: the HTML `<title>`, else the first `<h1>`, else none (for HTML); the
    /// first heading, else the first line (for Markdown). At most [`MAX_TITLE_CHARS`].
    pub title: Option<String>,
    /// The canonical text, one block per line.
    pub text: String,
}

/// Elements whose whole content is dropped.
const DROPPED: &[&str] = &[
    "script",
    "style",
    "template",
    "noscript",
    "iframe",
    "object",
    "svg",
    "math",
    "noembed",
    "noframes",
    "xmp",
    "plaintext",
    "textarea",
    "select",
    "button",
    "canvas",
    "audio",
    "video",
    "picture",
    "map",
    "head",
    "title",
];

/// Elements that end a line where they start and where they end.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "option",
];

/// Whether an element named `name` (lower case) ends a line where it starts and where it ends.
pub fn is_block(name: &str) -> bool {
    BLOCKS.contains(&name)
}

/// Elements that may appear in `head`; any other start tag ends an unclosed `head`.
const HEAD_CONTENT: &[&str] = &[
    "title", "meta", "link", "style", "script", "base", "noscript", "template",
];

/// One step of reading an HTML document in document order: what a tokenizer (natively) or a
/// walk over the browser's parsed DOM (in the app) reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HtmlEvent<'a> {
    /// An element starts; `name` is its lower-case local name.
    Start { name: &'a str, self_closing: bool },
    /// An element ends.
    End { name: &'a str },
    /// Text, with character references already decoded.
    Text(&'a str),
}

/// Builds the visible text and a suggested title from [`HtmlEvent`]s (see the module
/// documentation). The same rules apply whichever parser produced the events.
#[derive(Debug, Default)]
pub struct TextBuilder {
    out: Lines,
    /// Names of the dropped elements now open, innermost last.
    dropped: Vec<&'static str>,
    pre_depth: usize,
    title: Option<String>,
    in_title: bool,
    h1: Option<String>,
    h1_depth: usize,
}

impl TextBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Takes the next event.
    pub fn event(&mut self, event: HtmlEvent<'_>) {
        match event {
            HtmlEvent::Start { name, self_closing } => {
                if self.dropped.last() == Some(&"head") && !HEAD_CONTENT.contains(&name) {
                    // `</head>` may be left out: the body's first element closes it.
                    self.dropped.pop();
                }
                if name == "title"
                    && self.dropped.iter().all(|d| *d == "head")
                    && self.title.is_none()
                {
                    self.in_title = true;
                    self.title = Some(String::new());
                    return;
                }
                if let Some(d) = DROPPED.iter().find(|d| **d == name) {
                    if !(self_closing && matches!(name, "svg" | "math")) {
                        self.dropped.push(*d);
                    }
                    return;
                }
                if !self.dropped.is_empty() {
                    return;
                }
                if BLOCKS.contains(&name) {
                    self.out.end_line();
                }
                match name {
                    "pre" | "listing" => self.pre_depth += 1,
                    "h1" if self.h1.is_none() || self.h1_depth > 0 => {
                        self.h1_depth += 1;
                        self.h1.get_or_insert_with(String::new);
                    }
                    _ => {}
                }
            }
            HtmlEvent::End { name } => {
                if self.in_title {
                    if name == "title" {
                        self.in_title = false;
                    }
                    return;
                }
                if let Some(pos) = self.dropped.iter().rposition(|d| *d == name) {
                    self.dropped.truncate(pos);
                    return;
                }
                if !self.dropped.is_empty() {
                    return;
                }
                if BLOCKS.contains(&name) {
                    self.out.end_line();
                }
                match name {
                    "pre" | "listing" => self.pre_depth = self.pre_depth.saturating_sub(1),
                    "h1" if self.h1_depth > 0 => {
                        self.h1_depth -= 1;
                        if let Some(h) = &mut self.h1 {
                            h.push(' ');
                        }
                    }
                    _ => {}
                }
            }
            HtmlEvent::Text(s) => {
                if self.dropped.last() == Some(&"head")
                    && s.chars().any(|c| !c.is_ascii_whitespace())
                {
                    // Text cannot be in `head`: like a browser, take it as the body's start.
                    self.dropped.pop();
                }
                if self.in_title {
                    if let Some(t) = &mut self.title {
                        t.push_str(s);
                    }
                } else if self.dropped.is_empty() {
                    self.out.push_text(s, self.pre_depth > 0);
                    if self.h1_depth > 0 {
                        if let Some(h) = &mut self.h1 {
                            h.push_str(s);
                        }
                    }
                }
            }
        }
    }

    /// The text and the suggested title: the `<title>`, else the first `<h1>`.
    pub fn finish(self) -> Extracted {
        let title = self
            .title
            .and_then(|t| clean_title(&t))
            .or_else(|| self.h1.and_then(|h| clean_title(&h)));
        Extracted {
            title,
            text: self.out.finish(),
        }
    }
}

/// Reads HTML with the `html5gum` tokenizer and returns its visible text and a suggested title
/// (see the module documentation). Never panics, whatever the input. The app itself parses
/// with the browser's own `DOMParser` (`crate::web::html`) and feeds the same
/// [`TextBuilder`]; this reader serves native builds and tests.
#[cfg(not(target_arch = "wasm32"))]
pub fn html_to_text(html: &str) -> Extracted {
    use html5gum::{DefaultEmitter, Token, Tokenizer};
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut b = TextBuilder::new();
    for result in Tokenizer::new_with_emitter(html, emitter) {
        let token = match result {
            Ok(token) => token,
            Err(never) => match never {},
        };
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name);
                b.event(HtmlEvent::Start {
                    name: name.as_ref(),
                    self_closing: tag.self_closing,
                });
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name);
                b.event(HtmlEvent::End {
                    name: name.as_ref(),
                });
            }
            Token::String(s) => {
                let s = String::from_utf8_lossy(&s.value);
                b.event(HtmlEvent::Text(s.as_ref()));
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    b.finish()
}

/// The first non-empty line of `text`, trimmed and cut to at most [`MAX_TITLE_CHARS`]
/// characters (ending in "…" when cut), or `None` when every line is empty.
pub fn suggest_title_from_text(text: &str) -> Option<String> {
    text.lines()
        .map(|l| l.trim())
        .find(|l| !l.is_empty())
        .map(cap_title)
}

/// Reads a Markdown file: line endings are normalised, `#` markers before headings are
/// removed, and nothing else changes. The title is the first heading, else the first line.
pub fn markdown_to_text(md: &str) -> Extracted {
    let canonical = crate::core::text::canonicalize(md);
    let mut first_heading = None;
    let lines: Vec<&str> = canonical
        .split('\n')
        .map(|line| match strip_heading(line) {
            Some(h) => {
                if first_heading.is_none() && !h.is_empty() {
                    first_heading = Some(cap_title(h));
                }
                h
            }
            None => line,
        })
        .collect();
    let text = lines.join("\n");
    let title = first_heading.or_else(|| suggest_title_from_text(&text));
    Extracted { title, text }
}

/// The heading text of an ATX heading line (`# x` to `###### x`, up to three spaces before),
/// without its opening and closing `#` markers; `None` for any other line.
fn strip_heading(line: &str) -> Option<&str> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = line.trim_start_matches(' ');
    let hashes = rest.len() - rest.trim_start_matches('#').len();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let after = rest.get(hashes..)?;
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let body = after.trim();
    // A closing sequence of `#`s counts only after a space (`# C#` keeps its `#`).
    let without_closing = body.trim_end_matches('#');
    if without_closing.is_empty() {
        return Some("");
    }
    if without_closing.ends_with([' ', '\t']) {
        Some(without_closing.trim_end())
    } else {
        Some(body)
    }
}

/// Collapses white space in a title and cuts it to [`MAX_TITLE_CHARS`]; `None` when empty.
fn clean_title(raw: &str) -> Option<String> {
    let collapsed = raw
        .split(|c: char| c.is_whitespace() && c != '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let trimmed = collapsed.trim();
    (!trimmed.is_empty()).then(|| cap_title(trimmed))
}

/// Cuts `s` to at most [`MAX_TITLE_CHARS`] characters, ending in "…" when cut.
pub(crate) fn cap_title(s: &str) -> String {
    cap_chars(s, MAX_TITLE_CHARS)
}

/// Cuts a web page's headline to at most [`MAX_HEADLINE_CHARS`] characters, ending in "…"
/// when cut.
pub(crate) fn cap_headline(s: &str) -> String {
    cap_chars(s, MAX_HEADLINE_CHARS)
}

/// Cuts `s` to at most `max` characters, ending in "…" when cut.
fn cap_chars(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut cut: String = s.chars().take(max - 1).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// The text being built: finished lines and the current one.
#[derive(Debug, Default)]
struct Lines {
    done: Vec<String>,
    line: String,
    pending_space: bool,
}

impl Lines {
    /// Adds text; in `pre`, line breaks end lines and spaces are kept, elsewhere runs of
    /// ASCII white space become one space. Control characters are dropped.
    fn push_text(&mut self, s: &str, pre: bool) {
        for c in s.chars() {
            if pre {
                match c {
                    '\n' => self.end_line(),
                    '\t' => self.line.push(c),
                    c if c.is_control() => {}
                    c => self.line.push(c),
                }
            } else if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c') {
                self.pending_space = true;
            } else if !c.is_control() {
                if self.pending_space && !self.line.is_empty() {
                    self.line.push(' ');
                }
                self.pending_space = false;
                self.line.push(c);
            }
        }
    }

    /// Ends the current line; an empty one is dropped.
    fn end_line(&mut self) {
        let trimmed = self.line.trim();
        if !trimmed.is_empty() {
            self.done.push(trimmed.to_owned());
        }
        self.line.clear();
        self.pending_space = false;
    }

    /// The lines joined with `\n`.
    fn finish(mut self) -> String {
        self.end_line();
        self.done.join("\n")
    }
}

#[cfg(test)]
mod tests;
