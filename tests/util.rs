//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use hark::store::Store;

/// Runs every `queries/tests/*.sql` check against a store; each must return zero rows.
pub fn assert_data_tests_pass(store: &Store) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries/tests");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no data tests in {}", dir.display());
    for f in files {
        let sql = std::fs::read_to_string(&f).unwrap();
        let out = store.query(&sql).unwrap_or_else(|e| panic!("{}: {e:#}", f.display()));
        assert!(out.rows.is_empty(), "{} returned {} rows, first: {:?}", f.display(), out.rows.len(), out.rows.first());
    }
}

/// The path of the built `hark` binary.
pub fn hark_bin() -> &'static str {
    env!("CARGO_BIN_EXE_hark")
}

/// Runs the `hark` binary with `args`, logging warnings only.
pub fn hark(args: &[&str]) -> std::process::Output {
    std::process::Command::new(hark_bin()).args(args).env("RUST_LOG", "hark=warn").output().expect("hark runs")
}

/// The first column of the first row of `sql`, a count.
pub fn count(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}
