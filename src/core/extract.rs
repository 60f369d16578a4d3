//! The article in a web page: its main text, and the metadata a new article is prefilled with.
//!
//! Every HTML the app is given (a saved page from **Open file**, rich text pasted, a page sent
//! by the bookmarklet) comes here, in the worker (`Job::Extract`). The page is parsed by
//! `html5ever` (through `dom_query`) into a tree that is only ever read: nothing in it can run
//! or load, since there is no browser document at all. Then:
//!
//! - **the article**: Mozilla's Readability algorithm, as ported by `dom_smoothie`, picks the
//!   element that holds the article and cleans it (navigation, share bars, related links,
//!   comments, footers, banners and ads go); its paragraphs, headings, block quotes and list
//!   items become the blocks of the text, by the same [`TextBuilder`] rules as any HTML, after
//!   the [`PostFilters`] (captions, hidden text, repeated lines, widgets named by their class
//!   or id, short notices known by their wording: `boilerplate`);
//! - **the standfirst**: the story's summary, when the page prints it in a block of its own
//!   just above the story and Readability left it out (found by the page's `og:description`
//!   or meta description); kept apart, for the dialog to offer, not put in the article (see
//!   `bench/extract/README.md`, "Twenty-fifth round", for why);
//! - **the story as data**: when the page shows under half of the story its schema.org JSON-LD
//!   gives as `articleBody` (a page its scripts draw, saved before they ran; a teaser over a
//!   paywall), that story, read as text ([`PageCapture::source`]; the dialog says so);
//! - **the whole page**: every text a reader sees, kept as the fallback the dialog offers, and
//!   used when nothing looks like an article ([`PageCapture::found`] is false: the page has no
//!   candidate, or what was found is shorter than [`MIN_ARTICLE_CHARS`]);
//! - **metadata**: title, byline, published date and site name from `<meta>`, Open Graph and
//!   schema.org JSON-LD (as `dom_smoothie` reads them; the date also from more meta names,
//!   JSON-LD in a `@graph` or a list, the address, `<time datetime>`, and last a date printed
//!   just after the headline), the canonical URL from
//!   `<link rel="canonical">`, else `og:url`, else the page's own URL; only `http:`/`https:`
//!   URLs are kept.
//!
//! Why `dom_smoothie`: measured on Mozilla Readability's 130 test pages (`bench/extract`), it
//! scored content F1 0.996 and title/byline/date 100%/97%/100%, against 0.941 for
//! `trafilatura` and 0.908 for `rs-trafilatura`, at a fifth of their bundle cost; see
//! `bench/extract/README.md` for the comparison and its caveat.

use crate::core::text::{is_byline_label, BYLINE_LABELS};
use dom_query::{Document, NodeRef};
use serde_tuple::{Deserialize_tuple, Serialize_tuple};

use crate::core::html::{cap_headline, HtmlEvent, TextBuilder};

mod boilerplate;
use crate::core::model::HttpUrl;

/// The largest page extracted, in bytes (the limit of **Open file**).
pub const MAX_PAGE_BYTES: usize = 20_000_000;

/// An extraction shorter than this many characters is not taken for an article: the whole
/// page's text is used instead (Readability.js's own threshold for a readable page is 140).
pub const MIN_ARTICLE_CHARS: usize = 140;

/// What a page yields: the article's text, the whole page's text, and its metadata.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize_tuple, Deserialize_tuple)]
pub struct PageCapture {
    /// The article's text, one block per line; the whole page's text when none was found.
    pub article: String,
    /// Every text a reader sees on the page, one block per line.
    pub whole: String,
    /// Whether an article was found (otherwise `article` is the whole text).
    pub found: bool,
    /// The article's title.
    pub title: Option<String>,
    /// The author(s), as the page gives them.
    pub byline: Option<String>,
    /// The publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// The canonical URL of the page (`http:`/`https:` only).
    pub url: Option<String>,
    /// The site's name.
    pub site_name: Option<String>,
    /// How many words `article` has.
    pub article_words: usize,
    /// How many words `whole` has.
    pub whole_words: usize,
    /// The story's standfirst (its summary, set above it), when the page prints one apart
    /// from the story and `article` does not hold it. Not part of `article`: the New article
    /// dialog offers it (**Begin with the standfirst**).
    pub standfirst: Option<String>,
    /// Where `article` was read from: the text the page shows, or the story it holds as data
    /// when it shows little of it.
    pub source: ArticleSource,
}

/// Where a [`PageCapture`]'s article was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum ArticleSource {
    /// The text the page shows (the article found in it, or its whole text).
    #[default]
    Shown,
    /// The story the page gives as data for search engines, its schema.org JSON-LD
    /// `articleBody`: a page whose scripts draw the story, saved without running them, shows
    /// little of it (see [`story_data`]).
    JsonLd,
    /// The story in the state the page's scripts draw it from (Next.js's flight data, a store's
    /// JSON; see [`script_state_story`]).
    Scripts,
}

/// Extracts the article of `html`, a page at `page_url` (when known: relative links and a
/// relative canonical URL are resolved against it). Never panics; a page too large, or one
/// that cannot be read, yields its whole text (possibly empty) with `found` false.
pub fn extract(html: &str, page_url: Option<&str>) -> PageCapture {
    extract_with(html, page_url, PostFilters::DEFAULT)
}

/// Post-filters applied to the article Readability found (prototype, measured in
/// `bench/extract` against a non-Readability reference set). Each drops text a reader does not
/// take for the article's own prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostFilters {
    /// Image captions and credits: `<figcaption>`, and elements whose class names a caption or
    /// a credit (`caption`, `credit`).
    pub captions: bool,
    /// Text meant for screen readers only or hidden (`sr-only`, `visually-hidden`,
    /// `screen-reader-text`, `off-screen`, `element-hidden`, `hidden`, the `hidden` attribute).
    pub hidden: bool,
    /// Short blocks (fewer than [`LINK_BLOCK_MAX_WORDS`] words) whose text is mostly link text
    /// (related stories, "Most popular", share and follow rows, breadcrumbs).
    pub link_dense: bool,
    /// Short lines repeated three times or more (gallery titles, "Most Popular", "Photo"),
    /// and a gallery's numbered counter lines.
    pub repeats: bool,
    /// Widgets inside the article, by their class or id (newsletter sign-ups, subscription
    /// offers, related stories, video players, share rows, ads, tag lists, author boxes, pull
    /// quotes), when they are small beside the article (see `boilerplate::names_widget`);
    /// cookie and consent banners removed before Readability runs; the page read again
    /// without widgets when what Readability took is short and mostly widgets; navigation
    /// blocks (`<nav>`, `role="navigation"`: menus, tables of contents, "Previous / Next");
    /// when Readability takes too little, the page without its furniture (navigation, header,
    /// footer, side boxes, widgets, link-dense blocks) if that reads as an article; a
    /// paragraph of prose with links, in wrappers of its own, taken out of them before
    /// Readability runs (its link-density cleaning would drop it with them).
    pub widgets: bool,
    /// Short notices, by their wording ("Advertisement", "Read more: …", newsletter sign-ups,
    /// paywall and comment-policy notices, copyright lines, photo credits, stamps, a live
    /// blog's entry headers; mostly English), bylines at either end of the article, link-dense
    /// blocks after its last paragraph, lists and marked paragraphs of links to the site's
    /// other stories inside it, and a box about the author under its label.
    pub notices: bool,
}

impl PostFilters {
    /// None: Readability's article as `dom_smoothie` returns it.
    pub const NONE: Self = Self {
        captions: false,
        hidden: false,
        link_dense: false,
        repeats: false,
        widgets: false,
        notices: false,
    };
    /// All of them.
    pub const ALL: Self = Self {
        captions: true,
        hidden: true,
        link_dense: true,
        repeats: true,
        widgets: true,
        notices: true,
    };
    /// What [`extract`] applies: captions and credits, hidden text, repeated short lines,
    /// widgets and notices go; link-dense blocks stay. Measured (`bench/extract/README.md`):
    /// on newspaper4k's fixtures (references not Readability's), F1 0.953 with none → 0.962
    /// with the first three → 0.966 with widgets and notices; on ScrapingHub's held-out pages
    /// 0.954 → 0.962 for the last step; on Readability's own test pages 0.994 → 0.982 → 0.979,
    /// still above the targets; the link-density filter would take that set under them.
    /// Whatever is dropped stays in the whole page's text, which the dialog offers.
    pub const DEFAULT: Self = Self {
        captions: true,
        hidden: true,
        link_dense: false,
        repeats: true,
        widgets: true,
        notices: true,
    };
}

/// A block with fewer words than this may be dropped as link-dense.
pub const LINK_BLOCK_MAX_WORDS: usize = 40;

/// A whole page's tree, parsed as the browser that showed the page parsed it: with scripting
/// enabled, so that a `<noscript>`'s content is one raw text, as it is for the browser (and as
/// the bookmarklet's serialised page has it), and cannot take in the rest of the page.
/// `dom_query`'s own parser has scripting off; there `<noscript><div></noscript>` (a common
/// "JavaScript is off" banner) leaves the `</noscript>` ignored and puts the whole page inside
/// the `<noscript>`, whose text a reader never sees: the page came out empty.
///
/// Every `<noscript>` is then removed: its text is never shown (the text builder skips it, as
/// the browser does), and left as raw text it would be parsed again, with scripting off, when
/// the Readability port serialises and re-reads the article.
fn parse_page(html: &str) -> Document {
    use html5ever::tendril::TendrilSink;
    let opts = html5ever::ParseOpts {
        tree_builder: html5ever::tree_builder::TreeBuilderOpts {
            scripting_enabled: true,
            ..Default::default()
        },
        ..Default::default()
    };
    let doc = html5ever::parse_document(Document::default(), opts).one(html);
    doc.select("noscript").remove();
    doc
}

/// [`extract`], with the given post-filters on the article.
///
/// A page in which nothing looks like an article may keep its article in a `<noscript>`: a
/// blog whose scripts draw its posts (Blogger's themes) writes a copy of the post there, for
/// readers without scripts, and a copy saved as "HTML only" holds nothing else of it. Then the
/// page is read once more with its noscripts' content as part of the page, as a browser
/// without scripts shows it, and that reading is taken when it finds an article.
pub fn extract_with(html: &str, page_url: Option<&str>, filters: PostFilters) -> PageCapture {
    let capture = extract_page(html, page_url, filters);
    if capture.found || !filters.widgets {
        return capture;
    }
    match noscripts_opened(html) {
        Some(opened) => {
            let again = extract_page(&opened, page_url, filters);
            if again.found {
                again
            } else {
                capture
            }
        }
        None => capture,
    }
}

/// How many words a page's `<noscript>`s must hold together for [`noscripts_opened`] to read
/// them: a "turn on JavaScript" banner or a tracking pixel is not worth a second reading.
const NOSCRIPT_MIN_WORDS: usize = 50;

/// The page with each `<noscript>` replaced by its content read as markup, as a browser with
/// scripts off shows it; `None` when its noscripts hold fewer than [`NOSCRIPT_MIN_WORDS`] words
/// of text. The noscripts are found as the browser finds them (`<noscript>` is raw text with
/// scripting on, so one left open does not take in the page).
fn noscripts_opened(html: &str) -> Option<String> {
    if !html
        .as_bytes()
        .windows(9)
        .any(|w| w.eq_ignore_ascii_case(b"<noscript"))
    {
        return None;
    }
    use html5ever::tendril::TendrilSink;
    let opts = html5ever::ParseOpts {
        tree_builder: html5ever::tree_builder::TreeBuilderOpts {
            scripting_enabled: true,
            ..Default::default()
        },
        ..Default::default()
    };
    let doc: Document = html5ever::parse_document(Document::default(), opts).one(html);
    let noscripts = doc.select("noscript");
    let raw: Vec<String> = noscripts
        .nodes()
        .iter()
        .map(|n| n.text().to_string())
        .collect();
    let words: usize = raw
        .iter()
        .map(|r| {
            text_of(&Document::from(r.as_str()).root())
                .text
                .split_whitespace()
                .count()
        })
        .sum();
    if words < NOSCRIPT_MIN_WORDS {
        return None;
    }
    for (node, markup) in noscripts.nodes().iter().zip(raw) {
        node.replace_with_html(markup);
    }
    // Any noscript inside those stays a noscript: read once, never again.
    Some(doc.html().to_string())
}

/// One reading of a page ([`extract_with`]).
fn extract_page(html: &str, page_url: Option<&str>, filters: PostFilters) -> PageCapture {
    if html.len() > MAX_PAGE_BYTES {
        return PageCapture::default();
    }
    // A page saved by a browser names its address in a comment ("saved from url=").
    let saved_from = saved_from_url(html);
    let page_url = page_url
        .and_then(|u| HttpUrl::parse(u).ok())
        .map(|u| u.as_str().to_owned())
        .or_else(|| saved_from.clone());
    let doc = parse_page(html);
    if filters.widgets {
        line_break_elements(&doc);
    }
    let whole_page = text_of(&doc.root());
    if filters.widgets {
        boilerplate::drop_consent_banners(&doc.root());
        mark_widgets(&doc);
        mark_forms(&doc);
        drop_next_stories(&doc);
    }
    if filters.hidden {
        show_paywalled(&doc);
        mark_hidden_styles(&doc);
    }
    if filters.captions || filters.hidden || filters.widgets {
        keep_div_marks(&doc);
    }
    if filters.widgets {
        unwrap_linked_paragraphs(&doc);
        mute_data_tables(&doc);
    }
    let canonical = canonical_url(&doc, page_url.as_deref()).or_else(|| page_url.clone());
    // Dates the Readability port does not read: more meta names, `itemprop`, JSON-LD in a
    // `@graph` or a list, the address, then the page's `<time datetime>` elements.
    let other_date = || {
        meta_date(&doc)
            .or_else(|| json_ld_date(&doc))
            .or_else(|| canonical.as_deref().and_then(url_date))
            .or_else(|| page_url.as_deref().and_then(url_date))
            .or_else(|| saved_from.as_deref().and_then(url_date))
            .or_else(|| time_date(&doc))
            .or_else(|| visible_date(&doc))
    };
    let fallback_date = other_date();
    // (Only asked when nothing else dated the page: it is the last resort.)
    let update_date = if fallback_date.is_none() {
        update_date(&doc).or_else(|| modified_date(&doc))
    } else {
        None
    };
    let ld_authors = json_ld_authors(&doc);
    let meta_authors = meta_authors(&doc);
    let meta_author = meta_authors.first().cloned();
    let article_author = article_author(&doc);
    let marked_author = marked_author(&doc);
    let printed_author = printed_author(&doc);
    // The page's byline-like elements, found once for the three readers of them.
    let byline_like = byline_like_elements(&doc);
    let coauthors = coauthors(&doc, &byline_like);
    let byline_boxes = byline_boxes(&byline_like);
    let other_story_bylines = other_story_bylines(&byline_like);
    let next_byline = next_byline(&byline_like);
    let feed_site = feed_site_name(&doc);
    let og_title = open_graph(&doc, "og:title");
    let twitter_title = meta_named(&doc, "twitter:title");
    let og_site_name = open_graph(&doc, "og:site_name");
    let descriptions = if filters.widgets {
        descriptions(&doc)
    } else {
        Vec::new()
    };
    let story_data = if filters.widgets {
        story_data(&doc)
            .map(|s| (s, ArticleSource::JsonLd))
            .or_else(|| {
                let title = og_title.clone().or_else(|| whole_page.title.clone());
                let site = og_site_name.clone().or_else(|| feed_site.clone());
                let url = canonical.as_deref().or(page_url.as_deref());
                script_state_story(&doc, title.as_deref(), site.as_deref(), url)
                    .map(|s| (s, ArticleSource::Scripts))
            })
    } else {
        None
    };

    let cfg = dom_smoothie::Config {
        max_elements_to_parse: 0,
        // Classes do not change what Readability picks (it scores the page's own); kept in
        // its output for the caption and hidden-text filters.
        keep_classes: filters.captions || filters.hidden || filters.widgets,
        ..dom_smoothie::Config::default()
    };
    // Readability walks the tree recursively: a page nested deeper than any real one (a
    // browser's own parser flattens beyond 512) keeps its whole text rather than risk the
    // worker's stack.
    let shallow = depth(&doc.root()) <= MAX_DEPTH;
    // The article, and the page as Readability left it (the article in its place, the rest
    // as it was read), where the story's continuation is looked for.
    let readability = |doc: Document| {
        dom_smoothie::Readability::with_document(doc, page_url.as_deref(), Some(cfg.clone()))
            .ok()
            .and_then(|mut r| r.parse().ok().map(|a| (a, r.doc)))
    };
    // A page in Chinese, Japanese or Korean (its language says so, or most of its letters):
    // a copy, read again when Readability's article is not in that script.
    let cjk_lang = doc
        .select_single("html[lang]")
        .attr("lang")
        .is_some_and(|l| {
            let l = l.trim().to_ascii_lowercase();
            ["ja", "zh", "ko"]
                .iter()
                .any(|c| l == *c || l.starts_with(&format!("{c}-")))
        });
    let wide_page =
        filters.widgets && shallow && (cjk_lang || mostly_wide_script(&whole_page.text));
    let spare = wide_page.then(|| doc.clone());
    let mut parsed = shallow.then(|| readability(doc)).flatten();
    // Readability's article in another script than the page's (a Japanese article of 278
    // characters, under Readability's 500, so it read the page again without its rules on
    // unlikely blocks and kept the longest text: the footer's licence notice in English): the
    // first reading alone, with all its rules, when that is in the page's script.
    if let Some(spare) = spare {
        if parsed
            .as_ref()
            .is_some_and(|(a, _)| !mostly_wide_script(&a.text_content))
        {
            // (A threshold of one character: Readability's first reading, with all its rules,
            // is kept as it is; the same `parse` as above, not a second code path.)
            let first_only = dom_smoothie::Config {
                char_threshold: 1,
                ..cfg.clone()
            };
            let strict = dom_smoothie::Readability::with_document(
                spare,
                page_url.as_deref(),
                Some(first_only),
            )
            .ok()
            .and_then(|mut r| r.parse().ok().map(|a| (a, r.doc)));
            if let Some(b) = strict.filter(|(b, _)| {
                visible_chars(&b.text_content) >= MIN_ARTICLE_CHARS
                    && mostly_wide_script(&b.text_content)
            }) {
                parsed = Some(b);
            }
        }
    }
    // What Readability took is short and mostly widgets (an author's box, a sign-up or comment
    // form won over an article of short paragraphs): again without any widget or small form,
    // and the longer of the two is kept (a class naming the article itself, `video-article`,
    // keeps the first). Only short results are looked at again, so a long page is never read
    // twice.
    let first_chars = parsed
        .as_ref()
        .map_or(0, |(a, _)| visible_chars(&a.text_content));
    let short = |a: &dom_smoothie::Article| {
        a.text_content.split_whitespace().count() < boilerplate::WIDGET_TAKEN_MAX_WORDS
    };
    let taken_widget = filters.widgets
        && parsed.as_ref().is_some_and(|(a, _)| {
            short(a) && widget_share(&a.content) >= boilerplate::WIDGET_TAKEN_SHARE
        });
    // Or mostly small forms (a comment, log-in or sign-up form's labels and notices): again
    // without them, and the second is kept when it has more than what was not form in the
    // first (a form's own text is often longer than a short article).
    let form_share = if filters.widgets && !taken_widget {
        parsed
            .as_ref()
            .filter(|(a, _)| short(a))
            .map_or(0.0, |(a, _)| form_share(&a.content))
    } else {
        0.0
    };
    let taken_form = form_share >= boilerplate::WIDGET_TAKEN_SHARE;
    if taken_widget || taken_form {
        let again = parse_page(html);
        boilerplate::drop_consent_banners(&again.root());
        mark_widgets(&again);
        mark_forms(&again);
        keep_div_marks(&again);
        again
            .select(&format!("[{WIDGET_MARK}], form[{FORM_MARK}]"))
            .remove();
        let enough = if taken_form {
            (first_chars as f64 * (1.0 - form_share.min(1.0))) as usize
        } else {
            first_chars
        };
        if let Some(b) = readability(again) {
            let chars = visible_chars(&b.0.text_content);
            if chars > enough && (taken_widget || chars >= MIN_ARTICLE_CHARS) {
                parsed = Some(b);
            }
        }
    }

    let mut capture = PageCapture {
        whole: whole_page.text.clone(),
        url: canonical,
        title: whole_page.title.clone(),
        ..PageCapture::default()
    };
    match parsed {
        Some((a, read)) => {
            // The story's other modules first: they are found by the shape of what
            // Readability took, as it left it.
            let (before, after) = if filters.widgets {
                continuation(&read, &a.text_content, &whole_page.text)
            } else {
                (String::new(), String::new())
            };
            let rebuilt = table_parts_as_blocks(&read);
            let taken: &str = rebuilt.as_deref().unwrap_or(&a.content);
            let content = Document::from(format!("{before}{taken}{after}"));
            unmute_data_tables(&content);
            // Paragraphs wholly in bold: where a byline set apart from its label may be.
            let bold_lines = bold_paragraphs(&content);
            // The headline again (Readability drops only its first copy).
            if filters.notices {
                let titles = [Some(a.title.to_string()), og_title.clone()];
                for h in title_headings(&content, &titles) {
                    h.remove_from_parent();
                }
            }
            let section_links = if filters.notices {
                leading_section_links(&content, [capture.url.as_deref(), page_url.as_deref()])
            } else {
                Vec::new()
            };
            prune(
                &content,
                filters,
                [capture.url.as_deref(), page_url.as_deref()],
            );
            let mut article = line_filters(
                without_leading(&text_of(&content.root()).text, &section_links),
                filters,
            );
            // The post-filters never empty what Readability found: when they leave too little,
            // its article is taken as it is.
            if visible_chars(&article) < MIN_ARTICLE_CHARS && filters != PostFilters::NONE {
                let unfiltered = text_of(&Document::from(a.content.as_ref()).root()).text;
                if visible_chars(&unfiltered) >= MIN_ARTICLE_CHARS {
                    article = unfiltered;
                }
            }
            // Readability took too little (a box, a sign-up form, a page whose story it
            // could not score): the page without its furniture, when that reads as an article.
            if visible_chars(&article) < MIN_ARTICLE_CHARS && filters.widgets {
                if let Some(text) = page_without_furniture(
                    html,
                    filters,
                    [capture.url.as_deref(), page_url.as_deref()],
                ) {
                    article = text;
                }
            }
            capture.found = visible_chars(&article) >= MIN_ARTICLE_CHARS;
            capture.article = if capture.found {
                article
            } else {
                whole_page.text
            };
            capture.site_name = a
                .site_name
                .as_deref()
                .and_then(clean)
                .or_else(|| feed_site.clone());
            capture.title = clean(&a.title)
                .map(|t| without_site(&t, capture.site_name.as_deref(), capture.url.as_deref()))
                .map(|t| cap_headline(&t))
                .or(capture.title);
            // A title that is only the site's name (a JSON-LD article's `name` that names the
            // publication: "Газета «Коммерсантъ»"): the page's `og:title` instead.
            let site_title = |t: &str| {
                capture.site_name.as_deref().is_some_and(|site| {
                    let site_c = compact(site);
                    site_c.chars().count() >= 3
                        && compact(t).contains(&site_c)
                        && t.split_whitespace().count() <= site.split_whitespace().count() + 1
                })
            };
            if capture.title.as_deref().is_some_and(site_title) {
                if let Some(og) = og_title.as_deref().filter(|o| !site_title(o)) {
                    let og = without_site(og, capture.site_name.as_deref(), capture.url.as_deref());
                    capture.title = Some(cap_headline(&og));
                }
            }
            // The `og:title` and a short section after a bar ("Headline | Sport"): the
            // `og:title`. The Twitter card's title and a breadcrumb after it ("Headline »
            // Local » Noticias » Site", a `<meta name="title">`): the card's title.
            if let Some(t) = capture.title.clone() {
                let section = |og: &str| {
                    t.strip_prefix(og)
                        .and_then(|rest| rest.strip_prefix(" | "))
                        .is_some_and(|tail| {
                            (1..=TITLE_SECTION_MAX_WORDS).contains(&tail.split_whitespace().count())
                        })
                };
                let crumbs = |card: &str| {
                    long_title(card)
                        && t.strip_prefix(card).is_some_and(|rest| {
                            TITLE_SEPARATORS.iter().any(|sep| {
                                rest.strip_prefix(sep)
                                    .is_some_and(|tail| !tail.trim().is_empty())
                            })
                        })
                };
                if let Some(og) = og_title.as_deref().filter(|og| section(og)) {
                    capture.title = Some(cap_headline(og));
                } else if let Some(card) = twitter_title.as_deref().filter(|c| crumbs(c)) {
                    capture.title = Some(cap_headline(card));
                }
            }
            // Short lines that open the article but stand above the headline on the page (a
            // kicker, a section's name, a "skip to content" link).
            if capture.found && filters.notices {
                let titles = [capture.title.clone(), og_title.clone(), clean(&a.title)];
                capture.article =
                    without_lines_above_headline(&capture.article, &capture.whole, &titles);
            }
            // The standfirst printed above the story, outside what Readability took (looked
            // for once the lines above the headline are gone: the story's first line is its
            // mark on the page).
            if capture.found {
                capture.standfirst = standfirst(&descriptions, &capture.whole, &capture.article);
            }
            // A byline without a letter ("-", a number) is none, and so is another story's
            // (a teaser's byline, which Readability met first).
            // A byline that is only a stamp or a stamp's labels ("Published: Dec. 22, 2026,
            // 6:47 p.m.", "Posted on") names no one: the next byline-like element that does,
            // as Readability would have taken had it passed over the stamp.
            let stamp = a
                .byline
                .as_deref()
                .and_then(clean)
                .filter(|b| names_no_one(b));
            capture.byline = match stamp {
                Some(_) => next_byline.clone(),
                None => a.byline.as_deref().and_then(clean),
            }
            .filter(|b| b.chars().any(char::is_alphabetic))
            .filter(|b| !other_story_bylines.contains(&compact(b)));
            let mut byline_as_printed = None;
            // Readability reads its byline's element as one run of text; where the page printed
            // the names, the paper and the date in boxes of their own ("By Jane DoeLedger
            // NewsDec 13, 2016"), the byline as printed.
            if let Some(b) = capture.byline.as_deref() {
                let key = compact(b);
                if let Some((_, printed, whole)) = byline_boxes.iter().find(|(k, _, _)| *k == key) {
                    byline_as_printed = Some(whole.clone());
                    capture.byline = Some(printed.clone());
                }
            }
            // None, or the site's own name ("Example.com", a meta author of "Example News"),
            // or the same people as the JSON-LD's ("Doe, Jane"; "Jane Doe and John Roe"; a
            // name twice), or a byline that does not name every one of them (a comment form's
            // "Name", another person, a label before the name: "Von Jane Doe"): the people the
            // article's JSON-LD names, when it names any, as Readability.js prefers them. A
            // byline that names them all and more ("Jane Doe, AFP", co-authors) stays.
            let give_way = capture.byline.as_deref().is_none_or(|b| {
                is_handle(b)
                    || names_the_site(b, capture.site_name.as_deref(), capture.url.as_deref())
                    || ld_authors
                        .as_deref()
                        .is_some_and(|ld| same_people(b, ld) || !names_more(b, ld))
            });
            if give_way && ld_authors.is_some() {
                capture.byline = ld_authors;
            }
            // Still none, the site's name or a handle ("jane-doe", an e-mail address): the
            // page's `<meta name="author">` when that names someone else.
            let unnamed = capture.byline.as_deref().is_none_or(|b| {
                is_handle(b)
                    || names_the_site(b, capture.site_name.as_deref(), capture.url.as_deref())
            });
            if unnamed {
                let someone = |m: &&str| {
                    !names_the_site(m, capture.site_name.as_deref(), capture.url.as_deref())
                };
                // Else the person the page's markup marks as the author (`rel="author"`,
                // `itemprop="author"`, a link to an author's page), else the names a line
                // under the headline prints after "By".
                if let Some(m) = meta_author
                    .as_deref()
                    .filter(someone)
                    .or_else(|| marked_author.as_deref().filter(someone))
                    .or_else(|| printed_author.as_deref().filter(someone))
                {
                    capture.byline = Some(m.to_owned());
                }
            }
            // The byline is the page's `<meta name="author">`, and Open Graph's
            // `article:author` names someone else: the publisher where the writer should be
            // (Condé Nast's sites write "Condé Nast" in the first, the writer in the second),
            // so the writer: a name of two words or more that is not the site's.
            if let (Some(b), Some(writer)) = (capture.byline.as_deref(), article_author.as_deref())
            {
                if meta_author.as_deref() == Some(b)
                    && compact(b) != compact(writer)
                    && writer.split_whitespace().count() >= 2
                    && !names_the_site(writer, capture.site_name.as_deref(), capture.url.as_deref())
                {
                    capture.byline = Some(writer.to_owned());
                }
            }
            // A name in a catalogue's order ("Doe, Jane", as a `parsely-author` or Dublin
            // Core's `creator` may give it) that the page prints in reading order ("Jane Doe":
            // the marked author, a byline-like element, a line under the headline): as printed.
            if let Some(turned) = capture.byline.as_deref().and_then(reading_order) {
                let printed = [&marked_author, &next_byline, &printed_author]
                    .into_iter()
                    .flatten()
                    .any(|m| compact(m).contains(&compact(&turned)));
                if printed {
                    capture.byline = Some(turned);
                }
            }
            // Still only a web address or a label: none (a slug or an e-mail address at least
            // names someone).
            let (site, url) = (capture.site_name.as_deref(), capture.url.as_deref());
            capture.byline = capture.byline.and_then(|b| byline_as_shown(&b, site, url));
            // One of the people a line of linked authors names ("Jane Doe" of "Jane Doe and
            // John Roe", where Readability takes the first link): all of them.
            if let Some(b) = capture.byline.as_deref().map(compact) {
                if let Some((_, all)) = coauthors.iter().find(|(one, _)| compact(one) == b) {
                    capture.byline = Some(all.clone());
                }
            }
            // A line of only names at the article's start (the byline set apart from its
            // label) is not the article's text: dropped when it names the byline's people,
            // and taken as the byline when there is still none (none, the site's name, a
            // handle) and it is a paragraph in bold, then also at the article's end.
            if capture.found {
                let unnamed = capture.byline.as_deref().is_none_or(|b| {
                    is_handle(b)
                        || names_the_site(b, capture.site_name.as_deref(), capture.url.as_deref())
                });
                let known = capture.byline.clone().filter(|_| !unnamed);
                if let Some((at, names)) = edge_names(
                    &capture.article,
                    known.as_deref(),
                    capture.title.as_deref(),
                    &bold_lines,
                    &capture.whole,
                ) {
                    capture.article = capture
                        .article
                        .lines()
                        .enumerate()
                        .filter(|(i, _)| *i != at)
                        .map(|(_, l)| l)
                        .collect::<Vec<_>>()
                        .join("\n");
                    if unnamed {
                        capture.byline = Some(names);
                    }
                }
                // The byline again at the article's start, with a role, a place or a date
                // after the names: not the article's text either.
                if let Some(b) = known {
                    capture.article = without_byline_lines(&capture.article, &b);
                }
            }
            // Else the date printed in the byline ("Written by Jane Doe in Science on 1 June
            // 2026 at 08:34 PM EDT").
            capture.published = a
                .published_time
                .as_deref()
                .and_then(parse_date)
                .or(fallback_date)
                .or_else(|| {
                    byline_as_printed
                        .as_deref()
                        .into_iter()
                        .chain(a.byline.as_deref())
                        .find_map(byline_date)
                })
                .or(update_date);
        }
        None => {
            // Readability read nothing (or the page is too deep for it): the page without
            // its furniture, when that reads as an article, else its whole text.
            let urls = [capture.url.as_deref(), page_url.as_deref()];
            let cleaned = if filters.widgets {
                page_without_furniture(html, filters, urls)
            } else {
                None
            };
            capture.found = cleaned.is_some();
            capture.article = cleaned.unwrap_or(whole_page.text);
            capture.published = fallback_date.or(update_date);
            // Nor any of its metadata: the page's own, as its `<meta>` gives it (a page its
            // scripts draw, read from their data below, has its title, site and author there).
            capture.site_name = og_site_name.or_else(|| feed_site.clone());
            let (site, url) = (capture.site_name.as_deref(), capture.url.as_deref());
            capture.title = og_title
                .clone()
                .or(capture.title)
                .map(|t| cap_headline(&without_site(&t, site, url)));
            capture.byline = meta_authors
                .iter()
                .find(|m| !names_the_site(m, site, url))
                .and_then(|m| byline_as_shown(m, site, url));
        }
    }
    // The page shows little of the story its data holds (its scripts draw the text, and the
    // page was saved without running them; or the page shows a teaser): the story as data.
    if let Some((body, source)) = story_data {
        let body_words = count_words(&body);
        // (A story from the scripts' data, where the page shows an article, must hold most of
        // what it shows: a teaser's whole story, not a list of the site's stories that names
        // it.)
        let shows_less = count_words(&capture.article) * 2 < body_words
            && (source != ArticleSource::Scripts || holds_most_of(&body, &capture.article));
        if !capture.found || shows_less {
            // The page's summary, when the story's data leaves it out (a teaser the page
            // shows above a paywall): offered as the standfirst.
            let flat = collapse(&body);
            capture.standfirst = descriptions.iter().find(|d| !flat.contains(*d)).cloned();
            capture.article = body;
            capture.found = true;
            capture.source = source;
        }
    }
    capture.article_words = count_words(&capture.article);
    capture.whole_words = count_words(&capture.whole);
    capture
}

