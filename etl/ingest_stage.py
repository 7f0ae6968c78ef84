"""Ingest stage: new or changed input files -> document_sources, raw_documents, quarantine.

An input is known by its key (etl.ingest.input_key: its absolute path), so two folders' `report.txt` are two
inputs, and shown by its source_path, a display name unique in the warehouse (display_names). It is fingerprinted
by (size, mtime_ns) and the hash of the bytes last read: unchanged files are not read again, so a re-run with
nothing new is cheap and changes nothing; `rescan` hashes every file instead (an edit that kept size and mtime).
When a known file changes, its rows are replaced; documents left without any source are removed with everything
derived.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl

from etl.ids import doc_id
from etl.ingest import InputFile, ReadResult, discover, display_name, printable, read_file
from etl.migrate import input_files_table
from etl.model import Quarantined, RawRecord
from etl.store import transaction, write_frame

SCAN_SCHEMA = {"input_file": pl.String, "size_bytes": pl.Int64, "mtime_ns": pl.Int64}
DERIVED_TABLES = ("doc_store", "doc_blocks", "doc_removed_lines", "doc_sketches", "claim_store",
                  "event_store", "place_store", "stage_done", "raw_documents")
# The file-level display name of every input the warehouse knows (refused entries have no input_files row;
# before keys were absolute paths, a warehouse's input_file was the display name itself).
STORED_NAMES_SQL = """
SELECT input_file, coalesce(source_path, input_file) FROM internal.input_files
UNION ALL
SELECT DISTINCT input_file, source_path FROM internal.quarantine
WHERE input_file NOT IN (SELECT input_file FROM internal.input_files)
"""


@dataclass(frozen=True)
class Scan:
    """Files found under the inputs (by key), with fingerprints, entries refused before reading, and the name of
    the PATH argument each was found under."""

    files: dict[str, InputFile]
    fingerprints: pl.DataFrame
    refused: list[Quarantined]
    root_names: dict[str, str]


@dataclass(frozen=True)
class IngestSummary:
    files_seen: int
    files_changed: int
    sources: int
    new_documents: int
    quarantined: int


def scan(roots: list[Path], exclude: frozenset[Path] = frozenset()) -> Scan:
    """Discover every input under `roots` (but `exclude`) and fingerprint it without reading its content."""
    files: dict[str, InputFile] = {}
    refused: dict[str, Quarantined] = {}
    root_names: dict[str, str] = {}
    rows = []
    for root in roots:
        if not root.exists() and not root.is_symlink():
            raise FileNotFoundError(f"input path does not exist: {root}")
        folder = Path(os.path.abspath(root if root.is_dir() else root.parent))  # a file's PATH: its folder's name
        for item in discover(root, exclude):
            key = item.input_file if isinstance(item, Quarantined) else item.key
            root_names[key] = printable(folder.name)
            if isinstance(item, Quarantined):
                refused[key] = item
                continue
            try:
                stat = item.path.stat()
            except OSError as err:  # vanished, or unreadable, since it was listed
                refused[key] = Quarantined(item.source_path, "unreadable", printable(str(err)), key)
                continue
            files[key] = item
            rows.append((key, stat.st_size, stat.st_mtime_ns))
    fingerprints = pl.DataFrame(rows, schema=SCAN_SCHEMA, orient="row").unique("input_file", keep="last")
    return Scan(files, fingerprints, list(refused.values()), root_names)


def file_sha256(path: Path) -> str:
    """The content hash of a file, streamed (constant memory); empty when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return ""


def changed_files(con: duckdb.DuckDBPyConnection | None, found: Scan, rescan: bool = False) -> list[str]:
    """Keys of the inputs that are new or whose content changed since the last ingest (all if no warehouse).

    (size, mtime) picks candidates without reading anything (every file with `rescan`); a candidate whose content
    hash equals the stored one (touched, or re-delivered unchanged) is not new.
    """
    if con is None:
        return sorted(set(found.files) | {q.input_file for q in found.refused})
    known = con.sql(f"SELECT input_file, size_bytes, mtime_ns, sha256 FROM {input_files_table(con)}").pl()
    candidates = found.fingerprints if rescan else found.fingerprints.join(
        known.drop("sha256"), on=["input_file", "size_bytes", "mtime_ns"], how="anti")
    stored = dict(known.select("input_file", "sha256").iter_rows())
    content_changed = [key for key in candidates["input_file"]
                       if key not in stored or not stored[key] or file_sha256(found.files[key].path) != stored[key]]
    refused_known = {r[0] for r in con.execute("SELECT input_file FROM quarantine").fetchall()}
    refused_new = [q.input_file for q in found.refused if q.input_file not in refused_known]
    return sorted(set(content_changed) | set(refused_new))


