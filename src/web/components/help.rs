//! The keyboard shortcuts help, opened with `?`.

use yew::prelude::*;

use super::modal::Modal;

/// Every shortcut, in one place. The same table is the documentation.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Tab to the article", "Focus the article text"),
    ("↓ / ↑", "Select the next / previous sentence"),
    ("Shift + →", "Extend the selection by a word at its end"),
    ("Shift + ←", "Extend the selection by a word at its start"),
    (
        "Alt + Shift + ←",
        "Shrink the selection by a word at its end",
    ),
    ("C", "Tag the selection as a claim"),
    ("Q", "Tag the selection as a quote"),
    ("Escape", "Dismiss the selection; close a dialog"),
    ("Delete", "Delete the selected annotation"),
    ("J / K", "Focus the next / previous suggestion"),
    ("Enter", "Accept the focused suggestion"),
    ("X", "Dismiss the focused suggestion"),
    ("Ctrl + Z", "Undo"),
    ("Ctrl + Shift + Z, Ctrl + Y", "Redo"),
    ("?", "Show this help"),
];

/// A modal dialog listing the shortcuts; Escape or its Close button calls `on_close`. A
/// function, not a component: it holds no state of its own (issue 11, the page's size).
pub fn shortcuts_help(on_close: Callback<()>) -> Html {
    html! {
        <Modal key="shortcuts" labelled_by="help-title" on_close={on_close.clone()}>
            <h2 id="help-title">{ "Keyboard shortcuts" }</h2>
            <table class="shortcuts">
                <tbody>
                { for SHORTCUTS.iter().map(|(k, what)| html! {
                    <tr key={*k}><th scope="row"><kbd>{ *k }</kbd></th><td>{ *what }</td></tr>
                }) }
                </tbody>
            </table>
            <button type="button" data-autofocus="" onclick={Callback::from(move |_| on_close.emit(()))}>
                { "Close" }
            </button>
        </Modal>
    }
}
