//! Export: a dialog to pick a format and a scope, then download the file or copy it.

use std::rc::Rc;

use uuid::Uuid;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::web::components::kit::button;
use crate::web::hooks::effect::use_effect_on;

use crate::core::formats::{claimreview, ExportFormat};
use crate::core::library::ExportSettings;
use crate::core::model::HttpUrl;
use crate::core::storage;

use super::modal::Modal;

/// An export the user asked for in the dialog, for the app to build (in the worker).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportRequest {
    /// The format chosen.
    pub format: ExportFormat,
    /// One article, or the whole library (`None`).
    pub article: Option<Uuid>,
    /// Copy to the clipboard instead of downloading.
    pub copy: bool,
}

#[derive(Properties, PartialEq)]
pub struct ExportChooserProps {
    pub library: Rc<storage::StoredLibrary>,
    /// The open article, offered as the default scope.
    pub article: Option<Uuid>,
    pub settings: ExportSettings,
    /// Open the Settings dialog (organisation, review URL).
    pub on_settings: Callback<()>,
    /// Close the dialog and select claim `.1` in article `.0`, to fix what a ClaimReview
    /// lacks.
    pub on_fix: Callback<(Uuid, Uuid)>,
    pub on_close: Callback<()>,
    /// Builds the export (the app: in the background worker, so that no export writer is in
    /// the page's code), then downloads or copies it and says so.
    pub on_export: Callback<ExportRequest>,
}

/// The export dialog (`role="dialog"`, named "Export"): a format and a scope, then Download or
/// Copy to clipboard, which close it and hand the request to `on_export`.
#[function_component(ExportChooser)]
pub fn export_chooser(props: &ExportChooserProps) -> Html {
    let format = use_state(|| ExportFormat::Native);
    let whole = use_state(|| props.article.is_none());
    // The export the dialog's choices describe, for `on_export`.
    let request = {
        let (on_export, close, article, format, whole) = (
            props.on_export.clone(),
            props.on_close.clone(),
            props.article,
            *format,
            *whole,
        );
        move |copy: bool| {
            let on_export = on_export.clone();
            let close = close.clone();
            Callback::from(move |_: ()| {
                on_export.emit(ExportRequest {
                    format,
                    article: if whole { None } else { article },
                    copy,
                });
                close.emit(());
            })
        }
    };
    let on_download = request(false);
    let on_copy = request(true);
    let on_format = {
        let format = format.clone();
        Callback::from(move |e: Event| {
            if let Some(f) = e
                .target_dyn_into::<HtmlSelectElement>()
                .and_then(|s| ExportFormat::from_id(&s.value()))
            {
                format.set(f);
            }
        })
    };
    let scope_radio = |value: bool, label: String, disabled: bool| {
        let whole = whole.clone();
        html! {
            <label class="check">
                <input type="radio" name="export-scope" checked={*whole == value} {disabled}
                       onchange={Callback::from(move |_| whole.set(value))} />
                { label }
            </label>
        }
    };
    let title = props
        .article
        .and_then(|id| props.library.articles.get(&id))
        .map(|a| a.article.title.clone());
    html! {
        <Modal labelled_by="export-title" on_close={props.on_close.clone()}>
            <h2 id="export-title">{ "Export" }</h2>
            <fieldset>
                <legend>{ "What" }</legend>
                { scope_radio(false, format!("This article{}", title.map(|t| format!(": {t}")).unwrap_or_default()), props.article.is_none()) }
                { scope_radio(true, "The whole library".to_owned(), false) }
            </fieldset>
            <label for="export-format">{ "Format" }</label>
            <select id="export-format" onchange={on_format}>
                { for ExportFormat::ALL.iter().map(|f| html! {
                    <option value={f.id()} selected={*format == *f}>{ f.label() }</option>
                }) }
            </select>
            if *format == ExportFormat::ClaimReview {
                { claimreview_findings(props, if *whole { None } else { props.article }) }
            }
            <div class="dialog-actions">
                { button("Download", "primary", false, &on_download) }
                { button("Copy to clipboard", "", false, &on_copy) }
                { button("Cancel", "", false, &props.on_close) }
            </div>
        </Modal>
    }
}

