//! Exports `extract(ptr, len)`: reads UTF-8 HTML from linear memory, runs the extractor and
//! returns the length of the extracted text (so that nothing is optimised away).

#[no_mangle]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut v = Vec::<u8>::with_capacity(len);
    let p = v.as_mut_ptr();
    std::mem::forget(v);
    p
}

#[no_mangle]
pub unsafe extern "C" fn extract(ptr: *const u8, len: usize) -> usize {
    let bytes = std::slice::from_raw_parts(ptr, len);
    let html = String::from_utf8_lossy(bytes);
    let html: &str = &html;
    let Ok(mut r) = dom_smoothie::Readability::new(html, None, None) else { return 0 };
    match r.parse() {
        Ok(a) => a.text_content.len() + a.title.len(),
        Err(_) => 0,
    }
}
