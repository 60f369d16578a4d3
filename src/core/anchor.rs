//! Anchoring: finding where a stored quote belongs in a text.
//!
//! A stored annotation carries a [`TextQuote`] (exact text with some context) and, usually, a
//! position (`start..end` in code points). [`Anchorer::anchor`] tries, in order:
//!
//! 1. **Position**: the text at `start..end` equals the quote's `exact`, and the text before
//!    and after it ends with the stored `prefix` and starts with the stored `suffix`.
//! 2. **Exact**: the quote's `exact` occurs elsewhere. Occurrences come from an index of the
//!    text (built once per text, on first need), not from repeated scans. When there are
//!    several, the one whose surroundings agree best with the stored `prefix`/`suffix` wins,
//!    then the one nearest the stored position.
//! 3. **Fuzzy**: the substring of the text with the smallest edit distance to `exact`, when
//!    its similarity `1 - distance / len(exact)` (code points) is at least
//!    [`FUZZY_THRESHOLD`]. The search is Myers' bit-parallel approximate matching (Hyyrö's
//!    multi-word form), `O(n · ⌈m/64⌉)` for a text of `n` and a quote of `m` code points,
//!    written here in a few dozen lines rather than pulled in as a crate: the crates that
//!    offer it either limit patterns to 32 or 64 characters (bitap) or compare whole strings
//!    only (`strsim`).
//! 4. **Orphan**: not found; the stored position is kept as the last known one.
//!
//! [`reanchor`] moves annotations from an old version of a text to a new one through a word
//! diff (the `similar` crate), falling back to quote anchoring; it never drops an annotation.
//!
//! # Bounds
//!
//! Quotes come from files made by strangers, so no quote, and no file, can make anchoring
//! run for long. The caps, all documented constants:
//!
//! - context: only the last [`MAX_CONTEXT_CP`] code points of a stored prefix and the first
//!   [`MAX_CONTEXT_CP`] of a suffix are compared (the app itself stores 32);
//! - quote length: a quote longer than [`MAX_QUOTE_CP`] is only checked at its stored position
//!   (an orphan if it is not there), and approximate search stops at [`MAX_FUZZY_CP`];
//! - candidates: at most [`MAX_CANDIDATES`] occurrences of a quote's text are examined, the
//!   ones nearest its stored position; when there were more, the match cannot be called
//!   unique, so it needs review;
//! - a total [`Budget`] of work units shared by every quote of one import (or one text
//!   replacement), [`IMPORT_BUDGET`]: each search is charged what it costs (bytes compared,
//!   bit-parallel steps, table cells) before it runs, and once the budget cannot pay for a
//!   search, quotes are only checked at their stored position; what is not there becomes an
//!   orphan. The budget counts work, not time, so the same file always anchors the same way.
//!
//! The word diff of [`reanchor`] is capped in size ([`MAX_DIFF_TOKENS`]) and given a
//! deadline ([`DIFF_DEADLINE`], measured with `similar`'s clock, which works in the browser
//! through its `wasm32_web_time` feature); past either, fewer spans map through the diff and
//! more are found by their quote, within the budget.

use crate::core::model::{Anchoring, Annotation, TextQuote};
use crate::core::offsets::CpIndex;
use std::borrow::Cow;
use std::cell::{Cell, OnceCell};
use std::collections::HashMap;
use std::rc::Rc;

/// The lowest similarity (`1 - edit distance / quote length`, in code points) at which an
/// approximate match is accepted: a quarter of the quote's characters may differ.
pub const FUZZY_THRESHOLD: f64 = 0.75;

/// Quotes longer than this many code points are not searched approximately (they become
/// orphans when neither their position nor their exact text is found), which bounds the cost
/// of one search to about `n · 16` word operations and its start-finding table to about a
/// million cells. Quotes worth finding approximately are sentences, not pages.
pub const MAX_FUZZY_CP: usize = 1024;

/// Quotes longer than this many code points (about 3,000 words, a long feature) are only
/// checked at their stored position, never searched for.
pub const MAX_QUOTE_CP: usize = 20_000;

/// Code points of stored context (prefix, suffix) that anchoring compares; the rest of a
/// longer context is ignored. The app stores [`crate::core::model::CONTEXT_CP`].
pub const MAX_CONTEXT_CP: usize = 256;

