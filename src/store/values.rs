//! How `hark query` spells one DuckDB value: as text for tables and CSV (as the duckdb CLI would show it), and as
//! JSON (numbers as numbers, lists and structs as arrays and objects).

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta};
use duckdb::types::Value;

/// The date `days` after 1970-01-01, before it when negative (a DATE as DuckDB stores it; a bare `+ Days` panicked
/// on those).
pub fn epoch_day(days: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(1970, 1, 1)?.checked_add_signed(TimeDelta::days(i64::from(days)))
}

/// Text of one value: dates, times and timestamps in ISO form, decimals as written, NULL as empty.
pub fn value_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Boolean(b) => b.to_string(),
        Value::TinyInt(i) => i.to_string(),
        Value::SmallInt(i) => i.to_string(),
        Value::Int(i) => i.to_string(),
        Value::BigInt(i) => i.to_string(),
        Value::HugeInt(i) => i.to_string(),
        Value::UHugeInt(i) => i.to_string(),
        Value::UTinyInt(i) => i.to_string(),
        Value::USmallInt(i) => i.to_string(),
        Value::UInt(i) => i.to_string(),
        Value::UBigInt(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Double(f) => f.to_string(),
        Value::Decimal(d) => d.to_string(),
        Value::Text(s) | Value::Enum(s) => s.clone(),
        Value::Blob(b) | Value::Geometry(b) => blob(b),
        Value::Date32(d) => epoch_day(*d).map_or_else(|| d.to_string(), |date| date.to_string()),
        Value::Timestamp(unit, t) => DateTime::from_timestamp_micros(unit.to_micros(*t))
            .map_or_else(|| t.to_string(), |d| d.naive_utc().to_string()),
        Value::Time64(unit, t) => {
            let micros = unit.to_micros(*t);
            u32::try_from(micros.div_euclid(1_000_000))
                .ok()
                .and_then(|secs| {
                    NaiveTime::from_num_seconds_from_midnight_opt(secs, (micros % 1_000_000) as u32 * 1_000)
                })
                .map_or_else(
                    || t.to_string(),
                    |time| {
                        // As the duckdb CLI prints a TIME: fractional seconds without trailing zeros (`04:05:06.5`).
                        let text = time.format("%H:%M:%S%.6f").to_string();
                        text.trim_end_matches('0').trim_end_matches('.').to_string()
                    },
                )
        }
        Value::Interval { months, days, nanos } => interval(*months, *days, *nanos),
        Value::List(items) | Value::Array(items) => {
            format!("[{}]", items.iter().map(value_text).collect::<Vec<_>>().join(", "))
        }
        Value::Struct(fields) => {
            let fields: Vec<String> = fields.iter().map(|(k, v)| format!("'{k}': {}", quoted(v))).collect();
            format!("{{{}}}", fields.join(", "))
        }
        Value::Map(entries) => {
            let entries: Vec<String> =
                entries.iter().map(|(k, v)| format!("{}={}", value_text(k), value_text(v))).collect();
            format!("{{{}}}", entries.join(", "))
        }
        Value::Union(inner) => value_text(inner),
        // The enum is non-exhaustive: a kind a later duckdb adds shows as its debug text until it is spelled here.
        other => format!("{other:?}"),
    }
}

/// One value as JSON: integers and decimals as numbers (a sum is a HUGEINT, `count(*) * 1.0` a DECIMAL), lists and
/// structs as arrays and objects, the rest as its [`value_text`].
pub fn value_json(v: &Value) -> serde_json::Value {
    use serde_json::Value as J;
    let number = |text: String| text.parse::<serde_json::Number>().map_or_else(|_| J::String(text), J::Number);
    match v {
        Value::Null => J::Null,
        Value::Boolean(b) => (*b).into(),
        Value::Float(f) => f64::from(*f).into(),
        Value::Double(f) => (*f).into(),
        Value::TinyInt(_)
        | Value::SmallInt(_)
        | Value::Int(_)
        | Value::BigInt(_)
        | Value::HugeInt(_)
        | Value::UHugeInt(_)
        | Value::UTinyInt(_)
        | Value::USmallInt(_)
        | Value::UInt(_)
        | Value::UBigInt(_) => number(value_text(v)),
        Value::Decimal(d) => number(d.to_string()),
        Value::List(items) | Value::Array(items) => J::Array(items.iter().map(value_json).collect()),
        Value::Struct(fields) => J::Object(fields.iter().map(|(k, v)| (k.clone(), value_json(v))).collect()),
        Value::Map(entries) => J::Object(entries.iter().map(|(k, v)| (value_text(k), value_json(v))).collect()),
        Value::Union(inner) => value_json(inner),
        _ => value_text(v).into(),
    }
}

