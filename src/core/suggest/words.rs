//! Words of the text, with the punctuation between them, and the names they make.

use super::lexicon::{
    is_reporting_verb, listed, possessive, strip_clitic, ABBREVIATED_TITLES, ABBREVIATIONS,
    INSTITUTIONS, NAME_JOINERS, NOT_NAMES, PRONOUNS, TITLES, TOUGH_ADJECTIVES,
};
use super::names::first_name_sex;

/// The punctuation between a word and the one before it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Gap {
    pub comma: bool,
    /// A full stop, question or exclamation mark (not an abbreviation's period, which belongs
    /// to its word).
    pub stop: bool,
    /// A colon or semicolon.
    pub colon: bool,
    /// A dash, or a hyphen between spaces.
    pub dash: bool,
    pub open_paren: bool,
    pub close_paren: bool,
    /// A double quotation mark or guillemet, or an opening single mark.
    pub mark: bool,
    pub newline: bool,
    /// An apostrophe right after the word before: its plural possessive ("Reuters’ Luciana
    /// Lopez", "Fox News' Chris Wallace"), or a closing single mark.
    pub apostrophe: bool,
}

impl Gap {
    fn of(chars: &[char]) -> Gap {
        let mut g = Gap {
            apostrophe: matches!(chars.first(), Some('\'' | '’')),
            ..Gap::default()
        };
        for (k, c) in chars.iter().enumerate() {
            match c {
                ',' => g.comma = true,
                '.' | '!' | '?' | '…' => g.stop = true,
                ':' | ';' => g.colon = true,
                '—' | '–' => g.dash = true,
                '-' if k > 0 && k + 1 < chars.len() => g.dash = true,
                '(' | '[' => g.open_paren = true,
                ')' | ']' => g.close_paren = true,
                '“' | '”' | '„' | '‟' | '"' | '«' | '»' | '‹' | '›' | '‘' => {
                    g.mark = true
                }
                '\n' => g.newline = true,
                _ => {}
            }
        }
        g
    }

    /// Whether the gap ends a noun phrase or a name (only spaces, apostrophes and the like
    /// do not).
    pub fn breaks(&self) -> bool {
        self.comma
            || self.stop
            || self.colon
            || self.dash
            || self.open_paren
            || self.close_paren
            || self.mark
            || self.newline
    }
}

/// A word of the text: its span, its characters, and the punctuation before it.
#[derive(Debug, Clone)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub lower: String,
    /// Between the previous word (or the start of the range read) and this one.
    pub gap: Gap,
}

impl Word {
    pub fn capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// The lower-case word without an abbreviation's final period.
    pub fn bare(&self) -> &str {
        self.lower.trim_end_matches('.')
    }

    pub fn is_title(&self) -> bool {
        listed(TITLES, self.bare())
    }

    /// For a pronoun with a contraction ("I’m", "he's", "they’re"), what follows the
    /// apostrophe ("m", "s", "re").
    pub fn pronoun_contraction(&self) -> Option<&str> {
        self.lower
            .split_once(['\'', '’'])
            .filter(|(head, _)| listed(PRONOUNS, head))
            .map(|(_, tail)| tail)
    }
}

/// Whether `c` is a letter or a digit (`char::is_alphanumeric`), answered at once for ASCII
/// and for the General Punctuation block (curly quotation marks, dashes, spaces), which holds
/// none: the windows read around each quote are mostly such characters, and the standard
/// library looks every other character up in its tables.
#[inline]
pub fn alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{2000}'..='\u{206F}').contains(&c) {
        false
    } else {
        c.is_alphanumeric()
    }
}

