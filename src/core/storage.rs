//! The stored schema: what the app keeps in IndexedDB, independent of any browser API.
//!
//! The shell opens one database, [`DB_NAME`], with the object stores of [`STORES`], and moves
//! strings in and out of it; every decision about what a record looks like, which versions can
//! be read, what to write and which tab wins lives here.
//!
//! # Record layout (wire format)
//!
//! Each article and each annotation is its own record. A record is a JSON object, an envelope
//! whose `"v"` member is the schema version it was written with, next to the value's own
//! fields:
//!
//! ```json
//! // store "articles", key = the article id
//! { "v": 1, "id": "…uuid…", "title": "…", "source_url": "https://…", "published": "2017-03-22",
//!   "text": "…canonical text…", "added": "2025-11-27T21:40:59.123Z",
//!   "changed": "2025-11-27T21:40:59.123Z" }
//! // store "annotations", key = the annotation id; indexed on "article_id"
//! { "v": 1, "id": "…", "article_id": "…", "start": 4, "end": 7,
//!   "quote": { "exact": "…", "prefix": "…", "suffix": "…" },
//!   "created": "…", "modified": "…", "note": "", "tags": [],
//!   "kind": "claim", "claimant": "", "verdict": "unverified", "evidence": [],
//!   "anchoring": "anchored" }
//! // store "meta", key = a name such as "schema"
//! { "v": 1, "value": <any JSON> }
//! ```
//!
//! `source_url` and `published` are left out when absent; annotation fields are those of
//! [`Annotation`] (a quote has `speaker`, `checked` and `source` instead of the claim fields).
//! The encoders return the JSON text; the shell stores it as a JS object (`JSON.parse`), so
//! that IndexedDB can read the in-line key path `id` and the index key path `article_id`, and
//! gives it back as text (`JSON.stringify`).
//!
//! # Versions
//!
//! [`CURRENT_VERSION`] is 1, and there are no earlier versions. Adding version 2 means adding
//! one function to [`MIGRATIONS`] (it turns a version 1 record into a version 2 one) and one
//! fixture folder `tests/fixtures/storage/v2/`; every fixture of every version must still
//! decode (see the tests).
//!
//! # Records that cannot be read
//!
//! A record that cannot be read (corrupt, written by a newer version of the app, missing a
//! field) is skipped by [`load_records`] and reported in [`LoadResult::skipped`]. **The shell
//! must leave it in place**: it is data the user may still get back (with a newer app, or by
//! hand). No [`WritePlan`] made here ever puts or deletes a protected key (see [`Protected`]).
//!
//! Architecture invariant: nothing in this module knows of IndexedDB, `web-sys` or the clock.

use crate::core::model::{Annotation, Kind, Timestamp};
use crate::core::text::Article;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::rc::Rc;
use uuid::Uuid;

/// The name of the IndexedDB database.
pub const DB_NAME: &str = "article-annotator";

/// The IndexedDB database version: it changes only when stores or indexes change, not when
/// a record's layout does (that is [`CURRENT_VERSION`]).
pub const DB_VERSION: u32 = 1;

/// The name of the store of articles.
pub const ARTICLES: &str = "articles";
/// The name of the store of annotations.
pub const ANNOTATIONS: &str = "annotations";
/// The name of the store of settings and other single values.
pub const META: &str = "meta";
/// The name of the index of annotations by article id.
pub const ANNOTATIONS_BY_ARTICLE: &str = "by_article";
/// The key path of [`ANNOTATIONS_BY_ARTICLE`].
pub const ARTICLE_ID_PATH: &str = "article_id";
/// The key in [`META`] under which the shell records the schema version last written.
pub const META_SCHEMA_KEY: &str = "schema";

/// One object store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Store {
    /// Articles, keyed by article id.
    Articles,
    /// Annotations, keyed by annotation id, indexed by article id.
    Annotations,
    /// Settings and the schema version, keyed by name.
    Meta,
}

impl Store {
    /// The store's name in IndexedDB.
    pub fn name(self) -> &'static str {
        match self {
            Store::Articles => ARTICLES,
            Store::Annotations => ANNOTATIONS,
            Store::Meta => META,
        }
    }

    /// The store with that name, if there is one.
    pub fn from_name(name: &str) -> Option<Self> {
        [Store::Articles, Store::Annotations, Store::Meta]
            .into_iter()
            .find(|s| s.name() == name)
    }
}

