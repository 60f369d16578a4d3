use super::*;

/// The quotes' texts and speakers' names.
fn found(text: &str) -> Vec<(String, Option<String>)> {
    let chars: Vec<char> = text.chars().collect();
    let english = reads_as_english(text);
    quotes(text)
        .into_iter()
        .map(|q| {
            let quote: String = chars[q.start..q.end].iter().collect();
            // (In another language, a pronoun's span may be a verb's: "a-t-il", "señaló".)
            if let Some(s) = q.speaker.as_ref().filter(|_| english) {
                let at: String = chars[s.start..s.end].iter().collect();
                // The span is where the name (or its shorter form, or a pronoun) stands.
                let pronoun = lexicon::PRONOUNS.contains(&at.to_lowercase().as_str())
                    || at == "who"
                    || at == "which";
                let last = names::folded(at.split(' ').next_back().unwrap());
                assert!(
                    pronoun || names::folded(&s.name).ends_with(&last),
                    "{at} / {}",
                    s.name
                );
            }
            (quote, q.speaker.map(|s| s.name))
        })
        .collect()
}

fn q(quote: &str, speaker: Option<&str>) -> (String, Option<String>) {
    (quote.to_owned(), speaker.map(str::to_owned))
}

#[test]
fn curly_quotes_with_inverted_and_plain_attribution() {
    let t = "Rex Tillerson met reporters.\n“We will not back down from this,” said Tillerson.\n\
             “The talks went well for everyone,” Tillerson told reporters on Tuesday.";
    assert_eq!(
        found(t),
        vec![
            q("We will not back down from this,", Some("Rex Tillerson")),
            q("The talks went well for everyone,", Some("Rex Tillerson")),
        ]
    );
}

#[test]
fn titles_appositives_pronouns_and_according_to() {
    let t = "Foreign Minister Mevlut Cavusoglu said: “Turkey will act on its own if it must.”\n\
             Angela Merkel, the German chancellor, said “the alliance remains strong and united.”\n\
             “We have done our part in this,” she said.\n\
             According to Merkel, “nobody wants a long war here.”";
    assert_eq!(
        found(t),
        vec![
            q(
                "Turkey will act on its own if it must.",
                Some("Mevlut Cavusoglu")
            ),
            q(
                "the alliance remains strong and united.",
                Some("Angela Merkel")
            ),
            q("We have done our part in this,", Some("Angela Merkel")),
            q("nobody wants a long war here.", Some("Angela Merkel")),
        ]
    );
}

#[test]
fn an_institution_keeps_its_name_and_the_ministry_stands_for_it() {
    // "Defense", "State", "Foreign" are titles before a person's name ("Defense Secretary
    // Ash Carter"), not before an institution's last word.
    let t = "Russia’s Defense Ministry on Sunday confirmed the strike on “military command \
             and control facilities.”\n\
             The ministry added that it would “respond to every attack.”\n\
             The State Department said it was “deeply concerned.”\n\
             The Foreign Ministry of the other side called it “a provocation.”\n\
             Defense Secretary Ash Carter said the strike was “reckless.”";
    assert_eq!(
        found(t),
        vec![
            q(
                "military command and control facilities.",
                Some("Russia’s Defense Ministry")
            ),
            q(
                "respond to every attack.",
                Some("Russia’s Defense Ministry")
            ),
            q("deeply concerned.", Some("State Department")),
            q("a provocation.", Some("Foreign Ministry")),
            q("reckless.", Some("Ash Carter")),
        ]
    );
}

#[test]
fn newsroom_police_and_church_titles_are_not_part_of_the_name() {
    let t = "“We condemn the attack,” Ledger Editor-in-Chief Alma Reyes said.\n\
             “The road stays closed,” said Clark County Sheriff Joe Lombardo.\n\
             Rabbi Miriam Stein said the vigil was “for everyone.”\n\
             “The work is done,” said Harbour Lines CIO Tom Okafor.";
    assert_eq!(
        found(t),
        vec![
            q("We condemn the attack,", Some("Alma Reyes")),
            q("The road stays closed,", Some("Joe Lombardo")),
            q("for everyone.", Some("Miriam Stein")),
            q("The work is done,", Some("Tom Okafor")),
        ]
    );
}

#[test]
fn who_and_which_stand_for_the_description_before_them() {
    let t = "The mayor distanced herself from a council aide who said voters should “stop \
             funding the harbour.”\n\
             The board passed a motion which said the port “must stay public.”\n\
             Ana Ruiz, an engineer who advised Tom Reed on the harbour bridge, said the bridge was \
             “safe for a century.”";
    assert_eq!(
        found(t),
        vec![
            q("stop funding the harbour.", Some("a council aide")),
            q("must stay public.", Some("a motion")),
            q("safe for a century.", Some("Ana Ruiz")),
        ]
    );
}

#[test]
fn a_serial_number_or_a_negated_verb_is_nobodys_name() {
    let t = "Chad Hawk, a collector, said: “It is very rare.”\n\
             The serial number must fall between B03200001*-B09600000*.\n\
             “Look online first,” he said.\n\
             Don’t say “it was a bargain.”";
    assert_eq!(
        found(t),
        vec![
            q("It is very rare.", Some("Chad Hawk")),
            q("Look online first,", Some("Chad Hawk")),
            q("it was a bargain.", None),
        ]
    );
}

#[test]
fn every_kind_of_mark_and_apostrophes_that_are_not_quotes() {
    let t = "„Wir schaffen das, sagte sie“, schrieb Müller.\n\
             «Nous ne céderons pas sur ce point», a dit Macron.\n\
             The students’ union said it wasn’t told: ‘we will strike next week,’ said Jo Bloggs.\n\
             He called it \"a very bad deal for us\" on Monday.\n\
             It's O’Brien's 'so-called' plan.";
    let got = found(t);
    let texts: Vec<&str> = got.iter().map(|(q, _)| q.as_str()).collect();
    assert_eq!(
        texts,
        vec![
            "Wir schaffen das, sagte sie",
            "Nous ne céderons pas sur ce point",
            "we will strike next week,",
            "a very bad deal for us",
        ]
    );
    // "so-called" is one word in marks: a scare quote, not speech.
    assert_eq!(got[2].1.as_deref(), Some("Jo Bloggs"));
}

#[test]
fn a_quote_over_several_paragraphs_and_a_floating_quote() {
    let t = "“The first part of the statement runs here,\n\
             “and the second paragraph opens with a mark,\n\
             “and the third one closes it at last,” said Ana Lima.\n\
             “This paragraph has no verb at all.”\n\
             Then nothing quoted.";
    let got = found(t);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got[0].0.starts_with("The first part") && got[0].0.ends_with("at last,"));
    assert!(got[0].0.contains('\n'));
    assert_eq!(got[0].1.as_deref(), Some("Ana Lima"));
    // The floating quote takes the last speaker.
    assert_eq!(
        got[1],
        q("This paragraph has no verb at all.", Some("Ana Lima"))
    );
}

#[test]
fn nested_quotes_stay_inside_and_no_speaker_is_left_empty() {
    let t = "“He told me ‘never again’ and left the room,” the witness recalled.\n\
             A sign, “closed until further notice for repairs,” hung on the door.";
    let got = found(t);
    assert_eq!(got[0].0, "He told me ‘never again’ and left the room,");
    // A description stands for the speaker when no name does.
    assert_eq!(got[0].1.as_deref(), Some("the witness"));
    // Nobody says the sign's words: the quote is suggested without a speaker.
    assert_eq!(got[1], q("closed until further notice for repairs,", None));
}

#[test]
fn offsets_are_code_points_and_nothing_panics() {
    let t = "😀 “Çok iyi bir gün oldu bugün,” dedi Ayşe.";
    let got = quotes(t);
    assert_eq!(got.len(), 1);
    let chars: Vec<char> = t.chars().collect();
    assert_eq!(got[0].start, 3);
    assert_eq!(
        chars[got[0].start..got[0].end].iter().collect::<String>(),
        "Çok iyi bir gün oldu bugün,"
    );
    for t in [
        "",
        "“",
        "”",
        "\"\"\"",
        "'",
        "«»",
        "“a\n“b\n“",
        "»‹›«",
        "said",
        "“x” said",
        "\n\n“",
    ] {
        let _ = quotes(t);
    }
}

proptest::proptest! {
    /// Whatever the text, quotes lie inside it, in order, without overlapping, and their
    /// speakers lie inside it too.
    #[test]
    fn quotes_are_ordered_spans_of_the_text(t in "[a-zA-Z “”„«»‹›\"'‘’\n.,:;!?😀é-]{0,200}") {
        let n = t.chars().count();
        let got = quotes(&t);
        let mut last_end = 0;
        for q in &got {
            proptest::prop_assert!(q.start < q.end && q.end <= n, "{q:?} in {n}");
            proptest::prop_assert!(q.start >= last_end, "overlap {got:?}");
            last_end = q.end;
            if let Some(s) = &q.speaker {
                proptest::prop_assert!(s.start < s.end && s.end <= n);
                proptest::prop_assert!(!s.name.is_empty());
            }
        }
    }
}

#[test]
fn a_name_never_runs_over_a_comma_and_initials_keep_their_period() {
    let t = "U.S. Secretary of State Rex W. Tillerson opened the meeting.\n\
             In remarks to the Ministerial, Secretary Tillerson stated that “we share a resolve to win.”";
    assert_eq!(
        found(t),
        vec![q("we share a resolve to win.", Some("Rex W. Tillerson"))]
    );
}

#[test]
fn short_quotes_only_where_someone_says_them() {
    let t = "Trump called the deal a “disgrace” on Monday.\n\
             The musical “Hamilton” opened in “New York”.\n\
             Rep. Elijah Cummings said the plan was “dead on arrival.”\n\
             McConnell, R-Ky., said “we will see about that.”";
    assert_eq!(
        found(t),
        vec![
            q("disgrace", Some("Trump")),
            q("dead on arrival.", Some("Elijah Cummings")),
            q("we will see about that.", Some("McConnell")),
        ]
    );
}

#[test]
fn a_verb_after_a_tough_adjective_reports_nothing() {
    // "maintain" reports speech ("he maintained that …"), but "tough to maintain" says what
    // is hard to do with the subject: a scare quote in that sentence has no speaker, and so
    // is not suggested.
    let t = "The city’s aging network is tough to maintain, and “freeze-thaw” cycles make \
             it worse.\n\
             The mayor is hard to read, aides say, and “unpredictable.”\n\
             Lima maintained that the pipes were “perfectly safe.”";
    assert_eq!(
        found(t),
        vec![
            q("unpredictable.", Some("aides")),
            q("perfectly safe.", Some("Lima")),
        ]
    );
}

#[test]
fn a_progressive_is_said_by_its_own_subject_unless_a_report_comes_first() {
    let t = "I was not allowed to try it, and what Apple is calling “spatial” photos were off.\n\
             Lima said the aides were calling “every 15 minutes.”";
    assert_eq!(
        found(t),
        vec![
            q("spatial", Some("Apple")),
            q("every 15 minutes.", Some("Lima")),
        ]
    );
}

#[test]
fn a_verb_after_a_modal_is_what_the_reporter_expects_not_a_report() {
    // Made-up text. "will say" is what Mara Lind expects the voters to say: her words.
    let t = "Mara Lind said she expected that voters will say “no” to the new levy.\n\
             Tom Reyes said the council members, whom he described as “reckless,” had left.";
    assert_eq!(
        found(t),
        vec![
            q("no", Some("Mara Lind")),
            q("reckless,", Some("Tom Reyes")),
        ]
    );
}

#[test]
fn a_subject_before_a_phrase_of_place_or_occasion_and_a_titled_name_after_with() {
    // Made-up text.
    let t = "Mara Lind at a rally in Dayton said the plan was “a gift to the banks.”\n\
             Tom Reyes in his first speech called the levy “a tax on every family.”\n\
             Critics wanted more detail, with Sen. Ada Noor calling the bill “an empty shell.”";
    assert_eq!(
        found(t),
        vec![
            q("a gift to the banks.", Some("Mara Lind")),
            q("a tax on every family.", Some("Tom Reyes")),
            q("an empty shell.", Some("Ada Noor")),
        ]
    );
}

#[test]
fn a_verb_of_belief_gives_a_source_unless_a_report_of_speech_holds_it() {
    // Made-up text.
    let t = "Ana Lima believes the levy is “a tax on every family in the county.”\n\
             Asked about officials who agree with him, Tom Reed said he thought that the \
             delays were “a very big factor.”";
    assert_eq!(
        found(t),
        vec![
            q("a tax on every family in the county.", Some("Ana Lima")),
            q("a very big factor.", Some("Tom Reed")),
        ]
    );
}

#[test]
fn a_participle_after_a_quote_and_a_possessor_of_a_slogan() {
    // Made-up text. Without the first quote's words, "of" stands before "saying"; the comma
    // between them says it is no determiner.
    let t = "Ana Lima has delivered a defense of “small town values,” saying the town \
             embodied the “heart and soul of the valley.”\n\
             Tom Reed’s campaign slogan is “Roads first, always.”";
    assert_eq!(speakers(t), some(&["", "Ana Lima", "Tom Reed"]));
}

#[test]
fn a_clause_after_a_semicolon_does_not_attribute_the_quote_before_it() {
    // Made-up text.
    let t = "The former mayor calls it her “rule of three for every budget”; rivals deride \
             it as caution.";
    assert_eq!(speakers(t), some(&["The former mayor"]));
}

#[test]
fn whoever_introduces_or_lauds_someone_with_quoted_words_says_them() {
    // Made-up text.
    let t = "Ben Ode spoke first. Ana Lima introduced him as “a builder of bridges in every \
             sense” and sat down.";
    assert_eq!(speakers(t), some(&["Ana Lima"]));
    let u = "The governor lauded Ana Lima in his address for her “steady hand in a hard year.”";
    assert_eq!(speakers(u), some(&["The governor"]));
}

