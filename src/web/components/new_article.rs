//! The "New article" dialog: a title, an optional source link and publication date, and the
//! article's text, typed, pasted (rich text becomes plain text) or read from a file.
//!
//! All conversion is the core's ([`crate::core::html`]); this component reads the clipboard and
//! files and fills its fields. Text is only ever set as a field's value, never as markup.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::core::html::{markdown_to_text, suggest_title_from_text};
use crate::core::model::{uuid_from_random, HttpUrl};
use crate::core::offsets::{cp_len, cp_to_byte, cp_to_utf16, utf16_to_cp};
use crate::core::text::{canonicalize, split_title, Article};
use crate::web::html::html_to_text;

use super::modal::Modal;

/// The largest file the dialog reads, in bytes.
pub const MAX_FILE_BYTES: u64 = 20_000_000;

/// The dialog's properties.
#[derive(Properties, PartialEq)]
pub struct NewArticleDialogProps {
    /// Called with the new article when "Create" is pressed and the fields are valid.
    pub on_create: Callback<Article>,
    /// Called when "Cancel" or Escape is pressed.
    pub on_cancel: Callback<()>,
}

/// What a file held, read according to its name's extension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileText {
    /// A suggested title, if the file offers one.
    pub title: Option<String>,
    /// The article text.
    pub text: String,
}

