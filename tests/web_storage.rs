//! Browser tests of local storage and the library: IndexedDB round trips, BroadcastChannel
//! messages between two channel objects, each tab's journal in `localStorage`, what the app's
//! state does with another tab's batches and with an article left unfinished at start, and the
//! library and new-article components
//! (`cargo test --target wasm32-unknown-unknown --test web_storage`).
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use article_annotator::core::model::{Annotation, Kind, Timestamp};
use article_annotator::core::storage::{
    apply_sync_batch, encode_annotation, encode_journal, encode_meta, encode_sync, library_entries,
    load_records, plan_writes, replay_journals, Journal, LibraryEntry, LoadResult, Protected,
    RecordError, Store, StoredArticle, StoredLibrary, SyncBatch, SyncMessage, TabId, WritePlan,
    SYNC_BATCH_MAX_RECORDS,
};
use article_annotator::core::text::Article;
use article_annotator::web::components::library::{LibraryView, LibraryViewProps};
use article_annotator::web::components::new_article::{NewArticleDialog, NewArticleDialogProps};
use article_annotator::web::idb::{self, Db, StorageError};
use article_annotator::web::persist::{read_journals, Persister};
use article_annotator::web::state::{AppAction, AppState, Outbox, StorageStatus, View};
use article_annotator::web::sync::Channel;
use uuid::Uuid;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};
use yew::{Callback, Reducible};

wasm_bindgen_test_configure!(run_in_browser);

/// A name no other test uses, so that tests never share a database or channel.
fn unique(prefix: &str) -> String {
    format!("{prefix}-{}", js_sys::Math::random().to_bits())
}

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

fn article(n: u128, title: &str) -> StoredArticle {
    let text = "Çavuşoğlu\u{a0}said “hello” to the press.\nA second line 😀.";
    StoredArticle {
        article: Article::new(id(n), title, Some("https://example.org/a".into()), text),
        added: Timestamp(1_700_000_000_000),
        changed: Timestamp(1_700_000_000_000 + n as i64),
    }
}

fn annotation(n: u128, article: &StoredArticle, kind: Kind) -> Annotation {
    Annotation::new(
        id(n),
        article.article.id,
        kind,
        &article.article.text,
        0,
        9,
        Timestamp(1_700_000_100_000),
    )
}

fn library(articles: Vec<StoredArticle>, annotations: Vec<Annotation>) -> StoredLibrary {
    StoredLibrary {
        articles: articles.into_iter().map(|a| (a.article.id, a)).collect(),
        annotations: annotations
            .into_iter()
            .map(|a| (a.id, std::rc::Rc::new(a)))
            .collect(),
    }
}

/// How many annotations the `by_article` index holds for `article`, read with a separate
/// connection, so the index is checked as IndexedDB sees it.
async fn count_by_article(db_name: &str, article: Uuid) -> u32 {
    let factory = ::idb::Factory::new().unwrap();
    let db = factory.open(db_name, None).unwrap().await.unwrap();
    let tx = db
        .transaction(&["annotations"], ::idb::TransactionMode::ReadOnly)
        .unwrap();
    let index = tx
        .object_store("annotations")
        .unwrap()
        .index("by_article")
        .unwrap();
    let n = index
        .count(Some(::idb::Query::Key(JsValue::from_str(
            &article.to_string(),
        ))))
        .unwrap()
        .await
        .unwrap();
    db.close();
    n
}

#[wasm_bindgen_test]
async fn records_round_trip_through_indexeddb_and_deletes_apply() {
    let name = unique("round-trip");
    let db = idb::open_named(&name).await.unwrap();
    assert!(db.load_all().await.unwrap().is_empty());

    let a = article(1, "Çavuşoğlu’s visit");
    let b = article(2, "Another");
    let claim = annotation(10, &a, Kind::Claim);
    let quote = annotation(11, &a, Kind::Quote);
    let other = annotation(12, &b, Kind::Claim);
    let lib = library(
        vec![a.clone(), b.clone()],
        vec![claim.clone(), quote.clone(), other],
    );
    let mut plan = plan_writes(&StoredLibrary::default(), &lib, &Protected::default());
    plan.puts.push((
        Store::Meta,
        "schema".into(),
        encode_meta(&serde_json::json!(1)),
    ));
    db.apply(&plan).await.unwrap();

    let loaded = load_records(db.load_all().await.unwrap());
    assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
    assert_eq!(loaded.library, lib);
    assert_eq!(loaded.meta.get("schema"), Some(&serde_json::json!(1)));
    // The index is on the stored objects' `article_id`: the records are objects, not text.
    assert_eq!(count_by_article(&name, a.article.id).await, 2);
    assert_eq!(count_by_article(&name, b.article.id).await, 1);

    // Second write: article b and its annotation go, the claim changes.
    let mut changed = claim.clone();
    changed.note = "Checked against the transcript.".into();
    changed.modified = Timestamp(1_700_000_200_000);
    let next = library(vec![a.clone()], vec![changed, quote]);
    let plan = plan_writes(&lib, &next, &Protected::default());
    assert_eq!(plan.deletes.len(), 2);
    db.apply(&plan).await.unwrap();

    let loaded = load_records(db.load_all().await.unwrap());
    assert_eq!(loaded.library, next);
    assert_eq!(count_by_article(&name, b.article.id).await, 0);

    // A second connection sees the same data (the stores are created only once).
    drop(db);
    let again = idb::open_named(&name).await.unwrap();
    assert_eq!(load_records(again.load_all().await.unwrap()).library, next);
}

