-- conflicting_figures: which reports disagree about the same figure, and who said what?
-- One row per mention of an observation that shares a conflict_group with another observation
-- (etl/dedup_claims.py decides what conflicts), with its value, qualifier, quote and source, so the
-- competing figures of a group read side by side when ordered by conflict_group and value.
-- The rows are computed with the observations (sql/publish/observations.sql), stored in conflict_store.
CREATE OR REPLACE VIEW conflicting_figures AS
SELECT
    conflict_group,
    n_observations_in_group,
    metric,
    unit,
    location,
    subject,
    count_kind,
    period_start,
    as_of,
    observation_id,
    observation_value,
    observation_n_sources,
    mention_id,
    value,
    value_low,
    value_high,
    qualifier,
    modality,
    attributed_to,
    quote,
    publisher,
    title,
    published_on,
    doc_id,
    source_path
FROM internal.conflict_store;
