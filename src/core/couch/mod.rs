//! Teams: the library replicated with a CouchDB database (issue 16), with no server of our
//! own. The CouchDB replication protocol as CouchDB documents it, run by this browser as one
//! replica among others.
//!
//! # Documents
//!
//! One document per article and per annotation, `_id` = the app's id, `"type"` `article` or
//! `annotation`, and the stored record's fields as they are in IndexedDB (see
//! [`crate::core::storage`]): `{"_id":"…","_rev":"3-…","type":"annotation","v":1,"id":"…",
//! "article_id":"…",…}`. A deletion is a tombstone (`_deleted: true`). Each document's
//! revision tree is kept here, beside the library, with the record text of its live leaves
//! ([`rev`]).
//!
//! # The protocol (see [`protocol`])
//!
//! 1. `GET /` must name itself `couchdb`; `GET /db` must answer (401, 403 and 404 stop with
//!    their reason; 404 offers to create the database).
//! 2. The replication id (this browser's replica id, the server and the database) names the
//!    checkpoint, `_local/<id>` on the server and a copy here; the pull resumes from its
//!    `last_seq` when both copies have the same `session_id`, from the start otherwise.
//! 3. Push: every leaf made here and not yet held by the server, `POST /db/_revs_diff`, then
//!    the missing ones with `POST /db/_bulk_docs` and `new_edits: false`, with their
//!    `_revisions`. What is pending is kept with each tree, so a push cut off resumes.
//! 4. Pull: `GET /db/_changes?style=all_docs&since=…` (a long poll when there is nothing to
//!    send), the revisions this replica lacks with `POST /db/_bulk_get?revs=true` (or one
//!    `GET ?revs=true&open_revs=…` per document), taken in by [`Replica::receive`]; the
//!    checkpoint is written once they are saved.
//!
//! # Conflicts
//!
//! Every replica picks the same winning revision (CouchDB's rule, [`RevTree::winner`]). When a
//! document has two live leaves, the replica that sees it keeps the later record by the
//! app's own merge rule ([`crate::core::storage::merge_annotation`]: the later `modified`,
//! ties by text), writes it as the child of the winning leaf and deletes the other leaves
//! ([`RevTree::resolve`]); the revision ids are hashes of parent and body, so two replicas
//! resolving at once make the same revisions. The conflict is reported ([`Conflict`]) with
//! both versions. An edit beats a deletion made elsewhere (as in CouchDB: a live leaf wins).
//!
//! Nothing here knows of the browser: the shell's worker sends the [`Request`]s
//! (`fetch`, credentials only to [`Server::origin`]) and stores the trees.

pub mod protocol;
pub mod replica;
pub mod rev;
pub mod server;
pub mod store;
pub mod wire;

pub use protocol::{
    checkpoint, connect, create_database, pull, push, replication_id, Checkpoint, Pulled, Pushed,
    Session,
};
pub use replica::{Conflict, Doc, DocKind, Received, RemoteDoc, Replica, Unreadable};
pub use rev::{Branch, Merged, Rev, RevTree, Revisions};
pub use server::{
    Config, ConfigError, Method, NetError, Request, Response, Saved, Server, Status, Stop,
    SyncError, Transport,
};
pub use store::{SyncStore, SYNC_DB};
pub use wire::{FromSyncer, ToSyncer};

#[cfg(test)]
mod tests;
