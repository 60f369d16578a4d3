//! Arbitrary sequences of reducer actions (creates on valid and invalid spans, edits of every
//! field, deletes, undo and redo at arbitrary times, loads and reconciles) on a small
//! article. After every step the set must be consistent, and a refused action must change
//! nothing.
#![no_main]

use arbitrary::{Arbitrary, Result, Unstructured};
use article_annotator::core::model::{Annotation, Kind, Timestamp};
use article_annotator::core::reducer::{Action, Annotations, Edit};
use article_annotator_fuzz::{
    len_cp, link, quote, small_string, timestamp, verdict, ARTICLE, OTHER_ARTICLE, TEXT,
};
use libfuzzer_sys::fuzz_target;
use std::rc::Rc;
use uuid::Uuid;

/// One step: an action, or a reconcile built from the set as it is then.
#[derive(Debug)]
enum Step {
    Act(Action),
    /// Reconcile with the set's records: `drop` of them removed, `touch` of them changed
    /// (a new note), plus `extra` records (of this or another article).
    Reconcile {
        drop: Vec<u8>,
        touch: Vec<(u8, String, Timestamp)>,
        extra: Vec<Annotation>,
    },
}

fn id(u: &mut Unstructured) -> Result<Uuid> {
    Ok(Uuid::from_u128(u128::from(u.int_in_range(1..=8u8)?)))
}

fn annotation(u: &mut Unstructured) -> Result<Annotation> {
    let n = len_cp(TEXT);
    let start = u.int_in_range(0..=n + 2)?;
    let end = u.int_in_range(0..=n + 2)?;
    let kind = if u.arbitrary()? {
        Kind::Claim
    } else {
        Kind::Quote
    };
    let article = if u.ratio(1, 10)? {
        OTHER_ARTICLE
    } else {
        ARTICLE
    };
    let mut a = Annotation::new(id(u)?, article, kind, TEXT, start, end, timestamp(u)?);
    a.note = small_string(u, 20)?;
    Ok(a)
}

fn edit(u: &mut Unstructured) -> Result<Edit> {
    Ok(match u.int_in_range(0..=8u8)? {
        0 => Edit::SetNote(small_string(u, 30)?),
        1 => {
            let mut tags = Vec::new();
            for _ in 0..u.int_in_range(0..=3u8)? {
                tags.push(small_string(u, 12)?);
            }
            Edit::SetTags(tags)
        }
        2 => Edit::SetClaimant(small_string(u, 20)?),
        3 => Edit::SetVerdict(verdict(u)?),
        4 => {
            let mut links = Vec::new();
            for _ in 0..u.int_in_range(0..=3u8)? {
                links.extend(link(u)?);
            }
            Edit::SetEvidence(links)
        }
        5 => Edit::SetSpeaker(small_string(u, 20)?),
        6 => Edit::SetChecked(u.arbitrary()?),
        7 => Edit::SetSource(link(u)?),
        _ => {
            let n = len_cp(TEXT);
            Edit::Reanchor {
                start: u.int_in_range(0..=n + 2)?,
                end: u.int_in_range(0..=n + 2)?,
                quote: quote(u)?,
            }
        }
    })
}

impl<'a> Arbitrary<'a> for Step {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        Ok(match u.int_in_range(0..=10u8)? {
            0 | 1 => Step::Act(Action::Create(annotation(u)?)),
            2 | 3 => Step::Act(Action::Edit {
                id: id(u)?,
                edit: edit(u)?,
                now: timestamp(u)?,
            }),
            4 => Step::Act(Action::Delete(id(u)?)),
            5 => Step::Act(Action::Undo { now: timestamp(u)? }),
            6 => Step::Act(Action::Redo { now: timestamp(u)? }),
            10 => {
                // Some ids with their record now: a record of this article or another one
                // (with that id), or none (gone).
                let mut list = Vec::new();
                for _ in 0..u.int_in_range(0..=3u8)? {
                    let id = id(u)?;
                    let record = if u.arbitrary()? {
                        let mut a = annotation(u)?;
                        a.id = id;
                        Some(Rc::new(a))
                    } else {
                        None
                    };
                    list.push((id, record));
                }
                Step::Act(Action::ReconcileSome(list))
            }
            7 => {
                let mut list = Vec::new();
                for _ in 0..u.int_in_range(0..=3u8)? {
                    let mut a = annotation(u)?;
                    a.article_id = ARTICLE;
                    list.push(a);
                }
                Step::Act(Action::Load(list))
            }
            _ => Step::Reconcile {
                drop: u.arbitrary()?,
                touch: {
                    let mut t = Vec::new();
                    for _ in 0..u.int_in_range(0..=2u8)? {
                        t.push((u.arbitrary()?, small_string(u, 10)?, timestamp(u)?));
                    }
                    t
                },
                extra: {
                    let mut e = Vec::new();
                    for _ in 0..u.int_in_range(0..=2u8)? {
                        e.push(annotation(u)?);
                    }
                    e
                },
            },
        })
    }
}