#[wasm_bindgen_test]
async fn a_failing_write_leaves_nothing_written() {
    let db = idb::open_named(&unique("atomic")).await.unwrap();
    let a = article(1, "Kept out");
    let plan = plan_writes(
        &StoredLibrary::default(),
        &library(vec![a], vec![]),
        &Protected::default(),
    );
    let mut bad = plan.clone();
    // An annotation without the in-line key `id`: IndexedDB refuses it.
    bad.puts.push((
        Store::Annotations,
        "x".into(),
        r#"{"v":1,"article_id":"y"}"#.into(),
    ));
    let err = db.apply(&bad).await.unwrap_err();
    assert!(matches!(err, StorageError::Other(_)), "{err:?}");
    assert!(!err.to_string().is_empty());
    assert!(db.load_all().await.unwrap().is_empty());

    // Record text that is not JSON is refused before anything is written.
    let mut not_json = plan.clone();
    not_json
        .puts
        .push((Store::Meta, "m".into(), "{not json".into()));
    assert!(db.apply(&not_json).await.is_err());
    assert!(db.load_all().await.unwrap().is_empty());

    // The good plan alone goes through.
    db.apply(&plan).await.unwrap();
    assert_eq!(db.load_all().await.unwrap().len(), 1);
    assert!(db.apply(&WritePlan::default()).await.is_ok());
}

#[wasm_bindgen_test]
async fn a_record_from_a_newer_version_is_read_back_and_protected() {
    let db = idb::open_named(&unique("newer")).await.unwrap();
    let plan = WritePlan {
        puts: vec![(
            Store::Meta,
            "future".into(),
            r#"{"v":99,"value":{"x":1}}"#.into(),
        )],
        deletes: vec![],
    };
    db.apply(&plan).await.unwrap();
    let loaded = load_records(db.load_all().await.unwrap());
    assert_eq!(loaded.skipped.len(), 1);
    assert!(loaded.protected().contains(Store::Meta, "future"));
}

#[wasm_bindgen_test]
async fn storage_estimate_reports_use_and_quota() {
    let (used, quota) = idb::estimate().await.unwrap();
    assert!(used >= 0.0 && quota > 0.0);
    // Headless Chromium answers without asking; either answer is fine, but it must answer.
    let _granted: bool = idb::request_persist().await;
}

/// A promise that resolves when `resolve` is called, and the function to call.
fn signal() -> (js_sys::Promise, Rc<RefCell<Option<js_sys::Function>>>) {
    let slot: Rc<RefCell<Option<js_sys::Function>>> = Rc::default();
    let slot_in = Rc::clone(&slot);
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        *slot_in.borrow_mut() = Some(resolve);
    });
    (promise, slot)
}

#[wasm_bindgen_test]
async fn a_sync_message_reaches_the_other_channel() {
    let name = unique("channel");
    let listener = Channel::new(&name).unwrap();
    let sender = Channel::new(&name).unwrap();
    let received = Rc::new(RefCell::new(Vec::new()));
    let (arrived, resolve) = signal();
    let subscription = {
        let received = Rc::clone(&received);
        listener.subscribe(Callback::from(move |m| {
            received.borrow_mut().push(m);
            if let Some(f) = resolve.borrow().as_ref() {
                let _ = f.call0(&JsValue::NULL);
            }
        }))
    };
    let a = annotation(8, &article(1, "A"), Kind::Claim);
    let batch = SyncBatch {
        records: vec![
            SyncMessage::Deleted {
                store: Store::Annotations,
                key: id(7).to_string(),
            },
            SyncMessage::Changed {
                store: Store::Annotations,
                key: a.id.to_string(),
                record: encode_annotation(&a),
            },
        ],
    };
    sender.post(&batch).unwrap();
    wasm_bindgen_futures::JsFuture::from(arrived).await.unwrap();
    assert_eq!(received.borrow().as_slice(), &[Ok(batch)]);
    drop(subscription);
}

