//! Component tests of the panel, the editor, the selection toolbar and the transfer dialogs:
//! the real Yew components, built with props from the core, rendered in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown --test web_components`).
//!
//! Each test renders into a fresh element, waits for Yew with `yew::scheduler::flush()`, acts
//! as a user would (clicks, `change` and `input` events) and asserts on the DOM and on what the
//! component's callbacks received. Nothing here reaches into a component's internals.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use article_annotator::core::formats::ExportFormat;
use article_annotator::core::library::ExportSettings;
use article_annotator::core::model::{
    Anchoring, Annotation, Body, HttpUrl, Kind, Timestamp, Verdict,
};
use article_annotator::core::panel::{Filter, KindFilter};
use article_annotator::core::reducer::{Action, Annotations, Edit};
use article_annotator::core::storage::{StoredArticle, StoredLibrary};
use article_annotator::core::text::Article;
use article_annotator::web::components::panel::{
    AnnotationEditor, AnnotationsPanel, EditorProps, PanelProps, DRAW_STEP, PAGE,
};
use article_annotator::web::components::toolbar::{SelectionToolbar, SelectionToolbarProps};
use article_annotator::web::components::transfer::{
    ExportChooser, ExportChooserProps, ExportRequest, ImportDialog, ImportDialogProps, JobProgress,
    JobProgressProps, ReplaceTextDialog, ReplaceTextDialogProps,
};
use uuid::Uuid;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::{AttrValue, Callback};

wasm_bindgen_test_configure!(run_in_browser);

// ---------------------------------------------------------------------------------------------
// Helpers: the DOM, as a user finds it.
// ---------------------------------------------------------------------------------------------

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh element in the page to render into, with the core's lower case the browser's, as
/// `web::start` installs it on the page.
fn host() -> Element {
    article_annotator::web::case::install();
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    host
}

fn query(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().dyn_into().unwrap())
        .collect()
}

fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default()
}

/// The button whose text is exactly `name`.
fn button(root: &Element, name: &str) -> HtmlElement {
    find_button(root, name).unwrap_or_else(|| {
        let names: Vec<String> = all(root, "button").iter().map(text).collect();
        panic!("no button {name:?} among {names:?}")
    })
}

fn find_button(root: &Element, name: &str) -> Option<HtmlElement> {
    all(root, "button")
        .into_iter()
        .find(|b| text(b) == name)
        .map(|b| b.dyn_into().unwrap())
}

/// The form control that the `<label for=…>` reading exactly `name` points at.
fn labelled(root: &Element, name: &str) -> Element {
    let label = all(root, "label")
        .into_iter()
        .find(|l| text(l) == name)
        .unwrap_or_else(|| panic!("no label {name:?}"));
    let target = label
        .get_attribute("for")
        .unwrap_or_else(|| panic!("label {name:?} has no `for`"));
    query(root, &format!("#{target}"))
}

/// The control inside the `<label>` whose own text (before the control) is `name`.
fn wrapped(root: &Element, name: &str, control: &str) -> Element {
    all(root, "label")
        .into_iter()
        .find(|l| {
            l.first_child()
                .and_then(|n| n.text_content())
                .is_some_and(|t| t.trim() == name)
        })
        .and_then(|l| l.query_selector(control).unwrap())
        .unwrap_or_else(|| panic!("no {control} labelled {name:?}"))
}

fn value(el: &Element) -> String {
    if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
        i.value()
    } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
        t.value()
    } else if let Some(s) = el.dyn_ref::<HtmlSelectElement>() {
        s.value()
    } else {
        panic!("{} has no value", el.tag_name())
    }
}

fn set_value(el: &Element, v: &str) {
    if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
        i.set_value(v);
    } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
        t.set_value(v);
    } else if let Some(s) = el.dyn_ref::<HtmlSelectElement>() {
        s.set_value(v);
        assert_eq!(s.value(), v, "the select has no option {v:?}");
    } else {
        panic!("{} takes no value", el.tag_name());
    }
}

fn fire(el: &Element, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(kind, &init).unwrap();
    el.dispatch_event(&event).unwrap();
}

/// Sets a field and commits it as the browser does when the user leaves it (`change`).
async fn commit(el: &Element, v: &str) {
    set_value(el, v);
    fire(el, "change");
    yew::scheduler::flush().await;
}

/// Types into a field as the user does: sets it and fires `input`.
async fn type_into(el: &Element, v: &str) {
    set_value(el, v);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    el.dispatch_event(&event).unwrap();
    yew::scheduler::flush().await;
}

async fn click(el: &HtmlElement) {
    el.click();
    yew::scheduler::flush().await;
}

/// The options of a `<select>` as (value, label) pairs.
fn options(select: &Element) -> Vec<(String, String)> {
    all(select, "option")
        .iter()
        .map(|o| (o.get_attribute("value").unwrap_or_default(), text(o)))
        .collect()
}

/// What a callback received, in order.
struct Calls<T>(Rc<RefCell<Vec<T>>>);

impl<T: Clone + 'static> Calls<T> {
    fn new() -> Self {
        Calls(Rc::default())
    }
    fn callback(&self) -> Callback<T> {
        let calls = Rc::clone(&self.0);
        Callback::from(move |v| calls.borrow_mut().push(v))
    }
    fn take(&self) -> Vec<T> {
        std::mem::take(&mut *self.0.borrow_mut())
    }
    fn len(&self) -> usize {
        self.0.borrow().len()
    }
}

// ---------------------------------------------------------------------------------------------
// Realistic data: annotations on the sample article.
// ---------------------------------------------------------------------------------------------

const NOW: Timestamp = Timestamp(1_700_000_000_000);

/// The code point span of the first `needle` in `text`.
fn span(text: &str, needle: &str) -> (usize, usize) {
    let byte = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not in the text"));
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

fn annotate(article: &Article, n: u128, kind: Kind, needle: &str) -> Annotation {
    let (start, end) = span(&article.text, needle);
    Annotation::new(
        Uuid::from_u128(n),
        article.id,
        kind,
        &article.text,
        start,
        end,
        NOW,
    )
}

fn set_claim(a: &mut Annotation, claimant: &str, verdict: Verdict) {
    if let Body::Claim(c) = &mut a.body {
        c.claimant = claimant.to_owned();
        c.verdict = verdict;
    }
}

fn set_speaker(a: &mut Annotation, speaker: &str) {
    if let Body::Quote(q) = &mut a.body {
        q.speaker = speaker.to_owned();
    }
}

/// A note that would run script if it were ever parsed as HTML.
const XSS_NOTE: &str = "<img src=x onerror=window.__xss=1> & <b>bold</b>";

/// Four annotations on the sample article, made out of text order:
/// `claim` ("68 Coalition Members…", mostly false, by “Çavuşoğlu”, tag "numbers"),
/// `orphan` (a true claim no longer attached, tag "Numbers"),
/// `cavusoglu` (a quote of "Çavuşoğlu" whose note is HTML-like text, tag "ISIS"),
/// `together` (a quote of Tillerson's “Together, …”, which comes first in the text).
struct Sample {
    article: Article,
    claim: Annotation,
    orphan: Annotation,
    cavusoglu: Annotation,
    together: Annotation,
}

fn sample() -> Sample {
    let article = Article::sample();
    let mut claim = annotate(
        &article,
        1,
        Kind::Claim,
        "68 Coalition Members should defeatISIS",
    );
    set_claim(&mut claim, "Çavuşoğlu", Verdict::MostlyFalse);
    claim.tags = vec!["numbers".into()];
    let mut orphan = annotate(&article, 2, Kind::Claim, "Currently 65 member countries");
    set_claim(&mut orphan, "", Verdict::True);
    orphan.anchoring = Anchoring::Orphan;
    orphan.tags = vec!["Numbers".into()];
    let mut cavusoglu = annotate(&article, 3, Kind::Quote, "Çavuşoğlu");
    set_speaker(&mut cavusoglu, "“Çavuşoğlu”");
    cavusoglu.note = XSS_NOTE.into();
    cavusoglu.tags = vec!["ISIS".into()];
    let mut together = annotate(
        &article,
        4,
        Kind::Quote,
        "“Together, we share a resolve to deal ISIS or Daesh a lasting defeat.",
    );
    set_speaker(&mut together, "Rex W. Tillerson");
    Sample {
        article,
        claim,
        orphan,
        cavusoglu,
        together,
    }
}

impl Sample {
    fn all(&self) -> Vec<Annotation> {
        vec![
            self.claim.clone(),
            self.orphan.clone(),
            self.cavusoglu.clone(),
            self.together.clone(),
        ]
    }
}

/// The annotation set of `article` holding `list`, created one by one through the reducer.
fn set_of(article: &Article, list: Vec<Annotation>) -> Rc<Annotations> {
    let mut set = Annotations::new(article.id);
    for a in list {
        set.apply(Action::Create(a)).unwrap();
    }
    Rc::new(set)
}

// ---------------------------------------------------------------------------------------------
// The annotations panel.
// ---------------------------------------------------------------------------------------------

/// Everything the panel's callbacks received.
struct PanelCalls {
    filter: Calls<Filter>,
    select: Calls<Uuid>,
    edit: Calls<(Uuid, Edit)>,
    delete: Calls<Uuid>,
    error: Calls<String>,
}

impl PanelCalls {
    fn new() -> Self {
        PanelCalls {
            filter: Calls::new(),
            select: Calls::new(),
            edit: Calls::new(),
            delete: Calls::new(),
            error: Calls::new(),
        }
    }

    fn props(
        &self,
        annotations: Rc<Annotations>,
        filter: Filter,
        selected: Option<Uuid>,
    ) -> PanelProps {
        PanelProps {
            annotations,
            filter,
            selected,
            on_filter: self.filter.callback(),
            on_select: self.select.callback(),
            on_edit: self.edit.callback(),
            on_delete: self.delete.callback(),
            on_error: self.error.callback(),
            repeats: Rc::new(Vec::new()),
            on_copy_check: Callback::noop(),
            loading: false,
        }
    }
}

async fn render_panel(props: PanelProps) -> (Element, yew::AppHandle<AnnotationsPanel>) {
    let host = host();
    let handle =
        yew::Renderer::<AnnotationsPanel>::with_root_and_props(host.clone(), props).render();
    yew::scheduler::flush().await;
    drawn().await;
    (host, handle)
}

/// Waits until the panel has drawn its page: it adds `DRAW_STEP` items per task.
async fn drawn() {
    for _ in 0..=(PAGE / DRAW_STEP + 1) {
        yew::platform::time::sleep(std::time::Duration::from_millis(1)).await;
        yew::scheduler::flush().await;
    }
}

/// The ids of the items in the list `aria-label`led `list`, in order.
fn item_ids(host: &Element, list: &str) -> Vec<Uuid> {
    all(host, &format!("ul[aria-label='{list}'] button.item"))
        .iter()
        .map(|b| Uuid::parse_str(&b.get_attribute("data-id").unwrap()).unwrap())
        .collect()
}

fn listed(host: &Element) -> Vec<Uuid> {
    item_ids(host, "Annotation list")
}

fn orphans(host: &Element) -> Vec<Uuid> {
    item_ids(host, "Orphaned annotations")
}

fn counts(host: &Element) -> String {
    text(&query(host, ".counts[role=status]"))
}

/// The list item (`<li>`) showing annotation `id`.
fn item(host: &Element, id: Uuid) -> Element {
    query(host, &format!("button.item[data-id='{id}']"))
        .parent_element()
        .unwrap()
}

/// While the library is still being read (the article is shown first), the panel says so
/// instead of "Showing 0 of 0", which would read as "this article has no annotations".
#[wasm_bindgen_test]
async fn panel_says_the_annotations_are_loading_while_the_library_is_read() {
    let s = sample();
    let calls = PanelCalls::new();
    let mut props = calls.props(set_of(&s.article, Vec::new()), Filter::default(), None);
    props.loading = true;
    let (host, mut handle) = render_panel(props).await;
    assert_eq!(counts(&host), "Loading annotations…");
    assert!(listed(&host).is_empty());
    // Once read, the counts come back.
    let mut props = calls.props(set_of(&s.article, s.all()), Filter::default(), None);
    props.loading = false;
    handle.update(props);
    yew::scheduler::flush().await;
    drawn().await;
    assert_eq!(counts(&host), "Showing 4 of 4 (2 claims, 2 quotes)");
}

#[wasm_bindgen_test]
async fn panel_lists_annotations_in_text_order_with_counts() {
    let s = sample();
    let calls = PanelCalls::new();
    let props = calls.props(set_of(&s.article, s.all()), Filter::default(), None);
    let (host, _handle) = render_panel(props).await;

    assert_eq!(
        query(&host, "aside").get_attribute("aria-label").as_deref(),
        Some("Annotations")
    );
    // Attached annotations in text order, whatever order they were made in; orphans apart.
    assert_eq!(
        listed(&host),
        vec![s.together.id, s.cavusoglu.id, s.claim.id]
    );
    assert_eq!(orphans(&host), vec![s.orphan.id]);
    assert_eq!(counts(&host), "Showing 4 of 4 (2 claims, 2 quotes)");
    let kinds: Vec<(String, Option<String>)> = all(&host, ".kind-filter button")
        .iter()
        .map(|b| (text(b), b.get_attribute("aria-pressed")))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("All (4)".to_owned(), Some("true".to_owned())),
            ("Claims (2)".to_owned(), Some("false".to_owned())),
            ("Quotes (2)".to_owned(), Some("false".to_owned())),
        ]
    );
    // Each item shows its kind, its quote and who or what verdict.
    let claim = item(&host, s.claim.id);
    assert_eq!(text(&query(&claim, ".badge")), "Claim");
    assert_eq!(
        text(&query(&claim, ".item-quote")),
        "68 Coalition Members should defeatISIS"
    );
    assert_eq!(
        text(&query(&claim, ".item-detail")),
        Verdict::MostlyFalse.label()
    );
    let together = item(&host, s.together.id);
    assert_eq!(text(&query(&together, ".badge")), "Quote");
    assert_eq!(text(&query(&together, ".item-detail")), "Rex W. Tillerson");
    assert!(together.query_selector(".item-note").unwrap().is_none());
    let orphan = item(&host, s.orphan.id);
    assert_eq!(text(&query(&orphan, ".badge.orphan")), "Orphan");
    // Nothing is selected, so there is no editor.
    assert!(host.query_selector(".editor").unwrap().is_none());
    assert!(all(&host, "button.item")
        .iter()
        .all(|b| b.get_attribute("aria-pressed").as_deref() == Some("false")));
}

