use super::*;
use crate::core::model::{Kind, Timestamp};
use crate::core::offsets::{cp_len, slice_cp};
use proptest::prelude::*;
use uuid::Uuid;

fn q(exact: &str, prefix: &str, suffix: &str) -> TextQuote {
    TextQuote {
        exact: exact.into(),
        prefix: prefix.into(),
        suffix: suffix.into(),
    }
}

const TEXT: &str = "Minister Çavuşoğlu\u{a0} stated “we share 😀 goals”. We share goals, he said.";

#[test]
fn position_wins_when_it_holds_the_quote() {
    let s = 9;
    let e = s + cp_len("Çavuşoğlu");
    let a = anchor(TEXT, &q("Çavuşoğlu", "", ""), Some((s, e)));
    assert_eq!((a.method, a.start, a.end), (Method::Position, s, e));
}

#[test]
fn a_stale_position_holding_the_same_text_loses_to_the_context() {
    let text = "It was held in Washington on Tuesday.";
    // "in" was at 12..14; the stored position moved by 7 lands on the "in" of "Washington".
    let quote = q("in", "It was held ", " Washington on");
    assert_eq!(slice_cp(text, 19, 21), "in");
    let a = anchor(text, &quote, Some((19, 21)));
    assert_eq!((a.start, a.end), (12, 14));
    assert_eq!(a.method, Method::Exact { unique: false });
    // At its own place, with its context, the position wins.
    assert_eq!(
        anchor(text, &quote, Some((12, 14))).method,
        Method::Position
    );
}

#[test]
fn exact_match_found_when_position_is_stale() {
    let a = anchor(TEXT, &q("Çavuşoğlu", "", ""), Some((0, 3)));
    assert_eq!(a.method, Method::Exact { unique: true });
    assert_eq!(slice_cp(TEXT, a.start, a.end), "Çavuşoğlu");
    assert_eq!(a.start, 9);
}

#[test]
fn several_occurrences_are_told_apart_by_context_then_distance() {
    let text = "share. We share goals. They share nothing. We share goals.";
    // By suffix: "nothing" picks the second occurrence.
    let a = anchor(text, &q("share", "They ", " nothing"), None);
    assert_eq!(a.start, 28);
    assert_eq!(a.method, Method::Exact { unique: false });
    // Equal context: nearest to the stored position wins.
    let b = anchor(text, &q("share", "We ", " goals"), Some((45, 50)));
    assert_eq!(slice_cp(text, b.start, b.end), "share");
    assert_eq!(b.start, 46);
    let c = anchor(text, &q("share", "We ", " goals"), Some((1, 6)));
    assert_eq!(c.start, 10);
    assert_eq!(c.anchoring(), Anchoring::NeedsReview);
}

#[test]
fn fuzzy_match_above_threshold_and_orphan_below() {
    // One character changed out of 27: similarity about 0.96.
    let a = anchor(TEXT, &q("stated “we share 😁 goals”", "", ""), None);
    match a.method {
        Method::Fuzzy { score } => assert!(score > 0.9 && score < 1.0, "{score}"),
        m => panic!("expected fuzzy, got {m:?}"),
    }
    assert_eq!(slice_cp(TEXT, a.start, a.end), "stated “we share 😀 goals”");
    assert_eq!(a.anchoring(), Anchoring::NeedsReview);
    let o = anchor(
        TEXT,
        &q("completely different words", "", ""),
        Some((3, 900)),
    );
    assert_eq!(o.method, Method::Orphan);
    assert_eq!((o.start, o.end), (3, cp_len(TEXT)));
}

#[test]
fn fuzzy_handles_quotes_longer_than_one_machine_word() {
    let para = "The coalition has conducted more than 19,000 strikes against ISIS targets in Iraq and Syria since 2014, officials said on Tuesday.";
    let text = format!("Intro line.\n{para}\nOutro.");
    let edited = para
        .replace("19,000", "19.000")
        .replace("Tuesday", "Monday");
    assert!(cp_len(&edited) > 64);
    let a = anchor(&text, &q(&edited, "", ""), None);
    assert!(matches!(a.method, Method::Fuzzy { .. }), "{a:?}");
    assert_eq!(slice_cp(&text, a.start, a.end), para);
}