/// Posts `value` on a fresh channel as another page would (a raw `BroadcastChannel`) and
/// returns what the app's [`Channel`] made of it.
async fn receive_raw(label: &str, value: JsValue) -> Vec<Result<SyncBatch, RecordError>> {
    let name = unique(label);
    let listener = Channel::new(&name).unwrap();
    let raw = web_sys::BroadcastChannel::new(&name).unwrap();
    let received = Rc::new(RefCell::new(Vec::new()));
    let (arrived, resolve) = signal();
    let _subscription = {
        let received = Rc::clone(&received);
        listener.subscribe(Callback::from(move |m| {
            received.borrow_mut().push(m);
            if let Some(f) = resolve.borrow().as_ref() {
                let _ = f.call0(&JsValue::NULL);
            }
        }))
    };
    raw.post_message(&value).unwrap();
    wasm_bindgen_futures::JsFuture::from(arrived).await.unwrap();
    raw.close();
    received.take()
}

#[wasm_bindgen_test]
async fn a_message_that_is_not_a_sync_message_arrives_as_an_error() {
    let received = receive_raw("channel-bad", JsValue::from_f64(42.0)).await;
    assert_eq!(received.len(), 1);
    assert!(received[0].is_err());
}

/// A tab running an earlier version of the app posts one record per message; it still
/// arrives, as a batch of one.
#[wasm_bindgen_test]
async fn a_single_record_message_of_an_earlier_version_arrives_as_a_batch_of_one() {
    let old = SyncMessage::Deleted {
        store: Store::Articles,
        key: id(3).to_string(),
    };
    let received = receive_raw("channel-old", JsValue::from_str(&encode_sync(&old))).await;
    assert_eq!(received.as_slice(), &[Ok(SyncBatch::from(old))]);
}

/// Issue 11: another tab used to receive one message per record written; a write of 1,500
/// annotations now reaches it as two bounded batches that hold every record.
#[wasm_bindgen_test]
async fn a_write_of_1500_annotations_reaches_another_tab_in_two_messages() {
    let name = unique("channel-import");
    let db = Rc::new(idb::open_named(&unique("sync-batch")).await.unwrap());
    let a = article(1, "A");
    let tab = Tab::new(Some(&db));
    *tab.persister.channel.borrow_mut() = Some(Channel::new(&name).unwrap());
    let other = Channel::new(&name).unwrap();
    let received: Rc<RefCell<Vec<SyncBatch>>> = Rc::default();
    let _subscription = {
        let received = Rc::clone(&received);
        other.subscribe(Callback::from(move |m: Result<SyncBatch, _>| {
            if let Ok(batch) = m {
                received.borrow_mut().push(batch);
            }
        }))
    };
    let records =
        |r: &RefCell<Vec<SyncBatch>>| -> usize { r.borrow().iter().map(|b| b.records.len()).sum() };
    for n in 0..1_500 {
        tab.queue(put_annotation(1_000 + n, &a));
    }
    tab.persister.flush_now();
    wait_until(|| records(&received) >= 1_500).await;
    assert_eq!(records(&received), 1_500);
    let sizes: Vec<usize> = received.borrow().iter().map(|b| b.records.len()).collect();
    assert_eq!(
        sizes,
        [SYNC_BATCH_MAX_RECORDS, 1_500 - SYNC_BATCH_MAX_RECORDS]
    );
    // Applied by the other tab, they give the library that was written.
    let mut theirs = library(vec![a], Vec::new());
    for batch in received.borrow().iter() {
        assert_eq!(
            apply_sync_batch(&mut theirs, batch).updated,
            batch.records.len()
        );
    }
    let stored = load_records(db.load_all().await.unwrap());
    assert_eq!(theirs.annotations, stored.library.annotations);
    assert!(tab.saved());
}

/// The app's state after it read a library of articles 1 ("A") and 2 ("B", changed last, so
/// it opens first), given the article the last page left unfinished.
fn started(unfinished: Option<Uuid>) -> Rc<AppState> {
    Rc::new(AppState::new(Article::sample(), Vec::new())).reduce(AppAction::Start {
        result: LoadResult {
            library: library(vec![article(1, "A"), article(2, "B")], Vec::new()),
            ..LoadResult::default()
        },
        now: Timestamp(1_800_000_000_000),
        unfinished,
        library_first: false,
    })
}

/// Issue 11: an article whose rendering the last page did not finish opened again at every
/// start.
#[wasm_bindgen_test]
fn an_article_left_unfinished_is_not_opened_at_start_and_the_message_names_it() {
    let s = started(Some(id(2)));
    assert_eq!(s.view, View::Library);
    let notice = s.notice.clone().expect("a message");
    assert!(!notice.error);
    assert_eq!(
        notice.text,
        "“B” did not finish opening last time, so the library is shown. Open it again from the \
         library."
    );
    // Opening it from the library works.
    let s = s.reduce(AppAction::Open(id(2)));
    assert_eq!((s.view, s.article.id), (View::Article, id(2)));
    // A mark for an article that would not open first changes nothing.
    let s = started(Some(id(1)));
    assert_eq!((s.view, s.article.id), (View::Article, id(2)));
    assert!(s.notice.is_none());
}

