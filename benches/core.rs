//! Criterion benchmarks of the core's hot paths on long articles with many annotations:
//! segmentation, anchoring, offset conversion, W3C export and import.
//!
//! The articles and annotations are made the way `bench/gen.mjs` makes them for the browser
//! benchmark: the sample article's blocks repeated to 20,000 and 100,000 words, annotations of
//! 3 to 10 words spread evenly, every fourth overlapping the one before it and every seventh
//! nested in it. Run with `cargo bench --bench core` (see BENCHMARKS.md). `nested` is the
//! worst case of issue 11: 1,500 annotations nested inside each other on a 3,000-word article,
//! through what the view model computes for every run and what a label asked for costs.

use article_annotator::core::anchor::Anchorer;
use article_annotator::core::formats::w3c;
use article_annotator::core::library::Library;
use article_annotator::core::model::{Annotation, Kind, Timestamp};
use article_annotator::core::offsets::{self, CpIndex};
use article_annotator::core::panel::{overlapping_cue, run_label};
use article_annotator::core::reducer::{Action, Annotations};
use article_annotator::core::segment::{covering_at, deep_cues, segment_blocks};
use article_annotator::core::text::{Article, Block};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;
use std::time::Duration;
use uuid::Uuid;

const WORDS: [usize; 2] = [20_000, 100_000];
const COUNTS: [usize; 2] = [500, 2_000];

/// An article of at least `words` words: the sample's blocks repeated, one block a line.
fn article(words: usize) -> Article {
    let sample = Article::sample();
    let lines: Vec<&str> = sample.text.lines().filter(|l| !l.is_empty()).collect();
    let mut out = Vec::new();
    let mut n = 0;
    for line in lines.iter().cycle() {
        if n >= words {
            break;
        }
        out.push(*line);
        n += line.split_whitespace().count();
    }
    Article::new(
        Uuid::from_u128(words as u128),
        "Benchmark",
        None,
        &out.join("\n"),
    )
}

