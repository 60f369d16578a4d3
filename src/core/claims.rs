//! Suggestions (issue 13), second part: how check-worthy each sentence of an article is, that
//! is how much it states something a fact-checker would check (numbers, quantities,
//! comparisons, causal and factual assertions about the world) rather than an opinion, a
//! question or a personal experience.
//!
//! Plain Rust over the canonical text: no browser types, no clock, no randomness, no I/O. It
//! knows nothing of where the model comes from (the shell fetches `assets/claims-model.bin` on
//! first use and hands its bytes to [`ClaimModel::from_bytes`]) nor of how it was trained
//! (`bench/claims/train.py`). Offsets are Unicode code points, as stored offsets are.
//!
//! **Sentences.** [`sentences`]: a line break always ends a sentence (transcripts come one
//! utterance a line, articles one paragraph a line); inside a line, the sentence boundaries of
//! Unicode Standard Annex #29, joined again after a title or an initial ("Mr.", "Sen.", "J.")
//! that UAX #29 takes for a sentence's end. Spans are trimmed of white space; empty ones are
//! skipped.
//!
//! **Features.** This module is the only feature extractor: the training tool
//! (`src/bin/claim-features.rs`) dumps what [`training_features`] computes, so the app and the
//! training cannot disagree. A sentence becomes a sparse binary vector:
//! - hashed features: lower-cased word unigrams and bigrams (with start and end markers),
//!   numbers replaced by their shape (`<year>`, `<d1>`…`<d4+>`, `<dec>`, `<ord>`), `$ € £` as
//!   `$`, `%` kept, apostrophes unified. Each feature's hash is 32-bit FNV-1a over a namespace
//!   byte and the 32-bit FNV-1a hashes of its tokens (little-endian), kept modulo
//!   `2^hash_bits` ([`feature_hash`]); a bucket counts once (value 1) however often it occurs;
//! - in the same hashed space, the character 3- to 5-grams of each lower-cased word (not of
//!   numbers) wrapped in `<` and `>` (`<tax>` gives `<ta`, `tax`, `ax>`, `<tax`, `tax>`,
//!   `<tax>`): FNV-1a over the namespace byte `c` then the n-gram's UTF-8 bytes;
//! - [`DENSE`] dense cues ([`DENSE_NAMES`]): numbers, years, percentages, money, magnitudes,
//!   comparatives and superlatives, capitalised words inside the sentence, length, a question,
//!   first and second person, hedges and opinion words, and a few of the neighbours' cues.
//!
//! Any change to the features must bump [`FEATURES_VERSION`] (and retrain): a model file
//! records the version it was trained with, and [`ClaimModel::from_bytes`] refuses another.
//!
//! **Model.** Logistic regression: a sentence's logit is `bias + Σ dense·w + scale · Σ q[h]`
//! with `q` the quantised weights of the hashed features present; its score is the logistic
//! function of its logit plus a lift borrowed from its neighbours' logits, which can never
//! raise a sentence whose own logit is under the model's floor ([`ClaimModel::claims`]). The
//! file format is documented at [`ClaimModel::from_bytes`].

use serde::Serialize;
use std::fmt;
use unicode_segmentation::UnicodeSegmentation;

/// The version of the feature set below; a model trained on another is refused.
pub const FEATURES_VERSION: u16 = 2;

/// The version of the model file layout.
pub const FORMAT_VERSION: u16 = 2;

/// The first bytes of a model file.
pub const MAGIC: [u8; 4] = *b"AACL";

/// The fewest and most hash bits a model file may use (1 KiB to 4 MiB of buckets).
pub const HASH_BITS: std::ops::RangeInclusive<u8> = 10..=22;

/// The dense cues, in their order in the feature vector (and in a model file).
pub const DENSE_NAMES: [&str; DENSE] = [
    "number",
    "year",
    "percent",
    "money",
    "magnitude",
    "comparative",
    "superlative",
    "capitalised inside >= 1",
    "capitalised inside >= 3",
    "words < 5",
    "words 5-9",
    "words 10-19",
    "words 20-39",
    "words >= 40",
    "question",
    "first person singular",
    "first person plural",
    "second person",
    "hedge or opinion",
    "previous has a number",
    "next has a number",
    "previous is a question",
    "next is a question",
    "previous is short",
];

