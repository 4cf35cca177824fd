//! `hark import`: mentions from an export file (JSON Lines or CSV) into the store, through the same batch
//! write and `(source, source_id)` dedup as the crawl, so re-importing a file adds nothing.
//!
//! Fields go by the mention's own names (`id`, `source`, `created_at`, `author`, `url`, `title`, `text`,
//! `likes`, `replies`, `reposts`, `score`, `lang`, plus `author_id`, `thread_id`, `parent_id`); `--map
//! field=column` renames the columns of other tools' exports (for JSON, `column` may be a dotted path such
//! as `user.screen_name`). A record without `source` gets `file`.
//!
//! Bad lines fail the whole import, before anything is stored: the file is read twice, a first pass that
//! checks every record and reports the first few bad ones by line number (with the total), then a pass that
//! streams mentions into the store in batches of [`BATCH`]; a load that fails half-way takes its mentions out
//! again. A half-imported file would leave the analyst guessing which rows made it; fixing the named lines and
//! importing again is unambiguous.

mod record;

pub use record::{parse_time, Columns, DEFAULT_SOURCE, FIELDS};

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::govern::Governance;
use crate::mention::Mention;
use crate::pipeline::Pipeline;
use crate::store::{new_run_id, RunStatus, Store};
use record::{json_cell, mention, Cell};

/// Mentions written per transaction.
pub const BATCH: usize = 5_000;

/// Bad lines listed in the error; the rest are only counted.
const SHOWN: usize = 5;

/// The format of an export file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// One JSON object per line.
    Jsonl,
    /// RFC 4180 CSV with a header row.
    Csv,
}

impl ImportFormat {
    /// The format a file's extension suggests: `.csv` is CSV, anything else JSON Lines.
    pub fn guess(file: &Path) -> ImportFormat {
        match file.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) {
            true => ImportFormat::Csv,
            false => ImportFormat::Jsonl,
        }
    }
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOutcome {
    /// The run's id in `runs` (and the `run_id` of the new mentions).
    pub run_id: String,
    /// Records read.
    pub records: u64,
    /// Mentions new to the store.
    pub new: u64,
    /// Mentions already stored (or repeated in the file).
    pub duplicates: u64,
}

impl std::fmt::Display for ImportOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} records read: {} new, {} already stored (run {})",
            self.records, self.new, self.duplicates, self.run_id
        )
    }
}

/// Parses one `--map` argument, `field=column`.
pub fn parse_map(arg: &str) -> Result<(String, String)> {
    match arg.split_once('=') {
        Some((f, c)) if !f.trim().is_empty() && !c.trim().is_empty() => Ok((f.trim().into(), c.trim().into())),
        _ => bail!("--map {arg}: expected field=column, e.g. text=full_text"),
    }
}

/// Imports `file` into the pipeline's store, then scores and matches the new mentions and recomputes the share of
/// voice; fails, storing nothing, if any record is bad.
pub fn import_file(
    pipeline: &Pipeline,
    file: &Path,
    format: ImportFormat,
    map: &[(String, String)],
) -> Result<ImportOutcome> {
    let columns = Columns::new(map)?;
    // The file is read twice (every record checked, then loaded): a pipe would be empty the second time.
    let meta = std::fs::metadata(file).with_context(|| format!("opening {}", file.display()))?;
    if !meta.is_file() {
        bail!(
            "{} is not a regular file: an import reads its file twice (a check, then the load); save it first",
            file.display()
        );
    }
    let (mut records, mut bad, mut bad_count) = (0u64, Vec::new(), 0usize);
    for_each(file, format, &columns, |line, m| {
        match m {
            Ok(_) => records += 1,
            Err(e) => {
                bad_count += 1;
                if bad.len() < SHOWN {
                    bad.push(format!("line {line}: {e}"));
                }
            }
        }
        Ok(())
    })?;
    if bad_count > 0 {
        // A bad cell is quoted in its message: redacted like everything else hark prints of a post.
        let redactor = crate::enrich::redact::Redactor::new();
        let mut msg = format!("{}: {bad_count} bad record(s), nothing imported:", file.display());
        for b in &bad {
            msg.push_str(&format!("\n  {}", redactor.redact(b)));
        }
        if bad_count > bad.len() {
            msg.push_str(&format!("\n  ... and {} more", bad_count - bad.len()));
        }
        bail!(msg);
    }

    let store = Store::open(&pipeline.store)?;
    let governance = Governance::for_store(&store)?;
    let run_id = new_run_id();
    store.begin_run(&run_id, &pipeline.name, "import")?;
    let mut out = ImportOutcome { run_id: run_id.clone(), records, new: 0, duplicates: 0 };
    let mut batch: Vec<Mention> = Vec::with_capacity(BATCH);
    let mut write = |batch: &mut Vec<Mention>| -> Result<()> {
        batch.iter_mut().for_each(|m| governance.apply_imported(m));
        let done = store.write_batch(&run_id, batch, None)?;
        (out.new, out.duplicates) = (out.new + done.new, out.duplicates + done.duplicates);
        batch.clear();
        Ok(())
    };
    let mut loaded = 0u64;
    let written = for_each(file, format, &columns, |line, m| {
        loaded += 1;
        let changed = || format!("line {line}: the file changed while it was imported");
        batch.push(m.map_err(anyhow::Error::msg).with_context(changed)?);
        if batch.len() >= BATCH {
            write(&mut batch)?;
        }
        Ok(())
    })
    .and_then(|()| write(&mut batch))
    .and_then(|()| match loaded == records {
        true => Ok(()),
        false => bail!("the file changed while it was imported: {records} records checked, {loaded} loaded"),
    })
    // A load that fails half-way (the file changed between the passes, the store refused a batch) takes out the
    // mentions its first batches added: the file lands whole or not at all.
    .map_err(|e| match store.remove_run_mentions(&run_id) {
        Ok(_) => e,
        Err(undo) => e.context(format!("and removing the mentions it had stored failed ({undo:#})")),
    });
    // Then what a run does after its crawl, short of the report ([`crate::run::refresh`]). The run is finished
    // after all of it: `ok` means the import is in every table.
    let refreshed = written
        .with_context(|| format!("importing {}", file.display()))
        .and_then(|()| crate::run::refresh(pipeline, &store, &run_id));
    if let Err(e) = refreshed {
        store.finish_run(&run_id, RunStatus::Failed, Some(&format!("{e:#}")))?;
        return Err(e);
    }
    let detail = format!("{}: {} records, {} new, {} duplicates", file.display(), out.records, out.new, out.duplicates);
    store.finish_run(&run_id, RunStatus::Ok, Some(&detail))?;
    Ok(out)
}

