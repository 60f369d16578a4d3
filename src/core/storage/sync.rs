//! Two tabs: which copy of a record wins, and the messages tabs send each other after a write.
//!
//! # Wire format
//!
//! After a write a tab posts [`SyncBatch`]es, each the text
//! `{"type":"batch","v":1,"records":[…]}` whose `records` are [`SyncMessage`] objects (one per
//! record written, see its wire format). One write is one batch, unless it holds more than
//! [`SYNC_BATCH_MAX_RECORDS`] records or [`SYNC_BATCH_MAX_BYTES`] bytes of encoded records;
//! then it is split into as few batches as those bounds allow ([`sync_batches`]). So an import
//! of 1,500 annotations is two messages, not 1,500, and the other tab applies each batch in one
//! pass and renders once per batch ([`apply_sync_batch`]).
//!
//! `"v"` is [`SYNC_VERSION`]; a batch of a newer version is refused with
//! [`RecordError::NewerVersion`] (a tab running an older app while a newer one writes). A
//! single-record message as earlier versions of the app sent it (`{"type":"changed",…}`) is
//! still read, as a batch of one ([`decode_sync_batch`]).

use super::codec::{
    check_key, decode_annotation, decode_article, encode_annotation, encode_article, RecordError,
    StoredArticle,
};
use super::load::StoredLibrary;
use super::plan::WritePlan;
use super::schema::Store;
use crate::core::model::{Annotation, Timestamp};
use crate::core::sort::SortedSet;
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use uuid::Uuid;

#[cfg(doc)]
use super::schema::DB_NAME;

/// Which copy of a record to keep when two tabs changed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Winner {
    /// Keep this tab's copy.
    Local,
    /// Take the other tab's copy.
    Remote,
}

/// Picks between two whole copies of one record: the later change wins; on a tie the copy
/// whose record text (`text` of each copy, computed only on a tie) sorts last wins, so both
/// tabs pick the same one. Fields are never mixed, so the result is always one complete,
/// valid record.
fn pick<T>(local: (Timestamp, &T), remote: (Timestamp, &T), text: fn(&T) -> String) -> Winner {
    let remote_wins = match remote.0.cmp(&local.0) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => text(remote.1) > text(local.1),
    };
    if remote_wins {
        Winner::Remote
    } else {
        Winner::Local
    }
}

/// Which of two copies of an annotation to keep (see the rule on [`Winner`]'s variants): the
/// later `modified` wins, ties are broken by the records' text.
pub fn merge_annotation(local: &Annotation, remote: &Annotation) -> Winner {
    pick(
        (local.modified, local),
        (remote.modified, remote),
        encode_annotation,
    )
}

/// Which of two copies of an article to keep: the later `changed` wins, ties are broken by
/// the records' text.
pub fn merge_article(local: &StoredArticle, remote: &StoredArticle) -> Winner {
    pick(
        (local.changed, local),
        (remote.changed, remote),
        encode_article,
    )
}

/// One record written, as a [`SyncBatch`] carries it to other tabs and as a journal keeps it.
/// Earlier versions of the app posted each one on its own on the `BroadcastChannel` named
/// [`DB_NAME`]; such a message is still read (see [`decode_sync_batch`]).
///
/// Wire format: `{"type":"changed","store":"annotations","key":"…","record":"…record JSON…"}`
/// or `{"type":"deleted","store":"articles","key":"…"}`.
///
/// `Deserialize` is written by hand below: serde's derive for an internally tagged enum buffers
/// the whole message before it reads the tag, and that code was 6 KB of the page's wasm
/// (issue 11).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

