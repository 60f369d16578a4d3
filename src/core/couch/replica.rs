//! This browser's side of replication: the revision tree of every document, how a local
//! change becomes a revision, how a document from the server is taken in, and how a
//! conflict ends. Pure: no requests here (see `protocol`).

use super::rev::{Merged, Rev, RevTree, Revisions};
use crate::core::model::Annotation;
use crate::core::storage::{
    decode_annotation, decode_article, encode_annotation, encode_article, merge_annotation,
    merge_article, Store, StoredArticle, SyncMessage, Winner,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use serde_tuple::{Deserialize_tuple, Serialize_tuple};
use std::collections::{BTreeSet, HashMap};

/// What a document holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    /// An article record.
    Article,
    /// An annotation record.
    Annotation,
}

impl DocKind {
    /// The store its records live in.
    pub fn store(self) -> Store {
        match self {
            DocKind::Article => Store::Articles,
            DocKind::Annotation => Store::Annotations,
        }
    }

    fn of(store: Store) -> Option<DocKind> {
        match store {
            Store::Articles => Some(DocKind::Article),
            Store::Annotations => Some(DocKind::Annotation),
            Store::Meta => None,
        }
    }

    /// The `type` member of its documents.
    pub fn name(self) -> &'static str {
        match self {
            DocKind::Article => "article",
            DocKind::Annotation => "annotation",
        }
    }

    /// The record text as this app writes it (so that two copies of one record compare
    /// equal), or why it cannot be read.
    pub fn canonical(self, record: &str) -> Result<String, String> {
        match self {
            DocKind::Article => decode_article(record)
                .map(|a| encode_article(&a))
                .map_err(|e| e.to_string()),
            DocKind::Annotation => decode_annotation(record)
                .map(|a| encode_annotation(&a))
                .map_err(|e| e.to_string()),
        }
    }
}

/// One document: what it holds and its revision tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Doc {
    /// Article or annotation.
    pub kind: DocKind,
    /// Its revisions.
    pub tree: RevTree,
}

/// An annotation (or article) edited on two machines: the version kept and the others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize_tuple, Deserialize_tuple)]
pub struct Conflict {
    /// The document's id.
    pub id: String,
    /// Article or annotation.
    pub kind: DocKind,
    /// The record kept (the later change).
    pub kept: String,
    /// The records of the other versions.
    pub others: Vec<String>,
}

impl Conflict {
    /// What the conflict is about, as the Sync dialog names it: the annotation's kind and
    /// quote, or the article's title.
    pub fn label(&self) -> String {
        match self.kind {
            DocKind::Annotation => match decode_annotation(&self.kept) {
                Ok(a) => crate::core::panel::label(&a),
                Err(_) => format!("Annotation {}", self.id),
            },
            DocKind::Article => match decode_article(&self.kept) {
                Ok(a) => format!("Article “{}”", a.article.title),
                Err(_) => format!("Article {}", self.id),
            },
        }
    }

    /// One version in words: what an editor would compare (note, verdict, claimant or
    /// speaker, links, when it was edited; an article's title and length).
    pub fn describe(&self, record: &str) -> String {
        match self.kind {
            DocKind::Annotation => match decode_annotation(record) {
                Ok(a) => version_words(&a),
                Err(e) => format!("cannot be read ({e})"),
            },
            DocKind::Article => match decode_article(record) {
                Ok(a) => format!(
                    "title “{}”, {} characters, changed {}",
                    a.article.title,
                    a.article.text.chars().count(),
                    a.changed.to_rfc3339()
                ),
                Err(e) => format!("cannot be read ({e})"),
            },
        }
    }
}

fn version_words(a: &Annotation) -> String {
    use crate::core::model::Body;
    let mut parts = Vec::new();
    parts.push(if a.note.is_empty() {
        "no note".to_owned()
    } else {
        format!("note “{}”", a.note)
    });
    match &a.body {
        Body::Claim(c) => {
            parts.push(format!("verdict {}", c.verdict.label()));
            if !c.claimant.is_empty() {
                parts.push(format!("claimant {}", c.claimant));
            }
            if !c.evidence.is_empty() {
                parts.push(format!("{} evidence links", c.evidence.len()));
            }
        }
        Body::Quote(q) => {
            if !q.speaker.is_empty() {
                parts.push(format!("speaker {}", q.speaker));
            }
            parts.push(if q.checked { "checked" } else { "not checked" }.to_owned());
        }
    }
    if !a.tags.is_empty() {
        parts.push(format!("tags {}", a.tags.join(", ")));
    }
    parts.push(format!("edited {}", a.modified.to_rfc3339()));
    parts.join("; ")
}

