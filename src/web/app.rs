//! The root component: holds the state, listens to the selection and the keyboard, and wires
//! the leaf components to the core's reducer.

use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use uuid::Uuid;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::core::model::{uuid_from_random, Annotation, Kind};
use crate::core::reducer::{Action, Edit};
use crate::core::selection;
use crate::core::text::Article;
use crate::web::components::article_view::ArticleView;
use crate::web::components::help::ShortcutsHelp;
use crate::web::components::panel::AnnotationsPanel;
use crate::web::components::toolbar::SelectionToolbar;
use crate::web::dom;
use crate::web::state::{describe, AppAction, AppState, Notice};

/// The selection the toolbar acts on: a trimmed code point range and where to show it.
#[derive(Clone, PartialEq)]
struct Pending {
    start: usize,
    end: usize,
    at: (f64, f64),
}

/// Whether keyboard focus is in a text field, where keys belong to the field.
fn typing_in_field() -> bool {
    let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
    else {
        return false;
    };
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || el.get_attribute("contenteditable").is_some()
}

/// The whole app.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| AppState::new(Article::sample(), Vec::new()));
    let pending = use_state_eq(|| None::<Pending>);
    let help_open = use_state_eq(|| false);
    let article_ref = use_node_ref();
    // Which annotations cover the selection or caret, announced to screen readers.
    let covering = use_state_eq(String::new);

    // Reads the DOM selection into `pending` whenever it changes.
    let read_selection = {
        let (pending, state, article_ref, covering) = (
            pending.clone(),
            state.clone(),
            article_ref.clone(),
            covering.clone(),
        );
        Rc::new(move || {
            let Some(root) = article_ref.cast::<web_sys::Element>() else {
                return;
            };
            let text = &state.article.text;
            match dom::selection_span(&root).and_then(|(s, e)| selection::trim_span(text, s, e)) {
                Some(r) => {
                    let at = dom::selection_rect()
                        .map(|(l, _t, _r, b)| (l, b + 6.0))
                        .unwrap_or((16.0, 16.0));
                    let inside: Vec<String> = state
                        .annotations
                        .iter()
                        .filter(|a| a.is_attached() && a.start < r.end && a.end > r.start)
                        .map(describe)
                        .collect();
                    covering.set(if inside.is_empty() {
                        String::new()
                    } else {
                        format!("Selection overlaps: {}", inside.join("; "))
                    });
                    pending.set(Some(Pending {
                        start: r.start,
                        end: r.end,
                        at,
                    }));
                }
                None => {
                    covering.set(String::new());
                    pending.set(None)
                }
            }
        })
    };
    {
        let read_selection = read_selection.clone();
        use_effect_with(state.annotations.clone(), move |_| {
            let document = gloo::utils::document();
            let listener =
                EventListener::new(&document, "selectionchange", move |_| read_selection());
            move || drop(listener)
        });
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
            let id = uuid_from_random(dom::random_bytes());
            let a = Annotation::new(id, state.article.id, kind, text, start, end, dom::now());
            state.dispatch(AppAction::Annotate {
                action: Action::Create(a),
                select: Some(id),
            });
            dom::clear_selection();
            pending.set(None);
        })
    };
    let undo = {
        let state = state.clone();
        Callback::from(move |_: ()| {
            state.dispatch(AppAction::Annotate {
                action: Action::Undo,
                select: None,
            })
        })
    };
    let redo = {
        let state = state.clone();
        Callback::from(move |_: ()| {
            state.dispatch(AppAction::Annotate {
                action: Action::Redo,
                select: None,
            })
        })
    };
    let delete = {
        let state = state.clone();
        Callback::from(move |id: Uuid| {
            state.dispatch(AppAction::Annotate {
                action: Action::Delete(id),
                select: None,
            })
        })
    };

    // Global keys: tagging, undo/redo, delete, help.
    {
        let (state, pending, help_open, tag, undo, redo, delete) = (
            state.clone(),
            pending.clone(),
            help_open.clone(),
            tag.clone(),
            undo.clone(),
            redo.clone(),
            delete.clone(),
        );
        use_effect_with(
            (
                state.selected,
                (*pending).clone(),
                *help_open,
                state.revision,
            ),
            move |_| {
                let document = gloo::utils::document();
                let opts = EventListenerOptions::enable_prevent_default();
                let listener =
                    EventListener::new_with_options(&document, "keydown", opts, move |e| {
                        let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                            return;
                        };
                        let key = e.key();
                        let ctrl = e.ctrl_key() || e.meta_key();
                        if *help_open {
                            if key == "Escape" {
                                help_open.set(false);
                                e.prevent_default();
                            }
                            return;
                        }
                        if typing_in_field() {
                            return;
                        }
                        match key.as_str() {
                            "z" | "Z" if ctrl && e.shift_key() => redo.emit(()),
                            "z" if ctrl => undo.emit(()),
                            "y" if ctrl => redo.emit(()),
                            "c" | "C" if !ctrl && !e.alt_key() && pending.is_some() => {
                                tag.emit(Kind::Claim)
                            }
                            "q" | "Q" if !ctrl && !e.alt_key() && pending.is_some() => {
                                tag.emit(Kind::Quote)
                            }
                            "Escape" if pending.is_some() => {
                                dom::clear_selection();
                                pending.set(None);
                            }
                            "Escape" if state.selected.is_some() => {
                                state.dispatch(AppAction::Select(None))
                            }
                            "Delete" if !ctrl => match state.selected {
                                Some(id) => delete.emit(id),
                                None => return,
                            },
                            "?" => help_open.set(true),
                            _ => return,
                        }
                        e.prevent_default();
                    });
                move || drop(listener)
            },
        );
    }

    // Keyboard navigation inside the focused article: by sentence, and extending by word.
    let on_article_key = {
        let (state, article_ref) = (state.clone(), article_ref.clone());
        Callback::from(move |e: KeyboardEvent| {
            let Some(root) = article_ref.cast::<web_sys::Element>() else {
                return;
            };
            let text = &state.article.text;
            let current = dom::selection_span(&root);
            let caret = current.map(|(s, _)| s).unwrap_or(0);
            let next = match (e.key().as_str(), e.shift_key(), e.alt_key()) {
                ("ArrowDown", false, false) => {
                    let from = current.map(|(_, end)| end).unwrap_or(0);
                    let start = if current.is_none() {
                        Some(state.blocks.first().map(|b| b.start).unwrap_or(0))
                    } else {
                        selection::next_sentence_start(text, from)
                    };
                    start.and_then(|s| selection::sentence_at(text, s))
                }
                ("ArrowUp", false, false) => selection::prev_sentence_start(text, caret)
                    .and_then(|s| selection::sentence_at(text, s)),
                ("ArrowRight", true, false) => {
                    let (s, en) = current.unwrap_or((caret, caret));
                    Some(selection::extend_word_forward(text, s..en))
                }
                ("ArrowLeft", true, false) => {
                    let (s, en) = current.unwrap_or((caret, caret));
                    Some(selection::extend_word_backward(text, s..en))
                }
                ("ArrowLeft", true, true) => current.map(|(s, en)| {
                    let back = selection::prev_word_start(text, en);
                    s..back.max(s)
                }),
                _ => return,
            };
            e.prevent_default();
            if let Some(r) = next.and_then(|r| selection::trim_span(text, r.start, r.end)) {
                dom::set_selection(&root, r.start, r.end);
                if let Ok(Some(el)) = root.query_selector(&format!("[data-s=\"{}\"]", r.start)) {
                    el.scroll_into_view_with_bool(false);
                }
            }
        })
    };

    // Clicking a highlight selects its innermost annotation; clicking again cycles through the
    // others that cover the same place.
    let on_highlight_click = {
        let state = state.clone();
        Callback::from(move |cp: usize| {
            if dom::selection_span_nonempty() {
                return;
            }
            let mut covering: Vec<&Annotation> = state
                .annotations
                .iter()
                .filter(|a| a.is_attached() && a.start <= cp && cp < a.end)
                .collect();
            covering.sort_by_key(|a| (a.end - a.start, std::cmp::Reverse(a.start)));
            let next = match state
                .selected
                .and_then(|s| covering.iter().position(|a| a.id == s))
            {
                Some(i) => covering.get((i + 1) % covering.len()),
                None => covering.first(),
            };
            if let Some(a) = next {
                state.dispatch(AppAction::Select(Some(a.id)));
            }
        })
    };

    let on_select_item = {
        let (state, article_ref) = (state.clone(), article_ref.clone());
        Callback::from(move |id: Uuid| {
            state.dispatch(AppAction::Select(Some(id)));
            if let (Some(root), Some(a)) = (
                article_ref.cast::<web_sys::Element>(),
                state.annotations.get(id),
            ) {
                let sel = format!("mark[data-s=\"{}\"]", a.start);
                if let Ok(Some(el)) = root.query_selector(&sel) {
                    let opts = web_sys::ScrollIntoViewOptions::new();
                    opts.set_block(web_sys::ScrollLogicalPosition::Center);
                    el.scroll_into_view_with_scroll_into_view_options(&opts);
                }
            }
        })
    };
    let on_edit = {
        let state = state.clone();
        Callback::from(move |(id, edit): (Uuid, Edit)| {
            state.dispatch(AppAction::Annotate {
                action: Action::Edit {
                    id,
                    edit,
                    now: dom::now(),
                },
                select: None,
            })
        })
    };
    let on_filter = {
        let state = state.clone();
        Callback::from(move |f| state.dispatch(AppAction::SetFilter(f)))
    };
    let on_error = {
        let state = state.clone();
        Callback::from(move |text: String| {
            state.dispatch(AppAction::Notify(Notice { error: true, text }))
        })
    };
    let dismiss = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(AppAction::DismissNotice))
    };

    let can_undo = state.annotations.can_undo();
    let can_redo = state.annotations.can_redo();
    html! {
        <div class="app">
            <header class="app-bar">
                <span class="brand">{ "Article Annotator" }</span>
                <div class="history" role="group" aria-label="History">
                    <button type="button" disabled={!can_undo} aria-keyshortcuts="Control+Z"
                            onclick={undo.reform(|_| ())}>{ "Undo" }</button>
                    <button type="button" disabled={!can_redo} aria-keyshortcuts="Control+Shift+Z"
                            onclick={redo.reform(|_| ())}>{ "Redo" }</button>
                </div>
                <button type="button" class="help-btn" aria-keyshortcuts="?"
                        onclick={{ let h = help_open.clone(); Callback::from(move |_| h.set(true)) }}>
                    { "Shortcuts" }
                </button>
            </header>
            if let Some(n) = &state.notice {
                <div class={classes!("notice", n.error.then_some("error"))}
                     role={if n.error { "alert" } else { "status" }}>
                    <span>{ n.text.clone() }</span>
                    <button type="button" aria-label="Dismiss message" onclick={dismiss}>{ "×" }</button>
                </div>
            }
            <main class="workspace">
                <section class="reader" aria-labelledby="article-title">
                    <h1 id="article-title">{ state.article.title.clone() }</h1>
                    <p id="article-keys" class="hint">
                        { "Select text, then choose Claim or Quote (keys C and Q). Press ? for keyboard shortcuts." }
                    </p>
                    <ArticleView article={state.article.clone()} runs={Some(state.runs.clone())}
                                 node_ref={article_ref.clone()} onkeydown={on_article_key}
                                 {on_highlight_click} />
                </section>
                <AnnotationsPanel annotations={state.annotations.clone()} filter={state.filter.clone()}
                    selected={state.selected} {on_filter} on_select={on_select_item} {on_edit}
                    on_delete={delete} {on_error} />
            </main>
            <p class="visually-hidden" aria-live="polite">{ (*covering).clone() }</p>
            if let Some(p) = &*pending {
                <SelectionToolbar at={p.at} on_tag={tag.clone()} />
            }
            if *help_open {
                <ShortcutsHelp on_close={{ let h = help_open.clone(); Callback::from(move |_| h.set(false)) }} />
            }
        </div>
    }
}