impl<'de> Deserialize<'de> for SyncMessage {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        /// Either variant's fields, read as one flat object.
        #[derive(Deserialize)]
        struct Wire {
            #[serde(rename = "type")]
            kind: String,
            store: Store,
            key: String,
            record: Option<String>,
        }
        let Wire {
            kind,
            store,
            key,
            record,
        } = Wire::deserialize(d)?;
        match (kind.as_str(), record) {
            ("changed", Some(record)) => Ok(SyncMessage::Changed { store, key, record }),
            ("changed", None) => Err(D::Error::missing_field("record")),
            ("deleted", _) => Ok(SyncMessage::Deleted { store, key }),
            (other, _) => Err(D::Error::unknown_variant(other, &["changed", "deleted"])),
        }
    }
}

impl SyncMessage {
    /// The store and key of the record the message is about.
    pub fn key(&self) -> (Store, &str) {
        match self {
            SyncMessage::Changed { store, key, .. } | SyncMessage::Deleted { store, key } => {
                (*store, key)
            }
        }
    }

    /// The id of the annotation the message is about, if it is about one.
    pub fn annotation_id(&self) -> Option<Uuid> {
        match self.key() {
            (Store::Annotations, key) => Uuid::parse_str(key).ok(),
            _ => None,
        }
    }
}

/// The text of a sync message.
pub fn encode_sync(message: &SyncMessage) -> String {
    crate::core::json::to_text(message).unwrap_or_default()
}

/// Reads a sync message.
pub fn decode_sync(raw: &str) -> Result<SyncMessage, RecordError> {
    crate::core::json::from_text(raw).map_err(|e| RecordError::Corrupt(e.to_string()))
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

/// The version of the [`SyncBatch`] wire format this app writes; a batch of a later version
/// is refused.
pub const SYNC_VERSION: u32 = 1;

/// The most records one [`SyncBatch`] holds, so that the tab receiving it applies and renders
/// at most this many records in one task.
pub const SYNC_BATCH_MAX_RECORDS: usize = 1_000;

/// The most bytes of encoded records one [`SyncBatch`] holds (a single record larger than this,
/// such as a very long article, travels alone in a batch of its own).
pub const SYNC_BATCH_MAX_BYTES: usize = 1 << 20;

/// The records of one write, sent to other tabs in one message on the `BroadcastChannel` named
/// [`DB_NAME`] (see the module's wire format).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncBatch {
    /// The records, in the order they are applied.
    pub records: Vec<SyncMessage>,
}

impl From<SyncMessage> for SyncBatch {
    fn from(message: SyncMessage) -> Self {
        SyncBatch {
            records: vec![message],
        }
    }
}

/// The batch as written.
#[derive(Serialize)]
struct BatchOut<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    v: u32,
    records: &'a [SyncMessage],
}

/// The records of a batch, read once its version is known.
#[derive(Deserialize)]
struct BatchIn {
    records: Vec<SyncMessage>,
}

/// The text of a batch.
pub fn encode_sync_batch(batch: &SyncBatch) -> String {
    crate::core::json::to_text(&BatchOut {
        kind: "batch",
        v: SYNC_VERSION,
        records: &batch.records,
    })
    .unwrap_or_default()
}

/// Reads a message from another tab: a batch of [`SYNC_VERSION`] or earlier, or a single
/// record as earlier versions of the app sent it (a batch of one). A batch of a newer version
/// is [`RecordError::NewerVersion`]; anything else that is not a message is
/// [`RecordError::Corrupt`].
pub fn decode_sync_batch(raw: &str) -> Result<SyncBatch, RecordError> {
    let corrupt = |e: serde_json::Error| RecordError::Corrupt(e.to_string());
    // Read once; the header and then the records are taken from the same tree.
    let value: serde_json::Value = serde_json::from_str(raw).map_err(corrupt)?;
    if value.get("type").and_then(serde_json::Value::as_str) != Some("batch") {
        return serde_json::from_value::<SyncMessage>(value)
            .map(SyncBatch::from)
            .map_err(corrupt);
    }
    let version = match value.get("v").filter(|v| !v.is_null()) {
        None => return Err(RecordError::MissingField("v")),
        Some(v) => v
            .as_u64()
            .ok_or_else(|| RecordError::Corrupt(format!("the version {v} is not a number")))?,
    };
    if version == 0 {
        return Err(RecordError::UnknownVersion(version));
    }
    if version > u64::from(SYNC_VERSION) {
        return Err(RecordError::NewerVersion {
            found: version,
            current: SYNC_VERSION,
        });
    }
    let batch: BatchIn = serde_json::from_value(value).map_err(corrupt)?;
    Ok(SyncBatch {
        records: batch.records,
    })
}

