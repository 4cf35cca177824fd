//! How a response is classified ([`Verdict`]): the usual rule ([`standard`]) and the pieces a source's own rule is
//! made of (`Retry-After`, seconds headers, a body snippet), and URLs as logs may show them ([`shown_url`]).

use std::time::Duration;

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::StatusCode;

use super::Fetched;

/// What to do with a response.
#[derive(Debug)]
pub enum Verdict {
    /// Use it.
    Accept,
    /// Try again, after the given wait or the backoff.
    Retry(Option<Duration>),
    /// A rate-limit signal: counted, and the whole host held for the wait ([`Http::hold`](super::Http::hold)), which
    /// the retry waits out like any other request to the host.
    Throttled(Option<Duration>),
    /// Give up with this message.
    Fail(String),
}

/// `url` as logs and error messages may show it: user and password before the host, and values of query
/// parameters that carry secrets (API keys, tokens, passwords, signatures: `key`, `feed_token`, `private_token`,
/// `client_secret`, ...) are masked, so a credential never lands in `crawl_runs.error`, a cursor, an id or a log.
pub fn shown_url(url: &str) -> String {
    let Ok(mut parsed) = url::Url::parse(url) else { return url.to_string() };
    let (password, secret_query) = secrets(&parsed);
    if !password && !secret_query {
        return url.to_string();
    }
    // The password is masked, the user kept: the crawl's cursor key and logs still tell two users' feeds apart.
    if password {
        let _ = parsed.set_password(Some("***"));
    }
    if secret_query {
        let pairs: Vec<(String, String)> = parsed
            .query_pairs()
            .map(|(k, v)| {
                let masked = if is_secret(&k) { "***".to_string() } else { v.into_owned() };
                (k.into_owned(), masked)
            })
            .collect();
        parsed.query_pairs_mut().clear().extend_pairs(pairs);
    }
    parsed.to_string()
}

/// Whether `url` holds a secret [`shown_url`] masks: a password, or a query parameter that carries one.
pub fn has_secret(url: &str) -> bool {
    url::Url::parse(url).is_ok_and(|parsed| secrets(&parsed) != (false, false))
}

/// Whether `url` has a password, and whether a query parameter of it carries a secret.
fn secrets(url: &url::Url) -> (bool, bool) {
    (url.password().is_some(), url.query_pairs().any(|(k, _)| is_secret(&k)))
}

/// Whether a query parameter's name says its value is a secret. Exact names and suffixes, not substrings: a
/// `keyword` or a `sort_key` is no key, and masking it would make two feeds' URLs one. Page tokens (`pageToken`,
/// `next_token`) are cursors, not credentials: logs keep them.
fn is_secret(name: &str) -> bool {
    const EXACT: &[&str] = &[
        "key",
        "apikey",
        "api_key",
        "api-key",
        "access_key",
        "secret_key",
        "private_key",
        "app_key",
        "consumer_key",
        "secret",
        "password",
        "passwd",
        "pwd",
        "sig",
        "signature",
        "auth",
    ];
    const SUFFIX: &[&str] = &["token", "_secret", "_password", "-signature"];
    const PAGING: &[&str] = &["pagetoken", "page_token", "nexttoken", "next_token", "pagination_token"];
    let name = name.to_ascii_lowercase();
    (EXACT.contains(&name.as_str()) || SUFFIX.iter().any(|s| name.ends_with(s))) && !PAGING.contains(&name.as_str())
}

/// The usual classification: 429 is a throttle (honouring `Retry-After`), 5xx is retried, other
/// non-success statuses fail, and successes are accepted.
pub fn standard(f: &Fetched) -> Verdict {
    if f.status == StatusCode::TOO_MANY_REQUESTS {
        Verdict::Throttled(retry_after(&f.headers))
    } else if f.status.is_server_error() {
        Verdict::Retry(retry_after(&f.headers))
    } else if f.status.is_success() || f.status == StatusCode::NOT_MODIFIED {
        Verdict::Accept
    } else {
        Verdict::Fail(format!("HTTP {}: {}", f.status, snippet(&f.body)))
    }
}

/// [`standard`], and a 2xx body that is not complete JSON (truncated, malformed) is retried.
pub fn json_verdict(f: &Fetched) -> Verdict {
    match standard(f) {
        Verdict::Accept if serde_json::from_str::<serde::de::IgnoredAny>(&f.body).is_err() => Verdict::Retry(None),
        v => v,
    }
}

/// Parses `Retry-After` as seconds (fractions allowed) or an HTTP date.
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    seconds_header(headers, RETRY_AFTER).or_else(|| {
        let when = chrono::DateTime::parse_from_rfc2822(headers.get(RETRY_AFTER)?.to_str().ok()?.trim()).ok()?;
        Some((when.with_timezone(&chrono::Utc) - chrono::Utc::now()).to_std().unwrap_or(Duration::ZERO))
    })
}

/// A header holding a number of seconds to wait (`Retry-After`'s delta form, Reddit's `x-ratelimit-reset`);
/// `None` when absent, not a number, negative or infinite. A wait of more than a year is a year: longer than any
/// `max_wait`, so the request fails at once, where `Retry-After: 1e20` overflowed a `Duration` and panicked.
pub fn seconds_header(headers: &HeaderMap, name: impl reqwest::header::AsHeaderName) -> Option<Duration> {
    const YEAR: f64 = 365.0 * 24.0 * 3600.0;
    let secs = number_header(headers, name)?;
    (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs.min(YEAR)))
}

/// A header holding a decimal number (a wait, or requests left in a rate-limit window); `None` when absent or not
/// a number.
pub fn number_header(headers: &HeaderMap, name: impl reqwest::header::AsHeaderName) -> Option<f64> {
    headers.get(name)?.to_str().ok()?.trim().parse::<f64>().ok()
}

/// First 200 characters of a body, for error messages.
pub fn snippet(body: &str) -> String {
    let s: String = body.chars().take(200).collect();
    s.replace('\n', " ")
}
