//! The report's charts as inline SVG strings, drawn with plotters without font files: the browser lays out the text.

use std::collections::HashMap;

use anyhow::Result;
use chrono::{Datelike, NaiveDate};
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::model::WeeklyReport;

const WIDTH: u32 = 900;
const HEIGHT: u32 = 360;
const FONT: &str = "sans-serif";
const INK: RGBColor = RGBColor(55, 65, 81);
const GRID: RGBColor = RGBColor(229, 231, 235);

/// Okabe–Ito colours (colour-blind safe), given to brands in pipeline order and repeated after the eighth.
const PALETTE: [RGBColor; 8] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(213, 94, 0),
    RGBColor(86, 180, 233),
    RGBColor(204, 121, 167),
    RGBColor(102, 102, 102),
    RGBColor(240, 228, 66),
];

/// The chart colour of the brand at `index` (pipeline order) as `#rrggbb`, for legends drawn outside the charts.
pub fn brand_colour(index: usize) -> String {
    let RGBColor(r, g, b) = PALETTE[index % PALETTE.len()];
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The report's figures as a grid: brands (pipeline order, then any brand only `sov` knows) by sorted weeks.
struct Grid {
    weeks: Vec<NaiveDate>,
    brands: Vec<String>,
    /// `[brand][week]`
    mentions: Vec<Vec<i64>>,
    /// `[brand][week]`, in percent; `None` in a week without any brand mention.
    share: Vec<Vec<Option<f64>>>,
}

impl Grid {
    fn new(report: &WeeklyReport) -> Self {
        let mut weeks: Vec<NaiveDate> = report.sov.iter().map(|r| r.week).collect();
        weeks.sort_unstable();
        weeks.dedup();
        let mut brands: Vec<String> = report.brands.iter().map(|b| b.name.clone()).collect();
        for r in &report.sov {
            if !brands.contains(&r.brand) {
                brands.push(r.brand.clone());
            }
        }
        let week_idx: HashMap<NaiveDate, usize> = weeks.iter().enumerate().map(|(i, w)| (*w, i)).collect();
        let brand_idx: HashMap<&str, usize> = brands.iter().enumerate().map(|(i, b)| (b.as_str(), i)).collect();
        let mut mentions = vec![vec![0; weeks.len()]; brands.len()];
        let mut share = vec![vec![None; weeks.len()]; brands.len()];
        for r in &report.sov {
            let (b, w) = (brand_idx[r.brand.as_str()], week_idx[&r.week]);
            mentions[b][w] = r.mentions;
            share[b][w] = r.share.map(|s| s * 100.0);
        }
        Grid { weeks, brands, mentions, share }
    }

    /// Runs of consecutive weeks with shares, as week index ranges: a week without any brand mention (a
    /// collection gap) has none and splits the runs.
    fn spans(&self) -> Vec<std::ops::Range<usize>> {
        let has = |w: usize| self.share.iter().any(|s| s[w].is_some());
        let mut spans: Vec<std::ops::Range<usize>> = Vec::new();
        for w in (0..self.weeks.len()).filter(|&w| has(w)) {
            match spans.last_mut() {
                Some(run) if run.end == w => run.end = w + 1,
                _ => spans.push(w..w + 1),
            }
        }
        spans
    }

    /// Whether the x axis counts months (first week of each month) rather than single weeks (short histories).
    fn monthly(&self) -> bool {
        self.month_starts().len() >= 3
    }

    fn month_starts(&self) -> Vec<usize> {
        (1..self.weeks.len()).filter(|&i| self.weeks[i].month() != self.weeks[i - 1].month()).collect()
    }

    /// Where the x axis gets a labelled tick: at most 14, on month starts or on weeks.
    fn ticks(&self) -> Vec<f64> {
        let picked: Vec<usize> = if self.monthly() { self.month_starts() } else { (0..self.weeks.len()).collect() };
        let step = picked.len().div_ceil(14).max(1);
        picked.into_iter().step_by(step).map(|i| i as f64).collect()
    }

    /// The x axis label at position `x`: the week's month (`2026-03`), or its Monday (`03-16`) on short histories.
    fn label(&self, x: f64) -> String {
        let format = if self.monthly() { "%Y-%m" } else { "%m-%d" };
        let i = x.round().max(0.0) as usize;
        self.weeks.get(i).map_or_else(String::new, |w| w.format(format).to_string())
    }
}

/// The week axis: week index 0..n-1, with ticks only where [`Grid::ticks`] puts them (plotters' own
/// `with_key_points` combinator cannot take a label formatter).
struct WeekAxis {
    max: f64,
    ticks: Vec<f64>,
}

impl Ranged for WeekAxis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, (lo, hi): (i32, i32)) -> i32 {
        lo + ((value / self.max) * f64::from(hi - lo)).round() as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> std::ops::Range<f64> {
        0.0..self.max
    }
}

