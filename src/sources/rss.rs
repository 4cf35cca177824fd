//! RSS 2.0 and Atom feeds: Google News search feeds built from the brand terms, or any list of feeds.

use chrono::{Duration, Utc};
use feed_rs::model::FeedType;
use serde::Deserialize;
use url::Url;

use super::{api, brand_terms, html, parse_config, BoxFuture, FetchCtx, Page, Registration, Source, Window};
use crate::http;
use crate::mention::Mention;
use crate::pipeline::Brand;

/// Registry entry.
pub const SOURCE: Registration = Registration {
    name: "rss",
    about: "News and blogs from RSS 2.0/Atom: Google News search feeds built from brand terms, or fixed feed URLs.",
    history_limit: Some("Google News search: about 100 items per query and sparse history (after:/before: slicing); fixed feeds: only what the feed still lists"),
    keys: &[
        ("base_url", "Google News root (default https://news.google.com); ignored when `feeds` is set"),
        ("feeds", "list of feed URLs to read instead of Google News search"),
        ("hl", "Google News interface language (default en-US)"),
        ("gl", "Google News country (default US)"),
        ("ceid", "Google News edition (default US:en)"),
    ],
    check: |t| parse_config::<Config>(t).map(|_| ()),
    build: |t| Ok(Box::new(Rss { config: parse_config::<Config>(t)? })),
};

/// Google News returns at most about this many items per feed: a full feed means the window must shrink.
const FEED_CAP: usize = 100;

/// The `[[source]] type = "rss"` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    #[serde(default = "default_base_url")]
    base_url: Url,
    #[serde(default)]
    feeds: Vec<Url>,
    #[serde(default = "default_hl")]
    hl: String,
    #[serde(default = "default_gl")]
    gl: String,
    #[serde(default = "default_ceid")]
    ceid: String,
}

fn default_base_url() -> Url {
    super::url("https://news.google.com")
}
fn default_hl() -> String {
    "en-US".into()
}
fn default_gl() -> String {
    "US".into()
}
fn default_ceid() -> String {
    "US:en".into()
}

struct Rss {
    config: Config,
}

/// Builds the Google News search feed URL for `terms` inside a day-aligned window.
pub fn google_news_url(base: &Url, terms: &str, window: Window, hl: &str, gl: &str, ceid: &str) -> anyhow::Result<Url> {
    let mut url = api::endpoint(base, "rss/search")?;
    let q = format!("{terms} after:{} before:{}", window.since.format("%Y-%m-%d"), window.until.format("%Y-%m-%d"));
    url.query_pairs_mut().append_pair("q", &q).append_pair("hl", hl).append_pair("gl", gl).append_pair("ceid", ceid);
    Ok(url)
}

