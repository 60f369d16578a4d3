//! Component tests: the real Yew components rendered in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown --test web`).
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use article_annotator::core::text::Article;
use article_annotator::web::components::article_view::{ArticleView, ArticleViewProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Renders `ArticleView` for `article` into a fresh element and returns that element.
async fn render_article(article: Article) -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let blocks = Rc::new(article.blocks());
    let runs = article_annotator::web::view::plain_chunks(&article.text, &blocks);
    let props = yew::props!(ArticleViewProps {
        article: Rc::new(article),
        blocks,
        runs,
    });
    yew::Renderer::<ArticleView>::with_root_and_props(host.clone(), props).render();
    yew::scheduler::flush().await;
    host
}

fn block_texts(host: &web_sys::Element) -> Vec<String> {
    // Blocks are grouped in chunks (`div.chunk`, at most 64 blocks each).
    let paragraphs = host.query_selector_all("article > .chunk > p").unwrap();
    (0..paragraphs.length())
        .map(|i| {
            paragraphs
                .item(i)
                .unwrap()
                .text_content()
                .unwrap_or_default()
        })
        .collect()
}

#[wasm_bindgen_test]
async fn sample_article_renders_exactly_its_blocks() {
    let article = Article::sample();
    let expected: Vec<String> = article
        .blocks()
        .iter()
        .map(|b| b.text(&article.text).to_owned())
        .collect();
    let host = render_article(article).await;
    assert_eq!(host.query_selector_all("article").unwrap().length(), 1);
    assert_eq!(block_texts(&host), expected);
    // The <article> holds nothing but the blocks.
    let all = host
        .query_selector("article")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert_eq!(all, expected.concat());
}

#[wasm_bindgen_test]
async fn non_ascii_text_and_html_like_text_render_as_text() {
    let raw = "Çavuşoğlu\u{a0}said “hi” 😀\r\n\r\n<img src=x onerror=alert(1)> & <b>bold</b>\n";
    let article = Article::new(uuid::Uuid::nil(), "T", None, raw);
    let host = render_article(article).await;
    assert_eq!(
        block_texts(&host),
        vec![
            "Çavuşoğlu\u{a0}said “hi” 😀".to_owned(),
            "<img src=x onerror=alert(1)> & <b>bold</b>".to_owned()
        ]
    );
    // Markup in the text stays text: no element was created from it.
    assert!(host
        .query_selector("article img, article b")
        .unwrap()
        .is_none());
    // Each text node's element carries its code point offset in the canonical text.
    let second = host
        .query_selector_all("article [data-s]")
        .unwrap()
        .item(1)
        .unwrap();
    let el: web_sys::Element = second.dyn_into().unwrap();
    assert_eq!(el.get_attribute("data-s").as_deref(), Some("23"));
    // A block without highlights is its `<p>` alone, holding the text node.
    assert_eq!(el.tag_name(), "P");
    assert_eq!(el.child_nodes().length(), 1);
}

#[wasm_bindgen_test]
fn the_extractor_finds_the_article_in_wasm_as_it_does_natively() {
    // What the worker runs (`Job::Extract`), built for wasm32: the same article, the same
    // metadata, and nothing of the page around it; hostile markup is only ever text.
    use article_annotator::core::extract::extract;
    let page = include_str!("fixtures/pages/news.html");
    let c = extract(page, Some("https://ledger.example/2026/11/27/story.html"));
    assert!(c.found);
    assert!(c
        .article
        .contains("“We were told the geology was well understood,” said Jonas Lindqvist"));
    assert!(!c.article.contains("Related stories") && !c.article.contains("SuperPhone"));
    assert_eq!(c.byline.as_deref(), Some("Mária Øberg"));
    assert_eq!(
        c.url.as_deref(),
        Some("https://ledger.example/2026/11/harbour-tunnel-audit")
    );
    let hostile = "<img src=x onerror=alert(2)><svg><script>alert(3)</script></svg><p>ok</p>";
    assert_eq!(extract(hostile, None).whole, "ok");
    let deep = format!("{}deep{}", "<div>".repeat(5000), "</div>".repeat(5000));
    assert_eq!(extract(&deep, None).whole, "deep");
}
