//! The text commands through the binary: `hark match` keeps lines byte for byte, `hark lint` points at errors,
//! `hark score` adds the enrichment fields and redacts.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use crate::util::hark_bin;

fn hark_with_stdin(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(hark_bin())
        .args(args)
        .env("RUST_LOG", "hark=warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("hark runs");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

const LINES: &str = r#"{"id": 1, "text": "Acme's new release is out",   "source": "hackernews"}
{"id":2,"text":"pineapple juice, acmes everywhere"}
{"id":3,"title":"Outage","text":"acme cloud down again #acme"}
{"id":4,"text":"acme anvil sale","url":"https://shop.example.com/x"}
"#;

#[test]
fn match_writes_matching_lines_unchanged() {
    let out = hark_with_stdin(&["match", r#"(acme OR #acme) NOT "acme anvil""#], LINES);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<&str> = LINES.lines().collect();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("{}\n{}\n", lines[0], lines[2]));

    let out = hark_with_stdin(&["match", "acme NEAR/1 down", "--explain"], LINES);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains("\"_explain\"") && text.contains("\"down\""), "{text}");
}

#[test]
fn match_and_lint_reject_bad_queries_with_a_caret() {
    let out = hark_with_stdin(&["match", "acme NEAR corp"], LINES);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("acme NEAR corp") && err.contains('^') && err.contains("NEAR/3"), "{err}");

    let out = hark_with_stdin(&["lint", "(acme OR globex"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains('^'));

    let out = hark_with_stdin(&["lint", "acme or globex"], "");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    let warning =
        "warning: column 6: 'or' is searched as a word; write OR for the operator, or \"or\" to keep the word";
    assert!(text.lines().any(|l| l == warning), "{text}");
}

#[test]
fn lint_checks_every_brand_of_a_pipeline() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    std::fs::write(
        &path,
        "name = \"p\"\nstore = \"p.duckdb\"\n[[brand]]\nname = \"A\"\nquery = \"acme and globex\"\n\
         [[brand]]\nname = \"B\"\nquery = \"*bad\"\n",
    )
    .unwrap();
    let out = hark_with_stdin(&["lint", path.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    let warning =
        "brand[0] (A): warning: column 6: 'and' is searched as a word; write AND for the operator, or \"and\" \
                   to keep the word";
    assert!(text.lines().any(|l| l.ends_with(warning)), "{text}");
    assert!(text.contains("brand[1] (B)") && text.contains('^'), "{text}");
}

#[test]
fn score_adds_fields_and_redacts() {
    let input = "{\"id\":\"a\",\"text\":\"I love this, mail me at jo@example.com :)\"}\n\
                 {\"id\":\"b\",\"text\":\"This is terrible, worst update ever!!!\"}\n";
    let out = hark_with_stdin(&["score"], input);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rows: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["id"], "a");
    assert_eq!(rows[0]["lang"], "en");
    assert_eq!(rows[0]["sentiment_label"], "positive");
    assert_eq!(rows[1]["sentiment_label"], "negative");
    assert!(rows[1]["sentiment"].as_f64().unwrap() < 0.0);
    assert!(rows[0]["text_redacted"].as_str().unwrap().contains("[EMAIL]"));
    assert!(!rows[0]["text_redacted"].as_str().unwrap().contains("jo@example.com"));
    assert_eq!(rows[0]["emotions"].as_object().unwrap().len(), 7);
    assert!(rows[0]["emotion"].is_string());
}
