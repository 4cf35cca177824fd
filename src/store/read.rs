//! Read-only SQL for `hark query`: runs a statement and prints the rows as a table, CSV or JSON.

use std::io::Write;

use anyhow::Result;
use duckdb::types::Value;

use super::values::{value_json, value_text};
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
