//! Repeat claims: finding the earlier claims in the library that say the same thing.
//!
//! # What "the same thing" means
//!
//! Two claims are repeats when, after [`normalise`], their word shingles are similar enough
//! ([`similarity`] at least [`THRESHOLD`]) **and** their numbers agree ([`numbers_agree`]).
//!
//! - **Normalised text.** Words are lower-cased and split at Unicode word boundaries (UAX #29);
//!   punctuation and apostrophes go. Numbers are read as values, so `19,000`, `19000`,
//!   `19 000`, `19.000,0` (a decimal comma), `19k` and `19 thousand` are one number, as are
//!   `1.5 million` and `1,500,000`; number words up to ninety (`three`, `twenty`) are numbers
//!   too, and `%`, `per cent` and `percent` are one word.
//! - **Similarity.** The Dice coefficient of the two claims' shingle sets: their content words
//!   (words not in a short list of English function words) and every pair of adjacent words
//!   (function words included, so that word order still counts). It is symmetric, 1 for two
//!   claims that normalise alike, and 0 when they share nothing.
//! - **Numbers must agree.** The numbers of the two claims, as multisets, must be equal: "68
//!   ministers" is not a repeat of "86 ministers", and a claim with a figure is not a repeat
//!   of one without.
//! - **The threshold** was chosen on the labelled pairs in `src/core/repeats/pairs.tsv`
//!   (written for this purpose: repeats reworded, re-punctuated or with numbers written
//!   differently, and non-repeats on the same topic or with other numbers): it is the value of
//!   a sweep from 0.20 to 0.80 in steps of 0.05 with the best F1 on them, and a test checks
//!   that it still is (see the tests for the figures).
//!
//! # The index
//!
//! [`ClaimIndex`] keeps every claim's shingles and numbers, with an inverted index from
//! shingle to claims. Asking for the repeats of a text counts, through the inverted index,
//! the shingles each claim shares with it, which gives the Dice coefficient without comparing
//! texts; only claims that share a shingle are looked at. The index is updated one claim at a
//! time ([`ClaimIndex::upsert`], [`ClaimIndex::remove`], or [`ClaimIndex::sync`] between two
//! versions of the library's annotations, which visits only the records that changed, by
//! pointer), never rebuilt when the user types.

use crate::core::sort::SortedMap;
use std::collections::{HashMap, HashSet, VecDeque};
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use uuid::Uuid;

use crate::core::breaks::{self, Breaks, UAX29};

use crate::core::model::{Annotation, HttpUrl, Kind, Verdict};

/// The similarity from which two claims whose numbers agree are repeats (see the module
/// documentation for how it was chosen).
pub const THRESHOLD: f32 = 0.7;

/// The most repeats [`ClaimIndex::repeats_of`] returns.
pub const MAX_REPEATS: usize = 20;

/// English function words, left out of the single-word shingles (they still count in pairs).
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he",
    "her", "his", "i", "if", "in", "into", "is", "it", "its", "more", "most", "no", "not", "of",
    "on", "one", "or", "our", "over", "said", "says", "she", "so", "some", "than", "that", "the",
    "their", "them", "there", "these", "they", "this", "those", "to", "under", "up", "was", "we",
    "were", "what", "when", "which", "while", "who", "will", "with", "would", "you",
];

/// Number words read as numbers.
const NUMBER_WORDS: &[(&str, u32)] = &[
    ("zero", 0),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

/// Words that multiply the number before them (by ten to the power given).
const SCALES: &[(&str, i32)] = &[
    ("hundred", 2),
    ("thousand", 3),
    ("million", 6),
    ("millions", 6),
    ("billion", 9),
    ("billions", 9),
    ("trillion", 12),
];

/// A claim's text, normalised.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Normalised {
    /// The words and numbers in order (numbers as their value, written by [`Num::text`]).
    pub tokens: Vec<String>,
    /// The numbers, sorted.
    pub numbers: Vec<String>,
}

