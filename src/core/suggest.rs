//! Suggestions (issue 13), first part: the direct quotes of an article and who said them.
//! Plain Rust over the canonical text; offsets are Unicode code points, as stored offsets are.
//!
//! **Quotes** (`marks`). Every kind of quotation mark news text uses: “…”, „…“, „…”, «…»,
//! »…«, ‹…›, "…", ''…'' (two straight marks for one double mark, as some papers write), and
//! ‘…’ / '…' in their quoting role (an apostrophe between two letters, or after a letter at a
//! word's end, never opens a quote, and closes only a single quote). A quote may nest another
//! (its marks are then part of the outer quote's text) and may run over several paragraphs: a
//! paragraph that ends inside a quote, followed by one that opens with a mark of the same
//! kind, continues it (the convention: each new paragraph opens with a mark and the earlier
//! ones do not close). A quote left open at the end of its paragraph otherwise ends there. A
//! suggested quote is the text inside the marks, and only one that reads as speech: at least
//! [`MIN_QUOTE_WORDS`] words, or fewer in a sentence that says who said them ("Trump called it
//! a “disgrace”"), so that scare quotes are left out; a few words in title case ("on “Meet the
//! Press”") are a title unless the sentence says someone said them, outside headlines, and
//! always after a preposition or a possessive ("on CNN’s “New Day,” Lima said"). Partial
//! quotes of one sentence with a few words and no reporting verb between them ("“dead on
//! arrival” and “a waste of money”") are suggested as one quote: one attribution covers them.
//!
//! **Speakers** (`attribution`). First the quote's own sentence, read without the words of
//! quotes: the subject of a reporting verb ([`REPORTING_VERBS`], with their
//! inflections) next to the quote, in either order ("…," said Tillerson; "…," Tillerson said;
//! Tillerson said: "…"; according to Tillerson), over an appositive ("Tillerson, the secretary
//! of state, said") and with titles dropped ("Foreign Minister Mevlut Cavusoglu" → "Mevlut
//! Cavusoglu"); a participle's subject is its clause's ("Clinton hit back, saying “…”"), or
//! that of the reporting verb right before it ("Lima said, adding, “…”"); a sentence that
//! introduces the quote with a colon gives its subject ("Lima turned to the crowd: “…”"). A
//! quote signed with a dash ("“…” — Ana Lima") is the signer's; a paragraph labelled with a
//! name and a colon ("Graham: Trump’s ‘…’", transcripts, round-ups) is the name's. A paragraph
//! ending with a colon attributes the quote that opens the next one; a new sentence after a
//! quote that introduces the next quote ("“…” He added, “…”") is not this one's. Last in the
//! sentence: a clause that runs on after the quote to the attribution ("“…” about the vote,
//! said Lima"; weak: it keeps no title-case quote), and a possessor of quoted words ("Lima's
//! claims of “fraud”"). Then, with no attribution in the sentence: the speaker of the last
//! quote in the same paragraph; for a paragraph that is only the quote (a floating quote), the
//! last speaker; in the headline (the text's first, short paragraph), the name that opens it
//! ("Trump Addresses Munich Attack: ‘…’"); otherwise the person the sentence before is about
//! ("Lima went further. “…”").
//!
//! A transcript (`turns`: paragraphs opened by a speaker's label, "RUIZ: …", whose name opens
//! two paragraphs or more) gives each turn its label's speaker; a quote that holds such labels
//! (a transcript printed inside quotation marks, `"PENN: …` paragraph after paragraph, none
//! closed) is cut into its turns, each its speaker's, where it was one quote of whoever spoke
//! first.
//!
//! A speaker is a name, a pronoun or a description ("the judge", "a spokesman for the
//! campaign"). Its span is where it stands in the sentence; its name is the fullest form of the
//! name the article used up to the quote ("Tillerson" → "Rex Tillerson", "Cavusoglu" → "Mevlüt
//! Çavuşoğlu": names are compared without case or diacritics; for a headline's quote, in the
//! whole article, since headlines name people short before the story names them), for a pronoun (he, she) the latest of the
//! last people named, not after a preposition ("on Capitol Hill"), whom no title says is of the
//! other sex ("Mrs. Lima" is no "he"), and for a bare title ("the senator") the last person
//! named with that title (`names`); otherwise the description's or the pronoun's own words.
//!
//! The work is linear in the text: each quote reads a bounded window around it (the headline
//! at most 300 code points), names are read once, in order, and the words of the text are
//! counted once (for labels). What a quote asks of its whole paragraph (is there a letter
//! before it, a label's colon and the words before it) is read once per paragraph, however
//! many quotes it has: a text whose line breaks were lost is one paragraph.

mod attribution;
mod first_names;
mod languages;
mod lexicon;
mod marks;
mod names;
mod turns;
mod words;

use attribution::{
    attribution_after, attribution_after_clause, attribution_before, clause_subject, possessor,
    Context, Mention,
};
use lexicon::{listed, INDEFINITES, TITLE_SMALL_WORDS};
use names::NameBook;
use serde::Serialize;
use std::collections::HashMap;

pub use lexicon::REPORTING_VERBS;
pub use turns::Turn;

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

/// Whether `text` reads as English (see `lexicon::is_english`): the speakers' rules and the
/// claim model are made for English.
pub fn reads_as_english(text: &str) -> bool {
    lexicon::is_english(&text.chars().collect::<Vec<_>>())
}

/// Whether `text`, which does not read as English, reads as one of the languages whose
/// speakers `languages` reads (for the panel's notice; `quotes_of` tells the same).
pub fn reads_as_listed_language(text: &str) -> bool {
    lexicon::other_language(&text.chars().collect::<Vec<_>>()).is_some()
}

/// The direct quotes of `text` (canonical: blocks separated by `\n`) with their speakers.
pub fn quotes(text: &str) -> Vec<QuoteSuggestion> {
    quotes_read_as(text, reads_as_english(text))
}

/// [`quotes`] for a caller that already knows whether `text` reads as English
/// ([`reads_as_english`]): speakers are read only when `english`.
pub fn quotes_read_as(text: &str, english: bool) -> Vec<QuoteSuggestion> {
    quotes_and_turns(text, english).0
}

