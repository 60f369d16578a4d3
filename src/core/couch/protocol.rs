//! The replication protocol, step by step, over any [`Transport`]: connecting (the server,
//! the database, the checkpoint), pulling one batch of the `_changes` feed, pushing what is
//! pending, writing a checkpoint, creating the database. Each step is an `async fn` the
//! shell's loop calls in turn; the tests call them with recorded responses.

use super::replica::{Conflict, RemoteDoc, Replica, Unreadable};
use super::rev::Rev;
use super::server::{
    check, encode_component, Asking, Method, Request, Server, Status, Stop, SyncError, Transport,
};
use crate::core::storage::SyncMessage;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// Documents asked for in one `_changes` batch (and so in one `_bulk_get`).
pub const PULL_BATCH: usize = 500;
/// Documents sent in one `_revs_diff` and `_bulk_docs`.
pub const PUSH_BATCH: usize = 500;
/// How long the server holds a long poll open, in milliseconds.
pub const LONG_POLL_MS: u32 = 25_000;

/// Where a replication stands, kept on both sides (the server's `_local/<id>` document and
/// this browser's store): the pull resumes from `last_seq` when both sides agree on
/// `session_id`, from the start otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// Written with both copies at once.
    pub session_id: String,
    /// The last `_changes` sequence taken in.
    pub last_seq: Value,
}

