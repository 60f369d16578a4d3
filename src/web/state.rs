//! The app's state and its one reducer, as Yew sees it.
//!
//! Every change to annotations goes through [`crate::core::reducer::Annotations::apply`]; this
//! wrapper only keeps what the view derives from it (the highlight runs of each block) up to
//! date for the blocks a change touched, so one change re-renders one block.

use std::rc::Rc;

use uuid::Uuid;
use yew::prelude::*;

use crate::core::model::{Annotation, Kind};
use crate::core::panel::{shorten, Filter};
use crate::core::reducer::{Action, Annotations, Change};
use crate::core::segment::segment_blocks;
use crate::core::text::{Article, Block};

/// One run of a block as the view shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct RunView {
    pub start: usize,
    /// The run's characters.
    pub text: AttrValue,
    /// How many annotations cover it (0: plain text).
    pub depth: usize,
    pub has_claim: bool,
    pub has_quote: bool,
    /// Whether the selected annotation covers it.
    pub selected: bool,
    /// What covers it, for the tooltip and screen readers.
    pub label: AttrValue,
}

/// A message shown to the user.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub error: bool,
    pub text: String,
}

/// Everything the page shows.
#[derive(Clone, PartialEq)]
pub struct AppState {
    pub article: Rc<Article>,
    pub blocks: Rc<Vec<Block>>,
    pub annotations: Rc<Annotations>,
    /// Per block, the runs to render; each is shared until its block changes.
    pub runs: Rc<Vec<Rc<Vec<RunView>>>>,
    pub selected: Option<Uuid>,
    pub filter: Filter,
    pub notice: Option<Notice>,
    /// Bumped on every change of annotations, so effects (saving) can depend on it.
    pub revision: u64,
    /// What the last change did, for the shell's effects (saving exactly those records).
    pub last_change: Option<Rc<Change>>,
}

/// What can happen to the state.
pub enum AppAction {
    /// A change to the annotations; `select` selects the given annotation afterwards.
    Annotate {
        action: Action,
        select: Option<Uuid>,
    },
    Select(Option<Uuid>),
    SetFilter(Filter),
    Notify(Notice),
    DismissNotice,
}

impl AppState {
    /// The state for `article` with `annotations`.
    pub fn new(article: Article, annotations: Vec<Annotation>) -> Self {
        let mut ann = Annotations::new(article.id);
        let _ = ann.apply(Action::Load(annotations));
        let blocks = article.blocks();
        let mut s = AppState {
            article: Rc::new(article),
            blocks: Rc::new(blocks),
            annotations: Rc::new(ann),
            runs: Rc::new(Vec::new()),
            selected: None,
            filter: Filter::default(),
            notice: None,
            revision: 0,
            last_change: None,
        };
        s.runs = Rc::new(s.render_all());
        s
    }

    fn render_all(&self) -> Vec<Rc<Vec<RunView>>> {
        let segs = segment_blocks(
            &self.blocks,
            self.annotations.iter().filter(|a| a.is_attached()),
        );
        segs.into_iter()
            .zip(self.blocks.iter())
            .map(|(runs, b)| Rc::new(self.views(b, runs)))
            .collect()
    }

    fn views(&self, block: &Block, runs: Vec<crate::core::segment::Run>) -> Vec<RunView> {
        let text = &self.article.text;
        let block_text = block.text(text);
        runs.into_iter()
            .map(|r| {
                let local = crate::core::offsets::slice_cp(
                    block_text,
                    r.start - block.start,
                    r.end - block.start,
                );
                let anns: Vec<&Annotation> = r
                    .covering
                    .iter()
                    .filter_map(|id| self.annotations.get(*id))
                    .collect();
                let label = anns
                    .iter()
                    .map(|a| describe(a))
                    .collect::<Vec<_>>()
                    .join("\n");
                RunView {
                    start: r.start,
                    text: AttrValue::from(local.to_owned()),
                    depth: anns.len(),
                    has_claim: anns.iter().any(|a| a.kind() == Kind::Claim),
                    has_quote: anns.iter().any(|a| a.kind() == Kind::Quote),
                    selected: self.selected.is_some_and(|s| r.covering.contains(&s)),
                    label: label.into(),
                }
            })
            .collect()
    }

    /// Re-renders the blocks that intersect any of `spans`.
    fn rerender(&mut self, spans: &[(usize, usize)]) {
        if spans.is_empty() {
            return;
        }
        let mut updates = Vec::new();
        for (i, b) in self.blocks.iter().enumerate() {
            if spans.iter().any(|&(s, e)| s < b.end && e > b.start) {
                let segs = crate::core::segment::segment_block(
                    b.start,
                    b.end,
                    self.annotations.iter().filter(|a| a.is_attached()),
                );
                updates.push((i, Rc::new(self.views(b, segs))));
            }
        }
        let runs = Rc::make_mut(&mut self.runs);
        for (i, view) in updates {
            if let Some(slot) = runs.get_mut(i) {
                *slot = view;
            }
        }
    }

    fn span_of(&self, id: Option<Uuid>) -> Option<(usize, usize)> {
        let a = self.annotations.get(id?)?;
        a.is_attached().then_some((a.start, a.end))
    }
}

/// One line telling what an annotation is: "Claim “…” — Unverified".
pub fn describe(a: &Annotation) -> String {
    let quote = shorten(&a.quote.exact, 60);
    match a.claim() {
        Some(c) => format!("Claim “{quote}” — {}", c.verdict.label()),
        None if a.who().is_empty() => format!("Quote “{quote}”"),
        None => format!("Quote “{quote}” — {}", a.who()),
    }
}

impl Reducible for AppState {
    type Action = AppAction;

    fn reduce(self: Rc<Self>, action: AppAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            AppAction::Annotate { action, select } => {
                let was_selected = s.span_of(s.selected);
                match Rc::make_mut(&mut s.annotations).apply(action) {
                    Ok(change) if change.is_empty() => return self,
                    Ok(change) => {
                        if let Some(id) = select {
                            s.selected = Some(id);
                        }
                        if s.selected.is_some_and(|id| s.annotations.get(id).is_none()) {
                            s.selected = None;
                        }
                        let mut spans = change.spans.clone();
                        spans.extend(was_selected);
                        spans.extend(s.span_of(s.selected));
                        s.rerender(&spans);
                        s.revision += 1;
                        s.last_change = Some(Rc::new(change));
                        s.notice = None;
                    }
                    Err(e) => {
                        s.notice = Some(Notice {
                            error: true,
                            text: e.to_string(),
                        });
                    }
                }
            }
            AppAction::Select(id) => {
                if s.selected == id {
                    return self;
                }
                let mut spans: Vec<(usize, usize)> = s.span_of(s.selected).into_iter().collect();
                s.selected = id.filter(|id| s.annotations.get(*id).is_some());
                spans.extend(s.span_of(s.selected));
                s.rerender(&spans);
            }
            AppAction::SetFilter(f) => s.filter = f,
            AppAction::Notify(n) => s.notice = Some(n),
            AppAction::DismissNotice => s.notice = None,
        }
        Rc::new(s)
    }
}
