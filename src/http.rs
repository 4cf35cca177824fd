//! The one shared HTTP client: user agent, timeouts, retries with backoff and jitter, `Retry-After`,
//! per-host pacing, per-host holds when a platform throttles, and the request counters every crawl run records.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{anyhow, Context, Result};
use rand::Rng;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use tokio::time::Instant;

mod body;
mod hosts;
mod verdict;

use hosts::Hosts;
pub use verdict::{
    has_secret, json_verdict, number_header, retry_after, seconds_header, shown_url, snippet, standard, Verdict,
};

/// How the client behaves; the defaults suit public APIs.
#[derive(Debug, Clone)]
pub struct HttpSettings {
    /// Sent as `User-Agent`; includes the pipeline's contact.
    pub user_agent: String,
    /// Whole-request timeout.
    pub timeout: Duration,
    /// Retries after the first attempt on 429, 5xx, timeouts and unreadable bodies.
    pub retries: u32,
    /// First backoff step; doubles each retry, with full jitter.
    pub backoff: Duration,
    /// Longest wait the client accepts, for a `Retry-After` or a host's hold ([`Http::hold`]): a request whose
    /// host is held for longer fails at once, without being sent. The default, 15 minutes, outlasts the rate-limit
    /// windows the sources report (X 15 minutes, Reddit 10, Mastodon 5), so a spent window is waited out rather
    /// than failing the source in a batch job; a day-long throttle still fails it.
    pub max_wait: Duration,
    /// Least time between two requests to one host.
    pub min_interval: Duration,
    /// Largest response body read, in bytes after decompression; a larger one fails the request at once.
    pub max_body: usize,
}

impl HttpSettings {
    /// Defaults with a User-Agent naming hark and the contact, if any.
    pub fn new(contact: Option<&str>) -> Self {
        let ua = match contact {
            Some(c) => format!("hark/{} (+{c})", env!("CARGO_PKG_VERSION")),
            None => format!("hark/{}", env!("CARGO_PKG_VERSION")),
        };
        HttpSettings {
            user_agent: ua,
            timeout: Duration::from_secs(30),
            retries: 4,
            backoff: Duration::from_millis(500),
            max_wait: Duration::from_secs(15 * 60),
            min_interval: Duration::ZERO,
            max_body: body::MAX_BODY,
        }
    }
}

/// Request counters of one source's run; copied into `crawl_runs`.
#[derive(Debug, Default)]
pub struct HttpStats {
    /// Requests sent, retries included.
    pub requests: AtomicU64,
    /// Retries after a failed attempt.
    pub retries: AtomicU64,
    /// Waits imposed by a rate-limit signal: this source's own 429s, and each of its other requests that found its
    /// host held ([`Http::hold`]), whichever source's throttle set the hold.
    pub rate_limit_waits: AtomicU64,
    /// The repeat guard: `None` until [`HttpStats::begin_window`] turns it on, then the hash of the last page
    /// accepted in the current window (if any).
    last_page: std::sync::Mutex<Option<Option<u64>>>,
}

impl HttpStats {
    /// Starts a window: from now on a page identical to the one accepted just before it in the same window is
    /// treated as pagination that stopped moving (retried, and failed if it keeps coming back) instead of
    /// being paged through forever or taken for the next page.
    pub fn begin_window(&self) {
        *self.last_page.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(None);
    }

    /// Whether `body` repeats the last page accepted in this window; remembers it when it does not.
    fn repeats_last_page(&self, body: &str) -> bool {
        use std::hash::{Hash, Hasher};
        let mut guard = self.last_page.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let Some(last) = guard.as_mut() else { return false };
        let mut h = std::collections::hash_map::DefaultHasher::new();
        body.hash(&mut h);
        let h = h.finish();
        if *last == Some(h) {
            return true;
        }
        *last = Some(h);
        false
    }
}

/// The error of a request the server answered and refused ([`Verdict::Fail`]), with the status it answered.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Refused {
    /// The answer's status (200 for a refusal written in a body that says success, as GDELT's).
    pub status: StatusCode,
    /// What the verdict said.
    pub message: String,
}

impl Refused {
    /// Whether the request alone was refused (a query the API rejects: 400, 422, a rejection in the body), so a
    /// crawl counts it against the key; 401 and 403 (a key, token, plan or quota missing) refuse every request to
    /// the host, and count against it.
    pub fn of_request(&self) -> bool {
        !matches!(self.status.as_u16(), 401 | 403)
    }
}

/// A fetched response whose status was a success.
#[derive(Debug)]
pub struct Fetched {
    /// Final status (2xx or 304).
    pub status: StatusCode,
    /// Response headers.
    pub headers: HeaderMap,
    /// Body as text (UTF-8; invalid sequences replaced).
    pub body: String,
    /// The body's bytes as sent, kept only when they are not UTF-8 (see [`Fetched::bytes`]).
    pub raw: Option<Vec<u8>>,
}

