-- One row per brand and ISO week (week = the Monday, UTC): the brand's mentions that week and its share of all
-- brand mentions that week (0..1; NULL when the week has none: a collection gap has no shares, and averaging it
-- in as 0 would be wrong). A mention naming two brands counts for both.
CREATE OR REPLACE VIEW share_of_voice AS
WITH matched AS (
    SELECT mb.brand, CAST(date_trunc('week', m.created_at) AS DATE) AS week
    FROM mention_brands mb
    JOIN mentions m USING (source, source_id)
),
bounds AS (
    SELECT min(week) AS first_week, max(week) AS last_week FROM matched
),
weeks AS (
    SELECT CAST(unnest(generate_series(CAST(first_week AS TIMESTAMP), CAST(last_week AS TIMESTAMP), INTERVAL 7 DAY)) AS DATE) AS week
    FROM bounds
),
grid AS (
    SELECT weeks.week, brands.name AS brand, brands.position
    FROM weeks CROSS JOIN brands
),
counts AS (
    SELECT week, brand, count(*) AS mentions FROM matched GROUP BY week, brand
)
SELECT
    grid.week,
    grid.brand,
    coalesce(counts.mentions, 0) AS mentions,
    coalesce(counts.mentions, 0) / nullif(sum(coalesce(counts.mentions, 0)) OVER (PARTITION BY grid.week), 0) AS share
FROM grid
LEFT JOIN counts USING (week, brand)
ORDER BY grid.week, grid.position;