/// Occurrences of a quote's exact text examined at most, the nearest to its stored position
/// first (all of them when there is no position).
pub const MAX_CANDIDATES: usize = 1000;

/// Work units one import or one text replacement may spend searching for quotes (see
/// [`Budget`]): about a second of searching in the browser on the machine of BENCHMARKS.md.
pub const IMPORT_BUDGET: u64 = 150_000_000;

/// Tokens (words and single other characters) of old plus new text above which
/// [`reanchor`] does not diff the texts at all and finds every quote by its text alone.
pub const MAX_DIFF_TOKENS: usize = 400_000;

/// How long [`reanchor`]'s word diff may run before it settles for a coarser result.
pub const DIFF_DEADLINE: std::time::Duration = std::time::Duration::from_millis(1500);

/// A store of work units that searches draw on; shared (through an `Rc`) by the
/// [`Anchorer`]s of one import, so that the whole import is bounded, not each quote.
///
/// Units approximate one step of the bit-parallel search over one 64-code-point block of a
/// pattern (a few nanoseconds): a byte comparison costs 1/32 of a unit, a code point of
/// context compared 1/4, a cell of the start-finding table 1.
#[derive(Debug)]
pub struct Budget {
    left: Cell<u64>,
    /// Quotes of which a search was refused.
    refused: Cell<usize>,
    /// Whether a search of the quote being anchored was refused.
    short: Cell<bool>,
}

impl Budget {
    /// A budget of `units`.
    pub fn new(units: u64) -> Rc<Self> {
        Rc::new(Budget {
            left: Cell::new(units),
            refused: Cell::new(0),
            short: Cell::new(false),
        })
    }

    /// Units left.
    pub fn left(&self) -> u64 {
        self.left.get()
    }

    /// How many quotes the budget could not pay to search for (they were only checked at
    /// their stored position, or searched in part).
    pub fn refused(&self) -> usize {
        self.refused.get()
    }

    /// Takes `cost` units when there are that many left; otherwise takes nothing, notes that
    /// the current quote was refused and says no.
    fn spend(&self, cost: u64) -> bool {
        match self.left.get().checked_sub(cost) {
            Some(left) => {
                self.left.set(left);
                true
            }
            None => {
                self.short.set(true);
                false
            }
        }
    }

    /// Ends the current quote: counts it when one of its searches was refused.
    fn end_quote(&self) {
        if self.short.replace(false) {
            self.refused.set(self.refused.get() + 1);
        }
    }
}

/// The cost in units of comparing `bytes` bytes.
fn bytes_cost(bytes: usize) -> u64 {
    (bytes as u64).div_ceil(32)
}

/// How an annotation was anchored.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Method {
    /// The stored position holds the quote's exact text.
    Position,
    /// The exact text was found elsewhere. `unique` says whether it occurs only once.
    Exact {
        /// Whether the exact text occurs only once in the text.
        unique: bool,
    },
    /// An approximate match with this similarity (from [`FUZZY_THRESHOLD`] to 1).
    Fuzzy {
        /// `1 - edit distance / quote length`.
        score: f64,
    },
    /// Not found.
    Orphan,
}

/// Where a quote was anchored: code points `start..end` of the text, and how.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Anchor {
    /// How the quote was anchored.
    pub method: Method,
    /// Code point offset of the first character (for an orphan, the last known one, clamped).
    pub start: usize,
    /// Code point offset just past the last character.
    pub end: usize,
}

impl Anchor {
    /// The [`Anchoring`] state an annotation anchored this way should carry: `Anchored` for
    /// the position or a unique exact match, `NeedsReview` for an ambiguous exact match or a
    /// fuzzy one, `Orphan` otherwise.
    pub fn anchoring(&self) -> Anchoring {
        match self.method {
            Method::Position | Method::Exact { unique: true } => Anchoring::Anchored,
            Method::Exact { unique: false } | Method::Fuzzy { .. } => Anchoring::NeedsReview,
            Method::Orphan => Anchoring::Orphan,
        }
    }
}

/// Anchors quotes on one text; build it once and anchor many quotes with it.
#[derive(Debug)]
pub struct Anchorer<'t> {
    text: &'t str,
    cps: CpIndex,
    occurrences: OnceCell<PrefixIndex>,
    budget: Rc<Budget>,
}