/// The batches to broadcast after `plan` was written: its records in order (puts, then
/// deletions), as few batches as [`SYNC_BATCH_MAX_RECORDS`] and [`SYNC_BATCH_MAX_BYTES`] allow.
/// An empty plan sends nothing.
pub fn sync_batches(plan: &WritePlan) -> Vec<SyncBatch> {
    sync_batches_within(plan, SYNC_BATCH_MAX_RECORDS, SYNC_BATCH_MAX_BYTES)
}

/// [`sync_batches`] with other bounds: at most `max_records` records and `max_bytes` bytes of
/// encoded records per batch (a larger single record travels alone).
pub fn sync_batches_within(
    plan: &WritePlan,
    max_records: usize,
    max_bytes: usize,
) -> Vec<SyncBatch> {
    sync_batches_sized(plan, |_| (max_records, max_bytes))
}

/// [`sync_batches`] where batch `i` (from 0) holds at most `bounds(i)` = (records, bytes of
/// encoded records); a larger single record travels alone.
pub fn sync_batches_sized(
    plan: &WritePlan,
    bounds: impl Fn(usize) -> (usize, usize),
) -> Vec<SyncBatch> {
    let mut batches = Vec::new();
    let mut current = SyncBatch::default();
    let mut bytes = 0;
    for message in sync_messages(plan) {
        let size = encode_sync(&message).len();
        let (max_records, max_bytes) = bounds(batches.len());
        let full = current.records.len() >= max_records || bytes + size > max_bytes;
        if full && !current.records.is_empty() {
            batches.push(std::mem::take(&mut current));
            bytes = 0;
        }
        bytes += size;
        current.records.push(message);
    }
    if !current.records.is_empty() {
        batches.push(current);
    }
    batches
}

/// What applying a batch from another tab did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BatchApplied {
    /// Records that replaced or removed this tab's copy.
    pub updated: usize,
    /// Records for which this tab's copy was kept.
    pub kept: usize,
    /// Why each record that could not be read was ignored (nothing changed for it).
    pub ignored: Vec<RecordError>,
    /// The articles whose record, or one of whose annotations, was updated.
    pub articles: SortedSet<Uuid>,
    /// The records updated, for a caller that must save them (records from a sync server).
    pub changes: super::plan::ChangeSet,
}

impl BatchApplied {
    /// Whether the library changed.
    pub fn changed(&self) -> bool {
        self.updated > 0
    }
}

/// Applies another tab's batch to this tab's library in one pass: each record by
/// [`apply_sync`], which looks its id up in the library's maps, so `n` records cost `n`
/// lookups whatever the size of the library. Records that cannot be read are reported in
/// [`BatchApplied::ignored`]; every other record still applies.
pub fn apply_sync_batch(library: &mut StoredLibrary, batch: &SyncBatch) -> BatchApplied {
    apply_batch(library, batch, None)
}

/// Applies a batch of records this tab's own worker has just written to the database (an
/// import it carried out, computed from `base`, this tab's library when the job started).
/// A record replaces this tab's copy whatever the merge rule would say, since the database
/// now holds it and it was computed from this tab's own copy, unless this tab's copy changed
/// since `base` (an edit made while the job ran): that copy is kept, and its queued write
/// will put it over the worker's. Records that cannot be read are reported as by
/// [`apply_sync_batch`].
pub fn apply_written_batch(
    library: &mut StoredLibrary,
    base: &StoredLibrary,
    batch: &SyncBatch,
) -> BatchApplied {
    apply_batch(library, batch, Some(base))
}

