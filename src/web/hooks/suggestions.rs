//! Suggestions (issue 13): asks the suggester worker (`src/bin/suggester.rs`) for the open
//! article's suggestions when it is shown and on **Suggest**, passes the answer to the state,
//! draws them in the article, keeps the focused one in view, and turns Accept into an
//! annotation with a fresh id.
//!
//! Suggestions are drawn as CSS custom highlights (`CSS.highlights`: `sg-quote`, `sg-claim`,
//! `sg-focus`, styled in `styles/main.css` as lines above and below the text, never a fill),
//! over DOM ranges built from the article's `data-s` runs after each render. The article's
//! DOM is never changed for them: a suggestion that arrives, or a focus that moves, while the
//! user is selecting text cannot disturb the selection, split a highlight or shift the text.
//! What is suggested, listed, accepted or dismissed is the core's
//! ([`crate::core::suggestions`]).

use std::rc::Rc;

use yew::prelude::*;

use crate::web::hooks::effect::use_effect_on;

use crate::core::jobs::{Job, JobOutput};
use crate::core::model::{uuid_from_random, Kind};
use crate::core::suggestions::Suggestion;
use crate::core::text::Block;
use crate::web::dom;
use crate::web::state::{AppAction, AppState, Notice, StorageStatus, View};
use crate::web::view::ArticleRuns;
use crate::web::worker::{JobEvent, JobRunner, SUGGESTER_SCRIPT};

/// What the view wires to the Suggest button and the suggestions' list.
#[derive(Clone, PartialEq)]
pub struct SuggestHandle {
    /// Asks for the open article's suggestions again.
    pub suggest: Callback<()>,
    /// Stops the suggester.
    pub stop: Callback<()>,
    /// Accepts the focused suggestion.
    pub accept: Callback<()>,
    /// Dismisses the focused suggestion.
    pub dismiss: Callback<()>,
    /// Focuses suggestion `i` of the list.
    pub focus: Callback<usize>,
}

