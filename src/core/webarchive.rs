//! The web page inside a Safari web archive (`.webarchive`).
//!
//! Safari's "Save As… › Web Archive" (its default) writes a binary property list
//! (`bplist00`): a dictionary whose `WebMainResource` holds the page's HTML as Safari last
//! had it (`WebResourceData`), its MIME type, its text encoding's name and its address, beside
//! the page's images and frames (`WebSubresources`, `WebSubframeArchives`), which are never
//! read. This module reads only that much of the format: the trailer, the offset table, and
//! the dictionaries, strings and data on the way to the main resource, every offset checked.
//!
//! Why not the `plist` crate: it reads XML property lists too and brings `quick-xml`,
//! `indexmap`, `time` and a second `base64` into the extractor worker, for the four fields of
//! one dictionary that a web archive needs.

use crate::core::charset;
use crate::core::mhtml::ArchivedPage;

/// Whether `name` is a Safari web archive's (`.webarchive`).
pub fn is_webarchive_name(name: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("webarchive"))
}

/// Whether `bytes` begin as a binary property list does.
pub fn looks_like_webarchive(bytes: &[u8]) -> bool {
    bytes.starts_with(b"bplist00")
}

/// The page in `bytes`, a Safari web archive; `Err` with the reason, for a sentence after the
/// file's name, when there is none.
pub fn archived_page(bytes: &[u8]) -> Result<ArchivedPage, &'static str> {
    const NOT: &str = "is not a web archive (it is not a binary property list)";
    let plist = Plist::new(bytes).ok_or(NOT)?;
    let top = plist.dict(plist.top).ok_or(NOT)?;
    let main = plist
        .lookup(&top, "WebMainResource")
        .and_then(|i| plist.dict(i))
        .ok_or("holds no web page")?;
    let field = |key: &str| plist.lookup(&main, key);
    let mime = field("WebResourceMIMEType")
        .and_then(|i| plist.string(i))
        .unwrap_or_default()
        .to_ascii_lowercase();
    if mime != "text/html" && mime != "application/xhtml+xml" {
        return Err("holds no web page");
    }
    let html = field("WebResourceData")
        .and_then(|i| plist.data(i))
        .ok_or("holds no web page")?
        .to_vec();
    let declared = field("WebResourceTextEncodingName").and_then(|i| plist.string(i));
    let location = field("WebResourceURL")
        .and_then(|i| plist.string(i))
        .filter(|u| !u.is_empty());
    let decoding = charset::declared_decoding(&html, declared.as_deref(), location.as_deref());
    Ok(ArchivedPage {
        html,
        decoding,
        location,
    })
}

/// A binary property list's trailer and offset table, over its bytes.
struct Plist<'a> {
    bytes: &'a [u8],
    offset_size: usize,
    ref_size: usize,
    objects: usize,
    top: usize,
    table: usize,
}

/// A dictionary: its (key, value) object indices.
type Dict = Vec<(usize, usize)>;

/// The most entries a dictionary read here may have (a web archive's have five or six).
const MAX_DICT: usize = 4096;

impl<'a> Plist<'a> {
    fn new(bytes: &'a [u8]) -> Option<Self> {
        if !bytes.starts_with(b"bplist00") || bytes.len() < 8 + 32 {
            return None;
        }
        let t = &bytes[bytes.len() - 32..];
        let be = |b: &[u8]| b.iter().fold(0u64, |n, &x| (n << 8) | u64::from(x));
        let p = Plist {
            bytes,
            offset_size: usize::from(t[6]),
            ref_size: usize::from(t[7]),
            objects: usize::try_from(be(&t[8..16])).ok()?,
            top: usize::try_from(be(&t[16..24])).ok()?,
            table: usize::try_from(be(&t[24..32])).ok()?,
        };
        let sizes_ok = (1..=8).contains(&p.offset_size) && (1..=8).contains(&p.ref_size);
        let table_end = p.objects.checked_mul(p.offset_size)?.checked_add(p.table)?;
        (sizes_ok && p.top < p.objects && table_end <= bytes.len() - 32).then_some(p)
    }