impl fmt::Display for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How the shell creates one object store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoreSpec {
    /// The store.
    pub store: Store,
    /// The in-line key path, or `None` for keys given with each `put`.
    pub key_path: Option<&'static str>,
    /// Indexes as `(index name, key path)`.
    pub indexes: &'static [(&'static str, &'static str)],
}

/// The object stores of [`DB_NAME`] at [`DB_VERSION`].
pub const STORES: [StoreSpec; 3] = [
    StoreSpec {
        store: Store::Articles,
        key_path: Some("id"),
        indexes: &[],
    },
    StoreSpec {
        store: Store::Annotations,
        key_path: Some("id"),
        indexes: &[(ANNOTATIONS_BY_ARTICLE, ARTICLE_ID_PATH)],
    },
    StoreSpec {
        store: Store::Meta,
        key_path: None,
        indexes: &[],
    },
];

/// Why a record could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordError {
    /// The text is not JSON, not an object, or a field has the wrong form; serde's message.
    Corrupt(String),
    /// Written by a newer version of the app, with a schema this one does not know.
    NewerVersion {
        /// The record's version.
        found: u64,
        /// [`CURRENT_VERSION`].
        current: u32,
    },
    /// A version this app never wrote (0).
    UnknownVersion(u64),
    /// A required field is absent.
    MissingField(&'static str),
    /// The record's id is not the key it is stored under.
    KeyMismatch {
        /// The key it is stored under.
        key: String,
        /// The id inside the record.
        id: String,
    },
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordError::Corrupt(m) => write!(f, "The record is damaged: {m}."),
            RecordError::NewerVersion { found, current } => write!(
                f,
                "The record was written by a newer version of the app (schema {found}; this \
                 version reads up to {current})."
            ),
            RecordError::UnknownVersion(v) => {
                write!(f, "The record has an unknown schema version ({v}).")
            }
            RecordError::MissingField(name) => {
                write!(f, "The record has no “{name}” field.")
            }
            RecordError::KeyMismatch { key, id } => {
                write!(f, "The record stored under “{key}” has the id “{id}”.")
            }
        }
    }
}

impl std::error::Error for RecordError {}

/// One migration step: turns a record of the store given, at version `n`, into one at `n + 1`.
pub type Migration = fn(Store, Map<String, Value>) -> Result<Map<String, Value>, RecordError>;

/// `MIGRATIONS[i]` turns a version `i + 1` record into a version `i + 2` one. Empty: version 1
/// is the first schema.
pub const MIGRATIONS: &[Migration] = &[];

/// The schema version this app writes; every version from 1 up to it can be read.
pub const CURRENT_VERSION: u32 = MIGRATIONS.len() as u32 + 1;

/// Brings a record of `store` from version `from` to [`CURRENT_VERSION`], one step at a time,
/// and sets its `"v"` to match.
pub fn migrate(store: Store, value: Value, from: u64) -> Result<Value, RecordError> {
    if from > u64::from(CURRENT_VERSION) {
        return Err(RecordError::NewerVersion {
            found: from,
            current: CURRENT_VERSION,
        });
    }
    if from == 0 {
        return Err(RecordError::UnknownVersion(from));
    }
    let Value::Object(mut map) = value else {
        return Err(RecordError::Corrupt(
            "the record is not a JSON object".into(),
        ));
    };
    // `from` is in 1..=CURRENT_VERSION here, so the skip count fits.
    for (step, version) in MIGRATIONS.iter().skip((from - 1) as usize).zip(from + 1..) {
        map = step(store, map)?;
        map.insert("v".into(), Value::from(version));
    }
    Ok(Value::Object(map))
}

/// An article as stored, with when it was added and last changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredArticle {
    /// The article.
    #[serde(flatten)]
    pub article: Article,
    /// When it was added to the library.
    pub added: Timestamp,
    /// When its title, source or text last changed.
    pub changed: Timestamp,
}

const ARTICLE_FIELDS: &[&str] = &["id", "title", "text", "added", "changed"];
const ANNOTATION_FIELDS: &[&str] = &[
    "id",
    "article_id",
    "start",
    "end",
    "quote",
    "created",
    "modified",
    "kind",
];

