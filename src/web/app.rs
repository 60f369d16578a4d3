//! The root component. It only wires: the state lives in one reducer
//! ([`crate::web::state`]), effects and event handling in hooks ([`crate::web::hooks`]), the
//! markup in leaf components; decisions are the core's.

use uuid::Uuid;
use yew::prelude::*;

use crate::web::hooks::effect::use_effect_on;

use crate::core::formats::ExportFormat;
use crate::core::library::Library;
use crate::core::model::{Body, HttpUrl};
use crate::core::reducer::{Action, Edit};
use crate::core::report;
use crate::core::storage;
use crate::core::text::Article;
use crate::web::components::app_bar::{app_bar, use_menu, AppBarProps};
use crate::web::components::article_view::{sentence_buttons, ArticleView, SentenceButtonsProps};
use crate::web::components::connection::connection;
use crate::web::components::help::shortcuts_help;
use crate::web::components::kit::button;
use crate::web::components::library::LibraryView;
use crate::web::components::new_article::NewArticleDialog;
use crate::web::components::notices::{notices, NoticesProps};
use crate::web::components::panel::{side_sheet, use_sheet_open, AnnotationsPanel, SideSheetProps};
use crate::web::components::report::{
    claims_dialog, report_dialog, ClaimsDialogProps, ReportContent, ReportDialogProps,
    SettingsDialog,
};
use crate::web::components::suggestions::SuggestionsPanel;
use crate::web::components::sync::SyncDialog;
use crate::web::components::toolbar::{selection_toolbar, use_placement, SelectionToolbarProps};
use crate::web::components::transfer::{
    import_dialog, job_progress, replace_text_dialog, use_replace_field, ExportChooser,
    ExportRequest, ImportDialogProps, JobProgressProps, ReplaceTextDialogProps,
};
use crate::web::dom;
use crate::web::hooks::couch::use_couch;
use crate::web::hooks::handoff::use_handoff;
use crate::web::hooks::persistence::use_persistence;
use crate::web::hooks::repeats::use_repeats;
use crate::web::hooks::selection::{
    highlight_click, select_item, sentence_step, use_article_keys, use_selection,
};
use crate::web::hooks::shortcuts::{use_shortcuts, ShortcutTargets};
use crate::web::hooks::startup::{self, use_startup};
use crate::web::hooks::suggestions::use_suggestions;
use crate::web::hooks::transfer::use_transfer;
use crate::web::offline::use_offline;
use crate::web::state::{AppAction, AppState, Notice, StorageStatus, View};

/// The dialog on top of the page, if any (the import preview is the transfer hook's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dialog {
    Shortcuts,
    NewArticle,
    Export,
    ReplaceText,
    Report,
    Claims,
    Settings,
    Sync,
}

/// A callback that dispatches what `action` makes of its argument. A function pointer, not a
/// closure: every callback of one argument type is then one closure type, compiled once, not
/// once per call site (issue 11, the page's size).
fn send<T: 'static>(state: &UseReducerHandle<AppState>, action: fn(T) -> AppAction) -> Callback<T> {
    let dispatcher = state.dispatcher();
    Callback::from(move |x| dispatcher.dispatch(action(x)))
}

/// A callback that opens (`Some`) or closes (`None`) a dialog.
fn show(dialog: &UseStateHandle<Option<Dialog>>, which: Option<Dialog>) -> Callback<()> {
    let dialog = dialog.clone();
    Callback::from(move |_| dialog.set(which))
}

