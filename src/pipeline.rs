//! The pipeline file: raw TOML structs (unknown keys rejected) checked once into a `Pipeline` nothing re-checks.

mod history;
pub(crate) mod keys;

pub use history::History;

use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::Deserialize;

use crate::http::HttpSettings;
use crate::query::{MatchOptions, Query};
use crate::sources::{self, SourceConfig};

/// A problem in a pipeline file: names the file, the key and what was expected.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The file could not be read.
    #[error("cannot read pipeline file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The TOML is malformed or a key has the wrong type or is unknown.
    #[error("{path}: {message}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// toml's message, which names the key and shows the line.
        message: String,
    },
    /// A key is present and well-typed but its value is not acceptable.
    #[error("{path}: key `{key}`: expected {expected}, found {found}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Dotted key path, e.g. `brand[2].query`.
        key: String,
        /// What a valid value looks like.
        expected: String,
        /// What the file has.
        found: String,
    },
}

impl PipelineError {
    /// toml's error for the file at `path` (its `text`): a wrong type, a missing or an unknown key named with what
    /// was expected ([`keys`]), any other error (malformed TOML) as toml words it, with the line.
    pub(crate) fn of_toml(e: &toml::de::Error, text: &str, path: &Path) -> PipelineError {
        let message = e.message();
        let named =
            ["invalid type", "invalid value", "missing field", "unknown field"].iter().any(|p| message.starts_with(p));
        let field = message.strip_prefix("missing field `").and_then(|m| m.split('`').next());
        let at = e.span().filter(|_| named).map(|span| span.start.min(text.len()));
        match at.and_then(|at| Some((at, keys::key_at(text, at, field)?))) {
            Some((at, key)) => {
                let (expected, found) = keys::expected_found(message, &key);
                let line = text[..at].matches('\n').count() + 1;
                let found = format!("{} (line {line})", found.as_deref().unwrap_or("something else"));
                PipelineError::Invalid { path: path.to_path_buf(), key, expected, found }
            }
            None => PipelineError::Syntax { path: path.to_path_buf(), message: e.to_string() },
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPipeline {
    name: String,
    store: PathBuf,
    schedule: Option<String>,
    history: Option<String>,
    contact: Option<String>,
    #[serde(default)]
    brand: Vec<RawBrand>,
    #[serde(default)]
    source: Vec<toml::Table>,
    report: Option<RawReport>,
    http: Option<RawHttp>,
    matching: Option<RawMatching>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMatching {
    accents: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHttp {
    timeout_secs: Option<f64>,
    retries: Option<u32>,
    backoff_ms: Option<u64>,
    max_wait_secs: Option<u64>,
    min_interval_ms: Option<u64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBrand {
    name: String,
    query: String,
    #[serde(default)]
    competitor: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReport {
    out: Option<PathBuf>,
    template: Option<PathBuf>,
}

/// One brand the pipeline listens for.
#[derive(Debug, Clone)]
pub struct Brand {
    /// Display name, unique within the pipeline.
    pub name: String,
    /// The parsed query; [`Query::text`] is the query as written in the file.
    pub query: Query,
    /// Whether it is a competitor (the own brands have `false`).
    pub competitor: bool,
}

/// One configured source: its registry name and its checked config.
#[derive(Debug, Clone)]
pub struct SourceEntry {
    /// Registry name (`hackernews`, ...).
    pub kind: &'static str,
    /// The checked `[[source]]` table.
    pub config: SourceConfig,
}

/// Where and how reports are written.
#[derive(Debug, Clone)]
pub struct ReportSettings {
    /// Folder reports go to; each pipeline and ISO week gets a subfolder.
    pub out: PathBuf,
    /// A template file overriding the built-in one.
    pub template: Option<PathBuf>,
}

/// A validated pipeline.
#[derive(Debug, Clone)]
pub struct Pipeline {
    /// The file it was read from (`None` when built in memory).
    pub file: Option<PathBuf>,
    /// Pipeline name: names reports and runs.
    pub name: String,
    /// The DuckDB store file.
    pub store: PathBuf,
    /// When a scheduler should run it.
    pub schedule: Option<cron::Schedule>,
    /// How far back the crawl and the analysis reach.
    pub history: History,
    /// Contact put in the crawler's User-Agent.
    pub contact: Option<String>,
    /// Brands in file order.
    pub brands: Vec<Brand>,
    /// Sources in file order.
    pub sources: Vec<SourceEntry>,
    /// Report settings.
    pub report: ReportSettings,
    /// HTTP client settings for the crawl.
    pub http: HttpSettings,
    /// How brand queries match text (`[matching]`).
    pub matching: MatchOptions,
}

impl Pipeline {
    /// Reads and checks a pipeline file.
    pub fn load(path: &Path) -> Result<Pipeline, PipelineError> {
        let text =
            std::fs::read_to_string(path).map_err(|source| PipelineError::Read { path: path.to_path_buf(), source })?;
        let mut p = Pipeline::parse(&text, path)?;
        p.file = Some(path.to_path_buf());
        Ok(p)
    }

    /// Parses pipeline TOML; `path` is only used in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Pipeline, PipelineError> {
        let raw: RawPipeline = toml::from_str(text).map_err(|e| PipelineError::of_toml(&e, text, path))?;
        let invalid = |key: String, expected: &str, found: String| PipelineError::Invalid {
            path: path.to_path_buf(),
            key,
            expected: expected.to_string(),
            found,
        };
        // The name is a folder of the report output: "." or ".." would write beside or above it.
        if raw.name.trim().is_empty()
            || !raw.name.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
            || raw.name.chars().all(|c| c == '.')
        {
            return Err(invalid(
                "name".into(),
                "a non-empty name of letters, digits, '-', '_' or '.' (not only dots)",
                format!("{:?}", raw.name),
            ));
        }
        let schedule = match &raw.schedule {
            None => None,
            Some(s) => Some(parse_cron(s).ok_or_else(|| {
                invalid(
                    "schedule".into(),
                    "a cron expression such as \"0 6 * * Mon\" (minute hour day month weekday, Sunday 0 or 7; or six \
                     fields, seconds first) restricting the day of the month or the day of the week, not both",
                    format!("{s:?}"),
                )
            })?),
        };
        let history = match &raw.history {
            None => History::default(),
            Some(h) => History::from_str(h).map_err(|_| {
                invalid("history".into(), "a span such as \"13 months\", \"90 days\" or \"1 year\"", format!("{h:?}"))
            })?,
        };
        let mut brands: Vec<Brand> = Vec::new();
        for (i, b) in raw.brand.into_iter().enumerate() {
            if b.name.trim().is_empty() {
                return Err(invalid(format!("brand[{i}].name"), "a non-empty brand name", "\"\"".into()));
            }
            if brands.iter().any(|x| x.name == b.name) {
                return Err(invalid(
                    format!("brand[{i}].name"),
                    "a name no other brand has",
                    format!("{:?} again", b.name),
                ));
            }
            let query = Query::parse(&b.query).map_err(|e| {
                invalid(
                    format!("brand[{i}].query"),
                    "a valid brand query (see README, \"Brand queries\")",
                    format!("{:?}\n{}", b.query, e.render(&b.query)),
                )
            })?;
            brands.push(Brand { name: b.name, query, competitor: b.competitor });
        }
        if brands.is_empty() {
            return Err(invalid("brand".into(), "at least one [[brand]] table", "none".into()));
        }
        let mut srcs = Vec::new();
        for (i, table) in raw.source.into_iter().enumerate() {
            let entry = sources::configure(table)
                .map_err(|e| invalid(format!("source[{i}].{}", e.key), &e.expected, e.found))?;
            srcs.push(entry);
        }
        // DuckDB opens "" and ":memory:" as a database in memory: every run would crawl 13 months again and keep
        // nothing.
        let store_text = raw.store.to_string_lossy();
        if store_text.trim().is_empty() || store_text.starts_with(':') {
            return Err(invalid(
                "store".into(),
                "the path of a DuckDB file, e.g. \"data/acme.duckdb\"",
                format!("{store_text:?}"),
            ));
        }
        let report = raw.report.unwrap_or(RawReport { out: None, template: None });
        // A template that cannot be read or parsed fails here, not after a whole crawl.
        if let Some(t) = &report.template {
            let bad = |expected: &str, why: String| {
                invalid("report.template".into(), expected, format!("{} ({why})", t.display()))
            };
            let text = std::fs::read_to_string(t).map_err(|e| {
                bad("a readable template file (relative paths are relative to the working directory)", e.to_string())
            })?;
            crate::report::html::check_template(&text)
                .map_err(|e| bad("a minijinja template (see reports/README.md)", format!("{e:#}")))?;
        }
        let mut http = HttpSettings::new(raw.contact.as_deref());
        if let Some(h) = raw.http {
            if let Some(t) = h.timeout_secs {
                if !(t.is_finite() && t > 0.0 && t <= 3600.0) {
                    return Err(invalid("http.timeout_secs".into(), "seconds between 0 and 3600", t.to_string()));
                }
                http.timeout = std::time::Duration::from_secs_f64(t);
            }
            if let Some(r) = h.retries {
                http.retries = r;
            }
            if let Some(b) = h.backoff_ms {
                http.backoff = std::time::Duration::from_millis(b);
            }
            if let Some(w) = h.max_wait_secs {
                http.max_wait = std::time::Duration::from_secs(w);
            }
            if let Some(m) = h.min_interval_ms {
                http.min_interval = std::time::Duration::from_millis(m);
            }
        }
        let mut matching = MatchOptions::default();
        if let Some(m) = raw.matching {
            matching.fold_accents = match m.accents.as_deref() {
                None | Some("strict") => false,
                Some("fold") => true,
                Some(other) => {
                    return Err(invalid("matching.accents".into(), "\"strict\" or \"fold\"", format!("{other:?}")))
                }
            };
        }
        Ok(Pipeline {
            file: None,
            name: raw.name,
            store: raw.store,
            schedule,
            history,
            contact: raw.contact,
            brands,
            sources: srcs,
            report: ReportSettings {
                out: report.out.unwrap_or_else(|| PathBuf::from("reports/out")),
                template: report.template,
            },
            http,
            matching,
        })
    }
}

/// Parses a cron expression: the classic five fields (minute, hour, day of month, month, day of week), or six with
/// seconds first; in both the day of week is classic cron's (Sunday 0 or 7, Monday 1; names too). One that
/// restricts both the day of the month and the day of the week is refused: classic cron fires when either
/// matches, the `cron` crate only when both do, so `0 6 1 * Mon` would silently mean far fewer runs.
pub fn parse_cron(expr: &str) -> Option<cron::Schedule> {
    let fields: Vec<&str> = expr.split_whitespace().collect();
    let (second, [minute, hour, day, month, weekday]) = match fields.as_slice() {
        [minute, hour, day, month, weekday] => ("0", [*minute, *hour, *day, *month, *weekday]),
        [second, minute, hour, day, month, weekday] => (*second, [*minute, *hour, *day, *month, *weekday]),
        _ => return None,
    };
    let any = |f: &str| f == "*" || f == "?";
    if !any(day) && !any(weekday) {
        return None;
    }
    let weekday = if weekday == "?" { weekday.to_string() } else { classic_weekdays(weekday)? };
    let full = format!("{second} {minute} {hour} {day} {month} {weekday}");
    cron::Schedule::from_str(&full).ok()
}

/// A classic cron day-of-week field (`0`–`7`, Sunday both 0 and 7) in the `cron` crate's numbering (`1`–`7`,
/// Sunday 1): `1-5` (Monday to Friday) becomes `2-6`, `0,6` becomes `1,7`, `5-7` becomes `6-7,1`. Names and steps
/// over `*` mean the same in both.
fn classic_weekdays(field: &str) -> Option<String> {
    let day = |d: &str| -> Option<u32> {
        let n: u32 = d.parse().ok()?;
        (n <= 7).then_some(n % 7 + 1)
    };
    let mut items = Vec::new();
    for item in field.split(',') {
        let (range, step) = item.split_once('/').map_or((item, None), |(r, s)| (r, Some(s)));
        let step = step.map(|s| format!("/{s}")).unwrap_or_default();
        if range == "*" || range.starts_with(|c: char| c.is_ascii_alphabetic()) {
            // Names mean the same in both; a name ranged to a number (`Sat-7`) would be read in the crate's numbers.
            if range.contains(|c: char| c.is_ascii_digit()) {
                return None;
            }
            items.push(item.to_string());
            continue;
        }
        match range.split_once('-') {
            // A range that ends on Sunday as 7 ends on the crate's Saturday (7) and adds Sunday (1): from Sunday as
            // 0 it is every day, from Sunday as 7 Sunday alone. With a step it would mean other days: refused.
            Some((from, "7")) if step.is_empty() => match (from, day(from)?) {
                ("0", _) => items.push("1-7".into()),
                (_, 1) => items.push("1".into()),
                (_, first) => items.push(format!("{first}-7,1")),
            },
            Some((_, "7")) => return None,
            Some((from, to)) => items.push(format!("{}-{}{step}", day(from)?, day(to)?)),
            None => items.push(format!("{}{step}", day(range)?)),
        }
    }
    Some(items.join(","))
}

#[cfg(test)]
mod tests;
