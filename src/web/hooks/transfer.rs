//! Moving work in and out: reading an import file into a preview, applying or re-targeting
//! it, exporting everything (when storage fails), and replacing the open article's text.
//! Every decision (the plan, its lines and messages, which article to open) is the core's.
//!
//! The heavy part of each (reading and anchoring an import, applying it, re-anchoring after a
//! text replacement) runs in the background worker ([`crate::web::worker`]), one job at a
//! time, while [`TransferHandle::job`] says how far it has got; cancelling forgets the job and
//! stops the worker, so the library stays exactly as it was.
//!
//! An import never passes through the page's main thread whole: the worker reads the chosen
//! file itself, keeps the plan its preview shows (the page gets the preview's lines), writes
//! the applied import to IndexedDB in one transaction, and then hands the page the records
//! it wrote in batches of at most 1,000 records or 1 MiB, each applied (and passed on to other
//! tabs) in a task of its own, so that no task of the page grows with the file.

use std::cell::RefCell;
use std::rc::Rc;

use uuid::Uuid;
use yew::prelude::*;

use crate::web::hooks::effect::use_effect_on;

use crate::core::formats::{self, ExportFile, ExportFormat, Format};
use crate::core::jobs::{
    Applied, ImportTarget, Job, JobOutput, PlanSource, PlannedImport, Progress, Replaced, Source,
    StoredBase,
};
use crate::core::library::Library;
use crate::core::model::{uuid_from_random, Timestamp};
use crate::core::storage::{decode_sync_batch, StoredLibrary};
use crate::web::components::transfer::ExportRequest;
use crate::web::persist::Persister;
use crate::web::state::{AppAction, AppState, Notice, StorageStatus};
use crate::web::worker::{JobEvent, JobRunner};
use crate::web::{dom, files};

/// An import read and planned (by the worker, which keeps the plan), waiting for the user to
/// confirm it.
#[derive(Clone, PartialEq)]
pub struct ImportPreview {
    pub file_name: String,
    /// The chosen file: the worker reads it, the page never does.
    file: web_sys::File,
    /// The preview's job, whose plan the worker keeps, and its inputs (to plan again in a
    /// worker started since).
    job: u64,
    target: ImportTarget,
    now: Timestamp,
    seed: [u8; 16],
    pub format: Format,
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
    /// The worker is writing the result to the database: it can no longer be cancelled.
    pub saving: bool,
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
    persister: Rc<Persister>,
    runner: JobRunner,
    preview: UseStateHandle<Option<ImportPreview>>,
    job: UseStateHandle<Option<JobView>>,
    /// The library as last rendered: a job's callback sees this, not the state it was made
    /// with, so that it can tell whether the library changed while the job ran.
    latest: Rc<RefCell<Rc<StoredLibrary>>>,
}

/// A job that changes the library, made from the library it is to change.
type MakeJob = Rc<dyn Fn(&StoredLibrary) -> Job>;

/// What to do with such a job's output, given the library it was made from.
type ApplyOutput = Rc<dyn Fn(&Ctx, &StoredLibrary, JobOutput)>;

/// What [`Ctx::run_boxed`] calls with each batch of records the worker wrote.
type Written = Box<dyn Fn(&Ctx, String)>;

/// What [`Ctx::run_boxed`] calls with a job's output.
type Done = Box<dyn Fn(&Ctx, JobOutput)>;

