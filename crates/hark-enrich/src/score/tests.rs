//! `hark score`'s line handling: fields and order kept, batches, bad lines, a live stream.

use super::*;
use serde_json::Value;

/// Scores `input` whole: the lines scored and what was written.
fn scored(input: &str) -> (u64, String) {
    let mut out = Vec::new();
    let n = run_score(&Enricher::new(), std::io::Cursor::new(input.to_owned()), &mut out).expect("scores");
    (n, String::from_utf8(out).expect("utf-8"))
}

#[test]
fn adds_fields_and_keeps_order() {
    let input = "{\"id\":7,\"text\":\"I love this phone :)\",\"zeta\":true}\n\n{\"text\":\"Das ist ein sehr schlechtes Produkt und ich bin enttäuscht\",\"lang\":\"de\"}\n";
    let (n, text) = scored(input);
    assert_eq!(n, 2);
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

/// Kept fields keep their numbers: a coordinate of 17 significant digits comes back as it went in (serde_json's
/// default float parser is off by one ulp on some of them, which printed back changed the last digit).
#[test]
fn kept_numbers_come_back_unchanged() {
    let coords = ["38.448624110701644", "-122.41941550000001", "0.30000000000000004", "1e-7"];
    let input: String = coords.iter().map(|c| format!("{{\"lat\":{c},\"text\":\"hi\"}}\n")).collect();
    let (_, text) = scored(&input);
    for (line, c) in text.lines().zip(coords) {
        let lat: Value = serde_json::from_str::<Value>(line).expect("json")["lat"].clone();
        assert_eq!(lat.as_f64(), c.parse::<f64>().ok(), "{line}");
    }
    assert!(text.starts_with("{\"lat\":38.448624110701644,"), "{text}");
}

/// Other fields come back as written: numbers beyond an `f64` or a `u64`, or out of its range, in their own
/// spelling, and nested objects in their key order (`Value` printed `1.2345678901234568e+22`, `100.0` for `1E2`,
/// sorted keys, and refused `1e400` as out of range, ending the run).
#[test]
fn other_fields_come_back_as_written() {
    let kept = r#"{"big":12345678901234567890123,"e":1E2,"pi":3.141592653589793238462643383279,"huge":1e400,"nested":{"b":1,"a":[2, 3.0]}"#;
    let (n, text) = scored(&format!("{kept},\"text\":\"good\"}}\n"));
    assert_eq!(n, 1);
    assert!(text.starts_with(&format!("{kept},\"text\":\"good\",\"lang\":\"en\"")), "{text}");
}

/// A deleted post's `"text": null` comes back unscored, every enrichment field `null`; the lines around it are
/// scored.
#[test]
fn a_null_text_comes_back_unscored() {
    let (n, text) =
        scored("{\"id\":1,\"text\":null}\n{\"id\":2,\"text\":\"great\"}\n{\"lang\":\"de\",\"text\":null}\n");
    assert_eq!(n, 3);
    assert!(text.lines().nth(2).is_some_and(|l| l.starts_with("{\"lang\":\"de\",")), "the line's own lang: {text}");
    let first: Value = serde_json::from_str(text.lines().next().expect("a line")).expect("json");
    for field in ["lang", "sentiment", "sentiment_label", "emotions", "emotion", "text_redacted"] {
        assert_eq!(first[field], Value::Null, "{field} in {first}");
    }
    assert!(text.lines().nth(1).is_some_and(|l| l.contains("\"sentiment_label\":\"positive\"")), "{text}");
}

/// A name given twice is one member, with the last value, as JSON readers take it: the output has each name once,
/// and what is scored is the `text` they see.
#[test]
fn a_name_given_twice_is_read_once_with_its_last_value() {
    let (_, text) = scored("{\"text\":\"great\",\"sentiment\":1,\"sentiment\":2,\"text\":\"call 555-123-4567\"}\n");
    assert_eq!(text.matches("\"sentiment\":").count(), 1, "{text}");
    assert_eq!(text.matches("\"text\":").count(), 1, "{text}");
    assert!(text.contains("\"text_redacted\":\"call [PHONE]\""), "{text}");
    let many: String = (0..100).map(|i| format!("\"k{}\":{i},", i % 40)).collect();
    let (_, text) = scored(&format!("{{{many}\"text\":\"ok\"}}\n"));
    assert_eq!(text.matches("\"k39\":").count(), 1, "{text}");
    assert!(text.contains("\"k0\":80,"), "{text}");
}

/// A file from a Windows tool opens with a byte-order mark: the first line still reads as JSON (with CRLF line
/// ends, which `lines()` already took).
#[test]
fn a_byte_order_mark_is_read_through() {
    let (n, text) = scored("\u{feff}{\"id\":1,\"text\":\"great\"}\r\n{\"id\":2,\"text\":\"awful\"}\r\n");
    assert_eq!(n, 2);
    assert!(text.starts_with("{\"id\":1,\"text\":\"great\""), "{text}");
}

#[test]
fn batches_keep_input_order() {
    let input: String = (0..BATCH + 100).map(|i| format!("{{\"id\":{i},\"text\":\"post {i} is great\"}}\n")).collect();
    let (n, out) = scored(&input);
    assert_eq!(n, (BATCH + 100) as u64);
    let ids: Vec<u64> =
        out.lines().map(|l| serde_json::from_str::<Value>(l).expect("json")["id"].as_u64().expect("id")).collect();
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
    for no_text in ["{\"body\":\"x\"}\n", "{\"text\":5}\n", "{\"text\":[\"x\"]}\n", "{\"text\":\"\\ud800\"}\n"] {
        let err = run_score(&enricher, no_text.as_bytes(), Vec::new()).expect_err("fails");
        assert!(err.to_string().contains("`text`"), "{no_text}: {err}");
    }
    // A bad line in the second batch: the whole first batch and the lines before it in its own are written.
    let mut input: String = (0..BATCH + 3).map(|i| format!("{{\"text\":\"post {i}\"}}\n")).collect();
    input.push_str("[1]\n{\"text\":\"later\"}\n");
    let mut written = Vec::new();
    let err = run_score(&enricher, std::io::Cursor::new(input), &mut written).expect_err("fails");
    assert!(err.to_string().contains(&format!("line {}", BATCH + 4)), "{err}");
    assert_eq!(String::from_utf8(written).expect("utf-8").lines().count(), BATCH + 3);
}

/// Bytes that arrive when the test sends them, as from a live pipe.
struct Live(std::sync::mpsc::Receiver<Vec<u8>>, Vec<u8>);

impl std::io::Read for Live {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.1.is_empty() {
            // The test dropping its sender is the end of the input.
            self.1 = self.0.recv().unwrap_or_default();
        }
        let n = buf.len().min(self.1.len());
        buf[..n].copy_from_slice(&self.1[..n]);
        self.1.drain(..n);
        Ok(n)
    }
}

