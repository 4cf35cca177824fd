//! The crawl: every source concurrently, each key through week-sized windows from its cursor to now,
//! each finished window committed with its cursor so a crash loses at most the window in flight.

mod windows;
mod writer;

pub use windows::{plan_windows, split};
pub use writer::Writer;

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use anyhow::Result;
use chrono::{DateTime, Utc};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::govern::Governance;
use crate::http::{Http, HttpStats};
use crate::pipeline::Pipeline;
use crate::sources::{self, FetchCtx, Source, Window};
use crate::store::{CrawlRunRecord, Store};

/// What to crawl.
#[derive(Debug, Clone)]
pub struct CrawlOptions {
    /// Only the sources of this type.
    pub only_source: Option<String>,
    /// Start here instead of at the cursor (or the history start).
    pub since: Option<DateTime<Utc>>,
    /// Ignore cursors and fetch the whole history again.
    pub backfill: bool,
    /// The crawl's "now".
    pub now: DateTime<Utc>,
    /// Draw progress bars (only when attached to a terminal).
    pub progress: bool,
}

impl CrawlOptions {
    /// Defaults: all sources, from the cursors, now.
    pub fn new() -> Self {
        CrawlOptions { only_source: None, since: None, backfill: false, now: Utc::now(), progress: false }
    }
}

impl Default for CrawlOptions {
    fn default() -> Self {
        Self::new()
    }
}

/// Crawls every source of the pipeline into the store; one source failing never stops the others.
/// Returns one record per source (also stored in `crawl_runs`).
pub async fn crawl(
    pipeline: &Pipeline,
    store: Store,
    run_id: &str,
    opts: &CrawlOptions,
) -> Result<(Store, Vec<CrawlRunRecord>)> {
    let http = Http::new(pipeline.http.clone())?;
    let history_start = opts.since.unwrap_or_else(|| pipeline.history.since(opts.now));
    let progress = MultiProgress::with_draw_target(if opts.progress {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    });

    // Plan every source's work while the store is still ours, then hand the store to the writer thread.
    let mut jobs = Vec::new();
    let mut unbuilt = Vec::new();
    let mut instances = std::collections::HashSet::new();
    for entry in &pipeline.sources {
        if opts.only_source.as_deref().is_some_and(|s| s != entry.kind) {
            continue;
        }
        let reg = sources::registration(entry.kind).expect("configured sources are registered");
        // A source that cannot start (a missing credential, say) fails alone; the others still crawl. Its
        // instance is unknown without a built source, so it is recorded under the registry name.
        let source = match (reg.build)(&entry.config) {
            Ok(s) => s,
            Err(e) => {
                tracing::error!(source = reg.name, error = %format!("{e:#}"), "source cannot start");
                let limit = reg.history_limit.map(str::to_string);
                unbuilt.push(CrawlRunRecord::failed(
                    reg.name,
                    reg.name.to_string(),
                    limit,
                    format!("cannot start: {e:#}"),
                ));
                continue;
            }
        };
        // Two tables crawling one instance would share its cursors and overwrite each other's crawl_runs row.
        if !instances.insert(source.instance()) {
            let file = pipeline.file.as_deref().map_or_else(|| pipeline.name.clone(), |f| f.display().to_string());
            anyhow::bail!(
                "{file}: two [[source]] tables crawl {}: give each its own base_url, site or feeds, or merge them",
                source.instance()
            );
        }
        let mut plan = Vec::new();
        for key in source.keys(&pipeline.brands) {
            // A snapshot (a fixed feed) is read whole every run: no cursor is read or moved.
            if source.snapshot() {
                let windows = vec![Window { since: history_start, until: opts.now }];
                plan.push(Keyed { key, windows, moves_cursor: false });
                continue;
            }
            let stored = store.cursor(&source.instance(), &crate::http::shown_url(&key))?;
            let cursor = if opts.backfill || opts.since.is_some() { None } else { stored };
            // Re-read an hour before the cursor: items indexed late by the platform are caught; the store deduplicates.
            let start = cursor.map_or(history_start, |c| (c - chrono::Duration::hours(1)).max(history_start));
            // A cursor says everything before it is stored. A --since crawl that starts after the key's cursor (or
            // on a key without one) leaves a gap before its start, so it leaves the cursor where it is: the next run
            // crawls the gap.
            let moves_cursor = opts.since.is_none_or(|since| stored.is_some_and(|c| c >= since));
            plan.push(Keyed { key, windows: plan_windows(start, opts.now, source.granularity()), moves_cursor });
        }
        jobs.push((reg, source, plan));
    }
    let governance = Governance::for_store(&store)?;
    let writer = Writer::start(store, run_id.to_string(), governance);
    let mut tasks = Vec::new();
    for (reg, source, plan) in jobs {
        let total: usize = plan.iter().map(|k: &Keyed| k.windows.len()).sum();
        let bar = progress.add(ProgressBar::new(total as u64));
        bar.set_style(
            ProgressStyle::with_template("{prefix:>14} {bar:30} {pos}/{len} windows {msg}").expect("valid template"),
        );
        bar.set_prefix(reg.name);
        let ctx = FetchCtx { http: http.clone(), stats: Arc::new(HttpStats::default()) };
        let writer = writer.handle();
        let limit = reg.history_limit.map(str::to_string);
        let (name, instance) = (reg.name, source.instance());
        tasks.push((name, instance, limit.clone(), tokio::spawn(crawl_source(source, ctx, plan, writer, bar, limit))));
    }
    let mut records = unbuilt;
    for (name, instance, history_limit, task) in tasks {
        // A source whose task panicked (a bug) fails alone: the other sources' records and batches still land.
        records.push(task.await.unwrap_or_else(|e| {
            tracing::error!(source = %instance, error = %e, "source crawl panicked");
            CrawlRunRecord::failed(name, instance, history_limit, format!("the crawl panicked: {e}"))
        }));
    }
    let store = writer.finish().await?;
    for r in &records {
        store.record_crawl_run(run_id, r)?;
    }
    Ok((store, records))
}

