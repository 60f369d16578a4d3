//! W3C Web Annotation Data Model (JSON-LD), to exchange annotations with other tools.
//!
//! # Wire format (export)
//!
//! An `AnnotationCollection` whose `first` is one `AnnotationPage` holding every annotation
//! in `items`. Each annotation:
//!
//! - `@context`: `["http://www.w3.org/ns/anno.jsonld", {"annotator": "urn:article-annotator:ns#"}]`;
//! - `id`: `urn:uuid:<annotation id>`; `type`: `Annotation`; `created`, `modified` (RFC 3339);
//! - `motivation`: `assessing` for a claim with a verdict, `classifying` otherwise (every
//!   annotation classifies a span as a claim or a quote; a verdict makes it an assessment);
//! - `body`: `TextualBody`s, each with a `value` and a `purpose`: `tagging` with `claim` or
//!   `quote` first, `tagging` for each tag, `commenting` for the note (when not empty),
//!   `assessing` with the verdict's label (when set);
//! - `target`: `source` is the article's URL, or `urn:uuid:<article id>` when it has none;
//!   `selector` holds a `TextQuoteSelector` (`exact`, `prefix`, `suffix`) and a
//!   `TextPositionSelector` (`start`, `end` in code points of the canonical text), and both
//!   select the same text: `exact`, `prefix` and `suffix` are the article's text at
//!   `start..end`. An orphan is on no text: it has only the `TextQuoteSelector`, holding its
//!   own quote;
//! - `annotator:fields`: this app's extension, which W3C consumers ignore, holding what the
//!   model has no place for: `articleId`, `anchoring`, and the kind with its fields exactly as
//!   in Annotator JSON (`kind`, `claimant`, `verdict`, `evidence` or `speaker`, `checked`,
//!   `source`); `quote` (`exact`, `prefix`, `suffix`), the quote the annotation was made or
//!   imported with, when it differs from the selected text (after an approximate match or a
//!   replaced text: the reviewer compares the two); `lastKnownPosition` (`start`, `end`) for
//!   an orphan.
//!
//! # Import
//!
//! Accepts one annotation, an array of them, an `AnnotationPage`, or an
//! `AnnotationCollection` with its `first` page inline, from this app, Hypothesis (`target`
//! as an array, selectors under `target[0].selector`, `RangeSelector`s ignored, the note in
//! `text` and tags in `tags`) or Recogito (`TextualBody`s with `purpose` and `value`). Every
//! annotation is anchored onto the chosen article with [`crate::core::anchor`]. Bodies without
//! a purpose are notes; a `tagging` body `claim` or `quote` sets the kind (claim when absent);
//! an `assessing` body that names a verdict sets it (otherwise it is added to the note). Ids
//! that are not `urn:uuid:` are turned into a stable UUID, so that importing the same file
//! twice updates rather than duplicates. From this app's own export, `annotator:fields` brings
//! back the quote, the anchoring state and an orphan's position, so that the round trip loses
//! nothing.

use super::{parse_json, ImportError, ImportPlan};
use crate::core::anchor::{Anchorer, Method};
use crate::core::library::Library;
use crate::core::model::{
    uuid_from_random, Anchoring, Annotation, Body, Kind, TextQuote, Timestamp, Verdict,
};
use crate::core::text::Article;
use serde_json::{json, Value};
use uuid::Uuid;

/// The Web Annotation JSON-LD context.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The namespace of this app's extension property `annotator:fields`.
pub const EXTENSION_NS: &str = "urn:article-annotator:ns#";

/// The W3C motivation written for `a`: `assessing` for a claim with a verdict, `classifying`
/// otherwise.
pub fn motivation(a: &Annotation) -> &'static str {
    match a.claim() {
        Some(c) if c.verdict.is_set() => "assessing",
        _ => "classifying",
    }
}

