//! A crawl killed with SIGKILL mid-run loses at most the windows in flight: the rerun resumes from the
//! committed cursors and ends with exactly the rows an uninterrupted crawl stores, none twice.

use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Utc;
use hark::store::Store;

use crate::replay::{as_stored, healthy, pipeline, stored, whole_seconds, Item, Paging, Platform, Replay};
use crate::util::hark_bin;

/// 300 items over the last year, about five a week.
fn items() -> Vec<Item> {
    let now = whole_seconds(Utc::now());
    (1..=300)
        .map(|n| Item { n, created_at: now - chrono::Duration::minutes(n as i64 * 29 * 60 + n as i64 % 7 * 13) })
        .collect()
}

/// Every stored row (all columns but when and by which run it was fetched), in key order.
fn rows(store: &Path) -> Vec<String> {
    let store = Store::open_read_only(store).unwrap();
    let out = store.query("SELECT * EXCLUDE (fetched_at, run_id) FROM mentions ORDER BY source, source_id").unwrap();
    out.rows.iter().map(|r| format!("{r:?}")).collect()
}

/// Runs `hark crawl` to the end and checks it succeeded.
async fn crawl_to_the_end(file: &Path) {
    let file = file.to_path_buf();
    let out = tokio::task::spawn_blocking(move || {
        Command::new(hark_bin()).args(["crawl", file.to_str().unwrap()]).env("RUST_LOG", "hark=warn").output()
    })
    .await
    .unwrap()
    .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_mid_crawl_then_rerun_matches_an_uninterrupted_crawl() {
    let dir = tempfile::tempdir().unwrap();
    let slow = Paging { delay: Duration::from_millis(20), ..Paging::default() };
    let hn = Replay::start(Platform::HackerNews, items(), slow, healthy()).await;
    let masto = Replay::start(Platform::Mastodon, items(), slow, healthy()).await;
    let sources = [(Platform::HackerNews, hn.base_url()), (Platform::Mastodon, masto.base_url())];
    let requests = || hn.requests() + masto.requests();
    let write = |name: &str| {
        let file = dir.path().join(format!("{name}.toml"));
        std::fs::write(&file, pipeline(&dir.path().join(format!("{name}.duckdb")), &sources, "13 months")).unwrap();
        file
    };
    let (whole, killed) = (write("whole"), write("killed"));

    let before = requests();
    crawl_to_the_end(&whole).await;
    let full_crawl = requests() - before;

    let before = requests();
    let mut child = Command::new(hark_bin())
        .args(["crawl", killed.to_str().unwrap()])
        .env("RUST_LOG", "hark=warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while requests() - before < full_crawl / 3 {
        assert!(child.try_wait().unwrap().is_none(), "the crawl ended before it could be killed");
        assert!(Instant::now() < deadline, "the crawl made no progress");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    child.kill().unwrap();
    assert_eq!(child.wait().unwrap().signal(), Some(9), "killed by SIGKILL");

    // As the store keeps them (Mastodon's ids are keyed hashes of the store's key).
    let served = hn.served().union(&masto.served()).cloned().collect();
    let served = as_stored(&dir.path().join("killed.duckdb"), served);
    let partial = stored(&Store::open(&dir.path().join("killed.duckdb")).unwrap());
    assert!(!partial.is_empty(), "some windows were committed before the kill");
    assert!(partial.len() < served.len(), "the kill came before the end: {} of {}", partial.len(), served.len());
    assert!(partial.is_subset(&served));

    let before = requests();
    crawl_to_the_end(&killed).await;
    let resumed = requests() - before;
    assert!(resumed < full_crawl, "the rerun resumed from its cursors ({resumed} requests, full crawl {full_crawl})");

    let (a, b) = (rows(&dir.path().join("whole.duckdb")), rows(&dir.path().join("killed.duckdb")));
    assert_eq!(a.len(), served.len(), "the uninterrupted crawl stored every served item");
    assert_eq!(a, b, "killed-and-rerun store differs from the uninterrupted one");
    let killed_store = Store::open_read_only(&dir.path().join("killed.duckdb")).unwrap();
    assert_eq!(stored(&killed_store), served);
    let dupes: i64 = killed_store
        .conn()
        .query_row("SELECT count(*) - count(DISTINCT source || '/' || source_id) FROM mentions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(dupes, 0);
}
