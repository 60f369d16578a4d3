//! The fact-check report, the Claims view (every claim of the library, grouped by repeat),
//! the repeat list of the editor, and the Settings dialog. They show what the core computed
//! ([`crate::core::report`], [`crate::core::repeats`]); every text is a text node.

use std::rc::Rc;

use uuid::Uuid;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::web::components::form::typed;
use crate::web::components::kit::button;

use crate::core::library::ExportSettings;
use crate::core::model::{HttpUrl, Verdict};
use crate::core::repeats::ClaimView;
use crate::core::report::{link_text, ArticleReport, LibraryReport, ReportClaim, VerdictGroup};

use super::modal::Modal;

/// What the report shows.
#[derive(Debug, Clone, PartialEq)]
pub enum ReportContent {
    Article(ArticleReport),
    Library(LibraryReport),
}

#[derive(Properties, PartialEq)]
pub struct ReportDialogProps {
    pub content: Rc<ReportContent>,
    /// Whether an article is open (then the dialog offers both scopes).
    pub has_article: bool,
    /// Show the article's report (`false`) or the library's (`true`).
    pub on_scope: Callback<bool>,
    pub on_download: Callback<()>,
    pub on_close: Callback<()>,
}

fn link(url: &HttpUrl) -> Html {
    html! {
        <a href={url.as_str().to_owned()} target="_blank" rel="noopener noreferrer">{ link_text(url) }</a>
    }
}

fn meta(r: &ArticleReport) -> Html {
    let mut parts: Vec<Html> = Vec::new();
    if let Some(u) = &r.source {
        parts.push(html! { <>{ "Source: " }{ link(u) }</> });
    }
    if let Some(b) = &r.byline {
        parts.push(html! { <>{ crate::core::report::byline_line(b) }</> });
    }
    if let Some(s) = &r.site_name {
        parts.push(html! { <>{ s.clone() }</> });
    }
    if let Some(p) = &r.published {
        parts.push(html! { <>{ format!("Published {p}") }</> });
    }
    if let Some(c) = &r.captured {
        parts.push(html! { <>{ format!("Captured {c}") }</> });
    }
    if parts.is_empty() {
        return html! {};
    }
    let n = parts.len();
    html! {
        <p class="report-meta">
            { for parts.into_iter().enumerate().map(|(i, p)| html! {
                <>{ p }if i + 1 < n { { " · " } }</>
            }) }
        </p>
    }
}

fn claim(c: &ReportClaim) -> Html {
    html! {
        <article class="report-claim" key={c.id.to_string()}>
            <blockquote>{ c.text.clone() }</blockquote>
            <dl>
                <dt>{ "Claimant" }</dt>
                <dd>{ if c.claimant.is_empty() { "not given".to_owned() } else { c.claimant.clone() } }</dd>
                if !c.note.is_empty() {
                    <dt>{ "Note" }</dt><dd class="report-note">{ c.note.clone() }</dd>
                }
                if !c.attached {
                    <dt>{ "Text" }</dt><dd>{ "no longer found in the article" }</dd>
                }
            </dl>
            if !c.evidence.is_empty() {
                <ul class="report-evidence" aria-label="Evidence">
                    { for c.evidence.iter().map(|u| html! { <li>{ link(u) }</li> }) }
                </ul>
            }
        </article>
    }
}

fn groups(groups: &[VerdictGroup]) -> Html {
    html! {
        { for groups.iter().map(|g| html! {
            <section class="report-group" aria-label={g.verdict.label()}>
                <h4>{ format!("{} ({})", g.verdict.label(), g.claims.len()) }</h4>
                { for g.claims.iter().map(claim) }
            </section>
        }) }
    }
}

