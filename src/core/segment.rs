//! Splitting blocks of text into runs covered by the same annotations, for highlighting.
//!
//! A block `start..end` (code points, see [`crate::core::text::Block`]) becomes a list of
//! [`Run`]s that follow each other without gaps, cover the block exactly, and differ from
//! their neighbours in which annotations cover them. Only attached annotations
//! ([`Annotation::is_attached`]) with a non-empty span count; an annotation that crosses a block
//! boundary covers the part inside each block. [`segment_blocks`] does every block of an article
//! in one sweep over sorted boundaries.
//!
//! A run does not list every annotation covering it: it carries how many there are, whether a
//! claim and whether a quote is among them, and the ids of at most [`RUN_IDS`] innermost ones.
//! So the output grows with the number of runs, not with the number of runs times the nesting
//! depth: 1,500 annotations nested inside each other make about 3,000 runs of a few ids each,
//! not millions of ids. The sweep costs O((n + b) log n + r · [`RUN_IDS`]) for n annotations,
//! b blocks and r runs. What covers a place in full is computed when it is asked for, from the
//! set: [`covering_at`] (for a label) and [`click_selection`] (which annotation a click
//! selects), in O(n) each.

use crate::core::model::{Annotation, Kind, Timestamp};
use crate::core::reducer::Annotations;
use crate::core::sort::SortedSet;
use crate::core::text::Block;
use std::cmp::Reverse;
use uuid::Uuid;

/// How many nesting levels a highlight draws: a run covered by more annotations is drawn as
/// if covered by this many, and the stretch of such runs gets an "N overlapping" cue
/// ([`deep_cues`]). Four levels of shading are still told apart by eye; more are not.
pub const DRAWN_DEPTH: usize = 4;

/// How many ids of the annotations covering it a [`Run`] keeps, innermost first: one per level
/// that is drawn ([`DRAWN_DEPTH`]). Nothing the app does needs more: the first is the
/// annotation a click selects, whether the selected annotation covers a run is a comparison of
/// spans ([`Run::within`]), and the full list is computed on demand ([`covering_at`]).
pub const RUN_IDS: usize = DRAWN_DEPTH;

/// Code points `start..end` of a block, covered by a constant set of annotations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// Code point offset of the run's first character in the canonical text.
    pub start: usize,
    /// Code point offset just past the run's last character.
    pub end: usize,
    /// How many annotations cover the run (0: plain text).
    pub depth: usize,
    /// Whether a claim covers the run.
    pub has_claim: bool,
    /// Whether a quote covers the run.
    pub has_quote: bool,
    /// The ids of the innermost annotations covering the run, at most [`RUN_IDS`] of them, in
    /// the order clicks offer them ([`click_selection`]): the first is the one a click on the
    /// run selects. Empty for plain text.
    pub innermost: Vec<Uuid>,
}