#[test]
fn an_outlet_an_occupation_or_a_party_before_a_name_is_no_part_of_it() {
    // Made-up text.
    let t = "“The vote was close,” CNN’s Ana Lima said.\n\
             “We will be back,” Actor Tom Reed said.\n\
             “It is a fine plan,” said Republican Donald Ode.\n\
             “We disagree,” the Republican Party said.";
    assert_eq!(
        speakers(t),
        some(&["Ana Lima", "Tom Reed", "Donald Ode", "Republican Party"])
    );
    // A plural title ("Sens.", "Reps.") before the first of the names it stands for.
    let u = "Sens. Ana Lima and Tom Reed wrote to the agency. “We expect answers,” Lima said.";
    assert_eq!(speakers(u), some(&["Ana Lima"]));
    // A person's thing of one word keeps its owner: the name of a thing, not a person
    // ("Ana Lima's" would be the owner of "Shield").
    let v = "“It will protect the north,” Ana’s Shield, the new system, promised in its brochure.";
    assert_eq!(speakers(v), some(&["Ana’s Shield"]));
}

#[test]
fn a_person_in_a_title_case_headline_is_named_without_the_words_before() {
    // Made-up text: the headline's capitalised words run into the name.
    let t = "More Angry Words Donald Ode Has Said About Farmers\n\n\
             Donald Ode spoke in Salem on Friday. “Farmers are not my problem,” he said.";
    assert_eq!(speakers(t), some(&["Donald Ode"]));
    // A story's first line that is no headline in title case keeps its names whole.
    let u = "The board met on Friday and Vice Chair Ana Maria Lind spoke.\n\n\
             “We will vote next week,” she said.";
    assert_eq!(speakers(u), some(&["Ana Maria Lind"]));
}

#[test]
fn a_name_opening_a_clause_speaks_its_participle_and_only_stands_before_a_verb() {
    // Made-up text.
    let t = "Both issued statements – Ana Lima saying she was “very pleased” and Tom Reed \
             calling it a “fine day for the town.”\n\
             The timing was so odd that a spokesman for the mayor could only quip: “I guess \
             the hall was booked.”";
    assert_eq!(
        speakers(t),
        some(&["Ana Lima", "Tom Reed", "a spokesman for the mayor"])
    );
}

#[test]
fn a_floating_quote_goes_on_with_the_report_in_the_paragraph_before() {
    // Made-up text: the quote alone in its paragraph follows Lind's report in indirect
    // speech, not Reyes's quote before it.
    let t = "“We will look at every option,” Tom Reyes said.\n\n\
             Mara Lind said that for years critics had predicted the plant would close, but \
             it would not.\n\n\
             “That is because this town still makes what the country needs.”";
    assert_eq!(
        found(t),
        vec![
            q("We will look at every option,", Some("Tom Reyes")),
            q(
                "That is because this town still makes what the country needs.",
                Some("Mara Lind")
            ),
        ]
    );
}

#[test]
fn a_source_after_according_to_and_a_subject_with_a_relative_clause() {
    let t = "The code would protect, according to the explanatory notes of the bill, \
             “the confidentiality of sources.”\n\
             The mother of a woman who took pills bought online has described how her daughter \
             was “burning up from within.”";
    assert_eq!(
        found(t),
        vec![
            q(
                "the confidentiality of sources.",
                Some("the explanatory notes of the bill")
            ),
            q("burning up from within.", Some("The mother of a woman")),
        ]
    );
}

#[test]
fn an_institution_is_named_over_its_of() {
    let t = "Whales strand for many reasons, “sickness and extreme weather” among them, \
             according to the New Zealand Department of Conservation.\n\
             “It is over,” Sen. Tim Kaine of Virginia said.";
    assert_eq!(
        found(t),
        vec![
            q(
                "sickness and extreme weather",
                Some("New Zealand Department of Conservation")
            ),
            q("It is over,", Some("Tim Kaine")),
        ]
    );
}

#[test]
fn a_pronoun_skips_places_and_author_is_a_title() {
    let t = "Muhammad Sabir, a resident who lives near the damaged Subhan Mosque in Bahawalpur, \
             described the chaos.\n\
             “I heard three loud explosions,” he said.\n\
             Author Ana Lima, from Kensington, said she started reading at six.\n\
             “There is always a hero,” she said.";
    assert_eq!(
        found(t),
        vec![
            q("I heard three loud explosions,", Some("Muhammad Sabir")),
            q("There is always a hero,", Some("Ana Lima")),
        ]
    );
}

#[test]
fn a_pronoun_opening_a_subject_is_the_subject_without_its_contraction() {
    let t = "Jensen Huang spoke at the fair on Monday.\n\
             Of late, he seems focused on another vision for the future: “Sovereign AI.”\n\
             Ted Cruz spoke on Tuesday.\n\
             Cruz said he’s certain the party will be “a champion for all of us.”\n\
             Ana Lima said the talks had failed. “We are done,” she’s said to have told them.";
    assert_eq!(
        found(t),
        vec![
            q("Sovereign AI.", Some("Jensen Huang")),
            q("a champion for all of us.", Some("Ted Cruz")),
            q("We are done,", Some("Ana Lima")),
        ]
    );
}

#[test]
fn a_german_text_gets_its_speakers_by_german_words() {
    let t = "Die Regierung hat am Montag einen neuen Plan für die Energiepreise vorgestellt. \
             Bundeskanzlerin Angela Merkel sprach von einem wichtigen Schritt für das ganze Land \
             und für die Familien.\n\
             „Wir werden die Familien mit diesem Plan deutlich entlasten“, sagte Merkel in Berlin.\n\
             „Das ist ein guter Tag für die Bürger“, so Merkel.\n\
             Der Sprecher der Opposition sah das anders. „Der Plan kommt viel zu spät und ist \
             nicht bezahlt“, sagte er.\n\
             Sabine Weber ergänzt: „Die Kosten für die Kommunen sind nicht geklärt.“\n\
             „Wir prüfen den Vorschlag in den nächsten Wochen sehr genau“, erklärte die Ministerin \
             am Abend.\n\
             „Es ist gut“, sagte Ursula von der Leyen, „aber es reicht nicht.“";
    assert_eq!(
        found(t),
        vec![
            q(
                "Wir werden die Familien mit diesem Plan deutlich entlasten",
                Some("Angela Merkel")
            ),
            q(
                "Das ist ein guter Tag für die Bürger",
                Some("Angela Merkel")
            ),
            // "er" is not Angela Merkel, and the man is not named.
            q("Der Plan kommt viel zu spät und ist nicht bezahlt", None),
            q(
                "Die Kosten für die Kommunen sind nicht geklärt.",
                Some("Sabine Weber")
            ),
            q(
                "Wir prüfen den Vorschlag in den nächsten Wochen sehr genau",
                Some("die Ministerin")
            ),
            // One quote broken by its attribution is one quote, as in English.
            q(
                "Es ist gut“, sagte Ursula von der Leyen, „aber es reicht nicht.",
                Some("Ursula von der Leyen")
            ),
        ]
    );
}

#[test]
fn german_subjects_pronouns_and_sentence_openers() {
    let t = "Der Streit um die neue Regel geht weiter, und die Vereine warten auf eine Antwort \
             des Verbandes. Die Spieler sind unzufrieden, die Trainer auch.\n\
             „Es war ein Fehler“, sagte die Sportdirektorin. „Wir müssen reden“, sagte er.\n\
             Wenn jemand sagt: „Das ist nicht so schlimm“, dann irrt er sich.\n\
             „Das Spiel war fair“, sagte der dreimalige Weltmeister Peter Sagan.\n\
             Er schrieb dem Verband: „Die Regel muss weg.“\n\
             Pressesprecher Thomas Gartmann sagte dem Sender: „Die Maschine ist fertig.“\n\
             Die anderen sehen das auch so. Auch Andrij sagt: „Wir bleiben hier.“";
    assert_eq!(
        found(t),
        vec![
            q("Es war ein Fehler", Some("die Sportdirektorin")),
            // "er" is not the woman who spoke last, and no man has spoken yet.
            q("Wir müssen reden", None),
            // A word in lower case before the verb ("jemand") is no German subject, and the
            // word that opens the sentence ("Wenn") is no name.
            q("Das ist nicht so schlimm", None),
            q("Das Spiel war fair", Some("Peter Sagan")),
            q("Die Regel muss weg.", Some("Peter Sagan")),
            q("Die Maschine ist fertig.", Some("Thomas Gartmann")),
            // "Auch" opens the sentence and is written in lower case elsewhere ("auch"): no
            // part of the name.
            q("Wir bleiben hier.", Some("Andrij")),
        ]
    );
}

#[test]
fn a_french_text_gets_its_speakers_by_french_words() {
    let t = "Le gouvernement a présenté lundi un nouveau plan pour les prix de l'énergie. Le \
             ministre Bruno Le Maire a parlé d'une étape importante pour les familles et pour le \
             pays, qui attend depuis des mois.\n\
             « Nous allons aider les familles avec ce plan », a déclaré M. Le Maire.\n\
             « C'est une bonne journée pour les Français », a-t-il ajouté.\n\
             Selon Marie Dupont, « le coût pour les communes n'est pas encore clair ».\n\
             « Nous étudierons la proposition dans les prochaines semaines », explique la ministre \
             de la Santé.\n\
             Le maire de Lyon, Thomas Dupont, attend. « Le plan est trop lent », a dit M. Dupont.";
    assert_eq!(
        found(t),
        vec![
            q(
                "Nous allons aider les familles avec ce plan",
                Some("M. Le Maire")
            ),
            q(
                "C'est une bonne journée pour les Français",
                Some("M. Le Maire")
            ),
            q(
                "le coût pour les communes n'est pas encore clair",
                Some("Marie Dupont")
            ),
            q(
                "Nous étudierons la proposition dans les prochaines semaines",
                Some("la ministre de la Santé")
            ),
            // "M. Dupont" after "Thomas Dupont": the given name in place of the honorific.
            q("Le plan est trop lent", Some("Thomas Dupont")),
        ]
    );
}

#[test]
fn italian_portuguese_and_dutch_texts_get_their_speakers() {
    let italian = "Il governo ha presentato lunedì un nuovo piano per i prezzi dell'energia. La \
                   ministra Anna Bianchi ha parlato di un passo importante per le famiglie e per \
                   il paese, che lo attende da mesi.\n\
                   «Aiuteremo le famiglie con questo piano», ha detto Bianchi a Roma.\n\
                   «È una bella giornata per i cittadini», ha aggiunto.\n\
                   Secondo Marco Rossi, «il piano arriva tardi e non è pagato».";
    assert_eq!(
        found(italian),
        vec![
            q(
                "Aiuteremo le famiglie con questo piano",
                Some("Anna Bianchi")
            ),
            // Italian drops the subject: the last speaker named.
            q("È una bella giornata per i cittadini", Some("Anna Bianchi")),
            q("il piano arriva tardi e non è pagato", Some("Marco Rossi")),
        ]
    );
    let portuguese = "O governo apresentou na segunda-feira um novo plano para os preços da \
                      energia. A ministra Ana Costa falou de um passo importante para as famílias \
                      e para o país, que espera há meses.\n\
                      “Vamos ajudar as famílias com este plano”, disse Costa em Lisboa.\n\
                      “É um bom dia para os cidadãos”, afirmou a ministra.\n\
                      Segundo o porta-voz da oposição, “o plano chega tarde e não está pago”.";
    assert_eq!(
        found(portuguese),
        vec![
            q("Vamos ajudar as famílias com este plano", Some("Ana Costa")),
            q("É um bom dia para os cidadãos", Some("a ministra")),
            q(
                "o plano chega tarde e não está pago",
                Some("o porta-voz da oposição")
            ),
        ]
    );
    let dutch = "De regering heeft maandag een nieuw plan voor de energieprijzen gepresenteerd. \
                 Minister Anna de Vries sprak van een belangrijke stap voor de gezinnen en voor \
                 het land, dat er al maanden op wacht.\n\
                 “We gaan de gezinnen met dit plan helpen”, zei Anna de Vries in Den Haag.\n\
                 “Het is een goede dag voor de burgers”, aldus de minister.\n\
                 Volgens Peter Jansen is “het plan te laat en niet betaald”.";
    assert_eq!(
        found(dutch),
        vec![
            q(
                "We gaan de gezinnen met dit plan helpen",
                Some("Anna de Vries")
            ),
            q("Het is een goede dag voor de burgers", Some("de minister")),
            q("het plan te laat en niet betaald", Some("Peter Jansen")),
        ]
    );
}

#[test]
fn a_text_in_a_language_without_a_lexicon_gets_its_quotes_without_speakers() {
    // Turkish: none of the languages read, and not English.
    let t = "Hükümet pazartesi günü elektrik fiyatları için yeni bir plan açıkladı. \
             Cumhurbaşkanı planın aileler ve şirketler için önemli bir adım olduğunu söyledi. \
             Muhalefet ise planın çok geç geldiğini ve bütçesinin belli olmadığını belirtti. \
             Belediyeler de hükümetten bir cevap bekliyor. Ekonomistler planın enflasyonu \
             düşürmeyeceğini düşünüyor ve piyasalar kararı bekliyor. Sendikalar yarın büyük bir \
             toplantı yapacak.\n\
             «Aileleri bu planla destekleyeceğiz», dedi Bakan Mehmet Yılmaz gazetecilere.";
    assert!(!reads_as_english(t));
    assert_eq!(
        lexicon::other_language(&t.chars().collect::<Vec<_>>()),
        None
    );
    assert_eq!(
        found(t),
        vec![q("Aileleri bu planla destekleyeceğiz", None)]
    );
}

