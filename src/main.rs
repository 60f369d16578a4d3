//! The browser entry point. Natively this binary does nothing: the app runs in the browser.

#![forbid(unsafe_code)]

fn main() {
    #[cfg(target_arch = "wasm32")]
    article_annotator::web::start();
}
