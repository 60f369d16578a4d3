//! Replays arbitrary journal texts (split on the ASCII record separator, 0x1E, one journal
//! each) onto a small loaded library that holds one damaged, protected record.
#![no_main]

use article_annotator::core::storage::{
    journal_key, load_records, replay_journals, Journal, TabId,
};
use article_annotator_fuzz::small_records;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let journals: Vec<Journal> = input
        .split('\u{1e}')
        .enumerate()
        .map(|(i, text)| Journal {
            key: journal_key(&TabId::from_random([i as u8; 16])),
            text: text.to_owned(),
        })
        .collect();
    let mut loaded = load_records(small_records());
    let protected = loaded.protected();
    assert!(!protected.is_empty());
    let replayed = replay_journals(&mut loaded, &journals);
    // Protected keys are never touched.
    for (store, key, _) in &replayed.plan.puts {
        assert!(!protected.contains(*store, key), "put of protected {key}");
    }
    for (store, key) in &replayed.plan.deletes {
        assert!(
            !protected.contains(*store, key),
            "delete of protected {key}"
        );
    }
    // The plan writes each key once.
    let mut keys: Vec<_> = replayed
        .plan
        .puts
        .iter()
        .map(|(s, k, _)| (*s, k.clone()))
        .chain(replayed.plan.deletes.iter().cloned())
        .collect();
    let n = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), n, "a key written twice");
});