/// The whole app.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| AppState::new(Article::sample(), Vec::new()));
    let persister = use_persistence(&state);
    let usage = use_startup(&state, &persister);
    let article_ref = use_node_ref();
    let selection = use_selection(&state, &article_ref);
    let transfer = use_transfer(&state, &persister);
    let on_article_key = use_article_keys(&state, &article_ref);
    let suggest = use_suggestions(&state, &article_ref);
    let dialog = use_state_eq(|| None::<Dialog>);
    let menu = use_menu();
    let repeats = use_repeats(&state.library);
    // The report's scope (the whole library, or the open article) and the Claims view's
    // verdict filter.
    let report_library = use_state_eq(|| false);
    let claims_verdict = use_state_eq(|| None::<crate::core::model::Verdict>);
    let offline = use_offline();
    let couch = use_couch(&state);
    // A page the bookmarklet sends opens the New article dialog, prefilled.
    let handed = use_handoff(&state);
    {
        let dialog = dialog.clone();
        use_effect_on(handed.is_some(), move |arrived| {
            if *arrived {
                dialog.set(Some(Dialog::NewArticle));
            }
        });
    }

    fn annotate(action: Action) -> AppAction {
        AppAction::Annotate {
            action,
            select: None,
        }
    }
    let undo = send(&state, move |_: ()| {
        annotate(Action::Undo { now: dom::now() })
    });
    let redo = send(&state, move |_: ()| {
        annotate(Action::Redo { now: dom::now() })
    });
    let delete = send(&state, move |id: Uuid| annotate(Action::Delete(id)));
    let on_edit = send(&state, move |(id, edit): (Uuid, Edit)| {
        annotate(Action::Edit {
            id,
            edit,
            now: dom::now(),
        })
    });
    use_shortcuts(
        &state,
        ShortcutTargets {
            has_selection: selection.pending.is_some(),
            tag: selection.tag.clone(),
            dismiss_selection: selection.dismiss.clone(),
            undo: undo.clone(),
            redo: redo.clone(),
            delete: delete.clone(),
            show_shortcuts: show(&dialog, Some(Dialog::Shortcuts)),
            accept_suggestion: suggest.accept.clone(),
        },
    );
    // After "Create" the dialog's opener (the library's button) is gone: focus moves to the
    // new article's heading instead, once it is shown.
    let heading_ref = use_node_ref();
    let focus_heading = use_mut_ref(|| false);
    {
        let (heading_ref, focus_heading) = (heading_ref.clone(), focus_heading.clone());
        use_effect_on(state.article.id, move |_| {
            if focus_heading.replace(false) {
                if let Some(h) = heading_ref.cast::<web_sys::HtmlElement>() {
                    let _ = h.focus();
                }
            }
        });
    }
    // The library is still being read (the article last shown may already be): what acts on
    // it waits.
    let loading = state.storage == StorageStatus::Opening;
    let on_create = {
        let (dispatcher, dialog) = (state.dispatcher(), dialog.clone());
        let (focus_heading, handed) = (focus_heading.clone(), handed.clone());
        // An article created before the library is read would be lost when it is (a page
        // handed over by the bookmarklet can open the dialog that early): the dialog stays
        // open, with what it holds, until it can be created.
        Callback::from(move |article: Article| {
            if loading {
                dispatcher.dispatch(AppAction::Notify(Notice::error(
                    "The library is still being read. Press Create again in a moment.".to_owned(),
                )));
                return;
            }
            dialog.set(None);
            handed.set(None);
            *focus_heading.borrow_mut() = true;
            dispatcher.dispatch(AppAction::CreateArticle {
                article,
                now: dom::now(),
            });
        })
    };
    let on_replace_text = {
        let (replace, dialog) = (transfer.replace_text.clone(), dialog.clone());
        Callback::from(move |text: String| {
            dialog.set(None);
            replace.emit(text);
        })
    };

    let in_article = state.view == View::Article;
    // The side sheet's disclosure and the selection toolbar's placement, kept here because
    // the root draws both (functions, not components: issue 11, the page's size).
    let sheet_open = use_sheet_open(in_article, state.selected);
    let toolbar_ref = use_node_ref();
    // The Replace text dialog's field and the text it starts from, while the dialog is shown.
    let replace_current = (*dialog == Some(Dialog::ReplaceText) && in_article)
        .then(|| AttrValue::from(state.article.text.clone()));
    let replace_field = use_node_ref();
    use_replace_field(&replace_field, replace_current.clone());
    use_placement(
        &toolbar_ref,
        selection
            .pending
            .as_ref()
            .filter(|_| in_article)
            .map(|p| (p.at, selection.attach.is_some())),
    );
    let close = show(&dialog, None);
    let library_key = std::rc::Rc::as_ptr(&state.library) as usize;
    // The claims that repeat the selected claim, asked of the index again only when the
    // selection or the library changes.
    let selected_repeats = {
        let repeats = repeats.clone();
        use_memo((state.selected, library_key), move |(selected, _)| {
            selected.map(|id| repeats.of(id)).unwrap_or_default()
        })
    };
    let on_copy_check = {
        let state = state.clone();
        Callback::from(move |(target, source): (Uuid, Uuid)| {
            let Some(from) = state.library.annotations.get(&source) else {
                return;
            };
            let Body::Claim(c) = &from.body else { return };
            state.dispatch(annotate(Action::Edit {
                id: target,
                edit: Edit::CopyCheck {
                    verdict: c.verdict,
                    note: from.note.clone(),
                    evidence: c.evidence.clone(),
                },
                now: dom::now(),
            }));
        })
    };
    // Opens claim `.1` of article `.0` with it selected (from the Claims view and the
    // ClaimReview checks).
    let open_claim = {
        let (state, dialog) = (state.clone(), dialog.clone());
        Callback::from(move |(article, claim): (Uuid, Uuid)| {
            dialog.set(None);
            if state.view != View::Article || state.article.id != article {
                startup::mark_opening(article);
                state.dispatch(AppAction::Open(article));
            }
            state.dispatch(AppAction::Select(Some(claim)));
        })
    };
    let report_content = {
        let (state, whole) = (state.clone(), *report_library || !in_article);
        let open = *dialog == Some(Dialog::Report);
        use_memo(
            (
                open,
                whole,
                library_key,
                std::rc::Rc::as_ptr(&state.annotations) as usize,
            ),
            move |(open, whole, _, _)| {
                if !*open {
                    None
                } else if *whole {
                    Some(std::rc::Rc::new(ReportContent::Library(
                        report::library_report(&Library::from_stored(&state.library)),
                    )))
                } else {
                    Some(std::rc::Rc::new(ReportContent::Article(
                        report::article_report(&state.article, state.annotations.iter()),
                    )))
                }
            },
        )
    };
    let claim_groups = {
        let repeats = repeats.clone();
        let open = *dialog == Some(Dialog::Claims);
        use_memo(
            (open, *claims_verdict, library_key),
            move |(open, verdict, _)| {
                std::rc::Rc::new(if *open {
                    repeats.groups(*verdict)
                } else {
                    Vec::new()
                })
            },
        )
    };
    let on_report = {
        let (dialog, report_library) = (dialog.clone(), report_library.clone());
        Callback::from(move |_: ()| {
            report_library.set(!in_article);
            dialog.set(Some(Dialog::Report));
        })
    };
    // The library list is computed only when it is shown (it counts every annotation).
    let entries = std::rc::Rc::new(if in_article && transfer.preview.is_none() {
        Vec::new()
    } else {
        storage::library_entries(&state.library)
    });
    html! {
        <div class="app" data-storage={storage_attribute(&state.storage)}>
            { app_bar(&AppBarProps {
                library_count: state.library.articles.len(),
                in_article,
                can_undo: state.annotations.can_undo(),
                can_redo: state.annotations.can_redo(),
                on_library: send(&state, |_: ()| AppAction::ShowLibrary),
                on_undo: undo,
                on_redo: redo,
                on_export: show(&dialog, Some(Dialog::Export)),
                on_import_file: transfer.on_import_file.clone(),
                on_shortcuts: show(&dialog, Some(Dialog::Shortcuts)),
                on_report,
                on_claims: show(&dialog, Some(Dialog::Claims)),
                on_settings: show(&dialog, Some(Dialog::Settings)),
                on_sync: show(&dialog, Some(Dialog::Sync)),
                sync_status: couch.view.status.clone(),
                loading,
            }, &menu) }
            { notices(&NoticesProps {
                storage: state.storage.clone(),
                skipped: state.skipped.clone(),
                notice: state.notice.clone(),
                on_export_everything: transfer.export_everything.clone(),
                on_restore: send(&state, |_: ()| AppAction::RestoreArticle),
                on_dismiss: send(&state, |_: ()| AppAction::DismissNotice),
            }) }
            { connection(offline.online, offline.update_ready, &offline.reload) }
            if in_article {
                <main class="workspace">
                    <section class="reader" aria-labelledby="article-title">
                        <h1 id="article-title" tabindex="-1" ref={heading_ref}>{ state.article.title.clone() }</h1>
                        if let Some(url) = state.article.source_url.as_deref().and_then(|u| HttpUrl::parse(u).ok()) {
                            <p class="source"><a href={url.as_str().to_owned()} target="_blank" rel="noopener noreferrer">{ url.as_str() }</a></p>
                        }
                        <div class="reader-tools">
                            { button("Replace text", "", loading, &show(&dialog, Some(Dialog::ReplaceText))) }
                            { sentence_buttons(&SentenceButtonsProps {
                                on_step: sentence_step(&state, &article_ref),
                            }) }
                        </div>
                        <p id="article-keys" class="hint">
                            { "Select text, then choose Claim or Quote (keys C and Q). Press ? for keyboard shortcuts." }
                        </p>
                        <ArticleView article={state.article.clone()} blocks={state.blocks.clone()}
                            runs={state.runs.clone()} node_ref={article_ref.clone()}
                            onkeydown={on_article_key} on_highlight_click={highlight_click(&state)} />
                    </section>
                    { side_sheet(&SideSheetProps {
                        count: state.listed().len(),
                        selected: state.selected,
                        children: html! { <>
                        <SuggestionsPanel live={state.suggestions.live.clone()} focused={state.suggestions.focused}
                            status={state.suggestions.status.clone()}
                            claims_unavailable={state.suggestions.found.claims_unavailable.clone()}
                            announcement={state.suggestions.announcement.clone()}
                            on_suggest={suggest.suggest.clone()} on_stop={suggest.stop.clone()}
                            on_accept={suggest.accept.clone()} on_dismiss={suggest.dismiss.clone()}
                            on_focus={suggest.focus.clone()}
                            {loading} />
                        <AnnotationsPanel annotations={state.listed().clone()} filter={state.filter.clone()}
                            selected={state.selected} on_filter={send(&state, AppAction::SetFilter)}
                            on_select={select_item(&state, &article_ref)} {on_edit} on_delete={delete}
                            on_error={send(&state, |text| AppAction::Notify(Notice::error(text)))}
                            repeats={selected_repeats.clone()} {on_copy_check}
                            {loading} />
                        </> },
                    }, &sheet_open) }
                </main>
            } else {
                <main class="library-page">
                    <LibraryView entries={entries.clone()} {usage} on_open={send(&state, |id| { startup::mark_opening(id); AppAction::Open(id) })}
                        on_rename={send(&state, |(id, title)| AppAction::Rename { id, title, now: dom::now() })}
                        on_delete={send(&state, AppAction::DeleteArticle)}
                        on_new={show(&dialog, Some(Dialog::NewArticle))} />
                </main>
            }
            <p class="visually-hidden" aria-live="polite">{ selection.overlaps.clone() }</p>
            if let (Some(p), true) = (&*selection.pending, in_article) {
                { selection_toolbar(&SelectionToolbarProps {
                    at: p.at,
                    on_tag: selection.tag.clone(),
                    on_attach: selection.attach.clone(),
                }, &toolbar_ref) }
            }
            { match *dialog {
                Some(Dialog::Shortcuts) => shortcuts_help(close),
                Some(Dialog::NewArticle) => {
                    let on_cancel = {
                        let (close, handed) = (close.clone(), handed.clone());
                        Callback::from(move |_| {
                            handed.set(None);
                            close.emit(());
                        })
                    };
                    html! { <NewArticleDialog {on_create} {on_cancel} handed={(*handed).clone()} /> }
                }
                Some(Dialog::Export) => html! {
                    <ExportChooser library={state.library.clone()}
                        article={in_article.then_some(state.article.id)}
                        settings={state.settings.clone()}
                        on_settings={show(&dialog, Some(Dialog::Settings))}
                        on_fix={open_claim.clone()}
                        on_export={transfer.export.clone()}
                        on_close={close} />
                },
                Some(Dialog::Report) => match &*report_content {
                    Some(content) => {
                        let whole = matches!(**content, ReportContent::Library(_));
                        let (export, article) = (transfer.export.clone(), state.article.id);
                        let on_download = Callback::from(move |_| export.emit(ExportRequest {
                            format: ExportFormat::Report,
                            article: (!whole).then_some(article),
                            copy: false,
                        }));
                        let on_scope = { let r = report_library.clone(); Callback::from(move |w: bool| r.set(w)) };
                        report_dialog(&ReportDialogProps {
                            content: content.clone(),
                            has_article: in_article,
                            on_scope,
                            on_download,
                            on_close: close,
                        })
                    }
                    None => html! {},
                },
                Some(Dialog::Claims) => claims_dialog(&ClaimsDialogProps {
                    groups: (*claim_groups).clone(),
                    verdict: *claims_verdict,
                    on_verdict: {
                        let v = claims_verdict.clone();
                        Callback::from(move |x| v.set(x))
                    },
                    on_open: open_claim.clone(),
                    on_close: close,
                }),
                Some(Dialog::Settings) => {
                    let on_save = {
                        let (dispatcher, close) = (state.dispatcher(), close.clone());
                        Callback::from(move |s| {
                            dispatcher.dispatch(AppAction::SetSettings(s));
                            dispatcher.dispatch(AppAction::Notify(Notice::new(false, "Settings saved.".to_owned())));
                            close.emit(());
                        })
                    };
                    html! { <SettingsDialog settings={state.settings.clone()} {on_save} on_close={close} /> }
                },
                Some(Dialog::Sync) => html! {
                    <SyncDialog saved={couch.saved.clone()} status={couch.view.status.clone()}
                        conflicts={couch.view.conflicts.clone()} problems={couch.view.problems.clone()}
                        on_connect={couch.connect.clone()} on_disconnect={couch.disconnect.clone()}
                        on_create_database={couch.create_database.clone()} on_close={close} />
                },
                Some(Dialog::ReplaceText) => match &replace_current {
                    Some(current) => replace_text_dialog(
                        &ReplaceTextDialogProps {
                            current: current.clone(),
                            on_replace: on_replace_text,
                            on_cancel: close,
                        },
                        &replace_field,
                    ),
                    None => html! {},
                },
                _ => html! {},
            } }
            if let Some(job) = &transfer.job {
                { job_progress(&JobProgressProps {
                    label: job.label.into(),
                    doing: job.doing.clone().into(),
                    progress: job.progress.map(|p| (p.done, p.total)),
                    saving: job.saving,
                    on_cancel: transfer.cancel_job.clone(),
                }) }
            }
            // An import's preview arrives when the worker is done, maybe while the user has
            // another dialog open (the shortcuts help, the New article form): it waits until
            // that dialog is closed rather than taking the focus and the keys from it.
            if let (Some(p), None) = (&transfer.preview, &*dialog) {
                { import_dialog(&ImportDialogProps {
                    file_name: p.file_name.clone(),
                    format: p.format.label().to_owned(),
                    lines: p.lines(),
                    articles: if p.format.attaches_to_article() {
                        entries.iter().map(|e| (e.id, e.title.clone())).collect()
                    } else {
                        Vec::new()
                    },
                    chosen: p.article,
                    on_choose: transfer.choose_article.clone(),
                    on_apply: transfer.apply_import.clone(),
                    on_cancel: transfer.cancel_import.clone(),
                }) }
            }
        </div>
    }
}

/// The `data-storage` attribute: where saving stands, for styles and tests.
fn storage_attribute(status: &StorageStatus) -> &'static str {
    match status {
        StorageStatus::Opening => "loading",
        StorageStatus::Available => "saving",
        StorageStatus::Unavailable(_) => "memory",
        StorageStatus::Retrying(_) => "failing",
    }
}
