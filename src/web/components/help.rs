//! The keyboard shortcuts help, opened with `?`.

use yew::prelude::*;

use super::modal::Modal;

/// The help's properties.
#[derive(Properties, PartialEq)]
pub struct ShortcutsHelpProps {
    /// Called when Close or Escape is pressed.
    pub on_close: Callback<()>,
}

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

/// A modal dialog listing the shortcuts; Escape or its Close button closes it.
#[function_component(ShortcutsHelp)]
pub fn shortcuts_help(props: &ShortcutsHelpProps) -> Html {
    let on_close = props.on_close.clone();
    html! {
        <Modal labelled_by="help-title" on_close={props.on_close.clone()}>
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
