//! Imports arbitrary bytes (read as UTF-8) into a small library, in every format `import`
//! detects (Annotator JSON, W3C), with and without a chosen article.
#![no_main]

use article_annotator::core::formats::{detect, fresh_ids, import, parse_json, ImportStep};
use article_annotator::core::model::Anchoring;
use article_annotator_fuzz::{len_cp, small_library, ARTICLE, NOW, OTHER_ARTICLE};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let lib = small_library();
    if let Ok(doc) = parse_json(&input) {
        let _ = detect(&doc);
    }
    for article in [Some(ARTICLE), Some(OTHER_ARTICLE), None] {
        let Ok(imported) = import(&input, &lib, article, NOW, &mut fresh_ids([7; 16])) else {
            continue;
        };
        let plan = imported.plan;
        let _ = plan.summary();
        let _ = plan.preview_lines(&lib, imported.sources_dropped);
        // Ids are never shared by two annotations after the merge.
        let mut ids = std::collections::HashSet::new();
        let merged = plan.apply(&lib);
        assert!(
            merged.annotations.iter().all(|a| ids.insert(a.id)),
            "duplicate annotation ids"
        );
        // An annotation the plan adds or updates as anchored lies inside its article's text
        // (`Anchoring::Anchored`: `start..end` holds the quote's exact text).
        for (step, a) in &plan.annotations {
            if matches!(step, ImportStep::Keep) || a.anchoring != Anchoring::Anchored {
                continue;
            }
            if let Some(art) = merged.article(a.article_id) {
                let n = len_cp(&art.text);
                assert!(
                    a.start <= a.end && a.end <= n,
                    "anchored annotation {}..{} outside its article of {n} code points",
                    a.start,
                    a.end
                );
            }
        }
    }
});
