//! What the page says about its connection and its version: that it is offline (the work is
//! kept in the browser all the same), and that a new version is ready, with the Reload that
//! switches to it. Each is rendered only while it is true, in a corner of the window that
//! stays in view however far the article is scrolled.

use yew::prelude::*;

/// The connection's and the update's properties.
#[derive(Properties, PartialEq)]
pub struct ConnectionProps {
    /// The browser says it is online.
    pub online: bool,
    /// A new version is installed and waits.
    pub update_ready: bool,
    /// Switches to the new version (the page reloads).
    pub on_reload: Callback<()>,
}

/// The update notice and the offline status.
#[function_component(Connection)]
pub fn connection(props: &ConnectionProps) -> Html {
    html! {
        <div class="connection">
            if props.update_ready {
                <div class="update-notice" role="status">
                    <span>{ "A new version is ready." }</span>
                    <button type="button" onclick={props.on_reload.reform(|_: MouseEvent| ())}>
                        { "Reload" }
                    </button>
                </div>
            }
            if !props.online {
                <p class="connection-status" role="status">
                    { "Offline — your work is kept in this browser." }
                </p>
            }
        </div>
    }
}