/// Parses an RSS or Atom document into mentions. With `fixed` (a fixed feed's URL), RSS item ids that are no URL
/// are qualified by the feed (`host/path?query#id`): two feeds may both number their items 1, 2, 3
/// (`<guid isPermaLink="false">`). A feed URL with a secret in it (a private feed's `?token=…`, a password) qualifies
/// them in full but marked for a keyed hash ([`api::keyed_id`]), so the secret is never stored and two private feeds
/// that differ only in their tokens stay two feeds (masked, both would read `?token=***`). Atom ids are meant to be
/// unique everywhere (`tag:…`, `urn:uuid:…`): the same entry in two feeds stays one mention.
pub fn parse_feed(body: &[u8], fixed: Option<&str>) -> anyhow::Result<Vec<Mention>> {
    let feed = parser().parse(body)?;
    let rss = matches!(feed.feed_type, FeedType::RSS0 | FeedType::RSS1 | FeedType::RSS2);
    let origin = fixed
        .filter(|_| rss)
        .map(|url| (url.split_once("://").map_or(url, |(_, rest)| rest).to_string(), http::has_secret(url)));
    let mut out = Vec::with_capacity(feed.entries.len());
    for e in feed.entries {
        let Some(created) = e.published.or(e.updated) else { continue };
        let title = e.title.map(|t| html::decode_entities(&t.content));
        let text = e
            .content
            .and_then(|c| c.body)
            .or(e.summary.map(|s| s.content))
            .map(|h| html::to_text(&h))
            .unwrap_or_default();
        // An item without guid and link (status pages, some changelogs) gets an id from what it says, the same on
        // every read of the feed.
        let own = if e.id.is_empty() {
            let published = created.to_rfc3339();
            format!("item-{}", api::hashed_id(&format!("{published}\n{}\n{text}", title.as_deref().unwrap_or(""))))
        } else {
            e.id
        };
        let id = match &origin {
            Some((origin, false)) if !own.contains("://") => format!("{origin}#{own}"),
            Some((origin, true)) if !own.contains("://") => api::keyed_id(&format!("{origin}#{own}")),
            _ => own,
        };
        let mut m = Mention::new("rss", id, created.with_timezone(&Utc), text);
        m.url = e.links.iter().find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate")).map(|l| l.href.clone());
        // Google News titles read "Headline - Publisher"; the publisher stands in for the author.
        m.author = e
            .authors
            .first()
            .map(|a| a.name.clone())
            .or_else(|| title.as_deref().and_then(|t| t.rsplit_once(" - ")).map(|(_, p)| p.to_string()));
        m.title = title;
        out.push(m);
    }
    Ok(out)
}

/// feed-rs's parser, but an item without guid or link is left without an id (feed-rs would make up a random UUID,
/// a new mention on every read): [`parse_feed`] gives it one from its content.
fn parser() -> feed_rs::parser::Parser {
    feed_rs::parser::Builder::new()
        .id_generator(|links, title, uri| match (links.first(), uri) {
            (None, None) => String::new(),
            _ => feed_rs::parser::generate_id(links, title, uri),
        })
        .build()
}

/// Whether a feed body parses and yields every item it lists: a cut-off or garbled document must be fetched
/// again, never taken for a feed with fewer items (which would move the cursor past the ones lost).
fn parses_whole(body: &str) -> bool {
    // Items are counted outside CDATA sections: a post quoting `<item>` in a code sample lists no item.
    let mut markup = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(start) = rest.find("<![CDATA[") {
        markup.push_str(&rest[..start]);
        rest = rest[start..].find("]]>").map_or("", |end| &rest[start + end + 3..]);
    }
    markup.push_str(rest);
    let listed: usize = ["<item>", "<item ", "<entry>", "<entry "].iter().map(|t| markup.matches(t).count()).sum();
    parser().parse(body.as_bytes()).is_ok_and(|feed| feed.entries.len() >= listed)
}

