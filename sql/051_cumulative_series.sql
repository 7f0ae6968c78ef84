-- cumulative_series: how do counted figures add up over time, per (metric, location, subject, count_kind)?
-- Two readings of the asserted points of each series (count_kind says which one fits):
--   running_total: the sum of every point so far; right for period counts, each of which counts new
--                  incidents in its own window ("4 soldiers were killed on Thursday").
--   running_max:   the highest figure reported so far; right for running totals, each itself a total
--                  since some start ("93,000 people have fled since October 17"), which never falls.
-- Levels (percentages, people trapped) are not counts that add up and are left out. Rows exist only on
-- dates with a reported point.
CREATE OR REPLACE VIEW cumulative_series AS
WITH counted AS (
    SELECT * FROM metric_timeline WHERE unit <> 'percent' AND count_kind <> 'level'
),
running AS (
    SELECT
        *,
        sum(value) OVER series AS running_total,
        max(value) OVER series AS running_max,
        count(*) OVER series AS n_points
    FROM counted
    WINDOW series AS (
        PARTITION BY metric, location, subject, count_kind ORDER BY as_of
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    )
)
SELECT metric, location, subject, count_kind, period_start, as_of, value, running_total, running_max, n_points,
       n_sources, unit
FROM running;