/// A struct field's value as the duckdb CLI shows it: text in single quotes.
fn quoted(v: &Value) -> String {
    match v {
        Value::Text(s) | Value::Enum(s) => format!("'{s}'"),
        other => value_text(other),
    }
}

/// Bytes as DuckDB prints a BLOB: printable ASCII as is, every other byte as `\xHH`.
fn blob(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| if b.is_ascii_graphic() || *b == b' ' { char::from(*b).to_string() } else { format!("\\x{b:02X}") })
        .collect()
}

/// An interval as DuckDB prints one: `1 year 2 months 3 days 04:05:06`, parts that are zero left out.
fn interval(months: i32, days: i32, nanos: i64) -> String {
    let plural = |n: i64, unit: &str| format!("{n} {unit}{}", if n.abs() == 1 { "" } else { "s" });
    let mut parts = Vec::new();
    let (years, months) = (months / 12, months % 12);
    if years != 0 {
        parts.push(plural(i64::from(years), "year"));
    }
    if months != 0 {
        parts.push(plural(i64::from(months), "month"));
    }
    if days != 0 {
        parts.push(plural(i64::from(days), "day"));
    }
    if nanos != 0 || parts.is_empty() {
        let micros = nanos / 1_000;
        let (sign, micros) = if micros < 0 { ("-", -micros) } else { ("", micros) };
        let secs = micros / 1_000_000;
        let frac = micros % 1_000_000;
        let clock = format!("{sign}{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
        parts.push(if frac == 0 { clock } else { format!("{clock}.{frac:06}") });
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::super::Store;
    use super::*;

    fn shown(sql: &str) -> (Vec<String>, Vec<serde_json::Value>) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.duckdb")).unwrap();
        let out = store.query(sql).unwrap();
        (out.rows[0].iter().map(value_text).collect(), out.rows[0].iter().map(value_json).collect())
    }

    /// Dates print as ISO dates on both sides of 1970 (one before it panicked).
    #[test]
    fn dates_before_and_after_1970_print() {
        let (text, _) = shown("SELECT DATE '1969-12-31', DATE '1900-01-01', DATE '2026-11-26'");
        assert_eq!(text, ["1969-12-31", "1900-01-01", "2026-11-26"]);
    }

    /// Values an analyst's SQL makes every day, none as Rust debug text: decimals, sums (HUGEINT), times,
    /// intervals, lists and structs.
    #[test]
    fn everyday_values_print_as_duckdb_does() {
        let (text, json) = shown(
            "SELECT 3 * 1.5, sum(x), TIME '04:05:06.5', INTERVAL '14 months 3 days 2 hours', [1, 2], {'a': 'x', 'b': 2},
             18446744073709551615::UBIGINT FROM (VALUES (1), (2)) t(x)",
        );
        assert_eq!(
            text,
            [
                "4.5",
                "3",
                "04:05:06.5",
                "1 year 2 months 3 days 02:00:00",
                "[1, 2]",
                "{'a': 'x', 'b': 2}",
                "18446744073709551615"
            ]
        );
        assert_eq!(json[0], serde_json::json!(4.5));
        assert_eq!(json[1], serde_json::json!(3));
        assert_eq!(json[4], serde_json::json!([1, 2]));
        assert_eq!(json[5], serde_json::json!({"a": "x", "b": 2}));
        assert_eq!(json[6], serde_json::json!(18446744073709551615u64));
    }
}
