//! `hark score`: JSON lines in, the same lines out with the enrichment fields added, the input's fields and their
//! order kept ([`object`]); read on a thread of its own, scored in batches on every core, written in input order.

use std::io::{BufRead, Write};
use std::sync::{Arc, Condvar, Mutex};

use anyhow::Context;
use rayon::prelude::*;

use super::Enricher;
use object::{write_object, Ordered};

/// Lines enriched together at most, on every core, before they are written in input order.
const BATCH: usize = 4096;

/// Bytes of the lines read ahead and being scored, at most (a line longer than that goes through alone): 2 × 4,096
/// lines of a megabyte each would otherwise be held at once, and scoring takes about three times a line's size again.
const BUDGET: usize = 64 << 20;

/// The bytes of input lines held between the reader thread and the writer, shared by both.
struct Held {
    /// The most bytes held at once ([`BUDGET`]; smaller in tests).
    budget: usize,
    /// Bytes held, and whether the writer has stopped (the reader then waits for nothing).
    state: Mutex<(usize, bool)>,
    released: Condvar,
}

/// Bytes the reader takes from the budget at a time, so that it locks it once a megabyte rather than once a line.
const CREDIT: usize = 1 << 20;

impl Held {
    fn new(budget: usize) -> Held {
        Held { budget, state: Mutex::new((0, false)), released: Condvar::new() }
    }

    /// What the reader takes at a time for a line of `bytes`: [`CREDIT`], a whole line longer than that, and no
    /// more than the budget.
    fn block(&self, bytes: usize) -> usize {
        bytes.max(CREDIT.min(self.budget))
    }

    /// Gives back `unused` bytes of what the reader took before, waits until `bytes` more fit in the budget, then
    /// counts them; `false` once the writer has stopped.
    fn take(&self, bytes: usize, unused: usize) -> bool {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.0 = state.0.saturating_sub(unused);
        while state.0 > 0 && state.0 + bytes > self.budget && !state.1 {
            state = self.released.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        state.0 += bytes;
        !state.1
    }

    /// Counts `bytes` as written; with `stop`, the writer is done and the reader is let go.
    fn release(&self, bytes: usize, stop: bool) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.0 = state.0.saturating_sub(bytes);
        state.1 |= stop;
        self.released.notify_all();
    }
}

/// Lets the reader thread go however the writer stops (an error, a panic, the end).
struct Stop(Arc<Held>);

impl Drop for Stop {
    fn drop(&mut self) {
        self.0.release(0, true);
    }
}

/// A line as the reader thread hands it over: its number and text, or why it could not be read.
type Line = (usize, std::io::Result<String>);

/// Enriches every JSON line of `input` that has a string `text` (an optional `lang` is used as the hint) and writes
/// it to `out` with `lang`, `sentiment`, `sentiment_label`, `emotions`, `emotion` and `text_redacted` set. Blank lines
/// are skipped; a line that is not a JSON object with a string `text` is an error naming its line number, after the
/// lines before it are written. Returns the number of lines written.
///
/// A reader thread hands lines over as they arrive (64 MiB of lines read ahead and being scored at most, and the line
/// it waits to hand over: [`BUDGET`]); each batch is every line waiting (up to 4,096), enriched on every core
/// (rayon), written in input order and flushed. A file or a fast pipe fills whole batches; a live stream (a tail, a
/// crawler writing a line now and then) gets each line back as soon as it is scored, not when a batch fills.
///
/// The reader thread is detached: after an error it stays blocked on `input` until the next line or its end (when
/// the process exits, for `hark score`), which a scoped thread would make the caller wait for.
pub fn run_score(enricher: &Enricher, input: impl BufRead + Send + 'static, out: impl Write) -> anyhow::Result<u64> {
    score_within(enricher, input, out, BUDGET)
}

