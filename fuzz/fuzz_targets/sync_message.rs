//! Decodes arbitrary text as sync messages from another tab (split on the ASCII record
//! separator, 0x1E) and applies each one in turn onto a small library.
#![no_main]

use article_annotator::core::library::Library;
use article_annotator::core::storage::{
    apply_sync, decode_sync, encode_sync, load_records, Applied, StoredLibrary,
};
use article_annotator_fuzz::small_records;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let mut library: StoredLibrary = load_records(small_records()).library;
    for part in input.split('\u{1e}') {
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
