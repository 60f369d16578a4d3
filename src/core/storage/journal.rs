//! The journal: writes still pending when the page was hidden or closed, kept in
//! `localStorage` (IndexedDB may abort a transaction started while the page unloads, while
//! `localStorage` writes synchronously) and replayed on the next start.
//!
//! # One journal per tab
//!
//! Each tab journals under a key of its own, [`journal_key`] of a [`TabId`] made from random
//! bytes, and clears only that key once its writes are in the database, so one tab's flush
//! never clears another tab's journal. On start a tab reads every key that
//! [`is_journal_key`] recognises (the legacy single key [`JOURNAL_KEY`] too), replays them all
//! with [`replay_journals`], and removes each one only once the writes replayed from it are in
//! the database, and only if it still holds the text that was replayed. A journal of a tab that
//! is still open may be replayed as well: that is harmless, because replay follows the rules of
//! sync messages (the later `modified` or `changed` wins; a newer record already stored is
//! kept), and a journal its tab rewrote since is left for that tab.
//!
//! # Wire format
//!
//! A journal is a JSON array of [`SyncMessage`]s, the same objects tabs broadcast:
//! `[{"type":"changed","store":"annotations","key":"…","record":"…record JSON…"},
//! {"type":"deleted","store":"articles","key":"…"}]`. Each entry is read on its own, so one
//! entry that cannot be read (a damaged record, a meta value that is not JSON) is skipped and
//! reported while every other entry is replayed.

use super::codec::{decode_meta, RecordError};
use super::load::{LoadResult, Protected, StoredLibrary};
use super::plan::{plan_meta, PendingWrites, ProtectedKey, WritePlan};
use super::schema::Store;
use super::sync::{apply_sync, sync_messages, Applied, SyncMessage};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

/// The `localStorage` key of the single journal that earlier versions of the app shared
/// between tabs, and the prefix of every tab's own key (see [`journal_key`]).
pub const JOURNAL_KEY: &str = "article-annotator-journal";

/// The identity of one tab (one page load) in the names of journal keys: 32 lowercase hex
/// digits made from random bytes the shell provides.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TabId(String);

impl TabId {
    /// The tab id written with `bytes` (from the browser's cryptographic randomness).
    pub fn from_random(bytes: [u8; 16]) -> Self {
        TabId(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }

    /// The id as it appears in the journal key.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TabId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The `localStorage` key under which the tab `tab` journals: [`JOURNAL_KEY`], a colon and the
/// tab id, e.g. `article-annotator-journal:0f1e…`.
pub fn journal_key(tab: &TabId) -> String {
    format!("{JOURNAL_KEY}:{tab}")
}

/// Whether `key` is the key of a journal: a tab's ([`journal_key`]) or the legacy shared one
/// ([`JOURNAL_KEY`]).
pub fn is_journal_key(key: &str) -> bool {
    match key.strip_prefix(JOURNAL_KEY) {
        Some("") => true,
        Some(rest) => rest.strip_prefix(':').is_some_and(|id| !id.is_empty()),
        None => false,
    }
}

/// The journal's text for the pending writes `plan`.
pub fn encode_journal(plan: &WritePlan) -> String {
    crate::core::json::to_text(&sync_messages(plan)).unwrap_or_default()
}

/// One journal found in `localStorage`: its key and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Journal {
    /// Its `localStorage` key (one that [`is_journal_key`] recognises).
    pub key: String,
    /// Its text (see the wire format in the module documentation).
    pub text: String,
}

/// A journal entry, or a whole journal, that could not be replayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplayProblem {
    /// The key of the journal it is in.
    pub journal: String,
    /// The record the entry concerned, when the entry could be read that far.
    pub record: Option<(Store, String)>,
    /// Why it was not replayed.
    pub reason: String,
}

impl fmt::Display for ReplayProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.record {
            Some((store, key)) => write!(
                f,
                "A change to the {} record “{key}”, kept while a page was closing, was not restored. {}",
                store.record_name(),
                self.reason
            ),
            None => write!(
                f,
                "A change kept while a page was closing could not be read back, and was not \
                 restored. {}",
                self.reason
            ),
        }
    }
}

/// What [`replay_journals`] did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Replayed {
    /// The writes that bring the journals' winning records into the database, one per key.
    pub plan: WritePlan,
    /// The entries (or whole journals) that could not be replayed, to show to the user.
    pub problems: Vec<ReplayProblem>,
}

