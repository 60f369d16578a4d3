//! Browser glue for the DOM selection: maps DOM positions (a node and a UTF-16 offset) to code
//! point offsets of the canonical text and back.
//!
//! The article view guarantees that every text node of the article is the only child of an
//! element with `data-s`, the code point offset of its first character (see
//! [`crate::web::components::article_view`]). This module relies on that alone, and uses
//! [`crate::core::offsets`] for every unit conversion.

use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

use crate::core::offsets::{cp_len, cp_to_utf16, utf16_to_cp};

fn data_s(el: &Element) -> Option<usize> {
    el.get_attribute("data-s")?.parse().ok()
}

/// The code point just past the end of the run element `el`.
fn run_end(el: &Element) -> Option<usize> {
    Some(data_s(el)? + cp_len(&el.text_content().unwrap_or_default()))
}

/// Which edge of a range a point is: an element boundary resolves forward for a start and
/// backward for an end, so a selection never grows past what the user selected.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    Start,
    End,
}

/// The code point offset of a DOM position inside `root`, or `None` when it is not inside.
pub fn point_to_cp(root: &Element, node: &Node, offset: u32, edge: Edge) -> Option<usize> {
    if !root.contains(Some(node)) {
        return None;
    }
    if node.node_type() == Node::TEXT_NODE {
        let run = node.parent_element()?.closest("[data-s]").ok()??;
        let text = node.text_content().unwrap_or_default();
        return Some(data_s(&run)? + utf16_to_cp(&text, offset as usize));
    }
    let el: &Element = node.dyn_ref()?;
    // Inside a run element (e.g. offset 0 or 1 of the element wrapping the text).
    if let Ok(Some(run)) = el.closest("[data-s]") {
        return if offset == 0 {
            data_s(&run)
        } else {
            run_end(&run)
        };
    }
    let children = el.child_nodes();
    // The runs before and after the boundary point.
    let after = (offset..children.length())
        .filter_map(|i| children.item(i))
        .find_map(|c| first_run(&c));
    let before = (0..offset.min(children.length()))
        .rev()
        .filter_map(|i| children.item(i))
        .find_map(|c| last_run(&c));
    match (edge, before, after) {
        (Edge::Start, _, Some(a)) => data_s(&a),
        (Edge::Start, Some(b), None) => run_end(&b),
        (Edge::End, Some(b), _) => run_end(&b),
        (Edge::End, None, Some(a)) => data_s(&a),
        (_, None, None) => None,
    }
}

fn first_run(node: &Node) -> Option<Element> {
    let el: &Element = node.dyn_ref()?;
    if el.has_attribute("data-s") {
        return Some(el.clone());
    }
    el.query_selector("[data-s]").ok()?
}

fn last_run(node: &Node) -> Option<Element> {
    let el: &Element = node.dyn_ref()?;
    if el.has_attribute("data-s") {
        return Some(el.clone());
    }
    let all = el.query_selector_all("[data-s]").ok()?;
    all.item(all.length().checked_sub(1)?)?.dyn_into().ok()
}

/// The current selection as a code point range in the article `root`, clamped to it; `None`
/// when it is collapsed or lies outside.
pub fn selection_span(root: &Element) -> Option<(usize, usize)> {
    let sel = web_sys::window()?.get_selection().ok()??;
    if sel.range_count() == 0 || sel.is_collapsed() {
        return None;
    }
    let range = sel.get_range_at(0).ok()?;
    if !range.intersects_node(root).unwrap_or(false) {
        return None;
    }
    let start_node = range.start_container().ok()?;
    let end_node = range.end_container().ok()?;
    let start = if root.contains(Some(&start_node)) {
        point_to_cp(root, &start_node, range.start_offset().ok()?, Edge::Start)?
    } else {
        data_s(&first_run(root)?)?
    };
    let end = if root.contains(Some(&end_node)) {
        point_to_cp(root, &end_node, range.end_offset().ok()?, Edge::End)?
    } else {
        run_end(&last_run(root)?)?
    };
    (start < end).then_some((start, end))
}

