//! Start-up: open IndexedDB, read the library, replay what an earlier page left in the
//! journal, listen to other tabs, ask for persistent storage; and not open again an article
//! whose rendering the last page did not finish.
//!
//! # The opening mark
//!
//! Before an article is rendered its id is written to `sessionStorage` under
//! [`articles::OPENING_KEY`]; once it has been rendered and painted (two animation frames after
//! the render was committed) the mark is removed. A mark found at start means the page crashed
//! or was closed while rendering that article: [`articles::start_view`] then shows the library
//! with a message instead of opening it again. The mark stays until that article (or another)
//! has been opened and painted.
//!
//! The mark is the tab's own (`sessionStorage`, which a reload, a crashed page's reload and a
//! reopened tab keep): in `localStorage` alone, shared by every tab, a tab that started while
//! another was still rendering took the other's mark for a crash and refused to open its
//! article. So that a crash followed by opening the app in a new tab is seen too, every tab
//! mirrors its mark in `localStorage` under a key of its own
//! ([`articles::shared_opening_key`]) and holds a Web Lock named after itself for as long as
//! it lives ([`articles::tab_lock`]); the browser releases the lock when the tab closes or
//! crashes. At start, the marks of tabs whose lock nobody holds count as this tab's own, and
//! are removed ([`articles::left_by_dead_tabs`]); the marks of live tabs are left alone. A
//! browser without Web Locks only has the tab's own mark.

use std::rc::Rc;

use uuid::Uuid;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::web::hooks::effect::use_effect_on;

use crate::core::articles::{self, StartView, OPENING_KEY};
use crate::core::storage::{self, TabId, DB_NAME};
use crate::web::persist::{read_journals, Persister};
use crate::web::state::{AppAction, AppState, Notice, StorageStatus, View};
use crate::web::{dom, idb, sync};

/// Storage usage and quota in bytes, once the browser has told them.
pub type Usage = Option<(f64, f64)>;

/// Reads the library once, when the app starts, into `state`; returns the storage usage,
/// known shortly after. When IndexedDB cannot be used, the app works in memory and says so.
#[hook]
pub fn use_startup(state: &UseReducerHandle<AppState>, persister: &Rc<Persister>) -> Usage {
    let usage = use_state_eq(|| None::<(f64, f64)>);
    // The mark the last page left, read before this page writes one; and this tab's lock,
    // asked for before any mark of it is mirrored where other tabs read.
    let (unfinished, library_first) = *use_memo((), |_| {
        hold_tab_lock();
        (
            articles::unfinished_opening(local_item(OPENING_KEY).as_deref()),
            take_library_request(),
        )
    });
    use_opening_mark(state);
    {
        let (state, persister, usage) = (state.clone(), persister.clone(), usage.clone());
        use_effect_on((), move |_| {
            wasm_bindgen_futures::spawn_local(start(
                state,
                persister,
                usage,
                unfinished,
                library_first,
            ));
        });
    }
    *usage
}

/// Marks the open article before it is rendered, and clears the mark once it is painted (see
/// the module's documentation). Nothing is marked before the library is read: the sample shown
/// meanwhile must not replace the mark the last page left.
#[hook]
fn use_opening_mark(state: &UseReducerHandle<AppState>) {
    let open = (state.view == View::Article && state.storage != StorageStatus::Opening)
        .then_some(state.article.id);
    let marked = use_mut_ref(|| None::<Uuid>);
    // This runs while the app renders, before the article's blocks do.
    if *marked.borrow() != open {
        if let Some(id) = open {
            // Already written when the article was opened from the library or an import.
            let mark = articles::opening_mark(id);
            if local_item(OPENING_KEY).as_deref() != Some(mark.as_str()) {
                write_mark(&mark);
            }
        }
        *marked.borrow_mut() = open;
    }
    use_effect_on(open, |open| {
        if let Some(id) = *open {
            // The next start shows it first (`articles::preview_at_start`).
            if let Some(shared) = shared_storage() {
                let _ = shared.set_item(articles::LAST_SHOWN_KEY, &articles::last_shown_mark(id));
            }
            after_paint(move || {
                clear_mark(&articles::opening_mark(id));
            });
        }
    });
}

/// Calls `f` once the frame after the next one begins, so the next frame (with what was just
/// rendered) has been painted. Not cancelled: a mark must be cleared even if the user leaves
/// the article at once. A hidden page gets no animation frames and paints nothing: there `f`
/// runs at once (the render has been committed when effects run), so a tab opened in the
/// background does not leave a mark behind.
fn after_paint(f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if gloo::utils::document().visibility_state() == web_sys::VisibilityState::Hidden {
        f();
        return;
    }
    let second = Closure::once_into_js(move |_: f64| f());
    let first = Closure::once_into_js(move |_: f64| {
        if let Some(w) = web_sys::window() {
            let _ = w.request_animation_frame(second.unchecked_ref());
        }
    });
    let _ = window.request_animation_frame(first.unchecked_ref());
}

