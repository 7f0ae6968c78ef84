"""Ingest stage: new or changed input files -> document_sources, raw_documents, quarantine.

A file is known by its source_path and fingerprinted by (size, mtime_ns): unchanged files are not
read again, so a re-run with nothing new is cheap and changes nothing. When a known file changes,
its rows are replaced; documents left without any source are removed with everything derived.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl

from etl.ids import doc_id
from etl.ingest import InputFile, discover, read_input
from etl.migrate import input_files_table
from etl.model import Quarantined, RawRecord
from etl.store import transaction, write_frame

SCAN_SCHEMA = {"input_file": pl.String, "size_bytes": pl.Int64, "mtime_ns": pl.Int64}
DERIVED_TABLES = ("doc_store", "doc_blocks", "doc_removed_lines", "doc_sketches", "claim_store",
                  "event_store", "place_store", "stage_done", "raw_documents")


@dataclass(frozen=True)
class Scan:
    """Files found under the inputs, with fingerprints, and entries refused before reading."""

    files: dict[str, InputFile]
    fingerprints: pl.DataFrame
    refused: list[Quarantined]


@dataclass(frozen=True)
class IngestSummary:
    files_seen: int
    files_changed: int
    sources: int
    new_documents: int
    quarantined: int


def scan(roots: list[Path]) -> Scan:
    """Discover every input under `roots` and fingerprint it without reading its content."""
    files: dict[str, InputFile] = {}
    refused: list[Quarantined] = []
    rows = []
    for root in roots:
        if not root.exists():
            raise FileNotFoundError(f"input path does not exist: {root}")
        for item in discover(root):
            if isinstance(item, Quarantined):
                refused.append(item)
                continue
            stat = item.path.stat()
            files[item.source_path] = item
            rows.append((item.source_path, stat.st_size, stat.st_mtime_ns))
    fingerprints = pl.DataFrame(rows, schema=SCAN_SCHEMA, orient="row").unique("input_file", keep="last")
    return Scan(files, fingerprints, refused)


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def changed_files(con: duckdb.DuckDBPyConnection | None, found: Scan) -> list[str]:
    """Input files that are new or whose content changed since the last ingest (all if no warehouse).

    (size, mtime) picks candidates without reading anything; a candidate whose content hash equals
    the stored one (touched, or re-delivered unchanged) is not new.
    """
    if con is None:
        return sorted(set(found.fingerprints["input_file"]) | {q.source_path for q in found.refused})
    known = con.sql(f"SELECT input_file, size_bytes, mtime_ns, sha256 FROM {input_files_table(con)}").pl()
    fresh = found.fingerprints.join(known.drop("sha256"), on=["input_file", "size_bytes", "mtime_ns"], how="anti")
    stored = dict(known.select("input_file", "sha256").iter_rows())
    content_changed = [name for name in fresh["input_file"]
                       if name not in stored or file_sha256(found.files[name].path) != stored[name]]
    refused_known = {r[0] for r in con.execute("SELECT source_path FROM quarantine").fetchall()}
    refused_new = [q.source_path for q in found.refused if q.source_path not in refused_known]
    return sorted(set(content_changed) | set(refused_new))


def _read(found: Scan, changed: list[str]) -> tuple[list[RawRecord], list[Quarantined]]:
    records: list[RawRecord] = []
    quarantined = [q for q in found.refused if q.source_path in set(changed)]
    for name in changed:
        if name not in found.files:
            continue
        for item in read_input(found.files[name]):
            (quarantined if isinstance(item, Quarantined) else records).append(item)
    return records, quarantined


def _input_file(source_path: str) -> str:
    return source_path.split("#", 1)[0]


def ingest(con: duckdb.DuckDBPyConnection, found: Scan, changed: list[str], now: datetime) -> IngestSummary:
    """Read the changed files and replace their rows, in one transaction."""
    records, quarantined = _read(found, changed)
    sources = pl.DataFrame(
        {"source_path": [r.source_path for r in records], "input_file": [_input_file(r.source_path) for r in records],
         "doc_id": [doc_id(r.text) for r in records], "ingested_at": [now] * len(records)},
        schema={"source_path": pl.String, "input_file": pl.String, "doc_id": pl.String, "ingested_at": pl.Datetime},
    )
    raw = pl.DataFrame(
        {"doc_id": sources["doc_id"], "source_path": sources["source_path"], "fmt": [r.fmt for r in records],
         "raw_text": [r.text for r in records], "field_title": [r.title for r in records],
         "field_published": [r.published for r in records], "field_publisher": [r.publisher for r in records]},
        schema={"doc_id": pl.String, "source_path": pl.String, "fmt": pl.String, "raw_text": pl.String,
                "field_title": pl.String, "field_published": pl.String, "field_publisher": pl.String},
    ).sort("source_path").unique("doc_id", keep="first").drop("source_path")
    refused = pl.DataFrame(
        {"source_path": [q.source_path for q in quarantined],
         "input_file": [_input_file(q.source_path) for q in quarantined],
         "reason": [q.reason for q in quarantined], "detail": [q.detail[:2000] for q in quarantined],
         "seen_at": [now] * len(quarantined)},
        schema={"source_path": pl.String, "input_file": pl.String, "reason": pl.String, "detail": pl.String,
                "seen_at": pl.Datetime},
    )
    fingerprints = found.fingerprints.filter(pl.col("input_file").is_in(changed)).with_columns(
        sha256=pl.col("input_file").map_elements(lambda name: file_sha256(found.files[name].path),
                                                 return_dtype=pl.String),
        seen_at=pl.lit(now))
    with transaction(con):
        new_docs = _replace_rows(con, changed, sources, raw, refused, fingerprints)
    return IngestSummary(len(found.files) + len(found.refused), len(changed), len(records), new_docs, len(quarantined))


def _replace_rows(con: duckdb.DuckDBPyConnection, changed: list[str], sources: pl.DataFrame, raw: pl.DataFrame,
                  refused: pl.DataFrame, fingerprints: pl.DataFrame) -> int:
    """Swap the changed files' rows; keep first-seen timestamps of rows that did not change."""
    con.register("changed", pl.DataFrame({"input_file": changed}, schema={"input_file": pl.String}))
    con.register("new_sources", sources)
    con.register("new_refused", refused)
    con.execute("""
        CREATE OR REPLACE TEMP TABLE keep_sources AS
        SELECT n.source_path, n.input_file, n.doc_id, coalesce(o.ingested_at, n.ingested_at) AS ingested_at
        FROM new_sources n LEFT JOIN internal.document_sources o USING (source_path, doc_id);
        CREATE OR REPLACE TEMP TABLE keep_refused AS
        SELECT n.source_path, n.input_file, n.reason, n.detail, coalesce(o.seen_at, n.seen_at) AS seen_at
        FROM new_refused n LEFT JOIN internal.quarantine o USING (source_path, reason);
        DELETE FROM internal.document_sources WHERE input_file IN (SELECT input_file FROM changed);
        DELETE FROM internal.quarantine WHERE input_file IN (SELECT input_file FROM changed);
        INSERT INTO internal.document_sources SELECT * FROM keep_sources;
        INSERT INTO internal.quarantine SELECT * FROM keep_refused;
    """)
    before = con.execute("SELECT count(*) FROM internal.raw_documents").fetchone()[0]
    con.register("new_raw", raw)
    con.execute("INSERT INTO internal.raw_documents SELECT * FROM new_raw n "
                "WHERE NOT EXISTS (SELECT 1 FROM internal.raw_documents r WHERE r.doc_id = n.doc_id)")
    new_docs = con.execute("SELECT count(*) FROM internal.raw_documents").fetchone()[0] - before
    con.execute("DELETE FROM internal.input_files WHERE input_file IN (SELECT input_file FROM changed)")
    write_frame(con, "input_files", fingerprints)
    remove_orphans(con)
    for name in ("changed", "new_sources", "new_refused", "new_raw"):
        con.unregister(name)
    return new_docs


def remove_orphans(con: duckdb.DuckDBPyConnection) -> None:
    """Delete every document (and all derived rows) that no input produces any more."""
    con.execute("""
        CREATE OR REPLACE TEMP TABLE orphans AS
        SELECT doc_id FROM internal.raw_documents WHERE doc_id NOT IN (SELECT doc_id FROM internal.document_sources)
    """)
    for table in DERIVED_TABLES:
        con.execute(f"DELETE FROM internal.{table} WHERE doc_id IN (SELECT doc_id FROM orphans)")