/// Wraps `value`'s fields in a version envelope.
fn envelope<T: Serialize>(value: &T) -> String {
    let mut map = match serde_json::to_value(value) {
        Ok(Value::Object(map)) => map,
        // Every type stored here serialises to an object; keep a readable record regardless.
        Ok(other) => Map::from_iter([("value".to_owned(), other)]),
        Err(_) => Map::new(),
    };
    map.insert("v".into(), Value::from(CURRENT_VERSION));
    Value::Object(map).to_string()
}

/// Parses a record, checks its version and fields, and migrates it to the current version.
fn open_envelope(store: Store, raw: &str, required: &[&'static str]) -> Result<Value, RecordError> {
    let value: Value =
        serde_json::from_str(raw).map_err(|e| RecordError::Corrupt(e.to_string()))?;
    let Value::Object(map) = &value else {
        return Err(RecordError::Corrupt(
            "the record is not a JSON object".into(),
        ));
    };
    let version = match map.get("v") {
        None => return Err(RecordError::MissingField("v")),
        Some(v) => v
            .as_u64()
            .ok_or_else(|| RecordError::Corrupt(format!("the version {v} is not a number")))?,
    };
    let mut value = migrate(store, value, version)?;
    if let Value::Object(map) = &mut value {
        if let Some(name) = required.iter().find(|f| !map.contains_key(**f)) {
            return Err(RecordError::MissingField(name));
        }
        map.remove("v");
    }
    Ok(value)
}

/// The record of an article.
pub fn encode_article(article: &StoredArticle) -> String {
    envelope(article)
}

/// The record of an annotation.
pub fn encode_annotation(annotation: &Annotation) -> String {
    envelope(annotation)
}

/// Reads an article record of any version up to [`CURRENT_VERSION`].
pub fn decode_article(raw: &str) -> Result<StoredArticle, RecordError> {
    let value = open_envelope(Store::Articles, raw, ARTICLE_FIELDS)?;
    serde_json::from_value(value).map_err(|e| RecordError::Corrupt(e.to_string()))
}

/// Reads an annotation record of any version up to [`CURRENT_VERSION`].
pub fn decode_annotation(raw: &str) -> Result<Annotation, RecordError> {
    let value = open_envelope(Store::Annotations, raw, ANNOTATION_FIELDS)?;
    serde_json::from_value(value).map_err(|e| RecordError::Corrupt(e.to_string()))
}

/// The record of a value in [`META`].
pub fn encode_meta(value: &Value) -> String {
    let mut map = Map::new();
    map.insert("v".into(), Value::from(CURRENT_VERSION));
    map.insert("value".into(), value.clone());
    Value::Object(map).to_string()
}

/// Reads a record of [`META`].
pub fn decode_meta(raw: &str) -> Result<Value, RecordError> {
    let value = open_envelope(Store::Meta, raw, &["value"])?;
    match value {
        Value::Object(mut map) => Ok(map.remove("value").unwrap_or(Value::Null)),
        _ => Err(RecordError::Corrupt(
            "the record is not a JSON object".into(),
        )),
    }
}

/// One record as read from IndexedDB.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRecord {
    /// The store it was read from.
    pub store: Store,
    /// Its key.
    pub key: String,
    /// Its JSON text.
    pub json: String,
}

/// A record that [`load_records`] could not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedRecord {
    /// The store it is in.
    pub store: Store,
    /// Its key.
    pub key: String,
    /// Why it was skipped.
    pub reason: RecordError,
}

impl fmt::Display for SkippedRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "The {} record “{}” was not loaded and is kept as it is. {}",
            match self.store {
                Store::Articles => "article",
                Store::Annotations => "annotation",
                Store::Meta => "settings",
            },
            self.key,
            self.reason
        )
    }
}

/// The stored library: every article and annotation that could be read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Library {
    /// Articles by id.
    pub articles: BTreeMap<Uuid, StoredArticle>,
    /// Annotations by id (including any whose article is missing: they are kept, not dropped).
    /// Shared (`Rc`), so that a copy of the library, made on every change, is cheap.
    pub annotations: BTreeMap<Uuid, Rc<Annotation>>,
}

/// Keys that must never be written or deleted: those of records that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Protected(BTreeSet<(Store, String)>);

impl Protected {
    /// Whether the record under `key` in `store` is protected.
    pub fn contains(&self, store: Store, key: &str) -> bool {
        self.0.contains(&(store, key.to_owned()))
    }