/// The page's `<meta name>` (`twitter:title`; or, as some pages write it, its `property`),
/// white space collapsed.
fn meta_named(doc: &Document, name: &str) -> Option<String> {
    meta_content(doc, name, &["name", "property"])
}

/// The page's Open Graph `property` (`og:title`), white space collapsed.
fn open_graph(doc: &Document, property: &str) -> Option<String> {
    meta_content(doc, property, &["property"])
}

/// The `content` of the first `<meta>` whose first of `attributes` it has is `key` (ASCII case
/// aside), white space collapsed.
fn meta_content(doc: &Document, key: &str, attributes: &[&str]) -> Option<String> {
    doc.select("meta[content]")
        .nodes()
        .iter()
        .find(|n| {
            attributes
                .iter()
                .find_map(|a| n.attr(a))
                .is_some_and(|v| v.trim().eq_ignore_ascii_case(key))
        })
        .and_then(|n| n.attr("content").as_deref().and_then(clean))
}

/// A byline as the capture shows it: none when it is only a web address, a label or a
/// placeholder; else without a stamp, profile links, a "posts" link, initials, the site's part,
/// a label ("By"), its names as a list.
fn byline_as_shown(b: &str, site: Option<&str>, url: Option<&str>) -> Option<String> {
    if is_address_or_label(b) || is_placeholder(b) {
        return None;
    }
    let b = without_stamp(&without_profile_links(&spaced_label(without_posts_link(b))));
    Some(as_list(without_label(&without_initials(
        &without_site_part(&b, site, url),
    ))))
}

/// Whether `story` holds most of `shown`: half of its runs of three words (in lower case) or
/// more.
fn holds_most_of(story: &str, shown: &str) -> bool {
    let runs = |s: &str| -> Vec<String> {
        let words: Vec<String> = s.split_whitespace().map(str::to_lowercase).collect();
        words.windows(3).map(|w| w.join(" ")).collect()
    };
    let held: std::collections::HashSet<String> = runs(story).into_iter().collect();
    let shown = runs(shown);
    !shown.is_empty() && shown.iter().filter(|r| held.contains(*r)).count() * 2 >= shown.len()
}

/// Fewest words of a page's `articleBody` that [`story_data`] takes for a story.
pub const STORY_DATA_MIN_WORDS: usize = 100;

/// The story the page's schema.org JSON-LD gives as its `articleBody`, when it gives one story
/// only, as text: one block a line (its own line breaks, or its paragraphs when it holds HTML,
/// which is only read, as any page is), character references decoded, white space collapsed;
/// when it has at least [`STORY_DATA_MIN_WORDS`] words. Publishers put the story there for
/// search engines; a page whose scripts draw the story (saved as HTML only, before they ran)
/// has it nowhere else.
fn story_data(doc: &Document) -> Option<String> {
    // One story only: a page whose data gives several (a front page's list of stories) does
    // not say which is the page's.
    let mut bodies: Vec<&str> = Vec::new();
    let scripts = json_ld_scripts(doc, "articleBody");
    for value in &scripts {
        walk_json_ld(
            value,
            |map| map.values().collect(),
            |map| {
                if let Some(b) = map.get("articleBody").and_then(|b| b.as_str()) {
                    if b.split_whitespace().count() >= STORY_DATA_MIN_WORDS && !bodies.contains(&b)
                    {
                        bodies.push(b);
                    }
                }
            },
        );
    }
    let [body] = bodies.as_slice() else {
        return None;
    };
    story_text(body)
}

/// A story given as data (text, HTML, or HTML with its marks as character references) as
/// text, one block a line, when it has at least [`STORY_DATA_MIN_WORDS`] words.
fn story_text(body: &str) -> Option<String> {
    let body = body.to_string();
    // (Its HTML may come with its marks as character references, "&lt;p&gt;": its
    // references decoded as an HTML parser decodes them, the text kept as it is.)
    let raw = if body.contains('<') {
        body
    } else {
        Document::from(format!("<div>{body}</div>"))
            .select_single("div")
            .text()
            .to_string()
    };
    // Its captions dropped, as a page's are (a photo's `<figcaption>`, `<div class="caption">`).
    let text = if raw.contains('<') && raw.contains('>') {
        let doc = Document::from(format!("<div>{raw}</div>"));
        let captions = PostFilters {
            captions: true,
            ..PostFilters::NONE
        };
        prune(&doc, captions, [None, None]);
        text_of(&doc.root()).text
    } else {
        raw
    };
    let text = text
        .lines()
        .map(collapse)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    (count_words(&text) >= STORY_DATA_MIN_WORDS).then_some(text)
}

