//! What the app does with suggestions (issue 13): the list the user moves through, what it
//! leaves out, what accepting and dismissing one mean, and how dismissals are stored.
//!
//! The suggester itself is elsewhere: direct quotes and their speakers in
//! [`crate::core::suggest`], check-worthy sentences in [`crate::core::claims`]. [`find`] runs
//! both over an article's text (in the suggester worker, `src/bin/suggester.rs`) and gives the
//! page a [`Found`]: quotes in text order, then the claims worth showing
//! ([`CLAIM_MIN_SCORE`] and over, on the scale of [`check_worthiness`]) in score order, the
//! best first. That is the order of the
//! panel's list and of `J`/`K`.
//!
//! On the page, [`live`] takes out of that list what the user has dealt with: a suggestion
//! that an annotation of the same kind already covers (at least half of it), and one the user dismissed for this article. Accepting a suggestion makes an
//! annotation ([`accept`]) that goes through the reducer like any other (so it is undone like
//! any other, and then the suggestion comes back); dismissing one adds its [`Suggestion::key`]
//! to the article's dismissed set, stored under [`dismissed_key`] in the meta store. A key is
//! the suggestion's kind and text, not its offsets, so a dismissal holds when the text around
//! it changes.
//!
//! Nothing here knows of workers, storage APIs or the DOM.

use crate::core::sort::SortedSet;
use serde_tuple::{Deserialize_tuple, Serialize_tuple};
use std::collections::{BTreeMap, HashMap};

use serde_json::Value;
use uuid::Uuid;

use crate::core::claims::{ClaimModel, ClaimSuggestion};
use crate::core::model::{Annotation, Body, ClaimFields, Kind, QuoteFields, Timestamp};
use crate::core::offsets::CpIndex;
use crate::core::panel::shorten;
use crate::core::suggest::{QuoteSuggestion, Turn};

/// The share of sentences fact-checkers checked in the claim model's training data (440 of
/// 16,421 sentences of the CLEF CheckThat! 2019 transcripts, `bench/claims/README.md`): the
/// model's probabilities are calibrated to it (Platt scaling in `bench/claims/train.py`), so an
/// average sentence gets about 0.027 and a sentence with figures and a comparison about 0.4.
pub const CHECKED_SHARE: f32 = 440.0 / 16_421.0;

/// The lowest score ([`check_worthiness`]) a claim needs to be suggested: 7/3 the odds of an
/// average sentence (0.7 on the scale people see). A list to review, not a verdict on every
/// sentence: with the calibrated model it passes 4.7% of the training transcripts' sentences
/// (13.6% at the odds of an average sentence, 0.5; the base rate of checked sentences is
/// 2.7%) and 13 of the sample article's 31 sentences (24 at 0.5), those with figures and
/// comparisons first; datelines and captions stay out. Measured with the `suggest` binary over
/// the training transcripts and `../shared/sample-article.txt` (the test split never). The
/// threshold does not change the ranking the model's MAP is measured on.
pub const CLAIM_MIN_SCORE: f32 = 0.7;

/// The score people see for a claim the model gives probability `p`: how its odds of being
/// checked compare with those of an average sentence ([`CHECKED_SHARE`]), as a number from 0
/// to 1 — 0.5 is an average sentence, 0.75 three times its odds, 0.9 nine times. It orders
/// claims exactly as `p` does.
pub fn check_worthiness(p: f32) -> f32 {
    if p.is_nan() {
        return 0.0;
    }
    let p = p.clamp(0.0, 1.0);
    let odds = |x: f32| x / (1.0 - x).max(f32::MIN_POSITIVE);
    let ratio = odds(p) / odds(CHECKED_SHARE);
    if ratio.is_finite() {
        ratio / (1.0 + ratio)
    } else {
        1.0
    }
}

/// Why a text in another language gets no claims (one whose quotes' speakers are read by its
/// own words: Spanish, German, French, Italian, Portuguese, Dutch).
pub const NOT_ENGLISH: &str =
    "Claims are suggested for English text only, and this article does not read as English.";

/// Why a text in a language the suggester has no words for gets no claims and no speakers.
pub const NO_SPEAKERS: &str =
    "Claims are suggested for English text only, and this article does not read as English. \
     Its quotes are suggested without speakers.";

