//! The library's repeat-claim index ([`ClaimIndex`]), kept in step with the library.
//!
//! The index lives in the component (not in the reducer's state, which is copied on every
//! change): at each render where the library is a new value, [`ClaimIndex::sync`] walks the
//! old and new annotation maps and re-indexes only the records that changed (by pointer), so
//! tagging a claim indexes one claim and typing in a note indexes nothing. The index is never
//! rebuilt.

use std::cell::RefCell;
use std::rc::Rc;

use uuid::Uuid;
use yew::prelude::*;

use crate::core::model::{Kind, Verdict};
use crate::core::repeats::{self, ClaimIndex, ClaimView};
use crate::core::storage::StoredLibrary;

/// The index and the library it was last brought to.
pub struct Indexed {
    index: ClaimIndex,
    library: Rc<StoredLibrary>,
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
        index: ClaimIndex::new(),
        library: Rc::new(StoredLibrary::default()),
    });
    {
        let mut ix = cell.borrow_mut();
        if !Rc::ptr_eq(&ix.library, library) {
            let old = std::mem::replace(&mut ix.library, Rc::clone(library));
            ix.index.sync(&old.annotations, &library.annotations);
        }
    }
    Repeats(cell)
}
