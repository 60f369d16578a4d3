//! The candidates: each takes a page's HTML and returns its main text and metadata.

/// What a candidate returns for one page.
#[derive(Debug, Default, Clone)]
pub struct Out {
    pub text: String,
    pub title: Option<String>,
    pub byline: Option<String>,
    /// Published date or date-time, as the candidate gives it.
    pub date: Option<String>,
}

/// The URL that Readability's own tests give every page.
pub const PAGE_URL: &str = "http://fakehost/test/page.html";

pub type Run = fn(&str) -> Out;

/// (name, licence of the crate, function). Licences are those in each crate's Cargo.toml.
/// Without the `candidates` feature, only the app's own extractor and the baseline are built.
pub fn candidates() -> Vec<(&'static str, &'static str, Run)> {
    #[cfg_attr(not(feature = "candidates"), allow(unused_mut))]
    let mut v: Vec<(&'static str, &'static str, Run)> = vec![
        ("app (core::extract)", "MIT (dom_smoothie)", app),
        ("baseline-html5gum", "MIT (html5gum)", baseline),
        // The app's extractor with each prototype post-filter (core::extract::PostFilters).
        ("post+captions", "MIT (dom_smoothie)", post_captions),
        ("post+hidden", "MIT (dom_smoothie)", post_hidden),
        ("post+link-dense", "MIT (dom_smoothie)", post_link_dense),
        ("post+repeats", "MIT (dom_smoothie)", post_repeats),
        ("post+widgets", "MIT (dom_smoothie)", post_widgets),
        ("post+notices", "MIT (dom_smoothie)", post_notices),
        // The default before widgets and notices (captions, hidden text, repeats).
        ("post+captions-hidden-repeats", "MIT (dom_smoothie)", post_captions_hidden_repeats),
        ("post+all", "MIT (dom_smoothie)", post_all),
        ("post+all-but-captions", "MIT (dom_smoothie)", post_all_but_captions),
        ("post+all-but-link-dense", "MIT (dom_smoothie)", post_all_but_link_dense),
        // The app's extractor with the standfirst it finds apart put first, as the New
        // article dialog's "Begin with the standfirst" does.
        ("post+standfirst", "MIT (dom_smoothie)", post_standfirst),
    ];
    #[cfg(feature = "candidates")]
    v.extend_from_slice(&[
        ("trafilatura", "Apache-2.0", trafilatura_default as Run),
        ("trafilatura+recall", "Apache-2.0", trafilatura_recall),
        ("trafilatura+precision", "Apache-2.0", trafilatura_precision),
        ("rs-trafilatura", "MIT OR Apache-2.0", rs_trafilatura_default),
        ("rs-trafilatura+recall", "MIT OR Apache-2.0", rs_trafilatura_recall),
        ("rs-trafilatura+precision", "MIT OR Apache-2.0", rs_trafilatura_precision),
        ("dom_smoothie", "MIT", dom_smoothie_default),
        ("dom_smoothie+smoothie-mode", "MIT", dom_smoothie_smoothie),
        ("readex", "MIT OR Apache-2.0", readex_default),
        ("readex+readability-path", "MIT OR Apache-2.0", readex_readability),
        ("readability (kumabook)", "MIT", readability_kumabook),
        ("readability-rust", "Apache-2.0", readability_rust),
    ]);
    v
}

/// The app's extractor, exactly as the worker runs it (`Job::Extract`): the text the New
/// article dialog would show (the article, or the whole page when none was found).
fn app(html: &str) -> Out {
    let c = article_annotator::core::extract::extract(html, Some(PAGE_URL));
    Out {
        text: c.article,
        title: c.title,
        byline: c.byline,
        date: c.published,
    }
}

fn post_standfirst(html: &str) -> Out {
    let c = article_annotator::core::extract::extract(html, Some(PAGE_URL));
    Out {
        text: match c.standfirst {
            Some(lead) => format!("{lead}\n{}", c.article),
            None => c.article,
        },
        title: c.title,
        byline: c.byline,
        date: c.published,
    }
}

fn app_with(html: &str, f: article_annotator::core::extract::PostFilters) -> Out {
    let c = article_annotator::core::extract::extract_with(html, Some(PAGE_URL), f);
    Out {
        text: c.article,
        title: c.title,
        byline: c.byline,
        date: c.published,
    }
}

use article_annotator::core::extract::PostFilters as PF;

