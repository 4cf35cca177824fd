//! The crawl under injected faults, source by source: every fault a platform really produces (throttles,
//! 5xx, stalls, broken bodies, odd paging) either ends with exactly the served items stored, or fails the
//! source loudly (record and `crawl_runs` say so) with nothing wrong stored, and the next run recovers.

use std::collections::BTreeSet;
use std::future::Future;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use hark::crawl::{crawl, CrawlOptions};
use hark::pipeline::Pipeline;
use hark::store::{new_run_id, CrawlRunRecord, Store};

use crate::replay::{
    as_stored, at, healthy, pipeline, stored, whole_seconds, Fault, Item, Paging, Platform, Replay, Script,
};

mod binary;
mod history;

/// Fourteen items over the last four weeks: a busy stretch that needs several pages per window, a few
/// quiet ones, and a week with nothing at all.
fn items(now: DateTime<Utc>) -> Vec<Item> {
    let hours = [2, 13, 24, 35, 46, 57, 68, 79, 90, 101, 9 * 24, 12 * 24 + 5, 23 * 24, 27 * 24 + 7];
    hours.iter().zip(1..).map(|(&h, n)| Item { n, created_at: now - chrono::Duration::hours(h) }).collect()
}

/// What one crawl left behind.
struct Crawled {
    stored: BTreeSet<(String, String)>,
    record: CrawlRunRecord,
    /// `(status, error)` of the run's `crawl_runs` row.
    row: (String, Option<String>),
    elapsed: Duration,
    /// The store's file.
    store_path: std::path::PathBuf,
}

impl Crawled {
    /// The items `replay` served, with ids as this crawl's store keeps them.
    fn served(&self, replay: &Replay) -> BTreeSet<(String, String)> {
        as_stored(&self.store_path, replay.served())
    }
}

/// How far back the fault tests crawl, and how long one of their crawls may take.
const LOOKBACK: &str = "30 days";
const LIMIT: Duration = Duration::from_secs(30);

/// Crawls `replay` as `platform` into the store under `dir`, reaching `lookback` back from `now` and giving
/// up (failing the test) after `limit`.
async fn crawl_once(
    dir: &Path,
    platform: Platform,
    replay: &Replay,
    now: DateTime<Utc>,
    lookback: &str,
    limit: Duration,
) -> Crawled {
    let opts = CrawlOptions { now, ..CrawlOptions::new() };
    crawl_with(dir, platform, replay, lookback, limit, &opts).await
}

/// [`crawl_once`] with the crawl's options given.
async fn crawl_with(
    dir: &Path,
    platform: Platform,
    replay: &Replay,
    lookback: &str,
    limit: Duration,
    opts: &CrawlOptions,
) -> Crawled {
    let text = pipeline(&dir.join("store.duckdb"), &[(platform, replay.base_url())], lookback);
    let pipeline = Pipeline::parse(&text, &dir.join("faults.toml")).unwrap();
    // DuckDB calls block: off the runtime's two workers, so the replay servers keep answering meanwhile.
    let store = tokio::task::block_in_place(|| Store::open(&pipeline.store).unwrap());
    let run_id = new_run_id();
    let started = Instant::now();
    let crawled = tokio::time::timeout(limit, crawl(&pipeline, store, &run_id, opts));
    let (store, mut records) = crawled
        .await
        .unwrap_or_else(|_| panic!("{platform:?}: the crawl did not end within {} s", limit.as_secs()))
        .unwrap_or_else(|e| panic!("{platform:?}: {e:#}"));
    let elapsed = started.elapsed();
    let (row, stored) = tokio::task::block_in_place(|| {
        let sql = "SELECT status, error FROM crawl_runs WHERE run_id = ?";
        (store.conn().query_row(sql, [&run_id], |r| Ok((r.get(0)?, r.get(1)?))).unwrap(), stored(&store))
    });
    Crawled { stored, record: records.remove(0), row, elapsed, store_path: pipeline.store.clone() }
}

