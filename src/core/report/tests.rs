use super::*;
use crate::core::model::{Anchoring, Kind};
use crate::core::text::Capture;
use uuid::Uuid;

fn url(s: &str) -> HttpUrl {
    HttpUrl::parse(s).unwrap()
}

fn article() -> Article {
    let mut a = Article::new(
        Uuid::from_u128(1),
        "Çavuşoğlu <b>meets</b> Tillerson",
        Some("https://news.example/story?id=1".into()),
        "Alpha claim one. Beta claim two. Gamma quote three. Delta claim four. Epsilon five.",
    );
    a.published = Some("2026-11-02".into());
    a.captured = Some(Capture {
        at: Timestamp::parse_rfc3339("2026-11-30T10:00:00Z").unwrap(),
        from: None,
        sha256: String::new(),
    });
    a
}

fn ann(n: u128, kind: Kind, text: &str, needle: &str) -> Annotation {
    let start = text.find(needle).unwrap();
    let s = text[..start].chars().count();
    let e = s + needle.chars().count();
    Annotation::new(
        Uuid::from_u128(n),
        Uuid::from_u128(1),
        kind,
        text,
        s,
        e,
        Timestamp(0),
    )
}

fn annotations(a: &Article) -> Vec<Annotation> {
    let t = &a.text;
    let mut c1 = ann(10, Kind::Claim, t, "Delta claim four.");
    let mut c2 = ann(11, Kind::Claim, t, "Alpha claim one.");
    let mut c3 = ann(12, Kind::Claim, t, "Beta claim two.");
    let c4 = ann(13, Kind::Claim, t, "Epsilon five.");
    let mut q = ann(14, Kind::Quote, t, "Gamma quote three.");
    for (c, v) in [
        (&mut c1, Verdict::False),
        (&mut c2, Verdict::True),
        (&mut c3, Verdict::False),
    ] {
        if let Body::Claim(f) = &mut c.body {
            f.verdict = v;
            f.claimant = "Ayşe <script>".into();
            f.evidence = vec![url("https://www.stats.example/table?a=1&b=2")];
        }
    }
    c3.note = "<img src=x onerror=alert(1)>".into();
    c3.anchoring = Anchoring::Orphan;
    if let Body::Quote(f) = &mut q.body {
        f.speaker = "Tillerson".into();
        f.checked = true;
    }
    let mut other = ann(15, Kind::Claim, t, "Alpha claim one.");
    other.article_id = Uuid::from_u128(2);
    vec![c1, c2, c3, c4, q, other]
}

#[test]
fn claims_are_grouped_by_verdict_false_first_in_text_order_orphans_last() {
    let a = article();
    let anns = annotations(&a);
    let r = article_report(&a, &anns);
    let order: Vec<(Verdict, Vec<u128>)> = r
        .groups
        .iter()
        .map(|g| (g.verdict, g.claims.iter().map(|c| c.id.as_u128()).collect()))
        .collect();
    assert_eq!(
        order,
        vec![
            (Verdict::False, vec![10, 12]),
            (Verdict::True, vec![11]),
            (Verdict::Unverified, vec![13]),
        ]
    );
    assert!(!r.groups[0].claims[1].attached);
    assert_eq!(r.quotes.len(), 1);
    assert_eq!(r.quotes[0].speaker, "Tillerson");
    assert_eq!(r.counts.claims, 4, "another article's claim is not counted");
    assert_eq!(r.counts.checked_claims, 3);
    assert_eq!(
        r.counts.summary(),
        "4 claims (2 False, 1 True, 1 Unverified), 1 quote (1 checked)"
    );
    assert_eq!(
        r.source.as_ref().map(|u| u.as_str()),
        Some("https://news.example/story?id=1")
    );
    assert_eq!(r.published.as_deref(), Some("2026-11-02"));
    assert_eq!(r.captured.as_deref(), Some("2026-11-30"));
}

#[test]
fn the_verdict_order_is_the_issue_s_and_covers_every_verdict() {
    let labels: Vec<&str> = VERDICT_ORDER.iter().map(|v| v.label()).collect();
    assert_eq!(
        labels,
        vec![
            "False",
            "Misleading",
            "Mostly false",
            "Half true",
            "Mostly true",
            "True",
            "Unproven",
            "Unverified"
        ]
    );
    for v in Verdict::ALL {
        assert!(VERDICT_ORDER.contains(&v));
    }
}

