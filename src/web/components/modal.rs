//! The modal dialog every dialog of the app is built on, after the WAI-ARIA dialog pattern.
//!
//! While a [`Modal`] is shown:
//! - focus moves into it when it opens (to the control marked `data-autofocus`, else to the
//!   first control that Tab reaches) and goes back to the control that had it before (the
//!   opener) when it closes, if that control is still in the document;
//! - Tab and Shift+Tab cycle through its controls and never leave it;
//! - Escape calls its `on_close` (the dialog's Cancel or Close);
//! - keys pressed in it never reach the app's document-level shortcuts (C, Q, `?`, Delete,
//!   Escape to dismiss the selection), and keys pressed while no control has focus (after a
//!   click on the backdrop) do nothing but Tab into the dialog and Escape.
//!
//! How keys are kept from the shortcuts: Yew delegates events to the element the app is mounted
//! on (`<body>`) in the capture phase, and the app's shortcuts listen on `document` in the bubble
//! phase. The dialog's own `onkeydown` stops propagation, so a key pressed in the dialog reaches
//! the dialog's controls and their Yew handlers, and never the document listener. Escape and Tab
//! are handled earlier, by a listener on `document` in the capture phase, so that they work
//! wherever focus is.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions, EventListenerPhase};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, KeyboardEvent, Node};
use yew::prelude::*;

use crate::web::hooks::effect::use_effect_on;

/// The elements that may take keyboard focus; [`tabbable`] filters them further.
const FOCUSABLE: &str = "a[href], area[href], button:not([disabled]), \
    input:not([disabled]):not([type=hidden]), select:not([disabled]), \
    textarea:not([disabled]), iframe, [tabindex], [contenteditable]";

/// Every modal dialog in the document.
const MODAL: &str = "[role=dialog][aria-modal=true]";

/// The attribute that marks the control to focus when a dialog opens (`data-autofocus`). Not
/// the HTML `autofocus` attribute, which the browser applies only once per page.
pub const AUTOFOCUS: &str = "data-autofocus";

/// The modal's properties.
#[derive(Properties, PartialEq)]
pub struct ModalProps {
    /// The id of the element that names the dialog (its heading), for `aria-labelledby`.
    pub labelled_by: AttrValue,
    /// Called when Escape is pressed: the dialog's Cancel or Close.
    pub on_close: Callback<()>,
    /// Classes for the dialog box, besides `dialog`.
    #[prop_or_default]
    pub class: Classes,
    /// The dialog's content: its heading (with the `labelled_by` id) and its controls.
    #[prop_or_default]
    pub children: Html,
}

/// A modal dialog: a backdrop over the page and a box with `role="dialog"` and
/// `aria-modal="true"` that holds focus while it is shown (see the module's documentation).
#[function_component(Modal)]
pub fn modal(props: &ModalProps) -> Html {
    let dialog = use_node_ref();
    // The listener below is installed once, but the parent passes a new callback at each
    // render: it always calls the latest one.
    let on_close = use_mut_ref(|| props.on_close.clone());
    *on_close.borrow_mut() = props.on_close.clone();

    {
        let (dialog, on_close) = (dialog.clone(), on_close.clone());
        use_effect_on((), move |_| {
            // Counted as shown while mounted: the app's shortcuts then leave keys alone.
            let shown = crate::web::dom::ModalShown::new();
            let document = gloo::utils::document();
            let opener = document.active_element();
            if let Some(root) = dialog.cast::<Element>() {
                focus_initial(&root);
            }
            let options = EventListenerOptions {
                phase: EventListenerPhase::Capture,
                passive: false,
            };
            let listener = EventListener::new_with_options(&document, "keydown", options, {
                move |e| {
                    let (Some(e), Some(root)) =
                        (e.dyn_ref::<KeyboardEvent>(), dialog.cast::<Element>())
                    else {
                        return;
                    };
                    if let Some(inside) = concerns(&root, e) {
                        on_key(e, &root, inside, &on_close);
                    }
                }
            });
            move || {
                drop(listener);
                drop(shown);
                // Back to the opener, unless it has left the document meanwhile.
                if let Some(opener) = opener
                    .filter(|el| el.is_connected())
                    .and_then(|el| el.dyn_into::<HtmlElement>().ok())
                {
                    let _ = opener.focus();
                }
            }
        });
    }

    // Keys pressed in the dialog are the dialog's: none reaches the app's shortcuts.
    let keep_keys = Callback::from(|e: KeyboardEvent| e.stop_propagation());
    // A press on the backdrop does not take focus out of the dialog.
    let keep_focus = Callback::from(|e: MouseEvent| {
        if e.target_dyn_into::<Element>()
            .is_some_and(|el| el.class_list().contains("dialog-backdrop"))
        {
            e.prevent_default();
        }
    });
    html! {
        <div class="dialog-backdrop" onmousedown={keep_focus}>
            <div ref={dialog} class={classes!("dialog", props.class.clone())} role="dialog"
                 aria-modal="true" aria-labelledby={props.labelled_by.clone()} tabindex="-1"
                 onkeydown={keep_keys}>
                { props.children.clone() }
            </div>
        </div>
    }
}

/// Handles a key that [`concerns`] the dialog `root`; `inside` tells whether it was pressed in it.
fn on_key(e: &KeyboardEvent, root: &Element, inside: bool, on_close: &Rc<RefCell<Callback<()>>>) {
    match e.key().as_str() {
        "Escape" => {
            e.prevent_default();
            e.stop_propagation();
            // Cloned first: the callback re-renders the parent, which may write the cell.
            let close = on_close.borrow().clone();
            close.emit(());
        }
        "Tab" => {
            if let Some(target) = tab_target(root, inside, e.shift_key()) {
                e.prevent_default();
                let _ = target.focus();
            }
            if !inside {
                e.stop_propagation();
            }
        }
        // The page behind the backdrop takes no keys.
        _ if !inside => e.stop_propagation(),
        _ => {}
    }
}

