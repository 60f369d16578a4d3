//! The word lists the suggester reads text with: reporting verbs, titles, and the small words
//! that end a noun phrase or a name. All lower case.

use std::cmp::Reverse;

/// Reporting verbs, by their base form. With their inflections (`is_reporting_verb`) these
/// are some 600 forms: "said", "says", "saying", "argued", "pointed (out)", "tweeted"…, and the
/// verbs that attribute a quoted phrase ("called it “a disgrace”", "denounced … as “hurtful”").
/// Sorted, for a binary search (a test checks the order).
pub const REPORTING_VERBS: &[&str] = &[
    "accuse",
    "acknowledge",
    "add",
    "address",
    "admit",
    "advise",
    "affirm",
    "agree",
    "allege",
    "announce",
    "answer",
    "anticipate",
    "apologize",
    "applaud",
    "argue",
    "ask",
    "assert",
    "assure",
    "attest",
    "aver",
    "bark",
    "beam",
    "beg",
    "believe",
    "bemoan",
    "blame",
    "blast",
    "blog",
    "boast",
    "brag",
    "brand",
    "call",
    "caution",
    "chant",
    "characterise",
    "characterize",
    "charge",
    "chide",
    "chime",
    "cite",
    "claim",
    "clarify",
    "comment",
    "complain",
    "concede",
    "conclude",
    "concur",
    "condemn",
    "confess",
    "confide",
    "confirm",
    "contend",
    "continue",
    "counter",
    "credit",
    "criticise",
    "criticize",
    "crow",
    "cry",
    "declare",
    "decry",
    "demand",
    "denounce",
    "deny",
    "deride",
    "describe",
    "disclose",
    "dismiss",
    "dispute",
    "dub",
    "echo",
    "elaborate",
    "emphasise",
    "emphasize",
    "enthuse",
    "estimate",
    "exclaim",
    "exhort",
    "explain",
    "exult",
    "fret",
    "fume",
    "gloat",
    "groan",
    "grouse",
    "grumble",
    "gush",
    "hail",
    "highlight",
    "hint",
    "implore",
    "imply",
    "indicate",
    "inform",
    "inquire",
    "insist",
    "instruct",
    "interject",
    "interrupt",
    "introduce",
    "joke",
    "label",
    "lambast",
    "lament",
    "laud",
    "laugh",
    "liken",
    "maintain",
    "marvel",
    "mention",
    "mock",
    "mourn",
    "mumble",
    "murmur",
    "muse",
    "mutter",
    "note",
    "object",
    "observe",
    "opine",
    "plead",
    "pledge",
    "point",
    "ponder",
    "portray",
    "posit",
    "post",
    "praise",
    "predict",
    "press",
    "proclaim",
    "promise",
    "pronounce",
    "propose",
    "protest",
    "query",
    "question",
    "quip",
    "quote",
    "rail",
    "rant",
    "rave",
    "react",
    "read",
    "reaffirm",
    "reason",
    "reassure",
    "recall",
    "reckon",
    "recognize",
    "recommend",
    "recount",
    "refer",
    "reflect",
    "refute",
    "reiterate",
    "rejoin",
    "remark",
    "remember",
    "remind",
    "repeat",
    "reply",
    "report",
    "respond",
    "retaliate",
    "retort",
    "reveal",
    "rule",
    "say",
    "scoff",
    "scold",
    "scream",
    "shout",
    "sigh",
    "slam",
    "snap",
    "sneer",
    "snipe",
    "speculate",
    "state",
    "stress",
    "suggest",
    "surmise",
    "swear",
    "talk",
    "taunt",
    "tease",
    "tell",
    "term",
    "testify",
    "text",
    "thank",
    "theorize",
    "think",
    "thunder",
    "tout",
    "tweet",
    "underline",
    "underscore",
    "urge",
    "vow",
    "wager",
    "warn",
    "whisper",
    "wonder",
    "write",
    "yell",
];

