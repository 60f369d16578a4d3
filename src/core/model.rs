//! The annotation model: what one annotation holds.
//!
//! Offsets are Unicode code points of the article's canonical text (see
//! [`crate::core::offsets`]). Times are UTC, kept as milliseconds since the Unix epoch and
//! written as RFC 3339. Ids are UUIDs made from random bytes that the shell supplies, so this
//! module needs no source of randomness or clock of its own.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use uuid::Uuid;

/// How many code points of context a [`TextQuote`] keeps on each side, as in the W3C
/// `TextQuoteSelector` convention used by Hypothesis.
pub const CONTEXT_CP: usize = 32;

/// Makes a version 4 UUID from 16 random bytes (the shell takes them from `crypto`).
pub fn uuid_from_random(bytes: [u8; 16]) -> Uuid {
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

/// What the user is told when the browser gives no random numbers, which new ids need:
/// `what` says what could not be done, e.g. "Could not create the annotation".
pub fn no_random_numbers(what: &str) -> String {
    format!(
        "{what}: this browser gave no random numbers, which new ids need. Nothing was changed; reload the page or try another browser."
    )
}

/// A point in time, UTC, in milliseconds since the Unix epoch; serialised as RFC 3339.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// RFC 3339 with millisecond precision and a `Z` offset, e.g. `2026-11-27T21:47:39.000Z`.
    pub fn to_rfc3339(self) -> String {
        let nanos = i128::from(self.0) * 1_000_000;
        match time::OffsetDateTime::from_unix_timestamp_nanos(nanos) {
            Ok(t) => {
                let (y, mo, d) = (t.year(), u8::from(t.month()), t.day());
                format!(
                    "{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
                    t.hour(),
                    t.minute(),
                    t.second(),
                    t.millisecond()
                )
            }
            Err(_) => "1970-01-01T00:00:00.000Z".to_owned(),
        }
    }

    /// Parses any RFC 3339 date-time (any offset); `None` when it is not one.
    pub fn parse_rfc3339(s: &str) -> Option<Self> {
        let t =
            time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok()?;
        Some(Timestamp((t.unix_timestamp_nanos() / 1_000_000) as i64))
    }

    /// The calendar date, `YYYY-MM-DD`.
    pub fn date(self) -> String {
        self.to_rfc3339()[..10].to_owned()
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Timestamp::parse_rfc3339(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("not an RFC 3339 date-time: {s:?}")))
    }
}

/// A link that is known to be `http:` or `https:`; nothing else can be built.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HttpUrl(String);

/// Why a link was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlError {
    Empty,
    /// The scheme is not `http` or `https` (e.g. `javascript:`, `data:`, `file:`).
    Scheme(String),
    /// No host after `//`.
    NoHost,
    /// Spaces or control characters.
    BadCharacter,
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlError::Empty => write!(f, "The link is empty."),
            UrlError::Scheme(s) if s.is_empty() => {
                write!(f, "Only http:// and https:// links are accepted.")
            }
            UrlError::Scheme(s) => write!(
                f,
                "“{s}:” links are refused: only http:// and https:// links are accepted."
            ),
            UrlError::NoHost => write!(f, "The link has no host name after “//”."),
            UrlError::BadCharacter => write!(f, "The link contains spaces or control characters."),
        }
    }
}

impl HttpUrl {
    /// Accepts only absolute `http:`/`https:` URLs with a host, after trimming white space.
    pub fn parse(input: &str) -> Result<Self, UrlError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(UrlError::Empty);
        }
        if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(UrlError::BadCharacter);
        }
        let Some((scheme, rest)) = s.split_once(':') else {
            return Err(UrlError::Scheme(String::new()));
        };
        let lower = scheme.to_ascii_lowercase();
        if lower != "http" && lower != "https" {
            let shown: String = scheme.chars().take(20).collect();
            return Err(UrlError::Scheme(shown));
        }
        let Some(after) = rest.strip_prefix("//") else {
            return Err(UrlError::NoHost);
        };
        let authority = after.split(['/', '?', '#']).next().unwrap_or("");
        let host = authority.rsplit('@').next().unwrap_or("");
        if host.is_empty() || host.starts_with(':') {
            return Err(UrlError::NoHost);
        }
        Ok(HttpUrl(format!("{lower}:{rest}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for HttpUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for HttpUrl {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for HttpUrl {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        HttpUrl::parse(&s).map_err(|e| serde::de::Error::custom(format!("{s:?}: {e}")))
    }
}

/// Claim or quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Claim,
    Quote,
}

