//! The library list: one entry per article, with its counts and its last change.

use super::load::StoredLibrary;
use crate::core::model::{Kind, Timestamp};
use crate::core::sort::SortedMap;
use uuid::Uuid;

/// One line of the library list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryEntry {
    /// The article id.
    pub id: Uuid,
    /// Its title.
    pub title: String,
    /// Its source URL, if any.
    pub source: Option<String>,
    /// When it was added.
    pub added: Timestamp,
    /// The last change to the article or to any of its annotations.
    pub changed: Timestamp,
    /// How many claims it has.
    pub claims: usize,
    /// How many quotes it has.
    pub quotes: usize,
    /// Who wrote it and on which site, when known.
    pub byline: Option<String>,
    /// The site it was published on, when known.
    pub site_name: Option<String>,
    /// Where and when its text was captured, and the text's SHA-256.
    pub captured: Option<crate::core::text::Capture>,
}

/// The library list: one entry per article, the most recently changed first (ties by title,
/// then id, so the order is stable).
pub fn library_entries(library: &StoredLibrary) -> Vec<LibraryEntry> {
    let mut entries: SortedMap<Uuid, LibraryEntry> =
        SortedMap::from_iter(library.articles.values().map(|s| {
            let entry = LibraryEntry {
                id: s.article.id,
                title: s.article.title.clone(),
                source: s.article.source_url.clone(),
                added: s.added,
                changed: s.changed,
                claims: 0,
                quotes: 0,
                byline: s.article.byline.clone(),
                site_name: s.article.site_name.clone(),
                captured: s.article.captured.clone(),
            };
            (s.article.id, entry)
        }));
    for a in library.annotations.values() {
        if let Some(e) = entries.get_mut(&a.article_id) {
            match a.kind() {
                Kind::Claim => e.claims += 1,
                Kind::Quote => e.quotes += 1,
            }
            e.changed = e.changed.max(a.modified);
        }
    }
    let mut out: Vec<LibraryEntry> = entries.into_values().collect();
    crate::core::sort::sort_by(&mut out, |a, b| {
        b.changed
            .cmp(&a.changed)
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.id.cmp(&b.id))
    });
    out
}

#[cfg(test)]
mod tests {
    use crate::core::model::{Kind, Timestamp};
    use crate::core::storage::testing::{annotation, article, library};
    use crate::core::storage::*;

    #[test]
    fn library_entries_count_and_sort_by_last_change() {
        let old = article(1, "Old", 10);
        let recent = article(2, "Recent", 50);
        let annotated = article(3, "Annotated later", 20);
        let lib = library(
            vec![old, recent, annotated],
            vec![
                annotation(11, 3, Kind::Claim, 100),
                annotation(12, 3, Kind::Claim, 30),
                annotation(13, 3, Kind::Quote, 30),
                annotation(14, 1, Kind::Quote, 5),
                annotation(15, 77, Kind::Quote, 500), // article missing: not listed
            ],
        );
        let entries = library_entries(&lib);
        let shown: Vec<(&str, i64, usize, usize)> = entries
            .iter()
            .map(|e| (e.title.as_str(), e.changed.0, e.claims, e.quotes))
            .collect();
        assert_eq!(
            shown,
            [
                ("Annotated later", 100, 2, 1),
                ("Recent", 50, 0, 0),
                ("Old", 10, 0, 1),
            ]
        );
        assert_eq!(entries[0].added, Timestamp(1000));
    }
}
