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

/// From the sync worker to the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FromSyncer {
    /// The worker listens: the page may send [`ToSyncer::Start`].
    Loaded,
    /// Where sync stands.
    Status {
        /// The status.
        status: Status,
    },
    /// Records the library must take: a `SyncBatch`'s text.
    Records {
        /// The batch.
        batch: String,
    },
    /// Conflicts resolved.
    Conflicts {
        /// Each, with both versions.
        conflicts: Vec<Conflict>,
    },
    /// Documents on the server the app cannot read (skipped, kept there).
    Unreadable {
        /// Each, with why.
        docs: Vec<Unreadable>,
    },
    /// Changes the server refused (kept here, offered again).
    Refused {
        /// Document id and the server's reason.
        docs: Vec<(String, String)>,
    },
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
