//! Who a quote's own sentence says said it: the subject of a reporting verb next to the quote.
//!
//! The sentence is read as words outside quotes ([`Sentence`]), split into the part before
//! the quote and the part after it. After it: "…," said Tillerson / "…," Tillerson said /
//! "…," the statement said. Before it: Tillerson said (that) "…" / Said Ellis: "…" /
//! According to Tillerson, "…" / Clinton hit back, saying "…" (the participle's subject is
//! the clause's). A subject is a noun phrase read back from its verb over adverbs and
//! auxiliaries ("has also said"), an appositive or a parenthesis ("Tillerson, the secretary of
//! state, said", "Scott (D-Va.) said"), up to a clause word, a preposition that does not
//! belong to a phrase, or punctuation. Its head (last word before "of", "for"…) decides what it
//! is: a pronoun, a name, or a description ("the judge", "a spokesman for the campaign").

use super::lexicon::{
    is_belief_verb, is_headline_label, is_reporting_verb, listed, possessive, strip_clitic,
    BEFORE_VERB, CLAUSE_OPENERS, DETERMINERS, FINITE, INSTITUTIONS, INVERTED_AFTER_COMMA,
    NOT_NAMES, NOT_PERSON, NOUN_LIKE, OPENING_PREPOSITIONS, PHRASE_STOPS, PRONOUNS, SUBORDINATORS,
    TIME_WORDS, TITLES,
};
use super::words::{
    given_name_will, is_verb_at, joined, name_ending_at, name_starting_at, trailing_gap, words_in,
    Name,
};
use super::words::{Gap, Word};
use std::cell::OnceCell;
use std::collections::HashMap;

/// How far (in code points) a sentence is read on either side of a quote.
const WINDOW: usize = 400;

/// The longest subject read, in words.
const MAX_PHRASE: usize = 14;

/// Who a sentence says said something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mention {
    Name(Name),
    /// "he", "she", "they", "I"…: resolved by the caller; "who", "which": the name before it.
    Pronoun {
        start: usize,
        end: usize,
        lower: String,
        antecedent: Option<String>,
    },
    /// Two names joined by "and", who said it together: "Clinton and Kaine said", "said Donald
    /// Trump and House Speaker Paul Ryan".
    Both(Name, Name),
    /// A noun phrase without a name as its head: "the judge", "officials", "the statement".
    Description {
        start: usize,
        end: usize,
        text: String,
        /// Its head word, lower case ("judge").
        head: String,
    },
}

/// The text and the quotes found in it (sorted), to read sentences around a quote.
pub struct Context<'a> {
    pub chars: &'a [char],
    quotes: &'a [(usize, usize)],
    /// Where the newlines are.
    breaks: Vec<usize>,
    /// Where each paragraph's first letter or digit is (`usize::MAX` if it has none).
    first_letters: Vec<usize>,
    /// How often each run of letters and digits occurs in the text, counted when first asked.
    runs: OnceCell<HashMap<String, usize>>,
}

impl<'a> Context<'a> {
    pub fn new(chars: &'a [char], quotes: &'a [(usize, usize)]) -> Self {
        let breaks: Vec<usize> = (0..chars.len()).filter(|&i| chars[i] == '\n').collect();
        let first_letters = (0..=breaks.len())
            .map(|k| {
                let start = k.checked_sub(1).map_or(0, |j| breaks[j] + 1);
                let end = breaks.get(k).copied().unwrap_or(chars.len());
                chars[start..end]
                    .iter()
                    .position(|c| c.is_alphanumeric())
                    .map_or(usize::MAX, |p| start + p)
            })
            .collect();
        Context {
            chars,
            quotes,
            breaks,
            first_letters,
            runs: OnceCell::new(),
        }
    }

    /// How often `run` (letters and digits) occurs in the text as a whole run.
    pub fn runs_of(&self, run: &str) -> usize {
        let counts = self.runs.get_or_init(|| {
            let mut counts: HashMap<String, usize> = HashMap::new();
            for r in self.chars.split(|c| !c.is_alphanumeric()) {
                if !r.is_empty() {
                    *counts.entry(r.iter().collect()).or_default() += 1;
                }
            }
            counts
        });
        counts.get(run).copied().unwrap_or(0)
    }

    /// The paragraph around position `at`: its start and its end (a newline or the text's
    /// end).
    pub fn paragraph(&self, at: usize) -> (usize, usize) {
        let k = self.breaks.partition_point(|&b| b < at);
        let start = k
            .checked_sub(1)
            .and_then(|j| self.breaks.get(j))
            .map_or(0, |b| b + 1);
        let end = self.breaks.get(k).copied().unwrap_or(self.chars.len());
        (start.min(at), end.max(at))
    }

    /// Whether a letter or a digit stands in the paragraph of `at` before it (read once per
    /// paragraph, however many quotes it has).
    pub fn letters_before(&self, at: usize) -> bool {
        let k = self.breaks.partition_point(|&b| b < at);
        self.first_letters.get(k).is_some_and(|&p| p < at)
    }

    /// Whether the words after a quote closing at `close` run, in one sentence, up to a
    /// comma or a colon and the next quote of their paragraph ("“…” He added, “…”"): they
    /// introduce that one.
    pub fn introduces_next(&self, close: usize) -> bool {
        let k = self.quotes.partition_point(|q| q.0 < close);
        let Some(open) = self.quotes.get(k).map(|q| q.0.saturating_sub(1)) else {
            return false;
        };
        if open <= close || self.chars[close..open].contains(&'\n') {
            return false;
        }
        let ws = words_in(self.chars, close, open);
        let trailing = trailing_gap(self.chars, &ws, close, open);
        !ws.is_empty()
            && ws.len() <= WINDOW / 8
            && ws.iter().skip(1).all(|w| !w.gap.stop)
            && !trailing.stop
            && (trailing.comma || trailing.colon)
    }

    /// Whether `pos` is inside one of the text's quotes.
    pub fn inside_quote(&self, pos: usize) -> bool {
        let k = self.quotes.partition_point(|q| q.0 <= pos);
        k > 0 && self.quotes.get(k - 1).is_some_and(|q| pos < q.1)
    }

    /// Where the paragraph of `at` starts, or `limit` code points before `at` if that is
    /// later (the last newline in `lo..at`, looked up among the newlines).
    fn paragraph_start(&self, at: usize, limit: usize) -> usize {
        let lo = at.saturating_sub(limit);
        if at > self.chars.len() {
            return lo;
        }
        let k = self.breaks.partition_point(|&b| b < at);
        match k.checked_sub(1).map(|j| self.breaks[j]) {
            Some(b) if b >= lo => b + 1,
            _ => lo,
        }
    }

    /// Where the paragraph of `at` ends, or `limit` code points after `at` if that is sooner
    /// (the first newline in `at..hi`, looked up among the newlines).
    fn paragraph_end(&self, at: usize, limit: usize) -> usize {
        let hi = (at + limit).min(self.chars.len());
        if at > hi {
            return hi;
        }
        let k = self.breaks.partition_point(|&b| b < at);
        match self.breaks.get(k) {
            Some(&b) if b < hi => b,
            _ => hi,
        }
    }

