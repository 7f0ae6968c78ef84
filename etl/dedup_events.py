"""Event mentions -> events: the same veto or capture told by several articles becomes one event.

Two mentions are the same event when they have the same event_type and modality, locations equal
or one unknown, actor lists that share an actor (or one is empty), and dates within a window set by
the coarser precision (day 1, week 7, month 31, year 366 days); undated mentions merge only inside
their own document. Merging is transitive. Candidates come from a blocked self-join in DuckDB
(block: event_type, modality, 32-day date bucket), so cost grows about linearly.
"""

from __future__ import annotations

import duckdb
import polars as pl

from etl.clusters import components
from etl.ids import content_id
from etl.store import transaction, write_frame

CANDIDATE_PAIRS = """
WITH m AS (
    SELECT mention_id, doc_id, event_type, modality, location, actors, event_date,
        CASE date_precision WHEN 'week' THEN 7 WHEN 'month' THEN 31 WHEN 'year' THEN 366 ELSE 1 END AS win,
        coalesce(CAST(floor(epoch(event_date) / 86400 / 32) AS BIGINT), -1) AS bucket
    FROM event_store
),
shifted AS (
    SELECT *, unnest([bucket - 1, bucket, bucket + 1]) AS near_bucket FROM m
)
SELECT a.mention_id AS mention_a, b.mention_id AS mention_b
FROM m a
JOIN shifted b
  ON a.event_type = b.event_type AND a.modality = b.modality AND a.bucket = b.near_bucket
 AND a.mention_id < b.mention_id
WHERE (a.location IS NULL OR b.location IS NULL OR a.location = b.location)
  AND (len(a.actors) = 0 OR len(b.actors) = 0 OR len(list_intersect(a.actors, b.actors)) > 0)
  AND CASE WHEN a.event_date IS NULL OR b.event_date IS NULL
           THEN a.event_date IS NULL AND b.event_date IS NULL AND a.doc_id = b.doc_id
           ELSE abs(date_diff('day', a.event_date, b.event_date)) <= greatest(a.win, b.win) END
"""


def cluster_events(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Recompute event_cluster from event_store."""
    mentions = [r[0] for r in con.execute("SELECT mention_id FROM event_store").fetchall()]
    pairs = con.sql(CANDIDATE_PAIRS).pl()
    merged = components(mentions, zip(pairs["mention_a"], pairs["mention_b"], strict=True))
    event_of = {m: content_id("event", root) for m, root in merged.items()}
    with transaction(con):
        con.execute("DELETE FROM event_cluster")
        write_frame(con, "event_cluster", pl.DataFrame(
            {"mention_id": list(event_of), "event_id": list(event_of.values())},
            schema={"mention_id": pl.String, "event_id": pl.String}))
    return {"mentions": len(mentions), "events": len(set(event_of.values()))}
