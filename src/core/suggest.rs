//! Suggestions (issue 13), first part: the direct quotes of an article and who said them.
//! Plain Rust over the canonical text; offsets are Unicode code points, as stored offsets are.
//!
//! **Quotes.** Every kind of quotation mark news text uses: “…”, „…“, „…”, «…», »…«, ‹…›,
//! "…", and ‘…’ / '…' in their quoting role (an apostrophe between two letters, or after a
//! letter at a word's end, never opens or closes a quote). A quote may nest another (its marks
//! are then part of the outer quote's text) and may run over several paragraphs: a paragraph
//! that ends inside a quote, followed by one that opens with a mark of the same kind, continues
//! it (the convention: each new paragraph opens with a mark and the earlier ones do not close).
//! A quote left open at the end of its paragraph otherwise ends there. A suggested quote is the
//! text inside the marks, and only one that reads as speech: at least [`MIN_QUOTE_WORDS`]
//! words, or fewer in a sentence that says who said them ("Trump called it a “disgrace”"), so
//! that titles and scare quotes are left out.
//!
//! **Speakers.** In the quote's sentence, around it: a reporting verb ([`REPORTING_VERBS`])
//! next to a name ("…," said Tillerson; "…," Tillerson said; Tillerson said: "…"; according
//! to Tillerson), with an appositive skipped ("Tillerson, the secretary of state, said") and a
//! title joined to the name dropped ("Foreign Minister Mevlut Cavusoglu" → "Mevlut
//! Cavusoglu"). A pronoun (he, she, they) or no attribution at all in a paragraph that is only
//! the quote takes the last speaker named. The name given is the fullest form of it used in
//! the article ("Tillerson" → "Rex Tillerson" when the article wrote that earlier).

use serde::Serialize;

/// The fewest words a quote needs to be suggested without a speaker in its sentence.
pub const MIN_QUOTE_WORDS: usize = 3;

/// A suggested direct quote: its text's span and, when found, its speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuoteSuggestion {
    /// Code point offset of the quote's first character (after the opening mark).
    pub start: usize,
    /// Code point offset just past its last character (before the closing mark).
    pub end: usize,
    /// Who said it, if found.
    pub speaker: Option<Speaker>,
}

/// Who said a quote: where the name stands in the text, and the fullest form of the name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Speaker {
    pub start: usize,
    pub end: usize,
    pub name: String,
}

/// Reporting verbs, in the forms news text uses them (lower case).
pub const REPORTING_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "argued",
    "argues",
    "asked",
    "asks",
    "explained",
    "explains",
    "noted",
    "notes",
    "stated",
    "states",
    "wrote",
    "writes",
    "insisted",
    "insists",
    "claimed",
    "claims",
    "declared",
    "declares",
    "warned",
    "warns",
    "recalled",
    "recalls",
    "replied",
    "replies",
    "responded",
    "responds",
    "continued",
    "continues",
    "acknowledged",
    "acknowledges",
    "admitted",
    "admits",
    "announced",
    "announces",
    "commented",
    "comments",
    "concluded",
    "concludes",
    "confirmed",
    "confirms",
    "contended",
    "contends",
    "emphasized",
    "emphasised",
    "emphasizes",
    "stressed",
    "stresses",
    "suggested",
    "suggests",
    "tweeted",
    "tweets",
    "posted",
    "posts",
    "remarked",
    "remarks",
    "observed",
    "observes",
    "predicted",
    "predicts",
    "promised",
    "promises",
    "vowed",
    "vows",
    "maintained",
    "maintains",
    "agreed",
    "agrees",
    "complained",
    "complains",
    "joked",
    "jokes",
    "shouted",
    "shouts",
    "testified",
    "testifies",
    "conceded",
    "concedes",
    "countered",
    "counters",
    "cautioned",
    "cautions",
    "pointed",
    "points",
    "boasted",
    "boasts",
    "charged",
    "charges",
    "alleged",
    "alleges",
    "reported",
    "reports",
    "quipped",
    "quips",
    "retorted",
    "retorts",
    "yelled",
    "yells",
    "wondered",
    "wonders",
    "mused",
    "muses",
    "opined",
    "opines",
    "assured",
    "assures",
    "urged",
    "urges",
    "thundered",
    "exclaimed",
    "exclaims",
    "whispered",
    "whispers",
    "answered",
    "answers",
    "sings",
    "sang",
    "sing",
    "called",
    "calls",
    "calling",
    "described",
    "describes",
    "ruled",
    "rules",
    "saying",
    "telling",
    "adding",
    "arguing",
    "writing",
    "insisting",
    "warning",
    "declaring",
    "claiming",
    "noting",
    "explaining",
    "announcing",
    "asking",
];

