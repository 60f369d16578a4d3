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
//! // store "meta", key = a name such as "settings"
//! { "v": 1, "value": <any JSON> }
//! ```
//!
//! `source_url` and `published` are left out when absent; annotation fields are those of
//! [`Annotation`](crate::core::model::Annotation) (a quote has `speaker`, `checked` and `source` instead of the claim fields).
//! The encoders return the JSON text; the shell stores it as a JS object (`JSON.parse`), so
//! that IndexedDB can read the in-line key path `id` and the index key path `article_id`, and
//! gives it back as text (`JSON.stringify`).
//!
//! # Versions
//!
//! [`CURRENT_VERSION`] is 1, and there are no earlier versions. Adding version 2 means adding
//! one function to [`MIGRATIONS`] (it turns a version 1 record into a version 2 one) and one
//! fixture folder `tests/fixtures/storage/v2/`; every fixture of every version must still
//! decode (see the tests). The loop that applies the steps, [`migrate_with`], is tested on a
//! synthetic history of three versions in `codec`'s tests, the harness for the first real one.
//!
//! # Records that cannot be read
//!
//! A record that cannot be read (corrupt, written by a newer version of the app, missing a
//! field) is skipped by [`load_records`] and reported in [`LoadResult::skipped`]. **The shell
//! must leave it in place**: it is data the user may still get back (with a newer app, or by
//! hand). No [`WritePlan`] made here ever puts or deletes a protected key (see [`Protected`]):
//! articles and annotations are planned by [`plan_changes`] and [`plan_writes`], which leave
//! protected keys out, and every meta value (settings, the seeded flag, journal replay) by
//! [`plan_meta`], which refuses a protected key with a [`ProtectedKey`] the shell shows.
//!
//! # Layout
//!
//! - `schema`: the database, its stores and index ([`DB_NAME`], [`Store`], [`STORES`]).
//! - `codec`: the envelope, encoding and decoding, [`RecordError`], versions and migrations.
//! - `load`: [`load_records`], what it skips and protects ([`LoadResult`], [`Protected`]).
//! - `plan`: [`WritePlan`]s after a change ([`diff`], [`plan_changes`], [`plan_writes`]) and the
//!   queue of [`PendingWrites`].
//! - `sync`: two tabs: which copy wins ([`Winner`]), the [`SyncBatch`] one write sends to other
//!   tabs ([`sync_batches`]) and [`apply_sync_batch`], which applies it in one pass.
//! - `journal`: writes kept in `localStorage` while the page closes, one key per tab
//!   ([`journal_key`]), all replayed on start ([`replay_journals`]).
//! - `entries`: the library list ([`library_entries`]).
//!
//! Architecture invariant: nothing in this module knows of IndexedDB, `web-sys` or the clock.

mod codec;
mod entries;
mod journal;
mod load;
mod plan;
mod schema;
mod sync;

pub use codec::{
    decode_annotation, decode_article, decode_meta, encode_annotation, encode_article, encode_meta,
    migrate, migrate_with, Migration, RecordError, StoredArticle, CURRENT_VERSION, MIGRATIONS,
};
pub use entries::{library_entries, LibraryEntry};
pub use journal::{
    encode_journal, is_journal_key, journal_key, replay_journals, Journal, ReplayProblem, Replayed,
    TabId, JOURNAL_KEY,
};
pub use load::{load_records, LoadResult, Protected, RawRecord, SkippedRecord, StoredLibrary};
pub use plan::{
    diff, plan_changes, plan_meta, plan_writes, ChangeSet, PendingWrites, ProtectedKey, WritePlan,
};
pub use schema::{
    Store, StoreSpec, ANNOTATIONS, ANNOTATIONS_BY_ARTICLE, ARTICLES, ARTICLE_ID_PATH, DB_NAME,
    DB_VERSION, FIRST_READ, META, STORES,
};
pub use sync::{
    apply_sync, apply_sync_batch, apply_written_batch, decode_sync, decode_sync_batch, encode_sync,
    encode_sync_batch, merge_annotation, merge_article, rewrite_changed_since, sync_batches,
    sync_batches_sized, sync_batches_within, sync_messages, unchanged_since, Applied, BatchApplied,
    SyncBatch, SyncMessage, Winner, SYNC_BATCH_MAX_BYTES, SYNC_BATCH_MAX_RECORDS, SYNC_VERSION,
};

#[cfg(test)]
mod testing;
