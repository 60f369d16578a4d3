//! Decodes arbitrary text as a stored article, annotation and meta value, and loads arbitrary
//! raw records. The input is split on the ASCII record separator (0x1E) into records; each
//! is offered to every store under the key its `id` field names (or a fixed key), so the
//! fixtures' single records are seeds as they are.
#![no_main]

use article_annotator::core::library::Library;
use article_annotator::core::storage::{
    decode_annotation, decode_article, decode_meta, encode_annotation, encode_article, encode_meta,
    load_records, RawRecord, Store,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let mut raw = Vec::new();
    for part in input.split('\u{1e}') {
        // A decoded record encodes to a text that decodes to the same record.
        if let Ok(a) = decode_article(part) {
            assert_eq!(decode_article(&encode_article(&a)).as_ref(), Ok(&a));
        }
        if let Ok(a) = decode_annotation(part) {
            assert_eq!(decode_annotation(&encode_annotation(&a)).as_ref(), Ok(&a));
        }
        if let Ok(v) = decode_meta(part) {
            let _ = decode_meta(&encode_meta(&v));
        }
        let key = serde_json::from_str::<serde_json::Value>(part)
            .ok()
            .and_then(|v| v.get("id").and_then(|id| id.as_str()).map(str::to_owned))
            .unwrap_or_else(|| "settings".to_owned());
        for store in [Store::Articles, Store::Annotations, Store::Meta] {
            raw.push(RawRecord {
                store,
                key: key.clone(),
                json: part.to_owned(),
            });
        }
    }
    let mut loaded = load_records(raw);
    let _ = article_annotator::core::library::ExportSettings::from_loaded(&mut loaded);
    let _ = Library::from_stored(&loaded.library);
    let _ = loaded.protected();
});