crate::core::json::deserialize_by_name!(Kind, "claim or quote");

impl Kind {
    /// Both kinds.
    pub const ALL: [Kind; 2] = [Kind::Claim, Kind::Quote];

    pub fn label(self) -> &'static str {
        match self {
            Kind::Claim => "Claim",
            Kind::Quote => "Quote",
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Claim => "claim",
            Kind::Quote => "quote",
        }
    }
}

/// A claim's verdict. `Unverified` is the default and means "no verdict yet".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    #[default]
    Unverified,
    True,
    MostlyTrue,
    HalfTrue,
    MostlyFalse,
    False,
    Misleading,
    Unproven,
}

crate::core::json::deserialize_by_name!(Verdict, "a verdict (unverified, true, mostly-true, half-true, mostly-false, false, misleading, unproven)");

impl Verdict {
    /// Every verdict, in the order the scale is shown.
    pub const ALL: [Verdict; 8] = [
        Verdict::Unverified,
        Verdict::True,
        Verdict::MostlyTrue,
        Verdict::HalfTrue,
        Verdict::MostlyFalse,
        Verdict::False,
        Verdict::Misleading,
        Verdict::Unproven,
    ];

    /// The words a reader sees.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Unverified => "Unverified",
            Verdict::True => "True",
            Verdict::MostlyTrue => "Mostly true",
            Verdict::HalfTrue => "Half true",
            Verdict::MostlyFalse => "Mostly false",
            Verdict::False => "False",
            Verdict::Misleading => "Misleading",
            Verdict::Unproven => "Unproven",
        }
    }

    /// The stable identifier used in storage and exports (`mostly-true`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Unverified => "unverified",
            Verdict::True => "true",
            Verdict::MostlyTrue => "mostly-true",
            Verdict::HalfTrue => "half-true",
            Verdict::MostlyFalse => "mostly-false",
            Verdict::False => "false",
            Verdict::Misleading => "misleading",
            Verdict::Unproven => "unproven",
        }
    }

    /// Parses [`Verdict::as_str`] or [`Verdict::label`] (case-insensitive).
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        Verdict::ALL
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(s) || v.label().eq_ignore_ascii_case(s))
    }

    /// Whether the claim has been given a verdict.
    pub fn is_set(self) -> bool {
        self != Verdict::Unverified
    }
}

/// The quoted text with its context, as in the W3C `TextQuoteSelector`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TextQuote {
    pub exact: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
}

impl TextQuote {
    /// The quote of code points `start..end` of `text`, with up to [`CONTEXT_CP`] code points
    /// of context on each side.
    pub fn from_span(text: &str, start: usize, end: usize) -> Self {
        use crate::core::offsets::slice_cp;
        TextQuote {
            exact: slice_cp(text, start, end).to_owned(),
            prefix: slice_cp(text, start.saturating_sub(CONTEXT_CP), start).to_owned(),
            suffix: slice_cp(text, end, end + CONTEXT_CP).to_owned(),
        }
    }
}

/// What a claim carries.
///
/// Its evidence links are unique: [`ClaimFields::new`], reading a record (storage, imports,
/// other tabs) and the reducer's edits keep a link given twice once, where it first appears
/// (the interface keys the list by link).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ClaimFields {
    #[serde(default)]
    pub claimant: String,
    #[serde(default)]
    pub verdict: Verdict,
    #[serde(default, deserialize_with = "deserialize_unique_links")]
    pub evidence: Vec<HttpUrl>,
}

impl ClaimFields {
    /// A claim by `claimant` with `verdict` and `evidence`, each link kept once.
    pub fn new(
        claimant: impl Into<String>,
        verdict: Verdict,
        evidence: impl IntoIterator<Item = HttpUrl>,
    ) -> Self {
        ClaimFields {
            claimant: claimant.into(),
            verdict,
            evidence: unique_links(evidence),
        }
    }
}

