//! What news pages put inside an article that is not its prose, recognised by rules that hold
//! for any site: widgets named by their class or id (newsletter sign-ups,
//! subscription offers, related and recommended stories, video players, share and follow rows,
//! ads, tag lists, comment sections, author boxes, pull quotes, cookie banners), short notices
//! recognised by their wording (in English: "Advertisement", "Read more: …", "Sign up for our
//! newsletter", "Already a subscriber?", copyright lines, photo credits, stamps), and bylines.
//! Measured in `bench/extract` (`post+widgets`, `post+notices`).

/// Class and id words (split at anything not a letter or digit, lower-case) that name a widget
/// rather than prose.
const WIDGET_WORDS: &[&str] = &[
    "newsletter",
    "newsletters",
    "subscribe",
    "subscription",
    "subscriptions",
    "signup",
    "related",
    "recommended",
    "recommendations",
    "recirc",
    "readmore",
    "promo",
    "promos",
    "outbrain",
    "taboola",
    "advert",
    "advertisement",
    "advertising",
    "ad",
    "ads",
    "adslot",
    "sponsored",
    "social",
    "share",
    "sharing",
    "sharebar",
    "follow",
    "comments",
    "comment",
    "tags",
    "breadcrumb",
    "breadcrumbs",
    "popular",
    "trending",
    "video",
    "donate",
    "donation",
    "cta",
    "authorbox",
    "authorinfo",
    "authorprofile",
    "authorcard",
    "authorbio",
    "aboutauthor",
    "bio",
    // A sentence of the story set again in large type: the text is there twice.
    "pullquote",
    // A shop's card in a buying guide (its price, the shop's name, a "Buy" link), or the
    // notice about such links: the publisher's affiliate deal, not the story.
    "affiliate",
    // Overlays and notices over the page (log-in, sign-up, an affiliate disclosure).
    "login",
    "modal",
    "popup",
    "disclosure",
    // A drop-down panel (an author's card, a menu).
    "dropdown",
];

/// The elements that may be a widget: blocks, never a phrase's `<span>` (a syntax
/// highlighter's `comment`, a `tag`).
pub(super) const WIDGET_ELEMENTS: &[&str] = &[
    "div",
    "section",
    "aside",
    "p",
    "ul",
    "ol",
    "li",
    "figure",
    "form",
    "header",
    "footer",
    "nav",
    "dl",
    "table",
    "blockquote",
    "details",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
];

/// Pairs of consecutive class or id words that name a widget ("read-more", "more-stories",
/// "most-read", "sign-up", "ad-feedback", "author-bio").
const WIDGET_PAIRS: &[(&str, &str)] = &[
    ("read", "more"),
    ("more", "stories"),
    ("most", "read"),
    ("sign", "up"),
    ("ad", "feedback"),
    ("author", "bio"),
    ("see", "also"),
    ("up", "next"),
    // A trailing box about the author (Readability drops only short bylines).
    ("about", "author"),
    ("author", "box"),
    ("author", "info"),
    ("author", "card"),
    ("author", "profile"),
    ("author", "details"),
    ("author", "description"),
    ("author", "avatar"),
    ("author", "container"),
    ("author", "section"),
    ("author", "block"),
    // German: "autor-info-card", "autorin-box".
    ("autor", "info"),
    ("autor", "box"),
    ("autor", "card"),
    ("autorin", "info"),
    ("autorin", "box"),
    ("pull", "quote"),
];

/// Class and id words that name a cookie or consent banner.
const CONSENT_WORDS: &[&str] = &["cookie", "cookies", "consent", "gdpr", "cookiebanner"];

/// A consent banner has fewer words than this (more, and it is not only a banner).
pub const CONSENT_MAX_WORDS: usize = 150;

/// Class and id words that name a consent manager's own box ("onetrust-consent-sdk",
/// "didomi-host", "usercentrics-root"): its preference centre, with a paragraph for each kind
/// of cookie, is longer than a banner, and never a page's article whatever its length.
const CONSENT_VENDORS: &[&str] = &["onetrust", "didomi", "usercentrics", "cookiebot"];

/// Removes the page's cookie and consent banners (a block whose class or id names one,
/// [`CONSENT_WORDS`], with fewer than [`CONSENT_MAX_WORDS`] words, or a consent manager's box,
/// [`CONSENT_VENDORS`], whatever its length) before Readability runs:
/// on a page whose article is short or mostly links, the banner's paragraph can otherwise be
/// taken for the article. Walked without recursion.
pub(super) fn drop_consent_banners(root: &dom_query::NodeRef<'_>) {
    let mut doomed = Vec::new();
    let mut stack = vec![*root];
    while let Some(node) = stack.pop() {
        if node.is_element() {
            let block = node
                .node_name()
                .is_some_and(|n| WIDGET_ELEMENTS.contains(&n.to_ascii_lowercase().as_str()));
            let values: Vec<_> = ["class", "id"]
                .iter()
                .filter_map(|a| node.attr(a))
                .collect();
            let names = values.iter().any(|v| has_word(v, CONSENT_WORDS));
            let vendor = values.iter().any(|v| has_word(v, CONSENT_VENDORS));
            if block
                && (vendor || (names && node.text().split_whitespace().count() < CONSENT_MAX_WORDS))
            {
                doomed.push(node);
                continue;
            }
        }
        let mut child = node.first_child();
        while let Some(c) = child {
            child = c.next_sibling();
            if c.is_element() || c.is_document() {
                stack.push(c);
            }
        }
    }
    for n in doomed {
        n.remove_from_parent();
    }
}

/// Whether a class or id value has one of `words` (split at anything not a letter or digit,
/// lower-case).
pub(super) fn has_word(value: &str, words: &[&str]) -> bool {
    value
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| words.contains(&w))
}

/// A class or id value split into words: at anything not a letter or digit, and where a
/// lower-case letter is followed by a capital ("NewsletterBox", "shareButtons",
/// "ArticleRelated_list": the names that CSS modules and components give); lower-case. A part
/// with a digit or with a piece of fewer than three letters stays whole: a generated name
/// ("sc-bdVaJa", "x1Y2") is no words.
fn class_words(value: &str) -> Vec<String> {
    let mut words = Vec::new();
    for part in value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
    {
        let mut pieces = Vec::new();
        let mut start = 0;
        let b = part.as_bytes();
        for i in 1..b.len() {
            if b[i].is_ascii_uppercase() && b[i - 1].is_ascii_lowercase() {
                pieces.push(&part[start..i]);
                start = i;
            }
        }
        pieces.push(&part[start..]);
        if pieces.len() > 1
            && !part.bytes().any(|c| c.is_ascii_digit())
            && pieces.iter().all(|p| p.len() >= 3)
        {
            words.extend(pieces.iter().map(|p| p.to_ascii_lowercase()));
        } else {
            words.push(part.to_ascii_lowercase());
        }
    }
    words
}

/// Whether a class or id value names a widget (see [`WIDGET_WORDS`], [`WIDGET_PAIRS`]).
pub(super) fn names_widget(value: &str) -> bool {
    let words = class_words(value);
    let mut previous = "";
    for w in words.iter().map(String::as_str) {
        if WIDGET_WORDS.contains(&w) || WIDGET_PAIRS.contains(&(previous, w)) {
            return true;
        }
        // "about-the-author" pairs as "about-author".
        if w != "the" {
            previous = w;
        }
    }
    false
}

/// A widget is dropped only when it is smaller than this many words…
pub const WIDGET_MAX_WORDS: usize = 120;
/// …and than this share of the article's characters (a class naming the whole article, e.g.
/// `node-promoted` or `video-article`, never empties it).
pub const WIDGET_MAX_SHARE: f64 = 0.25;

/// When at least this share of what Readability took is widgets…
pub const WIDGET_TAKEN_SHARE: f64 = 0.5;

/// …and it has fewer words than this (a box or a form, not a story whose own class names a
/// widget), the page is taken again without its widgets.
pub const WIDGET_TAKEN_MAX_WORDS: usize = 300;

/// A `<form>` with fewer words than this is a sign-up, log-in, search or comment form: when
/// what Readability took is mostly such forms, the page is read again without them.
pub const FORM_MAX_WORDS: usize = 300;

/// Lines that are a label, whole (lower-case, without the punctuation around them).
const LABELS: &[&str] = &[
    "advertisement",
    // The same label in other languages.
    "anzeige",
    "werbung",
    "publicité",
    "publicidad",
    "pubblicità",
    "advertentie",
    "advertisements",
    "advertising",
    "ad",
    "ads",
    // Japanese pages' "[PR]", "広告" (advertisement) and "スポンサーリンク" (sponsored links).
    "pr",
    "広告",
    "スポンサーリンク",
    "sponsored",
    "sponsored content",
    "paid content",
    "story continues below advertisement",
    "article continues below advertisement",
    "article continues below",
    "story continues below",
    "continue reading below",
    "continue reading the main story",
    "scroll to continue with content",
    "skip advertisement",
    "ad feedback",
    "video ad feedback",
    "listen to this article",
    "share this article",
    "share this story",
    "share this",
    "share",
    "copy link",
    "link copied",
    "printer friendly version",
    "print this article",
    "email this article",
    "read more",
    "related",
    "related articles",
    "related stories",
    "related content",
    "related coverage",
    "recommended",
    "recommended stories",
    "you may also like",
    "you might also like",
    "more stories",
    "more from this author",
    "view author archive",
    "most popular",
    "most read",
    "trending",
    "trending now",
    "up next",
    "next article",
    "previous article",
    "see more photos",
    "view comments",
    "show comments",
    "leave a comment",
    "post a comment",
    "comments",
    "subscribe",
    "subscribe now",
    "sign up",
    "log in",
    "follow us",
    "tags",
    "topics",
    // A player's or a gallery's controls.
    "hide caption",
    "toggle caption",
    "show caption",
    "enlarge this image",
    "enlarge",
    "click to enlarge",
    "tap to enlarge",
    "please wait",
    "enlarge image",
    "view image",
    "view gallery",
    "back to slide",
    "open gallery",
    "view photo",
    "play video",
    "watch video",
    "now playing",
    "loading",
    "back to top",
    // A byline's label left without its names (the names were a script's, a link's image, or
    // the next line's).
    "by",
    "written by",
    "posted by",
    "author of the article",
    "author",
    "authors",
    "autor",
    "autoren",
    "auteur",
    "auteurs",
    "autore",
    "autori",
];

/// The labels of share, print, comment and paging controls in German, French, Spanish,
/// Portuguese, Italian, Dutch and Polish, whole.
const LABELS_OTHER: &[&str] = &[
    "teilen",
    "artikel teilen",
    "beitrag teilen",
    "seite teilen",
    "jetzt teilen",
    "drucken",
    "artikel drucken",
    "seite drucken",
    "rezept drucken",
    "kommentare",
    "kommentar",
    "kommentieren",
    "kommentar schreiben",
    "kommentare schreiben",
    "kommentar verfassen",
    "kommentar abgeben",
    "keine kommentare",
    "kommentare anzeigen",
    "zurück",
    "weiter",
    "nach oben",
    "zum seitenanfang",
    "mehr laden",
    "lade weitere inhalte",
    "weitere inhalte laden",
    "partager",
    "partager cet article",
    "imprimer",
    "commentaires",
    "commenter",
    "réagir",
    "lire la suite",
    "haut de page",
    "compartir",
    "comparte",
    "comparte esta noticia",
    "imprimir",
    "comentarios",
    "comentar",
    "valora esta noticia",
    "seguir leyendo",
    "leer más",
    "volver arriba",
    "compartilhe",
    "compartilhar",
    "partilhar",
    "comentários",
    "publicidade",
    "continua depois da publicidade",
    "continuar lendo",
    "condividi",
    "commenti",
    "commenta",
    "continua a leggere",
    "delen",
    "deel dit artikel",
    "reacties",
    "reageer",
    "lees verder",
    "udostępnij",
    "komentarze",
    "skomentuj",
    "reklama",
    "drukuj",
    "czytaj dalej",
    // The placeholder of an embed (a video, a post) that waits for the reader's consent.
    "empfohlener redaktioneller inhalt",
    "externer inhalt",
    "externen inhalt anzeigen",
    "externe inhalte anzeigen",
    "externe inhalte erlauben",
    "ein klick für den datenschutz",
    "youtube inhalte erlauben",
    "youtube inhalt erlauben",
    "link zum youtube inhalt",
];

