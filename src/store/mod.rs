//! The DuckDB store: schema by version, batch appends, cursors, runs and the audit log.
//!
//! One writer process owns the file; `open_read_only` serves `hark query` and analysts.

mod read;
mod runs;
mod schema;
mod scores;
mod values;
mod write;

pub use read::{OutputFormat, QueryOutput};
pub use runs::{CrawlRunRecord, RunStatus};
pub use schema::SCHEMA_VERSION;
pub use scores::{ScoreRow, Unscored};
pub use values::epoch_day;
pub use write::{BatchOutcome, Matchable};

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use duckdb::types::{TimeUnit, Value};
use duckdb::{AccessMode, Config, Connection};

/// An open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) a store for writing and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        }
        let conn = Connection::open(path).with_context(|| format!("opening store {}", path.display()))?;
        let store = Store { conn, path: path.to_path_buf() };
        schema::migrate(&store.conn).with_context(|| format!("migrating store {}", path.display()))?;
        write::prepare(&store.conn)?;
        Ok(store)
    }

    /// Opens an existing store read-only; fails if it does not exist.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        if !path.exists() {
            anyhow::bail!("no store at {} (run the pipeline first)", path.display());
        }
        let config = Config::default().access_mode(AccessMode::ReadOnly)?;
        let conn = Connection::open_with_flags(path, config)
            .with_context(|| format!("opening store {} read-only", path.display()))?;
        Ok(Store { conn, path: path.to_path_buf() })
    }

    /// The underlying connection, for analytics and tests.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The store file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `body` in one transaction: committed when it returns `Ok`, rolled back when it fails, so readers
    /// see all of it or none of it and a failed write never leaves a transaction open.
    pub(crate) fn in_transaction<T>(&self, body: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.conn.execute_batch("BEGIN TRANSACTION")?;
        match body(&self.conn) {
            Ok(value) => {
                self.conn.execute_batch("COMMIT").context("committing")?;
                Ok(value)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// Number of mentions stored.
    pub fn mention_count(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM mentions", [], |r| r.get(0))?)
    }
}

/// A timestamp as DuckDB stores it (microseconds, UTC).
pub(super) fn ts(t: DateTime<Utc>) -> Value {
    Value::Timestamp(TimeUnit::Microsecond, t.timestamp_micros())
}

/// A new run id: sortable UTC time to the millisecond plus 32 random bits (`20261127T020512.345Z-9f3a06c1`). Run ids
/// are the `runs` table's key, and two runs on one store often begin within a second (a crawl, then an import); with
/// seconds and 16 bits, one such pair in 65,536 collided.
pub fn new_run_id() -> String {
    let suffix: u32 = rand::random();
    format!("{}-{suffix:08x}", chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ"))
}
