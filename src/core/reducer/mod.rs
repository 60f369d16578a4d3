//! Every change to one article's annotations, as plain actions through one reducer.
//!
//! [`Annotations::apply`] is the only way to change the set. Each action that a person takes
//! (create, edit, delete) records its exact inverse, so [`Action::Undo`] and [`Action::Redo`]
//! restore every field of a record exactly but `modified`, which they stamp with the time of the
//! undo or redo, later than the record it replaces: the restored record is the latest change,
//! so it wins over the replaced one in every other tab (later `modified` wins), and the record
//! the reducer holds is the record the shell stores. Actions that only bring the set in line
//! with storage or with another tab record nothing: [`Action::Load`] clears the history, and
//! [`Action::Reconcile`] drops the undo and redo steps of exactly the annotations whose records
//! it changed.
//!
//! Every successful action returns a [`Change`]: the ids the shell must write or delete in
//! storage, and the code point spans whose blocks it must render again. Nothing else changed.
//!
//! The core has no clock: edits carry the time (`now`) that the shell read, so the reducer is
//! deterministic and its tests need no time source.

use crate::core::model::{
    unique_links, Anchoring, Annotation, Body, HttpUrl, Kind, TextQuote, Timestamp, Verdict,
};
use crate::core::sort::{SortedMap, SortedSet};
use std::collections::VecDeque;
use std::fmt;
use std::rc::Rc;
use uuid::Uuid;

mod change;