fn article_body(r: &ArticleReport) -> Html {
    html! {
        <>
            <p class="report-kicker" id="report-kicker">{ "Fact-check report" }</p>
            <h2 id="report-title">{ r.title.clone() }</h2>
            { meta(r) }
            <p class="report-counts">{ r.counts.summary() }</p>
            if !r.groups.is_empty() {
                <h3>{ "Claims" }</h3>
                { groups(&r.groups) }
            }
            if !r.quotes.is_empty() {
                <h3>{ format!("Quotes ({})", r.quotes.len()) }</h3>
                { for r.quotes.iter().map(|q| html! {
                    <article class="report-quote" key={q.id.to_string()}>
                        <blockquote>{ q.text.clone() }</blockquote>
                        <dl>
                            <dt>{ "Speaker" }</dt>
                            <dd>{ if q.speaker.is_empty() { "unknown".to_owned() } else { q.speaker.clone() } }</dd>
                            <dt>{ "Checked" }</dt><dd>{ if q.checked { "yes" } else { "no" } }</dd>
                            if let Some(s) = &q.source { <dt>{ "Source" }</dt><dd>{ link(s) }</dd> }
                            if !q.note.is_empty() { <dt>{ "Note" }</dt><dd class="report-note">{ q.note.clone() }</dd> }
                        </dl>
                    </article>
                }) }
            }
        </>
    }
}

fn library_body(r: &LibraryReport) -> Html {
    html! {
        <>
            <p class="report-kicker" id="report-kicker">{ "Fact-check report" }</p>
            <h2 id="report-title">{ "Claims checked, by article" }</h2>
            <p class="report-counts">
                { format!("{} claim(s) checked in {} article(s)", r.checked_claims, r.articles.len()) }
            </p>
            { for r.articles.iter().map(|a| html! {
                <section class="report-article" key={a.article_id.to_string()} aria-label={a.title.clone()}>
                    <h3>{ a.title.clone() }</h3>
                    { meta(a) }
                    <p class="report-counts">{ a.counts.summary() }</p>
                    { groups(&a.groups) }
                </section>
            }) }
        </>
    }
}

/// The report (`role="dialog"`, named "Fact-check report" and its title): **Print**,
/// **Download report**, the choice of scope, **Close**; then the report itself. Printing
/// prints only the report (the print styles hide the rest of the page and the dialog's own
/// buttons).
pub fn report_dialog(props: &ReportDialogProps) -> Html {
    let print = Callback::from(|_: ()| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let library = matches!(*props.content, ReportContent::Library(_));
    let scope = |whole: bool, label: &'static str| {
        let cb = props.on_scope.clone();
        html! {
            <button type="button" aria-pressed={(library == whole).to_string()}
                    onclick={Callback::from(move |_| cb.emit(whole))}>{ label }</button>
        }
    };
    html! {
        <Modal key="report" labelled_by="report-kicker report-title" on_close={props.on_close.clone()} class="report-dialog">
            <div class="report-actions">
                if props.has_article {
                    <div role="group" aria-label="Report scope" class="report-scope">
                        { scope(false, "This article") }
                        { scope(true, "Whole library") }
                    </div>
                }
                { button("Print", "primary", false, &print) }
                { button("Download report", "", false, &props.on_download) }
                { button("Close", "", false, &props.on_close) }
            </div>
            <div class="report">
                { match &*props.content {
                    ReportContent::Article(r) => article_body(r),
                    ReportContent::Library(r) => library_body(r),
                } }
            </div>
        </Modal>
    }
}

/// [`report_dialog`] as a component, for the tests that mount it alone. The page calls
/// [`report_dialog`]: a component type costs the page its own copy of Yew's lifecycle code (issue
/// 11).
#[function_component(ReportDialog)]
pub fn report_dialog_component(props: &ReportDialogProps) -> Html {
    report_dialog(props)
}

#[derive(Properties, PartialEq)]
pub struct RepeatListProps {
    /// The claim being edited.
    pub claim: Uuid,
    /// Earlier claims that say the same thing, most similar first.
    pub repeats: Rc<Vec<ClaimView>>,
    /// Copy the check of the second claim onto the first.
    pub on_copy: Callback<(Uuid, Uuid)>,
}

