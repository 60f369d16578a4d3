//! Receiving a page from the bookmarklet (the protocol is [`crate::core::handoff`]'s): when the
//! app starts at `#capture=<nonce>`, it drops the fragment, listens for the page, says it is
//! ready to the window that opened it, and takes the first message the core accepts.

use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::web::hooks::effect::use_effect_on;

use crate::core::handoff::{self, HandedPage, PageMessage, Refusal};
use crate::web::state::{AppAction, AppState, Notice};

/// The page handed over, once it has come (and until the dialog takes it: set it to `None`).
#[hook]
pub fn use_handoff(state: &UseReducerHandle<AppState>) -> UseStateHandle<Option<Rc<HandedPage>>> {
    let handed = use_state_eq(|| None::<Rc<HandedPage>>);
    let listener = use_mut_ref(|| None::<EventListener>);
    {
        let (handed, listener, dispatcher) = (handed.clone(), listener.clone(), state.dispatcher());
        use_effect_on((), move |_| {
            let window = gloo::utils::window();
            let hash = window.location().hash().unwrap_or_default();
            let Some(nonce) = handoff::nonce_from_fragment(&hash).map(str::to_owned) else {
                return;
            };
            // A reload must not wait again: the fragment goes at once.
            if let Ok(history) = window.history() {
                let path = window.location().pathname().unwrap_or_default()
                    + &window.location().search().unwrap_or_default();
                let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&path));
            }
            let opener = window.opener().ok().filter(|o| o.is_object());
            let Some(opener) = opener else {
                dispatcher.dispatch(AppAction::Notify(Notice::error(
                    "No page arrived from the bookmarklet: the page you clicked it on does not let \
                     the tabs it opens talk back to it. Save that page (Ctrl+S or ⌘S) and open it \
                     with New article › Open file."
                        .to_owned(),
                )));
                return;
            };
            let taken = listener.clone();
            let from = opener.clone();
            *listener.borrow_mut() = Some(EventListener::new(&window, "message", move |e| {
                let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() else {
                    return;
                };
                // Only from the window that opened this tab.
                let same = e.source().is_some_and(|s| js_sys::Object::is(&s, &from));
                if !same {
                    return;
                }
                match handoff::accept(&nonce, read_message(&e.data())) {
                    Ok(page) => {
                        // Once: nothing more is listened to.
                        taken.borrow_mut().take();
                        handed.set(Some(Rc::new(page)));
                    }
                    Err(Refusal::NotOurs) => {}
                    Err(Refusal::Unusable(message)) => {
                        taken.borrow_mut().take();
                        dispatcher.dispatch(AppAction::Notify(Notice::error(message)));
                    }
                }
            }));
            let _ = opener
                .unchecked_ref::<web_sys::Window>()
                .post_message(&JsValue::from_str(handoff::READY), "*");
        });
    }
    handed
}

/// The message's string fields (anything else reads as absent).
fn read_message(data: &JsValue) -> PageMessage {
    let field = |name: &str| {
        data.is_object()
            .then(|| js_sys::Reflect::get(data, &JsValue::from_str(name)).ok())
            .flatten()
            .and_then(|v| v.as_string())
    };
    PageMessage {
        kind: field("type"),
        nonce: field("nonce"),
        url: field("url"),
        html: field("html"),
    }
}
