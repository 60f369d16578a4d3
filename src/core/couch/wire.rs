//! The messages between the page and the sync worker, as JSON text.

use super::replica::{Conflict, Unreadable};
use super::server::{Config, Status};
use serde::{Deserialize, Serialize};

/// From the page to the sync worker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToSyncer {
    /// Start replicating with this server and database (once per worker).
    Start {
        /// What the user gave.
        config: Config,
    },
    /// Create the database that did not exist, then go on.
    CreateDatabase,
}

/// From the sync worker to the page. Newtype variants, not struct variants: serde derives a
/// visitor with field names for each struct variant, which the page's wasm would carry
/// (issue 11).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FromSyncer {
    /// The worker listens: the page may send [`ToSyncer::Start`].
    Loaded,
    /// Where sync stands.
    Status(Status),
    /// Records the library must take: a `SyncBatch`'s text.
    Records(String),
    /// Conflicts resolved, each with both versions.
    Conflicts(Vec<Conflict>),
    /// Documents on the server the app cannot read (skipped, kept there), each with why.
    Unreadable(Vec<Unreadable>),
    /// Changes the server refused (kept here, offered again): document id and the server's
    /// reason.
    Refused(Vec<(String, String)>),
}

impl FromSyncer {
    /// The message's text.
    pub fn encode(&self) -> String {
        crate::core::json::to_text(self).unwrap_or_default()
    }

    /// Reads a message.
    pub fn decode(text: &str) -> Option<FromSyncer> {
        crate::core::json::from_text(text).ok()
    }
}

impl ToSyncer {
    /// The message's text.
    pub fn encode(&self) -> String {
        crate::core::json::to_text(self).unwrap_or_default()
    }

    /// Reads a message.
    pub fn decode(text: &str) -> Option<ToSyncer> {
        crate::core::json::from_text(text).ok()
    }
}
