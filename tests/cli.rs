//! The `hark` binary as schedulers see it: exit codes 0/1/2, errors that name the file and key, query formats.

use std::process::Command;
use std::sync::Arc;

use chrono::Utc;
use hark::demo::{
    corpus,
    model::DemoSource,
    servers::{ServerPlan, Servers},
};
use hark::pipeline::History;

use crate::util::{hark, hark_bin};

#[test]
fn bad_pipeline_exits_2_naming_file_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(
        &path,
        "name = \"x\"\nstore = \"x.duckdb\"\nhistory = \"forever\"\n[[brand]]\nname = \"A\"\nquery = \"a\"\n",
    )
    .unwrap();
    let out = hark(&["run", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.toml") && err.contains("history"), "{err}");
    // With --log-format json the error is one more JSON line: stderr stays parseable for a scheduler.
    let out = hark(&["--log-format", "json", "run", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<serde_json::Value> =
        err.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("not JSON: {l}"))).collect();
    assert!(lines.iter().any(|l| l["fields"]["error"].as_str().is_some_and(|e| e.contains("history"))), "{err}");
    // Even with every log line filtered out, the fatal error is still said.
    let out = Command::new(hark_bin())
        .args(["--log-format", "json", "run", path.to_str().unwrap()])
        .env("RUST_LOG", "off")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    let line: serde_json::Value =
        serde_json::from_str(err.trim()).unwrap_or_else(|_| panic!("not one JSON line: {err}"));
    assert_eq!((out.status.code(), line["level"].as_str()), (Some(2), Some("ERROR")), "{err}");
    // So is a command line that does not parse.
    let out = hark(&["--log-format", "json", "run", path.to_str().unwrap(), "--no-such-flag"]);
    let err = String::from_utf8_lossy(&out.stderr);
    let line: serde_json::Value =
        serde_json::from_str(err.trim()).unwrap_or_else(|_| panic!("not one JSON line: {err}"));
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(line["fields"]["error"].as_str().is_some_and(|e| e.contains("--no-such-flag")), "{err}");
}

/// `hark report` reads what crawls stored: a store path that leads nowhere is an error, not an empty new store.
#[test]
fn report_on_a_missing_store_exits_2_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = (dir.path().join("p.toml"), dir.path().join("typo.duckdb"));
    std::fs::write(&path, format!("name = \"p\"\nstore = {store:?}\n[[brand]]\nname = \"A\"\nquery = \"a\"\n"))
        .unwrap();
    let out = hark(&["report", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("typo.duckdb"));
    assert!(!store.exists(), "report created an empty store");
}

/// Two tables that crawl one instance would share its cursors and overwrite each other's crawl_runs row: the
/// crawl refuses to start (exit 2) and says why, before any request.
#[test]
fn two_sources_crawling_one_instance_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("twice.toml");
    let store = dir.path().join("t.duckdb");
    let source = "[[source]]\ntype = \"hackernews\"\nbase_url = \"http://127.0.0.1:1\"\n";
    let text = format!("name = \"t\"\nstore = {store:?}\n[[brand]]\nname = \"A\"\nquery = \"a\"\n{source}{source}");
    std::fs::write(&path, text).unwrap();
    let out = hark(&["crawl", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("twice.toml") && err.contains("two [[source]] tables crawl hackernews"), "{err}");
    // The run that could not start is recorded as failed, not left running.
    let store = hark::store::Store::open(&store).unwrap();
    let status: String = store.conn().query_row("SELECT status FROM runs", [], |r| r.get(0)).unwrap();
    assert_eq!(status, "failed");
}

/// A crawl where every source failed landed nothing: a scheduler must see "could not run" (2), not the "some
/// failed, the rest landed" of exit code 1; `hark run` says the same and still writes the report of stored data.
#[test]
fn every_source_failing_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("down.toml");
    let store = dir.path().join("d.duckdb");
    let text = format!(
        "name = \"d\"\nstore = {store:?}\n[[brand]]\nname = \"A\"\nquery = \"a\"\n\
         [[source]]\ntype = \"hackernews\"\nbase_url = \"http://127.0.0.1:9\"\n\
         [[source]]\ntype = \"stackexchange\"\nbase_url = \"http://127.0.0.1:9\"\n\
         [http]\nretries = 0\nbackoff_ms = 10\ntimeout_secs = 5\n[report]\nout = {:?}\n",
        dir.path().join("reports")
    );
    std::fs::write(&path, text).unwrap();
    for command in ["crawl", "run"] {
        let out = hark(&[command, path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{command}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let store = hark::store::Store::open(&store).unwrap();
    let runs: Vec<(String, String, String)> = store
        .conn()
        .prepare("SELECT command, status, detail FROM runs ORDER BY started_at")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(runs.len(), 2, "{runs:?}");
    assert!(
        runs.iter().all(|(_, status, detail)| status == "failed" && detail.contains("every source failed")),
        "{runs:?}"
    );
}

#[test]
fn sources_lists_every_registered_source() {
    let out = hark(&["sources"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for s in hark::sources::SOURCES {
        assert!(text.contains(s.name), "{} missing from `hark sources`", s.name);
    }
    assert!(text.contains("hashtags only"), "history limits are said, never silent");
}

/// A reader that has gone before the output comes (`hark sources | head -0`) is no error: exit 0 and no panic
/// message, where `println!` on the closed pipe panicked and exited 101.
#[test]
fn output_to_a_closed_pipe_exits_0() {
    let script = r#"{ sleep 0.5; "$HARK" sources; echo "exit=$?" >&2; } | true"#;
    let out = Command::new("bash").args(["-c", script]).env("HARK", hark_bin()).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("exit=0") && !stderr.contains("panicked"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failing_source_exits_1_and_the_rest_lands() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = Arc::new(corpus::generate(Utc::now(), History::default(), 0.01, 3));
    let servers = Servers::start(
        corpus.clone(),
        ServerPlan { hackernews: 0, stackexchange: 0, rss: 0, discourse: 0, mastodon: 0 },
    )
    .await
    .unwrap();
    let store = dir.path().join("p.duckdb");
    let pipeline = dir.path().join("p.toml");
    // The corpus reaches 13 months back from its own `now`; `hark crawl` starts a moment later, so 13 months from its
    // `now` would leave out the posts of that moment. 14 months reach all of them.
    std::fs::write(
        &pipeline,
        format!(
            "name = \"p\"\nstore = {store:?}\nhistory = \"14 months\"\n[[brand]]\nname = \"Lumora\"\nquery = \"lumora\"\n\
             [[source]]\ntype = \"hackernews\"\nbase_url = \"{}\"\n\
             [[source]]\ntype = \"stackexchange\"\nbase_url = \"http://127.0.0.1:9\"\n\
             [http]\nretries = 1\nbackoff_ms = 10\ntimeout_secs = 5\n",
            servers.base_url(DemoSource::HackerNews)
        ),
    )
    .unwrap();
    let p = pipeline.clone();
    let out = tokio::task::spawn_blocking(move || hark(&["crawl", p.to_str().unwrap()])).await.unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let served = corpus.posts.iter().filter(|p| p.source == DemoSource::HackerNews && p.brands.contains(&0)).count();
    assert!(served > 0);

    let json = hark(&[
        "query",
        pipeline.to_str().unwrap(),
        "select source, count(*) as n from mentions group by source",
        "--format",
        "json",
    ]);
    assert!(json.status.success(), "{}", String::from_utf8_lossy(&json.stderr));
    let rows: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(rows, serde_json::json!([{ "source": "hackernews", "n": served }]));

    let runs = hark(&[
        "query",
        store.to_str().unwrap(),
        "select instance, status, error is not null as has_error from crawl_runs order by instance",
        "--format",
        "csv",
    ]);
    let csv = String::from_utf8_lossy(&runs.stdout);
    assert_eq!(csv, "instance,status,has_error\nhackernews,ok,false\nstackexchange:stackoverflow,failed,true\n");

    // A data test, as shipped: its opening `--` comment is SQL, not an option.
    let sane =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/queries/tests/mentions_sane.sql")).unwrap();
    let check = hark(&["query", store.to_str().unwrap(), &sane, "--format", "csv"]);
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    assert_eq!(String::from_utf8_lossy(&check.stdout).lines().count(), 1, "mentions_sane.sql returns no rows");

    let table = hark(&["query", store.to_str().unwrap(), "select 1 as one, 'a,b' as two"]);
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(text.contains("one  two") && text.contains("(1 rows)"), "{text}");
    servers.shutdown().await;
}
