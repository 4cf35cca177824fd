//! What the weekly report shows: the figures the analytics step hands to the renderer.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// One brand of the pipeline, in pipeline-file order (own brands first is not assumed).
#[derive(Debug, Clone, Serialize)]
pub struct BrandInfo {
    /// Brand name as in the pipeline file.
    pub name: String,
    /// Whether the pipeline marks it as a competitor.
    pub competitor: bool,
}

/// Share of voice of one brand in one ISO week (the `share_of_voice` view's row).
#[derive(Debug, Clone, Serialize)]
pub struct SovRow {
    /// Monday of the ISO week.
    pub week: NaiveDate,
    /// Brand name.
    pub brand: String,
    /// Mentions matched to the brand that week.
    pub mentions: i64,
    /// The brand's part of all brand mentions that week, 0..1; `None` when the week has none (undefined, not 0).
    pub share: Option<f64>,
}

/// One line of the report's share-of-voice table for the report week.
#[derive(Debug, Clone, Serialize)]
pub struct SovTableRow {
    /// Brand name.
    pub brand: String,
    /// Whether it is a competitor.
    pub competitor: bool,
    /// Mentions in the report week.
    pub mentions: i64,
    /// Mentions in the week before.
    pub prev_mentions: i64,
    /// Share in the report week, 0..1; NaN (shown "n/a") when the week has no brand mentions at all, where a
    /// share is undefined, not 0.
    pub share: f64,
    /// Share in the week before, 0..1; NaN when that week has no brand mentions (a collection gap, or before the
    /// data starts).
    pub prev_share: f64,
    /// Share change in percentage points (share - prev_share) * 100; NaN when either share is.
    pub change_pp: f64,
}

/// Mentions collected per source in the report week and the week before (collection health at a glance).
#[derive(Debug, Clone, Serialize)]
pub struct SourceRow {
    /// Source registry name.
    pub source: String,
    /// Mentions in the report week.
    pub mentions: i64,
    /// Mentions in the week before.
    pub prev_mentions: i64,
    /// Mentions before that: a configured source with some there and none in either week has stopped collecting.
    pub earlier: i64,
}

impl SourceRow {
    /// Whether the source collected nothing in the report week nor the week before.
    pub fn silent(&self) -> bool {
        self.mentions + self.prev_mentions == 0
    }

    /// Whether it collected before and has fallen [`silent`](SourceRow::silent): a collection gap to flag.
    pub fn stopped(&self) -> bool {
        self.silent() && self.earlier > 0
    }
}

/// Everything one weekly report shows.
#[derive(Debug, Clone, Serialize)]
pub struct WeeklyReport {
    /// Pipeline name.
    pub pipeline: String,
    /// Monday of the report's ISO week.
    pub week: NaiveDate,
    /// ISO week label, e.g. `2026-W47`.
    pub iso_week: String,
    /// When the report was generated.
    pub generated_at: DateTime<Utc>,
    /// Brands in pipeline order.
    pub brands: Vec<BrandInfo>,
    /// Share of voice for every brand and week of the history window, sorted by week then brand.
    pub sov: Vec<SovRow>,
    /// The report week's share-of-voice table, in pipeline brand order.
    pub table: Vec<SovTableRow>,
    /// Mentions per source in the report week, sorted by source.
    pub sources: Vec<SourceRow>,
    /// All mentions in the store.
    pub total_mentions: i64,
    /// All brand-matched mentions in the report week.
    pub week_mentions: i64,
}