/// The replication id: the same for this browser, server and database every time, so the
/// checkpoint is found again.
pub fn replication_id(replica_id: &str, server: &Server) -> String {
    let mut h = Sha256::new();
    h.update(replica_id.as_bytes());
    h.update(b"\n");
    h.update(server.base().as_bytes());
    h.update(b"\n");
    h.update(server.database().as_bytes());
    h.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A connection that passed [`connect`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The server.
    pub server: Server,
    /// The replication id.
    pub id: String,
    /// Where the pull resumes.
    pub since: Value,
    session_id: String,
    remote_rev: Option<String>,
    bulk_get: bool,
}

fn request(method: Method, url: String, body: Option<Value>) -> Request {
    Request {
        method,
        url,
        body: body.map(|b| b.to_string()),
        long_poll: false,
    }
}

fn parse<T: serde::de::DeserializeOwned>(body: &str, what: &str) -> Result<T, SyncError> {
    serde_json::from_str(body).map_err(|_| {
        SyncError::Stop(Stop::Refused(format!(
            "the server's answer to {what} could not be read"
        )))
    })
}

/// Checks the server (its root welcomes as CouchDB or PouchDB Server do) and the database (it exists and this
/// user may read it), then reads the server's checkpoint: the pull resumes from `local`
/// when both agree, and when the server has no checkpoint while this browser has one (a
/// server restored or replaced), every revision is offered to it again.
pub async fn connect<T: Transport>(
    t: &T,
    server: Server,
    replica: &mut Replica,
    replica_id: &str,
    local: Option<Checkpoint>,
    session_id: String,
) -> Result<Session, SyncError> {
    let root = check(
        &server,
        Asking::Root,
        t.send(request(Method::Get, format!("{}/", server.base()), None))
            .await,
    )?;
    // CouchDB and Cloudant say `{"couchdb":"Welcome",…}`; PouchDB Server, which speaks the
    // same protocol, `{"express-pouchdb":"Welcome!",…}`.
    let welcome: Option<Map<String, Value>> = serde_json::from_str(&root.body).ok();
    let speaks_couch = welcome.is_some_and(|w| {
        ["couchdb", "express-pouchdb"].iter().any(|k| {
            w.get(*k)
                .and_then(Value::as_str)
                .is_some_and(|v| v.starts_with("Welcome"))
        })
    });
    if !speaks_couch {
        return Err(SyncError::Stop(Stop::NotCouch(server.base().to_owned())));
    }
    check(
        &server,
        Asking::Database,
        t.send(request(Method::Get, server.db_url("/"), None)).await,
    )?;
    let id = replication_id(replica_id, &server);
    let answer = t
        .send(request(
            Method::Get,
            server.db_url(&format!("/_local/{id}")),
            None,
        ))
        .await;
    let remote = match answer {
        Ok(r) if r.status == 404 => None,
        other => {
            let r = check(&server, Asking::Other, other)?;
            let doc: Map<String, Value> = parse(&r.body, "the checkpoint")?;
            Some(doc)
        }
    };
    let remote_rev = remote
        .as_ref()
        .and_then(|d| d.get("_rev"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let remote_session = remote
        .as_ref()
        .and_then(|d| d.get("session_id"))
        .and_then(Value::as_str);
    let since = match (&local, remote_session) {
        (Some(l), Some(r)) if l.session_id == r => l.last_seq.clone(),
        _ => Value::from(0),
    };
    if remote.is_none() && local.is_some() {
        replica.resend_all();
    }
    Ok(Session {
        server,
        id,
        since,
        session_id,
        remote_rev,
        bulk_get: true,
    })
}

/// Creates the database (when the user asks, after [`Stop::NoDatabase`]).
pub async fn create_database<T: Transport>(t: &T, server: &Server) -> Result<(), SyncError> {
    let answer = t.send(request(Method::Put, server.db_url(""), None)).await;
    match answer {
        Ok(r) if r.status == 412 => Ok(()),
        other => check(server, Asking::Other, other).map(|_| ()),
    }
}

/// What one pull took in.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pulled {
    /// Records the local library must take (puts and deletions).
    pub records: Vec<SyncMessage>,
    /// Conflicts resolved.
    pub conflicts: Vec<Conflict>,
    /// Documents skipped.
    pub unreadable: Vec<Unreadable>,
    /// The sequence to checkpoint once the records and trees are saved.
    pub last_seq: Value,
    /// Changes the feed listed.
    pub changes: usize,
    /// Documents fetched.
    pub fetched: usize,
}

#[derive(Deserialize)]
struct Changes {
    #[serde(default)]
    results: Vec<Change>,
    last_seq: Value,
    #[serde(default)]
    pending: Option<u64>,
}

#[derive(Deserialize)]
struct Change {
    id: String,
    #[serde(default)]
    changes: Vec<ChangeRev>,
}

#[derive(Deserialize)]
struct ChangeRev {
    rev: String,
}

fn seq_param(seq: &Value) -> String {
    match seq {
        Value::String(s) => encode_component(s),
        other => encode_component(&other.to_string()),
    }
}

/// One batch of the `_changes` feed since the session's sequence (a long poll when `wait`),
/// the revisions this replica lacks fetched with `_bulk_get` (or, from a server without it,
/// one `GET ?revs=true&open_revs=…` per document) and taken in. `status` hears "Receiving N"
/// before the fetch.
pub async fn pull<T: Transport>(
    t: &T,
    session: &mut Session,
    replica: &mut Replica,
    wait: bool,
    status: &mut dyn FnMut(Status),
) -> Result<Pulled, SyncError> {
    let mut url = session.server.db_url(&format!(
        "/_changes?style=all_docs&limit={PULL_BATCH}&since={}",
        seq_param(&session.since)
    ));
    if wait {
        url.push_str(&format!("&feed=longpoll&timeout={LONG_POLL_MS}"));
    }
    let mut req = request(Method::Get, url, None);
    req.long_poll = wait;
    let r = check(&session.server, Asking::Other, t.send(req).await)?;
    let changes: Changes = parse(&r.body, "the changes feed")?;
    let mut wanted: Vec<(String, Rev)> = Vec::new();
    for change in &changes.results {
        if change.id.starts_with("_design/") {
            continue;
        }
        let revs: Vec<Rev> = change
            .changes
            .iter()
            .filter_map(|c| Rev::parse(&c.rev))
            .collect();
        for rev in replica.missing(&change.id, &revs) {
            wanted.push((change.id.clone(), rev));
        }
    }
    let mut pulled = Pulled {
        last_seq: changes.last_seq.clone(),
        changes: changes.results.len(),
        fetched: wanted.len(),
        ..Pulled::default()
    };
    if !wanted.is_empty() {
        status(Status::Receiving(
            wanted.len() + changes.pending.unwrap_or(0) as usize,
        ));
        for doc in fetch(t, session, &wanted).await? {
            match RemoteDoc::from_json(doc).and_then(|d| replica.receive(d)) {
                Ok(received) => {
                    pulled.records.extend(received.record);
                    pulled.conflicts.extend(received.conflict);
                }
                Err(e) => pulled.unreadable.push(e),
            }
        }
    }
    Ok(pulled)
}

/// The documents of `wanted`, with their revision histories.
async fn fetch<T: Transport>(
    t: &T,
    session: &mut Session,
    wanted: &[(String, Rev)],
) -> Result<Vec<Map<String, Value>>, SyncError> {
    let mut docs = Vec::new();
    if session.bulk_get {
        let body = json!({
            "docs": wanted.iter().map(|(id, rev)| json!({"id": id, "rev": rev.to_string()})).collect::<Vec<_>>()
        });
        let answer = t
            .send(request(
                Method::Post,
                session.server.db_url("/_bulk_get?revs=true"),
                Some(body),
            ))
            .await;
        match answer {
            Ok(r) if matches!(r.status, 400 | 404 | 405 | 501) => session.bulk_get = false,
            other => {
                let r = check(&session.server, Asking::Other, other)?;
                #[derive(Deserialize)]
                struct BulkGet {
                    results: Vec<BulkResult>,
                }
                #[derive(Deserialize)]
                struct BulkResult {
                    docs: Vec<Map<String, Value>>,
                }
                let got: BulkGet = parse(&r.body, "_bulk_get")?;
                for result in got.results {
                    for mut item in result.docs {
                        if let Some(Value::Object(doc)) = item.remove("ok") {
                            docs.push(doc);
                        }
                    }
                }
                return Ok(docs);
            }
        }
    }
    let mut by_doc: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (id, rev) in wanted {
        by_doc.entry(id).or_default().push(rev.to_string());
    }
    for (id, revs) in by_doc {
        let open = encode_component(&Value::from(revs).to_string());
        let url = session.server.db_url(&format!(
            "/{}?revs=true&open_revs={open}",
            encode_component(id)
        ));
        let r = check(
            &session.server,
            Asking::Other,
            t.send(request(Method::Get, url, None)).await,
        )?;
        let items: Vec<Map<String, Value>> = parse(&r.body, "a document")?;
        for mut item in items {
            if let Some(Value::Object(doc)) = item.remove("ok") {
                docs.push(doc);
            }
        }
    }
    Ok(docs)
}

/// `POST`s `body` to the database's `path` and checks the answer.
async fn post<T: Transport>(
    t: &T,
    session: &Session,
    path: &str,
    body: Value,
) -> Result<super::server::Response, SyncError> {
    let req = request(Method::Post, session.server.db_url(path), Some(body));
    check(&session.server, Asking::Other, t.send(req).await)
}

/// What one push did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pushed {
    /// Revisions the server took (or had).
    pub sent: usize,
    /// Documents the server refused, and why (kept here, offered again next time).
    pub refused: Vec<(String, String)>,
}

/// Sends every pending leaf the server lacks: `_revs_diff`, then `_bulk_docs` with
/// `new_edits: false`, in batches of [`PUSH_BATCH`]. `status` hears "Sending N".
pub async fn push<T: Transport>(
    t: &T,
    session: &Session,
    replica: &mut Replica,
    status: &mut dyn FnMut(Status),
) -> Result<Pushed, SyncError> {
    let pending = replica.pending();
    let mut pushed = Pushed::default();
    let total: usize = pending.iter().map(|(_, r)| r.len()).sum();
    let mut left = total;
    for chunk in pending.chunks(PUSH_BATCH) {
        status(Status::Sending(left));
        let diff: Map<String, Value> = chunk
            .iter()
            .map(|(id, revs)| {
                (
                    id.clone(),
                    Value::from(revs.iter().map(|r| r.to_string()).collect::<Vec<_>>()),
                )
            })
            .collect();
        let r = post(t, session, "/_revs_diff", Value::Object(diff)).await?;
        #[derive(Deserialize)]
        struct Missing {
            #[serde(default)]
            missing: Vec<String>,
        }
        let missing: BTreeMap<String, Missing> = parse(&r.body, "_revs_diff")?;
        let mut docs = Vec::new();
        let mut sending = Vec::new();
        for (id, revs) in chunk {
            for rev in revs {
                let lacks = missing
                    .get(id)
                    .is_some_and(|m| m.missing.iter().any(|x| *x == rev.to_string()));
                if lacks {
                    if let Some(doc) = replica.document(id, rev) {
                        docs.push(doc);
                        sending.push((id.clone(), rev.clone()));
                    }
                } else {
                    replica.sent(id, rev);
                    pushed.sent += 1;
                }
            }
        }
        if !docs.is_empty() {
            let body = json!({"docs": docs, "new_edits": false});
            let r = post(t, session, "/_bulk_docs", body).await?;
            let answers: Vec<Map<String, Value>> = parse(&r.body, "_bulk_docs")?;
            let mut refused: BTreeMap<String, String> = BTreeMap::new();
            for a in answers {
                if let (Some(id), Some(error)) = (
                    a.get("id").and_then(Value::as_str),
                    a.get("error").and_then(Value::as_str),
                ) {
                    let reason = a.get("reason").and_then(Value::as_str).unwrap_or(error);
                    refused.insert(id.to_owned(), reason.to_owned());
                }
            }
            for (id, rev) in sending {
                if refused.contains_key(&id) {
                    replica.refuse(&id, &rev);
                } else {
                    replica.sent(&id, &rev);
                    pushed.sent += 1;
                }
            }
            pushed.refused.extend(refused);
        }
        left = left.saturating_sub(chunk.iter().map(|(_, r)| r.len()).sum());
    }
    Ok(pushed)
}

/// Writes the checkpoint `last_seq` to the server's `_local` document (after the records
/// and trees it covers are saved here) and returns it, for this browser's copy.
pub async fn checkpoint<T: Transport>(
    t: &T,
    session: &mut Session,
    last_seq: Value,
) -> Result<Checkpoint, SyncError> {
    let url = session.server.db_url(&format!("/_local/{}", session.id));
    for _ in 0..2 {
        let mut doc = json!({
            "session_id": session.session_id,
            "last_seq": last_seq,
            "replicator": "article-annotator",
        });
        if let Some(rev) = &session.remote_rev {
            doc["_rev"] = Value::String(rev.clone());
        }
        let answer = t.send(request(Method::Put, url.clone(), Some(doc))).await;
        if let Ok(r) = &answer {
            if r.status == 409 {
                // Someone else wrote it (another tab of this browser): read its revision.
                let got = check(
                    &session.server,
                    Asking::Other,
                    t.send(request(Method::Get, url.clone(), None)).await,
                )?;
                let doc: Map<String, Value> = parse(&got.body, "the checkpoint")?;
                session.remote_rev = doc.get("_rev").and_then(Value::as_str).map(str::to_owned);
                continue;
            }
        }
        let r = check(&session.server, Asking::Other, answer)?;
        let ok: Map<String, Value> = parse(&r.body, "the checkpoint")?;
        session.remote_rev = ok.get("rev").and_then(Value::as_str).map(str::to_owned);
        session.since = last_seq.clone();
        return Ok(Checkpoint {
            session_id: session.session_id.clone(),
            last_seq,
        });
    }
    Err(SyncError::Retry(
        "the checkpoint kept changing on the server".into(),
    ))
}