/// Issue 11: another tab's import arrives as one batch, is applied at once and renders the open
/// article once; a batch about another article leaves the open one's rendering as it was.
#[wasm_bindgen_test]
fn another_tabs_batch_is_applied_at_once_and_only_the_open_articles_changes_render_it() {
    let s = started(None);
    assert_eq!(s.article.id, id(2));
    let (a, b) = (article(1, "A"), article(2, "B"));
    let put = |n: &Annotation| SyncMessage::Changed {
        store: Store::Annotations,
        key: n.id.to_string(),
        record: encode_annotation(n),
    };
    let on_b: Vec<Annotation> = (100..300).map(|n| annotation(n, &b, Kind::Claim)).collect();
    let s2 = s.clone().reduce(AppAction::RemoteBatch(SyncBatch {
        records: on_b.iter().map(put).collect(),
    }));
    assert_eq!(s2.annotations.len(), 200);
    assert_eq!(s2.library.annotations.len(), 200);
    assert!(
        !Rc::ptr_eq(&s.runs, &s2.runs),
        "the open article was rendered again"
    );

    let s3 = s2
        .clone()
        .reduce(AppAction::RemoteBatch(SyncBatch::from(put(&annotation(
            900,
            &a,
            Kind::Quote,
        )))));
    assert_eq!(s3.library.annotations.len(), 201);
    assert!(
        Rc::ptr_eq(&s2.runs, &s3.runs),
        "another article's change renders nothing here"
    );
    assert!(Rc::ptr_eq(&s2.annotations, &s3.annotations));

    // A record that cannot be read is reported; the rest of its batch applies.
    let s4 = s3.reduce(AppAction::RemoteBatch(SyncBatch {
        records: vec![
            SyncMessage::Changed {
                store: Store::Annotations,
                key: id(901).to_string(),
                record: "{\"v\":1".into(),
            },
            put(&annotation(902, &b, Kind::Quote)),
        ],
    }));
    assert_eq!(s4.annotations.len(), 201);
    let notice = s4.notice.clone().expect("a message");
    assert!(notice.error);
    assert!(
        notice
            .text
            .starts_with("A change from another tab could not be read:"),
        "{}",
        notice.text
    );
}

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// A tab id no other test uses.
fn random_tab() -> TabId {
    let mut bytes = [0u8; 16];
    for b in &mut bytes {
        *b = (js_sys::Math::random() * 256.0) as u8;
    }
    TabId::from_random(bytes)
}

/// One tab's writer on `db`, and what it reported.
struct Tab {
    persister: Rc<Persister>,
    outbox: Outbox,
    statuses: Rc<RefCell<Vec<StorageStatus>>>,
    problems: Rc<RefCell<Vec<String>>>,
}

impl Tab {
    fn new(db: Option<&Rc<Db>>) -> Tab {
        let outbox = Outbox::default();
        let statuses: Rc<RefCell<Vec<StorageStatus>>> = Rc::default();
        let problems: Rc<RefCell<Vec<String>>> = Rc::default();
        let persister = Persister::for_tab(
            outbox.clone(),
            &random_tab(),
            {
                let statuses = Rc::clone(&statuses);
                Callback::from(move |s| statuses.borrow_mut().push(s))
            },
            {
                let problems = Rc::clone(&problems);
                Callback::from(move |p| problems.borrow_mut().push(p))
            },
        );
        *persister.db.borrow_mut() = db.cloned();
        Tab {
            persister,
            outbox,
            statuses,
            problems,
        }
    }

    fn queue(&self, plan: WritePlan) {
        self.outbox.0.borrow_mut().push(plan);
    }

    fn key(&self) -> String {
        self.persister.journal_key().to_owned()
    }

    fn saved(&self) -> bool {
        self.statuses.borrow().contains(&StorageStatus::Available)
    }
}

/// A plan that puts annotation `n` of `article`.
fn put_annotation(n: u128, article: &StoredArticle) -> WritePlan {
    let a = annotation(n, article, Kind::Claim);
    WritePlan {
        puts: vec![(Store::Annotations, a.id.to_string(), encode_annotation(&a))],
        deletes: vec![],
    }
}

