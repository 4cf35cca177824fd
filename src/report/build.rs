//! Assembles a `WeeklyReport` from the store and the analytics results.

use anyhow::Result;
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc, Weekday};
use duckdb::params;

use super::model::{BrandInfo, SourceRow, SovRow, SovTableRow, WeeklyReport};
use crate::pipeline::Pipeline;
use crate::store::Store;

/// Monday of the ISO week holding `d`.
pub fn monday_of(d: NaiveDate) -> NaiveDate {
    d.week(Weekday::Mon).first_day()
}

/// The report week: the last complete ISO week before `now`, or the last week with data if that is earlier.
pub fn default_week(now: DateTime<Utc>, sov: &[SovRow]) -> Option<NaiveDate> {
    let last_complete = monday_of(now.date_naive()) - Days::new(7);
    let last_data = sov.iter().map(|r| r.week).max()?;
    Some(last_complete.min(last_data))
}

/// `2026-W47` for the week holding `d`.
pub fn iso_week_label(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// Parses `2026-W47` (or a date inside the week) into the week's Monday.
pub fn parse_week(s: &str) -> Option<NaiveDate> {
    if let Some((y, w)) = s.split_once("-W") {
        return NaiveDate::from_isoywd_opt(y.parse().ok()?, w.parse().ok()?, Weekday::Mon);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().map(monday_of)
}

/// Builds the report of `week` from the share-of-voice rows and the store.
pub fn build_weekly(pipeline: &Pipeline, store: &Store, sov: &[SovRow], week: NaiveDate) -> Result<WeeklyReport> {
    let prev = week - Days::new(7);
    let find = |w: NaiveDate, b: &str| sov.iter().find(|r| r.week == w && r.brand == b);
    // A week without any brand mention (or outside the stored weeks) has no shares (NaN, shown "n/a"): comparing
    // against zeros would show every brand gaining its whole share after a collection gap.
    let share_of =
        |w: NaiveDate, b: &str| find(w, b).map_or((0, f64::NAN), |r| (r.mentions, r.share.unwrap_or(f64::NAN)));
    let table = pipeline
        .brands
        .iter()
        .map(|b| {
            let (mentions, share) = share_of(week, &b.name);
            let (prev_mentions, prev_share) = share_of(prev, &b.name);
            SovTableRow {
                brand: b.name.clone(),
                competitor: b.competitor,
                mentions,
                prev_mentions,
                share,
                prev_share,
                change_pp: (share - prev_share) * 100.0,
            }
        })
        .collect();
    let start = week.and_hms_opt(0, 0, 0).expect("midnight exists");
    let mid = start + Days::new(7);
    let before = start - Days::new(7);
    let conn = store.conn();
    let mut sources = Vec::new();
    {
        let mut stmt = conn.prepare(
            "SELECT source,
                    count(*) FILTER (WHERE created_at >= $2 AND created_at < $3),
                    count(*) FILTER (WHERE created_at >= $1 AND created_at < $2),
                    count(*) FILTER (WHERE created_at < $1)
             FROM mentions GROUP BY source ORDER BY source",
        )?;
        let mut rows = stmt.query(params![before, start, mid])?;
        while let Some(row) = rows.next()? {
            let s = SourceRow {
                source: row.get(0)?,
                mentions: row.get(1)?,
                prev_mentions: row.get(2)?,
                earlier: row.get(3)?,
            };
            // Every source seen in the two weeks, and every configured one that collected before and fell silent;
            // not the sources a pipeline no longer has, whose old mentions stay in the store.
            let configured = pipeline.sources.iter().any(|e| e.kind == s.source);
            if !s.silent() || (configured && s.stopped()) {
                sources.push(s);
            }
        }
    }
    // The charts span the pipeline's history as it ends with the report week, not everything stored: an import
    // of old posts, or a shortened `history`, would otherwise stretch them back years.
    let first_week = monday_of(pipeline.history.since(mid.and_utc()).date_naive());
    let total_mentions: i64 = conn.query_row("SELECT count(*) FROM mentions", [], |r| r.get(0))?;
    let week_mentions: i64 = conn.query_row(
        "SELECT count(*) FROM (SELECT DISTINCT mb.source, mb.source_id FROM mention_brands mb JOIN mentions m USING (source, source_id)
         WHERE m.created_at >= ? AND m.created_at < ?)",
        params![start, mid],
        |r| r.get(0),
    )?;
    Ok(WeeklyReport {
        pipeline: pipeline.name.clone(),
        week,
        iso_week: iso_week_label(week),
        generated_at: Utc::now(),
        brands: pipeline.brands.iter().map(|b| BrandInfo { name: b.name.clone(), competitor: b.competitor }).collect(),
        sov: sov.iter().filter(|r| (first_week..=week).contains(&r.week)).cloned().collect(),
        table,
        sources,
        total_mentions,
        week_mentions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(); // a Sunday
        assert_eq!(monday_of(d), NaiveDate::from_ymd_opt(2026, 11, 16).unwrap());
        assert_eq!(iso_week_label(d), "2026-W47");
        assert_eq!(parse_week("2026-W47"), Some(NaiveDate::from_ymd_opt(2026, 11, 16).unwrap()));
        assert_eq!(parse_week("2026-11-18"), Some(NaiveDate::from_ymd_opt(2026, 11, 16).unwrap()));
        assert_eq!(iso_week_label(NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()), "2026-W53");
    }

    /// After a week without brand mentions (a collection gap, or the first week of data) the previous share and
    /// the change are n/a, not 0 and a gain of the whole share; the same for a report week without any.
    #[test]
    fn a_week_without_brand_mentions_has_no_shares() {
        let dir = tempfile::tempdir().unwrap();
        let text = format!(
            "name = \"t\"\nstore = {:?}\n[[brand]]\nname = \"Acme\"\nquery = \"acme\"\n[[brand]]\nname = \"Globex\"\nquery = \"globex\"\n",
            dir.path().join("t.duckdb")
        );
        let pipeline = Pipeline::parse(&text, &dir.path().join("t.toml")).unwrap();
        let store = Store::open(&pipeline.store).unwrap();
        let week = NaiveDate::from_ymd_opt(2026, 11, 16).unwrap();
        let row = |week, brand: &str, mentions, share| SovRow { week, brand: brand.into(), mentions, share };
        let prev = week - Days::new(7);
        let sov = [
            row(prev, "Acme", 0, None),
            row(prev, "Globex", 0, None),
            row(week, "Acme", 3, Some(0.6)),
            row(week, "Globex", 2, Some(0.4)),
        ];
        let report = build_weekly(&pipeline, &store, &sov, week).unwrap();
        let acme = &report.table[0];
        assert_eq!((acme.mentions, acme.share), (3, 0.6));
        assert!(acme.prev_share.is_nan() && acme.change_pp.is_nan(), "{acme:?}");
        let report = build_weekly(&pipeline, &store, &sov, prev).unwrap();
        assert!(report.table.iter().all(|r| r.share.is_nan()), "{:?}", report.table);
        // A week with brand mentions compares as before.
        let next = week + Days::new(7);
        let sov = [
            row(week, "Acme", 3, Some(0.6)),
            row(week, "Globex", 2, Some(0.4)),
            row(next, "Acme", 1, Some(0.5)),
            row(next, "Globex", 1, Some(0.5)),
        ];
        let change = build_weekly(&pipeline, &store, &sov, next).unwrap().table[0].change_pp;
        assert!((change - -10.0).abs() < 1e-9, "{change}");
        // The charts keep to the pipeline's history (13 months by default) ending with the report week.
        let old = week - Days::new(7 * 150);
        let sov = [row(old, "Acme", 1, Some(1.0)), row(week, "Acme", 3, Some(1.0))];
        let charted: Vec<NaiveDate> =
            build_weekly(&pipeline, &store, &sov, week).unwrap().sov.iter().map(|r| r.week).collect();
        assert_eq!(charted, [week]);
    }
}