/// A number as decimal digits times a power of ten, with no leading or trailing zeros in the
/// digits: exact, and without floating point (whose parsing and printing code would be the
/// biggest part of this module in the page's bundle).
#[derive(Debug, Clone, PartialEq)]
struct Num {
    digits: String,
    exp: i32,
}

impl Num {
    /// `int.frac`, both strings of ASCII digits (either may be empty).
    fn new(int: &str, frac: &str) -> Num {
        let mut digits: String = int.chars().chain(frac.chars()).collect();
        let mut exp = -(frac.len() as i32);
        let lead = digits.len() - digits.trim_start_matches('0').len();
        digits.drain(..lead);
        while digits.ends_with('0') {
            digits.pop();
            exp += 1;
        }
        if digits.is_empty() {
            exp = 0;
        }
        Num { digits, exp }
    }

    fn small(v: u32) -> Num {
        Num::new(&v.to_string(), "")
    }

    /// Times ten to the power `k`.
    fn scaled(mut self, k: i32) -> Num {
        if !self.digits.is_empty() {
            self.exp = self.exp.saturating_add(k);
        }
        self
    }

    /// Whether it is a whole number.
    fn is_whole(&self) -> bool {
        self.exp >= 0
    }

    /// The value written the one way: `19000`, `1.5`, `0.05`, `1500000`.
    fn text(&self) -> String {
        if self.digits.is_empty() {
            return "0".to_owned();
        }
        // At most a few scale words: the exponent stays small, but cap what is written.
        let exp = self.exp.clamp(-64, 64);
        if exp >= 0 {
            return format!("{}{}", self.digits, "0".repeat(exp as usize));
        }
        let point = self.digits.len() as i32 + exp;
        if point > 0 {
            let (a, b) = self.digits.split_at(point as usize);
            format!("{a}.{b}")
        } else {
            format!("0.{}{}", "0".repeat((-point) as usize), self.digits)
        }
    }
}

/// The value of a run of digits with `,` and `.` separators, read as a reader would:
/// separators followed by groups of exactly three digits are thousands separators unless one
/// separator is the last and of the other kind (the decimal mark).
fn parse_digits(s: &str) -> Option<Num> {
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return None;
    }
    let last_sep = s.rfind([',', '.']);
    let mut int_part = s;
    let mut frac = "";
    if let Some(i) = last_sep {
        let sep = s.as_bytes()[i];
        let both = s.contains(',') && s.contains('.');
        let count = s.bytes().filter(|&b| b == sep).count();
        let after = &s[i + 1..];
        // The last separator is the decimal mark when the two kinds are mixed, or when it is
        // the only one of its kind and not followed by exactly three digits.
        let decimal = both || (count == 1 && after.len() != 3);
        if decimal {
            int_part = &s[..i];
            frac = after;
        }
    }
    let digits: String = int_part.chars().filter(char::is_ascii_digit).collect();
    let frac: String = frac.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() && frac.is_empty() {
        return None;
    }
    Some(Num::new(&digits, &frac))
}

/// Reads a word that starts with a digit: its value, with a suffix of scale (`19k`, `2bn`,
/// `3m`) or of order (`1st`, `1990s`) taken into account. `None` when it is not a number.
fn parse_number_word(w: &str) -> Option<Num> {
    // A narrow no-break space is a word-joining character in UAX #29: "19\u{202f}000".
    let w = &w.replace('\u{202f}', "");
    let split = w
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(w.len());
    let (digits, suffix) = w.split_at(split);
    let digits = digits.trim_end_matches([',', '.']);
    let v = parse_digits(digits)?;
    let scale = match suffix {
        "" | "st" | "nd" | "rd" | "th" | "s" => 0,
        "k" => 3,
        "m" | "mn" => 6,
        "b" | "bn" => 9,
        "tn" => 12,
        _ => return None,
    };
    Some(v.scaled(scale))
}

/// Normalises a claim's text (see the module documentation), with the `unicode-segmentation`
/// crate's word boundaries.
pub fn normalise(text: &str) -> Normalised {
    normalise_with(UAX29, text)
}

