//! The command line: clap definitions only; `main.rs` dispatches.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::import::ImportFormat;
use crate::store::OutputFormat;

/// hark: social listening from public sources into DuckDB, with a weekly report.
#[derive(Debug, Parser)]
#[command(name = "hark", version, about, propagate_version = true)]
pub struct Cli {
    /// Log format: human for terminals, json for schedulers.
    #[arg(long, value_enum, default_value_t = LogFormat::Human, global = true)]
    pub log_format: LogFormat,
    /// More logging (-v debug, -vv trace); RUST_LOG overrides.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    /// Less logging: warnings and errors only.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// How logs are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Readable lines.
    Human,
    /// One JSON object per line.
    Json,
}

/// Every hark command.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the offline demo: a synthetic 13-month corpus served by local replay servers, crawled by the real pipeline.
    Demo {
        /// Folder for the store, reports and ground truth.
        #[arg(long, default_value = "hark-demo")]
        dir: PathBuf,
        /// Corpus size: 1 is about 110,000 mentions.
        #[arg(long, default_value_t = 1.0)]
        scale: f64,
        /// Seed of the corpus generator.
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// Keep the replay servers up after the run (Ctrl-C stops them), so `hark run` can crawl them again.
        #[arg(long)]
        serve: bool,
        /// Bind the replay servers to the ports in pipelines/demo.toml (fixed) or to free ones (auto).
        #[arg(long, value_enum, default_value_t = Ports::Fixed)]
        ports: Ports,
    },
    /// Run a pipeline: crawl, match brands, analyze, report. Prints the path of every report written.
    Run {
        /// Pipeline file.
        pipeline: PathBuf,
        /// Report this ISO week (2026-W47 or a date inside it) instead of the last complete one.
        #[arg(long)]
        week: Option<String>,
        /// Ignore cursors and crawl the whole history again.
        #[arg(long)]
        backfill: bool,
    },
    /// Crawl a pipeline's sources into its store.
    Crawl {
        /// Pipeline file.
        pipeline: PathBuf,
        /// Only this source type.
        #[arg(long)]
        source: Option<String>,
        /// Start at this date (YYYY-MM-DD) instead of the cursors. A key crawled to before this date keeps its
        /// cursor, so the next run still crawls the gap.
        #[arg(long)]
        since: Option<String>,
        /// Ignore cursors and crawl the whole history again.
        #[arg(long)]
        backfill: bool,
    },
    /// Re-match, re-analyze and re-report what the store holds, without crawling.
    Report {
        /// Pipeline file.
        pipeline: PathBuf,
        /// Report this ISO week (2026-W47 or a date inside it) instead of the last complete one.
        #[arg(long)]
        week: Option<String>,
    },
    /// Run read-only SQL against a store (a pipeline file or a .duckdb file).
    Query {
        /// Pipeline file or .duckdb store.
        target: PathBuf,
        /// One SQL statement, e.g. "select * from share_of_voice"; it may open with a `--` comment, as the files in
        /// queries/ do.
        #[arg(allow_hyphen_values = true)]
        sql: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
    },
    /// Load an export (JSON lines or CSV) into a pipeline's store, through the same redaction and dedup as a crawl.
    Import {
        /// Pipeline file (its store receives the mentions).
        pipeline: PathBuf,
        /// The export file.
        file: PathBuf,
        /// File format; by default taken from the extension (.csv, else JSON lines).
        #[arg(long, value_enum)]
        format: Option<ImportFormat>,
        /// Take a mention field from a differently named column: `--map text=body --map created_at=date`.
        #[arg(long = "map", value_name = "FIELD=COLUMN", value_parser = crate::import::parse_map)]
        map: Vec<(String, String)>,
    },
    /// Check every brand query of a pipeline (or one query given in quotes): errors with a caret, and warnings.
    /// Exit 2 on an error.
    Lint {
        /// Pipeline file (`*.toml`), or a query such as '"acme cloud" NEAR/3 outage'.
        target: String,
    },
    /// Filter mentions (JSON lines on stdin: id, text, and optionally title, author, source, url, lang) by a
    /// brand query; matching lines are written unchanged.
    Match {
        /// The brand query, e.g. '(acme OR "acme cloud") NOT anvil'.
        query: String,
        /// Add `_explain` to each line: which terms matched where.
        #[arg(long)]
        explain: bool,
        /// Let accented and unaccented letters match each other (é = e).
        #[arg(long)]
        fold_accents: bool,
    },
    /// Enrich JSON lines on stdin (a `text` field): adds lang, sentiment, sentiment_label, emotions, emotion and
    /// text_redacted, keeping the other fields.
    ///
    /// Lines come back in input order, each as soon as it is scored when they arrive one by one (a live pipe), in
    /// batches of up to 4,096 scored on every core when they arrive faster (a file).
    Score,
    /// Measure sentiment and emotion quality on the labelled development data (redaction is measured by
    /// `cargo test --lib labelled_set`).
    Eval {
        /// The datasets folder (tweeteval_sentiment/, tweeteval_emotion/, goemotions/).
        #[arg(long, default_value = "../shared/datasets")]
        datasets: PathBuf,
        /// Retrain the shipped models from the datasets and write them here instead of evaluating.
        #[arg(long, value_name = "MODEL_FILE")]
        train: Option<PathBuf>,
    },
    /// List the source types, their keys and how far back they reach.
    Sources,
}

/// Which ports the demo's replay servers use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Ports {
    /// The ports named in pipelines/demo.toml.
    Fixed,
    /// Free ports chosen by the system.
    Auto,
}
