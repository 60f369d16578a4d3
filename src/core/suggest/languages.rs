//! Speakers of quotes in the languages a newsroom most often works in besides English:
//! Spanish, German, French, Italian, Portuguese and Dutch (the order of
//! `lexicon::OTHER_LANGUAGES`, whose function words tell the text's language).
//!
//! News in these languages attributes a quote in a few fixed shapes, which this module reads
//! with each language's words ([`Lexicon`]); the English rules (`attribution`) stay English:
//! - the verb after the quote, then who ("„…“, sagte Merkel", "« … », a déclaré M. Peskov",
//!   "“…”, afirmó el portavoz", "«…», ha detto Meloni", "„…“, so Lembeck", "“…”, aldus Rutte"),
//!   a pronoun ("sagte er", "a-t-il expliqué", "confie-t-elle"), or nobody where the language
//!   drops the subject ("“…”, señaló.");
//! - who, then the verb, before the quote ("Aberle ergänzt: „…“", "Campo explica que “…”"), or
//!   the verb, then who ("sagte Leavitt: „…“");
//! - "according to" ("laut", "selon", "según", "secondo", "segundo", "volgens").
//!
//! A pronoun or a dropped subject is the last speaker of its sex (by the given name, or by a
//! description's article: "die Ministerin" is no "er"). A name is a run of capitalised words
//! (with "von", "de", "van"… inside), without a first word that only opens the sentence
//! ("Auch", written "auch" elsewhere), shown from its first given name on ("Luxemburgs
//! Außenminister Xavier Bettel" is "Xavier Bettel") and in the fuller form the text used
//! before ("Streeck" after "Hendrik Streeck"); a description opens with a determiner ("der
//! Sprecher", "la jefa del Ejecutivo") and runs to a preposition or a punctuation mark.
//!
//! Measured by reading (`bench/suggest/README.md`, "Speakers in six more languages"): a quote
//! without a speaker is still suggested, as in English.

use super::lexicon::listed;
use super::names::{first_name_sex, folded};
use super::words::{trailing_gap, words_in, Word};
use super::Speaker;
use std::collections::HashMap;

/// A language of `lexicon::OTHER_LANGUAGES`, by its place there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language(pub usize);

/// One language's words for attributions; every list sorted (a test checks).
pub struct Lexicon {
    /// Reporting verbs: third person forms, present and past, and past participles.
    pub verbs: &'static [&'static str],
    /// Words that report only right after the quote ("so", "aldus").
    pub after_only: &'static [&'static str],
    /// Auxiliaries of a compound past ("a déclaré", "ha detto", "hat gesagt").
    pub auxiliaries: &'static [&'static str],
    /// "according to".
    pub according: &'static [&'static str],
    /// Third person pronouns that stand for a speaker.
    pub pronouns: &'static [&'static str],
    /// Determiners that open a description.
    pub determiners: &'static [&'static str],
    /// Words inside a description that join its parts ("der Sprecher des Vereins", "la jefa
    /// del Ejecutivo"); a name's particles are `NAME_PARTICLES`.
    pub joiners: &'static [&'static str],
    /// Words that end a description or a name read after a verb: prepositions, conjunctions,
    /// time words.
    pub stops: &'static [&'static str],
    /// Whether the language drops a pronoun subject ("“…”, señaló.").
    pub drops_subject: bool,
    /// Whether nouns are capitalised (German): a description ends after its noun.
    pub capital_nouns: bool,
    /// Reflexive pronouns read past after a verb ("erinnert sich Wahala").
    pub reflexives: &'static [&'static str],
    /// Pronouns of the first and second person, never a speaker's name ("Ich fand …").
    pub persons: &'static [&'static str],
    /// "as" of "as he said" ("„…“, wie er sagte").
    pub as_words: &'static [&'static str],
    /// Of `pronouns`, those that mean a woman; the others a man (or people).
    pub feminine: &'static [&'static str],
}

#[rustfmt::skip]
const SPANISH: Lexicon = Lexicon {
    verbs: &[
        "aclara", "aclarado", "aclaró", "admite", "admitió", "advertido", "advierte", "advirtió",
        "afirma", "afirmado", "afirmó", "agrega", "agregó", "apunta", "apuntado", "apuntó",
        "asegura", "asegurado", "aseguró", "aseveró", "añade", "añadido", "añadió", "comenta",
        "comentado", "comentó", "concluido", "concluye", "concluyó", "confesó", "contesta",
        "contestó", "contó", "critica", "criticado", "criticó", "declara", "declarado", "declaró",
        "decía", "denunciado", "denunció", "deslizó", "destaca", "destacado", "destacó", "detalla",
        "detallado", "detalló", "dice", "dicho", "dijo", "escribe", "escribió", "escrito", "espetó",
        "explica", "explicado", "explicó", "expresado", "expresó", "indica", "indicado", "indicó",
        "insiste", "insistido", "insistió", "lamenta", "lamentado", "lamentó", "manifestado",
        "manifestó", "precisa", "precisado", "precisó", "preguntó", "puntualizó", "recalca",
        "recalcado", "recalcó", "reconoce", "reconocido", "reconoció", "recordado", "recordó",
        "relata", "relatado", "relató", "remarcó", "respondido", "respondió", "resume", "resumido",
        "resumió", "sentenció", "señala", "señalado", "señaló", "sostenido", "sostiene", "sostuvo",
        "subraya", "subrayado", "subrayó", "zanjó",
    ],
    after_only: &[],
    auxiliaries: &["ha", "había", "han"],
    according: &["según"],
    pronouns: &["ella", "ellas", "ellos", "él"],
    determiners: &["el", "esta", "este", "la", "las", "los", "su", "sus", "un", "una"],
    joiners: &["de", "del", "la", "las", "los", "y"],
    stops: &[
        "a", "al", "ante", "ayer", "con", "durante", "en", "hoy", "para", "por", "que", "sobre",
        "tras",
    ],
    drops_subject: true,
    capital_nouns: false,
    reflexives: &["se"],
    persons: &["nosotros", "tú", "usted", "yo"],
    as_words: &["como"],
    feminine: &["ella", "ellas"],
};