/// [`quotes_read_as`], and the turns of the text when it is a transcript whose paragraphs open
/// with their speakers' labels ([`Turn`]; none when not `english`). A quote that holds such
/// labels (a transcript printed inside quotation marks, `"PENCE: …` paragraph after
/// paragraph) is cut into its turns, each with its label's speaker.
pub fn quotes_and_turns(text: &str, english: bool) -> (Vec<QuoteSuggestion>, Vec<Turn>) {
    let chars: Vec<char> = text.chars().collect();
    let mut book = NameBook::default();
    let (quotes, read_to) = quotes_of(&chars, english, &mut book);
    let labels = if english {
        turns::labels(&chars)
    } else {
        Vec::new()
    };
    if labels.is_empty() {
        return (quotes, Vec::new());
    }
    // The labels' names in their fullest form in the whole text: the names after the last
    // quote too, a paragraph at a time.
    turns::read_paragraphs(&mut book, &chars, read_to);
    let turns = turns::named(labels, &book);
    let mut quotes = split_at_turns(&chars, quotes, &turns);
    // "As I said, “…”" in a turn: the one who says "I" is the turn's speaker.
    for q in &mut quotes {
        let Some(s) = q.speaker.as_mut() else {
            continue;
        };
        if !matches!(s.name.to_lowercase().as_str(), "i" | "we" | "me" | "us") {
            continue;
        }
        let i = turns.partition_point(|t| t.start <= q.start);
        if let Some(t) = i.checked_sub(1).map(|i| &turns[i]) {
            if q.start < t.end {
                s.name.clone_from(&t.name);
            }
        }
    }
    (quotes, turns)
}

/// The quotes of `chars` ([`quotes_read_as`], before they are cut at turns), and how far
/// `book` has read the names of the text.
fn quotes_of(chars: &[char], english: bool, book: &mut NameBook) -> (Vec<QuoteSuggestion>, usize) {
    let spans = marks::quote_spans(chars);
    let cx = Context::new(chars, &spans);
    let mut reader = ParagraphReader::default();
    let mut read_to = 0;
    let mut last_speaker: Option<Speaker> = None;
    // The paragraph of the last quote suggested, and its speaker.
    let mut last_quote: Option<(usize, Option<Speaker>)> = None;
    let mut out = Vec::with_capacity(spans.len());
    // The quotes of the headline (the text's first, short paragraph), by their place in `out`.
    let mut in_headline = Vec::new();
    // Whether the text quotes in single marks (British style) rather than double ones.
    let single_style = spans
        .iter()
        .filter(|&&(s, _)| single_mark(chars, s))
        .count()
        * 2
        >= spans.len();
    // Speakers are read by English rules; a text in Spanish, German, French, Italian,
    // Portuguese or Dutch by that language's words (`languages`); a text in another language
    // gets its quotes (those long enough to be speech) without speakers.
    let language = (!english)
        .then(|| lexicon::other_language(chars))
        .flatten()
        .map(languages::Language);
    // The speakers read by another language's words.
    let mut foreign_reader = languages::Reader::default();
    for (k, &(start, end)) in spans.iter().enumerate() {
        // Names written before this quote are known from here on.
        book.read(chars, read_to, start);
        read_to = read_to.max(end);
        let around = (
            k.checked_sub(1).map_or(0, |j| spans[j].1),
            spans.get(k + 1).map_or(chars.len(), |s| s.0),
        );
        let foreign =
            language.map(|l| foreign_reader.read(chars, l.lexicon(), (start, end), around));
        let said = matches!(foreign, Some(languages::Said::By(_)));
        let (found, strong) = match english.then(|| attributed(&cx, &mut reader, start, end)) {
            None if said => (None, true),
            // "the technique called “mental chronometry”": the thing's name, which nobody in
            // the sentence is said to say.
            Some(_) if names_a_thing(chars, start) && thing_named(chars, start) => (None, false),
            None => (None, false),
            Some(Some(m)) => (Some(m), true),
            Some(None) => match attributed_after_clause(&cx, end) {
                Some(m) => (Some(m), false),
                None => {
                    let m = possessor(&cx.before(start.saturating_sub(1)));
                    let strong = m.is_some();
                    (m, strong)
                }
            },
        };
        // A short quote ("a “disgrace”") is speech only where its sentence says who said it;
        // otherwise it is a title or a scare quote. A short sentence of its own right after an
        // attributed sentence of the paragraph goes on with that speech ("“…,” Lima said.
        // “Big time.”"; "“Really.”" there is no title either).
        let goes = found.is_none()
            && english
            && goes_on(chars, &last_quote, cx.paragraph(start).0, (start, end));
        if marks::words(&chars[start..end]) < MIN_QUOTE_WORDS && found.is_none() && !said && !goes {
            continue;
        }
        // A name in title case ("on “Meet the Press”") is a title, outside a headline, unless
        // someone says it.
        let title = is_title(chars, (start, end), cx.paragraph(start));
        if (!(strong || goes) || after_preposition(chars, start) || names_a_thing(chars, start))
            && title
        {
            continue;
        }
        let (paragraph, paragraph_end) = cx.paragraph(start);
        // "'A change warrior.'" alone between paragraphs, in a text that quotes in double
        // marks: a subheading that quotes the section, as headlines do, not speech.
        if !single_style
            && single_mark(chars, start)
            && marks::words(&chars[start..end]) <= MAX_TITLE_WORDS
            && !cx.letters_before(start.saturating_sub(1))
            && ends_paragraph(chars, end)
        {
            continue;
        }
        // "a “Make America Great Again” hat", "“We are Orlando” T-shirts": words printed on a
        // thing, which the noun after them names; nobody says them here.
        if marks::words(&chars[start..end]) <= MAX_TITLE_WORDS && carried(chars, end) {
            continue;
        }
        // "the page “https://example.org/a”", "write to “tips@example.org”": an address is
        // read or typed, never said.
        if is_address(&chars[start..end]) {
            continue;
        }
        let speaker = match found {
            _ if !english => match foreign {
                Some(languages::Said::By(speaker)) => speaker,
                // A quote opening a sentence of its own in the paragraph of an attributed
                // one goes on with its speech.
                Some(languages::Said::OnItsOwn) => match &last_quote {
                    Some((p, s)) if *p == paragraph => s.clone(),
                    _ => None,
                },
                _ => None,
            },
            Some(m) => Some(resolve(&cx, book, m)),
            // A second quote in the paragraph of an attributed one is theirs too.
            None => match &last_quote {
                Some((p, s)) if *p == paragraph => s.clone(),
                // A floating quote: it goes on with the report of the paragraph before, if
                // that paragraph is one in indirect speech ("Carter said that …"), else with
                // the last speaker.
                _ if marks::only_text_of(chars, (start, end), (paragraph, paragraph_end)) => {
                    reported_before(&cx, paragraph)
                        .map(|m| resolve(&cx, book, m))
                        .or_else(|| last_speaker.clone())
                }
                // "Trump Addresses Munich Attack: ‘This Cannot Continue’": the headline's;
                // "He went further. “…”": the person the sentence before is about.
                _ => (paragraph == 0)
                    .then(|| headline_speaker(&cx, start.saturating_sub(1)))
                    .flatten()
                    .or_else(|| previous_subject(&cx, start))
                    .map(|m| resolve(&cx, book, m)),
            },
        };
        if speaker.is_some() {
            last_speaker.clone_from(&speaker);
        }
        last_quote = Some((paragraph, speaker.clone()));
        if paragraph == 0 && paragraph_end <= MAX_HEADLINE_CHARS {
            in_headline.push(out.len());
        }
        // "« Nous allons … »": the spaces inside the marks are no part of the quote.
        let (start, end) = marks::trimmed(chars, (start, end));
        out.push(QuoteSuggestion {
            start,
            end,
            speaker,
        });
    }
    // A headline's speaker named by one word ("Trump: ‘…’") is given the fullest form the
    // whole article uses: headlines name their subject short, and the story names them in full
    // after the headline. (A quote of the story itself keeps the fullest name used before it:
    // a surname the article spells out only later may be someone else's.)
    if !in_headline.is_empty() {
        book.read(chars, read_to, chars.len());
        read_to = chars.len();
    }
    for &k in &in_headline {
        if let Some(speaker) = out.get_mut(k).and_then(|q| q.speaker.as_mut()) {
            let one_word = !speaker.name.contains(' ')
                && speaker.name.chars().next().is_some_and(char::is_uppercase)
                && !listed(lexicon::PRONOUNS, &speaker.name.to_ascii_lowercase());
            if one_word {
                speaker.name = book.fullest(&speaker.name);
            }
        }
    }
    (merge_partial_quotes(chars, out), read_to)
}

