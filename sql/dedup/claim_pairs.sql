-- Claim mentions -> pairs of mention signatures to merge or mark as conflicting (etl/dedup_claims.py).
--
-- Linear cost: mentions identical in every field the rules read (a signature) are merged outright,
-- so the pair joins run over distinct signatures; pairs are only formed inside blocks that can
-- match: same metric, unit, modality, location and count_kind, compatible periods (below), and
--   * same date precision: dates in the same or a neighbouring bucket of the precision's window
--     (day: 1 day, week: 7, month: 31, year: 366), which can merge or conflict;
--   * a coarser with a finer precision: also sharing a value bucket (the tight intervals must
--     overlap), which can only merge: a yearly total never "conflicts" with one day's toll;
--   * undated: only inside their own document.
-- Compatible periods: levels always; running totals when their starts are within the window or one is
-- unknown ('since October 17' and 'so far'); period counts only over the same window: as_of the same
-- day (or within the coarser precision's window) and the same length, a one-day count when no start is
-- given ('on Tuesday' is Tuesday's toll, never the past week's). Period counts never merge across
-- precisions (a year's toll is not one day's).

-- One row per mention: the intervals its qualifier implies and its signature's representative.
CREATE OR REPLACE TEMP TABLE claim_signature AS
WITH m AS (
    SELECT mention_id, doc_id, metric, unit, modality, location, subject, count_kind,
        CAST(epoch(as_of) // 86400 AS BIGINT) AS day,
        CAST(epoch(period_start) // 86400 AS BIGINT) AS start_day,
        CASE date_precision WHEN 'week' THEN 7 WHEN 'month' THEN 31 WHEN 'year' THEN 366 ELSE 1 END AS win,
        CASE WHEN value_low IS NOT NULL AND value_high IS NOT NULL THEN value_low
             WHEN qualifier = 'approx' THEN CASE WHEN unit = 'percent' THEN value - 3 ELSE value * 0.95 END
             WHEN qualifier IN ('at_most', 'less_than') THEN
                  CASE WHEN unit = 'percent' THEN value - 10 ELSE value / 1.5 END
             ELSE value END AS lo,
        CASE WHEN value_low IS NOT NULL AND value_high IS NOT NULL THEN value_high
             WHEN qualifier = 'approx' THEN CASE WHEN unit = 'percent' THEN value + 3 ELSE value * 1.05 END
             WHEN qualifier IN ('at_least', 'more_than') THEN
                  CASE WHEN unit = 'percent' THEN value + 10 ELSE value * 1.5 END
             ELSE value END AS hi,
        CASE WHEN value_low IS NOT NULL AND value_high IS NOT NULL THEN value_low
             WHEN qualifier = 'approx' THEN CASE WHEN unit = 'percent' THEN value - 3 ELSE value * 0.95 END
             WHEN qualifier IN ('at_most', 'less_than') THEN 0
             ELSE value END AS loose_lo,
        CASE WHEN value_low IS NOT NULL AND value_high IS NOT NULL THEN value_high
             WHEN qualifier = 'approx' THEN CASE WHEN unit = 'percent' THEN value + 3 ELSE value * 1.05 END
             WHEN qualifier IN ('at_least', 'more_than') THEN 'inf'::DOUBLE
             ELSE value END AS loose_hi
    FROM internal.claim_store
)
SELECT *, min(mention_id) OVER (PARTITION BY metric, unit, modality, location, subject, count_kind, day, start_day,
                                             win, lo, hi, loose_lo, loose_hi, CASE WHEN day IS NULL THEN doc_id END) AS rep
FROM m;

CREATE OR REPLACE TEMP TABLE claim_rep AS
SELECT * EXCLUDE (mention_id),
    -- value buckets covering [lo, hi]: 5 points for percentages, else a factor of about 1.28
    CASE WHEN unit = 'percent' THEN range(CAST(floor(lo / 5) AS BIGINT), CAST(floor(hi / 5) AS BIGINT) + 1)
         ELSE range(CAST(floor(ln(1 + greatest(lo, 0)) / 0.25) AS BIGINT),
                    CAST(floor(ln(1 + greatest(hi, 0)) / 0.25) AS BIGINT) + 1) END AS value_buckets
FROM claim_signature WHERE mention_id = rep;

CREATE OR REPLACE TEMP TABLE claim_pairs AS
WITH same_precision AS (
    SELECT a.rep AS rep_a, b.rep AS rep_b, a.lo, a.hi, a.loose_lo, a.loose_hi, a.modality,
           b.lo AS b_lo, b.hi AS b_hi, b.loose_lo AS b_loose_lo, b.loose_hi AS b_loose_hi
    FROM claim_rep a
    JOIN (SELECT *, unnest([day // win - 1, day // win, day // win + 1]) AS near FROM claim_rep
          WHERE day IS NOT NULL) b
      ON a.metric = b.metric AND a.unit = b.unit AND a.modality = b.modality
     AND a.location IS NOT DISTINCT FROM b.location AND a.win = b.win AND a.day // a.win = b.near
     AND a.count_kind = b.count_kind AND a.rep < b.rep
    WHERE (a.subject IS NULL OR b.subject IS NULL OR a.subject = b.subject) AND abs(a.day - b.day) <= a.win
      AND CASE a.count_kind
          WHEN 'period' THEN abs(a.day - b.day) <= (CASE WHEN a.win = 1 THEN 0 ELSE a.win END)
                             AND coalesce(a.day - a.start_day, 0) = coalesce(b.day - b.start_day, 0)
          WHEN 'cumulative' THEN a.start_day IS NULL OR b.start_day IS NULL OR abs(a.start_day - b.start_day) <= a.win
          ELSE true END
    UNION ALL
    SELECT a.rep, b.rep, a.lo, a.hi, a.loose_lo, a.loose_hi, a.modality, b.lo, b.hi, b.loose_lo, b.loose_hi
    FROM claim_rep a
    JOIN claim_rep b
      ON a.metric = b.metric AND a.unit = b.unit AND a.modality = b.modality
     AND a.location IS NOT DISTINCT FROM b.location AND a.doc_id = b.doc_id AND a.count_kind = b.count_kind
     AND a.rep < b.rep
    WHERE a.day IS NULL AND b.day IS NULL AND (a.subject IS NULL OR b.subject IS NULL OR a.subject = b.subject)
),
coarse AS (  -- nested unnests: two in one SELECT would be zipped, not crossed
    SELECT * EXCLUDE (value_buckets), unnest(value_buckets) AS value_bucket
    FROM (SELECT rep, metric, unit, modality, location, subject, count_kind, start_day, day, win, lo, hi,
                 value_buckets, win AS level, unnest([day // win - 1, day // win, day // win + 1]) AS day_bucket
          FROM claim_rep WHERE day IS NOT NULL AND win > 1 AND count_kind <> 'period')
),
fine AS (
    SELECT * EXCLUDE (value_buckets), day // level AS day_bucket, unnest(value_buckets) AS value_bucket
    FROM (SELECT rep, metric, unit, modality, location, subject, count_kind, start_day, day, win, lo, hi,
                 value_buckets, unnest([7, 31, 366]) AS level
          FROM claim_rep WHERE day IS NOT NULL AND win < 366 AND count_kind <> 'period')
    WHERE level > win
),
across_precision AS (
    SELECT DISTINCT a.rep AS rep_a, b.rep AS rep_b
    FROM coarse a
    JOIN fine b
      ON a.level = b.level AND a.day_bucket = b.day_bucket AND a.value_bucket = b.value_bucket
     AND a.metric = b.metric AND a.unit = b.unit AND a.modality = b.modality
     AND a.location IS NOT DISTINCT FROM b.location AND a.count_kind = b.count_kind
    WHERE (a.subject IS NULL OR b.subject IS NULL OR a.subject = b.subject)
      AND abs(a.day - b.day) <= a.win AND a.lo <= b.hi AND b.lo <= a.hi
      AND (a.start_day IS NULL OR b.start_day IS NULL OR abs(a.start_day - b.start_day) <= a.win)
)
SELECT rep_a, rep_b, lo <= b_hi AND b_lo <= hi AS values_agree,
       modality = 'asserted' AND (loose_lo > b_loose_hi OR b_loose_lo > loose_hi) AS values_conflict
FROM same_precision
UNION ALL
SELECT rep_a, rep_b, true, false FROM across_precision;
