//! Records as text: the version envelope, encoding and decoding, errors, versions and
//! migrations.

use super::schema::Store;
use crate::core::model::{Annotation, Timestamp};
use crate::core::text::Article;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fmt;
use uuid::Uuid;

/// Why a record could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordError {
    /// The text is not JSON, not an object, or a field has the wrong form; serde's message.
    Corrupt(String),
    /// Written by a newer version of the app, with a schema this one does not know.
    NewerVersion {
        /// The record's version.
        found: u64,
        /// The newest version this app reads ([`CURRENT_VERSION`]).
        current: u32,
    },
    /// A migration step could not bring the record to the next version.
    MigrationFailed {
        /// The version the step started from.
        from: u64,
        /// Why the step failed.
        reason: Box<RecordError>,
    },
    /// A version this app never wrote (0).
    UnknownVersion(u64),
    /// A required field is absent.
    MissingField(&'static str),
    /// The record's id is not the key it is stored under.
    KeyMismatch {
        /// The key it is stored under.
        key: String,
        /// The id inside the record.
        id: String,
    },
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordError::Corrupt(m) => write!(f, "The record is damaged: {m}."),
            RecordError::NewerVersion { found, current } => write!(
                f,
                "The record was written by a newer version of the app (schema {found}; this \
                 version reads up to {current})."
            ),
            RecordError::MigrationFailed { from, reason } => write!(
                f,
                "The record could not be brought from schema {from} to schema {}. {reason}",
                from + 1
            ),
            RecordError::UnknownVersion(v) => {
                write!(f, "The record has an unknown schema version ({v}).")
            }
            RecordError::MissingField(name) => {
                write!(f, "The record has no “{name}” field.")
            }
            RecordError::KeyMismatch { key, id } => {
                write!(f, "The record stored under “{key}” has the id “{id}”.")
            }
        }
    }
}

impl std::error::Error for RecordError {}

/// One migration step: turns a record of the store given, at version `n`, into one at `n + 1`.
pub type Migration = fn(Store, Map<String, Value>) -> Result<Map<String, Value>, RecordError>;

/// `MIGRATIONS[i]` turns a version `i + 1` record into a version `i + 2` one. Empty: version 1
/// is the first schema.
pub const MIGRATIONS: &[Migration] = &[];

/// The schema version this app writes; every version from 1 up to it can be read.
pub const CURRENT_VERSION: u32 = MIGRATIONS.len() as u32 + 1;

/// Brings a record of `store` from version `from` to [`CURRENT_VERSION`] with [`MIGRATIONS`]
/// (see [`migrate_with`]).
pub fn migrate(store: Store, value: Value, from: u64) -> Result<Value, RecordError> {
    migrate_with(MIGRATIONS, store, value, from)
}

/// Brings a record of `store` from version `from` to the last version of `table`
/// (`table.len() + 1`; `table[i]` turns a version `i + 1` record into a version `i + 2` one),
/// one step at a time, and sets its `"v"` to match. A version newer than the table's last, or
/// 0, is refused; a step that fails is reported as [`RecordError::MigrationFailed`].
pub fn migrate_with(
    table: &[Migration],
    store: Store,
    value: Value,
    from: u64,
) -> Result<Value, RecordError> {
    let last = u32::try_from(table.len() + 1).unwrap_or(u32::MAX);
    if from > u64::from(last) {
        return Err(RecordError::NewerVersion {
            found: from,
            current: last,
        });
    }
    if from == 0 {
        return Err(RecordError::UnknownVersion(from));
    }
    let Value::Object(mut map) = value else {
        return Err(RecordError::Corrupt(
            "the record is not a JSON object".into(),
        ));
    };
    // `from` is in 1..=last here, so the steps from `from` on are the table's tail.
    let steps = table
        .iter()
        .skip(usize::try_from(from - 1).unwrap_or(usize::MAX));
    for (step, version) in steps.zip(from..) {
        map = step(store, map).map_err(|reason| RecordError::MigrationFailed {
            from: version,
            reason: Box::new(reason),
        })?;
        map.insert("v".into(), Value::from(version + 1));
    }
    Ok(Value::Object(map))
}

/// An article as stored, with when it was added and last changed: the article's fields and
/// `added` and `changed` in one object.
///
/// `Deserialize` is written by hand (below) instead of `#[serde(flatten)]`, whose buffering of
/// the fields cost the page 2.7 KB gzip (issue 11).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredArticle {
    /// The article.
    #[serde(flatten)]
    pub article: Article,
    /// When it was added to the library.
    pub added: Timestamp,
    /// When its title, source or text last changed.
    pub changed: Timestamp,
}

