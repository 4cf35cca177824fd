//! Reddit parsing, query, token and throttle tests on recorded responses.

use super::*;
use crate::sources::{testing, testing::fetched, SourceConfig};
use chrono::Duration;

fn fixture(name: &str) -> String {
    testing::fixture("reddit", name)
}

#[test]
fn parses_recorded_listing() {
    let (mentions, after) = read(&fixture("search.json")).unwrap();
    assert_eq!(after.as_deref(), Some("t1_optfyql"));
    assert_eq!(mentions.len(), 2);
    let post = &mentions[0];
    assert_eq!(post.source_id, "t3_1tvsa59");
    assert_eq!(
        post.url.as_deref(),
        Some("https://www.reddit.com/r/redditstock/comments/1tvsa59/hi_redditstock_leave_your_questions_and_well_be/")
    );
    assert_eq!(post.author.as_deref(), Some("spez"));
    assert_eq!(post.author_id.as_deref(), Some("t2_1w72"));
    assert_eq!(post.created_at, DateTime::<Utc>::from_timestamp(1780499467, 0).unwrap());
    assert!(post.title.as_deref().unwrap().starts_with("Hi redditstock"));
    assert_eq!(post.text, "Ask about the **roadmap** & the hoodie plan.");
    assert_eq!((post.score, post.replies), (Some(98), Some(25)));
    assert_eq!(post.thread_id.as_deref(), Some("t3_1tvsa59"));
    let comment = &mentions[1];
    assert_eq!(comment.text, "…Juuuust kidding. We’ll follow up with the hoodie plan.");
    assert_eq!(comment.thread_id.as_deref(), Some("t3_1tvs5jj"));
    assert_eq!(comment.parent_id.as_deref(), Some("t1_optcg0g"));
    assert_eq!(comment.title, None);
}

#[test]
fn last_page_has_no_cursor_and_deleted_authors_are_dropped() {
    let (mentions, after) = read(&fixture("search_last_page.json")).unwrap();
    assert_eq!(after, None);
    assert_eq!(mentions[0].author, None);
    assert_eq!(mentions[0].created_at.timestamp_millis(), 1780000000500);
}

#[test]
fn reads_token() {
    let t: Token = serde_json::from_str(&fixture("access_token.json")).unwrap();
    assert_eq!(t.access_token.as_deref(), Some("-Vx3OtpcYVsVXqRDoR5NSahJeQ2bgw"));
    assert_eq!(t.expires_in, Some(3600));
    assert_eq!(base64(b"id:secret"), "aWQ6c2VjcmV0");
    assert_eq!(base64(b"ab"), "YWI=");
    assert_eq!(base64(b"a"), "YQ==");
}

