//! The 13-month backfill: every source pages through a replay whose items span the whole history and stores
//! all of them (the replay speaks X's full-archive endpoint; recent search's 7 days are tested in x.rs).

use std::time::Duration;

use chrono::{DateTime, Utc};
use hark::crawl::{crawl, CrawlOptions};
use hark::pipeline::Pipeline;
use hark::store::{new_run_id, Store};

use super::{each, now};
use crate::replay::{healthy, pipeline, stored, Item, Paging, Platform, Replay};

/// Items from two hours to just under 13 months old, bunched in some weeks and absent from others.
fn year_of_items(now: DateTime<Utc>) -> Vec<Item> {
    let days = [0, 1, 3, 6, 20, 45, 46, 47, 90, 120, 180, 181, 250, 300, 330, 360, 385, 392];
    days.iter()
        .zip(1..)
        .map(|(&d, n)| Item { n, created_at: now - chrono::Duration::days(d) - chrono::Duration::hours(2) })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backfill_reaches_thirteen_months_on_every_source() {
    each(Platform::available(), |platform| async move {
        let dir = tempfile::tempdir().unwrap();
        let now = now();
        let replay = Replay::start(platform, year_of_items(now), Paging::default(), healthy()).await;
        let text = pipeline(&dir.path().join("store.duckdb"), &[(platform, replay.base_url())], "13 months");
        let pipeline = Pipeline::parse(&text, &dir.path().join("history.toml")).unwrap();
        let store = tokio::task::block_in_place(|| Store::open(&pipeline.store).unwrap());
        let mut opts = CrawlOptions::new();
        opts.now = now;
        let run_id = new_run_id();
        let run = crawl(&pipeline, store, &run_id, &opts);
        let (store, records) = tokio::time::timeout(Duration::from_secs(60), run)
            .await
            .unwrap_or_else(|_| panic!("{platform:?}: the backfill did not end within 60 s"))
            .unwrap_or_else(|e| panic!("{platform:?}: {e:#}"));
        assert!(records[0].ok, "{platform:?}: {:?}", records[0]);
        let got = tokio::task::block_in_place(|| stored(&store));
        assert_eq!(got, replay.served(), "{platform:?}: the backfill missed part of the 13 months");
    })
    .await;
}
