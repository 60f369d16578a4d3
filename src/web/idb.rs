//! IndexedDB glue: opens the database of [`crate::core::storage`] and moves record text in and
//! out of it. Every decision about records (what to write, what a record means, which records
//! are protected) is made in the core; this module only carries out reads and [`WritePlan`]s.
//!
//! Records are JSON text in the core and JS objects in IndexedDB (so that the in-line key path
//! `id` and the index key path `article_id` work): this module writes with `JSON.parse` and
//! reads with `JSON.stringify`. A stored value that cannot be turned back into JSON text (which
//! only another program could have written) is handed to the core as an empty text, which the
//! core reports as damaged and protects; nothing is dropped here.
//!
//! **Why the `idb` crate** (0.6, without its `builder` feature): it is the smallest of the
//! well-kept IndexedDB crates that build with this project's wasm-bindgen 0.2.130 and
//! web-sys 0.3.107 without a downgrade. Its only dependencies are `js-sys`, `web-sys`,
//! `wasm-bindgen`, `thiserror`, `indexmap`, `num-traits` and `tokio`'s `sync` module (for its
//! futures). `rexie` is a layer over `idb` that adds its builder and a second `thiserror`;
//! `indexed_db_futures` pulls in about ten helper and macro crates. This module uses `idb` for
//! opening (with the upgrade callback) and for awaiting requests; it waits for a transaction's
//! `complete` or `abort` itself (see [`settled`]), because `idb`'s transaction future resolves
//! on the first `error` event, before the browser sets the transaction's error, and would
//! lose the difference between a full disk and any other failure.
//!
//! Architecture invariant: only this module touches IndexedDB.

use std::cell::RefCell;
use std::fmt;
use std::future::{Future, IntoFuture};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use idb::{DatabaseEvent, Event as _, Factory, KeyPath, ObjectStoreParams, Request as _};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DomException, IdbDatabase, IdbTransaction};

use crate::core::storage::{RawRecord, Store, WritePlan, DB_NAME, DB_VERSION, STORES};

/// Why storage failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// The browser offers no storage to this page: no IndexedDB (some private modes, some
    /// embedded browsers), access refused, or the database is held at an older version by
    /// another tab. The text says which.
    Unavailable(String),
    /// The browser refused to store more ("QuotaExceededError"): the disk or the site's quota
    /// is full.
    QuotaExceeded,
    /// Any other failure, with the browser's message.
    Other(String),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Unavailable(why) => {
                write!(f, "Saving in this browser is not available: {why}")
            }
            StorageError::QuotaExceeded => write!(
                f,
                "The browser has no more room for this site's data. Export or delete articles \
                 to free space; your latest changes are kept in this tab until then."
            ),
            StorageError::Other(why) => write!(f, "Saving failed: {why}"),
        }
    }
}

impl std::error::Error for StorageError {}

/// The name and message of a DOM exception, or of any thrown JS value.
fn error_name_and_message(value: &JsValue) -> (String, String) {
    if let Some(e) = value.dyn_ref::<DomException>() {
        return (e.name(), e.message());
    }
    if let Some(e) = value.dyn_ref::<js_sys::Error>() {
        return (String::from(e.name()), String::from(e.message()));
    }
    (String::new(), thrown_text(value))
}

/// Maps a thrown value to an error; `opening` tells whether it came from opening the database,
/// where a refusal means storage is unavailable.
fn from_js(value: &JsValue, opening: bool) -> StorageError {
    let (name, message) = error_name_and_message(value);
    let text = if name.is_empty() {
        message
    } else if message.is_empty() {
        name.clone()
    } else {
        format!("{name}: {message}")
    };
    match name.as_str() {
        "QuotaExceededError" => StorageError::QuotaExceeded,
        "SecurityError" => StorageError::Unavailable(format!(
            "the browser refuses this page access to storage ({text})."
        )),
        "InvalidStateError" | "UnknownError" if opening => StorageError::Unavailable(format!(
            "the browser could not open its database, as happens in some private modes \
             ({text})."
        )),
        "InvalidStateError" => StorageError::Unavailable(format!(
            "the database was closed, for example because another tab is upgrading it; \
             reload the page ({text})."
        )),
        _ => StorageError::Other(text),
    }
}

/// Maps an error of the `idb` crate.
fn from_idb(error: idb::Error, opening: bool) -> StorageError {
    match error {
        idb::Error::DomException(e) => from_js(&e.into(), opening),
        idb::Error::IndexedDbNotFound(_) => StorageError::Unavailable(
            "this browser offers no IndexedDB to this page (private mode or an embedded \
             browser)."
                .into(),
        ),
        idb::Error::IndexedDbOpenFailed(e) => from_js(&e, true),
        idb::Error::TransactionOpenFailed(e)
        | idb::Error::AddFailed(e)
        | idb::Error::DeleteFailed(e)
        | idb::Error::GetAllFailed(e)
        | idb::Error::GetAllKeysFailed(e)
        | idb::Error::ObjectStoreNotFound(e) => from_js(&e, opening),
        other => StorageError::Other(other.to_string()),
    }
}

