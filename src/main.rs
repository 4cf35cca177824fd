//! The `hark` binary: parse the command line, run the command, turn the outcome into an exit code
//! (0 ok, 1 partial failure: some source failed and the rest landed, 2 could not run).

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;

use hark::cli::{Cli, LogFormat};

/// mimalloc instead of the system allocator (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(&cli);
    let json = cli.log_format == LogFormat::Json;
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(hark::commands::dispatch(cli.command)) {
        Ok(code) => code,
        Err(e) => {
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            // A scheduler reading JSON lines gets the fatal error as one more JSON line, not as free text, in the
            // shape of the log's own lines. Written here rather than logged, so that no RUST_LOG filter can drop
            // the one line that says why the exit code is 2.
            if json {
                let line = serde_json::json!({
                    "timestamp": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
                    "level": "ERROR",
                    "fields": { "message": "could not run", "error": format!("{e:#}") },
                    "target": "hark",
                });
                eprintln!("{line}");
            } else {
                eprintln!("error: {e:#}");
            }
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