pub use change::{blocks_touching, Change};

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
    /// Sets a claim's evidence links (claims only); a link given twice is kept once, where
    /// it first appears.
    SetEvidence(Vec<HttpUrl>),
    /// Sets who said a quote (quotes only).
    SetSpeaker(String),
    /// Sets whether a quote was checked against a source (quotes only).
    SetChecked(bool),
    /// Sets the source a quote was checked against (quotes only).
    SetSource(Option<HttpUrl>),
    /// Copies an earlier claim's check onto this claim in one undoable step (claims only): its
    /// verdict replaces this one's; its note is added after this one's (or becomes it, when
    /// this one has none), and its evidence links after this one's, a link given twice kept
    /// once. Nothing the user wrote is lost.
    CopyCheck {
        verdict: Verdict,
        note: String,
        evidence: Vec<HttpUrl>,
    },
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
            Edit::CopyCheck { .. } => "check",
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
    /// Adds a new annotation (undoable). Its span must be non-empty and its id new. A claim's
    /// evidence link given twice is kept once, where it first appears.
    Create(Annotation),
    /// Changes one field of one annotation and sets its `modified` to `now` (undoable).
    Edit {
        id: Uuid,
        edit: Edit,
        now: Timestamp,
    },
    /// Deletes an annotation (undoable).
    Delete(Uuid),
    /// Reverses the last undoable step. A record it puts back gets `modified` = the latest of
    /// `now`, its own `modified`, and one millisecond after the `modified` of the record it
    /// replaces, so that it wins over that record wherever the two meet.
    Undo { now: Timestamp },
    /// Repeats the last undone step, stamping `modified` as [`Action::Undo`] does. Any other
    /// undoable action clears what can be redone.
    Redo { now: Timestamp },
    /// Replaces the whole set (as read from storage) and clears undo and redo. Records are
    /// taken as they are; the caller passes only this article's records.
    Load(Vec<Annotation>),
    /// Brings the set in line with the stored records of this article (the shell passes the
    /// library's records after another tab, a rename or an import changed the library):
    /// records that differ from the set's are put, annotations without a record are removed,
    /// and records of other articles are ignored (so the shell may pass the whole library). If
    /// an id appears twice, its first record counts. Nothing is recorded for undo, and only
    /// the undo and redo steps of annotations whose record changed are dropped: a reconcile
    /// with the records the set holds already (after a rename, or after this tab's own changes
    /// were stored) changes nothing and keeps the whole history.
    Reconcile(Vec<Rc<Annotation>>),
    /// [`Action::Reconcile`] for some annotations only, in time proportional to their number:
    /// each id with its stored record now (`None`: it has none any more). A record of this
    /// article that differs from the set's is put; an id whose record is gone or belongs to
    /// another article is removed; nothing else changes. Used as an import's records arrive,
    /// batch by batch. If an id appears twice, its first record counts.
    ReconcileSome(Vec<(Uuid, Option<Rc<Annotation>>)>),
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
    by_key: SortedMap<Key, Rc<Annotation>>,
    keys: SortedMap<Uuid, Key>,
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

    /// The annotation with this id, as the shared record the set holds (the shell stores this
    /// `Rc` in its library, so that a later [`Action::Reconcile`] recognises it by pointer).
    pub fn get_shared(&self, id: Uuid) -> Option<&Rc<Annotation>> {
        self.keys.get(&id).and_then(|k| self.by_key.get(k))
    }

    /// All annotations in text order.
    pub fn iter(&self) -> impl Iterator<Item = &Annotation> + Clone + '_ {
        self.by_key.values().map(|a| &**a)
    }

    /// All annotations in text order, as the shared records the set holds: two sets that hold
    /// the same record give the same pointer.
    pub fn iter_shared(&self) -> impl Iterator<Item = &Rc<Annotation>> + Clone + '_ {
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
                let mut a = a;
                if let Body::Claim(c) = &mut a.body {
                    c.evidence = unique_links(std::mem::take(&mut c.evidence));
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
            Action::Undo { now } => {
                let step = self.undo.pop_back().ok_or(ReduceError::NothingToUndo)?;
                let op = self.stamped(step.inverse, now);
                let (inverse, mut change) = self.run(op);
                self.redo.push(Step {
                    inverse,
                    typing: None,
                });
                change.save = true;
                Ok(change)
            }
            Action::Redo { now } => {
                let step = self.redo.pop().ok_or(ReduceError::NothingToRedo)?;
                let op = self.stamped(step.inverse, now);
                let (inverse, mut change) = self.run(op);
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
            Action::Reconcile(stored) => Ok(self.reconcile(stored)),
            Action::ReconcileSome(records) => {
                let mut change = Change::default();
                let mut seen = SortedSet::new();
                for (id, record) in records {
                    // As for `Reconcile`, an id's first record counts.
                    if !seen.insert(id) {
                        continue;
                    }
                    match record {
                        Some(a) if a.article_id == self.article_id && a.id == id => {
                            let same = self
                                .get_shared(id)
                                .is_some_and(|held| Rc::ptr_eq(held, &a) || **held == *a);
                            if !same {
                                self.forget_history(id);
                                change.extend(self.run(Op::Put(a)).1);
                            }
                        }
                        _ => {
                            if self.get(id).is_some() {
                                self.forget_history(id);
                                change.extend(self.run(Op::Remove(id)).1);
                            }
                        }
                    }
                }
                Ok(change)
            }
        }
    }

    /// Carries out [`Action::Reconcile`].
    fn reconcile(&mut self, stored: Vec<Rc<Annotation>>) -> Change {
        let mut change = Change::default();
        let mut seen = SortedSet::new();
        for a in stored {
            if a.article_id != self.article_id || !seen.insert(a.id) {
                continue;
            }
            let same = self
                .get_shared(a.id)
                .is_some_and(|held| Rc::ptr_eq(held, &a) || **held == *a);
            if !same {
                self.forget_history(a.id);
                change.extend(self.run(Op::Put(a)).1);
            }
        }
        let gone: Vec<Uuid> = self
            .keys
            .keys()
            .filter(|id| !seen.contains(*id))
            .copied()
            .collect();
        for id in gone {
            self.forget_history(id);
            change.extend(self.run(Op::Remove(id)).1);
        }
        change
    }

    /// `op` with the record it puts stamped as [`Action::Undo`] documents.
    fn stamped(&self, op: Op, now: Timestamp) -> Op {
        let Op::Put(a) = op else {
            return op;
        };
        let after_current = self.get(a.id).map_or(Timestamp(i64::MIN), |cur| {
            Timestamp(cur.modified.0.saturating_add(1))
        });
        let stamp = now.max(a.modified).max(after_current);
        if stamp == a.modified {
            return Op::Put(a);
        }
        let mut b = (*a).clone();
        b.modified = stamp;
        Op::Put(Rc::new(b))
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
        (Body::Claim(c), Edit::SetEvidence(e)) => c.evidence = unique_links(e),
        (
            Body::Claim(c),
            Edit::CopyCheck {
                verdict,
                note,
                evidence,
            },
        ) => {
            c.verdict = verdict;
            c.evidence = unique_links(c.evidence.iter().cloned().chain(evidence));
            let (mine, theirs) = (a.note.trim(), note.trim());
            a.note = match (mine.is_empty(), theirs.is_empty() || mine.contains(theirs)) {
                (_, true) => a.note.clone(),
                (true, false) => theirs.to_owned(),
                (false, false) => format!("{mine}\n\n{theirs}"),
            };
        }
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
        if !t.is_empty() && !out.iter().any(|o| crate::core::case::eq_ignore_case(o, t)) {
            out.push(t.to_owned());
        }
    }
    out
}

#[cfg(test)]
mod prop_tests;
#[cfg(test)]
mod tests;
