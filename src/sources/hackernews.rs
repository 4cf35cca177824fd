//! Hacker News, through the Algolia search API: stories and comments matching the brand terms.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use url::Url;

use super::{api, html, parse_config, BoxFuture, FetchCtx, Page, Registration, Source, Window};
use crate::mention::Mention;

/// Registry entry.
pub const SOURCE: Registration = Registration {
    name: "hackernews",
    about: "Stories and comments from Hacker News (Algolia search API, search_by_date); no key needed.",
    history_limit: None,
    keys: &[
        ("base_url", "API root (default https://hn.algolia.com); point it at a replay server in tests"),
        ("tags", "Algolia tags filter (default \"(story,comment)\")"),
        ("hits_per_page", "hits per request, 1..=1000 (default 1000)"),
    ],
    check: |t| parse_config::<Config>(t).map(|_| ()),
    build: |t| Ok(Box::new(HackerNews { config: parse_config::<Config>(t)? })),
};

/// Algolia serves at most this many hits per query, whatever the paging.
const HIT_CAP: u64 = 1000;

/// The `[[source]] type = "hackernews"` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    #[serde(default = "default_base_url")]
    base_url: Url,
    #[serde(default = "default_tags")]
    tags: String,
    #[serde(default = "default_hits", deserialize_with = "hits_per_page")]
    hits_per_page: u32,
}

/// `hits_per_page`, refused outside 1..=1000 (what Algolia serves a page) rather than quietly clamped.
fn hits_per_page<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let n = u32::deserialize(d)?;
    (1..=1000).contains(&n).then_some(n).ok_or_else(|| serde::de::Error::custom("hits per request, 1..=1000"))
}

fn default_base_url() -> Url {
    super::url("https://hn.algolia.com")
}
fn default_tags() -> String {
    "(story,comment)".into()
}
fn default_hits() -> u32 {
    1000
}

struct HackerNews {
    config: Config,
}

/// The Algolia response envelope.
#[derive(Debug, Deserialize)]
struct Envelope {
    hits: Vec<Hit>,
    #[serde(rename = "nbHits")]
    nb_hits: u64,
    #[serde(rename = "nbPages")]
    nb_pages: u64,
}

/// One story or comment hit.
#[derive(Debug, Deserialize)]
struct Hit {
    #[serde(rename = "objectID")]
    object_id: String,
    created_at_i: i64,
    author: Option<String>,
    title: Option<String>,
    story_title: Option<String>,
    story_text: Option<String>,
    comment_text: Option<String>,
    points: Option<i64>,
    num_comments: Option<i64>,
    story_id: Option<i64>,
    parent_id: Option<i64>,
}

/// Maps one hit to a mention (pure; tested on recorded hits).
fn to_mention(hit: Hit) -> Option<Mention> {
    let created = DateTime::<Utc>::from_timestamp(hit.created_at_i, 0)?;
    let body = hit.comment_text.or(hit.story_text).map(|h| html::to_text(&h)).unwrap_or_default();
    let mut m = Mention::new("hackernews", hit.object_id.clone(), created, body);
    m.url = Some(format!("https://news.ycombinator.com/item?id={}", hit.object_id));
    m.author_id = hit.author.clone();
    m.author = hit.author;
    m.title = hit.title.filter(|t| !t.is_empty());
    if m.title.is_none() && m.text.is_empty() {
        m.title = hit.story_title;
    }
    m.score = hit.points;
    m.replies = hit.num_comments;
    m.thread_id = hit.story_id.map(|i| i.to_string());
    m.parent_id = hit.parent_id.map(|i| i.to_string());
    Some(m)
}

/// The envelope's mentions and paging numbers.
fn read(env: Envelope) -> (Vec<Mention>, u64, u64) {
    (env.hits.into_iter().filter_map(to_mention).collect(), env.nb_hits, env.nb_pages)
}

/// Parses one response body (used on recorded fixtures).
#[cfg(test)]
fn parse(body: &str) -> anyhow::Result<(Vec<Mention>, u64, u64)> {
    use anyhow::Context;
    let env: Envelope = serde_json::from_str(body).context("not an Algolia search response")?;
    Ok(read(env))
}

