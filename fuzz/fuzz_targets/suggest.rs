//! Reads arbitrary bytes as an article's text and suggests (`core::suggestions::find`, with the
//! shipped claim model): never a panic, and every suggestion lies inside the text, quotes in
//! text order, claims scored 0 to 1000 (thousandths), the best first. Also reads the bytes as a model file,
//! which must be refused or read without a panic.
#![no_main]

use article_annotator::core::claims::ClaimModel;
use article_annotator::core::model::Kind;
use article_annotator::core::suggestions::find;
use libfuzzer_sys::fuzz_target;

static MODEL: &[u8] = include_bytes!("../../assets/claims-model.bin");

/// A German opening, so that the same bytes after it are read by German words too
/// (`core::suggest::languages`).
const GERMAN: &str = "Die Regierung hat am Montag einen neuen Plan für die Preise vorgestellt, \
    und die Opposition ist mit dem Plan nicht zufrieden. „Das ist ein guter Tag“, sagte \
    Angela Merkel. Die Kommunen sind mit der Regierung im Streit, sie wollen mehr Geld für die \
    Schulen und die Straßen im Land, sagt er. Auch die Länder wollen mehr Geld. ";

fuzz_target!(|data: &[u8]| {
    let _ = ClaimModel::from_bytes(data);
    let model = ClaimModel::from_bytes(MODEL).expect("the shipped model reads");
    let text = String::from_utf8_lossy(data);
    check(&text, &model);
    check(&format!("{GERMAN}{text}"), &model);
});

fn check(text: &str, model: &ClaimModel) {
    let len = text.chars().count();
    let found = find(text, Ok(model));
    let mut last_quote = 0;
    let mut last_score = u16::MAX;
    for s in &found.suggestions {
        assert!(
            s.start < s.end && s.end <= len,
            "{}..{} outside 0..{len}",
            s.start,
            s.end
        );
        match s.kind {
            Kind::Quote => {
                assert!(s.start >= last_quote, "quotes in text order");
                last_quote = s.end;
            }
            Kind::Claim => {
                let score = s.score.expect("a claim has a score");
                assert!(score <= 1000 && score <= last_score);
                last_score = score;
            }
        }
    }
}