fn post_captions(html: &str) -> Out {
    app_with(html, PF { captions: true, ..PF::NONE })
}

fn post_hidden(html: &str) -> Out {
    app_with(html, PF { hidden: true, ..PF::NONE })
}

fn post_link_dense(html: &str) -> Out {
    app_with(html, PF { link_dense: true, ..PF::NONE })
}

fn post_repeats(html: &str) -> Out {
    app_with(html, PF { repeats: true, ..PF::NONE })
}

fn post_widgets(html: &str) -> Out {
    app_with(html, PF { widgets: true, ..PF::NONE })
}

fn post_notices(html: &str) -> Out {
    app_with(html, PF { notices: true, ..PF::NONE })
}

fn post_captions_hidden_repeats(html: &str) -> Out {
    app_with(html, PF { widgets: false, notices: false, ..PF::DEFAULT })
}

fn post_all(html: &str) -> Out {
    app_with(html, PF::ALL)
}

fn post_all_but_captions(html: &str) -> Out {
    app_with(html, PF { captions: false, ..PF::ALL })
}
fn post_all_but_link_dense(html: &str) -> Out {
    app_with(html, PF { link_dense: false, ..PF::ALL })
}

#[cfg(feature = "candidates")]
fn nonempty(s: String) -> Option<String> {
    if s.trim().is_empty() {
        None
    } else {
        Some(s)
    }
}

// ---------------------------------------------------------------------------------------------
// Baseline: every visible text of the page (html5gum tokens, the app's native reader's rules
// in short: head, script, style and the like dropped; block elements end a line).

const DROPPED: &[&str] = &[
    "head", "script", "style", "template", "noscript", "iframe", "object", "svg", "math",
    "noembed", "noframes", "xmp", "plaintext", "title", "textarea", "select", "button",
];

const BLOCKS: &[&str] = &[
    "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul", "body", "html", "caption", "center", "img",
];

/// The text of `html`: with `visible_only`, what a reader sees (see DROPPED); without, every
/// text node (the reference's text content). Block boundaries become line breaks, so two
/// paragraphs' edge words never glue into one word.
pub fn html_text(html: &str, visible_only: bool) -> String {
    use html5gum::{DefaultEmitter, Token, Tokenizer};
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut out = String::with_capacity(html.len() / 2);
    let mut skip: Vec<String> = Vec::new();
    for token in Tokenizer::new_with_emitter(html, emitter) {
        let Ok(token) = token;
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if visible_only && !tag.self_closing && DROPPED.contains(&name.as_str()) {
                    skip.push(name.clone());
                }
                if BLOCKS.contains(&name.as_str()) {
                    out.push('\n');
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if let Some(pos) = skip.iter().rposition(|s| *s == name) {
                    skip.truncate(pos);
                }
                if BLOCKS.contains(&name.as_str()) {
                    out.push('\n');
                }
            }
            Token::String(s) => {
                if skip.is_empty() {
                    out.push_str(&String::from_utf8_lossy(&s.value));
                }
            }
            _ => {}
        }
    }
    out
}

fn baseline(html: &str) -> Out {
    Out {
        text: html_text(html, true),
        ..Out::default()
    }
}

// ---------------------------------------------------------------------------------------------
// trafilatura (port of go-trafilatura)

#[cfg(feature = "candidates")]
fn trafilatura_with(html: &str, focus: trafilatura::ExtractionFocus) -> Out {
    let opts = trafilatura::Options::default()
        .with_focus(focus)
        .with_url(trafilatura_url());
    match trafilatura::extract(html, &opts) {
        Ok(r) => Out {
            text: r.content_text,
            title: nonempty(r.metadata.title),
            byline: nonempty(r.metadata.author),
            date: r.metadata.date.map(|d| d.to_string()),
        },
        Err(_) => Out::default(),
    }
}

#[cfg(feature = "candidates")]
fn trafilatura_url() -> url::Url {
    url::Url::parse(PAGE_URL).expect("url")
}

#[cfg(feature = "candidates")]
fn trafilatura_default(html: &str) -> Out {
    trafilatura_with(html, trafilatura::ExtractionFocus::Balanced)
}
#[cfg(feature = "candidates")]
fn trafilatura_recall(html: &str) -> Out {
    trafilatura_with(html, trafilatura::ExtractionFocus::FavorRecall)
}
#[cfg(feature = "candidates")]
fn trafilatura_precision(html: &str) -> Out {
    trafilatura_with(html, trafilatura::ExtractionFocus::FavorPrecision)
}