#[test]
fn empty_quotes_and_empty_text_do_not_panic() {
    assert_eq!(
        anchor("", &q("x", "", ""), Some((5, 9))).method,
        Method::Orphan
    );
    assert_eq!(anchor("abc", &q("", "", ""), None).method, Method::Orphan);
    assert_eq!(
        anchor("abc", &q("", "", ""), Some((1, 1))).method,
        Method::Position
    );
}

#[test]
fn exact_path_finds_every_quote_on_a_long_text() {
    let words = [
        "alpha",
        "beta",
        "Çavuşoğlu",
        "γάμμα",
        "delta",
        "😀",
        "share",
        "goals",
    ];
    let mut text = String::new();
    let mut x: u64 = 1;
    for i in 0..100_000 {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        text.push_str(words.get((x >> 33) as usize % words.len()).unwrap_or(&"w"));
        text.push_str(&(i % 97).to_string());
        text.push(if i % 50 == 49 { '\n' } else { ' ' });
    }
    let idx = CpIndex::new(&text);
    let n = idx.len();
    let quotes: Vec<(TextQuote, usize)> = (0..2000)
        .map(|i| {
            let s = (i * 7919) % (n - 80) + 40;
            let quote = q(
                idx.slice(&text, s, s + 30),
                idx.slice(&text, s - 32, s),
                idx.slice(&text, s + 30, s + 62),
            );
            (quote, s)
        })
        .collect();
    // Speed is measured by the criterion benchmark (benches/core.rs), not here: this test
    // checks that the exact path finds every quote on a long text.
    let anchorer = Anchorer::new(&text);
    for (quote, s) in &quotes {
        // Stale positions: force the exact path.
        let a = anchorer.anchor(quote, Some((s + 3, s + 33)));
        assert!(matches!(a.method, Method::Exact { .. }));
        assert_eq!(a.start, *s);
    }
}

proptest! {
    /// The occurrence index finds exactly the occurrences a scan of the text finds, in
    /// text order, for needles shorter and longer than its four-byte key, overlapping
    /// ones included, on text with multi-byte characters and NUL bytes.
    #[test]
    fn the_index_finds_what_a_scan_finds(
        text in "[ab\\x00Ç😀 ]{0,60}",
        from in 0usize..60,
        len in 1usize..8,
    ) {
        let cps: Vec<char> = text.chars().collect();
        let from = from.min(cps.len());
        let needle: String = cps.iter().skip(from).take(len).collect();
        prop_assume!(!needle.is_empty());
        let naive: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .filter(|&b| text[b..].starts_with(&needle))
            .collect();
        let budget = Budget::new(IMPORT_BUDGET);
        let found = PrefixIndex::new(&text).find(&text, &needle, None, &budget);
        prop_assert_eq!(found, Some((naive, true)));
    }

    /// The near-hint fast path gives exactly what scoring every occurrence gives.
    #[test]
    fn the_fast_path_agrees_with_the_full_scan(
        picks in proptest::collection::vec(0usize..6, 20..400),
        at in 0.0f64..1.0,
        len in 1usize..12,
        ctx in 0usize..6,
        hint_shift in -40i64..40,
    ) {
        let words = ["ab", "Ça", "😀", "ab ", " ", "b"];
        let text: String = picks.iter().map(|&i| words.get(i).copied().unwrap_or("")).collect();
        let idx = CpIndex::new(&text);
        let n = idx.len();
        prop_assume!(n > len);
        let s = ((n - len) as f64 * at) as usize;
        let quote = q(
            idx.slice(&text, s, s + len),
            idx.slice(&text, s.saturating_sub(ctx), s),
            idx.slice(&text, s + len, s + len + ctx),
        );
        let hint = (s as i64 + hint_shift).clamp(0, n as i64) as usize;
        let anchorer = Anchorer::new(&text);
        let fast = anchorer.exact(&quote, Some(hint)).map(|a| a.start);
        let budget = Budget::new(IMPORT_BUDGET);
        let (hits, _) = PrefixIndex::new(&text)
            .find(&text, &quote.exact, None, &budget)
            .expect("the budget pays for a short text");
        prop_assert_eq!(fast, anchorer.scan(&hits, &quote, Some(hint)));
    }
}

fn ann(text: &str, s: usize, e: usize, i: u128) -> Annotation {
    Annotation::new(
        Uuid::from_u128(i),
        Uuid::nil(),
        Kind::Claim,
        text,
        s,
        e,
        Timestamp(0),
    )
}

