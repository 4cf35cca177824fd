//! The commands that work on a pipeline's store: run, report, crawl and import.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::{finish, parse_week};
use crate::crawl::CrawlOptions;
use crate::import::ImportFormat;
use crate::pipeline::Pipeline;
use crate::run::RunOptions;
use crate::store::{new_run_id, RunStatus, Store};

/// `hark run`: crawl, enrich, match, analyze, report.
pub async fn run(pipeline: &Path, week: Option<String>, backfill: bool, progress: bool) -> Result<ExitCode> {
    let p = Pipeline::load(pipeline)?;
    let mut crawl = CrawlOptions::new();
    crawl.backfill = backfill;
    crawl.progress = progress;
    let opts = RunOptions { crawl, week: week.as_deref().map(parse_week).transpose()?, skip_crawl: false };
    Ok(finish(&crate::run::run(&p, &opts).await?))
}

/// `hark report`: every stage but the crawl.
pub async fn report(pipeline: &Path, week: Option<String>) -> Result<ExitCode> {
    let p = Pipeline::load(pipeline)?;
    let opts =
        RunOptions { week: week.as_deref().map(parse_week).transpose()?, skip_crawl: true, ..RunOptions::default() };
    Ok(finish(&crate::run::run(&p, &opts).await?))
}

/// `hark crawl`: the crawl alone; prints one line per source and exits 1 when some failed, 2 when all did.
pub async fn crawl(
    pipeline: &Path,
    source: Option<String>,
    since: Option<String>,
    backfill: bool,
    progress: bool,
) -> Result<ExitCode> {
    let p = Pipeline::load(pipeline)?;
    if let Some(s) = &source {
        anyhow::ensure!(p.sources.iter().any(|e| e.kind == s), "{} has no source of type {s}", pipeline.display());
    }
    let mut opts = CrawlOptions::new();
    opts.only_source = source;
    opts.backfill = backfill;
    opts.progress = progress;
    opts.since = since
        .map(|s| {
            chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d")
                .with_context(|| format!("--since {s}: expected YYYY-MM-DD"))
        })
        .transpose()?
        .map(|d| d.and_hms_opt(0, 0, 0).expect("midnight").and_utc());
    let store = Store::open(&p.store)?;
    let run_id = new_run_id();
    store.begin_run(&run_id, &p.name, "crawl")?;
    let (store, records) = crate::crawl::crawl(&p, store, &run_id, &opts)
        .await
        .inspect_err(|e| crate::run::record_failed_run(&p.store, &run_id, e))?;
    let status = RunStatus::of_crawl(&records);
    let detail = (status == RunStatus::Failed).then_some("every source failed before storing anything");
    store.finish_run(&run_id, status, detail)?;
    for r in &records {
        let status = if r.ok { "ok" } else { "FAILED" };
        let limit = r.history_limit.as_deref().map(|l| format!("\tlimited: {l}")).unwrap_or_default();
        let line = format!(
            "{}\t{status}\tfetched {}\tnew {}\tduplicates {}{limit}",
            r.instance, r.fetched, r.new, r.duplicates
        );
        super::print_result(line);
    }
    Ok(ExitCode::from(status.exit_code()))
}

/// `hark import`: an export file into the store, through the crawl's write path, then enriched, matched and counted
/// in the share of voice like crawled mentions (the report is left to the next `hark run` or `hark report`).
pub fn import(
    pipeline: &Path,
    file: &Path,
    format: Option<ImportFormat>,
    map: &[(String, String)],
) -> Result<ExitCode> {
    let p = Pipeline::load(pipeline)?;
    let format = format.unwrap_or_else(|| ImportFormat::guess(file));
    let outcome = crate::import::import_file(&p, file, format, map)?;
    super::print_result(outcome);
    Ok(ExitCode::SUCCESS)
}