    /// The words of the sentence before position `open` (a quote's opening mark), outside
    /// quotes. Empty if a sentence ends right before it.
    pub fn before(&self, open: usize) -> Vec<Word> {
        let from = self.paragraph_start(open, WINDOW);
        let ws = words_in(self.chars, from, open);
        if trailing_gap(self.chars, &ws, from, open).stop {
            return Vec::new();
        }
        let cut = (1..ws.len())
            .rev()
            .find(|&k| self.ends_sentence(&ws, k))
            .unwrap_or(0);
        self.unquoted(&ws[cut..])
    }

    /// The words of the sentence from position `close` (after a quote's closing mark) on,
    /// outside quotes, up to the sentence's end.
    pub fn after(&self, close: usize) -> Vec<Word> {
        let to = self.paragraph_end(close, WINDOW);
        let ws = words_in(self.chars, close, to);
        if ws.first().is_some_and(|w| w.gap.stop) {
            return Vec::new();
        }
        let cut = (1..ws.len())
            .find(|&k| self.ends_sentence(&ws, k))
            .unwrap_or(ws.len());
        self.unquoted(&ws[..cut])
    }

    /// The words of the last sentence of the paragraph before the one starting at
    /// `paragraph` (blank lines passed over), if that paragraph holds no quote: a report in
    /// indirect speech ("Carter said that … would not happen.") that a floating quote after it
    /// goes on with. Empty otherwise.
    pub fn previous_paragraph_sentence(&self, paragraph: usize) -> Vec<Word> {
        // The last letter or digit before the paragraph, within the window.
        let lo = paragraph.saturating_sub(WINDOW);
        let Some(last) = (lo..paragraph)
            .rev()
            .find(|&i| self.chars[i].is_alphanumeric())
        else {
            return Vec::new();
        };
        let (start, end) = self.paragraph(last);
        let from = start.max(lo);
        let k = self.quotes.partition_point(|q| q.1 <= from);
        if self.quotes.get(k).is_some_and(|q| q.0 < end) {
            return Vec::new();
        }
        let ws = words_in(self.chars, from, end);
        let first = (1..ws.len())
            .rev()
            .find(|&k| self.ends_sentence(&ws, k))
            .unwrap_or(0);
        ws.get(first..).unwrap_or(&[]).to_vec()
    }

    /// The words of the sentence before the last one ending at `open`, in its paragraph.
    pub fn previous_sentence(&self, open: usize) -> Vec<Word> {
        let from = self.paragraph_start(open, WINDOW);
        let ws = words_in(self.chars, from, open);
        let last = if trailing_gap(self.chars, &ws, from, open).stop {
            ws.len()
        } else {
            match (1..ws.len()).rev().find(|&k| self.ends_sentence(&ws, k)) {
                Some(k) => k,
                None => return Vec::new(),
            }
        };
        let first = (1..last)
            .rev()
            .find(|&k| self.ends_sentence(&ws, k))
            .unwrap_or(0);
        self.unquoted(ws.get(first..last).unwrap_or(&[]))
    }

    /// Whether a sentence starts at word `k` (a stop before it, not inside a quote).
    fn ends_sentence(&self, ws: &[Word], k: usize) -> bool {
        let inside = |j: usize| ws.get(j).is_some_and(|w| self.inside_quote(w.start));
        let stop = ws[k].gap.stop || (k > 0 && after_abbreviation(&ws[k - 1], &ws[k]));
        stop && !(k > 0 && inside(k - 1) && inside(k))
    }

    fn unquoted(&self, ws: &[Word]) -> Vec<Word> {
        ws.iter()
            .filter(|w| !self.inside_quote(w.start))
            .cloned()
            .collect()
    }
}

/// Whether a sentence starts at `w` after an abbreviation that ends the one before, its
/// period kept as the word's ("… in the U.S. He says …"): `w` is a word that opens
/// sentences, never a name's.
fn after_abbreviation(prev: &Word, w: &Word) -> bool {
    prev.text.ends_with('.')
        && !w.gap.breaks()
        && w.capitalised()
        && listed(NOT_NAMES, w.bare())
        && !matches!(w.bare(), "mr" | "mrs" | "ms")
}

/// "…," said Tillerson / "…," Tillerson said / "…," he said, in the words after a quote.
/// `ended`: the quote ends with a full stop, so the words after it are a new sentence unless
/// they start in lower case ("“…It is over.” he said").
///
/// `punctuated`: the quote ends with punctuation; if not, a reporting verb right after it
/// inverts only if it is one of [`INVERTED_AFTER_COMMA`] ("“…” said Lima"): "“honest”
/// describes Harris better" has no speaker.
pub fn attribution_after(ws: &[Word], ended: bool, punctuated: bool) -> Option<Mention> {
    let m = speaker_after(ws, ended, punctuated).or_else(|| surname_alone(ws))?;
    // "“…,” Obama said, according to a pool report": the words reach the reader through an
    // outer source, which is the one the sentence credits.
    let outer = (1..ws.len().saturating_sub(1))
        .find(|&k| ws[k].gap.comma && ws[k].lower == "according" && ws[k + 1].lower == "to");
    Some(
        outer
            .and_then(|k| source_after(ws, k + 2, ws.len()))
            .unwrap_or(m),
    )
}

/// "“…,” Read said.", "“…,” From said.", "“…,” Will wrote.": a capitalised word alone between
/// the quote and a reporting verb's past or present that closes the sentence (or goes on
/// after a comma, "Will wrote, adding …") is a surname, even one that is also a verb or a
/// small word.
fn surname_alone(ws: &[Word]) -> Option<Mention> {
    let (first, verb) = (ws.first()?, ws.get(1)?);
    let closes = ws.get(2).is_none_or(|w| w.gap.breaks());
    let reports = matches!(
        verb.lower.as_str(),
        "said" | "says" | "wrote" | "writes" | "told" | "tells" | "added" | "adds"
    );
    let word = first.text.chars().all(char::is_alphabetic);
    let not_a_name = listed(PRONOUNS, first.lower.as_str())
        || matches!(
            first.lower.as_str(),
            "the" | "a" | "an" | "this" | "that" | "who" | "it"
        );
    (first.capitalised() && word && reports && closes && !verb.gap.breaks() && !not_a_name).then(
        || {
            Mention::Name(Name {
                start: first.start,
                end: first.end,
                name: first.text.clone(),
                titles: Vec::new(),
            })
        },
    )
}

