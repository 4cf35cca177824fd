//! X parsing, reach, throttle and query tests on recorded response shapes.

use super::*;
use crate::sources::{testing, SourceConfig};

fn fixture(name: &str) -> String {
    testing::fixture("x", name)
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

#[test]
fn parses_recorded_minimal_search() {
    // The tweepy recording asked for no fields: the time comes from the snowflake id.
    let (mentions, next) = read(&fixture("search_recent.json")).unwrap();
    assert_eq!(next.as_deref(), Some("b26v89c19zqg8o3fpzbn1e0ffhxjiofzw6po136rvbnul"));
    assert_eq!(mentions.len(), 2);
    let m = &mentions[0];
    assert_eq!(m.source_id, "1578516068309794817");
    assert_eq!(m.text, "2022-10-07 22:42:12.637103 tweepy");
    assert_eq!(m.url.as_deref(), Some("https://x.com/i/web/status/1578516068309794817"));
    assert_eq!(m.created_at.timestamp(), at("2022-10-07T22:42:12Z").timestamp());
}

#[test]
fn parses_search_with_fields_and_includes() {
    let (mentions, next) = read(&fixture("search_fields.json")).unwrap();
    assert_eq!(next, None);
    let root = &mentions[0];
    assert_eq!(root.url.as_deref(), Some("https://x.com/i/web/status/1578516068309794817"));
    assert_eq!(root.author.as_deref(), Some("TweepyDev"));
    assert_eq!(root.author_id.as_deref(), Some("1072250532645998596"));
    assert_eq!(root.created_at, at("2022-10-07T22:42:13Z"));
    assert_eq!(root.text, "Trying the new Acme Cloud CLI & it is fast > anything else");
    assert_eq!(root.lang.as_deref(), Some("en"));
    assert_eq!((root.likes, root.replies, root.reposts), (Some(7), Some(1), Some(2)));
    assert_eq!(root.thread_id.as_deref(), Some("1578516068309794817"));
    assert_eq!(root.parent_id, None);
    let reply = &mentions[1];
    assert_eq!(reply.author, None);
    assert_eq!(reply.lang, None);
    assert_eq!(reply.text, "@TweepyDev 🚀 and a much longer note that goes past the limit");
    assert_eq!(reply.parent_id.as_deref(), Some("1578516068309794817"));
}

#[test]
fn rate_limit_waits_for_reset() {
    let mut h = reqwest::header::HeaderMap::new();
    h.insert("x-rate-limit-reset", (Utc::now().timestamp() + 60).to_string().parse().unwrap());
    h.insert("x-rate-limit-remaining", "0".parse().unwrap());
    let f = Fetched {
        status: reqwest::StatusCode::TOO_MANY_REQUESTS,
        headers: h,
        body: fixture("too_many_requests.json"),
        raw: None,
    };
    assert!(matches!(verdict(&f), Verdict::Throttled(Some(w)) if (58..=60).contains(&w.as_secs())));
    let denied = crate::sources::testing::response(403, "{}");
    assert!(matches!(verdict(&denied), Verdict::Fail(m) if m.contains("403")));
}

#[test]
fn recent_search_reaches_seven_days() {
    let now = at("2026-03-10T12:00:00Z");
    let w = |a: &str, b: &str| Window { since: at(a), until: at(b) };
    assert_eq!(reachable(w("2026-02-01T00:00:00Z", "2026-02-08T00:00:00Z"), Endpoint::Recent, now), None);
    let (start, end) = reachable(w("2026-03-01T00:00:00Z", "2026-03-10T12:00:00Z"), Endpoint::Recent, now).unwrap();
    assert_eq!(start, at("2026-03-03T12:05:00Z"));
    assert_eq!(end, at("2026-03-10T11:59:30Z"));
    let (start, _) = reachable(w("2026-02-01T00:00:00Z", "2026-02-08T00:00:00Z"), Endpoint::All, now).unwrap();
    assert_eq!(start, at("2026-02-01T00:00:00Z"));
}

#[test]
fn builds_url_and_keys_per_endpoint() {
    let t: SourceConfig = toml::from_str("endpoint = \"all\"").unwrap();
    let x = X { config: parse_config(&t).unwrap(), token: "T".into() };
    assert_eq!(x.instance(), "x:all");
    let bad: SourceConfig = toml::from_str("endpoint = \"archive\"").unwrap();
    assert_eq!((SOURCE.check)(&bad).unwrap_err().key, "endpoint");

    let url = x.url("acme OR \"acme cloud\"", at("2026-02-01T00:00:00Z"), at("2026-02-08T00:00:00Z"), Some("b26v"));
    assert_eq!(
        url.unwrap().as_str(),
        "https://api.x.com/2/tweets/search/all?query=acme+OR+%22acme+cloud%22&start_time=2026-02-01T00%3A00%3A00Z\
         &end_time=2026-02-08T00%3A00%3A00Z&max_results=500&sort_order=recency\
         &tweet.fields=created_at%2Cauthor_id%2Clang%2Cpublic_metrics%2Cconversation_id%2Creferenced_tweets%2Cnote_tweet\
         &expansions=author_id&user.fields=username&next_token=b26v"
    );
    let p = crate::pipeline::Pipeline::parse(
        "name = \"t\"\nstore = \"t.duckdb\"\n[[brand]]\nname = \"Acme\"\nquery = '\"Acme Cloud\" OR acme'\n",
        std::path::Path::new("t.toml"),
    )
    .unwrap();
    assert_eq!(x.keys(&p.brands), vec!["acme OR \"acme cloud\""]);
}

/// An X server whose every page spends the rate-limit window (`x-rate-limit-remaining: 0`) until three seconds past
/// its current second: the walk's second page waits for the reset, counted once; nothing waits after the last page.
#[tokio::test]
async fn a_spent_window_holds_the_next_page_until_reset() {
    use axum::extract::Query;
    use axum::http::StatusCode;
    use std::sync::atomic::Ordering;

    let posted = Utc::now() - Duration::hours(1);
    let search = move |Query(q): Query<HashMap<String, String>>| async move {
        let (id, next) = if q.contains_key("next_token") { ("2", None) } else { ("1", Some("p2")) };
        let reset = (Utc::now().timestamp() + 3).to_string();
        let body = serde_json::json!({
            "data": [{"id": id, "text": format!("post {id}"), "created_at": posted.to_rfc3339()}],
            "meta": {"next_token": next},
        });
        (StatusCode::OK, [("x-rate-limit-remaining", "0".to_string()), ("x-rate-limit-reset", reset)], body.to_string())
    };
    let app = axum::Router::new().route("/2/tweets/search/recent", axum::routing::get(search));
    let root = testing::serve(app).await;

    let t: SourceConfig = toml::from_str(&format!("base_url = \"{root}\"")).unwrap();
    let x = X { config: parse_config(&t).unwrap(), token: "T".into() };
    let ctx = testing::default_ctx();
    let started = std::time::Instant::now();
    let window = Window { since: posted - Duration::days(1), until: Utc::now() };
    let page = x.fetch(&ctx, "acme", window).await.unwrap();
    let ids: Vec<&str> = page.mentions.iter().map(|m| m.source_id.as_str()).collect();
    assert_eq!((ids, page.pages), (vec!["1", "2"], 2));
    assert_eq!(ctx.stats.rate_limit_waits.load(Ordering::SeqCst), 1);
    // X gives the reset in whole epoch seconds, three ahead of the server's second: the second page waits until
    // that second begins, more than two seconds after the walk began (and a slow first response still leaves a wait).
    assert!(started.elapsed() >= std::time::Duration::from_secs(2), "{:?}", started.elapsed());
}

/// A 200 whose JSON is not a search answer (a gateway's error object) fails, instead of reading as an empty window
/// whose cursor would move past its posts: `meta` is required.
#[test]
fn a_body_of_the_wrong_shape_is_no_answer() {
    crate::sources::testing::assert_no_answer::<Response>();
}
