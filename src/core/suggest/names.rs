//! The names an article has used so far: to give a speaker the fullest form of their name,
//! to resolve a pronoun to the last person named, and a bare title ("the senator") to the
//! last person who bore it. Names are compared [`folded`]: forms that differ only by case,
//! diacritics or the apostrophe's shape ("Mevlüt Çavuşoğlu", "CAVUSOGLU", "O’Rourke",
//! "O'Rourke") are one person's.

use super::lexicon::{listed, INSTITUTIONS, NOT_PERSON, TITLES};
use super::words::{name_of_run, name_starting_at, trailing_gap, words_in, Gap, Name, Word};
use std::cmp::Reverse;
use std::collections::{HashMap, HashSet, VecDeque};

fn last_word(name: &str) -> &str {
    name.rsplit(' ').next().unwrap_or(name)
}

/// `name` as it is compared: lower case, each letter without its diacritics (canonical
/// decomposition by `core::case::decomposed`, combining marks dropped: "Çavuşoğlu" → "cavusoglu"; the letters that do
/// not decompose, as Turkish dotless "ı", Polish "ł" or Danish "ø", by a small table), and
/// every apostrophe written "'".
pub fn folded(name: &str) -> String {
    if name.is_ascii() {
        return name.to_ascii_lowercase().replace('`', "'");
    }
    let lower = crate::core::case::lowercase(name);
    let mut out = String::with_capacity(lower.len());
    for c in crate::core::case::decomposed(&lower).chars() {
        match c {
            'ı' => out.push('i'),
            'ł' => out.push('l'),
            'ø' => out.push('o'),
            'đ' | 'ð' => out.push('d'),
            'ħ' => out.push('h'),
            'ß' => out.push_str("ss"),
            '’' | '‘' | 'ʼ' | '`' | '´' => out.push('\''),
            c if combining_mark(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether `c` is in a block of combining diacritical marks (what a Latin, Greek or Cyrillic
/// letter decomposes into besides its base letter).
fn combining_mark(c: char) -> bool {
    matches!(
        c,
        '\u{300}'..='\u{36F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
    )
}

/// Prepositions and articles after which a name is a place, a thing or an object, not a
/// pronoun's antecedent; and the participles that introduce a work's title ("a book entitled
/// Some Unspoken Thing"). Sorted.
pub(super) const BEFORE_OBJECTS: &[&str] = &[
    "a", "about", "across", "against", "an", "at", "by", "entitled", "for", "from", "in", "into",
    "near", "of", "on", "over", "the", "through", "titled", "to", "toward", "towards", "under",
    "with", "within",
];

/// Prepositions after which a name of one word without a title is a place ("in Israel",
/// "the state of Georgia"), not a given name ("to Tessa", "from Donna" may be either). Sorted.
pub(super) const BEFORE_PLACES: &[&str] = &[
    "across",
    "against",
    "in",
    "inside",
    "into",
    "of",
    "throughout",
    "within",
];

/// Title words a description's head noun stands for ("the senator" → "Sen. …").
const TITLE_HEADS: &[(&str, &[&str])] = &[
    ("senator", &["sen", "senator"]),
    ("governor", &["gov", "governor"]),
    ("congressman", &["rep", "representative", "congressman"]),
    ("congresswoman", &["rep", "representative", "congresswoman"]),
    ("representative", &["rep", "representative"]),
    ("president", &["president"]),
    ("president-elect", &["president-elect"]),
    ("secretary", &["secretary"]),
    ("mayor", &["mayor"]),
    ("judge", &["judge", "justice"]),
    ("chancellor", &["chancellor"]),
    ("minister", &["minister"]),
    ("speaker", &["speaker"]),
    ("general", &["gen", "general"]),
    ("spokesman", &["spokesman"]),
    ("spokeswoman", &["spokeswoman"]),
];

#[derive(Default)]
pub struct NameBook {
    /// Where the text's first paragraph ends if it is a headline in title case (most of its
    /// words capitalised, at most [`MAX_HEADLINE_CHARS`]), else 0; read on the first call of
    /// [`NameBook::read`].
    headline_end: Option<usize>,
    /// Names of two or more words: how often each was written, in which order they came, and
    /// the name [`folded`].
    counts: HashMap<String, (usize, usize, String)>,
    /// For each ending of the names of two or more words, [`folded`] (the name's last word,
    /// its last two…, not the whole name, at most [`MAX_ENDING_WORDS`] words): the fullest name
    /// with that ending, so far (the most used, the first used of those): how often it was
    /// written, its order, and the name as written. Kept up to date as names are counted, so
    /// that [`NameBook::fullest`] looks its answer up, however many names share an ending.
    by_ending: HashMap<String, (usize, Reverse<usize>, String)>,
    /// The names of more than [`MAX_ENDING_WORDS`] words (a headline in title case), by their
    /// last word [`folded`]: each name folded and as written.
    long_by_last: HashMap<String, Vec<(String, String)>>,
    /// People named with a title before them, in the order read: (titles, name).
    titled: Vec<(Vec<String>, String)>,
    /// The last person of `titled` with each title.
    last_titled: HashMap<String, usize>,
    /// The last people named who may be a pronoun's antecedent, the latest last: where, and
    /// where the name as written ends, and the name (at most [`RECENT_PEOPLE`]).
    recent: VecDeque<(usize, usize, String)>,
    /// Whether a person is a woman, by their name [`folded`], where a title says ("Mr.",
    /// "Mrs.", "Ms.", "Congresswoman").
    women: HashMap<String, bool>,
    /// People's names of two or more words, by their first word [`folded`]: each name as
    /// written, once, with its last word folded (its family's name). A given name alone
    /// ("Donna said", "Sir Keir") is looked up here.
    by_first: HashMap<String, Vec<(String, String)>>,
    /// Names of one word without a title written after a preposition of place ("in Israel",
    /// "across Georgia"), [`folded`]: places, whatever the census lists say of them as given
    /// names.
    places: HashSet<String>,
}

/// How many of the last people named a pronoun is matched against.
const RECENT_PEOPLE: usize = 8;

/// The most words of a name's ending that [`NameBook::fullest`] looks up; the fullest form of
/// a longer name is found among the names longer still.
const MAX_ENDING_WORDS: usize = 32;

/// Titles that say whether their bearer is a woman (`true`) or a man. Sorted.
pub(super) const GENDERED_TITLES: &[(&str, bool)] = &[
    ("actress", true),
    ("businessman", false),
    ("businesswoman", true),
    ("chairman", false),
    ("chairwoman", true),
    ("congressman", false),
    ("congresswoman", true),
    ("councilman", false),
    ("councilwoman", true),
    ("dame", true),
    ("king", false),
    ("lady", true),
    ("lord", false),
    ("madam", true),
    ("miss", true),
    ("mr", false),
    ("mrs", true),
    ("ms", true),
    ("prince", false),
    ("princess", true),
    ("queen", true),
    ("sir", false),
    ("spokesman", false),
    ("spokeswoman", true),
];

/// The most characters of a first paragraph read as a headline by [`title_case_headline`].
const MAX_HEADLINE_CHARS: usize = 300;

/// Where the first paragraph of `chars` ends if it is a headline in title case: at most
/// [`MAX_HEADLINE_CHARS`], and at least two thirds of its words (three or more) capitalised.
/// 0 otherwise.
fn title_case_headline(chars: &[char]) -> usize {
    let end = chars
        .iter()
        .take(MAX_HEADLINE_CHARS + 1)
        .position(|&c| c == '\n')
        .unwrap_or(chars.len());
    if end > MAX_HEADLINE_CHARS {
        return 0;
    }
    let ws = words_in(chars, 0, end);
    let capitalised = ws.iter().filter(|w| w.capitalised()).count();
    if ws.len() >= 3 && capitalised * 3 >= ws.len() * 2 {
        end
    } else {
        0
    }
}

/// A name read in a headline in title case, where the words before a person's run into their
/// name ("More Offensive Things Donald Trump Has Said"): the name from its first given name of
/// the census lists on, when that is not its first word, no word before it is one, and two
/// words or more are left ("Donald Trump"). `run` holds the words of the name's run.
fn headline_person(run: &[Word], name: Name) -> Name {
    let (Some(a), Some(b)) = (
        run.iter().position(|w| w.start == name.start),
        run.iter().rposition(|w| w.end <= name.end),
    ) else {
        return name;
    };
    let given = |w: &Word| first_name_sex(w.bare()).is_some();
    let Some(j) = (a + 1..b).find(|&j| given(&run[j])) else {
        return name;
    };
    if run[a..j].iter().any(given) {
        return name;
    }
    match name_of_run(run, j, b + 1) {
        Some(person) => Name {
            titles: name.titles,
            ..person
        },
        None => name,
    }
}

impl NameBook {
    /// Reads the names in `chars[from..to]`.
    pub fn read(&mut self, chars: &[char], from: usize, to: usize) {
        if from >= to {
            return;
        }
        let headline_end = *self
            .headline_end
            .get_or_insert_with(|| title_case_headline(chars));
        let ws = words_in(chars, from, to);
        let mut k = 0;
        while k < ws.len() {
            match name_starting_at(&ws, k) {
                Some((mut name, next)) => {
                    if name.start < headline_end {
                        name = headline_person(&ws[k..next], name);
                    }
                    // "in El Paso", "on Capitol Hill", "the Affordable Care Act", "an interview
                    // with Jake Tapper": a place, a thing or an object, not whom a later "he" or
                    // "she" means (the subject of its clause, most often).
                    let before = (k > 0 && !ws[k].gap.breaks()).then(|| ws[k - 1].bare());
                    // "a book entitled Some Unspoken Thing": a work's title, its first word
                    // no name's.
                    let work = k >= 2
                        && ws[k - 1].capitalised()
                        && !ws[k - 1].gap.breaks()
                        && matches!(ws[k - 2].lower.as_str(), "entitled" | "titled");
                    // "Secretary of State John Kerry", "Chief of Army Staff General Asim
                    // Munir": "of" inside a title, the person its subject.
                    let in_title = before == Some("of")
                        && k >= 2
                        && !ws[k - 1].gap.breaks()
                        && ws[k - 2].is_title();
                    let object =
                        work || (before.is_some_and(|b| listed(BEFORE_OBJECTS, b)) && !in_title);
                    if before.is_some_and(|b| listed(BEFORE_PLACES, b))
                        && !name.name.contains(' ')
                        && name.titles.is_empty()
                    {
                        self.places.insert(folded(&name.name));
                    }
                    self.note_as(&name, false, !object, before);
                    k = next.max(k + 1);
                }
                None => k += 1,
            }
        }
    }

    /// Notes a name written at its place (`speaker`: said to have said something, so a
    /// person or a body that speaks).
    pub fn note(&mut self, name: &Name, speaker: bool) {
        self.note_as(name, speaker, true, None);
    }

    /// [`NameBook::note`]; `antecedent`: the name may be whom a later pronoun means; `before`:
    /// the word right before it, lower case ("mrs", which is no part of a name).
    fn note_as(&mut self, name: &Name, speaker: bool, antecedent: bool, before: Option<&str>) {
        let many = name.name.contains(' ');
        let person = name
            .name
            .split(' ')
            .all(|w| !listed(NOT_PERSON, w.to_lowercase().trim_end_matches('.')));
        if many {
            let order = self.counts.len();
            let entry = self.counts.entry(name.name.clone()).or_insert_with(|| {
                let whole = folded(&name.name);
                if person {
                    let first = whole.split(' ').next().unwrap_or_default();
                    self.by_first
                        .entry(first.to_owned())
                        .or_default()
                        .push((name.name.clone(), last_word(&whole).to_owned()));
                }
                if whole.split(' ').count() > MAX_ENDING_WORDS {
                    self.long_by_last
                        .entry(last_word(&whole).to_owned())
                        .or_default()
                        .push((whole.clone(), name.name.clone()));
                }
                (0, order, whole)
            });
            entry.0 += 1;
            // Its count grew: it may now be the fullest name of its endings.
            let this = (entry.0, Reverse(entry.1));
            for (space, _) in entry.2.rmatch_indices(' ').take(MAX_ENDING_WORDS) {
                let ending = &entry.2[space + 1..];
                match self.by_ending.get_mut(ending) {
                    Some(best) if (best.0, best.1) >= this => {}
                    Some(best) => *best = (this.0, this.1, name.name.clone()),
                    None => {
                        self.by_ending
                            .insert(ending.to_owned(), (this.0, this.1, name.name.clone()));
                    }
                }
            }
        }
        if !name.titles.is_empty() {
            for t in &name.titles {
                self.last_titled.insert(t.clone(), self.titled.len());
            }
            self.titled.push((name.titles.clone(), name.name.clone()));
        }
        if !person {
            return;
        }
        let woman = sex_by_titles(&name.titles, before);
        // "Mrs. Lima": a title the name's run leaves out ("mrs" opens no name) still says a
        // person is meant, and their sex.
        let titled = !name.titles.is_empty() || woman.is_some();
        let fullest = self.fullest_of(&name.name, woman, knighted(&name.titles, before));
        // "Sanders went first": one word that ends a name of more words used before is that
        // person again, as much as "Bernie Sanders" was.
        let known = fullest.contains(' ');
        if many || speaker || titled || known {
            if let Some(woman) = woman {
                self.women.insert(folded(&fullest), woman);
            }
            if antecedent {
                if self.recent.len() == RECENT_PEOPLE {
                    self.recent.pop_front();
                }
                self.recent.push_back((name.start, name.end, fullest));
            }
        }
    }

    /// The person "he" (`woman` false) or "she" at `at` in `chars` means, of the last people
    /// named before it whom no title says are of the other sex ("Mrs. Clinton" is not a later
    /// "he"): the sentence of the latest of them is the one the pronoun looks back to, and of
    /// the people it names, the first, its subject most often ("Mr. Trump said having Mr.
    /// Putin's respect was good. “…,” he said": Trump), not the last.
    ///
    /// When that sentence speaks of someone as "he" or "she" before it names anyone ("He has
    /// seen the Aral Sea"; not inside a quote, by `quoted`), that is most often its subject, and
    /// the person that pronoun means is meant, as far back as [`PRONOUN_CHAIN`] sentences.
    pub fn person_meant(
        &self,
        chars: &[char],
        at: usize,
        woman: bool,
        quoted: &dyn Fn(usize) -> bool,
    ) -> Option<&str> {
        self.person_meant_within(chars, at, woman, quoted, PRONOUN_CHAIN)
    }

    fn person_meant_within(
        &self,
        chars: &[char],
        at: usize,
        woman: bool,
        quoted: &dyn Fn(usize) -> bool,
        chain: usize,
    ) -> Option<&str> {
        let fits: Vec<&(usize, usize, String)> = self
            .recent
            .iter()
            .rev()
            .filter(|(p, _, _)| *p < at)
            .filter(|(_, _, n)| self.sex(n).is_none_or(|w| w == woman))
            .collect();
        let &&(latest, latest_end, ref name) = fits.first()?;
        let from = main_clause_start(chars, sentence_start(chars, latest), latest_end);
        let sentence: Vec<&(usize, usize, String)> = fits
            .iter()
            .copied()
            .filter(|&&(p, _, _)| p >= from && p <= latest)
            .collect();
        // Not a name that qualifies another ("Mr. Trump's campaign", "Former Pennsylvania
        // governor Ed Rendell"): the person of the phrase is named after it.
        let qualifies = |&&(_, end, _): &&(usize, usize, String)| {
            possessive_at(chars, end)
                || sentence
                    .iter()
                    .any(|&&(p, _, _)| p > end && modifies(chars, end, p))
        };
        let (at_first, first) = sentence
            .iter()
            .filter(|c| !qualifies(c))
            .min_by_key(|&&&(p, _, _)| p)
            .map_or((latest, name), |c| (c.0, &c.2));
        // A "he" or "she" before the first person named, not in a quotation ("“The president
        // admitted he had no plan,” Jeb Bush said": not Bush's subject).
        let pronoun = if woman { "she" } else { "he" };
        let before = (chain > 0)
            .then(|| words_in(chars, from, at_first))
            .and_then(|ws| ws.into_iter().find(|w| w.lower == pronoun))
            .filter(|w| !quoted(w.start));
        match before {
            Some(w) => self
                .person_meant_within(chars, w.start, woman, quoted, chain - 1)
                .or(Some(first.as_str())),
            None => Some(first.as_str()),
        }
    }

    /// Whether the person of the fullest name `name` is a woman, as far as the text says (a
    /// title: "Mrs.", "Congressman") or, without one, their first name does
    /// ([`first_name_sex`]).
    fn sex(&self, name: &str) -> Option<bool> {
        let name = folded(name);
        self.women
            .get(&name)
            .copied()
            .or_else(|| match name.split_once(' ') {
                Some((first, _)) => first_name_sex(first),
                // A name of one word is most often a surname, and men's given names are common
                // surnames ("Clinton", "Thomas"); women's are not: "his wife, Kathryn" is a woman.
                None => first_name_sex(&name).filter(|&woman| woman),
            })
    }

    /// [`NameBook::fullest`], for a name whose title says the person's sex (`woman`: "Mrs.
    /// Clinton", "Mr. Clinton"): not a fuller name whose first name says the other sex ("Bill
    /// Clinton" for "Mrs. Clinton"), but the most used one that does not, else the name as
    /// written.
    ///
    /// `knighted`: "Sir" or "Dame" goes before the name, so one word is a given name ("Sir
    /// Keir" is Keir Starmer), listed or not.
    pub fn fullest_of(&self, name: &str, woman: Option<bool>, knighted: bool) -> String {
        let mut full = self.fullest(name);
        if knighted && !full.contains(' ') {
            if let Some(person) = self.by_given_name(&folded(name)) {
                full = person;
            }
        }
        let Some(woman) = woman else {
            return full;
        };
        let other_sex = |f: &str| {
            folded(f)
                .split_once(' ')
                .is_some_and(|(first, _)| first_name_sex(first) == Some(!woman))
        };
        if !other_sex(&full) {
            return full;
        }
        let short = folded(name);
        self.counts
            .iter()
            .filter(|(written, (_, _, whole))| ends_with_name(whole, &short) && !other_sex(written))
            .max_by_key(|(_, (count, order, _))| (*count, Reverse(*order)))
            .map_or_else(|| name.to_owned(), |(written, _)| written.clone())
    }

    /// The fullest name seen that ends with `name` (compared [`folded`]), the most used one if
    /// several do (the first used of those), as it was written.
    ///
    /// A given name of the census lists that ends no name ("Donna said" after "Donna Kelce")
    /// stands for the person of that first name ([`NameBook::by_given_name`]).
    pub fn fullest(&self, name: &str) -> String {
        let short = folded(name);
        if short.split(' ').count() <= MAX_ENDING_WORDS {
            if let Some((_, _, f)) = self.by_ending.get(short.as_str()) {
                return f.clone();
            }
            let given = !short.contains(' ') && first_name_sex(&short).is_some();
            return given
                .then(|| self.by_given_name(&short))
                .flatten()
                .unwrap_or_else(|| name.to_owned());
        }
        let longer = |(f, _): &&(String, String)| ends_with_name(f, &short);
        self.long_by_last
            .get(last_word(&short))
            .into_iter()
            .flatten()
            .filter(longer)
            .filter_map(|(_, f)| {
                self.counts
                    .get(f)
                    .map(|&(n, order, _)| (n, Reverse(order), f))
            })
            .max()
            .map_or_else(|| name.to_owned(), |(_, _, f)| f.clone())
    }

    /// The person a given name alone stands for (`first`, [`folded`]; "Keir" after "Sir", "Donna"
    /// after "Donna Kelce"): of the people's names of two or more words that start with it,
    /// the most used (the first used of those), when they all end with the same word (one
    /// family's name: "Donna" is not meant when "Donna Kelce" and "Donna Brazile" were both
    /// named). None if no name starts with it, if a name ends with it, or if it was written
    /// as a place ("in Israel": not Israel Katz).
    pub fn by_given_name(&self, first: &str) -> Option<String> {
        if self.by_ending.contains_key(first) || self.places.contains(first) {
            return None;
        }
        let names = self.by_first.get(first)?;
        let (_, family) = names.first()?;
        if names.iter().any(|(_, last)| last != family) {
            return None;
        }
        names
            .iter()
            .filter_map(|(n, _)| {
                self.counts
                    .get(n)
                    .map(|&(count, order, _)| (count, Reverse(order), n))
            })
            .max()
            .map(|(_, _, n)| n.clone())
    }

    /// The institution "the ministry", "the department" stands for (`head`, lower case, one of
    /// [`INSTITUTIONS`]): the fullest name seen that ends with it ("Russia’s Defense
    /// Ministry"), if one was.
    pub fn institution(&self, head: &str) -> Option<String> {
        if !listed(INSTITUTIONS, head) {
            return None;
        }
        let name = self.fullest(head);
        name.contains(' ').then_some(name)
    }

    /// The last person named with the title a description's head stands for ("senator").
    pub fn by_title(&self, head: &str) -> Option<String> {
        let (_, titles) = TITLE_HEADS.iter().find(|(h, _)| *h == head)?;
        let last = titles
            .iter()
            .filter_map(|t| self.last_titled.get(*t))
            .max()?;
        self.titled.get(*last).map(|(_, n)| self.fullest(n))
    }
}

/// Whether "Sir" or "Dame" is among a name's titles or the word right before it (lower
/// case, without a period).
pub(super) fn knighted(titles: &[String], before: Option<&str>) -> bool {
    titles
        .iter()
        .map(String::as_str)
        .chain(before)
        .any(|t| t == "sir" || t == "dame")
}

/// Whether the folded name `whole` is longer than the folded name `short` and ends with it as
/// whole words ("hillary clinton" and "clinton", not "mcclinton").
fn ends_with_name(whole: &str, short: &str) -> bool {
    whole.len() > short.len()
        && whole.ends_with(short)
        && whole.as_bytes().get(whole.len() - short.len() - 1) == Some(&b' ')
}

/// The sex the titles written in a name's run, or the word right before it, say ("mrs",
/// "congressman": `Some(true)` for a woman), lower case, without their period.
pub(super) fn sex_by_titles(titles: &[String], before: Option<&str>) -> Option<bool> {
    titles
        .iter()
        .map(String::as_str)
        .chain(before)
        .find_map(|title| {
            GENDERED_TITLES
                .binary_search_by(|(g, _)| g.cmp(&title))
                .ok()
                .map(|k| GENDERED_TITLES[k].1)
        })
}

/// Words that open a clause set before the sentence's subject ("After the vote, …", "Asked
/// whether …, Ban demurred").
pub(super) const FRONTED: &[&str] = &[
    "after", "although", "as", "asked", "because", "before", "despite", "if", "once", "since",
    "though", "unlike", "until", "when", "whether", "while",
];

/// Where the main clause of the sentence starting at `from` starts, when the sentence opens
/// with a clause before its subject ([`FRONTED`]) that a comma ends before `to`: after that
/// comma; else `from`.
fn main_clause_start(chars: &[char], from: usize, to: usize) -> usize {
    let ws = words_in(chars, from, to);
    let fronted = ws.first().is_some_and(|w| listed(FRONTED, &w.lower));
    if !fronted {
        return from;
    }
    // After a comma, the first word that may open the main clause: a name or a pronoun ("…
    // lined by a cathedral, a 1930s-era Art Deco theater and cafés, Nega defended …"), else
    // the first word after a comma.
    let after_comma: Vec<&Word> = ws.iter().skip(1).filter(|w| w.gap.comma).collect();
    after_comma
        .iter()
        .find(|w| w.capitalised() || w.lower == "he" || w.lower == "she")
        .or(after_comma.first())
        .map_or(from, |w| w.start)
}

/// How many sentences back a pronoun's person is followed through the pronouns that stand for
/// them ([`NameBook::person_meant`]).
const PRONOUN_CHAIN: usize = 3;

/// How far back [`sentence_start`] looks for the sentence's start (code points).
const SENTENCE_REACH: usize = 600;

/// Where the sentence holding `at` starts: at the first word after the last stop (".", "!",
/// "?", "…") or line break before it, as [`words_in`] reads them (a period an abbreviation or
/// an initial keeps is no stop: "Mr.", "U.S.", "J."), within [`SENTENCE_REACH`] code points;
/// if none, that far back.
pub(super) fn sentence_start(chars: &[char], at: usize) -> usize {
    let at = at.min(chars.len());
    let lo = at.saturating_sub(SENTENCE_REACH);
    let ws = words_in(chars, lo, at);
    let ends = |g: &Gap| g.stop || g.newline;
    if ends(&trailing_gap(chars, &ws, lo, at)) {
        return at;
    }
    ws.iter()
        .rev()
        .find(|w| ends(&w.gap))
        .map_or(lo, |w| w.start)
}

/// Whether the name written up to `end` is a possessive ("Trump’s", "Trump's", "Sanders’"):
/// its word ends in "’s", or an apostrophe follows it.
fn possessive_at(chars: &[char], end: usize) -> bool {
    let apostrophe = |c: Option<&char>| matches!(c, Some('’' | '\''));
    let ends_in_s =
        end >= 2 && apostrophe(chars.get(end - 2)) && matches!(chars.get(end - 1), Some('s' | 'S'));
    ends_in_s || apostrophe(chars.get(end))
}

/// Whether the text between a name ending at `end` and the next starting at `next` is one or
/// two words of a title or a role, in lower case ("Pennsylvania governor Ed Rendell", "Obama
/// consultant Cornell Belcher", "Clinton campaign manager Robby Mook"): the first name
/// qualifies the second, who is the person of the phrase.
fn modifies(chars: &[char], end: usize, next: usize) -> bool {
    let Some(between) = chars.get(end..next) else {
        return false;
    };
    if between.len() > 40 || between.first() != Some(&' ') {
        return false;
    }
    let text: String = between.iter().collect();
    let mut words = text.split(' ').filter(|w| !w.is_empty());
    let listed_word = |w: &str| listed(TITLES, w) || listed(ROLES, w);
    match (words.next(), words.next(), words.next()) {
        (Some(a), b, None) => listed_word(a) && b.is_none_or(listed_word),
        _ => false,
    }
}

/// Lower-case nouns of a role that stand, as titles do, between a name that qualifies them
/// and the person's name ("Clinton campaign manager Robby Mook"). Sorted.
pub(super) const ROLES: &[&str] = &[
    "adviser",
    "advisor",
    "aide",
    "analyst",
    "campaign",
    "chapter",
    "consultant",
    "economist",
    "lawyer",
    "manager",
    "official",
    "pollster",
    "staffer",
    "strategist",
    "surrogate",
];

/// Whether a first name (lower case) is one given almost only to women (`Some(true)`) or to
/// men (`Some(false)`), by the lists of [`super::first_names`]; `None` if it is in neither.
pub(super) fn first_name_sex(first: &str) -> Option<bool> {
    use super::first_names::{MEN, WOMEN};
    if in_lines(WOMEN, first) {
        Some(true)
    } else if in_lines(MEN, first) {
        Some(false)
    } else {
        None
    }
}

/// Whether `word` is one of the lines of `sorted` (lines in byte order, "\n" between them):
/// a binary search over the text itself, each probe widened to the line it falls in.
fn in_lines(sorted: &str, word: &str) -> bool {
    let bytes = sorted.as_bytes();
    let (mut lo, mut hi) = (0, bytes.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = bytes[lo..mid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(lo, |k| lo + k + 1);
        let end = bytes[mid..hi]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(hi, |k| mid + k);
        match sorted.get(start..end).map(|line| line.cmp(word)) {
            Some(std::cmp::Ordering::Equal) => return true,
            Some(std::cmp::Ordering::Less) => lo = end + 1,
            Some(std::cmp::Ordering::Greater) => hi = start,
            None => return false,
        }
    }
    false
}