/// One key's share of a source's crawl.
struct Keyed {
    key: String,
    windows: Vec<Window>,
    /// Whether its finished windows move the key's cursor.
    moves_cursor: bool,
}

/// Crawls one source: each key's windows in time order, each window committed with its cursor when the key's cursor
/// moves.
async fn crawl_source(
    source: Box<dyn Source>,
    ctx: FetchCtx,
    plan: Vec<Keyed>,
    writer: writer::Handle,
    bar: ProgressBar,
    history_limit: Option<String>,
) -> CrawlRunRecord {
    let instance = source.instance();
    let mut rec = CrawlRunRecord {
        source: source.name().to_string(),
        instance: instance.clone(),
        started_at: Utc::now(),
        ok: true,
        history_limit,
        window_start: plan.iter().filter_map(|k| k.windows.first().map(|w| w.since)).min(),
        window_end: plan.iter().filter_map(|k| k.windows.last().map(|w| w.until)).max(),
        ..CrawlRunRecord::default()
    };
    // Keys that failed, per host: two failures on one host make it look unreachable, and its other keys wait for
    // the next run; keys on other hosts (a list of feeds from many sites) go on. A key the host answered and refused
    // (`http::Refused::of_request`: a query the API rejects) says nothing of the host and is not counted: two such
    // keys, first in every run's order, would otherwise keep the keys after them from ever being crawled. A 401 or
    // 403 (a token, plan or quota missing) refuses every key alike, and counts.
    let mut failed: HashMap<String, u32> = HashMap::new();
    for Keyed { key, windows, moves_cursor } in plan {
        // A key may be a feed URL with a token in it: logs and crawl_runs show it masked.
        let shown = crate::http::shown_url(&key);
        // A key that is a URL (a feed) is fetched from its own host; search terms share the source's, as "".
        let host = crate::http::host_of(&key);
        if failed.get(&host).is_some_and(|n| *n >= 2) {
            tracing::debug!(source = %instance, key = %shown, "skipped: two keys on this host already failed");
            continue;
        }
        let mut stack: Vec<Window> = windows.into_iter().rev().collect();
        while let Some(window) = stack.pop() {
            ctx.stats.begin_window();
            let page = match source.fetch(&ctx, &key, window).await {
                Ok(p) => p,
                Err(e) => {
                    tracing::warn!(source = %instance, key = %shown, error = %format!("{e:#}"), "window failed; the rest of this key waits for the next run");
                    rec.ok = false;
                    rec.errors += 1;
                    let refused =
                        e.chain().filter_map(|c| c.downcast_ref::<crate::http::Refused>()).any(|r| r.of_request());
                    if !refused {
                        let failures = failed.entry(host.clone()).or_default();
                        *failures += 1;
                        if *failures == 2 {
                            tracing::warn!(source = %instance, host = %host, "two keys on this host failed: it looks unreachable, its other keys wait for the next run");
                        }
                    }
                    rec.error.get_or_insert_with(|| format!("{shown}: {e:#}"));
                    break;
                }
            };
            rec.pages += page.pages;
            if page.capped {
                if let Some((a, b)) = split(window, source.granularity()) {
                    stack.push(b);
                    stack.push(a);
                    bar.inc_length(1);
                    continue;
                }
                tracing::warn!(source = %instance, key = %shown, since = %window.since, "the API capped a window that cannot be split further; some items may be missing");
            }
            rec.fetched += page.mentions.len() as u64;
            let done_until = moves_cursor.then_some(window.until);
            // The cursor is stored under the key as logs show it: a private feed's token never lands in the store
            // that brand teams query.
            match writer.write(page.mentions, instance.clone(), shown.clone(), done_until).await {
                Ok(out) => {
                    rec.new += out.new;
                    rec.duplicates += out.duplicates;
                }
                Err(e) => {
                    rec.ok = false;
                    rec.errors += 1;
                    rec.error.get_or_insert_with(|| format!("storing: {e:#}"));
                    break;
                }
            }
            bar.inc(1);
            bar.set_message(format!("{} new", rec.new));
        }
    }
    rec.requests = ctx.stats.requests.load(Ordering::Relaxed);
    rec.retries = ctx.stats.retries.load(Ordering::Relaxed);
    rec.rate_limit_waits = ctx.stats.rate_limit_waits.load(Ordering::Relaxed);
    rec.finished_at = Utc::now();
    bar.finish_and_clear();
    tracing::info!(source = %rec.instance, ok = rec.ok, fetched = rec.fetched, new = rec.new, duplicates = rec.duplicates, requests = rec.requests, retries = rec.retries, "source done");
    rec
}
