//! What the user does to the articles of the stored library: add, rename, delete and restore
//! one, seed the sample on first open, choose which article to open (and not to open again an
//! article that did not finish opening last time, see [`start_view`]). Each operation changes
//! the library in place and returns the [`ChangeSet`] to write (see
//! [`crate::core::storage::plan_changes`]), or `None` when it changed nothing.

use std::rc::Rc;

use uuid::Uuid;

use crate::core::model::{Annotation, Timestamp};
use crate::core::storage::{library_entries, ChangeSet, StoredArticle, StoredLibrary};
use crate::core::text::Article;

/// An article deleted a moment ago, with its annotations, so that it can be restored.
#[derive(Debug, Clone, PartialEq)]
pub struct Trash {
    pub article: StoredArticle,
    pub annotations: Vec<Rc<Annotation>>,
}

/// The annotations of article `id`, in id order.
pub fn annotations_of(library: &StoredLibrary, id: Uuid) -> Vec<Annotation> {
    library
        .annotations
        .values()
        .filter(|a| a.article_id == id)
        .map(|a| (**a).clone())
        .collect()
}

/// Adds `article`, added and changed `now`, its text captured `now` unless it comes with a
/// capture (an imported article keeps the one it was exported with).
pub fn add(library: &mut StoredLibrary, mut article: Article, now: Timestamp) -> ChangeSet {
    let id = article.id;
    if article.captured.is_none() {
        article.captured = Some(crate::core::text::Capture::of(&article, now));
    }
    library.articles.insert(
        id,
        StoredArticle {
            article,
            added: now,
            changed: now,
        },
    );
    let mut changes = ChangeSet::default();
    changes.articles_changed.insert(id);
    changes
}

/// On the first open of an empty library (`seeded` is false until the sample was added once,
/// so that deleting it does not bring it back), adds the sample article.
pub fn seed_sample(library: &mut StoredLibrary, seeded: bool, now: Timestamp) -> Option<ChangeSet> {
    (!seeded && library.articles.is_empty()).then(|| add(library, Article::sample(), now))
}

/// The article to open when the app starts: the most recently changed one.
pub fn to_open_first(library: &StoredLibrary) -> Option<Uuid> {
    library_entries(library).first().map(|e| e.id)
}

/// The `sessionStorage` key (the tab's own; see `src/web/hooks/startup.rs`) under which the
/// shell marks the article it is about to render, and which it clears once that article has
/// been rendered and painted. A mark still set when the app starts means the page crashed or
/// was closed while rendering that article. The mark is mirrored in `localStorage` for other
/// tabs ([`SHARED_OPENING_PREFIX`]).
pub const OPENING_KEY: &str = "article-annotator-opening";

/// The text of the mark for article `id` (what the shell stores under [`OPENING_KEY`]).
pub fn opening_mark(id: Uuid) -> String {
    id.to_string()
}

/// The article a mark found at start names, if it is a mark (anything else is ignored).
pub fn unfinished_opening(mark: Option<&str>) -> Option<Uuid> {
    Uuid::parse_str(mark?.trim()).ok()
}

/// The prefix of the `localStorage` keys under which every tab mirrors its opening mark
/// (`<prefix><tab id>`), so that a tab started after another one crashed sees that tab's mark
/// (its `sessionStorage` is its own).
pub const SHARED_OPENING_PREFIX: &str = "article-annotator-opening:";

/// The prefix of the name of the Web Lock each tab holds for as long as it lives
/// (`<prefix><tab id>`): the browser releases it when the tab closes or crashes.
pub const TAB_LOCK_PREFIX: &str = "article-annotator-tab:";

/// The `localStorage` key of tab `tab`'s opening mark.
pub fn shared_opening_key(tab: &str) -> String {
    format!("{SHARED_OPENING_PREFIX}{tab}")
}

/// The name of the lock tab `tab` holds while it lives.
pub fn tab_lock(tab: &str) -> String {
    format!("{TAB_LOCK_PREFIX}{tab}")
}

/// Of the `localStorage` items `(key, value)` found at start, the opening marks of tabs that
/// no longer live: those whose tab's lock ([`tab_lock`]) is not among `locks` (the names of
/// the locks held or asked for, in any tab). Returns the articles they name (a dead tab was
/// rendering them when it crashed or was closed) and the keys of all of them, which the new
/// tab removes (a mark that is not a mark included). The marks of live tabs are left alone:
/// such a tab may simply be rendering.
pub fn left_by_dead_tabs(items: &[(String, String)], locks: &[String]) -> (Vec<Uuid>, Vec<String>) {
    let mut articles = Vec::new();
    let mut keys = Vec::new();
    for (key, value) in items {
        let Some(tab) = key.strip_prefix(SHARED_OPENING_PREFIX) else {
            continue;
        };
        if tab.is_empty() || locks.iter().any(|l| *l == tab_lock(tab)) {
            continue;
        }
        if let Some(id) = unfinished_opening(Some(value)) {
            articles.push(id);
        }
        keys.push(key.clone());
    }
    (articles, keys)
}