/// Titles that may stand before a name and are not part of it.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "president",
    "vice",
    "secretary",
    "minister",
    "foreign",
    "prime",
    "defense",
    "defence",
    "state",
    "chancellor",
    "mayor",
    "judge",
    "justice",
    "general",
    "gen",
    "col",
    "colonel",
    "capt",
    "captain",
    "sgt",
    "lt",
    "chief",
    "director",
    "ambassador",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "rev",
    "father",
    "sir",
    "dame",
    "lord",
    "lady",
    "speaker",
    "leader",
    "chairman",
    "chairwoman",
    "chair",
    "commissioner",
    "attorney",
    "deputy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ceo",
    "the",
    "former",
    "acting",
    "u.s.",
    "us",
];

/// Words that join the parts of a name ("Ursula von der Leyen", "Charles de Gaulle").
const NAME_JOINERS: &[&str] = &[
    "de", "van", "von", "der", "den", "da", "di", "del", "la", "le", "bin", "al", "ibn",
];

/// Pronouns that refer to the last speaker named.
const PRONOUNS: &[&str] = &["he", "she", "they", "i", "we"];

/// The direct quotes of `text` (canonical: blocks separated by `\n`) with their speakers.
pub fn quotes(text: &str) -> Vec<QuoteSuggestion> {
    let chars: Vec<char> = text.chars().collect();
    let spans = quote_spans(&chars);
    let mut out = Vec::with_capacity(spans.len());
    let mut last_speaker: Option<Speaker> = None;
    // The paragraph of the last quote, and its speaker.
    let mut last_quote: Option<(usize, Option<Speaker>)> = None;
    let mut names = NameBook::default();
    let mut seen_to = 0;
    for (start, end) in spans {
        // Names written before this quote are known from here on.
        names.read(&chars, seen_to, start);
        seen_to = seen_to.max(end);
        let found = speaker_near(&chars, start, end);
        // A short quote ("a “disgrace”") is speech only where its sentence says who said it;
        // otherwise it is a title or a scare quote.
        if words(&chars[start..end]) < MIN_QUOTE_WORDS && found.is_none() {
            continue;
        }
        let paragraph = chars[..start]
            .iter()
            .rposition(|c| *c == '\n')
            .map_or(0, |p| p + 1);
        // The last person named before the quote: the last speaker, or a name written after
        // them (a pronoun refers to it).
        let last_person = match (&last_speaker, &names.last) {
            (Some(s), Some((at, name))) if *at > s.start => Some(Speaker {
                start: *at,
                end: *at,
                name: name.clone(),
            }),
            (None, Some((at, name))) => Some(Speaker {
                start: *at,
                end: *at,
                name: name.clone(),
            }),
            (s, _) => s.clone(),
        };
        let speaker = match found {
            Some(Found::Name(s)) => Some(s),
            // The pronoun's place, the last person's name.
            Some(Found::Pronoun(start, end)) => last_person.map(|s| Speaker { start, end, ..s }),
            // A second quote in the paragraph of an attributed one is theirs too.
            None if last_quote.as_ref().is_some_and(|(p, _)| *p == paragraph) => {
                last_quote.as_ref().and_then(|(_, s)| s.clone())
            }
            None if quote_fills_paragraph(&chars, start, end) => last_speaker.clone(),
            None => None,
        }
        .map(|s| Speaker {
            name: names.fullest(&s.name),
            ..s
        });
        if let Some(s) = &speaker {
            if s.name.contains(' ') && !names.full.contains(&s.name) {
                names.full.push(s.name.clone());
            }
            last_speaker = Some(s.clone());
        }
        last_quote = Some((paragraph, speaker.clone()));
        out.push(QuoteSuggestion {
            start,
            end,
            speaker,
        });
    }
    out
}

fn words(chars: &[char]) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in chars {
        let w = c.is_alphanumeric();
        if w && !in_word {
            n += 1;
        }
        in_word = w;
    }
    n
}

/// The kind of a quotation mark at a position: opening or closing, and its family (marks that
/// pair with each other).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open(Family),
    Close(Family),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    /// “ ” „ ‟ and the straight ".
    Double,
    /// ‘ ’ and the straight '.
    Single,
    /// « » (either way round).
    Guillemet,
    /// ‹ › (either way round).
    SingleGuillemet,
}