/// `quotes` with each one that holds labels of `turns` cut into those turns: what comes
/// before the first label stays the quote's (when it is long enough to be one), and each
/// turn's words (up to the quote's end) are the turn's speaker's. What follows the last turn
/// in the quote ("Follow … on Twitter" inside the transcript's marks) is no one's.
fn split_at_turns(
    chars: &[char],
    quotes: Vec<QuoteSuggestion>,
    turns: &[Turn],
) -> Vec<QuoteSuggestion> {
    if turns.is_empty() {
        return quotes;
    }
    let mut out = Vec::with_capacity(quotes.len());
    for q in quotes {
        let from = turns.partition_point(|t| t.label.0 < q.start);
        let to = turns.partition_point(|t| t.label.0 < q.end);
        let inside = &turns[from..to];
        let Some(first) = inside.first() else {
            out.push(q);
            continue;
        };
        let head_end = speech_end(chars, q.start, first.label.0);
        if marks::words(&chars[q.start..head_end]) >= MIN_QUOTE_WORDS {
            out.push(QuoteSuggestion {
                start: q.start,
                end: head_end,
                speaker: q.speaker.clone(),
            });
        }
        for t in inside {
            let end = speech_end(chars, t.start, t.end.min(q.end));
            if t.start < end {
                out.push(QuoteSuggestion {
                    start: t.start,
                    end,
                    speaker: Some(Speaker {
                        start: t.label.0,
                        end: t.label.1,
                        name: t.name.clone(),
                    }),
                });
            }
        }
    }
    out
}

/// `end` moved back over spaces and the quotation marks that open or close a paragraph of a
/// transcript in quotation marks (not before `start`).
fn speech_end(chars: &[char], start: usize, mut end: usize) -> usize {
    while end > start
        && (chars[end - 1].is_whitespace()
            || matches!(chars[end - 1], '"' | '“' | '”' | '„' | '«' | '»'))
    {
        end -= 1;
    }
    end
}

/// Whether a preposition stands right before the quote starting at `start` ("on “Meet the
/// Press”", "in “The Walking Dead”"), or a word after which a title-case quote names a work
/// or a programme, not words said: the kind of work ("his book “The Long Road,”", "the
/// weekly show “Late Hour,”", `WORK_NOUNS`) or "told" ("she told “Morning Town Hour”": the
/// programme is who is told).
fn after_preposition(chars: &[char], start: usize) -> bool {
    let from = start.saturating_sub(20);
    let ws = words::words_in(chars, from, start.saturating_sub(1));
    ws.last().is_some_and(|w| {
        matches!(
            w.lower.as_str(),
            "on" | "in"
                | "at"
                | "for"
                | "from"
                | "of"
                | "to"
                | "with"
                | "titled"
                | "entitled"
                | "told"
        ) || lexicon::possessive(&w.lower)
            || listed(lexicon::WORK_NOUNS, &w.lower)
    })
}

