use crate::core::model::{
    Anchoring, Annotation, Body, ClaimFields, HttpUrl, Kind, QuoteFields, TextQuote, Timestamp,
    Verdict,
};
use crate::core::storage::testing::{annotation, article};
use crate::core::storage::*;
use crate::core::text::Article;
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};
use uuid::Uuid;

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
                // Records written before captures were kept have none.
                byline: None,
                site_name: None,
                captured: None,
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
fn a_stored_article_with_every_field_reads_back_from_a_record_and_from_any_json_reader() {
    // `StoredArticle`'s `Deserialize` is written by hand: every field of `Article` must come
    // back, through the page's path (a record, read through a `Value`) and through the
    // worker's (`StoredBase` as JSON text, read by serde_json's text reader).
    let mut a = article(1, "Zoë’s “title” 🦀", 5000);
    a.added = Timestamp(1000);
    a.article.source_url = Some("https://example.org/news/1".into());
    a.article.published = Some("2026-11-30".into());
    a.article.byline = Some("Mevlüt Çavuşoğlu".into());
    a.article.site_name = Some("Example News".into());
    a.article.captured = Some(crate::core::text::Capture {
        at: Timestamp(900),
        from: Some("https://example.org/news/1?x=1".into()),
        sha256: "ab".repeat(32),
    });
    assert_eq!(decode_article(&encode_article(&a)).unwrap(), a);
    let text = serde_json::to_string(&a).unwrap();
    assert_eq!(serde_json::from_str::<StoredArticle>(&text).unwrap(), a);
    let base = crate::core::jobs::StoredBase {
        articles: vec![a.clone()],
        ..Default::default()
    };
    let text = serde_json::to_string(&base).unwrap();
    assert_eq!(
        serde_json::from_str::<crate::core::jobs::StoredBase>(&text).unwrap(),
        base
    );
    // Keys it does not know are ignored, as the derived reader did.
    let mut value: Value = serde_json::from_str(&encode_article(&a)).unwrap();
    value["later_field"] = Value::from(7);
    assert_eq!(decode_article(&value.to_string()).unwrap(), a);
    // What is not an article object is refused with a message.
    for bad in [
        "[1,2]",
        "\"text\"",
        "7",
        r#"{"added":"1970-01-01T00:00:01.000Z"}"#,
    ] {
        let e = serde_json::from_str::<StoredArticle>(bad).unwrap_err();
        assert!(!e.to_string().is_empty(), "{bad}");
    }
    let e = serde_json::from_str::<StoredArticle>(
        r#"{"id":"00000000-0000-0000-0000-000000000001","title":"T","text":"x","changed":"1970-01-01T00:00:01.000Z"}"#,
    )
    .unwrap_err();
    assert!(e.to_string().contains("missing field `added`"), "{e}");
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
}

// A synthetic history of three versions, to run the migration loop as a real version 2 will:
// version 2 renamed the article's "title" to "headline"; version 3 added "reviewed" to
// articles and annotations. Meta values never changed.

fn title_to_headline(
    store: Store,
    mut map: Map<String, Value>,
) -> Result<Map<String, Value>, RecordError> {
    if store == Store::Articles {
        let title = map
            .remove("title")
            .ok_or(RecordError::MissingField("title"))?;
        map.insert("headline".into(), title);
    }
    Ok(map)
}

fn add_reviewed(
    store: Store,
    mut map: Map<String, Value>,
) -> Result<Map<String, Value>, RecordError> {
    if store != Store::Meta {
        map.insert("reviewed".into(), Value::Bool(false));
    }
    Ok(map)
}

const SYNTHETIC: &[Migration] = &[title_to_headline, add_reviewed];

