//! The one shared HTTP client: user agent, timeouts, retries with backoff and jitter, `Retry-After`,
//! per-host pacing, per-host holds when a platform throttles, and the request counters every crawl run records.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{anyhow, Context, Result};
use rand::Rng;
use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::StatusCode;
use tokio::sync::Mutex;
use tokio::time::Instant;

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
    /// Longest `Retry-After` the client waits for: a longer throttle fails the request, and holds the host
    /// ([`Http::hold`]) for this long.
    pub max_wait: Duration,
    /// Least time between two requests to one host.
    pub min_interval: Duration,
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
            max_wait: Duration::from_secs(300),
            min_interval: Duration::ZERO,
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
    /// Waits imposed by a rate-limit signal: this source's own 429s, and each of its requests that found its host
    /// held ([`Http::hold`]), whichever source's throttle set the hold.
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

/// A fetched response whose status was a success.
#[derive(Debug)]
pub struct Fetched {
    /// Final status (2xx or 304).
    pub status: StatusCode,
    /// Response headers.
    pub headers: HeaderMap,
    /// Body as text.
    pub body: String,
}

/// The shared client. Cheap to clone.
#[derive(Clone)]
pub struct Http {
    client: reqwest::Client,
    settings: Arc<HttpSettings>,
    last_request: Arc<Mutex<HashMap<String, Instant>>>,
    /// Per host, until when a platform asked to be left alone ([`Http::hold`]).
    held: Arc<Mutex<HashMap<String, Instant>>>,
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
        Ok(Http { client, settings: Arc::new(settings), last_request: Arc::default(), held: Arc::default() })
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

