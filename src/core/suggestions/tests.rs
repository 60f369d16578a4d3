use super::*;
use crate::core::offsets::slice_cp;

/// [`super::live`], copied, to compare with lists of suggestions.
fn live<'a>(
    found: &[Suggestion],
    annotations: impl IntoIterator<Item = &'a Annotation>,
    dismissed: &SortedSet<String>,
) -> Vec<Suggestion> {
    super::live(found, annotations, dismissed)
        .into_iter()
        .cloned()
        .collect()
}

fn now() -> Timestamp {
    Timestamp(1_790_000_000_000)
}

const TEXT: &str = "Rex Tillerson met reporters in Ankara on Tuesday.\n\
                    “We will not back down from this agreement,” said Tillerson.\n\
                    The deficit grew by 12 percent last year, the ministry said.";

fn quote_of(text: &str) -> Suggestion {
    find(text, Err("no model".into()))
        .suggestions
        .into_iter()
        .next()
        .expect("a quote")
}

fn claim(start: usize, end: usize, score: f32) -> ClaimSuggestion {
    ClaimSuggestion { start, end, score }
}

fn cp_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).unwrap()].chars().count()
}

#[test]
fn find_gives_quotes_with_speakers_and_says_why_claims_are_missing() {
    let found = find(TEXT, Err("The claim model could not be loaded.".into()));
    assert_eq!(found.counts(), (1, 0));
    let q = &found.suggestions[0];
    assert_eq!(q.kind, Kind::Quote);
    assert_eq!(
        slice_cp(TEXT, q.start, q.end),
        "We will not back down from this agreement,"
    );
    assert_eq!(q.who.as_deref(), Some("Rex Tillerson"));
    assert_eq!(q.score, None);
    assert_eq!(
        found.claims_unavailable.as_deref(),
        Some("The claim model could not be loaded.")
    );
}

#[test]
fn claims_are_ranked_thresholded_capped_and_take_the_speaker_of_their_quote() {
    let quotes = crate::core::suggest::quotes(TEXT);
    let q = &quotes[0];
    let deficit = cp_of(TEXT, "The deficit");
    let scored = vec![
        claim(0, 49, 0.002),               // below the threshold
        claim(q.start, q.end, 0.08),       // inside the quote
        claim(deficit, deficit + 40, 0.2), // the best
    ];
    let ranked = ranked_claims(TEXT, &CpIndex::new(TEXT), scored, (&quotes, &[]));
    assert_eq!(ranked.len(), 2);
    assert_eq!(ranked[0].start, deficit);
    assert_eq!(ranked[0].who, None);
    assert_eq!(ranked[0].score, Some(thousandths(check_worthiness(0.2))));
    assert_eq!(ranked[1].who.as_deref(), Some("Rex Tillerson"));
    let many: Vec<_> = (0..MAX_CLAIMS + 20)
        .map(|i| claim(i, i + 1, 0.07 + (i as f32) / 1000.0))
        .collect();
    let letters = "é".repeat(MAX_CLAIMS + 20);
    let ranked = ranked_claims(&letters, &CpIndex::new(&letters), many, (&[], &[]));
    assert_eq!(ranked.len(), MAX_CLAIMS);
    assert!(ranked.windows(2).all(|w| w[0].score >= w[1].score));
    assert_eq!(ranked[0].start, MAX_CLAIMS + 19);
}

