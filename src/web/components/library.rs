//! The library: the stored articles, with buttons to open, rename and delete each, the
//! storage in use, and a button to add an article. A leaf: entries in, callbacks out.

use std::rc::Rc;

use uuid::Uuid;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::web::components::kit::button;
use crate::web::hooks::effect::use_effect_on;

use crate::core::intake::usage_text;
use crate::core::storage::LibraryEntry;

/// The library's properties.
#[derive(Properties, PartialEq)]
pub struct LibraryViewProps {
    /// The articles, in the order to show them (see [`crate::core::storage::library_entries`]).
    pub entries: Rc<Vec<LibraryEntry>>,
    /// Bytes used and bytes available, from [`crate::web::idb::estimate`]; `None` hides the line.
    #[prop_or_default]
    pub usage: Option<(f64, f64)>,
    /// Called with an article's id when its "Open" button is pressed.
    pub on_open: Callback<Uuid>,
    /// Called with an article's id and its new title (trimmed, not empty, not the old one).
    pub on_rename: Callback<(Uuid, String)>,
    /// Called with an article's id when its "Delete" button is pressed; the app confirms or
    /// offers to undo.
    pub on_delete: Callback<Uuid>,
    /// Called when the "New article" button is pressed.
    pub on_new: Callback<()>,
}

/// The `<section aria-label="Library">` with its list of articles, headed by the view's one
/// `<h1>`.
#[function_component(LibraryView)]
pub fn library_view(props: &LibraryViewProps) -> Html {
    // The entry whose title is being edited. A ref as well as a state, so that the blur that
    // follows an Enter does not commit twice.
    let editing = use_state_eq(|| None::<Uuid>);
    let editing_now = use_mut_ref(|| None::<Uuid>);
    let bookmarklet_state = use_bookmarklet();
    // The title field of the entry being renamed: it is given the title, the focus and its
    // text selected when it is drawn. Set once, not bound: a bound value is set again on every
    // render, and the library renders again while the user types (a sync, another tab), which
    // would undo the edit.
    let rename_ref = use_node_ref();
    {
        let title = editing
            .and_then(|id| props.entries.iter().find(|e| e.id == id))
            .map(|e| e.title.clone());
        let node = rename_ref.clone();
        use_effect_on((*editing, title.is_some()), move |_| {
            if let (Some(value), Some(input)) = (title, node.cast::<HtmlInputElement>()) {
                input.set_value(&value);
                let _ = input.focus();
                input.select();
            }
        });
    }

    let start_edit = {
        let (editing, editing_now) = (editing.clone(), editing_now.clone());
        Callback::from(move |id: Uuid| {
            *editing_now.borrow_mut() = Some(id);
            editing.set(Some(id));
        })
    };
    let finish = {
        let (editing, editing_now) = (editing.clone(), editing_now.clone());
        let on_rename = props.on_rename.clone();
        Callback::from(move |(id, old, new): (Uuid, String, Option<String>)| {
            if *editing_now.borrow() != Some(id) {
                return;
            }
            *editing_now.borrow_mut() = None;
            editing.set(None);
            if let Some(new) = new {
                let new = new.trim();
                if !new.is_empty() && new != old {
                    on_rename.emit((id, new.to_owned()));
                }
            }
        })
    };
    let rows = props.entries.iter().map(|entry| {
        let id = entry.id;
        let is_editing = *editing == Some(id);
        let title = if is_editing {
            let old = entry.title.clone();
            let on_keydown = {
                let (finish, old) = (finish.clone(), old.clone());
                Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
                    "Enter" => {
                        e.prevent_default();
                        let value = e.target_dyn_into::<HtmlInputElement>().map(|i| i.value());
                        finish.emit((id, old.clone(), value));
                    }
                    "Escape" => {
                        e.prevent_default();
                        finish.emit((id, old.clone(), None));
                    }
                    _ => {}
                })
            };
            let on_blur = {
                let (finish, old) = (finish.clone(), old.clone());
                Callback::from(move |e: FocusEvent| {
                    let value = e.target_dyn_into::<HtmlInputElement>().map(|i| i.value());
                    finish.emit((id, old.clone(), value));
                })
            };
            html! {
                <input ref={rename_ref.clone()} type="text" class="library-rename"
                       aria-label="Title" onkeydown={on_keydown} onblur={on_blur} />
            }
        } else {
            html! { <h2 class="library-title">{ entry.title.clone() }</h2> }
        };
        let source = entry.source.as_ref().map(|s| {
            html! { <span class="library-source">{ s.clone() }</span> }
        });
        let counts = format!(
            "{} {}, {} {}",
            entry.claims,
            if entry.claims == 1 { "claim" } else { "claims" },
            entry.quotes,
            if entry.quotes == 1 { "quote" } else { "quotes" },
        );
        let open = {
            let cb = props.on_open.clone();
            Callback::from(move |_: ()| cb.emit(id))
        };
        let rename = {
            let start_edit = start_edit.clone();
            Callback::from(move |_: ()| start_edit.emit(id))
        };
        let delete = {
            let cb = props.on_delete.clone();
            Callback::from(move |_: ()| cb.emit(id))
        };
        html! {
            <li key={id.to_string()} class="library-entry" data-id={id.to_string()}>
                { title }
                <p class="library-meta">
                    { for entry.site_name.as_ref().map(|s| html! { <span class="library-site">{ s.clone() }</span> }) }
                    { for entry.byline.as_ref().map(|b| html! { <span class="library-byline">{ crate::core::report::byline_line(b) }</span> }) }
                    { for source }
                    <span class="library-added">{ format!("Added {}", entry.added.date()) }</span>
                    <span class="library-counts">{ counts }</span>
                    { for entry.captured.as_ref().map(|c| html! {
                        // Provenance: when the text was captured and its SHA-256 (the first
                        // 16 digits shown, all 64 in the title and to assistive technology).
                        <>
                            <span class="library-captured">{ format!("Captured {}", c.at.date()) }</span>
                            <span class="library-hash" title={c.sha256.clone()}
                                  aria-label={format!("SHA-256 of the captured text: {}", c.sha256)}>
                                { "SHA-256 " }<code>{ format!("{}…", c.sha256.get(..16).unwrap_or(&c.sha256)) }</code>
                            </span>
                        </>
                    }) }
                </p>
                <div class="library-actions">
                    { button("Open", "", false, &open) }
                    { button("Rename", "", is_editing, &rename) }
                    { button("Delete", "", false, &delete) }
                </div>
            </li>
        }
    });

    html! {
        <section class="library" aria-label="Library">
            <div class="library-head">
                <h1>{ "Library" }</h1>
                { button("New article", "primary", false, &props.on_new) }
            </div>
            if let Some((used, quota)) = props.usage {
                <p class="library-usage">{ usage_text(used, quota) }</p>
            }
            if props.entries.is_empty() {
                <p class="library-empty">{ "No articles yet." }</p>
            } else {
                <ul class="library-list">{ for rows }</ul>
            }
            { bookmarklet(&bookmarklet_state) }
        </section>
    }
}