#[rustfmt::skip]
const GERMAN: Lexicon = Lexicon {
    verbs: &[
        "antwortet", "antwortete", "argumentiert", "argumentierte", "behauptet", "behauptete",
        "beklagt", "beklagte", "berichtet", "berichtete", "bestätigt", "bestätigte", "betont",
        "betonte", "betonten", "entgegnet", "entgegnete", "ergänzt", "ergänzte", "erinnert",
        "erinnerte", "erklärt", "erklärte", "erklärten", "erläutert", "erläuterte", "erzählt",
        "erzählte", "fordert", "forderte", "fragt", "fragte", "fügt", "fügte", "gesagt",
        "geschrieben", "kommentiert", "kommentierte", "kritisiert", "kritisierte", "mahnt",
        "mahnte", "meint", "meinte", "nannte", "nennt", "notiert", "notierte", "resümiert",
        "resümierte", "rief", "ruft", "räumt", "räumte", "sagt", "sagte", "sagten", "schreibt",
        "schrieb", "schätzt", "schätzte", "spottet", "spottete", "twittert", "twitterte",
        "unterstreicht", "unterstrich", "verkündet", "verkündete", "versichert", "versicherte",
        "warnt", "warnte", "äußert", "äußerte",
    ],
    after_only: &["so"],
    auxiliaries: &["habe", "hat", "hatte"],
    according: &["laut"],
    pronouns: &["er", "sie"],
    determiners: &[
        "das", "dem", "den", "der", "deren", "dessen", "die", "ein", "eine", "einer", "ihr", "ihre",
        "sein", "seine",
    ],
    joiners: &["de", "der", "des", "einer", "eines", "van", "von", "zu"],
    stops: &[
        "am", "an", "auf", "bei", "beim", "dass", "gegenüber", "gestern", "heute", "im", "in",
        "mit", "nach", "nicht", "und", "vom", "vor", "während", "zum", "zur", "über",
    ],
    drops_subject: false,
    capital_nouns: true,
    reflexives: &["sich"],
    persons: &["du", "ich", "ihr", "wir"],
    as_words: &["wie"],
    feminine: &["sie"],
};

#[rustfmt::skip]
const FRENCH: Lexicon = Lexicon {
    verbs: &[
        "admet", "admis", "affirme", "affirmé", "ajoute", "ajouté", "annonce", "annoncé", "assure",
        "assuré", "averti", "avertit", "commente", "commenté", "conclu", "conclut", "confie",
        "confié", "dit", "déclare", "déclaré", "dénonce", "dénoncé", "estime", "estimé", "explique",
        "expliqué", "indique", "indiqué", "insiste", "insisté", "lance", "lancé", "martelé",
        "martèle", "observe", "observé", "plaide", "plaidé", "poursuit", "poursuivi", "précise",
        "précisé", "prévenu", "prévient", "raconte", "raconté", "rappelle", "rappelé", "rapporte",
        "rapporté", "reconnaît", "reconnu", "regrette", "regretté", "répond", "répondu", "résume",
        "résumé", "souligne", "souligné", "tranche", "tranché", "témoigne", "témoigné", "écrit",
    ],
    after_only: &[],
    auxiliaries: &["a", "avait", "ont"],
    according: &["d'après", "d’après", "selon"],
    pronouns: &["elle", "elles", "il", "ils", "lui"],
    determiners: &["ce", "cet", "cette", "la", "le", "les", "sa", "ses", "son", "un", "une"],
    joiners: &["d'", "de", "des", "du", "d’", "la", "le"],
    stops: &[
        "après", "au", "aux", "avant", "dans", "devant", "en", "lors", "pendant", "pour", "qu'",
        "que", "qu’", "sur", "à",
    ],
    drops_subject: false,
    capital_nouns: false,
    reflexives: &[],
    persons: &["je", "nous", "tu", "vous"],
    as_words: &["comme"],
    feminine: &["elle", "elles"],
};