#[test]
fn check_worthiness_compares_odds_with_an_average_sentence() {
    assert!((check_worthiness(CHECKED_SHARE) - 0.5).abs() < 1e-6);
    assert_eq!(check_worthiness(0.0), 0.0);
    assert_eq!(check_worthiness(1.0), 1.0);
    assert_eq!(check_worthiness(f32::NAN), 0.0);
    // Nine times the odds: 0.9; a third: 0.25; 7/3 the odds: 0.7, the threshold.
    let odds = CHECKED_SHARE / (1.0 - CHECKED_SHARE);
    assert!((check_worthiness(9.0 * odds / (1.0 + 9.0 * odds)) - 0.9).abs() < 1e-4);
    assert!((check_worthiness(odds / 3.0 / (1.0 + odds / 3.0)) - 0.25).abs() < 1e-4);
    let seven_thirds = 7.0 * odds / 3.0;
    assert!((check_worthiness(seven_thirds / (1.0 + seven_thirds)) - CLAIM_MIN_SCORE).abs() < 1e-4);
    // Monotone, inside 0..=1.
    let xs: Vec<f32> = (0..=1000).map(|i| i as f32 / 1000.0).collect();
    let ys: Vec<f32> = xs.iter().map(|&x| check_worthiness(x)).collect();
    assert!(ys.windows(2).all(|w| w[0] <= w[1]));
    assert!(ys.iter().all(|y| (0.0..=1.0).contains(y)));
}

#[test]
fn a_list_marker_is_not_part_of_a_claim() {
    let text = "Figures:\n- 22 billion dollars were spent since 2014\n• —";
    let line = cp_of(text, "- 22");
    let last = cp_of(text, "• —");
    let ranked = ranked_claims(
        text,
        &CpIndex::new(text),
        vec![claim(line, line + 42, 0.2), claim(last, last + 3, 0.2)],
        (&[], &[]),
    );
    assert_eq!(ranked.len(), 1, "a marker alone is no claim");
    assert_eq!(
        slice_cp(text, ranked[0].start, ranked[0].end),
        "22 billion dollars were spent since 2014"
    );
    assert_eq!(
        ranked[0].excerpt(),
        "22 billion dollars were spent since 2014"
    );
}

#[test]
fn a_claim_mostly_outside_a_quote_has_no_claimant() {
    let quotes = crate::core::suggest::quotes(TEXT);
    let q = &quotes[0];
    // The quote's span and much more after it.
    assert_eq!(
        claimant(q.start, q.end + 3 * (q.end - q.start), &quotes),
        None
    );
    assert_eq!(
        claimant(q.start + 2, q.end - 2, &quotes).as_deref(),
        Some("Rex Tillerson")
    );
    assert_eq!(claimant(0, 5, &quotes), None);
}

#[test]
fn live_leaves_out_dismissed_and_annotated_suggestions_of_the_same_kind() {
    let article = Uuid::from_u128(1);
    let q = quote_of(TEXT);
    let deficit = cp_of(TEXT, "The deficit");
    let c = Suggestion {
        kind: Kind::Claim,
        start: deficit,
        end: deficit + 40,
        who: None,
        score: Some(900),
        key: Suggestion::key_of(Kind::Claim, slice_cp(TEXT, deficit, deficit + 40)),
    };
    let found = vec![q.clone(), c.clone()];
    let none: Vec<Annotation> = Vec::new();
    assert_eq!(live(&found, &none, &SortedSet::new()), found);

    // A claim annotation on the quote's span does not hide the quote suggestion.
    let claim_on_quote = Annotation::new(
        Uuid::from_u128(2),
        article,
        Kind::Claim,
        TEXT,
        q.start,
        q.end,
        now(),
    );
    assert_eq!(live(&found, [&claim_on_quote], &SortedSet::new()), found);
    // A quote annotation over most of it does; a short one inside it does not.
    let quote_ann = Annotation::new(
        Uuid::from_u128(3),
        article,
        Kind::Quote,
        TEXT,
        q.start + 1,
        q.end,
        now(),
    );
    assert_eq!(
        live(&found, [&quote_ann], &SortedSet::new()),
        vec![c.clone()]
    );
    let short = Annotation::new(
        Uuid::from_u128(4),
        article,
        Kind::Quote,
        TEXT,
        q.start,
        q.start + 4,
        now(),
    );
    assert_eq!(live(&found, [&short], &SortedSet::new()), found);
    // A long annotation starting well before still counts (the search reaches back).
    let long = Annotation::new(
        Uuid::from_u128(5),
        article,
        Kind::Claim,
        TEXT,
        0,
        deficit + 40,
        now(),
    );
    let nested = Annotation::new(Uuid::from_u128(6), article, Kind::Claim, TEXT, 1, 3, now());
    assert_eq!(
        live(&found, [&nested, &long], &SortedSet::new()),
        vec![q.clone()]
    );
    // An orphan annotation hides nothing.
    let mut orphan = quote_ann.clone();
    orphan.anchoring = crate::core::model::Anchoring::Orphan;
    assert_eq!(live(&found, [&orphan], &SortedSet::new()), found);

    let dismissed: SortedSet<String> = [q.key.clone()].into();
    assert_eq!(live(&found, &none, &dismissed), vec![c]);
}

