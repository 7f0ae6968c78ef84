-- metric_timeline: one row per (metric, location, subject, count_kind, period_start, as_of) over asserted
-- observations: levels, running totals and period counts are separate series, a period count keeps its window.
-- value is the median of the observations' values; n_sources counts independent sources over all
-- their mentions; has_conflict says some of them conflict (see etl/dedup_claims.py). The rows are
-- computed by timeline_rollup (sql/039_timeline_rollup.sql) when the deduplication stage runs
-- (sql/publish/observations.sql) and stored in timeline_store.
CREATE OR REPLACE VIEW metric_timeline AS
SELECT
    metric,
    location,
    subject,
    count_kind,
    period_start,
    as_of,
    value,
    value_min,
    value_max,
    n_sources,
    has_conflict,
    observation_ids,
    unit,
    array_to_string(observation_ids, '; ') AS observation_ids_text  -- for SQLAlchemy readers (BI tools): no lists
FROM internal.timeline_store
WHERE modality = 'asserted';
