//! hark: a social listening pipeline. The map of the code:
//!
//! - [`pipeline`]: the pipeline file, checked once into a `Pipeline`.
//! - [`mention`]: the `Mention` record every source emits.
//! - [`http`]: the shared HTTP client (retries, backoff, rate limits).
//! - [`sources`]: one file per platform, registered in `SOURCES`.
//! - [`crawl`]: sources run concurrently, windows committed with their cursors.
//! - [`import`]: export files through the same write path as a crawl.
//! - [`govern`]: redaction and author pseudonymisation on the write path.
//! - [`query`]: the Boolean brand-query language, compiled into one matcher.
//! - [`enrich`]: language, tokens, stems, sentiment, emotion and PII redaction.
//! - [`store`]: DuckDB schema, writes, runs, audit log, read-only queries.
//! - [`analytics`]: Polars jobs (share of voice).
//! - [`report`]: the weekly HTML report with plotters charts.
//! - [`run`]: one pipeline run, stage by stage.
//! - [`demo`]: the offline default, a synthetic corpus behind local replay servers.
//! - [`cli`] and [`commands`]: the command line and what each command does.

pub mod analytics;
pub mod cli;
pub mod commands;
pub mod crawl;
pub mod demo;
pub use hark_enrich as enrich;
pub mod govern;
pub mod http;
pub mod import;
pub mod mention;
pub mod pipeline;
pub mod query;
pub mod report;
pub mod run;
pub mod sources;
pub mod store;