    fn uint(&self, at: usize, size: usize) -> Option<usize> {
        let b = self.bytes.get(at..at.checked_add(size)?)?;
        usize::try_from(b.iter().fold(0u64, |n, &x| (n << 8) | u64::from(x))).ok()
    }

    /// Where object `index` starts.
    fn offset(&self, index: usize) -> Option<usize> {
        if index >= self.objects {
            return None;
        }
        let at = self.table + index * self.offset_size;
        self.uint(at, self.offset_size)
            .filter(|&o| o >= 8 && o < self.bytes.len())
    }

    /// Object `index`'s marker's type (high nibble), its length, and where its content starts.
    fn header(&self, index: usize) -> Option<(u8, usize, usize)> {
        let at = self.offset(index)?;
        let marker = *self.bytes.get(at)?;
        let (kind, info) = (marker >> 4, usize::from(marker & 0x0F));
        if info != 0x0F {
            return Some((kind, info, at + 1));
        }
        // A length of 15 or more follows as an integer object.
        let int = *self.bytes.get(at + 1)?;
        if int >> 4 != 0x1 || int & 0x0F > 3 {
            return None;
        }
        let size = 1usize << (int & 0x0F);
        Some((kind, self.uint(at + 2, size)?, at + 2 + size))
    }

    fn dict(&self, index: usize) -> Option<Dict> {
        let (kind, n, start) = self.header(index)?;
        if kind != 0xD || n > MAX_DICT {
            return None;
        }
        (0..n)
            .map(|i| {
                let key = self.uint(start + i * self.ref_size, self.ref_size)?;
                let value = self.uint(start + (n + i) * self.ref_size, self.ref_size)?;
                Some((key, value))
            })
            .collect()
    }