/// The words (letters, digits, inner apostrophes, hyphens and periods) of `chars[from..to]`.
pub fn words_in(chars: &[char], from: usize, to: usize) -> Vec<Word> {
    let to = to.min(chars.len());
    let mut out: Vec<Word> = Vec::new();
    let mut i = from;
    let mut gap_from = from;
    while i < to {
        if !alphanumeric(chars[i]) {
            i += 1;
            continue;
        }
        let s = i;
        while i < to
            && (alphanumeric(chars[i])
                || (matches!(chars[i], '\'' | '’' | '-' | '.')
                    && chars.get(i + 1).is_some_and(|&c| alphanumeric(c))))
        {
            i += 1;
        }
        // An initial keeps its period ("Rex W. Tillerson"), and so does an abbreviated title
        // ("Rep. Elijah Cummings", "Mr. Obama") or state ("R-Ky."): the name runs on after it.
        // (The lists are looked up only for a word with a period after it.)
        if i < to && chars.get(i) == Some(&'.') {
            let initial = i - s == 1 && chars[s].is_uppercase();
            let title = || {
                let lower = chars[s..i].iter().collect::<String>().to_lowercase();
                listed(ABBREVIATED_TITLES, lower.as_str())
                    || listed(ABBREVIATIONS, lower.as_str())
                    || party_tag(&lower)
            };
            // "No. 2", "No. 10 Downing Street": the numero sign's period.
            let numero = chars[s..i] == ['N', 'o']
                && chars.get(i + 1) == Some(&' ')
                && chars.get(i + 2).is_some_and(|c| c.is_ascii_digit());
            // "at U.K. think-tank Chatham House": a dotted abbreviation before a word in lower
            // case ends no sentence.
            let dotted = chars[s..i].contains(&'.')
                && chars[i + 1..to]
                    .iter()
                    .find(|c| !c.is_whitespace())
                    .is_some_and(|c| c.is_lowercase());
            if initial || numero || dotted || title() {
                i += 1;
            }
        }
        let text: String = chars[s..i].iter().collect();
        out.push(Word {
            start: s,
            end: i,
            lower: text.to_lowercase(),
            text,
            gap: Gap::of(&chars[gap_from..s]),
        });
        gap_from = i;
    }
    out
}

/// The punctuation after the last word of `chars[from..to]` read by [`words_in`].
pub fn trailing_gap(chars: &[char], ws: &[Word], from: usize, to: usize) -> Gap {
    let s = ws.last().map_or(from, |w| w.end).min(to);
    Gap::of(chars.get(s..to.min(chars.len())).unwrap_or(&[]))
}

/// A party-and-state tag: "R-Ky.", "D-Va".
fn party_tag(lower: &str) -> bool {
    let bare = lower.trim_end_matches('.');
    bare.len() >= 3 && matches!(bare.as_bytes()[..2], [b'r' | b'd' | b'i', b'-'])
}

/// Whether word `k` of `ws` is a reporting verb. A capitalised one only at the start
/// ("Said Ellis: …") or in a headline's "Says".
pub fn is_verb_at(ws: &[Word], k: usize) -> bool {
    let Some(w) = ws.get(k) else {
        return false;
    };
    // The word before, unless punctuation parts them ("a defense of “New York values,”
    // saying …" reads, without the quote, "of, saying": "of" is no determiner of "saying").
    let prev = k
        .checked_sub(1)
        .filter(|_| !w.gap.breaks())
        .and_then(|j| ws.get(j))
        .map(|p| p.lower.as_str());
    if w.capitalised() && k > 0 && !matches!(w.lower.as_str(), "says" | "said" | "tells") {
        return false;
    }
    // "Trump’s remarks", "the senator's claims": a noun.
    if prev.is_some_and(possessive) && !w.gap.breaks() {
        return false;
    }
    // "as Lima put it", "Reed shot back": verbs that report speech with the word after them.
    let next = ws
        .get(k + 1)
        .filter(|n| !n.gap.breaks())
        .map(|n| n.lower.as_str());
    match (w.lower.as_str(), next) {
        ("put" | "puts", Some("it")) => return true,
        // "Trump went on, “…”", "she went on to say": not "the Senate goes on recess".
        ("went" | "goes" | "go", Some("on")) => {
            return ws
                .get(k + 2)
                .is_none_or(|n| n.gap.breaks() || n.lower == "to");
        }
        (
            "shot" | "shoots" | "fired" | "fires" | "hit" | "hits" | "pushed" | "pushes",
            Some("back"),
        ) => return true,
        _ => {}
    }
    // "the network is tough to maintain": the subject is the verb's object, not its speaker.
    let tough = prev == Some("to")
        && !w.gap.breaks()
        && k >= 2
        && !ws[k - 1].gap.breaks()
        && listed(TOUGH_ADJECTIVES, ws[k - 2].lower.as_str());
    !tough && is_reporting_verb(&w.lower, prev)
}