/// Whether the address asks for the library first (the installed app's start address,
/// [`articles::asks_for_library`]); the parameter is then dropped from the address, so that a
/// reload opens what the user went on to.
fn take_library_request() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let location = window.location();
    let query = location.search().unwrap_or_default();
    if !articles::asks_for_library(&query) {
        return false;
    }
    if let (Ok(path), Ok(hash), Ok(history)) =
        (location.pathname(), location.hash(), window.history())
    {
        let kept = format!(
            "{path}{}{hash}",
            articles::without_library_parameter(&query)
        );
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&kept));
    }
    true
}

/// This tab's `sessionStorage`, where the opening mark is kept.
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// Marks `id` as the article being opened, before the state is asked to open it (and to
/// compute its highlights), so that a page that dies on the way does not open it again at
/// the next start.
pub fn mark_opening(id: Uuid) {
    write_mark(&articles::opening_mark(id));
}

fn local_item(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok()?
}

fn shared_item(key: &str) -> Option<String> {
    shared_storage()?.get_item(key).ok()?
}

/// Writes the opening mark to `sessionStorage` and mirrors it under this tab's key in
/// `localStorage`; a storage that refuses it only means no mark is kept there.
fn write_mark(mark: &str) {
    if let Some(ls) = local_storage() {
        let _ = ls.set_item(OPENING_KEY, mark);
    }
    if let Some(shared) = shared_storage() {
        let _ = shared.set_item(&articles::shared_opening_key(&this_tab()), mark);
    }
}

/// Removes the opening mark `mark`, if it is still the one written (here and in
/// `localStorage`).
fn clear_mark(mark: &str) {
    if let Some(ls) = local_storage() {
        if ls.get_item(OPENING_KEY).ok().flatten().as_deref() == Some(mark) {
            let _ = ls.remove_item(OPENING_KEY);
        }
    }
    if let Some(shared) = shared_storage() {
        let key = articles::shared_opening_key(&this_tab());
        if shared.get_item(&key).ok().flatten().as_deref() == Some(mark) {
            let _ = shared.remove_item(&key);
        }
    }
}

/// `localStorage`, shared by every tab of the app.
fn shared_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

thread_local! {
    /// This tab's id (one per page load), in its lock's name and its mirrored mark's key.
    static TAB: TabId = TabId::from_random(dom::tab_id_bytes());
}

fn this_tab() -> String {
    TAB.with(|t| t.to_string())
}

/// `navigator.locks`, which browsers without Web Locks lack.
fn lock_manager() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::get(&navigator, &JsValue::from_str("locks"))
        .ok()
        .filter(|l| l.is_object())
}

/// Asks for this tab's lock and holds it for as long as the tab lives (its callback returns
/// a promise that never settles).
fn hold_tab_lock() {
    let Some(locks) = lock_manager() else {
        return;
    };
    let Ok(request) = js_sys::Reflect::get(&locks, &JsValue::from_str("request")) else {
        return;
    };
    let Ok(request) = request.dyn_into::<js_sys::Function>() else {
        return;
    };
    let hold = Closure::once_into_js(|| js_sys::Promise::new(&mut |_, _| {}));
    let name = JsValue::from_str(&articles::tab_lock(&this_tab()));
    let _ = request.call2(&locks, &name, &hold);
}

/// The names of the locks held or asked for in any tab; `None` without Web Locks.
async fn lock_names() -> Option<Vec<String>> {
    let locks = lock_manager()?;
    let query: js_sys::Function = js_sys::Reflect::get(&locks, &JsValue::from_str("query"))
        .ok()?
        .dyn_into()
        .ok()?;
    let promise: js_sys::Promise = query.call0(&locks).ok()?.dyn_into().ok()?;
    let snapshot = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    let mut names = Vec::new();
    for list in ["held", "pending"] {
        let Ok(list) = js_sys::Reflect::get(&snapshot, &JsValue::from_str(list)) else {
            continue;
        };
        let Ok(list) = list.dyn_into::<js_sys::Array>() else {
            continue;
        };
        for info in list.iter() {
            if let Some(name) = js_sys::Reflect::get(&info, &JsValue::from_str("name"))
                .ok()
                .and_then(|n| n.as_string())
            {
                names.push(name);
            }
        }
    }
    Some(names)
}