/// Reporting verbs of belief rather than speech ("Ryan believed that …", "he thought"): they
/// give a quote's source, but a report of speech around them goes first ("Trump said he thought
/// that drugs were “a factor”" is Trump's). Among [`REPORTING_VERBS`].
pub(super) const BELIEF_VERBS: &[&str] = &["anticipate", "believe", "recognize", "think"];

/// Whether `lower` is a form of one of [`BELIEF_VERBS`] ("believed", "thinks", "thought"),
/// read as [`is_reporting_verb`] reads its forms.
pub fn is_belief_verb(lower: &str) -> bool {
    if let Some((_, lemma)) = IRREGULAR.iter().find(|(form, _)| *form == lower) {
        return listed(BELIEF_VERBS, lemma);
    }
    let mut buf = [0u8; MAX_VERB_LEN];
    listed(BELIEF_VERBS, lower)
        || ["ing", "ed", "es", "s"].iter().any(|suffix| {
            inflection_of(lower, suffix, &mut buf).is_some_and(|lemma| listed(BELIEF_VERBS, lemma))
        })
}

/// Irregular forms, and the lemma each belongs to.
const IRREGULAR: &[(&str, &str)] = &[
    ("said", "say"),
    ("told", "tell"),
    ("wrote", "write"),
    ("written", "write"),
    ("writing", "write"),
    ("swore", "swear"),
    ("thought", "think"),
    ("sworn", "swear"),
];

/// Reporting verbs whose bare base form is too often a noun ("a post", "the state") to be read
/// as a verb without an inflection.
pub const NOUN_LIKE: &[&str] = &[
    "address", "answer", "beam", "blast", "blog", "brand", "call", "chant", "charge", "claim",
    "comment", "counter", "credit", "cry", "demand", "dispute", "echo", "estimate", "label",
    "laugh", "note", "object", "pledge", "point", "post", "praise", "press", "promise", "protest",
    "query", "question", "quote", "remark", "reply", "report", "rule", "slam", "state", "taunt",
    "term", "text", "tweet", "vow", "warn",
];

/// Words after which a verb form is a noun ("the claims", "his remarks").
pub const DETERMINERS: &[&str] = &[
    "a", "an", "any", "her", "his", "its", "many", "my", "no", "of", "our", "several", "some",
    "such", "that", "the", "their", "these", "this", "those", "three", "two", "whose", "your",
];

/// Determiners of an indefinite noun phrase: "a senator", "some Republicans" speak of someone
/// not named before, so the phrase is not resolved to a person the article names.
pub const INDEFINITES: &[&str] = &[
    "a", "an", "another", "dozens", "few", "many", "more", "most", "numerous", "one", "other",
    "several", "some", "three", "two", "various",
];

/// Whether `word` is in `list` (sorted: a test checks every list).
pub fn listed(list: &[&str], word: &str) -> bool {
    list.binary_search(&word).is_ok()
}

/// Words that label a headline or a paragraph ("Review: …", "ANALYSIS: …", "Exclusive: …"):
/// never a speaker's name, however often a page of reviews repeats them.
pub const HEADLINE_LABELS: &[&str] = &[
    "analysis",
    "breaking",
    "commentary",
    "editorial",
    "exclusive",
    "explainer",
    "factcheck",
    "interview",
    "opinion",
    "perspective",
    "podcast",
    "review",
    "update",
    "video",
];

/// Nouns that name an institution: with "of" ("the Department of Conservation", "the Bank of
/// England", "the University of Chicago"), the name runs on over "of"; as a name's last word
/// ("the Foreign Ministry", "the State Department"), the words in front of it that are titles
/// before a person's name ("foreign", "state", "justice", "defense") are part of the name; and
/// "the ministry", "the department" stands for the fullest such name seen.
pub const INSTITUTIONS: &[&str] = &[
    "academy",
    "administration",
    "agency",
    "army",
    "assembly",
    "association",
    "authority",
    "bank",
    "board",
    "bureau",
    "cabinet",
    "center",
    "centre",
    "chamber",
    "church",
    "college",
    "command",
    "commission",
    "committee",
    "council",
    "court",
    "department",
    "embassy",
    "federation",
    "foundation",
    "fund",
    "government",
    "institute",
    "league",
    "ministry",
    "museum",
    "office",
    "organisation",
    "organization",
    "parliament",
    "police",
    "school",
    "secretariat",
    "senate",
    "service",
    "society",
    "union",
    "university",
];