impl Ctx {
    /// Shows job `id` as `label` and `doing` until it ends.
    fn show(&self, label: &'static str, doing: String) {
        self.job.set(Some(JobView {
            label,
            doing,
            progress: None,
            saving: false,
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
        self.run_with_file(id, job, None, label, doing, |_, _| {}, done);
    }

    /// [`Ctx::run`] with a file for the worker to read, and `written` called with each batch
    /// of records the worker wrote to the database.
    #[allow(clippy::too_many_arguments)]
    fn run_with_file(
        &self,
        id: u64,
        job: Job,
        file: Option<web_sys::File>,
        label: &'static str,
        doing: String,
        written: impl Fn(&Ctx, String) + 'static,
        done: impl Fn(&Ctx, JobOutput) + 'static,
    ) {
        self.run_boxed(
            id,
            job,
            file,
            label,
            doing,
            Box::new(written),
            Box::new(done),
        );
    }

    /// [`Ctx::run_with_file`] compiled once, whatever its callers' closures (the page's size,
    /// issue 11).
    #[allow(clippy::too_many_arguments)]
    fn run_boxed(
        &self,
        id: u64,
        job: Job,
        file: Option<web_sys::File>,
        label: &'static str,
        doing: String,
        written: Written,
        done: Done,
    ) {
        if !self.runner.is_current(id) {
            return;
        }
        self.show(label, doing.clone());
        let ctx = self.clone();
        let progress: Rc<RefCell<Option<Progress>>> = Rc::default();
        self.runner
            .run_with_file(id, job, file, move |event| match event {
                JobEvent::Progress(p) => {
                    *progress.borrow_mut() = Some(p);
                    ctx.job.set(Some(JobView {
                        label,
                        doing: doing.clone(),
                        progress: Some(p),
                        saving: false,
                    }))
                }
                JobEvent::Saving => ctx.job.set(Some(JobView {
                    label,
                    doing: doing.clone(),
                    progress: *progress.borrow(),
                    saving: true,
                })),
                JobEvent::Written(text) => written(&ctx, text),
                JobEvent::Done(JobOutput::Failed(message)) => {
                    ctx.job.set(None);
                    // Highlights of records written before a failure are still drawn.
                    ctx.state.dispatch(AppAction::RenderDeferred);
                    ctx.notify_error(message);
                }
                JobEvent::Done(out) => {
                    ctx.job.set(None);
                    done(&ctx, out);
                }
                JobEvent::Failed(message) => {
                    ctx.job.set(None);
                    ctx.state.dispatch(AppAction::RenderDeferred);
                    ctx.notify_error(message);
                }
            });
    }

    /// Whether the worker may read the library from the database itself: storage works and
    /// every change this page holds is written (none queued, none being written). Otherwise
    /// the job carries the library (see [`Source`]).
    fn stored_is_current(&self) -> bool {
        matches!(self.state.storage, StorageStatus::Available) && self.persister.idle()
    }

    /// The library for a job: left to the worker when the database holds it, else the copy
    /// `sent` makes.
    fn library_source<T>(&self, sent: impl FnOnce() -> T) -> Source<T> {
        if self.stored_is_current() {
            Source::Stored
        } else {
            Source::Sent(sent())
        }
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
        file: web_sys::File,
        library: &StoredLibrary,
        target: ImportTarget,
    ) {
        let file_name = file.name();
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
        let now = dom::now();
        // The worker reads the file: the job's text is left empty.
        let job = Job::Import {
            file_name: file_name.clone(),
            text: String::new(),
            library: self.library_source(|| Library::from_stored(library)),
            target,
            now,
            seed,
        };
        let doing = format!("Reading “{file_name}”");
        let chosen = file.clone();
        self.run_with_file(
            id,
            job,
            Some(file),
            "Import progress",
            doing,
            |_, _| {},
            move |ctx, out| {
                if let JobOutput::Planned(PlannedImport {
                    format,
                    article,
                    lines,
                    ..
                }) = out
                {
                    ctx.preview.set(Some(ImportPreview {
                        file_name: file_name.clone(),
                        file: chosen.clone(),
                        job: id,
                        target,
                        now,
                        seed,
                        format,
                        article,
                        lines: Rc::new(lines),
                    }));
                }
            },
        );
    }

    /// Applies the previewed import `p` in the worker, which writes it to the database and
    /// then hands over the records it wrote, batch by batch, each applied here in a task of
    /// its own and passed on to other tabs as it is.
    fn apply_import(&self, p: ImportPreview) {
        let base = self.latest.borrow().clone();
        let id = self.runner.begin();
        let base_source = self.library_source(|| StoredBase::new(&base, &self.state.protected));
        // Writes queued on this page start now, before the worker's transaction: the worker's
        // records, computed from this library, then land after them.
        self.persister.flush_now();
        let job = Job::ApplyImport {
            file_name: p.file_name.clone(),
            plan: PlanSource::Preview {
                job: p.job,
                target: p.target,
                now: p.now,
                seed: p.seed,
            },
            format: p.format,
            attached_to: p.article,
            open: self.state.article.id,
            base: base_source,
            now: dom::now(),
            // Without storage the page works in memory: the worker hands the records over
            // unsaved.
            save: !matches!(self.state.storage, StorageStatus::Unavailable(_)),
        };
        let doing = format!("Importing “{}”", p.file_name);
        let written_base = base.clone();
        self.run_with_file(
            id,
            job,
            Some(p.file),
            "Import progress",
            doing,
            move |ctx, text| match decode_sync_batch(&text) {
                Ok(batch) => {
                    // Passed on to other tabs in a task of its own (copying the text into the
                    // message took up to 10 ms of the batch's task); tasks run in the order
                    // they are queued, so other tabs get the batches in order.
                    if let Some(channel) = ctx.persister.channel.borrow().as_ref() {
                        channel.post_text_soon(text);
                    }
                    // The highlights are drawn once, when the import is done: each drawing lays
                    // the article out again.
                    ctx.state.dispatch(AppAction::Written {
                        batch,
                        base: written_base.clone(),
                    });
                }
                Err(e) => ctx.notify_error(format!(
                    "Saved records could not be shown ({e}); reload the page to see them."
                )),
            },
            |ctx, out| {
                ctx.state.dispatch(AppAction::RenderDeferred);
                if let JobOutput::Imported(Applied { message, open, .. }) = out {
                    ctx.state.dispatch(AppAction::Notify(Notice::info(message)));
                    if let Some(id) = open {
                        crate::web::hooks::startup::mark_opening(id);
                        ctx.state.dispatch(AppAction::Open(id));
                    }
                }
            },
        );
    }

    /// Runs the job `make` builds from the current library and hands its output to `apply`
    /// with that library; if the library changed while the job ran (an edit on this page, a
    /// change from another tab), the job runs again on the new one instead, so that applying
    /// its result never undoes a change.
    fn run_on_latest(&self, label: &'static str, doing: String, make: MakeJob, apply: ApplyOutput) {
        let base = self.latest.borrow().clone();
        let id = self.runner.begin();
        let job = make(&base);
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

    /// Replaces article `article` and its annotations in `base` with those of `part`,
    /// computed by the worker from [`Library::article_part`] of `base`.
    fn replace_article(&self, base: &StoredLibrary, article: Uuid, part: Library, message: String) {
        self.state.dispatch(AppAction::ReplaceLibrary {
            library: part.merged_into(base, article, dom::now()),
            message,
        });
    }
}

/// Imports, exports and text replacement.
#[hook]
pub fn use_transfer(
    state: &UseReducerHandle<AppState>,
    persister: &Rc<Persister>,
) -> TransferHandle {
    let runner = use_memo((), |_| JobRunner::default());
    // Highlights left to draw after a slice are drawn in the next task, slice by slice.
    {
        let state = state.clone();
        use_effect_on(state.deferred_rounds, move |rounds| {
            let timer = (*rounds > 0).then(|| {
                gloo::timers::callback::Timeout::new(0, move || {
                    state.dispatch(AppAction::RenderDeferred)
                })
            });
            move || drop(timer)
        });
    }
    let latest = use_mut_ref(|| state.library.clone());
    *latest.borrow_mut() = state.library.clone();
    let ctx = Ctx {
        state: state.clone(),
        persister: persister.clone(),
        runner: (*runner).clone(),
        preview: use_state(|| None::<ImportPreview>),
        job: use_state(|| None::<JobView>),
        latest,
    };
    let cancel_job = {
        let ctx = ctx.clone();
        Callback::from(move |_: ()| {
            // A job that is saving finishes: its transaction commits or aborts as a whole.
            if ctx.runner.cancel() {
                ctx.job.set(None);
            }
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
            // The Import control is disabled until the library is read (an import is planned
            // against it); a change event sent to it anyway is turned away, with a word.
            if ctx.state.storage == StorageStatus::Opening {
                return ctx.notify_error(
                    "The library is still being read. Choose the file again in a moment."
                        .to_owned(),
                );
            }
            let id = ctx.runner.begin();
            ctx.preview.set(None);
            if let Err(e) = files::check_size(&file, formats::MAX_IMPORT_BYTES) {
                ctx.runner.cancel();
                ctx.job.set(None);
                return ctx.notify_error(format!("{e} Nothing was changed."));
            }
            let open = Some(ctx.state.article.id);
            let library = ctx.state.library.clone();
            ctx.plan_import(id, file, &library, ImportTarget::Detect { open });
        })
    };
    let apply_import = {
        let ctx = ctx.clone();
        Callback::from(move |_: ()| {
            let Some(p) = (*ctx.preview).clone() else {
                return;
            };
            ctx.preview.set(None);
            ctx.apply_import(p);
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
                p.file,
                &ctx.state.library,
                ImportTarget::Chosen(article),
            );
        })
    };
    let cancel_import = {
        let preview = ctx.preview.clone();
        Callback::from(move |_: ()| preview.set(None))
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
                library: ctx.library_source(|| Library::from_stored(&ctx.state.library)),
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
    // Built in the worker like any export, so the exporters stay out of the page's wasm.
    let export_everything = export.reform(|_: MouseEvent| ExportRequest {
        format: ExportFormat::Native,
        article: None,
        copy: false,
    });
    let replace_text = {
        let ctx = ctx.clone();
        Callback::from(move |text: String| {
            let article = ctx.state.article.id;
            // Only the article and its annotations travel, whatever the library's size.
            let make: MakeJob = Rc::new(move |base| Job::ReplaceText {
                library: Library::article_part(base, article),
                article,
                text: text.clone(),
            });
            let apply: ApplyOutput = Rc::new(move |ctx, base, out| {
                if let JobOutput::Replaced(Replaced { library, message }) = out {
                    ctx.replace_article(base, article, library, message);
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
