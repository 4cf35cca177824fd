-- Mentions with an empty id, a time in the future, or negative engagement.
SELECT source, source_id, created_at
FROM mentions
WHERE source_id = ''
   OR created_at > now()::TIMESTAMP + INTERVAL 1 DAY
   OR least(coalesce(likes, 0), coalesce(replies, 0), coalesce(reposts, 0)) < 0;
