//! The **Suggestions** section of the side panel: the quotes the app found (with their
//! speakers) and the check-worthy claims (with their scores, the best first), the focused one
//! with its **Accept** and **Dismiss** buttons, the **Suggest** button, and a polite live
//! region that says which suggestion `J`/`K` moved to. It only renders and calls back; the
//! list, its order and what accepting means are the core's ([`crate::core::suggestions`]).

use std::rc::Rc;

use yew::prelude::*;

use crate::web::components::kit::button;

use crate::core::model::Kind;
use crate::core::panel::shorten;
use crate::core::suggestions::{count, status_line, Suggestion};
use crate::web::state::SuggestStatus;

#[derive(Properties)]
pub struct SuggestionsProps {
    /// The suggestions left to deal with, in the list's order.
    pub live: Rc<Vec<Suggestion>>,
    /// The focused one (an index into `live`).
    pub focused: Option<usize>,
    pub status: SuggestStatus,
    /// Why claims are not suggested, if they are not.
    pub claims_unavailable: Option<String>,
    /// What the live region says.
    pub announcement: String,
    pub on_suggest: Callback<()>,
    pub on_stop: Callback<()>,
    pub on_accept: Callback<()>,
    pub on_dismiss: Callback<()>,
    pub on_focus: Callback<usize>,
    /// The library is still being read: Suggest waits for it (the article's annotations, which
    /// suggestions must not duplicate, are not known yet).
    #[prop_or_default]
    pub loading: bool,
}

/// Re-rendered only when what it shows changes (the list by pointer).
impl PartialEq for SuggestionsProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.live, &other.live)
            && self.focused == other.focused
            && self.status == other.status
            && self.claims_unavailable == other.claims_unavailable
            && self.announcement == other.announcement
            && self.loading == other.loading
    }
}

/// How many suggestions of each kind are drawn at first (more as `J` reaches them).
const SHOWN: usize = 100;

/// The `<section aria-labelledby="suggestions-title">`.
#[function_component(SuggestionsPanel)]
pub fn suggestions_panel(props: &SuggestionsProps) -> Html {
    let (quotes, claims) = count(&props.live);
    let running = props.status == SuggestStatus::Running;
    let status = match &props.status {
        SuggestStatus::Idle => String::new(),
        SuggestStatus::Running => "Looking for quotes and claims…".to_owned(),
        SuggestStatus::Done => status_line(&props.live),
        SuggestStatus::Failed(why) => why.clone(),
    };
    let limit = SHOWN.max(props.focused.map_or(0, |f| f + 20));
    let item = |(i, s): (usize, &Suggestion)| {
        let focused = props.focused == Some(i);
        let exact = shorten(s.excerpt(), 160);
        let who = s.who.clone().unwrap_or_else(|| match s.kind {
            Kind::Quote => "Speaker unknown".to_owned(),
            Kind::Claim => String::new(),
        });
        let on_focus = {
            let cb = props.on_focus.clone();
            Callback::from(move |_: MouseEvent| cb.emit(i))
        };
        html! {
            <li key={s.key.clone()} aria-current={focused.then_some("true")}
                class={classes!("sg-entry", focused.then_some("focused"))}>
                <button type="button" class={classes!("sg-item", s.kind.as_str())} onclick={on_focus}>
                    <span class="sg-head">
                        <span class="sg-kind">{ s.kind.label() }</span>
                        if !who.is_empty() {
                            <span class="sg-who">{ who }</span>
                        }
                        if let Some(score) = s.score_label() {
                            <span class="sg-score">{ format!("score {score}") }</span>
                        }
                    </span>
                    <span class="sg-text">{ format!("“{exact}”") }</span>
                </button>
                if focused {
                    <div class="sg-actions">
                        { button("Accept", "accept", false, &props.on_accept) }
                        { button("Dismiss", "dismiss", false, &props.on_dismiss) }
                    </div>
                }
            </li>
        }
    };
    let of_kind = |kind: Kind| {
        props
            .live
            .iter()
            .enumerate()
            .filter(move |(_, s)| s.kind == kind)
            .take(limit)
            .map(item)
            .collect::<Html>()
    };
    html! {
        <section class="suggestions" aria-labelledby="suggestions-title">
            <div class="sg-title">
                <h2 id="suggestions-title" class="panel-title">{ "Suggestions" }</h2>
                if running {
                    { button("Stop", "", false, &props.on_stop) }
                } else {
                    { button("Suggest", "", props.loading, &props.on_suggest) }
                }
            </div>
            <p class="counts" role="status">{ status }</p>
            if let Some(why) = &props.claims_unavailable {
                <p class="sg-unavailable">{ why.clone() }</p>
            }
            if quotes > 0 {
                <h3 id="suggested-quotes">{ format!("Quotes ({quotes})") }</h3>
                <ol class="suggestion-list" aria-labelledby="suggested-quotes">{ of_kind(Kind::Quote) }</ol>
            }
            if claims > 0 {
                <h3 id="suggested-claims">{ format!("Claims ({claims}), most check-worthy first") }</h3>
                <ol class="suggestion-list" aria-labelledby="suggested-claims">{ of_kind(Kind::Claim) }</ol>
            }
            <p class="visually-hidden" aria-live="polite" data-role="suggestion-announcement">
                { props.announcement.clone() }
            </p>
        </section>
    }
}
