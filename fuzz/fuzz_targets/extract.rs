//! Reads arbitrary bytes as a web page, as the worker does for Open file, a paste or the
//! bookmarklet (`core::charset` decides how to decode them, `core::extract` reads them): never
//! a panic, and what comes out keeps the extractor's promises. The same bytes are read as a
//! web archive too (`core::mhtml`, `core::webarchive`). (A legacy encoding is decoded by the browser's
//! `TextDecoder` in the app; here the bytes are read as UTF-8 either way.)
#![no_main]

use article_annotator::core::charset::{page_decoding, utf8_text, Decoding};
use article_annotator::core::extract::extract;
use article_annotator::core::mhtml::archived_page;
use article_annotator::core::webarchive;
use article_annotator::core::html::MAX_HEADLINE_CHARS;
use article_annotator::core::model::HttpUrl;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Decoding::Legacy(label) = page_decoding(data) {
        assert!(!label.is_empty() && label.len() <= 40, "{label:?}");
    }
    if let Ok(page) = archived_page(data) {
        // Undoing a transfer encoding never makes more bytes than the archive has.
        assert!(page.html.len() <= data.len());
    }
    if let Ok(page) = webarchive::archived_page(data) {
        assert!(page.html.len() <= data.len());
    }
    let input = utf8_text(data.to_vec());
    let c = extract(&input, Some("https://news.example/a/b.html?c=d"));
    if !c.found {
        assert_eq!(
            c.article, c.whole,
            "without an article, the whole text is used"
        );
    }
    if let Some(url) = &c.url {
        assert!(
            HttpUrl::parse(url).is_ok(),
            "only http(s) URLs are kept: {url}"
        );
    }
    if let Some(title) = &c.title {
        assert!(
            title.chars().count() <= MAX_HEADLINE_CHARS,
            "title too long"
        );
    }
    if let Some(date) = &c.published {
        assert_eq!(date.len(), 10, "a date is YYYY-MM-DD: {date}");
    }
    // Every token between spaces counts once at least, each character at most once (a Han or
    // kana character is a word of its own).
    assert!(c.article_words >= c.article.split_whitespace().count());
    assert!(c.article_words <= c.article.chars().filter(|ch| !ch.is_whitespace()).count());
});
