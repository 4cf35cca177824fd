//! Discourse search against recorded and local answers: paging limits, topics searched within, load refusals.

use super::*;
use crate::sources::testing;

/// A forum with more posts in a window than ten pages hold answers page 11 with page 1, still saying there is
/// more: the fetch stops at page 10 and reports the window capped instead of walking on.
#[tokio::test]
async fn a_window_past_ten_pages_is_capped() {
    use axum::extract::Query;
    let at = Utc::now() - Duration::hours(2);
    let search = move |Query(q): Query<HashMap<String, String>>| async move {
        let asked: u32 = q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
        let page = if asked <= 10 { asked } else { 1 };
        let post = |i: u32| {
            let id = page * 100 + i;
            serde_json::json!({"id": id, "username": "u", "created_at": at.to_rfc3339(), "blurb": "acme",
                "post_number": 1, "topic_id": id})
        };
        axum::Json(serde_json::json!({"posts": (0..50).map(post).collect::<Vec<_>>(), "topics": [],
            "grouped_search_result": {"more_full_page_results": true}}))
    };
    let root = testing::serve(axum::Router::new().route("/search.json", axum::routing::get(search))).await;
    let source = (SOURCE.build)(&toml::from_str(&format!("base_url = \"{root}\"")).unwrap()).unwrap();
    let window = Window { since: at - Duration::days(1), until: at + Duration::hours(1) };
    let ctx = testing::default_ctx();
    let fetch = source.fetch(&ctx, "acme", window);
    let page = tokio::time::timeout(std::time::Duration::from_secs(30), fetch).await.expect("paging ends").unwrap();
    assert_eq!((page.pages, page.capped, page.mentions.len()), (10, true, 500));
}

#[test]
fn parses_recorded_response() {
    let body =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/discourse/search.json")).unwrap();
    let resp: Response = serde_json::from_str(&body).unwrap();
    let root = Url::parse("https://forum.example.com/").unwrap();
    let Read { mentions, more, replies_in } = read(resp, &root, "forum.example.com");
    assert!(!more && replies_in.is_empty());
    assert_eq!(mentions.len(), 1);
    let m = &mentions[0];
    assert_eq!(m.source_id, "forum.example.com/16");
    assert_eq!(m.url.as_deref(), Some("https://forum.example.com/t/2a6aa74e-e341-5e3c-1eaa-78c6331f305f/13/1"));
    assert_eq!(m.title.as_deref(), Some("2a6aa74e-e341-5e3c-1eaa-78c6331f305f"));
    assert_eq!(m.author.as_deref(), Some("discourse1@forum.example.com"));
    assert_eq!(m.author_id.as_deref(), Some("forum.example.com/discourse1"));
    // A forum under a path keeps it, with or without a trailing slash.
    for root in ["https://example.com/forum", "https://example.com/forum/"] {
        let resp: Response = serde_json::from_str(&body).unwrap();
        let mentions = read(resp, &Url::parse(root).unwrap(), "example.com").mentions;
        assert!(mentions[0].url.as_deref().unwrap().starts_with("https://example.com/forum/t/"), "{root}");
    }
}

/// A forum that, like Discourse, lists one post per topic (the newest match) and every match only within a topic:
/// topic 7 lists its reply 3, and the search within it gives posts 1 to 3. All of them are fetched (reply 3 twice,
/// which the store keeps once); topic 8, listed by its opening post, holds no earlier match and is not searched again.
#[tokio::test]
async fn replies_listed_for_a_topic_bring_its_other_matches() {
    use axum::extract::Query;
    use std::sync::{Arc, Mutex};
    let at = Utc::now() - Duration::hours(6);
    let asked = Arc::new(Mutex::new(Vec::<String>::new()));
    let log = asked.clone();
    let search = move |Query(q): Query<HashMap<String, String>>| {
        let log = log.clone();
        async move {
            let query = q.get("q").cloned().unwrap_or_default();
            log.lock().unwrap().push(query.clone());
            let post = |id: i64, topic: i64, n: i64, hours: i64| {
                serde_json::json!({"id": id, "username": "u", "created_at": (at + Duration::hours(hours)).to_rfc3339(),
                    "blurb": "acme", "post_number": n, "topic_id": topic})
            };
            let posts = if query.contains("topic:7") {
                vec![post(73, 7, 3, 3), post(72, 7, 2, 2), post(71, 7, 1, 1)]
            } else {
                vec![post(73, 7, 3, 3), post(81, 8, 1, 0)]
            };
            axum::Json(serde_json::json!({"posts": posts, "topics": [], "grouped_search_result": {"error": null}}))
        }
    };
    let root = testing::serve(axum::Router::new().route("/search.json", axum::routing::get(search))).await;
    let source = (SOURCE.build)(&toml::from_str(&format!("base_url = \"{root}\"")).unwrap()).unwrap();
    let window = Window { since: at - Duration::hours(1), until: at + Duration::hours(5) };
    let page = source.fetch(&testing::default_ctx(), "acme", window).await.unwrap();
    let mut ids: Vec<&str> = page.mentions.iter().map(|m| m.source_id.rsplit('/').next().unwrap()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["71", "72", "73", "73", "81"]);
    let asked = asked.lock().unwrap();
    assert_eq!(asked.len(), 2, "{asked:?}");
    assert!(asked[1].starts_with("acme topic:7 after:"), "{asked:?}");
}

/// Under load Discourse answers a search with HTTP 200, no posts and an error: the page is retried, never taken
/// for a window without posts (whose cursor would then move past them).
#[tokio::test]
async fn a_search_refused_under_load_is_retried() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    let at = Utc::now() - Duration::hours(2);
    let calls = Arc::new(AtomicUsize::new(0));
    let count = calls.clone();
    let search = move || {
        let n = count.fetch_add(1, Ordering::Relaxed);
        async move {
            axum::Json(if n == 0 {
                serde_json::json!({"posts": [], "topics": [], "grouped_search_result": {"error":
                    "The site is under extreme load, search is disabled, try again later"}})
            } else {
                serde_json::json!({"posts": [{"id": 5, "username": "u", "created_at": at.to_rfc3339(), "blurb": "acme",
                    "post_number": 1, "topic_id": 5}], "topics": [], "grouped_search_result": {"error": null}})
            })
        }
    };
    let root = testing::serve(axum::Router::new().route("/search.json", axum::routing::get(search))).await;
    let source = (SOURCE.build)(&toml::from_str(&format!("base_url = \"{root}\"")).unwrap()).unwrap();
    let window = Window { since: at - Duration::hours(1), until: at + Duration::hours(1) };
    let ctx = testing::ctx(crate::http::HttpSettings {
        backoff: std::time::Duration::from_millis(10),
        ..crate::http::HttpSettings::new(None)
    });
    let page = source.fetch(&ctx, "acme", window).await.unwrap();
    assert_eq!((page.mentions.len(), calls.load(Ordering::Relaxed)), (1, 2));
}

/// A 200 whose JSON is not a search answer (a gateway's error object) fails, instead of reading as an empty window
/// whose cursor would move past its posts: `grouped_search_result` is required.
#[test]
fn a_body_of_the_wrong_shape_is_no_answer() {
    crate::sources::testing::assert_no_answer::<Response>();
}