/// The speaker named by the words after a quote, before any outer source.
fn speaker_after(ws: &[Word], ended: bool, punctuated: bool) -> Option<Mention> {
    let first = ws.first()?;
    // "… calls it her “responsibility gene”; rivals deride it …": a semicolon or a colon opens
    // another clause, whose subject said nothing of the quote.
    if first.gap.colon {
        return None;
    }
    // After a full stop only a bare "Trump said." or "he said." attributes the quote.
    let bare_attribution = ws.len() <= 3;
    if ended && first.capitalised() && !bare_attribution {
        return None;
    }
    if is_verb_at(ws, 0) {
        // "“…,” adding that …" hangs on the clause before the quote; "put it" never inverts.
        if first.lower.ends_with("ing") || first.lower.starts_with("put") {
            return None;
        }
        if !punctuated && !listed(INVERTED_AFTER_COMMA, &first.lower) {
            return None;
        }
        return subject_after(ws, 1, ws.len());
    }
    let verb = (0..ws.len().min(MAX_PHRASE + 4))
        .find(|&k| is_verb_at(ws, k) && !ws[k].lower.ends_with("ing"));
    if let Some((m, a)) = verb.and_then(|v| subject_before(ws, v, 0)) {
        // "“landspout” tornadoes were observed", "“…,” he was told": the subject of a
        // passive is what was spoken of or to, no speaker.
        if a == 0 && verb.is_some_and(|v| is_passive(ws, v)) {
            return None;
        }
        // "“…,” as a Homeland Security memo put it.": "as" before the subject.
        if a == 0 || (a == 1 && first.lower == "as") {
            return Some(m);
        }
    }
    // "“…?” a staffer in the room wondered": a subject with a prepositional phrase, all the
    // words up to the verb with nothing between them.
    // "“…,” CBS This Morning co-anchor Jo Reed said": a name after a title that runs on.
    if let Some(v) = verb.filter(|&v| v > 1 && v <= MAX_PHRASE) {
        let joined = ws[1..=v].iter().all(|w| !w.gap.breaks())
            && !ws[..v].iter().any(|w| listed(FINITE, w.lower.as_str()));
        let noun_phrase = matches!(first.lower.as_str(), "a" | "an" | "the" | "one" | "another");
        if joined && noun_phrase {
            if let Some(m) = mention(ws, 0, v) {
                return Some(m);
            }
        }
        if joined && first.capitalised() {
            if let Some((m @ (Mention::Name(_) | Mention::Both(..)), _)) = subject_before(ws, v, 0)
            {
                return Some(m);
            }
        }
    }
    // "“…,” Purner, 67, a retired teacher in Allentown, Pa., said": a name, a long
    // appositive, and the verb.
    if let Some((name, end)) = name_starting_at(ws, 0) {
        let appositive = ws.get(end).is_some_and(|w| w.gap.comma);
        let verb_later =
            (end..ws.len()).any(|k| is_verb_at(ws, k) && !ws[k].lower.ends_with("ing"));
        if appositive && verb_later {
            return Some(Mention::Name(name));
        }
    }
    according_to(ws)
}

/// "“…” about the vote, the groups say" / "“…” about the vote, said Ana Lima": the quote's
/// clause runs on after it to a comma, and the subject and its reporting verb, in either
/// order, close the sentence.
pub fn attribution_after_clause(ws: &[Word]) -> Option<Mention> {
    let v = (1..ws.len().min(2 * MAX_PHRASE + 4))
        .find(|&k| is_verb_at(ws, k) && !ws[k].lower.ends_with("ing"))?;
    if let Some((m, a)) = subject_before(ws, v, 0) {
        if a > 0 && ws[a].gap.comma {
            return Some(m);
        }
    }
    if ws[v].gap.comma {
        return subject_after(ws, v + 1, ws.len());
    }
    None
}

/// Tillerson said (that) "…" / Said Ellis: "…" / According to Tillerson, "…" / …, saying
/// "…", in the words before a quote (`colon_before`: a colon stands between them and the
/// quote). The first reporting verb of the sentence is the one that
/// reports it ("Trump said he told them “…”"), except one in an opening subordinate clause
/// ("After Cruz spoke, Trump said “…”") or an opening prepositional phrase ("In a message
/// posted Friday, Cruz said “…”").
pub fn attribution_before(ws: &[Word], colon_before: bool) -> Option<Mention> {
    let n = ws.len();
    let intro_end = opening_end(ws);
    let mut verbs: Vec<usize> = (intro_end..n).filter(|&k| is_verb_at(ws, k)).collect();
    verbs.extend((0..intro_end).filter(|&k| is_verb_at(ws, k)));
    let according = ws
        .windows(2)
        .position(|p| p[0].lower == "according" && p[1].lower == "to");
    if let Some(k) = according {
        if verbs.first().is_none_or(|&v| v > k) {
            return source_after(ws, k + 2, n);
        }
    }
    // "…, whom he described as “volatile”": a verb right before the quote goes first.
    // (The verbs of an opening clause come last in `verbs`, so the nearest is the greatest.)
    // Not a progressive: "Trump said Fox executives were calling “every 15 minutes”" is
    // Trump's report of what they did. A verb of belief is passed over for the report of
    // speech before it ("Benjamin said he believes “…”").
    let nearest = verbs
        .iter()
        .filter(|&&k| !is_belief_verb(&ws[k].lower))
        .max()
        .copied();
    if let Some(last) = nearest {
        let that = ws.get(last + 1).is_some_and(|w| w.lower == "that");
        // "The spot concludes with footage of Trump saying during the debate, “…”": the
        // participle of a person named after "of" or "with" reports the quote, not the verb
        // before it.
        let named_participle = ws[last].lower.ends_with("ing")
            && last > 1
            && !ws[last].gap.breaks()
            && name_ending_at(ws, last - 1).is_some_and(|name| {
                let k = ws.partition_point(|w| w.start < name.start);
                k > 0 && !ws[k].gap.breaks() && matches!(ws[k - 1].lower.as_str(), "of" | "with")
            });
        if (n - last <= 3 || that || named_participle)
            && verbs.len() > 1
            && !is_progressive(ws, last)
            && !after_modal(ws, last)
        {
            verbs.insert(0, last);
        }
    }
    if let Some(m) = verbs.iter().find_map(|&v| subject_of_verb(ws, v)) {
        return Some(m);
    }
    // "John McCain: “…”" (a headline, a transcript).
    if verbs.is_empty() && colon_before && n <= 4 {
        // A name alone; else ("Reed resisted: “…”") the clause's subject, below, unless a
        // dash makes the words before the colon a label ("Turnout was low - Reed:").
        match name_starting_at(ws, 0) {
            Some((name, end)) if end == n => {
                return (!is_headline_label(&name.name)).then_some(Mention::Name(name));
            }
            Some(_) if ws.iter().any(|w| w.gap.dash) => return None,
            _ => {}
        }
    }
    // "From the report: “…”", "… - More from Lima and Reed: “…”": the source a quote is
    // taken from, when a sentence or a part after a dash opens with "from".
    if verbs.is_empty() && colon_before {
        let from = (0..n).rev().find(|&k| {
            let opens = |j: usize| j == 0 || ws[j].gap.dash;
            ws[k].lower == "from"
                && (opens(k) || (k > 0 && ws[k - 1].lower == "more" && opens(k - 1)))
        });
        if let Some(m) = from.and_then(|k| source_after(ws, k + 1, n)) {
            return Some(m);
        }
    }
    // "Lima then turned to the crowd: “…”": a sentence that introduces the quote with a
    // colon; its subject.
    if verbs.is_empty() && colon_before {
        return clause_subject(ws, 0, n);
    }
    None
}

