//! Every change to one article's annotations, as plain actions through one reducer.
//!
//! [`Annotations::apply`] is the only way to change the set. Each action that a person takes
//! (create, edit, delete) records its exact inverse, so [`Action::Undo`] and [`Action::Redo`]
//! restore records byte for byte, including their `modified` times. Actions that only bring the
//! set in line with storage ([`Action::Load`]) or with another tab ([`Action::Upsert`],
//! [`Action::Forget`]) record nothing.
//!
//! Every successful action returns a [`Change`]: the ids the shell must write or delete in
//! storage, and the code point spans whose blocks it must render again. Nothing else changed.
//!
//! The core has no clock: edits carry the time (`now`) that the shell read, so the reducer is
//! deterministic and its tests need no time source.

use crate::core::model::{
    Anchoring, Annotation, Body, HttpUrl, Kind, TextQuote, Timestamp, Verdict,
};
use std::collections::{BTreeMap, VecDeque};
use std::fmt;
use std::rc::Rc;
use uuid::Uuid;

/// How many steps undo remembers; older steps are forgotten first.
pub const UNDO_LIMIT: usize = 200;

/// Consecutive edits of the same text field of the same annotation, each less than this many
/// milliseconds after the previous one, are undone as one step (typing a note is one step,
/// not one per key).
pub const COALESCE_MS: i64 = 1_000;

/// One change to the fields of one annotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Sets the note (any kind).
    SetNote(String),
    /// Sets the tags (any kind); they are trimmed, empty ones dropped and duplicates (ignoring
    /// case) removed, as [`crate::core::model::parse_tags`] does.
    SetTags(Vec<String>),
    /// Sets who made a claim (claims only).
    SetClaimant(String),
    /// Sets a claim's verdict (claims only).
    SetVerdict(Verdict),
    /// Sets a claim's evidence links (claims only).
    SetEvidence(Vec<HttpUrl>),
    /// Sets who said a quote (quotes only).
    SetSpeaker(String),
    /// Sets whether a quote was checked against a source (quotes only).
    SetChecked(bool),
    /// Sets the source a quote was checked against (quotes only).
    SetSource(Option<HttpUrl>),
    /// Attaches the annotation to code points `start..end` holding `quote`, and marks it
    /// anchored. This is how an orphan is attached again; it also moves an attached one.
    Reanchor {
        start: usize,
        end: usize,
        quote: TextQuote,
    },
}

impl Edit {
    /// The name of the field the edit changes, for messages.
    pub fn field(&self) -> &'static str {
        match self {
            Edit::SetNote(_) => "note",
            Edit::SetTags(_) => "tags",
            Edit::SetClaimant(_) => "claimant",
            Edit::SetVerdict(_) => "verdict",
            Edit::SetEvidence(_) => "evidence",
            Edit::SetSpeaker(_) => "speaker",
            Edit::SetChecked(_) => "checked",
            Edit::SetSource(_) => "source",
            Edit::Reanchor { .. } => "span",
        }
    }

    /// Whether successive edits of this field are typed text that undo treats as one step.
    fn coalesces(&self) -> bool {
        matches!(
            self,
            Edit::SetNote(_) | Edit::SetClaimant(_) | Edit::SetSpeaker(_)
        )
    }
}

/// Everything that can happen to an article's annotations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Adds a new annotation (undoable). Its span must be non-empty and its id new.
    Create(Annotation),
    /// Changes one field of one annotation and sets its `modified` to `now` (undoable).
    Edit {
        id: Uuid,
        edit: Edit,
        now: Timestamp,
    },
    /// Deletes an annotation (undoable).
    Delete(Uuid),
    /// Reverses the last undoable step.
    Undo,
    /// Repeats the last undone step. Any other undoable action clears what can be redone.
    Redo,
    /// Replaces the whole set (as read from storage) and clears undo and redo. Records are
    /// taken as they are; the caller passes only this article's records.
    Load(Vec<Annotation>),
    /// Puts a record changed in another tab, replacing any with the same id, without an undo
    /// step. Undo and redo steps that involve that id are dropped, so that undo never silently
    /// reverts someone else's change.
    Upsert(Annotation),
    /// Removes a record deleted in another tab, without an undo step; like [`Action::Upsert`],
    /// it drops the undo and redo steps that involve that id. Unknown ids are not an error.
    Forget(Uuid),
}