/// Phrases in other languages that make a short line a notice wherever they are in it: an
/// error report ("Select the text and press Ctrl+Enter"), a members-only notice in Japanese
/// (会員限定), a blog's post footer ("This entry was posted in …").
const PHRASES_OTHER: &[&str] = &[
    "ctrl+enter",
    "ctrl + enter",
    "strg+enter",
    "strg + enter",
    "会員限定",
    "有料会員",
    "this entry was posted in",
    "this entry was posted on",
    "bookmark the permalink",
    "follow any responses to this entry",
    "kommentare und pings sind",
    // "… press the Report an error button" (Latvian).
    "ziņot par kļūdu",
    // An embed's consent placeholder: "An dieser Stelle findest du einen externen Inhalt von
    // YouTube", "Personenbezogene Daten können an Drittplattformen übermittelt werden".
    "an dieser stelle findest du einen externen inhalt",
    "an dieser stelle finden sie einen externen inhalt",
    "an dieser stelle finden sie einen von unseren redakteuren ausgewählten, externen inhalt",
    "an drittplattformen übermittelt",
    "mit einem klick anzeigen lassen und wieder ausblenden",
    // A paywall's notice in French ("Article réservé aux abonnés", "Il vous reste 57% de cet
    // article à lire", "Pour lire la suite, abonnez-vous") and the notice of an account read
    // on another device ("… sur un seul appareil à la fois").
    "réservé aux abonnés",
    "réservée aux abonnés",
    "de cet article à lire",
    "pour lire la suite",
    "sur un seul appareil à la fois",
];

/// Words of a view counter ("Visto 314 veces", "1.234 Aufrufe", "Views: 512").
const COUNTER_WORDS: &[&str] = &[
    "views",
    "view",
    "reads",
    "times",
    "visto",
    "vista",
    "vistas",
    "veces",
    "lecturas",
    "aufrufe",
    "gelesen",
    "mal",
    "vues",
    "lu",
    "fois",
    "visualizzazioni",
    "letture",
    "weergaven",
    "bekeken",
    "keer",
    "wyświetleń",
    "odsłon",
];

/// The words of a comment counter: "3 Kommentare", "36 Comments".
const COMMENT_WORDS: &[&str] = &[
    "comments",
    "comment",
    "kommentare",
    "kommentar",
    "commentaires",
    "commentaire",
    "comentarios",
    "comentario",
    "comentários",
    "commenti",
    "reacties",
    "komentarzy",
    "komentarze",
    "kommentarer",
];

/// A line that is only a view or comment counter: at most five words, one of them a number, the others
/// [`COUNTER_WORDS`] or [`COMMENT_WORDS`].
fn is_counter(lower: &str) -> bool {
    let words: Vec<&str> = lower
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| matches!(c, ':' | '(' | ')' | ',' | '.' | '|')))
        .filter(|w| !w.is_empty())
        .collect();
    let number = |w: &&str| {
        w.bytes().any(|b| b.is_ascii_digit())
            && w.bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    };
    (2..=5).contains(&words.len())
        && words.iter().filter(|w| number(w)).count() == 1
        && words
            .iter()
            .all(|w| number(w) || COUNTER_WORDS.contains(w) || COMMENT_WORDS.contains(w))
}

/// A post's meta row: fields between separators (`·`, `•`, `|`) whose last is a comment
/// counter ("By Jane Doe, in News · 31 Jan 2025 · 0 Comments", "Friday | 14 June 2019 | 3
/// comments"); a sentence that mentions comments has no such field after a separator.
fn is_meta_row(lower: &str) -> bool {
    let mut fields = lower.split(['·', '•', '|']);
    let Some(last) = fields.next_back() else {
        return false;
    };
    fields.any(|f| !f.trim().is_empty())
        && is_counter(last)
        && last
            .split_whitespace()
            .next_back()
            .is_some_and(|w| COMMENT_WORDS.contains(&w))
}

/// Starts of a list's label that names a section or a person after them (see [`is_notice`]).
const SECTION_LABELS: &[&str] = &["most read in", "most popular in", "more in", "more from"];

/// Starts of short lines that point elsewhere or ask the reader to do something.
const PREFIXES: &[&str] = &[
    "got a story?",
    "skip past ",
    "ad block users:",
    "read more:",
    "read more about",
    "read also:",
    "also read:",
    "related:",
    "see also:",
    "more:",
    "watch:",
    "watch |",
    "listen |",
    "listen:",
    "recommended:",
    "must read:",
    "don't miss:",
    "click here",
    "sign up for",
    "sign up to",
    "subscribe to",
    "follow us",
    "share this",
    "©",
    "tags:",
    "topics:",
    "photo:",
    "photograph:",
    "image:",
    "credit:",
    "image credit",
    "photo credit",
    "image copyright",
    "image caption",
    "media caption",
    // Asking readers to report a mistake in the story ("Spotted an error? …").
    "spotted an error",
    "spotted a mistake",
    "spotted a typo",
    "found an error",
    "found a mistake",
    "found a typo",
    "report an error",
    "report a typo",
    "report a correction",
    "submit a correction",
    "fehler gefunden",
    "signaler une erreur",
    "reportar un error",
    "kļūda rakstā",
];

/// Starts of a credit line, before a name ("Photograph by Jane Doe").
const CREDIT_PREFIXES: &[&str] = &[
    "photo by ",
    "photos by ",
    "photograph by ",
    "photographs by ",
    "photography by ",
    "illustration by ",
    "illustrations by ",
    "graphic by ",
    "graphics by ",
    "video by ",
];

/// Phrases that make a short line a notice wherever they are in it.
/// None is a phrase a news story would use about its subject ("community guidelines",
/// "for subscribers", "affiliate commission" are not here).
const PHRASES: &[&str] = &[
    "all rights reserved",
    "may not be published, broadcast, rewritten",
    "subscribe to continue",
    "subscribe to read",
    "subscribe now to",
    "already a subscriber",
    "subscribers only",
    "log in to continue reading",
    "sign in to continue reading",
    "register to continue reading",
    "create a free account to",
    "comments are closed",
    "comment policy",
    "commenting guidelines",
    "please enable javascript",
    "javascript is disabled",
    "your browser does not support",
    "we may earn a commission",
    // Asking a reader who has not paid, or who liked the story, to pay.
    "please subscribe",
    "to view the full story",
    "to read the full story",
    "to read the full article",
    "if you enjoyed reading this",
    "if you enjoyed this article",
    "if you enjoyed this post",
    "if you enjoyed this story",
    "for more stories like this",
    // A form's reCAPTCHA notice, a request for tips, a comment prompt, an ad-blocker notice.
    "this site is protected by recaptcha",
    "protected by recaptcha and the google",
    "get in touch with our news team",
    "be the first to comment",
    "while an ad blocker is enabled",
    "disable your ad blocker",
    "turn off your ad blocker",
    // A prompt for the site's app or for letters to the editor.
    "news straight to your phone",
    "submit your letter to the editor",
    // A cookie banner's sentence where no class names the banner ("This website uses
    // cookies", "Diese Website verwendet Cookies. Wenn du die Website weiterhin nutzt, stimmst
    // du der Verwendung von Cookies zu"; a story says "the council's website uses cookies").
    "this website uses cookies",
    "this site uses cookies",
    "our website uses cookies",
    "our site uses cookies",
    "you agree to the use of cookies",
    "you agree to our use of cookies",
    "you consent to the use of cookies",
    "you consent to our use of cookies",
    "diese website verwendet cookies",
    "diese webseite verwendet cookies",
    "diese website nutzt cookies",
    "diese webseite nutzt cookies",
    "wir verwenden cookies",
    "der verwendung von cookies zu",
    "ce site utilise des cookies",
    "nous utilisons des cookies",
    "este sitio web utiliza cookies",
    "utilizamos cookies",
];

/// Labels of a list of other stories.
const RELATED_LABELS: &[&str] = &[
    "related",
    "related articles",
    "related stories",
    "related content",
    "related coverage",
    "related links",
    "related news",
    "related reading",
    "read more",
    "read also",
    "also read",
    "see also",
    "more stories",
    "more on this story",
    "more on this topic",
    "more coverage",
    "further reading",
    "recommended",
    "recommended stories",
    "recommended reading",
    "you may also like",
    "you might also like",
    "don't miss",
    "must read",
    "most popular",
    "most read",
    "top stories",
    "latest stories",
    "latest news",
    "trending",
    "trending now",
];

/// The same labels in German, French, Spanish, Portuguese, Italian, Dutch, Polish and other
/// European languages ("Lesen Sie auch", "À lire aussi", "Lea también", "Veja também", "Leggi
/// anche", "Lees ook", "Czytaj też", "Les også", "Taip pat skaitykite"). A line that is one of them, whole, is a notice too.
const RELATED_LABELS_OTHER: &[&str] = &[
    "lesen sie auch",
    "lies auch",
    "auch interessant",
    "das könnte sie auch interessieren",
    "das könnte dich auch interessieren",
    "das interessiert sie vielleicht auch",
    "mehr zum thema",
    "mehr zu diesem thema",
    "siehe auch",
    "zum weiterlesen",
    "weiterlesen",
    "schon gelesen",
    "verwandte artikel",
    "verwandte beiträge",
    "verwandte themen",
    "ähnliche artikel",
    "ähnliche beiträge",
    "empfohlene artikel",
    "empfohlene beiträge",
    "weitere artikel",
    "weitere beiträge",
    "weitere nachrichten",
    "meistgelesen",
    "meistgelesene artikel",
    "meistgelesene beiträge",
    "meistdiskutiert",
    "meistdiskutierte artikel",
    "à lire aussi",
    "a lire aussi",
    "lire aussi",
    "voir aussi",
    "à voir aussi",
    "sur le même sujet",
    "articles similaires",
    "articles liés",
    "les plus lus",
    "lea también",
    "lea además",
    "lea más",
    "vea también",
    "ver también",
    "le puede interesar",
    "te puede interesar",
    "puede interesarte",
    "noticias relacionadas",
    "artículos relacionados",
    "lo más leído",
    "más leídas",
    "leia também",
    "leia mais",
    "veja também",
    "notícias relacionadas",
    "mais lidas",
    "leggi anche",
    "articoli correlati",
    "potrebbe interessarti",
    "i più letti",
    "lees ook",
    "lees meer",
    "gerelateerde artikelen",
    "meest gelezen",
    "czytaj też",
    "czytaj także",
    "czytaj więcej",
    "zobacz też",
    "zobacz także",
    "polecamy",
    // Japanese, Chinese and Korean: "related articles", "related keywords", "related news",
    // "read this too" (a line of the label alone: "【関連記事】").
    "関連記事",
    "関連キーワード",
    "関連ニュース",
    "あわせて読みたい",
    "相关新闻",
    "相关阅读",
    "相關新聞",
    "관련기사",
    "관련 기사",
    // German addressing several readers, and the Nordic, Baltic, Czech, Slovak, Croatian,
    // Hungarian, Romanian, Turkish, Russian, Ukrainian and Greek labels.
    "lest auch",
    "auch lesen",
    "les også",
    "les mer",
    "læs også",
    "læs mere",
    "läs också",
    "läs mer",
    "lue myös",
    "lue lisää",
    "taip pat skaitykite",
    "skaitykite taip pat",
    "loe ka",
    "lasiet arī",
    "lasi arī",
    "čtěte také",
    "čtěte též",
    "přečtěte si také",
    "čítajte aj",
    "prečítajte si aj",
    "pročitajte i",
    "pročitajte još",
    "olvassa el ezt is",
    "citește și",
    "citeste si",
    "ayrıca okuyun",
    "ilgili haberler",
    "читайте также",
    "читайте також",
    "διαβάστε επίσης",
];

