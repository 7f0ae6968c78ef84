-- observations: one row per real-world figure after deduplication (etl/dedup_claims.py links
-- mentions to observations). The representative value is the median of the mentions' values;
-- value_min/value_max span every value and range bound reported. The rows are computed when the
-- deduplication stage runs (sql/publish/observations.sql) and stored in observation_store.
CREATE OR REPLACE VIEW observations AS
SELECT
    observation_id,
    metric,
    unit,
    location,
    subject,
    count_kind,
    period_start,
    as_of,
    value,
    value_min,
    value_max,
    n_mentions,
    n_sources,
    first_reported_on,
    last_reported_on,
    modality,
    conflict_group
FROM internal.observation_store;
