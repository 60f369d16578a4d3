//! The app's state as the shell keeps it (`web::state::AppState`), driven through its reducer
//! in the browser (`cargo test --target wasm32-unknown-unknown --test web_state`): what the
//! library and the open article's reducer hold after sequences of user actions.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use article_annotator::core::library::{ExportSettings, SETTINGS_KEY};
use article_annotator::core::model::{Annotation, Kind, Timestamp};
use article_annotator::core::reducer::{Action, Edit};
use article_annotator::core::storage::{
    encode_annotation, LoadResult, RecordError, SkippedRecord, Store, SyncBatch, SyncMessage,
};
use article_annotator::core::text::Article;
use article_annotator::web::state::{AppAction, AppState, DEFERRED_SLICE};
use uuid::Uuid;
use wasm_bindgen_test::*;
use yew::Reducible;

wasm_bindgen_test_configure!(run_in_browser);

fn reduce(state: Rc<AppState>, action: AppAction) -> Rc<AppState> {
    state.reduce(action)
}

fn annotate(state: Rc<AppState>, action: Action) -> Rc<AppState> {
    reduce(
        state,
        AppAction::Annotate {
            action,
            select: None,
        },
    )
}

/// A state with one article of its own in the library and one claim on it, whose note was
/// edited and then undone (so a redo is waiting, and the stored record was stamped by the
/// undo).
fn after_an_undo() -> (Rc<AppState>, Uuid, Uuid) {
    let article = Article::new(
        Uuid::from_bytes([7; 16]),
        "Çavuşoğlu’s visit",
        None,
        "Çavuşoğlu said “no” to the plan.\nTillerson left.",
    );
    let article_id = article.id;
    let mut s = Rc::new(AppState::new(Article::sample(), Vec::new()));
    s = reduce(
        s,
        AppAction::CreateArticle {
            article: article.clone(),
            now: Timestamp(1_000),
        },
    );
    let claim = Annotation::new(
        Uuid::from_bytes([1; 16]),
        article_id,
        Kind::Claim,
        &article.text,
        0,
        9,
        Timestamp(2_000),
    );
    let claim_id = claim.id;
    s = annotate(s, Action::Create(claim));
    s = annotate(
        s,
        Action::Edit {
            id: claim_id,
            edit: Edit::SetNote("checked".into()),
            now: Timestamp(3_000),
        },
    );
    s = annotate(
        s,
        Action::Undo {
            now: Timestamp(4_000),
        },
    );
    assert!(s.annotations.can_redo());
    (s, article_id, claim_id)
}

/// Regression test for defect 4 of issue 10 ("Undo history survives"): a rename used to
/// reload the open article, whose upsert dropped the undo history of every annotation whose
/// stored record differed from the reducer's, which it did after any undo.
#[wasm_bindgen_test]
fn a_rename_keeps_the_undo_history() {
    let (s, article_id, claim_id) = after_an_undo();
    let s = reduce(
        s,
        AppAction::Rename {
            id: article_id,
            title: "Ankara".into(),
            now: Timestamp(5_000),
        },
    );
    assert_eq!(s.article.title, "Ankara");
    assert!(
        s.annotations.can_redo(),
        "the redo step survived the rename"
    );
    assert!(
        s.annotations.can_undo(),
        "the undo steps survived the rename"
    );
    let s = annotate(
        s,
        Action::Redo {
            now: Timestamp(6_000),
        },
    );
    assert_eq!(s.annotations.get(claim_id).unwrap().note, "checked");
    // What the library stores is what the reducer holds.
    assert_eq!(
        s.library.annotations.get(&claim_id).map(|a| (**a).clone()),
        s.annotations.get(claim_id).cloned()
    );
}

