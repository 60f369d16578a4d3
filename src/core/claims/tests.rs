use super::*;
use proptest::prelude::*;

/// The model the app ships.
const SHIPPED: &[u8] = include_bytes!("../../../assets/claims-model.bin");

fn shipped() -> ClaimModel {
    ClaimModel::from_bytes(SHIPPED).expect("the shipped model loads")
}

/// The sentences' texts, cut out by code point offsets.
fn texts(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    sentences(text)
        .into_iter()
        .map(|(a, b)| chars[a..b].iter().collect())
        .collect()
}

fn check(text: &str, expect: &[&str]) {
    assert_eq!(texts(text), expect, "{text:?}");
}

#[test]
fn a_line_break_always_ends_a_sentence() {
    check(
        "Thank you very much\nUnemployment fell to 4.1 percent\n\n  \nWe will win. Believe me!",
        &[
            "Thank you very much",
            "Unemployment fell to 4.1 percent",
            "We will win.",
            "Believe me!",
        ],
    );
}

#[test]
fn titles_and_initials_do_not_end_a_sentence() {
    check(
        "Mr. Smith met Sen. Warren and Dr. J. Doe on Tuesday. Then they left.",
        &[
            "Mr. Smith met Sen. Warren and Dr. J. Doe on Tuesday.",
            "Then they left.",
        ],
    );
    // UAX #29 keeps "U.S." before a lower-case word; a question ends a sentence.
    check(
        "The U.S. economy grew 3 percent. Did it?",
        &["The U.S. economy grew 3 percent.", "Did it?"],
    );
    // A title at a line's end does not join the next line.
    check("I met Mr.\nSmith.", &["I met Mr.", "Smith."]);
}

#[test]
fn offsets_are_code_points_with_non_ascii_text() {
    let text = "“Çavuşoğlu said 🎉 it grew 5%,” he said.\u{a0}Zoë agreed… \nNext 👍 line.";
    check(
        text,
        &[
            "“Çavuşoğlu said 🎉 it grew 5%,” he said.",
            "Zoë agreed…",
            "Next 👍 line.",
        ],
    );
    let spans = sentences(text);
    assert_eq!(spans[0], (0, 39));
    // The non-breaking space is trimmed, like any white space.
    assert_eq!(spans[1].0, 40);
}

#[test]
fn empty_and_blank_texts_have_no_sentences() {
    check("", &[]);
    check(" \n\t\n\u{a0}", &[]);
}

/// Sentences are inside the text, in order, trimmed, never across a line break.
fn sentences_are_well_formed(text: &str) {
    let chars: Vec<char> = text.chars().collect();
    let mut last = 0;
    for (a, b) in sentences(text) {
        assert!(
            last <= a && a < b && b <= chars.len(),
            "{a}..{b} in {text:?}"
        );
        let s = &chars[a..b];
        assert!(!s[0].is_whitespace() && !s[s.len() - 1].is_whitespace());
        assert!(!s.contains(&'\n'));
        last = b;
    }
}

/// How a model smooths: `α`, the floor `φ` and the slope `γ` (see [`ClaimModel::claims`]).
#[derive(Clone, Copy)]
struct Smoothing {
    alpha: f32,
    floor: f32,
    slope: f32,
}

/// No smoothing.
const PLAIN: Smoothing = Smoothing {
    alpha: 0.0,
    floor: 0.0,
    slope: 1.0,
};

/// A model file with the given header fields and hashed weights (i16).
fn model_file(
    bits: u8,
    bias: f32,
    scale: f32,
    smoothing: Smoothing,
    dense: &[f32],
    q: &[i16],
) -> Vec<u8> {
    let mut b = MAGIC.to_vec();
    b.extend(FORMAT_VERSION.to_le_bytes());
    b.extend(FEATURES_VERSION.to_le_bytes());
    b.push(bits);
    b.push(2);
    b.extend((dense.len() as u16).to_le_bytes());
    let Smoothing {
        alpha,
        floor,
        slope,
    } = smoothing;
    for x in [bias, scale, alpha, floor, slope].iter().chain(dense) {
        b.extend(x.to_le_bytes());
    }
    for w in q {
        b.extend(w.to_le_bytes());
    }
    b
}