    /// How many keys are protected.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no key is protected.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// What [`load_records`] found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LoadResult {
    /// The records that could be read.
    pub library: Library,
    /// Values of [`META`] by key.
    pub meta: BTreeMap<String, Value>,
    /// The records that could not be read; the shell must leave them in place.
    pub skipped: Vec<SkippedRecord>,
}

impl LoadResult {
    /// The keys of the skipped records, which no write plan may touch.
    pub fn protected(&self) -> Protected {
        Protected(
            self.skipped
                .iter()
                .map(|s| (s.store, s.key.clone()))
                .collect(),
        )
    }
}

/// Checks that a record's id is the key it is stored under.
fn check_key(key: &str, id: Uuid) -> Result<(), RecordError> {
    if Uuid::parse_str(key).ok() == Some(id) {
        Ok(())
    } else {
        Err(RecordError::KeyMismatch {
            key: key.to_owned(),
            id: id.to_string(),
        })
    }
}

/// Reads every record; those that cannot be read are skipped with the reason, never dropped
/// silently and never proposed for deletion.
pub fn load_records(raw: Vec<RawRecord>) -> LoadResult {
    let mut out = LoadResult::default();
    for RawRecord { store, key, json } in raw {
        let result = match store {
            Store::Articles => decode_article(&json).and_then(|a| {
                check_key(&key, a.article.id)?;
                out.library.articles.insert(a.article.id, a);
                Ok(())
            }),
            Store::Annotations => decode_annotation(&json).and_then(|a| {
                check_key(&key, a.id)?;
                out.library.annotations.insert(a.id, Rc::new(a));
                Ok(())
            }),
            Store::Meta => decode_meta(&json).map(|v| {
                out.meta.insert(key.clone(), v);
            }),
        };
        if let Err(reason) = result {
            out.skipped.push(SkippedRecord { store, key, reason });
        }
    }
    out
}

/// What to write to IndexedDB, in one transaction.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WritePlan {
    /// Records to put, as `(store, key, JSON text)`.
    pub puts: Vec<(Store, String, String)>,
    /// Records to delete, as `(store, key)`.
    pub deletes: Vec<(Store, String)>,
}

impl WritePlan {
    /// Whether there is nothing to write.
    pub fn is_empty(&self) -> bool {
        self.puts.is_empty() && self.deletes.is_empty()
    }
}

/// What a reducer changed: ids of articles and annotations that were added or changed, and
/// of those that were removed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChangeSet {
    /// Articles added or changed.
    pub articles_changed: BTreeSet<Uuid>,
    /// Articles removed.
    pub articles_removed: BTreeSet<Uuid>,
    /// Annotations added or changed.
    pub annotations_changed: BTreeSet<Uuid>,
    /// Annotations removed.
    pub annotations_removed: BTreeSet<Uuid>,
}

/// The changes between two states of the library: what differs, and nothing else.
pub fn diff(prev: &Library, next: &Library) -> ChangeSet {
    fn sides<V: PartialEq>(
        prev: &BTreeMap<Uuid, V>,
        next: &BTreeMap<Uuid, V>,
    ) -> (BTreeSet<Uuid>, BTreeSet<Uuid>) {
        let changed = next
            .iter()
            .filter(|(id, v)| prev.get(*id) != Some(*v))
            .map(|(id, _)| *id)
            .collect();
        let removed = prev
            .keys()
            .filter(|id| !next.contains_key(*id))
            .copied()
            .collect();
        (changed, removed)
    }
    let (articles_changed, articles_removed) = sides(&prev.articles, &next.articles);
    let (annotations_changed, annotations_removed) = sides(&prev.annotations, &next.annotations);
    ChangeSet {
        articles_changed,
        articles_removed,
        annotations_changed,
        annotations_removed,
    }
}

