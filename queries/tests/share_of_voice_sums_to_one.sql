-- Weeks whose brand shares do not add up to 1 (weeks with brand mentions) or to 0 (weeks without).
SELECT week, sum(share) AS total_share, sum(mentions) AS mentions
FROM share_of_voice
GROUP BY week
HAVING (sum(mentions) > 0 AND abs(sum(share) - 1) > 1e-9) OR (sum(mentions) = 0 AND sum(share) <> 0);