/// A small model with weights drawn from a simple rule, so that every feature counts.
fn small_model(smoothing: Smoothing) -> (Vec<u8>, Vec<f32>) {
    let bits = 10u8;
    let q: Vec<i16> = (0..1i32 << bits)
        .map(|i| ((i * 37) % 201 - 100) as i16)
        .collect();
    let dense: Vec<f32> = (0..DENSE).map(|i| (i as f32 - 10.0) / 7.0).collect();
    let bytes = model_file(bits, -1.5, 0.01, smoothing, &dense, &q);
    // The same weights as one vector over the training features' indices.
    let mut w = dense.clone();
    w.extend(q.iter().map(|&x| f32::from(x) * 0.01));
    (bytes, w)
}

#[test]
fn the_app_scores_exactly_the_features_the_training_tool_dumps() {
    let text = "Thank you very much.\nUnemployment fell to 4.1 percent in 2017, the lowest in \
                17 years. I think that's wonderful! Did you know we spent $5 billion?\nMr. Smith \
                said so, the biggest deficit ever";
    let (bytes, w) = small_model(PLAIN);
    let model = ClaimModel::from_bytes(&bytes).unwrap();
    let claims = model.claims(text);
    let rows = training_features(text, 10);
    assert_eq!(claims.len(), rows.len());
    assert_eq!(claims.len(), 5);
    let buckets = 1usize << 10;
    let mut some_grams = false;
    for (c, ((a, b), row)) in claims.iter().zip(&rows) {
        assert_eq!((c.start, c.end), (*a, *b));
        // Word and character n-gram buckets come apart; the app scores their union, each
        // bucket once.
        let mut union: Vec<usize> = row
            .iter()
            .map(|&(i, _)| i as usize)
            .filter(|&i| i >= DENSE)
            .map(|i| DENSE + (i - DENSE) % buckets)
            .collect();
        union.sort_unstable();
        union.dedup();
        let dense: f32 = row
            .iter()
            .filter(|&&(i, _)| (i as usize) < DENSE)
            .map(|&(i, v)| w[i as usize] * v)
            .sum();
        let z: f32 = -1.5 + dense + union.iter().map(|&i| w[i]).sum::<f32>();
        let p = 1.0 / (1.0 + (-z).exp());
        assert!((c.score - p).abs() < 1e-5, "{} vs {p}", c.score);
        // Indices ascend, each once, below DENSE + 2 * 2^k; hashed values are 1.
        assert!(row.windows(2).all(|p| p[0].0 < p[1].0));
        assert!(row.iter().all(|&(i, v)| i < DENSE as u32 || v == 1.0));
        assert!(row.iter().all(|&(i, _)| (i as usize) < DENSE + 2 * buckets));
        some_grams |= row.iter().any(|&(i, _)| i as usize >= DENSE + buckets);
    }
    assert!(some_grams);
}

fn logit(p: f32) -> f32 {
    (p / (1.0 - p)).ln()
}

/// The smoothed logits of `text` under `smoothing`, and what the formula of
/// [`ClaimModel::claims`], computed here from the unsmoothed logits, says they are.
fn smoothed_and_expected(text: &str, smoothing: Smoothing) -> Vec<(f32, f32, f32)> {
    let plain = ClaimModel::from_bytes(&small_model(PLAIN).0)
        .unwrap()
        .claims(text);
    let smooth = ClaimModel::from_bytes(&small_model(smoothing).0)
        .unwrap()
        .claims(text);
    let z: Vec<f32> = plain.iter().map(|c| logit(c.score)).collect();
    let last = z.len() as isize - 1;
    let at = |i: isize| z[i.clamp(0, last) as usize];
    let Smoothing {
        alpha,
        floor,
        slope,
    } = smoothing;
    smooth
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let i = i as isize;
            let own = at(i);
            let lift = alpha
                * ((at(i - 1) + at(i + 1) - 2.0 * own) / 2.0
                    + (at(i - 2) + at(i + 2) - 2.0 * own) / 4.0);
            let expect = own + lift.min((slope * (own - floor)).max(0.0));
            (own, logit(c.score), expect)
        })
        .collect()
}

#[test]
fn smoothing_borrows_from_two_neighbours_each_side() {
    let text = "One.\nTwo sentences here.\nThree 3 percent.\nFour four four.\nFive, 5 or 6?";
    // A floor far below every logit: every lift counts in full.
    let open = Smoothing {
        alpha: 0.5,
        floor: -100.0,
        slope: 1000.0,
    };
    let rows = smoothed_and_expected(text, open);
    assert_eq!(rows.len(), 5);
    let mut lifted = 0;
    for (i, &(own, got, expect)) in rows.iter().enumerate() {
        assert!((got - expect).abs() < 1e-3, "{i}: {got} vs {expect}");
        lifted += usize::from(got > own + 1e-3);
    }
    // Some sentence borrowed from better neighbours (else the test shows nothing).
    assert!(lifted > 0);
}