type Area<'b> = DrawingArea<SVGBackend<'b>, plotters::coord::Shift>;
type Chart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<WeekAxis, plotters::coord::types::RangedCoordf64>>;

/// Draws the brand legend across the top of `area` and returns the height it took.
fn legend(area: &Area<'_>, brands: &[String]) -> Result<u32> {
    let (mut x, mut y) = (60i32, 6i32);
    for (i, name) in brands.iter().enumerate() {
        let width = 18 + (6.6 * name.chars().count() as f64).ceil() as i32;
        if x + width > WIDTH as i32 - 10 && x > 60 {
            (x, y) = (60, y + 20);
        }
        area.draw(&Rectangle::new([(x, y + 2), (x + 12, y + 14)], PALETTE[i % PALETTE.len()].filled()))?;
        area.draw(&Text::new(name.as_str(), (x + 18, y), (FONT, 14).into_font().color(&INK)))?;
        x += width + 22;
    }
    Ok((y + 26) as u32)
}

/// Draws the legend and axes shared by both charts, then hands the chart to `series` and marks the report week.
fn frame(
    report: &WeeklyReport,
    title: &str,
    y_max: f64,
    y_desc: &str,
    y_fmt: &dyn Fn(&f64) -> String,
    series: impl FnOnce(&mut Chart<'_, '_>, &Grid) -> Result<()>,
) -> Result<String> {
    let grid = Grid::new(report);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE)?;
        if grid.weeks.is_empty() {
            let style = (FONT, 22).into_font().color(&INK).pos(Pos::new(HPos::Center, VPos::Center));
            root.draw(&Text::new("No data", (WIDTH as i32 / 2, HEIGHT as i32 / 2), style))?;
        } else {
            let top = legend(&root, &grid.brands)?;
            let (_, plot) = root.split_vertically(top);
            let x_max = (grid.weeks.len().max(2) - 1) as f64;
            let mut chart = ChartBuilder::on(&plot)
                .margin_top(18)
                .margin_right(24)
                .x_label_area_size(28)
                .y_label_area_size(60)
                .build_cartesian_2d(WeekAxis { max: x_max, ticks: grid.ticks() }, 0.0..y_max)?;
            chart
                .configure_mesh()
                .light_line_style(TRANSPARENT)
                .bold_line_style(GRID)
                .axis_style(INK.mix(0.6))
                .label_style((FONT, 13).into_font().color(&INK))
                .axis_desc_style((FONT, 13).into_font().color(&INK))
                .x_label_formatter(&|x| grid.label(*x))
                .y_label_formatter(y_fmt)
                .y_desc(y_desc)
                .draw()?;
            series(&mut chart, &grid)?;
            if let Some(i) = grid.weeks.iter().position(|w| *w == report.week) {
                let x = i as f64;
                let band = [(x - 0.5).max(0.0), (x + 0.5).min(x_max)];
                chart.draw_series([Rectangle::new([(band[0], 0.0), (band[1], y_max)], BLACK.mix(0.12).filled())])?;
                chart.draw_series([PathElement::new([(x, 0.0), (x, y_max)], BLACK.stroke_width(1))])?;
                let (px, py) = chart.backend_coord(&(x, y_max));
                let h = if i * 2 > grid.weeks.len() { HPos::Right } else { HPos::Left };
                let style = (FONT, 13).into_font().color(&INK).pos(Pos::new(h, VPos::Bottom));
                root.draw(&Text::new(format!("report week {}", report.iso_week), (px, py - 3), style))?;
            }
        }
        root.present()?;
    }
    Ok(accessible(svg, &format!("{title}, {}", summary(report, &grid))))
}

