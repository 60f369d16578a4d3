use super::*;
use proptest::prelude::*;

/// Checks the text extracted from `html`.
fn check(html: &str, expect: &str) {
    assert_eq!(html_to_text(html).text, expect, "input: {html:?}");
}

fn title(html: &str) -> Option<String> {
    html_to_text(html).title
}

#[test]
fn paragraphs_and_breaks_become_lines() {
    check("<p>One</p><p>Two</p>", "One\nTwo");
    check("a<br>b<br/>c</br>d", "a\nb\nc\nd");
    check(
        "<div>x<div>y</div>z</div><ul><li>1</li><li>2</li></ul>",
        "x\ny\nz\n1\n2",
    );
    check(
        "<h2>Head</h2><blockquote>Quoted</blockquote><section>S</section>",
        "Head\nQuoted\nS",
    );
    check("<p>  lots \n of\t\tspace  </p>", "lots of space");
    check(
        "<p>in<b>line</b> <i>tags</i> stay <span>on</span>one line</p>",
        "inline tags stay onone line",
    );
    check("<p></p><p>   </p><p>&nbsp;</p><p>x</p>", "x");
}

#[test]
fn entities_are_decoded_and_nbsp_is_kept() {
    check(
        "<p>Tom &amp; Jerry&nbsp;said &#8220;hi&#8221; &#x1F600; &lt;b&gt; &eacute;</p>",
        "Tom & Jerry\u{a0}said “hi” 😀 <b> é",
    );
    // NBSP is not collapsed with neighbouring spaces inside a line.
    check("<p>Çavuşoğlu&nbsp; stated</p>", "Çavuşoğlu\u{a0} stated");
    check("<p>a&#0;b</p>", "a\u{fffd}b");
}

#[test]
fn hostile_html_yields_only_text() {
    check("<p>Hi<script>alert(1)</script> there</p>", "Hi there");
    check("<p>a<img src=x onerror=alert(1)>b</p>", "ab");
    check(r#"<a href="javascript:alert(1)">text</a>"#, "text");
    check("<style>p { color: red }</style><p>x</p>", "x");
    check("<p>a<!-- <script>alert(1)</script> -->b</p>", "ab");
    // Outside SVG, `<![CDATA[` opens a bogus comment that ends at the first `>`.
    check("<p>a<![CDATA[x<y]]>b</p>", "ab");
    check("<svg><![CDATA[<script>alert(1)</script>]]></svg>b", "b");
    // So here the comment eats the `<script>` tag, and a browser shows the rest as text.
    check("a<![CDATA[<script>alert(1)</script>]]>b", "aalert(1)]]>b");
    check(
        "<svg><script>alert(1)</script><text>drawn</text></svg><p>after</p>",
        "after",
    );
    check("<svg/><p>after</p>", "after");
    check("<math><mi>x</mi></math>y", "y");
    check(
        "<iframe src=x>fallback</iframe><object>o</object><noscript>n</noscript>z",
        "z",
    );
    check("<template><p>t</p></template>shown", "shown");
    check("<script>document.write('</p>')</script >ok", "ok");
    check("<SCRIPT>alert(1)</SCRIPT>ok", "ok");
    check("<script>never closed <p>text", "");
    check(
        "<textarea><script>alert(1)</script></textarea>after",
        "after",
    );
}

#[test]
fn unclosed_and_nested_tables() {
    check(
        "<table><tr><td>a</td><td><table><tr><td>inner</td></tr></table></td></tr><tr><td>b",
        "a\ninner\nb",
    );
    check("<p>unclosed <b>bold <i>italic", "unclosed bold italic");
    check("<p>a<p>b<div>c", "a\nb\nc");
    check("<p title=\"unterminated>text", "");
    check("text < 3 and a<b", "text < 3 and a");
}

#[test]
fn pre_keeps_its_line_breaks() {
    check(
        "<pre>line 1\n  line 2\n\nline 3</pre>after",
        "line 1\nline 2\nline 3\nafter",
    );
}

#[test]
fn head_is_dropped_and_title_suggested() {
    let html = "<!DOCTYPE html><html><head><meta charset=utf-8><title> The\n  Title &amp; more </title>\
                <style>x{}</style><link rel=x></head><body><h1>Heading</h1><p>Body</p></body></html>";
    assert_eq!(
        html_to_text(html),
        Extracted {
            title: Some("The Title & more".into()),
            text: "Heading\nBody".into(),
        }
    );
    // Without a title, the first h1; `</head>` may be left out.
    assert_eq!(
        html_to_text("<head><meta x><h1>First <em>one</em></h1><h1>Second</h1>text"),
        Extracted {
            title: Some("First one".into()),
            text: "First one\nSecond\ntext".into(),
        }
    );
    assert_eq!(title("<p>no heading</p>"), None);
    assert_eq!(title("<title>  </title>"), None);
    // A title inside SVG is a drawing's, not the page's.
    assert_eq!(title("<svg><title>icon</title></svg><p>x</p>"), None);
    // Text in an unclosed head starts the body, as in a browser.
    check("<head>visible", "visible");
    let long = "word ".repeat(60);
    let t = title(&format!("<title>{long}</title>")).unwrap();
    assert_eq!(t.chars().count(), MAX_TITLE_CHARS);
    assert!(t.ends_with("word…") || t.ends_with('…'));
}

#[test]
fn clipboard_html_from_a_word_processor() {
    let html = "<html><body>\r\n<!--StartFragment--><p class=MsoNormal>First&nbsp;para<o:p></o:p></p>\r\n\
                <p class=MsoNormal><span style='mso-x'>Second</span> para</p><!--EndFragment-->\r\n</body></html>";
    check(html, "First\u{a0}para\nSecond para");
}

#[test]
fn huge_nesting_does_not_overflow() {
    let n = 100_000;
    let html = format!(
        "{}deep{}",
        "<div><span>".repeat(n),
        "</span></div>".repeat(n)
    );
    check(&html, "deep");
    let svg = format!("{}x", "<svg>".repeat(n));
    check(&svg, "");
    let unclosed = format!("{}end", "<b>".repeat(n));
    check(&unclosed, "end");
}

#[test]
fn title_from_text_is_the_first_line() {
    assert_eq!(
        suggest_title_from_text("\n  \n  First line  \nsecond"),
        Some("First line".into())
    );
    assert_eq!(suggest_title_from_text("\n \n"), None);
    let long = "é".repeat(300);
    let t = suggest_title_from_text(&long).unwrap();
    assert_eq!(t.chars().count(), MAX_TITLE_CHARS);
    assert!(t.ends_with('…'));
}

#[test]
fn markdown_loses_only_heading_markers() {
    let md = "# The Title #\r\n\r\nSome *emphasis* and [a link](http://x.y).\n## Section\n#hashtag\n    # code\n# C#\n";
    assert_eq!(
        markdown_to_text(md),
        Extracted {
            title: Some("The Title".into()),
            text: "The Title\n\nSome *emphasis* and [a link](http://x.y).\nSection\n#hashtag\n    # code\nC#\n"
                .into(),
        }
    );
    assert_eq!(markdown_to_text("plain\ntext").title, Some("plain".into()));
    assert_eq!(markdown_to_text("").title, None);
}

/// Pieces of HTML to combine at random, none of which can turn a script into visible text:
/// elements, comments, `<pre>`, entities, scripts closed and unclosed, a `javascript:` link,
/// and text of letters that cannot spell "alert" (no `a`, `e` or `l`).
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<p>".to_owned()),
        Just("</p>".to_owned()),
        Just("<div>".to_owned()),
        Just("<br>".to_owned()),
        Just("<b>".to_owned()),
        Just("</b>".to_owned()),
        Just("<table><tr><td>".to_owned()),
        Just("<svg>".to_owned()),
        Just("</svg>".to_owned()),
        Just("<!--".to_owned()),
        Just("-->".to_owned()),
        Just("<a href=\"javascript:alert(1)\">".to_owned()),
        Just("<style>".to_owned()),
        Just("</style>".to_owned()),
        Just("<template>".to_owned()),
        Just("<head>".to_owned()),
        Just("<title>".to_owned()),
        Just("</title>".to_owned()),
        Just("<pre>".to_owned()),
        Just("&nbsp;".to_owned()),
        Just("&amp;".to_owned()),
        Just("<script>alert(1)</script>".to_owned()),
        Just("<script type=module>alert(1)".to_owned()),
        Just("<script>/*</script>".to_owned()),
        "[m-z ]{0,8}",
    ]
}

