//! Runs, per-source crawl records and the audit log: what ran, what it fetched, and who did what.

use anyhow::Result;
use chrono::{DateTime, Utc};
use duckdb::params;
use duckdb::types::Value;

use super::{ts, Store};

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunStatus {
    /// Still going (or crashed).
    Running,
    /// Everything worked.
    Ok,
    /// Some sources failed; the rest landed.
    Partial,
    /// Nothing could be done, or every source failed.
    Failed,
}

impl RunStatus {
    /// The word stored in `runs.status`.
    pub fn as_str(self) -> &'static str {
        match self {
            RunStatus::Running => "running",
            RunStatus::Ok => "ok",
            RunStatus::Partial => "partial",
            RunStatus::Failed => "failed",
        }
    }

    /// How a crawl of these sources ended: `Ok` when none failed (or there were none), `Failed` when every one
    /// did and none stored a batch first (nothing landed), else `Partial`: a source that committed windows before
    /// one failed has landed data.
    pub fn of_crawl(records: &[CrawlRunRecord]) -> RunStatus {
        let landed = |r: &CrawlRunRecord| r.ok || r.new > 0 || r.duplicates > 0;
        match (records.iter().any(landed), records.iter().any(|r| !r.ok)) {
            (_, false) => RunStatus::Ok,
            (false, true) => RunStatus::Failed,
            (true, true) => RunStatus::Partial,
        }
    }

    /// The process exit code that says this to a scheduler: 0 ok, 1 partial, 2 could not run (or never ended).
    pub fn exit_code(self) -> u8 {
        match self {
            RunStatus::Ok => 0,
            RunStatus::Partial => 1,
            RunStatus::Failed | RunStatus::Running => 2,
        }
    }
}

/// One source's share of a crawl run, as stored in `crawl_runs`.
#[derive(Debug, Clone, Default)]
pub struct CrawlRunRecord {
    /// Registry name.
    pub source: String,
    /// Configured instance (cursor namespace).
    pub instance: String,
    /// When the source started.
    pub started_at: DateTime<Utc>,
    /// When it ended.
    pub finished_at: DateTime<Utc>,
    /// Whether every key and window was fetched.
    pub ok: bool,
    /// Requests sent.
    pub requests: u64,
    /// Retries.
    pub retries: u64,
    /// Rate-limit waits.
    pub rate_limit_waits: u64,
    /// Pages read.
    pub pages: u64,
    /// Items fetched inside the windows.
    pub fetched: u64,
    /// Items new to the store.
    pub new: u64,
    /// Items already stored.
    pub duplicates: u64,
    /// Keys or windows that failed.
    pub errors: u64,
    /// Earliest instant asked for.
    pub window_start: Option<DateTime<Utc>>,
    /// Latest instant asked for.
    pub window_end: Option<DateTime<Utc>>,
    /// Why the source cannot reach the full history, if it cannot.
    pub history_limit: Option<String>,
    /// The first error, if any.
    pub error: Option<String>,
}

impl CrawlRunRecord {
    /// The record of a source that failed without crawling (it could not start, or its task panicked).
    pub fn failed(source: &str, instance: String, history_limit: Option<String>, error: String) -> CrawlRunRecord {
        let now = Utc::now();
        CrawlRunRecord {
            source: source.to_string(),
            instance,
            started_at: now,
            finished_at: now,
            ok: false,
            errors: 1,
            error: Some(error),
            history_limit,
            ..CrawlRunRecord::default()
        }
    }
}

fn ts_opt(t: Option<DateTime<Utc>>) -> Value {
    t.map_or(Value::Null, ts)
}