/// Reads a file's content by its name's extension: `.html`/`.htm` as HTML, `.md` as Markdown,
/// anything else as plain text whose first line is the title.
pub fn read_file_text(name: &str, content: &str) -> FileText {
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    let extension = name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => {
            let e = html_to_text(content);
            let title = e.title.or_else(|| suggest_title_from_text(&e.text));
            FileText {
                title,
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

/// Replaces the UTF-16 range `start..end` of `text` (as a text field reports its selection)
/// with `insert`; returns the new text and the UTF-16 offset just after the insertion.
pub fn splice_utf16(text: &str, start: u32, end: u32, insert: &str) -> (String, u32) {
    let (a, b) = (start.min(end) as usize, start.max(end) as usize);
    let start_byte = cp_to_byte(text, utf16_to_cp(text, a));
    let end_byte = cp_to_byte(text, utf16_to_cp(text, b)).max(start_byte);
    let mut out = String::with_capacity(text.len() + insert.len());
    out.push_str(text.get(..start_byte).unwrap_or(text));
    out.push_str(insert);
    out.push_str(text.get(end_byte..).unwrap_or(""));
    let caret_cp = cp_len(text.get(..start_byte).unwrap_or(text)) + cp_len(insert);
    let caret = cp_to_utf16(&out, caret_cp) as u32;
    (out, caret)
}

/// The checked fields of a new article, or the message to show.
pub fn build_article(
    id: uuid::Uuid,
    title: &str,
    source: &str,
    published: &str,
    text: &str,
) -> Result<Article, String> {
    if text.trim().is_empty() {
        return Err("The article has no text. Type, paste or open the article's text.".into());
    }
    let source_url = if source.trim().is_empty() {
        None
    } else {
        Some(
            HttpUrl::parse(source)
                .map_err(|e| format!("Source URL: {e}"))?
                .as_str()
                .to_owned(),
        )
    };
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

/// The dialog, `role="dialog"`, `aria-modal="true"`, labelled "New article".
#[function_component(NewArticleDialog)]
pub fn new_article_dialog(props: &NewArticleDialogProps) -> Html {
    let title = use_state(String::new);
    let source = use_state(String::new);
    let published = use_state(String::new);
    let text = use_state(String::new);
    let error = use_state(|| None::<String>);
    let reading = use_state(|| false);
    // Keeps a file read going: dropping the reader cancels it.
    let reader: Rc<RefCell<Option<FileReader>>> = use_mut_ref(|| None);

    let set_from = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                state.set(i.value());
            } else if let Some(t) = e.target_dyn_into::<HtmlTextAreaElement>() {
                state.set(t.value());
            }
        })
    };
    let on_title = set_from(&title);
    let on_source = set_from(&source);
    let on_published = set_from(&published);
    let on_text = set_from(&text);

    let on_source_blur = {
        let (source, error) = (source.clone(), error.clone());
        Callback::from(move |_: FocusEvent| {
            if source.trim().is_empty() {
                return;
            }
            match HttpUrl::parse(&source) {
                Ok(_) => {
                    if error
                        .as_deref()
                        .is_some_and(|m| m.starts_with("Source URL"))
                    {
                        error.set(None);
                    }
                }
                Err(e) => error.set(Some(format!("Source URL: {e}"))),
            }
        })
    };

    let on_paste = {
        let (title, text, error) = (title.clone(), text.clone(), error.clone());
        Callback::from(move |e: Event| {
            let Some(clip) = e.dyn_ref::<web_sys::ClipboardEvent>() else {
                return;
            };
            let Some(html) = clip
                .clipboard_data()
                .and_then(|d| d.get_data("text/html").ok())
                .filter(|h| !h.trim().is_empty())
            else {
                // Plain text pastes as the browser does it.
                return;
            };
            let Some(area) = e.target_dyn_into::<HtmlTextAreaElement>() else {
                return;
            };
            e.prevent_default();
            let extracted = html_to_text(&html);
            let current = area.value();
            let start = area.selection_start().ok().flatten().unwrap_or(0);
            let end = area.selection_end().ok().flatten().unwrap_or(start);
            let (next, caret) = splice_utf16(&current, start, end, &extracted.text);
            area.set_value(&next);
            let _ = area.set_selection_range(caret, caret);
            text.set(next);
            error.set(None);
            if title.trim().is_empty() {
                if let Some(t) = extracted
                    .title
                    .or_else(|| suggest_title_from_text(&extracted.text))
                {
                    title.set(t);
                }
            }
        })
    };

    let on_file = {
        let (title, text, error, reading) =
            (title.clone(), text.clone(), error.clone(), reading.clone());
        let reader = reader.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            let file = gloo::file::File::from(file);
            if file.size() > MAX_FILE_BYTES {
                error.set(Some(format!(
                    "“{}” is too large to open as an article (the limit is 20 MB).",
                    file.name()
                )));
                return;
            }
            let name = file.name();
            let (title, text, error, reading_done) =
                (title.clone(), text.clone(), error.clone(), reading.clone());
            reading.set(true);
            let task = gloo::file::callbacks::read_as_bytes(&file, move |result| {
                reading_done.set(false);
                match result {
                    Ok(bytes) => {
                        let content = String::from_utf8_lossy(&bytes);
                        let read = read_file_text(&name, &content);
                        if read.text.trim().is_empty() {
                            error.set(Some(format!("“{name}” holds no text.")));
                            return;
                        }
                        if title.trim().is_empty() {
                            if let Some(t) = read.title {
                                title.set(t);
                            }
                        }
                        text.set(read.text);
                        error.set(None);
                    }
                    Err(e) => error.set(Some(format!("“{name}” could not be read: {e}."))),
                }
            });
            *reader.borrow_mut() = Some(task);
            // So that choosing the same file again reads it again.
            input.set_value("");
        })
    };

    let create = {
        let (title, source, published, text, error) = (
            title.clone(),
            source.clone(),
            published.clone(),
            text.clone(),
            error.clone(),
        );
        let on_create = props.on_create.clone();
        move || {
            let id = uuid_from_random(crate::web::dom::random_bytes());
            match build_article(id, &title, &source, &published, &text) {
                Ok(article) => {
                    error.set(None);
                    on_create.emit(article);
                }
                Err(message) => error.set(Some(message)),
            }
        }
    };
    let on_submit = Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        create();
    });
    let on_cancel = {
        let cb = props.on_cancel.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };

    html! {
        <Modal labelled_by="new-article-heading" class="new-article"
               on_close={props.on_cancel.clone()}>
            <h2 id="new-article-heading">{ "New article" }</h2>
            <form onsubmit={on_submit} novalidate=true>
                <label for="new-article-title">{ "Title" }</label>
                <input id="new-article-title" data-autofocus="" type="text"
                    value={(*title).clone()} oninput={on_title} />

                <label for="new-article-source">{ "Source URL" }</label>
                <input id="new-article-source" type="url" inputmode="url"
                    aria-describedby="new-article-source-hint"
                    value={(*source).clone()} oninput={on_source} onblur={on_source_blur} />
                <p id="new-article-source-hint" class="hint">
                    { "Optional. An http:// or https:// link." }
                </p>

                <label for="new-article-published">{ "Published" }</label>
                <input id="new-article-published" type="date"
                    aria-describedby="new-article-published-hint"
                    value={(*published).clone()} oninput={on_published} />
                <p id="new-article-published-hint" class="hint">{ "Optional." }</p>

                <label for="new-article-text">{ "Article text" }</label>
                <textarea id="new-article-text" rows="12"
                    value={(*text).clone()} oninput={on_text} onpaste={on_paste} />

                <label for="new-article-file">{ "Open file" }</label>
                <input id="new-article-file" type="file" accept=".txt,.md,.html,.htm"
                    onchange={on_file} />
                if *reading {
                    <p class="hint" role="status">{ "Reading the file…" }</p>
                }

                if let Some(message) = (*error).clone() {
                    <p class="error" role="alert">{ message }</p>
                }

                <div class="dialog-actions">
                    <button type="submit" class="primary">{ "Create" }</button>
                    <button type="button" onclick={on_cancel}>{ "Cancel" }</button>
                </div>
            </form>
        </Modal>
    }
}
