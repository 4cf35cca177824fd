//! The report's share-of-voice history as CSV, for spreadsheets and notebooks that want the numbers behind the chart.

use std::fmt::Write;

use super::model::WeeklyReport;

/// One CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line break.
pub fn field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// All share-of-voice rows of `report` as CSV with a header: `week,brand,mentions,share`, one row per line,
/// `week` as `YYYY-MM-DD` (the ISO week's Monday) and `share` as a fraction 0..1 with six decimals, empty in a week
/// without any brand mention (undefined there, as NULL in the store).
pub fn share_of_voice_csv(report: &WeeklyReport) -> String {
    let mut out = String::from("week,brand,mentions,share\n");
    for r in &report.sov {
        // Writing to a String cannot fail.
        let share = r.share.map(|s| format!("{s:.6}")).unwrap_or_default();
        let _ = writeln!(out, "{},{},{},{share}", r.week, field(&r.brand), r.mentions);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::model::SovRow;
    use chrono::{NaiveDate, TimeZone, Utc};

    fn report(sov: Vec<SovRow>) -> WeeklyReport {
        let week = NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
        WeeklyReport {
            pipeline: "p".into(),
            week,
            iso_week: "2026-W12".into(),
            generated_at: Utc.with_ymd_and_hms(2026, 3, 23, 6, 0, 0).unwrap(),
            brands: vec![],
            sov,
            table: vec![],
            sources: vec![],
            total_mentions: 0,
            week_mentions: 0,
        }
    }

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(field("Acme"), "Acme");
        assert_eq!(field("Acme, Inc."), "\"Acme, Inc.\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn writes_header_and_rows() {
        let week = NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
        let row = |brand: &str, mentions, share| SovRow { week, brand: brand.into(), mentions, share };
        let csv = share_of_voice_csv(&report(vec![row("Acme, Inc.", 3, Some(0.75)), row("Zed", 1, Some(0.25))]));
        assert_eq!(csv, "week,brand,mentions,share\n2026-03-16,\"Acme, Inc.\",3,0.750000\n2026-03-16,Zed,1,0.250000\n");
        // A week without brand mentions has no share: an empty field, as NULL in the store, never a made-up 0.
        let csv = share_of_voice_csv(&report(vec![row("Zed", 0, None)]));
        assert_eq!(csv, "week,brand,mentions,share\n2026-03-16,Zed,0,\n");
        assert_eq!(share_of_voice_csv(&report(vec![])), "week,brand,mentions,share\n");
    }
}