/// A change from another tab to one annotation drops only that annotation's history.
#[wasm_bindgen_test]
fn another_tabs_change_keeps_the_history_of_the_others() {
    let (s, article_id, claim_id) = after_an_undo();
    let article = s.article.clone();
    let quote = Annotation::new(
        Uuid::from_bytes([2; 16]),
        article_id,
        Kind::Quote,
        &article.text,
        15,
        20,
        Timestamp(9_000),
    );
    let message = SyncMessage::Changed {
        store: Store::Annotations,
        key: quote.id.to_string(),
        record: encode_annotation(&quote),
    };
    let s = reduce(s, AppAction::Remote(message));
    assert!(
        s.annotations.get(quote.id).is_some(),
        "the other tab's quote is shown"
    );
    assert!(s.annotations.can_redo(), "the claim's redo step survived");
    let s = annotate(
        s,
        Action::Redo {
            now: Timestamp(10_000),
        },
    );
    assert_eq!(s.annotations.get(claim_id).unwrap().note, "checked");
}

fn unreadable(key: &str) -> SkippedRecord {
    SkippedRecord {
        store: Store::Meta,
        key: key.to_owned(),
        reason: RecordError::Corrupt("written by a test".into()),
    }
}

/// Regression test for defect 6 of issue 10 ("Protected means protected"): settings whose
/// stored record could not be read used to be overwritten by the next settings change.
#[wasm_bindgen_test]
fn settings_that_could_not_be_read_are_never_overwritten() {
    let mut loaded = LoadResult::default();
    loaded.skipped.push(unreadable(SETTINGS_KEY));
    let s = Rc::new(AppState::new(Article::sample(), Vec::new()));
    let s = reduce(
        s,
        AppAction::Loaded {
            result: loaded,
            now: Timestamp(1_000),
        },
    );
    let first = s.outbox.0.borrow_mut().take();
    assert!(!first
        .puts
        .iter()
        .any(|(store, key, _)| *store == Store::Meta && key == SETTINGS_KEY));
    let s = reduce(
        s,
        AppAction::SetSettings(ExportSettings {
            organisation: "Doğruluk Payı".into(),
            ..ExportSettings::default()
        }),
    );
    let plan = s.outbox.0.borrow_mut().take();
    assert!(
        plan.puts.is_empty() && plan.deletes.is_empty(),
        "nothing is written: {plan:?}"
    );
    let notice = s.notice.clone().expect("the user is told");
    assert!(
        notice.error && notice.text.contains("settings"),
        "{notice:?}"
    );
}

/// A seeded flag that could not be read means the sample was added once: it is neither
/// added again nor is the flag overwritten.
#[wasm_bindgen_test]
fn an_unreadable_seeded_flag_does_not_bring_the_sample_back() {
    let mut loaded = LoadResult::default();
    loaded.skipped.push(unreadable("seeded"));
    let s = Rc::new(AppState::new(Article::sample(), Vec::new()));
    let s = reduce(
        s,
        AppAction::Loaded {
            result: loaded,
            now: Timestamp(1_000),
        },
    );
    assert!(s.library.articles.is_empty());
    let plan = s.outbox.0.borrow_mut().take();
    assert!(plan.puts.is_empty(), "{plan:?}");
}

/// Settings that are JSON but not settings are reported, not silently reset and overwritten.
#[wasm_bindgen_test]
fn settings_of_the_wrong_shape_are_reported_and_kept() {
    let mut loaded = LoadResult::default();
    loaded.meta.insert(
        SETTINGS_KEY.into(),
        serde_json::json!({ "organisation": 5 }),
    );
    let s = Rc::new(AppState::new(Article::sample(), Vec::new()));
    let s = reduce(
        s,
        AppAction::Loaded {
            result: loaded,
            now: Timestamp(1_000),
        },
    );
    assert_eq!(s.skipped.len(), 1, "{:?}", s.skipped);
    assert!(s.protected.contains(Store::Meta, SETTINGS_KEY));
}

/// A batch of annotations as the worker hands written records over.
fn written(annotations: &[&Annotation]) -> SyncBatch {
    SyncBatch {
        records: annotations
            .iter()
            .map(|a| SyncMessage::Changed {
                store: Store::Annotations,
                key: a.id.to_string(),
                record: encode_annotation(a),
            })
            .collect(),
    }
}

