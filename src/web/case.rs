//! The browser's lower case (`String.prototype.toLowerCase`) and canonical decomposition
//! (`normalize("NFD")`) for `core::case`, so that no wasm carries a case or decomposition table
//! of its own. Every wasm binary of the app installs it as
//! it starts ([`install`]): the page in `web::start`, the workers in
//! `worker_scope::register` and `couch_worker::register`, so that a tag or a title compares the
//! same way wherever it is compared.

/// `s` in lower case, by the browser.
pub fn browser_lowercase(s: &str) -> String {
    js_sys::JsString::from(s).to_lower_case().into()
}

/// `s` in Unicode canonical decomposition (NFD), by the browser.
pub fn browser_decomposed(s: &str) -> String {
    js_sys::JsString::from(s).normalize("NFD").into()
}

/// Makes [`browser_lowercase`] the core's lower case for non-ASCII text, and
/// [`browser_decomposed`] its canonical decomposition.
pub fn install() {
    crate::core::case::install(browser_lowercase);
    crate::core::case::install_decomposition(browser_decomposed);
}