/// Whether the quote starting at `start` comes right after "called", "named", "dubbed" or
/// "nicknamed" following a noun ("a psychology class called “Perception”", "a group called “Our
/// Revolution”"): the participle names the thing; nobody is said to say it. Not after a
/// subject or an auxiliary ("Trump called “…”", "she was called “…”"), nor with an object
/// between ("Trump called Clinton “…”": the quote is not right after the verb).
fn names_a_thing(chars: &[char], start: usize) -> bool {
    let from = start.saturating_sub(40);
    let ws = words::words_in(chars, from, start.saturating_sub(1));
    let [.., noun, verb] = ws.as_slice() else {
        return false;
    };
    matches!(
        verb.lower.as_str(),
        "called" | "named" | "dubbed" | "nicknamed"
    ) && !verb.gap.stop
        && noun.text.chars().all(char::is_lowercase)
        && !listed(lexicon::PRONOUNS, &noun.lower)
        && !matches!(
            noun.lower.as_str(),
            "is" | "are"
                | "was"
                | "were"
                | "be"
                | "been"
                | "being"
                | "has"
                | "have"
                | "had"
                | "and"
                | "who"
                | "which"
                | "that"
        )
}

/// Whether the noun before "called" (or "named"…) right before the quote at `start` has an
/// article right before it: "a show called “Brokers”", "the technique
/// called “mental chronometry”" name a thing; "what multiple lawmakers called “fraud”" is
/// their word for it.
fn thing_named(chars: &[char], start: usize) -> bool {
    let from = start.saturating_sub(60);
    let ws = words::words_in(chars, from, start.saturating_sub(1));
    let [.., article, _, _] = ws.as_slice() else {
        return false;
    };
    matches!(article.lower.as_str(), "a" | "an" | "the")
}

/// Whether the quote `start..end` is a sentence of its own (capitalised, ending with a full
/// stop, a question or an exclamation mark) that follows a full stop in the paragraph
/// `paragraph` of the last quote suggested, which has a speaker: "“It is taxing,” Lima said.
/// “Big time.”" goes on with her speech.
fn goes_on(
    chars: &[char],
    last_quote: &Option<(usize, Option<Speaker>)>,
    paragraph: usize,
    (start, end): (usize, usize),
) -> bool {
    if !matches!(last_quote, Some((p, Some(_))) if *p == paragraph) {
        return false;
    }
    let sentence = chars.get(start).is_some_and(|c| c.is_uppercase())
        && chars
            .get(end.wrapping_sub(1))
            .is_some_and(|c| matches!(c, '.' | '!' | '?'));
    // The character before the opening mark, over a few spaces.
    let before = (2..6)
        .map_while(|k| start.checked_sub(k).and_then(|i| chars.get(i)))
        .find(|c| !matches!(c, ' ' | '\u{a0}'));
    sentence && matches!(before, Some('.' | '!' | '?'))
}

/// The most characters (marks, spaces, punctuation) between a subheading's quote and the
/// end of its paragraph ("‘We’re alive’ –.").
const MAX_SUBHEADING_TAIL: usize = 8;

/// Whether the paragraph ends within a few characters after the quote ending at `end`, with
/// no letter or digit before (read over a bounded stretch, not to the paragraph's end).
fn ends_paragraph(chars: &[char], end: usize) -> bool {
    let tail = chars.get(end..).unwrap_or(&[]);
    for c in tail.iter().take(MAX_SUBHEADING_TAIL + 1) {
        if *c == '\n' {
            return true;
        }
        if c.is_alphanumeric() {
            return false;
        }
    }
    tail.len() <= MAX_SUBHEADING_TAIL
}

/// Whether a quote's text is an address and nothing else: no space in it, and a URL's scheme
/// ("https://"), "www.", an e-mail's "@" before a dot, or a path's opening "/".
fn is_address(text: &[char]) -> bool {
    let text = text
        .strip_suffix(&['.'])
        .or_else(|| text.strip_suffix(&[',']))
        .unwrap_or(text);
    if text.len() < 4 || text.iter().any(|c| c.is_whitespace()) {
        return false;
    }
    let scheme = text.windows(3).any(|w| w == [':', '/', '/']);
    let www = text.len() > 4
        && text[..4]
            .iter()
            .map(|c| c.to_ascii_lowercase())
            .eq("www.".chars());
    let mail = text
        .iter()
        .position(|&c| c == '@')
        .is_some_and(|at| at > 0 && text[at + 1..].contains(&'.'));
    let path = text[0] == '/' && text[1..].iter().any(|&c| c == '/' || c == '.');
    scheme || www || mail || path
}

/// The most characters of the word after a quote that `carried` reads.
const MAX_CARRIER_CHARS: usize = 12;

/// Whether the word right after the quote ending at `end` (past its closing mark and a space,
/// with no punctuation at the quote's end or between) is a thing that carries words
/// (`CARRIERS`: hat, sign, T-shirt, banner…).
fn carried(chars: &[char], end: usize) -> bool {
    // "“We lost.” T-shirts appeared": a sentence ends with the quote.
    let last = end.checked_sub(1).and_then(|k| chars.get(k));
    if last.is_some_and(|c| matches!(c, '.' | '?' | '!' | ',' | ';' | ':')) {
        return false;
    }
    let mut k = end;
    // The closing mark (or a doubled '').
    while k < end + 2
        && chars
            .get(k)
            .is_some_and(|c| matches!(c, '”' | '"' | '’' | '\'' | '»'))
    {
        k += 1;
    }
    if k == end || chars.get(k) != Some(&' ') {
        return false;
    }
    k += 1;
    let word: String = chars
        .iter()
        .skip(k)
        .take(MAX_CARRIER_CHARS + 1)
        .take_while(|c| c.is_alphabetic() || **c == '-')
        .flat_map(|c| c.to_lowercase())
        .collect();
    let next = chars.get(k + word.chars().count());
    word.chars().count() <= MAX_CARRIER_CHARS
        && next.is_none_or(|c| !c.is_alphanumeric())
        && listed(lexicon::CARRIERS, &word)
}

/// Whether the quote starting at `start` opens with a single mark (‘ or a straight ', not
/// the doubled '' some papers write for “).
fn single_mark(chars: &[char], start: usize) -> bool {
    let Some(open) = start.checked_sub(1) else {
        return false;
    };
    match chars.get(open) {
        Some('‘') => true,
        Some('\'') => open.checked_sub(1).and_then(|k| chars.get(k)) != Some(&'\''),
        _ => false,
    }
}

/// How far around a title-case quote the paragraph is read to tell a headline.
const TITLE_CONTEXT: usize = 300;

