//! The client's contracts: masked secrets, `Retry-After` forms, verdicts, retries, pacing and holds, against local
//! TCP servers.

use super::*;
use reqwest::header::{HeaderValue, RETRY_AFTER};

#[test]
fn secrets_in_urls_are_masked() {
    let shown = shown_url("https://www.googleapis.com/youtube/v3/search?part=snippet&key=AIzaSECRET&q=acme");
    assert!(!shown.contains("AIzaSECRET") && shown.contains("key=***") && shown.contains("q=acme"), "{shown}");
    assert_eq!(shown_url("http://127.0.0.1:1/x?q=a+b"), "http://127.0.0.1:1/x?q=a+b");
    // Credentials before the host, and token parameters by any of the usual names.
    let shown = shown_url("https://alice:hunter2@feeds.example/feed.xml");
    assert!(!shown.contains("hunter2") && shown.contains("alice:***@"), "{shown}");
    // Two feeds that differ in what is not secret stay two.
    assert_ne!(shown_url("https://bob:x@feeds.example/feed.xml"), shown);
    assert_eq!(shown_url("https://f.example/rss?sort_key=new"), "https://f.example/rss?sort_key=new");
    let paged = "https://www.googleapis.com/youtube/v3/search?pageToken=CAUQAA&key=SECRET";
    assert!(
        shown_url(paged).contains("pageToken=CAUQAA") && !shown_url(paged).contains("SECRET"),
        "{}",
        shown_url(paged)
    );
    for url in [
        "https://gitlab.example/p.atom?feed_token=glft-SECRET",
        "https://gitlab.example/p.atom?private_token=SECRET",
        "https://s3.example/f.xml?X-Amz-Signature=SECRET&X-Amz-Date=1",
        "https://x.example/f?client_secret=SECRET&accessToken=SECRET",
    ] {
        assert!(!shown_url(url).contains("SECRET"), "{}", shown_url(url));
    }
    // A keyword is no key: masking it would make two feeds' URLs one.
    assert_eq!(shown_url("https://news.example/rss?keyword=acme"), "https://news.example/rss?keyword=acme");
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
    assert!(Arc::ptr_eq(&http.hosts, &strict.hosts), "one per-host state for both handles");
    assert_eq!(strict.with_min_interval(Duration::from_millis(10)).settings.min_interval, Duration::from_millis(80));
    let start = Instant::now();
    // Every attempt paces, so two in a row (a request and its retry) are at least the interval apart.
    assert_eq!(strict.pace("http://gdelt.example/a").await, Ok(false));
    assert_eq!(strict.pace("http://gdelt.example/b").await, Ok(false), "pacing is not a rate-limit wait");
    assert!(start.elapsed() >= Duration::from_millis(80), "{:?}", start.elapsed());
    let other = Instant::now();
    strict.pace("http://other.example/").await.unwrap();
    assert!(other.elapsed() < Duration::from_millis(80), "pacing is per host");
}

#[tokio::test]
async fn a_hold_delays_the_hosts_next_request_only() {
    let http = Http::new(HttpSettings::new(None)).unwrap();
    http.hold("http://reddit.example/search?q=a", Duration::from_millis(150));
    http.hold("http://reddit.example/other", Duration::from_millis(50));
    let start = Instant::now();
    assert_eq!(http.pace("http://other.example:8080/").await, Ok(false));
    assert_eq!(http.pace("http://reddit.example:8080/").await, Ok(false));
    assert!(start.elapsed() < Duration::from_millis(50), "other hosts and ports are not held");
    assert_eq!(http.pace("http://reddit.example/search?q=b").await, Ok(true));
    assert!(start.elapsed() >= Duration::from_millis(150), "the longer hold wins: {:?}", start.elapsed());
    assert_eq!(http.pace("http://reddit.example/").await, Ok(false), "a hold that has passed is no wait");
}

#[tokio::test]
async fn a_hold_past_max_wait_fails_requests_at_once_without_sending_them() {
    let http = Http::new(HttpSettings { max_wait: Duration::from_secs(1), ..HttpSettings::new(None) }).unwrap();
    // Port 9 (discard) on 127.0.0.1: a request that went out would fail to connect, not with the hold's message.
    http.hold("http://127.0.0.1:9/search", Duration::from_secs(3600));
    let (start, stats) = (Instant::now(), HttpStats::default());
    let err = http.get_with("http://127.0.0.1:9/other", &[], &stats, standard).await.unwrap_err();
    assert!(start.elapsed() < Duration::from_millis(500), "{:?}", start.elapsed());
    assert!(err.to_string().contains("longer than the 1s the crawler waits"), "{err}");
    assert_eq!(stats.requests.load(Ordering::Relaxed), 0, "not sent");
    assert_eq!(stats.rate_limit_waits.load(Ordering::Relaxed), 0, "not a wait");
    // A hold within max_wait is waited out.
    http.hold("http://reddit.example/", Duration::from_millis(100));
    let start = Instant::now();
    assert_eq!(http.pace("http://reddit.example/").await, Ok(true));
    assert!(start.elapsed() >= Duration::from_millis(100), "{:?}", start.elapsed());
}