/// An open database. Dropping it closes the connection.
pub struct Db {
    db: IdbDatabase,
    /// Closes this connection when another tab needs to upgrade the database, so that this
    /// tab never blocks it; later writes then fail with [`StorageError::Unavailable`].
    _on_version_change: Closure<dyn FnMut(web_sys::Event)>,
}

impl fmt::Debug for Db {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Db").field("name", &self.db.name()).finish()
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        self.db.set_onversionchange(None);
        self.db.close();
    }
}

/// Opens the app's database, [`DB_NAME`] at [`DB_VERSION`], creating its stores on first use.
pub async fn open() -> Result<Db, StorageError> {
    open_named(DB_NAME).await
}

/// Opens the database `name` with the app's stores (for tests, which each use their own).
pub async fn open_named(name: &str) -> Result<Db, StorageError> {
    let factory = Factory::new().map_err(|e| from_idb(e, true))?;
    let mut request = factory
        .open(name, Some(DB_VERSION))
        .map_err(|e| from_idb(e, true))?;
    let upgrade_error: Rc<RefCell<Option<String>>> = Rc::default();
    let upgrade_error_in = Rc::clone(&upgrade_error);
    request.on_upgrade_needed(move |event| {
        if let Err(e) = create_stores(&event) {
            *upgrade_error_in.borrow_mut() = Some(e);
            // Abort the upgrade, so that the database keeps its old version and the next
            // start tries again, rather than a new version without all its stores.
            if let Some(tx) = event.target().ok().and_then(|r| r.transaction()) {
                let _ = tx.abort();
            }
        }
    });
    let blocked = Signal::new();
    let blocked_in = blocked.clone();
    request.on_blocked(move |_| blocked_in.fire(true));
    let mut opening = Box::pin(request.into_future());
    let outcome = std::future::poll_fn(|cx| {
        if blocked.poll(cx).is_ready() {
            return Poll::Ready(Err(StorageError::Unavailable(
                "another tab of this app holds an older version of the database open; close \
                 it and reload this page."
                    .into(),
            )));
        }
        opening
            .as_mut()
            .poll(cx)
            .map(|r| r.map_err(|e| from_idb(e, true)))
    })
    .await;
    if let Some(why) = upgrade_error.borrow_mut().take() {
        if let Ok(database) = &outcome {
            database.close();
        }
        return Err(StorageError::Other(format!(
            "the database's stores could not be created ({why})."
        )));
    }
    let database = outcome?;
    let db: IdbDatabase = database.into();
    let names = db.object_store_names();
    if let Some(missing) = STORES
        .iter()
        .find(|spec| !names.contains(spec.store.name()))
    {
        db.close();
        return Err(StorageError::Other(format!(
            "the database has no “{}” store; it may have been changed by another program.",
            missing.store
        )));
    }
    let on_version_change = Closure::<dyn FnMut(web_sys::Event)>::new(|event: web_sys::Event| {
        if let Some(db) = event
            .target()
            .and_then(|t| t.dyn_into::<IdbDatabase>().ok())
        {
            db.close();
        }
    });
    db.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
    Ok(Db {
        db,
        _on_version_change: on_version_change,
    })
}

/// Creates the stores and indexes of [`STORES`] that do not exist yet (in the upgrade
/// transaction of an open request).
fn create_stores(event: &idb::event::VersionChangeEvent) -> Result<(), String> {
    let database = event.database().map_err(|e| e.to_string())?;
    let existing = database.store_names();
    let upgrade = event
        .target()
        .ok()
        .and_then(|request| request.transaction());
    for spec in STORES {
        let name = spec.store.name();
        let store = if existing.iter().any(|n| n == name) {
            upgrade
                .as_ref()
                .ok_or("no upgrade transaction")?
                .object_store(name)
                .map_err(|e| e.to_string())?
        } else {
            let mut params = ObjectStoreParams::new();
            params.key_path(spec.key_path.map(KeyPath::new_single));
            database
                .create_object_store(name, params)
                .map_err(|e| e.to_string())?
        };
        let indexes = store.index_names();
        for (index, path) in spec.indexes {
            if !indexes.iter().any(|n| n == index) {
                store
                    .create_index(index, KeyPath::new_single(path), None)
                    .map_err(|e| e.to_string())?;
            }
        }
    }
    Ok(())
}

