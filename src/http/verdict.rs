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

/// `url` as logs and error messages may show it: values of query parameters that carry secrets (API keys,
/// tokens, passwords) are masked, so a credential never lands in `crawl_runs.error` or a log file.
pub fn shown_url(url: &str) -> String {
    const SECRET: &[&str] = &["key", "api_key", "apikey", "access_token", "token", "client_secret", "password"];
    let Ok(mut parsed) = url::Url::parse(url) else { return url.to_string() };
    if !parsed.query_pairs().any(|(k, _)| SECRET.contains(&k.to_ascii_lowercase().as_str())) {
        return url.to_string();
    }
    let pairs: Vec<(String, String)> = parsed
        .query_pairs()
        .map(|(k, v)| {
            let secret = SECRET.contains(&k.to_ascii_lowercase().as_str());
            (k.into_owned(), if secret { "***".to_string() } else { v.into_owned() })
        })
        .collect();
    parsed.query_pairs_mut().clear().extend_pairs(pairs);
    parsed.to_string()
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
