//! The text selection: what is selected in the article (read from the DOM on every
//! `selectionchange`), tagging it, attaching an orphan to it, moving it by keyboard, and
//! selecting annotations by clicking highlights or panel items.

use gloo::events::EventListener;
use uuid::Uuid;
use yew::prelude::*;

use crate::core::keys::{self, Motion};
use crate::core::model::{uuid_from_random, Anchoring, Annotation, Kind, TextQuote};
use crate::core::panel::overlap_announcement;
use crate::core::reducer::{Action, Edit};
use crate::core::segment::click_selection;
use crate::core::selection;
use crate::web::dom;
use crate::web::state::{AppAction, AppState, Notice, StorageStatus};

/// The selection the toolbar acts on: a trimmed code point range and where to show it.
#[derive(Clone, PartialEq)]
pub struct Pending {
    pub start: usize,
    pub end: usize,
    /// Where the toolbar goes: the left and bottom of the selection, in viewport pixels.
    pub at: (f64, f64),
}

/// What the view needs of the selection.
pub struct SelectionHandle {
    /// The trimmed selection in the article, if any.
    pub pending: UseStateHandle<Option<Pending>>,
    /// Which annotations the selection overlaps, for the live region.
    pub overlaps: String,
    /// Tags the selection as a claim or a quote.
    pub tag: Callback<Kind>,
    /// Attaches the selected orphan (or annotation that needs review) to the selection; only
    /// when one is selected.
    pub attach: Option<Callback<()>>,
    /// Dismisses the selection (Escape).
    pub dismiss: Callback<()>,
}

/// Follows the DOM selection inside `article_ref` and offers what can be done with it.
#[hook]
pub fn use_selection(state: &UseReducerHandle<AppState>, article_ref: &NodeRef) -> SelectionHandle {
    let pending = use_state_eq(|| None::<Pending>);
    let overlaps = use_state_eq(String::new);
    {
        let (pending, overlaps, state, article_ref) = (
            pending.clone(),
            overlaps.clone(),
            state.clone(),
            article_ref.clone(),
        );
        use_effect_with(
            (state.annotations.clone(), state.storage.clone()),
            move |_| {
                let listener =
                    EventListener::new(&gloo::utils::document(), "selectionchange", move |_| {
                        read_selection(&state, &article_ref, &pending, &overlaps)
                    });
                move || drop(listener)
            },
        );
    }
    let tag = {
        let (state, pending, article_ref) = (state.clone(), pending.clone(), article_ref.clone());
        Callback::from(move |kind: Kind| {
            // The DOM selection at this moment is what the user sees; `pending` may lag behind
            // it by one `selectionchange` event when keys are pressed quickly.
            let text = &state.article.text;
            let span = article_ref
                .cast::<web_sys::Element>()
                .and_then(|root| dom::selection_span(&root))
                .and_then(|(s, e)| selection::trim_span(text, s, e))
                .map(|r| (r.start, r.end))
                .or_else(|| pending.as_ref().map(|p| (p.start, p.end)));
            let Some((start, end)) = span else { return };
            let Some(bytes) = dom::try_random_bytes() else {
                state.dispatch(AppAction::Notify(Notice::error(
                    crate::core::model::no_random_numbers("Could not create the annotation"),
                )));
                return;
            };
            let id = uuid_from_random(bytes);
            let a = Annotation::new(id, state.article.id, kind, text, start, end, dom::now());
            state.dispatch(AppAction::Annotate {
                action: Action::Create(a),
                select: Some(id),
            });
            dom::clear_selection();
            pending.set(None);
        })
    };
    let attach = state
        .selected
        .and_then(|id| state.annotations.get(id))
        .filter(|a| a.anchoring != Anchoring::Anchored)
        .map(|a| {
            let (id, state, pending) = (a.id, state.clone(), pending.clone());
            Callback::from(move |_: ()| {
                let Some(p) = (*pending).clone() else { return };
                let quote = TextQuote::from_span(&state.article.text, p.start, p.end);
                let edit = Edit::Reanchor {
                    start: p.start,
                    end: p.end,
                    quote,
                };
                state.dispatch(AppAction::Annotate {
                    action: Action::Edit {
                        id,
                        edit,
                        now: dom::now(),
                    },
                    select: Some(id),
                });
                dom::clear_selection();
                pending.set(None);
            })
        });
    let dismiss = {
        let pending = pending.clone();
        Callback::from(move |_: ()| {
            dom::clear_selection();
            pending.set(None);
        })
    };
    SelectionHandle {
        pending,
        overlaps: (*overlaps).clone(),
        tag,
        attach,
        dismiss,
    }
}

