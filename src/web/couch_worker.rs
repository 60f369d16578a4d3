//! The sync worker's glue (`src/bin/syncer.rs`): runs [`crate::core::couch`]'s protocol in a
//! loop, with `fetch` as its transport, the library read from IndexedDB, the revision trees
//! in their own database ([`SYNC_DB`]), and the `BroadcastChannel` the app's tabs already
//! post every write on (so this worker hears each change made in this browser, in any tab,
//! without the page telling it).
//!
//! Messages with the page ([`ToSyncer`], [`FromSyncer`], JSON text): the worker posts
//! `loaded` once it listens, the page answers `start` with the configuration; the worker
//! posts the status, the records the library must take (the page applies them with the merge
//! rule and saves them), conflicts, unreadable documents and refusals. The page stops sync by
//! terminating the worker.
//!
//! The loop: the changes heard are turned into revisions, pushed, then one batch of the
//! server's changes is pulled (a long poll when nothing waits to be sent; a change heard
//! meanwhile interrupts it); trees are saved before the checkpoint is written. A network
//! failure or a server error waits (1 s, doubling up to 30 s, or until the browser says it
//! is online again) and starts again from the last checkpoint; a refusal stops.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, DedicatedWorkerGlobalScope, MessageEvent};

use crate::core::couch::{
    self, Checkpoint, Config, FromSyncer, NetError, Request, Response, Server, Session, Status,
    Stop, SyncError, SyncStore, ToSyncer, Transport, SYNC_DB,
};
use crate::core::storage::{self, encode_sync_batch, SyncBatch, SyncMessage};
use crate::web::{idb, sync::Channel};

/// What the message handler, the channel and the loop share.
#[derive(Default)]
struct Shared {
    /// Changes heard on the channel, not yet turned into revisions.
    heard: RefCell<Vec<SyncMessage>>,
    /// The long poll in flight, to interrupt.
    poll: RefCell<Option<AbortController>>,
    /// Resolves the wait in progress (between retries, or for "create the database").
    wake: RefCell<Option<js_sys::Function>>,
    /// The user asked to create the database.
    create: Cell<bool>,
    started: Cell<bool>,
}

impl Shared {
    /// Something happened: end a long poll or a wait now.
    fn poke(&self) {
        if let Some(c) = self.poll.borrow_mut().take() {
            c.abort();
        }
        if let Some(wake) = self.wake.borrow_mut().take() {
            let _ = wake.call0(&JsValue::UNDEFINED);
        }
    }
}

thread_local! {
    static SHARED: Rc<Shared> = Rc::default();
}

fn shared() -> Rc<Shared> {
    SHARED.with(Rc::clone)
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(message: &FromSyncer) {
    let _ = scope().post_message(&JsValue::from_str(&message.encode()));
}

fn status(status: Status) {
    post(&FromSyncer::Status(status));
}

/// Starts listening to the page; says so.
pub fn register() {
    crate::web::case::install();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let Some(message) = e.data().as_string().and_then(|t| ToSyncer::decode(&t)) else {
            return;
        };
        let shared = shared();
        match message {
            ToSyncer::Start { config } => {
                if !shared.started.replace(true) {
                    wasm_bindgen_futures::spawn_local(run(config));
                }
            }
            ToSyncer::CreateDatabase => {
                shared.create.set(true);
                shared.poke();
            }
        }
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let on_online = Closure::<dyn FnMut()>::new(|| shared().poke());
    let _ = scope().add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
    on_online.forget();
    post(&FromSyncer::Loaded);
}

/// `fetch`, with the credentials sent to the server's origin only, no cookies, no redirects
/// followed (a redirect could carry the `Authorization` header elsewhere), nothing cached.
struct Fetch {
    origin: String,
    authorization: Option<String>,
}

fn js_message(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "the request failed".into())
}