/// How many dense cues there are.
pub const DENSE: usize = 24;

/// A suggested check-worthy sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimSuggestion {
    /// Code point offset of the sentence's first character (white space trimmed).
    pub start: usize,
    /// Code point offset just past its last character.
    pub end: usize,
    /// How check-worthy it is, from 0 to 1 (the model's probability).
    pub score: f32,
}

/// Why a model file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelError {
    /// Not a model file at all (wrong first bytes).
    NotAModel,
    /// A model file of another format or feature version than this app reads.
    Version { format: u16, features: u16 },
    /// The header or the length is inconsistent: a truncated or damaged file.
    Damaged(&'static str),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::NotAModel => {
                write!(
                    f,
                    "The claim model could not be read: it is not a claim model file."
                )
            }
            ModelError::Version { format, features } => write!(
                f,
                "The claim model is of another version (format {format}, features {features}) \
                 than this app reads (format {FORMAT_VERSION}, features {FEATURES_VERSION}); \
                 reloading the page should fetch the right one."
            ),
            ModelError::Damaged(what) => write!(
                f,
                "The claim model file is damaged or incomplete ({what}); reloading the page \
                 should fetch it again."
            ),
        }
    }
}

impl std::error::Error for ModelError {}

/// A check-worthiness model: logistic regression over the features of this module.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimModel {
    hash_bits: u8,
    bias: f32,
    scale: f32,
    smoothing: f32,
    floor: f32,
    slope: f32,
    dense: [f32; DENSE],
    hashed: Weights,
}

#[derive(Debug, Clone, PartialEq)]
enum Weights {
    I8(Vec<i8>),
    I16(Vec<i16>),
}

/// The largest magnitude a weight, the bias or the scale may have in a model file, so that a
/// sentence's sum stays finite.
const MAX_WEIGHT: f32 = 1.0e4;

/// The size of a model file's header, before the dense weights.
const HEADER: usize = 32;

/// How many sentences on each side a sentence's score borrows from.
pub const SMOOTHING_WINDOW: usize = 2;

