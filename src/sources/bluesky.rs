//! Bluesky posts through `app.bsky.feed.searchPosts`, signed in with an app password (search has needed a
//! session since 2025). The search cursor is an offset that stops early, so history is walked by moving
//! `until` back to the oldest post seen and starting the cursor again.

use anyhow::Context;
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use serde::Deserialize;
use tokio::sync::Mutex;
use url::Url;

use super::{api, brand_terms, parse_config, BoxFuture, FetchCtx, Page, Registration, Source, Window};
use crate::http::{self, Fetched, Verdict};
use crate::mention::Mention;
use crate::pipeline::Brand;

/// Registry entry.
pub const SOURCE: Registration = Registration {
    name: "bluesky",
    about: "Posts from Bluesky (app.bsky.feed.searchPosts, signed in with an account's app password).",
    history_limit: None,
    keys: &[
        ("base_url", "the PDS that signs in and proxies search (default https://bsky.social)"),
        ("handle_env", "environment variable holding the account's handle (default BLUESKY_HANDLE)"),
        ("password_env", "environment variable holding an app password (default BLUESKY_APP_PASSWORD)"),
    ],
    check: |t| parse_config::<Config>(t).map(|_| ()),
    build: |t| {
        let config: Config = parse_config(t)?;
        let handle = api::secret("bluesky", "handle_env", &config.handle_env)?;
        let password = api::secret("bluesky", "password_env", &config.password_env)?;
        Ok(Box::new(Bluesky { config, handle, password, session: Mutex::new(None) }))
    },
};

/// Posts per page; the API's maximum.
const LIMIT: usize = 100;
/// Cursor pages followed before `until` moves back instead: deep offsets are refused or drift.
const CURSOR_PAGES: u32 = 10;

/// The `[[source]] type = "bluesky"` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    #[serde(default = "default_base_url")]
    base_url: Url,
    #[serde(default = "default_handle_env")]
    handle_env: String,
    #[serde(default = "default_password_env")]
    password_env: String,
}

fn default_base_url() -> Url {
    super::url("https://bsky.social")
}
fn default_handle_env() -> String {
    "BLUESKY_HANDLE".into()
}
fn default_password_env() -> String {
    "BLUESKY_APP_PASSWORD".into()
}

struct Bluesky {
    config: Config,
    handle: String,
    password: String,
    /// The `accessJwt` of the current session, created on first use and again when it expires.
    session: Mutex<Option<String>>,
}

#[derive(Debug, Deserialize)]
struct Session {
    #[serde(rename = "accessJwt")]
    access_jwt: String,
}

/// `posts` is required by the lexicon: a body without it is no answer, not an empty window.
#[derive(Debug, Deserialize)]
struct SearchResponse {
    posts: Vec<PostView>,
    cursor: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PostView {
    uri: String,
    author: Author,
    record: Record,
    indexed_at: Option<String>,
    like_count: Option<i64>,
    reply_count: Option<i64>,
    repost_count: Option<i64>,
}

#[derive(Debug, Deserialize)]
struct Author {
    did: String,
    handle: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Record {
    #[serde(default)]
    text: String,
    created_at: Option<String>,
    #[serde(default)]
    langs: Vec<String>,
    reply: Option<Reply>,
}

#[derive(Debug, Deserialize)]
struct Reply {
    root: StrongRef,
    parent: StrongRef,
}

#[derive(Debug, Deserialize)]
struct StrongRef {
    uri: String,
}

fn time(s: Option<&str>) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s?).ok().map(|t| t.with_timezone(&Utc))
}

/// Maps a post to a mention and the time search sorts and filters it by (the earlier of `createdAt` and
/// `indexedAt`, so back-dated and future-dated posts both land where the API puts them); the mention's time is
/// `createdAt`, or `indexedAt` for a post dated ahead of it.
fn to_mention(p: PostView) -> Option<(Mention, DateTime<Utc>)> {
    let indexed = time(p.indexed_at.as_deref());
    let claimed = time(p.record.created_at.as_deref()).or(indexed)?;
    let sort_at = indexed.map_or(claimed, |i| i.min(claimed));
    // `createdAt` is the client's word: a post dated more than a day after the server indexed it was posted when
    // indexed (a future date would put it in a week that has not come, which the data tests call unsound).
    let created = match indexed {
        Some(i) if claimed > i + crate::mention::MAX_AHEAD => i,
        _ => claimed,
    };
    let rkey = p.uri.rsplit('/').next().unwrap_or_default().to_string();
    // An account whose handle no longer resolves shows as `handle.invalid`, every such account alike: its DID is its
    // name then, in its profile link and as its author, or all of them would be one author.
    let name = if p.author.handle == "handle.invalid" { p.author.did.clone() } else { p.author.handle };
    let mut m = Mention::new("bluesky", p.uri.clone(), created, p.record.text);
    m.url = Some(format!("https://bsky.app/profile/{name}/post/{rkey}"));
    m.author = Some(name);
    m.author_id = Some(p.author.did);
    m.lang = p.record.langs.into_iter().next();
    m.likes = p.like_count;
    m.replies = p.reply_count;
    m.reposts = p.repost_count;
    match p.record.reply {
        Some(r) => {
            m.thread_id = Some(r.root.uri);
            m.parent_id = Some(r.parent.uri);
        }
        None => m.thread_id = Some(p.uri),
    }
    Some((m, sort_at))
}