/// Regression (issue 10, defect 5): every tab journaled under one key, and any tab's flush
/// removed it, losing the other tabs' pending writes.
#[wasm_bindgen_test]
async fn one_tabs_flush_leaves_another_tabs_journal() {
    let db = Rc::new(idb::open_named(&unique("journal-tabs")).await.unwrap());
    let a = article(1, "A");
    let (one, two) = (Tab::new(Some(&db)), Tab::new(Some(&db)));
    assert_ne!(one.key(), two.key());
    one.queue(put_annotation(10, &a));
    two.queue(put_annotation(11, &a));
    one.persister.journal_now();
    two.persister.journal_now();
    let ls = local_storage();
    assert_eq!(
        ls.get_item(&one.key()).unwrap(),
        Some(encode_journal(&put_annotation(10, &a)))
    );
    let two_text = encode_journal(&put_annotation(11, &a));
    assert_eq!(ls.get_item(&two.key()).unwrap(), Some(two_text.clone()));

    one.persister.flush_now();
    wait_until(|| one.saved()).await;
    assert!(one.saved(), "{:?}", one.statuses.borrow());
    assert_eq!(
        ls.get_item(&one.key()).unwrap(),
        None,
        "its own journal is cleared"
    );
    assert_eq!(
        ls.get_item(&two.key()).unwrap(),
        Some(two_text),
        "the other tab's journal is left"
    );
    let stored = load_records(db.load_all().await.unwrap());
    assert_eq!(stored.library.annotations.len(), 1);
    assert!(one.problems.borrow().is_empty() && two.problems.borrow().is_empty());
    ls.remove_item(&two.key()).unwrap();
}

#[wasm_bindgen_test]
async fn journals_found_at_start_are_replayed_and_removed_once_written_unless_rewritten() {
    let db = Rc::new(idb::open_named(&unique("journal-start")).await.unwrap());
    let a = article(1, "A");
    let ls = local_storage();
    // A tab that closed left its journal; a tab still open has journaled and will again.
    let closed = format!("article-annotator-journal:{}", random_tab());
    ls.set_item(&closed, &encode_journal(&put_annotation(20, &a)))
        .unwrap();
    let open = Tab::new(Some(&db));
    open.queue(put_annotation(21, &a));
    open.persister.journal_now();

    // Start of a new tab: read every journal, replay them, queue the result, adopt them.
    let mine = [closed.clone(), open.key()];
    let journals: Vec<Journal> = read_journals()
        .into_iter()
        .filter(|j| mine.contains(&j.key))
        .collect();
    assert_eq!(journals.len(), 2);
    let mut loaded = load_records(db.load_all().await.unwrap());
    let replayed = replay_journals(&mut loaded, &journals);
    assert!(replayed.problems.is_empty(), "{:?}", replayed.problems);
    assert_eq!(replayed.plan.puts.len(), 2);
    let new = Tab::new(Some(&db));
    new.queue(replayed.plan);
    new.persister.adopt_journals(journals);

    // Meanwhile the open tab queues another change and journals again.
    open.queue(put_annotation(22, &a));
    open.persister.journal_now();
    let rewritten = ls.get_item(&open.key()).unwrap();

    new.persister.flush_now();
    wait_until(|| new.saved()).await;
    assert!(new.saved(), "{:?}", new.statuses.borrow());
    let stored = load_records(db.load_all().await.unwrap());
    let ids: Vec<Uuid> = stored.library.annotations.keys().copied().collect();
    assert_eq!(ids, [id(20), id(21)]);
    assert_eq!(ls.get_item(&closed).unwrap(), None, "written, so removed");
    assert_eq!(
        ls.get_item(&open.key()).unwrap(),
        rewritten,
        "rewritten since it was read: left to its tab"
    );
    assert!(rewritten.is_some());
    ls.remove_item(&open.key()).unwrap();
}

#[wasm_bindgen_test]
async fn a_journal_that_does_not_fit_in_local_storage_is_reported() {
    let tab = Tab::new(None);
    // Larger than any browser's local storage for one site (Chromium's is 10 MB).
    let huge = "x".repeat(12 * 1024 * 1024);
    tab.queue(WritePlan {
        puts: vec![(Store::Meta, "huge".into(), huge)],
        deletes: vec![],
    });
    tab.persister.journal_now();
    let problems = tab.problems.borrow();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("local storage"), "{}", problems[0]);
    assert!(problems[0].contains("full"), "{}", problems[0]);
    assert_eq!(local_storage().get_item(&tab.key()).unwrap(), None);
    // The writes are still queued, to be saved.
    assert_eq!(tab.outbox.0.borrow().len(), 1);
}

fn host() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

fn query(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().dyn_into().unwrap())
        .collect()
}

/// The form control whose `<label>` reads `name`.
fn labelled(root: &Element, name: &str) -> Element {
    let label = all(root, "label")
        .into_iter()
        .find(|l| l.text_content().as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no label {name}"));
    let target = label.get_attribute("for").unwrap();
    query(root, &format!("#{target}"))
}

fn button(root: &Element, name: &str) -> HtmlElement {
    all(root, "button")
        .into_iter()
        .find(|b| b.text_content().as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no button {name}"))
        .dyn_into()
        .unwrap()
}

fn alert_text(root: &Element) -> Option<String> {
    root.query_selector("[role=alert]")
        .unwrap()
        .and_then(|e| e.text_content())
}

/// Types `value` into a text field as the user would: sets it and fires `input`.
fn type_into(el: &Element, value: &str) {
    if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
        i.set_value(value);
    } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
        t.set_value(value);
    }
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    el.dispatch_event(&event).unwrap();
}