impl<'t> Anchorer<'t> {
    /// Prepares anchoring on `text` (a code point index now; the occurrence index on first
    /// need), with a budget of its own of [`IMPORT_BUDGET`].
    pub fn new(text: &'t str) -> Self {
        Self::with_budget(text, Budget::new(IMPORT_BUDGET))
    }

    /// Prepares anchoring on `text`, drawing on `budget` (shared with other anchorers of the
    /// same import).
    pub fn with_budget(text: &'t str, budget: Rc<Budget>) -> Self {
        Anchorer {
            text,
            cps: CpIndex::new(text),
            occurrences: OnceCell::new(),
            budget,
        }
    }

    /// The budget this anchorer draws on.
    pub fn budget(&self) -> &Rc<Budget> {
        &self.budget
    }

    /// The text quotes are anchored on.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// Code points in the text.
    pub fn len_cp(&self) -> usize {
        self.cps.len()
    }

    /// The text between two code point offsets (clamped).
    pub fn slice(&self, start: usize, end: usize) -> &'t str {
        self.cps.slice(self.text, start, end)
    }

    /// Anchors `quote`, stored at `position` (`start..end` in code points) when known. See the
    /// module documentation for the order of attempts.
    pub fn anchor(&self, quote: &TextQuote, position: Option<(usize, usize)>) -> Anchor {
        let found = self.attempt(quote, position);
        self.budget.end_quote();
        found
    }

    fn attempt(&self, quote: &TextQuote, position: Option<(usize, usize)>) -> Anchor {
        let quote = &bounded_context(quote);
        let n = self.len_cp();
        if let Some((s, e)) = position {
            // Costs at most the quote's own length (plus bounded context): always paid.
            if s <= e && e <= n && self.holds(quote, s, e) {
                return Anchor {
                    method: Method::Position,
                    start: s,
                    end: e,
                };
            }
        }
        let hint = position.map(|(s, _)| s);
        if !quote.exact.is_empty() && quote.exact.len() <= 4 * MAX_QUOTE_CP {
            let long = quote.exact.chars().count() > MAX_QUOTE_CP;
            if !long {
                if let Some(found) = self.exact(quote, hint) {
                    return found;
                }
                // A quote whose exact search the budget refused is not searched approximately
                // either: a smaller budget only ever gives up, never anchors elsewhere.
                if !self.budget.short.get() {
                    if let Some(found) = self.fuzzy(&quote.exact, hint) {
                        return found;
                    }
                }
            }
        }
        let (s, e) = position.unwrap_or((0, 0));
        let s = s.min(n);
        Anchor {
            method: Method::Orphan,
            start: s,
            end: e.clamp(s, n),
        }
    }

    /// Whether code points `s..e` hold the quote's exact text with its whole stored context
    /// around it. Text alone is not enough: a short quote ("in") is often found at a stale
    /// position inside other words, and only its context tells.
    fn holds(&self, quote: &TextQuote, s: usize, e: usize) -> bool {
        let (a, b) = (self.cps.byte(s), self.cps.byte(e));
        self.text.get(a..b) == Some(quote.exact.as_str())
            && self
                .text
                .get(..a)
                .is_some_and(|t| t.ends_with(&quote.prefix))
            && self
                .text
                .get(b..)
                .is_some_and(|t| t.starts_with(&quote.suffix))
    }

    fn exact(&self, quote: &TextQuote, hint: Option<usize>) -> Option<Anchor> {
        if self.occurrences.get().is_none() && !self.budget.spend(bytes_cost(8 * self.text.len())) {
            return None;
        }
        let index = self.occurrences.get_or_init(|| PrefixIndex::new(self.text));
        let exact_cp = quote.exact.chars().count();
        let hint_byte = hint.map(|h| self.cps.byte(h.min(self.len_cp())));
        let (hits, complete) = index.find(self.text, &quote.exact, hint_byte, &self.budget)?;
        // Each occurrence's context is compared (at most MAX_CONTEXT_CP on each side).
        let context = quote.prefix.len() + quote.suffix.len();
        if !self
            .budget
            .spend(hits.len() as u64 * (1 + (context as u64) / 4))
        {
            return None;
        }
        let unique = complete && hits.len() == 1;
        let found = |start: usize| Anchor {
            method: Method::Exact { unique },
            start,
            end: start + exact_cp,
        };
        if let Some(h) = hint {
            if let Some(start) = self.nearest_full_agreement(&hits, quote, h) {
                return Some(found(start));
            }
        }
        self.scan(&hits, quote, hint).map(found)
    }

    /// How many code points of the stored context agree with the text around the occurrence
    /// of the quote's exact text at byte `byte`.
    fn agreement(&self, quote: &TextQuote, byte: usize) -> usize {
        let before = self.text.get(..byte).unwrap_or("");
        let after = self.text.get(byte + quote.exact.len()..).unwrap_or("");
        common_suffix_cp(before, &quote.prefix) + common_prefix_cp(after, &quote.suffix)
    }

    /// Every occurrence scored: the most agreement with the stored context, then the nearest
    /// to the hint, then the first in the text.
    fn scan(&self, hits: &[usize], quote: &TextQuote, hint: Option<usize>) -> Option<usize> {
        let mut best: Option<(usize, usize, usize)> = None; // (agreement, distance, start)
        for &byte in hits {
            let start = self.cps.cp(byte);
            let agreement = self.agreement(quote, byte);
            let distance = hint.map_or(0, |h| h.abs_diff(start));
            let better = match best {
                None => true,
                Some((a, d, _)) => agreement > a || (agreement == a && distance < d),
            };
            if better {
                best = Some((agreement, distance, start));
            }
        }
        best.map(|(_, _, start)| start)
    }

    /// The fast path of [`Self::exact`] when a position hint is known: occurrences are visited
    /// outwards from the hint, and the first whose context agrees with the whole stored prefix
    /// and suffix is the answer the full scan would give (nothing agrees more, and only an
    /// occurrence nearer the hint could tie-break ahead of it, which the walk has seen or
    /// bounds out). `None` when no occurrence near the hint agrees fully; the caller then
    /// scans them all.
    fn nearest_full_agreement(
        &self,
        hits: &[usize],
        quote: &TextQuote,
        hint: usize,
    ) -> Option<usize> {
        // At most this many occurrences are tried before giving up on the fast path.
        const TRIES: usize = 16;
        let full = quote.prefix.chars().count() + quote.suffix.chars().count();
        let hint_byte = self.cps.byte(hint.min(self.len_cp()));
        let split = hits.partition_point(|&b| b < hint_byte);
        // hits[left..right] have been visited.
        let (mut left, mut right) = (split, split);
        // (cp distance, start) of the nearest occurrence in full agreement so far.
        let mut best: Option<(usize, usize)> = None;
        for _ in 0..TRIES {
            let next_left = left
                .checked_sub(1)
                .and_then(|i| hits.get(i).map(|&b| (i, b)));
            let next_right = hits.get(right).map(|&b| (right, b));
            let (i, byte) = match (next_left, next_right) {
                (Some(l), Some(r)) => {
                    if hint_byte - l.1 <= r.1 - hint_byte {
                        l
                    } else {
                        r
                    }
                }
                (Some(l), None) => l,
                (None, Some(r)) => r,
                (None, None) => break,
            };
            // A code point is at most 4 bytes: an occurrence `d` bytes away is at least
            // `d / 4` code points away, so once that exceeds the best distance, stop.
            if let Some((d, start)) = best {
                if byte.abs_diff(hint_byte) > 4 * d {
                    return Some(start);
                }
            }
            if i < split {
                left = i;
            } else {
                right = i + 1;
            }
            if self.agreement(quote, byte) == full {
                let start = self.cps.cp(byte);
                let d = hint.abs_diff(start);
                if best.is_none_or(|(bd, bs)| d < bd || (d == bd && start < bs)) {
                    best = Some((d, start));
                }
            }
        }
        // Every occurrence was visited: the best one found is the answer.
        if left == 0 && right == hits.len() {
            return best.map(|(_, start)| start);
        }
        None
    }

    fn fuzzy(&self, exact: &str, hint: Option<usize>) -> Option<Anchor> {
        let pattern: Vec<char> = exact.chars().collect();
        let m = pattern.len();
        if m == 0 || m > MAX_FUZZY_CP {
            return None;
        }
        let max_dist = ((1.0 - FUZZY_THRESHOLD) * m as f64).floor() as usize;
        // Per text code point, one step per 64-code-point block plus the fixed cost of reading
        // the character and finding its bit vectors (measured at about three steps); then the
        // start-finding table.
        let search = self.len_cp() as u64 * (m.div_ceil(64) as u64 + 3);
        let table = m as u64 * (m + max_dist) as u64;
        if !self.budget.spend(search + table) {
            return None;
        }
        let (dist, end) = best_approximate_end(&pattern, self.text.chars(), max_dist, |end| {
            hint.map_or(0, |h| h.abs_diff(end.saturating_sub(m)))
        })?;
        let start = approximate_start(&pattern, self.text, &self.cps, end, dist);
        let score = 1.0 - dist as f64 / m as f64;
        if score < FUZZY_THRESHOLD {
            return None;
        }
        Some(Anchor {
            method: Method::Fuzzy { score },
            start,
            end,
        })
    }
}

