//! Write planning: what to write after a change, touching only what changed and never a
//! protected key, and the queue of writes waiting to reach the database.

use super::codec::{encode_annotation, encode_article, encode_meta};
use super::load::{Protected, StoredLibrary};
use super::schema::Store;
use crate::core::sort::{SortedMap, SortedSet};
use serde_json::Value;
use serde_tuple::{Deserialize_tuple, Serialize_tuple};
use std::fmt;
use uuid::Uuid;

/// What to write to IndexedDB, in one transaction. Serde (as a JSON array), so that the
/// background worker can hand one over ([`crate::core::jobs`]); never stored.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize_tuple, Deserialize_tuple)]
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
    pub articles_changed: SortedSet<Uuid>,
    /// Articles removed.
    pub articles_removed: SortedSet<Uuid>,
    /// Annotations added or changed.
    pub annotations_changed: SortedSet<Uuid>,
    /// Annotations removed.
    pub annotations_removed: SortedSet<Uuid>,
}

/// The changes between two states of the library: what differs, and nothing else.
pub fn diff(prev: &StoredLibrary, next: &StoredLibrary) -> ChangeSet {
    fn sides<V: PartialEq>(
        prev: &SortedMap<Uuid, V>,
        next: &SortedMap<Uuid, V>,
    ) -> (SortedSet<Uuid>, SortedSet<Uuid>) {
        let changed = SortedSet::from_iter(
            next.iter()
                .filter(|(id, v)| prev.get(*id) != Some(*v))
                .map(|(id, _)| *id),
        );
        let removed =
            SortedSet::from_iter(prev.keys().filter(|id| !next.contains_key(*id)).copied());
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
pub fn plan_changes(next: &StoredLibrary, changes: &ChangeSet, protected: &Protected) -> WritePlan {
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
pub fn plan_writes(prev: &StoredLibrary, next: &StoredLibrary, protected: &Protected) -> WritePlan {
    plan_changes(next, &diff(prev, next), protected)
}

/// A write refused because its key is protected: the record there could not be read when
/// the app started, and is kept as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtectedKey {
    /// The store.
    pub store: Store,
    /// The key.
    pub key: String,
}

impl fmt::Display for ProtectedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "This change was not saved: the stored {} record “{}” could not be read when the app \
             started, and it is kept as it is so that it is not lost (a newer version of the app \
             may read it).",
            self.store.record_name(),
            self.key
        )
    }
}

impl std::error::Error for ProtectedKey {}