/// The most words a title has.
const MAX_TITLE_WORDS: usize = 8;

/// Whether the quote `chars[start..end]` is a title ("Meet the Press", "The Walking Dead"):
/// a few words, each capitalised but the small ones, in a paragraph that is not itself in
/// title case (a headline, where every quote would look like a title).
fn is_title(chars: &[char], (start, end): (usize, usize), paragraph: (usize, usize)) -> bool {
    let ws = words::words_in(chars, start, end);
    let capitalised = |w: &words::Word| w.capitalised() || !w.text.chars().any(char::is_alphabetic);
    // "“Okay,” I said": a word said, not a title; but "on CNN’s “New Day,” Lima said" names
    // a show.
    let said = !after_preposition(chars, start)
        && chars
            .get(end.wrapping_sub(1))
            .is_some_and(|c| matches!(c, ',' | '!' | '?'));
    // A title and its subtitle after a colon ("Backfire: The Long Battle for the Soul of the
    // Company") are each as long as a title.
    let parts = 1 + ws.iter().skip(1).filter(|w| w.gap.colon).count();
    let title_case = !said
        && !ws.is_empty()
        && parts <= 2
        && ws.len() <= MAX_TITLE_WORDS * parts
        && ws.first().is_some_and(capitalised)
        && ws
            .iter()
            .all(|w| capitalised(w) || listed(TITLE_SMALL_WORDS, w.lower.as_str()));
    if !title_case {
        return false;
    }
    // The paragraph's words near the quote.
    let para_start = paragraph.0.max(start.saturating_sub(TITLE_CONTEXT));
    let para_end = paragraph.1.min(end + TITLE_CONTEXT);
    let around: Vec<words::Word> = words::words_in(chars, para_start, start)
        .into_iter()
        .chain(words::words_in(chars, end, para_end))
        .filter(|w| !listed(TITLE_SMALL_WORDS, w.lower.as_str()))
        .collect();
    let headline = !around.is_empty()
        && around.iter().filter(|w| w.capitalised()).count() * 10 >= around.len() * 7;
    !headline
}

/// The most words between two quotes of a sentence that are suggested as one.
const MAX_JOINING_WORDS: usize = 6;

/// Joins quotes that one attribution covers: partial quotes of the same sentence with a few
/// words and no reporting verb between them ("she would “support the nominee” but “isn’t
/// planning to endorse anyone,”"), and quotes with only punctuation between them (“…” “…”),
/// which always continue one another. Quotes around an attribution ("“…,” he said, “…”")
/// stay apart.
fn merge_partial_quotes(chars: &[char], quotes: Vec<QuoteSuggestion>) -> Vec<QuoteSuggestion> {
    let mut out: Vec<QuoteSuggestion> = Vec::with_capacity(quotes.len());
    for q in quotes {
        if let Some(last) = out.last_mut() {
            if joins(chars, last.end, q.start) {
                last.end = q.end;
                if last.speaker.is_none() {
                    last.speaker = q.speaker;
                }
                continue;
            }
        }
        out.push(q);
    }
    out
}

/// Whether the text between a quote ending at `end` and one starting at `start` joins them.
fn joins(chars: &[char], end: usize, start: usize) -> bool {
    let Some(between) = chars.get(end..start) else {
        return false;
    };
    if between.contains(&'\n') {
        return false;
    }
    let ws = words::words_in(chars, end, start);
    if ws.is_empty() {
        return true;
    }
    let sentence_ended = chars
        .get(end.wrapping_sub(1))
        .is_some_and(|c| matches!(c, '.' | '?' | '!'));
    let trailing = words::trailing_gap(chars, &ws, end, start);
    // (The first word's gap holds what follows the closing mark: "«…». La …" ends the
    // sentence after the mark.)
    let stop_between = trailing.stop
        || trailing.colon
        || ws[0].gap.stop
        || ws.iter().skip(1).any(|w| w.gap.stop || w.gap.colon);
    ws.len() <= MAX_JOINING_WORDS
        && !sentence_ended
        && !stop_between
        && (0..ws.len()).all(|k| !words::is_verb_at(&ws, k))
}

/// Who the end of the quote's sentence says said it, when its clause runs on after the quote
/// ("“…” about the vote, said Ana Lima"): a weaker attribution, tried last.
fn attributed_after_clause(cx: &Context, end: usize) -> Option<Mention> {
    let close = (end + 1).min(cx.chars.len());
    let ended = cx.chars.get(end.wrapping_sub(1)) == Some(&'.');
    if ended {
        return None;
    }
    attribution_after_clause(&cx.after(close))
}

/// Who the quote's sentence, or a paragraph ending with a colon before it, says said it.
fn attributed(
    cx: &Context,
    reader: &mut ParagraphReader,
    start: usize,
    end: usize,
) -> Option<Mention> {
    let chars = cx.chars;
    let open = start.saturating_sub(1);
    let close = (end + 1).min(chars.len());
    let ended = chars.get(end.wrapping_sub(1)) == Some(&'.');
    if let Some(m) = signed(cx, open, close) {
        return Some(m);
    }
    // The mark that introduces the quote, if any: "Lima said: “…”", "…, said Lima, “…”".
    let mark_before = chars[..open].iter().rev().find(|c| !c.is_whitespace());
    let colon_before = mark_before == Some(&':');
    // "Kasich resisted: “… power.”": a label, or a reporting verb, that introduces a quote
    // ending its sentence with a colon names its speaker, whatever the next sentence says
    // ("… Her critics said").
    let (para_start, para_end) = cx.paragraph(open);
    let stops = chars
        .get(end.wrapping_sub(1))
        .is_some_and(|c| matches!(c, '.' | '?' | '!'));
    if colon_before && stops {
        let introduced = label(cx, reader, (para_start, para_end), open)
            .or_else(|| attribution_before(&cx.before(open), false));
        if introduced.is_some() {
            return introduced;
        }
    }
    // "“…” He added, “…”": a new sentence that introduces the next quote is not this one's.
    let next_ones = ended && cx.introduces_next(close);
    if let Some(m) =
        attribution_after(&cx.after(close), ended, punctuated(chars, end)).filter(|_| !next_ones)
    {
        return Some(m);
    }
    let before = cx.before(open);
    // "Then came the answer, said Ellis: “…”": inverted after a comma.
    let introduced = matches!(mark_before, Some(',' | ':'));
    if let Some(m) = introduced
        .then(|| attribution::inverted_before_quote(&before))
        .flatten()
    {
        return Some(m);
    }
    // "POLL WATCH - Ana Lima: “…”": the label goes before the clause's subject.
    if colon_before {
        if let Some(m) = label(cx, reader, (para_start, para_end), open) {
            return Some(m);
        }
    }
    if let Some(m) = attribution_before(&before, colon_before) {
        return Some(m);
    }
    // A quote that opens its paragraph after one ending with a colon ("He said:").
    if cx.letters_before(open) || para_start < 2 {
        return label(cx, reader, (para_start, para_end), open);
    }
    let prev_end = chars[..para_start - 1]
        .iter()
        .rposition(|c| !c.is_whitespace())
        .map(|p| p + 1)?;
    if chars.get(prev_end - 1) != Some(&':') {
        return None;
    }
    let ws = cx.before(prev_end);
    attribution_before(&ws, false).or_else(|| clause_subject(&ws, 0, ws.len()))
}