/// Whether the record `key` of `store` is the same in `library` as in `base`.
pub fn unchanged_since(
    library: &StoredLibrary,
    base: &StoredLibrary,
    store: Store,
    key: &str,
) -> bool {
    let Ok(id) = Uuid::parse_str(key) else {
        return true;
    };
    match store {
        Store::Articles => library.articles.get(&id) == base.articles.get(&id),
        Store::Annotations => match (library.annotations.get(&id), base.annotations.get(&id)) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b) || a == b,
            (a, b) => a.is_none() && b.is_none(),
        },
        Store::Meta => true,
    }
}

/// The writes that put this tab's copy back over records of `batch` (written by this tab's
/// worker from `base`) that changed on this tab since `base`: [`apply_written_batch`] keeps
/// those copies, and the database must end up holding them too.
pub fn rewrite_changed_since(
    library: &StoredLibrary,
    base: &StoredLibrary,
    batch: &SyncBatch,
) -> WritePlan {
    let mut plan = WritePlan::default();
    for message in &batch.records {
        let (store, key) = message.key();
        if unchanged_since(library, base, store, key) {
            continue;
        }
        let Ok(id) = Uuid::parse_str(key) else {
            continue;
        };
        let current = match store {
            Store::Articles => library.articles.get(&id).map(encode_article),
            Store::Annotations => library.annotations.get(&id).map(|a| encode_annotation(a)),
            Store::Meta => continue,
        };
        match current {
            Some(json) => plan.puts.push((store, key.to_owned(), json)),
            None => plan.deletes.push((store, key.to_owned())),
        }
    }
    plan
}

