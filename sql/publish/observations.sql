-- observation_store and timeline_store: the rows the observations, metric_timeline and modality_timeline
-- views read, recomputed by the deduplication stage (etl/dedup_claims.py) whenever it merges mentions, so
-- those views answer from stored rows instead of regrouping every mention at each query. Rows are stored
-- sorted by metric, location and date: a series lookup reads a few row groups (zone maps).
-- One row per observation: the representative value is the median of the mentions' values;
-- value_min/value_max span every value and range bound reported.
DELETE FROM observation_store;
INSERT INTO observation_store
SELECT
    m.observation_id,
    min(m.metric) AS metric,
    min(m.unit) AS unit,
    min(m.location) AS location,
    min(m.subject) AS subject,
    min(m.period_start) AS period_start,
    min(m.as_of) AS as_of,
    median(m.value) AS value,
    min(least(m.value, coalesce(m.value_low, m.value))) AS value_min,
    max(greatest(m.value, coalesce(m.value_high, m.value))) AS value_max,
    count(*) AS n_mentions,
    count(DISTINCT k.source_key) AS n_sources,
    min(k.published_on) AS first_reported_on,
    max(k.published_on) AS last_reported_on,
    min(m.modality) AS modality,
    min(oc.conflict_group) AS conflict_group
FROM claim_mentions AS m
JOIN document_source_keys AS k USING (doc_id)
LEFT JOIN observation_conflicts AS oc USING (observation_id)
WHERE m.observation_id IS NOT NULL
GROUP BY m.observation_id
ORDER BY metric, location, as_of;

-- One row per (metric, location, subject, as_of, modality) over dated observations: value is the median of
-- the observations' values; n_sources counts independent sources over all their mentions; has_conflict
-- says some of them conflict. metric_timeline is the asserted rows, modality_timeline all of them.
DELETE FROM timeline_store;
INSERT INTO timeline_store
WITH dated AS (
    SELECT * FROM observation_store WHERE as_of IS NOT NULL
),
sources AS (
    SELECT o.metric, o.location, o.subject, o.as_of, o.modality, count(DISTINCT k.source_key) AS n_sources
    FROM dated AS o
    JOIN claim_mentions AS m USING (observation_id)
    JOIN document_source_keys AS k ON k.doc_id = m.doc_id
    GROUP BY ALL
)
SELECT
    o.metric,
    o.location,
    o.subject,
    o.as_of,
    o.modality,
    median(o.value) AS value,
    min(o.value_min) AS value_min,
    max(o.value_max) AS value_max,
    any_value(s.n_sources) AS n_sources,
    bool_or(o.conflict_group IS NOT NULL) AS has_conflict,
    list_sort(list(o.observation_id)) AS observation_ids,
    min(o.unit) AS unit
FROM dated AS o
JOIN sources AS s
    ON s.metric = o.metric AND s.as_of = o.as_of AND s.modality = o.modality
    AND s.location IS NOT DISTINCT FROM o.location AND s.subject IS NOT DISTINCT FROM o.subject
GROUP BY o.metric, o.location, o.subject, o.as_of, o.modality
ORDER BY o.metric, o.location, o.as_of;

-- The rows of conflicting_figures: every mention of an observation sharing a conflict_group with another,
-- with its source, sorted by group so one group's competing figures sit together.
DELETE FROM conflict_store;
INSERT INTO conflict_store
WITH conflicting AS (
    SELECT * FROM observation_store WHERE conflict_group IS NOT NULL
),
group_sizes AS (
    SELECT conflict_group, count(*) AS n_observations_in_group
    FROM conflicting
    GROUP BY conflict_group
)
SELECT
    o.conflict_group,
    g.n_observations_in_group,
    o.metric,
    o.unit,
    o.location,
    o.subject,
    o.as_of,
    o.observation_id,
    o.value AS observation_value,
    o.n_sources AS observation_n_sources,
    m.mention_id,
    m.value,
    m.value_low,
    m.value_high,
    m.qualifier,
    m.modality,
    m.attributed_to,
    m.quote,
    d.publisher,
    d.title,
    d.published_on,
    m.doc_id,
    m.source_path
FROM conflicting AS o
JOIN group_sizes AS g USING (conflict_group)
JOIN claim_mentions AS m USING (observation_id)
JOIN documents AS d ON d.doc_id = m.doc_id
ORDER BY conflict_group, observation_value, mention_id;
