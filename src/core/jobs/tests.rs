use super::*;
use crate::core::formats::ImportStep;
use crate::core::model::{Annotation, Kind};
use crate::core::storage::{apply_written_batch, sync_batches};
use crate::core::text::Article;

const NOW: Timestamp = Timestamp(1_700_000_000_000);

fn article(id: u128, text: &str) -> Article {
    Article::new(Uuid::from_u128(id), &format!("Article {id}"), None, text)
}

/// A library of one article with `n` annotations on successive words.
fn library(n: usize) -> Library {
    let words: Vec<String> = (0..n.max(1)).map(|i| format!("word{i}")).collect();
    let art = article(1, &words.join(" "));
    let mut annotations = Vec::new();
    let mut start = 0;
    for (i, w) in words.iter().enumerate().take(n) {
        let len = w.chars().count();
        annotations.push(Annotation::new(
            Uuid::from_u128(100 + i as u128),
            art.id,
            Kind::Claim,
            &art.text,
            start,
            start + len,
            Timestamp(1_000),
        ));
        start += len + 1;
    }
    Library {
        articles: vec![art],
        annotations,
    }
}

/// Runs `job` after a round trip through JSON, as the worker receives it, and returns the
/// output after another, as the page receives it, with every progress report.
fn check(job: Job) -> (JobOutput, Vec<Progress>) {
    let text = serde_json::to_string(&Request { id: 7, job }).expect("a job serialises");
    let request: Request = serde_json::from_str(&text).expect("a job deserialises");
    let mut reports = Vec::new();
    let out = run(request.job, &mut |p| reports.push(p));
    let reply = Reply {
        id: request.id,
        body: ReplyBody::Done(out.clone()),
    };
    let text = serde_json::to_string(&reply).expect("an output serialises");
    let back: Reply = serde_json::from_str(&text).expect("an output deserialises");
    // A preview's plan stays in the worker: everything else survives the wire unchanged.
    let mut expected = out.clone();
    if let JobOutput::Planned(p) = &mut expected {
        assert!(
            !text.contains("\"plan\""),
            "the plan does not travel: {text}"
        );
        p.plan = ImportPlan::default();
    }
    assert_eq!(
        back.body,
        ReplyBody::Done(expected),
        "the reply survives the wire"
    );
    (out, reports)
}

fn export(lib: &Library, format: ExportFormat) -> ExportWire {
    let (out, _) = check(Job::Export {
        library: Source::Sent(lib.clone()),
        format,
        article: None,
        settings: ExportSettings::default(),
        now: NOW,
        id: Uuid::from_u128(9),
    });
    match out {
        JobOutput::Exported(f) => f,
        other => panic!("expected an export, got {other:?}"),
    }
}

#[test]
fn export_through_run_is_the_formats_export() {
    let lib = library(3);
    for format in ExportFormat::ALL {
        let f = export(&lib, format);
        let direct = formats::export_file(
            &lib,
            format,
            None,
            &ExportSettings::default(),
            NOW,
            Uuid::from_u128(9),
        );
        assert_eq!(f, ExportWire::from(direct), "{format:?}");
    }
}

#[test]
fn native_import_plans_then_applies_to_the_exported_library() {
    let lib = library(5);
    let file = export(&lib, ExportFormat::Native);
    let (out, reports) = check(Job::Import {
        file_name: "backup.json".into(),
        text: file.content,
        library: Source::Sent(Library::default()),
        target: ImportTarget::Detect { open: None },
        now: NOW,
        seed: [1; 16],
    });
    let JobOutput::Planned(planned) = out else {
        panic!("expected a plan, got {out:?}")
    };
    assert_eq!(planned.format, Format::Native);
    assert_eq!(planned.plan.articles.len(), 1);
    assert_eq!(planned.plan.annotations.len(), 5);
    assert!(planned
        .plan
        .annotations
        .iter()
        .all(|(s, _)| *s == ImportStep::Add));
    assert!(!planned.lines.is_empty(), "the preview has lines");
    assert_eq!(reports.last(), Some(&Progress { done: 5, total: 5 }));

    let (out, _) = check(Job::ApplyImport {
        file_name: "backup.json".into(),
        plan: PlanSource::Plan(planned.plan),
        format: planned.format,
        attached_to: None,
        open: Uuid::from_u128(999),
        base: Source::Sent(StoredBase::default()),
        now: NOW,
        save: true,
    });
    let JobOutput::Imported(Applied {
        writes,
        message,
        open,
    }) = out
    else {
        panic!("expected an applied import, got {out:?}")
    };
    // The writes, applied as the page applies them once the worker has written them, give
    // the exported library back.
    let mut stored = StoredLibrary::default();
    for batch in sync_batches(&writes) {
        let applied = apply_written_batch(&mut stored, &StoredLibrary::default(), &batch);
        assert!(applied.ignored.is_empty(), "{:?}", applied.ignored);
    }
    assert_eq!(Library::from_stored(&stored), lib);
    assert!(writes.deletes.is_empty());
    assert_eq!(writes.puts.len(), 6, "one article and five annotations");
    assert!(stored
        .articles
        .values()
        .all(|a| a.added == NOW && a.changed == NOW));
    assert!(message.contains("backup.json"), "{message}");
    assert_eq!(open, Some(Uuid::from_u128(1)), "the imported article opens");
}

