//! Renders the weekly report into one self-contained HTML page (minijinja, autoescaped) and writes it with its
//! CSV and Markdown companions.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::Days;
use minijinja::{context, AutoEscape, Environment, Value};
use serde::Serialize;

use super::charts::{brand_colour, share_of_voice_svg, weekly_volume_svg};
use super::csv::share_of_voice_csv;
use super::model::WeeklyReport;

/// The built-in report template (`reports/weekly.html.j2`); `reports/README.md` lists the variables it gets.
pub const DEFAULT_TEMPLATE: &str = include_str!("../../reports/weekly.html.j2");

/// A fraction as a percentage with one decimal: `0.1234` → `12.3 %`.
pub fn pct(fraction: f64) -> String {
    if fraction.is_finite() {
        format!("{:.1} %", fraction * 100.0)
    } else {
        "n/a".into()
    }
}

/// The sign of a change as shown with one decimal: `None` when not a number, `Equal` when it rounds to `0.0`.
fn shown_sign(points: f64) -> Option<std::cmp::Ordering> {
    match () {
        _ if !points.is_finite() => None,
        // Exactly as `{:.1}` rounds, which a multiplication by ten can disagree with at the half.
        _ if format!("{:.1}", points.abs()) == "0.0" => Some(std::cmp::Ordering::Equal),
        _ => Some(points.total_cmp(&0.0)),
    }
}

/// Signed percentage points with one decimal: `+1.2 pp`, `−0.8 pp` (true minus sign), `0.0 pp` when it rounds to 0.
pub fn pp(points: f64) -> String {
    let abs = format!("{:.1}", points.abs());
    match shown_sign(points) {
        None => "n/a".into(),
        Some(std::cmp::Ordering::Equal) => "0.0 pp".into(),
        Some(std::cmp::Ordering::Greater) => format!("+{abs} pp"),
        Some(std::cmp::Ordering::Less) => format!("\u{2212}{abs} pp"),
    }
}

/// The arrow of a change in percentage points, `up`, `down` or `flat`, as [`pp`] shows it: a change that rounds to
/// `0.0 pp`, and `n/a`, are flat.
pub fn trend(points: f64) -> &'static str {
    match shown_sign(points) {
        Some(std::cmp::Ordering::Greater) => "up",
        Some(std::cmp::Ordering::Less) => "down",
        _ => "flat",
    }
}

/// A signed change as a percentage with one decimal: `0.123` → `+12.3 %`, `-0.6` → `−60.0 %`.
pub fn signed_pct(fraction: f64) -> String {
    pp(fraction * 100.0).replace("pp", "%")
}

/// An integer with comma thousands separators: `12345` → `12,345`.
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let groups: Vec<&str> =
        digits.as_bytes().rchunks(3).rev().map(|g| std::str::from_utf8(g).unwrap_or_default()).collect();
    format!("{}{}", if n < 0 { "-" } else { "" }, groups.join(","))
}

/// The `thousands` filter: integers as they are, other numbers rounded.
fn thousands_filter(v: Value) -> Result<String, minijinja::Error> {
    let n = i64::try_from(v.clone()).or_else(|_| f64::try_from(v).map(|f| f.round() as i64))?;
    Ok(thousands(n))
}

/// A source row with its collection-health verdict.
#[derive(Serialize)]
struct SourceHealth<'a> {
    source: &'a str,
    mentions: i64,
    prev_mentions: i64,
    /// Change against the week before as a fraction (`-0.6` = fell by 60 %); none when the week before had none.
    change: Option<f64>,
    /// The source fell by more than half, or to zero, or has collected nothing for two weeks after collecting
    /// before: a hint that collection may be broken.
    warning: bool,
}

/// The template environment: HTML autoescaping and the report's filters.
fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.add_filter("pct", pct);
    env.add_filter("pp", pp);
    env.add_filter("trend", trend);
    env.add_filter("signed_pct", signed_pct);
    env.add_filter("thousands", thousands_filter);
    env
}

/// Whether `template` parses as a report template: checked when a pipeline is loaded, before any crawl, so that a
/// syntax error does not wait for the end of a run (what it refers to is known only when it renders).
pub fn check_template(template: &str) -> Result<()> {
    environment().template_from_named_str("weekly.html", template)?;
    Ok(())
}

