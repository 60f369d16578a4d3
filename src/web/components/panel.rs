//! The annotations panel: filters, the list in text order, and the selected annotation's
//! editor.

use std::rc::Rc;

use uuid::Uuid;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::web::components::kit::button;
use crate::web::hooks::effect::use_effect_on;

use crate::core::model::{parse_tags, Annotation, HttpUrl, Kind, Verdict};
use crate::core::panel::{self, shorten, Filter, KindFilter};
use crate::core::reducer::{Annotations, Edit};
use crate::core::repeats::ClaimView;

use super::report::{repeat_list, RepeatListProps};

#[derive(Properties)]
pub struct PanelProps {
    pub annotations: Rc<Annotations>,
    pub filter: Filter,
    pub selected: Option<Uuid>,
    pub on_filter: Callback<Filter>,
    pub on_select: Callback<Uuid>,
    pub on_edit: Callback<(Uuid, Edit)>,
    pub on_delete: Callback<Uuid>,
    pub on_error: Callback<String>,
    /// The claims of the library that repeat the selected claim, most similar first.
    pub repeats: Rc<Vec<ClaimView>>,
    /// Copy the check of claim `.1` onto claim `.0`.
    pub on_copy_check: Callback<(Uuid, Uuid)>,
    /// The library is still being read: the annotations are not known yet.
    #[prop_or_default]
    pub loading: bool,
}

/// The panel re-renders only when what it shows changes (compared by pointer for the
/// annotations); its callbacks only dispatch to the app's reducer.
impl PartialEq for PanelProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.annotations, &other.annotations)
            && self.filter == other.filter
            && self.selected == other.selected
            && Rc::ptr_eq(&self.repeats, &other.repeats)
            && self.loading == other.loading
    }
}

/// How many list items are rendered before a "Show more" button: a long list stays fast,
/// and the rest is one press away. At 200, drawing the list of an import of 1,500 annotations
/// took 47 ms of one task in the benchmark; at 100 the list still fills a tall screen.
pub const PAGE: usize = 100;

/// How many list items are created per task: a list that gains many items at once (an
/// article opened, an import applied) is drawn over a few tasks, so that no task holds the
/// page for long (100 new items took 47–60 ms of one task on the benchmark's machine).
pub const DRAW_STEP: usize = 20;

fn input_value(e: &Event) -> String {
    if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
        return i.value();
    }
    if let Some(t) = e.target_dyn_into::<HtmlTextAreaElement>() {
        return t.value();
    }
    e.target_dyn_into::<HtmlSelectElement>()
        .map(|s| s.value())
        .unwrap_or_default()
}

