//! Lower case, for every case-insensitive comparison the core makes (tags, filters, sorting
//! titles, the repeat finder's words).
//!
//! ASCII text is lowered here. Other text is lowered by the function a wasm binary installs
//! with [`install`]: the page and every worker install the browser's
//! `String.prototype.toLowerCase` (`web::case`); native builds use `str::to_lowercase`. Both
//! implement the Unicode default lower-case mapping (final sigma included); the page's wasm
//! then holds no case table of its own, which is 8 KB gzip of its bundle (issue 11;
//! BENCHMARKS.md). Nothing here knows the browser: it only holds a function pointer.
//!
//! A wasm binary that installs nothing lowers only ASCII letters (it must not link the
//! standard library's table by default, or the page would carry it again); every wasm binary
//! of the app installs one at its start, and `tests/web_core.rs` checks the browser's against
//! the standard library's on every code point of planes 0 and 1.

use std::sync::OnceLock;

/// How a binary lowers non-ASCII text.
pub type Lower = fn(&str) -> String;

static NON_ASCII: OnceLock<Lower> = OnceLock::new();

/// Installs `lower` for non-ASCII text, once per process; later calls change nothing.
pub fn install(lower: Lower) {
    let _ = NON_ASCII.set(lower);
}

/// `s` in lower case.
pub fn lowercase(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    match NON_ASCII.get() {
        Some(lower) => lower(s),
        None => fallback(s),
    }
}

/// Whether `a` and `b` are equal ignoring case.
pub fn eq_ignore_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    lowercase(a) == lowercase(b)
}

#[cfg(not(target_arch = "wasm32"))]
fn fallback(s: &str) -> String {
    s.to_lowercase()
}

/// How a binary decomposes non-ASCII text (Unicode canonical decomposition, NFD).
pub type Decompose = fn(&str) -> String;

static DECOMPOSE: OnceLock<Decompose> = OnceLock::new();

/// Installs `decompose` for non-ASCII text, once per process; later calls change nothing.
/// Every wasm binary installs the browser's `String.prototype.normalize("NFD")`
/// (`web::case`); native builds use the `unicode-normalization` crate, so that no wasm carries
/// the decomposition tables.
pub fn install_decomposition(decompose: Decompose) {
    let _ = DECOMPOSE.set(decompose);
}

/// `s` in Unicode canonical decomposition (NFD): "Ç" → "C" and U+0327 COMBINING CEDILLA. A
/// wasm binary that installed nothing leaves `s` as it is.
pub fn decomposed(s: &str) -> String {
    if s.is_ascii() {
        return s.to_owned();
    }
    match DECOMPOSE.get() {
        Some(decompose) => decompose(s),
        None => decompose_fallback(s),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn decompose_fallback(s: &str) -> String {
    unicode_normalization::UnicodeNormalization::nfd(s).collect()
}

#[cfg(target_arch = "wasm32")]
fn decompose_fallback(s: &str) -> String {
    s.to_owned()
}

#[cfg(target_arch = "wasm32")]
fn fallback(s: &str) -> String {
    s.to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowers_ascii_and_non_ascii() {
        assert_eq!(lowercase("Tillerson SAID"), "tillerson said");
        assert_eq!(lowercase("ÇAVUŞOĞLU Zoë"), "çavuşoğlu zoë");
        // Final sigma, as `str::to_lowercase` and JavaScript's `toLowerCase` both do it.
        assert_eq!(lowercase("ΟΔΟΣ"), "\u{3bf}\u{3b4}\u{3bf}\u{3c2}");
        assert_eq!(lowercase("🦀 “Quote”"), "🦀 “quote”");
    }

    #[test]
    fn compares_ignoring_case() {
        assert!(eq_ignore_case("Economy", "ECONOMY"));
        assert!(eq_ignore_case("Économie", "éCONOMIE"));
        assert!(!eq_ignore_case("Économie", "Economie"));
    }

    proptest::proptest! {
        #[test]
        fn matches_the_standard_library(s in "\\PC{0,40}") {
            proptest::prop_assert_eq!(lowercase(&s), s.to_lowercase());
        }
    }
}