#[test]
fn smoothing_never_lifts_a_sentence_under_the_floor() {
    let text = "One.\nTwo sentences here.\nThree 3 percent.\nFour four four.\nFive, 5 or 6?\n\
                Six percent of 66 voters.\nSeven.";
    let logits: Vec<f32> = smoothed_and_expected(text, PLAIN)
        .iter()
        .map(|r| r.0)
        .collect();
    let mut sorted = logits.clone();
    sorted.sort_by(f32::total_cmp);
    // Floors between the logits, so that some sentences are under and some above; slopes from
    // a cap at the distance to the floor to a gate.
    for floor in [sorted[1] + 1e-3, sorted[3] + 1e-3, sorted[5] + 1e-3] {
        for slope in [0.0, 1.0, 1000.0] {
            let smoothing = Smoothing {
                alpha: 1.0,
                floor,
                slope,
            };
            for (i, &(own, got, expect)) in
                smoothed_and_expected(text, smoothing).iter().enumerate()
            {
                assert!((got - expect).abs() < 1e-3, "{i}: {got} vs {expect}");
                if own < floor || slope == 0.0 {
                    assert!(got <= own + 1e-4, "{i} lifted from {own} to {got}");
                } else {
                    assert!(got <= own + slope * (own - floor) + 1e-3);
                }
            }
        }
    }
}

#[test]
fn facts_outscore_thanks_and_opinions() {
    let model = shipped();
    let score = |s: &str| model.claims(s)[0].score;
    let fact = score("Unemployment fell to 4.1 percent in 2017, the lowest rate in 17 years.");
    for other in ["Thank you very much.", "I think that's wonderful."] {
        assert!(
            fact > score(other),
            "{fact} vs {} for {other:?}",
            score(other)
        );
    }
}

#[test]
fn sentences_without_letters_are_not_scored() {
    let model = shipped();
    let claims = model.claims("1.\n— 42 —\nTaxes rose by 3 percent.");
    assert_eq!(claims.len(), 1);
    assert_eq!((claims[0].start, claims[0].end), (10, 34));
}

#[test]
fn the_shipped_model_fits_its_budget() {
    // At most 100 KB after gzip -9 (checked by train.py); raw, it is a header and 2^k bytes.
    assert!(SHIPPED.len() < 1 << 20);
    assert!(shipped().claims("").is_empty());
}

#[test]
fn from_bytes_refuses_what_is_not_a_model_of_this_version() {
    let (good, _) = small_model(Smoothing {
        alpha: 0.2,
        floor: -4.7,
        slope: 1.0,
    });
    assert!(ClaimModel::from_bytes(&good).is_ok());
    // Every truncation, and one byte too many.
    for n in 0..good.len() {
        assert!(ClaimModel::from_bytes(&good[..n]).is_err(), "{n}");
    }
    let mut long = good.clone();
    long.push(0);
    assert!(matches!(
        ClaimModel::from_bytes(&long),
        Err(ModelError::Damaged(_))
    ));
    // Another magic, another version, a header out of range, a weight that is not finite.
    let edit = |at: usize, bytes: &[u8]| {
        let mut b = good.clone();
        b[at..at + bytes.len()].copy_from_slice(bytes);
        ClaimModel::from_bytes(&b)
    };
    assert_eq!(edit(0, b"PK\x03\x04"), Err(ModelError::NotAModel));
    assert!(matches!(
        edit(4, &3u16.to_le_bytes()),
        Err(ModelError::Version { format: 3, .. })
    ));
    // A file of the first format (a 24-byte header, no floor or slope) is refused as such.
    let first = edit(4, &1u16.to_le_bytes());
    assert!(matches!(first, Err(ModelError::Version { format: 1, .. })));
    assert!(first.unwrap_err().to_string().contains("another version"));
    assert!(matches!(
        edit(6, &99u16.to_le_bytes()),
        Err(ModelError::Version { features: 99, .. })
    ));
    // A model trained on the first feature set (before character n-grams) is refused.
    let old = edit(6, &1u16.to_le_bytes());
    assert!(matches!(old, Err(ModelError::Version { features: 1, .. })));
    assert!(old.unwrap_err().to_string().contains("another version"));
    for (at, bytes) in [
        (8, &[40u8][..]),
        (9, &[3]),
        (10, &[1, 0]),
        (12, &f32::NAN.to_le_bytes()),
        (16, &f32::INFINITY.to_le_bytes()),
        (20, &2.0f32.to_le_bytes()),
        (20, &(-0.1f32).to_le_bytes()),
        (24, &f32::NEG_INFINITY.to_le_bytes()),
        (24, &(-1e5f32).to_le_bytes()),
        (28, &(-1.0f32).to_le_bytes()),
        (28, &f32::NAN.to_le_bytes()),
        (32, &1e9f32.to_le_bytes()),
    ] {
        assert!(
            matches!(edit(at, bytes), Err(ModelError::Damaged(_))),
            "{at}"
        );
    }
    // Messages a user can read.
    assert!(ModelError::NotAModel
        .to_string()
        .contains("not a claim model"));
    assert!(edit(10, &[1, 0])
        .unwrap_err()
        .to_string()
        .contains("damaged"));
}

