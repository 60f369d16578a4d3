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
    /// The preview's lines, as the core words them for the library the plan was made for
    /// (they name the articles whose text would be replaced, and dropped source links).
    lines: Rc<Vec<String>>,
}

impl ImportPreview {
    /// The preview's lines, as the core words them.
    pub fn lines(&self) -> Vec<String> {
        self.lines.as_ref().clone()
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
                message: p.plan.summary().applied_message(&p.file_name),
            });
            if let Some(id) = p
                .plan
                .article_to_open(p.format, p.article, state.article.id)
            {
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
            let Some(bytes) = dom::try_random_bytes() else {
                state.dispatch(AppAction::Notify(Notice::error(
                    crate::core::model::no_random_numbers("Could not export"),
                )));
                return;
            };
            let f = formats::export_file(
                &Library::from_stored(&state.library),
                ExportFormat::Native,
                None,
                &state.settings,
                dom::now(),
                uuid_from_random(bytes),
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
            let lib = Library::from_stored(&state.library);
            match formats::replace_article_text(&lib, state.article.id, &text) {
                Ok((next, report)) => state.dispatch(AppAction::ReplaceLibrary {
                    library: next.to_stored(&state.library, dom::now()),
                    message: report.message(),
                }),
                Err(e) => state.dispatch(AppAction::Notify(Notice::error(e.to_string()))),
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
            let lib = Library::from_stored(&state.library);
            let target = formats::import_target(&text, &lib, Some(state.article.id));
            plan_import(&name, Rc::new(text), &state, target)
        }
        Err(e) => Err(format!("{e} Nothing was changed.")),
    };
    match planned {
        Ok(p) => preview.set(Some(p)),
        Err(text) => state.dispatch(AppAction::Notify(Notice::error(text))),
    }
}

/// Plans importing `text` into the library; W3C annotations go to `article`. Annotations
/// copied because their id belongs to another article's get ids derived from one random
/// seed; without random numbers from the browser, the import is refused.
fn plan_import(
    file_name: &str,
    text: Rc<String>,
    state: &AppState,
    article: Option<Uuid>,
) -> Result<ImportPreview, String> {
    let Some(seed) = dom::try_random_bytes() else {
        return Err(crate::core::model::no_random_numbers(&format!(
            "Could not import “{file_name}”"
        )));
    };
    let lib = Library::from_stored(&state.library);
    let imported = formats::import(
        &text,
        &lib,
        article,
        dom::now(),
        &mut formats::fresh_ids(seed),
    )
    .map_err(|e| e.refusal(file_name))?;
    let lines = imported.preview_lines(&lib);
    Ok(ImportPreview {
        file_name: file_name.to_owned(),
        text,
        format: imported.format,
        plan: Rc::new(imported.plan),
        article,
        lines: Rc::new(lines),
    })
}
