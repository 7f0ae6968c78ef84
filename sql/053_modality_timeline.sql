-- modality_timeline: what figures were stated, whatever their modality? The same rows as
-- metric_timeline (which holds asserted figures only, by contract) but over every observation, one
-- row per (metric, location, subject, count_kind, period_start, as_of, modality), so hypothetical
-- ("would hold"), proposed ("a truce to evacuate 500"), claimed (a party's own claim) and denied
-- figures sit next to asserted ones.
-- The rows are computed when the deduplication stage runs (sql/publish/observations.sql).
CREATE OR REPLACE VIEW modality_timeline AS
SELECT
    metric,
    location,
    subject,
    count_kind,
    period_start,
    as_of,
    modality,
    value,
    value_min,
    value_max,
    n_sources,
    has_conflict,
    observation_ids,
    unit,
    array_to_string(observation_ids, '; ') AS observation_ids_text  -- for SQLAlchemy readers (BI tools): no lists
FROM internal.timeline_store;
