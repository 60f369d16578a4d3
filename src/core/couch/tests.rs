//! The protocol against recorded server responses (CouchDB 3's answers, as its documentation
//! gives them and as `pouchdb-server` sends them), every error included.

use super::*;
use crate::core::model::{Annotation, Kind, Timestamp};
use crate::core::storage::{encode_annotation, Store, SyncMessage};
use serde_json::{json, Value};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use uuid::Uuid;

/// Runs a future whose every await is ready (the scripted transport never waits).
fn run<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

/// Answers requests from a script, in order, and keeps what was sent.
#[derive(Default)]
struct Script {
    answers: RefCell<VecDeque<Result<Response, NetError>>>,
    sent: RefCell<Vec<Request>>,
}

impl Script {
    fn new(answers: Vec<Result<Response, NetError>>) -> Script {
        Script {
            answers: RefCell::new(answers.into()),
            sent: RefCell::default(),
        }
    }
    fn sent(&self) -> Vec<Request> {
        self.sent.borrow().clone()
    }
}

impl Transport for Script {
    async fn send(&self, request: Request) -> Result<Response, NetError> {
        self.sent.borrow_mut().push(request);
        self.answers
            .borrow_mut()
            .pop_front()
            .unwrap_or(Err(NetError::Failed("script ended".into())))
    }
}

fn ok(status: u16, body: Value) -> Result<Response, NetError> {
    Ok(Response {
        status,
        body: body.to_string(),
    })
}

fn text(status: u16, body: &str) -> Result<Response, NetError> {
    Ok(Response {
        status,
        body: body.into(),
    })
}

const WELCOME: &str = r#"{"couchdb":"Welcome","version":"3.3.3","git_sha":"40afbcfc7","uuid":"7d2a","features":["access-ready"],"vendor":{"name":"The Apache Software Foundation"}}"#;
const DB_INFO: &str = r#"{"db_name":"desk","update_seq":"0-g1AAAA","sizes":{"file":1,"external":0,"active":0},"doc_count":0,"doc_del_count":0}"#;

fn server() -> Server {
    Server::new(&Config {
        url: "https://couch.example.org/".into(),
        database: "desk".into(),
        user: "zoë".into(),
        password: "pässword".into(),
    })
    .unwrap()
}

/// A first connection of a fresh replica (no checkpoint here).
fn first_connect(script: &Script) -> Result<Session, SyncError> {
    run(connect(
        script,
        server(),
        &mut Replica::default(),
        "r",
        None,
        "s".into(),
    ))
}

fn session(script: &Script, replica: &mut Replica) -> Session {
    run(connect(
        script,
        server(),
        replica,
        "replica-a",
        None,
        "s1".into(),
    ))
    .unwrap()
}