#[test]
fn the_html_file_is_escaped_self_contained_and_script_free() {
    let a = article();
    let anns = annotations(&a);
    let html = to_html(&article_report(&a, &anns), "Doğruluk & Co", Timestamp(0));
    assert!(html.starts_with("<!doctype html>"));
    assert!(
        html.contains("Çavuşoğlu &lt;b&gt;meets&lt;&#x2F;b&gt; Tillerson"),
        "{html}"
    );
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("Ayşe &lt;script&gt;"));
    assert!(html.contains("Doğruluk &amp; Co"));
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "no script element");
    assert!(!lower.contains("<img"), "no markup from the notes");
    assert!(!lower.contains("src=\"http"), "no external resource");
    assert!(!lower.contains("<link"), "no stylesheet link");
    assert!(lower.contains("default-src 'none'"));
    // Links only to http(s) URLs, written escaped; their host is the link's text.
    assert!(html.contains(
        "<a href=\"https:&#x2F;&#x2F;www.stats.example&#x2F;table?a=1&amp;b=2\" rel=\"noopener noreferrer\">stats.example</a>"
    ), "{html}");
    // Groups in order, with their counts.
    let f = html.find("False (2)").unwrap();
    let t = html.find("True (1)").unwrap();
    let u = html.find("Unverified (1)").unwrap();
    let q = html.find("Quotes (1)").unwrap();
    assert!(f < t && t < u && u < q);
    assert!(html.contains("no longer found in the article"));
    assert!(html.contains("break-inside:avoid"));
    assert!(html.contains("attr(href)"));
}

#[test]
fn an_article_without_annotations_still_has_a_report() {
    let a = Article::new(
        Uuid::from_u128(3),
        "Empty",
        Some("javascript:alert(1)".into()),
        "Text.",
    );
    let r = article_report(&a, &[]);
    assert!(r.groups.is_empty() && r.quotes.is_empty());
    assert_eq!(r.source, None, "only http(s) links");
    assert_eq!(r.counts.summary(), "No claims, no quotes");
    let html = to_html(&r, "", Timestamp(0));
    assert!(!html.contains("javascript:"));
}

#[test]
fn the_library_report_has_checked_claims_by_article_in_title_order() {
    let a = article();
    let mut b = Article::new(
        Uuid::from_u128(2),
        "Another article",
        None,
        "Alpha claim one.",
    );
    b.text = "Alpha claim one.".into();
    let c = Article::new(Uuid::from_u128(4), "Nothing checked", None, "Zeta.");
    let mut anns = annotations(&a);
    if let Body::Claim(f) = &mut anns[5].body {
        f.verdict = Verdict::Misleading;
    }
    let mut unchecked = ann(16, Kind::Claim, "Zeta.", "Zeta.");
    unchecked.article_id = c.id;
    anns.push(unchecked);
    let lib = Library {
        articles: vec![a, b, c],
        annotations: anns,
    };
    let r = library_report(&lib);
    let titles: Vec<&str> = r.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        vec!["Another article", "Çavuşoğlu <b>meets</b> Tillerson"]
    );
    assert_eq!(r.checked_claims, 4);
    assert!(r.articles[1].quotes.is_empty());
    assert!(r.articles[1].groups.iter().all(|g| g.verdict.is_set()));
    let html = library_to_html(&r, "", Timestamp(0));
    assert!(html.contains("4 claim(s) checked in 2 article(s)"));
    assert!(html.contains("Misleading (1)"));
}

#[test]
fn link_text_is_the_host() {
    assert_eq!(
        link_text(&url("https://www.example.org/a/b?c#d")),
        "example.org"
    );
    assert_eq!(
        link_text(&url("http://user@host.example:8080/x")),
        "host.example:8080"
    );
}

#[test]
fn a_byline_with_its_own_label_is_not_labelled_twice() {
    assert_eq!(byline_line("Mária Øberg"), "By Mária Øberg");
    assert_eq!(byline_line("By Mária Øberg"), "By Mária Øberg");
    assert_eq!(byline_line("by Jane Doe"), "by Jane Doe");
    assert_eq!(byline_line("Von Jane Doe"), "Von Jane Doe");
    assert_eq!(byline_line("Written by Jane Doe"), "Written by Jane Doe");
    assert_eq!(byline_line("Byron Doe"), "By Byron Doe");
    // In the report's file.
    let mut a = article();
    a.byline = Some("By Jane Doe".into());
    let html = to_html(&article_report(&a, &[]), "", Timestamp(0));
    assert!(html.contains("By Jane Doe"), "{html}");
    assert!(!html.contains("By By"), "{html}");
}