/// What an action changed.
///
/// The shell writes the records of `upserted` and deletes those of `removed` when `save` is
/// true, and renders again the blocks that intersect any span in `spans` (both the old and new
/// positions of every changed annotation). An action that changed nothing returns
/// [`Change::is_empty`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Change {
    /// Ids of annotations that were created or modified.
    pub upserted: Vec<Uuid>,
    /// Ids of annotations that no longer exist.
    pub removed: Vec<Uuid>,
    /// Code point spans `(start, end)` whose highlights may differ.
    pub spans: Vec<(usize, usize)>,
    /// Whether the shell must write this change to storage: false for [`Action::Load`],
    /// [`Action::Upsert`] and [`Action::Forget`], whose records are stored already.
    pub save: bool,
    /// Whether the whole set was replaced ([`Action::Load`]): render every block.
    pub reloaded: bool,
}

impl Change {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.upserted.is_empty() && self.removed.is_empty() && !self.reloaded
    }

    /// Whether a block covering code points `start..end` must be rendered again.
    pub fn touches(&self, start: usize, end: usize) -> bool {
        self.reloaded
            || self
                .spans
                .iter()
                .any(|&(s, e)| (s < end && start < e) || (s == e && start <= s && s < end))
    }

    fn record(&mut self, before: Option<&Annotation>, after: Option<&Annotation>) {
        if let Some(b) = before {
            self.spans.push((b.start, b.end));
        }
        match after {
            Some(a) => {
                self.spans.push((a.start, a.end));
                self.upserted.push(a.id);
            }
            None => {
                if let Some(b) = before {
                    self.removed.push(b.id);
                }
            }
        }
    }
}

/// Why an action was refused. A refused action changes nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReduceError {
    /// No annotation has this id.
    UnknownId(Uuid),
    /// An annotation with this id exists already.
    DuplicateId(Uuid),
    /// The annotation belongs to another article.
    WrongArticle(Uuid),
    /// The edit does not apply to this kind (a verdict on a quote, a speaker on a claim).
    WrongKind {
        id: Uuid,
        kind: Kind,
        field: &'static str,
    },
    /// The span is empty or inverted.
    EmptySpan { start: usize, end: usize },
    /// There is nothing to undo.
    NothingToUndo,
    /// There is nothing to redo.
    NothingToRedo,
}

impl fmt::Display for ReduceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReduceError::UnknownId(_) => write!(f, "That annotation no longer exists."),
            ReduceError::DuplicateId(_) => write!(f, "That annotation exists already."),
            ReduceError::WrongArticle(_) => {
                write!(f, "That annotation belongs to another article.")
            }
            ReduceError::WrongKind { kind, field, .. } => {
                write!(f, "A {} has no {field}.", kind.as_str())
            }
            ReduceError::EmptySpan { .. } => write!(f, "Select some text first."),
            ReduceError::NothingToUndo => write!(f, "There is nothing to undo."),
            ReduceError::NothingToRedo => write!(f, "There is nothing to redo."),
        }
    }
}

impl std::error::Error for ReduceError {}

/// The sort key that puts annotations in text order.
type Key = (usize, usize, Timestamp, Uuid);

fn key(a: &Annotation) -> Key {
    (a.start, a.end, a.created, a.id)
}

/// One primitive change: put a record (inserting or replacing), or remove one.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Op {
    Put(Rc<Annotation>),
    Remove(Uuid),
}

impl Op {
    fn id(&self) -> Uuid {
        match self {
            Op::Put(a) => a.id,
            Op::Remove(id) => *id,
        }
    }
}

/// One undoable step: the operation that reverses it, and what may merge into it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Step {
    inverse: Op,
    /// `(id, field, time)` of the last text edit merged into this step.
    typing: Option<(Uuid, &'static str, Timestamp)>,
}

/// The annotations of one article, in text order, with undo and redo history. Each annotation
/// is shared (`Rc`) by the set, its history and every clone of the set, so copying a set of
/// thousands (the app copies its state on every change) copies pointers, not annotations.
///
/// Lookups by id and changes take O(log n); iteration is in text order: by `start`, then
/// `end`, then `created`, then `id`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Annotations {
    article_id: Uuid,
    by_key: BTreeMap<Key, Rc<Annotation>>,
    keys: BTreeMap<Uuid, Key>,
    undo: VecDeque<Step>,
    redo: Vec<Step>,
}

