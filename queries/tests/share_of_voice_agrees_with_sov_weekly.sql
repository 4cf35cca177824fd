-- Brand-weeks where the share_of_voice view (SQL over the mentions as they stand) and sov_weekly (the Polars job's
-- table, which the weekly report reads) disagree: mentions stored by a run that did not get to its analytics, a
-- brand list changed since, or either computation wrong.
SELECT week, brand,
       v.mentions AS view_mentions, p.mentions AS sov_weekly_mentions,
       v.share AS view_share, p.share AS sov_weekly_share
FROM share_of_voice v
FULL JOIN sov_weekly p USING (week, brand)
WHERE v.mentions IS DISTINCT FROM p.mentions
   OR (v.share IS NULL) <> (p.share IS NULL)
   OR abs(v.share - p.share) > 1e-9;