#[wasm_bindgen_test]
async fn panel_shows_what_the_filter_lets_through() {
    let s = sample();
    let calls = PanelCalls::new();
    let set = set_of(&s.article, s.all());
    let (host, mut handle) = render_panel(calls.props(set.clone(), Filter::default(), None)).await;

    let mut show = |filter: Filter| {
        handle.update(calls.props(set.clone(), filter, None));
    };
    show(Filter {
        kind: KindFilter::Claims,
        ..Filter::default()
    });
    yew::scheduler::flush().await;
    assert_eq!(listed(&host), vec![s.claim.id]);
    assert_eq!(orphans(&host), vec![s.orphan.id]);
    assert_eq!(counts(&host), "Showing 2 of 4 (2 claims, 0 quotes)");
    assert_eq!(
        find_button(&host, "Claims (2)")
            .unwrap()
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );

    // A verdict hides quotes and other verdicts; the select shows the verdict chosen.
    show(Filter {
        verdict: Some(Verdict::MostlyFalse),
        ..Filter::default()
    });
    yew::scheduler::flush().await;
    assert_eq!(listed(&host), vec![s.claim.id]);
    assert!(orphans(&host).is_empty());
    assert!(host.query_selector(".orphans").unwrap().is_none());
    assert_eq!(
        value(&wrapped(&host, "Verdict filter", "select")),
        Verdict::MostlyFalse.as_str()
    );

    // Tags match ignoring case.
    show(Filter {
        tag: Some("NUMBERS".into()),
        ..Filter::default()
    });
    yew::scheduler::flush().await;
    assert_eq!(listed(&host), vec![s.claim.id]);
    assert_eq!(orphans(&host), vec![s.orphan.id]);

    // Search looks at the quote and at who, ignoring case beyond ASCII.
    show(Filter {
        search: "çavuşoğlu".into(),
        ..Filter::default()
    });
    yew::scheduler::flush().await;
    assert_eq!(listed(&host), vec![s.cavusoglu.id, s.claim.id]);
    assert!(orphans(&host).is_empty());
    assert_eq!(counts(&host), "Showing 2 of 4 (1 claims, 1 quotes)");
    assert_eq!(
        value(&query(&host, "input[type=search]")),
        "çavuşoğlu",
        "the search field shows the filter's text"
    );

    // A filter nothing passes leaves an empty list and the totals.
    show(Filter {
        search: "no such text anywhere".into(),
        ..Filter::default()
    });
    yew::scheduler::flush().await;
    assert!(listed(&host).is_empty());
    assert_eq!(counts(&host), "Showing 0 of 4 (0 claims, 0 quotes)");
    assert!(find_button(&host, "All (4)").is_some());
}

#[wasm_bindgen_test]
async fn panel_filter_controls_emit_the_filter_with_one_part_changed() {
    let s = sample();
    let calls = PanelCalls::new();
    // The current filter has a search: every control keeps it and changes its own part.
    let current = Filter {
        search: "Tillerson".into(),
        ..Filter::default()
    };
    let props = calls.props(set_of(&s.article, s.all()), current.clone(), None);
    let (host, _handle) = render_panel(props).await;

    click(&button(&host, "Claims (2)")).await;
    click(&button(&host, "Quotes (2)")).await;
    click(&button(&host, "All (4)")).await;
    assert_eq!(
        calls.filter.take(),
        vec![
            Filter {
                kind: KindFilter::Claims,
                ..current.clone()
            },
            Filter {
                kind: KindFilter::Quotes,
                ..current.clone()
            },
            Filter {
                kind: KindFilter::All,
                ..current.clone()
            },
        ]
    );

    let verdict = wrapped(&host, "Verdict filter", "select");
    // "Any verdict" and then every verdict, by its label.
    let expected: Vec<(String, String)> = std::iter::once((String::new(), "Any verdict".into()))
        .chain(
            Verdict::ALL
                .iter()
                .map(|v| (v.as_str().to_owned(), v.label().to_owned())),
        )
        .collect();
    assert_eq!(options(&verdict), expected);
    commit(&verdict, Verdict::False.as_str()).await;
    commit(&verdict, "").await;
    assert_eq!(
        calls.filter.take(),
        vec![
            Filter {
                verdict: Some(Verdict::False),
                ..current.clone()
            },
            current.clone(),
        ]
    );

    // The tag filter offers every tag once (case folded, first spelling kept), sorted.
    let tag = wrapped(&host, "Tag filter", "select");
    assert_eq!(
        options(&tag),
        vec![
            (String::new(), "Any tag".to_owned()),
            ("ISIS".to_owned(), "ISIS".to_owned()),
            ("numbers".to_owned(), "numbers".to_owned()),
        ]
    );
    commit(&tag, "numbers").await;
    commit(&tag, "").await;
    assert_eq!(
        calls.filter.take(),
        vec![
            Filter {
                tag: Some("numbers".into()),
                ..current.clone()
            },
            current.clone(),
        ]
    );

    let search = query(&host, "input[type=search]");
    assert_eq!(
        search.get_attribute("aria-label").as_deref(),
        Some("Search annotations")
    );
    type_into(&search, "Çav").await;
    assert_eq!(
        calls.filter.take(),
        vec![Filter {
            search: "Çav".into(),
            ..Filter::default()
        }]
    );
    assert_eq!(calls.select.len() + calls.edit.len() + calls.error.len(), 0);
}

#[wasm_bindgen_test]
async fn panel_selecting_an_item_reports_its_id_and_opens_its_editor() {
    let s = sample();
    let calls = PanelCalls::new();
    let set = set_of(&s.article, s.all());
    let (host, mut handle) = render_panel(calls.props(set.clone(), Filter::default(), None)).await;

    click(
        &item(&host, s.claim.id)
            .first_element_child()
            .unwrap()
            .dyn_into()
            .unwrap(),
    )
    .await;
    click(
        &item(&host, s.orphan.id)
            .first_element_child()
            .unwrap()
            .dyn_into()
            .unwrap(),
    )
    .await;
    assert_eq!(calls.select.take(), vec![s.claim.id, s.orphan.id]);

    // The app answers by selecting it: that item is pressed and its editor opens.
    handle.update(calls.props(set.clone(), Filter::default(), Some(s.claim.id)));
    yew::scheduler::flush().await;
    let pressed: Vec<String> = all(&host, "button.item[aria-pressed=true]")
        .iter()
        .map(|b| b.get_attribute("data-id").unwrap())
        .collect();
    assert_eq!(pressed, vec![s.claim.id.to_string()]);
    assert!(query(&host, "button.item.selected")
        .get_attribute("data-id")
        .is_some_and(|id| id == s.claim.id.to_string()));
    let editor = query(&host, "section.editor[aria-label='Selected annotation']");
    assert_eq!(
        text(&query(&editor, "h3 q")),
        "68 Coalition Members should defeatISIS"
    );
    assert_eq!(value(&labelled(&editor, "Claimant")), "Çavuşoğlu");

    // An orphan's editor says how to attach it again.
    handle.update(calls.props(set, Filter::default(), Some(s.orphan.id)));
    yew::scheduler::flush().await;
    let editor = query(&host, "section.editor");
    assert!(text(&editor).contains("not attached to the text"));
    assert_eq!(
        item(&host, s.orphan.id)
            .first_element_child()
            .unwrap()
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        calls.edit.len() + calls.delete.len() + calls.filter.len(),
        0
    );
}

#[wasm_bindgen_test]
async fn panel_items_are_keyed_so_a_changed_list_keeps_each_items_element() {
    let s = sample();
    let calls = PanelCalls::new();
    let before = vec![s.together.clone(), s.cavusoglu.clone(), s.claim.clone()];
    let (host, mut handle) =
        render_panel(calls.props(set_of(&s.article, before), Filter::default(), None)).await;
    let together = item(&host, s.together.id);
    let claim = item(&host, s.claim.id);
    let cavusoglu = item(&host, s.cavusoglu.id);

    // A new annotation before all of them, one deleted, one edited.
    let mut first = annotate(&s.article, 5, Kind::Claim, "Image By Ali Cinar");
    first.note = "First in the text.".into();
    let mut claim_edited = s.claim.clone();
    claim_edited.note = "Edited note".into();
    let after = vec![first.clone(), s.together.clone(), claim_edited];
    handle.update(calls.props(set_of(&s.article, after), Filter::default(), None));
    yew::scheduler::flush().await;

    assert_eq!(listed(&host), vec![first.id, s.together.id, s.claim.id]);
    // The elements that showed an annotation before show the same annotation now: an
    // unkeyed list would have reused the first element for the new annotation.
    assert!(item(&host, s.together.id).is_same_node(Some(&together)));
    assert!(item(&host, s.claim.id).is_same_node(Some(&claim)));
    assert_eq!(text(&query(&claim, ".item-note")), "Edited note");
    assert!(!host.contains(Some(&cavusoglu)));
    assert_eq!(
        together
            .query_selector("button")
            .unwrap()
            .unwrap()
            .get_attribute("data-id"),
        Some(s.together.id.to_string())
    );
}