def display_names(con: duckdb.DuckDBPyConnection | None, found: Scan) -> tuple[dict[str, str], list[str]]:
    """source_path of every input found, and the legacy keys whose rows the inputs taking their names replace.

    A known input keeps its name. A new one is named relative to its PATH argument, prefixed by that argument's
    name when another input (known, or new in this scan) wants the same name, and named by its key if even that
    is taken: names never collide, so no input replaces another. A name held by a legacy key (a warehouse built when
    keys were display names) is taken over by the new input at that name.
    """
    stored = dict(con.execute(STORED_NAMES_SQL).fetchall()) if con is not None else {}
    wanted = {key: item.source_path for key, item in found.files.items()}
    wanted.update({q.input_file: q.source_path for q in found.refused})
    names = {key: stored[key] for key in wanted if key in stored}
    owners = {name: key for key, name in stored.items()}
    fresh = sorted(key for key in wanted if key not in stored)
    demand = Counter(wanted[key] for key in fresh)
    replaced = []
    for key in fresh:
        name, owner = wanted[key], owners.get(wanted[key])
        if owner is not None and not owner.startswith("/"):
            replaced.append(owner)
            del owners[name]
            owner = None
        if owner is not None or demand[name] > 1:
            name = f"{found.root_names[key]}/{name}"
        if name in owners:
            name = display_name(key)
        names[key] = name
        owners[name] = key
    return names, replaced


def _read(found: Scan, changed: list[str], names: dict[str, str]
          ) -> tuple[list[tuple[str, RawRecord]], list[tuple[str, Quarantined]], list[tuple]]:
    """Read each changed input once: (key, record) and (key, quarantine entry) pairs, and the fingerprint rows
    (key, size, mtime, hash of the bytes read, display name)."""
    records: list[tuple[str, RawRecord]] = []
    wanted = set(changed)
    quarantined = [(q.input_file, replace(q, source_path=names[q.input_file]))
                   for q in found.refused if q.input_file in wanted]
    prints = []
    scanned = {row[0]: row[1:] for row in found.fingerprints.iter_rows()}
    for key in changed:
        if key not in found.files:
            continue
        result: ReadResult = read_file(replace(found.files[key], source_path=names[key]))
        for item in result.items:
            (quarantined if isinstance(item, Quarantined) else records).append((key, item))
        size, mtime = (result.size_bytes, result.mtime_ns) if result.size_bytes >= 0 else scanned[key]
        prints.append((key, size, mtime, result.sha256, names[key]))
    return records, quarantined, prints


def ingest(con: duckdb.DuckDBPyConnection, found: Scan, changed: list[str], now: datetime) -> IngestSummary:
    """Read the changed files and replace their rows, in one transaction."""
    names, replaced = display_names(con, found)
    pairs, refused_pairs, prints = _read(found, changed, names)
    records = [r for _, r in pairs]
    sources = pl.DataFrame(
        {"source_path": [r.source_path for r in records], "input_file": [key for key, _ in pairs],
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
        {"source_path": [q.source_path for _, q in refused_pairs], "input_file": [key for key, _ in refused_pairs],
         "reason": [q.reason for _, q in refused_pairs],
         "detail": [printable(q.detail)[:2000] for _, q in refused_pairs], "seen_at": [now] * len(refused_pairs)},
        schema={"source_path": pl.String, "input_file": pl.String, "reason": pl.String, "detail": pl.String,
                "seen_at": pl.Datetime},
    )
    fingerprints = pl.DataFrame(prints, schema={**SCAN_SCHEMA, "sha256": pl.String, "source_path": pl.String},
                                orient="row").with_columns(seen_at=pl.lit(now))
    with transaction(con):
        new_docs = _replace_rows(con, sorted({*changed, *replaced}), sources, raw, refused, fingerprints)
    return IngestSummary(len(found.files) + len(found.refused), len(changed), len(records), new_docs,
                         len(refused_pairs))


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