impl ClaimModel {
    /// Reads a model file. Never panics; refuses anything that is not exactly a model file of
    /// this format and feature version.
    ///
    /// Layout (little-endian):
    ///
    /// | bytes | content |
    /// |---|---|
    /// | 0..4 | [`MAGIC`], `AACL` |
    /// | 4..6 | `u16` [`FORMAT_VERSION`] |
    /// | 6..8 | `u16` [`FEATURES_VERSION`] the model was trained with |
    /// | 8 | `u8` hash bits `k` ([`HASH_BITS`]): `2^k` buckets |
    /// | 9 | `u8` bytes per hashed weight: 1 (`i8`) or 2 (`i16`) |
    /// | 10..12 | `u16` number of dense weights, [`DENSE`] |
    /// | 12..16 | `f32` bias |
    /// | 16..20 | `f32` scale of the hashed weights |
    /// | 20..24 | `f32` smoothing `α`, from 0 to 1 (see [`ClaimModel::claims`]) |
    /// | 24..28 | `f32` floor `φ`, a logit: under it a sentence is never lifted |
    /// | 28..32 | `f32` slope `γ`, at least 0: how fast the lift allowed grows above `φ` |
    /// | 32.. | `f32` × [`DENSE`], the dense weights in [`DENSE_NAMES`] order |
    /// | then | `2^k` hashed weights, `i8` or `i16`; a weight is its value × scale |
    ///
    /// Every float is finite and at most [`MAX_WEIGHT`] in magnitude, and the length is
    /// exactly what the header says. (Format 1, before the floor and the slope, had a 24-byte
    /// header; it is refused as another version.)
    pub fn from_bytes(bytes: &[u8]) -> Result<ClaimModel, ModelError> {
        if bytes.len() < 4 || bytes[..4] != MAGIC {
            return Err(ModelError::NotAModel);
        }
        if bytes.len() < HEADER {
            return Err(ModelError::Damaged("the header is cut short"));
        }
        let u16_at = |i: usize| u16::from_le_bytes([bytes[i], bytes[i + 1]]);
        let f32_at =
            |i: usize| f32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
        let (format, features) = (u16_at(4), u16_at(6));
        if format != FORMAT_VERSION || features != FEATURES_VERSION {
            return Err(ModelError::Version { format, features });
        }
        let hash_bits = bytes[8];
        if !HASH_BITS.contains(&hash_bits) {
            return Err(ModelError::Damaged(
                "the number of hash buckets is out of range",
            ));
        }
        let width = usize::from(bytes[9]);
        if width != 1 && width != 2 {
            return Err(ModelError::Damaged(
                "the weight width is neither 1 nor 2 bytes",
            ));
        }
        if usize::from(u16_at(10)) != DENSE {
            return Err(ModelError::Damaged("the number of dense weights is wrong"));
        }
        let buckets = 1usize << hash_bits;
        let dense_end = HEADER + 4 * DENSE;
        if bytes.len() != dense_end + buckets * width {
            return Err(ModelError::Damaged("the length does not match the header"));
        }
        let sane = |x: f32| x.is_finite() && x.abs() <= MAX_WEIGHT;
        let (bias, scale, smoothing) = (f32_at(12), f32_at(16), f32_at(20));
        let (floor, slope) = (f32_at(24), f32_at(28));
        if !(0.0..=1.0).contains(&smoothing) {
            return Err(ModelError::Damaged("the smoothing is not between 0 and 1"));
        }
        if !sane(floor) || !sane(slope) || slope < 0.0 {
            return Err(ModelError::Damaged(
                "the smoothing's floor or slope is out of range",
            ));
        }
        let mut dense = [0.0; DENSE];
        for (i, w) in dense.iter_mut().enumerate() {
            *w = f32_at(HEADER + 4 * i);
        }
        if !sane(bias) || !sane(scale) || !dense.iter().all(|&w| sane(w)) {
            return Err(ModelError::Damaged(
                "a weight is not a finite number in range",
            ));
        }
        let raw = &bytes[dense_end..];
        let hashed = if width == 1 {
            Weights::I8(raw.iter().map(|&b| b as i8).collect())
        } else {
            Weights::I16(
                raw.chunks_exact(2)
                    .map(|c| i16::from_le_bytes([c[0], c[1]]))
                    .collect(),
            )
        };
        Ok(ClaimModel {
            hash_bits,
            bias,
            scale,
            smoothing,
            floor,
            slope,
            dense,
            hashed,
        })
    }

    /// Every sentence of `text` that has a letter, in text order, with how check-worthy it
    /// is (0 to 1). Spans are those of [`sentences`]. Linear in the text's length.
    ///
    /// A sentence's score is the logistic function of its own logit `z_i` plus a lift borrowed
    /// from its neighbours (check-worthy sentences come in runs). The lift is `l_i = α ·
    /// Σ_{k=1..2} (z_{i-k} + z_{i+k} − 2 z_i) / 2k`, positive when the neighbours score higher,
    /// a neighbour past either end of the text counting as the sentence at that end; a positive
    /// lift is capped at `γ · (z_i − φ)`: the score is `σ(z_i + min(l_i, max(0, γ · (z_i −
    /// φ))))`. So neighbours may lower any sentence, but never raise one whose own logit is
    /// under the floor `φ` (a greeting or an opinion between two claims stays where it is).
    pub fn claims(&self, text: &str) -> Vec<ClaimSuggestion> {
        let spans = lettered_sentences(text);
        let mut extractor = Extractor::new(self.hash_bits);
        let logits: Vec<f32> = (0..spans.len())
            .map(|i| {
                extractor.sentence(text, &spans, i);
                self.logit(&extractor)
            })
            .collect();
        let last = logits.len().saturating_sub(1);
        spans
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let own = logits[i];
                let mut lift = 0.0;
                for k in 1..=SMOOTHING_WINDOW {
                    let around = logits[i.saturating_sub(k)] + logits[(i + k).min(last)];
                    lift += (around - 2.0 * own) / (2 * k) as f32;
                }
                let room = (self.slope * (own - self.floor)).max(0.0);
                let z = own + (self.smoothing * lift).min(room);
                ClaimSuggestion {
                    start: s.cp_start,
                    end: s.cp_end,
                    score: (1.0 / (1.0 + (-z).exp())).clamp(0.0, 1.0),
                }
            })
            .collect()
    }

    /// The logit of the sentence `x` holds the features of.
    fn logit(&self, x: &Extractor) -> f32 {
        let mut z = self.bias;
        for (w, v) in self.dense.iter().zip(&x.dense) {
            z += w * v;
        }
        // Buckets are below 2^hash_bits, the length of `q`; `get` keeps that unchecked
        // assumption from ever panicking.
        let at = |h: &u32| *h as usize;
        let sum: i32 = match &self.hashed {
            Weights::I8(q) => x
                .hashed
                .iter()
                .filter_map(|h| q.get(at(h)))
                .map(|&w| i32::from(w))
                .sum(),
            Weights::I16(q) => x
                .hashed
                .iter()
                .filter_map(|h| q.get(at(h)))
                .map(|&w| i32::from(w))
                .sum(),
        };
        z + self.scale * sum as f32
    }
}