#[rustfmt::skip]
const ITALIAN: Lexicon = Lexicon {
    verbs: &[
        "afferma", "affermato", "aggiunge", "aggiunto", "ammesso", "ammette", "annuncia",
        "annunciato", "assicura", "assicurato", "avverte", "avvertito", "chiarisce", "chiarito",
        "commenta", "commentato", "conclude", "concluso", "denuncia", "denunciato", "detto", "dice",
        "diceva", "dichiara", "dichiarato", "disse", "insiste", "insistito", "osserva", "osservato",
        "precisa", "precisato", "racconta", "raccontato", "replica", "replicato", "ribadisce",
        "ribadito", "ricorda", "ricordato", "risponde", "risposto", "rivela", "rivelato", "scritto",
        "scrive", "scriveva", "sostenuto", "sostiene", "sottolinea", "sottolineato", "sottolineava",
        "spiega", "spiegato", "spiegava", "twitta", "twittato",
    ],
    after_only: &[],
    auxiliaries: &["aveva", "ha", "hanno"],
    according: &["secondo"],
    pronouns: &["egli", "lei", "loro", "lui"],
    determiners: &["gli", "i", "il", "l'", "la", "le", "lo", "l’", "un", "una", "uno"],
    joiners: &["da", "de", "degli", "dei", "del", "della", "di"],
    stops: &[
        "a", "al", "alla", "con", "durante", "ieri", "in", "nel", "nella", "oggi", "per", "su",
    ],
    drops_subject: true,
    capital_nouns: false,
    reflexives: &["si"],
    persons: &["io", "noi", "tu", "voi"],
    as_words: &["come"],
    feminine: &["lei"],
};

#[rustfmt::skip]
const PORTUGUESE: Lexicon = Lexicon {
    verbs: &[
        "acrescenta", "acrescentou", "adiantou", "admite", "admitiu", "afirma", "afirmou", "alerta",
        "alertou", "apontou", "argumentou", "assegurou", "avalia", "avaliou", "comenta", "comentou",
        "concluiu", "conta", "contou", "critica", "criticou", "declara", "declarou", "defende",
        "defendeu", "destaca", "destacou", "disse", "diz", "dizia", "escreve", "escreveu",
        "explica", "explicou", "frisou", "garante", "garantiu", "indicou", "informa", "informou",
        "lembra", "lembrou", "observou", "pergunta", "perguntou", "questionou", "reconheceu",
        "reforçou", "relata", "relatou", "responde", "respondeu", "ressalta", "ressaltou",
        "salientou", "sublinhou", "sustentou",
    ],
    after_only: &[],
    auxiliaries: &[],
    according: &["conforme", "segundo"],
    pronouns: &["ela", "elas", "ele", "eles"],
    determiners: &["a", "as", "o", "os", "seu", "sua", "um", "uma"],
    joiners: &["da", "das", "de", "do", "dos", "e"],
    stops: &[
        "ao", "com", "durante", "em", "na", "nesta", "neste", "no", "ontem", "para", "por", "que",
        "sobre",
    ],
    drops_subject: true,
    capital_nouns: false,
    reflexives: &["se"],
    persons: &["eu", "nós", "tu", "você"],
    as_words: &["como"],
    feminine: &["ela", "elas"],
};

#[rustfmt::skip]
const DUTCH: Lexicon = Lexicon {
    verbs: &[
        "antwoordde", "antwoordt", "benadrukt", "benadrukte", "bevestigde", "bevestigt", "beweerde",
        "beweert", "concludeerde", "concludeert", "erkende", "erkent", "gezegd", "meldde", "meldt",
        "reageerde", "reageert", "schreef", "schrijft", "stelde", "stelt", "verklaarde",
        "verklaart", "vertelde", "vertelt", "vond", "vraagt", "vroeg", "waarschuwde", "waarschuwt",
        "zegt", "zei", "zeiden",
    ],
    after_only: &["aldus"],
    auxiliaries: &["had", "heeft"],
    according: &["volgens"],
    pronouns: &["hij", "ze", "zij"],
    determiners: &["de", "die", "een", "haar", "het", "zijn"],
    joiners: &["de", "den", "der", "ter", "van"],
    stops: &[
        "aan", "bij", "dat", "gisteren", "in", "met", "na", "op", "tegen", "tegenover", "tijdens",
        "vandaag", "voor",
    ],
    drops_subject: false,
    capital_nouns: false,
    reflexives: &["zich"],
    persons: &["ik", "jij", "u", "we", "wij"],
    as_words: &["zoals"],
    feminine: &["ze", "zij"],
};

/// The lexicons, in the order of `lexicon::OTHER_LANGUAGES`.
pub const LEXICONS: [&Lexicon; 6] = [&SPANISH, &GERMAN, &FRENCH, &ITALIAN, &PORTUGUESE, &DUTCH];

impl Language {
    pub fn lexicon(self) -> &'static Lexicon {
        LEXICONS[self.0.min(LEXICONS.len() - 1)]
    }
}

/// Who a sentence says said a quote.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Who {
    /// A name or a description, as written (a name from its first given name on), and its
    /// span.
    Named {
        start: usize,
        end: usize,
        text: String,
        /// Whether it is a name (capitalised words), not a description.
        name: bool,
    },
    /// A pronoun, or no subject where the language drops it: the last speaker named (of
    /// that sex, where the pronoun tells it: `woman`).
    Last {
        start: usize,
        end: usize,
        woman: Option<bool>,
    },
}

/// How many of the last people named as speakers a pronoun may stand for.
const RECENT_SPEAKERS: usize = 8;

