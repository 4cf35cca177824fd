//! Bluesky parsing, query and session tests on recorded responses.

use super::*;
use crate::sources::{testing, testing::response as fetched, SourceConfig};

fn fixture(name: &str) -> String {
    testing::fixture("bluesky", name)
}

#[test]
fn parses_recorded_search_posts() {
    let resp: SearchResponse = serde_json::from_str(&fixture("search_posts.json")).unwrap();
    assert_eq!(resp.cursor.as_deref(), Some("25"));
    let mentions: Vec<(Mention, DateTime<Utc>)> = resp.posts.into_iter().filter_map(to_mention).collect();
    assert_eq!(mentions.len(), 2);
    let (reply, sort_at) = &mentions[0];
    assert_eq!(reply.source_id, "at://did:plc:xrs7uicyfcp5qbnhnqy7kucb/app.bsky.feed.post/3kghpycppiw2n");
    assert_eq!(reply.url.as_deref(), Some("https://bsky.app/profile/planetcarnival.bsky.social/post/3kghpycppiw2n"));
    assert_eq!(reply.author.as_deref(), Some("planetcarnival.bsky.social"));
    assert_eq!(reply.author_id.as_deref(), Some("did:plc:xrs7uicyfcp5qbnhnqy7kucb"));
    assert_eq!(reply.created_at, stamp_parse("2023-12-14T00:37:20.615Z"));
    assert_eq!(*sort_at, reply.created_at);
    assert!(reply.text.starts_with("I was upset last year when redistricting"));
    assert_eq!(reply.lang.as_deref(), Some("en"));
    assert_eq!((reply.likes, reply.replies, reply.reposts), (Some(1), Some(0), Some(0)));
    let root = "at://did:plc:4ypydtsxlmkfyoyoxb26o4wd/app.bsky.feed.post/3kghpqjiodr2t";
    assert_eq!(reply.thread_id.as_deref(), Some(root));
    assert_eq!(reply.parent_id.as_deref(), Some(root));
    let (top, _) = &mentions[1];
    // A handle that no longer resolves links by DID; a top-level post is its own thread.
    assert_eq!(
        top.url.as_deref(),
        Some("https://bsky.app/profile/did:plc:4ypydtsxlmkfyoyoxb26o4wd/post/3kghpqjiodr2t")
    );
    assert_eq!(top.thread_id.as_deref(), Some(root));
    assert_eq!(top.parent_id, None);
    assert_eq!((top.likes, top.replies, top.reposts), (Some(9), Some(3), Some(2)));
}

fn stamp_parse(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

#[test]
fn sorts_future_dated_posts_by_index_time() {
    let body = r#"{"uri":"at://did:plc:a/app.bsky.feed.post/x","author":{"did":"did:plc:a","handle":"a.test"},
        "record":{"text":"hi","createdAt":"2031-01-01T00:00:00Z"},"indexedAt":"2024-05-01T10:00:00.000Z"}"#;
    let (m, sort_at) = to_mention(serde_json::from_str(body).unwrap()).unwrap();
    assert_eq!(sort_at, stamp_parse("2024-05-01T10:00:00Z"));
    // Stored at the time it was indexed, not in a week that has not come.
    assert_eq!(m.created_at, stamp_parse("2024-05-01T10:00:00Z"));
}

/// Every account whose handle no longer resolves shows as `handle.invalid`: named so, they would be one author.
#[test]
fn an_unresolved_handle_is_named_by_its_did() {
    let post = |did: &str, handle: &str| {
        let body = format!(
            r#"{{"uri":"at://{did}/app.bsky.feed.post/x","author":{{"did":"{did}","handle":"{handle}"}},
            "record":{{"text":"hi","createdAt":"2024-05-01T10:00:00Z"}}}}"#
        );
        to_mention(serde_json::from_str(&body).unwrap()).unwrap().0
    };
    assert_eq!(post("did:plc:a", "handle.invalid").author.as_deref(), Some("did:plc:a"));
    assert_eq!(post("did:plc:b", "handle.invalid").author.as_deref(), Some("did:plc:b"));
    assert_eq!(post("did:plc:a", "a.test").author.as_deref(), Some("a.test"));
}

