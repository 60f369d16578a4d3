use super::*;
use crate::core::model::{Annotation, Kind, Timestamp};
use crate::core::sort::SortedMap;
use proptest::prelude::*;

const PAIRS: &str = include_str!("pairs.tsv");

/// The labelled pairs: (same, a, b).
fn pairs() -> Vec<(bool, &'static str, &'static str)> {
    PAIRS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut f = l.split('\t');
            let label = f.next().unwrap();
            assert!(label == "same" || label == "different", "{l}");
            (label == "same", f.next().unwrap(), f.next().unwrap())
        })
        .collect()
}

/// Precision, recall and F1 of "repeat at threshold t" on the labelled pairs.
fn scores(t: f32) -> (f32, f32, f32) {
    let (mut tp, mut fp, mut fneg) = (0.0f32, 0.0f32, 0.0f32);
    for (same, a, b) in pairs() {
        let said = numbers_agree(a, b) && similarity(a, b) >= t;
        match (said, same) {
            (true, true) => tp += 1.0,
            (true, false) => fp += 1.0,
            (false, true) => fneg += 1.0,
            _ => {}
        }
    }
    let p = tp / (tp + fp).max(1.0);
    let r = tp / (tp + fneg).max(1.0);
    (
        p,
        r,
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        },
    )
}

#[test]
fn the_threshold_is_the_best_of_the_sweep_on_the_labelled_pairs() {
    let ps = pairs();
    assert!(ps.iter().filter(|p| p.0).count() >= 30);
    assert!(ps.iter().filter(|p| !p.0).count() >= 30);
    let sweep: Vec<(f32, (f32, f32, f32))> = (4..=16)
        .map(|i| i as f32 * 0.05)
        .map(|t| (t, scores(t)))
        .collect();
    let best = sweep
        .iter()
        .fold(None::<(f32, (f32, f32, f32))>, |best, &(t, s)| match best {
            Some((_, b)) if b.2 >= s.2 => best,
            _ => Some((t, s)),
        })
        .unwrap();
    let table: Vec<String> = sweep
        .iter()
        .map(|(t, (p, r, f))| format!("{t:.2}: P {p:.3} R {r:.3} F1 {f:.3}"))
        .collect();
    assert!(
        (best.0 - THRESHOLD).abs() < 1e-4,
        "the best threshold on the pairs is {:.2}, not {THRESHOLD}:\n{}",
        best.0,
        table.join("\n")
    );
    let (p, r, f) = scores(THRESHOLD);
    assert!(
        f >= 0.9,
        "F1 {f:.3} (P {p:.3}, R {r:.3})\n{}",
        table.join("\n")
    );
}

#[test]
fn numbers_are_read_as_values() {
    let n = |s: &str| normalise(s).numbers;
    assert_eq!(n("19,000 jobs"), vec!["19000"]);
    assert_eq!(n("19000 jobs"), vec!["19000"]);
    assert_eq!(n("19 000 jobs"), vec!["19000"]);
    assert_eq!(n("19\u{202f}000 jobs"), vec!["19000"]);
    assert_eq!(n("19k jobs"), vec!["19000"]);
    assert_eq!(n("19 thousand jobs"), vec!["19000"]);
    assert_eq!(n("1.5 million homes"), n("1,500,000 homes"));
    assert_eq!(n("2,5 Prozent"), vec!["2.5"]);
    assert_eq!(n("1.234.567,5"), vec!["1234567.5"]);
    assert_eq!(n("3.50 dollars"), vec!["3.5"]);
    assert_eq!(n("seven of ten"), vec!["10", "7"]);
    assert_eq!(n("£2bn"), vec!["2000000000"]);
    // A year is not the first group of a larger number.
    assert_eq!(n("in 2019 500 people"), vec!["2019", "500"]);
    assert_eq!(normalise("4%").tokens, vec!["4", "percent"]);
    assert_eq!(normalise("4 per cent").tokens, vec!["4", "percent"]);
    assert_eq!(normalise("Don’t STOP").tokens, vec!["dont", "stop"]);
}

