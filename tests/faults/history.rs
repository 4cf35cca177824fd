//! The 13-month backfill: every source pages through a replay whose items span the whole history and stores
//! all of them (the replay speaks X's full-archive endpoint; recent search's 7 days are tested in x.rs).

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::{crawl_once, each, now};
use crate::replay::{healthy, Item, Paging, Platform, Replay};

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
    each(Platform::all(), |platform| async move {
        let dir = tempfile::tempdir().unwrap();
        let now = now();
        let replay = Replay::start(platform, year_of_items(now), Paging::default(), healthy()).await;
        let got = crawl_once(dir.path(), platform, &replay, now, "13 months", Duration::from_secs(60)).await;
        assert!(got.record.ok, "{platform:?}: {:?}", got.record);
        assert_eq!(got.stored, got.served(&replay), "{platform:?}: the backfill missed part of the 13 months");
    })
    .await;
}