#[derive(Debug)]
struct Input(Vec<Step>);

impl<'a> Arbitrary<'a> for Input {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let mut steps = Vec::new();
        while !u.is_empty() && steps.len() < 64 {
            steps.push(u.arbitrary()?);
        }
        Ok(Input(steps))
    }
}

/// The checks that hold after every step: the set is in text order with unique ids, every
/// annotation is found by its id and belongs to the article.
fn check(set: &Annotations) {
    let all: Vec<&Annotation> = set.iter().collect();
    assert_eq!(all.len(), set.len());
    assert_eq!(set.is_empty(), all.is_empty());
    for w in all.windows(2) {
        let k = |a: &Annotation| (a.start, a.end, a.created, a.id);
        assert!(
            k(w[0]) < k(w[1]),
            "not in text order: {:?} {:?}",
            w[0],
            w[1]
        );
    }
    let mut ids: Vec<Uuid> = all.iter().map(|a| a.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), all.len(), "an id twice");
    for a in &all {
        assert_eq!(set.get(a.id), Some(*a));
        assert_eq!(a.article_id, set.article_id());
    }
}

fuzz_target!(|input: Input| {
    let mut set = Annotations::new(ARTICLE);
    for step in input.0 {
        let action = match step {
            Step::Act(a) => a,
            Step::Reconcile { drop, touch, extra } => {
                let mut records: Vec<Rc<Annotation>> = set.iter_shared().cloned().collect();
                for (i, note, now) in touch {
                    if !records.is_empty() {
                        let i = usize::from(i) % records.len();
                        let mut a = (*records[i]).clone();
                        a.note = note;
                        a.modified = now;
                        records[i] = Rc::new(a);
                    }
                }
                for i in drop {
                    if !records.is_empty() {
                        let i = usize::from(i) % records.len();
                        records.remove(i);
                    }
                }
                records.extend(extra.into_iter().map(Rc::new));
                Action::Reconcile(records)
            }
        };
        let before = set.clone();
        let kind = match &action {
            Action::Create(_) | Action::Edit { .. } | Action::Delete(_) => 0,
            Action::Undo { .. } => 1,
            Action::Redo { .. } => 2,
            Action::Load(_) | Action::Reconcile(_) | Action::ReconcileSome(_) => 3,
        };
        let now = match &action {
            Action::Undo { now } | Action::Redo { now } => Some(*now),
            _ => None,
        };
        match set.apply(action) {
            Err(e) => assert_eq!(set, before, "refused ({e}) but changed"),
            Ok(change) => {
                for id in &change.upserted {
                    assert!(set.get(*id).is_some(), "upserted {id} missing");
                }
                for id in &change.removed {
                    assert!(set.get(*id).is_none(), "removed {id} present");
                }
                match kind {
                    0 if !change.is_empty() => {
                        assert!(change.save);
                        assert!(set.can_undo());
                        assert!(!set.can_redo());
                    }
                    1 => assert!(set.can_redo()),
                    2 => assert!(set.can_undo()),
                    3 => assert!(!change.save),
                    _ => {}
                }
                // A record that undo or redo puts back is stamped no earlier than `now`.
                if let Some(now) = now {
                    for id in &change.upserted {
                        let m = set.get(*id).map_or(Timestamp(i64::MAX), |a| a.modified);
                        assert!(m >= now, "restored {id} stamped {m:?} before {now:?}");
                    }
                }
            }
        }
        check(&set);
    }
});