#[test]
fn accepting_makes_an_annotation_with_the_speaker_or_claimant() {
    let article = Uuid::from_u128(1);
    let q = quote_of(TEXT);
    let a = accept(&q, Uuid::from_u128(9), article, TEXT, now());
    assert_eq!(a.kind(), Kind::Quote);
    assert_eq!((a.start, a.end), (q.start, q.end));
    assert_eq!(a.quote.exact, "We will not back down from this agreement,");
    assert_eq!(a.who(), "Rex Tillerson");
    assert_eq!(a.article_id, article);
    let c = Suggestion {
        kind: Kind::Claim,
        who: None,
        score: Some(800),
        ..q
    };
    let a = accept(&c, Uuid::from_u128(10), article, TEXT, now());
    assert_eq!(a.kind(), Kind::Claim);
    assert_eq!(a.who(), "");
}

#[test]
fn j_and_k_stop_at_the_ends() {
    assert_eq!(step(0, None, true), None);
    assert_eq!(step(3, None, true), Some(0));
    assert_eq!(step(3, None, false), Some(2));
    assert_eq!(step(3, Some(0), true), Some(1));
    assert_eq!(step(3, Some(2), true), Some(2));
    assert_eq!(step(3, Some(0), false), Some(0));
    // A focus past the end (the list shrank) comes back inside it.
    assert_eq!(step(2, Some(5), false), Some(1));
    assert_eq!(step(2, Some(5), true), Some(1));
}

#[test]
fn announcements_name_the_place_the_kind_and_who() {
    let found = find(TEXT, Err(String::new()));
    assert_eq!(
        announce(&found.suggestions, 0),
        "Suggestion 1 of 1. Quote by Rex Tillerson: “We will not back down from this agreement,”"
    );
    assert_eq!(announce(&[], 0), "No suggestions.");
    let c = Suggestion {
        kind: Kind::Claim,
        start: 0,
        end: 3,
        who: None,
        score: Some(876),
        key: Suggestion::key_of(Kind::Claim, "Rex"),
    };
    assert_eq!(c.describe(), "Claim, score 0.88: “Rex”");
    assert_eq!(c.excerpt(), "Rex");
}

#[test]
fn scores_read_as_hundredths() {
    let with = |score| Suggestion {
        kind: Kind::Claim,
        start: 0,
        end: 1,
        who: None,
        score: Some(score),
        key: String::new(),
    };
    assert_eq!(with(876).score_label().as_deref(), Some("0.88"));
    assert_eq!(with(5).score_label().as_deref(), Some("0.01"));
    assert_eq!(with(0).score_label().as_deref(), Some("0.00"));
    assert_eq!(with(1000).score_label().as_deref(), Some("1.00"));
    assert_eq!(with(u16::MAX).score_label().as_deref(), Some("1.00"));
    assert_eq!(thousandths(0.8765), 877);
    assert_eq!(thousandths(f32::NAN), 0);
}

