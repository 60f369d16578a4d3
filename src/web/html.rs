//! Pasted or opened HTML read by the browser's own parser.
//!
//! `DOMParser` builds an inert document (its scripts never run, its images never load), exactly
//! as the browser reads the markup. This module walks it in document order, without recursion,
//! and hands each element and text node to the core's [`TextBuilder`], which decides what text
//! a reader sees. Using the browser's parser keeps an HTML parser out of the bundle.

use wasm_bindgen::JsCast;
use web_sys::{DomParser, Node, SupportedType};

use crate::core::html::{disarm_event_handlers, Extracted, HtmlEvent, TextBuilder};

/// The visible text and a suggested title of `html` (see [`crate::core::html`]). Never panics;
/// markup the browser cannot parse yields what it could read.
pub fn html_to_text(html: &str) -> Extracted {
    let mut b = TextBuilder::new();
    // Handlers never run in the inert document, but Chromium reports each one it parses as a
    // violation of the page's Content-Security-Policy: rename them first.
    let html = disarm_event_handlers(html);
    let root = DomParser::new()
        .and_then(|p| p.parse_from_string(&html, SupportedType::TextHtml))
        .ok()
        .and_then(|doc| doc.document_element());
    let Some(root) = root else {
        return b.finish();
    };
    // (node, leaving): an element is entered, its children are walked, then it is left.
    let mut stack: Vec<(Node, bool)> = vec![(root.into(), false)];
    while let Some((node, leaving)) = stack.pop() {
        match node.node_type() {
            Node::ELEMENT_NODE => {
                let Some(el) = node.dyn_ref::<web_sys::Element>() else {
                    continue;
                };
                let name = el.local_name();
                if leaving {
                    b.event(HtmlEvent::End { name: &name });
                    continue;
                }
                b.event(HtmlEvent::Start {
                    name: &name,
                    self_closing: false,
                });
                stack.push((node.clone(), true));
                let children = node.child_nodes();
                for i in (0..children.length()).rev() {
                    if let Some(c) = children.item(i) {
                        stack.push((c, false));
                    }
                }
            }
            Node::TEXT_NODE | Node::CDATA_SECTION_NODE => {
                if let Some(text) = node.node_value() {
                    b.event(HtmlEvent::Text(&text));
                }
            }
            _ => {}
        }
    }
    b.finish()
}
