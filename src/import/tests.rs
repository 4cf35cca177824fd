//! Imports of small JSON Lines and CSV files: defaults, `--map`, timestamps, dedup, bad lines, batching.

use std::path::{Path, PathBuf};

use super::*;

fn pipeline(dir: &Path) -> Pipeline {
    let text =
        format!("name = \"imp\"\nstore = {:?}\n[[brand]]\nname = \"Acme\"\nquery = \"acme\"\n", dir.join("imp.duckdb"));
    Pipeline::parse(&text, &dir.join("imp.toml")).unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The pseudonym the store's key gives `handle` on `source`.
fn pseudonym(p: &Pipeline, source: &str, handle: &str) -> Option<String> {
    Some(crate::govern::Governance::with_key_of(&p.store).unwrap().pseudonym(source, handle))
}

/// `(source, source_id, created_at as RFC 3339, author, likes, text)` of a stored mention.
type Row = (String, String, String, Option<String>, Option<i64>, String);

/// Every stored mention, by id.
fn rows(p: &Pipeline) -> Vec<Row> {
    let store = Store::open(&p.store).unwrap();
    let mut stmt = store
        .conn()
        .prepare(
            "SELECT source, source_id, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ'), author, likes, text \
             FROM mentions ORDER BY source_id",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    rows
}

#[test]
fn jsonl_imports_with_defaults_and_a_second_import_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let p = pipeline(dir.path());
    let file = write(
        dir.path(),
        "export.jsonl",
        concat!(
            // A byte-order mark first, as Windows tools write.
            "\u{feff}{\"id\": \"a1\", \"created_at\": \"2026-01-05T10:00:00+01:00\", \"text\": \"acme rocks\", \"likes\": 3}\n",
            "\n",
            "{\"id\": 2, \"source\": \"forum\", \"created_at\": \"2026-01-06 08:30:00\", \"text\": \"acme\", \"author\": \"bo\"}\n",
            "{\"id\": \"a3\", \"created_at\": 1767225600, \"title\": \"Acme\", \"likes\": \"7\", \"lang\": \"en\"}\n",
        ),
    );
    let out = import_file(&p, &file, ImportFormat::Jsonl, &[]).unwrap();
    assert_eq!((out.records, out.new, out.duplicates), (3, 3, 0));
    assert!(out.to_string().starts_with("3 records read: 3 new, 0 already stored (run "), "{out}");
    let bo = pseudonym(&p, "forum", "bo");
    assert_ne!(bo.as_deref(), Some("bo"), "authors are pseudonymised as in a crawl");
    let want: Vec<Row> = vec![
        ("forum".into(), "2".into(), "2026-01-06T08:30:00Z".into(), bo, None, "acme".into()),
        ("file".into(), "a1".into(), "2026-01-05T09:00:00Z".into(), None, Some(3), "acme rocks".into()),
        ("file".into(), "a3".into(), "2026-01-01T00:00:00Z".into(), None, Some(7), String::new()),
    ];
    assert_eq!(rows(&p), want);
    let again = import_file(&p, &file, ImportFormat::Jsonl, &[]).unwrap();
    assert_eq!((again.records, again.new, again.duplicates), (3, 0, 3));
    let store = Store::open(&p.store).unwrap();
    let runs: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM runs WHERE command = 'import' AND status = 'ok'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(runs, 2);
}

#[test]
fn csv_columns_are_renamed_by_map_and_quoted_fields_survive() {
    let dir = tempfile::tempdir().unwrap();
    let p = pipeline(dir.path());
    let file = write(
        dir.path(),
        "tweets.csv",
        "tweet_id,full_text,posted,fav,user\n\
         9001,\"acme, with a comma\nand a newline\",1767225600,12,@ann\n\
         9002,plain acme,2026-01-02 00:00:00,,\n",
    );
    let map: Vec<(String, String)> = ["id=tweet_id", "text=full_text", "created_at=posted", "likes=fav", "author=user"]
        .iter()
        .map(|m| parse_map(m).unwrap())
        .collect();
    let out = import_file(&p, &file, ImportFormat::Csv, &map).unwrap();
    assert_eq!((out.records, out.new), (2, 2));
    let got = rows(&p);
    assert_eq!(got[0].1, "9001");
    assert_eq!(got[0].5, "acme, with a comma\nand a newline");
    assert_eq!((got[0].3.clone(), got[0].4), (pseudonym(&p, "file", "@ann"), Some(12)));
    assert_eq!((got[1].2.as_str(), got[1].3.as_deref(), got[1].4), ("2026-01-02T00:00:00Z", None, None));
}

/// A numeric id is kept exactly (an X post id is a 64-bit number); one past what JSON numbers read exactly is
/// refused, not stored rounded.
#[test]
fn numeric_ids_are_kept_exactly_or_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = pipeline(dir.path());
    let line = |id: &str| format!("{{\"id\": {id}, \"created_at\": \"2026-01-05T10:00:00Z\", \"text\": \"acme\"}}\n");
    let big = write(dir.path(), "big.jsonl", &line("123456789012345678901234"));
    let err = format!("{:#}", import_file(&p, &big, ImportFormat::Jsonl, &[]).unwrap_err());
    assert!(err.contains("line 1: id: 1.2345678901234569e+23 is a whole number too large"), "{err}");
    let x = write(dir.path(), "x.jsonl", &line("1580661436132757506"));
    import_file(&p, &x, ImportFormat::Jsonl, &[]).unwrap();
    assert_eq!(rows(&p)[0].1, "1580661436132757506");
    // A whole number written as a float is the same id.
    let float = write(dir.path(), "f.jsonl", &[line("1e3"), line("1000"), line("1000.0")].concat());
    import_file(&p, &float, ImportFormat::Jsonl, &[]).unwrap();
    assert_eq!(rows(&p).iter().map(|r| r.1.as_str()).collect::<Vec<_>>(), ["1000", "1580661436132757506"]);
}