#[test]
fn focus_stays_on_its_suggestion_or_moves_to_the_one_in_its_place() {
    let mk = |k: &str| Suggestion {
        kind: Kind::Quote,
        start: 0,
        end: 1,
        who: None,
        score: None,
        key: k.to_owned(),
    };
    let list = vec![mk("quote:a"), mk("quote:b"), mk("quote:c")];
    assert_eq!(refocus(&list, Some("quote:c"), Some(0)), Some(2));
    assert_eq!(refocus(&list, Some("quote:gone"), Some(1)), Some(1));
    assert_eq!(refocus(&list, Some("quote:gone"), Some(7)), Some(2));
    assert_eq!(refocus(&[], Some("quote:gone"), Some(0)), None);
    assert_eq!(refocus(&list, None, None), None);
}

#[test]
fn status_and_announcements_count_in_words() {
    let mk = |kind| Suggestion {
        kind,
        start: 0,
        end: 1,
        who: None,
        score: None,
        key: Suggestion::key_of(kind, "x"),
    };
    let list = vec![mk(Kind::Quote), mk(Kind::Claim), mk(Kind::Claim)];
    assert_eq!(arrived(&list), "1 quote and 2 claims suggested.");
    assert_eq!(
        status_line(&list),
        "1 quote and 2 claims to review. J and K move through them, Enter accepts, X dismisses."
    );
    assert_eq!(status_line(&[]), "No suggestions to review.");
    assert_eq!(
        after_decision(Kind::Quote, true, &list, Some(1)),
        "Accepted as a quote. Suggestion 2 of 3. Claim: “x”"
    );
    assert_eq!(
        after_decision(Kind::Claim, false, &[], None),
        "Dismissed. No suggestions left."
    );
}

#[test]
fn keys_hold_kind_and_text_and_are_bounded() {
    assert_eq!(
        Suggestion::key_of(Kind::Quote, "“Ça va” 🙂"),
        "quote:“Ça va” 🙂"
    );
    let long = "é".repeat(500);
    assert_eq!(
        Suggestion::key_of(Kind::Claim, &long).chars().count(),
        6 + 200
    );
}

#[test]
fn dismissed_sets_round_trip_through_meta_and_odd_records_are_ignored() {
    let a = Uuid::from_u128(7);
    let set: SortedSet<String> = ["quote:x".to_owned(), "claim:y".to_owned()].into();
    let mut meta = BTreeMap::new();
    meta.insert(dismissed_key(a), dismissed_value(&set));
    meta.insert("dismissed:not-a-uuid".into(), dismissed_value(&set));
    meta.insert(dismissed_key(Uuid::from_u128(8)), Value::from("a string"));
    meta.insert(
        dismissed_key(Uuid::from_u128(9)),
        serde_json::json!(["ok", 3, null]),
    );
    meta.insert("settings".into(), serde_json::json!({}));
    let read = dismissed_from_meta(&meta);
    assert_eq!(read.len(), 2);
    assert_eq!(read[&a], set);
    assert_eq!(read[&Uuid::from_u128(9)], ["ok".to_owned()].into());
}

#[test]
fn found_travels_as_json() {
    let found = find(TEXT, Err("x".into()));
    let json = serde_json::to_string(&found).unwrap();
    assert_eq!(serde_json::from_str::<Found>(&json).unwrap(), found);
}

/// The model the app ships (`assets/claims-model.bin`).
fn shipped() -> ClaimModel {
    ClaimModel::from_bytes(include_bytes!("../../../assets/claims-model.bin")).unwrap()
}

