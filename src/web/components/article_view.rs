//! The article: its blocks rendered as plain text, one `<p>` per block.
//!
//! Each block is its own memoised component, so a change to one block re-renders only that
//! block. Every text node is the only child of an element carrying `data-s`, the code point
//! offset of its first character in the canonical text; the selection glue maps DOM positions
//! back to the core through that attribute alone.

use std::rc::Rc;
use yew::prelude::*;

use crate::core::text::Article;

#[derive(Properties, PartialEq)]
pub struct ArticleViewProps {
    pub article: Rc<Article>,
}

/// Renders the article's blocks inside `<article>`.
#[function_component(ArticleView)]
pub fn article_view(props: &ArticleViewProps) -> Html {
    let article = &props.article;
    let blocks = use_memo(article.clone(), |a| a.blocks());
    html! {
        <article class="article-text" aria-label={article.title.clone()}>
            { for blocks.iter().map(|b| {
                let text: AttrValue = b.text(&article.text).to_owned().into();
                html! { <BlockView key={b.index} block_start={b.start} {text} /> }
            }) }
        </article>
    }
}

#[derive(Properties, PartialEq)]
pub struct BlockViewProps {
    /// Code point offset of the block in the canonical text.
    pub block_start: usize,
    /// The block's characters, exactly.
    pub text: AttrValue,
}

/// One block of the article.
#[function_component(BlockView)]
pub fn block_view(props: &BlockViewProps) -> Html {
    html! {
        <p class="block" data-start={props.block_start.to_string()}>
            <span data-s={props.block_start.to_string()}>{ props.text.clone() }</span>
        </p>
    }
}