fn key_down(el: &Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    el.dispatch_event(&event).unwrap();
}

#[derive(Default)]
struct DialogCalls {
    created: Vec<Article>,
    cancelled: usize,
}

async fn render_dialog() -> (Element, Rc<RefCell<DialogCalls>>) {
    let host = host();
    let calls = Rc::new(RefCell::new(DialogCalls::default()));
    let props = NewArticleDialogProps {
        on_create: {
            let calls = Rc::clone(&calls);
            Callback::from(move |a| calls.borrow_mut().created.push(a))
        },
        on_cancel: {
            let calls = Rc::clone(&calls);
            Callback::from(move |_| calls.borrow_mut().cancelled += 1)
        },
        handed: None,
    };
    yew::Renderer::<NewArticleDialog>::with_root_and_props(host.clone(), props).render();
    yew::scheduler::flush().await;
    (host, calls)
}

#[wasm_bindgen_test]
async fn new_article_dialog_has_its_labelled_fields() {
    let (host, calls) = render_dialog().await;
    let dialog = query(&host, "[role=dialog]");
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    let heading = dialog.get_attribute("aria-labelledby").unwrap();
    assert_eq!(
        query(&host, &format!("#{heading}"))
            .text_content()
            .as_deref(),
        Some("New article")
    );
    let types: Vec<(String, Option<String>)> = [
        "Title",
        "Source URL",
        "Published",
        "Byline",
        "Site",
        "Open file",
    ]
    .iter()
    .map(|n| (n.to_string(), labelled(&host, n).get_attribute("type")))
    .collect();
    assert_eq!(
        types,
        vec![
            ("Title".to_string(), Some("text".to_string())),
            ("Source URL".to_string(), Some("url".to_string())),
            ("Published".to_string(), Some("date".to_string())),
            ("Byline".to_string(), Some("text".to_string())),
            ("Site".to_string(), Some("text".to_string())),
            ("Open file".to_string(), Some("file".to_string())),
        ]
    );
    assert_eq!(labelled(&host, "Article text").tag_name(), "TEXTAREA");
    assert_eq!(
        labelled(&host, "Open file")
            .get_attribute("accept")
            .as_deref(),
        // Web archives too (Chromium's "Webpage, Single File", Safari's "Web Archive").
        Some(".txt,.md,.html,.htm,.mhtml,.mht,.webarchive")
    );
    // The title field has focus when the dialog opens.
    let active = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element();
    assert_eq!(active, Some(labelled(&host, "Title")));

    button(&host, "Cancel").click();
    key_down(&labelled(&host, "Title"), "Escape");
    yew::scheduler::flush().await;
    assert_eq!(calls.borrow().cancelled, 2);
    assert!(calls.borrow().created.is_empty());
}

#[wasm_bindgen_test]
async fn new_article_dialog_refuses_empty_text_and_bad_links_then_creates() {
    let (host, calls) = render_dialog().await;
    assert_eq!(alert_text(&host), None);

    button(&host, "Create").click();
    yew::scheduler::flush().await;
    assert!(alert_text(&host).unwrap().contains("no text"));
    assert!(calls.borrow().created.is_empty());

    type_into(
        &labelled(&host, "Article text"),
        "First line\r\nSecond <b>line</b>",
    );
    type_into(&labelled(&host, "Source URL"), "javascript:alert(1)");
    yew::scheduler::flush().await;
    button(&host, "Create").click();
    yew::scheduler::flush().await;
    let alert = alert_text(&host).unwrap();
    assert!(alert.starts_with("Source URL"), "{alert}");
    assert!(calls.borrow().created.is_empty());

    type_into(&labelled(&host, "Source URL"), "https://example.org/news");
    type_into(&labelled(&host, "Published"), "2017-03-22");
    yew::scheduler::flush().await;
    button(&host, "Create").click();
    yew::scheduler::flush().await;
    assert_eq!(alert_text(&host), None);
    let created = calls.borrow().created.clone();
    assert_eq!(created.len(), 1);
    let a = &created[0];
    // An empty title is suggested from the text; the text is canonical and stays text.
    assert_eq!(a.title, "First line");
    assert_eq!(a.text, "First line\nSecond <b>line</b>");
    assert_eq!(a.source_url.as_deref(), Some("https://example.org/news"));
    assert_eq!(a.published.as_deref(), Some("2017-03-22"));
    assert_eq!(a.id.get_version_num(), 4);
}