/// The sentences of `text`, as trimmed code point spans, in text order (see the module's
/// documentation).
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    sentence_spans(text)
        .into_iter()
        .map(|s| (s.cp_start, s.cp_end))
        .collect()
}

/// A sentence's sparse features: (index, value), indices ascending.
pub type SparseFeatures = Vec<(u32, f32)>;

/// The features of each sentence of `text` that has a letter, for the training tool: the
/// sentence's code point span and its features, dense ones first (`0..DENSE`, their value),
/// then the buckets of the word n-grams (`DENSE + bucket`, value 1), then those of the
/// character n-grams (`DENSE + 2^hash_bits + bucket`, value 1), kept apart so that they can be
/// weighted apart. The app scores the union of the two sets of buckets, each bucket once.
pub fn training_features(text: &str, hash_bits: u8) -> Vec<((usize, usize), SparseFeatures)> {
    let spans = lettered_sentences(text);
    let mut extractor = Extractor::new(hash_bits);
    extractor.apart = true;
    let mut out = Vec::with_capacity(spans.len());
    for i in 0..spans.len() {
        extractor.sentence(text, &spans, i);
        let mut row = SparseFeatures::new();
        for (j, &v) in extractor.dense.iter().enumerate() {
            if v != 0.0 {
                row.push((j as u32, v));
            }
        }
        row.extend(extractor.words.iter().map(|&b| (DENSE as u32 + b, 1.0)));
        let grams = DENSE as u32 + (1u32 << hash_bits);
        row.extend(extractor.grams.iter().map(|&b| (grams + b, 1.0)));
        out.push(((spans[i].cp_start, spans[i].cp_end), row));
    }
    out
}

/// 32-bit FNV-1a of `bytes`, continuing from `state` (start from [`FNV_OFFSET`]).
pub fn fnv1a(mut state: u32, bytes: &[u8]) -> u32 {
    for &b in bytes {
        state ^= u32::from(b);
        state = state.wrapping_mul(0x0100_0193);
    }
    state
}

/// The FNV-1a 32-bit offset basis.
pub const FNV_OFFSET: u32 = 0x811c_9dc5;

/// The hash of a feature: FNV-1a over its namespace byte, then each token hash's four
/// little-endian bytes. A token's hash is FNV-1a of its normalised UTF-8 text.
pub fn feature_hash(namespace: u8, tokens: &[u32]) -> u32 {
    let mut h = fnv1a(FNV_OFFSET, &[namespace]);
    for t in tokens {
        h = fnv1a(h, &t.to_le_bytes());
    }
    h
}

/// A sentence: its byte and code point span in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    byte_start: usize,
    byte_end: usize,
    cp_start: usize,
    cp_end: usize,
}

/// Titles and other abbreviations after which UAX #29 ends a sentence that goes on.
const ABBREVIATIONS: &[&str] = &[
    "adm", "brig", "capt", "cmdr", "col", "dr", "gen", "gov", "hon", "jr", "lt", "maj", "messrs",
    "mr", "mrs", "ms", "mt", "no", "prof", "rep", "rev", "sen", "sgt", "sr", "st", "supt", "vs",
];