fn apply_batch(
    library: &mut StoredLibrary,
    batch: &SyncBatch,
    written_from: Option<&StoredLibrary>,
) -> BatchApplied {
    let mut applied = BatchApplied::default();
    for message in &batch.records {
        // An annotation's article before and after the record applies: an annotation that
        // moved, or was deleted, touches the article it left.
        let annotation_article = |library: &StoredLibrary| {
            message
                .annotation_id()
                .and_then(|id| library.annotations.get(&id))
                .map(|a| a.article_id)
        };
        let before = annotation_article(library);
        let outcome = match written_from {
            None => apply_one(library, message, false),
            Some(base) => {
                let (store, key) = message.key();
                if unchanged_since(library, base, store, key) {
                    apply_one(library, message, true)
                } else {
                    Applied::Kept
                }
            }
        };
        match outcome {
            Applied::Updated => {
                applied.updated += 1;
                let id = Uuid::parse_str(message.key().1).ok();
                let c = &mut applied.changes;
                match (message, id) {
                    (
                        SyncMessage::Changed {
                            store: Store::Articles,
                            ..
                        },
                        Some(id),
                    ) => {
                        c.articles_changed.insert(id);
                    }
                    (
                        SyncMessage::Changed {
                            store: Store::Annotations,
                            ..
                        },
                        Some(id),
                    ) => {
                        c.annotations_changed.insert(id);
                    }
                    (
                        SyncMessage::Deleted {
                            store: Store::Articles,
                            ..
                        },
                        Some(id),
                    ) => {
                        c.articles_removed.insert(id);
                    }
                    (
                        SyncMessage::Deleted {
                            store: Store::Annotations,
                            ..
                        },
                        Some(id),
                    ) => {
                        c.annotations_removed.insert(id);
                    }
                    _ => {}
                }
                let after = annotation_article(library);
                let article = match message {
                    SyncMessage::Changed {
                        store: Store::Articles,
                        key,
                        ..
                    }
                    | SyncMessage::Deleted {
                        store: Store::Articles,
                        key,
                    } => Uuid::parse_str(key).ok(),
                    _ => None,
                };
                applied
                    .articles
                    .extend(before.into_iter().chain(after).chain(article));
            }
            Applied::Kept => applied.kept += 1,
            Applied::Ignored(e) => applied.ignored.push(e),
        }
    }
    applied
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
pub fn apply_sync(library: &mut StoredLibrary, message: &SyncMessage) -> Applied {
    apply_one(library, message, false)
}

/// [`apply_sync`], or with `written` a record that always replaces this tab's copy.
fn apply_one(library: &mut StoredLibrary, message: &SyncMessage, written: bool) -> Applied {
    match message {
        SyncMessage::Changed { store, key, record } => match store {
            Store::Articles => match decode_article(record).and_then(|a| {
                check_key(key, a.article.id)?;
                Ok(a)
            }) {
                Err(e) => Applied::Ignored(e),
                Ok(remote) => match library.articles.get(&remote.article.id) {
                    Some(local) if !written && merge_article(local, &remote) == Winner::Local => {
                        Applied::Kept
                    }
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
                    Some(local)
                        if !written && merge_annotation(local, &remote) == Winner::Local =>
                    {
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

#[cfg(test)]
mod tests {
    use crate::core::model::{Annotation, Kind, Timestamp};
    use crate::core::storage::testing::{annotation, article, library};
    use crate::core::storage::*;
    use serde_json::Value;
    use std::rc::Rc;
    use uuid::Uuid;

    #[test]
    fn the_later_change_wins_and_ties_converge() {
        let old = annotation(1, 9, Kind::Claim, 10);
        let mut new = old.clone();
        new.note = "newer".into();
        new.modified = Timestamp(20);
        assert_eq!(merge_annotation(&old, &new), Winner::Remote);
        assert_eq!(merge_annotation(&new, &old), Winner::Local);

        // Same time, different content: both tabs keep the same copy.
        let mut other = old.clone();
        other.note = "other".into();
        let in_tab_1 = merge_annotation(&old, &other);
        let in_tab_2 = merge_annotation(&other, &old);
        assert_ne!(in_tab_1, in_tab_2, "each tab must pick the same record");
        assert_eq!(merge_annotation(&old, &old), Winner::Local);

        let a = article(1, "A", 10);
        let b = article(1, "B", 11);
        assert_eq!(merge_article(&a, &b), Winner::Remote);
    }

    #[test]
    fn sync_messages_round_trip_and_apply() {
        let a = article(1, "A", 10);
        let n = annotation(2, 1, Kind::Claim, 10);
        let mut newer = n.clone();
        newer.note = "from the other tab".into();
        newer.modified = Timestamp(30);
        let plan = WritePlan {
            puts: vec![(
                Store::Annotations,
                newer.id.to_string(),
                encode_annotation(&newer),
            )],
            deletes: vec![(Store::Articles, a.article.id.to_string())],
        };
        let messages = sync_messages(&plan);
        assert_eq!(messages.len(), 2);
        let text = encode_sync(&messages[0]);
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["type"], "changed");
        assert_eq!(value["store"], "annotations");
        assert_eq!(decode_sync(&text).unwrap(), messages[0]);
        // The wire shape (keys in any order: the text goes through a `Value`, which sorts
        // them, and every version of the reader accepts any order).
        assert_eq!(
            serde_json::from_str::<Value>(&encode_sync(&messages[1])).unwrap(),
            serde_json::json!({"type": "deleted", "store": "articles", "key": a.article.id.to_string()})
        );
        assert!(decode_sync(r#"{"type":"exploded"}"#).is_err());
        // What the derived reader refused, the hand-written one refuses, and it reads what
        // the derived writer wrote, in any key order, ignoring fields it does not know.
        assert_eq!(
            decode_sync(&encode_sync(&messages[1])).unwrap(),
            messages[1]
        );
        assert_eq!(
            decode_sync(
                r#"{"key":"k","extra":1,"store":"articles","type":"deleted","record":"x"}"#
            )
            .unwrap(),
            SyncMessage::Deleted {
                store: Store::Articles,
                key: "k".into()
            }
        );
        for refused in [
            r#"{"type":"exploded","store":"articles","key":"k"}"#,
            r#"{"type":"changed","store":"articles","key":"k"}"#,
            r#"{"type":"deleted","store":"nowhere","key":"k"}"#,
            r#"{"type":"deleted","store":"articles"}"#,
            r#"{"store":"articles","key":"k"}"#,
            r#"{"type":"changed","store":"articles","key":"k","record":7}"#,
            r#"["deleted","articles","k"]"#,
            r#""deleted""#,
        ] {
            assert!(decode_sync(refused).is_err(), "{refused}");
        }

        let mut lib = library(vec![a], vec![n.clone()]);
        assert_eq!(apply_sync(&mut lib, &messages[0]), Applied::Updated);
        assert_eq!(lib.annotations[&n.id].note, "from the other tab");
        // An older copy arriving later does not undo it.
        let stale = SyncMessage::Changed {
            store: Store::Annotations,
            key: n.id.to_string(),
            record: encode_annotation(&n),
        };
        assert_eq!(apply_sync(&mut lib, &stale), Applied::Kept);
        assert_eq!(lib.annotations[&n.id].note, "from the other tab");
        // A broken record is ignored, never stored.
        let broken = SyncMessage::Changed {
            store: Store::Annotations,
            key: n.id.to_string(),
            record: "{\"v\":1".into(),
        };
        assert!(matches!(
            apply_sync(&mut lib, &broken),
            Applied::Ignored(RecordError::Corrupt(_))
        ));
        assert_eq!(apply_sync(&mut lib, &messages[1]), Applied::Updated);
        assert!(lib.articles.is_empty());
    }

    /// A plan of `n` puts of newer copies of annotations `1..=n` of article 1.
    fn newer_annotations(n: u128, modified: i64) -> (Vec<Annotation>, WritePlan) {
        let annotations: Vec<Annotation> = (1..=n)
            .map(|i| {
                let mut a = annotation(100 + i, 1, Kind::Claim, modified);
                a.note = format!("note {i} from the other tab");
                a
            })
            .collect();
        let plan = WritePlan {
            puts: annotations
                .iter()
                .map(|a| (Store::Annotations, a.id.to_string(), encode_annotation(a)))
                .collect(),
            deletes: Vec::new(),
        };
        (annotations, plan)
    }

    #[test]
    fn records_the_worker_wrote_replace_newer_copies_where_another_tabs_do_not() {
        // This tab's copy is newer (modified 50) than the record written (modified 20).
        let local = library(
            vec![article(1, "A", 10)],
            vec![annotation(101, 1, Kind::Claim, 50)],
        );
        let (written, plan) = newer_annotations(1, 20);
        let batch = sync_batches(&plan).remove(0);
        let mut other_tab = local.clone();
        let applied = apply_sync_batch(&mut other_tab, &batch);
        assert_eq!(
            (applied.updated, applied.kept),
            (0, 1),
            "another tab's older copy loses"
        );
        assert_eq!(other_tab, local);
        let mut own = local.clone();
        let applied = apply_written_batch(&mut own, &local, &batch);
        assert_eq!((applied.updated, applied.kept), (1, 0));
        assert_eq!(own.annotations[&Uuid::from_u128(101)].as_ref(), &written[0]);
        assert!(applied.articles.contains(&Uuid::from_u128(1)));
        // An edit made on this page while the worker ran is kept (its own write follows).
        let mut edited = local.clone();
        let mut mine = annotation(101, 1, Kind::Claim, 60);
        mine.note = "typed meanwhile".into();
        edited.annotations.insert(mine.id, Rc::new(mine.clone()));
        let applied = apply_written_batch(&mut edited, &local, &batch);
        assert_eq!((applied.updated, applied.kept), (0, 1));
        assert_eq!(edited.annotations[&mine.id].as_ref(), &mine);
        let again = rewrite_changed_since(&edited, &local, &batch);
        assert_eq!(
            again.puts,
            vec![(
                Store::Annotations,
                mine.id.to_string(),
                encode_annotation(&mine)
            )]
        );
        assert!(rewrite_changed_since(&local, &local, &batch).is_empty());
        assert!(!unchanged_since(
            &edited,
            &local,
            Store::Annotations,
            &mine.id.to_string()
        ));
        assert!(unchanged_since(
            &own,
            &own.clone(),
            Store::Annotations,
            &mine.id.to_string()
        ));
        // Unreadable records are still reported, and change nothing.
        let bad = SyncBatch {
            records: vec![SyncMessage::Changed {
                store: Store::Annotations,
                key: "x".into(),
                record: "{".into(),
            }],
        };
        let before = own.clone();
        let applied = apply_written_batch(&mut own, &before, &bad);
        assert_eq!((applied.updated, applied.ignored.len()), (0, 1));
    }

    #[test]
    fn a_queued_write_can_be_forgotten_by_key() {
        let (_, plan) = newer_annotations(2, 20);
        let mut queue = PendingWrites::new();
        queue.push(plan.clone());
        queue.forget(Store::Annotations, &plan.puts[0].1);
        queue.forget(Store::Articles, &plan.puts[1].1);
        assert_eq!(queue.take().puts, plan.puts[1..].to_vec());
    }

    #[test]
    fn one_write_is_one_batch_that_round_trips() {
        let (_, mut plan) = newer_annotations(3, 20);
        plan.deletes
            .push((Store::Articles, Uuid::from_u128(9).to_string()));
        let batches = sync_batches(&plan);
        assert_eq!(batches.len(), 1, "one write, one message");
        assert_eq!(batches[0].records, sync_messages(&plan));
        let text = encode_sync_batch(&batches[0]);
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["type"], "batch");
        assert_eq!(value["v"], SYNC_VERSION);
        assert_eq!(value["records"].as_array().map(Vec::len), Some(4));
        assert_eq!(value["records"][3]["type"], "deleted");
        assert_eq!(decode_sync_batch(&text), Ok(batches[0].clone()));
        assert!(sync_batches(&WritePlan::default()).is_empty());
    }

    #[test]
    fn an_import_of_1500_annotations_is_two_bounded_batches() {
        let (_, plan) = newer_annotations(1_500, 20);
        let batches = sync_batches(&plan);
        assert_eq!(batches.len(), 2);
        let all: Vec<SyncMessage> = batches.iter().flat_map(|b| b.records.clone()).collect();
        assert_eq!(all, sync_messages(&plan), "every record once, in order");
        for b in &batches {
            assert!(b.records.len() <= SYNC_BATCH_MAX_RECORDS);
            let bytes: usize = b.records.iter().map(|m| encode_sync(m).len()).sum();
            assert!(bytes <= SYNC_BATCH_MAX_BYTES, "{bytes} bytes");
            assert_eq!(decode_sync_batch(&encode_sync_batch(b)).as_ref(), Ok(b));
        }
    }

    #[test]
    fn batches_are_cut_by_bytes_and_a_huge_record_travels_alone() {
        let mut huge = article(1, "Long", 20);
        huge.article.text = "word ".repeat(SYNC_BATCH_MAX_BYTES / 4);
        let (_, mut plan) = newer_annotations(2, 20);
        plan.puts.insert(
            1,
            (
                Store::Articles,
                huge.article.id.to_string(),
                encode_article(&huge),
            ),
        );
        let sizes: Vec<usize> = sync_batches(&plan)
            .iter()
            .map(|b| b.records.len())
            .collect();
        assert_eq!(sizes, [1, 1, 1]);
    }

    #[test]
    fn single_record_messages_of_earlier_versions_still_decode_and_newer_batches_are_refused() {
        let n = annotation(2, 1, Kind::Claim, 10);
        let old = SyncMessage::Changed {
            store: Store::Annotations,
            key: n.id.to_string(),
            record: encode_annotation(&n),
        };
        assert_eq!(
            decode_sync_batch(&encode_sync(&old)),
            Ok(SyncBatch::from(old))
        );
        assert_eq!(
            decode_sync_batch(r#"{"type":"batch","v":2,"records":[{"new":"shape"}]}"#),
            Err(RecordError::NewerVersion {
                found: 2,
                current: SYNC_VERSION
            })
        );
        assert_eq!(
            decode_sync_batch(r#"{"type":"batch","v":0,"records":[]}"#),
            Err(RecordError::UnknownVersion(0))
        );
        assert_eq!(
            decode_sync_batch(r#"{"type":"batch","records":[]}"#),
            Err(RecordError::MissingField("v"))
        );
        for bad in [
            "",
            "42",
            r#"{"type":"exploded"}"#,
            r#"{"type":"batch","v":"1","records":[]}"#,
            r#"{"type":"batch","v":1,"records":[{"type":"exploded"}]}"#,
            r#"{"type":"batch","v":1}"#,
        ] {
            assert!(
                matches!(decode_sync_batch(bad), Err(RecordError::Corrupt(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_batch_applies_in_one_pass_as_its_records_would_one_by_one() {
        let count = 1_500;
        let old: Vec<Annotation> = (1..=count)
            .map(|i| annotation(100 + i, 1, Kind::Claim, 10))
            .collect();
        let mut lib = library(vec![article(1, "A", 10), article(2, "B", 10)], old.clone());
        lib.annotations.insert(
            Uuid::from_u128(7),
            std::rc::Rc::new(annotation(7, 2, Kind::Quote, 10)),
        );
        // Newer copies of the first 1,000, stale copies of the next 10, a broken record, and
        // the deletion of article 2's annotation.
        let (newer, mut plan) = newer_annotations(1_000, 20);
        let mut stale = old[1_000].clone();
        stale.modified = Timestamp(5);
        plan.puts.push((
            Store::Annotations,
            stale.id.to_string(),
            encode_annotation(&stale),
        ));
        plan.deletes
            .push((Store::Annotations, Uuid::from_u128(7).to_string()));
        let mut records = sync_messages(&plan);
        records.push(SyncMessage::Changed {
            store: Store::Annotations,
            key: old[1_001].id.to_string(),
            record: "{\"v\":1".into(),
        });
        let batch = SyncBatch { records };

        let mut one_by_one = lib.clone();
        for m in &batch.records {
            let _ = apply_sync(&mut one_by_one, m);
        }
        let applied = apply_sync_batch(&mut lib, &batch);
        assert_eq!(lib, one_by_one);
        assert_eq!(applied.updated, 1_001);
        assert_eq!(applied.kept, 1);
        assert!(matches!(
            applied.ignored.as_slice(),
            [RecordError::Corrupt(_)]
        ));
        assert_eq!(
            applied.articles,
            [Uuid::from_u128(1), Uuid::from_u128(2)].into()
        );
        assert!(applied.changed());
        for a in &newer {
            assert_eq!(lib.annotations[&a.id].note, a.note);
        }
        assert_eq!(lib.annotations[&stale.id].modified, Timestamp(10));
        assert!(!lib.annotations.contains_key(&Uuid::from_u128(7)));

        // An annotation moved to another article touches both.
        let mut moved = (*lib.annotations[&newer[0].id]).clone();
        moved.article_id = Uuid::from_u128(2);
        moved.modified = Timestamp(30);
        let move_it = SyncBatch::from(SyncMessage::Changed {
            store: Store::Annotations,
            key: moved.id.to_string(),
            record: encode_annotation(&moved),
        });
        let mut elsewhere = lib.clone();
        assert_eq!(
            apply_sync_batch(&mut elsewhere, &move_it).articles,
            [Uuid::from_u128(1), Uuid::from_u128(2)].into()
        );

        // The same batch again changes nothing.
        let again = apply_sync_batch(&mut lib, &batch);
        assert!(!again.changed());
        assert_eq!(lib, one_by_one);
    }
}
