//! Crawl throughput, end to end: the demo corpus served in the real wire formats by the local replay
//! servers, crawled by hark's real sources, HTTP client and writer into a fresh DuckDB store.
//!
//! Method:
//! 1. Generate the demo corpus at `HARK_BENCH_SCALE` (default 2, which is at least 200,000 mentions) with a
//!    fixed seed, and start the five replay servers (`hark::demo::servers`) on free ports in this process.
//! 2. Point `pipelines/demo.toml` at them (`hark::demo::effective_pipeline`), with the store in a temp dir.
//! 3. Time `hark::crawl::crawl` alone, from opening the fresh store to the last commit; corpus generation and
//!    server indexing are timed separately and left out of the rate.
//! 4. Print mentions stored, wall seconds, mentions per second, each source's record, and peak RSS (`VmHWM`
//!    of /proc/self/status). The servers and the corpus live in this process, so peak RSS covers all three;
//!    the RSS before the crawl is printed too, to show what the crawl itself added.
//!
//! Run it on the dev profile (hark and its dependencies at -O1, see Cargo.toml):
//! `cargo bench --profile dev --bench crawl`.

use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result};
use chrono::Utc;
use hark::crawl::{crawl, CrawlOptions};
use hark::demo::{self, corpus, effective_pipeline, servers::ServerPlan, servers::Servers};
use hark::pipeline::Pipeline;
use hark::store::{new_run_id, Store};

/// A `/proc/self/status` field in MiB (`VmHWM`, `VmRSS`), when the platform has one.
fn memory_mib(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn mib(v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".into(), |m| format!("{m:.0} MiB"))
}

fn main() -> Result<()> {
    let scale: f64 = std::env::var("HARK_BENCH_SCALE").ok().map(|s| s.parse()).transpose()?.unwrap_or(2.0);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(bench(scale))
}

async fn bench(scale: f64) -> Result<()> {
    let dir = tempfile::tempdir()?;
    let now = Utc::now();
    let started = Instant::now();
    let corpus = Arc::new(corpus::generate(now, demo::history()?, scale, 7));
    let generated = started.elapsed();
    let started = Instant::now();
    let servers = Servers::start(corpus.clone(), ServerPlan::default()).await?;
    let indexed = started.elapsed();
    let text = effective_pipeline(dir.path(), &servers)?;
    let pipeline = Pipeline::parse(&text, &dir.path().join("demo.toml"))?;
    let rss_before = memory_mib("VmRSS:");

    let started = Instant::now();
    let store = Store::open(&pipeline.store)?;
    let mut opts = CrawlOptions::new();
    opts.now = now;
    let (store, records) = crawl(&pipeline, store, &new_run_id(), &opts).await.context("crawling")?;
    let wall = started.elapsed().as_secs_f64();
    let stored = store.mention_count()?;
    servers.shutdown().await;

    println!("crawl benchmark (scale {scale}, {} posts served)", corpus.posts.len());
    println!(
        "  corpus generated in {:.1} s, servers indexed in {:.1} s",
        generated.as_secs_f64(),
        indexed.as_secs_f64()
    );
    for r in &records {
        println!(
            "  {:<28} {:>4} fetched {:>7} new {:>7} requests {:>6} pages {:>6}",
            r.instance,
            if r.ok { "ok" } else { "FAIL" },
            r.fetched,
            r.new,
            r.requests,
            r.pages
        );
    }
    println!("mentions stored: {stored}");
    println!("wall seconds:    {wall:.2}");
    println!("mentions/second: {:.0}", stored as f64 / wall);
    println!("peak RSS:        {} (RSS before the crawl {})", mib(memory_mib("VmHWM:")), mib(rss_before));
    anyhow::ensure!(records.iter().all(|r| r.ok), "a source failed");
    anyhow::ensure!(stored as usize == corpus.posts.len(), "stored {stored} of {} served", corpus.posts.len());
    Ok(())
}