impl Fetched {
    /// The body's bytes as sent: for a parser that reads the encoding a document declares (XML), where
    /// [`Fetched::body`] has replaced what was not UTF-8.
    pub fn bytes(&self) -> &[u8] {
        self.raw.as_deref().unwrap_or(self.body.as_bytes())
    }
}

/// The shared client. Cheap to clone.
#[derive(Clone)]
pub struct Http {
    client: reqwest::Client,
    settings: Arc<HttpSettings>,
    /// Per host: when its last request was let go, and until when a platform asked to be left alone.
    hosts: Arc<Hosts>,
}

impl Http {
    /// Builds the client.
    pub fn new(settings: HttpSettings) -> Result<Http> {
        let client = reqwest::Client::builder()
            .user_agent(settings.user_agent.clone())
            .timeout(settings.timeout)
            .connect_timeout(Duration::from_secs(10).min(settings.timeout))
            .gzip(true)
            .build()
            .context("building the HTTP client")?;
        Ok(Http { client, settings: Arc::new(settings), hosts: Arc::default() })
    }

    /// A handle on the same client and per-host pacing state that leaves at least `d` between two requests
    /// to one host, retries included: for a platform stricter than the configured `min_interval` (GDELT asks
    /// for one request every 5 seconds).
    pub fn with_min_interval(&self, d: Duration) -> Http {
        if d <= self.settings.min_interval {
            return self.clone();
        }
        let settings = HttpSettings { min_interval: d, ..(*self.settings).clone() };
        Http { settings: Arc::new(settings), ..self.clone() }
    }

    /// Holds every request to `url`'s host until `wait` from now: the platform said its rate-limit window is spent
    /// (Reddit's and X's remaining-requests headers) or asked for a backoff (Stack Exchange, a 429). Every request
    /// to the host made before the hold ends waits for it, whichever source or key makes it, and is counted in its own
    /// source's `rate_limit_waits`; one that would wait longer than `max_wait` fails at once instead (`pace`).
    pub fn hold(&self, url: &str, wait: Duration) {
        let now = Instant::now();
        // A reset years ahead (a bad header) holds for as long as an `Instant` reaches.
        let until = now.checked_add(wait).unwrap_or_else(|| now + Duration::from_secs(365 * 24 * 3600));
        self.hosts.hold(host_of(url), until);
    }

    /// GETs `url`, retrying transient failures. `check` classifies each response; [`standard`] is the
    /// usual rule, and a source wraps it to read its platform's own signals (a throttle page served with
    /// status 200, a quota error in a 400 body).
    pub async fn get_with(
        &self,
        url: &str,
        headers: &[(&str, String)],
        stats: &HttpStats,
        check: impl Fn(&Fetched) -> Verdict,
    ) -> Result<Fetched> {
        self.send(reqwest::Method::GET, url, headers, None, stats, check).await
    }

    /// POSTs `body` to `url` under the same rules as [`Http::get_with`]; `headers` carry its `Content-Type`.
    /// For token endpoints (Reddit's OAuth token, Bluesky's `createSession`), which are safe to repeat.
    pub async fn post_with(
        &self,
        url: &str,
        headers: &[(&str, String)],
        body: &str,
        stats: &HttpStats,
        check: impl Fn(&Fetched) -> Verdict,
    ) -> Result<Fetched> {
        self.send(reqwest::Method::POST, url, headers, Some(body), stats, check).await
    }