    fn data(&self, index: usize) -> Option<&'a [u8]> {
        let (kind, n, start) = self.header(index)?;
        (kind == 0x4).then(|| self.bytes.get(start..start.checked_add(n)?))?
    }

    /// An ASCII (0x5) or UTF-16BE (0x6) string.
    fn string(&self, index: usize) -> Option<String> {
        let (kind, n, start) = self.header(index)?;
        match kind {
            0x5 => {
                let b = self.bytes.get(start..start.checked_add(n)?)?;
                Some(b.iter().map(|&c| c as char).collect())
            }
            0x6 => {
                let b = self
                    .bytes
                    .get(start..start.checked_add(n.checked_mul(2)?)?)?;
                let units: Vec<u16> = b
                    .chunks_exact(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                    .collect();
                Some(String::from_utf16_lossy(&units))
            }
            _ => None,
        }
    }

    /// The value of `key` in `dict`.
    fn lookup(&self, dict: &Dict, key: &str) -> Option<usize> {
        dict.iter()
            .find(|(k, _)| self.string(*k).as_deref() == Some(key))
            .map(|(_, v)| *v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::charset::Decoding;
    use proptest::prelude::*;

    /// A binary property list of `objects` (already encoded, each with its marker), the first
    /// the top object; one-byte references, two-byte offsets.
    fn bplist(objects: &[Vec<u8>]) -> Vec<u8> {
        let mut out = b"bplist00".to_vec();
        let mut offsets = Vec::new();
        for o in objects {
            offsets.push(out.len());
            out.extend(o);
        }
        let table = out.len();
        for o in &offsets {
            out.extend((*o as u16).to_be_bytes());
        }
        out.extend([0u8; 6]);
        out.extend([2u8, 1u8]);
        out.extend((objects.len() as u64).to_be_bytes());
        out.extend(0u64.to_be_bytes());
        out.extend((table as u64).to_be_bytes());
        out
    }

    fn ascii(s: &str) -> Vec<u8> {
        let mut o = if s.len() < 15 {
            vec![0x50 | s.len() as u8]
        } else {
            vec![0x5F, 0x10, s.len() as u8]
        };
        o.extend(s.as_bytes());
        o
    }

    fn utf16(s: &str) -> Vec<u8> {
        let units: Vec<u16> = s.encode_utf16().collect();
        let mut o = vec![0x6F, 0x10, units.len() as u8];
        for u in units {
            o.extend(u.to_be_bytes());
        }
        o
    }

    fn data(b: &[u8]) -> Vec<u8> {
        let mut o = vec![0x4F, 0x11];
        o.extend((b.len() as u16).to_be_bytes());
        o.extend(b);
        o
    }

    fn dict(pairs: &[(u8, u8)]) -> Vec<u8> {
        let mut o = vec![0xD0 | pairs.len() as u8];
        o.extend(pairs.iter().map(|p| p.0));
        o.extend(pairs.iter().map(|p| p.1));
        o
    }

    /// Safari's layout: { WebMainResource: { data, MIME type, encoding, URL }, WebSubresources }.
    fn safari(html: &[u8], mime: &str, encoding: &str) -> Vec<u8> {
        bplist(&[
            dict(&[(1, 3), (2, 12)]),
            ascii("WebMainResource"),
            ascii("WebSubresources"),
            dict(&[(4, 5), (6, 7), (8, 9), (10, 11)]),
            ascii("WebResourceData"),
            data(html),
            ascii("WebResourceMIMEType"),
            ascii(mime),
            ascii("WebResourceTextEncodingName"),
            ascii(encoding),
            ascii("WebResourceURL"),
            utf16("https://news.example/tunnel-kosten-Zürich"),
            vec![0xA0],
        ])
    }

    #[test]
    fn safaris_archive_gives_its_page_its_encoding_and_its_address() {
        let html = "<html><p>Zoë Müller said “no”.</p></html>".as_bytes();
        let page = archived_page(&safari(html, "text/html", "UTF-8")).unwrap();
        assert_eq!(page.html, html);
        assert_eq!(page.decoding, Decoding::Utf8);
        assert_eq!(
            page.location.as_deref(),
            Some("https://news.example/tunnel-kosten-Zürich")
        );
        let page = archived_page(&safari(b"<p>Zo\xEB</p>", "text/html", "ISO-8859-1")).unwrap();
        assert_eq!(page.decoding, Decoding::Legacy("iso-8859-1".into()));
        assert!(is_webarchive_name("Story.WebArchive") && !is_webarchive_name("a.mhtml"));
        assert!(looks_like_webarchive(&safari(b"x", "text/html", "UTF-8")));
    }

    #[test]
    fn an_archive_of_no_page_or_a_broken_one_says_why() {
        assert_eq!(
            archived_page(&safari(b"PNG", "image/png", "")),
            Err("holds no web page")
        );
        let not = Err("is not a web archive (it is not a binary property list)");
        assert_eq!(archived_page(b"<html></html>"), not);
        let mut broken = safari(b"<p>x</p>", "text/html", "UTF-8");
        // The offset table's place moved past the end.
        let n = broken.len();
        broken[n - 1] = 0xFF;
        assert_eq!(archived_page(&broken), not);
        // Cut short: the trailer is not where it should be.
        assert!(archived_page(&broken[..n / 2]).is_err());
    }

    proptest! {
        #[test]
        fn no_bytes_make_the_reader_panic(
            edits in proptest::collection::vec((0usize..400, any::<u8>()), 0..12),
            cut in 0usize..400,
        ) {
            let mut b = safari("<p>Zoë</p>".as_bytes(), "text/html", "UTF-8");
            for (at, v) in edits {
                let n = b.len();
                b[at % n] = v;
            }
            let n = b.len();
            let b = &b[..n - cut.min(n)];
            if let Ok(page) = archived_page(b) {
                prop_assert!(page.html.len() <= b.len());
            }
        }
    }
}
