//! The write path: mention batches appended through a staging table in one transaction with their cursor.

use std::collections::HashSet;

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use duckdb::{params, Connection};

use super::{ts, Store};
use crate::mention::Mention;

/// What one batch did to the store.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct BatchOutcome {
    /// Mentions not seen before.
    pub new: u64,
    /// Mentions already stored (or repeated inside the batch).
    pub duplicates: u64,
}

/// Creates the connection's temporary staging tables (mentions, and their scores).
pub(super) fn prepare(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS staging_mentions AS SELECT * FROM mentions LIMIT 0;
         CREATE TEMP TABLE IF NOT EXISTS staging_scores AS SELECT * FROM mention_scores LIMIT 0;",
    )?;
    Ok(())
}

impl Store {
    /// Appends a batch and, in the same transaction, moves a cursor: a crash either keeps both or neither,
    /// so a cursor never points past data that was not committed. Mentions already stored are left as
    /// they are (counted as duplicates).
    pub fn write_batch(
        &self,
        run_id: &str,
        mentions: &[Mention],
        cursor: Option<(&str, &str, DateTime<Utc>)>,
    ) -> Result<BatchOutcome> {
        let mut seen = HashSet::with_capacity(mentions.len());
        let unique: Vec<&Mention> =
            mentions.iter().filter(|m| seen.insert((m.source.as_str(), m.source_id.as_str()))).collect();
        let in_batch_dupes = (mentions.len() - unique.len()) as u64;
        let now = Utc::now();
        let written = self.in_transaction(|conn| {
            {
                let mut app = conn.appender_to_catalog_and_db("staging_mentions", "temp", "main")?;
                for m in &unique {
                    app.append_row(params![
                        m.source,
                        m.source_id,
                        m.url,
                        m.author,
                        m.author_id,
                        ts(m.created_at),
                        m.title,
                        m.text,
                        m.lang,
                        m.likes,
                        m.replies,
                        m.reposts,
                        m.score,
                        m.thread_id,
                        m.parent_id,
                        ts(now),
                        run_id,
                    ])?;
                }
                app.flush()?;
            }
            let inserted = conn.execute("INSERT OR IGNORE INTO mentions SELECT * FROM staging_mentions", [])?;
            conn.execute("DELETE FROM staging_mentions", [])?;
            if let Some((instance, key, done_until)) = cursor {
                conn.execute(
                    "INSERT OR REPLACE INTO cursors VALUES (?, ?, ?, ?, ?)",
                    params![instance, key, ts(done_until), run_id, ts(now)],
                )?;
            }
            Ok(inserted as u64)
        });
        let new = written.context("appending a batch")?;
        Ok(BatchOutcome { new, duplicates: unique.len() as u64 - new + in_batch_dupes })
    }

    /// Where the crawl of `key` on `instance` got to: everything before the returned instant is stored.
    pub fn cursor(&self, instance: &str, key: &str) -> Result<Option<DateTime<Utc>>> {
        let mut stmt = self.conn.prepare("SELECT done_until FROM cursors WHERE instance = ? AND key = ?")?;
        let mut rows = stmt.query(params![instance, key])?;
        match rows.next()? {
            Some(row) => Ok(Some(row.get::<_, DateTime<Utc>>(0)?)),
            None => Ok(None),
        }
    }

    /// Replaces the stored brand list (names, competitor flags, queries) with the pipeline's.
    pub fn save_brands(&self, brands: &[(String, bool, String)]) -> Result<()> {
        self.in_transaction(|conn| {
            conn.execute_batch("DELETE FROM brands")?;
            for (i, (name, competitor, query)) in brands.iter().enumerate() {
                conn.execute("INSERT INTO brands VALUES (?, ?, ?, ?)", params![name, competitor, query, i as i32])?;
            }
            Ok(())
        })
    }

    /// Replaces every brand match in one transaction; readers see the old set or the new one.
    pub fn replace_mention_brands(&self, rows: &[(String, String, String)]) -> Result<u64> {
        self.in_transaction(|conn| {
            conn.execute_batch("DELETE FROM mention_brands")?;
            let mut app = conn.appender("mention_brands")?;
            for (source, id, brand) in rows {
                app.append_row(params![source, id, brand])?;
            }
            app.flush()?;
            Ok(rows.len() as u64)
        })
    }
}
