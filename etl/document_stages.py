"""Per-document stages: clean, claims, events. Each runs only on documents it has not seen.

A stage reads what the stage before it wrote, maps a pure function over pending documents (in
worker processes when asked), and writes each chunk's rows plus its `stage_done` marks in one
transaction, so an interrupted run resumes where it stopped without duplicates or gaps. A document
whose processing raises is quarantined (reason `extraction_error`), one that takes longer than its time budget
(DOCUMENT_SECONDS a stage, `$TIMELINE_DOCUMENT_SECONDS`) is quarantined `timeout`; neither stops the batch.
Worker processes start by forkserver (they inherit no lock nor open file of the build) and die with it.

run_stage does it all in one process. Its pieces also work apart, for executors that run steps in
separate processes or machines: plan_shards cuts the pending documents into doc_id ranges,
compute_shard computes one range on a connection that only reads, and write_results is the one writer.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import threading
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

import duckdb
import polars as pl

from etl.claims import extract_claims
from etl.clean import clean_document
from etl.dedup_docs import sketch
from etl.events import extract_events
from etl.gazetteer import place_rows
from etl.ids import content_id
from etl.ingest_stage import remove_orphans
from etl.model import CleanDocument, RawRecord
from etl.store import transaction, write_frame

CHUNK = 500
DOCUMENT_SECONDS = 120.0  # a stage's time budget per document (a real article takes well under a second)
Progress = Callable[[int, int], None]
PR_SET_PDEATHSIG = 1  # linux/prctl.h


@dataclass(frozen=True)
class StageSpec:
    """What a stage reads (a table, and SQL listing its pending documents), and computes."""

    name: str
    table: str  # the table whose rows are a document's inputs
    pending_sql: str  # doc_id, row_at (the row's rowid in `table`) and computed inputs of the pending documents
    compute: Callable[[dict], dict[str, list[dict]]]


def _clean(row: dict) -> dict[str, list[dict]]:
    record = RawRecord(source_path=row["source_path"], text=row["raw_text"], fmt=row["fmt"],
                       title=row["field_title"], published=row["field_published"], publisher=row["field_publisher"])
    doc = clean_document(record)
    doc_id = row["doc_id"]
    return {
        "doc_store": [{"doc_id": doc_id, "title": doc.title, "publisher": doc.publisher,
                       "published_on": doc.published_on, "published_basis": doc.published_basis,
                       "language": doc.language, "body_text": doc.body_text}],
        "doc_blocks": [{"doc_id": doc_id, "seq": i, "kind": b.kind, "text": b.text} for i, b in enumerate(doc.blocks)],
        "doc_removed_lines": [{"doc_id": doc_id, "seq": i, "reason": r.reason, "text": r.text}
                              for i, r in enumerate(doc.removed)],
        "doc_sketches": [{"doc_id": doc_id, "h": h} for h in sketch(doc.body_text)],
    }


def _stored_document(row: dict) -> CleanDocument:
    return CleanDocument(body_text=row["body_text"], title=row["title"], publisher=row["publisher"],
                         published_on=row["published_on"], published_basis=row["published_basis"],
                         language=row["language"])


def _mention_rows(doc_id: str, mentions: Iterable, key: Callable) -> list[dict]:
    rows = []
    for m in mentions:
        row = dict(vars(m))  # the fields, shallow: asdict's deep copy cost 0.5 ms an article
        row["mention_id"] = content_id(doc_id, *key(m))
        row["doc_id"] = doc_id
        rows.append(row)
    return rows


def _event_rows(doc_id: str, doc: CleanDocument) -> list[dict]:
    rows = _mention_rows(doc_id, extract_events(doc), lambda m: ("event", m.char_start, m.char_end, m.event_type))
    for r in rows:
        r["actors"] = list(r["actors"])
    return rows


def _claims(row: dict) -> dict[str, list[dict]]:
    """Claims of a document, and its events too while it is at hand when the events stage has not seen it:
    both read the same time expressions and places (etl.dates.document_expressions), computed once."""
    doc = _stored_document(row)
    doc_id = row["doc_id"]
    tables = {"claim_store": _mention_rows(doc_id, extract_claims(doc), lambda m: (m.char_start, m.char_end, m.metric))}
    if row.get("events_pending"):
        tables["event_store"] = _event_rows(doc_id, doc)
        tables["stage_done"] = [{"doc_id": doc_id, "stage": "events"}]
    tables["place_store"] = place_rows(doc_id, (r["location"] for rows in tables.values() for r in rows
                                                if "location" in r))
    return tables


def _events(row: dict) -> dict[str, list[dict]]:
    events = _event_rows(row["doc_id"], _stored_document(row))
    return {"event_store": events, "place_store": place_rows(row["doc_id"], (e["location"] for e in events))}


# pending_sql lists a stage's pending documents: doc_id, where the row is (row_at) and inputs computed from other
# tables; the table's own columns are read chunk by chunk (_chunks)
_PENDING = "SELECT t.doc_id, t.rowid AS row_at{cols} FROM internal.{table} t WHERE NOT EXISTS " \
           "(SELECT 1 FROM internal.stage_done s WHERE s.doc_id = t.doc_id AND s.stage = '{stage}')"
_EVENTS_PENDING = "NOT EXISTS (SELECT 1 FROM internal.stage_done e WHERE e.doc_id = t.doc_id AND e.stage = 'events')"
STAGES = {
    "clean": StageSpec("clean", "raw_documents", _PENDING.format(
        cols=", (SELECT min(source_path) FROM internal.document_sources d WHERE d.doc_id = t.doc_id) AS source_path",
        table="raw_documents", stage="clean"), _clean),
    "claims": StageSpec("claims", "doc_store", _PENDING.format(cols=f", {_EVENTS_PENDING} AS events_pending",
                                                               table="doc_store", stage="claims"), _claims),
    "events": StageSpec("events", "doc_store", _PENDING.format(cols="", table="doc_store", stage="events"), _events),
}
TABLE_SCHEMAS = {
    "doc_store": {"doc_id": pl.String, "title": pl.String, "publisher": pl.String, "published_on": pl.Date,
                  "published_basis": pl.String, "language": pl.String, "body_text": pl.String},
    "doc_blocks": {"doc_id": pl.String, "seq": pl.Int32, "kind": pl.String, "text": pl.String},
    "doc_removed_lines": {"doc_id": pl.String, "seq": pl.Int32, "reason": pl.String, "text": pl.String},
    "doc_sketches": {"doc_id": pl.String, "h": pl.UInt64},
    "claim_store": {"mention_id": pl.String, "doc_id": pl.String, "quote": pl.String, "quote_start": pl.Int32,
                    "char_start": pl.Int32, "char_end": pl.Int32, "metric": pl.String, "value": pl.Float64,
                    "value_low": pl.Float64, "value_high": pl.Float64, "qualifier": pl.String, "unit": pl.String,
                    "location": pl.String, "subject": pl.String, "period_start": pl.Date, "as_of": pl.Date,
                    "date_precision": pl.String, "attributed_to": pl.String, "modality": pl.String,
                    "count_kind": pl.String},
    "event_store": {"mention_id": pl.String, "doc_id": pl.String, "quote": pl.String, "quote_start": pl.Int32,
                    "char_start": pl.Int32, "char_end": pl.Int32, "event_type": pl.String, "plover_code": pl.String,
                    "actors": pl.List(pl.String), "target": pl.String, "location": pl.String,
                    "event_date": pl.Date, "date_precision": pl.String, "modality": pl.String},
    "place_store": {"doc_id": pl.String, "place_id": pl.String, "name": pl.String, "kind": pl.String,
                    "country_code": pl.String, "admin1": pl.String, "latitude": pl.Float64, "longitude": pl.Float64,
                    "geonames_id": pl.Int64, "parent_id": pl.String, "coordinates_basis": pl.String,
                    "aliases": pl.List(pl.String)},
    "stage_done": {"doc_id": pl.String, "stage": pl.String},
}


Shard = tuple[str, str]  # first and last doc_id of a range of pending documents, both included
Failure = tuple[str, str]  # quarantine reason (extraction_error | timeout) and detail
Result = tuple[str, dict[str, list[dict]] | None, Failure | None]  # doc_id, rows per table or None, failure or None


class DocumentTimeout(Exception):
    """A document used up its time budget in a stage."""


def document_seconds() -> float:
    """The time budget of one document in one stage: $TIMELINE_DOCUMENT_SECONDS, else DOCUMENT_SECONDS."""
    return float(os.environ.get("TIMELINE_DOCUMENT_SECONDS") or DOCUMENT_SECONDS)


@contextmanager
def _budget(seconds: float) -> Iterator[None]:
    """Raise DocumentTimeout in the block after `seconds` (a SIGALRM timer: main thread only, where every stage
    runs; elsewhere no budget). Pure-Python loops are interrupted; one C call (a regex) finishes first."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise DocumentTimeout(f"over its {seconds:g} s budget per document and stage")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _safe(stage: str, row: dict, seconds: float) -> Result:
    """Run one stage on one document within its time budget; an exception becomes a failure, never a crash."""
    try:
        with _budget(seconds):
            return row["doc_id"], STAGES[stage].compute(row), None
    except DocumentTimeout as err:
        return row["doc_id"], None, ("timeout", f"{stage}: {err}")
    except Exception as err:  # noqa: BLE001 - one bad document must not stop the batch
        last = traceback.format_exception_only(err)[-1].strip()
        return row["doc_id"], None, ("extraction_error", f"{stage}: {last}")