// ---------------------------------------------------------------------------------------------
// rs-trafilatura

#[cfg(feature = "candidates")]
fn rs_trafilatura_with(html: &str, recall: bool, precision: bool) -> Out {
    let opts = rs_trafilatura::Options {
        favor_recall: recall,
        favor_precision: precision,
        url: Some(PAGE_URL.to_string()),
        ..rs_trafilatura::Options::default()
    };
    match rs_trafilatura::extract_with_options(html, &opts) {
        Ok(r) => Out {
            text: r.content_text,
            title: r.metadata.title,
            byline: r.metadata.author,
            date: r.metadata.date.map(|d| d.to_rfc3339()),
        },
        Err(_) => Out::default(),
    }
}
#[cfg(feature = "candidates")]
fn rs_trafilatura_default(html: &str) -> Out {
    rs_trafilatura_with(html, false, false)
}
#[cfg(feature = "candidates")]
fn rs_trafilatura_recall(html: &str) -> Out {
    rs_trafilatura_with(html, true, false)
}
#[cfg(feature = "candidates")]
fn rs_trafilatura_precision(html: &str) -> Out {
    rs_trafilatura_with(html, false, true)
}

// ---------------------------------------------------------------------------------------------
// dom_smoothie (Readability.js port)

#[cfg(feature = "candidates")]
fn dom_smoothie_with(html: &str, mode: dom_smoothie::CandidateSelectMode) -> Out {
    let cfg = dom_smoothie::Config {
        candidate_select_mode: mode,
        ..dom_smoothie::Config::default()
    };
    let Ok(mut r) = dom_smoothie::Readability::new(html, Some(PAGE_URL), Some(cfg)) else {
        return Out::default();
    };
    match r.parse() {
        Ok(a) => Out {
            text: a.text_content.to_string(),
            title: nonempty(a.title),
            byline: a.byline,
            date: a.published_time,
        },
        Err(_) => Out::default(),
    }
}
#[cfg(feature = "candidates")]
fn dom_smoothie_default(html: &str) -> Out {
    dom_smoothie_with(html, dom_smoothie::CandidateSelectMode::Readability)
}
#[cfg(feature = "candidates")]
fn dom_smoothie_smoothie(html: &str) -> Out {
    dom_smoothie_with(html, dom_smoothie::CandidateSelectMode::DomSmoothie)
}

// ---------------------------------------------------------------------------------------------
// readex (Readability + Trafilatura cascade + htmldate); no precision/recall switch, so its
// alternative is its Readability-only path.

#[cfg(feature = "candidates")]
fn readex_out(r: Result<readex::Extracted, readex::ExtractError>) -> Out {
    match r {
        Ok(e) => Out {
            text: e.text,
            title: e.title,
            byline: e.byline,
            date: e.published_time,
        },
        Err(_) => Out::default(),
    }
}
#[cfg(feature = "candidates")]
fn readex_default(html: &str) -> Out {
    readex_out(readex::extract(html, Some(PAGE_URL)))
}
#[cfg(feature = "candidates")]
fn readex_readability(html: &str) -> Out {
    readex_out(readex::extract_via_readability(
        html,
        Some(PAGE_URL),
        &readex::Options::default(),
    ))
}

// ---------------------------------------------------------------------------------------------
// readability 0.3 (kumabook, arc90 port): title and text only.

#[cfg(feature = "candidates")]
fn readability_kumabook(html: &str) -> Out {
    let url = url::Url::parse(PAGE_URL).expect("url");
    let mut input = html.as_bytes();
    match readability::extractor::extract(&mut input, &url) {
        Ok(p) => Out {
            text: p.text,
            title: nonempty(p.title),
            ..Out::default()
        },
        Err(_) => Out::default(),
    }
}

// ---------------------------------------------------------------------------------------------
// readability-rust 0.1 (Mozilla Readability port)

#[cfg(feature = "candidates")]
fn readability_rust(html: &str) -> Out {
    let Ok(mut r) = readability_rust::Readability::new_with_base_uri(html, PAGE_URL, None) else {
        return Out::default();
    };
    match r.parse() {
        Some(a) => Out {
            text: a.text_content.unwrap_or_default(),
            title: a.title,
            byline: a.byline,
            date: a.published_time,
        },
        None => Out::default(),
    }
}