#[test]
fn a_spanish_text_gets_its_speakers_by_spanish_words() {
    // "declare" is an English reporting verb, not a Spanish one: "Aunque el líder…" is no
    // speaker; "María López, vecina del barrio, dijo:" is, over her appositive.
    let t = "La ciudad vivió una semana de protestas en el centro y en los barrios del sur. \
             Los vecinos salieron a la calle cada noche con cacerolas y carteles pintados a \
             mano. Aunque el líder más radicalizado declare que propician \
             \"un proceso de autonomía sin pedir permiso\", la mayoría prefiere el diálogo con \
             el gobierno. María López, vecina del barrio, dijo: «Queremos agua, luz y \
             escuelas». La alcaldesa respondió con una \"mesa de trabajo\" para el lunes.";
    assert_eq!(
        found(t),
        vec![
            q("un proceso de autonomía sin pedir permiso", None),
            // The sentence ends after the closing guillemet ("escuelas». La …"): two quotes.
            q("Queremos agua, luz y escuelas", Some("María López")),
            q("mesa de trabajo", Some("La alcaldesa")),
        ]
    );
    assert!(!lexicon::is_english(&t.chars().collect::<Vec<_>>()));
    // English text, however short its words, is read with the rules.
    let english = "Ana Lima said the game was “a triumph.” ".repeat(10);
    assert!(lexicon::is_english(&english.chars().collect::<Vec<_>>()));
    // So is an English table of names and figures, short of function words of any language.
    let table = "Results by county. Adams County: Lima 4,210, Reed 3,977, Stone 1,204. \
                 Brown County: Lima 2,031, Reed 2,560, Stone 877. "
        .repeat(5);
    let chars: Vec<char> = table.chars().collect();
    assert!(lexicon::is_english(&chars));
    // A text with next to no English function words and none of the other languages listed
    // (here isiZulu) is not.
    let zulu = "Ngithole ucingo lapho engiqashe khona lungazisa ukuthi umama akaphilile. \
                Ngahluleka nokuzibamba ngamemeza igama lomsolwa ngambuza ukuthi usenzeni. "
        .repeat(4);
    assert!(!lexicon::is_english(&zulu.chars().collect::<Vec<_>>()));
}

#[test]
fn a_clitic_comes_off_after_either_apostrophe() {
    assert_eq!(lexicon::strip_clitic("Trump’s", "s"), Some("Trump"));
    assert_eq!(lexicon::strip_clitic("senator's", "s"), Some("senator"));
    assert_eq!(lexicon::strip_clitic("you’re", "re"), Some("you"));
    assert_eq!(lexicon::strip_clitic("I'm", "m"), Some("I"));
    // No apostrophe, or another ending: nothing comes off.
    assert_eq!(lexicon::strip_clitic("its", "s"), None);
    assert_eq!(lexicon::strip_clitic("we’ll", "ve"), None);
    assert_eq!(lexicon::strip_clitic("’s", "s"), Some(""));
    assert!(lexicon::possessive("trump’s") && lexicon::possessive("clinton's"));
    assert!(!lexicon::possessive("he’s") && !lexicon::possessive("it's"));
}

#[test]
fn a_headline_label_is_no_speaker() {
    // "Review" is named again on the page (a page of reviews), which a speaker's label asks.
    let t = "Review: High-flying ‘Hoop Stars’ has a career year\n\
             Read the Review of the season’s games.\n\
             Review: “Night Drive” is a slow burn\n\
             Ana Lima said the game was “a triumph.”";
    assert_eq!(found(t), vec![q("a triumph.", Some("Ana Lima"))]);
}

#[test]
fn a_colon_ended_paragraph_and_a_second_quote_in_the_paragraph() {
    let t = "Senator Ana Lima spoke first. She said:\n\
             “We have a plan and we will use it.”\n\
             “It is over for them,” Lima said. “We will win this time.”";
    let got = found(t);
    assert_eq!(
        got[0],
        q("We have a plan and we will use it.", Some("Ana Lima"))
    );
    assert_eq!(got[1], q("It is over for them,", Some("Ana Lima")));
    assert_eq!(got[2], q("We will win this time.", Some("Ana Lima")));
}

/// The quote texts with the speaker's name and the words the speaker's span covers.
fn spans(text: &str) -> Vec<(String, Option<(String, String)>)> {
    let chars: Vec<char> = text.chars().collect();
    quotes(text)
        .into_iter()
        .map(|q| {
            let quote: String = chars[q.start..q.end].iter().collect();
            let speaker = q.speaker.map(|s| {
                let at: String = chars[s.start..s.end].iter().collect();
                (s.name, at)
            });
            (quote, speaker)
        })
        .collect()
}

fn said(quote: &str, name: &str, at: &str) -> (String, Option<(String, String)>) {
    (quote.to_owned(), Some((name.to_owned(), at.to_owned())))
}

#[test]
fn more_quotation_styles() {
    let t = "‹Das ist nicht mein Problem›, sagte Anna Berg.\n\
             »Wir bleiben hier bis zum Ende«, sagte Max Roth.\n\
             „Nie wieder werden wir das tun”, napisał Jan Nowak.\n\
             ''We will not give up on this,'' Mr. Reed said.\n\
             ‟Odd marks still open a quote here,” said Ana Lima.\n\
             She said 'we are done with this' and left.";
    let texts: Vec<String> = spans(t).into_iter().map(|(q, _)| q).collect();
    assert_eq!(
        texts,
        vec![
            "Das ist nicht mein Problem",
            "Wir bleiben hier bis zum Ende",
            "Nie wieder werden wir das tun",
            "We will not give up on this,",
            "Odd marks still open a quote here,",
            "we are done with this",
        ]
    );
}

#[test]
fn descriptions_speak_and_bare_titles_name_the_last_holder() {
    let t = "Senator Ana Lima visited the plant on Monday.\n\
             “The plant will stay open for years,” the senator said.\n\
             “We have no comment on the talks at this time,” the statement said.\n\
             “Nothing has been decided about the plant,” a spokesman for the company said.";
    assert_eq!(
        spans(t),
        vec![
            said(
                "The plant will stay open for years,",
                "Ana Lima",
                "the senator"
            ),
            said(
                "We have no comment on the talks at this time,",
                "the statement",
                "the statement"
            ),
            said(
                "Nothing has been decided about the plant,",
                "a spokesman for the company",
                "a spokesman for the company"
            ),
        ]
    );
}

#[test]
fn pronouns_point_at_themselves_and_name_the_last_person() {
    let t = "Tom Reed, the mayor, opened the meeting.\n\
             “We will build the bridge next spring,” he said.\n\
             Later he told reporters that the bridge would be “the best in the state.”";
    assert_eq!(
        spans(t),
        vec![
            said("We will build the bridge next spring,", "Tom Reed", "he"),
            said("the best in the state.", "Tom Reed", "he"),
        ]
    );
}

#[test]
fn subjects_of_the_sentence_around_partial_quotes() {
    let t = "Ana Lima hit back on Monday, saying the plan was “a gift to the rich.”\n\
             Lima, during a visit to Austin, Texas, said the tax was “unfair to workers.”\n\
             Tom Reed told reporters that Lima was “wrong about everything.”\n\
             “The numbers do not add up at all,” Dovere and Debenedetti wrote.\n\
             The vote was close, according to Tom Reed, who added that it was “a fair fight.”\n\
             The plan was backed by Tom Reed, who argued that it was “a fair deal.”
\
             It drew a sharp reply from Senator Ana Lima, who called the plan “a gift to the rich.”
\
             The praise came from Ben Stone and Cara Diaz, who joked, “We will take it all.”";
    let got = spans(t);
    let who: Vec<(&str, &str)> = got
        .iter()
        .map(|(_, s)| {
            s.as_ref()
                .map_or(("", ""), |(n, a)| (n.as_str(), a.as_str()))
        })
        .collect();
    assert_eq!(
        who,
        vec![
            ("Ana Lima", "Ana Lima"),
            ("Ana Lima", "Lima"),
            ("Tom Reed", "Tom Reed"),
            // Two names joined by "and" said it together.
            ("Dovere and Debenedetti", "Dovere and Debenedetti"),
            ("Tom Reed", "Tom Reed"),
            ("Tom Reed", "who"),
            // "who" stands for the name it follows, even where the phrase before it is more
            // ("a sharp reply from Senator Ana Lima"); of a list, the last name.
            ("Ana Lima", "who"),
            ("Cara Diaz", "who"),
        ]
    );
}

#[test]
fn inverted_order_with_an_appositive_name_and_a_headline_colon() {
    let t = "Lima: “We Will Not Back Down on Taxes”\n\
             “The talks are over for this year,” said the secretary of state, Rex Tillerson.\n\
             “We will meet again in the spring,” Tillerson, the secretary of state, said.";
    assert_eq!(
        spans(t),
        vec![
            said("We Will Not Back Down on Taxes", "Lima", "Lima"),
            said(
                "The talks are over for this year,",
                "Rex Tillerson",
                "Rex Tillerson"
            ),
            said(
                "We will meet again in the spring,",
                "Rex Tillerson",
                "Tillerson"
            ),
        ]
    );
}

#[test]
fn attribution_in_the_sentence_before_or_a_new_sentence_after() {
    let t = "Ana Lima went further. “We will close the plant by the end of the year.”\n\
             “The deal is done and signed.” Tom Reed said.\n\
             “Nobody expected the vote to pass.” Tom Reed then left the hall early.";
    let got = spans(t);
    assert_eq!(
        got[0],
        said(
            "We will close the plant by the end of the year.",
            "Ana Lima",
            "Ana Lima"
        )
    );
    assert_eq!(
        got[1],
        said("The deal is done and signed.", "Tom Reed", "Tom Reed")
    );
    // A new sentence that does not report the quote: no speaker from it.
    assert_eq!(
        got[2],
        ("Nobody expected the vote to pass.".to_owned(), None)
    );
}

#[test]
fn partial_quotes_of_one_attribution_are_one_suggestion() {
    let t = "Lima said the plan was “dead on arrival” and “a waste of money.”\n\
             “It is over,” she said, “and we lost.”";
    let texts: Vec<String> = spans(t).into_iter().map(|(q, _)| q).collect();
    assert_eq!(
        texts,
        vec![
            "dead on arrival” and “a waste of money.",
            "It is over,",
            "and we lost.",
        ]
    );
}

#[test]
fn titles_are_not_quotes_unless_said() {
    let t = "Lima said on “Meet the Press” that the plan would pass this year.\n\
             The show “The Walking Dead” returns in the fall.\n\
             “Okay,” Lima said.";
    let texts: Vec<String> = spans(t).into_iter().map(|(q, _)| q).collect();
    assert_eq!(texts, vec!["Okay,"]);
}

#[test]
fn reporting_verbs_in_their_forms_and_nouns_that_look_like_them() {
    use super::lexicon::is_reporting_verb;
    for (word, prev) in [
        ("said", None),
        ("pointed", Some("he")),
        ("quipped", Some("she")),
        ("replies", Some("he")),
        ("saying", None),
        ("noting", None),
        ("argues", Some("it")),
        ("tweeted", Some("trump")),
        ("comment", Some("not")),
    ] {
        assert!(is_reporting_verb(word, prev), "{word}");
    }
    for (word, prev) in [
        ("claims", Some("the")),
        ("remarks", Some("his")),
        ("questions", Some("raising")),
        ("post", None),
        ("table", None),
        ("written", Some("the")),
    ] {
        assert!(!is_reporting_verb(word, prev), "{word}");
    }
    assert!(REPORTING_VERBS.len() >= 150);
}

#[test]
fn word_lists_are_sorted_for_bisection() {
    use super::lexicon::*;
    for list in [
        REPORTING_VERBS,
        INVERTED_AFTER_COMMA,
        TITLES,
        ABBREVIATED_TITLES,
        ABBREVIATIONS,
        NAME_JOINERS,
        PRONOUNS,
        NOT_NAMES,
        PHRASE_STOPS,
        BEFORE_VERB,
        FINITE,
        NOUN_LIKE,
        DETERMINERS,
        INDEFINITES,
        NOT_PERSON,
        SUBORDINATORS,
        OPENING_PREPOSITIONS,
        CLAUSE_OPENERS,
        TITLE_SMALL_WORDS,
        WORK_NOUNS,
        CARRIERS,
        TOUGH_ADJECTIVES,
        HEADLINE_LABELS,
        INSTITUTIONS,
        ENGLISH_WORDS,
        names::BEFORE_OBJECTS,
        turns::NOT_SPEAKERS,
        attribution::PREPOSITIONS_BEFORE_RELATIVE,
        attribution::SPEAKING_PASSIVES,
        attribution::PASTS,
        attribution::SPEECH_NOUNS,
        attribution::PLACE_PREPOSITIONS,
        BELIEF_VERBS,
        TIME_WORDS,
        names::FRONTED,
        names::ROLES,
        names::BEFORE_PLACES,
    ] {
        assert!(list.windows(2).all(|p| p[0] < p[1]), "{list:?}");
    }
    for list in OTHER_LANGUAGES {
        assert!(list.windows(2).all(|p| p[0] < p[1]), "{list:?}");
    }
    assert!(languages::NAME_PARTICLES.windows(2).all(|p| p[0] < p[1]));
    assert!(languages::HONORIFICS.windows(2).all(|p| p[0] < p[1]));
    for lex in languages::LEXICONS {
        for list in [
            lex.verbs,
            lex.after_only,
            lex.auxiliaries,
            lex.according,
            lex.pronouns,
            lex.determiners,
            lex.joiners,
            lex.stops,
            lex.reflexives,
            lex.persons,
            lex.as_words,
            lex.feminine,
        ] {
            assert!(list.windows(2).all(|p| p[0] < p[1]), "{list:?}");
        }
    }
    let titles = names::GENDERED_TITLES;
    assert!(titles.windows(2).all(|p| p[0].0 < p[1].0), "{titles:?}");
}

#[test]
fn time_words_before_the_verb_and_participles_after_with() {
    let t = "Ana Lima on Friday declared the bridge “a triumph of engineering.”\n\
             The crowd cheered, with Tom Reed later tweeting that it was “a great day for us.”\n\
             Lima answered on the radio, saying the town was “ready for visitors.”";
    let who: Vec<Option<String>> = quotes(t)
        .into_iter()
        .map(|q| q.speaker.map(|s| s.name))
        .collect();
    assert_eq!(
        who,
        vec![
            Some("Ana Lima".to_owned()),
            Some("Tom Reed".to_owned()),
            Some("Ana Lima".to_owned()),
        ]
    );
}