/// The `<aside aria-label="Annotations">`.
#[function_component(AnnotationsPanel)]
pub fn annotations_panel(props: &PanelProps) -> Html {
    let view = panel::view(props.annotations.iter_shared(), &props.filter);
    let shown = use_state_eq(|| PAGE);
    let limit = *shown;
    // Orphans are paged the same way: a file of thousands of unfindable quotes must not put
    // thousands of items (and their text) in the page at once.
    let orphans_shown = use_state_eq(|| PAGE);
    let orphan_limit = *orphans_shown;
    // Of each page, the items drawn so far: the list grows by DRAW_STEP items per task up to
    // the page, and never shrinks (a list that only changes a little is drawn at once).
    let drawn = use_mut_ref(|| DRAW_STEP);
    let want = limit
        .min(view.items.len())
        .max(orphan_limit.min(view.orphans.len()));
    let visible = limit.min(*drawn.borrow());
    let orphans_visible = orphan_limit.min(*drawn.borrow());
    let grow = use_force_update();
    {
        let so_far = *drawn.borrow();
        let drawn = drawn.clone();
        use_effect_on((so_far < want, so_far), move |(more, _)| {
            let timer = more.then(|| {
                gloo::timers::callback::Timeout::new(0, move || {
                    *drawn.borrow_mut() += DRAW_STEP;
                    grow.force_update();
                })
            });
            move || drop(timer)
        });
    }
    // The selected annotation is always in the list, even when it lies past the drawn part
    // of the page (it is then shown after it, in its own place in the order).
    let selected_beyond = props.selected.and_then(|id| {
        view.items
            .iter()
            .skip(visible)
            .find(|a| a.id == id)
            .copied()
    });
    let orphan_beyond = props.selected.and_then(|id| {
        view.orphans
            .iter()
            .skip(orphans_visible)
            .find(|a| a.id == id)
            .copied()
    });
    let on_select = props.on_select.clone();
    let all_tags = panel::tag_suggestions(props.annotations.iter(), "");

    let set_kind = |k: KindFilter| {
        let (f, cb) = (props.filter.clone(), props.on_filter.clone());
        Callback::from(move |_| {
            cb.emit(Filter {
                kind: k,
                ..f.clone()
            })
        })
    };
    let on_verdict = {
        let (f, cb) = (props.filter.clone(), props.on_filter.clone());
        Callback::from(move |e: Event| {
            cb.emit(Filter {
                verdict: Verdict::parse(&input_value(&e)),
                ..f.clone()
            })
        })
    };
    let on_tag = {
        let (f, cb) = (props.filter.clone(), props.on_filter.clone());
        Callback::from(move |e: Event| {
            let v = input_value(&e);
            cb.emit(Filter {
                tag: (!v.is_empty()).then_some(v),
                ..f.clone()
            })
        })
    };
    let on_search = {
        let (f, cb) = (props.filter.clone(), props.on_filter.clone());
        Callback::from(move |e: InputEvent| {
            let v = e
                .target_dyn_into::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            cb.emit(Filter {
                search: v,
                ..f.clone()
            })
        })
    };
    let kind_button = |k: KindFilter, label: &str, n: usize| {
        html! {
            <button type="button" aria-pressed={(props.filter.kind == k).to_string()}
                    onclick={set_kind(k)}>{ format!("{label} ({n})") }</button>
        }
    };
    let item = |a: &Rc<Annotation>| {
        html! {
            <PanelItem key={uuid_key(a.id)} annotation={a.clone()}
                       selected={props.selected == Some(a.id)} on_select={on_select.clone()} />
        }
    };
    let selected = props
        .selected
        .and_then(|id| props.annotations.get(id))
        .cloned();

    html! {
        <aside class="panel" aria-label="Annotations">
            <h2 class="panel-title">{ "Annotations" }</h2>
            <div class="filters" role="group" aria-label="Filter annotations">
                <div class="kind-filter" role="group" aria-label="Kind">
                    { kind_button(KindFilter::All, "All", view.total.all) }
                    { kind_button(KindFilter::Claims, "Claims", view.total.claims) }
                    { kind_button(KindFilter::Quotes, "Quotes", view.total.quotes) }
                </div>
                <label>{ "Verdict filter" }
                    <select onchange={on_verdict}>
                        <option value="" selected={props.filter.verdict.is_none()}>{ "Any verdict" }</option>
                        { for Verdict::ALL.iter().map(|v| html! {
                            <option value={v.as_str()} selected={props.filter.verdict == Some(*v)}>{ v.label() }</option>
                        }) }
                    </select>
                </label>
                <label>{ "Tag filter" }
                    <select onchange={on_tag}>
                        <option value="" selected={props.filter.tag.is_none()}>{ "Any tag" }</option>
                        { for all_tags.iter().map(|t| html! {
                            <option value={t.clone()} selected={props.filter.tag.as_deref() == Some(t.as_str())}>{ t.clone() }</option>
                        }) }
                    </select>
                </label>
                <input type="search" aria-label="Search annotations" placeholder="Search quote, note, speaker"
                       value={props.filter.search.clone()} oninput={on_search} />
            </div>
            <p class="counts" role="status">
                if props.loading {
                    { "Loading annotations…" }
                } else {
                    { format!("Showing {} of {} ({} claims, {} quotes)",
                        view.shown.all, view.total.all, view.shown.claims, view.shown.quotes) }
                }
            </p>
            <ul class="items" aria-label="Annotation list">
                { for view.items.iter().take(visible).map(|a| item(a)) }
                { for selected_beyond.map(&item) }
            </ul>
            if view.items.len() > limit {
                { button(
                    format!("Show {} more of {}", (view.items.len() - limit).min(PAGE), view.items.len() - limit),
                    "show-more",
                    false,
                    &{ let l = shown.clone(); Callback::from(move |_| l.set(*l + PAGE)) },
                ) }
            }
            if !view.orphans.is_empty() {
                <h3>{ "Orphans (not attached to the text)" }</h3>
                <ul class="items orphans" aria-label="Orphaned annotations">
                    { for view.orphans.iter().take(orphans_visible).map(|a| item(a)) }
                    { for orphan_beyond.map(&item) }
                </ul>
                if view.orphans.len() > orphan_limit {
                    { button(
                        format!("Show {} more orphans of {}",
                            (view.orphans.len() - orphan_limit).min(PAGE), view.orphans.len() - orphan_limit),
                        "show-more",
                        false,
                        &{ let l = orphans_shown.clone(); Callback::from(move |_| l.set(*l + PAGE)) },
                    ) }
                }
            }
            <datalist id="tag-suggestions">
                { for all_tags.iter().map(|t| html! { <option value={t.clone()} /> }) }
            </datalist>
            if let Some(a) = selected {
                <AnnotationEditor key={a.id.to_string()} annotation={a.clone()}
                    on_edit={props.on_edit.clone()} on_delete={props.on_delete.clone()}
                    on_error={props.on_error.clone()}
                    repeats={props.repeats.clone()} on_copy_check={props.on_copy_check.clone()} />
            }
        </aside>
    }
}