/// Whether `w` may be part of a name: capitalised, without a digit (a serial number, a code,
/// "B03200001"), not a negated verb ("Don’t say “…”") nor a pronoun's contraction ("I’m"), not
/// a sentence word, a day or a month, not a reporting verb, and not a party-and-state tag.
pub fn name_word(w: &Word) -> bool {
    let bare = w.bare();
    w.capitalised()
        && !w.text.bytes().any(|b| b.is_ascii_digit())
        && !["n’t", "n't"].iter().any(|n| w.lower.ends_with(n))
        && w.pronoun_contraction().is_none()
        && !listed(NOT_NAMES, bare)
        && !is_reporting_verb(&w.lower, None)
        && !party_tag(&w.lower)
        && !matches!(
            bare,
            "is" | "are" | "was" | "were" | "has" | "have" | "will"
        )
}

/// Whether word `i` of `ws` may be part of a name: [`name_word`], or the given name "Will",
/// which `name_word` refuses for the verb ("Will Trump win?", a headline's "Clinton Will Visit
/// Ohio"), where it stands before another word of a name inside a clause after a lower-case
/// word or a title ("said Will Doyle, a professor", "Rep. Will Hurd"), or at a sentence's
/// start with a comma after that name ("Will Estrada, the chairman, said").
pub fn name_word_in(ws: &[Word], i: usize) -> bool {
    ws.get(i).is_some_and(name_word) || given_name_will(ws, i) || middle_initial(ws, i)
}

/// Whether word `i` of `ws` is a middle initial that is also a word, "A." or "I." ("Jill A.
/// Martin", "Richard I. Lee"), which [`name_word`] refuses for the article and the pronoun:
/// after a first name (one of `first_names`' lists: not "He called it Plan A. Martin
/// disagreed.") and before another word of a name, nothing between them.
fn middle_initial(ws: &[Word], i: usize) -> bool {
    let Some(w) = ws.get(i) else {
        return false;
    };
    let mut cs = w.text.chars();
    let initial = matches!(
        (cs.next(), cs.next(), cs.next()),
        (Some(c), Some('.'), None) if c.is_uppercase()
    );
    initial
        && i > 0
        && !w.gap.breaks()
        && name_word(&ws[i - 1])
        && super::names::first_name_sex(&ws[i - 1].lower).is_some()
        && ws
            .get(i + 1)
            .is_some_and(|n| !n.gap.breaks() && name_word(n))
}

/// Whether word `i` of `ws` is the given name "Will" ([`name_word_in`]).
pub fn given_name_will(ws: &[Word], i: usize) -> bool {
    let Some(w) = ws.get(i).filter(|w| w.text == "Will") else {
        return false;
    };
    if !ws
        .get(i + 1)
        .is_some_and(|n| !n.gap.breaks() && name_word(n))
    {
        return false;
    }
    // Inside a clause, after a lower-case word or a title ("said Will Doyle", "Rep. Will
    // Hurd"); or opening a sentence with an appositive after the name ("Will Estrada, the
    // chairman, said"), which a question ("Will Reed win?") does not have.
    let inside = i > 0 && !w.gap.breaks() && (!ws[i - 1].capitalised() || ws[i - 1].is_title());
    let opening = (i == 0 || w.gap.stop || w.gap.newline)
        && ws.get(i + 2).is_some_and(|after| after.gap.comma);
    inside || opening
}

/// A name: where it stands and how it reads (without titles, and without a possessive "’s").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub start: usize,
    pub end: usize,
    pub name: String,
    /// The titles written in front of it, lower case ("sen", "florida").
    pub titles: Vec<String>,
}

/// The name whose run of capitalised words ends with word `h` (joiners allowed inside).
pub fn name_ending_at(ws: &[Word], h: usize) -> Option<Name> {
    let mut a = h;
    if !name_word(ws.get(h)?) {
        return None;
    }
    while a > 0 {
        let prev = &ws[a - 1];
        if ws[a].gap.breaks() {
            break;
        }
        let joiner = listed(NAME_JOINERS, prev.lower.as_str()) && a >= 2 && name_word(&ws[a - 2]);
        if name_word_in(ws, a - 1) || joiner {
            a -= 1;
        } else {
            break;
        }
    }
    name_of_run(ws, a, h + 1)
}