/// Where the sentence's main clause starts when it opens with a subordinate clause ("After
/// Cruz spoke, …") or a prepositional phrase ("In a statement released Thursday, …"): the
/// first word after that opening's first comma; 0 otherwise.
fn opening_end(ws: &[Word]) -> usize {
    let opening =
        |w: &Word| listed(SUBORDINATORS, w.bare()) || listed(OPENING_PREPOSITIONS, w.bare());
    if ws.first().is_some_and(opening) {
        (1..ws.len()).find(|&k| ws[k].gap.comma).unwrap_or(0)
    } else {
        0
    }
}

/// Nouns for words someone says or prints as theirs ("Clinton's campaign slogan is “…”").
pub(super) const SPEECH_NOUNS: &[&str] = &[
    "catchphrase",
    "mantra",
    "message",
    "motto",
    "refrain",
    "slogan",
    "words",
];

/// With no reporting verb in the sentence, a name whose words are quoted: "Trump’s remarks",
/// "Lima's claim that …" (a verb's form after a possessive is a noun), "Clinton's campaign
/// slogan" (a noun of [`SPEECH_NOUNS`], at most two words after the possessive).
pub fn possessor(ws: &[Word]) -> Option<Mention> {
    (1..ws.len()).find_map(|k| {
        let owner = !ws[k].gap.breaks() && possessive(&ws[k - 1].lower);
        let said = owner
            && (is_reporting_verb(&ws[k].lower, None)
                || (k..(k + 3).min(ws.len()))
                    .take_while(|&j| !ws[j].gap.breaks())
                    .any(|j| listed(SPEECH_NOUNS, ws[j].lower.as_str())));
        said.then(|| name_ending_at(ws, k - 1).map(Mention::Name))
            .flatten()
    })
}

/// The subject of the reporting verb at word `v` of a sentence.
fn subject_of_verb(ws: &[Word], v: usize) -> Option<Mention> {
    let n = ws.len();
    if is_passive(ws, v) {
        return passive_agent(ws, v);
    }
    let participle = ws.get(v)?.lower.ends_with("ing");
    // Inverted: "Said Ellis: “…”", "“…,” said Ellis, “…”".
    if v == 0 && !participle && !ws[v].lower.starts_with("put") {
        if let Some(m) = subject_after(ws, 1, n) {
            return Some(m);
        }
    }
    // "what Apple is calling “spatial” photos": a progressive is finite; its subject stands
    // before "is".
    if participle && is_progressive(ws, v) {
        if let Some((m, _)) = subject_before(ws, v, 0) {
            return Some(m);
        }
    }
    if participle {
        // "with Trump (recently) tweeting that …", "with Sen. John McCain calling it …": the
        // name after "with" (and its titles).
        let mut h = v;
        while h > 0 && !ws[h].gap.breaks() && skippable(&ws[h - 1]) {
            h -= 1;
        }
        if h > 0 && !ws[h].gap.breaks() {
            if let Some(name) = name_ending_at(ws, h - 1) {
                let mut k = ws.partition_point(|w| w.start < name.start);
                while k > 0 && ws[k - 1].is_title() && !ws[k].gap.breaks() {
                    k -= 1;
                }
                // "footage of Hillary Clinton asking, “…”", "a video of Trump saying …": after
                // "of" too, but not inside an institution's name ("the American Federation of
                // Teachers calling her …").
                let of = k > 1 && ws[k - 1].lower == "of" && !ws[k - 2].capitalised();
                if k > 0 && (ws[k - 1].lower == "with" || of) {
                    return Some(Mention::Name(name));
                }
                // "– Ryan saying he was “…” and Trump calling it “…”": a name that opens its
                // clause (after a dash, a comma or "and") is the subject of the participle
                // right after it; not an object ("He thanked Obama saying …").
                let opens = k == 0
                    || ws[k].gap.dash
                    || ws[k].gap.comma
                    || (ws[k - 1].lower == "and" && !ws[k].gap.breaks());
                if opens {
                    return Some(Mention::Name(name));
                }
            }
        }
        // "with some analysts suggesting that …", "with the crowd chanting …": a description
        // after "with" is the participle's subject, as a name there is.
        let with = (v.saturating_sub(MAX_WITH_WORDS + 1)..v)
            .rev()
            .find(|&k| ws[k].lower == "with")
            .filter(|&k| k + 1 < v && (k + 1..=v).all(|j| !ws[j].gap.breaks()));
        // Only people: a plural ("some analysts") or a title ("his spokesman"), not "replacing
        // it with softer language calling for …".
        if let Some(m @ Mention::Description { .. }) = with.and_then(|k| mention(ws, k + 1, v)) {
            if let Mention::Description { head, .. } = &m {
                let plural = head.len() > 3 && head.ends_with('s') && !head.ends_with("ss");
                if plural || listed(TITLES, head) {
                    return Some(m);
                }
            }
        }
        // "Lima said, adding that “…”": the subject of the reporting verb right before it.
        let said = v
            .checked_sub(1)
            .filter(|&k| ws[v].gap.comma && is_verb_at(ws, k) && !ws[k].lower.ends_with("ing"));
        if let Some((m, _)) = said.and_then(|k| subject_before(ws, k, 0)) {
            return Some(m);
        }
        // "Clinton hit back, saying “…”": the subject of the clause the participle hangs on,
        // after an opening phrase ("In a statement released Thursday, Jeffries reacted,
        // saying …").
        let main = opening_end(ws);
        return (main > 0 && main < v)
            .then(|| clause_subject(ws, main, v).or_else(|| opening_person(&ws[main..v])))
            .flatten()
            .or_else(|| clause_subject(ws, 0, v))
            .or_else(|| opening_person(ws));
    }
    subject_before(ws, v, 0)
        .map(|(m, _)| m)
        .or_else(|| clause_subject(ws, 0, v))
}

/// The speaker named in inverted order after a clause and its comma, right before a quote
/// that a comma or a colon introduces (`ws`: the words before it): "Then came the answer,
/// said Ellis: “…”", "In other words, explained CBS moderator Nancy Cordes, “…”". The name
/// ends the words; "…, said Obama “understood …”" or "…, said of Mr. Rubio: “…”" are not
/// this (the subject stands before the verb).
pub fn inverted_before_quote(ws: &[Word]) -> Option<Mention> {
    let n = ws.len();
    let v = (1..n).rev().find(|&k| ws[k].gap.comma)?;
    // A name or "the" after the verb ("said of Mr. Rubio:" is about him).
    let next = ws.get(v + 1)?;
    if !listed(INVERTED_AFTER_COMMA, &ws[v].lower) || !(next.capitalised() || next.lower == "the") {
        return None;
    }
    match subject_after(ws, v + 1, n)? {
        Mention::Name(name) if name.end == ws[n - 1].end => Some(Mention::Name(name)),
        _ => None,
    }
}

/// Whether a modal or "to" stands right before word `v`: "Obama said Americans will say
/// “no”" reports what Obama said they would say, not what they said.
fn after_modal(ws: &[Word], v: usize) -> bool {
    v > 0
        && !ws[v].gap.breaks()
        && matches!(
            ws[v - 1].lower.as_str(),
            "will" | "would" | "could" | "should" | "might" | "may" | "can" | "must" | "to"
        )
}

/// Whether the "-ing" form at word `v` is a progressive ("is calling", "was also saying"): a
/// form of "be" before it, over adverbs.
fn is_progressive(ws: &[Word], v: usize) -> bool {
    ws.get(v).is_some_and(|w| w.lower.ends_with("ing"))
        && (after_be(ws, v) || after_pronoun_be(ws, v))
}

