//! Start-up: open IndexedDB, read the library, replay what an earlier page left in the
//! journal, listen to other tabs, ask for persistent storage.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::storage::{self, DB_NAME};
use crate::web::persist::{read_journals, Persister};
use crate::web::state::{AppAction, AppState, Notice, StorageStatus};
use crate::web::{dom, idb, sync};

/// Storage usage and quota in bytes, once the browser has told them.
pub type Usage = Option<(f64, f64)>;

/// Reads the library once, when the app starts, into `state`; returns the storage usage,
/// known shortly after. When IndexedDB cannot be used, the app works in memory and says so.
#[hook]
pub fn use_startup(state: &UseReducerHandle<AppState>, persister: &Rc<Persister>) -> Usage {
    let usage = use_state_eq(|| None::<(f64, f64)>);
    {
        let (state, persister, usage) = (state.clone(), persister.clone(), usage.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(start(state, persister, usage));
        });
    }
    *usage
}

async fn start(
    state: UseReducerHandle<AppState>,
    persister: Rc<Persister>,
    usage: UseStateHandle<Usage>,
) {
    let loaded = match idb::open().await {
        Ok(db) => db
            .load_all()
            .await
            .map(|raw| (db, storage::load_records(raw))),
        Err(e) => Err(e),
    };
    let (db, mut result) = match loaded {
        Ok(x) => x,
        Err(e) => {
            state.dispatch(AppAction::Loaded {
                result: Default::default(),
                now: dom::now(),
            });
            state.dispatch(AppAction::SetStorage(StorageStatus::Unavailable(
                e.to_string(),
            )));
            return;
        }
    };
    *persister.db.borrow_mut() = Some(Rc::new(db));
    // Writes left pending by pages that closed (every tab journals under its own key) are
    // replayed first, by the same merge rule as changes from other tabs.
    let journals = read_journals();
    let replayed = storage::replay_journals(&mut result, &journals);
    state.outbox.0.borrow_mut().push(replayed.plan);
    persister.adopt_journals(journals);
    state.dispatch(AppAction::Loaded {
        result,
        now: dom::now(),
    });
    if !replayed.problems.is_empty() {
        let problems: Vec<String> = replayed.problems.iter().map(|p| p.to_string()).collect();
        notify_error(&state, problems.join(" "));
    }
    listen_to_other_tabs(&state, &persister);
    persister.schedule(0);
    idb::request_persist().await;
    usage.set(idb::estimate().await);
}

/// Applies what other tabs write, and lets the persister tell them what this tab writes.
fn listen_to_other_tabs(state: &UseReducerHandle<AppState>, persister: &Persister) {
    let Ok(channel) = sync::Channel::new(DB_NAME) else {
        return;
    };
    let st = state.clone();
    let subscription = channel.subscribe(Callback::from(move |m| match m {
        Ok(batch) => st.dispatch(AppAction::RemoteBatch(batch)),
        Err(e) => notify_error(
            &st,
            format!("A change from another tab could not be read: {e}"),
        ),
    }));
    // The subscription lives as long as the page.
    std::mem::forget(subscription);
    *persister.channel.borrow_mut() = Some(channel);
}

fn notify_error(state: &UseReducerHandle<AppState>, text: String) {
    state.dispatch(AppAction::Notify(Notice::error(text)));
}
