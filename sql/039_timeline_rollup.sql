-- timeline_rollup(d): the one definition of the timeline roll-up, which both the stored timeline
-- (timeline_store, written by sql/publish/observations.sql with d NULL) and timeline_as_known_on(d)
-- read. From the mentions of documents published by d (every document when d is NULL), each
-- observation's value (median of its mentions), range, kind, period and date are computed; then one row
-- per (metric, location, subject, count_kind, period_start, as_of, modality): the median of those
-- observations' values, the range over their mentions, n_sources = the distinct independent sources
-- (document_source_keys) of all their mentions, has_conflict when one of them shares a conflict_group
-- with another observation also known by d. Levels, running totals and period counts never share a row:
-- a series is one (metric, location, subject, count_kind), a period count also keeps its own window.
-- The parameter is untyped and cast to DATE (typed macro parameters need storage version v1.4.0).
CREATE OR REPLACE MACRO timeline_rollup(d) AS TABLE
WITH known_mentions AS (
    SELECT m.*, k.source_key
    FROM claim_mentions AS m
    JOIN document_source_keys AS k USING (doc_id)
    WHERE m.observation_id IS NOT NULL AND (d IS NULL OR k.published_on <= CAST(d AS DATE))
),
known_observations AS (
    SELECT
        observation_id,
        min(metric) AS metric,
        min(unit) AS unit,
        min(location) AS location,
        min(subject) AS subject,
        min(count_kind) AS count_kind,
        min(period_start) AS period_start,
        min(as_of) AS as_of,
        min(modality) AS modality,
        median(value) AS value,
        min(least(value, coalesce(value_low, value))) AS value_min,
        max(greatest(value, coalesce(value_high, value))) AS value_max,
        list(DISTINCT source_key) AS source_keys
    FROM known_mentions
    GROUP BY observation_id
),
known_conflicts AS (
    -- observations whose conflict group holds another observation already known by d
    SELECT oc.observation_id
    FROM internal.observation_conflicts AS oc
    JOIN known_observations AS o USING (observation_id)
    QUALIFY count(*) OVER (PARTITION BY oc.conflict_group) > 1
)
SELECT
    o.metric,
    o.location,
    o.subject,
    o.count_kind,
    o.period_start,
    o.as_of,
    o.modality,
    median(o.value) AS value,
    min(o.value_min) AS value_min,
    max(o.value_max) AS value_max,
    length(list_distinct(flatten(list(o.source_keys)))) AS n_sources,
    bool_or(c.observation_id IS NOT NULL) AS has_conflict,
    list_sort(list(o.observation_id)) AS observation_ids,
    min(o.unit) AS unit
FROM known_observations AS o
LEFT JOIN known_conflicts AS c USING (observation_id)
WHERE o.as_of IS NOT NULL
GROUP BY o.metric, o.location, o.subject, o.count_kind, o.period_start, o.as_of, o.modality;