/// `count` annotations as `bench/gen.mjs` makes them (same spans).
fn annotations(article: &Article, count: usize) -> Vec<Annotation> {
    let text = &article.text;
    let mut starts = Vec::new();
    let mut ends = Vec::new();
    let mut in_word = false;
    for (i, c) in text.chars().enumerate() {
        // JavaScript's \s, as gen.mjs uses: Unicode white space (NBSP included).
        let space = c.is_whitespace() || c == '\u{feff}';
        if !space && !in_word {
            starts.push(i);
        }
        if space && in_word {
            ends.push(i);
        }
        in_word = !space;
    }
    if in_word {
        ends.push(text.chars().count());
    }
    let step = (starts.len() / count.max(1)).max(1);
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for i in 0..count {
        let mut w0 = (i * step).min(starts.len() - 1);
        let mut w1 = (w0 + 2 + i % 8).min(ends.len() - 1);
        if let Some(&(p0, p1)) = spans.last() {
            if i % 4 == 3 {
                w0 = (p0 + 1).min(p1);
                w1 = (p1 + 3).min(ends.len() - 1);
            } else if i % 7 == 6 && p1 - p0 >= 2 {
                w0 = p0 + 1;
                w1 = p1 - 1;
            }
        }
        spans.push((w0, w1));
    }
    spans
        .iter()
        .enumerate()
        .map(|(i, &(w0, w1))| {
            let kind = if i % 2 == 0 { Kind::Claim } else { Kind::Quote };
            Annotation::new(
                Uuid::from_u128(0x2_0000_0000 + i as u128),
                article.id,
                kind,
                text,
                starts[w0],
                ends[w1],
                Timestamp(1_764_244_800_000 + i as i64 * 1000),
            )
        })
        .collect()
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

fn bench_segment(c: &mut Criterion) {
    let mut g = c.benchmark_group("segment_blocks");
    for words in WORDS {
        let art = article(words);
        let blocks: Vec<Block> = art.blocks();
        for n in COUNTS {
            let anns = annotations(&art, n);
            g.bench_with_input(
                BenchmarkId::new(format!("{words}w"), n),
                &anns,
                |b, anns| b.iter(|| segment_blocks(black_box(&blocks), anns.iter())),
            );
        }
    }
    g.finish();
}

/// `count` annotations nested inside each other: the first covers every word, the next every
/// word but the first and the last, and so on; claims and quotes alternate.
fn nested(article: &Article, count: usize) -> Vec<Annotation> {
    let text = &article.text;
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.chars().chain([' ']).enumerate() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                words.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    (0..count.min(words.len() / 2))
        .map(|i| {
            let kind = if i % 2 == 0 { Kind::Claim } else { Kind::Quote };
            Annotation::new(
                Uuid::from_u128(0x3_0000_0000 + i as u128),
                article.id,
                kind,
                text,
                words[i].0,
                words[words.len() - 1 - i].1,
                Timestamp(1_764_244_800_000 + i as i64 * 1000),
            )
        })
        .collect()
}

/// What the view model computes for every run of every block (`web::view::chunks` without the
/// text slices): the segments, then per run what drawing it needs. Returns a checksum.
fn view_model(blocks: &[Block], set: &Annotations) -> usize {
    let segments = segment_blocks(blocks, set.iter().filter(|a| a.is_attached()));
    let mut sum = 0;
    for runs in &segments {
        for (r, cue) in runs.iter().zip(deep_cues(runs)) {
            sum += r.depth + usize::from(r.has_claim) + usize::from(r.has_quote);
            sum += cue.map_or(0, |d| overlapping_cue(d).len());
        }
    }
    sum
}

fn bench_nested(c: &mut Criterion) {
    let mut g = c.benchmark_group("nested");
    let art = article(3_000);
    let blocks: Vec<Block> = art.blocks();
    let mut set = Annotations::new(art.id);
    let _ = set.apply(Action::Load(nested(&art, 1_500)));
    assert_eq!(set.iter().count(), 1_500);
    g.bench_function("view_model/1500_in_3000w", |b| {
        b.iter(|| view_model(black_box(&blocks), &set))
    });
    // A label asked for at the deepest place: every annotation covers it.
    let deepest = set.iter().last().map_or(0, |a| a.start);
    g.bench_function("label_at_deepest/1500_in_3000w", |b| {
        b.iter(|| run_label(covering_at(black_box(&set), deepest)).len())
    });
    g.finish();
}

fn bench_anchor(c: &mut Criterion) {
    let mut g = c.benchmark_group("anchor");
    for words in WORDS {
        let art = article(words);
        let anns = annotations(&art, 2_000);
        g.bench_function(BenchmarkId::new("new", format!("{words}w")), |b| {
            b.iter(|| Anchorer::new(black_box(&art.text)))
        });
        let anchorer = Anchorer::new(&art.text);
        // What loading does: the stored position still holds the quote.
        g.bench_function(
            BenchmarkId::new("2000_at_position", format!("{words}w")),
            |b| {
                b.iter(|| {
                    for a in &anns {
                        black_box(anchorer.anchor(&a.quote, Some((a.start, a.end))));
                    }
                })
            },
        );
        // What dom-anchor-text-quote does: the quote searched near a position hint (here the
        // stored position moved by 7 code points, so the fast path misses).
        g.bench_function(
            BenchmarkId::new("2000_quote_near_hint", format!("{words}w")),
            |b| {
                b.iter(|| {
                    for a in &anns {
                        black_box(anchorer.anchor(&a.quote, Some((a.start + 7, a.end + 7))));
                    }
                })
            },
        );
        // The same with a new anchorer each time, so its occurrence index is built inside the
        // measurement: what one import does, and what the in-browser row of bench/run.mjs times.
        g.bench_function(
            BenchmarkId::new("2000_quote_near_hint_fresh", format!("{words}w")),
            |b| {
                b.iter(|| {
                    let fresh = Anchorer::new(black_box(&art.text));
                    for a in &anns {
                        black_box(fresh.anchor(&a.quote, Some((a.start + 7, a.end + 7))));
                    }
                })
            },
        );
        // Quote and context only, no position (an import from a tool that stores none).
        g.bench_function(
            BenchmarkId::new("2000_quote_only", format!("{words}w")),
            |b| {
                b.iter(|| {
                    for a in &anns {
                        black_box(anchorer.anchor(&a.quote, None));
                    }
                })
            },
        );
    }
    g.finish();
}

fn bench_offsets(c: &mut Criterion) {
    let mut g = c.benchmark_group("offsets");
    let art = article(100_000);
    let anns = annotations(&art, 2_000);
    g.bench_function("CpIndex::new/100000w", |b| {
        b.iter(|| CpIndex::new(black_box(&art.text)))
    });
    let index = CpIndex::new(&art.text);
    g.bench_function("CpIndex 4000 cp->byte->cp/100000w", |b| {
        b.iter(|| {
            for a in &anns {
                black_box(index.cp(index.byte(a.start)));
                black_box(index.cp(index.byte(a.end)));
            }
        })
    });
    // The shell converts DOM offsets inside one run's text node; the longest block bounds it.
    let longest = art
        .blocks()
        .into_iter()
        .map(|b| b.text(&art.text).to_owned())
        .max_by_key(|t| t.len())
        .unwrap_or_default();
    let n16 = offsets::utf16_len(&longest);
    g.bench_function("utf16<->cp, longest block, 100 offsets", |b| {
        b.iter(|| {
            for k in 0..100 {
                let u = k * n16 / 100;
                black_box(offsets::cp_to_utf16(
                    &longest,
                    offsets::utf16_to_cp(&longest, u),
                ));
            }
        })
    });
    // Without an index, each slice rescans the text from its start: O(n) per call.
    g.bench_function("slice_cp whole text, 200 spans/100000w", |b| {
        b.iter(|| {
            for a in anns.iter().take(200) {
                black_box(offsets::slice_cp(&art.text, a.start, a.end));
            }
        })
    });
    g.finish();
}

fn bench_w3c(c: &mut Criterion) {
    let mut g = c.benchmark_group("w3c");
    for words in WORDS {
        let art = article(words);
        for n in COUNTS {
            let anns = annotations(&art, n);
            let library = Library {
                articles: vec![art.clone()],
                annotations: anns.clone(),
            };
            g.bench_function(BenchmarkId::new(format!("export/{words}w"), n), |b| {
                b.iter(|| w3c::export(&library, library.annotations.iter(), Uuid::nil(), "bench"))
            });
            let json = w3c::export(&library, library.annotations.iter(), Uuid::nil(), "bench");
            let empty = Library {
                articles: vec![art.clone()],
                annotations: Vec::new(),
            };
            g.bench_function(BenchmarkId::new(format!("import/{words}w"), n), |b| {
                b.iter(|| w3c::import(black_box(&json), &empty, art.id, Timestamp(0)))
            });
        }
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench_segment, bench_nested, bench_anchor, bench_offsets, bench_w3c
}
criterion_main!(benches, sync_benches, repeat_benches);

/// Another tab's import of 1,500 annotations arriving in this tab, as the app's reducer
/// receives it (`AppAction::RemoteBatch`): the library is copied once (the state's
/// `Rc::make_mut`), every record is applied, and the open article's annotations are reconciled
/// once. `per_record` is how it went before batching: one message per record, each copying the
/// library, applying one record and reconciling the open article.
fn bench_sync(c: &mut Criterion) {
    use article_annotator::core::reducer::{Action, Annotations};
    use article_annotator::core::storage::{
        apply_sync, apply_sync_batch, encode_annotation, sync_batches, sync_messages, Store,
        StoredArticle, StoredLibrary, WritePlan,
    };
    use std::rc::Rc;

    let art = article(3_000);
    let anns = annotations(&art, 1_500);
    let library = StoredLibrary {
        articles: [(
            art.id,
            StoredArticle {
                article: art.clone(),
                added: Timestamp(0),
                changed: Timestamp(0),
            },
        )]
        .into(),
        annotations: anns.iter().map(|a| (a.id, Rc::new(a.clone()))).collect(),
    };
    let plan = WritePlan {
        puts: anns
            .iter()
            .map(|a| {
                let mut newer = a.clone();
                newer.note = "from the other tab".into();
                newer.modified = Timestamp(1);
                (
                    Store::Annotations,
                    a.id.to_string(),
                    encode_annotation(&newer),
                )
            })
            .collect(),
        deletes: Vec::new(),
    };
    let batches = sync_batches(&plan);
    let messages = sync_messages(&plan);
    let mut open = Annotations::new(art.id);
    let _ = open.apply(Action::Load(anns.clone()));
    let reconcile = |open: &mut Annotations, lib: &StoredLibrary| {
        let mine = lib
            .annotations
            .values()
            .filter(|a| a.article_id == art.id)
            .cloned()
            .collect();
        let _ = open.apply(Action::Reconcile(mine));
    };

    let mut g = c.benchmark_group("sync_1500");
    g.bench_function("batched", |b| {
        b.iter_batched(
            || (Rc::new(library.clone()), open.clone()),
            |(shared, mut open)| {
                let mut lib = (*shared).clone();
                for batch in &batches {
                    let applied = apply_sync_batch(&mut lib, batch);
                    if applied.articles.contains(&art.id) {
                        reconcile(&mut open, &lib);
                    }
                }
                (lib, open)
            },
            criterion::BatchSize::LargeInput,
        )
    });
    g.bench_function("per_record", |b| {
        b.iter_batched(
            || (Rc::new(library.clone()), open.clone()),
            |(mut shared, mut open)| {
                for m in &messages {
                    let mut lib = (*shared).clone();
                    let _ = apply_sync(&mut lib, m);
                    reconcile(&mut open, &lib);
                    shared = Rc::new(lib);
                }
                (shared, open)
            },
            criterion::BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group! {
    name = sync_benches;
    config = config();
    targets = bench_sync
}

/// 10,000 claims for the repeat-claim index (issue 14): the sample article's sentences, each
/// used many times with a different year and count, so that many claims share most of their
/// words (long postings: a hard case for the index).
fn claims(n: usize) -> Vec<String> {
    let sample = Article::sample();
    let sentences: Vec<&str> = sample
        .text
        .split(['.', '\n'])
        .map(str::trim)
        .filter(|s| s.split_whitespace().count() >= 6)
        .collect();
    (0..n)
        .map(|i| {
            let s = sentences[i % sentences.len()];
            format!(
                "{s}, {} people in {}.",
                100 + i % 997,
                1990 + (i / sentences.len()) % 40
            )
        })
        .collect()
}

/// Finding the repeats of one claim among 10,000 (`repeats_of`), adding one claim to the
/// index of 10,000 (`upsert`, what tagging a claim costs), and grouping all 10,000 for the
/// Claims view (`groups`).
fn bench_repeats(c: &mut Criterion) {
    use article_annotator::core::repeats::ClaimIndex;
    let texts = claims(10_000);
    let mut ix = ClaimIndex::new();
    for (i, t) in texts.iter().enumerate() {
        ix.upsert(Uuid::from_u128(i as u128 + 1), t);
    }
    let mut g = c.benchmark_group("repeats_10000");
    g.bench_function("repeats_of", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 7919) % texts.len();
            black_box(ix.repeats_of(&texts[i], None).len())
        })
    });
    g.bench_function("upsert", |b| {
        let mut ix = ix.clone();
        let mut i = 0;
        b.iter(|| {
            i = (i + 7919) % texts.len();
            ix.upsert(Uuid::from_u128(20_000), &texts[i]);
            black_box(ix.len())
        })
    });
    g.bench_function("groups", |b| b.iter(|| black_box(ix.groups().len())));
    g.finish();
}

criterion_group! {
    name = repeat_benches;
    config = config();
    targets = bench_repeats
}
