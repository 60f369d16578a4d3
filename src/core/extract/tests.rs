use super::*;

const NEWS: &str = include_str!("../../../tests/fixtures/pages/news.html");
const NO_ARTICLE: &str = include_str!("../../../tests/fixtures/pages/no-article.html");

/// A paragraph of made-up news prose, long enough to count as the article's.
const BRIDGE_PARAGRAPH: &str = "The council voted on Tuesday to rebuild the old bridge over the \
     river, after years of debate about its cost and about the traffic it would bring to town.";
const PAGE_URL: &str = "https://ledger.example/2026/11/27/story.html?ref=home";

/// Asserts that none of `gone` is in `article`.
fn assert_dropped(article: &str, gone: &[&str]) {
    for g in gone {
        assert!(!article.contains(g), "{g:?} kept in {article:?}");
    }
}

#[test]
fn a_news_page_keeps_the_article_and_drops_what_surrounds_it() {
    let c = extract(NEWS, Some(PAGE_URL));
    assert!(c.found);
    let blocks: Vec<&str> = c.article.lines().collect();
    // Paragraphs, headings, the block quote and each list item are blocks of their own.
    assert!(blocks
        .iter()
        .any(|b| b.starts_with("The harbour tunnel will cost €2.4 billion")));
    assert!(blocks.contains(&"Delays on every section"));
    assert!(blocks.contains(&"The council accepted risks it had not measured, and it is the taxpayers who now carry them."));
    assert!(blocks.contains(&"monthly cost reports to the full council;"));
    assert!(c
        .article
        .contains("“We were told the geology was well understood,” said Jonas Lindqvist"));
    assert!(c.article.contains("😀"));
    for gone in [
        "Politics",
        "Accept all",
        "Share on Facebook",
        "Related stories",
        "Bridge repairs",
        "First! This is outrageous.",
        "All rights reserved",
        "SuperPhone",
        "Should the council hold a public inquiry?",
        "Not sure yet.",
        "Our transport correspondent",
        "window.tracker",
        "font-family",
        "Please turn on JavaScript",
    ] {
        assert!(!c.article.contains(gone), "{gone:?} kept in the article");
    }
    // The whole page's text keeps what the article drops (but never scripts or styles).
    assert!(c.whole.contains("Related stories") && c.whole.contains("We use cookies"));
    assert!(!c.whole.contains("window.tracker") && !c.whole.contains("font-family"));
}

#[test]
fn a_noscript_left_open_does_not_take_the_page_with_it() {
    // "<noscript><div>" with no "</div>": a browser, which runs scripts, reads the noscript's
    // content as one raw text and shows the page; read with scripting off, the "</noscript>"
    // is ignored and everything after it is inside the noscript, which no reader sees.
    let story = "<p>The harbour tunnel will cost twice the figure the council approved, according \
                 to an audit published on Thursday by the regional accounts office.</p>\
                 <p>Work on the northern approach is fourteen months behind schedule, and the \
                 southern shaft flooded twice, the report says.</p>";
    let page = format!(
        "<html><head><meta charset=utf-8>\
         <noscript><img src=\"https://pixel.example/tr\"></noscript>\
         <title>Harbour tunnel costs doubled</title>\
         <meta property=\"og:site_name\" content=\"The Coastal Ledger\"></head>\
         <body><noscript><div class=js-off>Turn on JavaScript to use this site.</noscript>\
         <main><article>{story}</article></main></body></html>"
    );
    let c = extract(&page, Some(PAGE_URL));
    assert!(c.found, "{c:?}");
    assert!(
        c.article.starts_with("The harbour tunnel will cost twice"),
        "{}",
        c.article
    );
    assert!(c.article.contains("southern shaft flooded twice"));
    for text in [&c.article, &c.whole] {
        assert!(!text.contains("Turn on JavaScript"), "{text}");
    }
    // What follows a tracking pixel's noscript in the head is read as well.
    assert_eq!(c.title.as_deref(), Some("Harbour tunnel costs doubled"));
    assert_eq!(c.site_name.as_deref(), Some("The Coastal Ledger"));
}

#[test]
fn a_post_its_scripts_draw_is_read_from_its_noscript_copy() {
    // A blog whose scripts draw the post keeps a copy of it in a <noscript> for readers without
    // scripts; the page as saved holds nothing else of it, only the blog's furniture.
    let post = "<h3 class=post-title>Safer downloads in the browser</h3>\
                <div class=post-body><p>Over the past year we have seen download threats become \
                more targeted, with campaigns that rotate their domains every few hours to \
                avoid the lists browsers check.</p><p>Starting this month, the browser checks \
                uncommon downloads in real time, and warns before a file from a site seen for \
                the first time is opened.</p><p>The check sends a hash of the file, never the \
                file itself, and it can be turned off in the security settings.</p></div>";
    let furniture = "<header><h1>Security Blog</h1><p>News and insights on security</p></header>\
                     <aside><h2>Labels</h2><ul><li><a href=/l/a>android</a></li>\
                     <li><a href=/l/b>browser</a></li><li><a href=/l/c>privacy</a></li></ul></aside>";
    let page = format!(
        "<html><head><title>Safer downloads in the browser</title></head><body>{furniture}\
         <div class=post><script type=text/template>{{{{post.body}}}}</script>\
         <noscript>{post}</noscript></div></body></html>"
    );
    let c = extract(&page, Some(PAGE_URL));
    assert!(c.found, "{c:?}");
    assert!(
        c.article
            .contains("Over the past year we have seen download threats"),
        "{}",
        c.article
    );
    assert!(c
        .article
        .contains("it can be turned off in the security settings."));
    assert!(!c.article.contains("android"), "{}", c.article);
    assert!(c.whole.contains("Starting this month"), "{}", c.whole);
    // A page that has its article gives its noscripts no second look, and a "turn on
    // JavaScript" banner alone is not read as one.
    let banner = "<noscript><p>This site works best with JavaScript turned on. Please turn it \
                  on in your browser's settings.</p></noscript>";
    let with_article = format!(
        "<html><body>{banner}<noscript>{post}</noscript><article><p>{}</p></article></body></html>",
        "The council approved the harbour tunnel budget on Tuesday after a long debate. ".repeat(6)
    );
    let c = extract(&with_article, Some(PAGE_URL));
    assert!(c.found && !c.article.contains("download threats"), "{c:?}");
    let only_banner = format!("<html><body>{furniture}{banner}</body></html>");
    let c = extract(&only_banner, Some(PAGE_URL));
    assert!(!c.found);
    assert!(!c.whole.contains("JavaScript"), "{}", c.whole);
}

#[test]
fn metadata_comes_from_meta_tags_open_graph_and_json_ld() {
    let c = extract(NEWS, Some(PAGE_URL));
    assert_eq!(
        c.title.as_deref(),
        Some("Harbour tunnel costs doubled, audit finds")
    );
    assert_eq!(c.byline.as_deref(), Some("Mária Øberg"));
    assert_eq!(c.published.as_deref(), Some("2026-11-27"));
    assert_eq!(c.site_name.as_deref(), Some("The Coastal Ledger"));
    // The relative canonical link, resolved against the page's URL.
    assert_eq!(
        c.url.as_deref(),
        Some("https://ledger.example/2026/11/harbour-tunnel-audit")
    );
}

#[test]
fn a_page_with_no_article_falls_back_to_its_whole_text() {
    let c = extract(NO_ARTICLE, Some("https://search.example/q"));
    assert!(!c.found);
    assert_eq!(c.article, c.whole);
    assert!(c.article.contains("Result two"));
    assert_eq!(c.title.as_deref(), Some("Search results"));
    // No canonical link: the page's own URL.
    assert_eq!(c.url.as_deref(), Some("https://search.example/q"));
}

#[test]
fn urls_that_are_not_http_are_never_kept() {
    let html = NEWS.replace(
        r#"<link rel="canonical" href="/2026/11/harbour-tunnel-audit">"#,
        r#"<link rel="canonical" href="javascript:alert(1)">"#,
    );
    let c = extract(&html, Some("javascript:alert(2)"));
    assert_eq!(c.url, None);
    let c = extract(&html, Some(PAGE_URL));
    assert_eq!(
        c.url.as_deref(),
        Some("https://ledger.example/2026/11/27/story.html?ref=home")
    );
}

#[test]
fn relative_links_resolve_against_the_page() {
    let base = Some("https://a.example/news/2026/story.html?x=1");
    assert_eq!(resolve("/p", base).as_deref(), Some("https://a.example/p"));
    assert_eq!(
        resolve("//b.example/q", base).as_deref(),
        Some("https://b.example/q")
    );
    assert_eq!(
        resolve("other.html", base).as_deref(),
        Some("https://a.example/news/2026/other.html")
    );
    assert_eq!(
        resolve("https://c.example/", base).as_deref(),
        Some("https://c.example/")
    );
    assert_eq!(resolve("data:text/html,x", None), None);
    assert_eq!(resolve("", base), None);
}

#[test]
fn dates_are_kept_only_when_real() {
    assert_eq!(
        iso_date("2026-11-27T08:30:00+01:00").as_deref(),
        Some("2026-11-27")
    );
    assert_eq!(iso_date(" 2024-02-29 ").as_deref(), Some("2024-02-29"));
    assert_eq!(iso_date("2023-02-29"), None);
    assert_eq!(iso_date("27 November 2026"), None);
    assert_eq!(iso_date("2026-1-27"), None);
    assert_eq!(iso_date("2026-11-2é"), None);
}

#[test]
fn hostile_and_broken_pages_give_text_never_a_panic() {
    for html in [
        "",
        "<",
        "<html><body><p>unclosed <b>bold <i>both</body>",
        "<svg><script>alert(1)</script></svg><p>after</p>",
        "<table><tr><td>cell<table><tr><td>inner",
        "\u{0}\u{feff}<p>\u{202e}reversed</p>",
        "<meta property='og:url' content='https://x.example/'><title>T</title>",
    ] {
        let c = extract(html, None);
        assert!(!c.whole.contains("alert(1)"));
    }
    // Nested ten thousand deep: no recursion on depth in the text walk.
    let deep = format!("{}text{}", "<div>".repeat(10_000), "</div>".repeat(10_000));
    assert!(extract(&deep, None).whole.contains("text"));
    // Just under the depth limit, Readability reads it (and does not overflow).
    let para = "<p>A sentence long enough to be read as part of an article, again and again.</p>";
    let nested = format!(
        "{}{}{}",
        "<div>".repeat(MAX_DEPTH - 4),
        para.repeat(5),
        "</div>".repeat(MAX_DEPTH - 4)
    );
    assert!(extract(&nested, None).found);
    // Too large: nothing read.
    let huge = "a".repeat(MAX_PAGE_BYTES + 1);
    assert_eq!(extract(&huge, None), PageCapture::default());
}

#[test]
fn a_pasted_fragment_is_read_as_a_page() {
    let c = extract(
        "<p>One short pasted paragraph.</p><p>And another.</p>",
        None,
    );
    assert!(!c.found, "too short to be taken for an article");
    assert_eq!(c.article, "One short pasted paragraph.\nAnd another.");
}

#[test]
fn post_filters_drop_captions_hidden_text_link_rows_and_gallery_repeats() {
    let para = BRIDGE_PARAGRAPH;
    let html = format!(
        "<html><body><article><h1>Bridge</h1><p>{para}</p>\
         <figure><img src=a.jpg><figcaption>The old bridge at dawn</figcaption></figure>\
         <p><span class=\"sr-only\">Image credit</span>{para}</p>\
         <p>Earlier: <a href=/x>Another story about bridges and rivers</a></p>\
         <p>Gallery</p><p>Gallery</p><p>Gallery</p><p>1</p><p>2</p><p>3</p>\
         <p>{para}</p></article></body></html>"
    );
    let plain = extract_with(&html, None, PostFilters::NONE);
    let filtered = extract_with(&html, None, PostFilters::ALL);
    // The default drops all but link-dense blocks ("Earlier: <a>…</a>" stays).
    let default = extract(&html, None);
    assert_eq!(default, extract_with(&html, None, PostFilters::DEFAULT));
    assert!(default.article.contains("Earlier: Another story"));
    assert!(
        !default.article.contains("Gallery") && !default.article.contains("old bridge at dawn")
    );
    assert_eq!(
        default.whole, plain.whole,
        "the whole page keeps what the filters drop"
    );
    for gone in [
        "old bridge at dawn",
        "Image credit",
        "Another story",
        "Gallery",
        "\n2\n",
    ] {
        assert!(
            plain.article.contains(gone),
            "{gone:?} in {:?}",
            plain.article
        );
        assert!(
            !filtered.article.contains(gone),
            "{gone:?} in {:?}",
            filtered.article
        );
    }
    assert_eq!(filtered.article.matches("The council voted").count(), 3);
}