/// Whether `store` reads its keys from the records themselves (an in-line key path).
fn in_line_key(store: Store) -> bool {
    STORES
        .iter()
        .any(|spec| spec.store == store && spec.key_path.is_some())
}

impl Db {
    /// The database's name.
    pub fn name(&self) -> String {
        self.db.name()
    }

    /// Reads every record of every store, in one read-only transaction, as the store, the key
    /// and the record's JSON text, for [`crate::core::storage::load_records`].
    pub async fn load_all(&self) -> Result<Vec<RawRecord>, StorageError> {
        let stores: Vec<Store> = STORES.iter().map(|s| s.store).collect();
        self.read(&stores)?.await
    }

    /// Asks for every record of `stores`, in one read-only transaction, and returns the
    /// future of their store, key and JSON text. The requests are made before this returns,
    /// so the browser reads meanwhile, and a read asked for first is not queued behind a later
    /// one (the start asks for the small articles store before the whole library, see
    /// [`crate::core::storage::FIRST_READ`]).
    pub fn read(
        &self,
        stores: &[Store],
    ) -> Result<impl Future<Output = Result<Vec<RawRecord>, StorageError>>, StorageError> {
        let names: Vec<&str> = stores.iter().map(|s| s.name()).collect();
        let tx = idb::Database::from(self.db.clone())
            .transaction(&names, idb::TransactionMode::ReadOnly)
            .map_err(|e| from_idb(e, false))?;
        // Both requests of every store are made here, in one transaction, so keys and values
        // are read from the same state, both in key order.
        let mut requests = Vec::new();
        for &store in stores {
            let object_store = tx
                .object_store(store.name())
                .map_err(|e| from_idb(e, false))?;
            let keys = object_store
                .get_all_keys(None, None)
                .map_err(|e| from_idb(e, false))?;
            let values = object_store
                .get_all(None, None)
                .map_err(|e| from_idb(e, false))?;
            requests.push((store, keys.into_future(), values.into_future()));
        }
        Ok(async move {
            let mut out = Vec::new();
            for (store, keys, values) in requests {
                let keys = keys.await.map_err(|e| from_idb(e, false))?;
                let values = values.await.map_err(|e| from_idb(e, false))?;
                if keys.len() != values.len() {
                    return Err(StorageError::Other(format!(
                        "the {store} store gave {} keys for {} records.",
                        keys.len(),
                        values.len()
                    )));
                }
                for (key, value) in keys.iter().zip(values.iter()) {
                    out.push(RawRecord {
                        store,
                        key: key_text(key),
                        json: json_text(value),
                    });
                }
            }
            Ok(out)
        })
    }

    /// Carries out `plan` in one read-write transaction: every put and delete is written, or,
    /// if any fails, none is. Returns once the browser reports the transaction complete, with
    /// strict durability (the data has reached the disk).
    pub async fn apply(&self, plan: &WritePlan) -> Result<(), StorageError> {
        if plan.is_empty() {
            return Ok(());
        }
        let tx = self.write_transaction().map_err(|e| from_js(&e, false))?;
        // Listen before the first request: the transaction cannot settle before this function
        // yields, since no await comes between its creation and here.
        let done = settled(&tx);
        if let Err(e) = issue(&tx, plan) {
            let _ = tx.abort();
            // Wait for the abort to be reported: `done` owns the handlers the transaction
            // still points to, and dropping it first would leave the browser calling freed
            // closures.
            let _ = done.await;
            return Err(e);
        }
        // Ask the browser to commit now rather than when the event loop next turns: a write
        // started as the page is hidden or closed then reaches the disk more often.
        if let Ok(commit) = js_sys::Reflect::get(&tx, &"commit".into()) {
            if let Ok(f) = commit.dyn_into::<js_sys::Function>() {
                let _ = f.call0(&tx);
            }
        }
        match done.await {
            Outcome::Complete => Ok(()),
            Outcome::Aborted => Err(match tx.error() {
                Some(e) => from_js(&e.into(), false),
                None => StorageError::Other("the browser cancelled the write.".into()),
            }),
        }
    }
}

impl Db {
    /// A read-write transaction over every store with strict durability, so that its
    /// `complete` event means the data is on disk. `durability` is still an unstable API in
    /// `web-sys`, so the call is made through `Reflect`; a browser that does not know the
    /// option ignores it.
    fn write_transaction(&self) -> Result<IdbTransaction, JsValue> {
        let names = js_sys::Array::new();
        for spec in STORES {
            names.push(&JsValue::from_str(spec.store.name()));
        }
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"durability".into(), &"strict".into())?;
        let transaction: js_sys::Function =
            js_sys::Reflect::get(&self.db, &"transaction".into())?.dyn_into()?;
        transaction
            .call3(&self.db, &names, &"readwrite".into(), &options)?
            .dyn_into::<IdbTransaction>()
    }
}

