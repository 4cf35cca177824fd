//! Discourse forums through `/search.json`: posts matching the brand terms on any public forum. Full-page search
//! lists one post per topic (the newest that matches: `Search#aggregate_search`), so a topic whose listed post is a
//! reply is searched again within itself (`topic:<id>`), where every matching post is listed.

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

/// A full-page search answer. `grouped_search_result` is always there: a body without it is no search answer (a
/// proxy's JSON error), not an empty window.
#[derive(Debug, Deserialize)]
struct Response {
    #[serde(default)]
    posts: Vec<Post>,
    #[serde(default)]
    topics: Vec<Topic>,
    grouped_search_result: Grouped,
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
    /// Set, with no posts, when the forum refuses searches under load (HTTP 200, "…extreme load…"): not a window
    /// without posts.
    error: Option<serde_json::Value>,
}

/// The body's `grouped_search_result` alone, for [`verdict`].
#[derive(Debug, Deserialize)]
struct Refusal {
    grouped_search_result: Option<Grouped>,
}

/// [`http::json_verdict`], and a retry when the forum answers with its load error instead of results: taken as an
/// empty page, the window would be committed without its posts and never read again.
fn verdict(f: &http::Fetched) -> http::Verdict {
    let refused = |body: &str| {
        let error = serde_json::from_str::<Refusal>(body).ok().and_then(|r| r.grouped_search_result?.error);
        error.is_some_and(|e| !e.is_null() && e != "")
    };
    match http::json_verdict(f) {
        http::Verdict::Accept if refused(&f.body) => http::Verdict::Retry(None),
        v => v,
    }
}

fn truthy(v: &Option<serde_json::Value>) -> bool {
    match v {
        Some(serde_json::Value::Bool(b)) => *b,
        Some(serde_json::Value::String(s)) => !s.is_empty() && s != "false",
        _ => false,
    }
}

/// What one search page gave.
struct Read {
    mentions: Vec<Mention>,
    /// Whether another page follows.
    more: bool,
    /// Topics whose listed post is a reply: earlier posts of theirs may match too.
    replies_in: Vec<i64>,
}

/// Maps a response to mentions; `root` is the forum URL, `host` qualifies ids.
fn read(resp: Response, root: &Url, host: &str) -> Read {
    let topics: HashMap<i64, &Topic> = resp.topics.iter().map(|t| (t.id, t)).collect();
    let more =
        truthy(&resp.grouped_search_result.more_full_page_results) || truthy(&resp.grouped_search_result.more_posts);
    let replies_in =
        resp.posts.iter().filter(|p| p.post_number.is_some_and(|n| n > 1)).filter_map(|p| p.topic_id).collect();
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
            // Usernames are unique per forum only: qualified by the forum, as ids are.
            m.author_id = p.username.as_ref().map(|u| format!("{host}/{u}"));
            m.author = p.username.map(|u| format!("{u}@{host}"));
            m.likes = p.like_count;
            m.thread_id = p.topic_id.map(|i| i.to_string());
            if let (Some(tid), Some(n)) = (p.topic_id, p.post_number) {
                let slug = topic.and_then(|t| t.slug.as_deref()).unwrap_or("-");
                m.url = api::endpoint(root, &format!("t/{slug}/{tid}/{n}")).ok().map(String::from);
            }
            m
        })
        .collect();
    Read { mentions, more, replies_in }
}

impl Discourse {
    /// Runs search `q` page by page (at most [`MAX_PAGES`]; a window with more is capped), adding the posts inside
    /// `window` to `out` (a post listed twice, as a topic's listed reply is, the store keeps once); returns the
    /// topics whose listed post was a reply.
    async fn search(&self, ctx: &FetchCtx, q: &str, window: Window, out: &mut Page) -> anyhow::Result<Vec<i64>> {
        let host = self.config.base_url.host_str().unwrap_or("?").to_string();
        let mut replies_in = Vec::new();
        for page in 1..=MAX_PAGES {
            let mut url = api::endpoint(&self.config.base_url, "search.json")?;
            url.query_pairs_mut().append_pair("q", q).append_pair("page", &page.to_string());
            let fetched =
                ctx.http.get_with(url.as_str(), &[("Accept", "application/json".into())], &ctx.stats, verdict).await?;
            let read = read(serde_json::from_str(&fetched.body)?, &self.config.base_url, &host);
            out.pages += 1;
            let empty = read.mentions.is_empty();
            replies_in.extend(read.replies_in);
            out.mentions.extend(read.mentions.into_iter().filter(|m| window.contains(m.created_at)));
            if !read.more || empty {
                break;
            }
            if page == MAX_PAGES {
                out.capped = true;
            }
        }
        Ok(replies_in)
    }
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
            let dates = format!("after:{} before:{}", window.since.format("%Y-%m-%d"), window.until.format("%Y-%m-%d"));
            let mut out = Page::default();
            let mut topics = self.search(ctx, &format!("{key} {dates} order:latest"), window, &mut out).await?;
            topics.sort_unstable();
            topics.dedup();
            // Discourse ignores `topic:1` (it wants an id over 1) and would search the whole forum again.
            for topic in topics.into_iter().filter(|t| *t > 1) {
                let q = format!("{key} topic:{topic} {dates} order:latest");
                self.search(ctx, &q, window, &mut out).await?;
            }
            Ok(out)
        })
    }
}

#[cfg(test)]
mod tests;
