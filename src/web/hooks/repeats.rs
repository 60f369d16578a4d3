//! The library's repeat-claim index ([`ClaimIndex`]), kept in step with the library.
//!
//! The index lives in the component (not in the reducer's state, which is copied on every
//! change). At each render where the library is a new value, [`ClaimIndex::plan_sync`]
//! compares the old and new annotation maps by pointer, removes what is gone and queues what
//! was added or changed; the queue is then indexed a slice at a time (claims for about
//! [`SLICE_MS`] by the clock, looked at every [`STEP_CHARS`] of claim text), each slice in a
//! task of its own, so that no task of a reload or an import
//! holds the page however much claim text the library has (20 MiB of claims took 1.5–1.9 s in
//! one task when indexed during the render). Until it is done, "Said before" and the Claims
//! view answer from what is indexed; the component renders again when it is done. Tagging a
//! claim queues one claim; typing in a note queues nothing. The index is never rebuilt.

use std::cell::RefCell;
use std::rc::Rc;

use uuid::Uuid;
use yew::prelude::*;

use crate::core::model::{Kind, Verdict};
use crate::core::repeats::{self, ClaimIndex, ClaimView, Pending};
use crate::core::storage::StoredLibrary;

/// How long one slice indexes before it leaves the rest to a task of its own. A budget in
/// characters alone (50,000, "some 5 ms") took 20–45 ms per slice on long claims (the
/// benchmark's nested import, `BENCHMARKS.md`): the cost per character depends on the text.
pub const SLICE_MS: f64 = 8.0;

/// Characters of claim text indexed between two looks at the clock (at least one claim).
pub const STEP_CHARS: usize = 2_000;

/// The clock, in milliseconds (`Date.now()`: whole milliseconds are enough for this).
fn clock() -> f64 {
    js_sys::Date::now()
}

/// The index, the library it is being brought to, and what is left to index.
pub struct Indexed {
    index: ClaimIndex,
    library: Rc<StoredLibrary>,
    pending: Pending,
    /// A slice is scheduled.
    scheduled: bool,
    /// Slices run since the start; the component renders again when the queue empties.
    finished: u64,
}

/// Indexes one slice in a task of its own, then schedules the next, or renders again when
/// the queue is empty.
fn schedule(cell: Rc<RefCell<Indexed>>, rendered: UseStateSetter<u64>) {
    cell.borrow_mut().scheduled = true;
    gloo::timers::callback::Timeout::new(0, move || {
        let done = {
            let mut guard = cell.borrow_mut();
            let ix = &mut *guard;
            let library = Rc::clone(&ix.library);
            let started = clock();
            loop {
                let done = ix
                    .index
                    .index_some(&mut ix.pending, &library.annotations, STEP_CHARS);
                if done || (clock() - started).abs() >= SLICE_MS {
                    break done;
                }
            }
        };
        if done {
            let mut ix = cell.borrow_mut();
            ix.scheduled = false;
            ix.finished += 1;
            rendered.set(ix.finished);
        } else {
            schedule(cell, rendered);
        }
    })
    .forget();
}

/// What the view asks of the index.
#[derive(Clone)]
pub struct Repeats(Rc<RefCell<Indexed>>);

impl Repeats {
    /// The index's revision: what was asked of it stays valid until it changes.
    pub fn revision(&self) -> u64 {
        self.0.borrow().index.revision()
    }

    /// The claims of the library that repeat claim `id` (an annotation of the library).
    pub fn of(&self, id: Uuid) -> Vec<ClaimView> {
        let ix = self.0.borrow();
        let Some(a) = ix
            .library
            .annotations
            .get(&id)
            .filter(|a| a.kind() == Kind::Claim)
        else {
            return Vec::new();
        };
        let found = ix.index.repeats_of(&a.quote.exact, Some(id));
        repeats::views(&found, &ix.library.annotations, |aid| {
            ix.library
                .articles
                .get(&aid)
                .map(|s| s.article.title.as_str())
        })
    }

    /// Every claim of the library in groups of repeats, for the Claims view.
    pub fn groups(&self, verdict: Option<Verdict>) -> Vec<Vec<ClaimView>> {
        let ix = self.0.borrow();
        repeats::claim_groups(
            &ix.index.groups(),
            &ix.library.annotations,
            |aid| {
                ix.library
                    .articles
                    .get(&aid)
                    .map(|s| s.article.title.as_str())
            },
            verdict,
        )
    }
}

/// The repeat index of `library`, brought up to date at this render.
#[hook]
pub fn use_repeats(library: &Rc<StoredLibrary>) -> Repeats {
    let cell = use_mut_ref(|| Indexed {
        index: ClaimIndex::with_breaks(crate::web::breaks::BROWSER),
        library: Rc::new(StoredLibrary::default()),
        pending: Pending::default(),
        scheduled: false,
        finished: 0,
    });
    let rendered = use_state_eq(|| 0u64);
    let start = {
        let mut guard = cell.borrow_mut();
        let ix = &mut *guard;
        if !Rc::ptr_eq(&ix.library, library) {
            let old = std::mem::replace(&mut ix.library, Rc::clone(library));
            ix.index
                .plan_sync(&old.annotations, &library.annotations, &mut ix.pending);
        }
        !ix.pending.is_empty() && !ix.scheduled
    };
    if start {
        schedule(Rc::clone(&cell), rendered.setter());
    }
    Repeats(cell)
}