fn is_space_or_edge(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace())
}

fn opens_context(before: Option<char>) -> bool {
    before.is_none_or(|c| c.is_whitespace() || "([{—–-/:;".contains(c) || is_open_mark(c))
}

fn is_open_mark(c: char) -> bool {
    matches!(c, '“' | '„' | '‟' | '‘' | '«' | '‹' | '"' | '\'')
}

/// What the character at `i` is, as a quotation mark (`open_family`: the family of the
/// quote open around it, which decides the reversed German »…« and ‹…›).
fn mark_at(chars: &[char], i: usize, innermost: Option<Family>) -> Option<Mark> {
    let c = chars[i];
    let before = i.checked_sub(1).map(|j| chars[j]);
    let after = chars.get(i + 1).copied();
    let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    match c {
        // “ also closes a quote opened with „ (German: „…“).
        '“' if innermost == Some(Family::Double) && !is_space_or_edge(before) && !letter(after) => {
            Some(Mark::Close(Family::Double))
        }
        '“' | '„' | '‟' => Some(Mark::Open(Family::Double)),
        '”' => {
            // "„…”" (Polish) and "“…”" close with ”; an opening ” is rare: after a space and
            // before a letter, with no double quote open.
            if innermost != Some(Family::Double) && is_space_or_edge(before) && letter(after) {
                Some(Mark::Open(Family::Double))
            } else {
                Some(Mark::Close(Family::Double))
            }
        }
        '"' => {
            if innermost == Some(Family::Double) && !is_space_or_edge(before) {
                Some(Mark::Close(Family::Double))
            } else if opens_context(before) && !is_space_or_edge(after) {
                Some(Mark::Open(Family::Double))
            } else if innermost == Some(Family::Double) {
                Some(Mark::Close(Family::Double))
            } else {
                None
            }
        }
        '‘' => Some(Mark::Open(Family::Single)),
        '’' | '\'' => {
            // An apostrophe: between letters (don't, O’Brien), or after a letter at a word's
            // end when no single quote is open (the students’ union).
            if letter(before) && letter(after) {
                return None;
            }
            if innermost == Some(Family::Single) && !is_space_or_edge(before) {
                return Some(Mark::Close(Family::Single));
            }
            if c == '\'' && opens_context(before) && letter(after) {
                return Some(Mark::Open(Family::Single));
            }
            None
        }
        '«' => Some(
            if innermost == Some(Family::Guillemet)
                && !is_space_or_edge(before)
                && is_space_or_edge(after)
            {
                Mark::Close(Family::Guillemet)
            } else {
                Mark::Open(Family::Guillemet)
            },
        ),
        '»' => Some(if innermost == Some(Family::Guillemet) {
            Mark::Close(Family::Guillemet)
        } else {
            Mark::Open(Family::Guillemet)
        }),
        '‹' => Some(if innermost == Some(Family::SingleGuillemet) {
            Mark::Close(Family::SingleGuillemet)
        } else {
            Mark::Open(Family::SingleGuillemet)
        }),
        '›' => Some(if innermost == Some(Family::SingleGuillemet) {
            Mark::Close(Family::SingleGuillemet)
        } else {
            Mark::Open(Family::SingleGuillemet)
        }),
        _ => None,
    }
}

/// The outermost quotes of the text: (start, end) of the text inside the marks, in code
/// points. Runs over paragraphs as the module documentation says.
fn quote_spans(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // Open quotes, outermost first: (family, start of the text inside).
    let mut open: Vec<(Family, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            if let Some(&(family, start)) = open.first() {
                // Does the next paragraph continue the quote (opening with a mark of the same
                // family)?
                let next = chars[i + 1..]
                    .iter()
                    .position(|c| !c.is_whitespace())
                    .map(|p| i + 1 + p);
                let continues = next.is_some_and(
                    |j| matches!(mark_at(chars, j, None), Some(Mark::Open(f)) if f == family),
                );
                if continues {
                    let j = next.unwrap_or(i + 1);
                    // The inner quotes of the last paragraph do not carry over.
                    open.truncate(1);
                    i = j + 1;
                    continue;
                }
                out.push((start, trim_end(chars, start, i)));
                open.clear();
            }
            i += 1;
            continue;
        }
        match mark_at(chars, i, open.last().map(|o| o.0)) {
            Some(Mark::Open(f)) => open.push((f, i + 1)),
            Some(Mark::Close(f)) => {
                if let Some(pos) = open.iter().rposition(|o| o.0 == f) {
                    if pos == 0 {
                        out.push((open[0].1, i));
                        open.clear();
                    } else {
                        open.truncate(pos);
                    }
                }
            }
            None => {}
        }
        i += 1;
    }
    if let Some(&(_, start)) = open.first() {
        out.push((start, trim_end(chars, start, chars.len())));
    }
    out.retain(|(s, e)| s < e);
    out
}