impl Run {
    /// Whether every character of the run lies in `start..end`. Since the set covering a run is
    /// constant, an annotation spanning `start..end` covers the run exactly when this holds.
    pub fn within(&self, start: usize, end: usize) -> bool {
        start <= self.start && self.end <= end
    }
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

/// For each of a block's `runs`, the "N overlapping" cue shown before it: on the first run of
/// each stretch of consecutive runs deeper than [`DRAWN_DEPTH`], the largest depth in that
/// stretch; `None` everywhere else. One cue per stretch, not per run, so that a deeply nested
/// passage reads as text with one note, not as a number after every word.
pub fn deep_cues(runs: &[Run]) -> Vec<Option<usize>> {
    let mut cues = vec![None; runs.len()];
    let mut first: Option<usize> = None;
    for (i, r) in runs.iter().enumerate() {
        if r.depth <= DRAWN_DEPTH {
            first = None;
            continue;
        }
        let at = *first.get_or_insert(i);
        if let Some(cue) = cues.get_mut(at) {
            *cue = Some(cue.map_or(r.depth, |d: usize| d.max(r.depth)));
        }
    }
    cues
}

/// The attached annotations covering code point `cp`, in the order clicks on it offer them:
/// innermost (shortest) first; among equally long ones the one starting later, then the one
/// created later, then the one with the larger id. O(n) in the annotations starting at or
/// before `cp`; meant for what is asked about one place (a label, a click), not for drawing.
pub fn covering_at(annotations: &Annotations, cp: usize) -> Vec<&Annotation> {
    // The set iterates in text order, so nothing after the first start past `cp` covers it.
    let mut covering: Vec<&Annotation> = annotations
        .iter()
        .take_while(|a| a.start <= cp)
        .filter(|a| a.is_attached() && cp < a.end)
        .collect();
    crate::core::sort::sort_by_key(&mut covering, |a| {
        click_key(a.start, a.end, a.created, a.id)
    });
    covering
}

/// Sorting key of the order of [`covering_at`].
type ClickKey = (usize, Reverse<usize>, Reverse<Timestamp>, Reverse<Uuid>);

/// The order of [`covering_at`]: shorter first, then later start, later creation, larger id.
fn click_key(start: usize, end: usize, created: Timestamp, id: Uuid) -> ClickKey {
    (
        end.saturating_sub(start),
        Reverse(start),
        Reverse(created),
        Reverse(id),
    )
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
    let covering = covering_at(annotations, cp);
    let next = selected
        .and_then(|s| covering.iter().position(|a| a.id == s))
        .map_or(0, |i| (i + 1) % covering.len());
    covering.get(next).map(|a| a.id)
}

/// What the sweep keeps of an annotation.
#[derive(Debug, Clone, Copy)]
struct Entry {
    start: usize,
    end: usize,
    created: Timestamp,
    id: Uuid,
    kind: Kind,
}

/// Segments each range of `ranges`.
fn sweep<'a>(
    ranges: &[(usize, usize)],
    annotations: impl IntoIterator<Item = &'a Annotation>,
) -> Vec<Vec<Run>> {
    let in_order = ranges
        .windows(2)
        .all(|w| matches!(w, [a, b] if a.0 <= a.1 && a.1 <= b.0));
    // Only what covers a character of some range takes part: re-rendering one block of a long
    // article then sorts and sweeps the few annotations over it, not all of them.
    let over_a_range = |start: usize, end: usize| {
        if in_order {
            let i = ranges.partition_point(|r| r.1 <= start);
            ranges.get(i).is_some_and(|r| r.0 < end)
        } else {
            ranges.iter().any(|r| r.0 < end && start < r.1)
        }
    };
    let mut order: Vec<Entry> = annotations
        .into_iter()
        .filter(|a| a.is_attached() && a.start < a.end && over_a_range(a.start, a.end))
        .map(|a| Entry {
            start: a.start,
            end: a.end,
            created: a.created,
            id: a.id,
            kind: a.kind(),
        })
        .collect();
    crate::core::sort::sort_by_key(&mut order, |e| (e.start, e.end, e.created, e.id));
    order.dedup_by_key(|e| e.id);

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

/// The annotations covering the sweep's position, and how many claims and quotes among them.
#[derive(Default)]
struct Active {
    /// Whether each entry of the sweep's order is active.
    open: Vec<bool>,
    /// The active entries in click order ([`covering_at`]) as (length, start, index in the
    /// sweep's order): the order is sorted by start, end, creation and id, so among entries of
    /// equal length and start (hence equal spans) the larger index is the one created later,
    /// or of larger id, which clicks offer first.
    by_click: SortedSet<(usize, Reverse<usize>, Reverse<usize>)>,
    claims: usize,
    quotes: usize,
}

impl Active {
    /// Nothing active, for `n` entries.
    fn new(n: usize) -> Self {
        Active {
            open: vec![false; n],
            ..Active::default()
        }
    }

    /// Adds entry `i` if it is not active, else removes it.
    fn toggle(&mut self, order: &[Entry], i: usize) {
        let (Some(e), Some(open)) = (order.get(i), self.open.get_mut(i)) else {
            return;
        };
        let key = (e.end.saturating_sub(e.start), Reverse(e.start), Reverse(i));
        *open = !*open;
        let count = match e.kind {
            Kind::Claim => &mut self.claims,
            Kind::Quote => &mut self.quotes,
        };
        if *open {
            self.by_click.insert(key);
            *count += 1;
        } else {
            self.by_click.remove(&key);
            *count = count.saturating_sub(1);
        }
    }

    /// A run `start..end` covered by what is active now.
    fn run(&self, start: usize, end: usize, order: &[Entry]) -> Run {
        Run {
            start,
            end,
            depth: self.by_click.len(),
            has_claim: self.claims > 0,
            has_quote: self.quotes > 0,
            innermost: self
                .by_click
                .iter()
                .take(RUN_IDS)
                .filter_map(|&(_, _, Reverse(i))| order.get(i).map(|e| e.id))
                .collect(),
        }
    }
}

/// Segments sorted, disjoint ranges with annotations sorted in text order. A new run starts
/// only where an annotation starts or ends, and each such event changes the covering set, so
/// neighbouring runs always differ in what covers them.
fn sweep_sorted(ranges: &[(usize, usize)], order: &[Entry]) -> Vec<Vec<Run>> {
    // Events: (position, index in `order`); an index opens at its start and closes at its end.
    let mut events: Vec<(usize, usize)> = Vec::with_capacity(order.len() * 2);
    for (i, e) in order.iter().enumerate() {
        events.push((e.start, i));
        events.push((e.end, i));
    }
    crate::core::sort::sort(&mut events);

    let mut active = Active::new(order.len());
    let mut next = 0;
    let mut out = Vec::with_capacity(ranges.len());
    for &(start, end) in ranges {
        while let Some(&(_, i)) = events.get(next).filter(|e| e.0 <= start) {
            active.toggle(order, i);
            next += 1;
        }
        let mut runs: Vec<Run> = Vec::new();
        let mut cur = start;
        while cur < end {
            let stop = events.get(next).map_or(end, |e| e.0.min(end));
            runs.push(active.run(cur, stop, order));
            cur = stop;
            while let Some(&(_, i)) = events.get(next).filter(|e| e.0 <= cur && cur < end) {
                active.toggle(order, i);
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
        ann_of(Kind::Claim, n, start, end)
    }

    fn ann_of(kind: Kind, n: u128, start: usize, end: usize) -> Annotation {
        Annotation::new(
            Uuid::from_u128(n),
            Uuid::nil(),
            kind,
            "",
            start,
            end,
            Timestamp(n as i64),
        )
    }

    /// Runs as `(start, end, [annotation numbers, innermost first])`; every annotation here is
    /// a claim and no run is deeper than [`RUN_IDS`], so the ids are the whole covering set.
    fn check(start: usize, end: usize, anns: &[Annotation], expect: &[(usize, usize, &[u128])]) {
        let runs = segment_block(start, end, anns);
        for r in &runs {
            assert_eq!(r.depth, r.innermost.len());
            assert_eq!(r.has_claim, r.depth > 0);
            assert!(!r.has_quote);
        }
        let got: Vec<(usize, usize, Vec<u128>)> = runs
            .into_iter()
            .map(|r| {
                (
                    r.start,
                    r.end,
                    r.innermost.iter().map(|u| u.as_u128()).collect(),
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
                // Equally long: the one starting later is the inner one.
                (4, 6, &[2, 1]),
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
            // 2 and 3 are the same span: the one created later is the inner one.
            &[(0, 2, &[1]), (2, 4, &[3, 2, 1]), (4, 6, &[1])],
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
            all[i].iter().map(|r| (r.start, r.end, r.depth)).collect()
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
        assert_eq!(all[0][0].depth, 1);
        assert_eq!(all[1][1].depth, 1);
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
        let covered: usize = all.iter().flatten().map(|r| r.depth).sum();
        assert!(covered > 2_000);
    }

    /// Lines of text, possibly empty, with non-ASCII characters.
    fn text_strategy() -> impl Strategy<Value = String> {
        proptest::collection::vec("[aÇş“ \u{a0}😀]{0,8}", 1..6).prop_map(|l| l.join("\n"))
    }

    /// What covers code point `cp`, computed naively: every attached annotation, innermost
    /// first in click order.
    fn naive_covering(anns: &[Annotation], cp: usize) -> Vec<&Annotation> {
        let mut want: Vec<&Annotation> = anns
            .iter()
            .filter(|a| a.is_attached() && a.start <= cp && cp < a.end)
            .collect();
        want.sort_by_key(|a| click_key(a.start, a.end, a.created, a.id));
        want.dedup_by_key(|a| a.id);
        want
    }

    /// Checks the runs of every block of `text` against [`naive_covering`] at every code point.
    fn check_against_naive(text: &str, anns: &[Annotation]) -> Result<(), TestCaseError> {
        let bs = blocks(text);
        let all = segment_blocks(&bs, anns);
        let set = set(anns);
        prop_assert_eq!(all.len(), bs.len());
        // Some of the blocks (as a re-render asks for the blocks a change touched) get the
        // runs they get among all, though only the annotations over them take part.
        let some: Vec<Block> = bs.iter().skip(1).step_by(2).cloned().collect();
        let part = segment_blocks(&some, anns);
        prop_assert_eq!(part.len(), some.len());
        for (runs, whole) in part.iter().zip(all.iter().skip(1).step_by(2)) {
            prop_assert_eq!(runs, whole);
        }
        for (b, runs) in bs.iter().zip(&all) {
            prop_assert_eq!(runs, &segment_block(b.start, b.end, anns));
            // Contiguous, covering the block exactly, neighbours covered by different sets.
            prop_assert_eq!(runs.first().map(|r| r.start), Some(b.start));
            prop_assert_eq!(runs.last().map(|r| r.end), Some(b.end));
            for w in runs.windows(2) {
                prop_assert_eq!(w[0].end, w[1].start);
                let ids = |cp| -> Vec<Uuid> {
                    let mut v: Vec<Uuid> = naive_covering(anns, cp).iter().map(|a| a.id).collect();
                    v.sort();
                    v
                };
                prop_assert_ne!(ids(w[0].start), ids(w[1].start));
            }
            for r in runs {
                prop_assert!(r.start < r.end);
                prop_assert!(r.innermost.len() <= RUN_IDS);
                for cp in r.start..r.end {
                    let want = naive_covering(anns, cp);
                    prop_assert_eq!(r.depth, want.len());
                    prop_assert_eq!(r.has_claim, want.iter().any(|a| a.kind() == Kind::Claim));
                    prop_assert_eq!(r.has_quote, want.iter().any(|a| a.kind() == Kind::Quote));
                    let innermost: Vec<Uuid> = want.iter().take(RUN_IDS).map(|a| a.id).collect();
                    prop_assert_eq!(&r.innermost, &innermost);
                    // The run's first id is what a click there selects; the set answers
                    // `covering_at` with the whole list.
                    prop_assert_eq!(
                        r.innermost.first().copied(),
                        click_selection(&set, cp, None)
                    );
                    let on_demand: Vec<Uuid> = covering_at(&set, cp).iter().map(|a| a.id).collect();
                    let all_ids: Vec<Uuid> = want.iter().map(|a| a.id).collect();
                    prop_assert_eq!(on_demand, all_ids);
                    // A span covers the run exactly when the run lies within it.
                    for a in anns.iter().filter(|a| a.is_attached() && a.start < a.end) {
                        prop_assert_eq!(
                            r.within(a.start, a.end),
                            want.iter().any(|w| w.id == a.id)
                        );
                    }
                }
            }
            // One cue per stretch deeper than what is drawn, with its largest depth.
            let cues = deep_cues(runs);
            prop_assert_eq!(cues.len(), runs.len());
            for (i, r) in runs.iter().enumerate() {
                let starts = r.depth > DRAWN_DEPTH
                    && (i == 0 || runs.get(i - 1).is_some_and(|p| p.depth <= DRAWN_DEPTH));
                let want = starts.then(|| {
                    runs[i..]
                        .iter()
                        .take_while(|r| r.depth > DRAWN_DEPTH)
                        .map(|r| r.depth)
                        .max()
                        .unwrap_or(0)
                });
                prop_assert_eq!(cues[i], want);
            }
        }
        Ok(())
    }

    fn kind_of(quote: bool) -> Kind {
        if quote {
            Kind::Quote
        } else {
            Kind::Claim
        }
    }

    proptest! {
        #[test]
        fn runs_match_a_naive_computation(
            text in text_strategy(),
            spans in proptest::collection::vec(
                (0usize..50, 0usize..12, any::<bool>(), any::<bool>()),
                0..12,
            ),
        ) {
            let anns: Vec<Annotation> = spans
                .iter()
                .enumerate()
                .map(|(n, &(s, len, orphan, quote))| {
                    let mut a = ann_of(kind_of(quote), n as u128 + 1, s, s + len);
                    if orphan {
                        a.anchoring = Anchoring::Orphan;
                    }
                    a
                })
                .collect();
            check_against_naive(&text, &anns)?;
        }

        #[test]
        fn nested_runs_match_a_naive_computation(
            text in text_strategy(),
            centre in 0usize..40,
            // Each annotation reaches this far left and right of the centre, so they nest (and
            // some tie); more of them than the ids a run keeps.
            reach in proptest::collection::vec((0usize..20, 1usize..20, any::<bool>()), 0..14),
            stray in proptest::collection::vec((0usize..50, 1usize..12, any::<bool>()), 0..4),
        ) {
            let anns: Vec<Annotation> = reach
                .iter()
                .map(|&(l, r, q)| (centre.saturating_sub(l), centre + r, q))
                .chain(stray.iter().map(|&(s, len, q)| (s, s + len, q)))
                .enumerate()
                .map(|(n, (s, e, q))| ann_of(kind_of(q), n as u128 + 1, s, e))
                .collect();
            check_against_naive(&text, &anns)?;
        }
    }

    #[test]
    fn nesting_1500_deep_gives_output_linear_in_size() {
        // 3,000 words in 30 paragraphs; annotation n covers words n..3,000 - n.
        let line = "word ".repeat(100);
        let text = vec![line.trim_end(); 30].join("\n");
        let bs = blocks(&text);
        let len = crate::core::offsets::cp_len(&text);
        let anns: Vec<Annotation> = (0..1_500usize)
            .map(|n| ann_of(kind_of(n % 7 == 0), n as u128, n * 5, len - n * 5))
            .collect();
        let all = segment_blocks(&bs, &anns);
        let runs: usize = all.iter().map(Vec::len).sum();
        let ids: usize = all.iter().flatten().map(|r| r.innermost.len()).sum();
        // Each start and each end makes at most one new run (plus one per block), and each run
        // holds at most RUN_IDS ids: about 3,000 runs and 12,000 ids, where the full covering
        // sets would hold some 2.25 million.
        assert!(runs <= 2 * anns.len() + bs.len(), "{runs} runs");
        assert!(ids <= RUN_IDS * runs, "{ids} ids");
        let deepest = all.iter().flatten().map(|r| r.depth).max();
        assert_eq!(deepest, Some(1_500));
        let full: usize = all.iter().flatten().map(|r| r.depth).sum();
        assert!(full > 100 * ids, "the full sets would be {full} ids");
        // Every block is one deep stretch but the first and last (which start shallow): one cue
        // each, naming its deepest run.
        let cues: Vec<usize> = all
            .iter()
            .flat_map(|runs| deep_cues(runs))
            .flatten()
            .collect();
        assert_eq!(cues.len(), bs.len());
        assert!(cues.contains(&1_500));
    }

    #[test]
    fn a_cue_marks_each_stretch_deeper_than_drawn() {
        let run = |depth| Run {
            start: 0,
            end: 1,
            depth,
            has_claim: true,
            has_quote: false,
            innermost: Vec::new(),
        };
        let runs: Vec<Run> = [0, 5, 7, 6, 4, 5, 1].into_iter().map(run).collect();
        assert_eq!(
            deep_cues(&runs),
            vec![None, Some(7), None, None, None, Some(5), None]
        );
        assert_eq!(deep_cues(&[]), Vec::<Option<usize>>::new());
        assert_eq!(deep_cues(&[run(DRAWN_DEPTH)]), vec![None]);
    }
}
