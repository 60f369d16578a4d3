//! Moving work in and out: reading an import file into a preview, applying or re-targeting
//! it, exporting everything (when storage fails), and replacing the open article's text.
//! Every decision (the plan, its lines and messages, which article to open) is the core's.

use std::rc::Rc;

use uuid::Uuid;
use yew::prelude::*;

use crate::core::formats::{self, ExportFormat, Format, ImportPlan};
use crate::core::library::Library;
use crate::core::model::uuid_from_random;
use crate::web::state::{AppAction, AppState, Notice};
use crate::web::{dom, files};

/// An import read and planned, waiting for the user to confirm it.
#[derive(Clone, PartialEq)]
pub struct ImportPreview {
    pub file_name: String,
    text: Rc<String>,
    pub format: Format,
    pub plan: Rc<ImportPlan>,
    /// For W3C files, the article the annotations are attached to.
    pub article: Option<Uuid>,
}

impl ImportPreview {
    /// The preview's lines, as the core words them.
    pub fn lines(&self) -> Vec<String> {
        preview_lines(&self.plan)
    }

    /// The format's name as the preview shows it.
    pub fn format_label(&self) -> &'static str {
        match self.format {
            Format::Native => "Annotator JSON",
            Format::W3c => "W3C Web Annotation",
        }
    }

    /// Whether the user picks the article the annotations go to (W3C files).
    pub fn attaches_to_article(&self) -> bool {
        self.format == Format::W3c
    }
}

/// What the view wires to the header, the banners and the dialogs.
pub struct TransferHandle {
    /// The import waiting for confirmation, if any.
    pub preview: Option<ImportPreview>,
    /// A file was chosen in the Import control.
    pub on_import_file: Callback<Event>,
    /// The user confirmed the previewed import.
    pub apply_import: Callback<()>,
    /// The user attached the previewed W3C annotations to another article.
    pub choose_article: Callback<Uuid>,
    pub cancel_import: Callback<()>,
    /// Downloads the whole library as Annotator JSON (offered when storage fails).
    pub export_everything: Callback<MouseEvent>,
    /// Replaces the open article's text with the one given.
    pub replace_text: Callback<String>,
}

/// Imports, exports and text replacement.
#[hook]
pub fn use_transfer(state: &UseReducerHandle<AppState>) -> TransferHandle {
    let preview = use_state(|| None::<ImportPreview>);
    let on_import_file = {
        let (state, preview) = (state.clone(), preview.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            wasm_bindgen_futures::spawn_local(read_import(state.clone(), preview.clone(), file));
        })
    };
    let apply_import = {
        let (state, preview) = (state.clone(), preview.clone());
        Callback::from(move |_: ()| {
            let Some(p) = (*preview).clone() else { return };
            preview.set(None);
            let next = p
                .plan
                .apply(&Library::from_stored(&state.library))
                .to_stored(&state.library, dom::now());
            state.dispatch(AppAction::ReplaceLibrary {
                library: next,
                message: applied_message(&p),
            });
            if let Some(id) = article_to_open(&p, state.article.id) {
                state.dispatch(AppAction::Open(id));
            }
        })
    };
    let choose_article = {
        let (state, preview) = (state.clone(), preview.clone());
        Callback::from(move |id: Uuid| {
            let Some(p) = (*preview).clone() else { return };
            match plan_import(&p.file_name, p.text.clone(), &state, Some(id)) {
                Ok(p) => preview.set(Some(p)),
                Err(text) => state.dispatch(AppAction::Notify(Notice::error(text))),
            }
        })
    };
    let cancel_import = {
        let preview = preview.clone();
        Callback::from(move |_: ()| preview.set(None))
    };
    let export_everything = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let f = formats::export_file(
                &Library::from_stored(&state.library),
                ExportFormat::Native,
                None,
                &state.settings,
                dom::now(),
                uuid_from_random(dom::random_bytes()),
            );
            let notice = match files::download_export(&f) {
                Ok(text) => Notice::info(text),
                Err(text) => Notice::error(text),
            };
            state.dispatch(AppAction::Notify(notice));
        })
    };
    let replace_text = {
        let state = state.clone();
        Callback::from(move |text: String| {
            if text.trim().is_empty() {
                state.dispatch(AppAction::Notify(Notice::error(
                    "The new text is empty; nothing was changed.",
                )));
                return;
            }
            let lib = Library::from_stored(&state.library);
            if let Some((next, report)) = formats::replace_text(&lib, state.article.id, &text) {
                state.dispatch(AppAction::ReplaceLibrary {
                    library: next.to_stored(&state.library, dom::now()),
                    message: replace_message(&report),
                });
            }
        })
    };
    TransferHandle {
        preview: (*preview).clone(),
        on_import_file,
        apply_import,
        choose_article,
        cancel_import,
        export_everything,
        replace_text,
    }
}

