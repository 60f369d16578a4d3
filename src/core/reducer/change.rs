//! What one action changed, and which blocks of the page must be rendered again for it.

use crate::core::model::Annotation;
use crate::core::sort::SortedSet;
use crate::core::text::Block;
use uuid::Uuid;

/// What an action changed.
///
/// The shell writes the records of `upserted` and deletes those of `removed` when `save` is
/// true, and renders again the blocks that intersect any span in `spans` (both the old and new
/// positions of every changed annotation): [`Change::touched_blocks`] lists them. An action
/// that changed nothing returns [`Change::is_empty`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Change {
    /// Ids of annotations that were created or modified.
    pub upserted: Vec<Uuid>,
    /// Ids of annotations that no longer exist.
    pub removed: Vec<Uuid>,
    /// Code point spans `(start, end)` whose highlights may differ.
    pub spans: Vec<(usize, usize)>,
    /// Whether the shell must write this change to storage: false for
    /// [`super::Action::Load`] and [`super::Action::Reconcile`], whose records are stored
    /// already.
    pub save: bool,
    /// Whether the whole set was replaced ([`super::Action::Load`]): render every block.
    pub reloaded: bool,
}

impl Change {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.upserted.is_empty() && self.removed.is_empty() && !self.reloaded
    }

    /// Whether a block covering code points `start..end` must be rendered again: the
    /// block-by-block rule that [`Change::touched_blocks`] computes by binary search, kept as
    /// the tests' oracle.
    #[cfg(test)]
    pub(crate) fn touches(&self, start: usize, end: usize) -> bool {
        self.reloaded
            || self
                .spans
                .iter()
                .any(|&span| span_touches(span, start, end))
    }

    /// The positions in `blocks` of the blocks that must be rendered again, in increasing
    /// order: those a span of the change touches (see [`blocks_touching`]), and those that any span of `extra` touches by the
    /// same rule (the shell adds the spans of the annotation selected before and after, whose
    /// highlight changes too). Every block when the set was reloaded.
    ///
    /// `blocks` must be in text order without overlaps, as [`crate::core::text::blocks`] gives
    /// them; the touched ones are found by binary search, not by a scan of every block.
    pub fn touched_blocks(&self, blocks: &[Block], extra: &[(usize, usize)]) -> Vec<usize> {
        if self.reloaded {
            return (0..blocks.len()).collect();
        }
        let spans: Vec<(usize, usize)> = self.spans.iter().chain(extra).copied().collect();
        blocks_touching(blocks, &spans)
    }

    /// Adds what `other` changed to what `self` changed (`save` and `reloaded` are kept).
    pub(super) fn extend(&mut self, other: Change) {
        self.upserted.extend(other.upserted);
        self.removed.extend(other.removed);
        self.spans.extend(other.spans);
    }

    pub(super) fn record(&mut self, before: Option<&Annotation>, after: Option<&Annotation>) {
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

/// The positions in `blocks` of the blocks that any span of `spans` touches, in increasing
/// order, each once: a block `start..end` is touched by a span `(s, e)` when they share a code
/// point, and by an empty span (`s == e`) when `s` lies inside the block (the rule of
/// `Change::touches`, the tests' oracle).
///
/// `blocks` must be in text order without overlaps, as [`crate::core::text::blocks`] gives
/// them. Each span costs a binary search plus the blocks it touches.
pub fn blocks_touching(blocks: &[Block], spans: &[(usize, usize)]) -> Vec<usize> {
    let mut touched = SortedSet::new();
    for &(s, e) in spans {
        // Blocks that end at or before `s` share no code point with the span and do not hold
        // `s`; blocks that start at or after both `e` and `s + 1` do neither either.
        let first = blocks.partition_point(|b| b.end <= s);
        let stop = e.max(s.saturating_add(1));
        for (i, b) in blocks.iter().enumerate().skip(first) {
            if b.start >= stop {
                break;
            }
            if span_touches((s, e), b.start, b.end) {
                touched.insert(i);
            }
        }
    }
    touched.into_iter().collect()
}

/// Whether the span `(s, e)` touches a block `start..end`: they share a code point, or the
/// span is empty and lies inside the block.
fn span_touches((s, e): (usize, usize), start: usize, end: usize) -> bool {
    (s < end && start < e) || (s == e && start <= s && s < end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::text::blocks;
    use proptest::prelude::*;

    fn change(spans: &[(usize, usize)]) -> Change {
        Change {
            spans: spans.to_vec(),
            ..Change::default()
        }
    }

    #[test]
    fn touched_blocks_are_those_a_span_shares_a_code_point_with() {
        // Blocks 0..9, 10..19 and 21..41 (an empty line between the second and the third).
        let text = "Çavuşoğlu\nstated\u{a0}it\n\n“Together”, he said.";
        let bs = blocks(text);
        let ranges: Vec<(usize, usize)> = bs.iter().map(|b| (b.start, b.end)).collect();
        assert_eq!(ranges, vec![(0, 9), (10, 19), (21, 41)]);
        let check = |spans: &[(usize, usize)], want: &[usize]| {
            assert_eq!(change(spans).touched_blocks(&bs, &[]), want, "{spans:?}");
            assert_eq!(change(&[]).touched_blocks(&bs, spans), want, "{spans:?}");
        };
        check(&[], &[]);
        check(&[(3, 5)], &[0]);
        check(&[(8, 11)], &[0, 1]);
        // The line break and the empty line belong to no block.
        check(&[(9, 10)], &[]);
        check(&[(19, 21)], &[]);
        check(&[(5, 30), (0, 1)], &[0, 1, 2]);
        // An empty span touches the block it lies in, not the one it ends.
        check(&[(4, 4)], &[0]);
        check(&[(9, 9)], &[]);
        check(&[(10, 10)], &[1]);
        check(&[(500, 600)], &[]);
        let reloaded = Change {
            reloaded: true,
            ..Change::default()
        };
        assert_eq!(reloaded.touched_blocks(&bs, &[]), vec![0, 1, 2]);
    }

    /// Blocks in text order without overlaps, empty ones included, as `(gap, length)` pairs.
    fn blocks_strategy() -> impl Strategy<Value = Vec<Block>> {
        proptest::collection::vec((0usize..4, 0usize..6), 0..8).prop_map(|parts| {
            let mut at = 0;
            parts
                .into_iter()
                .enumerate()
                .map(|(index, (gap, len))| {
                    let start = at + gap;
                    at = start + len;
                    Block {
                        index,
                        start,
                        end: at,
                        bytes: start..at,
                    }
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn touched_blocks_agree_with_touches(
            bs in blocks_strategy(),
            spans in proptest::collection::vec((0usize..45, 0usize..45), 0..5),
            extra in proptest::collection::vec((0usize..45, 0usize..45), 0..3),
            reloaded in any::<bool>(),
        ) {
            // Spans of every kind: non-empty, empty, and inverted.
            let c = Change { spans: spans.clone(), reloaded, ..Change::default() };
            let mut all = spans;
            all.extend(&extra);
            let with_extra = Change { spans: all, reloaded, ..Change::default() };
            let want: Vec<usize> = (0..bs.len())
                .filter(|&i| with_extra.touches(bs[i].start, bs[i].end))
                .collect();
            prop_assert_eq!(c.touched_blocks(&bs, &extra), want);
        }
    }
}
