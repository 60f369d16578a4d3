//! Moving work in and out: reading an import file into a preview, applying or re-targeting
//! it, exporting everything (when storage fails), and replacing the open article's text.
//! Every decision (the plan, its lines and messages, which article to open) is the core's.
//!
//! The heavy part of each (reading and anchoring an import, applying it, re-anchoring after a
//! text replacement) runs in the background worker ([`crate::web::worker`]), one job at a
//! time, while [`TransferHandle::job`] says how far it has got; cancelling forgets the job and
//! stops the worker, so the library stays exactly as it was.

use std::cell::RefCell;
use std::rc::Rc;

use uuid::Uuid;
use yew::prelude::*;

use crate::core::formats::{self, ExportFile, ExportFormat, Format, ImportPlan};
use crate::core::jobs::{ImportTarget, Job, JobOutput, PlannedImport, Progress};
use crate::core::library::Library;
use crate::core::model::uuid_from_random;
use crate::core::storage::StoredLibrary;
use crate::web::components::transfer::ExportRequest;
use crate::web::state::{AppAction, AppState, Notice};
use crate::web::worker::{JobEvent, JobRunner};
use crate::web::{dom, files};

/// An import read and planned, waiting for the user to confirm it.
#[derive(Clone, PartialEq)]
pub struct ImportPreview {
    pub file_name: String,
    text: Rc<String>,
    pub format: Format,
    plan: Rc<ImportPlan>,
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

/// A job the worker is running, as the progress indicator shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobView {
    /// The indicator's accessible name, e.g. "Import progress".
    pub label: &'static str,
    /// What is being done, e.g. "Importing “notes.json”".
    pub doing: String,
    /// How far it has got, when the worker has said.
    pub progress: Option<Progress>,
}

/// What the view wires to the header, the banners and the dialogs.
pub struct TransferHandle {
    /// The import waiting for confirmation, if any.
    pub preview: Option<ImportPreview>,
    /// The job running in the worker, if any.
    pub job: Option<JobView>,
    /// Cancels the running job: the library stays as it was.
    pub cancel_job: Callback<()>,
    /// A file was chosen in the Import control.
    pub on_import_file: Callback<Event>,
    /// The user confirmed the previewed import.
    pub apply_import: Callback<()>,
    /// The user attached the previewed W3C annotations to another article.
    pub choose_article: Callback<Uuid>,
    pub cancel_import: Callback<()>,
    /// Downloads the whole library as Annotator JSON (offered when storage fails). This
    /// rescue runs on the page itself, so that it works even when the worker cannot.
    pub export_everything: Callback<MouseEvent>,
    /// Builds an export chosen in the Export dialog in the worker, then downloads or copies it.
    pub export: Callback<ExportRequest>,
    /// Replaces the open article's text with the one given.
    pub replace_text: Callback<String>,
}

/// What the hook's callbacks share: the worker, the preview and the progress shown.
#[derive(Clone)]
struct Ctx {
    state: UseReducerHandle<AppState>,
    runner: JobRunner,
    preview: UseStateHandle<Option<ImportPreview>>,
    job: UseStateHandle<Option<JobView>>,
    /// The library as last rendered: a job's callback sees this, not the state it was made
    /// with, so that it can tell whether the library changed while the job ran.
    latest: Rc<RefCell<Rc<StoredLibrary>>>,
}

/// A job that changes the library, made from the library it is to change.
type MakeJob = Rc<dyn Fn(Library) -> Job>;

/// What to do with such a job's output, given the library it was made from.
type ApplyOutput = Rc<dyn Fn(&Ctx, &StoredLibrary, JobOutput)>;

impl Ctx {
    /// Shows job `id` as `label` and `doing` until it ends.
    fn show(&self, label: &'static str, doing: String) {
        self.job.set(Some(JobView {
            label,
            doing,
            progress: None,
        }));
    }

