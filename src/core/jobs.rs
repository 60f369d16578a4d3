//! The heavy, pure work the page hands to its Web Worker: reading and planning an import,
//! applying it, replacing an article's text and building an export. Each is a plain serde
//! [`Job`] in and a [`JobOutput`] out, run by [`run`], which reports [`Progress`] as it goes.
//! Nothing here knows of workers or the browser: the worker binary (`src/bin/worker.rs`) is a
//! thin wrapper that receives [`Request`]s and posts [`Reply`]s, and the page
//! (`src/web/worker.rs`) only sends jobs and renders what comes back.
//!
//! # Wire format
//!
//! Messages are JSON text (`serde_json`), enums externally tagged (`{"import": {…}}`), which
//! costs the bundles less code than internally tagged ones. The page sends a [`Request`]: a job
//! id it chose and the [`Job`]; the worker answers with any number of [`Reply`]s carrying
//! [`ReplyBody::Progress`] and then exactly one carrying [`ReplyBody::Done`], each naming the
//! job id, so that a reply to a job the page no longer waits for (cancelled, or replaced by a
//! later one) is recognised and dropped. The formats' own enums ([`Format`], [`ExportFormat`], [`ImportStep`]) travel
//! as the strings of their `*_wire` helpers here, so the formats module needs no serde of its
//! own.

use serde::{Deserialize, Serialize};
use serde_tuple::{Deserialize_tuple, Serialize_tuple};
use uuid::Uuid;

use std::rc::Rc;

use crate::core::formats::{self, ExportFile, ExportFormat, Format, ImportPlan};
use crate::core::library::{ExportSettings, Library};
use crate::core::model::{Annotation, Timestamp};
use crate::core::storage::{
    plan_writes, sync_batches_sized, Protected, Store, StoredArticle, StoredLibrary, SyncBatch,
    WritePlan,
};

/// One piece of heavy work, with everything it needs (but the plan of an import preview, which
/// the worker keeps: see [`PlanSource`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Job {
    /// Read an imported file and plan its merge into `library`: the import preview.
    Import {
        /// The file's name, for messages.
        file_name: String,
        /// The file's text.
        text: String,
        /// The library the plan is made for.
        library: Source<Library>,
        /// Which article W3C annotations go to.
        target: ImportTarget,
        /// The time of the import (dates annotations without dates; the latest a file may
        /// claim).
        now: Timestamp,
        /// Random bytes from the page, from which the ids of copied annotations are derived
        /// ([`formats::fresh_ids`]).
        seed: [u8; 16],
    },
    /// Apply a previewed import plan to `base` (re-anchoring the library's annotations on
    /// articles whose text the import replaces) and say what to write.
    ApplyImport {
        /// The file's name, for the message.
        file_name: String,
        /// The plan the preview showed.
        plan: PlanSource,
        /// The file's format.
        #[serde(with = "format_wire")]
        format: Format,
        /// For W3C files, the article the annotations were attached to.
        attached_to: Option<Uuid>,
        /// The article open when the user confirmed.
        open: Uuid,
        /// The library to apply the plan to, as stored.
        base: Source<StoredBase>,
        /// The time the changed articles are stamped with.
        now: Timestamp,
        /// Whether the worker writes the result to the database before handing it over:
        /// `false` when the page works without storage (in memory only).
        save: bool,
    },
    /// Replace the text of `article` with `text`, re-anchoring its annotations.
    ReplaceText {
        /// The library holding the article: the page sends the article and its annotations
        /// alone ([`Library::article_part`]), and merges the result back
        /// ([`Library::merged_into`]).
        library: Library,
        /// The article whose text is replaced.
        article: Uuid,
        /// The new text, as the user gave it.
        text: String,
    },
    /// Build an export file.
    Export {
        /// The library to export from.
        library: Source<Library>,
        /// The format chosen.
        #[serde(with = "export_format_wire")]
        format: ExportFormat,
        /// One article, or the whole library (`None`).
        article: Option<Uuid>,
        /// The export settings (ClaimReview author and review URL).
        settings: ExportSettings,
        /// The time the export is dated.
        now: Timestamp,
        /// A fresh id (the W3C collection's).
        id: Uuid,
    },
    /// Find the article in a web page: HTML opened from a file (which the worker reads
    /// itself: `html` is then empty), pasted, or sent by the bookmarklet.
    Extract {
        /// Where the HTML came from, for messages (a file's name, "the pasted text", a URL).
        file_name: String,
        /// The page's HTML.
        html: String,
        /// The page's address, when known (the bookmarklet's).
        url: Option<String>,
    },
    /// Read a text file (`.txt`, `.md`) for the New article dialog: the extractor worker reads
    /// the file that comes with the job, decodes it ([`crate::core::charset::text_decoding`])
    /// and reads it ([`crate::core::intake::text_file`]).
    ReadText {
        /// The file's name.
        file_name: String,
    },
    /// Find the quotes, speakers and check-worthy claims of an article's text
    /// ([`crate::core::suggestions::find`]), in the suggester worker.
    Suggest {
        /// The article's canonical text.
        text: String,
    },
}