/// Labels of a box about the story's author (English, German, French, Spanish, Italian,
/// Dutch), whole.
pub(super) const AUTHOR_LABELS: &[&str] = &[
    "about the author",
    "about the authors",
    "about the writer",
    "the author",
    "the authors",
    "die autorin",
    "der autor",
    "die autoren",
    "die autorinnen",
    "zur autorin",
    "zum autor",
    "zur person",
    "über die autorin",
    "über den autor",
    "über die autoren",
    "à propos de l'auteur",
    "à propos de l'autrice",
    "l'auteur",
    "l'autrice",
    "sobre el autor",
    "sobre la autora",
    "el autor",
    "la autora",
    "l'autore",
    "l'autrice",
    "over de auteur",
    "de auteur",
];

/// Labels of a list of the story's topics or tags (links to the site's pages on them), which
/// open a "Related" block too; not notices alone (a heading "Themen" may be the story's).
const TAG_LABELS: &[&str] = &[
    "more about",
    "more on",
    "related topics",
    "topics",
    "tags",
    "tagged",
    "filed under",
    "schlagwörter",
    "schlagworte",
    "stichwörter",
    "themen",
    "mots-clés",
    "sujets",
    "etiquetas",
    "temas",
    "tag",
    "argomenti",
    "onderwerpen",
    "tematy",
];

/// Labels of a summary box whose list of points tells the story again ("Story highlights").
pub(super) const HIGHLIGHTS_LABELS: &[&str] = &["story highlights", "highlights"];

/// When `text` starts with a label of a list of other stories ("Related stories", "Read
/// more:", "Lesen Sie auch"), how many visible characters the label has.
pub(super) fn related_label(text: &str) -> Option<usize> {
    let lower = text.trim_start().to_lowercase().replace('’', "'");
    RELATED_LABELS
        .iter()
        .chain(RELATED_LABELS_OTHER)
        .chain(TAG_LABELS)
        .filter(|l| {
            lower.starts_with(*l)
                && lower[l.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).count())
        .max()
        .map(|n| {
            // The punctuation after the label (":", "»") is part of it.
            let rest = &lower[lower.find(|c: char| !c.is_whitespace()).unwrap_or(0)..];
            let after: usize = rest
                .chars()
                .filter(|c| !c.is_whitespace())
                .skip(n)
                .take_while(|c| !c.is_alphanumeric())
                .count();
            n + after
        })
}

/// A line with at most this many words may be dropped as a notice.
pub const NOTICE_MAX_WORDS: usize = 40;

/// An embed's consent text may have so many words (see [`is_notice`]).
const EMBED_CONSENT_MAX_WORDS: usize = 150;

/// Whether `line` (one block of the article's text) is a notice rather than prose.
pub(super) fn is_notice(line: &str) -> bool {
    // A no-break or thin space between the words ("Click\u{a0}here to read …", as editors
    // type them) is a space to every phrase below.
    let spaced;
    let line = if line.contains(['\u{a0}', '\u{2007}', '\u{2009}', '\u{202f}']) {
        spaced = line.replace(['\u{a0}', '\u{2007}', '\u{2009}', '\u{202f}'], " ");
        spaced.as_str()
    } else {
        line
    };
    let t = line.trim();
    let words = t.split_whitespace().count();
    // An embed's consent text in German, longer than a notice ("Um eingebettete Inhalte
    // anzuzeigen, ist deine widerrufliche Einwilligung … notwendig …").
    if words <= EMBED_CONSENT_MAX_WORDS {
        let lower = t.to_lowercase();
        if lower.contains("eingebettete inhalte") && lower.contains("einwilligung") {
            return true;
        }
        // An embed's consent button: "Ich bin damit einverstanden, dass mir Inhalte von
        // YouTube angezeigt werden" (the reader agrees to be shown something; a story's
        // "einverstanden" is about someone else: "…, sofern dieser einverstanden ist"), with
        // the data-protection sentences after it as long as the embed's notice.
        if (lower.starts_with("ich bin damit einverstanden")
            || lower.starts_with("ich bin einverstanden"))
            && lower.contains("angezeigt")
        {
            return true;
        }
    }
    if words == 0 || words > NOTICE_MAX_WORDS {
        return false;
    }
    let lower = t.to_lowercase();
    let bare = lower
        .trim_matches(|c: char| !c.is_alphanumeric())
        .replace(['-', '–', '—'], " ");
    let bare = bare.split_whitespace().collect::<Vec<_>>().join(" ");
    if [LABELS, LABELS_OTHER, RELATED_LABELS_OTHER]
        .iter()
        .any(|l| l.contains(&bare.as_str()))
    {
        return true;
    }
    // A list's label naming a section or a person: "Most read in Football", "More in News",
    // "More from Jane Doe" (the whole line, at most five words; not a lead-in to what follows,
    // "More from NBC's TODAY:").
    if bare.split(' ').count() <= 5
        && !t.ends_with(':')
        && SECTION_LABELS
            .iter()
            .any(|l| bare.strip_prefix(l).is_some_and(|r| r.starts_with(' ')))
    {
        return true;
    }
    let lower = lower.replace('’', "'");
    if PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    // A republication credit: "This article was originally published on The Ledger and is
    // republished with permission", "First published in The Ledger." (a short line without a
    // clause: "First published in 1847, the novel …" is a story's).
    let republished = [
        "this article was originally published",
        "this article was first published",
        "this article first appeared",
        "this story was originally published",
        "this story was first published",
        "this story first appeared",
        "this piece was originally published",
        "this piece first appeared",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
        || ([
            "first published in ",
            "first published on ",
            "originally published in ",
            "originally published on ",
        ]
        .iter()
        .any(|p| lower.starts_with(p))
            && words <= 8
            && !lower.contains(','));
    if republished {
        return true;
    }
    // A wire's end mark on a line of its own: "(END)", "(Ends)", "-30-", "###".
    if ["(end)", "(ends)", "-30-", "- 30 -", "###"].contains(&lower.trim()) {
        return true;
    }
    // A sign-up link at a prompt's end: "Do you want to hear about our work? Sign up here"
    // (a sentence about signing up ends with its full stop).
    if lower.trim_end().ends_with("sign up here") {
        return true;
    }
    // "Lea también: …", "À lire aussi » …", "Lesen Sie auch: …": a pointer in another
    // language (its label, then a colon or a guillemet).
    let pointer = RELATED_LABELS_OTHER.iter().any(|l| {
        lower.starts_with(l)
            && lower[l.len()..]
                .trim_start()
                .starts_with([':', '»', '>', '|', '→'])
    });
    if pointer
        || ["mira:", "puedes ver:", "lea:", "vea:"]
            .iter()
            .any(|p| lower.starts_with(p))
    {
        return true;
    }
    // "Copyright 2026 …", "Copyright © …", "Copyright (c) …", not "Copyright law …".
    if let Some(rest) = lower.strip_prefix("copyright") {
        let rest = rest.trim_start();
        if rest.starts_with(|c: char| c.is_ascii_digit() || c == '©') || rest.starts_with("(c)") {
            return true;
        }
    }
    if PHRASES
        .iter()
        .chain(PHRASES_OTHER)
        .any(|p| lower.contains(p))
        || is_counter(&lower)
        || is_meta_row(&lower)
    {
        return true;
    }
    // An affiliate disclosure: "Die mit einem Symbol gekennzeichneten Links sind
    // Affiliate-Links …", "This article contains affiliate links; we may earn a commission"
    // (a story about affiliate links says neither "Provision" nor "contains").
    let affiliate = lower.contains("affiliate-link")
        || (lower.contains("affiliate link")
            && ["commission", "contains", "may earn", "provision"]
                .iter()
                .any(|w| lower.contains(w)));
    if affiliate {
        return true;
    }
    // "Follow Jane Doe on Twitter: @janedoe": who to follow in at most five words, no clause.
    let follow = lower.strip_prefix("follow ").and_then(|rest| {
        [
            " on twitter",
            " on x",
            " on facebook",
            " on instagram",
            " on bluesky",
            " on threads",
            " on google news",
        ]
        .iter()
        .filter_map(|p| rest.find(p))
        .min()
        .map(|at| &rest[..at])
    });
    if follow.is_some_and(|who| {
        // A site's address may have dots ("Follow Ledger.example on Twitter"), a clause
        // not.
        !who.contains([',', ';'])
            && !who.trim_end().ends_with('.')
            && !who.contains(". ")
            && who.split_whitespace().count() <= 5
    }) {
        return true;
    }
    // A newsletter sign-up: "Sign up for our daily newsletter", "Get the news in your inbox".
    // ("Subscribers to the newsletter complained" is not one.)
    let newsletter = lower.contains("newsletter") || lower.contains("inbox");
    let asks = [
        "sign up",
        "signing up",
        "signup",
        "subscribe to",
        "subscribe for",
        "subscribe now",
    ]
    .iter()
    .any(|p| lower.contains(p))
        || lower
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .ends_with("subscribe")
        || [
            "delivered to your inbox",
            "straight to your inbox",
            "in your inbox",
        ]
        .iter()
        .any(|p| lower.contains(p));
    if newsletter && asks {
        return true;
    }
    // The same in other languages ("Der Newsletter … direkt in Ihrem Postfach. Hier geht's zur
    // Anmeldung", "Inscrivez-vous à notre newsletter"), and a messaging channel's
    // ("Abonniere den WhatsApp-Kanal von …", "Join our WhatsApp channel").
    if newsletter && NEWSLETTER_ASKS_OTHER.iter().any(|p| lower.contains(p)) {
        return true;
    }
    let channel = ["whatsapp", "telegram"].iter().any(|m| lower.contains(m))
        && ["channel", "kanal", "canal", "kanaal"]
            .iter()
            .any(|c| lower.contains(c));
    if channel && CHANNEL_ASKS.iter().any(|p| lower.contains(p)) {
        return true;
    }
    if is_contact_line(t) {
        return true;
    }
    // A request for tips or letters with the desk's address ("Are you affected? Get in touch
    // at news@ledger.example"; a story quoting an address asks nobody to write).
    let address = lower.split_whitespace().any(|w| {
        w.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.trim_end_matches(['.', ')']).contains('.')
        })
    });
    if address && TIP_ASKS.iter().any(|p| lower.contains(p)) {
        return true;
    }
    // An app's promotion: "Download the Ledger app for iOS and Android" (not "users
    // downloaded the app").
    let tokens: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let app = tokens.iter().any(|w| *w == "app" || *w == "apps");
    let asks_download = tokens
        .windows(2)
        .any(|w| w[0] == "download" && ["the", "our", "it"].contains(&w[1]));
    if app && asks_download && words <= 25 {
        return true;
    }
    // A credit line: "Photograph by Jane Doe, Harbour Trust" (a name after it, capitalised).
    let credit = CREDIT_PREFIXES.iter().any(|p| {
        lower.starts_with(p)
            && t.get(p.len()..)
                .is_some_and(|rest| rest.trim_start().starts_with(char::is_uppercase))
    });
    if credit {
        return true;
    }
    is_photo_credit(&lower)
        || is_update_promise(&lower)
        || is_dateline_alone(t)
        || is_address_alone(&lower)
        || is_credit_alone(t)
        || is_entry_header(t)
        || is_agency_credit(&lower)
        || is_timestamp(&lower)
        || is_social_link(&lower)
        || is_disclaimer(&lower)
}

