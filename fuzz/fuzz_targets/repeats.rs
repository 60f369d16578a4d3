//! Reads arbitrary bytes as claims (one per line) and compares them (`core::repeats`): never a
//! panic; the similarity is symmetric and between 0 and 1; a claim repeats itself when it has
//! a word; the index finds exactly the repeats the pairwise measure finds; the report of the
//! same text as an article is written without a panic and without markup from the text; the
//! page's word segments (UTF-16 starts as the browser gives them, then full stops between
//! letters joined) cover the text and never split a character.
#![no_main]

use article_annotator::core::breaks::join_letters_across_full_stops;
use article_annotator::core::model::{Annotation, Kind, Timestamp};
use article_annotator::core::offsets::utf16_starts_to_byte_ranges;
use article_annotator::core::repeats::{is_repeat, similarity, ClaimIndex, MAX_REPEATS};
use article_annotator::core::report::{article_report, to_html};
use article_annotator::core::text::Article;
use libfuzzer_sys::fuzz_target;
use uuid::Uuid;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let claims: Vec<&str> = text.lines().take(16).collect();
    let mut index = ClaimIndex::new();
    for (i, c) in claims.iter().enumerate() {
        index.upsert(Uuid::from_u128(i as u128 + 1), c);
    }
    for a in &claims {
        for b in &claims {
            let s = similarity(a, b);
            assert!((0.0..=1.0).contains(&s), "{s}");
            assert_eq!(s, similarity(b, a));
            assert_eq!(is_repeat(a, b), is_repeat(b, a));
        }
        let mut found: Vec<Uuid> = index.repeats_of(a, None).iter().map(|r| r.id).collect();
        found.sort();
        let expected: Vec<Uuid> = claims
            .iter()
            .enumerate()
            .filter(|(_, c)| is_repeat(c, a))
            .map(|(i, _)| Uuid::from_u128(i as u128 + 1))
            .take(MAX_REPEATS)
            .collect();
        assert_eq!(found, expected);
    }
    let _ = index.groups();
    // Starts from the data's bytes, as a browser might hand them (any order, any value), and
    // every full stop a segment of its own, as Chromium cuts.
    let starts: Vec<u32> = data.iter().map(|&b| u32::from(b)).collect();
    let mut segments = Vec::new();
    for r in utf16_starts_to_byte_ranges(&text, &starts) {
        let mut at = r.start;
        for (i, c) in text[r.clone()].char_indices() {
            let i = r.start + i;
            if c == '.' {
                if i > at {
                    segments.push(at..i);
                }
                segments.push(i..i + 1);
                at = i + 1;
            }
        }
        if at < r.end {
            segments.push(at..r.end);
        }
    }
    let mut at = 0;
    for r in join_letters_across_full_stops(&text, segments) {
        assert_eq!(r.start, at);
        assert!(r.end > r.start && text.is_char_boundary(r.end));
        at = r.end;
    }
    assert_eq!(at, text.len());
    let article = Article::new(Uuid::nil(), &text, Some(text.to_string()), &text);
    let len = article.text.chars().count();
    let anns: Vec<Annotation> = (len > 0)
        .then(|| {
            vec![Annotation::new(
                Uuid::from_u128(1),
                Uuid::nil(),
                Kind::Claim,
                &article.text,
                0,
                len,
                Timestamp(0),
            )]
        })
        .unwrap_or_default();
    let html = to_html(&article_report(&article, &anns), &text, Timestamp(0));
    assert!(!html.to_lowercase().contains("<script"));
});