/// A list key for an annotation, without going through `fmt` (the list has hundreds).
fn uuid_key(id: Uuid) -> yew::virtual_dom::Key {
    yew::virtual_dom::Key::from(&*id.as_hyphenated().encode_lower(&mut Uuid::encode_buffer()))
}

#[derive(Properties)]
pub struct ItemProps {
    /// The annotation, shared with the app's state: compared by pointer.
    pub annotation: Rc<Annotation>,
    pub selected: bool,
    pub on_select: Callback<Uuid>,
}

/// An item re-renders only when its annotation or its selection changes: a change to one
/// annotation re-renders one item, not the page of them.
impl PartialEq for ItemProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.annotation, &other.annotation) && self.selected == other.selected
    }
}

/// One annotation in the list: a button that selects it.
#[function_component(PanelItem)]
fn panel_item(props: &ItemProps) -> Html {
    let a = &props.annotation;
    let id = a.id;
    let selected = props.selected;
    let on_select = props.on_select.clone();
    let detail = match a.claim() {
        Some(c) => c.verdict.label().to_owned(),
        None => a.who().to_owned(),
    };
    html! {
        <li>
            <button type="button" class={classes!("item", a.kind().as_str(), selected.then_some("selected"))}
                    aria-pressed={if selected { "true" } else { "false" }}
                    data-id={id.to_string()}
                    onclick={Callback::from(move |_| on_select.emit(id))}>
                <span class={classes!("badge", a.kind().as_str())}>{ a.kind().label() }</span>
                { match a.anchoring {
                    crate::core::model::Anchoring::NeedsReview => html! { <span class="badge review">{ "Needs review" }</span> },
                    crate::core::model::Anchoring::Orphan => html! { <span class="badge orphan">{ "Orphan" }</span> },
                    crate::core::model::Anchoring::Anchored => html! {},
                } }
                <q class="item-quote">{ shorten(&a.quote.exact, 90) }</q>
                if !detail.is_empty() { <span class="item-detail">{ detail }</span> }
                if !a.note.is_empty() { <span class="item-note">{ shorten(&a.note, 60) }</span> }
            </button>
        </li>
    }
}

#[derive(Properties)]
pub struct EditorProps {
    pub annotation: Annotation,
    pub on_edit: Callback<(Uuid, Edit)>,
    pub on_delete: Callback<Uuid>,
    pub on_error: Callback<String>,
    /// For a claim: the claims of the library that say the same thing.
    #[prop_or_default]
    pub repeats: Rc<Vec<ClaimView>>,
    /// Copy the check of claim `.1` onto claim `.0`.
    #[prop_or_default]
    pub on_copy_check: Callback<(Uuid, Uuid)>,
}

/// Only the annotation (and its repeats) decide whether the editor re-renders: its callbacks only dispatch to
/// the one reducer, so an older callback does the same as a newer one. Re-rendering on every
/// parent render would reset fields while the user types in them.
impl PartialEq for EditorProps {
    fn eq(&self, other: &Self) -> bool {
        self.annotation == other.annotation && Rc::ptr_eq(&self.repeats, &other.repeats)
    }
}