impl Transport for Fetch {
    async fn send(&self, request: Request) -> Result<Response, NetError> {
        let failed = |e: JsValue| NetError::Failed(js_message(&e));
        let init = web_sys::RequestInit::new();
        init.set_method(request.method.as_str());
        init.set_credentials(web_sys::RequestCredentials::Omit);
        init.set_redirect(web_sys::RequestRedirect::Error);
        init.set_cache(web_sys::RequestCache::NoStore);
        let headers = web_sys::Headers::new().map_err(failed)?;
        headers.set("Accept", "application/json").map_err(failed)?;
        if let Some(body) = &request.body {
            headers
                .set("Content-Type", "application/json")
                .map_err(failed)?;
            init.set_body(&JsValue::from_str(body));
        }
        let to_origin = request.url.starts_with(&format!("{}/", self.origin));
        if let (Some(auth), true) = (&self.authorization, to_origin) {
            headers.set("Authorization", auth).map_err(failed)?;
        }
        init.set_headers(&headers);
        let shared = shared();
        let controller = if request.long_poll {
            let c = AbortController::new().map_err(failed)?;
            init.set_signal(Some(&c.signal()));
            *shared.poll.borrow_mut() = Some(c.clone());
            // A change heard before the poll began ends it at once.
            if !shared.heard.borrow().is_empty() {
                shared.poke();
            }
            Some(c)
        } else {
            None
        };
        let result = JsFuture::from(scope().fetch_with_str_and_init(&request.url, &init)).await;
        shared.poll.borrow_mut().take();
        let interrupted = controller.is_some_and(|c| c.signal().aborted());
        let response: web_sys::Response = match result {
            Err(_) if interrupted => return Err(NetError::Interrupted),
            Err(e) => return Err(failed(e)),
            Ok(r) => r.unchecked_into(),
        };
        let text = match response.text() {
            Ok(p) => JsFuture::from(p).await,
            Err(e) => Err(e),
        };
        match text {
            Ok(body) => Ok(Response {
                status: response.status(),
                body: body.as_string().unwrap_or_default(),
            }),
            Err(_) if interrupted => Err(NetError::Interrupted),
            Err(e) => Err(failed(e)),
        }
    }
}

/// Waits `ms` milliseconds, or less if poked.
async fn wait(ms: i32) {
    let shared = shared();
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = scope().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        *shared.wake.borrow_mut() = Some(resolve);
    });
    let _ = JsFuture::from(promise).await;
    shared.wake.borrow_mut().take();
}

/// Posts records for the page to take, in bounded batches.
fn deliver(records: Vec<SyncMessage>) {
    if records.is_empty() {
        return;
    }
    for chunk in records.chunks(500) {
        post(&FromSyncer::Records(encode_sync_batch(&SyncBatch {
            records: chunk.to_vec(),
        })));
    }
}

/// A random id (this browser's replica, a session): 16 bytes from the crypto source, hex.
fn random_id() -> Option<String> {
    let crypto = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("crypto"))
        .ok()?
        .dyn_into::<web_sys::Crypto>()
        .ok()?;
    let mut bytes = [0u8; 16];
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The storage errors of the loop, as a stop the user sees.
fn storage_stop(what: &str, e: impl std::fmt::Display) -> Stop {
    Stop::Refused(format!("this browser's storage failed while {what} ({e})"))
}

/// The Web Lock one sync worker of this browser holds while it runs.
const LOCK: &str = "article-annotator-sync";

/// Waits until this worker holds [`LOCK`], then holds it until the returned function is
/// called (or the worker ends): one worker of this browser syncs, for every tab (they all hear
/// each other's writes on the channel already); another tab's worker says so and takes over
/// when that tab closes or its sync stops. Where the browser has no Web Locks, every worker
/// syncs (they make the same revisions).
async fn hold_lock() -> Option<js_sys::Function> {
    let locks = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("navigator"))
        .and_then(|n| js_sys::Reflect::get(&n, &JsValue::from_str("locks")))
        .ok()?;
    let request = js_sys::Reflect::get(&locks, &JsValue::from_str("request"))
        .and_then(|f| f.dyn_into::<js_sys::Function>())
        .ok()?;
    let mut granted_resolve = None;
    let granted = js_sys::Promise::new(&mut |resolve, _| granted_resolve = Some(resolve));
    let resolve = granted_resolve?;
    let release: Rc<RefCell<Option<js_sys::Function>>> = Rc::default();
    let release_in = Rc::clone(&release);
    let on_grant = Closure::<dyn FnMut(JsValue) -> js_sys::Promise>::new(move |_lock| {
        // Held until this promise settles: when the release function is called.
        let held = js_sys::Promise::new(&mut |done, _| *release_in.borrow_mut() = Some(done));
        let _ = resolve.call0(&JsValue::UNDEFINED);
        held
    });
    request
        .call2(
            &locks,
            &JsValue::from_str(LOCK),
            on_grant.as_ref().unchecked_ref(),
        )
        .ok()?;
    on_grant.forget();
    // Say where sync stands if the lock is not granted at once (dropping the timer cancels it).
    let timer = gloo::timers::callback::Timeout::new(300, || status(Status::Elsewhere));
    let _ = JsFuture::from(granted).await;
    drop(timer);
    let release = release.borrow_mut().take();
    release
}