/// Where a job's library comes from.
///
/// The page sends it ([`Source::Sent`]) only when the database may not hold everything the
/// page shows: without storage, while changes wait to be written, or after a write failed.
/// Otherwise the worker reads it from the database itself ([`Source::Stored`], filled in by
/// [`Job::fill_from_storage`] before [`run`]), so that a big library is never serialised on
/// the page's main thread (0.5 s for the library the benchmark's 20 MiB import leaves).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source<T> {
    /// The library, as the page holds it.
    Sent(T),
    /// Read it from the database.
    Stored,
}

impl Job {
    /// Whether the job's library is to be read from the database ([`Source::Stored`]).
    pub fn reads_storage(&self) -> bool {
        matches!(
            self,
            Job::Import {
                library: Source::Stored,
                ..
            } | Job::Export {
                library: Source::Stored,
                ..
            } | Job::ApplyImport {
                base: Source::Stored,
                ..
            }
        )
    }

    /// Gives the job the library read from the database: `stored`, whose unreadable records
    /// are `protected`. Does nothing to a job whose library was sent.
    pub fn fill_from_storage(&mut self, stored: &StoredLibrary, protected: &Protected) {
        match self {
            Job::Import { library, .. } | Job::Export { library, .. } => {
                if *library == Source::Stored {
                    *library = Source::Sent(Library::from_stored(stored));
                }
            }
            Job::ApplyImport { base, .. } => {
                if *base == Source::Stored {
                    *base = Source::Sent(StoredBase::new(stored, protected));
                }
            }
            Job::ReplaceText { .. }
            | Job::Extract { .. }
            | Job::ReadText { .. }
            | Job::Suggest { .. } => {}
        }
    }
}

/// A job whose library was not filled in ([`Job::fill_from_storage`]).
fn unread(what: &str) -> JobOutput {
    JobOutput::Failed(format!(
        "{what}: the library could not be read. Nothing was changed."
    ))
}

/// Which article the annotations of a W3C file go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportTarget {
    /// The article the file's targets name, else the open one ([`formats::import_target`]).
    Detect {
        /// The article open when the file was chosen.
        open: Option<Uuid>,
    },
    /// The article the user chose in the preview.
    Chosen(Uuid),
}

/// The most records in one [`ReplyBody::Written`] batch: the page applies and renders each
/// batch in a task of its own, which must stay short for the page to answer a key press or
/// a click at once: at 250 records and 256 KiB a batch took 55–63 ms in the benchmark's
/// nested import, at 100 and 64 KiB most runs had no task of 50 ms (`BENCHMARKS.md`). The
/// first batches are smaller still ([`written_batches`]).
pub const WRITTEN_BATCH_MAX_RECORDS: usize = 100;
/// The most bytes of encoded records in one [`ReplyBody::Written`] batch (a larger record
/// travels alone).
pub const WRITTEN_BATCH_MAX_BYTES: usize = 64 * 1024;
/// The most records in the first [`ReplyBody::Written`] batch of a job; each next batch may
/// hold four times as many, up to [`WRITTEN_BATCH_MAX_RECORDS`]. The page runs the code that
/// applies batches for the first time on the first ones: the browser compiles that code then
/// and runs it unoptimised until it is hot, so the first three batches of a 1,500-annotation
/// import of 64 KiB each took 52, 21 and 31 ms on a loaded machine where the next ones took
/// 2–18 ms (`BENCHMARKS.md`). Small first batches carry little of that cost each.
pub const WRITTEN_FIRST_BATCH_MAX_RECORDS: usize = 4;
/// The most bytes of encoded records in the first [`ReplyBody::Written`] batch; each next
/// batch may hold twice as many, up to [`WRITTEN_BATCH_MAX_BYTES`].
pub const WRITTEN_FIRST_BATCH_MAX_BYTES: usize = 8 * 1024;