/// The speakers' names of the quotes of `text`, in order.
fn speakers(text: &str) -> Vec<Option<String>> {
    quotes(text)
        .into_iter()
        .map(|q| q.speaker.map(|s| s.name))
        .collect()
}

fn some(names: &[&str]) -> Vec<Option<String>> {
    names
        .iter()
        .map(|n| (!n.is_empty()).then(|| (*n).to_owned()))
        .collect()
}

#[test]
fn the_verb_next_to_the_quote_wins_over_one_in_an_opening_clause() {
    let t = "Asked whether the plan, which critics described as costly, would pass, \
             Ana Lima said: “We will see what the voters want.”";
    assert_eq!(speakers(t), some(&["Ana Lima"]));
}

#[test]
fn a_verb_form_after_a_possessive_is_a_noun() {
    let t = "Tom Reed denounced Lima’s remarks as “plainly false.”\n\
             The mayor's comments about “the rich” angered the crowd at the hall.\n\
             Ana Lima's claims of “fraud” were dismissed by the court.";
    // "the rich": no verb, and no name says it; "fraud": the words of Ana Lima's claims.
    assert_eq!(speakers(t), some(&["Tom Reed", "Ana Lima"]));
}

#[test]
fn a_name_and_a_colon_label_the_quotes_of_their_paragraph() {
    let t = "Lima: Tax Plan Is ‘A Gift to the Rich,’ Not a Reform\n\
             POLL WATCH - Tom Reed and Ana Lima: “The numbers are moving our way this week.”\n\
             Update: the hall was “closed for the rest of the day by the police.”\n\
             Ana Lima and Tom Reed write for the paper.";
    // The headline's "Lima" in full, as the story names her.
    assert_eq!(speakers(t), some(&["Ana Lima", "Tom Reed", ""]));
}

#[test]
fn a_sentence_after_a_quote_that_introduces_the_next_one_is_not_its_attribution() {
    let t =
        "“We are done here,” Ana Lima said. “The vote is over.” Tom Reed said: “It was fair.”\n\
             Reed went first. “We lost the vote tonight.” He added, “We will be back next year.”";
    assert_eq!(
        speakers(t),
        some(&["Ana Lima", "Ana Lima", "Tom Reed", "Tom Reed", "Tom Reed"])
    );
}

#[test]
fn a_quote_whose_clause_runs_on_to_the_attribution_at_the_sentence_end() {
    let t = "“We are not done” with the plan, said Ana Lima, the mayor of the town.\n\
             “The vote is close” on both sides of the river, the organizers say.\n\
             On the radio show “Good Morning Town” on Monday, Tom Reed said the vote was close.\n\
             Tom Reed said the vote “was close,” and the hall went quiet.";
    let got = spans(t);
    let texts: Vec<&str> = got.iter().map(|(q, _)| q.as_str()).collect();
    // The show's title is no quote: the attribution at the end of its sentence is a weak one.
    assert_eq!(
        texts,
        vec!["We are not done", "The vote is close", "was close,"]
    );
    assert_eq!(
        speakers(t),
        some(&["Ana Lima", "the organizers", "Tom Reed"])
    );
}

#[test]
fn more_reporting_verbs_and_phrases() {
    let t = "“We will win this one,” Ana Lima shot back.\n\
             As Tom Reed put it: “The town has spoken at last.”\n\
             “Not again, not here,” read one sign.\n\
             Reed referred to the plan as “a fraud.”\n\
             Lima bemoaned the “endless delays” of the council.\n\
             The crowd chanted “No more taxes!” outside.";
    assert_eq!(
        speakers(t),
        some(&[
            "Ana Lima",
            "Tom Reed",
            "one sign",
            "Tom Reed",
            "Ana Lima",
            "The crowd"
        ])
    );
    // "put it" does not invert: the quote before it is not said by "it".
    let t = "“Enough is enough,” they said. It was, as Lima put it, “a very long night.”";
    assert_eq!(speakers(t), some(&["they", "Lima"]));
}

#[test]
fn a_sentence_ending_with_a_colon_gives_its_subject() {
    let t = "Ana Lima then turned to the crowd: “We are not going anywhere, ever.”\n\
             The town hall had one message for the council: “Fix the bridge first.”\n\
             Lima: “We won the argument.” Reed: “We lost the vote tonight.”\n\
             Tom Reed and Ana Lima will meet again.";
    assert_eq!(
        speakers(t),
        some(&["Ana Lima", "The town hall", "Ana Lima", "Reed"])
    );
}

#[test]
fn a_description_is_a_noun_phrase_not_a_leftover_word() {
    let t = "In somber remarks, Tom Reed called the fire “a tragedy for all of us.”\n\
             “Call the vote now,” came shouts from the floor.\n\
             “We want a recount,” officials said.";
    assert_eq!(speakers(t), some(&["Tom Reed", "", "officials"]));
}

#[test]
fn an_abbreviation_can_end_a_sentence() {
    let t = "Ana Lima said the talks would go on in the U.S. She says the deal is \
             “a disaster for our farmers.”";
    assert_eq!(
        spans(t),
        vec![said("a disaster for our farmers.", "Ana Lima", "She")]
    );
}

#[test]
fn the_verb_that_opens_the_quoted_clause_names_its_speaker() {
    let t = "“The plant will close,” said Ana Lima, who noted that the town had \
             “no other choice at all” this year.";
    assert_eq!(
        spans(t),
        vec![
            said("The plant will close,", "Ana Lima", "Ana Lima"),
            said("no other choice at all", "Ana Lima", "who"),
        ]
    );
}

#[test]
fn a_participle_after_a_reporting_verb_shares_its_subject() {
    let t = "The mayor will sign the deal, Ana Lima said, adding, “It is a good day for us.”";
    assert_eq!(
        spans(t),
        vec![said("It is a good day for us.", "Ana Lima", "Ana Lima")]
    );
}

#[test]
fn state_abbreviations_do_not_end_the_sentence() {
    let t =
        "“We will hold the line here,” Jo Reed, 54, a farmer in Salem, Mass., said on Monday.\n\
             Ana Lima of Austin, Tex., has said that the plan was “dead on arrival.”";
    assert_eq!(speakers(t), some(&["Jo Reed", "Ana Lima"]));
}

#[test]
fn a_subject_after_the_quote_runs_over_prepositions_and_conjunctions() {
    let t = "“Will he run again?” a reporter in the front row wondered.\n\
             “Not this year,” the senator and former mayor said.\n\
             “This will be hard” for the town, said Ana Lima.";
    assert_eq!(
        speakers(t),
        some(&[
            "a reporter in the front row",
            "the senator and former mayor",
            "Ana Lima"
        ])
    );
}

#[test]
fn reporting_verbs_of_a_public_list_and_going_on() {
    let t = "“This is a great day!” beamed Jo Reed of Salem.\n\
             Ana Lima groused to the crowd that the council “never listens.”\n\
             The team cited “cracked walls and cold showers on every floor.”\n\
             “Well, that is life,” Lima went on, looking away.\n\
             Tom Reed said that when the council goes on recess, “the crews move in.”";
    assert_eq!(
        speakers(t),
        some(&["Jo Reed", "Ana Lima", "The team", "Ana Lima", "Tom Reed"])
    );
}

#[test]
fn a_title_after_a_possessive_or_a_preposition_is_no_quote_even_with_a_comma() {
    let t = "Speaking on the network’s “Morning Town Hour,” Ana Lima said the vote was close.\n\
             In a film titled “The Long Road Home,” the mayor plays himself.\n\
             “Okay,” Lima said.";
    let texts: Vec<String> = spans(t).into_iter().map(|(q, _)| q).collect();
    assert_eq!(texts, vec!["Okay,"]);
}

#[test]
fn a_title_after_the_kind_of_work_or_told_is_no_quote() {
    let t = "In his 2012 book, “The Long Road Home,” Ana Lima said the vote was close.\n\
             Tom Reed, who hosts the weekly show “Late Hour,” said the plan “will not pass.”\n\
             “It is over,” Reed told “Morning Town Hour” on Sunday.\n\
             The show “was the best of the year,” Reed said.";
    let texts: Vec<String> = spans(t).into_iter().map(|(q, _)| q).collect();
    assert_eq!(
        texts,
        vec!["will not pass.", "It is over,", "was the best of the year,"]
    );
}

#[test]
fn a_short_paragraph_quoted_in_single_marks_is_a_subheading_where_quotes_are_double() {
    let t = "“We will build it,” Ana Lima said.\n\
             ‘A change of course.’\n\
             “It is over,” Tom Reed said. “Nothing is left.”\n\
             'Never again.'\n\
             The mayor said the plan was “dead.”";
    let texts: Vec<String> = spans(t).into_iter().map(|(q, _)| q).collect();
    assert_eq!(
        texts,
        vec![
            "We will build it,",
            "It is over,",
            "Nothing is left.",
            "dead."
        ]
    );
    // British style: quotes in single marks are speech, alone or not.
    let t = "‘We will build it,’ Ana Lima said.\n\
             ‘The road is open.’\n\
             ‘It is over,’ Tom Reed said.";
    let texts: Vec<String> = spans(t).into_iter().map(|(q, _)| q).collect();
    assert_eq!(
        texts,
        vec!["We will build it,", "The road is open.", "It is over,"]
    );
}

#[test]
fn a_short_sentence_after_an_attributed_one_goes_on_with_that_speech() {
    // (Not after a closing mark, where the short quote may be a word of the sentence.)
    let t = "“It is taxing on the campaign,” Ana Lima said. “Big time.”\n\
             Tom Reed called it a “disgrace.” “Never.”\n\
             The word “Never.” was on the sign.\n\
             “We won,” Reed told them. “Really.” Then the vote began.";
    assert_eq!(
        found(t),
        vec![
            q("It is taxing on the campaign,", Some("Ana Lima")),
            q("Big time.", Some("Ana Lima")),
            q("disgrace.", Some("Tom Reed")),
            q("We won,", Some("Tom Reed")),
            q("Really.", Some("Tom Reed")),
        ]
    );
}

#[test]
fn a_title_with_a_subtitle_after_a_colon_is_a_title() {
    let t = "According to “Backfire: The Long Battle for the Soul of the Company” by Tom Reed, \
             the board met twice.\n\
             She starred in “Night Train 2: The Ride Home Goes On and On” last year.\n\
             “We won: this is the day we waited for all along,” Ana Lima said.";
    let texts: Vec<String> = spans(t).into_iter().map(|(q, _)| q).collect();
    assert_eq!(
        texts,
        vec!["We won: this is the day we waited for all along,"]
    );
}

#[test]
fn an_opening_single_mark_between_letters_or_before_a_decade_is_an_apostrophe() {
    let t = "Lima‘s plan, Ana Lima said, “will pass this year.”\n\
             He grew up in the '80s and ‘90s, when the mayor called the town “a fine place.”";
    assert_eq!(
        found(t),
        vec![
            q("will pass this year.", Some("Ana Lima")),
            q("a fine place.", Some("the mayor")),
        ]
    );
}

#[test]
fn an_opening_single_mark_at_a_words_end_is_an_apostrophe_or_closes_a_single_quote() {
    // "CBS‘ Face the Nation": a possessive typed with ‘, which opened a quote that swallowed
    // the paragraph and the two quotes in it. And ‘ typed to close a single quote.
    let t = "Ana Lima spoke in Dover.\n\n\
             On CBS‘ Face the Nation, she stated, “The plan will work,” adding, “I think so.”\n\n\
             Tom Reed said he had told them ‘no deal‘ twice.";
    assert_eq!(
        found(t),
        vec![
            q("The plan will work,", Some("Ana Lima")),
            q("I think so.", Some("Ana Lima")),
            q("no deal", Some("Tom Reed")),
        ]
    );
}

#[test]
fn a_reporting_verb_before_a_colon_wins_over_the_next_sentence() {
    let t = "Ana Lima, tired, finally responded: “What difference does it make now?” \
             Her critics said the answer was rude.\n\
             Tom Reed wrote: “It is done,” the paper said.";
    assert_eq!(
        found(t),
        vec![
            q("What difference does it make now?", Some("Ana Lima")),
            q("It is done,", Some("the paper")),
        ]
    );
}

#[test]
fn a_full_name_labelling_a_quote_after_a_dash_needs_no_second_mention() {
    let t = "Polls moved late in the race - Ana Lima: “The last week decided it.”\n\
             Turnout was low - Reed: “Nobody came out to vote.”";
    assert_eq!(
        found(t),
        vec![
            q("The last week decided it.", Some("Ana Lima")),
            q("Nobody came out to vote.", None),
        ]
    );
}

#[test]
fn a_colon_after_from_names_the_source_the_quote_is_taken_from() {
    let t = "Aides met on Monday. From the council’s report: “The bridge is not safe.”\n\
             Costs rose again - More from the auditors: “Nothing was checked.”";
    assert_eq!(
        found(t),
        vec![
            q("The bridge is not safe.", Some("the council’s report")),
            q("Nothing was checked.", Some("the auditors")),
        ]
    );
}

#[test]
fn a_quote_signed_with_a_dash_and_a_name() {
    let t = "Tom Reed spoke first.\n\
             “The bridge will be built before the winter comes.”\n\
             - Ana Lima, in a debate.\n\
             “We never said that at any meeting.” — Jo Reed\n\
             The council said the plan was “the best we have.” — Town News";
    assert_eq!(speakers(t), some(&["Ana Lima", "Jo Reed", "The council"]));
}

#[test]
fn indefinite_pronouns_can_speak() {
    let t = "“We want the bridge,” one resident wrote. “Not again,” tweeted another.\n\
             “It is too late for that,” someone said.";
    assert_eq!(speakers(t), some(&["one resident", "another", "someone"]));
}

#[test]
fn a_name_after_a_long_title_that_runs_over_time_words() {
    let t = "“The vote is close tonight,” Town Morning Show co-host Ana Lima said.";
    assert_eq!(speakers(t), some(&["Ana Lima"]));
}