/// Normalises a claim's text with the word boundaries of `breaks`.
pub fn normalise_with(breaks: Breaks, text: &str) -> Normalised {
    let mut tokens: Vec<String> = Vec::new();
    // Whether each token is a number.
    let mut values: Vec<bool> = Vec::new();
    let words: Vec<(usize, &str)> = (breaks.words)(text)
        .into_iter()
        .filter_map(|r| Some((r.start, text.get(r)?)))
        .filter(|(_, w)| breaks::is_word(w))
        .collect();
    let mut i = 0;
    while i < words.len() {
        let (at, raw) = words[i];
        i += 1;
        let w = crate::core::case::lowercase(
            &raw.chars()
                .filter(|c| !matches!(c, '\'' | '’' | '‘' | 'ʼ'))
                .collect::<String>(),
        );
        if w.is_empty() {
            continue;
        }
        let number = if w.starts_with(|c: char| c.is_ascii_digit()) {
            parse_number_word(&w)
        } else {
            NUMBER_WORDS
                .iter()
                .find(|(n, _)| *n == w)
                .map(|&(_, v)| Num::small(v))
        };
        match number {
            Some(mut v) => {
                // "19 000": groups of three digits after a first group of one to three, each
                // after one space.
                let mut end = at + raw.len();
                let first_group = raw.len() <= 3 && raw.bytes().all(|b| b.is_ascii_digit());
                while let Some(&(next_at, next)) = words.get(i) {
                    let joined = first_group
                        && v.is_whole()
                        && next.len() == 3
                        && next.bytes().all(|b| b.is_ascii_digit())
                        && matches!(
                            &text[end..next_at],
                            " " | "\u{a0}" | "\u{202f}" | "\u{2009}"
                        );
                    if !joined {
                        break;
                    }
                    v = Num::new(&format!("{}{next}", v.text()), "");
                    end = next_at + next.len();
                    i += 1;
                }
                // A scale word after the number multiplies it.
                if let Some(&(next_at, next)) = words.get(i) {
                    let next_lower = crate::core::case::lowercase(next);
                    if let Some(&(_, s)) = SCALES.iter().find(|(w, _)| *w == next_lower) {
                        v = v.scaled(s);
                        end = next_at + next.len();
                        i += 1;
                    }
                }
                tokens.push(v.text());
                values.push(true);
                // "%" right after a number.
                if text[end..].trim_start().starts_with(['%', '％']) {
                    tokens.push("percent".to_owned());
                    values.push(false);
                }
            }
            None => {
                if w == "cent" && tokens.last().is_some_and(|t| t == "per") {
                    tokens.pop();
                    values.pop();
                    tokens.push("percent".to_owned());
                } else {
                    tokens.push(if w == "pct" { "percent".to_owned() } else { w });
                }
                values.push(false);
            }
        }
    }
    let mut numbers: Vec<String> = tokens
        .iter()
        .zip(&values)
        .filter(|(_, v)| **v)
        .map(|(t, _)| t.clone())
        .collect();
    crate::core::sort::sort(&mut numbers);
    Normalised { tokens, numbers }
}

/// The shingles of a normalised claim, deduplicated and sorted: its content words and its
/// pairs of adjacent words, each hashed.
pub fn shingles(n: &Normalised) -> Vec<u64> {
    let hash = |parts: &[&str]| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        parts.hash(&mut h);
        h.finish()
    };
    let mut out: Vec<u64> = Vec::with_capacity(n.tokens.len() * 2);
    for (i, t) in n.tokens.iter().enumerate() {
        if !FUNCTION_WORDS.contains(&t.as_str()) {
            out.push(hash(&[t]));
        }
        if let Some(next) = n.tokens.get(i + 1) {
            out.push(hash(&[t, next]));
        }
    }
    crate::core::sort::sort(&mut out);
    out.dedup();
    out
}

/// The Dice coefficient of two sorted, deduplicated shingle sets.
fn dice(shared: usize, a: usize, b: usize) -> f32 {
    if a + b == 0 {
        return 0.0;
    }
    (2 * shared) as f32 / (a + b) as f32
}

