-- observations: one row per real-world figure after deduplication (etl/dedup_claims.py links
-- mentions to observations). The representative value is the median of the mentions' values;
-- value_min/value_max span every value and range bound reported.
CREATE OR REPLACE VIEW observations AS
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
GROUP BY m.observation_id;
