use super::*;
use crate::core::model::{Anchoring, Body, ClaimFields, HttpUrl, QuoteFields, TextQuote, Verdict};
use std::path::{Path, PathBuf};

const ARTICLE_ID: &str = "5a4d91e0-0b1e-4c1a-8a7e-000000000001";

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/storage")
}

fn fixture(version: u32, name: &str) -> String {
    let path = fixtures_dir().join(format!("v{version}")).join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn id(s: &str) -> Uuid {
    Uuid::parse_str(s).unwrap()
}

fn ts(s: &str) -> Timestamp {
    Timestamp::parse_rfc3339(s).unwrap()
}

fn article(n: u128, title: &str, changed: i64) -> StoredArticle {
    StoredArticle {
        article: Article::new(Uuid::from_u128(n), title, None, "Çav\u{a0}x\nsecond"),
        added: Timestamp(1000),
        changed: Timestamp(changed),
    }
}

fn annotation(n: u128, article: u128, kind: Kind, modified: i64) -> Annotation {
    let mut a = Annotation::new(
        Uuid::from_u128(n),
        Uuid::from_u128(article),
        kind,
        "Çav\u{a0}x\nsecond",
        0,
        3,
        Timestamp(modified),
    );
    a.modified = Timestamp(modified);
    a
}

fn library(articles: Vec<StoredArticle>, annotations: Vec<Annotation>) -> Library {
    Library {
        articles: articles.into_iter().map(|a| (a.article.id, a)).collect(),
        annotations: annotations
            .into_iter()
            .map(|a| (a.id, Rc::new(a)))
            .collect(),
    }
}

fn raw(store: Store, key: &str, json: &str) -> RawRecord {
    RawRecord {
        store,
        key: key.to_owned(),
        json: json.to_owned(),
    }
}

// ---- Fixtures -------------------------------------------------------------------------------

#[test]
fn v1_fixtures_decode_to_the_expected_values() {
    let a = decode_article(&fixture(1, "article.json")).unwrap();
    assert_eq!(
        a,
        StoredArticle {
            article: Article {
                id: id(ARTICLE_ID),
                title: "The Global Coalition Working to Defeat ISIS".into(),
                source_url: Some("https://example.org/coalition".into()),
                published: Some("2017-03-22".into()),
                text: "Minister Çavuşoğlu\u{a0} stated:\n“Together, we share”".into(),
            },
            added: ts("2025-11-27T21:40:59.123Z"),
            changed: ts("2025-11-28T08:00:00.000Z"),
        }
    );

    let c = decode_annotation(&fixture(1, "annotation-claim.json")).unwrap();
    assert_eq!(
        c,
        Annotation {
            id: id("0b0b0b0b-0b0b-4b0b-8b0b-0b0b0b0b0b0b"),
            article_id: id(ARTICLE_ID),
            start: 9,
            end: 18,
            quote: TextQuote {
                exact: "Çavuşoğlu".into(),
                prefix: "Minister ".into(),
                suffix: "\u{a0} stated:\n“Together, we share”".into(),
            },
            created: ts("2025-11-27T21:41:00.000Z"),
            modified: ts("2025-11-27T21:42:00.000Z"),
            note: "Check the spelling.".into(),
            tags: vec!["Türkiye".into()],
            body: Body::Claim(ClaimFields {
                claimant: "Rex W. Tillerson".into(),
                verdict: Verdict::MostlyTrue,
                evidence: vec![HttpUrl::parse("https://example.org/evidence").unwrap()],
            }),
            anchoring: Anchoring::Anchored,
        }
    );

    let q = decode_annotation(&fixture(1, "annotation-quote.json")).unwrap();
    assert_eq!(
        q.body,
        Body::Quote(QuoteFields {
            speaker: "Mevlüt Çavuşoğlu".into(),
            checked: true,
            source: Some(HttpUrl::parse("https://example.org/speech").unwrap()),
        })
    );
    assert_eq!((q.note.as_str(), q.tags.len()), ("", 0));
    assert_eq!(q.anchoring, Anchoring::NeedsReview);

    assert_eq!(
        decode_meta(&fixture(1, "meta-schema.json")).unwrap(),
        Value::from(1)
    );
}

/// Every fixture of every version ever written must still load, without being skipped.
#[test]
fn every_fixture_of_every_version_still_loads() {
    let mut versions = 0;
    for dir in std::fs::read_dir(fixtures_dir()).unwrap() {
        let dir = dir.unwrap().path();
        versions += 1;
        for file in std::fs::read_dir(&dir).unwrap() {
            let path = file.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let json = std::fs::read_to_string(&path).unwrap();
            let value: Value = serde_json::from_str(&json).unwrap();
            let store = if name.starts_with("article") {
                Store::Articles
            } else if name.starts_with("annotation") {
                Store::Annotations
            } else {
                Store::Meta
            };
            let key = value["id"].as_str().unwrap_or("schema").to_owned();
            let loaded = load_records(vec![RawRecord { store, key, json }]);
            assert!(
                loaded.skipped.is_empty(),
                "{}: {:?}",
                path.display(),
                loaded.skipped
            );
        }
    }
    assert_eq!(versions, CURRENT_VERSION, "one fixture folder per version");
}

// ---- Encoding and errors --------------------------------------------------------------------

#[test]
fn records_round_trip_with_a_version_envelope() {
    let a = article(1, "Title", 5000);
    let json = encode_article(&a);
    let value: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["v"], 1);
    assert_eq!(value["id"], Uuid::from_u128(1).to_string());
    assert_eq!(value["changed"], "1970-01-01T00:00:05.000Z");
    assert!(value.get("source_url").is_none());
    assert_eq!(decode_article(&json).unwrap(), a);

    let n = annotation(2, 1, Kind::Quote, 7000);
    let json = encode_annotation(&n);
    let value: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["v"], 1);
    assert_eq!(value[ARTICLE_ID_PATH], Uuid::from_u128(1).to_string());
    assert_eq!(value["kind"], "quote");
    assert_eq!(decode_annotation(&json).unwrap(), n);

    let meta = serde_json::json!({"theme": "dark"});
    assert_eq!(decode_meta(&encode_meta(&meta)).unwrap(), meta);
}

