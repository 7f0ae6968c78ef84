-- observation_store and timeline_store: the rows the observations, metric_timeline and modality_timeline
-- views read, recomputed by the deduplication stage (etl/dedup_claims.py) whenever it merges mentions, so
-- those views answer from stored rows instead of regrouping every mention at each query. Rows are stored
-- sorted by metric, location and date: a series lookup reads a few row groups (zone maps).
-- One row per observation: the representative value is the median of the mentions' values;
-- value_min/value_max span every value and range bound reported.
DELETE FROM internal.observation_store;
INSERT INTO internal.observation_store
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
    min(oc.conflict_group) AS conflict_group,
    min(m.count_kind) AS count_kind
FROM claim_mentions AS m
JOIN document_source_keys AS k USING (doc_id)
LEFT JOIN internal.observation_conflicts AS oc USING (observation_id)
WHERE m.observation_id IS NOT NULL
GROUP BY m.observation_id
ORDER BY metric, location, as_of;

-- The timeline points over dated observations, every modality (metric_timeline is the asserted rows,
-- modality_timeline all of them), from the one roll-up definition (sql/039_timeline_rollup.sql).
DELETE FROM internal.timeline_store;
INSERT INTO internal.timeline_store BY NAME
SELECT * FROM timeline_rollup(NULL)
ORDER BY metric, location, as_of;

-- The rows of conflicting_figures: every mention of an observation sharing a conflict_group with another,
-- with its source, sorted by group so one group's competing figures sit together.
DELETE FROM internal.conflict_store;
INSERT INTO internal.conflict_store
WITH conflicting AS (
    SELECT * FROM internal.observation_store WHERE conflict_group IS NOT NULL
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
    m.source_path,
    o.count_kind,
    o.period_start
FROM conflicting AS o
JOIN group_sizes AS g USING (conflict_group)
JOIN claim_mentions AS m USING (observation_id)
JOIN documents AS d ON d.doc_id = m.doc_id
ORDER BY conflict_group, observation_value, mention_id;
