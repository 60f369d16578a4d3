//! The library: every article and every annotation the user has, plus export settings.
//!
//! Annotations refer to their article by [`Annotation::article_id`]; the library does not
//! nest them, so that an annotation whose article is missing is still kept (never dropped).

use crate::core::model::{Annotation, HttpUrl};
use crate::core::text::Article;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::rc::Rc;
use uuid::Uuid;

/// All articles and annotations, in the order the user created or imported them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Library {
    /// The articles, each with a unique id.
    pub articles: Vec<Article>,
    /// The annotations, each with a unique id, each naming its article by id.
    pub annotations: Vec<Annotation>,
}

impl Library {
    /// Lookups by id built in one pass over the library, for code that looks up many ids (an
    /// import plan, an export): each lookup is then a hash map probe, not a scan. The methods
    /// below scan, which suits a single lookup.
    pub fn index(&self) -> LibraryIndex<'_> {
        let mut articles = HashMap::with_capacity(self.articles.len());
        for (i, a) in self.articles.iter().enumerate() {
            articles.entry(a.id).or_insert(i);
        }
        let mut annotations = HashMap::with_capacity(self.annotations.len());
        let mut by_article: HashMap<Uuid, Vec<usize>> = HashMap::new();
        for (i, a) in self.annotations.iter().enumerate() {
            annotations.entry(a.id).or_insert(i);
            by_article.entry(a.article_id).or_default().push(i);
        }
        LibraryIndex {
            library: self,
            articles,
            annotations,
            by_article,
        }
    }

    /// The article with id `id`, if there is one.
    pub fn article(&self, id: Uuid) -> Option<&Article> {
        self.articles.iter().find(|a| a.id == id)
    }

    /// The annotations on the article with id `article_id`, in library order.
    pub fn annotations_of(&self, article_id: Uuid) -> impl Iterator<Item = &Annotation> + '_ {
        self.annotations
            .iter()
            .filter(move |a| a.article_id == article_id)
    }

    /// The annotation with id `id`, if there is one.
    pub fn annotation(&self, id: Uuid) -> Option<&Annotation> {
        self.annotations.iter().find(|a| a.id == id)
    }
}

/// A [`Library`]'s articles and annotations by id (see [`Library::index`]). It answers exactly
/// as the library's own lookups do (the first of two records with one id, annotations in
/// library order), and borrows the library, so it cannot outlive a change to it.
#[derive(Debug, Clone)]
pub struct LibraryIndex<'a> {
    library: &'a Library,
    articles: HashMap<Uuid, usize>,
    annotations: HashMap<Uuid, usize>,
    by_article: HashMap<Uuid, Vec<usize>>,
}

impl<'a> LibraryIndex<'a> {
    /// The article with id `id`, if there is one.
    pub fn article(&self, id: Uuid) -> Option<&'a Article> {
        let library = self.library;
        self.articles
            .get(&id)
            .and_then(|&i| library.articles.get(i))
    }

    /// The annotation with id `id`, if there is one.
    pub fn annotation(&self, id: Uuid) -> Option<&'a Annotation> {
        let library = self.library;
        self.annotations
            .get(&id)
            .and_then(|&i| library.annotations.get(i))
    }

    /// Where the article with id `id` is in [`Library::articles`], so that a copy of the
    /// library (which has it at the same place) can change it there.
    pub fn article_position(&self, id: Uuid) -> Option<usize> {
        self.articles.get(&id).copied()
    }

    /// Where the annotation with id `id` is in [`Library::annotations`].
    pub fn annotation_position(&self, id: Uuid) -> Option<usize> {
        self.annotations.get(&id).copied()
    }

    /// Where the annotations on the article with id `article_id` are in
    /// [`Library::annotations`], in library order.
    pub fn annotation_positions_of(&self, article_id: Uuid) -> &[usize] {
        self.by_article
            .get(&article_id)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The annotations on the article with id `article_id`, in library order.
    pub fn annotations_of(&self, article_id: Uuid) -> impl Iterator<Item = &'a Annotation> + '_ {
        let library = self.library;
        self.by_article
            .get(&article_id)
            .into_iter()
            .flatten()
            .filter_map(move |&i| library.annotations.get(i))
    }
}

impl Library {
    /// The library as exports and imports see it, from the stored one (articles by title
    /// order of addition, annotations in text order per article).
    pub fn from_stored(stored: &crate::core::storage::StoredLibrary) -> Self {
        let mut articles: Vec<&crate::core::storage::StoredArticle> =
            stored.articles.values().collect();
        crate::core::sort::sort_by_key(&mut articles, |a| (a.added, a.article.id));
        let mut annotations: Vec<Annotation> =
            stored.annotations.values().map(|a| (**a).clone()).collect();
        crate::core::sort::sort_by_key(&mut annotations, |a| {
            (a.article_id, a.start, a.end, a.created, a.id)
        });
        Library {
            articles: articles.into_iter().map(|a| a.article.clone()).collect(),
            annotations,
        }
    }

