//! The text commands that need no store: lint brand queries, match and score JSON lines, evaluate the models.

use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::enrich::Enricher;
use crate::pipeline::{Pipeline, PipelineError};
use crate::query::{MatchOptions, Query};

/// `hark lint`: every brand query of a pipeline, with carets under errors and the warnings of valid queries.
pub fn lint(pipeline: &Path) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    // Lint reads the raw file itself: a broken query must be shown with its caret, not stop at the first error.
    let text = std::fs::read_to_string(pipeline).with_context(|| format!("reading {}", pipeline.display()))?;
    let table: toml::Table = toml::from_str(&text)
        .map_err(|e| PipelineError::Syntax { path: pipeline.to_path_buf(), message: e.to_string() })?;
    let brands = table.get("brand").and_then(|b| b.as_array()).cloned().unwrap_or_default();
    let (mut errors, mut warnings) = (0, 0);
    for (i, brand) in brands.iter().enumerate() {
        let name = brand.get("name").and_then(|n| n.as_str()).unwrap_or("?");
        let Some(q) = brand.get("query").and_then(|q| q.as_str()) else {
            writeln!(out, "{}: brand[{i}] ({name}): no `query`", pipeline.display())?;
            errors += 1;
            continue;
        };
        match Query::parse(q) {
            Err(e) => {
                errors += 1;
                writeln!(out, "{}: brand[{i}] ({name}):\n{}\n", pipeline.display(), indent(&e.render(q)))?;
            }
            Ok(parsed) => {
                for w in parsed.lint() {
                    warnings += 1;
                    writeln!(out, "{}: brand[{i}] ({name}): warning: {w}", pipeline.display())?;
                }
            }
        }
    }
    if errors == 0 {
        // The queries are fine; the rest of the file must be too.
        Pipeline::load(pipeline)?;
    }
    writeln!(out, "{} brand queries, {errors} errors, {warnings} warnings", brands.len())?;
    Ok(if errors > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

/// `hark lint 'QUERY'`: one query, as the pipeline check would see it.
pub fn lint_query(query: &str) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match Query::parse(query) {
        Err(e) => {
            writeln!(out, "{}", e.render(query))?;
            Ok(ExitCode::from(2))
        }
        Ok(parsed) => {
            let warnings = parsed.lint();
            for w in &warnings {
                writeln!(out, "warning: {w}")?;
            }
            writeln!(out, "query ok: {}, {} warnings", parsed.expr(), warnings.len())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn indent(s: &str) -> String {
    s.lines().map(|l| format!("    {l}")).collect::<Vec<_>>().join("\n")
}

/// `hark match`: JSON lines on stdin that match the query go to stdout unchanged.
pub fn match_lines(query: &str, explain: bool, fold_accents: bool) -> Result<ExitCode> {
    let stdin = std::io::stdin().lock();
    let mut out = BufWriter::new(std::io::stdout().lock());
    let (read, matched) =
        crate::query::stdin::run_match(query, explain, MatchOptions { fold_accents }, stdin, &mut out)?;
    out.flush()?;
    tracing::info!(read, matched, "matched");
    Ok(ExitCode::SUCCESS)
}

/// `hark score`: JSON lines on stdin enriched on stdout.
pub fn score() -> Result<ExitCode> {
    let enricher = Enricher::new();
    // Read on a thread of its own (`run_score`), which a locked stdin cannot move to.
    let stdin = std::io::BufReader::with_capacity(1 << 16, std::io::stdin());
    let mut out = BufWriter::new(std::io::stdout().lock());
    let n = crate::enrich::score::run_score(&enricher, stdin, &mut out)?;
    out.flush()?;
    tracing::info!(scored = n, "scored");
    Ok(ExitCode::SUCCESS)
}

/// `hark eval`: the quality figures on the development data, or (with `--train`) the models retrained.
pub fn eval(datasets: &Path, train: Option<&Path>) -> Result<ExitCode> {
    anyhow::ensure!(
        datasets.is_dir(),
        "no datasets folder at {} (pass --datasets; see README, \"Text enrichment\", Reproduce)",
        datasets.display()
    );
    match train {
        Some(model) => crate::enrich::eval::train(datasets, model)?,
        None => crate::enrich::eval::evaluate(datasets, std::io::stdout().lock())?,
    }
    Ok(ExitCode::SUCCESS)
}