/// The story a page's scripts hold to draw it, for a page saved before they ran (a browser's
/// "Webpage, HTML only" saves what the server sent): of the strings in the page's inline
/// scripts (a JSON or JavaScript string after a `:`, an object's value; in a Next.js page's
/// flight data, `self.__next_f.push([1, "…"])`, the strings of its rows once decoded and its
/// text rows, `24:T1b7b,…`), the one with the most words, at least [`STORY_DATA_MIN_WORDS`],
/// read as a story given as data is ([`story_text`]; placeholders dropped), that is not JSON
/// itself and holds at least a third of the words of the page's `title` ([`title_keys`]; a
/// cookie policy or another story's text holds few). Only read, as JSON-LD is; nothing of a
/// script runs.
fn script_state_story(
    doc: &Document,
    title: Option<&str>,
    site: Option<&str>,
    url: Option<&str>,
) -> Option<String> {
    // (The title's longest part between separators: not the site's name after it.)
    let title = title_parts(title?)
        .into_iter()
        .max_by_key(|part| part.chars().count())?;
    // A title that is only the site's name says nothing of the story (and a cookie policy
    // names the site).
    if names_the_site(title, site, url) {
        return None;
    }
    let title_words = title_keys(title);
    if title_words.len() < 2 {
        return None;
    }
    let mut flight = String::new();
    let mut candidates: Vec<String> = Vec::new();
    for n in doc.select("script").nodes() {
        let json_ld = n
            .attr("type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
        if n.attr("src").is_some() || json_ld {
            continue;
        }
        let text = n.text();
        if text.contains(FLIGHT_PUSH) {
            flight_chunks(&text, &mut flight);
        } else {
            long_strings(&text, &mut candidates);
        }
    }
    flight_text_rows(&flight, &mut candidates);
    long_strings(&flight, &mut candidates);
    candidates
        .iter()
        .filter_map(|c| story_text(c))
        .map(|text| without_placeholders(&text))
        // (A string that holds data of its own, JSON in a string, is no story; nor is a text
        // that speaks of cookies as it opens: a consent manager's.)
        .filter(|text| !text.trim_start().starts_with(['{', '[']))
        .filter(|text| {
            let opening: String = text.chars().take(CONSENT_OPENING_CHARS).collect();
            !opening.to_lowercase().contains("cookie")
        })
        .filter(|text| {
            let lower = text.to_lowercase();
            let held = title_words
                .iter()
                .filter(|w| lower.contains(w.as_str()))
                .count();
            held * 3 >= title_words.len()
        })
        .max_by_key(|text| count_words(text))
}

/// The words of a title that a story's text can be expected to hold: its words of four letters
/// or more (a shorter one, "de", "to", is in any text), its words in Hangul, and in the
/// scripts written without spaces, each pair of characters; each once.
fn title_keys(title: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for word in byline_words(title, &[]) {
        let chars: Vec<char> = word.chars().collect();
        if chars.iter().any(|c| is_spaceless_script(*c)) {
            keys.extend(
                chars
                    .windows(2)
                    .filter(|pair| pair.iter().all(|c| is_spaceless_script(*c)))
                    .map(|pair| pair.iter().collect::<String>()),
            );
        } else if chars.len() >= 4
            || (chars.len() >= 2 && chars.iter().any(|c| matches!(c, '\u{AC00}'..='\u{D7AF}')))
        {
            keys.push(word);
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// `text` without its lines that are only a template's placeholder, which the page's scripts
/// replace as they draw the story (an advertisement's slot: `$$ARTICLEAD$$`, `{{ad}}`,
/// `%%SLOT%%`).
fn without_placeholders(text: &str) -> String {
    let placeholder = |line: &str| {
        [("$$", "$$"), ("{{", "}}"), ("%%", "%%")]
            .iter()
            .any(|(open, close)| {
                line.strip_prefix(open)
                    .and_then(|l| l.strip_suffix(close))
                    .is_some_and(|name| {
                        !name.is_empty()
                            && name
                                .chars()
                                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
                    })
            })
    };
    text.lines()
        .filter(|l| !placeholder(l.trim()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// How much of a text from a page's scripts [`script_state_story`] reads for a word of
/// cookies (a consent manager's text speaks of them at once; a story seldom does).
const CONSENT_OPENING_CHARS: usize = 300;

/// How a Next.js page hands its flight data to its scripts, a string at a time.
const FLIGHT_PUSH: &str = "__next_f.push([1,";

/// The strings a script's `self.__next_f.push([1, "…"])` calls hand over, decoded, appended
/// to `out` in order (together they are the page's flight data).
fn flight_chunks(script: &str, out: &mut String) {
    let mut rest = script;
    while let Some(at) = rest.find(FLIGHT_PUSH) {
        rest = &rest[at + FLIGHT_PUSH.len()..];
        let Some(quote) = rest.find(|c: char| !c.is_whitespace()) else {
            return;
        };
        if !rest[quote..].starts_with('"') {
            continue;
        }
        let (value, after) = string_literal(&rest[quote..], 0);
        if let Some(v) = value {
            out.push_str(&v);
        }
        rest = &rest[quote + after..];
    }
}

/// The text rows of Next.js flight data (`24:T1b7b,` and then that many bytes of text, the
/// length in hexadecimal: a long string the rows refer to), pushed onto `out`.
fn flight_text_rows(flight: &str, out: &mut Vec<String>) {
    let mut from = 0;
    while let Some(at) = flight[from..].find(":T").map(|i| from + i) {
        from = at + 2;
        // The row's id: hexadecimal digits at a line's start.
        let id_start = flight[..at]
            .trim_end_matches(|c: char| c.is_ascii_hexdigit())
            .len();
        let at_line_start = id_start == 0 || flight[..id_start].ends_with('\n');
        if id_start == at || !at_line_start {
            continue;
        }
        let digits = flight[from..]
            .find(|c: char| !c.is_ascii_hexdigit())
            .unwrap_or(flight.len() - from);
        if digits == 0 || digits > 8 || !flight[from + digits..].starts_with(',') {
            continue;
        }
        let Ok(len) = usize::from_str_radix(&flight[from..from + digits], 16) else {
            continue;
        };
        let start = from + digits + 1;
        let mut end = start.saturating_add(len).min(flight.len());
        while !flight.is_char_boundary(end) {
            end -= 1;
        }
        if count_words(&flight[start..end]) >= STORY_DATA_MIN_WORDS {
            out.push(flight[start..end].to_owned());
        }
        from = end;
    }
}

/// The strings of at least [`STORY_DATA_MIN_WORDS`] words that `script` gives as values
/// (after a `:`), decoded, pushed onto `out`. Each string is read once, in one pass.
fn long_strings(script: &str, out: &mut Vec<String>) {
    let mut from = 0;
    while let Some(at) = script[from..].find(':').map(|i| from + i) {
        let quote = script[at + 1..]
            .find(|c: char| !c.is_whitespace())
            .map(|i| at + 1 + i);
        match quote {
            Some(q) if script[q..].starts_with('"') => {
                // (A story of that many words takes two bytes a word at least.)
                let (value, after) = string_literal(&script[q..], 2 * STORY_DATA_MIN_WORDS);
                if let Some(v) = value.filter(|v| count_words(v) >= STORY_DATA_MIN_WORDS) {
                    out.push(v);
                }
                from = q + after;
            }
            _ => from = at + 1,
        }
    }
}

/// The double-quoted JSON or JavaScript string `s` starts with, decoded when it holds at least
/// `min_bytes` bytes (`None` when it is shorter, does not decode or is not closed), and how
/// many bytes of `s` it takes up to its closing quote (all of `s` when it is not closed).
/// JavaScript's own escapes, `\'` and `\xHH`, are read as JSON's.
fn string_literal(s: &str, min_bytes: usize) -> (Option<String>, usize) {
    let bytes = s.as_bytes();
    let mut i = 1;
    let mut javascript = false;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => {
                javascript |= matches!(bytes.get(i + 1), Some(b'\'' | b'x'));
                i += 2;
            }
            b'"' => {
                let literal = &s[..=i];
                let value = (literal.len() >= min_bytes)
                    .then(|| {
                        if javascript {
                            serde_json::from_str::<String>(&as_json_escapes(literal)).ok()
                        } else {
                            serde_json::from_str::<String>(literal).ok()
                        }
                    })
                    .flatten();
                return (value, i + 1);
            }
            _ => i += 1,
        }
    }
    (None, s.len())
}

/// A JavaScript string literal with its escapes JSON does not know (`\'`, `\xHH`) written as
/// JSON's (`'`, `\u00HH`); the others as they are.
fn as_json_escapes(literal: &str) -> String {
    let mut out = String::with_capacity(literal.len());
    let mut chars = literal.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\'') => out.push('\''),
            Some('x') => out.push_str("\\u00"),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// `article` without the lines `filters` drop: repeated short lines, control rows, notices,
/// bylines at its edges.
fn line_filters(mut article: String, filters: PostFilters) -> String {
    if filters.repeats {
        article = drop_repeats(&article);
    }
    if filters.notices {
        article = boilerplate::without_control_rows(&article);
        article = article
            .lines()
            .filter(|l| !boilerplate::is_notice(l))
            .collect::<Vec<_>>()
            .join("\n");
        article = boilerplate::without_edge_bylines(&article);
    }
    article
}

/// Elements that are a page's furniture, never its article: its navigation, header, footer,
/// side boxes and dialogs, as HTML and ARIA name them.
const FURNITURE: &str = "nav, header, footer, aside, dialog, [role=navigation], \
                         [role=banner], [role=contentinfo], [role=complementary], [role=search], \
                         [role=dialog]";

/// The text of `html` without its furniture ([`FURNITURE`], cookie banners, widgets, link-dense
/// blocks) and with the post-filters applied, for a page on which Readability took too little;
/// when that reads as an article (see [`reads_as_article`]).
fn page_without_furniture(
    html: &str,
    filters: PostFilters,
    urls: [Option<&str>; 2],
) -> Option<String> {
    let doc = parse_page(html);
    if depth(&doc.root()) > MAX_DEPTH {
        return None;
    }
    boilerplate::drop_consent_banners(&doc.root());
    mark_widgets(&doc);
    mark_forms(&doc);
    keep_div_marks(&doc);
    doc.select(FURNITURE).remove();
    doc.select(&format!("[{WIDGET_MARK}], form[{FORM_MARK}]"))
        .remove();
    let filters = PostFilters {
        link_dense: true,
        // The story of a page Readability could not read is often in an element hidden
        // until a script shows it.
        hidden: false,
        ..filters
    };
    prune(&doc, filters, urls);
    let text = line_filters(text_of(&doc.root()).text, filters);
    reads_as_article(&text).then_some(text)
}

/// Fewest paragraphs of prose a page's text without its furniture has to be taken for its
/// article (see [`reads_as_article`]).
pub const FURNITURE_FREE_MIN_PROSE: usize = 2;

/// Whether `text` (a page's text without its furniture) reads as an article: at least
/// [`FURNITURE_FREE_MIN_PROSE`] lines of prose ([`boilerplate::is_prose`]) holding at least half
/// its words, and [`MIN_ARTICLE_CHARS`] characters. A page of teasers, a profile's few lines
/// or a search form's labels do not.
fn reads_as_article(text: &str) -> bool {
    let words = |l: &str| l.split_whitespace().count();
    let (prose, all) = text.lines().fold((Vec::new(), 0), |(mut prose, all), l| {
        if boilerplate::is_prose(l, 0) {
            prose.push(words(l));
        }
        (prose, all + words(l))
    });
    let prose_words: usize = prose.iter().sum();
    prose.len() >= FURNITURE_FREE_MIN_PROSE
        && prose_words * 2 >= all
        && visible_chars(text) >= MIN_ARTICLE_CHARS
}

/// Removes from the article what `filters` drop (see [`PostFilters`]).
fn prune(doc: &Document, filters: PostFilters, urls: [Option<&str>; 2]) {
    // The element's class, or the class of the `<div>` Readability replaced by it (see
    // [`keep_div_marks`]).
    let class_has = |n: &NodeRef<'_>, words: &[&str], tokens: &[&str]| {
        [n.attr("class"), n.attr(DIV_CLASS)]
            .into_iter()
            .flatten()
            .any(|c| class_names(&c, words, tokens))
    };
    let mut doomed: Vec<NodeRef<'_>> = Vec::new();
    if filters.widgets {
        doomed.extend(small_widgets(doc));
    }
    if filters.captions {
        doomed.extend(alt_captions(doc));
        doomed.extend(repeated_captions(doc));
        doomed.extend(image_captions(doc));
    }
    for n in doc.root().descendants() {
        let Some(name) = element_name(&n) else {
            continue;
        };
        // A navigation block (a menu, a table of contents, links to the previous and next
        // stories) guides the reader around the page or the site; it is never the story's text.
        if filters.widgets
            && (name == "nav"
                || n.attr("role")
                    .is_some_and(|r| r.trim().eq_ignore_ascii_case("navigation")))
        {
            doomed.push(n);
            continue;
        }
        if filters.captions && (name == "figcaption" || class_has(&n, CAPTION_CLASSES, &[])) {
            doomed.push(n);
            continue;
        }
        if filters.hidden
            && (n.has_attr("hidden") || class_has(&n, HIDDEN_CLASSES, HIDDEN_CLASS_TOKENS))
        {
            doomed.push(n);
            continue;
        }
        if filters.link_dense && LINK_BLOCKS.contains(&name.as_str()) && is_link_dense(&n) {
            doomed.push(n);
            continue;
        }
        if filters.notices && LINK_BLOCKS.contains(&name.as_str()) {
            doomed.extend(related_links(&n));
            doomed.extend(highlights_box(&n));
            doomed.extend(author_box(&n));
        }
    }
    if filters.notices {
        doomed.extend(trailing_link_blocks(doc));
        doomed.extend(headline_lists(doc, urls));
        doomed.extend(headline_paragraphs(doc, urls));
    }
    for n in doomed {
        n.remove_from_parent();
    }
    if filters.notices {
        drop_trailing_headings(doc);
    }
}

/// Most words of a heading that [`drop_trailing_headings`] takes for a label.
pub const TRAILING_HEADING_MAX_WORDS: usize = 8;

/// Removes the headings left at the article's end with nothing under them: the label of a
/// list of other stories, tags or links ("More about", "Most read", "Topics") whose links
/// the filters above (or Readability) took away. A heading is the label of what follows it;
/// with nothing following, it labels nothing of the article. One at a time from the end
/// (a label over a sub-label), never the article's only text.
fn drop_trailing_headings(doc: &Document) {
    loop {
        let texts: Vec<NodeRef<'_>> = doc
            .root()
            .descendants_it()
            .filter(|n| n.is_text() && !n.text().trim().is_empty())
            .collect();
        let Some(last) = texts.last() else {
            return;
        };
        let Some(h) = last.ancestors_it(None).find(|a| {
            matches!(
                element_name(a).as_deref(),
                Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6")
            )
        }) else {
            return;
        };
        // A label, not sentences set as a heading ("… Es stützt seine Version."); and some
        // text must be left before it.
        let text = h.text();
        let t = text.trim();
        if t.split_whitespace().count() > TRAILING_HEADING_MAX_WORDS
            || t.ends_with(['.', '!', '?'])
            || texts
                .iter()
                .all(|x| h.descendants_it().any(|d| d.id == x.id))
        {
            return;
        }
        h.remove_from_parent();
    }
}

/// Words of a class that names an image's caption or credit (`figure-caption`).
const CAPTION_CLASSES: &[&str] = &["caption", "credit"];

/// Words of a class that hides its text but from screen readers (`sr-only`).
const HIDDEN_CLASSES: &[&str] = &[
    "sr-only",
    "visually-hidden",
    "visuallyhidden",
    "screen-reader",
];

/// Classes that hide their element (`hidden`, `offscreen`), whole.
const HIDDEN_CLASS_TOKENS: &[&str] = &[
    "off-screen",
    "offscreen",
    "element-hidden",
    "hidden",
    "element-invisible",
];

/// Whether the class attribute `value` has one of `words` in it or is one of `tokens`.
fn class_names(value: &str, words: &[&str], tokens: &[&str]) -> bool {
    let c = value.to_ascii_lowercase();
    words.iter().any(|w| c.contains(w)) || c.split_ascii_whitespace().any(|t| tokens.contains(&t))
}

/// The attribute that keeps, through Readability, the class of a `<div>` it replaces (see
/// [`keep_div_marks`]).
const DIV_CLASS: &str = "data-aa-class";

/// Elements that are phrasing content to Readability (what it wraps in a `<p>` of its own).
const PHRASING: &[&str] = &[
    "a", "abbr", "audio", "b", "bdo", "br", "button", "cite", "code", "data", "datalist", "del",
    "dfn", "em", "embed", "i", "img", "input", "ins", "kbd", "label", "mark", "math", "meter",
    "noscript", "object", "output", "progress", "q", "ruby", "samp", "script", "select", "small",
    "span", "strong", "sub", "sup", "textarea", "time", "var", "wbr",
];

/// Readability replaces a `<div>` of only phrasing content, or of one `<p>`, by a `<p>` without
/// the `<div>`'s attributes, so a caption's, a hidden text's or a widget's class or mark on it
/// was lost (`<div class="figure-caption"><b>1946:</b> The stadium …</div>`): before it runs,
/// the text of such a `<div>` whose class names a caption or hidden text, or which has a widget
/// or form mark, is wrapped in a `<span>` that has the class as [`DIV_CLASS`] and the marks
/// (its one `<p>` is given them instead). Readability scores neither (no class, no id: the
/// same paragraph, the same scores).
fn keep_div_marks(doc: &Document) {
    let marks = [WIDGET_MARK, FORM_MARK];
    for div in doc.select("div").nodes() {
        let class = div
            .attr("class")
            .filter(|c| {
                class_names(c, CAPTION_CLASSES, &[])
                    || class_names(c, HIDDEN_CLASSES, HIDDEN_CLASS_TOKENS)
            })
            .map(|c| c.to_string());
        let marked: Vec<(&str, String)> = marks
            .iter()
            .filter_map(|m| div.attr(m).map(|v| (*m, v.to_string())))
            .collect();
        if class.is_none() && marked.is_empty() {
            continue;
        }
        let children = div.children();
        let elements: Vec<&NodeRef<'_>> = children.iter().filter(|c| c.is_element()).collect();
        let blank = |c: &NodeRef<'_>| !c.is_element() && c.text().trim().is_empty();
        let target = if let [p] = elements.as_slice() {
            let only_p = element_name(p).as_deref() == Some("p")
                && children.iter().all(|c| c.id == p.id || blank(c));
            only_p.then_some(**p)
        } else {
            None
        };
        let target = match target {
            Some(p) => p,
            None => {
                let phrasing = elements
                    .iter()
                    .all(|e| element_name(e).is_some_and(|n| PHRASING.contains(&n.as_str())));
                if !phrasing || children.iter().all(blank) {
                    continue;
                }
                let span = div.tree.new_element("span");
                for c in &children {
                    span.append_child(c);
                }
                div.append_child(&span);
                span
            }
        };
        if let Some(c) = &class {
            target.set_attr(DIV_CLASS, c);
        }
        for (m, v) in &marked {
            if !target.has_attr(m) {
                target.set_attr(m, v);
            }
        }
    }
}

/// A paragraph with at least this many words outside its links is prose, whatever share of
/// it is link text ("Having been neutral for decades, <a>both applied to Nato in May 2022</a>,
/// shortly after Russia invaded Ukraine.": ten).
pub const LINKED_PROSE_MIN_WORDS: usize = 8;

/// Readability's conditional cleaning drops a `<div>` whose text is over a fifth link text
/// (when its class carries no positive weight), and it replaces a `<div>` holding one `<p>` by
/// the `<p>` only when under a quarter of it is link text. So on a page that wraps every
/// paragraph in `<div>`s of its own (a block component: `<div data-component="text-block">
/// <div><div><p>`), each paragraph whose links cover a quarter of it was lost with its
/// wrappers ("He has also accused other member nations of <a>relying too much on the strength
/// of the US military</a> and its defence spending …"). Before Readability runs, such a chain
/// of wrappers is replaced by its paragraph when the paragraph reads as prose: at least
/// [`LINKED_PROSE_MIN_WORDS`] words outside its links, and more words outside them than in
/// them, or a sentence with a link inside (see [`is_sentence`], [`ends_outside_links`]). A
/// `<p>` that is a list of links ("Related: <a>…</a>", "Read more: <a>…</a>") has fewer words
/// outside its links and stays wrapped; a wrapper with a widget or form mark or a caption's or
/// hidden text's class (see [`keep_div_marks`]) is kept. A `<div>` of text and links alone
/// (`<div><span>…</span><a>…</a><span>…</span></div>`) in wrappers of its own is such a
/// paragraph too, and becomes a `<p>` (Readability would wrap its text in a `<p>` inside it,
/// and drop it as the wrappers); one that stands alone is left to Readability (a notice
/// with a link, a wiki's note above the article, measured: they came in).
fn unwrap_linked_paragraphs(doc: &Document) {
    // A wrapper whose mark or class the post-filters read later (see `keep_div_marks`).
    let marked = |n: &NodeRef<'_>| {
        [WIDGET_MARK, FORM_MARK, DIV_CLASS]
            .iter()
            .any(|m| n.has_attr(m))
            || n.attr("class").is_some_and(|c| {
                class_names(&c, CAPTION_CLASSES, &[])
                    || class_names(&c, HIDDEN_CLASSES, HIDDEN_CLASS_TOKENS)
            })
    };
    for p in doc.select("p, div").nodes() {
        let div = element_name(p).as_deref() == Some("div");
        if div && (!text_only(p) || marked(p)) {
            continue;
        }
        let text = p.text();
        let words = text.split_whitespace().count();
        let links = outer_links(p);
        let linked: usize = links
            .iter()
            .map(|a| a.text().split_whitespace().count())
            .sum();
        let linked_chars: usize = links.iter().map(|a| visible_chars(&a.text())).sum();
        // Readability itself keeps a paragraph under a fifth of link text.
        if linked == 0 || linked_chars * 5 <= visible_chars(&text) {
            continue;
        }
        let outside = words.saturating_sub(linked);
        let prose = (outside >= LINKED_PROSE_MIN_WORDS && outside > linked)
            || (outside >= 2 && words >= 6 && is_sentence(&text) && ends_outside_links(p));
        if !prose {
            continue;
        }
        let mut top = None;
        let mut current = *p;
        while let Some(parent) = current.parent() {
            if element_name(&parent).as_deref() != Some("div")
                || !only_child(&parent, &current)
                || marked(&parent)
            {
                break;
            }
            top = Some(parent);
            current = parent;
        }
        if let Some(top) = top {
            top.replace_with(p);
            // Readability would put a `<div>` of text's content in a `<p>` of its own inside
            // it, and the `<div>` around that `<p>` would be dropped as above: it is the
            // paragraph.
            if div {
                p.rename("p");
            }
        }
    }
}

/// Empty elements a page's style sheet draws as line breaks: a `span`, `i`, `b`, `em`,
/// `strong` or `small` whose class has the token `br`, with nothing inside but white space
/// (`<span class="id-r-component br"></span>`, between a heading and its paragraph with no
/// white space around). Without the style sheet the two would run together ("…DataThe NCRB
/// report…", "…child.Police reached…"); they become `<br>`, which the text keeps as a line
/// break and Readability, two in a row, as a new paragraph. An empty element of that class
/// elsewhere (a box's bottom-right corner, a flag) only adds a line break where there was no
/// text to join.
fn line_break_elements(doc: &Document) {
    for n in doc.select(".br").nodes() {
        let empty = n
            .children()
            .iter()
            .all(|c| c.is_text() && c.text().trim().is_empty());
        let inline = element_name(n).is_some_and(|name| {
            ["span", "i", "b", "em", "strong", "small"].contains(&name.as_str())
        });
        if empty && inline {
            for c in n.children() {
                c.remove_from_parent();
            }
            n.rename("br");
        }
    }
}

/// The parts of a table that only a table may hold.
const TABLE_PARTS: &[&str] = &[
    "caption", "col", "colgroup", "tbody", "td", "tfoot", "th", "thead", "tr",
];

/// The article Readability took in `read`, as HTML, when it holds parts of a table without
/// their table, with those parts made `<div>`s; `None` when it holds none. Readability renames
/// the element it takes to a `<div>` (as Readability.js does), so when that is a table's body
/// (a data table that outscored the story's paragraphs) or a layout table, its rows and cells
/// are left in a `<div>`: an HTML parser reading that back drops their tags, and every cell ran
/// into the next on one line ("Aberconwy Robin Millar robin.millar.mp@parliament.uk Aldershot
/// …", 1,870 words). As `<div>`s each row and cell keeps a line of its own, as in a table.
fn table_parts_as_blocks(read: &Document) -> Option<String> {
    let article = read
        .select_single("#readability-page-1")
        .nodes()
        .first()
        .copied()?;
    let orphans: Vec<_> = article
        .descendants()
        .into_iter()
        .filter(|n| {
            element_name(n).is_some_and(|name| TABLE_PARTS.contains(&name.as_str()))
                // No `<table>` between it and the article.
                && !n
                    .ancestors(None)
                    .iter()
                    .take_while(|a| a.id != article.id)
                    .any(|a| element_name(a).as_deref() == Some("table"))
        })
        .collect();
    if orphans.is_empty() {
        return None;
    }
    for n in &orphans {
        n.rename("div");
    }
    Some(article.html().to_string())
}

/// Fewest rows of a table of short cells that [`mute_data_tables`] keeps from scoring.
pub const DATA_TABLE_MIN_ROWS: usize = 10;
/// Most words of a data table's cell, on average over its cells.
const DATA_TABLE_MEAN_CELL_WORDS: usize = 6;
/// Most words of any one of a data table's cells.
const DATA_TABLE_MAX_CELL_WORDS: usize = 25;
/// Most words of a line of a cell that is a list, on average (see [`mute_data_tables`]).
const LIST_CELL_LINE_WORDS: usize = 8;
/// Most characters of a line of a cell that is a list, on average (a script written without
/// spaces counts by characters).
const LIST_CELL_LINE_CHARS: usize = 50;
/// The attribute that keeps a muted cell's element name (see [`mute_data_tables`]).
const CELL_MARK: &str = "data-aa-cell";

/// Keeps the cells of a table of data (at least [`DATA_TABLE_MIN_ROWS`] rows of short cells:
/// a list of names and addresses, results, prices) from Readability's scoring, which counts
/// every `<td>` of 25 characters or more as a paragraph: 650 cells of e-mail addresses
/// outscored a story of 40 paragraphs, and the table was taken alone. The cells are renamed
/// `<span>` (which Readability does not score) with their name kept in [`CELL_MARK`];
/// [`unmute_data_tables`] gives it back in what Readability took, so a table that is part of
/// the story is still there, one cell a line. The same for a cell that is a list of short
/// lines (at least [`DATA_TABLE_MIN_ROWS`] lines between `<br>`s, of [`LIST_CELL_LINE_WORDS`]
/// words and [`LIST_CELL_LINE_CHARS`] characters on average: an open letter's 150
/// signatories, "Name, affiliation", whose commas Readability counts as a paragraph's). A
/// table of long cells (a layout table holding the story) is left as it is, and so is a table
/// in a table.
fn mute_data_tables(doc: &Document) {
    let is = |n: &NodeRef<'_>, name: &str| element_name(n).as_deref() == Some(name);
    for table in doc.select("table").nodes() {
        if table.ancestors_it(None).any(|a| is(&a, "table")) {
            continue;
        }
        // Its rows and cells, in one walk; a table in it leaves it as it is.
        let (mut rows, mut cells, mut nested) = (0, Vec::new(), false);
        for d in table.descendants_it() {
            match element_name(&d).as_deref() {
                Some("table") => nested = true,
                Some("tr") => rows += 1,
                Some("td" | "th") => cells.push(d),
                _ => {}
            }
        }
        if nested {
            continue;
        }
        let texts: Vec<String> = cells.iter().map(|c| c.text().to_string()).collect();
        let words: Vec<usize> = texts.iter().map(|t| t.split_whitespace().count()).collect();
        let total: usize = words.iter().sum();
        let data = rows >= DATA_TABLE_MIN_ROWS
            && !cells.is_empty()
            && total <= DATA_TABLE_MEAN_CELL_WORDS * cells.len()
            && words.iter().all(|&w| w <= DATA_TABLE_MAX_CELL_WORDS);
        for ((c, text), &w) in cells.iter().zip(&texts).zip(&words) {
            // A cell that is a list of short lines (the signatories of an open letter, one a
            // line, "Name, affiliation"): Readability counts its commas as a paragraph's.
            let list = || {
                let lines = c.descendants_it().filter(|d| is(d, "br")).count() + 1;
                lines >= DATA_TABLE_MIN_ROWS
                    && w <= LIST_CELL_LINE_WORDS * lines
                    && visible_chars(text) <= LIST_CELL_LINE_CHARS * lines
            };
            if data || list() {
                if let Some(name) = element_name(c) {
                    c.set_attr(CELL_MARK, &name);
                    c.rename("span");
                }
            }
        }
    }
}

/// Gives the cells [`mute_data_tables`] renamed their own element back.
fn unmute_data_tables(doc: &Document) {
    for c in doc.select(&format!("span[{CELL_MARK}]")).nodes() {
        let name = c.attr(CELL_MARK).map(|n| n.to_string());
        c.remove_attr(CELL_MARK);
        if let Some(name) = name.filter(|n| matches!(n.as_str(), "td" | "th")) {
            c.rename(&name);
        }
    }
}

/// Whether `text` is shaped as a sentence: it opens with a capital letter, a digit or a
/// quotation mark and ends with a full stop, a question or an exclamation mark (before any
/// closing quotation mark or bracket).
fn is_sentence(text: &str) -> bool {
    let t = text.trim();
    let opens = t
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'«„".contains(c));
    let end = t.trim_end_matches(|c: char| "\"”’')»".contains(c));
    opens && end.ends_with(['.', '!', '?'])
}

/// Whether the last visible character of paragraph `p` is outside its links (a sentence with
/// a link inside, not a label before a headline's link).
fn ends_outside_links(p: &NodeRef<'_>) -> bool {
    p.descendants()
        .iter()
        .rev()
        .find(|n| n.is_text() && !n.text().trim().is_empty())
        .is_some_and(|n| !in_link(n, p))
}

/// Whether `div` holds only text and phrasing elements that carry text (links, spans,
/// emphasis), as a paragraph does: Readability reads such a `<div>` as a `<p>`.
fn text_only(div: &NodeRef<'_>) -> bool {
    const NOT_TEXT: &[&str] = &[
        "audio", "button", "embed", "img", "input", "math", "meter", "noscript", "object",
        "output", "progress", "script", "select", "textarea",
    ];
    div.children().iter().all(|c| {
        !c.is_element()
            || element_name(c)
                .is_some_and(|n| PHRASING.contains(&n.as_str()) && !NOT_TEXT.contains(&n.as_str()))
    })
}

/// Whether `child` is the one element of `parent`, beside blank text.
fn only_child(parent: &NodeRef<'_>, child: &NodeRef<'_>) -> bool {
    parent
        .children()
        .iter()
        .all(|c| c.id == child.id || (!c.is_element() && c.text().trim().is_empty()))
}

/// An image's alternative text with at least this many words is one a caption under it may
/// repeat ("Jane Doe.", "The mayor at the harbour."); one word ("Photo", "Logo") is also a
/// label's.
pub const ALT_CAPTION_MIN_WORDS: usize = 2;

/// The elements that may be a caption repeating an image's alternative text.
const CAPTION_ELEMENTS: &[&str] = &["div", "p", "span", "em", "small", "cite"];

/// Captions set right after their image with the image's alternative text, word for word, in
/// a page without `<figcaption>` or a caption class (`<div><img alt="The mayor at the
/// harbour."></div><div>The mayor at the harbour.</div>`): of the image, then of its parent and
/// grandparent, the next two elements whose whole text is the alternative text (at least
/// [`ALT_CAPTION_MIN_WORDS`] words, white space collapsed). Only after the image: a standfirst
/// or a recipe's step above it that an image repeats as its alternative text stays.
fn alt_captions<'a>(doc: &'a Document) -> Vec<NodeRef<'a>> {
    let mut found = Vec::new();
    for img in doc.select("img[alt]").nodes() {
        let alt = collapse(&img.attr("alt").unwrap_or_default());
        if alt.split_whitespace().count() < ALT_CAPTION_MIN_WORDS {
            continue;
        }
        let mut at = Some(*img);
        for _ in 0..3 {
            let Some(node) = at else { break };
            let mut next = node.next_element_sibling();
            for _ in 0..2 {
                let Some(sib) = next else { break };
                if element_name(&sib).is_some_and(|n| CAPTION_ELEMENTS.contains(&n.as_str()))
                    && collapse(&sib.text()) == alt
                {
                    found.push(sib);
                }
                next = sib.next_element_sibling();
            }
            at = node.parent();
        }
    }
    found
}

/// A caption set again further down the article, apart from its image (a second copy for
/// another layout: `<figcaption>…</figcaption>` and then `<div class="screen-text">…</div>`):
/// a `<div>` or `<p>` with no block inside whose whole text, at least
/// [`ALT_CAPTION_MIN_WORDS`] words, is the text of a caption above it (`<figcaption>`, a
/// caption's class), white space collapsed. (An image's alternative text set again apart
/// from it is also a standfirst's: see [`alt_captions`] for the caption right after it.)
fn repeated_captions<'a>(doc: &'a Document) -> Vec<NodeRef<'a>> {
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut found = Vec::new();
    let is_caption = |n: &NodeRef<'_>, name: &str| {
        name == "figcaption"
            || [n.attr("class"), n.attr(DIV_CLASS)]
                .into_iter()
                .flatten()
                .any(|c| class_names(&c, CAPTION_CLASSES, &[]))
    };
    let enough = |t: &str| t.split_whitespace().count() >= ALT_CAPTION_MIN_WORDS;
    for n in doc.root().descendants_it() {
        let Some(name) = element_name(&n) else {
            continue;
        };
        if is_caption(&n, &name) {
            let text = collapse(&n.text());
            if enough(&text) {
                seen.insert(text);
            }
            continue;
        }
        if seen.is_empty() || !["div", "p"].contains(&name.as_str()) {
            continue;
        }
        // A block with no block inside (so each text is read once).
        let leaf = n.children_it(false).all(|c| {
            !c.is_element() || element_name(&c).is_some_and(|c| PHRASING.contains(&c.as_str()))
        });
        if leaf && seen.contains(&collapse(&n.text())) {
            found.push(n);
        }
    }
    found
}

/// A caption set after its image with no mark at all (`<div><picture>…</picture><div
/// class="sc-x1">Fans at the final</div></div>`, `<p><img><br><em>Jane Doe (right)</em></p>`):
/// of a `<div>`, `<figure>` or `<p>` that holds only an image (an `<img>` or a `<picture>`, or
/// an element holding one and no text), line breaks, and then one or two elements with no
/// block inside (the caption, its credit; text outside any element is a paragraph's) of one to
/// [`IMAGE_CAPTION_MAX_WORDS`] words together and no link, under a quarter of the article's
/// characters (so a short story's only paragraph under its photo stays), the blocks.
fn image_captions<'a>(doc: &'a Document) -> Vec<NodeRef<'a>> {
    let article_chars = visible_chars(&doc.root().text());
    let is_image = |n: &NodeRef<'_>| element_name(n).is_some_and(|n| n == "img" || n == "picture");
    let mut found = Vec::new();
    for holder in doc.select("div, figure, p").nodes() {
        let kids: Vec<NodeRef<'a>> = holder
            .children_it(false)
            .filter(|c| {
                (c.is_element() && element_name(c).as_deref() != Some("br"))
                    || (!c.is_element() && !c.text().trim().is_empty())
            })
            .collect();
        let Some((image, texts)) = kids.split_first() else {
            continue;
        };
        if texts.is_empty() || texts.len() > 2 || kids.iter().any(|k| !k.is_element()) {
            continue;
        }
        // An image's wrapper is small (a `<picture>`'s sources, a link): a larger first child
        // is not read, so no element's text is read more than once or twice.
        let inside: Vec<NodeRef<'a>> = image
            .descendants_it()
            .take(IMAGE_WRAPPER_MAX_NODES + 1)
            .collect();
        let image_only = inside.len() <= IMAGE_WRAPPER_MAX_NODES
            && (is_image(image) || inside.iter().any(is_image))
            && inside
                .iter()
                .all(|d| !d.is_text() || d.text().trim().is_empty());
        if !image_only {
            continue;
        }
        let leaf = |t: &NodeRef<'_>| {
            t.children_it(false).all(|c| {
                !c.is_element()
                    || element_name(&c).is_some_and(|c| c != "a" && PHRASING.contains(&c.as_str()))
            })
        };
        if !texts.iter().all(leaf) {
            continue;
        }
        let caption: String = texts.iter().map(|t| t.text().to_string() + " ").collect();
        let words = caption.split_whitespace().count();
        if (1..=IMAGE_CAPTION_MAX_WORDS).contains(&words)
            && (visible_chars(&caption) as f64)
                < boilerplate::WIDGET_MAX_SHARE * article_chars as f64
        {
            found.extend(texts.iter().copied());
        }
    }
    found
}

/// An image's wrapper before an unmarked caption has at most this many nodes inside (see
/// [`image_captions`]).
const IMAGE_WRAPPER_MAX_NODES: usize = 64;

/// A caption with no mark after its image has at most this many words (see
/// [`image_captions`]).
pub const IMAGE_CAPTION_MAX_WORDS: usize = 40;

/// The lowercase tag name of `n`, or `None` when `n` is not an element.
fn element_name(n: &NodeRef<'_>) -> Option<String> {
    n.is_element().then(|| {
        n.node_name()
            .map(|s| s.to_ascii_lowercase())
            .unwrap_or_default()
    })
}

/// The link-dense blocks (see [`is_link_dense`]) after the article's last paragraph of prose:
/// the lists of other stories, tags and share rows a page puts under its article
/// (`boilerplate::is_prose`).
fn trailing_link_blocks<'a>(doc: &'a Document) -> Vec<NodeRef<'a>> {
    let all = doc.root().descendants();
    let Some(last) = all.iter().rposition(|n| {
        n.is_element()
            && n.node_name().is_some_and(|x| x.eq_ignore_ascii_case("p"))
            && boilerplate::is_prose(&n.text(), linked_chars(n))
    }) else {
        return Vec::new();
    };
    // Notes and references are numbered lists, data is in tables: neither goes.
    let kept = |x: &str| matches!(x, "ol" | "table" | "td");
    let mut out: Vec<NodeRef<'a>> = Vec::new();
    let mut i = last + 1;
    while let Some(n) = all.get(i) {
        i += 1;
        let Some(name) = element_name(n) else {
            continue;
        };
        let in_kept = || {
            n.ancestors(None)
                .iter()
                .any(|a| a.node_name().is_some_and(|x| kept(&x.to_ascii_lowercase())))
        };
        // A block of many words is not link-dense: its first words tell, without its text.
        let short = || {
            leading_text(n, 8 * LINK_BLOCK_MAX_WORDS)
                .split_whitespace()
                .count()
                < LINK_BLOCK_MAX_WORDS
        };
        if LINK_BLOCKS.contains(&name.as_str())
            && !kept(&name)
            && short()
            && is_link_dense(n)
            && !in_kept()
        {
            out.push(*n);
            // Its descendants follow it in document order: not looked at again.
            i += n.descendants_it().count();
        }
    }
    out
}

/// The `<a>` elements inside `node`.
fn links_in<'a>(node: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
    node.descendants().into_iter().filter(is_link).collect()
}

/// Lists of other stories set inside the article (a "related" list between two paragraphs,
/// with no label or class to tell it): a `<ul>` of at least [`HEADLINE_LIST_MIN_ITEMS`]
/// items, each of them wholly one link whose text reads like a headline
/// ([`HEADLINE_MIN_WORDS`] words or more) to another page of the same site (see [`same_site`];
/// `urls` are the page's canonical address and its own, against which Readability resolved
/// the relative ones). A table of contents links to `#` anchors, and a list of sources,
/// downloads or offers to other sites: they stay; so does a series whose items all start with
/// the same word ("Bug 1234 – …", "Part 2: …"). One item is enough (a "similar" link set
/// between two paragraphs, `ul.similarLinks > li > a`): a series needs two.
fn headline_lists<'a>(doc: &'a Document, urls: [Option<&str>; 2]) -> Vec<NodeRef<'a>> {
    let sites: Vec<String> = urls.iter().flatten().filter_map(|u| site_name(u)).collect();
    let mut out = Vec::new();
    for list in doc.select("ul").nodes() {
        let items: Vec<NodeRef<'a>> = list
            .children()
            .into_iter()
            .filter(|c| c.is_element())
            .collect();
        if items.len() < HEADLINE_LIST_MIN_ITEMS {
            continue;
        }
        let headline = |li: &NodeRef<'_>| {
            if element_name(li).as_deref() != Some("li") {
                return None;
            }
            let links = links_in(li);
            let [a] = links.as_slice() else {
                return None;
            };
            let href = a.attr("href").unwrap_or_default();
            let (text, linked) = (li.text(), a.text());
            // Besides the link, at most a kicker before it ("Schlafstörungen: <a>…</a>").
            let kicker = text.replacen(linked.as_ref(), "", 1);
            let kicker = kicker.trim();
            let kicker_only = kicker.is_empty()
                || (kicker.ends_with([':', '|', '?'])
                    && kicker.split_whitespace().count() <= HEADLINE_KICKER_MAX_WORDS
                    && text.trim_start().starts_with(kicker));
            (same_site(href.trim(), &sites)
                && kicker_only
                && linked.split_whitespace().count() >= HEADLINE_MIN_WORDS)
                .then(|| {
                    text.split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_lowercase()
                })
        };
        let Some(firsts) = items.iter().map(headline).collect::<Option<Vec<String>>>() else {
            continue;
        };
        if firsts.len() == 1 || firsts.iter().any(|f| *f != firsts[0]) {
            out.push(*list);
        }
    }
    out
}

