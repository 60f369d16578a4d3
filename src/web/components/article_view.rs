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
//!
//! What covers a highlight is named when it is asked for: pointing at a highlight (or clicking
//! it) gives that one `<mark>` a `title` computed then ([`ArticleRuns::label_at`]), and a click
//! also announces it in a polite live region after the article. A highlight deeper than
//! [`DRAWN_DEPTH`] is drawn at that depth, and each stretch of such runs starts with an
//! "N overlapping" cue: an element with `role="img"` and that text as its accessible name,
//! which the stylesheet shows; it holds no text node, so the article's text and the `data-s`
//! mapping stay exactly the blocks' characters.

use std::rc::Rc;
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::web::hooks::effect::use_effect_on;

use crate::core::segment::DRAWN_DEPTH;
use crate::core::text::{Article, Block};
use crate::web::view::{ArticleRuns, BlockRuns, Chunk, CHUNK};

#[derive(Properties)]
pub struct ArticleViewProps {
    pub article: Rc<Article>,
    /// The article's blocks, as the state holds them.
    pub blocks: Rc<Vec<Block>>,
    /// The runs of each block, in chunks of [`CHUNK`] (see [`crate::web::view`]).
    pub runs: Rc<ArticleRuns>,
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

/// A highlight whose label was asked for: the article, the code point offset of its `<mark>`
/// (its `data-s`), and whether a click asked (then the label is also announced).
#[derive(Clone, Copy, PartialEq)]
struct Asked {
    article: uuid::Uuid,
    cp: usize,
    clicked: bool,
}

/// The code point offset a pointer event on a highlight `<mark data-s>` happened at, if it
/// happened on one: the character under the pointer (`caretPositionFromPoint`), or the
/// highlight's first character where the browser cannot say (or says a place outside it). One
/// `<mark>` may draw a stretch of text covered by different annotations (see
/// [`crate::web::view`]), so the place matters, not only the element.
fn highlight_of(e: &MouseEvent) -> Option<usize> {
    let target = e.target_dyn_into::<web_sys::Element>()?;
    let mark = target.closest("mark[data-s]").ok()??;
    let start: usize = mark.get_attribute("data-s")?.parse().ok()?;
    let len = crate::core::offsets::cp_len(&mark.text_content().unwrap_or_default());
    // Only a real pointer event has a place (an event made by a script may be a plain
    // `Event`, whose coordinates cannot be read).
    let real = wasm_bindgen::JsCast::dyn_ref::<web_sys::MouseEvent>(AsRef::<JsValue>::as_ref(e));
    let exact = real
        .and_then(|e| {
            gloo::utils::document()
                .caret_position_from_point(e.client_x() as f32, e.client_y() as f32)
        })
        .and_then(|p| {
            let node = p.offset_node()?;
            crate::web::dom::point_to_cp(&mark, &node, p.offset(), crate::web::dom::Edge::Start)
        })
        .filter(|cp| (start..start + len).contains(cp));
    Some(exact.unwrap_or(start))
}

/// Renders the article's blocks inside `<article>`, and after it the live region that
/// announces what covers a clicked highlight.
#[function_component(ArticleView)]
pub fn article_view(props: &ArticleViewProps) -> Html {
    let article = &props.article;
    let asked = use_state_eq(|| None::<Asked>);
    let id = article.id;
    let onclick = {
        let (cb, asked) = (props.on_highlight_click.clone(), asked.clone());
        Callback::from(move |e: MouseEvent| {
            if let Some(cp) = highlight_of(&e) {
                asked.set(Some(Asked {
                    article: id,
                    cp,
                    clicked: true,
                }));
                cb.emit(cp);
            }
        })
    };
    let onmouseover = {
        let asked = asked.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(cp) = highlight_of(&e) {
                if asked.is_none_or(|a| a.cp != cp || a.article != id) {
                    asked.set(Some(Asked {
                        article: id,
                        cp,
                        clicked: false,
                    }));
                }
            }
        })
    };
    // The label is computed here, on each render while a highlight of this article is asked
    // about, so it follows edits of the annotations covering it.
    let label = asked
        .filter(|a| a.article == id)
        .map(|a| (a, AttrValue::from(props.runs.label_at(a.cp))));
    // Only the chunk holding the asked highlight gets its label; every other keeps `None` and
    // is not rendered again.
    let asked_chunk = label.as_ref().map(|(a, _)| {
        props
            .blocks
            .partition_point(|b| b.start <= a.cp)
            .saturating_sub(1)
            / CHUNK
    });
    let announced = label
        .as_ref()
        .filter(|(a, _)| a.clicked)
        .map(|(_, l)| l.as_str().replace('\n', "; "))
        .unwrap_or_default();
    html! {
        <>
        <article
            class="article-text"
            aria-label={article.title.clone()}
            aria-describedby="article-keys"
            tabindex="0"
            ref={props.node_ref.clone()}
            {onclick}
            {onmouseover}
            onkeydown={props.onkeydown.clone()}
        >
            { for props.runs.iter().enumerate().map(|(c, chunk)| {
                let title = label
                    .as_ref()
                    .filter(|_| asked_chunk == Some(c))
                    .map(|(a, l)| (a.cp, l.clone()));
                html! {
                    <ChunkView key={c} first={c * CHUNK} blocks={props.blocks.clone()}
                        chunk={chunk.clone()} {title} />
                }
            }) }
        </article>
        <p class="visually-hidden" aria-live="polite" data-role="highlight-label">{ announced }</p>
        </>
    }
}