/// Serves the items of `now` as `platform` with `paging` and `script`, crawls once and returns what landed.
async fn run(dir: &Path, platform: Platform, paging: Paging, script: Script, now: DateTime<Utc>) -> (Crawled, Replay) {
    let replay = Replay::start(platform, items(now), paging, script).await;
    (crawl_once(dir, platform, &replay, now, LOOKBACK, LIMIT).await, replay)
}

/// The run is ok and stored exactly what was served.
fn assert_exact(platform: Platform, got: &Crawled, replay: &Replay) {
    assert!(got.record.ok, "{platform:?}: {:?}", got.record);
    assert_eq!(got.row.0, "ok", "{platform:?}");
    assert_eq!(got.stored, got.served(replay), "{platform:?}: stored set differs from the served set");
}

/// A replay of the items of `now` without faults.
async fn healthy_replay(platform: Platform, now: DateTime<Utc>) -> Replay {
    Replay::start(platform, items(now), Paging::default(), healthy()).await
}

/// The source failed loudly, stored nothing that was not served, and a clean rerun completes the set.
async fn assert_fails_loudly_then_recovers(dir: &Path, platform: Platform, got: &Crawled, now: DateTime<Utc>) {
    let served = healthy_replay(platform, now).await;
    assert!(!got.record.ok && got.record.errors >= 1, "{platform:?} should fail: {:?}", got.record);
    assert_eq!(got.row.0, "failed", "{platform:?}");
    assert!(got.row.1.as_deref().is_some_and(|e| !e.is_empty()), "{platform:?}: crawl_runs.error is empty");
    assert!(got.stored.is_subset(&got.served(&served)), "{platform:?}: stored items that were never served");
    assert!(got.stored.len() < served.served().len(), "{platform:?}: the fault never bit");
    let again = crawl_once(dir, platform, &served, now, LOOKBACK, LIMIT).await;
    assert_exact(platform, &again, &served);
}

fn now() -> DateTime<Utc> {
    whole_seconds(Utc::now())
}

