//! A counter: one component, one state hook, one event handler.
use yew::prelude::*;

#[function_component(App)]
fn app() -> Html {
    let n = use_state(|| 0u32);
    let onclick = {
        let n = n.clone();
        Callback::from(move |_| n.set(*n + 1))
    };
    html! { <button {onclick}>{ format!("Clicked {} times", *n) }</button> }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
