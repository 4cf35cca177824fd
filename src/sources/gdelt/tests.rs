//! GDELT parsing, throttle and query tests on the replay cases of source-apis.md §7.

use super::*;
use crate::sources::{testing, testing::response as fetched, SourceConfig};

fn fixture(name: &str) -> String {
    testing::fixture("gdelt", name)
}

#[test]
fn parses_artlist() {
    // Reconstructed from a real row (see tests/fixtures/gdelt/README.md), not a raw recording.
    let (mentions, capped) = parse(&fixture("artlist.json")).unwrap();
    assert!(!capped);
    assert_eq!(mentions.len(), 2);
    let a = &mentions[0];
    assert_eq!(a.source_id.len(), 32);
    assert_eq!(a.created_at, DateTime::parse_from_rfc3339("2023-09-18T03:00:00Z").unwrap());
    assert_eq!(a.title.as_deref(), Some("Capturan en México a exnovio de Ana María Serrano"));
    assert_eq!(a.author.as_deref(), Some("semana.com"));
    assert_eq!(a.lang.as_deref(), Some("es"));
    assert!(a.url.as_deref().unwrap().starts_with("https://www.semana.com/nacion/"));
    assert_eq!(mentions[1].title.as_deref(), Some("Acme Cloud outage hits \"thousands\" of shops"));
    assert_eq!(mentions[1].lang.as_deref(), Some("en"));
    // Same URL, same id: re-crawls deduplicate.
    assert_eq!(parse(&fixture("artlist.json")).unwrap().0[0].source_id, a.source_id);
}

#[test]
fn a_full_slice_is_capped_and_empty_is_empty() {
    let article = r#"{"url":"https://e.example/a","title":"t","seendate":"20230917T120000Z","domain":"e.example","language":"English"}"#;
    let body = format!("{{\"articles\":[{}]}}", vec![article; MAX_RECORDS].join(","));
    let (mentions, capped) = parse(&body).unwrap();
    assert!(capped && mentions.len() == MAX_RECORDS);
    assert!(matches!(verdict(&fetched(200, &fixture("empty.json"))), Verdict::Accept));
    assert_eq!(parse(&fixture("empty.json")).unwrap(), (vec![], false));
}

#[test]
fn throttle_prose_is_a_rate_limit_on_200_and_429() {
    for status in [200, 429] {
        match verdict(&fetched(status, &fixture("throttle.txt"))) {
            Verdict::Throttled(Some(w)) => assert!(w >= std::time::Duration::from_secs(5)),
            v => panic!("HTTP {status}: {v:?}"),
        }
    }
}

#[test]
fn invalid_query_fails_and_control_characters_are_repaired() {
    match verdict(&fetched(200, &fixture("invalid_query.html"))) {
        Verdict::Fail(msg) => assert!(msg.starts_with(REJECTED) && msg.contains("The specified phrase is too short")),
        v => panic!("{v:?}"),
    }
    let body = fixture("control_char.json");
    assert!(serde_json::from_str::<serde_json::Value>(&body).is_err());
    assert!(matches!(verdict(&fetched(200, &body)), Verdict::Accept));
    let (mentions, _) = parse(&body).unwrap();
    assert_eq!(mentions[0].title.as_deref(), Some("Acme  Cloud  results"));
    assert_eq!(mentions[0].lang.as_deref(), Some("de"));
    assert!(matches!(verdict(&fetched(200, "{\"articles\":[{\"url\":")), Verdict::Retry(None)));
}

#[test]
fn builds_slice_url_and_parenthesised_keys() {
    let t: SourceConfig = toml::from_str("filter = \"sourcelang:english\"").unwrap();
    let g = Gdelt { config: parse_config(&t).unwrap() };
    let since = DateTime::parse_from_rfc3339("2026-01-05T00:00:00Z").unwrap().with_timezone(&Utc);
    let url = g.url("(acme OR \"acme cloud\")", Window { since, until: since + Duration::days(7) }).unwrap();
    assert_eq!(
        url.as_str(),
        "https://api.gdeltproject.org/api/v2/doc/doc?query=%28acme+OR+%22acme+cloud%22%29+sourcelang%3Aenglish\
         &mode=ArtList&format=json&maxrecords=250&sort=DateDesc&startdatetime=20260105000000&enddatetime=20260111235959"
    );
    let p = crate::pipeline::Pipeline::parse(
        "name = \"t\"\nstore = \"t.duckdb\"\n[[brand]]\nname = \"Acme\"\nquery = '\"Acme Cloud\" OR acme'\n\
         [[brand]]\nname = \"Globex\"\nquery = 'globex'\n",
        std::path::Path::new("t.toml"),
    )
    .unwrap();
    assert_eq!(g.keys(&p.brands), vec!["(acme OR \"acme cloud\" OR globex)"]);
    assert_eq!(g.granularity(), Duration::minutes(15));
}

#[test]
fn only_slices_older_than_three_months_are_beyond_reach() {
    let now = DateTime::parse_from_rfc3339("2026-11-25T00:00:00Z").unwrap().with_timezone(&Utc);
    let week =
        |days_ago: i64| Window { since: now - Duration::days(days_ago + 7), until: now - Duration::days(days_ago) };
    assert!(beyond_reach(week(100), now));
    assert!(!beyond_reach(week(85), now));
}
