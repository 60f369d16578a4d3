//! The Web Worker that does the app's heavy, pure work off the page's main thread (see
//! `core::jobs`). Trunk builds it from `index.html`'s `data-type="worker"` link as a second
//! wasm binary, which only this worker loads, on the page's first import, export or text
//! replacement. Each [`Request`] received is run by [`jobs::run`], its progress and then its
//! result posted back as [`Reply`]s, as JSON text. Natively this binary does nothing.
//!
//! It keeps `gloo-worker`'s message envelope (see `src/web/worker.rs`) but not the crate:
//! a job may come with a file (the page posts `[<message text>, File]`), which this worker
//! reads itself, so that a 20 MiB file never passes through the page's main thread; and an
//! import ends with writes to IndexedDB that this worker makes itself, in one transaction,
//! before it hands the written records to the page in bounded batches. `gloo-worker`'s codec
//! carries only serde values, and its bridge answers one message with one message.
//!
//! When the page leaves the library to it ([`Source::Stored`]), this worker reads it from the
//! database, so that a big library is never serialised on the page's main thread.
//!
//! State: the plan of the last import preview, kept for the `ApplyImport` that confirms it
//! ([`PlanSource::Preview`]); a worker started since plans again from the file.
//!
//! [`Request`]: article_annotator::core::jobs::Request
//! [`Reply`]: article_annotator::core::jobs::Reply
//! [`jobs::run`]: article_annotator::core::jobs::run
//! [`PlanSource::Preview`]: article_annotator::core::jobs::PlanSource::Preview
//! [`Source::Stored`]: article_annotator::core::jobs::Source::Stored

#![forbid(unsafe_code)]

fn main() {
    #[cfg(target_arch = "wasm32")]
    wasm::register();
}

#[cfg(target_arch = "wasm32")]
mod wasm {
    use std::cell::RefCell;

    use article_annotator::core::formats::ImportPlan;
    use article_annotator::core::jobs::{
        self, Applied, Job, JobOutput, PlanSource, Progress, ReplyBody, Request, Source,
    };
    use article_annotator::core::library::Library;
    use article_annotator::core::storage::{
        encode_sync_batch, load_records, Protected, StoredLibrary,
    };
    use article_annotator::web::idb;
    use article_annotator::web::worker_scope::{self, read_file, respond, ToWorker};
    use wasm_bindgen::prelude::*;

    thread_local! {
        /// The last preview's job id and plan.
        static PREVIEW: RefCell<Option<(u64, ImportPlan)>> = const { RefCell::new(None) };
    }

    /// Starts answering the page's messages.
    pub fn register() {
        worker_scope::register(handle);
    }

    async fn handle(data: JsValue) {
        let (message, file) = worker_scope::read_message(&data);
        let Some(message) = message else {
            // Only the page posts to this worker, with the same types; were a message
            // unreadable all the same, the worker stops with an error, which the page reports
            // and recovers from (`src/web/worker.rs`).
            wasm_bindgen::throw_str("unreadable message to the worker");
        };
        let ToWorker::ProcessInput(handler, Request { id, mut job }) = message else {
            return;
        };
        let mut progress = |p| respond(handler, id, ReplyBody::Progress(p));
        let output = match prepare(&mut job, file.as_ref(), &mut progress).await {
            Err(failed) => failed,
            Ok(()) => {
                let written = match &job {
                    Job::ApplyImport {
                        file_name, save, ..
                    } => Some((file_name.clone(), *save)),
                    _ => None,
                };
                let out = jobs::run(job, &mut progress);
                if let JobOutput::Planned(planned) = &out {
                    PREVIEW.with(|p| *p.borrow_mut() = Some((id, planned.plan.clone())));
                }
                match written {
                    Some((file_name, save)) => hand_over(handler, id, &file_name, out, save).await,
                    None => out,
                }
            }
        };
        respond(handler, id, ReplyBody::Done(output));
    }

    /// Completes `job` with what the page left to this worker: the library, read from the
    /// database ([`Source::Stored`]); the text of the file that came with it; and for an
    /// import's confirmation, the plan its preview made (kept here, or made again from the
    /// file when this worker was started since).
    async fn prepare(
        job: &mut Job,
        file: Option<&web_sys::Blob>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(), JobOutput> {
        if job.reads_storage() {
            let (stored, protected) = read_stored().await?;
            job.fill_from_storage(&stored, &protected);
        }
        match job {
            Job::Import {
                file_name, text, ..
            } => {
                if let Some(file) = file {
                    *text = read_file(file, file_name)?;
                }
            }
            Job::ApplyImport {
                file_name,
                plan,
                base: Source::Sent(base),
                ..
            } => {
                let PlanSource::Preview {
                    job: preview,
                    target,
                    now,
                    seed,
                } = *plan
                else {
                    return Ok(());
                };
                let kept = PREVIEW.with(|p| match p.borrow_mut().take() {
                    Some((made_by, kept)) if made_by == preview => Some(kept),
                    _ => None,
                });
                if let Some(kept) = kept {
                    *plan = PlanSource::Plan(kept);
                } else if let Some(file) = file {
                    // This worker did not make that preview (it was restarted since): plan
                    // again, from the file and with the preview's inputs. Without the file the
                    // job is refused as a preview no longer available.
                    let again = Job::Import {
                        file_name: file_name.clone(),
                        text: read_file(file, file_name)?,
                        library: Source::Sent(Library::from_stored(&base.clone().into_stored().0)),
                        target,
                        now,
                        seed,
                    };
                    match jobs::run(again, progress) {
                        JobOutput::Planned(p) => *plan = PlanSource::Plan(p.plan),
                        other => return Err(other),
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The library as stored, and the keys of its records that cannot be read.
    async fn read_stored() -> Result<(StoredLibrary, Protected), JobOutput> {
        let raw = match idb::open().await {
            Ok(db) => db.load_all().await,
            Err(e) => Err(e),
        };
        match raw {
            Ok(raw) => {
                let loaded = load_records(raw);
                let protected = loaded.protected();
                Ok((loaded.library, protected))
            }
            Err(e) => Err(JobOutput::Failed(format!(
                "The library could not be read ({e}). Nothing was changed."
            ))),
        }
    }

    /// Writes an applied import's records to IndexedDB in one transaction (unless the page
    /// works without storage: `save` is false), then hands them to the page in bounded
    /// batches; the output left for the page has no writes.
    async fn hand_over(
        handler: usize,
        id: u64,
        file_name: &str,
        out: JobOutput,
        save: bool,
    ) -> JobOutput {
        let JobOutput::Imported(Applied {
            writes,
            message,
            open,
        }) = out
        else {
            return out;
        };
        if !writes.is_empty() {
            if save {
                respond(handler, id, ReplyBody::Saving);
                let written = match idb::open().await {
                    Ok(db) => db.apply(&writes).await,
                    Err(e) => Err(e),
                };
                if let Err(e) = written {
                    return JobOutput::Failed(format!(
                        "“{file_name}” could not be imported: it could not be saved ({e}). \
                             Nothing was changed."
                    ));
                }
            }
            for batch in jobs::written_batches(&writes) {
                respond(handler, id, ReplyBody::Written(encode_sync_batch(&batch)));
            }
        }
        JobOutput::Imported(Applied {
            writes: Default::default(),
            message,
            open,
        })
    }
}
