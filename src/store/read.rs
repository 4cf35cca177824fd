//! Read-only SQL for `hark query`: runs a statement and prints the rows as a table, CSV or JSON.

use std::io::Write;

use anyhow::Result;
use duckdb::types::Value;

use super::Store;

/// How `hark query` prints rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Aligned columns for a terminal.
    Table,
    /// RFC 4180 CSV with a header row.
    Csv,
    /// One JSON array of objects.
    Json,
}

/// The result of a query: column names and rows of values.
#[derive(Debug)]
pub struct QueryOutput {
    /// Column names.
    pub columns: Vec<String>,
    /// Rows, each as long as `columns`.
    pub rows: Vec<Vec<Value>>,
}

impl Store {
    /// Runs one SQL statement and collects its rows.
    pub fn query(&self, sql: &str) -> Result<QueryOutput> {
        let mut stmt = self.conn.prepare(sql)?;
        let mut rows_out = Vec::new();
        let mut rows = stmt.query([])?;
        let mut width = None;
        while let Some(row) = rows.next()? {
            let n = *width.get_or_insert_with(|| row.as_ref().column_count());
            rows_out.push((0..n).map(|i| row.get::<_, Value>(i)).collect::<Result<Vec<_>, _>>()?);
        }
        drop(rows);
        let columns = stmt.column_names();
        Ok(QueryOutput { columns, rows: rows_out })
    }
}

/// Text of one value: dates and timestamps in ISO form, NULL as empty.
pub fn value_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Boolean(b) => b.to_string(),
        Value::TinyInt(i) => i.to_string(),
        Value::SmallInt(i) => i.to_string(),
        Value::Int(i) => i.to_string(),
        Value::BigInt(i) => i.to_string(),
        Value::HugeInt(i) => i.to_string(),
        Value::UTinyInt(i) => i.to_string(),
        Value::USmallInt(i) => i.to_string(),
        Value::UInt(i) => i.to_string(),
        Value::UBigInt(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Double(f) => f.to_string(),
        Value::Text(s) => s.clone(),
        // Days since 1970-01-01, negative before it (a bare `+ Days` panicked on those).
        Value::Date32(d) => chrono::NaiveDate::from_ymd_opt(1970, 1, 1)
            .and_then(|epoch| epoch.checked_add_signed(chrono::TimeDelta::days(i64::from(*d))))
            .map_or_else(|| d.to_string(), |date| date.to_string()),
        Value::Timestamp(unit, t) => {
            let micros = unit.to_micros(*t);
            chrono::DateTime::from_timestamp_micros(micros).map_or_else(|| t.to_string(), |d| d.naive_utc().to_string())
        }
        other => format!("{other:?}"),
    }
}

fn value_json(v: &Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Boolean(b) => (*b).into(),
        Value::TinyInt(_)
        | Value::SmallInt(_)
        | Value::Int(_)
        | Value::BigInt(_)
        | Value::UTinyInt(_)
        | Value::USmallInt(_)
        | Value::UInt(_)
        | Value::UBigInt(_) => value_text(v).parse::<i64>().map_or_else(|_| value_text(v).into(), Into::into),
        Value::Float(f) => f64::from(*f).into(),
        Value::Double(f) => (*f).into(),
        _ => value_text(v).into(),
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

impl QueryOutput {
    /// Writes the rows in `format`.
    pub fn write(&self, format: OutputFormat, out: &mut impl Write) -> Result<()> {
        match format {
            OutputFormat::Csv => {
                writeln!(out, "{}", self.columns.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(","))?;
                for row in &self.rows {
                    writeln!(out, "{}", row.iter().map(|v| csv_field(&value_text(v))).collect::<Vec<_>>().join(","))?;
                }
            }
            OutputFormat::Json => {
                let arr: Vec<serde_json::Value> = self
                    .rows
                    .iter()
                    .map(|row| {
                        self.columns
                            .iter()
                            .cloned()
                            .zip(row.iter().map(value_json))
                            .collect::<serde_json::Map<_, _>>()
                            .into()
                    })
                    .collect();
                serde_json::to_writer_pretty(&mut *out, &arr)?;
                writeln!(out)?;
            }
            OutputFormat::Table => {
                let cells: Vec<Vec<String>> = self.rows.iter().map(|r| r.iter().map(value_text).collect()).collect();
                let widths: Vec<usize> = (0..self.columns.len())
                    .map(|i| {
                        cells
                            .iter()
                            .map(|r| r[i].chars().count().min(60))
                            .chain([self.columns[i].chars().count()])
                            .max()
                            .unwrap_or(0)
                    })
                    .collect();
                let line = |vals: &[String]| -> String {
                    vals.iter()
                        .zip(&widths)
                        .map(|(v, w)| {
                            let v: String = v.chars().take(60).collect::<String>().replace('\n', " ");
                            format!("{v:<w$}")
                        })
                        .collect::<Vec<_>>()
                        .join("  ")
                        .trim_end()
                        .to_string()
                };
                writeln!(out, "{}", line(&self.columns))?;
                writeln!(out, "{}", widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("  "))?;
                for r in &cells {
                    writeln!(out, "{}", line(r))?;
                }
                writeln!(out, "({} rows)", self.rows.len())?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Dates print as ISO dates on both sides of 1970 (one before it panicked).
    #[test]
    fn dates_before_and_after_1970_print() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.duckdb")).unwrap();
        let out = store.query("SELECT DATE '1969-12-31', DATE '1900-01-01', DATE '2026-11-26'").unwrap();
        let shown: Vec<String> = out.rows[0].iter().map(value_text).collect();
        assert_eq!(shown, ["1969-12-31", "1900-01-01", "2026-11-26"]);
    }
}