/// Makes the requests of `plan` in `tx`, stopping at the first that the browser refuses.
fn issue(tx: &IdbTransaction, plan: &WritePlan) -> Result<(), StorageError> {
    for (store, key, json) in &plan.puts {
        let value = js_sys::JSON::parse(json).map_err(|e| {
            StorageError::Other(format!(
                "the {store} record “{key}” is not JSON ({}).",
                error_name_and_message(&e).1
            ))
        })?;
        let object_store = tx
            .object_store(store.name())
            .map_err(|e| from_js(&e, false))?;
        let key = JsValue::from_str(key);
        if in_line_key(*store) {
            object_store.put(&value)
        } else {
            object_store.put_with_key(&value, &key)
        }
        .map_err(|e| from_js(&e, false))?;
    }
    for (store, key) in &plan.deletes {
        tx.object_store(store.name())
            .and_then(|s| s.delete(&JsValue::from_str(key)))
            .map_err(|e| from_js(&e, false))?;
    }
    Ok(())
}

/// A stored key as text: strings as they are, anything else as JSON.
fn key_text(key: &JsValue) -> String {
    key.as_string().unwrap_or_else(|| json_text(key))
}

/// Something thrown that is neither an `Error` nor a `DOMException`, as text: a string as it is,
/// anything else as JSON (not `JsValue`'s `Debug`, whose JS glue and formatting the page would
/// carry for this alone).
pub fn thrown_text(value: &JsValue) -> String {
    value.as_string().unwrap_or_else(|| match json_text(value) {
        t if t.is_empty() => "an unknown error".to_owned(),
        t => t,
    })
}

/// A stored value as JSON text; empty when it has none (the core then reports it damaged).
fn json_text(value: &JsValue) -> String {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// Asks the browser to keep this site's data even when the disk runs low; resolves to whether
/// it agreed. `false` also when the browser offers no storage manager.
pub async fn request_persist() -> bool {
    let Some(manager) = storage_manager() else {
        return false;
    };
    let Ok(promise) = manager.persist() else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// How many bytes this site uses and may use, as the browser estimates them; `None` when it
/// offers no estimate.
pub async fn estimate() -> Option<(f64, f64)> {
    let promise = storage_manager()?.estimate().ok()?;
    let value = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    let estimate: web_sys::StorageEstimate = value.unchecked_into();
    Some((estimate.get_usage()?, estimate.get_quota()?))
}

/// `navigator.storage`, which insecure pages and old browsers lack.
fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    let value = js_sys::Reflect::get(&navigator, &JsValue::from_str("storage")).ok()?;
    value.dyn_into().ok()
}

/// How a transaction ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Complete,
    Aborted,
}

/// Resolves when `tx` completes or aborts.
fn settled(tx: &IdbTransaction) -> impl Future<Output = Outcome> {
    let signal = Signal::new();
    let on_complete = {
        let signal = signal.clone();
        Closure::<dyn FnMut()>::new(move || signal.fire(Outcome::Complete))
    };
    let on_abort = {
        let signal = signal.clone();
        Closure::<dyn FnMut()>::new(move || signal.fire(Outcome::Aborted))
    };
    tx.set_oncomplete(Some(on_complete.as_ref().unchecked_ref()));
    tx.set_onabort(Some(on_abort.as_ref().unchecked_ref()));
    let tx = tx.clone();
    async move {
        let outcome = std::future::poll_fn(|cx| signal.poll(cx)).await;
        tx.set_oncomplete(None);
        tx.set_onabort(None);
        drop((on_complete, on_abort));
        outcome
    }
}

/// A value set once by a browser callback and awaited by one task.
struct Signal<T>(Rc<RefCell<(Option<T>, Option<Waker>)>>);

impl<T> Clone for Signal<T> {
    fn clone(&self) -> Self {
        Signal(Rc::clone(&self.0))
    }
}

impl<T: Copy> Signal<T> {
    fn new() -> Self {
        Signal(Rc::new(RefCell::new((None, None))))
    }

    /// Sets the value (the first one wins) and wakes the waiting task.
    fn fire(&self, value: T) {
        let waker = {
            let mut inner = self.0.borrow_mut();
            if inner.0.is_none() {
                inner.0 = Some(value);
            }
            inner.1.take()
        };
        if let Some(w) = waker {
            w.wake();
        }
    }

    fn poll(&self, cx: &mut Context<'_>) -> Poll<T> {
        let mut inner = self.0.borrow_mut();
        match inner.0 {
            Some(v) => Poll::Ready(v),
            None => {
                inner.1 = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}
