//! One exported record into a `Mention`: which column holds which field (`--map`), and the lenient reading
//! of ids, counts and timestamps that other tools' exports need.

use anyhow::{bail, Result};
use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use serde_json::Value;

use crate::mention::Mention;

/// The fields an export can fill, by the mention's own names; `id` is the `source_id`.
pub const FIELDS: [&str; 15] = [
    "id",
    "source",
    "created_at",
    "author",
    "author_id",
    "url",
    "title",
    "text",
    "lang",
    "likes",
    "replies",
    "reposts",
    "score",
    "thread_id",
    "parent_id",
];

/// The `source` of a record that names none.
pub const DEFAULT_SOURCE: &str = "file";

/// Which column of the export holds each field: the field's own name unless `--map field=column` says otherwise.
#[derive(Debug, Clone)]
pub struct Columns {
    names: Vec<String>,
    /// When the import began: "the future" for every record of both passes (a record just under a day ahead must
    /// not pass the check and fail the load).
    now: DateTime<Utc>,
}

impl Columns {
    /// Checks the `field=column` pairs: known fields, each mapped once.
    pub fn new(map: &[(String, String)]) -> Result<Columns> {
        let mut names: Vec<String> = FIELDS.iter().map(|f| f.to_string()).collect();
        let mut seen = Vec::new();
        for (field, column) in map {
            let Some(i) = FIELDS.iter().position(|f| f == field) else {
                bail!("--map {field}={column}: unknown field `{field}`; fields are {}", FIELDS.join(", "))
            };
            if seen.contains(&i) {
                bail!("--map: field `{field}` is mapped twice");
            }
            seen.push(i);
            names[i] = column.clone();
        }
        Ok(Columns { names, now: Utc::now() })
    }

    /// The column that holds `field` (one of [`FIELDS`]).
    pub fn of<'a>(&'a self, field: &'a str) -> &'a str {
        FIELDS.iter().position(|f| *f == field).map_or(field, |i| self.names[i].as_str())
    }
}

/// One cell of a record: a JSON value or CSV text (an empty CSV cell counts as absent).
#[derive(Debug, Clone, Copy)]
pub enum Cell<'a> {
    /// From a JSON Lines object.
    Json(&'a Value),
    /// From a CSV record.
    Text(&'a str),
}

impl Cell<'_> {
    fn text(self) -> Result<Option<String>, String> {
        match self {
            Cell::Json(Value::Null) => Ok(None),
            Cell::Json(Value::String(s)) => Ok(Some(s.clone())),
            // A whole number read as a float is the integer it equals (`1e3` and `1000` are one id, not `1000.0`
            // and `1000`), unless it is past [`MAX_EXACT`]: then it was rounded when the line was read
            // (`123456789012345678901234` is no id any more), and is refused rather than stored as another number.
            Cell::Json(Value::Number(n)) if n.is_f64() && n.as_f64().is_some_and(|f| f.fract() == 0.0) => {
                match n.as_f64().unwrap_or_default() {
                    f if f.abs() < MAX_EXACT => Ok(Some((f as i64).to_string())),
                    _ => Err(format!("{n} is a whole number too large to read exactly: write it as a string (\"…\")")),
                }
            }
            Cell::Json(v @ (Value::Number(_) | Value::Bool(_))) => Ok(Some(v.to_string())),
            Cell::Json(v) => Err(format!("expected text, found {}", kind(v))),
            Cell::Text(s) => Ok((!s.is_empty()).then(|| s.to_string())),
        }
    }

    fn int(self) -> Result<Option<i64>, String> {
        let text = match self {
            Cell::Json(Value::Number(n)) => {
                return n.as_i64().map_or_else(|| number(n.as_f64(), &n.to_string()), |i| Ok(Some(i)))
            }
            other => other.text()?,
        };
        match text.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(s) => number(s.parse::<f64>().ok(), s),
        }
    }

    fn time(self, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
        let t = match self {
            Cell::Json(Value::Number(n)) => n.as_f64().and_then(from_unix),
            other => other.text()?.as_deref().and_then(parse_time),
        };
        // The cell as the error shows it; built only when there is an error.
        let shown = || match self {
            Cell::Json(v) => v.to_string(),
            Cell::Text(s) => format!("{s:?}"),
        };
        let t = t.ok_or_else(|| {
            format!(
                "{}: expected RFC 3339 or YYYY-MM-DD[T]HH:MM:SS[.fff][±hh[:mm]] (UTC without an offset) or unix seconds \
                 (9 digits or more)",
                shown()
            )
        })?;
        if !(1970..=2100).contains(&t.year()) {
            return Err(format!("{}: year {} is out of range (milliseconds given as seconds?)", shown(), t.year()));
        }
        if t > now + crate::mention::MAX_AHEAD {
            return Err(format!("{}: more than a day in the future", shown()));
        }
        Ok(t)
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
        _ => "a scalar",
    }
}

/// Whole numbers below this (about 2^53) are read exactly as floats.
const MAX_EXACT: f64 = 9.0e15;

/// A count: a whole number (written `12` or `12.0`).
fn number(v: Option<f64>, shown: &str) -> Result<Option<i64>, String> {
    match v {
        Some(f) if f.fract() == 0.0 && f.abs() < MAX_EXACT => Ok(Some(f as i64)),
        _ => Err(format!("{shown:?}: expected a whole number")),
    }
}

