//! Enrichment scores: which mentions still need scoring, and the batch write of their scores.

use anyhow::{Context, Result};
use chrono::Utc;
use duckdb::params;

use super::{ts, Store};

/// The scores of one mention, as stored in `mention_scores`.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRow {
    /// Source of the mention.
    pub source: String,
    /// Id of the mention within its source.
    pub source_id: String,
    /// Detected language.
    pub lang: Option<String>,
    /// Compound sentiment in [-1, 1]; `None` when the language is not scored.
    pub sentiment: Option<f64>,
    /// negative | neutral | positive.
    pub sentiment_label: Option<String>,
    /// Top emotion or `none`.
    pub emotion: Option<String>,
    /// Scores in the order of `enrich::emotion::EMOTIONS` (anger, disgust, fear, joy, sadness, surprise, confusion).
    pub emotions: Option<[f64; 7]>,
}

/// A mention waiting for scores: its key, the language the platform reported, title and text.
#[derive(Debug, Clone)]
pub struct Unscored {
    /// Source of the mention.
    pub source: String,
    /// Id of the mention within its source.
    pub source_id: String,
    /// Language reported by the platform.
    pub lang_hint: Option<String>,
    /// Title and text joined (already redacted at write time).
    pub text: String,
}

impl Store {
    /// Up to `limit` mentions without scores from `scorer` (new ones, or scored by an older scorer version).
    pub fn unscored(&self, scorer: &str, limit: usize) -> Result<Vec<Unscored>> {
        let mut stmt = self.conn.prepare(
            "SELECT m.source, m.source_id, m.language, coalesce(m.title || '\n', '') || m.text
             FROM mentions m LEFT JOIN mention_scores s USING (source, source_id)
             WHERE s.source IS NULL OR s.scorer <> ? LIMIT ?",
        )?;
        let rows = stmt.query_map(params![scorer, limit as i64], |r| {
            Ok(Unscored { source: r.get(0)?, source_id: r.get(1)?, lang_hint: r.get(2)?, text: r.get(3)? })
        })?;
        rows.collect::<Result<Vec<_>, _>>().context("reading unscored mentions")
    }

    /// Writes scores in one transaction, replacing older scores of the same mentions.
    pub fn write_scores(&self, scorer: &str, rows: &[ScoreRow]) -> Result<u64> {
        let now = ts(Utc::now());
        self.in_transaction(|conn| {
            {
                let mut app = conn.appender_to_catalog_and_db("staging_scores", "temp", "main")?;
                for r in rows {
                    let at = |i: usize| r.emotions.map(|e| e[i]);
                    app.append_row(params![
                        r.source,
                        r.source_id,
                        r.lang,
                        r.sentiment,
                        r.sentiment_label,
                        r.emotion,
                        at(0),
                        at(1),
                        at(2),
                        at(3),
                        at(4),
                        at(5),
                        at(6),
                        scorer,
                        now,
                    ])?;
                }
                app.flush()?;
            }
            conn.execute_batch(
                "INSERT OR REPLACE INTO mention_scores SELECT * FROM staging_scores; DELETE FROM staging_scores;",
            )?;
            Ok(rows.len() as u64)
        })
        .context("writing scores")
    }
}
