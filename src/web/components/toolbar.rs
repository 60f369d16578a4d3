//! The small toolbar shown next to a text selection: **Claim** and **Quote**.

use yew::prelude::*;

use crate::core::model::Kind;

#[derive(Properties, PartialEq)]
pub struct SelectionToolbarProps {
    /// Viewport position (left, top) of the toolbar.
    pub at: (f64, f64),
    pub on_tag: Callback<Kind>,
    /// When the selected annotation is an orphan or needs review: attach it to the selection.
    #[prop_or_default]
    pub on_attach: Option<Callback<()>>,
}

/// Buttons that tag the current selection. `mousedown` is cancelled so that clicking a button
/// does not clear the selection it acts on.
#[function_component(SelectionToolbar)]
pub fn selection_toolbar(props: &SelectionToolbarProps) -> Html {
    let keep = Callback::from(|e: MouseEvent| e.prevent_default());
    let button = |kind: Kind, key: &'static str| {
        let on_tag = props.on_tag.clone();
        html! {
            <button type="button" class={classes!("tag-btn", kind.as_str())}
                    onmousedown={keep.clone()}
                    onclick={Callback::from(move |_| on_tag.emit(kind))}
                    aria-keyshortcuts={key}>
                { kind.label() }
            </button>
        }
    };
    // Whole pixels, formatted as integers (no float formatting on the path of every selection).
    let style = format!(
        "left:{}px;top:{}px",
        props.at.0.max(4.0).round() as i64,
        props.at.1.max(4.0).round() as i64
    );
    html! {
        <div class="selection-toolbar" role="toolbar" aria-label="Tag selection" {style}>
            { button(Kind::Claim, "C") }
            { button(Kind::Quote, "Q") }
            if let Some(cb) = props.on_attach.clone() {
                <button type="button" class="tag-btn attach" onmousedown={keep.clone()}
                        onclick={Callback::from(move |_| cb.emit(()))}>
                    { "Attach here" }
                </button>
            }
        </div>
    }
}