/// A session that must be created again: expired (400 `ExpiredToken`) or refused (401).
fn expired(f: &Fetched) -> bool {
    let s = f.status.as_u16();
    s == 401 || (s == 400 && (f.body.contains("ExpiredToken") || f.body.contains("InvalidToken")))
}

/// 429 waits for `ratelimit-reset`; an opaque 403 is the AppView's throttle, never "no results".
fn verdict(f: &Fetched) -> Verdict {
    match f.status.as_u16() {
        429 => api::throttled(api::reset_wait(&f.headers, "ratelimit-reset", Utc::now()), &f.headers),
        403 => Verdict::Throttled(None),
        _ => http::json_verdict(f),
    }
}

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

impl Bluesky {
    /// The session's access token, signing in first when there is none (or `renew`).
    async fn token(&self, ctx: &FetchCtx, renew: bool) -> anyhow::Result<String> {
        let mut session = self.session.lock().await;
        if let (false, Some(t)) = (renew, session.as_ref()) {
            return Ok(t.clone());
        }
        let url = api::endpoint(&self.config.base_url, "xrpc/com.atproto.server.createSession")?;
        let body = serde_json::json!({ "identifier": self.handle, "password": self.password }).to_string();
        let headers = [("content-type", "application/json".to_string())];
        let f = ctx.http.post_with(url.as_str(), &headers, &body, &ctx.stats, verdict).await.with_context(|| {
            format!(
                "bluesky: signing in with {} and {} failed (is it an app password?)",
                self.config.handle_env, self.config.password_env
            )
        })?;
        let s: Session = serde_json::from_str(&f.body).context("bluesky: createSession answered without accessJwt")?;
        *session = Some(s.access_jwt.clone());
        Ok(s.access_jwt)
    }

    fn url(&self, key: &str, since: DateTime<Utc>, until: DateTime<Utc>, cursor: Option<&str>) -> anyhow::Result<Url> {
        let mut url = api::endpoint(&self.config.base_url, "xrpc/app.bsky.feed.searchPosts")?;
        url.query_pairs_mut()
            .append_pair("q", key)
            .append_pair("sort", "latest")
            .append_pair("since", &stamp(since))
            .append_pair("until", &stamp(until))
            .append_pair("limit", &LIMIT.to_string());
        if let Some(c) = cursor {
            url.query_pairs_mut().append_pair("cursor", c);
        }
        Ok(url)
    }

    /// One search page, signing in again once if the session has expired.
    async fn search(&self, ctx: &FetchCtx, url: &Url) -> anyhow::Result<SearchResponse> {
        for renew in [false, true] {
            let auth = [("authorization", format!("Bearer {}", self.token(ctx, renew).await?))];
            let f = ctx
                .http
                .get_with(url.as_str(), &auth, &ctx.stats, |f| if expired(f) { Verdict::Accept } else { verdict(f) })
                .await?;
            if !expired(&f) {
                return serde_json::from_str(&f.body)
                    .with_context(|| format!("decoding the response of {}", http::shown_url(url.as_str())));
            }
        }
        anyhow::bail!("bluesky: the new session was refused too (check {})", self.config.password_env)
    }
}

impl Source for Bluesky {
    fn name(&self) -> &'static str {
        SOURCE.name
    }

    fn instance(&self) -> String {
        "bluesky".into()
    }

    fn keys(&self, brands: &[Brand]) -> Vec<String> {
        // One key per term: searchPosts documents no OR operator.
        brand_terms(brands).iter().map(|t| api::quote(t)).collect()
    }

    fn fetch<'a>(&'a self, ctx: &'a FetchCtx, key: &'a str, window: Window) -> BoxFuture<'a, anyhow::Result<Page>> {
        Box::pin(async move {
            let mut out = Page::default();
            let mut until = window.until;
            loop {
                let mut cursor: Option<String> = None;
                let mut oldest = until;
                for _ in 0..CURSOR_PAGES {
                    let resp = self.search(ctx, &self.url(key, window.since, until, cursor.as_deref())?).await?;
                    out.pages += 1;
                    let n = resp.posts.len();
                    for (m, sort_at) in resp.posts.into_iter().filter_map(to_mention) {
                        oldest = oldest.min(sort_at);
                        if window.contains(sort_at) {
                            out.mentions.push(m);
                        }
                    }
                    cursor = resp.cursor.filter(|c| !c.is_empty());
                    if n == 0 || (cursor.is_none() && n < LIMIT) {
                        return Ok(out);
                    }
                    if cursor.is_none() {
                        break;
                    }
                }
                // The cursor ran out on full pages: ask again for what is older than the oldest post seen
                // (plus a millisecond, so posts sharing its instant are not skipped; the store deduplicates).
                let next = oldest + Duration::milliseconds(1);
                if next >= until || next <= window.since {
                    return Ok(out);
                }
                until = next;
            }
        })
    }
}

#[cfg(test)]
mod tests;