/// The value to render in the field with id `id`: what is stored, unless the user is editing
/// that field right now (it has focus), in which case what they typed is kept. A change made
/// elsewhere (another tab, undo) must not wipe text that is being typed; the user's own
/// commit, made later, then wins.
fn editing(id: &str, stored: String) -> String {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return stored;
    };
    let (Some(el), Some(active)) = (document.get_element_by_id(id), document.active_element())
    else {
        return stored;
    };
    if el != active {
        return stored;
    }
    js_sys::Reflect::get(&el, &"value".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or(stored)
}

/// Parses one link per line; the first refused link is reported and nothing changes.
fn parse_links(text: &str) -> Result<Vec<HttpUrl>, String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| HttpUrl::parse(l).map_err(|e| format!("Link refused: {e}")))
        .collect()
}

/// The selected annotation's fields, edited in place; each field is saved when it changes.
#[function_component(AnnotationEditor)]
pub fn annotation_editor(props: &EditorProps) -> Html {
    let a = &props.annotation;
    let id = a.id;
    let edit = |f: fn(String) -> Result<Edit, String>| {
        let (cb, err) = (props.on_edit.clone(), props.on_error.clone());
        Callback::from(move |e: Event| match f(input_value(&e)) {
            Ok(edit) => cb.emit((id, edit)),
            Err(msg) => err.emit(msg),
        })
    };
    let on_delete = {
        let cb = props.on_delete.clone();
        Callback::from(move |_: ()| cb.emit(id))
    };
    let links = |urls: &[HttpUrl]| {
        html! {
            <ul class="links">
                { for urls.iter().map(|u| html! {
                    <li key={u.as_str().to_owned()}>
                        <a href={u.as_str().to_owned()} target="_blank" rel="noopener noreferrer">{ u.as_str() }</a>
                    </li>
                }) }
            </ul>
        }
    };
    let kind_fields = match &a.body {
        crate::core::model::Body::Claim(c) => html! {
            <>
                <label for="f-claimant">{ "Claimant" }</label>
                <input id="f-claimant" value={editing("f-claimant", c.claimant.clone())}
                       onchange={edit(|v| Ok(Edit::SetClaimant(v)))} />
                <label for="f-verdict">{ "Verdict" }</label>
                <select id="f-verdict" onchange={edit(|v| Verdict::parse(&v).map(Edit::SetVerdict).ok_or_else(|| "Unknown verdict.".to_owned()))}>
                    { for Verdict::ALL.iter().map(|v| html! {
                        <option value={v.as_str()} selected={c.verdict == *v}>{ v.label() }</option>
                    }) }
                </select>
                <label for="f-evidence">{ "Evidence links" }</label>
                <textarea id="f-evidence" rows="3" placeholder="One http:// or https:// link per line"
                          value={editing("f-evidence", c.evidence.iter().map(|u| u.as_str()).collect::<Vec<_>>().join("\n"))}
                          onchange={edit(|v| parse_links(&v).map(Edit::SetEvidence))} />
                { links(&c.evidence) }
            </>
        },
        crate::core::model::Body::Quote(q) => {
            let checked_cb = {
                let cb = props.on_edit.clone();
                Callback::from(move |e: Event| {
                    let on = e
                        .target_dyn_into::<HtmlInputElement>()
                        .is_some_and(|i| i.checked());
                    cb.emit((id, Edit::SetChecked(on)))
                })
            };
            html! {
                <>
                    <label for="f-speaker">{ "Speaker" }</label>
                    <input id="f-speaker" value={editing("f-speaker", q.speaker.clone())}
                           onchange={edit(|v| Ok(Edit::SetSpeaker(v)))} />
                    <label class="check">
                        <input type="checkbox" checked={q.checked} onchange={checked_cb} />
                        { "Checked against source" }
                    </label>
                    <label for="f-source">{ "Source link" }</label>
                    <input id="f-source" type="url" value={editing("f-source", q.source.as_ref().map(|u| u.as_str().to_owned()).unwrap_or_default())}
                           onchange={edit(|v| if v.trim().is_empty() { Ok(Edit::SetSource(None)) } else {
                               HttpUrl::parse(&v).map(|u| Edit::SetSource(Some(u))).map_err(|e| format!("Link refused: {e}"))
                           })} />
                    { links(q.source.as_slice()) }
                </>
            }
        }
    };
    html! {
        <section class="editor" aria-label="Selected annotation">
            <h3>
                <span class={classes!("badge", a.kind().as_str())}>{ a.kind().label() }</span>
                <q>{ shorten(&a.quote.exact, 140) }</q>
            </h3>
            if a.kind() == Kind::Claim {
                { repeat_list(&RepeatListProps {
                    claim: a.id,
                    repeats: props.repeats.clone(),
                    on_copy: props.on_copy_check.clone(),
                }) }
            }
            if a.kind() == Kind::Claim || a.kind() == Kind::Quote {
                <div class="fields">
                    <label for="f-note">{ "Note" }</label>
                    <textarea id="f-note" rows="4" value={editing("f-note", a.note.clone())}
                              onchange={edit(|v| Ok(Edit::SetNote(v)))} />
                    <label for="f-tags">{ "Tags" }</label>
                    <input id="f-tags" list="tag-suggestions" placeholder="comma, separated"
                           value={editing("f-tags", a.tags.join(", "))}
                           onchange={edit(|v| Ok(Edit::SetTags(parse_tags(&v))))} />
                    { kind_fields }
                </div>
            }
            if a.anchoring == crate::core::model::Anchoring::Orphan {
                <p class="hint">{ "This annotation is not attached to the text. Select the text it belongs to and choose “Attach here”." }</p>
            }
            if a.anchoring == crate::core::model::Anchoring::NeedsReview {
                <p class="hint">{ "The text here differs from the quote this annotation was made on. Check it, or select the right text and choose “Attach here”." }</p>
            }
            <p class="meta">{ format!("Created {} · modified {}", a.created.to_rfc3339(), a.modified.to_rfc3339()) }</p>
            { button("Delete", "danger", false, &on_delete) }
        </section>
    }
}

