//! The import plan: what an import will do with every incoming item, computed without
//! changing anything so that the user can preview it, then applied all or nothing.

use super::words::{and_list, count};
use super::Format;
use crate::core::anchor;
use crate::core::library::Library;
use crate::core::model::{Anchoring, Annotation};
use crate::core::text::Article;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// How many ids [`ImportPlan::new`] draws for one copied annotation before giving up on it:
/// ids that the library or the file already use are drawn again.
const FRESH_ID_ATTEMPTS: usize = 64;

/// New ids derived deterministically from `seed` (the shell draws it from the browser's
/// random source): each call gives the next one, as a version 4 UUID. The core has no
/// randomness of its own; this spreads one random seed over the ids an import needs.
pub fn fresh_ids(seed: [u8; 16]) -> impl FnMut() -> Uuid {
    let seed = u128::from_be_bytes(seed);
    let mut counter: u128 = 0;
    move || {
        counter = counter.wrapping_add(1);
        // SplitMix-style mixing of seed and counter: distinct counters give distinct ids
        // (the mix is a bijection of the sum), which is all the import needs.
        let mut h =
            seed.wrapping_add(counter.wrapping_mul(0x9E37_79B9_7F4A_7C15_F39C_C060_5CED_C835));
        h ^= h >> 67;
        h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9_94D0_49BB_1331_11EB);
        h ^= h >> 59;
        crate::core::model::uuid_from_random(h.to_be_bytes())
    }
}

/// What an import will do with one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportStep {
    /// New: it will be added.
    Add,
    /// It replaces the library's item with the same id.
    Update,
    /// The library already has it, identical or newer: nothing changes.
    Keep,
}

/// A preview of an import: every incoming item with what will happen to it. Computing it
/// changes nothing; [`ImportPlan::apply`] carries it out.
///
/// It travels between the page and the worker as JSON (serde), whole.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct ImportPlan {
    /// Incoming articles. An article replaces the library's one with the same id when they
    /// differ (the file wins: articles carry no modification time).
    pub articles: Vec<(ImportStep, Article)>,
    /// Incoming annotations, already anchored on their article's incoming or existing text.
    /// They are merged by id: the one with the later `modified` wins; on a tie the library's
    /// is kept.
    pub annotations: Vec<(ImportStep, Annotation)>,
    /// The library's annotations on the articles whose text the import replaces, already
    /// re-anchored onto the new texts ([`anchor::reanchor`]) when the plan was made, so that
    /// applying it is quick. Incoming annotations with the same id win over these.
    pub reanchored: Vec<Annotation>,
    /// Quotes that were only checked at their stored position because the import's work
    /// budget ([`anchor::IMPORT_BUDGET`]) could not pay for searching them.
    pub unsearched: usize,
}

/// How many items of each kind an import adds, updates or keeps, for the preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PlanSummary {
    /// Articles added.
    pub articles_added: usize,
    /// Articles replaced.
    pub articles_updated: usize,
    /// Articles already in the library as they are in the file.
    pub articles_kept: usize,
    /// Annotations added.
    pub annotations_added: usize,
    /// Annotations replaced by a newer version.
    pub annotations_updated: usize,
    /// Annotations left as they are (already present, identical or newer).
    pub annotations_kept: usize,
    /// Incoming annotations that need review or are orphans after anchoring.
    pub annotations_unanchored: usize,
}

