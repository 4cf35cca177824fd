//! Stack Exchange API 2.3: questions on any site matching the brand terms, honouring `backoff` and quota.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Deserialize;
use url::Url;

use super::{api, html, parse_config, BoxFuture, FetchCtx, Page, Registration, Source, Window};
use crate::http::{self, Fetched, Verdict};
use crate::mention::Mention;

/// Registry entry.
pub const SOURCE: Registration = Registration {
    name: "stackexchange",
    about: "Questions from any Stack Exchange site (API 2.3 /search/advanced); a free key only raises the quota.",
    history_limit: None,
    keys: &[
        ("base_url", "API root (default https://api.stackexchange.com)"),
        ("site", "site name, e.g. stackoverflow, serverfault (default stackoverflow)"),
        ("key_env", "environment variable holding an optional app key"),
    ],
    check: |t| parse_config::<Config>(t).map(|_| ()),
    build: |t| {
        let config: Config = parse_config(t)?;
        let key = config.key_env.as_deref().map(|v| api::secret("stackexchange", "key_env", v)).transpose()?;
        Ok(Box::new(StackExchange { config, key }))
    },
};

/// The `[[source]] type = "stackexchange"` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    #[serde(default = "default_base_url")]
    base_url: Url,
    #[serde(default = "default_site")]
    site: String,
    key_env: Option<String>,
}

fn default_base_url() -> Url {
    super::url("https://api.stackexchange.com")
}
fn default_site() -> String {
    "stackoverflow".into()
}

struct StackExchange {
    config: Config,
    key: Option<String>,
}

/// The common wrapper every response comes in. `items` is always there, empty or not: a body without it (a proxy's
/// or gateway's JSON error) is no answer, not an empty window whose cursor would move past its questions.
#[derive(Debug, Deserialize)]
struct Wrapper {
    items: Vec<Question>,
    #[serde(default)]
    has_more: bool,
    quota_remaining: Option<i64>,
    backoff: Option<u64>,
}

/// An error answer: HTTP 400 with the wrapper's error fields and, unlike every other answer, no `items`
/// (`{"error_id":502,"error_message":"too many requests from this IP, more requests available in 82427
/// seconds","error_name":"throttle_violation"}`).
#[derive(Debug, Deserialize)]
struct ApiError {
    error_id: Option<i64>,
    error_message: Option<String>,
    error_name: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Owner {
    user_id: Option<i64>,
    display_name: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Question {
    question_id: i64,
    creation_date: i64,
    link: Option<String>,
    title: Option<String>,
    body: Option<String>,
    score: Option<i64>,
    answer_count: Option<i64>,
    owner: Option<Owner>,
}

fn to_mention(site: &str, q: Question) -> Option<Mention> {
    let created = DateTime::<Utc>::from_timestamp(q.creation_date, 0)?;
    let text = q.body.as_deref().map(html::to_text).unwrap_or_default();
    let mut m = Mention::new("stackexchange", format!("{site}/{}", q.question_id), created, text);
    m.url = q.link;
    m.title = q.title.as_deref().map(html::decode_entities);
    if let Some(owner) = q.owner {
        // User ids are per site (user 1 of Stack Overflow is not user 1 of Super User): qualified by the site, as
        // question ids are. Display names are not unique even within a site: `author_id` tells people apart.
        m.author = owner.display_name.as_deref().map(html::decode_entities);
        m.author_id = owner.user_id.map(|i| format!("{site}/{i}"));
    }
    m.score = q.score;
    m.replies = q.answer_count;
    Some(m)
}

/// Pages a window may take without an app key: the API refuses `page` above 25 to anonymous callers
/// (`access_denied`, "page above 25 requires access token or app key"), so a keyless window whose 25th page still
/// has more is capped, and the crawl splits it.
const ANONYMOUS_PAGES: u32 = 25;

/// Seconds to wait from a `throttle_violation` message ("... available in 82427 seconds").
fn throttle_seconds(message: &str) -> Option<u64> {
    let words: Vec<&str> = message.split_whitespace().collect();
    words.windows(2).find(|w| w[1].starts_with("second")).and_then(|w| w[0].parse().ok())
}

/// Stack Exchange reports errors, throttles included, as HTTP 400 with a JSON body ([`ApiError`]): a throttle is
/// waited out (the host held for the seconds its message names), the API's own transient failures
/// (`internal_error` 500, `temporarily_unavailable` 503) are retried, and the rest fail with the API's words.
fn verdict(f: &Fetched) -> Verdict {
    if f.status.as_u16() == 400 {
        if let Ok(ApiError { error_id: Some(id), error_message, error_name }) = serde_json::from_str(&f.body) {
            return match id {
                502 => {
                    let secs = error_message.as_deref().and_then(throttle_seconds).unwrap_or(60);
                    Verdict::Throttled(Some(std::time::Duration::from_secs(secs)))
                }
                500 | 503 => Verdict::Retry(None),
                _ => Verdict::Fail(format!(
                    "Stack Exchange error {id} {}: {}",
                    error_name.unwrap_or_default(),
                    error_message.unwrap_or_default()
                )),
            };
        }
    }
    http::json_verdict(f)
}

impl StackExchange {
    fn url(&self, key: &str, window: Window, page: u32) -> anyhow::Result<Url> {
        let mut url = api::endpoint(&self.config.base_url, "2.3/search/advanced")?;
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("site", &self.config.site)
                .append_pair("q", key)
                .append_pair("fromdate", &window.since.timestamp().to_string())
                .append_pair("todate", &(window.until.timestamp() - 1).to_string())
                .append_pair("sort", "creation")
                .append_pair("order", "desc")
                .append_pair("page", &page.to_string())
                .append_pair("pagesize", "100")
                .append_pair("filter", "withbody");
            if let Some(k) = &self.key {
                q.append_pair("key", k);
            }
        }
        Ok(url)
    }
}

impl Source for StackExchange {
    fn name(&self) -> &'static str {
        SOURCE.name
    }

