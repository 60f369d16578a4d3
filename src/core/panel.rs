//! What the annotations side panel shows, computed from the annotations and a [`Filter`].
//!
//! [`view`] keeps the order it is given (text order, from
//! [`crate::core::reducer::Annotations::iter`]), lists attached annotations and orphans
//! separately, and counts annotations per kind before and after filtering. Searching ignores
//! case (Unicode lower case) and treats any run of white space, non-breaking spaces included,
//! as one space.

use crate::core::model::{Annotation, Kind, Verdict};
use std::borrow::Borrow;

/// Which kinds the panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KindFilter {
    /// Claims and quotes.
    #[default]
    All,
    /// Claims only.
    Claims,
    /// Quotes only.
    Quotes,
}

impl KindFilter {
    /// Whether an annotation of `kind` passes.
    pub fn allows(self, kind: Kind) -> bool {
        match self {
            KindFilter::All => true,
            KindFilter::Claims => kind == Kind::Claim,
            KindFilter::Quotes => kind == Kind::Quote,
        }
    }
}

/// The panel's filter; the default shows everything.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    /// Which kinds to show.
    pub kind: KindFilter,
    /// Only claims with this verdict (quotes have no verdict, so they are hidden).
    pub verdict: Option<Verdict>,
    /// Only annotations with this tag, ignoring case.
    pub tag: Option<String>,
    /// Only annotations whose quoted text, note, claimant or speaker contains this text,
    /// ignoring case and extra white space. Blank means no search.
    pub search: String,
}

impl Filter {
    /// Whether `a` passes every part of the filter.
    pub fn matches(&self, a: &Annotation) -> bool {
        self.matcher().matches(a)
    }

    fn matcher(&self) -> Matcher<'_> {
        Matcher {
            filter: self,
            tag: self
                .tag
                .as_deref()
                .map(str::trim)
                .map(crate::core::case::lowercase),
            search: normalize(&self.search),
        }
    }
}

/// How many annotations there are of each kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Claims and quotes together.
    pub all: usize,
    /// Claims.
    pub claims: usize,
    /// Quotes.
    pub quotes: usize,
}

impl Counts {
    fn add(&mut self, kind: Kind) {
        self.all += 1;
        match kind {
            Kind::Claim => self.claims += 1,
            Kind::Quote => self.quotes += 1,
        }
    }
}

/// The panel's contents. `A` is how the caller holds an annotation (an `Annotation`, or an
/// `Rc<Annotation>` that the interface compares by pointer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelView<'a, A = Annotation> {
    /// Attached annotations that pass the filter, in the order given.
    pub items: Vec<&'a A>,
    /// Orphans (not attached to the text) that pass the filter, in the order given.
    pub orphans: Vec<&'a A>,
    /// Counts of all annotations, orphans included.
    pub total: Counts,
    /// Counts of the annotations shown (`items` and `orphans`).
    pub shown: Counts,
}

/// The panel's contents for `annotations` under `filter`.
pub fn view<'a, A: Borrow<Annotation>>(
    annotations: impl IntoIterator<Item = &'a A>,
    filter: &Filter,
) -> PanelView<'a, A> {
    let m = filter.matcher();
    let mut out = PanelView {
        items: Vec::new(),
        orphans: Vec::new(),
        total: Counts::default(),
        shown: Counts::default(),
    };
    for held in annotations {
        let a: &Annotation = held.borrow();
        out.total.add(a.kind());
        if m.matches(a) {
            out.shown.add(a.kind());
            if a.is_attached() {
                out.items.push(held);
            } else {
                out.orphans.push(held);
            }
        }
    }
    out
}

/// How many code points of the quoted text a [`label`] shows.
pub const LABEL_QUOTE_CP: usize = 60;

