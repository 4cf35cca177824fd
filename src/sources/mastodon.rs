//! Mastodon hashtag timelines on any instance (keyless): statuses tagged with the brands' hashtags.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use url::Url;

use super::{api, html, parse_config, BoxFuture, FetchCtx, Page, Registration, Source, Window};
use crate::http::{self, Fetched, Verdict};
use crate::mention::Mention;
use crate::pipeline::Brand;

/// Registry entry.
pub const SOURCE: Registration = Registration {
    name: "mastodon",
    about: "Statuses from Mastodon hashtag timelines on one instance (keyless); Link-header paging.",
    history_limit: Some("hashtags only (keyless full-text search does not exist), and only what the instance has seen"),
    keys: &[
        ("base_url", "the instance root, e.g. https://mastodon.social (required)"),
        (
            "hashtags",
            "hashtags to follow, without '#' (default: the brand queries' #hashtags, words, and phrases run together)",
        ),
    ],
    check: |t| parse_config::<Config>(t).map(|_| ()),
    build: |t| Ok(Box::new(Mastodon { config: parse_config::<Config>(t)? })),
};

/// Statuses per page; the API's maximum.
const LIMIT: u32 = 40;

/// The `[[source]] type = "mastodon"` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    base_url: Url,
    #[serde(default)]
    hashtags: Vec<String>,
}

struct Mastodon {
    config: Config,
}

#[derive(Debug, Deserialize)]
struct Account {
    id: String,
    acct: String,
}

#[derive(Debug, Deserialize)]
struct Status {
    id: String,
    created_at: DateTime<Utc>,
    in_reply_to_id: Option<String>,
    #[serde(default)]
    spoiler_text: String,
    language: Option<String>,
    uri: Option<String>,
    url: Option<String>,
    replies_count: Option<i64>,
    reblogs_count: Option<i64>,
    favourites_count: Option<i64>,
    content: String,
    account: Account,
}

/// A status's id in the store: its ActivityPub `uri`, which is the same on every instance that has the status
/// (each gives it a local id of its own), so that two `[[source]]` tables on two instances store a federated status
/// once; stored as a keyed hash ([`api::keyed_id`]) because the `uri` names the author. `host/id` for a status
/// without one.
fn status_id(host: &str, s: &Status) -> String {
    match s.uri.as_deref().filter(|u| !u.is_empty()) {
        Some(uri) => api::keyed_id(uri),
        None => format!("{host}/{}", s.id),
    }
}

/// The instant a status's id stands for (a snowflake: milliseconds in the upper bits), which is what `max_id` and
/// `since_id` select by; `created_at`, stamped apart, can differ by milliseconds, so a window keeps a status by its
/// id. `created_at` for an id that is no snowflake (older statuses, other servers' flake ids) or far from it.
fn selected_at(s: &Status) -> DateTime<Utc> {
    let from_id = s.id.parse::<u64>().ok().and_then(|n| DateTime::from_timestamp_millis((n >> 16) as i64));
    from_id.filter(|t| (*t - s.created_at).num_seconds().abs() < 3600).unwrap_or(s.created_at)
}

fn to_mention(host: &str, s: Status) -> Mention {
    let body = html::to_text(&s.content);
    let text = if s.spoiler_text.is_empty() { body } else { format!("{}\n{body}", s.spoiler_text) };
    let mut m = Mention::new("mastodon", status_id(host, &s), s.created_at, text);
    m.url = s.url.or(s.uri);
    // `acct` is `alice` on alice's own instance and `alice@host` elsewhere, and account ids are each instance's own
    // numbers: both qualified by the instance, so one person is one author whichever instance was read, and two
    // instances' `alice` or account 1 are two.
    let acct = s.account.acct;
    m.author = Some(if acct.contains('@') { acct } else { format!("{acct}@{host}") });
    m.author_id = Some(format!("{host}/{}", s.account.id));
    m.lang = s.language;
    m.likes = s.favourites_count;
    m.reposts = s.reblogs_count;
    m.replies = s.replies_count;
    m.parent_id = s.in_reply_to_id;
    m
}

/// A 429 (`{"error":"Too many requests"}`, without `Retry-After`) waits until `x-ratelimit-reset`, an ISO-8601
/// instant: 300 requests per 5 minutes by default, so the wait can be minutes, where the client's own backoff gives
/// up after seconds.
fn verdict(f: &Fetched) -> Verdict {
    match f.status.as_u16() {
        429 => api::throttled(api::reset_wait(&f.headers, "x-ratelimit-reset", Utc::now()), &f.headers),
        _ => http::json_verdict(f),
    }
}

