//! Anchors an arbitrary quote (prefix, exact, suffix, optional position) on an arbitrary
//! text, and moves an annotation from that text to a second arbitrary one.
#![no_main]

use arbitrary::{Arbitrary, Result, Unstructured};
use article_annotator::core::anchor::{anchor, reanchor, Anchorer, Budget, Method};
use article_annotator::core::model::{Annotation, Kind, TextQuote, Timestamp};
use article_annotator_fuzz::{len_cp, quote, small_string, ARTICLE};
use libfuzzer_sys::fuzz_target;
use uuid::Uuid;

#[derive(Debug)]
struct Input {
    text: String,
    new_text: String,
    quote: TextQuote,
    position: Option<(usize, usize)>,
}

impl<'a> Arbitrary<'a> for Input {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let text = if u.ratio(1, 4)? {
            article_annotator_fuzz::TEXT.to_owned()
        } else {
            small_string(u, 400)?
        };
        let n = len_cp(&text);
        let mut quote = quote(u)?;
        // Often quote a real span of the text, perhaps altered, so that the position, exact
        // and fuzzy paths are all reached.
        let position = if u.arbitrary()? {
            let s = u.int_in_range(0..=n + 1)?;
            let e = u.int_in_range(0..=n + 1)?;
            if u.ratio(2, 3)? {
                quote = TextQuote::from_span(&text, s, e);
                if u.arbitrary()? {
                    let mut exact: Vec<char> = quote.exact.chars().collect();
                    if !exact.is_empty() {
                        let i = u.choose_index(exact.len())?;
                        exact[i] = u.arbitrary()?;
                    }
                    quote.exact = exact.into_iter().collect();
                }
            }
            Some((s, e))
        } else {
            None
        };
        let new_text = if u.arbitrary()? {
            // An edit of the text: a piece cut out and something inserted.
            let chars: Vec<char> = text.chars().collect();
            let a = u.int_in_range(0..=chars.len())?;
            let b = u.int_in_range(a..=chars.len())?;
            let ins = small_string(u, 40)?;
            chars[..a].iter().collect::<String>() + &ins + &chars[b..].iter().collect::<String>()
        } else {
            small_string(u, 400)?
        };
        Ok(Input {
            text,
            new_text,
            quote,
            position,
        })
    }
}

fuzz_target!(|input: Input| {
    let n = len_cp(&input.text);
    let anchorer = Anchorer::new(&input.text);
    let got = anchorer.anchor(&input.quote, input.position);
    // Offsets are code points within the text (so they fall on character boundaries).
    assert!(got.start <= got.end && got.end <= n, "{got:?} outside {n}");
    assert_eq!(got, anchor(&input.text, &input.quote, input.position));
    let found = anchorer.slice(got.start, got.end);
    match got.method {
        // The position and exact methods point at the quote's exact text.
        Method::Position | Method::Exact { .. } => assert_eq!(found, input.quote.exact),
        Method::Fuzzy { score } => assert!(
            (article_annotator::core::anchor::FUZZY_THRESHOLD..=1.0).contains(&score),
            "score {score}"
        ),
        Method::Orphan => {}
    }
    // A smaller work budget only ever gives up: the same anchor, or an orphan at the stored
    // position (clamped).
    let units = (input.text.len() as u64 * 7 + input.quote.exact.len() as u64 * 13) % 4096;
    let poor =
        Anchorer::with_budget(&input.text, Budget::new(units)).anchor(&input.quote, input.position);
    assert!(
        poor == got || poor.method == Method::Orphan,
        "budget {units}: {poor:?} where a full budget gives {got:?}"
    );
    if let Some((s, e)) = input.position {
        if s <= e && e <= n {
            // A quote taken from its own position anchors there.
            if input.quote == TextQuote::from_span(&input.text, s, e) {
                assert_eq!(got.method, Method::Position);
                assert_eq!((got.start, got.end), (s, e));
            }
        }
    }

    // Moving annotations to a new text drops none and keeps their order; each one's offsets
    // lie within the new text.
    let (s, e) = input.position.unwrap_or((got.start, got.end));
    let mut a = Annotation::new(
        Uuid::from_u128(1),
        ARTICLE,
        Kind::Claim,
        &input.text,
        s,
        e,
        Timestamp(0),
    );
    a.quote = input.quote.clone();
    let b = Annotation::new(
        Uuid::from_u128(2),
        ARTICLE,
        Kind::Quote,
        &input.text,
        got.start,
        got.end,
        Timestamp(0),
    );
    let moved = reanchor(&input.text, &input.new_text, &[a, b]);
    assert_eq!(moved.len(), 2);
    assert_eq!(moved[0].id, Uuid::from_u128(1));
    assert_eq!(moved[1].id, Uuid::from_u128(2));
    let m = len_cp(&input.new_text);
    for x in &moved {
        assert!(
            x.start <= x.end && x.end <= m,
            "{}..{} outside {m}",
            x.start,
            x.end
        );
    }
});