/// A document from the server that the app cannot read: skipped, kept on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize_tuple, Deserialize_tuple)]
pub struct Unreadable {
    /// The document's id.
    pub id: String,
    /// Why.
    pub why: String,
}

/// A document as the server sends it with `revs=true`.
#[derive(Debug, Clone, PartialEq)]
pub struct RemoteDoc {
    /// `_id`.
    pub id: String,
    /// The path of `_revisions` (or `_rev` alone), leaf first.
    pub path: Vec<Rev>,
    /// `_deleted`.
    pub deleted: bool,
    /// `type`.
    pub kind: Option<DocKind>,
    /// The record: every member not starting with `_`, but `type`.
    pub record: Map<String, Value>,
}

impl RemoteDoc {
    /// Reads a document; `Err` says why it cannot be (it is then skipped).
    pub fn from_json(mut doc: Map<String, Value>) -> Result<RemoteDoc, Unreadable> {
        let id = doc
            .get("_id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let bad = |why: &str| Unreadable {
            id: id.clone(),
            why: why.to_owned(),
        };
        let revisions: Option<Revisions> = doc
            .get("_revisions")
            .and_then(|r| serde_json::from_value(r.clone()).ok());
        let rev = doc.get("_rev").and_then(Value::as_str).and_then(Rev::parse);
        let path = match (revisions.and_then(|r| r.path()), rev) {
            (Some(path), Some(rev)) if path[0] == rev => path,
            (None, Some(rev)) => vec![rev],
            _ => return Err(bad("its revision is missing or does not match its history")),
        };
        let deleted = doc.get("_deleted").and_then(Value::as_bool) == Some(true);
        let kind = match doc.get("type").and_then(Value::as_str) {
            Some("article") => Some(DocKind::Article),
            Some("annotation") => Some(DocKind::Annotation),
            _ if deleted => None,
            Some(other) => {
                return Err(bad(&format!(
                    "its type {:?} is not an article or annotation",
                    other.chars().take(40).collect::<String>()
                )))
            }
            None => return Err(bad("it has no type")),
        };
        doc.retain(|k, _| !k.starts_with('_') && k != "type");
        Ok(RemoteDoc {
            id,
            path,
            deleted,
            kind,
            record: doc,
        })
    }
}

/// What taking in a document from the server did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Received {
    /// The record the local library must now hold (or lose), if it changed.
    pub record: Option<SyncMessage>,
    /// A conflict that was resolved.
    pub conflict: Option<Conflict>,
}

/// This browser's replica: every document's tree, and which trees changed since they were
/// last saved.
#[derive(Debug, Clone, Default)]
pub struct Replica {
    docs: HashMap<String, Doc>,
    unsaved: BTreeSet<String>,
    /// Leaves the server refused (a validation function, no write access): not offered
    /// again until they change or the replication starts again.
    refused: BTreeSet<(String, String)>,
}

/// The later of two records by the app's merge rule (later `modified`/`changed`, ties by
/// text); `a` when `b` cannot be read.
fn later(kind: DocKind, a: &str, b: &str) -> bool {
    match kind {
        DocKind::Annotation => match (decode_annotation(a), decode_annotation(b)) {
            (Ok(x), Ok(y)) => merge_annotation(&x, &y) == Winner::Local,
            (Ok(_), Err(_)) => true,
            (Err(_), _) => false,
        },
        DocKind::Article => match (decode_article(a), decode_article(b)) {
            (Ok(x), Ok(y)) => merge_article(&x, &y) == Winner::Local,
            (Ok(_), Err(_)) => true,
            (Err(_), _) => false,
        },
    }
}

/// Whether two records say the same apart from their times (the sample article, seeded in
/// every browser at its own time, is not a conflict worth telling).
fn same_content(kind: DocKind, a: &str, b: &str) -> bool {
    match kind {
        DocKind::Annotation => match (decode_annotation(a), decode_annotation(b)) {
            (Ok(mut x), Ok(y)) => {
                x.modified = y.modified;
                x.created = y.created;
                x == y
            }
            _ => false,
        },
        DocKind::Article => match (decode_article(a), decode_article(b)) {
            (Ok(mut x), Ok(y)) => {
                // The same text captured at another moment (the sample, seeded everywhere).
                if let (Some(cx), Some(cy)) = (&mut x.article.captured, &y.article.captured) {
                    if cx.sha256 == cy.sha256 {
                        cx.at = cy.at;
                    }
                }
                x.article == y.article
            }
            _ => false,
        },
    }
}

impl Replica {
    /// A replica of `docs` (as saved).
    pub fn new(docs: impl IntoIterator<Item = (String, Doc)>) -> Replica {
        Replica {
            docs: docs.into_iter().collect(),
            unsaved: BTreeSet::new(),
            refused: BTreeSet::new(),
        }
    }

