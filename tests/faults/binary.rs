//! `hark crawl` as a scheduler runs it: one healthy source (throttled once, one 5xx) and one that always
//! fails; the exit code is 1, the healthy data is stored, and `crawl_runs` counts what happened.

use std::process::Command;
use std::sync::Arc;

use hark::store::Store;

use super::{items, now};
use crate::replay::{pipeline, stored, Fault, Paging, Platform, Replay, Script};
use crate::util::hark_bin;

/// One `crawl_runs` row: status, requests, retries, rate-limit waits, errors, error.
type Row = (String, i64, i64, i64, i64, Option<String>);

fn row(store: &Store, source: &str) -> Row {
    store
        .conn()
        .query_row(
            "SELECT status, requests, retries, rate_limit_waits, errors, error FROM crawl_runs WHERE source = ?",
            [source],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .unwrap()
}

/// `hark crawl <pipeline>` as a scheduler runs it, off the runtime that serves the replay.
async fn crawl(pipeline: std::path::PathBuf) -> std::process::Output {
    let crawl = move || {
        Command::new(hark_bin()).args(["crawl", pipeline.to_str().unwrap()]).env("RUST_LOG", "hark=warn").output()
    };
    tokio::task::spawn_blocking(crawl).await.unwrap().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crawl_with_a_dead_source_exits_1_and_records_counters() {
    let dir = tempfile::tempdir().unwrap();
    let now = now();
    let bumpy: Script = Arc::new(|n: usize| match n {
        0 => Some(Fault::TooManyRequests("0")),
        2 => Some(Fault::ServerError),
        _ => None,
    });
    let hn = Replay::start(Platform::HackerNews, items(now), Paging::default(), bumpy).await;
    let dead = Replay::start(
        Platform::StackExchange,
        items(now),
        Paging::default(),
        Arc::new(|_: usize| Some(Fault::ServerError)),
    )
    .await;
    let store = dir.path().join("store.duckdb");
    let text = pipeline(
        &store,
        &[(Platform::HackerNews, hn.base_url()), (Platform::StackExchange, dead.base_url())],
        "30 days",
    );
    let file = dir.path().join("p.toml");
    std::fs::write(&file, text).unwrap();
    let out = crawl(file).await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("stackexchange:stackoverflow\tFAILED"), "{stdout}");

    let store = Store::open_read_only(&store).unwrap();
    assert_eq!(stored(&store), hn.served(), "the healthy source landed in full, the dead one stored nothing");
    let (status, requests, retries, waits, errors, error) = row(&store, "hackernews");
    assert_eq!((status.as_str(), waits, errors, error), ("ok", 1, 0, None));
    assert_eq!(requests as usize, hn.requests(), "every request counted");
    assert!(retries >= 2, "one after the 429, one after the 500: {retries}");
    let (status, requests, retries, waits, errors, error) = row(&store, "stackexchange");
    assert_eq!((status.as_str(), requests, retries, waits, errors), ("failed", 4, 3, 0, 1));
    assert_eq!(dead.requests(), 4);
    assert!(error.as_deref().is_some_and(|e| e.contains("500")), "{error:?}");
    let run: String = store.conn().query_row("SELECT status FROM runs", [], |r| r.get(0)).unwrap();
    assert_eq!(run, "partial");
}

/// A search term the API answers with a refusal (HTTP 400: a query it rejects) fails alone: the host is up, so the
/// terms after two refused ones are still crawled, every run, instead of waiting behind them for ever.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_search_terms_do_not_hold_back_the_others() {
    use axum::extract::Query;
    use std::collections::HashMap;
    let created = now().timestamp() - 86_400;
    let search = move |Query(q): Query<HashMap<String, String>>| async move {
        if q.get("query").is_some_and(|t| t.starts_with("bad")) {
            let refusal = serde_json::json!({"message": "invalid query", "status": 400});
            return (axum::http::StatusCode::BAD_REQUEST, axum::Json(refusal));
        }
        let hit = serde_json::json!({"objectID": "1", "created_at_i": created, "author": "pg",
            "title": "good news", "points": 1, "num_comments": 0});
        (axum::http::StatusCode::OK, axum::Json(serde_json::json!({"hits": [hit], "nbHits": 1, "nbPages": 1})))
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = axum::Router::new().route("/api/v1/search_by_date", axum::routing::get(search));
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store.duckdb");
    let file = dir.path().join("p.toml");
    let text = format!(
        "name = \"k\"\nstore = {store:?}\nhistory = \"30 days\"\n[[brand]]\nname = \"A\"\n\
         query = \"bad1 OR bad2 OR good\"\n[[source]]\ntype = \"hackernews\"\nbase_url = \"http://{addr}\"\n\
         [http]\nretries = 1\nbackoff_ms = 10\ntimeout_secs = 5\n"
    );
    std::fs::write(&file, text).unwrap();
    let out = crawl(file).await;
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let store = Store::open_read_only(&store).unwrap();
    let titles: i64 =
        store.conn().query_row("SELECT count(*) FROM mentions WHERE title = 'good news'", [], |r| r.get(0)).unwrap();
    assert_eq!(titles, 1, "the third term was crawled");
    let (status, _, retries, _, errors, error) = row(&store, "hackernews");
    assert_eq!((status.as_str(), retries, errors), ("failed", 0, 2), "a refusal is not retried");
    assert!(error.as_deref().is_some_and(|e| e.contains("400") && e.contains("bad1")), "{error:?}");
}