    fn instance(&self) -> String {
        format!("stackexchange:{}", self.config.site)
    }

    fn fetch<'a>(&'a self, ctx: &'a FetchCtx, key: &'a str, window: Window) -> BoxFuture<'a, anyhow::Result<Page>> {
        Box::pin(async move {
            let mut out = Page::default();
            let mut page = 1;
            loop {
                let url = self.url(key, window, page)?;
                let fetched = ctx.http.get_with(url.as_str(), &[], &ctx.stats, verdict).await?;
                let w: Wrapper = serde_json::from_str(&fetched.body)?;
                out.pages += 1;
                let empty = w.items.is_empty();
                let site = &self.config.site;
                out.mentions.extend(
                    w.items.into_iter().filter_map(|q| to_mention(site, q)).filter(|m| window.contains(m.created_at)),
                );
                if let Some(secs) = w.backoff {
                    // "An application must wait that number of seconds before calling that method again."
                    ctx.http.hold(url.as_str(), Duration::from_secs(secs));
                }
                // An empty page that still claims more would page forever (each body differs by its quota).
                if !w.has_more || empty {
                    return Ok(out);
                }
                if self.key.is_none() && page >= ANONYMOUS_PAGES {
                    out.capped = true;
                    return Ok(out);
                }
                if w.quota_remaining.is_some_and(|q| q <= 0) {
                    anyhow::bail!(
                        "Stack Exchange daily quota used up (quota_remaining {})",
                        w.quota_remaining.unwrap_or(0)
                    );
                }
                page += 1;
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::testing;

    /// A 200 whose JSON is no wrapper (a gateway's error object) fails, instead of reading as an empty window whose
    /// cursor would move past its questions.
    #[test]
    fn a_body_of_the_wrong_shape_is_no_answer() {
        crate::sources::testing::assert_no_answer::<Wrapper>();
        assert!(serde_json::from_str::<Wrapper>(r#"{"items":[],"has_more":false}"#).is_ok());
    }

    #[test]
    fn parses_recorded_wrapper() {
        let body = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/stackexchange/search_advanced.json"
        ))
        .unwrap();
        let w: Wrapper = serde_json::from_str(&body).unwrap();
        assert!(w.has_more);
        assert_eq!(w.quota_remaining, Some(299));
        let m = to_mention("stackoverflow", w.items.into_iter().next().unwrap()).unwrap();
        assert_eq!(m.source_id, "stackoverflow/29960562");
        assert_eq!(m.title.as_deref(), Some("Can't fetch admin details from role id in magento"));
        assert_eq!(m.author.as_deref(), Some("Sachin S"));
        assert_eq!(m.author_id.as_deref(), Some("stackoverflow/4545317"));
        assert_eq!(m.text, "How do I get the admin user from a role id?");
    }

    /// `backoff` delays the next request, for any key, and nothing after the last one.
    #[tokio::test]
    async fn backoff_delays_the_next_request() {
        let item = serde_json::json!({"question_id": 1, "creation_date": 1_780_000_000, "title": "t", "body": "b",
            "link": "https://stackoverflow.com/q/1", "owner": {"user_id": 1, "display_name": "a"}});
        let body = serde_json::json!({"items": [item], "has_more": false, "backoff": 1, "quota_remaining": 100});
        let app = axum::Router::new()
            .route("/2.3/search/advanced", axum::routing::get(move || async move { axum::Json(body.clone()) }));
        let root = testing::serve(app).await;
        let table: super::super::SourceConfig = toml::from_str(&format!("base_url = \"{root}\"")).unwrap();
        let source = (SOURCE.build)(&table).unwrap();
        let ctx = testing::default_ctx();
        let window = Window {
            since: DateTime::from_timestamp(1_779_900_000, 0).unwrap(),
            until: DateTime::from_timestamp(1_780_100_000, 0).unwrap(),
        };
        // Timed from before the first request: the backoff's second begins when its answer is read, after this instant
        // (timing the second request alone left 100 ms for whatever ran between the two on a loaded machine).
        let started = std::time::Instant::now();
        for (key, waits) in [("acme", 0), ("globex", 1)] {
            let page = source.fetch(&ctx, key, window).await.unwrap();
            assert_eq!(page.mentions.len(), 1, "{key}");
            assert_eq!(ctx.stats.rate_limit_waits.load(std::sync::atomic::Ordering::SeqCst), waits, "{key}");
        }
        // A wait after the last answer, or before the first request, would add a whole second.
        let took = started.elapsed();
        assert!(took >= Duration::from_secs(1) && took < Duration::from_millis(1_900), "{took:?}");
    }

    /// Without a key, a window with more than 25 pages stops at page 25 as capped (the API refuses page 26 to
    /// anonymous callers); with a key it pages on.
    #[tokio::test]
    async fn a_keyless_window_past_25_pages_is_capped() {
        use axum::extract::Query;
        use std::collections::HashMap;
        let search = |Query(q): Query<HashMap<String, String>>| async move {
            let page: i64 = q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
            if page > 25 && !q.contains_key("key") {
                let denied = serde_json::json!({"error_id": 403, "error_name": "access_denied",
                    "error_message": "page above 25 requires access token or app key"});
                return (axum::http::StatusCode::BAD_REQUEST, axum::Json(denied));
            }
            let item = serde_json::json!({"question_id": page, "creation_date": 1_780_000_000, "title": "t",
                "body": "b", "link": "https://stackoverflow.com/q/1", "owner": {"user_id": 1, "display_name": "a"}});
            let body = serde_json::json!({"items": [item], "has_more": page < 30, "quota_remaining": 100});
            (axum::http::StatusCode::OK, axum::Json(body))
        };
        let root = testing::serve(axum::Router::new().route("/2.3/search/advanced", axum::routing::get(search))).await;
        let window = Window {
            since: DateTime::from_timestamp(1_779_900_000, 0).unwrap(),
            until: DateTime::from_timestamp(1_780_100_000, 0).unwrap(),
        };
        let ctx = testing::default_ctx();
        let keyless = (SOURCE.build)(&toml::from_str(&format!("base_url = \"{root}\"")).unwrap()).unwrap();
        let page = keyless.fetch(&ctx, "acme", window).await.unwrap();
        assert_eq!((page.pages, page.capped, page.mentions.len()), (25, true, 25));
        let config = parse_config(&toml::from_str(&format!("base_url = \"{root}\"")).unwrap()).unwrap();
        let keyed = StackExchange { config, key: Some("k".into()) };
        let page = keyed.fetch(&ctx, "acme", window).await.unwrap();
        assert_eq!((page.pages, page.capped, page.mentions.len()), (30, false, 30));
    }

    /// Errors come as HTTP 400 without `items`: a throttle is waited out for the seconds its message names, the
    /// API's transient failures are retried, and the rest fail with the API's words.
    #[test]
    fn error_answers_are_told_apart() {
        let answer = |body: &str| verdict(&testing::fetched(400, &[], body));
        let throttle = r#"{"error_id":502,"error_message":"too many requests from this IP, more requests available in 43 seconds","error_name":"throttle_violation"}"#;
        assert!(matches!(answer(throttle), Verdict::Throttled(Some(d)) if d == Duration::from_secs(43)));
        let busy = r#"{"error_id":503,"error_message":"try again","error_name":"temporarily_unavailable"}"#;
        assert!(matches!(answer(busy), Verdict::Retry(None)));
        let bad = r#"{"error_id":400,"error_message":"site is required","error_name":"bad_parameter"}"#;
        assert!(
            matches!(answer(bad), Verdict::Fail(m) if m.contains("bad_parameter") && m.contains("site is required"))
        );
        assert!(matches!(answer("<html>bad gateway</html>"), Verdict::Fail(_)));
    }

    #[test]
    fn reads_throttle_message() {
        assert_eq!(
            throttle_seconds("too many requests from this IP, more requests available in 82427 seconds"),
            Some(82427)
        );
        assert_eq!(throttle_seconds("nothing here"), None);
    }

    #[test]
    fn the_key_is_optional() {
        assert!((SOURCE.build)(&toml::from_str("").unwrap()).is_ok());
    }
}