/// Reads the chosen file and plans its import as a preview, or says why it cannot be.
async fn read_import(
    state: UseReducerHandle<AppState>,
    preview: UseStateHandle<Option<ImportPreview>>,
    file: web_sys::File,
) {
    let name = file.name();
    let planned = match files::read_text(file, formats::MAX_IMPORT_BYTES).await {
        Ok(text) => {
            let target = import_target(&text, &state);
            plan_import(&name, Rc::new(text), &state, target)
        }
        Err(e) => Err(format!("{e} Nothing was changed.")),
    };
    match planned {
        Ok(p) => preview.set(Some(p)),
        Err(text) => state.dispatch(AppAction::Notify(Notice::error(text))),
    }
}

/// Plans importing `text` into the library; W3C annotations go to `article`.
fn plan_import(
    file_name: &str,
    text: Rc<String>,
    state: &AppState,
    article: Option<Uuid>,
) -> Result<ImportPreview, String> {
    let lib = Library::from_stored(&state.library);
    let (format, plan) = formats::import(&text, &lib, article, dom::now())
        .map_err(|e| format!("“{file_name}” was not imported: {e} Nothing was changed."))?;
    Ok(ImportPreview {
        file_name: file_name.to_owned(),
        text,
        format,
        plan: Rc::new(plan),
        article,
    })
}

// The wording and choices below move to the core (`core::formats`).

fn import_target(text: &str, state: &AppState) -> Option<Uuid> {
    let lib = Library::from_stored(&state.library);
    formats::w3c_target_article(text, &lib).or_else(|| {
        state
            .library
            .articles
            .contains_key(&state.article.id)
            .then_some(state.article.id)
    })
}

fn preview_lines(plan: &ImportPlan) -> Vec<String> {
    let s = plan.summary();
    let mut lines = vec![
        format!(
            "{} new article(s), {} article(s) replaced.",
            s.articles_added, s.articles_updated
        ),
        format!(
            "{} annotation(s) added, {} updated, {} already here and kept.",
            s.annotations_added, s.annotations_updated, s.annotations_kept
        ),
    ];
    if s.annotations_unanchored > 0 {
        lines.push(format!(
            "{} annotation(s) could not be matched exactly to the text: they are flagged for review or kept as orphans.",
            s.annotations_unanchored
        ));
    }
    lines
}

fn applied_message(p: &ImportPreview) -> String {
    let s = p.plan.summary();
    format!(
        "Imported “{}”: {} annotation(s) added, {} updated.",
        p.file_name, s.annotations_added, s.annotations_updated
    )
}

fn article_to_open(p: &ImportPreview, open: Uuid) -> Option<Uuid> {
    if p.format == Format::W3c {
        return p.article;
    }
    let (_, first) = p.plan.articles.first()?;
    (!p.plan.articles.iter().any(|(_, x)| x.id == open)).then_some(first.id)
}

fn replace_message(r: &formats::ReplaceReport) -> String {
    format!(
        "Text replaced: {} annotation(s) still on their text, {} flagged for review, {} kept as orphans.",
        r.anchored, r.needs_review, r.orphaned
    )
}