/// Issue 11: an import's records, written by this tab's worker from the library as it was
/// when the job started, are applied batch by batch and never queued to be written again;
/// an edit made on this page while the job ran is kept and written again, after the
/// worker's; highlights are drawn when a batch says so, or when asked.
#[wasm_bindgen_test]
fn records_the_worker_wrote_are_applied_without_writing_them_again() {
    let (s, article_id, claim_id) = after_an_undo();
    // What was queued is written (as the persister does before the job starts).
    let _ = s.outbox.0.borrow_mut().take();
    let base = s.library.clone();
    let quote = Annotation::new(
        Uuid::from_bytes([2; 16]),
        article_id,
        Kind::Quote,
        &s.article.text,
        15,
        20,
        Timestamp(9_000),
    );
    let mut claim = s.annotations.get(claim_id).unwrap().clone();
    claim.note = "imported".into();
    claim.modified = Timestamp(9_500);

    // No edit meanwhile: both records apply, nothing is queued, the highlight waits.
    let runs = s.runs.clone();
    let a = reduce(
        s.clone(),
        AppAction::Written {
            batch: written(&[&quote, &claim]),
            base: base.clone(),
        },
    );
    assert!(a.annotations.get(quote.id).is_some());
    assert_eq!(a.annotations.get(claim_id).unwrap().note, "imported");
    assert_eq!(
        a.library.annotations.get(&quote.id).map(|q| (**q).clone()),
        Some(quote.clone())
    );
    assert!(a.outbox.0.borrow().is_empty(), "nothing is written again");
    assert!(
        Rc::ptr_eq(&a.runs, &runs),
        "the highlights are not drawn yet"
    );
    let drawn = reduce(a, AppAction::RenderDeferred);
    assert!(!Rc::ptr_eq(&drawn.runs, &runs), "now they are");
    assert!(drawn.deferred.is_none());

    // The user edits the claim while the job runs: that edit is kept, and queued again.
    let edited = annotate(
        s,
        Action::Edit {
            id: claim_id,
            edit: Edit::SetNote("typed meanwhile".into()),
            now: Timestamp(9_000),
        },
    );
    let _ = edited.outbox.0.borrow_mut().take();
    let b = reduce(
        edited,
        AppAction::Written {
            batch: written(&[&quote, &claim]),
            base,
        },
    );
    assert!(b.annotations.get(quote.id).is_some());
    assert_eq!(b.annotations.get(claim_id).unwrap().note, "typed meanwhile");
    let queued = b.outbox.0.borrow_mut().take();
    assert_eq!(queued.puts.len(), 1, "{queued:?}");
    assert_eq!(queued.puts[0].1, claim_id.to_string());
    assert!(queued.puts[0].2.contains("typed meanwhile"));
    let b = reduce(b, AppAction::RenderDeferred);
    assert!(b.deferred.is_none(), "once drawn, nothing is left to draw");
}

/// Issue 16: records from the sync server apply by the merge rule (the later change wins),
/// show in the open article, and what was taken is queued to be saved here (no other tab
/// wrote it); an older copy changes nothing and writes nothing; a deletion deletes and is
/// saved.
#[wasm_bindgen_test]
fn records_from_the_sync_server_apply_by_the_merge_rule_and_are_saved() {
    let (s, _article_id, claim_id) = after_an_undo();
    let _ = s.outbox.0.borrow_mut().take();
    let mut newer = s.annotations.get(claim_id).unwrap().clone();
    newer.note = "from the desk".into();
    newer.modified = Timestamp(50_000);
    let a = reduce(s.clone(), AppAction::FromServer(written(&[&newer])));
    assert_eq!(a.annotations.get(claim_id).unwrap().note, "from the desk");
    let queued = a.outbox.0.borrow_mut().take();
    assert_eq!(queued.puts.len(), 1, "{queued:?}");
    assert!(queued.puts[0].2.contains("from the desk"));

    let mut older = newer.clone();
    older.note = "stale".into();
    older.modified = Timestamp(10);
    let b = reduce(a.clone(), AppAction::FromServer(written(&[&older])));
    assert_eq!(b.annotations.get(claim_id).unwrap().note, "from the desk");
    assert!(b.outbox.0.borrow().is_empty(), "nothing to save");

    let c = reduce(
        b,
        AppAction::FromServer(SyncBatch {
            records: vec![SyncMessage::Deleted {
                store: Store::Annotations,
                key: claim_id.to_string(),
            }],
        }),
    );
    assert!(c.annotations.get(claim_id).is_none());
    assert!(!c.library.annotations.contains_key(&claim_id));
    let queued = c.outbox.0.borrow_mut().take();
    assert_eq!(
        queued.deletes,
        vec![(Store::Annotations, claim_id.to_string())]
    );
}

