"""Claim mentions -> observations (one real-world figure, many reports), and conflicts between them.

Two mentions are the same observation when all of these hold (the README has examples):
- same metric, unit and modality (a hypothetical figure never merges into an asserted one);
- same location, and subjects equal or one unknown;
- dates compatible: as_of within a window set by the coarser precision (day 1, week 7, month 31,
  year 366 days); undated mentions merge only inside their own document;
- values compatible: the tight intervals their qualifiers imply overlap. exact = [v, v];
  approx = v +/- 5% (percentages: +/- 3 points); at_least/more_than = [v, 1.5v] (percentages:
  [v, v + 10]); at_most/less_than = [v/1.5, v] (percentages: [v - 10, v]); a range = [low, high].
Merging is transitive (connected components). Two asserted observations that are comparable
(all but the values) conflict when not even their loose intervals overlap, i.e. what each
statement allows: approx as above, at_least/more_than = [v, inf), at_most/less_than = [0, v].
They then share a conflict_group. "more than half" and "about 70 percent" neither merge nor
conflict. Candidate pairs come from a blocked self-join in DuckDB (block: metric, unit, modality,
location, 32-day date bucket), so cost grows about linearly.
"""

from __future__ import annotations

import duckdb
import polars as pl

import sql
from etl.clusters import components
from etl.ids import content_id
from etl.store import transaction, write_frame

CANDIDATE_PAIRS = """
WITH m AS (
    SELECT mention_id, doc_id, metric, unit, modality, location, subject, as_of,
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
             ELSE value END AS loose_hi,
        CASE date_precision WHEN 'week' THEN 7 WHEN 'month' THEN 31 WHEN 'year' THEN 366 ELSE 1 END AS win,
        coalesce(CAST(floor(epoch(as_of) / 86400 / 32) AS BIGINT), -1) AS bucket
    FROM claim_store
),
shifted AS (
    SELECT *, unnest([bucket - 1, bucket, bucket + 1]) AS near_bucket FROM m
)
SELECT a.mention_id AS mention_a, b.mention_id AS mention_b,
       a.lo <= b.hi AND b.lo <= a.hi AS values_agree,
       a.modality = 'asserted' AND (a.loose_lo > b.loose_hi OR b.loose_lo > a.loose_hi) AS values_conflict
FROM m a
JOIN shifted b
  ON a.metric = b.metric AND a.unit = b.unit AND a.modality = b.modality
 AND a.location IS NOT DISTINCT FROM b.location AND a.bucket = b.near_bucket
 AND a.mention_id < b.mention_id
WHERE (a.subject IS NULL OR b.subject IS NULL OR a.subject = b.subject)
  AND CASE WHEN a.as_of IS NULL OR b.as_of IS NULL THEN a.as_of IS NULL AND b.as_of IS NULL AND a.doc_id = b.doc_id
           ELSE abs(date_diff('day', a.as_of, b.as_of)) <= greatest(a.win, b.win) END
"""


def publish_observations(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute observation_store and timeline_store, the rows of the observations, metric_timeline and
    modality_timeline views (sql/publish/observations.sql), from the mentions and their links."""
    con.execute(sql.publish_script("observations"))


def cluster_claims(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Recompute claim_observation and observation_conflicts from claim_store, then the stored observations."""
    mentions = [r[0] for r in con.execute("SELECT mention_id FROM claim_store").fetchall()]
    pairs = con.sql(CANDIDATE_PAIRS).pl()
    agree = pairs.filter(pl.col("values_agree"))
    merged = components(mentions, zip(agree["mention_a"], agree["mention_b"], strict=True))
    observation = {m: content_id("observation", root) for m, root in merged.items()}
    disagree = pairs.filter(pl.col("values_conflict"))
    conflict_edges = {
        (observation[a], observation[b])
        for a, b in zip(disagree["mention_a"], disagree["mention_b"], strict=True)
        if observation[a] != observation[b]
    }
    in_conflict = {o for edge in conflict_edges for o in edge}
    groups = components(in_conflict, conflict_edges)
    with transaction(con):
        con.execute("DELETE FROM claim_observation")
        con.execute("DELETE FROM observation_conflicts")
        write_frame(con, "claim_observation", pl.DataFrame(
            {"mention_id": list(observation), "observation_id": list(observation.values())},
            schema={"mention_id": pl.String, "observation_id": pl.String}))
        write_frame(con, "observation_conflicts", pl.DataFrame(
            {"observation_id": list(groups), "conflict_group": [content_id("conflict", g) for g in groups.values()]},
            schema={"observation_id": pl.String, "conflict_group": pl.String}))
        publish_observations(con)
    return {"mentions": len(mentions), "observations": len(set(observation.values())),
            "conflicting_observations": len(groups)}
