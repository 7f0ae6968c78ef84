-- observations_within(p): the observations of place p (name or place_id) and of every place inside it, each real
-- figure once. Reports that file one figure under a place and under a place inside it (a toll under 'Mosul' and
-- under 'East Mosul') make two observations, since deduplication merges equal locations only; here the one on the
-- containing place is dropped when an observation inside it agrees with it: same metric, unit, modality and
-- subject (or one unknown), count kind, dates a day apart at most, values within 5% of each other's range.
CREATE OR REPLACE MACRO observations_within(p) AS TABLE
WITH o AS (
    SELECT o.*, w.place_id FROM observations AS o JOIN places_within(p) AS w ON w.name = o.location
),
covered AS (
    SELECT DISTINCT a.observation_id
    FROM o AS a
    JOIN place_ancestors AS pa ON pa.ancestor_id = a.place_id AND pa.depth > 0
    JOIN o AS b ON b.place_id = pa.place_id
    WHERE a.metric = b.metric AND a.unit = b.unit AND a.modality = b.modality
      AND a.count_kind IS NOT DISTINCT FROM b.count_kind
      AND (a.subject IS NULL OR b.subject IS NULL OR a.subject = b.subject)
      AND abs(date_diff('day', a.as_of, b.as_of)) <= 1
      AND a.value_min <= b.value_max * 1.05 AND b.value_min <= a.value_max * 1.05
)
SELECT * EXCLUDE (place_id) FROM o WHERE observation_id NOT IN (SELECT observation_id FROM covered);