/// The `localStorage` key (shared by the tabs) under which the shell keeps the id of the
/// article last shown in this browser ([`last_shown_mark`]): the article the next start shows
/// first, before the annotations are read ([`preview_at_start`]).
pub const LAST_SHOWN_KEY: &str = "article-annotator-last-shown";

/// The text kept under [`LAST_SHOWN_KEY`] for article `id`.
pub fn last_shown_mark(id: Uuid) -> String {
    id.to_string()
}

/// The article named under [`LAST_SHOWN_KEY`], if it names one (anything else is ignored).
pub fn last_shown(mark: Option<&str>) -> Option<Uuid> {
    Uuid::parse_str(mark?.trim()).ok()
}

/// The article the app may show at start from the articles store alone (`articles`: a library
/// read without its annotations), while the whole library is still being read: the one last
/// shown in this browser (`last_shown`), if it is still there, did not fail to open last time
/// (`marks`, see [`unfinished_at_start`]) and the library was not asked for (`library_first`).
///
/// It is only shown: the article that opens is still [`start_view`]'s, which needs the
/// annotations (the most recently changed article counts their times). The two are the same
/// when the user reloads the article they were working on; when another article changed more
/// recently (in another tab, or through sync), that one replaces it once the library is read.
pub fn preview_at_start(
    articles: &StoredLibrary,
    marks: &[Uuid],
    library_first: bool,
    last_shown: Option<Uuid>,
) -> Option<Uuid> {
    last_shown
        .filter(|id| !library_first && !marks.contains(id) && articles.articles.contains_key(id))
}

/// Which of the marks found at start (`marks`: this tab's own and those of dead tabs) decides
/// the start view ([`start_view`]): the one naming the article that would open, else the
/// first.
pub fn unfinished_at_start(library: &StoredLibrary, marks: &[Uuid]) -> Option<Uuid> {
    to_open_first(library)
        .filter(|id| marks.contains(id))
        .or_else(|| marks.first().copied())
}

/// What the app shows when it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartView {
    /// Open this article.
    Article(Uuid),
    /// Show the library, with this message when the article that would have opened did not
    /// finish opening last time.
    Library(Option<String>),
}

/// What to show when the app starts: the article [`to_open_first`] picks, unless it is
/// `unfinished` (the article the page was rendering when it crashed or was closed, read from
/// the mark under [`OPENING_KEY`]); then the library, with a message naming it, so that the
/// same article does not bring the page down again on every start. A mark for any other
/// article changes nothing. `library_first` (the address asked for the library, see
/// [`asks_for_library`]) shows the library in any case, the message included.
pub fn start_view(
    library: &StoredLibrary,
    unfinished: Option<Uuid>,
    library_first: bool,
) -> StartView {
    match to_open_first(library) {
        None => StartView::Library(None),
        Some(id) if unfinished == Some(id) => {
            let title = library
                .articles
                .get(&id)
                .map(|a| a.article.title.as_str())
                .unwrap_or_default();
            StartView::Library(Some(unfinished_message(title)))
        }
        Some(_) if library_first => StartView::Library(None),
        Some(id) => StartView::Article(id),
    }
}

/// The query parameter that opens the library first: the installed app's start address
/// (`start_url` in `assets/manifest.webmanifest` is `./?view=library`).
pub const LIBRARY_PARAMETER: &str = "view=library";

/// Whether an address's query (`location.search`, with or without its `?`) asks for the
/// library first: one of its `&`-separated parameters is exactly [`LIBRARY_PARAMETER`].
pub fn asks_for_library(query: &str) -> bool {
    let query = query.strip_prefix('?').unwrap_or(query);
    query.split('&').any(|p| p == LIBRARY_PARAMETER)
}

/// The query (with its `?`, or `""` when nothing is left) without [`LIBRARY_PARAMETER`]: the
/// address the page keeps once the library was shown, so that a reload opens the article the
/// user went on to.
pub fn without_library_parameter(query: &str) -> String {
    let query = query.strip_prefix('?').unwrap_or(query);
    let rest: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && *p != LIBRARY_PARAMETER)
        .collect();
    if rest.is_empty() {
        String::new()
    } else {
        format!("?{}", rest.join("&"))
    }
}