/// Whether a pronoun with "be" contracted ("he’s", "they’re", "I’m") stands right before word
/// `v`: "He’s claiming that …". Not for a participle ("she’s said" is "she has said").
fn after_pronoun_be(ws: &[Word], v: usize) -> bool {
    v > 0
        && !ws[v].gap.breaks()
        && matches!(ws[v - 1].pronoun_contraction(), Some("s" | "re" | "m"))
}

/// Whether a form of "be" ("is", "was", "been", "being"…) stands before word `v`, over
/// adverbs ("was also", "is now"), in the same clause.
fn after_be(ws: &[Word], v: usize) -> bool {
    after_be_over(ws, v, false)
}

/// [`after_be`]; `adverbs`: over the other words of [`BEFORE_VERB`] too ("is often called",
/// "was also told", "was later described").
fn after_be_over(ws: &[Word], v: usize, adverbs: bool) -> bool {
    let mut k = v;
    while k > 0
        && !ws[k].gap.breaks()
        && (ly_adverb(&ws[k - 1])
            || (adverbs
                && listed(BEFORE_VERB, ws[k - 1].lower.as_str())
                && !is_be(&ws[k - 1].lower)))
    {
        k -= 1;
    }
    k > 0 && !ws[k].gap.breaks() && is_be(&ws[k - 1].lower)
}

/// Whether `lower` is a form of "be".
fn is_be(lower: &str) -> bool {
    matches!(
        lower,
        "be" | "been" | "being" | "was" | "were" | "is" | "are" | "am"
    )
}

/// Past participles whose passive subject is still the one who speaks: "Ellis was quoted as
/// saying", "Trump was heard telling", "was caught on tape saying".
/// Sorted.
pub(super) const SPEAKING_PASSIVES: &[&str] = &[
    "caught",
    "filmed",
    "heard",
    "overheard",
    "quoted",
    "recorded",
    "reported",
    "seen",
];

/// Whether the reporting verb at word `v` is a passive ("have been accused", "was asked"):
/// a form of "be" before it (over adverbs), the verb a past participle, and not one of
/// [`SPEAKING_PASSIVES`]. Its subject is then who the words are about or addressed to.
fn is_passive(ws: &[Word], v: usize) -> bool {
    let Some(w) = ws.get(v) else {
        return false;
    };
    let participle = w.lower.ends_with("ed")
        || matches!(
            w.lower.as_str(),
            "told" | "said" | "written" | "spoken" | "shown"
        );
    participle && !listed(SPEAKING_PASSIVES, w.lower.as_str()) && after_be_over(ws, v, true)
}

/// The speaker of a passive reporting verb: the agent after "by" ("accused by human rights
/// groups of “…”", "was asked by moderator Gerard Baker whether …"), or none.
fn passive_agent(ws: &[Word], v: usize) -> Option<Mention> {
    let mut k = v + 1;
    while ws.get(k).is_some_and(|w| !w.gap.breaks() && ly_adverb(w)) {
        k += 1;
    }
    if !ws
        .get(k)
        .is_some_and(|w| w.lower == "by" && !w.gap.breaks())
    {
        return None;
    }
    // The agent ends before what it is said of: "by rights groups | of committing …".
    let hi = (k + 2..ws.len())
        .find(|&j| matches!(ws[j - 1].lower.as_str(), "of" | "for") && ws[j].lower.ends_with("ing"))
        .map_or(ws.len(), |j| j - 1);
    subject_after(ws, k + 1, hi)
}

/// The subject of the first finite verb with one in `ws[lo..hi]`: "Trump" in "Trump, in Kentucky,
/// went on the attack, calling …".
pub fn clause_subject(ws: &[Word], lo: usize, hi: usize) -> Option<Mention> {
    (lo..hi.min(ws.len()))
        .filter(|&k| is_finite(ws, k))
        .find_map(|k| subject_before(ws, k, lo).map(|(m, _)| m))
}

/// A name or "he", "she" opening the sentence: its subject, whatever its verb.
fn opening_person(ws: &[Word]) -> Option<Mention> {
    let first = ws.first()?;
    if matches!(first.lower.as_str(), "he" | "she") {
        return mention(ws, 0, 1);
    }
    name_starting_at(ws, 0).map(|(name, _)| Mention::Name(name))
}

fn is_finite(ws: &[Word], k: usize) -> bool {
    let Some(w) = ws.get(k) else {
        return false;
    };
    if w.capitalised() {
        return false;
    }
    let after_determiner = k > 0
        && matches!(
            ws[k - 1].lower.as_str(),
            "the" | "a" | "an" | "his" | "her" | "their" | "its" | "been" | "be"
        );
    (is_verb_at(ws, k) && !w.lower.ends_with("ing"))
        || listed(FINITE, w.lower.as_str())
        || (w.lower.len() > 4 && w.lower.ends_with("ed") && !after_determiner)
}

/// "according to NAME" anywhere in `ws`.
fn according_to(ws: &[Word]) -> Option<Mention> {
    let k = ws
        .windows(2)
        .position(|p| p[0].lower == "according" && p[1].lower == "to")?;
    source_after(ws, k + 2, ws.len())
}

/// Where a time expression ending before word `b` starts ("on Friday", "last week",
/// "Tuesday"), if there is one between a subject and its verb.
fn time_before(ws: &[Word], b: usize, lo: usize) -> Option<usize> {
    let t = b.checked_sub(1).filter(|&t| t >= lo)?;
    if ws.get(b).is_some_and(|w| w.gap.breaks()) || !listed(TIME_WORDS, ws[t].bare()) {
        return None;
    }
    let opener = t > lo
        && !ws[t].gap.breaks()
        && matches!(
            ws[t - 1].lower.as_str(),
            "on" | "last" | "this" | "next" | "late"
        );
    Some(if opener { t - 1 } else { t })
}

/// Whether `w` may stand between a subject and its verb.
fn skippable(w: &Word) -> bool {
    listed(BEFORE_VERB, w.lower.as_str()) || (w.lower.len() > 4 && ly_adverb(w))
}

/// Whether `w` reads as an adverb in "-ly" ("later", "repeatedly"): in lower case, so that a
/// name ("Megyn Kelly said", "O’Reilly told") is not skipped as one.
fn ly_adverb(w: &Word) -> bool {
    w.lower.ends_with("ly") && !w.capitalised()
}

fn stops_phrase(ws: &[Word], k: usize) -> bool {
    ws.get(k).is_none_or(|w| {
        (listed(PHRASE_STOPS, w.bare()) && !given_name_will(ws, k)) || is_verb_at(ws, k)
    })
}

