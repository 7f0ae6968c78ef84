"""Event mentions -> events: the same veto or capture told by several articles becomes one event.

Two mentions are the same event when they have the same event_type and modality, compatible
locations (equal, one unknown, or one inside the other in the gazetteer, e.g. East Aleppo and
Aleppo, except for captures, withdrawals and attacks, which their place defines), actor lists that
share an actor (or one is empty), and dates within a window set by the coarser precision (day 1,
week 7, month 31, year 366 days); undated mentions merge only inside their own document. Statements
are stricter: a shared actor and at least four shared content words in the quotes; attacks, which
recur daily, need the same day when both are dated to the day. Which types are place-defined, same-day or
statement-like is data: etl/data/vocabularies/event_type.csv. Merging is transitive. Candidate
pairs come from blocked joins in DuckDB over distinct mention signatures (sql/dedup/event_pairs.sql),
so cost grows about linearly.
"""

from __future__ import annotations

import duckdb
import polars as pl

import sql
from etl.clusters import signature_components
from etl.gazetteer import gazetteer
from etl.ids import content_id
from etl.store import transaction, write_frame
from etl.vocabularies import event_types


def _register_place_ancestry(con: duckdb.DuckDBPyConnection) -> None:
    """Temp table place_ancestry(location, ancestors) for every location an event mention names."""
    places = [r[0] for r in con.execute("SELECT DISTINCT location FROM internal.event_store WHERE location IS NOT NULL")
              .fetchall()]
    frame = pl.DataFrame({"location": places, "ancestors": [gazetteer().ancestors(p) for p in places]},
                         schema={"location": pl.String, "ancestors": pl.List(pl.String)})
    con.register("_ancestry", frame)
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE place_ancestry AS SELECT * FROM _ancestry")
    finally:
        con.unregister("_ancestry")


def _register_behaviour(con: duckdb.DuckDBPyConnection) -> None:
    """Temp table event_type_behaviour: how each event type's mentions merge (event_type.csv)."""
    types = event_types()
    frame = pl.DataFrame({"event_type": list(types), **{flag: [getattr(t, flag) for t in types.values()]
                                                        for flag in ("place_defined", "same_day", "shared_words")}})
    con.register("_behaviour", frame)
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE event_type_behaviour AS SELECT * FROM _behaviour")
    finally:
        con.unregister("_behaviour")


def publish_events(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute event_summary_store, the rows of the events view (sql/publish/events.sql)."""
    con.execute(sql.publish_script("events"))


def cluster_events(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Recompute event_cluster from event_store, then the stored events."""
    _register_place_ancestry(con)
    _register_behaviour(con)
    con.execute(sql.stage_script("dedup", "event_pairs"))
    signatures = con.sql("SELECT mention_id, rep FROM event_signature").pl()
    pairs = con.sql("SELECT rep_a, rep_b FROM event_pairs").pl()
    con.execute("DROP TABLE event_pairs; DROP TABLE event_rep; DROP TABLE event_signature; DROP TABLE place_ancestry; "
                "DROP TABLE event_type_behaviour")
    merged = signature_components(signatures, pairs)
    event_of = {m: content_id("event", root) for m, root in merged.items()}
    with transaction(con):
        con.execute("DELETE FROM internal.event_cluster")
        write_frame(con, "event_cluster", pl.DataFrame(
            {"mention_id": list(event_of), "event_id": list(event_of.values())},
            schema={"mention_id": pl.String, "event_id": pl.String}))
        publish_events(con)
    return {"mentions": len(event_of), "events": len(set(event_of.values()))}