/// The writes that carry out `changes` on `next` (the state after them). An id reported as
/// changed but absent from `next` is deleted; protected keys are left out.
pub fn plan_changes(next: &Library, changes: &ChangeSet, protected: &Protected) -> WritePlan {
    let mut plan = WritePlan::default();
    let mut add = |store: Store, id: &Uuid, record: Option<String>| {
        let key = id.to_string();
        if protected.contains(store, &key) {
            return;
        }
        match record {
            Some(json) => plan.puts.push((store, key, json)),
            None => plan.deletes.push((store, key)),
        }
    };
    for id in &changes.articles_changed {
        add(
            Store::Articles,
            id,
            next.articles.get(id).map(encode_article),
        );
    }
    for id in &changes.annotations_changed {
        add(
            Store::Annotations,
            id,
            next.annotations.get(id).map(|a| encode_annotation(a)),
        );
    }
    for id in &changes.articles_removed {
        add(Store::Articles, id, None);
    }
    for id in &changes.annotations_removed {
        add(Store::Annotations, id, None);
    }
    plan
}

/// The writes that turn `prev` into `next`, touching only what changed.
pub fn plan_writes(prev: &Library, next: &Library, protected: &Protected) -> WritePlan {
    plan_changes(next, &diff(prev, next), protected)
}

/// One queued write.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Op {
    Put(String),
    Delete,
}

/// Writes waiting to reach IndexedDB, one per key: a later change to a key replaces an
/// earlier one. The shell [`take`](PendingWrites::take)s them to flush, and on failure
/// [`put_back`](PendingWrites::put_back)s them, so a change stays in memory until written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PendingWrites {
    ops: BTreeMap<(Store, String), Op>,
}

impl PendingWrites {
    /// An empty queue.
    pub fn new() -> Self {
        Self::default()
    }

    /// Queues a plan; for each key the plan's write replaces any queued one.
    pub fn push(&mut self, plan: WritePlan) {
        for (store, key, json) in plan.puts {
            self.ops.insert((store, key), Op::Put(json));
        }
        for (store, key) in plan.deletes {
            self.ops.insert((store, key), Op::Delete);
        }
    }

    /// Takes every queued write, leaving the queue empty, for the shell to flush.
    pub fn take(&mut self) -> WritePlan {
        let mut plan = WritePlan::default();
        for ((store, key), op) in std::mem::take(&mut self.ops) {
            match op {
                Op::Put(json) => plan.puts.push((store, key, json)),
                Op::Delete => plan.deletes.push((store, key)),
            }
        }
        plan
    }

    /// Puts back a plan whose flush failed, to retry later. A key queued again since the
    /// plan was taken keeps its newer write.
    pub fn put_back(&mut self, plan: WritePlan) {
        for (store, key, json) in plan.puts {
            self.ops.entry((store, key)).or_insert(Op::Put(json));
        }
        for (store, key) in plan.deletes {
            self.ops.entry((store, key)).or_insert(Op::Delete);
        }
    }

    /// How many keys have a queued write.
    pub fn len(&self) -> usize {
        self.ops.len()
    }

    /// Whether nothing waits to be written.
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }
}

/// Which copy of a record to keep when two tabs changed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Winner {
    /// Keep this tab's copy.
    Local,
    /// Take the other tab's copy.
    Remote,
}

/// Picks between two whole copies of one record: the later change wins; on a tie the copy
/// whose record text sorts last wins, so both tabs pick the same one. Fields are never mixed,
/// so the result is always one complete, valid record.
fn pick(local: (Timestamp, String), remote: (Timestamp, String)) -> Winner {
    if remote > local {
        Winner::Remote
    } else {
        Winner::Local
    }
}

/// Which of two copies of an annotation to keep (see the rule on [`Winner`]'s variants): the
/// later `modified` wins, ties are broken by the records' text.
pub fn merge_annotation(local: &Annotation, remote: &Annotation) -> Winner {
    pick(
        (local.modified, encode_annotation(local)),
        (remote.modified, encode_annotation(remote)),
    )
}

/// Which of two copies of an article to keep: the later `changed` wins, ties are broken by
/// the records' text.
pub fn merge_article(local: &StoredArticle, remote: &StoredArticle) -> Winner {
    pick(
        (local.changed, encode_article(local)),
        (remote.changed, encode_article(remote)),
    )
}

/// A message between tabs on a `BroadcastChannel` named [`DB_NAME`], sent after a write.
///
/// Wire format: `{"type":"changed","store":"annotations","key":"…","record":"…record JSON…"}`
/// or `{"type":"deleted","store":"articles","key":"…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum SyncMessage {
    /// A record was put; `record` is its JSON text as stored.
    Changed {
        /// The store.
        store: Store,
        /// The key.
        key: String,
        /// The record.
        record: String,
    },
    /// A record was deleted.
    Deleted {
        /// The store.
        store: Store,
        /// The key.
        key: String,
    },
}