#[test]
fn numbers_must_agree() {
    assert!(!is_repeat(
        "Cabinet has 68 ministers.",
        "Cabinet has 86 ministers."
    ));
    assert!(similarity("Cabinet has 68 ministers.", "Cabinet has 86 ministers.") > 0.4);
    assert!(!is_repeat(
        "Unemployment fell to 4% in 2023.",
        "Unemployment fell in 2023."
    ));
    assert!(is_repeat(
        "Unemployment fell to 4% in 2023.",
        "unemployment fell to 4 percent in 2023"
    ));
}

#[test]
fn non_ascii_claims_are_compared_as_words() {
    assert!(is_repeat(
        "Çavuşoğlu, 3,5 milyon Suriyeli mülteci olduğunu söyledi.",
        "ÇAVUŞOĞLU 3,5 milyon suriyeli mülteci olduğunu söyledi"
    ));
    assert_eq!(similarity("", ""), 0.0);
    assert!(!is_repeat("", ""));
    assert!(!is_repeat("🙂 🙂", "🙂"));
}

/// `differences` walks both maps side by side; it must report exactly what looking every
/// record up in the other map reports: the records of `new` not in `old` as the same `Rc` or
/// with the same kind and text, and the ids of `old` not in `new`.
fn differences_by_lookup(
    old: &SortedMap<Uuid, Rc<Annotation>>,
    new: &SortedMap<Uuid, Rc<Annotation>>,
) -> (Vec<Uuid>, Vec<Uuid>) {
    let changed = new
        .iter()
        .filter(|(id, a)| match old.get(*id) {
            Some(o) => {
                !Rc::ptr_eq(o, a) && (o.kind() != a.kind() || o.quote.exact != a.quote.exact)
            }
            None => true,
        })
        .map(|(id, _)| *id)
        .collect();
    let gone = old
        .keys()
        .filter(|id| !new.contains_key(*id))
        .copied()
        .collect();
    (changed, gone)
}

proptest! {
    /// Each id of 0..40 is in neither map, in one, or in both; in both, the record is shared,
    /// a copy, or changed in kind or text.
    #[test]
    fn the_walk_finds_what_lookups_find(states in proptest::collection::vec(0u8..7, 0..40)) {
        let record = |n: usize, kind: Kind, text: &str| {
            let id = Uuid::from_u128(n as u128 * 7919 + 1);
            let a = Annotation::new(id, Uuid::from_u128(1), kind, text, 0, text.len(), Timestamp(1));
            (id, Rc::new(a))
        };
        let (mut old, mut new) = (SortedMap::new(), SortedMap::new());
        for (n, state) in states.iter().enumerate() {
            let (id, a) = record(n, Kind::Claim, "Jobs rose by 4%.");
            match state {
                0 => {}
                1 => { old.insert(id, a); }
                2 => { new.insert(id, a); }
                3 => { old.insert(id, Rc::clone(&a)); new.insert(id, a); }
                4 => { old.insert(id, a); new.insert(id, record(n, Kind::Claim, "Jobs rose by 4%.").1); }
                5 => { old.insert(id, a); new.insert(id, record(n, Kind::Quote, "Jobs rose by 4%.").1); }
                _ => { old.insert(id, a); new.insert(id, record(n, Kind::Claim, "Jobs fell.").1); }
            }
        }
        let (mut changed, mut gone) = (Vec::new(), Vec::new());
        differences(&old, &new, |d| match d {
            Difference::Changed(a) => changed.push(a.id),
            Difference::Gone(id) => gone.push(id),
        });
        prop_assert_eq!((changed, gone), differences_by_lookup(&old, &new));
    }
}