#[test]
fn reanchor_follows_edits_and_flags_changed_quotes() {
    let old = "First paragraph about Çavuşoğlu.\nSecond: strikes rose to 19,000.\nThird one.";
    let new = "New lead.\nFirst paragraph about Çavuşoğlu.\nSecond: strikes rose to 21,000.\n";
    let a1 = ann(old, 22, 31, 1); // "Çavuşoğlu"
    let a2 = ann(old, 57, 63, 2); // "19,000"
    let a3 = ann(old, 65, 74, 3); // "Third one"
    assert_eq!(a1.quote.exact, "Çavuşoğlu");
    assert_eq!(a2.quote.exact, "19,000");
    let out = reanchor(old, new, &[a1, a2, a3]);
    assert_eq!(out.len(), 3);
    assert_eq!(out[0].anchoring, Anchoring::Anchored);
    assert_eq!(slice_cp(new, out[0].start, out[0].end), "Çavuşoğlu");
    assert_eq!(out[1].anchoring, Anchoring::NeedsReview);
    assert_eq!(out[1].quote.exact, "19,000");
    assert_eq!(out[2].anchoring, Anchoring::Orphan);
}

#[derive(Debug, Clone)]
enum Edit {
    Insert(f64, String),
    Delete(f64, f64),
    MoveParagraph(usize, usize),
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0.0f64..1.0, "[a-zé😀 ,.]{1,20}").prop_map(|(p, s)| Edit::Insert(p, s)),
        (0.0f64..1.0, 0.0f64..0.2).prop_map(|(p, l)| Edit::Delete(p, l)),
        (0usize..8, 0usize..8).prop_map(|(a, b)| Edit::MoveParagraph(a, b)),
    ]
}

