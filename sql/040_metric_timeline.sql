-- metric_timeline: one row per (metric, location, subject, as_of) over asserted observations.
-- value is the median of the observations' values; n_sources counts independent sources over all
-- their mentions; has_conflict says some of them conflict (see etl/dedup_claims.py).
CREATE OR REPLACE VIEW metric_timeline AS
WITH asserted AS (
    SELECT * FROM observations WHERE modality = 'asserted' AND as_of IS NOT NULL
),
sources AS (
    SELECT o.metric, o.location, o.subject, o.as_of, count(DISTINCT k.source_key) AS n_sources
    FROM asserted AS o
    JOIN claim_mentions AS m USING (observation_id)
    JOIN document_source_keys AS k ON k.doc_id = m.doc_id
    GROUP BY ALL
)
SELECT
    a.metric,
    a.location,
    a.subject,
    a.as_of,
    median(a.value) AS value,
    min(a.value_min) AS value_min,
    max(a.value_max) AS value_max,
    any_value(s.n_sources) AS n_sources,
    bool_or(a.conflict_group IS NOT NULL) AS has_conflict,
    list_sort(list(a.observation_id)) AS observation_ids,
    min(a.unit) AS unit
FROM asserted AS a
JOIN sources AS s
    ON s.metric = a.metric AND s.as_of = a.as_of
    AND s.location IS NOT DISTINCT FROM a.location AND s.subject IS NOT DISTINCT FROM a.subject
GROUP BY a.metric, a.location, a.subject, a.as_of;
