//! X (Twitter) posts through API v2 search with an app bearer token: recent search (the last 7 days) or
//! full-archive search on paid plans. `next_token` pages a window; `x-rate-limit-reset` says when to go on.

use std::collections::HashMap;

use anyhow::Context;
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use serde::Deserialize;
use url::Url;

use super::{api, brand_terms, html, parse_config, BoxFuture, FetchCtx, Page, Registration, Source, Window};
use crate::http::{self, Fetched, Verdict};
use crate::mention::Mention;
use crate::pipeline::Brand;

/// Registry entry.
pub const SOURCE: Registration = Registration {
    name: "x",
    about: "Posts from X (API v2 recent or full-archive search; bearer token of a paid plan).",
    history_limit: Some(
        "recent search (the default) reaches back 7 days; `endpoint = \"all\"` (full archive) needs a plan that \
         includes it",
    ),
    keys: &[
        ("base_url", "API root (default https://api.x.com)"),
        ("token_env", "environment variable holding the app's bearer token (default X_BEARER_TOKEN)"),
        ("endpoint", "\"recent\" (last 7 days, default) or \"all\" (full archive)"),
    ],
    check: |t| parse_config::<Config>(t).map(|_| ()),
    build: |t| {
        let config: Config = parse_config(t)?;
        let token = api::secret("x", "token_env", &config.token_env)?;
        Ok(Box::new(X { config, token }))
    },
};

/// Fields asked for; without them a post is only `id` and `text`.
const TWEET_FIELDS: &str = "created_at,author_id,lang,public_metrics,conversation_id,referenced_tweets,note_tweet";
/// The epoch of X's snowflake ids, in milliseconds.
const TWITTER_EPOCH_MS: i64 = 1_288_834_974_657;

/// Which search endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Endpoint {
    /// `/2/tweets/search/recent`: the last 7 days.
    Recent,
    /// `/2/tweets/search/all`: the full archive.
    All,
}

impl Endpoint {
    fn path(self) -> &'static str {
        match self {
            Endpoint::Recent => "2/tweets/search/recent",
            Endpoint::All => "2/tweets/search/all",
        }
    }
    /// The query-length limit of the endpoint.
    fn max_query(self) -> usize {
        match self {
            Endpoint::Recent => 512,
            Endpoint::All => 1024,
        }
    }
    fn max_results(self) -> u32 {
        match self {
            Endpoint::Recent => 100,
            Endpoint::All => 500,
        }
    }
}

/// The `[[source]] type = "x"` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    #[serde(default = "default_base_url")]
    base_url: Url,
    #[serde(default = "default_token_env")]
    token_env: String,
    #[serde(default = "default_endpoint")]
    endpoint: Endpoint,
}

fn default_base_url() -> Url {
    super::url("https://api.x.com")
}
fn default_token_env() -> String {
    "X_BEARER_TOKEN".into()
}
fn default_endpoint() -> Endpoint {
    Endpoint::Recent
}

struct X {
    config: Config,
    token: String,
}

/// A search answer: `data` is left out when nothing matched, `meta` never is (a body without it is no answer).
#[derive(Debug, Deserialize)]
struct Response {
    #[serde(default)]
    data: Vec<Tweet>,
    includes: Option<Includes>,
    meta: Meta,
}

#[derive(Debug, Deserialize)]
struct Tweet {
    id: String,
    text: String,
    created_at: Option<DateTime<Utc>>,
    author_id: Option<String>,
    lang: Option<String>,
    conversation_id: Option<String>,
    public_metrics: Option<Metrics>,
    #[serde(default)]
    referenced_tweets: Vec<Reference>,
    note_tweet: Option<Note>,
}

#[derive(Debug, Deserialize)]
struct Metrics {
    retweet_count: Option<i64>,
    reply_count: Option<i64>,
    like_count: Option<i64>,
}

#[derive(Debug, Deserialize)]
struct Reference {
    #[serde(rename = "type")]
    kind: String,
    id: String,
}

#[derive(Debug, Deserialize)]
struct Note {
    text: String,
}

#[derive(Debug, Deserialize)]
struct Includes {
    #[serde(default)]
    users: Vec<User>,
}

#[derive(Debug, Deserialize)]
struct User {
    id: String,
    username: String,
}

#[derive(Debug, Deserialize)]
struct Meta {
    next_token: Option<String>,
}

/// The creation time a snowflake id carries, for posts returned without `created_at`.
fn snowflake_time(id: &str) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp_millis((id.parse::<i64>().ok()? >> 22) + TWITTER_EPOCH_MS)
}