/// Calls `f` with each record's line number and its mention (or why it is bad); I/O errors end the walk.
fn for_each(
    file: &Path,
    format: ImportFormat,
    columns: &Columns,
    mut f: impl FnMut(u64, Result<Mention, String>) -> Result<()>,
) -> Result<()> {
    let open = || std::fs::File::open(file).with_context(|| format!("opening {}", file.display()));
    match format {
        ImportFormat::Jsonl => {
            let mut reader = BufReader::new(open()?);
            let mut buf = Vec::new();
            for line in 1u64.. {
                buf.clear();
                if reader.read_until(b'\n', &mut buf).with_context(|| format!("reading {}", file.display()))? == 0 {
                    break;
                }
                let Ok(text) = std::str::from_utf8(&buf) else {
                    f(line, Err("not UTF-8".into()))?;
                    continue;
                };
                // Windows tools open a UTF-8 file with a byte-order mark, which JSON does not allow.
                let text = if line == 1 { text.strip_prefix('\u{feff}').unwrap_or(text) } else { text };
                if text.trim().is_empty() {
                    continue;
                }
                let m = match serde_json::from_str::<serde_json::Value>(text) {
                    Ok(serde_json::Value::Object(o)) => mention(columns, |c| json_cell(&o, c)),
                    Ok(_) => Err("not a JSON object".into()),
                    Err(e) => Err(format!("not JSON: {e}")),
                };
                f(line, m)?;
            }
        }
        ImportFormat::Csv => {
            let mut reader = csv::ReaderBuilder::new().from_reader(open()?);
            let header = reader.headers().with_context(|| format!("reading the header of {}", file.display()))?;
            let header: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
            for field in ["id", "created_at"] {
                let column = columns.of(field);
                if !header.iter().any(|h| h == column) {
                    bail!("{}: no column `{column}` for the {field} field (--map {field}=COLUMN)", file.display());
                }
            }
            // Each column's position, resolved once per file; a repeated header name means its first column.
            let mut position: HashMap<&str, usize> = HashMap::with_capacity(header.len());
            for (i, h) in header.iter().enumerate() {
                position.entry(h.as_str()).or_insert(i);
            }
            let mut record = csv::StringRecord::new();
            loop {
                let line = reader.position().line();
                match reader.read_record(&mut record) {
                    Ok(false) => break,
                    Ok(true) => {
                        let cell = |c: &str| position.get(c).and_then(|&i| record.get(i)).map(Cell::Text);
                        f(record.position().map_or(line, |p| p.line()), mention(columns, cell))?;
                    }
                    Err(e) if e.is_io_error() => return Err(e).context(format!("reading {}", file.display())),
                    Err(e) => f(e.position().map_or(line, |p| p.line()), Err(csv_error(&e)))?,
                }
            }
        }
    }
    Ok(())
}

/// A CSV error without the position (the line number is reported beside it).
fn csv_error(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("{len} fields where the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { .. } => "not UTF-8".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests;
