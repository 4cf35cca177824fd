//! Pipeline file checks: good files parse, bad ones name the file, the key and what was expected.

use std::path::Path;

use super::*;

fn parse(text: &str) -> Result<Pipeline, PipelineError> {
    Pipeline::parse(text, Path::new("pipelines/t.toml"))
}

const MINIMAL: &str = "name = \"t\"\nstore = \"t.duckdb\"\n[[brand]]\nname = \"Acme\"\nquery = \"acme\"\n";

#[test]
fn shipped_pipelines_parse() {
    for name in ["demo", "example"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("pipelines/{name}.toml"));
        let p = Pipeline::load(&path).unwrap_or_else(|e| panic!("{e}"));
        assert!(p.brands.len() >= 3 && p.sources.len() >= 5, "{name}");
        assert_eq!(p.history, History::Months(13));
        assert!(p.schedule.is_some());
    }
}

#[test]
fn minimal_file_has_defaults() {
    let p = parse(MINIMAL).unwrap();
    assert_eq!(p.history, History::Months(13));
    assert!(p.sources.is_empty(), "no source at all is valid: data can arrive by import");
    assert_eq!(p.report.out, Path::new("reports/out"));
}

/// A name is a folder under the report output: only dots would write beside or above it.
#[test]
fn a_name_of_dots_is_refused() {
    for name in [".", ".."] {
        let e = parse(&MINIMAL.replace("name = \"t\"", &format!("name = {name:?}"))).unwrap_err().to_string();
        assert!(e.contains("key `name`") && e.contains("not only dots"), "{e}");
    }
    assert!(parse(&MINIMAL.replace("name = \"t\"", "name = \"acme.v2\"")).is_ok());
}

#[test]
fn unknown_top_level_key_is_named() {
    let e = parse(&format!("{MINIMAL}\nstorage = \"x\"")).unwrap_err().to_string();
    assert!(e.starts_with("pipelines/t.toml"), "{e}");
    assert!(e.contains("storage"), "{e}");
}

