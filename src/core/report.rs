//! The fact-check report: an article's claims grouped by verdict and its quotes, as a model
//! the page renders ([`ArticleReport`], [`LibraryReport`]) and as one self-contained HTML file
//! ([`to_html`]).
//!
//! # What it holds and in which order
//!
//! - The article's title, source link (only an `http:`/`https:` URL, [`HttpUrl`]), published
//!   and captured dates, byline and site.
//! - Counts: claims, claims with a verdict, each verdict, quotes, quotes checked.
//! - The claims grouped by verdict in [`VERDICT_ORDER`] (the verdicts a reader most needs to
//!   see first: False, Misleading, Mostly false, Half true, Mostly true, True, Unproven, then
//!   the claims still Unverified), each group in text order; orphans (whose text is no longer
//!   in the article) after the attached ones. Each claim has its text, claimant, note and
//!   evidence links.
//! - The quotes in text order with their speakers, whether they were checked, their source.
//!
//! The library report ([`library_report`]) has, for every article with at least one claim
//! that has a verdict, those claims grouped by verdict; articles in title order.
//!
//! # The HTML file
//!
//! One file that opens anywhere: styles inline in one `<style>` element, no script, no
//! external request (a Content-Security-Policy of `default-src 'none'` says so to the
//! browser, so even a link's prefetch cannot leave), every text escaped
//! (`html_escape::encode_safe`), links only to [`HttpUrl`]s. Its print styles avoid breaking
//! a claim across pages and print each link's URL after its text; the page size is left to
//! the printer (A4 and Letter both fit the 15 mm margins).

use crate::core::library::Library;
use crate::core::model::{Annotation, Body, HttpUrl, Timestamp, Verdict};
use crate::core::text::Article;

/// The order of the verdict groups.
pub const VERDICT_ORDER: [Verdict; 8] = [
    Verdict::False,
    Verdict::Misleading,
    Verdict::MostlyFalse,
    Verdict::HalfTrue,
    Verdict::MostlyTrue,
    Verdict::True,
    Verdict::Unproven,
    Verdict::Unverified,
];

/// A claim in a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportClaim {
    pub id: uuid::Uuid,
    /// The quoted text.
    pub text: String,
    pub claimant: String,
    pub note: String,
    pub evidence: Vec<HttpUrl>,
    /// Whether its text is still found in the article.
    pub attached: bool,
}

/// A quote in a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportQuote {
    pub id: uuid::Uuid,
    pub text: String,
    pub speaker: String,
    pub checked: bool,
    pub source: Option<HttpUrl>,
    pub note: String,
}

/// The claims of one verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerdictGroup {
    pub verdict: Verdict,
    pub claims: Vec<ReportClaim>,
}

/// The counts at the top of a report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Counts {
    pub claims: usize,
    /// Claims with a verdict.
    pub checked_claims: usize,
    pub quotes: usize,
    /// Quotes checked against a source.
    pub checked_quotes: usize,
    /// Claims per verdict, in [`VERDICT_ORDER`], verdicts with none left out.
    pub by_verdict: Vec<(Verdict, usize)>,
}

impl Counts {
    /// One line for the top of a report: "3 claims (1 False, 2 True), 2 quotes (1 checked)".
    pub fn summary(&self) -> String {
        let verdicts: Vec<String> = self
            .by_verdict
            .iter()
            .map(|(v, n)| format!("{n} {}", v.label()))
            .collect();
        let claims = match self.claims {
            0 => "No claims".to_owned(),
            1 => "1 claim".to_owned(),
            n => format!("{n} claims"),
        };
        let claims = if verdicts.is_empty() {
            claims
        } else {
            format!("{claims} ({})", verdicts.join(", "))
        };
        let quotes = match self.quotes {
            0 => "no quotes".to_owned(),
            1 => "1 quote".to_owned(),
            n => format!("{n} quotes"),
        };
        if self.quotes == 0 {
            format!("{claims}, {quotes}")
        } else {
            format!("{claims}, {quotes} ({} checked)", self.checked_quotes)
        }
    }
}

