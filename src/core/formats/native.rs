//! Annotator JSON: the app's own, lossless format.
//!
//! # Wire format
//!
//! ```json
//! { "format": "article-annotator", "version": 1, "exported": "2026-11-27T21:47:39.000Z",
//!   "articles": [ { "id": "…", "title": "…", "source_url": "https://…", "published": "2026-11-27",
//!                   "text": "…" } ],
//!   "annotations": [ { "id": "…", "article_id": "…", "start": 0, "end": 9,
//!                      "quote": { "exact": "…", "prefix": "…", "suffix": "…" },
//!                      "created": "…", "modified": "…", "note": "…", "tags": ["…"],
//!                      "kind": "claim", "claimant": "…", "verdict": "mostly-true",
//!                      "evidence": ["https://…"], "anchoring": "anchored" } ] }
//! ```
//!
//! Articles and annotations are written exactly as [`Article`] and [`Annotation`] serialise,
//! so every field round-trips. `docs/annotator.schema.json` is its JSON Schema.

use super::{parse_json, ImportError, ImportPlan};
use crate::core::anchor::{Anchorer, Budget, Method, IMPORT_BUDGET};
use crate::core::library::Library;
use crate::core::model::{Anchoring, Annotation, HttpUrl, Timestamp};
use crate::core::text::{canonicalize, Article};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// The value of the `format` field.
pub const FORMAT: &str = "article-annotator";

/// The version this app writes and reads.
pub const VERSION: u64 = 1;

/// The whole file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct NativeFile {
    format: String,
    version: u64,
    exported: Timestamp,
    articles: Vec<Article>,
    annotations: Vec<Annotation>,
}

