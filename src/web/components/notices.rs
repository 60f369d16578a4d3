//! What the app has to tell: whether work is being saved, records that could not be read, and
//! the last message (with "Undo delete" after an article was deleted).

use std::rc::Rc;

use yew::prelude::*;

use crate::web::components::kit::button;

use crate::web::state::{Notice, StorageStatus};

/// The banners' properties.
#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    pub storage: StorageStatus,
    /// Records that could not be read, one sentence each.
    pub skipped: Rc<Vec<String>>,
    pub notice: Option<Notice>,
    /// Downloads everything (offered when work is not being saved).
    pub on_export_everything: Callback<MouseEvent>,
    /// Restores the article deleted last (offered by the notice that says it was deleted).
    pub on_restore: Callback<()>,
    pub on_dismiss: Callback<()>,
}

/// The storage banner, the unreadable records, and the notice.
pub fn notices(props: &NoticesProps) -> Html {
    let storage = match &props.storage {
        StorageStatus::Unavailable(why) => Some(format!(
            "Your work is not being saved: this browser does not let the app use its storage ({why}). Export to keep it."
        )),
        StorageStatus::Retrying(why) => Some(format!(
            "{why} Your changes are kept in this tab and retried every few seconds; nothing already saved was touched."
        )),
        _ => None,
    };
    html! {
        <>
            if let Some(text) = storage {
                <div class="banner error" role="alert">
                    <span>{ text }</span>
                    <button type="button" onclick={props.on_export_everything.clone()}>{ "Export everything" }</button>
                </div>
            }
            if !props.skipped.is_empty() {
                <div class="banner warning" role="alert">
                    <ul>{ for props.skipped.iter().map(|m| html! { <li>{ m.clone() }</li> }) }</ul>
                </div>
            }
            if let Some(n) = &props.notice {
                <div class={classes!("notice", n.error.then_some("error"))}
                     role={if n.error { "alert" } else { "status" }}>
                    <span>{ n.text.clone() }</span>
                    if n.restorable {
                        { button("Undo delete", "undo-delete", false, &props.on_restore) }
                    }
                    <button type="button" aria-label="Dismiss message"
                            onclick={props.on_dismiss.reform(|_: MouseEvent| ())}>{ "×" }</button>
                </div>
            }
        </>
    }
}

/// [`notices`] as a component, for the tests that mount it alone. The page calls [`notices`]: a
/// component type costs the page its own copy of Yew's lifecycle code (issue 11).
#[function_component(Notices)]
pub fn notices_component(props: &NoticesProps) -> Html {
    notices(props)
}