/// The pieces of [`fragment`] and two that make a browser show a script's words as text
/// without any script element: a `<![CDATA[` outside SVG (a bogus comment that ends at the
/// first `>`, eating the `<script>` tag, see `hostile_html_yields_only_text`) and an attribute
/// left open by a `"` (the `<script` becomes an attribute name, see
/// `an_open_attribute_eats_a_script_tag`).
fn hostile_fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => fragment(),
        1 => Just("<![CDATA[".to_owned()),
        1 => Just("]]>".to_owned()),
        1 => Just("<a title=\"".to_owned()),
        1 => Just("\">".to_owned()),
    ]
}

#[test]
fn an_open_attribute_eats_a_script_tag() {
    // As in a browser: after `title="<a title="` the `<script` is an attribute name, the tag
    // ends at its `>`, and "alert(1)" is plain text; no script element exists.
    let out = html_to_text("<a title=\"<a title=\"<script>alert(1)</script>");
    assert_eq!(out.text, "alert(1)");
}

proptest! {
    #[test]
    fn arbitrary_input_never_panics(s in any::<String>()) {
        let out = html_to_text(&s);
        // The output is canonical: no carriage returns, no empty or untrimmed lines.
        prop_assert!(!out.text.contains('\r'));
        for line in out.text.split('\n') {
            prop_assert!(!line.is_empty() || out.text.is_empty());
            prop_assert_eq!(line, line.trim());
        }
        let _ = markdown_to_text(&s);
        let _ = suggest_title_from_text(&s);
    }

    /// No script's content is ever text: checked on every case, since no piece can make a
    /// browser show it.
    #[test]
    fn script_content_never_reaches_the_text(parts in proptest::collection::vec(fragment(), 0..30)) {
        let html = parts.concat();
        let out = html_to_text(&html);
        prop_assert!(!out.text.contains("alert"), "{:?} gave {:?}", html, out.text);
        prop_assert!(!out.text.to_lowercase().contains("<script"), "{:?} gave {:?}", html, out.text);
    }

    /// With the pieces that turn a script's words into text, as in a browser, no script tag is
    /// ever text either.
    #[test]
    fn no_script_tag_reaches_the_text(parts in proptest::collection::vec(hostile_fragment(), 0..30)) {
        let html = parts.concat();
        let out = html_to_text(&html);
        prop_assert!(!out.text.to_lowercase().contains("<script"), "{:?} gave {:?}", html, out.text);
    }
}
