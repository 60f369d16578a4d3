//! Saving: the [`Persister`] that carries queued writes to IndexedDB, flushed shortly after
//! every change and at once when the page is hidden or closed, journalled under this tab's own
//! key in the meantime.

use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;

use crate::web::hooks::effect::use_effect_on;

use crate::core::storage::TabId;
use crate::web::dom;
use crate::web::persist::{Persister, DEBOUNCE_MS};
use crate::web::state::{AppAction, AppState, Notice};

/// The app's one writer. Every change queued in the state's outbox is flushed
/// [`DEBOUNCE_MS`] after it is made; everything pending is journalled and flushed at once on
/// `visibilitychange` to hidden and on `pagehide`.
#[hook]
pub fn use_persistence(state: &UseReducerHandle<AppState>) -> Rc<Persister> {
    let persister = {
        let (outbox, state) = (state.outbox.clone(), state.clone());
        use_memo((), move |_| {
            let on_problem = {
                let state = state.clone();
                Callback::from(move |text| state.dispatch(AppAction::Notify(Notice::error(text))))
            };
            Persister::for_tab(
                outbox,
                &TabId::from_random(dom::tab_id_bytes()),
                Callback::from(move |st| state.dispatch(AppAction::SetStorage(st))),
                on_problem,
            )
        })
    };
    {
        let persister = (*persister).clone();
        use_effect_on(state.revision, move |_| persister.schedule(DEBOUNCE_MS));
    }
    {
        let persister = (*persister).clone();
        use_effect_on((), move |_| {
            let p1 = persister.clone();
            let hidden =
                EventListener::new(&gloo::utils::document(), "visibilitychange", move |_| {
                    if gloo::utils::document().visibility_state()
                        == web_sys::VisibilityState::Hidden
                    {
                        p1.journal_now();
                        p1.flush_now();
                    }
                });
            let p2 = persister;
            let pagehide = EventListener::new(&gloo::utils::window(), "pagehide", move |_| {
                p2.journal_now();
                p2.flush_now();
            });
            move || drop((hidden, pagehide))
        });
    }
    (*persister).clone()
}