/// The side column's properties: what it holds and what opens it.
#[derive(Properties, PartialEq)]
pub struct SideSheetProps {
    /// How many annotations the article has, for the sheet's button.
    pub count: usize,
    /// The selected annotation: selecting one (tagging makes the new one selected) opens the
    /// sheet, so that its editor shows.
    pub selected: Option<Uuid>,
    pub children: Html,
}

/// The id of the sheet's body, which its button controls.
pub const SHEET_BODY_ID: &str = "side-sheet-body";

/// The side column (suggestions, then annotations). On a wide screen it is a column beside
/// the article and its button is not shown; on a narrow one (styles/main.css, below 56.25rem)
/// it is a sheet fixed to the bottom of the screen, over the article: a bar with the
/// **Annotations (N)** disclosure button, which opens the body up to about half the screen's
/// height, scrolling on its own. Selecting an annotation opens it ([`use_sheet_open`], kept
/// by the root, which calls this function: a component type costs the page its own copy of
/// Yew's lifecycle code, issue 11).
pub fn side_sheet(props: &SideSheetProps, open: &UseStateHandle<bool>) -> Html {
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    html! {
        <div class={classes!("side", open.then_some("open"))}>
            <button type="button" class="sheet-toggle" aria-expanded={open.to_string()}
                    aria-controls={SHEET_BODY_ID} onclick={toggle}>
                { format!("Annotations ({})", props.count) }
            </button>
            <div class="side-body" id={SHEET_BODY_ID}>
                { props.children.clone() }
            </div>
        </div>
    }
}

/// Whether the side sheet is open: closed at first and while `shown` is false (its view is
/// not shown), opened when an annotation is selected (`selected`) while it is shown.
#[hook]
pub fn use_sheet_open(shown: bool, selected: Option<Uuid>) -> UseStateHandle<bool> {
    let open = use_state_eq(|| false);
    {
        let open = open.clone();
        use_effect_on((shown, selected), move |&(shown, selected)| {
            if !shown {
                open.set(false);
            } else if selected.is_some() {
                open.set(true);
            }
        });
    }
    open
}

/// [`side_sheet`] as a component, for the tests that mount it alone.
#[function_component(SideSheet)]
pub fn side_sheet_component(props: &SideSheetProps) -> Html {
    let open = use_sheet_open(true, props.selected);
    side_sheet(props, &open)
}