/// How a newsletter's box asks for a sign-up in German, French, Spanish, Italian and Dutch
/// (with "newsletter" in the line).
const NEWSLETTER_ASKS_OTHER: &[&str] = &[
    "abonnieren sie",
    "abonniere ",
    "jetzt abonnieren",
    "hier abonnieren",
    "kostenlos abonnieren",
    "jetzt anmelden",
    "hier anmelden",
    "melden sie sich",
    "melde dich",
    "zur anmeldung",
    "hier geht",
    "hier entlang",
    "ihrem postfach",
    "ihr postfach",
    "deinem postfach",
    "dein postfach",
    "posteingang",
    "inscrivez-vous",
    "abonnez-vous",
    "suscríbete",
    "suscríbase",
    "iscriviti",
    "schrijf je in",
    "meld je aan",
];

/// The words of a reporter's contact line besides the addresses and numbers themselves.
const CONTACT_WORDS: &[&str] = &[
    "or",
    "and",
    "on",
    "at",
    "twitter",
    "x",
    "bluesky",
    "instagram",
    "threads",
    "email",
    "e-mail",
    "phone",
    "tel",
    "mail",
];

/// A reporter's contact line at the end of a story: a name, a colon, then only how to reach
/// them, with an e-mail address or a telephone number among it ("Jane Doe: 206-555-0100 or
/// jdoe@ledger.example; on Twitter: @janedoe."). A story's line with a colon after a name
/// goes on with a clause ("Jane Doe: I called 206-555-0100 twice").
fn is_contact_line(t: &str) -> bool {
    let Some((who, rest)) = t.split_once(':') else {
        return false;
    };
    let names = who.split_whitespace().collect::<Vec<_>>();
    if !(2..=4).contains(&names.len())
        || !names
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        return false;
    }
    let mut reach = false;
    for token in rest.split(|c: char| c.is_whitespace() || matches!(c, ';' | ',' | ':')) {
        let w = token.trim_end_matches(['.', ')']).trim_start_matches('(');
        if w.is_empty() {
            continue;
        }
        let address = w
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
        let handle = w.starts_with('@') && w.len() > 1;
        let digits = w.chars().filter(char::is_ascii_digit).count();
        let number = digits >= 7
            && w.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | '+' | '/' | '(' | ')'));
        if address || number {
            reach = true;
        } else if !handle && !CONTACT_WORDS.contains(&w.to_lowercase().as_str()) {
            return false;
        }
    }
    reach
}

/// A dateline set apart from the paragraph it opens: "CNN —", "New York CNN —", "AUBURN,
/// Wash. —" (a page that sets the place and the agency in their own element). At most four
/// words, each capitalised, one of them in capitals of three letters or more (a place or an
/// agency), then a dash and nothing else; a section's label before a dash ("Biz & IT —") has
/// no such word.
fn is_dateline_alone(t: &str) -> bool {
    let Some(rest) = t
        .strip_suffix(['—', '–', '-'])
        .map(|r| r.trim_end_matches(['—', '–', '-']))
    else {
        return false;
    };
    if !rest.ends_with(char::is_whitespace) {
        return false;
    }
    let words: Vec<&str> = rest
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| matches!(c, ',' | '(' | ')')))
        .collect();
    let capitalised = |w: &&str| w.starts_with(char::is_uppercase);
    let capitals = |w: &&str| {
        let w = w.trim_end_matches('.');
        w.chars().count() >= 3 && w.chars().all(|c| c.is_alphabetic() && c.is_uppercase())
    };
    (1..=4).contains(&words.len())
        && words.iter().all(capitalised)
        && words.iter().any(capitals)
        && !rest.contains(|c: char| c.is_ascii_digit())
}

/// A breaking story's note that it is not finished: "This is a developing story and will be
/// updated", "Check back later for updates", "This is a breaking news story - more to follow".
/// The phrases speak of "this story" (a story about another one, "the council's story is
/// developing", says neither); "more to follow" only closes a short line ("There is more to
/// follow next year, the mayor said" goes on).
fn is_update_promise(lower: &str) -> bool {
    const PROMISES: &[&str] = &[
        "this is a developing story",
        "this is a developing news story",
        "this story is developing",
        "this is a breaking story",
        "this is a breaking news story",
        "this is a breaking new story",
        "this story will be updated",
        "this article will be updated",
        "this post will be updated",
        "this page will be updated",
        "check back for updates",
        "check back later for updates",
        "check back for the latest",
        "refresh this page for updates",
        "refresh for updates",
    ];
    if PROMISES.iter().any(|p| lower.contains(p)) {
        return true;
    }
    let bare = lower.trim_end_matches(|c: char| !c.is_alphanumeric());
    bare.ends_with("more to follow") && bare.split_whitespace().count() <= 12
}

/// How a request for tips asks to be written to (with an e-mail address in the line).
const TIP_ASKS: &[&str] = &[
    "do you have a story",
    "have a story to share",
    "have a story to tell",
    "got a tip",
    "have a tip",
    "news tip",
    "want to hear from you",
    "get in touch",
    "contact us",
    "email us",
    "e-mail us",
    "send us",
    "tell us",
    "write to us",
    "let us know",
    "drop us a line",
    "reach us",
    "schreiben sie uns",
    "kontaktieren sie uns",
    "écrivez-nous",
    "escríbenos",
];

/// How a messaging channel's box asks to be followed (with "WhatsApp" or "Telegram" and a
/// channel in the line).
const CHANNEL_ASKS: &[&str] = &[
    "join our",
    "follow our",
    "follow us",
    "subscribe to our",
    "abonniere ",
    "abonnieren sie",
    "folge uns",
    "folgen sie uns",
    "únete",
    "síguenos",
    "suscríbete",
    "rejoignez",
    "suivez-nous",
    "abonnez-vous",
    "iscriviti",
    "seguici",
    "volg ons",
];

/// News agencies, as a credit line names them ("Quelle: dpa", "Source: AFP/Reuters").
const AGENCIES: &[&str] = &[
    "dpa", "afp", "ap", "reuters", "sid", "kna", "epd", "apa", "sda", "ddp", "dts", "ansa", "efe",
    "afx", "ats", "belga", "anp", "tt", "ntb", "ritzau", "pap", "ctk", "aa",
];

/// A line that only credits news agencies: "Quelle: dpa", "(Quelle: APA/sda/dpa)", "Quelle:
/// ntv.de, ino/dpa", "Source: AFP", "Fuente: EFE", "mit dpa", "Mit Agenturmaterial". After
/// the label, every word is an agency's name or an editor's initials (three letters at most),
/// and one at least is an agency's (so "Quelle: Landesregierung", a table's source, stays).
fn is_agency_credit(lower: &str) -> bool {
    let t = lower
        .trim()
        .trim_start_matches('(')
        .trim_end_matches([')', '.']);
    if t == "mit agenturmaterial" || t == "mit material von agenturen" {
        return true;
    }
    let Some(rest) = [
        "quelle:",
        "source:",
        "source :",
        "sources:",
        "fuente:",
        "fonte:",
        "mit material von",
        "mit material der",
        "mit",
    ]
    .iter()
    .find_map(|p| t.strip_prefix(p)) else {
        return false;
    };
    let words: Vec<&str> = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && *w != "und" && *w != "and")
        .collect();
    words.len() <= 8
        && words.iter().any(|w| AGENCIES.contains(w))
        && words
            .iter()
            .all(|w| AGENCIES.contains(w) || w.chars().count() <= 3)
}

/// How an opinion disclaimer says that the views are not the publication's.
const DISCLAIMER_PHRASES: &[&str] = &[
    "do not necessarily reflect",
    "does not necessarily reflect",
    "not necessarily those of",
    "do not reflect the views",
    "does not reflect the views",
    "not responsible for the opinions",
    "nicht notwendigerweise die",
    "nicht unbedingt die",
    "ne reflètent pas nécessairement",
    "n'engagent que",
    "no reflejan necesariamente",
    "no necesariamente reflejan",
    "لا تعبر عن رأي",
];

/// Who a disclaimer speaks of: the author, the contributors, the editors.
const DISCLAIMER_WHO: &[&str] = &[
    "expressed",
    "author",
    "contributor",
    "editor",
    "autor",
    "redaktion",
    "auteur",
    "rédaction",
    "redacción",
    "موقع",
    "أصحابها",
];

/// An opinion disclaimer: "The views expressed are the author's and do not necessarily reflect
/// those of the Ledger", "Dieser Text ist die Sicht seiner Autorin, nicht unbedingt die der
/// Redaktion". A quoted denial in a story ("the remarks do not necessarily reflect the
/// ministry's position, a spokesman said") names no author or editor.
fn is_disclaimer(lower: &str) -> bool {
    DISCLAIMER_PHRASES.iter().any(|p| lower.contains(p))
        && DISCLAIMER_WHO.iter().any(|w| lower.contains(w))
}

/// The addresses of social networks' pages.
const SOCIAL_HOSTS: &[&str] = &[
    "facebook.com/",
    "fb.me/",
    "twitter.com/",
    "x.com/",
    "instagram.com/",
    "youtube.com/",
    "tiktok.com/",
    "t.me/",
    "line.me/",
    "linkedin.com/",
    "threads.net/",
    "bsky.app/",
];

/// A line that is a site's or a person's page on a social network, in at most four words:
/// "Facebook https://fb.me/ledger", "Twitter: https://twitter.com/janedoe" (a follow-us list,
/// in whatever language its labels are). Only a page's address (one part after the host): a
/// post's ("twitter.com/janedoe/status/1") is cited, in a note or an embed's fallback, and a
/// sentence that names a page has more words.
fn is_social_link(lower: &str) -> bool {
    let words: Vec<&str> = lower.split_whitespace().collect();
    words.len() <= 4
        && words.iter().any(|w| {
            let w = w
                .strip_prefix("https://")
                .or_else(|| w.strip_prefix("http://"))
                .unwrap_or(w);
            let w = w.strip_prefix("www.").unwrap_or(w);
            SOCIAL_HOSTS.iter().any(|h| {
                w.strip_prefix(h).is_some_and(|path| {
                    let path = path.trim_end_matches('/');
                    !path.is_empty() && !path.contains('/')
                })
            })
        })
}

/// The one-word labels of a row of share, print and comment controls, lower-case ("Print",
/// "Email", "Tweet", "Recommend"): none is a notice alone, a run of them is a control row.
const CONTROL_WORDS: &[&str] = &[
    "print",
    "email",
    "e-mail",
    "mail",
    "share",
    "tweet",
    "recommend",
    "comment",
    "comments",
    "like",
    "save",
    "facebook",
    "twitter",
    "linkedin",
    "pinterest",
    "reddit",
    "whatsapp",
    "flipboard",
    "telegram",
    "messenger",
    "google+",
];

/// A control row has at least this many of [`CONTROL_WORDS`], one a line, in a run.
pub const CONTROL_ROW_MIN_LINES: usize = 3;

/// `article` without its control rows: runs of at least [`CONTROL_ROW_MIN_LINES`] lines that
/// are each one of [`CONTROL_WORDS`] ("Print", "Email", "Share", "Tweet"; blank lines between
/// them do not end a run). One such word alone stays (a heading "Email", a line "Like").
pub(super) fn without_control_rows(article: &str) -> String {
    let lines: Vec<&str> = article.lines().collect();
    let control = |l: &str| {
        let bare = l
            .trim()
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '+')
            .to_lowercase();
        CONTROL_WORDS.contains(&bare.as_str())
    };
    let mut keep = vec![true; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        if !control(lines[i]) {
            i += 1;
            continue;
        }
        let mut run = vec![i];
        let mut j = i + 1;
        while j < lines.len() && (lines[j].trim().is_empty() || control(lines[j])) {
            if !lines[j].trim().is_empty() {
                run.push(j);
            }
            j += 1;
        }
        if run.len() >= CONTROL_ROW_MIN_LINES {
            for k in run {
                keep[k] = false;
            }
        }
        i = j;
    }
    lines
        .iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(l, _)| *l)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A paragraph of prose has at least this many words…
pub const PROSE_MIN_WORDS: usize = 12;

