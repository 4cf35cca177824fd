//! Share of voice per brand and ISO week, computed with Polars from the brand matches in the store.
//!
//! The same figures are defined in SQL by `queries/share_of_voice.sql`; a test checks that both agree.

use anyhow::Result;
use chrono::NaiveDate;
use duckdb::params;
use polars::prelude::*;

use crate::report::model::SovRow;
use crate::store::Store;

/// Weekly share of voice for every brand, from the first to the last week with a matched mention.
#[derive(Debug, Clone)]
pub struct SovResult {
    /// Rows sorted by week, then brand position in the pipeline.
    pub rows: Vec<SovRow>,
}

/// The date `day` days after 1970-01-01 (before it when negative: the ISO week of 1970-01-01 starts on 1969-12-29).
fn day_to_date(day: i32) -> NaiveDate {
    crate::store::epoch_day(day).unwrap_or_default()
}

/// Computes share of voice for `brands` (pipeline order) and writes it to `sov_weekly`.
pub fn share_of_voice(store: &Store, brands: &[String], run_id: &str) -> Result<SovResult> {
    // Brand index and UTC day of every match; days are counted from 1970-01-01, a Thursday.
    let mut brand_idx: Vec<u32> = Vec::new();
    let mut days: Vec<i32> = Vec::new();
    {
        let mut stmt = store.conn().prepare(
            "SELECT mb.brand, CAST(datediff('day', DATE '1970-01-01', CAST(m.created_at AS DATE)) AS INTEGER)
             FROM mention_brands mb JOIN mentions m USING (source, source_id)",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let brand: String = row.get(0)?;
            if let Some(i) = brands.iter().position(|b| *b == brand) {
                brand_idx.push(i as u32);
                days.push(row.get(1)?);
            }
        }
    }
    let rows = compute(&brand_idx, &days, brands.len())
        .map_err(|e| anyhow::anyhow!("computing share of voice with Polars: {e}"))?;
    store.in_transaction(|conn| {
        conn.execute_batch("DELETE FROM sov_weekly")?;
        let mut app = conn.appender("sov_weekly")?;
        for (week, brand, mentions, share) in &rows {
            app.append_row(params![day_to_date(*week), brands[*brand as usize], mentions, share, run_id])?;
        }
        app.flush()?;
        Ok(())
    })?;
    let rows = rows
        .into_iter()
        .map(|(week, brand, mentions, share)| SovRow {
            week: day_to_date(week),
            brand: brands[brand as usize].clone(),
            mentions,
            share,
        })
        .collect();
    Ok(SovResult { rows })
}

/// The Polars job: (week Monday as epoch day, brand index, mentions, share), one row per brand and week; the share
/// is `None` in a week without any brand mention, where it is undefined (a collection gap), not 0.
type Weekly = (i32, u32, i64, Option<f64>);

fn compute(brand_idx: &[u32], days: &[i32], brand_count: usize) -> PolarsResult<Vec<Weekly>> {
    let Some((&first, &last)) = days.iter().min().zip(days.iter().max()) else {
        return Ok(Vec::new());
    };
    let monday = |d: i32| d - (d + 3).rem_euclid(7);
    let weeks: Vec<i32> = (monday(first)..=monday(last)).step_by(7).collect();
    let grid = df!(
        "week" => weeks.iter().flat_map(|&w| std::iter::repeat_n(w, brand_count)).collect::<Vec<i32>>(),
        "brand" => weeks.iter().flat_map(|_| 0..brand_count as u32).collect::<Vec<u32>>(),
    )?;
    let matches = df!("brand" => brand_idx, "day" => days)?;
    let counts = matches
        .lazy()
        .with_column((col("day") - (col("day") + lit(3)) % lit(7)).alias("week"))
        .group_by([col("week"), col("brand")])
        .agg([len().cast(DataType::Int64).alias("mentions")]);
    let weekly = grid
        .lazy()
        .join(counts, [col("week"), col("brand")], [col("week"), col("brand")], JoinArgs::new(JoinType::Left))
        .with_column(col("mentions").fill_null(lit(0i64)));
    let totals = weekly.clone().group_by([col("week")]).agg([col("mentions").sum().alias("total")]);
    let out = weekly
        .join(totals, [col("week")], [col("week")], JoinArgs::new(JoinType::Left))
        .with_column(
            when(col("total").gt(lit(0i64)))
                .then(col("mentions").cast(DataType::Float64) / col("total").cast(DataType::Float64))
                .otherwise(lit(NULL).cast(DataType::Float64))
                .alias("share"),
        )
        .sort(["week", "brand"], SortMultipleOptions::default())
        .collect()?;
    let week = out.column("week")?.as_materialized_series().i32()?.clone();
    let brand = out.column("brand")?.as_materialized_series().u32()?.clone();
    let mentions = out.column("mentions")?.as_materialized_series().i64()?.clone();
    let share = out.column("share")?.as_materialized_series().f64()?.clone();
    Ok((0..out.height())
        .map(|i| (week.get(i).unwrap_or(0), brand.get(i).unwrap_or(0), mentions.get(i).unwrap_or(0), share.get(i)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_sum_to_one_and_empty_weeks_have_none() {
        // 2026-11-16 is a Monday: epoch day 20773.
        let mon = 20773;
        let brand = [0, 0, 1, 0, 1];
        let day = [mon, mon + 6, mon + 2, mon + 14, mon + 15];
        let rows = compute(&brand, &day, 2).unwrap();
        assert_eq!(rows.len(), 6, "three weeks by two brands");
        assert_eq!(rows[0], (mon, 0, 2, Some(2.0 / 3.0)));
        assert_eq!(rows[1], (mon, 1, 1, Some(1.0 / 3.0)));
        assert_eq!(rows[2], (mon + 7, 0, 0, None));
        assert_eq!(rows[3], (mon + 7, 1, 0, None));
        assert_eq!((rows[4].2, rows[5].2), (1, 1));
        assert_eq!(day_to_date(mon), NaiveDate::from_ymd_opt(2026, 11, 16).unwrap());
        // A mention of 1970-01-02 belongs to the week of Monday 1969-12-29, as in the SQL view.
        let rows = compute(&[0], &[1], 1).unwrap();
        assert_eq!(day_to_date(rows[0].0), NaiveDate::from_ymd_opt(1969, 12, 29).unwrap());
    }
}
