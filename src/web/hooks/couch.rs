//! Sync with a CouchDB database (issue 16): the page's side. Keeps the connection the user
//! gave (`localStorage`, the password only when remembered, [`Saved`]), starts the sync
//! worker (`src/bin/syncer.rs`) with it, and carries the worker's messages into the app: the
//! status for the header, records into the library ([`AppAction::FromServer`]: the merge
//! rule, then saved), conflicts and problems for the Sync dialog. Disconnect terminates the
//! worker and forgets the connection; the library stays as it is. Every tab starts a worker,
//! and one of them syncs for the whole browser (a Web Lock, `src/web/couch_worker.rs`); a tab
//! follows a connection changed in another (the `storage` event).

use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::web::hooks::effect::use_effect_on;

use crate::core::couch::{Config, Conflict, FromSyncer, Saved, Status, Stop, ToSyncer};
use crate::core::storage::decode_sync_batch;
use crate::web::state::{AppAction, AppState, Notice, StorageStatus};

/// The sync worker's loader script, written by Trunk next to `index.html`.
pub const SYNCER_SCRIPT: &str = "./annotator-syncer_loader.js";

/// The `localStorage` key of the connection.
pub const SAVED_KEY: &str = "annotator-sync";

/// What the Sync dialog and the header show.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CouchView {
    /// Where sync stands; `None` when no connection is set.
    pub status: Option<Status>,
    /// Annotations edited on two machines, since the page opened.
    pub conflicts: Vec<Conflict>,
    /// Documents skipped or refused, in words.
    pub problems: Vec<String>,
}

/// What changes the [`CouchView`].
pub enum CouchAction {
    /// The worker's status (`None`: disconnected).
    Status(Option<Status>),
    /// Conflicts the worker resolved.
    Conflicts(Vec<Conflict>),
    /// Documents skipped or refused, in words.
    Problems(Vec<String>),
}

impl Reducible for CouchView {
    type Action = CouchAction;
    fn reduce(self: Rc<Self>, action: CouchAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            CouchAction::Status(s) => {
                if next.status == s {
                    return self;
                }
                next.status = s;
            }
            CouchAction::Conflicts(mut c) => {
                // One entry per document: the latest conflict replaces an earlier one.
                next.conflicts
                    .retain(|old| !c.iter().any(|n| n.id == old.id));
                next.conflicts.append(&mut c);
            }
            CouchAction::Problems(mut p) => {
                next.problems.append(&mut p);
                let over = next.problems.len().saturating_sub(50);
                next.problems.drain(..over);
            }
        }
        Rc::new(next)
    }
}

/// What the app wires to the header and the Sync dialog.
#[derive(Clone, PartialEq)]
pub struct Couch {
    /// The connection kept in this browser, if any.
    pub saved: Option<Saved>,
    /// Status, conflicts, problems.
    pub view: Rc<CouchView>,
    /// Connect with this configuration; `true` remembers the password.
    pub connect: Callback<(Config, bool)>,
    /// Stop syncing and forget the connection.
    pub disconnect: Callback<()>,
    /// Create the database that does not exist.
    pub create_database: Callback<()>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn read_saved() -> Option<Saved> {
    Saved::decode(&storage()?.get_item(SAVED_KEY).ok()??)
}

/// The running worker and its listeners; dropping it stops them, [`Running::stop`] ends it.
struct Running {
    worker: web_sys::Worker,
    _message: EventListener,
    _error: EventListener,
}

impl Running {
    fn stop(&self) {
        self.worker.terminate();
    }