/// Whether a body is an RSS (0.9x, 1.0 as RDF, 2.0) or Atom document rather than an HTML error or throttle page.
fn looks_like_feed(body: &str) -> bool {
    let head: String = body.chars().take(2048).collect();
    (head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:RDF")) && body.trim_end().ends_with('>')
}

impl Source for Rss {
    fn name(&self) -> &'static str {
        SOURCE.name
    }

    fn instance(&self) -> String {
        match self.config.feeds.is_empty() {
            true => format!("rss:{}", self.config.base_url.host_str().unwrap_or("?")),
            false => "rss:feeds".into(),
        }
    }

    fn keys(&self, brands: &[Brand]) -> Vec<String> {
        match self.config.feeds.is_empty() {
            true => {
                brand_terms(brands).into_iter().map(|t| if t.contains(' ') { format!("\"{t}\"") } else { t }).collect()
            }
            false => self.config.feeds.iter().map(|u| u.to_string()).collect(),
        }
    }

    /// Fixed feeds: a feed lists what it lists, whatever the window.
    fn snapshot(&self) -> bool {
        !self.config.feeds.is_empty()
    }

    fn granularity(&self) -> Duration {
        Duration::days(1)
    }

    fn fetch<'a>(&'a self, ctx: &'a FetchCtx, key: &'a str, window: Window) -> BoxFuture<'a, anyhow::Result<Page>> {
        Box::pin(async move {
            let c = &self.config;
            let url = match c.feeds.is_empty() {
                true => google_news_url(&c.base_url, key, window, &c.hl, &c.gl, &c.ceid)?.to_string(),
                false => key.to_string(),
            };
            let check = |f: &http::Fetched| match http::standard(f) {
                // A throttle page ("unusual traffic") may come as HTML with status 200, and a feed may come cut off
                // or garbled: retry, never "no results" or fewer results.
                http::Verdict::Accept
                    if f.status.is_success() && !(looks_like_feed(&f.body) && parses_whole(&f.body)) =>
                {
                    http::Verdict::Retry(None)
                }
                v => v,
            };
            let fetched = ctx.http.get_with(&url, &[], &ctx.stats, check).await?;
            if fetched.status == reqwest::StatusCode::NOT_MODIFIED {
                return Ok(Page { pages: 1, ..Page::default() });
            }
            let mentions = parse_feed(fetched.bytes(), (!c.feeds.is_empty()).then_some(key))?;
            let capped = c.feeds.is_empty() && mentions.len() >= FEED_CAP;
            Ok(Page {
                mentions: mentions.into_iter().filter(|m| window.contains(m.created_at)).collect(),
                pages: 1,
                capped,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A feed in an encoding other than UTF-8 is decoded as it declares (Latin-1 here), from the bytes it was sent
    /// in: text whose non-UTF-8 letters were already replaced would store "Nestl\u{fffd}" and miss every brand
    /// spelled with an accent.
    #[tokio::test]
    async fn a_latin_1_feed_keeps_its_letters() {
        let published = Utc::now() - Duration::hours(1);
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>t</title><item>\
             <title>Nestlé</title><guid isPermaLink=\"false\">1</guid><pubDate>{}</pubDate>\
             <description>Café crème</description></item></channel></rss>",
            published.to_rfc2822()
        );
        let latin1: Vec<u8> = xml.chars().map(|c| u8::try_from(u32::from(c)).expect("Latin-1")).collect();
        assert!(std::str::from_utf8(&latin1).is_err(), "the body is no UTF-8");
        let app = axum::Router::new().route("/feed.xml", axum::routing::get(move || async move { latin1.clone() }));
        let root = super::super::testing::serve(app).await;
        let feed = format!("{root}/feed.xml");
        let source = (SOURCE.build)(&toml::from_str(&format!("feeds = [\"{feed}\"]")).unwrap()).unwrap();
        let window = Window { since: published - Duration::days(1), until: Utc::now() + Duration::hours(1) };
        let page = source.fetch(&super::super::testing::default_ctx(), &feed, window).await.unwrap();
        assert_eq!(page.mentions.len(), 1);
        assert_eq!((page.mentions[0].title.as_deref(), page.mentions[0].text.as_str()), (Some("Nestlé"), "Café crème"));
    }

    #[test]
    fn parses_google_news_capture() {
        let body = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rss/google_news.xml")).unwrap();
        let m = parse_feed(&body, None).unwrap();
        assert_eq!(m.len(), 1);
        assert!(m[0].source_id.starts_with("CBMicEFVX3lxTFB1"));
        assert_eq!(m[0].author.as_deref(), Some("CNBC"));
        assert_eq!(m[0].text, "bitcoin market update");
        assert_eq!(m[0].created_at.to_rfc3339(), "2026-09-22T13:10:00+00:00");
    }

    #[test]
    fn search_url_keeps_the_base_path() {
        let window =
            Window { since: "2026-09-01T00:00:00Z".parse().unwrap(), until: "2026-09-02T00:00:00Z".parse().unwrap() };
        let base = Url::parse("https://news.example.com/proxy").unwrap();
        let url = google_news_url(&base, "acme", window, "en-US", "US", "US:en").unwrap();
        assert!(url.as_str().starts_with("https://news.example.com/proxy/rss/search?q=acme"), "{url}");
    }

    #[test]
    fn items_without_guid_or_link_keep_one_id() {
        let feed = |extra: &str| {
            format!(
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>status</title><item><title>Acme is \
                 down</title><description>Investigating.{extra}</description><pubDate>Tue, 24 Nov 2026 10:00:00 \
                 GMT</pubDate></item></channel></rss>"
            )
        };
        let id =
            |body: &str| parse_feed(body.as_bytes(), Some("https://status.example/feed")).unwrap()[0].source_id.clone();
        assert_eq!(id(&feed("")), id(&feed("")), "the same item read twice is one mention");
        assert_ne!(id(&feed("")), id(&feed(" Resolved.")));
        assert!(id(&feed("")).starts_with("status.example/feed#item-"), "{}", id(&feed("")));
    }

    #[test]
    fn code_samples_and_rss1_are_feeds() {
        let cdata = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><item><title>x</title>\
                     <description><![CDATA[<pre>&lt;rss&gt;<item>one</item><entry></pre>]]></description>\
                     <pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate></item></channel></rss>";
        assert!(looks_like_feed(cdata) && parses_whole(cdata));
        let rdf = "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" \
                   xmlns=\"http://purl.org/rss/1.0/\"><channel rdf:about=\"https://e.example/\"><title>t</title>\
                   <link>https://e.example/</link><description>d</description></channel><item \
                   rdf:about=\"https://e.example/1\"><title>acme</title><link>https://e.example/1</link></item></rdf:RDF>";
        assert!(looks_like_feed(rdf) && parses_whole(rdf));
    }

    #[test]
    fn parses_atom() {
        let body = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rss/atom.xml")).unwrap();
        let m = parse_feed(&body, None).unwrap();
        assert_eq!(m[0].source_id, "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a");
        assert_eq!(m[0].url.as_deref(), Some("http://example.org/2003/12/13/atom03"));
        assert_eq!(m[0].text, "Some text.");
    }

    /// In fixed feeds, RSS ids that are no URL are the feed's own numbering and get the feed's URL (query and
    /// all; with a secret in it, marked for a keyed hash, so that two private feeds stay two); Atom ids, unique
    /// everywhere, and URL guids stay as they are.
    #[test]
    fn fixed_feed_ids_are_qualified_only_where_they_are_local() {
        let rss = |guid: &str| {
            format!(
                "<rss version=\"2.0\"><channel><title>t</title><item><title>x</title><guid isPermaLink=\"false\">{guid}</guid>\
                 <pubDate>Tue, 22 Sep 2026 13:10:00 GMT</pubDate></item></channel></rss>"
            )
        };
        let id = |body: &str, fixed: Option<&str>| parse_feed(body.as_bytes(), fixed).unwrap().remove(0).source_id;
        let feed = Some("https://news.example/rss?cat=2");
        assert_eq!(id(&rss("1"), feed), "news.example/rss?cat=2#1");
        let private = |token: &str| format!("https://news.example/rss?cat=2&token={token}");
        let (a, b) = (id(&rss("1"), Some(&private("s3cret"))), id(&rss("1"), Some(&private("0ther"))));
        assert_eq!(a, api::keyed_id("news.example/rss?cat=2&token=s3cret#1"));
        assert_ne!(a, b, "two private feeds that differ only in their tokens");
        assert_eq!(id(&rss("1"), None), "1");
        assert_eq!(id(&rss("https://news.example/?p=1"), feed), "https://news.example/?p=1");
        let atom =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rss/atom.xml")).unwrap();
        assert_eq!(id(&atom, feed), "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a");
    }

    #[test]
    fn cut_or_garbled_feeds_are_not_whole() {
        let body = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rss/google_news.xml"))
            .unwrap();
        assert!(parses_whole(&body));
        let cut = &body[..body[..body.len() / 2].rfind('>').unwrap() + 1];
        assert!(looks_like_feed(cut) && !parses_whole(cut), "cut at a tag boundary");
        assert!(!parses_whole(&body.replacen("</title>", "</titel>", 1)), "a mismatched tag");
    }
}
