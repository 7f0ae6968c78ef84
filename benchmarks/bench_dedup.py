"""Deduplication cost at scale: claim mentions -> observations, event mentions -> events, near-copy documents.

usage: python benchmarks/bench_dedup.py [--sizes 10000 100000 1000000] [--docs 10000 100000]

Synthetic rows are inserted straight into a fresh warehouse (DuckDB file in a temporary folder) with
a realistic skew: each mention reports one of N/3 underlying facts picked with a heavy head (u^1.5:
the most quoted figure has about 0.1% of all mentions), metrics and locations follow a power law
over the contract metrics and 120 gazetteer-sized places (10% unknown), dates spread over 2011-2023
(5% undated; precision day 85%, week 5%, month 7%, year 3%), values log-uniform with 20% of mentions perturbed by 1-30%,
qualifiers and modalities mixed. Events likewise (11 types, 1-2 of 30 actors). Documents: bottom-64
sketches, 10% near-copies of another document (15% of hashes changed), 5% of hashes boilerplate
shared by many documents. Times are of etl.dedup_claims.cluster_claims, etl.dedup_events.cluster_events
and etl.dedup_docs.link_duplicates (best of 2 runs below 1M, one run at 1M).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from etl.dedup_claims import cluster_claims  # noqa: E402
from etl.dedup_docs import link_duplicates  # noqa: E402
from etl.dedup_events import cluster_events  # noqa: E402
from etl.store import apply_schema  # noqa: E402

METRICS = ["people_killed", "people_displaced", "people_injured", "territory_control_pct", "people_evacuated",
           "population_trapped", "fighters", "districts_captured"]
EVENT_TYPES = ["attack", "statement", "capture", "talks", "withdraw", "call_for_ceasefire", "evacuation",
               "aid_access", "agree_ceasefire", "reject_ceasefire", "veto"]

# u(k) = a uniform number in [0, 1) drawn from the fact f or the mention i and a salt k
CLAIMS_SQL = """
INSERT INTO internal.claim_store
WITH base AS (
    SELECT i, CAST(pow(hash(i, 'fact') % 1000000 / 1e6, 1.5) * $facts AS BIGINT) AS f FROM range($n) t(i)
),
drawn AS (
    SELECT i, f,
        hash(f, 'metric') % 1000 / 1e3 AS u_metric, hash(f, 'place') % 1000 / 1e3 AS u_place,
        hash(f, 'day') % 4700 AS day, hash(f, 'value') % 1000000 / 1e6 AS u_value,
        hash(f, 'prec') % 100 AS u_prec, CAST(hash(i, 'perturb') % 100 AS INTEGER) AS u_perturb,
        hash(i, 'qual') % 100 AS u_qual, hash(f, 'mod') % 100 AS u_mod, hash(f, 'subj') % 100 AS u_subj
    FROM base
),
shaped AS (
    SELECT *,
        $metrics[1 + CAST(floor(8 * pow(u_metric, 2)) AS INTEGER)] AS metric,
        CASE WHEN u_place < 0.1 THEN NULL ELSE 'place ' || CAST(floor(120 * pow(u_place, 3)) AS INTEGER) END AS location
    FROM drawn
)
SELECT md5('mention' || i), 'doc' || (i // 4), 'a quote', 0, 0, 3, metric,
    CASE WHEN metric = 'territory_control_pct' THEN round(1 + u_value * 98)
         ELSE round(exp(u_value * ln(50000))) END
        * CASE WHEN u_perturb < 20 THEN 1 + (u_perturb - 10) / 33.0 ELSE 1 END,
    NULL, NULL,
    CASE WHEN u_qual < 60 THEN 'exact' WHEN u_qual < 85 THEN 'approx' WHEN u_qual < 95 THEN 'more_than'
         ELSE 'at_least' END,
    CASE WHEN metric = 'territory_control_pct' THEN 'percent' WHEN metric = 'districts_captured' THEN 'districts'
         ELSE 'people' END,
    location,
    CASE WHEN u_subj < 60 THEN NULL WHEN u_subj < 80 THEN 'civilians' ELSE 'government forces' END,
    NULL,
    CASE WHEN hash(i, 'undated') % 100 < 5 THEN NULL ELSE DATE '2011-01-01' + CAST(day AS INTEGER) END,
    CASE WHEN u_prec < 85 THEN 'day' WHEN u_prec < 90 THEN 'week' WHEN u_prec < 97 THEN 'month' ELSE 'year' END,
    NULL,
    CASE WHEN u_mod < 90 THEN 'asserted' WHEN u_mod < 95 THEN 'claimed' ELSE 'hypothetical' END
FROM shaped
"""

EVENTS_SQL = """
INSERT INTO internal.event_store
WITH base AS (
    SELECT i, CAST(pow(hash(i, 'fact') % 1000000 / 1e6, 1.5) * $facts AS BIGINT) AS f FROM range($n) t(i)
)
SELECT md5('event' || i), 'doc' || (i // 3), 'a quote', 0, 0, 3,
    $types[1 + CAST(floor(11 * pow(hash(f, 'type') % 1000 / 1e3, 2)) AS INTEGER)], NULL,
    CASE WHEN hash(i, 'actors') % 10 < 2 THEN []
         WHEN hash(i, 'actors') % 10 < 7 THEN ['actor ' || hash(f, 'a1') % 30]
         ELSE ['actor ' || hash(f, 'a1') % 30, 'actor ' || hash(f, 'a2') % 30] END,
    NULL,
    CASE WHEN hash(f, 'place') % 10 = 0 THEN NULL ELSE 'place ' || CAST(floor(120 * pow(hash(f, 'p') % 1000 / 1e3, 3))
         AS INTEGER) END,
    CASE WHEN hash(i, 'undated') % 100 < 5 THEN NULL
         ELSE DATE '2011-01-01' + CAST(hash(f, 'day') % 4700 AS INTEGER) END,
    'day',
    CASE WHEN hash(f, 'mod') % 100 < 90 THEN 'asserted' ELSE 'claimed' END
FROM base
"""

DOCS_SQL = """
INSERT INTO internal.doc_store
SELECT 'doc' || lpad(CAST(d AS VARCHAR), 8, '0'), NULL, NULL,
       DATE '2011-01-01' + CAST(hash(d, 'pub') % 4700 AS INTEGER), 'explicit', 'en', ''
FROM range($n) t(d)
"""
SKETCHES_SQL = """
INSERT INTO internal.doc_sketches
WITH docs AS (
    SELECT d, CASE WHEN hash(d, 'copy') % 10 = 0 AND d > 0 THEN hash(d, 'of') % d ELSE d END AS base FROM range($n) t(d)
)
SELECT 'doc' || lpad(CAST(d AS VARCHAR), 8, '0'),
       CASE WHEN hash(d, k, 'boiler') % 100 < 5 THEN hash('boilerplate', hash(d, k) % 200)
            WHEN base <> d AND hash(d, k, 'edit') % 100 < 15 THEN hash(d, k, 'own')
            ELSE hash(base, k) END
FROM docs, range(64) s(k)
"""


def warehouse(folder: Path, name: str) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(folder / f"{name}.duckdb"))
    apply_schema(con)
    return con


def timed(fn, con: duckdb.DuckDBPyConnection, runs: int) -> tuple[float, dict]:
    best, out = float("inf"), {}
    for _ in range(runs):
        started = time.perf_counter()
        out = fn(con)
        best = min(best, time.perf_counter() - started)
    return best, out


def bench_mentions(n: int, folder: Path) -> None:
    con = warehouse(folder, f"mentions_{n}")
    con.execute(CLAIMS_SQL, {"n": n, "facts": n // 3, "metrics": METRICS})
    con.execute(EVENTS_SQL, {"n": n, "facts": n // 3, "types": EVENT_TYPES})
    runs = 1 if n >= 1_000_000 else 2
    claims_s, claims = timed(cluster_claims, con, runs)
    events_s, events = timed(cluster_events, con, runs)
    print(f"| {n:,} | {claims_s:.2f} | {claims_s / n * 1e6:.1f} | {claims['observations']:,} "
          f"| {claims['conflicting_observations']:,} | {events_s:.2f} | {events_s / n * 1e6:.1f} "
          f"| {events['events']:,} |", flush=True)
    con.close()


def bench_docs(n: int, folder: Path) -> None:
    con = warehouse(folder, f"docs_{n}")
    con.execute(DOCS_SQL, {"n": n})
    con.execute(SKETCHES_SQL, {"n": n})
    seconds, copies = timed(link_duplicates, con, 2)
    print(f"| {n:,} | {n * 64:,} | {seconds:.2f} | {seconds / n * 1e6:.1f} | {copies:,} |", flush=True)
    con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--docs", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print("| mentions | cluster_claims s | µs per mention | observations | in conflict "
              "| cluster_events s | µs per mention | events |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for n in args.sizes:
            bench_mentions(n, Path(tmp))
        print("\n| documents | sketch rows | link_duplicates s | µs per document | near-copies linked |")
        print("| --- | --- | --- | --- | --- |")
        for n in args.docs:
            bench_docs(n, Path(tmp))


if __name__ == "__main__":
    main()
