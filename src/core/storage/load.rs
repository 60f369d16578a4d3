//! Loading: every record read from the database becomes part of the library, or is skipped
//! with its reason and its key protected.

use super::codec::{
    check_key, decode_annotation, decode_article, decode_meta, RecordError, StoredArticle,
};
use super::schema::Store;
use crate::core::model::Annotation;
use crate::core::sort::{SortedMap, SortedSet};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;
use uuid::Uuid;

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
            self.store.record_name(),
            self.key,
            self.reason
        )
    }
}

/// The stored library: every article and annotation that could be read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StoredLibrary {
    /// Articles by id.
    pub articles: SortedMap<Uuid, StoredArticle>,
    /// Annotations by id (including any whose article is missing: they are kept, not dropped).
    /// Shared (`Rc`), so that a copy of the library, made on every change, is cheap.
    pub annotations: SortedMap<Uuid, Rc<Annotation>>,
}

/// Keys that must never be written or deleted: those of records that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Protected(SortedSet<(Store, String)>);

impl Protected {
    /// Whether the record under `key` in `store` is protected.
    pub fn contains(&self, store: Store, key: &str) -> bool {
        self.0.contains(&(store, key.to_owned()))
    }

    /// The protected keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &(Store, String)> {
        self.0.iter()
    }

    /// Protects exactly `keys`.
    pub fn from_keys(keys: impl IntoIterator<Item = (Store, String)>) -> Self {
        Protected(keys.into_iter().collect())
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
    pub library: StoredLibrary,
    /// Values of [`META`](super::META) by key.
    pub meta: BTreeMap<String, Value>,
    /// The records that could not be read; the shell must leave them in place.
    pub skipped: Vec<SkippedRecord>,
}

impl LoadResult {
    /// The keys of the skipped records, which no write plan may touch.
    pub fn protected(&self) -> Protected {
        Protected::from_keys(self.skipped.iter().map(|s| (s.store, s.key.clone())))
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

#[cfg(test)]
mod tests {
    use crate::core::model::{Kind, Timestamp};
    use crate::core::storage::testing::{annotation, article, library, raw};
    use crate::core::storage::*;
    use serde_json::Value;

    #[test]
    fn unreadable_records_are_skipped_by_name_and_protected_from_writes() {
        let a = article(1, "A", 10);
        let n = annotation(2, 1, Kind::Claim, 10);
        let newer = r#"{"v":9,"id":"00000000-0000-0000-0000-000000000003","future":true}"#;
        let loaded = load_records(vec![
            raw(
                Store::Articles,
                &a.article.id.to_string(),
                &encode_article(&a),
            ),
            raw(
                Store::Annotations,
                &n.id.to_string(),
                &encode_annotation(&n),
            ),
            raw(
                Store::Articles,
                "00000000-0000-0000-0000-000000000003",
                newer,
            ),
            raw(Store::Annotations, "broken", "{\"v\":1,"),
            raw(
                Store::Articles,
                "00000000-0000-0000-0000-000000000009",
                &encode_article(&a),
            ),
            raw(Store::Meta, "seeded", &encode_meta(&Value::from(1))),
        ]);
        assert_eq!(loaded.library, library(vec![a.clone()], vec![n.clone()]));
        assert_eq!(loaded.meta.get("seeded"), Some(&Value::from(1)));
        let skipped: Vec<(Store, &str)> = loaded
            .skipped
            .iter()
            .map(|s| (s.store, s.key.as_str()))
            .collect();
        assert_eq!(
            skipped,
            [
                (Store::Articles, "00000000-0000-0000-0000-000000000003"),
                (Store::Annotations, "broken"),
                (Store::Articles, "00000000-0000-0000-0000-000000000009"),
            ]
        );
        assert!(matches!(
            loaded.skipped[0].reason,
            RecordError::NewerVersion { found: 9, .. }
        ));
        assert!(matches!(
            loaded.skipped[2].reason,
            RecordError::KeyMismatch { .. }
        ));
        let shown = loaded.skipped[0].to_string();
        assert!(shown.contains("00000000-0000-0000-0000-000000000003") && shown.contains("kept"));

        // Even a state that "removes" or rewrites a skipped key never touches it.
        let protected = loaded.protected();
        assert_eq!(protected.len(), 3);
        let ghost = article(3, "ghost", 99);
        let prev = library(vec![a.clone(), ghost.clone()], vec![n.clone()]);
        let mut rewritten = ghost.clone();
        rewritten.changed = Timestamp(100);
        let next = library(vec![rewritten], vec![]);
        let plan = plan_writes(&prev, &next, &protected);
        assert_eq!(
            plan.deletes,
            [
                (Store::Articles, a.article.id.to_string()),
                (Store::Annotations, n.id.to_string())
            ]
        );
        assert!(plan.puts.is_empty());
    }
}
