//! The app's state and its one reducer, as Yew sees it.
//!
//! Every change to annotations goes through [`crate::core::reducer::Annotations::apply`];
//! every change to the library is planned as writes by [`crate::core::storage`]. This wrapper
//! keeps the stored library and the open article's reducer in step, queues exactly the records
//! a change touched in the [`Outbox`], and keeps what the view derives (the highlight runs of
//! each block) up to date for the blocks a change touched, so one change re-renders one block.

use std::cell::RefCell;
use std::rc::Rc;

use uuid::Uuid;
use yew::prelude::*;

use crate::core::articles::{self, StartView, Trash};
use crate::core::library::{ExportSettings, SETTINGS_KEY};
use crate::core::model::{Annotation, Timestamp};
use crate::core::panel::Filter;
use crate::core::reducer::{blocks_touching, Action, Annotations, Change};
use crate::core::storage::{
    self, apply_sync_batch, plan_changes, plan_meta, plan_writes, ChangeSet, Protected, Store,
    SyncBatch, SyncMessage, WritePlan,
};
use crate::core::suggestions::{self, Found, Suggestion};
use crate::core::text::{Article, Block};
use crate::web::view::{self, ArticleRuns};

/// The meta key that records that the sample article was added once (so that deleting it
/// does not bring it back).
pub const SEEDED_KEY: &str = "seeded";

/// Writes waiting to be flushed to IndexedDB, shared by the reducer (which queues) and the
/// persister (which flushes). Compared by identity.
#[derive(Clone, Default)]
pub struct Outbox(pub Rc<RefCell<storage::PendingWrites>>);

impl PartialEq for Outbox {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Outbox {
    fn push(&self, plan: WritePlan) {
        if !plan.is_empty() {
            self.0.borrow_mut().push(plan);
        }
    }
}

/// A message shown to the user.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub error: bool,
    pub text: String,
    /// Whether it offers to restore the article deleted last ("Undo delete").
    pub restorable: bool,
}

impl Notice {
    /// A message, an error or not.
    pub fn new(error: bool, text: impl Into<String>) -> Self {
        Notice {
            error,
            text: text.into(),
            restorable: false,
        }
    }

    /// An error message.
    pub fn error(text: impl Into<String>) -> Self {
        Notice::new(true, text)
    }

    /// A message that is not an error.
    pub fn info(text: impl Into<String>) -> Self {
        Notice::new(false, text)
    }
}

/// Whether work is being saved.
#[derive(Debug, Clone, PartialEq)]
pub enum StorageStatus {
    /// Opening IndexedDB and reading the library; nothing is written yet.
    Opening,
    /// Storage works: every change is written within moments of being made.
    Available,
    /// IndexedDB cannot be used (the reason given): the app works in memory only.
    Unavailable(String),
    /// A write failed (the reason given); the changes are kept in memory and retried.
    Retrying(String),
}

/// Where the suggestions of the open article stand.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum SuggestStatus {
    /// None asked for yet.
    #[default]
    Idle,
    /// The suggester is working on the article.
    Running,
    /// The suggester answered.
    Done,
    /// The suggester could not run (the sentence says why).
    Failed(String),
}

/// The suggestions of the open article, and what the user did with them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Suggestions {
    /// What the suggester found in the open article's text.
    pub found: Rc<Found>,
    /// What is left to deal with ([`suggestions::live`]): the panel's list, in its order.
    pub live: Rc<Vec<Suggestion>>,
    /// The focused suggestion, an index into `live`.
    pub focused: Option<usize>,
    /// Per article, the keys of the suggestions dismissed on it.
    pub dismissed: Rc<std::collections::HashMap<Uuid, crate::core::sort::SortedSet<String>>>,
    pub status: SuggestStatus,
    /// What the polite live region says (the focused suggestion, or what was done).
    pub announcement: String,
}

impl Suggestions {
    /// The focused suggestion.
    pub fn focused(&self) -> Option<&Suggestion> {
        self.live.get(self.focused?)
    }
}

/// Which screen is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Library,
    Article,
}