impl Annotations {
    /// An empty set for the article `article_id`.
    pub fn new(article_id: Uuid) -> Self {
        Annotations {
            article_id,
            ..Annotations::default()
        }
    }

    /// The article these annotations belong to.
    pub fn article_id(&self) -> Uuid {
        self.article_id
    }

    /// How many annotations there are.
    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    /// The annotation with this id.
    pub fn get(&self, id: Uuid) -> Option<&Annotation> {
        self.keys
            .get(&id)
            .and_then(|k| self.by_key.get(k))
            .map(|a| &**a)
    }

    /// All annotations in text order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Annotation> + Clone + '_ {
        self.by_key.values().map(|a| &**a)
    }

    /// All annotations in text order, as the shared records the set holds: two sets that hold
    /// the same record give the same pointer.
    pub fn iter_shared(&self) -> impl DoubleEndedIterator<Item = &Rc<Annotation>> + Clone + '_ {
        self.by_key.values()
    }

    /// Whether [`Action::Undo`] would do something.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether [`Action::Redo`] would do something.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Applies one action. On error nothing changed; on success the [`Change`] lists exactly
    /// what did.
    pub fn apply(&mut self, action: Action) -> Result<Change, ReduceError> {
        match action {
            Action::Create(a) => {
                if a.article_id != self.article_id {
                    return Err(ReduceError::WrongArticle(a.id));
                }
                if self.keys.contains_key(&a.id) {
                    return Err(ReduceError::DuplicateId(a.id));
                }
                if a.start >= a.end {
                    return Err(ReduceError::EmptySpan {
                        start: a.start,
                        end: a.end,
                    });
                }
                Ok(self.commit(Op::Put(Rc::new(a)), None))
            }
            Action::Edit { id, edit, now } => {
                let old = self.get(id).ok_or(ReduceError::UnknownId(id))?;
                let typing = edit.coalesces().then_some((id, edit.field(), now));
                let Some(mut new) = edited(old, edit)? else {
                    return Ok(Change::default());
                };
                new.modified = now;
                Ok(self.commit(Op::Put(Rc::new(new)), typing))
            }
            Action::Delete(id) => {
                if !self.keys.contains_key(&id) {
                    return Err(ReduceError::UnknownId(id));
                }
                Ok(self.commit(Op::Remove(id), None))
            }
            Action::Undo => {
                let step = self.undo.pop_back().ok_or(ReduceError::NothingToUndo)?;
                let (inverse, mut change) = self.run(step.inverse);
                self.redo.push(Step {
                    inverse,
                    typing: None,
                });
                change.save = true;
                Ok(change)
            }
            Action::Redo => {
                let step = self.redo.pop().ok_or(ReduceError::NothingToRedo)?;
                let (inverse, mut change) = self.run(step.inverse);
                self.push_undo(Step {
                    inverse,
                    typing: None,
                });
                change.save = true;
                Ok(change)
            }
            Action::Load(list) => {
                self.by_key.clear();
                self.keys.clear();
                self.undo.clear();
                self.redo.clear();
                for a in list {
                    self.put(Rc::new(a));
                }
                Ok(Change {
                    upserted: self.keys.keys().copied().collect(),
                    reloaded: true,
                    ..Change::default()
                })
            }
            Action::Upsert(a) => {
                if a.article_id != self.article_id {
                    return Err(ReduceError::WrongArticle(a.id));
                }
                if self.get(a.id) == Some(&a) {
                    return Ok(Change::default());
                }
                self.forget_history(a.id);
                Ok(self.run(Op::Put(Rc::new(a))).1)
            }
            Action::Forget(id) => {
                self.forget_history(id);
                Ok(self.run(Op::Remove(id)).1)
            }
        }
    }

    /// Runs an undoable operation: clears redo, and records the inverse (merging typing).
    fn commit(&mut self, op: Op, typing: Option<(Uuid, &'static str, Timestamp)>) -> Change {
        let (inverse, mut change) = self.run(op);
        change.save = true;
        let merge = match (typing, self.undo.back()) {
            (
                Some((id, field, now)),
                Some(Step {
                    typing: Some((last_id, last_field, last)),
                    ..
                }),
            ) => {
                self.redo.is_empty()
                    && id == *last_id
                    && field == *last_field
                    && now.0 >= last.0
                    && now.0.saturating_sub(last.0) < COALESCE_MS
            }
            _ => false,
        };
        self.redo.clear();
        match self.undo.back_mut() {
            Some(step) if merge => step.typing = typing,
            _ => self.push_undo(Step { inverse, typing }),
        }
        change
    }

    fn push_undo(&mut self, step: Step) {
        self.undo.push_back(step);
        while self.undo.len() > UNDO_LIMIT {
            self.undo.pop_front();
        }
    }

    /// Drops undo and redo steps that would touch `id`.
    fn forget_history(&mut self, id: Uuid) {
        self.undo.retain(|s| s.inverse.id() != id);
        self.redo.retain(|s| s.inverse.id() != id);
    }

    /// Carries out one operation; returns its inverse and what changed.
    fn run(&mut self, op: Op) -> (Op, Change) {
        let mut change = Change::default();
        match op {
            Op::Put(a) => {
                let id = a.id;
                let before = self.take(id);
                change.record(before.as_deref(), Some(&a));
                self.put(a);
                let inverse = match before {
                    Some(b) => Op::Put(b),
                    None => Op::Remove(id),
                };
                (inverse, change)
            }
            Op::Remove(id) => {
                let before = self.take(id);
                change.record(before.as_deref(), None);
                let inverse = match before {
                    Some(b) => Op::Put(b),
                    // Nothing was there, so the inverse is to remove nothing again.
                    None => Op::Remove(id),
                };
                (inverse, change)
            }
        }
    }

    fn take(&mut self, id: Uuid) -> Option<Rc<Annotation>> {
        let k = self.keys.remove(&id)?;
        self.by_key.remove(&k)
    }

    fn put(&mut self, a: Rc<Annotation>) {
        if let Some(old) = self.keys.remove(&a.id) {
            self.by_key.remove(&old);
        }
        let k = key(&a);
        self.keys.insert(a.id, k);
        self.by_key.insert(k, a);
    }
}

