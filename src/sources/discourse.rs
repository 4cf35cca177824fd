//! Discourse forums through `/search.json`: posts matching the brand terms on any public forum.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use url::Url;

use super::{api, html, parse_config, BoxFuture, FetchCtx, Page, Registration, Source, Window};
use crate::http;
use crate::mention::Mention;

/// Registry entry.
pub const SOURCE: Registration = Registration {
    name: "discourse",
    about: "Posts from a public Discourse forum (/search.json with after:/before:); text is the search excerpt.",
    history_limit: None,
    keys: &[("base_url", "the forum's root URL, e.g. https://forum.example.com (required)")],
    check: |t| parse_config::<Config>(t).map(|_| ()),
    build: |t| Ok(Box::new(Discourse { config: parse_config::<Config>(t)? })),
};

/// The `[[source]] type = "discourse"` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    base_url: Url,
}

struct Discourse {
    config: Config,
}

/// Pages full-page search serves: Discourse answers `page` 11 and beyond with page 1 again
/// (`SearchController#show`: `page: ([page.to_i, 1].max if page.to_i <= 10)`), so a window whose tenth page still
/// has more is capped, and the crawl splits it.
const MAX_PAGES: u32 = 10;

#[derive(Debug, Deserialize)]
struct Response {
    #[serde(default)]
    posts: Vec<Post>,
    #[serde(default)]
    topics: Vec<Topic>,
    grouped_search_result: Option<Grouped>,
}

#[derive(Debug, Deserialize)]
struct Post {
    id: i64,
    username: Option<String>,
    created_at: DateTime<Utc>,
    like_count: Option<i64>,
    blurb: Option<String>,
    post_number: Option<i64>,
    topic_id: Option<i64>,
}

#[derive(Debug, Deserialize)]
struct Topic {
    id: i64,
    title: Option<String>,
    slug: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Grouped {
    /// `true` live; the OpenAPI schema types it string|null, so take any JSON value.
    more_full_page_results: Option<serde_json::Value>,
    more_posts: Option<serde_json::Value>,
}

fn truthy(v: &Option<serde_json::Value>) -> bool {
    match v {
        Some(serde_json::Value::Bool(b)) => *b,
        Some(serde_json::Value::String(s)) => !s.is_empty() && s != "false",
        _ => false,
    }
}

/// Maps a response to mentions; `root` is the forum URL, `host` qualifies ids.
fn read(resp: Response, root: &Url, host: &str) -> (Vec<Mention>, bool) {
    let topics: HashMap<i64, &Topic> = resp.topics.iter().map(|t| (t.id, t)).collect();
    let more =
        resp.grouped_search_result.as_ref().is_some_and(|g| truthy(&g.more_full_page_results) || truthy(&g.more_posts));
    let mentions = resp
        .posts
        .into_iter()
        .map(|p| {
            let topic = p.topic_id.and_then(|id| topics.get(&id));
            let mut m = Mention::new(
                "discourse",
                format!("{host}/{}", p.id),
                p.created_at,
                p.blurb.as_deref().map(html::to_text).unwrap_or_default(),
            );
            m.title = topic.and_then(|t| t.title.as_deref()).map(html::decode_entities);
            m.author_id = p.username.clone();
            m.author = p.username;
            m.likes = p.like_count;
            m.thread_id = p.topic_id.map(|i| i.to_string());
            if let (Some(tid), Some(n)) = (p.topic_id, p.post_number) {
                let slug = topic.and_then(|t| t.slug.as_deref()).unwrap_or("-");
                m.url = api::endpoint(root, &format!("t/{slug}/{tid}/{n}")).ok().map(String::from);
            }
            m
        })
        .collect();
    (mentions, more)
}

impl Source for Discourse {
    fn name(&self) -> &'static str {
        SOURCE.name
    }

    fn instance(&self) -> String {
        format!("discourse:{}", self.config.base_url.host_str().unwrap_or("?"))
    }

    fn granularity(&self) -> Duration {
        Duration::days(1)
    }