fn trim_end(chars: &[char], start: usize, mut end: usize) -> usize {
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    end
}

/// Whether the quote is its paragraph's only text (punctuation aside): a floating quote.
fn quote_fills_paragraph(chars: &[char], start: usize, end: usize) -> bool {
    let para_start = chars[..start]
        .iter()
        .rposition(|c| *c == '\n')
        .map_or(0, |p| p + 1);
    let para_end = chars[end..]
        .iter()
        .position(|c| *c == '\n')
        .map_or(chars.len(), |p| end + p);
    let outside = chars[para_start..start].iter().chain(&chars[end..para_end]);
    outside.filter(|c| c.is_alphanumeric()).count() == 0
}

/// A word of the text: its span and its characters.
#[derive(Debug, Clone)]
struct Word {
    start: usize,
    end: usize,
    text: String,
    /// Whether only spaces stand between this word and the one before (a name never runs
    /// over a comma or a mark).
    joined: bool,
}

/// The words (letters, digits, inner apostrophes, hyphens and periods) of `chars[from..to]`.
fn words_in(chars: &[char], from: usize, to: usize) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut i = from;
    while i < to {
        if chars[i].is_alphanumeric() {
            let s = i;
            let joined = out
                .last()
                .is_some_and(|w| chars[w.end..s].iter().all(|c| *c == ' ' || *c == '\u{a0}'));
            while i < to
                && (chars[i].is_alphanumeric()
                    || (matches!(chars[i], '\'' | '’' | '-' | '.')
                        && chars.get(i + 1).is_some_and(|c| c.is_alphanumeric())))
            {
                i += 1;
            }
            // An initial keeps its period ("Rex W. Tillerson"), and so does an abbreviated
            // title ("Rep. Elijah Cummings", "Mr. Obama"): the name runs on after it.
            let word: String = chars[s..i].iter().collect();
            let lower = word.to_lowercase();
            let title = TITLES.contains(&lower.as_str())
                || (lower.len() >= 3
                    && matches!(lower.as_bytes()[..2], [b'r' | b'd' | b'i', b'-']));
            if (i - s == 1 && chars[s].is_uppercase() || title)
                && chars.get(i) == Some(&'.')
                && i < to
            {
                i += 1;
            }
            out.push(Word {
                start: s,
                end: i,
                text: chars[s..i].iter().collect(),
                joined,
            });
        } else {
            i += 1;
        }
    }
    out
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Capitalised words that start sentences or name days and months, never people.
const NOT_NAMES: &[&str] = &[
    "a",
    "an",
    "and",
    "as",
    "at",
    "but",
    "by",
    "for",
    "from",
    "however",
    "hopefully",
    "if",
    "in",
    "it",
    "its",
    "on",
    "or",
    "so",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "this",
    "those",
    "to",
    "when",
    "while",
    "after",
    "before",
    "yet",
    "also",
    "still",
    "meanwhile",
    "now",
    "today",
    "yesterday",
    "tomorrow",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "here",
    "what",
    "why",
    "how",
    "who",
    "we",
    "you",
    "they",
    "he",
    "she",
    "i",
    "my",
    "our",
    "his",
    "her",
    "speaking",
    "asked",
    "earlier",
    "later",
    "instead",
    "indeed",
    "not",
    "no",
    "yes",
    "well",
    "oh",
];

/// Whether `w` may be part of a person's name: capitalised, not a sentence word, a day or a
/// month, not a reporting verb, and not a party-and-state tag ("R-Ky.").
fn name_word(w: &str) -> bool {
    let lower = w.to_lowercase();
    let bare = lower.trim_end_matches('.');
    let party_tag = bare.len() >= 3 && matches!(bare.as_bytes()[..2], [b'r' | b'd' | b'i', b'-']);
    capitalised(w) && !NOT_NAMES.contains(&bare) && !is_verb(w) && !party_tag
}