/// Whether a paragraph's `text`, with `linked` of its visible characters inside links, is
/// prose: at least [`PROSE_MIN_WORDS`] words, at most a third of them link text.
pub(super) fn is_prose(text: &str, linked: usize) -> bool {
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    text.split_whitespace().count() >= PROSE_MIN_WORDS && linked * 3 <= chars
}

/// How many lines at each end of an article are checked for a byline.
pub const BYLINE_EDGE_LINES: usize = 3;

/// `article` without the bylines among its first and last [`BYLINE_EDGE_LINES`] lines, and the
/// counters among its first.
pub(super) fn without_edge_bylines(article: &str) -> String {
    let lines: Vec<&str> = article.lines().collect();
    let blocks: Vec<usize> = (0..lines.len())
        .filter(|i| !lines[*i].trim().is_empty())
        .collect();
    let edge = |i: usize| {
        let at = blocks.iter().position(|b| *b == i).unwrap_or(usize::MAX);
        at < BYLINE_EDGE_LINES || at.saturating_add(BYLINE_EDGE_LINES) >= blocks.len()
    };
    let first = |i: usize| blocks.iter().take(BYLINE_EDGE_LINES).any(|b| *b == i);
    lines
        .iter()
        .enumerate()
        .filter(|(i, l)| !((edge(*i) && is_byline(l)) || (first(*i) && is_bare_count(l))))
        .map(|(_, l)| *l)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A line that is only a count, as a share, view or comment counter prints it beside a
/// story's headline: "884", "6,762", "1.2K", "12k". Three digits or more, in groups of three
/// after the first when a separator is there; or a short number before a thousand's or a
/// million's sign. Not a decimal ("243.8", "16,32"), a list's number ("1", "7."), a year
/// ("2016", a timeline's heading) or a year's range: a table's figures or a list's numbers may
/// sit at an article's edge too. Only checked
/// on an article's first lines ([`BYLINE_EDGE_LINES`]).
fn is_bare_count(line: &str) -> bool {
    let t = line.trim();
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(n) = t.strip_suffix(['k', 'K', 'm', 'M']) {
        let mut parts = n.splitn(2, ['.', ',']);
        let whole = parts.next().unwrap_or_default();
        let frac = parts.next();
        return (1..=3).contains(&whole.len())
            && all_digits(whole)
            && frac.is_none_or(|f| f.len() == 1 && all_digits(f));
    }
    let mut groups = t.split([',', '.']);
    let first = groups.next().unwrap_or_default();
    let rest: Vec<&str> = groups.collect();
    if rest.is_empty() {
        // Not a year alone (a timeline's heading).
        let year = t.len() == 4 && t.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y));
        return t.len() >= 3 && t.len() <= 9 && all_digits(t) && !year;
    }
    (1..=3).contains(&first.len())
        && all_digits(first)
        && rest.len() <= 3
        && rest.iter().all(|g| g.len() == 3 && all_digits(g))
}

/// Words a byline starts with (English, German, French, Spanish, Dutch), lower-case.
const BYLINE_STARTS: &[&str] = &[
    "by",
    "von",
    "par",
    "por",
    "door",
    "written by",
    "posted by",
    "author:",
    "authors:",
    "autor:",
    "autoren:",
    "auteur:",
    "autore:",
    "autori:",
];

/// Words that join the names of a byline ("By Jane Doe and John Roe").
const NAME_JOINS: &[&str] = &["and", "&", "und", "et", "y", "en"];

/// A line that is only a byline: "By Jane Doe", "BY JANE DOE AND JOHN ROE", "Von Jane Doe,
/// Berlin", "By Jane Doe | Reuters", "Par Jane Doe // 1 novembre 2026". After the opening word,
/// names of two to five capitalised words each (joined by "and", "&", commas), then at most
/// a short tail after a comma, "|", "//" or "·" (a place, an agency, a date). "By the
/// numbers", "By Tuesday, the council …" and "Von der Planung bis …" are not bylines; nor
/// is a name that starts with an article ("By The Numbers"). Only checked on an article's
/// first and last lines ([`BYLINE_EDGE_LINES`]), where bylines are.
pub(super) fn is_byline(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() < 3 || words.len() > 16 {
        return false;
    }
    // A byline starts a line: "By", "BY", never "by" going on from the line before.
    if !line.trim_start().starts_with(char::is_uppercase) {
        return false;
    }
    let lower = line.to_lowercase();
    let Some(start) = BYLINE_STARTS
        .iter()
        .filter(|s| lower.starts_with(&format!("{s} ")))
        .map(|s| s.split_whitespace().count())
        .max()
    else {
        return false;
    };
    // The names run to the first comma, "|", "//", "·" or "—"; what follows is the tail.
    let rest = words[start..].join(" ");
    let cut = [rest.find([',', '|', '·', '—', ';', '(']), rest.find("//")]
        .into_iter()
        .flatten()
        .min();
    let (names, tail) = match cut {
        Some(at) => (&rest[..at], &rest[at..]),
        None => (rest.as_str(), ""),
    };
    if tail.split_whitespace().count() > 8 {
        return false;
    }
    if names
        .split_whitespace()
        .next()
        .is_some_and(|w| ["the", "a", "an"].contains(&w.to_lowercase().as_str()))
    {
        return false;
    }
    let mut name_words = 0;
    for w in names.split_whitespace() {
        if NAME_JOINS.contains(&w.to_lowercase().as_str()) {
            if !(2..=5).contains(&name_words) {
                return false;
            }
            name_words = 0;
            continue;
        }
        let first = w.chars().find(|c| c.is_alphabetic());
        if !first.is_some_and(char::is_uppercase) {
            return false;
        }
        name_words += 1;
    }
    (2..=5).contains(&name_words)
}

/// Words a timestamp line may hold besides dates and times (English).
const TIMESTAMP_WORDS: &[&str] = &[
    "updated",
    "update",
    "published",
    "posted",
    "submitted",
    "modified",
    "first",
    "last",
    "on",
    "at",
    "am",
    "pm",
    "a.m",
    "p.m",
    "et",
    "est",
    "edt",
    "ct",
    "cst",
    "cdt",
    "pt",
    "pst",
    "pdt",
    "gmt",
    "utc",
    "bst",
    "cet",
    "cest",
    "ist",
    "aest",
    "aedt",
    "jst",
    "kst",
    "hkt",
    "sgt",
    "myt",
    "wib",
    "ict",
    "pht",
    "sast",
    "cat",
    "eat",
    "wat",
    "msk",
    "nzst",
    "nzdt",
    "today",
    "yesterday",
    "|",
    "/",
    "·",
    "•",
    "-",
    "–",
    "—",
];

/// The same words in German, French, Spanish, Portuguese, Italian, Dutch, Polish and Latvian
/// ("Aktualisiert am 17.01.2021, 10:27 Uhr", "Publié le 4 mai 2022 à 10h", "Publicado el 4 de
/// mayo de 2022", "Opublikowano: 2021-04-29", "Šodien, 17:40").
const TIMESTAMP_WORDS_OTHER: &[&str] = &[
    "aktualisiert",
    "veröffentlicht",
    "veröffentlichung",
    "erschienen",
    "erstellt",
    "geändert",
    "publiziert",
    "zuletzt",
    "stand",
    "am",
    "um",
    "uhr",
    "vom",
    "den",
    "heute",
    "gestern",
    "publié",
    "publiée",
    "mis",
    "mise",
    "jour",
    "modifié",
    "le",
    "à",
    "aujourd'hui",
    "publicado",
    "publicada",
    "actualizado",
    "actualizada",
    "atualizado",
    "atualizada",
    "el",
    "de",
    "del",
    "las",
    "em",
    "às",
    "hoy",
    "ayer",
    "hoje",
    "ontem",
    "pubblicato",
    "aggiornato",
    "alle",
    "il",
    "ore",
    "oggi",
    "ieri",
    "gepubliceerd",
    "bijgewerkt",
    "laatst",
    "op",
    "om",
    "vandaag",
    "gisteren",
    "opublikowano",
    "publikacja",
    "aktualizacja",
    "zaktualizowano",
    "dnia",
    "godz",
    "dzisiaj",
    "wczoraj",
    "šodien",
    "vakar",
    // Norwegian, Swedish, Danish, Finnish: "Publisert 05.08.2024, kl. 13.05", "Uppdaterad
    // 15.59 | Publicerad 14.14", "Sist oppdatert torsdag 09. mai 2024".
    "publisert",
    "oppdatert",
    "sist",
    "publicerad",
    "uppdaterad",
    "senast",
    "udgivet",
    "opdateret",
    "offentliggjort",
    "julkaistu",
    "päivitetty",
    "kl",
    "klo",
    "idag",
    "igår",
    "i",
    "dag",
    "går",
    "modifica",
    // Arabic: "last update", "published", "at the hour".
    "آخر",
    "اخر",
    "تحديث",
    "نشر",
    "الساعة",
    "بتوقيت",
];

const MONTH_WORDS_OTHER: &[&str] = &[
    "januar",
    "jänner",
    "februar",
    "märz",
    "mai",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "mär",
    "okt",
    "dez",
    "janvier",
    "février",
    "mars",
    "avril",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "setiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "janeiro",
    "fevereiro",
    "março",
    "maio",
    "junho",
    "julho",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
    "gennaio",
    "febbraio",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "settembre",
    "ottobre",
    "dicembre",
    "januari",
    "februari",
    "maart",
    "mei",
    "augustus",
    "stycznia",
    "lutego",
    "marca",
    "kwietnia",
    "maja",
    "czerwca",
    "lipca",
    "sierpnia",
    "września",
    "października",
    "listopada",
    "grudnia",
    // Norwegian, Swedish, Danish (those not above).
    "februari",
    "maj",
    "augusti",
    "desember",
    "des",
    // Arabic: the Levantine names and those taken from the Latin ones (a page often gives
    // both, "آب/اغسطس").
    "كانون",
    "الثاني",
    "الأول",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين",
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "ابريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "اغسطس",
    "سبتمبر",
    "أكتوبر",
    "اكتوبر",
    "نوفمبر",
    "ديسمبر",
];

const DAY_WORDS_OTHER: &[&str] = &[
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonnabend",
    "sonntag",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
    "segunda-feira",
    "terça-feira",
    "quarta-feira",
    "quinta-feira",
    "sexta-feira",
    "lunedì",
    "martedì",
    "mercoledì",
    "giovedì",
    "venerdì",
    "sabato",
    "domenica",
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    "poniedziałek",
    "wtorek",
    "środa",
    "czwartek",
    "piątek",
    "sobota",
    "niedziela",
    "mandag",
    "tirsdag",
    "onsdag",
    "torsdag",
    "fredag",
    "lørdag",
    "søndag",
    "måndag",
    "tisdag",
    "lördag",
    "söndag",
    // Arabic.
    "الأحد",
    "الاثنين",
    "الإثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
];

/// Units of a relative stamp ("Updated 3 hours ago").
const RELATIVE_UNITS: &[&str] = &[
    "min", "mins", "minute", "minutes", "hr", "hrs", "hour", "hours", "day", "days", "week",
    "weeks",
];

const MONTH_WORDS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
];

const DAY_WORDS: &[&str] = &[
    "mon",
    "monday",
    "tue",
    "tues",
    "tuesday",
    "wed",
    "wednesday",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "fri",
    "friday",
    "sat",
    "saturday",
    "sun",
    "sunday",
];

/// Words that say a stamp is an update: a line with one may give two dates, the publication's
/// and the update's ("Published: 15:56 BST, 27 April 2024 | Updated: 15:57 BST, 27 April 2024").
const UPDATE_WORDS: &[&str] = &[
    "updated",
    "update",
    "modified",
    "aktualisiert",
    "geändert",
    "jour",
    "actualizado",
    "actualizada",
    "atualizado",
    "atualizada",
    "aggiornato",
    "modifica",
    "bijgewerkt",
    "aktualizacja",
    "zaktualizowano",
    "oppdatert",
    "uppdaterad",
    "opdateret",
    "päivitetty",
];

