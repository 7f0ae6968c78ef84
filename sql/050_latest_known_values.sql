-- latest_known_values: what was the latest known value of each series on each date something was
-- reported about its location? A series is (metric, location, subject, count_kind)
-- over the asserted timeline.
-- Each row is shown for `shown_on` (a date on which some figure about the location is dated) and
-- carries the value of the latest point dated on or before it, with that point's own `as_of`.
-- Nothing is interpolated: a carried value keeps its old as_of (days_since_as_of > 0), and a series
-- has no row before its first known point.
CREATE OR REPLACE VIEW latest_known_values AS
WITH points AS (
    -- the asserted timeline, with join keys in which an unknown location or subject is a value of its own
    SELECT *, coalesce(location, '') AS location_key, coalesce(subject, '') AS subject_key
    FROM metric_timeline
),
location_dates AS (
    -- every date on which some figure about the location is known: the dates the series are shown for
    SELECT DISTINCT location_key, as_of AS shown_on FROM points
),
series AS (
    SELECT DISTINCT metric, location, subject, count_kind, location_key, subject_key FROM points
),
grid AS (
    SELECT s.*, d.shown_on
    FROM series AS s
    JOIN location_dates AS d USING (location_key)
)
SELECT
    g.metric,
    g.location,
    g.subject,
    g.count_kind,
    g.shown_on,
    p.period_start,
    p.as_of,
    g.shown_on - p.as_of AS days_since_as_of,
    p.value,
    p.value_min,
    p.value_max,
    p.n_sources,
    p.has_conflict,
    p.observation_ids,
    p.unit,
    p.observation_ids_text
FROM grid AS g
ASOF JOIN points AS p
    ON p.metric = g.metric AND p.location_key = g.location_key AND p.subject_key = g.subject_key
    AND p.count_kind = g.count_kind
    AND g.shown_on >= p.as_of;