/// How similar two claims' texts are, from 0 to 1 (see the module documentation).
pub fn similarity(a: &str, b: &str) -> f32 {
    let (sa, sb) = (shingles(&normalise(a)), shingles(&normalise(b)));
    dice(shared_count(&sa, &sb), sa.len(), sb.len())
}

/// Whether two claims' numbers agree (equal as multisets).
pub fn numbers_agree(a: &str, b: &str) -> bool {
    normalise(a).numbers == normalise(b).numbers
}

/// Whether two claims say the same thing: similar enough and with the same numbers.
pub fn is_repeat(a: &str, b: &str) -> bool {
    numbers_agree(a, b) && similarity(a, b) >= THRESHOLD
}

/// The index's keys of a normalised claim: its shingles, each mixed with a hash of its numbers,
/// so that only claims whose numbers agree can meet in the inverted index. Sorted, no
/// duplicates.
fn keys(n: &Normalised) -> Vec<u64> {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    n.numbers.hash(&mut h);
    let sig = h.finish();
    let mut out: Vec<u64> = shingles(n)
        .into_iter()
        .map(|s| {
            (s ^ sig)
                .wrapping_mul(0x9e37_79b9_7f4a_7c15)
                .rotate_left(29)
                ^ sig
        })
        .collect();
    crate::core::sort::sort(&mut out);
    out.dedup();
    out
}

/// How many keys two sorted key lists share.
fn shared_count(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// One claim of the index.
#[derive(Debug, Clone)]
struct Entry {
    id: Uuid,
    /// Its [`keys`].
    shingles: Vec<u64>,
}

/// An earlier claim that says the same thing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Repeat {
    /// The claim's annotation id.
    pub id: Uuid,
    /// Its similarity, from [`THRESHOLD`] to 1.
    pub similarity: f32,
}

/// How a record differs between two versions of a library's annotations.
enum Difference<'a> {
    /// Added, or changed in kind or text.
    Changed(&'a Annotation),
    /// In the old version only.
    Gone(Uuid),
}

/// Calls `f` with every [`Difference`] from `old` to `new`, in key order: one walk of both
/// maps side by side, O(|old| + |new|) with no lookup. The page calls this at every render
/// where the library is a new value, once per batch of an import: with a lookup of each
/// record in the other map (O(n log n)), a 17,587-annotation import spent about a second of
/// the page's time here (`BENCHMARKS.md`, session 20).
fn differences<'a>(
    old: &SortedMap<Uuid, Rc<Annotation>>,
    new: &'a SortedMap<Uuid, Rc<Annotation>>,
    mut f: impl FnMut(Difference<'a>),
) {
    let mut old = old.iter().peekable();
    for (id, a) in new {
        while let Some((gone, _)) = old.next_if(|(o, _)| *o < id) {
            f(Difference::Gone(*gone));
        }
        match old.next_if(|(o, _)| *o == id) {
            Some((_, o)) if Rc::ptr_eq(o, a) => {}
            Some((_, o)) if o.kind() == a.kind() && o.quote.exact == a.quote.exact => {}
            _ => f(Difference::Changed(a)),
        }
    }
    for (gone, _) in old {
        f(Difference::Gone(*gone));
    }
}

/// Claims still to (re)index, in the order they were queued, each once (see
/// [`ClaimIndex::plan_sync`]).
#[derive(Debug, Clone, Default)]
pub struct Pending {
    queue: VecDeque<Uuid>,
    queued: HashSet<Uuid>,
}

impl Pending {
    /// Queues `id` (once).
    pub fn push(&mut self, id: Uuid) {
        if self.queued.insert(id) {
            self.queue.push_back(id);
        }
    }

    fn pop(&mut self) -> Option<Uuid> {
        let id = self.queue.pop_front()?;
        self.queued.remove(&id);
        Some(id)
    }

    /// How many claims wait.
    pub fn len(&self) -> usize {
        self.queue.len()
    }

    /// Whether none waits.
    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }
}

/// The claims of a library, indexed for finding repeats (see the module documentation).
#[derive(Debug, Clone)]
pub struct ClaimIndex {
    /// The word boundaries claims are normalised with.
    breaks: Breaks,
    entries: Vec<Option<Entry>>,
    free: Vec<u32>,
    slots: HashMap<Uuid, u32>,
    postings: HashMap<u64, Vec<u32>>,
    /// Bumped on every change, for callers that cache what they asked.
    revision: u64,
}