impl ImportPlan {
    /// Builds the plan for merging `articles` and `annotations` (already validated and
    /// anchored) into `library`.
    ///
    /// An incoming annotation whose id belongs to an annotation of another article in the
    /// library is added as a copy under a new id taken from `fresh_id` (ids the library or
    /// the file already use are skipped): a file never moves an existing annotation to
    /// another article.
    pub fn new(
        library: &Library,
        articles: Vec<Article>,
        annotations: Vec<Annotation>,
        fresh_id: &mut dyn FnMut() -> Uuid,
    ) -> Self {
        // Lookups by id go through maps: a file of thousands of annotations must not scan
        // the library once per item.
        let known: HashMap<Uuid, &Annotation> =
            library.annotations.iter().map(|a| (a.id, a)).collect();
        let known_articles: HashMap<Uuid, &Article> =
            library.articles.iter().map(|a| (a.id, a)).collect();
        let mut taken: HashSet<Uuid> = annotations.iter().map(|a| a.id).collect();
        let annotations = annotations
            .into_iter()
            .filter_map(|mut a| {
                let elsewhere = known
                    .get(&a.id)
                    .is_some_and(|old| old.article_id != a.article_id);
                if elsewhere {
                    let id = (0..FRESH_ID_ATTEMPTS)
                        .map(|_| fresh_id())
                        .find(|id| !known.contains_key(id) && !taken.contains(id))?;
                    taken.insert(id);
                    a.id = id;
                }
                Some(a)
            })
            .collect::<Vec<_>>();
        let articles: Vec<(ImportStep, Article)> = articles
            .into_iter()
            .map(|a| match known_articles.get(&a.id) {
                None => (ImportStep::Add, a),
                // The same text captured at another time (another profile's copy of the
                // sample, say) is no change: the library keeps its own article and capture.
                Some(old) if same_but_capture(old, &a) => (ImportStep::Keep, (**old).clone()),
                Some(_) => (ImportStep::Update, a),
            })
            .collect();
        let annotations = annotations
            .into_iter()
            .map(|a| match known.get(&a.id) {
                None => (ImportStep::Add, a),
                Some(old) if a.modified > old.modified && **old != a => (ImportStep::Update, a),
                Some(_) => (ImportStep::Keep, a),
            })
            .collect();
        // Re-anchoring the library's annotations on replaced texts, now rather than when the
        // plan is applied: it is the slow part, and planning is the step that reports
        // progress and can be cancelled. One budget for every replaced article.
        let budget = anchor::Budget::new(anchor::IMPORT_BUDGET);
        let replaced: HashMap<Uuid, (&str, &str)> = articles
            .iter()
            .filter(|(step, _)| *step == ImportStep::Update)
            .filter_map(|(_, new)| {
                let old = known_articles.get(&new.id)?;
                (old.text != new.text).then_some((new.id, (old.text.as_str(), new.text.as_str())))
            })
            .collect();
        let mut on_replaced: HashMap<Uuid, Vec<Annotation>> = HashMap::new();
        for a in &library.annotations {
            if replaced.contains_key(&a.article_id) {
                on_replaced.entry(a.article_id).or_default().push(a.clone());
            }
        }
        let mut reanchored = Vec::new();
        for (_, new) in articles.iter().filter(|(s, _)| *s == ImportStep::Update) {
            let (Some((old_text, new_text)), Some(mine)) =
                (replaced.get(&new.id), on_replaced.get(&new.id))
            else {
                continue;
            };
            reanchored.extend(anchor::reanchor_with_budget(
                old_text,
                new_text,
                mine,
                budget.clone(),
            ));
        }
        ImportPlan {
            articles,
            annotations,
            reanchored,
            unsearched: budget.refused(),
        }
    }

    /// The titles, as the library has them, of the articles whose text applying the plan
    /// replaces, in the file's order.
    pub fn replaced_titles(&self, library: &Library) -> Vec<String> {
        self.articles
            .iter()
            .filter(|(step, _)| *step == ImportStep::Update)
            .filter_map(|(_, a)| library.article(a.id).filter(|old| old.text != a.text))
            .map(|old| old.title.clone())
            .collect()
    }

    /// The lines of the import preview: [`PlanSummary::lines`], then the articles whose text
    /// the import replaces, by title ("Replaces the text of “A” and “B”."), then how many
    /// source links the reader dropped because they were not `http:`/`https:` addresses, then
    /// how many quotes the work budget left unsearched.
    pub fn preview_lines(&self, library: &Library, sources_dropped: usize) -> Vec<String> {
        let mut lines = self.summary().lines();
        let titles: Vec<String> = self
            .replaced_titles(library)
            .into_iter()
            .map(|t| format!("“{t}”"))
            .collect();
        if !titles.is_empty() {
            lines.push(format!("Replaces the text of {}.", and_list(&titles)));
        }
        match sources_dropped {
            0 => {}
            1 => lines
                .push("1 source link was dropped: it is not an http or https address.".to_owned()),
            n => lines.push(format!(
                "{n} source links were dropped: they are not http or https addresses."
            )),
        }
        match self.unsearched {
            0 => {}
            1 => lines.push(
                "1 quote was not searched for: the file asks for more work than an import may \
                 do. It is checked only where the file places it, and is an orphan if it is \
                 not there."
                    .to_owned(),
            ),
            n => lines.push(format!(
                "{n} quotes were not searched for: the file asks for more work than an import \
                 may do. They are checked only where the file places them, and are orphans if \
                 they are not there."
            )),
        }
        lines
    }