proptest! {
    #[test]
    fn identical_claims_always_match(s in "\\PC{0,80}") {
        let n = normalise(&s);
        prop_assume!(!shingles(&n).is_empty());
        prop_assert!(is_repeat(&s, &s));
        prop_assert!((similarity(&s, &s) - 1.0).abs() < 1e-6);
    }

    #[test]
    fn the_measure_is_symmetric(a in "[a-z0-9 ,.%]{0,60}", b in "[a-z0-9 ,.%]{0,60}") {
        prop_assert_eq!(similarity(&a, &b), similarity(&b, &a));
        prop_assert_eq!(is_repeat(&a, &b), is_repeat(&b, &a));
        let s = similarity(&a, &b);
        prop_assert!((0.0..=1.0).contains(&s));
    }

    #[test]
    fn the_index_agrees_with_the_pairwise_measure(
        texts in proptest::collection::vec("(crime|rose|fell|by|4%|19,000|the|jobs|in|2020) {0,1}(crime|rose|fell|by|4%|19000|the|jobs|in|2020)( (crime|rose|fell|jobs|4 percent|2020)){0,4}", 1..12),
        query in "(crime|rose|fell|jobs|4%|19,000)( (crime|rose|fell|jobs|by|2020)){0,4}",
    ) {
        let mut ix = ClaimIndex::new();
        for (i, t) in texts.iter().enumerate() {
            ix.upsert(Uuid::from_u128(i as u128 + 1), t);
        }
        let found: Vec<Uuid> = {
            let mut v: Vec<Uuid> = ix.repeats_of(&query, None).iter().map(|r| r.id).collect();
            v.sort();
            v
        };
        let expected: Vec<Uuid> = texts
            .iter()
            .enumerate()
            .filter(|(_, t)| is_repeat(t, &query))
            .map(|(i, _)| Uuid::from_u128(i as u128 + 1))
            .take(MAX_REPEATS)
            .collect();
        prop_assert_eq!(found, expected);
    }
}

fn claim(n: u128, article: u128, text: &str) -> Rc<Annotation> {
    Rc::new(Annotation::new(
        Uuid::from_u128(n),
        Uuid::from_u128(article),
        Kind::Claim,
        text,
        0,
        text.chars().count(),
        Timestamp(0),
    ))
}

#[test]
fn the_index_orders_repeats_and_follows_the_library() {
    let mut lib: SortedMap<Uuid, Rc<Annotation>> = SortedMap::new();
    for a in [
        claim(
            1,
            100,
            "Crime has doubled in the capital over the past five years.",
        ),
        claim(
            2,
            101,
            "Over the past five years crime has doubled in the capital!",
        ),
        claim(
            3,
            102,
            "Crime has doubled in the capital over the past ten years.",
        ),
        claim(4, 103, "Crime has doubled in the capital over five years."),
    ] {
        lib.insert(a.id, a);
    }
    let mut quote = (*claim(
        5,
        100,
        "Crime has doubled in the capital over the past five years.",
    ))
    .clone();
    quote.body = crate::core::model::Body::new(Kind::Quote);
    lib.insert(quote.id, Rc::new(quote));
    let mut ix = ClaimIndex::new();
    ix.sync(&SortedMap::new(), &lib);
    assert_eq!(ix.len(), 4, "quotes are not indexed");
    let r = ix.repeats_of(
        "Crime has doubled in the capital over the past five years.",
        Some(Uuid::from_u128(1)),
    );
    let ids: Vec<u128> = r.iter().map(|r| r.id.as_u128()).collect();
    assert_eq!(
        ids,
        vec![2, 4],
        "ten years is another number; most similar first"
    );
    assert!(r[0].similarity >= r[1].similarity);
    assert_eq!(
        ix.groups(),
        vec![
            vec![Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(4)],
            vec![Uuid::from_u128(3)]
        ]
    );
    // An edit of claim 4's text and the deletion of claim 2 reach the index through sync.
    let before = lib.clone();
    let rev = ix.revision();
    lib.insert(
        Uuid::from_u128(4),
        claim(4, 103, "Unemployment has doubled."),
    );
    lib.remove(&Uuid::from_u128(2));
    ix.sync(&before, &lib);
    assert!(ix.revision() > rev);
    assert!(ix
        .repeats_of(
            "Crime has doubled in the capital over the past five years.",
            Some(Uuid::from_u128(1))
        )
        .is_empty());
    // An unchanged library changes nothing.
    let rev = ix.revision();
    ix.sync(&lib, &lib.clone());
    assert_eq!(ix.revision(), rev);
    ix.remove(Uuid::from_u128(99));
    assert_eq!(ix.len(), 3);
}