#[test]
fn bad_lines_fail_the_import_by_line_number_and_store_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let p = pipeline(dir.path());
    let file = write(
        dir.path(),
        "bad.jsonl",
        concat!(
            "{\"id\": \"ok\", \"created_at\": \"2026-01-05T10:00:00Z\", \"text\": \"acme\"}\n",
            "{\"id\": \"t\", \"created_at\": \"yesterday\", \"text\": \"acme\"}\n",
            "{\"id\": \"ms\", \"created_at\": 1767225600000, \"text\": \"acme\"}\n",
            "{\"id\": \"x\", \"created_at\": \"2026-01-05T10:00:00Z\", \"text\": \"acme\"\n",
            "{\"created_at\": \"2026-01-05T10:00:00Z\", \"text\": \"acme\"}\n",
            "{\"id\": \"n\", \"created_at\": \"2026-01-05T10:00:00Z\", \"text\": \"acme\", \"likes\": \"many\"}\n",
            "{\"id\": \"e\", \"created_at\": \"2026-01-05T10:00:00Z\"}\n",
            "[1, 2]\n",
        ),
    );
    let err = format!("{:#}", import_file(&p, &file, ImportFormat::Jsonl, &[]).unwrap_err());
    assert!(err.contains("7 bad record(s), nothing imported"), "{err}");
    for needle in ["line 2: created_at", "line 3: created_at", "milliseconds", "line 4: not JSON", "line 5: no `id`"] {
        assert!(err.contains(needle), "{needle:?} missing from {err}");
    }
    assert!(err.contains("... and 2 more"), "{err}");
    assert!(!p.store.exists(), "nothing was stored, not even an empty store");

    let csv =
        write(dir.path(), "bad.csv", "id,created_at,text\n1,2026-01-05 10:00:00,acme\n2,2026-01-05\n3,soon,acme\n");
    let err = format!("{:#}", import_file(&p, &csv, ImportFormat::Csv, &[]).unwrap_err());
    assert!(err.contains("line 3: 2 fields where the header has 3"), "{err}");
    assert!(err.contains("line 4: created_at: \"soon\""), "{err}");
    let missing = write(dir.path(), "cols.csv", "tweet_id,created_at,text\n1,2026-01-05 10:00:00,acme\n");
    let err = format!("{:#}", import_file(&p, &missing, ImportFormat::Csv, &[]).unwrap_err());
    assert!(err.contains("no column `id`") && err.contains("--map id=COLUMN"), "{err}");
}