/// English function words, common in any English text and rare in other languages' (no "a",
/// "die", "la" or "de", which other languages share).
pub(super) const ENGLISH_WORDS: &[&str] = &[
    "and", "are", "at", "be", "but", "by", "for", "from", "has", "have", "he", "her", "his", "is",
    "it", "not", "of", "on", "said", "she", "that", "the", "they", "this", "to", "was", "were",
    "who", "will", "with",
];

/// The function words of the languages a newsroom most often works in besides English
/// (Spanish, German, French, Italian, Portuguese, Dutch), each list sorted.
pub(super) const OTHER_LANGUAGES: &[&[&str]] = &[
    &[
        "al", "como", "con", "de", "del", "el", "en", "es", "la", "las", "lo", "los", "más",
        "para", "por", "que", "se", "su", "un", "una",
    ],
    &[
        "auf", "das", "dem", "den", "der", "des", "die", "ein", "eine", "es", "für", "im", "ist",
        "mit", "nicht", "sich", "sie", "und", "von", "zu",
    ],
    &[
        "au", "ce", "dans", "des", "du", "est", "et", "il", "la", "le", "les", "ne", "pas", "pour",
        "que", "qui", "se", "sur", "un", "une",
    ],
    &[
        "al", "che", "con", "da", "del", "della", "di", "e", "gli", "il", "la", "le", "nel", "non",
        "per", "si", "sono", "un", "una", "è",
    ],
    &[
        "as", "com", "da", "de", "do", "dos", "em", "na", "no", "não", "o", "os", "para", "por",
        "que", "se", "um", "uma", "é",
    ],
    &[
        "aan", "als", "bij", "de", "die", "een", "en", "er", "het", "maar", "met", "niet", "ook",
        "op", "te", "van", "voor", "zijn",
    ],
];

/// The fewest words a text needs before [`is_english`] judges it (a shorter one is taken as
/// English).
const MIN_WORDS_TO_JUDGE: usize = 50;

/// Whether `chars` reads as English. It does when at least one word in ten is an English
/// function word (a third or more of an English news story's words are; a Spanish, German or
/// French story's, a few in a hundred). Under that, it does not when under one word in fifty
/// is (a text in a script or a language without them), or when the function words of
/// another language (`OTHER_LANGUAGES`) are more common than English's; an English table of
/// names and figures, short of function words of any language, still reads as English. The
/// speakers' rules read English: "declare" in a Spanish sentence is no reporting verb.
pub fn is_english(chars: &[char]) -> bool {
    let (words, english, other) = function_words(chars);
    if words < MIN_WORDS_TO_JUDGE || english * 10 >= words {
        return true;
    }
    english * 50 >= words && other.iter().all(|&n| n <= english)
}

/// The language of `OTHER_LANGUAGES` (its place there) whose function words are the most
/// common in `chars`, when the text does not read as English ([`is_english`]) and at least
/// one word in twelve is one of them (a Norwegian text shares a few words with Dutch).
pub fn other_language(chars: &[char]) -> Option<usize> {
    let (words, english, other) = function_words(chars);
    if words < MIN_WORDS_TO_JUDGE || english * 10 >= words {
        return None;
    }
    let (k, &n) = other
        .iter()
        .enumerate()
        .max_by_key(|&(k, n)| (n, Reverse(k)))?;
    (n > english && n * 12 >= words).then_some(k)
}

