//! Revisions and revision trees, as CouchDB keeps them.
//!
//! A revision is `N-hash`: `N` its generation (1 for a document's first version, one more
//! for each edit), `hash` an opaque string. A document's history is a tree: each edit is a
//! child of the revision it was made from, two edits made from the same revision on two
//! machines are two branches, and the tips of the branches are the *leaves*. This module
//! keeps, per document, its branches as paths from leaf back to the oldest revision kept
//! (at most [`REVS_LIMIT`] revisions a path, as CouchDB's `_revs_limit` does), and the
//! record text of every leaf that is not deleted (what a conflict is resolved from).
//!
//! - [`RevTree::winner`] is CouchDB's rule, so every replica picks the same revision:
//!   leaves not deleted before deleted ones, then the highest generation, then the greatest
//!   hash (as a string).
//! - [`RevTree::merge`] adds a path received from the server (its `_revisions`).
//! - [`RevTree::edit`] makes the child of a leaf. Its hash is the SHA-256 of the parent
//!   revision and the new body (or of the parent and the word "deleted"), so two machines
//!   that make the same edit from the same revision (both resolving one conflict the same
//!   way) make the same revision, and the server sees one edit, not a new conflict.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::cmp::Ordering;
use std::fmt;

/// How many revisions of a branch are kept (CouchDB's default `_revs_limit` is 1,000; the app
/// needs only enough to recognise what it has seen).
pub const REVS_LIMIT: usize = 100;

/// One revision id, `N-hash`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Rev {
    /// The generation, 1 for a document's first revision.
    pub generation: u64,
    /// The hash part, opaque.
    pub hash: String,
}

impl Rev {
    /// Reads `N-hash`; `None` if it is not one (no dash, `N` not a positive number, an
    /// empty hash).
    pub fn parse(s: &str) -> Option<Rev> {
        let (n, hash) = s.split_once('-')?;
        let generation: u64 = n.parse().ok()?;
        if generation == 0 || hash.is_empty() || hash.len() > 256 {
            return None;
        }
        Some(Rev {
            generation,
            hash: hash.to_owned(),
        })
    }

    /// The revision made from `parent` (or as a document's first) with `body`, or a
    /// deletion when `body` is `None`: deterministic, see the module's documentation.
    pub fn child(parent: Option<&Rev>, body: Option<&str>) -> Rev {
        let mut hasher = Sha256::new();
        if let Some(p) = parent {
            hasher.update(p.to_string().as_bytes());
        }
        hasher.update(b"\n");
        match body {
            Some(b) => hasher.update(b.as_bytes()),
            None => hasher.update(b"deleted"),
        }
        let digest = hasher.finalize();
        let hash: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
        Rev {
            generation: parent.map_or(1, |p| p.generation + 1),
            hash,
        }
    }

    /// CouchDB's order of revisions: generation, then hash.
    fn rank(&self, other: &Rev) -> Ordering {
        self.generation
            .cmp(&other.generation)
            .then_with(|| self.hash.cmp(&other.hash))
    }
}

impl fmt::Display for Rev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.generation, self.hash)
    }
}

impl Serialize for Rev {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Rev {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Rev::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not a revision: {s:?}")))
    }
}

/// The `_revisions` member of a document: `start` is the leaf's generation, `ids` the hashes
/// from the leaf back, one generation each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revisions {
    /// The leaf's generation.
    pub start: u64,
    /// Hashes, leaf first.
    pub ids: Vec<String>,
}

impl Revisions {
    /// The path as revisions, leaf first; `None` if it is not one (empty, or more
    /// generations than `start`).
    pub fn path(&self) -> Option<Vec<Rev>> {
        if self.ids.is_empty() || self.ids.len() as u64 > self.start {
            return None;
        }
        self.ids
            .iter()
            .enumerate()
            .map(|(i, h)| {
                (!h.is_empty()).then(|| Rev {
                    generation: self.start - i as u64,
                    hash: h.clone(),
                })
            })
            .collect()
    }

    /// The `_revisions` of a path, leaf first.
    pub fn of(path: &[Rev]) -> Revisions {
        Revisions {
            start: path.first().map_or(0, |r| r.generation),
            ids: path.iter().map(|r| r.hash.clone()).collect(),
        }
    }
}

/// One branch: the path from its leaf back, whether the leaf is a deletion, the leaf's
/// record text when it is not, and whether the server has the leaf.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Branch {
    /// Revisions, leaf first, at most [`REVS_LIMIT`].
    pub path: Vec<Rev>,
    /// The leaf is a deletion.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
    /// The leaf's record text (canonical), when it is not a deletion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The leaf was made here and the server may not have it yet.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pending: bool,
}

impl Branch {
    /// The leaf's revision.
    pub fn leaf(&self) -> &Rev {
        &self.path[0]
    }
}

