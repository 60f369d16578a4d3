//! Tests of the reducer: each action, undo and redo, and history across remote changes.

use super::*;
use crate::core::model::Kind;
use std::collections::BTreeMap;

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

/// Undo at a time before every edit of these tests, so that stamps come from the records.
const UNDO: Action = Action::Undo { now: Timestamp(0) };
/// Redo at a time before every edit of these tests.
const REDO: Action = Action::Redo { now: Timestamp(0) };

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
    let first = s.get_shared(id(1)).unwrap().clone();
    s.apply(Action::Reconcile(vec![first, Rc::new(orphan)]))
        .unwrap();
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
    s.apply(UNDO).unwrap();
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
    s.apply(UNDO).unwrap();
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

    let c = s.apply(UNDO).unwrap();
    assert_eq!((c.upserted.clone(), c.save), (vec![id(1)], true));
    assert_eq!(s.get(id(1)), Some(&original));
    assert!(s.can_redo());

    let c = s.apply(REDO).unwrap();
    assert_eq!(c.removed, vec![id(1)]);
    assert!(s.get(id(1)).is_none());
    s.apply(UNDO).unwrap();

    // Undo of an edit restores the previous record exactly, but for `modified`.
    s.apply(edit(1, Edit::SetNote("n".into()), 99)).unwrap();
    s.apply(Action::Undo {
        now: Timestamp(500),
    })
    .unwrap();
    let undone = s.get(id(1)).unwrap();
    assert_eq!(undone.modified, Timestamp(500));
    assert_eq!(
        Annotation {
            modified: original.modified,
            ..undone.clone()
        },
        original
    );
    s.apply(Action::Redo {
        now: Timestamp(600),
    })
    .unwrap();
    assert_eq!(s.get(id(1)).unwrap().note, "n");
    assert_eq!(s.get(id(1)).unwrap().modified, Timestamp(600));

    // Undoing both creations leaves nothing; redo brings them back.
    while s.can_undo() {
        s.apply(UNDO).unwrap();
    }
    assert!(s.is_empty());
    assert_eq!(s.apply(UNDO), Err(ReduceError::NothingToUndo));
    s.apply(REDO).unwrap();
    assert_eq!(ids(&s), vec![id(2)]);
}

#[test]
fn a_new_action_clears_redo() {
    let mut s = two();
    s.apply(edit(1, Edit::SetNote("a".into()), 10)).unwrap();
    s.apply(UNDO).unwrap();
    assert!(s.can_redo());
    s.apply(edit(1, Edit::SetVerdict(Verdict::True), 20))
        .unwrap();
    assert!(!s.can_redo());
    assert_eq!(s.apply(REDO), Err(ReduceError::NothingToRedo));
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
    s.apply(UNDO).unwrap();
    assert_eq!(s.get(id(1)).unwrap().note, "Check");
    s.apply(UNDO).unwrap();
    assert_eq!(s.get(id(1)).unwrap().note, "");
    // Undo then redo restores the typed text in one step too.
    s.apply(REDO).unwrap();
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
        s.apply(UNDO).unwrap();
    }
    assert!(s.get(id(1)).unwrap().tags.is_empty());
    for _ in 0..150 {
        s.apply(REDO).unwrap();
    }
    assert_eq!(s.get(id(1)).unwrap().tags, vec!["t149"]);

    for i in 0..(UNDO_LIMIT as i64 + 50) {
        s.apply(edit(1, Edit::SetTags(vec![format!("u{i}")]), i))
            .unwrap();
    }
    let mut n = 0;
    while s.apply(UNDO).is_ok() {
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
    let quote = s.get_shared(id(2)).unwrap().clone();
    let stored = vec![Rc::new(theirs.clone()), quote.clone()];
    let c = s.apply(Action::Reconcile(stored.clone())).unwrap();
    assert_eq!((c.upserted, c.save), (vec![id(1)], false));
    s.apply(UNDO).unwrap();
    assert_eq!(s.get(id(2)).unwrap().note, "");
    assert_eq!(s.get(id(1)), Some(&theirs));
    assert!(!s.can_undo());

    // The same records again change nothing; a record gone from storage is removed.
    let again = vec![Rc::new(theirs), s.get_shared(id(2)).unwrap().clone()];
    assert!(s.apply(Action::Reconcile(again)).unwrap().is_empty());
    let only_quote = vec![s.get_shared(id(2)).unwrap().clone()];
    let c = s.apply(Action::Reconcile(only_quote)).unwrap();
    assert_eq!((c.removed, c.save), (vec![id(1)], false));
    assert_eq!(ids(&s), vec![id(2)]);
}

