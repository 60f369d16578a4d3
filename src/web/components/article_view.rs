//! The article: its blocks rendered as plain text, one `<p>` per block, with highlights.
//!
//! Each block is its own memoised component whose runs are shared (`Rc`) until a change
//! touches that block, so one change re-renders one block. Every text node is the only child
//! of an element carrying `data-s`, the code point offset of its first character in the
//! canonical text; the selection glue ([`crate::web::dom`]) maps DOM positions back to the
//! core through that attribute alone. Text is always rendered as text, never as HTML.

use std::rc::Rc;
use yew::prelude::*;

use crate::core::text::Article;
use crate::web::state::RunView;

#[derive(Properties, PartialEq)]
pub struct ArticleViewProps {
    pub article: Rc<Article>,
    /// The runs of each block; when absent, each block is one plain run.
    #[prop_or_default]
    pub runs: Option<Rc<Vec<Rc<Vec<RunView>>>>>,
    /// Called with the code point offset of a clicked highlight.
    #[prop_or_default]
    pub on_highlight_click: Callback<usize>,
    #[prop_or_default]
    pub onkeydown: Callback<KeyboardEvent>,
    #[prop_or_default]
    pub node_ref: NodeRef,
}

/// Renders the article's blocks inside `<article>`.
#[function_component(ArticleView)]
pub fn article_view(props: &ArticleViewProps) -> Html {
    let article = &props.article;
    let blocks = use_memo(article.clone(), |a| a.blocks());
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
            { for blocks.iter().enumerate().map(|(i, b)| {
                let runs = props.runs.as_ref().and_then(|r| r.get(i).cloned()).unwrap_or_else(|| {
                    Rc::new(vec![RunView {
                        start: b.start,
                        text: b.text(&article.text).to_owned().into(),
                        depth: 0,
                        has_claim: false,
                        has_quote: false,
                        selected: false,
                        label: AttrValue::default(),
                    }])
                });
                html! { <BlockView key={b.index} block_start={b.start} {runs} /> }
            }) }
        </article>
    }
}

#[derive(Properties, PartialEq)]
pub struct BlockViewProps {
    /// Code point offset of the block in the canonical text.
    pub block_start: usize,
    /// The block's runs, in order; their texts concatenate to the block's characters.
    pub runs: Rc<Vec<RunView>>,
}

/// One block of the article.
#[function_component(BlockView)]
pub fn block_view(props: &BlockViewProps) -> Html {
    html! {
        <p class="block" data-start={props.block_start.to_string()}>
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