impl Default for ClaimIndex {
    fn default() -> Self {
        ClaimIndex::new()
    }
}

impl ClaimIndex {
    /// An empty index, normalising with the `unicode-segmentation` crate's word boundaries.
    pub fn new() -> Self {
        ClaimIndex::with_breaks(UAX29)
    }

    /// An empty index, normalising with the word boundaries of `breaks`.
    pub fn with_breaks(breaks: Breaks) -> Self {
        ClaimIndex {
            breaks,
            entries: Vec::new(),
            free: Vec::new(),
            slots: HashMap::new(),
            postings: HashMap::new(),
            revision: 0,
        }
    }

    /// The index of every claim among `annotations`.
    pub fn of<'a>(annotations: impl IntoIterator<Item = &'a Annotation>) -> Self {
        let mut ix = ClaimIndex::new();
        for a in annotations {
            if a.kind() == Kind::Claim {
                ix.upsert(a.id, &a.quote.exact);
            }
        }
        ix
    }

    /// How many claims it holds.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether it holds no claim.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// A number that changes whenever the index does.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Whether claim `id` is indexed.
    pub fn contains(&self, id: Uuid) -> bool {
        self.slots.contains_key(&id)
    }

    /// Adds claim `id` with `text`, or replaces what it had.
    pub fn upsert(&mut self, id: Uuid, text: &str) {
        self.remove(id);
        let entry = Entry {
            id,
            shingles: keys(&normalise_with(self.breaks, text)),
        };
        let slot = match self.free.pop() {
            Some(s) => s,
            None => {
                self.entries.push(None);
                (self.entries.len() - 1) as u32
            }
        };
        for s in &entry.shingles {
            self.postings.entry(*s).or_default().push(slot);
        }
        self.entries[slot as usize] = Some(entry);
        self.slots.insert(id, slot);
        self.revision += 1;
    }

    /// Removes claim `id` (nothing when it is not indexed).
    pub fn remove(&mut self, id: Uuid) {
        let Some(slot) = self.slots.remove(&id) else {
            return;
        };
        if let Some(entry) = self.entries[slot as usize].take() {
            for s in &entry.shingles {
                if let Some(list) = self.postings.get_mut(s) {
                    list.retain(|&x| x != slot);
                    if list.is_empty() {
                        self.postings.remove(s);
                    }
                }
            }
        }
        self.free.push(slot);
        self.revision += 1;
    }

    /// Brings the index from the claims of `old` to those of `new` (two versions of a
    /// library's annotations), visiting only the records that differ: a record shared by both
    /// (the same `Rc`) is skipped without being read.
    pub fn sync(
        &mut self,
        old: &SortedMap<Uuid, Rc<Annotation>>,
        new: &SortedMap<Uuid, Rc<Annotation>>,
    ) {
        differences(old, new, |d| match d {
            Difference::Changed(a) if a.kind() == Kind::Claim => self.upsert(a.id, &a.quote.exact),
            Difference::Changed(a) => self.remove(a.id),
            Difference::Gone(id) => self.remove(id),
        });
    }

    /// [`ClaimIndex::sync`] in two halves, so that indexing never holds the page: the claims
    /// gone from `new` are removed now, and those added or changed are queued in `pending`,
    /// for [`ClaimIndex::index_some`] to index a bounded slice at a time.
    pub fn plan_sync(
        &mut self,
        old: &SortedMap<Uuid, Rc<Annotation>>,
        new: &SortedMap<Uuid, Rc<Annotation>>,
        pending: &mut Pending,
    ) {
        differences(old, new, |d| match d {
            Difference::Changed(a) => pending.push(a.id),
            Difference::Gone(id) => self.remove(id),
        });
    }

    /// Indexes queued claims as `annotations` (the library's latest) holds them, until about
    /// `budget` characters of claim text were read (at least one claim); returns whether
    /// the queue is empty. A queued id that is no claim any more, or gone, is removed.
    pub fn index_some(
        &mut self,
        pending: &mut Pending,
        annotations: &SortedMap<Uuid, Rc<Annotation>>,
        budget: usize,
    ) -> bool {
        let mut spent = 0;
        while spent < budget {
            let Some(id) = pending.pop() else {
                break;
            };
            match annotations.get(&id) {
                Some(a) if a.kind() == Kind::Claim => {
                    spent += a.quote.exact.len();
                    self.upsert(id, &a.quote.exact);
                }
                _ => self.remove(id),
            }
            spent += 1;
        }
        pending.is_empty()
    }

    /// The slots of the claims that share at least enough keys with `query` (sorted keys) to
    /// reach [`THRESHOLD`], with how many they share; `keep` chooses which slots to look at.
    ///
    /// Prefix filtering: a claim with `e` keys that shares `s` of the query's `q` keys has a
    /// Dice coefficient `2s/(q+e) >= t` only if `s >= t·q/(2−t)` (as `s <= e`). Such a claim
    /// holds at least one of any `q − m + 1` of the query's keys, `m` that bound; so only the
    /// postings of the `q − m + 1` rarest keys are read for candidates, and each candidate's
    /// count is then taken by merging the two sorted key lists.
    fn similar(&self, query: &[u64], keep: impl Fn(u32) -> bool) -> Vec<(u32, f32)> {
        if query.is_empty() {
            return Vec::new();
        }
        let q = query.len();
        let t = f64::from(THRESHOLD);
        let m = ((t * q as f64 / (2.0 - t)) - 1e-9).ceil().max(1.0) as usize;
        let mut by_rarity: Vec<(usize, u64)> = query
            .iter()
            .map(|k| (self.postings.get(k).map_or(0, Vec::len), *k))
            .collect();
        crate::core::sort::sort(&mut by_rarity);
        let mut candidates: Vec<u32> = Vec::new();
        for (_, k) in by_rarity.iter().take(q.saturating_sub(m) + 1) {
            if let Some(list) = self.postings.get(k) {
                candidates.extend(list.iter().copied().filter(|&s| keep(s)));
            }
        }
        crate::core::sort::sort(&mut candidates);
        candidates.dedup();
        candidates
            .into_iter()
            .filter_map(|slot| {
                let e = self.entries.get(slot as usize)?.as_ref()?;
                let similarity = dice(shared_count(query, &e.shingles), q, e.shingles.len());
                (similarity >= THRESHOLD).then_some((slot, similarity))
            })
            .collect()
    }

    /// The indexed claims that repeat `text` (see [`is_repeat`]), most similar first (ties in
    /// id order), at most [`MAX_REPEATS`], leaving out `except` (the claim asked about).
    pub fn repeats_of(&self, text: &str, except: Option<Uuid>) -> Vec<Repeat> {
        let query = keys(&normalise_with(self.breaks, text));
        let mut out: Vec<Repeat> = self
            .similar(&query, |_| true)
            .into_iter()
            .filter_map(|(slot, similarity)| {
                let id = self.entries.get(slot as usize)?.as_ref()?.id;
                (Some(id) != except).then_some(Repeat { id, similarity })
            })
            .collect();
        crate::core::sort::sort_by(&mut out, |a, b| {
            b.similarity
                .total_cmp(&a.similarity)
                .then_with(|| a.id.cmp(&b.id))
        });
        out.truncate(MAX_REPEATS);
        out
    }

    /// Every indexed claim, grouped with its repeats (the groups are the connected parts of
    /// the repeat relation), each group in id order, groups in order of their first id.
    pub fn groups(&self) -> Vec<Vec<Uuid>> {
        let n = self.entries.len();
        let mut parent: Vec<u32> = (0..n as u32).collect();
        fn find(parent: &mut [u32], mut x: u32) -> u32 {
            while parent[x as usize] != x {
                let p = parent[x as usize];
                parent[x as usize] = parent[p as usize];
                x = p;
            }
            x
        }
        for slot in 0..n as u32 {
            let Some(e) = self.entries[slot as usize].as_ref() else {
                continue;
            };
            for (other, _) in self.similar(&e.shingles, |o| o > slot) {
                let (ra, rb) = (find(&mut parent, slot), find(&mut parent, other));
                if ra != rb {
                    parent[ra.max(rb) as usize] = ra.min(rb);
                }
            }
        }
        let mut groups: SortedMap<u32, Vec<Uuid>> = SortedMap::new();
        for slot in 0..n as u32 {
            if let Some(e) = self.entries[slot as usize].as_ref() {
                let root = find(&mut parent, slot);
                groups.get_or_insert_with(root, Vec::new).push(e.id);
            }
        }
        let mut out: Vec<Vec<Uuid>> = groups
            .into_values()
            .map(|mut g| {
                crate::core::sort::sort(&mut g);
                g
            })
            .collect();
        crate::core::sort::sort(&mut out);
        out
    }
}