/// Whether a UAX #29 sentence ending with `piece` (trimmed) does not really end there: it
/// ends with a title ("Mr.") or a single capital initial ("J.").
fn ends_with_abbreviation(piece: &str) -> bool {
    let Some(body) = piece.strip_suffix('.') else {
        return false;
    };
    let word = body
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default();
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => c.is_uppercase(),
        (Some(_), Some(_)) => {
            word.len() <= 6 && ABBREVIATIONS.contains(&word.to_lowercase().as_str())
        }
        _ => false,
    }
}

/// All sentences (see [`sentences`]) with both their byte and code point spans.
fn sentence_spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        // Byte spans of this line's sentences, trimmed and joined after abbreviations.
        pieces.clear();
        let mut open: Option<(usize, usize)> = None;
        for (at, piece) in line.split_sentence_bound_indices() {
            let trimmed = piece.trim_start();
            let lead = piece.len() - trimmed.len();
            let trimmed = trimmed.trim_end();
            if trimmed.is_empty() {
                continue;
            }
            let (a, b) = (
                line_start + at + lead,
                line_start + at + lead + trimmed.len(),
            );
            open = match open {
                Some((s, _)) => Some((s, b)),
                None => Some((a, b)),
            };
            if !ends_with_abbreviation(trimmed) {
                pieces.extend(open.take());
            }
        }
        pieces.extend(open.take());
        out.extend(pieces.iter().map(|&(a, b)| Span {
            byte_start: a,
            byte_end: b,
            cp_start: 0,
            cp_end: 0,
        }));
        line_start += line.len() + 1;
    }
    // Code points, counted in one pass over the text.
    let mut cp = 0;
    let mut byte = 0;
    for s in &mut out {
        cp += text[byte..s.byte_start].chars().count();
        s.cp_start = cp;
        cp += text[s.byte_start..s.byte_end].chars().count();
        s.cp_end = cp;
        byte = s.byte_end;
    }
    out
}

/// The sentences that have a letter: the ones scored.
fn lettered_sentences(text: &str) -> Vec<Span> {
    let mut spans = sentence_spans(text);
    spans.retain(|s| {
        text[s.byte_start..s.byte_end]
            .chars()
            .any(char::is_alphabetic)
    });
    spans
}

/// What kind of token a token is, for the dense cues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word { capitalised: bool },
    Number { year: bool },
    Percent,
    Money,
}

/// The tokens of one sentence: hashes and kinds, plus the cues read off the words.
#[derive(Debug, Default)]
struct Tokens {
    hashes: Vec<u32>,
    kinds: Vec<Kind>,
    cues: [bool; CUE_COUNT],
    question: bool,
    /// The hashes of the words' character n-grams (see [`char_grams`]).
    grams: Vec<u32>,
    /// Scratch: `<word>`'s bytes and its characters' starts.
    wrapped: Vec<u8>,
    starts: Vec<usize>,
}

/// Cues read off words (indices into `Tokens::cues`).
const CUE_PERCENT: usize = 0;
const CUE_MONEY: usize = 1;
const CUE_MAGNITUDE: usize = 2;
const CUE_COMPARATIVE: usize = 3;
const CUE_SUPERLATIVE: usize = 4;
const CUE_I: usize = 5;
const CUE_WE: usize = 6;
const CUE_YOU: usize = 7;
const CUE_HEDGE: usize = 8;
const CUE_COUNT: usize = 9;

