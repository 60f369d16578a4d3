//! An arbitrary library is exported as W3C Web Annotations (and every other export format),
//! then the W3C file is imported back into the same library: nothing may panic.
#![no_main]

use arbitrary::{Arbitrary, Result, Unstructured};
use article_annotator::core::formats::{export_file, fresh_ids, import, w3c, ExportFormat};
use article_annotator::core::library::{ExportSettings, Library};
use article_annotator::core::model::{Anchoring, Annotation, Body, Kind};
use article_annotator::core::text::Article;
use article_annotator_fuzz::{link, small_string, timestamp, verdict, NOW};
use libfuzzer_sys::fuzz_target;
use uuid::Uuid;

/// A library of up to three articles with up to eight annotations.
#[derive(Debug)]
struct Input {
    library: Library,
    settings: ExportSettings,
}

impl<'a> Arbitrary<'a> for Input {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let mut articles = Vec::new();
        for i in 0..u.int_in_range(1..=3u8)? {
            let text = small_string(u, 200)?;
            let title = small_string(u, 30)?;
            let source = if u.arbitrary()? {
                Some(small_string(u, 40)?)
            } else {
                None
            };
            articles.push(Article::new(
                Uuid::from_u128(0xA0 + u128::from(i)),
                &title,
                source,
                &text,
            ));
        }
        let mut annotations = Vec::new();
        for _ in 0..u.int_in_range(0..=8u8)? {
            let art = u.choose(&articles)?;
            let n = art.text.chars().count();
            let start = u.int_in_range(0..=n + 2)?;
            let end = u.int_in_range(0..=n + 2)?;
            let kind = if u.arbitrary()? {
                Kind::Claim
            } else {
                Kind::Quote
            };
            // Ids may repeat, so that exports and imports meet duplicates.
            let id = Uuid::from_u128(u128::from(u.int_in_range(1..=10u8)?));
            let mut a = Annotation::new(id, art.id, kind, &art.text, start, end, timestamp(u)?);
            a.modified = timestamp(u)?;
            a.note = small_string(u, 60)?;
            for _ in 0..u.int_in_range(0..=3u8)? {
                a.tags.push(small_string(u, 20)?);
            }
            match &mut a.body {
                Body::Claim(c) => {
                    c.claimant = small_string(u, 30)?;
                    c.verdict = verdict(u)?;
                    for _ in 0..u.int_in_range(0..=2u8)? {
                        c.evidence.extend(link(u)?);
                    }
                }
                Body::Quote(q) => {
                    q.speaker = small_string(u, 30)?;
                    q.checked = u.arbitrary()?;
                    q.source = link(u)?;
                }
            }
            a.anchoring = *u.choose(&[
                Anchoring::Anchored,
                Anchoring::NeedsReview,
                Anchoring::Orphan,
            ])?;
            annotations.push(a);
        }
        Ok(Input {
            library: Library {
                articles,
                annotations,
            },
            settings: ExportSettings {
                organisation: small_string(u, 30)?,
                review_url_base: link(u)?,
            },
        })
    }
}

fuzz_target!(|input: Input| {
    let lib = &input.library;
    let label = "fuzz";
    let exported = w3c::export(lib, lib.annotations.iter(), Uuid::from_u128(0xC0), label);
    for art in &lib.articles {
        let _ = import(&exported, lib, Some(art.id), NOW, &mut fresh_ids([3; 16]));
    }
    for format in ExportFormat::ALL {
        for article in [None, lib.articles.first().map(|a| a.id)] {
            let file = export_file(
                lib,
                format,
                article,
                &input.settings,
                NOW,
                Uuid::from_u128(1),
            );
            if matches!(format, ExportFormat::Native | ExportFormat::W3c) {
                let _ = import(
                    &file.content,
                    lib,
                    article.or(Some(Uuid::from_u128(0xA0))),
                    NOW,
                    &mut fresh_ids([3; 16]),
                );
            }
        }
    }
});
