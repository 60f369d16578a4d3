//! Carries the queued writes ([`crate::web::state::Outbox`]) to IndexedDB, one transaction at
//! a time, and tells other tabs what was written.
//!
//! A change is flushed at most [`DEBOUNCE_MS`] after it was made, and at once when the page
//! is hidden or closed. A failed write is put back in the queue (a newer change to the same
//! record wins) and retried every [`RETRY_MS`]; nothing already saved is touched.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::Callback;

use crate::core::storage::sync_messages;
use crate::web::idb::{Db, StorageError};
use crate::web::state::{Outbox, StorageStatus};
use crate::web::sync::Channel;

/// How long after a change its write starts, so a burst of changes is one transaction.
pub const DEBOUNCE_MS: u32 = 150;
/// How long after a failed write it is tried again.
pub const RETRY_MS: u32 = 2_000;

/// The writer. Shared by the app's effects and listeners.
pub struct Persister {
    pub db: RefCell<Option<Rc<Db>>>,
    pub channel: RefCell<Option<Channel>>,
    outbox: Outbox,
    flushing: Cell<bool>,
    timer: RefCell<Option<Timeout>>,
    on_status: Callback<StorageStatus>,
}

impl Persister {
    /// A writer for `outbox`, reporting to `on_status`.
    pub fn new(outbox: Outbox, on_status: Callback<StorageStatus>) -> Rc<Self> {
        Rc::new(Persister {
            db: RefCell::new(None),
            channel: RefCell::new(None),
            outbox,
            flushing: Cell::new(false),
            timer: RefCell::new(None),
            on_status,
        })
    }

    /// Flushes after `delay_ms`, unless a flush is already scheduled sooner.
    pub fn schedule(self: &Rc<Self>, delay_ms: u32) {
        if self.timer.borrow().is_some() {
            return;
        }
        let me = self.clone();
        *self.timer.borrow_mut() = Some(Timeout::new(delay_ms, move || {
            me.timer.borrow_mut().take();
            me.flush_now();
        }));
    }

    /// Starts writing everything queued now. The IndexedDB transaction is created before the
    /// first await, so a flush started on `pagehide` is queued before the page goes away.
    pub fn flush_now(self: &Rc<Self>) {
        if self.flushing.get() || self.outbox.0.borrow().is_empty() {
            return;
        }
        let Some(db) = self.db.borrow().clone() else {
            return;
        };
        self.flushing.set(true);
        let plan = self.outbox.0.borrow_mut().take();
        let me = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let result = db.apply(&plan).await;
            me.flushing.set(false);
            match result {
                Ok(()) => {
                    if let Some(ch) = me.channel.borrow().as_ref() {
                        for m in sync_messages(&plan) {
                            let _ = ch.post(&m);
                        }
                    }
                    me.on_status.emit(StorageStatus::Saving);
                    if !me.outbox.0.borrow().is_empty() {
                        me.schedule(0);
                    }
                }
                Err(e) => {
                    me.outbox.0.borrow_mut().put_back(plan);
                    me.on_status.emit(StorageStatus::Failing(describe(&e)));
                    me.schedule(RETRY_MS);
                }
            }
        });
    }
}

/// What the user is told when a write fails.
pub fn describe(e: &StorageError) -> String {
    match e {
        StorageError::QuotaExceeded => {
            "The browser's storage for this site is full, so your latest changes could not be saved."
                .to_owned()
        }
        other => format!("Your latest changes could not be saved: {other}"),
    }
}