#[test]
fn applying_writes_only_what_changes_never_a_protected_key_and_keeps_added_times() {
    let lib = library(3);
    let earlier = Timestamp(5_000);
    let mut stored = lib.to_stored(&StoredLibrary::default(), earlier);
    // An unreadable record sits under the id of the second annotation.
    let protected_id = lib.annotations[1].id.to_string();
    let protected = Protected::from_keys([(Store::Annotations, protected_id.clone())]);
    stored.annotations.remove(&lib.annotations[1].id);
    let base = StoredBase::new(&stored, &protected);
    assert_eq!(
        StoredBase::new(&stored, &protected).into_stored(),
        (stored.clone(), protected.clone()),
        "a stored base converts back"
    );
    // The file changes the first annotation's note and brings the second one back.
    let mut incoming = lib.clone();
    let mut first = incoming.annotations[0].clone();
    first.note = "checked".into();
    first.modified = Timestamp(9_000);
    incoming.annotations[0] = first;
    let file = export(&incoming, ExportFormat::Native);
    let (out, _) = check(Job::Import {
        file_name: "f.json".into(),
        text: file.content,
        library: Source::Sent(Library::from_stored(&stored)),
        target: ImportTarget::Detect { open: None },
        now: NOW,
        seed: [5; 16],
    });
    let JobOutput::Planned(planned) = out else {
        panic!("expected a plan, got {out:?}")
    };
    let (out, _) = check(Job::ApplyImport {
        file_name: "f.json".into(),
        plan: PlanSource::Plan(planned.plan),
        format: planned.format,
        attached_to: None,
        open: lib.articles[0].id,
        base: Source::Sent(base),
        now: NOW,
        save: true,
    });
    let JobOutput::Imported(Applied { writes, open, .. }) = out else {
        panic!("expected an applied import, got {out:?}")
    };
    let keys: Vec<&str> = writes.puts.iter().map(|(_, k, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        [lib.annotations[0].id.to_string()],
        "only the changed note is written, never the protected key"
    );
    assert!(writes.puts[0].2.contains("checked"));
    assert_eq!(open, None, "the open article stays open");
}

#[test]
fn a_preview_the_worker_no_longer_has_is_refused_without_change() {
    let (out, _) = check(Job::ApplyImport {
        file_name: "gone.json".into(),
        plan: PlanSource::Preview {
            job: 3,
            target: ImportTarget::Detect { open: None },
            now: NOW,
            seed: [0; 16],
        },
        format: Format::Native,
        attached_to: None,
        open: Uuid::from_u128(1),
        base: Source::Sent(StoredBase::default()),
        now: NOW,
        save: true,
    });
    let JobOutput::Failed(message) = out else {
        panic!("expected a refusal, got {out:?}")
    };
    assert!(
        message.contains("gone.json") && message.contains("Nothing was changed"),
        "{message}"
    );
}

#[test]
fn w3c_import_goes_to_the_detected_or_chosen_article() {
    let lib = library(2);
    let file = export(&lib, ExportFormat::W3c);
    let mut other = lib.clone();
    other.annotations.clear();
    other.articles.push(article(2, "word0 word1"));
    for (target, expected) in [
        (
            ImportTarget::Detect {
                open: Some(Uuid::from_u128(1)),
            },
            1,
        ),
        (ImportTarget::Chosen(Uuid::from_u128(2)), 2),
    ] {
        let (out, reports) = check(Job::Import {
            file_name: "notes.jsonld".into(),
            text: file.content.clone(),
            library: Source::Sent(other.clone()),
            target,
            now: NOW,
            seed: [2; 16],
        });
        let JobOutput::Planned(planned) = out else {
            panic!("expected a plan, got {out:?}")
        };
        assert_eq!(planned.format, Format::W3c);
        assert_eq!(planned.article, Some(Uuid::from_u128(expected)));
        assert!(planned
            .plan
            .annotations
            .iter()
            .all(|(_, a)| a.article_id == Uuid::from_u128(expected)));
        assert_eq!(reports.last(), Some(&Progress { done: 2, total: 2 }));
    }
}

#[test]
fn import_progress_is_throttled_ordered_and_complete() {
    let n = 1_000;
    let lib = library(n);
    let file = export(&lib, ExportFormat::Native);
    let (out, reports) = check(Job::Import {
        file_name: "big.json".into(),
        text: file.content,
        library: Source::Sent(Library::default()),
        target: ImportTarget::Detect { open: None },
        now: NOW,
        seed: [3; 16],
    });
    assert!(matches!(out, JobOutput::Planned(_)), "{out:?}");
    assert!(reports.len() >= 2, "progress is reported: {reports:?}");
    assert!(
        reports.len() <= 102,
        "at most a report per percent: {}",
        reports.len()
    );
    assert!(reports.iter().all(|p| p.total == n && p.done <= n));
    assert!(reports.windows(2).all(|w| w[0].done < w[1].done));
    assert_eq!(reports.last(), Some(&Progress { done: n, total: n }));
}

#[test]
fn refused_imports_become_the_formats_refusal() {
    for (text, target) in [
        ("{ not json", ImportTarget::Detect { open: None }),
        ("{\"hello\": 1}", ImportTarget::Detect { open: None }),
        // A W3C annotation with no article to attach it to.
        (
            r#"{"type":"Annotation","target":{"source":"urn:x","selector":{"type":"TextQuoteSelector","exact":"a"}}}"#,
            ImportTarget::Detect { open: None },
        ),
    ] {
        let expected = formats::import(
            text,
            &Library::default(),
            None,
            NOW,
            &mut formats::fresh_ids([4; 16]),
        )
        .expect_err("the file is refused")
        .refusal("bad.json");
        let (out, _) = check(Job::Import {
            file_name: "bad.json".into(),
            text: text.into(),
            library: Source::Sent(Library::default()),
            target,
            now: NOW,
            seed: [4; 16],
        });
        assert_eq!(out, JobOutput::Failed(expected.clone()));
        assert!(expected.contains("Nothing was changed"), "{expected}");
    }
}

#[test]
fn replace_text_reanchors_and_reports() {
    let lib = library(3);
    let (out, _) = check(Job::ReplaceText {
        library: lib.clone(),
        article: Uuid::from_u128(1),
        text: "new start word0 word1 word2".into(),
    });
    let JobOutput::Replaced(Replaced {
        library: next,
        message,
    }) = out
    else {
        panic!("expected a replacement, got {out:?}")
    };
    let (direct, report) =
        formats::replace_article_text(&lib, Uuid::from_u128(1), "new start word0 word1 word2")
            .expect("the text is replaced");
    assert_eq!(next, direct);
    assert_eq!(message, report.message());
    assert_eq!(next.annotations.first().map(|a| a.start), Some(10));
}

#[test]
fn refused_replacements_are_failures_with_the_reason() {
    let lib = library(1);
    for (article, text, error) in [
        (1, "   ", formats::ReplaceError::EmptyText),
        (42, "text", formats::ReplaceError::NoSuchArticle),
    ] {
        let (out, _) = check(Job::ReplaceText {
            library: lib.clone(),
            article: Uuid::from_u128(article),
            text: text.into(),
        });
        assert_eq!(out, JobOutput::Failed(error.to_string()));
    }
}

#[test]
fn plans_convert_to_the_wire_and_back_unchanged() {
    let lib = library(2);
    let plan = ImportPlan {
        articles: vec![(ImportStep::Update, lib.articles[0].clone())],
        annotations: vec![
            (ImportStep::Add, lib.annotations[0].clone()),
            (ImportStep::Keep, lib.annotations[1].clone()),
        ],
        reanchored: vec![lib.annotations[1].clone()],
        unsearched: 3,
    };
    let wire = serde_json::to_value(&plan).expect("a plan serialises");
    assert_eq!(serde_json::from_value::<ImportPlan>(wire).ok(), Some(plan));
}

#[test]
fn unknown_formats_on_the_wire_are_refused_not_guessed() {
    let job = serde_json::json!({ "export": {
        "library": {"sent": {"articles": [], "annotations": []}}, "format": "pdf",
        "article": null, "settings": {}, "now": "2026-01-01T00:00:00.000Z",
        "id": "00000000-0000-0000-0000-000000000009"
    }});
    let err = serde_json::from_value::<Job>(job).expect_err("pdf is no export format");
    assert!(err.to_string().contains("unknown export format"), "{err}");
}

#[test]
fn a_library_left_in_storage_is_filled_in_from_it_and_refused_without_it() {
    let lib = library(2);
    let stored = lib.to_stored(&StoredLibrary::default(), Timestamp(5_000));
    let protected = Protected::from_keys([(Store::Annotations, "x".to_owned())]);
    let file = export(&lib, ExportFormat::Native);
    let import = Job::Import {
        file_name: "f.json".into(),
        text: file.content,
        library: Source::Stored,
        target: ImportTarget::Detect { open: None },
        now: NOW,
        seed: [1; 16],
    };
    let apply = Job::ApplyImport {
        file_name: "f.json".into(),
        plan: PlanSource::Plan(ImportPlan::default()),
        format: Format::Native,
        attached_to: None,
        open: lib.articles[0].id,
        base: Source::Stored,
        now: NOW,
        save: true,
    };
    let export_job = Job::Export {
        library: Source::Stored,
        format: ExportFormat::Native,
        article: None,
        settings: ExportSettings::default(),
        now: NOW,
        id: Uuid::from_u128(9),
    };
    for job in [import.clone(), apply.clone(), export_job.clone()] {
        assert!(job.reads_storage(), "{job:?}");
        // Not filled in (a worker that could not read the database never runs it, but were
        // one to), the job is refused, not run on an empty library.
        let (out, _) = check(job);
        let JobOutput::Failed(message) = out else {
            panic!("expected a refusal, got {out:?}")
        };
        assert!(
            message.contains("the library could not be read")
                && message.contains("Nothing was changed"),
            "{message}"
        );
    }
    let mut filled = import;
    filled.fill_from_storage(&stored, &protected);
    assert!(!filled.reads_storage());
    let Job::Import { library, .. } = &filled else {
        unreachable!()
    };
    assert_eq!(library, &Source::Sent(Library::from_stored(&stored)));
    let (out, _) = check(filled);
    assert!(matches!(out, JobOutput::Planned(_)), "{out:?}");
    let mut filled = apply;
    filled.fill_from_storage(&stored, &protected);
    let Job::ApplyImport { base, .. } = &filled else {
        unreachable!()
    };
    assert_eq!(base, &Source::Sent(StoredBase::new(&stored, &protected)));
    let mut filled = export_job;
    filled.fill_from_storage(&stored, &protected);
    let (out, _) = check(filled);
    let JobOutput::Exported(file) = out else {
        panic!("expected an export, got {out:?}")
    };
    assert!(file.content.contains(&lib.annotations[1].id.to_string()));
    // A library that was sent is never replaced by the stored one.
    let mut sent = Job::Export {
        library: Source::Sent(Library::default()),
        format: ExportFormat::Native,
        article: None,
        settings: ExportSettings::default(),
        now: NOW,
        id: Uuid::from_u128(9),
    };
    sent.fill_from_storage(&stored, &protected);
    assert!(
        matches!(&sent, Job::Export { library: Source::Sent(l), .. } if *l == Library::default())
    );
}

#[test]
fn web_pages_are_read_by_the_extractor_job_only() {
    let job = Job::Extract {
        file_name: "“story.html”".into(),
        html: include_str!("../../../tests/fixtures/pages/news.html").into(),
        url: Some("https://ledger.example/story".into()),
    };
    let mut seen = Vec::new();
    let JobOutput::Extracted(page) = run_extract(job.clone(), &mut |p| seen.push(p)) else {
        panic!("not extracted");
    };
    assert!(page.found && page.article.contains("Jonas Lindqvist"));
    assert_eq!(seen.last(), Some(&Progress { done: 1, total: 1 }));
    // The import worker's `run` does not read pages (it carries no HTML parser).
    assert!(matches!(run(job, &mut |_| {}), JobOutput::Failed(..)));
    // A page over the limit is refused with a message; another job is not the extractor's.
    let huge = Job::Extract {
        file_name: "“huge.html”".into(),
        html: "a".repeat(crate::core::extract::MAX_PAGE_BYTES + 1),
        url: None,
    };
    let JobOutput::Failed(message) = run_extract(huge, &mut |_| {}) else {
        panic!("accepted");
    };
    assert_eq!(
        message,
        "“huge.html” is too large to open as an article (the limit is 20 MB)."
    );
    // A text file is the extractor worker's too (its shell reads it): the import worker
    // refuses it, and its reading travels as JSON like every other output.
    let text = Job::ReadText {
        file_name: "notes.txt".into(),
    };
    let JobOutput::Failed(message) = run(text, &mut |_| {}) else {
        panic!("read by the import worker");
    };
    assert_eq!(
        message,
        "“notes.txt” could not be read here. Nothing was changed."
    );
    let reply = Reply {
        id: 4,
        body: ReplyBody::Done(JobOutput::TextRead(crate::core::intake::FileText {
            title: Some("River levels fall".into()),
            text: "The river fell 40 cm.".into(),
        })),
    };
    let back: Reply = serde_json::from_str(&serde_json::to_string(&reply).unwrap()).unwrap();
    assert_eq!(back, reply);
}

#[test]
fn suggestions_are_made_by_the_suggester_job_only() {
    let text = "Rex Tillerson spoke.\n“We will hold this line for a long time,” Tillerson said.";
    let job = Job::Suggest { text: text.into() };
    let mut seen = Vec::new();
    let out = run_suggest(job.clone(), Err("no model".into()), &mut |p| seen.push(p));
    let JobOutput::Suggested(found) = out else {
        panic!("not suggested: {out:?}");
    };
    assert_eq!(found.counts(), (1, 0));
    assert_eq!(found.suggestions[0].who.as_deref(), Some("Rex Tillerson"));
    assert_eq!(found.claims_unavailable.as_deref(), Some("no model"));
    assert_eq!(seen.last(), Some(&Progress { done: 1, total: 1 }));
    // The output travels as JSON like every other.
    let reply = Reply {
        id: 3,
        body: ReplyBody::Done(JobOutput::Suggested(found.clone())),
    };
    let back: Reply = serde_json::from_str(&serde_json::to_string(&reply).unwrap()).unwrap();
    assert_eq!(back, reply);
    // The import worker's `run` does not suggest; the suggester does nothing else.
    assert!(matches!(run(job, &mut |_| {}), JobOutput::Failed(..)));
    let other = Job::Extract {
        file_name: "x".into(),
        html: String::new(),
        url: None,
    };
    assert!(matches!(
        run_suggest(other, Err(String::new()), &mut |_| {}),
        JobOutput::Failed(..)
    ));
}

#[test]
fn written_batches_start_small_grow_and_keep_every_record_in_order() {
    let put = |i: usize, bytes: usize| {
        let key = Uuid::from_u128(i as u128 + 1).to_string();
        (Store::Annotations, key, "x".repeat(bytes))
    };
    let keys = |batches: &[SyncBatch]| -> Vec<String> {
        batches
            .iter()
            .flat_map(|b| b.records.iter().map(|m| m.key().1.to_owned()))
            .collect()
    };
    // Small records: the batches stop at their record counts, 4, 16, 64, then 100.
    let plan = WritePlan {
        puts: (0..250).map(|i| put(i, 10)).collect(),
        deletes: vec![(Store::Annotations, Uuid::from_u128(999).to_string())],
    };
    let batches = written_batches(&plan);
    let sizes: Vec<usize> = batches.iter().map(|b| b.records.len()).collect();
    assert_eq!(sizes, [4, 16, 64, 100, 67]);
    let mut expected: Vec<String> = plan.puts.iter().map(|(_, k, _)| k.clone()).collect();
    expected.push(Uuid::from_u128(999).to_string());
    assert_eq!(keys(&batches), expected, "every record once, in order");
    // Large records (5 KB): the batches stop at their byte bounds (8, 16, 32, then 64 KiB), a
    // record larger than any bound travels alone.
    let plan = WritePlan {
        puts: (0..30)
            .map(|i| put(i, if i == 29 { 100_000 } else { 5_000 }))
            .collect(),
        deletes: vec![],
    };
    let batches = written_batches(&plan);
    let sizes: Vec<usize> = batches.iter().map(|b| b.records.len()).collect();
    assert_eq!(
        &sizes[..3],
        [1, 3, 6],
        "8, 16 and 32 KiB at first: {sizes:?}"
    );
    let large = Uuid::from_u128(30).to_string();
    let alone = batches
        .iter()
        .find(|b| b.records.iter().any(|m| m.key().1 == large))
        .map(|b| b.records.len());
    assert_eq!(alone, Some(1), "the 100 KB record travels alone: {sizes:?}");
    assert!(
        sizes[1..].iter().any(|&n| n > 4),
        "the next batches fill up: {sizes:?}"
    );
    assert_eq!(sizes.iter().sum::<usize>(), 30);
    for b in &batches[1..] {
        let bytes: usize = b
            .records
            .iter()
            .map(|m| crate::core::storage::encode_sync(m).len())
            .sum();
        assert!(
            b.records.len() == 1 || bytes <= WRITTEN_BATCH_MAX_BYTES,
            "{bytes}"
        );
    }
    assert_eq!(keys(&batches).len(), 30);
}

/// Every reply the worker can send reaches the page as it was sent: written as the worker
/// writes it (`serde_json::to_string`, `web::worker_scope`) and read as the page reads it
/// (through a `Value`, `core::json`). The structs travel as JSON arrays (`serde_tuple`), so a
/// field added, removed or moved on one side only must fail here, not in a user's browser.
#[test]
fn every_reply_reaches_the_page_as_sent() {
    use crate::core::extract::PageCapture;
    use crate::core::suggestions::{Found, Suggestion};

    let lib = library(3);
    let capture = PageCapture {
        article: "Zoë’s “article” 🦀\nsecond block".into(),
        whole: "menu\nZoë’s “article” 🦀".into(),
        found: true,
        title: Some("Çavuşoğlu speaks".into()),
        byline: None,
        published: Some("2026-12-02".into()),
        url: Some("https://example.org/a".into()),
        site_name: None,
        article_words: 5,
        whole_words: 6,
        standfirst: Some("Çavuşoğlu’s “summary” 🦀".into()),
        source: crate::core::extract::ArticleSource::JsonLd,
    };
    let found = Found {
        suggestions: vec![
            Suggestion {
                kind: Kind::Quote,
                start: 3,
                end: 9,
                who: Some("Rex W. Tillerson".into()),
                score: None,
                key: Suggestion::key_of(Kind::Quote, "abc"),
            },
            Suggestion {
                kind: Kind::Claim,
                start: 10,
                end: 20,
                who: None,
                score: Some(870),
                key: Suggestion::key_of(Kind::Claim, "def"),
            },
        ],
        claims_unavailable: Some("The claim model could not be loaded.".into()),
    };
    let outputs = vec![
        JobOutput::Planned(PlannedImport {
            format: Format::W3c,
            article: Some(Uuid::from_u128(7)),
            lines: vec!["3 annotations".into(), "“Zoë” will be replaced".into()],
            plan: ImportPlan::default(),
        }),
        JobOutput::Imported(Applied {
            writes: WritePlan {
                puts: vec![(Store::Articles, "k".into(), "{\"v\":1}".into())],
                deletes: vec![(Store::Annotations, "gone".into())],
            },
            message: "Imported 3 annotations.".into(),
            open: None,
        }),
        JobOutput::Replaced(Replaced {
            library: lib.clone(),
            message: "Replaced.".into(),
        }),
        JobOutput::Exported(export(&lib, ExportFormat::Csv)),
        JobOutput::Extracted(capture),
        JobOutput::Suggested(found),
        JobOutput::Failed("Nothing was changed.".into()),
    ];
    let mut bodies: Vec<ReplyBody> = outputs.into_iter().map(ReplyBody::Done).collect();
    bodies.push(ReplyBody::Progress(Progress { done: 2, total: 9 }));
    bodies.push(ReplyBody::Saving);
    bodies.push(ReplyBody::Written("[]".into()));
    for (id, body) in bodies.into_iter().enumerate() {
        let reply = Reply {
            id: id as u64,
            body,
        };
        let text = serde_json::to_string(&reply).unwrap();
        assert!(text.starts_with('['), "a reply travels as an array: {text}");
        let back: Reply = crate::core::json::from_text(&text).unwrap();
        assert_eq!(back, reply, "{text}");
        // A reply of another shape is refused, not misread.
        let short = text.replacen(&format!("[{id},"), "[", 1);
        assert!(
            crate::core::json::from_text::<Reply>(&short).is_err(),
            "{short}"
        );
    }
}