#[test]
fn labels_with_a_party_tag_or_a_description_before_the_name() {
    let t = "Rep. Ana Lima (R-Ky.): “Where did that figure come from, sir?”\n\
             Former secretary of state Tom Reed: “Our staff checked it twice.”\n\
             Radio Boss On Reed: ‘Nobody Gets a Free Seat Here’\n\
             Ana Lima and Tom Reed spoke at the hearing.";
    assert_eq!(speakers(t), some(&["Ana Lima", "Tom Reed", ""]));
}

/// Every quote of `t` lies inside it, in text order, and so does its speaker.
fn spans_inside(t: &str) -> Result<(), proptest::test_runner::TestCaseError> {
    let n = t.chars().count();
    let mut last_end = 0;
    for q in quotes(t) {
        proptest::prop_assert!(q.start < q.end && q.end <= n && q.start >= last_end);
        last_end = q.end;
        if let Some(s) = &q.speaker {
            proptest::prop_assert!(s.start < s.end && s.end <= n, "{s:?} in {t:?}");
        }
    }
    Ok(())
}

proptest::proptest! {
    /// Sentences built from the words the attribution rules look for (verbs, titles, pronouns,
    /// "who", "according to", marks, stops): quotes and speakers always lie inside the text.
    #[test]
    fn attribution_words_never_give_spans_outside_the_text(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "said", "Said", "told", "saying", "according", "to", "he", "she", "who", "the",
                "senator", "Sen.", "Mr.", "Ana", "Lima", "Reed", "of", "and", "on", "Friday",
                ",", ".", ":", "“", "”", "\"", "'", "‘", "’", "«", "»", "(", ")", "—", "\n",
                "é", "😀", "with", "tweeting", "a", "spokesman", "for", "Tom",
            ]),
            0..80,
        )
    ) {
        spans_inside(&parts.join(" "))?;
    }

    /// The same for the words of the other languages' rules (`languages`), in a text long
    /// enough and German or French enough to be read by them.
    #[test]
    fn other_languages_attribution_words_never_give_spans_outside_the_text(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "sagte", "so", "laut", "er", "sie", "der", "die", "von", "und", "Merkel",
                "Angela", "Auch", "auch", "sich", "erinnert", "a-t-il", "a", "déclaré", "selon",
                "le", "la", "de", "M.", "Peskov", "explique-t-elle", "wie", "dem", "hat",
                ",", ".", ":", "„", "“", "\"", "«", "»", "‹", "›", "—", "\n", "é", "😀",
            ]),
            60..140,
        )
    ) {
        spans_inside(&parts.join(" "))?;
    }
}

#[test]
fn a_passive_reporting_verb_credits_its_agent_not_its_subject() {
    let t = "Two militias have been accused by rights monitors of committing “systematic abuses” in the north.\n\
             Senator Ana Ruiz was asked by moderator Paul Okafor whether the plan would mean “another costly program for everyone.”\n\
             Ruiz was quoted as saying “we will not raise taxes on anyone.”\n\
             The bill was described as “a costly mistake” last week.";
    assert_eq!(
        found(t),
        vec![
            q("systematic abuses", Some("rights monitors")),
            q("another costly program for everyone.", Some("Paul Okafor")),
            q("we will not raise taxes on anyone.", Some("Ana Ruiz")),
            // Said of the bill, by no one named: suggested, the speaker left empty.
            q("a costly mistake", None),
        ]
    );
}

#[test]
fn names_are_folded_to_base_letters_lower_case_and_one_apostrophe() {
    for (written, folded) in [
        ("Mevlüt Çavuşoğlu", "mevlut cavusoglu"),
        ("CAVUSOGLU", "cavusoglu"),
        ("Binali Yıldırım", "binali yildirim"),
        ("İstanbul", "istanbul"),
        ("Lech Wałęsa", "lech walesa"),
        ("Søren Ørsted", "soren orsted"),
        ("Ángela Núñez-Peña", "angela nunez-pena"),
        ("Beto O’Rourke", "beto o'rourke"),
        ("Zoë Strauß", "zoe strauss"),
    ] {
        assert_eq!(names::folded(written), folded, "{written}");
    }
}

#[test]
fn a_name_written_with_or_without_diacritics_or_in_capitals_is_one_speaker() {
    // The fuller form with diacritics first, the short form without them later.
    let t = "Foreign Minister Mevlüt Çavuşoğlu met his counterpart in Ankara.\n\
             “We will not accept any plan of this kind,” Cavusoglu said.";
    assert_eq!(speakers(t), some(&["Mevlüt Çavuşoğlu"]),);
    // The reverse, with the Turkish dotless ı.
    let t = "Binali Yildirim arrived in the capital on Monday.\n\
             “Our position on the talks is unchanged,” Yıldırım told reporters.";
    assert_eq!(speakers(t), some(&["Binali Yildirim"]));
    // Capitals, and the apostrophe's other shape.
    let t = "Beto O'Rourke spoke in El Paso.\n\
             “We are going to win this district in November,” said O’ROURKE.";
    assert_eq!(speakers(t), some(&["Beto O'Rourke"]));
}

#[test]
fn a_name_ending_in_ly_is_no_adverb_before_the_verb() {
    let t = "Ana Kelly met the press.\n\
             Kelly responded pointedly, with a smile: “It can happen at any age.”\n\
             “Nobody asked me about the budget,” Tom Early later told reporters.\n\
             Early said it “would not pass this year.”";
    assert_eq!(speakers(t), some(&["Ana Kelly", "Tom Early", "Tom Early"]));
}

#[test]
fn a_pronoun_means_the_last_person_named_as_a_subject_not_a_place_or_a_thing() {
    let t = "Tom Reed spoke for an hour on Capitol Hill.\n\
             “We will win this fight in the spring,” he said.\n\
             Ana Lima criticized the Affordable Care Act in an interview with Jo Dunn.\n\
             “It has failed the people of this state,” she said.";
    assert_eq!(speakers(t), some(&["Tom Reed", "Ana Lima"]));
}

#[test]
fn a_pronoun_means_the_first_person_of_the_sentence_it_looks_back_to() {
    // The subject, not the last person the sentence names ("met Jo Dunn").
    let t = "Tom Reed said he had met Jo Dunn twice this year.\n\
             “We will win this together,” he said.";
    assert_eq!(speakers(t), some(&["Tom Reed"]));
    // A surname alone, after the full name, is that person again, and may be the subject.
    let t = "Ana Lima and Tom Reed spoke in Lisbon on Monday.\n\
             Later, Reed praised Carla Mota for the work of the year.\n\
             “It was a good year for all of us,” he said.";
    assert_eq!(speakers(t), some(&["Tom Reed"]));
    // A name that qualifies the next one, by a title or a role between them, or as a
    // possessive, is not the person of the phrase.
    let t = "Ana Lima met voters in Porto on Monday.\n\
             Former Lisbon mayor Tom Reed joined the crowd there.\n\
             “The city needs this plan,” he said.";
    assert_eq!(speakers(t), some(&["Tom Reed"]));
    let t = "Tom Reed campaign manager Jo Dunn spoke after the vote.\n\
             “We are ready for the next one,” she said.";
    assert_eq!(speakers(t), some(&["Jo Dunn"]));
    let t = "Tom Reed’s budget worried Jo Dunn, who runs the port.\n\
             “We cannot pay for it this year,” she said.";
    assert_eq!(speakers(t), some(&["Jo Dunn"]));
}

#[test]
fn a_pronoun_before_anyone_named_in_the_sentence_looked_back_to_means_its_person() {
    // "He" is the subject of the sentence the pronoun looks back to, and means Tom Reed;
    // Chris Dunn is named after it.
    let t = "Tom Reed spoke in Porto on Monday.\n\
             He later met Mr. Chris Dunn at the port.\n\
             “We will build it together,” he said.";
    assert_eq!(speakers(t), some(&["Tom Reed"]));
    // Followed through more than one sentence.
    let t = "Tom Reed spoke in Porto on Monday.\n\
             He said Mr. Ben Cole would help.\n\
             But he later met Mr. Chris Dunn at the port.\n\
             “We will build it together,” he said.";
    assert_eq!(speakers(t), some(&["Tom Reed"]));
    // A "he" in a quotation is the quoted speaker's word, not the sentence's subject.
    let t = "Tom Reed spoke in Porto on Monday.\n\
             “He told me he had a plan,” Chris Dunn said on Tuesday.\n\
             “We will look at it again,” he said.";
    assert_eq!(speakers(t), some(&["Chris Dunn", "Chris Dunn"]));
}

#[test]
fn a_pronoun_looks_past_a_clause_set_before_the_subject() {
    // "When Mr. Ben Cole asked …," comes before the subject, Chris Dunn.
    let t = "Tom Reed spoke in Porto on Monday.\n\
             When Mr. Ben Cole asked about the port, Mr. Chris Dunn left the room.\n\
             “We will build it anyway,” he said.";
    assert_eq!(speakers(t), some(&["Chris Dunn"]));
    // A "he" in that clause is not the subject either.
    let t = "Mr. Chris Dunn spoke in Porto on Monday.\n\
             Mr. Ben Cole spoke after him.\n\
             After he heard the plan, Mr. Tom Reed left the room.\n\
             “We will build it anyway,” he said.";
    assert_eq!(speakers(t), some(&["Tom Reed"]));
    // The clause has commas of its own: the main clause opens with the name after one.
    let t = "Tom Reed spoke in Porto on Monday.\n\
             As we walked down the avenue lined by a red cathedral, a 1930s Art Deco theater \
             and old cafés, Mr. Chris Dunn spoke of the port.\n\
             “We will build it anyway,” he said.";
    assert_eq!(speakers(t), some(&["Chris Dunn"]));
    // The comma that ends the clause may stand inside a closing quotation mark.
    let t = "Tom Reed spoke in Porto on Monday.\n\
             When Ben Cole called the plan a \"harbour for all,\" Chris Dunn left the room.\n\
             “We will build it anyway,” he said.";
    assert_eq!(speakers(t), some(&["Ben Cole", "Chris Dunn"]));
}

#[test]
fn a_first_name_given_to_one_sex_rules_a_person_out_for_the_other_pronoun() {
    let t = "Bill Reed met Ana Lima in Lisbon on Monday.\n\
             “We agreed on the budget for next year,” she said.\n\
             “It was a good day for the whole city,” he said.";
    assert_eq!(speakers(t), some(&["Ana Lima", "Bill Reed"]));
    // A title says more than a first name: "Mr. Andrea Lima" is a "he".
    let t = "Mr. Andrea Lima met Jo Reed in Lisbon on Monday.\n\
             “We agreed on the budget for next year,” he said.";
    assert_eq!(speakers(t), some(&["Andrea Lima"]));
}

#[test]
fn first_names_are_found_in_their_lists_and_no_others() {
    use super::first_names::{MEN, WOMEN};
    for name in WOMEN.split('\n') {
        assert_eq!(names::first_name_sex(name), Some(true), "{name}");
    }
    for name in MEN.split('\n') {
        assert_eq!(names::first_name_sex(name), Some(false), "{name}");
    }
    // Names given to both (left out of the lists), a name in capitals, and no name.
    for name in [
        "kelly", "jordan", "taylor", "lindsey", "Mary", "", "\n", "zzzz", "aaa",
    ] {
        assert_eq!(names::first_name_sex(name), None, "{name:?}");
    }
}

#[test]
fn a_sentence_starts_after_a_stop_or_a_line_break_not_an_abbreviation() {
    let start = |t: &str, word: &str| {
        let chars: Vec<char> = t.chars().collect();
        let at = t[..t.find(word).unwrap()].chars().count();
        let s = names::sentence_start(&chars, at);
        chars[s..at].iter().collect::<String>()
    };
    assert_eq!(
        start("It rained. Then Mr. Reed met Ms. Lima.", "Lima"),
        "Then Mr. Reed met Ms. "
    );
    assert_eq!(
        start("Once in the U.S. Senate, J. Reed spoke.", "spoke"),
        "Once in the U.S. Senate, J. Reed "
    );
    assert_eq!(start("“It is over.” Reed left.", "left"), "Reed ");
    assert_eq!(start("First line\nsecond line", "line\n"), "First ");
    assert_eq!(start("First line\nsecond line", "second"), "");
    assert_eq!(start("Is it? Yes… Reed said so!", "said"), "Reed ");
}

#[test]
fn a_quote_in_the_headline_is_by_the_name_that_opens_it() {
    let body = "\nAna Lima spoke in Lisbon on Monday. Lima said the party would stay united.";
    for (headline, speaker) in [
        (
            "Ana Lima Slams Party Critics: ‘This Cannot Go On’",
            "Ana Lima",
        ),
        // A headline's short name is given the fullest form the story uses after it.
        (
            "Lima on the Budget Vote: ‘We Will Not Back Down’",
            "Ana Lima",
        ),
        (
            "The Latest: Lima delivers a defense of ‘our shared values’",
            "Ana Lima",
        ),
        // No name opens it: no speaker.
        ("Critics Say The Plan Is ‘Dead On Arrival’ in Lisbon", ""),
    ] {
        assert_eq!(
            speakers(&format!("{headline}{body}")),
            some(&[speaker]),
            "{headline}"
        );
    }
}

#[test]
fn only_a_headline_looks_ahead_for_the_fullest_name() {
    // The story's own quote keeps the name as the text has given it so far: a fuller name
    // that comes only later may be another person's.
    let t = "Budget talks in Lisbon\nOn Monday, Lima said “we will not back down on this.”\n\
             Carla Lima, her sister, spoke on Tuesday. Carla Lima runs the city's budget office.";
    assert_eq!(speakers(t), some(&["Lima"]));
    // A one-word name of the headline that the story never spells out stays as it is.
    let t = "Lima: ‘We Will Not Back Down’\nThe minister spoke in Lisbon on Monday.";
    assert_eq!(speakers(t), some(&["Lima"]));
}

#[test]
fn he_and_she_mean_the_last_person_a_title_does_not_say_is_of_the_other_sex() {
    let t = "Ana Lima met Tom Reed in Lisbon. Mrs. Lima spoke first and Mr. Reed spoke last.\n\
             “We agreed on the budget for next year,” she said.\n\
             “It was a good day for the whole city,” he said.";
    assert_eq!(speakers(t), some(&["Ana Lima", "Tom Reed"]));
}