#[wasm_bindgen_test]
async fn pasted_rich_text_goes_to_the_worker_and_a_worker_that_cannot_run_changes_nothing() {
    // The page's HTML is read by the background worker (end-to-end tests show the result);
    // this test runner serves no worker, so this shows the dialog's side: the paste is taken
    // over, the dialog says it is reading and holds Create, and when the worker fails the text
    // is as it was and the dialog says why.
    let (host, calls) = render_dialog().await;
    let area = labelled(&host, "Article text");
    type_into(&area, "Çavuşoğlu 😀 ");
    yew::scheduler::flush().await;
    let area_el: HtmlTextAreaElement = area.clone().dyn_into().unwrap();
    let end = area_el.value().encode_utf16().count() as u32;
    area_el.set_selection_range(end, end).unwrap();

    let data = web_sys::DataTransfer::new().unwrap();
    data.set_data(
        "text/html",
        "<html><head><title>Page title</title></head><body><h1>Heading</h1>\
         <p>Hello <b>world</b><script>alert(1)</script></p></body></html>",
    )
    .unwrap();
    data.set_data("text/plain", "ignored").unwrap();
    let init = web_sys::ClipboardEventInit::new();
    init.set_clipboard_data(Some(&data));
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = web_sys::ClipboardEvent::new_with_event_init_dict("paste", &init).unwrap();
    area.dispatch_event(&event).unwrap();
    yew::scheduler::flush().await;

    assert!(event.default_prevented());
    assert_eq!(
        query(&host, "[role=status]").text_content().as_deref(),
        Some("Reading the pasted text…")
    );
    assert_eq!(
        query(&host, "progress[aria-label='Extraction progress']").tag_name(),
        "PROGRESS"
    );
    let create = button(&host, "Create");
    assert!(create.has_attribute("disabled"));

    wait_until(|| alert_text(&host).is_some()).await;
    assert!(
        alert_text(&host).unwrap().contains("Nothing was changed"),
        "{:?}",
        alert_text(&host)
    );
    assert_eq!(area_el.value(), "Çavuşoğlu 😀 ");
    assert!(!button(&host, "Create").has_attribute("disabled"));
    assert!(calls.borrow().created.is_empty());
}

#[derive(Default)]
struct LibraryCalls {
    opened: Vec<Uuid>,
    renamed: Vec<(Uuid, String)>,
    deleted: Vec<Uuid>,
    new: usize,
}

#[wasm_bindgen_test]
async fn library_lists_entries_with_their_actions_and_usage() {
    let a = article(1, "Older <i>one</i>");
    let b = article(2, "Newer");
    let lib = library(
        vec![a.clone(), b.clone()],
        vec![
            annotation(10, &a, Kind::Claim),
            annotation(11, &a, Kind::Claim),
            annotation(12, &a, Kind::Quote),
        ],
    );
    let entries: Vec<LibraryEntry> = library_entries(&lib);
    let host = host();
    let calls = Rc::new(RefCell::new(LibraryCalls::default()));
    fn c<T: 'static>(
        calls: &Rc<RefCell<LibraryCalls>>,
        f: fn(&mut LibraryCalls, T),
    ) -> Callback<T> {
        let calls = Rc::clone(calls);
        Callback::from(move |x| f(&mut calls.borrow_mut(), x))
    }
    let props = LibraryViewProps {
        entries: Rc::new(entries.clone()),
        usage: Some((1_200_000.0, 10_000_000_000.0)),
        on_open: c(&calls, |s, id| s.opened.push(id)),
        on_rename: c(&calls, |s, x| s.renamed.push(x)),
        on_delete: c(&calls, |s, id| s.deleted.push(id)),
        on_new: c(&calls, |s, ()| s.new += 1),
    };
    yew::Renderer::<LibraryView>::with_root_and_props(host.clone(), props).render();
    yew::scheduler::flush().await;

    let usage = query(&host, ".library-usage").text_content().unwrap();
    assert_eq!(usage, "Using 1.2 MB of 10 GB");
    let items = all(&host, "li");
    let titles: Vec<String> = items
        .iter()
        .map(|li| query(li, "h2").text_content().unwrap())
        .collect();
    // In the order given (the annotations made "Older <i>one</i>" the latest change), as text.
    let expected: Vec<String> = entries.iter().map(|e| e.title.clone()).collect();
    assert_eq!(titles, expected);
    assert_eq!(titles[0], "Older <i>one</i>");
    assert!(host.query_selector("li i").unwrap().is_none());
    let first = items[0].text_content().unwrap();
    assert!(first.contains("2 claims, 1 quote"), "{first}");
    assert!(first.contains("https://example.org/a"), "{first}");
    assert!(first.contains("Added 2023-11-14"), "{first}");
    for li in &items {
        for name in ["Open", "Rename", "Delete"] {
            button(li, name);
        }
    }

    button(&items[1], "Open").click();
    button(&items[0], "Delete").click();
    button(&host, "New article").click();
    yew::scheduler::flush().await;
    assert_eq!(calls.borrow().opened, vec![b.article.id]);
    assert_eq!(calls.borrow().deleted, vec![a.article.id]);
    assert_eq!(calls.borrow().new, 1);

    // Rename inline: the field is named "Title", Enter commits once.
    button(&items[1], "Rename").click();
    yew::scheduler::flush().await;
    let field: HtmlInputElement = query(&host, "input[aria-label=Title]").dyn_into().unwrap();
    assert_eq!(field.value(), "Newer");
    field.set_value("  Renamed  ");
    key_down(&field, "Enter");
    yew::scheduler::flush().await;
    assert!(host
        .query_selector("input[aria-label=Title]")
        .unwrap()
        .is_none());
    assert_eq!(
        calls.borrow().renamed,
        vec![(b.article.id, "Renamed".to_string())]
    );

    // Escape and an unchanged title commit nothing; blur commits.
    button(&items[0], "Rename").click();
    yew::scheduler::flush().await;
    key_down(&query(&host, "input[aria-label=Title]"), "Escape");
    yew::scheduler::flush().await;
    button(&items[0], "Rename").click();
    yew::scheduler::flush().await;
    let field: HtmlInputElement = query(&host, "input[aria-label=Title]").dyn_into().unwrap();
    field.set_value("By blur");
    field.blur().unwrap();
    yew::scheduler::flush().await;
    assert_eq!(
        calls.borrow().renamed,
        vec![
            (b.article.id, "Renamed".to_string()),
            (a.article.id, "By blur".to_string())
        ]
    );
}

