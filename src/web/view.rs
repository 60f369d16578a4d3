//! The view model of the article: what each block shows, computed from the core's segments.
//!
//! The state ([`crate::web::state`]) keeps one [`Chunk`] per [`CHUNK`] blocks, each block's
//! runs shared in an `Rc` until a change touches that block; the article component
//! ([`crate::web::components::article_view`]) renders them and compares them by pointer, so
//! one change re-renders one block. This module depends on the core only; components and the
//! state depend on it, never the other way round.

use std::rc::Rc;

use uuid::Uuid;
use yew::AttrValue;

use crate::core::model::{Annotation, Kind};
use crate::core::offsets::slice_cp;
use crate::core::panel::run_label;
use crate::core::reducer::Annotations;
use crate::core::segment::{segment_block, segment_blocks, Run};
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
    pub has_claim: bool,
    pub has_quote: bool,
    /// Whether the selected annotation covers it.
    pub selected: bool,
    /// What covers it, for the tooltip and screen readers.
    pub label: AttrValue,
}

/// The runs of one block.
pub type BlockRuns = Rc<Vec<RunView>>;
/// The runs of the blocks of one chunk.
pub type Chunk = Rc<Vec<BlockRuns>>;

/// The runs of `block` of `text`, from the core's segments of it.
fn block_runs(
    text: &str,
    block: &Block,
    runs: Vec<Run>,
    annotations: &Annotations,
    selected: Option<Uuid>,
) -> BlockRuns {
    let block_text = block.text(text);
    Rc::new(
        runs.into_iter()
            .map(|r| {
                let covering: Vec<&Annotation> = r
                    .covering
                    .iter()
                    .filter_map(|id| annotations.get(*id))
                    .collect();
                RunView {
                    start: r.start,
                    text: AttrValue::from(
                        slice_cp(block_text, r.start - block.start, r.end - block.start).to_owned(),
                    ),
                    depth: covering.len(),
                    has_claim: covering.iter().any(|a| a.kind() == Kind::Claim),
                    has_quote: covering.iter().any(|a| a.kind() == Kind::Quote),
                    selected: selected.is_some_and(|s| r.covering.contains(&s)),
                    label: run_label(covering.iter().copied()).into(),
                }
            })
            .collect(),
    )
}

/// The runs of every block of `text`, in chunks of [`CHUNK`] blocks.
pub fn chunks(
    text: &str,
    blocks: &[Block],
    annotations: &Annotations,
    selected: Option<Uuid>,
) -> Rc<Vec<Chunk>> {
    let segments = segment_blocks(blocks, annotations.iter().filter(|a| a.is_attached()));
    let views: Vec<BlockRuns> = segments
        .into_iter()
        .zip(blocks)
        .map(|(runs, b)| block_runs(text, b, runs, annotations, selected))
        .collect();
    Rc::new(views.chunks(CHUNK).map(|c| Rc::new(c.to_vec())).collect())
}

/// Computes again the runs of the blocks at indexes `touched`, replacing only those: every
/// other block keeps its `Rc`, so it is not rendered again.
pub fn update_blocks(
    chunks: &mut Rc<Vec<Chunk>>,
    text: &str,
    blocks: &[Block],
    annotations: &Annotations,
    selected: Option<Uuid>,
    touched: &[usize],
) {
    if touched.is_empty() {
        return;
    }
    let attached: Vec<&Annotation> = annotations.iter().filter(|a| a.is_attached()).collect();
    let chunks = Rc::make_mut(chunks);
    for &i in touched {
        let Some(b) = blocks.get(i) else { continue };
        let runs = segment_block(b.start, b.end, attached.iter().copied());
        let view = block_runs(text, b, runs, annotations, selected);
        if let Some(slot) = chunks
            .get_mut(i / CHUNK)
            .and_then(|chunk| Rc::make_mut(chunk).get_mut(i % CHUNK))
        {
            *slot = view;
        }
    }
}

/// Each block as one plain run, in chunks: an article with no highlights.
pub fn plain_chunks(text: &str, blocks: &[Block]) -> Rc<Vec<Chunk>> {
    chunks(text, blocks, &Annotations::new(Uuid::nil()), None)
}