#[test]
fn labels_in_a_transcript_whose_line_breaks_were_lost() {
    // One paragraph of many turns: each label still names its turn's speaker, as it does
    // with a turn to a line.
    let turns = "Ana Lima: “Where did that figure come from, sir?” \
                 Tom Reed: “Our staff checked it twice, madam.” ";
    let one_line = turns.repeat(300);
    let lines = turns.replace("” ", "”\n").repeat(300);
    let expected: Vec<Option<String>> = (0..600)
        .map(|k| Some(if k % 2 == 0 { "Ana Lima" } else { "Tom Reed" }.to_owned()))
        .collect();
    assert_eq!(speakers(&one_line), expected);
    assert_eq!(speakers(&lines), expected);
}

/// A word's span, text and punctuation before it.
fn word_key(w: &words::Word) -> (usize, usize, String, words::Gap) {
    (w.start, w.end, w.text.clone(), w.gap)
}

#[test]
fn the_paragraph_reader_reads_each_word_once_as_one_reading_would() {
    let t = "Rep. Ana Lima (R-Ky.): “Where?” — Tom Reed, the mayor (D): “Here.” Lima. \
             Reed said: “No.” J. A-b (c d): e. "
        .repeat(10);
    let chars: Vec<char> = t.chars().collect();
    let colons: Vec<usize> = (0..chars.len()).filter(|&i| chars[i] == ':').collect();
    let mut reader = ParagraphReader::default();
    reader.enter(0);
    // In order, and back to earlier colons (the paragraph's first colon, asked again).
    let asked = colons.iter().flat_map(|&c| [c, colons[0], c]);
    for c in asked {
        let n = reader.read_to(&chars, c);
        let fresh = words::words_in(&chars, 0, c);
        let read: Vec<_> = reader.words[..n].iter().map(word_key).collect();
        let expected: Vec<_> = fresh.iter().map(word_key).collect();
        assert_eq!(read, expected);
        for stops in [false, true] {
            let last = fresh
                .iter()
                .rposition(|w| w.gap.dash || (stops && w.gap.stop));
            assert_eq!(reader.label_start(n, stops), last);
        }
        for from in 0..=n {
            let paren = fresh[from..].iter().position(|w| w.gap.open_paren);
            assert_eq!(reader.first_paren(from, n), paren.map(|p| from + p));
            if let Some(p) = paren.map(|p| from + p) {
                let joined = fresh[p..].iter().skip(1).all(|w| !w.gap.breaks());
                assert_eq!(reader.joined_after(p, n), joined);
            }
        }
    }
    // Each word up to the last colon was read once.
    let last = *colons.last().unwrap();
    assert_eq!(reader.words.len(), words::words_in(&chars, 0, last).len());
}

/// The fullest name the book gives, as it was first written: the most used (the first used of
/// those) of the names seen that end with `name`, compared folded, by a scan of them all.
fn fullest_by_scan(seen: &[(String, usize)], name: &str) -> String {
    let short = names::folded(name);
    seen.iter()
        .enumerate()
        .filter(|(_, (f, _))| {
            let f = names::folded(f);
            f.len() > short.len()
                && f.ends_with(short.as_str())
                && f.as_bytes()[f.len() - short.len() - 1] == b' '
        })
        .max_by_key(|(order, (_, n))| (*n, std::cmp::Reverse(*order)))
        .map_or_else(|| name.to_owned(), |(_, (f, _))| f.clone())
}

#[test]
fn the_fullest_name_is_looked_up_however_many_names_share_its_ending() {
    // Hundreds of people of one family name, a name longer than the endings looked up, in
    // other cases and with diacritics: the book answers as a scan of every name would.
    let long: String = (0..40).map(|k| format!("W{k} ")).collect();
    let mut written: Vec<String> = (0..400)
        .map(|i| format!("Ana{} Lima", (i * 7) % 60))
        .collect();
    for (k, extra) in [
        "Tom Ana3 Lima".to_owned(),
        "Jo Reed".to_owned(),
        "Mevlüt Çavuşoğlu".to_owned(),
        format!("{long}Ana3 Lima"),
        format!("X {long}Ana3 Lima"),
        "ANA7 LIMA".to_owned(),
    ]
    .into_iter()
    .enumerate()
    {
        written.insert(50 * k + 7, extra.clone());
        written.push(extra);
    }
    let queries = [
        "Lima".to_owned(),
        "Ana3 Lima".to_owned(),
        "ana7 LIMA".to_owned(),
        "Reed".to_owned(),
        "Cavusoglu".to_owned(),
        format!("{long}Ana3 Lima"),
        "W39 Ana3 Lima".to_owned(),
        "Nobody".to_owned(),
    ];
    let mut book = names::NameBook::default();
    let mut seen: Vec<(String, usize)> = Vec::new();
    for (at, w) in written.iter().enumerate() {
        let name = words::Name {
            start: at,
            end: at + 1,
            name: w.clone(),
            titles: Vec::new(),
        };
        book.note(&name, true);
        match seen.iter_mut().find(|(f, _)| f == w) {
            Some((_, n)) => *n += 1,
            None => seen.push((w.clone(), 1)),
        }
        for q in queries.iter().chain([w]) {
            assert_eq!(
                book.fullest(q),
                fullest_by_scan(&seen, q),
                "{q} after {at} names"
            );
        }
    }
}

#[test]
fn a_bare_title_is_the_last_person_named_with_it_however_many_titles_came_between() {
    let mut book = names::NameBook::default();
    let titles = [
        &["gov"][..],
        &["sen", "florida"],
        &["rep"],
        &["former", "mayor"],
    ];
    let mut titled: Vec<(Vec<&str>, String)> = Vec::new();
    for k in 0..500 {
        let ts = titles[(k * 7 / 3) % titles.len()];
        let name = words::Name {
            start: k,
            end: k + 1,
            name: format!("Ana{k} Lima"),
            titles: ts.iter().map(|t| (*t).to_owned()).collect(),
        };
        book.note(&name, true);
        titled.push((ts.to_vec(), name.name.clone()));
        for (head, words) in [
            ("governor", &["gov", "governor"][..]),
            ("senator", &["sen", "senator"]),
            ("mayor", &["mayor"]),
            ("judge", &["judge", "justice"]),
        ] {
            let by_scan = titled
                .iter()
                .rev()
                .find(|(ts, _)| ts.iter().any(|t| words.contains(t)))
                .map(|(_, n)| book.fullest(n));
            assert_eq!(book.by_title(head), by_scan, "{head} after {k}");
        }
    }
}

#[test]
fn the_quick_alphanumeric_agrees_with_the_standard_library_on_every_character() {
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        assert_eq!(
            words::alphanumeric(c),
            c.is_alphanumeric(),
            "{:X}",
            c as u32
        );
    }
}

#[test]
fn thousands_of_open_single_quotes_then_stray_closing_doubles() {
    // Each ” closes no double quote: it is not looked for down the stack of open ‘ (which
    // was quadratic); the first ‘ is the outermost quote, open to the end of the paragraph.
    let t = format!("{}{}\nLast.", "‘a ".repeat(5_000), "b” ".repeat(5_000));
    let end = t.find('\n').map(|b| t[..b].chars().count() - 1).unwrap();
    assert_eq!(
        marks::quote_spans(&t.chars().collect::<Vec<_>>()),
        vec![(1, end)]
    );
    // A double quote open under them is closed by the first ”, and the others are stray.
    let t = format!("“{}b” c” d”", "‘a ".repeat(3_000));
    let chars: Vec<char> = t.chars().collect();
    let first_close = chars.iter().position(|c| *c == '”').unwrap();
    assert_eq!(marks::quote_spans(&chars), vec![(1, first_close)]);
}

#[test]
fn an_outer_source_after_the_speaker_is_the_one_credited() {
    let t = "Ana Lima spoke to the delegates on Monday.\n\
             “We will not walk out of this hall,” Lima said, according to a pool report.\n\
             “The vote belongs to all of us,” Lima said at the dinner.";
    assert_eq!(
        found(t),
        vec![
            q("We will not walk out of this hall,", Some("a pool report")),
            q("The vote belongs to all of us,", Some("Ana Lima")),
        ]
    );
}

#[test]
fn words_printed_on_hats_and_signs_are_not_speech() {
    let t = "“We will keep the plant open,” Ana Lima said, waving a “Save Our Mill” sign.\n\
             Her brother wore a “Lima for Mayor” hat. “It is our town,” Lima said.\n\
             “We lost the vote.” T-shirts appeared the next day.";
    assert_eq!(
        found(t),
        vec![
            q("We will keep the plant open,", Some("Ana Lima")),
            q("It is our town,", Some("Ana Lima")),
            q("We lost the vote.", None),
        ]
    );
}

#[test]
fn an_address_in_quotes_is_not_speech() {
    let t = "The campaign said its site, “https://example.org/join-us”, had crashed.\n\
             Ana Lima said readers can write to “tips@example.org.”\n\
             Tom Reed said the file sits at “/srv/data/votes.csv” on the server.\n\
             “We will publish every figure,” Lima said, pointing to “www.example.org”.";
    assert_eq!(
        found(t),
        vec![q("We will publish every figure,", Some("Ana Lima"))]
    );
}

#[test]
fn who_after_a_plural_without_a_determiner_stands_for_the_plural() {
    let t = "Most voters in the county are social conservatives who say the plan is “a disaster \
             for every family.”\n\
             At the rally were farmers who said the tariffs were “the last straw for this valley.”\n\
             The march was met with counter-protesters who vowed to keep “every street open to all.”";
    assert_eq!(
        found(t),
        vec![
            q("a disaster for every family.", Some("social conservatives")),
            q("the last straw for this valley.", Some("farmers")),
            q("every street open to all.", Some("counter-protesters")),
        ]
    );
}

#[test]
fn a_description_after_with_is_the_participle_s_subject() {
    let t = "The shift has sparked concern, with some analysts suggesting that the army is \
             carrying out “prejudiced online surveillance” across the country.";
    assert_eq!(
        found(t),
        vec![q("prejudiced online surveillance", Some("some analysts"))]
    );
}

#[test]
fn a_thing_called_by_a_name_is_not_quoted_speech() {
    let t = "The researchers used the technique called “mental chronometry” to time it.\n\
             The rules had one weakness: they did not ban a scheme called “zero rating.”\n\
             Stumpf spoke of what multiple lawmakers called “outright fraud” at the bank.";
    assert_eq!(
        found(t),
        vec![q("outright fraud", Some("multiple lawmakers"))]
    );
}

#[test]
fn a_surname_that_is_also_a_common_word() {
    let t = "“The tariffs will cost every family a lot,” Read said.\n\
             “Nobody in this town wants another plant closed,” Will wrote.";
    assert_eq!(
        found(t),
        vec![
            q("The tariffs will cost every family a lot,", Some("Read")),
            q(
                "Nobody in this town wants another plant closed,",
                Some("Will")
            ),
        ]
    );
}

#[test]
fn a_hometown_in_an_appositive_is_not_the_subject() {
    let t = "Cory Lima, 22, of Flint, Mich., said he had not given up hope for a “surprise,” \
             because he could never vote for the mayor.";
    assert_eq!(found(t), vec![q("surprise,", Some("Cory Lima"))]);
}

#[test]
fn a_short_colon_introduction_without_a_reporting_verb() {
    let t = "Gov. Tom Reed could “act on his own, I do not care how,” said Ana Lima, head of the \
             union. Reed resisted: “Governors do not have the power to suspend the law.”";
    assert_eq!(
        found(t),
        vec![
            q("act on his own, I do not care how,", Some("Ana Lima")),
            q(
                "Governors do not have the power to suspend the law.",
                Some("Tom Reed")
            ),
        ]
    );
}

#[test]
fn the_given_name_will_is_a_name_inside_a_clause_and_the_verb_elsewhere() {
    let t = "“It is an expensive business model,” said Will Doyle, a professor of higher \
             education at Vanderbilt University in Nashville, Tennessee. “The biggest thing is \
             personnel costs.”\n\
             Rep. Will Hurd said “the border needs more than a wall.”\n\
             Will Reed win the seat? “We will find out in May,” Jo Lima said.\n\
             Clinton Will Visit Ohio: “It is the state that matters,” an aide said.\n\
             Will Estrada, the chairman, said: “We win Loudoun or we lose.”";
    assert_eq!(
        found(t),
        vec![
            q("It is an expensive business model,", Some("Will Doyle")),
            q("The biggest thing is personnel costs.", Some("Will Doyle")),
            q("the border needs more than a wall.", Some("Will Hurd")),
            q("We will find out in May,", Some("Jo Lima")),
            q("It is the state that matters,", Some("an aide")),
            q("We win Loudoun or we lose.", Some("Will Estrada")),
        ]
    );
}

#[test]
fn a_pronouns_contraction_is_nobodys_name_and_its_be_makes_a_progressive() {
    let t = "I’m old enough to remember the speech, declaring a “moral equivalent of war” \
             against dependence on oil.\n\
             Donald Trump says he goes “back to war tomorrow.” He’s predicting he will do \
             “very, very well” in Nevada.\n\
             Nikki Haley spoke in Ohio.\n\
             She’s claiming that voting fraud is “a big, big problem in this country” today.";
    assert_eq!(
        found(t),
        vec![
            q("moral equivalent of war", None),
            q("back to war tomorrow.", Some("Donald Trump")),
            q("very, very well", Some("Donald Trump")),
            q("a big, big problem in this country", Some("Nikki Haley")),
        ]
    );
    // The pronoun itself is the speaker's span, as for "She is claiming".
    let chars: Vec<char> = t.chars().collect();
    let last = quotes(t).pop().and_then(|q| q.speaker).expect("a speaker");
    assert_eq!(
        chars[last.start..last.end].iter().collect::<String>(),
        "She"
    );
}