/// How many words `chars` has, how many of them are English function words, and how many
/// are each other language's (`OTHER_LANGUAGES`).
fn function_words(chars: &[char]) -> (usize, usize, [usize; 6]) {
    let (mut words, mut english) = (0usize, 0usize);
    let mut other = [0usize; 6];
    let mut word = String::new();
    let mut count = |word: &mut String| {
        if !word.is_empty() {
            words += 1;
            if listed(ENGLISH_WORDS, word) {
                english += 1;
            }
            for (n, list) in other.iter_mut().zip(OTHER_LANGUAGES) {
                if listed(list, word) {
                    *n += 1;
                }
            }
            word.clear();
        }
    };
    for &c in chars {
        if c.is_alphabetic() {
            if word.len() < 16 {
                word.extend(c.to_lowercase());
            }
        } else {
            count(&mut word);
        }
    }
    count(&mut word);
    (words, english, other)
}

/// Whether a name is one word that labels headlines ("Review", "EXCLUSIVE").
pub fn is_headline_label(name: &str) -> bool {
    !name.contains(' ') && listed(HEADLINE_LABELS, &name.to_ascii_lowercase())
}

/// Adjectives whose infinitive takes the sentence's subject as its object ("the network is
/// tough to maintain", "that is hard to explain"): a reporting verb after "ADJ to" is not the
/// subject's speech.
pub const TOUGH_ADJECTIVES: &[&str] = &[
    "costly",
    "difficult",
    "easier",
    "easy",
    "expensive",
    "hard",
    "harder",
    "impossible",
    "tough",
    "tougher",
];

/// Reporting verbs that a name follows in inverted order after a comma ("…, said Ellis:"),
/// and that take no object of their own there.
pub const INVERTED_AFTER_COMMA: &[&str] = &[
    "added",
    "answered",
    "continued",
    "declared",
    "explained",
    "noted",
    "observed",
    "quipped",
    "recalled",
    "remarked",
    "replied",
    "responded",
    "said",
    "says",
    "writes",
    "wrote",
];

/// Whether `lower` (a lower-case word) is a form of a reporting verb; `prev` is the word
/// before it, in lower case ("the claims" is a noun).
pub fn is_reporting_verb(lower: &str, prev: Option<&str>) -> bool {
    if let Some((_, lemma)) = IRREGULAR.iter().find(|(form, _)| *form == lower) {
        // "the written statement" is not a verb.
        return !(matches!(*lemma, "write" | "think")
            && prev.is_some_and(|p| listed(DETERMINERS, p)));
    }
    let after_determiner = prev.is_some_and(|p| listed(DETERMINERS, p));
    if listed(REPORTING_VERBS, lower) {
        // "would not comment", "will claim": after an auxiliary even a noun-like form is a verb.
        let after_auxiliary = prev.is_some_and(|p| {
            matches!(
                p,
                "not" | "would" | "will" | "could" | "did" | "does" | "do" | "may"
            )
        });
        return !after_determiner && (after_auxiliary || !listed(NOUN_LIKE, lower));
    }
    // "raising questions", "about claims": a noun after a preposition or a participle.
    let after_modifier = prev.is_some_and(|p| {
        p.ends_with("ing")
            || matches!(
                p,
                "for" | "of" | "about" | "with" | "on" | "in" | "to" | "by" | "against" | "from"
            )
    });
    let mut buf = [0u8; MAX_VERB_LEN];
    ["ing", "ed", "es", "s"].iter().any(|suffix| {
        let plural = matches!(*suffix, "s" | "es");
        if (after_determiner && (plural || *suffix == "ing")) || !lower.is_ascii() {
            return false;
        }
        inflection_of(lower, suffix, &mut buf)
            .is_some_and(|lemma| !(plural && after_modifier && listed(NOUN_LIKE, lemma)))
    })
}

/// `word` without the clitic `ending` ("s", "re", "ll"…) written after either apostrophe, the
/// typographic "’" or the typewriter "'": "Trump’s" → "Trump", "you're" → "you". `None` when
/// `word` does not end so.
pub fn strip_clitic<'a>(word: &'a str, ending: &str) -> Option<&'a str> {
    let stem = word.strip_suffix(ending)?;
    stem.strip_suffix('’').or_else(|| stem.strip_suffix('\''))
}