/// Output the test can read while scoring goes on, line by line as it is flushed.
#[derive(Clone, Default)]
struct Seen(std::sync::Arc<std::sync::Mutex<(Vec<u8>, usize)>>);

impl Write for Seen {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").0.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        let mut seen = self.0.lock().expect("lock");
        seen.1 = seen.0.len();
        Ok(())
    }
}

impl Seen {
    /// Waits (up to 20 s) until `n` lines have been flushed.
    fn wait_for(&self, n: usize) -> bool {
        let start = std::time::Instant::now();
        while start.elapsed() < std::time::Duration::from_secs(20) {
            let seen = self.0.lock().expect("lock");
            if seen.0[..seen.1].iter().filter(|b| **b == b'\n').count() >= n {
                return true;
            }
            drop(seen);
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        false
    }
}

#[test]
fn a_live_stream_gets_each_line_back_before_the_input_ends() {
    let (send, receive) = std::sync::mpsc::channel();
    let seen = Seen::default();
    let scoring = {
        let seen = seen.clone();
        std::thread::spawn(move || {
            run_score(&Enricher::new(), std::io::BufReader::new(Live(receive, Vec::new())), seen)
        })
    };
    send.send(b"{\"id\":1,\"text\":\"first post, great\"}\n".to_vec()).expect("send");
    assert!(seen.wait_for(1), "the first line was not written while the input stayed open");
    send.send(b"{\"id\":2,\"text\":\"second post\"}\n\n{\"id\":3,\"text\":\"third\"}\n".to_vec()).expect("send");
    assert!(seen.wait_for(3), "the next lines were not written while the input stayed open");
    drop(send);
    assert_eq!(scoring.join().expect("joins").expect("scores"), 3);
}

/// A name given twice keeps its first place and its last value, also past the members from which names are looked up
/// in a map (`object::INDEXED`).
#[test]
fn names_given_twice_in_a_large_object_keep_their_first_place() {
    let members: Vec<String> = (0..100).map(|i| format!("\"k{i}\":{i}")).collect();
    let line = format!("{{{},\"k5\":\"again\",\"k40\":\"again\",\"text\":\"ok\"}}\n", members.join(","));
    let (_, text) = scored(&line);
    let keys: Vec<String> = text.split("\":").map(|s| s.rsplit('"').next().unwrap_or("").to_string()).collect();
    let expected: Vec<String> = (0..100).map(|i| format!("k{i}")).collect();
    assert_eq!(&keys[..100], &expected[..], "{text}");
    assert!(text.contains("\"k5\":\"again\",\"k6\":6") && text.contains("\"k40\":\"again\",\"k41\":41"), "{text}");
    assert!(text.contains("\"k99\":99,\"text\":\"ok\",\"lang\""), "{text}");
    // Names given again while the object has exactly as many members as the map is built at.
    let members: Vec<String> = (0..32).map(|i| format!("\"k{i}\":{i}")).collect();
    let line = format!("{{{},\"k3\":\"a\",\"k3\":\"b\",\"text\":\"ok\"}}\n", members.join(","));
    let (_, text) = scored(&line);
    assert!(text.starts_with("{\"k0\":0,\"k1\":1,\"k2\":2,\"k3\":\"b\",\"k4\":4,"), "{text}");
    assert!(text.contains("\"k31\":31,\"text\":\"ok\",\"lang\"") && !text.contains("\"a\""), "{text}");
}

/// The reader waits while the lines it has handed over hold [`BUDGET`] bytes, and goes on once they are written; a
/// line longer than the budget goes through alone, and a writer that stops lets a waiting reader go.
#[test]
fn the_reader_waits_while_the_budget_is_held() {
    use std::time::Duration;
    let held = Arc::new(Held::new(BUDGET));
    assert!(held.take(BUDGET - 10, 0));
    let reader = held.clone();
    let waiting = std::thread::spawn(move || reader.take(100, 0));
    std::thread::sleep(Duration::from_millis(100));
    assert!(!waiting.is_finished(), "100 more bytes do not fit");
    held.release(BUDGET - 10, false);
    assert!(waiting.join().expect("reader"));
    held.release(100, false);
    assert!(held.take(2 * BUDGET, 0), "alone, a line longer than the budget goes through");
    let reader = held.clone();
    let waiting = std::thread::spawn(move || reader.take(1, 0));
    std::thread::sleep(Duration::from_millis(100));
    assert!(!waiting.is_finished());
    held.release(0, true);
    assert!(!waiting.join().expect("reader"), "the writer stopped");
}

/// Lines of about 500 bytes under a budget of 2 KB: the reader waits for the writer again and again, and every line
/// still comes back once, in order; a line longer than the budget goes through alone.
#[test]
fn a_small_budget_keeps_every_line_in_order() {
    let pad = "x".repeat(480);
    let mut input: String = (0..300).map(|i| format!("{{\"id\":{i},\"text\":\"post {i} {pad}\"}}\n")).collect();
    input.push_str(&format!("{{\"id\":300,\"text\":\"{}\"}}\n", "long ".repeat(1000)));
    let mut out = Vec::new();
    let n = score_within(&Enricher::new(), std::io::Cursor::new(input), &mut out, 2048).expect("scores");
    assert_eq!(n, 301);
    let ids: Vec<u64> = String::from_utf8(out)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("json")["id"].as_u64().expect("id"))
        .collect();
    assert_eq!(ids, (0..=300).collect::<Vec<u64>>());
}