/// Which weeks and brands a chart shows, for screen readers.
fn summary(report: &WeeklyReport, grid: &Grid) -> String {
    match (grid.weeks.first(), grid.weeks.last()) {
        (Some(a), Some(b)) => format!("weeks of {a} to {b}, brands: {}", grid.brands.join(", ")),
        _ => format!("no data for {}", report.iso_week),
    }
}

/// Makes the SVG an accessible image: `role`, `aria-label` and a `<title>` on the root element.
fn accessible(svg: String, label: &str) -> String {
    let label: String = label
        .chars()
        .map(|c| match c {
            '<' => "&lt;".into(),
            '>' => "&gt;".into(),
            '&' => "&amp;".into(),
            '"' => "&quot;".into(),
            c => c.to_string(),
        })
        .collect();
    let svg = svg.replacen("<svg ", &format!("<svg role=\"img\" aria-label=\"{label}\" class=\"chart\" "), 1);
    match svg.find('>') {
        Some(end) => format!("{}\n<title>{label}</title>{}", &svg[..=end], &svg[end + 1..]),
        None => svg,
    }
}

/// Stacked-area chart of each brand's weekly share of voice (0–100 %) over all weeks of `report.sov`,
/// with the brand legend on top and the report week marked. Weeks without any brand mention stay blank (their
/// share is undefined, not 0 %); a lone week between two gaps is drawn as a band 0.8 weeks wide.
pub fn share_of_voice_svg(report: &WeeklyReport) -> Result<String> {
    frame(report, "Weekly share of voice per brand", 100.0, "share of voice", &|y| format!("{y:.0} %"), |chart, g| {
        let x_max = (g.weeks.len().max(2) - 1) as f64;
        for span in g.spans() {
            let (weeks, xs): (Vec<usize>, Vec<f64>) = if span.len() == 1 {
                let w = span.start;
                ([w, w].into(), [(w as f64 - 0.4).max(0.0), (w as f64 + 0.4).min(x_max)].into())
            } else {
                span.map(|w| (w, w as f64)).unzip()
            };
            let mut base = vec![0.0; weeks.len()];
            for (b, share) in g.share.iter().enumerate() {
                let top: Vec<f64> =
                    base.iter().zip(&weeks).map(|(lo, &w)| (lo + share[w].unwrap_or(0.0)).min(100.0)).collect();
                let mut points: Vec<(f64, f64)> = xs.iter().copied().zip(top.iter().copied()).collect();
                points.extend(xs.iter().copied().zip(base.iter().copied()).rev());
                chart.draw_series([Polygon::new(points, PALETTE[b % PALETTE.len()].mix(0.9).filled())])?;
                chart.draw_series(LineSeries::new(xs.iter().copied().zip(top.iter().copied()), WHITE))?;
                base = top;
            }
        }
        Ok(())
    })
}

