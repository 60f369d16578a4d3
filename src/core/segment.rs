//! Splitting blocks of text into runs covered by the same annotations, for highlighting.
//!
//! A block `start..end` (code points, see [`crate::core::text::Block`]) becomes a list of
//! [`Run`]s that follow each other without gaps, cover the block exactly, and differ from
//! their neighbours in which annotations cover them. Only attached annotations
//! ([`Annotation::is_attached`]) with a non-empty span count; an annotation that crosses a block
//! boundary covers the part inside each block. [`segment_blocks`] does every block of an article
//! in one sweep over sorted boundaries, in O((n + b) log n + output) for n annotations and b
//! blocks. [`click_selection`] decides which of the annotations covering a clicked character
//! a click selects.

use crate::core::model::{Annotation, Timestamp};
use crate::core::reducer::Annotations;
use crate::core::text::Block;
use std::cmp::Reverse;
use std::collections::BTreeSet;
use uuid::Uuid;

/// Code points `start..end` of a block, covered by exactly the annotations in `covering`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// Code point offset of the run's first character in the canonical text.
    pub start: usize,
    /// Code point offset just past the run's last character.
    pub end: usize,
    /// The ids of the annotations covering the run, in text order (by start, end, created,
    /// id); empty for plain text.
    pub covering: Vec<Uuid>,
}

/// The runs of one block `start..end`, from all `annotations` (any order; those not
/// attached, empty, or outside the block are ignored).
pub fn segment_block<'a>(
    start: usize,
    end: usize,
    annotations: impl IntoIterator<Item = &'a Annotation>,
) -> Vec<Run> {
    sweep(&[(start, end)], annotations)
        .into_iter()
        .next()
        .unwrap_or_default()
}

/// The runs of every block, in the order of `blocks`, in one sweep.
///
/// Blocks are expected in text order without overlaps, as [`crate::core::text::blocks`] gives
/// them; if they are not, each block is segmented on its own, which gives the same result more
/// slowly.
pub fn segment_blocks<'a>(
    blocks: &[Block],
    annotations: impl IntoIterator<Item = &'a Annotation>,
) -> Vec<Vec<Run>> {
    let ranges: Vec<(usize, usize)> = blocks.iter().map(|b| (b.start, b.end)).collect();
    sweep(&ranges, annotations)
}

/// The attached annotations covering code point `cp`, in the order clicks on it offer them:
/// innermost (shortest) first; among equally long ones the one starting later, then the one
/// created later, then the one with the larger id.
fn covering_innermost_first(annotations: &Annotations, cp: usize) -> Vec<&Annotation> {
    // The set iterates in text order, so nothing after the first start past `cp` covers it.
    let mut covering: Vec<&Annotation> = annotations
        .iter()
        .take_while(|a| a.start <= cp)
        .filter(|a| a.is_attached() && cp < a.end)
        .collect();
    covering.sort_by_key(|a| {
        (
            a.end.saturating_sub(a.start),
            Reverse(a.start),
            Reverse(a.created),
            Reverse(a.id),
        )
    });
    covering
}

/// The annotation a click on code point `cp` selects: the innermost (shortest) attached
/// annotation covering it, among equally long ones the one starting later, then the one created
/// later, then the one with the larger id. When `selected` is one of those covering `cp`, the
/// next one outward in that order, and after the outermost the innermost again, so that clicking
/// again cycles outward through nested and overlapping highlights. `None` when nothing attached
/// covers `cp`.
pub fn click_selection(
    annotations: &Annotations,
    cp: usize,
    selected: Option<Uuid>,
) -> Option<Uuid> {
    let covering = covering_innermost_first(annotations, cp);
    let next = selected
        .and_then(|s| covering.iter().position(|a| a.id == s))
        .map_or(0, |i| (i + 1) % covering.len());
    covering.get(next).map(|a| a.id)
}

/// Sorting key of an annotation in text order.
type Key = (usize, usize, Timestamp, Uuid);

