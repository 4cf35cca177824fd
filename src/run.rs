//! One pipeline run: crawl → enrich → match brands → analyze → report, each stage reading what the last one stored.

use std::path::PathBuf;

use anyhow::Result;
use chrono::NaiveDate;
use rayon::prelude::*;

use crate::analytics;
use crate::crawl::{self, CrawlOptions};
use crate::enrich::Enricher;
use crate::pipeline::Pipeline;
use crate::query::{Matcher, Query};
use crate::report;
use crate::store::{new_run_id, CrawlRunRecord, RunStatus, ScoreRow, Store, Unscored};

/// What a run does beyond the defaults.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Crawl options (sources, since, backfill, now).
    pub crawl: CrawlOptions,
    /// Report this ISO week (its Monday) instead of the last complete one.
    pub week: Option<NaiveDate>,
    /// Skip the crawl: re-match, re-analyze and re-report what is stored.
    pub skip_crawl: bool,
}

/// What a run did.
#[derive(Debug)]
pub struct RunOutcome {
    /// The run's id in `runs`.
    pub run_id: String,
    /// One record per crawled source.
    pub sources: Vec<CrawlRunRecord>,
    /// Report files written.
    pub reports: Vec<PathBuf>,
    /// Mentions in the store after the run.
    pub mentions: i64,
    /// How it ended, as stored in `runs.status`: `Partial` when some source failed, `Failed` when every one did.
    pub status: RunStatus,
}

/// Runs every stage of `pipeline`.
pub async fn run(pipeline: &Pipeline, opts: &RunOptions) -> Result<RunOutcome> {
    if let Some(week) = opts.week {
        report::check_week(week, opts.crawl.now)?;
    }
    // Without the crawl (`hark report`) the run reads what crawls stored: a store that is not there is a mistyped
    // path, not an empty store to create (that would exit 0 with no report).
    if opts.skip_crawl && !pipeline.store.exists() {
        anyhow::bail!(
            "no store at {}: `hark report` reads a store that `hark run` or `hark crawl` wrote (check `store` in the \
             pipeline file)",
            pipeline.store.display()
        );
    }
    let store = Store::open(&pipeline.store)?;
    let run_id = new_run_id();
    store.begin_run(&run_id, &pipeline.name, if opts.skip_crawl { "report" } else { "run" })?;
    let (store, sources) = if opts.skip_crawl {
        (store, Vec::new())
    } else {
        crawl::crawl(pipeline, store, &run_id, &opts.crawl)
            .await
            .inspect_err(|e| record_failed_run(&pipeline.store, &run_id, e))?
    };
    // Everything after the crawl fails into `result`, so that the run's row is finished either way (never left
    // `running`); the crawl reads the brands from the pipeline, not from the store.
    let result = refresh(pipeline, &store, &run_id)
        .and_then(|sov| report::write_weekly(pipeline, &store, &sov.rows, opts.week, opts.crawl.now));
    // Every source failing is a failed run (nothing new landed), even though the report was written from what the
    // store already held.
    let status = if result.is_err() { RunStatus::Failed } else { RunStatus::of_crawl(&sources) };
    let detail = match &result {
        Err(e) => Some(format!("{e:#}")),
        Ok(_) if status == RunStatus::Failed => {
            Some("every source failed before storing anything; the report shows earlier data".into())
        }
        Ok(_) => None,
    };
    store.finish_run(&run_id, status, detail.as_deref())?;
    let reports = result?;
    Ok(RunOutcome { run_id, sources, reports, mentions: store.mention_count()?, status })
}

/// Marks run `run_id` failed with `error` when the crawl, which took the store, could not run, so that its
/// `runs` row does not stay `running`; the store is opened again for it. A failure to do so is only logged: the
/// crawl's own error is what the caller reports.
pub fn record_failed_run(store_path: &std::path::Path, run_id: &str, error: &anyhow::Error) {
    let finished =
        Store::open(store_path).and_then(|s| s.finish_run(run_id, RunStatus::Failed, Some(&format!("{error:#}"))));
    if let Err(e) = finished {
        tracing::warn!(run_id, error = %format!("{e:#}"), "could not mark the failed run in the store");
    }
}