/// `links` with every link after its first occurrence dropped, in the order given. Links are
/// compared as [`HttpUrl::parse`] leaves them (scheme in lower case, the rest as written).
pub fn unique_links(links: impl IntoIterator<Item = HttpUrl>) -> Vec<HttpUrl> {
    let mut seen = crate::core::sort::SortedSet::new();
    links
        .into_iter()
        .filter(|l| seen.insert(l.clone()))
        .collect()
}

/// Reads a list of links and keeps each once (see [`unique_links`]).
fn deserialize_unique_links<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<HttpUrl>, D::Error> {
    Vec::<HttpUrl>::deserialize(d).map(unique_links)
}

/// What a quote carries.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct QuoteFields {
    #[serde(default)]
    pub speaker: String,
    /// Whether the quote was checked against a source.
    #[serde(default)]
    pub checked: bool,
    /// The source it was checked against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<HttpUrl>,
}

/// The kind of an annotation together with the fields only that kind has.
///
/// On the wire, the object of its fields with `"kind"` beside them (`{"kind": "claim",
/// "claimant": …}`), as serde's internally tagged enums write it. `Deserialize` is written by
/// hand: the derive for such an enum (and `#[serde(flatten)]`, through which [`Annotation`]
/// read it) buffer the whole object first, which cost the page some 3 KB gzip (issue 11).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Body {
    Claim(ClaimFields),
    Quote(QuoteFields),
}

impl<'de> Deserialize<'de> for Body {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let value = serde_json::Value::deserialize(d)?;
        let kind = match value.get("kind") {
            Some(kind) => Kind::deserialize(kind).map_err(D::Error::custom)?,
            None => return Err(D::Error::missing_field("kind")),
        };
        match kind {
            Kind::Claim => ClaimFields::deserialize(value).map(Body::Claim),
            Kind::Quote => QuoteFields::deserialize(value).map(Body::Quote),
        }
        .map_err(D::Error::custom)
    }
}

impl Body {
    pub fn new(kind: Kind) -> Self {
        match kind {
            Kind::Claim => Body::Claim(ClaimFields::default()),
            Kind::Quote => Body::Quote(QuoteFields::default()),
        }
    }
    pub fn kind(&self) -> Kind {
        match self {
            Body::Claim(_) => Kind::Claim,
            Body::Quote(_) => Kind::Quote,
        }
    }
}

/// Whether an annotation is attached to the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Anchoring {
    /// `start..end` holds exactly `quote.exact`.
    #[default]
    Anchored,
    /// Attached, but the text at `start..end` differs from the stored quote (after the
    /// article's text was replaced, or a fuzzy match): a person should look at it.
    NeedsReview,
    /// Not attached to any text; `start`/`end` are the last known positions.
    Orphan,
}

/// One annotation on one article.
///
/// On the wire, one object: the fields below and the [`Body`]'s (`kind` and that kind's
/// fields). Serde's derive is asked for inherent functions (`remote = "Self"`), which the trait
/// impls below call: writing flattens the body; reading reads the object once as a `Value`, the
/// body from it and the rest without `#[serde(flatten)]`'s buffering.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Annotation {
    pub id: Uuid,
    pub article_id: Uuid,
    /// Code point offset of the first annotated character.
    pub start: usize,
    /// Code point offset just past the last annotated character.
    pub end: usize,
    pub quote: TextQuote,
    pub created: Timestamp,
    pub modified: Timestamp,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(flatten, skip_deserializing, default = "placeholder_body")]
    pub body: Body,
    #[serde(default)]
    pub anchoring: Anchoring,
}

/// What `Annotation`'s derived reader leaves in `body`, which its `Deserialize` then replaces.
fn placeholder_body() -> Body {
    Body::Claim(ClaimFields::default())
}

impl Serialize for Annotation {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Annotation::serialize(self, s)
    }
}