    /// One request with retries: the loop behind [`Http::get_with`] and [`Http::post_with`].
    async fn send(
        &self,
        method: reqwest::Method,
        url: &str,
        headers: &[(&str, String)],
        body: Option<&str>,
        stats: &HttpStats,
        check: impl Fn(&Fetched) -> Verdict,
    ) -> Result<Fetched> {
        let mut attempt = 0u32;
        let shown = shown_url(url);
        loop {
            let held = self.pace(url).await.map_err(|left| {
                anyhow!(
                    "{method} {shown}: rate limited for {}s more, longer than the {}s the crawler waits",
                    left.as_secs(),
                    self.settings.max_wait.as_secs()
                )
            })?;
            // A 429's own hold is waited out below before the retry, so `pace` finds it passed: a hold here is
            // another request's, a wait of its own.
            if held {
                stats.rate_limit_waits.fetch_add(1, Ordering::Relaxed);
            }
            stats.requests.fetch_add(1, Ordering::Relaxed);
            let mut req = self.client.request(method.clone(), url);
            if let Some(b) = body {
                req = req.body(b.to_string());
            }
            for (k, v) in headers {
                req = req.header(*k, v);
            }
            let outcome = match req.send().await {
                Ok(resp) => {
                    let status = resp.status();
                    let resp_headers = resp.headers().clone();
                    match body::read(resp, self.settings.max_body).await {
                        Ok((body, raw)) => Ok(Fetched { status, headers: resp_headers, body, raw }),
                        Err(body::BodyError::TooLarge) => {
                            let max = self.settings.max_body;
                            return Err(anyhow!("{method} {shown}: the response is larger than {max} bytes"));
                        }
                        Err(body::BodyError::Read(e)) => {
                            Err(anyhow!(e.without_url()).context("reading the response body"))
                        }
                    }
                }
                // The URL is left out of reqwest's message: the context adds it, with secrets masked.
                Err(e) => Err(anyhow!(e.without_url())),
            };
            let mut repeated = false;
            let verdict = match &outcome {
                Err(_) => Verdict::Retry(None),
                Ok(f) => match check(f) {
                    Verdict::Accept if method == reqwest::Method::GET && stats.repeats_last_page(&f.body) => {
                        repeated = true;
                        Verdict::Retry(None)
                    }
                    v => v,
                },
            };
            // `Retry-After: 0` (or a date already past) asks for no wait at all; taken literally, every retry would
            // go out at once and spend the retries in milliseconds. It gets the backoff a missing header gets.
            let asked = |w: Option<Duration>| w.filter(|w| !w.is_zero());
            let wait = match verdict {
                Verdict::Accept => return outcome,
                Verdict::Fail(message) => {
                    let status = outcome.as_ref().map_or(StatusCode::OK, |f| f.status);
                    return Err(Refused { status, message }.into());
                }
                Verdict::Retry(w) => asked(w).unwrap_or_else(|| self.jittered_backoff(attempt)),
                Verdict::Throttled(w) => {
                    stats.rate_limit_waits.fetch_add(1, Ordering::Relaxed);
                    // The platform throttles the host, not this request: every request to it waits for the hold
                    // in `pace`, even when this one gives up below. This one waits it here.
                    let hold = asked(w).unwrap_or(self.settings.backoff * 2u32.pow(attempt.min(10)));
                    self.hold(url, hold);
                    hold
                }
            };
            // A wait past `max_wait` fails at once, on any attempt, rather than as a retry never sent.
            if wait > self.settings.max_wait {
                return Err(anyhow!(
                    "{method} {shown}: asked to wait {}s, longer than the {}s the crawler waits",
                    wait.as_secs(),
                    self.settings.max_wait.as_secs()
                ));
            }
            if attempt >= self.settings.retries {
                return match outcome {
                    Ok(_) if repeated => Err(anyhow!(
                        "{method} {shown}: the API served the previous page again {} times; its pagination is stuck",
                        attempt + 1
                    )),
                    Err(e) => Err(e.context(format!("{method} {shown} failed after {} attempts", attempt + 1))),
                    Ok(f) => Err(anyhow!(
                        "{method} {shown}: HTTP {} after {} attempts: {}",
                        f.status,
                        attempt + 1,
                        snippet(&f.body)
                    )),
                };
            }
            tracing::debug!(url = %shown, attempt, wait_ms = wait.as_millis() as u64, "retrying");
            stats.retries.fetch_add(1, Ordering::Relaxed);
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    /// GETs `url` and decodes JSON; a body that does not decode (truncated, malformed) is retried.
    pub async fn get_json<T: serde::de::DeserializeOwned>(&self, url: &str, stats: &HttpStats) -> Result<T> {
        let fetched = self.get_with(url, &[], stats, json_verdict).await?;
        serde_json::from_str(&fetched.body).with_context(|| format!("decoding the response of {}", shown_url(url)))
    }

    /// Full-jitter exponential backoff for retry `attempt` (0-based).
    fn jittered_backoff(&self, attempt: u32) -> Duration {
        let cap = self.settings.backoff.saturating_mul(2u32.saturating_pow(attempt.min(16)));
        let ms = cap.as_millis().max(1) as u64;
        Duration::from_millis(rand::rng().random_range(ms / 2..=ms))
    }

    /// Waits until the host's hold ([`Http::hold`]) is over and its minimum interval since its last request has
    /// passed; says whether a hold delayed it. `Err` with the hold's remaining time when that is longer than
    /// `max_wait`, without waiting.
    async fn pace(&self, url: &str) -> Result<bool, Duration> {
        let s = &self.settings;
        let (start, held) = self.hosts.slot(host_of(url), s.min_interval, s.max_wait, Instant::now())?;
        tokio::time::sleep_until(start).await;
        Ok(held)
    }
}

/// The host and port of a URL: what pacing and holds are kept per, and what the crawl counts failed keys per
/// (`""` for a key that is no URL with a host, a search term).
pub(crate) fn host_of(url: &str) -> String {
    reqwest::Url::parse(url)
        .ok()
        .filter(reqwest::Url::has_host)
        .map(|u| format!("{}:{}", u.host_str().unwrap_or_default(), u.port_or_known_default().unwrap_or(0)))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