/// Reads the DOM selection into `pending`, and what it overlaps into `overlaps`.
fn read_selection(
    state: &AppState,
    article_ref: &NodeRef,
    pending: &UseStateHandle<Option<Pending>>,
    overlaps: &UseStateHandle<String>,
) {
    let Some(root) = article_ref.cast::<web_sys::Element>() else {
        return;
    };
    if state.storage == StorageStatus::Opening {
        return;
    }
    let text = &state.article.text;
    match dom::selection_span(&root).and_then(|(s, e)| selection::trim_span(text, s, e)) {
        Some(r) => {
            let at = dom::selection_rect()
                .map(|(l, _t, _r, b)| (l, b + 6.0))
                .unwrap_or((16.0, 16.0));
            overlaps.set(overlap_announcement(
                state.annotations.iter(),
                r.start,
                r.end,
            ));
            pending.set(Some(Pending {
                start: r.start,
                end: r.end,
                at,
            }));
        }
        None => {
            overlaps.set(String::new());
            pending.set(None)
        }
    }
}

/// Keyboard movement of the selection inside the focused article: `↓`/`↑` by sentence,
/// `Shift+→`/`Shift+←` extend by a word, `Alt+Shift+←` shrinks by one.
#[hook]
pub fn use_article_keys(
    state: &UseReducerHandle<AppState>,
    article_ref: &NodeRef,
) -> Callback<KeyboardEvent> {
    let (state, article_ref) = (state.clone(), article_ref.clone());
    Callback::from(move |e: KeyboardEvent| {
        let Some(root) = article_ref.cast::<web_sys::Element>() else {
            return;
        };
        let text = &state.article.text;
        let current = dom::selection_span(&root);
        let first_block = state.blocks.first().map(|b| b.start).unwrap_or(0);
        let Some(motion) = Motion::from_key(&e.key(), e.shift_key(), e.alt_key()) else {
            return;
        };
        let next = keys::move_selection(text, current.map(|(s, e)| s..e), first_block, motion);
        e.prevent_default();
        if let Some(r) = next.and_then(|r| selection::trim_span(text, r.start, r.end)) {
            dom::set_selection(&root, r.start, r.end);
            if let Ok(Some(el)) = root.query_selector(&format!("[data-s=\"{}\"]", r.start)) {
                el.scroll_into_view_with_bool(false);
            }
        }
    })
}

/// Clicking a highlight selects its innermost annotation; clicking again cycles outward
/// through the others that cover the same place.
pub fn highlight_click(state: &UseReducerHandle<AppState>) -> Callback<usize> {
    let state = state.clone();
    Callback::from(move |cp: usize| {
        if dom::selection_span_nonempty() {
            return;
        }
        if let Some(id) = click_selection(&state.annotations, cp, state.selected) {
            state.dispatch(AppAction::Select(Some(id)));
        }
    })
}

/// Selecting an item in the panel selects its annotation and scrolls its highlight into the
/// middle of the view.
pub fn select_item(state: &UseReducerHandle<AppState>, article_ref: &NodeRef) -> Callback<Uuid> {
    let (state, article_ref) = (state.clone(), article_ref.clone());
    Callback::from(move |id: Uuid| {
        state.dispatch(AppAction::Select(Some(id)));
        let (Some(root), Some(a)) = (
            article_ref.cast::<web_sys::Element>(),
            state.annotations.get(id),
        ) else {
            return;
        };
        if let Ok(Some(el)) = root.query_selector(&format!("mark[data-s=\"{}\"]", a.start)) {
            let opts = web_sys::ScrollIntoViewOptions::new();
            opts.set_block(web_sys::ScrollLogicalPosition::Center);
            el.scroll_into_view_with_scroll_into_view_options(&opts);
        }
    })
}
