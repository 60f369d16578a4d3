//! Article Annotator: annotate news articles for fact-checking, entirely in the browser.
//!
//! [`core`] is the functional core (model, offsets, anchoring, formats, storage schema), plain
//! Rust tested natively. [`web`] is the imperative shell (Yew components and browser glue),
//! compiled only for `wasm32`.

#![forbid(unsafe_code)]

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod web;

/// The heap allocator of every wasm binary (the page, its workers, the browser tests): Talc,
/// made for WebAssembly, in place of the standard library's dlmalloc. Measured on the page's
/// wasm (`BENCHMARKS.md`, session 17): 7.7 KB smaller raw, 2.7 KB gzip.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