/// Brand names in pipeline order.
pub fn brand_names(pipeline: &Pipeline) -> Vec<String> {
    pipeline.brands.iter().map(|b| b.name.clone()).collect()
}

/// Stores the pipeline's brands so SQL views know every brand, even one with no mention yet.
pub fn save_brands(pipeline: &Pipeline, store: &Store) -> Result<()> {
    let rows: Vec<(String, bool, String)> =
        pipeline.brands.iter().map(|b| (b.name.clone(), b.competitor, b.query.text().to_owned())).collect();
    store.save_brands(&rows)
}

/// Matches every stored mention against the compiled brand queries and replaces `mention_brands`.
pub fn match_brands(pipeline: &Pipeline, store: &Store) -> Result<u64> {
    let queries: Vec<&Query> = pipeline.brands.iter().map(|b| &b.query).collect();
    let matcher = Matcher::new(&queries, pipeline.matching);
    store.replace_mention_brands(|m| {
        matcher.matches(&m.doc()).into_iter().map(|b| pipeline.brands[b].name.clone()).collect()
    })
}

/// What a store needs after new mentions land (a crawl, an import), short of the report: the pipeline's brands
/// saved, the mentions that lack this scorer's scores scored, every mention matched against the brands again, and
/// the share of voice recomputed (run `run_id`), so that `sov_weekly` agrees with the `share_of_voice` view.
pub fn refresh(pipeline: &Pipeline, store: &Store, run_id: &str) -> Result<analytics::SovResult> {
    save_brands(pipeline, store)?;
    let scored = enrich_mentions(store, &Enricher::new())?;
    let matched = match_brands(pipeline, store)?;
    tracing::info!(scored, matched, "mentions enriched and brands matched");
    analytics::share_of_voice(store, &brand_names(pipeline), run_id)
}

/// The scorer version written with every score; a new version re-scores the store on the next run. The revision
/// after `+scoring.` goes up whenever scores change without a release (a retrained model, new language rules).
pub const SCORER: &str = concat!("hark-", env!("CARGO_PKG_VERSION"), "+scoring.19");

/// Scores every mention that has no scores from this scorer yet: language, sentiment and emotions. Reads and
/// writes in chunks, so memory stays flat however large the backlog; each chunk is scored on every core.
pub fn enrich_mentions(store: &Store, enricher: &Enricher) -> Result<u64> {
    const CHUNK: usize = 20_000;
    let mut written = 0;
    loop {
        let todo = store.unscored(SCORER, CHUNK)?;
        let rows: Vec<ScoreRow> = todo.into_par_iter().map(|u| score_row(enricher, u)).collect();
        written += store.write_scores(SCORER, &rows)?;
        if rows.len() < CHUNK {
            return Ok(written);
        }
    }
}

/// One mention's scores; its text was redacted when it was stored.
fn score_row(enricher: &Enricher, u: Unscored) -> ScoreRow {
    let (lang, scores) = enricher.score_redacted(&u.text, u.lang_hint.as_deref());
    let stored = scores.map(|s| s.stored());
    let emotions = stored.and_then(|s| s.emotions);
    ScoreRow {
        source: u.source,
        source_id: u.source_id,
        lang,
        sentiment: stored.map(|s| s.sentiment),
        sentiment_label: stored.map(|s| s.label.as_str().to_string()),
        emotion: emotions.map(|(_, top)| top.to_string()),
        emotions: emotions.map(|(e, _)| e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_scores_are_their_three_decimals() {
        let text = "I love this phone, the camera is great".to_string();
        let u = Unscored { source: "hn".into(), source_id: "1".into(), lang_hint: None, text };
        let row = score_row(&Enricher::new(), u);
        // As DuckDB prints a DOUBLE: 0.162, never the f32's 0.16200000047683716.
        let three = |v: f64| format!("{v}").split_once('.').is_none_or(|(_, decimals)| decimals.len() <= 3);
        assert_eq!((row.lang.as_deref(), row.sentiment_label.as_deref()), (Some("en"), Some("positive")));
        assert!(row.sentiment.is_some_and(three), "{:?}", row.sentiment);
        assert!(row.emotions.is_some_and(|e| e.into_iter().all(three)), "{:?}", row.emotions);
    }
}