/// The annotation after `edit`, `None` when the edit changes nothing.
fn edited(old: &Annotation, edit: Edit) -> Result<Option<Annotation>, ReduceError> {
    let mut a = old.clone();
    let wrong = |e: &Edit| ReduceError::WrongKind {
        id: old.id,
        kind: old.kind(),
        field: e.field(),
    };
    match (&mut a.body, edit) {
        (_, Edit::SetNote(n)) => a.note = n,
        (_, Edit::SetTags(t)) => a.tags = normalize_tags(t),
        (_, Edit::Reanchor { start, end, quote }) => {
            if start >= end {
                return Err(ReduceError::EmptySpan { start, end });
            }
            a.start = start;
            a.end = end;
            a.quote = quote;
            a.anchoring = Anchoring::Anchored;
        }
        (Body::Claim(c), Edit::SetClaimant(s)) => c.claimant = s,
        (Body::Claim(c), Edit::SetVerdict(v)) => c.verdict = v,
        (Body::Claim(c), Edit::SetEvidence(e)) => c.evidence = e,
        (Body::Quote(q), Edit::SetSpeaker(s)) => q.speaker = s,
        (Body::Quote(q), Edit::SetChecked(b)) => q.checked = b,
        (Body::Quote(q), Edit::SetSource(s)) => q.source = s,
        (_, e) => return Err(wrong(&e)),
    }
    Ok((a != *old).then_some(a))
}