/// Anchors one quote on `text`. For many quotes on one text, use an [`Anchorer`].
pub fn anchor(text: &str, quote: &TextQuote, position: Option<(usize, usize)>) -> Anchor {
    Anchorer::new(text).anchor(quote, position)
}

/// Moves `annotations` from `old_text` to `new_text`, the article's replacement text, and
/// returns them in the same order, none dropped.
///
/// Each annotation's position is first mapped through a word-level diff of the two texts.
/// When both ends map and the new text there still equals the quote, it stays `Anchored` at
/// the mapped place. Otherwise it is anchored by its quote (with the mapped or old position as
/// a hint): a unique exact match is `Anchored`; an ambiguous or fuzzy match is `NeedsReview`.
/// When the quote is not found but the mapped span is not empty (the quoted text itself was
/// edited), it is attached there as `NeedsReview`. Otherwise it becomes an `Orphan` that keeps
/// its old position (clamped to the new text). The stored quote is never changed, so that a
/// reviewer can see what was annotated.
///
/// The diff and the searches are bounded (see the module's "Bounds"): a text replacement
/// with many annotations ends, its unaffordable searches leaving orphans.
pub fn reanchor(old_text: &str, new_text: &str, annotations: &[Annotation]) -> Vec<Annotation> {
    reanchor_with_budget(old_text, new_text, annotations, Budget::new(IMPORT_BUDGET))
}

