-- timeline_as_known_on(d): what did the asserted timeline say on date d, from what had been published
-- by then? Only documents with published_on <= d count (a document of unknown publication date
-- never does), and only their mentions; each observation's value, range, date and sources and each
-- timeline point are recomputed from those mentions alone by timeline_rollup (sql/039_timeline_rollup.sql),
-- the definition metric_timeline's stored rows come from. Observations keep their ids (deduplication is
-- not re-run), and a conflict counts only when another observation of its group was also known by d.
-- Usage: SELECT * FROM timeline_as_known_on(DATE '2016-11-30') WHERE metric = 'people_displaced';
CREATE OR REPLACE MACRO timeline_as_known_on(d) AS TABLE
SELECT
    metric,
    location,
    subject,
    count_kind,
    period_start,
    as_of,
    value,
    value_min,
    value_max,
    n_sources,
    has_conflict,
    observation_ids,
    unit,
    array_to_string(observation_ids, '; ') AS observation_ids_text,
    CAST(d AS DATE) AS known_on
FROM timeline_rollup(CAST(d AS DATE))
WHERE modality = 'asserted';
