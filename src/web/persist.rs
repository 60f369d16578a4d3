//! Carries the queued writes ([`crate::web::state::Outbox`]) to IndexedDB, one transaction at
//! a time, and tells other tabs what was written.
//!
//! A change is flushed at most [`DEBOUNCE_MS`] after it was made, and at once when the page
//! is hidden or closed. A failed write is put back in the queue (a newer change to the same
//! record wins) and retried every [`RETRY_MS`]; nothing already saved is touched.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;
use std::task::{Context, Waker};

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
    /// The plan being written right now, so the journal can include it.
    in_flight: RefCell<Option<crate::core::storage::WritePlan>>,
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
            in_flight: RefCell::new(None),
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
        *self.in_flight.borrow_mut() = Some(plan.clone());
        let me = self.clone();
        let mut flush = Box::pin(async move {
            let result = db.apply(&plan).await;
            me.flushing.set(false);
            me.in_flight.borrow_mut().take();
            match result {
                Ok(()) => {
                    if let Some(ch) = me.channel.borrow().as_ref() {
                        for m in sync_messages(&plan) {
                            let _ = ch.post(&m);
                        }
                    }
                    me.on_status.emit(StorageStatus::Saving);
                    if me.outbox.0.borrow().is_empty() {
                        // Everything is in IndexedDB: the journal is no longer needed.
                        clear_journal();
                    } else {
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
        // Poll once, here, inside the calling event handler: `Db::apply` creates its
        // transaction and issues every request before its first await, so a flush started by
        // `pagehide` is in the browser's hands before the page goes. The rest runs as a task.
        let mut cx = Context::from_waker(Waker::noop());
        if flush.as_mut().poll(&mut cx).is_pending() {
            wasm_bindgen_futures::spawn_local(flush);
        }
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

impl Persister {
    /// Copies every write not yet known to be in IndexedDB (the one in flight and the queued
    /// ones) into the `localStorage` journal, synchronously. Called when the page is hidden or
    /// closed; the next start replays it ([`crate::core::storage::replay_journal`]).
    pub fn journal_now(&self) {
        let mut all = crate::core::storage::PendingWrites::new();
        if let Some(p) = self.in_flight.borrow().clone() {
            all.push(p);
        }
        {
            let mut outbox = self.outbox.0.borrow_mut();
            let queued = outbox.take();
            all.push(queued.clone());
            outbox.put_back(queued);
        }
        let plan = all.take();
        if plan.is_empty() {
            return;
        }
        if let Some(ls) = local_storage() {
            let _ = ls.set_item(
                crate::core::storage::JOURNAL_KEY,
                &crate::core::storage::encode_journal(&plan),
            );
        }
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The journal left by an earlier page, if any.
pub fn read_journal() -> Option<String> {
    local_storage()?
        .get_item(crate::core::storage::JOURNAL_KEY)
        .ok()?
}

/// Removes the journal.
pub fn clear_journal() {
    if let Some(ls) = local_storage() {
        let _ = ls.remove_item(crate::core::storage::JOURNAL_KEY);
    }
}