/// The `rel="next"` target of a `Link` header.
fn next_link(header: &str) -> Option<String> {
    header.split(',').find_map(|part| {
        let (target, params) = part.split_once(';')?;
        params.contains("rel=\"next\"").then(|| target.trim().trim_start_matches('<').trim_end_matches('>').to_string())
    })
}

/// A snowflake id at instant `t`: Mastodon ids carry milliseconds since the epoch in their upper bits.
fn snowflake(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis().max(0) << 16
}

impl Source for Mastodon {
    fn name(&self) -> &'static str {
        SOURCE.name
    }

    fn instance(&self) -> String {
        format!("mastodon:{}", self.config.base_url.host_str().unwrap_or("?"))
    }

    fn keys(&self, brands: &[Brand]) -> Vec<String> {
        if !self.config.hashtags.is_empty() {
            return self.config.hashtags.iter().map(|h| h.trim_start_matches('#').to_lowercase()).collect();
        }
        let mut tags: Vec<String> = brands
            .iter()
            .flat_map(|b| b.query.hashtags())
            .filter(|t| t.chars().all(|c| c.is_alphanumeric() || c == '_'))
            .collect();
        tags.sort();
        tags.dedup();
        tags
    }

    fn fetch<'a>(&'a self, ctx: &'a FetchCtx, key: &'a str, window: Window) -> BoxFuture<'a, anyhow::Result<Page>> {
        Box::pin(async move {
            let host = self.config.base_url.host_str().unwrap_or("?").to_string();
            let mut url = api::endpoint(&self.config.base_url, &format!("api/v1/timelines/tag/{key}"))?;
            url.query_pairs_mut()
                .append_pair("limit", &LIMIT.to_string())
                .append_pair("max_id", &snowflake(window.until).to_string())
                .append_pair("since_id", &(snowflake(window.since) - 1).to_string());
            let mut next = Some(url.to_string());
            let (mut out, mut followed) = (Page::default(), api::Followed::default());
            while let Some(u) = next.take() {
                followed.check(&u)?;
                let fetched = ctx.http.get_with(&u, &[], &ctx.stats, verdict).await?;
                let reset = api::reset_wait(&fetched.headers, "x-ratelimit-reset", Utc::now());
                api::hold_when_spent(&ctx.http, &u, &fetched.headers, "x-ratelimit-remaining", reset);
                let statuses: Vec<Status> = serde_json::from_str(&fetched.body)?;
                out.pages += 1;
                let reached_start = statuses.last().is_none_or(|s| selected_at(s) < window.since);
                out.mentions.extend(
                    statuses.into_iter().filter(|s| window.contains(selected_at(s))).map(|s| to_mention(&host, s)),
                );
                if !reached_start {
                    next = fetched.headers.get("link").and_then(|v| v.to_str().ok()).and_then(next_link);
                    // Keep the lower bound on pages the server links to, in case its links drop it.
                    if let Some(n) = next.as_mut() {
                        if !n.contains("since_id=") {
                            n.push_str(&format!("&since_id={}", snowflake(window.since) - 1));
                        }
                    }
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

    /// Mastodon's 429 carries no `Retry-After`: the wait comes from `x-ratelimit-reset`, an ISO instant.
    #[test]
    fn a_429_waits_for_the_iso_reset() {
        let reset = (Utc::now() + chrono::Duration::seconds(120)).to_rfc3339();
        let mut f = testing::response(429, r#"{"error":"Too many requests"}"#);
        f.headers.insert("x-ratelimit-reset", reset.parse().unwrap());
        let Verdict::Throttled(Some(wait)) = verdict(&f) else { panic!("{:?}", verdict(&f)) };
        assert!((118..=120).contains(&wait.as_secs()), "{wait:?}");
    }

    /// A page that spends the window (`x-ratelimit-remaining: 0`) holds the next request until
    /// `x-ratelimit-reset`, instead of drawing the 429.
    #[tokio::test]
    async fn a_spent_window_holds_the_next_page_until_reset() {
        use axum::extract::Query;
        use std::collections::HashMap;
        let posted = Utc::now() - chrono::Duration::hours(1);
        let app = axum::Router::new().route(
            "/api/v1/timelines/tag/acme",
            axum::routing::get(
                move |Query(q): Query<HashMap<String, String>>, headers: axum::http::HeaderMap| async move {
                    let first = !q.contains_key("page");
                    let id = (snowflake(posted) + i64::from(first)).to_string();
                    let status = serde_json::json!([{"id": id, "created_at": posted.to_rfc3339(), "content": "acme",
                    "account": {"id": "1", "acct": "a"}}]);
                    let reset = (Utc::now() + chrono::Duration::seconds(2)).to_rfc3339();
                    let host = headers["host"].to_str().unwrap_or_default();
                    let next = format!("<http://{host}/api/v1/timelines/tag/acme?page=2>; rel=\"next\"");
                    let link = if first { next } else { String::new() };
                    let limits =
                        [("x-ratelimit-remaining", "0".to_string()), ("x-ratelimit-reset", reset), ("link", link)];
                    (limits, status.to_string())
                },
            ),
        );
        let root = testing::serve(app).await;
        let config = format!("base_url = \"{root}\"\nhashtags = [\"acme\"]");
        let source = Mastodon { config: parse_config(&toml::from_str(&config).unwrap()).unwrap() };
        let ctx = testing::default_ctx();
        let window = Window { since: posted - chrono::Duration::days(1), until: Utc::now() };
        let started = std::time::Instant::now();
        let page = source.fetch(&ctx, "acme", window).await.unwrap();
        assert_eq!((page.pages, page.mentions.len()), (2, 2));
        assert!(started.elapsed() >= std::time::Duration::from_millis(1500), "{:?}", started.elapsed());
        assert_eq!(ctx.stats.rate_limit_waits.load(std::sync::atomic::Ordering::SeqCst), 1);
    }

    #[test]
    fn parses_recorded_hashtag_timeline() {
        let body =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mastodon/tag_timeline.json"))
                .unwrap();
        let statuses: Vec<Status> = serde_json::from_str(&body).unwrap();
        let status = statuses.into_iter().next().unwrap();
        // The uri, marked for a keyed hash: the same id on every instance that has the status (the write path
        // hashes it; `govern`'s tests check that no uri is stored).
        let uri = status.uri.clone().unwrap();
        let elsewhere = status_id("other.example", &status);
        let m = to_mention("localhost", status);
        assert_eq!(elsewhere, m.source_id);
        assert_eq!(m.source_id, api::keyed_id(&uri));
        assert_eq!(m.text, "#hoot (hashtag toot)");
        assert_eq!(m.lang.as_deref(), Some("ja"));
        assert_eq!(m.author.as_deref(), Some("mastodonpy_test_2@localhost"));
        assert!(m.author_id.as_deref().is_some_and(|id| id.starts_with("localhost/")), "{:?}", m.author_id);
        // The id carries the creation time to within milliseconds (the server stamps it separately).
        assert!(((snowflake(m.created_at) >> 16) - (117020593741189701_i64 >> 16)).abs() < 1000);
    }

    /// The server selects by id; a status whose `created_at` is stamped a few milliseconds after its id's instant
    /// belongs to the window its id is in, or no window would keep it.
    #[test]
    fn windows_keep_statuses_by_their_id() {
        let body =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mastodon/tag_timeline.json"))
                .unwrap();
        let mut status: Status = serde_json::from_str::<Vec<Status>>(&body).unwrap().remove(0);
        let id_at = DateTime::from_timestamp_millis((status.id.parse::<i64>().unwrap()) >> 16).unwrap();
        status.created_at = id_at + chrono::Duration::milliseconds(2);
        assert_eq!(selected_at(&status), id_at);
        let window =
            Window { since: id_at - chrono::Duration::hours(1), until: id_at + chrono::Duration::milliseconds(1) };
        assert!(window.contains(selected_at(&status)) && !window.contains(status.created_at));
        // An id that is no snowflake (a small number, another server's string) leaves `created_at`.
        status.id = "12345".into();
        assert_eq!(selected_at(&status), status.created_at);
    }

    #[test]
    fn follows_next_link() {
        let h = "<http://localhost:3000/api/v1/timelines/tag/hoot?max_id=117020593741189701>; rel=\"next\", <http://localhost:3000/api/v1/timelines/tag/hoot?min_id=117020593741189701>; rel=\"prev\"";
        assert_eq!(
            next_link(h).as_deref(),
            Some("http://localhost:3000/api/v1/timelines/tag/hoot?max_id=117020593741189701")
        );
        assert_eq!(next_link("<http://x/?min_id=1>; rel=\"prev\""), None);
    }
}