    /// Runs `job` (reserved as `id`) in the worker, showing its progress as `label` and
    /// `doing`, then hands its output to `done` (a refusal or a failure becomes an error
    /// notice).
    fn run(
        &self,
        id: u64,
        job: Job,
        label: &'static str,
        doing: String,
        done: impl Fn(&Ctx, JobOutput) + 'static,
    ) {
        if !self.runner.is_current(id) {
            return;
        }
        self.show(label, doing.clone());
        let ctx = self.clone();
        self.runner.run(id, job, move |event| match event {
            JobEvent::Progress(p) => ctx.job.set(Some(JobView {
                label,
                doing: doing.clone(),
                progress: Some(p),
            })),
            JobEvent::Done(JobOutput::Failed { message }) => {
                ctx.job.set(None);
                ctx.notify_error(message);
            }
            JobEvent::Done(out) => {
                ctx.job.set(None);
                done(&ctx, out);
            }
            JobEvent::Failed(message) => {
                ctx.job.set(None);
                ctx.notify_error(message);
            }
        });
    }

    fn notify_error(&self, text: String) {
        self.state.dispatch(AppAction::Notify(Notice::error(text)));
    }

    /// Plans importing `text` (from `file_name`) into `library` in the worker, then shows the
    /// preview. Annotations copied because their id belongs to another article's get ids
    /// derived from one random seed; without random numbers from the browser, the import is
    /// refused.
    fn plan_import(
        &self,
        id: u64,
        file_name: String,
        text: Rc<String>,
        library: &StoredLibrary,
        target: ImportTarget,
    ) {
        if !self.runner.is_current(id) {
            return;
        }
        let Some(seed) = dom::try_random_bytes() else {
            self.runner.cancel();
            self.job.set(None);
            return self.notify_error(crate::core::model::no_random_numbers(&format!(
                "Could not import “{file_name}”"
            )));
        };
        let job = Job::Import {
            file_name: file_name.clone(),
            text: text.as_ref().clone(),
            library: Library::from_stored(library),
            target,
            now: dom::now(),
            seed,
        };
        let doing = format!("Reading “{file_name}”");
        self.run(id, job, "Import progress", doing, move |ctx, out| {
            if let JobOutput::Planned(PlannedImport {
                format,
                article,
                lines,
                plan,
            }) = out
            {
                ctx.preview.set(Some(ImportPreview {
                    file_name: file_name.clone(),
                    text: text.clone(),
                    format,
                    plan: Rc::new(plan),
                    article,
                    lines: Rc::new(lines),
                }));
            }
        });
    }

    /// Runs the job `make` builds from the current library and hands its output to `apply`
    /// with that library; if the library changed while the job ran (an edit on this page, a
    /// change from another tab), the job runs again on the new one instead, so that applying
    /// its result never undoes a change.
    fn run_on_latest(&self, label: &'static str, doing: String, make: MakeJob, apply: ApplyOutput) {
        let base = self.latest.borrow().clone();
        let id = self.runner.begin();
        let job = make(Library::from_stored(&base));
        let retry = doing.clone();
        self.run(id, job, label, doing, move |ctx, out| {
            let now = ctx.latest.borrow().clone();
            if Rc::ptr_eq(&now, &base) {
                apply(ctx, &base, out);
            } else {
                ctx.run_on_latest(label, retry.clone(), make.clone(), apply.clone());
            }
        });
    }

    /// Replaces the library with `library`, computed by the worker from `base`.
    fn replace_library(&self, base: &StoredLibrary, library: Library, message: String) {
        self.state.dispatch(AppAction::ReplaceLibrary {
            library: library.to_stored(base, dom::now()),
            message,
        });
    }
}

