//! Browser glue for files: downloads, the clipboard, and reading a chosen file.

use crate::core::charset::{self, Decoding};
use wasm_bindgen::JsCast;

/// The text of a file's `bytes`, decoded as `decoding` says (`core::charset`): UTF-8 here, a
/// legacy encoding with the browser's own `TextDecoder` (every label of the Encoding Standard,
/// nothing in the bundle); a label it does not know is read as UTF-8.
pub fn decode(bytes: Vec<u8>, decoding: &Decoding) -> String {
    match decoding {
        Decoding::Utf8 => charset::utf8_text(bytes),
        Decoding::Legacy(label) => match web_sys::TextDecoder::new_with_label(label)
            .and_then(|d| d.decode_with_u8_array(&bytes))
        {
            Ok(text) => text,
            Err(_) => charset::utf8_text(bytes),
        },
    }
}

/// Offers `content` as a download named `name` of type `mime`.
pub fn download(name: &str, mime: &str, content: &str) -> Result<(), String> {
    let fail = |what: &str| format!("The download could not start ({what}).");
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|_| fail("blob"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| fail("url"))?;
    let document = gloo::utils::document();
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| fail("link"))?
        .dyn_into()
        .map_err(|_| fail("link"))?;
    a.set_href(&url);
    a.set_download(name);
    a.set_rel("noopener");
    let body = document.body().ok_or_else(|| fail("body"))?;
    let _ = body.append_child(&a);
    a.click();
    let _ = body.remove_child(&a);
    // Revoke after the click has been handled.
    let url2 = url.clone();
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url2);
    })
    .forget();
    Ok(())
}

/// Offers an export as a download; returns the sentence to tell the user, or the error.
pub fn download_export(f: &crate::core::formats::ExportFile) -> Result<String, String> {
    download(&f.name, f.mime, &f.content).map(|()| format!("Downloaded {}. {}", f.name, f.summary))
}

/// Copies `text` to the clipboard.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let clipboard = gloo::utils::window().navigator().clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| "The clipboard refused the text (the browser may need permission).".to_owned())
}

/// Refuses a chosen file larger than `max_bytes`, before anything reads it.
pub fn check_size(file: &web_sys::File, max_bytes: usize) -> Result<(), String> {
    let size = file.size() as usize;
    if size > max_bytes {
        return Err(format!(
            "“{}” is {} MB; the limit is {} MB.",
            file.name(),
            size / (1024 * 1024),
            max_bytes / (1024 * 1024)
        ));
    }
    Ok(())
}