/// One annotation as a W3C Web Annotation, on `article` (used for the target's `source` and
/// its selectors).
///
/// Both selectors select the same text: the `TextQuoteSelector`'s `exact`, `prefix` and
/// `suffix` are the article's text at the annotation's position, which the
/// `TextPositionSelector` gives. When the annotation's own quote (the one it was made or
/// imported with) differs from that text, after an approximate match or a replaced text, it
/// travels in the extension as `annotator:fields.quote`. An orphan is on no text: its target
/// has only a `TextQuoteSelector` with its own quote, and its last known position travels in
/// the extension as `lastKnownPosition`. Without the article, the annotation's quote is
/// written as it is.
pub fn annotation_to_w3c(a: &Annotation, article: Option<&Article>) -> Value {
    let mut bodies = vec![textual("tagging", a.kind().as_str())];
    for t in &a.tags {
        bodies.push(textual("tagging", t));
    }
    if !a.note.is_empty() {
        bodies.push(textual("commenting", &a.note));
    }
    if let Some(c) = a.claim() {
        if c.verdict.is_set() {
            bodies.push(textual("assessing", c.verdict.label()));
        }
    }
    let source = article
        .and_then(|x| x.source_url.clone())
        .unwrap_or_else(|| format!("urn:uuid:{}", a.article_id));
    let mut fields = serde_json::to_value(&a.body).unwrap_or(Value::Null);
    let on_text = a.anchoring != Anchoring::Orphan;
    // The text the target selects: the article's, at the annotation's position.
    let selected = match article {
        Some(x) if on_text => TextQuote::from_span(&x.text, a.start, a.end),
        _ => a.quote.clone(),
    };
    if let Value::Object(o) = &mut fields {
        o.insert("articleId".into(), json!(a.article_id));
        o.insert("anchoring".into(), json!(a.anchoring));
        if selected != a.quote {
            o.insert("quote".into(), json!(a.quote));
        }
        if !on_text {
            o.insert(
                "lastKnownPosition".into(),
                json!({ "start": a.start, "end": a.end }),
            );
        }
    }
    let mut selectors = vec![json!({
        "type": "TextQuoteSelector",
        "exact": selected.exact,
        "prefix": selected.prefix,
        "suffix": selected.suffix,
    })];
    if on_text {
        selectors.push(json!({ "type": "TextPositionSelector", "start": a.start, "end": a.end }));
    }
    let mut target = json!({
        "source": source,
        "selector": selectors,
    });
    // Which version of the page the annotation was made on: the Web Annotation model's
    // `TimeState`, dated when the article's text was captured.
    if let (Some(capture), Value::Object(t)) =
        (article.and_then(|x| x.captured.as_ref()), &mut target)
    {
        t.insert(
            "state".into(),
            json!({ "type": "TimeState", "sourceDate": capture.at }),
        );
    }
    json!({
        "@context": [CONTEXT, { "annotator": EXTENSION_NS }],
        "id": format!("urn:uuid:{}", a.id),
        "type": "Annotation",
        "motivation": motivation(a),
        "created": a.created,
        "modified": a.modified,
        "body": bodies,
        "target": target,
        "annotator:fields": fields,
    })
}

fn textual(purpose: &str, value: &str) -> Value {
    json!({ "type": "TextualBody", "purpose": purpose, "value": value, "format": "text/plain" })
}

