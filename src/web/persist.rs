//! Carries the queued writes ([`crate::web::state::Outbox`]) to IndexedDB, one transaction at
//! a time, tells other tabs what was written (one batched message per write), and keeps this
//! tab's journal.
//!
//! A change is flushed at most [`DEBOUNCE_MS`] after it was made, and at once when the page
//! is hidden or closed. A failed write is put back in the queue (a newer change to the same
//! record wins) and retried every [`RETRY_MS`]; nothing already saved is touched.
//!
//! # The journal
//!
//! When the page is hidden or closed, every write not yet known to be in IndexedDB is copied
//! synchronously to `localStorage` under this tab's own key
//! ([`crate::core::storage::journal_key`]); a flush that leaves nothing queued removes that key,
//! and only that key. On start the app reads every journal ([`read_journals`]), replays them
//! ([`crate::core::storage::replay_journals`]), queues the result and hands the journals to
//! [`Persister::adopt_journals`], which removes each once those writes are in IndexedDB and only
//! if it still holds the text that was replayed (a tab still open may have rewritten its own).
//! A journal that cannot be written (the browser's local storage is full or refused) is
//! reported to the user through the persister's problem callback.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;
use std::task::{Context, Waker};

use gloo::timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};
use yew::Callback;

use crate::core::storage::{
    encode_journal, is_journal_key, journal_key, sync_batches, Journal, PendingWrites, TabId,
    WritePlan,
};
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
    in_flight: RefCell<Option<WritePlan>>,
    timer: RefCell<Option<Timeout>>,
    on_status: Callback<StorageStatus>,
    /// Problems the user must be told of that are not the state of the database: a journal
    /// that could not be written.
    on_problem: Callback<String>,
    /// This tab's journal key.
    journal_key: String,
    /// Journals of other pages replayed into the outbox, removed once it is flushed.
    adopted: RefCell<Vec<Journal>>,
}

impl Persister {
    /// A writer for `outbox` that journals under `tab`'s own key, reports the state of the
    /// database to `on_status` and a journal that could not be written to `on_problem`.
    pub fn for_tab(
        outbox: Outbox,
        tab: &TabId,
        on_status: Callback<StorageStatus>,
        on_problem: Callback<String>,
    ) -> Rc<Self> {
        Rc::new(Persister {
            db: RefCell::new(None),
            channel: RefCell::new(None),
            outbox,
            flushing: Cell::new(false),
            in_flight: RefCell::new(None),
            timer: RefCell::new(None),
            on_status,
            on_problem,
            journal_key: journal_key(tab),
            adopted: RefCell::new(Vec::new()),
        })
    }

    /// This tab's journal key.
    pub fn journal_key(&self) -> &str {
        &self.journal_key
    }