/// Links to other stories set as paragraphs of their own between the article's, marked as
/// teasers: a `<p>` whose whole text is one link to another page of the same site (see
/// [`headline_lists`]) of at least [`HEADLINE_MIN_WORDS`] words, in capitals ("MAYOR OPENS
/// THE NEW BRIDGE"), in brackets ("[Read: …]") or after an arrow ("» …", ">> … <<"). A plain
/// link of the same kind may be the story's own pointer ("Read the full report") and stays.
fn headline_paragraphs<'a>(doc: &'a Document, urls: [Option<&str>; 2]) -> Vec<NodeRef<'a>> {
    let sites: Vec<String> = urls.iter().flatten().filter_map(|u| site_name(u)).collect();
    let mut out = Vec::new();
    for p in doc.select("p").nodes() {
        let links = links_in(p);
        let [a] = links.as_slice() else {
            continue;
        };
        let text = p.text();
        let t = text.trim();
        let letters = || t.chars().filter(|c| c.is_alphabetic());
        const MARKS: [char; 8] = ['[', ']', '>', '<', '»', '→', '▶', '►'];
        let marked =
            t.starts_with(MARKS) || (letters().count() >= 12 && letters().all(char::is_uppercase));
        // The marks may be outside the link ("[<a>Read: …</a>]").
        let unmarked = |s: &str| {
            s.chars()
                .filter(|c| !c.is_whitespace() && !MARKS.contains(c))
                .count()
        };
        if marked
            && unmarked(&a.text()) == unmarked(&text)
            && text.split_whitespace().count() >= HEADLINE_MIN_WORDS
            && same_site(a.attr("href").unwrap_or_default().trim(), &sites)
        {
            out.push(*p);
        }
    }
    out
}

/// The `<h1>` and `<h2>` elements of `doc` before its first paragraph of prose
/// ([`boilerplate::is_prose`]) whose words are those of one of `titles` (Readability's title
/// and the `og:title`; not the `<title>`, which a page may repeat as a heading Readability
/// keeps): the headline, which Readability drops only once, again (a page that
/// sets it twice, for two layouts). A heading of other words, or one of the same words in an
/// `<h3>` or under the first paragraph, stays.
fn title_headings<'a>(doc: &'a Document, titles: &[Option<String>]) -> Vec<NodeRef<'a>> {
    let words = |s: &str| byline_words(s, &[]);
    let titles: Vec<Vec<String>> = titles
        .iter()
        .flatten()
        .map(|t| words(t))
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    for n in doc.root().descendants_it() {
        match element_name(&n).as_deref() {
            Some("p") if boilerplate::is_prose(&n.text(), 0) => break,
            Some("h1" | "h2") if titles.contains(&words(&n.text())) => out.push(n),
            _ => {}
        }
    }
    out
}

/// The most words of a line above the headline that [`without_lines_above_headline`] drops.
const ABOVE_HEADLINE_MAX_WORDS: usize = 6;
/// The most such lines it drops.
const ABOVE_HEADLINE_MAX_LINES: usize = 3;

/// `article` without its first lines (at most [`ABOVE_HEADLINE_MAX_LINES`], each of at most
/// [`ABOVE_HEADLINE_MAX_WORDS`] words) when the page prints them above its headline: on the
/// page's text (`whole`, a block a line), before the article's first longer line, the last
/// copy of such a line comes before the last copy of the headline (one of `titles`, compared
/// by its letters and digits). A kicker ("Nach Gaetz-Rückzug"), a section's name ("Culture
/// Council"), a "skip to content" link, which Readability took with the story's container:
/// not the story's text. A short line between the headline and the story (a subheading, a
/// dateline, a byline) stays.
fn without_lines_above_headline(article: &str, whole: &str, titles: &[Option<String>]) -> String {
    let titles: Vec<String> = titles
        .iter()
        .flatten()
        .map(|t| compact(t))
        .filter(|t| t.chars().count() >= 8)
        .collect();
    if titles.is_empty() {
        return article.to_owned();
    }
    let lines: Vec<&str> = article.lines().collect();
    let short = |l: &str| {
        let words = count_words(l);
        (1..=ABOVE_HEADLINE_MAX_WORDS).contains(&words)
    };
    let leading = lines
        .iter()
        .take(ABOVE_HEADLINE_MAX_LINES + 1)
        .take_while(|l| l.trim().is_empty() || short(l))
        .count();
    if leading == 0 || leading > ABOVE_HEADLINE_MAX_LINES || leading == lines.len() {
        return article.to_owned();
    }
    let page: Vec<String> = whole.lines().map(compact).collect();
    // Where the story starts on the page: the first copy of its first longer line.
    let body = compact(lines[leading]);
    let Some(start) = page.iter().position(|l| !body.is_empty() && *l == body) else {
        return article.to_owned();
    };
    let Some(headline) = page[..start].iter().rposition(|l| titles.contains(l)) else {
        return article.to_owned();
    };
    let above = lines[..leading].iter().all(|l| {
        let key = compact(l);
        key.is_empty()
            || page[..start]
                .iter()
                .rposition(|p| *p == key)
                .is_some_and(|at| at < headline)
    });
    if above {
        lines[leading..].join("\n")
    } else {
        article.to_owned()
    }
}

/// Most words of a section's name after a title's bar ("Headline | Sport") that the
/// `og:title` leaves out.
pub const TITLE_SECTION_MAX_WORDS: usize = 3;

/// Most words of a section's name linked at the article's start (see
/// [`leading_section_links`]).
pub const SECTION_LINK_MAX_WORDS: usize = 3;

/// The texts of the links to a section of the site that open the article, before any other
/// text: the section's name over the headline ("World", "Executive Branch") or a
/// breadcrumb's links ("Home", "Region"), which [`without_leading`] drops when each is a line
/// of its own. Each is the first text left, wholly one link to another page of the
/// same site (see [`same_site`]), of one to [`SECTION_LINK_MAX_WORDS`] words without a digit
/// or a closing ".", "!", "?" or ":", and all its parent element holds; one after the other,
/// however many (a menu of the site's sections left above the article: the first version took
/// three and left the rest). A heading or a paragraph that opens the article without a link stays, as
/// does a link that opens a sentence.
fn leading_section_links(doc: &Document, urls: [Option<&str>; 2]) -> Vec<String> {
    let sites: Vec<String> = urls.iter().flatten().filter_map(|u| site_name(u)).collect();
    let mut out: Vec<NodeRef<'_>> = Vec::new();
    let root = doc.root();
    let texts = root
        .descendants_it()
        .filter(|n| n.is_text() && !n.text().trim().is_empty());
    for t in texts {
        if out.iter().any(|a| a.descendants_it().any(|d| d.id == t.id)) {
            continue;
        }
        let Some(a) = t.ancestors_it(None).find(is_link) else {
            break;
        };
        let text = a.text();
        let words = text.split_whitespace().count();
        // The link is all its parent holds ("<span><a>World</a></span>"), not a sentence's
        // first words.
        let alone = a
            .parent()
            .is_some_and(|p| collapse(&p.text()) == collapse(&text));
        let section = alone
            && (1..=SECTION_LINK_MAX_WORDS).contains(&words)
            && !text.chars().any(|c| c.is_ascii_digit())
            && !text.trim_end().ends_with(['.', '!', '?', ':'])
            && same_site(a.attr("href").unwrap_or_default().trim(), &sites);
        if !section {
            break;
        }
        out.push(a);
    }
    out.iter().map(|a| collapse(&a.text())).collect()
}

/// `article` without its first lines when they are `lines`, in that order (white space
/// collapsed): a line that holds more than one of them (a byline's name linked, then "|
/// Published …") stays.
fn without_leading(article: &str, lines: &[String]) -> String {
    if lines.is_empty() {
        return article.to_owned();
    }
    let mut wanted = lines.iter().peekable();
    let mut out: Vec<&str> = Vec::new();
    for l in article.lines() {
        if l.trim().is_empty() && out.is_empty() {
            continue;
        }
        match wanted.peek() {
            Some(w) if out.is_empty() && collapse(l) == **w => {
                wanted.next();
            }
            _ => {
                wanted = [].iter().peekable();
                out.push(l);
            }
        }
    }
    out.join("\n")
}

/// The name of an `http:`/`https:` address's site: its host's label before the public
/// suffix ("example" of "www.example.com", "news.example.co.uk" and "example.de"; the
/// suffix taken as the last label, or the last two when they are a country's second-level
/// domain such as "co.uk"), so that one publisher's domains in several countries are one site.
fn site_name(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .or_else(|| lower.strip_prefix("//"))?;
    let host = rest
        .split(['/', '?', '#'])
        .next()?
        .rsplit('@')
        .next()?
        .split(':')
        .next()?;
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    let n = labels.len();
    let second_level = n >= 3 && labels[n - 1].len() == 2 && labels[n - 2].len() <= 3;
    let at = match n {
        0 => return None,
        1 => 0,
        _ if second_level => n - 3,
        _ => n - 2,
    };
    Some(labels[at].to_owned())
}

/// Whether `href` leads to another page of one of `sites` (see [`site_name`]): a relative
/// address (not a `#` anchor on the page, nor a `mailto:` or `javascript:` one), or an
/// absolute one on the same site.
fn same_site(href: &str, sites: &[String]) -> bool {
    if href.is_empty() || href.starts_with('#') {
        return false;
    }
    let lower = href.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//") {
        return site_name(&lower).is_some_and(|s| sites.contains(&s));
    }
    // A scheme of its own ("mailto:", "javascript:", "tel:") before any slash.
    lower
        .find(':')
        .is_none_or(|c| lower.find('/').is_some_and(|sl| sl < c))
}

/// A list of other stories has at least this many items…
pub const HEADLINE_LIST_MIN_ITEMS: usize = 1;
/// …each a link of at least this many words…
pub const HEADLINE_MIN_WORDS: usize = 4;
/// …with at most a kicker of this many words before it, ending with a colon, a bar or a
/// question mark.
pub const HEADLINE_KICKER_MAX_WORDS: usize = 4;

/// The attribute that marks, before Readability runs, the elements of each widget (the
/// element whose class or id names one, and everything inside it) with the widget's number
/// (the numbers of every widget it is in, space-separated, outermost first): Readability
/// replaces a `<div>` holding one `<p>` by the `<p>`, and so loses the class.
const WIDGET_MARK: &str = "data-aa-widget";

/// Marks the widgets of the page (see [`WIDGET_MARK`]), walked without recursion. A widget
/// inside another has a number of its own, so a small one inside a large one (a share row in
/// a story whose own class names a widget) is still dropped. The widgets known by their shape
/// are marked first ([`mark_choice_groups`], [`mark_author_boxes`]).
fn mark_widgets(doc: &Document) {
    mark_choice_groups(doc);
    mark_author_boxes(doc);
    let mut next = 0usize;
    let mut stack: Vec<(NodeRef<'_>, String)> = vec![(doc.root(), String::new())];
    while let Some((node, inherited)) = stack.pop() {
        let mut marks = inherited;
        if node.is_element() {
            let name = node.node_name().map(|s| s.to_ascii_lowercase());
            // Only a block's own class or id (and never the page's or the article's).
            let names = ["class", "id"]
                .iter()
                .filter_map(|a| node.attr(a))
                .any(|v| boilerplate::names_widget(&v));
            let block = name
                .as_deref()
                .is_some_and(|n| boilerplate::WIDGET_ELEMENTS.contains(&n));
            // Or a widget known by its shape (a poll, an author's box), whatever the element.
            if (block && names) || node.has_attr(SHAPE_MARK) {
                if !marks.is_empty() {
                    marks.push(' ');
                }
                marks.push_str(&next.to_string());
                next += 1;
            }
            if !marks.is_empty() {
                node.set_attr(WIDGET_MARK, &marks);
            }
        }
        let mut child = node.first_child();
        while let Some(c) = child {
            child = c.next_sibling();
            if c.is_element() || c.is_document() {
                stack.push((c, marks.clone()));
            }
        }
    }
}

/// The attribute that marks, before Readability runs, a widget known by its shape rather than
/// its name: a poll or a quiz outside any `<form>` ([`mark_choice_groups`]), an author's box
/// ([`mark_author_boxes`]); [`mark_widgets`] takes it as a widget's name, on any element.
const SHAPE_MARK: &str = "data-aa-shape";

/// A choice group's block takes in the text around its options (a poll's question, a
/// "Show results" button) up to this many words more than the options' own.
pub const CHOICE_QUESTION_MAX_WORDS: usize = 40;

/// A poll offers at most this many answers (a longer group is a form's, or a page's)…
pub const CHOICE_MAX_OPTIONS: usize = 20;
/// …and a page has at most this many read.
pub const CHOICE_MAX_GROUPS: usize = 100;

/// Marks the page's polls and quizzes (see [`SHAPE_MARK`]): a group of at least two radio
/// buttons of the same name, with the block that holds them all and, around it, the few words
/// of its question ([`CHOICE_QUESTION_MAX_WORDS`]) but never a headline (`<h1>`, `<h2>`) beside
/// it. A reader's choice of answers ("Ja, unbedingt." "Nein, das wäre Zensur.") is the page
/// asking, never the article telling. A `<form>` is left to [`mark_forms`]; a group whose
/// labels are not most of its block's words (tabs that radio buttons switch) is not a poll; a
/// group among more words than a widget may have (`boilerplate::WIDGET_MAX_WORDS`) is not
/// marked. Checkboxes are not read: a style sheet's menu toggles are checkboxes.
fn mark_choice_groups(doc: &Document) {
    let mut groups: Vec<(String, Vec<NodeRef<'_>>)> = Vec::new();
    for input in doc.select("input").nodes() {
        let radio = input
            .attr("type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("radio"));
        let name = input
            .attr("name")
            .map(|n| n.to_string())
            .unwrap_or_default();
        if !radio || name.is_empty() {
            continue;
        }
        match groups.iter_mut().find(|(n, _)| *n == name) {
            Some((_, inputs)) => inputs.push(*input),
            None => groups.push((name, vec![*input])),
        }
    }
    let limit = boilerplate::WIDGET_MAX_WORDS;
    let outer = |n: &NodeRef<'_>| {
        matches!(
            element_name(n).as_deref(),
            None | Some("body" | "html" | "main" | "article" | "form")
        )
    };
    let polls = groups
        .iter()
        .filter(|(_, inputs)| (2..=CHOICE_MAX_OPTIONS).contains(&inputs.len()))
        .take(CHOICE_MAX_GROUPS);
    for (_, inputs) in polls {
        if inputs[0]
            .ancestors_it(None)
            .any(|a| element_name(&a).as_deref() == Some("form"))
        {
            continue;
        }
        // The nearest block that holds every option of the group.
        let Some(mut block) = inputs[0].parent().and_then(|first| {
            std::iter::once(first)
                .chain(first.ancestors_it(None))
                .find(|a| {
                    inputs[1..]
                        .iter()
                        .all(|i| i.ancestors_it(None).any(|b| b.id == a.id))
                })
        }) else {
            continue;
        };
        if outer(&block) {
            continue;
        }
        let options = words_up_to(&block, limit);
        if options >= limit {
            continue;
        }
        // The answers' labels (the `<label>` around a button, or the one `for` its id) are
        // most of that block's words: radio buttons that switch a style sheet's tabs hold
        // the tabs' panels, which are not answers.
        let mut labels: Vec<NodeRef<'_>> = Vec::new();
        for input in inputs {
            let around = input
                .ancestors_it(None)
                .find(|a| element_name(a).as_deref() == Some("label"));
            let by_id = input.attr("id").and_then(|id| {
                block.descendants_it().find(|d| {
                    element_name(d).as_deref() == Some("label")
                        && d.attr("for").is_some_and(|f| *f == *id)
                })
            });
            for label in around.into_iter().chain(by_id) {
                if !labels.iter().any(|l| l.id == label.id) {
                    labels.push(label);
                }
            }
        }
        let answers: usize = labels.iter().map(|l| words_up_to(l, limit)).sum();
        if answers * 2 < options {
            continue;
        }
        let headlines = |n: &NodeRef<'_>| {
            n.descendants_it()
                .filter(|d| matches!(element_name(d).as_deref(), Some("h1" | "h2")))
                .count()
        };
        while let Some(parent) = block.parent().filter(|p| !outer(p)) {
            // Never the article's header: its headline, with an audio player's speeds.
            if words_up_to(&parent, limit) > options + CHOICE_QUESTION_MAX_WORDS
                || headlines(&parent) > headlines(&block)
            {
                break;
            }
            block = parent;
        }
        if words_up_to(&block, limit) < limit {
            block.set_attr(SHAPE_MARK, "");
        }
    }
}

/// An author's box has fewer words than this (a name, a line or two about them, their links).
pub const AUTHOR_BOX_MAX_WORDS: usize = 100;
/// At most this many links to an author's page are read on a page.
pub const AUTHOR_BOX_MAX_LINKS: usize = 50;

/// Marks the page's boxes about an author (see [`SHAPE_MARK`]): the nearest of the four blocks
/// around a link to the author's page (`rel="author"`) that also holds their picture (an
/// `<img>` whose class or address names an avatar, as WordPress's and Gravatar's do), under
/// [`AUTHOR_BOX_MAX_WORDS`] words: "Stephanie Bazzle / Steph Bazzle covers politics …", "Über
/// Bob Fischer". Whatever its class is named (`thb-article-author`, `author-content`), it is
/// about the writer, not the story; the byline is read apart, before any of this.
fn mark_author_boxes(doc: &Document) {
    let avatar = |d: &NodeRef<'_>| {
        element_name(d).as_deref() == Some("img")
            && ["class", "src"].iter().any(|k| {
                d.attr(k)
                    .is_some_and(|v| v.to_ascii_lowercase().contains("avatar"))
            })
    };
    let selection = doc.select("a[rel]");
    let links = selection.nodes().iter().filter(|a| {
        a.attr("rel").is_some_and(|r| {
            r.split_whitespace()
                .any(|w| w.eq_ignore_ascii_case("author"))
        })
    });
    for a in links.take(AUTHOR_BOX_MAX_LINKS) {
        let Some(card) = a
            .ancestors_it(None)
            .take(4)
            .find(|c| c.descendants_it().any(|d| avatar(&d)))
        else {
            continue;
        };
        let outer = matches!(
            element_name(&card).as_deref(),
            None | Some("body" | "html" | "main" | "article")
        );
        if !outer && words_up_to(&card, AUTHOR_BOX_MAX_WORDS) < AUTHOR_BOX_MAX_WORDS {
            card.set_attr(SHAPE_MARK, "");
        }
    }
}

/// The attribute that marks, before Readability runs, a small `<form>` (fewer than
/// `boilerplate::FORM_MAX_WORDS` words: a sign-up, log-in, search or comment form, not a page
/// whose whole body is one form) and every element inside it.
const FORM_MARK: &str = "data-aa-form";

/// Marks the page's small forms (see [`FORM_MARK`]).
fn mark_forms(doc: &Document) {
    for form in doc.select("form").nodes() {
        let small = words_up_to(form, boilerplate::FORM_MAX_WORDS) < boilerplate::FORM_MAX_WORDS;
        if !small {
            continue;
        }
        // Collected first: the tree is not changed while it is walked.
        let inside: Vec<NodeRef<'_>> = form.descendants_it().filter(|d| d.is_element()).collect();
        form.set_attr(FORM_MARK, "");
        for d in inside {
            d.set_attr(FORM_MARK, "");
        }
    }
}

/// A hidden container whose class names a paywall is the article's rest when its paragraphs
/// hold at least this many words (see [`show_paywalled`]).
const PAYWALLED_MIN_WORDS: usize = 50;

/// Shows the article's paragraphs that a metered paywall hid in the page (`hidden` or
/// `aria-hidden="true"` on a `<p>`, or on a block holding [`PAYWALLED_MIN_WORDS`] words of
/// `<p>`, whose class names a paywall: `class="paywall"`), so that Readability does not skip
/// them as invisible: a subscriber's browser shows them, and they are the story. (A paywall's
/// own prompt is a few words in no `<p>`, and stays hidden.)
fn show_paywalled(doc: &Document) {
    let paywalled: Vec<NodeRef<'_>> = doc
        .select("[hidden], [aria-hidden]")
        .nodes()
        .iter()
        .filter(|n| {
            n.attr("class")
                .is_some_and(|c| boilerplate::has_word(&c, &["paywall", "paywalled"]))
        })
        .filter(|n| {
            if element_name(n).as_deref() == Some("p") {
                return true;
            }
            let words: usize = n
                .descendants_it()
                .filter(|d| element_name(d).as_deref() == Some("p"))
                .map(|p| p.text().split_whitespace().count())
                .sum();
            words >= PAYWALLED_MIN_WORDS
        })
        .copied()
        .collect();
    for n in paywalled {
        n.remove_attr("hidden");
        if n.attr("aria-hidden").is_some_and(|v| v.trim() == "true") {
            n.remove_attr("aria-hidden");
        }
    }
}

/// Marks the elements that an inline style hides from all but screen readers (a link's
/// ", opens new tab", clipped to nothing in a box of one pixel: `clip: rect(0 0 0 0)` or
/// `clip-path: inset(50%)` with `width: 1px` or `height: 1px`) with the class `sr-only`,
/// before Readability drops the styles, so that the hidden-text filter sees them as it sees
/// `class="sr-only"`.
fn mark_hidden_styles(doc: &Document) {
    for n in doc.select("[style]").nodes() {
        let Some(style) = n.attr("style") else {
            continue;
        };
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        let clipped = [
            "clip:rect(0",
            "clip:rect(1px",
            "clip-path:inset(50%)",
            "clip-path:inset(100%)",
        ]
        .iter()
        .any(|c| style.contains(c));
        let tiny = style.contains("width:1px") || style.contains("height:1px");
        if clipped && tiny {
            let class = n.attr("class").map(|c| c.to_string()).unwrap_or_default();
            n.set_attr("class", &format!("{class} sr-only"));
        }
    }
}

/// A story has at least this many words of prose to count as one in [`drop_next_stories`].
const NEXT_STORY_MIN_WORDS: usize = 200;

/// Removes the stories after the page's own, before Readability runs: a site that loads the
/// next story as the reader scrolls (a page saved or sent after scrolling) holds two or more
/// outermost `<article>`s, each with its own `<h1>` and at least [`NEXT_STORY_MIN_WORDS`]
/// words; Readability takes their common parent, all of them. The first is the page's story.
/// (A page whose `<article>`s are teasers, short or without a heading of their own, is left
/// as it is.)
fn drop_next_stories(doc: &Document) {
    let is = |n: &NodeRef<'_>, name: &str| element_name(n).as_deref() == Some(name);
    let words = |n: &NodeRef<'_>| -> usize {
        n.descendants_it()
            .filter(|d| d.is_text())
            .filter(|d| {
                !d.parent()
                    .is_some_and(|p| is(&p, "script") || is(&p, "style"))
            })
            .map(|d| d.text().split_whitespace().count())
            .sum()
    };
    let stories: Vec<NodeRef<'_>> = doc
        .select("article")
        .nodes()
        .iter()
        .filter(|a| !a.ancestors(None).iter().any(|x| is(x, "article")))
        .filter(|a| a.descendants_it().any(|d| is(&d, "h1")))
        .filter(|a| words(a) >= NEXT_STORY_MIN_WORDS)
        .copied()
        .collect();
    if stories.len() >= 2 {
        for s in &stories[1..] {
            s.remove_from_parent();
        }
    }
}

/// How many levels above the article Readability took [`continuation`] looks.
const CONTINUATION_MAX_LEVELS: usize = 6;

/// A module holds at least this many words of paragraphs to continue the story.
const CONTINUATION_MIN_WORDS: usize = 15;
/// The fewest of the article's paragraphs that must share a class for [`earlier_paragraphs`]
/// to look for more of them.
const EARLIER_MIN_PARAGRAPHS: usize = 3;
/// How many of a paragraph's first words find it on the page.
const EARLIER_KEY_WORDS: usize = 20;
/// The most paragraphs before the article that [`earlier_paragraphs`] looks at (the last ones).
const EARLIER_MAX_PARAGRAPHS: usize = 24;