/// Everything the page shows.
#[derive(Clone, PartialEq)]
pub struct AppState {
    pub library: Rc<storage::StoredLibrary>,
    pub protected: Rc<Protected>,
    /// Messages about records that could not be read (they are kept as they are).
    pub skipped: Rc<Vec<String>>,
    pub storage: StorageStatus,
    pub settings: ExportSettings,
    pub outbox: Outbox,
    pub view: View,
    pub trash: Option<Rc<Trash>>,

    pub article: Rc<Article>,
    pub blocks: Rc<Vec<Block>>,
    pub annotations: Rc<Annotations>,
    /// Per chunk of blocks, per block, the runs to render, each shared until it changes; with
    /// the annotations they were computed from, for labels asked for on demand.
    pub runs: Rc<ArticleRuns>,
    pub selected: Option<Uuid>,
    pub filter: Filter,
    pub notice: Option<Notice>,
    /// Bumped whenever writes were queued, so the shell schedules a flush.
    pub revision: u64,
    /// While an import's records arrive: the blocks whose highlights are to be drawn again,
    /// by [`AppAction::RenderDeferred`] once the import is done, so that an import lays the
    /// article out once, not once per batch.
    pub deferred: Option<Vec<usize>>,
    /// Bumped each time [`AppAction::RenderDeferred`] drew a slice and left blocks to draw:
    /// the shell then asks for the next slice in a task of its own.
    pub deferred_rounds: u64,
    /// While an import's written batches arrive: the annotations as the Annotations panel and
    /// the suggestions last showed them. The batches change the annotations (and the library)
    /// at once, but the panel keeps listing these and the suggestions are not brought in line
    /// until the last [`AppAction::RenderDeferred`] slice or any other change: each batch
    /// would otherwise redraw the list and outline the suggestions again, in a task of its
    /// own (`BENCHMARKS.md`, issue 11).
    pub listed_before_import: Option<Rc<Annotations>>,
    /// The open article's suggestions.
    pub suggestions: Suggestions,
}

/// The most blocks [`AppAction::RenderDeferred`] draws in one task: drawing every block an
/// import of 1,500 nested annotations touched, then rendering them, took 60–110 ms in one task
/// (`BENCHMARKS.md`); a slice keeps each task short.
pub const DEFERRED_SLICE: usize = 6;

/// What can happen to the state.
pub enum AppAction {
    /// The stored library was read.
    Loaded {
        result: storage::LoadResult,
        now: Timestamp,
    },
    /// The articles store was read at start, before the rest of the library: `article` is
    /// the one last shown ([`articles::preview_at_start`]), shown (without its annotations,
    /// which are still being read, and without selection) while the storage is
    /// [`StorageStatus::Opening`], until `Start` opens what the library says; ignored once the
    /// library is read.
    Preview(Article),
    /// The stored library was read at start; `unfinished` is the article the page was
    /// rendering when it crashed or was closed last time, if any (not opened again, see
    /// [`articles::start_view`]); `library_first` when the address asked for the library (the
    /// installed app's start address, [`articles::asks_for_library`]).
    Start {
        result: storage::LoadResult,
        now: Timestamp,
        unfinished: Option<Uuid>,
        library_first: bool,
    },
    SetStorage(StorageStatus),
    /// A change to the open article's annotations; `select` selects one afterwards.
    Annotate {
        action: Action,
        select: Option<Uuid>,
    },
    Select(Option<Uuid>),
    SetFilter(Filter),
    Notify(Notice),
    DismissNotice,
    Open(Uuid),
    ShowLibrary,
    CreateArticle {
        article: Article,
        now: Timestamp,
    },
    Rename {
        id: Uuid,
        title: String,
        now: Timestamp,
    },
    DeleteArticle(Uuid),
    RestoreArticle,
    /// A record changed in another tab.
    Remote(SyncMessage),
    /// Another tab's write, every record of it, applied and rendered once.
    RemoteBatch(SyncBatch),
    /// Records from the sync server (issue 16): applied as another tab's are (the later
    /// change wins), and the ones taken saved here (no other tab has written them).
    FromServer(SyncBatch),
    /// Records this tab's worker wrote to the database (an import), computed from `base`,
    /// the library when the job started: applied without writing them again
    /// ([`storage::apply_written_batch`]); an edit made meanwhile is kept and still written.
    /// The highlights those batches changed are kept for [`AppAction::RenderDeferred`] to
    /// draw once (see [`AppState::deferred`]).
    Written {
        batch: SyncBatch,
        base: Rc<storage::StoredLibrary>,
    },
    /// Draws the highlights that batches of [`AppAction::Written`] left to draw later, at most
    /// [`DEFERRED_SLICE`] blocks at a time (see [`AppState::deferred_rounds`]).
    RenderDeferred,
    /// The library after an import (or a text replacement), computed by the core.
    ReplaceLibrary {
        library: storage::StoredLibrary,
        message: String,
    },
    SetSettings(ExportSettings),
    /// The suggester started on the open article.
    SuggestStarted,
    /// The suggester's answer for `article`'s text as shown when it was asked.
    Suggested {
        article: Uuid,
        found: Found,
    },
    /// The suggester could not run.
    SuggestFailed(String),
    /// Move the focus to the next (`true`) or previous suggestion.
    StepSuggestion(bool),
    /// Focus suggestion `i` of the list.
    FocusSuggestion(usize),
    /// Accept the focused suggestion as a new annotation with this id.
    AcceptSuggestion {
        id: Uuid,
        now: Timestamp,
    },
    /// Dismiss the focused suggestion for good (on this article).
    DismissSuggestion,
}

