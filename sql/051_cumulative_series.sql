-- cumulative_series: how do counted figures add up over time, per (metric, location, subject)?
-- Two readings of the same asserted points, because reports mix both kinds of figure:
--   running_total: the sum of every point so far; right when each figure counts new incidents
--                  ("4 soldiers were killed on Thursday").
--   running_max:   the highest figure reported so far; right when each figure is itself a total
--                  since some start ("93,000 people have fled since October 17"), which never falls.
-- Percentages are not counts and are left out. Rows exist only on dates with a reported point.
CREATE OR REPLACE VIEW cumulative_series AS
WITH counted AS (
    SELECT * FROM metric_timeline WHERE unit <> 'percent'
),
running AS (
    SELECT
        *,
        sum(value) OVER series AS running_total,
        max(value) OVER series AS running_max,
        count(*) OVER series AS n_points
    FROM counted
    WINDOW series AS (
        PARTITION BY metric, location, subject ORDER BY as_of ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    )
)
SELECT metric, location, subject, as_of, value, running_total, running_max, n_points, n_sources, unit
FROM running;