/// Line chart of each brand's weekly mentions over all weeks of `report.sov`, with the brand legend on top
/// and the report week marked.
pub fn weekly_volume_svg(report: &WeeklyReport) -> Result<String> {
    let peak = report.sov.iter().map(|r| r.mentions).max().unwrap_or(0).max(1) as f64;
    let fmt = |y: &f64| if y.fract().abs() > 1e-9 { String::new() } else { super::html::thousands(*y as i64) };
    frame(report, "Weekly mentions per brand", peak * 1.1, "mentions per week", &fmt, |chart, g| {
        for (b, counts) in g.mentions.iter().enumerate() {
            let style = PALETTE[b % PALETTE.len()].stroke_width(2);
            chart.draw_series(LineSeries::new(counts.iter().enumerate().map(|(w, n)| (w as f64, *n as f64)), style))?;
        }
        Ok(())
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::report::model::{BrandInfo, SourceRow, SovRow, SovTableRow};
    use chrono::{Days, TimeZone, Utc};

    /// A report over `weeks` weeks ending 2026-03-16 for `names` (the first is the own brand).
    pub(crate) fn sample(weeks: u64, names: &[&str]) -> WeeklyReport {
        let last = NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
        let mut sov = Vec::new();
        for w in 0..weeks {
            let week = last - Days::new(7 * (weeks - 1 - w));
            let counts: Vec<i64> = (0..names.len() as i64).map(|b| 10 + (w as i64 * (b + 3)) % 17 * (b + 1)).collect();
            let total: i64 = counts.iter().sum();
            for (name, n) in names.iter().zip(&counts) {
                sov.push(SovRow { week, brand: name.to_string(), mentions: *n, share: Some(*n as f64 / total as f64) });
            }
        }
        let table = names
            .iter()
            .enumerate()
            .map(|(i, n)| SovTableRow {
                brand: n.to_string(),
                competitor: i > 0,
                mentions: 1234 * (i as i64 + 1),
                prev_mentions: 1000,
                share: 0.25,
                prev_share: 0.25 + 0.01 * (i as f64 - 1.0),
                change_pp: -(i as f64 - 1.0),
            })
            .collect();
        let source =
            |s: &str, mentions, prev_mentions| SourceRow { source: s.into(), mentions, prev_mentions, earlier: 500 };
        WeeklyReport {
            pipeline: "acme-watch".into(),
            week: last,
            iso_week: "2026-W12".into(),
            generated_at: Utc.with_ymd_and_hms(2026, 3, 23, 6, 0, 0).unwrap(),
            brands: names
                .iter()
                .enumerate()
                .map(|(i, n)| BrandInfo { name: n.to_string(), competitor: i > 0 })
                .collect(),
            sov,
            table,
            sources: vec![
                source("hackernews", 120, 100),
                source("mastodon", 0, 40),
                source("rss", 10, 30),
                source("bluesky", 0, 0),
            ],
            total_mentions: 123_456,
            week_mentions: 4321,
        }
    }

    fn assert_svg(svg: &str) {
        assert!(svg.starts_with("<svg role=\"img\" aria-label="), "{}", &svg[..80]);
        assert!(svg.contains("<title>"));
        assert!(svg.trim_end().ends_with("</svg>"));
    }

    #[test]
    fn charts_name_every_brand_and_mark_the_week() {
        let report = sample(57, &["Acme", "Globex", "Initech & Co", "Umbrella"]);
        for svg in [share_of_voice_svg(&report).unwrap(), weekly_volume_svg(&report).unwrap()] {
            assert_svg(&svg);
            for name in ["Acme", "Globex", "Initech &amp; Co", "Umbrella"] {
                assert!(svg.contains(name), "{name} missing");
            }
            assert!(svg.contains("report week 2026-W12"));
            assert!(svg.contains("2025-09"), "month labels missing");
        }
    }

    #[test]
    fn short_histories_and_single_weeks_draw() {
        for weeks in [1, 2, 5] {
            let report = sample(weeks, &["Acme", "Globex"]);
            assert_svg(&share_of_voice_svg(&report).unwrap());
            assert_svg(&weekly_volume_svg(&report).unwrap());
        }
    }

    #[test]
    fn weeks_without_brand_mentions_are_gaps_not_zero() {
        let mut report = sample(6, &["Acme", "Globex"]);
        let gap = report.sov[4].week;
        for r in report.sov.iter_mut().filter(|r| r.week == gap) {
            (r.mentions, r.share) = (0, None);
        }
        let grid = Grid::new(&report);
        assert_eq!(grid.spans(), [0..2, 3..6]);
        // One filled polygon per brand and run of weeks: the gap week splits each brand's area in two.
        let filled = |svg: &str| svg.matches("<polygon").count();
        let svg = share_of_voice_svg(&report).unwrap();
        assert_eq!(filled(&svg), 4, "{svg}");
        assert_eq!(filled(&share_of_voice_svg(&sample(6, &["Acme", "Globex"])).unwrap()), 2);
    }

    #[test]
    fn empty_data_says_so() {
        let report = sample(0, &["Acme"]);
        for svg in [share_of_voice_svg(&report).unwrap(), weekly_volume_svg(&report).unwrap()] {
            assert_svg(&svg);
            assert!(svg.contains("No data"));
        }
    }

    #[test]
    fn brand_names_are_escaped_in_svg() {
        let report = sample(10, &["<script>alert(1)</script>"]);
        let svg = share_of_voice_svg(&report).unwrap();
        assert!(!svg.contains("<script>") && svg.contains("&lt;script&gt;"));
    }

    #[test]
    fn palette_is_hex() {
        assert_eq!(brand_colour(0), "#0072b2");
        assert_eq!(brand_colour(8), brand_colour(0));
    }
}
