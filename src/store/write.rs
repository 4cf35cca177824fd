//! The write path: mention batches appended through a staging table in one transaction with their cursor.

use std::collections::hash_map::{Entry, HashMap};

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

/// Mentions read at a time by [`Store::replace_mention_brands`].
const MATCH_CHUNK: usize = 20_000;

/// What brand queries read of a stored mention.
#[derive(Debug)]
pub struct Matchable {
    /// Source name.
    pub source: String,
    /// The source's id.
    pub source_id: String,
    /// Headline or thread title.
    pub title: Option<String>,
    /// Redacted text.
    pub text: String,
    /// Pseudonymised author.
    pub author: Option<String>,
    /// Link.
    pub url: Option<String>,
    /// Detected language, else the source's.
    pub lang: Option<String>,
}

impl Matchable {
    /// The mention as the brand matcher reads it (`source_id` is the caller's, to record the match).
    pub fn doc(&self) -> crate::query::Doc<'_> {
        crate::query::Doc {
            title: self.title.as_deref(),
            text: &self.text,
            author: self.author.as_deref(),
            source: Some(&self.source),
            url: self.url.as_deref(),
            lang: self.lang.as_deref(),
        }
    }
}

/// Raises the engagement counts of stored mentions to those of the staged batch where these are higher: counts
/// grow as a post lives, so the higher one is the later; an import of an older export, or a second Mastodon
/// instance that has seen fewer of a federated status's favourites, never rolls them back. A missing count (`NULL`)
/// leaves the stored one (DuckDB's `greatest` skips NULLs). (A count that really fell, a Reddit score voted down, keeps its peak.)
const REFRESH_COUNTS: &str = "UPDATE mentions SET
        likes = greatest(s.likes, mentions.likes),
        replies = greatest(s.replies, mentions.replies),
        reposts = greatest(s.reposts, mentions.reposts),
        score = greatest(s.score, mentions.score)
    FROM staging_mentions s
    WHERE mentions.source = s.source AND mentions.source_id = s.source_id
      AND (s.likes > coalesce(mentions.likes, s.likes - 1)
        OR s.replies > coalesce(mentions.replies, s.replies - 1)
        OR s.reposts > coalesce(mentions.reposts, s.reposts - 1)
        OR s.score > coalesce(mentions.score, s.score - 1))";

