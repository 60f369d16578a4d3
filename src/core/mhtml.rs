//! The web page inside a web archive: an `.mhtml` or `.mht` file.
//!
//! Chromium's "Save page as › Webpage, Single File" (and Internet Explorer's and Word's "Web
//! Archive, single file") writes one MIME message (RFC 2557, `multipart/related`): the page's
//! HTML as the browser last had it (after its scripts ran, like the bookmarklet's), then every
//! image and style sheet. This module finds the page's HTML part and undoes its transfer
//! encoding (quoted-printable, by the `quoted_printable` crate; base64, by the `base64` crate
//! already in the tree); the text is then decoded as any page's (`core::charset`), with the
//! part's own `charset` first, and the archive's address (`Snapshot-Content-Location`, else the
//! part's `Content-Location`) fills the Source URL. Nothing else of the archive is read:
//! images, style sheets and frames stay bytes that are never decoded.
//!
//! The MIME framing itself is read here (headers, folded lines, the boundary): the crates that
//! parse whole e-mail messages carry charset tables the extractor does not need (the browser
//! decodes), and an archive needs a small part of what they do.

use crate::core::charset::{self, Decoding};
use base64::Engine;

/// The page an archive holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchivedPage {
    /// The HTML's bytes, its transfer encoding undone.
    pub html: Vec<u8>,
    /// How to decode them: the part's `charset`, else as any page ([`charset::page_decoding`]).
    pub decoding: Decoding,
    /// The address the page was saved from, when the archive names one (`http:`/`https:`
    /// only is kept later, by the extractor).
    pub location: Option<String>,
}

/// Whether `name` is a web archive's (`.mhtml`, `.mht`).
pub fn is_archive_name(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(_, ext)| {
        ext.eq_ignore_ascii_case("mhtml") || ext.eq_ignore_ascii_case("mht")
    })
}

/// The largest web archive opened: its images and style sheets are most of it (the page it
/// holds is still held to the extractor's 20 MB).
pub const MAX_ARCHIVE_BYTES: u64 = 100_000_000;

/// Whether `bytes` begin as a web archive does, whatever the file's name: MIME headers, one
/// of them a `multipart/related` Content-Type (no HTML page begins with a header line).
pub fn looks_like_archive(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let (block, _) = split_headers(head);
    let headers = parse_headers(block);
    headers.iter().any(|(n, v)| {
        n == "content-type" && v.to_ascii_lowercase().starts_with("multipart/related")
    })
}

/// The page in `bytes`, a web archive; `Err` with the reason, for a sentence after the file's
/// name ("holds no web page"), when there is none.
pub fn archived_page(bytes: &[u8]) -> Result<ArchivedPage, &'static str> {
    let (head, body) = split_headers(bytes);
    let headers = parse_headers(head);
    let content_type = header(&headers, "content-type").unwrap_or_default();
    let snapshot = header(&headers, "snapshot-content-location")
        .or_else(|| header(&headers, "content-location"))
        .filter(|l| !l.is_empty());
    if headers.is_empty() {
        return Err("is not a web archive (it has no MIME headers)");
    }
    let (mime, params) = media_type(&content_type);
    let part = if mime.starts_with("multipart/") {
        let boundary = param(&params, "boundary").ok_or("is not a web archive (no boundary)")?;
        let parts = split_parts(body, boundary.as_bytes());
        let pages: Vec<Part> = parts
            .into_iter()
            .map(|p| {
                let (h, b) = split_headers(p);
                Part {
                    headers: parse_headers(h),
                    body: b,
                }
            })
            .filter(|p| {
                media_type(&header(&p.headers, "content-type").unwrap_or_default()).0 == "text/html"
            })
            .collect();
        // The page itself: the part saved from the archive's own address, else the first
        // HTML part (Chromium writes the page first, then its frames).
        let index = snapshot
            .as_deref()
            .and_then(|loc| {
                pages
                    .iter()
                    .position(|p| header(&p.headers, "content-location").as_deref() == Some(loc))
            })
            .unwrap_or(0);
        pages.into_iter().nth(index).ok_or("holds no web page")?
    } else if mime == "text/html" {
        Part { headers, body }
    } else {
        return Err("holds no web page");
    };
    let encoding = header(&part.headers, "content-transfer-encoding")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let html = match encoding.trim() {
        "quoted-printable" => {
            quoted_printable::decode(part.body, quoted_printable::ParseMode::Robust)
                .map_err(|_| "holds a web page that cannot be decoded (quoted-printable)")?
        }
        "base64" => {
            let clean: Vec<u8> = part
                .body
                .iter()
                .copied()
                .filter(|b| !b.is_ascii_whitespace())
                .collect();
            base64::engine::general_purpose::STANDARD
                .decode(&clean)
                .map_err(|_| "holds a web page that cannot be decoded (base64)")?
        }
        _ => part.body.to_vec(),
    };
    // The part's charset is what the server said: the transport's word, before the page's.
    let part_type = header(&part.headers, "content-type").unwrap_or_default();
    let declared = param(&media_type(&part_type).1, "charset");
    let location = snapshot.or_else(|| header(&part.headers, "content-location"));
    let decoding = charset::declared_decoding(&html, declared.as_deref(), location.as_deref());
    Ok(ArchivedPage {
        html,
        decoding,
        location,
    })
}

