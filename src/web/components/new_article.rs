//! The "New article" dialog: a title, an optional source link, publication date, byline and
//! site, and the article's text, typed, pasted or read from a file.
//!
//! A web page (an `.html` file, rich text pasted, a page the bookmarklet hands over) goes to
//! the extractor worker, which finds its article ([`crate::core::extract`]); the dialog then
//! shows the article's text in the text box, says what was left out, offers the whole page's
//! text instead, and fills the empty fields from the page's metadata. The form's rules are the
//! core's ([`NewArticleForm`]); this component reads the clipboard, hands files to the worker
//! (a text file too: it decodes and reads it) and renders. Text is only ever set as a field's
//! value, never as markup.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::web::components::kit::button;
use crate::web::hooks::effect::use_effect_on;
use crate::web::persist::local_storage;

use crate::core::handoff::HandedPage;
use crate::core::intake::{
    is_html_file, size_refusal, source_error, NewArticleForm, SOURCE_ERROR_PREFIX,
};
use crate::core::jobs::{Job, JobOutput};
use crate::core::model::uuid_from_random;
use crate::core::text::Article;
use crate::web::worker::{JobEvent, JobRunner, EXTRACTOR_SCRIPT};

use super::modal::Modal;

/// The dialog's properties.
#[derive(Properties, PartialEq)]
pub struct NewArticleDialogProps {
    /// Called with the new article when "Create" is pressed and the fields are valid.
    pub on_create: Callback<Article>,
    /// Called when "Cancel" or Escape is pressed.
    pub on_cancel: Callback<()>,
    /// A page to capture as soon as the dialog opens (the bookmarklet's).
    #[prop_or_default]
    pub handed: Option<Rc<HandedPage>>,
}

/// The `localStorage` key of the user's last choice of **Begin with the standfirst** ("1" or
/// "0"): a preference of this browser, not part of the library.
const STANDFIRST_KEY: &str = "article-annotator.standfirst-first";

/// Whether the user last chose to begin with a page's standfirst (no choice, or a storage
/// that cannot be read: no).
fn standfirst_first() -> bool {
    local_storage()
        .and_then(|s| s.get_item(STANDFIRST_KEY).ok().flatten())
        .is_some_and(|v| v == "1")
}

/// Keeps the choice for the next page (a storage that refuses it only means it is not kept).
fn remember_standfirst_first(with: bool) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(STANDFIRST_KEY, if with { "1" } else { "0" });
    }
}

/// What the user (or the worker) does to the form.
enum FormAction {
    Field(Field, String),
    Extracting(String),
    Extracted {
        page: crate::core::extract::PageCapture,
        origin: String,
        before: String,
        after: String,
    },
    UseWholePage(bool),
    UseStandfirst(bool),
    Error(Option<String>),
    StopExtracting,
}

#[derive(Clone, Copy)]
enum Field {
    Title,
    Source,
    Published,
    Byline,
    Site,
    Text,
}

#[derive(Default, PartialEq)]
struct FormState(NewArticleForm);

impl Reducible for FormState {
    type Action = FormAction;

    fn reduce(self: Rc<Self>, action: FormAction) -> Rc<Self> {
        let mut f = self.0.clone();
        match action {
            FormAction::Field(field, value) => match field {
                Field::Title => f.title = value,
                Field::Source => f.source = value,
                Field::Published => f.published = value,
                Field::Byline => f.byline = value,
                Field::Site => f.site_name = value,
                // A captured page's choice goes once the text is edited (`set_text`).
                Field::Text => f.set_text(value),
            },
            FormAction::Extracting(what) => {
                f.extracting = Some(what);
                f.error = None;
            }
            FormAction::Extracted {
                page,
                origin,
                before,
                after,
            } => f.take_capture(page, origin, before, after),
            FormAction::UseWholePage(whole) => f.use_whole_page(whole),
            FormAction::UseStandfirst(with) => f.use_standfirst(with),
            FormAction::Error(message) => {
                f.extracting = None;
                f.error = message;
            }
            FormAction::StopExtracting => f.extracting = None,
        }
        Rc::new(FormState(f))
    }
}

/// Sends `html` (or, with `file`, the file's HTML, read by the worker) to the worker to find
/// its article; the result goes into the form between `before` and `after`.
fn extract(
    runner: &JobRunner,
    form: &UseReducerDispatcher<FormState>,
    source: (String, String, Option<String>, Option<web_sys::File>),
    around: (String, String),
) {
    let (origin, html, url, file) = source;
    let (before, after) = around;
    let id = runner.begin();
    form.dispatch(FormAction::Extracting(origin.clone()));
    let form = form.clone();
    let job = Job::Extract {
        file_name: origin.clone(),
        html,
        url,
    };
    runner.run_with_file(id, job, file, move |event| match event {
        JobEvent::Done(JobOutput::Extracted(page)) => form.dispatch(FormAction::Extracted {
            page,
            origin: origin.clone(),
            before: before.clone(),
            after: after.clone(),
        }),
        JobEvent::Done(JobOutput::Failed(message)) | JobEvent::Failed(message) => {
            form.dispatch(FormAction::Error(Some(message)))
        }
        JobEvent::Done(_) => form.dispatch(FormAction::Error(Some(
            "The page could not be read. Nothing was changed.".to_owned(),
        ))),
        _ => {}
    });
}