/// The rest of a story that a page splits into sibling modules of one layout (a chunk of
/// text, an ad, the next chunk …), of which Readability keeps the one with the best score:
/// the HTML of the modules' parts before the one it took and after it. `read` is the page as
/// Readability left it (its article in place, `#readability-page-1`). First the article's
/// siblings of the element and class of what it took; then, from the article's parent up to
/// [`CONTINUATION_MAX_LEVELS`] levels, the first ancestor whose siblings of the same element
/// and class hold the same path of elements and classes down to where the article sits, and
/// there an element like what it took. The ancestor has a class, or the path below it has one
/// (a page that wraps each module of its story in a `<div>` of no class of its own). Only parts
/// holding prose the article does not are taken (see [`continues_story`]). (A promotion, an author's box or a
/// list of links after a story may share its module's class, not the layout inside it.)
fn continuation(read: &Document, taken: &str, whole: &str) -> (String, String) {
    let none = (String::new(), String::new());
    let Some(article) = read
        .select_single("#readability-page-1")
        .nodes()
        .first()
        .copied()
    else {
        return none;
    };
    let taken = taken.split_whitespace().collect::<Vec<_>>().join(" ");
    let signature = |n: &NodeRef<'_>| {
        let class = n.attr("class").unwrap_or_default();
        (element_name(n), class.trim().to_string())
    };
    let marked = |n: &NodeRef<'_>| n.has_attr(WIDGET_MARK);
    // The module (or modules) Readability took, with a class.
    let taken_kinds: Vec<_> = article
        .element_children()
        .iter()
        .map(signature)
        .filter(|k| !k.1.is_empty())
        .collect();
    // The parts of `node`'s siblings like it, found down the same `path`, that continue the
    // story, before `node` and after it.
    let parts = |node: &NodeRef<'_>, path: &[NodeRef<'_>], like: &dyn Fn(&NodeRef<'_>) -> bool| {
        let (mut before, mut after, mut past) = (String::new(), String::new(), false);
        let Some(parent) = node.parent() else {
            return (before, after);
        };
        for s in parent.element_children() {
            if s.id == node.id {
                past = true;
                continue;
            }
            if !like(&s) {
                continue;
            }
            let mut part = Some(s);
            for step in path {
                let want = signature(step);
                part = part.and_then(|p| {
                    p.element_children()
                        .into_iter()
                        .find(|c| signature(c) == want)
                });
            }
            // Down to a module like the one Readability took (not for the article's own
            // siblings); no widget's mark where the article's module has none.
            let counterpart = path.last().copied().unwrap_or(*node);
            let Some(part) = part
                .filter(|p| {
                    node.id == article.id
                        || p.element_children()
                            .iter()
                            .any(|c| taken_kinds.contains(&signature(c)))
                })
                .filter(|p| !marked(p) || marked(&counterpart))
            else {
                continue;
            };
            // Readability did not clean it: its short blocks of links go first, as its own
            // do (the page is Readability's copy, read no further).
            let links: Vec<NodeRef<'_>> = part
                .descendants_it()
                .filter(|d| {
                    element_name(d).is_some_and(|n| LINK_BLOCKS.contains(&n.as_str()))
                        && leading_text(d, 8 * LINK_BLOCK_MAX_WORDS)
                            .split_whitespace()
                            .count()
                            < LINK_BLOCK_MAX_WORDS
                        && is_link_dense(d)
                })
                .collect();
            for l in links {
                l.remove_from_parent();
            }
            if !continues_story(&part, &taken) {
                continue;
            }
            let html = part.try_html().unwrap_or_default();
            if past {
                after.push_str(&html);
            } else {
                before.push_str(&html);
            }
        }
        (before, after)
    };
    // The article's siblings like the module Readability took, now inside its article.
    let found = parts(&article, &[], &|s| taken_kinds.contains(&signature(s)));
    if !found.0.is_empty() || !found.1.is_empty() {
        return found;
    }
    // Then the article's ancestors, each with the path down to the article's parent.
    let mut path: Vec<NodeRef<'_>> = Vec::new();
    let mut at = article.parent();
    for _ in 0..CONTINUATION_MAX_LEVELS {
        let Some(node) = at else {
            break;
        };
        if matches!(element_name(&node).as_deref(), None | Some("body" | "html")) {
            break;
        }
        at = node.parent();
        let own = signature(&node);
        // (A `<div>` of no class is any `<div>`: only the classes on the path below it make its
        // siblings the story's modules.)
        if !own.1.is_empty() || path.iter().any(|p| !signature(p).1.is_empty()) {
            let found = parts(&node, &path, &|s| signature(s) == own);
            if !found.0.is_empty() || !found.1.is_empty() {
                return found;
            }
        }
        path.insert(0, node);
    }
    (
        earlier_paragraphs(read, &article, &taken, whole),
        String::new(),
    )
}

/// The story's first paragraphs in a module of their own before the one Readability took,
/// in a layout unlike the rest's (a lead set apart by a summary column or an ad, so
/// [`continuation`]'s match by layout misses it): paragraphs of the class most of the
/// article's own paragraphs have (at least [`EARLIER_MIN_PARAGRAPHS`] and half of them; a
/// class, not none), outside any widget, that come before the article's first such paragraph
/// on the page (`whole`, the page's text), with no `<h1>`–`<h3>` between them and the
/// article; of those, the ones in the container nearest the article, when together they
/// continue the story (see [`continues_story`]). Only the paragraphs themselves are taken,
/// not what their module holds beside them (a byline, share buttons).
fn earlier_paragraphs(read: &Document, article: &NodeRef<'_>, taken: &str, whole: &str) -> String {
    // (Readability flattens the article's own containers, so only the class is compared.)
    let kind = |p: &NodeRef<'_>| p.attr("class").unwrap_or_default().trim().to_string();
    let own: Vec<_> = article
        .descendants_it()
        .filter(|d| element_name(d).as_deref() == Some("p"))
        .map(|p| kind(&p))
        .collect();
    let mut counts: Vec<(&_, usize)> = Vec::new();
    for k in own.iter().filter(|k| !k.is_empty()) {
        match counts.iter_mut().find(|(c, _)| *c == k) {
            Some((_, n)) => *n += 1,
            None => counts.push((k, 1)),
        }
    }
    let Some((want, n)) = counts.into_iter().max_by_key(|(_, n)| *n) else {
        return String::new();
    };
    if n < EARLIER_MIN_PARAGRAPHS || n * 2 < own.len() {
        return String::new();
    }
    let in_widget = |p: &NodeRef<'_>| p.ancestors_it(None).any(|a| a.has_attr(WIDGET_MARK));
    let mut found: Vec<NodeRef<'_>> = Vec::new();
    for d in read.root().descendants_it() {
        if d.id == article.id {
            break;
        }
        match element_name(&d).as_deref() {
            // A heading between: what came before it is another module's.
            Some("h1" | "h2" | "h3") => found.clear(),
            Some("p") if kind(&d) == *want => found.push(d),
            _ => {}
        }
    }
    // The last few only (a lead is a few paragraphs; each is looked for in the page's text).
    let found = &found[found.len().saturating_sub(EARLIER_MAX_PARAGRAPHS)..];
    // Where a paragraph starts on the page as it was: Readability appends its article after
    // what it left of the top candidate's siblings, so the order in `read` is not the page's.
    // Its first words, enough of them not to be found in a caption that quotes it.
    let flat = whole.split_whitespace().collect::<Vec<_>>().join(" ");
    let at = |p: &NodeRef<'_>| {
        let words: Vec<String> = p
            .text()
            .split_whitespace()
            .take(EARLIER_KEY_WORDS)
            .map(str::to_string)
            .collect();
        (words.len() >= 3)
            .then(|| flat.find(&words.join(" ")))
            .flatten()
    };
    // (The article's first such paragraphs only: each look is a search of the page's text.)
    let Some(start) = article
        .descendants_it()
        .filter(|d| element_name(d).as_deref() == Some("p") && kind(d) == *want)
        .take(EARLIER_MAX_PARAGRAPHS)
        .find_map(|p| at(&p))
    else {
        return String::new();
    };
    let mut found: Vec<NodeRef<'_>> = found
        .iter()
        .filter(|p| !in_widget(p) && at(p).is_some_and(|i| i < start))
        .copied()
        .collect();
    // One module: the paragraphs of the container nearest the article.
    if let Some(parent) = found.last().and_then(|p| p.parent()) {
        found.retain(|p| p.parent().is_some_and(|q| q.id == parent.id));
    }
    if found.is_empty() {
        return String::new();
    }
    let html: String = found.iter().map(|p| p.html().to_string()).collect();
    let part = Document::from(format!("<div>{html}</div>"));
    let Some(div) = part.select_single("div").nodes().first().copied() else {
        return String::new();
    };
    if continues_story(&div, taken) {
        html
    } else {
        String::new()
    }
}

/// The page's own summary of its story (`og:description`, `<meta name="description">`,
/// `twitter:description`), each whitespace-collapsed, in that order, without repeats; only
/// those that can be a standfirst: [`STANDFIRST_MIN_WORDS`] to [`STANDFIRST_MAX_WORDS`] words,
/// not cut with an ellipsis.
fn descriptions(doc: &Document) -> Vec<String> {
    let metas = doc.select("meta[content]").nodes().to_vec();
    let mut out: Vec<String> = Vec::new();
    for (attr, key) in [
        ("property", "og:description"),
        ("name", "description"),
        ("name", "twitter:description"),
        ("property", "twitter:description"),
    ] {
        for n in &metas {
            if !n
                .attr(attr)
                .is_some_and(|v| v.trim().eq_ignore_ascii_case(key))
            {
                continue;
            }
            let Some(text) = n.attr("content").as_deref().and_then(clean) else {
                continue;
            };
            let text = collapse(&text);
            let words = count_words(&text);
            let cut = text.ends_with("...") || text.ends_with('…');
            if (STANDFIRST_MIN_WORDS..=STANDFIRST_MAX_WORDS).contains(&words)
                && !cut
                && !out.contains(&text)
            {
                out.push(text);
            }
        }
    }
    out
}

/// A description of fewer words is not looked for as a standfirst (a site's slogan).
const STANDFIRST_MIN_WORDS: usize = 8;
/// Nor one of more (an excerpt of the story, not a summary of it).
const STANDFIRST_MAX_WORDS: usize = 120;
/// The standfirst's block may hold this many words besides the description (a dateline:
/// "Berlin. …").
const STANDFIRST_EXTRA_WORDS: usize = 4;
/// At most this many words of the page lie between the standfirst and the story's first line
/// (a byline, a date, a picture's caption, a share row).
const STANDFIRST_MAX_GAP_WORDS: usize = 150;

/// The standfirst (the story's summary, set in a block of its own above it: a "lead",
/// "teaser" or "dek"), when Readability left it out: a block of the page's text (`whole`,
/// one block a line) that is one of the page's `descriptions` (with at most
/// [`STANDFIRST_EXTRA_WORDS`] more words), that `article` does not hold, and after which the
/// article's first line comes within [`STANDFIRST_MAX_GAP_WORDS`] words. Not a notice.
fn standfirst(descriptions: &[String], whole: &str, article: &str) -> Option<String> {
    if descriptions.is_empty() {
        return None;
    }
    let article_flat = collapse(article);
    // The article's first line of three words or more, by its first words.
    let first: String = article
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .find(|w| w.len() >= 3)?
        .into_iter()
        .take(8)
        .collect::<Vec<_>>()
        .join(" ");
    let lines: Vec<String> = whole.lines().map(collapse).collect();
    for d in descriptions {
        // Already in the article (its opening, or the standfirst Readability kept).
        let key: String = d.chars().take(80).collect();
        if article_flat.contains(&key) {
            return None;
        }
        let words = count_words(d);
        // Each block that holds it (a teaser of the same story higher up may too).
        let holders = lines.iter().enumerate().filter(|(_, l)| {
            l.contains(d.as_str()) && count_words(l) <= words + STANDFIRST_EXTRA_WORDS
        });
        for (at, lead) in holders {
            let mut gap = 0;
            for l in &lines[at + 1..] {
                if l.contains(&first) {
                    if boilerplate::is_notice(lead) {
                        break;
                    }
                    return Some(lead.clone());
                }
                gap += count_words(l);
                if gap > STANDFIRST_MAX_GAP_WORDS {
                    break;
                }
            }
        }
    }
    None
}

/// Whether `s`, the part of a sibling module where the story would go, is more of it: at
/// least [`CONTINUATION_MIN_WORDS`] words in paragraphs, half its words or more, few in
/// links, no headline of its own (`<h1>`), no paragraph the article already holds.
fn continues_story(s: &NodeRef<'_>, taken: &str) -> bool {
    let text = s.text();
    let words = text.split_whitespace().count();
    if words < CONTINUATION_MIN_WORDS {
        return false;
    }
    let mut prose = 0;
    for d in s.descendants_it() {
        match element_name(&d).as_deref() {
            Some("h1") => return false,
            Some("p") => {
                let t = d.text();
                let w: Vec<&str> = t.split_whitespace().collect();
                if w.len() >= 8 && taken.contains(&w[..8].join(" ")) {
                    return false;
                }
                prose += w.len();
            }
            _ => {}
        }
    }
    let chars = visible_chars(&text);
    prose >= CONTINUATION_MIN_WORDS && prose * 2 >= words && linked_chars(s) * 4 < chars
}

/// The outermost marked elements of the widgets that are small beside the article (fewer than
/// `WIDGET_MAX_WORDS` words and `WIDGET_MAX_SHARE` of its characters, counted over what
/// Readability kept of each).
fn small_widgets<'a>(doc: &'a Document) -> Vec<NodeRef<'a>> {
    let article_chars = visible_chars(&doc.root().text());
    // Per widget: words, characters, whether it is inside another widget, its elements.
    type Part<'a> = (usize, usize, bool, Vec<NodeRef<'a>>);
    let mut parts: std::collections::HashMap<String, Part<'a>> = std::collections::HashMap::new();
    for n in doc.select(&format!("[{WIDGET_MARK}]")).nodes() {
        let Some(marks) = n.attr(WIDGET_MARK) else {
            continue;
        };
        let parent_marks = n.parent().and_then(|p| p.attr(WIDGET_MARK));
        let text = n.text();
        let (words, chars) = (text.split_whitespace().count(), visible_chars(&text));
        for (depth, mark) in marks.split(' ').enumerate() {
            // Counted once per widget, on its outermost elements.
            let inside_same = parent_marks
                .as_deref()
                .is_some_and(|p| p.split(' ').any(|m| m == mark));
            if inside_same {
                continue;
            }
            let e = parts.entry(mark.to_string()).or_default();
            e.0 += words;
            e.1 += chars;
            e.2 |= depth > 0;
            e.3.push(*n);
        }
    }
    let small: Vec<Part<'a>> = parts
        .into_values()
        .filter(|(words, chars, _, _)| {
            *words < boilerplate::WIDGET_MAX_WORDS
                && (*chars as f64) < boilerplate::WIDGET_MAX_SHARE * article_chars as f64
        })
        .collect();
    // Small widgets inside large ones that together make half the article (the items of a
    // live commentary or a thread, each named like a comment) are the article: of those,
    // only the widgets inside none go.
    let nested_chars: usize = small.iter().filter(|p| p.2).map(|p| p.1).sum();
    let keep_nested = nested_chars * 2 >= article_chars;
    small
        .into_iter()
        .filter(|p| !(keep_nested && p.2))
        .flat_map(|p| p.3)
        .collect()
}

/// The share of an article's visible characters that are inside widgets (see
/// [`WIDGET_MARK`]).
fn widget_share(content: &str) -> f64 {
    let doc = Document::from(content);
    let total = visible_chars(&doc.root().text());
    if total == 0 {
        return 0.0;
    }
    let marked: usize = doc
        .select(&format!("[{WIDGET_MARK}]"))
        .nodes()
        .iter()
        .filter(|n| n.parent().is_none_or(|p| !p.has_attr(WIDGET_MARK)))
        .map(|n| visible_chars(&n.text()))
        .sum();
    marked as f64 / total as f64
}

/// The share of an article's visible characters that are inside small forms (see
/// [`FORM_MARK`]), counted on the outermost marked elements (Readability may put elements of
/// its own, which have no mark, inside marked ones).
fn form_share(content: &str) -> f64 {
    let doc = Document::from(content);
    let total = visible_chars(&doc.root().text());
    if total == 0 {
        return 0.0;
    }
    let marked: usize = doc
        .select(&format!("[{FORM_MARK}]"))
        .nodes()
        .iter()
        .filter(|n| !n.ancestors(None).iter().any(|a| a.has_attr(FORM_MARK)))
        .map(|n| visible_chars(&n.text()))
        .sum();
    marked as f64 / total as f64
}

/// How many words `text` has, as the capture's notice counts them: what spaces separate, and
/// in Chinese and Japanese, written without spaces, each Han or kana character (as Unicode's
/// word boundaries split ideographs), so that a Japanese article of 300 characters is not "3
/// words".
pub(crate) fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .map(|token| {
            let own = token.chars().filter(|c| is_spaceless_script(*c)).count();
            // The rest of the token ("Android", "2017"), when it has a letter or a digit; a
            // token of neither counts once, as before.
            let rest = token
                .chars()
                .any(|c| c.is_alphanumeric() && !is_spaceless_script(c));
            own + usize::from(rest || own == 0)
        })
        .sum()
}

/// A character of the scripts written without spaces between words: Han (Chinese characters,
/// Japanese kanji) and kana.
fn is_spaceless_script(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'     // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}'   // CJK Extension A
        | '\u{4E00}'..='\u{9FFF}'   // CJK Unified Ideographs
        | '\u{F900}'..='\u{FAFF}'   // CJK Compatibility Ideographs
        | '\u{FF66}'..='\u{FF9F}'   // half-width Katakana
        | '\u{20000}'..='\u{2FA1F}' // CJK Extensions B–F, Compatibility Supplement
    )
}

/// Whether at least half of `text`'s letters are of the scripts that write a word in one to
/// three characters (Han, kana, Hangul).
fn mostly_wide_script(text: &str) -> bool {
    let (mut letters, mut wide) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        let hangul = matches!(c, '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}');
        if hangul || is_spaceless_script(c) {
            wide += 1;
        }
    }
    letters > 0 && wide * 2 >= letters
}

fn visible_chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// The blocks the link-density filter looks at.
const LINK_BLOCKS: &[&str] = &[
    "p", "li", "dd", "dt", "div", "section", "ul", "ol", "nav", "h2", "h3", "h4", "h5", "h6", "td",
];

/// A "Related" block: `n` when its text is a label such as "Related stories" or "Read more"
/// (`boilerplate::related_label`) and then only links ("Related: <a>…</a> <a>…</a>"), or when
/// it is the label alone, with the blocks of links that follow it.
fn related_links<'a>(n: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
    // Most blocks are ruled out by their first words, without their whole text.
    if boilerplate::related_label(&leading_text(n, 40)).is_none() {
        return Vec::new();
    }
    let text = n.text();
    let words = text.split_whitespace().count();
    if words == 0 || words >= boilerplate::WIDGET_MAX_WORDS {
        return Vec::new();
    }
    let Some(label_chars) = boilerplate::related_label(&text) else {
        return Vec::new();
    };
    let total = visible_chars(&text);
    if total <= label_chars {
        // The label alone: it, and the blocks of links after it.
        let mut out = vec![*n];
        let mut sib = n.next_element_sibling();
        while let Some(s) = sib {
            let t = s.text();
            let (w, c) = (t.split_whitespace().count(), visible_chars(&t));
            if w == 0 || w >= boilerplate::WIDGET_MAX_WORDS || linked_chars(&s) * 2 <= c {
                break;
            }
            out.push(s);
            sib = s.next_element_sibling();
        }
        return if out.len() > 1 { out } else { Vec::new() };
    }
    // The label, then links: at least half of what follows the label is link text.
    if linked_chars(n) * 2 >= total - label_chars {
        vec![*n]
    } else {
        Vec::new()
    }
}

/// A summary box set above or beside the story: `n` when its text is only a label such as
/// "Story highlights" (`boilerplate::HIGHLIGHTS_LABELS`) and the element after it is a list,
/// with that list (its points are the story's own, told again).
fn highlights_box<'a>(n: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
    match bare_label(n, 3) {
        Some(bare) if boilerplate::HIGHLIGHTS_LABELS.contains(&bare.as_str()) => {}
        _ => return Vec::new(),
    }
    match n.next_element_sibling() {
        Some(list)
            if element_name(&list).is_some_and(|x| x == "ul" || x == "ol")
                && list.text().split_whitespace().count() < boilerplate::WIDGET_MAX_WORDS =>
        {
            vec![*n, list]
        }
        _ => Vec::new(),
    }
}

/// A box about the story's author set under it without a class to tell it: `n` when its
/// text is only a label such as "About the author" or "Die Autorin"
/// (`boilerplate::AUTHOR_LABELS`), with the block after it when that has fewer than
/// `boilerplate::WIDGET_MAX_WORDS` words (the author's few lines).
fn author_box<'a>(n: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
    match bare_label(n, 5) {
        Some(bare) if boilerplate::AUTHOR_LABELS.contains(&bare.as_str()) => {}
        _ => return Vec::new(),
    }
    match n.next_element_sibling() {
        Some(bio)
            if bio.text().split_whitespace().count() < boilerplate::WIDGET_MAX_WORDS
                && !bio.text().trim().is_empty() =>
        {
            vec![*n, bio]
        }
        _ => vec![*n],
    }
}

/// `n`'s text as a label is compared with a list of labels: trimmed, a closing colon dropped,
/// its spaces collapsed, in lower case, every apostrophe written "'"; none when its leading
/// text has more than `max_words` words (no label, so its whole text is not read).
fn bare_label(n: &NodeRef<'_>, max_words: usize) -> Option<String> {
    if leading_text(n, 40).split_whitespace().count() > max_words {
        return None;
    }
    Some(
        n.text()
            .trim()
            .trim_end_matches(':')
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
            .replace('’', "'"),
    )
}

/// How many words `n` has, counted up to `bound + 1` over its first `16 * bound` bytes of text
/// ([`leading_text`]): enough to tell a small block from a large one without reading a page's
/// body whole.
fn words_up_to(n: &NodeRef<'_>, bound: usize) -> usize {
    leading_text(n, 16 * bound)
        .split_whitespace()
        .take(bound + 1)
        .count()
}

/// The first text under `n`, at least `chars` bytes of it when it has them, walked in
/// document order without recursion.
fn leading_text(n: &NodeRef<'_>, chars: usize) -> String {
    let mut out = String::new();
    let mut stack = vec![*n];
    while let Some(node) = stack.pop() {
        if node.is_text() {
            out.push_str(&node.text());
            if out.trim_start().len() >= chars {
                break;
            }
            continue;
        }
        let at = stack.len();
        let mut child = node.first_child();
        while let Some(c) = child {
            child = c.next_sibling();
            stack.push(c);
        }
        stack[at..].reverse();
    }
    out
}

/// How many visible characters of `n` are inside links (nested links do not nest in HTML:
/// each `<a>` is counted once).
fn linked_chars(n: &NodeRef<'_>) -> usize {
    outer_links(n)
        .iter()
        .map(|a| visible_chars(&a.text()))
        .sum()
}

/// The links under `n` that are not inside another link under it.
fn outer_links<'a>(n: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
    links_in(n).into_iter().filter(|d| !in_link(d, n)).collect()
}

/// Whether `n` is an `<a>` element.
fn is_link(n: &NodeRef<'_>) -> bool {
    n.is_element() && n.node_name().is_some_and(|x| x.eq_ignore_ascii_case("a"))
}

/// Whether `n` is inside a link that is itself under `root`.
fn in_link(n: &NodeRef<'_>, root: &NodeRef<'_>) -> bool {
    n.ancestors(None)
        .iter()
        .take_while(|a| a.id != root.id)
        .any(is_link)
}

/// Whether `n` is a short block whose text is mostly inside links.
fn is_link_dense(n: &NodeRef<'_>) -> bool {
    let text = n.text();
    let words = text.split_whitespace().count();
    if words == 0 || words >= LINK_BLOCK_MAX_WORDS {
        return false;
    }
    let total = visible_chars(&text);
    let linked = linked_chars(n);
    total > 0 && linked * 2 > total
}

