//! hark: a social listening pipeline. The map of the code:
//!
//! - [`pipeline`]: the pipeline file, checked once into a `Pipeline`.
//! - [`mention`]: the `Mention` record every source emits.
//! - [`http`]: the shared HTTP client (retries, backoff, rate limits).
//! - [`sources`]: one file per platform, registered in `SOURCES`.
//! - [`crawl`]: sources run concurrently, windows committed with their cursors.
//! - [`matching`]: brand queries compiled into one matcher.
//! - [`store`]: DuckDB schema, writes, runs, audit log, read-only queries.
//! - [`analytics`]: Polars jobs (share of voice).
//! - [`report`]: the weekly HTML report with plotters charts.
//! - [`run`]: one pipeline run, stage by stage.
//! - [`demo`]: the offline default, a synthetic corpus behind local replay servers.

pub mod analytics;
pub mod cli;
pub mod crawl;
pub mod demo;
pub mod http;
pub mod matching;
pub mod mention;
pub mod pipeline;
pub mod report;
pub mod run;
pub mod sources;
pub mod store;