impl AppState {
    /// The state for `article` with `annotations`, before storage has been read.
    pub fn new(article: Article, annotations: Vec<Annotation>) -> Self {
        let mut s = AppState {
            library: Rc::new(storage::StoredLibrary::default()),
            protected: Rc::new(Protected::default()),
            skipped: Rc::new(Vec::new()),
            storage: StorageStatus::Opening,
            settings: ExportSettings::default(),
            outbox: Outbox::default(),
            view: View::Article,
            trash: None,
            article: Rc::new(Article::sample()),
            blocks: Rc::new(Vec::new()),
            annotations: Rc::new(Annotations::new(article.id)),
            runs: view::plain_chunks("", &[]),
            deferred: None,
            deferred_rounds: 0,
            listed_before_import: None,
            suggestions: Suggestions::default(),
            selected: None,
            filter: Filter::default(),
            notice: None,
            revision: 0,
        };
        s.show(article, annotations);
        s
    }

    /// Makes `article` the open article with `annotations`.
    fn show(&mut self, article: Article, annotations: Vec<Annotation>) {
        let mut ann = Annotations::new(article.id);
        let _ = ann.apply(Action::Load(annotations));
        self.blocks = Rc::new(article.blocks());
        self.article = Rc::new(article);
        self.annotations = Rc::new(ann);
        self.selected = None;
        self.filter = Filter::default();
        self.deferred = None;
        self.listed_before_import = None;
        self.suggestions = Suggestions {
            dismissed: Rc::clone(&self.suggestions.dismissed),
            ..Suggestions::default()
        };
        self.runs = self.render_all();
    }

    /// The annotations the Annotations panel lists: while an import's batches arrive, those
    /// of before them (see [`AppState::listed_before_import`]).
    pub fn listed(&self) -> &Rc<Annotations> {
        self.listed_before_import
            .as_ref()
            .unwrap_or(&self.annotations)
    }

    /// Opens the stored article `id`.
    fn open(&mut self, id: Uuid) -> bool {
        let Some(stored) = self.library.articles.get(&id) else {
            return false;
        };
        let article = stored.article.clone();
        let anns = articles::annotations_of(&self.library, id);
        self.show(article, anns);
        self.view = View::Article;
        true
    }

    /// Queues the writes for `changes` (already applied to `self.library`).
    fn persist(&mut self, changes: ChangeSet) {
        self.outbox
            .push(plan_changes(&self.library, &changes, &self.protected));
        self.revision += 1;
    }

    /// The runs of every block of the open article.
    fn render_all(&self) -> Rc<ArticleRuns> {
        view::chunks(
            &self.article.text,
            &self.blocks,
            &self.annotations,
            self.selected,
        )
    }