/// Where Tab (or Shift+Tab, `back`) must send focus to stay in the dialog, or `None` where the
/// browser's own move stays inside: from the last control to the first, from the first back to
/// the last, and from outside the dialog into it.
fn tab_target(root: &Element, inside: bool, back: bool) -> Option<HtmlElement> {
    let controls = tabbable(root);
    let (Some(first), Some(last)) = (controls.first(), controls.last()) else {
        // Nothing to tab to: focus stays on the dialog itself.
        return root.clone().dyn_into::<HtmlElement>().ok();
    };
    let active = gloo::utils::document().active_element();
    let at = |el: &HtmlElement| {
        active
            .as_ref()
            .is_some_and(|a| a.is_same_node(Some(el.as_ref())))
    };
    let on_control = controls.iter().any(at);
    let target = match (back, inside && on_control) {
        // Focus is outside, or on the dialog box itself: enter at the near end.
        (false, false) => first,
        (true, false) => last,
        (false, true) if at(last) => first,
        (true, true) if at(first) => last,
        _ => return None,
    };
    Some(target.clone())
}

/// The dialog's controls in the order Tab visits them (document order; no `tabindex` above 0 is
/// used in the app): focusable, shown, not taken out of the tab order, and of each group of radio
/// buttons only the checked one (or every one while none is checked).
fn tabbable(root: &Element) -> Vec<HtmlElement> {
    let Ok(list) = root.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    let candidates: Vec<HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .filter(|el| el.tab_index() >= 0 && shown(el))
        .collect();
    let radio = |el: &HtmlElement| {
        el.dyn_ref::<HtmlInputElement>()
            .filter(|i| i.type_().eq_ignore_ascii_case("radio"))
            .cloned()
    };
    let checked_groups: Vec<String> = candidates
        .iter()
        .filter_map(radio)
        .filter(|r| r.checked())
        .map(|r| r.name())
        .collect();
    candidates
        .iter()
        .filter(|el| match radio(el) {
            Some(r) => r.checked() || !checked_groups.contains(&r.name()),
            None => true,
        })
        .cloned()
        .collect()
}

/// Whether `el` is rendered (neither it nor an ancestor is `display: none`), by
/// `checkVisibility()`, which brings style up to date but does not lay the page out.
/// `offsetParent` did, on the whole page below the dialog: with [`focus_then_reveal`]'s
/// scrolling, most of the 50–60 ms task (on a loaded machine) in which the Import preview of a
/// 1,500-annotation file opened over a 3,000-word article. Browsers without
/// `checkVisibility` use `offsetParent`.
fn shown(el: &HtmlElement) -> bool {
    use js_sys::{Function, Reflect};
    match Reflect::get(el, &"checkVisibility".into()).map(JsCast::dyn_into::<Function>) {
        Ok(Ok(check)) => check.call0(el).is_ok_and(|v| v.is_truthy()),
        _ => el.offset_parent().is_some(),
    }
}

/// Focuses the control marked [`AUTOFOCUS`], else the first control, else the dialog itself.
fn focus_initial(root: &Element) {
    let marked = root
        .query_selector(&format!("[{AUTOFOCUS}]"))
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<HtmlElement>().ok());
    let target = marked
        .or_else(|| tabbable(root).into_iter().next())
        .or_else(|| root.clone().dyn_into::<HtmlElement>().ok());
    if let Some(el) = target {
        focus_then_reveal(&el);
    }
}

/// Focuses `el` without making the browser lay the page out at once to scroll it into view
/// (`preventScroll`: that layout, in the task that rendered the dialog, made it a long one),
/// then scrolls it into view, if it still has focus, in the next animation frame, which lays
/// the page out anyway.
fn focus_then_reveal(el: &HtmlElement) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    if el.focus_with_options(&options).is_err() {
        let _ = el.focus();
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let el = el.clone();
    let reveal = wasm_bindgen::closure::Closure::once_into_js(move |_: f64| {
        let focused = gloo::utils::document().active_element();
        if focused.is_some_and(|f| f.is_same_node(Some(el.as_ref()))) {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            el.scroll_into_view_with_scroll_into_view_options(&options);
        }
    });
    let _ = window.request_animation_frame(reveal.unchecked_ref());
}

/// Whether a key press concerns the dialog `root`, and if so whether it was pressed inside it
/// (`Some(true)`). A key pressed in a modal dialog is that dialog's. A key pressed while no
/// control has focus (the target is `<body>`, as after a click on the backdrop) is the last
/// dialog's, the one shown on top (dialogs are rendered in the order they open). A key pressed
/// in a control outside every dialog is left alone: the backdrop keeps the page's controls
/// from taking focus, so only the page's own code can have put it there.
fn concerns(root: &Element, e: &KeyboardEvent) -> Option<bool> {
    let target = e.target().and_then(|t| t.dyn_into::<Node>().ok());
    if target.as_ref().is_some_and(|n| root.contains(Some(n))) {
        return Some(true);
    }
    let document = gloo::utils::document();
    let on_nothing = match &target {
        None => true,
        Some(n) => {
            n.is_same_node(document.body().as_ref().map(AsRef::as_ref))
                || n.is_same_node(document.document_element().as_ref().map(AsRef::as_ref))
                || n.is_same_node(Some(document.as_ref()))
        }
    };
    if !on_nothing {
        return None;
    }
    let all = document.query_selector_all(MODAL).ok()?;
    let last = all.length().checked_sub(1).and_then(|i| all.item(i))?;
    last.is_same_node(Some(root.as_ref())).then_some(false)
}