/// Renders `report` with `template` (minijinja source, HTML-autoescaped) and the charts; see `reports/README.md`.
pub fn render_html(report: &WeeklyReport, template: &str) -> Result<String> {
    let env = environment();
    let sources: Vec<SourceHealth> = report
        .sources
        .iter()
        .map(|s| SourceHealth {
            source: &s.source,
            mentions: s.mentions,
            prev_mentions: s.prev_mentions,
            change: (s.prev_mentions > 0).then(|| (s.mentions - s.prev_mentions) as f64 / s.prev_mentions as f64),
            warning: (s.prev_mentions > 0 && s.mentions * 2 < s.prev_mentions) || s.stopped(),
        })
        .collect();
    let active_sources = report.sources.iter().filter(|s| !s.silent()).count();
    let colours: BTreeMap<&str, String> =
        report.brands.iter().enumerate().map(|(i, b)| (b.name.as_str(), brand_colour(i))).collect();
    let ctx = context! {
        report => report,
        week_start => report.week.to_string(),
        week_end => (report.week + Days::new(6)).to_string(),
        generated => report.generated_at.format("%Y-%m-%d %H:%M UTC").to_string(),
        brand_colours => colours,
        sources => sources,
        active_sources => active_sources,
        share_of_voice_svg => Value::from_safe_string(share_of_voice_svg(report).context("drawing share of voice")?),
        weekly_volume_svg => Value::from_safe_string(weekly_volume_svg(report).context("drawing weekly volume")?),
    };
    let tmpl = env.template_from_named_str("weekly.html", template).context("parsing the report template")?;
    tmpl.render(ctx).context("rendering the report template")
}

/// Escapes Markdown (and inline HTML) in a table cell; line breaks become spaces.
fn md(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '#' | '!' => format!("\\{c}"),
            '\n' | '\r' => " ".into(),
            c => c.to_string(),
        })
        .collect()
}

/// The report's headline (share-of-voice) table as Markdown, with a title and the week's totals.
pub fn render_markdown(report: &WeeklyReport) -> String {
    let mut out = format!(
        "# {} — weekly report {}\n\nWeek {} to {} (Monday–Sunday, UTC); generated {}.\n{} mentions naming a brand \
         this week (once each; the table counts a mention once per brand it names), {} mentions in the store.\n\n\
         | Brand | Competitor | Mentions | Share | Previous share | Change |\n\
         |---|---|--:|--:|--:|--:|\n",
        md(&report.pipeline),
        report.iso_week,
        report.week,
        report.week + Days::new(6),
        report.generated_at.format("%Y-%m-%d %H:%M UTC"),
        thousands(report.week_mentions),
        thousands(report.total_mentions),
    );
    for r in &report.table {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            md(&r.brand),
            if r.competitor { "yes" } else { "" },
            thousands(r.mentions),
            pct(r.share),
            pct(r.prev_share),
            pp(r.change_pp),
        ));
    }
    out
}

/// Writes `contents` to `path` through a temporary file in the same folder, so readers never see half a file.
fn write_atomic(path: &Path, contents: &str) -> Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(contents.as_bytes())?;
        f.sync_all()
    });
    if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("writing {}", path.display()));
    }
    Ok(())
}