/// Writes `annotations` as an `AnnotationCollection` (pretty-printed JSON-LD) with id
/// `urn:uuid:<collection_id>` and label `label`, each annotation's target taken from its
/// article in `library`.
pub fn export<'a>(
    library: &Library,
    annotations: impl IntoIterator<Item = &'a Annotation>,
    collection_id: Uuid,
    label: &str,
) -> String {
    let index = library.index();
    let items: Vec<Value> = annotations
        .into_iter()
        .map(|a| annotation_to_w3c(a, index.article(a.article_id)))
        .collect();
    let doc = json!({
        "@context": CONTEXT,
        "id": format!("urn:uuid:{collection_id}"),
        "type": "AnnotationCollection",
        "label": label,
        "total": items.len(),
        "first": {
            "id": format!("urn:uuid:{collection_id}#page-1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// Reads W3C Web Annotations as [`import_into`] does, for tests and tools: copies get ids
/// derived from a fixed seed. The app calls [`import_into`].
pub fn import(
    input: &str,
    library: &Library,
    article_id: Uuid,
    now: Timestamp,
) -> Result<ImportPlan, ImportError> {
    let mut ids = super::fresh_ids([0x3c; 16]);
    import_into(input, library, article_id, now, &mut ids, &mut |_, _| {})
}

/// Reads W3C Web Annotations and plans adding them to the article `article_id` of `library`,
/// anchoring each on its text. Annotations not found in the text are kept as orphans.
///
/// `created` and `modified` times later than `now` become `now`; an annotation whose id
/// belongs to an annotation of another article becomes a copy with an id from `fresh_id`
/// ([`ImportPlan::new`]).
pub fn import_into(
    input: &str,
    library: &Library,
    article_id: Uuid,
    now: Timestamp,
    fresh_id: &mut dyn FnMut() -> Uuid,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportPlan, ImportError> {
    let doc = parse_json(input)?;
    let Some(article) = library.article(article_id) else {
        return Err(ImportError::MissingArticle {
            article: article_id,
        });
    };
    let items = items(&doc)?;
    let anchorer = Anchorer::new(&article.text);
    let mut out = Vec::with_capacity(items.len());
    let total = items.len();
    for (i, item) in items.iter().enumerate() {
        progress(i, total);
        out.push(read_one(item, i + 1, article_id, &anchorer, now)?);
    }
    progress(total, total);
    super::native::check_unique_ids(out.iter().map(|a| a.id))?;
    let mut plan = ImportPlan::new(library, Vec::new(), out, fresh_id);
    plan.unsearched += anchorer.budget().refused();
    Ok(plan)
}

/// The annotations in a document: one, an array, a page or a collection.
fn items(doc: &Value) -> Result<Vec<&Value>, ImportError> {
    match doc {
        Value::Array(a) => Ok(a.iter().collect()),
        Value::Object(o) => {
            let ty = |t: &str| {
                o.get("type").is_some_and(|v| {
                    v.as_str() == Some(t) || v.as_array().is_some_and(|a| a.iter().any(|x| x == t))
                })
            };
            if ty("AnnotationCollection") {
                match o.get("first") {
                    Some(page @ Value::Object(_)) => items(page),
                    _ => Err(ImportError::Invalid {
                        message: "the collection's first page is not included in the file".into(),
                    }),
                }
            } else if ty("AnnotationPage") {
                match o.get("items") {
                    Some(Value::Array(a)) => Ok(a.iter().collect()),
                    _ => Err(ImportError::Invalid {
                        message: "the page has no “items” list".into(),
                    }),
                }
            } else if super::detect(doc).is_some() {
                Ok(vec![doc])
            } else {
                Err(ImportError::UnknownFormat)
            }
        }
        _ => Err(ImportError::UnknownFormat),
    }
}

fn as_list(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(other) => vec![other],
    }
}

fn str_field<'v>(v: &'v Value, key: &str) -> &'v str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn read_one(
    item: &Value,
    index: usize,
    article_id: Uuid,
    anchorer: &Anchorer<'_>,
    now: Timestamp,
) -> Result<Annotation, ImportError> {
    if !item.is_object() {
        return Err(ImportError::Invalid {
            message: format!("annotation {index} is not a JSON object"),
        });
    }
    // Selectors: under `target.selector`, or under any item of a `target` array.
    let mut quote: Option<TextQuote> = None;
    let mut position: Option<(u64, u64)> = None;
    for target in as_list(item.get("target")) {
        for sel in as_list(target.get("selector")) {
            match str_field(sel, "type") {
                "TextQuoteSelector" if quote.is_none() => {
                    if let Some(exact) = sel.get("exact").and_then(Value::as_str) {
                        quote = Some(TextQuote {
                            exact: exact.to_owned(),
                            prefix: str_field(sel, "prefix").to_owned(),
                            suffix: str_field(sel, "suffix").to_owned(),
                        });
                    }
                }
                "TextPositionSelector" if position.is_none() => {
                    let s = sel.get("start").and_then(Value::as_u64);
                    let e = sel.get("end").and_then(Value::as_u64);
                    match (s, e) {
                        (Some(s), Some(e)) => position = Some((s, e)),
                        _ => {
                            return Err(ImportError::Invalid {
                                message: format!(
                                    "annotation {index} has a text position that is not two whole numbers"
                                ),
                            })
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let len = anchorer.len_cp();
    let in_range = position.filter(|&(s, e)| s <= e && e <= len as u64);
    let stored = in_range.map(|(s, e)| (s as usize, e as usize));
    let quote = match (quote, position) {
        (Some(q), _) => q,
        (None, None) => return Err(ImportError::TargetNotText { index }),
        (None, Some((s, e))) => match stored {
            Some((s, e)) => TextQuote::from_span(anchorer.text(), s, e),
            None => {
                return Err(ImportError::OffsetsOutOfRange {
                    index,
                    start: s,
                    end: e,
                    len,
                })
            }
        },
    };

    let ext = item.get("annotator:fields");
    let body_from_ext = ext.and_then(|f| serde_json::from_value::<Body>(f.clone()).ok());
    let anchoring_from_ext = ext
        .and_then(|f| f.get("anchoring"))
        .and_then(|v| serde_json::from_value::<Anchoring>(v.clone()).ok());
    // Our own export: the annotation's quote when it differs from the selected text, and an
    // orphan's last known position.
    let quote_from_ext = ext
        .and_then(|f| f.get("quote"))
        .and_then(|v| serde_json::from_value::<TextQuote>(v.clone()).ok());
    let last_known = ext
        .and_then(|f| f.get("lastKnownPosition"))
        .and_then(|p| Some((p.get("start")?.as_u64()?, p.get("end")?.as_u64()?)))
        .filter(|&(s, e)| s <= e && e <= len as u64)
        .map(|(s, e)| (s as usize, e as usize));

    // Our own export of an annotation that was already unanchored: keep it as it was.
    let kept = match anchoring_from_ext {
        Some(Anchoring::NeedsReview) => stored,
        Some(Anchoring::Orphan) => last_known.or(stored),
        _ => None,
    };
    let (start, end, anchoring) = match (anchoring_from_ext, kept) {
        (Some(a), Some((s, e))) => (s, e, a),
        _ => {
            let found = anchorer.anchor(&quote, stored);
            let anchoring = match found.method {
                Method::Position => Anchoring::Anchored,
                _ => found.anchoring(),
            };
            (found.start, found.end, anchoring)
        }
    };

    let mut kind: Option<Kind> = body_from_ext.as_ref().map(Body::kind);
    let mut tags: Vec<String> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let mut verdict: Option<Verdict> = None;
    if let Some(t) = item.get("text").and_then(Value::as_str) {
        if !t.is_empty() {
            notes.push(t.to_owned());
        }
    }
    for t in as_list(item.get("tags")) {
        if let Some(t) = t.as_str() {
            tags.push(t.to_owned());
        }
    }
    let bodies = as_list(item.get("body"));
    let body_value = item.get("bodyValue").and_then(Value::as_str);
    for b in bodies {
        let Some(value) = b.get("value").and_then(Value::as_str) else {
            continue;
        };
        let purposes = as_list(b.get("purpose"));
        let purpose = purposes.first().and_then(|p| p.as_str()).unwrap_or("");
        match purpose {
            "tagging" | "classifying" => {
                let k = match crate::core::case::lowercase(value.trim()).as_str() {
                    "claim" => Some(Kind::Claim),
                    "quote" => Some(Kind::Quote),
                    _ => None,
                };
                match k {
                    Some(k) if kind.is_none() || kind == Some(k) => kind = Some(k),
                    _ => tags.push(value.to_owned()),
                }
            }
            "assessing" => match Verdict::parse(value) {
                Some(v) => verdict = Some(v),
                None => notes.push(value.to_owned()),
            },
            _ => notes.push(value.to_owned()),
        }
    }
    if let Some(v) = body_value {
        notes.push(v.to_owned());
    }

    let mut body = body_from_ext.unwrap_or_else(|| Body::new(kind.unwrap_or(Kind::Claim)));
    if let (Body::Claim(c), Some(v)) = (&mut body, verdict) {
        c.verdict = v;
    }
    let id_str = str_field(item, "id");
    let id = id_str
        .strip_prefix("urn:uuid:")
        .and_then(|u| Uuid::parse_str(u).ok())
        .unwrap_or_else(|| stable_uuid(id_str, &quote, index));
    let created = item
        .get("created")
        .and_then(Value::as_str)
        .and_then(Timestamp::parse_rfc3339)
        .unwrap_or(now)
        .min(now);
    let modified = item
        .get("modified")
        .or_else(|| item.get("updated"))
        .and_then(Value::as_str)
        .and_then(Timestamp::parse_rfc3339)
        .unwrap_or(created)
        .min(now);
    Ok(Annotation {
        id,
        article_id,
        start,
        end,
        quote: quote_from_ext.unwrap_or(quote),
        created,
        modified,
        note: notes.join("\n\n"),
        tags,
        body,
        anchoring,
    })
}

/// A UUID that depends only on `id` (or, when there is none, on the quote and position in
/// the file): 128-bit FNV-1a, shaped as a version 4 UUID.
fn stable_uuid(id: &str, quote: &TextQuote, index: usize) -> Uuid {
    let seed = if id.is_empty() {
        format!(
            "{index}\u{0}{}\u{0}{}\u{0}{}",
            quote.prefix, quote.exact, quote.suffix
        )
    } else {
        id.to_owned()
    };
    let mut h: u128 = 0x6c62272e07bb014262b821756295c58d;
    for b in seed.bytes() {
        h ^= u128::from(b);
        h = h.wrapping_mul(0x0000000001000000000000000000013B);
    }
    uuid_from_random(h.to_be_bytes())
}

#[cfg(test)]
mod tests;
