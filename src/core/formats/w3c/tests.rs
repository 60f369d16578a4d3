use super::*;
use crate::core::model::{ClaimFields, HttpUrl, QuoteFields};
use crate::core::offsets::slice_cp;

const TEXT: &str = "Minister Çavuşoğlu\u{a0} stated “we share 😀 goals”. More than 19,000 strikes.";

/// The time the tests import at: later than every date in their files.
const NOW: Timestamp = Timestamp(4_000_000_000_000);

fn library() -> Library {
    let art = Article::new(
        Uuid::from_u128(1),
        "Coalition",
        Some("https://news.example/c".into()),
        TEXT,
    );
    let mut claim = Annotation::new(
        Uuid::from_u128(2),
        art.id,
        Kind::Claim,
        TEXT,
        57,
        63,
        Timestamp(1_795_000_000_000),
    );
    claim.note = "Check the MoD figures.".into();
    claim.tags = vec!["Syria".into(), "strikes".into()];
    claim.body = Body::Claim(ClaimFields {
        claimant: "Çavuşoğlu".into(),
        verdict: Verdict::MostlyFalse,
        evidence: HttpUrl::parse("https://mod.example/x")
            .into_iter()
            .collect(),
    });
    let mut quote = Annotation::new(
        Uuid::from_u128(3),
        art.id,
        Kind::Quote,
        TEXT,
        28,
        46,
        Timestamp(1_795_000_000_000),
    );
    quote.body = Body::Quote(QuoteFields {
        speaker: "Mevlüt Çavuşoğlu".into(),
        checked: true,
        source: HttpUrl::parse("https://video.example/1").ok(),
    });
    // An unattached one: its own export must keep it so.
    let mut orphan = Annotation::new(
        Uuid::from_u128(4),
        art.id,
        Kind::Claim,
        TEXT,
        0,
        8,
        Timestamp(0),
    );
    orphan.quote.exact = "Prime Minister".into();
    orphan.anchoring = Anchoring::Orphan;
    Library {
        articles: vec![art],
        annotations: vec![claim, quote, orphan],
    }
}

fn exported(lib: &Library) -> Value {
    let s = export(lib, &lib.annotations, Uuid::from_u128(0xC0), "Coalition");
    serde_json::from_str(&s).unwrap_or_default()
}

/// The MUSTs of the Web Annotation Data Model (sections 3.1, 3.2, 4.2.4, 4.2.6, 5) that an
/// export can break.
fn check_annotation_musts(a: &Value) {
    let ctx = &a["@context"];
    assert!(
        ctx == CONTEXT
            || ctx
                .as_array()
                .is_some_and(|c| c.iter().any(|x| x == CONTEXT)),
        "@context: {ctx}"
    );
    let id = a["id"].as_str().unwrap_or("");
    assert!(
        id.starts_with("urn:uuid:") && Uuid::parse_str(&id[9..]).is_ok(),
        "id {id}"
    );
    assert_eq!(a["type"], "Annotation");
    assert!(a.get("bodyValue").is_none() || a.get("body").is_none());
    for t in ["created", "modified"] {
        let v = a[t].as_str().unwrap_or("");
        assert!(
            Timestamp::parse_rfc3339(v).is_some() && v.ends_with('Z'),
            "{t}: {v}"
        );
    }
    let motivations = [
        "assessing",
        "bookmarking",
        "classifying",
        "commenting",
        "describing",
        "editing",
        "highlighting",
        "identifying",
        "linking",
        "moderating",
        "questioning",
        "replying",
        "tagging",
    ];
    assert!(motivations.contains(&a["motivation"].as_str().unwrap_or("")));
    for b in a["body"].as_array().map(Vec::as_slice).unwrap_or(&[]) {
        assert_eq!(b["type"], "TextualBody");
        assert!(b["value"].is_string(), "TextualBody without value: {b}");
        assert!(motivations.contains(&b["purpose"].as_str().unwrap_or("")));
    }
    let target = &a["target"];
    assert!(target.is_object(), "target is required");
    assert!(target["source"].as_str().is_some_and(|s| s.contains(':')));
    let selectors = target["selector"].as_array().cloned().unwrap_or_default();
    let quote = selectors.iter().find(|s| s["type"] == "TextQuoteSelector");
    let pos = selectors
        .iter()
        .find(|s| s["type"] == "TextPositionSelector");
    let Some(quote) = quote else {
        panic!("a TextQuoteSelector is required: {target}");
    };
    assert!(quote["exact"].is_string());
    // An orphan is on no text: it has no position. Every other annotation has both.
    if a["annotator:fields"]["anchoring"] == "orphan" {
        assert!(pos.is_none(), "an orphan has no position: {target}");
        return;
    }
    let Some(pos) = pos else {
        panic!("both selectors are required: {target}");
    };
    let (s, e) = (pos["start"].as_u64(), pos["end"].as_u64());
    assert!(matches!((s, e), (Some(s), Some(e)) if s <= e), "{pos}");
}