/// A one-thread server on 127.0.0.1 answering request `n` (from 0) with `respond(n)`, a whole HTTP response.
fn server(respond: impl Fn(usize) -> Vec<u8> + Send + 'static) -> std::net::SocketAddr {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for (n, stream) in listener.incoming().enumerate() {
            let mut stream = stream.unwrap();
            let _ = stream.read(&mut [0u8; 4096]);
            let _ = stream.write_all(&respond(n));
        }
    });
    addr
}

/// A server whose first request gets a 429 asking for 300 ms, the others `{}`.
fn throttling_server() -> std::net::SocketAddr {
    server(|n| {
        let response = if n == 0 {
            "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 0.3\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        } else {
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
        };
        response.as_bytes().to_vec()
    })
}

/// Waits until some host is held: the throttled request has read its 429.
async fn until_held(http: &Http) {
    let start = Instant::now();
    while !http.hosts.any_held() {
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
    // Timed from before the throttled request: its 0.3 s hold begins when the 429 is read, after this instant.
    let start = Instant::now();
    let failed = http.get_with(&format!("http://{addr}/a"), &[], &HttpStats::default(), standard).await;
    assert!(failed.is_err(), "no retry left");
    http.get_with(&format!("http://{addr}/b"), &[], &HttpStats::default(), standard).await.unwrap();
    assert!(start.elapsed() >= Duration::from_millis(300), "{:?}", start.elapsed());
}

/// `Retry-After: 0` on a 429 or a 503 is waited like a missing header (the backoff), not retried at once: a server
/// saying 0 again and again would otherwise use up every retry within milliseconds.
#[tokio::test]
async fn retry_after_zero_still_backs_off() {
    let addr = server(|n| {
        let response = match n {
            0 => "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 0\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            1 => "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 0\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            _ => "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
        };
        response.as_bytes().to_vec()
    });
    let settings = HttpSettings { retries: 2, backoff: Duration::from_millis(200), ..HttpSettings::new(None) };
    let http = Http::new(settings).unwrap();
    let (start, stats) = (Instant::now(), HttpStats::default());
    assert_eq!(http.get_with(&format!("http://{addr}/a"), &[], &stats, standard).await.unwrap().body, "{}");
    // The 429's wait is the first backoff step itself (200 ms); the 503's is jittered (0 to 400 ms).
    assert!(start.elapsed() >= Duration::from_millis(200), "{:?}", start.elapsed());
    assert_eq!(stats.rate_limit_waits.load(Ordering::Relaxed), 1);
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

/// A server answering every request with `response`.
fn server_answering(response: Vec<u8>) -> std::net::SocketAddr {
    server(move |_| response.clone())
}

/// A body past `max_body` fails the request at once, unretried: a broken or hostile server cannot fill memory.
#[tokio::test]
async fn a_body_past_the_limit_fails_at_once() {
    let body = "x".repeat(4096);
    let response = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
    let addr = server_answering(response.into_bytes());
    let http = Http::new(HttpSettings { max_body: 1024, ..HttpSettings::new(None) }).unwrap();
    let stats = HttpStats::default();
    let err = http.get_with(&format!("http://{addr}/big"), &[], &stats, standard).await.unwrap_err();
    assert!(err.to_string().contains("larger than 1024 bytes"), "{err}");
    assert_eq!((stats.requests.load(Ordering::Relaxed), stats.retries.load(Ordering::Relaxed)), (1, 0));
    let http = Http::new(HttpSettings { max_body: 8192, ..HttpSettings::new(None) }).unwrap();
    assert_eq!(http.get_with(&format!("http://{addr}/big"), &[], &stats, standard).await.unwrap().body, body);
}

/// A `Retry-After` too large for a `Duration` is a wait longer than any `max_wait`: the request fails, it does
/// not panic.
#[tokio::test]
async fn a_huge_retry_after_fails_without_panicking() {
    let response =
        "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1e20\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    let addr = server_answering(response.as_bytes().to_vec());
    let (http, stats) = (Http::new(HttpSettings::new(None)).unwrap(), HttpStats::default());
    let err = http.get_with(&format!("http://{addr}/a"), &[], &stats, standard).await.unwrap_err();
    assert!(err.to_string().contains("longer than the 900s the crawler waits"), "{err}");
    // It gives up at the 429: no retry is counted that would never be sent.
    assert_eq!((stats.requests.load(Ordering::Relaxed), stats.retries.load(Ordering::Relaxed)), (1, 0));
}

/// A refusal of the request alone (a rejected query) counts against the key; a 401 or 403 refuses every request to
/// the host.
#[test]
fn refusals_tell_the_request_from_the_host() {
    let refused = |status: u16| Refused { status: StatusCode::from_u16(status).unwrap(), message: String::new() };
    assert!(refused(400).of_request() && refused(422).of_request() && refused(200).of_request());
    assert!(!refused(401).of_request() && !refused(403).of_request());
}