/// [`reanchor`], drawing on `budget` (the import that replaces several articles' texts
/// shares one).
pub fn reanchor_with_budget(
    old_text: &str,
    new_text: &str,
    annotations: &[Annotation],
    budget: Rc<Budget>,
) -> Vec<Annotation> {
    if annotations.is_empty() {
        return Vec::new();
    }
    let map = OffsetMap::new(old_text, new_text);
    let anchorer = Anchorer::with_budget(new_text, budget);
    annotations
        .iter()
        .map(|a| {
            let mut out = a.clone();
            let mapped = map.map_span(a.start, a.end);
            let found = anchorer.anchor(&a.quote, mapped);
            let (start, end, anchoring) = match (found.method, mapped) {
                (Method::Position, _) => (found.start, found.end, Anchoring::Anchored),
                (Method::Orphan, Some((s, e))) if s < e => (s, e, Anchoring::NeedsReview),
                _ => (found.start, found.end, found.anchoring()),
            };
            out.start = start;
            out.end = end;
            out.anchoring = anchoring;
            out
        })
        .collect()
}

/// Old-to-new code point mapping from a word-level diff.
struct OffsetMap {
    /// Equal runs `(old_start, new_start, len)` in code points, sorted by `old_start`.
    equal: Vec<(usize, usize, usize)>,
}

impl OffsetMap {
    fn new(old: &str, new: &str) -> Self {
        let (old_tokens, old_starts) = tokens(old);
        let (new_tokens, new_starts) = tokens(new);
        if old_tokens.len() + new_tokens.len() > MAX_DIFF_TOKENS {
            return OffsetMap { equal: Vec::new() };
        }
        let deadline = similar::Instant::now().checked_add(DIFF_DEADLINE);
        let ops = similar::capture_diff_slices_deadline(
            similar::Algorithm::Patience,
            &old_tokens,
            &new_tokens,
            deadline,
        );
        let mut equal = Vec::new();
        for op in ops {
            if let similar::DiffOp::Equal {
                old_index,
                new_index,
                len,
            } = op
            {
                let (Some(&os), Some(&oe), Some(&ns)) = (
                    old_starts.get(old_index),
                    old_starts.get(old_index + len),
                    new_starts.get(new_index),
                ) else {
                    continue;
                };
                equal.push((os, ns, oe - os));
            }
        }
        OffsetMap { equal }
    }