/// Applies `edit` to a text given as characters each tagged with its original position
/// (`None` for inserted ones).
fn apply(chars: &mut Vec<(char, Option<usize>)>, edit: &Edit) {
    let n = chars.len();
    match edit {
        Edit::Insert(p, s) => {
            let at = ((n as f64) * p) as usize;
            let ins: Vec<_> = s.chars().map(|c| (c, None)).collect();
            chars.splice(at.min(n)..at.min(n), ins);
        }
        Edit::Delete(p, l) => {
            let a = (((n as f64) * p) as usize).min(n);
            let b = (a + ((n as f64) * l) as usize).min(n);
            chars.drain(a..b);
        }
        Edit::MoveParagraph(from, to) => {
            let mut paras: Vec<Vec<(char, Option<usize>)>> = vec![Vec::new()];
            for &c in chars.iter() {
                if let Some(last) = paras.last_mut() {
                    last.push(c);
                }
                if c.0 == '\n' {
                    paras.push(Vec::new());
                }
            }
            if *from < paras.len() {
                let p = paras.remove(*from);
                let to = (*to).min(paras.len());
                paras.insert(to, p);
            }
            *chars = paras.concat();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn reanchoring_never_attaches_silently_to_wrong_text(
        words in prop::collection::vec("[a-zçğş]{1,8}|😀|“q”", 30..150),
        spans in prop::collection::vec((0.0f64..1.0, 1usize..25), 1..12),
        edits in prop::collection::vec(edit_strategy(), 1..4),
    ) {
        let mut old = String::new();
        for (i, w) in words.iter().enumerate() {
            old.push_str(w);
            old.push(if i % 12 == 11 { '\n' } else { ' ' });
        }
        let n = cp_len(&old);
        let anns: Vec<Annotation> = spans
            .iter()
            .enumerate()
            .map(|(i, &(p, l))| {
                let s = ((n as f64) * p) as usize % n;
                ann(&old, s, (s + l).min(n), i as u128)
            })
            .collect();
        let mut chars: Vec<(char, Option<usize>)> =
            old.chars().enumerate().map(|(i, c)| (c, Some(i))).collect();
        for e in &edits {
            apply(&mut chars, e);
        }
        let new: String = chars.iter().map(|c| c.0).collect();
        let out = reanchor(&old, &new, &anns);
        prop_assert_eq!(out.len(), anns.len());
        for (a, r) in anns.iter().zip(&out) {
            // Ground truth: where the annotated characters went, if they stayed together.
            let first = chars.iter().position(|c| c.1 == Some(a.start));
            let survived = first.is_some_and(|f| {
                (a.start..a.end).enumerate().all(|(k, orig)| {
                    chars.get(f + k).is_some_and(|c| c.1 == Some(orig))
                })
            });
            let exact = a.quote.exact.as_str();
            let unique = new
                .char_indices()
                .filter(|&(b, _)| new.get(b..).is_some_and(|t| t.starts_with(exact)))
                .count()
                == 1;
            if survived && unique {
                prop_assert_eq!(r.anchoring, Anchoring::Anchored);
                prop_assert_eq!(Some(r.start), first);
            }
            if r.anchoring == Anchoring::Anchored {
                prop_assert_eq!(slice_cp(&new, r.start, r.end), a.quote.exact.as_str());
            }
            prop_assert_eq!(&r.quote, &a.quote);
            prop_assert!(r.start <= r.end && r.end <= cp_len(&new));
        }
    }
}

/// The edit distance (Levenshtein, in code points) of `a` and `b`, by the textbook table.
fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// For every end `j` (1 to `n`) of `text`, the smallest edit distance between `pattern` and a
/// substring of `text` ending at `j`: the textbook table where a match may start anywhere in
/// the text (its first row is all zeros), filled cell by cell.
fn naive_end_distances(pattern: &[char], text: &[char]) -> Vec<usize> {
    let mut row = vec![0usize; text.len() + 1];
    for (i, pc) in pattern.iter().enumerate() {
        let mut next = vec![i + 1; text.len() + 1];
        for (j, tc) in text.iter().enumerate() {
            next[j + 1] = (row[j] + usize::from(pc != tc))
                .min(row[j + 1] + 1)
                .min(next[j] + 1);
        }
        row = next;
    }
    row.into_iter().skip(1).collect()
}

/// What the bit-parallel search computes for every end of the text.
fn bit_parallel_end_distances(pattern: &[char], text: &[char]) -> Vec<usize> {
    let mut out = Vec::new();
    each_end_distance(pattern, text.iter().copied(), |end, dist| {
        assert_eq!(end, out.len() + 1);
        out.push(dist);
    });
    out
}

/// Checks [`Anchorer::fuzzy`] for `pattern` on `text` against the naive table: it finds a
/// match exactly when the best substring's similarity reaches [`FUZZY_THRESHOLD`], with that
/// similarity as its score, ending where the best distance is reached, and the span it gives
/// is at that distance from the pattern.
fn check_fuzzy(pattern: &[char], text: &[char]) -> Result<(), TestCaseError> {
    let m = pattern.len();
    let naive = naive_end_distances(pattern, text);
    let best = naive.iter().copied().min();
    let text_s: String = text.iter().collect();
    let pattern_s: String = pattern.iter().collect();
    let found = Anchorer::new(&text_s).fuzzy(&pattern_s, None);
    let accepted = best.filter(|&d| 1.0 - d as f64 / m as f64 >= FUZZY_THRESHOLD);
    match (accepted, found) {
        (None, None) => {}
        (Some(d), Some(a)) => {
            prop_assert_eq!(
                a.method,
                Method::Fuzzy {
                    score: 1.0 - d as f64 / m as f64
                }
            );
            prop_assert!(a.start <= a.end && a.end <= text.len());
            prop_assert_eq!(naive.get(a.end.wrapping_sub(1)).copied(), Some(d));
            let span = text.get(a.start..a.end).unwrap_or(&[]);
            prop_assert_eq!(levenshtein(pattern, span), d);
        }
        (want, got) => prop_assert!(
            false,
            "best distance {:?} of {}: want {:?}, got {:?}",
            best,
            m,
            want,
            got
        ),
    }
    Ok(())
}

/// Pattern lengths: short ones, the edges of the 64-code-point blocks, and any up to 200.
fn pattern_len() -> impl Strategy<Value = usize> {
    prop_oneof![
        1usize..=10,
        Just(63usize),
        Just(64usize),
        Just(65usize),
        Just(127usize),
        Just(128usize),
        Just(129usize),
        1usize..200,
    ]
}

fn letter() -> impl Strategy<Value = char> {
    prop::sample::select(vec!['a', 'b', 'c', 'é', '😀'])
}

/// One edit of a copy of the pattern: at a fraction of its length, substitute, insert or
/// delete.
#[derive(Debug, Clone)]
enum Typo {
    Substitute(f64, char),
    Insert(f64, char),
    Delete(f64),
}

fn typo() -> impl Strategy<Value = Typo> {
    prop_oneof![
        (0.0f64..1.0, letter()).prop_map(|(p, c)| Typo::Substitute(p, c)),
        (0.0f64..1.0, letter()).prop_map(|(p, c)| Typo::Insert(p, c)),
        (0.0f64..1.0).prop_map(Typo::Delete),
    ]
}

/// A pattern and a text holding a copy of it with about as many typos as the threshold
/// allows (a quarter of its length, a few more or fewer), between random letters.
fn pattern_and_text() -> impl Strategy<Value = (Vec<char>, Vec<char>)> {
    pattern_len()
        .prop_flat_map(|m| {
            (
                prop::collection::vec(letter(), m),
                prop::collection::vec(letter(), 0..60),
                prop::collection::vec(typo(), 0..=m / 4 + 3),
                prop::collection::vec(letter(), 0..60),
            )
        })
        .prop_map(|(pattern, before, typos, after)| {
            let mut copy = pattern.clone();
            for t in &typos {
                let at = |p: f64, len: usize| ((len as f64) * p) as usize;
                match *t {
                    Typo::Substitute(p, c) => {
                        let i = at(p, copy.len());
                        if let Some(slot) = copy.get_mut(i) {
                            *slot = c;
                        }
                    }
                    Typo::Insert(p, c) => {
                        let i = at(p, copy.len() + 1).min(copy.len());
                        copy.insert(i, c);
                    }
                    Typo::Delete(p) => {
                        let i = at(p, copy.len());
                        if i < copy.len() {
                            copy.remove(i);
                        }
                    }
                }
            }
            let text = [before, copy, after].concat();
            (pattern, text)
        })
}

proptest! {
    /// The bit-parallel search computes, for every end of the text, the distance the textbook
    /// table gives, for patterns of one block, at the block edges (64, 65, 128 code points)
    /// and beyond; and the fuzzy match it drives agrees with the table about the threshold,
    /// the score and the span.
    #[test]
    fn the_bit_parallel_search_agrees_with_the_textbook_table(
        (pattern, text) in pattern_and_text(),
    ) {
        prop_assert_eq!(
            bit_parallel_end_distances(&pattern, &text),
            naive_end_distances(&pattern, &text)
        );
        check_fuzzy(&pattern, &text)?;
    }
}

/// At the threshold's edge, for every pattern length up to 260: a copy with `⌊m/4⌋`
/// substitutions (similarity at or just above 0.75) is found, with one more (just below) it
/// is not. The substituted characters are in neither the pattern nor the text around it,
/// so the best distance is exactly the number of substitutions.
#[test]
fn the_threshold_edge_is_exact_for_every_length() {
    for m in 1..=260usize {
        let pattern: Vec<char> = (0..m)
            .map(|i| if (i * 7 + i / 3) % 5 < 2 { 'a' } else { 'é' })
            .collect();
        for k in [m / 4, m / 4 + 1] {
            if k > m {
                continue;
            }
            let mut copy = pattern.clone();
            for i in 0..k {
                copy[i * m / k] = 'X';
            }
            let text: Vec<char> = ['Y'; 9].into_iter().chain(copy).chain(['Y'; 9]).collect();
            let naive = naive_end_distances(&pattern, &text);
            assert_eq!(naive.iter().min(), Some(&k), "m {m}, k {k}");
            let text_s: String = text.iter().collect();
            let pattern_s: String = pattern.iter().collect();
            let found = Anchorer::new(&text_s).fuzzy(&pattern_s, None);
            let score = 1.0 - k as f64 / m as f64;
            if k == m / 4 {
                assert!(score >= FUZZY_THRESHOLD, "m {m}");
                assert_eq!(
                    found.map(|a| (a.method, a.start, a.end)),
                    Some((Method::Fuzzy { score }, 9, 9 + m)),
                    "m {m}, k {k}"
                );
            } else {
                assert!(score < FUZZY_THRESHOLD, "m {m}");
                assert_eq!(found, None, "m {m}, k {k}");
            }
            assert!(check_fuzzy(&pattern, &text).is_ok(), "m {m}, k {k}");
        }
    }
}

// ---------------------------------------------------------------------------------------
// Bounds: caps and the work budget.
// ---------------------------------------------------------------------------------------

/// A text of `n` distinct numbered sentences.
fn numbered(n: usize) -> String {
    (0..n)
        .map(|i| format!("Sentence {i} says something about item {}. ", i * 7))
        .collect()
}

#[test]
fn a_spent_budget_still_checks_the_stored_position_and_orphans_the_rest() {
    let text = numbered(200);
    let exact = "Sentence 150 says something about item 1050.";
    let s = cp_len(text.get(..text.find(exact).unwrap()).unwrap());
    let e = s + cp_len(exact);
    let quote = TextQuote::from_span(&text, s, e);
    let typo = q("Sentence 150 says somthing about item 1050.", "", "");

    // With a budget, a stale position is found by exact search and a typo approximately.
    let rich = Anchorer::new(&text);
    assert_eq!(
        rich.anchor(&quote, Some((s + 3, e + 3))).method,
        Method::Exact { unique: true }
    );
    assert!(matches!(
        rich.anchor(&typo, None).method,
        Method::Fuzzy { .. }
    ));
    assert_eq!(rich.budget().refused(), 0);

    // With none left, the stored position still anchors; nothing is searched.
    let poor = Anchorer::with_budget(&text, Budget::new(0));
    assert_eq!(poor.anchor(&quote, Some((s, e))).method, Method::Position);
    let stale = poor.anchor(&quote, Some((s + 3, e + 3)));
    assert_eq!(
        (stale.method, stale.start, stale.end),
        (Method::Orphan, s + 3, e + 3)
    );
    assert_eq!(poor.anchor(&typo, None).method, Method::Orphan);
    assert_eq!(poor.budget().refused(), 2);
}

#[test]
fn anchorers_sharing_a_budget_stop_searching_together_once_it_is_spent() {
    let text = numbered(400);
    let budget = Budget::new(IMPORT_BUDGET / 1000);
    let a = Anchorer::with_budget(&text, budget.clone());
    let b = Anchorer::with_budget(&text, budget.clone());
    // Quotes found nowhere: each costs a whole approximate search.
    let missing = q(
        "Nothing in this text reads like this long sentence at all, not even close.",
        "",
        "",
    );
    let mut searched = 0;
    for i in 0..200 {
        let anchorer = if i % 2 == 0 { &a } else { &b };
        assert_eq!(anchorer.anchor(&missing, None).method, Method::Orphan);
        if budget.refused() == 0 {
            searched += 1;
        }
    }
    assert!(searched > 0, "the budget pays for some searches");
    assert!(budget.refused() > 0, "and runs out: {searched} searched");
    assert_eq!(searched + budget.refused(), 200);
}

#[test]
fn only_the_nearest_context_up_to_the_cap_is_compared() {
    let text = numbered(50);
    let exact = "Sentence 30 says";
    let s = cp_len(text.get(..text.find(exact).unwrap()).unwrap());
    let e = s + cp_len(exact);
    let near = slice_cp(&text, s - MAX_CONTEXT_CP, s);
    // A stored prefix whose far part disagrees with the text, beyond the cap.
    let prefix = format!("{}{near}", "zz".repeat(5000));
    let suffix = format!(
        "{}{}",
        slice_cp(&text, e, e + MAX_CONTEXT_CP),
        "zz".repeat(5000)
    );
    let quote = q(exact, &prefix, &suffix);
    assert_eq!(anchor(&text, &quote, Some((s, e))).method, Method::Position);
    // The nearest context still tells: one wrong character next to the quote is seen.
    let wrong = q(exact, &format!("{}!", &prefix[..prefix.len() - 1]), &suffix);
    assert_ne!(anchor(&text, &wrong, Some((s, e))).method, Method::Position);
}

#[test]
fn past_the_candidate_cap_the_nearest_occurrence_wins_but_needs_review() {
    let text = "the cat. ".repeat(3 * MAX_CANDIDATES);
    let quote = q("cat", "the ", ". the");
    // Occurrence k starts at 9k + 4; the stored position is one off occurrence 2000.
    let at = 9 * 2000 + 4;
    let a = anchor(&text, &quote, Some((at + 1, at + 4)));
    assert_eq!((a.start, a.end), (at, at + 3));
    assert_eq!(a.method, Method::Exact { unique: false });
    assert_eq!(a.anchoring(), Anchoring::NeedsReview);
    // Below the cap, a single occurrence is still unique.
    let one = anchor("the cat. the dog.", &q("cat", "", ""), None);
    assert_eq!(one.method, Method::Exact { unique: true });
}

#[test]
fn quotes_longer_than_the_cap_are_only_checked_at_their_position() {
    let text = "abcdefghij".repeat(MAX_QUOTE_CP / 10 + 100);
    let e = MAX_QUOTE_CP + 10;
    let quote = q(slice_cp(&text, 0, e), "", "");
    assert_eq!(anchor(&text, &quote, Some((0, e))).method, Method::Position);
    // Elsewhere it would match exactly (the text repeats), but it is not searched for.
    let a = anchor(&text, &quote, Some((5, e + 5)));
    assert_eq!(a.method, Method::Orphan);
    // One code point shorter than the cap, it is.
    let short = q(slice_cp(&text, 0, MAX_QUOTE_CP), "", "");
    assert_ne!(
        anchor(&text, &short, Some((5, MAX_QUOTE_CP + 5))).method,
        Method::Orphan
    );
}

#[test]
fn reanchoring_many_annotations_on_a_rewritten_text_ends_within_the_budget() {
    let old = numbered(300);
    let new = numbered(300)
        .replace("says", "states")
        .replace("item", "thing");
    let anns: Vec<Annotation> = (0..300u128)
        .map(|i| {
            let s = (i as usize) * 40 % (cp_len(&old) - 60);
            ann(&old, s, s + 50, i + 1)
        })
        .collect();
    let budget = Budget::new(IMPORT_BUDGET / 100);
    let moved = reanchor_with_budget(&old, &new, &anns, budget.clone());
    assert_eq!(moved.len(), anns.len(), "none dropped");
    assert!(budget.refused() > 0, "the small budget ran out");
    for a in &moved {
        assert!(a.start <= a.end && a.end <= cp_len(&new));
    }
}

/// The same texts as the browser test `the_replace_diff_ends_at_its_deadline_in_the_browser`
/// (tests/web_core.rs): two words in unrelated random orders, so no word is unique and the edit distance is huge; the diff ends at its deadline
/// and re-anchoring returns every annotation.
#[test]
fn the_replace_diff_ends_at_its_deadline() {
    let old = coin_words(1, 20_000);
    let new = coin_words(2, 20_000);
    let anns: Vec<Annotation> = (0..50u128)
        .map(|i| ann(&old, i as usize * 1000, i as usize * 1000 + 10, i + 1))
        .collect();
    let moved = reanchor(&old, &new, &anns);
    assert_eq!(moved.len(), anns.len());
    assert!(moved.iter().all(|a| a.end <= cp_len(&new)));
}

/// `n` words, each "alpha" or "beta", in an order drawn from `seed` (a linear congruential
/// generator: the same texts every run).
fn coin_words(seed: u64, n: usize) -> String {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            if x >> 63 == 0 {
                "alpha "
            } else {
                "beta "
            }
        })
        .collect()
}

