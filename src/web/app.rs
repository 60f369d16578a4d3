//! The root component: holds the state, reads and writes storage, listens to the selection
//! and the keyboard, and wires the leaf components to the core.

use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use uuid::Uuid;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::core::formats::{self, ExportFormat, ImportPlan};
use crate::core::library::Library;
use crate::core::model::{uuid_from_random, Annotation, Kind};
use crate::core::reducer::{Action, Edit};
use crate::core::selection;
use crate::core::storage::{self, DB_NAME};
use crate::core::text::Article;
use crate::web::components::article_view::ArticleView;
use crate::web::components::help::ShortcutsHelp;
use crate::web::components::library::LibraryView;
use crate::web::components::new_article::NewArticleDialog;
use crate::web::components::panel::AnnotationsPanel;
use crate::web::components::toolbar::SelectionToolbar;
use crate::web::components::transfer::{ExportDialog, ImportDialog, ReplaceTextDialog};
use crate::web::persist::Persister;
use crate::web::state::{describe, AppAction, AppState, Notice, StorageStatus, View};
use crate::web::{dom, files, idb, sync};

/// The selection the toolbar acts on: a trimmed code point range and where to show it.
#[derive(Clone, PartialEq)]
struct Pending {
    start: usize,
    end: usize,
    at: (f64, f64),
}

/// An import read and planned, waiting for the user to confirm it.
#[derive(Clone, PartialEq)]
struct ImportPreview {
    file_name: String,
    text: Rc<String>,
    format: formats::Format,
    plan: Rc<ImportPlan>,
    /// For W3C files, the article the annotations are attached to.
    article: Option<Uuid>,
}

/// Whether keyboard focus is in a text field, where keys belong to the field.
fn typing_in_field() -> bool {
    let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
    else {
        return false;
    };
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || el.get_attribute("contenteditable").is_some()
}

/// Plans importing `text` into `library`; W3C annotations go to `article`.
fn plan_import(
    file_name: &str,
    text: Rc<String>,
    library: &storage::Library,
    article: Option<Uuid>,
) -> Result<ImportPreview, String> {
    let lib = Library::from_stored(library);
    let (format, plan) = formats::import(&text, &lib, article, dom::now())
        .map_err(|e| format!("“{file_name}” was not imported: {e} Nothing was changed."))?;
    Ok(ImportPreview {
        file_name: file_name.to_owned(),
        text,
        format,
        plan: Rc::new(plan),
        article,
    })
}

fn preview_lines(p: &ImportPreview) -> Vec<String> {
    let s = p.plan.summary();
    let mut lines = vec![
        format!(
            "{} new article(s), {} article(s) replaced.",
            s.articles_added, s.articles_updated
        ),
        format!(
            "{} annotation(s) added, {} updated, {} already here and kept.",
            s.annotations_added, s.annotations_updated, s.annotations_kept
        ),
    ];
    if s.annotations_unanchored > 0 {
        lines.push(format!(
            "{} annotation(s) could not be matched exactly to the text: they are flagged for review or kept as orphans.",
            s.annotations_unanchored
        ));
    }
    lines
}