#[test]
fn the_shipped_model_suggests_sentences_with_figures_first_and_not_greetings() {
    let text = "Thank you very much, everyone.\n\
                Unemployment fell to 4.1 percent in 2017, the lowest rate in 17 years.\n\
                I think that is wonderful.\n\
                “Our exports grew by 12 percent last year, more than any other state,” \
                Governor Ana Ruiz said.";
    let found = find(text, Ok(&shipped()));
    assert_eq!(found.claims_unavailable, None);
    let claims: Vec<&Suggestion> = found
        .suggestions
        .iter()
        .filter(|s| s.kind == Kind::Claim)
        .collect();
    let texts: Vec<&str> = claims
        .iter()
        .map(|c| slice_cp(text, c.start, c.end))
        .collect();
    assert!(
        texts.iter().any(|t| t.starts_with("Unemployment fell")),
        "{texts:?}"
    );
    assert!(
        !texts
            .iter()
            .any(|t| t.starts_with("Thank you") || t.starts_with("I think")),
        "{texts:?}"
    );
    // The claim in the governor's quote is hers.
    if let Some(c) = claims
        .iter()
        .find(|c| slice_cp(text, c.start, c.end).contains("exports"))
    {
        assert_eq!(c.who.as_deref(), Some("Ana Ruiz"));
    }
}

#[test]
fn a_claim_in_a_transcript_is_its_speakers_and_a_quote_inside_keeps_its_own() {
    // A debate printed as a transcript: no quotation marks, each turn opened by its
    // speaker's label. The claims are the speakers'; words one of them quotes are the quoted
    // person's.
    let text = "The debate between Governor Ana Ruiz and Senator Tom Reed in Lisbon.\n\
                MODERATOR: Governor, what about jobs?\n\
                RUIZ: Unemployment fell to 4.1 percent in 2017, the lowest rate in 17 years.\n\
                REED: Our exports grew by 12 percent last year, more than any other state. \
                As Mayor Lia Costa put it, “taxes rose by 30 percent in four years in this city.”\n\
                RUIZ: Thank you.";
    let found = find(text, Ok(&shipped()));
    let who = |needle: &str, kind: Kind| {
        found
            .suggestions
            .iter()
            .find(|s| s.kind == kind && slice_cp(text, s.start, s.end).contains(needle))
            .map(|s| s.who.clone())
    };
    assert_eq!(
        who("Unemployment fell", Kind::Claim),
        Some(Some("Ana Ruiz".to_owned()))
    );
    // The label is not part of the claim.
    let claim = found
        .suggestions
        .iter()
        .find(|s| s.kind == Kind::Claim && slice_cp(text, s.start, s.end).contains("Unemployment"))
        .unwrap();
    assert_eq!(
        slice_cp(text, claim.start, claim.end),
        "Unemployment fell to 4.1 percent in 2017, the lowest rate in 17 years."
    );
    assert_eq!(
        who("exports grew", Kind::Claim),
        Some(Some("Tom Reed".to_owned()))
    );
    assert_eq!(
        who("taxes rose", Kind::Quote),
        Some(Some("Lia Costa".to_owned()))
    );
    assert_eq!(
        who("taxes rose", Kind::Claim).flatten().as_deref(),
        Some("Lia Costa")
    );
    // The claims score as the same lines printed without labels do (the transcripts the model
    // was trained on), a label on a line of its own included.
    let lines = "The debate between Governor Ana Ruiz and Senator Tom Reed in Lisbon.\n\
                 Governor, what about jobs?\n\
                 Unemployment fell to 4.1 percent in 2017, the lowest rate in 17 years.\n\
                 Our exports grew by 12 percent last year, more than any other state.\n\
                 Thank you.\n\
                 Thank you.";
    let labelled = "The debate between Governor Ana Ruiz and Senator Tom Reed in Lisbon.\n\
                    MODERATOR: Governor, what about jobs?\n\
                    Ana Ruiz: (04:12)\n\
                    Unemployment fell to 4.1 percent in 2017, the lowest rate in 17 years.\n\
                    REED: Our exports grew by 12 percent last year, more than any other state.\n\
                    Ana Ruiz: (05:01)\n\
                    Thank you.\n\
                    MODERATOR: Thank you.";
    let scores = |text: &str| -> Vec<(String, u16)> {
        let mut v: Vec<(String, u16)> = find(text, Ok(&shipped()))
            .suggestions
            .into_iter()
            .filter(|s| s.kind == Kind::Claim)
            .map(|s| (slice_cp(text, s.start, s.end).to_owned(), s.score.unwrap()))
            .collect();
        v.sort();
        v
    };
    assert_eq!(scores(labelled), scores(lines));
    assert!(!scores(lines).is_empty());
    // The same sentences with no labels: no claimant.
    let plain = text
        .replace("MODERATOR: ", "")
        .replace("RUIZ: ", "")
        .replace("REED: ", "");
    let found = find(&plain, Ok(&shipped()));
    let claim = found
        .suggestions
        .iter()
        .find(|s| {
            s.kind == Kind::Claim && slice_cp(&plain, s.start, s.end).contains("Unemployment")
        })
        .expect("the claim is suggested without labels too");
    assert_eq!(claim.who, None);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
    #[test]
    fn no_text_makes_the_suggester_panic_or_point_outside_it(
        text in "(\\PC|[“”„«»‹›\"'‘’\n .,:;!?0-9%$]){0,400}"
    ) {
        let len = text.chars().count();
        let found = find(&text, Ok(&shipped()));
        let mut last_score = u16::MAX;
        for s in &found.suggestions {
            proptest::prop_assert!(s.start < s.end && s.end <= len);
            if let Some(score) = s.score {
                proptest::prop_assert!(score <= 1000 && score <= last_score);
                proptest::prop_assert!(score >= thousandths(CLAIM_MIN_SCORE));
                last_score = score;
            }
        }
    }
}