fn is_verb(w: &str) -> bool {
    REPORTING_VERBS.contains(&w.to_lowercase().as_str())
}

/// What was found next to a quote.
enum Found {
    Name(Speaker),
    /// A pronoun, where it stands: the last speaker named.
    Pronoun(usize, usize),
}

/// A name starting at word `i` of `ws` (capitalised words, joiners between them), without
/// the titles in front; `None` if there is none.
fn name_at(ws: &[Word], i: usize) -> Option<Speaker> {
    let mut j = i;
    let mut parts: Vec<&Word> = Vec::new();
    while let Some(w) = ws.get(j) {
        if !parts.is_empty() && !w.joined {
            break;
        }
        let lower = w.text.to_lowercase();
        if name_word(&w.text) {
            parts.push(w);
        } else if !parts.is_empty() && NAME_JOINERS.contains(&lower.as_str()) {
            // Joined only if a capitalised word follows.
            if !ws.get(j + 1).is_some_and(|n| name_word(&n.text)) {
                break;
            }
            parts.push(w);
        } else {
            break;
        }
        j += 1;
    }
    // Titles in front are not the name; nor are they alone a name.
    let first_name = parts
        .iter()
        .position(|w| !TITLES.contains(&w.text.to_lowercase().trim_end_matches('.')))?;
    let parts = &parts[first_name..];
    let (first, last) = (parts.first()?, parts.last()?);
    Some(Speaker {
        start: first.start,
        end: last.end,
        name: parts
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    })
}

/// The speaker named in the quote's sentence, around the quote.
fn speaker_near(chars: &[char], start: usize, end: usize) -> Option<Found> {
    // After the quote: to the end of the sentence (or paragraph).
    let after_close = (end + 1).min(chars.len());
    let para_end = chars[after_close..]
        .iter()
        .position(|c| *c == '\n')
        .map_or(chars.len(), |p| after_close + p);
    // The sentence ends at a stop between words (a title's or an initial's period is part of
    // its word), or where another quote opens.
    let ends = |c: &char| matches!(c, '.' | '!' | '?' | '“' | '"' | '«' | '„');
    let mut after = words_in(chars, after_close, para_end);
    let mut from = after_close;
    let cut = after.iter().position(|w| {
        let stop = chars[from..w.start].iter().any(ends);
        from = w.end;
        stop
    });
    if let Some(cut) = cut {
        after.truncate(cut);
    }
    if let Some(found) = attribution(&after) {
        return Some(found);
    }
    // Before the quote: from the sentence's start.
    let open_at = start.saturating_sub(1);
    let para_start = chars[..open_at]
        .iter()
        .rposition(|c| *c == '\n')
        .map_or(0, |p| p + 1);
    let before = last_sentence_words(chars, para_start, open_at);
    if let Some(found) = attribution_before(&before) {
        return Some(found);
    }
    // A quote that opens its paragraph after one ending with a colon ("He said:") is
    // attributed there.
    let only_marks_before = chars[para_start..open_at]
        .iter()
        .all(|c| !c.is_alphanumeric());
    if only_marks_before && para_start >= 2 {
        let prev_end = chars[..para_start - 1]
            .iter()
            .rposition(|c| !c.is_whitespace())
            .map(|p| p + 1)?;
        if chars[prev_end - 1] == ':' {
            let prev_start = chars[..prev_end]
                .iter()
                .rposition(|c| *c == '\n')
                .map_or(0, |p| p + 1);
            return attribution_before(&last_sentence_words(chars, prev_start, prev_end));
        }
    }
    None
}

/// The words of the last sentence of `chars[from..to]`: those after the last stop between two
/// words (a title's or an initial's period is part of its word) or a closing mark.
fn last_sentence_words(chars: &[char], from: usize, to: usize) -> Vec<Word> {
    let starts = |c: &char| matches!(c, '.' | '!' | '?' | '”' | '"' | '»');
    let mut ws = words_in(chars, from, to);
    let mut end = to;
    let keep_from = ws
        .iter()
        .rposition(|w| {
            let stop = chars[w.end..end].iter().any(starts);
            end = w.start;
            stop
        })
        .map_or(0, |k| k + 1);
    ws.drain(..keep_from);
    ws
}