#[test]
fn reads_session_and_expiry() {
    let s: Session = serde_json::from_str(&fixture("create_session.json")).unwrap();
    assert!(s.access_jwt.starts_with("eyJ0eXAiOiJhdCtqd3Qi"));
    assert!(expired(&fetched(400, &fixture("expired_token.json"))));
    assert!(expired(&fetched(401, r#"{"error":"AuthMissing"}"#)));
    assert!(!expired(&fetched(400, r#"{"error":"BadQueryString"}"#)));
}

#[test]
fn throttles_are_never_empty_results() {
    assert!(matches!(verdict(&fetched(403, "<html>Forbidden</html>")), Verdict::Throttled(None)));
    let mut f = fetched(429, r#"{"error":"RateLimitExceeded"}"#);
    let reset = (Utc::now().timestamp() + 30).to_string();
    f.headers.insert("ratelimit-reset", reset.parse().unwrap());
    match verdict(&f) {
        Verdict::Throttled(Some(w)) => assert!(w.as_secs() <= 30 && w.as_secs() >= 28),
        v => panic!("{v:?}"),
    }
    assert!(matches!(verdict(&fetched(200, &fixture("search_posts.json"))), Verdict::Accept));
    assert!(matches!(verdict(&fetched(400, r#"{"error":"BadQueryString"}"#)), Verdict::Fail(_)));
}

fn source() -> Bluesky {
    let config: Config = parse_config(&SourceConfig::new()).unwrap();
    Bluesky { config, handle: "h".into(), password: "p".into(), session: Mutex::new(None) }
}

#[test]
fn builds_search_url_and_keys() {
    let s = source();
    let since = stamp_parse("2024-01-01T00:00:00Z");
    let until = stamp_parse("2024-01-08T00:00:00Z");
    let url = s.url("\"acme cloud\"", since, until, Some("25")).unwrap();
    assert_eq!(
        url.as_str(),
        "https://bsky.social/xrpc/app.bsky.feed.searchPosts?q=%22acme+cloud%22&sort=latest\
         &since=2024-01-01T00%3A00%3A00.000Z&until=2024-01-08T00%3A00%3A00.000Z&limit=100&cursor=25"
    );
    let p = crate::pipeline::Pipeline::parse(
        "name = \"t\"\nstore = \"t.duckdb\"\n[[brand]]\nname = \"Acme\"\nquery = '(\"Acme Cloud\" OR acmecloud) AND NOT anvil'\n",
        std::path::Path::new("t.toml"),
    )
    .unwrap();
    assert_eq!(s.keys(&p.brands), vec!["\"acme cloud\"", "acmecloud"]);
}

/// A searchPosts server over 250 posts a minute apart whose cursor stops after one step, and whose first
/// session is already expired: the walk must renew the session and move `until` back to get them all.
#[tokio::test]
async fn walks_until_back_and_renews_an_expired_session() {
    use axum::extract::{Query, State};
    use axum::http::{HeaderMap, StatusCode};
    use axum::routing::{get, post};
    use std::collections::{HashMap, HashSet};
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Arc;

    let base = stamp_parse("2024-01-01T00:00:00Z");
    let sessions = Arc::new(AtomicU32::new(0));
    let search = move |headers: HeaderMap, Query(q): Query<HashMap<String, String>>| async move {
        if headers.get("authorization").is_some_and(|v| v == "Bearer jwt-1") {
            return (StatusCode::BAD_REQUEST, r#"{"error":"ExpiredToken","message":"Token has expired"}"#.to_string());
        }
        let (since, until) = (stamp_parse(&q["since"]), stamp_parse(&q["until"]));
        let hits: Vec<i64> =
            (0..250).rev().filter(|i| (since..until).contains(&(base + Duration::minutes(*i)))).collect();
        let offset: usize = q.get("cursor").map_or(0, |c| c.parse().unwrap());
        let page = &hits[offset.min(hits.len())..(offset + 100).min(hits.len())];
        let posts: Vec<serde_json::Value> = page
            .iter()
            .map(|i| {
                let t = stamp(base + Duration::minutes(*i));
                serde_json::json!({"uri": format!("at://did:plc:a/app.bsky.feed.post/{i}"),
                    "author": {"did": "did:plc:a", "handle": "a.test"},
                    "record": {"text": format!("post {i}"), "createdAt": t}, "indexedAt": t})
            })
            .collect();
        // The cursor only works from the first page, as deep offsets fail live.
        let cursor = (offset == 0 && hits.len() > 100).then(|| "100".to_string());
        (StatusCode::OK, serde_json::json!({"posts": posts, "cursor": cursor}).to_string())
    };
    let app = axum::Router::new()
        .route(
            "/xrpc/com.atproto.server.createSession",
            post(|State(n): State<Arc<AtomicU32>>| async move {
                let n = n.fetch_add(1, Ordering::SeqCst) + 1;
                axum::Json(serde_json::json!({"accessJwt": format!("jwt-{n}"), "refreshJwt": "r"}))
            }),
        )
        .route("/xrpc/app.bsky.feed.searchPosts", get(search))
        .with_state(sessions.clone());
    let root = testing::serve(app).await;

    let t: SourceConfig = toml::from_str(&format!("base_url = \"{root}\"")).unwrap();
    let s = Bluesky {
        config: parse_config(&t).unwrap(),
        handle: "h".into(),
        password: "p".into(),
        session: Mutex::new(None),
    };
    let ctx = testing::default_ctx();
    let page = s.fetch(&ctx, "acme", Window { since: base, until: base + Duration::days(1) }).await.unwrap();
    let unique: HashSet<&str> = page.mentions.iter().map(|m| m.source_id.as_str()).collect();
    assert_eq!(unique.len(), 250);
    assert_eq!(page.pages, 3, "two cursor pages, then one page below the moved `until`");
    assert_eq!(sessions.load(Ordering::SeqCst), 2, "the expired session was replaced once");
}

/// A 200 whose JSON is not a search answer (a gateway's error object) fails, instead of reading as an empty window
/// whose cursor would move past its posts: `posts` is required.
#[test]
fn a_body_of_the_wrong_shape_is_no_answer() {
    crate::sources::testing::assert_no_answer::<SearchResponse>();
}