#[test]
fn large_files_stream_in_batches() {
    let dir = tempfile::tempdir().unwrap();
    let p = pipeline(dir.path());
    let n = 2 * BATCH + 17;
    let mut text = String::from("id,created_at,text,source\n");
    for i in 0..n {
        text.push_str(&format!("{i},{},acme post {i},bulk\n", 1_767_225_600 + i));
    }
    text.push_str("0,1767225600,acme post 0 again,bulk\n");
    let file = write(dir.path(), "big.csv", &text);
    let out = import_file(&p, &file, ImportFormat::Csv, &[]).unwrap();
    assert_eq!((out.records, out.new, out.duplicates), (n as u64 + 1, n as u64, 1));
    assert_eq!(Store::open(&p.store).unwrap().mention_count().unwrap(), n as i64);
}

#[test]
fn map_and_time_forms_are_checked() {
    assert!(Columns::new(&[("body".into(), "x".into())]).unwrap_err().to_string().contains("unknown field `body`"));
    let twice = [("id".into(), "a".into()), ("id".into(), "b".into())];
    assert!(Columns::new(&twice).is_err());
    assert!(parse_map("text").is_err() && parse_map("=x").is_err());
    assert_eq!(parse_map(" text = full_text ").unwrap(), ("text".into(), "full_text".into()));
    let t = |s: &str| parse_time(s).map(|t| t.to_rfc3339());
    assert_eq!(t("2026-01-05T10:00:00Z").as_deref(), Some("2026-01-05T10:00:00+00:00"));
    assert_eq!(t("2026-01-05 10:00:00").as_deref(), Some("2026-01-05T10:00:00+00:00"));
    assert_eq!(t("2026-01-05 10:00:00.5").as_deref(), Some("2026-01-05T10:00:00.500+00:00"));
    assert_eq!(t("2026-01-05 10:00:00+02").as_deref(), Some("2026-01-05T08:00:00+00:00"));
    // ISO 8601 as exporters write it: `T` without an offset, offsets without a colon, `Z` after a space form.
    assert_eq!(t("2026-01-05T10:00:00").as_deref(), Some("2026-01-05T10:00:00+00:00"));
    assert_eq!(t("2026-01-05T10:00:00+0100").as_deref(), Some("2026-01-05T09:00:00+00:00"));
    assert_eq!(t("2026-01-05T10:00:00.250-0530").as_deref(), Some("2026-01-05T15:30:00.250+00:00"));
    assert_eq!(t("2026-01-05 10:00:00Z").as_deref(), Some("2026-01-05T10:00:00+00:00"));
    assert_eq!((t("2026-01-05X10:00:00"), t("2026-01-05T25:00:00")), (None, None));
    assert_eq!(t("1767225600").as_deref(), Some("2026-01-01T00:00:00+00:00"));
    assert_eq!(t("05/01/2026"), None);
    // A compact date or a year is no unix time in 1970.
    assert_eq!((t("20240501"), t("2024"), t("99999999")), (None, None, None));
    assert_eq!(ImportFormat::guess(Path::new("x.CSV")), ImportFormat::Csv);
    assert_eq!(ImportFormat::guess(Path::new("x.ndjson")), ImportFormat::Jsonl);
}