#[test]
fn two_people_who_say_it_together_are_both_named_in_either_order() {
    let t = "Senator Ana Lima and Tom Reed met voters in Austin on Friday.\n\n\
             “We are stronger together,” Lima and Reed said.\n\n\
             “The vote matters,” said Senator Tom Reed and Ana Lima.\n\n\
             Cara Diaz and House Speaker Ben Stone said in a statement: “We will not move.”\n\n\
             “It is over,” said former Texas Gov. and party chairman Ben Stone.";
    assert_eq!(
        found(t),
        vec![
            // Each named as fully as the article names them, in the order written.
            q("We are stronger together,", Some("Ana Lima and Tom Reed")),
            q("The vote matters,", Some("Tom Reed and Ana Lima")),
            // The titles before the second name are not a person.
            q("We will not move.", Some("Cara Diaz and Ben Stone")),
            // One person's two titles joined by "and" are one person.
            q("It is over,", Some("Ben Stone")),
        ]
    );
}

#[test]
fn a_verb_in_an_opening_phrase_does_not_report_the_quote() {
    let t = "In a Facebook message posted Friday, Reed said he had “areas of disagreement” with Lima.\n\n\
             In a tweet posted late Tuesday, the governor said the storm was “worse than \
             expected.”\n\n\
             On a video posted by her campaign, Ana Lima said: “We will win.”\n\n\
             In a post, Lima wrote: “It is done.”\n\n\
             In a statement released Thursday, Rep. Tom Reed reacted to the news, saying: “It \
             is wrong.”\n\n\
             After Lima spoke, Reed hit back, saying “No deal.”";
    assert_eq!(
        found(t),
        vec![
            // "posted" belongs to the phrase's noun; "said" reports the quote.
            q("areas of disagreement", Some("Tom Reed")),
            q("worse than expected.", Some("the governor")),
            q("We will win.", Some("Ana Lima")),
            // With no other verb, the phrase changes nothing.
            q("It is done.", Some("Ana Lima")),
            // A participle's subject is the main clause's, after the opening phrase.
            q("It is wrong.", Some("Tom Reed")),
            q("No deal.", Some("Tom Reed")),
        ]
    );
}

#[test]
fn an_indefinite_phrase_speaks_of_someone_not_named_before() {
    let t = "Georgia Republicans met in Macon on Friday, and Sen. Tom Reed spoke to them.\n\n\
             “It was a good day,” a senator said.\n\n\
             “The flyers are fake,” some Republicans said.\n\n\
             “We won,” the senator said.\n\n\
             “They lost,” Republicans said.";
    assert_eq!(
        speakers(t),
        // A definite phrase and a bare name are still the people named before.
        some(&[
            "a senator",
            "some Republicans",
            "Tom Reed",
            "Georgia Republicans"
        ])
    );
}

#[test]
fn a_middle_initial_that_is_also_a_word_stays_in_the_name() {
    let t = "Jill A. Martin, a lawyer for the company, said the claims had “no substance.” She \
             added that “the school was well run.”\n\n\
             “It is fine,” said Richard I. Lee, the firm’s General Counsel.\n\n\
             “We are done,” said General Counsel Ana Lima.";
    assert_eq!(
        speakers(t),
        some(&[
            "Jill A. Martin",
            // "She": the woman just named, whose name the initial no longer cuts.
            "Jill A. Martin",
            "Richard I. Lee",
            // "Counsel" is a title, as "Secretary" is.
            "Ana Lima",
        ])
    );
    // Not an initial after a word that is no first name ("it was Plan A. Reed said …").
    let name = |text: &str| {
        let chars: Vec<char> = text.chars().collect();
        let ws = words::words_in(&chars, 0, chars.len());
        words::name_ending_at(&ws, ws.len() - 1).map(|n| n.name)
    };
    assert_eq!(name("Plan A. Reed").as_deref(), Some("Reed"));
    assert_eq!(name("Jill A. Reed").as_deref(), Some("Jill A. Reed"));
    assert_eq!(name("Tom I. Reed").as_deref(), Some("Tom I. Reed"));
}

#[test]
fn a_title_of_one_sex_is_never_given_a_fuller_name_of_the_other() {
    // "Mr. Lima" (Tom Lima, named most) and "Mrs. Lima" (Ana Lima, named once).
    let t = "Ana Lima and Tom Lima spoke. Tom Lima spoke again, and Tom Lima left.\n\n\
             “We will win,” Mrs. Lima said.\n\n\
             Mrs. Lima did not hesitate. “Everybody should be heard,” she said.\n\n\
             “It is over,” Mr. Lima said.";
    assert_eq!(speakers(t), some(&["Ana Lima", "Ana Lima", "Tom Lima"]));
    // Without her full name, the name as written.
    let t = "Tom Reed campaigned. Tom Reed spoke.\n\n“We will win,” Mrs. Reed said.";
    assert_eq!(speakers(t), some(&["Reed"]));
    // A woman's given name alone is a woman's: "he" is not her.
    let t = "Jim Stone’s wife, Kathryn, is a trustee of the fund. Jim Stone has led the plan. In \
             an essay, he wrote, “The science is settled.”";
    assert_eq!(speakers(t), some(&["Jim Stone"]));
}

#[test]
fn offices_before_a_name_are_titles() {
    let t = "“It is fine,” said Senate Minority Whip Tom Reed.\n\n\
             “It is late,” said Chicago Alderman Ana Lima.\n\n\
             “It is over,” said Public Advocate Cara Diaz.\n\n\
             “It is done,” said Senior Adviser Ben Stone.\n\n\
             “It is real,” said Senior Advisor Ed Moss.";
    assert_eq!(
        speakers(t),
        some(&["Tom Reed", "Ana Lima", "Cara Diaz", "Ben Stone", "Ed Moss"])
    );
}

#[test]
fn a_participle_after_the_noun_is_no_part_of_the_speaker() {
    let t = "A campaign ad released Thursday says Reed is “a fraud.”\n\n\
             According to a copy of the letter reviewed by the paper, the firm was “in trouble.”\n\n\
             “We won,” the newly elected said.";
    assert_eq!(
        speakers(t),
        some(&["A campaign ad", "a copy of the letter", "the newly elected"])
    );
}

#[test]
fn a_title_after_called_or_named_names_a_thing() {
    let t = "Reed shared a syllabus for a class called “Perception” on his page.\n\n\
             Lima launched a group called “Our Revolution” last week.\n\n\
             Reed called Lima “Little Ana” at the rally.";
    let quotes: Vec<String> = found(t).into_iter().map(|(q, _)| q).collect();
    // The thing's name is no quote; a name someone calls a person is.
    assert_eq!(quotes, ["Little Ana"]);
}

#[test]
fn a_pronoun_right_before_the_verb_is_its_subject() {
    let t = "Tom Reed spoke in Moscow on Friday. A few days ago in an interview with the network \
             RT he blasted the media as “dishonest beyond belief.”\n\n\
             Ana Lima spoke later. At the rally in Ohio she said the plan was “a disaster for \
             all of us.”";
    assert_eq!(speakers(t), some(&["Tom Reed", "Ana Lima"]));
}

#[test]
fn a_name_after_of_before_a_participle_is_its_subject() {
    let t = "Ana Lima and Tom Reed met in Iowa.\n\n\
             The ad uses footage of Ana Lima asking, “Why aren’t I fifty points ahead?”\n\n\
             The group released a video of Reed saying “we will build it and they will pay.”\n\n\
             Teachers unions backed Lima, with the Federation of Teachers calling her “the \
             champion families need.”";
    assert_eq!(
        speakers(t),
        // Not a name inside an institution's ("Federation of Teachers" is not "Teachers"; the
        // clause's subject stands, as before).
        some(&["Ana Lima", "Tom Reed", "Teachers unions"])
    );
}

#[test]
fn the_subject_of_a_clause_opened_by_which_is_its_speaker() {
    let t = "The tax, which the firm’s chief executive, Tom Reed, called “total political \
             nonsense,” is still owed.";
    assert_eq!(speakers(t), some(&["Tom Reed"]));
}

#[test]
fn a_name_after_a_verb_after_a_comma_introduces_the_quote_in_inverted_order() {
    // The verb after a clause's comma, the name right before the quote's comma or colon.
    let t = "Ana Lima and Tom Reed met voters in Dover on Tuesday.\n\n\
             In other words, explained the moderator Tom Reed: “What does that have to do with \
             the vote?”\n\n\
             Because of how the schedule was drawn, said Reed, “the race is over by March.”";
    assert_eq!(speakers(t), some(&["Tom Reed", "Tom Reed"]));
    // Not when the name is the object of the verb, or the verb's subject stands before it
    // with an appositive ("Ana Lima, a former aide, said of Reed:").
    let t = "Ana Lima and Tom Reed met voters in Dover on Tuesday.\n\n\
             Ana Lima, a former aide to Mr. Reed, said of Mr. Reed: “He is ready for the race.”\n\n\
             Ana Lima, a former aide to Mr. Reed, said Reed “was ready for the race.”";
    assert_eq!(speakers(t), some(&["Ana Lima", "Ana Lima"]));
}

#[test]
fn a_number_after_no_keeps_an_appositive_whole() {
    // "No. 2" is a numero sign, not the end of a sentence: the appositive runs on to the verb.
    let t = "Tom Reed spoke on Tuesday.\n\n\
             As Tom Reed, the No. 2 in the Senate leadership, put it: “We will not move until \
             the voters have spoken.”";
    assert_eq!(speakers(t), some(&["Tom Reed"]));
}

#[test]
fn as_and_a_subject_after_the_quote_name_its_speaker() {
    // "as X put it", "as X said": the clause after the quote credits its words.
    let t = "Tom Reed and Ana Lima spoke in Dover on Tuesday.\n\n\
             Applicants must show where the money comes from, “so that the program is not \
             abused,” as a state memo put it.\n\n\
             The race is close, “a dead heat right now,” as Reed said on the radio on Monday.";
    assert_eq!(speakers(t), some(&["a state memo", "Tom Reed"]));
}

#[test]
fn exhort_reports_what_it_urges() {
    let t = "Ana Lima spoke in Dover on Tuesday.\n\n\
             Lima exhorted the delegates to “vote your conscience” and left the stage.\n\n\
             “It is about time we had a mayor who listens,” exhorted her introducer, Tom Reed.";
    assert_eq!(speakers(t), some(&["Ana Lima", "Tom Reed"]));
}

#[test]
fn a_doubled_straight_mark_is_one_double_quotation_mark() {
    // '' for “ and ”, as some papers write: an apostrophe at a word's end inside it does not
    // close it; a single quote inside closes before it, even with three marks in a row; an
    // elision inside ('em) is closed with it; and a paragraph opening with '' goes on with
    // the quote of the paragraph before, like one opening with “.
    let t = "Tom Reed spoke in Dover.\n\n\
             ''Voters' worries are about the roads, and that's why they listen,'' Mr. Reed said.\n\n\
             ''We were told, 'Dover is a special case,''' Mr. Reed said. ''It is not.''\n\n\
             The crowd shouted ''Get 'em out of here'' as Mr. Reed left.\n\n\
             ''The count is not over. We will wait for every vote.\n\n\
             ''And then we will talk,'' Mr. Reed added.";
    assert_eq!(
        found(t),
        vec![
            q(
                "Voters' worries are about the roads, and that's why they listen,",
                Some("Tom Reed")
            ),
            q("We were told, 'Dover is a special case,'", Some("Tom Reed")),
            q("It is not.", Some("Tom Reed")),
            q("Get 'em out of here", Some("The crowd")),
            q(
                "The count is not over. We will wait for every vote.\n\n''And then we will talk,",
                Some("Tom Reed")
            ),
        ]
    );
}

#[test]
fn a_straight_double_mark_glued_to_the_sentence_before_opens_a_quote() {
    // No space after the full stop ("… the authorities."We …"), and no quote open.
    let t = "Ana Lima spoke in Dover on Tuesday.\n\n\
             “We came for the work,” said one owner of a shop in the market.\"We were \
             deceived into coming here.\"";
    assert_eq!(
        found(t),
        vec![
            q("We came for the work,", Some("one owner of a shop")),
            q(
                "We were deceived into coming here.",
                Some("one owner of a shop")
            ),
        ]
    );
}

/// The turns of `text`: each one's speaker and words.
fn turn_texts(text: &str) -> Vec<(String, String)> {
    let chars: Vec<char> = text.chars().collect();
    turns::turns(&chars)
        .into_iter()
        .map(|t| {
            let label: String = chars[t.label.0..t.label.1].iter().collect();
            assert!(
                names::folded(&t.name).ends_with(&names::folded(&label)),
                "{label} / {}",
                t.name
            );
            (t.name, chars[t.start..t.end].iter().collect())
        })
        .collect()
}

fn turn(name: &str, words: &str) -> (String, String) {
    (name.to_owned(), words.to_owned())
}

#[test]
fn a_transcripts_turns_are_its_speakers_by_their_fullest_names() {
    // Labels in capitals, one speaker's answer over two paragraphs, a stage direction
    // between turns, a moderator who speaks once next to the others, and the story going on
    // after the transcript.
    let text = "Senator Tom Reed and Governor Ana Ruiz met in Lisbon for the debate.\n\
                REED: We cut taxes for every family in the state.\n\
                And we will cut them again next year.\n\
                (APPLAUSE)\n\
                RUIZ: You raised them twice.\n\
                MODERATOR: Time, please.\n\
                REED: No.\n\
                The debate ended at nine.";
    assert_eq!(
        turn_texts(text),
        vec![
            turn(
                "Tom Reed",
                "We cut taxes for every family in the state.\nAnd we will cut them again next year."
            ),
            turn("Ana Ruiz", "You raised them twice."),
            turn("Moderator", "Time, please."),
            turn("Tom Reed", "No."),
        ]
    );
    // The fullest name is itself a label in capitals: shown in title case.
    // And a name in full once and by its last word after is one speaker who speaks twice,
    // however far apart.
    let text = "JAKE TAPPER: Donald Duck released a video on Friday.\n\
                The video is four minutes long.\n\
                It was filmed at his home.\n\
                He speaks of the economy.\n\
                TAPPER: Do you support him?\n\
                FALLIN: I do.\n\
                TAPPER: Why?";
    assert_eq!(
        turn_texts(text),
        vec![
            turn(
                "Jake Tapper",
                "Donald Duck released a video on Friday.\nThe video is four minutes long.\n\
                 It was filmed at his home.\nHe speaks of the economy.",
            ),
            turn("Jake Tapper", "Do you support him?"),
            turn("Fallin", "I do."),
            turn("Jake Tapper", "Why?"),
        ]
    );
    // A label on a line of its own with a time stamp, names in title case.
    let text = "Donald Duck: (04:12)\nWe will win this state.\n\
                Daisy Duck: (04:30)\nNo, you will not.\n\
                Donald Duck: (04:41)\nWe will.";
    assert_eq!(
        turn_texts(text),
        vec![
            turn("Donald Duck", "We will win this state."),
            turn("Daisy Duck", "No, you will not."),
            turn("Donald Duck", "We will."),
        ]
    );
}

