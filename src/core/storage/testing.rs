//! Values shared by the storage tests.

use super::{RawRecord, Store, StoredArticle, StoredLibrary};
use crate::core::model::{Annotation, Kind, Timestamp};
use crate::core::text::Article;
use std::rc::Rc;
use uuid::Uuid;

/// A stored article `n`, with non-ASCII text, changed at `changed`.
pub(super) fn article(n: u128, title: &str, changed: i64) -> StoredArticle {
    StoredArticle {
        article: Article::new(Uuid::from_u128(n), title, None, "Çav\u{a0}x\nsecond"),
        added: Timestamp(1000),
        changed: Timestamp(changed),
    }
}

/// Annotation `n` of article `article`, modified at `modified`.
pub(super) fn annotation(n: u128, article: u128, kind: Kind, modified: i64) -> Annotation {
    let mut a = Annotation::new(
        Uuid::from_u128(n),
        Uuid::from_u128(article),
        kind,
        "Çav\u{a0}x\nsecond",
        0,
        3,
        Timestamp(modified),
    );
    a.modified = Timestamp(modified);
    a
}

/// A library of these articles and annotations.
pub(super) fn library(articles: Vec<StoredArticle>, annotations: Vec<Annotation>) -> StoredLibrary {
    StoredLibrary {
        articles: articles.into_iter().map(|a| (a.article.id, a)).collect(),
        annotations: annotations
            .into_iter()
            .map(|a| (a.id, Rc::new(a)))
            .collect(),
    }
}

/// A record as the shell reads it.
pub(super) fn raw(store: Store, key: &str, json: &str) -> RawRecord {
    RawRecord {
        store,
        key: key.to_owned(),
        json: json.to_owned(),
    }
}