    /// Counts for the preview.
    pub fn summary(&self) -> PlanSummary {
        let mut s = PlanSummary::default();
        for (action, _) in &self.articles {
            match action {
                ImportStep::Add => s.articles_added += 1,
                ImportStep::Update => s.articles_updated += 1,
                ImportStep::Keep => s.articles_kept += 1,
            }
        }
        for (action, a) in &self.annotations {
            match action {
                ImportStep::Add => s.annotations_added += 1,
                ImportStep::Update => s.annotations_updated += 1,
                ImportStep::Keep => s.annotations_kept += 1,
            }
            if *action != ImportStep::Keep && a.anchoring != Anchoring::Anchored {
                s.annotations_unanchored += 1;
            }
        }
        s
    }

    /// The library after the import. Replaced articles keep their position; when an article's
    /// text changes, the library's annotations on it that the import does not replace are
    /// re-anchored onto the new text ([`anchor::reanchor`]), never dropped.
    pub fn apply(&self, library: &Library) -> Library {
        let mut out = library.clone();
        let article_at: HashMap<Uuid, usize> = out
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id, i))
            .collect();
        for (action, incoming) in &self.articles {
            match action {
                ImportStep::Add => out.articles.push(incoming.clone()),
                ImportStep::Update => {
                    if let Some(slot) = article_at
                        .get(&incoming.id)
                        .and_then(|&i| out.articles.get_mut(i))
                    {
                        *slot = incoming.clone();
                    }
                }
                ImportStep::Keep => {}
            }
        }
        let mut annotation_at: HashMap<Uuid, usize> = out
            .annotations
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id, i))
            .collect();
        let updates = self.reanchored.iter().map(|a| (ImportStep::Update, a));
        let incoming = self.annotations.iter().map(|(step, a)| (*step, a));
        for (action, incoming) in updates.chain(incoming) {
            match action {
                ImportStep::Add => {
                    annotation_at.insert(incoming.id, out.annotations.len());
                    out.annotations.push(incoming.clone());
                }
                ImportStep::Update => {
                    if let Some(slot) = annotation_at
                        .get(&incoming.id)
                        .and_then(|&i| out.annotations.get_mut(i))
                    {
                        *slot = incoming.clone();
                    }
                }
                ImportStep::Keep => {}
            }
        }
        out
    }
}

impl ImportPlan {
    /// The article to open once the plan is applied, or `None` to stay on the `open` one.
    ///
    /// For W3C annotations, the article they were attached to (`attached_to`). For Annotator
    /// JSON, the open article stays when the file holds it; otherwise the file's first
    /// article opens, so that the user sees what was imported.
    pub fn article_to_open(
        &self,
        format: Format,
        attached_to: Option<Uuid>,
        open: Uuid,
    ) -> Option<Uuid> {
        let target = match format {
            Format::W3c => attached_to,
            Format::Native => {
                if self.articles.iter().any(|(_, a)| a.id == open) {
                    None
                } else {
                    self.articles.first().map(|(_, a)| a.id)
                }
            }
        };
        target.filter(|&id| id != open)
    }
}

impl PlanSummary {
    /// The lines of the import preview: what happens to the articles (when the file holds
    /// any), to the annotations, how many could not be matched exactly, and a line saying so
    /// when nothing would change. Counts of zero are left out.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        let articles: Vec<String> = [
            (self.articles_added, "new article", "new articles"),
            (
                self.articles_updated,
                "article replaced",
                "articles replaced",
            ),
            (
                self.articles_kept,
                "article already here",
                "articles already here",
            ),
        ]
        .into_iter()
        .filter(|&(n, _, _)| n > 0)
        .map(|(n, one, many)| count(n, one, many))
        .collect();
        if !articles.is_empty() {
            lines.push(format!("{}.", and_list(&articles)));
        }
        let mut annotations = Vec::new();
        for (n, what) in [
            (self.annotations_added, "added"),
            (self.annotations_updated, "updated"),
            (self.annotations_kept, "already here and kept"),
        ] {
            if n == 0 {
                continue;
            }
            // The first part names the noun; the others only count: "3 annotations added,
            // 1 updated".
            annotations.push(if annotations.is_empty() {
                format!("{} {what}", count(n, "annotation", "annotations"))
            } else {
                format!("{n} {what}")
            });
        }
        if annotations.is_empty() {
            lines.push("The file holds no annotations.".to_owned());
        } else {
            lines.push(format!("{}.", and_list(&annotations)));
        }
        if self.annotations_unanchored > 0 {
            lines.push(if self.annotations_unanchored == 1 {
                "1 annotation could not be matched exactly to the text: it will be flagged for review or kept as an orphan.".to_owned()
            } else {
                format!(
                    "{} annotations could not be matched exactly to the text: they will be flagged for review or kept as orphans.",
                    self.annotations_unanchored
                )
            });
        }
        if self.changes_nothing() && self.articles_kept + self.annotations_kept > 0 {
            lines
                .push("Importing it changes nothing: everything in it is already here.".to_owned());
        }
        lines
    }

    /// The message shown once the import of `file_name` is applied: what was added and what
    /// was updated, articles and annotations alike, e.g. "Imported “x.json”: 1 article and
    /// 12 annotations added." Counts of zero are left out.
    pub fn applied_message(&self, file_name: &str) -> String {
        if self.changes_nothing() {
            return if self.articles_kept + self.annotations_kept > 0 {
                format!("Nothing changed: everything in “{file_name}” was already here.")
            } else {
                format!("Nothing changed: “{file_name}” holds no annotations.")
            };
        }
        let items = |articles: usize, annotations: usize| {
            let parts: Vec<String> = [
                (articles, "article", "articles"),
                (annotations, "annotation", "annotations"),
            ]
            .into_iter()
            .filter(|&(n, _, _)| n > 0)
            .map(|(n, one, many)| count(n, one, many))
            .collect();
            and_list(&parts)
        };
        let added = items(self.articles_added, self.annotations_added);
        let updated = items(self.articles_updated, self.annotations_updated);
        let what = match (added.is_empty(), updated.is_empty()) {
            (false, false) => format!("{added} added; {updated} updated"),
            (false, true) => format!("{added} added"),
            (true, _) => format!("{updated} updated"),
        };
        format!("Imported “{file_name}”: {what}.")
    }

    /// Whether applying the plan leaves the library as it is.
    pub fn changes_nothing(&self) -> bool {
        self.articles_added
            + self.articles_updated
            + self.annotations_added
            + self.annotations_updated
            == 0
    }
}