    /// How many documents it knows.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether it knows none.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// One document.
    pub fn doc(&self, id: &str) -> Option<&Doc> {
        self.docs.get(id)
    }

    /// The trees changed since the last call, to save (`None`: forget the document).
    pub fn take_unsaved(&mut self) -> Vec<(String, Option<Doc>)> {
        std::mem::take(&mut self.unsaved)
            .into_iter()
            .map(|id| {
                let doc = self.docs.get(&id).cloned();
                (id, doc)
            })
            .collect()
    }

    /// A record was written (or deleted) in this browser. It becomes a new revision unless
    /// the tree's winner holds it already (or the document is of the other kind). A record older than the winner (by the merge
    /// rule: the page missed a change it was sent) is not sent: the winner is returned, for
    /// the page to take.
    pub fn local(&mut self, message: &SyncMessage) -> Option<SyncMessage> {
        let (store, key) = message.key();
        let kind = DocKind::of(store)?;
        let body = match message {
            SyncMessage::Changed { record, .. } => Some(kind.canonical(record).ok()?),
            SyncMessage::Deleted { .. } => None,
        };
        let doc = match self.docs.get_mut(key) {
            // An annotation whose id is an article's (or the reverse: only a crafted file can
            // make one) is not sent: it would overwrite the other record's document.
            Some(doc) if doc.kind != kind => return None,
            Some(doc) => doc,
            None => {
                let body = body?;
                let tree = RevTree::new(vec![Rev::child(None, Some(&body))], Some(body), true);
                self.docs.insert(key.to_owned(), Doc { kind, tree });
                self.unsaved.insert(key.to_owned());
                return None;
            }
        };
        let winner = doc.tree.winner()?;
        match (&body, &winner.body) {
            (Some(b), Some(w)) if b == w => return None,
            (None, None) => return None,
            (Some(b), Some(w)) if later(kind, w, b) => {
                return Some(SyncMessage::Changed {
                    store,
                    key: key.to_owned(),
                    record: w.clone(),
                });
            }
            _ => {}
        }
        doc.tree.edit(body);
        self.unsaved.insert(key.to_owned());
        None
    }

    /// Of the revisions the server lists for a document, those this replica lacks.
    pub fn missing(&self, id: &str, revs: &[Rev]) -> Vec<Rev> {
        let tree = self.docs.get(id).map(|d| &d.tree);
        revs.iter()
            .filter(|r| !tree.is_some_and(|t| t.knows(r)))
            .cloned()
            .collect()
    }

    /// Takes in a document from the server. A conflict (two leaves not deleted) ends at
    /// once: the later record by the app's merge rule is kept on the winning branch and the
    /// other leaves are deleted ([`RevTree::resolve`]), to be sent.
    pub fn receive(&mut self, doc: RemoteDoc) -> Result<Received, Unreadable> {
        let known = self.docs.get(&doc.id).map(|d| d.kind);
        let kind = match (doc.kind, known) {
            (Some(k), Some(known)) if k != known => {
                return Err(Unreadable {
                    id: doc.id,
                    why: "it changed from an article to an annotation or back".into(),
                })
            }
            (Some(k), _) | (None, Some(k)) => k,
            (None, None) => DocKind::Annotation,
        };
        let body = if doc.deleted {
            None
        } else {
            let text = Value::Object(doc.record).to_string();
            let canonical = kind.canonical(&text).map_err(|why| Unreadable {
                id: doc.id.clone(),
                why,
            })?;
            // The record's own id must be the document's.
            let own: Option<String> = serde_json::from_str::<Value>(&canonical)
                .ok()
                .and_then(|v| v.get("id").and_then(Value::as_str).map(str::to_owned));
            if own.as_deref() != Some(doc.id.as_str()) {
                return Err(Unreadable {
                    id: doc.id,
                    why: "its id and its record's id differ".into(),
                });
            }
            Some(canonical)
        };
        let entry = self.docs.entry(doc.id.clone()).or_insert_with(|| Doc {
            kind,
            tree: RevTree::default(),
        });
        let before = entry
            .tree
            .winner()
            .map(|b| (b.leaf().clone(), b.body.clone()));
        if entry.tree.merge(doc.path, body) == Merged::Known {
            return Ok(Received::default());
        }
        let mut conflict = None;
        let live: Vec<String> = entry.tree.live().filter_map(|b| b.body.clone()).collect();
        if live.len() > 1 {
            let mut keep = live[0].clone();
            for other in &live[1..] {
                if !later(kind, &keep, other) {
                    keep = other.clone();
                }
            }
            let others: Vec<String> = live
                .iter()
                .filter(|b| !same_content(kind, b, &keep))
                .cloned()
                .collect();
            entry.tree.resolve(keep.clone());
            if !others.is_empty() {
                conflict = Some(Conflict {
                    id: doc.id.clone(),
                    kind,
                    kept: keep,
                    others,
                });
            }
        }
        self.unsaved.insert(doc.id.clone());
        let after = entry
            .tree
            .winner()
            .map(|b| (b.leaf().clone(), b.body.clone()));
        let record = match after {
            Some((_, body)) if before.as_ref().map(|b| &b.1) != Some(&body) => Some(match body {
                Some(record) => SyncMessage::Changed {
                    store: kind.store(),
                    key: doc.id.clone(),
                    record,
                },
                None => SyncMessage::Deleted {
                    store: kind.store(),
                    key: doc.id.clone(),
                },
            }),
            _ => None,
        };
        Ok(Received { record, conflict })
    }