impl<'de> Deserialize<'de> for Annotation {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let value = serde_json::Value::deserialize(d)?;
        // An error is found once the whole object is read, so a reader's position points at
        // its end; the annotation's id, when it has one, says which it is.
        let id = value
            .get("id")
            .and_then(serde_json::Value::as_str)
            .and_then(|id| Uuid::parse_str(id).ok());
        let which = |e: serde_json::Error| match id {
            Some(id) => D::Error::custom(format_args!("annotation {id}: {e}")),
            None => D::Error::custom(e),
        };
        let body = Body::deserialize(value.clone()).map_err(which)?;
        let mut annotation = Annotation::deserialize(value).map_err(which)?;
        annotation.body = body;
        Ok(annotation)
    }
}

impl Annotation {
    /// A new annotation of `kind` on code points `start..end` of `text`.
    pub fn new(
        id: Uuid,
        article_id: Uuid,
        kind: Kind,
        text: &str,
        start: usize,
        end: usize,
        now: Timestamp,
    ) -> Self {
        Annotation {
            id,
            article_id,
            start,
            end,
            quote: TextQuote::from_span(text, start, end),
            created: now,
            modified: now,
            note: String::new(),
            tags: Vec::new(),
            body: Body::new(kind),
            anchoring: Anchoring::Anchored,
        }
    }

    pub fn kind(&self) -> Kind {
        self.body.kind()
    }

    pub fn claim(&self) -> Option<&ClaimFields> {
        match &self.body {
            Body::Claim(c) => Some(c),
            Body::Quote(_) => None,
        }
    }

    pub fn quote_fields(&self) -> Option<&QuoteFields> {
        match &self.body {
            Body::Quote(q) => Some(q),
            Body::Claim(_) => None,
        }
    }

    /// The claimant of a claim or the speaker of a quote.
    pub fn who(&self) -> &str {
        match &self.body {
            Body::Claim(c) => &c.claimant,
            Body::Quote(q) => &q.speaker,
        }
    }

    /// Whether it is attached to text (anchored or needing review), so it can be highlighted.
    pub fn is_attached(&self) -> bool {
        self.anchoring != Anchoring::Orphan
    }
}

