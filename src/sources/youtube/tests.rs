//! YouTube parsing, quota and query tests on recorded response shapes.

use super::*;
use crate::sources::{testing, testing::response as fetched, SourceConfig};
use chrono::Duration;

fn fixture(name: &str) -> String {
    testing::fixture("youtube", name)
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

#[test]
fn parses_search_results_keeping_videos_only() {
    let list: SearchList = serde_json::from_str(&fixture("search.json")).unwrap();
    assert_eq!(list.next_page_token.as_deref(), Some("CDIQAA"));
    let videos: Vec<Mention> = list.items.into_iter().filter_map(video).collect();
    assert_eq!(videos.len(), 1);
    let v = &videos[0];
    assert_eq!(v.source_id, "axepn8QqxRk");
    assert_eq!(v.url.as_deref(), Some("https://www.youtube.com/watch?v=axepn8QqxRk"));
    assert_eq!(v.title.as_deref(), Some("Acme Cloud review: is it worth it? \"Honest\" take"));
    assert_eq!(v.text, "We tried Acme Cloud for a month & here is what happened ...");
    assert_eq!(v.author.as_deref(), Some("Unbox Diaries"));
    assert_eq!(v.author_id.as_deref(), Some("UCJrDMFOdv1I2k8n9oK_V21w"));
    assert_eq!(v.created_at, at("2024-08-14T10:00:37Z"));
}

#[test]
fn parses_recorded_comment_threads_with_replies() {
    let (mentions, next) = read_threads(&fixture("comment_threads.json"), "axepn8QqxRk").unwrap();
    assert!(next.unwrap().starts_with("Z2V0X25ld2VzdF9maXJzdC"));
    assert_eq!(mentions.len(), 2);
    let top = &mentions[0];
    assert_eq!(top.source_id, "UgxENxr12AabiFXmLox4AaABAg");
    assert_eq!(top.url.as_deref(), Some("https://www.youtube.com/watch?v=axepn8QqxRk&lc=UgxENxr12AabiFXmLox4AaABAg"));
    assert_eq!(top.text, "Who come here to read the comments after the rumour of Hardik and Jasmin 😂");
    assert_eq!(top.author.as_deref(), Some("@prakashsoni1355"));
    assert_eq!(top.author_id.as_deref(), Some("UCIx4__tGYsCja3-FY0ND5Pg"));
    assert_eq!(top.created_at, at("2024-08-14T19:51:36Z"));
    assert_eq!((top.likes, top.replies), (Some(0), Some(1)));
    assert_eq!((top.thread_id.as_deref(), top.parent_id.as_deref()), (Some("axepn8QqxRk"), Some("axepn8QqxRk")));
    let reply = &mentions[1];
    assert_eq!(reply.text, "Same here & still no answer");
    assert_eq!(reply.parent_id.as_deref(), Some("UgxENxr12AabiFXmLox4AaABAg"));
    assert_eq!(reply.likes, Some(3));
}

#[test]
fn quota_is_an_error_and_disabled_comments_are_skipped() {
    match verdict(&fetched(403, &fixture("quota_exceeded.json"))) {
        Verdict::Fail(msg) => assert!(msg.contains("quotaExceeded"), "{msg}"),
        v => panic!("{v:?}"),
    }
    assert!(matches!(verdict(&fetched(403, &fixture("comments_disabled.json"))), Verdict::Accept));
    let rate = r#"{"error":{"code":403,"errors":[{"reason":"rateLimitExceeded"}]}}"#;
    assert!(matches!(verdict(&fetched(403, rate)), Verdict::Throttled(None)));
    assert!(matches!(
        verdict(&fetched(400, r#"{"error":{"code":400,"errors":[{"reason":"badRequest"}]}}"#)),
        Verdict::Fail(_)
    ));
}

#[tokio::test]
async fn a_failed_request_never_shows_the_key() {
    let t: SourceConfig = toml::from_str("base_url = \"http://127.0.0.1:1\"").unwrap();
    let y = YouTube { config: parse_config(&t).unwrap(), key: "SECRET1".into() };
    let mut settings = crate::http::HttpSettings::new(None);
    settings.retries = 0;
    let ctx = testing::ctx(settings);
    let since = Utc::now() - Duration::days(7);
    let err = y.fetch(&ctx, "acme", Window { since, until: Utc::now() }).await.unwrap_err();
    let text = format!("{err:#}");
    assert!(text.contains("key=***") && !text.contains("SECRET1"), "{text}");
}

fn source() -> YouTube {
    let t: SourceConfig = toml::from_str("relevance_language = \"en\"").unwrap();
    YouTube { config: parse_config(&t).unwrap(), key: "K".into() }
}

#[test]
fn builds_urls_and_pipe_joined_keys() {
    let y = source();
    let since = at("2024-08-12T00:00:00Z");
    let url = y.search_url("acme|\"acme cloud\"", Window { since, until: since + Duration::days(7) }, Some("CDIQAA"));
    assert_eq!(
        url.unwrap().as_str(),
        "https://www.googleapis.com/youtube/v3/search?part=snippet&q=acme%7C%22acme+cloud%22&type=video&order=date\
         &publishedAfter=2024-08-12T00%3A00%3A00Z&publishedBefore=2024-08-19T00%3A00%3A00Z&maxResults=50\
         &relevanceLanguage=en&pageToken=CDIQAA&key=K"
    );
    assert_eq!(
        y.threads_url("axepn8QqxRk", None).unwrap().as_str(),
        "https://www.googleapis.com/youtube/v3/commentThreads?part=snippet%2Creplies&videoId=axepn8QqxRk\
         &maxResults=100&order=time&textFormat=plainText&key=K"
    );
    let p = crate::pipeline::Pipeline::parse(
        "name = \"t\"\nstore = \"t.duckdb\"\n[[brand]]\nname = \"Acme\"\nquery = '\"Acme Cloud\" OR acme'\n",
        std::path::Path::new("t.toml"),
    )
    .unwrap();
    assert_eq!(y.keys(&p.brands), vec!["acme|\"acme cloud\""]);
}

/// A 200 whose JSON is not a search answer (a gateway's error object) fails, instead of reading as an empty window
/// whose cursor would move past its posts: `items` is required, in search results and in comment threads.
#[test]
fn a_body_of_the_wrong_shape_is_no_answer() {
    crate::sources::testing::assert_no_answer::<SearchList>();
    crate::sources::testing::assert_no_answer::<ThreadList>();
}

/// A search whose second page is empty but still hands a next token (as search.list can at the end of its results):
/// the walk stops there, two search calls, instead of paging on to SEARCH_PAGES and splitting the window as capped.
#[tokio::test]
async fn an_empty_search_page_ends_the_listing_whatever_its_token() {
    use axum::extract::Query;
    use axum::routing::get;
    use std::collections::HashMap;

    let published = "2024-08-14T10:00:37Z";
    let search = move |Query(q): Query<HashMap<String, String>>| async move {
        let items = match q.get("pageToken").map(String::as_str) {
            None => serde_json::json!([{"id": {"kind": "youtube#video", "videoId": "v1"},
                "snippet": {"publishedAt": published, "title": "acme", "description": "acme review"}}]),
            Some("B") => serde_json::json!([{"id": {"kind": "youtube#video", "videoId": "v2"},
                "snippet": {"publishedAt": published, "title": "acme", "description": "never reached"}}]),
            Some(_) => serde_json::json!([]),
        };
        let next = match q.get("pageToken").map(String::as_str) {
            None => "A",
            _ => "B",
        };
        serde_json::json!({"nextPageToken": next, "items": items}).to_string()
    };
    let threads = || async { r#"{"items": []}"# };
    let app = axum::Router::new().route("/search", get(search)).route("/commentThreads", get(threads));
    let root = testing::serve(app).await;
    let t: SourceConfig = toml::from_str(&format!("base_url = \"{root}\"")).unwrap();
    let y = YouTube { config: parse_config(&t).unwrap(), key: "K".into() };
    let ctx = testing::default_ctx();
    let since = at("2024-08-12T00:00:00Z");
    let page = y.fetch(&ctx, "acme", Window { since, until: since + Duration::days(7) }).await.unwrap();
    let ids: Vec<&str> = page.mentions.iter().map(|m| m.source_id.as_str()).collect();
    assert_eq!((ids, page.pages, page.capped), (vec!["v1"], 3, false), "two search pages and v1's comments");
}