#[test]
fn undo_and_redo_stamp_modified_later_than_the_record_they_replace() {
    let mut s = two();
    s.apply(edit(1, Edit::SetNote("n".into()), 1_000)).unwrap();
    // The clock reads later than every record: the restored record gets the clock's time.
    s.apply(Action::Undo {
        now: Timestamp(5_000),
    })
    .unwrap();
    assert_eq!(s.get(id(1)).unwrap().modified, Timestamp(5_000));
    assert_eq!(s.get(id(1)).unwrap().note, "");
    // The clock reads earlier than the record it replaces (set back, or another tab's clock
    // ahead): one millisecond later than that record, so that it still wins the merge.
    s.apply(Action::Redo { now: Timestamp(10) }).unwrap();
    assert_eq!(s.get(id(1)).unwrap().modified, Timestamp(5_001));
    assert_eq!(s.get(id(1)).unwrap().note, "n");
    // Undoing a deletion puts the record back with the later of its own time and the clock.
    s.apply(Action::Delete(id(2))).unwrap();
    s.apply(Action::Undo { now: Timestamp(1) }).unwrap();
    assert_eq!(s.get(id(2)).unwrap().modified, Timestamp(2));
    s.apply(Action::Redo { now: Timestamp(1) }).unwrap();
    s.apply(Action::Undo {
        now: Timestamp(7_000),
    })
    .unwrap();
    assert_eq!(s.get(id(2)).unwrap().modified, Timestamp(7_000));
}

/// What the shell stores after `change`: the set's record of every upserted id (a copy, as
/// the library holds its own `Rc`), nothing for removed ones.
fn store(library: &mut BTreeMap<Uuid, Rc<Annotation>>, s: &Annotations, change: &Change) {
    for id in &change.upserted {
        if let Some(a) = s.get(*id) {
            library.insert(*id, Rc::new(a.clone()));
        }
    }
    for id in &change.removed {
        library.remove(id);
    }
}

fn reconcile(library: &BTreeMap<Uuid, Rc<Annotation>>) -> Action {
    Action::Reconcile(library.values().cloned().collect())
}

/// `two()` with an edit of each annotation, and the library that stores all of it.
fn edited_and_stored() -> (Annotations, BTreeMap<Uuid, Rc<Annotation>>) {
    let mut s = Annotations::new(ARTICLE);
    let mut library = BTreeMap::new();
    for action in [
        Action::Create(ann(2, Kind::Quote, 34, 65)),
        Action::Create(ann(1, Kind::Claim, 9, 18)),
        edit(1, Edit::SetNote("mine".into()), 10),
        edit(2, Edit::SetSpeaker("Tillerson".into()), 5_000),
    ] {
        let c = s.apply(action).unwrap();
        store(&mut library, &s, &c);
    }
    (s, library)
}

#[test]
fn a_rename_keeps_the_undo_history() {
    // Issue 10, defect 4: a rename reconciles the open article with the library, whose
    // records are the same: nothing changes and every step can still be undone.
    let (mut s, library) = edited_and_stored();
    let before = s.clone();
    let c = s.apply(reconcile(&library)).unwrap();
    assert!(c.is_empty(), "{c:?}");
    assert_eq!(s, before);
    // The same when the library shares the set's records, as the shell stores them.
    let shared: Vec<Rc<Annotation>> = s
        .iter()
        .filter_map(|a| s.get_shared(a.id))
        .cloned()
        .collect();
    assert!(s.apply(Action::Reconcile(shared)).unwrap().is_empty());
    assert_eq!(s, before);
    s.apply(UNDO).unwrap();
    assert_eq!(s.get(id(2)).unwrap().who(), "");
    s.apply(UNDO).unwrap();
    assert_eq!(s.get(id(1)).unwrap().note, "");
}

#[test]
fn a_reconcile_after_undo_keeps_undo_and_redo() {
    // Issue 10, defect 4: after an undo the shell stores the record the reducer holds, stamped
    // by the reducer; reconciling with it changes nothing and keeps both histories.
    let (mut s, mut library) = edited_and_stored();
    let c = s
        .apply(Action::Undo {
            now: Timestamp(9_000),
        })
        .unwrap();
    store(&mut library, &s, &c);
    assert_eq!(library[&id(2)].modified, Timestamp(9_000));
    let c = s.apply(reconcile(&library)).unwrap();
    assert!(c.is_empty(), "{c:?}");
    assert!(s.can_undo() && s.can_redo());
    let c = s
        .apply(Action::Redo {
            now: Timestamp(9_500),
        })
        .unwrap();
    store(&mut library, &s, &c);
    assert!(s.apply(reconcile(&library)).unwrap().is_empty());
    assert_eq!(s.get(id(2)).unwrap().who(), "Tillerson");
    s.apply(UNDO).unwrap();
    s.apply(UNDO).unwrap();
    assert_eq!(s.get(id(1)).unwrap().note, "");
}

