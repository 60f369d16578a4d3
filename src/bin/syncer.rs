//! The Web Worker that shares the library through CouchDB (issue 16): a fifth wasm binary,
//! built by Trunk from `index.html`'s fourth `data-type="worker"` link, started by the page
//! when a sync connection is set (`src/web/hooks/couch.rs`) and terminated on Disconnect.
//! It runs [`article_annotator::web::couch_worker`]: the replication protocol of
//! [`article_annotator::core::couch`] over `fetch`. Natively this binary does nothing.

#![forbid(unsafe_code)]

fn main() {
    #[cfg(target_arch = "wasm32")]
    article_annotator::web::couch_worker::register();
}