/// Highlights an import left to draw are drawn a slice of blocks at a time, each slice in a
/// task of its own (the shell asks for the next one while `deferred_rounds` moves), so that
/// no task draws the whole article.
#[wasm_bindgen_test]
fn deferred_highlights_are_drawn_a_slice_at_a_time() {
    let text: Vec<String> = (0..40)
        .map(|i| format!("Paragraph {i} of the article."))
        .collect();
    let article = Article::new(Uuid::from_u128(77), "Long", None, &text.join("\n"));
    let s = Rc::new(AppState::new(article, Vec::new()));
    let n = s.blocks.len();
    assert!(n > DEFERRED_SLICE, "the sample has {n} blocks");
    let mut st = (*s).clone();
    // Every block, twice, in no order: each is drawn once.
    st.deferred = Some((0..n).rev().chain(0..n).collect());
    let mut s = Rc::new(st);
    let mut slices = 0;
    loop {
        let before = s.deferred_rounds;
        let left = s.deferred.as_ref().map_or(0, |d| {
            let mut d = d.clone();
            d.sort_unstable();
            d.dedup();
            d.len()
        });
        s = reduce(s, AppAction::RenderDeferred);
        slices += 1;
        match &s.deferred {
            None => {
                assert!(left <= DEFERRED_SLICE);
                assert_eq!(s.deferred_rounds, before, "nothing left: no next slice");
                break;
            }
            Some(rest) => {
                assert_eq!(rest.len(), left - DEFERRED_SLICE);
                assert_eq!(s.deferred_rounds, before + 1, "the next slice is asked for");
            }
        }
    }
    assert_eq!(slices, n.div_ceil(DEFERRED_SLICE));
}

/// At start the article to open can be shown before the library is read (its annotations
/// take long to read when there are many): `Preview` shows it, with no annotations and the
/// storage still opening (selection waits for it); `Start` then opens it with its
/// annotations; a `Preview` arriving after the library was read changes nothing.
#[wasm_bindgen_test]
fn the_article_shown_before_the_library_is_read_is_then_opened_with_its_annotations() {
    use article_annotator::core::storage::{StoredArticle, StoredLibrary};
    use article_annotator::web::state::{StorageStatus, View};
    let article = Article::new(
        Uuid::from_u128(7),
        "Çavuşoğlu’s visit",
        None,
        "Mevlüt Çavuşoğlu said 40% of it 🙂 was “done”.",
    );
    let claim = Annotation::new(
        Uuid::from_u128(8),
        article.id,
        Kind::Claim,
        &article.text,
        0,
        15,
        Timestamp(1_700_000_000_000),
    );
    let state = Rc::new(AppState::new(Article::sample(), Vec::new()));
    let state = reduce(state, AppAction::Preview(article.clone()));
    assert_eq!(state.article.id, article.id);
    assert_eq!(state.view, View::Article);
    assert_eq!(state.annotations.len(), 0);
    assert_eq!(state.storage, StorageStatus::Opening);

    let mut library = StoredLibrary::default();
    library.articles.insert(
        article.id,
        StoredArticle {
            article: article.clone(),
            added: Timestamp(1_700_000_000_000),
            changed: Timestamp(1_700_000_000_000),
        },
    );
    library.annotations.insert(claim.id, Rc::new(claim.clone()));
    let state = reduce(
        state,
        AppAction::Start {
            result: LoadResult {
                library,
                ..LoadResult::default()
            },
            now: Timestamp(1_800_000_000_000),
            unfinished: None,
            library_first: false,
        },
    );
    assert_eq!(state.storage, StorageStatus::Available);
    assert_eq!(state.article.id, article.id);
    assert_eq!(state.annotations.len(), 1);

    let later = reduce(state.clone(), AppAction::Preview(Article::sample()));
    assert!(Rc::ptr_eq(&later, &state), "a late preview is ignored");
}
