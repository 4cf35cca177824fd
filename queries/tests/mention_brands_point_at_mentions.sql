-- Brand matches whose mention is not in the store, and matches to brands the pipeline does not define.
SELECT mb.source, mb.source_id, mb.brand
FROM mention_brands mb
LEFT JOIN mentions m USING (source, source_id)
LEFT JOIN brands b ON b.name = mb.brand
WHERE m.source IS NULL OR b.name IS NULL;
