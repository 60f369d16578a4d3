//! How a file's bytes become text: UTF-8, or the legacy encoding a page declares.
//!
//! A page saved from a browser keeps the bytes its server sent, and many sites still send
//! ISO-8859-1, windows-1252, Shift_JIS, EUC-KR, GBK or windows-1251 (27 of the 990 pages of
//! trafilatura's evaluation set are not UTF-8). Read as UTF-8, every "é", "ü" or kanji of such a
//! page became U+FFFD: names unreadable, quotes unfindable. The browser that showed the page
//! decoded it by the WHATWG Encoding Standard; this module decides the same way which decoder
//! to use, and the shell decodes with the browser's own `TextDecoder` (which knows every label
//! of that standard, at no cost to the bundle; natively, `encoding_rs` is the same standard).
//!
//! The rule, [`page_decoding`]:
//! 1. a byte order mark says UTF-8, UTF-16LE or UTF-16BE;
//! 2. bytes that are UTF-8 are UTF-8, whatever the page declares: a page stored as UTF-8 by a
//!    tool that kept its old `<meta charset>` is common, and the other way round (legacy text
//!    that happens to be valid UTF-8) is vanishingly rare outside ASCII, where both agree.
//!    "UTF-8" allows a few broken sequences ([`mostly_utf8`]): a UTF-8 page with a stray
//!    Latin-1 byte from a template, or a file cut in the middle of a character, is UTF-8 with
//!    a U+FFFD there, not every other letter garbled (4 of trafilatura's 990 pages are such,
//!    from 1 to 4 broken sequences among 75 to 499 good characters; its legacy pages have at
//!    most a few good sequences, fewer than their broken ones);
//! 3. otherwise the `<meta charset>` or `<meta http-equiv="Content-Type" content="…;
//!    charset=…">` of the page's first [`PRESCAN_BYTES`] bytes (a page that declares UTF-8 or
//!    UTF-16 but is not valid UTF-8 is read as UTF-8, broken sequences replaced, as browsers
//!    do);
//! 4. otherwise the encoding Firefox's detector (`chardetng`) guesses from the bytes, given
//!    the top-level domain of the page's address when it is known: a page saved with "HTML
//!    only" keeps its bytes but not the server's `Content-Type`, which is where many Japanese,
//!    Chinese, Korean and Cyrillic sites declare their encoding, and the browser that opened
//!    the saved file guessed too (Firefox with this detector, Chromium with its own). Its
//!    fallback for text it cannot tell is windows-1252, the standard's default for most of the
//!    world's locales (and what "ISO-8859-1" means on the web).

/// How far into a page its `<meta charset>` is looked for. The standard's prescan reads 1,024
/// bytes; pages with scripts and styles before their meta tags are common, and this is only
/// asked of pages that are not UTF-8, so the look goes further.
pub const PRESCAN_BYTES: usize = 64 * 1024;

/// How much of an undeclared page the detector reads: its guess is settled long before, and
/// it reads about 27 MB a second of Cyrillic text natively (2.3 MB in 88 ms, release build),
/// so a 20 MB page would cost the worker most of a second.
pub const DETECTOR_BYTES: usize = 4 * 1024 * 1024;

/// How to turn a file's bytes into text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoding {
    /// UTF-8 (a broken sequence becomes U+FFFD). A leading byte order mark is dropped.
    Utf8,
    /// The Encoding Standard's decoder for this label (lower case), e.g. `windows-1252`,
    /// `shift_jis`, `utf-16le`. A label the decoder does not know is read as UTF-8.
    Legacy(String),
}

/// The default for bytes that are neither UTF-8 nor declared.
pub const DEFAULT_LEGACY: &str = "windows-1252";

/// How to decode the bytes of an HTML page whose address is not known (see the module's rule).
pub fn page_decoding(bytes: &[u8]) -> Decoding {
    page_decoding_at(bytes, None)
}