def _safe_chunk(stage: str, rows: list[dict], seconds: float) -> list[Result]:
    return [_safe(stage, row, seconds) for row in rows]


def _die_with_parent() -> None:
    """Pool worker start: be killed when the process that forked it dies (Linux), so a build killed with kill -9
    leaves no worker behind. The forkserver exits with the build, and its workers with it."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: workers end when their queue closes
        return
    if os.getppid() == 1:
        os._exit(1)


def _pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes forked from a forkserver that has imported the stages once: fast to start (unlike spawn),
    and, unlike fork, sharing no file descriptor with the build (its writer lock, its DuckDB file)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_die_with_parent)


def _pending(con: duckdb.DuckDBPyConnection, spec: StageSpec, shard: Shard | None, order: str) -> pl.DataFrame:
    """The pending documents (of one shard, or all) as listed by spec.pending_sql, ordered by `order`."""
    where, params = ("WHERE doc_id BETWEEN ? AND ?", list(shard)) if shard else ("", [])
    return con.execute(f"SELECT * FROM ({spec.pending_sql}) {where} ORDER BY {order}", params).pl()


def _chunks(con: duckdb.DuckDBPyConnection, spec: StageSpec, shard: Shard | None) -> Iterator[list[dict]]:
    """Pending rows (of one shard, or all) CHUNK documents at a time, read when needed: only the small columns of the
    pending list are held, never every text at once (100k raw documents would hold about 1 GB more).

    The list is computed once and cut in the table's physical order (rowid), so a chunk reads only the row groups
    holding its rows. Selecting each chunk by a doc_id range through the pending query did not scale: doc_ids are
    hashes stored in arrival order, so every range touched every row group, and each chunk re-ran the joins with
    stage_done and document_sources over the whole warehouse (quadratic). Should rows have moved since the list was
    read (a checkpoint compacts deleted rows), a chunk is read again by doc_id alone."""
    pending = _pending(con, spec, shard, "row_at")
    # the chunk's ids as a registered frame: a Python list parameter costs DuckDB failed imports per element
    read = f"SELECT * FROM internal.{spec.table} WHERE doc_id IN (SELECT doc_id FROM _chunk_ids)"
    for part in pending.iter_slices(CHUNK):
        con.register("_chunk_ids", part.select("doc_id"))
        try:
            rows = con.execute(f"{read} AND rowid BETWEEN ? AND ?", [part["row_at"][0], part["row_at"][-1]]).pl()
            if rows.height < part.height:
                rows = con.execute(read).pl()
        finally:
            con.unregister("_chunk_ids")
        yield rows.join(part.drop("row_at"), on="doc_id").sort("doc_id").to_dicts()


def _in_order(pool: ProcessPoolExecutor, stage: str, chunks: Iterator[list[dict]], ahead: int,
              seconds: float) -> Iterator[list]:
    """pool.map(_safe_chunk, chunks) with at most `ahead` chunks in flight (map would read every chunk first)."""
    queue: deque[Future] = deque()
    for chunk in chunks:
        queue.append(pool.submit(_safe_chunk, stage, chunk, seconds))
        if len(queue) >= ahead:
            yield queue.popleft().result()
    while queue:
        yield queue.popleft().result()


def _computed(con: duckdb.DuckDBPyConnection, stage: str, shard: Shard | None, workers: int) -> Iterator[list[Result]]:
    """Each chunk's results in doc_id order, computed in `workers` processes when more than one."""
    chunks = _chunks(con, STAGES[stage], shard)
    seconds = document_seconds()
    if workers <= 1:
        yield from (_safe_chunk(stage, chunk, seconds) for chunk in chunks)
        return
    with _pool(workers) as pool:
        yield from _in_order(pool, stage, chunks, 2 * workers, seconds)


