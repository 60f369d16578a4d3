//! The reducer's property test: random sequences of actions on a small article.
//!
//! After every action: a refused action changed nothing (history included); the [`Change`]
//! names exactly the annotations whose records differ, with their old and new spans; and
//! reconciling with the records the shell stored for the change changes nothing, history
//! included. After the sequence: undoing every step gives the start, and redoing as many steps
//! gives the end (every field but `modified`, which undo and redo stamp).

use super::*;
use crate::core::offsets::cp_len;
use proptest::prelude::*;

const TEXT: &str = "Minister Çavuşoğlu\u{a0} stated that “Together, we share a resolve.”\nIt ends.";
const ARTICLE: Uuid = Uuid::from_u128(1);

/// Links, some given twice by the strategies below.
const LINKS: [&str; 3] = [
    "https://a.example/ç",
    "https://b.example/",
    "http://c.example/?q=1",
];

/// One step of a random sequence. Targets are indices into the set, taken modulo its size;
/// `None` names an id the set does not hold.
#[derive(Debug, Clone)]
enum Step {
    Create {
        claim: bool,
        start: usize,
        len: usize,
        links: Vec<usize>,
    },
    Edit(Option<usize>, EditSpec),
    Delete(Option<usize>),
    Undo,
    Redo,
}

/// An edit, with links and spans as small numbers.
#[derive(Debug, Clone)]
enum EditSpec {
    Note(String),
    Tags(Vec<String>),
    Claimant(String),
    Verdict(usize),
    Evidence(Vec<usize>),
    Speaker(String),
    Checked(bool),
    Source(Option<usize>),
    Reanchor { start: usize, len: usize },
}

fn link(i: usize) -> HttpUrl {
    HttpUrl::parse(LINKS[i % LINKS.len()]).expect("test link")
}

fn words() -> impl Strategy<Value = String> {
    "[aÇş“ ]{0,4}"
}

fn edit_spec() -> impl Strategy<Value = EditSpec> {
    prop_oneof![
        words().prop_map(EditSpec::Note),
        proptest::collection::vec("[aA ]{0,2}", 0..4).prop_map(EditSpec::Tags),
        words().prop_map(EditSpec::Claimant),
        (0usize..8).prop_map(EditSpec::Verdict),
        proptest::collection::vec(0usize..3, 0..5).prop_map(EditSpec::Evidence),
        words().prop_map(EditSpec::Speaker),
        any::<bool>().prop_map(EditSpec::Checked),
        proptest::option::of(0usize..3).prop_map(EditSpec::Source),
        (0usize..80, 0usize..10).prop_map(|(start, len)| EditSpec::Reanchor { start, len }),
    ]
}

fn target() -> impl Strategy<Value = Option<usize>> {
    prop_oneof![9 => (0usize..8).prop_map(Some), 1 => Just(None)]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (any::<bool>(), 0usize..80, 0usize..12, proptest::collection::vec(0usize..3, 0..4))
            .prop_map(|(claim, start, len, links)| Step::Create { claim, start, len, links }),
        6 => (target(), edit_spec()).prop_map(|(t, e)| Step::Edit(t, e)),
        1 => target().prop_map(Step::Delete),
        2 => Just(Step::Undo),
        1 => Just(Step::Redo),
    ]
}

/// The action for `step` on `s` at `now`; `next_id` numbers created annotations.
fn action(s: &Annotations, step: Step, now: Timestamp, next_id: &mut u128) -> Action {
    let len = cp_len(TEXT);
    let pick = |t: Option<usize>| match t {
        Some(i) if !s.is_empty() => s.iter().nth(i % s.len()).map_or(Uuid::nil(), |a| a.id),
        _ => Uuid::from_u128(9_999),
    };
    match step {
        Step::Create {
            claim,
            start,
            len: n,
            links,
        } => {
            *next_id += 1;
            let kind = if claim { Kind::Claim } else { Kind::Quote };
            let (start, end) = (start.min(len), (start + n).min(len));
            let mut a = Annotation::new(
                Uuid::from_u128(*next_id),
                ARTICLE,
                kind,
                TEXT,
                start,
                end,
                now,
            );
            if let Body::Claim(c) = &mut a.body {
                c.evidence = links.into_iter().map(link).collect();
            }
            Action::Create(a)
        }
        Step::Edit(t, spec) => {
            let edit = match spec {
                EditSpec::Note(n) => Edit::SetNote(n),
                EditSpec::Tags(t) => Edit::SetTags(t),
                EditSpec::Claimant(c) => Edit::SetClaimant(c),
                EditSpec::Verdict(v) => Edit::SetVerdict(Verdict::ALL[v % Verdict::ALL.len()]),
                EditSpec::Evidence(l) => Edit::SetEvidence(l.into_iter().map(link).collect()),
                EditSpec::Speaker(w) => Edit::SetSpeaker(w),
                EditSpec::Checked(b) => Edit::SetChecked(b),
                EditSpec::Source(l) => Edit::SetSource(l.map(link)),
                EditSpec::Reanchor { start, len: n } => {
                    let (start, end) = (start.min(len), (start + n).min(len));
                    Edit::Reanchor {
                        start,
                        end,
                        quote: TextQuote::from_span(TEXT, start, end),
                    }
                }
            };
            Action::Edit {
                id: pick(t),
                edit,
                now,
            }
        }
        Step::Delete(t) => Action::Delete(pick(t)),
        Step::Undo => Action::Undo { now },
        Step::Redo => Action::Redo { now },
    }
}

