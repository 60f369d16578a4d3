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