/// How far (in code points) the text is read on either side of a quote.
const WINDOW: usize = 300;

/// The most words of a name or a description read after a verb.
const MAX_PHRASE_WORDS: usize = 8;

/// The most words between a reporting verb before the quote and the quote.
const MAX_WORDS_AFTER_VERB: usize = 12;

/// The most words between "as" and its verb after a quote ("„…“, wie er gegenüber dem
/// Abendblatt sagte").
const MAX_AS_WORDS: usize = 8;

/// Who the sentences around the quote `start..end` say said it, by `lex`'s words;
/// `(prev_end, next_start)`: where the quote before ends and the next one starts, which
/// bound the reading.
fn attributed(
    chars: &[char],
    lex: &Lexicon,
    (start, end): (usize, usize),
    (prev_end, next_start): (usize, usize),
) -> Option<Who> {
    after_quote(chars, lex, end, next_start).or_else(|| before_quote(chars, lex, start, prev_end))
}

/// The pronoun or the dropped subject at word `w`.
fn last(lex: &Lexicon, w: &Word, pronoun: Option<&str>) -> Who {
    Who::Last {
        start: w.start,
        end: w.end,
        woman: pronoun.map(|p| listed(lex.feminine, p)),
    }
}

/// "„…“, sagte Merkel", "« … », a-t-il expliqué", "“…”, señaló.", "„…“, so Lembeck", "„…“,
/// wie er sagte".
fn after_quote(chars: &[char], lex: &Lexicon, end: usize, next_start: usize) -> Option<Who> {
    let to = next_start.min(end + WINDOW).min(chars.len());
    let mut ws = words_in(chars, end, to);
    // To the sentence's end: a full stop, a question or an exclamation mark, a colon, a
    // line's end, or a quotation mark.
    if let Some(k) = ws
        .iter()
        .skip(1)
        .position(|w| w.gap.stop || w.gap.newline || w.gap.colon || w.gap.mark)
    {
        ws.truncate(k + 1);
    }
    let first = ws.first()?;
    // The quote's sentence goes on: no punctuation but a comma or a dash between.
    if first.gap.stop || first.gap.newline || first.gap.colon {
        return None;
    }
    // French inversion: "a-t-il expliqué", "confie-t-elle".
    if let Some((verb, pronoun)) = inverted_pronoun(lex, &first.lower) {
        return (listed(lex.verbs, verb) || listed(lex.auxiliaries, verb))
            .then(|| last(lex, first, Some(pronoun)));
    }
    // "« … », selon la Drees".
    if listed(lex.according, &first.lower) {
        // "según asegura Campo": past the verb.
        let k = if ws.get(1).is_some_and(|w| listed(lex.verbs, &w.lower)) {
            2
        } else {
            1
        };
        return phrase_at(lex, &ws, k);
    }
    // "„…“, wie er gegenüber dem Abendblatt sagte": the subject after "as", if a verb
    // follows.
    if listed(lex.as_words, &first.lower) {
        let verb = ws
            .iter()
            .take(MAX_AS_WORDS + 2)
            .skip(2)
            .any(|w| listed(lex.verbs, &w.lower));
        return verb.then(|| phrase_at(lex, &ws, 1)).flatten();
    }
    let mut v = 0;
    if listed(lex.auxiliaries, &first.lower)
        && ws.get(1).is_some_and(|w| listed(lex.verbs, &w.lower))
    {
        v = 1;
    } else if !(listed(lex.verbs, &first.lower) || listed(lex.after_only, &first.lower)) {
        return None;
    }
    let dropped = || lex.drops_subject.then(|| last(lex, &ws[v], None));
    match ws.get(v + 1) {
        // "“…”, señaló." or "“…”, señaló a la prensa": no subject.
        None => dropped(),
        Some(w) if w.gap.breaks() => dropped(),
        Some(w) => phrase_at(lex, &ws, v + 1)
            .or_else(|| listed(lex.stops, &w.lower).then(dropped).flatten()),
    }
}

/// For a word of the French inversion ("a-t-il", "explique-t-elle", "dit-il"), the verb and
/// the pronoun.
fn inverted_pronoun<'w>(lex: &Lexicon, word: &'w str) -> Option<(&'w str, &'w str)> {
    let (verb, pronoun) = word.rsplit_once('-')?;
    let verb = verb.strip_suffix("-t").unwrap_or(verb);
    (listed(lex.pronouns, pronoun) && !verb.is_empty()).then_some((verb, pronoun))
}