    /// Computes the list again (after the annotations, the dismissals or what was found
    /// changed) and keeps the focus on the same suggestion (or, when it left the list, on the
    /// one that took its place). The article draws suggestions without changing its DOM (see
    /// `crate::web::hooks::suggestions`), so no block is rendered again.
    fn refresh_suggestions(&mut self) {
        self.listed_before_import = None;
        let focused_key = self.suggestions.focused().map(|s| s.key.clone());
        let empty = Default::default();
        let dismissed = self
            .suggestions
            .dismissed
            .get(&self.article.id)
            .unwrap_or(&empty);
        let live = suggestions::live(
            &self.suggestions.found.suggestions,
            self.annotations.iter(),
            dismissed,
        );
        // The same list keeps its `Rc`: the list and the article's drawing of it compare by
        // pointer, and most changes (a tag elsewhere, a note) leave it as it was. It is copied
        // only when it changed.
        if !self.suggestions.live.iter().eq(live.iter().copied()) {
            self.suggestions.live = Rc::new(live.into_iter().cloned().collect());
        }
        self.suggestions.focused = suggestions::refocus(
            &self.suggestions.live,
            focused_key.as_deref(),
            self.suggestions.focused,
        );
    }

    /// Moves the focus to suggestion `i` and says which it is.
    fn focus_suggestion(&mut self, i: Option<usize>) {
        self.suggestions.focused = i;
        self.suggestions.announcement = match i {
            Some(i) => suggestions::announce(&self.suggestions.live, i),
            None => String::new(),
        };
    }

    /// Re-renders the blocks at indexes `touched`.
    fn rerender(&mut self, touched: &[usize]) {
        if let Some(deferred) = &mut self.deferred {
            deferred.extend_from_slice(touched);
            return;
        }
        view::update_blocks(
            &mut self.runs,
            &self.article.text,
            &self.blocks,
            &self.annotations,
            self.selected,
            touched,
        );
    }

    fn span_of(&self, id: Option<Uuid>) -> Option<(usize, usize)> {
        let a = self.annotations.get(id?)?;
        a.is_attached().then_some((a.start, a.end))
    }

    /// Applies a reducer action to the open article and mirrors it into the library.
    fn annotate(&mut self, action: Action, select: Option<Uuid>) -> Result<Change, String> {
        self.annotate_then(action, select, true)
    }

    /// [`AppState::annotate`], bringing the suggestions in line only if `refresh` (the caller
    /// that passes `false` keeps [`AppState::listed_before_import`]).
    fn annotate_then(
        &mut self,
        action: Action,
        select: Option<Uuid>,
        refresh: bool,
    ) -> Result<Change, String> {
        let was_selected = self.span_of(self.selected);
        let change = Rc::make_mut(&mut self.annotations)
            .apply(action)
            .map_err(|e| e.to_string())?;
        if change.is_empty() {
            return Ok(change);
        }
        if let Some(id) = select {
            self.selected = Some(id);
        }
        if self
            .selected
            .is_some_and(|id| self.annotations.get(id).is_none())
        {
            self.selected = None;
        }
        let extra: Vec<(usize, usize)> = was_selected
            .into_iter()
            .chain(self.span_of(self.selected))
            .collect();
        let touched = change.touched_blocks(&self.blocks, &extra);
        self.rerender(&touched);
        if refresh {
            self.refresh_suggestions();
        }
        // The library holds exactly the records the reducer holds (undo and redo stamp
        // `modified` themselves), so a later reconcile finds nothing to change.
        let lib = Rc::make_mut(&mut self.library);
        let mut changes = ChangeSet::default();
        for id in &change.upserted {
            if let Some(a) = self.annotations.get_shared(*id) {
                lib.annotations.insert(*id, Rc::clone(a));
                changes.annotations_changed.insert(*id);
            }
        }
        for id in &change.removed {
            lib.annotations.remove(id);
            changes.annotations_removed.insert(*id);
        }
        if change.save {
            self.persist(changes);
        }
        Ok(change)
    }

    /// Queues the settings' write, unless their stored record could not be read (it is kept
    /// as it is, and the user is told why the change is not saved).
    fn save_settings(&mut self) {
        let value = serde_json::to_value(&self.settings).unwrap_or_default();
        match plan_meta(SETTINGS_KEY, &value, &self.protected) {
            Ok(plan) => {
                self.outbox.push(plan);
                self.revision += 1;
            }
            Err(refused) => self.notice = Some(Notice::error(refused.to_string())),
        }
    }