/// The [`ReplyBody::Written`] batches of `plan`: small ones first, growing to full ones.
pub fn written_batches(plan: &WritePlan) -> Vec<SyncBatch> {
    sync_batches_sized(plan, |i| {
        let i = u32::try_from(i).unwrap_or(u32::MAX).min(8);
        (
            (WRITTEN_FIRST_BATCH_MAX_RECORDS << (2 * i)).min(WRITTEN_BATCH_MAX_RECORDS),
            (WRITTEN_FIRST_BATCH_MAX_BYTES << i).min(WRITTEN_BATCH_MAX_BYTES),
        )
    })
}

/// Where the plan of [`Job::ApplyImport`] comes from.
///
/// The worker keeps the plan of the last preview it made, so that neither the plan nor the
/// file travels through the page again (at 20 MiB, reading either on the page's main thread
/// would hold it for a long time). The page names that preview's job; a worker that no longer
/// has it (it was restarted since) plans again from the file, with the same inputs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanSource {
    /// The plan itself.
    Plan(ImportPlan),
    /// The plan made by the preview job `job` (its [`Request::id`]); `target`, `now` and
    /// `seed` are that job's, for planning again.
    Preview {
        /// The preview's job id.
        job: u64,
        /// Which article W3C annotations go to.
        target: ImportTarget,
        /// The preview's time.
        now: Timestamp,
        /// The preview's random seed.
        seed: [u8; 16],
    },
}

/// A library as stored, for a job that says what to write: articles with their times, the
/// annotations, and the keys no write may touch (records that could not be read).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct StoredBase {
    /// The articles, with when they were added and changed.
    pub articles: Vec<StoredArticle>,
    /// The annotations.
    pub annotations: Vec<Annotation>,
    /// Keys of records that could not be read.
    pub protected: Vec<(Store, String)>,
}

impl StoredBase {
    /// The library `library`, whose unreadable records are `protected`.
    pub fn new(library: &StoredLibrary, protected: &Protected) -> Self {
        StoredBase {
            articles: library.articles.values().cloned().collect(),
            annotations: library
                .annotations
                .values()
                .map(|a| a.as_ref().clone())
                .collect(),
            protected: protected.keys().cloned().collect(),
        }
    }

    /// The stored library and its protected keys again.
    pub fn into_stored(self) -> (StoredLibrary, Protected) {
        let library = StoredLibrary {
            articles: self
                .articles
                .into_iter()
                .map(|a| (a.article.id, a))
                .collect(),
            annotations: self
                .annotations
                .into_iter()
                .map(|a| (a.id, Rc::new(a)))
                .collect(),
        };
        (library, Protected::from_keys(self.protected))
    }
}

/// How far a job has got: `done` of `total` items (annotations read and anchored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize_tuple, Deserialize_tuple)]
pub struct Progress {
    /// Items done so far.
    pub done: usize,
    /// Items in all.
    pub total: usize,
}

/// What a finished job gives back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobOutput {
    /// An import read and planned, for the preview.
    Planned(PlannedImport),
    /// An applied import: the records to write, the message to show and the article to open.
    /// The worker writes `writes` to the database itself, in one transaction, and then hands
    /// the records to the page in bounded batches ([`ReplyBody::Written`]); what reaches the
    /// page here has no writes left.
    Imported(Applied),
    /// The library after a text replacement, and the message to show.
    Replaced(Replaced),
    /// A finished export file.
    Exported(ExportWire),
    /// A web page's article, whole text and metadata.
    Extracted(crate::core::extract::PageCapture),
    /// A text file's text and suggested title.
    TextRead(crate::core::intake::FileText),
    /// The suggestions for an article's text.
    Suggested(crate::core::suggestions::Found),
    /// The job was refused: why, in words a user understands, and that nothing was changed.
    Failed(String),
}

/// An applied import ([`JobOutput::Imported`]).
#[derive(Debug, Clone, PartialEq, Serialize_tuple, Deserialize_tuple)]
pub struct Applied {
    /// The records to write.
    pub writes: WritePlan,
    /// The message for the user ([`formats::PlanSummary::applied_message`]).
    pub message: String,
    /// The article to open afterwards, if another than the open one.
    pub open: Option<Uuid>,
}

/// A text replacement's result ([`JobOutput::Replaced`]).
#[derive(Debug, Clone, PartialEq, Serialize_tuple, Deserialize_tuple)]
pub struct Replaced {
    /// The library after the replacement.
    pub library: Library,
    /// The message for the user ([`formats::ReplaceReport::message`]).
    pub message: String,
}

