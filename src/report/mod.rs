//! The weekly report: figures assembled from the store, charts drawn with plotters, one self-contained HTML file.

mod build;
pub mod charts;
pub mod csv;
pub mod html;
pub mod model;

pub use build::{build_weekly, default_week, iso_week_label, monday_of, parse_week};

use std::path::PathBuf;

use anyhow::{Context, Result};
use chrono::{DateTime, NaiveDate, Utc};

use crate::pipeline::Pipeline;
use crate::store::Store;
use model::SovRow;

/// Refuses to report a week that has not begun: every share would be "n/a" and every source flagged. `run` asks
/// before it crawls.
pub fn check_week(week: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    if week > now.date_naive() {
        anyhow::bail!("week {} has not begun (it starts on {week})", iso_week_label(week));
    }
    Ok(())
}

/// Writes the report of `week` (default: the last complete ISO week) under `<out>/<pipeline>/<ISO week>/`
/// and returns the files written.
pub fn write_weekly(
    pipeline: &Pipeline,
    store: &Store,
    sov: &[SovRow],
    week: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<Vec<PathBuf>> {
    let Some(week) = week.or_else(|| default_week(now, sov)) else {
        tracing::warn!("no brand mention in the store yet: no report written");
        return Ok(Vec::new());
    };
    // A week still running compares a few days with a whole week, so every source looks like it dropped.
    let today = now.date_naive();
    if week + chrono::Days::new(7) > today {
        tracing::warn!(
            "week {} is not over: its figures cover {} of 7 days, compared with the whole week before",
            iso_week_label(week),
            (today - week).num_days()
        );
    }
    let report = build_weekly(pipeline, store, sov, week)?;
    let template = match &pipeline.report.template {
        Some(path) => {
            std::fs::read_to_string(path).with_context(|| format!("reading report template {}", path.display()))?
        }
        None => html::DEFAULT_TEMPLATE.to_string(),
    };
    let dir = pipeline.report.out.join(&pipeline.name).join(&report.iso_week);
    html::write_report(&report, &template, &dir).with_context(|| format!("writing the report to {}", dir.display()))
}