/// The write of `value` as the [`META`](super::META) record `key`. Refused when `key` is
/// protected: a settings record that could not be read is never overwritten. Every write of a
/// meta record goes through here.
pub fn plan_meta(
    key: &str,
    value: &Value,
    protected: &Protected,
) -> Result<WritePlan, ProtectedKey> {
    if protected.contains(Store::Meta, key) {
        return Err(ProtectedKey {
            store: Store::Meta,
            key: key.to_owned(),
        });
    }
    Ok(WritePlan {
        puts: vec![(Store::Meta, key.to_owned(), encode_meta(value))],
        deletes: Vec::new(),
    })
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
    ops: SortedMap<(Store, String), Op>,
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
            self.ops.get_or_insert_with((store, key), || Op::Put(json));
        }
        for (store, key) in plan.deletes {
            self.ops.get_or_insert_with((store, key), || Op::Delete);
        }
    }

    /// Drops the queued write of `key` in `store`, if any: the record was written since by
    /// someone else (this tab's worker) from a library that already held this change.
    pub fn forget(&mut self, store: Store, key: &str) {
        self.ops.remove(&(store, key.to_owned()));
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

#[cfg(test)]
mod tests {
    use crate::core::model::{Kind, Timestamp};
    use crate::core::storage::testing::{annotation, article, library, raw};
    use crate::core::storage::*;
    use serde_json::Value;

    #[test]
    fn plans_write_only_what_changed() {
        let a1 = article(1, "A", 10);
        let a2 = article(2, "B", 10);
        let n1 = annotation(11, 1, Kind::Claim, 10);
        let n2 = annotation(12, 1, Kind::Quote, 10);
        let prev = library(vec![a1.clone(), a2.clone()], vec![n1.clone(), n2.clone()]);
        assert!(plan_writes(&prev, &prev, &Protected::default()).is_empty());

        let mut n1b = n1.clone();
        n1b.note = "changed".into();
        n1b.modified = Timestamp(20);
        let a3 = article(3, "C", 20);
        let next = library(vec![a1.clone(), a3.clone()], vec![n1b.clone(), n2]);
        let plan = plan_writes(&prev, &next, &Protected::default());
        assert_eq!(
            plan.puts,
            [
                (
                    Store::Articles,
                    a3.article.id.to_string(),
                    encode_article(&a3)
                ),
                (
                    Store::Annotations,
                    n1b.id.to_string(),
                    encode_annotation(&n1b)
                ),
            ]
        );
        assert_eq!(plan.deletes, [(Store::Articles, a2.article.id.to_string())]);

        // The same plan from the reducer's change set, where a changed id that is gone is deleted.
        let changes = ChangeSet {
            articles_changed: [a3.article.id, a2.article.id].into(),
            annotations_changed: [n1b.id].into(),
            ..ChangeSet::default()
        };
        let from_changes = plan_changes(&next, &changes, &Protected::default());
        assert_eq!(from_changes.puts, plan.puts);
        assert_eq!(from_changes.deletes, plan.deletes);
    }

    #[test]
    fn pending_writes_coalesce_and_survive_a_failed_flush() {
        let put = |key: &str, json: &str| WritePlan {
            puts: vec![(Store::Annotations, key.into(), json.into())],
            deletes: vec![],
        };
        let delete = |key: &str| WritePlan {
            puts: vec![],
            deletes: vec![(Store::Annotations, key.into())],
        };
        let mut q = PendingWrites::new();
        q.push(put("a", "1"));
        q.push(put("a", "2"));
        q.push(put("b", "1"));
        q.push(delete("b"));
        assert_eq!(q.len(), 2);

        let flush = q.take();
        assert!(q.is_empty());
        assert_eq!(flush.puts, [(Store::Annotations, "a".into(), "2".into())]);
        assert_eq!(flush.deletes, [(Store::Annotations, "b".into())]);

        // While the flush was failing, "a" changed again: the newer write is kept.
        q.push(put("a", "3"));
        q.put_back(flush);
        let retry = q.take();
        assert_eq!(retry.puts, [(Store::Annotations, "a".into(), "3".into())]);
        assert_eq!(retry.deletes, [(Store::Annotations, "b".into())]);
    }

    #[test]
    fn a_protected_meta_key_is_never_in_a_plan() {
        let loaded = load_records(vec![
            raw(
                Store::Meta,
                "settings",
                r#"{"v":9,"value":{"organisation":"Newer"}}"#,
            ),
            raw(Store::Meta, "seeded", "{not json"),
            raw(Store::Meta, "theme", &encode_meta(&Value::from("dark"))),
        ]);
        let protected = loaded.protected();
        let value = serde_json::json!({"organisation": "Mine"});
        for key in ["settings", "seeded"] {
            let refused = plan_meta(key, &value, &protected);
            assert_eq!(
                refused,
                Err(ProtectedKey {
                    store: Store::Meta,
                    key: key.to_owned()
                })
            );
            let message = refused.unwrap_err().to_string();
            assert!(
                message.contains("not saved") && message.contains(key),
                "{message}"
            );
        }
        // A key that was read, or that is new, is written as a meta record.
        for key in ["theme", "new"] {
            let plan = plan_meta(key, &value, &protected).unwrap();
            assert_eq!(
                plan.puts,
                [(Store::Meta, key.to_owned(), encode_meta(&value))]
            );
            assert!(plan.deletes.is_empty());
            assert_eq!(decode_meta(&plan.puts[0].2), Ok(value.clone()));
        }
    }
}