/// What the bookmarklet's section keeps, in the library's component: its link and whether a
/// click on the link was explained.
struct Bookmarklet {
    href: Rc<String>,
    explained: UseStateHandle<bool>,
}

#[hook]
fn use_bookmarklet() -> Bookmarklet {
    let href = use_memo((), |_| {
        let here = gloo::utils::window().location().href().unwrap_or_default();
        crate::core::handoff::bookmarklet(&here)
    });
    Bookmarklet {
        href,
        explained: use_state_eq(|| false),
    }
}

/// The **Send to Article Annotator** bookmarklet, with how to install and use it. Clicking
/// the link here only explains: it is meant to be dragged to the bookmarks bar. A function,
/// not a component: a component type costs the page its own copy of Yew's lifecycle code
/// (issue 11).
fn bookmarklet(state: &Bookmarklet) -> Html {
    let (href, explained) = (&state.href, &state.explained);
    let onclick = {
        let explained = explained.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            explained.set(true);
        })
    };
    html! {
        <section class="bookmarklet" aria-labelledby="bookmarklet-heading">
            <h2 id="bookmarklet-heading">{ "Capture from the web" }</h2>
            <p>
                { "Drag " }
                <a class="bookmarklet-link" href={(**href).clone()} {onclick}
                   aria-describedby="bookmarklet-how">{ "Send to Article Annotator" }</a>
                { " to your bookmarks bar." }
            </p>
            <p id="bookmarklet-how" class="hint">
                { "On a news page, click that bookmark: the page opens here in a new tab, with its \
                   article, title, byline, date and address filled in. Some sites do not let a \
                   bookmark send their page; then save the page (Ctrl+S or ⌘S; as a single \
                   file or web archive it keeps its address too) and use New article › Open \
                   file." }
            </p>
            if **explained {
                <p class="hint" role="status">
                    { "Drag the link to your bookmarks bar, then click the bookmark on the page you want." }
                </p>
            }
        </section>
    }
}