/// `text` without the short lines (under eight words) that occur three times or more, nor
/// a gallery's counter: lines that are a bare number, when 1, 2 and 3 are among them.
fn drop_repeats(text: &str) -> String {
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for l in text.lines() {
        *counts.entry(l.trim()).or_default() += 1;
    }
    let number = |t: &str| t.parse::<u32>().ok();
    let counter = [1, 2, 3]
        .iter()
        .all(|n| text.lines().any(|l| number(l.trim()) == Some(*n)));
    text.lines()
        .filter(|l| {
            let t = l.trim();
            t.is_empty()
                || !((counts[t] >= 3 && t.split_whitespace().count() < 8)
                    || (counter && number(t).is_some()))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The deepest nesting of elements a page may have for Readability to read it.
pub const MAX_DEPTH: usize = 512;

/// How deeply the elements under `root` nest, counted without recursion.
fn depth(root: &NodeRef<'_>) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(*root, 0usize)];
    while let Some((node, d)) = stack.pop() {
        deepest = deepest.max(d);
        let mut child = node.first_child();
        while let Some(c) = child {
            child = c.next_sibling();
            if c.is_element() {
                stack.push((c, d + 1));
            }
        }
    }
    deepest
}

/// The text a reader sees under `root`, by the [`TextBuilder`] rules, walked without
/// recursion (a page nested ten thousand deep cannot overflow the stack).
fn text_of(root: &NodeRef<'_>) -> crate::core::html::Extracted {
    let mut b = TextBuilder::new();
    let mut stack: Vec<(NodeRef<'_>, bool)> = vec![(*root, false)];
    while let Some((node, leaving)) = stack.pop() {
        if node.is_element() {
            let Some(name) = node.node_name() else {
                continue;
            };
            let name = name.to_ascii_lowercase();
            if leaving {
                b.event(HtmlEvent::End { name: &name });
                continue;
            }
            b.event(HtmlEvent::Start {
                name: &name,
                self_closing: false,
            });
            stack.push((node, true));
            push_children(&mut stack, &node);
        } else if node.is_text() {
            b.event(HtmlEvent::Text(&node.text()));
        } else if node.is_document() || node.is_fragment() {
            push_children(&mut stack, &node);
        }
    }
    b.finish()
}

fn push_children<'a>(stack: &mut Vec<(NodeRef<'a>, bool)>, node: &NodeRef<'a>) {
    let at = stack.len();
    let mut child = node.first_child();
    while let Some(c) = child {
        child = c.next_sibling();
        stack.push((c, false));
    }
    stack[at..].reverse();
}

/// `<link rel="canonical">`'s URL, else `og:url`'s, resolved against `base`; `http:`/`https:`
/// only.
fn canonical_url(doc: &Document, base: Option<&str>) -> Option<String> {
    let link = doc
        .select("link[rel]")
        .nodes()
        .iter()
        .find(|n| {
            n.attr("rel").is_some_and(|r| {
                r.split_ascii_whitespace()
                    .any(|t| t.eq_ignore_ascii_case("canonical"))
            })
        })
        .and_then(|n| n.attr("href"));
    let og = || {
        doc.select("meta[property]")
            .nodes()
            .iter()
            .find(|n| {
                n.attr("property")
                    .is_some_and(|p| p.trim().eq_ignore_ascii_case("og:url"))
            })
            .and_then(|n| n.attr("content"))
    };
    [link, og()]
        .into_iter()
        .flatten()
        .find_map(|href| resolve(href.trim(), base))
}

/// `href` made absolute against `base`, if it is (or becomes) an `http:`/`https:` URL.
fn resolve(href: &str, base: Option<&str>) -> Option<String> {
    if href.is_empty() {
        return None;
    }
    if let Ok(u) = HttpUrl::parse(href) {
        return Some(u.as_str().to_owned());
    }
    let scheme_len = href
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
        .unwrap_or(0);
    if scheme_len > 0 && href[scheme_len..].starts_with(':') {
        // Another scheme (`javascript:`, `data:`, …): never a page's address.
        return None;
    }
    let base = base?;
    let (scheme, rest) = base.split_once("://")?;
    let host_end = rest.find('/').unwrap_or(rest.len());
    let origin = format!("{scheme}://{}", &rest[..host_end]);
    let joined = if let Some(path) = href.strip_prefix("//") {
        format!("{scheme}://{path}")
    } else if href.starts_with('/') {
        format!("{origin}{href}")
    } else {
        let path = &rest[host_end..];
        let dir = path
            .split(['?', '#'])
            .next()
            .and_then(|p| p.rsplit_once('/'))
            .map(|(d, _)| d)
            .unwrap_or("");
        format!("{origin}{dir}/{href}")
    };
    HttpUrl::parse(&joined).ok().map(|u| u.as_str().to_owned())
}

/// The meta names (also `property` and `itemprop` values, lower-case) that give a page's
/// publication date, besides those the Readability port reads.
const DATE_KEYS: &[&str] = &[
    "datepublished",
    "article:published_time",
    "og:published_time",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "citation_publication_date",
    "parsely-pub-date",
    "sailthru.date",
    "article_date_original",
    "original-publish-date",
    "datecreated",
    "article:published",
    "article.published",
    "og:article:published_time",
    "article:published:time",
    "published_time",
    "published-time",
    "publish_time",
    "publish-time",
    "published_date",
    "published-date",
    "date_published",
    "date-published",
    "pub_date",
    "pub-date",
    "release_date",
    "cxenseparse:recs:publishtime",
    "rnews:datepublished",
    "dc.date.published",
];

/// The address in the comment a browser writes at the top of a page it saves
/// (`<!-- saved from url=(0042)https://… -->`), when it is an `http:`/`https:` URL.
fn saved_from_url(html: &str) -> Option<String> {
    let head = &html.as_bytes()[..html.len().min(4096)];
    let url = crate::core::charset::saved_from(head)?;
    HttpUrl::parse(std::str::from_utf8(url).ok()?)
        .ok()
        .map(|u| u.as_str().to_owned())
}

/// The schema.org types whose `datePublished` is the page's (besides what `dom_smoothie`
/// reads: one object at the top, not a `@graph` or a list).
const JSON_LD_ARTICLES: &[&str] = &[
    "Article",
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "Report",
    "ScholarlyArticle",
    "TechArticle",
    "SocialMediaPosting",
    "WebPage",
    "VideoObject",
];

/// The `datePublished` of the article in the page's JSON-LD: in a list, in a `@graph`, or
/// nested (`mainEntity`); an article type first (in [`JSON_LD_ARTICLES`]' order), else any
/// object that has one.
fn json_ld_date(doc: &Document) -> Option<String> {
    json_ld_find(doc, |map| {
        map.get("datePublished")
            .and_then(|d| d.as_str())
            .and_then(parse_date)
    })
}

/// The people the article's JSON-LD names as its `author` (a name, a `Person` or an object
/// without a type, or a list of them; never an `Organization`), joined with ", " as
/// Readability joins them; found as [`json_ld_date`] finds the date.
fn json_ld_authors(doc: &Document) -> Option<String> {
    let people = json_ld_people(doc);
    json_ld_find(doc, |map| {
        let one = |v: &serde_json::Value| -> Option<String> {
            match v {
                serde_json::Value::String(s) => Some(s.clone()),
                // Only a reference to a `Person` elsewhere in the page's JSON-LD (a `@graph`'s
                // `{"@id": "…#/schema/person/…"}`): that person's name.
                serde_json::Value::Object(o)
                    if !o.contains_key("name") && !o.contains_key("familyName") =>
                {
                    o.get("@id")
                        .and_then(|id| id.as_str())
                        .and_then(|id| people.iter().find(|(i, _)| i == id))
                        .map(|(_, name)| name.clone())
                }
                serde_json::Value::Object(o) => {
                    let person = match o.get("@type") {
                        None => true,
                        Some(serde_json::Value::String(t)) => t == "Person",
                        Some(serde_json::Value::Array(ts)) => {
                            ts.iter().any(|t| t.as_str() == Some("Person"))
                        }
                        _ => false,
                    };
                    // A name, else a given and a family name ("givenName", "familyName").
                    let given_family = || {
                        let given = o.get("givenName")?.as_str()?;
                        let family = o.get("familyName")?.as_str()?;
                        Some(format!("{given} {family}"))
                    };
                    person
                        .then(|| {
                            o.get("name")
                                .and_then(|n| n.as_str())
                                .map(str::to_owned)
                                .or_else(given_family)
                        })
                        .flatten()
                }
                _ => None,
            }
        };
        let mut names: Vec<String> = match map.get("author")? {
            serde_json::Value::Array(items) => items.iter().filter_map(one).collect(),
            v => one(v).into_iter().collect(),
        };
        names.retain(|n| !n.trim().is_empty() && !is_handle(n));
        names.dedup();
        let joined = names
            .iter()
            .map(|n| {
                unescaped(n)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join(", ");
        (!joined.is_empty()).then_some(joined)
    })
}

/// The `Person`s of the page's JSON-LD that have an `@id` and a name, as (id, name), wherever
/// they are (at most so many objects are looked at).
fn json_ld_people(doc: &Document) -> Vec<(String, String)> {
    let mut people = Vec::new();
    for value in json_ld_scripts(doc, "Person") {
        walk_json_ld(
            &value,
            |map| map.values().collect(),
            |map| {
                let person = match map.get("@type") {
                    Some(serde_json::Value::String(t)) => t == "Person",
                    Some(serde_json::Value::Array(ts)) => {
                        ts.iter().any(|t| t.as_str() == Some("Person"))
                    }
                    _ => false,
                };
                let id = map.get("@id").and_then(|i| i.as_str());
                let name = map.get("name").and_then(|n| n.as_str());
                if let (true, Some(id), Some(name)) = (person, id, name) {
                    people.push((id.to_owned(), name.to_owned()));
                }
            },
        );
    }
    people
}

/// The page's JSON-LD (`<script type="application/ld+json">`) whose text holds `needle`, each
/// script parsed; those that do not parse are left out.
fn json_ld_scripts(doc: &Document, needle: &str) -> Vec<serde_json::Value> {
    doc.select("script")
        .nodes()
        .iter()
        .filter(|n| {
            n.attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
        })
        .filter_map(|n| {
            let text = n.text();
            if !text.contains(needle) {
                return None;
            }
            serde_json::from_str(text.trim()).ok()
        })
        .collect()
}

/// Visits the objects of a JSON-LD value, without recursion and at most 2,000 values: a list's
/// items in order, and of each object the values `inner` gives.
fn walk_json_ld<'v>(
    value: &'v serde_json::Value,
    inner: impl Fn(&'v serde_json::Map<String, serde_json::Value>) -> Vec<&'v serde_json::Value>,
    mut visit: impl FnMut(&'v serde_json::Map<String, serde_json::Value>),
) {
    let mut stack = vec![value];
    let mut seen = 0;
    while let Some(v) = stack.pop() {
        seen += 1;
        if seen > 2_000 {
            break;
        }
        match v {
            serde_json::Value::Array(items) => stack.extend(items.iter().rev()),
            serde_json::Value::Object(map) => {
                visit(map);
                stack.extend(inner(map));
            }
            _ => {}
        }
    }
}

/// The first value `read` gives for an object of the page's JSON-LD (in a list, in a `@graph`,
/// or nested: `mainEntity`), an article type's first (in [`JSON_LD_ARTICLES`]' order).
fn json_ld_find<T>(
    doc: &Document,
    read: impl Fn(&serde_json::Map<String, serde_json::Value>) -> Option<T>,
) -> Option<T> {
    let mut found: Vec<(usize, T)> = Vec::new();
    for value in json_ld_scripts(doc, "") {
        walk_json_ld(
            &value,
            |map| {
                [
                    "@graph",
                    "mainEntity",
                    "mainEntityOfPage",
                    "itemListElement",
                ]
                .iter()
                .filter_map(|key| map.get(*key))
                .collect()
            },
            |map| {
                if let Some(x) = read(map) {
                    let types: Vec<&str> = match map.get("@type") {
                        Some(serde_json::Value::String(t)) => vec![t.as_str()],
                        Some(serde_json::Value::Array(ts)) => {
                            ts.iter().filter_map(|t| t.as_str()).collect()
                        }
                        _ => Vec::new(),
                    };
                    let rank = types
                        .iter()
                        .filter_map(|t| JSON_LD_ARTICLES.iter().position(|a| a == t))
                        .min()
                        .unwrap_or(JSON_LD_ARTICLES.len());
                    found.push((rank, x));
                }
            },
        );
    }
    found
        .into_iter()
        .min_by_key(|(rank, _)| *rank)
        .map(|(_, x)| x)
}

/// The publication date the page's `<time datetime>` elements give: one marked as such
/// (`pubdate`, or a class, id or `itemprop` naming publication), else the first inside the
/// `<article>`, else the page's only date when every `<time>` gives the same one.
fn time_date(doc: &Document) -> Option<String> {
    let times: Vec<(NodeRef<'_>, String)> = doc
        .select("time[datetime]")
        .nodes()
        .iter()
        .filter_map(|n| Some((*n, parse_date(&n.attr("datetime")?)?)))
        .collect();
    let marked = times.iter().find(|(n, _)| {
        n.has_attr("pubdate")
            || ["class", "id", "itemprop"].iter().any(|a| {
                n.attr(a).is_some_and(|v| {
                    let v = v.to_ascii_lowercase();
                    v.contains("publish") || v.contains("posted") || v.contains("created")
                })
            })
    });
    // Only when the page has one `<article>` (teasers of other stories are often articles).
    let one_article = doc.select("article").length() == 1;
    let in_article = || {
        times.iter().filter(|_| one_article).find(|(n, _)| {
            n.ancestors(None).iter().any(|a| {
                a.node_name()
                    .is_some_and(|x| x.eq_ignore_ascii_case("article"))
            })
        })
    };
    let only = || {
        let first = times.first()?;
        times.iter().all(|(_, d)| *d == first.1).then_some(first)
    };
    marked
        .or_else(in_article)
        .or_else(only)
        .map(|(_, d)| d.clone())
}

/// How far after the headline ([`visible_date`]) a date is still the story's: elements, in
/// document order. The dates of the development sets' pages sit 0 to 143 elements after their
/// `<h1>`; the teasers', comments' and references' ones that were taken for them, 121 (inside
/// a link) and 470 to 950.
const DATE_AFTER_HEADLINE: usize = 150;

/// The date a page prints by its headline when nothing else gives one: the first element in
/// the [`DATE_AFTER_HEADLINE`] after the first `<h1>` whose class or id names a date (`date`,
/// `time`, `publish`, `posted`, `timestamp`) and whose `datetime`, or else whose short text,
/// is a date ("March 9 2017 4:21 PM", "2019年04月21日", "15.05.2020"). Not one that names an
/// update or a change, a comment, a reference's access date, a reading time or today's date
/// (a masthead's "current-date"), nor WordPress's `status-publish` (every post's container
/// has it), nor one inside a link (a teaser's) or a footer. Nothing on a page without an `<h1>`: a date before the headline is a
/// masthead's, the day the page was saved, not the story's. A `<time datetime>` is
/// [`time_date`]'s to read.
fn visible_date(doc: &Document) -> Option<String> {
    const MARKS: [&str; 5] = ["date", "time", "publish", "posted", "timestamp"];
    const NOT: [&str; 12] = [
        "update",
        "modif",
        "lastmod",
        "change",
        "comment",
        "access",
        "reading",
        "readtime",
        "runtime",
        "current",
        "today",
        "status-publish",
    ];
    // The elements after the headline, read once for both passes.
    let after = after_headline(doc, DATE_AFTER_HEADLINE)?;
    for n in &after {
        if n.node_name()
            .is_some_and(|t| t.eq_ignore_ascii_case("time"))
        {
            continue;
        }
        let marks = class_and_id(n);
        if !MARKS.iter().any(|m| marks.contains(m)) || NOT.iter().any(|m| marks.contains(m)) {
            continue;
        }
        if within(n, &["a", "footer"], false) {
            continue;
        }
        if let Some(d) = n.attr("datetime").as_deref().and_then(parse_date) {
            return Some(d);
        }
        let Some(text) = short_text(n, 80) else {
            continue;
        };
        let lower = text.to_lowercase();
        if NOT.iter().any(|m| lower.contains(m)) {
            continue;
        }
        if let Some(d) = parse_date(&text) {
            return Some(d);
        }
    }
    // Else the first element near the headline whose whole text is a publication stamp
    // ("December 14, 2026", "Published Dec 19, 2026"), whatever its class: fewer elements,
    // a shorter text, a stamp and nothing more; not an update's ("Aktualisiert am …"), nor a
    // date in a table (an infobox's "Founded"), nor one whose class or its nearest
    // ancestors' names a comment or today, nor one whose own class names an update and not
    // the publication (BuzzFeed's posted time has the id "update_posted_time").
    let found = stamp_candidates(&after).find_map(|n| {
        // An update's, by its own class (unless that also says it is the publication's).
        let own = class_and_id(n);
        if ["update", "modif"].iter().any(|m| own.contains(m))
            && !["posted", "publish"].iter().any(|m| own.contains(m))
        {
            return None;
        }
        let text = short_text(n, 40)?;
        let lower = text.to_lowercase();
        (!NOT.iter().any(|m| lower.contains(m))
            && !boilerplate::names_update(&lower)
            && (boilerplate::is_timestamp(&lower) || starts_with_iso_stamp(&text)))
        .then(|| parse_date(&text))
        .flatten()
    });
    found
}

/// The first `limit` elements after the page's first `<h1>`; `None` without one.
fn after_headline(doc: &Document, limit: usize) -> Option<Vec<NodeRef<'_>>> {
    let h1 = doc.select("h1").nodes().first().map(|n| n.id)?;
    let elements = doc.select("body *");
    let after = elements
        .nodes()
        .iter()
        .skip_while(|n| n.id != h1)
        .skip(1)
        .take(limit)
        .copied()
        .collect();
    Some(after)
}

/// Of the elements after the headline ([`after_headline`]), the first
/// [`STAMP_AFTER_HEADLINE`] that may hold the page's own stamp: outside links, footers and
/// tables (a teaser's date, an infobox's "Founded"), and not where their class or id, or
/// their nearest ancestors', names a comment or today.
fn stamp_candidates<'a, 'd>(
    after: &'a [NodeRef<'d>],
) -> impl Iterator<Item = &'a NodeRef<'d>> + 'a {
    after
        .iter()
        .take(STAMP_AFTER_HEADLINE)
        .filter(|n| !within(n, &["a", "footer", "table"], true))
        .filter(|n| {
            // Its class and id, and its nearest ancestors' (a comment's box).
            let marks: String = std::iter::once(**n)
                .chain(n.ancestors(Some(STAMP_MARK_LEVELS)))
                .map(|a| class_and_id(&a))
                .collect::<Vec<_>>()
                .join(" ");
            !["comment", "current", "today"]
                .iter()
                .any(|m| marks.contains(m))
        })
}

/// The date of the last update the page prints under its headline ("Updated: Dec 15, 2026
/// 2:57 PM UTC"), for a page that gives no other date: the story was out by then. The first
/// element after the headline whose whole text is such a stamp, outside links, footers and
/// tables and not a comment's.
fn update_date(doc: &Document) -> Option<String> {
    let after = after_headline(doc, STAMP_AFTER_HEADLINE)?;
    let found = stamp_candidates(&after).find_map(|n| {
        let text = short_text(n, 60)?;
        let lower = text.to_lowercase();
        (boilerplate::names_update(&lower) && boilerplate::is_timestamp(&lower))
            .then(|| parse_date(&text))
            .flatten()
    });
    found
}

/// Whether `text` starts with an ISO date and its time ("2023-11-17 20:52:15 来源： 新华网", a
/// stamp and its source on one line, as Chinese news sites print them).
fn starts_with_iso_stamp(text: &str) -> bool {
    let t = text.trim_start();
    let Some(rest) = t.get(10..) else {
        return false;
    };
    let time = rest.trim_start_matches([' ', 'T', '\u{a0}']);
    iso_date(t).is_some()
        && rest.len() > time.len()
        && time.len() >= 5
        && time.as_bytes()[..5].iter().enumerate().all(|(i, b)| {
            if i == 2 {
                *b == b':'
            } else {
                b.is_ascii_digit()
            }
        })
}

/// `n`'s class and id, in lower case, as one string.
fn class_and_id(n: &NodeRef<'_>) -> String {
    ["class", "id"]
        .iter()
        .filter_map(|a| n.attr(a))
        .map(|v| v.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `n` is inside an element named one of `names` (or is one, with `itself`).
fn within(n: &NodeRef<'_>, names: &[&str], itself: bool) -> bool {
    let named = |a: &NodeRef<'_>| {
        a.node_name()
            .is_some_and(|t| names.iter().any(|x| t.eq_ignore_ascii_case(x)))
    };
    (itself && named(n)) || n.ancestors_it(None).any(|a| named(&a))
}

/// How many elements after the first `<h1>` [`visible_date`] looks at for a stamp with no
/// class naming a date.
const STAMP_AFTER_HEADLINE: usize = 60;

/// How many of a stamp's ancestors [`visible_date`] reads the class and id of.
const STAMP_MARK_LEVELS: usize = 3;

/// `n`'s text when it is at most `max` characters long, read no further than that: a wrapper
/// whose class names a date can hold the whole story, and nested ones would each read it again.
fn short_text(n: &NodeRef<'_>, max: usize) -> Option<String> {
    let mut text = String::new();
    let mut chars = 0;
    for t in n.descendants_it().filter(NodeRef::is_text) {
        let part = t.text();
        chars += part.chars().count();
        if chars > max {
            return None;
        }
        text.push_str(&part);
    }
    Some(text)
}

/// The first publication date a `<meta>` (by name, property or itemprop) or an element with
/// `itemprop="datePublished"` (`content` or `datetime`) gives.
fn meta_date(doc: &Document) -> Option<String> {
    meta_date_of(doc, DATE_KEYS)
}

/// The last modification's date a `<meta>` or an `itemprop="dateModified"` gives
/// ([`MODIFIED_KEYS`]), for a page that gives no other date: the story was out by then.
fn modified_date(doc: &Document) -> Option<String> {
    meta_date_of(doc, MODIFIED_KEYS)
}

/// Keys of a page's last modification's date, most believed first.
const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "datemodified",
    "og:updated_time",
    "dcterms.modified",
    "dc.date.modified",
    "last-modified",
];

/// The date the `<meta>` or `itemprop` element of the first of `keys` that has one gives.
fn meta_date_of(doc: &Document, keys: &[&str]) -> Option<String> {
    let key = |n: &NodeRef<'_>| {
        ["name", "property", "itemprop"]
            .iter()
            .filter_map(|a| n.attr(a))
            .map(|v| v.trim().to_ascii_lowercase())
            .find(|v| keys.contains(&v.as_str()))
    };
    let mut best: Option<(usize, String)> = None;
    for n in doc
        .select("meta[content], [itemprop][datetime], [itemprop][content]")
        .nodes()
    {
        let Some(k) = key(n) else { continue };
        let value = n.attr("content").or_else(|| n.attr("datetime"));
        let Some(date) = value.as_deref().and_then(parse_date) else {
            continue;
        };
        // The earlier a key is listed, the more it is to be believed.
        let rank = keys.iter().position(|d| *d == k).unwrap_or(usize::MAX);
        if best.as_ref().is_none_or(|(r, _)| rank < *r) {
            best = Some((rank, date));
        }
    }
    best.map(|(_, d)| d)
}

/// A date in a page's address: `/2014/12/27/`, `/2023-11/17/`, `/2026-11-27/`, `/202311/17/`.
pub fn url_date(url: &str) -> Option<String> {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    // A part's first two bytes; none when they would cut a character ("\u{FFFD}1", a byte that
    // was not UTF-8): such a part does not start with two digits.
    fn first_two(s: &str) -> &str {
        s.get(..s.len().min(2)).unwrap_or("")
    }
    for w in parts.windows(3) {
        let day = first_two(w[2]);
        if digits(w[0], 4) && digits(w[1], 2) && digits(day, 2) {
            if let Some(d) = iso_date(&format!("{}-{}-{}", w[0], w[1], day)) {
                return Some(d);
            }
        }
    }
    for w in parts.windows(2) {
        let day = first_two(w[1]);
        let month = if digits(w[0], 6) {
            Some(format!("{}-{}", &w[0][..4], &w[0][4..]))
        } else if w[0].len() == 7 && w[0].as_bytes()[4] == b'-' {
            Some(w[0].to_owned())
        } else {
            None
        };
        if let (Some(m), true) = (month, digits(day, 2)) {
            if let Some(d) = iso_date(&format!("{m}-{day}")) {
                return Some(d);
            }
        }
    }
    parts.iter().find_map(|p| iso_date(p))
}

/// A date as pages write it, as `YYYY-MM-DD`: ISO 8601 (`2026-11-27T08:30Z`), with slashes
/// (`2018/06/18`), or in English words (`Saturday, December 27, 2014, 12:06 PM`,
/// `27 November 2026`). Only real calendar dates.
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    if let Some(d) = iso_date(s).or_else(|| iso_date(&s.replacen('/', "-", 2))) {
        return Some(d);
    }
    // ISO 8601's basic format: `20180619T055000+0900`, `20180619`.
    if let Some(digits) = s.get(..8).filter(|d| d.bytes().all(|b| b.is_ascii_digit())) {
        if s.len() == 8 || s[8..].starts_with(['T', 't']) {
            return iso_date(&format!(
                "{}-{}-{}",
                &digits[..4],
                &digits[4..6],
                &digits[6..]
            ));
        }
    }
    if let Some(d) = cjk_date(s).or_else(|| dotted_date(s)) {
        return Some(d);
    }
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let words: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let month_at = words.iter().position(|w| {
        w.len() >= 3
            && MONTHS.iter().any(|m| w.starts_with(m))
            && w.chars().all(|c| c.is_ascii_alphabetic())
    })?;
    let month = MONTHS.iter().position(|m| words[month_at].starts_with(m))? + 1;
    let number = |w: Option<&String>, len: std::ops::RangeInclusive<usize>| {
        w.filter(|w| len.contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|w| w.parse::<u32>().ok())
    };
    let after = |i: usize| words.get(month_at + i);
    // "December 27, 2014" or "27 December 2014"; or as Java prints a date, the time and its
    // zone between the day and the year ("Mon Aug 03 12:45:00 EDT 2015").
    let java_year = || {
        (2..=7)
            .find_map(|i| number(after(i), 4..=4))
            .filter(|y| (1900..=2100).contains(y))
            .filter(|_| number(after(2), 1..=2).is_some() && number(after(3), 2..=2).is_some())
    };
    let (day, year) = match (number(after(1), 1..=2), number(after(2), 4..=4)) {
        (Some(d), Some(y)) => (d, y),
        (Some(d), None) if java_year().is_some() => (d, java_year()?),
        _ => (
            number(month_at.checked_sub(1).and_then(|i| words.get(i)), 1..=2)?,
            number(after(1), 4..=4)?,
        ),
    };
    iso_date(&format!("{year:04}-{month:02}-{day:02}"))
}

/// A date written with the year, month and day signs of Chinese, Japanese or Korean:
/// `2019年4月21日`, `2019년 4월 21일`.
fn cjk_date(s: &str) -> Option<String> {
    let mut numbers: Vec<(u32, char)> = Vec::new();
    let mut digits = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        if c.is_whitespace() && !digits.is_empty() {
            continue;
        }
        if !digits.is_empty() {
            let value = digits.parse().ok();
            digits.clear();
            if let Some(v) = value {
                numbers.push((v, c));
                if let [.., (y, '年' | '년'), (m, '月' | '월'), (d, '日' | '일')] = numbers[..]
                {
                    if (1000..=9999).contains(&y) && m <= 12 && d <= 31 {
                        return iso_date(&format!("{y:04}-{m:02}-{d:02}"));
                    }
                }
                continue;
            }
        }
        if !c.is_whitespace() {
            numbers.clear();
        }
    }
    None
}

/// A date written with dots, as a word of its own: day first (`15.05.2020`, `5.5.2020`, as
/// German and most of Europe write it) or year first (`2019.04.21`, as Korea and Japan do).
fn dotted_date(s: &str) -> Option<String> {
    s.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '|' | '(' | ')'))
        .find_map(|word| {
            let parts: Vec<&str> = word.trim_end_matches('.').split('.').collect();
            let [a, b, c] = parts[..] else { return None };
            let digits = |p: &str, n: std::ops::RangeInclusive<usize>| {
                n.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
            };
            let (y, m, d) = if digits(a, 1..=2) && digits(b, 1..=2) && digits(c, 4..=4) {
                (c, b, a)
            } else if digits(a, 4..=4) && digits(b, 1..=2) && digits(c, 1..=2) {
                (a, b, c)
            } else {
                return None;
            };
            iso_date(&format!("{y}-{m:0>2}-{d:0>2}"))
        })
}

/// Whether a byline is only the site's name: the site's name itself, an address
/// ("www.example.com", "Example.de"), or the first label of the page's host, alone or before
/// at most two more words ("n-tv NACHRICHTEN" on n-tv.de).
fn names_the_site(byline: &str, site: Option<&str>, url: Option<&str>) -> bool {
    let b = compact(byline);
    if b.is_empty() {
        return false;
    }
    let lower = byline.trim().to_lowercase();
    let address = lower.contains("www.")
        || (!lower.contains(char::is_whitespace)
            && lower.rsplit_once('.').is_some_and(|(name, tld)| {
                !name.is_empty()
                    && (2..=6).contains(&tld.len())
                    && tld.chars().all(|c| c.is_ascii_alphabetic())
            }));
    let host = url
        .and_then(|u| u.split_once("://"))
        .map(|(_, r)| r.split(['/', '?', '#', ':']).next().unwrap_or(""))
        .map(|h| h.trim_start_matches("www.").to_ascii_lowercase());
    let label = host
        .as_deref()
        .map(|h| compact(h.split('.').next().unwrap_or(h)))
        .filter(|l| l.len() >= 3);
    // The site's staff as a whole ("Us Weekly Staff", "Ledger-Redaktion") is the site too.
    let staff = STAFF_WORDS
        .iter()
        .find_map(|w| b.strip_suffix(w))
        .filter(|s| !s.is_empty());
    address
        || site.is_some_and(|s| {
            let s = compact(s);
            s == b || staff.is_some_and(|rest| rest == s)
        })
        || label.is_some_and(|l| {
            b == l || (b.starts_with(&l) && byline.split_whitespace().count() <= 3)
        })
}