/// One line naming an annotation, for the tooltip and accessible name of its highlight and
/// for announcements: its kind and quoted text (shortened to [`LABEL_QUOTE_CP`] code points),
/// then a claim's verdict or a quote's speaker when known, e.g. "Claim “…” — Unverified",
/// "Quote “…” — Rex Tillerson", "Quote “…”".
pub fn label(a: &Annotation) -> String {
    // A quote across blocks holds line breaks; a label stays one line.
    let quote = shorten(&a.quote.exact, LABEL_QUOTE_CP).replace('\n', " ");
    match a.claim() {
        Some(c) => format!("Claim “{quote}” — {}", c.verdict.label()),
        None if a.who().is_empty() => format!("Quote “{quote}”"),
        None => format!("Quote “{quote}” — {}", a.who()),
    }
}

/// How many annotations a [`run_label`] or an [`overlap_announcement`] names; the others are
/// counted ("and 1,495 more"). Ten lines still fit a tooltip and can be listened to; a place
/// covered by hundreds of annotations is better explored by clicking through them
/// ([`crate::core::segment::click_selection`]) or in the panel.
pub const LABEL_NAMES: usize = 10;

/// The label of a highlighted run: the [`label`]s of the annotations covering it, one per
/// line, in the order given (innermost first, as
/// [`crate::core::segment::covering_at`] gives them), at most [`LABEL_NAMES`] of them and then
/// a line "and N more". It is computed when a highlight is pointed at or clicked, never for
/// every run.
pub fn run_label<'a>(covering: impl IntoIterator<Item = &'a Annotation>) -> String {
    let (mut lines, more) = named(covering);
    if more > 0 {
        lines.push(and_more(more));
    }
    lines.join("\n")
}

/// The [`label`]s of the first [`LABEL_NAMES`] of `annotations`, and how many more there are.
fn named<'a>(annotations: impl IntoIterator<Item = &'a Annotation>) -> (Vec<String>, usize) {
    let mut names = Vec::new();
    let mut more = 0;
    for a in annotations {
        if names.len() < LABEL_NAMES {
            names.push(label(a));
        } else {
            more += 1;
        }
    }
    (names, more)
}

/// "and 1 more", "and 1,495 more".
fn and_more(n: usize) -> String {
    format!("and {} more", grouped(n))
}

/// `n` with its thousands grouped by commas, as people read counts: "1,500".
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// The cue shown where more annotations overlap than a highlight draws
/// ([`crate::core::segment::deep_cues`]): "1,500 overlapping".
pub fn overlapping_cue(depth: usize) -> String {
    format!("{} overlapping", grouped(depth))
}

/// What is announced when code points `start..end` are selected: "Selection overlaps: " and
/// the [`label`]s, joined by "; " in the order given, of the attached annotations that share
/// a code point with the selection, at most [`LABEL_NAMES`] of them and then "and N more";
/// empty when there are none.
pub fn overlap_announcement<'a>(
    annotations: impl IntoIterator<Item = &'a Annotation>,
    start: usize,
    end: usize,
) -> String {
    let (mut inside, more) = named(
        annotations
            .into_iter()
            .filter(|a| a.is_attached() && a.start < end && start < a.end),
    );
    if inside.is_empty() {
        return String::new();
    }
    if more > 0 {
        inside.push(and_more(more));
    }
    format!("Selection overlaps: {}", inside.join("; "))
}

/// `text` shortened to at most `max_cp` code points: when it is longer, its first
/// `max_cp - 1` code points (without trailing white space) and "…".
pub fn shorten(text: &str, max_cp: usize) -> String {
    let mut chars = text.char_indices();
    match chars.nth(max_cp) {
        None => text.to_owned(),
        Some(_) if max_cp == 0 => String::new(),
        Some(_) => {
            let cut = text
                .char_indices()
                .nth(max_cp - 1)
                .map_or(text.len(), |(b, _)| b);
            let head = text.get(..cut).unwrap_or("").trim_end();
            format!("{head}…")
        }
    }
}