/// An import read and planned: what the preview shows and what confirming it sends back.
#[derive(Debug, Clone, PartialEq, Serialize_tuple, Deserialize_tuple)]
pub struct PlannedImport {
    /// The file's format.
    #[serde(with = "format_wire")]
    pub format: Format,
    /// For W3C files, the article the annotations are attached to.
    pub article: Option<Uuid>,
    /// The preview's lines, as the core words them for the library the plan was made for.
    pub lines: Vec<String>,
    /// The plan. It never travels: the worker keeps it for [`PlanSource::Preview`].
    #[serde(skip)]
    pub plan: ImportPlan,
}

/// An [`ExportFile`] on the wire (its media type as a string).
#[derive(Debug, Clone, PartialEq, Eq, Serialize_tuple, Deserialize_tuple)]
pub struct ExportWire {
    /// A safe file name holding the title and the date.
    pub name: String,
    /// The media type.
    pub mime: String,
    /// The content.
    pub content: String,
    /// A sentence for the user.
    pub summary: String,
}

impl From<ExportFile> for ExportWire {
    fn from(f: ExportFile) -> Self {
        ExportWire {
            name: f.name,
            mime: f.mime.to_owned(),
            content: f.content,
            summary: f.summary,
        }
    }
}

/// What the page sends the worker: a job and the id the page gave it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// The page's id for this job; every reply names it.
    pub id: u64,
    /// The work.
    pub job: Job,
}

/// What the worker sends the page about job `id`.
#[derive(Debug, Clone, PartialEq, Serialize_tuple, Deserialize_tuple)]
pub struct Reply {
    /// The job this reply is about.
    pub id: u64,
    /// Progress, or the result.
    pub body: ReplyBody,
}

/// The content of a [`Reply`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplyBody {
    /// The job has got this far.
    Progress(Progress),
    /// The worker is about to write to the database: from now on the job cannot be cancelled
    /// (its transaction commits or aborts as a whole).
    Saving,
    /// Records the worker has written, as the text of a [`SyncBatch`](crate::core::storage::SyncBatch)
    /// (at most [`WRITTEN_BATCH_MAX_RECORDS`] records or [`WRITTEN_BATCH_MAX_BYTES`] bytes):
    /// the page applies each in a task of its own and passes it on to other tabs as it is.
    Written(String),
    /// The job is finished (the last reply about it).
    Done(JobOutput),
}

/// Runs `job`, calling `progress` as it advances: at most about a hundred times per job (each
/// time the completed share moves by a percent, and at the start and the end), so that the
/// messages do not cost more than the work. Never panics; a refusal is
/// [`JobOutput::Failed`].
pub fn run(job: Job, progress: &mut dyn FnMut(Progress)) -> JobOutput {
    match job {
        Job::Import {
            file_name,
            text,
            library,
            target,
            now,
            seed,
        } => {
            let Source::Sent(library) = library else {
                return unread(&format!("Could not import “{file_name}”"));
            };
            let article = match target {
                ImportTarget::Detect { open } => formats::import_target(&text, &library, open),
                ImportTarget::Chosen(id) => Some(id),
            };
            let mut throttle = Throttle::new(progress);
            let imported = formats::import_observed(
                &text,
                &library,
                article,
                now,
                &mut formats::fresh_ids(seed),
                &mut |done, total| throttle.report(done, total),
            );
            match imported {
                Ok(imported) => JobOutput::Planned(PlannedImport {
                    format: imported.format,
                    article,
                    lines: imported.preview_lines(&library),
                    plan: imported.plan,
                }),
                Err(e) => JobOutput::Failed(e.refusal(&file_name)),
            }
        }
        Job::ApplyImport {
            file_name,
            plan,
            format,
            attached_to,
            open,
            base,
            now,
            save: _,
        } => {
            let PlanSource::Plan(plan) = plan else {
                return JobOutput::Failed(format!(
                    "The preview of “{file_name}” is no longer available. Nothing was \
                         changed; choose the file again."
                ));
            };
            let Source::Sent(base) = base else {
                return unread(&format!("Could not import “{file_name}”"));
            };
            let (stored, protected) = base.into_stored();
            let next = plan
                .apply(&Library::from_stored(&stored))
                .to_stored(&stored, now);
            JobOutput::Imported(Applied {
                writes: plan_writes(&stored, &next, &protected),
                message: plan.summary().applied_message(&file_name),
                open: plan.article_to_open(format, attached_to, open),
            })
        }
        Job::ReplaceText {
            library,
            article,
            text,
        } => match formats::replace_article_text(&library, article, &text) {
            Ok((library, report)) => JobOutput::Replaced(Replaced {
                library,
                message: report.message(),
            }),
            Err(e) => JobOutput::Failed(e.to_string()),
        },
        Job::Export {
            library,
            format,
            article,
            settings,
            now,
            id,
        } => match library {
            Source::Sent(library) => JobOutput::Exported(
                formats::export_file(&library, format, article, &settings, now, id).into(),
            ),
            Source::Stored => unread("Could not export"),
        },
        // Web pages are read by the extractor worker (`run_extract`), so that this one does
        // not carry an HTML parser.
        Job::ReadText { file_name } => JobOutput::Failed(format!(
            "“{file_name}” could not be read here. Nothing was changed."
        )),
        Job::Extract { file_name, .. } => JobOutput::Failed(format!(
            "{} could not be read here. Nothing was changed.",
            crate::core::intake::capitalized(&file_name)
        )),
        // Suggestions are the suggester worker's (`run_suggest`), which holds the claim model.
        Job::Suggest { .. } => JobOutput::Failed("Suggestions could not be made here.".to_owned()),
    }
}