/// The cue a lower-cased word gives, if any.
fn word_cue(w: &str) -> Option<usize> {
    Some(match w {
        "percent" | "percentage" => CUE_PERCENT,
        "dollars" | "dollar" | "bucks" | "euros" | "pounds" => CUE_MONEY,
        "hundred" | "hundreds" | "thousand" | "thousands" | "million" | "millions" | "billion"
        | "billions" | "trillion" | "trillions" | "half" | "twice" | "double" | "doubled"
        | "tripled" | "quadrupled" | "times" | "one" | "two" | "three" | "four" | "five"
        | "six" | "seven" | "eight" | "nine" | "ten" | "twenty" | "thirty" | "forty" | "fifty"
        | "sixty" | "seventy" | "eighty" | "ninety" => CUE_MAGNITUDE,
        "more" | "less" | "fewer" | "than" | "higher" | "lower" | "larger" | "smaller"
        | "bigger" | "increase" | "increased" | "decrease" | "decreased" | "rose" | "fell"
        | "up" | "down" | "cut" | "raised" | "grew" | "dropped" => CUE_COMPARATIVE,
        "most" | "least" | "largest" | "biggest" | "highest" | "lowest" | "worst" | "best"
        | "ever" | "first" | "only" | "record" | "greatest" | "smallest" | "fastest" | "never"
        | "every" | "all" => CUE_SUPERLATIVE,
        "i" | "me" | "my" | "mine" | "myself" | "i'm" | "i've" | "i'll" | "i'd" => CUE_I,
        "we" | "us" | "our" | "ours" | "ourselves" | "we're" | "we've" | "we'll" | "we'd" => CUE_WE,
        "you" | "your" | "yours" | "yourself" | "you're" | "you've" | "you'll" | "you'd" => CUE_YOU,
        "think" | "believe" | "feel" | "hope" | "maybe" | "perhaps" | "probably" | "should"
        | "wonderful" | "great" | "terrible" | "beautiful" | "amazing" | "love" | "thank"
        | "thanks" | "want" | "going" | "will" | "would" | "could" | "must" | "need" => CUE_HEDGE,
        _ => return None,
    })
}

impl Tokens {
    /// Tokenises `s` (see the module's documentation), reusing `word` as a buffer.
    fn read(&mut self, s: &str, word: &mut String) {
        self.hashes.clear();
        self.kinds.clear();
        self.cues = [false; CUE_COUNT];
        self.grams.clear();
        self.question = s
            .trim_end_matches(['"', '\'', '”', '’', ')'])
            .ends_with('?');
        let mut chars = s.chars().peekable();
        let mut first_word = true;
        while let Some(c) = chars.next() {
            if c.is_alphanumeric() {
                word.clear();
                let capitalised = c.is_uppercase();
                let mut digits = 0usize;
                let mut all_digits = true;
                let mut decimal = false;
                let mut last = c;
                push_lower(word, c);
                if c.is_ascii_digit() {
                    digits += 1;
                } else {
                    all_digits = false;
                }
                while let Some(&n) = chars.peek() {
                    if n.is_alphanumeric() {
                        if n.is_ascii_digit() {
                            digits += 1;
                        } else {
                            all_digits = false;
                        }
                        push_lower(word, n);
                    } else if matches!(n, '\'' | '’' | '.' | ',') {
                        // Inside a token only between two letters ("don't", "U.S") or two
                        // digits ("3.5", "4,000").
                        let mut ahead = chars.clone();
                        ahead.next();
                        let Some(&after) = ahead.peek() else { break };
                        let letters = last.is_alphabetic() && after.is_alphabetic();
                        let numbers = last.is_ascii_digit() && after.is_ascii_digit();
                        let ok = match n {
                            '\'' | '’' => letters,
                            '.' => letters || numbers,
                            _ => numbers,
                        };
                        if !ok {
                            break;
                        }
                        if n == '.' && numbers {
                            decimal = true;
                        }
                        if n != ',' {
                            word.push(if n == '’' { '\'' } else { n });
                        }
                    } else {
                        break;
                    }
                    last = n;
                    chars.next();
                }
                let kind = if digits > 0 {
                    let year = all_digits
                        && digits == 4
                        && (word.starts_with("19") || word.starts_with("20"));
                    let shape = if year {
                        "<year>"
                    } else if decimal {
                        "<dec>"
                    } else if word.ends_with("st")
                        || word.ends_with("nd")
                        || word.ends_with("rd")
                        || word.ends_with("th")
                    {
                        "<ord>"
                    } else {
                        match digits {
                            1 => "<d1>",
                            2 => "<d2>",
                            3 => "<d3>",
                            _ => "<d4+>",
                        }
                    };
                    word.clear();
                    word.push_str(shape);
                    Kind::Number { year }
                } else {
                    if let Some(cue) = word_cue(word) {
                        self.cues[cue] = true;
                    }
                    char_grams(word, &mut self.wrapped, &mut self.starts, &mut self.grams);
                    if word.len() > 4 && (word.ends_with("est") || word.ends_with("iest")) {
                        // "-est" words that are superlatives more often than not.
                        if !matches!(
                            word.as_str(),
                            "interest"
                                | "honest"
                                | "protest"
                                | "request"
                                | "suggest"
                                | "invest"
                                | "arrest"
                                | "contest"
                                | "forest"
                                | "modest"
                                | "harvest"
                                | "digest"
                                | "manifest"
                        ) {
                            self.cues[CUE_SUPERLATIVE] = true;
                        }
                    }
                    Kind::Word {
                        capitalised: capitalised && !first_word,
                    }
                };
                first_word = false;
                self.hashes.push(fnv1a(FNV_OFFSET, word.as_bytes()));
                self.kinds.push(kind);
            } else {
                let (token, kind) = match c {
                    '%' => ("%", Kind::Percent),
                    '$' | '€' | '£' => ("$", Kind::Money),
                    _ => continue,
                };
                self.cues[if kind == Kind::Percent {
                    CUE_PERCENT
                } else {
                    CUE_MONEY
                }] = true;
                self.hashes.push(fnv1a(FNV_OFFSET, token.as_bytes()));
                self.kinds.push(kind);
            }
        }
    }