/// Maps a post; `users` resolves `author_id` to a handle. Text is entity-decoded (X sends `&amp;`).
fn to_mention(t: Tweet, users: &HashMap<String, String>) -> Option<Mention> {
    let created = t.created_at.or_else(|| snowflake_time(&t.id))?;
    let text = html::decode_entities(&t.note_tweet.map_or(t.text, |n| n.text));
    let handle = t.author_id.as_ref().and_then(|a| users.get(a)).cloned();
    let mut m = Mention::new("x", t.id.clone(), created, text);
    // The link without the handle, which X redirects to the post: the store keeps the handle only as a pseudonym.
    m.url = Some(format!("https://x.com/i/web/status/{}", t.id));
    m.author = handle;
    m.author_id = t.author_id;
    // "und" (undetermined) and X's own q-codes ("qme", "qht") are no language.
    m.lang = t.lang.filter(|l| l.len() == 2);
    if let Some(pm) = t.public_metrics {
        m.likes = pm.like_count;
        m.replies = pm.reply_count;
        m.reposts = pm.retweet_count;
    }
    m.thread_id = t.conversation_id;
    m.parent_id = t.referenced_tweets.into_iter().find(|r| r.kind == "replied_to").map(|r| r.id);
    Some(m)
}

/// A page's mentions and its `next_token`.
fn read(body: &str) -> anyhow::Result<(Vec<Mention>, Option<String>)> {
    let r: Response = serde_json::from_str(body).context("not an X search response")?;
    let users: HashMap<String, String> =
        r.includes.into_iter().flat_map(|i| i.users).map(|u| (u.id, u.username)).collect();
    let mentions = r.data.into_iter().filter_map(|t| to_mention(t, &users)).collect();
    Ok((mentions, r.meta.next_token))
}

/// 429 waits until `x-rate-limit-reset`; 401/403 mean the token or its plan, said plainly.
fn verdict(f: &Fetched) -> Verdict {
    match f.status.as_u16() {
        429 => api::throttled(api::reset_wait(&f.headers, "x-rate-limit-reset", Utc::now()), &f.headers),
        s @ (401 | 403) => Verdict::Fail(format!(
            "X refused the request (HTTP {s}): check the bearer token and that its plan includes this endpoint: {}",
            http::snippet(&f.body)
        )),
        _ => http::json_verdict(f),
    }
}

/// The part of `window` the endpoint answers for at `now`: recent search reaches 7 days back (less a
/// margin), and `end_time` must be at least 10 seconds in the past. `None` when nothing is reachable.
fn reachable(window: Window, endpoint: Endpoint, now: DateTime<Utc>) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let end = window.until.min(now - Duration::seconds(30));
    let start = match endpoint {
        Endpoint::Recent => window.since.max(now - Duration::days(7) + Duration::minutes(5)),
        Endpoint::All => window.since,
    };
    (start < end).then_some((start, end))
}

impl X {
    fn url(&self, key: &str, start: DateTime<Utc>, end: DateTime<Utc>, next: Option<&str>) -> anyhow::Result<Url> {
        let endpoint = self.config.endpoint;
        let mut url = api::endpoint(&self.config.base_url, endpoint.path())?;
        url.query_pairs_mut()
            .append_pair("query", key)
            .append_pair("start_time", &start.to_rfc3339_opts(SecondsFormat::Secs, true))
            .append_pair("end_time", &end.to_rfc3339_opts(SecondsFormat::Secs, true))
            .append_pair("max_results", &endpoint.max_results().to_string())
            .append_pair("sort_order", "recency")
            .append_pair("tweet.fields", TWEET_FIELDS)
            .append_pair("expansions", "author_id")
            .append_pair("user.fields", "username");
        if let Some(n) = next {
            url.query_pairs_mut().append_pair("next_token", n);
        }
        Ok(url)
    }
}

impl Source for X {
    fn name(&self) -> &'static str {
        SOURCE.name
    }

    fn instance(&self) -> String {
        match self.config.endpoint {
            Endpoint::Recent => "x:recent".into(),
            Endpoint::All => "x:all".into(),
        }
    }

    fn keys(&self, brands: &[Brand]) -> Vec<String> {
        api::or_queries(&brand_terms(brands), self.config.endpoint.max_query(), " OR ", false)
    }

    fn fetch<'a>(&'a self, ctx: &'a FetchCtx, key: &'a str, window: Window) -> BoxFuture<'a, anyhow::Result<Page>> {
        Box::pin(async move {
            let mut out = Page::default();
            let Some((start, end)) = reachable(window, self.config.endpoint, Utc::now()) else {
                return Ok(out); // older than recent search reaches: nothing can ever be fetched here
            };
            let auth = [("authorization", format!("Bearer {}", self.token))];
            let (mut next, mut followed): (Option<String>, _) = (None, api::Followed::default());
            loop {
                let url = self.url(key, start, end, next.as_deref())?;
                let f = ctx.http.get_with(url.as_str(), &auth, &ctx.stats, verdict).await?;
                let (mentions, token) = read(&f.body)
                    .with_context(|| format!("decoding the response of {}", http::shown_url(url.as_str())))?;
                out.pages += 1;
                out.mentions.extend(mentions.into_iter().filter(|m| window.contains(m.created_at)));
                let reset = api::reset_wait(&f.headers, "x-rate-limit-reset", Utc::now());
                api::hold_when_spent(&ctx.http, url.as_str(), &f.headers, "x-rate-limit-remaining", reset);
                next = token;
                match next.as_deref() {
                    Some(token) => followed.check(token)?,
                    None => return Ok(out),
                }
            }
        })
    }
}

#[cfg(test)]
mod tests;
