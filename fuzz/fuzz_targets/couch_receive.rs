//! Documents from a CouchDB server (issue 16), as arbitrary JSON: each part of the input
//! (split on the ASCII record separator, 0x1E) read as a document and taken in by one replica,
//! as a `_changes` answer and as a checkpoint. Nothing may panic; a tree always has one
//! winner and at most one live leaf after a document is taken in (conflicts end at once); a
//! document taken in twice changes nothing the second time.
#![no_main]

use article_annotator::core::couch::{Received, RemoteDoc, Replica, Rev, SyncStore};
use article_annotator::core::storage::{RawRecord, Store};
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value};

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let mut replica = Replica::default();
    for part in input.split('\u{1e}') {
        let _ = Rev::parse(part);
        let Ok(doc) = serde_json::from_str::<Map<String, Value>>(part) else {
            continue;
        };
        let Ok(remote) = RemoteDoc::from_json(doc) else {
            continue;
        };
        let id = remote.id.clone();
        if let Ok(_received) = replica.receive(remote.clone()) {
            let tree = &replica.doc(&id).expect("a document taken in is kept").tree;
            assert!(tree.winner().is_some());
            assert!(tree.live().count() <= 1, "{tree:?}");
            assert_eq!(replica.receive(remote), Ok(Received::default()));
        }
        let _ = replica.pending();
    }
    // The sync database's entries, whatever they hold, load without panicking.
    let raw = input
        .split('\u{1e}')
        .enumerate()
        .map(|(i, json)| RawRecord {
            store: Store::Meta,
            key: format!("r:doc:{i}"),
            json: json.to_owned(),
        })
        .collect();
    let _ = SyncStore::from_raw(raw).load("r");
});
