-- metric_timeline: one row per (metric, location, subject, as_of) over asserted observations.
-- value is the median of the observations' values; n_sources counts independent sources over all
-- their mentions; has_conflict says some of them conflict (see etl/dedup_claims.py). The rows are
-- computed when the deduplication stage runs (sql/publish/observations.sql) and stored in timeline_store.
CREATE OR REPLACE VIEW metric_timeline AS
SELECT
    metric,
    location,
    subject,
    as_of,
    value,
    value_min,
    value_max,
    n_sources,
    has_conflict,
    observation_ids,
    unit
FROM timeline_store
WHERE modality = 'asserted';
