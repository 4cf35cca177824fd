//! The `hark` binary: parse the command line, run the command, turn the outcome into an exit code
//! (0 ok, 1 partial failure: some source failed and the rest landed, 2 could not run).

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;
use tracing_subscriber::EnvFilter;

use hark::cli::{Cli, Command, LogFormat, Ports};
use hark::crawl::CrawlOptions;
use hark::pipeline::Pipeline;
use hark::run::{RunOptions, RunOutcome};
use hark::store::Store;

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(&cli);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(dispatch(cli.command)) {
        Ok(code) => code,
        Err(e) => {
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn init_logging(cli: &Cli) {
    let level = if cli.quiet { "warn" } else { ["info", "debug", "trace"][usize::from(cli.verbose.min(2))] };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(format!("hark={level},warn")));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match cli.log_format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Human => builder.with_ansi(std::io::stderr().is_terminal()).init(),
    }
}

async fn dispatch(command: Command) -> Result<ExitCode> {
    let progress = std::io::stderr().is_terminal();
    match command {
        Command::Demo { dir, scale, seed, serve, ports } => {
            let opts =
                hark::demo::DemoOptions { dir, scale, seed, serve, fixed_ports: ports == Ports::Fixed, progress };
            let outcome = hark::demo::run_demo(&opts).await?;
            Ok(finish(&outcome))
        }
        Command::Run { pipeline, week, backfill } => {
            let p = Pipeline::load(&pipeline)?;
            let mut crawl = CrawlOptions::new();
            crawl.backfill = backfill;
            crawl.progress = progress;
            let opts = RunOptions { crawl, week: week.as_deref().map(parse_week).transpose()?, skip_crawl: false };
            Ok(finish(&hark::run::run(&p, &opts).await?))
        }
        Command::Report { pipeline, week } => {
            let p = Pipeline::load(&pipeline)?;
            let opts = RunOptions {
                week: week.as_deref().map(parse_week).transpose()?,
                skip_crawl: true,
                ..RunOptions::default()
            };
            Ok(finish(&hark::run::run(&p, &opts).await?))
        }
        Command::Crawl { pipeline, source, since, backfill } => {
            let p = Pipeline::load(&pipeline)?;
            if let Some(s) = &source {
                anyhow::ensure!(
                    p.sources.iter().any(|e| e.kind == s),
                    "{} has no source of type {s}",
                    pipeline.display()
                );
            }
            let mut opts = CrawlOptions::new();
            opts.only_source = source;
            opts.backfill = backfill;
            opts.progress = progress;
            opts.since = since
                .map(|s| {
                    chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d")
                        .with_context(|| format!("--since {s}: expected YYYY-MM-DD"))
                })
                .transpose()?
                .map(|d| d.and_hms_opt(0, 0, 0).expect("midnight").and_utc());
            let store = Store::open(&p.store)?;
            let run_id = hark::store::new_run_id();
            store.begin_run(&run_id, &p.name, "crawl")?;
            let (store, records) = hark::crawl::crawl(&p, store, &run_id, &opts).await?;
            let failed = records.iter().any(|r| !r.ok);
            let status = if failed { hark::store::RunStatus::Partial } else { hark::store::RunStatus::Ok };
            store.finish_run(&run_id, status, None)?;
            for r in &records {
                println!(
                    "{}\t{}\tfetched {}\tnew {}\tduplicates {}",
                    r.instance,
                    if r.ok { "ok" } else { "FAILED" },
                    r.fetched,
                    r.new,
                    r.duplicates
                );
            }
            Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Query { target, sql, format } => {
            let store_path = store_of(&target)?;
            let store = Store::open_read_only(&store_path)?;
            let out = store.query(&sql).with_context(|| format!("running the query on {}", store_path.display()))?;
            let stdout = std::io::stdout();
            out.write(format, &mut stdout.lock())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Sources => {
            for r in hark::sources::SOURCES {
                println!("{}\n  {}\n  history: {}", r.name, r.about, r.history_limit.unwrap_or("13 months and more"));
                for (k, doc) in r.keys {
                    println!("  {k:<14} {doc}");
                }
                println!();
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn parse_week(s: &str) -> Result<chrono::NaiveDate> {
    hark::report::parse_week(s)
        .with_context(|| format!("--week {s}: expected an ISO week such as 2026-W47 or a date YYYY-MM-DD"))
}

/// The store a `hark query` target names: a pipeline file's store, or the .duckdb file itself.
fn store_of(target: &Path) -> Result<std::path::PathBuf> {
    if target.extension().is_some_and(|e| e == "toml") {
        Ok(Pipeline::load(target)?.store)
    } else {
        Ok(target.to_path_buf())
    }
}

/// Prints what a run wrote and picks the exit code.
fn finish(outcome: &RunOutcome) -> ExitCode {
    for r in outcome.sources.iter().filter(|r| !r.ok) {
        eprintln!("source {} failed: {}", r.instance, r.error.as_deref().unwrap_or("unknown error"));
    }
    for path in &outcome.reports {
        println!("{}", path.display());
    }
    if outcome.partial() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
