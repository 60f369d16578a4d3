//! The view model of the article: what each block shows, computed from the core's segments.
//!
//! The state ([`crate::web::state`]) keeps one [`Chunk`] per [`CHUNK`] blocks, each block's
//! runs shared in an `Rc` until a change touches that block; the article component
//! ([`crate::web::components::article_view`]) renders them and compares them by pointer, so
//! one change re-renders one block. A run holds what drawing it needs (its depth, kinds,
//! whether it is selected, the "N overlapping" cue), all bounded in size whatever the
//! nesting; what covers a highlight is named only when it is asked for, from the annotations
//! [`ArticleRuns`] carries ([`ArticleRuns::label_at`]). This module depends on the core only;
//! components and the state depend on it, never the other way round.

use std::rc::Rc;

use uuid::Uuid;
use yew::AttrValue;

use crate::core::model::Annotation;
use crate::core::offsets::slice_cp;
use crate::core::panel::{overlapping_cue, run_label};
use crate::core::reducer::Annotations;
use crate::core::segment::{covering_at, deep_cues, segment_blocks, Run, DRAWN_DEPTH};
use crate::core::text::Block;

/// How many blocks one chunk holds.
pub const CHUNK: usize = 64;

/// One run of a block as the view shows it: characters covered by one constant set of
/// annotations.
#[derive(Debug, Clone, PartialEq)]
pub struct RunView {
    /// The code point offset of the run's first character in the article's text.
    pub start: usize,
    /// The run's characters.
    pub text: AttrValue,
    /// How many annotations cover it (0: plain text).
    pub depth: usize,
    /// Whether a claim covers it.
    pub has_claim: bool,
    /// Whether a quote covers it.
    pub has_quote: bool,
    /// Whether the selected annotation covers it.
    pub selected: bool,
    /// The "N overlapping" cue shown before it, on the first run of a stretch deeper than a
    /// highlight draws ([`crate::core::segment::deep_cues`]).
    pub cue: Option<AttrValue>,
}

impl RunView {
    /// The depth a highlight draws: its depth, at most [`DRAWN_DEPTH`].
    pub fn drawn_depth(&self) -> usize {
        self.depth.min(DRAWN_DEPTH)
    }
}

/// The runs of one block.
pub type BlockRuns = Rc<Vec<RunView>>;
/// The runs of the blocks of one chunk.
pub type Chunk = Rc<Vec<BlockRuns>>;

/// The runs of every block of the open article, in chunks, with the annotations they were
/// computed from, so that the article can name what covers a highlight when asked.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleRuns {
    /// Per chunk of [`CHUNK`] blocks, per block, its runs.
    pub chunks: Vec<Chunk>,
    /// The open article's annotations.
    pub annotations: Rc<Annotations>,
}

impl ArticleRuns {
    /// The chunks, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Chunk> {
        self.chunks.iter()
    }

    /// What covers code point `cp`, for a tooltip or an announcement: the labels of the
    /// annotations covering it, innermost first, capped ([`run_label`]). Computed on demand, in
    /// O(n) for n annotations.
    pub fn label_at(&self, cp: usize) -> String {
        run_label(covering_at(&self.annotations, cp))
    }
}

/// The span of the selected annotation, if it is attached.
fn selected_span(annotations: &Annotations, selected: Option<Uuid>) -> Option<(usize, usize)> {
    let a = annotations.get(selected?)?;
    a.is_attached().then_some((a.start, a.end))
}