/// Replays `journals` onto what was just loaded, in the order of their keys. Each entry goes
/// through the rules of sync messages ([`apply_sync`]): a record replaces the loaded one only if
/// it is newer (by `modified` or `changed`; ties broken as in every tab), a deletion applies. A
/// meta value is read and planned by [`plan_meta`], and replaces the loaded one in
/// `loaded.meta`. Protected keys are never touched. An entry that cannot be read, or that
/// concerns a protected key, is skipped and reported in [`Replayed::problems`]; every other
/// entry is replayed. `loaded` is left as the app should start with.
pub fn replay_journals(loaded: &mut LoadResult, journals: &[Journal]) -> Replayed {
    let protected = loaded.protected();
    let mut target = Target {
        library: &mut loaded.library,
        meta: &mut loaded.meta,
        protected: &protected,
        writes: PendingWrites::new(),
    };
    let mut ordered: Vec<&Journal> = journals.iter().collect();
    crate::core::sort::sort_by(&mut ordered, |a, b| a.key.cmp(&b.key));
    let mut problems = Vec::new();
    for journal in ordered {
        let unreadable = |e: serde_json::Error| ReplayProblem {
            journal: journal.key.clone(),
            record: None,
            reason: RecordError::Corrupt(e.to_string()).to_string(),
        };
        let entries: Vec<Value> = match serde_json::from_str(&journal.text) {
            Ok(entries) => entries,
            Err(e) => {
                problems.push(unreadable(e));
                continue;
            }
        };
        for entry in entries {
            let outcome = serde_json::from_value(entry)
                .map_err(unreadable)
                .and_then(|message| {
                    target
                        .replay(message)
                        .map_err(|(record, reason)| ReplayProblem {
                            journal: journal.key.clone(),
                            record: Some(record),
                            reason,
                        })
                });
            if let Err(problem) = outcome {
                problems.push(problem);
            }
        }
    }
    Replayed {
        plan: target.writes.take(),
        problems,
    }
}

/// What entries are replayed onto, and the writes they plan.
struct Target<'a> {
    library: &'a mut StoredLibrary,
    meta: &'a mut BTreeMap<String, Value>,
    protected: &'a Protected,
    /// One write per key, in the order of the entries (a later entry for a key replaces an
    /// earlier one).
    writes: PendingWrites,
}

