//! The names an article has used so far: to give a speaker the fullest form of their name,
//! to resolve a pronoun to the last person named, and a bare title ("the senator") to the
//! last person who bore it.

use super::lexicon::{listed, NOT_PERSON};
use super::words::{name_starting_at, words_in, Name};
use std::cmp::Reverse;
use std::collections::HashMap;

fn last_word(name: &str) -> &str {
    name.rsplit(' ').next().unwrap_or(name)
}

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
    /// Names of two or more words: how often each was written, and in which order they came.
    counts: HashMap<String, (usize, usize)>,
    /// The names of two or more words, by their last word.
    by_last: HashMap<String, Vec<String>>,
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
            let order = self.counts.len();
            let entry = self.counts.entry(name.name.clone()).or_insert_with(|| {
                let last = last_word(&name.name).to_owned();
                self.by_last
                    .entry(last)
                    .or_default()
                    .push(name.name.clone());
                (0, order)
            });
            entry.0 += 1;
        }
        if !name.titles.is_empty() {
            self.titled.push((name.titles.clone(), name.name.clone()));
        }
        let person = name
            .name
            .split(' ')
            .all(|w| !listed(NOT_PERSON, w.to_lowercase().trim_end_matches('.')));
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

    /// The fullest name seen that ends with `name`, the most used one if several do (the
    /// first used of those).
    pub fn fullest(&self, name: &str) -> String {
        let longer = |f: &&String| {
            f.len() > name.len()
                && f.ends_with(name)
                && f.as_bytes().get(f.len() - name.len() - 1) == Some(&b' ')
        };
        self.by_last
            .get(last_word(name))
            .into_iter()
            .flatten()
            .filter(longer)
            .filter_map(|f| self.counts.get(f).map(|&(n, order)| (n, Reverse(order), f)))
            .max()
            .map_or_else(|| name.to_owned(), |(_, _, f)| f.clone())
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