/// Whether two versions of an article differ at most in when their text was captured.
fn same_but_capture(old: &Article, new: &Article) -> bool {
    // Destructured, so that a field added to `Article` must be considered here.
    let Article {
        id,
        title,
        source_url,
        published,
        text,
        byline,
        site_name,
        captured: _,
    } = old;
    *id == new.id
        && *title == new.title
        && *source_url == new.source_url
        && *published == new.published
        && *text == new.text
        && *byline == new.byline
        && *site_name == new.site_name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Kind, Timestamp};

    fn summary(counts: [usize; 7]) -> PlanSummary {
        let [aa, au, ak, na, nu, nk, un] = counts;
        PlanSummary {
            articles_added: aa,
            articles_updated: au,
            articles_kept: ak,
            annotations_added: na,
            annotations_updated: nu,
            annotations_kept: nk,
            annotations_unanchored: un,
        }
    }

    #[test]
    fn preview_lines_name_what_happens_with_plurals_and_without_zeros() {
        assert_eq!(
            summary([1, 0, 0, 3, 0, 0, 0]).lines(),
            ["1 new article.", "3 annotations added."]
        );
        assert_eq!(
            summary([2, 1, 1, 1, 2, 3, 1]).lines(),
            [
                "2 new articles, 1 article replaced and 1 article already here.",
                "1 annotation added, 2 updated and 3 already here and kept.",
                "1 annotation could not be matched exactly to the text: it will be flagged for review or kept as an orphan.",
            ]
        );
        // W3C: no articles in the file, so no line about them.
        assert_eq!(
            summary([0, 0, 0, 3, 0, 0, 2]).lines(),
            [
                "3 annotations added.",
                "2 annotations could not be matched exactly to the text: they will be flagged for review or kept as orphans.",
            ]
        );
        assert_eq!(
            summary([0, 0, 1, 0, 0, 3, 0]).lines(),
            [
                "1 article already here.",
                "3 annotations already here and kept.",
                "Importing it changes nothing: everything in it is already here.",
            ]
        );
        assert_eq!(summary([0; 7]).lines(), ["The file holds no annotations."]);
        for s in [summary([1, 0, 0, 3, 0, 0, 0]), summary([0; 7])] {
            assert!(s
                .lines()
                .iter()
                .all(|l| !l.contains("(s)") && l.ends_with('.')));
        }
    }

    /// Defect 8 of issue 10: the message named only annotations, even when articles came in.
    #[test]
    fn applied_message_names_articles_too() {
        let m = |c| summary(c).applied_message("x.json");
        assert_eq!(
            m([1, 0, 0, 12, 0, 0, 0]),
            "Imported “x.json”: 1 article and 12 annotations added."
        );
        assert_eq!(
            m([1, 0, 0, 0, 0, 0, 0]),
            "Imported “x.json”: 1 article added."
        );
        assert_eq!(
            m([0, 2, 0, 1, 1, 4, 0]),
            "Imported “x.json”: 1 annotation added; 2 articles and 1 annotation updated."
        );
        assert_eq!(
            m([0, 0, 0, 0, 3, 0, 0]),
            "Imported “x.json”: 3 annotations updated."
        );
        assert_eq!(
            m([0, 0, 1, 0, 0, 3, 0]),
            "Nothing changed: everything in “x.json” was already here."
        );
        assert_eq!(m([0; 7]), "Nothing changed: “x.json” holds no annotations.");
    }

    fn article(n: u128) -> Article {
        Article::new(Uuid::from_u128(n), "T", None, "Some text here.")
    }

    #[test]
    fn the_article_to_open_after_an_import() {
        let (a, b, c) = (article(1), article(2), article(3));
        let native = ImportPlan {
            articles: vec![
                (ImportStep::Add, a.clone()),
                (ImportStep::Update, b.clone()),
            ],
            ..ImportPlan::default()
        };
        // The open article is not in the file: the file's first article opens.
        assert_eq!(
            native.article_to_open(Format::Native, None, c.id),
            Some(a.id)
        );
        // The open article is in the file: it stays open.
        assert_eq!(native.article_to_open(Format::Native, None, b.id), None);
        // A file of annotations only leaves the open article as it is.
        let empty = ImportPlan::default();
        assert_eq!(empty.article_to_open(Format::Native, None, c.id), None);
        // W3C annotations: the article they were attached to, unless it is already open.
        let ann = Annotation::new(
            Uuid::from_u128(9),
            b.id,
            Kind::Claim,
            &b.text,
            0,
            4,
            Timestamp(0),
        );
        let w3c = ImportPlan {
            articles: Vec::new(),
            annotations: vec![(ImportStep::Add, ann)],
            ..ImportPlan::default()
        };
        assert_eq!(
            w3c.article_to_open(Format::W3c, Some(b.id), c.id),
            Some(b.id)
        );
        assert_eq!(w3c.article_to_open(Format::W3c, Some(b.id), b.id), None);
        assert_eq!(w3c.article_to_open(Format::W3c, None, c.id), None);
    }

    #[test]
    fn summary_counts_each_step() {
        let lib = Library {
            articles: vec![article(1), article(2)],
            annotations: Vec::new(),
        };
        let mut changed = article(2);
        changed.title = "New title".into();
        let plan = ImportPlan::new(
            &lib,
            vec![article(1), changed, article(3)],
            Vec::new(),
            &mut fresh_ids([0; 16]),
        );
        let s = plan.summary();
        assert_eq!(
            (s.articles_added, s.articles_updated, s.articles_kept),
            (1, 1, 1)
        );
    }

    /// The ids of copies: distinct, never one the library or the file already uses, and an
    /// annotation with no free id is left out rather than moved.
    #[test]
    fn copies_take_ids_that_are_free() {
        let (a, b) = (article(1), article(2));
        let on = |id: u128, art: &Article| {
            Annotation::new(
                Uuid::from_u128(id),
                art.id,
                Kind::Claim,
                &art.text,
                0,
                4,
                Timestamp(0),
            )
        };
        let lib = Library {
            articles: vec![a.clone(), b.clone()],
            annotations: vec![on(10, &a), on(11, &a)],
        };
        // The id source first offers ids already taken, then free ones.
        let mut offered = vec![10u128, 11, 20, 12, 13].into_iter();
        let mut ids = move || Uuid::from_u128(offered.next().unwrap_or(0));
        let plan = ImportPlan::new(
            &lib,
            Vec::new(),
            vec![on(10, &b), on(11, &b), on(20, &b)],
            &mut ids,
        );
        let got: Vec<(ImportStep, u128)> = plan
            .annotations
            .iter()
            .map(|(s, x)| (*s, x.id.as_u128()))
            .collect();
        assert_eq!(
            got,
            [
                (ImportStep::Add, 12),
                (ImportStep::Add, 13),
                (ImportStep::Add, 20)
            ]
        );
        // No free id at all: the annotation is left out, the existing one never moves.
        let plan = ImportPlan::new(&lib, Vec::new(), vec![on(10, &b)], &mut || {
            Uuid::from_u128(11)
        });
        assert!(plan.annotations.is_empty());
        assert_eq!(plan.apply(&lib), lib);
    }

    #[test]
    fn fresh_ids_are_distinct_version_4_uuids() {
        let mut ids = fresh_ids([9; 16]);
        let mut seen = HashSet::new();
        for _ in 0..1000 {
            let id = ids();
            assert_eq!(id.get_version_num(), 4);
            assert!(seen.insert(id));
        }
        assert_ne!(fresh_ids([1; 16])(), fresh_ids([2; 16])());
    }
}
