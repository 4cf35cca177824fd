-- Weeks whose brand shares do not add up to 1 (weeks with brand mentions) or are not all NULL (weeks without).
SELECT week, sum(share) AS total_share, count(share) AS shares, sum(mentions) AS mentions
FROM share_of_voice
GROUP BY week
HAVING (sum(mentions) > 0 AND (abs(sum(share) - 1) > 1e-9 OR count(share) <> count(*)))
    OR (sum(mentions) = 0 AND count(share) > 0);
