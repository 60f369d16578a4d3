//! Two tabs: which copy of a record wins, and the messages tabs send each other after a write.

use super::codec::{
    check_key, decode_annotation, decode_article, encode_annotation, encode_article, RecordError,
    StoredArticle,
};
use super::load::StoredLibrary;
use super::plan::WritePlan;
use super::schema::Store;
use crate::core::model::{Annotation, Timestamp};
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
pub fn apply_sync(library: &mut StoredLibrary, message: &SyncMessage) -> Applied {
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

#[cfg(test)]
mod tests {
    use crate::core::model::{Kind, Timestamp};
    use crate::core::storage::testing::{annotation, article, library};
    use crate::core::storage::*;
    use serde_json::Value;

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
        assert_eq!(
            encode_sync(&messages[1]),
            format!(
                r#"{{"type":"deleted","store":"articles","key":"{}"}}"#,
                a.article.id
            )
        );
        assert!(decode_sync(r#"{"type":"exploded"}"#).is_err());

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
}
