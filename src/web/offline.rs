//! Offline and updates: registers the service worker (`assets/sw.js`; ARCHITECTURE.md,
//! "Offline"), says when a new build is waiting, switches to it when the user asks, and
//! follows the browser's `online` and `offline` events. Thin glue: the worker decides what it
//! caches and serves, the build decides whether there is one (the `service-worker` meta of
//! `index.html`, emptied by `scripts/sw.mjs` under `trunk serve`'s live reload).
//!
//! # Switching builds
//!
//! A new build's worker installs into a cache of its own and waits ([`Offline::update_ready`]);
//! on [`Offline::reload`] the page tells it to skip waiting. When it activates it takes every
//! open page of the app (`clients.claim`), and each page that was controlled before reloads on
//! `controllerchange`: none of them may go on loading lazily loaded files (the workers, the
//! claim model) from the new build. The first worker's claim is the one change a page sees
//! without having been controlled: that page came from the network, of the build just cached,
//! and stays.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};
use yew::prelude::*;

use crate::web::hooks::effect::use_effect_on;

/// What the page knows of its connection and its version.
pub struct Offline {
    /// The browser says it is online (`navigator.onLine`).
    pub online: bool,
    /// A new build is installed and waits for the user's Reload.
    pub update_ready: bool,
    /// Switches to the waiting build, and reloads the page once it is in charge.
    pub reload: Callback<()>,
}

/// Follows the connection, registers the service worker once the page has loaded, and
/// watches for a new build.
#[hook]
pub fn use_offline() -> Offline {
    let online = use_state_eq(|| web_sys::window().is_none_or(|w| w.navigator().on_line()));
    let update_ready = use_state_eq(|| false);
    let registration = use_mut_ref(|| None::<ServiceWorkerRegistration>);
    // Set when this page asked the waiting worker to take over.
    let reloading = use_memo((), |_| Rc::new(Cell::new(false)));
    {
        let online = online.clone();
        use_effect_on((), move |_| {
            let window = gloo::utils::window();
            let on = {
                let online = online.clone();
                EventListener::new(&window, "online", move |_| online.set(true))
            };
            let off = EventListener::new(&window, "offline", move |_| online.set(false));
            move || drop((on, off))
        });
    }
    {
        let (update_ready, registration) = (update_ready.clone(), registration.clone());
        let reloading = (*reloading).clone();
        use_effect_on((), move |_| {
            if let (Some(container), Some(url)) = (container(), script_url()) {
                follow_controller(&container, reloading);
                after_load(move || {
                    wasm_bindgen_futures::spawn_local(register(
                        container,
                        url,
                        update_ready,
                        registration,
                    ));
                });
            }
        });
    }
    let reload = {
        let reloading = (*reloading).clone();
        Callback::from(move |()| {
            reloading.set(true);
            let waiting = registration.borrow().as_ref().and_then(|r| r.waiting());
            // Without a waiting worker (another tab switched already) a reload is the switch.
            let asked =
                waiting.is_some_and(|w| w.post_message(&JsValue::from_str("skip-waiting")).is_ok());
            if !asked {
                reload_page();
            }
        })
    };
    Offline {
        online: *online,
        update_ready: *update_ready,
        reload,
    }
}

/// The service worker container, on an http(s) page of a secure context whose browser has
/// service workers; `None` elsewhere (the app then works as it did without one).
fn container() -> Option<ServiceWorkerContainer> {
    let window = web_sys::window()?;
    let protocol = window.location().protocol().ok()?;
    if !window.is_secure_context() || !(protocol == "http:" || protocol == "https:") {
        return None;
    }
    let navigator = window.navigator();
    js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}

/// The worker's script, named by the page's `<meta name="service-worker">`; none when the
/// build left it empty (a development page with live reload).
fn script_url() -> Option<String> {
    let meta = gloo::utils::document()
        .query_selector("meta[name=service-worker]")
        .ok()??;
    meta.get_attribute("content")
        .filter(|u| !u.trim().is_empty())
}

/// Runs `f` once the page has loaded (at once if it has), so that caching the build does not
/// compete with the page's own start.
fn after_load(f: impl FnOnce() + 'static) {
    if gloo::utils::document().ready_state() == "complete" {
        f();
    } else {
        EventListener::once(&gloo::utils::window(), "load", move |_| f()).forget();
    }
}

/// Reloads the page when a new worker takes it over, if a worker controlled it before or this
/// page asked for the switch (see the module's documentation).
fn follow_controller(container: &ServiceWorkerContainer, reloading: Rc<Cell<bool>>) {
    let controlled = Cell::new(container.controller().is_some());
    EventListener::new(container, "controllerchange", move |_| {
        if controlled.replace(true) || reloading.get() {
            reload_page();
        }
    })
    .forget();
}

async fn register(
    container: ServiceWorkerContainer,
    url: String,
    update_ready: UseStateHandle<bool>,
    slot: Rc<std::cell::RefCell<Option<ServiceWorkerRegistration>>>,
) {
    let registration = match JsFuture::from(container.register(&url)).await {
        // A stub that answers without a registration (a test harness blocking workers) is no
        // registration either.
        Ok(r) => match r.dyn_into::<ServiceWorkerRegistration>() {
            Ok(r) => r,
            Err(_) => return,
        },
        Err(e) => {
            // The app works as before; only offline use is missing. Not an error the user can act on.
            web_sys::console::warn_2(
                &JsValue::from_str(
                    "The app cannot be used offline: its service worker did not register.",
                ),
                &e,
            );
            return;
        }
    };
    if registration.waiting().is_some() && registration.active().is_some() {
        update_ready.set(true);
    }
    let reg = registration.clone();
    EventListener::new(&registration, "updatefound", move |_| {
        let Some(installing) = reg.installing() else {
            return;
        };
        let (reg, update_ready, worker) = (reg.clone(), update_ready.clone(), installing.clone());
        EventListener::new(&installing, "statechange", move |_| {
            // A worker installed while another is in charge waits for the user.
            if worker.state() == ServiceWorkerState::Installed && reg.active().is_some() {
                update_ready.set(true);
            }
        })
        .forget();
    })
    .forget();
    *slot.borrow_mut() = Some(registration);
}

fn reload_page() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