/// "Said before": the earlier claims of the library that say the same thing, each with its
/// verdict, article, date and similarity, and a button that copies its check onto the claim.
pub fn repeat_list(props: &RepeatListProps) -> Html {
    if props.repeats.is_empty() {
        return html! {};
    }
    html! {
        <section class="repeats" aria-labelledby="repeats-title">
            <h3 id="repeats-title">{ format!("Said before ({})", props.repeats.len()) }</h3>
            <ul aria-label="Earlier claims">
                { for props.repeats.iter().map(|r| {
                    let (cb, target, source) = (props.on_copy.clone(), props.claim, r.id);
                    html! {
                        <li key={r.id.to_string()} class="repeat">
                            <q>{ crate::core::panel::shorten(&r.text, 160) }</q>
                            <span class="repeat-meta">
                                <span class={classes!("verdict", r.verdict.as_str())}>{ r.verdict.label() }</span>
                                { format!(" · {} · {} · {}% similar", r.article_title, r.date, (r.similarity * 100.0).round() as u32) }
                            </span>
                            <button type="button" aria-label={format!("Copy verdict, note and evidence from “{}” ({})", crate::core::panel::shorten(&r.text, 60), r.article_title)}
                                    onclick={Callback::from(move |_| cb.emit((target, source)))}>
                                { "Copy verdict, note and evidence" }
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}

/// [`repeat_list`] as a component, for the tests that mount it alone. The page calls
/// [`repeat_list`]: a component type costs the page its own copy of Yew's lifecycle code (issue
/// 11).
#[function_component(RepeatList)]
pub fn repeat_list_component(props: &RepeatListProps) -> Html {
    repeat_list(props)
}

#[derive(Properties, PartialEq)]
pub struct ClaimsDialogProps {
    /// The groups for the chosen verdict (all when none).
    pub groups: Rc<Vec<Vec<ClaimView>>>,
    pub verdict: Option<Verdict>,
    pub on_verdict: Callback<Option<Verdict>>,
    /// Open claim `.1` in article `.0`.
    pub on_open: Callback<(Uuid, Uuid)>,
    pub on_close: Callback<()>,
}

/// The Claims view: every claim of the library grouped by repeat, with how many times and
/// where each appeared, filterable by verdict; each claim opens its article with it selected.
pub fn claims_dialog(props: &ClaimsDialogProps) -> Html {
    let on_verdict = {
        let cb = props.on_verdict.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_dyn_into::<HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default();
            cb.emit(Verdict::parse(&v))
        })
    };
    let total: usize = props.groups.iter().map(Vec::len).sum();
    html! {
        <Modal key="claims" labelled_by="claims-title" on_close={props.on_close.clone()} class="claims-dialog">
            <h2 id="claims-title">{ "Claims" }</h2>
            <label for="claims-verdict">{ "Verdict" }</label>
            <select id="claims-verdict" onchange={on_verdict}>
                <option value="" selected={props.verdict.is_none()}>{ "Any verdict" }</option>
                { for Verdict::ALL.iter().map(|v| html! {
                    <option value={v.as_str()} selected={props.verdict == Some(*v)}>{ v.label() }</option>
                }) }
            </select>
            <p role="status" class="counts">
                { format!("{total} claim(s) in {} group(s)", props.groups.len()) }
            </p>
            <ul class="claim-groups" aria-label="Claim groups">
                { for props.groups.iter().filter_map(|g| Some((g, g.first()?))).map(|(g, first)| {
                    let articles = crate::core::sort::SortedSet::from_iter(g.iter().map(|c| c.article_title.as_str()));
                    html! {
                        <li key={first.id.to_string()} class="claim-group">
                            <p class="claim-group-head">
                                <q>{ crate::core::panel::shorten(&first.text, 200) }</q>
                                <span class="claim-group-count">
                                    { if g.len() == 1 { "once".to_owned() } else { format!("{} times in {} article(s)", g.len(), articles.len()) } }
                                </span>
                            </p>
                            <ul aria-label="Where it appeared">
                                { for g.iter().map(|c| {
                                    let (cb, close, ids) = (props.on_open.clone(), props.on_close.clone(), (c.article_id, c.id));
                                    html! {
                                        <li key={c.id.to_string()}>
                                            <button type="button" class="link-button"
                                                    onclick={Callback::from(move |_| { close.emit(()); cb.emit(ids) })}>
                                                { format!("{} · {} · {}", c.article_title, c.verdict.label(), c.date) }
                                            </button>
                                        </li>
                                    }
                                }) }
                            </ul>
                        </li>
                    }
                }) }
            </ul>
            <div class="dialog-actions">
                { button("Close", "", false, &props.on_close) }
            </div>
        </Modal>
    }
}

/// [`claims_dialog`] as a component, for the tests that mount it alone. The page calls
/// [`claims_dialog`]: a component type costs the page its own copy of Yew's lifecycle code (issue
/// 11).
#[function_component(ClaimsDialog)]
pub fn claims_dialog_component(props: &ClaimsDialogProps) -> Html {
    claims_dialog(props)
}

#[derive(Properties, PartialEq)]
pub struct SettingsDialogProps {
    pub settings: ExportSettings,
    pub on_save: Callback<ExportSettings>,
    pub on_close: Callback<()>,
}

/// Settings (`role="dialog"`, named "Settings"): the organisation and the review URL base
/// that ClaimReview exports and reports use. **Save** keeps them (a refused URL is said in
/// the dialog and nothing is saved); **Cancel** leaves them as they were.
#[function_component(SettingsDialog)]
pub fn settings_dialog(props: &SettingsDialogProps) -> Html {
    // The fields' values, as typed (the dialog re-renders to show an error: what was typed
    // must stay).
    let org = use_state(|| props.settings.organisation.clone());
    let url = use_state(|| {
        props
            .settings
            .review_url_base
            .as_ref()
            .map(|u| u.as_str().to_owned())
            .unwrap_or_default()
    });
    let error = use_state(|| None::<String>);
    let save = {
        let (org, url, error, cb) = (
            org.clone(),
            url.clone(),
            error.clone(),
            props.on_save.clone(),
        );
        Callback::from(move |_: ()| {
            let organisation = org.trim().to_owned();
            let review_url_base = if url.trim().is_empty() {
                None
            } else {
                match HttpUrl::parse(&url) {
                    Ok(u) => Some(u),
                    Err(e) => {
                        error.set(Some(format!("Review URL refused: {e}")));
                        return;
                    }
                }
            };
            cb.emit(ExportSettings {
                organisation,
                review_url_base,
            });
        })
    };
    html! {
        <Modal labelled_by="settings-title" on_close={props.on_close.clone()}>
            <h2 id="settings-title">{ "Settings" }</h2>
            <p class="hint">{ "Used by ClaimReview exports and reports. Kept in this browser." }</p>
            <label for="settings-org">{ "Organisation" }</label>
            <input id="settings-org" data-autofocus="" value={(*org).clone()} oninput={typed(&org)} />
            <label for="settings-review-url">{ "Review URL" }</label>
            <input id="settings-review-url" type="url" placeholder="https://factcheck.example/reviews"
                   aria-describedby="settings-review-url-hint"
                   value={(*url).clone()} oninput={typed(&url)} />
            <p id="settings-review-url-hint" class="hint">{ "Each review's url is this address followed by #claim- and the claim's id." }</p>
            if let Some(e) = &*error {
                <p class="error" role="alert">{ e.clone() }</p>
            }
            <div class="dialog-actions">
                { button("Save", "primary", false, &save) }
                { button("Cancel", "", false, &props.on_close) }
            </div>
        </Modal>
    }
}