/// The runs of `block` of `text`, from the core's segments of it; `selected` is the selected
/// annotation's span.
///
/// Consecutive runs deeper than [`DRAWN_DEPTH`] that draw alike (same kinds, same selection)
/// become one run: they look the same, and a deeply nested passage is then a few elements,
/// not one per start and end of every annotation in it (1,500 nested annotations: some 3,000
/// elements before, a few per paragraph now), which is what drawing, laying out and painting
/// it costs. What covers a place inside such a run is still told exactly: the article asks
/// the core at the point pointed at or clicked ([`ArticleRuns::label_at`]).
fn block_runs(
    text: &str,
    block: &Block,
    runs: Vec<Run>,
    selected: Option<(usize, usize)>,
) -> BlockRuns {
    let block_text = block.text(text);
    let cues = deep_cues(&runs);
    let mut views: Vec<RunView> = Vec::with_capacity(runs.len());
    let mut end_of_last = block.start;
    for (r, cue) in runs.into_iter().zip(cues) {
        let view = RunView {
            start: r.start,
            text: AttrValue::from(""),
            depth: r.depth,
            has_claim: r.has_claim,
            has_quote: r.has_quote,
            selected: r.depth > 0 && selected.is_some_and(|(s, e)| r.within(s, e)),
            cue: cue.map(|d| AttrValue::from(overlapping_cue(d))),
        };
        let joins = views.last().is_some_and(|last| {
            last.depth > DRAWN_DEPTH
                && view.depth > DRAWN_DEPTH
                && view.cue.is_none()
                && (last.has_claim, last.has_quote, last.selected)
                    == (view.has_claim, view.has_quote, view.selected)
        });
        if !joins {
            if let Some(last) = views.last_mut() {
                last.text = AttrValue::from(
                    slice_cp(block_text, last.start - block.start, r.start - block.start)
                        .to_owned(),
                );
            }
            views.push(view);
        }
        end_of_last = r.end;
    }
    if let Some(last) = views.last_mut() {
        last.text = AttrValue::from(
            slice_cp(
                block_text,
                last.start - block.start,
                end_of_last - block.start,
            )
            .to_owned(),
        );
    }
    Rc::new(views)
}

/// The attached annotations of `annotations`.
fn attached(annotations: &Annotations) -> impl Iterator<Item = &Annotation> {
    annotations.iter().filter(|a| a.is_attached())
}

/// The runs of every block of `text`, in chunks of [`CHUNK`] blocks.
pub fn chunks(
    text: &str,
    blocks: &[Block],
    annotations: &Rc<Annotations>,
    selected: Option<Uuid>,
) -> Rc<ArticleRuns> {
    let span = selected_span(annotations, selected);
    let segments = segment_blocks(blocks, attached(annotations));
    let views: Vec<BlockRuns> = segments
        .into_iter()
        .zip(blocks)
        .map(|(runs, b)| block_runs(text, b, runs, span))
        .collect();
    Rc::new(ArticleRuns {
        chunks: views.chunks(CHUNK).map(|c| Rc::new(c.to_vec())).collect(),
        annotations: Rc::clone(annotations),
    })
}

/// Computes again the runs of the blocks at indexes `touched` (in increasing order, as
/// [`crate::core::reducer::Change::touched_blocks`] gives them), in one sweep, replacing only
/// those: every other block keeps its `Rc`, so it is not rendered again. The annotations the
/// runs carry become `annotations`.
pub fn update_blocks(
    runs: &mut Rc<ArticleRuns>,
    text: &str,
    blocks: &[Block],
    annotations: &Rc<Annotations>,
    selected: Option<Uuid>,
    touched: &[usize],
) {
    let all = Rc::make_mut(runs);
    all.annotations = Rc::clone(annotations);
    let picked: Vec<(usize, Block)> = touched
        .iter()
        .filter_map(|&i| blocks.get(i).map(|b| (i, b.clone())))
        .collect();
    if picked.is_empty() {
        return;
    }
    let span = selected_span(annotations, selected);
    let some: Vec<Block> = picked.iter().map(|(_, b)| b.clone()).collect();
    let segments = segment_blocks(&some, attached(annotations));
    for ((i, b), runs) in picked.iter().zip(segments) {
        let view = block_runs(text, b, runs, span);
        if let Some(slot) = all
            .chunks
            .get_mut(i / CHUNK)
            .and_then(|chunk| Rc::make_mut(chunk).get_mut(i % CHUNK))
        {
            *slot = view;
        }
    }
}

/// Each block as one plain run, in chunks: an article with no highlights.
pub fn plain_chunks(text: &str, blocks: &[Block]) -> Rc<ArticleRuns> {
    chunks(text, blocks, &Rc::new(Annotations::new(Uuid::nil())), None)
}