    /// Holds every request to `url`'s host until `wait` (at most `max_wait`) from now: the platform said its
    /// rate-limit window is spent (Reddit's and X's remaining-requests headers) or asked for a backoff (Stack
    /// Exchange, a 429). Every request to the host made before the hold ends waits, whichever source or key makes
    /// it, and each is counted in its own source's `rate_limit_waits`; when no request follows, nothing waits.
    pub async fn hold(&self, url: &str, wait: Duration) {
        if wait > self.settings.max_wait {
            tracing::warn!(
                url = %shown_url(url),
                wait_s = wait.as_secs(),
                max_wait_s = self.settings.max_wait.as_secs(),
                "the platform asked for a longer wait than the crawler's max_wait; holding for max_wait"
            );
        }
        let until = Instant::now() + wait.min(self.settings.max_wait);
        let mut held = self.held.lock().await;
        let at = held.entry(host_of(url)).or_insert(until);
        *at = (*at).max(until);
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
            self.pace(url, stats).await;
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
                    match resp.text().await {
                        Ok(body) => Ok(Fetched { status, headers: resp_headers, body }),
                        Err(e) => Err(anyhow!(e.without_url()).context("reading the response body")),
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
            let wait = match verdict {
                Verdict::Accept => return outcome,
                Verdict::Fail(msg) => return Err(anyhow!(msg)),
                Verdict::Retry(w) => w,
                Verdict::Throttled(w) => {
                    stats.rate_limit_waits.fetch_add(1, Ordering::Relaxed);
                    let wait = w.unwrap_or(self.settings.backoff * 2u32.pow(attempt.min(10)));
                    // The platform throttles the host, not this request: every request to it waits as long, even
                    // when this one gives up below (its last attempt, or a wait past `max_wait`).
                    self.hold(url, wait).await;
                    Some(wait)
                }
            };
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
            let wait = wait.unwrap_or_else(|| self.jittered_backoff(attempt));
            if wait > self.settings.max_wait {
                return Err(anyhow!(
                    "{method} {shown}: rate limited for {}s, longer than the {}s the crawler waits",
                    wait.as_secs(),
                    self.settings.max_wait.as_secs()
                ));
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
    /// passed.
    async fn pace(&self, url: &str, stats: &HttpStats) {
        let host = host_of(url);
        let now = Instant::now();
        let held = self.held.lock().await.get(&host).copied().filter(|t| *t > now);
        if held.is_some() {
            stats.rate_limit_waits.fetch_add(1, Ordering::Relaxed);
        }
        let mut wait_until = held.unwrap_or(now);
        if !self.settings.min_interval.is_zero() {
            let mut last = self.last_request.lock().await;
            wait_until = last.get(&host).map_or(wait_until, |t| (*t + self.settings.min_interval).max(wait_until));
            last.insert(host, wait_until);
        }
        tokio::time::sleep_until(wait_until).await;
    }
}

/// The host and port of a URL: what pacing and holds are kept per.
fn host_of(url: &str) -> String {
    reqwest::Url::parse(url)
        .ok()
        .map(|u| format!("{}:{}", u.host_str().unwrap_or_default(), u.port_or_known_default().unwrap_or(0)))
        .unwrap_or_default()
}

/// What to do with a response.
#[derive(Debug)]
pub enum Verdict {
    /// Use it.
    Accept,
    /// Try again, after the given wait or the backoff.
    Retry(Option<Duration>),
    /// A rate-limit signal: counted, then waited out.
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
/// `None` when absent, not a number, negative or infinite.
pub fn seconds_header(headers: &HeaderMap, name: impl reqwest::header::AsHeaderName) -> Option<Duration> {
    let secs = headers.get(name)?.to_str().ok()?.trim().parse::<f64>().ok()?;
    (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs))
}

/// First 200 characters of a body, for error messages.
pub fn snippet(body: &str) -> String {
    let s: String = body.chars().take(200).collect();
    s.replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn secrets_in_urls_are_masked() {
        let shown = shown_url("https://www.googleapis.com/youtube/v3/search?part=snippet&key=AIzaSECRET&q=acme");
        assert!(!shown.contains("AIzaSECRET") && shown.contains("key=***") && shown.contains("q=acme"), "{shown}");
        assert_eq!(shown_url("http://127.0.0.1:1/x?q=a+b"), "http://127.0.0.1:1/x?q=a+b");
    }

    #[test]
    fn retry_after_forms() {
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, HeaderValue::from_static("2.5"));
        assert_eq!(retry_after(&h), Some(Duration::from_millis(2500)));
        h.insert(RETRY_AFTER, HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"));
        assert_eq!(retry_after(&h), Some(Duration::ZERO));
        h.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&h), None);
    }

    #[tokio::test]
    async fn a_stricter_interval_shares_the_pacing_state() {
        let http = Http::new(HttpSettings::new(None)).unwrap();
        let strict = http.with_min_interval(Duration::from_millis(80));
        assert_eq!(strict.settings.min_interval, Duration::from_millis(80));
        assert!(Arc::ptr_eq(&http.last_request, &strict.last_request), "one per-host state for both handles");
        assert_eq!(
            strict.with_min_interval(Duration::from_millis(10)).settings.min_interval,
            Duration::from_millis(80)
        );
        let (start, stats) = (Instant::now(), HttpStats::default());
        // Every attempt paces, so two in a row (a request and its retry) are at least the interval apart.
        strict.pace("http://gdelt.example/a", &stats).await;
        strict.pace("http://gdelt.example/b", &stats).await;
        assert!(start.elapsed() >= Duration::from_millis(80), "{:?}", start.elapsed());
        let other = Instant::now();
        strict.pace("http://other.example/", &stats).await;
        assert!(other.elapsed() < Duration::from_millis(80), "pacing is per host");
        assert_eq!(stats.rate_limit_waits.load(Ordering::Relaxed), 0, "pacing is not a rate-limit wait");
    }

    #[tokio::test]
    async fn a_hold_delays_the_hosts_next_request_only() {
        let http = Http::new(HttpSettings::new(None)).unwrap();
        let stats = HttpStats::default();
        http.hold("http://reddit.example/search?q=a", Duration::from_millis(150)).await;
        http.hold("http://reddit.example/other", Duration::from_millis(50)).await;
        let start = Instant::now();
        http.pace("http://other.example:8080/", &stats).await;
        http.pace("http://reddit.example:8080/", &stats).await;
        assert!(start.elapsed() < Duration::from_millis(50), "other hosts and ports are not held");
        http.pace("http://reddit.example/search?q=b", &stats).await;
        assert!(start.elapsed() >= Duration::from_millis(150), "the longer hold wins: {:?}", start.elapsed());
        assert_eq!(stats.rate_limit_waits.load(Ordering::Relaxed), 1);
        http.pace("http://reddit.example/", &stats).await;
        assert_eq!(stats.rate_limit_waits.load(Ordering::Relaxed), 1, "a hold that has passed is no wait");
    }

    /// A one-thread server on 127.0.0.1: the first request gets a 429 asking for 300 ms, the others `{}`.
    fn throttling_server() -> std::net::SocketAddr {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            for (n, stream) in listener.incoming().enumerate() {
                let mut stream = stream.unwrap();
                let _ = stream.read(&mut [0u8; 4096]);
                let response = if n == 0 {
                    "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 0.3\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                } else {
                    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
                };
                let _ = stream.write_all(response.as_bytes());
            }
        });
        addr
    }

    /// Waits until some host is held: the throttled request has read its 429.
    async fn until_held(http: &Http) {
        let start = Instant::now();
        while http.held.lock().await.is_empty() {
            assert!(start.elapsed() < Duration::from_secs(5), "no hold after the 429");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    #[tokio::test]
    async fn a_429_holds_every_request_to_the_host() {
        let addr = throttling_server();
        let http = Http::new(HttpSettings::new(None)).unwrap();
        let throttled = {
            let (http, url) = (http.clone(), format!("http://{addr}/a"));
            tokio::spawn(async move { http.get_with(&url, &[], &HttpStats::default(), standard).await })
        };
        until_held(&http).await;
        // Another source's request to the same host waits out the rest of the 429's hold, without a 429 of its own.
        let (start, stats) = (Instant::now(), HttpStats::default());
        http.get_with(&format!("http://{addr}/b"), &[], &stats, standard).await.unwrap();
        assert!(start.elapsed() >= Duration::from_millis(150), "{:?}", start.elapsed());
        assert_eq!(stats.rate_limit_waits.load(Ordering::Relaxed), 1);
        assert_eq!(stats.retries.load(Ordering::Relaxed), 0, "the 429 was the other request's");
        assert_eq!(throttled.await.unwrap().unwrap().body, "{}");
    }

    #[tokio::test]
    async fn a_429_on_the_last_attempt_still_holds_the_host() {
        let addr = throttling_server();
        let http = Http::new(HttpSettings { retries: 0, ..HttpSettings::new(None) }).unwrap();
        let failed = http.get_with(&format!("http://{addr}/a"), &[], &HttpStats::default(), standard).await;
        assert!(failed.is_err(), "no retry left");
        let start = Instant::now();
        http.get_with(&format!("http://{addr}/b"), &[], &HttpStats::default(), standard).await.unwrap();
        assert!(start.elapsed() >= Duration::from_millis(250), "{:?}", start.elapsed());
    }

    #[test]
    fn repeat_guard_is_per_window_and_off_until_begun() {
        let stats = HttpStats::default();
        assert!(!stats.repeats_last_page("a") && !stats.repeats_last_page("a"), "off outside a crawl window");
        stats.begin_window();
        assert!(!stats.repeats_last_page("a"));
        assert!(stats.repeats_last_page("a"), "the same page twice in a row");
        assert!(!stats.repeats_last_page("b") && !stats.repeats_last_page("a"), "only the page just before counts");
        stats.begin_window();
        assert!(!stats.repeats_last_page("a"), "a new window starts afresh");
    }
}