/// The most claims suggested in one article, the best first: a ranked list is read from the
/// top, and a long article would otherwise bury its quotes under hundreds of sentences.
pub const MAX_CLAIMS: usize = 100;

/// The most code points of a suggestion's text kept in its [`Suggestion::key`].
const KEY_TEXT_CP: usize = 200;

/// One suggestion: an annotation the app proposes.
#[derive(Debug, Clone, PartialEq, Serialize_tuple, Deserialize_tuple)]
pub struct Suggestion {
    /// A quote or a claim.
    pub kind: Kind,
    /// Code point offset of its first character.
    pub start: usize,
    /// Code point offset just past its last character.
    pub end: usize,
    /// The speaker of a quote, or the claimant of a claim that sits in someone's quote.
    pub who: Option<String>,
    /// A claim's check-worthiness ([`check_worthiness`]) in thousandths, 0 to 1000: an
    /// integer, so that the page needs no floating-point parsing or formatting code.
    pub score: Option<u16>,
    /// What identifies it for a dismissal ([`Suggestion::key`]).
    pub key: String,
}

impl Suggestion {
    /// What identifies a suggestion of `kind` on `exact` across sessions and small edits of
    /// the text around it: its kind and (the first 200 code points of) its text.
    pub fn key_of(kind: Kind, exact: &str) -> String {
        let text: String = exact.chars().take(KEY_TEXT_CP).collect();
        format!("{}:{}", kind.as_str(), text)
    }

    /// The score as people read it, "0.87" (claims only), rounded to hundredths.
    pub fn score_label(&self) -> Option<String> {
        self.score.map(|s| {
            let hundredths = (s.min(1000) + 5) / 10;
            format!("{}.{:02}", hundredths / 100, hundredths % 100)
        })
    }

    /// The first 200 code points of its text, from its key: what the list shows, without
    /// reading the article's text again (slicing a long text by code points costs a scan).
    pub fn excerpt(&self) -> &str {
        self.key.split_once(':').map_or("", |(_, t)| t)
    }

    /// A one-line description for the list and for screen readers: "Quote by Rex Tillerson:
    /// “We are …”" or "Claim, score 0.91: “Unemployment fell …”".
    pub fn describe(&self) -> String {
        let exact = shorten(self.excerpt(), 90);
        let head = match (self.kind, &self.who, self.score_label()) {
            (Kind::Quote, Some(who), _) => format!("Quote by {who}"),
            (Kind::Quote, None, _) => "Quote, speaker unknown".to_owned(),
            (Kind::Claim, Some(who), Some(s)) => format!("Claim by {who}, score {s}"),
            (Kind::Claim, None, Some(s)) => format!("Claim, score {s}"),
            (Kind::Claim, Some(who), None) => format!("Claim by {who}"),
            (Kind::Claim, None, None) => "Claim".to_owned(),
        };
        format!("{head}: “{exact}”")
    }
}

/// What the suggester found in one article's text: the list in the order it is shown.
#[derive(Debug, Clone, PartialEq, Default, Serialize_tuple, Deserialize_tuple)]
pub struct Found {
    /// Quotes in text order, then claims in score order (the best first).
    pub suggestions: Vec<Suggestion>,
    /// Why claims could not be suggested (the model could not be loaded), if so.
    pub claims_unavailable: Option<String>,
}

impl Found {
    /// How many quotes and how many claims.
    pub fn counts(&self) -> (usize, usize) {
        count(&self.suggestions)
    }
}

/// How many quotes and how many claims `list` holds.
pub fn count(list: &[Suggestion]) -> (usize, usize) {
    let quotes = list.iter().filter(|s| s.kind == Kind::Quote).count();
    (quotes, list.len() - quotes)
}