    /// The new position of the old code point `p`, when it lies in an unchanged run.
    fn map_char(&self, p: usize) -> Option<usize> {
        let i = self.equal.partition_point(|&(os, _, _)| os <= p);
        let &(os, ns, len) = self.equal.get(i.checked_sub(1)?)?;
        (p < os + len).then(|| ns + (p - os))
    }

    /// The new span of the old span `start..end`, when both its first and last characters lie
    /// in unchanged runs and the result is in order.
    fn map_span(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        if start >= end {
            return self.map_char(start).map(|s| (s, s));
        }
        let s = self.map_char(start)?;
        let e = self.map_char(end - 1)? + 1;
        (s < e).then_some((s, e))
    }
}

/// Splits `s` into tokens (runs of alphanumeric characters, or single other characters) and
/// returns them with their code point starts, plus one final entry for the end.
fn tokens(s: &str) -> (Vec<&str>, Vec<usize>) {
    let mut toks = Vec::new();
    let mut starts = Vec::new();
    let mut tok_start_byte = 0usize;
    let mut tok_start_cp = 0usize;
    let mut prev_alnum = false;
    let mut cp = 0usize;
    for (b, c) in s.char_indices() {
        let alnum = c.is_alphanumeric();
        if b > 0 && !(alnum && prev_alnum) {
            toks.push(s.get(tok_start_byte..b).unwrap_or(""));
            starts.push(tok_start_cp);
            tok_start_byte = b;
            tok_start_cp = cp;
        }
        prev_alnum = alnum;
        cp += 1;
    }
    if !s.is_empty() {
        toks.push(s.get(tok_start_byte..).unwrap_or(""));
        starts.push(tok_start_cp);
    }
    starts.push(cp);
    (toks, starts)
}

/// The quote with its prefix cut to its last [`MAX_CONTEXT_CP`] code points and its suffix
/// to its first [`MAX_CONTEXT_CP`] (borrowed when both are short enough already).
fn bounded_context(quote: &TextQuote) -> Cow<'_, TextQuote> {
    // A context of at most MAX_CONTEXT_CP bytes has at most that many code points.
    if quote.prefix.len() <= MAX_CONTEXT_CP && quote.suffix.len() <= MAX_CONTEXT_CP {
        return Cow::Borrowed(quote);
    }
    let prefix_from = quote
        .prefix
        .char_indices()
        .rev()
        .nth(MAX_CONTEXT_CP - 1)
        .map_or(0, |(b, _)| b);
    let suffix_to = quote
        .suffix
        .char_indices()
        .nth(MAX_CONTEXT_CP)
        .map_or(quote.suffix.len(), |(b, _)| b);
    Cow::Owned(TextQuote {
        exact: quote.exact.clone(),
        prefix: quote.prefix.get(prefix_from..).unwrap_or("").to_owned(),
        suffix: quote.suffix.get(..suffix_to).unwrap_or("").to_owned(),
    })
}