def pending_count(con: duckdb.DuckDBPyConnection, stage: str) -> int:
    return con.execute(f"SELECT count(*) FROM ({STAGES[stage].pending_sql})").fetchone()[0]


def plan_shards(con: duckdb.DuckDBPyConnection, stage: str, n: int) -> list[Shard]:
    """The pending documents of `stage` cut into at most `n` doc_id ranges of nearly equal size, in order:
    each range can be computed by a separate process that only reads (compute_shard)."""
    ids = _pending(con, STAGES[stage], None, "doc_id")["doc_id"].to_list()
    if not ids:
        return []
    size = -(-len(ids) // max(n, 1))
    return [(ids[i], ids[min(i + size, len(ids)) - 1]) for i in range(0, len(ids), size)]


def compute_shard(con: duckdb.DuckDBPyConnection, stage: str, shard: Shard, workers: int = 1) -> list[Result]:
    """Run `stage` on the pending documents of one shard without writing (so `con` may be read-only)."""
    return [result for chunk in _computed(con, stage, shard, workers) for result in chunk]


def run_stage(con: duckdb.DuckDBPyConnection, stage: str, now: datetime, workers: int = 1,
              progress: Progress | None = None) -> dict[str, int]:
    """Process every pending document of `stage` in one process (chunk by chunk, each chunk written before the next
    is read); returns counts of documents, rows and errors."""
    total = pending_count(con, stage)
    counts = {"documents": 0, "errors": 0}
    if total == 0:
        return counts
    for chunk in _computed(con, stage, None, workers):
        add_counts(counts, write_results(con, stage, chunk, now))
        if progress:
            progress(counts["documents"], total)
    return counts


def add_counts(total: dict[str, int], counts: dict[str, int]) -> dict[str, int]:
    """Add one write's counts (write_results) into a running total; returns the total."""
    for key, value in counts.items():
        total[key] = total.get(key, 0) + value
    return total


def write_results(con: duckdb.DuckDBPyConnection, stage: str, results: list[Result], now: datetime) -> dict[str, int]:
    """Write computed results in one transaction: their rows, a `stage_done` mark per document, and quarantine for
    documents whose computation failed. Returns counts of documents, rows per table and errors."""
    rows: dict[str, list[dict]] = {}
    done, failed = [], []
    for doc_id, tables, failure in results:
        if failure is not None:
            failed.append((doc_id, failure))
            continue
        done.append(doc_id)
        for table, table_rows in tables.items():
            rows.setdefault(table, []).extend(table_rows)
    marks = rows.pop("stage_done", [])
    with transaction(con):
        for table, table_rows in rows.items():
            write_frame(con, table, pl.DataFrame(table_rows, schema=TABLE_SCHEMAS[table], orient="row"))
        marks += [{"doc_id": doc_id, "stage": stage} for doc_id in done]
        write_frame(con, "stage_done", pl.DataFrame(marks, schema=TABLE_SCHEMAS["stage_done"], orient="row"))
        for doc_id, failure in failed:
            _quarantine_document(con, doc_id, failure, now)
    return {"documents": len(results), "errors": len(failed), **{table: len(r) for table, r in rows.items()}}


def _quarantine_document(con: duckdb.DuckDBPyConnection, doc_id: str, failure: Failure, now: datetime) -> None:
    """Move every source of a document that crashed a stage (or ran out of time) to quarantine, and drop it."""
    # delete then insert, not INSERT OR REPLACE: DuckLake tables (etl/lake.py) have no primary key
    con.execute("DELETE FROM internal.quarantine WHERE source_path IN "
                "(SELECT source_path FROM internal.document_sources WHERE doc_id = ?)", [doc_id])
    con.execute("""
        INSERT INTO internal.quarantine
        SELECT source_path, input_file, ?, ?, ? FROM internal.document_sources WHERE doc_id = ?
    """, [failure[0], failure[1][:2000], now, doc_id])
    con.execute("DELETE FROM internal.document_sources WHERE doc_id = ?", [doc_id])
    remove_orphans(con)