struct Part<'a> {
    headers: Vec<(String, String)>,
    body: &'a [u8],
}

/// The lines of `bytes`: where each starts, its text without its line break (LF or CRLF), and
/// where the next starts.
fn lines(bytes: &[u8]) -> impl Iterator<Item = (usize, &[u8], usize)> {
    let mut i = 0;
    std::iter::from_fn(move || {
        if i >= bytes.len() {
            return None;
        }
        let end = bytes[i..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |e| i + e);
        let line = &bytes[i..end];
        let start = i;
        i = (end + 1).min(bytes.len());
        Some((start, line.strip_suffix(b"\r").unwrap_or(line), i))
    })
}

/// The header block (up to the first empty line) and what follows it.
fn split_headers(bytes: &[u8]) -> (&[u8], &[u8]) {
    for (start, line, next) in lines(bytes) {
        if line.is_empty() {
            return (&bytes[..start], &bytes[next..]);
        }
    }
    (bytes, &[])
}

/// Headers as (lower-case name, value), folded lines joined. A line that is not a header
/// ends them (a file that is not MIME at all has none).
fn parse_headers(block: &[u8]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for raw in block.split(|&b| b == b'\n') {
        let line = raw.strip_suffix(b"\r").unwrap_or(raw);
        let text: String = line.iter().map(|&b| b as char).collect();
        if line.first().is_some_and(|b| *b == b' ' || *b == b'\t') {
            if let Some((_, v)) = out.last_mut() {
                v.push(' ');
                v.push_str(text.trim());
            }
            continue;
        }
        let Some((name, value)) = text.split_once(':') else {
            break;
        };
        let name = name.trim();
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            break;
        }
        out.push((name.to_ascii_lowercase(), value.trim().to_owned()));
        if out.len() > 200 {
            break;
        }
    }
    out
}

fn header(headers: &[(String, String)], name: &str) -> Option<String> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.clone())
}

/// `type/subtype` (lower case) and its `; name=value` parameters.
fn media_type(value: &str) -> (String, Vec<(String, String)>) {
    let mut pieces = split_unquoted(value, ';').into_iter();
    let mime = pieces
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let params = pieces
        .filter_map(|p| {
            let (n, v) = p.split_once('=')?;
            let v = v.trim();
            let v = v
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(v);
            Some((n.trim().to_ascii_lowercase(), v.to_owned()))
        })
        .collect();
    (mime, params)
}

fn split_unquoted(s: &str, sep: char) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    for c in s.chars() {
        if c == '"' {
            quoted = !quoted;
        }
        if c == sep && !quoted {
            out.push(String::new());
        } else if let Some(last) = out.last_mut() {
            last.push(c);
        }
    }
    out
}