/// The subject ending before the verb at word `v`, not before word `lo`: the mention, and
/// the index of its first word.
fn subject_before(ws: &[Word], v: usize, lo: usize) -> Option<(Mention, usize)> {
    let gap = |k: usize| ws.get(k).map_or(Gap::default(), |w| w.gap);
    let mut b = v;
    loop {
        if b > lo && !gap(b).breaks() && ws.get(b - 1).is_some_and(skippable) {
            b -= 1;
        } else if let Some(t) = time_before(ws, b, lo) {
            b = t;
        } else {
            break;
        }
    }
    // "Ervin, who thinks …": the relative pronoun, standing for the phrase before it. (Not
    // after a preposition: in "not the least of which is that ISIS would …" or "some of whom",
    // the pronoun is the preposition's object, no verb's subject.)
    let after_preposition =
        b >= 2 && b - 2 >= lo && listed(PREPOSITIONS_BEFORE_RELATIVE, ws[b - 2].bare());
    if b > lo
        && !gap(b).breaks()
        && matches!(ws[b - 1].lower.as_str(), "who" | "which")
        && !after_preposition
    {
        let w = &ws[b - 1];
        // The name the phrase before it makes ("Sen. Marco Rubio of Florida, who"), else the
        // name it follows where that phrase is more ("a damning reaction from U.S. President
        // Barack Obama, who called", "Smith and Patti LaBelle, who joked").
        let g = w.gap;
        // Else the description it follows ("a campaign surrogate who said", "the council's
        // resolution, which said"): a reader's answer to "who said it?", where "who" is none.
        let before = phrase_before(ws, b - 1, lo).map(|(m, _)| m);
        let antecedent = before
            .as_ref()
            .and_then(|m| match m {
                Mention::Name(n) => Some(n.name.clone()),
                _ => None,
            })
            .or_else(|| {
                (b >= 2 && !(g.stop || g.newline || g.mark))
                    .then(|| name_ending_at(ws, b - 2))
                    .flatten()
                    .map(|n| n.name)
            })
            .or_else(|| description_before(ws, b - 1, lo))
            .or_else(|| plural_before(ws, b - 1, lo));
        let m = Mention::Pronoun {
            start: w.start,
            end: w.end,
            lower: w.lower.clone(),
            antecedent,
        };
        return Some((m, b - 1));
    }
    // "In an interview with RT he blasted …", "Even now at 86 she says …": "he", "she" or
    // "they" right before the verb, after more words of its clause, is the subject (those words
    // are no noun phrase of it).
    if b > lo + 1
        && !gap(b).breaks()
        && !gap(b - 1).breaks()
        && matches!(ws[b - 1].lower.as_str(), "he" | "she" | "they")
    {
        return mention(ws, b - 1, b).map(|m| (m, b - 1));
    }
    // An appositive or a parenthesis between the subject and its verb: the subject then opens
    // its clause ("Clinton, during a town hall in Columbus, Ohio, said").
    let g = gap(b);
    if b > lo && (g.comma || g.close_paren || g.dash) {
        let starts = (lo + 1..b).rev().take_while(|&k| b - k <= 2 * MAX_PHRASE);
        return starts
            .filter(|&k| {
                let g = gap(k);
                g.comma || g.open_paren || g.dash
            })
            .find_map(|k| {
                let (m, a) = phrase_before(ws, k, lo)?;
                // "Cory James, 22, of Flint, Mich., said": a place after "of" or "from" is part
                // of the appositive, not its subject.
                let place = matches!(ws[a].lower.as_str(), "of" | "from");
                (opens_clause(ws, a, lo) && !place).then_some((m, a, k))
            })
            .map(|(m, a, k)| {
                // "the secretary of state, Rex Tillerson, said": the name.
                match (&m, name_starting_at(ws, k)) {
                    (Mention::Description { .. }, Some((name, end))) if end == b => {
                        (Mention::Name(name), a)
                    }
                    _ => (m, a),
                }
            });
    }
    let (m, a) = phrase_before(ws, b, lo)?;
    // "Clinton at a rally in Ohio said", "Trump in his announcement speech called": a
    // prepositional phrase between the subject and its verb; the subject is the phrase before
    // it (at most two such phrases).
    let (m, a) = subject_before_places(ws, m, a, b, lo);
    // "The mother of a woman who took pills bought online has described …": what a relative
    // clause leaves before the verb is no subject; the phrase before "who" is.
    let relative = a > lo
        && !gap(a).breaks()
        && ws[a - 1].lower == "who"
        && matches!(m, Mention::Description { .. });
    if relative {
        return phrase_before(ws, a - 1, lo);
    }
    // "The mother of two girls whose kids were murdered in a knife attack has branded …": a
    // phrase inside a clause that "whose" opens is no subject of the verb after the clause;
    // the phrase before "whose" is.
    let mut j = a;
    while j > lo && a - j < 2 * MAX_PHRASE && !gap(j).breaks() {
        j -= 1;
        if ws[j].lower == "whose" {
            return phrase_before(ws, j, lo).or(Some((m, a)));
        }
    }
    Some((m, a))
}

/// Prepositions that open a phrase of place, time or occasion between a subject and its verb
/// ("Clinton at a rally in Ohio said"; "at" is part of a phrase already, see [`mention`]).
pub(super) const PLACE_PREPOSITIONS: &[&str] = &["during", "in", "on", "over", "through", "under"];

/// The subject before the phrase `m` (words `a..b`) when a preposition of
/// [`PLACE_PREPOSITIONS`] opens it (in lower case: not a headline run into the sentence) and
/// the words before make a noun phrase of their own, up to two phrases back; else `m`. A
/// name stands alone ("Clinton"); a description keeps the phrases as its own words ("a
/// reporter in the front row").
fn subject_before_places(
    ws: &[Word],
    m: Mention,
    a: usize,
    b: usize,
    lo: usize,
) -> (Mention, usize) {
    let mut best = (m, a);
    let mut at = a;
    for _ in 0..2 {
        let opens = at > lo + 1
            && !ws[at].gap.breaks()
            && listed(PLACE_PREPOSITIONS, ws[at - 1].text.as_str())
            && !ws[at - 1].gap.breaks();
        if !opens {
            break;
        }
        let Some((m2, a2)) = phrase_before(ws, at - 1, lo) else {
            break;
        };
        if matches!(m2, Mention::Pronoun { .. }) || matches!(best.0, Mention::Pronoun { .. }) {
            break;
        }
        best = (m2, a2);
        at = a2;
    }
    match best {
        (Mention::Description { start, head, .. }, a2) if a2 < a => (
            Mention::Description {
                start,
                end: ws[b - 1].end,
                text: joined(&ws[a2..b]),
                head,
            },
            a2,
        ),
        other => other,
    }
}

/// Whether a phrase starting at word `a` opens its clause.
fn opens_clause(ws: &[Word], a: usize, lo: usize) -> bool {
    a == lo
        || ws.get(a).is_some_and(|w| w.gap.breaks())
        || ws
            .get(a.wrapping_sub(1))
            .is_some_and(|w| listed(CLAUSE_OPENERS, w.bare()))
}

/// The noun phrase ending before word `b` (not before word `lo`): its mention and first word.
fn phrase_before(ws: &[Word], b: usize, lo: usize) -> Option<(Mention, usize)> {
    let gap = |k: usize| ws.get(k).map_or(Gap::default(), |w| w.gap);
    let mut a = b;
    while a > lo && b - a < MAX_PHRASE {
        if a < b && gap(a).breaks() {
            break;
        }
        // "Dovere and Debenedetti wrote": two names.
        let and_names = a >= 2
            && ws[a - 1].lower == "and"
            && ws[a].capitalised()
            && ws[a - 2].capitalised()
            && !gap(a - 1).breaks();
        if stops_phrase(ws, a - 1) && !and_names {
            break;
        }
        a -= 1;
    }
    if a == b {
        return None;
    }
    Some((mention(ws, a, b)?, a))
}