/// Runs a [`Job::Suggest`] with the claim `model` (`Err`: why it could not be loaded; quotes
/// are still suggested). The suggester worker (`src/bin/suggester.rs`) calls this, and only
/// it; any other job is refused.
pub fn run_suggest(
    job: Job,
    model: Result<&crate::core::claims::ClaimModel, String>,
    progress: &mut dyn FnMut(Progress),
) -> JobOutput {
    let Job::Suggest { text } = job else {
        return JobOutput::Failed(
            "This work is not the suggester's. Nothing was changed.".to_owned(),
        );
    };
    progress(Progress { done: 0, total: 1 });
    let found = crate::core::suggestions::find(&text, model);
    progress(Progress { done: 1, total: 1 });
    JobOutput::Suggested(found)
}

/// Runs a [`Job::Extract`]: the article of a web page (`core::extract`). The extractor worker
/// (`src/bin/extractor.rs`) calls this, and only it; any other job is refused.
pub fn run_extract(job: Job, progress: &mut dyn FnMut(Progress)) -> JobOutput {
    let Job::Extract {
        file_name,
        html,
        url,
    } = job
    else {
        return JobOutput::Failed(
            "This work is not the extractor's. Nothing was changed.".to_owned(),
        );
    };
    if html.len() > crate::core::extract::MAX_PAGE_BYTES {
        return JobOutput::Failed(format!(
            "{} is too large to open as an article (the limit is 20 MB).",
            crate::core::intake::capitalized(&file_name)
        ));
    }
    progress(Progress { done: 0, total: 1 });
    let capture = crate::core::extract::extract(&html, url.as_deref());
    progress(Progress { done: 1, total: 1 });
    JobOutput::Extracted(capture)
}

/// Passes on progress only when the completed percentage changes, and always the first and
/// the last report.
struct Throttle<'a> {
    progress: &'a mut dyn FnMut(Progress),
    last: Option<(usize, usize)>,
}

impl<'a> Throttle<'a> {
    fn new(progress: &'a mut dyn FnMut(Progress)) -> Self {
        Throttle {
            progress,
            last: None,
        }
    }

    fn report(&mut self, done: usize, total: usize) {
        let percent = |d: usize| d.saturating_mul(100).checked_div(total).unwrap_or(100);
        let due = match self.last {
            None => true,
            Some((last_done, last_total)) => {
                last_total != total || done >= total || percent(done) != percent(last_done)
            }
        };
        if due && self.last != Some((done, total)) {
            self.last = Some((done, total));
            (self.progress)(Progress { done, total });
        }
    }
}

/// [`Format`] as a string: `"native"` or `"w3c"`.
mod format_wire {
    use super::Format;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(f: &Format, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(match f {
            Format::Native => "native",
            Format::W3c => "w3c",
        })
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Format, D::Error> {
        match String::deserialize(d)?.as_str() {
            "native" => Ok(Format::Native),
            "w3c" => Ok(Format::W3c),
            other => Err(serde::de::Error::custom(format!(
                "unknown import format {other:?}"
            ))),
        }
    }
}

/// [`ExportFormat`] as its stable id ([`ExportFormat::id`]).
mod export_format_wire {
    use super::ExportFormat;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(f: &ExportFormat, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(f.id())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<ExportFormat, D::Error> {
        let id = String::deserialize(d)?;
        ExportFormat::from_id(&id)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown export format {id:?}")))
    }
}

#[cfg(test)]
mod tests;
