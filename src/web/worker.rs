//! The page's side of the Web Worker that does the heavy work (`src/bin/worker.rs`, running
//! [`crate::core::jobs`]): starting it on first use, sending one job at a time, passing its
//! progress and result on, and stopping it at once when the user cancels.
//!
//! The messages are `gloo-worker`'s envelope, as JSON text, though neither side uses the
//! crate any more: `gloo-worker` 0.6's bridge can neither terminate its worker (dropping it
//! only asks the worker to close once the job in hand is finished, gloo issue #408) nor report
//! a worker that fails to load, it panics where this module reports, and its codec cannot carry
//! a `File`. The page posts `{"Connected":0}` then `{"ProcessInput":[0,<Request>]}` (or, with a
//! file for the worker to read, the array `[<that text>, File]`); the worker posts
//! `"WorkerLoaded"` once it listens, then `{"ProcessOutput":[0,<Reply>]}`s. Messages posted
//! before `"WorkerLoaded"` are queued here, since the worker's wasm starts listening only after
//! it has loaded.
//!
//! An import's last step writes to IndexedDB from the worker: once the worker says it is
//! saving ([`JobEvent::Saving`]), the job can no longer be cancelled (its transaction commits
//! or aborts as a whole), and the records it wrote follow as [`JobEvent::Written`] batches.
//!
//! A result is passed on only for the job the page is waiting for: every reply names its job,
//! a cancelled job is forgotten and its worker terminated, so a stale result is never applied.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo::timers::callback::Timeout;
use serde::{Deserialize, Serialize};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::core::jobs::{Job, JobOutput, Progress, Reply, ReplyBody, Request};

/// The worker's loader script, written by Trunk next to `index.html` (the worker link's
/// `data-bin="annotator-worker"` and `data-loader-shim`; worker files are not fingerprinted).
pub const WORKER_SCRIPT: &str = "./annotator-worker_loader.js";

/// The extractor worker's loader script (`src/bin/extractor.rs`): web pages for the New
/// article dialog.
pub const EXTRACTOR_SCRIPT: &str = "./annotator-extractor_loader.js";

/// The suggester worker's loader script (`src/bin/suggester.rs`): suggestions of quotes,
/// speakers and claims.
pub const SUGGESTER_SCRIPT: &str = "./annotator-suggester_loader.js";

/// How long the worker may take to load before the job is given up with a message.
const START_TIMEOUT_MS: u32 = 30_000;

/// What happens to a job, as the page hears of it.
#[derive(Debug, Clone, PartialEq)]
pub enum JobEvent {
    /// The job has got this far.
    Progress(Progress),
    /// The worker is writing the job's result to the database: it can no longer be cancelled.
    Saving,
    /// Records the worker wrote, as the text of a sync batch (`core::storage::SyncBatch`).
    Written(String),
    /// The job is finished; nothing more comes about it.
    Done(JobOutput),
    /// The worker could not run the job (it failed to load, stopped with an error, or sent
    /// something unreadable); the sentence says so. Nothing more comes about it.
    Failed(String),
}

/// `gloo-worker`'s messages to a worker (its `ToWorker`, which is private), as JSON.
#[derive(Serialize)]
enum ToWorker<'a> {
    Connected(usize),
    ProcessInput(usize, &'a Request),
}

/// `gloo-worker`'s messages from a worker (its `FromWorker`); the bridge id is always ours.
#[derive(Deserialize)]
enum FromWorker {
    WorkerLoaded,
    ProcessOutput(serde::de::IgnoredAny, Reply),
}

/// The one bridge id this page uses.
const HANDLER: usize = 0;

/// Runs jobs in the worker, one at a time. Cheap to clone (clones share the worker); made
/// once per app (see [`crate::web::hooks::transfer`]).
#[derive(Clone, Default)]
pub struct JobRunner {
    inner: Rc<RefCell<Runner>>,
}

impl PartialEq for JobRunner {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

#[derive(Default)]
struct Runner {
    /// The worker's loader script; [`WORKER_SCRIPT`] unless the runner was made for another.
    script: Option<&'static str>,
    /// The worker, once started; `None` again after it was terminated.
    live: Option<Live>,
    /// The job the page waits for, if any.
    current: Option<Current>,
    /// The last job id (and worker generation) given out.
    last_id: u64,
}

/// The job the page waits for. Before [`JobRunner::run`] it has no callback yet: the page is
/// still reading the file.
struct Current {
    id: u64,
    on_event: Option<Rc<dyn Fn(JobEvent)>>,
    /// The worker said it is writing: cancelling would no longer leave the library as it was.
    saving: bool,
}

/// A started worker and its event handlers.
struct Live {
    worker: web_sys::Worker,
    generation: u64,
    /// Messages waiting for the worker to listen; `None` once it does.
    queue: Option<Vec<JsValue>>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
    _watchdog: Option<Timeout>,
}

impl Drop for Live {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

impl JobRunner {
    /// A runner of the worker whose loader is `script` (the default runs [`WORKER_SCRIPT`]).
    pub fn for_script(script: &'static str) -> Self {
        let runner = JobRunner::default();
        runner.inner.borrow_mut().script = Some(script);
        runner
    }