fn connected(mut answers: Vec<Result<Response, NetError>>) -> Script {
    let mut all = vec![
        text(200, WELCOME),
        text(200, DB_INFO),
        text(404, r#"{"error":"not_found","reason":"missing"}"#),
    ];
    all.append(&mut answers);
    Script::new(all)
}

fn note(n: u128, note: &str, modified: i64) -> Annotation {
    let mut a = Annotation::new(
        Uuid::from_u128(n),
        Uuid::from_u128(1),
        Kind::Claim,
        "Zoë said “19,000” 🚀",
        0,
        3,
        Timestamp(modified),
    );
    a.note = note.into();
    a.modified = Timestamp(modified);
    a
}

fn changed(a: &Annotation) -> SyncMessage {
    SyncMessage::Changed {
        store: Store::Annotations,
        key: a.id.to_string(),
        record: encode_annotation(a),
    }
}

/// A document as the server sends it: the record's fields, `type`, `_id`, `_rev`, `_revisions`.
fn doc_of(a: &Annotation, path: &[Rev]) -> Value {
    let mut v: Value = serde_json::from_str(&encode_annotation(a)).unwrap();
    v["_id"] = json!(a.id.to_string());
    v["_rev"] = json!(path[0].to_string());
    v["_revisions"] = serde_json::to_value(Revisions::of(path)).unwrap();
    v["type"] = json!("annotation");
    v
}

// ---- revisions ----

#[test]
fn the_winner_is_couchdbs_live_then_generation_then_hash() {
    let r = |s: &str| Rev::parse(s).unwrap();
    let mut tree = RevTree::new(vec![r("2-aaa"), r("1-x")], Some("a".into()), false);
    assert_eq!(
        tree.merge(vec![r("2-bbb"), r("1-x")], Some("b".into())),
        Merged::Branched
    );
    assert_eq!(tree.winner().unwrap().leaf(), &r("2-bbb"));
    // A deleted leaf of a higher generation loses to a live one.
    assert_eq!(
        tree.merge(vec![r("3-zzz"), r("2-bbb"), r("1-x")], None),
        Merged::Extended
    );
    assert_eq!(tree.winner().unwrap().leaf(), &r("2-aaa"));
    assert_eq!(
        tree.merge(vec![r("2-aaa"), r("1-x")], Some("a".into())),
        Merged::Known
    );
    assert_eq!(tree.merge(vec![r("1-x")], None), Merged::Known);
}

#[test]
fn revisions_are_parsed_strictly_and_made_deterministically() {
    assert_eq!(Rev::parse("0-abc"), None);
    assert_eq!(Rev::parse("abc"), None);
    assert_eq!(Rev::parse("3-"), None);
    let p = Rev::parse("1-abc").unwrap();
    assert_eq!(
        Rev::child(Some(&p), Some("x")),
        Rev::child(Some(&p), Some("x"))
    );
    assert_ne!(Rev::child(Some(&p), Some("x")), Rev::child(Some(&p), None));
    assert_eq!(Rev::child(Some(&p), None).generation, 2);
    let revs = Revisions {
        start: 3,
        ids: vec!["c".into(), "b".into(), "a".into()],
    };
    assert_eq!(revs.path().unwrap()[2].to_string(), "1-a");
    assert_eq!(
        Revisions {
            start: 1,
            ids: vec!["b".into(), "a".into()]
        }
        .path(),
        None
    );
}

// ---- addresses and credentials ----

#[test]
fn only_https_or_http_on_this_machine_is_accepted() {
    let cfg = |url: &str, db: &str| Config {
        url: url.into(),
        database: db.into(),
        ..Config::default()
    };
    assert!(Server::new(&cfg("https://couch.example.org", "desk")).is_ok());
    assert!(Server::new(&cfg("http://localhost:5984", "desk")).is_ok());
    assert!(Server::new(&cfg("http://127.0.0.1:5984/couch/", "desk")).is_ok());
    assert!(Server::new(&cfg("http://[::1]:5984", "desk")).is_ok());
    let refused = [
        ("http://couch.example.org", "desk", ConfigError::NotSecure),
        ("http://127.0.0.1.evil.org", "desk", ConfigError::NotSecure),
        ("ftp://x.org", "desk", ConfigError::NotSecure),
        ("javascript:alert(1)", "desk", ConfigError::NotAnAddress),
        (
            "https://u:p@x.org",
            "desk",
            ConfigError::CredentialsInAddress,
        ),
        ("https://x.org/?a", "desk", ConfigError::QueryInAddress),
        ("https://x.org", "Desk", ConfigError::BadDatabase),
        ("https://x.org", "", ConfigError::BadDatabase),
    ];
    for (url, db, why) in refused {
        assert_eq!(Server::new(&cfg(url, db)), Err(why), "{url} {db}");
    }
    assert!(ConfigError::NotSecure.to_string().contains("https:"));
}

#[test]
fn credentials_are_basic_utf8_and_go_to_the_servers_origin_only() {
    let s = server();
    // base64("zoë:pässword") of the UTF-8 bytes.
    assert_eq!(s.authorization(), Some("Basic em/Dqzpww6Rzc3dvcmQ="));
    assert_eq!(s.origin(), "https://couch.example.org");
    assert_eq!(
        s.db_url("/_changes"),
        "https://couch.example.org/desk/_changes"
    );
    let slash = Server::new(&Config {
        url: "https://x.org".into(),
        database: "a/b".into(),
        ..Config::default()
    })
    .unwrap();
    assert_eq!(slash.db_url(""), "https://x.org/a%2Fb");
    assert_eq!(slash.authorization(), None);
}

// ---- connecting, and every error ----

#[test]
fn connect_checks_the_server_and_database_and_reads_the_checkpoint() {
    let script = Script::new(vec![
        text(200, WELCOME),
        text(200, DB_INFO),
        ok(
            200,
            json!({"_id": "_local/x", "_rev": "0-3", "session_id": "s0", "last_seq": "12-g1A"}),
        ),
    ]);
    let mut replica = Replica::default();
    let local = Checkpoint {
        session_id: "s0".into(),
        last_seq: json!("12-g1A"),
    };
    let s = run(connect(
        &script,
        server(),
        &mut replica,
        "replica-a",
        Some(local),
        "s1".into(),
    ))
    .unwrap();
    assert_eq!(s.since, json!("12-g1A"));
    let urls: Vec<String> = script.sent().into_iter().map(|r| r.url).collect();
    assert_eq!(urls[0], "https://couch.example.org/");
    assert_eq!(urls[1], "https://couch.example.org/desk/");
    assert_eq!(
        urls[2],
        format!("https://couch.example.org/desk/_local/{}", s.id)
    );
    assert_eq!(s.id, replication_id("replica-a", &server()));
    assert_ne!(s.id, replication_id("replica-b", &server()));
}

#[test]
fn pouchdb_server_is_welcome_too() {
    let script = Script::new(vec![
        text(
            200,
            r#"{"express-pouchdb":"Welcome!","version":"4.2.0","pouchdb-adapters":["memory"],"vendor":{"name":"PouchDB authors","version":"4.2.0"},"uuid":"efe39cb8"}"#,
        ),
        text(
            200,
            r#"{"doc_count":0,"update_seq":0,"backend_adapter":"MemDOWN","db_name":"desk","auto_compaction":false,"adapter":"leveldb"}"#,
        ),
        text(
            404,
            r#"{"status":404,"name":"not_found","message":"missing","error":"not_found","reason":"missing"}"#,
        ),
    ]);
    assert!(first_connect(&script).is_ok());
}

#[test]
fn checkpoints_that_disagree_start_over() {
    let script = Script::new(vec![
        text(200, WELCOME),
        text(200, DB_INFO),
        ok(
            200,
            json!({"_rev": "0-3", "session_id": "other", "last_seq": 40}),
        ),
    ]);
    let local = Checkpoint {
        session_id: "s0".into(),
        last_seq: json!(12),
    };
    let s = run(connect(
        &script,
        server(),
        &mut Replica::default(),
        "r",
        Some(local),
        "s1".into(),
    ))
    .unwrap();
    assert_eq!(s.since, json!(0));
}

#[test]
fn a_server_that_lost_our_checkpoint_is_offered_everything_again() {
    let mut replica = Replica::default();
    replica.local(&changed(&note(5, "n", 10)));
    let s0 = session(&connected(vec![]), &mut replica);
    let doc = replica.pending()[0].clone();
    let push_script = Script::new(vec![ok(200, json!({})), text(201, "[]")]);
    run(push(&push_script, &s0, &mut replica, &mut |_| {})).unwrap();
    assert!(replica.pending().is_empty());
    // The server comes back empty: no checkpoint there, one here.
    let local = Checkpoint {
        session_id: "s1".into(),
        last_seq: json!(3),
    };
    let script = connected(vec![]);
    let s = run(connect(
        &script,
        server(),
        &mut replica,
        "r",
        Some(local),
        "s2".into(),
    ))
    .unwrap();
    assert_eq!(s.since, json!(0));
    assert_eq!(replica.pending(), vec![doc]);
}

#[test]
fn every_refusal_stops_with_its_reason() {
    let cases: Vec<(Vec<Result<Response, NetError>>, Stop)> = vec![
        (
            vec![text(
                401,
                r#"{"error":"unauthorized","reason":"Name or password is incorrect."}"#,
            )],
            Stop::Unauthorized,
        ),
        (
            vec![text(200, WELCOME), text(401, r#"{"error":"unauthorized"}"#)],
            Stop::Unauthorized,
        ),
        (
            vec![
                text(200, WELCOME),
                text(
                    403,
                    r#"{"error":"forbidden","reason":"You are not allowed to access this db."}"#,
                ),
            ],
            Stop::Forbidden("desk".into()),
        ),
        (
            vec![
                text(200, WELCOME),
                text(
                    404,
                    r#"{"error":"not_found","reason":"Database does not exist."}"#,
                ),
            ],
            Stop::NoDatabase("desk".into()),
        ),
        (
            vec![text(200, "<!doctype html><title>Welcome to nginx!</title>")],
            Stop::NotCouch("https://couch.example.org".into()),
        ),
        (
            vec![text(200, r#"{"status":"ok","couchdb":3}"#)],
            Stop::NotCouch("https://couch.example.org".into()),
        ),
        (
            vec![text(404, "Not Found")],
            Stop::NotCouch("https://couch.example.org".into()),
        ),
    ];
    for (answers, stop) in cases {
        let script = Script::new(answers);
        let got = first_connect(&script);
        assert_eq!(got, Err(SyncError::Stop(stop.clone())), "{stop}");
    }
    assert_eq!(
        Status::Stopped(Stop::Unauthorized).to_string(),
        "Stopped: wrong user name or password"
    );
    assert_eq!(
        Status::Stopped(Stop::NoDatabase("desk".into())).to_string(),
        "Stopped: database desk does not exist"
    );
    assert_eq!(Status::Offline.to_string(), "Offline — will retry");
}

#[test]
fn network_loss_and_server_errors_are_retried() {
    for answer in [
        Err(NetError::Failed("connection refused".into())),
        text(503, r#"{"error":"unavailable"}"#),
    ] {
        let script = Script::new(vec![answer]);
        let got = first_connect(&script);
        assert!(matches!(got, Err(SyncError::Retry(_))), "{got:?}");
    }
}

#[test]
fn the_database_is_created_when_asked() {
    let script = Script::new(vec![ok(201, json!({"ok": true}))]);
    run(create_database(&script, &server())).unwrap();
    assert_eq!(script.sent()[0].method, Method::Put);
    assert_eq!(script.sent()[0].url, "https://couch.example.org/desk");
    let exists = Script::new(vec![text(412, r#"{"error":"file_exists"}"#)]);
    assert_eq!(run(create_database(&exists, &server())), Ok(()));
    let refused = Script::new(vec![text(
        401,
        r#"{"error":"unauthorized","reason":"You are not a server admin."}"#,
    )]);
    assert_eq!(
        run(create_database(&refused, &server())),
        Err(SyncError::Stop(Stop::Unauthorized))
    );
}

// ---- push ----

#[test]
fn push_sends_what_the_server_lacks_with_new_edits_false() {
    let mut replica = Replica::default();
    let a = note(7, "first", 10);
    let b = note(8, "second", 10);
    replica.local(&changed(&a));
    replica.local(&changed(&b));
    let s = session(&connected(vec![]), &mut replica);
    let rev_a = replica.pending()[0].1[0].clone();
    let rev_b = replica.pending()[1].1[0].clone();
    let id_b = b.id.to_string();
    let script = Script::new(vec![
        ok(
            200,
            json!({ id_b.clone(): {"missing": [rev_b.to_string()]} }),
        ),
        text(201, "[]"),
    ]);
    let mut seen = Vec::new();
    let pushed = run(push(&script, &s, &mut replica, &mut |st| seen.push(st))).unwrap();
    assert_eq!(pushed.sent, 2);
    assert_eq!(seen, vec![Status::Sending(2)]);
    let sent = script.sent();
    assert!(sent[0].url.ends_with("/desk/_revs_diff"));
    let diff: Value = serde_json::from_str(sent[0].body.as_deref().unwrap()).unwrap();
    assert_eq!(diff[a.id.to_string()], json!([rev_a.to_string()]));
    assert!(sent[1].url.ends_with("/desk/_bulk_docs"));
    let bulk: Value = serde_json::from_str(sent[1].body.as_deref().unwrap()).unwrap();
    assert_eq!(bulk["new_edits"], json!(false));
    let doc = &bulk["docs"][0];
    assert_eq!(doc["_id"], json!(id_b));
    assert_eq!(doc["type"], json!("annotation"));
    assert_eq!(doc["note"], json!("second"));
    assert_eq!(doc["_revisions"]["start"], json!(1));
    assert!(replica.pending().is_empty());
}

#[test]
fn a_push_cut_off_resumes_and_a_refused_document_stays_pending() {
    let mut replica = Replica::default();
    let a = note(7, "first", 10);
    replica.local(&changed(&a));
    let s = session(&connected(vec![]), &mut replica);
    let id = a.id.to_string();
    let rev = replica.pending()[0].1[0].to_string();
    // The connection drops between _revs_diff and _bulk_docs.
    let cut = Script::new(vec![
        ok(200, json!({ id.clone(): {"missing": [rev.clone()]} })),
        Err(NetError::Failed("reset".into())),
    ]);
    assert!(matches!(
        run(push(&cut, &s, &mut replica, &mut |_| {})),
        Err(SyncError::Retry(_))
    ));
    assert_eq!(replica.pending().len(), 1);
    // The server refuses it (a validation function): kept, reported.
    let refused = Script::new(vec![
        ok(200, json!({ id.clone(): {"missing": [rev.clone()]} })),
        ok(
            201,
            json!([{"id": id, "rev": rev, "error": "forbidden", "reason": "only editors"}]),
        ),
    ]);
    let pushed = run(push(&refused, &s, &mut replica, &mut |_| {})).unwrap();
    assert_eq!(
        pushed.refused,
        vec![(id.clone(), "only editors".to_string())]
    );
    // Kept, not sent, and not offered again by this replication (no loop of refusals)…
    assert!(replica.pending().is_empty());
    assert_eq!(replica.doc(&id).unwrap().tree.pending().count(), 1);
    // …until it starts again.
    replica.resend_all();
    assert_eq!(replica.pending().len(), 1);
}

#[test]
fn deletions_are_sent_as_tombstones() {
    let mut replica = Replica::default();
    let a = note(7, "first", 10);
    replica.local(&changed(&a));
    replica.local(&SyncMessage::Deleted {
        store: Store::Annotations,
        key: a.id.to_string(),
    });
    let (id, revs) = replica.pending()[0].clone();
    let doc = replica.document(&id, &revs[0]).unwrap();
    assert_eq!(doc["_deleted"], json!(true));
    assert_eq!(doc["_revisions"]["start"], json!(2));
    assert!(doc.get("note").is_none());
}

#[test]
fn a_record_that_is_the_winner_already_makes_no_revision() {
    let mut replica = Replica::default();
    let a = note(7, "first", 10);
    replica.local(&changed(&a));
    replica.local(&changed(&a));
    assert_eq!(replica.pending()[0].1.len(), 1);
    assert_eq!(
        replica
            .doc(&a.id.to_string())
            .unwrap()
            .tree
            .winner()
            .unwrap()
            .leaf()
            .generation,
        1
    );
}

// ---- pull ----

#[test]
fn pull_fetches_what_is_missing_and_skips_what_it_cannot_read() {
    let mut replica = Replica::default();
    let mut s = session(&connected(vec![]), &mut replica);
    let a = note(9, "from the other desk", 20);
    let path = vec![Rev::parse("2-bb").unwrap(), Rev::parse("1-aa").unwrap()];
    let id = a.id.to_string();
    let script = Script::new(vec![
        ok(
            200,
            json!({"results": [
            {"seq": "3-g1", "id": id, "changes": [{"rev": "2-bb"}]},
            {"seq": "4-g1", "id": "bad", "changes": [{"rev": "1-cc"}]},
            {"seq": "5-g1", "id": "_design/app", "changes": [{"rev": "1-dd"}]}
        ], "last_seq": "5-g1", "pending": 0}),
        ),
        ok(
            200,
            json!({"results": [
                {"id": id, "docs": [{"ok": doc_of(&a, &path)}]},
                {"id": "bad", "docs": [{"ok": {"_id": "bad", "_rev": "1-cc", "type": "annotation", "v": 1, "note": 3}}]}
            ]}),
        ),
    ]);
    let mut seen = Vec::new();
    let pulled = run(pull(&script, &mut s, &mut replica, false, &mut |st| {
        seen.push(st)
    }))
    .unwrap();
    assert_eq!(seen, vec![Status::Receiving(2)]);
    assert_eq!(pulled.records, vec![changed(&a)]);
    assert_eq!(pulled.unreadable.len(), 1);
    assert_eq!(pulled.unreadable[0].id, "bad");
    assert_eq!(pulled.last_seq, json!("5-g1"));
    let sent = script.sent();
    assert!(sent[0]
        .url
        .contains("/desk/_changes?style=all_docs&limit=500&since=0"));
    assert!(sent[1].url.ends_with("/desk/_bulk_get?revs=true"));
    // The same change again: known, nothing fetched.
    let again = Script::new(vec![ok(
        200,
        json!({"results": [{"seq": "3-g1", "id": id, "changes": [{"rev": "2-bb"}]}], "last_seq": "5-g1"}),
    )]);
    let pulled = run(pull(&again, &mut s, &mut replica, true, &mut |_| {})).unwrap();
    assert_eq!(pulled.fetched, 0);
    assert!(again.sent()[0].url.contains("feed=longpoll"));
    assert!(again.sent()[0].long_poll);
}

#[test]
fn a_server_without_bulk_get_is_read_one_document_at_a_time() {
    let mut replica = Replica::default();
    let mut s = session(&connected(vec![]), &mut replica);
    let a = note(9, "x", 20);
    let id = a.id.to_string();
    let path = vec![Rev::parse("1-aa").unwrap()];
    let script = Script::new(vec![
        ok(
            200,
            json!({"results": [{"seq": 1, "id": id, "changes": [{"rev": "1-aa"}]}], "last_seq": 1}),
        ),
        text(404, r#"{"error":"not_found","reason":"missing"}"#),
        ok(200, json!([{"ok": doc_of(&a, &path)}])),
    ]);
    let pulled = run(pull(&script, &mut s, &mut replica, false, &mut |_| {})).unwrap();
    assert_eq!(pulled.records.len(), 1);
    assert!(script.sent()[2]
        .url
        .contains("?revs=true&open_revs=%5B%221-aa%22%5D"));
}

#[test]
fn remote_deletions_delete_here() {
    let mut replica = Replica::default();
    let a = note(9, "x", 20);
    let id = a.id.to_string();
    let r1 = Rev::parse("1-aa").unwrap();
    let r2 = Rev::parse("2-dd").unwrap();
    let doc = RemoteDoc::from_json(
        doc_of(&a, std::slice::from_ref(&r1))
            .as_object()
            .unwrap()
            .clone(),
    )
    .unwrap();
    replica.receive(doc).unwrap();
    let tomb = json!({"_id": id, "_rev": "2-dd", "_deleted": true, "_revisions": {"start": 2, "ids": ["dd", "aa"]}});
    let got = replica
        .receive(RemoteDoc::from_json(tomb.as_object().unwrap().clone()).unwrap())
        .unwrap();
    assert_eq!(
        got.record,
        Some(SyncMessage::Deleted {
            store: Store::Annotations,
            key: id.clone()
        })
    );
    assert!(replica.doc(&id).unwrap().tree.knows(&r2));
}

// ---- conflicts ----

/// Replica `name` edited the annotation from revision `base` with `a`.
fn edited_from(base: &Annotation, edit: &Annotation) -> (Replica, Rev) {
    let mut r = Replica::default();
    r.local(&changed(base));
    let base_rev = r.pending()[0].1[0].clone();
    r.sent(&base.id.to_string(), &base_rev);
    r.local(&changed(edit));
    let rev = r.pending()[0].1[0].clone();
    (r, rev)
}

#[test]
fn a_conflict_keeps_the_later_edit_on_both_machines_with_the_same_revisions() {
    let base = note(11, "base", 10);
    let mut on_a = base.clone();
    on_a.note = "edited on A".into();
    on_a.modified = Timestamp(30);
    let mut on_b = base.clone();
    on_b.note = "edited on B, later".into();
    on_b.modified = Timestamp(40);
    let (mut a, rev_a) = edited_from(&base, &on_a);
    let (mut b, rev_b) = edited_from(&base, &on_b);
    let id = base.id.to_string();
    // Each receives the other's leaf.
    let doc_a = a.document(&id, &rev_a).unwrap();
    let doc_b = b.document(&id, &rev_b).unwrap();
    let got_a = a
        .receive(RemoteDoc::from_json(doc_b.as_object().unwrap().clone()).unwrap())
        .unwrap();
    let got_b = b
        .receive(RemoteDoc::from_json(doc_a.as_object().unwrap().clone()).unwrap())
        .unwrap();
    // Both keep B's (later) edit, report the conflict with both versions.
    assert_eq!(got_a.record, Some(changed(&on_b)));
    assert_eq!(got_b.record, None, "B holds its own edit already");
    for got in [&got_a, &got_b] {
        let c = got.conflict.as_ref().unwrap();
        assert_eq!(c.kept, encode_annotation(&on_b));
        assert_eq!(c.others, vec![encode_annotation(&on_a)]);
    }
    // The same tree, leaf for leaf: one live leaf, the same revisions to send.
    let leaves = |r: &Replica| {
        let mut l: Vec<(String, bool)> = r
            .doc(&id)
            .unwrap()
            .tree
            .branches
            .iter()
            .map(|b| (b.leaf().to_string(), b.deleted))
            .collect();
        l.sort();
        l
    };
    assert_eq!(leaves(&a), leaves(&b));
    assert_eq!(a.doc(&id).unwrap().tree.live().count(), 1);
    // A later edit made on A before its own leaf went out still wins: a tie on time is
    // broken the same way on both.
}

#[test]
fn a_stale_local_record_is_not_sent_but_replaced() {
    let mut replica = Replica::default();
    let old = note(12, "old", 10);
    let mut new = old.clone();
    new.note = "new".into();
    new.modified = Timestamp(50);
    let doc = doc_of(&new, &[Rev::parse("1-aa").unwrap()]);
    replica
        .receive(RemoteDoc::from_json(doc.as_object().unwrap().clone()).unwrap())
        .unwrap();
    // The page still had the old record (it closed before saving the new one).
    let back = replica.local(&changed(&old));
    assert_eq!(back, Some(changed(&new)));
    assert!(replica.pending().is_empty());
    // At start, a record the page lacks is handed back, never deleted.
    let back = replica.scan([], []);
    assert_eq!(back, vec![changed(&new)]);
    assert!(replica.pending().is_empty());
}

#[test]
fn documents_that_cannot_be_read_are_refused_with_a_reason() {
    let bad = |v: Value| {
        RemoteDoc::from_json(v.as_object().unwrap().clone())
            .map(|_| ())
            .unwrap_err()
            .why
    };
    assert!(bad(json!({"_id": "x", "type": "annotation"})).contains("revision"));
    assert!(bad(json!({"_id": "x", "_rev": "2-b", "_revisions": {"start": 2, "ids": ["c", "a"]}, "type": "annotation"})).contains("revision"));
    assert!(bad(json!({"_id": "x", "_rev": "1-b", "type": "user"})).contains("type"));
    assert!(bad(json!({"_id": "x", "_rev": "1-b"})).contains("no type"));
    // A record whose id is not the document's.
    let a = note(13, "x", 1);
    let mut doc = doc_of(&a, &[Rev::parse("1-aa").unwrap()]);
    doc["_id"] = json!(Uuid::from_u128(99).to_string());
    let mut replica = Replica::default();
    let err = replica
        .receive(RemoteDoc::from_json(doc.as_object().unwrap().clone()).unwrap())
        .unwrap_err();
    assert!(err.why.contains("id"));
    assert!(replica.is_empty());
}

#[test]
fn the_checkpoint_is_written_and_a_conflicting_one_read_again() {
    let mut replica = Replica::default();
    let mut s = session(&connected(vec![]), &mut replica);
    let script = Script::new(vec![
        text(409, r#"{"error":"conflict"}"#),
        ok(
            200,
            json!({"_id": "_local/x", "_rev": "0-7", "session_id": "s1", "last_seq": 3}),
        ),
        ok(201, json!({"ok": true, "id": "_local/x", "rev": "0-8"})),
    ]);
    let cp = run(checkpoint(&script, &mut s, json!(9))).unwrap();
    assert_eq!(
        cp,
        Checkpoint {
            session_id: "s1".into(),
            last_seq: json!(9)
        }
    );
    assert_eq!(s.since, json!(9));
    let put: Value = serde_json::from_str(script.sent()[2].body.as_deref().unwrap()).unwrap();
    assert_eq!(put["_rev"], json!("0-7"));
    assert_eq!(put["last_seq"], json!(9));
}

#[test]
fn an_article_that_differs_only_in_its_times_is_no_conflict_to_tell() {
    use crate::core::storage::{encode_article, StoredArticle};
    use crate::core::text::Article;
    let stored = |t: i64| {
        let mut article = Article::sample();
        article.captured = Some(crate::core::text::Capture::of(&article, Timestamp(t)));
        StoredArticle {
            article,
            added: Timestamp(t),
            changed: Timestamp(t),
        }
    };
    let (older, newer) = (stored(10), stored(20));
    let id = older.article.id.to_string();
    let mut a = Replica::default();
    a.local(&SyncMessage::Changed {
        store: Store::Articles,
        key: id.clone(),
        record: encode_article(&older),
    });
    let mut b = Replica::default();
    b.local(&SyncMessage::Changed {
        store: Store::Articles,
        key: id.clone(),
        record: encode_article(&newer),
    });
    let rev = b.pending()[0].1[0].clone();
    let doc = b.document(&id, &rev).unwrap();
    let got = a
        .receive(RemoteDoc::from_json(doc.as_object().unwrap().clone()).unwrap())
        .unwrap();
    assert_eq!(got.conflict, None);
    assert_eq!(
        got.record,
        Some(SyncMessage::Changed {
            store: Store::Articles,
            key: id,
            record: encode_article(&newer)
        })
    );
}

#[test]
fn an_annotation_with_an_articles_id_never_overwrites_the_articles_document() {
    use crate::core::storage::{encode_article, StoredArticle};
    use crate::core::text::Article;
    let article = StoredArticle {
        article: Article::sample(),
        added: Timestamp(1),
        changed: Timestamp(1),
    };
    let id = article.article.id;
    let mut replica = Replica::default();
    replica.local(&SyncMessage::Changed {
        store: Store::Articles,
        key: id.to_string(),
        record: encode_article(&article),
    });
    let mut crafted = note(1, "same id as the article", 5);
    crafted.id = id;
    replica.local(&changed(&crafted));
    let doc = replica.doc(&id.to_string()).unwrap();
    assert_eq!(doc.kind, DocKind::Article);
    assert_eq!(
        doc.tree.winner().unwrap().body.as_deref(),
        Some(encode_article(&article).as_str())
    );
    assert_eq!(doc.tree.winner().unwrap().leaf().generation, 1);
}

/// Every message of the sync worker reaches the page as sent (newtype variants and arrays on
/// the wire, written by `encode`, read by `decode` as the page reads it).
#[test]
fn every_sync_worker_message_reaches_the_page_as_sent() {
    let messages = vec![
        FromSyncer::Loaded,
        FromSyncer::Status(Status::Connecting),
        FromSyncer::Status(Status::Sending(12)),
        FromSyncer::Status(Status::Receiving(3)),
        FromSyncer::Status(Status::Stopped(Stop::Forbidden("desk".into()))),
        FromSyncer::Status(Status::Stopped(Stop::NotCouch(
            "https://example.org".into(),
        ))),
        FromSyncer::Status(Status::Stopped(Stop::NoDatabase("zoë’s desk".into()))),
        FromSyncer::Status(Status::Stopped(Stop::Refused("“no” 🦀".into()))),
        FromSyncer::Status(Status::Stopped(Stop::PasswordNeeded)),
        FromSyncer::Records("{\"type\":\"batch\",\"v\":1,\"records\":[]}".into()),
        FromSyncer::Conflicts(vec![Conflict {
            id: "a1".into(),
            kind: DocKind::Annotation,
            kept: "{}".into(),
            others: vec!["{\"x\":1}".into()],
        }]),
        FromSyncer::Unreadable(vec![Unreadable {
            id: "d".into(),
            why: "a newer version".into(),
        }]),
        FromSyncer::Refused(vec![("d".into(), "forbidden".into())]),
    ];
    for m in messages {
        let text = m.encode();
        assert_eq!(FromSyncer::decode(&text), Some(m), "{text}");
    }
    assert_eq!(
        FromSyncer::decode("{\"status\":{\"sending\":{\"n\":1}}}"),
        None
    );
}