/// The text of a sync message.
pub fn encode_sync(message: &SyncMessage) -> String {
    serde_json::to_string(message).unwrap_or_default()
}

/// Reads a sync message.
pub fn decode_sync(raw: &str) -> Result<SyncMessage, RecordError> {
    serde_json::from_str(raw).map_err(|e| RecordError::Corrupt(e.to_string()))
}

/// The messages to broadcast after a plan was written.
pub fn sync_messages(plan: &WritePlan) -> Vec<SyncMessage> {
    let puts = plan
        .puts
        .iter()
        .map(|(store, key, json)| SyncMessage::Changed {
            store: *store,
            key: key.clone(),
            record: json.clone(),
        });
    let deletes = plan
        .deletes
        .iter()
        .map(|(store, key)| SyncMessage::Deleted {
            store: *store,
            key: key.clone(),
        });
    puts.chain(deletes).collect()
}

/// What applying a message from another tab did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applied {
    /// The library changed.
    Updated,
    /// This tab's copy was kept (it is newer, or the message concerned nothing here).
    Kept,
    /// The message or its record could not be read; nothing changed.
    Ignored(RecordError),
}

/// Applies another tab's message to this tab's library. A changed record replaces this tab's
/// copy only if it wins by [`merge_annotation`]/[`merge_article`]; a deletion always applies,
/// since the other tab has already deleted the record from the database. Nothing is written:
/// the other tab has done that.
pub fn apply_sync(library: &mut Library, message: &SyncMessage) -> Applied {
    match message {
        SyncMessage::Changed { store, key, record } => match store {
            Store::Articles => match decode_article(record).and_then(|a| {
                check_key(key, a.article.id)?;
                Ok(a)
            }) {
                Err(e) => Applied::Ignored(e),
                Ok(remote) => match library.articles.get(&remote.article.id) {
                    Some(local) if merge_article(local, &remote) == Winner::Local => Applied::Kept,
                    _ => {
                        library.articles.insert(remote.article.id, remote);
                        Applied::Updated
                    }
                },
            },
            Store::Annotations => match decode_annotation(record).and_then(|a| {
                check_key(key, a.id)?;
                Ok(a)
            }) {
                Err(e) => Applied::Ignored(e),
                Ok(remote) => match library.annotations.get(&remote.id) {
                    Some(local) if merge_annotation(local, &remote) == Winner::Local => {
                        Applied::Kept
                    }
                    _ => {
                        library.annotations.insert(remote.id, Rc::new(remote));
                        Applied::Updated
                    }
                },
            },
            Store::Meta => Applied::Kept,
        },
        SyncMessage::Deleted { store, key } => {
            let Ok(id) = Uuid::parse_str(key) else {
                return Applied::Kept;
            };
            let removed = match store {
                Store::Articles => library.articles.remove(&id).is_some(),
                Store::Annotations => library.annotations.remove(&id).is_some(),
                Store::Meta => false,
            };
            if removed {
                Applied::Updated
            } else {
                Applied::Kept
            }
        }
    }
}

/// One line of the library list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryEntry {
    /// The article id.
    pub id: Uuid,
    /// Its title.
    pub title: String,
    /// Its source URL, if any.
    pub source: Option<String>,
    /// When it was added.
    pub added: Timestamp,
    /// The last change to the article or to any of its annotations.
    pub changed: Timestamp,
    /// How many claims it has.
    pub claims: usize,
    /// How many quotes it has.
    pub quotes: usize,
}

/// The library list: one entry per article, the most recently changed first (ties by title,
/// then id, so the order is stable).
pub fn library_entries(library: &Library) -> Vec<LibraryEntry> {
    let mut entries: BTreeMap<Uuid, LibraryEntry> = library
        .articles
        .values()
        .map(|s| {
            let entry = LibraryEntry {
                id: s.article.id,
                title: s.article.title.clone(),
                source: s.article.source_url.clone(),
                added: s.added,
                changed: s.changed,
                claims: 0,
                quotes: 0,
            };
            (s.article.id, entry)
        })
        .collect();
    for a in library.annotations.values() {
        if let Some(e) = entries.get_mut(&a.article_id) {
            match a.kind() {
                Kind::Claim => e.claims += 1,
                Kind::Quote => e.quotes += 1,
            }
            e.changed = e.changed.max(a.modified);
        }
    }
    let mut out: Vec<LibraryEntry> = entries.into_values().collect();
    out.sort_by(|a, b| {
        b.changed
            .cmp(&a.changed)
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.id.cmp(&b.id))
    });
    out
}