/// Words that say a line is a publication or update stamp, beside which a time may be written
/// with a dot ("kl. 13.05", "Publicerad 14.14").
const STAMP_ANCHORS: &[&str] = &[
    "published",
    "posted",
    "veröffentlicht",
    "publiziert",
    "erschienen",
    "publié",
    "publicado",
    "publicada",
    "pubblicato",
    "gepubliceerd",
    "opublikowano",
    "publisert",
    "publicerad",
    "udgivet",
    "julkaistu",
    "kl",
    "klo",
    "uhr",
];

/// A reading time's words ("6 minute read", "Reading time: 5 minutes", "Lesedauer: 4 Minuten",
/// "3 Min Lesezeit", "Temps de lecture : 3 min", "4 min de lectura").
const READ_WORDS: &[&str] = &[
    "read",
    "reading",
    "time",
    "lesedauer",
    "lesezeit",
    "temps",
    "lecture",
    "tiempo",
    "lectura",
    "tempo",
    "lettura",
    "leitura",
    "leestijd",
    "czas",
    "czytania",
    "lesetid",
    "lästid",
    "læsetid",
];

/// Units of a reading time besides [`RELATIVE_UNITS`] ("4 Minuten", "3 minutos").
const READ_UNITS: &[&str] = &[
    "minuten", "minutos", "minuti", "minut", "minuty", "minutter",
];

/// What one word of a stamp is.
#[derive(Clone, Copy, PartialEq)]
enum StampWord {
    /// One of [`TIMESTAMP_WORDS`] (or another language's), a day's name or a separator.
    Filler,
    Month,
    Ago,
    /// A unit of a relative stamp or a reading time ("hours", "min").
    Unit,
    /// One of [`READ_WORDS`].
    Read,
    /// A number from 1 to 31 (a day of the month, or a count before a unit).
    Day,
    Year,
    Clock,
    /// A clock time written with a dot ("13.05"): one only beside a word of
    /// [`STAMP_ANCHORS`] (else a number).
    DotClock,
    /// A date in digits ("2019-01-21", "21.01.2019").
    Digits,
}

/// What `w` (a lower-case word, punctuation at its ends trimmed) is in a stamp, if anything.
fn stamp_word(w: &str) -> Option<StampWord> {
    // "(GMT+0400)": a zone with its offset.
    let w = ["gmt", "utc"]
        .iter()
        .find_map(|z| w.strip_prefix(z))
        .filter(|o| {
            o.strip_prefix(['+', '-']).is_some_and(|d| {
                !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit() || b == b':')
            })
        })
        .map_or(w, |_| "gmt");
    let w = w
        .strip_suffix("am")
        .or_else(|| w.strip_suffix("pm"))
        .filter(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_digit() || b == b':'))
        .unwrap_or(w);
    if w.is_empty()
        || [
            TIMESTAMP_WORDS,
            TIMESTAMP_WORDS_OTHER,
            DAY_WORDS,
            DAY_WORDS_OTHER,
        ]
        .iter()
        .any(|l| l.contains(&w))
    {
        return Some(StampWord::Filler);
    }
    // "آب/اغسطس": one month in two calendars' names.
    let months = |m: &str| MONTH_WORDS.contains(&m) || MONTH_WORDS_OTHER.contains(&m);
    if months(w) || (w.contains('/') && w.split('/').all(months)) {
        return Some(StampWord::Month);
    }
    // "3 hours ago".
    if w == "ago" {
        return Some(StampWord::Ago);
    }
    if RELATIVE_UNITS.contains(&w) || READ_UNITS.contains(&w) {
        return Some(StampWord::Unit);
    }
    if READ_WORDS.contains(&w) {
        return Some(StampWord::Read);
    }
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let day = w
        .strip_suffix("st")
        .or_else(|| w.strip_suffix("nd"))
        .or_else(|| w.strip_suffix("rd"))
        .or_else(|| w.strip_suffix("th"))
        .unwrap_or(w);
    if digits(day) && day.len() <= 2 && day.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d)) {
        return Some(StampWord::Day);
    }
    if digits(w) && w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y)) {
        return Some(StampWord::Year);
    }
    // "17:13:04.031886+02:00": seconds' fraction and the offset set aside.
    let clock = w.split('+').next().unwrap_or(w);
    let clock = clock
        .split_once('.')
        .filter(|(h, _)| h.contains(':'))
        .map_or(clock, |(h, _)| h);
    let parts: Vec<&str> = clock.split(':').collect();
    if (2..=3).contains(&parts.len())
        && parts.iter().all(|p| digits(p) && p.len() <= 2)
        && parts[0].parse::<u32>().is_ok_and(|h| h < 24)
    {
        return Some(StampWord::Clock);
    }
    if let Some((h, m)) = w.split_once('.') {
        if digits(h)
            && h.len() <= 2
            && m.len() == 2
            && digits(m)
            && h.parse::<u32>().is_ok_and(|h| h < 24)
            && m.parse::<u32>().is_ok_and(|m| m < 60)
        {
            return Some(StampWord::DotClock);
        }
    }
    // 2019-01-21, 21/01/2019, 2019-01-21t13:49:00z.
    let date_part = w.split('t').next().unwrap_or(w);
    let fields: Vec<&str> = date_part.split(['-', '/', '.']).collect();
    if fields.len() == 3 && fields.iter().all(|f| digits(f) && f.len() <= 4) {
        return Some(StampWord::Digits);
    }
    None
}

/// The words of a stamp, a word that is two stamp words run together ("UhrLesedauer:",
/// "Publiziert17.", where a page put no space between two elements) taken as the two.
fn stamp_words(lower: &str) -> Option<Vec<StampWord>> {
    let trim = |w: &str| {
        w.trim_matches(|c: char| matches!(c, ',' | ':' | '.' | '(' | ')' | ';' | '،'))
            .to_string()
    };
    let mut out = Vec::new();
    for raw in lower.split_whitespace() {
        let w = trim(raw);
        if let Some(k) = stamp_word(&w) {
            out.push(k);
            continue;
        }
        let split = w
            .char_indices()
            .skip(1)
            .filter(|(i, _)| *i < 40)
            .find_map(|(i, _)| {
                let (a, b) = w.split_at(i);
                let (a, b) = (trim(a), trim(b));
                // Two words of letters, or letters then digits: never inside a number.
                // Not inside a number, and not two fillers ("atom" is not "at" and Dutch
                // "om").
                let glued = a.ends_with(char::is_alphabetic) || b.starts_with(char::is_alphabetic);
                Some((stamp_word(&a)?, stamp_word(&b)?))
                    .filter(|(x, y)| glued && (*x, *y) != (StampWord::Filler, StampWord::Filler))
            })?;
        out.extend([split.0, split.1]);
    }
    Some(out)
}

/// Where a date or a publication stamp starts among `words` (a byline's, as written), if one
/// does: a month's name before a day or a year ("December 28, 2016", "Dec. 20"), a day before
/// a month ("1 June 2019"), a weekday before a date, a date in digits ("10/04/2016"), a clock
/// time, a date in Chinese or Japanese ("2019年04月28日"), or "Updated", "Posted", "Published"
/// or "Last" with a figure somewhere after it.
pub(super) fn stamp_start(words: &[&str]) -> Option<usize> {
    let norm = |w: &str| {
        w.trim_matches(|c: char| matches!(c, ',' | ':' | '.' | '(' | ')' | ';' | '|' | '•' | '·'))
            .to_lowercase()
    };
    let kinds: Vec<Option<StampWord>> = words.iter().map(|w| stamp_word(&norm(w))).collect();
    let dated = |k: Option<StampWord>| {
        matches!(
            k,
            Some(StampWord::Day | StampWord::Year | StampWord::Digits | StampWord::Month)
        )
    };
    (0..words.len()).find(|&i| {
        let w = norm(words[i]);
        let next = kinds.get(i + 1).copied().flatten();
        let cjk = w.chars().any(|c| c.is_ascii_digit()) && w.contains(['年', '月', '日']);
        let anchor = ["updated", "posted", "published", "last"].contains(&w.as_str())
            && words[i + 1..]
                .iter()
                .any(|x| x.chars().any(|c| c.is_ascii_digit()));
        cjk || anchor
            || match kinds[i] {
                Some(StampWord::Month) => {
                    matches!(next, Some(StampWord::Day | StampWord::Year))
                }
                Some(StampWord::Day) => next == Some(StampWord::Month),
                Some(StampWord::Digits | StampWord::Clock) => true,
                Some(StampWord::Filler) => {
                    (DAY_WORDS.contains(&w.as_str()) || DAY_WORDS_OTHER.contains(&w.as_str()))
                        && dated(next)
                }
                _ => false,
            }
    })
}

/// Whether a lower-case line names an update or a change ([`UPDATE_WORDS`]).
pub(super) fn names_update(lower: &str) -> bool {
    UPDATE_WORDS.iter().any(|w| lower.contains(w))
}

/// Whether `word` (as written) is one a stamp holds beside its date: "Posted", "on",
/// "Veröffentlicht", "am", a separator.
pub(super) fn is_stamp_filler(word: &str) -> bool {
    let w = word
        .trim_matches(|c: char| matches!(c, ',' | ':' | '.' | '(' | ')' | ';'))
        .to_lowercase();
    stamp_word(&w) == Some(StampWord::Filler)
}

/// A line that is only a publication or update stamp: "Updated 10:15 AM EST, Mon January 1,
/// 2024", "Published: 27 Nov 2026", "Submitted on Mon, 2019-01-21 13:49", or a reading time,
/// alone or after one ("6 minute read", "Stand: 10:49 Uhr | Lesedauer: 5 Minuten"). Every word
/// is a date's or a time's (a month or day name, a day, a year, a clock time, a date in digits)
/// or one of [`TIMESTAMP_WORDS`] or [`READ_WORDS`]; there is a month with a day or a year, a
/// date in digits, a clock time, or a reading time (a read word and a count before its unit);
/// at most one year (two when one of [`UPDATE_WORDS`] is there: a publication's and an
/// update's date), two days and two clock times (a row of figures is not a stamp; a count
/// before a unit is not a day); a time with a dot ("kl. 13.05") only beside one of
/// [`STAMP_ANCHORS`].
pub(super) fn is_timestamp(lower: &str) -> bool {
    let Some(kinds) = stamp_words(lower) else {
        return false;
    };
    let (mut dated, mut month, mut ago, mut read) = (false, false, false, false);
    let (mut years, mut clocks, mut days, mut counts) = (0, 0, 0, 0);
    let anchored = STAMP_ANCHORS
        .iter()
        .chain(UPDATE_WORDS)
        .any(|w| lower.contains(w));
    // A publication's date and an update's: two years.
    let most_years = if UPDATE_WORDS.iter().any(|w| lower.contains(w)) {
        2
    } else {
        1
    };
    let mut prev = None;
    for &k in &kinds {
        match k {
            StampWord::Filler => {}
            StampWord::Month => month = true,
            StampWord::Ago => ago = true,
            StampWord::Read => read = true,
            StampWord::Unit => {
                // "4 minute read", "1 hour ago": the number before a unit is a count.
                if prev == Some(StampWord::Day) {
                    days -= 1;
                    counts += 1;
                }
            }
            StampWord::Day => days += 1,
            StampWord::Year => years += 1,
            StampWord::Clock => {
                clocks += 1;
                dated = true;
            }
            StampWord::DotClock if anchored => {
                clocks += 1;
                dated = true;
            }
            StampWord::DotClock => return false,
            StampWord::Digits => {
                dated = true;
                years += 1;
            }
        }
        prev = Some(k);
    }
    let reading = read && counts >= 1;
    (dated || (month && days + years > 0) || (ago && (days == 1 || counts >= 1)) || reading)
        && years <= most_years
        && clocks <= 2
        && days <= 2
        && counts <= 3
}