proptest! {
    /// Whatever the budget, anchoring gives the answer of a full budget or gives up (an
    /// orphan): a budget never makes a quote land somewhere else.
    #[test]
    fn a_smaller_budget_only_ever_gives_up(
        picks in proptest::collection::vec(0usize..6, 10..300),
        at in 0.0f64..1.0,
        len in 1usize..40,
        typo in proptest::option::of(0usize..40),
        shift in -20i64..20,
        units in 0u64..30_000,
    ) {
        let words = ["ab", "Ça", "😀", "ab ", " ", "bc"];
        let text: String = picks.iter().map(|&i| words.get(i).copied().unwrap_or("")).collect();
        let n = cp_len(&text);
        prop_assume!(n > len);
        let s = ((n - len) as f64 * at) as usize;
        let mut quote = TextQuote::from_span(&text, s, s + len);
        if let Some(t) = typo {
            let mut cs: Vec<char> = quote.exact.chars().collect();
            if let Some(c) = cs.get_mut(t % len) { *c = 'x'; }
            quote.exact = cs.into_iter().collect();
        }
        let hint = (s as i64 + shift).clamp(0, (n - len) as i64) as usize;
        let position = Some((hint, hint + len));
        let rich = Anchorer::new(&text).anchor(&quote, position);
        let poor = Anchorer::with_budget(&text, Budget::new(units)).anchor(&quote, position);
        prop_assert!(poor == rich || poor.method == Method::Orphan, "{poor:?} vs {rich:?}");
    }
}
