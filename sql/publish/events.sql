-- event_summary_store: the rows of the events view, recomputed by the event deduplication stage
-- (etl/dedup_events.py) so the view answers from stored rows instead of regrouping every mention.
-- One row per event over its asserted mentions; sorted by type and date for zone-map pruning.
DELETE FROM internal.event_summary_store;
INSERT INTO internal.event_summary_store
SELECT
    e.event_id,
    min(e.event_type) AS event_type,
    min(e.plover_code) AS plover_code,
    list_sort(list_distinct(flatten(list(e.actors)))) AS actors,
    min(e.target) AS target,
    min(e.location) AS location,
    min(e.event_date) AS event_date,
    min(e.date_precision) AS date_precision,
    count(*) AS n_mentions,
    count(DISTINCT k.source_key) AS n_sources,
    min(k.published_on) AS first_reported_on
FROM event_mentions AS e
JOIN document_source_keys AS k USING (doc_id)
WHERE e.event_id IS NOT NULL AND e.modality = 'asserted'
GROUP BY e.event_id
ORDER BY event_type, event_date;