/// Whether the quote ending at `end` (its closing mark there) ends with punctuation, inside
/// its marks or right after them ("“…,” said Lima", "“…”, said Lima", "“…?” asked Lima"):
/// the words after it may then be a speaker's inverted attribution. "“honest” describes Harris
/// better" is a sentence whose subject is the quote.
fn punctuated(chars: &[char], end: usize) -> bool {
    let mark = |c: Option<&char>| {
        matches!(
            c,
            Some(',' | '.' | '?' | '!' | '…' | ';' | ':' | '-' | '–' | '—')
        )
    };
    mark(chars.get(end.wrapping_sub(1)))
        || mark(
            chars
                .get(end + 1..)
                .and_then(|rest| rest.iter().find(|c| !c.is_whitespace())),
        )
}

/// The most words of a signature line ("— Bernie Sanders, in a debate").
const MAX_SIGNATURE_WORDS: usize = 8;

/// A quote that opens its paragraph, signed with a dash and the speaker's name at the end of
/// the paragraph or as the next one (pull quotes, epigraphs, fact checks): "“…” — Hillary
/// Clinton", "“…”\n- Sanders, in a debate." (Not a reporter's credit after a sentence.)
fn signed(cx: &Context, open: usize, close: usize) -> Option<Mention> {
    let chars = cx.chars;
    if cx.letters_before(open) {
        return None;
    }
    let mut i = close;
    let mut newlines = 0;
    while let Some(c) = chars.get(i) {
        if *c == '\n' {
            newlines += 1;
        } else if !c.is_whitespace() && !matches!(c, '.' | ',') {
            break;
        }
        i += 1;
    }
    if newlines > 2 || !matches!(chars.get(i), Some('-' | '–' | '—' | '―')) {
        return None;
    }
    let (_, end) = cx.paragraph(i);
    let ws = words::words_in(chars, i + 1, end);
    if ws.is_empty() || ws.len() > MAX_SIGNATURE_WORDS {
        return None;
    }
    let (name, after) = words::name_starting_at(&ws, 0)?;
    // The name, then nothing or a comma and a few words ("Sanders, in a debate").
    (after == ws.len() || ws[after].gap.comma).then_some(Mention::Name(name))
}

/// The most words a speaker's label has ("Mark Blumenthal and Jon Cohen:").
const MAX_LABEL_WORDS: usize = 8;

/// A paragraph labelled with its speaker's name and a colon, as headlines, transcripts and
/// round-ups write ("Graham: Trump’s ‘Hateful Rhetoric’ Hurts GOP", "LIMA: Well, it is
/// ‘over,’ I think", "NEW POLL - Ana Lima and Tom Reed: “…”"): the name, when the quote comes
/// after the colon, the label opens the paragraph or follows a dash, and the article names
/// the speaker again elsewhere (so "Update:" or "Note:" are no speakers).
fn label(
    cx: &Context,
    reader: &mut ParagraphReader,
    (para_start, para_end): (usize, usize),
    open: usize,
) -> Option<Mention> {
    let chars = cx.chars;
    let before = chars.get(para_start..open)?;
    reader.enter(para_start);
    // The colon right before the quote ("… over. Bush: “…”"), else the paragraph's first.
    let last = before.iter().rposition(|c| !c.is_whitespace())?;
    let (colon, from_stop) = if before[last] == ':' {
        (para_start + last, true)
    } else {
        (
            reader.first_colon(chars, para_end).filter(|&c| c < open)?,
            false,
        )
    };
    // The words from the paragraph's start to the colon, and the label's first: the one after
    // the last dash (or full stop, for the colon right before the quote), else the first.
    let n = reader.read_to(chars, colon);
    let from = reader.label_start(n, from_stop).unwrap_or(0);
    let ws = &reader.words[..n];
    let part = ws.get(from..)?;
    // A party-and-state or a title in parentheses after the name: "Rep. Ana Lima (R-Ky.):".
    let part = match reader.first_paren(from, n) {
        Some(p) if p > from && reader.joined_after(p, n) => &ws[from..p],
        _ => part,
    };
    if part.is_empty() || part.len() > MAX_LABEL_WORDS {
        return None;
    }
    let name = match words::name_starting_at(part, 0) {
        Some((name, end)) => {
            let both = end + 1 < part.len()
                && part[end].lower == "and"
                && words::name_starting_at(part, end + 1).is_some_and(|(_, e)| e == part.len());
            (end == part.len() || both).then_some(name)
        }
        None => None,
    };
    // "Former secretary of state Ana Lima:": a description, then the name.
    let name = name.or_else(|| {
        let n = words::name_ending_at(part, part.len() - 1)?;
        let k = part.partition_point(|w| w.start < n.start);
        let described = part[..k]
            .iter()
            .enumerate()
            .all(|(j, w)| !w.gap.breaks() || j == 0)
            && !(0..k)
                .any(|j| words::is_verb_at(part, j) || listed(lexicon::FINITE, &part[j].lower));
        // (Some word of it in lower case: not a headline's "CNN Chief On Trump:".)
        let prose = part[..k].iter().any(|w| !w.capitalised());
        (k > 0 && described && prose).then_some(n)
    })?;
    // The name's last word (its run of letters and digits) more often in the text than in the
    // paragraph: counted once per text, so many labels stay linear.
    if lexicon::is_headline_label(&name.name) {
        return None;
    }
    let last = name.name.rsplit(' ').next()?;
    let last = last.split(|c: char| !c.is_alphanumeric()).next_back()?;
    // A full name after a dash ("Pollsters agree - Ana Lima: “…”", a round-up quoting its
    // sources) needs no second mention.
    let dashed = ws.get(from).is_some_and(|w| from > 0 && w.gap.dash) && name.name.contains(' ');
    let here = reader.runs_of(chars, para_end, last);
    (dashed || cx.runs_of(last) > here).then_some(Mention::Name(name))
}