/// The name joined by "and" before `name`, the head of the phrase starting at word `a`
/// ("Clinton and Kaine", "Donald Trump and House Speaker Paul Ryan"): the titles in front of
/// the second name are skipped, and the first must be a name of its own, inside the phrase,
/// not a title.
fn first_of_pair(ws: &[Word], a: usize, name: &Name) -> Option<Name> {
    let mut k = ws.iter().position(|w| w.start == name.start)?;
    // Back over the second name's titles ("House Speaker").
    while k > a && ws[k - 1].capitalised() && ws[k - 1].lower != "and" {
        k -= 1;
    }
    // "former Pennsylvania Gov. and Democratic National Committee Chairman Ed Rendell": one
    // person's two titles, not two people.
    if k < a + 2
        || ws[k - 1].lower != "and"
        || ws[k - 1].gap.breaks()
        || ws[k].gap.breaks()
        || ws[k - 2].is_title()
    {
        return None;
    }
    // "Police and Crime Commissioner Matt Storey": a body's word alone is part of the title.
    name_ending_at(ws, k - 2).filter(|n| {
        n.start >= ws[a].start
            && (n.name.contains(' ') || !listed(NOT_PERSON, &n.name.to_lowercase()))
    })
}

/// The subject starting at word `i` ("said Tillerson", "said the secretary of state, Rex
/// Tillerson"), not at or past word `hi`.
fn subject_after(ws: &[Word], i: usize, hi: usize) -> Option<Mention> {
    phrase_after(ws, i, hi, false)
}

/// The source after "according to": a noun phrase, in which a reporting verb's plural is a
/// noun ("according to the explanatory notes of the bill", "according to court filings").
fn source_after(ws: &[Word], i: usize, hi: usize) -> Option<Mention> {
    phrase_after(ws, i, hi, true)
}

/// The noun phrase starting at word `i`, not at or past word `hi` (`plurals`: a plural that
/// could be a reporting verb's "-s" form is a noun there).
fn phrase_after(ws: &[Word], i: usize, hi: usize, plurals: bool) -> Option<Mention> {
    let hi = hi.min(ws.len());
    let mut b = i;
    while b < hi && b - i < MAX_PHRASE {
        if b > i && ws[b].gap.breaks() {
            break;
        }
        let plural = plurals
            && b > i
            && ws[b]
                .lower
                .strip_suffix('s')
                .is_some_and(|lemma| listed(NOUN_LIKE, lemma));
        // "said Tim Kaine and Hillary Clinton": two names; "said former Texas Gov. and party
        // chairman Ben Stone": one person's two titles.
        let and_names = b > i
            && ws[b].lower == "and"
            && ws[b - 1].capitalised()
            && ws
                .get(b + 1)
                .is_some_and(|w| (w.capitalised() || ws[b - 1].is_title()) && !w.gap.breaks());
        if stops_phrase(ws, b) && !plural && !and_names {
            break;
        }
        b += 1;
    }
    if b == i {
        return None;
    }
    let m = mention(ws, i, b)?;
    if matches!(m, Mention::Description { .. }) && b < hi && ws[b].gap.comma {
        if let Some((name, _)) = name_starting_at(ws, b) {
            return Some(Mention::Name(name));
        }
    }
    Some(m)
}

/// A word without the contraction it ends with ("you’re" → "you", "I’m" → "i", "wasn’t" is
/// left as it is: not a pronoun's).
fn without_contraction(lower: &str) -> &str {
    ["re", "m", "ll", "d", "ve", "s"]
        .iter()
        .find_map(|c| strip_clitic(lower, c))
        .unwrap_or(lower)
}

/// "the New Zealand Department of Conservation": an institution's name over the "of" at word
/// `of` of the phrase `ws[a..b]`, the words on both sides of it capitalised.
fn institution(ws: &[Word], a: usize, of: usize, b: usize) -> Option<Name> {
    if of >= b
        || ws[of].lower != "of"
        || ws[of].gap.breaks()
        || !listed(INSTITUTIONS, ws[of - 1].bare())
    {
        return None;
    }
    let left = name_ending_at(ws, of - 1).filter(|n| n.start >= ws[a].start)?;
    let (right, end) = name_starting_at(ws, of + 1).filter(|&(_, end)| end <= b)?;
    if ws[of + 1].gap.breaks() || !right.titles.is_empty() {
        return None;
    }
    Some(Name {
        start: left.start,
        end: ws[end - 1].end,
        name: format!("{} of {}", left.name, right.name),
        titles: left.titles,
    })
}

/// Prepositions that take a relative pronoun as their object ("the least of which", "some of
/// whom", "in which"), sorted.
pub const PREPOSITIONS_BEFORE_RELATIVE: &[&str] = &[
    "about", "among", "at", "by", "for", "from", "in", "of", "on", "to", "with",
];

/// Most words of the description a relative "who" or "which" stands for.
const MAX_RELATIVE_ANTECEDENT_WORDS: usize = 6;

/// The description right before the relative pronoun at word `who` ("a campaign surrogate who
/// said", "his show’s listeners, who wondered"): from the nearest determiner ("a", "the",
/// "his"…) at most [`MAX_RELATIVE_ANTECEDENT_WORDS`] words back, with no punctuation inside,
/// as written; the name before it when it is that name's appositive ("Zeke Emanuel, an
/// oncologist who"); none without a determiner.
fn description_before(ws: &[Word], who: usize, lo: usize) -> Option<String> {
    let stop = who.saturating_sub(MAX_RELATIVE_ANTECEDENT_WORDS).max(lo);
    let mut j = who;
    while j > stop {
        j -= 1;
        if j + 1 < who && ws[j + 1].gap.breaks() {
            return None;
        }
        let w = ws[j].bare();
        // "the county are social conservatives who": a finite verb ends the description.
        if listed(FINITE, w) {
            return None;
        }
        if w != "of" && w != "that" && listed(DETERMINERS, w) {
            // An appositive after a name ("Zeke Emanuel, an oncologist who advised …, said"):
            // the name.
            let g = ws[j].gap;
            if j > lo && g.comma && !(g.stop || g.newline || g.mark) {
                if let Some(name) = name_ending_at(ws, j - 1).filter(|n| n.start >= ws[lo].start) {
                    return Some(name.name);
                }
            }
            let words: Vec<&str> = ws[j..who].iter().map(|w| w.text.as_str()).collect();
            return (words.len() >= 2).then(|| words.join(" "));
        }
    }
    None
}

/// Most words of a description between "with" and a participle ("with some analysts
/// suggesting") that `subject_of_verb` reads.
const MAX_WITH_WORDS: usize = 3;

/// Most words of a plural that a relative "who" stands for without a determiner.
const MAX_PLURAL_ANTECEDENT_WORDS: usize = 3;

