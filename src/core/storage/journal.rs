//! The journal: writes still pending when the page was hidden or closed, kept in
//! `localStorage` and replayed on the next start.

use super::codec::RecordError;
use super::load::{Library, Protected};
use super::plan::WritePlan;
use super::schema::Store;
use super::sync::{apply_sync, sync_messages, Applied, SyncMessage};

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
mod tests {
    use super::*;
    use crate::core::model::{Annotation, Kind, Timestamp};
    use crate::core::storage::{encode_annotation, encode_meta};
    use crate::core::text::Article;
    use std::rc::Rc;
    use uuid::Uuid;

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