#[test]
fn classifies_throttles_blocks_and_expiry() {
    let f = fetched(429, &[("x-ratelimit-reset", "247"), ("x-ratelimit-remaining", "0.0")], "{}");
    assert!(matches!(verdict(&f), Verdict::Throttled(Some(w)) if w.as_secs() == 247));
    match verdict(&fetched(403, &[], &fixture("blocked.html"))) {
        Verdict::Fail(msg) => assert!(msg.contains("403") && msg.contains("blocked by network security"), "{msg}"),
        v => panic!("{v:?}"),
    }
    assert!(matches!(verdict(&fetched(401, &[], r#"{"message":"Unauthorized","error":401}"#)), Verdict::Accept));
    assert!(matches!(verdict(&fetched(200, &[], "{\"kind\":\"List")), Verdict::Retry(None)));
}

fn source(extra: &str) -> Reddit {
    let config: Config = parse_config(&toml::from_str::<SourceConfig>(extra).unwrap()).unwrap();
    Reddit { config, basic: String::new(), token: Mutex::new(None), walked: Mutex::new(HashMap::new()) }
}

#[test]
fn builds_search_url_and_or_joined_keys() {
    let s = source("");
    assert_eq!(
        s.url("\"acme cloud\" OR acmecloud", Some("t3_1tvsa59")).unwrap().as_str(),
        "https://oauth.reddit.com/search?q=%22acme+cloud%22+OR+acmecloud&sort=new&t=all&type=link&limit=100\
         &raw_json=1&after=t3_1tvsa59"
    );
    let sub = source("subreddit = \"r/acme\"\nuser_agent = \"linux:hark:0.1 (by /u/acme)\"");
    assert_eq!(sub.instance(), "reddit:r/acme");
    assert!(sub.url("acme", None).unwrap().as_str().starts_with("https://oauth.reddit.com/r/acme/search?q=acme&"));
    assert!(sub.headers("bearer x".into()).contains(&("user-agent", "linux:hark:0.1 (by /u/acme)".into())));
    let p = crate::pipeline::Pipeline::parse(
        "name = \"t\"\nstore = \"t.duckdb\"\n[[brand]]\nname = \"Acme\"\nquery = '\"Acme Cloud\" OR acmecloud'\n\
         [[brand]]\nname = \"Globex\"\nquery = 'globex'\n",
        std::path::Path::new("t.toml"),
    )
    .unwrap();
    assert_eq!(s.keys(&p.brands), vec!["\"acme cloud\" OR acmecloud OR globex"]);
}

/// A Reddit server with six posts a day apart, two per page, each page spending the rate-limit window for 0.2 s:
/// the token is fetched once, the listing is walked once (waiting before each later page, not after the last), and
/// the second window is served from that walk.
#[tokio::test]
async fn walks_the_listing_once_per_run() {
    use axum::extract::{Query, State};
    use axum::http::{HeaderMap, StatusCode};
    use axum::routing::{get, post};
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Arc;

    let base = DateTime::<Utc>::from_timestamp(1_780_000_000, 0).unwrap();
    let tokens = Arc::new(AtomicU32::new(0));
    let spent = [("x-ratelimit-remaining", "0.0"), ("x-ratelimit-reset", "0.2")];
    let search = move |headers: HeaderMap, Query(q): Query<HashMap<String, String>>| async move {
        if headers.get("authorization").is_none_or(|v| v != "bearer tok") {
            return (StatusCode::UNAUTHORIZED, spent, "{}".to_string());
        }
        let start = q.get("after").map_or(5, |a| a.trim_start_matches("t3_").parse::<i64>().unwrap() - 1);
        let children: Vec<serde_json::Value> = (0..=start)
            .rev()
            .take(2)
            .map(|i| serde_json::json!({"kind": "t3", "data": {"name": format!("t3_{i}"), "title": format!("post {i}"),
                "created_utc": (base + Duration::days(i)).timestamp() as f64, "permalink": format!("/r/x/comments/{i}/")}}))
            .collect();
        let last = start - 1;
        let after = (last > 0).then(|| format!("t3_{last}"));
        (
            StatusCode::OK,
            spent,
            serde_json::json!({"kind": "Listing", "data": {"after": after, "children": children}}).to_string(),
        )
    };
    let app = axum::Router::new()
        .route(
            "/api/v1/access_token",
            post(|State(n): State<Arc<AtomicU32>>, headers: HeaderMap, body: String| async move {
                assert_eq!(headers["authorization"], "Basic aWQ6c2VjcmV0");
                assert_eq!(body, "grant_type=client_credentials");
                n.fetch_add(1, Ordering::SeqCst);
                axum::Json(serde_json::json!({"access_token": "tok", "token_type": "bearer", "expires_in": 3600}))
            }),
        )
        .route("/search", get(search))
        .with_state(tokens.clone());
    let root = testing::serve(app).await;

    let mut s = source(&format!("base_url = \"{root}\"\ntoken_url = \"{root}/api/v1/access_token\""));
    s.basic = format!("Basic {}", base64(b"id:secret"));
    let ctx = testing::default_ctx();
    let started = std::time::Instant::now();
    let first = s.fetch(&ctx, "acme", Window { since: base, until: base + Duration::days(3) }).await.unwrap();
    let ids: Vec<&str> = first.mentions.iter().map(|m| m.source_id.as_str()).collect();
    assert_eq!((ids, first.pages), (vec!["t3_2", "t3_1", "t3_0"], 3));
    assert_eq!(ctx.stats.rate_limit_waits.load(Ordering::SeqCst), 2);
    assert!(started.elapsed() >= std::time::Duration::from_millis(400));
    let second = s.fetch(&ctx, "acme", Window { since: base + Duration::days(3), until: base + Duration::days(6) });
    let second = second.await.unwrap();
    assert_eq!((second.mentions.len(), second.pages), (3, 0));
    assert_eq!(tokens.load(Ordering::SeqCst), 1);
}

/// A server whose listing never ends (every page has a next cursor): the walk stops after `MAX_PAGES`, says it was
/// cut rather than that the listing ended, and an older window is served from it rather than walked again.
#[tokio::test]
async fn an_endless_listing_is_cut_and_said_to_be() {
    use axum::extract::Query;
    use axum::routing::{get, post};

    let base = DateTime::<Utc>::from_timestamp(1_780_000_000, 0).unwrap();
    let search = move |Query(q): Query<HashMap<String, String>>| async move {
        let start = q.get("after").map_or(0, |a| a.trim_start_matches("t3_").parse::<i64>().unwrap() + 1);
        let children: Vec<serde_json::Value> = (start..start + 2)
            .map(|i| serde_json::json!({"kind": "t3", "data": {"name": format!("t3_{i}"), "title": format!("post {i}"),
                "created_utc": (base - Duration::hours(i)).timestamp() as f64, "permalink": format!("/r/x/comments/{i}/")}}))
            .collect();
        let after = format!("t3_{}", start + 1);
        serde_json::json!({"kind": "Listing", "data": {"after": after, "children": children}}).to_string()
    };
    let token = || async { axum::Json(serde_json::json!({"access_token": "tok", "expires_in": 3600})) };
    let app = axum::Router::new().route("/api/v1/access_token", post(token)).route("/search", get(search));
    let root = testing::serve(app).await;
    let s = source(&format!("base_url = \"{root}\"\ntoken_url = \"{root}/api/v1/access_token\""));
    let ctx = testing::default_ctx();
    let year_ago = base - Duration::days(365);
    let (mentions, reached, pages) = s.walk(&ctx, "acme", year_ago).await.unwrap();
    let oldest = base - Duration::hours(2 * MAX_PAGES as i64 - 1);
    assert_eq!((mentions.len() as u64, reached, pages), (2 * MAX_PAGES, Reached::Cut(oldest), MAX_PAGES));
    let window = Window { since: year_ago, until: base + Duration::hours(1) };
    let first = s.fetch(&ctx, "acme", window).await.unwrap();
    assert_eq!((first.mentions.len() as u64, first.pages), (2 * MAX_PAGES, MAX_PAGES));
    let older = s.fetch(&ctx, "acme", Window { since: year_ago - Duration::days(30), until: year_ago }).await.unwrap();
    assert_eq!((older.mentions.len(), older.pages), (0, 0), "served from the cut walk, not walked again");
}
