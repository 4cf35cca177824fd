//! Reddit search through the OAuth API (app-only token from client credentials). Search has no date range
//! and ends after about 1000 results, so each key's `sort=new` listing is walked once per run and every
//! window is served from that walk.

use std::collections::HashMap;
use std::time::Instant;

use anyhow::Context;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use tokio::sync::Mutex;
use url::Url;

use super::{api, brand_terms, parse_config, BoxFuture, FetchCtx, Page, Registration, Source, Window};
use crate::http::{self, Fetched, Verdict};
use crate::mention::Mention;
use crate::pipeline::Brand;
use listing::{read, Token};

/// Registry entry.
pub const SOURCE: Registration = Registration {
    name: "reddit",
    about: "Posts from Reddit search (OAuth client credentials, sort=new, `after` paging); needs an approved app.",
    history_limit: Some(
        "search has no date range and stops after about 1000 results: only recent posts are reachable, \
         history builds up run by run",
    ),
    keys: &[
        ("base_url", "API root (default https://oauth.reddit.com)"),
        ("token_url", "OAuth token endpoint (default https://www.reddit.com/api/v1/access_token)"),
        ("client_id_env", "environment variable holding the app's client id (default REDDIT_CLIENT_ID)"),
        ("client_secret_env", "environment variable holding the app's secret (default REDDIT_CLIENT_SECRET)"),
        ("user_agent", "the unique User-Agent Reddit asks for, e.g. \"linux:hark:0.1 (by /u/you)\" (default hark's)"),
        ("subreddit", "search only this subreddit, without r/ (default: all of Reddit)"),
    ],
    check: |t| parse_config::<Config>(t).map(|_| ()),
    build: |t| {
        let config: Config = parse_config(t)?;
        let id = api::secret("reddit", "client_id_env", &config.client_id_env)?;
        let secret = api::secret("reddit", "client_secret_env", &config.client_secret_env)?;
        let basic = format!("Basic {}", base64(format!("{id}:{secret}").as_bytes()));
        Ok(Box::new(Reddit { config, basic, token: Mutex::new(None), walked: Mutex::new(HashMap::new()) }))
    },
};

/// Reddit's limit on `q`.
const MAX_QUERY: usize = 512;
/// Listing pages read per walk at most; listings end near 1000 items (10 pages) anyway.
const MAX_PAGES: u64 = 20;

/// The `[[source]] type = "reddit"` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    #[serde(default = "default_base_url")]
    base_url: Url,
    #[serde(default = "default_token_url")]
    token_url: Url,
    #[serde(default = "default_id_env")]
    client_id_env: String,
    #[serde(default = "default_secret_env")]
    client_secret_env: String,
    user_agent: Option<String>,
    subreddit: Option<String>,
}

fn default_base_url() -> Url {
    super::url("https://oauth.reddit.com")
}
fn default_token_url() -> Url {
    super::url("https://www.reddit.com/api/v1/access_token")
}
fn default_id_env() -> String {
    "REDDIT_CLIENT_ID".into()
}
fn default_secret_env() -> String {
    "REDDIT_CLIENT_SECRET".into()
}

struct Reddit {
    config: Config,
    /// `Authorization` value for the token endpoint.
    basic: String,
    /// The bearer token and when to stop using it.
    token: Mutex<Option<(String, Instant)>>,
    /// Each key's listing as walked this run.
    walked: Mutex<HashMap<String, Walked>>,
}

/// A listing as walked: its mentions, and how far back the walk reached.
type Walked = (Vec<Mention>, Reached);

/// How far back a walk of a listing reached.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Reached {
    /// The listing's end (Reddit's ends after about 1000 items): nothing older can be read this run.
    End,
    /// Its oldest item is this one, older than the window asked for: an older window needs a new walk.
    Passed(DateTime<Utc>),
    /// [`MAX_PAGES`] were read and the listing went on, its oldest item read this one: nothing older is read (a
    /// listing that long is a server that pages without end, or one that keeps more than Reddit), which a warning
    /// says; as at the listing's end, the windows before it come back empty and their cursor moves past them.
    Cut(DateTime<Utc>),
}

/// Seconds in `x-ratelimit-reset` (seconds until the window resets).
fn reset_wait(f: &Fetched) -> Option<std::time::Duration> {
    http::seconds_header(&f.headers, "x-ratelimit-reset")
}

/// 429 waits for the window's reset; 401 is handed back (the token is renewed); a 403 is a block or an
/// unapproved app (its body is HTML), never "no results".
fn verdict(f: &Fetched) -> Verdict {
    match f.status.as_u16() {
        401 => Verdict::Accept,
        429 => api::throttled(reset_wait(f), &f.headers),
        403 => Verdict::Fail(format!(
            "Reddit refused the request (HTTP 403: blocked, or the app lacks API approval): {}",
            http::snippet(&super::html::to_text(&f.body))
        )),
        _ => http::json_verdict(f),
    }
}

/// Standard base64 (RFC 4648) for the Basic credentials.
fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

impl Reddit {
    fn headers(&self, auth: String) -> Vec<(&'static str, String)> {
        let mut h = vec![("authorization", auth)];
        if let Some(ua) = &self.config.user_agent {
            h.push(("user-agent", ua.clone()));
        }
        h
    }