    fn post(&self, message: &ToSyncer) {
        let _ = self
            .worker
            .post_message(&JsValue::from_str(&message.encode()));
    }
}

fn start(
    config: Config,
    state: &UseReducerHandle<AppState>,
    view: &UseReducerHandle<CouchView>,
) -> Option<Running> {
    let dispatch = view.dispatcher();
    let app = state.dispatcher();
    let worker = match web_sys::Worker::new(SYNCER_SCRIPT) {
        Ok(w) => w,
        Err(e) => {
            dispatch.dispatch(CouchAction::Status(Some(Status::Stopped(Stop::Refused(
                format!(
                    "the sync worker could not start ({})",
                    e.as_string().unwrap_or_else(|| "refused".into())
                ),
            )))));
            return None;
        }
    };
    dispatch.dispatch(CouchAction::Status(Some(Status::Connecting)));
    let to_worker = worker.clone();
    let on_message = {
        let dispatch = dispatch.clone();
        EventListener::new(&worker, "message", move |event| {
            let Some(text) = event
                .dyn_ref::<web_sys::MessageEvent>()
                .and_then(|m| m.data().as_string())
            else {
                return;
            };
            let Some(message) = FromSyncer::decode(&text) else {
                return;
            };
            match message {
                FromSyncer::Loaded => {
                    let start = ToSyncer::Start {
                        config: config.clone(),
                    };
                    let _ = to_worker.post_message(&JsValue::from_str(&start.encode()));
                }
                FromSyncer::Status(status) => {
                    dispatch.dispatch(CouchAction::Status(Some(status)));
                }
                FromSyncer::Records(batch) => match decode_sync_batch(&batch) {
                    Ok(batch) => app.dispatch(AppAction::FromServer(batch)),
                    Err(e) => app.dispatch(AppAction::Notify(Notice::error(format!(
                        "Changes from the sync server could not be read: {e}"
                    )))),
                },
                FromSyncer::Conflicts(conflicts) => {
                    let names: Vec<String> = conflicts.iter().map(Conflict::label).collect();
                    app.dispatch(AppAction::Notify(Notice::info(format!(
                        "Edited on two machines: {}. The later edit was kept; both versions are in Sync.",
                        names.join("; ")
                    ))));
                    dispatch.dispatch(CouchAction::Conflicts(conflicts));
                }
                FromSyncer::Unreadable(docs) => {
                    dispatch.dispatch(CouchAction::Problems(
                        docs.into_iter()
                            .map(|d| {
                                format!(
                                    "Document {} on the server cannot be read ({}); it was skipped and is kept there.",
                                    d.id, d.why
                                )
                            })
                            .collect(),
                    ));
                }
                FromSyncer::Refused(docs) => {
                    dispatch.dispatch(CouchAction::Problems(
                        docs.into_iter()
                            .map(|(id, why)| {
                                format!("The server refused document {id} ({why}); it is kept here and offered again.")
                            })
                            .collect(),
                    ));
                }
            }
        })
    };
    let on_error = EventListener::new(&worker, "error", move |event| {
        if let Some(e) = event.dyn_ref::<web_sys::ErrorEvent>() {
            e.prevent_default();
        }
        let why = event
            .dyn_ref::<web_sys::ErrorEvent>()
            .map(|e| e.message())
            .unwrap_or_else(|| "it stopped".into());
        dispatch.dispatch(CouchAction::Status(Some(Status::Stopped(Stop::Refused(
            format!("the sync worker failed ({why})"),
        )))));
    });
    Some(Running {
        worker,
        _message: on_message,
        _error: on_error,
    })
}

/// The sync connection of this page.
#[hook]
pub fn use_couch(state: &UseReducerHandle<AppState>) -> Couch {
    let saved = use_state(read_saved);
    let view = use_reducer(CouchView::default);
    let running = use_mut_ref(|| None::<Running>);
    // Sync starts once the library has been read: records from the server are applied to the
    // library as loaded, never to the placeholder shown before.
    let loaded = !matches!(state.storage, StorageStatus::Opening);
    {
        // At start: the connection kept in this browser starts.
        let (saved, state, view, running) =
            (saved.clone(), state.clone(), view.clone(), running.clone());
        use_effect_on(loaded, move |loaded| {
            if !*loaded || running.borrow().is_some() {
                return Box::new(|| ()) as Box<dyn FnOnce()>;
            }
            // A connection whose password was not remembered starts too: the worker says so
            // once it is the one to sync (another tab may be syncing with the password).
            if let Some(s) = &*saved {
                *running.borrow_mut() = start(s.config.clone(), &state, &view);
            }
            Box::new(move || {
                if let Some(r) = running.borrow_mut().take() {
                    r.stop();
                }
            })
        });
    }
    {
        // Another tab connected, reconnected or disconnected: this tab follows (its worker
        // stops, and starts again with the new connection), so Disconnect stops sync in
        // every tab and no tab goes on with an old connection.
        let (saved, state, view, running) =
            (saved.clone(), state.clone(), view.clone(), running.clone());
        use_effect_on((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "storage", move |event| {
                let Some(e) = event.dyn_ref::<web_sys::StorageEvent>() else {
                    return;
                };
                if e.key().as_deref() != Some(SAVED_KEY) {
                    return;
                }
                if let Some(r) = running.borrow_mut().take() {
                    r.stop();
                }
                let next = e.new_value().and_then(|t| Saved::decode(&t));
                match &next {
                    None => view.dispatch(CouchAction::Status(None)),
                    Some(s) => *running.borrow_mut() = start(s.config.clone(), &state, &view),
                }
                saved.set(next);
            });
            move || drop(listener)
        });
    }
    let connect = {
        let (saved, state, view, running) =
            (saved.clone(), state.clone(), view.clone(), running.clone());
        Callback::from(move |(config, remember): (Config, bool)| {
            if let Some(r) = running.borrow_mut().take() {
                r.stop();
            }
            let keep = Saved::new(&config, remember);
            if let Some(ls) = storage() {
                let _ = ls.set_item(SAVED_KEY, &keep.encode());
            }
            saved.set(Some(keep));
            *running.borrow_mut() = start(config, &state, &view);
        })
    };
    let disconnect = {
        let (saved, view, running) = (saved.clone(), view.clone(), running.clone());
        Callback::from(move |_| {
            if let Some(r) = running.borrow_mut().take() {
                r.stop();
            }
            if let Some(ls) = storage() {
                let _ = ls.remove_item(SAVED_KEY);
            }
            saved.set(None);
            view.dispatch(CouchAction::Status(None));
        })
    };
    let create_database = {
        let running = running.clone();
        Callback::from(move |_| {
            if let Some(r) = &*running.borrow() {
                r.post(&ToSyncer::CreateDatabase);
            }
        })
    };
    Couch {
        saved: (*saved).clone(),
        view: Rc::new((*view).clone()),
        connect,
        disconnect,
        create_database,
    }
}