/// A site's address left alone on its line by the bar or dash that set it after a title
/// ("| CoastalLedger.com", "- www.coastal-ledger.com"): a host's name of letters, digits and
/// dashes, its last label two to six letters. An address alone without the bar (a list of the
/// places a story names, a setting's name such as "android.permission.CAMERA") stays.
fn is_address_alone(lower: &str) -> bool {
    let t = lower.trim();
    let Some(t) = t.strip_prefix(['|', '-', '–', '—', '·']) else {
        return false;
    };
    let t = t.trim().trim_end_matches('/');
    let t = t
        .strip_prefix("https://")
        .or_else(|| t.strip_prefix("http://"))
        .unwrap_or(t);
    let t = t.strip_prefix("www.").unwrap_or(t);
    let labels: Vec<&str> = t.split('.').collect();
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
        && labels
            .last()
            .is_some_and(|tld| (2..=6).contains(&tld.len()) && tld.chars().all(char::is_alphabetic))
}

/// What a photo's credit alone on its line names: an agency or a picture library.
const CREDIT_NAMES: &[&str] = &[
    "reuters",
    "epa",
    "epa-efe",
    "afp",
    "ap",
    "ap photo",
    "dpa",
    "pa",
    "pa media",
    "pa wire",
    "getty",
    "getty images",
    "afp via getty images",
    "afp/getty images",
    "shutterstock",
    "alamy",
    "imago",
    "imago images",
    "picture alliance",
    "picture-alliance",
    "keystone",
    "bloomberg",
    "xinhua",
    "anadolu",
];

/// A photo's credit left alone on its line under a caption: an agency's or a picture
/// library's name ("REUTERS", "Getty Images", "(EPA)"), or a name of two to four capitalised
/// words in parentheses ("(Jane Doe)", "(Ledger Photo Desk)"; a parenthesis of the story has
/// a verb, a number or a word in lower case, and one word or capitals alone are a label, a
/// pronunciation or a shout: "(Unknown)", "(MAWD-lin)", "(NOT THIS YEAR)").
fn is_credit_alone(t: &str) -> bool {
    let bare = t
        .trim()
        .trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | '.' | ':' | '©'))
        .trim()
        .to_lowercase();
    if CREDIT_NAMES.contains(&bare.as_str()) {
        return true;
    }
    let Some(inner) = t.trim().strip_prefix('(').and_then(|r| r.strip_suffix(')')) else {
        return false;
    };
    let words: Vec<&str> = inner.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                && w.chars().skip(1).any(char::is_lowercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.' | '/'))
        })
}

/// Labels of a live blog's entry after its time ("20:42KEY EVENT").
const ENTRY_LABELS: &[&str] = &[
    "key event",
    "key events",
    "pinned",
    "pinned post",
    "breaking",
    "breaking news",
];

/// A live blog's entry header: a clock time, then the entry's label or its writer's name
/// ("20:42KEY EVENT", "21:00Jane Doe-Roe", "21 mins ago11:48 Jane Doe": the time and the
/// name from elements of their own, run together or after a relative stamp). A name is two or
/// three capitalised words of letters; with a space between it and the time and no relative
/// stamp before, the line is kept ("20:15 Evening News", a programme's listing).
fn is_entry_header(t: &str) -> bool {
    // ASCII only, so that offsets in it are offsets in `t`.
    let lower = t.to_ascii_lowercase();
    // "21 mins ago": a count, a unit, "ago".
    let (relative, rest) = match lower.find("ago") {
        Some(at) if at > 0 => {
            let before: Vec<&str> = lower[..at].split_whitespace().collect();
            let stamp = before.len() == 2
                && before[0].bytes().all(|b| b.is_ascii_digit())
                && (RELATIVE_UNITS.contains(&before[1])
                    || ["sec", "secs", "second", "seconds"].contains(&before[1]));
            if stamp {
                (true, t[at + 3..].trim_start())
            } else {
                (false, t)
            }
        }
        _ => (false, t),
    };
    // The clock: "9:05", "21:00", "21.00".
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return false;
    }
    let after = &rest[digits..];
    let Some(minutes) = after.strip_prefix([':', '.']) else {
        return false;
    };
    if minutes.len() < 2 || !minutes.as_bytes()[..2].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let mut tail = &minutes[2..];
    for suffix in ["am", "pm", "AM", "PM", " am", " pm", " AM", " PM"] {
        if let Some(x) = tail.strip_prefix(suffix) {
            if !x.starts_with(char::is_alphanumeric) || x.starts_with(char::is_uppercase) {
                tail = x;
                break;
            }
        }
    }
    let glued = tail.starts_with(char::is_alphabetic);
    let name = tail.trim();
    if ENTRY_LABELS.contains(&name.to_lowercase().as_str()) {
        return true;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    (glued || relative)
        && (2..=3).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        })
}