/// Splits a comma-separated tag list into tags: trimmed, empty ones dropped, duplicates
/// (ignoring case) removed, first spelling kept.
pub fn parse_tags(input: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in input.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if !out.iter().any(|o| crate::core::case::eq_ignore_case(o, t)) {
            out.push(t.to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_rfc3339_utc_and_round_trip() {
        let t = Timestamp(1_764_279_659_123);
        assert_eq!(t.to_rfc3339(), "2025-11-27T21:40:59.123Z");
        assert_eq!(Timestamp::parse_rfc3339(&t.to_rfc3339()), Some(t));
        assert_eq!(
            Timestamp::parse_rfc3339("2025-11-27T22:40:59.123+01:00"),
            Some(t)
        );
        assert_eq!(Timestamp::parse_rfc3339("yesterday"), None);
        assert_eq!(t.date(), "2025-11-27");
    }

    #[test]
    fn only_http_and_https_links_are_accepted() {
        assert_eq!(
            HttpUrl::parse(" https://example.org/a?b#c ")
                .unwrap()
                .as_str(),
            "https://example.org/a?b#c"
        );
        assert_eq!(HttpUrl::parse("HTTP://x.y").unwrap().as_str(), "http://x.y");
        for bad in [
            "javascript:alert(1)",
            "JavaScript://x.y/%0aalert(1)",
            "data:text/html,<script>",
            "file:///etc/passwd",
            "vbscript:x",
            "//example.org",
            "example.org",
            "https://",
            "https:///path",
            "http://exa mple.org",
            "https://x.y/\u{0}",
            "",
        ] {
            assert!(HttpUrl::parse(bad).is_err(), "{bad:?} was accepted");
        }
        assert!(HttpUrl::parse("javascript:alert(1)")
            .unwrap_err()
            .to_string()
            .contains("javascript"));
        assert!(serde_json::from_str::<HttpUrl>("\"javascript:alert(1)\"").is_err());
    }

    #[test]
    fn quote_keeps_32_code_points_of_context() {
        let text = format!("{}Çavuşoğlu\u{a0}said{}", "é".repeat(40), "😀".repeat(40));
        let start = 40;
        let end = 40 + 14;
        let q = TextQuote::from_span(&text, start, end);
        assert_eq!(q.exact, "Çavuşoğlu\u{a0}said");
        assert_eq!(q.prefix, "é".repeat(32));
        assert_eq!(q.suffix, "😀".repeat(32));
        let q0 = TextQuote::from_span("abc", 0, 1);
        assert_eq!((q0.prefix.as_str(), q0.suffix.as_str()), ("", "bc"));
    }

    #[test]
    fn annotation_serialises_kind_with_its_fields() {
        let a = Annotation::new(
            uuid_from_random([7; 16]),
            Uuid::nil(),
            Kind::Claim,
            "abc def",
            4,
            7,
            Timestamp(0),
        );
        let json = serde_json::to_value(&a).unwrap();
        assert_eq!(json["kind"], "claim");
        assert_eq!(json["verdict"], "unverified");
        assert_eq!(json["quote"]["exact"], "def");
        assert_eq!(json["created"], "1970-01-01T00:00:00.000Z");
        let back: Annotation = serde_json::from_value(json).unwrap();
        assert_eq!(back, a);
        assert_eq!(a.id.get_version_num(), 4);
    }

    #[test]
    fn verdicts_parse_from_id_or_label() {
        for v in Verdict::ALL {
            assert_eq!(Verdict::parse(v.as_str()), Some(v));
            assert_eq!(Verdict::parse(&v.label().to_uppercase()), Some(v));
        }
        assert_eq!(Verdict::parse("pants on fire"), None);
    }

    #[test]
    fn evidence_links_are_kept_once_in_first_order() {
        let url = |s: &str| HttpUrl::parse(s).unwrap();
        let (a, b) = (url("https://a.example/1"), url("https://b.example/ç"));
        // The constructor, on links given twice (the second spelled with an upper-case scheme).
        let c = ClaimFields::new(
            "Çavuşoğlu",
            Verdict::False,
            [b.clone(), a.clone(), url("HTTPS://b.example/ç"), a.clone()],
        );
        assert_eq!(c.evidence, vec![b.clone(), a.clone()]);
        assert_eq!(
            (c.claimant.as_str(), c.verdict),
            ("Çavuşoğlu", Verdict::False)
        );
        // Links that differ after the scheme are different links.
        assert_eq!(
            unique_links([a.clone(), url("https://a.example/1/")]).len(),
            2
        );

        // Reading a stored or imported record.
        let mut json = serde_json::to_value(Annotation::new(
            Uuid::nil(),
            Uuid::nil(),
            Kind::Claim,
            "abc",
            0,
            3,
            Timestamp(0),
        ))
        .unwrap();
        json["evidence"] = serde_json::json!([
            "https://b.example/ç",
            "https://a.example/1",
            "https://b.example/ç",
            "https://a.example/1"
        ]);
        let read: Annotation = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(read.claim().unwrap().evidence, vec![b.clone(), a.clone()]);
        // The body alone, as the W3C import reads it from the extension.
        let body: Body = serde_json::from_value(json).unwrap();
        assert_eq!(
            body,
            Body::Claim(ClaimFields::new("", Verdict::Unverified, [b, a]))
        );
        // A missing list is still an empty one.
        let none: ClaimFields = serde_json::from_str("{}").unwrap();
        assert!(none.evidence.is_empty());
    }

    #[test]
    fn tags_are_trimmed_and_deduplicated() {
        assert_eq!(
            parse_tags(" Syria, ,syria,ISIS ,Türkiye"),
            vec!["Syria", "ISIS", "Türkiye"]
        );
    }

    #[test]
    fn without_random_numbers_the_message_says_what_failed_and_that_nothing_changed() {
        let m = no_random_numbers("Could not import “Çavuşoğlu.json”");
        assert!(m.starts_with("Could not import “Çavuşoğlu.json”: "), "{m}");
        assert!(m.contains("Nothing was changed"), "{m}");
    }
}