/// A document's revision tree, as its branches. Never empty once made.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RevTree {
    /// The branches, in no particular order.
    pub branches: Vec<Branch>,
}

/// What [`RevTree::merge`] did with a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merged {
    /// The leaf was known already: nothing changed.
    Known,
    /// The path extended a branch.
    Extended,
    /// The path is a new branch (a conflict, unless it or the other leaf is deleted).
    Branched,
}

impl RevTree {
    /// A tree of one revision path.
    pub fn new(path: Vec<Rev>, body: Option<String>, pending: bool) -> RevTree {
        let mut tree = RevTree::default();
        tree.push(path, body, pending);
        tree
    }

    fn push(&mut self, mut path: Vec<Rev>, body: Option<String>, pending: bool) {
        path.truncate(REVS_LIMIT);
        self.branches.push(Branch {
            path,
            deleted: body.is_none(),
            body,
            pending,
        });
    }

    /// Whether `rev` is anywhere in the tree.
    pub fn knows(&self, rev: &Rev) -> bool {
        self.branches.iter().any(|b| b.path.contains(rev))
    }

    /// The winning leaf by CouchDB's rule (see the module's documentation); `None` only for
    /// an empty tree.
    pub fn winner(&self) -> Option<&Branch> {
        self.branches.iter().max_by(|a, b| {
            (!a.deleted)
                .cmp(&!b.deleted)
                .then_with(|| a.leaf().rank(b.leaf()))
        })
    }

    fn winner_index(&self) -> Option<usize> {
        let w = self.winner()?.leaf().clone();
        self.branches.iter().position(|b| *b.leaf() == w)
    }

    /// The leaves that are not deletions.
    pub fn live(&self) -> impl Iterator<Item = &Branch> {
        self.branches.iter().filter(|b| !b.deleted)
    }

    /// Adds a path received from the server, leaf first, with the leaf's record text (`None`
    /// for a deletion). A leaf already known changes nothing; a path through a leaf of ours
    /// extends that branch; any other path is a branch of its own.
    pub fn merge(&mut self, path: Vec<Rev>, body: Option<String>) -> Merged {
        let Some(leaf) = path.first() else {
            return Merged::Known;
        };
        if self.knows(leaf) {
            return Merged::Known;
        }
        if let Some(i) = self.branches.iter().position(|b| path.contains(b.leaf())) {
            self.branches.remove(i);
            self.push(path, body, false);
            return Merged::Extended;
        }
        self.push(path, body, false);
        Merged::Branched
    }

    /// Makes the child of branch `i`'s leaf with `body` (`None`: a deletion), to be sent.
    fn edit_branch(&mut self, i: usize, body: Option<String>) -> Rev {
        let branch = &mut self.branches[i];
        let rev = Rev::child(Some(branch.leaf()), body.as_deref());
        branch.path.insert(0, rev.clone());
        branch.path.truncate(REVS_LIMIT);
        branch.deleted = body.is_none();
        branch.body = body;
        branch.pending = true;
        rev
    }

    /// Makes the child of the winning leaf (or the first revision of an empty tree) with
    /// `body` (`None`: a deletion), to be sent.
    pub fn edit(&mut self, body: Option<String>) -> Rev {
        match self.winner_index() {
            Some(i) => self.edit_branch(i, body),
            None => {
                let rev = Rev::child(None, body.as_deref());
                self.push(vec![rev.clone()], body, true);
                rev
            }
        }
    }

    /// Ends a conflict: `keep` becomes the winning leaf's body (a child of it, unless it
    /// holds that already) and every other live leaf gets a deletion as its child, so that
    /// one live leaf is left. Deterministic: two replicas resolving the same conflict the
    /// same way make the same revisions.
    pub fn resolve(&mut self, keep: String) {
        let Some(w) = self.winner_index() else {
            return;
        };
        let others: Vec<usize> = (0..self.branches.len())
            .filter(|&i| i != w && !self.branches[i].deleted)
            .collect();
        for i in others {
            self.edit_branch(i, None);
        }
        if self.branches[w].body.as_deref() != Some(keep.as_str()) {
            self.edit_branch(w, Some(keep));
        }
    }

    /// The branches the server may not have.
    pub fn pending(&self) -> impl Iterator<Item = &Branch> {
        self.branches.iter().filter(|b| b.pending)
    }

    /// Marks the leaf `rev` as held by the server.
    pub fn sent(&mut self, rev: &Rev) {
        for b in &mut self.branches {
            if b.leaf() == rev {
                b.pending = false;
            }
        }
    }

    /// Marks every leaf as to be sent (the server lost what it had of ours).
    pub fn resend(&mut self) {
        for b in &mut self.branches {
            b.pending = true;
        }
    }
}