/// The plural right before the relative pronoun at word `who` when no determiner opens it
/// ("Democrats are social conservatives who believe", "videos of people who"): the words in
/// lower case back to a word that ends a phrase (`PHRASE_STOPS`: "are", "of", "and"…), at
/// most [`MAX_PLURAL_ANTECEDENT_WORDS`], the last of them a plural ("-s", "people").
fn plural_before(ws: &[Word], who: usize, lo: usize) -> Option<String> {
    let head = who.checked_sub(1).filter(|&h| h >= lo)?;
    let plural = |w: &str| w == "people" || (w.len() > 3 && w.ends_with('s') && !w.ends_with("ss"));
    if ws[who].gap.breaks() || !plural(&ws[head].lower) {
        return None;
    }
    let stop = |k: usize| {
        let w = ws[k].bare();
        listed(PHRASE_STOPS, w)
            || listed(DETERMINERS, w)
            || matches!(w, "at" | "for" | "from" | "of" | "with")
    };
    if stop(head) {
        return None;
    }
    let mut a = head;
    while a > lo
        && head - a + 1 < MAX_PLURAL_ANTECEDENT_WORDS
        && !ws[a].gap.breaks()
        && !stop(a - 1)
    {
        a -= 1;
    }
    // The phrase runs back to a word that ends phrases ("are social conservatives"), else it
    // is the plural alone ("The rally drew farmers who": "drew" is no part of it).
    let bounded =
        a == lo || ws[a].gap.breaks() || (stop(a - 1) && !listed(DETERMINERS, ws[a - 1].bare()));
    let words = if bounded { &ws[a..who] } else { &ws[head..who] };
    words
        .iter()
        .all(|w| w.text.chars().all(|c| c.is_lowercase() || c == '-'))
        .then(|| {
            words
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
}

/// What the noun phrase `ws[a..b]` is, by its head.
fn mention(ws: &[Word], a: usize, b: usize) -> Option<Mention> {
    // "a poll released Friday", "a copy of the letter reviewed by": a past participle after the
    // noun opens a reduced relative clause, no part of the phrase ("the accused", "the newly
    // elected" keep theirs).
    let mut b = b.min(ws.len());
    // "Sanders himself", "as Major himself noted": the reflexive is no part of the name.
    if b >= a + 2
        && matches!(
            ws[b - 1].lower.as_str(),
            "himself" | "herself" | "themselves" | "itself"
        )
        && !ws[b - 1].gap.breaks()
    {
        b -= 1;
    }
    while b >= a + 3 && {
        let (w, before) = (&ws[b - 1], &ws[b - 2]);
        !w.capitalised()
            && w.lower.len() > 4
            && w.lower.ends_with("ed")
            && !listed(DETERMINERS, before.bare())
            && !ly_adverb(before)
    } {
        b -= 1;
    }
    let phrase = ws.get(a..b)?;
    // The head ends before a post-modifier ("a spokesman for the campaign"), but "of" after a
    // title is part of one ("Secretary of State Rex Tillerson").
    let head_end = (a + 1..b)
        .find(|&k| {
            matches!(ws[k].lower.as_str(), "of" | "for" | "at" | "from" | "with")
                && !(ws[k - 1].is_title() && ws.get(k + 1).is_some_and(Word::capitalised))
        })
        .unwrap_or(b);
    if let Some(name) = institution(ws, a, head_end, b) {
        return Some(Mention::Name(name));
    }
    let h = head_end - 1;
    let head = ws.get(h)?;
    // "he seems focused on …": a pronoun opens no longer noun phrase; it is the subject.
    let first = ws.get(a)?;
    // Its span and the pronoun leave a contraction out ("he’s said" → "he").
    let pronoun = without_contraction(&first.lower);
    if listed(PRONOUNS, pronoun) {
        return Some(Mention::Pronoun {
            start: first.start,
            end: (first.start + pronoun.chars().count()).min(first.end),
            lower: pronoun.to_owned(),
            antecedent: None,
        });
    }
    if let Some(name) = name_ending_at(ws, h).filter(|n| n.start >= ws[a].start) {
        return Some(match first_of_pair(ws, a, &name) {
            Some(first) => Mention::Both(first, name),
            None => Mention::Name(name),
        });
    }
    let (first, last) = (phrase.first()?, phrase.last()?);
    // "King said, “…”": a title's word alone, capitalised with no name after it, is a
    // surname (King, Bishop, Major), not a bare title ("the king said").
    if phrase.len() == 1
        && head.capitalised()
        && head.is_title()
        && !head.text.ends_with('.')
        && !listed(DETERMINERS, head.bare())
    {
        return Some(Mention::Name(Name {
            start: head.start,
            end: head.end,
            name: head.text.clone(),
            titles: Vec::new(),
        }));
    }
    let function_word = listed(NOT_NAMES, head.bare()) || head.lower.ends_with("ly");
    // A description is a noun phrase: a single word is a bare plural ("officials", "critics"),
    // not an adjective or a verb left over ("somber", "came"), and no phrase opens with a
    // preposition or a participle ("of economic ills", "raising fresh").
    let bare_word = phrase.len() == 1
        && !head.lower.ends_with('s')
        && !matches!(
            head.lower.as_str(),
            "another" | "one" | "someone" | "somebody" | "everyone" | "anyone" | "police"
        );
    let opener = first.lower.ends_with("ing")
        || matches!(
            first.lower.as_str(),
            "of" | "for"
                | "at"
                | "from"
                | "with"
                | "in"
                | "on"
                | "by"
                | "to"
                | "inside"
                | "outside"
                | "into"
                | "within"
                | "without"
                | "under"
                | "over"
                | "during"
                | "between"
                | "among"
                | "through"
                | "across"
                | "behind"
                | "above"
                | "below"
                | "toward"
                | "towards"
                | "upon"
                | "via"
                | "than"
        );
    if !head.text.chars().any(char::is_alphabetic)
        || listed(PRONOUNS, head.lower.as_str())
        || function_word
        || bare_word
        || opener
    {
        return None;
    }
    // A description that opens with a verb's past ("heard an officer", "gave a few", "built
    // his financial base", "received a slew of criticism") and has a determiner further in
    // is what is left of a clause, no one who speaks.
    // (After "who", such a phrase is a relative clause, which the caller reads past: "the
    // police officer who made the arrest said".)
    let relative = a > 0 && matches!(ws[a - 1].lower.as_str(), "who" | "which");
    let past = !first.capitalised()
        && !relative
        && ((first.lower.len() > 4 && first.lower.ends_with("ed")) || listed(PASTS, first.bare()));
    let determiner_later = || {
        phrase[1..]
            .iter()
            .any(|w| w.text != "of" && listed(DETERMINERS, w.text.as_str()))
    };
    if past && determiner_later() {
        return None;
    }
    Some(Mention::Description {
        start: first.start,
        end: last.end,
        text: joined(phrase),
        head: head.bare().to_owned(),
    })
}

/// Irregular pasts of common verbs that open no noun phrase. Sorted.
pub(super) const PASTS: &[&str] = &[
    "bought", "brought", "built", "came", "did", "gave", "got", "had", "heard", "kept", "left",
    "made", "met", "paid", "put", "ran", "sat", "saw", "sent", "spent", "took", "went", "won",
];
