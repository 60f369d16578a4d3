//! The header: the library, undo and redo, the report and the Claims view, export, import,
//! settings and the shortcuts help.
//!
//! Every action but the library lives in one container, `#header-actions`, rendered once.
//! On a wide screen it is a row of buttons; on a narrow one (styles/main.css, below 64rem)
//! it is hidden behind a **Menu** disclosure button and, when opened, shown as a list of the
//! same buttons under the header. So a control added to that container collapses with the
//! others without any more work, and its role and name are the same at every width (there is
//! never a second copy of a button for tests or assistive technology to tell apart).

use yew::prelude::*;

use crate::web::components::kit::button;
use crate::web::components::sync::{sync_status, SyncStatusProps};

/// The header's properties.
#[derive(Properties, PartialEq)]
pub struct AppBarProps {
    /// How many articles the library holds.
    pub library_count: usize,
    /// Whether an article is shown (else the library).
    pub in_article: bool,
    pub can_undo: bool,
    pub can_redo: bool,
    pub on_library: Callback<()>,
    pub on_undo: Callback<()>,
    pub on_redo: Callback<()>,
    pub on_export: Callback<()>,
    /// A file was chosen in the Import control.
    pub on_import_file: Callback<Event>,
    pub on_shortcuts: Callback<()>,
    /// The report of the open article (of the library, from the library).
    pub on_report: Callback<()>,
    /// The Claims view: every claim of the library, grouped by repeat.
    pub on_claims: Callback<()>,
    pub on_settings: Callback<()>,
    /// The Sync dialog (issue 16).
    #[prop_or_default]
    pub on_sync: Callback<()>,
    /// Where sync stands, while a connection is set.
    #[prop_or_default]
    pub sync_status: Option<crate::core::couch::Status>,
    /// The library is still being read (the article to open may already be shown): what
    /// works on the library (opening it, reports, exports, imports, sync, settings) waits.
    #[prop_or_default]
    pub loading: bool,
}

/// The id of the container of the header's actions, which the Menu button controls.
pub const ACTIONS_ID: &str = "header-actions";

/// What the header keeps between renders: whether the Menu disclosure is open (only a narrow
/// screen shows the Menu button, and hides the actions while it is closed, so on a wide one
/// this changes nothing) and the Menu button, which Escape gives the focus back to.
pub struct Menu {
    open: UseStateHandle<bool>,
    button: NodeRef,
}

/// The header's [`Menu`], kept by the component that renders [`app_bar`] (the root).
#[hook]
pub fn use_menu() -> Menu {
    Menu {
        open: use_state_eq(|| false),
        button: use_node_ref(),
    }
}

/// The `<header>` of every view. A function the root calls with the [`Menu`] it keeps, not
/// a component: a component type costs the page its own copy of Yew's lifecycle code
/// (issue 11).
pub fn app_bar(props: &AppBarProps, menu: &Menu) -> Html {
    let click = |cb: &Callback<()>| cb.reform(|_: MouseEvent| ());
    let (open, menu_ref) = (&menu.open, &menu.button);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    // Escape inside the open menu (or on its button) closes it and puts the focus back on
    // the button; it then goes no further (it is not also a global shortcut).
    let onkeydown = {
        let (open, menu_ref) = (open.clone(), menu_ref.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() != "Escape" || !*open {
                return;
            }
            let in_menu = e
                .target_dyn_into::<web_sys::Element>()
                .and_then(|t| {
                    t.closest(&format!("#{ACTIONS_ID}, .menu-btn"))
                        .ok()
                        .flatten()
                })
                .is_some();
            if !in_menu {
                return;
            }
            e.prevent_default();
            e.stop_propagation();
            open.set(false);
            if let Some(b) = menu_ref.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
        })
    };
    html! {
        <header class={classes!("app-bar", open.then_some("menu-open"))} {onkeydown}>
            <span class="brand">{ "Article Annotator" }</span>
            <nav class="nav" aria-label="Main">
                <button type="button" aria-pressed={(!props.in_article).to_string()}
                        disabled={props.loading} onclick={click(&props.on_library)}>
                    { format!("Library ({})", props.library_count) }
                </button>
            </nav>
            { sync_status(&SyncStatusProps {
                status: props.sync_status.clone(),
            }) }
            <button type="button" class="menu-btn" ref={menu_ref.clone()}
                    aria-expanded={open.to_string()} aria-controls={ACTIONS_ID}
                    onclick={toggle}>
                { "Menu" }
            </button>
            <div class="bar-actions" id={ACTIONS_ID}>
                <div class="history" role="group" aria-label="History">
                    <button type="button" disabled={!props.can_undo || !props.in_article}
                            aria-keyshortcuts="Control+Z" onclick={click(&props.on_undo)}>{ "Undo" }</button>
                    <button type="button" disabled={!props.can_redo || !props.in_article}
                            aria-keyshortcuts="Control+Shift+Z" onclick={click(&props.on_redo)}>{ "Redo" }</button>
                </div>
                { button("Report", "", props.loading, &props.on_report) }
                { button("Claims", "", props.loading, &props.on_claims) }
                { button("Export", "", props.loading, &props.on_export) }
                <label class="file-button">
                    { "Import" }
                    <input type="file" aria-label="Import annotations"
                           accept=".json,.jsonld,application/json,application/ld+json"
                           disabled={props.loading} onchange={props.on_import_file.clone()} />
                </label>
                { button("Sync", "", props.loading, &props.on_sync) }
                { button("Settings", "", props.loading, &props.on_settings) }
                <button type="button" class="help-btn" aria-keyshortcuts="?"
                        onclick={click(&props.on_shortcuts)}>{ "Shortcuts" }</button>
            </div>
        </header>
    }
}

/// [`app_bar`] as a component, for the tests that mount it alone.
#[function_component(AppBar)]
pub fn app_bar_component(props: &AppBarProps) -> Html {
    let menu = use_menu();
    app_bar(props, &menu)
}
