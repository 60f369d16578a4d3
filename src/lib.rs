//! Article Annotator: annotate news articles for fact-checking, entirely in the browser.
//!
//! [`core`] is the functional core (model, offsets, anchoring, formats, storage schema), plain
//! Rust tested natively. [`web`] is the imperative shell (Yew components and browser glue),
//! compiled only for `wasm32`.

#![forbid(unsafe_code)]

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod web;
