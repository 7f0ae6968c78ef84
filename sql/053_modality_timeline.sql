-- modality_timeline: what figures were stated, whatever their modality? The same rows as
-- metric_timeline (which holds asserted figures only, by contract) but over every observation, one
-- row per (metric, location, subject, as_of, modality), so hypothetical ("would hold"), proposed
-- ("a truce to evacuate 500"), claimed (a party's own claim) and denied figures sit next to asserted ones.
CREATE OR REPLACE VIEW modality_timeline AS
WITH dated AS (
    SELECT * FROM observations WHERE as_of IS NOT NULL
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
GROUP BY o.metric, o.location, o.subject, o.as_of, o.modality;
