//! What the page says about its connection and its version: that it is offline (the work is
//! kept in the browser all the same), and that a new version is ready, with the Reload that
//! switches to it. Each is rendered only while it is true, in a corner of the window that
//! stays in view however far the article is scrolled.

use yew::prelude::*;

use crate::web::components::kit::button;

/// The update notice and the offline status: `online` is whether the browser says it is
/// online, `update_ready` whether a new version is installed and waits, `on_reload` switches
/// to it (the page reloads). A function, not a component: it holds no state, and a
/// component's generic lifecycle code costs the page more than this markup (issue 11).
pub fn connection(online: bool, update_ready: bool, on_reload: &Callback<()>) -> Html {
    html! {
        <div class="connection">
            if update_ready {
                <div class="update-notice" role="status">
                    <span>{ "A new version is ready." }</span>
                    { button("Reload", "", false, on_reload) }
                </div>
            }
            if !online {
                <p class="connection-status" role="status">
                    { "Offline — your work is kept in this browser." }
                </p>
            }
        </div>
    }
}