/// How to decode the bytes of an HTML page saved from `address` (see the module's rule; the
/// address's top-level domain helps the detector, as `.jp` or `.ru` did the browser's).
pub fn page_decoding_at(bytes: &[u8], address: Option<&str>) -> Decoding {
    if let Some(d) = bom(bytes) {
        return d;
    }
    if mostly_utf8(bytes) {
        return Decoding::Utf8;
    }
    match meta_charset(&bytes[..bytes.len().min(PRESCAN_BYTES)]) {
        Some(label) if is_utf8_label(&label) || is_utf16_label(&label) => Decoding::Utf8,
        Some(label) if label == "x-user-defined" => Decoding::Legacy(DEFAULT_LEGACY.to_owned()),
        Some(label) => Decoding::Legacy(label),
        None => {
            let own = || page_address(&bytes[..bytes.len().min(PRESCAN_BYTES)]);
            guessed(bytes, address.map(str::to_owned).or_else(own).as_deref())
        }
    }
}

/// The address a page names for itself in its first bytes, for the detector's top-level
/// domain: a browser's "saved from url=" comment, else its canonical link, else its
/// `og:url`. Values are read as Latin-1 (an address's host is ASCII, or Punycode).
fn page_address(head: &[u8]) -> Option<String> {
    if let Some(url) = saved_from(head) {
        return Some(url.iter().map(|&c| c as char).collect());
    }
    let (mut canonical, mut og_url) = (None, None);
    let mut i = 0;
    while i < head.len() && canonical.is_none() {
        let rest = &head[i..];
        let tag = [&b"<link"[..], b"<meta"]
            .into_iter()
            .find(|t| rest.len() > 5 && rest[..5].eq_ignore_ascii_case(t));
        let Some(tag) = tag.filter(|_| rest[5].is_ascii_whitespace()) else {
            i += 1;
            continue;
        };
        let (attrs, used) = attributes(&rest[5..]);
        let get = |name: &str| attribute(&attrs, name).map(str::trim);
        if tag == b"<link" {
            let is_canonical = get("rel").is_some_and(|r| {
                r.split_ascii_whitespace()
                    .any(|t| t.eq_ignore_ascii_case("canonical"))
            });
            if is_canonical {
                canonical = get("href").map(str::to_owned);
            }
        } else if og_url.is_none()
            && get("property")
                .or_else(|| get("name"))
                .is_some_and(|p| p.eq_ignore_ascii_case("og:url"))
        {
            og_url = get("content").map(str::to_owned);
        }
        i += 5 + used;
    }
    canonical.or(og_url)
}

/// The detector's guess for bytes that are neither UTF-8 nor declared: never UTF-8 (the bytes
/// are not), never UTF-16 (no byte order mark), windows-1252 when nothing else fits.
fn guessed(bytes: &[u8], address: Option<&str>) -> Decoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let all = bytes.len() <= DETECTOR_BYTES;
    detector.feed(&bytes[..bytes.len().min(DETECTOR_BYTES)], all);
    let tld = address.and_then(top_level_domain);
    let encoding = detector.guess(
        tld.as_deref().map(str::as_bytes),
        chardetng::Utf8Detection::Deny,
    );
    if encoding.name().eq_ignore_ascii_case("utf-8") {
        Decoding::Utf8
    } else {
        Decoding::Legacy(encoding.name().to_ascii_lowercase())
    }
}

