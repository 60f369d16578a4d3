//! Sync (issue 16): the dialog that connects the library to a CouchDB database, and the
//! header's status. Props in, callbacks out; the words are the core's
//! ([`Status`]'s and [`ConfigError`](crate::core::couch::ConfigError)'s `Display`).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::web::components::form::typed;
use crate::web::components::kit::button;

use crate::core::couch::{Config, Conflict, Saved, Server, Status, Stop};
use crate::web::components::modal::Modal;

/// The header's sync status: a live `role="status"` named "Sync status", shown while a
/// connection is set.
#[derive(Properties, PartialEq)]
pub struct SyncStatusProps {
    pub status: Option<Status>,
}

pub fn sync_status(props: &SyncStatusProps) -> Html {
    let Some(status) = &props.status else {
        return html! {};
    };
    let class = match status {
        Status::UpToDate => "ok",
        Status::Stopped(..) => "stopped",
        Status::Offline => "offline",
        _ => "busy",
    };
    html! {
        <span class={classes!("sync-status", class)} role="status" aria-label="Sync status">
            { status.to_string() }
        </span>
    }
}

/// [`sync_status`] as a component, for the tests that mount it alone. The page calls
/// [`sync_status`]: a component type costs the page its own copy of Yew's lifecycle code (issue
/// 11).
#[function_component(SyncStatus)]
pub fn sync_status_component(props: &SyncStatusProps) -> Html {
    sync_status(props)
}

/// The Sync dialog's properties.
#[derive(Properties, PartialEq)]
pub struct SyncDialogProps {
    /// The connection kept in this browser, if any (prefills the form).
    pub saved: Option<Saved>,
    pub status: Option<Status>,
    pub conflicts: Vec<Conflict>,
    pub problems: Vec<String>,
    /// Connect with this configuration; `true` remembers the password.
    pub on_connect: Callback<(Config, bool)>,
    pub on_disconnect: Callback<()>,
    pub on_create_database: Callback<()>,
    pub on_close: Callback<()>,
}

/// The Sync dialog (`role="dialog"`, named "Sync"): **Server URL**, **Database**, **User
/// name**, **Password**, **Remember on this device**, **Connect**; while a connection is
/// set, its status, **Disconnect**, **Create database** when the database does not exist,
/// and the annotations edited on two machines with both versions.
#[function_component(SyncDialog)]
pub fn sync_dialog(props: &SyncDialogProps) -> Html {
    let initial = props.saved.clone().unwrap_or_default();
    let url = use_state(|| initial.config.url.clone());
    let database = use_state(|| initial.config.database.clone());
    let user = use_state(|| initial.config.user.clone());
    let password = use_state(|| initial.config.password.clone());
    let remember = use_state(|| initial.remember);
    let error = use_state(|| None::<String>);
    let on_remember = {
        let remember = remember.clone();
        Callback::from(move |e: Event| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                remember.set(i.checked());
            }
        })
    };
    let connect = {
        let (url, database, user, password, remember, error, cb) = (
            url.clone(),
            database.clone(),
            user.clone(),
            password.clone(),
            remember.clone(),
            error.clone(),
            props.on_connect.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let config = Config {
                url: url.trim().to_owned(),
                database: database.trim().to_owned(),
                user: user.trim().to_owned(),
                password: (*password).clone(),
            };
            match Server::new(&config) {
                Err(why) => error.set(Some(why.to_string())),
                Ok(_) => {
                    error.set(None);
                    cb.emit((config, *remember));
                }
            }
        })
    };
    let connected = props.saved.is_some();
    let no_database = matches!(&props.status, Some(Status::Stopped(Stop::NoDatabase(..))));
    html! {
        <Modal labelled_by="sync-title" on_close={props.on_close.clone()} class="sync-dialog">
            <h2 id="sync-title">{ "Sync" }</h2>
            <p class="hint">
                { "Share this library with your team through a CouchDB database (or IBM Cloudant). \
                   Everything stays in this browser as well; the password is kept only if you ask." }
            </p>
            if let Some(status) = &props.status {
                <p class="sync-state">{ "Status: " }<strong>{ status.to_string() }</strong></p>
            }
            <form class="sync-form" onsubmit={connect}>
                <label for="sync-url">{ "Server URL" }</label>
                <input id="sync-url" type="url" data-autofocus="" placeholder="https://couch.example.org"
                       autocomplete="url" value={(*url).clone()} oninput={typed(&url)} />
                <label for="sync-db">{ "Database" }</label>
                <input id="sync-db" placeholder="desk" autocapitalize="none" spellcheck="false"
                       value={(*database).clone()} oninput={typed(&database)} />
                <label for="sync-user">{ "User name" }</label>
                <input id="sync-user" autocomplete="username" autocapitalize="none" spellcheck="false"
                       value={(*user).clone()} oninput={typed(&user)} />
                <label for="sync-password">{ "Password" }</label>
                <input id="sync-password" type="password" autocomplete="current-password"
                       value={(*password).clone()} oninput={typed(&password)} />
                <label class="check">
                    <input type="checkbox" checked={*remember} onchange={on_remember} />
                    { "Remember on this device" }
                </label>
                if let Some(e) = &*error {
                    <p class="error" role="alert">{ e.clone() }</p>
                }
                <div class="dialog-actions">
                    <button type="submit" class="primary">{ "Connect" }</button>
                    if no_database {
                        { button("Create database", "", false, &props.on_create_database) }
                    }
                    if connected {
                        { button("Disconnect", "", false, &props.on_disconnect) }
                    }
                    { button("Close", "", false, &props.on_close) }
                </div>
            </form>
            if !props.conflicts.is_empty() {
                <section aria-labelledby="sync-conflicts-title">
                    <h3 id="sync-conflicts-title">{ "Edited on two machines" }</h3>
                    <p class="hint">{ "The later edit was kept everywhere; the other version is shown for comparison." }</p>
                    <ul class="sync-conflicts" aria-label="Edited on two machines">
                        { for props.conflicts.iter().map(|c| html! {
                            <li key={c.id.clone()}>
                                <strong>{ c.label() }</strong>
                                <p>{ "Kept: " }{ c.describe(&c.kept) }</p>
                                { for c.others.iter().map(|o| html! {
                                    <p>{ "Other version: " }{ c.describe(o) }</p>
                                }) }
                            </li>
                        }) }
                    </ul>
                </section>
            }
            if !props.problems.is_empty() {
                <section aria-labelledby="sync-problems-title">
                    <h3 id="sync-problems-title">{ "Not synced" }</h3>
                    <ul aria-label="Not synced">
                        { for props.problems.iter().map(|p| html! { <li>{ p.clone() }</li> }) }
                    </ul>
                </section>
            }
        </Modal>
    }
}