#[test]
fn a_remote_change_drops_only_its_annotations_steps() {
    let (mut s, mut library) = edited_and_stored();
    // Another tab changes the claim (id 1) and deletes nothing.
    let mut theirs = s.get(id(1)).unwrap().clone();
    theirs.note = "theirs".into();
    theirs.modified = Timestamp(20_000);
    library.insert(id(1), Rc::new(theirs.clone()));
    let c = s.apply(reconcile(&library)).unwrap();
    assert_eq!(
        (c.upserted, c.removed, c.save),
        (vec![id(1)], vec![], false)
    );
    assert_eq!(c.spans, vec![(9, 18), (9, 18)]);
    assert_eq!(s.get(id(1)), Some(&theirs));
    // The quote's steps survive: its edit and its creation can be undone, in that order. The
    // claim's steps (its creation and the note) are gone, so undo never reverts "theirs".
    s.apply(UNDO).unwrap();
    assert_eq!(s.get(id(2)).unwrap().who(), "");
    s.apply(UNDO).unwrap();
    assert!(s.get(id(2)).is_none());
    assert_eq!(s.apply(UNDO), Err(ReduceError::NothingToUndo));
    assert_eq!(s.get(id(1)), Some(&theirs));
}

#[test]
fn reconcile_removes_what_is_gone_and_ignores_other_articles() {
    let (mut s, mut library) = edited_and_stored();
    library.remove(&id(2));
    let mut elsewhere = ann(3, Kind::Claim, 0, 3);
    elsewhere.article_id = id(99);
    let mut stored: Vec<Rc<Annotation>> = library.values().cloned().collect();
    stored.push(Rc::new(elsewhere));
    // An id given twice: the first record counts.
    let mut second = (*library[&id(1)]).clone();
    second.note = "second".into();
    stored.push(Rc::new(second));
    let c = s.apply(Action::Reconcile(stored)).unwrap();
    assert_eq!((c.upserted, c.removed), (vec![], vec![id(2)]));
    assert_eq!(ids(&s), vec![id(1)]);
    assert_eq!(s.get(id(1)).unwrap().note, "mine");
    // The claim's steps survive (its note, then its creation); the quote's are gone.
    s.apply(UNDO).unwrap();
    assert_eq!(s.get(id(1)).unwrap().note, "");
    s.apply(UNDO).unwrap();
    assert!(s.is_empty());
    assert!(!s.can_undo());
    // An empty library empties the set.
    let c = s.apply(Action::Reconcile(Vec::new())).unwrap();
    assert!(c.is_empty());
    s.apply(REDO).unwrap();
    let c = s.apply(Action::Reconcile(Vec::new())).unwrap();
    assert_eq!(c.removed, vec![id(1)]);
    assert!(s.is_empty() && !s.can_undo() && !s.can_redo());
}

#[test]
fn evidence_links_given_twice_are_kept_once() {
    // Issue 10, defect 7: duplicate links became duplicate keys in the interface.
    let mut s = two();
    let (a, b) = (url("https://a.example/ç"), url("https://b.example/"));
    s.apply(edit(
        1,
        Edit::SetEvidence(vec![b.clone(), a.clone(), b.clone(), a.clone()]),
        10,
    ))
    .unwrap();
    assert_eq!(
        s.get(id(1)).unwrap().claim().unwrap().evidence,
        vec![b.clone(), a.clone()]
    );
    // Setting the same links again, duplicated differently, changes nothing.
    let c = s
        .apply(edit(
            1,
            Edit::SetEvidence(vec![b.clone(), b.clone(), a.clone()]),
            20,
        ))
        .unwrap();
    assert!(c.is_empty());
    // A created claim keeps each link once too.
    let mut claim = ann(3, Kind::Claim, 0, 8);
    if let Body::Claim(c) = &mut claim.body {
        c.evidence = vec![a.clone(), a.clone(), b.clone()];
    }
    s.apply(Action::Create(claim)).unwrap();
    assert_eq!(s.get(id(3)).unwrap().claim().unwrap().evidence, vec![a, b]);
}