/// Tags used on `annotations` that start with `prefix` (ignoring case and surrounding white
/// space), sorted ignoring case, each once whatever its case (the first spelling met is kept).
pub fn tag_suggestions<'a>(
    annotations: impl IntoIterator<Item = &'a Annotation>,
    prefix: &str,
) -> Vec<String> {
    let prefix = crate::core::case::lowercase(prefix.trim());
    let mut seen: Vec<(String, String)> = Vec::new();
    // Each spelling is lowered once: a library's tags are a few words used on many
    // annotations, and lowering non-ASCII text is a call into the browser in the app.
    let mut met: Vec<&str> = Vec::new();
    for t in annotations.into_iter().flat_map(|a| &a.tags) {
        let t = t.trim();
        match met.binary_search(&t) {
            Ok(_) => continue,
            Err(i) => met.insert(i, t),
        }
        let lower = crate::core::case::lowercase(t);
        if lower.is_empty() || !lower.starts_with(&prefix) {
            continue;
        }
        if let Err(i) = seen.binary_search_by(|(l, _)| l.as_str().cmp(&lower)) {
            seen.insert(i, (lower, t.to_owned()));
        }
    }
    seen.into_iter().map(|(_, t)| t).collect()
}

/// A filter with its tag and search text prepared once.
struct Matcher<'f> {
    filter: &'f Filter,
    tag: Option<String>,
    search: String,
}

impl Matcher<'_> {
    fn matches(&self, a: &Annotation) -> bool {
        if !self.filter.kind.allows(a.kind()) {
            return false;
        }
        if let Some(v) = self.filter.verdict {
            if a.claim().map(|c| c.verdict) != Some(v) {
                return false;
            }
        }
        if let Some(tag) = &self.tag {
            if !tag.is_empty()
                && !a
                    .tags
                    .iter()
                    .any(|t| crate::core::case::lowercase(t.trim()) == *tag)
            {
                return false;
            }
        }
        self.search.is_empty()
            || [a.quote.exact.as_str(), a.note.as_str(), a.who()]
                .iter()
                .any(|field| normalize(field).contains(&self.search))
    }
}

