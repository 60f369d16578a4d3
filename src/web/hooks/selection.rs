//! The text selection: what is selected in the article (read from the DOM on every
//! `selectionchange`), tagging it, attaching an orphan to it, moving it by keyboard or by the
//! sentence buttons, and selecting annotations by clicking highlights or panel items.
//!
//! A selection made by touch (the last `pointerdown` had `pointerType` "touch": a long press,
//! the drag handles, a tap on a sentence button) puts the toolbar lower, under the handles and
//! away from the system's own selection menu, which phones draw above the selection
//! ([`crate::core::placement`]).

use gloo::events::EventListener;
use uuid::Uuid;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::web::hooks::effect::use_effect_on;

use crate::core::keys::{self, Motion};
use crate::core::model::{uuid_from_random, Anchoring, Annotation, Kind, TextQuote};
use crate::core::panel::overlap_announcement;
use crate::core::placement::{self, Rect};
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
    // Whether the last pointer put down was a finger.
    let touch = use_mut_ref(|| false);
    {
        let touch = touch.clone();
        use_effect_on((), move |_| {
            let opts = gloo::events::EventListenerOptions::run_in_capture_phase();
            let listener = EventListener::new_with_options(
                &gloo::utils::document(),
                "pointerdown",
                opts,
                move |e| {
                    // `PointerEvent.pointerType`, read as a property (a mouse is "mouse").
                    let kind = js_sys::Reflect::get(e.as_ref(), &"pointerType".into())
                        .ok()
                        .and_then(|v| v.as_string());
                    *touch.borrow_mut() = kind.as_deref() == Some("touch");
                },
            );
            move || drop(listener)
        });
    }
    {
        let (pending, overlaps, state, article_ref) = (
            pending.clone(),
            overlaps.clone(),
            state.clone(),
            article_ref.clone(),
        );
        use_effect_on(
            (state.annotations.clone(), state.storage.clone()),
            move |_| {
                let listener =
                    EventListener::new(&gloo::utils::document(), "selectionchange", move |_| {
                        let touch = *touch.borrow();
                        read_selection(&state, &article_ref, &pending, &overlaps, touch)
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
    touch: bool,
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
                .map(|(left, top, right, bottom)| {
                    let rect = Rect {
                        left,
                        top,
                        right,
                        bottom,
                    };
                    placement::toolbar_anchor(rect, touch)
                })
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
        let Some(motion) = Motion::from_key(&e.key(), e.shift_key(), e.alt_key()) else {
            return;
        };
        e.prevent_default();
        if let Some(root) = article_ref.cast::<web_sys::Element>() {
            move_in_article(&state, &root, motion, None, false);
        }
    })
}

/// The **Previous sentence** and **Next sentence** buttons (WCAG 2.5.7: a selection without
/// dragging): the same sentence cursor as `↑`/`↓`. With nothing selected, both select the
/// first sentence on screen (below the sticky header and sentence buttons) rather than the
/// article's first, so that a person who has scrolled starts where they read.
pub fn sentence_step(
    state: &UseReducerHandle<AppState>,
    article_ref: &NodeRef,
) -> Callback<Motion> {
    let (state, article_ref) = (state.clone(), article_ref.clone());
    Callback::from(move |motion: Motion| {
        let Some(root) = article_ref.cast::<web_sys::Element>() else {
            return;
        };
        let (motion, start) = match dom::selection_span(&root) {
            Some(_) => (motion, None),
            None => (Motion::NextSentence, first_block_on_screen(&root)),
        };
        move_in_article(&state, &root, motion, start, true);
    })
}

/// Moves the selection in the article `root` by `motion` (see [`keys::move_selection`]); with
/// nothing selected, a move starts at `start` (else at the first block). The selection is then
/// scrolled into view: to the bottom of the view for the keyboard (as the caret goes), by the
/// least scroll that shows it when `nearest`.
fn move_in_article(
    state: &AppState,
    root: &web_sys::Element,
    motion: Motion,
    start: Option<usize>,
    nearest: bool,
) {
    let text = &state.article.text;
    let current = dom::selection_span(root);
    let first_block = start
        .or_else(|| state.blocks.first().map(|b| b.start))
        .unwrap_or(0);
    let next = keys::move_selection(
        crate::web::breaks::BROWSER,
        text,
        current.map(|(s, e)| s..e),
        first_block,
        motion,
    );
    if let Some(r) = next.and_then(|r| selection::trim_span(text, r.start, r.end)) {
        dom::set_selection(root, r.start, r.end);
        if let Ok(Some(el)) = root.query_selector(&format!("[data-s=\"{}\"]", r.start)) {
            if nearest {
                let opts = web_sys::ScrollIntoViewOptions::new();
                opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
                el.scroll_into_view_with_scroll_into_view_options(&opts);
            } else {
                el.scroll_into_view_with_bool(false);
            }
        }
    }
}

/// The code point where the first block of the article that shows below the page's sticky
/// top (the header, and the sentence buttons where they stick) begins; `None` when no block is
/// on screen. Blocks are found by binary search over their positions, so a long article costs
/// a few layout reads.
fn first_block_on_screen(root: &web_sys::Element) -> Option<usize> {
    let document = gloo::utils::document();
    let bottom_of = |selector: &str| {
        document
            .query_selector(selector)
            .ok()
            .flatten()
            .map(|el| el.get_bounding_client_rect().bottom())
            .unwrap_or(0.0)
    };
    let line = bottom_of(".app-bar").max(bottom_of(".reader-tools"));
    let blocks = root.query_selector_all("p.block").ok()?;
    let (mut lo, mut hi) = (0, blocks.length());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let el: web_sys::Element = blocks.item(mid)?.dyn_into().ok()?;
        if el.get_bounding_client_rect().bottom() <= line {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    let block: web_sys::Element = blocks.item(lo)?.dyn_into().ok()?;
    let first = if block.has_attribute("data-s") {
        block
    } else {
        block.query_selector("[data-s]").ok()??
    };
    first.get_attribute("data-s")?.parse().ok()
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