    /// Reserves a job: from now on the page waits for it (a job still running is cancelled),
    /// and [`JobRunner::cancel`] forgets it. Returns its id, to pass to [`JobRunner::run`] once
    /// its input is ready (for example once a file is read).
    pub fn begin(&self) -> u64 {
        let mut r = self.inner.borrow_mut();
        if r.current.as_ref().is_some_and(|c| c.on_event.is_some()) {
            // A job is running in the worker: terminate it, so that it costs nothing more.
            r.live = None;
        }
        r.last_id += 1;
        let id = r.last_id;
        r.current = Some(Current {
            id,
            on_event: None,
            saving: false,
        });
        id
    }

    /// Whether job `id` is still the one the page waits for (not cancelled, not replaced).
    pub fn is_current(&self, id: u64) -> bool {
        self.inner
            .borrow()
            .current
            .as_ref()
            .is_some_and(|c| c.id == id)
    }

    /// Sends `job` (reserved as `id` by [`JobRunner::begin`]) to the worker, starting the
    /// worker first if it is not running; `on_event` hears of its progress and its end. Does
    /// nothing when job `id` was cancelled or replaced in the meantime.
    pub fn run(&self, id: u64, job: Job, on_event: impl Fn(JobEvent) + 'static) {
        self.run_with_file(id, job, None, on_event);
    }

    /// [`JobRunner::run`], handing the worker `file` to read itself (the job's text is then
    /// the file's): a file of many megabytes is never read on the page.
    pub fn run_with_file(
        &self,
        id: u64,
        job: Job,
        file: Option<web_sys::File>,
        on_event: impl Fn(JobEvent) + 'static,
    ) {
        if !self.is_current(id) {
            return;
        }
        let on_event: Rc<dyn Fn(JobEvent)> = Rc::new(on_event);
        let message = match encode(&ToWorker::ProcessInput(HANDLER, &Request { id, job })) {
            Ok(m) => {
                let text = JsValue::from_str(&m);
                match file {
                    None => text,
                    Some(f) => js_sys::Array::of2(&text, &f).into(),
                }
            }
            Err(e) => {
                self.inner.borrow_mut().current = None;
                on_event(JobEvent::Failed(format!(
                    "The work could not be handed to the background worker ({e}). Nothing was changed."
                )));
                return;
            }
        };
        let failed = {
            let mut r = self.inner.borrow_mut();
            r.current = Some(Current {
                id,
                on_event: Some(on_event.clone()),
                saving: false,
            });
            start_if_stopped(&self.inner, &mut r);
            match r.live.as_mut() {
                None => Some(
                    "The background worker could not be started. Nothing was changed; reload the page to try again.".to_owned(),
                ),
                Some(live) => match live.queue.as_mut() {
                    Some(queue) => {
                        queue.push(message);
                        None
                    }
                    None => post(&live.worker, &message).err(),
                },
            }
        };
        if let Some(text) = failed {
            let generation = self.inner.borrow().live.as_ref().map(|l| l.generation);
            fail(&self.inner, generation, text);
        }
    }

    /// Starts the worker now, if it is not running, so that the first job does not wait for
    /// it to load (the New article dialog does this when it opens: a page is usually chosen
    /// seconds later). Does nothing else; a worker that fails to start is reported by the
    /// first job.
    pub fn prestart(&self) {
        let mut r = self.inner.borrow_mut();
        start_if_stopped(&self.inner, &mut r);
    }