/// Words that, after a site's name, name its staff as a whole (compared [`compact`]).
const STAFF_WORDS: &[&str] = &[
    "staff",
    "team",
    "editors",
    "newsroom",
    "desk",
    "redaktion",
    "rédaction",
    "redacción",
    "redazione",
    "redactie",
];

/// `byline` without the site's name after the names, set apart by a dot, a bar or a slash
/// ("Jane Doe · Ledger News", "Jane Doe | ledgernews.com"); an agency's or another paper's
/// name stays ("Jane Doe / AFP").
fn without_site_part(byline: &str, site: Option<&str>, url: Option<&str>) -> String {
    let parted = [" · ", " | ", " / "]
        .iter()
        .filter_map(|sep| byline.rsplit_once(sep))
        .find(|(names, tail)| {
            names.chars().any(char::is_alphabetic) && names_the_site(tail, site, url)
        })
        .map(|(names, _)| names.trim().to_owned());
    parted
        .or_else(|| printed_site_after(byline, site))
        .unwrap_or_else(|| byline.to_owned())
}

/// `byline` without the site's own name printed after the names on a line of its own ("By Meg
/// Wagner" "NEW YORK DAILY NEWS" on the New York Daily News): its last words, the whole of
/// `site` (of two words or more), with at least two words before them.
fn printed_site_after(byline: &str, site: Option<&str>) -> Option<String> {
    let site = compact(site?);
    let words: Vec<&str> = byline.split_whitespace().collect();
    (2..words.len().saturating_sub(1)).find_map(|at| {
        let tail = compact(&words[at..].join(" "));
        (words.len() - at >= 2 && tail == site).then(|| {
            words[..at]
                .join(" ")
                .trim_end_matches([',', '·', '|', '/', '-', '–'])
                .trim()
                .to_owned()
        })
    })
}

/// The site's name as a WordPress site names its feed ("Ledger News » Feed", the title of the
/// first `<link rel="alternate">` to an RSS or Atom feed): for a page with no `og:site_name`
/// and no publisher in its JSON-LD.
fn feed_site_name(doc: &Document) -> Option<String> {
    let feed = doc
        .select("link[rel][type][title]")
        .nodes()
        .iter()
        .find(|n| {
            n.attr("rel")
                .is_some_and(|r| r.to_ascii_lowercase().contains("alternate"))
                && n.attr("type").is_some_and(|t| {
                    let t = t.to_ascii_lowercase();
                    t.contains("rss+xml") || t.contains("atom+xml")
                })
        })?
        .attr("title")?;
    let name = clean(feed.trim().strip_suffix("» Feed")?)?;
    (name.chars().count() <= FEED_SITE_MAX_CHARS).then_some(name)
}

/// Longest site's name [`feed_site_name`] takes.
const FEED_SITE_MAX_CHARS: usize = 60;

/// Most byline-like elements [`byline_boxes`] reads.
const BYLINE_BOXES_READ: usize = 200;

/// The page's byline-like elements (those Readability may take its byline from: a
/// `rel="author"`, an `itemprop` with "author", a class or id with "byline", "author",
/// "dateline" or "writtenby") whose text runs words together where the page set them in
/// separate elements: each as a key ([`compact`] of its text, as Readability reads it), the
/// byline as printed and the element's whole text as printed ([`printed_byline`]).
fn byline_boxes(byline_like: &[NodeRef<'_>]) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for n in byline_like {
        // (Read no further than a byline's size: a page can wrap all of itself in an
        // "author" box.)
        let Some(read) = short_text(n, BYLINE_MAX_CHARS) else {
            continue;
        };
        if let Some((printed, whole)) = printed_byline(n) {
            if clean(&read).as_deref() != Some(printed.as_str()) {
                out.push((compact(&read), printed, whole));
            }
        }
    }
    out
}

/// The page's first [`BYLINE_BOXES_READ`] byline-like elements ([`is_byline_like`]).
fn byline_like_elements(doc: &Document) -> Vec<NodeRef<'_>> {
    doc.select("[class], [id], [rel], [itemprop]")
        .nodes()
        .iter()
        .filter(|n| is_byline_like(n))
        .take(BYLINE_BOXES_READ)
        .copied()
        .collect()
}

/// Whether Readability may take its byline from `n`: a `rel="author"`, an `itemprop` with
/// "author", a class or id with "byline", "author", "dateline" or "writtenby".
fn is_byline_like(n: &NodeRef<'_>) -> bool {
    let names = class_and_id(n);
    ["byline", "author", "dateline", "writtenby"]
        .iter()
        .any(|k| names.contains(k))
        || n.attr("rel")
            .is_some_and(|r| r.eq_ignore_ascii_case("author"))
        || n.attr("itemprop")
            .is_some_and(|r| r.to_ascii_lowercase().contains("author"))
}

/// The texts ([`compact`]) of the page's byline-like elements ([`is_byline_like`]) that are
/// only ever printed in another story's teaser, a list of other stories or a comment
/// ([`in_other_story`]): Readability takes the first byline-like element it meets, which can
/// be a teaser's ("By Jane Doe" under a link to another story, above the article).
fn other_story_bylines(byline_like: &[NodeRef<'_>]) -> std::collections::HashSet<String> {
    let (mut other, mut own) = (
        std::collections::HashSet::new(),
        std::collections::HashSet::new(),
    );
    for n in byline_like {
        // (Read no further than a byline's size, with room for the page's white space.)
        let Some(text) = short_text(n, 10 * BYLINE_MAX_CHARS) else {
            continue;
        };
        let key = compact(&text);
        if key.is_empty() || key.chars().count() > BYLINE_MAX_CHARS {
            continue;
        }
        if in_other_story(n) {
            other.insert(key);
        } else {
            own.insert(key);
        }
    }
    other.retain(|k| !own.contains(k));
    other
}

/// The byline as printed ([`printed_byline`]) of the first byline-like element that names
/// someone: its text of under [`BYLINE_MAX_CHARS`] characters, with a letter, not a stamp
/// ([`names_no_one`]), an address or a label, and not in another story ([`in_other_story`]).
fn next_byline(byline_like: &[NodeRef<'_>]) -> Option<String> {
    byline_like.iter().find_map(|n| {
        let text = clean(&short_text(n, 10 * BYLINE_MAX_CHARS)?)?;
        (text.chars().count() < BYLINE_MAX_CHARS
            && text.chars().any(char::is_alphabetic)
            && !names_no_one(&text)
            && !is_address_or_label(&text)
            && !in_other_story(n))
        .then(|| printed_byline(n).map_or(text, |(printed, _)| printed))
    })
}

/// Longest text of an element [`byline_boxes`] reads (Readability takes a byline of under 100
/// characters).
const BYLINE_MAX_CHARS: usize = 100;

/// The byline in `n` as the page prints it: a space where two inline elements' words meet
/// ("Nolan" and "22 Dec"; a small letter and a capital, a letter and a digit), and of its
/// block elements' lines the first ones, up to one with a digit (a date, a count, a reading
/// time), with a space between them ("By Jane Doe", "Ledger News", "Dec 13, 2016" → "By Jane
/// Doe Ledger News"); and all its lines so ("By Jane Doe Ledger News Dec 13, 2016").
fn printed_byline(n: &NodeRef<'_>) -> Option<(String, String)> {
    const BOUNDARY: char = '\u{1f}';
    fn walk(n: &NodeRef<'_>, out: &mut String, depth: usize) {
        for c in n.children() {
            if c.is_text() {
                out.push_str(&c.text());
            } else if let Some(name) = element_name(&c) {
                if matches!(name.as_str(), "script" | "style" | "noscript" | "template") {
                    continue;
                }
                // The writer's job or a word about them, in a box the page names so
                // ("author-title", "role", "author-card__microbio", "author__desc"); not a
                // box that holds the label ("By" in an "item-descriptor").
                let names = class_and_id(&c);
                if ["title", "role", "job", "position", "bio", "desc"]
                    .iter()
                    .any(|k| names.contains(k))
                {
                    let text = c.text();
                    let label =
                        !text.trim().is_empty() && text.split_whitespace().all(is_byline_label);
                    if !label {
                        continue;
                    }
                }
                let mark = if crate::core::html::is_block(&name) {
                    '\n'
                } else {
                    BOUNDARY
                };
                out.push(mark);
                if depth < 32 {
                    walk(&c, out, depth + 1);
                }
                out.push(mark);
            }
        }
    }
    let mut raw = String::new();
    walk(n, &mut raw, 0);
    let mut lines: Vec<String> = Vec::new();
    for line in raw.split('\n') {
        // Each boundary: a space where the words on its two sides would run together.
        let mut text = String::new();
        let mut at_boundary = false;
        for c in line.chars() {
            if c == BOUNDARY {
                at_boundary = true;
                continue;
            }
            if at_boundary {
                if let Some(p) = text.chars().last() {
                    let joined = (p.is_lowercase() && c.is_uppercase())
                        || (p.is_alphabetic() && c.is_ascii_digit())
                        || (p.is_ascii_digit() && c.is_alphabetic());
                    if joined {
                        text.push(' ');
                    }
                }
                at_boundary = false;
            }
            text.push(c);
        }
        let text = text.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, '•' | '·' | '|' | '–' | '—' | '-' | ',')
        });
        if let Some(text) = clean(text).filter(|t| t.chars().any(char::is_alphanumeric)) {
            lines.push(text);
        }
    }
    // The lines up to the first with a digit (a date, a count, a reading time), and a label
    // ending in a colon only with a line after it that is taken ("Datum:" before a date goes).
    let mut out: Vec<String> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.chars().any(|c| c.is_ascii_digit()) {
            if i == 0 {
                out.push(line.clone());
            }
            break;
        }
        out.push(line.clone());
    }
    let out = out.join(" ");
    // A label left at the end ("Datum:" before its date, "Sagt:" after a commenter's name).
    let mut words: Vec<&str> = out.split_whitespace().collect();
    while words.last().is_some_and(|w| w.ends_with(':')) {
        words.pop();
    }
    let out = words.join(" ");
    let out = out.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '•' | '·' | '|' | '–' | '—' | '-' | ',' | '/')
    });
    (!out.is_empty()).then(|| (out.to_owned(), lines.join(" ")))
}

/// `byline` with a space after an opening "By" that a page set against the name in another
/// element ("ByJane Doe" → "By Jane Doe"; "Byron Doe" stays).
fn spaced_label(byline: &str) -> String {
    match byline.strip_prefix("By") {
        Some(rest) if rest.chars().next().is_some_and(char::is_uppercase) => {
            format!("By {rest}")
        }
        _ => byline.to_owned(),
    }
}

/// The date of the publication stamp in `byline` ("By Jane Doe Dec 13, 2026 at 3:45 pm",
/// "Written by Jane Doe on 1 June 2026"), not an update's.
fn byline_date(byline: &str) -> Option<String> {
    let words: Vec<&str> = byline.split_whitespace().collect();
    let at = boilerplate::stamp_start(&words)?;
    let stamp = words[at..].join(" ");
    if boilerplate::names_update(&stamp.to_lowercase()) {
        return None;
    }
    parse_date(&stamp)
}

/// `byline` without the date or publication stamp the page printed beside the names ("By
/// Jane Doe December 28, 2016", "Jane Doe · Ledger News · Posted: Oct 14, 2026 9:27 AM",
/// "By Jane Doe 10/04/2026 05:07 AM EDT Link Copied": the stamp and all after it, and a label
/// left at the end, "Stand:"), or before them ("Wednesday January 18, 2026 10:44 am PST by
/// Jane Doe", "Veröffentlicht am 8. Februar 2026 von Jane Doe": what follows the last "by").
/// A byline that is only a stamp, or that would keep no name, stays as it is.
fn without_stamp(byline: &str) -> String {
    let words: Vec<&str> = byline.split_whitespace().collect();
    let Some(at) = boilerplate::stamp_start(&words) else {
        return byline.to_owned();
    };
    let lettered = |ws: &[&str]| {
        ws.iter()
            .filter(|w| !is_byline_label(w))
            .any(|w| w.chars().any(char::is_alphabetic))
    };
    if words[..at].iter().all(|w| boilerplate::is_stamp_filler(w)) {
        // A stamp first: the names after the last "by" that follows it, without a stamp of
        // their own.
        let by = words[at..]
            .iter()
            .rposition(|w| ["by", "von", "par", "por", "door"].contains(&w.to_lowercase().as_str()))
            .map(|i| at + i);
        return match by {
            Some(by) if lettered(&words[by + 1..]) => without_stamp(&words[by + 1..].join(" ")),
            _ => byline.to_owned(),
        };
    }
    let mut kept = &words[..at];
    // A label of the page's that came before the stamp ("Stand:", "Datum:", "Kategorien:
    // Mode"), not the names' own ("Von:" first).
    if let Some(colon) = kept.iter().skip(1).position(|w| w.ends_with(':')) {
        kept = &kept[..=colon];
    }
    // The separators, little words, a stamp's words ("Today") and labels left hanging at the
    // end.
    while let Some((last, rest)) = kept.split_last() {
        let bare = last
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if bare.is_empty()
            || last.ends_with(':')
            || ["on", "at", "am", "um", "le", "el", "il"].contains(&bare.as_str())
            || boilerplate::is_stamp_filler(last)
        {
            kept = rest;
        } else {
            break;
        }
    }
    if !lettered(kept) {
        return byline.to_owned();
    }
    kept.join(" ")
        .trim_end_matches([',', '|', '·', '•', '/', '-', '–', '—'])
        .trim_end()
        .to_owned()
}

/// `byline` without a label that ends in a colon before the names ("Von: Jane Doe", "By:
/// Jane Doe", "Text: …"); a label without one ("By Jane Doe") stays, as Readability keeps it.
fn without_label(byline: &str) -> &str {
    const LABELS: &[&str] = &[
        "by", "von", "text", "author", "authors", "autor", "autorin", "autoren", "par", "por",
        "di", "door", "av", "af", "auteur",
    ];
    // One label word, or a few ending in one ("Written by:", "Artikel von:").
    let is_label = |label: &str| {
        let words: Vec<String> = label.split_whitespace().map(str::to_lowercase).collect();
        (1..=3).contains(&words.len())
            && words.last().is_some_and(|w| LABELS.contains(&w.as_str()))
            && (words.len() == 1 || words.iter().all(|w| w.chars().all(char::is_alphabetic)))
    };
    let byline = match byline.split_once(':') {
        Some((label, rest)) if is_label(label) && !rest.trim().is_empty() => rest.trim(),
        _ => byline,
    };
    // A Korean byline's "reporter" or "correspondent" after the one name it follows
    // ("홍길동 기자").
    [" 기자", " 특파원"]
        .iter()
        .find_map(|job| {
            byline
                .strip_suffix(job)
                .filter(|name| !name.trim().is_empty() && byline.matches(job).count() == 1)
        })
        .map_or(byline, str::trim_end)
}

/// `byline` without the words of a link to the writer's other posts that it is the text of
/// ("View all posts by Jane Doe", "Zeige alle Beiträge von Jane Doe": WordPress's), or of the
/// label a theme writes for screen readers before it ("Post author By Jane Doe").
fn without_posts_link(byline: &str) -> &str {
    const PHRASES: &[&str] = &[
        "view all posts by ",
        "all posts by ",
        "post author ",
        "alles von ",
        "more posts by ",
        "zeige alle beiträge von ",
        "alle beiträge von ",
        "voir tous les articles de ",
        "ver todas las entradas de ",
    ];
    let lower = byline.to_lowercase();
    PHRASES
        .iter()
        .find(|p| lower.starts_with(*p))
        // The phrases are the same length in lower case as written (ASCII and "ä").
        .and_then(|p| byline.get(p.len()..))
        .filter(|rest| rest.chars().any(char::is_alphabetic))
        .unwrap_or(byline)
}

/// `byline` cut where the links to its writer's profiles start ("Jane Doe Twitter", "Jane Doe
/// Twitter News Writer": a social network's name after the names, and all after it).
fn without_profile_links(byline: &str) -> String {
    const NETWORKS: &[&str] = &[
        "twitter",
        "facebook",
        "instagram",
        "linkedin",
        "e-mail",
        "email",
    ];
    let words: Vec<&str> = byline.split_whitespace().collect();
    match words
        .iter()
        .skip(1)
        .position(|w| NETWORKS.contains(&w.to_lowercase().as_str()))
    {
        Some(at) => words[..=at].join(" "),
        None => byline.to_owned(),
    }
}