#[cfg(test)]
mod tests;

/// The `localStorage` key of the journal: writes that were still pending when the page was
/// hidden or closed (IndexedDB may abort a transaction started while the page unloads, while
/// `localStorage` writes synchronously).
pub const JOURNAL_KEY: &str = "article-annotator-journal";

/// The journal's text for the pending writes `plan`.
pub fn encode_journal(plan: &WritePlan) -> String {
    serde_json::to_string(&sync_messages(plan)).unwrap_or_default()
}

/// Replays a journal onto the library just loaded: each record that wins by the merge rules
/// (a newer record already stored, e.g. by another tab, is kept) is applied to `library` and
/// planned as a write; protected keys are never touched. A journal that cannot be read is
/// reported and replays nothing.
pub fn replay_journal(
    library: &mut Library,
    journal: &str,
    protected: &Protected,
) -> Result<WritePlan, RecordError> {
    let messages: Vec<SyncMessage> =
        serde_json::from_str(journal).map_err(|e| RecordError::Corrupt(e.to_string()))?;
    let mut plan = WritePlan::default();
    for m in messages {
        let (store, key) = match &m {
            SyncMessage::Changed { store, key, .. } | SyncMessage::Deleted { store, key } => {
                (*store, key.clone())
            }
        };
        if protected.contains(store, &key) {
            continue;
        }
        match (&m, store) {
            (SyncMessage::Changed { record, .. }, Store::Meta) => {
                plan.puts.push((store, key, record.clone()));
            }
            (SyncMessage::Deleted { .. }, Store::Meta) => plan.deletes.push((store, key)),
            _ => {
                if apply_sync(library, &m) == Applied::Updated {
                    match m {
                        SyncMessage::Changed { record, .. } => plan.puts.push((store, key, record)),
                        SyncMessage::Deleted { .. } => plan.deletes.push((store, key)),
                    }
                }
            }
        }
    }
    Ok(plan)
}

#[cfg(test)]
mod journal_tests {
    use super::*;
    use crate::core::model::Kind;

    #[test]
    fn a_journal_replays_what_wins_and_keeps_what_is_newer() {
        let article = Article::new(Uuid::from_u128(1), "A", None, "one two three");
        let mk = |n: u128, t: i64| {
            Annotation::new(
                Uuid::from_u128(n),
                article.id,
                Kind::Claim,
                &article.text,
                0,
                3,
                Timestamp(t),
            )
        };
        // Stored: annotation 10 at t=50 (newer than the journal's), annotation 12 to delete.
        let mut lib = Library::default();
        lib.annotations
            .insert(Uuid::from_u128(10), Rc::new(mk(10, 50)));
        lib.annotations
            .insert(Uuid::from_u128(12), Rc::new(mk(12, 5)));
        let pending = WritePlan {
            puts: vec![
                (
                    Store::Annotations,
                    Uuid::from_u128(10).to_string(),
                    encode_annotation(&mk(10, 20)),
                ),
                (
                    Store::Annotations,
                    Uuid::from_u128(11).to_string(),
                    encode_annotation(&mk(11, 20)),
                ),
                (
                    Store::Meta,
                    "settings".into(),
                    encode_meta(&serde_json::json!({"organisation": "X"})),
                ),
            ],
            deletes: vec![(Store::Annotations, Uuid::from_u128(12).to_string())],
        };
        let journal = encode_journal(&pending);
        let plan = replay_journal(&mut lib, &journal, &Protected::default()).unwrap();
        assert_eq!(
            lib.annotations[&Uuid::from_u128(10)].modified,
            Timestamp(50),
            "newer kept"
        );
        assert!(lib.annotations.contains_key(&Uuid::from_u128(11)));
        assert!(!lib.annotations.contains_key(&Uuid::from_u128(12)));
        assert_eq!(plan.puts.len(), 2, "annotation 11 and the settings");
        assert_eq!(plan.deletes.len(), 1);
        assert!(replay_journal(&mut lib, "not json", &Protected::default()).is_err());
    }
}
