//! The browser's word and sentence boundaries (`Intl.Segmenter`), for the page's
//! [`Breaks`](crate::core::breaks::Breaks): the page then carries no segmentation tables of
//! its own (see [`crate::core::breaks`]). `breaks.js` hands back each segment's start in UTF-16
//! code units; [`offsets::utf16_starts_to_byte_ranges`] turns them into byte ranges, and words
//! cut at a full stop between letters are joined again as UAX #29 joins them
//! ([`breaks::join_letters_across_full_stops`]).

use std::ops::Range;

use wasm_bindgen::prelude::*;

use crate::core::breaks::{self, Breaks};
use crate::core::offsets;

#[wasm_bindgen(module = "/src/web/breaks.js")]
extern "C" {
    #[wasm_bindgen(js_name = segmentStarts)]
    fn segment_starts(text: &str, granularity: &str) -> Vec<u32>;

    /// Makes the browser's segmenters when the page is next idle: the first one costs 17–25
    /// ms (measured in Chromium), which would otherwise land in the first key press that
    /// moves by word or in an import's first repeat-claim slice.
    #[wasm_bindgen(js_name = warmSoon)]
    pub fn warm_soon();
}

fn words(text: &str) -> Vec<Range<usize>> {
    let segments = offsets::utf16_starts_to_byte_ranges(text, &segment_starts(text, "word"));
    breaks::join_letters_across_full_stops(text, segments)
}

fn sentences(text: &str) -> Vec<Range<usize>> {
    offsets::utf16_starts_to_byte_ranges(text, &segment_starts(text, "sentence"))
}

/// The browser's boundaries.
pub const BROWSER: Breaks = Breaks { words, sentences };