/// The suggestions for `text`: its quotes with their speakers, and, when a claim model is
/// given, its check-worthy sentences, each claim that lies in a quote (most of it inside)
/// given that quote's speaker as claimant, else, in a transcript, the speaker of the turn
/// it lies in ("RUIZ: Unemployment fell …", `suggest::Turn`). `model` is `Err` with the reason when it could
/// not be loaded: quotes are still suggested.
pub fn find(text: &str, model: Result<&ClaimModel, String>) -> Found {
    let english = crate::core::suggest::reads_as_english(text);
    let (quotes, turns) = crate::core::suggest::quotes_and_turns(text, english);
    let index = CpIndex::new(text);
    let mut suggestions: Vec<Suggestion> = quotes
        .iter()
        .filter(|q| q.start < q.end)
        .map(|q| Suggestion {
            kind: Kind::Quote,
            start: q.start,
            end: q.end,
            who: q.speaker.as_ref().map(|s| s.name.clone()),
            score: None,
            key: Suggestion::key_of(Kind::Quote, index.slice(text, q.start, q.end)),
        })
        .collect();
    let claims_unavailable = match model {
        // The model was trained on English transcripts: its scores of another language's
        // sentences say nothing.
        Ok(_) if !english => Some(
            if crate::core::suggest::reads_as_listed_language(text) {
                NOT_ENGLISH
            } else {
                NO_SPEAKERS
            }
            .to_owned(),
        ),
        Ok(model) => {
            suggestions.extend(ranked_claims(
                text,
                &index,
                model.claims(&without_labels(text, &turns)),
                (&quotes, &turns),
            ));
            None
        }
        Err(why) => Some(why),
    };
    Found {
        suggestions,
        claims_unavailable,
    }
}

/// The claims of `scored` worth showing, the best first, at most [`MAX_CLAIMS`].
fn ranked_claims(
    text: &str,
    index: &CpIndex,
    mut scored: Vec<ClaimSuggestion>,
    (quotes, turns): (&[QuoteSuggestion], &[Turn]),
) -> Vec<Suggestion> {
    for c in &mut scored {
        c.score = check_worthiness(c.score);
    }
    scored.retain(|c| c.start < c.end && c.score >= CLAIM_MIN_SCORE);
    // Stable: equal scores keep text order.
    crate::core::sort::sort_by(&mut scored, |a, b| b.score.total_cmp(&a.score));
    scored.truncate(MAX_CLAIMS);
    scored
        .into_iter()
        .filter_map(|c| {
            // A list item's marker ("- ", "• ") is not part of what is claimed.
            let sentence = index.slice(text, c.start, c.end);
            let marker = sentence
                .chars()
                .take_while(|ch| {
                    matches!(ch, '-' | '–' | '—' | '•' | '*' | '·') || ch.is_whitespace()
                })
                .count();
            // Nor is a transcript's label ("RUIZ: "): the claim starts with the speech.
            let start = speech_start(c.start + marker, c.end, turns);
            (start < c.end).then(|| Suggestion {
                kind: Kind::Claim,
                start,
                end: c.end,
                who: claimant(start, c.end, quotes).or_else(|| turn_speaker(start, c.end, turns)),
                score: Some(thousandths(c.score)),
                key: Suggestion::key_of(Kind::Claim, index.slice(text, start, c.end)),
            })
        })
        .collect()
}

/// A score from 0 to 1 in thousandths.
fn thousandths(score: f32) -> u16 {
    (score.clamp(0.0, 1.0) * 1000.0).round() as u16
}

/// The speaker of the quote that holds most of `start..end`, if one does.
fn claimant(start: usize, end: usize, quotes: &[QuoteSuggestion]) -> Option<String> {
    // Quotes are in text order and do not overlap: the last one starting before `end`.
    let i = quotes.partition_point(|q| q.start < end);
    let q = quotes.get(i.checked_sub(1)?)?;
    let inside = q.end.min(end).saturating_sub(q.start.max(start));
    (inside * 2 > end - start)
        .then(|| q.speaker.as_ref().map(|s| s.name.clone()))
        .flatten()
}

/// `text` with its transcript's labels ("RUIZ: ", a label line "Ana Ruiz: (04:12)") turned into
/// spaces, code point for code point: the claim model reads the speech as the transcripts it
/// was trained on print it, one line a turn with no name, so a label neither scores (a name's
/// words and its colon moved a sentence's score by half) nor makes a sentence of its own.
fn without_labels<'a>(text: &'a str, turns: &[Turn]) -> std::borrow::Cow<'a, str> {
    if turns.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    // Turns are in text order and do not overlap: one pass, the next label line at hand.
    let mut lines = turns.iter().map(|t| t.label_line).peekable();
    let masked = text
        .chars()
        .enumerate()
        .map(|(i, c)| {
            while lines.next_if(|&(_, end)| end <= i).is_some() {}
            match lines.peek() {
                Some(&(start, _)) if start <= i => ' ',
                _ => c,
            }
        })
        .collect();
    std::borrow::Cow::Owned(masked)
}