/// The records of `s` in its order, with `modified` cleared.
fn unstamped(s: &Annotations) -> Vec<Annotation> {
    s.iter()
        .map(|a| Annotation {
            modified: Timestamp(0),
            ..a.clone()
        })
        .collect()
}

/// Checks that `change` names exactly what differs between `before` and `after`.
fn check_change(
    before: &Annotations,
    after: &Annotations,
    change: &Change,
) -> Result<(), TestCaseError> {
    let ids: std::collections::BTreeSet<Uuid> =
        before.iter().chain(after.iter()).map(|a| a.id).collect();
    for id in ids {
        let (old, new) = (before.get(id), after.get(id));
        let named = change.upserted.contains(&id) || change.removed.contains(&id);
        prop_assert_eq!(old != new, named, "{:?}: {:?}", id, change);
        prop_assert_eq!(change.removed.contains(&id), old.is_some() && new.is_none());
        if change.upserted.contains(&id) {
            prop_assert!(new.is_some());
        }
        for a in [old, new].into_iter().flatten().filter(|_| named) {
            prop_assert!(change.spans.contains(&(a.start, a.end)), "{:?}", change);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn undoing_everything_gives_the_start_and_redoing_gives_the_end(
        initial in proptest::collection::vec((any::<bool>(), 0usize..70, 1usize..10), 0..4),
        steps in proptest::collection::vec((step(), 0i64..1_500), 0..60),
    ) {
        let len = cp_len(TEXT);
        let mut s = Annotations::new(ARTICLE);
        let records: Vec<Annotation> = initial
            .iter()
            .enumerate()
            .map(|(n, &(claim, start, w))| {
                let kind = if claim { Kind::Claim } else { Kind::Quote };
                let start = start.min(len - 1);
                let end = (start + w).min(len);
                let t = Timestamp(n as i64);
                Annotation::new(Uuid::from_u128(n as u128 + 10), ARTICLE, kind, TEXT, start, end, t)
            })
            .collect();
        s.apply(Action::Load(records)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut library: crate::core::sort::SortedMap<Uuid, Rc<Annotation>> =
            s.iter().map(|a| (a.id, Rc::new(a.clone()))).collect();
        let start = s.clone();

        let mut now = 1_000;
        let mut next_id = 100;
        for (step, gap) in steps {
            now += gap;
            let action = action(&s, step, Timestamp(now), &mut next_id);
            let before = s.clone();
            match s.apply(action) {
                Err(_) => prop_assert_eq!(&s, &before),
                Ok(change) => {
                    check_change(&before, &s, &change)?;
                    // What the shell stores: the set's own records.
                    for id in &change.upserted {
                        if let Some(a) = s.get(*id) {
                            library.insert(*id, Rc::new(a.clone()));
                        }
                    }
                    for id in &change.removed {
                        library.remove(id);
                    }
                }
            }
            // Reconciling with what was stored changes nothing and keeps the history.
            let held = s.clone();
            let c = s.apply(Action::Reconcile(library.values().cloned().collect()));
            prop_assert_eq!(c, Ok(Change::default()));
            prop_assert_eq!(&s, &held);
        }

        let end = s.clone();
        let mut undone = 0;
        loop {
            now += 1;
            match s.apply(Action::Undo { now: Timestamp(now) }) {
                Ok(_) => undone += 1,
                Err(e) => {
                    prop_assert_eq!(e, ReduceError::NothingToUndo);
                    break;
                }
            }
        }
        prop_assert!(undone <= UNDO_LIMIT);
        prop_assert_eq!(unstamped(&s), unstamped(&start));
        for _ in 0..undone {
            now += 1;
            s.apply(Action::Redo { now: Timestamp(now) })
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
        prop_assert_eq!(unstamped(&s), unstamped(&end));
        prop_assert_eq!(s.can_undo(), end.can_undo());
        prop_assert_eq!(s.can_redo(), end.can_redo());
    }
}