/// Whether `lower` is a possessive ("trump’s", "senator's"), after which a verb form is a
/// noun ("Trump’s remarks"), and not a contraction ("he’s said", "it's").
pub fn possessive(lower: &str) -> bool {
    strip_clitic(lower, "s").is_some_and(|stem| {
        !matches!(
            stem,
            "he" | "she" | "it" | "that" | "who" | "there" | "what" | "here" | "where" | "let"
        )
    })
}

/// The longest reporting verb form looked up.
const MAX_VERB_LEN: usize = 24;

/// The reporting verb `lower` is an inflection of with `suffix`, if any: "noted" → "note",
/// "replies" → "reply", "admitted" → "admit", "saying" → "say". `buf` holds the candidate
/// base forms (no allocation: this runs for every word).
fn inflection_of<'b>(
    lower: &str,
    suffix: &str,
    buf: &'b mut [u8; MAX_VERB_LEN],
) -> Option<&'b str> {
    let stem = lower.strip_suffix(suffix)?;
    if stem.len() < 2 || stem.len() + 1 > MAX_VERB_LEN {
        return None;
    }
    let b = stem.as_bytes();
    let n = b.len();
    // The candidates as (bytes of the stem kept, letter appended).
    let doubled = n >= 3 && b[n - 1] == b[n - 2];
    let candidates: [(usize, Option<u8>, bool); 4] = [
        (n, None, true),
        (n, Some(b'e'), suffix != "s"),
        (n.saturating_sub(1), Some(b'y'), b[n - 1] == b'i'),
        (n.saturating_sub(1), None, doubled),
    ];
    let mut found = None;
    for (keep, extra, applies) in candidates {
        if !applies {
            continue;
        }
        buf[..keep].copy_from_slice(&b[..keep]);
        let len = keep + usize::from(extra.is_some());
        if let Some(e) = extra {
            buf[keep] = e;
        }
        if std::str::from_utf8(&buf[..len]).is_ok_and(|l| listed(REPORTING_VERBS, l)) {
            found = Some(len);
            break;
        }
    }
    let len = found?;
    std::str::from_utf8(&buf[..len]).ok()
}

/// Titles that may stand before a name and are not part of it.
pub const TITLES: &[&str] = &[
    "acting",
    "activist",
    "actor",
    "actress",
    "admiral",
    "adviser",
    "advisor",
    "advocate",
    "alderman",
    "alderwoman",
    "ambassador",
    "archbishop",
    "assemblyman",
    "assemblywoman",
    "attorney",
    "author",
    "bishop",
    "blogger",
    "candidate",
    "capt",
    "captain",
    "ceo",
    "cfo",
    "chair",
    "chairman",
    "chairwoman",
    "challenger",
    "chancellor",
    "chief",
    "cio",
    "cmo",
    "coach",
    "col",
    "colonel",
    "columnist",
    "comedian",
    "commander",
    "commentator",
    "commissioner",
    "congressman",
    "congresswoman",
    "coo",
    "counsel",
    "cto",
    "dame",
    "defence",
    "defense",
    "democrat",
    "deputy",
    "detective",
    "director",
    "dr",
    "economist",
    "editor",
    "editor-in-chief",
    "envoy",
    "father",
    "filmmaker",
    "foreign",
    "former",
    "gen",
    "general",
    "gop",
    "gov",
    "governor",
    "govs",
    "historian",
    "imam",
    "inspector",
    "journalist",
    "judge",
    "justice",
    "king",
    "lady",
    "leader",
    "lieutenant",
    "longtime",
    "lord",
    "lt",
    "mayor",
    "messrs",
    "minister",
    "miss",
    "mr",
    "mrs",
    "ms",
    "nominee",
    "novelist",
    "officer",
    "pastor",
    "pollster",
    "pope",
    "premier",
    "president",
    "president-elect",
    "prime",
    "prince",
    "princess",
    "prof",
    "professor",
    "psychologist",
    "queen",
    "rabbi",
    "rapper",
    "rep",
    "representative",
    "reps",
    "rev",
    "reverend",
    "rival",
    "secretary",
    "sen",
    "senator",
    "sens",
    "sergeant",
    "sgt",
    "sheriff",
    "sir",
    "sociologist",
    "songwriter",
    "speaker",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "state",
    "strategist",
    "superintendent",
    "tanaiste",
    "taoiseach",
    "the",
    "u.s.",
    "us",
    "veteran",
    "vice",
    "vp",
    "whip",
];