impl<'de> Deserialize<'de> for StoredArticle {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{Error, Unexpected};
        let Value::Object(mut map) = Value::deserialize(d)? else {
            return Err(D::Error::invalid_type(
                Unexpected::Other("not an object"),
                &"a stored article",
            ));
        };
        let mut time = |field: &'static str| match map.remove(field) {
            Some(v) => Timestamp::deserialize(v).map_err(D::Error::custom),
            None => Err(D::Error::missing_field(field)),
        };
        let added = time("added")?;
        let changed = time("changed")?;
        let article = Article::deserialize(Value::Object(map)).map_err(D::Error::custom)?;
        Ok(StoredArticle {
            article,
            added,
            changed,
        })
    }
}

const ARTICLE_FIELDS: &[&str] = &["id", "title", "text", "added", "changed"];
const ANNOTATION_FIELDS: &[&str] = &[
    "id",
    "article_id",
    "start",
    "end",
    "quote",
    "created",
    "modified",
    "kind",
];

/// Wraps `value`'s fields in a version envelope.
fn envelope<T: Serialize>(value: &T) -> String {
    let mut map = match serde_json::to_value(value) {
        Ok(Value::Object(map)) => map,
        // Every type stored here serialises to an object; keep a readable record regardless.
        Ok(other) => {
            let mut map = Map::new();
            map.insert("value".to_owned(), other);
            map
        }
        Err(_) => Map::new(),
    };
    map.insert("v".into(), Value::from(CURRENT_VERSION));
    Value::Object(map).to_string()
}

/// Parses a record, checks its version and fields, and migrates it to the current version.
fn open_envelope(store: Store, raw: &str, required: &[&'static str]) -> Result<Value, RecordError> {
    let value: Value =
        serde_json::from_str(raw).map_err(|e| RecordError::Corrupt(e.to_string()))?;
    let Value::Object(map) = &value else {
        return Err(RecordError::Corrupt(
            "the record is not a JSON object".into(),
        ));
    };
    let version = match map.get("v") {
        None => return Err(RecordError::MissingField("v")),
        Some(v) => v
            .as_u64()
            .ok_or_else(|| RecordError::Corrupt(format!("the version {v} is not a number")))?,
    };
    let mut value = migrate(store, value, version)?;
    if let Value::Object(map) = &mut value {
        if let Some(name) = required.iter().find(|f| !map.contains_key(**f)) {
            return Err(RecordError::MissingField(name));
        }
        map.remove("v");
    }
    Ok(value)
}

/// The record of an article.
pub fn encode_article(article: &StoredArticle) -> String {
    envelope(article)
}

/// The record of an annotation.
pub fn encode_annotation(annotation: &Annotation) -> String {
    envelope(annotation)
}

/// Reads an article record of any version up to [`CURRENT_VERSION`].
///
/// A source link that is not an `http:`/`https:` URL (a record written by hand, or sent by a
/// page that is not this app) is dropped, never kept: every path that sets a source checks it.
pub fn decode_article(raw: &str) -> Result<StoredArticle, RecordError> {
    let value = open_envelope(Store::Articles, raw, ARTICLE_FIELDS)?;
    let mut stored: StoredArticle =
        serde_json::from_value(value).map_err(|e| RecordError::Corrupt(e.to_string()))?;
    stored.article.source_url = stored
        .article
        .source_url
        .as_deref()
        .and_then(|u| crate::core::model::HttpUrl::parse(u).ok())
        .map(|u| u.as_str().to_owned());
    Ok(stored)
}

/// Reads an annotation record of any version up to [`CURRENT_VERSION`].
pub fn decode_annotation(raw: &str) -> Result<Annotation, RecordError> {
    let value = open_envelope(Store::Annotations, raw, ANNOTATION_FIELDS)?;
    serde_json::from_value(value).map_err(|e| RecordError::Corrupt(e.to_string()))
}

/// The record of a value in [`META`](super::META).
pub fn encode_meta(value: &Value) -> String {
    let mut map = Map::new();
    map.insert("v".into(), Value::from(CURRENT_VERSION));
    map.insert("value".into(), value.clone());
    Value::Object(map).to_string()
}

/// Reads a record of [`META`](super::META).
pub fn decode_meta(raw: &str) -> Result<Value, RecordError> {
    let value = open_envelope(Store::Meta, raw, &["value"])?;
    match value {
        Value::Object(mut map) => Ok(map.remove("value").unwrap_or(Value::Null)),
        _ => Err(RecordError::Corrupt(
            "the record is not a JSON object".into(),
        )),
    }
}

/// Checks that a record's id is the key it is stored under.
pub(super) fn check_key(key: &str, id: Uuid) -> Result<(), RecordError> {
    if Uuid::parse_str(key).ok() == Some(id) {
        Ok(())
    } else {
        Err(RecordError::KeyMismatch {
            key: key.to_owned(),
            id: id.to_string(),
        })
    }
}

#[cfg(test)]
mod tests;