/// Before a ClaimReview export: per claim, what the markup still lacks or breaks
/// ([`claimreview::check_annotations`]), each with a **Fix** button that selects the claim, and
/// a **Settings** button for what the settings lack. Download and Copy export anyway.
fn claimreview_findings(props: &ExportChooserProps, article: Option<Uuid>) -> Html {
    let lib = &props.library;
    let only = article.map(|a| [a]);
    let found = claimreview::check_annotations(
        lib.annotations.values().map(|a| &**a),
        |aid| {
            lib.articles
                .get(&aid)
                .and_then(|s| s.article.source_url.as_deref())
                .is_some_and(|u| HttpUrl::parse(u).is_ok())
        },
        only.as_ref().map(|o| &o[..]),
        &props.settings,
    );
    let org = if props.settings.organisation.is_empty() {
        "no organisation".to_owned()
    } else {
        props.settings.organisation.clone()
    };
    let url = props
        .settings
        .review_url_base
        .as_ref()
        .map_or("no review URL".to_owned(), |u| u.as_str().to_owned());
    html! {
        <section class="findings" aria-labelledby="findings-title">
            <p class="hint">
                { format!("Published as {org}, at {url}. ") }
                { button("Settings", "link-button", false, &props.on_settings) }
            </p>
            if found.is_empty() {
                <p id="findings-title" role="status">{ "Every claim has what ClaimReview needs." }</p>
            } else {
                <h3 id="findings-title">{ format!("Before you export: {} claim(s) to look at", found.len()) }</h3>
                <ul class="findings-list" aria-label="What the ClaimReview markup lacks">
                    { for found.iter().take(200).map(|f| {
                        let (fix, ids) = (props.on_fix.clone(), (f.article_id, f.id));
                        html! {
                            <li key={f.id.to_string()}>
                                <q>{ f.excerpt.clone() }</q>
                                <ul>
                                    { for f.findings.iter().map(|x| html! {
                                        <li class={classes!("finding", x.severity().name())}>{ x.message() }</li>
                                    }) }
                                </ul>
                                <button type="button" aria-label={format!("Fix “{}”", f.excerpt)}
                                        onclick={Callback::from(move |_| fix.emit(ids))}>{ "Fix" }</button>
                            </li>
                        }
                    }) }
                </ul>
                <p class="hint">{ "Download or Copy exports anyway." }</p>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct ImportDialogProps {
    /// The file's name.
    pub file_name: String,
    /// "Annotator JSON" or "W3C Web Annotation".
    pub format: String,
    /// What will change, one sentence a line.
    pub lines: Vec<String>,
    /// For W3C files: the articles to attach to, and the chosen one.
    #[prop_or_default]
    pub articles: Vec<(Uuid, String)>,
    #[prop_or_default]
    pub chosen: Option<Uuid>,
    #[prop_or_default]
    pub on_choose: Callback<Uuid>,
    pub on_apply: Callback<()>,
    pub on_cancel: Callback<()>,
}

/// The import preview: says what will be added or updated before anything changes.
pub fn import_dialog(props: &ImportDialogProps) -> Html {
    let on_choose = {
        let cb = props.on_choose.clone();
        Callback::from(move |e: Event| {
            if let Some(id) = e
                .target_dyn_into::<HtmlSelectElement>()
                .and_then(|s| Uuid::parse_str(&s.value()).ok())
            {
                cb.emit(id);
            }
        })
    };
    html! {
        <Modal labelled_by="import-title" on_close={props.on_cancel.clone()}>
            <h2 id="import-title">{ "Import preview" }</h2>
            <p>{ format!("“{}” ({})", props.file_name, props.format) }</p>
            if !props.articles.is_empty() {
                <label for="import-article">{ "Attach to article" }</label>
                <select id="import-article" onchange={on_choose}>
                    { for props.articles.iter().map(|(id, title)| html! {
                        <option value={id.to_string()} selected={props.chosen == Some(*id)}>{ title.clone() }</option>
                    }) }
                </select>
            }
            <ul class="preview" aria-label="What will change">
                { for props.lines.iter().map(|l| html! { <li>{ l.clone() }</li> }) }
            </ul>
            <div class="dialog-actions">
                { button("Import", "primary", false, &props.on_apply) }
                { button("Cancel", "", false, &props.on_cancel) }
            </div>
        </Modal>
    }
}

/// [`import_dialog`] as a component, for the tests that mount it alone. The page calls
/// [`import_dialog`]: a component type costs the page its own copy of Yew's lifecycle code (issue
/// 11).
#[function_component(ImportDialog)]
pub fn import_dialog_component(props: &ImportDialogProps) -> Html {
    import_dialog(props)
}

#[derive(Properties, PartialEq)]
pub struct ReplaceTextDialogProps {
    /// The article's current text, to start from.
    pub current: AttrValue,
    pub on_replace: Callback<String>,
    pub on_cancel: Callback<()>,
}

/// Gives the Replace text dialog's field, drawn with `field`, the article's current text
/// (`current`: `Some` while the dialog is shown) once, when the dialog opens.
///
/// The field is not bound to it: Yew sets a bound field's value again on every render of its
/// component, and the dialog renders again whenever the page does (suggestions arriving, a
/// sync, a notice), which would put the old text back over what the user pasted.
#[hook]
pub fn use_replace_field(field: &NodeRef, current: Option<AttrValue>) {
    let field = field.clone();
    use_effect_on(current.is_some(), move |_| {
        if let (Some(current), Some(t)) = (current, field.cast::<web_sys::HtmlTextAreaElement>()) {
            t.set_value(&current);
        }
    });
}

/// Replacing an article's text with a corrected or updated version; its field is drawn with
/// `field`, which [`use_replace_field`] fills. A function the root calls, not a component: a
/// component type costs the page its own copy of Yew's lifecycle code (issue 11).
pub fn replace_text_dialog(props: &ReplaceTextDialogProps, field: &NodeRef) -> Html {
    let on_replace = {
        let (cb, text_ref) = (props.on_replace.clone(), field.clone());
        Callback::from(move |_: ()| {
            if let Some(t) = text_ref.cast::<web_sys::HtmlTextAreaElement>() {
                cb.emit(t.value());
            }
        })
    };
    html! {
        <Modal key="replace-text" labelled_by="replace-title" on_close={props.on_cancel.clone()}>
            <h2 id="replace-title">{ "Replace the article's text" }</h2>
            <p class="hint">{ "Paste the corrected or updated article. Annotations move with their text; those whose text changed are flagged for review, and those whose text is gone are kept as orphans." }</p>
            <label for="replace-text">{ "New text" }</label>
            <textarea id="replace-text" ref={field.clone()} rows="14" data-autofocus="" />
            <div class="dialog-actions">
                { button("Replace", "primary", false, &on_replace) }
                { button("Cancel", "", false, &props.on_cancel) }
            </div>
        </Modal>
    }
}

/// [`replace_text_dialog`] as a component, for the tests that mount it alone.
#[function_component(ReplaceTextDialog)]
pub fn replace_text_dialog_component(props: &ReplaceTextDialogProps) -> Html {
    let field = use_node_ref();
    use_replace_field(&field, Some(props.current.clone()));
    replace_text_dialog(props, &field)
}

#[derive(Properties, PartialEq)]
pub struct JobProgressProps {
    /// The indicator's accessible name, e.g. "Import progress".
    pub label: AttrValue,
    /// What is being done, e.g. "Reading “notes.json”".
    pub doing: AttrValue,
    /// Items done and items in all, once the worker has said.
    #[prop_or_default]
    pub progress: Option<(usize, usize)>,
    /// The result is being written to the database: nothing can be cancelled any more.
    #[prop_or_default]
    pub saving: bool,
    pub on_cancel: Callback<()>,
}

/// Long work running in the background worker: what it is, a progress bar (indeterminate
/// until the worker reports counts) and a **Cancel** button. It is no dialog: the rest of the
/// page stays usable while the work runs.
pub fn job_progress(props: &JobProgressProps) -> Html {
    let count = match props.progress {
        _ if props.saving => ": saving…".to_owned(),
        Some((done, total)) => format!(": {done} of {total} annotations"),
        None => "…".to_owned(),
    };
    let (max, value) = match props.progress {
        Some((done, total)) if total > 0 => (Some(total.to_string()), Some(done.to_string())),
        _ => (None, None),
    };
    html! {
        <div class="job-progress">
            <p class="job-progress-text">{ format!("{}{count}", props.doing) }</p>
            <progress aria-label={props.label.clone()} {max} {value}></progress>
            if !props.saving {
                { button("Cancel", "", false, &props.on_cancel) }
            }
        </div>
    }
}

/// [`job_progress`] as a component, for the tests that mount it alone. The page calls
/// [`job_progress`]: a component type costs the page its own copy of Yew's lifecycle code (issue
/// 11).
#[function_component(JobProgress)]
pub fn job_progress_component(props: &JobProgressProps) -> Html {
    job_progress(props)
}