/// `start` moved past a turn's label that the sentence `start..end` holds, to where the
/// speech starts. (A label opens its paragraph and a sentence never runs over a line break,
/// so a label inside the sentence is at its start.)
fn speech_start(start: usize, end: usize, turns: &[Turn]) -> usize {
    let i = turns.partition_point(|t| t.label.0 < start);
    match turns.get(i) {
        Some(t) if t.label.0 < end && t.start > start && t.start < end => t.start,
        _ => start,
    }
}

/// The speaker of the transcript's turn that holds most of `start..end`, if one does: a
/// claim said in a debate ("TRUMP: We have lost 70,000 factories") is the speaker's.
fn turn_speaker(start: usize, end: usize, turns: &[Turn]) -> Option<String> {
    // Turns are in text order and do not overlap: the last one starting before `end`.
    let i = turns.partition_point(|t| t.start < end);
    let t = turns.get(i.checked_sub(1)?)?;
    let inside = t.end.min(end).saturating_sub(t.start.max(start));
    (inside * 2 > end - start).then(|| t.name.clone())
}

/// Whether annotation span `a` covers at least half of suggestion span `s`.
fn covers_half(a: (usize, usize), s: (usize, usize)) -> bool {
    let inside = a.1.min(s.1).saturating_sub(a.0.max(s.0));
    inside > 0 && inside * 2 >= s.1 - s.0
}

/// The suggestions of `found` still to deal with: not dismissed (by key, in `dismissed`) and
/// not already annotated (an attached annotation of the same kind covers at least half of
/// it: a short annotation inside a long quote leaves the quote to suggest). In the order of `found`. Costs O((s + a) log a) for s suggestions and a
/// annotations. Borrowed, not copied: the app compares them with the list it shows and copies
/// them only when it changed (a tag far from every suggestion changes nothing, and a long
/// article has thousands).
pub fn live<'s, 'a>(
    found: &'s [Suggestion],
    annotations: impl IntoIterator<Item = &'a Annotation>,
    dismissed: &SortedSet<String>,
) -> Vec<&'s Suggestion> {
    // Per kind, the spans annotated, sorted by start, with the longest span so far: every
    // annotation that can overlap `s..e` starts before `e` and within that length of `s`.
    let mut spans: HashMap<Kind, Vec<(usize, usize)>> = HashMap::new();
    for a in annotations {
        if a.is_attached() && a.start < a.end {
            spans.entry(a.kind()).or_default().push((a.start, a.end));
        }
    }
    let longest: HashMap<Kind, usize> = spans
        .iter_mut()
        .map(|(k, v)| {
            crate::core::sort::sort(v);
            (*k, v.iter().map(|(s, e)| e - s).max().unwrap_or(0))
        })
        .collect();
    found
        .iter()
        .filter(|s| !dismissed.contains(&s.key))
        .filter(|s| {
            let Some(v) = spans.get(&s.kind) else {
                return true;
            };
            let reach = longest.get(&s.kind).copied().unwrap_or(0);
            let from = v.partition_point(|a| a.0 + reach < s.start);
            let to = v.partition_point(|a| a.0 < s.end);
            !v.get(from..to)
                .unwrap_or(&[])
                .iter()
                .any(|a| covers_half(*a, (s.start, s.end)))
        })
        .collect()
}

/// The annotation accepting `s` makes on `text`: a quote with its speaker, or a claim with
/// its claimant (empty when unknown), and nothing else filled in.
pub fn accept(
    s: &Suggestion,
    id: Uuid,
    article_id: Uuid,
    text: &str,
    now: Timestamp,
) -> Annotation {
    let mut a = Annotation::new(id, article_id, s.kind, text, s.start, s.end, now);
    let who = s.who.clone().unwrap_or_default();
    a.body = match s.kind {
        Kind::Quote => Body::Quote(QuoteFields {
            speaker: who,
            ..QuoteFields::default()
        }),
        Kind::Claim => Body::Claim(ClaimFields {
            claimant: who,
            ..ClaimFields::default()
        }),
    };
    a
}

