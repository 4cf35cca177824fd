//! `hark score`: JSON lines in, the same lines out with the enrichment fields added, the input's fields and their
//! order kept. The top-level object is read into an ordered list of raw values by a small serde visitor, so that
//! every other field comes back as it was written: member order, nested key order, numbers of any size or spelling
//! (`serde_json::Map` sorts keys, and `Value` rounds numbers beyond an `f64` or a `u64`).

use std::collections::HashMap;
use std::fmt;
use std::io::{BufRead, Write};
use std::sync::{Arc, Condvar, Mutex};

use anyhow::Context;
use rayon::prelude::*;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::{to_raw_value, RawValue};

use super::Enricher;

/// A JSON object's members in input order, values as written. A name given twice keeps its first place and its
/// last value, as most JSON readers take it: the output then has each name once, and `text` is the text readers of
/// the output see.
struct Ordered<'a>(Vec<(String, Member<'a>)>);

/// A member's value: as the line wrote it, or set by `hark score`.
enum Member<'a> {
    Read(&'a RawValue),
    Set(Box<RawValue>),
}

impl Member<'_> {
    fn raw(&self) -> &RawValue {
        match self {
            Member::Read(r) => r,
            Member::Set(r) => r,
        }
    }
}

impl<'de> Deserialize<'de> for Ordered<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Ordered<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered<'de>, A::Error> {
                let mut out: Vec<(String, Member<'de>)> = Vec::new();
                // Names and places, once an object has more members than a look through them costs (a line of
                // 100,000 members took 25 s to read, each name compared with all before it).
                let mut places: HashMap<String, usize> = HashMap::new();
                while let Some((k, v)) = map.next_entry::<String, &'de RawValue>()? {
                    if out.len() == INDEXED {
                        places = out.iter().enumerate().map(|(i, (name, _))| (name.clone(), i)).collect();
                    }
                    let place = match out.len() < INDEXED {
                        true => out.iter().position(|(name, _)| *name == k),
                        false => places.get(&k).copied(),
                    };
                    // A name given twice keeps its first place.
                    match place {
                        Some(i) => out[i].1 = Member::Read(v),
                        None => {
                            if out.len() >= INDEXED {
                                places.insert(k.clone(), out.len());
                            }
                            out.push((k, Member::Read(v)));
                        }
                    }
                }
                Ok(Ordered(out))
            }
        }
        d.deserialize_map(V)
    }
}

impl Ordered<'_> {
    fn get(&self, key: &str) -> Option<&RawValue> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v.raw())
    }

    fn set(&mut self, key: &str, value: &impl serde::Serialize) -> serde_json::Result<()> {
        let value = Member::Set(to_raw_value(value)?);
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = value,
            None => self.0.push((key.to_string(), value)),
        }
        Ok(())
    }
}

/// Members of an object from which its names are found through a map rather than by a look through them all.
const INDEXED: usize = 32;

/// Lines enriched together at most, on every core, before they are written in input order.
const BATCH: usize = 4096;

/// Bytes of the lines read ahead and being scored, at most (a line longer than that goes through alone): 2 × 4,096
/// lines of a megabyte each would otherwise be held at once, and scoring takes about three times a line's size again.
const BUDGET: usize = 64 << 20;

/// The bytes of input lines held between the reader thread and the writer, shared by both.
#[derive(Default)]
struct Held {
    /// Bytes held, and whether the writer has stopped (the reader then waits for nothing).
    state: Mutex<(usize, bool)>,
    released: Condvar,
}

/// Bytes the reader takes from the budget at a time, so that it locks it once a megabyte rather than once a line.
const CREDIT: usize = 1 << 20;

impl Held {
    /// Gives back `unused` bytes of what the reader took before, waits until `bytes` more fit in [`BUDGET`], then
    /// counts them; `false` once the writer has stopped.
    fn take(&self, bytes: usize, unused: usize) -> bool {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.0 = state.0.saturating_sub(unused);
        while state.0 > 0 && state.0 + bytes > BUDGET && !state.1 {
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
/// A reader thread hands lines over as they arrive (reading ahead 64 MiB at most: [`BUDGET`]); each batch is every
/// line waiting (up to 4,096), enriched on every
/// core (rayon), written in input order and flushed. A file or a fast pipe fills whole batches; a live stream (a tail,
/// a crawler writing a line now and then) gets each line back as soon as it is scored, not when a batch fills.
///
/// The reader thread is detached: after an error it stays blocked on `input` until the next line or its end (when
/// the process exits, for `hark score`), which a scoped thread would make the caller wait for.
pub fn run_score(
    enricher: &Enricher,
    input: impl BufRead + Send + 'static,
    mut out: impl Write,
) -> anyhow::Result<u64> {
    let (send, lines) = std::sync::mpsc::sync_channel::<Line>(2 * BATCH);
    let held = Arc::new(Held::default());
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
                let block = bytes.max(CREDIT);
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

fn write_object(out: &mut impl Write, obj: &Ordered) -> anyhow::Result<()> {
    out.write_all(b"{")?;
    for (i, (k, v)) in obj.0.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut *out, k)?;
        out.write_all(b":")?;
        out.write_all(v.raw().get().as_bytes())?;
    }
    out.write_all(b"}\n")?;
    Ok(())
}

#[cfg(test)]
mod tests;
