//! What the sync worker keeps in its own IndexedDB database, [`SYNC_DB`] (the app's schema,
//! only its `meta` store used): this browser's replica id, and per replication (server and
//! database) the checkpoint and every document's revision tree. Kept apart from the library,
//! so that the library loads as fast with sync as without, and so that nothing of it is in
//! an export. Keys:
//!
//! - `replica`: `{"id":"<uuid>"}`, made once per browser profile;
//! - `<replication id>:checkpoint`: a [`Checkpoint`];
//! - `<replication id>:doc:<document id>`: a [`Doc`] (its kind and revision tree).
//!
//! Entries of another replication (the user connected to another database) are deleted when
//! a replication loads: a tree is only true of the database it was made with.

use super::protocol::Checkpoint;
use super::replica::{Doc, Replica};
use crate::core::storage::{RawRecord, Store, WritePlan};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// The sync worker's database.
pub const SYNC_DB: &str = "article-annotator-sync";

const REPLICA: &str = "replica";

/// The sync database as read: key to JSON text.
#[derive(Debug, Clone, Default)]
pub struct SyncStore {
    entries: BTreeMap<String, String>,
}

#[derive(Serialize, Deserialize)]
struct ReplicaId {
    id: String,
}

/// What a replication starts from.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The trees.
    pub replica: Replica,
    /// This side's checkpoint.
    pub checkpoint: Option<Checkpoint>,
    /// Trees that could not be read (their documents start over; nothing else is lost).
    pub unreadable: usize,
    /// Entries of other replications, to delete.
    pub stale: WritePlan,
}

impl SyncStore {
    /// Reads the `meta` records of the sync database.
    pub fn from_raw(raw: Vec<RawRecord>) -> SyncStore {
        SyncStore {
            entries: raw
                .into_iter()
                .filter(|r| r.store == Store::Meta)
                .map(|r| (r.key, r.json))
                .collect(),
        }
    }

    /// This browser's replica id, if one was made.
    pub fn replica_id(&self) -> Option<String> {
        let raw = self.entries.get(REPLICA)?;
        serde_json::from_str::<ReplicaId>(raw).ok().map(|r| r.id)
    }

    /// The write that keeps a new replica id.
    pub fn save_replica_id(id: &str) -> WritePlan {
        WritePlan {
            puts: vec![(
                Store::Meta,
                REPLICA.into(),
                serde_json::to_string(&ReplicaId { id: id.into() }).unwrap_or_default(),
            )],
            deletes: Vec::new(),
        }
    }

    /// The trees and checkpoint of replication `repid`; entries of any other are stale.
    pub fn load(&self, repid: &str) -> Loaded {
        let mut loaded = Loaded::default();
        let prefix = format!("{repid}:");
        let mut docs = Vec::new();
        for (key, json) in &self.entries {
            if key == REPLICA {
                continue;
            }
            let Some(rest) = key.strip_prefix(&prefix) else {
                loaded.stale.deletes.push((Store::Meta, key.clone()));
                continue;
            };
            if rest == "checkpoint" {
                loaded.checkpoint = serde_json::from_str(json).ok();
            } else if let Some(id) = rest.strip_prefix("doc:") {
                match serde_json::from_str::<Doc>(json) {
                    Ok(doc) if !doc.tree.branches.is_empty() => docs.push((id.to_owned(), doc)),
                    _ => loaded.unreadable += 1,
                }
            }
        }
        if loaded.unreadable > 0 {
            // A tree lost: the pull must start over to find its revisions again.
            loaded.checkpoint = None;
        }
        loaded.replica = Replica::new(docs);
        loaded
    }

    /// The writes that keep the trees changed since the last save and, when given, this
    /// side's checkpoint.
    pub fn save(repid: &str, replica: &mut Replica, checkpoint: Option<&Checkpoint>) -> WritePlan {
        let mut plan = WritePlan::default();
        for (id, doc) in replica.take_unsaved() {
            let key = format!("{repid}:doc:{id}");
            match doc.and_then(|d| serde_json::to_string(&d).ok()) {
                Some(json) => plan.puts.push((Store::Meta, key, json)),
                None => plan.deletes.push((Store::Meta, key)),
            }
        }
        if let Some(cp) = checkpoint {
            plan.puts.push((
                Store::Meta,
                format!("{repid}:checkpoint"),
                serde_json::to_string(cp).unwrap_or_else(|_| Value::Null.to_string()),
            ));
        }
        plan
    }
}