    /// Forgets the job the page waits for, if any, and terminates the worker if it was
    /// running it: nothing about that job is passed on any more. The next job starts a new
    /// worker. A job that is saving is not cancelled (returns `false`): it finishes.
    pub fn cancel(&self) -> bool {
        let mut r = self.inner.borrow_mut();
        if r.current.as_ref().is_some_and(|c| c.saving) {
            return false;
        }
        if let Some(c) = r.current.take() {
            if c.on_event.is_some() {
                r.live = None;
            }
        }
        true
    }
}

/// Starts `runner`'s worker (`r` is its state, borrowed) unless it is running, as a new
/// generation; a worker that cannot be started leaves `live` empty.
fn start_if_stopped(runner: &Rc<RefCell<Runner>>, r: &mut Runner) {
    if r.live.is_none() {
        r.last_id += 1;
        let generation = r.last_id;
        r.live = spawn(Rc::downgrade(runner), r.script, generation).ok();
    }
}

/// Starts the worker (the loader script is fetched now, on first use); its messages and
/// errors go to the runner behind `runner` while the worker is generation `generation`.
fn spawn(
    runner: Weak<RefCell<Runner>>,
    script: Option<&'static str>,
    generation: u64,
) -> Result<Live, JsValue> {
    let worker = web_sys::Worker::new(script.unwrap_or(WORKER_SCRIPT))?;
    let on_message = {
        let runner = runner.clone();
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            if let Some(r) = runner.upgrade() {
                received(&r, generation, e.data());
            }
        })
    };
    let on_error = {
        let runner = runner.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            e.prevent_default();
            let detail = e
                .dyn_ref::<web_sys::ErrorEvent>()
                .map(|e| e.message())
                .filter(|m| !m.is_empty())
                .map(|m| format!(" ({m})"))
                .unwrap_or_default();
            if let Some(r) = runner.upgrade() {
                fail(
                    &r,
                    Some(generation),
                    format!("The background worker stopped with an error{detail}. Nothing was changed; try again."),
                );
            }
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let watchdog = Timeout::new(START_TIMEOUT_MS, move || {
        if let Some(r) = runner.upgrade() {
            fail(
                &r,
                Some(generation),
                "The background worker did not start. Nothing was changed; reload the page to try again.".to_owned(),
            );
        }
    });
    let connect =
        encode(&ToWorker::Connected(HANDLER)).map_err(|e| JsValue::from_str(&e.to_string()))?;
    Ok(Live {
        worker,
        generation,
        queue: Some(vec![JsValue::from_str(&connect)]),
        _on_message: on_message,
        _on_error: on_error,
        _watchdog: Some(watchdog),
    })
}

/// A message to the worker as JSON text. It goes through a `serde_json::Value`, as stored
/// records do (`core::storage::codec`), so that the page's bundle shares their serialising
/// code instead of holding a second copy for the job's library.
fn encode(message: &ToWorker<'_>) -> Result<String, serde_json::Error> {
    serde_json::to_value(message).map(|v| v.to_string())
}

/// A message from the worker, read through a `serde_json::Value` for the same reason.
fn decode(text: &str) -> Option<FromWorker> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    serde_json::from_value(value).ok()
}

/// Posts one message (text, or text and a file) to `worker`.
fn post(worker: &web_sys::Worker, message: &JsValue) -> Result<(), String> {
    worker.post_message(message).map_err(|_| {
        "The work could not be handed to the background worker. Nothing was changed.".to_owned()
    })
}

/// Handles a message from the worker of `generation`.
fn received(runner: &Rc<RefCell<Runner>>, generation: u64, data: JsValue) {
    let message = data.as_string().and_then(|text| decode(&text));
    let deliver = {
        let mut r = runner.borrow_mut();
        let Some(live) = r.live.as_mut().filter(|l| l.generation == generation) else {
            return;
        };
        match message {
            None => None,
            Some(FromWorker::WorkerLoaded) => {
                live._watchdog = None;
                let queue = live.queue.take().unwrap_or_default();
                let failed = queue.iter().find_map(|m| post(&live.worker, m).err());
                drop(r);
                if let Some(text) = failed {
                    fail(runner, Some(generation), text);
                }
                return;
            }
            Some(FromWorker::ProcessOutput(_, reply)) => {
                let Some(current) = r.current.as_mut().filter(|c| c.id == reply.id) else {
                    // A reply about a job the page no longer waits for.
                    return;
                };
                let Some(on_event) = current.on_event.clone() else {
                    return;
                };
                let event = match reply.body {
                    ReplyBody::Progress(p) => JobEvent::Progress(p),
                    ReplyBody::Saving => {
                        current.saving = true;
                        JobEvent::Saving
                    }
                    ReplyBody::Written(text) => JobEvent::Written(text),
                    ReplyBody::Done(out) => {
                        r.current = None;
                        JobEvent::Done(out)
                    }
                };
                Some((on_event, event))
            }
        }
    };
    match deliver {
        Some((on_event, event)) => on_event(event),
        None => fail(
            runner,
            Some(generation),
            "The background worker sent a message the page could not read. Nothing was changed."
                .to_owned(),
        ),
    }
}

/// Gives up the job the page waits for with `text`, and terminates the worker of
/// `generation` (if it is still the runner's), so that the next job starts afresh.
fn fail(runner: &Rc<RefCell<Runner>>, generation: Option<u64>, text: String) {
    let (on_event, dead) = {
        let mut r = runner.borrow_mut();
        if generation.is_some() && r.live.as_ref().map(|l| l.generation) != generation {
            return;
        }
        let dead = r.live.take();
        let current = r.current.take();
        let saving = current.as_ref().is_some_and(|c| c.saving);
        (current.and_then(|c| c.on_event).map(|f| (f, saving)), dead)
    };
    // The worker (and its handlers, one of which may be running this) is dropped outside the
    // borrow; wasm-bindgen defers freeing a closure that is running.
    drop(dead);
    if let Some((on_event, saving)) = on_event {
        // Past the start of its write, the job's transaction may have committed: the page
        // cannot say that nothing was changed.
        let text = if saving {
            text.replace(
                "Nothing was changed",
                "The import may have been saved; reload the page to see what is stored",
            )
        } else {
            text
        };
        on_event(JobEvent::Failed(text));
    }
}