/// The run element holding code point `cp` (for an end position, the run it ends) and the
/// UTF-16 offset of `cp` inside its text node.
fn locate(root: &Element, cp: usize, edge: Edge) -> Option<(Node, u32)> {
    locate_in(&root.query_selector_all("[data-s]").ok()?, cp, edge)
}

/// [`locate`] among `runs`, the article's `[data-s]` elements in document order.
fn locate_in(runs: &web_sys::NodeList, cp: usize, edge: Edge) -> Option<(Node, u32)> {
    let run = |i: u32| runs.item(i)?.dyn_into::<Element>().ok();
    let i = find_run(runs.length(), |i| data_s(&run(i)?), cp, edge)?;
    let el = run(i)?;
    place_in(&el, data_s(&el)?, cp)
}

/// The index of the run holding code point `cp` among `n` runs in text order, where
/// `start_of(i)` is run `i`'s first code point: a binary search (runs in document order are
/// in text order).
fn find_run(n: u32, start_of: impl Fn(u32) -> Option<usize>, cp: usize, edge: Edge) -> Option<u32> {
    let (mut lo, mut hi) = (0u32, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let s = start_of(mid)?;
        let before = if edge == Edge::Start { s <= cp } else { s < cp };
        if before {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo.checked_sub(1)
}

/// The text node of the run element `el`, whose first code point is `start`, and the UTF-16
/// offset of code point `cp` in it.
fn place_in(el: &Element, start: usize, cp: usize) -> Option<(Node, u32)> {
    let text_node = el.first_child()?;
    let text = text_node.text_content().unwrap_or_default();
    let local = cp.saturating_sub(start).min(cp_len(&text));
    Some((text_node, cp_to_utf16(&text, local) as u32))
}

/// Replaces the document selection with code points `start..end` of the article `root`.
pub fn set_selection(root: &Element, start: usize, end: usize) -> Option<()> {
    let (sn, so) = locate(root, start, Edge::Start)?;
    let (en, eo) = locate(root, end, Edge::End)?;
    let document = web_sys::window()?.document()?;
    let range = document.create_range().ok()?;
    range.set_start(&sn, so).ok()?;
    range.set_end(&en, eo).ok()?;
    let sel = web_sys::window()?.get_selection().ok()??;
    sel.remove_all_ranges().ok()?;
    sel.add_range(&range).ok()?;
    Some(())
}

/// The article's runs (`[data-s]` elements), listed once, for placing many spans. Each run's
/// start is read from the DOM at most once: placing the hundred suggestions of a long article
/// probes the same runs again and again (the first steps of every binary search are the same).
pub struct RunIndex {
    runs: Runs,
    starts: std::cell::RefCell<Vec<Option<usize>>>,
    document: web_sys::Document,
}

/// The runs a [`RunIndex`] searches, in text order.
enum Runs {
    /// All of the article's, as the browser lists them (read one by one when probed).
    All(web_sys::NodeList),
    /// Those of a few blocks.
    Of(Vec<Element>),
}

impl RunIndex {
    /// The runs of the article `root`.
    pub fn new(root: &Element) -> Option<Self> {
        let runs = root.query_selector_all("[data-s]").ok()?;
        Self::over(Runs::All(runs))
    }

    /// The runs of some blocks of the article `root` only, given as (index, first code point)
    /// in text order: spans that start and end in these blocks are placed without listing the
    /// whole article's runs (a selector over a long article's DOM cost about a millisecond on
    /// every tag). The article view puts block `i` at `root`'s child `i / CHUNK`, its child
    /// `i % CHUNK` ([`crate::web::components::article_view`]); `None` when a block is not
    /// where that says, or does not start where given.
    pub fn of_blocks(root: &Element, blocks: &[(usize, usize)], chunk: usize) -> Option<Self> {
        let mut runs = Vec::new();
        for &(index, start) in blocks {
            let block = root
                .children()
                .item(u32::try_from(index / chunk).ok()?)?
                .children()
                .item(u32::try_from(index % chunk).ok()?)?;
            let first = runs.len();
            if block.has_attribute("data-s") {
                runs.push(block);
            } else {
                let list = block.query_selector_all("[data-s]").ok()?;
                for i in 0..list.length() {
                    runs.push(list.item(i)?.dyn_into().ok()?);
                }
            }
            if runs.get(first).and_then(data_s) != Some(start) {
                return None;
            }
        }
        Self::over(Runs::Of(runs))
    }

    fn over(runs: Runs) -> Option<Self> {
        let n = match &runs {
            Runs::All(list) => list.length() as usize,
            Runs::Of(v) => v.len(),
        };
        Some(RunIndex {
            runs,
            starts: std::cell::RefCell::new(vec![None; n]),
            document: web_sys::window()?.document()?,
        })
    }

    fn len(&self) -> u32 {
        match &self.runs {
            Runs::All(list) => list.length(),
            Runs::Of(v) => u32::try_from(v.len()).unwrap_or(u32::MAX),
        }
    }

    fn run(&self, i: u32) -> Option<Element> {
        match &self.runs {
            Runs::All(list) => list.item(i)?.dyn_into().ok(),
            Runs::Of(v) => v.get(i as usize).cloned(),
        }
    }

    /// Run `i`'s first code point, read once.
    fn start_of(&self, i: u32) -> Option<usize> {
        let slot = i as usize;
        if let Some(s) = self.starts.borrow().get(slot).copied().flatten() {
            return Some(s);
        }
        let s = data_s(&self.run(i)?)?;
        if let Some(cached) = self.starts.borrow_mut().get_mut(slot) {
            *cached = Some(s);
        }
        Some(s)
    }

    fn locate(&self, cp: usize, edge: Edge) -> Option<(Node, u32)> {
        let i = find_run(self.len(), |i| self.start_of(i), cp, edge)?;
        place_in(&self.run(i)?, self.start_of(i)?, cp)
    }

    /// The DOM points of code points `start..end`'s ends; `None` when they cannot be placed (past
    /// the end) or the end does not come after the start (an empty span where two runs meet
    /// is placed at the start of the next and the end of the one before). One rule for live
    /// and static ranges.
    fn ends(&self, start: usize, end: usize) -> Option<((Node, u32), (Node, u32))> {
        let (sn, so) = self.locate(start, Edge::Start)?;
        let (en, eo) = self.locate(end, Edge::End)?;
        let ordered = if sn.is_same_node(Some(&en)) {
            so < eo
        } else {
            sn.compare_document_position(&en) & Node::DOCUMENT_POSITION_PRECEDING == 0
        };
        ordered.then_some(((sn, so), (en, eo)))
    }

    /// The DOM range over code points `start..end`; `None` when it cannot be placed or covers
    /// no text (past the end).
    pub fn range(&self, start: usize, end: usize) -> Option<web_sys::Range> {
        let ((sn, so), (en, eo)) = self.ends(start, end)?;
        let range = self.document.create_range().ok()?;
        range.set_start(&sn, so).ok()?;
        range.set_end(&en, eo).ok()?;
        Some(range)
    }

    /// The static range over code points `start..end`, for a custom highlight; `None` as for
    /// [`RunIndex::range`]. Static, not live: the browser updates every live `Range` of a
    /// document on every insertion and removal anywhere in it, and a long article's thousands
    /// of suggestions made each of a panel item's or an editor's elements cost about 0.15 ms
    /// to add or remove (BENCHMARKS.md, session 22). A static range into text that was drawn
    /// again shows nothing; the suggestions over re-rendered blocks are placed again anyway.
    pub fn mark(&self, start: usize, end: usize) -> Option<web_sys::StaticRange> {
        let ((sn, so), (en, eo)) = self.ends(start, end)?;
        web_sys::StaticRange::new(&web_sys::StaticRangeInit::new(&en, eo, &sn, so)).ok()
    }
}

/// DOM ranges over code point spans of the article `root`, in the order given; a span that
/// cannot be placed, or covers no text (past the end), is left out. The article's runs are
/// listed once.
pub fn span_ranges(root: &Element, spans: &[(usize, usize)]) -> Vec<web_sys::Range> {
    let Some(index) = RunIndex::new(root) else {
        return Vec::new();
    };
    spans
        .iter()
        .filter_map(|&(s, e)| index.range(s, e))
        .collect()
}

/// The browser's `CSS.highlights` registry; `None` where custom highlights are not supported.
fn highlight_registry() -> Option<wasm_bindgen::JsValue> {
    let css = js_sys::Reflect::get(&js_sys::global(), &"CSS".into()).ok()?;
    js_sys::Reflect::get(&css, &"highlights".into())
        .ok()
        .filter(|r| r.is_object())
}

/// Draws `ranges` as the CSS custom highlight `name` (`::highlight(name)` in the stylesheet),
/// replacing what it drew before; no ranges removes it. Nothing in the DOM changes, so text
/// being selected is never disturbed. Does nothing in a browser without `CSS.highlights`.
pub fn set_highlight(name: &str, ranges: &[web_sys::Range]) {
    use js_sys::{Array, Function, Reflect};
    let global = js_sys::global();
    let Some(registry) = highlight_registry() else {
        return;
    };
    let method = |m: &str| {
        Reflect::get(&registry, &m.into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
    };
    if ranges.is_empty() {
        if let Some(delete) = method("delete") {
            let _ = delete.call1(&registry, &name.into());
        }
        return;
    }
    let highlight = Reflect::get(&global, &"Highlight".into())
        .ok()
        .and_then(|c| c.dyn_into::<Function>().ok())
        .and_then(|c| Reflect::construct(&c, &ranges.iter().collect::<Array>()).ok());
    if let (Some(h), Some(set)) = (highlight, method("set")) {
        let _ = set.call2(&registry, &name.into(), &h);
    }
}

/// A CSS custom highlight registered under one name and changed range by range
/// (`Highlight.add` / `Highlight.delete`), so that moving one range does not hand the browser
/// every other range again.
pub struct Marks {
    highlight: wasm_bindgen::JsValue,
    add: js_sys::Function,
    delete: js_sys::Function,
}

impl Marks {
    /// Registers an empty highlight as `name`, replacing what was drawn under it; `None` in a
    /// browser without `CSS.highlights`.
    pub fn register(name: &str) -> Option<Marks> {
        use js_sys::{Array, Function, Reflect};
        let global = js_sys::global();
        let registry = highlight_registry()?;
        let set: Function = Reflect::get(&registry, &"set".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let class: Function = Reflect::get(&global, &"Highlight".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let highlight = Reflect::construct(&class, &Array::new()).ok()?;
        let method = |m: &str| -> Option<Function> {
            Reflect::get(&highlight, &m.into()).ok()?.dyn_into().ok()
        };
        let (add, delete) = (method("add")?, method("delete")?);
        set.call2(&registry, &name.into(), &highlight).ok()?;
        Some(Marks {
            highlight,
            add,
            delete,
        })
    }

    /// Draws `range` too.
    pub fn add(&self, range: &web_sys::AbstractRange) {
        let _ = self.add.call1(&self.highlight, range);
    }

    /// Stops drawing `range`.
    pub fn delete(&self, range: &web_sys::AbstractRange) {
        let _ = self.delete.call1(&self.highlight, range);
    }
}

/// Scrolls the page so that `range` is in view, a third of the way down, unless it is in view
/// already (below the sticky app bar).
pub fn scroll_range_into_view(range: &web_sys::AbstractRange) {
    let Some(window) = web_sys::window() else {
        return;
    };
    // Measured through a live range made for the moment: a static range has no geometry.
    let Some(live) = window.document().and_then(|d| d.create_range().ok()) else {
        return;
    };
    if live
        .set_start(&range.start_container(), range.start_offset())
        .and_then(|_| live.set_end(&range.end_container(), range.end_offset()))
        .is_err()
    {
        return;
    }
    let rect = live.get_bounding_client_rect();
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    const BAR: f64 = 64.0;
    if rect.top() < BAR || rect.bottom() > height {
        window.scroll_by_with_x_and_y(0.0, rect.top() - height / 3.0);
    }
}

/// Clears the document selection.
pub fn clear_selection() {
    if let Some(Ok(Some(sel))) = web_sys::window().map(|w| w.get_selection()) {
        let _ = sel.remove_all_ranges();
    }
}

/// The viewport rectangle of the current selection: (left, top, right, bottom).
pub fn selection_rect() -> Option<(f64, f64, f64, f64)> {
    let sel = web_sys::window()?.get_selection().ok()??;
    if sel.range_count() == 0 {
        return None;
    }
    let r = sel.get_range_at(0).ok()?.get_bounding_client_rect();
    Some((r.left(), r.top(), r.right(), r.bottom()))
}

/// 16 random bytes from the browser's `crypto.getRandomValues`, or `None` when the browser
/// gives none (no `crypto`, or the call fails): the caller must then refuse to create
/// anything that needs a new id, and say so.
pub fn try_random_bytes() -> Option<[u8; 16]> {
    let crypto = web_sys::window()?.crypto().ok()?;
    let mut bytes = [0u8; 16];
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(bytes)
}

/// Bytes for this tab's id (its journal key): random when the browser gives random numbers,
/// else made from the clock and `Math.random`. A tab id only has to differ from the other tabs'
/// ids, and nothing is stored under it for long, so saving goes on without `crypto`.
pub fn tab_id_bytes() -> [u8; 16] {
    try_random_bytes().unwrap_or_else(|| {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&(js_sys::Date::now() as u64).to_le_bytes());
        bytes[8..]
            .copy_from_slice(&((js_sys::Math::random() * 2f64.powi(53)) as u64).to_le_bytes());
        bytes
    })
}

/// Now, in milliseconds since the Unix epoch.
pub fn now() -> crate::core::model::Timestamp {
    crate::core::model::Timestamp(js_sys::Date::now() as i64)
}

/// Whether the document has a non-collapsed selection (a drag, not a click).
pub fn selection_span_nonempty() -> bool {
    web_sys::window()
        .and_then(|w| w.get_selection().ok().flatten())
        .is_some_and(|s| !s.is_collapsed())
}

/// Whether keyboard focus is in a text field, where keys belong to the field.
pub fn typing_in_field() -> bool {
    let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
    else {
        return false;
    };
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || el.get_attribute("contenteditable").is_some()
}

/// Whether `event` happened inside a dialog, or while a modal dialog is open: its keys
/// belong to the dialog.
pub fn in_dialog(event: &web_sys::Event) -> bool {
    let inside = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("[role=dialog]").ok().flatten())
        .is_some();
    inside || MODALS_SHOWN.with(|n| n.get() > 0)
}

thread_local! {
    /// How many modal dialogs are shown ([`ModalShown`]). Counted, not looked up: a
    /// document-wide `querySelector` for `[aria-modal=true]` walked the whole article on every
    /// key press, 1.3 ms a press on a 100,000-word article (BENCHMARKS.md, session 22).
    static MODALS_SHOWN: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// A modal dialog shown, for [`in_dialog`], until this is dropped. Every modal dialog of the
/// app is a `components::modal::Modal`, which holds one while it is mounted.
pub struct ModalShown(());

impl ModalShown {
    /// Counts one more modal dialog shown.
    pub fn new() -> Self {
        MODALS_SHOWN.with(|n| n.set(n.get() + 1));
        ModalShown(())
    }
}

impl Default for ModalShown {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for ModalShown {
    fn drop(&mut self) {
        MODALS_SHOWN.with(|n| n.set(n.get().saturating_sub(1)));
    }
}

/// Whether `event` went to a control that `Enter` activates itself: a button, a link, a
/// summary, or anything with a button or link role.
pub fn on_control(event: &web_sys::Event) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| {
            el.closest("button, a[href], summary, [role=button], [role=link], [role=menuitem]")
                .ok()
                .flatten()
        })
        .is_some()
}
