//! Exports in the browser (`cargo test --target wasm32-unknown-unknown --test web_exports`):
//! a ClaimReview export pasted into `<script type="application/ld+json">` of a newsroom's page
//! is read back by the browser's HTML parser as exactly one script element holding the same
//! JSON, however hostile the claim text is.
#![cfg(target_arch = "wasm32")]

use article_annotator::core::formats::{export_file, ExportFormat};
use article_annotator::core::library::{ExportSettings, Library};
use article_annotator::core::model::Verdict;
use article_annotator::core::model::{Annotation, Body, ClaimFields, HttpUrl, Kind, Timestamp};
use article_annotator::core::text::Article;
use uuid::Uuid;
use wasm_bindgen_test::*;
use web_sys::{DomParser, SupportedType};

wasm_bindgen_test_configure!(run_in_browser);

/// The claim text: it tries to end the JSON-LD script element and start one of its own.
const HOSTILE: &str = "</script><script>document.title='pwned'</script>";

/// A library with one article whose whole text is a claim with a verdict, the claim holding
/// [`HOSTILE`], `&`, `<!--` and U+2028.
fn library() -> Library {
    let text = format!("{HOSTILE} & <!-- more\u{2028}end");
    let article = Article::new(
        Uuid::from_u128(1),
        "<b>Title</b> & co",
        Some("https://news.example/a".into()),
        &text,
    );
    let len = article.text.chars().count();
    let mut claim = Annotation::new(
        Uuid::from_u128(2),
        article.id,
        Kind::Claim,
        &article.text,
        0,
        len,
        Timestamp(1_795_000_000_000),
    );
    claim.body = Body::Claim(ClaimFields {
        claimant: "<img src=x onerror=alert(1)>".into(),
        verdict: Verdict::False,
        evidence: vec![],
    });
    Library {
        articles: vec![article],
        annotations: vec![claim],
    }
}

#[wasm_bindgen_test]
fn claimreview_embedded_in_a_page_parses_to_one_script_with_the_same_json() {
    let lib = library();
    let settings = ExportSettings {
        organisation: "Fact Desk".into(),
        review_url_base: HttpUrl::parse("https://factdesk.example/reviews").ok(),
    };
    let file = export_file(
        &lib,
        ExportFormat::ClaimReview,
        None,
        &settings,
        Timestamp(1_795_000_000_000),
        Uuid::nil(),
    );
    assert!(
        file.summary.contains("1 claim review(s)"),
        "{}",
        file.summary
    );
    let page = format!(
        "<!DOCTYPE html><html><head><title>Review</title>\
         <script type=\"application/ld+json\">{}</script></head>\
         <body><p>Our review</p></body></html>",
        file.content
    );
    let doc = DomParser::new()
        .unwrap()
        .parse_from_string(&page, SupportedType::TextHtml)
        .unwrap();

    // No element other than the page's own: the export created none.
    let all = doc.query_selector_all("*").unwrap();
    let tags: Vec<String> = (0..all.length())
        .filter_map(|i| all.item(i))
        .map(|n| n.node_name())
        .collect();
    assert_eq!(tags, ["HTML", "HEAD", "TITLE", "SCRIPT", "BODY", "P"]);
    assert_eq!(doc.title(), "Review");

    // Exactly one script element, whose text is the export and parses to the same JSON.
    let scripts = doc.query_selector_all("script").unwrap();
    assert_eq!(scripts.length(), 1);
    let script = scripts.item(0).unwrap();
    let text = script.text_content().unwrap_or_default();
    assert_eq!(text, file.content);
    let parsed = js_sys::JSON::parse(&text).unwrap();
    let round: String = js_sys::JSON::stringify(&parsed).unwrap().into();
    let from_browser: serde_json::Value = serde_json::from_str(&round).unwrap();
    let from_export: serde_json::Value = serde_json::from_str(&file.content).unwrap();
    assert_eq!(from_browser, from_export);
    assert_eq!(
        from_browser[0]["claimReviewed"],
        serde_json::json!(lib.annotations[0].quote.exact)
    );
    assert!(lib.annotations[0].quote.exact.starts_with(HOSTILE));
    assert_eq!(
        from_browser[0]["itemReviewed"]["author"]["name"],
        serde_json::json!("<img src=x onerror=alert(1)>")
    );
    assert_ne!(
        web_sys::window().unwrap().document().unwrap().title(),
        "pwned"
    );
}