/// A caption's credit, at its end: "… (AP Photo/Jane Doe)", "… (Photo: Jane Doe)",
/// "… Photograph: Jane Doe/Getty Images", "… Jane Doe / Reuters".
fn is_photo_credit(lower: &str) -> bool {
    let t = lower.trim_end_matches(|c: char| c == '.' || c.is_whitespace());
    if let Some(inner) = t
        .strip_suffix(')')
        .and_then(|h| h.rfind('(').map(|i| &h[i + 1..]))
    {
        if ["photo", "getty", "image", "credit", "picture"]
            .iter()
            .any(|w| inner.contains(w))
        {
            return true;
        }
    }
    // "- Tapie in 2008. REUTERS/Jane Doe -": an agency's credit with its photographer, in a
    // short caption line (at most 25 words and 160 characters), the agency a word of its own
    // ("(c)AFP/…" closing a paragraph of Japanese, written without spaces, is the story's).
    let agency = [
        "reuters/",
        "afp/",
        "epa/",
        "dpa/",
        "anp/",
        "xinhua/",
        "ap photo/",
        "imago/",
        "imago images/",
        "picture alliance/",
        "keystone/",
    ]
    .iter()
    .any(|a| {
        lower.match_indices(a).any(|(at, _)| {
            at == 0 || lower[..at].ends_with(|c: char| c.is_whitespace() || c == '(')
        })
    });
    if agency && lower.split_whitespace().count() <= 25 && lower.chars().count() <= 160 {
        return true;
    }
    // "… an. Bild: Andreas Seidel/Archiv", "… | Foto: Zvg.", "… Kindern © VS Tristach": a
    // caption that ends with its credit, at most six words after the label, in a line of at
    // most 30 words (the label a word of its own).
    let credit_tail = |label: &str| {
        t.rfind(label).is_some_and(|at| {
            let own =
                at == 0 || t[..at].ends_with(|c: char| c.is_whitespace() || c == '|' || c == '(');
            let n = t[at + label.len()..].split_whitespace().count();
            own && (1..=6).contains(&n)
        })
    };
    if lower.split_whitespace().count() <= 30
        && ["foto:", "fotos:", "bild:", "photo:", "photos:", "©"]
            .iter()
            .any(|l| credit_tail(l))
    {
        return true;
    }
    [
        "getty images",
        "shutterstock",
        "/ reuters",
        "/reuters",
        "/ afp",
        "/afp",
        "/ap",
    ]
    .iter()
    .any(|s| t.ends_with(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_and_id_words_name_widgets() {
        for yes in [
            "newsletter-signup",
            "inline_newsletter",
            "c-regwall-promo",
            "related-links",
            "read-more",
            "ad-feedback-link",
            "video-resource",
            "social share-bar",
            "most-read-list",
            "about-the-author",
            "author-dropdown",
            "author-box",
            "authorbox",
            "graf--pullquote",
            "pull-quote",
            "login-modal",
            "author-avatar",
            "NewsletterBox",
            "ArticleRelated_list__x1Y2",
            "shareButtons",
            "author-container",
            "autor-info-card",
            "authorprofile",
            "ReadMore",
        ] {
            assert!(names_widget(yes), "{yes}");
        }
        for no in [
            "article-body",
            "story-content",
            "node-promoted",
            "shared-story",
            "advertorial-free",
            "readme",
            "headline",
            "author",
            "byline-author",
            "ArticleBody",
            "Headline_text__aB3x",
            "SHAREDSTORY",
            "AdvertorialFree",
            "sc-bdAdJa",
            "x1Ad",
        ] {
            assert!(!names_widget(no), "{no}");
        }
    }

    #[test]
    fn a_live_blogs_entry_headers_are_notices() {
        for yes in [
            "20:42KEY EVENT",
            "21:00Jane Doe-Roe",
            "21 mins ago11:48 Jane Doe",
            "2 hours ago10:05 Jane O'Doe",
            "9.05Pinned post",
            "11:48pmJohn Roe",
        ] {
            assert!(is_notice(yes), "{yes}");
        }
        for no in [
            // A programme's listing, a time in a sentence, a clock with a number after it.
            "20:15 Evening News",
            "20:15 The council met again and voted.",
            "21:00 kick-off at the harbour stadium",
            "21:00Jane Doe said the council met again",
            "12:30Harbour",
            "İ 3 mins ago",
        ] {
            assert!(!is_notice(no), "{no}");
        }
    }

    #[test]
    fn notices_are_short_and_worded_as_notices() {
        for yes in [
            "Advertisement",
            "ADVERTISEMENT",
            "- Anzeige -",
            "Story continues below advertisement",
            "Read more: Harbour tunnel costs double",
            "RELATED: Another story about bridges",
            "Sign up for our daily newsletter to get the news in your inbox.",
            "Already a subscriber? Log in.",
            "© 2026 The Coastal Ledger. All rights reserved.",
            "Copyright 2026 The Associated Press. All rights reserved.",
            "The old bridge at dawn. (AP Photo/Jane Doe)",
            "- The mayor at the harbour in 2019. REUTERS/Jane Doe -",
            "The old bridge at dawn. AFP/Jane Doe",
            "By:",
            "Written by",
            "Author",
            "Autoren:",
            "Facebook https://fb.me/coastalledger",
            "Twitter: twitter.com/janedoe",
            "The views expressed here are the author's and do not necessarily reflect those of the Ledger.",
            "Dieser Text ist die Sicht seiner Autorin, nicht unbedingt die der Redaktion.",
            "Spotted an error? Write to the desk.",
            "Kļūda rakstā?",
            "الخميس، 12 أيار/مايو 2022، آخر تحديث 09:30 (GMT+0300)",
            "Updated 10:15 (GMT+0100), 3 May 2022",
            "Workers in the tunnel. Photograph: Jane Doe/Getty Images",
            "— Share this —",
            "toggle caption",
            "Loading...",
            "Follow Jane Doe on Twitter: @janedoe",
            "Jane Doe: 206-555-0100 or jdoe@ledger.example; on Twitter: @janedoe.",
            "Jane Doe: jdoe@ledger.example",
            "Lust auf mehr? Melde dich hier für unseren Newsletter an!",
            "Unser Newsletter kommt jeden Morgen in deinen Posteingang.",
            "Image caption The old bridge at dawn",
            "Image copyright Jane Doe",
            "Kommentar verfassen",
            "Artikel teilen",
            "Valora esta noticia",
            "Fehler im Text? Markieren Sie ihn und drücken Sie Strg+Enter.",
            "［有料会員限定］ この記事は会員限定です。",
            "【関連記事】",
            "関連キーワード",
            "관련기사",
            "This entry was posted in Harbour, Council and tagged bridges. Bookmark the permalink.",
            "Visto 314 veces",
            "1.234 Aufrufe",
            "Views: 512",
            "To view the full story, please subscribe to the Ledger.",
            "Never miss the latest news by signing up to our newsletter today!",
            "For breaking news, download the Ledger apps for iOS and Android.",
            "Photograph by Jane Doe, Harbour Trust",
            "If you enjoyed reading this post, would you consider supporting us?",
            "Les også: Ferjen går igjen fra mandag",
            "Taip pat skaitykite",
            "Lest auch",
            "Čtěte také: Most bude opraven",
            "Der Ledger-Newsletter informiert Sie jeden Morgen über das Wichtigste. Hier geht's zur Anmeldung.",
            "Inscrivez-vous à notre newsletter du matin.",
            "Abonniere den WhatsApp-Kanal des Ledgers und du bekommst die besten Geschichten.",
            "Join our WhatsApp channel for the latest news from the harbour.",
            "Are ferries late in your area? Get in touch at news@ledger.example",
            "For more stories like this, check our news page.",
            "WATCH | The council votes on the bridge:",
            "Follow Ledger.example on Twitter and Facebook for the latest news updates.",
            "REUTERS",
            "Getty Images",
            "(EPA)",
            "(Jane Doe)",
            "(Coastal Ledger Photo Desk)",
            "[+] Enlarge",
            "Click to enlarge",
            "Please wait...",
            "| CoastalLedger.com",
            "- www.coastal-ledger.com/",
            // A breaking story's note that it is not finished.
            "This is a developing story and will be updated.",
            "This story is developing. Check back later for updates.",
            "This is a breaking news story - more to follow",
            "More to follow.",
            // A dateline set apart from its paragraph.
            "CNN  —",
            "New York CNN —",
            "AUBURN, Wash. —",
            "LONDON -",
            // A cookie banner's sentences.
            "This website uses cookies to improve your experience.",
            "By continuing to browse the site, you agree to our use of cookies.",
            "Datenschutz & Cookies: Diese Website verwendet Cookies.",
            "Durch die Nutzung unserer Dienste stimmen Sie der Verwendung von Cookies zu.",
            // Words apart by no-break spaces.
            "Click\u{a0}here\u{a0}to read the full report.",
            "This\u{a0}is a developing story.",
            // A byline's label whose names are on the next line.
            "Author of the article:",
            // A request for tips in other words, with the desk's address.
            "Do you have a story to tell? Email: news@ledger.example",
            "Got a tip? Write to tips@ledger.example",
            "Ride the ferry every day? We want to hear from you at ferries@ledger.example.",
        ] {
            assert!(is_notice(yes), "{yes}");
        }
        for no in [
            // An agency's credit closing a paragraph written without spaces is the story's.
            "市長は港で新しい橋の計画を発表し、工事は来年の春に始まると述べた。(c)AFP/Jane Doe",
            "Reporters visited twitter.com/reuters/status pages for the survey.",
            "By the harbour, the council met again.",
            "[3] https://twitter.com/janedoe/status/123456",
            "The remarks do not necessarily reflect the ministry's position, a spokesman said.",
            "Inspectors found an error in the drawings of the bridge.",
            "The council posts its agenda at facebook.com/harbourcouncil every week.",
            "قال المجلس في 12 أيار 2022 إن الجسر سيفتح في الربيع",
            "The council voted on Tuesday to rebuild the old bridge.",
            "Readers shared their photos of the bridge.",
            "“We read more than we could use,” she said.",
            "LONDON (Reuters) - The council voted on Tuesday to rebuild the bridge.",
            "Related costs rose by a third, the audit found.",
            "Copyright law changed in 2019, and the archive with it.",
            "Facebook said the post broke its community guidelines.",
            "Follow the money, she said on Twitter, and you find the council.",
            "The new rate applies for subscribers who joined before May.",
            "Subscribers to the newsletter complained about the change.",
            "The newsletter, delivered weekly, was shut down in 2019.",
            "Weiter ging es nach Süden.",
            "Kommentare von Lesern erreichten die Redaktion.",
            "314 views of the harbour",
            "Visto desde el puente, 2026",
            "Download the latest version of the source code from the project's site.",
            "Users downloaded tens of billions of apps last year, the report says, and \
             updated them often.",
            "Photo by photo, she rebuilt the archive of the harbour.",
            "Millions joined the party's WhatsApp channel before the vote.",
            "The mayor wrote from mayor@harbour.example to say the vote was close, and she \
             asked for the letter to be read out.",
            "Follow the ferry. On Twitter, the council posts its timetable.",
            "Jane Doe: I called 206-555-0100 twice and nobody answered.",
            "Update: call 206-555-0100 for the ferry's times.",
            "(Unknown)",
            "(MAWD-lin)",
            "(NOT THIS YEAR)",
            "(see below)",
            "(Jane Doe said no)",
            "www.harbour-ferries.example",
            "android.permission.CAMERA",
            "Please wait for the ferry at the north pier, the council said.",
            "Der Newsletter der Stadt wurde 2019 eingestellt.",
            // Another story's development, more to follow that goes on, a story's tip
            // without an address.
            "The council said the story of the bridge is developing slowly.",
            "There is more to follow next year when the second bridge opens, the mayor said.",
            "Police said they got a tip about the ferry from a passenger.",
            // A story about a site's cookies.
            "The council's website uses cookies to count visitors, the audit found.",
            // A section's label before a dash, a place without capitals, a dash alone.
            "Biz & IT —",
            "Harbour News —",
            "Düsseldorf -",
            "—",
            " -",
            "The mayor said —",
            "LONDON (Reuters) - The council voted again.",
            // A sentence about related articles is the story's ("The ministry deleted the
            // related articles.").
            "省は関連記事を削除した。",
            "",
        ] {
            assert!(!is_notice(no), "{no}");
        }
        for yes in [
            "Updated 10:15 AM EST, Mon January 1, 2024",
            "Published: 27 Nov 2026",
            "Submitted on Mon, 2019-01-21 13:49",
            "1:39 PM ET",
            "Nov. 27, 2026",
            "Updated 3 hours ago",
            "Published 25 mins ago",
            "3 hours ago",
            "Aktualisiert am 17.01.2026, 10:27 Uhr",
            "Veröffentlichung: 2. Februar 2026",
            "Publié le 4 mai 2026 à 10:15",
            "Publicado el 4 de mayo de 2026",
            "Opublikowano: 2026-04-29 17:13:04.031886+02:00",
            "16 marca 2026",
            "Dezember 2026",
            "Šodien, 17:40",
            "6 minute read",
            "5 min read",
            "Reading time: 5 minutes",
            "Published Jun 05, 2026 • 3 minute read",
            "Published Aug 28, 2026 • Last updated 1 hour ago • 4 minute read",
            "Lesedauer: 4 Minuten",
            "3 Min Lesezeit",
            "Stand: 10:49 UhrLesedauer: 5 Minuten",
            "Aktualisiert am 07.01.2026 - 18:50 UhrLesedauer: 4 Min.",
            "Publiziert17. Dezember 2026, 12:17",
            "Temps de lecture : 3 min",
            "4 min de lectura",
            "Publisert torsdag 09. mai 2026 - 13:26",
            "Sist oppdatert torsdag 09. mai 2026 - 20:24",
            "Publisert 05.08.2026, kl. 13.05 Oppdatert 05.08.2026, kl. 13.52",
            "Uppdaterad 15.59 | Publicerad 14.14",
            "Publicerad 23 okt 2026 kl 10.23Uppdaterad kl 12.17",
            "Published: 15:56 BST, 27 April 2026 | Updated: 15:57 BST, 27 April 2026",
            "08:39, 06 Jan 2026Updated 08:41, 06 Jan 2026",
            "17:41 JST, October 13, 2026",
            "Friday, 22 Nov 2026 4:55 PM MYT",
            "Erschienen am 30.04.2026",
            "Symbol oder Unterstreichung gekennzeichneten Links sind Affiliate-Links. Kommt \
             darüber ein Einkauf zustande, erhalten wir eine Provision.",
            "This article contains affiliate links.",
            "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of \
             Service apply.",
            "Got a story? Get in touch with our news team by emailing us at news@ledger.example.",
            "skip past newsletter promotion",
            "Follow the Ledger on Google News and add us as a preferred source.",
            "Be the first to comment on this article",
            "Ad block users: Some site features may not work correctly while an ad blocker is \
             enabled.",
            "Quelle: dpa",
            "(Quelle: APA/sda/dpa)",
            "Quelle: ntv.de, ino/dpa",
            "Source: AFP/Reuters",
            "Fuente: EFE",
            "mit dpa",
            "Mit Agenturmaterial.",
            "3 Kommentare",
            "Im Vorjahr kamen Tausende Besucher. Bild: Jane Doe/Archiv",
            "Die Kinder am Montag vor der Schule © Gemeinde Harbourtown",
            "Jane Doe, John Roe und Max Muster | Foto: Zvg.",
            "Der Trainer vor dem Spiel. IMAGO/Jane Doe",
            "36 Comments",
            "Empfohlener redaktioneller Inhalt",
            "Externen Inhalt anzeigen",
            "Ein Klick für den Datenschutz",
            "An dieser Stelle findest du einen externen Inhalt von Vimeo, der den Artikel ergänzt.",
            "Ich bin damit einverstanden, dass mir externe Inhalte angezeigt werden.",
            "Personenbezogene Daten können an Drittplattformen übermittelt werden.",
            "Article réservé aux abonnés",
            "Il vous reste 64% de cet article à lire. La suite est réservée aux abonnés.",
            "Pour lire la suite, abonnez-vous",
            "Vous ne pouvez lire La Gazette que sur un seul appareil à la fois.",
        ] {
            assert!(is_notice(yes), "{yes}");
        }
        for no in [
            "The meeting starts at 10:30.",
            "Doors open on 27 November 2026 at 19:00 in the town hall.",
            "2020-08-01 18:00:00+00 | 200 | 4084",
            "2020-08-01 2020-08-02",
            "2026",
            "Updated",
            "The bridge closed 3 hours ago",
            "42",
            "May",
            "Am 4. Mai 2026 stimmte der Rat ab.",
            "El puente de mayo de 2026",
            "Dezember",
            "Read the report",
            "5 minutes",
            "Time to read",
            "Atom 12",
            "Quelle: Landesregierung Hessen",
            "Quelle: HWK OMV",
            "Source: CDC, Chicago Department of Public Health",
            "Mit dem Rad zur Arbeit",
            "Mit Ida und Jan",
            "Le port a ouvert un quai réservé aux pêcheurs de la ville.",
            "Comments 3 and 4 were deleted",
            "The search engine said it would rank pages with affiliate links lower.",
            "Ad blockers cost publishers millions, the report found.",
            "The council said it had got a story wrong.",
            "Das Bild: ein Hafen im Regen, ein Schiff, ein Kran und drei Möwen über dem Wasser",
            "13.05 14.14",
            "Published 2024 2025 2026",
            "March 2025 to March 2026",
            "Read 25 books in 2026 and 30 in 2027",
            "The 3 minute read that changed the council",
            "Der Rat war mit dem Plan einverstanden, die Zahlen wurden angezeigt.",
            "Ein externer Inhalt der Stadt wurde geprüft.",
        ] {
            assert!(!is_notice(no), "{no}");
        }
        for yes in [
            "By Jane Doe",
            "BY JANE DOE AND JOHN ROE",
            "By Jane Doe, Harbourtown",
            "By Jane Doe | Reuters",
            "Von Jane Doe und John Roe, dpa",
            "Par Jane Doe // 27 novembre 2026",
            "Von Jane Doe // 27. November 2026, 10:15",
            "Written by Jane Doe",
            "Author: Jane Doe (Ledger's harbour reporter)",
            "Autoren: Jane Doe und John Roe",
        ] {
            assert!(is_byline(yes), "{yes}");
        }
        for no in [
            "By the numbers",
            "By The Numbers",
            "By Tuesday, the council had spent it all.",
            "Von der Planung bis zum Bau",
            "von Open Source Software (OSS) ein und entwickeln einen Leitfaden.",
            "By Reuters",
            "By",
            "By Jane Doe, who covered the council for the Ledger for twenty years and wrote \
             two books about its bridges",
        ] {
            assert!(!is_byline(no), "{no}");
        }
        let long = format!("Advertisement {}", "word ".repeat(NOTICE_MAX_WORDS));
        assert!(!is_notice(&long));
    }
}