    /// The leaves the server may lack, per document, for `_revs_diff` (but those it refused).
    pub fn pending(&self) -> Vec<(String, Vec<Rev>)> {
        let mut out: Vec<(String, Vec<Rev>)> = self
            .docs
            .iter()
            .filter_map(|(id, d)| {
                let revs: Vec<Rev> = d
                    .tree
                    .pending()
                    .map(|b| b.leaf().clone())
                    .filter(|r| !self.refused.contains(&(id.clone(), r.to_string())))
                    .collect();
                (!revs.is_empty()).then(|| (id.clone(), revs))
            })
            .collect();
        crate::core::sort::sort_by(&mut out, |a, b| a.0.cmp(&b.0));
        out
    }

    /// The document of leaf `rev` of `id`, as `_bulk_docs` with `new_edits: false` takes it.
    pub fn document(&self, id: &str, rev: &Rev) -> Option<Value> {
        let doc = self.docs.get(id)?;
        let branch = doc.tree.branches.iter().find(|b| b.leaf() == rev)?;
        let mut out = match &branch.body {
            Some(body) => match serde_json::from_str::<Value>(body) {
                Ok(Value::Object(map)) => map,
                _ => return None,
            },
            None => Map::new(),
        };
        out.insert("_id".into(), Value::String(id.to_owned()));
        out.insert("_rev".into(), Value::String(rev.to_string()));
        out.insert(
            "_revisions".into(),
            serde_json::to_value(Revisions::of(&branch.path)).unwrap_or(Value::Null),
        );
        if branch.deleted {
            out.insert("_deleted".into(), Value::Bool(true));
        } else {
            out.insert("type".into(), Value::String(doc.kind.name().into()));
        }
        Some(out.into())
    }

    /// The server refused leaf `rev` of `id`: kept, not offered again by this replication.
    pub fn refuse(&mut self, id: &str, rev: &Rev) {
        self.refused.insert((id.to_owned(), rev.to_string()));
    }

    /// The server has leaf `rev` of `id`.
    pub fn sent(&mut self, id: &str, rev: &Rev) {
        if let Some(doc) = self.docs.get_mut(id) {
            doc.tree.sent(rev);
            self.unsaved.insert(id.to_owned());
        }
    }

    /// The server lost what it had of ours: every leaf is to be sent again (`_revs_diff`
    /// then leaves out what it does have).
    pub fn resend_all(&mut self) {
        self.refused.clear();
        for (id, doc) in &mut self.docs {
            doc.tree.resend();
            self.unsaved.insert(id.clone());
        }
    }

    /// At start: every record of the local library, to compare with the trees (changes made
    /// while sync was not running become revisions), and the records the local library
    /// lacks but the trees hold (a record received and not saved before the page closed):
    /// returned, for the page to take. A document is never deleted because its record is
    /// missing: only a deletion the page reports deletes (see `local`).
    pub fn scan<'a>(
        &mut self,
        articles: impl IntoIterator<Item = &'a StoredArticle>,
        annotations: impl IntoIterator<Item = &'a Annotation>,
    ) -> Vec<SyncMessage> {
        let mut seen: BTreeSet<String> = BTreeSet::new();
        let mut back = Vec::new();
        let messages = articles
            .into_iter()
            .map(|a| (Store::Articles, a.article.id.to_string(), encode_article(a)))
            .chain(
                annotations
                    .into_iter()
                    .map(|a| (Store::Annotations, a.id.to_string(), encode_annotation(a))),
            );
        for (store, key, record) in messages {
            seen.insert(key.clone());
            let message = SyncMessage::Changed { store, key, record };
            back.extend(self.local(&message));
        }
        for (id, doc) in &self.docs {
            if seen.contains(id) {
                continue;
            }
            if let Some(body) = doc.tree.winner().and_then(|w| w.body.clone()) {
                back.push(SyncMessage::Changed {
                    store: doc.kind.store(),
                    key: id.clone(),
                    record: body,
                });
            }
        }
        back
    }
}
