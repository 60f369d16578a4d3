//! One entry point for the benchmark: anchor every selector of a case on its text.
use article_annotator::core::anchor::{Anchorer, Method};
use article_annotator::core::model::TextQuote;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

/// A W3C TextQuoteSelector with its TextPositionSelector, as `bench/gen.mjs` writes them.
#[derive(Deserialize)]
struct Selector {
    start: usize,
    end: usize,
    quote: TextQuote,
}

/// A text and the selectors to anchor on it, parsed once outside the timed call.
#[wasm_bindgen]
pub struct Case {
    text: String,
    selectors: Vec<Selector>,
}

#[wasm_bindgen]
impl Case {
    #[wasm_bindgen(constructor)]
    pub fn new(text: String, selectors_json: &str) -> Result<Case, JsError> {
        let selectors = serde_json::from_str(selectors_json)?;
        Ok(Case { text, selectors })
    }

    /// Anchors every selector, its position hint off by `shift` code points (so the position
    /// alone does not match), with a new `Anchorer` (its indexes are built inside this call).
    /// Returns how many were anchored on their exact text at the stored place.
    pub fn anchor_all(&self, shift: usize) -> u32 {
        let anchorer = Anchorer::new(&self.text);
        let mut found = 0;
        for s in &self.selectors {
            let a = anchorer.anchor(&s.quote, Some((s.start + shift, s.end + shift)));
            if matches!(a.method, Method::Exact { .. } | Method::Position) && a.start == s.start {
                found += 1;
            }
        }
        found
    }

    /// For a failed check: where each selector the count above missed was anchored, as
    /// `index: method start..end (stored start..end)` lines.
    pub fn misses(&self, shift: usize) -> String {
        let anchorer = Anchorer::new(&self.text);
        let mut out = String::new();
        for (i, s) in self.selectors.iter().enumerate() {
            let a = anchorer.anchor(&s.quote, Some((s.start + shift, s.end + shift)));
            if !(matches!(a.method, Method::Exact { .. } | Method::Position) && a.start == s.start)
            {
                out.push_str(&format!(
                    "{i}: {:?} {}..{} (stored {}..{})\n",
                    a.method, a.start, a.end, s.start, s.end
                ));
            }
        }
        out
    }
}