/// Trims tags, drops empty ones and removes duplicates ignoring case (first spelling kept).
fn normalize_tags(tags: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tags {
        let t = t.trim();
        if !t.is_empty() && !out.iter().any(|o| o.to_lowercase() == t.to_lowercase()) {
            out.push(t.to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Kind;

    const TEXT: &str = "Minister Çavuşoğlu\u{a0} stated that “Together, we share a resolve.”";
    const ARTICLE: Uuid = Uuid::from_u128(1);

    fn ann(n: u128, kind: Kind, start: usize, end: usize) -> Annotation {
        Annotation::new(
            Uuid::from_u128(n),
            ARTICLE,
            kind,
            TEXT,
            start,
            end,
            Timestamp(n as i64),
        )
    }

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn edit(n: u128, edit: Edit, now: i64) -> Action {
        Action::Edit {
            id: id(n),
            edit,
            now: Timestamp(now),
        }
    }

    fn url(s: &str) -> HttpUrl {
        HttpUrl::parse(s).expect("test URL")
    }

    /// A set with a claim (id 1) on "Çavuşoğlu" and a quote (id 2) on the quotation.
    fn two() -> Annotations {
        let mut s = Annotations::new(ARTICLE);
        s.apply(Action::Create(ann(2, Kind::Quote, 34, 65)))
            .unwrap();
        s.apply(Action::Create(ann(1, Kind::Claim, 9, 18))).unwrap();
        s
    }

    fn ids(s: &Annotations) -> Vec<Uuid> {
        s.iter().map(|a| a.id).collect()
    }

    #[test]
    fn create_keeps_text_order_and_reports_the_new_id() {
        let mut s = Annotations::new(ARTICLE);
        let c = s
            .apply(Action::Create(ann(2, Kind::Quote, 34, 65)))
            .unwrap();
        assert_eq!(c.upserted, vec![id(2)]);
        assert!(c.save && c.removed.is_empty());
        assert_eq!(c.spans, vec![(34, 65)]);
        assert!(c.touches(60, 70) && !c.touches(0, 34));
        s.apply(Action::Create(ann(1, Kind::Claim, 9, 18))).unwrap();
        assert_eq!(ids(&s), vec![id(1), id(2)]);
        assert_eq!(s.get(id(1)).unwrap().quote.exact, "Çavuşoğlu");
        assert!(s.can_undo() && !s.can_redo());
    }

    #[test]
    fn create_refuses_duplicates_empty_spans_and_other_articles() {
        let mut s = two();
        assert_eq!(
            s.apply(Action::Create(ann(1, Kind::Claim, 0, 3))),
            Err(ReduceError::DuplicateId(id(1)))
        );
        assert_eq!(
            s.apply(Action::Create(ann(3, Kind::Claim, 5, 5))),
            Err(ReduceError::EmptySpan { start: 5, end: 5 })
        );
        let mut other = ann(4, Kind::Claim, 0, 3);
        other.article_id = id(99);
        assert_eq!(
            s.apply(Action::Create(other)),
            Err(ReduceError::WrongArticle(id(4)))
        );
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn every_field_can_be_edited_and_sets_modified() {
        let mut s = two();
        let ev = vec![url("https://example.org/a")];
        let claim_edits = [
            Edit::SetNote("check the spelling".into()),
            Edit::SetTags(vec![
                " Syria".into(),
                "syria".into(),
                "".into(),
                "ISIS".into(),
            ]),
            Edit::SetClaimant("Çavuşoğlu".into()),
            Edit::SetVerdict(Verdict::MostlyTrue),
            Edit::SetEvidence(ev.clone()),
        ];
        for (i, e) in claim_edits.into_iter().enumerate() {
            let c = s.apply(edit(1, e, 10_000 * (i as i64 + 1))).unwrap();
            assert_eq!(c.upserted, vec![id(1)]);
        }
        let quote_edits = [
            Edit::SetSpeaker("Tillerson".into()),
            Edit::SetChecked(true),
            Edit::SetSource(Some(url("https://state.gov/x"))),
        ];
        for e in quote_edits {
            s.apply(edit(2, e, 77_000)).unwrap();
        }
        let c = s.get(id(1)).unwrap();
        assert_eq!(c.note, "check the spelling");
        assert_eq!(c.tags, vec!["Syria", "ISIS"]);
        let f = c.claim().unwrap();
        assert_eq!(f.claimant, "Çavuşoğlu");
        assert_eq!(f.verdict, Verdict::MostlyTrue);
        assert_eq!(f.evidence, ev);
        assert_eq!(c.modified, Timestamp(50_000));
        assert_eq!(c.created, Timestamp(1));
        let q = s.get(id(2)).unwrap();
        let f = q.quote_fields().unwrap();
        assert_eq!(f.speaker, "Tillerson");
        assert!(f.checked);
        assert_eq!(f.source, Some(url("https://state.gov/x")));
        assert_eq!(q.modified, Timestamp(77_000));
    }

    #[test]
    fn reanchor_attaches_an_orphan_and_reorders() {
        let mut s = two();
        let mut orphan = s.get(id(2)).unwrap().clone();
        orphan.anchoring = Anchoring::Orphan;
        s.apply(Action::Upsert(orphan)).unwrap();
        let quote = TextQuote::from_span(TEXT, 0, 8);
        let c = s
            .apply(edit(
                2,
                Edit::Reanchor {
                    start: 0,
                    end: 8,
                    quote: quote.clone(),
                },
                5,
            ))
            .unwrap();
        assert_eq!(c.spans, vec![(34, 65), (0, 8)]);
        let a = s.get(id(2)).unwrap();
        assert_eq!((a.start, a.end, a.anchoring), (0, 8, Anchoring::Anchored));
        assert_eq!(a.quote.exact, "Minister");
        assert_eq!(ids(&s), vec![id(2), id(1)]);
        s.apply(Action::Undo).unwrap();
        assert_eq!(s.get(id(2)).unwrap().anchoring, Anchoring::Orphan);
        assert_eq!(ids(&s), vec![id(1), id(2)]);
        assert_eq!(
            s.apply(edit(
                2,
                Edit::Reanchor {
                    start: 4,
                    end: 2,
                    quote
                },
                6
            )),
            Err(ReduceError::EmptySpan { start: 4, end: 2 })
        );
    }

    #[test]
    fn edits_of_the_wrong_kind_are_refused() {
        let mut s = two();
        let before = s.clone();
        for e in [
            Edit::SetSpeaker("x".into()),
            Edit::SetChecked(true),
            Edit::SetSource(None),
        ] {
            let field = e.field();
            assert_eq!(
                s.apply(edit(1, e, 9)),
                Err(ReduceError::WrongKind {
                    id: id(1),
                    kind: Kind::Claim,
                    field
                })
            );
        }
        for e in [
            Edit::SetVerdict(Verdict::False),
            Edit::SetClaimant("x".into()),
            Edit::SetEvidence(vec![]),
        ] {
            assert!(matches!(
                s.apply(edit(2, e, 9)),
                Err(ReduceError::WrongKind {
                    kind: Kind::Quote,
                    ..
                })
            ));
        }
        assert_eq!(s, before);
        assert_eq!(
            ReduceError::WrongKind {
                id: id(2),
                kind: Kind::Quote,
                field: "verdict"
            }
            .to_string(),
            "A quote has no verdict."
        );
    }

    #[test]
    fn unknown_ids_are_errors_not_panics() {
        let mut s = two();
        let before = s.clone();
        assert_eq!(
            s.apply(edit(42, Edit::SetNote("x".into()), 1)),
            Err(ReduceError::UnknownId(id(42)))
        );
        assert_eq!(
            s.apply(Action::Delete(id(42))),
            Err(ReduceError::UnknownId(id(42)))
        );
        assert_eq!(s, before);
        // Forgetting an unknown id (already deleted here) is fine and changes nothing.
        assert!(s.apply(Action::Forget(id(42))).unwrap().is_empty());
    }

    #[test]
    fn an_edit_that_changes_nothing_records_nothing() {
        let mut s = two();
        s.apply(edit(1, Edit::SetVerdict(Verdict::False), 10))
            .unwrap();
        let c = s
            .apply(edit(1, Edit::SetVerdict(Verdict::False), 20))
            .unwrap();
        assert!(c.is_empty());
        assert_eq!(s.get(id(1)).unwrap().modified, Timestamp(10));
        s.apply(Action::Undo).unwrap();
        assert_eq!(
            s.get(id(1)).unwrap().claim().unwrap().verdict,
            Verdict::Unverified
        );
    }

    #[test]
    fn delete_undo_redo_are_exact() {
        let mut s = two();
        let original = s.get(id(1)).unwrap().clone();
        let c = s.apply(Action::Delete(id(1))).unwrap();
        assert_eq!(c.removed, vec![id(1)]);
        assert_eq!(c.spans, vec![(9, 18)]);
        assert!(s.get(id(1)).is_none());

        let c = s.apply(Action::Undo).unwrap();
        assert_eq!((c.upserted.clone(), c.save), (vec![id(1)], true));
        assert_eq!(s.get(id(1)), Some(&original));
        assert!(s.can_redo());

        let c = s.apply(Action::Redo).unwrap();
        assert_eq!(c.removed, vec![id(1)]);
        assert!(s.get(id(1)).is_none());
        s.apply(Action::Undo).unwrap();

        // Undo of an edit restores the previous record exactly, `modified` included.
        s.apply(edit(1, Edit::SetNote("n".into()), 99)).unwrap();
        s.apply(Action::Undo).unwrap();
        assert_eq!(s.get(id(1)), Some(&original));
        s.apply(Action::Redo).unwrap();
        assert_eq!(s.get(id(1)).unwrap().note, "n");
        assert_eq!(s.get(id(1)).unwrap().modified, Timestamp(99));

        // Undoing both creations leaves nothing; redo brings them back.
        while s.can_undo() {
            s.apply(Action::Undo).unwrap();
        }
        assert!(s.is_empty());
        assert_eq!(s.apply(Action::Undo), Err(ReduceError::NothingToUndo));
        s.apply(Action::Redo).unwrap();
        assert_eq!(ids(&s), vec![id(2)]);
    }

    #[test]
    fn a_new_action_clears_redo() {
        let mut s = two();
        s.apply(edit(1, Edit::SetNote("a".into()), 10)).unwrap();
        s.apply(Action::Undo).unwrap();
        assert!(s.can_redo());
        s.apply(edit(1, Edit::SetVerdict(Verdict::True), 20))
            .unwrap();
        assert!(!s.can_redo());
        assert_eq!(s.apply(Action::Redo), Err(ReduceError::NothingToRedo));
        assert_eq!(s.get(id(1)).unwrap().note, "");
    }

    #[test]
    fn typing_in_one_field_is_one_undo_step() {
        let mut s = two();
        for (i, note) in ["C", "Ch", "Che", "Chec", "Check"].iter().enumerate() {
            s.apply(edit(1, Edit::SetNote((*note).into()), 100 * i as i64))
                .unwrap();
        }
        // A pause longer than the coalescing window starts a new step.
        s.apply(edit(1, Edit::SetNote("Check it".into()), 5_000))
            .unwrap();
        s.apply(Action::Undo).unwrap();
        assert_eq!(s.get(id(1)).unwrap().note, "Check");
        s.apply(Action::Undo).unwrap();
        assert_eq!(s.get(id(1)).unwrap().note, "");
        // Undo then redo restores the typed text in one step too.
        s.apply(Action::Redo).unwrap();
        assert_eq!(s.get(id(1)).unwrap().note, "Check");
    }

    #[test]
    fn undo_goes_back_150_steps_and_history_is_capped() {
        let mut s = two();
        for i in 0..150 {
            s.apply(edit(1, Edit::SetTags(vec![format!("t{i}")]), i))
                .unwrap();
        }
        for _ in 0..150 {
            s.apply(Action::Undo).unwrap();
        }
        assert!(s.get(id(1)).unwrap().tags.is_empty());
        for _ in 0..150 {
            s.apply(Action::Redo).unwrap();
        }
        assert_eq!(s.get(id(1)).unwrap().tags, vec!["t149"]);

        for i in 0..(UNDO_LIMIT as i64 + 50) {
            s.apply(edit(1, Edit::SetTags(vec![format!("u{i}")]), i))
                .unwrap();
        }
        let mut n = 0;
        while s.apply(Action::Undo).is_ok() {
            n += 1;
        }
        assert_eq!(n, UNDO_LIMIT);
        assert_eq!(s.get(id(1)).unwrap().tags, vec!["u49"]);
    }

    #[test]
    fn load_and_remote_changes_leave_no_undo_step() {
        let mut s = Annotations::new(ARTICLE);
        let c = s
            .apply(Action::Load(vec![
                ann(2, Kind::Quote, 34, 65),
                ann(1, Kind::Claim, 9, 18),
            ]))
            .unwrap();
        assert!(c.reloaded && !c.save && c.touches(0, 1));
        assert_eq!(ids(&s), vec![id(1), id(2)]);
        assert!(!s.can_undo());

        // A local edit, then another tab edits the same annotation: undo must not revert it.
        s.apply(edit(1, Edit::SetNote("mine".into()), 10)).unwrap();
        s.apply(edit(2, Edit::SetNote("quote".into()), 10_000))
            .unwrap();
        let mut theirs = s.get(id(1)).unwrap().clone();
        theirs.note = "theirs".into();
        let c = s.apply(Action::Upsert(theirs.clone())).unwrap();
        assert_eq!((c.upserted, c.save), (vec![id(1)], false));
        s.apply(Action::Undo).unwrap();
        assert_eq!(s.get(id(2)).unwrap().note, "");
        assert_eq!(s.get(id(1)), Some(&theirs));
        assert!(!s.can_undo());

        // The same record again changes nothing.
        assert!(s.apply(Action::Upsert(theirs)).unwrap().is_empty());
        let c = s.apply(Action::Forget(id(1))).unwrap();
        assert_eq!((c.removed, c.save), (vec![id(1)], false));
        assert_eq!(ids(&s), vec![id(2)]);
    }
}