#[derive(Properties)]
pub struct ChunkViewProps {
    /// Index of the chunk's first block.
    pub first: usize,
    pub blocks: Rc<Vec<Block>>,
    pub chunk: Chunk,
    /// The code point offset of the highlight in this chunk whose label was asked for, and
    /// that label.
    #[prop_or_default]
    pub title: Option<(usize, AttrValue)>,
}

impl PartialEq for ChunkViewProps {
    fn eq(&self, other: &Self) -> bool {
        self.first == other.first
            && Rc::ptr_eq(&self.blocks, &other.blocks)
            && Rc::ptr_eq(&self.chunk, &other.chunk)
            && self.title == other.title
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
    // Set through the CSSOM, not a `style` attribute: the page's Content-Security-Policy
    // allows no inline style (docs/HOSTING.md).
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_on(tenths_em, move |&t| {
            if let Some(el) = node.cast::<web_sys::HtmlElement>() {
                let size = format!("auto {}.{}em", t / 10, t % 10);
                let _ = el
                    .style()
                    .set_property("contain-intrinsic-block-size", &size);
            }
        });
    }
    html! {
        <div class="chunk" ref={node}>
        { for props.chunk.iter().enumerate().filter_map(|(i, runs)| {
            let b = props.blocks.get(props.first + i)?;
            let title = props
                .title
                .clone()
                .filter(|(cp, _)| b.start <= *cp && *cp < b.end);
            Some(html! { <BlockView key={b.index} runs={runs.clone()} {title} /> })
        }) }
        </div>
    }
}

#[derive(Properties)]
pub struct BlockViewProps {
    /// The block's runs (each knows its code point offset), in order; their texts concatenate to the block's characters.
    pub runs: BlockRuns,
    /// The code point offset of the highlight in this block whose label was asked for, and
    /// that label, shown as its `title`.
    #[prop_or_default]
    pub title: Option<(usize, AttrValue)>,
}

impl PartialEq for BlockViewProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.runs, &other.runs) && self.title == other.title
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
                        (r.depth > DRAWN_DEPTH).then_some("hl-deep"),
                        r.selected.then_some("hl-selected"),
                    );
                    let title = props
                        .title
                        .as_ref()
                        .filter(|(cp, _)| {
                            r.start <= *cp
                                && *cp < r.start + crate::core::offsets::cp_len(&r.text)
                        })
                        .map(|(_, l)| l.clone());
                    let cue = r.cue.clone().map(|cue| html! {
                        <span key={format!("cue-{s}")} class="hl-cue" role="img"
                              aria-label={cue.clone()} data-cue={cue} />
                    });
                    html! {
                        <key={s.clone()}>
                        { for cue }
                        <mark data-s={s.clone()} {class} {title}
                              data-depth={r.drawn_depth().to_string()}>
                            { r.text.clone() }
                        </mark>
                        </>
                    }
                }
            }) }
        </p>
    }
}

#[derive(Properties, PartialEq)]
pub struct SentenceButtonsProps {
    /// Called with the motion a button stands for.
    pub on_step: Callback<crate::core::keys::Motion>,
}

/// **Previous sentence** and **Next sentence**: the article's sentence cursor (`↑`/`↓` on a
/// keyboard) as buttons, so that text can be selected without dragging (WCAG 2.5.7) by
/// mouse, finger or switch; the Claim/Quote toolbar then shows as for any selection. With
/// nothing selected, either selects the first sentence on screen. `mousedown` is cancelled,
/// as on the toolbar, so that pressing a button keeps the selection it moves. On a narrow
/// screen the word "sentence" is hidden from view (it stays in the names), and the row sticks
/// under the header (styles/main.css).
pub fn sentence_buttons(props: &SentenceButtonsProps) -> Html {
    use crate::core::keys::Motion;
    let keep = Callback::from(|e: MouseEvent| e.prevent_default());
    let step = |motion: Motion| props.on_step.reform(move |_: MouseEvent| motion);
    html! {
        <div class="sentence-nav" role="group" aria-label="Select by sentence">
            <button type="button" class="prev" onmousedown={keep.clone()}
                    onclick={step(Motion::PrevSentence)}>
                { "Previous" }<span class="wide-only">{ " sentence" }</span>
            </button>
            <button type="button" class="next" onmousedown={keep} onclick={step(Motion::NextSentence)}>
                { "Next" }<span class="wide-only">{ " sentence" }</span>
            </button>
        </div>
    }
}

/// [`sentence_buttons`] as a component, for the tests that mount it alone. The page calls
/// [`sentence_buttons`]: a component type costs the page its own copy of Yew's lifecycle code
/// (issue 11).
#[function_component(SentenceButtons)]
pub fn sentence_buttons_component(props: &SentenceButtonsProps) -> Html {
    sentence_buttons(props)
}
