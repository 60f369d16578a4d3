//! The keyboard shortcuts help, opened with `?`.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ShortcutsHelpProps {
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
    ("Escape", "Dismiss the selection, close this help"),
    ("Delete", "Delete the selected annotation"),
    ("Ctrl + Z", "Undo"),
    ("Ctrl + Shift + Z, Ctrl + Y", "Redo"),
    ("?", "Show this help"),
];

/// A modal dialog listing the shortcuts.
#[function_component(ShortcutsHelp)]
pub fn shortcuts_help(props: &ShortcutsHelpProps) -> Html {
    let close_ref = use_node_ref();
    {
        let close_ref = close_ref.clone();
        use_effect_with((), move |_| {
            if let Some(el) = close_ref.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    let on_close = props.on_close.clone();
    html! {
        <div class="dialog-backdrop">
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title">
                <h2 id="help-title">{ "Keyboard shortcuts" }</h2>
                <table class="shortcuts">
                    <tbody>
                    { for SHORTCUTS.iter().map(|(k, what)| html! {
                        <tr key={*k}><th scope="row"><kbd>{ *k }</kbd></th><td>{ *what }</td></tr>
                    }) }
                    </tbody>
                </table>
                <button type="button" ref={close_ref} onclick={Callback::from(move |_| on_close.emit(()))}>
                    { "Close" }
                </button>
            </div>
        </div>
    }
}