/// A claim of the library as the repeat list and the Claims view show it.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimView {
    pub id: Uuid,
    pub article_id: Uuid,
    /// Its article's title ("Missing article" when the article is gone).
    pub article_title: String,
    pub text: String,
    pub verdict: Verdict,
    pub note: String,
    pub evidence: Vec<HttpUrl>,
    /// The date of its last change, `YYYY-MM-DD`.
    pub date: String,
    /// Its similarity to the claim asked about (1 in the Claims view).
    pub similarity: f32,
}

impl ClaimView {
    /// The view of claim `a`.
    pub fn of(a: &Annotation, article_title: Option<&str>, similarity: f32) -> Option<Self> {
        let c = a.claim()?;
        Some(ClaimView {
            id: a.id,
            article_id: a.article_id,
            article_title: article_title.unwrap_or("Missing article").to_owned(),
            text: a.quote.exact.clone(),
            verdict: c.verdict,
            note: a.note.clone(),
            evidence: c.evidence.clone(),
            date: a.modified.date(),
            similarity,
        })
    }
}

/// The views of `repeats`, looked up in `annotations`; `title_of` gives an article's title.
pub fn views<'a>(
    repeats: &[Repeat],
    annotations: &SortedMap<Uuid, Rc<Annotation>>,
    title_of: impl Fn(Uuid) -> Option<&'a str>,
) -> Vec<ClaimView> {
    repeats
        .iter()
        .filter_map(|r| {
            let a = annotations.get(&r.id)?;
            ClaimView::of(a, title_of(a.article_id), r.similarity)
        })
        .collect()
}