async fn run(config: Config) {
    let release = hold_lock().await;
    let stop = if config.needs_password() {
        // Not remembered on this device (and no tab that has it is syncing).
        Stop::PasswordNeeded
    } else {
        match replicate(config).await {
            Err(stop) => stop,
            Ok(()) => return,
        }
    };
    status(Status::Stopped(stop));
    // Stopped: another tab's worker may sync (with a password this one does not have).
    if let Some(release) = release {
        let _ = release.call0(&JsValue::UNDEFINED);
    }
}

/// Replicates until a refusal.
async fn replicate(config: Config) -> Result<(), Stop> {
    let server = Server::new(&config).map_err(|e| Stop::Refused(e.to_string()))?;
    status(Status::Connecting);
    let shared = shared();
    // Hear every write of this browser from now on, before the library is read, so that none
    // falls between.
    let channel = Channel::new(storage::DB_NAME).map_err(|e| {
        Stop::Refused(format!(
            "this browser cannot tell the sync worker of changes ({e})"
        ))
    })?;
    let heard = Rc::clone(&shared);
    let _subscription = channel.subscribe(yew::Callback::from(
        move |batch: Result<SyncBatch, storage::RecordError>| {
            if let Ok(batch) = batch {
                heard.heard.borrow_mut().extend(batch.records);
                heard.poke();
            }
        },
    ));
    let sync_db = idb::open_named(SYNC_DB)
        .await
        .map_err(|e| storage_stop("opening the sync database", e))?;
    let store = SyncStore::from_raw(
        sync_db
            .load_all()
            .await
            .map_err(|e| storage_stop("reading the sync database", e))?,
    );
    let replica_id = match store.replica_id() {
        Some(id) => id,
        None => {
            let id = random_id().ok_or_else(|| storage_stop("making an id", "no random source"))?;
            sync_db
                .apply(&SyncStore::save_replica_id(&id))
                .await
                .map_err(|e| storage_stop("saving the replica id", e))?;
            id
        }
    };
    let repid = couch::replication_id(&replica_id, &server);
    let loaded = store.load(&repid);
    if !loaded.stale.is_empty() {
        let _ = sync_db.apply(&loaded.stale).await;
    }
    let mut replica = loaded.replica;
    let mut local_checkpoint = loaded.checkpoint;
    // Changes made while sync was not running; records received but not saved last time.
    let library = idb::open()
        .await
        .map_err(|e| storage_stop("opening the library", e))?;
    let read = storage::load_records(
        library
            .load_all()
            .await
            .map_err(|e| storage_stop("reading the library", e))?,
    );
    drop(library);
    deliver(replica.scan(
        read.library.articles.values(),
        read.library.annotations.values().map(|a| &**a),
    ));
    drop(read);
    let transport = Fetch {
        origin: server.origin().to_owned(),
        authorization: server.authorization().map(str::to_owned),
    };
    let mut backoff = 1_000;
    loop {
        status(Status::Connecting);
        let session_id = random_id().unwrap_or_else(|| repid.clone());
        let connected = couch::connect(
            &transport,
            server.clone(),
            &mut replica,
            &replica_id,
            local_checkpoint.clone(),
            session_id,
        )
        .await;
        let mut session = match connected {
            Ok(s) => s,
            Err(SyncError::Stop(Stop::NoDatabase(database))) => {
                status(Status::Stopped(Stop::NoDatabase(database)));
                // Wait for "Create database" (the page shows the button).
                while !shared.create.replace(false) {
                    wait(60_000).await;
                }
                match couch::create_database(&transport, &server).await {
                    Ok(()) => continue,
                    Err(SyncError::Stop(stop)) => return Err(stop),
                    Err(_) => {
                        status(Status::Offline);
                        wait(backoff).await;
                        continue;
                    }
                }
            }
            Err(SyncError::Stop(stop)) => return Err(stop),
            Err(SyncError::Retry(_)) | Err(SyncError::Interrupted) => {
                status(Status::Offline);
                wait(backoff).await;
                backoff = (backoff * 2).min(30_000);
                continue;
            }
        };
        match exchange(
            &transport,
            &sync_db,
            &repid,
            &mut session,
            &mut replica,
            &mut local_checkpoint,
            &mut backoff,
        )
        .await
        {
            Err(SyncError::Stop(stop)) => return Err(stop),
            _ => {
                status(Status::Offline);
                wait(backoff).await;
                backoff = (backoff * 2).min(30_000);
            }
        }
    }
}

