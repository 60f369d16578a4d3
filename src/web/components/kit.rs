//! Small pieces of markup that many views draw, each compiled once.
//!
//! `html!` builds every element in place: its tag, attributes, listeners and children are
//! written out at each place that draws it (about 230 bytes of wasm for a button with a class,
//! a listener and a label). A call to one of these functions costs a third of that, and a
//! listener made from a `Callback<()>` here is one closure type for the whole page instead of
//! one per `reform` at each place (issue 11, the page's size). The markup is the same as the
//! `html!` it replaces.

use yew::prelude::*;

/// `<button type="button">` labelled `label`, with the class `class` (none when empty),
/// `disabled` when asked, that calls `on_click` when pressed.
pub fn button(
    label: impl Into<AttrValue>,
    class: &'static str,
    disabled: bool,
    on_click: &Callback<()>,
) -> Html {
    button_of(label.into(), class, disabled, on_click)
}

#[inline(never)]
fn button_of(
    label: AttrValue,
    class: &'static str,
    disabled: bool,
    on_click: &Callback<()>,
) -> Html {
    html! {
        <button type="button" class={class} {disabled} onclick={on_click.reform(|_: MouseEvent| ())}>
            { label }
        </button>
    }
}