/// Abbreviated titles, whose period belongs to the word ("Sen. Rubio"), not to the sentence.
pub const ABBREVIATED_TITLES: &[&str] = &[
    "capt", "ceo", "col", "dr", "gen", "gop", "gov", "govs", "jr", "lt", "messrs", "mr", "mrs",
    "ms", "prof", "rep", "reps", "rev", "sen", "sens", "sgt", "sr", "st", "u.s", "us",
];

/// Other abbreviations whose period belongs to the word: the AP's abbreviations of US states
/// ("Cambridge, Mass., said") and of companies ("Acme Inc."). Those that are also common words
/// ("Ill.", "Miss.", "Wash.") are left out.
pub const ABBREVIATIONS: &[&str] = &[
    "ala", "ariz", "ark", "calif", "co", "colo", "conn", "corp", "d.c", "fla", "ga", "inc", "ind",
    "kan", "kans", "ky", "ltd", "mass", "md", "mich", "minn", "mo", "mont", "n.c", "n.d", "n.h",
    "n.j", "n.m", "n.y", "neb", "nev", "okla", "ore", "pa", "r.i", "s.c", "s.d", "tenn", "tex",
    "va", "vt", "w.va", "wis", "wyo",
];

/// Words that join the parts of a name ("Ursula von der Leyen", "Charles de Gaulle").
pub const NAME_JOINERS: &[&str] = &[
    "al", "bin", "da", "de", "del", "den", "der", "di", "ibn", "la", "le", "van", "von",
];

/// Pronouns that can say something.
pub const PRONOUNS: &[&str] = &["he", "i", "it", "she", "they", "we", "you"];

/// Capitalised words that start sentences or name days and months, never people.
pub const NOT_NAMES: &[&str] = &[
    "a",
    "according",
    "accordingly",
    "actually",
    "additionally",
    "after",
    "afterward",
    "afterwards",
    "again",
    "all",
    "also",
    "although",
    "among",
    "an",
    "and",
    "apparently",
    "april",
    "around",
    "as",
    "asked",
    "at",
    "august",
    "basically",
    "because",
    "before",
    "besides",
    "both",
    "but",
    "by",
    "certainly",
    "clearly",
    "consequently",
    "currently",
    "december",
    "despite",
    "during",
    "each",
    "earlier",
    "either",
    "essentially",
    "even",
    "eventually",
    "every",
    "february",
    "finally",
    "for",
    "fortunately",
    "friday",
    "from",
    "furthermore",
    "given",
    "he",
    "hence",
    "her",
    "here",
    "his",
    "hopefully",
    "how",
    "however",
    "i",
    "if",
    "in",
    "indeed",
    "initially",
    "instead",
    "ironically",
    "it",
    "its",
    "january",
    "july",
    "june",
    "just",
    "last",
    "later",
    "like",
    "luckily",
    "many",
    "march",
    "meanwhile",
    "monday",
    "moreover",
    "most",
    "mr",
    "mrs",
    "ms",
    "my",
    "neither",
    "nevertheless",
    "next",
    "no",
    "nonetheless",
    "nor",
    "not",
    "notably",
    "november",
    "now",
    "obviously",
    "october",
    "of",
    "oh",
    "on",
    "once",
    "one",
    "only",
    "or",
    "otherwise",
    "our",
    "perhaps",
    "previously",
    "recently",
    "sadly",
    "saturday",
    "september",
    "she",
    "similarly",
    "since",
    "so",
    "some",
    "sometimes",
    "speaking",
    "still",
    "sunday",
    "surely",
    "than",
    "thankfully",
    "that",
    "the",
    "their",
    "then",
    "there",
    "therefore",
    "these",
    "they",
    "this",
    "those",
    "though",
    "thursday",
    "thus",
    "to",
    "today",
    "tomorrow",
    "tuesday",
    "ultimately",
    "unfortunately",
    "unlike",
    "until",
    "upon",
    "usually",
    "we",
    "wednesday",
    "well",
    "what",
    "when",
    "whenever",
    "where",
    "whereas",
    "wherever",
    "whether",
    "which",
    "while",
    "who",
    "why",
    "with",
    "within",
    "without",
    "yes",
    "yesterday",
    "yet",
    "you",
];

