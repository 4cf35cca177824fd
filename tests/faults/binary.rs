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
    let out = tokio::task::spawn_blocking(move || {
        Command::new(hark_bin()).args(["crawl", file.to_str().unwrap()]).env("RUST_LOG", "hark=warn").output()
    })
    .await
    .unwrap()
    .unwrap();
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