#[test]
fn errors_say_what_is_wrong() {
    let good: Value = serde_json::from_str(&encode_article(&article(1, "T", 0))).unwrap();
    let with = |f: &dyn Fn(&mut Map<String, Value>)| {
        let mut v = good.clone();
        f(v.as_object_mut().unwrap());
        v.to_string()
    };

    match decode_article("{not json") {
        Err(RecordError::Corrupt(m)) => assert!(m.contains("line 1"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        decode_article("[1,2]"),
        Err(RecordError::Corrupt(_))
    ));
    assert_eq!(
        decode_article(&with(&|m| {
            m.insert("v".into(), Value::from(2));
        })),
        Err(RecordError::NewerVersion {
            found: 2,
            current: 1
        })
    );
    assert_eq!(
        decode_article(&with(&|m| {
            m.insert("v".into(), Value::from(0));
        })),
        Err(RecordError::UnknownVersion(0))
    );
    assert!(matches!(
        decode_article(&with(&|m| {
            m.insert("v".into(), Value::from("one"));
        })),
        Err(RecordError::Corrupt(_))
    ));
    assert_eq!(
        decode_article(&with(&|m| {
            m.remove("v");
        })),
        Err(RecordError::MissingField("v"))
    );
    assert_eq!(
        decode_article(&with(&|m| {
            m.remove("changed");
        })),
        Err(RecordError::MissingField("changed"))
    );
    match decode_article(&with(&|m| {
        m.insert("added".into(), Value::from("yesterday"));
    })) {
        Err(RecordError::Corrupt(m)) => assert!(m.contains("yesterday"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        decode_annotation(r#"{"v":1,"id":"x"}"#),
        Err(RecordError::MissingField("article_id"))
    );
    let message = RecordError::NewerVersion {
        found: 3,
        current: 1,
    }
    .to_string();
    assert!(message.contains("newer version"), "{message}");
}

#[test]
fn migrate_is_the_identity_at_the_current_version_and_refuses_others() {
    let v = serde_json::json!({"v": CURRENT_VERSION, "x": 1});
    assert_eq!(
        migrate(Store::Articles, v.clone(), CURRENT_VERSION.into()),
        Ok(v)
    );
    assert_eq!(
        migrate(Store::Articles, Value::Null, 0),
        Err(RecordError::UnknownVersion(0))
    );
    assert!(matches!(
        migrate(Store::Articles, Value::Null, u64::from(CURRENT_VERSION) + 1),
        Err(RecordError::NewerVersion { .. })
    ));
    assert_eq!(MIGRATIONS.len() as u32 + 1, CURRENT_VERSION);
}

#[test]
fn stores_have_the_documented_names_and_index() {
    let names: Vec<&str> = STORES.iter().map(|s| s.store.name()).collect();
    assert_eq!(names, ["articles", "annotations", "meta"]);
    assert_eq!(STORES[1].indexes, &[("by_article", "article_id")]);
    for s in STORES {
        assert_eq!(Store::from_name(s.store.name()), Some(s.store));
    }
    assert_eq!(Store::from_name("nope"), None);
}

// ---- Loading --------------------------------------------------------------------------------

#[test]
fn unreadable_records_are_skipped_by_name_and_protected_from_writes() {
    let a = article(1, "A", 10);
    let n = annotation(2, 1, Kind::Claim, 10);
    let newer = r#"{"v":9,"id":"00000000-0000-0000-0000-000000000003","future":true}"#;
    let loaded = load_records(vec![
        raw(
            Store::Articles,
            &a.article.id.to_string(),
            &encode_article(&a),
        ),
        raw(
            Store::Annotations,
            &n.id.to_string(),
            &encode_annotation(&n),
        ),
        raw(
            Store::Articles,
            "00000000-0000-0000-0000-000000000003",
            newer,
        ),
        raw(Store::Annotations, "broken", "{\"v\":1,"),
        raw(
            Store::Articles,
            "00000000-0000-0000-0000-000000000009",
            &encode_article(&a),
        ),
        raw(Store::Meta, META_SCHEMA_KEY, &encode_meta(&Value::from(1))),
    ]);
    assert_eq!(loaded.library, library(vec![a.clone()], vec![n.clone()]));
    assert_eq!(loaded.meta.get(META_SCHEMA_KEY), Some(&Value::from(1)));
    let skipped: Vec<(Store, &str)> = loaded
        .skipped
        .iter()
        .map(|s| (s.store, s.key.as_str()))
        .collect();
    assert_eq!(
        skipped,
        [
            (Store::Articles, "00000000-0000-0000-0000-000000000003"),
            (Store::Annotations, "broken"),
            (Store::Articles, "00000000-0000-0000-0000-000000000009"),
        ]
    );
    assert!(matches!(
        loaded.skipped[0].reason,
        RecordError::NewerVersion { found: 9, .. }
    ));
    assert!(matches!(
        loaded.skipped[2].reason,
        RecordError::KeyMismatch { .. }
    ));
    let shown = loaded.skipped[0].to_string();
    assert!(shown.contains("00000000-0000-0000-0000-000000000003") && shown.contains("kept"));

    // Even a state that "removes" or rewrites a skipped key never touches it.
    let protected = loaded.protected();
    assert_eq!(protected.len(), 3);
    let ghost = article(3, "ghost", 99);
    let prev = library(vec![a.clone(), ghost.clone()], vec![n.clone()]);
    let mut rewritten = ghost.clone();
    rewritten.changed = Timestamp(100);
    let next = library(vec![rewritten], vec![]);
    let plan = plan_writes(&prev, &next, &protected);
    assert_eq!(
        plan.deletes,
        [
            (Store::Articles, a.article.id.to_string()),
            (Store::Annotations, n.id.to_string())
        ]
    );
    assert!(plan.puts.is_empty());
}

// ---- Write planning -------------------------------------------------------------------------

#[test]
fn plans_write_only_what_changed() {
    let a1 = article(1, "A", 10);
    let a2 = article(2, "B", 10);
    let n1 = annotation(11, 1, Kind::Claim, 10);
    let n2 = annotation(12, 1, Kind::Quote, 10);
    let prev = library(vec![a1.clone(), a2.clone()], vec![n1.clone(), n2.clone()]);
    assert!(plan_writes(&prev, &prev, &Protected::default()).is_empty());

    let mut n1b = n1.clone();
    n1b.note = "changed".into();
    n1b.modified = Timestamp(20);
    let a3 = article(3, "C", 20);
    let next = library(vec![a1.clone(), a3.clone()], vec![n1b.clone(), n2]);
    let plan = plan_writes(&prev, &next, &Protected::default());
    assert_eq!(
        plan.puts,
        [
            (
                Store::Articles,
                a3.article.id.to_string(),
                encode_article(&a3)
            ),
            (
                Store::Annotations,
                n1b.id.to_string(),
                encode_annotation(&n1b)
            ),
        ]
    );
    assert_eq!(plan.deletes, [(Store::Articles, a2.article.id.to_string())]);

    // The same plan from the reducer's change set, where a changed id that is gone is deleted.
    let changes = ChangeSet {
        articles_changed: [a3.article.id, a2.article.id].into(),
        annotations_changed: [n1b.id].into(),
        ..ChangeSet::default()
    };
    let from_changes = plan_changes(&next, &changes, &Protected::default());
    assert_eq!(from_changes.puts, plan.puts);
    assert_eq!(from_changes.deletes, plan.deletes);
}

#[test]
fn pending_writes_coalesce_and_survive_a_failed_flush() {
    let put = |key: &str, json: &str| WritePlan {
        puts: vec![(Store::Annotations, key.into(), json.into())],
        deletes: vec![],
    };
    let delete = |key: &str| WritePlan {
        puts: vec![],
        deletes: vec![(Store::Annotations, key.into())],
    };
    let mut q = PendingWrites::new();
    q.push(put("a", "1"));
    q.push(put("a", "2"));
    q.push(put("b", "1"));
    q.push(delete("b"));
    assert_eq!(q.len(), 2);

    let flush = q.take();
    assert!(q.is_empty());
    assert_eq!(flush.puts, [(Store::Annotations, "a".into(), "2".into())]);
    assert_eq!(flush.deletes, [(Store::Annotations, "b".into())]);

    // While the flush was failing, "a" changed again: the newer write is kept.
    q.push(put("a", "3"));
    q.put_back(flush);
    let retry = q.take();
    assert_eq!(retry.puts, [(Store::Annotations, "a".into(), "3".into())]);
    assert_eq!(retry.deletes, [(Store::Annotations, "b".into())]);
}

// ---- Two tabs -------------------------------------------------------------------------------

#[test]
fn the_later_change_wins_and_ties_converge() {
    let old = annotation(1, 9, Kind::Claim, 10);
    let mut new = old.clone();
    new.note = "newer".into();
    new.modified = Timestamp(20);
    assert_eq!(merge_annotation(&old, &new), Winner::Remote);
    assert_eq!(merge_annotation(&new, &old), Winner::Local);

    // Same time, different content: both tabs keep the same copy.
    let mut other = old.clone();
    other.note = "other".into();
    let in_tab_1 = merge_annotation(&old, &other);
    let in_tab_2 = merge_annotation(&other, &old);
    assert_ne!(in_tab_1, in_tab_2, "each tab must pick the same record");
    assert_eq!(merge_annotation(&old, &old), Winner::Local);

    let a = article(1, "A", 10);
    let b = article(1, "B", 11);
    assert_eq!(merge_article(&a, &b), Winner::Remote);
}

#[test]
fn sync_messages_round_trip_and_apply() {
    let a = article(1, "A", 10);
    let n = annotation(2, 1, Kind::Claim, 10);
    let mut newer = n.clone();
    newer.note = "from the other tab".into();
    newer.modified = Timestamp(30);
    let plan = WritePlan {
        puts: vec![(
            Store::Annotations,
            newer.id.to_string(),
            encode_annotation(&newer),
        )],
        deletes: vec![(Store::Articles, a.article.id.to_string())],
    };
    let messages = sync_messages(&plan);
    assert_eq!(messages.len(), 2);
    let text = encode_sync(&messages[0]);
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["type"], "changed");
    assert_eq!(value["store"], "annotations");
    assert_eq!(decode_sync(&text).unwrap(), messages[0]);
    assert_eq!(
        encode_sync(&messages[1]),
        format!(
            r#"{{"type":"deleted","store":"articles","key":"{}"}}"#,
            a.article.id
        )
    );
    assert!(decode_sync(r#"{"type":"exploded"}"#).is_err());

    let mut lib = library(vec![a], vec![n.clone()]);
    assert_eq!(apply_sync(&mut lib, &messages[0]), Applied::Updated);
    assert_eq!(lib.annotations[&n.id].note, "from the other tab");
    // An older copy arriving later does not undo it.
    let stale = SyncMessage::Changed {
        store: Store::Annotations,
        key: n.id.to_string(),
        record: encode_annotation(&n),
    };
    assert_eq!(apply_sync(&mut lib, &stale), Applied::Kept);
    assert_eq!(lib.annotations[&n.id].note, "from the other tab");
    // A broken record is ignored, never stored.
    let broken = SyncMessage::Changed {
        store: Store::Annotations,
        key: n.id.to_string(),
        record: "{\"v\":1".into(),
    };
    assert!(matches!(
        apply_sync(&mut lib, &broken),
        Applied::Ignored(RecordError::Corrupt(_))
    ));
    assert_eq!(apply_sync(&mut lib, &messages[1]), Applied::Updated);
    assert!(lib.articles.is_empty());
}

// ---- Library list ---------------------------------------------------------------------------

#[test]
fn library_entries_count_and_sort_by_last_change() {
    let old = article(1, "Old", 10);
    let recent = article(2, "Recent", 50);
    let annotated = article(3, "Annotated later", 20);
    let lib = library(
        vec![old, recent, annotated],
        vec![
            annotation(11, 3, Kind::Claim, 100),
            annotation(12, 3, Kind::Claim, 30),
            annotation(13, 3, Kind::Quote, 30),
            annotation(14, 1, Kind::Quote, 5),
            annotation(15, 77, Kind::Quote, 500), // article missing: not listed
        ],
    );
    let entries = library_entries(&lib);
    let shown: Vec<(&str, i64, usize, usize)> = entries
        .iter()
        .map(|e| (e.title.as_str(), e.changed.0, e.claims, e.quotes))
        .collect();
    assert_eq!(
        shown,
        [
            ("Annotated later", 100, 2, 1),
            ("Recent", 50, 0, 0),
            ("Old", 10, 0, 1),
        ]
    );
    assert_eq!(entries[0].added, Timestamp(1000));
}
