//! One click from any page: the **Send to Article Annotator** bookmarklet and the rules by
//! which the app accepts the page it sends.
//!
//! The protocol, and why each step:
//! 1. Clicked on a page, the bookmarklet makes a fresh nonce (16 random bytes, hex) and opens
//!    the app in a new tab at `<app>#capture=<nonce>`; the nonce reaches the app in the URL,
//!    never in a message.
//! 2. The app, started with that fragment, removes it from the address (a reload does not wait
//!    again), listens for messages, and tells the window that opened it that it is ready
//!    ([`READY`], which carries no secret).
//! 3. On [`READY`] from the tab it opened, and only from the app's origin, the bookmarklet
//!    posts `{type, nonce, url, html}` once, addressed to the app's origin (so a tab that has
//!    navigated elsewhere receives nothing).
//! 4. The app takes the first message that comes from the window that opened it, has the
//!    type [`MESSAGE_TYPE`], the nonce of its fragment, an `http:`/`https:` URL and HTML of at
//!    most [`MAX_PAGE_BYTES`]; then it stops listening. Every other message is ignored.
//!
//! The HTML is only ever read by the extractor in the worker, which has no document: nothing in
//! it runs or loads.

use crate::core::extract::MAX_PAGE_BYTES;
use crate::core::model::HttpUrl;

/// The `type` of the bookmarklet's message.
pub const MESSAGE_TYPE: &str = "article-annotator/page";

/// What the app posts to the window that opened it once it listens.
pub const READY: &str = "article-annotator/ready";

/// The fragment that asks the app to wait for a page: `#capture=<nonce>`.
pub const FRAGMENT_PREFIX: &str = "#capture=";

/// A page handed to the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandedPage {
    /// The page's address.
    pub url: String,
    /// The page's HTML, as its scripts left it.
    pub html: String,
}

/// The nonce of a `#capture=<nonce>` fragment: 32 lower-case hex digits, else `None`.
pub fn nonce_from_fragment(hash: &str) -> Option<&str> {
    let nonce = hash.strip_prefix(FRAGMENT_PREFIX)?;
    (nonce.len() == 32
        && nonce
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
    .then_some(nonce)
}

/// A message's fields, as read from the message's data (absent or not a string: `None`).
#[derive(Debug, Clone, Default)]
pub struct PageMessage {
    pub kind: Option<String>,
    pub nonce: Option<String>,
    pub url: Option<String>,
    pub html: Option<String>,
}

/// Why a message was not taken (never shown for messages that are simply someone else's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not the bookmarklet's message, or not for this tab: ignored silently.
    NotOurs,
    /// Ours, but the page cannot be taken: the sentence says why.
    Unusable(String),
}

/// Whether `m` is the page this tab waits for (nonce `expected`).
pub fn accept(expected: &str, m: PageMessage) -> Result<HandedPage, Refusal> {
    if m.kind.as_deref() != Some(MESSAGE_TYPE) || m.nonce.as_deref() != Some(expected) {
        return Err(Refusal::NotOurs);
    }
    let url = m
        .url
        .as_deref()
        .and_then(|u| HttpUrl::parse(u).ok())
        .map(|u| u.as_str().to_owned())
        .ok_or_else(|| {
            Refusal::Unusable(
                "The page sent by the bookmarklet has no web address (http or https); nothing was captured."
                    .to_owned(),
            )
        })?;
    let html = m.html.unwrap_or_default();
    if html.len() > MAX_PAGE_BYTES {
        return Err(Refusal::Unusable(
            "The page sent by the bookmarklet is larger than 20 MB; nothing was captured. Save \
             the page and open it with Open file after trimming it."
                .to_owned(),
        ));
    }
    Ok(HandedPage { url, html })
}

