//! What the dialogs' forms share.

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Keeps what is typed into a text field in `field` (a controlled field must keep its value
/// in the component's state, or a re-render puts the old value back).
pub fn typed(field: &UseStateHandle<String>) -> Callback<InputEvent> {
    let field = field.clone();
    Callback::from(move |e: InputEvent| {
        if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
            field.set(i.value());
        }
    })
}
