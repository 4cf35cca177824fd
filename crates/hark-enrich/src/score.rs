//! `hark score`: JSON lines in, the same lines out with the enrichment fields added, the input's fields and their
//! order kept. The top-level object is read into an ordered list by a small serde visitor, because `serde_json::Map`
//! sorts keys unless the `preserve_order` feature is on.

use std::fmt;
use std::io::{BufRead, Write};

use anyhow::Context;
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

/// Enriches every JSON line of `input` that has a string `text` (an optional `lang` is used as the hint) and writes
/// it to `out` with `lang`, `sentiment`, `sentiment_label`, `emotions`, `emotion` and `text_redacted` set. Blank lines
/// are skipped; a line that is not a JSON object with a string `text` is an error naming its line number. Returns the
/// number of lines written.
pub fn run_score(enricher: &Enricher, input: impl BufRead, mut out: impl Write) -> anyhow::Result<u64> {
    let mut n = 0u64;
    for (i, line) in input.lines().enumerate() {
        let line = line.with_context(|| format!("reading line {}", i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let mut obj: Ordered =
            serde_json::from_str(&line).with_context(|| format!("line {}: not a JSON object", i + 1))?;
        let text = match obj.0.iter().find(|(k, _)| k == "text") {
            Some((_, Value::String(s))) => s.clone(),
            _ => anyhow::bail!("line {}: no string field `text`", i + 1),
        };
        let hint = obj.0.iter().find_map(|(k, v)| if k == "lang" { v.as_str().map(String::from) } else { None });
        let e = enricher.enrich(&text, hint.as_deref());
        obj.set("lang", serde_json::to_value(&e.lang)?);
        obj.set("sentiment", serde_json::to_value(e.sentiment.map(super::decimal))?);
        obj.set("sentiment_label", serde_json::to_value(e.sentiment_label)?);
        obj.set("emotions", serde_json::to_value(e.emotions.as_ref().map(super::emotion::by_name))?);
        obj.set("emotion", serde_json::to_value(e.emotion)?);
        obj.set("text_redacted", Value::String(e.text_redacted));
        write_object(&mut out, &obj)?;
        n += 1;
    }
    out.flush()?;
    Ok(n)
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
    fn bad_lines_name_their_number() {
        let enricher = Enricher::new();
        let err = run_score(&enricher, "{\"text\":\"ok\"}\n[1]\n".as_bytes(), Vec::new()).expect_err("fails");
        assert!(err.to_string().contains("line 2"));
        let err = run_score(&enricher, "{\"body\":\"x\"}\n".as_bytes(), Vec::new()).expect_err("fails");
        assert!(err.to_string().contains("`text`"));
    }
}