/// The last label of an address's host, lower case ASCII (`jp` of `https://www.asahi.com.jp/x`),
/// or `None` when it has none the detector can take (an IP address's last number is no domain,
/// and the detector wants no dot, upper case or non-ASCII byte).
fn top_level_domain(address: &str) -> Option<String> {
    let rest = address.split_once("://").map_or(address, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = host
        .split(':')
        .next()
        .unwrap_or_default()
        .trim_end_matches('.');
    let label = host
        .rsplit('.')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let plain = !label.is_empty()
        && label.len() <= 63
        && label
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !label.bytes().all(|b| b.is_ascii_digit());
    plain.then_some(label)
}

/// How to decode a page whose container names its encoding (a web archive's part, as a server's
/// `Content-Type` would): a byte order mark first, then that label (lower-cased; UTF-8's
/// labels as UTF-8), then the page's own rule ([`page_decoding`]) when there is none or it
/// is not a plain token.
pub fn declared_decoding(bytes: &[u8], declared: Option<&str>, address: Option<&str>) -> Decoding {
    if let Some(d) = bom(bytes) {
        return d;
    }
    match declared.map(|l| l.trim().to_ascii_lowercase()) {
        Some(label) if is_utf8_label(&label) => Decoding::Utf8,
        Some(label) if is_plain_label(&label) => Decoding::Legacy(label),
        _ => page_decoding_at(bytes, address),
    }
}

/// How to decode the bytes of a plain text file: a byte order mark, else UTF-8 when valid,
/// else what the detector guesses (a text file declares nothing; windows-1252 when it cannot
/// tell). The extractor worker reads text files, so the detector stays out of the page.
pub fn text_decoding(bytes: &[u8]) -> Decoding {
    if let Some(d) = bom(bytes) {
        return d;
    }
    if mostly_utf8(bytes) {
        Decoding::Utf8
    } else {
        guessed(bytes, None)
    }
}

/// How many good multibyte characters each broken sequence must come with for bytes that are
/// not all valid UTF-8 to be read as UTF-8.
pub const GOOD_PER_BROKEN: usize = 8;

/// Whether `bytes` are UTF-8: valid, or with at least [`GOOD_PER_BROKEN`] valid characters
/// outside ASCII for each broken sequence. Legacy text almost never forms valid multibyte
/// sequences (a lead byte must be followed by the right number of continuation bytes), so
/// even a few of them, outnumbering the broken ones, say UTF-8.
pub fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut broken) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(_) if broken == 0 => return true,
            Ok(valid) => {
                good += valid.bytes().filter(|b| *b >= 0xC0).count();
                return good >= GOOD_PER_BROKEN * broken;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                good += valid.iter().filter(|b| **b >= 0xC0).count();
                broken += 1;
                match e.error_len() {
                    Some(len) => rest = &after[len..],
                    // Cut short at the end.
                    None => return good >= GOOD_PER_BROKEN * broken,
                }
            }
        }
    }
}

/// UTF-8 text of `bytes` (for [`Decoding::Utf8`]): without a leading byte order mark, broken
/// sequences replaced by U+FFFD.
pub fn utf8_text(bytes: Vec<u8>) -> String {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

fn bom(bytes: &[u8]) -> Option<Decoding> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        Some(Decoding::Utf8)
    } else if bytes.starts_with(b"\xFF\xFE") {
        Some(Decoding::Legacy("utf-16le".to_owned()))
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some(Decoding::Legacy("utf-16be".to_owned()))
    } else {
        None
    }
}

/// Whether `label` (lower case) names UTF-8 in the Encoding Standard.
pub fn is_utf8_label(label: &str) -> bool {
    matches!(
        label,
        "unicode-1-1-utf-8"
            | "unicode11utf8"
            | "unicode20utf8"
            | "utf-8"
            | "utf8"
            | "x-unicode20utf8"
    )
}

fn is_utf16_label(label: &str) -> bool {
    matches!(
        label,
        "csunicode"
            | "iso-10646-ucs-2"
            | "ucs-2"
            | "unicode"
            | "unicodefeff"
            | "utf-16"
            | "utf-16le"
            | "unicodefffe"
            | "utf-16be"
    )
}