/// Where focus goes on `J` (`forward`) or `K` in a list of `len` suggestions from
/// `current`: the next or previous one, the first (or last) when none is focused; `None`
/// when the list is empty. At either end it stays where it is.
pub fn step(len: usize, current: Option<usize>, forward: bool) -> Option<usize> {
    let last = len.checked_sub(1)?;
    Some(match (current, forward) {
        (None, true) => 0,
        (None, false) => last,
        (Some(i), true) => (i + 1).min(last),
        (Some(i), false) => i.saturating_sub(1).min(last),
    })
}

/// Where the focus goes when the list becomes `live`: on the suggestion that had it (`key`,
/// at index `index` before), else on the one that took its place (the next, or the last);
/// nowhere when nothing was focused or the list is empty.
pub fn refocus(live: &[Suggestion], key: Option<&str>, index: Option<usize>) -> Option<usize> {
    let (key, i) = (key?, index?);
    live.iter()
        .position(|s| s.key == key)
        .or_else(|| live.len().checked_sub(1).map(|last| i.min(last)))
}

/// `n` and the noun, in the singular for one: "1 quote", "3 claims".
fn counted(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// What the polite live region says when suggestions arrive: "2 quotes and 1 claim suggested."
pub fn arrived(list: &[Suggestion]) -> String {
    let (quotes, claims) = count(list);
    format!(
        "{} and {} suggested.",
        counted(quotes, "quote"),
        counted(claims, "claim")
    )
}

/// The Suggestions section's status once the suggester has answered.
pub fn status_line(list: &[Suggestion]) -> String {
    if list.is_empty() {
        return "No suggestions to review.".to_owned();
    }
    let (quotes, claims) = count(list);
    format!(
        "{} and {} to review. J and K move through them, Enter accepts, X dismisses.",
        counted(quotes, "quote"),
        counted(claims, "claim")
    )
}

/// What a screen reader hears after a suggestion of `kind` was accepted (`accepted`) or
/// dismissed, focus then on suggestion `i` of `list` (if any).
pub fn after_decision(kind: Kind, accepted: bool, list: &[Suggestion], i: Option<usize>) -> String {
    let done = if accepted {
        format!("Accepted as a {}.", kind.as_str())
    } else {
        "Dismissed.".to_owned()
    };
    match i {
        Some(i) => format!("{done} {}", announce(list, i)),
        None => format!("{done} No suggestions left."),
    }
}

/// What a screen reader hears when focus moves to suggestion `i` of `list`: "Suggestion 2
/// of 9. Quote by Rex Tillerson: “…”".
pub fn announce(list: &[Suggestion], i: usize) -> String {
    match list.get(i) {
        Some(s) => format!("Suggestion {} of {}. {}", i + 1, list.len(), s.describe()),
        None => "No suggestions.".to_owned(),
    }
}

/// The meta key under which the suggestions dismissed on article `article` are stored.
pub fn dismissed_key(article: Uuid) -> String {
    format!("dismissed:{article}")
}

/// The dismissed sets of every article, read from the meta records: each `dismissed:<id>`
/// key holding a list of strings. A record of another shape is ignored (its key is then
/// protected by the loader if it could not be decoded; a list with other values keeps only
/// its strings).
pub fn dismissed_from_meta(meta: &BTreeMap<String, Value>) -> HashMap<Uuid, SortedSet<String>> {
    meta.iter()
        .filter_map(|(k, v)| {
            let id = Uuid::parse_str(k.strip_prefix("dismissed:")?).ok()?;
            let keys = SortedSet::from_iter(
                v.as_array()?
                    .iter()
                    .filter_map(|k| k.as_str().map(str::to_owned)),
            );
            Some((id, keys))
        })
        .collect()
}

/// The meta value that stores a dismissed set.
pub fn dismissed_value(set: &SortedSet<String>) -> Value {
    Value::from(set.iter().cloned().collect::<Vec<_>>())
}

#[cfg(test)]
mod tests;