fn param(params: &[(String, String)], name: &str) -> Option<String> {
    params
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// The parts between `--boundary` lines (the preamble before the first and the epilogue after
/// `--boundary--` left out), each without the line break that ends it.
fn split_parts<'a>(body: &'a [u8], boundary: &[u8]) -> Vec<&'a [u8]> {
    let mut delimiter = b"--".to_vec();
    delimiter.extend_from_slice(boundary);
    let mut starts = Vec::new(); // (line start, next line's start, closing)
    for (start, line, next) in lines(body) {
        if let Some(rest) = line.strip_prefix(delimiter.as_slice()) {
            let closing = rest.starts_with(b"--");
            if closing || rest.iter().all(|b| b.is_ascii_whitespace()) {
                starts.push((start, next, closing));
                if closing {
                    break;
                }
            }
        }
    }
    let mut parts = Vec::new();
    for w in starts.windows(2) {
        let (_, from, closing) = w[0];
        if closing {
            break;
        }
        let to = w[1].0;
        let part = &body[from..to.max(from)];
        let part = part.strip_suffix(b"\n").unwrap_or(part);
        let part = part.strip_suffix(b"\r").unwrap_or(part);
        parts.push(part);
    }
    // An archive cut short (no closing delimiter): its last part runs to the end.
    if let Some(&(_, from, false)) = starts.last() {
        parts.push(&body[from..]);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// An archive as Chromium writes one ("Webpage, Single File"): CRLF lines, a folded
    /// Content-Type, the page in quoted-printable, then a frame and an image.
    fn chromium(page_qp: &str) -> Vec<u8> {
        [
            "From: <Saved by Blink>",
            "Snapshot-Content-Location: https://news.example/2026/11/tunnel",
            "Subject: =?utf-8?Q?Tunnel_costs_doubled?=",
            "Date: Sat, 5 Dec 2026 10:00:00 -0000",
            "MIME-Version: 1.0",
            "Content-Type: multipart/related;",
            "\ttype=\"text/html\";",
            "\tboundary=\"----MultipartBoundary--Ab3----\"",
            "",
            "",
            "------MultipartBoundary--Ab3----",
            "Content-Type: text/html",
            "Content-ID: <frame-1@mhtml.blink>",
            "Content-Transfer-Encoding: quoted-printable",
            "Content-Location: https://news.example/2026/11/tunnel",
            "",
            page_qp,
            "------MultipartBoundary--Ab3----",
            "Content-Type: text/html",
            "Content-Transfer-Encoding: quoted-printable",
            "Content-Location: https://ads.example/frame",
            "",
            "<html><body>An advert</body></html>",
            "------MultipartBoundary--Ab3----",
            "Content-Type: image/png",
            "Content-Transfer-Encoding: base64",
            "Content-Location: https://news.example/logo.png",
            "",
            "iVBORw0KGgo=",
            "------MultipartBoundary--Ab3------",
            "",
        ]
        .join("\r\n")
        .into_bytes()
    }

    #[test]
    fn chromiums_single_file_page_gives_its_html_its_address_and_utf8() {
        let qp = "<!DOCTYPE html><html><head><meta http-equiv=3D\"Content-Type\" content=3D\"t=\r\next/html; charset=3DUTF-8\"><title>Tunnel</title></head><body><p>Zo=C3=AB M=C3=\r\n=BCller said =E2=80=9Cno=E2=80=9D.</p></body></html>";
        let page = archived_page(&chromium(qp)).unwrap();
        let html = String::from_utf8(page.html.clone()).unwrap();
        assert!(html.starts_with("<!DOCTYPE html><html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\">"), "{html}");
        assert!(html.contains("<p>Zoë Müller said “no”.</p>"), "{html}");
        assert!(!html.contains("An advert"), "the frame is another part");
        assert_eq!(page.decoding, Decoding::Utf8);
        assert_eq!(
            page.location.as_deref(),
            Some("https://news.example/2026/11/tunnel")
        );
    }

    #[test]
    fn the_page_is_the_part_saved_from_the_archives_address() {
        // The frame first, the page second: the snapshot's address picks the page.
        let mut archive = String::from_utf8(chromium("<p>The page</p>")).unwrap();
        archive = archive.replacen(
            "\r\nContent-Location: https://news.example/2026/11/tunnel",
            "\r\nContent-Location: https://ads.example/first",
            1,
        );
        archive = archive.replacen(
            "\r\nContent-Location: https://ads.example/frame",
            "\r\nContent-Location: https://news.example/2026/11/tunnel",
            1,
        );
        let page = archived_page(archive.as_bytes()).unwrap();
        assert_eq!(page.html, b"<html><body>An advert</body></html>");
        // Without a snapshot address, the first HTML part; its own address is the page's.
        let archive = archive.replacen(
            "Snapshot-Content-Location: https://news.example/2026/11/tunnel\r\n",
            "",
            1,
        );
        let page = archived_page(archive.as_bytes()).unwrap();
        assert_eq!(page.html, b"<p>The page</p>");
        assert_eq!(page.location.as_deref(), Some("https://ads.example/first"));
    }

    #[test]
    fn a_base64_page_a_legacy_charset_and_lf_lines_are_read() {
        // "<p>Zoë</p>" in ISO-8859-1, base64, in a part that says so; LF line ends; the boundary
        // unquoted.
        let body = base64::engine::general_purpose::STANDARD.encode(b"<p>Zo\xEB</p>");
        let archive = format!(
            "MIME-Version: 1.0\nContent-Type: multipart/related; boundary=b0undary\n\n--b0undary\nContent-Type: text/html; charset=\"ISO-8859-1\"\nContent-Transfer-Encoding: base64\n\n{}\n{}\n--b0undary--\n",
            &body[..8],
            &body[8..]
        );
        let page = archived_page(archive.as_bytes()).unwrap();
        assert_eq!(page.html, b"<p>Zo\xEB</p>");
        assert_eq!(page.decoding, Decoding::Legacy("iso-8859-1".into()));
        assert_eq!(page.location, None);
    }

    #[test]
    fn a_single_part_archive_and_one_cut_short_are_read() {
        let single = b"Content-Type: text/html; charset=utf-8\r\nContent-Location: https://a.example/\r\n\r\n<p>One part</p>";
        let page = archived_page(single).unwrap();
        assert_eq!(page.html, b"<p>One part</p>");
        assert_eq!(page.location.as_deref(), Some("https://a.example/"));
        let cut = b"Content-Type: multipart/related; boundary=\"X\"\r\n\r\n--X\r\nContent-Type: text/html\r\n\r\n<p>Cut sho";
        assert_eq!(archived_page(cut).unwrap().html, b"<p>Cut sho");
    }

    #[test]
    fn what_holds_no_page_says_why() {
        assert!(archived_page(b"<html><p>A page saved as .mhtml by hand</p></html>").is_err());
        assert_eq!(
            archived_page(b"Content-Type: multipart/related; boundary=q\r\n\r\n--q\r\nContent-Type: image/png\r\n\r\nPNG\r\n--q--\r\n"),
            Err("holds no web page")
        );
        assert_eq!(
            archived_page(b"Content-Type: multipart/related\r\n\r\n--q\r\n"),
            Err("is not a web archive (no boundary)")
        );
        // A boundary is case-sensitive: "--Q" is not "--q".
        assert_eq!(
            archived_page(b"Content-Type: multipart/related; boundary=q\r\n\r\n--Q\r\nContent-Type: text/html\r\n\r\n<p>x</p>\r\n--Q--"),
            Err("holds no web page")
        );
        assert!(is_archive_name("Page.MHTML") && is_archive_name("a.mht"));
        // Known by its first bytes too (an archive renamed .html), and a page is not one.
        assert!(looks_like_archive(&chromium("<p>x</p>")));
        assert!(!looks_like_archive(
            b"<!doctype html><p>Content-Type: multipart/related</p>"
        ));
        assert!(!looks_like_archive(
            b"Content-Type: text/html\r\n\r\n<p>x</p>"
        ));
        assert!(!is_archive_name("a.html") && !is_archive_name("mhtml"));
    }

    proptest! {
        #[test]
        fn no_bytes_make_the_archive_reader_panic(
            pieces in proptest::collection::vec(
                prop_oneof![
                    Just(b"Content-Type: multipart/related; boundary=\"b\"\r\n".to_vec()),
                    Just(b"Content-Type: text/html; charset=gbk\r\n".to_vec()),
                    Just(b"Content-Transfer-Encoding: quoted-printable\r\n".to_vec()),
                    Just(b"Content-Transfer-Encoding: base64\r\n".to_vec()),
                    Just(b"--b\r\n".to_vec()),
                    Just(b"--b--\r\n".to_vec()),
                    Just(b"\r\n".to_vec()),
                    Just(b"=3D=\r\n=E2=8".to_vec()),
                    proptest::collection::vec(any::<u8>(), 0..8),
                ],
                0..30,
            ),
        ) {
            let bytes = pieces.concat();
            if let Ok(page) = archived_page(&bytes) {
                prop_assert!(page.html.len() <= bytes.len());
            }
        }
    }
}