/// What [`label`] reads of the paragraph of the quotes being read, kept from one quote to the
/// next of the same paragraph: its first colon, its words from its start up to the furthest
/// colon asked about (read once, in order: the words of a paragraph up to a colon are those of
/// the longer reading that start before it, since no word holds a colon), the words after a
/// dash, a stop or a parenthesis among them, and how often each run of letters and digits
/// occurs in it. A paragraph may be a whole text with thousands of quotes (a text whose line
/// breaks were lost): each quote then costs a few binary searches, not a reading of its
/// paragraph.
#[derive(Default)]
struct ParagraphReader {
    /// Where the paragraph starts.
    start: usize,
    /// Its first colon, once looked for.
    first_colon: Option<Option<usize>>,
    /// The words of `chars[start..read_to]` (`read_to` a colon, or `start`).
    words: Vec<words::Word>,
    read_to: usize,
    /// The indices of the words after a dash; after a dash or a full stop; after an opening
    /// parenthesis; after any punctuation that ends a name.
    dashes: Vec<usize>,
    dashes_or_stops: Vec<usize>,
    parens: Vec<usize>,
    breaks: Vec<usize>,
    /// How often each run of letters and digits occurs in the paragraph, once counted.
    runs: Option<HashMap<String, usize>>,
}

impl ParagraphReader {
    /// Starts reading the paragraph starting at `start`, unless it is being read.
    fn enter(&mut self, start: usize) {
        if self.start != start {
            *self = ParagraphReader {
                start,
                read_to: start,
                ..ParagraphReader::default()
            };
        }
    }

    fn first_colon(&mut self, chars: &[char], end: usize) -> Option<usize> {
        let start = self.start;
        *self.first_colon.get_or_insert_with(|| {
            let p = chars.get(start..end)?.iter().position(|c| *c == ':')?;
            Some(start + p)
        })
    }

    /// Reads the words up to `colon` (a colon of the paragraph), if not read yet; returns how
    /// many of the words read start before it.
    fn read_to(&mut self, chars: &[char], colon: usize) -> usize {
        if colon > self.read_to {
            for (j, mut w) in words::words_in(chars, self.read_to, colon)
                .into_iter()
                .enumerate()
            {
                if j == 0 {
                    // The punctuation since the last word read, not since `read_to`.
                    w.gap = words::trailing_gap(chars, &self.words, self.start, w.start);
                }
                let k = self.words.len();
                if w.gap.dash {
                    self.dashes.push(k);
                }
                if w.gap.dash || w.gap.stop {
                    self.dashes_or_stops.push(k);
                }
                if w.gap.open_paren {
                    self.parens.push(k);
                }
                if w.gap.breaks() {
                    self.breaks.push(k);
                }
                self.words.push(w);
            }
            self.read_to = colon;
        }
        self.words.partition_point(|w| w.start < colon)
    }

    /// The last of the first `n` words after a dash (or, `stops`, a full stop).
    fn label_start(&self, n: usize, stops: bool) -> Option<usize> {
        let list = if stops {
            &self.dashes_or_stops
        } else {
            &self.dashes
        };
        list.get(list.partition_point(|&k| k < n).checked_sub(1)?)
            .copied()
    }

    /// The first word from `from` to `n` after an opening parenthesis.
    fn first_paren(&self, from: usize, n: usize) -> Option<usize> {
        let k = *self
            .parens
            .get(self.parens.partition_point(|&k| k < from))?;
        (k < n).then_some(k)
    }

    /// Whether no punctuation that ends a name comes before any of the words after `p` up to
    /// `n`.
    fn joined_after(&self, p: usize, n: usize) -> bool {
        self.breaks
            .get(self.breaks.partition_point(|&k| k <= p))
            .is_none_or(|&k| k >= n)
    }

    /// How often `run` occurs as a run of letters and digits in the paragraph, which ends at
    /// `end`.
    fn runs_of(&mut self, chars: &[char], end: usize, run: &str) -> usize {
        let start = self.start;
        let counts = self.runs.get_or_insert_with(|| {
            let mut counts: HashMap<String, usize> = HashMap::new();
            for r in runs(chars.get(start..end).unwrap_or(&[])) {
                *counts.entry(r.iter().collect()).or_default() += 1;
            }
            counts
        });
        counts.get(run).copied().unwrap_or(0)
    }
}

/// The runs of letters and digits of `chars`.
fn runs(chars: &[char]) -> impl Iterator<Item = &[char]> {
    chars
        .split(|c| !c.is_alphanumeric())
        .filter(|r| !r.is_empty())
}

/// The most words before a quote in a headline, and the longest headline (in code points: a
/// text of one long paragraph has none, and each quote reads a bounded headline).
const MAX_HEADLINE_WORDS: usize = 16;
const MAX_HEADLINE_CHARS: usize = 300;