impl Store {
    /// Appends a batch and, in the same transaction, moves a cursor: a crash either keeps both or neither,
    /// so a cursor never points past data that was not committed. Mentions already stored are counted as
    /// duplicates and keep their text, but take the batch's engagement counts (likes, replies, reposts, score)
    /// where these are higher ([`REFRESH_COUNTS`]): a re-crawl brings a post's counts up to date.
    pub fn write_batch(
        &self,
        run_id: &str,
        mentions: &[Mention],
        cursor: Option<(&str, &str, DateTime<Utc>)>,
    ) -> Result<BatchOutcome> {
        // A mention given twice in one batch (an export with repeats, pages that overlap) is one row, its first
        // copy, with the highest of the copies' counts, as a re-crawl in a later batch would leave it.
        let mut seen: HashMap<(&str, &str), usize> = HashMap::with_capacity(mentions.len());
        let mut unique: Vec<(&Mention, [Option<i64>; 4])> = Vec::with_capacity(mentions.len());
        for m in mentions {
            let counts = [m.likes, m.replies, m.reposts, m.score];
            match seen.entry((m.source.as_str(), m.source_id.as_str())) {
                Entry::Occupied(at) => {
                    for (kept, c) in unique[*at.get()].1.iter_mut().zip(counts) {
                        *kept = (*kept).max(c);
                    }
                }
                Entry::Vacant(slot) => {
                    slot.insert(unique.len());
                    unique.push((m, counts));
                }
            }
        }
        let in_batch_dupes = (mentions.len() - unique.len()) as u64;
        let now = Utc::now();
        let written = self.in_transaction(|conn| {
            {
                let mut app = conn.appender_to_catalog_and_db("staging_mentions", "temp", "main")?;
                for (m, [likes, replies, reposts, score]) in &unique {
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
                        likes,
                        replies,
                        reposts,
                        score,
                        m.thread_id,
                        m.parent_id,
                        ts(now),
                        run_id,
                    ])?;
                }
                app.flush()?;
            }
            let inserted = conn.execute("INSERT OR IGNORE INTO mentions SELECT * FROM staging_mentions", [])?;
            if inserted < unique.len() {
                // Only a batch with mentions already stored pays for this join (a first crawl's batches do not).
                conn.execute(REFRESH_COUNTS, [])?;
            }
            conn.execute("DELETE FROM staging_mentions", [])?;
            // A cursor only moves forward: a `--backfill` or `--since` run walks old windows first, and would
            // otherwise leave the cursor there if it died, so that the next run crawled months again.
            if let Some((instance, key, done_until)) = cursor {
                conn.execute(
                    "INSERT INTO cursors VALUES (?, ?, ?, ?, ?) ON CONFLICT (instance, key) DO UPDATE SET
                     done_until = greatest(cursors.done_until, excluded.done_until), run_id = excluded.run_id,
                     updated_at = excluded.updated_at",
                    params![instance, key, ts(done_until), run_id, ts(now)],
                )?;
            }
            Ok(inserted as u64)
        });
        let new = written.context("appending a batch")?;
        Ok(BatchOutcome { new, duplicates: unique.len() as u64 - new + in_batch_dupes })
    }

    /// Deletes the mentions `run_id` added, for a run that lands whole or not at all (an import whose load failed
    /// half-way); the engagement counts it raised on mentions stored before stay raised, as a re-crawl's would.
    pub fn remove_run_mentions(&self, run_id: &str) -> Result<u64> {
        let removed = self.conn.execute("DELETE FROM mentions WHERE run_id = ?", [run_id]);
        Ok(removed.with_context(|| format!("removing the mentions of run {run_id}"))? as u64)
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

    /// Replaces every brand match with the brands `brands_of` finds in each stored mention, in one transaction:
    /// readers see the old set or the new one. Mentions are read [`MATCH_CHUNK`] rows at a time and their matches
    /// appended as they come, instead of every match held until the end.
    pub fn replace_mention_brands(&self, brands_of: impl Fn(&Matchable) -> Vec<String>) -> Result<u64> {
        self.in_transaction(|conn| {
            conn.execute_batch("DELETE FROM mention_brands")?;
            let last: i64 = conn.query_row("SELECT coalesce(max(rowid), -1) FROM mentions", [], |r| r.get(0))?;
            let mut stmt = conn.prepare(
                "SELECT source, source_id, title, text, author, url, coalesce(s.lang, m.language) FROM mentions m \
                 LEFT JOIN mention_scores s USING (source, source_id) WHERE m.rowid >= ? AND m.rowid < ?",
            )?;
            let mut matched = 0u64;
            for start in (0..=last).step_by(MATCH_CHUNK) {
                let chunk: Vec<Matchable> = stmt
                    .query_map(params![start, start + MATCH_CHUNK as i64], |r| {
                        Ok(Matchable {
                            source: r.get(0)?,
                            source_id: r.get(1)?,
                            title: r.get(2)?,
                            text: r.get(3)?,
                            author: r.get(4)?,
                            url: r.get(5)?,
                            lang: r.get(6)?,
                        })
                    })?
                    .collect::<duckdb::Result<_>>()?;
                let mut app = conn.appender("mention_brands")?;
                for m in &chunk {
                    for brand in brands_of(m) {
                        app.append_row(params![m.source, m.source_id, brand])?;
                        matched += 1;
                    }
                }
                app.flush()?;
            }
            Ok(matched)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A re-crawled post keeps its text and first fetch but takes its higher counts; a count the platform no
    /// longer gives stays as stored, and a lower one (an older export imported) does not roll it back.
    #[test]
    fn a_recrawl_refreshes_engagement_counts() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s.duckdb")).unwrap();
        let post = |text: &str, likes, score| {
            let mut m = Mention::new("hackernews", "1", Utc::now(), text);
            (m.likes, m.score) = (likes, score);
            m
        };
        let first = store.write_batch("r1", &[post("first text", Some(1), Some(3))], None).unwrap();
        assert_eq!(first, BatchOutcome { new: 1, duplicates: 0 });
        let other = Mention::new("hackernews", "2", Utc::now(), "other");
        let again = store.write_batch("r2", &[post("edited", Some(7), None), other], None).unwrap();
        assert_eq!(again, BatchOutcome { new: 1, duplicates: 1 });
        let row: (String, Option<i64>, Option<i64>, String) = store
            .conn()
            .query_row("SELECT text, likes, score, run_id FROM mentions WHERE source_id = '1'", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .unwrap();
        assert_eq!(row, ("first text".to_string(), Some(7), Some(3), "r1".to_string()));
        let stale = store.write_batch("r3", &[post("first text", Some(2), Some(9))], None).unwrap();
        assert_eq!(stale, BatchOutcome { new: 0, duplicates: 1 });
        let counts: (Option<i64>, Option<i64>) = store
            .conn()
            .query_row("SELECT likes, score FROM mentions WHERE source_id = '1'", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap();
        assert_eq!(counts, (Some(7), Some(9)));
    }

    /// A mention repeated within one batch keeps the highest counts of its copies, wherever they stand.
    #[test]
    fn repeats_in_one_batch_keep_the_highest_counts() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s.duckdb")).unwrap();
        let post = |likes, score| {
            let mut m = Mention::new("x", "1", Utc::now(), "t");
            (m.likes, m.score) = (likes, score);
            m
        };
        let out = store.write_batch("r", &[post(Some(1), None), post(Some(70), Some(2)), post(Some(50), None)], None);
        assert_eq!(out.unwrap(), BatchOutcome { new: 1, duplicates: 2 });
        let counts: (Option<i64>, Option<i64>) =
            store.conn().query_row("SELECT likes, score FROM mentions", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        assert_eq!(counts, (Some(70), Some(2)));
    }

    /// Brand matches are replaced whole, chunk after chunk of mentions: every mention past the first chunk is read,
    /// and a second matching leaves only its own matches.
    #[test]
    fn brand_matches_cover_every_chunk_and_replace_the_old_set() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s.duckdb")).unwrap();
        let n = MATCH_CHUNK + 8;
        let mentions: Vec<Mention> =
            (0..n).map(|i| Mention::new("x", i.to_string(), Utc::now(), format!("post {i}"))).collect();
        store.write_batch("r", &mentions, None).unwrap();
        let count = |sql: &str| -> i64 { store.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
        let sevens =
            store.replace_mention_brands(|m| if m.source_id.ends_with('7') { vec!["A".into()] } else { vec![] });
        assert_eq!(sevens.unwrap() as usize, (0..n).filter(|i| i % 10 == 7).count());
        assert_eq!(count("SELECT count(*) FROM mention_brands WHERE source_id = '20006'"), 0);
        assert_eq!(count("SELECT count(*) FROM mention_brands WHERE source_id = '20007'"), 1, "past the first chunk");
        let all = store.replace_mention_brands(|_| vec!["B".into()]).unwrap();
        assert_eq!((all as usize, count("SELECT count(*) FROM mention_brands WHERE brand = 'A'")), (n, 0));
    }

    /// Taking a run's mentions out leaves those stored before it, and the counts it raised on them.
    #[test]
    fn a_runs_mentions_come_out_and_earlier_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s.duckdb")).unwrap();
        let post = |id: &str, likes| {
            let mut m = Mention::new("x", id, Utc::now(), "t");
            m.likes = Some(likes);
            m
        };
        store.write_batch("r1", &[post("1", 1), post("2", 1)], None).unwrap();
        store.write_batch("r2", &[post("2", 5), post("3", 1)], None).unwrap();
        store.write_batch("r2", &[post("4", 1)], None).unwrap();
        assert_eq!(store.remove_run_mentions("r2").unwrap(), 2);
        let rows: Vec<(String, i64)> = store
            .conn()
            .prepare("SELECT source_id, likes FROM mentions ORDER BY source_id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(rows, [("1".to_string(), 1), ("2".to_string(), 5)]);
        assert_eq!(store.remove_run_mentions("r2").unwrap(), 0);
    }

    /// A backfill's old windows do not move a cursor back: the next run starts where the crawl had got to.
    #[test]
    fn a_cursor_never_moves_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s.duckdb")).unwrap();
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        let cursor = |until| Some(("hackernews", "acme", at(until)));
        store.write_batch("r1", &[], cursor("2026-11-20T00:00:00Z")).unwrap();
        store.write_batch("r2", &[], cursor("2025-11-01T00:00:00Z")).unwrap();
        assert_eq!(store.cursor("hackernews", "acme").unwrap(), Some(at("2026-11-20T00:00:00Z")));
        store.write_batch("r3", &[], cursor("2026-11-21T00:00:00Z")).unwrap();
        assert_eq!(store.cursor("hackernews", "acme").unwrap(), Some(at("2026-11-21T00:00:00Z")));
    }
}