/// "Aberle ergänzt: „…“", "sagte Leavitt: „…“", "Campo explica que “…”", "Según el juez, “…”".
fn before_quote(chars: &[char], lex: &Lexicon, start: usize, prev_end: usize) -> Option<Who> {
    let from = start.saturating_sub(WINDOW).max(prev_end).min(start);
    let to = start.saturating_sub(1).max(from);
    let mut ws = words_in(chars, from, to);
    // The quote opens a sentence of its own.
    let tail = trailing_gap(chars, &ws, from, to);
    if tail.stop || tail.newline || ws.is_empty() {
        return None;
    }
    // From the start of the quote's sentence.
    if let Some(k) = ws.iter().rposition(|w| w.gap.stop || w.gap.newline) {
        ws.drain(..k);
    }
    let n = ws.len();
    // "according to": its phrase, wherever it stands in the sentence.
    if let Some(k) = ws.iter().rposition(|w| listed(lex.according, &w.lower)) {
        if let Some(who) = phrase_at(lex, &ws, k + 1) {
            return Some(who);
        }
    }
    let lo = n.saturating_sub(MAX_WORDS_AFTER_VERB);
    let v = (lo..n).rev().find(|&k| {
        let w = &ws[k].lower;
        listed(lex.verbs, w) || inverted_pronoun(lex, w).is_some_and(|(v, _)| listed(lex.verbs, v))
    })?;
    if let Some((_, pronoun)) = inverted_pronoun(lex, &ws[v].lower) {
        return Some(last(lex, &ws[v], Some(pronoun)));
    }
    // The verb, then who: "sagte Leavitt:", "dijo el ministro:". Not when a pronoun stands
    // before the verb ("Er schrieb CORRECTIV:"), nor a dative after it ("sagte dem Sender").
    let pronoun_before = v > 0 && !ws[v].gap.breaks() && listed(lex.pronouns, &ws[v - 1].lower);
    let object = ws
        .get(v + 1)
        .is_some_and(|w| lex.capital_nouns && matches!(w.lower.as_str(), "dem" | "den"));
    if v + 1 < n && !ws[v + 1].gap.breaks() && !pronoun_before && !object {
        if let Some(who) = phrase_at(lex, &ws, v + 1) {
            return Some(who);
        }
    }
    // The quote follows the verb's own clause, not one after a colon ("Sie findet klare
    // Worte: In einem Podcast des „Stern“ …").
    if ws[v + 1..].iter().any(|w| w.gap.colon) {
        return None;
    }
    // Who, then the verb (over an auxiliary): "Aberle ergänzt:", "M. Macron a déclaré :".
    let mut b = v;
    if b > 0 && listed(lex.auxiliaries, &ws[b - 1].lower) && !ws[b].gap.breaks() {
        b -= 1;
    }
    if !ws[b].gap.breaks() {
        return subject_before(lex, &ws, b);
    }
    // "María López, vecina del barrio, dijo:" and "La ministra de Economía, Ana Ruiz, dijo:":
    // the name before an appositive, or the name that is one.
    let k = (1..b).rev().find(|&k| ws[k].gap.comma)?;
    let name = |who: &Option<Who>| matches!(who, Some(Who::Named { name: true, .. }));
    if !ws[b].gap.comma || b - k > MAX_PHRASE_WORDS {
        return None;
    }
    let between = phrase_words(lex, &ws[k..b]);
    if name(&between) {
        return between;
    }
    Some(subject_before(lex, &ws, k)).filter(name).flatten()
}

/// The subject right before word `b`: a pronoun, a description opened by a determiner ("die
/// Ministerin", "la miembro de la Plataforma"), or a name (capitalised words). In German a
/// subject ends with a noun or a name: a word in lower case right before the verb is none
/// ("Wenn jemand sagt").
fn subject_before(lex: &Lexicon, ws: &[Word], b: usize) -> Option<Who> {
    let prev = ws.get(b.checked_sub(1)?)?;
    if listed(lex.pronouns, &prev.lower) {
        return Some(last(lex, prev, Some(&prev.lower)));
    }
    if lex.capital_nouns && !nounish(prev) {
        return None;
    }
    let mut a = b;
    while a > 0
        && b - a < MAX_PHRASE_WORDS
        && (a == b || !ws[a].gap.breaks())
        && !listed(lex.stops, &ws[a - 1].lower)
        && !listed(lex.verbs, &ws[a - 1].lower)
    {
        a -= 1;
    }
    // The name: the capitalised words (and particles) that end right before the verb.
    let mut n = b;
    while n > a
        && (n == b || !ws[n].gap.breaks())
        && (ws[n - 1].capitalised() || name_particle(ws, n - 1) || and_before_name(ws, n - 1))
    {
        n -= 1;
    }
    match (a..b).rev().find(|&k| determiner(lex, &ws[k])) {
        Some(d) if d < n || n == b => phrase_words(lex, &ws[d..b]),
        _ if n < b => phrase_words(lex, &ws[n..b]),
        _ => None,
    }
}

/// Particles inside a person's name, in any of the languages ("Ursula von der Leyen",
/// "Luiz Inácio Lula da Silva", "Charles de Gaulle"), sorted.
pub(super) const NAME_PARTICLES: &[&str] = &[
    "af", "da", "das", "de", "del", "della", "di", "do", "dos", "du", "la", "le", "ten", "ter",
    "van", "von", "zu",
];

/// Whether word `j` of `ws` is a particle inside a name: one of `NAME_PARTICLES`, or "der",
/// "den" right after "von" or "van", followed by a capitalised word.
fn name_particle(ws: &[Word], j: usize) -> bool {
    let w = ws[j].lower.as_str();
    let particle = listed(NAME_PARTICLES, w)
        || (matches!(w, "der" | "den")
            && j > 0
            && matches!(ws[j - 1].lower.as_str(), "von" | "van"));
    particle
        && ws.get(j + 1).is_some_and(|n| {
            (nounish(n) || n.lower == "der" || n.lower == "den") && !n.gap.breaks()
        })
}