/// The bookmarklet for the app at `app_url` (its address without fragment): a `javascript:`
/// URL to drag to the bookmarks bar.
pub fn bookmarklet(app_url: &str) -> String {
    let app = app_url.split('#').next().unwrap_or(app_url);
    // The app's address is data: written as a JSON string, it cannot end the script's string.
    let app_literal = serde_json::to_string(app).unwrap_or_else(|_| "\"\"".to_owned());
    let code = format!(
        "(function(){{var a={app_literal},o=new URL(a).origin,\
b=crypto.getRandomValues(new Uint8Array(16)),n='';\
for(var i=0;i<16;i++)n+=(b[i]+256).toString(16).slice(1);\
var h=document.documentElement.outerHTML;\
if(h.length>{max}){{alert('Article Annotator: this page is larger than 20 MB. Save it and use Open file.');return}}\
var w=window.open(a+'{FRAGMENT_PREFIX}'+n);\
if(!w){{alert('Article Annotator: the new tab was blocked. Allow pop-ups for this page, or save the page and use Open file.');return}}\
var f=function(e){{if(e.source===w&&e.origin===o&&e.data==='{READY}'){{removeEventListener('message',f);\
w.postMessage({{type:'{MESSAGE_TYPE}',nonce:n,url:location.href,html:h}},o)}}}};\
addEventListener('message',f)}})()",
        max = MAX_PAGE_BYTES,
    );
    format!("javascript:{}", percent_encode(&code))
}

/// Percent-encodes what a URL cannot hold as it is (spaces, `%`, quotes, non-ASCII), so the
/// browser decodes the code back exactly.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'();/?:@&=+$,{}[]|<>^`".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes (the browser's reading of a `javascript:` URL); for tests.
#[cfg(test)]
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONCE: &str = "0123456789abcdef0123456789abcdef";

    fn message() -> PageMessage {
        PageMessage {
            kind: Some(MESSAGE_TYPE.into()),
            nonce: Some(NONCE.into()),
            url: Some("https://news.example/a?b=1".into()),
            html: Some("<p>Çavuşoğlu “said” 😀</p>".into()),
        }
    }

    #[test]
    fn the_fragment_gives_a_well_formed_nonce_only() {
        assert_eq!(
            nonce_from_fragment(&format!("#capture={NONCE}")),
            Some(NONCE)
        );
        for bad in [
            "",
            "#capture=",
            "#capture=0123",
            "#capture=0123456789ABCDEF0123456789ABCDEF",
            "#capture=0123456789abcdef0123456789abcdeg",
            "#other=0123456789abcdef0123456789abcdef",
            "#capture=0123456789abcdef0123456789abcdef0",
        ] {
            assert_eq!(nonce_from_fragment(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_the_bookmarklets_message_with_this_tabs_nonce_is_taken() {
        let page = accept(NONCE, message()).unwrap();
        assert_eq!(page.url, "https://news.example/a?b=1");
        assert_eq!(page.html, "<p>Çavuşoğlu “said” 😀</p>");
        let with = |f: fn(&mut PageMessage)| {
            let mut m = message();
            f(&mut m);
            accept(NONCE, m)
        };
        assert_eq!(
            with(|m| m.nonce = Some("f".repeat(32))),
            Err(Refusal::NotOurs)
        );
        assert_eq!(with(|m| m.nonce = None), Err(Refusal::NotOurs));
        assert_eq!(
            with(|m| m.kind = Some("other".into())),
            Err(Refusal::NotOurs)
        );
        assert!(matches!(
            with(|m| m.url = Some("javascript:alert(1)".into())),
            Err(Refusal::Unusable(_))
        ));
        assert!(matches!(
            with(|m| m.html = Some("a".repeat(MAX_PAGE_BYTES + 1))),
            Err(Refusal::Unusable(_))
        ));
    }

    #[test]
    fn the_bookmarklet_is_a_javascript_url_that_decodes_to_its_code() {
        let b = bookmarklet("https://annotator.example/app/#old");
        let code = percent_decode(b.strip_prefix("javascript:").unwrap());
        assert!(code.starts_with("(function(){var a=\"https://annotator.example/app/\","));
        assert!(code.contains("e.source===w&&e.origin===o&&e.data==='article-annotator/ready'"));
        assert!(code.contains(
            "w.postMessage({type:'article-annotator/page',nonce:n,url:location.href,html:h},o)"
        ));
        assert!(!b.contains(' ') && !b.contains('"'), "{b}");
        // An address with a quote cannot break out of the string.
        let odd = percent_decode(&bookmarklet("https://a.example/x'\"y")[11..]);
        assert!(odd.contains(r#"var a="https://a.example/x'\"y","#));
    }
}