/// Runs `check` for every platform at once, each in its own task, then fails naming every platform that did.
async fn each<F, Fut>(platforms: impl Iterator<Item = Platform>, check: F)
where
    F: Fn(Platform) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let tasks: Vec<_> = platforms.map(|p| (p, tokio::spawn(check(p)))).collect();
    let mut failed = Vec::new();
    for (platform, task) in tasks {
        if let Err(e) = task.await {
            let payload = e.try_into_panic().ok();
            let msg = payload.as_ref().and_then(|p| {
                p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
            });
            failed.push(format!("{platform:?}: {}", msg.unwrap_or_else(|| "cancelled".into())));
        }
    }
    assert!(failed.is_empty(), "{} platform(s) failed:\n{}", failed.len(), failed.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throttle_with_retry_after_is_waited_out() {
    each(Platform::all(), |platform| async move {
        let dir = tempfile::tempdir().unwrap();
        let script = at(&[1], Fault::TooManyRequests("1"));
        let (got, replay) = run(dir.path(), platform, Paging::default(), script, now()).await;
        assert_exact(platform, &got, &replay);
        assert_eq!(got.record.rate_limit_waits, 1, "{platform:?}");
        assert!(got.elapsed >= Duration::from_secs(1), "{platform:?}: Retry-After: 1 not honoured");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_errors_are_retried() {
    each(Platform::all(), |platform| async move {
        let dir = tempfile::tempdir().unwrap();
        let (got, replay) =
            run(dir.path(), platform, Paging::default(), at(&[0, 1, 3], Fault::ServerError), now()).await;
        assert_exact(platform, &got, &replay);
        assert!(got.record.retries >= 3, "{platform:?}: {:?}", got.record);
        assert_eq!(got.record.requests as usize, replay.requests(), "{platform:?}: every attempt counted");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stalled_response_times_out_and_is_retried() {
    each(Platform::all(), |platform| async move {
        let dir = tempfile::tempdir().unwrap();
        let stall = Fault::Stall(Duration::from_millis(2500));
        let (got, replay) = run(dir.path(), platform, Paging::default(), at(&[2], stall), now()).await;
        assert_exact(platform, &got, &replay);
        assert!(got.record.retries >= 1, "{platform:?}: {:?}", got.record);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn truncated_bodies_are_retried() {
    each(Platform::all(), |platform| async move {
        let dir = tempfile::tempdir().unwrap();
        let (got, replay) = run(dir.path(), platform, Paging::default(), at(&[1, 4], Fault::Truncated), now()).await;
        assert_exact(platform, &got, &replay);
        assert!(got.record.retries >= 2, "{platform:?}: {:?}", got.record);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_bodies_are_retried() {
    each(Platform::all(), |platform| async move {
        let dir = tempfile::tempdir().unwrap();
        let (got, replay) = run(dir.path(), platform, Paging::default(), at(&[1], Fault::Malformed), now()).await;
        assert_exact(platform, &got, &replay);
        assert!(got.record.retries >= 1, "{platform:?}: {:?}", got.record);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn empty_last_page_ends_paging() {
    each(Platform::all(), |platform| async move {
        let dir = tempfile::tempdir().unwrap();
        let paging = Paging { empty_tail: true, ..Paging::default() };
        let (got, replay) = run(dir.path(), platform, paging, healthy(), now()).await;
        assert_exact(platform, &got, &replay);
    })
    .await;
}

/// A `--since` crawl that starts after where a key was crawled to (here: a key never crawled) leaves its cursor,
/// so the next ordinary run crawls the gap before it; moving the cursor to now lost that gap for good.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_since_crawl_leaves_the_gap_before_it_to_the_next_run() {
    each(Platform::all(), |platform| async move {
        let dir = tempfile::tempdir().unwrap();
        let now = now();
        let replay = healthy_replay(platform, now).await;
        let opts = CrawlOptions { now, since: Some(now - chrono::Duration::days(3)), ..CrawlOptions::new() };
        let recent = crawl_with(dir.path(), platform, &replay, LOOKBACK, LIMIT, &opts).await;
        assert!(recent.record.ok, "{platform:?}: {:?}", recent.record);
        assert!(recent.stored.len() < recent.served(&replay).len(), "{platform:?}: the --since crawl took it all");
        let next = crawl_once(dir.path(), platform, &replay, now, LOOKBACK, LIMIT).await;
        assert_eq!(next.stored, next.served(&replay), "{platform:?}: the gap before --since was never crawled");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn items_repeated_across_pages_are_stored_once() {
    each(Platform::all().filter(|p| p.paged()), |platform| async move {
        let dir = tempfile::tempdir().unwrap();
        let paging = Paging { overlap: 1, ..Paging::default() };
        let (got, replay) = run(dir.path(), platform, paging, healthy(), now()).await;
        assert_exact(platform, &got, &replay);
        assert!(got.record.duplicates >= 1, "{platform:?}: the overlap was never served: {:?}", got.record);
        assert_eq!(got.record.new as usize, replay.served().len(), "{platform:?}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeating_cursor_fails_loudly_then_recovers() {
    each(Platform::all().filter(|p| p.paged()), |platform| async move {
        let dir = tempfile::tempdir().unwrap();
        let now = now();
        let script: Script = Arc::new(|n: usize| (n >= 1).then_some(Fault::RepeatCursor));
        let (got, _replay) = run(dir.path(), platform, Paging::default(), script, now).await;
        assert!(got.row.1.as_deref().is_some_and(|e| e.contains("stuck")), "{platform:?}: {:?}", got.row);
        assert_fails_loudly_then_recovers(dir.path(), platform, &got, now).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn permanent_failure_fails_loudly_then_recovers() {
    each(Platform::all(), |platform| async move {
        let dir = tempfile::tempdir().unwrap();
        let now = now();
        let script: Script = Arc::new(|_: usize| Some(Fault::ServerError));
        let (got, replay) = run(dir.path(), platform, Paging::default(), script, now).await;
        assert!(got.stored.is_empty(), "{platform:?}");
        assert_eq!((got.record.requests, replay.requests()), (4, 4), "{platform:?}: one window, 1 + 3 retries");
        assert!(got.row.1.as_deref().is_some_and(|e| e.contains("500")), "{platform:?}: {:?}", got.row);
        assert_fails_loudly_then_recovers(dir.path(), platform, &got, now).await;
    })
    .await;
}