/// Whether word `j` of `ws` is "and" between titles and the name they go with
/// ("Endokrinologe und Ernährungsmediziner Andreas Pfeiffer"): a given name of the census
/// lists follows within a few capitalised words.
fn and_before_name(ws: &[Word], j: usize) -> bool {
    matches!(
        ws[j].lower.as_str(),
        "and" | "e" | "en" | "et" | "und" | "y"
    ) && ws
        .iter()
        .skip(j + 1)
        .take(3)
        .take_while(|w| w.capitalised() && !w.gap.breaks())
        .any(|w| first_name_sex(&folded(&w.text)).is_some())
}

/// Whether `w` is capitalised, or ends with a capitalised part after a hyphen ("86-Jährige").
fn nounish(w: &Word) -> bool {
    w.capitalised()
        || w.text
            .rsplit_once('-')
            .is_some_and(|(_, tail)| tail.chars().next().is_some_and(char::is_uppercase))
}

/// Whether `w` is a determiner (or begins with an elided one: "l’ancien").
fn determiner(lex: &Lexicon, w: &Word) -> bool {
    listed(lex.determiners, &w.lower)
        || ["l'", "l’"]
            .iter()
            .any(|p| w.lower.starts_with(p) && w.lower.len() > p.len() + 1)
}

/// The name, description or pronoun that starts at word `i` (after a verb or "according
/// to"), read to a break or a stop word.
fn phrase_at(lex: &Lexicon, ws: &[Word], i: usize) -> Option<Who> {
    // "erinnert sich Kerstin Wahala": past the reflexive.
    let i = if ws.get(i).is_some_and(|w| listed(lex.reflexives, &w.lower))
        && ws.get(i + 1).is_some_and(|w| !w.gap.breaks())
    {
        i + 1
    } else {
        i
    };
    let w = ws.get(i)?;
    if listed(lex.pronouns, &w.lower) {
        return Some(last(lex, w, Some(&w.lower)));
    }
    if !(w.capitalised() || determiner(lex, w)) {
        return None;
    }
    let name = !determiner(lex, w);
    let mut j = i + 1;
    // German: whether the description's noun (a capitalised word) has been read.
    let mut noun = false;
    while j < ws.len()
        && j - i < MAX_PHRASE_WORDS
        && !ws[j].gap.breaks()
        && !listed(lex.stops, &ws[j].lower)
        && !listed(lex.verbs, &ws[j].lower)
    {
        let joins = listed(lex.joiners, &ws[j].lower)
            && ws.get(j + 1).is_some_and(|n| nounish(n) && !n.gap.breaks());
        // A name stops at its first word in lower case that is no particle of a name.
        if name && !ws[j].capitalised() && !name_particle(ws, j) && !and_before_name(ws, j) {
            break;
        }
        // German: a description ends after its noun ("der Präsident wahrscheinlich").
        if lex.capital_nouns && !name && noun && !nounish(&ws[j]) && !joins {
            break;
        }
        noun |= nounish(&ws[j]);
        j += 1;
    }
    phrase_words(lex, &ws[i..j])
}

/// What the words `ws` make: a name (all capitalised but joiners; it ends before a joiner
/// once it has two words: "Carsten Brzeski von der Direktbank ING", but "Ursula von der
/// Leyen"), shown from its first given name on, or a description.
fn phrase_words(lex: &Lexicon, ws: &[Word]) -> Option<Who> {
    let first = ws.first()?;
    let name = !determiner(lex, first)
        && (0..ws.len())
            .all(|k| ws[k].capitalised() || name_particle(ws, k) || and_before_name(ws, k));
    let ws = match (2..ws.len()).find(|&k| name_particle(ws, k) && !name_particle(ws, k - 1)) {
        Some(k) if name => &ws[..k],
        _ => ws,
    };
    // A capitalised word that opens no determiner's description is a name, to its first
    // word in lower case ("Güvercin aber sagt").
    let ws = if !name && !determiner(lex, first) {
        let k = (0..ws.len())
            .find(|&k| !ws[k].capitalised() && !name_particle(ws, k))
            .unwrap_or(ws.len());
        return phrase_words(lex, &ws[..k]);
    } else {
        ws
    };
    let last = ws.last()?;
    if !first.text.chars().any(char::is_alphabetic)
        || !last.text.chars().any(char::is_alphabetic)
        || listed(lex.joiners, &last.lower)
        || listed(NAME_PARTICLES, &last.lower)
        || determiner(lex, last)
        || (ws.len() == 1
            && (listed(lex.persons, &first.lower) || listed(lex.pronouns, &first.lower)))
    {
        return None;
    }
    let text = ws
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    if !name {
        // "der dreimalige Weltmeister Peter Sagan": the name the description ends with, from
        // its given name on.
        let tail = ws.iter().rev().take_while(|w| w.capitalised()).count();
        let given = (ws.len() - tail..ws.len().saturating_sub(1))
            .find(|&k| first_name_sex(&folded(&ws[k].text)).is_some());
        if let Some(k) = given {
            return phrase_words(lex, &ws[k..]);
        }
        return Some(Who::Named {
            start: first.start,
            end: last.end,
            text,
            name,
        });
    }
    let shown = shown(&text);
    let skipped = ws.len() - shown.split(' ').count();
    Some(Who::Named {
        start: ws[skipped].start,
        end: last.end,
        text: shown,
        name,
    })
}

