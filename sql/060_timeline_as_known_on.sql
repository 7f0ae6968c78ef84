-- timeline_as_known_on(d): what did the asserted timeline say on date d, from what had been published
-- by then? Only documents with published_on <= d count (a document of unknown publication date
-- never does), and only their mentions; each observation's value, range, date and sources and each
-- (metric, location, subject, as_of) point are recomputed from those mentions alone, the way
-- observations and metric_timeline compute them. Observations keep their ids (deduplication is not
-- re-run), and a conflict counts only when another observation of its group was also known by d.
-- The parameter is untyped and cast to DATE: typed macro parameters (`d DATE`) need storage version
-- v1.4.0, and the published file keeps the v1.0 storage format so every DuckDB 1.x reader opens it.
-- Usage: SELECT * FROM timeline_as_known_on(DATE '2016-11-30') WHERE metric = 'people_displaced';
CREATE OR REPLACE MACRO timeline_as_known_on(d) AS TABLE
WITH cutoff AS (
    SELECT CAST(d AS DATE) AS known_on
),
known_documents AS (
    SELECT k.doc_id, k.source_key
    FROM document_source_keys AS k
    JOIN cutoff AS c ON k.published_on <= c.known_on
),
known_mentions AS (
    SELECT m.*, k.source_key
    FROM claim_mentions AS m
    JOIN known_documents AS k USING (doc_id)
    WHERE m.observation_id IS NOT NULL AND m.modality = 'asserted'
),
known_observations AS (
    SELECT
        observation_id,
        min(metric) AS metric,
        min(unit) AS unit,
        min(location) AS location,
        min(subject) AS subject,
        min(as_of) AS as_of,
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
    FROM observation_conflicts AS oc
    JOIN known_observations AS o USING (observation_id)
    QUALIFY count(*) OVER (PARTITION BY oc.conflict_group) > 1
)
SELECT
    o.metric,
    o.location,
    o.subject,
    o.as_of,
    median(o.value) AS value,
    min(o.value_min) AS value_min,
    max(o.value_max) AS value_max,
    length(list_distinct(flatten(list(o.source_keys)))) AS n_sources,
    bool_or(c.observation_id IS NOT NULL) AS has_conflict,
    list_sort(list(o.observation_id)) AS observation_ids,
    min(o.unit) AS unit,
    any_value(cutoff.known_on) AS known_on
FROM known_observations AS o
LEFT JOIN known_conflicts AS c USING (observation_id)
CROSS JOIN cutoff
WHERE o.as_of IS NOT NULL
GROUP BY o.metric, o.location, o.subject, o.as_of;