/// Asks the suggester for the open article's suggestions, now and whenever another article
/// (or another text) is shown; returns the callbacks of the suggestions' controls.
#[hook]
pub fn use_suggestions(state: &UseReducerHandle<AppState>, article_ref: &NodeRef) -> SuggestHandle {
    let runner = use_memo((), |_| JobRunner::for_script(SUGGESTER_SCRIPT));
    let suggest = {
        let (state, runner) = (state.clone(), runner.clone());
        Callback::from(move |_: ()| {
            // Not before the library is read: the article shown until then has no
            // annotations yet, and what would be accepted would be lost when it is.
            if state.storage == StorageStatus::Opening {
                return;
            }
            let article = state.article.id;
            let id = runner.begin();
            state.dispatch(AppAction::SuggestStarted);
            let dispatcher = state.dispatcher();
            let job = Job::Suggest {
                text: state.article.text.clone(),
            };
            runner.run(id, job, move |event| match event {
                JobEvent::Done(JobOutput::Suggested(found)) => {
                    dispatcher.dispatch(AppAction::Suggested { article, found })
                }
                JobEvent::Done(JobOutput::Failed(message)) | JobEvent::Failed(message) => {
                    dispatcher.dispatch(AppAction::SuggestFailed(message))
                }
                JobEvent::Done(_) => dispatcher.dispatch(AppAction::SuggestFailed(
                    "The suggester answered something else.".to_owned(),
                )),
                JobEvent::Progress(_) | JobEvent::Saving | JobEvent::Written(_) => {}
            });
        })
    };
    // Once storage has been read (the article shown before is only the sample, until then),
    // and whenever the article or its text changes.
    {
        let suggest = suggest.clone();
        let ready = state.view == View::Article && state.storage != StorageStatus::Opening;
        let deps = (
            ready,
            state.article.id,
            std::rc::Rc::as_ptr(&state.blocks) as usize,
        );
        use_effect_on(deps, move |(ready, _, _)| {
            if *ready {
                suggest.emit(());
            }
        });
    }
    // Drawn after every render that may have changed the runs or the list; the focused one
    // scrolled into view (in the article and in the list) when the focus moves. A render that
    // changed some blocks only (a tag, a selection) places again only the suggestions over
    // those blocks: a long article has thousands of suggestions, and placing them all again
    // after every tag cost more than the tag itself.
    {
        let article_ref = article_ref.clone();
        let in_article = state.view == View::Article;
        let live = state.suggestions.live.clone();
        let focused = state.suggestions.focused;
        let (runs, blocks) = (state.runs.clone(), state.blocks.clone());
        let deps = (
            in_article,
            std::rc::Rc::as_ptr(&state.runs) as usize,
            std::rc::Rc::as_ptr(&live) as usize,
            focused,
        );
        let drawn = use_mut_ref(|| None::<Drawn>);
        let last_focus = use_mut_ref(|| None::<usize>);
        use_effect_on(deps, move |_| {
            let root = article_ref
                .cast::<web_sys::Element>()
                .filter(|_| in_article);
            let mut drawn = drawn.borrow_mut();
            let Some(root) = root else {
                if drawn.take().is_some() {
                    for name in [QUOTE_MARKS, CLAIM_MARKS, FOCUS_MARKS] {
                        dom::set_highlight(name, &[]);
                    }
                }
                return;
            };
            let changed = drawn
                .as_ref()
                .filter(|d| Rc::ptr_eq(&d.live, &live) && Rc::ptr_eq(&d.blocks, &blocks))
                .and_then(|d| changed_spans(&d.runs, &runs, &blocks));
            match (drawn.as_mut(), changed) {
                (Some(d), Some(spans)) => {
                    d.place_again(&root, &spans);
                    d.runs = runs;
                    d.refocus(focused);
                }
                _ => *drawn = Drawn::new(&root, live, runs, blocks, focused),
            }
            let focus = drawn.as_ref().and_then(|d| d.ranges.get(focused?)?.clone());
            let moved = last_focus.replace(focused) != focused;
            if let (true, Some(range)) = (moved, focus) {
                dom::scroll_range_into_view(&range);
                if let Some(el) = gloo::utils::document()
                    .query_selector(".suggestion-list [aria-current=true]")
                    .ok()
                    .flatten()
                {
                    let opts = web_sys::ScrollIntoViewOptions::new();
                    opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
                    el.scroll_into_view_with_scroll_into_view_options(&opts);
                }
            }
        });
    }
    let stop = {
        let (state, runner) = (state.clone(), runner.clone());
        Callback::from(move |_: ()| {
            runner.cancel();
            state.dispatch(AppAction::SuggestFailed(
                "Stopped. Press Suggest to look for suggestions again.".to_owned(),
            ));
        })
    };
    let accept = {
        let state = state.clone();
        Callback::from(move |_: ()| match dom::try_random_bytes() {
            Some(bytes) => state.dispatch(AppAction::AcceptSuggestion {
                id: uuid_from_random(bytes),
                now: dom::now(),
            }),
            None => state.dispatch(AppAction::Notify(Notice::error(
                crate::core::model::no_random_numbers("Could not accept the suggestion"),
            ))),
        })
    };
    let dismiss = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: ()| dispatcher.dispatch(AppAction::DismissSuggestion))
    };
    let focus = {
        let dispatcher = state.dispatcher();
        Callback::from(move |i: usize| dispatcher.dispatch(AppAction::FocusSuggestion(i)))
    };
    SuggestHandle {
        suggest,
        stop,
        accept,
        dismiss,
        focus,
    }
}

/// The highlights' names, styled in `styles/main.css`.
const QUOTE_MARKS: &str = "sg-quote";
const CLAIM_MARKS: &str = "sg-claim";
const FOCUS_MARKS: &str = "sg-focus";

/// The suggestions as drawn: the list and the runs they were placed over, and each one's
/// range (`None`: it could not be placed) in the highlight of its kind, or of the focus.
struct Drawn {
    live: Rc<Vec<Suggestion>>,
    runs: Rc<ArticleRuns>,
    blocks: Rc<Vec<Block>>,
    focused: Option<usize>,
    ranges: Vec<Option<web_sys::StaticRange>>,
    quotes: dom::Marks,
    claims: dom::Marks,
    focus: dom::Marks,
}

impl Drawn {
    /// Places every suggestion of `live` in the article `root`; `None` in a browser without
    /// `CSS.highlights` (nothing is drawn there).
    fn new(
        root: &web_sys::Element,
        live: Rc<Vec<Suggestion>>,
        runs: Rc<ArticleRuns>,
        blocks: Rc<Vec<Block>>,
        focused: Option<usize>,
    ) -> Option<Drawn> {
        let index = dom::RunIndex::new(root);
        let ranges = live
            .iter()
            .map(|s| index.as_ref()?.mark(s.start, s.end))
            .collect();
        let d = Drawn {
            quotes: dom::Marks::register(QUOTE_MARKS)?,
            claims: dom::Marks::register(CLAIM_MARKS)?,
            focus: dom::Marks::register(FOCUS_MARKS)?,
            live,
            runs,
            blocks,
            focused,
            ranges,
        };
        for i in 0..d.ranges.len() {
            d.draw(i, true);
        }
        Some(d)
    }