impl Store {
    /// Records the start of a run with its audit entry, in one transaction: a run whose audit entry could not be
    /// written is not left `running` for ever.
    pub fn begin_run(&self, run_id: &str, pipeline: &str, command: &str) -> Result<()> {
        self.in_transaction(|conn| {
            conn.execute(
                "INSERT INTO runs VALUES (?, ?, ?, ?, NULL, 'running', NULL)",
                params![run_id, pipeline, command, ts(Utc::now())],
            )?;
            self.audit("hark", command, Some(run_id), &serde_json::json!({ "pipeline": pipeline }))
        })
    }

    /// Records how a run ended.
    pub fn finish_run(&self, run_id: &str, status: RunStatus, detail: Option<&str>) -> Result<()> {
        self.conn.execute(
            "UPDATE runs SET finished_at = ?, status = ?, detail = ? WHERE run_id = ?",
            params![ts(Utc::now()), status.as_str(), detail, run_id],
        )?;
        Ok(())
    }

    /// Stores one source's crawl record.
    pub fn record_crawl_run(&self, run_id: &str, r: &CrawlRunRecord) -> Result<()> {
        self.conn.execute(
            "INSERT OR REPLACE INTO crawl_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            params![
                run_id,
                r.source,
                r.instance,
                ts(r.started_at),
                ts(r.finished_at),
                if r.ok { "ok" } else { "failed" },
                r.requests as i64,
                r.retries as i64,
                r.rate_limit_waits as i64,
                r.pages as i64,
                r.fetched as i64,
                r.new as i64,
                r.duplicates as i64,
                r.errors as i64,
                ts_opt(r.window_start),
                ts_opt(r.window_end),
                r.history_limit,
                r.error,
            ],
        )?;
        Ok(())
    }

    /// Appends to the audit log.
    pub fn audit(&self, actor: &str, action: &str, run_id: Option<&str>, details: &serde_json::Value) -> Result<()> {
        self.conn.execute(
            "INSERT INTO audit_log (logged_at, actor, action, run_id, details) VALUES (?, ?, ?, ?, ?)",
            params![ts(Utc::now()), actor, action, run_id, details.to_string()],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crawl_where_every_source_failed_could_not_run() {
        let rec = |ok| CrawlRunRecord { ok, ..CrawlRunRecord::default() };
        let status = |oks: &[bool]| RunStatus::of_crawl(&oks.iter().map(|ok| rec(*ok)).collect::<Vec<_>>());
        assert_eq!(status(&[]), RunStatus::Ok);
        assert_eq!(status(&[true, true]), RunStatus::Ok);
        assert_eq!(status(&[true, false]), RunStatus::Partial);
        assert_eq!(status(&[false, false]), RunStatus::Failed);
        // A source that stored batches before a later window failed has landed data: partial, not failed.
        let landed_then_failed = CrawlRunRecord { ok: false, new: 40, ..CrawlRunRecord::default() };
        assert_eq!(RunStatus::of_crawl(&[landed_then_failed, rec(false)]), RunStatus::Partial);
        assert_eq!([RunStatus::Ok, RunStatus::Partial, RunStatus::Failed].map(RunStatus::exit_code), [0, 1, 2]);
    }

    /// A run starts with its audit entry or not at all: when the audit log cannot be written, no run is left
    /// `running` with no one to finish it.
    #[test]
    fn a_run_starts_with_its_audit_entry() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s.duckdb")).unwrap();
        let runs =
            |store: &Store| -> i64 { store.conn().query_row("SELECT count(*) FROM runs", [], |r| r.get(0)).unwrap() };
        store.conn().execute_batch("ALTER TABLE audit_log RENAME TO audit_log_away").unwrap();
        assert!(store.begin_run("r1", "p", "crawl").is_err());
        assert_eq!(runs(&store), 0);
        store.conn().execute_batch("ALTER TABLE audit_log_away RENAME TO audit_log").unwrap();
        store.begin_run("r2", "p", "crawl").unwrap();
        assert_eq!(runs(&store), 1);
        let audits: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM audit_log WHERE run_id = 'r2' AND action = 'crawl'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(audits, 1);
    }
}
