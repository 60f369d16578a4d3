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

/// The repeat-claim index (issue 14, `core::repeats`) over claims given as a JSON array of
/// strings, built outside the timed calls.
#[wasm_bindgen]
pub struct Repeats {
    claims: Vec<String>,
    index: article_annotator::core::repeats::ClaimIndex,
}

#[wasm_bindgen]
impl Repeats {
    #[wasm_bindgen(constructor)]
    pub fn new(claims_json: &str) -> Result<Repeats, JsError> {
        let claims: Vec<String> = serde_json::from_str(claims_json)?;
        let mut index = article_annotator::core::repeats::ClaimIndex::new();
        for (i, c) in claims.iter().enumerate() {
            index.upsert(uuid_of(i), c);
        }
        Ok(Repeats { claims, index })
    }

    /// The repeats of claim `i` among all (what the editor asks when a claim is selected);
    /// returns how many were found.
    pub fn repeats_of(&self, i: usize) -> u32 {
        let c = &self.claims[i % self.claims.len().max(1)];
        self.index.repeats_of(c, None).len() as u32
    }

    /// Indexes claim `i`'s text once more under a new id, then takes it out (tagging a claim).
    pub fn upsert(&mut self, i: usize) -> u32 {
        let c = self.claims[i % self.claims.len().max(1)].clone();
        let id = uuid_of(usize::MAX);
        self.index.upsert(id, &c);
        let n = self.index.len() as u32;
        self.index.remove(id);
        n
    }

    /// Every claim in groups of repeats (the Claims view); returns how many groups.
    pub fn groups(&self) -> u32 {
        self.index.groups().len() as u32
    }
}

fn uuid_of(i: usize) -> uuid::Uuid {
    uuid::Uuid::from_u128(i as u128 + 1)
}