    fn has_number(&self) -> bool {
        self.kinds
            .iter()
            .any(|k| matches!(k, Kind::Number { year: false }))
    }
}

/// The shortest and longest character n-grams of a word.
const GRAMS: std::ops::RangeInclusive<usize> = 3..=5;

/// Pushes the hashes of the character n-grams ([`GRAMS`]) of `<word>` to `out`, using
/// `wrapped` and `starts` as buffers. Each n-gram's hash is FNV-1a over [`NS_CHAR`] then its
/// bytes, computed incrementally from the same start.
fn char_grams(word: &str, wrapped: &mut Vec<u8>, starts: &mut Vec<usize>, out: &mut Vec<u32>) {
    wrapped.clear();
    wrapped.push(b'<');
    wrapped.extend_from_slice(word.as_bytes());
    wrapped.push(b'>');
    starts.clear();
    if word.is_ascii() {
        starts.extend(0..=wrapped.len());
    } else {
        starts.extend(
            wrapped
                .iter()
                .enumerate()
                .filter(|(_, &b)| b & 0xC0 != 0x80)
                .map(|(i, _)| i),
        );
        starts.push(wrapped.len());
    }
    let chars = starts.len() - 1;
    let seed = fnv1a(FNV_OFFSET, &[NS_CHAR]);
    for i in 0..chars {
        let mut h = seed;
        for n in 1..=(*GRAMS.end()).min(chars - i) {
            if let (Some(&a), Some(&b)) = (starts.get(i + n - 1), starts.get(i + n)) {
                h = fnv1a(h, wrapped.get(a..b).unwrap_or_default());
            }
            if n >= *GRAMS.start() {
                out.push(h);
            }
        }
    }
}

fn push_lower(word: &mut String, c: char) {
    if c.is_ascii() {
        word.push(c.to_ascii_lowercase());
    } else {
        word.extend(c.to_lowercase());
    }
}

/// Namespaces of the hashed features.
const NS_UNIGRAM: u8 = b'u';
const NS_BIGRAM: u8 = b'b';
const NS_CHAR: u8 = b'c';

/// Computes sentences' features, reusing its buffers from one sentence to the next.
struct Extractor {
    hash_bits: u8,
    word: String,
    previous: Tokens,
    current: Tokens,
    next: Tokens,
    /// The index of the sentence `current` holds, if any.
    at: Option<usize>,
    dense: [f32; DENSE],
    /// For the app: the buckets of the hashed features present, ascending, each once.
    hashed: Vec<u32>,
    /// Whether to keep the buckets of the word n-grams and of the character n-grams apart
    /// (for training: `words` and `grams`, each ascending, each once) rather than their union
    /// (`hashed`, for the app).
    apart: bool,
    words: Vec<u32>,
    grams: Vec<u32>,
}