#[test]
fn notes_headlines_and_times_are_no_transcript() {
    let text = "Reed: the ‘hateful rhetoric’ hurts the party\n\
                Senator Tom Reed spoke in Lisbon on Monday.\n\
                Correction: an earlier version misspelled a name.\n\
                Correction: the meeting was on Monday.\n\
                Update: the senator has since resigned.\n\
                Update: he denies it.\n\
                10:30: the session opened.\n\
                10:30: it closed.\n\
                See https://example.com/a: it says so.\n\
                See https://example.com/a: it says so.\n\
                Video Transcript: the senator's remarks\n\
                Video Transcript: the mayor's\n\
                MORE: Reed resigns from the committee\n\
                MORE: Reed denies the report\n\
                Pictured: the senator in Lisbon on Monday\n\
                Pictured: the senator's office\n\
                THE TOTAL.\n\
                Reed: 547.\n\
                Ruiz: 1,316.\n\
                Reed: 2,316.\n\
                Ruiz: 46.";
    assert_eq!(turn_texts(text), vec![]);
}

#[test]
fn i_in_a_transcripts_turn_is_its_speaker() {
    let text = "Senator Tom Reed and Governor Ana Ruiz met in Lisbon for the debate.\n\
                REED: As I said last year, “taxes will fall for every family in this state.”\n\
                RUIZ: We said in May, “no new taxes on anyone this year,” and we kept it.\n\
                REED: No.";
    assert_eq!(
        found(text),
        vec![
            q(
                "taxes will fall for every family in this state.",
                Some("Tom Reed")
            ),
            q("no new taxes on anyone this year,", Some("Ana Ruiz")),
        ]
    );
}

#[test]
fn a_transcript_in_quotation_marks_is_cut_into_its_turns() {
    // A story quoting a broadcast's transcript, each paragraph opened by a mark and a label,
    // none closed: one long quote before, its turns and their speakers now.
    let text = "Governor Mark Penn told Chris Wallis on Sunday that the rally would go on.\n\
                Partial transcript as follows:\n\
                \"WALLIS: Let’s start with the news about the rally tonight.\n\
                \"PENN: Well, look, the news is good for all of us.\n\
                \"(CROSSTALK.)\n\
                \"WALLIS: Will she be there?\n\
                \"PENN: She will not be there tomorrow night.\n\
                \"Follow Ana Lima on Twitter.\"";
    assert_eq!(
        found(text),
        vec![
            q(
                "Let’s start with the news about the rally tonight.",
                Some("Chris Wallis")
            ),
            q(
                "Well, look, the news is good for all of us.",
                Some("Mark Penn")
            ),
            q("Will she be there?", Some("Chris Wallis")),
            q("She will not be there tomorrow night.", Some("Mark Penn")),
        ]
    );
}

proptest::proptest! {
    /// Texts built from labels, marks, stage directions, time stamps and line breaks: turns
    /// and the quotes cut at them lie inside the text, in order, never overlapping.
    #[test]
    fn transcript_pieces_never_give_spans_outside_the_text(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "RUIZ:", "REED:", "Ana Ruiz:", "Sen. Tom Reed (R-Ky.):", "(04:12)", "(CROSSTALK)",
                "[APPLAUSE]", "\"", "“", "”", "'", "\n", "\n\n", "we", "cut", "taxes", ".", ",",
                ":", "Note:", "10:30:", "é", "😀", "Ruiz", "said", " ",
            ]),
            0..80,
        )
    ) {
        let t = parts.join(" ");
        let chars: Vec<char> = t.chars().collect();
        let n = chars.len();
        let mut last_end = 0;
        for turn in turns::turns(&chars) {
            proptest::prop_assert!(turn.label.0 < turn.label.1 && turn.label.1 <= turn.start);
            proptest::prop_assert!(
                turn.label_line.0 <= turn.label.0 && turn.label.1 <= turn.label_line.1
                    && turn.label_line.1 <= turn.start
            );
            proptest::prop_assert!(turn.start < turn.end && turn.end <= n && turn.label.0 >= last_end);
            proptest::prop_assert!(!turn.name.is_empty());
            last_end = turn.end;
        }
        let mut last_end = 0;
        let (quotes, _) = quotes_and_turns(&t, true);
        for q in quotes {
            proptest::prop_assert!(q.start < q.end && q.end <= n && q.start >= last_end, "{q:?} in {t:?}");
            last_end = q.end;
            if let Some(s) = &q.speaker {
                proptest::prop_assert!(s.start < s.end && s.end <= n, "{s:?} in {t:?}");
            }
        }
    }
}

#[test]
fn a_relative_pronoun_after_a_preposition_stands_for_no_description() {
    // "the least of which": "which" is the object of "of", and "the least of" is nobody; the
    // one who would say it is "they", the rebels.
    let t = "REED: But at the end of the day for a dozen different reasons, not the least of \
             which is that the rebels would like foreign combat troops on the ground so they \
             could reach out to the world and say, \"Look, we are taking on those terrible \
             foreigners.\"";
    let got = found(t);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].1.as_deref(), Some("the rebels"));
}

#[test]
fn an_outlet_in_the_plural_possessive_is_no_part_of_the_name() {
    // "Reuters’ Luciana Lopez", "Fox News' Bret Baier": the apostrophe after an "s" is the
    // outlet's possessive, as "’s" is in "CNN’s Gloria Borger".
    let t = "Reuters’ Ana Lima spoke first on Monday.\n\
             “The plan will cost more than anyone says,” Lima said.\n\
             Fox News' Tom Reed noticed it. He said the network “held on to the speech for an hour.”";
    assert_eq!(
        found(t),
        vec![
            q(
                "The plan will cost more than anyone says,",
                Some("Ana Lima")
            ),
            q("held on to the speech for an hour.", Some("Tom Reed")),
        ]
    );
}

#[test]
fn a_passive_after_the_quote_or_with_an_adverb_names_no_speaker() {
    let t = "Ana Ruiz spoke first.\n\
             For the most part, only a few weak “landspout” storms were observed across the plains.\n\
             Oman is often called the “Switzerland of the Middle East,” and it hosts the talks.\n\
             “Our method succeeds where others fail,” Ruiz is quoted as saying.";
    assert_eq!(
        found(t),
        vec![
            // Short, and said by no one: not suggested (it was "storms").
            // Said of Oman, by no one named ("is often called" is a passive).
            q("Switzerland of the Middle East,", None),
            // "quoted" is a passive of one who speaks.
            q("Our method succeeds where others fail,", Some("Ana Ruiz")),
        ]
    );
}

#[test]
fn a_given_name_alone_is_the_person_of_that_first_name() {
    let t = "Donna Kelce joined her son Travis Kelce on the podcast.\n\
             “I feel like I’m in an alternate universe,” Donna said.\n\
             Prime Minister Keir Starmer was asked about the gifts.\n\
             Sir Keir said that “all members get gifts” and moved on.\n\
             Talks in Israel went on, with Defence Minister Israel Katz present.\n\
             Israel said that there are “inextricable links” between the two questions.\n\
             Reporters Donna Brazile and Donna Lima asked again.\n\
             “We have no answer yet,” Donna said.";
    assert_eq!(
        speakers(t),
        some(&[
            "Donna Kelce",
            "Keir Starmer",
            // A place, as "in Israel" shows, not the minister.
            "Israel",
            // Two families' Donnas: which one is not known.
            "Donna",
        ])
    );
}

#[test]
fn a_titles_word_alone_before_the_verb_is_a_surname() {
    let t = "The stadium hosted the rally, with Billie Jean King as the keynote speaker.\n\
             King said, “Now is the time to make real the promises of democracy.”";
    assert_eq!(speakers(t), some(&["Billie Jean King"]));
}

#[test]
fn a_phrase_inside_a_clause_opened_by_whose_is_no_subject() {
    let t = "The mother of two girls whose kids were hurt in a knife attack has branded the riots \
             an “embarrassment to the human race” on Monday.";
    assert_eq!(speakers(t), some(&["The mother of two girls"]));
}

#[test]
fn a_quote_without_punctuation_is_no_inverted_verbs_object() {
    let t = "Ana Ruiz spoke to voters.\n\
             For example, “honest and fair-minded” describes Ruiz better than her rival.\n\
             “We will win” said Ruiz at the rally.";
    assert_eq!(speakers(t), some(&["", "Ana Ruiz"]));
}

#[test]
fn a_bodys_word_before_and_is_part_of_a_title_not_a_second_speaker() {
    let t = "Devon and Cornwall Police said six officers were hurt.\n\
             Police and Crime Commissioner Matt Storey said: “I would like to thank the public.”\n\
             Ana Ruiz and Senator Tom Reed said: “We will vote for it.”";
    assert_eq!(speakers(t), some(&["Matt Storey", "Ana Ruiz and Tom Reed"]));
}

#[test]
fn a_works_title_after_entitled_is_no_pronouns_person() {
    let t = "Ana Ruiz writes romance novels.\n\
             Ms Ruiz’s book entitled Some Unspoken Thing is out on Friday.\n\
             “I read everything, and I always come back to romance,” she said.\n\
             Her next one, titled Lonely Harbour Nights, is due in May.\n\
             “It will be my best,” she said.";
    assert_eq!(speakers(t), some(&["Ana Ruiz", "Ana Ruiz"]));
}

#[test]
fn a_title_with_of_leaves_its_bearer_a_pronouns_person() {
    let t = "Pakistan's Chief of Army Staff General Asim Munir has warned that platforms are used \
             against the state.\n\
             He described the work of “inimical” forces as a form of “digital terrorism” at home.\n\
             Ana Ruiz spoke before Secretary of State Tom Reed arrived.\n\
             Secretary of State Tom Reed said the talks went on.\n\
             “We gave up very little,” he told reporters.";
    // (The two quotes of the second sentence are one suggestion.)
    assert_eq!(speakers(t), some(&["Asim Munir", "Tom Reed"]));
}

#[test]
fn a_datelines_place_or_a_plural_before_a_given_name_is_no_part_of_the_name() {
    let t = "PHILADELPHIA Felicia Lima said: “We will not forget them.”\n\
             Celebrities Julianne Moore and others spoke. Democrats Hillary Reed said: “It is over.”\n\
             Former Dolphins star Tom Reed said: “The team will win.”";
    assert_eq!(
        speakers(t),
        some(&["Felicia Lima", "Hillary Reed", "Tom Reed"])
    );
}

#[test]
fn more_titles_before_a_name_are_no_part_of_it() {
    let t = "Tanaiste Leo Varadkar said: “We will look at it again.”\n\
             VP Marni Walden said: “The network is ready for it.”\n\
             Longtime Ana Ruiz supporters gathered. “We are thankful,” Ruiz said.\n\
             President-elect Tom Reed spoke on Monday. The president-elect said “the count is over” \
             and left.";
    assert_eq!(
        speakers(t),
        some(&["Leo Varadkar", "Marni Walden", "Ana Ruiz", "Tom Reed"])
    );
}

#[test]
fn what_is_left_of_a_clause_after_a_verbs_past_is_no_speaker() {
    let t = "Igor Lima runs the bank.\n\
             Lima had built his multibillion dollar financial base partly thanks to his mastery of \
             “raiding,” the local version of mergers.\n\
             Tom Reed, 43, was fined as the officer who made the arrest said he was “sick and \
             tired of it.”";
    assert_eq!(speakers(t), some(&["Igor Lima", "the officer"]));
}

#[test]
fn a_reflexive_or_an_opening_adverb_is_no_part_of_a_name() {
    let t = "John Major won in 1992.\n\
             As Major himself noted, “1992 killed socialism in Britain.”\n\
             Bartleby sat at his desk.\n\
             Accordingly Bartleby said: “At present I prefer to give no answer.”\n\
             Afterwards Bartleby said: “I would prefer not to.”\n\
             Without naming Tom Reed, Ana Ruiz tore into him, saying the city would lose a \
             “grownup in the White House” next year.";
    assert_eq!(
        speakers(t),
        some(&["John Major", "Bartleby", "Bartleby", "Ana Ruiz"])
    );
}

#[test]
fn a_dotted_abbreviation_before_a_lower_case_word_ends_no_sentence() {
    let t = "“The talks are back at the drawing board,” Lina Khatib, an expert at U.K. \
             think-tank Chatham House, told reporters.\n\
             When the F.B.I. director, Tom Reed, said on Tuesday that there was no “direct \
             evidence” of it, both sides claimed victory.";
    assert_eq!(speakers(t), some(&["Lina Khatib", "Tom Reed"]));
}

#[test]
fn a_named_persons_participle_after_of_reports_the_quote_not_the_verb_before_it() {
    let t = "Ana Ruiz spoke last.\n\
             The ad concludes with footage of Ruiz saying during the debate last week, “That \
             makes me smart,” as the crowd cheered.";
    assert_eq!(speakers(t), some(&["Ana Ruiz"]));
}

#[test]
fn the_article_alone_before_a_verb_is_no_surname() {
    let t = "The fumes leaked out of the flue pipe fitted by Tom Reed and “flooded” the house.\n\
             The “what’s broken” indicates the symptom; the “why” indicates a cause.";
    // ("what’s broken" is suggested, with no speaker; "flooded" and "why" are not.)
    assert_eq!(speakers(t), vec![None]);
}