/// serde's wrong types, missing and unknown keys say the dotted key, what was expected and what was found, as the
/// file's other checks do, not toml's parser message with the key only in the quoted line.
#[test]
fn wrong_types_and_keys_say_key_expected_and_found() {
    let e = parse(&format!("{MINIMAL}[http]\ntimeout_secs = \"thirty\"\n")).unwrap_err().to_string();
    assert!(e.contains("key `http.timeout_secs`: expected a number, found string \"thirty\""), "{e}");
    let e = parse(&format!("{MINIMAL}[[brand]]\nname = \"B\"\nquery = 3\n")).unwrap_err().to_string();
    assert!(e.contains("key `brand[1].query`: expected a string, found integer `3`"), "{e}");
    let e = parse(&format!("{MINIMAL}[[brand]]\nname = \"B\"\n")).unwrap_err().to_string();
    assert!(e.contains("key `brand[1].query`: expected a value (the key is required), found nothing"), "{e}");
    let e = parse(&format!("{MINIMAL}[[source]]\ntype = \"discourse\"\n")).unwrap_err().to_string();
    assert!(e.contains("key `source[0].base_url`: expected a value (the key is required), found nothing"), "{e}");
    let e = parse(&format!("{MINIMAL}[[source]]\ntype = \"hackernews\"\nbase_url = \"not a url\"\n"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("expected an absolute URL such as") && e.contains("relative URL without a base"), "{e}");
    let e = parse(&format!("{MINIMAL}[[source]]\ntype = \"hackernews\"\nbogus = 1\n")).unwrap_err().to_string();
    assert!(e.contains("key `source[0].bogus`: expected one of the keys base_url,"), "{e}");
}

/// Classic five-field days of the week: Sunday is 0 or 7, Monday 1, in the cron crate's numbering.
#[test]
fn five_field_schedules_read_classic_weekdays() {
    let days = |expr: &str| -> Vec<chrono::Weekday> {
        let schedule = super::parse_cron(expr).unwrap_or_else(|| panic!("{expr} is refused"));
        let mut days: Vec<chrono::Weekday> =
            schedule.upcoming(chrono::Utc).take(7).map(|t| chrono::Datelike::weekday(&t)).collect();
        days.sort_by_key(chrono::Weekday::num_days_from_monday);
        days.dedup();
        days
    };
    use chrono::Weekday::*;
    assert_eq!(days("0 6 * * 0"), [Sun]);
    assert_eq!(days("0 6 * * 7"), [Sun]);
    assert_eq!(days("0 6 * * 1-5"), [Mon, Tue, Wed, Thu, Fri]);
    assert_eq!(days("0 6 * * 0,6"), [Sat, Sun]);
    assert_eq!(days("0 6 * * 5-7"), [Fri, Sat, Sun]);
    assert_eq!(days("0 6 * * Mon"), [Mon]);
    assert_eq!(days("0 0 6 * * Mon"), [Mon]);
    // Six fields read the day of week as five do (the cron crate alone would take 1-5 for Sunday to Thursday).
    assert_eq!(days("0 0 6 * * 1-5"), [Mon, Tue, Wed, Thu, Fri]);
    assert_eq!(days("30 0 6 * * 0"), [Sun]);
    // Day of month and day of week both restricted: classic cron ORs them, the crate ANDs them; refused.
    assert!(super::parse_cron("0 6 1 * Mon").is_none() && super::parse_cron("0 0 6 1 * 1").is_none());
    assert!(super::parse_cron("0 6 1 * *").is_some() && super::parse_cron("0 6 1 * ?").is_some());
    assert!(super::parse_cron("0 6 * * 8").is_none() && super::parse_cron("0 6 * * * * 2027").is_none());
    assert_eq!(days("0 6 * * 7-7"), [Sun]);
    assert_eq!(days("0 6 * * 0-7"), [Mon, Tue, Wed, Thu, Fri, Sat, Sun]);
    assert!(super::parse_cron("0 6 * * Sat-7").is_none(), "a name ranged to a number");
}

#[test]
fn bad_values_name_key_and_expectation() {
    let e =
        parse(&MINIMAL.replace("name = \"t\"", "name = \"t\"\nhistory = \"13 fortnights\"")).unwrap_err().to_string();
    assert!(e.contains("key `history`") && e.contains("\"13 months\""), "{e}");
    let e =
        parse(&MINIMAL.replace("name = \"t\"", "name = \"t\"\nschedule = \"every monday\"")).unwrap_err().to_string();
    assert!(e.contains("key `schedule`") && e.contains("cron"), "{e}");
    let e = parse(&format!("{MINIMAL}[[source]]\ntype = \"hackernews\"\nbase_url = \"not a url\"\n"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("source[0].base_url"), "{e}");
    let e =
        parse(&format!("{MINIMAL}[[source]]\ntype = \"hackernews\"\nhits_per_page = 5000\n")).unwrap_err().to_string();
    assert!(e.contains("source[0].hits_per_page") && e.contains("1..=1000"), "{e}");
    let e = parse(&format!("{MINIMAL}[[source]]\ntype = \"discourse\"\n")).unwrap_err().to_string();
    assert!(e.contains("source[0].base_url"), "{e}");
    let e = parse(&format!("{MINIMAL}[[brand]]\nname = \"Acme\"\nquery = \"x\"\n")).unwrap_err().to_string();
    assert!(e.contains("brand[1].name"), "{e}");
    let e = parse(&MINIMAL.replace("query = \"acme\"", "query = '\"acme'")).unwrap_err().to_string();
    assert!(e.contains("brand[0].query") && e.contains("unclosed quote"), "{e}");
    let e = parse("name = \"t\"\nstore = \"t.duckdb\"\n").unwrap_err().to_string();
    assert!(e.contains("key `brand`"), "{e}");
    // A store DuckDB would keep in memory, and a template that is not there, fail before any crawl.
    for store in ["\"\"", "\":memory:\""] {
        let e = parse(&MINIMAL.replace("store = \"t.duckdb\"", &format!("store = {store}"))).unwrap_err().to_string();
        assert!(e.contains("key `store`"), "{e}");
    }
    let e = parse(&format!("{MINIMAL}[report]\ntemplate = \"no/such/template.j2\"\n")).unwrap_err().to_string();
    assert!(e.contains("key `report.template`") && e.contains("no/such/template.j2"), "{e}");
    // So does one that does not parse; the shipped one does.
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.j2");
    std::fs::write(&broken, "<h1>{{ report.pipeline }}</h1>{% if %}").unwrap();
    let e = parse(&format!("{MINIMAL}[report]\ntemplate = {broken:?}\n")).unwrap_err().to_string();
    assert!(e.contains("key `report.template`") && e.contains("broken.j2") && e.contains("minijinja"), "{e}");
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("reports/weekly.html.j2");
    assert!(parse(&format!("{MINIMAL}[report]\ntemplate = {shipped:?}\n")).is_ok(), "{shipped:?}");
}

#[test]
fn five_field_cron_is_accepted() {
    assert!(parse_cron("0 6 * * Mon").is_some());
    assert!(parse_cron("0 0 6 * * Mon").is_some());
    assert!(parse_cron("61 * * * *").is_none());
}