#[wasm_bindgen_test]
async fn panel_shows_a_page_of_items_and_the_selected_one_beyond_it() {
    let article = Article::sample();
    let n = PAGE + 1;
    let list: Vec<Annotation> = (0..n)
        .map(|i| {
            Annotation::new(
                Uuid::from_u128(1000 + i as u128),
                article.id,
                Kind::Quote,
                &article.text,
                i,
                i + 5,
                NOW,
            )
        })
        .collect();
    let last = list[n - 1].id;
    let calls = PanelCalls::new();
    let (host, _handle) =
        render_panel(calls.props(set_of(&article, list), Filter::default(), Some(last))).await;
    // The first page, then the selected item, which lies beyond it.
    let ids = listed(&host);
    assert_eq!(ids.len(), PAGE + 1);
    assert_eq!(ids[PAGE - 1], Uuid::from_u128(1000 + PAGE as u128 - 1));
    assert_eq!(ids[PAGE], last);

    click(&button(&host, "Show 1 more of 1")).await;
    drawn().await;
    // Now in the page, and listed once.
    let ids = listed(&host);
    assert_eq!(ids.len(), n);
    assert_eq!(ids.iter().filter(|id| **id == last).count(), 1);
    assert!(host.query_selector(".show-more").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn panel_shows_a_page_of_orphans_and_the_selected_one_beyond_it() {
    let article = Article::sample();
    let n = PAGE + 1;
    let list: Vec<Annotation> = (0..n)
        .map(|i| {
            let mut a = Annotation::new(
                Uuid::from_u128(5000 + i as u128),
                article.id,
                Kind::Claim,
                &article.text,
                i,
                i + 5,
                NOW,
            );
            a.anchoring = Anchoring::Orphan;
            a
        })
        .collect();
    let last = list[n - 1].id;
    let calls = PanelCalls::new();
    let (host, _handle) =
        render_panel(calls.props(set_of(&article, list), Filter::default(), Some(last))).await;
    // The first page, then the selected orphan, which lies beyond it.
    let ids = orphans(&host);
    assert_eq!(ids.len(), PAGE + 1);
    assert_eq!(ids[PAGE], last);
    click(&button(&host, "Show 1 more orphans of 1")).await;
    drawn().await;
    let ids = orphans(&host);
    assert_eq!(ids.len(), n);
    assert_eq!(ids.iter().filter(|id| **id == last).count(), 1);
    assert!(host.query_selector(".show-more").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn panel_renders_non_ascii_and_html_like_text_as_text() {
    let s = sample();
    let calls = PanelCalls::new();
    let props = calls.props(
        set_of(&s.article, s.all()),
        Filter::default(),
        Some(s.cavusoglu.id),
    );
    let (host, _handle) = render_panel(props).await;

    let cavusoglu = item(&host, s.cavusoglu.id);
    assert_eq!(text(&query(&cavusoglu, ".item-quote")), "Çavuşoğlu");
    assert_eq!(text(&query(&cavusoglu, ".item-detail")), "“Çavuşoğlu”");
    assert_eq!(text(&query(&cavusoglu, ".item-note")), XSS_NOTE);
    assert_eq!(
        text(&query(&item(&host, s.together.id), ".item-quote")),
        "“Together, we share a resolve to deal ISIS or Daesh a lasting defeat."
    );
    let editor = query(&host, "section.editor");
    assert_eq!(value(&labelled(&editor, "Note")), XSS_NOTE);
    assert_eq!(value(&labelled(&editor, "Speaker")), "“Çavuşoğlu”");
    assert_eq!(value(&labelled(&editor, "Tags")), "ISIS");
    // No element was made from the note's markup, and its handler never ran.
    assert!(host.query_selector("img, b").unwrap().is_none());
    yew::scheduler::flush().await;
    let ran = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__xss".into()).unwrap();
    assert!(ran.is_undefined());
}

// ---------------------------------------------------------------------------------------------
// The annotation editor.
// ---------------------------------------------------------------------------------------------

struct EditorCalls {
    edit: Calls<(Uuid, Edit)>,
    delete: Calls<Uuid>,
    error: Calls<String>,
}

async fn render_editor(annotation: Annotation) -> (Element, EditorCalls) {
    let host = host();
    let calls = EditorCalls {
        edit: Calls::new(),
        delete: Calls::new(),
        error: Calls::new(),
    };
    let props = EditorProps {
        annotation,
        on_edit: calls.edit.callback(),
        on_delete: calls.delete.callback(),
        on_error: calls.error.callback(),
        repeats: Rc::new(Vec::new()),
        on_copy_check: Callback::noop(),
    };
    yew::Renderer::<AnnotationEditor>::with_root_and_props(host.clone(), props).render();
    yew::scheduler::flush().await;
    (host, calls)
}

fn url(s: &str) -> HttpUrl {
    HttpUrl::parse(s).unwrap()
}

#[wasm_bindgen_test]
async fn editor_edits_a_claims_note_tags_claimant_and_verdict() {
    let mut claim = sample().claim;
    claim.note = "Said at the plenary.".into();
    let id = claim.id;
    let (host, calls) = render_editor(claim).await;

    // The fields show what is stored.
    assert_eq!(value(&labelled(&host, "Note")), "Said at the plenary.");
    assert_eq!(value(&labelled(&host, "Tags")), "numbers");
    assert_eq!(value(&labelled(&host, "Claimant")), "Çavuşoğlu");
    assert_eq!(
        value(&labelled(&host, "Verdict")),
        Verdict::MostlyFalse.as_str()
    );
    assert_eq!(
        options(&labelled(&host, "Verdict"))
            .into_iter()
            .map(|(v, _)| v)
            .collect::<Vec<_>>(),
        Verdict::ALL
            .iter()
            .map(|v| v.as_str().to_owned())
            .collect::<Vec<_>>()
    );
    // A claim has no quote fields.
    assert!(all(&host, "label").iter().all(|l| text(l) != "Speaker"));

    commit(
        &labelled(&host, "Note"),
        "Checked: “68” is wrong; it was 65.",
    )
    .await;
    commit(
        &labelled(&host, "Tags"),
        " numbers, Turkey ,, NUMBERS, isis",
    )
    .await;
    commit(&labelled(&host, "Claimant"), "Mevlüt Çavuşoğlu").await;
    commit(&labelled(&host, "Verdict"), Verdict::False.as_str()).await;
    assert_eq!(
        calls.edit.take(),
        vec![
            (
                id,
                Edit::SetNote("Checked: “68” is wrong; it was 65.".into())
            ),
            (
                id,
                Edit::SetTags(vec!["numbers".into(), "Turkey".into(), "isis".into()])
            ),
            (id, Edit::SetClaimant("Mevlüt Çavuşoğlu".into())),
            (id, Edit::SetVerdict(Verdict::False)),
        ]
    );
    assert_eq!(calls.error.len() + calls.delete.len(), 0);
}

#[wasm_bindgen_test]
async fn editor_refuses_a_javascript_evidence_link_and_emits_valid_ones() {
    let mut claim = sample().claim;
    if let Body::Claim(c) = &mut claim.body {
        c.evidence = vec![url("https://example.org/transcript")];
    }
    let id = claim.id;
    let (host, calls) = render_editor(claim).await;

    let evidence = labelled(&host, "Evidence links");
    assert_eq!(value(&evidence), "https://example.org/transcript");
    let links = all(&host, "ul.links a");
    assert_eq!(links.len(), 1);
    assert_eq!(
        links[0].get_attribute("href").as_deref(),
        Some("https://example.org/transcript")
    );
    assert_eq!(
        links[0].get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );

    commit(
        &evidence,
        "https://example.org/ok\njavascript:alert(document.cookie)",
    )
    .await;
    assert!(calls.edit.take().is_empty(), "nothing changes");
    let errors = calls.error.take();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].starts_with("Link refused"), "{errors:?}");

    commit(
        &evidence,
        "  https://example.org/a \n\nhttp://example.org/b?q=“x”\n",
    )
    .await;
    let edits = calls.edit.take();
    assert_eq!(edits.len(), 1);
    let (edited, Edit::SetEvidence(urls)) = &edits[0] else {
        panic!("not an evidence edit: {edits:?}")
    };
    assert_eq!(*edited, id);
    assert_eq!(urls.len(), 2);
    assert_eq!(urls[0], url("https://example.org/a"));
    assert_eq!(urls[1], url("http://example.org/b?q=“x”"));
    assert!(calls.error.take().is_empty());
}

#[wasm_bindgen_test]
async fn editor_edits_a_quotes_speaker_check_and_source() {
    let quote = sample().together;
    let id = quote.id;
    let (host, calls) = render_editor(quote).await;

    assert_eq!(value(&labelled(&host, "Speaker")), "Rex W. Tillerson");
    assert_eq!(value(&labelled(&host, "Source link")), "");
    // A quote has no claim fields.
    assert!(all(&host, "label")
        .iter()
        .all(|l| text(l) != "Claimant" && text(l) != "Verdict"));

    commit(&labelled(&host, "Speaker"), "Secretary Tillerson").await;
    let check: HtmlElement = query(&host, "input[type=checkbox]").dyn_into().unwrap();
    click(&check).await;
    commit(&labelled(&host, "Source link"), "javascript:alert(1)").await;
    commit(&labelled(&host, "Source link"), "https://www.state.gov/").await;
    commit(&labelled(&host, "Source link"), "  ").await;
    assert_eq!(
        calls.edit.take(),
        vec![
            (id, Edit::SetSpeaker("Secretary Tillerson".into())),
            (id, Edit::SetChecked(true)),
            (id, Edit::SetSource(Some(url("https://www.state.gov/")))),
            (id, Edit::SetSource(None)),
        ]
    );
    let errors = calls.error.take();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("Link refused"));
}

#[wasm_bindgen_test]
async fn editor_delete_reports_the_annotations_id() {
    let quote = sample().cavusoglu;
    let id = quote.id;
    let (host, calls) = render_editor(quote).await;
    let delete = button(&host, "Delete");
    click(&delete).await;
    assert_eq!(calls.delete.take(), vec![id]);
    assert!(calls.edit.take().is_empty());
}

#[wasm_bindgen_test]
async fn editor_shows_a_link_entered_twice_once() {
    // Issue 10, defect 7: duplicate evidence links become duplicate keys of the link list.
    // The whole path: the editor emits the edit, the reducer applies it, and the editor shows
    // the result, whichever of them merges the duplicates.
    let s = sample();
    let claim = s.claim.clone();
    let id = claim.id;
    let host = host();
    let calls = EditorCalls {
        edit: Calls::new(),
        delete: Calls::new(),
        error: Calls::new(),
    };
    let props = |annotation: Annotation| EditorProps {
        annotation,
        on_edit: calls.edit.callback(),
        on_delete: calls.delete.callback(),
        on_error: calls.error.callback(),
        repeats: Rc::new(Vec::new()),
        on_copy_check: Callback::noop(),
    };
    let mut handle =
        yew::Renderer::<AnnotationEditor>::with_root_and_props(host.clone(), props(claim.clone()))
            .render();
    yew::scheduler::flush().await;

    commit(
        &labelled(&host, "Evidence links"),
        "https://example.org/a\nhttps://example.org/b\nhttps://example.org/a",
    )
    .await;
    let edits = calls.edit.take();
    assert_eq!(edits.len(), 1, "{:?}", calls.error.take());
    let mut set = (*set_of(&s.article, vec![claim])).clone();
    for (id, edit) in edits {
        set.apply(Action::Edit {
            id,
            edit,
            now: Timestamp(NOW.0 + 1),
        })
        .unwrap();
    }
    handle.update(props(set.get(id).unwrap().clone()));
    yew::scheduler::flush().await;
    let hrefs: Vec<String> = all(&host, "ul.links a")
        .iter()
        .map(|a| a.get_attribute("href").unwrap())
        .collect();
    assert_eq!(
        hrefs,
        vec!["https://example.org/a", "https://example.org/b"]
    );
}

// ---------------------------------------------------------------------------------------------
// The selection toolbar.
// ---------------------------------------------------------------------------------------------

async fn render_toolbar(at: (f64, f64), attach: Option<&Calls<()>>) -> (Element, Calls<Kind>) {
    let host = host();
    let tags = Calls::new();
    let props = SelectionToolbarProps {
        at,
        on_tag: tags.callback(),
        on_attach: attach.map(Calls::callback),
    };
    yew::Renderer::<SelectionToolbar>::with_root_and_props(host.clone(), props).render();
    yew::scheduler::flush().await;
    (host, tags)
}

#[wasm_bindgen_test]
async fn toolbar_claim_and_quote_buttons_tag_the_selection() {
    let (host, tags) = render_toolbar((-20.0, 120.6), None).await;
    let toolbar = query(&host, "[role=toolbar]");
    assert_eq!(
        toolbar.get_attribute("aria-label").as_deref(),
        Some("Tag selection")
    );
    // Kept on screen, in whole pixels, placed through the CSSOM (the page's policy refuses
    // inline style attributes).
    let style = toolbar.dyn_ref::<web_sys::HtmlElement>().unwrap().style();
    assert_eq!(style.get_property_value("left").unwrap(), "4px");
    assert_eq!(style.get_property_value("top").unwrap(), "121px");
    // Exactly two buttons, named by their text alone.
    let names: Vec<String> = all(&toolbar, "button").iter().map(text).collect();
    assert_eq!(names, vec!["Claim", "Quote"]);
    let keys: Vec<Option<String>> = all(&toolbar, "button")
        .iter()
        .map(|b| b.get_attribute("aria-keyshortcuts"))
        .collect();
    assert_eq!(keys, vec![Some("C".to_owned()), Some("Q".to_owned())]);

    click(&button(&host, "Claim")).await;
    click(&button(&host, "Quote")).await;
    assert_eq!(tags.take(), vec![Kind::Claim, Kind::Quote]);
}

#[wasm_bindgen_test]
async fn toolbar_buttons_keep_the_selection_on_mousedown() {
    let (host, _tags) = render_toolbar((10.0, 10.0), None).await;
    for name in ["Claim", "Quote"] {
        // A cancelable, bubbling `MouseEvent`, as a press of the button makes.
        let down = document().create_event("MouseEvents").unwrap();
        down.init_event_with_bubbles_and_cancelable("mousedown", true, true);
        // `dispatch_event` answers false when a listener cancelled the default action.
        let kept = !button(&host, name).dispatch_event(&down).unwrap();
        assert!(kept, "mousedown on {name} would clear the selection");
    }
}

#[wasm_bindgen_test]
async fn toolbar_offers_attach_only_when_it_can_attach() {
    let (host, _tags) = render_toolbar((10.0, 10.0), None).await;
    assert!(find_button(&host, "Attach here").is_none());

    let attach = Calls::new();
    let (host, tags) = render_toolbar((10.0, 10.0), Some(&attach)).await;
    let names: Vec<String> = all(&host, "button").iter().map(text).collect();
    assert_eq!(names, vec!["Claim", "Quote", "Attach here"]);
    click(&button(&host, "Attach here")).await;
    assert_eq!(attach.len(), 1);
    assert!(tags.take().is_empty(), "attaching tags nothing");
}

/// The computed `property` of `element`, or of its `pseudo` element (`"::before"`), as
/// Chromium serialises it (for example `"■ " / ""` for generated text whose alternative text
/// is empty).
fn computed(element: &Element, pseudo: &str, property: &str) -> String {
    let window = web_sys::window().unwrap();
    let call = |target: &JsValue, name: &str, args: &[JsValue]| -> JsValue {
        let f: js_sys::Function = js_sys::Reflect::get(target, &name.into())
            .unwrap()
            .dyn_into()
            .unwrap();
        f.apply(target, &args.iter().collect::<js_sys::Array>())
            .unwrap()
    };
    let style = call(
        &window,
        "getComputedStyle",
        &[element.clone().into(), pseudo.into()],
    );
    call(&style, "getPropertyValue", &[property.into()])
        .as_string()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn toolbar_buttons_are_named_by_their_text_alone_with_the_apps_stylesheet() {
    // Issue 10, defect 2: generated content (the decorative "■") takes part in a button's
    // accessible name unless its alternative text is empty (`content: "■" / ""`).
    let style = document().create_element("style").unwrap();
    style.set_text_content(Some(include_str!("../styles/main.css")));
    document().head().unwrap().append_child(&style).unwrap();
    let (host, _tags) = render_toolbar((10.0, 10.0), None).await;
    let mut named = Vec::new();
    for b in all(&host, "button") {
        for pseudo in ["::before", "::after"] {
            let content = computed(&b, pseudo, "content");
            let silent =
                content == "none" || content == "normal" || content.trim_end().ends_with("/ \"\"");
            if !silent {
                named.push(format!("{} {pseudo}: {content}", text(&b)));
            }
        }
    }
    // The stylesheet did apply: it positions the toolbar.
    let position = computed(&query(&host, "[role=toolbar]"), "", "position");
    style.remove();
    assert_eq!(position, "fixed");
    assert!(named.is_empty(), "generated content in the name: {named:?}");
}

// ---------------------------------------------------------------------------------------------
// The export dialog.
// ---------------------------------------------------------------------------------------------

/// A library of the sample article (with the sample's annotations) and a second article with
/// one claim.
fn library() -> (StoredLibrary, Uuid) {
    let s = sample();
    let other = Article::new(
        Uuid::from_u128(77),
        "Çavuşoğlu’s “other” article",
        None,
        "One short paragraph.",
    );
    let other_claim = Annotation::new(
        Uuid::from_u128(78),
        other.id,
        Kind::Claim,
        &other.text,
        0,
        3,
        NOW,
    );
    let stored = |article: Article| StoredArticle {
        article,
        added: NOW,
        changed: NOW,
    };
    let sample_id = s.article.id;
    let mut annotations = s.all();
    annotations.push(other_claim);
    let library = StoredLibrary {
        articles: [stored(s.article), stored(other)]
            .into_iter()
            .map(|a| (a.article.id, a))
            .collect(),
        annotations: annotations
            .into_iter()
            .map(|a| (a.id, Rc::new(a)))
            .collect(),
    };
    (library, sample_id)
}

struct ExportCalls {
    settings: Calls<()>,
    fix: Calls<(Uuid, Uuid)>,
    close: Calls<()>,
    export: Calls<ExportRequest>,
}

async fn render_export(article: Option<Uuid>, settings: ExportSettings) -> (Element, ExportCalls) {
    let host = host();
    let calls = ExportCalls {
        settings: Calls::new(),
        fix: Calls::new(),
        close: Calls::new(),
        export: Calls::new(),
    };
    let props = ExportChooserProps {
        library: Rc::new(library().0),
        article,
        settings,
        on_settings: calls.settings.callback(),
        on_fix: calls.fix.callback(),
        on_close: calls.close.callback(),
        on_export: calls.export.callback(),
    };
    yew::Renderer::<ExportChooser>::with_root_and_props(host.clone(), props).render();
    yew::scheduler::flush().await;
    (host, calls)
}

/// The dialog's accessible name: the text of the element its `aria-labelledby` points at.
fn dialog_name(host: &Element) -> String {
    let dialog = query(host, "[role=dialog]");
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    let heading = dialog.get_attribute("aria-labelledby").unwrap();
    text(&query(host, &format!("#{heading}")))
}

/// The scope radios as (label, checked, disabled).
fn scopes(host: &Element) -> Vec<(String, bool, bool)> {
    all(host, "input[type=radio]")
        .into_iter()
        .map(|r| {
            let label = text(&r.parent_element().unwrap());
            let r: HtmlInputElement = r.dyn_into().unwrap();
            (label, r.checked(), r.disabled())
        })
        .collect()
}

#[wasm_bindgen_test]
async fn export_offers_five_formats_and_the_scope() {
    let (host, calls) = render_export(Some(library().1), ExportSettings::default()).await;
    assert_eq!(dialog_name(&host), "Export");
    let format = labelled(&host, "Format");
    assert_eq!(
        options(&format),
        vec![
            ("annotator".to_owned(), "Annotator JSON".to_owned()),
            ("w3c".to_owned(), "W3C Web Annotation".to_owned()),
            ("claimreview".to_owned(), "ClaimReview".to_owned()),
            ("csv".to_owned(), "CSV".to_owned()),
            ("report".to_owned(), "Report (HTML)".to_owned()),
        ]
    );
    assert_eq!(value(&format), "annotator");
    assert_eq!(
        scopes(&host),
        vec![
            (
                "This article: The Global Coalition Working to Defeat ISIS".to_owned(),
                true,
                false
            ),
            ("The whole library".to_owned(), false, false),
        ]
    );
    // The ClaimReview checks appear only for ClaimReview.
    assert!(find_button(&host, "Settings").is_none());
    commit(&format, "claimreview").await;
    assert!(find_button(&host, "Settings").is_some());
    commit(&format, "csv").await;
    assert!(find_button(&host, "Settings").is_none());
    assert_eq!(
        calls.fix.len() + calls.close.len() + calls.settings.len(),
        0
    );

    // Without an open article only the whole library can be exported.
    let (host, _calls) = render_export(None, ExportSettings::default()).await;
    assert_eq!(
        scopes(&host),
        vec![
            ("This article".to_owned(), false, true),
            ("The whole library".to_owned(), true, false),
        ]
    );
}

/// Before a ClaimReview export the dialog lists, per claim, what the markup lacks; Fix hands
/// the claim to the app, Settings opens the settings, and Download still exports.
#[wasm_bindgen_test]
async fn claimreview_export_lists_what_each_claim_lacks_and_fix_selects_it() {
    let (host, calls) = render_export(Some(library().1), ExportSettings::default()).await;
    commit(&labelled(&host, "Format"), "claimreview").await;
    let list = query(&host, "[aria-label='What the ClaimReview markup lacks']");
    let items = all(&list, ":scope > li");
    assert!(!items.is_empty());
    let first = text(&items[0]);
    assert!(
        first.contains("Required url: set the review URL in Settings."),
        "{first}"
    );
    assert!(
        first.contains("Recommended author: set the organisation in Settings."),
        "{first}"
    );
    // Each finding carries its severity as a class (styles/main.css colours `.finding.required`).
    for (class, opening) in [("required", "Required"), ("recommended", "Recommended")] {
        let found = all(&items[0], &format!("li.finding.{class}"));
        assert!(!found.is_empty(), "no finding of class {class}");
        assert!(
            found.iter().all(|f| text(f).starts_with(opening)),
            "{class}"
        );
    }
    // Only the open article's claims, unless the whole library is chosen.
    let before = items.len();
    let whole: HtmlElement = all(&host, "input[type=radio]")[1]
        .clone()
        .dyn_into()
        .unwrap();
    click(&whole).await;
    let list = query(&host, "[aria-label='What the ClaimReview markup lacks']");
    assert_eq!(
        all(&list, ":scope > li").len(),
        before + 1,
        "the other article's claim too"
    );
    let fix = all(&list, ":scope > li > button");
    let last: HtmlElement = fix.last().unwrap().clone().dyn_into().unwrap();
    click(&last).await;
    assert_eq!(
        calls.fix.take(),
        vec![(Uuid::from_u128(77), Uuid::from_u128(78))]
    );
    click(&button(&host, "Settings")).await;
    assert_eq!(calls.settings.len(), 1);
    click(&button(&host, "Download")).await;
    assert_eq!(calls.export.take().len(), 1, "exported anyway");
}

#[wasm_bindgen_test]
async fn settings_are_saved_only_when_valid() {
    use article_annotator::web::components::report::{SettingsDialog, SettingsDialogProps};
    let host = host();
    let (save, close) = (Calls::<ExportSettings>::new(), Calls::<()>::new());
    let settings = ExportSettings {
        organisation: "Fact Desk".into(),
        review_url_base: Some(url("https://factdesk.example/reviews")),
    };
    let props = SettingsDialogProps {
        settings: settings.clone(),
        on_save: save.callback(),
        on_close: close.callback(),
    };
    yew::Renderer::<SettingsDialog>::with_root_and_props(host.clone(), props).render();
    yew::scheduler::flush().await;
    assert_eq!(dialog_name(&host), "Settings");
    let org = labelled(&host, "Organisation");
    let review = labelled(&host, "Review URL");
    assert_eq!(value(&org), "Fact Desk");
    assert_eq!(review.get_attribute("type").as_deref(), Some("url"));
    type_into(&org, "  Doğruluk Payı  ").await;
    type_into(&review, "javascript:alert(1)").await;
    click(&button(&host, "Save")).await;
    assert!(save.take().is_empty(), "a refused link saves nothing");
    let alert = text(&query(&host, "[role=alert]"));
    assert!(alert.starts_with("Review URL refused"), "{alert}");
    type_into(&review, "https://dogrulukpayi.example/").await;
    click(&button(&host, "Save")).await;
    assert_eq!(
        save.take(),
        vec![ExportSettings {
            organisation: "Doğruluk Payı".into(),
            review_url_base: Some(url("https://dogrulukpayi.example/")),
        }]
    );
    click(&button(&host, "Cancel")).await;
    assert_eq!(close.len(), 1);
}

/// Download and Copy to clipboard hand the chosen format and scope to the app (which builds
/// the file in the worker, then downloads or copies it: tests/e2e/transfer.test.mjs and
/// worker.test.mjs) and close the dialog.
#[wasm_bindgen_test]
async fn export_download_and_copy_ask_for_the_chosen_format_and_scope_and_close() {
    let (host, calls) = render_export(Some(library().1), ExportSettings::default()).await;
    commit(&labelled(&host, "Format"), "csv").await;
    click(&button(&host, "Download")).await;
    assert_eq!(
        calls.export.take(),
        vec![ExportRequest {
            format: ExportFormat::Csv,
            article: Some(library().1),
            copy: false,
        }]
    );
    assert_eq!(calls.close.len(), 1);

    // The whole library, copied.
    let (host, calls) = render_export(Some(library().1), ExportSettings::default()).await;
    let whole: HtmlElement = all(&host, "input[type=radio]")[1]
        .clone()
        .dyn_into()
        .unwrap();
    click(&whole).await;
    assert!(scopes(&host)[1].1, "the whole library is chosen");
    click(&button(&host, "Copy to clipboard")).await;
    assert_eq!(
        calls.export.take(),
        vec![ExportRequest {
            format: ExportFormat::Native,
            article: None,
            copy: true,
        }]
    );
    assert_eq!(calls.close.len(), 1);
}

#[wasm_bindgen_test]
async fn export_cancel_closes_without_a_notice() {
    let (host, calls) = render_export(None, ExportSettings::default()).await;
    click(&button(&host, "Cancel")).await;
    assert_eq!(calls.close.len(), 1);
    assert_eq!(calls.fix.len() + calls.settings.len(), 0);
}

// ---------------------------------------------------------------------------------------------
// The import preview and replacing the text.
// ---------------------------------------------------------------------------------------------

struct ImportCalls {
    choose: Calls<Uuid>,
    apply: Calls<()>,
    cancel: Calls<()>,
}

async fn render_import(
    lines: Vec<String>,
    articles: Vec<(Uuid, String)>,
    chosen: Option<Uuid>,
) -> (Element, ImportCalls) {
    let host = host();
    let calls = ImportCalls {
        choose: Calls::new(),
        apply: Calls::new(),
        cancel: Calls::new(),
    };
    let props = ImportDialogProps {
        file_name: "çavuşoğlu <notes>.jsonld".into(),
        format: "W3C Web Annotation".into(),
        lines,
        articles,
        chosen,
        on_choose: calls.choose.callback(),
        on_apply: calls.apply.callback(),
        on_cancel: calls.cancel.callback(),
    };
    yew::Renderer::<ImportDialog>::with_root_and_props(host.clone(), props).render();
    yew::scheduler::flush().await;
    (host, calls)
}

#[wasm_bindgen_test]
async fn import_shows_the_preview_lines_as_text() {
    let lines = vec![
        "2 annotation(s) will be added to “Çavuşoğlu’s visit”.".to_owned(),
        "1 annotation(s) need review: <img src=x onerror=window.__xss=1>".to_owned(),
    ];
    let (host, calls) = render_import(lines.clone(), vec![], None).await;
    assert_eq!(dialog_name(&host), "Import preview");
    assert!(text(&query(&host, "[role=dialog]"))
        .contains("“çavuşoğlu <notes>.jsonld” (W3C Web Annotation)"));
    let shown: Vec<String> = all(&host, "ul[aria-label='What will change'] li")
        .iter()
        .map(text)
        .collect();
    assert_eq!(shown, lines);
    assert!(host.query_selector("img").unwrap().is_none());
    // Without articles to choose from there is no chooser.
    assert!(host.query_selector("select").unwrap().is_none());

    click(&button(&host, "Import")).await;
    assert_eq!((calls.apply.len(), calls.cancel.len()), (1, 0));
    click(&button(&host, "Cancel")).await;
    assert_eq!((calls.apply.len(), calls.cancel.len()), (1, 1));
}

#[wasm_bindgen_test]
async fn import_article_chooser_reports_the_chosen_id() {
    let a = Uuid::from_u128(0xa);
    let b = Uuid::from_u128(0xb);
    let articles = vec![
        (a, "The Global Coalition Working to Defeat ISIS".to_owned()),
        (b, "Çavuşoğlu’s “other” article".to_owned()),
    ];
    let (host, calls) = render_import(vec!["One line.".into()], articles, Some(b)).await;
    let chooser = labelled(&host, "Attach to article");
    assert_eq!(
        options(&chooser),
        vec![
            (
                a.to_string(),
                "The Global Coalition Working to Defeat ISIS".to_owned()
            ),
            (b.to_string(), "Çavuşoğlu’s “other” article".to_owned()),
        ]
    );
    assert_eq!(
        value(&chooser),
        b.to_string(),
        "the chosen article is selected"
    );
    commit(&chooser, &a.to_string()).await;
    commit(&chooser, &b.to_string()).await;
    assert_eq!(calls.choose.take(), vec![a, b]);
    assert_eq!(calls.apply.len() + calls.cancel.len(), 0);
}

struct ReplaceCalls {
    replace: Calls<String>,
    cancel: Calls<()>,
}

async fn render_replace(current: &str) -> (Element, ReplaceCalls) {
    let host = host();
    let calls = ReplaceCalls {
        replace: Calls::new(),
        cancel: Calls::new(),
    };
    let props = ReplaceTextDialogProps {
        current: AttrValue::from(current.to_owned()),
        on_replace: calls.replace.callback(),
        on_cancel: calls.cancel.callback(),
    };
    yew::Renderer::<ReplaceTextDialog>::with_root_and_props(host.clone(), props).render();
    yew::scheduler::flush().await;
    (host, calls)
}

#[wasm_bindgen_test]
async fn replace_text_keeps_what_was_typed_when_the_page_renders_again() {
    // The page renders the dialog again whenever it renders (suggestions arriving, a sync):
    // each time with new callbacks and the same current text. What the user pasted stays.
    let article = Article::sample();
    let host = host();
    let calls = ReplaceCalls {
        replace: Calls::new(),
        cancel: Calls::new(),
    };
    let props = |calls: &ReplaceCalls| ReplaceTextDialogProps {
        current: AttrValue::from(article.text.clone()),
        on_replace: calls.replace.callback(),
        on_cancel: calls.cancel.callback(),
    };
    let mut handle =
        yew::Renderer::<ReplaceTextDialog>::with_root_and_props(host.clone(), props(&calls))
            .render();
    yew::scheduler::flush().await;
    let field = labelled(&host, "New text");
    assert_eq!(
        value(&field),
        article.text,
        "it starts from the current text"
    );
    let pasted = format!("Added first.\n\n{}", article.text);
    type_into(&field, &pasted).await;
    for _ in 0..2 {
        handle.update(props(&calls));
        yew::scheduler::flush().await;
        assert_eq!(
            value(&field),
            pasted,
            "a render of the page put the old text back"
        );
    }
    click(&button(&host, "Replace")).await;
    assert_eq!(calls.replace.take(), vec![pasted]);
}

#[wasm_bindgen_test]
async fn the_rename_field_keeps_what_was_typed_when_the_library_renders_again() {
    use article_annotator::core::storage::library_entries;
    use article_annotator::web::components::library::{LibraryView, LibraryViewProps};
    let article = Article::sample();
    let id = article.id;
    let library = StoredLibrary {
        articles: [(
            id,
            StoredArticle {
                article: article.clone(),
                added: NOW,
                changed: NOW,
            },
        )]
        .into_iter()
        .collect(),
        annotations: Default::default(),
    };
    let entries = Rc::new(library_entries(&library));
    let renamed: Calls<(Uuid, String)> = Calls::new();
    let props = || LibraryViewProps {
        entries: entries.clone(),
        usage: None,
        on_open: Callback::noop(),
        on_rename: renamed.callback(),
        on_delete: Callback::noop(),
        on_new: Callback::noop(),
    };
    let host = host();
    let mut handle =
        yew::Renderer::<LibraryView>::with_root_and_props(host.clone(), props()).render();
    yew::scheduler::flush().await;
    click(&button(&host, "Rename")).await;
    let field = query(&host, "input[aria-label='Title']");
    assert_eq!(value(&field), article.title, "it starts from the old title");
    type_into(&field, "Coalition meeting, checked").await;
    // The library renders again while the user types (a sync, another tab's change): each
    // time with new callbacks.
    handle.update(props());
    yew::scheduler::flush().await;
    assert_eq!(
        value(&field),
        "Coalition meeting, checked",
        "a render put the old title back"
    );
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Enter");
    init.set_bubbles(true);
    let enter =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    field.dispatch_event(&enter).unwrap();
    yew::scheduler::flush().await;
    assert_eq!(
        renamed.take(),
        vec![(id, "Coalition meeting, checked".to_owned())]
    );
}

#[wasm_bindgen_test]
async fn replace_text_emits_the_text_in_the_field() {
    let article = Article::sample();
    let (host, calls) = render_replace(&article.text).await;
    assert_eq!(dialog_name(&host), "Replace the article's text");
    let field = labelled(&host, "New text");
    assert_eq!(
        value(&field),
        article.text,
        "it starts from the current text"
    );

    // Unchanged, then corrected: each Replace sends what the field holds.
    click(&button(&host, "Replace")).await;
    let corrected = article.text.replace("Çavuşoğlu", "Mevlüt Çavuşoğlu");
    type_into(&field, &corrected).await;
    click(&button(&host, "Replace")).await;
    assert_eq!(calls.replace.take(), vec![article.text.clone(), corrected]);
    assert_eq!(calls.cancel.len(), 0);
}

#[wasm_bindgen_test]
async fn replace_text_cancel_replaces_nothing() {
    let (host, calls) = render_replace("Old text.").await;
    type_into(&labelled(&host, "New text"), "New text, never sent.").await;
    click(&button(&host, "Cancel")).await;
    assert_eq!(calls.cancel.len(), 1);
    assert!(calls.replace.take().is_empty());
}

/// Issue 11: a running job shows its progress and a Cancel button, until its result is
/// being written to the database: then it says so and offers no Cancel (the write commits or
/// aborts as a whole, so cancelling could no longer leave the library as it was).
#[wasm_bindgen_test]
async fn job_progress_offers_cancel_until_the_job_is_saving() {
    for saving in [false, true] {
        let host = host();
        let (cancelled, on_cancel) = counter();
        let props = JobProgressProps {
            label: AttrValue::from("Import progress"),
            doing: AttrValue::from("Importing “many.json”"),
            progress: Some((1_500, 1_500)),
            saving,
            on_cancel,
        };
        yew::Renderer::<JobProgress>::with_root_and_props(host.clone(), props).render();
        yew::scheduler::flush().await;
        let bar = query(&host, "progress");
        assert_eq!(
            bar.get_attribute("aria-label").as_deref(),
            Some("Import progress")
        );
        assert_eq!(bar.get_attribute("value").as_deref(), Some("1500"));
        let text = host.text_content().unwrap_or_default();
        let buttons = all(&host, "button");
        if saving {
            assert!(text.contains("Importing “many.json”: saving…"), "{text}");
            assert!(buttons.is_empty(), "no Cancel while saving");
        } else {
            assert!(text.contains("1500 of 1500 annotations"), "{text}");
            click(&button(&host, "Cancel")).await;
            assert_eq!(*cancelled.borrow(), 1);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The header and the notices.
// ---------------------------------------------------------------------------------------------

/// Counts how often a callback of `()` was called.
fn counter() -> (Rc<RefCell<usize>>, Callback<()>) {
    let n = Rc::new(RefCell::new(0));
    let m = n.clone();
    (n, Callback::from(move |_| *m.borrow_mut() += 1))
}

#[wasm_bindgen_test]
async fn app_bar_buttons_call_their_callbacks_and_undo_follows_the_view() {
    use article_annotator::web::components::app_bar::{AppBar, AppBarProps};
    let (undo, on_undo) = counter();
    let (library, on_library) = counter();
    let (export, on_export) = counter();
    let (shortcuts, on_shortcuts) = counter();
    let (report, on_report) = counter();
    let (claims, on_claims) = counter();
    let (settings, on_settings) = counter();
    let (sync, on_sync) = counter();
    let root = host();
    let props = yew::props!(AppBarProps {
        library_count: 3usize,
        in_article: true,
        can_undo: true,
        can_redo: false,
        on_library,
        on_undo,
        on_redo: Callback::noop(),
        on_export,
        on_import_file: Callback::noop(),
        on_shortcuts,
        on_report,
        on_claims,
        on_settings,
        on_sync,
    });
    yew::Renderer::<AppBar>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    // No sync connection: no sync status.
    assert!(root.query_selector("[role=status]").unwrap().is_none());
    button(&root, "Sync").click();
    assert_eq!(*sync.borrow(), 1);
    button(&root, "Library (3)").click();
    button(&root, "Undo").click();
    button(&root, "Export").click();
    button(&root, "Shortcuts").click();
    button(&root, "Report").click();
    button(&root, "Claims").click();
    button(&root, "Settings").click();
    assert_eq!(
        (*report.borrow(), *claims.borrow(), *settings.borrow()),
        (1, 1, 1)
    );
    assert!(button(&root, "Redo").has_attribute("disabled"));
    assert!(!button(&root, "Undo").has_attribute("disabled"));
    assert_eq!(
        (
            *library.borrow(),
            *undo.borrow(),
            *export.borrow(),
            *shortcuts.borrow()
        ),
        (1, 1, 1, 1)
    );
    let import = query(&root, "input[type=file]");
    assert_eq!(
        import.get_attribute("aria-label").as_deref(),
        Some("Import annotations")
    );
}

/// Presses `key` on `el` (a bubbling, cancelable `keydown`).
async fn press(el: &Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    el.dispatch_event(&event).unwrap();
    yew::scheduler::flush().await;
}

/// While the library is still being read (the article to open is shown first), what works
/// on the library waits: those buttons and the Import control are disabled; Menu and
/// Shortcuts are not.
#[wasm_bindgen_test]
async fn app_bar_disables_what_needs_the_library_while_it_is_read() {
    use article_annotator::web::components::app_bar::{AppBar, AppBarProps};
    let (library, on_library) = counter();
    let root = host();
    let props = yew::props!(AppBarProps {
        library_count: 0usize,
        in_article: true,
        can_undo: false,
        can_redo: false,
        on_library,
        on_undo: Callback::noop(),
        on_redo: Callback::noop(),
        on_export: Callback::noop(),
        on_import_file: Callback::noop(),
        on_shortcuts: Callback::noop(),
        on_report: Callback::noop(),
        on_claims: Callback::noop(),
        on_settings: Callback::noop(),
        loading: true,
    });
    yew::Renderer::<AppBar>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    for name in [
        "Library (0)",
        "Report",
        "Claims",
        "Export",
        "Sync",
        "Settings",
    ] {
        assert!(button(&root, name).has_attribute("disabled"), "{name}");
    }
    assert!(query(&root, "input[type=file]").has_attribute("disabled"));
    for name in ["Menu", "Shortcuts"] {
        assert!(!button(&root, name).has_attribute("disabled"), "{name}");
    }
    button(&root, "Library (0)").click();
    assert_eq!(*library.borrow(), 0);
}

#[wasm_bindgen_test]
async fn app_bar_menu_discloses_every_action_and_escape_closes_it() {
    use article_annotator::web::components::app_bar::{AppBar, AppBarProps, ACTIONS_ID};
    let root = host();
    let props = yew::props!(AppBarProps {
        library_count: 1usize,
        in_article: true,
        can_undo: true,
        can_redo: true,
        on_library: Callback::noop(),
        on_undo: Callback::noop(),
        on_redo: Callback::noop(),
        on_export: Callback::noop(),
        on_import_file: Callback::noop(),
        on_shortcuts: Callback::noop(),
        on_report: Callback::noop(),
        on_claims: Callback::noop(),
        on_settings: Callback::noop(),
    });
    yew::Renderer::<AppBar>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let menu = button(&root, "Menu");
    assert_eq!(
        menu.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert_eq!(
        menu.get_attribute("aria-controls").as_deref(),
        Some(ACTIONS_ID)
    );
    // The menu controls the one container of every action but the library.
    let actions = query(&root, &format!("#{ACTIONS_ID}"));
    let names: Vec<String> = all(&actions, "button").iter().map(text).collect();
    assert_eq!(
        names,
        vec![
            "Undo",
            "Redo",
            "Report",
            "Claims",
            "Export",
            "Sync",
            "Settings",
            "Shortcuts"
        ]
    );
    assert!(actions
        .query_selector("input[type=file][aria-label='Import annotations']")
        .unwrap()
        .is_some());
    assert!(!actions.contains(Some(&button(&root, "Library (1)"))));
    click(&menu).await;
    assert_eq!(menu.get_attribute("aria-expanded").as_deref(), Some("true"));
    assert!(query(&root, "header").class_list().contains("menu-open"));
    // Escape on an action closes the menu and puts the focus back on its button.
    let export = button(&root, "Export");
    export.focus().unwrap();
    press(&export, "Escape").await;
    assert_eq!(
        menu.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert!(!query(&root, "header").class_list().contains("menu-open"));
    assert_eq!(
        document().active_element().map(|e| text(&e)).as_deref(),
        Some("Menu")
    );
    // Escape when the menu is closed is left to the page (a global shortcut).
    press(&export, "Escape").await;
    assert_eq!(
        menu.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
}

#[wasm_bindgen_test]
async fn side_sheet_button_toggles_it_and_a_selection_opens_it() {
    use article_annotator::web::components::panel::{SideSheet, SideSheetProps, SHEET_BODY_ID};
    let root = host();
    let props = |selected: Option<Uuid>| {
        yew::props!(SideSheetProps {
            count: 2usize,
            selected,
            children: yew::html! { <p>{ "body" }</p> },
        })
    };
    let mut handle =
        yew::Renderer::<SideSheet>::with_root_and_props(root.clone(), props(None)).render();
    yew::scheduler::flush().await;
    let toggle = button(&root, "Annotations (2)");
    assert_eq!(
        toggle.get_attribute("aria-controls").as_deref(),
        Some(SHEET_BODY_ID)
    );
    assert_eq!(text(&query(&root, &format!("#{SHEET_BODY_ID}"))), "body");
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    click(&toggle).await;
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    click(&toggle).await;
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    handle.update(props(Some(Uuid::from_u128(7))));
    yew::scheduler::flush().await;
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert!(query(&root, ".side").class_list().contains("open"));
}

#[wasm_bindgen_test]
async fn sentence_buttons_step_by_sentence_and_keep_the_selection() {
    use article_annotator::core::keys::Motion;
    use article_annotator::web::components::article_view::{SentenceButtons, SentenceButtonsProps};
    let root = host();
    let steps = Calls::new();
    let props = SentenceButtonsProps {
        on_step: steps.callback(),
    };
    yew::Renderer::<SentenceButtons>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let group = query(&root, "[role=group]");
    assert_eq!(
        group.get_attribute("aria-label").as_deref(),
        Some("Select by sentence")
    );
    click(&button(&root, "Previous sentence")).await;
    click(&button(&root, "Next sentence")).await;
    assert_eq!(
        steps.take(),
        vec![Motion::PrevSentence, Motion::NextSentence]
    );
    for name in ["Previous sentence", "Next sentence"] {
        let down = document().create_event("MouseEvents").unwrap();
        down.init_event_with_bubbles_and_cancelable("mousedown", true, true);
        let kept = !button(&root, name).dispatch_event(&down).unwrap();
        assert!(kept, "mousedown on {name} would clear the selection");
    }
}

#[wasm_bindgen_test]
async fn notices_offer_undo_delete_only_after_a_delete_and_report_storage() {
    use article_annotator::web::components::notices::{Notices, NoticesProps};
    use article_annotator::web::state::{Notice, StorageStatus};
    let (restored, on_restore) = counter();
    let (dismissed, on_dismiss) = counter();
    let root = host();
    let props = yew::props!(NoticesProps {
        storage: StorageStatus::Retrying("The disk is full.".into()),
        skipped: Rc::new(vec![
            "The settings record “settings” could not be read.".to_owned()
        ]),
        notice: Some(Notice {
            restorable: true,
            ..Notice::info("Deleted “Çavuşoğlu’s visit” and its 2 annotations.")
        }),
        on_export_everything: Callback::noop(),
        on_restore,
        on_dismiss,
    });
    yew::Renderer::<Notices>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let alerts = all(&root, "[role=alert]");
    assert_eq!(
        alerts.len(),
        2,
        "the storage banner and the unreadable records"
    );
    assert!(text(&alerts[0]).contains("The disk is full."));
    assert!(find_button(&root, "Export everything").is_some());
    let status = query(&root, "[role=status]");
    assert!(text(&status).contains("Deleted “Çavuşoğlu’s visit”"));
    button(&root, "Undo delete").click();
    query(&root, "button[aria-label='Dismiss message']")
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    assert_eq!((*restored.borrow(), *dismissed.borrow()), (1, 1));

    // A message that is not about a deletion offers no undo; storage that works shows no banner.
    let root = host();
    let props = yew::props!(NoticesProps {
        storage: StorageStatus::Available,
        skipped: Rc::new(Vec::new()),
        notice: Some(Notice::error("Deleted files are not supported.")),
        on_export_everything: Callback::noop(),
        on_restore: Callback::noop(),
        on_dismiss: Callback::noop(),
    });
    yew::Renderer::<Notices>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    assert_eq!(find_button(&root, "Undo delete").map(|_| ()), None);
    assert_eq!(
        all(&root, "[role=alert]").len(),
        1,
        "only the error message"
    );
}

// ---------------------------------------------------------------------------------------------
// The article's highlights: labels asked for, capped depth, imports rendered once.
// ---------------------------------------------------------------------------------------------

mod highlights {
    use super::*;
    use article_annotator::core::segment::DRAWN_DEPTH;
    use article_annotator::web::components::article_view::{ArticleView, ArticleViewProps};
    use article_annotator::web::state::{AppAction, AppState};
    use article_annotator::web::view;
    use std::cell::Cell;
    use yew::functional::UseReducerDispatcher;
    use yew::prelude::*;

    /// Renders `ArticleView` for `article` with `annotations` (the first `selected`).
    async fn render_article(
        article: &Article,
        annotations: Vec<Annotation>,
        clicks: &Calls<usize>,
    ) -> (Element, yew::AppHandle<ArticleView>) {
        let host = host();
        let set = set_of(article, annotations);
        let blocks = Rc::new(article.blocks());
        let runs = view::chunks(&article.text, &blocks, &set, None);
        let props = yew::props!(ArticleViewProps {
            article: Rc::new(article.clone()),
            blocks,
            runs,
            on_highlight_click: clicks.callback(),
        });
        let handle =
            yew::Renderer::<ArticleView>::with_root_and_props(host.clone(), props).render();
        yew::scheduler::flush().await;
        (host, handle)
    }

    /// An article of 30 paragraphs of 100 words.
    fn long_article() -> Article {
        let line = vec!["word"; 100].join(" ");
        Article::new(
            Uuid::from_u128(900),
            "Deep",
            None,
            &vec![line; 30].join("\n"),
        )
    }

    /// `count` annotations nested inside each other on `article`: the n-th covers every word
    /// but the first n and the last n; claims and quotes alternate.
    fn nested(article: &Article, count: usize) -> Vec<Annotation> {
        let len = article.text.chars().count();
        (0..count)
            .map(|n| {
                let kind = if n % 2 == 0 { Kind::Claim } else { Kind::Quote };
                Annotation::new(
                    Uuid::from_u128(1_000 + n as u128),
                    article.id,
                    kind,
                    &article.text,
                    n * 5,
                    len - n * 5,
                    NOW,
                )
            })
            .collect()
    }

    fn mark(host: &Element, text_is: &str) -> HtmlElement {
        all(host, "article mark")
            .into_iter()
            .find(|m| text(m) == text_is)
            .unwrap_or_else(|| panic!("no highlight {text_is:?}"))
            .dyn_into()
            .unwrap()
    }

    fn live(host: &Element) -> String {
        text(&query(host, "[aria-live='polite']"))
    }

    #[wasm_bindgen_test]
    async fn a_highlight_is_labelled_when_pointed_at_or_clicked_not_before() {
        let article = Article::sample();
        let outer = annotate(&article, 1, Kind::Claim, "Turkey plays a critical role");
        let mut quote = annotate(
            &article,
            2,
            Kind::Quote,
            "a critical role fighting against ISIS",
        );
        set_speaker(&mut quote, "Çavuşoğlu");
        // The "critical" inside the outer claim (ASCII: bytes are code points here).
        let at = outer.start + "Turkey plays a ".len();
        let inner = Annotation::new(
            Uuid::from_u128(3),
            article.id,
            Kind::Claim,
            &article.text,
            at,
            at + "critical".len(),
            NOW,
        );
        let clicks = Calls::new();
        let (host, _h) = render_article(&article, vec![outer, quote, inner], &clicks).await;
        // No run carries a label until one is asked for.
        assert!(all(&host, "article [title]").is_empty());
        let critical = mark(&host, "critical");
        assert_eq!(critical.get_attribute("data-depth").as_deref(), Some("3"));
        fire(&critical, "mouseover");
        yew::scheduler::flush().await;
        let title = critical
            .get_attribute("title")
            .expect("a title once pointed at");
        let lines: Vec<&str> = title.lines().collect();
        assert_eq!(
            lines,
            vec![
                "Claim “critical” — Unverified",
                "Claim “Turkey plays a critical role” — Unverified",
                "Quote “a critical role fighting against ISIS” — Çavuşoğlu",
            ]
        );
        assert_eq!(all(&host, "article [title]").len(), 1);
        // Pointing is not announced; a click is, and reaches the app with the offset.
        assert_eq!(live(&host), "");
        click(&critical).await;
        assert_eq!(
            clicks.take(),
            vec![critical
                .get_attribute("data-s")
                .unwrap()
                .parse::<usize>()
                .unwrap()]
        );
        assert_eq!(live(&host), lines.join("; "));
        // Pointing at another highlight moves the label there.
        let a = mark(&host, "a ");
        fire(&a, "mouseover");
        yew::scheduler::flush().await;
        assert_eq!(all(&host, "article [title]").len(), 1);
        assert_eq!(
            a.get_attribute("title").unwrap().lines().count(),
            2,
            "“a ” is covered by the outer claim and the quote"
        );
        assert!(critical.get_attribute("title").is_none());
    }

    #[wasm_bindgen_test]
    async fn a_deep_nest_draws_four_levels_and_says_how_many_overlap() {
        let article = long_article();
        let anns = nested(&article, 1_500);
        let clicks = Calls::new();
        let (host, _h) = render_article(&article, anns, &clicks).await;
        let marks = all(&host, "article mark");
        // One highlight per depth from 1 to 4 at each end, and one per paragraph for the
        // stretch deeper than what is drawn (it looks the same throughout): not one element
        // per start and end of 1,500 annotations.
        assert_eq!(
            marks.len(),
            30 + 2 * DRAWN_DEPTH,
            "{} highlights",
            marks.len()
        );
        let depths: Vec<usize> = marks
            .iter()
            .map(|m| m.get_attribute("data-depth").unwrap().parse().unwrap())
            .collect();
        assert_eq!(depths.iter().max(), Some(&DRAWN_DEPTH));
        // The first and the last paragraph each have one run of each depth from 1 to 4; every
        // other run is deeper than what is drawn.
        let deep = all(&host, "article mark.hl-deep");
        assert_eq!(deep.len(), marks.len() - 2 * DRAWN_DEPTH);
        assert!(deep
            .iter()
            .all(|m| m.get_attribute("data-depth") == Some(DRAWN_DEPTH.to_string())));
        // One cue per paragraph (each is one stretch deeper than what is drawn), an image named
        // by its text, holding no text of its own.
        let cues = all(&host, "article .hl-cue");
        assert_eq!(cues.len(), 30);
        for cue in &cues {
            assert_eq!(cue.get_attribute("role").as_deref(), Some("img"));
            assert_eq!(cue.child_nodes().length(), 0);
            let name = cue.get_attribute("aria-label").unwrap();
            assert!(name.ends_with(" overlapping"), "{name}");
            assert_eq!(cue.get_attribute("data-cue"), Some(name));
        }
        let names: Vec<String> = cues
            .iter()
            .map(|c| c.get_attribute("aria-label").unwrap())
            .collect();
        assert!(names.contains(&"1,500 overlapping".to_owned()), "{names:?}");
        // The first paragraph starts shallow: its cue names its deepest run, 100 words in.
        assert_eq!(names[0], "100 overlapping");
        // The article's text is still exactly the blocks' characters.
        let want: String = article
            .blocks()
            .iter()
            .map(|b| b.text(&article.text))
            .collect();
        assert_eq!(text(&query(&host, "article")), want);
        // Nothing was labelled; pointing at the deepest run names ten and counts the rest.
        assert!(all(&host, "article [title]").is_empty());
        // The innermost annotation's word is inside one highlight that draws the whole deep
        // stretch of its paragraph: what is named is what covers the place pointed at.
        let cp = 1_499 * 5;
        let middle = marks
            .iter()
            .find(|m| {
                let start: usize = m.get_attribute("data-s").unwrap().parse().unwrap();
                start <= cp && cp < start + text(m).chars().count()
            })
            .expect("the highlight drawing the innermost annotation");
        assert!(
            middle
                .get_attribute("data-s")
                .unwrap()
                .parse::<usize>()
                .unwrap()
                < cp,
            "the deep stretch is drawn as one highlight"
        );
        point_at(middle, cp);
        yew::scheduler::flush().await;
        let title = middle.get_attribute("title").unwrap();
        assert_eq!(title.lines().count(), 11);
        assert!(title.ends_with("\nand 1,490 more"), "{title}");
    }

    /// Moves the pointer onto the character at code point `cp` inside the highlight `mark` (a
    /// `mouseover` at that character's place, as a browser sends it).
    fn point_at(mark: &Element, cp: usize) {
        let start: usize = mark.get_attribute("data-s").unwrap().parse().unwrap();
        let node = mark.first_child().unwrap();
        let before: String = text(mark).chars().take(cp - start).collect();
        let utf16 = before.encode_utf16().count() as u32;
        mark.scroll_into_view();
        let range = document().create_range().unwrap();
        range.set_start(&node, utf16).unwrap();
        range.set_end(&node, utf16 + 1).unwrap();
        let rect = range.get_bounding_client_rect();
        let init = web_sys::MouseEventInit::new();
        init.set_bubbles(true);
        init.set_client_x((rect.left() + rect.width() / 2.0) as i32);
        init.set_client_y((rect.top() + rect.height() / 2.0) as i32);
        let event =
            web_sys::MouseEvent::new_with_mouse_event_init_dict("mouseover", &init).unwrap();
        mark.dispatch_event(&event).unwrap();
    }

    thread_local! {
        static RENDERS: Cell<usize> = const { Cell::new(0) };
    }

    #[derive(Properties)]
    struct HarnessProps {
        article: Article,
        /// Where the harness leaves its dispatcher for the test.
        dispatch: Rc<RefCell<Option<UseReducerDispatcher<AppState>>>>,
    }

    impl PartialEq for HarnessProps {
        fn eq(&self, other: &Self) -> bool {
            Rc::ptr_eq(&self.dispatch, &other.dispatch)
        }
    }

    /// The app's state and article view, counting its renders.
    #[function_component(Harness)]
    fn harness(props: &HarnessProps) -> Html {
        RENDERS.with(|r| r.set(r.get() + 1));
        let article = props.article.clone();
        let state = use_reducer(move || AppState::new(article, Vec::new()));
        *props.dispatch.borrow_mut() = Some(state.dispatcher());
        html! {
            <ArticleView article={state.article.clone()} blocks={state.blocks.clone()}
                runs={state.runs.clone()} />
        }
    }

    #[wasm_bindgen_test]
    async fn an_import_of_1500_nested_annotations_is_applied_and_rendered_once() {
        let article = long_article();
        let other = Article::new(Uuid::from_u128(901), "Other", None, "Nothing here.");
        let dispatch = Rc::new(RefCell::new(None));
        let host = host();
        yew::Renderer::<Harness>::with_root_and_props(
            host.clone(),
            HarnessProps {
                article: other.clone(),
                dispatch: Rc::clone(&dispatch),
            },
        )
        .render();
        yew::scheduler::flush().await;
        assert!(all(&host, "article mark").is_empty());
        // What the import hook dispatches for a file that adds an article with 1,500 nested
        // annotations: the library after the import, then the article to open.
        let stored = |article: Article| StoredArticle {
            article,
            added: NOW,
            changed: NOW,
        };
        let library = StoredLibrary {
            articles: [stored(article.clone()), stored(other)]
                .into_iter()
                .map(|a| (a.article.id, a))
                .collect(),
            annotations: nested(&article, 1_500)
                .into_iter()
                .map(|a| (a.id, Rc::new(a)))
                .collect(),
        };
        let before = RENDERS.with(Cell::get);
        let d = dispatch.borrow().clone().unwrap();
        d.dispatch(AppAction::ReplaceLibrary {
            library,
            message: "Imported.".into(),
        });
        d.dispatch(AppAction::Open(article.id));
        yew::scheduler::flush().await;
        assert_eq!(
            RENDERS.with(Cell::get) - before,
            1,
            "one render for the import"
        );
        let cues = all(&host, "article .hl-cue");
        assert_eq!(cues.len(), 30);
        assert!(all(&host, "article mark").len() <= 2 * 1_500 + 30);
        // The same import applied to the open article: one render again.
        let library = StoredLibrary {
            articles: [stored(article.clone())]
                .into_iter()
                .map(|a| (a.article.id, a))
                .collect(),
            annotations: nested(&article, 1_000)
                .into_iter()
                .map(|a| (a.id, Rc::new(a)))
                .collect(),
        };
        let before = RENDERS.with(Cell::get);
        d.dispatch(AppAction::ReplaceLibrary {
            library,
            message: "Imported.".into(),
        });
        yew::scheduler::flush().await;
        assert_eq!(RENDERS.with(Cell::get) - before, 1);
        let names: Vec<String> = all(&host, "article .hl-cue")
            .iter()
            .map(|c| c.get_attribute("aria-label").unwrap())
            .collect();
        assert!(names.contains(&"1,000 overlapping".to_owned()), "{names:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Suggestions: outlined in the article, listed with their buttons, moved through in the state.
// ---------------------------------------------------------------------------------------------

mod suggestions {
    use super::*;
    use article_annotator::core::suggestions::{find, Suggestion};
    use article_annotator::web::components::article_view::{ArticleView, ArticleViewProps};
    use article_annotator::web::components::suggestions::{SuggestionsPanel, SuggestionsProps};
    use article_annotator::web::dom;
    use article_annotator::web::state::{AppAction, AppState, SuggestStatus};
    use article_annotator::web::view;
    use yew::Reducible;

    const TEXT: &str = "Rex Tillerson met reporters on Tuesday.\n\
        “We will not back down from this agreement,” said Tillerson.\n\
        Ministers from 68 countries attended, more than ever before.";

    fn article() -> Article {
        Article::new(Uuid::from_u128(70), "Talks", None, TEXT)
    }

    fn claim(text: &str, needle: &str, score: u16) -> Suggestion {
        let (start, end) = span(text, needle);
        Suggestion {
            kind: Kind::Claim,
            start,
            end,
            who: None,
            score: Some(score),
            key: Suggestion::key_of(Kind::Claim, needle),
        }
    }

    /// The quote the core finds in `TEXT`, then a claim over the last sentence.
    fn list() -> Vec<Suggestion> {
        let mut list = find(TEXT, Err(String::new())).suggestions;
        assert_eq!(list.len(), 1);
        list.push(claim(
            TEXT,
            "Ministers from 68 countries attended, more than ever before.",
            930,
        ));
        list
    }

    /// The texts of the ranges of custom highlight `name`.
    fn highlighted(name: &str) -> Vec<String> {
        let registry = js_sys::Reflect::get(
            &js_sys::Reflect::get(&js_sys::global(), &"CSS".into()).unwrap(),
            &"highlights".into(),
        )
        .unwrap();
        let get: js_sys::Function = js_sys::Reflect::get(&registry, &"get".into())
            .unwrap()
            .into();
        let h = get.call1(&registry, &name.into()).unwrap();
        if h.is_undefined() {
            return Vec::new();
        }
        js_sys::Array::from(&h)
            .iter()
            .map(|r| r.unchecked_into::<web_sys::Range>().to_string().into())
            .collect()
    }

    /// The article view of [`article`] with a claim highlight across the quote's start (its
    /// highlight stays one <mark> a block; the quote's block is runs and marks, not one <p>):
    /// its blocks, its host and the running app, whose handle keeps it mounted.
    async fn drawn_article() -> (
        Rc<Vec<article_annotator::core::text::Block>>,
        Element,
        yew::AppHandle<ArticleView>,
    ) {
        let article = article();
        let over = span(TEXT, "Tuesday.\n“We will");
        let anns = vec![Annotation::new(
            Uuid::from_u128(2),
            article.id,
            Kind::Claim,
            TEXT,
            over.0,
            over.1,
            NOW,
        )];
        let set = set_of(&article, anns);
        let blocks = Rc::new(article.blocks());
        let runs = view::chunks(&article.text, &blocks, &set, None);
        let host = host();
        let props = yew::props!(ArticleViewProps {
            article: Rc::new(article.clone()),
            blocks: blocks.clone(),
            runs,
        });
        let h = yew::Renderer::<ArticleView>::with_root_and_props(host.clone(), props).render();
        yew::scheduler::flush().await;
        (blocks, host, h)
    }

    #[wasm_bindgen_test]
    async fn a_run_index_of_a_few_blocks_places_spans_as_the_whole_article_index_does() {
        let list = list();
        let (blocks, host, _h) = drawn_article().await;
        let root = query(&host, "article");
        let whole = dom::RunIndex::new(&root).expect("the article's runs");
        let text = |r: Option<web_sys::Range>| r.map(|r| String::from(r.to_string()));
        let block_of = |cp: usize| blocks.iter().position(|b| b.start <= cp && cp < b.end);
        for s in &list {
            let (first, last) = (block_of(s.start).unwrap(), block_of(s.end - 1).unwrap());
            let few: Vec<(usize, usize)> = (first..=last).map(|i| (i, blocks[i].start)).collect();
            let index = dom::RunIndex::of_blocks(&root, &few, view::CHUNK).expect("its blocks");
            let placed = text(index.range(s.start, s.end));
            assert!(placed.as_deref().is_some_and(|t| !t.is_empty()));
            assert_eq!(placed, text(whole.range(s.start, s.end)));
            // The static range drawn for it has the same ends as the live one.
            let (live, drawn) = (
                index.range(s.start, s.end).unwrap(),
                index.mark(s.start, s.end).expect("a static range"),
            );
            assert!(live
                .start_container()
                .unwrap()
                .is_same_node(Some(&drawn.start_container())));
            assert!(live
                .end_container()
                .unwrap()
                .is_same_node(Some(&drawn.end_container())));
            assert_eq!(
                (live.start_offset().unwrap(), live.end_offset().unwrap()),
                (drawn.start_offset(), drawn.end_offset())
            );
        }
        // Nothing to draw past the end.
        let end = blocks.last().unwrap().end;
        assert!(whole.mark(end + 5, end + 9).is_none());
        // The quote's block, whose first run is a <span> before the mark.
        let quote = list.iter().find(|s| s.kind == Kind::Quote).unwrap();
        let b = block_of(quote.start).unwrap();
        assert!(
            query(&host, "article")
                .query_selector_all("p.block")
                .unwrap()
                .item(b as u32)
                .unwrap()
                .unchecked_into::<web_sys::Element>()
                .query_selector("mark")
                .unwrap()
                .is_some(),
            "the block has runs of its own"
        );
        // An empty span where one run ends and the next begins: its start is placed in the
        // next run and its end in the one before, and nothing is drawn, static or live.
        let edge: usize = query(&host, "article mark")
            .get_attribute("data-s")
            .and_then(|s| s.parse().ok())
            .expect("the mark's first code point");
        assert!(whole.range(edge, edge).is_none());
        assert!(whole.mark(edge, edge).is_none());
        // A block that is not where the view puts it, or does not start where said: refused.
        assert!(
            dom::RunIndex::of_blocks(&root, &[(b, blocks[b].start + 1)], view::CHUNK).is_none()
        );
        assert!(dom::RunIndex::of_blocks(&root, &[(blocks.len(), 0)], view::CHUNK).is_none());
    }

    #[wasm_bindgen_test]
    async fn suggestions_are_drawn_over_the_text_without_changing_the_article() {
        let list = list();
        let (_, host, _h) = drawn_article().await;
        let before = host.inner_html();
        let root = query(&host, "article");
        let spans: Vec<(usize, usize)> = list.iter().map(|s| (s.start, s.end)).collect();
        // Ranges over plain text, across a highlight's edge, and past the end (left out).
        let mut asked = spans.clone();
        asked.push((10_000, 10_005));
        let ranges = dom::span_ranges(&root, &asked);
        let texts = |ranges: &[web_sys::Range]| -> Vec<String> {
            ranges.iter().map(|r| String::from(r.to_string())).collect()
        };
        let (quote, claim) = (
            "We will not back down from this agreement,",
            "Ministers from 68 countries attended, more than ever before.",
        );
        assert_eq!(texts(&ranges), [quote, claim]);
        // One index places many spans, reading each run's start once: the same spans asked
        // again in reverse order, each twice, land on the same text.
        let again: Vec<(usize, usize)> = spans.iter().rev().flat_map(|&s| [s, s]).collect();
        assert_eq!(
            texts(&dom::span_ranges(&root, &again)),
            [claim, claim, quote, quote]
        );
        dom::set_highlight("sg-test", &ranges);
        assert_eq!(highlighted("sg-test").len(), 2);
        assert_eq!(
            host.inner_html(),
            before,
            "the article's DOM is not touched"
        );
        assert_eq!(
            all(&host, "article mark")
                .iter()
                .map(text)
                .collect::<Vec<_>>(),
            vec!["Tuesday.".to_owned(), "“We will".to_owned()],
            "the highlight across a block boundary is one mark per block, as always"
        );
        // No ranges: the highlight is removed.
        dom::set_highlight("sg-test", &[]);
        assert!(highlighted("sg-test").is_empty());
    }

    fn panel_props(
        list: Vec<Suggestion>,
        focused: Option<usize>,
        calls: &PanelCalls,
    ) -> SuggestionsProps {
        yew::props!(SuggestionsProps {
            live: Rc::new(list),
            focused,
            status: SuggestStatus::Done,
            claims_unavailable: None,
            announcement: String::new(),
            on_suggest: calls.suggest.callback(),
            on_stop: calls.stop.callback(),
            on_accept: calls.accept.callback(),
            on_dismiss: calls.dismiss.callback(),
            on_focus: calls.focus.callback(),
        })
    }

    struct PanelCalls {
        suggest: Calls<()>,
        stop: Calls<()>,
        accept: Calls<()>,
        dismiss: Calls<()>,
        focus: Calls<usize>,
    }

    fn calls() -> PanelCalls {
        PanelCalls {
            suggest: Calls::new(),
            stop: Calls::new(),
            accept: Calls::new(),
            dismiss: Calls::new(),
            focus: Calls::new(),
        }
    }

    #[wasm_bindgen_test]
    async fn the_list_names_speakers_and_scores_and_only_the_focused_one_has_buttons() {
        let c = calls();
        let host = host();
        let _h = yew::Renderer::<SuggestionsPanel>::with_root_and_props(
            host.clone(),
            panel_props(list(), None, &c),
        )
        .render();
        yew::scheduler::flush().await;
        let section = query(&host, "section[aria-labelledby=suggestions-title]");
        assert_eq!(text(&query(&section, "#suggestions-title")), "Suggestions");
        assert_eq!(
            text(&query(&section, "[role=status]")),
            "1 quote and 1 claim to review. J and K move through them, Enter accepts, X dismisses."
        );
        let items: Vec<String> = all(&section, "li").iter().map(text).collect();
        assert_eq!(items.len(), 2);
        assert!(
            items[0].starts_with("QuoteRex Tillerson“We will not back down"),
            "{}",
            items[0]
        );
        assert!(
            items[1].starts_with("Claimscore 0.93“Ministers from 68"),
            "{}",
            items[1]
        );
        assert!(find_button(&section, "Accept").is_none());
        // A click on the claim focuses it (the state then gives it its buttons).
        click(&all(&section, "li button")[1].clone().dyn_into().unwrap()).await;
        assert_eq!(c.focus.take(), vec![1]);
        click(&button(&section, "Suggest")).await;
        assert_eq!(c.suggest.len(), 1);

        let c = calls();
        let second = super::host();
        let _h = yew::Renderer::<SuggestionsPanel>::with_root_and_props(
            second.clone(),
            panel_props(list(), Some(1), &c),
        )
        .render();
        yew::scheduler::flush().await;
        let current = all(&second, "li[aria-current=true]");
        assert_eq!(current.len(), 1);
        assert!(text(&current[0]).contains("Ministers from 68"));
        click(&button(&second, "Accept")).await;
        click(&button(&second, "Dismiss")).await;
        assert_eq!((c.accept.len(), c.dismiss.len()), (1, 1));

        // While the suggester works: Stop instead of Suggest; and why claims are missing.
        let c = calls();
        let third = super::host();
        let props = SuggestionsProps {
            status: SuggestStatus::Running,
            claims_unavailable: Some(
                "Claims cannot be suggested: the claim model could not be loaded (offline).".into(),
            ),
            ..panel_props(Vec::new(), None, &c)
        };
        let _h =
            yew::Renderer::<SuggestionsPanel>::with_root_and_props(third.clone(), props).render();
        yew::scheduler::flush().await;
        assert!(find_button(&third, "Suggest").is_none());
        assert_eq!(
            text(&query(&third, "[role=status]")),
            "Looking for quotes and claims…"
        );
        assert!(text(&third).contains("the claim model could not be loaded (offline)"));
        click(&button(&third, "Stop")).await;
        assert_eq!(c.stop.len(), 1);
    }

    #[wasm_bindgen_test]
    async fn the_state_moves_accepts_and_dismisses_and_undo_brings_a_suggestion_back() {
        let article = article();
        let id = article.id;
        let mut state = Rc::new(AppState::new(article, Vec::new()));
        let reduce = |s: Rc<AppState>, a| s.reduce(a);
        let found = article_annotator::core::suggestions::Found {
            suggestions: list(),
            claims_unavailable: None,
        };
        state = reduce(
            state,
            AppAction::Suggested {
                article: id,
                found: found.clone(),
            },
        );
        assert_eq!(state.suggestions.live.len(), 2);
        // An answer for another article is ignored.
        let other = reduce(
            state.clone(),
            AppAction::Suggested {
                article: Uuid::nil(),
                found,
            },
        );
        assert!(Rc::ptr_eq(&other, &state));
        state = reduce(state, AppAction::StepSuggestion(true));
        assert_eq!(state.suggestions.focused, Some(0));
        assert!(state
            .suggestions
            .announcement
            .starts_with("Suggestion 1 of 2. Quote by Rex Tillerson"));
        // Not while the library is still being read: what it made would be lost then.
        let early = reduce(
            state.clone(),
            AppAction::AcceptSuggestion {
                id: Uuid::from_u128(5),
                now: NOW,
            },
        );
        assert!(Rc::ptr_eq(&early, &state));
        state = reduce(
            state,
            AppAction::SetStorage(article_annotator::web::state::StorageStatus::Available),
        );
        state = reduce(
            state,
            AppAction::AcceptSuggestion {
                id: Uuid::from_u128(5),
                now: NOW,
            },
        );
        let a = state.annotations.get(Uuid::from_u128(5)).expect("accepted");
        assert_eq!((a.kind(), a.who()), (Kind::Quote, "Rex Tillerson"));
        assert_eq!(state.selected, Some(Uuid::from_u128(5)));
        assert_eq!(state.suggestions.live.len(), 1);
        assert_eq!(
            state.suggestions.focused,
            Some(0),
            "focus moves to the next one"
        );
        state = reduce(
            state,
            AppAction::Annotate {
                action: Action::Undo { now: NOW },
                select: None,
            },
        );
        assert_eq!(state.suggestions.live.len(), 2, "undo brings it back");
        state = reduce(state, AppAction::FocusSuggestion(1));
        state = reduce(state, AppAction::DismissSuggestion);
        assert_eq!(state.suggestions.live.len(), 1);
        assert!(state.suggestions.dismissed[&id].contains(&list()[1].key));
        assert!(state
            .suggestions
            .announcement
            .starts_with("Dismissed. Suggestion 1 of 1."));
        // The dismissal is queued for storage under the article's meta key.
        let plan = state.outbox.0.borrow_mut().take();
        let put = plan
            .puts
            .iter()
            .find(|(store, key, _)| {
                *store == article_annotator::core::storage::Store::Meta
                    && *key == format!("dismissed:{id}")
            })
            .expect("the dismissed set is written");
        assert!(
            put.2.contains(&list()[1].key.replace('"', "\\\""))
                || put.2.contains("Ministers from 68")
        );
    }
    /// Issue 11: while an import's batches arrive, the Annotations panel keeps listing what it
    /// listed and the suggestions are not brought in line (each batch would redraw both);
    /// a suggestion an imported annotation now duplicates is never accepted meanwhile; at
    /// the import's end both catch up.
    #[wasm_bindgen_test]
    async fn an_imports_batches_leave_the_list_and_the_suggestions_until_it_is_done() {
        use article_annotator::core::storage::{encode_annotation, Store, SyncBatch, SyncMessage};
        let article = article();
        let id = article.id;
        let reduce = |s: Rc<AppState>, a| s.reduce(a);
        // The article is in the library (a batch applies to the library's articles).
        let mut state = Rc::new(AppState::new(Article::sample(), Vec::new()));
        state = reduce(
            state,
            AppAction::CreateArticle {
                article: article.clone(),
                now: NOW,
            },
        );
        assert_eq!(state.article.id, id);
        state = reduce(
            state,
            AppAction::Suggested {
                article: id,
                found: article_annotator::core::suggestions::Found {
                    suggestions: list(),
                    claims_unavailable: None,
                },
            },
        );
        state = reduce(
            state,
            AppAction::SetStorage(article_annotator::web::state::StorageStatus::Available),
        );
        state = reduce(state, AppAction::StepSuggestion(true));
        assert_eq!(state.suggestions.focused, Some(0));
        // The file holds the quote the first suggestion would make.
        let imported = article_annotator::core::suggestions::accept(
            &list()[0],
            Uuid::from_u128(9),
            id,
            &article.text,
            NOW,
        );
        let batch = SyncBatch {
            records: vec![SyncMessage::Changed {
                store: Store::Annotations,
                key: imported.id.to_string(),
                record: encode_annotation(&imported),
            }],
        };
        let listed = state.annotations.clone();
        let base = state.library.clone();
        state = reduce(state, AppAction::Written { batch, base });
        assert!(
            state.annotations.get(imported.id).is_some(),
            "applied at once"
        );
        assert!(
            Rc::ptr_eq(state.listed(), &listed),
            "the panel lists what it listed"
        );
        assert_eq!(state.suggestions.live.len(), 2, "the suggestions wait too");

        // Accept on the first suggestion, which the import now duplicates: nothing is made, and
        // the list is brought in line.
        let accepted = reduce(
            state.clone(),
            AppAction::AcceptSuggestion {
                id: Uuid::from_u128(10),
                now: NOW,
            },
        );
        assert!(accepted.annotations.get(Uuid::from_u128(10)).is_none());
        assert_eq!(accepted.suggestions.live.len(), 1);
        assert!(accepted.listed().get(imported.id).is_some());

        // The import's end: its highlights are drawn, the list and the suggestions catch up.
        state = reduce(state, AppAction::RenderDeferred);
        assert!(state.deferred.is_none());
        assert!(state.listed().get(imported.id).is_some());
        assert_eq!(state.suggestions.live.len(), 1);
        assert!(state.listed_before_import.is_none());
    }
}

// ---------------------------------------------------------------------------------------------
// The report and the repeat list (issue 14).
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn the_repeat_list_shows_verdict_article_and_date_and_copies_on_click() {
    use article_annotator::core::repeats::ClaimView;
    use article_annotator::web::components::report::{RepeatList, RepeatListProps};
    let root = host();
    let copies = Calls::<(Uuid, Uuid)>::new();
    let view = ClaimView {
        id: Uuid::from_u128(5),
        article_id: Uuid::from_u128(6),
        article_title: "Çavuşoğlu <i>said</i>".into(),
        text: "Cabinet has 68 ministers.".into(),
        verdict: Verdict::MostlyFalse,
        note: String::new(),
        evidence: Vec::new(),
        date: "2026-11-30".into(),
        similarity: 0.84,
    };
    let props = RepeatListProps {
        claim: Uuid::from_u128(9),
        repeats: Rc::new(vec![view]),
        on_copy: copies.callback(),
    };
    yew::Renderer::<RepeatList>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    assert_eq!(text(&query(&root, "h3")), "Said before (1)");
    let item = text(&query(&root, "li"));
    assert!(
        item.contains("Mostly false · Çavuşoğlu <i>said</i> · 2026-11-30 · 84% similar"),
        "{item}"
    );
    assert!(all(&root, "i").is_empty(), "titles are text, never markup");
    let copy = button(&root, "Copy verdict, note and evidence");
    assert_eq!(
        copy.get_attribute("aria-label").as_deref(),
        Some("Copy verdict, note and evidence from “Cabinet has 68 ministers.” (Çavuşoğlu <i>said</i>)")
    );
    click(&copy).await;
    assert_eq!(
        copies.take(),
        vec![(Uuid::from_u128(9), Uuid::from_u128(5))]
    );

    // No repeats: nothing is shown.
    let root = host();
    let props = RepeatListProps {
        claim: Uuid::from_u128(9),
        repeats: Rc::new(Vec::new()),
        on_copy: Callback::noop(),
    };
    yew::Renderer::<RepeatList>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    assert_eq!(root.child_element_count(), 0);
}

#[wasm_bindgen_test]
async fn the_report_dialog_shows_groups_in_order_and_its_actions() {
    use article_annotator::core::report::article_report;
    use article_annotator::web::components::report::{
        ReportContent, ReportDialog, ReportDialogProps,
    };
    let s = sample();
    let report = article_report(&s.article, &s.all());
    let root = host();
    let (download, close, scope) = (Calls::<()>::new(), Calls::<()>::new(), Calls::<bool>::new());
    let props = ReportDialogProps {
        content: Rc::new(ReportContent::Article(report.clone())),
        has_article: true,
        on_scope: scope.callback(),
        on_download: download.callback(),
        on_close: close.callback(),
    };
    yew::Renderer::<ReportDialog>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    assert_eq!(
        text(&query(&root, "#report-title")),
        "The Global Coalition Working to Defeat ISIS"
    );
    let headings: Vec<String> = all(&root, "h4").iter().map(text).collect();
    let expected: Vec<String> = report
        .groups
        .iter()
        .map(|g| format!("{} ({})", g.verdict.label(), g.claims.len()))
        .collect();
    assert_eq!(headings, expected);
    assert!(!headings.is_empty());
    assert_eq!(
        text(&query(&root, ".report-counts")),
        report.counts.summary()
    );
    click(&button(&root, "Whole library")).await;
    click(&button(&root, "Download report")).await;
    click(&button(&root, "Close")).await;
    assert_eq!(scope.take(), vec![true]);
    assert_eq!((download.len(), close.len()), (1, 1));
    assert!(find_button(&root, "Print").is_some());
}

/// The Sync dialog (issue 16): its fields by their names, an address that is not https:
/// refused in the dialog with nothing emitted, Connect with what was typed (remembering the
/// password only when ticked), Disconnect and Create database when they apply, and the
/// annotations edited on two machines with both versions.
#[wasm_bindgen_test]
async fn sync_dialog_connects_refuses_plain_http_and_lists_conflicts() {
    use article_annotator::core::couch::{Config, Conflict, DocKind, Saved, Status, Stop};
    use article_annotator::core::storage::encode_annotation;
    use article_annotator::web::components::sync::{SyncDialog, SyncDialogProps};
    let host = host();
    let (connect, disconnect, create, close) = (
        Calls::<(Config, bool)>::new(),
        Calls::<()>::new(),
        Calls::<()>::new(),
        Calls::<()>::new(),
    );
    let mut kept = Annotation::new(
        Uuid::from_u128(7),
        Uuid::from_u128(1),
        Kind::Claim,
        "Zoë said 19,000 strikes",
        9,
        23,
        Timestamp(2_000),
    );
    kept.note = "later, on B".into();
    let mut other = kept.clone();
    other.note = "earlier, on A".into();
    other.modified = Timestamp(1_000);
    let props = SyncDialogProps {
        saved: Some(Saved::new(
            &Config {
                url: "https://couch.example.org".into(),
                database: "desk".into(),
                user: "zoë".into(),
                password: "secret".into(),
            },
            false,
        )),
        status: Some(Status::Stopped(Stop::NoDatabase("desk".into()))),
        conflicts: vec![Conflict {
            id: kept.id.to_string(),
            kind: DocKind::Annotation,
            kept: encode_annotation(&kept),
            others: vec![encode_annotation(&other)],
        }],
        problems: vec![],
        on_connect: connect.callback(),
        on_disconnect: disconnect.callback(),
        on_create_database: create.callback(),
        on_close: close.callback(),
    };
    yew::Renderer::<SyncDialog>::with_root_and_props(host.clone(), props).render();
    yew::scheduler::flush().await;
    assert_eq!(dialog_name(&host), "Sync");
    assert_eq!(
        value(&labelled(&host, "Server URL")),
        "https://couch.example.org"
    );
    assert_eq!(value(&labelled(&host, "Database")), "desk");
    assert_eq!(value(&labelled(&host, "User name")), "zoë");
    let password = labelled(&host, "Password");
    assert_eq!(password.get_attribute("type").as_deref(), Some("password"));
    assert_eq!(
        value(&password),
        "",
        "a password not remembered is not shown again"
    );
    assert!(text(&host).contains("Stopped: database desk does not exist"));
    click(&button(&host, "Create database")).await;
    assert_eq!(create.len(), 1);
    // Plain http: to another machine is refused in the dialog; nothing is emitted.
    type_into(&labelled(&host, "Server URL"), "http://couch.example.org").await;
    type_into(&password, "pässword").await;
    click(&button(&host, "Connect")).await;
    assert!(connect.take().is_empty());
    assert!(text(&query(&host, "[role=alert]")).contains("https:"));
    type_into(&labelled(&host, "Server URL"), "http://127.0.0.1:5984").await;
    let remember = query(&host, "input[type=checkbox]")
        .dyn_into::<HtmlInputElement>()
        .unwrap();
    remember.click();
    yew::scheduler::flush().await;
    click(&button(&host, "Connect")).await;
    assert_eq!(
        connect.take(),
        vec![(
            Config {
                url: "http://127.0.0.1:5984".into(),
                database: "desk".into(),
                user: "zoë".into(),
                password: "pässword".into(),
            },
            true
        )]
    );
    assert!(host.query_selector("[role=alert]").unwrap().is_none());
    click(&button(&host, "Disconnect")).await;
    assert_eq!(disconnect.len(), 1);
    let list = query(&host, "ul[aria-label='Edited on two machines']");
    let item = text(&list);
    assert!(item.contains("Claim “19,000 strikes”"), "{item}");
    assert!(item.contains("Kept: note “later, on B”"), "{item}");
    assert!(
        item.contains("Other version: note “earlier, on A”"),
        "{item}"
    );
}

/// The header's sync status is a live region named "Sync status", absent without a
/// connection.
#[wasm_bindgen_test]
async fn sync_status_says_where_sync_stands() {
    use article_annotator::core::couch::Status;
    use article_annotator::web::components::sync::{SyncStatus, SyncStatusProps};
    let host = host();
    yew::Renderer::<SyncStatus>::with_root_and_props(
        host.clone(),
        SyncStatusProps { status: None },
    )
    .render();
    yew::scheduler::flush().await;
    assert!(host.query_selector("[role=status]").unwrap().is_none());
    let host = self::host();
    yew::Renderer::<SyncStatus>::with_root_and_props(
        host.clone(),
        SyncStatusProps {
            status: Some(Status::Receiving(40)),
        },
    )
    .render();
    yew::scheduler::flush().await;
    let status = query(&host, "[role=status]");
    assert_eq!(
        status.get_attribute("aria-label").as_deref(),
        Some("Sync status")
    );
    assert_eq!(text(&status).trim(), "Receiving 40");
}

mod modal_focus {
    use super::*;
    use article_annotator::web::components::modal::Modal;
    use yew::prelude::*;

    /// Resolves after the next animation frame.
    async fn next_frame() {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let _ = web_sys::window().unwrap().request_animation_frame(&resolve);
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }

    #[function_component(FarControl)]
    fn far_control() -> Html {
        html! {
            <Modal labelled_by="far-title" on_close={Callback::from(|_| ())}>
                <h2 id="far-title">{ "Far" }</h2>
                <button type="button" style="display: none">{ "Hidden" }</button>
                <div style="height: 3000px">{ "Text to read first." }</div>
                <input id="far" aria-label="Far field" />
            </Modal>
        }
    }

    #[wasm_bindgen_test]
    async fn a_dialog_focuses_its_first_shown_control_then_scrolls_it_into_view_a_frame_later() {
        let host = host();
        host.set_attribute("style", "height: 200px; overflow: auto")
            .unwrap();
        let _h = yew::Renderer::<FarControl>::with_root(host.clone()).render();
        yew::scheduler::flush().await;
        let far = query(&host, "#far");
        let active = document().active_element();
        assert!(
            active.is_some_and(|a| a.is_same_node(Some(far.as_ref()))),
            "the first shown control has focus at once (the display: none button is skipped)"
        );
        assert_eq!(
            host.scroll_top(),
            0,
            "focusing did not lay out and scroll the page in the render's task"
        );
        next_frame().await;
        next_frame().await;
        let (field, frame) = (
            far.get_bounding_client_rect(),
            host.get_bounding_client_rect(),
        );
        assert!(
            host.scroll_top() > 0
                && field.top() >= frame.top() - 1.0
                && field.bottom() <= frame.bottom() + 1.0,
            "a frame later the focused control is in view: field {}..{}, frame {}..{}",
            field.top(),
            field.bottom(),
            frame.top(),
            frame.bottom()
        );
        host.remove();
    }
}

// ---------------------------------------------------------------------------------------------
// `use_effect_on`: the one effect hook of the page behaves as Yew's `use_effect_with`.
// ---------------------------------------------------------------------------------------------

mod effect_on {
    use super::*;
    use yew::prelude::*;

    #[derive(Properties, PartialEq)]
    struct EffectProbeProps {
        dep: u32,
        /// Changes every render without being a dependency.
        other: u32,
        log: Log,
    }

    /// A shared log the probe writes to ("run 1", "clean 1"); compared by identity.
    #[derive(Clone, Default)]
    struct Log(Rc<RefCell<Vec<String>>>);

    impl PartialEq for Log {
        fn eq(&self, other: &Self) -> bool {
            Rc::ptr_eq(&self.0, &other.0)
        }
    }

    impl Log {
        fn take(&self) -> Vec<String> {
            std::mem::take(&mut *self.0.borrow_mut())
        }
    }

    #[function_component(EffectProbe)]
    fn effect_probe(props: &EffectProbeProps) -> Html {
        let log = props.log.clone();
        article_annotator::web::hooks::effect::use_effect_on(props.dep, move |dep: &u32| {
            let dep = *dep;
            log.0.borrow_mut().push(format!("run {dep}"));
            move || log.0.borrow_mut().push(format!("clean {dep}"))
        });
        html! { <p>{ props.other }</p> }
    }

    #[wasm_bindgen_test]
    async fn use_effect_on_runs_when_its_dependencies_change_and_cleans_up_first() {
        let host = host();
        let log = Log::default();
        let props = |dep: u32, other: u32| EffectProbeProps {
            dep,
            other,
            log: log.clone(),
        };
        let mut handle =
            yew::Renderer::<EffectProbe>::with_root_and_props(host.clone(), props(1, 0)).render();
        yew::scheduler::flush().await;
        assert_eq!(log.take(), ["run 1"], "after the first render");
        // A render with the same dependencies: no run, no cleanup.
        handle.update(props(1, 1));
        yew::scheduler::flush().await;
        assert_eq!(host.text_content().as_deref(), Some("1"), "it rendered");
        assert!(log.take().is_empty(), "same dependencies, no effect");
        // New dependencies: the last cleanup, then the run.
        handle.update(props(2, 2));
        yew::scheduler::flush().await;
        assert_eq!(log.take(), ["clean 1", "run 2"]);
        // Gone: the last cleanup.
        handle.destroy();
        yew::scheduler::flush().await;
        assert_eq!(log.take(), ["clean 2"]);
    }
}
