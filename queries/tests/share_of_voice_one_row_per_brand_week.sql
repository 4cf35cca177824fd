-- Brand-weeks that appear more than once, and weeks missing a brand of the pipeline.
SELECT week, brand, count(*) AS rows_for_brand_week
FROM share_of_voice
GROUP BY week, brand
HAVING count(*) <> 1
UNION ALL
SELECT week, NULL, count(*)
FROM share_of_voice
GROUP BY week
HAVING count(*) <> (SELECT count(*) FROM brands);