/// Waits (at most about five seconds) until `done` holds, for browser work that Yew's
/// scheduler does not drive, such as a `FileReader`.
async fn wait_until(done: impl Fn() -> bool) {
    for _ in 0..100 {
        if done() {
            return;
        }
        let tick = js_sys::Promise::new(&mut |resolve, _| {
            let _ = web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50);
        });
        wasm_bindgen_futures::JsFuture::from(tick).await.unwrap();
        yew::scheduler::flush().await;
    }
}

#[wasm_bindgen_test]
async fn a_text_file_goes_to_the_worker_too_and_a_worker_that_cannot_run_changes_nothing() {
    // Text and Markdown files are read by the extractor worker, like web pages: it decodes a
    // file that is not UTF-8 with a detector the page does not carry (end-to-end tests show
    // the result). This test runner serves no worker, so this shows the dialog's side.
    let (host, calls) = render_dialog().await;
    let area = labelled(&host, "Article text");
    type_into(&area, "Çavuşoğlu 😀 ");
    yew::scheduler::flush().await;
    let input: HtmlInputElement = labelled(&host, "Open file").dyn_into().unwrap();
    let parts = js_sys::Array::of1(&JsValue::from_str("# From file\n\nSecond"));
    let file = web_sys::File::new_with_str_sequence(&parts, "notes.md").unwrap();
    let data = web_sys::DataTransfer::new().unwrap();
    data.items().add_with_file(&file).unwrap();
    input.set_files(data.files().as_ref());
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let change = web_sys::Event::new_with_event_init_dict("change", &init).unwrap();
    input.dispatch_event(&change).unwrap();
    yew::scheduler::flush().await;

    assert_eq!(
        query(&host, "[role=status]").text_content().as_deref(),
        Some("Reading “notes.md”…")
    );
    assert!(button(&host, "Create").has_attribute("disabled"));
    wait_until(|| alert_text(&host).is_some()).await;
    assert!(
        alert_text(&host).unwrap().contains("Nothing was changed"),
        "{:?}",
        alert_text(&host)
    );
    let area: HtmlTextAreaElement = area.dyn_into().unwrap();
    assert_eq!(area.value(), "Çavuşoğlu 😀 ");
    let title: HtmlInputElement = labelled(&host, "Title").dyn_into().unwrap();
    assert_eq!(title.value(), "");
    assert!(!button(&host, "Create").has_attribute("disabled"));
    assert!(calls.borrow().created.is_empty());
}

/// Something thrown that is neither an `Error` nor a `DOMException` reaches a message as text:
/// a string as it is, anything else as JSON, and what has no JSON as "an unknown error" (never
/// Rust's `Debug` form of a `JsValue`).
#[wasm_bindgen_test]
fn a_thrown_value_reads_as_text() {
    use wasm_bindgen::JsValue;
    assert_eq!(idb::thrown_text(&JsValue::from_str("quota")), "quota");
    let object = js_sys::JSON::parse(r#"{"reason":"blocked","n":2}"#).unwrap();
    assert_eq!(idb::thrown_text(&object), r#"{"reason":"blocked","n":2}"#);
    assert_eq!(idb::thrown_text(&JsValue::from_f64(7.0)), "7");
    assert_eq!(idb::thrown_text(&JsValue::UNDEFINED), "an unknown error");
}