/// The articles that tabs which have since died were rendering (their mirrored marks, which
/// are removed); empty without Web Locks, which tell live tabs from dead ones.
async fn left_by_dead_tabs() -> Vec<Uuid> {
    let Some(shared) = shared_storage() else {
        return Vec::new();
    };
    let Some(locks) = lock_names().await else {
        return Vec::new();
    };
    let items: Vec<(String, String)> = (0..shared.length().unwrap_or(0))
        .filter_map(|i| shared.key(i).ok().flatten())
        .filter(|k| k.starts_with(articles::SHARED_OPENING_PREFIX))
        .filter_map(|k| {
            let v = shared.get_item(&k).ok().flatten()?;
            Some((k, v))
        })
        .collect();
    let (articles, keys) = articles::left_by_dead_tabs(&items, &locks);
    for key in keys {
        let _ = shared.remove_item(&key);
    }
    articles
}

async fn start(
    state: UseReducerHandle<AppState>,
    persister: Rc<Persister>,
    usage: UseStateHandle<Usage>,
    unfinished: Option<Uuid>,
    library_first: bool,
) {
    let db = match idb::open().await {
        Ok(db) => db,
        Err(e) => return storage_unavailable(&state, e),
    };
    // This tab's own mark, and those of tabs that died while rendering.
    let mut marks: Vec<Uuid> = unfinished.into_iter().collect();
    marks.extend(left_by_dead_tabs().await);
    let last_shown = articles::last_shown(shared_item(articles::LAST_SHOWN_KEY).as_deref());
    // The articles store is asked for first, then the whole library (one transaction, read
    // while the article is drawn): a library with many annotations takes long to read, and
    // the article last shown can be shown before (see `articles::preview_at_start`).
    let first = db.read(&storage::FIRST_READ);
    let whole = db.read(&storage::STORES.map(|s| s.store));
    let (first, whole) = match (first, whole) {
        (Ok(first), Ok(whole)) => (first, whole),
        (Err(e), _) | (_, Err(e)) => return storage_unavailable(&state, e),
    };
    let mut previewed = None;
    if let Ok(raw) = first.await {
        let mut read = storage::load_records(raw);
        // What earlier pages left unwritten is shown too (a text replaced, say).
        let _ = storage::replay_journals(&mut read, &read_journals());
        if let Some(id) =
            articles::preview_at_start(&read.library, &marks, library_first, last_shown)
        {
            if let Some(stored) = read.library.articles.remove(&id) {
                // Marked before it is drawn, as the article the start opens is.
                write_mark(&articles::opening_mark(id));
                previewed = Some(id);
                state.dispatch(AppAction::Preview(stored.article));
            }
        }
    }
    let mut result = match whole.await {
        Ok(raw) => storage::load_records(raw),
        Err(e) => return storage_unavailable(&state, e),
    };
    *persister.db.borrow_mut() = Some(Rc::new(db));
    // Writes left pending by pages that closed (every tab journals under its own key) are
    // replayed first, by the same merge rule as changes from other tabs.
    let journals = read_journals();
    let replayed = storage::replay_journals(&mut result, &journals);
    state.outbox.0.borrow_mut().push(replayed.plan);
    persister.adopt_journals(journals);
    let unfinished = articles::unfinished_at_start(&result.library, &marks);
    // The article about to open is marked now, before the state computes its highlights; the
    // mark of one shown first and not opened after all (another article changed more
    // recently) is removed, or the next start would take it for one that did not finish
    // opening.
    let open = match articles::start_view(&result.library, unfinished, library_first) {
        StartView::Article(id) => Some(id),
        StartView::Library(_) => None,
    };
    if let Some(id) = previewed.filter(|&p| Some(p) != open) {
        clear_mark(&articles::opening_mark(id));
    }
    if let Some(id) = open {
        write_mark(&articles::opening_mark(id));
    }
    state.dispatch(AppAction::Start {
        result,
        now: dom::now(),
        unfinished,
        library_first,
    });
    if !replayed.problems.is_empty() {
        let problems: Vec<String> = replayed.problems.iter().map(|p| p.to_string()).collect();
        notify_error(&state, problems.join(" "));
    }
    listen_to_other_tabs(&state, &persister);
    crate::web::breaks::warm_soon();
    persister.schedule(0);
    idb::request_persist().await;
    usage.set(idb::estimate().await);
}

/// Without IndexedDB the app works in memory (the sample article), and says why.
fn storage_unavailable(state: &UseReducerHandle<AppState>, e: idb::StorageError) {
    state.dispatch(AppAction::Loaded {
        result: Default::default(),
        now: dom::now(),
    });
    state.dispatch(AppAction::SetStorage(StorageStatus::Unavailable(
        e.to_string(),
    )));
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