/// One article's report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleReport {
    pub article_id: uuid::Uuid,
    pub title: String,
    pub source: Option<HttpUrl>,
    /// The publication date as the article gives it.
    pub published: Option<String>,
    /// The capture date (`YYYY-MM-DD`).
    pub captured: Option<String>,
    pub byline: Option<String>,
    pub site_name: Option<String>,
    pub counts: Counts,
    /// Non-empty groups, in [`VERDICT_ORDER`].
    pub groups: Vec<VerdictGroup>,
    pub quotes: Vec<ReportQuote>,
}

/// The report of `article` with `annotations` (those of other articles are ignored).
pub fn article_report<'a>(
    article: &Article,
    annotations: impl IntoIterator<Item = &'a Annotation>,
) -> ArticleReport {
    let mut mine: Vec<&Annotation> = annotations
        .into_iter()
        .filter(|a| a.article_id == article.id)
        .collect();
    // Text order, orphans last, then by id for a stable order.
    crate::core::sort::sort_by_key(&mut mine, |a| (!a.is_attached(), a.start, a.end, a.id));
    let mut groups: Vec<VerdictGroup> = VERDICT_ORDER
        .iter()
        .map(|&verdict| VerdictGroup {
            verdict,
            claims: Vec::new(),
        })
        .collect();
    let mut quotes = Vec::new();
    for a in mine {
        match &a.body {
            Body::Claim(c) => {
                if let Some(g) = groups.iter_mut().find(|g| g.verdict == c.verdict) {
                    g.claims.push(ReportClaim {
                        id: a.id,
                        text: a.quote.exact.clone(),
                        claimant: c.claimant.trim().to_owned(),
                        note: a.note.trim().to_owned(),
                        evidence: c.evidence.clone(),
                        attached: a.is_attached(),
                    });
                }
            }
            Body::Quote(q) => quotes.push(ReportQuote {
                id: a.id,
                text: a.quote.exact.clone(),
                speaker: q.speaker.trim().to_owned(),
                checked: q.checked,
                source: q.source.clone(),
                note: a.note.trim().to_owned(),
            }),
        }
    }
    groups.retain(|g| !g.claims.is_empty());
    let counts = Counts {
        claims: groups.iter().map(|g| g.claims.len()).sum(),
        checked_claims: groups
            .iter()
            .filter(|g| g.verdict.is_set())
            .map(|g| g.claims.len())
            .sum(),
        quotes: quotes.len(),
        checked_quotes: quotes.iter().filter(|q| q.checked).count(),
        by_verdict: groups.iter().map(|g| (g.verdict, g.claims.len())).collect(),
    };
    ArticleReport {
        article_id: article.id,
        title: article.title.clone(),
        source: article
            .source_url
            .as_deref()
            .and_then(|u| HttpUrl::parse(u).ok()),
        published: article
            .published
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned),
        captured: article.captured.as_ref().map(|c| c.at.date()),
        byline: article.byline.clone().filter(|b| !b.trim().is_empty()),
        site_name: article.site_name.clone().filter(|b| !b.trim().is_empty()),
        counts,
        groups,
        quotes,
    }
}

/// The report of every claim checked in a library, by article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryReport {
    /// Articles with at least one claim that has a verdict, in title order; each holds only
    /// those claims (no quotes, no unverified claims).
    pub articles: Vec<ArticleReport>,
    /// Claims with a verdict in the whole library.
    pub checked_claims: usize,
}

/// The library report of `library`.
pub fn library_report(library: &Library) -> LibraryReport {
    let mut by_article: std::collections::HashMap<uuid::Uuid, Vec<&Annotation>> =
        std::collections::HashMap::new();
    for a in &library.annotations {
        by_article.entry(a.article_id).or_default().push(a);
    }
    let mut articles: Vec<ArticleReport> = library
        .articles
        .iter()
        .filter_map(|article| {
            let anns = by_article.get(&article.id)?;
            let mut r = article_report(article, anns.iter().copied());
            r.groups.retain(|g| g.verdict.is_set());
            r.quotes.clear();
            r.counts = Counts {
                claims: r.counts.checked_claims,
                checked_claims: r.counts.checked_claims,
                quotes: 0,
                checked_quotes: 0,
                by_verdict: r
                    .counts
                    .by_verdict
                    .into_iter()
                    .filter(|(v, _)| v.is_set())
                    .collect(),
            };
            (!r.groups.is_empty()).then_some(r)
        })
        .collect();
    crate::core::sort::sort_by(&mut articles, |a, b| {
        crate::core::case::lowercase(&a.title)
            .cmp(&crate::core::case::lowercase(&b.title))
            .then(a.article_id.cmp(&b.article_id))
    });
    LibraryReport {
        checked_claims: articles.iter().map(|a| a.counts.checked_claims).sum(),
        articles,
    }
}