/// Imports, exports and text replacement.
#[hook]
pub fn use_transfer(state: &UseReducerHandle<AppState>) -> TransferHandle {
    let runner = use_memo((), |_| JobRunner::default());
    let latest = use_mut_ref(|| state.library.clone());
    *latest.borrow_mut() = state.library.clone();
    let ctx = Ctx {
        state: state.clone(),
        runner: (*runner).clone(),
        preview: use_state(|| None::<ImportPreview>),
        job: use_state(|| None::<JobView>),
        latest,
    };
    let cancel_job = {
        let ctx = ctx.clone();
        Callback::from(move |_: ()| {
            ctx.runner.cancel();
            ctx.job.set(None);
        })
    };
    let on_import_file = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let id = ctx.runner.begin();
            ctx.preview.set(None);
            ctx.show("Import progress", format!("Reading “{}”", file.name()));
            wasm_bindgen_futures::spawn_local(read_import(ctx.clone(), id, file));
        })
    };
    let apply_import = {
        let ctx = ctx.clone();
        Callback::from(move |_: ()| {
            let Some(p) = (*ctx.preview).clone() else {
                return;
            };
            ctx.preview.set(None);
            let open = ctx.state.article.id;
            let doing = format!("Importing “{}”", p.file_name);
            let make: MakeJob = Rc::new(move |library| Job::ApplyImport {
                file_name: p.file_name.clone(),
                plan: p.plan.as_ref().clone(),
                format: p.format,
                attached_to: p.article,
                open,
                library,
            });
            let apply: ApplyOutput = Rc::new(|ctx, base, out| {
                if let JobOutput::Imported {
                    library,
                    message,
                    open,
                } = out
                {
                    ctx.replace_library(base, library, message);
                    if let Some(id) = open {
                        crate::web::hooks::startup::mark_opening(id);
                        ctx.state.dispatch(AppAction::Open(id));
                    }
                }
            });
            ctx.run_on_latest("Import progress", doing, make, apply);
        })
    };
    let choose_article = {
        let ctx = ctx.clone();
        Callback::from(move |article: Uuid| {
            let Some(p) = (*ctx.preview).clone() else {
                return;
            };
            let id = ctx.runner.begin();
            ctx.plan_import(
                id,
                p.file_name,
                p.text,
                &ctx.state.library,
                ImportTarget::Chosen(article),
            );
        })
    };
    let cancel_import = {
        let preview = ctx.preview.clone();
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
    let export = {
        let ctx = ctx.clone();
        Callback::from(move |request: ExportRequest| {
            // The export's id needs random bytes: without them the export is refused.
            let Some(bytes) = dom::try_random_bytes() else {
                return ctx.notify_error(crate::core::model::no_random_numbers("Could not export"));
            };
            let ExportRequest {
                format,
                article,
                copy,
            } = request;
            let job = Job::Export {
                library: Library::from_stored(&ctx.state.library),
                format,
                article,
                settings: ctx.state.settings.clone(),
                now: dom::now(),
                id: uuid_from_random(bytes),
            };
            let id = ctx.runner.begin();
            let doing = format!("Exporting {}", format.label());
            ctx.run(id, job, "Export progress", doing, move |ctx, out| {
                let JobOutput::Exported(f) = out else { return };
                let f = ExportFile {
                    name: f.name,
                    mime: format.mime(),
                    content: f.content,
                    summary: f.summary,
                };
                if copy {
                    let state = ctx.state.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let notice = match files::copy_text(&f.content).await {
                            Ok(()) => {
                                Notice::info(format!("Copied to the clipboard. {}", f.summary))
                            }
                            Err(e) => Notice::error(e),
                        };
                        state.dispatch(AppAction::Notify(notice));
                    });
                } else {
                    let notice = match files::download_export(&f) {
                        Ok(text) => Notice::info(text),
                        Err(text) => Notice::error(text),
                    };
                    ctx.state.dispatch(AppAction::Notify(notice));
                }
            });
        })
    };
    let replace_text = {
        let ctx = ctx.clone();
        Callback::from(move |text: String| {
            let article = ctx.state.article.id;
            let make: MakeJob = Rc::new(move |library| Job::ReplaceText {
                library,
                article,
                text: text.clone(),
            });
            let apply: ApplyOutput = Rc::new(|ctx, base, out| {
                if let JobOutput::Replaced { library, message } = out {
                    ctx.replace_library(base, library, message);
                }
            });
            let doing = "Replacing the article's text".to_owned();
            ctx.run_on_latest("Text replacement progress", doing, make, apply);
        })
    };
    TransferHandle {
        preview: (*ctx.preview).clone(),
        job: (*ctx.job).clone(),
        cancel_job,
        on_import_file,
        apply_import,
        choose_article,
        cancel_import,
        export_everything,
        export,
        replace_text,
    }
}

/// Reads the chosen file, then plans its import in the worker (job `id`), or says why it
/// cannot be.
async fn read_import(ctx: Ctx, id: u64, file: web_sys::File) {
    let name = file.name();
    match files::read_text(file, formats::MAX_IMPORT_BYTES).await {
        Ok(text) => {
            let open = Some(ctx.state.article.id);
            let library = ctx.state.library.clone();
            ctx.plan_import(
                id,
                name,
                Rc::new(text),
                &library,
                ImportTarget::Detect { open },
            );
        }
        Err(e) => {
            if ctx.runner.is_current(id) {
                ctx.runner.cancel();
                ctx.job.set(None);
                ctx.notify_error(format!("{e} Nothing was changed."));
            }
        }
    }
}