/// The encoding label a `<meta>` of `head` declares (the first that does), lower case; after
/// the Encoding Standard's prescan, simplified: comments are skipped, `charset` wins over
/// `http-equiv` + `content` in the same tag, the label is a plain token.
fn meta_charset(head: &[u8]) -> Option<String> {
    let mut i = 0;
    while i < head.len() {
        let rest = &head[i..];
        if rest.starts_with(b"<!--") {
            i += find(&rest[4..], b"-->").map_or(head.len(), |e| 4 + e + 3);
            continue;
        }
        if rest.len() > 6
            && rest[0] == b'<'
            && rest[1..5].eq_ignore_ascii_case(b"meta")
            && (rest[5].is_ascii_whitespace() || rest[5] == b'/')
        {
            let (attrs, used) = attributes(&rest[5..]);
            let get = |name: &str| attribute(&attrs, name);
            if let Some(label) = get("charset").and_then(label_of) {
                return Some(label);
            }
            let is_content_type =
                get("http-equiv").is_some_and(|v| v.trim().eq_ignore_ascii_case("content-type"));
            if is_content_type {
                if let Some(label) = get("content").and_then(charset_in_content) {
                    return Some(label);
                }
            }
            i += 5 + used;
            continue;
        }
        i += 1;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The address in the "saved from url=(NNNN)…" comment a browser writes at the top of a page
/// it saves (the length in parentheses optional), as it is written; `None` without one.
pub(crate) fn saved_from(head: &[u8]) -> Option<&[u8]> {
    let at = find(head, b"saved from url=")?;
    let rest = &head[at + b"saved from url=".len()..];
    let rest = match rest.strip_prefix(b"(") {
        Some(r) => &r[r.iter().position(|&c| c == b')')? + 1..],
        None => rest,
    };
    let start = rest.iter().position(|c| !c.is_ascii_whitespace())?;
    let rest = &rest[start..];
    let end = rest
        .iter()
        .position(|c| c.is_ascii_whitespace())
        .unwrap_or(rest.len());
    let url = &rest[..end];
    Some(url.strip_suffix(b"-->").unwrap_or(url))
}

/// The value of the attribute `name` (any case) among `attrs`.
fn attribute<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// The attributes of a tag whose name has been read, up to its `>`; and how many bytes that
/// took. Values are decoded as Latin-1 (a label is ASCII).
fn attributes(tag: &[u8]) -> (Vec<(String, String)>, usize) {
    let mut out = Vec::new();
    let mut i = 0;
    let text = |b: &[u8]| b.iter().map(|&c| c as char).collect::<String>();
    while i < tag.len() && out.len() < 32 {
        while i < tag.len() && (tag[i].is_ascii_whitespace() || tag[i] == b'/') {
            i += 1;
        }
        if i >= tag.len() || tag[i] == b'>' {
            return (out, (i + 1).min(tag.len()));
        }
        let start = i;
        while i < tag.len()
            && !matches!(tag[i], b'=' | b'>' | b'/')
            && !tag[i].is_ascii_whitespace()
        {
            i += 1;
        }
        let name = text(&tag[start..i]);
        while i < tag.len() && tag[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < tag.len() && tag[i] == b'=' {
            i += 1;
            while i < tag.len() && tag[i].is_ascii_whitespace() {
                i += 1;
            }
            let value = if i < tag.len() && (tag[i] == b'"' || tag[i] == b'\'') {
                let quote = tag[i];
                let from = i + 1;
                let len = tag[from..]
                    .iter()
                    .position(|&c| c == quote)
                    .unwrap_or(tag.len() - from);
                i = (from + len + 1).min(tag.len());
                text(&tag[from..from + len])
            } else {
                let from = i;
                while i < tag.len() && tag[i] != b'>' && !tag[i].is_ascii_whitespace() {
                    i += 1;
                }
                text(&tag[from..i])
            };
            out.push((name, value));
        } else {
            out.push((name, String::new()));
        }
    }
    (out, i)
}

/// `charset=…` in a `content` attribute ("text/html; charset=Shift_JIS").
fn charset_in_content(content: &str) -> Option<String> {
    let lower = content.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = lower[at + "charset".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_ascii_whitespace())
        .unwrap_or(rest.len());
    label_of(&rest[..end])
}

/// A label as the standard compares them: trimmed, lower case; only a plain token is one.
fn label_of(raw: &str) -> Option<String> {
    let label = raw.trim().to_ascii_lowercase();
    is_plain_label(&label).then_some(label)
}

/// Whether `label` is a plain token (letters, digits, `-_.:`; 1 to 40 of them): what a
/// decoder is ever asked for.
pub fn is_plain_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= 40
        && label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn legacy(label: &str) -> Decoding {
        Decoding::Legacy(label.to_owned())
    }

    #[test]
    fn valid_utf8_is_utf8_whatever_the_page_declares() {
        let page = "<html><head><meta charset=\"iso-8859-1\"><title>Zoë Müller</title>";
        assert_eq!(page_decoding(page.as_bytes()), Decoding::Utf8);
        assert_eq!(page_decoding(b"plain ascii, no meta"), Decoding::Utf8);
        assert_eq!(page_decoding(b""), Decoding::Utf8);
    }

    #[test]
    fn a_legacy_page_is_decoded_as_its_meta_declares() {
        // "Zoë" in ISO-8859-1: 0xEB is not UTF-8.
        let page = b"<html><head><meta charset=\"ISO-8859-1\"><title>Zo\xEB</title>";
        assert_eq!(page_decoding(page), legacy("iso-8859-1"));
        let page =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">\x83\x65";
        assert_eq!(page_decoding(page), legacy("shift_jis"));
        let page = b"<META HTTP-EQUIV=content-type CONTENT='text/html;charset=euc-kr'>\xC7\xD1";
        assert_eq!(page_decoding(page), legacy("euc-kr"));
        // Unquoted, after a self-closing slash, among other attributes.
        let page = b"<meta name=x charset=windows-1251 />\xCF\xF0";
        assert_eq!(page_decoding(page), legacy("windows-1251"));
    }

    #[test]
    fn a_meta_is_found_after_scripts_and_comments_but_not_inside_a_comment() {
        let mut page = b"<html><head><!-- <meta charset=\"koi8-r\"> -->".to_vec();
        page.extend(std::iter::repeat_n(b' ', 5_000));
        page.extend(b"<script>var a = 1;</script><meta charset=gbk><title>\xD6\xD0</title>");
        assert_eq!(page_decoding(&page), legacy("gbk"));
    }

    #[test]
    fn undeclared_legacy_bytes_are_windows_1252_and_a_declared_utf8_stays_utf8() {
        assert_eq!(page_decoding(b"<p>caf\xE9</p>"), legacy("windows-1252"));
        // Declared UTF-8 (or UTF-16, which a meta cannot truly mean) but broken: UTF-8, as
        // browsers read it, the broken bytes replaced.
        assert_eq!(
            page_decoding(b"<meta charset=utf-8><p>caf\xE9</p>"),
            Decoding::Utf8
        );
        assert_eq!(
            page_decoding(b"<meta charset=utf-16><p>caf\xE9</p>"),
            Decoding::Utf8
        );
        assert_eq!(
            page_decoding(b"<meta charset=x-user-defined>\xE9"),
            legacy("windows-1252")
        );
        // A label that is not a plain token is no label.
        assert_eq!(
            page_decoding(b"<meta charset=\"a b<c\">\xE9"),
            legacy("windows-1252")
        );
        // A meta past the prescan is not read.
        let mut page = vec![b' '; PRESCAN_BYTES];
        page.extend(b"<meta charset=koi8-r>\xE9");
        assert_eq!(page_decoding(&page), legacy("windows-1252"));
    }

    #[test]
    fn utf8_with_a_few_broken_sequences_is_utf8_and_legacy_text_is_not() {
        let story = "Çavuşoğlu said the rate fell to 4½ % — “a record”, he added. ".repeat(2);
        // A stray Latin-1 byte in a UTF-8 page, and a file cut inside its last character.
        let mut stray = b"<p>caf\xE9</p>".to_vec();
        stray.extend(story.as_bytes());
        let mut cut = story.as_bytes().to_vec();
        cut.extend(&"€".as_bytes()[..2]);
        for bytes in [&stray, &cut] {
            assert!(mostly_utf8(bytes));
            assert_eq!(page_decoding(bytes), Decoding::Utf8);
            assert_eq!(text_decoding(bytes), Decoding::Utf8);
        }
        // A UTF-8 page declaring a legacy encoding, one byte broken: still UTF-8.
        let mut declared = b"<meta charset=iso-8859-1>".to_vec();
        declared.extend(&stray);
        assert_eq!(page_decoding(&declared), Decoding::Utf8);
        // Too few good characters for the broken ones: legacy.
        let mut few = "Zoë and Zoë said ".as_bytes().to_vec();
        few.extend(b"\xE9 \xE9 caf\xE9");
        assert!(!mostly_utf8(&few));
        assert_eq!(page_decoding(&few), legacy("windows-1252"));
        for (label, text) in [
            (
                "windows-1252",
                "Le ministre a déclaré que le budget augmenterait de dix pour cent.",
            ),
            (
                "windows-1251",
                "Министр финансов заявил, что бюджет вырастет на десять процентов.",
            ),
            (
                "shift_jis",
                "知事は記者会見で「教育への支出を二割増やす」と述べた。",
            ),
            ("gbk", "市长在记者会上表示，地铁票价明年不会上涨。"),
        ] {
            assert!(!mostly_utf8(&encoded(label, text)), "{label}");
        }
    }

    #[test]
    fn a_byte_order_mark_decides_first() {
        assert_eq!(
            page_decoding(b"\xEF\xBB\xBF<meta charset=latin1>caf\xC3\xA9"),
            Decoding::Utf8
        );
        assert_eq!(page_decoding(b"\xFF\xFE<\x00p\x00"), legacy("utf-16le"));
        assert_eq!(page_decoding(b"\xFE\xFF\x00<\x00p"), legacy("utf-16be"));
        assert_eq!(text_decoding(b"\xFF\xFEa\x00"), legacy("utf-16le"));
        assert_eq!(utf8_text(b"\xEF\xBB\xBFcaf\xC3\xA9".to_vec()), "café");
        assert_eq!(utf8_text(b"caf\xE9!".to_vec()), "caf\u{FFFD}!");
    }

    #[test]
    fn a_containers_label_comes_after_a_byte_order_mark_and_before_the_page() {
        let latin = b"<meta charset=utf-8><p>Zo\xEB</p>";
        assert_eq!(
            declared_decoding(latin, Some(" ISO-8859-1"), None),
            legacy("iso-8859-1")
        );
        assert_eq!(
            declared_decoding("Zoë".as_bytes(), Some("UTF8"), None),
            Decoding::Utf8
        );
        assert_eq!(
            declared_decoding(b"\xEF\xBB\xBFx", Some("gbk"), None),
            Decoding::Utf8
        );
        // None, or not a token: the page's own rule (here its meta, UTF-8, broken bytes kept;
        // or, with no meta, the detector, told the archive's address).
        assert_eq!(declared_decoding(latin, None, None), Decoding::Utf8);
        let cyrillic = encoded(
            "windows-1251",
            "Министр финансов заявил, что бюджет вырастет на десять процентов.",
        );
        assert_eq!(
            declared_decoding(&cyrillic, None, Some("https://news.example.ru/a")),
            legacy("windows-1251")
        );
        assert_eq!(
            declared_decoding(b"caf\xE9", Some("a b"), None),
            legacy("windows-1252")
        );
    }

    /// The tests' own sentences, encoded as a site would have sent them.
    fn encoded(label: &str, text: &str) -> Vec<u8> {
        let encoding = encoding_rs::Encoding::for_label(label.as_bytes()).expect("a label");
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{label} cannot encode the sentence");
        bytes.into_owned()
    }

    #[test]
    fn an_undeclared_legacy_page_is_read_in_the_encoding_its_bytes_show() {
        let pages = [
            (
                "shift_jis",
                "東京都の新しい予算案について、知事は記者会見で「教育への支出を二割増やす」と述べた。\
                 野党の議員は、この数字が昨年の決算と合わないと指摘している。",
            ),
            (
                "euc-jp",
                "東京都の新しい予算案について、知事は記者会見で「教育への支出を二割増やす」と述べた。\
                 野党の議員は、この数字が昨年の決算と合わないと指摘している。",
            ),
            (
                "gbk",
                "市政府昨天公布了新的交通计划，市长在记者会上表示，地铁票价明年不会上涨。\
                 反对派议员认为，这个数字与去年的预算不符。",
            ),
            (
                "big5",
                "市政府昨天公布了新的交通計畫，市長在記者會上表示，捷運票價明年不會上漲。\
                 反對派議員認為，這個數字與去年的預算不符。",
            ),
            (
                "euc-kr",
                "서울시는 어제 새로운 교통 계획을 발표했다. 시장은 기자회견에서 \
                 지하철 요금이 내년에 오르지 않을 것이라고 말했다. 야당 의원들은 이 숫자가 \
                 작년 예산과 맞지 않는다고 지적했다.",
            ),
            (
                "windows-1251",
                "Министр финансов заявил журналистам, что бюджет региона вырастет на десять \
                 процентов. Депутаты оппозиции считают, что эти цифры не совпадают с отчётом \
                 прошлого года.",
            ),
            (
                "windows-1253",
                "Ο υπουργός οικονομικών δήλωσε στους δημοσιογράφους ότι ο προϋπολογισμός της \
                 περιφέρειας θα αυξηθεί κατά δέκα τοις εκατό. Οι βουλευτές της αντιπολίτευσης \
                 λένε ότι οι αριθμοί δεν συμφωνούν με την έκθεση του περασμένου έτους.",
            ),
            (
                "windows-1252",
                "Le ministre a déclaré aux journalistes que le budget de la région augmenterait \
                 de dix pour cent. Les élus de l'opposition répondent que ces chiffres ne \
                 correspondent pas au rapport de l'année dernière.",
            ),
        ];
        for (label, text) in pages {
            let mut page = b"<html><head><title>x</title></head><body><p>".to_vec();
            page.extend(encoded(label, text));
            page.extend(b"</p></body></html>");
            assert_eq!(page_decoding(&page), legacy(label), "{text}");
            // The archive's address is a hint, not a decision: the bytes still win.
            assert_eq!(
                page_decoding_at(&page, Some("https://news.example.co.uk/a")),
                legacy(label)
            );
        }
    }

    #[test]
    fn a_page_names_its_own_address_for_the_detector() {
        let cases: [(&[u8], Option<&str>); 6] = [
            (
                b"<!-- saved from url=(0034)https://news-site.example.ru/a-1-->\n<html>",
                Some("https://news-site.example.ru/a-1"),
            ),
            (
                b"<head><meta property=og:url content='https://x.example.jp/'>\
                  <LINK REL=\"alternate canonical\" HREF=\"https://www.example.co.kr/n\">",
                Some("https://www.example.co.kr/n"),
            ),
            (
                b"<meta name=\"og:url\" content=\" https://x.example.ua/ \">",
                Some("https://x.example.ua/"),
            ),
            (b"<link rel=stylesheet href=/a.css><linkage>", None),
            (b"<link", None),
            (b"<!-- saved from url=(0031", None),
        ];
        for (head, address) in cases {
            assert_eq!(page_address(head).as_deref(), address, "{head:?}");
        }
        // It reaches the detector only as a top-level domain (an odd one is none).
        let mut page = b"<link rel=canonical href=\"https://example.\xCF\xF0/\">".to_vec();
        page.extend(encoded(
            "windows-1251",
            "Министр финансов заявил, что бюджет вырастет на десять процентов.",
        ));
        assert_eq!(page_decoding(&page), legacy("windows-1251"));
    }

    #[test]
    fn the_addresss_top_level_domain_is_a_plain_lower_case_label_or_nothing() {
        let cases = [
            ("https://www.Asahi.COM.JP/articles/1?x=y.ru", Some("jp")),
            ("http://user:pw@news.example.ru:8080/", Some("ru")),
            ("https://example.xn--p1ai/", Some("xn--p1ai")),
            ("https://example.org./a", Some("org")),
            ("example.de", Some("de")),
            ("http://192.168.0.1/page", None),
            ("https://[::1]/", None),
            ("https://пример.рф/", None),
            ("", None),
            ("file:///C:/saved.html", None),
        ];
        for (address, tld) in cases {
            assert_eq!(top_level_domain(address).as_deref(), tld, "{address}");
        }
        // And the detector takes any of them without panicking.
        for (address, _) in cases {
            let _ = page_decoding_at(b"caf\xE9 \xFF\xFE", Some(address));
        }
    }

    #[test]
    fn a_text_file_is_utf8_when_valid_else_in_the_encoding_its_bytes_show() {
        assert_eq!(text_decoding("Zoë".as_bytes()), Decoding::Utf8);
        // A text file declares nothing: a meta in it is text.
        assert_eq!(
            text_decoding(b"Zo\xEB <meta charset=gbk>"),
            legacy("windows-1252")
        );
        let latin = encoded(
            "windows-1252",
            "Zoë Müller said the tunnel would cost €2.4 billion.",
        );
        assert_eq!(text_decoding(&latin), legacy("windows-1252"));
        let cyrillic = encoded(
            "windows-1251",
            "Министр финансов заявил журналистам, что бюджет вырастет на десять процентов.",
        );
        assert_eq!(text_decoding(&cyrillic), legacy("windows-1251"));
        let japanese = encoded(
            "shift_jis",
            "知事は記者会見で「教育への支出を二割増やす」と述べた。",
        );
        assert_eq!(text_decoding(&japanese), legacy("shift_jis"));
    }

    #[test]
    fn no_bytes_make_the_prescan_panic() {
        for page in [
            &b"<meta"[..],
            b"<meta ",
            b"<meta charset=",
            b"<meta charset=\"",
            b"<meta http-equiv=content-type content=\"charset",
            b"<meta http-equiv=content-type content=charset=",
            b"<!--",
            b"<!-- <meta charset=gbk",
            b"<meta a=b c d='e' \xFF\xFE>\xE9",
            b"<link rel=canonical href=",
            b"<link rel=canonical href=\"https://\xFF.\xE9\xE9/\">\xE9",
            b"<!-- saved from url=(",
            b"<!-- saved from url=(0009)",
            b"<!-- saved from url=\xE9.\xC0\xFF\xE9",
        ] {
            let _ = page_decoding(page);
            let _ = meta_charset(page);
            let _ = page_address(page);
        }
    }

    proptest! {
        #[test]
        fn any_bytes_get_a_decoding_and_a_label_is_a_plain_token(
            head in proptest::collection::vec(
                prop_oneof![
                    Just(b"<meta ".to_vec()),
                    Just(b"charset=".to_vec()),
                    Just(b"http-equiv=content-type content=".to_vec()),
                    Just(b"<!--".to_vec()),
                    Just(b"<link rel=canonical href=https://a.".to_vec()),
                    Just(b"saved from url=(0009)".to_vec()),
                    Just(b"-->".to_vec()),
                    Just(b"\"".to_vec()),
                    Just(b">".to_vec()),
                    proptest::collection::vec(any::<u8>(), 0..6),
                ],
                0..24,
            ),
        ) {
            let bytes: Vec<u8> = head.concat();
            match page_decoding(&bytes) {
                Decoding::Utf8 => {}
                Decoding::Legacy(label) => prop_assert!(
                    !label.is_empty() && label.len() <= 40 && label.bytes().all(|b| {
                        b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.:".contains(&b)
                    }),
                    "{label:?}"
                ),
            }
            let _ = text_decoding(&bytes);
            let _ = utf8_text(bytes);
        }
    }
}
