//! The names an article has used so far: to give a speaker the fullest form of their name,
//! to resolve a pronoun to the last person named, and a bare title ("the senator") to the
//! last person who bore it.

use super::words::{name_starting_at, words_in, Name};

/// Words that make a name an organisation's or a place's rather than a person's.
const NOT_PERSON: &[&str] = &[
    "house",
    "party",
    "times",
    "news",
    "post",
    "journal",
    "university",
    "college",
    "committee",
    "department",
    "street",
    "county",
    "state",
    "states",
    "city",
    "council",
    "association",
    "institute",
    "center",
    "centre",
    "foundation",
    "church",
    "court",
    "congress",
    "senate",
    "union",
    "nations",
    "america",
    "republican",
    "republicans",
    "democrats",
    "democratic",
    "campaign",
    "administration",
    "office",
    "agency",
    "bureau",
    "ministry",
    "press",
    "network",
    "group",
    "company",
    "corp",
    "inc",
    "bank",
    "fund",
    "club",
    "school",
    "review",
    "magazine",
    "radio",
    "tv",
    "television",
    "service",
    "security",
    "island",
    "islands",
    "river",
    "valley",
    "north",
    "south",
    "east",
    "west",
    "new",
    "united",
    "national",
    "federal",
    "international",
    "world",
    "global",
    "american",
    "washington",
    "york",
    "iowa",
    "carolina",
    "hampshire",
];

/// Title words a description's head noun stands for ("the senator" → "Sen. …").
const TITLE_HEADS: &[(&str, &[&str])] = &[
    ("senator", &["sen", "senator"]),
    ("governor", &["gov", "governor"]),
    ("congressman", &["rep", "representative", "congressman"]),
    ("congresswoman", &["rep", "representative", "congresswoman"]),
    ("representative", &["rep", "representative"]),
    ("president", &["president"]),
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
    /// Names of two or more words, how often each was written, in order of first use.
    full: Vec<(String, usize)>,
    /// People named with a title before them, in the order read: (titles, name).
    titled: Vec<(Vec<String>, String)>,
    /// The last person named: where, and the name.
    last_person: Option<(usize, String)>,
}

impl NameBook {
    /// Reads the names in `chars[from..to]`.
    pub fn read(&mut self, chars: &[char], from: usize, to: usize) {
        if from >= to {
            return;
        }
        let ws = words_in(chars, from, to);
        let mut k = 0;
        while k < ws.len() {
            match name_starting_at(&ws, k) {
                Some((name, next)) => {
                    self.note(&name, false);
                    k = next.max(k + 1);
                }
                None => k += 1,
            }
        }
    }

    /// Notes a name written at its place (`speaker`: said to have said something, so a
    /// person or a body that speaks).
    pub fn note(&mut self, name: &Name, speaker: bool) {
        let many = name.name.contains(' ');
        if many {
            match self.full.iter_mut().find(|(n, _)| *n == name.name) {
                Some((_, count)) => *count += 1,
                None => self.full.push((name.name.clone(), 1)),
            }
        }
        if !name.titles.is_empty() {
            self.titled.push((name.titles.clone(), name.name.clone()));
        }
        let person = name
            .name
            .split(' ')
            .all(|w| !NOT_PERSON.contains(&w.to_lowercase().trim_end_matches('.')));
        if person && (many || speaker || !name.titles.is_empty()) {
            self.last_person = Some((name.start, self.fullest(&name.name)));
        }
    }

    /// The last person named before `at`.
    pub fn last_person(&self, at: usize) -> Option<&str> {
        self.last_person
            .as_ref()
            .filter(|(p, _)| *p < at)
            .map(|(_, n)| n.as_str())
    }

    /// The fullest name seen that ends with `name`, the most used one if several do.
    pub fn fullest(&self, name: &str) -> String {
        let longer = |f: &str| {
            f.len() > name.len() && f.ends_with(name) && {
                let cut = f.len() - name.len();
                f.as_bytes().get(cut.wrapping_sub(1)) == Some(&b' ')
            }
        };
        let mut best: Option<&(String, usize)> = None;
        for entry in self.full.iter().filter(|(f, _)| longer(f)) {
            if best.is_none_or(|b| entry.1 > b.1) {
                best = Some(entry);
            }
        }
        best.map_or_else(|| name.to_owned(), |(f, _)| f.clone())
    }

    /// The last person named with the title a description's head stands for ("senator").
    pub fn by_title(&self, head: &str) -> Option<String> {
        let (_, titles) = TITLE_HEADS.iter().find(|(h, _)| *h == head)?;
        self.titled
            .iter()
            .rev()
            .find(|(ts, _)| ts.iter().any(|t| titles.contains(&t.as_str())))
            .map(|(_, n)| self.fullest(n))
    }
}