#[test]
fn the_claims_view_groups_repeats_and_filters_by_verdict() {
    let mut lib: SortedMap<Uuid, Rc<Annotation>> = SortedMap::new();
    let mut with_verdict = |n: u128, article: u128, text: &str, v: crate::core::model::Verdict| {
        let mut a = (*claim(n, article, text)).clone();
        if let crate::core::model::Body::Claim(c) = &mut a.body {
            c.verdict = v;
        }
        a.modified = Timestamp(n as i64);
        lib.insert(a.id, Rc::new(a));
    };
    use crate::core::model::Verdict::*;
    with_verdict(
        1,
        100,
        "Crime has doubled in the capital over the past five years.",
        False,
    );
    with_verdict(
        2,
        101,
        "Over the past five years crime has doubled in the capital.",
        Unverified,
    );
    with_verdict(3, 101, "Cabinet has 68 ministers.", True);
    let ix = ClaimIndex::of(lib.values().map(|a| &**a));
    let title = |id: Uuid| {
        if id == Uuid::from_u128(100) {
            Some("First")
        } else {
            None
        }
    };
    let all = claim_groups(&ix.groups(), &lib, title, None);
    assert_eq!(all.len(), 2);
    assert_eq!(
        all[0].iter().map(|c| c.id.as_u128()).collect::<Vec<_>>(),
        vec![2, 1],
        "newest first"
    );
    assert_eq!(all[0][1].article_title, "First");
    assert_eq!(all[0][0].article_title, "Missing article");
    let false_only = claim_groups(&ix.groups(), &lib, title, Some(False));
    assert_eq!(false_only.len(), 1);
    assert_eq!(false_only[0].len(), 2, "a group is shown whole");
    let r = ix.repeats_of(
        "crime has doubled in the capital over the past five years",
        Some(Uuid::from_u128(2)),
    );
    let v = views(&r, &lib, title);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].verdict, False);
    assert_eq!(v[0].date, "1970-01-01");
}

/// Indexing a slice at a time ends where `sync` does: whatever the slices' size, the claims
/// and their answers are the same; gone claims are removed at once; a claim changed while
/// queued is indexed as it is last.
#[test]
fn indexing_in_slices_ends_where_sync_does() {
    let lib = |texts: &[(u128, &str, Kind)]| -> SortedMap<Uuid, Rc<Annotation>> {
        texts
            .iter()
            .map(|(n, t, k)| {
                let a = Annotation::new(
                    Uuid::from_u128(*n),
                    Uuid::from_u128(1),
                    *k,
                    t,
                    0,
                    t.chars().count(),
                    Timestamp(1),
                );
                (a.id, Rc::new(a))
            })
            .collect()
    };
    let before = lib(&[
        (
            1,
            "More than 19,000 coalition strikes hit ISIS targets.",
            Kind::Claim,
        ),
        (2, "Turkey hosts 3 million refugees.", Kind::Claim),
        (3, "We share a resolve.", Kind::Quote),
    ]);
    let after = lib(&[
        (
            1,
            "More than 19,000 coalition strikes hit ISIS targets.",
            Kind::Claim,
        ),
        (3, "We share a resolve.", Kind::Claim),
        (
            4,
            "Coalition strikes hit more than 19,000 ISIS targets.",
            Kind::Claim,
        ),
    ]);
    let mut whole = ClaimIndex::new();
    whole.sync(&SortedMap::new(), &before);
    whole.sync(&before, &after);
    for budget in [1, 10, 1_000_000] {
        let mut ix = ClaimIndex::new();
        let mut pending = Pending::default();
        ix.plan_sync(&SortedMap::new(), &before, &mut pending);
        assert_eq!(pending.len(), 3);
        // Changed before the first slice: only the latest is indexed.
        ix.plan_sync(&before, &after, &mut pending);
        assert!(!ix.contains(Uuid::from_u128(2)), "gone at once");
        let mut slices = 0;
        while !ix.index_some(&mut pending, &after, budget) {
            slices += 1;
            assert!(slices < 100);
        }
        for n in [1u128, 2, 3, 4] {
            assert_eq!(
                ix.contains(Uuid::from_u128(n)),
                whole.contains(Uuid::from_u128(n)),
                "claim {n}, budget {budget}"
            );
        }
        let q = "More than 19,000 coalition strikes hit ISIS targets.";
        let ids = |found: Vec<Repeat>| found.into_iter().map(|r| r.id).collect::<Vec<_>>();
        assert_eq!(ids(ix.repeats_of(q, None)), ids(whole.repeats_of(q, None)));
    }
}
