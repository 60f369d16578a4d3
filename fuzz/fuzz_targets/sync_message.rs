//! Decodes arbitrary text as messages from another tab (split on the ASCII record separator,
//! 0x1E): each part as a batch ([`decode_sync_batch`], which also reads the single-record
//! messages of earlier versions) applied in one pass, and as a single record applied alone.
#![no_main]

use article_annotator::core::library::Library;
use article_annotator::core::storage::{
    apply_sync, apply_sync_batch, decode_sync, decode_sync_batch, encode_sync, encode_sync_batch,
    load_records, Applied, StoredLibrary,
};
use article_annotator_fuzz::small_records;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let mut library: StoredLibrary = load_records(small_records()).library;
    for part in input.split('\u{1e}') {
        if let Ok(batch) = decode_sync_batch(part) {
            // A decoded batch encodes to a text that decodes to the same batch.
            assert_eq!(
                decode_sync_batch(&encode_sync_batch(&batch)).as_ref(),
                Ok(&batch)
            );
            // Applying it in one pass is applying its records one by one.
            let mut one_by_one = library.clone();
            for m in &batch.records {
                let _ = apply_sync(&mut one_by_one, m);
            }
            let before = library.clone();
            let applied = apply_sync_batch(&mut library, &batch);
            assert_eq!(library, one_by_one);
            assert_eq!(
                applied.updated + applied.kept + applied.ignored.len(),
                batch.records.len()
            );
            if !applied.changed() {
                assert_eq!(library, before, "{applied:?} changed the library");
            }
        }
        let Ok(message) = decode_sync(part) else {
            continue;
        };
        // A decoded message encodes to a text that decodes to the same message.
        assert_eq!(decode_sync(&encode_sync(&message)).as_ref(), Ok(&message));
        let before = library.clone();
        let applied = apply_sync(&mut library, &message);
        // A message that is ignored or kept changes nothing.
        if matches!(applied, Applied::Ignored(_) | Applied::Kept) {
            assert_eq!(library, before, "{applied:?} changed the library");
        }
    }
    let _ = Library::from_stored(&library);
});
