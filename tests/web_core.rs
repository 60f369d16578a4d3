//! The core where the browser differs from a native build: the clock behind the replace-text
//! diff's deadline (`similar` with `wasm32_web_time`; `std::time::Instant` panics on
//! wasm32-unknown-unknown) and the work budget of anchoring
//! (`cargo test --target wasm32-unknown-unknown --test web_core`).
#![cfg(target_arch = "wasm32")]

use article_annotator::core::anchor::{reanchor_with_budget, Budget, IMPORT_BUDGET};
use article_annotator::core::model::{Annotation, Kind, Timestamp};
use uuid::Uuid;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Two texts of the same two words in unrelated random orders: no word is unique, so the
/// patience diff falls back to Myers' on 80,000 tokens with an edit distance in the tens of
/// thousands, which without a deadline runs for minutes. With the deadline it ends, and every annotation comes
/// back, none dropped, inside the new text.
#[wasm_bindgen_test]
fn the_replace_diff_ends_at_its_deadline_in_the_browser() {
    let old = coin_words(1, 20_000);
    let new = coin_words(2, 20_000);
    let anns: Vec<Annotation> = (0..50u128)
        .map(|i| {
            let s = i as usize * 1000;
            Annotation::new(
                Uuid::from_u128(i + 1),
                Uuid::nil(),
                Kind::Claim,
                &old,
                s,
                s + 10,
                Timestamp(0),
            )
        })
        .collect();
    let moved = reanchor_with_budget(&old, &new, &anns, Budget::new(IMPORT_BUDGET));
    assert_eq!(moved.len(), anns.len());
    let n = new.chars().count();
    assert!(moved.iter().all(|a| a.start <= a.end && a.end <= n));
}

/// `n` words, each "alpha" or "beta", in an order drawn from `seed` (a linear congruential
/// generator: the same texts every run).
fn coin_words(seed: u64, n: usize) -> String {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            if x >> 63 == 0 {
                "alpha "
            } else {
                "beta "
            }
        })
        .collect()
}