/// Code points at the end of `a` that equal the end of `b`.
fn common_suffix_cp(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// Code points at the start of `a` that equal the start of `b`.
fn common_prefix_cp(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// An index of every character start of a text, sorted by the (up to) four bytes that follow
/// it, so that all occurrences of a string are found by two binary searches and a check of
/// each candidate.
///
/// Each entry is one `u64`: the four bytes (big-endian, zero-padded at the end of the text) in
/// the high half and the byte offset in the low half. Entries are made in text order and sorted
/// by a stable radix sort on the four key bytes (the `radsort` crate), so equal keys stay in
/// text order and the index of a long article is built in a few linear passes (a comparison
/// sort of the same entries took most of the time of anchoring 2,000 quotes on 100,000 words).
#[derive(Debug)]
struct PrefixIndex {
    entries: Vec<u64>,
}

/// Bytes of the key.
const KEY_BYTES: usize = 4;

impl PrefixIndex {
    fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut entries: Vec<u64> = text
            .char_indices()
            .map(|(b, _)| (u64::from(key(bytes.get(b..).unwrap_or(&[])).0) << 32) | b as u64)
            .collect();
        // Stable, so equal keys keep text order; O(n) passes over the bytes of the key.
        radsort::sort_by_key(&mut entries, |&e| (e >> 32) as u32);
        PrefixIndex { entries }
    }

    /// Byte offsets of the occurrences of `needle` (not empty) in `text`, in text order, and
    /// whether they are all of them: at most [`MAX_CANDIDATES`] candidates are examined, the
    /// nearest to `hint` (a byte offset) first. `None` when `budget` cannot pay for the
    /// comparisons.
    fn find(
        &self,
        text: &str,
        needle: &str,
        hint: Option<usize>,
        budget: &Budget,
    ) -> Option<(Vec<usize>, bool)> {
        let (k, used) = key(needle.as_bytes());
        // Keys that share the first `used` bytes of the needle form a contiguous range.
        let mask = u32::MAX.checked_shr(8 * used as u32).unwrap_or(0);
        let lo = self.entries.partition_point(|&e| ((e >> 32) as u32) < k);
        let hi = self
            .entries
            .partition_point(|&e| ((e >> 32) as u32) <= (k | mask));
        let range = self.entries.get(lo..hi).unwrap_or(&[]);
        let offset = |e: &u64| (e & 0xFFFF_FFFF) as usize;
        let mut candidates: Vec<usize> = if used < KEY_BYTES {
            // Several keys: each in text order, but not the whole. A needle this short is
            // cheap to compare, so the whole range is taken (and paid for) and sorted.
            if !budget.spend(bytes_cost(32 * range.len())) {
                return None;
            }
            let mut all: Vec<usize> = range.iter().map(offset).collect();
            all.sort_unstable();
            all
        } else {
            range.iter().map(offset).collect()
        };
        let complete = candidates.len() <= MAX_CANDIDATES;
        if !complete {
            // The window of MAX_CANDIDATES candidates nearest the hint (the first ones
            // without a hint).
            let at = hint.map_or(0, |h| candidates.partition_point(|&b| b < h));
            let from = at
                .saturating_sub(MAX_CANDIDATES / 2)
                .min(candidates.len() - MAX_CANDIDATES);
            candidates = candidates
                .get(from..from + MAX_CANDIDATES)
                .unwrap_or(&[])
                .to_vec();
        }
        // Each candidate compares up to the needle's length.
        if !budget.spend(candidates.len() as u64 * bytes_cost(needle.len()).max(1)) {
            return None;
        }
        let hits = candidates
            .into_iter()
            .filter(|&b| text.get(b..).is_some_and(|t| t.starts_with(needle)))
            .collect();
        Some((hits, complete))
    }
}

/// The first up-to-four bytes of `b`, big-endian, zero-padded; and how many were used.
fn key(b: &[u8]) -> (u32, usize) {
    let mut k = 0u32;
    let used = b.len().min(KEY_BYTES);
    for i in 0..KEY_BYTES {
        k = (k << 8) | u32::from(*b.get(i).filter(|_| i < used).unwrap_or(&0));
    }
    (k, used)
}

/// Myers/Hyyrö bit-parallel approximate search: the end (exclusive, in code points) of the
/// substring of `text` with the smallest edit distance to `pattern`, when that distance is at
/// most `max_dist`. Ties go to the smallest `tie(end)`.
fn best_approximate_end(
    pattern: &[char],
    text: impl Iterator<Item = char>,
    max_dist: usize,
    tie: impl Fn(usize) -> usize,
) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize, usize)> = None; // (dist, tie, end)
    each_end_distance(pattern, text, |end, dist| {
        if dist <= max_dist {
            let t = tie(end);
            let better = match best {
                None => true,
                Some((d, bt, _)) => dist < d || (dist == d && t < bt),
            };
            if better {
                best = Some((dist, t, end));
            }
        }
    });
    best.map(|(d, _, end)| (d, end))
}