    /// The highlight suggestion `i` is drawn in.
    fn marks(&self, i: usize) -> &dom::Marks {
        match self.live.get(i).map(|s| s.kind) {
            _ if Some(i) == self.focused => &self.focus,
            Some(Kind::Claim) => &self.claims,
            _ => &self.quotes,
        }
    }

    /// Adds suggestion `i`'s range to its highlight, or takes it out of it.
    fn draw(&self, i: usize, on: bool) {
        if let Some(Some(range)) = self.ranges.get(i) {
            let marks = self.marks(i);
            if on {
                marks.add(range)
            } else {
                marks.delete(range)
            }
        }
    }

    /// Places again the suggestions over any of `spans` (code point spans of re-rendered
    /// blocks, whose text nodes the ranges may have pointed into).
    fn place_again(&mut self, root: &web_sys::Element, spans: &[(usize, usize)]) {
        if spans.is_empty() {
            return;
        }
        let over = |s: &Suggestion| spans.iter().any(|&(a, b)| s.start <= b && a <= s.end);
        let touched: Vec<usize> = (0..self.live.len())
            .filter(|&i| over(&self.live[i]))
            .collect();
        if touched.is_empty() {
            return;
        }
        let index = self.blocks_of(&touched).map_or_else(
            || dom::RunIndex::new(root),
            |blocks| {
                dom::RunIndex::of_blocks(root, &blocks, crate::web::view::CHUNK)
                    .or_else(|| dom::RunIndex::new(root))
            },
        );
        for i in touched {
            self.draw(i, false);
            let s = &self.live[i];
            self.ranges[i] = index.as_ref().and_then(|x| x.mark(s.start, s.end));
            self.draw(i, true);
        }
    }

    /// The blocks from the first that suggestions `touched` start in to the last they end in,
    /// as (index, first code point) in text order; `None` when they are more than a chunk's
    /// worth (then the whole article's runs are listed, once).
    fn blocks_of(&self, touched: &[usize]) -> Option<Vec<(usize, usize)>> {
        let spans = touched
            .iter()
            .filter_map(|&i| self.live.get(i))
            .map(|s| (s.start, s.end));
        let (first, last) = crate::core::text::blocks_spanned(&self.blocks, spans)?;
        if last - first >= crate::web::view::CHUNK {
            return None;
        }
        (first..=last)
            .map(|i| self.blocks.get(i).map(|b| (i, b.start)))
            .collect()
    }

    /// Moves the focus's drawing from the suggestion that had it to `focused`.
    fn refocus(&mut self, focused: Option<usize>) {
        if self.focused == focused {
            return;
        }
        let old = self.focused;
        for i in [old, focused].into_iter().flatten() {
            self.draw(i, false);
        }
        self.focused = focused;
        for i in [old, focused].into_iter().flatten() {
            self.draw(i, true);
        }
    }
}

/// The code point spans of the blocks whose runs differ between `old` and `new` (compared by
/// pointer, chunk then block, as the article view renders them); `None` when the two do not
/// have the same shape (another article, another text): everything is placed again then.
fn changed_spans(
    old: &Rc<ArticleRuns>,
    new: &Rc<ArticleRuns>,
    blocks: &[Block],
) -> Option<Vec<(usize, usize)>> {
    if Rc::ptr_eq(old, new) {
        return Some(Vec::new());
    }
    if old.chunks.len() != new.chunks.len() {
        return None;
    }
    let mut spans = Vec::new();
    let mut first = 0;
    for (a, b) in old.chunks.iter().zip(&new.chunks) {
        if a.len() != b.len() {
            return None;
        }
        if !Rc::ptr_eq(a, b) {
            for (i, (x, y)) in a.iter().zip(b.iter()).enumerate() {
                if !Rc::ptr_eq(x, y) {
                    let block = blocks.get(first + i)?;
                    spans.push((block.start, block.end));
                }
            }
        }
        first += a.len();
    }
    Some(spans)
}