/// The two selectors of `a`'s target select the same text of `text`: `exact`, `prefix` and
/// `suffix` are the text at `start..end` and around it. `None` for an orphan (no position).
fn selected_text(a: &Value, text: &str) -> Option<(usize, usize)> {
    let selectors = a["target"]["selector"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let quote = selectors
        .iter()
        .find(|s| s["type"] == "TextQuoteSelector")?;
    let pos = selectors
        .iter()
        .find(|s| s["type"] == "TextPositionSelector")?;
    let s = pos["start"].as_u64()? as usize;
    let e = pos["end"].as_u64()? as usize;
    assert_eq!(quote["exact"], slice_cp(text, s, e), "{a}");
    assert_eq!(
        quote["prefix"],
        slice_cp(text, s.saturating_sub(32), s),
        "{a}"
    );
    assert_eq!(quote["suffix"], slice_cp(text, e, e + 32), "{a}");
    Some((s, e))
}

#[test]
fn export_meets_the_model_musts() {
    let doc = exported(&library());
    assert_eq!(doc["@context"], CONTEXT);
    assert_eq!(doc["type"], "AnnotationCollection");
    assert!(doc["id"]
        .as_str()
        .is_some_and(|s| s.starts_with("urn:uuid:")));
    assert_eq!(doc["total"], 3);
    let page = &doc["first"];
    assert_eq!(page["type"], "AnnotationPage");
    assert!(page["id"].is_string());
    let items = page["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(items.len(), 3);
    for a in &items {
        check_annotation_musts(a);
        selected_text(a, TEXT);
    }
    let claim = &items[0];
    assert_eq!(claim["motivation"], "assessing");
    assert_eq!(items[1]["motivation"], "classifying");
    assert_eq!(claim["target"]["source"], "https://news.example/c");
    let purposes: Vec<(&str, &str)> = claim["body"]
        .as_array()
        .map(|b| {
            b.iter()
                .map(|x| {
                    (
                        x["purpose"].as_str().unwrap_or(""),
                        x["value"].as_str().unwrap_or(""),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        purposes,
        vec![
            ("tagging", "claim"),
            ("tagging", "Syria"),
            ("tagging", "strikes"),
            ("commenting", "Check the MoD figures."),
            ("assessing", "Mostly false"),
        ]
    );
    assert_eq!(claim["target"]["selector"][0]["exact"], "19,000");
    assert_eq!(claim["target"]["selector"][1]["start"], 57);
    assert_eq!(slice_cp(TEXT, 57, 63), "19,000");
}

#[test]
fn own_export_round_trips_losslessly() {
    let lib = library();
    let s = export(&lib, &lib.annotations, Uuid::from_u128(0xC0), "x");
    let target = Library {
        articles: lib.articles.clone(),
        annotations: Vec::new(),
    };
    let plan = import(&s, &target, Uuid::from_u128(1), NOW).unwrap();
    assert_eq!(plan.apply(&target), lib);
}

#[test]
fn hypothesis_annotation_is_read() {
    let lib = library();
    let h = r#"{"id": "Qw3rTy", "created": "2026-11-27T10:00:00.000000+00:00",
        "updated": "2026-11-27T11:00:00.000000+00:00", "uri": "https://news.example/c",
        "text": "Is this sourced?", "tags": ["syria", "numbers"],
        "target": [{"source": "https://news.example/c", "selector": [
            {"type": "RangeSelector", "startContainer": "/p[1]", "startOffset": 0,
             "endContainer": "/p[1]", "endOffset": 6},
            {"type": "TextPositionSelector", "start": 58, "end": 64},
            {"type": "TextQuoteSelector", "exact": "19,000", "prefix": "More than ", "suffix": " strikes"}]}]}"#;
    let plan = import(h, &lib, Uuid::from_u128(1), NOW).unwrap();
    let a = &plan.annotations[0].1;
    // Hypothesis counts UTF-16 units: the stale position is corrected by the quote.
    assert_eq!((a.start, a.end, a.anchoring), (57, 63, Anchoring::Anchored));
    assert_eq!(a.note, "Is this sourced?");
    assert_eq!(a.tags, vec!["syria", "numbers"]);
    assert_eq!(a.kind(), Kind::Claim);
    assert_eq!(
        a.modified,
        Timestamp::parse_rfc3339("2026-11-27T11:00:00Z").unwrap()
    );
    // The id is stable across imports.
    let again = import(h, &lib, Uuid::from_u128(1), Timestamp(NOW.0 + 5)).unwrap();
    assert_eq!(again.annotations[0].1.id, a.id);
}

#[test]
fn recogito_page_is_read() {
    let lib = library();
    let r = r##"{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationPage", "items": [
        {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation", "id": "#a1",
         "body": [{"type": "TextualBody", "purpose": "tagging", "value": "Quote"},
                  {"type": "TextualBody", "purpose": "commenting", "value": "Verify on video"},
                  {"type": "TextualBody", "value": "untyped note"}],
         "target": {"selector": [{"type": "TextQuoteSelector", "exact": "we share 😀 goals"},
                                 {"type": "TextPositionSelector", "start": 28, "end": 45}]}},
        {"type": "Annotation", "body": {"type": "TextualBody", "purpose": "assessing", "value": "False"},
         "target": {"selector": {"type": "TextQuoteSelector", "exact": "20,000 strikes"}}}]}"##;
    let plan = import(r, &lib, Uuid::from_u128(1), NOW).unwrap();
    let q = &plan.annotations[0].1;
    assert_eq!(q.kind(), Kind::Quote);
    assert_eq!(slice_cp(TEXT, q.start, q.end), "we share 😀 goals");
    assert_eq!(q.note, "Verify on video\n\nuntyped note");
    let c = &plan.annotations[1].1;
    assert_eq!(c.claim().map(|c| c.verdict), Some(Verdict::False));
    // "20,000" is not in the text: a fuzzy match to "19,000 strikes", for review.
    assert_eq!(c.anchoring, Anchoring::NeedsReview);
    assert_eq!(slice_cp(TEXT, c.start, c.end), "19,000 strikes");
}

#[test]
fn import_refusals() {
    let lib = library();
    let imp = |s: &str| import(s, &lib, Uuid::from_u128(1), NOW);
    assert_eq!(
        imp(
            r#"{"type":"Annotation","target":{"source":"https://x.y/img.png","selector":{"type":"FragmentSelector","value":"xywh=1,2,3,4"}}}"#
        ),
        Err(ImportError::TargetNotText { index: 1 })
    );
    assert!(matches!(
        imp(
            r#"[{"type":"Annotation","target":{"selector":{"type":"TextPositionSelector","start":5,"end":5000}}}]"#
        ),
        Err(ImportError::OffsetsOutOfRange {
            index: 1,
            end: 5000,
            ..
        })
    ));
    assert!(matches!(
        imp(
            r#"{"type":"Annotation","target":{"selector":{"type":"TextPositionSelector","start":1e300,"end":2}}}"#
        ),
        Err(ImportError::Invalid { .. })
    ));
    assert_eq!(
        imp(r#"{"type":"AnnotationCollection","first":"https://x.y/page1"}"#).map(|_| ()),
        Err(ImportError::Invalid {
            message: "the collection's first page is not included in the file".into()
        })
    );
    assert_eq!(
        import("[]", &lib, Uuid::from_u128(9), NOW).map(|_| ()),
        Err(ImportError::MissingArticle {
            article: Uuid::from_u128(9)
        })
    );
}

/// Defect 1 of issue 10, "W3C selectors must describe one segment": an annotation anchored
/// approximately (its imported quote has a typo) was exported with the document's position
/// but the imported quote as `exact`.
#[test]
fn selectors_describe_one_segment_after_an_approximate_match() {
    let lib = library();
    let typo = "stated “we share 😁 goals”";
    let file = json!({
        "@context": CONTEXT,
        "type": "Annotation",
        "id": format!("urn:uuid:{}", Uuid::from_u128(0x77)),
        "target": { "selector": [
            { "type": "TextQuoteSelector", "exact": typo, "prefix": "Çavuşoğlu\u{a0} ", "suffix": ". More" },
        ] },
    })
    .to_string();
    let plan = import(&file, &lib, Uuid::from_u128(1), NOW).unwrap();
    let next = plan.apply(&lib);
    let imported = next.annotation(Uuid::from_u128(0x77)).unwrap();
    assert_eq!(imported.anchoring, Anchoring::NeedsReview);
    assert_eq!(
        slice_cp(TEXT, imported.start, imported.end),
        "stated “we share 😀 goals”"
    );
    // The model keeps the quote as imported, for the reviewer.
    assert_eq!(imported.quote.exact, typo);

    let doc = exported(&next);
    let items = doc["first"]["items"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let item = items
        .iter()
        .find(|a| a["id"] == format!("urn:uuid:{}", Uuid::from_u128(0x77)))
        .unwrap();
    check_annotation_musts(item);
    let (s, e) = selected_text(item, TEXT).expect("both selectors");
    assert_eq!((s, e), (imported.start, imported.end));
    // The imported quote travels in the extension.
    let ext = &item["annotator:fields"]["quote"];
    assert_eq!(ext["exact"], typo);
    assert_eq!(ext["prefix"], "Çavuşoğlu\u{a0} ");
    assert_eq!(ext["suffix"], ". More");

    // And comes back from it: the round trip loses nothing.
    let s = export(&next, &next.annotations, Uuid::from_u128(0xC0), "x");
    let empty = Library {
        articles: next.articles.clone(),
        annotations: Vec::new(),
    };
    let back = import(&s, &empty, Uuid::from_u128(1), Timestamp(NOW.0 + 9)).unwrap();
    assert_eq!(back.apply(&empty), next);
}

#[test]
fn an_orphan_keeps_its_own_quote_and_no_position() {
    let lib = library();
    let orphan = lib.annotation(Uuid::from_u128(4)).unwrap();
    let item = annotation_to_w3c(orphan, lib.article(orphan.article_id));
    check_annotation_musts(&item);
    let selectors = item["target"]["selector"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(selectors.len(), 1, "{item}");
    assert_eq!(selectors[0]["exact"], "Prime Minister");
    assert_eq!(
        item["annotator:fields"]["lastKnownPosition"],
        json!({ "start": 0, "end": 8 })
    );
    assert!(item["annotator:fields"].get("quote").is_none());
}

/// Issue 11: `created` and `modified` later than now are clamped to now.
#[test]
fn times_later_than_now_are_clamped_to_now() {
    let lib = library();
    let doc = json!({
        "@context": CONTEXT, "type": "Annotation", "id": "urn:uuid:00000000-0000-4000-8000-0000000000aa",
        "created": "2999-01-01T00:00:00Z", "modified": "2999-06-01T00:00:00Z",
        "target": { "source": "https://news.example/c",
                    "selector": { "type": "TextQuoteSelector", "exact": "19,000 strikes" } },
    });
    let now = Timestamp(1_796_000_000_000);
    let mut ids = super::super::fresh_ids([2; 16]);
    let plan = import_into(
        &doc.to_string(),
        &lib,
        Uuid::from_u128(1),
        now,
        &mut ids,
        &mut |_, _| {},
    )
    .unwrap();
    let (_, a) = &plan.annotations[0];
    assert_eq!((a.created, a.modified), (now, now));
    // Times in the past are kept as they are.
    let past = doc.to_string().replace("2999", "2020");
    let plan = import_into(
        &past,
        &lib,
        Uuid::from_u128(1),
        now,
        &mut ids,
        &mut |_, _| {},
    )
    .unwrap();
    assert!(plan.annotations[0].1.modified < now);
}

/// Issue 11: a W3C annotation whose id is that of an annotation on another article is added
/// as a copy with a new id; the existing annotation does not move.
#[test]
fn an_id_of_another_articles_annotation_is_copied_not_moved() {
    let mut lib = library();
    let other = Article::new(Uuid::from_u128(5), "Other", None, "We share goals. Really.");
    lib.articles.push(other.clone());
    let doc = json!({
        "@context": CONTEXT, "type": "Annotation",
        "id": format!("urn:uuid:{}", Uuid::from_u128(2)),
        "modified": "2026-01-01T00:00:00Z",
        "target": { "source": "urn:uuid:5",
                    "selector": { "type": "TextQuoteSelector", "exact": "Really" } },
    });
    let now = Timestamp(1_796_000_000_000);
    let mut ids = super::super::fresh_ids([3; 16]);
    let plan = import_into(
        &doc.to_string(),
        &lib,
        other.id,
        now,
        &mut ids,
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!(plan.summary().annotations_added, 1);
    let out = plan.apply(&lib);
    assert_eq!(out.annotations.len(), lib.annotations.len() + 1);
    assert_eq!(
        out.annotation(Uuid::from_u128(2)),
        lib.annotation(Uuid::from_u128(2))
    );
    let copy = out.annotations.last().unwrap();
    assert_ne!(copy.id, Uuid::from_u128(2));
    assert_eq!(copy.article_id, other.id);
    assert_eq!(copy.quote.exact, "Really");
}

/// A W3C file of quotes found nowhere, each asking for a long approximate search: the import
/// ends, every annotation arrives as an orphan, and the preview says how many quotes the work
/// budget left unsearched.
#[test]
fn a_file_asking_for_too_much_searching_is_imported_within_the_budget() {
    let text: String = (0..2000)
        .map(|i| {
            format!(
                "Paragraph {i} reports figure {} from the ministry. ",
                i * 13
            )
        })
        .collect();
    let art = Article::new(Uuid::from_u128(1), "Long", None, &text);
    let lib = Library {
        articles: vec![art.clone()],
        annotations: Vec::new(),
    };
    let items: Vec<Value> = (0..400)
        .map(|i| {
            let exact = format!("{i} is nowhere in the text. ").repeat(12);
            json!({
                "@context": "http://www.w3.org/ns/anno.jsonld",
                "type": "Annotation",
                "id": format!("urn:uuid:{}", Uuid::from_u128(1000 + i)),
                "target": { "selector": { "type": "TextQuoteSelector", "exact": exact } },
            })
        })
        .collect();
    let file = json!({ "@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection",
        "first": { "type": "AnnotationPage", "items": items } });
    let plan = import(&file.to_string(), &lib, art.id, NOW).expect("the file is valid");
    assert_eq!(plan.annotations.len(), 400);
    assert!(plan
        .annotations
        .iter()
        .all(|(_, a)| a.anchoring == Anchoring::Orphan));
    assert!(
        plan.unsearched > 0 && plan.unsearched < 400,
        "{}",
        plan.unsearched
    );
    let lines = plan.preview_lines(&lib, 0);
    let expected = format!("{} quotes were not searched for", plan.unsearched);
    assert!(lines.iter().any(|l| l.starts_with(&expected)), "{lines:?}");
}

#[test]
fn a_captured_article_dates_its_targets_with_a_time_state() {
    let mut lib = library();
    // Not captured (stored before captures were kept): no state.
    let plain = annotation_to_w3c(&lib.annotations[0], Some(&lib.articles[0]));
    assert!(plain["target"].get("state").is_none());
    let at = Timestamp(1_795_000_000_000);
    lib.articles[0].captured = Some(crate::core::text::Capture::of(&lib.articles[0], at));
    let doc = exported(&lib);
    let items = doc["first"]["items"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!items.is_empty());
    for a in &items {
        check_annotation_musts(a);
        assert_eq!(a["target"]["state"]["type"], "TimeState");
        assert_eq!(
            a["target"]["state"]["sourceDate"],
            serde_json::to_value(at).unwrap()
        );
        assert_eq!(a["target"]["source"], "https://news.example/c");
    }
}