    /// A bearer token, fetched again when it is about to expire or `renew` is set.
    async fn token(&self, ctx: &FetchCtx, renew: bool) -> anyhow::Result<String> {
        let mut token = self.token.lock().await;
        if let Some((t, until)) = token.as_ref() {
            if !renew && Instant::now() < *until {
                return Ok(t.clone());
            }
        }
        let mut headers = self.headers(self.basic.clone());
        headers.push(("content-type", "application/x-www-form-urlencoded".into()));
        let body = "grant_type=client_credentials";
        let named = || {
            format!(
                "reddit: OAuth token refused (check {} and {})",
                self.config.client_id_env, self.config.client_secret_env
            )
        };
        let f = ctx
            .http
            .post_with(self.config.token_url.as_str(), &headers, body, &ctx.stats, http::json_verdict)
            .await
            .with_context(named)?;
        let t: Token = serde_json::from_str(&f.body).with_context(named)?;
        let access = t.access_token.with_context(|| format!("{}: {}", named(), http::snippet(&f.body)))?;
        let life = std::time::Duration::from_secs(t.expires_in.unwrap_or(3600).saturating_sub(60));
        *token = Some((access.clone(), Instant::now() + life));
        Ok(access)
    }

    fn url(&self, key: &str, after: Option<&str>) -> anyhow::Result<Url> {
        let path = match &self.config.subreddit {
            Some(sub) => format!("r/{}/search", sub.trim_start_matches("r/")),
            None => "search".to_string(),
        };
        let mut url = api::endpoint(&self.config.base_url, &path)?;
        url.query_pairs_mut()
            .append_pair("q", key)
            .append_pair("sort", "new")
            .append_pair("t", "all")
            .append_pair("type", "link")
            .append_pair("limit", "100")
            .append_pair("raw_json", "1");
        if self.config.subreddit.is_some() {
            url.query_pairs_mut().append_pair("restrict_sr", "1");
        }
        if let Some(a) = after {
            url.query_pairs_mut().append_pair("after", a);
        }
        Ok(url)
    }

    /// One listing page, renewing the token once on 401; a spent rate-limit window holds the host's next request.
    async fn page(&self, ctx: &FetchCtx, url: &Url) -> anyhow::Result<(Vec<Mention>, Option<String>)> {
        for renew in [false, true] {
            let headers = self.headers(format!("bearer {}", self.token(ctx, renew).await?));
            let f = ctx.http.get_with(url.as_str(), &headers, &ctx.stats, verdict).await?;
            if f.status.as_u16() == 401 {
                continue;
            }
            api::hold_when_spent(&ctx.http, url.as_str(), &f.headers, "x-ratelimit-remaining", reset_wait(&f));
            return read(&f.body)
                .with_context(|| format!("decoding the response of {}", http::shown_url(url.as_str())));
        }
        anyhow::bail!("reddit: a fresh token was refused too (check {})", self.config.client_secret_env)
    }

    /// Walks the key's newest-first listing until it ends or passes `stop`; a cursor that comes back is an error
    /// (the listing goes in circles), so [`Reached::Cut`] means many distinct pages.
    async fn walk(
        &self,
        ctx: &FetchCtx,
        key: &str,
        stop: DateTime<Utc>,
    ) -> anyhow::Result<(Vec<Mention>, Reached, u64)> {
        let (mut all, mut after, mut pages) = (Vec::new(), None::<String>, 0);
        let mut followed = api::Followed::default();
        loop {
            let (mentions, next) = self.page(ctx, &self.url(key, after.as_deref())?).await?;
            pages += 1;
            let oldest = mentions.iter().map(|m| m.created_at).min();
            all.extend(mentions);
            match (next, oldest) {
                (Some(_), Some(o)) if o < stop => return Ok((all, Reached::Passed(o), pages)),
                (Some(_), Some(o)) if pages >= MAX_PAGES => return Ok((all, Reached::Cut(o), pages)),
                (Some(n), Some(_)) => {
                    followed.check(&n)?;
                    after = Some(n);
                }
                _ => return Ok((all, Reached::End, pages)),
            }
        }
    }
}

impl Source for Reddit {
    fn name(&self) -> &'static str {
        SOURCE.name
    }

    fn instance(&self) -> String {
        match &self.config.subreddit {
            Some(sub) => format!("reddit:r/{}", sub.trim_start_matches("r/")),
            None => "reddit".into(),
        }
    }

    fn keys(&self, brands: &[Brand]) -> Vec<String> {
        api::or_queries(&brand_terms(brands), MAX_QUERY, " OR ", false)
    }

    fn fetch<'a>(&'a self, ctx: &'a FetchCtx, key: &'a str, window: Window) -> BoxFuture<'a, anyhow::Result<Page>> {
        Box::pin(async move {
            let mut walked = self.walked.lock().await;
            let covered = walked.get(key).is_some_and(|(_, reached)| match reached {
                Reached::End | Reached::Cut(_) => true,
                Reached::Passed(r) => *r < window.since,
            });
            let mut pages = 0;
            if !covered {
                let (mentions, reached, n) = self.walk(ctx, key, window.since).await?;
                if let Reached::Cut(oldest) = reached {
                    tracing::warn!(source = %self.instance(), key, pages = n, oldest = %oldest, "the listing did not end after {MAX_PAGES} pages: posts older than the oldest read are not read, and windows before it come back empty");
                }
                walked.insert(key.to_string(), (mentions, reached));
                pages = n;
            }
            let mentions = walked[key].0.iter().filter(|m| window.contains(m.created_at)).cloned().collect();
            Ok(Page { mentions, pages, capped: false })
        })
    }
}

mod listing;
#[cfg(test)]
mod tests;