/// `byline` without the newsroom's initials after each name ("Jane Doe (jdo), John Roe
/// (jro.)": two to four lower-case letters in parentheses, before a comma or the end).
fn without_initials(byline: &str) -> String {
    let parts: Vec<&str> = byline.split(',').collect();
    let initials = |p: &str| -> Option<usize> {
        let p = p.trim_end();
        let inner = p.strip_suffix(')')?;
        let open = inner.rfind(" (")?;
        let code = inner[open + 2..].trim_end_matches('.');
        ((2..=4).contains(&code.chars().count()) && code.chars().all(|c| c.is_ascii_lowercase()))
            .then_some(open)
    };
    if !parts.iter().any(|p| initials(p).is_some()) {
        return byline.to_owned();
    }
    parts
        .iter()
        .map(|p| match initials(p) {
            Some(open) => &p.trim_end()[..open],
            None => p,
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// `byline` with its names joined by ", " as a list of authors is, where a conjunction
/// joins two names ("Jane Doe and John Roe", "Anna Berg und Lea Wolf", "… og …", "… och …",
/// "… et …", "… y …": the words on both sides capitalised), unless it holds a parenthesis.
fn as_list(byline: &str) -> String {
    if byline.contains(['(', ')']) {
        return byline.to_owned();
    }
    // Names separated by semicolons ("Jane Doe; John Roe"), and a comma twice or before a
    // space ("Jane Doe,, John Roe", "Jane Doe ,John Roe").
    let byline = byline
        .split([';', ','])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let words: Vec<&str> = byline.split_whitespace().collect();
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        let joins = ["and", "und", "og", "och", "et", "y"].contains(w)
            && i > 0
            && capital(words[i - 1])
            && words.get(i + 1).is_some_and(|n| capital(n));
        if joins {
            out.push(',');
        } else {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    out
}

/// The words of a byline, lower case, without the punctuation around them, split at white
/// space and at `separators`, with no invisible character ([`INVISIBLE`]) inside.
fn byline_words(s: &str, separators: &[char]) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || separators.contains(&c))
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .chars()
                .filter(|c| !INVISIBLE.contains(c))
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// One name in a catalogue's order ("Doe, Jane") in reading order ("Jane Doe"): two words of
/// letters (and hyphens or apostrophes) with a capital each, one comma between them.
fn reading_order(byline: &str) -> Option<String> {
    let (last, first) = byline.split_once(',')?;
    fn word(w: &str) -> Option<&str> {
        let w = w.trim();
        (!w.contains(char::is_whitespace)
            && w.chars().next().is_some_and(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’')))
        .then_some(w)
    }
    Some(format!("{} {}", word(first)?, word(last)?))
}

/// Whether `byline` names only people `authors` (the JSON-LD's, joined with ", ") names, in
/// any order and form ("Doe, Jane"), joined by commas or a conjunction ("and", "und", "og",
/// "et", "y", "e", "&").
fn same_people(byline: &str, authors: &str) -> bool {
    let words = |s: &str| byline_words(s, &[',', ';']);
    let theirs = words(authors);
    let conjunction = |w: &str| ["and", "und", "og", "et", "y", "e"].contains(&w);
    let ours: Vec<String> = words(byline)
        .into_iter()
        .filter(|w| !conjunction(w))
        .collect();
    !ours.is_empty() && ours.iter().all(|w| theirs.contains(w))
}

/// How many lines at an article's start are looked at for a line of only names.
pub const NAMES_EDGE_LINES: usize = 4;

/// The line of `article` (its index among all lines) that is only people's names
/// ([`names_only`], listed with ", "), among its first [`NAMES_EDGE_LINES`] lines that are not
/// empty: one naming the people of `byline` ([`same_people`]); or, when there is no `byline`,
/// one of the paragraphs wholly in bold (`bold`, white space collapsed) that stands where a
/// byline does (before the first paragraph of prose and right above one, or as the last line
/// right under one: [`boilerplate::is_prose`]) and none of whose words the page (`whole`)
/// writes in lower case ("Weitere" in "weitere Themen": a common word, not a name). Never the
/// `title`
/// ("Jane Doe" as a profile's title). A kicker or a heading in title case ("Executive
/// Branch", "Nach Gaetz-Rückzug") is not set as a paragraph in bold.
fn edge_names(
    article: &str,
    byline: Option<&str>,
    title: Option<&str>,
    bold: &[String],
    whole: &str,
) -> Option<(usize, String)> {
    let blocks: Vec<(usize, &str)> = article
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let prose = |k: usize| {
        blocks
            .get(k)
            .is_some_and(|(_, l)| boilerplate::is_prose(l, 0))
    };
    // Read only for a line that is otherwise taken (a few words), so the page is not indexed.
    let common = |line: &str| {
        let written_lower = |w: &str| {
            whole
                .split(|c: char| !c.is_alphabetic())
                .any(|x| x == w && x.chars().all(char::is_lowercase))
        };
        line.split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty() && !NAME_PARTICLES.contains(w))
            .any(|w| written_lower(&w.to_lowercase()))
    };
    let first = 0..blocks.len().min(NAMES_EDGE_LINES);
    let last = blocks
        .len()
        .checked_sub(1)
        .filter(|k| byline.is_none() && *k >= NAMES_EDGE_LINES);
    let words = |s: &str| byline_words(s, &[]);
    first.chain(last).find_map(|k| {
        let (at, line) = blocks[k];
        let names = names_only(line)?;
        let fits = match byline {
            Some(b) => same_people(line, b),
            None => {
                let placed = if k < NAMES_EDGE_LINES {
                    !(0..k).any(prose) && prose(k + 1)
                } else {
                    k > 0 && prose(k - 1)
                };
                placed && bold.contains(&collapse(line)) && !common(line)
            }
        };
        let titled = title.is_some_and(|t| words(t) == words(line));
        (fits && !titled).then_some((at, names))
    })
}

/// Most words a line that opens with the byline's names is dropped with (see
/// [`opens_with_byline`]).
pub const BYLINE_LINE_MAX_WORDS: usize = 16;

/// `article` without the lines among its first [`NAMES_EDGE_LINES`] that are not empty which
/// open with the byline's names ([`opens_with_byline`]).
fn without_byline_lines(article: &str, byline: &str) -> String {
    let mut seen = 0;
    article
        .lines()
        .filter(|l| {
            if l.trim().is_empty() {
                return true;
            }
            seen += 1;
            seen > NAMES_EDGE_LINES || !opens_with_byline(l, byline)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether `line` is the byline again with more after the names: an optional label ("By",
/// "Von"), the first person `byline` names (two words or more), whole, then a role, a place,
/// a date or the site ("Jane Doe Political Correspondent", "Von Jane Doe, Berlin", "Jane
/// Doe|Published 4 hours ago"); at most [`BYLINE_LINE_MAX_WORDS`] words, and not a sentence
/// (one that ends with ".", "!" or "?": "Jane Doe reported from Kyiv.").
fn opens_with_byline(line: &str, byline: &str) -> bool {
    let t = line.trim();
    if t.ends_with(['.', '!', '?']) {
        return false;
    }
    let ours = byline_words(t, &['|', '·', ',', '/']);
    let first = byline.split(',').next().unwrap_or_default();
    let theirs = byline_words(first, &[]);
    let skip = ours
        .iter()
        .take_while(|w| BYLINE_LABELS.contains(&w.as_str()))
        .count();
    theirs.len() >= 2
        && ours.len() <= BYLINE_LINE_MAX_WORDS
        && ours.len() > skip + theirs.len()
        && ours[skip..].starts_with(&theirs)
}

/// Most words a paragraph in bold is looked at with (see [`bold_paragraphs`]).
const BOLD_LINE_MAX_WORDS: usize = 12;

/// The texts (white space collapsed) of the `<p>` elements of `doc` whose whole text is one
/// `<strong>` or `<b>` inside them, of at most [`BOLD_LINE_MAX_WORDS`] words; not one set
/// right above a list or a table, which it labels ("Further information" over links).
fn bold_paragraphs(doc: &Document) -> Vec<String> {
    doc.select("p")
        .nodes()
        .iter()
        .filter_map(|p| {
            let text = collapse(&p.text());
            let words = text.split_whitespace().count();
            let bold = p.descendants_it().any(|d| {
                matches!(element_name(&d).as_deref(), Some("strong" | "b"))
                    && collapse(&d.text()) == text
            });
            let labels = p.next_element_sibling().is_some_and(|n| {
                matches!(
                    element_name(&n).as_deref(),
                    Some("ul" | "ol" | "dl" | "table")
                )
            });
            ((1..=BOLD_LINE_MAX_WORDS).contains(&words) && bold && !labels).then_some(text)
        })
        .collect()
}

/// `s` with its white space collapsed to single spaces, trimmed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lower-case words inside a name ("Anna van der Berg", "Ali bin Said").
const NAME_PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "della", "da", "di", "du", "le", "la", "bin", "al",
    "zu", "ter", "dos", "das",
];

/// A line that is only people's names, as a byline set apart from its label is: one to four
/// names ("Jane Doe", "JANE DOE", "Anna van der Berg", "Jane Doe/John Roe", "Jane Doe, John
/// Roe and Li Wei") of two to four words each, capitalised (a lower-case particle inside a
/// name), letters only (and "-", "'", "’", "."); not starting with an article ("The Weekly
/// Roundup"). The names, listed with ", ".
fn names_only(line: &str) -> Option<String> {
    const JOINS: &[&str] = &["and", "und", "og", "och", "et", "y", "e", "&"];
    const ARTICLES: &[&str] = &["the", "a", "an", "der", "die", "das", "ein", "eine"];
    let line = line.trim();
    if line.chars().count() > 120 {
        return None;
    }
    let mut names: Vec<Vec<&str>> = vec![Vec::new()];
    for part in line.split([',', '/']) {
        for w in part.split_whitespace() {
            if JOINS.contains(&w) {
                names.push(Vec::new());
            } else if let Some(name) = names.last_mut() {
                name.push(w);
            }
        }
        names.push(Vec::new());
    }
    names.retain(|n| !n.is_empty());
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let name_word = |w: &str| {
        w.chars().any(char::is_alphabetic)
            && w.chars()
                .all(|c| c.is_alphabetic() || ['-', '\'', '’', '.'].contains(&c))
    };
    let a_name = |n: &Vec<&str>| {
        (2..=4).contains(&n.len())
            && n.iter().all(|w| name_word(w))
            && n.first().is_some_and(|w| capital(w))
            && n.last().is_some_and(|w| capital(w))
            && n.iter().all(|w| capital(w) || NAME_PARTICLES.contains(w))
            && !n
                .first()
                .is_some_and(|w| ARTICLES.contains(&w.to_lowercase().as_str()))
    };
    ((1..=4).contains(&names.len()) && names.iter().all(a_name)).then(|| {
        names
            .iter()
            .map(|n| n.join(" "))
            .collect::<Vec<_>>()
            .join(", ")
    })
}

/// Whether `name` is a handle, not a person's name as a reader sees it: an e-mail address
/// ("j.doe@example.com"), an address's slug ("jane-doe", "jane_doe": one word, lower-case,
/// with a hyphen, an underscore or a dot), a web address (a profile's:
/// "https://www.facebook.com/JaneDoeWrites"), or a byline's label alone ("By", "Written by"),
/// whose names the page left elsewhere.
fn is_handle(name: &str) -> bool {
    let n = name.trim();
    if is_address_or_label(n) {
        return true;
    }
    let email = n
        .split_once('@')
        .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
    let slug = !n.contains(char::is_whitespace)
        && n.contains(['-', '_', '.'])
        && n.chars().any(char::is_alphabetic)
        && !n.chars().any(char::is_uppercase);
    email || slug
}

/// The words that come before the names in a byline ("by", "von", "par", "por", "door").
const BY_WORDS: &[&str] = &["by", "von", "par", "por", "door"];

/// Whether a byline is a placeholder where a name should be ("Unknown", "Publié par
/// Unknown": Blogger's for a profile without a name), after its last "by" ([`BY_WORDS`]).
fn is_placeholder(byline: &str) -> bool {
    const NO_ONE: &[&str] = &["unknown", "unbekannt", "inconnu", "desconocido"];
    let lower = byline.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let after_by = words
        .iter()
        .rposition(|w| BY_WORDS.contains(w))
        .map_or(&words[..], |at| &words[at + 1..]);
    NO_ONE.contains(&after_by.join(" ").as_str())
}

/// Whether a byline names no one: it is only a publication or update stamp ("Last Updated:
/// January 7, 2026", "17 April 2012 • 2:54pm", "Donnerstag, 4. November 2021"), or only a
/// stamp's and a byline's labels, the date left out ("Posted on", "Veröffentlicht am"), or a
/// copyright notice ("Copyright Example GmbH - all rights reserved", a `dcterms.creator`'s), or
/// a label whose name is missing ("Article by").
fn names_no_one(byline: &str) -> bool {
    const RIGHTS: &[&str] = &[
        "copyright",
        "©",
        "all rights reserved",
        "alle rechte vorbehalten",
        "tous droits réservés",
        "todos los derechos reservados",
    ];
    let lower = byline.to_lowercase();
    if RIGHTS.iter().any(|r| lower.contains(r)) {
        return true;
    }
    // A label left hanging, its name not there ("Article by", "Eingestellt von").
    if lower
        .split_whitespace()
        .last()
        .is_some_and(|w| BY_WORDS.contains(&w))
    {
        return true;
    }
    let words: Vec<&str> = byline
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    boilerplate::is_timestamp(&lower)
        || (!words.is_empty()
            && words
                .iter()
                .all(|w| is_byline_label(w) || boilerplate::is_stamp_filler(w)))
}

/// Whether a byline is only a web address or only a byline's label (see [`is_handle`]).
fn is_address_or_label(name: &str) -> bool {
    let n = name.trim();
    let address = !n.contains(char::is_whitespace) && (n.contains("://") || n.starts_with("www."));
    let label = !n.is_empty() && n.split_whitespace().all(is_byline_label);
    address || label
}

/// The page's authors as its `<meta>` tags name them, in order (a page may give the site first
/// and the writer after it; the first is the page's author): `name="author"`, then the pair a
/// site's SEO plug-in writes for Twitter's cards (`twitter:label1` "Written by" and
/// `twitter:data1`), then Cxense's `cXenseParse:author`; those that name someone: letters, not
/// a handle ([`is_handle`]) nor an address (a profile's URL), at most 100 characters.
fn meta_authors(doc: &Document) -> Vec<String> {
    let metas: Vec<(String, String)> = doc
        .select("meta[content]")
        .nodes()
        .iter()
        .filter_map(|n| {
            let key = n.attr("name").or_else(|| n.attr("property"))?;
            let value = n.attr("content").as_deref().and_then(clean)?;
            Some((key.trim().to_ascii_lowercase(), value))
        })
        .collect();
    let named = |k: &str| {
        metas
            .iter()
            .filter(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
            .collect::<Vec<_>>()
    };
    let written_by = (1..=4).find_map(|i| {
        let label = named(&format!("twitter:label{i}"));
        label
            .iter()
            .any(|l| l.eq_ignore_ascii_case("written by"))
            .then(|| named(&format!("twitter:data{i}")).into_iter().next())
            .flatten()
    });
    named("author")
        .into_iter()
        .chain(written_by)
        .chain(named("cxenseparse:author"))
        .filter(|a| {
            a.chars().any(char::is_alphabetic)
                && !is_handle(a)
                && !a.contains("://")
                && !a.starts_with("www.")
                && a.chars().count() <= 100
        })
        .collect()
}

/// The page's Open Graph `article:author` (as a `property` or, as some sites write it, a
/// `name`) when it names someone: letters, not a handle nor an address (where Facebook's
/// profile links go), at most 100 characters.
fn article_author(doc: &Document) -> Option<String> {
    doc.select("meta[content]")
        .nodes()
        .iter()
        .filter(|n| {
            n.attr("property")
                .or_else(|| n.attr("name"))
                .is_some_and(|k| k.trim().eq_ignore_ascii_case("article:author"))
        })
        .filter_map(|n| n.attr("content").as_deref().and_then(clean))
        .find(|a| a.chars().any(char::is_alphabetic) && !is_handle(a) && a.chars().count() <= 100)
}

/// The first element the page marks as naming its author, read as a name: `itemprop="author"`
/// (its `itemprop="name"` inside when there is one), `rel="author"`, or a link to an author's
/// page (`/author/`, `/authors/`, `/autor/`, `/autoren/`); else, as Readability.js looks for a
/// byline in the page, an element whose class or id says "author" or "byline"
/// (`article__author`, `authors__list-item`) whose text, before any comma, is people's names
/// ([`names_only`]). Its text without a label ("By", "Von"), with letters and no digit, one
/// to six words.
fn marked_author(doc: &Document) -> Option<String> {
    let marked = "[itemprop~=author], [rel~=author], a[href*=\"/author/\"], \
                  a[href*=\"/authors/\"], a[href*=\"/autor/\"], a[href*=\"/autoren/\"]";
    let classed = "[class*=author i], [id*=author i], [class*=byline i], [id*=byline i]";
    doc.select(marked)
        .nodes()
        .iter()
        .find_map(author_name)
        .or_else(|| {
            doc.select(classed)
                .nodes()
                .iter()
                .filter(|n| !in_other_story(n))
                .filter_map(author_name)
                .find(|n| names_only(n.split(',').next().unwrap_or_default()).is_some())
        })
}

/// The names a short element under the headline prints after a byline's label, when its
/// class does not say so ("By Jane Doe" in a `div` of a generated class, "By Jane Doe, Dec 16,
/// 2026" in a `cite`): of the [`STAMP_AFTER_HEADLINE`] elements after the first `<h1>`, the
/// first with no block inside (a line, not a header of lines) whose whole text (80 characters
/// at most, its texts apart, a stamp after the names cut off) is a label ("By", "Von", "Par" …) and then
/// people's names ([`names_only`]), the most of them before a comma; not in a link, a teaser
/// or a comment
/// ([`in_other_story`]), nor a heading.
fn printed_author(doc: &Document) -> Option<String> {
    let h1 = doc.select("h1").nodes().first().map(|n| n.id)?;
    doc.select("body *")
        .nodes()
        .iter()
        .skip_while(|n| n.id != h1)
        .skip(1)
        .take(STAMP_AFTER_HEADLINE)
        .filter(|n| {
            element_name(n).is_some_and(|t| {
                ["div", "span", "p", "cite", "address", "li", "small"].contains(&t.as_str())
            })
        })
        // A line, not a box of lines (the names' line and the date's in one header).
        .filter(|n| {
            !n.descendants_it()
                .skip(1)
                .take(PRINTED_AUTHOR_TEXTS * 4)
                .any(|d| element_name(&d).is_some_and(|t| crate::core::html::is_block(&t)))
        })
        .find_map(|n| {
            // Its texts with a space between them: a label in an element of its own can sit
            // against the names ("By" "by Jane Doe"), which short words would not survive.
            let texts: Vec<String> = n
                .descendants_it()
                .filter(NodeRef::is_text)
                .map(|t| t.text().to_string())
                .take(PRINTED_AUTHOR_TEXTS)
                .collect();
            let text = clean(&texts.join(" ")).filter(|t| t.chars().count() <= 80)?;
            let label = |w: &str| {
                ["by", "von", "par", "por", "door", "di", "av", "af"]
                    .iter()
                    .any(|l| w.eq_ignore_ascii_case(l))
            };
            let (first, mut rest) = text.split_once(' ')?;
            if !label(first) || in_other_story(n) {
                return None;
            }
            // The label twice: one the page draws, one in the names' own text ("By" "by Jane
            // Doe").
            if let Some((_, after)) = rest.split_once(' ').filter(|(w, _)| label(w)) {
                rest = after;
            }
            // The most names before a comma ("Jane Doe, John Roe und Ann Poe, NDR"; "Jane
            // Doe, Dec 16, 2026").
            let rest = without_stamp(rest);
            let parts: Vec<&str> = rest.split(',').collect();
            (1..=parts.len())
                .rev()
                .find_map(|k| names_only(&parts[..k].join(",")))
        })
}

/// Elements naming one author in a line that names others too ("<a rel=author>Jane Doe</a>
/// and <a rel=author>John Roe</a>", after a label or before a stamp): the first element the
/// page marks as an author (`rel="author"`, an `itemprop` with "author"), and the byline-like
/// elements ([`is_byline_like`]: the New York Times' "last-byline" around its last author),
/// none a teaser's; for each whose parent is such a line, its name and all of theirs, joined
/// with ", ".
fn coauthors(doc: &Document, byline_like: &[NodeRef<'_>]) -> Vec<(String, String)> {
    let marked = doc
        .select("[rel~=author], [itemprop~=author]")
        .nodes()
        .iter()
        .find(|n| !in_other_story(n))
        .copied();
    let line_of = |n: &NodeRef| -> Option<(String, String)> {
        if in_other_story(n) {
            return None;
        }
        let one = clean(&short_text(n, 80)?)?;
        let parent = n.parent()?;
        let line = clean(&short_text(&parent, 200)?)?;
        let line = without_stamp(&line);
        let names = names_only(without_leading_label(&line))?;
        let many = names.split(", ").count() >= 2;
        (many && names.split(", ").any(|m| compact(m) == compact(&one))).then_some((one, names))
    };
    marked
        .iter()
        .chain(byline_like.iter())
        .filter_map(line_of)
        .collect()
}

/// `line` without a byline's label before it ("By Jane Doe" → "Jane Doe").
fn without_leading_label(line: &str) -> &str {
    match line.split_once(' ') {
        Some((first, rest)) if is_byline_label(first) => rest,
        _ => line,
    }
}

/// Most texts of an element [`printed_author`] reads.
const PRINTED_AUTHOR_TEXTS: usize = 12;

/// Whether an element is part of a link, a comment or a teaser of another story: an ancestor
/// is a link, or one of its [`OTHER_STORY_LEVELS`] nearest ancestors, of at most
/// [`TEASER_MAX_WORDS`] words and without the story's headline (an `<h1>` that is not a link),
/// has a class or id that says "comment", "teaser", "related" or "recommend", or "card" or
/// "item" with a headline inside (a page builder's wrapper of the whole story,
/// "pb-layout-item", and the story's own credits' items are not teasers).
fn in_other_story(n: &NodeRef) -> bool {
    const WORDS: &[&str] = &["comment", "teaser", "related", "recommend"];
    // Words a story's own parts are named by as well ("c-article__credits-item"): they count
    // with a headline inside (a teaser's).
    const BOX_WORDS: &[&str] = &["card", "item"];
    n.ancestors(None).iter().enumerate().any(|(level, a)| {
        if is_link(a) {
            return true;
        }
        if level >= OTHER_STORY_LEVELS {
            return false;
        }
        let names = class_and_id(a);
        let named = |words: &[&str]| words.iter().any(|w| names.contains(w));
        let (other, boxed) = (named(WORDS), named(BOX_WORDS));
        if !other && !boxed {
            return false;
        }
        // Small, and not the story's own header (with its headline: an `<h1>` that is not a
        // link; a box of links may title itself with one, "Leggi anche"). Read no further
        // than a teaser's size: a page can wrap all of itself in an "item".
        let (mut words, mut nodes, mut headed) = (0, 0, false);
        for d in a.descendants_it() {
            nodes += 1;
            if nodes > TEASER_MAX_NODES {
                return false;
            }
            if d.is_text() {
                words += d.text().split_whitespace().count();
                if words > TEASER_MAX_WORDS {
                    return false;
                }
                continue;
            }
            match element_name(&d).as_deref() {
                Some("h1")
                    if !d
                        .descendants_it()
                        .take(TEASER_MAX_NODES)
                        .any(|x| is_link(&x)) =>
                {
                    return false
                }
                Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6") => headed = true,
                _ => {}
            }
        }
        other || headed
    })
}

/// Most nodes of a teaser, a card or a comment [`in_other_story`] reads (a box of more is not
/// one: a teaser is a headline, a picture, a line or two).
const TEASER_MAX_NODES: usize = 1_000;

/// Most words of a teaser, a card or a comment [`in_other_story`] counts as one: a page
/// builder's "item" or "card" around the whole story holds it all ("pb-layout-item", SRF's
/// `<main class="l-card">`).
const TEASER_MAX_WORDS: usize = 150;

/// How many of an element's nearest ancestors [`in_other_story`] reads the class and id of.
const OTHER_STORY_LEVELS: usize = 6;

/// The name an element marked as the author's holds (see [`marked_author`]).
fn author_name(n: &NodeRef) -> Option<String> {
    // (Texts read no further than a name's size: a page can wrap all of itself in an
    // element marked as the author.)
    let text = match n.descendants_it().find(|m| {
        m.attr("itemprop")
            .is_some_and(|v| v.split_whitespace().any(|t| t == "name"))
    }) {
        Some(m) => match m.attr("content") {
            Some(c) => c.to_string(),
            None => short_text(&m, AUTHOR_TEXT_MAX_CHARS)?,
        },
        None => short_text(n, AUTHOR_TEXT_MAX_CHARS)?,
    };
    let text = clean(&text)?;
    let words: Vec<&str> = text.split_whitespace().collect();
    let skip = usize::from(words.first().is_some_and(|w| {
        ["by", "von", "par", "por", "door", "di", "av", "af"]
            .contains(&w.trim_end_matches(':').to_lowercase().as_str())
    }));
    let name = words[skip..].join(" ");
    let count = words.len() - skip;
    ((1..=6).contains(&count)
        && name.chars().any(char::is_alphabetic)
        && !name.chars().any(|c| c.is_ascii_digit())
        && !is_handle(&name))
    .then_some(name)
}

/// Longest text [`author_name`] reads, white space included (a name is at most six words).
const AUTHOR_TEXT_MAX_CHARS: usize = 400;

/// Whether `byline` names every person `authors` (the JSON-LD's, joined with ", ") names and
/// something more ("Jane Doe, AFP", a co-author), leaving aside a label before the names
/// ("By", "Von", "Par" …) and conjunctions.
fn names_more(byline: &str, authors: &str) -> bool {
    let words = |s: &str| byline_words(s, &[',', ';', '|']);
    let ours = words(byline);
    let theirs = words(authors);
    let all_named = authors.split(", ").all(|name| {
        let name = words(name);
        !name.is_empty() && name.iter().all(|w| ours.contains(w))
    });
    let conjunction = |w: &str| ["and", "und", "og", "och", "et", "y", "e", "&"].contains(&w);
    let skip = ours
        .iter()
        .take_while(|w| BYLINE_LABELS.contains(&w.as_str()))
        .count();
    // What is more than their names, unless it is only a date ("By Jane Doe June 19, 2023").
    let more: Vec<&str> = ours[skip..]
        .iter()
        .filter(|w| !conjunction(w) && !theirs.contains(w))
        .map(String::as_str)
        .collect();
    all_named && !more.is_empty() && !boilerplate::is_timestamp(&more.join(" "))
}

/// `title` without a trailing " | Site", " - Site", " -- Site", " * Site" or " » … » Site"
/// naming the site (its name, or its address's domain), nor a date or a byline after that
/// ("… | Site | by Jane Doe"); nor an archive's note of the year at its end ("… (Published
/// 2016)", as a newspaper's old stories carry it), nor an "Opinion | " label before it (the
/// section, printed above the headline, not in it).
fn without_site(title: &str, site: Option<&str>, url: Option<&str>) -> String {
    let title = title
        .strip_suffix(')')
        .and_then(|t| t.rsplit_once(" (Published "))
        .filter(|(head, year)| {
            year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) && long_title(head)
        })
        .map_or(title, |(head, _)| head.trim_end());
    let title = ["Opinion | ", "OPINION | "]
        .iter()
        .find_map(|label| title.strip_prefix(label))
        .filter(|rest| long_title(rest))
        .unwrap_or(title);
    // A colon separates a kicker from its headline far more often than a headline from its
    // site ("Genetik: Das Geheimnis …"), so after one the rest must be the site's name itself
    // ("…が受賞：朝日新聞デジタル", "…「Treeviz」:phpspot開発日誌"; see `is_site`).
    const COLONS: [&str; 2] = [":", "："];
    let host = url
        .and_then(|u| u.split_once("://"))
        .map(|(_, r)| r.split(['/', '?', '#', ':']).next().unwrap_or(""))
        .map(|h| h.trim_start_matches("www.").to_ascii_lowercase());
    let names_site = |tail: &str| {
        let t = tail.trim().to_lowercase();
        // Letters and digits, German umlauts as an address spells them ("Börsen-Zeitung" on
        // boersen-zeitung.de).
        let compact: String = t
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(|c| match c {
                'ä' => vec!['a', 'e'],
                'ö' => vec!['o', 'e'],
                'ü' => vec!['u', 'e'],
                'ß' => vec!['s', 's'],
                c => vec![c],
            })
            .collect();
        !t.is_empty()
            && (site.is_some_and(|s| {
                let s = s.to_lowercase();
                t.contains(&s) || s.contains(&t)
            }) || host.as_deref().is_some_and(|h| {
                let domain: String = h
                    .split('.')
                    .next()
                    .unwrap_or(h)
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect();
                // The address itself ("rp.pl"), or its name when it is not too short to tell.
                t == h || (domain.len() >= 3 && compact.contains(&domain))
            }))
    };
    // The site's name itself, or its address's first label with at most the rest of its
    // name after it, four words in all ("IPA 独立行政法人 情報処理推進機構" on ipa.go.jp; not
    // "Trome celebró con las mamitas de Chollywood" on trome.pe), nothing before it.
    let is_site = |tail: &str| {
        let t = compact(tail);
        !t.is_empty()
            && (site.is_some_and(|s| compact(s) == t)
                || host.as_deref().is_some_and(|h| {
                    let label = compact(h.split('.').next().unwrap_or(h));
                    label.chars().count() >= 3
                        && t.starts_with(&label)
                        && tail.split_whitespace().count() <= 4
                }))
    };
    let long_enough = long_title;
    // A date after the site's name: "… | DW | 28.04.2023"; or the author: "… | Site | by
    // Jane Doe" (a byline of at most six words).
    let date_only = |tail: &str| {
        let t = tail.trim().to_lowercase();
        boilerplate::is_timestamp(&t) || (t.starts_with("by ") && t.split_whitespace().count() <= 6)
    };
    let mut out = title.to_owned();
    // Strip a last segment that names the site, again while there is one; after it, the
    // section names of a breadcrumb title (" » Local » Noticias » Site").
    loop {
        let last_colon = COLONS
            .iter()
            .filter_map(|sep| out.rfind(sep).map(|at| (at, *sep)))
            .max_by_key(|(at, _)| *at);
        if let Some((at, sep)) = last_colon {
            let head = out[..at].trim_end();
            if is_site(&out[at + sep.len()..]) && long_enough(head) {
                out = head.to_owned();
                continue;
            }
        }
        let Some((at, sep)) = TITLE_SEPARATORS
            .iter()
            .filter_map(|sep| out.rfind(sep).map(|at| (at, *sep)))
            .max_by_key(|(at, _)| *at)
        else {
            break;
        };
        let tail = &out[at + sep.len()..];
        let head = out[..at].trim_end();
        if date_only(tail) && head.split_whitespace().count() >= 3 {
            let before = head.to_owned();
            // Only with the site's name before it.
            let site_before = TITLE_SEPARATORS
                .iter()
                .filter_map(|sep| before.rfind(sep).map(|at| (at, *sep)))
                .max_by_key(|(at, _)| *at)
                .is_some_and(|(at, sep)| names_site(&before[at + sep.len()..]));
            if site_before {
                out = before;
                continue;
            }
        }
        if !names_site(tail) || !long_enough(head) {
            break;
        }
        out = head.to_owned();
        // A Korean site's section, joined to the headline by a hyphen before its bar
        // ("… 커졌다-정치ㅣ한국일보"): a word of at most four letters.
        if sep == "ㅣ" {
            if let Some((headline, section)) = out.rsplit_once('-') {
                let letters = section.chars().count();
                if (1..=4).contains(&letters)
                    && section.chars().all(char::is_alphabetic)
                    && long_enough(headline.trim_end())
                {
                    out = headline.trim_end().to_owned();
                }
            }
        }
        // Section names before the site, joined by the same separator: "» Local » Noticias".
        while let Some(at) = out.rfind(sep) {
            let section = &out[at + sep.len()..];
            if sep != " » "
                || section.split_whitespace().count() > 2
                || out[..at].split_whitespace().count() < 3
            {
                break;
            }
            out.truncate(at);
        }
    }
    // The site's name first ("Jane's Notebook - The tunnel audit"), as some sites and blogs
    // write it: only the site's name itself (see `is_site`) before the first separator, and
    // after it WordPress's "Blog Archive" section when a title follows ("Site » Blog Archive »
    // Title"; "Site » Blog Archive" alone stays as it is).
    let first_part = |t: &str| {
        first_separator(t).map(|(at, sep)| {
            (
                t[..at].trim_end().to_owned(),
                t[at + sep.len()..].trim_start().to_owned(),
            )
        })
    };
    if let Some((site_part, mut rest)) = first_part(&out) {
        if let Some((section, after)) = first_part(&rest) {
            let archive =
                ["blog archive", "blog archiv"].contains(&section.to_lowercase().as_str());
            if archive && long_enough(&after) {
                rest = after;
            }
        }
        let archive_only = ["blog archive", "blog archiv"].contains(&rest.to_lowercase().as_str());
        if is_site(&site_part) && long_enough(&rest) && !archive_only {
            out = rest;
        }
    }
    out
}

/// What stands between a title and its site's name or section: "｜" (a full-width bar) with or
/// without spaces around it, as Japanese sites write it; "ㅣ" (the Hangul letter, which no
/// Korean word writes alone), as Korean sites write a bar.
const TITLE_SEPARATORS: [&str; 11] = [
    " | ", " - ", " – ", " — ", " -- ", " :: ", " » ", " · ", " * ", "｜", "ㅣ",
];

/// The first of [`TITLE_SEPARATORS`] in `t`: where it starts, and which it is.
fn first_separator(t: &str) -> Option<(usize, &'static str)> {
    TITLE_SEPARATORS
        .iter()
        .filter_map(|sep| t.find(sep).map(|at| (at, *sep)))
        .min_by_key(|(at, _)| *at)
}

/// The parts of a title between its [`TITLE_SEPARATORS`], trimmed, in order.
fn title_parts(mut t: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    while let Some((at, sep)) = first_separator(t) {
        parts.push(t[..at].trim());
        t = &t[at + sep.len()..];
    }
    parts.push(t.trim());
    parts
}

/// What is left of a title once a site's name or a label is cut off is still one: three
/// words, or twelve characters (a short quote, a title in a script written without spaces).
fn long_title(head: &str) -> bool {
    head.split_whitespace().count() >= 3 || head.chars().count() >= 12
}

/// `s`'s letters and digits only, in lower case: a name as a comparison sees it ("The
/// Ledger" and "the-ledger" are one).
fn compact(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Characters a metadata value can carry that show nothing and only get in the way of a
/// search, a copy or a comparison: the soft hyphen, the zero-width space, the word joiner and
/// the zero-width no-break space (a byte-order mark). The zero-width joiner and non-joiner are
/// kept: they change how some scripts and emoji are drawn.
pub const INVISIBLE: [char; 4] = ['\u{ad}', '\u{200b}', '\u{2060}', '\u{feff}'];

/// `s` with the character references a page escaped twice decoded ("O&#039;Donnell" in a
/// JSON-LD name, "Tom &amp; Jerry" in a `<meta>`, where the parser has already decoded one
/// level): numeric ones and `&amp;`, `&quot;`, `&apos;`. Others stay as written.
fn unescaped(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        // (A reference's end is looked for among the next few bytes only: a long run of "&"s
        // without one is read once.)
        let end = rest.as_bytes()[1..]
            .iter()
            .take(10)
            .position(|&b| b == b';')
            .map(|i| i + 1);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code).filter(|c| !c.is_control())
                }
            }?;
            Some((c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// White space collapsed and trimmed, invisible characters ([`INVISIBLE`]) dropped; `None`
/// when nothing is left.
fn clean(s: &str) -> Option<String> {
    let s = unescaped(s);
    let c = s
        .split(|c: char| INVISIBLE.contains(&c))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!c.is_empty()).then_some(c)
}

/// The `YYYY-MM-DD` a date or date-time starts with, if it is a real calendar date.
pub fn iso_date(s: &str) -> Option<String> {
    let s = s.trim();
    let head = s.get(..10)?;
    let mut parts = head.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let month = time::Month::try_from(m.parse::<u8>().ok()?).ok()?;
    time::Date::from_calendar_date(y.parse().ok()?, month, d.parse().ok()?).ok()?;
    Some(head.to_owned())
}

#[cfg(test)]
mod tests;
