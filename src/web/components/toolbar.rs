//! The small toolbar shown next to a text selection: **Claim** and **Quote**.

use yew::prelude::*;

use crate::web::hooks::effect::use_effect_on;

use crate::core::model::Kind;
use crate::core::placement::keep_on_screen;

#[derive(Properties, PartialEq)]
pub struct SelectionToolbarProps {
    /// Where the toolbar's top left corner should go, in viewport pixels (left, top); it is
    /// moved as little as needed to lie whole on screen
    /// ([`crate::core::placement::keep_on_screen`]).
    pub at: (f64, f64),
    pub on_tag: Callback<Kind>,
    /// When the selected annotation is an orphan or needs review: attach it to the selection.
    #[prop_or_default]
    pub on_attach: Option<Callback<()>>,
}

/// The size of the viewport (the layout viewport: `innerWidth`, `innerHeight`).
fn viewport() -> (f64, f64) {
    let w = gloo::utils::window();
    let px = |v: Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>| {
        v.ok().and_then(|v| v.as_f64()).unwrap_or(f64::INFINITY)
    };
    (px(w.inner_width()), px(w.inner_height()))
}

/// Places the toolbar drawn with `node` at `place` (where it should go, and whether it has
/// the Attach button; `None` while there is no toolbar), once it is drawn.
///
/// It is placed from its own size (it depends on the font and on the buttons shown), so that
/// it lies whole on screen. The position goes through the CSSOM, not a `style` attribute: the
/// page's Content-Security-Policy allows no inline style (docs/HOSTING.md).
#[hook]
pub fn use_placement(node: &NodeRef, place: Option<((f64, f64), bool)>) {
    let node = node.clone();
    use_effect_on(place, move |place| {
        let Some((at, _)) = *place else { return };
        if let Some(el) = node.cast::<web_sys::HtmlElement>() {
            let style = el.style();
            // Measured at the left edge, where nothing narrows it.
            let _ = style.set_property("left", "0px");
            let r = el.get_bounding_client_rect();
            let (left, top) = keep_on_screen(at, (r.width().ceil(), r.height().ceil()), viewport());
            // Whole pixels, formatted as integers (no float formatting on the path of every
            // selection).
            let _ = style.set_property("left", &format!("{}px", left.round() as i64));
            let _ = style.set_property("top", &format!("{}px", top.round() as i64));
        }
    });
}

/// Buttons that tag the current selection, drawn with `node`, which [`use_placement`] places.
/// `mousedown` is cancelled so that clicking a button (or tapping it: a tap sends the same
/// compatibility `mousedown`) does not clear the selection it acts on. A function the root
/// calls, not a component: a component type costs the page its own copy of Yew's lifecycle
/// code (issue 11).
pub fn selection_toolbar(props: &SelectionToolbarProps, node: &NodeRef) -> Html {
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
    html! {
        <div class="selection-toolbar" role="toolbar" aria-label="Tag selection" ref={node.clone()}>
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

/// [`selection_toolbar`] as a component, for the tests that mount it alone.
#[function_component(SelectionToolbar)]
pub fn selection_toolbar_component(props: &SelectionToolbarProps) -> Html {
    let node = use_node_ref();
    use_placement(&node, Some((props.at, props.on_attach.is_some())));
    selection_toolbar(props, &node)
}