/// The message shown when the article titled `title` did not finish opening last time.
pub fn unfinished_message(title: &str) -> String {
    format!(
        "“{title}” did not finish opening last time, so the library is shown. Open it again \
         from the library."
    )
}

/// Renames article `id` to `title`, trimmed. Nothing changes for an unknown id, an empty
/// title or the same title.
pub fn rename(
    library: &mut StoredLibrary,
    id: Uuid,
    title: &str,
    now: Timestamp,
) -> Option<ChangeSet> {
    let title = title.trim();
    let stored = library.articles.get_mut(&id)?;
    if title.is_empty() || stored.article.title == title {
        return None;
    }
    title.clone_into(&mut stored.article.title);
    stored.changed = now;
    let mut changes = ChangeSet::default();
    changes.articles_changed.insert(id);
    Some(changes)
}

/// Deletes article `id` and its annotations; returns what can restore them and the changes.
pub fn delete(library: &mut StoredLibrary, id: Uuid) -> Option<(Trash, ChangeSet)> {
    let article = library.articles.remove(&id)?;
    let mut changes = ChangeSet::default();
    changes.articles_removed.insert(id);
    let ids: Vec<Uuid> = library
        .annotations
        .values()
        .filter(|a| a.article_id == id)
        .map(|a| a.id)
        .collect();
    let annotations = ids
        .into_iter()
        .filter_map(|a| library.annotations.remove(&a))
        .inspect(|a| {
            changes.annotations_removed.insert(a.id);
        })
        .collect();
    Some((
        Trash {
            article,
            annotations,
        },
        changes,
    ))
}

/// Puts a deleted article and its annotations back as they were.
pub fn restore(library: &mut StoredLibrary, trash: &Trash) -> ChangeSet {
    let mut changes = ChangeSet::default();
    let id = trash.article.article.id;
    library.articles.insert(id, trash.article.clone());
    changes.articles_changed.insert(id);
    for a in &trash.annotations {
        library.annotations.insert(a.id, a.clone());
        changes.annotations_changed.insert(a.id);
    }
    changes
}

