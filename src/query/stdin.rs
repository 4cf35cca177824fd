//! `hark match QUERY [--explain]`: filter JSON-lines mentions on stdin by one query.
//!
//! Matching lines are written byte-for-byte as read (a missing final newline is added). With `--explain` each
//! matching line is parsed as a JSON object, gets an `"_explain"` field (an [`Explanation`]) and is re-serialised
//! on one line (keys then come out sorted). Blank lines are skipped; a line that is not a JSON object with a
//! string `text` is an error naming its line number.

use std::borrow::Cow;
use std::io::{BufRead, Write};

use anyhow::Context;
use serde::Deserialize;

use super::{Doc, MatchOptions, Matcher, Query};

/// The fields matching reads; others (`id`, ...) are ignored here and kept in the output line.
#[derive(Deserialize)]
struct Line<'a> {
    #[serde(borrow)]
    text: Cow<'a, str>,
    #[serde(borrow, default)]
    title: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    author: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    source: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    url: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    lang: Option<Cow<'a, str>>,
}

/// Reads mentions from `input`, writes the matching ones to `out`; returns (lines read, lines matched).
pub fn run_match(
    query: &str,
    explain: bool,
    options: MatchOptions,
    mut input: impl BufRead,
    mut out: impl Write,
) -> anyhow::Result<(u64, u64)> {
    let q = Query::parse(query).map_err(|e| anyhow::anyhow!("invalid query\n{}", e.render(query)))?;
    let matcher = Matcher::new(&[&q], options);
    let (mut read, mut matched) = (0u64, 0u64);
    let mut buf = Vec::new();
    let mut line_no = 0u64;
    loop {
        buf.clear();
        if input.read_until(b'\n', &mut buf).context("reading mentions")? == 0 {
            break;
        }
        line_no += 1;
        let body = std::str::from_utf8(&buf).with_context(|| format!("line {line_no}: not UTF-8"))?;
        if body.trim().is_empty() {
            continue;
        }
        read += 1;
        let line: Line = serde_json::from_str(body)
            .with_context(|| format!("line {line_no}: expected a JSON object with a string \"text\""))?;
        let doc = Doc {
            title: line.title.as_deref(),
            text: &line.text,
            author: line.author.as_deref(),
            source: line.source.as_deref(),
            url: line.url.as_deref(),
            lang: line.lang.as_deref(),
        };
        if matcher.matches(&doc).is_empty() {
            continue;
        }
        matched += 1;
        if explain {
            let mut value: serde_json::Map<String, serde_json::Value> = serde_json::from_str(body)?;
            value.insert("_explain".into(), serde_json::to_value(matcher.explain(0, &doc))?);
            serde_json::to_writer(&mut out, &value)?;
            out.write_all(b"\n")?;
        } else {
            out.write_all(&buf)?;
            if !buf.ends_with(b"\n") {
                out.write_all(b"\n")?;
            }
        }
    }
    out.flush()?;
    Ok((read, matched))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(query: &str, explain: bool, input: &str) -> anyhow::Result<(String, (u64, u64))> {
        let mut out = Vec::new();
        let counts = run_match(query, explain, MatchOptions::default(), input.as_bytes(), &mut out)?;
        Ok((String::from_utf8(out)?, counts))
    }

    #[test]
    fn writes_matching_lines_unchanged() -> anyhow::Result<()> {
        let input = "{\"id\":1,  \"text\":\"I love Acme\"}\n\n{\"id\":2,\"text\":\"nothing\"}\r\n{\"text\":\"acme \\u00e9\",\"zz\":[1, 2]}";
        let (out, counts) = run("acme", false, input)?;
        assert_eq!(out, "{\"id\":1,  \"text\":\"I love Acme\"}\n{\"text\":\"acme \\u00e9\",\"zz\":[1, 2]}\n");
        assert_eq!(counts, (3, 2));
        Ok(())
    }

    #[test]
    fn uses_title_and_metadata() -> anyhow::Result<()> {
        let input =
            "{\"id\":\"a\",\"title\":\"Acme\",\"text\":\"x\",\"url\":\"https://news.acme.com/\",\"lang\":\"en\"}\n";
        assert_eq!(run("title:acme site:acme.com language:en", false, input)?.1, (1, 1));
        assert_eq!(run("title:acme language:fr", false, input)?.1, (1, 0));
        Ok(())
    }

    #[test]
    fn explain_adds_field() -> anyhow::Result<()> {
        let (out, _) = run("acme NOT cheap", true, "{\"text\":\"Acme rocks\",\"id\":7}\n")?;
        assert!(out.ends_with("}\n") && out.lines().count() == 1);
        let got: serde_json::Value = serde_json::from_str(&out)?;
        let want = serde_json::json!({"id": 7, "text": "Acme rocks", "_explain": {"query": 0, "matched": true, "hits": [
            {"term": "acme", "negated": false, "field": "text", "token": 0, "start": 0, "end": 4, "text": "Acme"}
        ]}});
        assert_eq!(got, want);
        Ok(())
    }

    #[test]
    fn errors_name_the_line_and_render_the_query() {
        let e = run("acme", false, "{\"text\":\"acme\"}\nnot json\n").expect_err("bad line");
        assert!(format!("{e:#}").starts_with("line 2: expected a JSON object"), "{e:#}");
        let e = run("acme AND", false, "").expect_err("bad query");
        assert!(e.to_string().contains("acme AND\n     ^\nerror: AND must be followed by a term"), "{e}");
        assert!(run("acme", false, "{\"id\":1}\n").is_err());
    }
}