/// The whole app.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| AppState::new(Article::sample(), Vec::new()));
    let persister = {
        let (outbox, state) = (state.outbox.clone(), state.clone());
        use_memo((), move |_| {
            Persister::new(
                outbox,
                Callback::from(move |st| state.dispatch(AppAction::SetStorage(st))),
            )
        })
    };
    let usage = use_state_eq(|| None::<(f64, f64)>);
    let new_open = use_state_eq(|| false);
    let export_open = use_state_eq(|| false);
    let import_preview = use_state(|| None::<ImportPreview>);
    let replace_open = use_state_eq(|| false);

    // Start: open IndexedDB, read the library, listen to other tabs, ask for persistence.
    {
        let (state, persister, usage) = (state.clone(), (*persister).clone(), usage.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let loaded = match idb::open().await {
                    Ok(db) => match db.load_all().await {
                        Ok(raw) => Ok((db, storage::load_records(raw))),
                        Err(e) => Err(e),
                    },
                    Err(e) => Err(e),
                };
                match loaded {
                    Ok((db, mut result)) => {
                        *persister.db.borrow_mut() = Some(Rc::new(db));
                        // Writes left pending by an earlier page that closed are replayed first.
                        if let Some(journal) = crate::web::persist::read_journal() {
                            let protected = result.protected();
                            match storage::replay_journal(&mut result.library, &journal, &protected) {
                                Ok(plan) => state.outbox.0.borrow_mut().push(plan),
                                Err(e) => state.dispatch(AppAction::Notify(Notice {
                                    error: true,
                                    text: format!("Changes saved while the page was closing could not be read back: {e}"),
                                })),
                            }
                        }
                        state.dispatch(AppAction::Loaded {
                            result,
                            now: dom::now(),
                        });
                        if let Ok(ch) = sync::Channel::new(DB_NAME) {
                            let st = state.clone();
                            let sub = ch.subscribe(Callback::from(move |m| match m {
                                Ok(m) => st.dispatch(AppAction::Remote(m)),
                                Err(e) => st.dispatch(AppAction::Notify(Notice {
                                    error: true,
                                    text: format!(
                                        "A change from another tab could not be read: {e}"
                                    ),
                                })),
                            }));
                            std::mem::forget(sub);
                            *persister.channel.borrow_mut() = Some(ch);
                        }
                        persister.schedule(0);
                        idb::request_persist().await;
                        usage.set(idb::estimate().await);
                    }
                    Err(e) => {
                        state.dispatch(AppAction::Loaded {
                            result: Default::default(),
                            now: dom::now(),
                        });
                        state.dispatch(AppAction::SetStorage(StorageStatus::MemoryOnly(
                            e.to_string(),
                        )));
                    }
                }
            });
        });
    }
    // Every queued change is flushed shortly after it is made.
    {
        let persister = (*persister).clone();
        use_effect_with(state.revision, move |_| {
            persister.schedule(crate::web::persist::DEBOUNCE_MS)
        });
    }
    // Pending writes are flushed at once when the page is hidden or closed.
    {
        let persister = (*persister).clone();
        use_effect_with((), move |_| {
            let p1 = persister.clone();
            let hidden =
                EventListener::new(&gloo::utils::document(), "visibilitychange", move |_| {
                    if gloo::utils::document().visibility_state()
                        == web_sys::VisibilityState::Hidden
                    {
                        p1.journal_now();
                        p1.flush_now();
                    }
                });
            let p2 = persister.clone();
            let pagehide = EventListener::new(&gloo::utils::window(), "pagehide", move |_| {
                p2.journal_now();
                p2.flush_now();
            });
            move || drop((hidden, pagehide))
        });
    }

    let pending = use_state_eq(|| None::<Pending>);
    let help_open = use_state_eq(|| false);
    let article_ref = use_node_ref();
    // Which annotations cover the selection or caret, announced to screen readers.
    let covering = use_state_eq(String::new);

    // Reads the DOM selection into `pending` whenever it changes.
    let read_selection = {
        let (pending, state, article_ref, covering) = (
            pending.clone(),
            state.clone(),
            article_ref.clone(),
            covering.clone(),
        );
        Rc::new(move || {
            let Some(root) = article_ref.cast::<web_sys::Element>() else {
                return;
            };
            if state.storage == StorageStatus::Loading {
                return;
            }
            let text = &state.article.text;
            match dom::selection_span(&root).and_then(|(s, e)| selection::trim_span(text, s, e)) {
                Some(r) => {
                    let at = dom::selection_rect()
                        .map(|(l, _t, _r, b)| (l, b + 6.0))
                        .unwrap_or((16.0, 16.0));
                    let inside: Vec<String> = state
                        .annotations
                        .iter()
                        .filter(|a| a.is_attached() && a.start < r.end && a.end > r.start)
                        .map(describe)
                        .collect();
                    covering.set(if inside.is_empty() {
                        String::new()
                    } else {
                        format!("Selection overlaps: {}", inside.join("; "))
                    });
                    pending.set(Some(Pending {
                        start: r.start,
                        end: r.end,
                        at,
                    }));
                }
                None => {
                    covering.set(String::new());
                    pending.set(None)
                }
            }
        })
    };
    {
        let read_selection = read_selection.clone();
        use_effect_with(
            (state.annotations.clone(), state.storage.clone()),
            move |_| {
                let document = gloo::utils::document();
                let listener =
                    EventListener::new(&document, "selectionchange", move |_| read_selection());
                move || drop(listener)
            },
        );
    }

    let tag = {
        let (state, pending, article_ref) = (state.clone(), pending.clone(), article_ref.clone());
        Callback::from(move |kind: Kind| {
            // The DOM selection at this moment is what the user sees; `pending` may lag behind
            // it by one `selectionchange` event when keys are pressed quickly.
            let text = &state.article.text;
            let span = article_ref
                .cast::<web_sys::Element>()
                .and_then(|root| dom::selection_span(&root))
                .and_then(|(s, e)| selection::trim_span(text, s, e))
                .map(|r| (r.start, r.end))
                .or_else(|| pending.as_ref().map(|p| (p.start, p.end)));
            let Some((start, end)) = span else { return };
            let id = uuid_from_random(dom::random_bytes());
            let a = Annotation::new(id, state.article.id, kind, text, start, end, dom::now());
            state.dispatch(AppAction::Annotate {
                action: Action::Create(a),
                select: Some(id),
            });
            dom::clear_selection();
            pending.set(None);
        })
    };
    let undo = {
        let state = state.clone();
        Callback::from(move |_: ()| {
            state.dispatch(AppAction::Annotate {
                action: Action::Undo,
                select: None,
            })
        })
    };
    let redo = {
        let state = state.clone();
        Callback::from(move |_: ()| {
            state.dispatch(AppAction::Annotate {
                action: Action::Redo,
                select: None,
            })
        })
    };
    let delete = {
        let state = state.clone();
        Callback::from(move |id: Uuid| {
            state.dispatch(AppAction::Annotate {
                action: Action::Delete(id),
                select: None,
            })
        })
    };

    // Global keys: tagging, undo/redo, delete, help.
    {
        let (state, pending, help_open, tag, undo, redo, delete) = (
            state.clone(),
            pending.clone(),
            help_open.clone(),
            tag.clone(),
            undo.clone(),
            redo.clone(),
            delete.clone(),
        );
        use_effect_with(
            (
                state.selected,
                (*pending).clone(),
                *help_open,
                state.revision,
            ),
            move |_| {
                let document = gloo::utils::document();
                let opts = EventListenerOptions::enable_prevent_default();
                let listener =
                    EventListener::new_with_options(&document, "keydown", opts, move |e| {
                        let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                            return;
                        };
                        let key = e.key();
                        let ctrl = e.ctrl_key() || e.meta_key();
                        if *help_open {
                            if key == "Escape" {
                                help_open.set(false);
                                e.prevent_default();
                            }
                            return;
                        }
                        if typing_in_field() {
                            return;
                        }
                        match key.as_str() {
                            "z" | "Z" if ctrl && e.shift_key() => redo.emit(()),
                            "z" if ctrl => undo.emit(()),
                            "y" if ctrl => redo.emit(()),
                            "c" | "C" if !ctrl && !e.alt_key() && pending.is_some() => {
                                tag.emit(Kind::Claim)
                            }
                            "q" | "Q" if !ctrl && !e.alt_key() && pending.is_some() => {
                                tag.emit(Kind::Quote)
                            }
                            "Escape" if pending.is_some() => {
                                dom::clear_selection();
                                pending.set(None);
                            }
                            "Escape" if state.selected.is_some() => {
                                state.dispatch(AppAction::Select(None))
                            }
                            "Delete" if !ctrl => match state.selected {
                                Some(id) => delete.emit(id),
                                None => return,
                            },
                            "?" => help_open.set(true),
                            _ => return,
                        }
                        e.prevent_default();
                    });
                move || drop(listener)
            },
        );
    }

    // Keyboard navigation inside the focused article: by sentence, and extending by word.
    let on_article_key = {
        let (state, article_ref) = (state.clone(), article_ref.clone());
        Callback::from(move |e: KeyboardEvent| {
            let Some(root) = article_ref.cast::<web_sys::Element>() else {
                return;
            };
            let text = &state.article.text;
            let current = dom::selection_span(&root);
            let caret = current.map(|(s, _)| s).unwrap_or(0);
            let next = match (e.key().as_str(), e.shift_key(), e.alt_key()) {
                ("ArrowDown", false, false) => {
                    let from = current.map(|(_, end)| end).unwrap_or(0);
                    let start = if current.is_none() {
                        Some(state.blocks.first().map(|b| b.start).unwrap_or(0))
                    } else {
                        selection::next_sentence_start(text, from)
                    };
                    start.and_then(|s| selection::sentence_at(text, s))
                }
                ("ArrowUp", false, false) => selection::prev_sentence_start(text, caret)
                    .and_then(|s| selection::sentence_at(text, s)),
                ("ArrowRight", true, false) => {
                    let (s, en) = current.unwrap_or((caret, caret));
                    Some(selection::extend_word_forward(text, s..en))
                }
                ("ArrowLeft", true, false) => {
                    let (s, en) = current.unwrap_or((caret, caret));
                    Some(selection::extend_word_backward(text, s..en))
                }
                ("ArrowLeft", true, true) => current.map(|(s, en)| {
                    let back = selection::prev_word_start(text, en);
                    s..back.max(s)
                }),
                _ => return,
            };
            e.prevent_default();
            if let Some(r) = next.and_then(|r| selection::trim_span(text, r.start, r.end)) {
                dom::set_selection(&root, r.start, r.end);
                if let Ok(Some(el)) = root.query_selector(&format!("[data-s=\"{}\"]", r.start)) {
                    el.scroll_into_view_with_bool(false);
                }
            }
        })
    };

    // Clicking a highlight selects its innermost annotation; clicking again cycles through the
    // others that cover the same place.
    let on_highlight_click = {
        let state = state.clone();
        Callback::from(move |cp: usize| {
            if dom::selection_span_nonempty() {
                return;
            }
            let mut covering: Vec<&Annotation> = state
                .annotations
                .iter()
                .filter(|a| a.is_attached() && a.start <= cp && cp < a.end)
                .collect();
            covering.sort_by_key(|a| (a.end - a.start, std::cmp::Reverse(a.start)));
            let next = match state
                .selected
                .and_then(|s| covering.iter().position(|a| a.id == s))
            {
                Some(i) => covering.get((i + 1) % covering.len()),
                None => covering.first(),
            };
            if let Some(a) = next {
                state.dispatch(AppAction::Select(Some(a.id)));
            }
        })
    };

    let on_select_item = {
        let (state, article_ref) = (state.clone(), article_ref.clone());
        Callback::from(move |id: Uuid| {
            state.dispatch(AppAction::Select(Some(id)));
            if let (Some(root), Some(a)) = (
                article_ref.cast::<web_sys::Element>(),
                state.annotations.get(id),
            ) {
                let sel = format!("mark[data-s=\"{}\"]", a.start);
                if let Ok(Some(el)) = root.query_selector(&sel) {
                    let opts = web_sys::ScrollIntoViewOptions::new();
                    opts.set_block(web_sys::ScrollLogicalPosition::Center);
                    el.scroll_into_view_with_scroll_into_view_options(&opts);
                }
            }
        })
    };
    let on_edit = {
        let state = state.clone();
        Callback::from(move |(id, edit): (Uuid, Edit)| {
            state.dispatch(AppAction::Annotate {
                action: Action::Edit {
                    id,
                    edit,
                    now: dom::now(),
                },
                select: None,
            })
        })
    };
    let on_filter = {
        let state = state.clone();
        Callback::from(move |f| state.dispatch(AppAction::SetFilter(f)))
    };
    let on_error = {
        let state = state.clone();
        Callback::from(move |text: String| {
            state.dispatch(AppAction::Notify(Notice { error: true, text }))
        })
    };
    let dismiss = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(AppAction::DismissNotice))
    };

    // The library, articles and transfers.
    let on_open = {
        let state = state.clone();
        Callback::from(move |id: Uuid| state.dispatch(AppAction::Open(id)))
    };
    let on_rename = {
        let state = state.clone();
        Callback::from(move |(id, title): (Uuid, String)| {
            state.dispatch(AppAction::Rename {
                id,
                title,
                now: dom::now(),
            })
        })
    };
    let on_delete_article = {
        let state = state.clone();
        Callback::from(move |id: Uuid| state.dispatch(AppAction::DeleteArticle(id)))
    };
    let on_create = {
        let (state, new_open) = (state.clone(), new_open.clone());
        Callback::from(move |article: Article| {
            new_open.set(false);
            state.dispatch(AppAction::CreateArticle {
                article,
                now: dom::now(),
            });
        })
    };
    let export_everything = {
        let state = state.clone();
        Callback::from(move |_| {
            let lib = Library::from_stored(&state.library);
            let f = formats::export_file(
                &lib,
                ExportFormat::Native,
                None,
                &state.settings,
                dom::now(),
                uuid_from_random(dom::random_bytes()),
            );
            let text = match files::download_export(&f) {
                Ok(text) => Notice { error: false, text },
                Err(text) => Notice { error: true, text },
            };
            state.dispatch(AppAction::Notify(text));
        })
    };
    let on_import_file = {
        let (state, import_preview) = (state.clone(), import_preview.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let (state, import_preview) = (state.clone(), import_preview.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let text = match files::read_text(file, formats::MAX_IMPORT_BYTES).await {
                    Ok(t) => Rc::new(t),
                    Err(e) => {
                        state.dispatch(AppAction::Notify(Notice {
                            error: true,
                            text: format!("{e} Nothing was changed."),
                        }));
                        return;
                    }
                };
                // W3C annotations go to the article their target names, else the open one.
                let lib = Library::from_stored(&state.library);
                let target = formats::w3c_target_article(&text, &lib).or_else(|| {
                    state
                        .library
                        .articles
                        .contains_key(&state.article.id)
                        .then_some(state.article.id)
                });
                match plan_import(&name, text, &state.library, target) {
                    Ok(p) => import_preview.set(Some(p)),
                    Err(msg) => state.dispatch(AppAction::Notify(Notice {
                        error: true,
                        text: msg,
                    })),
                }
            });
        })
    };
    let apply_import = {
        let (state, import_preview) = (state.clone(), import_preview.clone());
        Callback::from(move |_: ()| {
            let Some(p) = (*import_preview).clone() else {
                return;
            };
            import_preview.set(None);
            let now = dom::now();
            let next = p
                .plan
                .apply(&Library::from_stored(&state.library))
                .to_stored(&state.library, now);
            let s = p.plan.summary();
            let message = format!(
                "Imported “{}”: {} annotation(s) added, {} updated.",
                p.file_name, s.annotations_added, s.annotations_updated
            );
            state.dispatch(AppAction::ReplaceLibrary {
                library: next,
                message,
            });
            if let Some(id) = p.article.filter(|_| p.format == formats::Format::W3c) {
                state.dispatch(AppAction::Open(id));
            } else if let Some((_, a)) = p.plan.articles.first() {
                if !p
                    .plan
                    .articles
                    .iter()
                    .any(|(_, x)| x.id == state.article.id)
                {
                    state.dispatch(AppAction::Open(a.id));
                }
            }
        })
    };
    let choose_import_article = {
        let (state, import_preview) = (state.clone(), import_preview.clone());
        Callback::from(move |id: Uuid| {
            let Some(p) = (*import_preview).clone() else {
                return;
            };
            match plan_import(&p.file_name, p.text.clone(), &state.library, Some(id)) {
                Ok(p) => import_preview.set(Some(p)),
                Err(msg) => state.dispatch(AppAction::Notify(Notice {
                    error: true,
                    text: msg,
                })),
            }
        })
    };
    let on_notice = {
        let state = state.clone();
        Callback::from(move |(error, text): (bool, String)| {
            state.dispatch(AppAction::Notify(Notice { error, text }))
        })
    };
    let on_settings = {
        let state = state.clone();
        Callback::from(move |s| state.dispatch(AppAction::SetSettings(s)))
    };

    // Attaching an orphan (or an annotation that needs review) to the selected text.
    let attach = state
        .selected
        .and_then(|id| state.annotations.get(id))
        .filter(|a| a.anchoring != crate::core::model::Anchoring::Anchored)
        .map(|a| {
            let (id, state, pending) = (a.id, state.clone(), pending.clone());
            Callback::from(move |_: ()| {
                let Some(p) = (*pending).clone() else { return };
                let quote =
                    crate::core::model::TextQuote::from_span(&state.article.text, p.start, p.end);
                let edit = Edit::Reanchor {
                    start: p.start,
                    end: p.end,
                    quote,
                };
                state.dispatch(AppAction::Annotate {
                    action: Action::Edit {
                        id,
                        edit,
                        now: dom::now(),
                    },
                    select: Some(id),
                });
                dom::clear_selection();
                pending.set(None);
            })
        });
    let on_replace_text = {
        let (state, replace_open) = (state.clone(), replace_open.clone());
        Callback::from(move |text: String| {
            replace_open.set(false);
            if text.trim().is_empty() {
                state.dispatch(AppAction::Notify(Notice {
                    error: true,
                    text: "The new text is empty; nothing was changed.".into(),
                }));
                return;
            }
            let lib = Library::from_stored(&state.library);
            let Some((next, r)) = formats::replace_text(&lib, state.article.id, &text) else {
                return;
            };
            let message = format!(
                "Text replaced: {} annotation(s) still on their text, {} flagged for review, {} kept as orphans.",
                r.anchored, r.needs_review, r.orphaned
            );
            state.dispatch(AppAction::ReplaceLibrary {
                library: next.to_stored(&state.library, dom::now()),
                message,
            });
        })
    };
    let can_undo = state.annotations.can_undo();
    let can_redo = state.annotations.can_redo();
    let in_article = state.view == View::Article;
    // The library list is computed only when it is shown (it counts every annotation).
    let entries = Rc::new(if in_article && import_preview.is_none() {
        Vec::new()
    } else {
        storage::library_entries(&state.library)
    });
    let article_choices: Vec<(Uuid, String)> =
        entries.iter().map(|e| (e.id, e.title.clone())).collect();
    let storage_state = match state.storage {
        StorageStatus::Loading => "loading",
        StorageStatus::Saving => "saving",
        StorageStatus::MemoryOnly(_) => "memory",
        StorageStatus::Failing(_) => "failing",
    };
    html! {
        <div class="app" data-storage={storage_state}>
            <header class="app-bar">
                <span class="brand">{ "Article Annotator" }</span>
                <nav class="nav" aria-label="Main">
                    <button type="button" aria-pressed={(!in_article).to_string()}
                            onclick={{ let s = state.clone(); Callback::from(move |_| s.dispatch(AppAction::ShowLibrary)) }}>
                        { format!("Library ({})", state.library.articles.len()) }
                    </button>
                </nav>
                <div class="history" role="group" aria-label="History">
                    <button type="button" disabled={!can_undo || !in_article} aria-keyshortcuts="Control+Z"
                            onclick={undo.reform(|_| ())}>{ "Undo" }</button>
                    <button type="button" disabled={!can_redo || !in_article} aria-keyshortcuts="Control+Shift+Z"
                            onclick={redo.reform(|_| ())}>{ "Redo" }</button>
                </div>
                <button type="button" onclick={{ let e = export_open.clone(); Callback::from(move |_| e.set(true)) }}>
                    { "Export" }
                </button>
                <label class="file-button">
                    { "Import" }
                    <input type="file" aria-label="Import annotations" accept=".json,.jsonld,application/json,application/ld+json"
                           onchange={on_import_file} />
                </label>
                <button type="button" class="help-btn" aria-keyshortcuts="?"
                        onclick={{ let h = help_open.clone(); Callback::from(move |_| h.set(true)) }}>
                    { "Shortcuts" }
                </button>
            </header>
            { match &state.storage {
                StorageStatus::MemoryOnly(why) => html! {
                    <div class="banner error" role="alert">
                        <span>{ format!("Your work is not being saved: this browser does not let the app use its storage ({why}). Export to keep it.") }</span>
                        <button type="button" onclick={export_everything.clone()}>{ "Export everything" }</button>
                    </div>
                },
                StorageStatus::Failing(why) => html! {
                    <div class="banner error" role="alert">
                        <span>{ format!("{why} Your changes are kept in this tab and retried every few seconds; nothing already saved was touched.") }</span>
                        <button type="button" onclick={export_everything.clone()}>{ "Export everything" }</button>
                    </div>
                },
                _ => html! {},
            } }
            if !state.skipped.is_empty() {
                <div class="banner warning" role="alert">
                    <ul>{ for state.skipped.iter().map(|m| html! { <li>{ m.clone() }</li> }) }</ul>
                </div>
            }
            if let Some(n) = &state.notice {
                <div class={classes!("notice", n.error.then_some("error"))}
                     role={if n.error { "alert" } else { "status" }}>
                    <span>{ n.text.clone() }</span>
                    if state.trash.is_some() && !n.error && n.text.starts_with("Deleted") {
                        <button type="button" class="undo-delete"
                                onclick={{ let s = state.clone(); Callback::from(move |_| s.dispatch(AppAction::RestoreArticle)) }}>
                            { "Undo delete" }
                        </button>
                    }
                    <button type="button" aria-label="Dismiss message" onclick={dismiss}>{ "×" }</button>
                </div>
            }
            if in_article {
                <main class="workspace">
                    <section class="reader" aria-labelledby="article-title">
                        <h1 id="article-title">{ state.article.title.clone() }</h1>
                        if let Some(url) = state.article.source_url.as_ref().and_then(|u| crate::core::model::HttpUrl::parse(u).ok()) {
                            <p class="source"><a href={url.as_str().to_owned()} target="_blank" rel="noopener noreferrer">{ url.as_str() }</a></p>
                        }
                        <div class="reader-tools">
                            <button type="button" onclick={{ let r = replace_open.clone(); Callback::from(move |_| r.set(true)) }}>
                                { "Replace text" }
                            </button>
                        </div>
                        <p id="article-keys" class="hint">
                            { "Select text, then choose Claim or Quote (keys C and Q). Press ? for keyboard shortcuts." }
                        </p>
                        <ArticleView article={state.article.clone()} runs={Some(state.runs.clone())}
                                     node_ref={article_ref.clone()} onkeydown={on_article_key}
                                     {on_highlight_click} />
                    </section>
                    <AnnotationsPanel annotations={state.annotations.clone()} filter={state.filter.clone()}
                        selected={state.selected} {on_filter} on_select={on_select_item} {on_edit}
                        on_delete={delete} {on_error} />
                </main>
            } else {
                <main class="library-page">
                    <LibraryView {entries} usage={*usage} {on_open} {on_rename}
                                 on_delete={on_delete_article}
                                 on_new={{ let n = new_open.clone(); Callback::from(move |_| n.set(true)) }} />
                </main>
            }
            <p class="visually-hidden" aria-live="polite">{ (*covering).clone() }</p>
            if let (Some(p), true) = (&*pending, in_article) {
                <SelectionToolbar at={p.at} on_tag={tag.clone()} on_attach={attach.clone()} />
            }
            if *help_open {
                <ShortcutsHelp on_close={{ let h = help_open.clone(); Callback::from(move |_| h.set(false)) }} />
            }
            if *new_open {
                <NewArticleDialog {on_create} on_cancel={{ let n = new_open.clone(); Callback::from(move |_| n.set(false)) }} />
            }
            if *export_open {
                <ExportDialog library={state.library.clone()}
                    article={in_article.then_some(state.article.id)}
                    settings={state.settings.clone()} {on_settings} {on_notice}
                    on_close={{ let e = export_open.clone(); Callback::from(move |_| e.set(false)) }} />
            }
            if *replace_open && in_article {
                <ReplaceTextDialog current={AttrValue::from(state.article.text.clone())} on_replace={on_replace_text}
                    on_cancel={{ let r = replace_open.clone(); Callback::from(move |_| r.set(false)) }} />
            }
            if let Some(p) = &*import_preview {
                <ImportDialog file_name={p.file_name.clone()}
                    format={match p.format { formats::Format::Native => "Annotator JSON", formats::Format::W3c => "W3C Web Annotation" }}
                    lines={preview_lines(p)}
                    articles={if p.format == formats::Format::W3c { article_choices.clone() } else { Vec::new() }}
                    chosen={p.article}
                    on_choose={choose_import_article}
                    on_apply={apply_import}
                    on_cancel={{ let i = import_preview.clone(); Callback::from(move |_| i.set(None)) }} />
            }
        </div>
    }
}