#[test]
fn a_text_in_another_language_gets_no_claims_and_says_why() {
    let text = "La inflación subió al 4,1 por ciento en 2017, la tasa más alta en 17 años, \
                según el instituto de estadística. Los precios de la vivienda crecieron un 12 \
                por ciento el año pasado, más que en cualquier otra región del país. La \
                ministra de Economía, Ana Ruiz, dijo: «Nuestras exportaciones crecieron más que \
                nunca y seguirán creciendo durante los próximos cinco años».";
    let found = find(text, Ok(&shipped()));
    assert_eq!(found.claims_unavailable.as_deref(), Some(NOT_ENGLISH));
    assert_eq!(found.counts(), (1, 0));
    // Its speaker is read by Spanish words.
    assert_eq!(found.suggestions[0].who.as_deref(), Some("Ana Ruiz"));
    // A text in a language without words for speakers says so too (Turkish).
    let turkish = "Hükümet pazartesi günü elektrik fiyatları için yeni bir plan açıkladı. \
                   Cumhurbaşkanı planın aileler ve şirketler için önemli bir adım olduğunu \
                   söyledi. Muhalefet ise planın çok geç geldiğini ve bütçesinin belli \
                   olmadığını belirtti. Belediyeler de hükümetten bir cevap bekliyor. \
                   Ekonomistler planın enflasyonu düşürmeyeceğini düşünüyor ve piyasalar kararı \
                   bekliyor. Sendikalar yarın büyük bir toplantı yapacak.\n\
                   «Aileleri bu planla destekleyeceğiz», dedi Bakan Mehmet Yılmaz gazetecilere.";
    let found = find(turkish, Ok(&shipped()));
    assert_eq!(found.claims_unavailable.as_deref(), Some(NO_SPEAKERS));
    assert_eq!(found.counts(), (1, 0));
    assert_eq!(found.suggestions[0].who, None);
    // The same facts in English get claims.
    let english = "Inflation rose to 4.1 percent in 2017, the highest rate in 17 years, the \
                   statistics office said. House prices grew by 12 percent last year, more than \
                   in any other region of the country. The economy minister, Ana Ruiz, said: \
                   “Our exports grew more than ever and will keep growing for five years.”";
    let found = find(english, Ok(&shipped()));
    assert_eq!(found.claims_unavailable, None);
    assert!(found.counts().1 > 0);
}