#[test]
fn reconcile_some_touches_only_the_ids_given_and_keeps_other_history() {
    let mut s = Annotations::new(ARTICLE);
    s.apply(Action::Load(vec![
        ann(1, Kind::Claim, 9, 18),
        ann(2, Kind::Quote, 34, 65),
    ]))
    .unwrap();
    s.apply(edit(2, Edit::SetNote("mine".into()), 10)).unwrap();
    let mut theirs = s.get(id(1)).unwrap().clone();
    theirs.note = "imported".into();
    let mut elsewhere = ann(3, Kind::Claim, 0, 4);
    elsewhere.article_id = Uuid::from_u128(77);
    let c = s
        .apply(Action::ReconcileSome(vec![
            (id(1), Some(Rc::new(theirs.clone()))),
            (id(4), Some(Rc::new(ann(4, Kind::Claim, 0, 4)))),
            (id(3), Some(Rc::new(elsewhere))),
        ]))
        .unwrap();
    assert_eq!((c.upserted, c.save), (vec![id(1), id(4)], false));
    assert_eq!(s.get(id(1)), Some(&theirs));
    assert_eq!(ids(&s), vec![id(4), id(1), id(2)]);
    // The untouched annotation keeps its undo step.
    assert!(s.can_undo());
    s.apply(UNDO).unwrap();
    assert_eq!(s.get(id(2)).unwrap().note, "");
    // The same record again changes nothing; a record that is gone, or moved to another
    // article, is removed; an unknown id that is gone changes nothing.
    assert!(s
        .apply(Action::ReconcileSome(vec![(
            id(1),
            Some(Rc::new(theirs.clone()))
        )]))
        .unwrap()
        .is_empty());
    let mut moved = ann(4, Kind::Claim, 0, 4);
    moved.article_id = Uuid::from_u128(77);
    let c = s
        .apply(Action::ReconcileSome(vec![
            (id(1), None),
            (id(4), Some(Rc::new(moved))),
            (id(9), None),
        ]))
        .unwrap();
    assert_eq!(c.removed, vec![id(1), id(4)]);
    assert_eq!(ids(&s), vec![id(2)]);
}

/// Found by the `reducer` fuzz target (fuzz/regressions/reducer): an id given twice, first
/// with a record and then without, was put and then removed, and the change named it as both.
#[test]
fn reconcile_some_takes_the_first_record_of_an_id_given_twice() {
    let mut s = Annotations::new(ARTICLE);
    let a = Rc::new(ann(1, Kind::Claim, 9, 18));
    let c = s
        .apply(Action::ReconcileSome(vec![
            (id(1), Some(a.clone())),
            (id(1), None),
        ]))
        .unwrap();
    assert_eq!((c.upserted, c.removed), (vec![id(1)], vec![]));
    assert_eq!(s.get(id(1)), Some(a.as_ref()));
    let c = s
        .apply(Action::ReconcileSome(vec![(id(1), None), (id(1), Some(a))]))
        .unwrap();
    assert_eq!((c.upserted, c.removed), (vec![], vec![id(1)]));
    assert!(s.is_empty());
}

#[test]
fn copying_a_check_is_one_step_and_keeps_what_the_claim_had() {
    let mut s = two();
    s.apply(edit(1, Edit::SetNote("Mine.".into()), 100))
        .unwrap();
    s.apply(edit(
        1,
        Edit::SetEvidence(vec![url("https://a.example/")]),
        101,
    ))
    .unwrap();
    let before = s.get(id(1)).unwrap().clone();
    let copy = Edit::CopyCheck {
        verdict: Verdict::Misleading,
        note: "Checked in March.".into(),
        evidence: vec![url("https://b.example/"), url("https://a.example/")],
    };
    s.apply(edit(1, copy.clone(), 200)).unwrap();
    let a = s.get(id(1)).unwrap();
    assert_eq!(a.claim().unwrap().verdict, Verdict::Misleading);
    assert_eq!(a.note, "Mine.\n\nChecked in March.");
    assert_eq!(
        a.claim().unwrap().evidence,
        vec![url("https://a.example/"), url("https://b.example/")]
    );
    // Copying the same check again changes nothing.
    let again = s.apply(edit(1, copy, 300)).unwrap();
    assert!(again.is_empty());
    // One undo step puts everything back.
    s.apply(UNDO).unwrap();
    let back = s.get(id(1)).unwrap();
    assert_eq!(back.note, before.note);
    assert_eq!(back.body, before.body);
    // A quote has no check to copy onto.
    assert!(s
        .apply(edit(
            2,
            Edit::CopyCheck {
                verdict: Verdict::True,
                note: String::new(),
                evidence: Vec::new()
            },
            400
        ))
        .is_err());
}