    /// Article `id` and its annotations alone, from `stored` (empty when there is no such
    /// article): all that a job about that one article needs, so that the rest of a big
    /// library is neither copied nor sent to the worker. Ordered as [`Library::from_stored`].
    pub fn article_part(stored: &crate::core::storage::StoredLibrary, id: Uuid) -> Self {
        let Some(article) = stored.articles.get(&id) else {
            return Library::default();
        };
        let mut annotations: Vec<Annotation> = stored
            .annotations
            .values()
            .filter(|a| a.article_id == id)
            .map(|a| (**a).clone())
            .collect();
        crate::core::sort::sort_by_key(&mut annotations, |a| (a.start, a.end, a.created, a.id));
        Library {
            articles: vec![article.article.clone()],
            annotations,
        }
    }

    /// `base` with article `id` and its annotations replaced by this library's, which is
    /// [`Library::article_part`] of `base` changed by a job: the article keeps its `added`
    /// time and is stamped `now` if it changed (as [`Library::to_stored`] does), and if its
    /// text changed, that text is a new version: it is captured again `now`
    /// ([`crate::core::text::Capture`], from the same source). Every other article and
    /// annotation is `base`'s own, shared, not copied. Articles of this library other than
    /// `id`, and annotations of other articles, are ignored.
    pub fn merged_into(
        &self,
        base: &crate::core::storage::StoredLibrary,
        id: Uuid,
        now: crate::core::model::Timestamp,
    ) -> crate::core::storage::StoredLibrary {
        let recaptured = |a: &Article| {
            let mut a = a.clone();
            let old = base.articles.get(&id).map(|s| s.article.text.as_str());
            if old.is_some_and(|t| t != a.text) {
                a.captured = Some(crate::core::text::Capture::of(&a, now));
            }
            a
        };
        let part = Library {
            articles: self
                .articles
                .iter()
                .filter(|a| a.id == id)
                .map(recaptured)
                .collect(),
            annotations: self
                .annotations
                .iter()
                .filter(|a| a.article_id == id)
                .cloned()
                .collect(),
        }
        .to_stored(base, now);
        let mut out = base.clone();
        out.articles.remove(&id);
        out.annotations.retain(|_, a| a.article_id != id);
        out.articles.extend(part.articles);
        out.annotations.extend(part.annotations);
        out
    }

    /// The stored library holding exactly this library's contents. Articles already in
    /// `previous` keep their `added` time, and keep their `changed` time when unchanged;
    /// new or changed articles are stamped `now`.
    pub fn to_stored(
        &self,
        previous: &crate::core::storage::StoredLibrary,
        now: crate::core::model::Timestamp,
    ) -> crate::core::storage::StoredLibrary {
        use crate::core::storage::StoredArticle;
        let articles = crate::core::sort::SortedMap::from_iter(self.articles.iter().map(|a| {
            let stored = match previous.articles.get(&a.id) {
                Some(old) if old.article == *a => old.clone(),
                Some(old) => StoredArticle {
                    article: a.clone(),
                    added: old.added,
                    changed: now,
                },
                None => StoredArticle {
                    article: a.clone(),
                    added: now,
                    changed: now,
                },
            };
            (a.id, stored)
        }));
        let annotations = crate::core::sort::SortedMap::from_iter(
            self.annotations.iter().map(|a| (a.id, Rc::new(a.clone()))),
        );
        crate::core::storage::StoredLibrary {
            articles,
            annotations,
        }
    }
}

/// What exports need to know that is not in the library itself.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ExportSettings {
    /// The fact-checking organisation, written as the `author` of every ClaimReview.
    #[serde(default)]
    pub organisation: String,
    /// Where published reviews live. When set, each ClaimReview gets the `url`
    /// `<base>#claim-<annotation id>`; when not, ClaimReviews have no `url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_url_base: Option<HttpUrl>,
}

/// The meta key of the export settings.
pub const SETTINGS_KEY: &str = "settings";