/// An article's byline as a line of its meta: "By Jane Doe", or the byline as it is when it
/// starts with its own label (a captured page's "By Jane Doe", "Von Jane Doe", "Written by
/// Jane Doe"), not "By By Jane Doe".
pub fn byline_line(byline: &str) -> String {
    let labelled = byline
        .split_whitespace()
        .next()
        .is_some_and(crate::core::text::is_byline_label);
    if labelled {
        byline.to_owned()
    } else {
        format!("By {byline}")
    }
}

/// What a link shows: the URL's host (its full URL is in `href`, and printed after it).
pub fn link_text(url: &HttpUrl) -> String {
    let s = url.as_str();
    let rest = s.split_once("://").map(|(_, r)| r).unwrap_or(s);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = host.rsplit('@').next().unwrap_or(host);
    host.strip_prefix("www.").unwrap_or(host).to_owned()
}

/// The styles of the HTML file (screen and print).
const STYLE: &str = "\
body{font:16px/1.5 Georgia,'Times New Roman',serif;color:#1d232a;background:#fff;margin:0}\
main{max-width:46rem;margin:0 auto;padding:1.5rem}\
h1{font-size:1.7rem;line-height:1.25;margin:0 0 .5rem}\
h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:1px solid #c9ced6}\
h3{font-size:1.05rem;margin:1.25rem 0 .25rem}\
.meta,.counts,footer{font:14px/1.5 system-ui,sans-serif;color:#444}\
.claim,.quote{margin:0 0 1rem;padding:.5rem .75rem;border-left:4px solid #c9ced6;break-inside:avoid;page-break-inside:avoid}\
.claim blockquote,.quote blockquote{margin:0 0 .25rem;font-style:italic}\
dl{margin:0;font:14px/1.5 system-ui,sans-serif}dt{font-weight:600;display:inline}dd{display:inline;margin:0 0 0 .25rem}\
dd::after{content:'';display:block}\
ul.evidence{margin:0;padding-left:1.25rem}\
a{color:#0b4f9c}\
h2,h3{break-after:avoid;page-break-after:avoid}\
@page{margin:15mm}\
@media print{body{font-size:11pt}main{max-width:none;padding:0}\
a[href]::after{content:' (' attr(href) ')';font-size:9pt;color:#444;word-break:break-all}}";

fn esc(s: &str) -> std::borrow::Cow<'_, str> {
    html_escape::encode_safe(s)
}

fn link(url: &HttpUrl) -> String {
    format!(
        "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
        esc(url.as_str()),
        esc(&link_text(url))
    )
}

fn meta_html(r: &ArticleReport, out: &mut String) {
    let mut parts: Vec<String> = Vec::new();
    if let Some(u) = &r.source {
        parts.push(format!("Source: {}", link(u)));
    }
    if let Some(b) = &r.byline {
        parts.push(esc(&byline_line(b)).into_owned());
    }
    if let Some(s) = &r.site_name {
        parts.push(esc(s).into_owned());
    }
    if let Some(p) = &r.published {
        parts.push(format!("Published {}", esc(p)));
    }
    if let Some(c) = &r.captured {
        parts.push(format!("Captured {}", esc(c)));
    }
    if !parts.is_empty() {
        out.push_str(&format!("<p class=\"meta\">{}</p>", parts.join(" · ")));
    }
}