    /// [`AppState::reload_open`] for the records of `batch` only, in time proportional to
    /// the batch (an import's records arrive in many batches): unless the open article's own
    /// record changed, only the batch's annotations are reconciled.
    fn reload_some(&mut self, batch: &SyncBatch) {
        let id = self.article.id;
        let article_changed = match self.library.articles.get(&id) {
            Some(stored) => stored.article != *self.article,
            None => true,
        };
        if article_changed {
            return self.reload_open();
        }
        let records = batch
            .records
            .iter()
            .filter_map(SyncMessage::annotation_id)
            .map(|a| (a, self.library.annotations.get(&a).cloned()))
            .collect();
        // Batches arrive only while an import runs: the list and the suggestions wait for its
        // end.
        if self.listed_before_import.is_none() {
            self.listed_before_import = Some(Rc::clone(&self.annotations));
        }
        let _ = self.annotate_then(Action::ReconcileSome(records), None, false);
    }

    /// Refreshes the open article from the library after the library changed underneath it.
    fn reload_open(&mut self) {
        let id = self.article.id;
        match self.library.articles.get(&id) {
            Some(stored) if stored.article.text == self.article.text => {
                let title_changed = stored.article != *self.article;
                if title_changed {
                    self.article = Rc::new(stored.article.clone());
                }
                // Bring the annotations in line with the library; undo history survives for
                // every annotation that did not change.
                let mine = self
                    .library
                    .annotations
                    .values()
                    .filter(|a| a.article_id == id)
                    .cloned()
                    .collect();
                let _ = self.annotate(Action::Reconcile(mine), None);
            }
            Some(_) => {
                // The text itself changed: show the article afresh.
                self.open(id);
            }
            None => {
                if self.view == View::Article && !self.library.articles.is_empty() {
                    self.notice = Some(Notice::info(format!(
                        "“{}” was deleted in another tab.",
                        self.article.title
                    )));
                }
                self.view = View::Library;
            }
        }
    }
}

impl Reducible for AppState {
    type Action = AppAction;