impl Extractor {
    fn new(hash_bits: u8) -> Self {
        Extractor {
            hash_bits,
            word: String::new(),
            previous: Tokens::default(),
            current: Tokens::default(),
            next: Tokens::default(),
            at: None,
            dense: [0.0; DENSE],
            hashed: Vec::new(),
            apart: false,
            words: Vec::new(),
            grams: Vec::new(),
        }
    }

    /// Computes the features of sentence `i` of `spans` (called for `i` = 0, 1, 2… in turn,
    /// each sentence is tokenised once).
    fn sentence(&mut self, text: &str, spans: &[Span], i: usize) {
        let read = |t: &mut Tokens, word: &mut String, j: usize| {
            let s = &spans[j];
            t.read(&text[s.byte_start..s.byte_end], word);
        };
        if self.at.is_some_and(|at| at + 1 == i) {
            std::mem::swap(&mut self.previous, &mut self.current);
            std::mem::swap(&mut self.current, &mut self.next);
        } else {
            if i > 0 {
                read(&mut self.previous, &mut self.word, i - 1);
            }
            read(&mut self.current, &mut self.word, i);
        }
        if i + 1 < spans.len() {
            read(&mut self.next, &mut self.word, i + 1);
        } else {
            self.next.hashes.clear();
            self.next.kinds.clear();
            self.next.cues = [false; CUE_COUNT];
            self.next.grams.clear();
            self.next.question = false;
        }
        if i == 0 {
            self.previous.hashes.clear();
            self.previous.kinds.clear();
            self.previous.cues = [false; CUE_COUNT];
            self.previous.grams.clear();
            self.previous.question = false;
        }
        self.at = Some(i);
        self.features();
    }

    fn features(&mut self) {
        let t = &self.current;
        self.words.clear();
        let start = fnv1a(FNV_OFFSET, b"<s>");
        let end = fnv1a(FNV_OFFSET, b"</s>");
        let mut before = start;
        for &h in &t.hashes {
            self.words.push(feature_hash(NS_UNIGRAM, &[h]));
            self.words.push(feature_hash(NS_BIGRAM, &[before, h]));
            before = h;
        }
        self.words.push(feature_hash(NS_BIGRAM, &[before, end]));
        // Binary features: each bucket once, in order (the training tool writes them so).
        let mask = (1u32 << self.hash_bits) - 1;
        if self.apart {
            self.grams.clear();
            self.grams.extend_from_slice(&t.grams);
            for v in [&mut self.words, &mut self.grams] {
                for h in v.iter_mut() {
                    *h &= mask;
                }
                v.sort_unstable();
                v.dedup();
            }
        } else {
            // The app needs only the union.
            self.words.extend_from_slice(&t.grams);
            self.hashed.clear();
            self.hashed.extend(self.words.iter().map(|h| h & mask));
            self.hashed.sort_unstable();
            self.hashed.dedup();
        }

        let words = t
            .kinds
            .iter()
            .filter(|k| matches!(k, Kind::Word { .. } | Kind::Number { .. }))
            .count();
        let capitalised = t
            .kinds
            .iter()
            .filter(|k| matches!(k, Kind::Word { capitalised: true }))
            .count();
        let b = |x: bool| if x { 1.0 } else { 0.0 };
        let previous_words = self.previous.kinds.len();
        self.dense = [
            b(t.has_number()),
            b(t.kinds.contains(&Kind::Number { year: true })),
            b(t.cues[CUE_PERCENT]),
            b(t.cues[CUE_MONEY]),
            b(t.cues[CUE_MAGNITUDE]),
            b(t.cues[CUE_COMPARATIVE]),
            b(t.cues[CUE_SUPERLATIVE]),
            b(capitalised >= 1),
            b(capitalised >= 3),
            b(words < 5),
            b((5..10).contains(&words)),
            b((10..20).contains(&words)),
            b((20..40).contains(&words)),
            b(words >= 40),
            b(t.question),
            b(t.cues[CUE_I]),
            b(t.cues[CUE_WE]),
            b(t.cues[CUE_YOU]),
            b(t.cues[CUE_HEDGE]),
            b(self.previous.has_number()),
            b(self.next.has_number()),
            b(self.previous.question),
            b(self.next.question),
            b(previous_words > 0 && previous_words < 5),
        ];
    }
}

#[cfg(test)]
mod tests;