fn claim_html(c: &ReportClaim, out: &mut String) {
    out.push_str("<article class=\"claim\"><blockquote>");
    out.push_str(&esc(&c.text));
    out.push_str("</blockquote><dl>");
    let field = |out: &mut String, name: &str, value: &str| {
        out.push_str(&format!("<dt>{name}</dt><dd>{}</dd>", esc(value)));
    };
    field(
        out,
        "Claimant",
        if c.claimant.is_empty() {
            "not given"
        } else {
            &c.claimant
        },
    );
    if !c.note.is_empty() {
        field(out, "Note", &c.note);
    }
    if !c.attached {
        field(out, "Text", "no longer found in the article");
    }
    out.push_str("</dl>");
    if !c.evidence.is_empty() {
        out.push_str("<ul class=\"evidence\" aria-label=\"Evidence\">");
        for u in &c.evidence {
            out.push_str(&format!("<li>{}</li>", link(u)));
        }
        out.push_str("</ul>");
    }
    out.push_str("</article>");
}

fn groups_html(groups: &[VerdictGroup], heading: &str, out: &mut String) {
    for g in groups {
        out.push_str(&format!(
            "<section><{heading}>{} ({})</{heading}>",
            esc(g.verdict.label()),
            g.claims.len()
        ));
        for c in &g.claims {
            claim_html(c, out);
        }
        out.push_str("</section>");
    }
}

fn quotes_html(quotes: &[ReportQuote], out: &mut String) {
    if quotes.is_empty() {
        return;
    }
    out.push_str(&format!("<section><h2>Quotes ({})</h2>", quotes.len()));
    for q in quotes {
        out.push_str("<article class=\"quote\"><blockquote>");
        out.push_str(&esc(&q.text));
        out.push_str("</blockquote><dl>");
        out.push_str(&format!(
            "<dt>Speaker</dt><dd>{}</dd><dt>Checked</dt><dd>{}</dd>",
            esc(if q.speaker.is_empty() {
                "unknown"
            } else {
                &q.speaker
            }),
            if q.checked { "yes" } else { "no" }
        ));
        if let Some(s) = &q.source {
            out.push_str(&format!("<dt>Source</dt><dd>{}</dd>", link(s)));
        }
        if !q.note.is_empty() {
            out.push_str(&format!("<dt>Note</dt><dd>{}</dd>", esc(&q.note)));
        }
        out.push_str("</dl></article>");
    }
    out.push_str("</section>");
}

fn page(title: &str, body: &str, organisation: &str, generated: Timestamp) -> String {
    let by = if organisation.trim().is_empty() {
        String::new()
    } else {
        format!(" by {}", esc(organisation.trim()))
    };
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\
<meta name=\"referrer\" content=\"no-referrer\">\
<title>{}</title><style>{STYLE}</style></head><body><main>{body}\
<footer><p>Fact-check report{by}, made with Article Annotator on {}.</p></footer></main></body></html>\n",
        esc(title),
        generated.date()
    )
}

/// One article's report as a self-contained HTML document.
pub fn to_html(r: &ArticleReport, organisation: &str, generated: Timestamp) -> String {
    let mut body = String::new();
    body.push_str(&format!("<h1>{}</h1>", esc(&r.title)));
    meta_html(r, &mut body);
    body.push_str(&format!(
        "<p class=\"counts\">{}</p>",
        esc(&r.counts.summary())
    ));
    if !r.groups.is_empty() {
        body.push_str("<h2 class=\"part\">Claims</h2>");
    }
    groups_html(&r.groups, "h3", &mut body);
    quotes_html(&r.quotes, &mut body);
    page(
        &format!("Fact-check report: {}", r.title),
        &body,
        organisation,
        generated,
    )
}

/// The library report as a self-contained HTML document.
pub fn library_to_html(r: &LibraryReport, organisation: &str, generated: Timestamp) -> String {
    let mut body = String::from("<h1>Claims checked, by article</h1>");
    body.push_str(&format!(
        "<p class=\"counts\">{} claim(s) checked in {} article(s)</p>",
        r.checked_claims,
        r.articles.len()
    ));
    for a in &r.articles {
        body.push_str(&format!("<section><h2>{}</h2>", esc(&a.title)));
        meta_html(a, &mut body);
        body.push_str(&format!(
            "<p class=\"counts\">{}</p>",
            esc(&a.counts.summary())
        ));
        groups_html(&a.groups, "h3", &mut body);
        body.push_str("</section>");
    }
    page("Claims checked, by article", &body, organisation, generated)
}

#[cfg(test)]
mod tests;
