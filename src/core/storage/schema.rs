//! The database, its object stores and index: names the shell opens and creates.

use serde::Serialize;
use std::fmt;

#[cfg(doc)]
use super::CURRENT_VERSION;

/// The name of the IndexedDB database.
pub const DB_NAME: &str = "article-annotator";

/// The IndexedDB database version: it changes only when stores or indexes change, not when
/// a record's layout does (that is [`CURRENT_VERSION`]).
pub const DB_VERSION: u32 = 1;

/// The name of the store of articles.
pub const ARTICLES: &str = "articles";
/// The name of the store of annotations.
pub const ANNOTATIONS: &str = "annotations";
/// The name of the store of settings and other single values.
pub const META: &str = "meta";
/// The name of the index of annotations by article id.
pub const ANNOTATIONS_BY_ARTICLE: &str = "by_article";
/// The key path of [`ANNOTATIONS_BY_ARTICLE`].
pub const ARTICLE_ID_PATH: &str = "article_id";

/// One object store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Store {
    /// Articles, keyed by article id.
    Articles,
    /// Annotations, keyed by annotation id, indexed by article id.
    Annotations,
    /// Settings and the schema version, keyed by name.
    Meta,
}

crate::core::json::deserialize_by_name!(Store, "articles, annotations or meta");

impl Store {
    /// Every store.
    pub const ALL: [Store; 3] = [Store::Articles, Store::Annotations, Store::Meta];

    /// Its name on the wire (as serde writes it): the same as [`Store::name`].
    pub fn as_str(self) -> &'static str {
        self.name()
    }

    /// The store's name in IndexedDB.
    pub fn name(self) -> &'static str {
        match self {
            Store::Articles => ARTICLES,
            Store::Annotations => ANNOTATIONS,
            Store::Meta => META,
        }
    }

    /// What one of its records is called in messages to the user: "article", "annotation",
    /// "settings".
    pub fn record_name(self) -> &'static str {
        match self {
            Store::Articles => "article",
            Store::Annotations => "annotation",
            Store::Meta => "settings",
        }
    }
}

impl fmt::Display for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How the shell creates one object store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoreSpec {
    /// The store.
    pub store: Store,
    /// The in-line key path, or `None` for keys given with each `put`.
    pub key_path: Option<&'static str>,
    /// Indexes as `(index name, key path)`.
    pub indexes: &'static [(&'static str, &'static str)],
}

/// The object stores of [`DB_NAME`] at [`DB_VERSION`].
pub const STORES: [StoreSpec; 3] = [
    StoreSpec {
        store: Store::Articles,
        key_path: Some("id"),
        indexes: &[],
    },
    StoreSpec {
        store: Store::Annotations,
        key_path: Some("id"),
        indexes: &[(ANNOTATIONS_BY_ARTICLE, ARTICLE_ID_PATH)],
    },
    StoreSpec {
        store: Store::Meta,
        key_path: None,
        indexes: &[],
    },
];

/// The stores read first at start, before the whole library: enough to choose and show the
/// article to open ([`crate::core::articles::start_view`] looks at articles alone), so that
/// its text is on screen while a large set of annotations is still being read. What they give
/// is only shown; the library the app works with is the one read whole, in one transaction.
pub const FIRST_READ: [Store; 1] = [Store::Articles];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_have_the_documented_names_and_index() {
        let names: Vec<&str> = STORES.iter().map(|s| s.store.name()).collect();
        assert_eq!(names, ["articles", "annotations", "meta"]);
        assert_eq!(STORES[1].indexes, &[("by_article", "article_id")]);
    }
}