/// How far before a quote (in code points) [`fuller`] is given the text to read.
const FULLER_WINDOW: usize = 20_000;

/// The fuller form of a one-word name `name` that `chars` uses: a given name of the census
/// lists written right before it ("Streeck" after "Hendrik Streeck"), or for a given name
/// the capitalised word after it ("Nora" after "Nora Back"), the most often if several are;
/// else the name as it is. (The English name book reads every capitalised run as
/// a name, and a German text capitalises every noun and the first word of each sentence.)
fn fuller(chars: &[char], whole: &str) -> String {
    let name = whole;
    // "M. Le Maire" after "Bruno Le Maire": the family name after an honorific.
    let (honorific, family) = match name.split_once(' ') {
        Some((h, rest)) if listed(HONORIFICS, h) => (true, rest),
        _ => (false, name),
    };
    let woman = honorific
        .then(|| honorific_sex(name.split(' ').next().unwrap_or_default()))
        .flatten();
    if (family.contains(' ') && !honorific) || family.chars().count() < 2 {
        return name.to_owned();
    }
    let name = family;
    let needle: Vec<char> = name.chars().collect();
    // "Nora" after "Nora Back": a given name alone, its family name after it.
    let given = !honorific && first_name_sex(&folded(name)).is_some();
    let mut counts: Vec<(String, usize)> = Vec::new();
    let mut k = 1;
    while k + needle.len() <= chars.len() {
        let found = chars[k..k + needle.len()] == needle[..]
            && chars[k - 1] == ' '
            && chars
                .get(k + needle.len())
                .is_none_or(|c| !c.is_alphanumeric());
        if !found {
            k += 1;
            continue;
        }
        let full = if given {
            // The capitalised word after it.
            let b = k + needle.len() + 1;
            let mut e = b;
            while e < chars.len() && (chars[e].is_alphabetic() || chars[e] == '-') {
                e += 1;
            }
            let family: String = chars.get(b..e).unwrap_or_default().iter().collect();
            (chars.get(k + needle.len()) == Some(&' ')
                && family.chars().next().is_some_and(char::is_uppercase)
                && family.chars().count() > 1)
                .then(|| format!("{name} {family}"))
        } else {
            let mut a = k - 1;
            while a > 0 && chars[a - 1].is_alphabetic() {
                a -= 1;
            }
            let before: String = chars[a..k - 1].iter().collect();
            // Of the honorific's sex, if it tells one ("M." is not Marie).
            let sex = first_name_sex(&folded(&before));
            (before.chars().next().is_some_and(char::is_uppercase)
                && sex.is_some()
                && woman.is_none_or(|w| sex == Some(w)))
            .then(|| format!("{before} {name}"))
        };
        if let Some(full) = full {
            match counts.iter_mut().find(|(w, _)| *w == full) {
                Some((_, n)) => *n += 1,
                None => counts.push((full, 1)),
            }
        }
        k += needle.len();
    }
    // The most written; of those, the last written before the quote.
    counts.into_iter().max_by_key(|(_, n)| *n).map_or_else(
        || {
            if honorific {
                format!("{} {name}", whole.split(' ').next().unwrap_or_default())
            } else {
                name.to_owned()
            }
        },
        |(full, _)| full,
    )
}

/// Whether an honorific is a woman's (`Some(true)`), a man's, or either's ("Dr.").
fn honorific_sex(honorific: &str) -> Option<bool> {
    match honorific {
        "Frau" | "Mlle" | "Mme" | "Sig.ra" | "Sra." | "mevr." => Some(true),
        "Herr" | "M." | "Sig." | "Sr." | "dhr." => Some(false),
        _ => None,
    }
}

/// Honorifics before a family name ("M. Le Maire", "Frau Schmidt", "Sr. García"), as
/// written, sorted.
pub(super) const HONORIFICS: &[&str] = &[
    "Dr.", "Frau", "Herr", "M.", "Mlle", "Mme", "Sig.", "Sig.ra", "Sr.", "Sra.", "dhr.", "mevr.",
];

/// A name of three words or more as shown: from its first given name on ("Luxemburgs
/// Außenminister Xavier Bettel" is "Xavier Bettel"), when one is known and not its last word.
fn shown(name: &str) -> String {
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() < 3 {
        return name.to_owned();
    }
    match words
        .iter()
        .position(|w| first_name_sex(&folded(w)).is_some())
    {
        Some(k) if k > 0 && k + 1 < words.len() => words[k..].join(" "),
        _ => name.to_owned(),
    }
}

/// What a quote's own sentence says of its speaker, in another language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    /// It names who said it (the speaker may be unknown: a pronoun with no one named before).
    By(Option<Speaker>),
    /// Nothing, and the quote opens a sentence of its own: it may go on with the speech of
    /// the paragraph's last quote ("„…“, sagt er. „…“").
    OnItsOwn,
    /// Nothing, inside a sentence that says no more.
    Nothing,
}