/// The sentence that says what [`delete`] did.
pub fn deleted_message(trash: &Trash) -> String {
    let n = trash.annotations.len();
    format!(
        "Deleted “{}” and its {n} annotation{}.",
        trash.article.article.title,
        if n == 1 { "" } else { "s" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Kind;

    const T0: Timestamp = Timestamp(1_700_000_000_000);
    const T1: Timestamp = Timestamp(1_700_000_100_000);

    fn article(title: &str, text: &str, n: u8) -> Article {
        Article::new(Uuid::from_bytes([n; 16]), title, None, text)
    }

    fn with_annotations(lib: &mut StoredLibrary, art: &Article, n: u8) {
        for i in 0..n {
            let a = Annotation::new(
                Uuid::from_bytes([100 + i; 16]),
                art.id,
                Kind::Claim,
                &art.text,
                0,
                3,
                T0,
            );
            lib.annotations.insert(a.id, Rc::new(a));
        }
    }

    #[test]
    fn the_sample_is_seeded_once_into_an_empty_library() {
        let mut lib = StoredLibrary::default();
        let ch = seed_sample(&mut lib, false, T0).expect("seeded");
        assert_eq!(lib.articles.len(), 1);
        assert!(ch.articles_changed.contains(&Article::sample().id));
        let mut again = StoredLibrary::default();
        assert_eq!(
            seed_sample(&mut again, true, T0),
            None,
            "deleted sample stays deleted"
        );
        assert!(again.articles.is_empty());
        assert_eq!(
            seed_sample(&mut lib, false, T1),
            None,
            "not into a library with articles"
        );
    }

    #[test]
    fn an_added_article_is_captured_then_unless_it_comes_with_a_capture() {
        let mut lib = StoredLibrary::default();
        let a = article("A", "Çavuşoğlu’s text", 1);
        add(&mut lib, a.clone(), T1);
        let c = lib.articles[&a.id]
            .article
            .captured
            .clone()
            .expect("captured");
        assert_eq!(c.at, T1);
        assert!(c.matches("Çavuşoğlu’s text"));
        // An imported article keeps the capture it was exported with.
        let mut b = article("B", "two", 2);
        let kept = crate::core::text::Capture::of(&b, T0);
        b.captured = Some(kept.clone());
        add(&mut lib, b.clone(), T1);
        assert_eq!(lib.articles[&b.id].article.captured, Some(kept));
    }

    #[test]
    fn the_most_recently_changed_article_opens_first() {
        let mut lib = StoredLibrary::default();
        assert_eq!(to_open_first(&lib), None);
        let (a, b) = (article("A", "one", 1), article("B", "two", 2));
        add(&mut lib, a.clone(), T1);
        add(&mut lib, b, T0);
        assert_eq!(to_open_first(&lib), Some(a.id));
    }

    #[test]
    fn marks_of_dead_tabs_count_and_are_removed_those_of_live_tabs_are_left_alone() {
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let items = vec![
            (shared_opening_key("dead1"), opening_mark(a)),
            (shared_opening_key("live"), opening_mark(b)),
            (shared_opening_key("dead2"), "not a mark".to_owned()),
            (
                "article-annotator-journal:dead1".to_owned(),
                opening_mark(b),
            ),
            (OPENING_KEY.to_owned(), opening_mark(b)),
            (SHARED_OPENING_PREFIX.to_owned(), opening_mark(b)),
        ];
        let locks = vec![tab_lock("live"), "someone else's lock".to_owned()];
        let (articles, keys) = left_by_dead_tabs(&items, &locks);
        assert_eq!(articles, [a]);
        assert_eq!(
            keys,
            [shared_opening_key("dead1"), shared_opening_key("dead2")]
        );
        // With every tab alive, nothing counts.
        let all = vec![tab_lock("dead1"), tab_lock("dead2"), tab_lock("live")];
        assert_eq!(left_by_dead_tabs(&items, &all), (vec![], vec![]));
    }

    #[test]
    fn the_mark_naming_the_article_that_would_open_decides_the_start() {
        let mut lib = StoredLibrary::default();
        let (a, b) = (article("A", "one", 1), article("B", "two", 2));
        add(&mut lib, a.clone(), T1);
        add(&mut lib, b.clone(), T0);
        assert_eq!(unfinished_at_start(&lib, &[]), None);
        assert_eq!(unfinished_at_start(&lib, &[b.id, a.id]), Some(a.id));
        assert_eq!(unfinished_at_start(&lib, &[b.id]), Some(b.id));
        assert_eq!(
            start_view(&lib, unfinished_at_start(&lib, &[b.id, a.id]), false),
            StartView::Library(Some(unfinished_message("A")))
        );
    }

    #[test]
    fn an_article_that_did_not_finish_opening_is_not_opened_again_at_start() {
        let mut lib = StoredLibrary::default();
        assert_eq!(start_view(&lib, None, false), StartView::Library(None));
        assert_eq!(
            start_view(&lib, Some(Uuid::nil()), false),
            StartView::Library(None),
            "a mark for an article that is gone is no reason for a message"
        );
        let (a, b) = (
            article("Çavuşoğlu’s “visit”", "one", 1),
            article("B", "two", 2),
        );
        add(&mut lib, a.clone(), T1);
        add(&mut lib, b.clone(), T0);
        // No mark, or a mark for another article: the most recent article opens.
        assert_eq!(start_view(&lib, None, false), StartView::Article(a.id));
        assert_eq!(
            start_view(&lib, Some(b.id), false),
            StartView::Article(a.id)
        );
        // A mark for the article that would open: the library, naming it.
        assert_eq!(
            start_view(&lib, Some(a.id), false),
            StartView::Library(Some(
                "“Çavuşoğlu’s “visit”” did not finish opening last time, so the library is \
                 shown. Open it again from the library."
                    .to_owned()
            ))
        );
    }

    #[test]
    fn the_article_last_shown_is_shown_first_unless_it_failed_to_open_or_the_library_is_asked_for()
    {
        let mut lib = StoredLibrary::default();
        let (a, b) = (article("Çavuşoğlu", "one", 1), article("B", "two", 2));
        add(&mut lib, a.clone(), T1);
        add(&mut lib, b.clone(), T0);
        // The mark round-trips; anything else names nothing.
        assert_eq!(last_shown(Some(&last_shown_mark(b.id))), Some(b.id));
        assert_eq!(last_shown(Some(" not an id")), None);
        assert_eq!(last_shown(None), None);
        // B was shown last: it is shown first, though A changed more recently.
        assert_eq!(preview_at_start(&lib, &[], false, Some(b.id)), Some(b.id));
        // Nothing without a last article, with one that is gone, when the library is asked
        // for, or when it did not finish opening last time; a mark for another changes nothing.
        assert_eq!(preview_at_start(&lib, &[], false, None), None);
        assert_eq!(preview_at_start(&lib, &[], false, Some(Uuid::nil())), None);
        assert_eq!(preview_at_start(&lib, &[], true, Some(b.id)), None);
        assert_eq!(preview_at_start(&lib, &[b.id], false, Some(b.id)), None);
        assert_eq!(
            preview_at_start(&lib, &[a.id], false, Some(b.id)),
            Some(b.id)
        );
        // What opens once the library is read is still the most recently changed (counting
        // annotations' times), which the user reloading the article they work on is.
        let mut whole = lib.clone();
        with_annotations(&mut whole, &b, 1);
        let newest = Rc::make_mut(whole.annotations.values_mut().next().unwrap());
        newest.modified = Timestamp(T1.0 + 1);
        assert_eq!(start_view(&whole, None, false), StartView::Article(b.id));
        assert_eq!(start_view(&lib, None, false), StartView::Article(a.id));
    }

    #[test]
    fn the_installed_app_opens_the_library() {
        let mut lib = StoredLibrary::default();
        assert_eq!(start_view(&lib, None, true), StartView::Library(None));
        let (a, b) = (article("A", "one", 1), article("B", "two", 2));
        add(&mut lib, a.clone(), T1);
        add(&mut lib, b.clone(), T0);
        assert_eq!(start_view(&lib, None, true), StartView::Library(None));
        assert_eq!(start_view(&lib, Some(b.id), true), StartView::Library(None));
        // The message about an unfinished article is still given.
        assert_eq!(
            start_view(&lib, Some(a.id), true),
            StartView::Library(Some(unfinished_message("A")))
        );
        // The manifest's start address asks for it, and only that parameter does.
        let manifest = include_str!("../../assets/manifest.webmanifest");
        assert!(manifest.contains(&format!("\"start_url\": \"./?{LIBRARY_PARAMETER}\"")));
        for query in [
            "?view=library",
            "view=library",
            "?a=1&view=library",
            "?view=library&b",
        ] {
            assert!(asks_for_library(query), "{query}");
        }
        for query in [
            "",
            "?",
            "?view=librar",
            "?view=library2",
            "?xview=library",
            "#view=library",
        ] {
            assert!(!asks_for_library(query), "{query}");
        }
        assert_eq!(without_library_parameter("?view=library"), "");
        assert_eq!(without_library_parameter("?a=1&view=library&b"), "?a=1&b");
        assert_eq!(without_library_parameter("?a=1"), "?a=1");
        assert_eq!(without_library_parameter(""), "");
    }

    #[test]
    fn the_opening_mark_round_trips_and_anything_else_is_no_mark() {
        let id = Uuid::from_bytes([7; 16]);
        assert_eq!(unfinished_opening(Some(&opening_mark(id))), Some(id));
        for other in [None, Some(""), Some("garbage"), Some("{\"id\":1}")] {
            assert_eq!(unfinished_opening(other), None, "{other:?}");
        }
    }

    #[test]
    fn rename_trims_and_ignores_empty_or_same_titles() {
        let mut lib = StoredLibrary::default();
        let a = article("Çavuşoğlu’s visit", "text", 1);
        add(&mut lib, a.clone(), T0);
        assert_eq!(rename(&mut lib, a.id, "   ", T1), None);
        assert_eq!(rename(&mut lib, a.id, " Çavuşoğlu’s visit ", T1), None);
        assert_eq!(rename(&mut lib, Uuid::nil(), "X", T1), None);
        let ch = rename(&mut lib, a.id, "  Ankara 🙂 ", T1).expect("renamed");
        assert!(ch.articles_changed.contains(&a.id));
        let stored = &lib.articles[&a.id];
        assert_eq!(stored.article.title, "Ankara 🙂");
        assert_eq!(stored.changed, T1);
    }

    #[test]
    fn delete_then_restore_gives_the_library_back() {
        let mut lib = StoredLibrary::default();
        let (a, b) = (article("A", "alpha beta", 1), article("B", "gamma", 2));
        add(&mut lib, a.clone(), T0);
        add(&mut lib, b.clone(), T0);
        with_annotations(&mut lib, &a, 2);
        let before = lib.clone();
        let (trash, ch) = delete(&mut lib, a.id).expect("deleted");
        assert_eq!(lib.articles.keys().copied().collect::<Vec<_>>(), vec![b.id]);
        assert!(lib.annotations.is_empty());
        assert_eq!(ch.annotations_removed.len(), 2);
        assert_eq!(
            deleted_message(&trash),
            "Deleted “A” and its 2 annotations."
        );
        let ch = restore(&mut lib, &trash);
        assert_eq!(lib, before);
        assert_eq!(ch.annotations_changed.len(), 2);
        assert_eq!(delete(&mut lib, Uuid::nil()), None);
    }
}
