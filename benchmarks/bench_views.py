"""Query latency of the analyst views on a warehouse of 10M synthetic claim mentions.

usage: python benchmarks/bench_views.py [--mentions 10000000] [--warehouse FILE] [--runs 5]

The warehouse (kept at FILE when given, and reused when it already exists) is filled straight with SQL: N
claim mentions from N/4 documents (40 publishers and 30% unknown, 5% near-copies), each mention reporting one
of N/3 facts with the same skew as benchmarks/bench_dedup.py; a fact is an observation (claim_observation), 3%
of observations share a conflict group; N/3 event mentions. Then the dedup stages' publication steps
(etl.dedup_claims.publish_observations and etl.dedup_events.publish_events) write the tables the views read,
and are timed. Each query runs `--runs` times on a read-only connection (a fresh one, as `timeline query`
opens); the median is reported. Two queries per view: an analyst's lookup (one series, place, group or
document) and a full scan (`count(*)` over the whole view).

What the timer leaves out: connecting (it starts after `duckdb.connect`) and process start-up; and the
synthetic text columns are a few bytes ('body of 123', 'title 123'), so document and mention lookups here
under-state a real warehouse. benchmarks/bench_scale.py times the views on a real build of generated
articles, connecting included, and `timeline query` as a whole command.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_dedup import CLAIMS_SQL, EVENT_TYPES, EVENTS_SQL, METRICS  # noqa: E402

from etl.dedup_claims import publish_observations  # noqa: E402
from etl.dedup_events import publish_events  # noqa: E402
from etl.store import apply_schema  # noqa: E402

FILL_SQL = [
    # claim_store rows as bench_dedup writes them, then each mention's fact as its observation
    CLAIMS_SQL,
    """INSERT INTO internal.claim_observation
       WITH base AS (SELECT i, CAST(pow(hash(i, 'fact') % 1000000 / 1e6, 1.5) * $facts AS BIGINT) AS f
                     FROM range($n) t(i))
       SELECT md5('mention' || i), md5('observation' || f) FROM base""",
    """INSERT INTO internal.observation_conflicts
       SELECT DISTINCT observation_id, md5('conflict' || hash(observation_id) % 1000) FROM internal.claim_observation
       WHERE hash(observation_id, 'c') % 100 < 3""",
    """INSERT INTO internal.doc_store
       SELECT 'doc' || d, 'title ' || d,
              CASE WHEN hash(d, 'pub') % 10 < 3 THEN NULL ELSE 'Publisher ' || hash(d, 'p') % 40 END,
              DATE '2011-01-01' + CAST(hash(d, 'date') % 4700 AS INTEGER), 'explicit', 'en', 'body of ' || d
       FROM range($docs) t(d)""",
    """INSERT INTO internal.document_sources
       SELECT 'inbox/' || d || '.txt', 'inbox/' || d || '.txt', 'doc' || d, TIMESTAMP '2024-01-01'
       FROM range($docs) t(d)""",
    """INSERT INTO internal.doc_duplicates
       SELECT 'doc' || d, 'doc' || (hash(d, 'of') % d), 0.8 FROM range(1, $docs) t(d) WHERE hash(d, 'dup') % 100 < 5""",
    EVENTS_SQL,
    """INSERT INTO internal.event_cluster
       WITH base AS (SELECT i, CAST(pow(hash(i, 'fact') % 1000000 / 1e6, 1.5) * $facts AS BIGINT) AS f
                     FROM range($events) t(i))
       SELECT md5('event' || i), md5('event' || f) FROM base""",
]

QUERIES = {
    # view: an analyst's lookup of one series, place, group or document ({location}, {doc_id}: literals)
    "metric_timeline": "SELECT * FROM metric_timeline WHERE metric = 'people_displaced' AND location = {location} "
                       "ORDER BY as_of",
    "control_timeline": "SELECT * FROM control_timeline WHERE location = {location} ORDER BY as_of",
    "displacement_timeline": "SELECT * FROM displacement_timeline WHERE location = {location} ORDER BY as_of",
    "casualty_timeline": "SELECT * FROM casualty_timeline WHERE location = {location} ORDER BY as_of",
    "observations": "SELECT * FROM observations WHERE metric = 'people_killed' AND location = {location} "
                    "AND as_of BETWEEN DATE '2016-01-01' AND DATE '2016-12-31'",
    "latest_known_values": "SELECT * FROM latest_known_values WHERE metric = 'people_displaced' "
                           "AND location = {location} ORDER BY shown_on",
    "cumulative_series": "SELECT * FROM cumulative_series WHERE metric = 'people_killed' AND location = {location} "
                         "ORDER BY as_of",
    "modality_timeline": "SELECT * FROM modality_timeline WHERE metric = 'people_killed' AND location = {location}",
    "conflicting_figures": "SELECT * FROM conflicting_figures WHERE conflict_group = "
                           "(SELECT min(conflict_group) FROM internal.observation_conflicts) "
                           "ORDER BY observation_value",
    "claim_mentions": "SELECT * FROM claim_mentions WHERE doc_id = {doc_id}",
    "documents": "SELECT * FROM documents WHERE doc_id = {doc_id}",
    "event_mentions": "SELECT * FROM event_mentions WHERE doc_id = {doc_id}",
    "events": "SELECT * FROM events WHERE event_type = 'veto' AND location = {location} ORDER BY event_date",
    "document_sources": "SELECT * FROM internal.document_sources WHERE doc_id = {doc_id}",
    "document_source_keys": "SELECT * FROM document_source_keys WHERE doc_id = {doc_id}",
    "quarantine": "SELECT * FROM internal.quarantine WHERE reason = 'empty'",
    "places": "SELECT * FROM places WHERE name = {location}",
    "timeline_as_known_on": "SELECT * FROM timeline_as_known_on(DATE '2016-12-31') "
                            "WHERE metric = 'people_displaced' AND location = {location}",
}


def lookups(location: str, doc_id: str) -> dict[str, str]:
    """QUERIES with one place and one document filled in (as SQL literals)."""
    literal = {"location": "'" + location.replace("'", "''") + "'", "doc_id": "'" + doc_id.replace("'", "''") + "'"}
    return {view: sql.format(**literal) for view, sql in QUERIES.items()}


def relations(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Names of the views, tables and table macros a warehouse has (a lookup of an absent view is skipped)."""
    return {r[0] for r in con.execute(
        "SELECT view_name FROM duckdb_views() UNION SELECT table_name FROM duckdb_tables() "
        "UNION SELECT function_name FROM duckdb_functions() WHERE function_type = 'table_macro'").fetchall()}


