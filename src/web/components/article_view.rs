//! The article: its blocks rendered as plain text, one `<p>` per block, with highlights.
//!
//! Blocks are grouped in chunks of [`CHUNK`]; each chunk and each block is its own memoised
//! component whose props are shared `Rc`s compared by pointer, so one change re-renders one
//! chunk and one block, and a long article costs one comparison per chunk, not per block.
//! Every text node is the only child of an element carrying `data-s`, the code point offset of
//! its first character in the canonical text (a `<span>` or `<mark>` for each run of a block
//! with highlights; the `<p>` itself for a block without any); the selection glue
//! ([`crate::web::dom`]) maps DOM positions back to the core through that attribute alone.
//! Text is always rendered as text, never as HTML.

use std::rc::Rc;
use yew::prelude::*;

use crate::core::text::{Article, Block};
use crate::web::view::{BlockRuns, Chunk, CHUNK};

#[derive(Properties)]
pub struct ArticleViewProps {
    pub article: Rc<Article>,
    /// The article's blocks, as the state holds them.
    pub blocks: Rc<Vec<Block>>,
    /// The runs of each block, in chunks of [`CHUNK`] (see [`crate::web::view`]).
    pub runs: Rc<Vec<Chunk>>,
    /// Called with the code point offset of a clicked highlight.
    #[prop_or_default]
    pub on_highlight_click: Callback<usize>,
    #[prop_or_default]
    pub onkeydown: Callback<KeyboardEvent>,
    #[prop_or_default]
    pub node_ref: NodeRef,
}

/// The article re-renders only when its text or its runs change. Its callbacks dispatch to
/// the app's reducer and are refreshed whenever the runs change, which every change to the
/// annotations does.
impl PartialEq for ArticleViewProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.article, &other.article)
            && Rc::ptr_eq(&self.blocks, &other.blocks)
            && Rc::ptr_eq(&self.runs, &other.runs)
            && self.node_ref == other.node_ref
    }
}

/// Renders the article's blocks inside `<article>`.
#[function_component(ArticleView)]
pub fn article_view(props: &ArticleViewProps) -> Html {
    let article = &props.article;
    let onclick = {
        let cb = props.on_highlight_click.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(target) = e.target_dyn_into::<web_sys::Element>() else {
                return;
            };
            if let Ok(Some(mark)) = target.closest("mark[data-s]") {
                if let Some(cp) = mark.get_attribute("data-s").and_then(|s| s.parse().ok()) {
                    cb.emit(cp);
                }
            }
        })
    };
    html! {
        <article
            class="article-text"
            aria-label={article.title.clone()}
            aria-describedby="article-keys"
            tabindex="0"
            ref={props.node_ref.clone()}
            {onclick}
            onkeydown={props.onkeydown.clone()}
        >
            { for props.runs.iter().enumerate().map(|(c, chunk)| html! {
                <ChunkView key={c} first={c * CHUNK} blocks={props.blocks.clone()} chunk={chunk.clone()} />
            }) }
        </article>
    }
}

#[derive(Properties)]
pub struct ChunkViewProps {
    /// Index of the chunk's first block.
    pub first: usize,
    pub blocks: Rc<Vec<Block>>,
    pub chunk: Chunk,
}

impl PartialEq for ChunkViewProps {
    fn eq(&self, other: &Self) -> bool {
        self.first == other.first
            && Rc::ptr_eq(&self.blocks, &other.blocks)
            && Rc::ptr_eq(&self.chunk, &other.chunk)
    }
}

/// About how many characters fit on one line of the article column (46rem of 1.125rem
/// Georgia); only used to guess the height of a chunk the browser has not laid out yet.
const CHARS_PER_LINE: usize = 75;

/// A run of consecutive blocks in a `<div class="chunk">`. The stylesheet gives chunks
/// `content-visibility: auto`, so the browser lays out and paints only the chunks near the
/// viewport (the text stays in the DOM: find in page, selection and screen readers see all of
/// it). Until a chunk has been laid out once, its height is this estimate from its blocks'
/// lengths, which keeps the scroll bar close to the truth on a long article.
#[function_component(ChunkView)]
pub fn chunk_view(props: &ChunkViewProps) -> Html {
    let blocks = props
        .blocks
        .get(props.first..(props.first + props.chunk.len()).min(props.blocks.len()))
        .unwrap_or(&[]);
    let lines: usize = blocks
        .iter()
        .map(|b| (b.end - b.start).div_ceil(CHARS_PER_LINE))
        .sum();
    // Lines are 1.75em high and each block has a 1em margin (styles/main.css).
    let tenths_em = lines * 175 / 10 + blocks.len() * 10;
    let style = format!(
        "contain-intrinsic-block-size:auto {}.{}em",
        tenths_em / 10,
        tenths_em % 10
    );
    html! {
        <div class="chunk" {style}>
        { for props.chunk.iter().enumerate().filter_map(|(i, runs)| {
            let b = props.blocks.get(props.first + i)?;
            Some(html! { <BlockView key={b.index} runs={runs.clone()} /> })
        }) }
        </div>
    }
}

#[derive(Properties)]
pub struct BlockViewProps {
    /// The block's runs (each knows its code point offset), in order; their texts concatenate to the block's characters.
    pub runs: BlockRuns,
}

impl PartialEq for BlockViewProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.runs, &other.runs)
    }
}

/// One block of the article. A block without highlights is one `<p>` holding its text, with
/// `data-s` on the `<p>` itself: most blocks of a long article are plain, and each element and
/// attribute fewer is less to build when it loads.
#[function_component(BlockView)]
pub fn block_view(props: &BlockViewProps) -> Html {
    if let [r] = props.runs.as_slice() {
        if r.depth == 0 {
            return html! {
                <p class="block" data-s={r.start.to_string()}>{ r.text.clone() }</p>
            };
        }
    }
    html! {
        <p class="block">
            { for props.runs.iter().map(|r| {
                let s = r.start.to_string();
                if r.depth == 0 {
                    html! { <span key={s.clone()} data-s={s}>{ r.text.clone() }</span> }
                } else {
                    let class = classes!(
                        "hl",
                        r.has_claim.then_some("hl-claim"),
                        r.has_quote.then_some("hl-quote"),
                        (r.depth > 1).then_some("hl-overlap"),
                        r.selected.then_some("hl-selected"),
                    );
                    html! {
                        <mark key={s.clone()} data-s={s} {class} title={r.label.clone()}
                              data-depth={r.depth.to_string()}>
                            { r.text.clone() }
                        </mark>
                    }
                }
            }) }
        </p>
    }
}