/// "said Tillerson", "Tillerson said", "he said", "Tillerson, the secretary, said", at the
/// start of the words after a quote.
fn attribution(ws: &[Word]) -> Option<Found> {
    let first = ws.first()?;
    if is_verb(&first.text) {
        // "…," said Tillerson / said the secretary of state Rex Tillerson.
        let k = (1..ws.len().min(8)).find(|&k| name_word(&ws[k].text) && name_at(ws, k).is_some());
        if let Some(p) = ws
            .get(1)
            .filter(|w| PRONOUNS.contains(&w.text.to_lowercase().as_str()))
        {
            return Some(Found::Pronoun(p.start, p.end));
        }
        return k.and_then(|k| name_at(ws, k)).map(Found::Name);
    }
    if PRONOUNS.contains(&first.text.to_lowercase().as_str()) {
        return ws
            .get(1)
            .filter(|w| is_verb(&w.text))
            .map(|_| Found::Pronoun(first.start, first.end));
    }
    // "Tillerson said" / "Tillerson, the secretary of state, said" / "Secretary Tillerson
    // told reporters".
    let name = name_at(ws, 0)?;
    let verb_within = ws.iter().take(12).position(|w| is_verb(&w.text))?;
    (verb_within > 0).then_some(Found::Name(name))
}

/// "Tillerson said: “…”", "According to Tillerson, “…”", at the end of the words before a
/// quote.
fn attribution_before(ws: &[Word]) -> Option<Found> {
    let n = ws.len();
    // According to NAME
    if let Some(k) = ws.windows(2).rposition(|p| {
        p[0].text.eq_ignore_ascii_case("according") && p[1].text.eq_ignore_ascii_case("to")
    }) {
        if let Some(s) = name_at(ws, k + 2) {
            return Some(Found::Name(s));
        }
    }
    // NAME (…) VERB [that] at the end.
    // The last reporting verb of the sentence ("Trump said during a rally that …").
    let verb = (0..n).rev().find(|&k| is_verb(&ws[k].text))?;
    // "Said Ellis: “…”": the verb first, the name after it.
    if let Some(s) = (verb + 1 < n).then(|| name_at(ws, verb + 1)).flatten() {
        return Some(Found::Name(s));
    }
    if verb > 0 && PRONOUNS.contains(&ws[verb - 1].text.to_lowercase().as_str()) {
        return Some(Found::Pronoun(ws[verb - 1].start, ws[verb - 1].end));
    }
    // The name: the last capitalised run that starts a name before the verb, but not one
    // after an article ("Merkel, the German chancellor, said": "German" describes).
    let article = |k: usize| k > 0 && matches!(ws[k - 1].text.as_str(), "the" | "a" | "an");
    (0..verb)
        .rev()
        .filter(|&k| {
            name_word(&ws[k].text)
                && !article(k)
                && (k == 0
                    || !capitalised(&ws[k - 1].text)
                    || TITLES.contains(&ws[k - 1].text.to_lowercase().as_str()))
        })
        .find_map(|k| name_at(ws, k))
        .map(Found::Name)
}

/// The names the article has used, to give each speaker the fullest form of their name.
#[derive(Default)]
struct NameBook {
    /// Multi-word names seen so far, longest first per last word.
    full: Vec<String>,
    /// The last multi-word name read, and where it stands.
    last: Option<(usize, String)>,
}

impl NameBook {
    /// Reads the names (runs of two or more capitalised words) in `chars[from..to]`.
    fn read(&mut self, chars: &[char], from: usize, to: usize) {
        if from >= to {
            return;
        }
        let ws = words_in(chars, from, to);
        let mut k = 0;
        while k < ws.len() {
            if capitalised(&ws[k].text) {
                if let Some(s) = name_at(&ws, k) {
                    if s.name.split(' ').count() >= 2 {
                        if !self.full.contains(&s.name) {
                            self.full.push(s.name.clone());
                        }
                        self.last = Some((s.start, s.name.clone()));
                    }
                    k = ws
                        .iter()
                        .position(|w| w.start >= s.end)
                        .unwrap_or(ws.len())
                        .max(k + 1);
                    continue;
                }
            }
            k += 1;
        }
    }

    /// The fullest name seen that ends with (or is) `name`.
    fn fullest(&self, name: &str) -> String {
        let last = name.split(' ').next_back().unwrap_or(name);
        self.full
            .iter()
            .filter(|f| f.split(' ').next_back() == Some(last) && f.len() > name.len())
            .max_by_key(|f| f.len())
            .cloned()
            .unwrap_or_else(|| name.to_owned())
    }
}

#[cfg(test)]
mod tests;
