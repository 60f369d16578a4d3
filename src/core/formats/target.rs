//! Which article imported W3C annotations belong to.

use crate::core::library::Library;
use uuid::Uuid;

/// The library article that a W3C document's targets point at: the first `source` (or plain
/// string `target`) equal to an article's source URL or to `urn:uuid:<article id>`.
pub fn w3c_target_article(input: &str, library: &Library) -> Option<Uuid> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>, depth: usize) {
        if depth > 64 || out.len() > 1000 {
            return;
        }
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    match (k.as_str(), v) {
                        ("source" | "target", serde_json::Value::String(s)) => out.push(s.clone()),
                        _ => walk(v, out, depth + 1),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|i| walk(i, out, depth + 1)),
            _ => {}
        }
    }
    let doc: serde_json::Value = serde_json::from_str(input).ok()?;
    let mut sources = Vec::new();
    walk(&doc, &mut sources, 0);
    sources.iter().find_map(|s| {
        library.articles.iter().find_map(|a| {
            let by_urn = s
                .strip_prefix("urn:uuid:")
                .and_then(|u| Uuid::parse_str(u).ok())
                == Some(a.id);
            let by_url = a.source_url.as_deref().is_some_and(|u| u == s);
            (by_urn || by_url).then_some(a.id)
        })
    })
}

/// The article W3C annotations in `input` go to when the file is chosen: the library article
/// their targets name ([`w3c_target_article`]), else the `open` article when it is in the
/// library, else none (the user is then asked to choose).
pub fn import_target(input: &str, library: &Library, open: Option<Uuid>) -> Option<Uuid> {
    w3c_target_article(input, library).or_else(|| open.filter(|&id| library.article(id).is_some()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::text::Article;

    #[test]
    fn w3c_targets_pick_the_article_by_url_or_urn() {
        let mut a = Article::new(Uuid::from_u128(1), "A", None, "text");
        a.source_url = Some("https://news.example/a".into());
        let b = Article::new(Uuid::from_u128(2), "B", None, "text");
        let lib = Library {
            articles: vec![a, b],
            annotations: vec![],
        };
        let by_url = r#"{"type":"Annotation","target":{"source":"https://news.example/a"}}"#;
        assert_eq!(w3c_target_article(by_url, &lib), Some(Uuid::from_u128(1)));
        let by_urn = format!(
            r#"[{{"target":[{{"source":"urn:uuid:{}"}}]}}]"#,
            Uuid::from_u128(2)
        );
        assert_eq!(w3c_target_article(&by_urn, &lib), Some(Uuid::from_u128(2)));
        assert_eq!(
            w3c_target_article(r#"{"target":"https://elsewhere"}"#, &lib),
            None
        );
        assert_eq!(w3c_target_article("not json", &lib), None);
    }

    #[test]
    fn import_target_prefers_the_named_article_then_the_open_one() {
        let mut a = Article::new(Uuid::from_u128(1), "A", None, "text");
        a.source_url = Some("https://news.example/a".into());
        let b = Article::new(Uuid::from_u128(2), "B", None, "text");
        let lib = Library {
            articles: vec![a, b],
            annotations: vec![],
        };
        let named = r#"{"type":"Annotation","target":{"source":"https://news.example/a"}}"#;
        let unnamed = r#"{"type":"Annotation","target":{"source":"https://elsewhere"}}"#;
        let (one, two, gone) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(9));
        assert_eq!(import_target(named, &lib, Some(two)), Some(one));
        assert_eq!(import_target(unnamed, &lib, Some(two)), Some(two));
        // An open article that is not in the library (a sample never saved) is no target.
        assert_eq!(import_target(unnamed, &lib, Some(gone)), None);
        assert_eq!(import_target(unnamed, &lib, None), None);
    }
}