impl Target<'_> {
    /// Replays one entry, queueing its write when it wins; on failure, the record it concerns
    /// and why.
    fn replay(&mut self, message: SyncMessage) -> Result<(), ((Store, String), String)> {
        let (store, key) = match &message {
            SyncMessage::Changed { store, key, .. } | SyncMessage::Deleted { store, key } => {
                (*store, key.clone())
            }
        };
        let fail = |reason: String| ((store, key.clone()), reason);
        if self.protected.contains(store, &key) {
            let refused = ProtectedKey {
                store,
                key: key.clone(),
            };
            return Err(fail(refused.to_string()));
        }
        let plan = match (store, message) {
            (Store::Meta, SyncMessage::Changed { record, .. }) => {
                let value = decode_meta(&record).map_err(|e| fail(e.to_string()))?;
                let plan =
                    plan_meta(&key, &value, self.protected).map_err(|e| fail(e.to_string()))?;
                self.meta.insert(key, value);
                plan
            }
            (Store::Meta, SyncMessage::Deleted { .. }) => {
                self.meta.remove(&key);
                WritePlan {
                    puts: Vec::new(),
                    deletes: vec![(store, key)],
                }
            }
            (_, message) => match apply_sync(self.library, &message) {
                Applied::Kept => return Ok(()),
                Applied::Ignored(e) => return Err(fail(e.to_string())),
                Applied::Updated => match message {
                    SyncMessage::Changed { record, .. } => WritePlan {
                        puts: vec![(store, key, record)],
                        deletes: Vec::new(),
                    },
                    SyncMessage::Deleted { .. } => WritePlan {
                        puts: Vec::new(),
                        deletes: vec![(store, key)],
                    },
                },
            },
        };
        self.writes.push(plan);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::core::model::{Annotation, Kind};
    use crate::core::storage::testing::{annotation, article, library, raw};
    use crate::core::storage::*;
    use serde_json::Value;
    use uuid::Uuid;

    fn put(a: &Annotation) -> (Store, String, String) {
        (Store::Annotations, a.id.to_string(), encode_annotation(a))
    }

    fn journal(
        key: &str,
        puts: Vec<(Store, String, String)>,
        deletes: Vec<(Store, String)>,
    ) -> Journal {
        Journal {
            key: key.to_owned(),
            text: encode_journal(&WritePlan { puts, deletes }),
        }
    }

    fn loaded(lib: StoredLibrary) -> LoadResult {
        LoadResult {
            library: lib,
            ..LoadResult::default()
        }
    }

    /// The `modified` time of annotation `n` in the library.
    fn modified(lib: &StoredLibrary, n: u128) -> Option<i64> {
        lib.annotations
            .get(&Uuid::from_u128(n))
            .map(|a| a.modified.0)
    }

    #[test]
    fn journal_keys_name_their_tab_and_are_recognised() {
        let tab = TabId::from_random([0xab; 16]);
        assert_eq!(tab.as_str(), "ab".repeat(16));
        let key = journal_key(&tab);
        assert_eq!(
            key,
            format!("article-annotator-journal:{}", "ab".repeat(16))
        );
        let other = journal_key(&TabId::from_random([0x01; 16]));
        assert_ne!(key, other);
        for yes in [
            key.as_str(),
            other.as_str(),
            JOURNAL_KEY,
            "article-annotator-journal:x",
        ] {
            assert!(is_journal_key(yes), "{yes}");
        }
        for no in [
            "article-annotator-journal:",
            "article-annotator-journalx",
            "article-annotator-journal-ab",
            "article-annotator",
            "x-article-annotator-journal:ab",
            "",
        ] {
            assert!(!is_journal_key(no), "{no}");
        }
    }

    #[test]
    fn a_journal_replays_what_wins_and_keeps_what_is_newer() {
        // Stored: annotation 10 at t=50 (newer than the journal's), annotation 12 to delete.
        let mut start = loaded(library(
            vec![article(1, "A", 1)],
            vec![
                annotation(10, 1, Kind::Claim, 50),
                annotation(12, 1, Kind::Claim, 5),
            ],
        ));
        let settings = serde_json::json!({"organisation": "X"});
        let journals = [journal(
            &journal_key(&TabId::from_random([1; 16])),
            vec![
                put(&annotation(10, 1, Kind::Claim, 20)),
                put(&annotation(11, 1, Kind::Quote, 20)),
                (Store::Meta, "settings".into(), encode_meta(&settings)),
            ],
            vec![(Store::Annotations, Uuid::from_u128(12).to_string())],
        )];
        let replayed = replay_journals(&mut start, &journals);
        assert_eq!(replayed.problems, []);
        assert_eq!(
            modified(&start.library, 10),
            Some(50),
            "the newer copy is kept"
        );
        assert_eq!(modified(&start.library, 11), Some(20));
        assert_eq!(modified(&start.library, 12), None);
        assert_eq!(start.meta.get("settings"), Some(&settings));
        let keys: Vec<(Store, &str)> = replayed
            .plan
            .puts
            .iter()
            .map(|(s, k, _)| (*s, k.as_str()))
            .collect();
        let eleven = Uuid::from_u128(11).to_string();
        assert_eq!(
            keys,
            [
                (Store::Annotations, eleven.as_str()),
                (Store::Meta, "settings")
            ]
        );
        assert_eq!(
            replayed.plan.deletes,
            [(Store::Annotations, Uuid::from_u128(12).to_string())]
        );
    }

    /// Regression (issue 10, defect 5): one bad meta record in a journal used to be queued as
    /// it was, and its failing write aborted every later flush.
    #[test]
    fn one_bad_entry_is_skipped_and_reported_and_every_other_is_replayed() {
        let mut start = loaded(StoredLibrary::default());
        let good = annotation(20, 1, Kind::Claim, 10);
        let deleted = Uuid::from_u128(21).to_string();
        let text = serde_json::to_string(&serde_json::json!([
            {"type": "changed", "store": "meta", "key": "settings", "record": "{not json"},
            {"type": "changed", "store": "annotations", "key": good.id.to_string(),
             "record": encode_annotation(&good)},
            {"type": "exploded"},
            {"type": "changed", "store": "annotations", "key": Uuid::from_u128(22).to_string(),
             "record": "{\"v\":1"},
            {"type": "changed", "store": "meta", "key": "seeded",
             "record": encode_meta(&Value::Bool(true))},
            {"type": "deleted", "store": "articles", "key": deleted},
        ]))
        .unwrap();
        let replayed = replay_journals(
            &mut start,
            &[Journal {
                key: "article-annotator-journal:t".into(),
                text,
            }],
        );
        let records: Vec<Option<(Store, &str)>> = replayed
            .problems
            .iter()
            .map(|p| p.record.as_ref().map(|(s, k)| (*s, k.as_str())))
            .collect();
        let twenty_two = Uuid::from_u128(22).to_string();
        assert_eq!(
            records,
            [
                Some((Store::Meta, "settings")),
                None,
                Some((Store::Annotations, twenty_two.as_str())),
            ]
        );
        assert!(replayed
            .problems
            .iter()
            .all(|p| p.journal == "article-annotator-journal:t"));
        let shown = replayed.problems[0].to_string();
        assert!(
            shown.contains("settings record “settings”") && shown.contains("damaged"),
            "{shown}"
        );
        assert!(replayed.problems[1]
            .to_string()
            .contains("could not be read back"));

        // Every other entry is replayed, and every record planned can be written and read.
        assert_eq!(modified(&start.library, 20), Some(10));
        assert_eq!(start.meta.get("seeded"), Some(&Value::Bool(true)));
        assert!(!start.meta.contains_key("settings"));
        assert_eq!(replayed.plan.puts.len(), 2);
        for (store, key, json) in &replayed.plan.puts {
            let readable = match store {
                Store::Meta => decode_meta(json).is_ok(),
                _ => decode_annotation(json).is_ok(),
            };
            assert!(readable, "{store} {key}: {json}");
        }
        // The deletion concerned nothing loaded: there is nothing to delete.
        assert!(replayed.plan.deletes.is_empty());
    }

    #[test]
    fn the_journals_of_several_tabs_are_all_replayed_and_the_later_change_wins() {
        let start = loaded(library(
            vec![article(1, "A", 1)],
            vec![annotation(30, 1, Kind::Claim, 1)],
        ));
        let legacy = journal(
            JOURNAL_KEY,
            vec![put(&annotation(31, 1, Kind::Claim, 5))],
            vec![],
        );
        let tab_a = journal(
            "article-annotator-journal:aa",
            vec![
                put(&annotation(30, 1, Kind::Claim, 20)),
                put(&annotation(31, 1, Kind::Claim, 10)),
            ],
            vec![],
        );
        let tab_b = journal(
            "article-annotator-journal:bb",
            vec![
                put(&annotation(30, 1, Kind::Quote, 30)),
                put(&annotation(32, 1, Kind::Quote, 7)),
            ],
            vec![],
        );
        let broken = Journal {
            key: "article-annotator-journal:cc".into(),
            text: "[{\"type\":".into(),
        };
        let mut results = Vec::new();
        for order in [
            vec![&legacy, &tab_a, &tab_b, &broken],
            vec![&broken, &tab_b, &tab_a, &legacy],
        ] {
            let mut state = start.clone();
            let journals: Vec<Journal> = order.into_iter().cloned().collect();
            let replayed = replay_journals(&mut state, &journals);
            assert_eq!(modified(&state.library, 30), Some(30));
            assert_eq!(
                state.library.annotations[&Uuid::from_u128(30)].kind(),
                Kind::Quote
            );
            assert_eq!(modified(&state.library, 31), Some(10));
            assert_eq!(modified(&state.library, 32), Some(7));
            // One write per key, carrying the winning record.
            let expected: Vec<(Store, String, String)> = [
                annotation(30, 1, Kind::Quote, 30),
                annotation(31, 1, Kind::Claim, 10),
                annotation(32, 1, Kind::Quote, 7),
            ]
            .iter()
            .map(put)
            .collect();
            assert_eq!(replayed.plan.puts, expected);
            // The journal that is not JSON is reported as a whole; the others still replay.
            assert_eq!(replayed.problems.len(), 1);
            assert_eq!(replayed.problems[0].journal, "article-annotator-journal:cc");
            assert_eq!(replayed.problems[0].record, None);
            results.push((state, replayed));
        }
        assert_eq!(
            results[0], results[1],
            "the order the shell lists them in does not matter"
        );
    }

    #[test]
    fn a_journal_never_touches_a_protected_key() {
        let newer_settings = r#"{"v":9,"value":{"organisation":"From a newer app"}}"#;
        let broken = Uuid::from_u128(40).to_string();
        let mut start = load_records(vec![
            raw(Store::Meta, "settings", newer_settings),
            raw(Store::Annotations, &broken, "{\"v\":1"),
        ]);
        assert_eq!(start.protected().len(), 2);
        let mine = serde_json::json!({"organisation": "Mine"});
        let journals = [journal(
            "article-annotator-journal:dd",
            vec![
                (Store::Meta, "settings".into(), encode_meta(&mine)),
                put(&annotation(40, 1, Kind::Claim, 99)),
            ],
            vec![(Store::Meta, "settings".into())],
        )];
        let replayed = replay_journals(&mut start, &journals);
        assert!(replayed.plan.is_empty(), "{:?}", replayed.plan);
        assert!(start.library.annotations.is_empty());
        assert!(!start.meta.contains_key("settings"));
        assert_eq!(replayed.problems.len(), 3);
        for p in &replayed.problems {
            assert!(p.to_string().contains("kept as it is"), "{p}");
        }
    }
}