/// Creates `dir` and writes `report.html` (rendered with `template`), `share_of_voice.csv` (the share-of-voice rows
/// the report covers) and `report.md` (the headline table) into it, each atomically; returns the paths written.
pub fn write_report(report: &WeeklyReport, template: &str, dir: &Path) -> Result<Vec<PathBuf>> {
    let files = [
        ("report.html", render_html(report, template)?),
        ("share_of_voice.csv", share_of_voice_csv(report)),
        ("report.md", render_markdown(report)),
    ];
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut written = Vec::with_capacity(files.len());
    for (name, contents) in files {
        let path = dir.join(name);
        write_atomic(&path, &contents)?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::charts::tests::sample;

    #[test]
    fn filters_format() {
        assert_eq!(pct(0.1234), "12.3 %");
        assert_eq!(pct(1.0), "100.0 %");
        assert_eq!(pp(1.234), "+1.2 pp");
        assert_eq!(pp(-0.8), "\u{2212}0.8 pp");
        assert_eq!(pp(-0.04), "0.0 pp");
        assert_eq!(signed_pct(-0.6), "\u{2212}60.0 %");
        assert_eq!(thousands(12345), "12,345");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(-1_234_567), "-1,234,567");
        assert_eq!(thousands(i64::MIN), "-9,223,372,036,854,775,808");
        let mut env = Environment::new();
        env.add_filter("thousands", thousands_filter);
        env.add_filter("pct", pct);
        let out = env.render_str("{{ 12345|thousands }} {{ 1234.6|thousands }} {{ 1|pct }}", ()).unwrap();
        assert_eq!(out, "12,345 1,235 100.0 %");
    }

    #[test]
    fn renders_tables_charts_and_escapes_data() {
        let report = sample(57, &["Acme", "<script>alert(1)</script>", "Globex"]);
        let html = render_html(&report, DEFAULT_TEMPLATE).unwrap();
        assert!(html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"));
        assert!(!html.contains("<script>alert"));
        assert!(html.contains("<title>acme-watch — weekly report 2026-W12</title>"));
        assert_eq!(html.matches("<svg role=\"img\"").count(), 2);
        assert!(html.contains("Monday 2026-03-16 – Sunday 2026-03-22"));
        assert!(html.contains("1,234") && html.contains("3,702") && html.contains("+1.0 pp"));
        assert!(
            html.contains("class=\"num up\"")
                && html.contains("class=\"num flat\"")
                && html.contains("class=\"num down\"")
        );
        assert!(html.contains("hackernews") && html.contains("no mentions") && html.contains("sharp drop"));
        // Bluesky collected before and nothing in either week: flagged, and not counted as active.
        let bluesky = html.split("<th scope=\"row\">bluesky</th>").nth(1).expect("a bluesky row");
        assert!(bluesky.split("</tr>").next().unwrap().contains("badge-warn"), "{bluesky}");
        assert!(html.contains("<span class=\"kpi-value\">3</span>\n      <span class=\"kpi-label\">sources active"));
        assert!(html.contains("competitor"));
    }

    #[test]
    fn shares_of_a_week_without_brand_mentions_read_n_a() {
        let mut report = sample(3, &["Acme"]);
        report.table[0].prev_share = f64::NAN;
        report.table[0].change_pp = f64::NAN;
        let html = render_html(&report, DEFAULT_TEMPLATE).unwrap();
        let row = html.split("<td class=\"num\">25.0 %</td>").nth(1).expect("the Acme row");
        let row = row.split("</tr>").next().unwrap();
        assert_eq!(row.matches("n&#x2f;a").count(), 2, "{row}");
        assert!(row.contains("class=\"num flat\"") && !row.contains("NaN"), "{row}");
        assert!(render_markdown(&report).contains("| 25.0 % | n/a | n/a |"));
    }

    #[test]
    fn renders_an_empty_report() {
        let report = sample(0, &[]);
        let html = render_html(&report, DEFAULT_TEMPLATE).unwrap();
        assert!(html.contains("No data") && html.contains("No brands configured"));
    }

    #[test]
    fn bad_templates_fail_cleanly() {
        assert!(render_html(&sample(3, &["Acme"]), "{% for %}").is_err());
    }

    #[test]
    fn markdown_escapes_cells() {
        let md = render_markdown(&sample(3, &["Acme", "A|B <i>"]));
        assert!(md.contains("| Acme |  | 1,234 | 25.0 % | 24.0 % | +1.0 pp |"), "{md}");
        assert!(md.contains("A\\|B \\<i\\>"));
    }

    #[test]
    fn writes_three_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("acme-watch").join("2026-W12");
        let paths = write_report(&sample(57, &["Acme", "Globex"]), DEFAULT_TEMPLATE, &out).unwrap();
        let names: Vec<_> = paths.iter().map(|p| p.file_name().unwrap().to_str().unwrap()).collect();
        assert_eq!(names, ["report.html", "share_of_voice.csv", "report.md"]);
        assert!(paths.iter().all(|p| std::fs::metadata(p).unwrap().len() > 0));
        let csv = std::fs::read_to_string(&paths[1]).unwrap();
        assert_eq!(csv.lines().count(), 1 + 57 * 2);
        assert_eq!(std::fs::read_dir(&out).unwrap().count(), 3, "temporary files left behind");
    }
}