/// The Claims view: every claim, in groups of repeats, largest groups first (then by the
/// first claim's text); in a group, newest change first. `verdict` keeps only the groups with
/// a claim of that verdict.
pub fn claim_groups<'a>(
    groups: &[Vec<Uuid>],
    annotations: &SortedMap<Uuid, Rc<Annotation>>,
    title_of: impl Fn(Uuid) -> Option<&'a str>,
    verdict: Option<Verdict>,
) -> Vec<Vec<ClaimView>> {
    let mut out: Vec<Vec<ClaimView>> = groups
        .iter()
        .map(|g| {
            let mut items: Vec<(crate::core::model::Timestamp, ClaimView)> = g
                .iter()
                .filter_map(|id| {
                    let a = annotations.get(id)?;
                    Some((a.modified, ClaimView::of(a, title_of(a.article_id), 1.0)?))
                })
                .collect();
            crate::core::sort::sort_by(&mut items, |a, b| b.0.cmp(&a.0).then(a.1.id.cmp(&b.1.id)));
            items.into_iter().map(|(_, v)| v).collect::<Vec<_>>()
        })
        .filter(|g: &Vec<ClaimView>| {
            !g.is_empty() && verdict.is_none_or(|v| g.iter().any(|c| c.verdict == v))
        })
        .collect();
    crate::core::sort::sort_by(&mut out, |a, b| {
        b.len().cmp(&a.len()).then_with(|| {
            crate::core::case::lowercase(&a[0].text).cmp(&crate::core::case::lowercase(&b[0].text))
        })
    });
    out
}

#[cfg(test)]
mod tests;
