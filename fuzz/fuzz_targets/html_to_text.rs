//! Reads arbitrary text as pasted HTML (the native html5gum path) and as Markdown.
#![no_main]

use article_annotator::core::html::{
    html_to_text, markdown_to_text, suggest_title_from_text, MAX_TITLE_CHARS,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    for extracted in [html_to_text(&input), markdown_to_text(&input)] {
        // A suggested title has at most `MAX_TITLE_CHARS` characters.
        if let Some(title) = &extracted.title {
            assert!(title.chars().count() <= MAX_TITLE_CHARS, "title too long");
        }
        if let Some(title) = suggest_title_from_text(&extracted.text) {
            assert!(title.chars().count() <= MAX_TITLE_CHARS, "title too long");
        }
    }
});