/// Words that end a noun phrase read backwards from its verb: clause openers, prepositions
/// that do not belong to the phrase, auxiliaries. "of", "for", "at", "from" and "with" do
/// belong ("a spokesman for the campaign", "a professor at Duke").
pub const PHRASE_STOPS: &[&str] = &[
    "about",
    "across",
    "after",
    "afternoon",
    "against",
    "ago",
    "also",
    "although",
    "among",
    "and",
    "are",
    "around",
    "as",
    "be",
    "because",
    "been",
    "before",
    "being",
    "between",
    "but",
    "by",
    "can",
    "could",
    "despite",
    "did",
    "do",
    "does",
    "during",
    "earlier",
    "even",
    "evening",
    "friday",
    "had",
    "has",
    "have",
    "here",
    "how",
    "if",
    "in",
    "into",
    "is",
    "later",
    "like",
    "may",
    "might",
    "monday",
    "month",
    "morning",
    "must",
    "night",
    "nor",
    "not",
    "now",
    "on",
    "once",
    "or",
    "over",
    "per",
    "saturday",
    "should",
    "since",
    "so",
    "still",
    "sunday",
    "than",
    "that",
    "then",
    "there",
    "though",
    "through",
    "thursday",
    "to",
    "today",
    "tonight",
    "tuesday",
    "under",
    "unless",
    "until",
    "upon",
    "via",
    "was",
    "wednesday",
    "week",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "within",
    "without",
    "would",
    "year",
    "yesterday",
    "yet",
];

/// Words that may stand between a subject and its verb: auxiliaries and adverbs ("has
/// said", "later told", "also argued"); any word ending in "-ly" counts too.
pub const BEFORE_VERB: &[&str] = &[
    "again",
    "already",
    "also",
    "always",
    "are",
    "be",
    "been",
    "can",
    "could",
    "did",
    "do",
    "does",
    "earlier",
    "even",
    "ever",
    "first",
    "further",
    "had",
    "has",
    "have",
    "is",
    "just",
    "later",
    "long",
    "may",
    "might",
    "must",
    "never",
    "not",
    "now",
    "often",
    "once",
    "only",
    "privately",
    "publicly",
    "should",
    "simply",
    "since",
    "soon",
    "still",
    "then",
    "too",
    "was",
    "were",
    "will",
    "would",
];

/// Finite verbs and auxiliaries that end a sentence's subject (besides reporting verbs and
/// "-ed" forms).
pub const FINITE: &[&str] = &[
    "are", "became", "began", "came", "can", "could", "did", "do", "does", "gave", "got", "had",
    "has", "have", "held", "is", "kept", "knew", "knows", "left", "made", "may", "met", "might",
    "must", "ran", "said", "sat", "saw", "says", "sent", "should", "spent", "stood", "thinks",
    "thought", "took", "wanted", "wants", "was", "went", "were", "will", "would",
];