/// Saves the trees changed (and the checkpoint, when given) in the sync database.
async fn save(
    sync_db: &idb::Db,
    repid: &str,
    replica: &mut couch::Replica,
    checkpoint: Option<&Checkpoint>,
) -> Result<(), SyncError> {
    let plan = SyncStore::save(repid, replica, checkpoint);
    if plan.is_empty() {
        return Ok(());
    }
    sync_db
        .apply(&plan)
        .await
        .map_err(|e| SyncError::Stop(storage_stop("saving revisions", e)))
}

/// Pushes and pulls until an error.
#[allow(clippy::too_many_arguments)]
async fn exchange(
    transport: &Fetch,
    sync_db: &idb::Db,
    repid: &str,
    session: &mut Session,
    replica: &mut couch::Replica,
    local_checkpoint: &mut Option<Checkpoint>,
    backoff: &mut i32,
) -> Result<(), SyncError> {
    let shared = shared();
    // Whether the last pull reached the end of the feed: only then is the replica up to date
    // and may the next pull wait for changes.
    let mut caught_up = false;
    let settled = |replica: &couch::Replica, shared: &Shared| {
        replica.pending().is_empty() && shared.heard.borrow().is_empty()
    };
    loop {
        let heard: Vec<SyncMessage> = std::mem::take(&mut *shared.heard.borrow_mut());
        let mut back = Vec::new();
        for message in &heard {
            back.extend(replica.local(message));
        }
        deliver(back);
        if !replica.pending().is_empty() {
            let pushed = couch::push(transport, session, replica, &mut |s| status(s)).await;
            // What was sent is kept as sent even when a later batch failed.
            save(sync_db, repid, replica, None).await?;
            let pushed = pushed?;
            if !pushed.refused.is_empty() {
                post(&FromSyncer::Refused(pushed.refused));
            }
        } else {
            save(sync_db, repid, replica, None).await?;
        }
        let idle = caught_up && settled(replica, &shared);
        if idle {
            status(Status::UpToDate);
        }
        let pulled = match couch::pull(transport, session, replica, idle, &mut |s| status(s)).await
        {
            Err(SyncError::Interrupted) => continue,
            other => other?,
        };
        *backoff = 1_000;
        deliver(pulled.records);
        if !pulled.conflicts.is_empty() {
            post(&FromSyncer::Conflicts(pulled.conflicts));
        }
        if !pulled.unreadable.is_empty() {
            post(&FromSyncer::Unreadable(pulled.unreadable));
        }
        save(sync_db, repid, replica, None).await?;
        if pulled.last_seq != session.since {
            let cp = couch::checkpoint(transport, session, pulled.last_seq).await?;
            save(sync_db, repid, replica, Some(&cp)).await?;
            *local_checkpoint = Some(cp);
        }
        caught_up = pulled.changes < couch::protocol::PULL_BATCH;
        if caught_up && settled(replica, &shared) {
            status(Status::UpToDate);
        }
    }
}