/// An import lands in every table a run fills short of the report: scores, brand matches and a share of voice that
/// agrees with the view; blank authors are no author, not one shared pseudonym.
#[test]
fn an_import_is_scored_matched_and_counted_and_blank_authors_stay_empty() {
    let dir = tempfile::tempdir().unwrap();
    let p = pipeline(dir.path());
    let file = write(
        dir.path(),
        "blank.jsonl",
        concat!(
            "{\"id\": \"b1\", \"created_at\": \"2026-01-05T10:00:00Z\", \"text\": \"acme is great\", \"author\": \"\"}\n",
            "{\"id\": \"b2\", \"created_at\": \"2026-01-20T10:00:00Z\", \"text\": \"acme again\", \"author\": \" @ \"}\n",
            "{\"id\": \"b3\", \"created_at\": \"2026-01-21T10:00:00Z\", \"text\": \"nothing here\", \"author_id\": \"  \"}\n",
        ),
    );
    import_file(&p, &file, ImportFormat::Jsonl, &[]).unwrap();
    assert!(rows(&p).iter().all(|r| r.3.is_none()), "{:?}", rows(&p));
    let store = Store::open(&p.store).unwrap();
    let count = |sql: &str| -> i64 { store.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM mentions WHERE author_id IS NOT NULL"), 0);
    assert_eq!(count("SELECT count(*) FROM mention_scores"), 3);
    assert_eq!(count("SELECT count(*) FROM mention_brands"), 2);
    // Three weeks for the one brand; the week between has no share in either table.
    assert_eq!(count("SELECT count(*) FROM sov_weekly"), 3);
    // The shipped data test finds the two agree, and finds it when they no longer do: a brand match the Polars
    // table was not recomputed after (the view now ends in the first week; the Polars table still has two more).
    let test = include_str!("../../queries/tests/share_of_voice_agrees_with_sov_weekly.sql");
    let disagree = format!("SELECT count(*) FROM ({})", test.trim_end().trim_end_matches(';'));
    assert_eq!(count(&disagree), 0);
    store.conn().execute_batch("DELETE FROM mention_brands WHERE source_id = 'b2'").unwrap();
    assert_eq!(count(&disagree), 2);
}

/// An export is a file anyone can write: ids holding personal data or naming their author are stored as keyed
/// hashes (the same for a parent and the reply pointing at it), a source must be a name and a language a code.
#[test]
fn ids_sources_and_languages_from_a_file_are_governed() {
    let dir = tempfile::tempdir().unwrap();
    let p = pipeline(dir.path());
    let file = write(
        dir.path(),
        "pii.jsonl",
        concat!(
            "{\"id\": \"jane.doe@example.com\", \"source\": \"Reddit\", \"created_at\": 1767225600, \"text\": \"acme\"}\n",
            "{\"id\": \"r2\", \"source\": \"reddit\", \"parent_id\": \"jane.doe@example.com\", \"created_at\": 1767225600, \
             \"text\": \"acme too\"}\n",
            "{\"id\": \"https://m.example/users/alice/statuses/1\", \"author\": \"alice\", \"created_at\": 1767225600, \
             \"text\": \"acme\"}\n",
            // Bob's reply to alice: its parent id is hashed as alice's post id is.
            "{\"id\": \"https://m.example/users/bob/statuses/2\", \"author\": \"bob\", \"parent_id\": \
             \"https://m.example/users/alice/statuses/1\", \"created_at\": 1767225600, \"text\": \"acme\"}\n",
            // Ids differ by case only: two posts.
            "{\"id\": \"https://insta.example/p/CxYzAbC/\", \"created_at\": 1767225600, \"text\": \"acme\"}\n",
            "{\"id\": \"https://insta.example/p/CxYzabc/\", \"created_at\": 1767225600, \"text\": \"acme\"}\n",
        ),
    );
    let out = import_file(&p, &file, ImportFormat::Jsonl, &[]).unwrap();
    assert_eq!((out.new, out.duplicates), (6, 0));
    let store = Store::open_read_only(&p.store).unwrap();
    let leaked: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM mentions WHERE source_id LIKE '%jane%' OR source_id LIKE '%alice%' \
             OR coalesce(parent_id, '') LIKE '%jane%' OR coalesce(parent_id, '') LIKE '%alice%' \
             OR source <> lower(source)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(leaked, 0);
    let linked: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM mentions c JOIN mentions p ON c.parent_id = p.source_id WHERE p.source_id LIKE 'i\\_%' ESCAPE '\\'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(linked, 2, "replies still point at their parents");
    drop(store);
    for bad in [
        "{\"id\": \"x\", \"source\": \"mail jane.doe@example.com\", \"created_at\": 1767225600, \"text\": \"acme\"}\n",
        "{\"id\": \"x\", \"lang\": \"english\", \"created_at\": 1767225600, \"text\": \"acme\"}\n",
        // What the shipped data test (queries/tests/mentions_sane.sql) calls unsound.
        "{\"id\": \"x\", \"created_at\": \"2099-01-01T00:00:00Z\", \"text\": \"acme\"}\n",
        "{\"id\": \"x\", \"likes\": -5, \"created_at\": 1767225600, \"text\": \"acme\"}\n",
    ] {
        let file = write(dir.path(), "bad.jsonl", bad);
        let err = format!("{:#}", import_file(&p, &file, ImportFormat::Jsonl, &[]).unwrap_err());
        assert!(err.contains("bad record") && !err.contains("jane.doe@example.com"), "{err}");
    }
}

/// What is not a regular file is refused: a pipe is read once, so it was checked whole and then loaded as nothing,
/// with exit 0. A directory takes the same branch as a pipe, and fails fast where a pipe without a writer would
/// block if the check went.
#[test]
fn not_a_regular_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = pipeline(dir.path());
    let err = import_file(&p, dir.path(), ImportFormat::Jsonl, &[]).map(|_| ()).unwrap_err();
    assert!(format!("{err:#}").contains("not a regular file"), "{err:#}");
}