/// [`run_score`] with the lines read ahead and being scored held to `budget` bytes.
fn score_within(
    enricher: &Enricher,
    input: impl BufRead + Send + 'static,
    mut out: impl Write,
    budget: usize,
) -> anyhow::Result<u64> {
    let (send, lines) = std::sync::mpsc::sync_channel::<Line>(2 * BATCH);
    let held = Arc::new(Held::new(budget));
    let _stop = Stop(held.clone());
    let reader_held = held.clone();
    std::thread::Builder::new().name("hark-score-reader".into()).spawn(move || {
        // What the reader has taken from the budget and not yet handed over.
        let mut credit = 0;
        for (i, line) in input.lines().enumerate() {
            let failed = line.is_err();
            // A byte-order mark (Windows tools write one) opens the file, not its first JSON object.
            let line = match line {
                Ok(first) if i == 0 && first.starts_with('\u{feff}') => Ok(first['\u{feff}'.len_utf8()..].to_owned()),
                other => other,
            };
            // The writer stops only at an error: nothing more to read for.
            let bytes = line.as_ref().map_or(0, String::len);
            if bytes > credit {
                let block = reader_held.block(bytes);
                if !reader_held.take(block, credit) {
                    break;
                }
                credit = block;
            }
            credit -= bytes;
            if send.send((i + 1, line)).is_err() || failed {
                break;
            }
        }
    })?;
    let mut n = 0u64;
    // Blocks for the first line of each batch; the end of the input (the sender dropped) ends the loop.
    while let Ok(first) = lines.recv() {
        let (mut batch, mut unreadable, mut bytes) = (Vec::new(), None, 0);
        for (number, line) in std::iter::once(first).chain(std::iter::from_fn(|| lines.try_recv().ok())) {
            match line {
                Ok(line) => {
                    bytes += line.len();
                    batch.push((number, line));
                }
                // A line that cannot be read (not UTF-8) ends the input after the lines before it are written; the
                // reader sends nothing after it.
                Err(e) => unreadable = Some(anyhow::Error::new(e).context(format!("reading line {number}"))),
            }
            if batch.len() == BATCH {
                break;
            }
        }
        let scored: Vec<anyhow::Result<Option<Vec<u8>>>> =
            batch.par_iter().map(|(number, line)| score_line(enricher, *number, line)).collect();
        for line in scored {
            match line {
                Ok(Some(bytes)) => {
                    out.write_all(&bytes)?;
                    n += 1;
                }
                Ok(None) => {}
                Err(e) => {
                    out.flush()?;
                    return Err(e);
                }
            }
        }
        out.flush()?;
        held.release(bytes, false);
        if let Some(e) = unreadable {
            return Err(e);
        }
    }
    Ok(n)
}

/// One input line enriched and serialised with its newline; `None` for a blank line. A `text` of `null` (a deleted
/// post in many exports) comes back with every enrichment field `null` but `lang`, which keeps the line's own.
fn score_line(enricher: &Enricher, number: usize, line: &str) -> anyhow::Result<Option<Vec<u8>>> {
    if line.trim().is_empty() {
        return Ok(None);
    }
    let mut obj: Ordered = serde_json::from_str(line).with_context(|| format!("line {number}: not a JSON object"))?;
    let raw = obj.get("text").with_context(|| format!("line {number}: no string field `text`"))?;
    let text: Option<String> = serde_json::from_str(raw.get())
        .with_context(|| format!("line {number}: `text` is not a string or null (or not valid Unicode)"))?;
    let hint: Option<String> = obj.get("lang").and_then(|raw| serde_json::from_str(raw.get()).ok());
    // What `hark run` stores, without the tokens and content stems of a full `enrich`, which are not printed.
    let (redacted, lang, stored) = match text {
        Some(text) => {
            let redacted = enricher.redact(&text).into_owned();
            let (lang, scores) = enricher.score_redacted(&redacted, hint.as_deref());
            (Some(redacted), lang, scores.map(|s| s.stored()))
        }
        None => (None, None, None),
    };
    let emotions = stored.and_then(|s| s.emotions);
    // A null text's line keeps its own `lang`, if it gives one.
    if redacted.is_some() || obj.get("lang").is_none() {
        obj.set("lang", &lang)?;
    }
    obj.set("sentiment", &stored.map(|s| s.sentiment))?;
    obj.set("sentiment_label", &stored.map(|s| s.label))?;
    obj.set("emotions", &emotions.map(|(e, _)| super::emotion::by_name(&e)))?;
    obj.set("emotion", &emotions.map(|(_, top)| top))?;
    obj.set("text_redacted", &redacted)?;
    let mut bytes = Vec::with_capacity(line.len() * 2 + 256);
    write_object(&mut bytes, &obj)?;
    Ok(Some(bytes))
}

mod object;
#[cfg(test)]
mod tests;