/// Myers' bit-parallel computation of the last row of the approximate matching table, in
/// Hyyrö's form for patterns of any length (one 64-bit block per 64 code points, the
/// horizontal delta carried from block to block): calls `found(end, dist)` for every end
/// (exclusive, code points, from 1) of `text`, where `dist` is the smallest edit distance
/// between `pattern` (not empty) and a substring of `text` ending there.
fn each_end_distance(
    pattern: &[char],
    text: impl Iterator<Item = char>,
    mut found: impl FnMut(usize, usize),
) {
    let m = pattern.len();
    if m == 0 {
        return;
    }
    let blocks = m.div_ceil(64);
    // The pattern's bit vectors, one per distinct character; ASCII characters find theirs
    // through a table, others through a map (a hash per text character was most of the
    // search's time).
    let mut vectors: Vec<Vec<u64>> = vec![vec![0; blocks]];
    let mut ascii = [0usize; 128];
    let mut other: HashMap<char, usize> = HashMap::new();
    for (i, &c) in pattern.iter().enumerate() {
        let slot = match usize::try_from(u32::from(c))
            .ok()
            .and_then(|k| ascii.get_mut(k))
        {
            Some(slot) => slot,
            None => other.entry(c).or_insert(0),
        };
        if *slot == 0 {
            *slot = vectors.len();
            vectors.push(vec![0; blocks]);
        }
        if let Some(w) = vectors.get_mut(*slot).and_then(|v| v.get_mut(i / 64)) {
            *w |= 1u64 << (i % 64);
        }
    }
    let zero = vec![0u64; blocks];
    let lookup = |c: char| -> &Vec<u64> {
        let slot = match usize::try_from(u32::from(c))
            .ok()
            .and_then(|k| ascii.get(k))
        {
            Some(&slot) => slot,
            None if other.is_empty() => 0,
            None => other.get(&c).copied().unwrap_or(0),
        };
        vectors.get(slot).unwrap_or(&zero)
    };
    let last_bit = 1u64 << ((m - 1) % 64);
    let mut pv = vec![u64::MAX; blocks];
    let mut mv = vec![0u64; blocks];
    let mut score = m;
    for (j, c) in text.enumerate() {
        let eqs = lookup(c);
        let mut hin: i8 = 0;
        for b in 0..blocks {
            let (Some(p), Some(mm), Some(&eq0)) = (pv.get_mut(b), mv.get_mut(b), eqs.get(b)) else {
                break;
            };
            let high = if b + 1 == blocks {
                last_bit
            } else {
                1u64 << 63
            };
            let eq = if hin < 0 { eq0 | 1 } else { eq0 };
            let xv = eq | *mm;
            let xh = ((eq & *p).wrapping_add(*p) ^ *p) | eq;
            let mut ph = *mm | !(xh | *p);
            let mut mh = *p & xh;
            let hout: i8 = if ph & high != 0 {
                1
            } else if mh & high != 0 {
                -1
            } else {
                0
            };
            ph <<= 1;
            mh <<= 1;
            if hin < 0 {
                mh |= 1;
            } else if hin > 0 {
                ph |= 1;
            }
            *p = mh | !(xv | ph);
            *mm = ph & xv;
            hin = hout;
        }
        score = match hin {
            1 => score + 1,
            -1 => score.saturating_sub(1),
            _ => score,
        };
        found(j + 1, score);
    }
}

/// The start (code points) of a substring of `text` ending at `end` whose edit distance to
/// `pattern` is `dist` (the one found by [`best_approximate_end`]): of those, the one whose
/// length is nearest the pattern's, by a small dynamic programme over the `m + dist`
/// characters before `end`.
fn approximate_start(
    pattern: &[char],
    text: &str,
    cps: &CpIndex,
    end: usize,
    dist: usize,
) -> usize {
    let m = pattern.len();
    let from = end.saturating_sub(m + dist);
    let window: Vec<char> = cps.slice(text, from, end).chars().rev().collect();
    let rev_pat: Vec<char> = pattern.iter().rev().copied().collect();
    // prev[c] = distance between the first i reversed pattern chars and the first c reversed
    // window chars (the alignment must start at `end`).
    let mut prev: Vec<usize> = (0..=window.len()).collect();
    for (i, pc) in rev_pat.iter().enumerate() {
        let mut cur = vec![i + 1; window.len() + 1];
        for (c, wc) in window.iter().enumerate() {
            let sub = prev.get(c).copied().unwrap_or(usize::MAX / 2) + usize::from(pc != wc);
            let del = prev.get(c + 1).copied().unwrap_or(usize::MAX / 2) + 1;
            let ins = cur.get(c).copied().unwrap_or(usize::MAX / 2) + 1;
            if let Some(slot) = cur.get_mut(c + 1) {
                *slot = sub.min(del).min(ins);
            }
        }
        prev = cur;
    }
    let len = prev
        .iter()
        .enumerate()
        .filter(|&(_, &d)| d <= dist)
        .map(|(c, _)| c)
        .min_by_key(|&c| c.abs_diff(m))
        .unwrap_or(m.min(window.len()));
    end - len.min(end)
}

#[cfg(test)]
mod tests;