    fn reduce(self: Rc<Self>, action: AppAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            AppAction::Loaded { result, now } => {
                return self.reduce(AppAction::Start {
                    result,
                    now,
                    unfinished: None,
                    library_first: false,
                })
            }
            AppAction::Preview(article) => {
                if s.storage != StorageStatus::Opening {
                    return self;
                }
                s.show(article, Vec::new());
                s.view = View::Article;
            }
            AppAction::Start {
                mut result,
                now,
                unfinished,
                library_first,
            } => {
                s.settings = ExportSettings::from_loaded(&mut result);
                s.suggestions.dismissed = Rc::new(suggestions::dismissed_from_meta(&result.meta));
                s.protected = Rc::new(result.protected());
                s.skipped = Rc::new(result.skipped.iter().map(|r| r.to_string()).collect());
                // A seeded flag that could not be read means the sample was added once.
                let seeded = result.meta.contains_key(SEEDED_KEY)
                    || s.protected.contains(Store::Meta, SEEDED_KEY);
                s.library = Rc::new(result.library);
                s.storage = StorageStatus::Available;
                if let Some(ch) = articles::seed_sample(Rc::make_mut(&mut s.library), seeded, now) {
                    s.persist(ch);
                    if let Ok(plan) = plan_meta(SEEDED_KEY, &serde_json::json!(true), &s.protected)
                    {
                        s.outbox.push(plan);
                    }
                }
                match articles::start_view(&s.library, unfinished, library_first) {
                    StartView::Article(id) => {
                        s.open(id);
                    }
                    StartView::Library(message) => {
                        s.view = View::Library;
                        s.notice = message.map(Notice::info);
                    }
                }
            }
            AppAction::SetStorage(st) => {
                if s.storage == st {
                    return self;
                }
                s.storage = st;
            }
            AppAction::Annotate { action, select } => match s.annotate(action, select) {
                Ok(change) if change.is_empty() => return self,
                Ok(_) => s.notice = None,
                Err(e) => s.notice = Some(Notice::error(e)),
            },
            AppAction::Select(id) => {
                if s.selected == id {
                    return self;
                }
                let mut spans: Vec<(usize, usize)> = s.span_of(s.selected).into_iter().collect();
                s.selected = id.filter(|id| s.annotations.get(*id).is_some());
                spans.extend(s.span_of(s.selected));
                s.rerender(&blocks_touching(&s.blocks, &spans));
            }
            AppAction::SetFilter(f) => s.filter = f,
            AppAction::Notify(n) => s.notice = Some(n),
            AppAction::DismissNotice => s.notice = None,
            AppAction::Open(id) => {
                if !s.open(id) {
                    return self;
                }
            }
            AppAction::ShowLibrary => s.view = View::Library,
            AppAction::CreateArticle { article, now } => {
                let id = article.id;
                let ch = articles::add(Rc::make_mut(&mut s.library), article, now);
                s.persist(ch);
                s.open(id);
            }
            AppAction::Rename { id, title, now } => {
                let Some(ch) = articles::rename(Rc::make_mut(&mut s.library), id, &title, now)
                else {
                    return self;
                };
                s.persist(ch);
                if s.article.id == id {
                    s.reload_open();
                }
            }
            AppAction::DeleteArticle(id) => {
                let Some((trash, ch)) = articles::delete(Rc::make_mut(&mut s.library), id) else {
                    return self;
                };
                s.notice = Some(Notice {
                    restorable: true,
                    ..Notice::info(articles::deleted_message(&trash))
                });
                s.trash = Some(Rc::new(trash));
                s.persist(ch);
                if s.article.id == id {
                    s.view = View::Library;
                }
            }
            AppAction::RestoreArticle => {
                let Some(trash) = s.trash.take() else {
                    return self;
                };
                let ch = articles::restore(Rc::make_mut(&mut s.library), &trash);
                s.notice = Some(Notice::info(format!(
                    "Restored “{}”.",
                    trash.article.article.title
                )));
                s.persist(ch);
            }
            AppAction::Remote(msg) => return self.reduce(AppAction::RemoteBatch(msg.into())),
            AppAction::RemoteBatch(batch) => {
                let applied = apply_sync_batch(Rc::make_mut(&mut s.library), &batch);
                if let Some(e) = applied.ignored.first() {
                    let n = applied.ignored.len();
                    s.notice = Some(Notice::error(if n == 1 {
                        format!("A change from another tab could not be read: {e}")
                    } else {
                        format!("{n} changes from another tab could not be read. The first: {e}")
                    }));
                } else if !applied.changed() {
                    return self;
                }
                if applied.articles.contains(&s.article.id) {
                    s.reload_open();
                }
            }
            AppAction::FromServer(batch) => {
                let applied = apply_sync_batch(Rc::make_mut(&mut s.library), &batch);
                if let Some(e) = applied.ignored.first() {
                    s.notice = Some(Notice::error(format!(
                        "A change from the sync server could not be read: {e}"
                    )));
                } else if !applied.changed() {
                    return self;
                }
                if applied.articles.contains(&s.article.id) {
                    s.reload_open();
                }
                s.persist(applied.changes);
            }
            AppAction::RenderDeferred => {
                let Some(mut blocks) = s.deferred.take() else {
                    return self;
                };
                crate::core::sort::sort(&mut blocks);
                blocks.dedup();
                let rest = blocks.split_off(blocks.len().min(DEFERRED_SLICE));
                s.rerender(&blocks);
                if !rest.is_empty() {
                    s.deferred = Some(rest);
                    s.deferred_rounds += 1;
                } else if s.listed_before_import.is_some() {
                    s.refresh_suggestions();
                }
            }
            AppAction::Written { batch, base } => {
                if s.deferred.is_none() {
                    s.deferred = Some(Vec::new());
                }
                // A queued write of a record the worker has now written from the same copy is
                // not needed any more. A record edited on this page while the job ran keeps
                // this page's copy, written again so that it lands after the worker's.
                let again = storage::rewrite_changed_since(&s.library, &base, &batch);
                {
                    let mut outbox = s.outbox.0.borrow_mut();
                    for m in &batch.records {
                        let (store, key) = m.key();
                        outbox.forget(store, key);
                    }
                }
                if !again.is_empty() {
                    s.outbox.push(again);
                    s.revision += 1;
                }
                let applied =
                    storage::apply_written_batch(Rc::make_mut(&mut s.library), &base, &batch);
                if let Some(e) = applied.ignored.first() {
                    s.notice = Some(Notice::error(format!(
                        "{} saved records could not be shown ({e}); reload the page to see them.",
                        applied.ignored.len()
                    )));
                }
                if applied.articles.contains(&s.article.id) {
                    s.reload_some(&batch);
                }
            }
            AppAction::ReplaceLibrary { library, message } => {
                let plan = plan_writes(&s.library, &library, &s.protected);
                s.library = Rc::new(library);
                s.outbox.push(plan);
                s.revision += 1;
                s.notice = Some(Notice::info(message));
                s.reload_open();
            }
            AppAction::SetSettings(settings) => {
                if s.settings == settings {
                    return self;
                }
                s.settings = settings;
                s.save_settings();
            }
            AppAction::SuggestStarted => s.suggestions.status = SuggestStatus::Running,
            AppAction::Suggested { article, found } => {
                if article != s.article.id {
                    return self;
                }
                s.suggestions.found = Rc::new(found);
                s.suggestions.status = SuggestStatus::Done;
                s.suggestions.focused = None;
                s.refresh_suggestions();
                s.suggestions.announcement = suggestions::arrived(&s.suggestions.live);
            }
            AppAction::SuggestFailed(why) => s.suggestions.status = SuggestStatus::Failed(why),
            AppAction::StepSuggestion(forward) => {
                let Some(i) =
                    suggestions::step(s.suggestions.live.len(), s.suggestions.focused, forward)
                else {
                    return self;
                };
                s.focus_suggestion(Some(i));
            }
            AppAction::FocusSuggestion(i) => {
                if i >= s.suggestions.live.len() {
                    return self;
                }
                s.focus_suggestion(Some(i));
            }
            AppAction::AcceptSuggestion { id, now } => {
                if s.listed_before_import.is_some() {
                    // An import changed the annotations: what is accepted is what the list
                    // shows once it is brought in line, so a suggestion an imported annotation
                    // now duplicates is never accepted.
                    let shown = s.suggestions.focused().map(|x| x.key.clone());
                    s.refresh_suggestions();
                    if s.suggestions.focused().map(|x| x.key.clone()) != shown {
                        return Rc::new(s);
                    }
                }
                let Some(sugg) = s.suggestions.focused().cloned() else {
                    return self;
                };
                if s.storage == StorageStatus::Opening {
                    return self;
                }
                let a = suggestions::accept(&sugg, id, s.article.id, &s.article.text, now);
                match s.annotate(Action::Create(a), Some(id)) {
                    Ok(_) => {
                        s.notice = None;
                        let next = s.suggestions.focused;
                        s.focus_suggestion(next);
                        s.suggestions.announcement =
                            suggestions::after_decision(sugg.kind, true, &s.suggestions.live, next);
                    }
                    Err(e) => s.notice = Some(Notice::error(e)),
                }
            }
            AppAction::DismissSuggestion => {
                let Some(sugg) = s.suggestions.focused().cloned() else {
                    return self;
                };
                let id = s.article.id;
                let set = {
                    let all = Rc::make_mut(&mut s.suggestions.dismissed);
                    let set = all.entry(id).or_default();
                    set.insert(sugg.key.clone());
                    suggestions::dismissed_value(set)
                };
                match plan_meta(&suggestions::dismissed_key(id), &set, &s.protected) {
                    Ok(plan) => {
                        s.outbox.push(plan);
                        s.revision += 1;
                    }
                    Err(refused) => s.notice = Some(Notice::error(refused.to_string())),
                }
                s.refresh_suggestions();
                let next = s.suggestions.focused;
                s.suggestions.announcement =
                    suggestions::after_decision(sugg.kind, false, &s.suggestions.live, next);
            }
        }
        Rc::new(s)
    }
}