/// The name whose run of capitalised words starts at word `i`, and the index after the run.
pub fn name_starting_at(ws: &[Word], i: usize) -> Option<(Name, usize)> {
    let mut b = i;
    while let Some(w) = ws.get(b) {
        if b > i && w.gap.breaks() {
            break;
        }
        let joiner =
            b > i && listed(NAME_JOINERS, w.lower.as_str()) && ws.get(b + 1).is_some_and(name_word);
        if name_word_in(ws, b) || joiner {
            b += 1;
        } else {
            break;
        }
    }
    (b > i).then(|| name_of_run(ws, i, b).map(|n| (n, b)))?
}

/// The words' texts with a space between them, as a phrase or a name is shown.
pub fn joined(ws: &[Word]) -> String {
    ws.iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The name in the run `ws[a..b]`: the words after the last title that has a non-title after
/// it ("Former Florida Gov. Jeb Bush" → "Jeb Bush"), or none if the run is only titles.
pub(super) fn name_of_run(ws: &[Word], a: usize, b: usize) -> Option<Name> {
    let run = ws.get(a..b)?;
    // An institution ("The Foreign Ministry", "State Department") keeps the words before its
    // last one, but not "The".
    let institution = run
        .last()
        .is_some_and(|w| run.len() > 1 && listed(INSTITUTIONS, w.bare()));
    let first = match run.iter().rposition(Word::is_title) {
        _ if institution => run.iter().position(|w| w.bare() != "the")?,
        Some(t) if t + 1 < run.len() => t + 1,
        _ => run.iter().position(|w| !w.is_title())?,
    };
    // "CNN's Gloria Borger", "National Review’s Ian Tuttle": an outlet or a place in the
    // possessive before a person's name is not part of it.
    // A person's thing of one word ("David’s Sling", a missile system) stays whole: the name
    // of a thing, not a person.
    let first = if institution {
        first
    } else {
        // (Or in the plural possessive: "Reuters’ Luciana Lopez".)
        (first..run.len() - 1)
            .rev()
            .find(|&k| {
                strip_clitic(&run[k].lower, "s").is_some()
                    || (run[k + 1].gap.apostrophe && run[k].lower.ends_with('s'))
            })
            .filter(|&owner| {
                let given = strip_clitic(&run[owner].lower, "s").and_then(first_name_sex);
                !(given.is_some() && owner + 2 == run.len())
            })
            .map_or(first, |owner| owner + 1)
    };
    // "Republican Donald Trump": a party before a given name (and a name of two words or
    // more; "Republican Party", "Democratic National Convention" stay whole).
    // So a dateline's place in capitals ("PHILADELPHIA Felicia Sanders") and a plural
    // ("Celebrities Julianne Moore", "Democrats Hillary Clinton"), which are no given names.
    let not_given = |w: &Word| {
        let letters = w.text.chars().filter(|c| c.is_alphabetic()).count();
        let capitals = letters >= 4 && w.text.chars().all(|c| !c.is_lowercase());
        let rest_in_capitals = run[first + 1..]
            .iter()
            .all(|w| w.text.chars().all(|c| !c.is_lowercase()));
        matches!(w.lower.as_str(), "republican" | "democratic")
            || (capitals && !rest_in_capitals)
            || (w.lower.len() > 4 && w.lower.ends_with('s') && !w.lower.ends_with("ss"))
    };
    let first = if !institution
        && run.len() - first >= 3
        && not_given(&run[first])
        && first_name_sex(&run[first + 1].lower).is_some()
        && first_name_sex(&run[first].lower).is_none()
    {
        first + 1
    } else {
        first
    };
    let parts = &run[first..];
    // "Pakistan's Chief of Army Staff …": after an owner, titles alone name no one.
    if !institution && parts.iter().all(Word::is_title) {
        return None;
    }
    let (head, last) = (parts.first()?, parts.last()?);
    let mut name = joined(parts);
    if let Some(n) = strip_clitic(&name, "s") {
        name = n.to_owned();
    }
    Some(Name {
        start: head.start,
        end: last.end,
        name,
        titles: run[..first].iter().map(|w| w.bare().to_owned()).collect(),
    })
}
