//! Writes the committed seeds in `fuzz/seeds/` from the small library of the fuzz fixtures:
//! an Annotator JSON and a W3C export (import_json), sync messages (sync_message) and a
//! journal (journal_replay). Run from `fuzz/`: `cargo +nightly run --example make_seeds`.

use article_annotator::core::formats::{export_file, ExportFormat};
use article_annotator::core::library::ExportSettings;
use article_annotator::core::model::Timestamp;
use article_annotator::core::storage::{encode_sync, Store, SyncMessage};
use article_annotator_fuzz::{small_library, small_records, NOW};
use std::fs;
use uuid::Uuid;

fn write(target: &str, name: &str, content: &str) {
    let dir = format!("seeds/{target}");
    fs::create_dir_all(&dir).expect("create the seed folder");
    fs::write(format!("{dir}/{name}"), content).expect("write a seed");
}

fn main() {
    let lib = small_library();
    for (format, name) in [
        (ExportFormat::Native, "native.json"),
        (ExportFormat::W3c, "w3c.json"),
    ] {
        let file = export_file(
            &lib,
            format,
            None,
            &ExportSettings::default(),
            NOW,
            Uuid::from_u128(7),
        );
        write("import_json", name, &file.content);
    }
    let mut messages = Vec::new();
    for r in small_records() {
        messages.push(SyncMessage::Changed {
            store: r.store,
            key: r.key.clone(),
            record: r.json.clone(),
        });
    }
    messages.push(SyncMessage::Deleted {
        store: Store::Annotations,
        key: Uuid::from_u128(2).to_string(),
    });
    // A newer copy of the first annotation, so that the remote record wins.
    let mut newer = lib.annotations[0].clone();
    newer.modified = Timestamp(NOW.0 + 1);
    newer.note = "newer".into();
    messages.push(SyncMessage::Changed {
        store: Store::Annotations,
        key: newer.id.to_string(),
        record: article_annotator::core::storage::encode_annotation(&newer),
    });
    let texts: Vec<String> = messages.iter().map(encode_sync).collect();
    write("sync_message", "messages", &texts.join("\u{1e}"));
    write(
        "journal_replay",
        "journal",
        &format!("[{}]", texts.join(",")),
    );
    write(
        "journal_replay",
        "two-journals",
        &format!("[{}]\u{1e}[{}]", texts[texts.len() - 1], texts[3]),
    );
}