/// Segments each range of `ranges`.
fn sweep<'a>(
    ranges: &[(usize, usize)],
    annotations: impl IntoIterator<Item = &'a Annotation>,
) -> Vec<Vec<Run>> {
    let mut order: Vec<Key> = annotations
        .into_iter()
        .filter(|a| a.is_attached() && a.start < a.end)
        .map(|a| (a.start, a.end, a.created, a.id))
        .collect();
    order.sort_unstable();
    order.dedup_by_key(|k| k.3);

    let in_order = ranges
        .windows(2)
        .all(|w| matches!(w, [a, b] if a.0 <= a.1 && a.1 <= b.0));
    if !in_order {
        return ranges
            .iter()
            .map(|&r| {
                sweep_sorted(&[r], &order)
                    .into_iter()
                    .next()
                    .unwrap_or_default()
            })
            .collect();
    }
    sweep_sorted(ranges, &order)
}

/// Segments sorted, disjoint ranges with annotations sorted in text order.
fn sweep_sorted(ranges: &[(usize, usize)], order: &[Key]) -> Vec<Vec<Run>> {
    // Events: (position, index in `order`); an index opens at its start and closes at its end.
    let mut events: Vec<(usize, usize)> = Vec::with_capacity(order.len() * 2);
    for (i, k) in order.iter().enumerate() {
        events.push((k.0, i));
        events.push((k.1, i));
    }
    events.sort_unstable();

    let mut active: BTreeSet<usize> = BTreeSet::new();
    let toggle = |active: &mut BTreeSet<usize>, i: usize| {
        if !active.remove(&i) {
            active.insert(i);
        }
    };
    let mut next = 0;
    let mut out = Vec::with_capacity(ranges.len());
    for &(start, end) in ranges {
        while let Some(&(_, i)) = events.get(next).filter(|e| e.0 <= start) {
            toggle(&mut active, i);
            next += 1;
        }
        let mut runs: Vec<Run> = Vec::new();
        let mut cur = start;
        while cur < end {
            let stop = events.get(next).map_or(end, |e| e.0.min(end));
            let covering: Vec<Uuid> = active
                .iter()
                .filter_map(|&i| order.get(i).map(|k| k.3))
                .collect();
            match runs.last_mut() {
                Some(last) if last.covering == covering => last.end = stop,
                _ => runs.push(Run {
                    start: cur,
                    end: stop,
                    covering,
                }),
            }
            cur = stop;
            while let Some(&(_, i)) = events.get(next).filter(|e| e.0 <= cur && cur < end) {
                toggle(&mut active, i);
                next += 1;
            }
        }
        out.push(runs);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Anchoring, Kind};
    use crate::core::text::blocks;
    use proptest::prelude::*;

    fn ann(n: u128, start: usize, end: usize) -> Annotation {
        Annotation::new(
            Uuid::from_u128(n),
            Uuid::nil(),
            Kind::Claim,
            "",
            start,
            end,
            Timestamp(n as i64),
        )
    }

    /// Runs as `(start, end, [annotation numbers])`.
    fn check(start: usize, end: usize, anns: &[Annotation], expect: &[(usize, usize, &[u128])]) {
        let got: Vec<(usize, usize, Vec<u128>)> = segment_block(start, end, anns)
            .into_iter()
            .map(|r| {
                (
                    r.start,
                    r.end,
                    r.covering.iter().map(|u| u.as_u128()).collect(),
                )
            })
            .collect();
        let want: Vec<(usize, usize, Vec<u128>)> = expect
            .iter()
            .map(|(s, e, c)| (*s, *e, c.to_vec()))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn plain_block_is_one_run() {
        check(5, 10, &[], &[(5, 10, &[])]);
        check(5, 5, &[ann(1, 0, 9)], &[]);
    }

    #[test]
    fn overlapping_spans() {
        check(
            0,
            10,
            &[ann(2, 4, 8), ann(1, 2, 6)],
            &[
                (0, 2, &[]),
                (2, 4, &[1]),
                (4, 6, &[1, 2]),
                (6, 8, &[2]),
                (8, 10, &[]),
            ],
        );
    }

    #[test]
    fn nested_and_identical_spans() {
        check(
            0,
            6,
            &[ann(1, 0, 6), ann(2, 2, 4), ann(3, 2, 4)],
            &[(0, 2, &[1]), (2, 4, &[1, 2, 3]), (4, 6, &[1])],
        );
    }

    #[test]
    fn touching_spans_do_not_overlap() {
        check(
            0,
            4,
            &[ann(1, 0, 2), ann(2, 2, 4)],
            &[(0, 2, &[1]), (2, 4, &[2])],
        );
    }

    #[test]
    fn empty_orphan_and_duplicate_annotations_are_ignored() {
        let mut orphan = ann(3, 0, 4);
        orphan.anchoring = Anchoring::Orphan;
        let mut review = ann(4, 3, 4);
        review.anchoring = Anchoring::NeedsReview;
        let a = ann(1, 1, 2);
        check(
            0,
            4,
            &[a.clone(), a, ann(2, 2, 2), orphan, review],
            &[(0, 1, &[]), (1, 2, &[1]), (2, 3, &[]), (3, 4, &[4])],
        );
    }

    #[test]
    fn annotations_crossing_blocks_cover_each_part() {
        // Non-ASCII text: "Çavuşoğlu" with a non-breaking space, curly quotes.
        let text = "Minister Çavuşoğlu\u{a0}\n\n“Together”, he said.";
        let bs = blocks(text);
        assert_eq!((bs[0].start, bs[0].end, bs[1].start), (0, 19, 21));
        // "Çavuşoğlu … “Together”": from code point 9 to 31.
        let a = ann(1, 9, 31);
        assert_eq!(
            crate::core::offsets::slice_cp(text, 9, 31),
            "Çavuşoğlu\u{a0}\n\n“Together”"
        );
        let all = segment_blocks(&bs, [&a]);
        let runs = |i: usize| -> Vec<(usize, usize, usize)> {
            all[i]
                .iter()
                .map(|r| (r.start, r.end, r.covering.len()))
                .collect()
        };
        assert_eq!(runs(0), vec![(0, 9, 0), (9, 19, 1)]);
        assert_eq!(runs(1), vec![(21, 31, 1), (31, 41, 0)]);
        assert_eq!(segment_block(bs[1].start, bs[1].end, [&a]), all[1]);
    }

    #[test]
    fn unsorted_blocks_still_segment_correctly() {
        let text = "ab\ncd";
        let mut bs = blocks(text);
        bs.reverse();
        let all = segment_blocks(&bs, &[ann(1, 1, 4)]);
        assert_eq!(all[0][0].start, 3);
        assert_eq!(all[0][0].covering.len(), 1);
        assert_eq!(all[1][1].covering.len(), 1);
    }

    /// The set of `anns` on an article of nil id.
    fn set(anns: &[Annotation]) -> Annotations {
        let mut s = Annotations::new(Uuid::nil());
        let _ = s.apply(crate::core::reducer::Action::Load(anns.to_vec()));
        s
    }

    /// The annotation numbers that successive clicks on `cp` select, starting from `selected`.
    fn clicks(anns: &[Annotation], cp: usize, selected: Option<u128>, n: usize) -> Vec<u128> {
        let s = set(anns);
        let mut sel = selected.map(Uuid::from_u128);
        let mut out = Vec::new();
        for _ in 0..n {
            sel = click_selection(&s, cp, sel);
            out.extend(sel.map(|id| id.as_u128()));
        }
        out
    }

    #[test]
    fn a_click_selects_the_innermost_and_clicking_again_cycles_outward() {
        // Nested: 1 holds 2 holds 3.
        let nested = [ann(1, 0, 10), ann(2, 2, 8), ann(3, 4, 6)];
        assert_eq!(clicks(&nested, 5, None, 4), vec![3, 2, 1, 3]);
        assert_eq!(clicks(&nested, 2, None, 3), vec![2, 1, 2]);
        assert_eq!(clicks(&nested, 9, None, 2), vec![1, 1]);
        // Nothing covers the end of a span or a point past every span.
        assert_eq!(clicks(&nested, 10, None, 1), Vec::<u128>::new());
        assert_eq!(clicks(&[], 0, None, 1), Vec::<u128>::new());
    }

    #[test]
    fn equally_long_spans_go_by_later_start_then_later_creation() {
        // 2 and 3 are overlapping and equally long; 3 starts later. 4 is 3's span, created
        // later; 1 is the longest.
        let anns = [ann(1, 0, 10), ann(2, 2, 5), ann(3, 4, 7), ann(4, 4, 7)];
        assert_eq!(clicks(&anns, 4, None, 5), vec![4, 3, 2, 1, 4]);
        assert_eq!(clicks(&anns, 3, None, 3), vec![2, 1, 2]);
        assert_eq!(clicks(&anns, 6, None, 3), vec![4, 3, 1]);
        // Equal spans created at the same time: the larger id first.
        let mut twin = ann(6, 4, 7);
        twin.created = Timestamp(5);
        let tied = [ann(5, 4, 7), twin];
        assert_eq!(clicks(&tied, 5, None, 3), vec![6, 5, 6]);
    }

    #[test]
    fn a_selection_elsewhere_or_an_orphan_does_not_cycle() {
        let mut orphan = ann(3, 0, 10);
        orphan.anchoring = Anchoring::Orphan;
        let anns = [ann(1, 0, 4), ann(2, 6, 9), orphan];
        // 2 is selected but does not cover code point 1: the click starts at the innermost.
        assert_eq!(clicks(&anns, 1, Some(2), 2), vec![1, 1]);
        // The orphan covers nothing, even when it is the one selected.
        assert_eq!(clicks(&anns, 7, Some(3), 2), vec![2, 2]);
        assert_eq!(clicks(&anns, 5, Some(3), 1), Vec::<u128>::new());
        // An unknown selected id is no selection.
        assert_eq!(clicks(&anns, 7, Some(42), 1), vec![2]);
    }

    #[test]
    fn segments_2000_annotations_over_100000_words_in_one_sweep() {
        let line = "word ".repeat(100);
        let text = vec![line; 1_000].join("\n"); // 100,000 words.
        let bs = blocks(&text);
        let len = crate::core::offsets::cp_len(&text);
        let anns: Vec<Annotation> = (0..2_000u128)
            .map(|n| {
                let s = (n as usize * 7_919) % len;
                ann(n, s, (s + 3 + (n as usize % 900)).min(len))
            })
            .collect();
        let all = segment_blocks(&bs, &anns);
        assert_eq!(all.len(), 1_000);
        let covered: usize = all.iter().flatten().map(|r| r.covering.len()).sum();
        assert!(covered > 2_000);
    }

    /// Lines of text, possibly empty, with non-ASCII characters.
    fn text_strategy() -> impl Strategy<Value = String> {
        proptest::collection::vec("[aÇş“ \u{a0}😀]{0,8}", 1..6).prop_map(|l| l.join("\n"))
    }

    proptest! {
        #[test]
        fn covering_sets_match_brute_force(
            text in text_strategy(),
            spans in proptest::collection::vec((0usize..50, 0usize..12, any::<bool>()), 0..12),
        ) {
            let anns: Vec<Annotation> = spans
                .iter()
                .enumerate()
                .map(|(n, &(s, len, orphan))| {
                    let mut a = ann(n as u128 + 1, s, s + len);
                    if orphan {
                        a.anchoring = Anchoring::Orphan;
                    }
                    a
                })
                .collect();
            let bs = blocks(&text);
            let all = segment_blocks(&bs, &anns);
            prop_assert_eq!(all.len(), bs.len());
            for (b, runs) in bs.iter().zip(&all) {
                prop_assert_eq!(runs, &segment_block(b.start, b.end, &anns));
                // Contiguous, covering the block exactly, neighbours differ.
                prop_assert_eq!(runs.first().map(|r| r.start), Some(b.start));
                prop_assert_eq!(runs.last().map(|r| r.end), Some(b.end));
                for w in runs.windows(2) {
                    prop_assert_eq!(w[0].end, w[1].start);
                    prop_assert_ne!(&w[0].covering, &w[1].covering);
                }
                for r in runs {
                    prop_assert!(r.start < r.end);
                    for cp in r.start..r.end {
                        let mut want: Vec<&Annotation> = anns
                            .iter()
                            .filter(|a| a.is_attached() && a.start <= cp && cp < a.end)
                            .collect();
                        want.sort_by_key(|a| (a.start, a.end, a.created, a.id));
                        let want: Vec<Uuid> = want.iter().map(|a| a.id).collect();
                        prop_assert_eq!(&r.covering, &want);
                    }
                }
            }
        }
    }
}