/// Writes the whole library as Annotator JSON (pretty-printed), stamped `exported` = `now`.
pub fn export(library: &Library, now: Timestamp) -> String {
    let file = NativeFile {
        format: FORMAT.to_owned(),
        version: VERSION,
        exported: now,
        articles: library.articles.clone(),
        annotations: library.annotations.clone(),
    };
    // These types serialise only strings, numbers, arrays and string-keyed objects, for which
    // serde_json cannot fail.
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// Reads Annotator JSON and plans its merge into `library`, for tests and tools that have no
/// clock: times are not clamped and copies get ids derived from a fixed seed. The app calls
/// [`import_into`].
pub fn import(input: &str, library: &Library) -> Result<ImportPlan, ImportError> {
    let mut ids = super::fresh_ids([0x5e; 16]);
    import_into(
        input,
        library,
        Timestamp(i64::MAX),
        &mut ids,
        &mut |_, _| {},
    )
    .map(|r| r.0)
}

/// Reads Annotator JSON and plans its merge into `library`; also returns how many article
/// source links were dropped.
///
/// Checks, all before anything changes: size, syntax, format and version, field types (with
/// line and column), unique ids, every annotation's article present (in the file or the
/// library), offsets within the text. An `anchored` annotation whose text at its offsets no
/// longer equals its quote is re-anchored by its quote (see [`crate::core::anchor`]).
///
/// What the file claims is not taken on trust: `created` and `modified` times later than
/// `now` become `now`, an article's `source_url` that is not an `http:`/`https:` URL is
/// dropped (and counted), a capture whose hash is not the text's or whose page is not such a
/// URL is dropped (its time is clamped like the others), and an annotation whose id belongs to an annotation of another
/// article becomes a copy with an id from `fresh_id` ([`ImportPlan::new`]).
pub fn import_into(
    input: &str,
    library: &Library,
    now: Timestamp,
    fresh_id: &mut dyn FnMut() -> uuid::Uuid,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<(ImportPlan, usize), ImportError> {
    let doc = parse_json(input)?;
    if doc.get("format").and_then(serde_json::Value::as_str) != Some(FORMAT) {
        return Err(ImportError::UnknownFormat);
    }
    match doc.get("version") {
        Some(v) if v.as_u64() == Some(VERSION) => {}
        Some(v) => {
            return Err(ImportError::UnsupportedVersion {
                found: v.to_string(),
            })
        }
        None => {
            return Err(ImportError::Invalid {
                message: "the “version” field is missing".into(),
            })
        }
    }
    // Parse again from the text so that type errors carry a line and column.
    let mut file: NativeFile =
        serde_json::from_str(input).map_err(|e| ImportError::from_serde(&e))?;
    let mut sources_dropped = 0;
    for a in &mut file.articles {
        a.text = canonicalize(&a.text);
        if let Some(url) = a.source_url.take() {
            match HttpUrl::parse(&url) {
                Ok(u) => a.source_url = Some(u.as_str().to_owned()),
                Err(_) => sources_dropped += 1,
            }
        }
        // A capture is kept only when it holds: its hash is the text's and its page an
        // `http:`/`https:` URL; its time is no later than now. Otherwise it is dropped, and the
        // article is captured when it is added.
        if let Some(mut c) = a.captured.take() {
            let page = match c.from.take() {
                None => Some(None),
                Some(u) => HttpUrl::parse(&u).ok().map(|u| Some(u.as_str().to_owned())),
            };
            if let (Some(from), true) = (page, c.matches(&a.text)) {
                c.from = from;
                c.at = c.at.min(now);
                a.captured = Some(c);
            }
        }
    }
    check_unique_ids(file.articles.iter().map(|a| a.id))?;
    check_unique_ids(file.annotations.iter().map(|a| a.id))?;

    let texts: HashMap<uuid::Uuid, &str> = library
        .articles
        .iter()
        .chain(&file.articles)
        .map(|a| (a.id, a.text.as_str()))
        .collect();
    // One work budget for the whole file, whatever the number of articles it anchors on.
    let budget = Budget::new(IMPORT_BUDGET);
    let mut anchorers: HashMap<uuid::Uuid, Anchorer<'_>> = HashMap::new();
    let total = file.annotations.len();
    let mut annotations = Vec::with_capacity(total);
    for (i, a) in file.annotations.iter().enumerate() {
        progress(i, total);
        let Some(&text) = texts.get(&a.article_id) else {
            return Err(ImportError::MissingArticle {
                article: a.article_id,
            });
        };
        let anchorer = anchorers
            .entry(a.article_id)
            .or_insert_with(|| Anchorer::with_budget(text, budget.clone()));
        let len = anchorer.len_cp();
        if a.start > a.end || a.end > len {
            return Err(ImportError::OffsetsOutOfRange {
                index: i + 1,
                start: a.start as u64,
                end: a.end as u64,
                len,
            });
        }
        let mut a = a.clone();
        a.created = a.created.min(now);
        a.modified = a.modified.min(now);
        if a.anchoring == Anchoring::Anchored && anchorer.slice(a.start, a.end) != a.quote.exact {
            let found = anchorer.anchor(&a.quote, Some((a.start, a.end)));
            if found.method != Method::Orphan {
                a.start = found.start;
                a.end = found.end;
            }
            a.anchoring = found.anchoring();
        }
        annotations.push(a);
    }
    progress(total, total);
    drop(anchorers);
    let mut plan = ImportPlan::new(library, file.articles, annotations, fresh_id);
    plan.unsearched += budget.refused();
    Ok((plan, sources_dropped))
}

pub(super) fn check_unique_ids(ids: impl Iterator<Item = uuid::Uuid>) -> Result<(), ImportError> {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            return Err(ImportError::DuplicateId { id });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::formats::ImportStep;
    use crate::core::model::{Body, ClaimFields, Kind, QuoteFields, TextQuote, Verdict};
    use proptest::prelude::*;
    use uuid::Uuid;

    fn verdict() -> impl Strategy<Value = Verdict> {
        prop::sample::select(Verdict::ALL.to_vec())
    }

    fn body() -> impl Strategy<Value = Body> {
        prop_oneof![
            (
                "\\PC{0,12}",
                verdict(),
                prop::collection::vec("[a-z]{1,8}", 0..3)
            )
                // Built through `ClaimFields::new`, as every real claim is: evidence links are
                // unique in the model, and two equal hosts must not make a claim no path can.
                .prop_map(|(claimant, verdict, hosts)| Body::Claim(ClaimFields::new(
                    claimant,
                    verdict,
                    hosts
                        .iter()
                        .filter_map(|h| HttpUrl::parse(&format!("https://{h}.org/é?q=1")).ok()),
                ))),
            ("\\PC{0,12}", any::<bool>(), any::<bool>()).prop_map(|(speaker, checked, src)| {
                Body::Quote(QuoteFields {
                    speaker,
                    checked,
                    source: src.then(|| HttpUrl::parse("http://x.y/😀").ok()).flatten(),
                })
            }),
        ]
    }

    prop_compose! {
        fn library()(
            texts in prop::collection::vec("[a-zÇçğş😀“” \u{a0}\n]{1,60}", 1..4),
            spans in prop::collection::vec(
                (0usize..4, 0.0f64..1.0, 0usize..10, any::<i32>(), "\\PC{0,20}",
                 prop::collection::vec("\\PC{1,6}", 0..3), body(), 0usize..3),
                0..8),
        ) -> Library {
            let articles: Vec<Article> = texts.iter().enumerate().map(|(i, t)| {
                let mut a = Article::new(Uuid::from_u128(i as u128 + 1), &format!("Título {i} 😀"),
                    (i % 2 == 0).then(|| format!("https://news.example/{i}")), t);
                a.published = (i == 0).then(|| "2026-11-27".to_owned());
                a
            }).collect();
            let annotations = spans.iter().enumerate().filter_map(|(k, (ai, p, l, t, note, tags, body, anch))| {
                let art = articles.get(ai % articles.len())?;
                let n = art.text.chars().count();
                let s = ((n as f64) * p) as usize;
                let e = (s + l).min(n);
                let mut a = Annotation::new(Uuid::from_u128(1000 + k as u128), art.id, Kind::Claim,
                    &art.text, s, e, Timestamp(i64::from(*t) * 1000));
                a.modified = Timestamp(i64::from(*t) * 1000 + 5);
                a.note = note.clone();
                a.tags = tags.clone();
                a.body = body.clone();
                a.anchoring = [Anchoring::Anchored, Anchoring::NeedsReview, Anchoring::Orphan][anch % 3];
                if a.anchoring != Anchoring::Anchored {
                    a.quote = TextQuote { exact: format!("{}✗", a.quote.exact), ..a.quote };
                }
                Some(a)
            }).collect();
            Library { articles, annotations }
        }
    }

    /// The JSON Schema in `docs/annotator.schema.json`, compiled once.
    fn schema() -> (boon::Schemas, boon::SchemaIndex) {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/annotator.schema.json");
        let text = std::fs::read_to_string(path).expect("schema file");
        let value: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
        let url = "urn:article-annotator:schema:annotator-json:1";
        let mut compiler = boon::Compiler::new();
        compiler.enable_format_assertions();
        compiler.add_resource(url, value).expect("schema added");
        let mut schemas = boon::Schemas::new();
        let index = compiler
            .compile(url, &mut schemas)
            .expect("schema compiles");
        (schemas, index)
    }

    #[test]
    fn schema_rejects_what_import_rejects() {
        let (schemas, index) = schema();
        let good: serde_json::Value =
            serde_json::from_str(&export(&sample(), Timestamp(0))).unwrap();
        assert!(schemas.validate(&good, index).is_ok());
        for (pointer, bad) in [
            ("/version", serde_json::json!(2)),
            ("/annotations/0/start", serde_json::json!(-1)),
            ("/annotations/0/kind", serde_json::json!("opinion")),
            ("/annotations/0/verdict", serde_json::json!("pants-on-fire")),
            (
                "/annotations/0/evidence",
                serde_json::json!(["javascript:alert(1)"]),
            ),
            ("/articles/0/id", serde_json::json!("not-a-uuid")),
        ] {
            let mut v = good.clone();
            if let Some(slot) = v.pointer_mut(pointer) {
                *slot = bad;
            }
            assert!(schemas.validate(&v, index).is_err(), "{pointer} accepted");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn exports_validate_against_the_json_schema(lib in library()) {
            let (schemas, index) = schema();
            let v: serde_json::Value = serde_json::from_str(&export(&lib, Timestamp(0))).unwrap();
            prop_assert!(schemas.validate(&v, index).is_ok());
        }

        #[test]
        fn export_then_import_gives_back_the_same_library(lib in library()) {
            let json = export(&lib, Timestamp(1_800_000_000_000));
            let plan = import(&json, &Library::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(plan.articles.iter().all(|(a, _)| *a == ImportStep::Add));
            let back = plan.apply(&Library::default());
            prop_assert_eq!(&back, &lib);
            // Importing into the same library changes nothing.
            let again = import(&json, &lib).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(again.annotations.iter().all(|(a, _)| *a == ImportStep::Keep));
            prop_assert_eq!(again.apply(&lib), lib);
        }
    }

    fn sample() -> Library {
        let art = Article::new(
            Uuid::from_u128(1),
            "T",
            None,
            "We share goals. Çavuşoğlu said.",
        );
        let a = Annotation::new(
            Uuid::from_u128(9),
            art.id,
            Kind::Claim,
            &art.text,
            16,
            25,
            Timestamp(1000),
        );
        Library {
            articles: vec![art],
            annotations: vec![a],
        }
    }

    #[test]
    fn later_modified_wins_and_stale_offsets_are_reanchored() {
        let lib = sample();
        let mut newer = lib.clone();
        if let Some(a) = newer.annotations.get_mut(0) {
            a.note = "newer".into();
            a.modified = Timestamp(2000);
            a.start = 0;
            a.end = 9; // stale: the text there is "We share ", not "Çavuşoğlu"
        }
        let plan = import(&export(&newer, Timestamp(0)), &lib).unwrap();
        assert_eq!(plan.summary().annotations_updated, 1);
        let out = plan.apply(&lib);
        assert_eq!(out.annotations[0].note, "newer");
        assert_eq!((out.annotations[0].start, out.annotations[0].end), (16, 25));
        assert_eq!(out.annotations[0].anchoring, Anchoring::Anchored);
        // The older one does not overwrite the newer.
        let back = import(&export(&lib, Timestamp(0)), &out).unwrap();
        assert_eq!(back.summary().annotations_kept, 1);
        assert_eq!(back.apply(&out), out);
    }

    #[test]
    fn replacing_an_article_text_reanchors_its_other_annotations() {
        let lib = sample();
        let mut file = Library::default();
        let mut art = lib.articles[0].clone();
        art.text = "Intro. We share goals. Çavuşoğlu said.".into();
        file.articles.push(art);
        let plan = import(&export(&file, Timestamp(0)), &lib).unwrap();
        assert_eq!(plan.articles[0].0, ImportStep::Update);
        let out = plan.apply(&lib);
        assert_eq!(out.annotations.len(), 1);
        assert_eq!((out.annotations[0].start, out.annotations[0].end), (23, 32));
    }

    #[test]
    fn validation_errors() {
        let lib = sample();
        let json = export(&lib, Timestamp(0));
        let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
        v["annotations"][0]["end"] = 999.into();
        assert!(matches!(
            import(&v.to_string(), &lib),
            Err(ImportError::OffsetsOutOfRange {
                index: 1,
                end: 999,
                ..
            })
        ));
        let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
        v["annotations"][0]["article_id"] = Uuid::from_u128(77).to_string().into();
        assert!(matches!(
            import(&v.to_string(), &Library::default()),
            Err(ImportError::MissingArticle { .. })
        ));
        let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let dup = v["annotations"][0].clone();
        v["annotations"].as_array_mut().unwrap().push(dup);
        assert_eq!(
            import(&v.to_string(), &lib),
            Err(ImportError::DuplicateId {
                id: Uuid::from_u128(9)
            })
        );
    }

    /// Issue 12: an article's capture travels in Annotator JSON and comes back only when it
    /// holds (the hash is the text's, the page an http(s) URL), its time no later than now.
    #[test]
    fn captures_travel_and_come_back_only_when_they_hold() {
        use crate::core::text::Capture;
        let now = Timestamp(5000);
        let file = sample();
        let text = file.articles[0].text.clone();
        let good = Capture {
            at: Timestamp(32_000_000_000_000),
            from: Some("https://news.example/a".into()),
            sha256: crate::core::text::sha256_hex(&text),
        };
        let back = |c: Capture| {
            let mut f = file.clone();
            f.articles[0].captured = Some(c);
            let exported = export(&f, now);
            assert!(exported.contains("\"captured\""), "{exported}");
            let mut ids = crate::core::formats::fresh_ids([1; 16]);
            let (plan, _) = import_into(
                &exported,
                &Library::default(),
                now,
                &mut ids,
                &mut |_, _| {},
            )
            .unwrap();
            plan.apply(&Library::default()).articles[0].captured.clone()
        };
        let kept = back(good.clone()).expect("a capture that holds is kept");
        assert_eq!(kept.sha256, good.sha256);
        assert_eq!(kept.from, good.from);
        assert_eq!(kept.at, now, "a capture from the future is clamped to now");
        let wrong_hash = Capture {
            sha256: crate::core::text::sha256_hex("another text"),
            ..good.clone()
        };
        assert_eq!(back(wrong_hash), None);
        let wrong_page = Capture {
            from: Some("javascript:alert(1)".into()),
            ..good.clone()
        };
        assert_eq!(back(wrong_page), None);
    }

    /// The same article captured at another time (another profile's sample) is kept as the
    /// library has it, not updated.
    #[test]
    fn an_article_that_differs_only_in_its_capture_is_kept() {
        let lib = sample();
        let mut file = lib.clone();
        file.articles[0].captured = Some(crate::core::text::Capture::of(
            &file.articles[0],
            Timestamp(7),
        ));
        let plan = import(&export(&file, Timestamp(9)), &lib).unwrap();
        assert_eq!(plan.summary().articles_updated, 0);
        assert_eq!(plan.summary().articles_kept, 1);
        assert_eq!(plan.apply(&lib).articles[0], lib.articles[0]);
    }

    /// Issue 11: a file cannot claim times later than now, so it cannot pin an article first
    /// forever or win every later merge.
    #[test]
    fn times_later_than_now_are_clamped_to_now() {
        let lib = sample();
        let mut file = lib.clone();
        if let Some(a) = file.annotations.get_mut(0) {
            a.note = "from the future".into();
            a.created = Timestamp(32_000_000_000_000);
            a.modified = Timestamp(32_000_000_000_000);
        }
        let now = Timestamp(5000);
        let mut ids = crate::core::formats::fresh_ids([1; 16]);
        let (plan, _) =
            import_into(&export(&file, now), &lib, now, &mut ids, &mut |_, _| {}).unwrap();
        let out = plan.apply(&lib);
        assert_eq!(out.annotations[0].note, "from the future");
        assert_eq!(
            (out.annotations[0].created, out.annotations[0].modified),
            (now, now)
        );
        // A later edit made elsewhere now wins over it, as it would not over the file's
        // claimed date.
        let mut edited = lib.clone();
        edited.annotations[0].note = "edited later".into();
        edited.annotations[0].modified = Timestamp(6000);
        let later = Timestamp(7000);
        let (next, _) = import_into(
            &export(&edited, later),
            &out,
            later,
            &mut ids,
            &mut |_, _| {},
        )
        .unwrap();
        assert_eq!(next.summary().annotations_updated, 1);
        assert_eq!(next.apply(&out).annotations[0].note, "edited later");
    }

    /// Issue 11: an annotation whose id belongs to another article's annotation is imported
    /// as a copy with a new id; the existing one stays where it is.
    #[test]
    fn an_id_of_another_articles_annotation_is_copied_not_moved() {
        let lib = sample();
        let other = Article::new(Uuid::from_u128(2), "Other", None, "We share goals too.");
        let mut file = Library {
            articles: vec![other.clone()],
            annotations: Vec::new(),
        };
        let mut stolen = lib.annotations[0].clone();
        stolen.article_id = other.id;
        stolen.start = 0;
        stolen.end = 8;
        stolen.quote = TextQuote::from_span(&other.text, 0, 8);
        stolen.modified = Timestamp(9000);
        file.annotations.push(stolen);
        let now = Timestamp(10_000);
        let mut ids = crate::core::formats::fresh_ids([7; 16]);
        let (plan, _) =
            import_into(&export(&file, now), &lib, now, &mut ids, &mut |_, _| {}).unwrap();
        assert_eq!(plan.summary().annotations_added, 1);
        let out = plan.apply(&lib);
        assert_eq!(out.annotations.len(), 2);
        // The existing annotation is untouched.
        assert_eq!(out.annotations[0], lib.annotations[0]);
        let copy = &out.annotations[1];
        assert_ne!(copy.id, lib.annotations[0].id);
        assert_eq!(copy.article_id, other.id);
        assert_eq!((copy.start, copy.end), (0, 8));
    }

    /// Issue 11: an imported article's source must be an http or https URL; any other is
    /// dropped, never stored, and the preview says so.
    #[test]
    fn sources_that_are_not_http_urls_are_dropped() {
        let mut file = Library::default();
        for (n, url) in [
            (1, "javascript:alert(document.domain)"),
            (2, "not a url"),
            (3, " HTTPS://news.example/ok "),
        ] {
            file.articles.push(Article::new(
                Uuid::from_u128(n),
                "T",
                Some(url.to_owned()),
                "Text.",
            ));
        }
        let now = Timestamp(0);
        let lib = Library::default();
        let mut ids = crate::core::formats::fresh_ids([0; 16]);
        let (plan, dropped) =
            import_into(&export(&file, now), &lib, now, &mut ids, &mut |_, _| {}).unwrap();
        assert_eq!(dropped, 2);
        let out = plan.apply(&lib);
        let sources: Vec<Option<&str>> = out
            .articles
            .iter()
            .map(|a| a.source_url.as_deref())
            .collect();
        assert_eq!(sources, [None, None, Some("https://news.example/ok")]);
        let lines = plan.preview_lines(&lib, dropped);
        assert_eq!(
            lines.last().map(String::as_str),
            Some("2 source links were dropped: they are not http or https addresses.")
        );
        assert_eq!(
            plan.preview_lines(&lib, 1).last().map(String::as_str),
            Some("1 source link was dropped: it is not an http or https address.")
        );
    }

    /// Issue 11: the preview names, by title, every article whose text the file replaces.
    #[test]
    fn the_preview_names_the_articles_whose_text_is_replaced() {
        let mut lib = sample();
        lib.articles
            .push(Article::new(Uuid::from_u128(2), "Second", None, "Two."));
        lib.articles
            .push(Article::new(Uuid::from_u128(3), "Third", None, "Three."));
        let mut file = Library::default();
        let mut first = lib.articles[0].clone();
        first.text = "Replaced.".into();
        first.title = "Renamed in the file".into();
        let mut second = lib.articles[1].clone();
        second.text = "Also replaced.".into();
        // Same text, new title: no text replaced.
        let mut third = lib.articles[2].clone();
        third.title = "Only renamed".into();
        file.articles = vec![first, second, third];
        let plan = import(&export(&file, Timestamp(0)), &lib).unwrap();
        assert_eq!(plan.replaced_titles(&lib), ["T", "Second"]);
        let lines = plan.preview_lines(&lib, 0);
        assert!(
            lines.contains(&"Replaces the text of “T” and “Second”.".to_owned()),
            "{lines:?}"
        );
    }
}