def fill(path: Path, n: int) -> float:
    """Create and fill the warehouse, then run the publication step; returns that step's seconds."""
    con = duckdb.connect(str(path))
    apply_schema(con)
    params = {"n": n, "facts": n // 3, "docs": n // 4, "events": n // 3, "metrics": METRICS, "types": EVENT_TYPES}
    for statement in FILL_SQL:
        used = {k: v for k, v in params.items() if f"${k}" in statement}
        con.execute(statement, used)
    started = time.perf_counter()
    publish_observations(con)
    publish_events(con)
    seconds = time.perf_counter() - started
    con.execute("CHECKPOINT")
    con.close()
    return seconds


def latency(path: Path, sql: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        with duckdb.connect(str(path), read_only=True) as con:
            started = time.perf_counter()
            con.execute(sql).fetchall()
            times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=10_000_000)
    parser.add_argument("--warehouse", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.warehouse or Path(tmp) / "views.duckdb"
        if not path.exists():
            started = time.perf_counter()
            publish_s = fill(path, args.mentions)
            print(f"filled {args.mentions:,} mentions in {time.perf_counter() - started:.0f} s; "
                  f"publish_observations + publish_events {publish_s:.1f} s", flush=True)
        with duckdb.connect(str(path), read_only=True) as con:
            counts = {v: con.execute(f"SELECT count(*) FROM {v}").fetchone()[0]
                      for v in ("internal.claim_store", "observations", "metric_timeline", "internal.event_store")}
            present = relations(con)
        print(", ".join(f"{k}={v:,}" for k, v in counts.items()))
        print("| view | lookup ms | rows | full scan ms |")
        print("| --- | --- | --- | --- |")
        for view, sql in lookups("place 5", "doc12345").items():
            if view not in present:
                continue
            with duckdb.connect(str(path), read_only=True) as con:
                rows = len(con.execute(sql).fetchall())
            scan = "–" if view == "timeline_as_known_on" else \
                f"{latency(path, f'SELECT count(*) FROM {view}', max(1, args.runs // 2)):.0f}"
            print(f"| {view} | {latency(path, sql, args.runs):.0f} | {rows:,} | {scan} |", flush=True)


if __name__ == "__main__":
    main()
