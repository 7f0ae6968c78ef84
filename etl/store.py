"""The DuckDB side of the pipeline: schema, writes per stage, and atomic publication.

Writers work on a private staging copy of the warehouse and publish it with os.replace, so readers
holding the published file never block a run and never see a half-written state (STACK-NOTES).
Every write is a delete-then-insert keyed on content ids inside one transaction: re-running a stage
on the same input changes nothing, and a crash leaves either the old or the new rows.

With a lake (etl/lake.py, DuckLake mode) writers commit straight into the lake's tables, each
transaction an atomic snapshot, and the staging file is the next front file: created empty when a run
starts writing (so "this run has work" means the same in both modes), filled with the views and
search index at publication, pinned at the lake's latest snapshot, then moved over the published path.
Readers of the published front file keep seeing the snapshot it pins until the next publication.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

import sql
from etl.lake import TABLES_SCRIPT, Lake, attach_front, sql_literal
from etl.migrate import move_main_tables

if TYPE_CHECKING:
    import polars as pl

STAGING_SUFFIX = "_staging"


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection with the schema applied (read-write) or as published (read-only)."""
    con = duckdb.connect(str(path), read_only=read_only)
    if not read_only:
        apply_schema(con)
    return con


def read_only(path: Path | str, external_access: bool = True) -> duckdb.DuckDBPyConnection:
    """A read-only connection to a published warehouse; a front file's lake is attached at its published snapshot.
    external_access=False then forbids reading or writing any file outside the lake's data path."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        lake = attach_front(con)
        if not external_access:
            if lake is not None:
                con.execute(f"SET allowed_directories = [{sql_literal(lake.data_path)}]")
            con.execute("SET enable_external_access = false")
    except BaseException:
        con.close()
        raise
    return con


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Run every sql/*.sql file in order; all are idempotent (IF NOT EXISTS / OR REPLACE). A warehouse written
    before the tables moved to `internal` has them moved right after they are created there."""
    for name, text in sql.scripts():
        con.execute(text)
        if name == TABLES_SCRIPT:
            move_main_tables(con)


def staging_path(published: Path) -> Path:
    return published.with_name(published.stem + STAGING_SUFFIX + published.suffix)


@contextmanager
def build_lock(published: Path) -> Iterator[None]:
    """One build per warehouse at a time (other builds wait); readers are never locked out."""
    published.parent.mkdir(parents=True, exist_ok=True)
    with open(published.with_name(published.stem + ".lock"), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def start_staging(published: Path, lake: Lake | None = None) -> Path:
    """A fresh staging copy of the published warehouse (or a new empty one), leftovers discarded.
    With a lake: an empty front file to be, and the lake's tables created if missing."""
    staging = staging_path(published)
    for stale in (staging, staging.with_name(staging.name + ".wal")):
        stale.unlink(missing_ok=True)
    if lake is not None:
        lake.connect_writer().close()
        duckdb.connect(str(staging)).close()
        return staging
    if published.exists():
        shutil.copyfile(published, staging)
    with connect(staging):
        pass
    return staging


def connect_staging(published: Path, lake: Lake | None = None) -> duckdb.DuckDBPyConnection:
    """The connection a run's stages write through: the staging file, or the lake's latest snapshot.
    start_staging applied the schema once; applying it again on each connection cost about 1 s per stage."""
    return lake.connect_writer() if lake is not None else duckdb.connect(str(staging_path(published)))


def publish(published: Path, lake: Lake | None = None) -> None:
    """Index the staging file for search, checkpoint it, and move it over the published one atomically.
    With a lake the staging file first becomes the front file pinned at the lake's latest snapshot."""
    from etl import search  # polars: only writers pay for it, not read-only commands

    staging = staging_path(published)
    with duckdb.connect(str(staging)) as con:
        if lake is not None:
            lake.write_front(con)
        search.build_index(con)
        con.execute("CHECKPOINT")
    with open(staging, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(staging, published)


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """All statements inside commit together or not at all."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def write_frame(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    """Insert a polars frame into the pipeline table internal.`table`, matching columns by name."""
    if frame.is_empty():
        return
    con.register("_frame", frame)
    try:
        columns = ", ".join(f'"{c}"' for c in frame.columns)
        con.execute(f"INSERT INTO internal.{table} ({columns}) SELECT {columns} FROM _frame")
    finally:
        con.unregister("_frame")


def get_state(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    row = con.execute("SELECT value FROM internal.pipeline_state WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def set_state(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    """Delete then insert: DuckLake tables have no primary key for INSERT OR REPLACE."""
    con.execute("DELETE FROM internal.pipeline_state WHERE key = ?", [key])
    con.execute("INSERT INTO internal.pipeline_state VALUES (?, ?)", [key, value])