impl ExportSettings {
    /// The settings stored in `loaded`, or the defaults when there are none. A settings record
    /// that is JSON but not settings (a field of the wrong type, a link that is not `http:` or
    /// `https:`) is added to `loaded.skipped`, so it is reported and protected from being
    /// overwritten, and the defaults are used in the meantime.
    pub fn from_loaded(loaded: &mut crate::core::storage::LoadResult) -> Self {
        use crate::core::storage::{RecordError, SkippedRecord, Store};
        let Some(value) = loaded.meta.get(SETTINGS_KEY) else {
            return ExportSettings::default();
        };
        match serde_json::from_value(value.clone()) {
            Ok(settings) => settings,
            Err(e) => {
                loaded.skipped.push(SkippedRecord {
                    store: Store::Meta,
                    key: SETTINGS_KEY.to_owned(),
                    reason: RecordError::Corrupt(e.to_string()),
                });
                ExportSettings::default()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Kind, Timestamp};
    use crate::core::storage::{LoadResult, Store};

    #[test]
    fn unreadable_settings_are_reported_and_protected_not_replaced() {
        let mut loaded = LoadResult::default();
        assert_eq!(
            ExportSettings::from_loaded(&mut loaded),
            ExportSettings::default()
        );
        loaded.meta.insert(
            SETTINGS_KEY.into(),
            serde_json::json!({ "organisation": "Doğruluk Payı", "review_url_base": "https://example.org/r" }),
        );
        let read = ExportSettings::from_loaded(&mut loaded);
        assert_eq!(read.organisation, "Doğruluk Payı");
        assert!(loaded.skipped.is_empty());
        loaded.meta.insert(
            SETTINGS_KEY.into(),
            serde_json::json!({ "organisation": "X", "review_url_base": "javascript:alert(1)" }),
        );
        assert_eq!(
            ExportSettings::from_loaded(&mut loaded),
            ExportSettings::default()
        );
        assert_eq!(loaded.skipped.len(), 1);
        assert!(loaded.protected().contains(Store::Meta, SETTINGS_KEY));
    }

    #[test]
    fn one_article_travels_alone_and_merges_back_without_touching_the_rest() {
        let a1 = Article::new(
            Uuid::from_u128(1),
            "Çavuşoğlu",
            None,
            "alpha “beta” 🙂 gamma",
        );
        let a2 = Article::new(Uuid::from_u128(2), "Two", None, "gamma delta");
        let note = |id: u128, article: &Article, start, end| {
            Annotation::new(
                Uuid::from_u128(id),
                article.id,
                Kind::Claim,
                &article.text,
                start,
                end,
                Timestamp(5),
            )
        };
        let lib = Library {
            articles: vec![a1.clone(), a2.clone()],
            annotations: vec![note(9, &a1, 6, 12), note(8, &a1, 0, 5), note(7, &a2, 0, 5)],
        };
        let base = lib.to_stored(&Default::default(), Timestamp(100));
        let part = Library::article_part(&base, a1.id);
        assert_eq!(part.articles, std::slice::from_ref(&a1));
        let ids: Vec<u128> = part.annotations.iter().map(|a| a.id.as_u128()).collect();
        assert_eq!(ids, [8, 9], "its annotations only, in text order");
        assert_eq!(
            Library::article_part(&base, Uuid::from_u128(42)),
            Library::default()
        );
        // Unchanged, it merges back into the same library.
        assert_eq!(part.merged_into(&base, a1.id, Timestamp(200)), base);
        // The text changed and an annotation orphaned: the article keeps `added`, is stamped
        // `changed`; the other article's annotation is shared, not copied.
        let mut changed = part.clone();
        changed.articles[0].text = "alpha only".into();
        changed.annotations.retain(|a| a.id.as_u128() == 8);
        let merged = changed.merged_into(&base, a1.id, Timestamp(200));
        assert_eq!(merged.articles[&a1.id].article.text, "alpha only");
        let capture = merged.articles[&a1.id]
            .article
            .captured
            .clone()
            .expect("captured again");
        assert_eq!(capture.at, Timestamp(200));
        assert!(capture.matches("alpha only"));
        assert_eq!(merged.articles[&a1.id].added, Timestamp(100));
        assert_eq!(merged.articles[&a1.id].changed, Timestamp(200));
        assert_eq!(merged.articles[&a2.id], base.articles[&a2.id]);
        let keys: Vec<u128> = merged.annotations.keys().map(|k| k.as_u128()).collect();
        assert_eq!(keys, [7, 8]);
        let other = Uuid::from_u128(7);
        assert!(Rc::ptr_eq(
            &merged.annotations[&other],
            &base.annotations[&other]
        ));
        // What does not belong to the article is ignored.
        let mut stray = part.clone();
        stray
            .articles
            .push(Article::new(Uuid::from_u128(3), "Stray", None, "x"));
        stray.annotations.push(note(6, &a2, 6, 11));
        assert_eq!(stray.merged_into(&base, a1.id, Timestamp(200)), base);
    }

    #[test]
    fn stored_round_trip_keeps_times_and_stamps_changes() {
        let a1 = Article::new(Uuid::from_u128(1), "One", None, "alpha beta");
        let a2 = Article::new(Uuid::from_u128(2), "Two", None, "gamma delta");
        let n1 = Annotation::new(
            Uuid::from_u128(9),
            a1.id,
            Kind::Claim,
            &a1.text,
            0,
            5,
            Timestamp(5),
        );
        let lib = Library {
            articles: vec![a1.clone()],
            annotations: vec![n1.clone()],
        };
        let stored = lib.to_stored(&Default::default(), Timestamp(100));
        assert_eq!(stored.articles[&a1.id].added, Timestamp(100));
        assert_eq!(Library::from_stored(&stored), lib);
        // Adding an article and renaming another: the old one keeps `added`, gets `changed`.
        let mut a1b = a1.clone();
        a1b.title = "One, renamed".into();
        let lib2 = Library {
            articles: vec![a1b, a2.clone()],
            annotations: vec![n1],
        };
        let stored2 = lib2.to_stored(&stored, Timestamp(200));
        assert_eq!(stored2.articles[&a1.id].added, Timestamp(100));
        assert_eq!(stored2.articles[&a1.id].changed, Timestamp(200));
        assert_eq!(stored2.articles[&a2.id].added, Timestamp(200));
        let unchanged = lib2.to_stored(&stored2, Timestamp(300));
        assert_eq!(unchanged, stored2);
    }

    #[test]
    fn the_index_answers_as_the_scans_do() {
        let a1 = Article::new(Uuid::from_u128(1), "One", None, "alpha beta");
        let a2 = Article::new(Uuid::from_u128(2), "Two", None, "gamma delta");
        let mut twin = a1.clone();
        twin.title = "A second article with the first one's id".into();
        let note = |n: u128, article: &Article, text: &str| {
            let mut a = Annotation::new(
                Uuid::from_u128(n),
                article.id,
                Kind::Claim,
                &article.text,
                0,
                5,
                Timestamp(0),
            );
            a.note = text.into();
            a
        };
        // Duplicate ids and an annotation whose article is missing, as a file may hold them.
        let orphan = Article::new(Uuid::from_u128(3), "Gone", None, "alpha beta");
        let lib = Library {
            articles: vec![a1.clone(), a2.clone(), twin],
            annotations: vec![
                note(10, &a1, "first"),
                note(11, &a2, ""),
                note(10, &a2, "second with the same id"),
                note(12, &orphan, ""),
                note(13, &a1, ""),
            ],
        };
        let index = lib.index();
        for n in 0..16 {
            let id = Uuid::from_u128(n);
            assert_eq!(index.article(id), lib.article(id), "article {n}");
            assert_eq!(index.annotation(id), lib.annotation(id), "annotation {n}");
            assert_eq!(
                index.annotations_of(id).collect::<Vec<_>>(),
                lib.annotations_of(id).collect::<Vec<_>>(),
                "annotations of {n}"
            );
        }
        for n in 0..16 {
            let id = Uuid::from_u128(n);
            let first = |v: &[Uuid]| v.iter().position(|x| *x == id);
            let article_ids: Vec<Uuid> = lib.articles.iter().map(|a| a.id).collect();
            let annotation_ids: Vec<Uuid> = lib.annotations.iter().map(|a| a.id).collect();
            assert_eq!(index.article_position(id), first(&article_ids));
            assert_eq!(index.annotation_position(id), first(&annotation_ids));
            let of: Vec<usize> = (0..lib.annotations.len())
                .filter(|&i| lib.annotations[i].article_id == id)
                .collect();
            assert_eq!(index.annotation_positions_of(id), of.as_slice());
        }
        assert_eq!(index.annotations_of(a1.id).count(), 2);
        assert_eq!(index.article(a1.id).map(|a| a.title.as_str()), Some("One"));
    }

    #[test]
    fn annotations_of_filters_by_article() {
        let a1 = Article::new(Uuid::from_u128(1), "One", None, "alpha beta");
        let a2 = Article::new(Uuid::from_u128(2), "Two", None, "gamma delta");
        let n1 = Annotation::new(
            Uuid::from_u128(10),
            a1.id,
            Kind::Claim,
            &a1.text,
            0,
            5,
            Timestamp(0),
        );
        let n2 = Annotation::new(
            Uuid::from_u128(11),
            a2.id,
            Kind::Quote,
            &a2.text,
            6,
            11,
            Timestamp(0),
        );
        let lib = Library {
            articles: vec![a1.clone(), a2],
            annotations: vec![n1.clone(), n2],
        };
        let got: Vec<_> = lib.annotations_of(a1.id).collect();
        assert_eq!(got, vec![&n1]);
        assert_eq!(lib.article(a1.id), Some(&a1));
        assert_eq!(lib.annotation(Uuid::from_u128(11)).map(|a| a.end), Some(11));
        assert!(lib.article(Uuid::from_u128(3)).is_none());
    }
}
