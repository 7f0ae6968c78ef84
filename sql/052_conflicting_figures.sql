-- conflicting_figures: which reports disagree about the same figure, and who said what?
-- One row per mention of an observation that shares a conflict_group with another observation
-- (etl/dedup_claims.py decides what conflicts), with its value, qualifier, quote and source, so the
-- competing figures of a group read side by side when ordered by conflict_group and value.
CREATE OR REPLACE VIEW conflicting_figures AS
WITH conflicting AS (
    SELECT * FROM observations WHERE conflict_group IS NOT NULL
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
JOIN documents AS d ON d.doc_id = m.doc_id;
