//! The `hark` binary: parse the command line, run the command, turn the outcome into an exit code
//! (0 ok, 1 partial failure: some source failed and the rest landed, 2 could not run).

use std::io::IsTerminal;
use std::panic::AssertUnwindSafe;
use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;

use hark::cli::{Cli, LogFormat};

/// mimalloc instead of the system allocator (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // A scheduler that asked for JSON lines gets a usage error as one too (exit 2, as clap's own); help and
        // version, and usage errors for people, are clap's.
        Err(e) if e.use_stderr() && json_asked(std::env::args()) => {
            eprintln!("{}", json_error("could not run", e.render().to_string().trim()));
            return ExitCode::from(2);
        }
        Err(e) => e.exit(),
    };
    init_logging(&cli);
    let json = cli.log_format == LogFormat::Json;
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    // A panic is a bug, but a scheduler still gets "could not run" (2) rather than Rust's 101, and in JSON mode one
    // JSON line rather than free text. (Output cut short by a reader that has gone, `hark sources | head -1`, is a
    // `BrokenPipe` error below, not a panic: commands write to stdout with `writeln!`, never `println!`.)
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| match json {
        true => eprintln!("{}", json_error("panicked", &info.to_string())),
        false => default_hook(info),
    }));
    let dispatched =
        std::panic::catch_unwind(AssertUnwindSafe(|| runtime.block_on(hark::commands::dispatch(cli.command, json))));
    match dispatched {
        Ok(Ok(code)) => code,
        Err(_) => ExitCode::from(2),
        Ok(Err(e)) => {
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            // A scheduler reading JSON lines gets the fatal error as one more JSON line, not as free text, in the
            // shape of the log's own lines. Written here rather than logged, so that no RUST_LOG filter can drop
            // the one line that says why the exit code is 2.
            if json {
                eprintln!("{}", json_error("could not run", &format!("{e:#}")));
            } else {
                eprintln!("error: {e:#}");
            }
            ExitCode::from(2)
        }
    }
}

/// A fatal error as one JSON line in the shape of the log's own lines.
fn json_error(message: &str, error: &str) -> serde_json::Value {
    serde_json::json!({
        "timestamp": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        "level": "ERROR",
        "fields": { "message": message, "error": error },
        "target": "hark",
    })
}

/// Whether the command line asks for `--log-format json`, read from the raw arguments when they did not parse.
fn json_asked(args: impl Iterator<Item = String>) -> bool {
    let args: Vec<String> = args.collect();
    args.iter().any(|a| a == "--log-format=json") || args.windows(2).any(|w| w[0] == "--log-format" && w[1] == "json")
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