    fn fetch<'a>(&'a self, ctx: &'a FetchCtx, key: &'a str, window: Window) -> BoxFuture<'a, anyhow::Result<Page>> {
        Box::pin(async move {
            let host = self.config.base_url.host_str().unwrap_or("?").to_string();
            let q = format!(
                "{key} after:{} before:{} order:latest",
                window.since.format("%Y-%m-%d"),
                window.until.format("%Y-%m-%d")
            );
            let mut out = Page::default();
            for page in 1..=MAX_PAGES {
                let mut url = api::endpoint(&self.config.base_url, "search.json")?;
                url.query_pairs_mut().append_pair("q", &q).append_pair("page", &page.to_string());
                let fetched = ctx
                    .http
                    .get_with(url.as_str(), &[("Accept", "application/json".into())], &ctx.stats, http::json_verdict)
                    .await?;
                let resp: Response = serde_json::from_str(&fetched.body)?;
                let (mentions, more) = read(resp, &self.config.base_url, &host);
                out.pages += 1;
                let empty = mentions.is_empty();
                out.mentions.extend(mentions.into_iter().filter(|m| window.contains(m.created_at)));
                if !more || empty {
                    break;
                }
                if page == MAX_PAGES {
                    out.capped = true;
                }
            }
            Ok(out)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::testing;

    /// A forum with more posts in a window than ten pages hold answers page 11 with page 1, still saying there is
    /// more: the fetch stops at page 10 and reports the window capped instead of walking on.
    #[tokio::test]
    async fn a_window_past_ten_pages_is_capped() {
        use axum::extract::Query;
        let at = Utc::now() - Duration::hours(2);
        let search = move |Query(q): Query<HashMap<String, String>>| async move {
            let asked: u32 = q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
            let page = if asked <= 10 { asked } else { 1 };
            let post = |i: u32| {
                let id = page * 100 + i;
                serde_json::json!({"id": id, "username": "u", "created_at": at.to_rfc3339(), "blurb": "acme",
                    "post_number": 1, "topic_id": id})
            };
            axum::Json(serde_json::json!({"posts": (0..50).map(post).collect::<Vec<_>>(), "topics": [],
                "grouped_search_result": {"more_full_page_results": true}}))
        };
        let root = testing::serve(axum::Router::new().route("/search.json", axum::routing::get(search))).await;
        let source = (SOURCE.build)(&toml::from_str(&format!("base_url = \"{root}\"")).unwrap()).unwrap();
        let window = Window { since: at - Duration::days(1), until: at + Duration::hours(1) };
        let ctx = testing::default_ctx();
        let fetch = source.fetch(&ctx, "acme", window);
        let page = tokio::time::timeout(std::time::Duration::from_secs(30), fetch).await.expect("paging ends").unwrap();
        assert_eq!((page.pages, page.capped, page.mentions.len()), (10, true, 500));
    }

    #[test]
    fn parses_recorded_response() {
        let body =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/discourse/search.json"))
                .unwrap();
        let resp: Response = serde_json::from_str(&body).unwrap();
        let root = Url::parse("https://forum.example.com/").unwrap();
        let (mentions, more) = read(resp, &root, "forum.example.com");
        assert!(!more);
        assert_eq!(mentions.len(), 1);
        let m = &mentions[0];
        assert_eq!(m.source_id, "forum.example.com/16");
        assert_eq!(m.url.as_deref(), Some("https://forum.example.com/t/2a6aa74e-e341-5e3c-1eaa-78c6331f305f/13/1"));
        assert_eq!(m.title.as_deref(), Some("2a6aa74e-e341-5e3c-1eaa-78c6331f305f"));
        assert_eq!(m.author.as_deref(), Some("discourse1"));
        // A forum under a path keeps it, with or without a trailing slash.
        for root in ["https://example.com/forum", "https://example.com/forum/"] {
            let resp: Response = serde_json::from_str(&body).unwrap();
            let (mentions, _) = read(resp, &Url::parse(root).unwrap(), "example.com");
            assert!(mentions[0].url.as_deref().unwrap().starts_with("https://example.com/forum/t/"), "{root}");
        }
    }
}
