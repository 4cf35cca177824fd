//! The demo end to end at a small scale: every served post lands once, a second run adds nothing, and the
//! Polars share of voice, the SQL view and the report agree.

use std::sync::Arc;

use chrono::Utc;
use hark::crawl::CrawlOptions;
use hark::demo::{
    corpus, effective_pipeline, history,
    model::DemoSource,
    servers::{ServerPlan, Servers},
};
use hark::pipeline::Pipeline;
use hark::run::{run, RunOptions};
use hark::store::Store;

use crate::util::{assert_data_tests_pass, count};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_lands_every_post_once_and_views_agree() {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc::now();
    let corpus = Arc::new(corpus::generate(now, history().unwrap(), 0.03, 11));
    let plan = ServerPlan { hackernews: 0, stackexchange: 0, rss: 0, discourse: 0, mastodon: 0 };
    let servers = Servers::start(corpus.clone(), plan).await.unwrap();
    let text = effective_pipeline(dir.path(), &servers).unwrap();
    let pipeline = Pipeline::parse(&text, &dir.path().join("demo.toml")).unwrap();
    let mut crawl = CrawlOptions::new();
    crawl.now = now;
    let opts = RunOptions { crawl, ..RunOptions::default() };

    let first = run(&pipeline, &opts).await.unwrap();
    assert_eq!(first.status, hark::store::RunStatus::Ok, "{:?}", first.sources);
    assert_eq!(first.mentions as usize, corpus.posts.len(), "every served post is stored once");
    let store = Store::open_read_only(&pipeline.store).unwrap();
    for src in DemoSource::ALL {
        let served = corpus.posts.iter().filter(|p| p.source == src).count() as i64;
        let stored = count(&store, &format!("SELECT count(*) FROM mentions WHERE source = '{}'", src.source_name()));
        assert_eq!(stored, served, "{}", src.source_name());
    }
    // Every post names its brands and only those: matching must find exactly the planted brand set.
    let planted: usize = corpus.posts.iter().map(|p| p.brands.len()).sum();
    assert_eq!(count(&store, "SELECT count(*) FROM mention_brands") as usize, planted);
    drop(store);

    let second = run(&pipeline, &opts).await.unwrap();
    assert_eq!(second.mentions, first.mentions, "a second run adds no duplicate");
    assert!(second.sources.iter().all(|s| s.new == 0), "{:?}", second.sources);

    let store = Store::open_read_only(&pipeline.store).unwrap();
    // The SQL view and the Polars job agree row for row.
    let disagree = count(
        &store,
        "SELECT count(*) FROM share_of_voice v FULL JOIN sov_weekly p USING (week, brand)
         WHERE v.mentions IS DISTINCT FROM p.mentions OR abs(v.share - p.share) > 1e-9
            OR (v.share IS NULL) <> (p.share IS NULL) OR v.week IS NULL OR p.week IS NULL",
    );
    assert_eq!(disagree, 0);
    let weeks = count(&store, "SELECT count(DISTINCT week) FROM share_of_voice");
    assert!(weeks >= 56, "13 months of weeks, got {weeks}");
    assert_eq!(count(&store, "SELECT count(*) FROM share_of_voice"), weeks * 4, "one row per brand and week");
    assert_data_tests_pass(&store);
    let runs = count(&store, "SELECT count(*) FROM crawl_runs");
    assert_eq!(runs, 10, "five sources recorded per run, two runs");

    let report = first.reports.iter().find(|p| p.extension().is_some_and(|e| e == "html")).expect("an HTML report");
    let html = std::fs::read_to_string(report).unwrap();
    assert!(html.matches("<svg").count() >= 2, "two inline charts");
    assert!(!html.contains("http://") || !html.contains("<script src"), "self-contained");
    for b in ["Lumora", "Brightdesk", "Quillio", "Norvane"] {
        assert!(html.contains(b), "{b} in the report");
    }
    drop(store);
    // A week that has not begun is refused, not reported as all "n/a" with every source flagged.
    let mut crawl = CrawlOptions::new();
    crawl.now = now;
    let next_week = hark::report::monday_of(now.date_naive()) + chrono::Days::new(7);
    let future = RunOptions { crawl, week: Some(next_week), skip_crawl: true };
    let runs_before = count(&Store::open_read_only(&pipeline.store).unwrap(), "SELECT count(*) FROM runs");
    let err = run(&pipeline, &future).await.expect_err("a week that has not begun");
    assert!(format!("{err:#}").contains("has not begun"), "{err:#}");
    // Refused before anything ran: no run was begun (the check at the report began one and failed it).
    let runs_after = count(&Store::open_read_only(&pipeline.store).unwrap(), "SELECT count(*) FROM runs");
    assert_eq!(runs_after, runs_before, "a run was begun for a week that has not begun");
    servers.shutdown().await;
}
