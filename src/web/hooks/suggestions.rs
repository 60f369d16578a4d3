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

use yew::prelude::*;

use crate::web::hooks::effect::use_effect_on;

use crate::core::jobs::{Job, JobOutput};
use crate::core::model::{uuid_from_random, Kind};
use crate::core::suggestions::Suggestion;
use crate::web::dom;
use crate::web::state::{AppAction, AppState, Notice, StorageStatus, View};
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
    // scrolled into view (in the article and in the list) when the focus moves.
    {
        let article_ref = article_ref.clone();
        let in_article = state.view == View::Article;
        let live = state.suggestions.live.clone();
        let focused = state.suggestions.focused;
        let deps = (
            in_article,
            std::rc::Rc::as_ptr(&state.runs) as usize,
            std::rc::Rc::as_ptr(&live) as usize,
            focused,
        );
        let last_focus = use_mut_ref(|| None::<usize>);
        use_effect_on(deps, move |_| {
            let root = article_ref
                .cast::<web_sys::Element>()
                .filter(|_| in_article);
            // The runs are listed once for every range of this drawing.
            let index = root.as_ref().and_then(dom::RunIndex::new);
            let ranges_of = |pick: &dyn Fn(usize, &Suggestion) -> bool| -> Vec<web_sys::Range> {
                let Some(index) = &index else {
                    return Vec::new();
                };
                live.iter()
                    .enumerate()
                    .filter(|(i, s)| pick(*i, s))
                    .filter_map(|(_, s)| index.range(s.start, s.end))
                    .collect()
            };
            let others =
                |kind: Kind| move |i: usize, s: &Suggestion| s.kind == kind && Some(i) != focused;
            dom::set_highlight("sg-quote", &ranges_of(&others(Kind::Quote)));
            dom::set_highlight("sg-claim", &ranges_of(&others(Kind::Claim)));
            let focus = ranges_of(&|i, _| Some(i) == focused);
            dom::set_highlight("sg-focus", &focus);
            let moved = last_focus.replace(focused) != focused;
            if let (true, Some(range)) = (moved, focus.first()) {
                dom::scroll_range_into_view(range);
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