    /// Takes charge of journals whose writes were just queued in the outbox (by
    /// [`crate::core::storage::replay_journals`]): each is removed from `localStorage` once
    /// every write queued now is in IndexedDB, and only if its text is still the one given.
    pub fn adopt_journals(&self, journals: Vec<Journal>) {
        self.adopted.borrow_mut().extend(journals);
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

    /// Whether everything queued so far is in IndexedDB: nothing waits and nothing is being
    /// written.
    pub fn idle(&self) -> bool {
        !self.flushing.get() && self.outbox.0.borrow().is_empty()
    }

    /// Starts writing everything queued now. The IndexedDB transaction is created before the
    /// first await, so a flush started on `pagehide` is queued before the page goes away.
    pub fn flush_now(self: &Rc<Self>) {
        if self.flushing.get() {
            return;
        }
        let Some(db) = self.db.borrow().clone() else {
            return;
        };
        if self.outbox.0.borrow().is_empty() {
            // Nothing is waiting: every write queued so far is in IndexedDB.
            self.settle_journals();
            return;
        }
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
                        // One message per write (a very large write is cut into a few
                        // bounded batches), so another tab applies and renders it once.
                        for batch in sync_batches(&plan) {
                            let _ = ch.post(&batch);
                        }
                    }
                    me.on_status.emit(StorageStatus::Available);
                    if me.outbox.0.borrow().is_empty() {
                        me.settle_journals();
                    } else {
                        me.schedule(0);
                    }
                }
                Err(e) => {
                    me.outbox.0.borrow_mut().put_back(plan);
                    me.on_status
                        .emit(StorageStatus::Retrying(write_failure_message(&e)));
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

    /// Copies every write not yet known to be in IndexedDB (the one in flight and the queued
    /// ones) into this tab's journal, synchronously. Called when the page is hidden or closed;
    /// the next start replays it ([`crate::core::storage::replay_journals`]). A journal that
    /// cannot be written is reported; the writes stay queued either way.
    pub fn journal_now(&self) {
        let mut all = PendingWrites::new();
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
        let Some(ls) = local_storage() else {
            if !plan.is_empty() {
                self.on_problem.emit(
                    "Your latest changes could not be kept while the page is hidden: this \
                     browser offers the page no local storage. They are still being saved; \
                     keep the page open a moment before closing it."
                        .to_owned(),
                );
            }
            return;
        };
        if plan.is_empty() {
            let _ = ls.remove_item(&self.journal_key);
            return;
        }
        if let Err(e) = ls.set_item(&self.journal_key, &encode_journal(&plan)) {
            self.on_problem.emit(journal_failed(&e));
        }
    }

    /// Everything queued so far is in IndexedDB: this tab's journal and the journals it
    /// adopted are no longer needed. An adopted journal whose text changed since (its tab is
    /// still open and journaled again) is left to that tab.
    fn settle_journals(&self) {
        let Some(ls) = local_storage() else {
            return;
        };
        let _ = ls.remove_item(&self.journal_key);
        for journal in self.adopted.borrow_mut().drain(..) {
            if ls.get_item(&journal.key).ok().flatten().as_deref() == Some(journal.text.as_str()) {
                let _ = ls.remove_item(&journal.key);
            }
        }
    }
}

/// What the user is told when a write fails.
pub fn write_failure_message(e: &StorageError) -> String {
    match e {
        StorageError::QuotaExceeded => {
            "The browser's storage for this site is full, so your latest changes could not be saved."
                .to_owned()
        }
        other => format!("Your latest changes could not be saved: {other}"),
    }
}

/// What the user is told when the journal could not be written (`error` is what
/// `localStorage.setItem` threw).
fn journal_failed(error: &JsValue) -> String {
    let name = error
        .dyn_ref::<web_sys::DomException>()
        .map(|e| e.name())
        .unwrap_or_default();
    let why = if name == "QuotaExceededError" {
        "the browser's local storage for this site is full".to_owned()
    } else {
        let message = error
            .dyn_ref::<web_sys::DomException>()
            .map(|e| e.message())
            .or_else(|| error.dyn_ref::<js_sys::Error>().map(|e| e.message().into()))
            .unwrap_or_else(|| "the browser refused it".to_owned());
        format!("the browser's local storage refused them ({message})")
    };
    format!(
        "Your latest changes could not be kept while the page is hidden: {why}. They are still \
         being saved; keep the page open a moment before closing it."
    )
}

/// The window's `localStorage`, when the browser gives one.
pub(crate) fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Every journal in `localStorage` (this tab's, other tabs' and the legacy shared one), in
/// key order, for [`crate::core::storage::replay_journals`].
pub fn read_journals() -> Vec<Journal> {
    let Some(ls) = local_storage() else {
        return Vec::new();
    };
    let count = ls.length().unwrap_or(0);
    let mut journals: Vec<Journal> = (0..count)
        .filter_map(|i| ls.key(i).ok().flatten())
        .filter(|key| is_journal_key(key))
        .filter_map(|key| {
            let text = ls.get_item(&key).ok().flatten()?;
            Some(Journal { key, text })
        })
        .collect();
    crate::core::sort::sort_by(&mut journals, |a, b| a.key.cmp(&b.key));
    journals
}
