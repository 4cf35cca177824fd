//! What each `hark` command does, behind the clap definitions in `cli`: the binary only parses, logs and exits.

mod pipelines;
mod text;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::cli::{Command, Ports};
use crate::pipeline::Pipeline;
use crate::run::RunOutcome;
use crate::store::Store;

/// Runs one command; the exit code is 0 (ok), 1 (some source failed, the rest landed) or 2 (could not run, as
/// an `Err`). Progress bars are drawn only on a terminal and only beside human logs: JSON log lines stay one object
/// per line even when a person runs `--log-format json` by hand.
pub async fn dispatch(command: Command, json_logs: bool) -> Result<ExitCode> {
    let progress = std::io::stderr().is_terminal() && !json_logs;
    match command {
        Command::Demo { dir, scale, seed, serve, ports } => {
            let opts =
                crate::demo::DemoOptions { dir, scale, seed, serve, fixed_ports: ports == Ports::Fixed, progress };
            Ok(finish(&crate::demo::run_demo(&opts).await?))
        }
        Command::Run { pipeline, week, backfill } => pipelines::run(&pipeline, week, backfill, progress).await,
        Command::Report { pipeline, week } => pipelines::report(&pipeline, week).await,
        Command::Crawl { pipeline, source, since, backfill } => {
            pipelines::crawl(&pipeline, source, since, backfill, progress).await
        }
        Command::Import { pipeline, file, format, map } => pipelines::import(&pipeline, &file, format, &map),
        Command::Query { target, sql, format } => {
            let store_path = store_of(&target)?;
            let store = Store::open_read_only(&store_path)?;
            let out = store.query(&sql).with_context(|| format!("running the query on {}", store_path.display()))?;
            out.write(format, &mut std::io::stdout().lock())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Lint { target } => {
            if target.ends_with(".toml") || Path::new(&target).is_file() {
                text::lint(Path::new(&target))
            } else {
                text::lint_query(&target)
            }
        }
        Command::Match { query, explain, fold_accents } => text::match_lines(&query, explain, fold_accents),
        Command::Score => text::score(),
        Command::Eval { datasets, train } => text::eval(&datasets, train.as_deref()),
        Command::Sources => {
            use std::io::Write;
            // Written, not printed: a reader that has gone is an error `main` reads as success, not a panic.
            let mut out = std::io::stdout().lock();
            for r in crate::sources::SOURCES {
                let history = r.history_limit.unwrap_or("13 months and more");
                writeln!(out, "{}\n  {}\n  history: {history}", r.name, r.about)?;
                for (k, doc) in r.keys {
                    writeln!(out, "  {k:<14} {doc}")?;
                }
                writeln!(out)?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Parses `--week`.
fn parse_week(s: &str) -> Result<chrono::NaiveDate> {
    crate::report::parse_week(s)
        .with_context(|| format!("--week {s}: expected an ISO week such as 2026-W47 or a date YYYY-MM-DD"))
}

/// The store a `hark query` target names: a pipeline file's store, or the .duckdb file itself.
fn store_of(target: &Path) -> Result<PathBuf> {
    if target.extension().is_some_and(|e| e == "toml") {
        Ok(Pipeline::load(target)?.store)
    } else {
        Ok(target.to_path_buf())
    }
}

/// Prints what a run wrote and picks the exit code.
fn finish(outcome: &RunOutcome) -> ExitCode {
    // Through the log, so that --log-format json keeps stderr JSON lines.
    for r in outcome.sources.iter().filter(|r| !r.ok) {
        tracing::error!(source = %r.instance, error = r.error.as_deref().unwrap_or("unknown error"), "source failed");
    }
    for path in &outcome.reports {
        print_result(path.display());
    }
    ExitCode::from(outcome.status.exit_code())
}

/// Prints a line of what a run did, after its data landed: a reader that has gone (`hark run p.toml | head -1`)
/// leaves the exit code the run earned, where an error would turn it into 0.
fn print_result(line: impl std::fmt::Display) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}
