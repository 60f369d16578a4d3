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

use crate::core::intake::{
    build_article, read_file_text, source_error, suggested_title, SOURCE_ERROR_PREFIX,
};
use crate::core::model::uuid_from_random;
use crate::core::offsets::splice_utf16;
use crate::core::text::Article;
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
        Callback::from(move |_: FocusEvent| match source_error(&source) {
            Some(message) => error.set(Some(message)),
            None => {
                if error
                    .as_deref()
                    .is_some_and(|m| m.starts_with(SOURCE_ERROR_PREFIX))
                {
                    error.set(None);
                }
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
                if let Some(t) = suggested_title(&extracted) {
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
                        let read = read_file_text(&name, &content, html_to_text);
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
            let Some(bytes) = crate::web::dom::try_random_bytes() else {
                error.set(Some(crate::core::model::no_random_numbers(
                    "Could not create the article",
                )));
                return;
            };
            match build_article(uuid_from_random(bytes), &title, &source, &published, &text) {
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