/// The dialog, `role="dialog"`, `aria-modal="true"`, labelled "New article".
#[function_component(NewArticleDialog)]
pub fn new_article_dialog(props: &NewArticleDialogProps) -> Html {
    let form = use_reducer_eq(|| {
        FormState(NewArticleForm {
            standfirst_first: standfirst_first(),
            ..NewArticleForm::default()
        })
    });
    // Its own worker, the extractor: closing the dialog terminates it and an extraction
    // under way.
    let runner = use_memo((), |_| JobRunner::for_script(EXTRACTOR_SCRIPT));

    {
        let (runner, dispatcher) = (runner.clone(), form.dispatcher());
        use_effect_on(props.handed.clone(), move |handed| {
            // The worker loads while the user finds the page to open or paste.
            runner.prestart();
            if let Some(page) = handed {
                extract(
                    &runner,
                    &dispatcher,
                    (
                        page.url.clone(),
                        page.html.clone(),
                        Some(page.url.clone()),
                        None,
                    ),
                    (String::new(), String::new()),
                );
            }
        });
    }

    let set = |field: Field| {
        let dispatcher = form.dispatcher();
        Callback::from(move |e: InputEvent| {
            let value = if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                i.value()
            } else if let Some(t) = e.target_dyn_into::<HtmlTextAreaElement>() {
                t.value()
            } else {
                return;
            };
            dispatcher.dispatch(FormAction::Field(field, value));
        })
    };

    let on_source_blur = {
        let form = form.clone();
        Callback::from(move |_: FocusEvent| match source_error(&form.0.source) {
            Some(message) => form.dispatch(FormAction::Error(Some(message))),
            None => {
                if form
                    .0
                    .error
                    .as_deref()
                    .is_some_and(|m| m.starts_with(SOURCE_ERROR_PREFIX))
                {
                    form.dispatch(FormAction::Error(None));
                }
            }
        })
    };

    let on_paste = {
        let (runner, dispatcher) = ((*runner).clone(), form.dispatcher());
        Callback::from(move |e: Event| {
            use wasm_bindgen::JsCast;
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
            // The page's text goes where the caret is (the browser counts UTF-16 units).
            let current = area.value();
            let start = area.selection_start().ok().flatten().unwrap_or(0);
            let end = area.selection_end().ok().flatten().unwrap_or(start);
            let (before, after) = crate::core::offsets::split_utf16(&current, start, end);
            extract(
                &runner,
                &dispatcher,
                ("the pasted text".to_owned(), html, None, None),
                (before, after),
            );
        })
    };

    let on_file = {
        let (runner, form) = ((*runner).clone(), form.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            // So that choosing the same file again reads it again.
            input.set_value("");
            let name = file.name();
            if let Some(refusal) = size_refusal(&name, file.size()) {
                form.dispatch(FormAction::Error(Some(refusal)));
                return;
            }
            if is_html_file(&name) {
                // The worker reads the file itself: a page of many megabytes never passes
                // through this thread.
                extract(
                    &runner,
                    &form.dispatcher(),
                    (format!("“{name}”"), String::new(), None, Some(file)),
                    (String::new(), String::new()),
                );
                return;
            }
            // A text file too: the worker decodes it (a file that is not UTF-8 is read in
            // the encoding its bytes show, by a detector the page does not carry) and reads it.
            let dispatcher = form.dispatcher();
            dispatcher.dispatch(FormAction::Extracting(format!("“{name}”")));
            let job = Job::ReadText { file_name: name };
            runner.run_with_file(runner.begin(), job, Some(file), move |event| match event {
                JobEvent::Done(JobOutput::TextRead(read)) => {
                    dispatcher.dispatch(FormAction::StopExtracting);
                    if let Some(t) = read.title {
                        dispatcher.dispatch(FormAction::Field(Field::Title, t));
                    }
                    dispatcher.dispatch(FormAction::Field(Field::Text, read.text));
                }
                JobEvent::Done(JobOutput::Failed(message)) | JobEvent::Failed(message) => {
                    dispatcher.dispatch(FormAction::Error(Some(message)))
                }
                JobEvent::Done(_) => dispatcher.dispatch(FormAction::Error(Some(
                    "The file could not be read. Nothing was changed.".to_owned(),
                ))),
                _ => {}
            });
        })
    };

    let on_stop = {
        let (runner, dispatcher) = ((*runner).clone(), form.dispatcher());
        Callback::from(move |_: ()| {
            runner.cancel();
            dispatcher.dispatch(FormAction::StopExtracting);
        })
    };

    let on_submit = {
        let form = form.clone();
        let on_create = props.on_create.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if form.0.extracting.is_some() {
                return;
            }
            let Some(bytes) = crate::web::dom::try_random_bytes() else {
                form.dispatch(FormAction::Error(Some(
                    crate::core::model::no_random_numbers("Could not create the article"),
                )));
                return;
            };
            match form.0.build(uuid_from_random(bytes)) {
                Ok(article) => {
                    form.dispatch(FormAction::Error(None));
                    on_create.emit(article);
                }
                Err(message) => form.dispatch(FormAction::Error(Some(message))),
            }
        })
    };
    let choose = |whole: bool| {
        let dispatcher = form.dispatcher();
        Callback::from(move |_: Event| dispatcher.dispatch(FormAction::UseWholePage(whole)))
    };
    let on_standfirst = {
        let dispatcher = form.dispatcher();
        Callback::from(move |e: Event| {
            let with = e.target_unchecked_into::<HtmlInputElement>().checked();
            remember_standfirst_first(with);
            dispatcher.dispatch(FormAction::UseStandfirst(with))
        })
    };

    let f = &form.0;
    html! {
        <Modal labelled_by="new-article-heading" class="new-article"
               on_close={props.on_cancel.clone()}>
            <h2 id="new-article-heading">{ "New article" }</h2>
            <form onsubmit={on_submit} novalidate=true>
                <label for="new-article-title">{ "Title" }</label>
                <input id="new-article-title" data-autofocus="" type="text"
                    value={f.title.clone()} oninput={set(Field::Title)} />

                <label for="new-article-source">{ "Source URL" }</label>
                <input id="new-article-source" type="url" inputmode="url"
                    aria-describedby="new-article-source-hint"
                    value={f.source.clone()} oninput={set(Field::Source)} onblur={on_source_blur} />
                <p id="new-article-source-hint" class="hint">
                    { "Optional. An http:// or https:// link." }
                </p>

                <div class="field-row">
                    <div>
                        <label for="new-article-published">{ "Published" }</label>
                        <input id="new-article-published" type="date"
                            value={f.published.clone()} oninput={set(Field::Published)} />
                    </div>
                    <div>
                        <label for="new-article-byline">{ "Byline" }</label>
                        <input id="new-article-byline" type="text"
                            value={f.byline.clone()} oninput={set(Field::Byline)} />
                    </div>
                    <div>
                        <label for="new-article-site">{ "Site" }</label>
                        <input id="new-article-site" type="text"
                            value={f.site_name.clone()} oninput={set(Field::Site)} />
                    </div>
                </div>
                <p class="hint">{ "Published, byline and site are optional." }</p>

                <label for="new-article-text">{ "Article text" }</label>
                <textarea id="new-article-text" rows="12" aria-describedby="new-article-capture"
                    value={f.text.clone()} oninput={set(Field::Text)} onpaste={on_paste}
                    readonly={f.extracting.is_some()} />

                if let Some(what) = &f.extracting {
                    <div class="extract-progress">
                        <p role="status">{ format!("Reading {what}…") }</p>
                        <progress aria-label="Extraction progress"></progress>
                        { button("Stop reading", "", false, &on_stop) }
                    </div>
                }
                <div id="new-article-capture">
                    if let (Some(c), Some(notice)) = (&f.capture, f.capture_notice()) {
                        <p class="capture-notice" role="status">{ notice }</p>
                        if c.page.found {
                            <fieldset class="capture-choice">
                                <legend>{ "Text to use" }</legend>
                                <label>
                                    <input type="radio" name="capture-choice" checked={!c.whole}
                                        onchange={choose(false)} />
                                    { "Extracted article" }
                                </label>
                                <label>
                                    <input type="radio" name="capture-choice" checked={c.whole}
                                        onchange={choose(true)} />
                                    { "Whole page text" }
                                </label>
                            </fieldset>
                            // The story's summary set apart above it: offered, not taken (a
                            // standfirst is the page's, not always the story's text).
                            if let (Some(lead), false) = (&c.page.standfirst, c.whole) {
                                <div class="standfirst-choice">
                                    <label>
                                        <input type="checkbox" checked={c.standfirst}
                                            aria-describedby="new-article-standfirst"
                                            onchange={on_standfirst} />
                                        { "Begin with the standfirst" }
                                    </label>
                                    <p id="new-article-standfirst" class="hint">{ lead.clone() }</p>
                                </div>
                            }
                        }
                    }
                </div>

                <label for="new-article-file">{ "Open file" }</label>
                <input id="new-article-file" type="file" accept=".txt,.md,.html,.htm,.mhtml,.mht,.webarchive"
                    onchange={on_file} />

                if let Some(message) = f.error.clone() {
                    <p class="error" role="alert">{ message }</p>
                }

                <div class="dialog-actions">
                    <button type="submit" class="primary" disabled={f.extracting.is_some()}>{ "Create" }</button>
                    { button("Cancel", "", false, &props.on_cancel) }
                </div>
            </form>
        </Modal>
    }
}