#[test]
fn from_bytes_never_panics_on_garbage() {
    let mut state = 0x1234_5678u32;
    for len in [0, 3, 4, 23, 24, 31, 32, 100, 1000, 1152, 2080, 2081] {
        let mut b: Vec<u8> = (0..len)
            .map(|_| {
                state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                (state >> 24) as u8
            })
            .collect();
        assert!(ClaimModel::from_bytes(&b).is_err());
        if len >= 4 {
            b[..4].copy_from_slice(&MAGIC);
            assert!(ClaimModel::from_bytes(&b).is_err());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn claims_are_sentences_in_order_with_scores_in_range(
        text in "(\\PC{0,12}|[ .!?\\n]|Mr\\. |U\\.S\\. |“|”|’|\u{a0}|[0-9]{1,5}%?|\\$){0,40}"
    ) {
        sentences_are_well_formed(&text);
        let all = sentences(&text);
        let model = shipped();
        let claims = model.claims(&text);
        let mut last = 0;
        for c in &claims {
            prop_assert!(all.contains(&(c.start, c.end)));
            prop_assert!(last <= c.start && c.start < c.end);
            prop_assert!((0.0..=1.0).contains(&c.score), "{}", c.score);
            last = c.end;
        }
        // Every sentence with a letter is scored.
        let chars: Vec<char> = text.chars().collect();
        let lettered = all.iter().filter(|(a, b)| chars[*a..*b].iter().any(|c| c.is_alphabetic())).count();
        prop_assert_eq!(claims.len(), lettered);
    }
}

/// `cargo test --release --lib core::claims::tests::speed -- --ignored --nocapture`
#[test]
#[ignore]
fn speed() {
    let model = shipped();
    let sentence = "In 2017 the unemployment rate fell to 4.1 percent, the lowest in 17 years, \
                    Mr. Smith said on Tuesday. ";
    let words_each = sentence.split_whitespace().count();
    for words in [5_000, 100_000] {
        let mut text = String::new();
        let mut n = 0;
        while n < words {
            text.push_str(sentence);
            n += words_each;
            if n % 100 < words_each {
                text.push('\n');
            }
        }
        let start = std::time::Instant::now();
        let runs = 5;
        let mut count = 0;
        for _ in 0..runs {
            count += model.claims(&text).len();
        }
        let each = start.elapsed() / runs;
        println!(
            "{words} words, {} sentences: {each:?}",
            count / runs as usize
        );
    }
}

#[test]
fn character_n_grams_of_a_word_with_its_boundaries() {
    let (mut wrapped, mut starts, mut out) = (Vec::new(), Vec::new(), Vec::new());
    let seed = fnv1a(FNV_OFFSET, b"c");
    let hash = |g: &str| fnv1a(seed, g.as_bytes());
    char_grams("tax", &mut wrapped, &mut starts, &mut out);
    let mut expect: Vec<u32> = ["<ta", "tax", "ax>", "<tax", "tax>", "<tax>"]
        .iter()
        .map(|g| hash(g))
        .collect();
    out.sort_unstable();
    expect.sort_unstable();
    assert_eq!(out, expect);
    out.clear();
    char_grams("café", &mut wrapped, &mut starts, &mut out);
    let mut expect: Vec<u32> = [
        "<ca", "caf", "afé", "fé>", "<caf", "café", "afé>", "<café", "café>",
    ]
    .iter()
    .map(|g| hash(g))
    .collect();
    out.sort_unstable();
    expect.sort_unstable();
    assert_eq!(out, expect);
    // Characters, not bytes; a word shorter than the shortest n-gram has its whole self.
    out.clear();
    char_grams("é", &mut wrapped, &mut starts, &mut out);
    assert_eq!(out, vec![hash("<é>")]);
}