#[test]
fn the_migration_loop_upgrades_each_older_version_one_step_at_a_time() {
    let check = |store: Store, from: u64, record: Value, expected: Value| {
        assert_eq!(
            migrate_with(SYNTHETIC, store, record, from),
            Ok(expected),
            "{store} from version {from}"
        );
    };
    // Version 1 takes both steps, in order (the second sees the first's result).
    check(
        Store::Articles,
        1,
        serde_json::json!({"v": 1, "id": "a", "title": "T"}),
        serde_json::json!({"v": 3, "id": "a", "headline": "T", "reviewed": false}),
    );
    check(
        Store::Annotations,
        1,
        serde_json::json!({"v": 1, "id": "n", "title": "not an article's"}),
        serde_json::json!({"v": 3, "id": "n", "title": "not an article's", "reviewed": false}),
    );
    // Version 2 takes only the second step: it has no "title" left to rename.
    check(
        Store::Articles,
        2,
        serde_json::json!({"v": 2, "id": "a", "headline": "H"}),
        serde_json::json!({"v": 3, "id": "a", "headline": "H", "reviewed": false}),
    );
    check(
        Store::Meta,
        1,
        serde_json::json!({"v": 1, "value": {"x": 1}}),
        serde_json::json!({"v": 3, "value": {"x": 1}}),
    );
    // The last version is left as it is.
    let last = serde_json::json!({"v": 3, "id": "a", "headline": "H", "reviewed": true});
    check(Store::Articles, 3, last.clone(), last);
}

#[test]
fn the_migration_loop_refuses_newer_and_unknown_versions_and_reports_a_failed_step() {
    let newer = migrate_with(SYNTHETIC, Store::Articles, serde_json::json!({"v": 4}), 4);
    assert_eq!(
        newer,
        Err(RecordError::NewerVersion {
            found: 4,
            current: 3
        })
    );
    let message = newer.unwrap_err().to_string();
    assert!(
        message.contains("newer version") && message.contains("up to 3"),
        "{message}"
    );
    assert_eq!(
        migrate_with(SYNTHETIC, Store::Articles, serde_json::json!({"v": 0}), 0),
        Err(RecordError::UnknownVersion(0))
    );
    assert!(matches!(
        migrate_with(SYNTHETIC, Store::Articles, serde_json::json!([1]), 1),
        Err(RecordError::Corrupt(_))
    ));
    // A version 1 article without a title cannot become a version 2 one.
    let failed = migrate_with(
        SYNTHETIC,
        Store::Articles,
        serde_json::json!({"v": 1, "id": "a"}),
        1,
    );
    assert_eq!(
        failed,
        Err(RecordError::MigrationFailed {
            from: 1,
            reason: Box::new(RecordError::MissingField("title"))
        })
    );
    let message = failed.unwrap_err().to_string();
    assert!(
        message.contains("from schema 1 to schema 2") && message.contains("“title”"),
        "{message}"
    );
    // The second step fails on what the first left, and says which step it was.
    fn refuse(_: Store, _: Map<String, Value>) -> Result<Map<String, Value>, RecordError> {
        Err(RecordError::Corrupt("no".into()))
    }
    assert!(matches!(
        migrate_with(
            &[title_to_headline, refuse],
            Store::Articles,
            serde_json::json!({"v": 1, "title": "T"}),
            1
        ),
        Err(RecordError::MigrationFailed { from: 2, .. })
    ));
}

/// Issue 11, "`source_url` is checked on every path that sets it": a stored or synced article
/// whose source is not an http(s) URL is read without it.
#[test]
fn a_source_that_is_not_an_http_url_is_dropped_when_read() {
    let mut stored = article(1, "Çavuşoğlu spoke.", 5);
    stored.article.source_url = Some("javascript:alert(1)".into());
    let read = decode_article(&encode_article(&stored)).unwrap();
    assert_eq!(read.article.source_url, None);
    stored.article.source_url = Some("HTTPS://example.org/a".into());
    let read = decode_article(&encode_article(&stored)).unwrap();
    assert_eq!(
        read.article.source_url.as_deref(),
        Some("https://example.org/a")
    );
}
