//! `hark score`: JSON lines in, the same lines out with the enrichment fields added, the input's fields and their
//! order kept. The top-level object is read into an ordered list by a small serde visitor, because `serde_json::Map`
//! sorts keys unless the `preserve_order` feature is on.

use std::fmt;
use std::io::{BufRead, Write};

use anyhow::Context;
use rayon::prelude::*;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;

use super::Enricher;

/// A JSON object's members in input order.
struct Ordered(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Ordered;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Value>()? {
                    out.push((k, v));
                }
                Ok(Ordered(out))
            }
        }
        d.deserialize_map(V)
    }
}

impl Ordered {
    fn set(&mut self, key: &str, value: Value) {
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = value,
            None => self.0.push((key.to_string(), value)),
        }
    }
}

/// Lines enriched together, on every core, before they are written in input order.
const BATCH: usize = 4096;

/// Enriches every JSON line of `input` that has a string `text` (an optional `lang` is used as the hint) and writes
/// it to `out` with `lang`, `sentiment`, `sentiment_label`, `emotions`, `emotion` and `text_redacted` set. Blank lines
/// are skipped; a line that is not a JSON object with a string `text` is an error naming its line number, after the
/// lines before it are written. Lines are enriched in batches of 4,096 on every core (rayon) and written in
/// input order, each batch when it is complete or the input ends: made for files and pipes that end, not for
/// following a live stream line by line. Returns the number of lines written.
pub fn run_score(enricher: &Enricher, input: impl BufRead, mut out: impl Write) -> anyhow::Result<u64> {
    let mut n = 0u64;
    let mut lines = input.lines().enumerate();
    loop {
        // A line that cannot be read (not UTF-8) ends the input after the lines before it are written.
        let (mut batch, mut unreadable) = (Vec::with_capacity(BATCH), None);
        for (i, line) in lines.by_ref().take(BATCH) {
            match line {
                Ok(line) => batch.push((i + 1, line)),
                Err(e) => {
                    unreadable = Some(anyhow::Error::new(e).context(format!("reading line {}", i + 1)));
                    break;
                }
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
        if let Some(e) = unreadable {
            out.flush()?;
            return Err(e);
        }
        if batch.len() < BATCH {
            break;
        }
    }
    out.flush()?;
    Ok(n)
}

/// One input line enriched and serialised with its newline; `None` for a blank line.
fn score_line(enricher: &Enricher, number: usize, line: &str) -> anyhow::Result<Option<Vec<u8>>> {
    if line.trim().is_empty() {
        return Ok(None);
    }
    let mut obj: Ordered = serde_json::from_str(line).with_context(|| format!("line {number}: not a JSON object"))?;
    // What `hark run` stores, without the tokens and content stems of a full `enrich`, which are not printed.
    let (redacted, lang, stored) = {
        let text = match obj.0.iter().find(|(k, _)| k == "text") {
            Some((_, Value::String(s))) => s,
            _ => anyhow::bail!("line {number}: no string field `text`"),
        };
        let hint = obj.0.iter().find_map(|(k, v)| if k == "lang" { v.as_str() } else { None });
        let redacted = enricher.redact(text).into_owned();
        let (lang, scores) = enricher.score_redacted(&redacted, hint);
        (redacted, lang, scores.map(|s| s.stored()))
    };
    let emotions = stored.and_then(|s| s.emotions);
    obj.set("lang", serde_json::to_value(&lang)?);
    obj.set("sentiment", serde_json::to_value(stored.map(|s| s.sentiment))?);
    obj.set("sentiment_label", serde_json::to_value(stored.map(|s| s.label))?);
    obj.set("emotions", serde_json::to_value(emotions.map(|(e, _)| super::emotion::by_name(&e)))?);
    obj.set("emotion", serde_json::to_value(emotions.map(|(_, top)| top))?);
    obj.set("text_redacted", Value::String(redacted));
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
        serde_json::to_writer(&mut *out, v)?;
    }
    out.write_all(b"}\n")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_fields_and_keeps_order() {
        let enricher = Enricher::new();
        let input = "{\"id\":7,\"text\":\"I love this phone :)\",\"zeta\":true}\n\n{\"text\":\"Das ist ein sehr schlechtes Produkt und ich bin enttäuscht\",\"lang\":\"de\"}\n";
        let mut out = Vec::new();
        assert_eq!(run_score(&enricher, input.as_bytes(), &mut out).expect("scores"), 2);
        let text = String::from_utf8(out).expect("utf-8");
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("{\"id\":7,\"text\":\"I love this phone :)\",\"zeta\":true,\"lang\":\"en\""));
        assert!(lines[0].contains("\"sentiment_label\":\"positive\""));
        assert!(lines[1].contains("\"lang\":\"de\"") && lines[1].contains("\"sentiment\":null"));
        // Scores print as their 3 decimals, not as the f32's binary expansion (0.16200000047683716).
        let first: Value = serde_json::from_str(lines[0]).expect("json");
        let decimals = |v: &Value| v.as_f64().is_some_and(|x| x.to_string().len() <= 6);
        assert!(decimals(&first["sentiment"]), "{}", first["sentiment"]);
        assert!(first["emotions"].as_object().expect("emotions").values().all(decimals), "{}", first["emotions"]);
    }

    #[test]
    fn batches_keep_input_order() {
        let enricher = Enricher::new();
        let input: String =
            (0..BATCH + 100).map(|i| format!("{{\"id\":{i},\"text\":\"post {i} is great\"}}\n")).collect();
        let mut out = Vec::new();
        assert_eq!(run_score(&enricher, input.as_bytes(), &mut out).expect("scores"), (BATCH + 100) as u64);
        let ids: Vec<u64> = String::from_utf8(out)
            .expect("utf-8")
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).expect("json")["id"].as_u64().expect("id"))
            .collect();
        assert_eq!(ids, (0..(BATCH + 100) as u64).collect::<Vec<_>>());
    }

    #[test]
    fn bad_lines_name_their_number() {
        let enricher = Enricher::new();
        let mut written = Vec::new();
        let err = run_score(&enricher, "{\"text\":\"ok\"}\n[1]\n{\"text\":\"later\"}\n".as_bytes(), &mut written)
            .expect_err("fails");
        assert!(err.to_string().contains("line 2"));
        assert_eq!(String::from_utf8(written).expect("utf-8").lines().count(), 1, "the line before the bad one");
        let mut written = Vec::new();
        let input = b"{\"text\":\"ok\"}\n{\"text\":\"\xff\"}\n{\"text\":\"later\"}\n";
        let err = run_score(&enricher, &input[..], &mut written).expect_err("fails");
        assert!(format!("{err:#}").contains("reading line 2"), "{err:#}");
        assert_eq!(String::from_utf8(written).expect("utf-8").lines().count(), 1, "the line before the unreadable one");
        let err = run_score(&enricher, "{\"body\":\"x\"}\n".as_bytes(), Vec::new()).expect_err("fails");
        assert!(err.to_string().contains("`text`"));
        // A bad line in the second batch: the whole first batch and the lines before it in its own are written.
        let mut input: String = (0..BATCH + 3).map(|i| format!("{{\"text\":\"post {i}\"}}\n")).collect();
        input.push_str("[1]\n{\"text\":\"later\"}\n");
        let mut written = Vec::new();
        let err = run_score(&enricher, input.as_bytes(), &mut written).expect_err("fails");
        assert!(err.to_string().contains(&format!("line {}", BATCH + 4)), "{err}");
        assert_eq!(String::from_utf8(written).expect("utf-8").lines().count(), BATCH + 3);
    }
}