/// Articles that tell a description's sex ("der Sprecher", "la ministre"); Dutch "de" and the
/// plural ones tell none.
fn article_sex(word: &str) -> Option<bool> {
    match word {
        "die" | "eine" | "la" | "une" | "una" | "a" | "uma" => Some(true),
        "der" | "ein" | "le" | "un" | "el" | "il" | "lo" | "uno" | "o" | "um" => Some(false),
        _ => None,
    }
}

/// How many characters around a quote [`Reader`] reads to tell a name from a word that opens
/// a sentence ("Wenn", "Dann"): whether the word is written in lower case there.
const LOWER_WINDOW: usize = 20_000;

/// Reads the speakers of a text's quotes in another language, quote by quote, remembering
/// the speakers named and the fuller forms of their names.
#[derive(Default)]
pub struct Reader {
    /// The fuller form of each name read ([`fuller`]).
    fuller: HashMap<String, String>,
    /// The last speakers named, the latest last, with their sex where it is known.
    recent: Vec<(String, Option<bool>)>,
    /// Whether a capitalised word is also written in lower case near where it was asked.
    lower: HashMap<String, bool>,
}

impl Reader {
    /// What the sentence of the quote `span` says of its speaker; `around`: where the quote
    /// before ends and the next one starts.
    pub fn read(
        &mut self,
        chars: &[char],
        lex: &Lexicon,
        (start, end): (usize, usize),
        around: (usize, usize),
    ) -> Said {
        let Some(who) = attributed(chars, lex, (start, end), around) else {
            return if opens_sentence(chars, start, around.0) {
                Said::OnItsOwn
            } else {
                Said::Nothing
            };
        };
        match who {
            Who::Named {
                start: s,
                end: e,
                text,
                name,
            } => {
                let text = if name {
                    match self.name_of(chars, (s, e), &text) {
                        Some(t) => t,
                        None => return Said::Nothing,
                    }
                } else {
                    text
                };
                let sex = if name {
                    text.split(' ')
                        .next()
                        .and_then(|f| first_name_sex(&folded(f)))
                } else {
                    text.split(' ')
                        .next()
                        .and_then(|a| article_sex(&a.to_lowercase()))
                };
                self.recent.retain(|(n, _)| *n != text);
                self.recent.push((text.clone(), sex));
                if self.recent.len() > RECENT_SPEAKERS {
                    self.recent.remove(0);
                }
                Said::By(Some(Speaker {
                    start: s,
                    end: e,
                    name: text,
                }))
            }
            // A pronoun, or no subject: the last speaker of its sex ("sagte er").
            Who::Last {
                start: s,
                end: e,
                woman,
            } => Said::By(
                self.recent
                    .iter()
                    .rev()
                    .find(|(_, sex)| woman.is_none_or(|w| *sex != Some(!w)))
                    .map(|(name, _)| Speaker {
                        start: s,
                        end: e,
                        name: name.clone(),
                    }),
            ),
        }
    }

    /// The name as shown: its fuller form, without a first word that opens a sentence and is
    /// written in lower case nearby ("Wenn", "Dann"); none if nothing is left.
    fn name_of(&mut self, chars: &[char], (s, e): (usize, usize), text: &str) -> Option<String> {
        let mut words: Vec<&str> = text.split(' ').collect();
        let opens = s == 0
            || chars[..s]
                .iter()
                .rev()
                .find(|c| !c.is_whitespace())
                .is_none_or(|c| {
                    matches!(
                        c,
                        '.' | '!' | '?' | ':' | '\n' | '"' | '„' | '“' | '«' | '»'
                    )
                });
        if opens {
            let first = words[0].to_lowercase();
            let from = s.saturating_sub(LOWER_WINDOW);
            let to = (e + LOWER_WINDOW).min(chars.len());
            let lower = *self
                .lower
                .entry(first.clone())
                .or_insert_with(|| written_in_lower_case(&chars[from..to], &first));
            if lower {
                words.remove(0);
            }
        }
        let text = words.join(" ");
        if text.is_empty() || !text.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let full = self
            .fuller
            .entry(text.clone())
            .or_insert_with(|| fuller(&chars[s.saturating_sub(FULLER_WINDOW)..s], &text));
        Some(full.clone())
    }
}

/// Whether `word` (in lower case) is written in `chars` as a word of its own, in lower case.
fn written_in_lower_case(chars: &[char], word: &str) -> bool {
    let needle: Vec<char> = word.chars().collect();
    if needle.is_empty() {
        return false;
    }
    chars.windows(needle.len()).enumerate().any(|(k, w)| {
        w == needle.as_slice()
            && (k == 0 || !chars[k - 1].is_alphanumeric())
            && chars
                .get(k + needle.len())
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Whether the quote starting at `start` opens a sentence: nothing but punctuation and space
/// since the last sentence's end, a line's end or the last quote (`prev_end`).
fn opens_sentence(chars: &[char], start: usize, prev_end: usize) -> bool {
    let from = start.saturating_sub(WINDOW).max(prev_end).min(start);
    let before = &chars[from..start.saturating_sub(1).max(from)];
    match before.iter().rposition(|c| c.is_alphanumeric()) {
        None => true,
        Some(k) => before[k + 1..]
            .iter()
            .any(|c| matches!(c, '.' | '!' | '?' | '\n' | '…')),
    }
}