#[test]
fn dates_come_from_meta_names_itemprop_words_and_the_address() {
    let page = |head: &str| format!("<html><head>{head}</head><body><p>x</p></body></html>");
    let date = |head: &str, url: Option<&str>| extract(&page(head), url).published;
    assert_eq!(
        date(r#"<meta name="publishdate" content="2023-11-17">"#, None).as_deref(),
        Some("2023-11-17")
    );
    assert_eq!(
        date(
            r#"<meta itemprop="datePublished" name="pubdate" content="2013-11-27T08:36:32Z">"#,
            None
        )
        .as_deref(),
        Some("2013-11-27")
    );
    assert_eq!(
        date(r#"<meta name="article_date_original" content="Saturday, December 27, 2014, 12:06 PM">"#, None).as_deref(),
        Some("2014-12-27")
    );
    assert_eq!(
        date(
            r#"<time itemprop="datePublished" datetime="2018/06/18">18 June</time>"#,
            None
        )
        .as_deref(),
        Some("2018-06-18")
    );
    // Open Graph's name written with a colon for its underscore.
    assert_eq!(
        date(
            r#"<meta property="article:published:time" content="2024-10-23T15:48:15+00:00">"#,
            None
        )
        .as_deref(),
        Some("2024-10-23")
    );
    // A modified date is not a publication date; nothing at all: the address.
    assert_eq!(
        date(r#"<meta name="lastmod" content="2013-11-28">"#, None),
        None
    );
    assert_eq!(
        date(
            "",
            Some("https://www.news.example/fortune/2023-11/17/c_1129981476.htm")
        )
        .as_deref(),
        Some("2023-11-17")
    );
    assert_eq!(
        url_date("http://a.example/2014/12/27/story.html").as_deref(),
        Some("2014-12-27")
    );
    assert_eq!(
        url_date("https://a.example/a/202311/17/WS6557.html").as_deref(),
        Some("2023-11-17")
    );
    assert_eq!(url_date("https://a.example/2014/13/40/x"), None);
    assert_eq!(url_date("https://a.example/item/123456/78"), None);
    assert_eq!(
        parse_date("27 November 2026").as_deref(),
        Some("2026-11-27")
    );
    assert_eq!(parse_date("Nov 5, 2024").as_deref(), Some("2024-11-05"));
    // As Java prints a date (`Date.toString()`), with or without the zone.
    assert_eq!(
        parse_date("Mon Aug 03 12:45:00 EDT 2015").as_deref(),
        Some("2015-08-03")
    );
    assert_eq!(
        parse_date("Fri Feb 18 10:27:24 2022").as_deref(),
        Some("2022-02-18")
    );
    // A day and a time with no year is not a date.
    assert_eq!(parse_date("Mon Aug 03 12:45:00 EDT"), None);
    assert_eq!(parse_date("February 30, 2024"), None);
    assert_eq!(parse_date("Monday"), None);
}

#[test]
fn a_blog_without_a_site_name_is_named_by_its_feed() {
    // WordPress names its feed after the site: the Site field, and the title without it.
    let page = |link: &str| {
        format!(
            "<html><head><title>Bridge of the year \u{2013} Ledger Notes</title>{link}</head>{}",
            article_with("").trim_start_matches("<html>")
        )
    };
    let c = extract(
        &page("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Ledger Notes &raquo; Feed\" href=\"/feed/\">"),
        None,
    );
    assert_eq!(c.site_name.as_deref(), Some("Ledger Notes"));
    assert_eq!(c.title.as_deref(), Some("Bridge of the year"));
    // Another feed's title names no site.
    let c = extract(
        &page("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"RSS 2.0\" href=\"/feed/\">"),
        None,
    );
    assert_eq!(c.site_name, None);
}

#[test]
fn a_title_loses_the_site_name_it_ends_with() {
    let t = |title: &str, site: Option<&str>, url: Option<&str>| without_site(title, site, url);
    let ledger_url = Some("https://ledger.example/2026/story.html");
    assert_eq!(
        t(
            "Gates on Tillerson and Russia: 'friends' | CNN Politics",
            Some("CNN"),
            None
        ),
        "Gates on Tillerson and Russia: 'friends'"
    );
    assert_eq!(
        t("Anticorrupción decidirá en Madrid si recurre » Local » Noticias » Ultima Hora Mallorca", None, Some("https://www.ultimahora.es/noticias/local/x.html")),
        "Anticorrupción decidirá en Madrid si recurre"
    );
    assert_eq!(
        t(
            "New court files expose a spy operation -- Sott.net",
            None,
            Some("https://www.sott.net/article/1")
        ),
        "New court files expose a spy operation"
    );
    // A headline whose own dash is not followed by the site keeps it; so does a short one.
    assert_eq!(
        t(
            "Harbour tunnel - the audit in full | Ledger",
            Some("The Coastal Ledger"),
            None
        ),
        "Harbour tunnel - the audit in full"
    );
    assert_eq!(
        t("Budget - a primer", Some("Budget"), None),
        "Budget - a primer"
    );
    assert_eq!(t("Çavuşoğlu speaks", None, None), "Çavuşoğlu speaks");
    // A Korean site's bar, the Hangul letter "ㅣ", and the section joined before it by a
    // hyphen (made-up headline); a hyphen of the headline's own stays.
    assert_eq!(
        t(
            "시의회, 항만 예산 표결 연기-정치ㅣ한빛일보",
            Some("한빛일보"),
            None
        ),
        "시의회, 항만 예산 표결 연기"
    );
    assert_eq!(
        t(
            "시의회, 항만 예산 표결 연기 ㅣ 한빛일보",
            Some("한빛일보"),
            None
        ),
        "시의회, 항만 예산 표결 연기"
    );
    assert_eq!(
        t(
            "코로나-19 이후 항만 예산 표결ㅣ한빛일보",
            Some("한빛일보"),
            None
        ),
        "코로나-19 이후 항만 예산 표결"
    );
    // An archive's note of the year, an "Opinion" label: not the headline's; a title that is
    // only such a note stays as it is.
    assert_eq!(
        t(
            "Ferry fares rise for the winter (Published 2016)",
            None,
            None
        ),
        "Ferry fares rise for the winter"
    );
    assert_eq!(
        t(
            "Opinion | Enough platitudes: let’s fix the bridge",
            None,
            None
        ),
        "Enough platitudes: let’s fix the bridge"
    );
    assert_eq!(t("Opinion | Bridges", None, None), "Opinion | Bridges");
    // The site's name first, and WordPress's "Blog Archive" after it; not a kicker, nor the
    // site's name with only that section.
    assert_eq!(
        t("Ledger | Ferry fares rise for the winter", None, ledger_url),
        "Ferry fares rise for the winter"
    );
    assert_eq!(
        t(
            "The Coastal Ledger » Blog Archive » Ferry fares rise for the winter",
            Some("The Coastal Ledger"),
            None
        ),
        "Ferry fares rise for the winter"
    );
    assert_eq!(
        t(
            "The Coastal Ledger » Blog Archive",
            Some("The Coastal Ledger"),
            None
        ),
        "The Coastal Ledger » Blog Archive"
    );
    assert_eq!(
        t("Ferries - Fares rise for the winter", None, ledger_url),
        "Ferries - Fares rise for the winter"
    );
    assert_eq!(
        t("Bridge (Published 2016)", None, None),
        "Bridge (Published 2016)"
    );
    assert_eq!(
        t(
            "Ferry fares rise for the winter (Published in 2016)",
            None,
            None
        ),
        "Ferry fares rise for the winter (Published in 2016)"
    );
    // A full-width bar, and a colon when the site's name is all that follows it (as Japanese
    // sites write them); a kicker before a colon stays, as does a sentence that only starts
    // with the site's name.
    assert_eq!(
        t(
            "港の新しい橋が今日開通しました ｜ 湾岸ニュース Ledger",
            Some("湾岸ニュース Ledger"),
            None
        ),
        "港の新しい橋が今日開通しました"
    );
    assert_eq!(
        t(
            "港の新しい橋が今日開通した：湾岸ニュース",
            Some("湾岸ニュース"),
            None
        ),
        "港の新しい橋が今日開通した"
    );
    assert_eq!(
        t(
            "港の新しい橋が今日開通した:ledger開発日誌",
            None,
            ledger_url
        ),
        "港の新しい橋が今日開通した"
    );
    assert_eq!(
        t("Harbour: the audit in full", Some("Harbour"), None),
        "Harbour: the audit in full"
    );
    assert_eq!(
        t(
            "Fares day: Ledger readers tell us what they pay for the ferry",
            None,
            ledger_url
        ),
        "Fares day: Ledger readers tell us what they pay for the ferry"
    );
    assert_eq!(
        t(
            "Fares - the ferry's new prices, in full : ledger.example",
            None,
            ledger_url
        ),
        "Fares - the ferry's new prices, in full"
    );
    // The address as the site's name, however short; an umlaut spelled as the address does; a
    // date after the site's name.
    let ledger = Some("https://ledger.example/2026/story.html");
    assert_eq!(
        t(
            "Ferry fares rise in the spring - ledger.example",
            None,
            ledger
        ),
        "Ferry fares rise in the spring"
    );
    assert_eq!(
        t(
            "Steigende Zinsen setzen Dax zu | Börsen-Zeitung",
            None,
            Some("https://www.boersen-zeitung.de/x")
        ),
        "Steigende Zinsen setzen Dax zu"
    );
    assert_eq!(
        t(
            "Ferry fares rise in the spring | Ledger | 28.04.2026",
            Some("Ledger"),
            None
        ),
        "Ferry fares rise in the spring"
    );
    // The author after the site's name; " * " as the separator.
    assert_eq!(
        t(
            "Ferry fares rise in the spring | The Ledger | by Jane Doe",
            Some("The Ledger"),
            None
        ),
        "Ferry fares rise in the spring"
    );
    assert_eq!(
        t(
            "Ferry fares rise in the spring * The Ledger * by Jane Doe",
            Some("The Ledger"),
            None
        ),
        "Ferry fares rise in the spring"
    );
    // Not without the site's name before it.
    assert_eq!(
        t(
            "Ferry fares rise in the spring | by Jane Doe",
            Some("The Ledger"),
            None
        ),
        "Ferry fares rise in the spring | by Jane Doe"
    );
    assert_eq!(
        t(
            "Ferry fares rise in the spring | 28.04.2026",
            Some("Ledger"),
            None
        ),
        "Ferry fares rise in the spring | 28.04.2026"
    );
    // Two words are a title when they are twelve characters (a quote), and so is a title in
    // a script written without spaces; a short one keeps the site's name.
    assert_eq!(
        t(
            "„Kein Kommentar“ - Die Neue Zeitung",
            None,
            Some("https://www.zeitung.example/x")
        ),
        "„Kein Kommentar“"
    );
    assert_eq!(
        t(
            "港の新しい橋が完成、市長が式典で語る | 港湾新聞",
            Some("港湾新聞"),
            None
        ),
        "港の新しい橋が完成、市長が式典で語る"
    );
    assert_eq!(
        t("Ja, nein - Zeitung", None, Some("https://zeitung.example/")),
        "Ja, nein - Zeitung"
    );
}

/// An article of five paragraphs, with `extra` inside the `<article>` after the second.
fn article_with(extra: &str) -> String {
    let para = BRIDGE_PARAGRAPH;
    format!(
        "<html><body><article><h1>Bridge</h1><p>{para}</p><p>{para}</p>{extra}\
         <p>{para}</p><p>{para}</p><p>{para}</p></article></body></html>"
    )
}

/// A page whose headline has `line` under it, then [`article_with`]'s article.
fn under_headline(line: &str) -> String {
    format!(
        "<html><body><h1>Bridge</h1>{line}{}",
        article_with("").trim_start_matches("<html><body>")
    )
}

/// Asserts that the five paragraphs of [`article_with`] are all in `article`.
/// `text` holds `needle` (the whole text is printed when it does not).
fn assert_has(text: &str, needle: &str) {
    assert!(text.contains(needle), "{needle:?} missing from {text:?}");
}

/// `text` does not hold `needle`.
fn assert_lacks(text: &str, needle: &str) {
    assert!(!text.contains(needle), "{needle:?} kept in {text:?}");
}

fn assert_five_paragraphs_kept(article: &str) {
    assert_eq!(
        article.matches("The council voted").count(),
        5,
        "{article:?}"
    );
}

#[test]
fn widgets_named_by_their_class_or_id_are_dropped_when_small() {
    let html = article_with(
        "<div class=\"inline-newsletter\"><p>Morning Briefing</p><p>Everything you need \
         to know to start your day, in one email.</p></div>\
         <div id=\"related-stories\"><p>Ferry fares rise again next spring</p></div>\
         <div class=\"video-resource\"><p>Watch the vote</p><p>02:12</p></div>\
         <div class=\"product-card__affiliate\"><p>£205</p><p>Lakeland</p></div>\
         <div class=\"c-paywall\"><p>The vote was close, and the mayor cast the last one.</p></div>\
         <pre><code><span class=\"token comment\">// bridge.rs</span>\n\
         fn main() {}</code></pre>",
    );
    let c = extract(&html, None);
    for gone in [
        "Morning Briefing",
        "in one email",
        "Ferry fares",
        "Watch the vote",
        "02:12",
        "£205",
        "Lakeland",
    ] {
        assert!(!c.article.contains(gone), "{gone:?} kept");
        assert!(c.whole.contains(gone), "{gone:?} not in the whole page");
    }
    assert_five_paragraphs_kept(&c.article);
    // Not a phrase's class (a highlighter's comment), nor a paywall's: the paragraphs a site
    // hides from readers who have not paid are the article.
    assert!(c.article.contains("// bridge.rs"));
    assert!(c.article.contains("the mayor cast the last one"));
    let kept = extract_with(
        &html,
        None,
        PostFilters {
            widgets: false,
            ..PostFilters::DEFAULT
        },
    );
    assert!(kept.article.contains("Morning Briefing"));
}

#[test]
fn a_widget_class_on_the_article_itself_never_empties_it() {
    let para = "The council voted on Tuesday to rebuild the old bridge over the river.";
    let html = format!(
        "<html><body><div class=\"video-article\"><div class=\"story promo\">\
         <p>{para}</p><p>{para}</p><div class=\"share-row\"><p>Share on Mastodon</p></div>\
         <p>{para}</p><p>{para}</p></div></div></body></html>"
    );
    let c = extract(&html, None);
    assert!(c.found);
    assert_eq!(c.article.matches("The council voted").count(), 4);
    // A small widget inside the large one still goes.
    assert_lacks(&c.article, "Share on Mastodon");
}

#[test]
fn notices_worded_as_such_are_dropped() {
    let html = article_with(
        "<p>Advertisement</p>\
         <p>Read more: <a href=/x>Ferry fares rise again next spring</a></p>\
         <p>Sign up for our daily newsletter to get the news in your inbox.</p>\
         <p>Already a subscriber? Log in.</p>\
         <p>Council workers inspect the bridge. (Photo: Jane Doe)</p>\
         <p>© 2026 The Coastal Ledger. All rights reserved.</p>",
    );
    let c = extract(&html, None);
    assert_dropped(
        &c.article,
        &[
            "Advertisement",
            "Ferry fares",
            "daily newsletter",
            "Already a subscriber",
            "Jane Doe",
            "All rights reserved",
        ],
    );
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn an_ad_label_in_japanese_and_an_authors_archive_link_are_dropped() {
    let html = article_with(
        "<p>[PR]</p><p>広告</p><p>スポンサーリンク</p><p>View author archive</p>\
         <p>BACK TO SLIDE</p><p>The PR firm and the 広告 agency both sent staff to the vote.</p>",
    );
    let c = extract(&html, None);
    for line in [
        "[PR]",
        "広告",
        "スポンサーリンク",
        "View author archive",
        "BACK TO SLIDE",
    ] {
        assert!(
            !c.article.lines().any(|l| l == line),
            "{line}: {}",
            c.article
        );
    }
    assert_has(&c.article, "The PR firm and the 広告 agency");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn dates_come_from_time_elements_json_ld_graphs_and_saved_pages() {
    let page = |head: &str, body: &str| {
        format!("<html><head>{head}</head><body><p>x</p>{body}</body></html>")
    };
    let date = |head: &str, body: &str| extract(&page(head, body), None).published;
    // A `<time datetime>` marked as the publication, or the one inside the only article…
    assert_eq!(
        date("", r#"<time datetime="2026-11-20">20 Nov</time><time class="published" datetime="2026-11-27T08:00Z">27 Nov</time>"#).as_deref(),
        Some("2026-11-27")
    );
    assert_eq!(
        date("", r#"<header><time datetime="2026-12-01">Today</time></header><article><time datetime="2026-11-27">27 Nov</time></article>"#).as_deref(),
        Some("2026-11-27")
    );
    // …or the page's only date; two dates and no mark: none.
    assert_eq!(
        date("", r#"<time datetime="2026-11-27">27 Nov</time>"#).as_deref(),
        Some("2026-11-27")
    );
    assert_eq!(
        date(
            "",
            r#"<time datetime="2026-11-27">a</time><time datetime="2026-11-28">b</time>"#
        ),
        None
    );
    // JSON-LD in a `@graph`, the article's date before another object's.
    let graph = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
        {"@type":"WebSite","name":"Ledger","datePublished":"2001-01-01"},
        {"@type":["NewsArticle"],"headline":"Bridge","datePublished":"2026-11-27T08:00:00Z"}]}</script>"#;
    assert_eq!(date(graph, "").as_deref(), Some("2026-11-27"));
    // A list of objects, and ISO 8601's basic format.
    let list = r#"<script type="application/ld+json">[{"@type":"BreadcrumbList"},
        {"@type":"Article","datePublished":"20261127T083000+0900"}]</script>"#;
    assert_eq!(date(list, "").as_deref(), Some("2026-11-27"));
    // More meta names.
    assert_eq!(
        date(
            r#"<meta property="article:published" content="2026-11-27">"#,
            ""
        )
        .as_deref(),
        Some("2026-11-27")
    );
    // A page saved by a browser: the address in its comment gives the date (and the URL).
    let saved = format!(
        "<!-- saved from url=(0049)https://ledger.example/2026/11/27/bridge.html -->\n{}",
        page("", "")
    );
    let c = extract(&saved, None);
    assert_eq!(c.published.as_deref(), Some("2026-11-27"));
    assert_eq!(
        c.url.as_deref(),
        Some("https://ledger.example/2026/11/27/bridge.html")
    );
    assert_eq!(parse_date("20180619").as_deref(), Some("2018-06-19"));
    assert_eq!(parse_date("20181319"), None);
    assert_eq!(parse_date("2018061912"), None);
}

#[test]
fn a_date_printed_by_the_headline_is_taken_when_nothing_else_gives_one() {
    let date = |body: &str| {
        let html = format!(
            "<html><head><title>Ferry fares</title></head><body>{body}<p>x</p></body></html>"
        );
        extract(&html, None).published
    };
    let h1 = "<h1>Ferry fares rise in the spring</h1>";
    // In words, in the signs of Japanese, with dots (day first or year first), or in a
    // `datetime` on an element that is not a `<time>`.
    for (body, want) in [
        (
            r#"<div class="pub-date">March 9 2017 4:21 PM</div>"#,
            "2017-03-09",
        ),
        (
            r#"<p class="date">2019年04月21日 12時00分</p>"#,
            "2019-04-21",
        ),
        (
            r#"<span class="meta__date">19.07.2022</span>"#,
            "2022-07-19",
        ),
        (
            r#"<span id="posted">By Jane Doe, 2019.04.04</span>"#,
            "2019-04-04",
        ),
        (
            r#"<div class="byline__timestamp" datetime="2016-10-13 17:00:00 -0400">Oct 13</div>"#,
            "2016-10-13",
        ),
    ] {
        assert_eq!(
            date(&format!("{h1}<div>{body}</div>")).as_deref(),
            Some(want),
            "{body}"
        );
    }
    // A date with no class near the headline, when it is the element's whole text.
    for (body, want) in [
        (
            "<span class=\"story__info__item\"> December 14, 2016 </span>",
            "2016-12-14",
        ),
        ("<div>Published Dec 19, 2016</div>", "2016-12-19"),
    ] {
        assert_eq!(
            date(&format!("{h1}{body}")).as_deref(),
            Some(want),
            "{body}"
        );
    }
    // Not one in a table (an infobox's "Founded"), one in a sentence, one far below the
    // headline. (An update's only when nothing else dates the page:
    // `an_updates_stamp_or_the_last_modification_dates_a_page_that_gives_no_other_date`.)
    for body in [
        "<table><tr><td>Founded</td><td>February 28, 1998</td></tr></table>",
        "<p>The ferry ran on 17.01.2021.</p>",
    ] {
        assert_eq!(date(&format!("{h1}{body}")), None, "{body}");
    }
    assert_eq!(
        date(&format!(
            "{h1}{}<span>December 14, 2016</span>",
            "<p>Text.</p>".repeat(STAMP_AFTER_HEADLINE)
        )),
        None
    );
    // Not a date before the headline (a masthead's today), nor with no headline to go by…
    let march = r#"<div class="date">March 9 2017</div>"#;
    assert_eq!(date(&format!("{march}{h1}")), None);
    assert_eq!(date(march), None);
    // …nor a teaser's (in a link), a footer's, an update's (its class says so; one that
    // prints "Updated" dates a page nothing else dates), a comment's, today's, or one far
    // below the headline.
    for body in [
        r#"<a href="/other"><span class="date">24.04.2023</span> Other story</a>"#,
        r#"<footer><span class="date">24.04.2023</span></footer>"#,
        r#"<div class="updated-date">24.04.2023</div>"#,
        r#"<div class="comment-timestamp">24.04.2023</div>"#,
        r#"<div class="current-date">24.04.2023</div>"#,
        r#"<article class="post status-publish">24.04.2023 <b>Ferry</b></article>"#,
        // A date's class on a wrapper of more than a date's line.
        r#"<div class="post-date-wrapper"><p>The council met on 24.04.2023 and voted to rebuild the old bridge over the river.</p></div>"#,
    ] {
        assert_eq!(date(&format!("{h1}{body}")), None, "{body}");
    }
    let after = |elements: usize| {
        date(&format!(
            "{h1}{}<span class=\"date\">24.04.2023</span>",
            "<p>Text.</p>".repeat(elements)
        ))
    };
    assert_eq!(after(DATE_AFTER_HEADLINE), None);
    assert_eq!(
        after(DATE_AFTER_HEADLINE - 1).as_deref(),
        Some("2023-04-24")
    );
    // The page's metadata comes first.
    let html = format!(
        r#"<html><head><meta property="article:published_time" content="2017-03-08"></head><body>{h1}{march}<p>x</p></body></html>"#
    );
    assert_eq!(
        extract(&html, None).published.as_deref(),
        Some("2017-03-08")
    );
    // The formats on their own: real calendar dates only.
    assert_eq!(parse_date("2019년 4월 21일").as_deref(), Some("2019-04-21"));
    assert_eq!(
        parse_date("2019 年 4 月 2 日").as_deref(),
        Some("2019-04-02")
    );
    assert_eq!(parse_date("2019年13月21日"), None);
    assert_eq!(parse_date("12時00分"), None);
    assert_eq!(parse_date("5.5.2020, 07:11").as_deref(), Some("2020-05-05"));
    assert_eq!(
        parse_date("Stand 2019.04.21.").as_deref(),
        Some("2019-04-21")
    );
    assert_eq!(parse_date("31.02.2020"), None);
    assert_eq!(parse_date("version 1.2.3"), None);
    assert_eq!(parse_date("99999999999年1月1日"), None);
}

#[test]
fn a_related_label_and_the_links_after_it_are_dropped() {
    let html = article_with(
        "<h3>Related stories</h3>\
         <ul><li><a href=/a>Ferry fares rise again next spring</a></li>\
         <li><a href=/b>The tunnel audit in full</a></li></ul>\
         <p><strong>Read more</strong><br><a href=/c>Bridge tolls explained</a><br>\
         <a href=/d>Who pays for the river crossing</a></p>\
         <p>Related costs rose by a third, the audit found, and <a href=/e>the report</a> \
         says so.</p>",
    );
    let c = extract(&html, None);
    assert_dropped(
        &c.article,
        &[
            "Related stories",
            "Ferry fares",
            "tunnel audit in full",
            "Bridge tolls",
            "river crossing",
        ],
    );
    assert!(c.article.contains("Related costs rose by a third"));
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn related_labels_and_pointers_in_other_languages_are_dropped() {
    let html = article_with(
        "<p>Lea también: <a href=/a>Suben otra vez las tarifas del ferry</a></p>\
         <p>À lire aussi » <a href=/b>Le tunnel du port coûtera le double</a></p>\
         <h3>Auch interessant</h3>\
         <ul><li><a href=/c>Die Fähre wird wieder teurer</a></li>\
         <li><a href=/d>Der Tunnelbericht im Wortlaut</a></li></ul>\
         <p>Zum Weiterlesen</p>\
         <p>Lesen Sie auch, was der Rat im Mai über die Brücke beschlossen hat, bevor die \
         Kosten stiegen und die Arbeiten ruhten.</p>",
    );
    let c = extract(&html, None);
    assert_dropped(
        &c.article,
        &[
            "Lea también",
            "tarifas del ferry",
            "lire aussi",
            "tunnel du port",
            "Auch interessant",
            "Fähre",
            "Tunnelbericht",
            "Zum Weiterlesen",
        ],
    );
    // A sentence that only starts like a label is prose.
    assert!(c.article.contains("Lesen Sie auch, was der Rat im Mai"));
    assert_five_paragraphs_kept(&c.article);
    for no in [
        "Lea también el informe completo, que el ayuntamiento publicó el martes.",
        "Mehr zum Thema Brücken gibt es im Archiv der Zeitung, sagte sie.",
    ] {
        assert!(!boilerplate::is_notice(no), "{no}");
    }
}

#[test]
fn controls_counters_and_stamps_in_other_languages_are_dropped() {
    let html = article_with(
        "<p>Aktualisiert am 17.01.2026, 10:27 Uhr</p>\
         <p>Publicado el 4 de mayo de 2026</p>\
         <div><span>Visto 314 veces</span></div>\
         <p>Artikel teilen</p>\
         <div><strong>Fehler im Text?</strong><p>Markieren Sie ihn und drücken Sie \
         Strg+Enter.</p></div>\
         <h3>Kommentar verfassen</h3>\
         <p>Weiter ging es nach Süden, wo der Rat am Abend über die Fähre sprach und die \
         Gebühren für das nächste Jahr festlegte.</p>",
    );
    let c = extract(&html, None);
    assert_dropped(
        &c.article,
        &[
            "Aktualisiert",
            "Publicado",
            "Visto 314",
            "Artikel teilen",
            "Strg+Enter",
            "Kommentar verfassen",
        ],
    );
    assert!(c.article.contains("Weiter ging es nach Süden"));
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn paywall_requests_app_promotions_and_credit_lines_are_dropped() {
    let html = article_with(
        "<p><em>To view the full story, please subscribe to the Ledger.</em></p>\
         <p>For breaking news, download the Ledger apps for iOS and Android.</p>\
         <p>Photograph by Jane Doe, Harbour Trust</p>\
         <p>Never miss the latest news by signing up to our newsletter today!</p>\
         <p>The ferry operator said users downloaded its app forty thousand times in the \
         first week, far more than the council had expected.</p>",
    );
    let c = extract(&html, None);
    assert_dropped(
        &c.article,
        &["full story", "Ledger apps", "Photograph by", "Never miss"],
    );
    assert!(c
        .article
        .contains("users downloaded its app forty thousand times"));
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_story_highlights_box_is_dropped() {
    let html = article_with(
        "<div><strong>STORY HIGHLIGHTS</strong></div>\
         <ul><li>NEW: The council votes to rebuild the bridge</li>\
         <li>The tunnel will cost twice the first estimate</li></ul>\
         <h3>Highlights of the plan</h3>\
         <ul><li>A second lane for buses on the new span</li></ul>",
    );
    let c = extract(&html, None);
    assert_dropped(
        &c.article,
        &[
            "STORY HIGHLIGHTS",
            "NEW: The council votes",
            "twice the first estimate",
        ],
    );
    // A heading that only starts with the word is the story's own.
    assert!(c.article.contains("A second lane for buses"));
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_byline_at_either_end_of_the_article_is_dropped() {
    let para = BRIDGE_PARAGRAPH;
    let html = format!(
        "<html><body><article><p>By Mária Øberg and Jonas Lindqvist, Harbourtown</p>\
         <p>{para}</p><p>{para}</p><h2>By The Numbers</h2><p>{para}</p><p>By Tuesday, the \
         council had spent it all.</p><p>{para}</p><p>{para}</p>\
         <p>Von Jane Doe // 27. November 2026</p></article></body></html>"
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "Lindqvist");
    assert_lacks(&c.article, "Jane Doe");
    // A heading or a sentence that starts with "By" stays, and so does a byline-like line
    // in the middle of the article.
    assert!(c.article.contains("By The Numbers"));
    assert!(c
        .article
        .contains("By Tuesday, the council had spent it all."));
    assert_five_paragraphs_kept(&c.article);
    let middle = article_with("<p>By Jane Doe</p>");
    assert!(extract(&middle, None).article.contains("By Jane Doe"));
}

#[test]
fn a_box_about_the_author_is_dropped() {
    let html = article_with(
        "<div class=\"about-author\"><p>Jane Doe</p><p>Jane Doe covers the council and \
         its bridges for the Ledger.</p></div>\
         <section id=\"authorbox\"><p>John Roe writes about rivers.</p></section>",
    );
    let c = extract(&html, None);
    assert_dropped(&c.article, &["Jane Doe", "John Roe"]);
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn link_blocks_after_the_last_paragraph_are_dropped() {
    let para = BRIDGE_PARAGRAPH;
    let html = format!(
        "<html><body><article><p>{para}</p>\
         <ul><li><a href=https://rivers.example/m>A list of links inside the story stays</a></li></ul>\
         <p>{para}</p><p>{para}</p><p>{para}</p>\
         <ul><li><a href=/a>Ferry fares rise again next spring</a></li>\
         <li><a href=/b>The tunnel audit in full</a></li></ul>\
         <div><a href=/t>Bridges</a> <a href=/u>Council</a></div>\
         <ol><li>^ <a href=/r>Audit of the harbour tunnel, 2026</a></li></ol>\
         </article></body></html>"
    );
    let c = extract(&html, None);
    assert_dropped(
        &c.article,
        &["Ferry fares", "tunnel audit in full", "Bridges"],
    );
    // Links before the last paragraph stay, and so do notes (a numbered list).
    assert!(c.article.contains("A list of links inside the story stays"));
    assert!(c.article.contains("Audit of the harbour tunnel"));
    assert_eq!(c.article.matches("The council voted").count(), 4);
}

#[test]
fn a_consent_banner_is_never_taken_for_the_article() {
    // An article of links (a blogger's reading list) scores low with Readability; the cookie
    // banner's one paragraph must not win.
    let links: String = (0..12)
        .map(|i| format!("<li><a href=/l{i}>Ferry fares rise again, part {i}</a> via Ledger</li>"))
        .collect();
    let html = format!(
        "<html><body><div class=\"entry-content\"><ul>{links}</ul></div>\
         <div class=\"widget widget_eu_cookie_law_widget\"><form>Privacy &amp; cookies: this \
         site uses cookies. By continuing to use this website, you agree to their use. To find \
         out more, including how to control cookies, see here: Cookie Policy</form></div>\
         </body></html>"
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "this site uses cookies");
    assert!(c.article.contains("Ferry fares rise again, part 3"));
    // The whole page's text keeps it.
    assert!(c.whole.contains("this site uses cookies"));
}

#[test]
fn a_consent_managers_preference_centre_is_dropped_whatever_its_length() {
    // A preference centre has a paragraph for each kind of cookie: over the banner's 150
    // words, and more prose than a short story.
    let kind = "These cookies are necessary for the website to function and cannot be switched \
                off in our systems. They are usually only set in response to actions made by \
                you which amount to a request for services, such as setting your privacy \
                preferences, logging in or filling in forms.";
    let html = format!(
        "<html><body><article><h1>Ferries</h1><p>The council voted on Tuesday to rebuild the \
         old bridge over the river, after years of debate about its cost.</p><p>Work starts \
         in the spring, and the ferry runs until the bridge opens.</p></article>\
         <div id=\"onetrust-consent-sdk\"><div id=\"onetrust-pc-sdk\" class=\"ot-sdk-container\">\
         <h2>Privacy Preference Center</h2><p>{kind}</p><p>{kind}</p><p>{kind}</p><p>{kind}</p>\
         <p>{kind}</p><p>{kind}</p></div></div></body></html>"
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "These cookies are necessary");
    assert_has(&c.article, "The council voted on Tuesday");
}

#[test]
fn a_cookie_banners_sentences_without_a_class_are_dropped() {
    let html = article_with(
        "<div><p>This website uses cookies to improve your experience. By continuing to \
         browse the site, you agree to our use of cookies.</p></div>\
         <p>The council's website uses cookies to count visitors, the audit found.</p>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "This website uses cookies");
    assert_has(&c.article, "The council's website uses cookies");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_notice_with_no_break_spaces_is_dropped() {
    let html = article_with(
        "<p>Click&nbsp;<a href=\"/report\">here</a>&nbsp;to read the full report.</p>\
         <p>Sign&nbsp;up for our daily newsletter to get the news in your inbox.</p>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "to read the full report");
    assert_lacks(&c.article, "daily newsletter");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_widget_taken_for_the_article_is_taken_again_without_widgets() {
    // The story is a list of short items (a live blog), which Readability does not score;
    // the author's box has the only paragraphs on the page, so Readability takes it first.
    let entries: String = (0..10)
        .map(|i| {
            format!(
                "<li>At {i}:00 the ferry service resumed at the harbour, and the council \
                 said the tunnel works will pause for the weekend.</li>"
            )
        })
        .collect();
    let bio = "Jane Doe has covered the council, its budgets, its bridges, its tunnels and \
               its ferries for the Ledger since 2009, and before that wrote about rivers, \
               harbours, storms and floods for a weekly paper up the coast.";
    let html = format!(
        "<html><body><div class=\"live\"><ul>{entries}</ul></div>\
         <div class=\"author-description\"><p>{bio}</p><p>{bio}</p></div></body></html>"
    );
    let c = extract(&html, None);
    assert_has(&c.article, "At 3:00 the ferry service");
    assert_lacks(&c.article, "Jane Doe has covered");
}

#[test]
fn the_items_of_a_thread_named_like_comments_are_the_article() {
    // A live commentary whose entries are marked up as comments: each is small, together
    // they are the article.
    let entry = |i: usize| {
        format!(
            "<div class=\"comment\"><p>At {i}:00 the ferry service resumed at the harbour, \
             and the council said the tunnel works will pause for the weekend.</p></div>"
        )
    };
    let entries: String = (0..8).map(entry).collect();
    let html = format!(
        "<html><body><div class=\"comments-feed\">{entries}\
         <div class=\"share\"><p>Share this</p></div></div></body></html>"
    );
    let c = extract(&html, None);
    assert!(c.found);
    assert_eq!(c.article.matches("the ferry service resumed").count(), 8);
}

#[test]
fn the_post_filters_never_empty_what_readability_found() {
    // A story whose every paragraph sits in a small box named like a widget: the filters
    // would leave nothing, so Readability's article is kept as it is.
    let boxes: String = ["promo", "social", "related", "share", "video"]
        .iter()
        .map(|c| {
            format!(
                "<div class=\"{c}\"><p>The council voted on Tuesday to rebuild the old \
                 bridge over the river ({c}), after years of debate about its cost.</p></div>"
            )
        })
        .collect();
    let html = format!("<html><body><div class=\"story\">{boxes}</div></body></html>");
    let c = extract(&html, None);
    assert!(c.found, "{:?}", c.article);
    assert_eq!(c.article.matches("The council voted on Tuesday").count(), 5);
}

#[test]
fn a_form_taken_for_the_article_is_taken_again_without_forms() {
    // The story is a list of short items; the sign-up form under it has the only paragraphs
    // on the page (its privacy notice, longer than the story), so Readability takes it first.
    let entries: String = (0..6)
        .map(|i| {
            format!(
                "<li>At {i}:00 the ferry service resumed at the harbour, and the council \
                 said the tunnel works will pause.</li>"
            )
        })
        .collect();
    let notice = "I agree that the Ledger may send me its weekly letter by e-mail and may \
                  keep my address, my name and my postcode for that purpose, until I take \
                  back this consent, which I can do at any time, by e-mail or by letter.";
    let html = format!(
        "<html><body><div class=\"live\"><ul>{entries}</ul></div>\
         <form action=\"/letter\"><p>Your e-mail address (required)</p><input name=e>\
         <p>{notice}</p><p>{notice}</p><p>{notice}</p><p>{notice}</p>\
         <button>Send</button></form></body></html>"
    );
    let c = extract(&html, None);
    assert_has(&c.article, "At 3:00 the ferry service");
    assert_lacks(&c.article, "I agree that the Ledger");
    // Without the second reading, the form was the article.
    let first = extract_with(
        &html,
        None,
        PostFilters {
            widgets: false,
            ..PostFilters::DEFAULT
        },
    );
    assert_has(&first.article, "I agree that the Ledger");
}

#[test]
fn a_row_of_share_and_print_controls_is_dropped() {
    let html = article_with(
        "<h2>Email</h2><p>Residents can write to the council until May.</p>\
         <ul class=\"user-tools\"><li><a href=\"#\">Print</a></li><li><a href=\"#\">Email</a></li>\
         <li><a href=\"#\">Recommend</a></li><li><a href=\"#\">Tweet</a></li></ul>",
    );
    let c = extract(&html, None);
    for gone in ["Print", "Recommend", "Tweet"] {
        assert!(!c.article.contains(gone), "{gone:?} kept: {:?}", c.article);
    }
    assert_five_paragraphs_kept(&c.article);
    // One such word alone is not a row: the heading stays.
    assert_has(&c.article, "Email\n");
    assert!(c.article.contains("write to the council"));
}

#[test]
fn a_caption_that_repeats_its_images_alternative_text_is_dropped() {
    let html = article_with(
        "<p>The ferry crossed twice that morning, as the old timetable had it.</p>\
         <div class=\"pic\"><div><img src=\"a.jpg\" alt=\"The mayor at the harbour on Monday.\">\
         </div><div>The mayor at the harbour on Monday.</div></div>\
         <div class=\"pic\"><img src=\"c.jpg\" alt=\"Jo Lake.\"><p>Jo Lake.</p></div>\
         <img src=\"b.jpg\" alt=\"The ferry crossed twice that morning, as the old timetable had it.\">",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "The mayor at the harbour");
    assert!(c.whole.contains("The mayor at the harbour"));
    assert_five_paragraphs_kept(&c.article);
    // Text above an image that repeats it as its alternative text is not its caption.
    assert_has(&c.article, "The ferry crossed twice");
}

#[test]
fn a_drop_down_panel_is_dropped() {
    let html = article_with(
        "<div class=\"author-dropdown\"><p>Jo Lake writes about the city's roads and bridges \
         for the Ledger, and before that wrote about schools.</p><a href=\"/jo\">More</a></div>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "Jo Lake writes");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn an_empty_byline_label_and_an_agency_credit_are_dropped() {
    let html =
        article_with("<p>By:</p><p>- The mayor at the harbour in 2019. REUTERS/Jane Doe -</p>");
    let c = extract(&html, None);
    assert_lacks(&c.article, "By:");
    assert_lacks(&c.article, "REUTERS/Jane Doe");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_publication_stamp_in_arabic_is_dropped() {
    let html = article_with(
        "<p>الخميس، 12 أيار/مايو 2022، آخر تحديث 09:30 (GMT+0300)</p>\
         <p>قال المجلس في 12 أيار 2022 إن الجسر سيفتح في الربيع</p>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "آخر تحديث");
    assert_has(&c.article, "قال المجلس");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_follow_us_list_of_social_pages_is_dropped() {
    let html = article_with(
        "<p>Follow the Ledger:</p><p>Facebook https://fb.me/coastalledger</p>\
         <p>Mastodon https://mastodon.social/@ledger</p>\
         <p>Twitter https://twitter.com/coastalledger</p>\
         <p>[1] https://twitter.com/coastalledger/status/123456</p>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "fb.me/coastalledger");
    assert_lacks(&c.article, "Twitter https://twitter.com/coastalledger\n");
    // A post's address is cited (a note), not a page to follow.
    assert_has(
        &c.article,
        "[1] https://twitter.com/coastalledger/status/123456",
    );
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn an_opinion_disclaimer_is_dropped() {
    let html = article_with(
        "<p>The views expressed here are the author's and do not necessarily reflect those of \
         the Ledger.</p><p>The harbour board's remarks do not necessarily reflect the council's \
         position, a spokesman said on Tuesday.</p>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "views expressed");
    assert_has(&c.article, "a spokesman said");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_request_to_report_a_mistake_is_dropped() {
    let html = article_with(
        "<p>Spotted an error? Select the text and tell the desk.</p>\
         <p>Inspectors found an error in the drawings of the bridge in March.</p>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "Spotted an error");
    assert_has(&c.article, "Inspectors found an error");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_reading_time_is_dropped_alone_or_after_a_stamp() {
    let html = article_with(
        "<p>6 minute read</p><p><span>Stand: 10:49 Uhr</span><span>Lesedauer: 5 Minuten</span></p>\
         <p>Published Jun 05, 2026 • 3 minute read</p>\
         <p>The 3 minute read of the report took the council an hour.</p>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "6 minute read");
    assert_lacks(&c.article, "Lesedauer");
    assert_lacks(&c.article, "Published Jun 05");
    assert_has(&c.article, "The 3 minute read of the report");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_widget_named_in_camel_case_is_dropped() {
    let html = article_with(
        "<section class=\"NewsletterBox\"><p>The Morning</p><p>The best start to the day, \
         with the news from the harbour and the world.</p></section>\
         <div class=\"sc-bdAdJa\"><p>The ferry will run again from May, the council said.</p></div>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "The best start to the day");
    // A generated class name ("sc-bdAdJa") holds no word: its "Ad" is not an ad.
    assert_has(&c.article, "The ferry will run again");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn an_embeds_consent_placeholder_is_dropped() {
    let html = article_with(
        "<div><p>Empfohlener redaktioneller Inhalt</p>\
         <p>An dieser Stelle findest du einen externen Inhalt von Vimeo, der den Artikel ergänzt.</p>\
         <p>Ich bin damit einverstanden, dass mir externe Inhalte angezeigt werden.</p></div>\
         <p>Der Hafenrat war mit dem Plan einverstanden, nachdem die Kosten angezeigt wurden.</p>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "Empfohlener");
    assert_lacks(&c.article, "externen Inhalt von Vimeo");
    assert_lacks(&c.article, "Ich bin damit einverstanden");
    assert_has(&c.article, "Der Hafenrat war mit dem Plan einverstanden");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn an_author_box_named_in_more_ways_is_dropped() {
    let html = article_with(
        "<div class=\"author-container\"><p>Jane Doe</p><p>Harbour reporter since 2019, \
         interested in ferries, tides and the council's budget.</p></div>\
         <div id=\"autor-info-card\"><p>Max Muster schreibt seit 2020 über den Hafen.</p></div>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "Harbour reporter since 2019");
    assert_lacks(&c.article, "Max Muster");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_stamp_with_two_dates_or_in_a_nordic_language_is_dropped() {
    let html = article_with(
        "<p>Published: 15:56 BST, 27 April 2026 | Updated: 15:57 BST, 27 April 2026</p>\
         <p>Publisert 05.08.2026, kl. 13.05 Oppdatert 05.08.2026, kl. 13.52</p>\
         <p>Uppdaterad 15.59 | Publicerad 14.14</p>\
         <p>Dec. 20, 2026, 12:44 PM UTC / Updated Dec. 20, 2026, 1:00 PM UTC</p>\
         <p>The ferry ran from 27 April 2025 to 27 April 2026 at 13.05 each day.</p>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "12:44 PM UTC");
    assert_lacks(&c.article, "Published: 15:56");
    assert_lacks(&c.article, "Publisert");
    assert_lacks(&c.article, "Uppdaterad");
    assert_has(&c.article, "The ferry ran from 27 April 2025");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_share_counter_before_the_story_is_dropped_and_figures_are_kept() {
    let para = BRIDGE_PARAGRAPH;
    let page = |lead: &str, end: &str| {
        format!(
            "<html><body><article><h1>Bridge</h1>{lead}<p>{para}</p><p>{para}</p><p>{para}</p>\
             <p>{para}</p><p>{para}</p>{end}</article></body></html>"
        )
    };
    for counter in ["884", "6,762", "1.2K", "12k", "1,204,311"] {
        let c = extract(&page(&format!("<div>{counter}</div>"), ""), None);
        assert!(
            !c.article.lines().any(|l| l.trim() == counter),
            "{counter}: {}",
            c.article
        );
        assert_five_paragraphs_kept(&c.article);
    }
    // A list's number, a decimal, a year, a figure in a table at the end: kept.
    for kept in ["7.", "12", "243.8", "16,32", "2026-27", "2016"] {
        let c = extract(&page(&format!("<div>{kept}</div>"), ""), None);
        assert!(
            c.article.lines().any(|l| l == kept),
            "{kept}: {}",
            c.article
        );
    }
    let c = extract(
        &page(
            "",
            "<table><tr><td>Load in kg</td><td>685</td></tr></table>",
        ),
        None,
    );
    assert!(c.article.contains("685"), "{}", c.article);
}

#[test]
fn the_next_story_loaded_below_the_first_is_dropped() {
    let story = |title: &str, sentence: &str| {
        format!(
            "<article><h1>{title}</h1>{}</article>",
            format!("<p>{}</p>", sentence.repeat(6)).repeat(4)
        )
    };
    let html = format!(
        "<html><body><main>{}{}</main></body></html>",
        story(
            "Bridge",
            "The council voted on Tuesday to rebuild the old bridge over the river. "
        ),
        story(
            "Ferry",
            "The ferry company raised its fares again for the winter season. "
        ),
    );
    let c = extract(&html, None);
    assert_has(&c.article, "The council voted on Tuesday");
    assert_lacks(&c.article, "The ferry company raised");
    // Teasers (short, or without a heading of their own) are not stories.
    let html = format!(
        "<html><body><main>{}<article><h1>Ferry</h1><p>The ferry company raised its fares.</p>\
         </article></main></body></html>",
        story(
            "Bridge",
            "The council voted on Tuesday to rebuild the old bridge over the river. "
        ),
    );
    let c = extract(&html, None);
    assert_has(&c.article, "The council voted on Tuesday");
}

#[test]
fn a_byline_that_is_the_sites_name_gives_way_to_the_json_ld_authors() {
    let page = |author_meta: &str| {
        format!(
            "<html><head><meta name=\"author\" content=\"{author_meta}\">\
             <script type=\"application/ld+json\">{{\"@graph\": [{{\"@type\": \"WebSite\", \
             \"name\": \"Ledger\"}}, {{\"@type\": \"NewsArticle\", \"author\": [{{\"@type\": \
             \"Person\", \"name\": \"Jane  Doe\"}}, {{\"@type\": \"Person\", \"name\": \"John Roe\"}}, \
             {{\"@type\": \"Organization\", \"name\": \"Ledger\"}}]}}]}}</script></head>{}</html>",
            article_with("").trim_start_matches("<html>")
        )
    };
    let c = extract(&page("ledger.example"), Some(PAGE_URL));
    assert_eq!(c.byline.as_deref(), Some("Jane Doe, John Roe"));
    let c = extract(&page("www.ledger.example"), Some(PAGE_URL));
    assert_eq!(c.byline.as_deref(), Some("Jane Doe, John Roe"));
    // A byline naming them and another person stays.
    let c = extract(&page("Mária Øberg, Jane Doe and John Roe"), Some(PAGE_URL));
    assert_eq!(c.byline.as_deref(), Some("Mária Øberg, Jane Doe, John Roe"));
}

#[test]
fn paragraphs_a_paywall_hid_in_the_page_are_the_article() {
    let para = "The harbour board met again on Thursday and agreed to keep the ferry running \
                through the winter, whatever the cost of fuel.";
    let html = article_with(&format!(
        "<div class=\"paywall\" hidden><p>{para}</p><p>{para}</p><p>{para}</p></div>\
         <p class=\"paywall\" aria-hidden=\"true\">The mayor said the vote was the right one.</p>\
         <div class=\"paywall-prompt\" hidden>Subscribe to read on</div>\
         <div class=\"note\" hidden><p>{para} Hidden for a reason.</p></div>"
    ));
    let c = extract(&html, None);
    assert_has(&c.article, "agreed to keep the ferry running");
    assert_has(&c.article, "The mayor said the vote");
    assert_lacks(&c.article, "Subscribe to read on");
    assert_lacks(&c.article, "Hidden for a reason");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_line_crediting_news_agencies_is_dropped() {
    let html = article_with(
        "<p>Quelle: dpa</p><p>(Quelle: APA/sda/dpa)</p>\
         <p>Quelle: Landesregierung Hessen</p>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "Quelle: dpa");
    assert_lacks(&c.article, "APA/sda/dpa");
    // A table's or a chart's source stays.
    assert_has(&c.article, "Quelle: Landesregierung Hessen");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_comment_counter_is_dropped() {
    let html = article_with("<p>3 Kommentare</p><p>36 Comments</p>");
    let c = extract(&html, None);
    assert_lacks(&c.article, "Kommentare");
    assert_lacks(&c.article, "36 Comments");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_caption_ending_with_its_credit_is_dropped() {
    let html = article_with(
        "<p>Im Vorjahr kamen Tausende Besucher. Bild: Jane Doe/Archiv</p>\
         <div>Die Kinder am Montag vor der Schule © Gemeinde Harbourtown</div>\
         <p>Das Bild: ein Hafen im Regen, ein Schiff, ein Kran und drei Möwen über dem Wasser.</p>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "Bild: Jane Doe");
    assert_lacks(&c.article, "© Gemeinde");
    assert_has(&c.article, "Das Bild: ein Hafen im Regen");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn an_erschienen_stamp_is_dropped() {
    let html = article_with(
        "<p>Erschienen am 30.04.2026</p><p>Das Buch ist am 30.04.2026 erschienen.</p>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "Erschienen am");
    assert_has(&c.article, "Das Buch ist am 30.04.2026 erschienen.");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn an_affiliate_disclosure_is_dropped() {
    let html = article_with(
        "<p>Die mit einem Stern gekennzeichneten Links sind Affiliate-Links. Kommt darüber ein \
         Einkauf zustande, erhalten wir eine Provision.</p>\
         <p>The search engine said it would rank pages with affiliate links lower.</p>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "Affiliate-Links");
    assert_has(&c.article, "rank pages with affiliate links lower");
    assert_five_paragraphs_kept(&c.article);
}

/// Fuzz regression (`fuzz/regressions/extract/crash-77c9d0bdc4f5ca79fc9802ef976a5c01f8cf028d`):
/// a canonical address whose path part starts with a character of more than one byte
/// ("/2026/\u{FFFD}1/…", from a byte that was not UTF-8) made `url_date` cut that character in
/// two and panic.
#[test]
fn a_date_in_an_address_with_a_wide_character_does_not_panic() {
    assert_eq!(url_date("https://a.example/2026/\u{FFFD}1/harbour"), None);
    assert_eq!(url_date("https://a.example/2026/11/\u{FFFD}/x"), None);
    assert_eq!(url_date("https://a.example/2026-11/é/x"), None);
    let html = "<html><head><link rel=\"canonical\" href=\"/2026/\u{FFFD}1/harbour\">\
                </head><body><p>Short.</p></body></html>";
    let _ = extract(html, Some("https://news.example/a/b.html"));
}

#[test]
fn english_notices_of_forms_tips_and_ad_blockers_are_dropped() {
    let html = article_with(
        "<p>Got a story? Get in touch with our news team by emailing us at news@ledger.example.</p>\
         <p>This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of \
         Service apply.</p><p>skip past newsletter promotion</p>\
         <p>Ad blockers cost publishers millions, the report found.</p>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "Got a story?");
    assert_lacks(&c.article, "reCAPTCHA");
    assert_lacks(&c.article, "skip past");
    assert_has(&c.article, "Ad blockers cost publishers millions");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_meta_row_ending_in_a_comment_count_is_dropped() {
    let html = article_with(
        "<p>By Harbour Desk, in News, Business · 31 Jan 2025, 20:02 · 0 Comments</p>\
         <p>Friday | 14 June 2019 | 15:49 by Jane Doe in Boats | 12 comments</p>\
         <p>The ferry's 3 comments page drew 40 replies · none of them kind.</p>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "0 Comments");
    assert_lacks(&c.article, "12 comments");
    assert_has(&c.article, "none of them kind");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_label_naming_a_section_or_a_person_is_dropped() {
    let html = article_with(
        "<h3>Most read in Football</h3><h3>More in News</h3><p>MORE FROM Jane Doe</p>\
         <p>More in sorrow than in anger, the keeper closed the harbour to the ferries.</p>\
         <p>More from the harbour master:</p>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "Most read in");
    assert_lacks(&c.article, "More in News");
    assert_lacks(&c.article, "MORE FROM");
    assert_has(&c.article, "More in sorrow than in anger");
    assert_has(&c.article, "More from the harbour master:");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn text_an_inline_style_hides_but_from_screen_readers_is_dropped() {
    let html = article_with(
        "<p>The harbour board published its <a href=\"https://example.org/r.pdf\">report<span \
         style=\"border:0; clip: rect(0 0 0 0); height:1px; margin:-1px; overflow:hidden; \
         position:absolute; width:1px\">, opens new tab</span></a> on the ferries on Monday.</p>\
         <p>The tide tables, clipped to the page, were <span style=\"clip-path: inset(50%)\">\
         kept</span> in the office.</p>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "opens new tab");
    assert_has(&c.article, "were kept in the office");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn english_prompts_for_an_app_letters_and_a_sign_up_are_dropped() {
    let html = article_with(
        "<p>Get the latest news straight to your phone with the Harbour Ledger app.</p>\
         <p>Submit your letter to the editor via this form. Read more letters.</p>\
         <p>Do you want to hear about the ferry's return? Sign up here</p>\
         <p>Residents who want a berth next summer can sign up here.</p>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "straight to your phone");
    assert_lacks(&c.article, "Submit your letter");
    assert_lacks(&c.article, "ferry's return");
    assert_has(&c.article, "can sign up here.");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_wire_end_mark_is_dropped() {
    let html =
        article_with("<p>(END)</p><p>-30-</p><p>###</p><p>The end of the ferry came in June.</p>");
    let c = extract(&html, None);
    assert_lacks(&c.article, "(END)");
    assert_lacks(&c.article, "-30-");
    assert_lacks(&c.article, "###");
    assert_has(&c.article, "The end of the ferry");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_republication_credit_is_dropped() {
    let html = article_with(
        "<p>First published in The Harbour Ledger.</p>\
         <p>This article was originally published on Ferry Weekly and has been republished \
         here with permission.</p>\
         <p>First published in 1847, the harbour's charter sets the ferry's fares.</p>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "First published in The Harbour Ledger");
    assert_lacks(&c.article, "republished");
    assert_has(&c.article, "First published in 1847, the harbour's charter");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_story_split_into_sibling_modules_is_joined() {
    let chunk = |inner: &str| {
        format!(
            "<div class=\"story-chunk grid\"><div class=\"grid-item\"><div class=\"body\">{inner}\
             </div></div><div class=\"rail\"><span>Sponsored</span></div></div>"
        )
    };
    let first = "The lighthouse keeper counted the ships that passed the cape each night, and \
                 wrote their names, their flags and the hour in a ledger, as his father had. ";
    let html = format!(
        "<html><body><main><h1>The keeper's ledger</h1>{}<div class=\"ad-slot\">Advertisement</div>\
         {}{}<div class=\"story-chunk grid\"><div class=\"offer\"><p>Read every story for one \
         euro a month: subscribe now and cancel whenever you like, no questions asked.</p></div>\
         </div></main><footer>About us</footer></body></html>",
        chunk(&format!("<p>{}</p>", first.repeat(3)).repeat(6)),
        chunk(
            "<p>In the winter of the great storm, the ledger ran out of pages, and the keeper \
             wrote on the backs of old charts instead.</p><div class=\"more\"><a href=\"/a\">\
             Ferry fares rise</a> <a href=\"/b\">New bridge opens</a></div><p>The charts are \
             still in the keeper's house, rolled up in a sea chest.</p>"
        ),
        chunk(
            "<p>His daughter keeps the ledgers now, in a cupboard by the stairs, and reads from \
             them to visitors on Sundays.</p><ul><li><a href=\"/c\">Harbour closes for the \
             winter</a></li><li><a href=\"/d\">Old lighthouse sold at auction</a></li></ul>"
        ),
    );
    // Readability keeps the first module alone.
    let plain = extract_with(&html, None, PostFilters::NONE);
    assert_lacks(&plain.article, "In the winter of the great storm");
    let c = extract(&html, None);
    assert_has(&c.article, "The lighthouse keeper counted");
    assert_has(&c.article, "In the winter of the great storm");
    assert_has(&c.article, "His daughter keeps the ledgers now");
    assert!(
        c.article.find("In the winter").unwrap() < c.article.find("His daughter").unwrap()
            && c.article.find("The lighthouse").unwrap() < c.article.find("In the winter").unwrap()
    );
    // A module of the same class laid out otherwise (an offer) is not the story; a short
    // block of links in a joined module goes, as Readability drops those in its own, before
    // the module's share of linked text is counted.
    assert_lacks(&c.article, "subscribe now");
    assert_lacks(&c.article, "Ferry fares rise");
    assert_lacks(&c.article, "Old lighthouse sold");
}

#[test]
fn a_lead_in_a_module_of_its_own_layout_is_joined() {
    let par = |t: &str| format!("<p class=\"story-par\">{t}</p>");
    let body = "The ferry company kept its winter timetable for a third year, and the harbour \
                board said on Monday that the crossings would stay at four a day until March. ";
    let lead = format!(
        "<p class=\"meta\">By Jane Doe</p>{}{}",
        par(
            "Islanders had asked for a fifth crossing on Saturdays, when the market draws \
             visitors from the mainland and the last boat leaves before the stalls close."
        ),
        par(
            "The board said the fifth crossing would cost more than the fares it would bring \
             in, and that the older of its two boats needed repairs before the spring."
        ),
    );
    // A box after the story in its own column, with a paragraph of the same class.
    let source = format!(
        "<div class=\"source-box\"><h4>Source</h4>{}</div>",
        par(
            "Harbour board minutes, 3 March, item 12: winter timetable and the fifth \
             crossing, with the ferry company's figures for the last three winters."
        )
    );
    // Rows of a page's grid laid out differently (a summary column beside an ad, a wide
    // column), each nested deep enough that Readability scores them apart.
    let row = |class: &str, column: &str, inner: &str, after: &str| {
        format!(
            "<section class=\"row story {class}\"><div class=\"container\"><div \
             class=\"col {column}\"><div class=\"row-inner\"><div class=\"col-inner\"><div \
             class=\"story-text\">{inner}</div>{after}</div></div></div><div class=\"col \
             rail\"><div class=\"ad-slot\"></div></div></div></section>"
        )
    };
    let page = |before_headline: &str, lead: &str| {
        format!(
            "<html><body><main>{before_headline}<h2>Ferry keeps its winter timetable</h2>{}{}\
             </main></body></html>",
            row("", "summary", lead, ""),
            row(
                "main-section",
                "wide",
                &par(&body.repeat(3)).repeat(8),
                &source
            ),
        )
    };
    let html = page("", &lead);
    // Readability keeps the main module alone.
    let plain = extract_with(&html, None, PostFilters::NONE);
    assert_lacks(&plain.article, "Islanders had asked");
    let c = extract(&html, None);
    let first = c.article.lines().next().unwrap_or_default();
    assert!(first.starts_with("Islanders had asked"), "{first}");
    assert_has(&c.article, "The board said the fifth crossing");
    let story = c.article.find("The ferry company").unwrap();
    assert!(c.article.find("The board said").unwrap() < story);
    // Nor is a paragraph of that class that comes after the story on the page (Readability
    // puts its article after what it leaves of the story's column).
    let late = c.article.find("Harbour board minutes");
    assert!(late.is_none_or(|i| i > story), "{}", c.article);
    // Another story's paragraphs of the same class, above this one's headline, are not its
    // start.
    let other = row(
        "",
        "summary",
        &par(
            "Yesterday the council voted to close the old pier to cars from April, after a \
              survey found that two of its piles had rotted through below the waterline.",
        ),
        "",
    );
    let c = extract(&page(&other, ""), None);
    assert_lacks(&c.article, "Yesterday the council voted");
    assert!(c.article.starts_with("The ferry company"), "{}", c.article);
}

#[test]
fn a_short_article_in_japanese_is_not_traded_for_an_english_footer() {
    let licence = "The Japanese edition of 'Harbour Weekly' is published under licence from \
                   Ferry Media, Inc., Portsmouth, UK. Articles that were first published in \
                   the UK edition, the Ferry Review, the Quay, and Harbour Weekly Online are \
                   the property of Ferry Media, Inc. or its suppliers, who reserve all rights, \
                   in every country, for every edition, in print, online, and in any other form. ";
    // A column of the site's most read stories, in Japanese like the rest of the page.
    let ranking: String = (1..=12)
        .map(|i| format!("<li><a href=\"/r{i}\">港町の話題 第{i}回 市場と灯台と船の一週間をふりかえる</a></li>"))
        .collect();
    let html = format!(
        "<html lang=\"ja\"><body><div id=\"header\"><ul><li><a href=\"/\">ホーム</a></li>\
         <li><a href=\"/news\">ニュース</a></li><li><a href=\"/ranking\">ランキング</a>\
         </li></ul></div><div id=\"contents\"><h1>港のフェリー、冬の時刻表を続ける</h1>\
         <div class=\"article_body\"><p>港のフェリー会社は、冬の時刻表を三年続けて使うと月曜日に\
         発表した。一日四便の運航は三月まで変わらない。</p><p>島の住民は土曜日に五便目を求めていた\
         が、会社は運賃収入では費用をまかなえないと説明した。古い方の船は春までに修理が必要だという。\
         </p><p>市場の組合は、最後の便が市場の閉まる前に出てしまうため、週末の客が減っていると\
         話している。会社は夏の時刻表を四月に発表する予定で、その時に土曜日の便も見直すとしている。\
         </p></div><div class=\"side\"><h2>関連記事</h2><ul><li><a href=\"/a\">新しい橋が開通\
         </a></li><li><a href=\"/b\">港の市場、週末も営業</a></li><li><a href=\"/c\">灯台の\
         一般公開が始まる</a></li></ul><h2>ランキング</h2><ol>{ranking}</ol></div></div>\
         <div id=\"footer\"><p>{licence}</p><p>{licence}</p><p>\
         個人情報保護方針 利用規約 広告について 運営会社 サイトマップ</p></div></body></html>"
    );
    // Readability, under its 500 characters, reads the page again without its rules on
    // footers and keeps the longest text it found: the licence.
    let plain = extract_with(&html, None, PostFilters::NONE);
    assert_has(&plain.article, "published under licence");
    let c = extract(&html, None);
    assert_has(&c.article, "港のフェリー会社は、冬の時刻表を三年続けて使う");
    assert_has(&c.article, "古い方の船は春までに修理が必要だという。");
    assert_lacks(&c.article, "published under licence");
    // Its words, as the capture's notice counts them: each Han or kana character is one.
    assert!(c.article_words > 100, "{}", c.article_words);
    assert_eq!(
        count_words("港のフェリー Ferry 2017年 — ok"),
        6 + 1 + 2 + 1 + 1
    );
    assert_eq!(count_words("The ferry ran."), 3);
    // Half-width katakana is one of them (found by the fuzzer: "ｽ" was counted twice).
    assert_eq!(count_words("ｽ\u{FFFD}"), 1);
    // Whose script a text is in: its letters', half or more.
    assert!(mostly_wide_script("港のフェリー会社 Ferry"));
    assert!(mostly_wide_script("항구의 페리 회사 Ferry"));
    assert!(!mostly_wide_script("The ferry company said on Monday, 港"));
    assert!(!mostly_wide_script("2017 — 10%"));
}

#[test]
fn a_byline_naming_the_json_ld_authors_otherwise_gives_way_to_them() {
    let page = |author_meta: &str| {
        format!(
            "<html><head><meta name=\"author\" content=\"{author_meta}\">\
             <script type=\"application/ld+json\">{{\"@type\": \"NewsArticle\", \"author\": \
             [{{\"@type\": \"Person\", \"name\": \"Jane Doe\"}}, {{\"@type\": \"Person\", \
             \"name\": \"John Roe\"}}]}}</script></head>{}</html>",
            article_with("").trim_start_matches("<html>")
        )
    };
    // Surname first, a name twice, a conjunction: the same people, as the JSON-LD lists them.
    for meta in ["Doe, Jane", "Jane Doe Jane Doe", "Jane Doe and John Roe"] {
        let c = extract(&page(meta), Some(PAGE_URL));
        assert_eq!(c.byline.as_deref(), Some("Jane Doe, John Roe"), "{meta}");
    }
    // A byline that names them all and someone more stays.
    let c = extract(&page("Jane Doe, John Roe and Ann Poe"), Some(PAGE_URL));
    assert_eq!(c.byline.as_deref(), Some("Jane Doe, John Roe, Ann Poe"));
    let c = extract(&page("Jane Doe and John Roe, AFP"), Some(PAGE_URL));
    assert_eq!(c.byline.as_deref(), Some("Jane Doe, John Roe, AFP"));
    // A byline without a letter is none: the JSON-LD's people, else nothing.
    let c = extract(&page("-"), Some(PAGE_URL));
    assert_eq!(c.byline.as_deref(), Some("Jane Doe, John Roe"));
    let html = format!(
        "<html><head><meta name=\"author\" content=\"104729\"></head>{}</html>",
        article_with("").trim_start_matches("<html>")
    );
    assert_eq!(extract(&html, Some(PAGE_URL)).byline, None);
}

#[test]
fn names_joined_by_a_conjunction_are_listed_with_commas() {
    let page = |author_meta: &str| {
        format!(
            "<html><head><meta name=\"author\" content=\"{author_meta}\"></head>{}</html>",
            article_with("").trim_start_matches("<html>")
        )
    };
    for (meta, listed) in [
        ("Jane Doe and John Roe", "Jane Doe, John Roe"),
        ("Anna Berg und Lea Wolf, Kiel", "Anna Berg, Lea Wolf, Kiel"),
        (
            "Ada Lind, Eva Dahl og Siri Holm",
            "Ada Lind, Eva Dahl, Siri Holm",
        ),
        ("Ana Ruiz y Luis Gil", "Ana Ruiz, Luis Gil"),
        // Not between two names, or inside a parenthesis: as the page gives it.
        ("Jane Doe and friends", "Jane Doe and friends"),
        (
            "Marc Roux (avec Paul Blanc et Léa Noir)",
            "Marc Roux (avec Paul Blanc et Léa Noir)",
        ),
    ] {
        assert_eq!(
            extract(&page(meta), Some(PAGE_URL)).byline.as_deref(),
            Some(listed)
        );
    }
}

#[test]
fn a_french_paywall_notice_is_dropped() {
    let html = article_with(
        "<p>Article réservé aux abonnés</p>\
         <p>Il vous reste 64% de cet article à lire. La suite est réservée aux abonnés.</p>\
         <p>Le conseil a voté mardi la reconstruction du vieux pont, réservé aux piétons.</p>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "Article réservé aux abonnés");
    assert_lacks(&c.article, "de cet article à lire");
    assert_has(&c.article, "réservé aux piétons");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_bylines_label_with_a_colon_is_dropped() {
    let page = |author_meta: &str| {
        format!(
            "<html><head><meta name=\"author\" content=\"{author_meta}\"></head>{}</html>",
            article_with("").trim_start_matches("<html>")
        )
    };
    for (meta, byline) in [
        ("Von: Anna Berg", "Anna Berg"),
        ("By: Jane Doe", "Jane Doe"),
        ("Autor: Lea Wolf und Max Kern", "Lea Wolf, Max Kern"),
        // Without a colon the label stays (as Readability keeps "By"); a colon elsewhere too.
        ("By Jane Doe", "By Jane Doe"),
        ("Jane Doe: Harbour reporter", "Jane Doe: Harbour reporter"),
    ] {
        assert_eq!(
            extract(&page(meta), Some(PAGE_URL)).byline.as_deref(),
            Some(byline)
        );
    }
}

#[test]
fn a_list_of_other_stories_inside_the_article_is_dropped() {
    let html = article_with(
        "<ul><li><a href=\"/2026/11/ferry-fares\">Ferry fares rise again next spring</a></li>\
         <li><a href=\"https://www.ledger.example/2026/10/tunnel\">What the harbour tunnel \
         will cost, in five charts</a></li></ul>\
         <ul><li><strong>Schools:</strong> <a href=\"/2026/08/school\">A new school for the \
         east bank</a></li><li><strong>Night buses?</strong> <a href=\"/2026/07/buses\">Two \
         more lines from next year</a></li></ul>\
         <ul><li><a href=\"#cost\">What the bridge will cost</a></li>\
         <li><a href=\"#traffic\">How much traffic it will bring</a></li></ul>\
         <ul><li><a href=\"https://rivers.example/report\">The river authority's flood report \
         of 2025</a></li><li><a href=\"/2026/09/vote\">The first vote on the bridge</a></li></ul>\
         <ul><li><a href=\"/bugs/17\">Issue 17: the deck is too narrow</a></li>\
         <li><a href=\"/bugs/18\">Issue 18: no lane for bicycles</a></li></ul>\
         <ul><li>Five lanes, two of them for buses, <a href=\"/buses\">as planned</a></li>\
         <li>A footpath on each side</li></ul>",
    );
    let c = extract(&html, Some("https://ledger.example/2026/11/27/bridge.html"));
    assert_lacks(&c.article, "Ferry fares rise");
    assert_lacks(&c.article, "five charts");
    // A kicker before the link ("Schools: <a>…</a>") is part of the teaser.
    assert_lacks(&c.article, "A new school");
    assert_lacks(&c.article, "Night buses");
    // A table of contents, a list with a source on another site, a series, and a list that is
    // not all links stay.
    assert_has(&c.article, "What the bridge will cost");
    assert_has(&c.article, "flood report");
    assert_has(&c.article, "Issue 18: no lane for bicycles");
    assert_has(&c.article, "Five lanes, two of them for buses");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_live_blogs_entry_headers_are_dropped() {
    let html = article_with(
        "<div class=\"entry\"><span>20:42</span><span>KEY EVENT</span></div>\
         <div class=\"entry\"><span>21:00</span><span>Jane Doe-Roe</span></div>\
         <div class=\"entry\"><span>21 mins ago</span><span>11:48</span> <span>Jane Doe</span></div>\
         <p>20:15 Evening News</p>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "KEY EVENT");
    assert_lacks(&c.article, "Jane Doe");
    // A programme's listing, its time apart from its name, stays.
    assert_has(&c.article, "20:15 Evening News");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn read_also_labels_in_more_languages_are_dropped() {
    let html = article_with(
        "<p>Les også: <a href=\"/ferje\">Ferjen går igjen fra mandag</a></p>\
         <p>Taip pat skaitykite</p><p><a href=\"/tiltas\">Tiltas bus atstatytas</a></p>\
         <p>Lest auch</p><ul><li><a href=\"/faehre\">Die Fähre fährt wieder</a></li></ul>\
         <p>Les også denne boken om broer, sa ordføreren til rådet på tirsdag.</p>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "Ferjen går igjen");
    assert_lacks(&c.article, "Tiltas bus");
    assert_lacks(&c.article, "Die Fähre");
    // A sentence that starts like a label stays.
    assert_has(&c.article, "Les også denne boken om broer");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn newsletter_and_channel_boxes_in_other_languages_are_dropped() {
    let html = article_with(
        "<p>Der Ledger-Newsletter informiert Sie jeden Morgen über das Wichtigste vom Tag, \
         kompakt und direkt in Ihrem Postfach. Hier geht's zur Anmeldung.</p>\
         <p>Abonniere den WhatsApp-Kanal des Ledgers und du bekommst die besten Geschichten.</p>\
         <p>Join our WhatsApp channel for the latest news from the harbour.</p>\
         <p>Millions joined the party's WhatsApp channel before the vote.</p>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "Ledger-Newsletter");
    assert_lacks(&c.article, "WhatsApp-Kanal");
    assert_lacks(&c.article, "Join our WhatsApp");
    // A story about a channel stays.
    assert_has(&c.article, "Millions joined the party's WhatsApp channel");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_breaking_storys_update_notes_and_more_tip_requests_are_dropped() {
    let html = article_with(
        "<p><em>This is a developing story and will be updated.</em></p>\
         <p>Do you have a story to tell? Email: news@ledger.example</p>\
         <p>Ride the ferry every day? We want to hear from you at ferries@ledger.example.</p>\
         <p><strong>More to follow.</strong></p>\
         <p>There is more to follow next year when the second bridge opens, the mayor said.</p>\
         <p>Police said they got a tip about the ferry from a passenger.</p>\
         <div class=\"byline__source\"><cite>New York LEDGER</cite> —</div>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "New York LEDGER");
    assert_lacks(&c.article, "developing story");
    assert_lacks(&c.article, "Do you have a story");
    assert_lacks(&c.article, "want to hear from you");
    assert_lacks(&c.article, "More to follow.");
    // A sentence that goes on after "more to follow", a tip the story reports, stay.
    assert_has(&c.article, "There is more to follow next year");
    assert_has(&c.article, "Police said they got a tip");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn english_prompts_for_tips_videos_and_more_stories_are_dropped() {
    let html = article_with(
        "<p>Are ferries late in your area? Get in touch at news@ledger.example</p>\
         <p><strong><em>WATCH | The council votes on the bridge:</em></strong></p>\
         <p>For more stories like this, check our news page.</p>\
         <p>Follow Ledger.example on Twitter and Facebook for the latest news updates.</p>\
         <p>The mayor wrote from mayor@harbour.example to say the vote was close.</p>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "Get in touch");
    assert_lacks(&c.article, "WATCH |");
    assert_lacks(&c.article, "more stories like this");
    assert_lacks(&c.article, "Follow Ledger.example");
    // An address quoted in the story stays.
    assert_has(&c.article, "The mayor wrote from mayor@harbour.example");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_teaser_link_set_as_its_own_paragraph_is_dropped() {
    let html = article_with(
        "<p><strong><a href=\"/2026/10/ferry\">FERRY FARES RISE AGAIN NEXT SPRING</a></strong></p>\
         <p>[<a href=\"/2026/09/tunnel\">Read: What the harbour tunnel will cost</a>]</p>\
         <p><a href=\"/2026/08/school\">&gt;&gt; A new school for the east bank &lt;&lt;</a></p>\
         <p><a href=\"/2026/11/report.pdf\">Read the full report of the auditors</a></p>\
         <p><a href=\"https://rivers.example/FLOOD-REPORT\">THE RIVER AUTHORITY FLOOD REPORT</a></p>",
    );
    let c = extract(&html, Some("https://ledger.example/2026/11/27/bridge.html"));
    assert_lacks(&c.article, "FERRY FARES");
    assert_lacks(&c.article, "What the harbour tunnel will cost");
    assert_lacks(&c.article, "A new school");
    // A plain link, and a marked one to another site, stay.
    assert_has(&c.article, "Read the full report of the auditors");
    assert_has(&c.article, "THE RIVER AUTHORITY FLOOD REPORT");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_photos_credit_alone_on_its_line_is_dropped() {
    let html = article_with(
        "<div><img src=\"a.jpg\" alt=\"\"><p>The old bridge at dawn</p><p>REUTERS</p></div>\
         <div><img src=\"b.jpg\" alt=\"\"><p>The ferry in winter</p><p>(Jane Doe)</p></div>\
         <p>(Unknown)</p>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "REUTERS");
    assert_lacks(&c.article, "(Jane Doe)");
    // One word in parentheses is a label, not a credit.
    assert_has(&c.article, "(Unknown)");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_box_about_the_author_under_its_label_is_dropped() {
    let html = article_with(
        "<h3>About the author</h3><p>Jane Doe covers the harbour and the council for the \
         Ledger. She lives in Harbourtown.</p>\
         <p>The author of the report, a retired engineer, said the bridge could last a century.</p>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "About the author");
    assert_lacks(&c.article, "Jane Doe covers the harbour");
    // "The author …" opening a sentence is no label.
    assert_has(&c.article, "The author of the report");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn image_controls_a_wait_and_a_sites_address_after_a_bar_are_dropped() {
    let html = article_with(
        "<p>[+] Enlarge</p><p>Please wait...</p><p>| CoastalLedger.com</p>\
         <p>www.harbour-ferries.example</p>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "Enlarge");
    assert_lacks(&c.article, "Please wait");
    assert_lacks(&c.article, "CoastalLedger.com");
    // An address alone, without the bar that set it after a title, stays.
    assert_has(&c.article, "www.harbour-ferries.example");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_row_of_topic_links_under_its_label_is_dropped() {
    let html = article_with(
        "<p>Themen: <a href=\"/t/bruecken\">Brücken</a> <a href=\"/t/rat\">Stadtrat</a> \
         <a href=\"/t/verkehr\">Verkehr</a></p>\
         <p>Topics</p><p><a href=\"/t/harbour\">Harbour</a>, <a href=\"/t/ferries\">Ferries</a></p>\
         <h3>Themen</h3><p>Die Brücke, der Verkehr und die Kosten waren die Themen der Sitzung \
         am Dienstag, sagte die Bürgermeisterin.</p>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "Stadtrat");
    assert_lacks(&c.article, "Ferries");
    // A heading of the same word over prose stays, with the prose.
    assert_has(&c.article, "waren die Themen der Sitzung");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_byline_that_does_not_name_all_the_json_ld_authors_gives_way_to_them() {
    let page = |author_meta: &str| {
        format!(
            "<html><head><meta name=\"author\" content=\"{author_meta}\">\
             <script type=\"application/ld+json\">{{\"@type\": \"NewsArticle\", \"author\": \
             [\"Jane Doe\", {{\"@type\": \"Person\", \"name\": \"John Roe\"}}]}}</script>\
             </head>{}</html>",
            article_with("").trim_start_matches("<html>")
        )
    };
    // A label before the same people, one of them, someone else, a comment form's "Name".
    for meta in [
        "By Jane Doe and John Roe",
        "Von Jane Doe, John Roe",
        "Jane Doe",
        "Ann Poe",
        "Name",
    ] {
        let c = extract(&page(meta), Some(PAGE_URL));
        assert_eq!(c.byline.as_deref(), Some("Jane Doe, John Roe"), "{meta}");
    }
    // Without JSON-LD authors, a byline with its label stays as the page gives it.
    let html = format!(
        "<html><head><meta name=\"author\" content=\"By Jane Doe\"></head>{}</html>",
        article_with("").trim_start_matches("<html>")
    );
    assert_eq!(
        extract(&html, Some(PAGE_URL)).byline.as_deref(),
        Some("By Jane Doe")
    );
}

#[test]
fn a_label_an_address_or_the_publisher_is_not_a_byline() {
    let page = |head: &str, body: &str| {
        format!(
            "<html><head>{head}</head>{}</html>",
            article_with(body).trim_start_matches("<html>")
        )
    };
    let byline = |head: &str, body: &str| extract(&page(head, body), Some(PAGE_URL)).byline;
    // A byline's label whose names a script would have written: the author the markup marks,
    // else none.
    let label = "<meta name=\"author\" content=\"By\">";
    assert_eq!(byline(label, ""), None);
    assert_eq!(
        byline(
            label,
            "<p>Photos: <a rel=\"author\" href=\"/p/jd\">Jane Doe</a></p>"
        )
        .as_deref(),
        Some("Jane Doe")
    );
    // A profile's address: none.
    let address = "<meta name=\"author\" content=\"https://www.facebook.com/JaneDoeWrites\">";
    assert_eq!(byline(address, ""), None);
    // The publisher in `<meta name="author">`, the writer in `article:author`: the writer;
    // not when `article:author` is the site's name or a handle.
    let publisher = |writer: &str| {
        format!(
            "<meta name=\"author\" content=\"Ferry Media Group\">\
             <meta name=\"article:author\" content=\"{writer}\">"
        )
    };
    assert_eq!(
        byline(&publisher("Jane Doe"), "").as_deref(),
        Some("Jane Doe")
    );
    assert_eq!(
        byline(&publisher("janedoe"), "").as_deref(),
        Some("Ferry Media Group")
    );
    assert_eq!(
        byline(&publisher("https://www.facebook.com/janedoe"), "").as_deref(),
        Some("Ferry Media Group")
    );
}

#[test]
fn a_bylines_date_and_stamp_are_cut_off() {
    for (byline, names) in [
        ("By Jane Doe December 28, 2026", "By Jane Doe"),
        ("By Jane Doe Updated on December 12, 2026 09:22 AM", "By Jane Doe"),
        (
            "Jane Doe · Ledger News · Posted: Oct 14, 2026 9:27 AM ET | Last Updated: 24 minutes ago",
            "Jane Doe · Ledger News",
        ),
        ("Jane Doe / LNS / Updated: Oct 9, 2026, 11:05 IST", "Jane Doe / LNS"),
        ("By Jane Doe 10/04/2026 05:07 AM EDT Link Copied", "By Jane Doe"),
        ("Ledger Staff 2026年04月28日 08時00分", "Ledger Staff"),
        ("Von Jane Doe, 07 Dezember, 2026", "Von Jane Doe"),
        ("Jane Doe Stand: 05. Februar 2026", "Jane Doe"),
        ("Wednesday January 18, 2026 10:44 am PST by Jane Doe", "Jane Doe"),
        ("Veröffentlicht am 8. Februar 2026 von Jane Doe", "Jane Doe"),
        ("Posted by Jane Doe at 18:52", "Jane Doe"),
        ("By Jane Doe Today 5:00 am", "By Jane Doe"),
        // Only a stamp, a label before the date, no date: as they are.
        ("Last Updated: January 7, 2026", "Last Updated: January 7, 2026"),
        ("Datum: 19.11.2026", "Datum: 19.11.2026"),
        ("By Jane Doe and John Roe", "By Jane Doe and John Roe"),
        ("Jane March", "Jane March"),
        ("May Doe, June Roe", "May Doe, June Roe"),
    ] {
        assert_eq!(without_stamp(byline), names, "{byline}");
    }
    // A "By" set against the name gets its space.
    assert_eq!(spaced_label("ByJane Doe"), "By Jane Doe");
    assert_eq!(spaced_label("Byron Doe"), "Byron Doe");
    assert_eq!(spaced_label("BY JANE DOE"), "BY JANE DOE");
    // In a page: the `<meta name="author">`'s date goes.
    let html = format!(
        "<html><head><meta name=\"author\" content=\"By Jane Doe December 28, 2026\"></head>{}\
         </html>",
        article_with("").trim_start_matches("<html>")
    );
    assert_eq!(
        extract(&html, Some(PAGE_URL)).byline.as_deref(),
        Some("By Jane Doe")
    );
}

#[test]
fn a_byline_printed_in_boxes_of_its_own_keeps_its_spaces() {
    // Readability reads a byline's element as one run of text ("By Jane DoeLedger NewsDec 13,
    // 2026"); the names, the paper and the date in boxes of their own are read apart, and the
    // date after them goes.
    let page = under_headline;
    for (byline, names) in [
        (
            "<div class=\"article_byline\"><div>By <span>Jane Doe</span></div>\
             <div class=\"flex\"><div>Ledger News</div><time>Dec 13, 2026 at 3:45 pm</time>\
             </div></div>",
            "By Jane Doe Ledger News",
        ),
        // Inline boxes: a space where a name meets its date, the date and its count go.
        (
            "<p class=\"byline\"><span class=\"by-author\"><span class=\"by\">by</span> \
             <a href=\"/author/jdoe\">Jane Doe</a></span><span class=\"bydate\">22 Dec 2026\
             </span><a class=\"bycount\" href=\"#comments\">651</a></p>",
            "by Jane Doe",
        ),
        // The label in a box of its own, and a reading time after the names.
        (
            "<section class=\"Byline\"><div class=\"Byline__Group\"><span>By</span><span>\
             Jane Doe</span></div><div class=\"Byline__Meta\"><span>&#x2022; </span>8 min read\
             </div></section>",
            "By Jane Doe",
        ),
        // A capital in the middle of a name's own text is not a box's edge.
        (
            "<div class=\"byline\">By <span>Jane McDonald</span></div>",
            "By Jane McDonald",
        ),
        // The writer's job in a box the page names so.
        (
            "<div class=\"author-name\"><span class=\"byline-prefix\">By</span> <a \
             href=\"/jdoe\">Jane Doe</a><span class=\"author-title\">Staff Writer</span></div>",
            "By Jane Doe",
        ),
        // A link to the writer's profile after the names.
        (
            "<div class=\"byline\">By <a href=\"/jdoe\">Jane Doe</a><a href=\"https://x.example/jd\">\
             Twitter</a><span>News Writer</span></div>",
            "By Jane Doe",
        ),
        // A word about the writer in a box the page names so; a label in such a box stays.
        (
            "<div class=\"author-card\"><span class=\"author-card__name\">Jane Doe</span> \
             <span class=\"author-card__microbio\">Senior Politics Editor, Ledger News</span>\
             </div>",
            "Jane Doe",
        ),
        (
            "<div class=\"mntl-bylines__item\"><span class=\"mntl-attribution__item-descriptor\">\
             By</span> <a class=\"mntl-attribution__item-name\" href=\"/jdoe\">Jane Doe</a>\
             <div class=\"mntl-attribution__item-date\">Dec 13, 2026</div></div>",
            "By Jane Doe",
        ),
    ] {
        let capture = extract(&page(byline), Some(PAGE_URL));
        assert_eq!(capture.byline.as_deref(), Some(names), "{byline}");
    }
    // The site's own name on a line after the names goes (another paper's stays, above).
    let capture = extract(
        &page(
            "<div class=\"article_byline\"><div>By <span>Jane Doe</span></div><div>\
             <div>LEDGER DAILY NEWS</div><time>Dec 13, 2026 at 3:45 pm</time></div></div>",
        )
        .replacen(
            "<html>",
            "<html><head><meta property=\"og:site_name\" content=\"Ledger Daily News\"></head>",
            1,
        ),
        Some(PAGE_URL),
    );
    assert_eq!(capture.byline.as_deref(), Some("By Jane Doe"));
    // The date printed in the byline, when nothing else gives one; not an update's.
    const UNDATED: &str = "https://ledger.example/story.html";
    let capture = extract(
        &page(
            "<div class=\"byline\">Written by <a href=\"/jdoe\">Jane Doe</a> in <a \
             href=\"/science\">Science</a> on 1 June 2026 at 08:34 PM EDT.</div>",
        ),
        Some(UNDATED),
    );
    assert_eq!(capture.published.as_deref(), Some("2026-06-01"));
    let capture = extract(
        &page("<div class=\"article_byline\"><div>By Jane Doe</div><div>Dec 13, 2026</div></div>"),
        Some(UNDATED),
    );
    assert_eq!(capture.published.as_deref(), Some("2026-12-13"));
    let capture = extract(
        &page("<div class=\"byline\">By Jane Doe, updated Dec 13, 2026</div>"),
        Some(UNDATED),
    );
    assert_eq!(capture.published, None);
    // A label of a few words before a colon, and commas set apart.
    assert_eq!(without_label("Written by: Jane Doe"), "Jane Doe");
    assert_eq!(without_label("Artikel von: Jane Doe"), "Jane Doe");
    assert_eq!(without_label("Von: Jane Doe"), "Jane Doe");
    assert_eq!(without_label("Jane Doe: Reporter"), "Jane Doe: Reporter");
    // A Korean byline's "reporter" after the one name it follows.
    assert_eq!(without_label("한빛나 기자"), "한빛나");
    assert_eq!(without_label("한빛나 특파원"), "한빛나");
    assert_eq!(without_label("기자"), "기자");
    assert_eq!(
        without_label("Photos by Jane Doe: Text"),
        "Photos by Jane Doe: Text"
    );
    assert_eq!(as_list("Jane Doe,John Roe,"), "Jane Doe, John Roe");
    assert_eq!(as_list("Jane Doe,, John Roe"), "Jane Doe, John Roe");
    // The site's name after the names goes; an agency's stays.
    let site = Some("Ledger News");
    assert_eq!(
        without_site_part("Jane Doe · Ledger News", site, None),
        "Jane Doe"
    );
    assert_eq!(
        without_site_part("Jane Doe | ledgernews.com", None, None),
        "Jane Doe"
    );
    assert_eq!(
        without_site_part("Jane Doe · LEDGER", None, Some(PAGE_URL)),
        "Jane Doe"
    );
    assert_eq!(
        without_site_part("Jane Doe / AFP", site, Some(PAGE_URL)),
        "Jane Doe / AFP"
    );
    assert_eq!(
        without_site_part("· Ledger News", site, None),
        "· Ledger News"
    );
    assert_eq!(without_profile_links("Jane Doe Twitter"), "Jane Doe");
    assert_eq!(without_profile_links("Twitter Staff"), "Twitter Staff");
}

#[test]
fn a_byline_inside_a_page_builders_item_is_the_authors() {
    // The page's author meta is a profile's address (none), and its byline element sits deep
    // inside a page builder's wrapper whose class says "item": still the story's own byline,
    // not a teaser's; a byline in a teaser card close around it is not.
    let page = |byline_box: &str| {
        format!(
            "<html><head><meta name=\"author\" content=\"https://www.facebook.com/janedoe\"></head>\
             <body><div class=\"pb-layout-item article-body\"><div><div><div><div><div><div>\
             {byline_box}</div></div></div></div></div></div>{}</div></body></html>",
            article_with("")
                .trim_start_matches("<html><body>")
                .trim_end_matches("</body></html>")
        )
    };
    let byline = "<div class=\"author-byline\">By <a class=\"author-name\" \
                  href=\"/people/jane-doe/\">Jane Doe</a></div>";
    assert_eq!(
        extract(&page(byline), Some(PAGE_URL)).byline.as_deref(),
        Some("Jane Doe")
    );
    let teaser = format!(
        "<div class=\"story-card\"><h3><a href=\"/other-story\">Another story</a></h3>\
         <div>{byline}</div></div>"
    );
    assert_eq!(extract(&page(&teaser), Some(PAGE_URL)).byline, None);
}

#[test]
fn a_teasers_byline_met_before_the_article_is_not_its_byline() {
    // Readability takes the first byline-like element it meets: here a teaser's, in a list of
    // other stories above the article. The article's own author (a link to their page) is the
    // byline.
    let own = "<p class=\"story__info\">By <a href=\"/author/jane-doe\">Jane Doe</a></p>";
    let page = |before: &str| {
        let body = article_with(own);
        body.replacen("<body>", &format!("<body>{before}"), 1)
    };
    let teasers = "<ul class=\"ws-list\"><li class=\"ws-list__item\"><h2><a href=\"/other\">\
                   A house downtown</a></h2><span class=\"byline\">By John Roe</span></li></ul>";
    let capture = extract(&page(teasers), Some(PAGE_URL));
    assert_eq!(capture.byline.as_deref(), Some("Jane Doe"));
    // So in a link to another story, in a related box titled by a linked `<h1>`, in a comment.
    for other in [
        "<a href=\"/other\" class=\"article article--nav\"><div class=\"article__author\">\
         John Roe</div></a>",
        "<aside class=\"entry__related\"><h1><a href=\"\">Read also</a></h1>\
         <span class=\"entry__author\">John Roe</span></aside>",
        "<li class=\"comment\"><div class=\"comment-author vcard\">John Roe</div></li>",
    ] {
        let capture = extract(&page(other), Some(PAGE_URL));
        assert_eq!(capture.byline.as_deref(), Some("Jane Doe"), "{other}");
    }
    // The story's own parts named "card" or "item" are not teasers: its header card (with its
    // headline), its credits' items (no headline).
    for own_box in [
        "<div class=\"card-box-header\"><h1>The bridge reopens</h1><div \
         class=\"article-author\">John Roe</div></div>",
        "<section class=\"c-article__credits\"><div class=\"c-article__credits-item\"><span \
         class=\"c-article-card__author\">John Roe</span></div></section>",
    ] {
        let capture = extract(&page(own_box), Some(PAGE_URL));
        assert_eq!(capture.byline.as_deref(), Some("John Roe"), "{own_box}");
    }
}

#[test]
fn a_byline_that_is_only_a_stamp_or_a_label_gives_way_to_the_next_that_names_someone() {
    // Readability takes the first byline-like element it meets: here a date's box ("byline
    // published", "author-details"), or the label alone ("By" in an "author-meta" span). The
    // next byline-like element that names someone is the byline, as printed (the writer's
    // job in its own box left out).
    let writer = "<div class=\"article-byline\"><span>By</span> <a href=\"/jane\">Jane Doe</a>\
                  <div class=\"title\">Ledger business reporter</div></div>";
    for first in [
        "<div class=\"byline published\">Published: Dec. 22, 2026, 6:47 p.m.</div>",
        "<div class=\"author-details\"><em>Last Updated:</em> January 7, 2026</div>",
        "<div class=\"byline-date\">17 April 2026 • 2:54pm</div>",
        "<span class=\"author-meta\">By</span>",
        "<span class=\"author-meta\">Posted on</span>",
        "<span class=\"entry-author\">Veröffentlicht am</span>",
    ] {
        let capture = extract(&under_headline(&format!("{first}{writer}")), Some(PAGE_URL));
        assert_eq!(capture.byline.as_deref(), Some("By Jane Doe"), "{first}");
    }
    // A copyright notice where the metadata's creator should be: the writer too.
    let capture = extract(
        &under_headline(writer).replacen(
            "<html>",
            "<html><head><meta name=\"dcterms.creator\" content=\"Copyright Example GmbH - \
             all rights reserved\"></head>",
            1,
        ),
        Some(PAGE_URL),
    );
    assert_eq!(capture.byline.as_deref(), Some("By Jane Doe"));
    // The text of a link to the writer's other posts: the writer's name.
    let capture = extract(
        &under_headline(
            "<a class=\"author-link\" href=\"/author/jd/\" rel=\"author\">Zeige alle Beiträge \
             von Jane Doe</a>",
        ),
        Some(PAGE_URL),
    );
    assert_eq!(capture.byline.as_deref(), Some("Jane Doe"));
    // A label whose name is in the next box ("Article by" over the name).
    let capture = extract(
        &under_headline(
            "<span class=\"article_author_single\">Article by</span><br><span \
             class=\"author_single\">Jane Doe</span>",
        ),
        Some(PAGE_URL),
    );
    assert_eq!(capture.byline.as_deref(), Some("Jane Doe"));
    // A placeholder where the name should be: no byline.
    for placeholder in ["Unknown", "Publié par Unknown"] {
        let capture = extract(
            &under_headline(&format!("<div class=\"post-author\">{placeholder}</div>")),
            Some(PAGE_URL),
        );
        assert_eq!(capture.byline, None, "{placeholder}");
    }
    // A theme's label for screen readers before the byline, and "all of" a writer's posts.
    for (line, byline) in [
        (
            "<span class=\"byline\"><span class=\"screen-reader-text\">Post author</span> By \
             Jane Doe</span>",
            "By Jane Doe",
        ),
        (
            "<a class=\"author\" href=\"/jd\">Alles von Jane Doe</a>",
            "Jane Doe",
        ),
    ] {
        let capture = extract(&under_headline(line), Some(PAGE_URL));
        assert_eq!(capture.byline.as_deref(), Some(byline), "{line}");
    }
    // A name whose apostrophe the page escaped twice (in its JSON-LD), and a title.
    let capture = extract(
        &under_headline("<p>Nothing here.</p>").replacen(
            "<html>",
            "<html><head><meta property=\"og:title\" content=\"Tom &amp;amp; Jerry&#038;#039;s \
             bridge\"><script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \
             \"author\": {\"@type\": \"Person\", \"name\": \"Jane O&#039;Doe\"}}</script></head>",
            1,
        ),
        Some(PAGE_URL),
    );
    assert_eq!(capture.byline.as_deref(), Some("Jane O'Doe"));
    assert_eq!(capture.title.as_deref(), Some("Tom & Jerry's bridge"));
    // A stamp and no one named anywhere: no byline, not the stamp.
    let capture = extract(
        &under_headline(
            "<div class=\"author-details\"><em>Last Updated:</em> January 7, 2026</div>",
        ),
        Some(PAGE_URL),
    );
    assert_eq!(capture.byline, None);
    // A byline with a name and a stamp stays Readability's, the stamp cut off.
    let capture = extract(
        &under_headline(&format!(
            "<div class=\"byline\">By John Roe, Dec. 22, 2026</div>{writer}"
        )),
        Some(PAGE_URL),
    );
    assert_eq!(capture.byline.as_deref(), Some("By John Roe"));
}

#[test]
fn a_name_in_a_catalogues_order_is_put_as_the_page_prints_it() {
    // Readability reads `parsely-author` (and Dublin Core's `creator`) before the page's
    // byline; some sites write the name there surname first.
    let page = |meta: &str, line: &str| {
        under_headline(line).replacen(
            "<html>",
            &format!("<html><head><meta name=\"parsely-author\" content=\"{meta}\"></head>"),
            1,
        )
    };
    let linked = "<p class=\"author-name\">by <a href=\"/author/jane-doe/\">Jane Doe</a></p>";
    let capture = extract(&page("Doe, Jane", linked), Some(PAGE_URL));
    assert_eq!(capture.byline.as_deref(), Some("Jane Doe"));
    // Not when the page prints no such name (two people, or a name and a place).
    let capture = extract(&page("Doe, Roe", linked), Some(PAGE_URL));
    assert_ne!(capture.byline.as_deref(), Some("Roe Doe"));
    let capture = extract(
        &page("Jane Doe, Berlin", "<p>Nothing here.</p>"),
        Some(PAGE_URL),
    );
    assert_eq!(capture.byline.as_deref(), Some("Jane Doe, Berlin"));
}

#[test]
fn a_byline_printed_under_the_headline_after_its_label_is_taken() {
    // No byline in the metadata or the markup's classes: the names a line under the headline
    // prints after "By" (or "Von", "Par" …).
    let page = under_headline;
    for (line, names) in [
        ("<div class=\"x9f\">By <span class=\"a1\">Jane Doe</span></div>", Some("Jane Doe")),
        (
            "<cite class=\"meta\">By <a href=\"/jane-doe/\">Jane Doe</a>, <span>Dec 16, 2026</span></cite>",
            Some("Jane Doe"),
        ),
        (
            "<p class=\"text\">Von Jane Doe, John Roe und Ann Poe, NDR</p>",
            Some("Jane Doe, John Roe, Ann Poe"),
        ),
        // The label twice (one drawn, one in the names' text), a stamp after the names.
        (
            "<div class=\"q1\"><span class=\"a\">By</span><span>by JANE DOE, JOHN ROE and ANN \
             POE Dec 16, 2026, 3:01 PM ET</span></div>",
            Some("JANE DOE, JOHN ROE, ANN POE"),
        ),
        // The names' line in a header of lines: the line.
        (
            "<div class=\"hd\"><p>Von <a href=\"/jane-doe\">Jane Doe</a></p><p><a \
             href=\"/archiv/2023/10/18\">Mi, 18. Oktober 2023</a> um 12:50 Uhr</p></div>",
            Some("Jane Doe"),
        ),
        // Not a line of names.
        ("<div class=\"x9f\">By the numbers</div>", None),
        ("<div class=\"x9f\">By 2030, the bridge will carry trains.</div>", None),
        // Not in a teaser's link.
        ("<a href=\"/other\"><span>By John Roe</span></a>", None),
    ] {
        let capture = extract(&page(line), None);
        assert_eq!(capture.byline.as_deref(), names, "{line}");
    }
}

#[test]
fn every_author_of_a_line_of_linked_authors_is_taken() {
    // Readability takes the first `rel="author"` link; its line names two.
    let page = under_headline;
    let two = "<address><a rel=\"author\" href=\"/profile/jane-doe\">Jane Doe</a> and <a \
               rel=\"author\" href=\"/profile/john-roe\">John Roe</a></address>";
    assert_eq!(
        extract(&page(two), None).byline.as_deref(),
        Some("Jane Doe, John Roe")
    );
    // Readability takes the element whose class says "byline", around the last of three.
    let three = "<p><span class=\"byline-prefix\">By </span><span itemprop=\"name\">Jane \
                 Doe</span>, <span itemprop=\"name\">John Roe</span> and <span \
                 class=\"last-byline\" itemprop=\"name\">Ann Poe</span></p>";
    assert_eq!(
        extract(&page(three), None).byline.as_deref(),
        Some("Jane Doe, John Roe, Ann Poe")
    );
    // A line of one author and other words is left as it was.
    let one = "<address><a rel=\"author\" href=\"/profile/jane-doe\">Jane Doe</a> in \
               <a href=\"/science\">the science desk</a></address>";
    assert_eq!(
        extract(&page(one), None).byline.as_deref(),
        Some("Jane Doe")
    );
}

#[test]
fn a_handle_is_not_a_byline() {
    // An author's slug in the JSON-LD gives way to the meta author's name.
    let html = format!(
        "<html><head><meta name=\"author\" content=\"Jane Doe\">\
         <script type=\"application/ld+json\">{{\"@type\": \"NewsArticle\", \"author\": \
         {{\"@type\": \"Person\", \"name\": \"jane-doe\"}}}}</script></head>{}</html>",
        article_with("").trim_start_matches("<html>")
    );
    assert_eq!(
        extract(&html, Some(PAGE_URL)).byline.as_deref(),
        Some("Jane Doe")
    );
    // An e-mail address as the meta author gives way to the JSON-LD's person.
    let html = format!(
        "<html><head><meta name=\"author\" content=\"j.doe@ledger.example\">\
         <script type=\"application/ld+json\">{{\"@type\": \"NewsArticle\", \"author\": \
         {{\"@type\": \"Person\", \"name\": \"Jane Doe\"}}}}</script></head>{}</html>",
        article_with("").trim_start_matches("<html>")
    );
    assert_eq!(
        extract(&html, Some(PAGE_URL)).byline.as_deref(),
        Some("Jane Doe")
    );
    // The JSON-LD naming only the site: the meta author's person.
    let html = format!(
        "<html><head><meta name=\"author\" content=\"Mária Øberg\">\
         <script type=\"application/ld+json\">{{\"@type\": \"NewsArticle\", \"author\": \
         {{\"name\": \"ledger.example\"}}}}</script></head>{}</html>",
        article_with("").trim_start_matches("<html>")
    );
    assert_eq!(
        extract(&html, Some(PAGE_URL)).byline.as_deref(),
        Some("Mária Øberg")
    );
    // A name with a hyphen or a capital is a name.
    let html = format!(
        "<html><head><meta name=\"author\" content=\"Anne-Marie\"></head>{}</html>",
        article_with("").trim_start_matches("<html>")
    );
    assert_eq!(
        extract(&html, Some(PAGE_URL)).byline.as_deref(),
        Some("Anne-Marie")
    );
}

#[test]
fn a_json_ld_authors_reference_to_a_person_is_that_persons_name() {
    let html = format!(
        "<html><head><script type=\"application/ld+json\">{{\"@graph\": [{{\"@type\": \
         \"NewsArticle\", \"author\": {{\"@id\": \"https://ledger.example/#/person/1\"}}}}, \
         {{\"@type\": \"Person\", \"@id\": \"https://ledger.example/#/person/1\", \"name\": \
         \"Jane Doe\"}}]}}</script></head>{}</html>",
        article_with("").trim_start_matches("<html>")
    );
    assert_eq!(
        extract(&html, Some(PAGE_URL)).byline.as_deref(),
        Some("Jane Doe")
    );
}

#[test]
fn a_twitter_cards_written_by_pair_and_cxenses_author_name_the_author() {
    let page = |metas: &str| {
        format!(
            "<html><head>{metas}</head>{}</html>",
            article_with("").trim_start_matches("<html>")
        )
    };
    let c = extract(
        &page(
            "<meta name=\"author\" content=\"j.doe@ledger.example\">\
             <meta name=\"twitter:label1\" content=\"Written by\">\
             <meta name=\"twitter:data1\" content=\"Jane Doe\">",
        ),
        Some(PAGE_URL),
    );
    assert_eq!(c.byline.as_deref(), Some("Jane Doe"));
    let c = extract(
        &page("<meta name=\"cXenseParse:author\" content=\"Mária Øberg\">"),
        Some(PAGE_URL),
    );
    assert_eq!(c.byline.as_deref(), Some("Mária Øberg"));
    // Another label's data is not an author.
    let c = extract(
        &page(
            "<meta name=\"twitter:label1\" content=\"Est. reading time\">\
             <meta name=\"twitter:data1\" content=\"4 minutes\">",
        ),
        Some(PAGE_URL),
    );
    assert_ne!(c.byline.as_deref(), Some("4 minutes"));
}

#[test]
fn a_json_ld_person_with_a_given_and_a_family_name_is_named_by_them() {
    let html = format!(
        "<html><head><meta name=\"author\" content=\"Jane Doe John Roe\">\
         <script type=\"application/ld+json\">{{\"@type\": \"NewsArticle\", \"author\": \
         [{{\"@type\": \"Person\", \"givenName\": \"Jane\", \"familyName\": \"Doe\"}}, \
         {{\"@type\": \"Person\", \"givenName\": \"John\", \"familyName\": \"Roe\"}}]}}</script>\
         </head>{}</html>",
        article_with("").trim_start_matches("<html>")
    );
    assert_eq!(
        extract(&html, Some(PAGE_URL)).byline.as_deref(),
        Some("Jane Doe, John Roe")
    );
}

#[test]
fn a_byline_with_only_a_date_after_the_json_ld_authors_gives_way_to_them() {
    let page = |author_meta: &str| {
        format!(
            "<html><head><meta name=\"author\" content=\"{author_meta}\">\
             <script type=\"application/ld+json\">{{\"@type\": \"NewsArticle\", \"author\": \
             {{\"@type\": \"Person\", \"name\": \"Jane Doe\"}}}}</script></head>{}</html>",
            article_with("").trim_start_matches("<html>")
        )
    };
    let c = extract(&page("by Jane Doe June 19, 2023"), Some(PAGE_URL));
    assert_eq!(c.byline.as_deref(), Some("Jane Doe"));
    // A place after the name is more than a date: the byline stays.
    let c = extract(&page("Jane Doe, Kiel"), Some(PAGE_URL));
    assert_eq!(c.byline.as_deref(), Some("Jane Doe, Kiel"));
}

#[test]
fn a_title_that_is_only_the_sites_name_gives_way_to_the_og_title() {
    let page = |ld_name: &str| {
        format!(
            "<html><head><title>Ledger</title>\
             <meta property=\"og:site_name\" content=\"Ledger\">\
             <meta property=\"og:title\" content=\"Bridge to be rebuilt | Ledger\">\
             <script type=\"application/ld+json\">{{\"@type\": \"NewsArticle\", \"name\": \
             \"{ld_name}\"}}</script></head>{}</html>",
            article_with("").trim_start_matches("<html>")
        )
    };
    let c = extract(&page("The Ledger"), Some(PAGE_URL));
    assert_eq!(c.title.as_deref(), Some("Bridge to be rebuilt"));
}

#[test]
fn a_title_with_a_breadcrumb_after_it_gives_way_to_the_twitter_cards_title() {
    // A `<meta name="title">` with the sections and the site after the headline, a page that
    // names its site nowhere else and is read without its address: the Twitter card's title
    // is the headline alone.
    let page = |card: &str| {
        format!(
            "<html><head><meta name=\"title\" content=\"Court to decide on the harbour \
             appeal » Local » News » Island Daily\">\
             <meta name=\"twitter:title\" content=\"{card}\"></head>{}</html>",
            article_with("").trim_start_matches("<html>")
        )
    };
    let c = extract(&page("Court to decide on the harbour appeal"), None);
    assert_eq!(
        c.title.as_deref(),
        Some("Court to decide on the harbour appeal")
    );
    // A card's title that is not where the title starts, or too short to be a headline,
    // changes nothing.
    let whole = "Court to decide on the harbour appeal » Local » News » Island Daily";
    let c = extract(&page("Harbour appeal"), None);
    assert_eq!(c.title.as_deref(), Some(whole));
    let c = extract(&page("Court"), None);
    assert_eq!(c.title.as_deref(), Some(whole));
}

#[test]
fn a_title_and_byline_lose_the_invisible_characters_they_carry() {
    // A soft hyphen inside a long word, a zero-width space at the end (as taz.de's `og:title`
    // has), a word joiner and a byte-order mark; the zero-width joiner of an emoji stays.
    let page = format!(
        "<html><head><meta property=\"og:title\" content=\"Helikopter\u{ad}landeplatz \
         beim Weissen\u{2060} Haus \u{1f469}\u{200d}\u{1f692}\u{200b}\">\
         <meta name=\"author\" content=\"\u{feff}Jane Doe\"></head>{}</html>",
        article_with("").trim_start_matches("<html>")
    );
    let c = extract(&page, Some(PAGE_URL));
    assert_eq!(
        c.title.as_deref(),
        Some("Helikopterlandeplatz beim Weissen Haus \u{1f469}\u{200d}\u{1f692}")
    );
    assert_eq!(c.byline.as_deref(), Some("Jane Doe"));
    // The `og:title` set again above the first paragraph (another wording than the JSON-LD's
    // headline, which the app takes), soft hyphen and all, is still known for a headline and
    // dropped.
    let og = "Bridge vote: Council votes to re\u{ad}build the bridge";
    let page = format!(
        "<html><head><meta property=\"og:title\" content=\"{og}\">\
         <script type=\"application/ld+json\">{{\"@context\": \"https://schema.org\", \
         \"@type\": \"NewsArticle\", \"headline\": \"The bridge will be rebuilt\"}}</script>\
         </head>{}</html>",
        article_with("").trim_start_matches("<html>").replacen(
            "<h1>Bridge</h1>",
            &format!("<h1>{og}</h1>"),
            1
        )
    );
    let c = extract(&page, Some(PAGE_URL));
    assert_eq!(c.title.as_deref(), Some("The bridge will be rebuilt"));
    assert_lacks(&c.article, "Council votes to re");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_long_headline_from_the_metadata_is_kept_whole() {
    // 171 characters: a headline with its standfirst, as Italian and British sites write them.
    let headline = "Harbour board meets the ferry operators on the new timetable: \
                    «A fair deal for the islands». The mayor: «We asked for two more \
                    crossings a day in the winter months»";
    assert!(headline.chars().count() > crate::core::html::MAX_TITLE_CHARS);
    let page = format!(
        "<html><head><meta property=\"og:title\" content=\"{headline}\"></head>{}</html>",
        article_with("").trim_start_matches("<html>")
    );
    let c = extract(&page, Some(PAGE_URL));
    assert_eq!(c.title.as_deref(), Some(headline));
    // A title longer than any headline is still cut, with an ellipsis.
    let endless = "word ".repeat(200);
    let page = format!(
        "<html><head><meta property=\"og:title\" content=\"{endless}\"></head>{}</html>",
        article_with("").trim_start_matches("<html>")
    );
    let title = extract(&page, Some(PAGE_URL)).title.unwrap_or_default();
    assert_eq!(title.chars().count(), crate::core::html::MAX_HEADLINE_CHARS);
    assert!(title.ends_with('…'));
}

#[test]
fn a_newsrooms_initials_after_the_names_and_semicolons_between_them_are_dropped() {
    let page = |author_meta: &str| {
        format!(
            "<html><head><meta name=\"author\" content=\"{author_meta}\"></head>{}</html>",
            article_with("").trim_start_matches("<html>")
        )
    };
    for (meta, listed) in [
        ("Jane Doe (jdo), John Roe (jro.)", "Jane Doe, John Roe"),
        ("Jane Doe; John Roe", "Jane Doe, John Roe"),
        // A name or a handle in parentheses stays.
        ("Jane (Mary) Doe", "Jane (Mary) Doe"),
        ("Jane Doe (janedoe77)", "Jane Doe (janedoe77)"),
    ] {
        assert_eq!(
            extract(&page(meta), Some(PAGE_URL)).byline.as_deref(),
            Some(listed),
            "{meta}"
        );
    }
}

#[test]
fn a_byline_that_is_the_sites_name_gives_way_to_the_author_the_markup_marks() {
    let page = |mark: &str| {
        format!(
            "<html><head><meta name=\"author\" content=\"Ledger\">\
             <meta property=\"og:site_name\" content=\"Ledger\"></head>{}</html>",
            article_with(&format!("<p class=\"meta\">{mark}</p>")).trim_start_matches("<html>")
        )
    };
    for mark in [
        "von <a href=\"/autoren/jane-doe\">Dr. Jane Doe</a>",
        "<span itemprop=\"author\" itemscope><span itemprop=\"name\">Dr. Jane Doe</span></span>",
        "<a rel=\"author\" href=\"/people/1\">By Dr. Jane Doe</a>",
    ] {
        assert_eq!(
            extract(&page(mark), Some(PAGE_URL)).byline.as_deref(),
            Some("Dr. Jane Doe"),
            "{mark}"
        );
    }
    // A link of more than a name ("All stories by Jane Doe since 2019") is none.
    let c = extract(
        &page("<a href=\"/author/jane-doe\">All 240 stories by Jane Doe</a>"),
        Some(PAGE_URL),
    );
    assert_ne!(c.byline.as_deref(), Some("All 240 stories by Jane Doe"));
}

#[test]
fn a_byline_that_is_the_sites_name_gives_way_to_a_person_a_class_names_the_author() {
    let page = |before: &str, mark: &str| {
        format!(
            "<html><head><meta name=\"author\" content=\"Ledger\">\
             <meta property=\"og:site_name\" content=\"Ledger\"></head>{before}{}</html>",
            article_with(&format!("<p class=\"meta\">{mark}</p>")).trim_start_matches("<html>")
        )
    };
    let byline = |before: &str, mark: &str| extract(&page(before, mark), Some(PAGE_URL)).byline;
    let mark = "<span class=\"article__author\">Von Jane Doe, Lille</span>";
    assert_eq!(byline("", mark).as_deref(), Some("Jane Doe, Lille"));
    let listed = "<span class=\"authors__list-item\">by Jane Doe</span>";
    assert_eq!(byline("", listed).as_deref(), Some("Jane Doe"));
    // Not a person's name: the site's name stays.
    for other in ["APA", "Quelle: sid/dpa", "red, Ledger/Agenturen"] {
        let mark = format!("<span class=\"author\">{other}</span>");
        assert_eq!(byline("", &mark).as_deref(), Some("Ledger"), "{other}");
    }
    // Another story's teaser (in a link) or a comment's author before it is not the byline.
    let teaser = "<a href=\"/other\"><div class=\"author-name\">Von John Roe</div></a>";
    assert_eq!(byline(teaser, mark).as_deref(), Some("Jane Doe, Lille"));
    let comment = "<div class=\"comment-body\"><span class=\"author\">John Roe</span></div>";
    assert_eq!(byline(comment, "").as_deref(), Some("Ledger"));
}

#[test]
fn an_embeds_longer_consent_text_and_its_buttons_are_dropped() {
    let consent = format!(
        "Um eingebettete Inhalte anzuzeigen, ist deine widerrufliche Einwilligung in die \
         Übermittlung deiner Daten notwendig. {}",
        "Die Anbieter der Inhalte setzen dafür Cookies und ähnliche Techniken ein. ".repeat(5)
    );
    let html = article_with(&format!(
        "<div><p>{consent}</p><p>YouTube-Inhalte erlauben</p><p>Link zum YouTube-Inhalt</p>\
         <p>Du kannst ihn dir mit einem Klick anzeigen lassen und wieder ausblenden.</p></div>\
         <p>Der Hafenrat gab seine Einwilligung, die Pläne mit einem Klick online anzuzeigen.</p>"
    ));
    let c = extract(&html, None);
    assert_lacks(&c.article, "eingebettete Inhalte");
    assert_lacks(&c.article, "YouTube-Inhalte erlauben");
    assert_lacks(&c.article, "Link zum YouTube-Inhalt");
    assert_lacks(&c.article, "wieder ausblenden");
    assert_has(&c.article, "Der Hafenrat gab seine Einwilligung");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_line_of_only_the_authors_names_at_the_start_is_the_byline() {
    let prose = "The council voted on Tuesday to rebuild the old bridge over the river, after \
                 years of debate about its cost and about the traffic it would bring to town.";
    let page = |head: &str, top: &str, end: &str| {
        format!(
            "<html><head>{head}<meta property=\"og:site_name\" content=\"Ledger\"></head>\
             <body><article><h1>Bridge</h1>{top}<p>{prose}</p><p>{prose}</p><p>{prose}</p>\
             <p>{prose}</p>{end}</article></body></html>"
        )
    };
    // (the page's head, the article's top, its end, the byline, the names' line)
    for (head, top, end, byline, line) in [
        // The site's name as the byline: the names in bold above the first paragraph are
        // taken and leave the text ("/" between two names is a list).
        (
            "<meta name=\"author\" content=\"Ledger\">",
            "<p><strong>Mária Øberg/Jonas van der Berg</strong></p>",
            "",
            "Mária Øberg, Jonas van der Berg",
            "Øberg",
        ),
        // No byline at all: a signature in bold as the last line.
        (
            "",
            "",
            "<p><b>Li Wei Chen</b></p>",
            "Li Wei Chen",
            "Li Wei Chen",
        ),
        // A known byline: the same names as a line of their own at the start leave the text.
        (
            "<meta name=\"author\" content=\"Jane Doe\">",
            "<div>Jane Doe</div>",
            "",
            "Jane Doe",
            "Jane Doe",
        ),
    ] {
        let c = extract(&page(head, top, end), Some(PAGE_URL));
        assert_eq!(c.byline.as_deref(), Some(byline));
        assert_lacks(&c.article, line);
    }
    // A kicker or a heading in title case, a label in bold over a list, a bold heading
    // whose words the page writes in lower case, another person's name: all stay, and none is
    // taken as the byline.
    for (top, end) in [
        ("<p>Executive Branch</p>", ""),
        ("", "<p><b>Further Reading</b></p><ul><li>Bridges</li></ul>"),
        (
            "<p><strong>Harbour Works</strong></p>",
            "<p>More works at the harbour.</p>",
        ),
    ] {
        let c = extract(&page("", top, end), Some(PAGE_URL));
        assert_eq!(c.byline, None, "{top}{end}");
        for kept in ["Executive Branch", "Further Reading", "Harbour Works"] {
            if top.contains(kept) || end.contains(kept) {
                assert_has(&c.article, kept);
            }
        }
    }
    let c = extract(
        &page(
            "<meta name=\"author\" content=\"Jane Doe\">",
            "<div>John Roe</div>",
            "",
        ),
        Some(PAGE_URL),
    );
    assert_has(&c.article, "John Roe");
}

#[test]
fn a_line_of_only_names_is_read_as_names() {
    for (line, names) in [
        ("Jane Doe and John Roe", Some("Jane Doe, John Roe")),
        ("JANE DOE", Some("JANE DOE")),
        ("Anna van der Berg", Some("Anna van der Berg")),
        ("Jane", None),
        ("The Weekly Roundup", None),
        ("Jane Doe reports", None),
        ("Jane Doe, 42", None),
        ("Jane Doe:", None),
        ("", None),
        ("A B C D E", None),
    ] {
        assert_eq!(names_only(line).as_deref(), names, "{line}");
    }
}

#[test]
fn the_byline_again_with_a_role_a_place_or_a_date_at_the_start_is_dropped() {
    let page = |top: &str| {
        format!(
            "<html><head><meta name=\"author\" content=\"Jane Doe\"></head>{}</html>",
            article_with("").trim_start_matches("<html>").replacen(
                "<h1>Bridge</h1>",
                &format!("<h1>Bridge</h1>{top}"),
                1
            )
        )
    };
    for line in [
        "Jane Doe Political Correspondent",
        "von Jane Doe, Ledger Berlin",
        "Jane Doe|Published 4 hours ago",
        "Jane Doe · Ledger · Posted: Nov 27, 2026 4:00 AM",
    ] {
        let c = extract(&page(&format!("<div>{line}</div>")), Some(PAGE_URL));
        assert_eq!(c.byline.as_deref(), Some("Jane Doe"));
        assert_lacks(&c.article, line);
        assert_five_paragraphs_kept(&c.article);
    }
    // A sentence about the author, another person's line and a line of many words stay.
    for line in [
        "Jane Doe reported from the harbour.",
        "John Roe Political Correspondent",
        "Jane Doe and the council spent a long night arguing over the bridge and its cost at the town hall",
    ] {
        let c = extract(&page(&format!("<div>{line}</div>")), Some(PAGE_URL));
        assert_has(&c.article, line);
    }
}

#[test]
fn links_to_the_sites_sections_that_open_the_article_are_dropped() {
    let page = |top: &str| article_with("").replacen("<h1>Bridge</h1>", top, 1);
    for top in [
        "<span><a href=\"/news/world\"><span>World</span></a></span>",
        "<div><a href=\"https://ledger.example/\">Home</a></div>\
         <div><a href=\"/region/\">River Valley</a></div>",
    ] {
        let c = extract(&page(top), Some(PAGE_URL));
        assert!(!c.article.starts_with("World"), "{}", c.article);
        assert_lacks(&c.article, "Home");
        assert_lacks(&c.article, "River Valley");
        assert_five_paragraphs_kept(&c.article);
    }
    // A link that opens a sentence stays, even a section's name.
    for (top, kept) in [
        (
            "<p><a href=\"/people/jane\">Jane Doe</a> opened the new bridge on Monday.</p>",
            "Jane Doe",
        ),
        (
            "<p><a href=\"/news/world\">World</a> leaders came to see the new bridge.</p>",
            "World leaders",
        ),
    ] {
        let c = extract(&page(top), Some(PAGE_URL));
        assert_has(&c.article, kept);
    }
}

#[test]
fn the_headline_set_again_above_the_first_paragraph_is_dropped() {
    let page = |top: &str, end: &str| {
        format!(
            "<html><head><title>Ledger</title><meta property=\"og:title\" \
             content=\"Bridge vote: Council votes to rebuild the bridge\"></head>{}</html>",
            article_with(end)
                .trim_start_matches("<html>")
                .replacen("<h1>Bridge</h1>", top, 1)
        )
    };
    // Twice for two layouts, or with its kicker as the `og:title` has it.
    for top in [
        "<h1>Bridge vote: Council votes to rebuild the bridge</h1>\
         <h1>Bridge vote: Council votes to rebuild the bridge</h1>",
        "<h2><span>Bridge vote</span> Council votes to rebuild the bridge</h2>",
    ] {
        let c = extract(&page(top, ""), Some(PAGE_URL));
        assert_lacks(&c.article, "Council votes to rebuild the bridge");
        assert_five_paragraphs_kept(&c.article);
    }
    // A heading of other words above the first paragraph, and the headline's words as a
    // heading under it, stay.
    let c = extract(
        &page(
            "<h2>Bridge vote: Council votes to rebuild the bridge</h2><h2>Delays on every side</h2>",
            "<h2>Bridge vote: Council votes to rebuild the bridge</h2>",
        ),
        Some(PAGE_URL),
    );
    assert_has(&c.article, "Delays on every side");
    assert_has(&c.article, "Council votes to rebuild the bridge");
}

#[test]
fn a_section_after_the_titles_bar_that_the_og_title_leaves_out_is_dropped() {
    let page = |headline: &str, og: &str| {
        format!(
            "<html><head><title>{headline} | Ledger</title><meta property=\"og:title\" \
             content=\"{og}\"><script type=\"application/ld+json\">{{\"@context\": \
             \"https://schema.org\", \"@type\": \"NewsArticle\", \
             \"headline\": \"{headline}\"}}</script></head>{}</html>",
            article_with("").trim_start_matches("<html>")
        )
    };
    // (the JSON-LD's headline, the og:title, the title)
    for (headline, og, title) in [
        (
            "Council votes to rebuild the bridge | Local News",
            "Council votes to rebuild the bridge",
            "Council votes to rebuild the bridge",
        ),
        // A longer tail, or one the og:title has too, stays.
        (
            "Council votes to rebuild the bridge | What the town thinks of it",
            "Council votes to rebuild the bridge",
            "Council votes to rebuild the bridge | What the town thinks of it",
        ),
        (
            "Council votes to rebuild the bridge | Local",
            "Council votes to rebuild the bridge | Local",
            "Council votes to rebuild the bridge | Local",
        ),
    ] {
        let c = extract(&page(headline, og), Some(PAGE_URL));
        assert_eq!(c.title.as_deref(), Some(title), "{headline}");
    }
}

#[test]
fn a_divs_caption_hidden_or_widget_class_survives_readabilitys_paragraphs() {
    // Readability replaces a `<div>` of only phrasing content (or of one `<p>`) by a `<p>`
    // without its class: the caption, the screen-reader text and the widget's text went with
    // the class.
    let html = article_with(
        "<figure><img src=\"a.jpg\" alt=\"Bridge\"><div class=\"figure-caption\"><b>May 1926: \
         </b>The first bridge over the river, a week before it opened.</div></figure>\
         <div class=\"media-caption\"><p>The ferry that the bridge replaced, at its pier.</p></div>\
         <div class=\"sr-only\">Opens the gallery in a new window</div>\
         <div class=\"share-tools\">Pass the story on to a neighbour today</div>\
         <div class=\"standfirst\">The vote was close, and the mayor cast the last one.</div>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "The first bridge over the river");
    assert_lacks(&c.article, "The ferry that the bridge replaced");
    assert_lacks(&c.article, "Opens the gallery");
    assert_lacks(&c.article, "Pass the story on");
    // A `<div>` of another class is the story's.
    assert_has(&c.article, "the mayor cast the last one");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_cite_that_repeats_its_images_alternative_text_is_dropped() {
    // A gallery's caption in a `<cite>` after its image.
    let html = article_with(
        "<div class=\"gallery\"><img src=\"a.jpg\" alt=\"Crowds wait along the parade route \
         on Thursday. \"> <cite id=\"c1\">Crowds wait along the parade route on Thursday. \
         </cite></div><p>She said it, <cite>The Harbour Review</cite> reported.</p>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "Crowds wait along");
    assert_has(&c.article, "The Harbour Review");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_list_of_one_other_story_inside_the_article_is_dropped() {
    let html = article_with(
        "<div><ul class=\"similar\"><li><a href=\"https://www.ledger.example/2026/10/ferry\">\
         <span>Who runs the ferry, and what it will do now</span></a></li></ul></div>\
         <ul><li><a href=\"https://rivers.example/report\">The river authority's flood report \
         of 2025</a></li></ul>\
         <ul><li><a href=\"#cost\">What the bridge will cost</a></li></ul>",
    );
    let c = extract(&html, Some("https://ledger.example/2026/11/27/bridge.html"));
    assert_lacks(&c.article, "Who runs the ferry");
    // A source on another site and a table of contents stay.
    assert_has(&c.article, "flood report");
    assert_has(&c.article, "What the bridge will cost");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_menu_of_the_sites_sections_above_the_article_is_dropped_whole() {
    let menu: String = [
        "Business", "Money", "Careers", "Politics", "Science", "Travel",
    ]
    .iter()
    .map(|s| format!("<li><a href=\"/{}/\">{s}</a></li>", s.to_lowercase()))
    .collect();
    let html = article_with("").replacen("<h1>Bridge</h1>", &format!("<ul>{menu}</ul>"), 1);
    let c = extract(&html, Some(PAGE_URL));
    for s in ["Business", "Politics", "Travel"] {
        assert_lacks(&c.article, s);
    }
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_caption_set_again_apart_from_its_image_is_dropped() {
    // The figure's caption, then the same text again for another layout.
    let html = article_with(
        "<figure><img src=\"a.jpg\" alt=\"\"><figcaption><span class=\"figcaption__caption\">\
         Offices wait for tenants by the new bridge.</span> <span>Jane Doe for the Ledger</span>\
         </figcaption></figure><div class=\"screen\"><div class=\"screen-text\">Offices wait \
         for tenants by the new bridge.</div></div>\
         <p>Offices wait for tenants by the new bridge, and more will be built next year.</p>",
    );
    let c = extract(&html, None);
    assert_eq!(
        c.article.matches("Offices wait").count(),
        1,
        "{}",
        c.article
    );
    assert_has(&c.article, "and more will be built next year");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_caption_without_a_mark_after_its_image_is_dropped() {
    let html = article_with(
        "<div class=\"sc-a1\"><picture><img src=\"a.jpg\"></picture>\
         <div class=\"sc-b2\">Council members at the riverbank on Tuesday morning</div></div>\
         <div><div class=\"img\"><img src=\"b.jpg\"></div><p><b>June 1926:</b> The first \
         bridge, a week before it opened</p></div>\
         <div><picture><img src=\"e.jpg\"></picture><div>Fans of the ferry wave it goodbye</div>\
         <div>Jane Doe/Harbour Photos</div></div>\
         <p><img src=\"f.jpg\"><br> <em>Jane Doe (right) at the pier</em></p>\
         <p><img src=\"g.jpg\"> Jane Doe, who ran the ferry for thirty years, was there.</p>\
         <div><img src=\"d.jpg\"><p>The ferry pier.</p><p>The old pier.</p><p>At dawn.</p></div>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "Council members at the riverbank");
    assert_lacks(&c.article, "The first bridge");
    // Text in a block of more than an image and two blocks stays.
    assert_lacks(&c.article, "Fans of the ferry");
    assert_lacks(&c.article, "Harbour Photos");
    assert_lacks(&c.article, "at the pier");
    assert_has(&c.article, "who ran the ferry for thirty years");
    assert_has(&c.article, "The old pier");
    assert_five_paragraphs_kept(&c.article);
    // A short story's only paragraph under its photo is not its caption.
    let brief = "<html><body><article><h1>Bridge</h1><div><div><img src=\"a.jpg\"></div>\
                 <p>The council voted on Tuesday to rebuild the old bridge over the river, after \
                 years of debate about its cost, its traffic and the ferry it would replace.</p>\
                 </div></article></body></html>";
    let c = extract(brief, None);
    assert_has(&c.article, "The council voted on Tuesday");
}

#[test]
fn an_embeds_long_consent_button_is_dropped() {
    // The consent button's sentence with the data-protection sentences after it, over the
    // 40 words of a notice.
    let html = article_with(
        "<p>Ich bin damit einverstanden, dass mir der externe Inhalt angezeigt wird. Damit \
         können personenbezogene Daten an Drittplattformen übermittelt werden. Mehr dazu in \
         unserer Datenschutzerklärung, die Sie jederzeit aufrufen und in der Sie Ihre \
         Einstellungen für alle externen Inhalte dieser Seite auch später noch ändern oder \
         ganz widerrufen können, wenn Sie das möchten.</p>\
         <p>Der Hafenrat war mit dem Plan einverstanden, nachdem die Kosten angezeigt wurden.</p>",
    );
    let c = extract(&html, None);
    assert_lacks(&c.article, "Ich bin damit einverstanden");
    assert_has(&c.article, "Der Hafenrat war mit dem Plan einverstanden");
    assert_five_paragraphs_kept(&c.article);
}

#[test]
fn a_heading_left_with_nothing_under_it_at_the_end_is_dropped() {
    // The label of a tag list whose links the trailing-link filter takes: nothing is left
    // under it. A subhead between paragraphs stays.
    let para = BRIDGE_PARAGRAPH;
    let html = format!(
        "<html><body><article><h1>Bridge</h1><p>{para}</p><p>{para}</p>\
         <h2>Costs and delays</h2><p>{para}</p><p>{para}</p><p>{para}</p>\
         <h3>More about the harbour</h3><ul><li><a href=\"/tag/ferry\">Ferry</a></li>\
         <li><a href=\"/tag/tunnel\">Tunnel</a></li></ul></article></body></html>"
    );
    let c = extract(&html, Some(PAGE_URL));
    assert_lacks(&c.article, "More about the harbour");
    assert_has(&c.article, "Costs and delays");
    assert_five_paragraphs_kept(&c.article);
    // A heading of sentences (a quote set large) stays.
    let html = format!(
        "<html><body><article><h1>Bridge</h1><p>{para}</p><p>{para}</p><p>{para}</p>\
         <p>{para}</p><p>{para}</p><h3>The bridge will open. It will cost more.</h3>\
         </article></body></html>"
    );
    let c = extract(&html, Some(PAGE_URL));
    assert_has(&c.article, "The bridge will open. It will cost more.");
}

#[test]
fn a_navigation_block_inside_the_article_is_dropped() {
    // A table of contents in a `<nav>` and a row of links to the previous and next stories
    // marked as navigation, between the story's paragraphs.
    for nav in [
        "<nav><p>On this page</p><ol><li><a href=\"#vote\">The vote on the bridge</a></li>\
         <li><a href=\"#cost\">What the bridge will cost</a></li></ol></nav>",
        "<div role=\"navigation\"><span>Previous story:</span> <a href=\"/2026/11/26/harbour\">\
         The harbour reopens</a> <span>Next story:</span> \
         <a href=\"/2026/11/28/school\">A new school for the valley</a></div>",
    ] {
        let c = extract(&article_with(nav), Some(PAGE_URL));
        assert_lacks(&c.article, "On this page");
        assert_lacks(&c.article, "What the bridge will cost");
        assert_lacks(&c.article, "The harbour reopens");
        assert_lacks(&c.article, "A new school for the valley");
        assert_five_paragraphs_kept(&c.article);
    }
}

#[test]
fn a_page_readability_cannot_read_gives_its_text_without_its_furniture() {
    // The story is in an element a script shows (`hidden`, as a streamed page sends it), so
    // Readability takes next to nothing; the page around it is a menu, a header and a footer.
    let para = BRIDGE_PARAGRAPH;
    let html = format!(
        "<html><head><title>Bridge</title></head><body>\
         <header><a href=\"/\">The Ledger</a><p>News from the river valley since 1901</p></header>\
         <nav><ul><li><a href=\"/news\">News</a></li><li><a href=\"/sport\">Sport</a></li>\
         <li><a href=\"/about\">About us</a></li></ul></nav>\
         <div hidden id=\"S:1\"><main><h1>Bridge</h1><p>{para}</p><p>{para}</p><p>{para}</p>\
         </main></div>\
         <footer><p>Copyright 2026 The Ledger, River Valley</p><p>Contact the newsroom</p></footer>\
         </body></html>"
    );
    let c = extract(&html, Some(PAGE_URL));
    assert!(c.found, "{:?}", c.article);
    assert_eq!(
        c.article.matches("The council voted").count(),
        3,
        "{:?}",
        c.article
    );
    assert_lacks(&c.article, "About us");
    assert_lacks(&c.article, "since 1901");
    assert_lacks(&c.article, "Contact the newsroom");
    // The whole text is still there to choose.
    assert_has(&c.whole, "Contact the newsroom");
    // A page whose text without its furniture is not prose stays whole, as before.
    let c = extract(NO_ARTICLE, Some("https://search.example/q"));
    assert!(!c.found);
    assert_eq!(c.article, c.whole);
}

#[test]
fn a_paragraph_with_links_in_wrappers_of_its_own_is_kept() {
    // Every paragraph in `<div>`s of its own, as a block component renders it; three of them
    // are over a quarter link text (Readability dropped their wrappers, and them with them).
    let block = |p: &str| {
        format!("<div data-component=\"text-block\"><div class=\"x1\"><div class=\"x2\"><p>{p}</p></div></div></div>")
    };
    let para = BRIDGE_PARAGRAPH;
    let body: String = [
        block(para),
        block(
            "Critics said the plan <a href=\"/2026/10/01/cost\">relied too much on a loan from \
             the regional bank</a> and on tolls that drivers would not pay.",
        ),
        block(para),
        block("In 2008, the council said that <a href=\"/2008/vote\">the bridge would be rebuilt</a>."),
        // A paragraph that is a `<div>` of text in a `<div>` of its own.
        "<div class=\"block-content\"><div class=\"container\"><span>Yet even after the </span>\
         <a href=\"/2026/11/02/records\"><span>release of the council's records</span></a>\
         <span> in recent weeks, some questions about the loan remain unanswered.</span></div></div>"
            .to_string(),
        block(para),
        block("Read more: <a href=\"/2026/11/20/ferry\">The ferry that never came back to the valley</a>"),
        block("<a href=\"/2026/11/21/bridge\">Everything you need to know about the bridge and its long history</a>."),
        block(para),
    ]
    .concat();
    let html = format!(
        "<html><head><title>Bridge</title></head><body><main><h1>Bridge</h1>{body}</main></body></html>"
    );
    let c = extract(&html, Some(PAGE_URL));
    assert!(c.found, "{:?}", c.article);
    assert_has(
        &c.article,
        "Critics said the plan relied too much on a loan from the regional bank and on tolls that drivers would not pay.",
    );
    assert_has(
        &c.article,
        "In 2008, the council said that the bridge would be rebuilt.",
    );
    assert_has(
        &c.article,
        "Yet even after the release of the council's records in recent weeks, some questions about the loan remain unanswered.",
    );
    // A label before a link, and a sentence that is all link, stay as Readability left them.
    assert_lacks(&c.article, "The ferry that never came back");
    assert_lacks(&c.article, "Everything you need to know");
    assert_eq!(
        c.article.matches("The council voted").count(),
        4,
        "{:?}",
        c.article
    );
}

#[test]
fn empty_elements_drawn_as_line_breaks_keep_the_text_apart() {
    // A CMS that breaks lines with empty `<span class="… br">`s and no white space: a bold
    // heading, its paragraph, and sentences that would run together without them.
    let br = "<span class=\"id-r-component br\" data-pos=\"1\"></span>";
    let body = format!(
        "{p}{br}{p}{br}<span class=\"strong\">Beyond the Bridge: The Council's Figures</span>{br}{br}\
         The council's report of 2025 also sheds light on the cost of the loan.{br}Officials \
         noted that the toll would have to rise by a third.{br}{br}{p}<span class=\"br\"> </span>\
         <span class=\"flag br\">BR</span>",
        p = BRIDGE_PARAGRAPH
    );
    let html = format!(
        "<html><head><title>Bridge</title></head><body><main><h1>Bridge</h1><div class=\"story\">{body}</div></main></body></html>"
    );
    let c = extract(&html, Some(PAGE_URL));
    assert!(c.found, "{:?}", c.article);
    for text in [&c.article, &c.whole] {
        assert_lacks(text, "FiguresThe");
        assert_lacks(text, "loan.Officials");
        assert!(
            text.lines()
                .any(|l| l.trim() == "Beyond the Bridge: The Council's Figures"),
            "{text:?}"
        );
        assert!(
            text.lines()
                .any(|l| l.trim_start().starts_with("Officials noted that")),
            "{text:?}"
        );
    }
    // An element of that class with text in it is not a line break.
    assert_has(&c.whole, "BR");
}

#[test]
fn a_table_readability_takes_alone_keeps_its_rows_and_cells_apart() {
    // A data table whose cells outscore the two short paragraphs around it: Readability
    // takes its body alone, renamed to a `<div>`.
    let rows: String = (0..40)
        .map(|i| {
            format!(
                "<tr><td>Ward {i}, by the river, north of the old bridge</td>\
                 <td>Councillor {i}, elected in 2022, re-elected in 2026</td></tr>"
            )
        })
        .collect();
    let html = format!(
        "<html><head><title>Wards</title></head><body><main><h1>Wards</h1>\
         <p>The council published its list.</p><table class=\"data\"><tbody>\
         <tr><th>Ward</th><th>Member</th></tr>{rows}</tbody></table><p>More soon.</p>\
         </main></body></html>"
    );
    let c = extract(&html, Some(PAGE_URL));
    assert!(
        c.article.contains("Ward 7, by the river"),
        "{:?}",
        c.article
    );
    for cell in [
        "Ward",
        "Member",
        "Ward 7, by the river, north of the old bridge",
        "Councillor 7, elected in 2022, re-elected in 2026",
    ] {
        assert!(
            c.article.lines().any(|l| l.trim() == cell),
            "{cell:?} not a line of its own in {:?}",
            c.article
        );
    }
}

proptest::proptest! {
    /// No text makes the date readers, the title's site stripping or the byline's stamp
    /// cutting panic; a date read is a real calendar date, a title only ever loses its ends
    /// (a site's name, a label), and a byline only ever keeps a run of its words.
    #[test]
    fn dates_and_titles_never_panic_and_stay_in_shape(
        text in "[0-9０-９年月日년월일.:：｜| ,A-Za-z\u{3042}-\u{3093}-]{0,40}",
        site in proptest::option::of("[a-zA-Z\u{3042}-\u{3093} ]{0,12}"),
        byline in "((By|by|von|Posted|Updated:|on|at|Opinion|\\||·|/|Jane|Doe|March|Dec\\.|Monday|2026|12|28,|10/04/2026|09:22|AM|2026年04月|Stand:) ){0,12}",
    ) {
        if let Some(d) = parse_date(&text) {
            proptest::prop_assert_eq!(iso_date(&d), Some(d.clone()));
        }
        let url = Some("https://ledger.example/2026/story.html");
        let title = without_site(&text, site.as_deref(), url);
        proptest::prop_assert!(text.contains(title.as_str()), "{text:?} -> {title:?}");
        let names = without_stamp(&byline);
        let spaced = byline.split_whitespace().collect::<Vec<_>>().join(" ");
        proptest::prop_assert!(
            names == byline || spaced.contains(names.as_str()),
            "{byline:?} -> {names:?}"
        );
    }
}

#[test]
fn the_sites_staff_gives_way_to_the_writer_the_page_names() {
    // `<meta name="author">` credits the site's staff as a whole; the page names the writer.
    // (An address whose host does not name the site.)
    const OTHER_HOST: &str = "https://www.example.com/2026/12/story.html";
    let page = |byline: &str| {
        article_with(byline).replacen(
            "<html>",
            "<html><head><meta property=\"og:site_name\" content=\"Ledger Weekly\">\
             <meta name=\"author\" content=\"Ledger Weekly Staff\"></head>",
            1,
        )
    };
    let named = page("<div class=\"content-byline\">By <a href=\"/author/jane-doe/\" rel=\"author\">Jane Doe</a></div>");
    assert_eq!(
        extract(&named, Some(OTHER_HOST)).byline.as_deref(),
        Some("Jane Doe")
    );
    // No one else named: the staff's credit stays.
    assert_eq!(
        extract(&page(""), Some(OTHER_HOST)).byline.as_deref(),
        Some("Ledger Weekly Staff")
    );
}

#[test]
fn a_stamp_and_its_source_on_one_line_under_the_headline_dates_the_page() {
    // Chinese news sites print the stamp and the source on one line under the headline.
    const UNDATED: &str = "https://ledger.example/story.html";
    let capture = extract(
        &under_headline("<div class=\"info\">2026-11-17 20:52:15 <span>来源： 新华网</span></div>"),
        Some(UNDATED),
    );
    assert_eq!(capture.published.as_deref(), Some("2026-11-17"));
    // A date with no time, starting a sentence, is not a stamp.
    let capture = extract(
        &under_headline("<div class=\"info\">2026-11-17 was the day the bridge reopened.</div>"),
        Some(UNDATED),
    );
    assert_eq!(capture.published, None);
}

#[test]
fn an_updates_stamp_or_the_last_modification_dates_a_page_that_gives_no_other_date() {
    // The only date a page prints is its last update's: the story was out by then.
    const UNDATED: &str = "https://ledger.example/story.html";
    for line in [
        "<span class=\"x1\">Updated: Dec 15, 2026 2:57 PM UTC</span>",
        "<div class=\"mntl-attribution__item-date\">Updated on December 15, 2026 09:22 AM</div>",
        "<p class=\"info\">Aktualisiert: 15.12.2026</p>",
    ] {
        let capture = extract(&under_headline(line), Some(UNDATED));
        assert_eq!(capture.published.as_deref(), Some("2026-12-15"), "{line}");
    }
    // The publication's date, where the page gives one, comes first.
    let capture = extract(
        &under_headline(
            "<span class=\"x1\">Updated: Dec 15, 2026 2:57 PM UTC</span><span \
             class=\"x2\">Published Dec 1, 2026</span>",
        ),
        Some(UNDATED),
    );
    assert_eq!(capture.published.as_deref(), Some("2026-12-01"));
    let capture = extract(
        &under_headline(
            "<span>Aktualisiert am 17.01.2026</span><span class=\"meta__date\">12.01.2026</span>",
        ),
        Some(UNDATED),
    );
    assert_eq!(capture.published.as_deref(), Some("2026-01-12"));
    // So the metadata's last modification, the publication's first.
    let head = |metas: &str| {
        under_headline("<p>No date here.</p>").replacen(
            "<html>",
            &format!("<html><head>{metas}</head>"),
            1,
        )
    };
    let modified =
        "<meta property=\"article:modified_time\" content=\"2026-12-15T14:37:03+09:00\">";
    let capture = extract(&head(modified), Some(UNDATED));
    assert_eq!(capture.published.as_deref(), Some("2026-12-15"));
    let both =
        format!("{modified}<meta property=\"article:published_time\" content=\"2026-12-01\">");
    let capture = extract(&head(&both), Some(UNDATED));
    assert_eq!(capture.published.as_deref(), Some("2026-12-01"));
    // A comment's update is not the page's.
    let capture = extract(
        &under_headline(
            "<div class=\"comment-meta\"><span>Updated: Dec 15, 2026 2:57 PM</span></div>",
        ),
        Some(UNDATED),
    );
    assert_eq!(capture.published, None);
}

#[test]
fn character_references_escaped_twice_are_decoded_and_nothing_else() {
    for (raw, want) in [
        ("O&#039;Donnell", "O'Donnell"),
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("&quot;Quoted&quot; &apos;x&apos;", "\"Quoted\" 'x'"),
        ("caf&#xE9; &#X1F600;", "café 😀"),
        // Not references, or not ones decoded: as written.
        ("AT&T", "AT&T"),
        ("a & b; c", "a & b; c"),
        ("&copy; 2026 &lt;b&gt;", "&copy; 2026 &lt;b&gt;"),
        (
            "&#; &#x; &#0; &#x110000; &#99999999999; &",
            "&#; &#x; &#0; &#x110000; &#99999999999; &",
        ),
        ("&#1", "&#1"),
        ("é&#233;&", "éé&"),
    ] {
        assert_eq!(unescaped(raw), want, "{raw}");
    }
    // A long run of "&" with one reference at its end: read once, the reference decoded.
    let run = format!("{}&amp;", "&".repeat(200_000));
    assert_eq!(unescaped(&run), format!("{}&", "&".repeat(200_000)));
}

#[test]
fn a_poll_or_a_quiz_is_dropped_with_its_question_and_a_headline_is_not() {
    // Options of one radio group, their question in a block beside them: the whole poll goes.
    let poll = "<div><div><p>Should the bridge get a toll?</p></div><div>\
         <label><input name=\"p1\" type=\"radio\"><span>Yes, at once.</span></label>\
         <label><input name=\"p1\" type=\"radio\"><span>No, never.</span></label>\
         <label><input name=\"p1\" type=\"radio\"><span>Not sure.</span></label></div></div>";
    let c = extract(&article_with(poll), Some(PAGE_URL));
    for gone in [
        "Should the bridge get a toll?",
        "Yes, at once.",
        "No, never.",
        "Not sure.",
    ] {
        assert_lacks(&c.article, gone);
    }
    assert_five_paragraphs_kept(&c.article);
    // A block whose class names a poll is not dropped for its name: an election story's
    // polling figures are the story.
    let figures = "<div class=\"poll-chart\"><p>Smith</p><p>48 %</p><p>Jones</p><p>44 %</p></div>";
    let c = extract(&article_with(figures), Some(PAGE_URL));
    assert_has(&c.article, "48 %");
    assert_five_paragraphs_kept(&c.article);
    // A header whose headline sits beside an audio player's speeds keeps its headline; one
    // button alone, checkboxes, or tabs are no poll.
    let header = "<div><h2>The council votes for the bridge</h2><div><ul>\
         <li><label><input type=\"radio\" name=\"speed\">0.5x</label></li>\
         <li><label><input type=\"radio\" name=\"speed\">1.0x</label></li>\
         <li><label><input type=\"radio\" name=\"speed\">2.0x</label></li></ul></div></div>";
    let doc = Document::from(header);
    mark_choice_groups(&doc);
    let marked = doc.select(&format!("[{SHAPE_MARK}]"));
    assert_eq!(marked.length(), 1);
    assert!(
        !marked.text().contains("The council votes"),
        "{}",
        marked.text()
    );
    for no_poll in [
        "<div><p>Agree?</p><label><input type=\"radio\" name=\"a\">Yes</label></div>",
        "<div><p>Menu</p><label><input type=\"checkbox\" name=\"m\">Open</label>\
         <label><input type=\"checkbox\" name=\"m\">Close</label></div>",
        // Tabs a style sheet switches with radio buttons: their panels are no answers.
        "<section><input id=\"t1\" name=\"tabs\" type=\"radio\"><label for=\"t1\">Timeline</label>\
         <div><p>In 1902 the first bridge was built of wood, and in 1950 it was rebuilt in \
         stone after a flood took the old one away.</p></div>\
         <input id=\"t2\" name=\"tabs\" type=\"radio\"><label for=\"t2\">Key facts</label>\
         <div><p>The bridge is 120 metres long and carries 9,000 cars a day.</p></div></section>",
    ] {
        let doc = Document::from(no_poll);
        mark_choice_groups(&doc);
        assert!(
            doc.select(&format!("[{SHAPE_MARK}]")).is_empty(),
            "{no_poll}"
        );
    }
}

#[test]
fn an_authors_box_with_their_picture_and_page_is_dropped_whatever_its_class() {
    // After the story: the writer's picture, a link to their page and a line about them, in
    // blocks whose classes name no widget.
    let para = BRIDGE_PARAGRAPH;
    let story_then = |after: &str| {
        format!(
            "<html><body><article><h1>Bridge</h1><p>{para}</p><p>{para}</p><p>{para}</p>\
             <p>{para}</p><p>{para}</p>{after}</article></body></html>"
        )
    };
    let bio = "<div class=\"thb-article-writer style1\">\
         <img class=\"avatar avatar-172 photo\" src=\"a.jpg\" height=\"172\" width=\"172\">\
         <div class=\"writer-content\"><a href=\"/author/jane-doe/\" rel=\"author\">Jane Doe</a> \
         <a href=\"https://jane.example/\" class=\"writer-social\"><i class=\"icon-link\"></i></a> \
         <p>Our reporter covers the council and the county's roads. Follow her on Mastodon.</p>\
         </div></div>";
    let c = extract(&story_then(bio), Some(PAGE_URL));
    assert_lacks(&c.article, "covers the council");
    assert_five_paragraphs_kept(&c.article);
    // A Gravatar address is a picture of the writer too.
    let gravatar = bio.replace(
        "class=\"avatar avatar-172 photo\" src=\"a.jpg\"",
        "src=\"https://secure.gravatar.com/avatar/1d53?s=96\"",
    );
    let c = extract(&story_then(&gravatar), Some(PAGE_URL));
    assert_lacks(&c.article, "covers the council");
    // Without the picture, a link to the writer's page is no box (a byline's link, a
    // sentence naming them); nor is a block of a hundred words or more.
    let no_picture = bio.replace(
        "<img class=\"avatar avatar-172 photo\" src=\"a.jpg\" height=\"172\" width=\"172\">",
        "",
    );
    let c = extract(&story_then(&no_picture), Some(PAGE_URL));
    assert_has(&c.article, "covers the council");
    let long = bio.replace(
        "Follow her on Mastodon.",
        &"She has reported on the bridge since the first survey. ".repeat(10),
    );
    let c = extract(&story_then(&long), Some(PAGE_URL));
    assert_has(&c.article, "covers the council");
}

#[test]
fn a_standfirst_printed_apart_is_offered_and_not_put_in_the_article() {
    let summary = "Islanders asked for a fifth crossing on Saturdays; the harbour board says it \
                   would cost more than its fares bring in.";
    let story = "The ferry company kept its winter timetable for a third year, and the harbour \
                 board said on Monday that the crossings would stay at four a day until March. \
                 The market draws visitors from the mainland on Saturdays, and the last boat \
                 leaves before the stalls close, which the traders say costs them their best \
                 hours of the week.";
    let more = "The board said the older of its two boats needed repairs before the spring and \
                that a fifth crossing would have to wait until both were in service again.";
    let page = |head: &str, top: &str, bottom: &str| {
        format!(
            "<html><head>{head}</head><body><nav><a href=/>Home</a> <a href=/n>News</a></nav>\
             <main><header><h1>Ferry keeps its winter timetable</h1>{top}\
             <p class=\"meta\">By Zoë Ñúñez · 3 March 2026</p></header>\
             <div class=\"story\"><p>{story}</p><p>{more}</p><p>{story}</p><p>{more}</p></div>\
             {bottom}</main><footer>All rights reserved</footer></body></html>"
        )
    };
    let meta = |d: &str| format!("<meta property=\"og:description\" content=\"{d}\">");
    let printed = format!("<p class=\"dek\">{summary}</p>");
    let c = extract(&page(&meta(summary), &printed, ""), Some(PAGE_URL));
    assert!(c.found);
    assert_eq!(c.standfirst.as_deref(), Some(summary));
    assert!(
        !c.article.contains("fifth crossing on Saturdays"),
        "{}",
        c.article
    );
    assert!(c.article.starts_with("The ferry company"), "{}", c.article);
    // The same when a teaser of the same story far above also holds it.
    let teaser = format!(
        "<div class=\"teasers\"><p>{summary}</p><p>{}</p></div>",
        "Other news of the week, from the harbour and the islands. ".repeat(30)
    );
    let c = extract(
        &page(&meta(summary), &printed, "").replace("<main>", &format!("{teaser}<main>")),
        Some(PAGE_URL),
    );
    assert_eq!(c.standfirst.as_deref(), Some(summary));
    // The same with a dateline before it, and from `<meta name="description">`.
    let dated = format!("<p class=\"dek\"><b>Kirkwall.</b> {summary}</p>");
    let named = format!("<meta name=\"description\" content=\"{summary}\">");
    let c = extract(&page(&named, &dated, ""), Some(PAGE_URL));
    assert_eq!(
        c.standfirst.as_deref(),
        Some(format!("Kirkwall. {summary}").as_str())
    );
    // Not offered: a summary the page does not print, one printed after the story (a teaser
    // box), one cut with an ellipsis, a short one, and one the article already opens with.
    for (head, top, bottom) in [
        (meta(summary), String::new(), String::new()),
        (meta(summary), String::new(), printed.clone()),
        (
            meta(&format!("{}…", &summary[..60])),
            format!("<p>{}…</p>", &summary[..60]),
            String::new(),
        ),
        (
            meta("Ferry timetable news."),
            "<p>Ferry timetable news.</p>".into(),
            String::new(),
        ),
        (meta(story), String::new(), String::new()),
    ] {
        let c = extract(&page(&head, &top, &bottom), Some(PAGE_URL));
        assert!(c.found);
        assert_eq!(c.standfirst, None, "offered for {head} / {top} / {bottom}");
    }
}

#[test]
fn short_lines_above_the_headline_are_not_the_story() {
    let story = "The ferry company kept its winter timetable for a third year, and the harbour \
                 board said on Monday that the crossings would stay at four a day until March. \
                 The market draws visitors from the mainland on Saturdays, and the last boat \
                 leaves before the stalls close, which the traders say costs them their best \
                 hours of the week.";
    let page = |top: &str, under: &str| {
        format!(
            "<html><head><title>Ferry keeps its winter timetable | The Ledger</title></head>\
             <body><nav><a href=/>Home</a> <a href=/n>News</a></nav><main><article>{top}\
             <h1>Ferry keeps its winter timetable</h1>{under}<p>{story}</p><p>{story}</p>\
             <p>{story}</p></article></main></body></html>"
        )
    };
    // A kicker and a section's name over the headline, in the story's own container.
    let c = extract(
        &page(
            "<p class=\"kicker\">Harbour politics</p><p>Islands —</p>",
            "",
        ),
        Some(PAGE_URL),
    );
    assert!(c.found);
    assert!(c.article.starts_with("The ferry company"), "{}", c.article);
    assert!(!c.whole.is_empty() && c.whole.contains("Harbour politics"));
    // A short line under the headline stays (a subheading, here), and so does one over it
    // that is a sentence of the story's length.
    let c = extract(&page("", "<h2>Four a day until March</h2>"), Some(PAGE_URL));
    assert!(
        c.article.starts_with("Four a day until March\n"),
        "{}",
        c.article
    );
    let long = "<p>The harbour board met on Monday evening in the town hall, as it does.</p>";
    let c = extract(&page(long, ""), Some(PAGE_URL));
    assert!(
        c.article.starts_with("The harbour board met"),
        "{}",
        c.article
    );
}

#[test]
fn a_story_in_unclassed_wrappers_of_one_layout_is_taken_whole() {
    // Each paragraph in wrappers of its own, the layout's class one level under a `<div>`
    // with none: Readability scores each paragraph's wrappers apart and takes one of them
    // (the one with the most commas).
    let part = |sub: &str, text: &str| {
        let head = if sub.is_empty() {
            String::new()
        } else {
            format!("<h2 class=\"paragraph_subline mb-4\"><div>{sub}</div></h2>")
        };
        format!(
            "<div><div class=\"paragraph paragraph_wrapper left mb-8\">{head}\
             <div class=\"paragraph-text\"><div><p>{text}</p></div></div></div>\
             <div class=\"clear-both\"></div></div>"
        )
    };
    let texts = [
        "Léa Müller, who runs the pellet works, is looking for ways out of the energy crisis. \
         Pressing leaves into pellets could be one.",
        "“We are in a situation that threatens our existence. We think about how, with \
         technologies we have or develop, we can use what we have,” Müller said. One of those \
         thoughts is whether the leaves, which fall by the tonne, could still make a fuel. In \
         the barn of a farm, a pilot plant is to test it. “Here we take the leaves. They are \
         dried, aired, dried again, ground to meal and then pressed into pellets,” she said. \
         Everything is done by hand there, because there are no grants yet for what the town \
         has in mind.",
        "The mayor, Ana Çelik, said: “We are still at the start. We have applied for a grant. \
         But we must take the leaves now, because they fall now. This is the season's start, \
         and I am glad how people take to it.” If the leaves in front of one's own house can \
         become a fuel, that is a gain. At today's prices the pellets are wanted.",
        "“These pellets burn like wood pellets. They give about a tenth less heat and a little \
         more ash. A cubic metre of leaves gives 100 to 120 kg of pellets, about 50 litres of \
         heating oil. But careful: before anyone drives here with a sack of leaves, the plant \
         is full. If the grant comes, the pressing can be run better next year.",
    ];
    let heads = [
        "",
        "A pilot plant",
        "A grant applied for",
        "Less heat, more ash",
    ];
    let parts: String = heads.iter().zip(texts).map(|(h, t)| part(h, t)).collect();
    let html = format!(
        "<html><head><title>Heating with leaves</title></head><body>\
         <nav><a href=/>Home</a> <a href=/f>Forest</a></nav>\
         <article class=\"node\"><h1>Heating with leaves</h1>\
         <div class=\"mb-6\" itemprop=\"articleBody\"><div>{parts}</div></div>\
         </article><footer>Imprint · Privacy</footer></body></html>"
    );
    let c = extract(&html, Some(PAGE_URL));
    assert!(c.found);
    for t in texts {
        assert_has(&c.article, &t[..40]);
    }
    assert_has(&c.article, "A grant applied for");
    assert_lacks(&c.article, "Imprint");
}

#[test]
fn a_table_of_many_short_cells_does_not_take_the_storys_place() {
    let story = "The campaign asks readers to write to their member of parliament before the \
                 vote on the trade bill, which comes back to the Commons next week.";
    let more = "Farmers' groups say imports made to lower standards would undercut them, and \
                the government says its manifesto promise stands and no law is needed.";
    // (As many rows as a list of a party's members of parliament: Readability scores each
    // address cell as a paragraph, and 650 of them outscore the story.)
    let rows: String = (0..650)
        .map(|i| {
            format!(
                "<tr> <td>Constituency {i}</td> <td>Member {i}</td> \
                 <td>member.number{i}.mp@parliament.example</td> </tr> "
            )
        })
        .collect();
    let html = format!(
        "<html><head><title>Write to your MP</title></head><body>\
         <nav><a href=/>Home</a> <a href=/n>News</a></nav>\
         <div class=\"alpha\"><h1>Write to your MP</h1>\
         <div class=\"col\"><p>{story}</p><p>{more}</p><p>{story}</p><p>{more}</p>\
         <div class=\"wide\"><table><caption>Members and addresses</caption><tbody>\
         <tr><th>Constituency</th><th>Member</th><th>E-mail</th></tr>{rows}</tbody></table></div></div></div><footer>All rights reserved</footer></body></html>"
    );
    let c = extract(&html, Some(PAGE_URL));
    assert!(c.found);
    assert!(
        c.article.starts_with("The campaign asks"),
        "{}",
        &c.article[..200.min(c.article.len())]
    );
    // The table stays with the story, one cell a line.
    assert_has(
        &c.article,
        "\nConstituency 7\nMember 7\nmember.number7.mp@parliament.example\n",
    );
    assert_lacks(&c.article, "All rights reserved");
    // A layout table of long cells is left as it is: its story is still found.
    let layout: String = (0..12)
        .map(|_| format!("<tr><td>{story} {more}</td></tr>"))
        .collect();
    let c = extract(
        &format!("<html><body><table>{layout}</table></body></html>"),
        Some(PAGE_URL),
    );
    assert!(c.found);
    assert_has(&c.article, "The campaign asks");
}

#[test]
fn a_story_its_scripts_draw_is_taken_from_the_pages_data() {
    let lines = [
        "Der Schnee auf den Modulen drückt mit bis zu 90 Kilogramm je Quadratmeter auf das Dach, \
         wenn er nass ist und gefriert; trockener Pulverschnee wiegt weniger.",
        "Fachleute raten davon ab, selbst auf das Dach zu steigen: Wer räumt, kann die Module \
         zerkratzen und stürzen, und die Versicherung zahlt dann oft nicht.",
        "Besser sei es, die Anlage so zu planen, dass der Schnee von selbst abrutscht, sagt \
         der TÜV; ein steiles Dach und rahmenlose Module helfen dabei.",
    ];
    let body = [lines[0], lines[1], lines[2], lines[0], lines[1], lines[2]].join("\n");
    let summary = "Eine Schneedecke auf der Photovoltaikanlage belastet Module und Gestelle. \
                   Fachleute warnen vor dem Räumen.";
    let ld = |body: &str| {
        format!(
            "<script type=\"application/ld+json\">{}</script>",
            serde_json::json!({"@context": "https://schema.org", "@type": "NewsArticle",
                "headline": "Schnee auf dem Dach", "articleBody": body})
        )
    };
    let page = |head: &str, main: &str| {
        format!(
            "<html><head><title>Schnee auf dem Dach</title>\
             <meta property=\"og:description\" content=\"{summary}\">{head}</head>\
             <body><nav><a href=/>Start</a> <a href=/e>Energie</a></nav>\
             <div id=\"app\">{main}</div><footer>Impressum · Datenschutz</footer></body></html>"
        )
    };
    // The page shows nothing of the story: its data's story, one line a paragraph, and the
    // page's summary, which the data leaves out, offered as the standfirst.
    let c = extract(&page(&ld(&body), "<p>Loading…</p>"), Some(PAGE_URL));
    assert!(c.found && c.source == ArticleSource::JsonLd);
    assert_eq!(c.article.lines().count(), 6, "{}", c.article);
    assert!(c.article.starts_with("Der Schnee auf den Modulen drückt"));
    assert_eq!(c.standfirst.as_deref(), Some(summary));
    assert_eq!(
        c.article_words,
        crate::core::extract::count_words(&c.article)
    );
    // The same data as HTML, its marks as character references: text, its script never run
    // nor kept.
    let html_body = format!(
        "&lt;p&gt;{}&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;p&gt;{}&lt;/p&gt;\
         &lt;p&gt;{}&lt;/p&gt;",
        lines[0], lines[1], lines[2]
    )
    .repeat(2);
    let c = extract(&page(&ld(&html_body), ""), Some(PAGE_URL));
    assert!(c.source == ArticleSource::JsonLd);
    assert_eq!(c.article.lines().count(), 6, "{}", c.article);
    assert_lacks(&c.article, "alert");
    assert_lacks(&c.article, "<p>");
    // A page that shows the story: its own text, not the data's.
    let shown: String = body.lines().map(|l| format!("<p>{l}</p>")).collect();
    let c = extract(
        &page(
            &ld(&body),
            &format!("<article><h1>Schnee</h1>{shown}</article>"),
        ),
        Some(PAGE_URL),
    );
    assert!(c.found && c.source == ArticleSource::Shown);
    // Data shorter than what the page shows (cut for readers who have not paid), or too
    // short to be a story: the page's own text.
    let c = extract(
        &page(
            &ld(lines[0]),
            &format!("<article><h1>Schnee</h1>{shown}</article>"),
        ),
        Some(PAGE_URL),
    );
    assert!(c.found && c.source == ArticleSource::Shown);
    let c = extract(&page(&ld(lines[0]), "<p>Loading…</p>"), Some(PAGE_URL));
    assert!(c.source == ArticleSource::Shown);
    // A page whose data gives two stories (a front page's list) does not say which is its own.
    let other = body.replace("Schnee", "Hagel");
    let c = extract(
        &page(&format!("{}{}", ld(&body), ld(&other)), "<p>Loading…</p>"),
        Some(PAGE_URL),
    );
    assert!(c.source == ArticleSource::Shown);
    // The same story twice (in a `@graph` and again) is one.
    let c = extract(
        &page(&format!("{}{}", ld(&body), ld(&body)), "<p>Loading…</p>"),
        Some(PAGE_URL),
    );
    assert!(c.source == ArticleSource::JsonLd);
}

#[test]
fn a_cell_listing_names_does_not_take_the_letters_place() {
    // An open letter and its signatories, one a line in a table's cell, "Name, affiliation":
    // Readability counts the cell's commas as a paragraph's, and 150 of them outscore the
    // letter; the table's second row (empty) keeps it from climbing to the table, whose
    // siblings the letter's paragraphs are.
    let letter = [
        "Our institutions face a moment of trial, and the free exchange of ideas is becoming \
         more constricted every month.",
        "We ask that it be defended by those who depend on it, writers, editors and teachers \
         alike, since nobody else will defend it for us.",
        "The way to defeat bad ideas is by exposure, argument and persuasion, not by trying to \
         silence them or wish them away.",
        "We refuse any false choice between justice and freedom, which cannot exist without \
         each other, and we say so together.",
        "As writers we need a culture that leaves us room for experiment, risk and even \
         mistakes, without dire consequences for our work.",
    ];
    let paragraph = letter[0];
    let names: String = (0..150)
        .map(|i| format!("<strong>Signatory Number{i}</strong>, University of Somewhere<br>"))
        .collect();
    let html = format!(
        "<html><head><title>A letter on open debate</title></head><body>\
         <nav><a href=/>Home</a> <a href=/l>Letters</a></nav>\
         <div class=\"col\"><h1>A letter on open debate</h1>{}\
         <table><tbody><tr><td><span>{names}</span></td><td><span>{names}</span></td></tr>\
         <tr><td></td></tr></tbody></table></div><footer>All rights reserved</footer></body></html>",
        letter
            .iter()
            .map(|p| format!("<p>{p}</p>"))
            .collect::<String>()
    );
    let c = extract(&html, Some(PAGE_URL));
    assert!(c.found);
    assert!(
        c.article.starts_with(&letter.join("\n")),
        "{}",
        &c.article[..200]
    );
    assert_has(&c.article, "\nSignatory Number7, University of Somewhere\n");
    // A cell of long lines (a story set in a layout table) is left as it is.
    let c = extract(
        &format!(
            "<html><body><table><tr><td>{}</td></tr></table></body></html>",
            format!("{paragraph}<br>").repeat(12)
        ),
        Some(PAGE_URL),
    );
    assert!(c.found);
    assert_has(&c.article, "Our institutions face");
}

/// A page of a framework that draws its story from its scripts' state, saved before they ran:
/// `<title>`, a shell of menus and the scripts.
fn scripted_page(title: &str, scripts: &str, shown: &str) -> String {
    format!(
        "<html><head><title>{title} | Ledger</title></head><body>\
         <nav><a href=/>Home</a> <a href=/politics>Politics</a></nav>\
         <main id=\"root\">{shown}</main><footer>© Ledger · Privacy</footer>{scripts}</body></html>"
    )
}

/// Six paragraphs of a made-up story, with the words of its title ("Ferry fares rise in
/// Ålesund") and non-ASCII letters, quotes and an emoji.
fn scripted_story() -> Vec<String> {
    (1..=6)
        .map(|i| {
            format!(
                "Paragraph {i}: ferry fares in Ålesund rise by {i}0 øre from March, the \
                 county’s transport office said on Tuesday, and commuters on the “Hareid” \
                 crossing, who pay most, asked why the council approved it 🚢 without a \
                 hearing; the office said the rise covers fuel."
            )
        })
        .collect()
}

#[test]
fn a_story_in_nextjs_flight_data_is_taken_when_the_page_shows_none_of_it() {
    let story = scripted_story();
    // (A photo's caption, and an advertisement's slot between paragraphs, which the scripts
    // fill: not the story.)
    let photo = "<div class=\"editor-img-box\"><img src=\"https://img.example/f.jpg\">\
                 <div class=\"caption\"><p>The ferry at Hareid. Photo: Ledger</p></div></div>";
    let html: String = story
        .iter()
        .map(|p| format!("<p>{p}</p>$$ARTICLEAD$$"))
        .collect();
    let html = format!("{photo}{html}");
    // The flight data as Next.js writes it: rows in strings pushed one at a time, the story's
    // HTML a text row (`T`, its length in bytes in hexadecimal) in a string of its own, with a
    // script element inside it that must never be kept.
    let html = format!("{html}<script>alert(1)</script>");
    // (Next.js writes `<` as `\u003c`, so that no mark in a string ends its script.)
    let push = |chunk: &str| {
        format!(
            "<script>self.__next_f.push([1,{}])</script>",
            serde_json::to_string(chunk)
                .unwrap()
                .replace('<', "\\u003c")
        )
    };
    let scripts = [
        "<script>(self.__next_f=self.__next_f||[]).push([0])</script>".to_owned(),
        push("1:\"$Sreact.fragment\"\n3:I[13578,[],\"\"]\n"),
        push(&format!(
            "é4:[\"$\",\"p\",null,{{}}]\n24:T{:x},",
            html.len()
        )),
        push(&html),
        push("5:[\"$\",\"article\",null,{\"children\":\"$24\"}]\n"),
    ]
    .concat();
    let page = scripted_page("Ferry fares rise in Ålesund", &scripts, "<p>Loading…</p>");
    let c = extract(&page, Some(PAGE_URL));
    assert!(c.found && c.source == ArticleSource::Scripts, "{c:?}");
    assert_eq!(c.article, story.join("\n"));
    assert_lacks(&c.article, "alert");
    assert_lacks(&c.article, "Loading");
    assert_lacks(&c.article, "ARTICLEAD");
    assert_lacks(&c.article, "Photo: Ledger");
}

#[test]
fn a_story_in_a_scripts_state_object_is_taken_with_its_javascript_escapes_read() {
    let story = scripted_story();
    // A store's state as a script assigns it, its marks escaped as JavaScript may
    // (`\x3c`, `\'`), next to other long text that does not hold the title's words.
    let body: String = story
        .iter()
        .map(|p| format!("\\x3cp\\x3e{}\\x3c/p\\x3e", p.replace('’', "\\'")))
        .collect();
    let policy = "We and our partners use cookies to store and access information on your \
                  device. "
        .repeat(12);
    let scripts = format!(
        "<script>window.__STATE__ = {{\"consent\":{{\"text\":\"{policy}\"}},\
         \"article\":{{\"id\":7,\"body\":\"{body}\"}}}};</script>"
    );
    let page = scripted_page("Ferry fares rise in Ålesund", &scripts, "");
    let c = extract(&page, Some(PAGE_URL));
    assert!(c.source == ArticleSource::Scripts, "{c:?}");
    assert_eq!(c.article, story.join("\n").replace('’', "'"));
    // Only the other text: nothing in the scripts is the story, and the page's own text is
    // taken.
    let scripts =
        format!("<script>window.__STATE__ = {{\"consent\":{{\"text\":\"{policy}\"}}}};</script>");
    let c = extract(
        &scripted_page("Ferry fares rise in Ålesund", &scripts, "<p>Loading…</p>"),
        Some(PAGE_URL),
    );
    assert!(c.source == ArticleSource::Shown);
    assert_lacks(&c.article, "cookies");
    // A title that is only the site's name, and a policy that names the site: no story.
    let named = format!(
        "<script>window.__STATE__ = {{\"consent\":{{\"text\":\"The Ledger Gazette and {policy}\"}}}};</script>"
    );
    let page = format!(
        "<html><head><title>The Ledger Gazette</title></head><body><div id=\"app\"></div>\
         {named}</body></html>"
    );
    let c = extract(&page, Some(PAGE_URL));
    assert!(c.source == ArticleSource::Shown, "{c:?}");
    // A title that is the site's name (its `og:site_name`), and a text about the site.
    let about =
        "The Ledger Gazette was founded in 1881 and has covered the harbour town ever since. "
            .repeat(8);
    let page = format!(
        "<html><head><title>The Ledger Gazette</title>\
         <meta property=\"og:site_name\" content=\"The Ledger Gazette\"></head>\
         <body><div id=\"app\"></div><script>window.__STATE__ = {{\"about\":\"{about}\"}};</script>\
         </body></html>"
    );
    let c = extract(&page, Some(PAGE_URL));
    assert!(c.source == ArticleSource::Shown, "{c:?}");
}

#[test]
fn a_page_that_shows_its_story_keeps_its_own_text_over_its_scripts_state() {
    let story = scripted_story();
    let shown: String = story.iter().map(|p| format!("<p>{p}</p>")).collect();
    // The state holds the same story and more (a longer draft, say): the page's text stays.
    let longer = format!("{} {}", story.join(" "), story.join(" "));
    let scripts = format!(
        "<script>window.__STATE__ = {};</script>",
        serde_json::json!({"article": {"body": longer}})
    );
    let page = scripted_page(
        "Ferry fares rise in Ålesund",
        &scripts,
        &format!("<article><h1>Ferry fares rise in Ålesund</h1>{shown}</article>"),
    );
    let c = extract(&page, Some(PAGE_URL));
    assert!(c.found && c.source == ArticleSource::Shown);
    assert_eq!(c.article, story.join("\n"));
}

#[test]
fn a_teaser_takes_its_whole_story_from_the_scripts_state_but_not_a_list_that_names_it() {
    let story = scripted_story();
    let state = |text: &str| {
        format!(
            "<script>window.__STATE__ = {};</script>",
            serde_json::json!({"article": {"body": text}})
        )
    };
    // The page shows two paragraphs of six (a teaser over a paywall); the state holds all six.
    let teaser = format!(
        "<article><h1>Ferry fares rise in Ålesund</h1><p>{}</p><p>{}</p>\
         <p>Subscribe to read the whole story.</p></article>",
        story[0], story[1]
    );
    let page = scripted_page(
        "Ferry fares rise in Ålesund",
        &state(&story.join("\n")),
        &teaser,
    );
    let c = extract(&page, Some(PAGE_URL));
    assert!(c.source == ArticleSource::Scripts, "{c:?}");
    assert_eq!(c.article, story.join("\n"));
    // The state holds a list of the site's stories that names this one among others, longer
    // than the teaser but not its story: the page's own text stays.
    let list: String = (1..=40)
        .map(|i| format!("Story {i}: ferry fares rise in Ålesund, bridge tolls fall in Bergen.\n"))
        .collect();
    let page = scripted_page("Ferry fares rise in Ålesund", &state(&list), &teaser);
    let c = extract(&page, Some(PAGE_URL));
    assert!(c.source == ArticleSource::Shown, "{c:?}");
    assert_has(&c.article, &story[1]);
    assert_lacks(&c.article, "Story 1:");
}

#[test]
fn a_page_readability_reads_nothing_of_still_gives_its_metas_title_site_and_author() {
    let story = scripted_story();
    let html: String = story.iter().map(|p| format!("<p>{p}</p>")).collect();
    let scripts = format!(
        "<script>window.__STATE__ = {};</script>",
        serde_json::json!({"article": {"body": html}})
    );
    // The title with its section and the site's name after a Korean bar ("ㅣ"), the site as
    // the first author and the writer as the second.
    let page = format!(
        "<html><head><title>x</title>\
         <meta property=\"og:title\" content=\"Ferry fares rise in Ålesund-사회ㅣ한빛일보\">\
         <meta property=\"og:site_name\" content=\"한빛일보\">\
         <meta name=\"author\" content=\"한빛일보\"><meta name=\"author\" content=\"한빛나 기자\">\
         </head><body><div id=\"app\"></div>{scripts}</body></html>"
    );
    let c = extract(&page, Some(PAGE_URL));
    assert!(c.source == ArticleSource::Scripts, "{c:?}");
    assert_eq!(c.title.as_deref(), Some("Ferry fares rise in Ålesund"));
    assert_eq!(c.site_name.as_deref(), Some("한빛일보"));
    assert_eq!(c.byline.as_deref(), Some("한빛나"));
}

#[test]
fn a_scripts_strings_broken_or_unclosed_never_panic() {
    for scripts in [
        "<script>self.__next_f.push([1,\"é1:Tffffffff,ü\"])</script>",
        "<script>self.__next_f.push([1,\"1:T10,ééééééééé\"])</script>",
        "<script>self.__next_f.push([1,</script>",
        "<script>self.__next_f.push([1,\"unclosed \\</script>",
        "<script>var a = {\"b\": \"\\x\", \"c\": \"\\u12\", d: \"é\\</script>",
        "<script>:\":\":\"\\\"\\\\\":</script>",
    ] {
        let c = extract(
            &scripted_page("Ferry fares rise in Ålesund", scripts, "<p>Loading…</p>"),
            Some(PAGE_URL),
        );
        assert!(c.source != ArticleSource::Scripts, "{scripts}");
    }
}

#[test]
fn a_titles_parts_are_cut_at_the_separators_and_not_inside_a_range_or_a_name() {
    assert_eq!(
        title_parts("Budget for 2020–2021 passes | The Daily Ledger"),
        ["Budget for 2020–2021 passes", "The Daily Ledger"]
    );
    assert_eq!(
        title_parts("Jean-Luc Ørsted wins — Sport » Ledger · Live ｜ Ｔ"),
        ["Jean-Luc Ørsted wins", "Sport", "Ledger", "Live", "Ｔ"]
    );
    assert_eq!(
        title_parts("A headline - The Ledger"),
        ["A headline", "The Ledger"]
    );
    assert_eq!(title_parts("No separator"), ["No separator"]);
    assert_eq!(title_parts(""), [""]);
}