/// Who a quote in the text's first paragraph, its headline, is by when nothing else says: the
/// name that opens the headline, or the part of it after a label ("Trump Addresses Munich
/// Attack: ‘…’", "Gillibrand on Clinton’s Speeches: ‘…’", "The Latest: Trump delivers a
/// defense of ‘…’", "Milbank: Republicans ‘…’ To Trump"), headlines being written with their
/// subject first. A headline in title case capitalises its verbs too ("Trump Makes Campaign
/// Announcement"), so the name ends before the first word the article uses only there.
fn headline_speaker(cx: &Context, open: usize) -> Option<Mention> {
    let chars = cx.chars;
    let (_, headline_end) = cx.paragraph(open);
    if headline_end > MAX_HEADLINE_CHARS {
        return None;
    }
    let ws = words::words_in(chars, 0, open);
    if ws.len() > MAX_HEADLINE_WORDS || ws.iter().skip(1).any(|w| w.gap.stop) {
        return None;
    }
    let headline = chars.get(..headline_end)?;
    let elsewhere = |w: &words::Word| {
        let text = w.text.as_str();
        let bare = lexicon::strip_clitic(text, "s").unwrap_or(text);
        // Its last run of letters ("O’Rourke" → "Rourke", "Ocasio-Cortez" → "Cortez").
        let bare = bare
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or(bare);
        let here = runs(headline)
            .filter(|r| r.iter().copied().eq(bare.chars()))
            .count();
        cx.runs_of(bare) > here
    };
    // The parts of the headline before the quote, split at colons and dashes.
    let starts: Vec<usize> = (0..ws.len())
        .filter(|&k| k == 0 || ws[k].gap.colon || ws[k].gap.dash)
        .collect();
    starts.iter().find_map(|&a| {
        let b = (a..ws.len())
            .take_while(|&k| {
                (k == a || !ws[k].gap.breaks()) && words::name_word(&ws[k]) && elsewhere(&ws[k])
            })
            .last()?;
        words::name_ending_at(&ws[a..=b], b - a)
            .filter(|n| !lexicon::is_headline_label(&n.name))
            .map(Mention::Name)
    })
}

/// Who the paragraph before the one starting at `paragraph` reports, when it holds no quote
/// and its last sentence reports speech with a reporting verb ("Carter said that …").
fn reported_before(cx: &Context, paragraph: usize) -> Option<Mention> {
    let ws = cx.previous_paragraph_sentence(paragraph);
    attribution_before(&ws, false)
}

/// The subject of the sentence before the quote's, in its paragraph, if it is a person: a
/// name or "he", "she".
fn previous_subject(cx: &Context, start: usize) -> Option<Mention> {
    let ws = cx.previous_sentence(start.saturating_sub(1));
    let m = attribution_before(&ws, false).or_else(|| clause_subject(&ws, 0, ws.len()));
    match m? {
        m @ (Mention::Name(_) | Mention::Both(..)) => Some(m),
        m @ Mention::Pronoun { .. } if matches!(&m, Mention::Pronoun { lower, .. } if lower == "he" || lower == "she") => {
            Some(m)
        }
        _ => None,
    }
}

/// Whether the word right before `start` (across spaces) is an indefinite determiner ("some
/// Republicans", "many Democrats"): the phrase speaks of people not named before.
fn indefinite_before(chars: &[char], start: usize) -> bool {
    listed(
        INDEFINITES,
        &word_before(chars, start, false).to_lowercase(),
    )
}

/// The word right before `start`, across spaces (and, with `period`, one period: "Mrs."), as
/// written; empty if none.
fn word_before(chars: &[char], start: usize, period: bool) -> String {
    let mut end = start.min(chars.len());
    while end > 0 && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    if period && end > 0 && chars[end - 1] == '.' {
        end -= 1;
    }
    let mut begin = end;
    while begin > 0 && chars[begin - 1].is_alphabetic() {
        begin -= 1;
    }
    // A whole word: not the end of one broken by a sign ("PeÃ±a").
    let whole =
        begin == 0 || chars[begin - 1].is_whitespace() || "(\"“‘'[—–-".contains(chars[begin - 1]);
    if whole {
        chars[begin..end].iter().collect()
    } else {
        String::new()
    }
}

/// The speaker a mention stands for: its place, and the fullest name it refers to.
fn resolve(cx: &Context, book: &mut NameBook, m: Mention) -> Speaker {
    let chars = cx.chars;
    match m {
        Mention::Name(n) => {
            book.note(&n, true);
            // "Mrs. Clinton": not "Bill Clinton" ("Mrs." is no part of the name's run).
            let title = word_before(chars, n.start, true).to_lowercase();
            let woman = names::sex_by_titles(&n.titles, Some(&title));
            // "some Republicans", "one Democrat": not the "Georgia Republicans" named before;
            // the determiner shown with the name.
            let before = word_before(chars, n.start, false);
            let name = if listed(INDEFINITES, &before.to_lowercase()) {
                format!("{before} {}", n.name)
            } else {
                book.fullest_of(&n.name, woman, names::knighted(&n.titles, Some(&title)))
            };
            Speaker {
                start: n.start,
                end: n.end,
                name,
            }
        }
        Mention::Both(first, second) => {
            book.note(&first, true);
            book.note(&second, true);
            Speaker {
                start: first.start,
                end: second.end,
                name: format!(
                    "{} and {}",
                    book.fullest(&first.name),
                    book.fullest(&second.name)
                ),
            }
        }
        Mention::Pronoun {
            start,
            end,
            lower,
            antecedent,
        } => {
            let written = || chars[start..end].iter().collect::<String>();
            let name = match (antecedent, lower.as_str()) {
                (Some(name), _) => book.fullest(&name),
                (None, "he" | "she") => book
                    .person_meant(chars, start, lower == "she", &|p| cx.inside_quote(p))
                    .map_or_else(written, str::to_owned),
                _ => written(),
            };
            Speaker { start, end, name }
        }
        Mention::Description {
            start,
            end,
            text,
            head,
        } => {
            // "a senator", "several aides": someone not named before.
            let first = text.split_whitespace().next().unwrap_or("").to_lowercase();
            let indefinite = listed(INDEFINITES, &first) || indefinite_before(chars, start);
            let known = || book.by_title(&head).or_else(|| book.institution(&head));
            Speaker {
                start,
                end,
                name: (!indefinite).then(known).flatten().unwrap_or(text),
            }
        }
    }
}

#[cfg(test)]
mod tests;