/// Lower case, with every run of white space made one space and none at either end.
fn normalize(s: &str) -> String {
    s.split_whitespace()
        .map(crate::core::case::lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Anchoring, Body, Timestamp};
    use crate::core::text::Article;
    use uuid::Uuid;

    /// Annotations on the sample article: a claim on "Çavuşoğlu stated …", a quote, an orphan
    /// claim, each with some fields set.
    fn sample() -> (Article, Vec<Annotation>) {
        let a = Article::sample();
        let find = |needle: &str| -> (usize, usize) {
            let b = a.text.find(needle).expect("needle");
            let s = a.text[..b].chars().count();
            (s, s + needle.chars().count())
        };
        let make = |n: u128, kind: Kind, needle: &str| {
            let (s, e) = find(needle);
            Annotation::new(Uuid::from_u128(n), a.id, kind, &a.text, s, e, Timestamp(0))
        };
        let mut claim = make(
            1,
            Kind::Claim,
            "Minister Çavuşoğlu\u{a0} stated that\u{a0} U.S.",
        );
        claim.tags = vec!["Türkiye".into(), "Diplomacy".into()];
        claim.note = "Check  the\nwording".into();
        if let Body::Claim(c) = &mut claim.body {
            c.claimant = "Mevlüt Çavuşoğlu".into();
            c.verdict = Verdict::MostlyTrue;
        }
        let mut quote = make(2, Kind::Quote, "“Together, we share a resolve");
        quote.tags = vec!["ISIS".into(), "türkiye".into()];
        if let Body::Quote(q) = &mut quote.body {
            q.speaker = "Rex Tillerson".into();
        }
        let mut orphan = make(3, Kind::Claim, "more than 19,000 strikes");
        orphan.anchoring = Anchoring::Orphan;
        orphan.tags = vec!["isis".into(), "Numbers".into()];
        (a, vec![quote, claim, orphan])
    }

    fn ids(list: &[&Annotation]) -> Vec<u128> {
        list.iter().map(|a| a.id.as_u128()).collect()
    }

    fn check(filter: Filter, items: &[u128], orphans: &[u128]) {
        let (_, anns) = sample();
        let v = view(&anns, &filter);
        assert_eq!(
            (ids(&v.items), ids(&v.orphans)),
            (items.to_vec(), orphans.to_vec()),
            "{filter:?}"
        );
        assert_eq!(v.shown.all, items.len() + orphans.len());
    }

    fn search(s: &str) -> Filter {
        Filter {
            search: s.into(),
            ..Filter::default()
        }
    }

    #[test]
    fn everything_is_shown_by_default_with_orphans_apart() {
        check(Filter::default(), &[2, 1], &[3]);
        let (_, anns) = sample();
        let v = view(&anns, &Filter::default());
        let all = Counts {
            all: 3,
            claims: 2,
            quotes: 1,
        };
        assert_eq!((v.total, v.shown), (all, all));
    }

    #[test]
    fn filters_by_kind_verdict_and_tag() {
        let kind = |kind| Filter {
            kind,
            ..Filter::default()
        };
        check(kind(KindFilter::Claims), &[1], &[3]);
        check(kind(KindFilter::Quotes), &[2], &[]);
        let verdict = |v| Filter {
            verdict: Some(v),
            ..Filter::default()
        };
        check(verdict(Verdict::MostlyTrue), &[1], &[]);
        check(verdict(Verdict::Unverified), &[], &[3]);
        let tag = |t: &str| Filter {
            tag: Some(t.into()),
            ..Filter::default()
        };
        check(tag("TÜRKIYE"), &[2, 1], &[]);
        check(tag(" isis "), &[2], &[3]);
        check(tag("nothing"), &[], &[]);
        check(tag(""), &[2, 1], &[3]);

        let (_, anns) = sample();
        let v = view(&anns, &kind(KindFilter::Quotes));
        assert_eq!(v.total.all, 3);
        assert_eq!(
            v.shown,
            Counts {
                all: 1,
                claims: 0,
                quotes: 1
            }
        );
    }

    #[test]
    fn search_ignores_case_and_extra_white_space() {
        // The quoted text holds "Çavuşoğlu", a non-breaking space and a space.
        check(search("  çavuşoğlu STATED "), &[1], &[]);
        // The note holds two spaces and a line break.
        check(search("check the wording"), &[1], &[]);
        // Speaker and claimant.
        check(search("tillerson"), &[2], &[]);
        check(search("MEVLÜT"), &[1], &[]);
        check(search("“together"), &[2], &[]);
        check(search("19,000"), &[], &[3]);
        check(search("   "), &[2, 1], &[3]);
        check(search("no such words"), &[], &[]);
        // Words must be adjacent in one field.
        check(search("wording rex"), &[], &[]);
        let both = Filter {
            kind: KindFilter::Claims,
            ..search("together")
        };
        check(both, &[], &[]);
    }

    #[test]
    fn shorten_cuts_on_characters_with_an_ellipsis() {
        assert_eq!(shorten("Çavuşoğlu", 9), "Çavuşoğlu");
        assert_eq!(shorten("Çavuşoğlu", 20), "Çavuşoğlu");
        assert_eq!(shorten("Çavuşoğlu", 5), "Çavu…");
        assert_eq!(shorten("ab\u{a0} cd", 4), "ab…");
        assert_eq!(shorten("😀😀😀", 2), "😀…");
        assert_eq!(shorten("abc", 1), "…");
        assert_eq!(shorten("abc", 0), "");
        assert_eq!(shorten("", 0), "");
    }

    #[test]
    fn labels_name_kind_quote_and_verdict_or_speaker() {
        let (_, anns) = sample();
        let [quote, claim, orphan] = [&anns[0], &anns[1], &anns[2]];
        assert_eq!(
            label(claim),
            "Claim “Minister Çavuşoğlu\u{a0} stated that\u{a0} U.S.” — Mostly true"
        );
        assert_eq!(
            label(quote),
            "Quote ““Together, we share a resolve” — Rex Tillerson"
        );
        assert_eq!(
            label(orphan),
            "Claim “more than 19,000 strikes” — Unverified"
        );
        let mut anonymous = quote.clone();
        if let Body::Quote(q) = &mut anonymous.body {
            q.speaker.clear();
        }
        assert_eq!(label(&anonymous), "Quote ““Together, we share a resolve”");
        // A quote across blocks is still one line.
        let mut across = claim.clone();
        across.quote.exact = "Turkish Presence\nTurkish Foreign Minister".into();
        assert_eq!(
            label(&across),
            "Claim “Turkish Presence Turkish Foreign Minister” — Mostly true"
        );
        // A long quote is cut to 60 code points, on a character, not a byte.
        let mut long = claim.clone();
        long.quote.exact = "Çavuşoğlu ".repeat(10);
        assert_eq!(
            label(&long),
            format!("Claim “{}Çavuşoğlu…” — Mostly true", "Çavuşoğlu ".repeat(5))
        );
    }

    #[test]
    fn a_run_is_labelled_by_each_annotation_covering_it() {
        let (_, anns) = sample();
        assert_eq!(run_label([]), "");
        assert_eq!(run_label([&anns[1]]), label(&anns[1]));
        assert_eq!(
            run_label([&anns[1], &anns[0]]),
            format!("{}\n{}", label(&anns[1]), label(&anns[0]))
        );
    }

    #[test]
    fn a_label_names_ten_annotations_and_counts_the_rest() {
        let (_, anns) = sample();
        let many: Vec<&Annotation> = std::iter::repeat_n(&anns[1], 1_500).collect();
        let one = label(&anns[1]);
        let got = run_label(many.iter().copied());
        let lines: Vec<&str> = got.lines().collect();
        assert_eq!(lines.len(), LABEL_NAMES + 1);
        assert!(lines[..LABEL_NAMES].iter().all(|l| *l == one));
        assert_eq!(lines[LABEL_NAMES], "and 1,490 more");
        let eleven = run_label(many.iter().copied().take(11));
        assert!(eleven.ends_with("\nand 1 more"), "{eleven}");
        assert_eq!(run_label(many.iter().copied().take(10)).lines().count(), 10);
        // The announcement of a selection is capped the same way.
        let owned: Vec<Annotation> = many.iter().map(|a| (*a).clone()).collect();
        let (s, e) = (anns[1].start, anns[1].end);
        let said = overlap_announcement(&owned, s, e);
        assert_eq!(said.matches(one.as_str()).count(), LABEL_NAMES);
        assert!(said.ends_with("; and 1,490 more"), "{said}");
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        let cases = [
            (0, "0"),
            (7, "7"),
            (999, "999"),
            (1_000, "1,000"),
            (1_500, "1,500"),
            (123_456, "123,456"),
            (1_234_567, "1,234,567"),
        ];
        for (n, want) in cases {
            assert_eq!(grouped(n), want);
        }
        assert_eq!(overlapping_cue(1_500), "1,500 overlapping");
    }

    #[test]
    fn a_selection_announces_the_attached_annotations_it_overlaps() {
        let (a, anns) = sample();
        let (claim, quote, orphan) = (&anns[1], &anns[0], &anns[2]);
        let everything = (0, crate::core::offsets::cp_len(&a.text));
        assert_eq!(
            overlap_announcement(&anns, everything.0, everything.1),
            format!("Selection overlaps: {}; {}", label(quote), label(claim))
        );
        // The last code point of the claim overlaps; the one just after it does not.
        assert_eq!(
            overlap_announcement(&anns, claim.end - 1, claim.end + 1),
            format!("Selection overlaps: {}", label(claim))
        );
        assert_eq!(overlap_announcement(&anns, claim.end, claim.end + 1), "");
        // An orphan is not in the text, whatever its last known span.
        assert_eq!(overlap_announcement([orphan], orphan.start, orphan.end), "");
        assert_eq!(overlap_announcement(&anns, 0, 0), "");
    }

    #[test]
    fn tag_suggestions_are_sorted_unique_and_prefixed() {
        let (_, anns) = sample();
        assert_eq!(
            tag_suggestions(&anns, ""),
            vec!["Diplomacy", "ISIS", "Numbers", "türkiye"]
        );
        assert_eq!(tag_suggestions(&anns, " tü"), vec!["türkiye"]);
        assert_eq!(tag_suggestions(&anns, "I"), vec!["ISIS"]);
        assert!(tag_suggestions(&anns, "x").is_empty());
    }
}