/// Words that make a name an organisation's or a place's rather than a person's.
pub const NOT_PERSON: &[&str] = &[
    "academy",
    "administration",
    "agency",
    "airport",
    "america",
    "american",
    "army",
    "association",
    "authority",
    "bank",
    "board",
    "bureau",
    "campaign",
    "carolina",
    "cathedral",
    "center",
    "centre",
    "church",
    "city",
    "club",
    "college",
    "commission",
    "committee",
    "company",
    "congress",
    "corp",
    "council",
    "county",
    "court",
    "democratic",
    "democrats",
    "department",
    "district",
    "east",
    "federal",
    "federation",
    "foundation",
    "fund",
    "global",
    "group",
    "hampshire",
    "hospital",
    "house",
    "inc",
    "institute",
    "international",
    "iowa",
    "island",
    "islands",
    "journal",
    "league",
    "magazine",
    "ministry",
    "mosque",
    "museum",
    "national",
    "nations",
    "network",
    "new",
    "news",
    "north",
    "office",
    "organisation",
    "organization",
    "palace",
    "parliament",
    "party",
    "police",
    "post",
    "press",
    "province",
    "radio",
    "republicans",
    "review",
    "river",
    "school",
    "security",
    "senate",
    "service",
    "society",
    "south",
    "stadium",
    "state",
    "states",
    "station",
    "street",
    "synagogue",
    "television",
    "temple",
    "times",
    "tv",
    "union",
    "united",
    "university",
    "valley",
    "washington",
    "west",
    "world",
    "york",
];

/// Subordinating words that open a clause before the main one.
pub const SUBORDINATORS: &[&str] = &[
    "after", "although", "as", "asked", "because", "before", "if", "once", "since", "speaking",
    "though", "until", "when", "whereas", "while",
];

/// Prepositions that open a sentence's opening phrase, up to its first comma ("In a Facebook
/// message posted Friday, Cruz said …"): a verb in that phrase is a participle of a noun in it,
/// not the sentence's report.
pub const OPENING_PREPOSITIONS: &[&str] = &[
    "amid", "at", "during", "in", "on", "through", "via", "without",
];

/// Words after which a clause starts.
pub const CLAUSE_OPENERS: &[&str] = &[
    "after", "although", "and", "as", "because", "before", "but", "if", "once", "since", "so",
    "that", "then", "though", "until", "when", "where", "whether", "which", "while", "yet",
];

/// Kinds of work whose name a title-case quote right after them is ("his 2012 book “The Long
/// Road,”", "the popular weekly show “Late Hour,”", "the rock classic “All Night,”"): the
/// work's title, not words said, even where a reporting verb is near.
pub const WORK_NOUNS: &[&str] = &[
    "album",
    "article",
    "autobiography",
    "bestseller",
    "biography",
    "blog",
    "book",
    "books",
    "broadcast",
    "classic",
    "column",
    "comedy",
    "documentary",
    "drama",
    "episode",
    "essay",
    "film",
    "films",
    "headline",
    "magazine",
    "memoir",
    "memoirs",
    "miniseries",
    "movie",
    "movies",
    "musical",
    "newsletter",
    "novel",
    "novels",
    "opera",
    "play",
    "podcast",
    "podcasts",
    "poem",
    "program",
    "programme",
    "programs",
    "reboot",
    "series",
    "show",
    "shows",
    "sitcom",
    "song",
    "songs",
    "video",
];

/// Nouns after a short quote that name a thing printed with its words or a label's kind ("a
/// “Make America Great Again” hat", "“We are Orlando” T-shirts"). Sorted.
pub const CARRIERS: &[&str] = &[
    "badge", "badges", "banner", "banners", "button", "buttons", "cap", "caps", "hat", "hats",
    "placard", "placards", "shirt", "shirts", "sign", "signs", "sticker", "stickers", "t-shirt",
    "t-shirts",
];

/// Words a title leaves in lower case.
pub const TITLE_SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with",
];

/// Words of a time expression that may stand between a subject and its verb ("Obama on
/// Friday declared").
pub const TIME_WORDS: &[&str] = &[
    "afternoon",
    "evening",
    "friday",
    "monday",
    "morning",
    "night",
    "saturday",
    "sunday",
    "thursday",
    "today",
    "tonight",
    "tuesday",
    "wednesday",
    "week",
    "weekend",
    "year",
    "yesterday",
];