/// Unix seconds from 100,000,000 (1973-03-03) on: a shorter number is far likelier a compact date (`20240501`)
/// or a year (`2024`) than a time in 1970, so it is refused rather than stored as one.
fn from_unix(secs: f64) -> Option<DateTime<Utc>> {
    let whole = secs.floor();
    (secs.is_finite() && secs >= 1e8)
        .then(|| DateTime::from_timestamp(whole as i64, ((secs - whole) * 1e9) as u32))
        .flatten()
}

/// RFC 3339; `YYYY-MM-DD HH:MM:SS[.fff]` with a space or a `T`, and an offset as `Z`, `+hh`, `+hhmm` or `+hh:mm`
/// (`2026-01-05T10:00:00+0100`, as many exporters write ISO 8601) or none (UTC); or unix seconds.
pub fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    // The date and time joined by a space, whichever way they came; `Z` as the offset it stands for.
    let spaced = match (s.get(..10), s.get(10..11), s.get(11..)) {
        (Some(date), Some("T" | "t" | " "), Some(rest)) => format!("{date} {rest}"),
        _ => s.to_owned(),
    };
    let spaced = spaced.strip_suffix(['Z', 'z']).map_or(spaced.clone(), |t| format!("{t}+00:00"));
    if let Ok(t) = DateTime::parse_from_str(&spaced, "%Y-%m-%d %H:%M:%S%.f%#z") {
        return Some(t.with_timezone(&Utc));
    }
    if let Ok(t) = NaiveDateTime::parse_from_str(&spaced, "%Y-%m-%d %H:%M:%S%.f") {
        return Some(t.and_utc());
    }
    let digits = s.strip_prefix('-').unwrap_or(s);
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return s.parse::<f64>().ok().and_then(from_unix);
    }
    None
}

/// Whether `s` can be a source's name: up to 40 ASCII letters, digits and `-_.:`, starting with a letter or digit.
fn is_name(s: &str) -> bool {
    s.len() <= 40
        && s.starts_with(|c: char| c.is_ascii_alphanumeric())
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.:".contains(c))
}

/// Builds a mention from a record whose cells `get` looks up by column name.
pub fn mention<'a>(columns: &Columns, get: impl Fn(&str) -> Option<Cell<'a>>) -> Result<Mention, String> {
    let cell = |field: &str| get(columns.of(field));
    let text = |field: &str| -> Result<Option<String>, String> {
        cell(field).map_or(Ok(None), Cell::text).map_err(|e| format!("{}: {e}", columns.of(field)))
    };
    let int = |field: &str| -> Result<Option<i64>, String> {
        cell(field).map_or(Ok(None), Cell::int).map_err(|e| format!("{}: {e}", columns.of(field)))
    };
    let required = |field: &str| format!("no `{}` (the {field} field)", columns.of(field));
    let id = text("id")?.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).ok_or_else(|| required("id"))?;
    let created = cell("created_at").ok_or_else(|| required("created_at"))?;
    let created = created.time(columns.now).map_err(|e| format!("{}: {e}", columns.of("created_at")))?;
    // A source is a platform's name, as crawls store it (`reddit`, `hackernews`): lower case, one word.
    let source = text("source")?.map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty());
    if let Some(s) = source.as_deref().filter(|s| !is_name(s)) {
        return Err(format!(
            "{}: {s:?} is no source name (letters, digits, - _ . : only, like reddit)",
            columns.of("source")
        ));
    }
    let body = text("text")?.unwrap_or_default();
    let mut m = Mention::new(source.as_deref().unwrap_or(DEFAULT_SOURCE), id, created, body);
    m.title = text("title")?;
    if m.text.trim().is_empty() && m.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
        return Err(format!("no text: `{}` and `{}` are both empty", columns.of("text"), columns.of("title")));
    }
    m.author = text("author")?;
    m.author_id = text("author_id")?;
    m.url = text("url")?;
    // Exports say "no language" in several ways; those are no code, and no error either.
    let none = |l: &str| ["-", "n/a", "na", "none", "null", "unknown"].contains(&l.to_ascii_lowercase().as_str());
    m.lang = text("lang")?.map(|l| l.trim().to_string()).filter(|l| !l.is_empty() && !none(l));
    if let Some(l) = m.lang.as_deref().filter(|l| !crate::enrich::lang::is_language_tag(l)) {
        return Err(format!("{}: {l:?} is no language code (like en or pt-BR)", columns.of("lang")));
    }
    m.thread_id = text("thread_id")?;
    m.parent_id = text("parent_id")?;
    // Likes, replies and reposts are counts (a score may fall below zero, as Reddit's does).
    let count = |field: &str| -> Result<Option<i64>, String> {
        match int(field)? {
            Some(n) if n < 0 => Err(format!("{}: {n} is a count below zero", columns.of(field))),
            n => Ok(n),
        }
    };
    m.likes = count("likes")?;
    m.replies = count("replies")?;
    m.reposts = count("reposts")?;
    m.score = int("score")?;
    Ok(m)
}

/// The value at `column` of a JSON object: the key itself, or a dotted path into nested objects
/// (`user.screen_name`).
pub fn json_cell<'a>(object: &'a serde_json::Map<String, Value>, column: &str) -> Option<Cell<'a>> {
    if let Some(v) = object.get(column) {
        return Some(Cell::Json(v));
    }
    let mut parts = column.split('.');
    let mut v = object.get(parts.next()?)?;
    for p in parts {
        v = v.as_object()?.get(p)?;
    }
    Some(Cell::Json(v))
}