/// The page's word and sentence boundaries are the browser's (`Intl.Segmenter`, see
/// `core::breaks`); native code and the tests use the `unicode-segmentation` crate's. Both
/// follow UAX #29: they must give the same segments, line by line as the selection asks for
/// them, on the sample article and on text with accented and non-Latin names, curly quotes,
/// apostrophes, numbers written every way the repeat finder reads them, abbreviations, domain
/// names and emoji. (Chromium's own words break at a full stop between letters, "U.S" and
/// "example.org"; `core::breaks::join_letters_across_full_stops` joins them as UAX #29 does,
/// and without it this test fails on the sample article's "U.S.")
#[wasm_bindgen_test]
fn the_browsers_word_and_sentence_boundaries_are_the_crates() {
    use article_annotator::core::breaks::UAX29;
    use article_annotator::core::text::Article;
    use article_annotator::web::breaks::BROWSER;

    let sample = Article::sample().text;
    let mut lines: Vec<&str> = sample.lines().collect();
    let extra = [
        "“We won’t back down,” said Mevlüt Çavuşoğlu, Turkey’s foreign minister.",
        "Ελλάδα και Κύπρος: «Ναι» — είπε ο Τσίπρας. Москва заявила, что 19 000 человек ушли.",
        "Unemployment fell to 4.5% (from 19,000 to 19.000,0 or 19k, 1.5 million) in the U.S. economy.",
        "Dr. Smith's team—and the N.H.S.—said \"no\"! Really? Yes… 😀👍🏽 👨‍👩‍👧 end.",
        "Tabs\tand\u{a0}non-breaking\u{202f}spaces, e-mail: a.b@example.org, https://example.org/x?y=1.",
        "",
        "   ",
    ];
    lines.extend(extra);
    let pieces = |f: fn(&str) -> Vec<std::ops::Range<usize>>, t: &str| -> Vec<String> {
        f(t).into_iter().map(|r| t[r].to_owned()).collect()
    };
    let mut differ = Vec::new();
    for line in lines {
        for (what, b, c) in [
            (
                "words",
                pieces(BROWSER.words, line),
                pieces(UAX29.words, line),
            ),
            (
                "sentences",
                pieces(BROWSER.sentences, line),
                pieces(UAX29.sentences, line),
            ),
        ] {
            if b != c {
                let only_b: Vec<&String> = b.iter().filter(|x| !c.contains(x)).collect();
                let only_c: Vec<&String> = c.iter().filter(|x| !b.contains(x)).collect();
                differ.push(format!("{what}: browser {only_b:?} crate {only_c:?}"));
            }
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

/// The repeat finder normalises claims with the browser's words on the page: every labelled
/// pair its threshold was chosen on (`src/core/repeats/pairs.tsv`) normalises exactly as with
/// the crate's, so the page finds the repeats the native tests measure.
#[wasm_bindgen_test]
fn claims_normalise_alike_with_the_browsers_words() {
    use article_annotator::core::breaks::UAX29;
    use article_annotator::core::repeats::normalise_with;
    use article_annotator::web::breaks::BROWSER;

    let pairs = include_str!("../src/core/repeats/pairs.tsv");
    let mut claims = 0;
    for line in pairs
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        for claim in line.split('\t').skip(1) {
            assert_eq!(
                normalise_with(BROWSER, claim),
                normalise_with(UAX29, claim),
                "{claim:?}"
            );
            claims += 1;
        }
    }
    assert!(claims >= 100, "only {claims} claims read");
}

/// Where the two differ by design: the browser finds the words of Chinese and Thai text with
/// a dictionary, where UAX #29 alone makes each ideograph a word and a Thai sentence one word.
/// The selection then moves by real words; the segments still cover the text.
#[wasm_bindgen_test]
fn chinese_and_thai_words_come_from_the_browsers_dictionary() {
    use article_annotator::core::breaks::{is_word, UAX29};
    use article_annotator::web::breaks::BROWSER;

    for text in ["我们今天在北京开会。", "ภาษาไทยง่ายนิดเดียว"]
    {
        let browser: Vec<&str> = (BROWSER.words)(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        let crate_: Vec<&str> = (UAX29.words)(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(browser.concat(), text);
        let (b, c) = (
            browser.iter().filter(|w| is_word(w)).count(),
            crate_.iter().filter(|w| is_word(w)).count(),
        );
        assert!(b > 1, "{text}: {browser:?}");
        assert_ne!(b, c, "{text}: {browser:?} / {crate_:?}");
    }
}

/// A browser without `Intl.Segmenter` (Firefox before 125) gets coarser segments from
/// `breaks.js`'s regular expressions: they still cover the text, words are words, and a
/// sentence ends after its full stop.
#[wasm_bindgen_test]
fn without_intl_segmenter_the_segments_still_cover_the_text() {
    use article_annotator::core::breaks::is_word;
    use article_annotator::web::breaks::BROWSER;
    use wasm_bindgen::JsValue;

    let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).unwrap();
    let segmenter = js_sys::Reflect::get(&intl, &"Segmenter".into()).unwrap();
    js_sys::Reflect::set(&intl, &"Segmenter".into(), &JsValue::UNDEFINED).unwrap();
    let text = "“It’s 19,000,” said Zoë Çavuş. Is it? Yes 😀 end";
    let words: Vec<&str> = (BROWSER.words)(text)
        .into_iter()
        .map(|r| &text[r])
        .collect();
    let sentences: Vec<&str> = (BROWSER.sentences)(text)
        .into_iter()
        .map(|r| &text[r])
        .collect();
    // Without the dictionary, a run of ideographs is one word (with it, several: see above).
    let chinese = (BROWSER.words)("我们今天在北京开会");
    js_sys::Reflect::set(&intl, &"Segmenter".into(), &segmenter).unwrap();
    assert_eq!(chinese.len(), 1);
    assert!((BROWSER.words)("我们今天在北京开会").len() > 1);
    assert_eq!(words.concat(), text);
    let words: Vec<&str> = words.into_iter().filter(|w| is_word(w)).collect();
    assert_eq!(
        words,
        ["It’s", "19,000", "said", "Zoë", "Çavuş", "Is", "it", "Yes", "end"]
    );
    assert_eq!(
        sentences,
        ["“It’s 19,000,” said Zoë Çavuş. ", "Is it? ", "Yes 😀 end"]
    );
}

/// The page lowers non-ASCII text with the browser (`web::case`) where a native build uses the
/// standard library (`core::case`): both must give the same letters, or a tag, a filter or a
/// repeated claim would compare one way on the page and another in a test. Every code point of
/// the Basic Multilingual Plane and the Supplementary Multilingual Plane, each alone and
/// between capitals (final sigma depends on its neighbours), and names as articles spell them.
#[wasm_bindgen_test]
fn the_browsers_lower_case_is_the_standard_librarys() {
    use article_annotator::web::case::browser_lowercase;

    let mut differ = Vec::new();
    for c in (0x80u32..0x2_0000).filter_map(char::from_u32) {
        for s in [c.to_string(), format!("A{c}B"), format!("ΑΣ{c}")] {
            if browser_lowercase(&s) != s.to_lowercase() {
                differ.push(format!("U+{:04X} in {s:?}", c as u32));
            }
        }
    }
    let names = [
        "Mevlüt Çavuşoğlu",
        "ÉCONOMIE",
        "ΟΔΟΣ ΣΟΦΙΑΣ, Σ.",
        "İSTANBUL",
        "STRASSE ẞ",
        "ДМИТРИЙ Песков",
        "Ǆemal",
        "🦀 “QUOTE” ＡＢＣ",
    ];
    for s in names {
        if browser_lowercase(s) != s.to_lowercase() {
            differ.push(format!("{s:?}"));
        }
    }
    assert!(
        differ.is_empty(),
        "{} differ: {}",
        differ.len(),
        differ.join(", ")
    );
}

/// The browser's canonical decomposition (`normalize("NFD")`), which every wasm binary installs
/// for `core::case::decomposed`, is the `unicode-normalization` crate's, which native builds
/// use: a speaker's name folds the same way in the suggester worker as in the `suggest`
/// binary the evaluation runs. Every code point of planes 0 and 1, alone and after a letter,
/// and names as articles spell them.
#[wasm_bindgen_test]
fn the_browsers_canonical_decomposition_is_the_crates() {
    use article_annotator::web::case::browser_decomposed;
    use unicode_normalization::UnicodeNormalization;

    let mut differ = Vec::new();
    for c in (0x80u32..0x2_0000).filter_map(char::from_u32) {
        for s in [c.to_string(), format!("a{c}\u{301}")] {
            if browser_decomposed(&s) != s.nfd().collect::<String>() {
                differ.push(format!("U+{:04X} in {s:?}", c as u32));
            }
        }
    }
    for s in [
        "Mevlüt Çavuşoğlu",
        "Dvořák",
        "Łódź",
        "Nguyễn Tấn Dũng",
        "한국어",
        "Ǆemal",
    ] {
        if browser_decomposed(s) != s.nfd().collect::<String>() {
            differ.push(format!("{s:?}"));
        }
    }
    assert!(
        differ.is_empty(),
        "{} differ: {}",
        differ.len(),
        differ.join(", ")
    );
    article_annotator::web::case::install();
    assert_eq!(
        article_annotator::core::case::decomposed("Çavuşoğlu"),
        "C\u{327}avus\u{327}og\u{306}lu"
    );
}

/// Installed as the page installs it, the core's case-insensitive comparisons hold for
/// non-ASCII tags: one tag whatever its case, and the filter finds it.
#[wasm_bindgen_test]
fn tags_compare_ignoring_case_with_the_browsers_lower_case() {
    use article_annotator::core::model::parse_tags;

    article_annotator::web::case::install();
    assert_eq!(
        parse_tags("Économie, éCONOMIE, Çavuşoğlu, ÇAVUŞOĞLU"),
        vec!["Économie".to_owned(), "Çavuşoğlu".to_owned()]
    );
    assert_eq!(
        article_annotator::core::case::lowercase("ÇAVUŞOĞLU"),
        "çavuşoğlu"
    );
}