impl HackerNews {
    fn url(&self, key: &str, window: Window, page: u64) -> anyhow::Result<Url> {
        let mut url = api::endpoint(&self.config.base_url, "api/v1/search_by_date")?;
        url.query_pairs_mut()
            .append_pair("query", key)
            .append_pair("tags", &self.config.tags)
            .append_pair(
                "numericFilters",
                &format!("created_at_i>={},created_at_i<{}", window.since.timestamp(), window.until.timestamp()),
            )
            .append_pair("hitsPerPage", &self.config.hits_per_page.to_string())
            .append_pair("page", &page.to_string());
        Ok(url)
    }
}

impl Source for HackerNews {
    fn name(&self) -> &'static str {
        SOURCE.name
    }

    fn instance(&self) -> String {
        "hackernews".into()
    }

    fn fetch<'a>(&'a self, ctx: &'a FetchCtx, key: &'a str, window: Window) -> BoxFuture<'a, anyhow::Result<Page>> {
        Box::pin(async move {
            let mut out = Page::default();
            let mut page = 0;
            // Algolia serves the first HIT_CAP hits only: a larger page count is not believed (a server saying
            // nbPages 1e9 would be paged, and held in memory, for ever).
            let reachable = HIT_CAP.div_ceil(u64::from(self.config.hits_per_page));
            loop {
                let url = self.url(key, window, page)?;
                let env: Envelope = ctx.http.get_json(url.as_str(), &ctx.stats).await?;
                let (mentions, nb_hits, nb_pages) = read(env);
                out.pages += 1;
                if nb_hits > HIT_CAP {
                    // Paging cannot reach past the cap: ask for smaller windows instead.
                    out.capped = true;
                    out.mentions.extend(mentions.into_iter().filter(|m| window.contains(m.created_at)));
                    return Ok(out);
                }
                let empty = mentions.is_empty();
                out.mentions.extend(mentions.into_iter().filter(|m| window.contains(m.created_at)));
                page += 1;
                if empty || page >= nb_pages.min(reachable) {
                    return Ok(out);
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A server that says it has a billion pages is paged only as far as Algolia serves (1,000 hits): the window
    /// ends instead of growing in memory for ever.
    #[tokio::test]
    async fn pages_stop_where_algolia_stops_serving() {
        use crate::sources::testing;
        let at = Utc::now() - chrono::Duration::hours(2);
        let search = move |q: axum::extract::Query<std::collections::HashMap<String, String>>| async move {
            let page = q.get("page").cloned().unwrap_or_default();
            axum::Json(serde_json::json!({"nbHits": 999, "nbPages": 1_000_000_000u64, "hits": [
                {"objectID": format!("p{page}"), "created_at_i": at.timestamp(), "comment_text": "acme"}]}))
        };
        let root =
            testing::serve(axum::Router::new().route("/api/v1/search_by_date", axum::routing::get(search))).await;
        let config = format!("base_url = \"{root}\"\nhits_per_page = 100");
        let source = (SOURCE.build)(&toml::from_str(&config).unwrap()).unwrap();
        let window = Window { since: at - chrono::Duration::hours(1), until: at + chrono::Duration::hours(1) };
        let ctx = testing::default_ctx();
        let fetch = source.fetch(&ctx, "acme", window);
        let page = tokio::time::timeout(std::time::Duration::from_secs(30), fetch).await.expect("paging ends").unwrap();
        assert_eq!((page.pages, page.mentions.len()), (10, 10));
    }

    #[test]
    fn parses_recorded_story_and_comment() {
        let body = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/hackernews/search_by_date.json"
        ))
        .unwrap();
        let (mentions, nb_hits, nb_pages) = parse(&body).unwrap();
        assert_eq!((nb_hits, nb_pages), (27923, 200));
        assert_eq!(mentions.len(), 2);
        let story = &mentions[0];
        assert_eq!(story.source_id, "12684980");
        assert_eq!(story.title.as_deref(), Some("Yarn – A new package manager for JavaScript"));
        assert_eq!(story.score, Some(1714));
        assert_eq!(story.url.as_deref(), Some("https://news.ycombinator.com/item?id=12684980"));
        let comment = &mentions[1];
        assert_eq!(comment.thread_id.as_deref(), Some("9998227"));
        assert_eq!(comment.text, "Python in VS is <great> & fast");
        assert_eq!(comment.score, None);
    }

    #[test]
    fn config_rejects_unknown_keys() {
        use crate::sources::{ConfigError, SourceConfig};
        let t: SourceConfig = toml::from_str("base_url = \"http://127.0.0.1:1\"\nfoo = 1").unwrap();
        let e: ConfigError = (SOURCE.check)(&t).unwrap_err();
        assert_eq!(e.key, "foo");
    }
}
