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
import socket
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

import sql
from etl import vocabularies
from etl.lake import TABLES_SCRIPT, Lake, load_extensions, load_from_wheel, read_front, sql_literal
from etl.migrate import move_main_tables

if TYPE_CHECKING:
    import polars as pl

STAGING_SUFFIX = "_staging"
# DuckDB with file access off: only the database file itself, its WAL and spill files (see connect)
NO_FILE_ACCESS = {"enable_external_access": False}


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection with the schema applied (read-write) or as published (read-only). DuckDB's file access is off
    (the file itself, its WAL and spill files excepted): a warehouse someone sent runs nothing of its own that could
    read or write other files."""
    con = duckdb.connect(str(path), read_only=read_only, config=NO_FILE_ACCESS)
    if not read_only:
        apply_schema(con)
    return con


def read_only(path: Path | str, writable_dirs: tuple[Path, ...] = (),
              extensions: tuple[str, ...] = ()) -> duckdb.DuckDBPyConnection:
    """A read-only connection to a published warehouse, with DuckDB's file access off before anything stored in the
    file runs: queries (and the file's own views) can read or write no file but the lake's (a front file's lake is
    attached at its published snapshot) and those under `writable_dirs` (an export's folder). `extensions` (fts for
    search) and the lake's are loaded from their wheels first; the file names which lake, never what SQL runs."""
    with duckdb.connect(str(path), read_only=True, config=NO_FILE_ACCESS) as peek:
        front = read_front(peek)
    con = duckdb.connect(str(path), read_only=True)
    try:
        for name in extensions:
            load_from_wheel(con, name)
        allowed = [str(Path(d).resolve()) + "/" for d in writable_dirs]
        if front is not None:
            lake, snapshot = front
            load_extensions(con, lake.extensions)
            allowed.append(lake.data_path)
            if lake.catalog.startswith("sqlite:"):
                con.execute(f"SET allowed_paths = [{sql_literal(lake.catalog.removeprefix('sqlite:'))}]")
        if allowed:
            con.execute(f"SET allowed_directories = [{', '.join(map(sql_literal, allowed))}]")
        server = front is not None and lake.catalog.startswith("postgres:")
        if server:  # a catalog server, not a file: DuckDB refuses to attach one once access is off
            con.execute(lake.attach_sql(snapshot))
        con.execute("SET enable_external_access = false")
        if front is not None and not server:
            con.execute(lake.attach_sql(snapshot))
    except BaseException:
        con.close()
        raise
    return con


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Run every sql/*.sql file in order; all are idempotent (IF NOT EXISTS / OR REPLACE). A warehouse written
    before the tables moved to `internal` has them moved right after they are created there."""
    for name, text in sql.scripts():
        con.execute(vocabularies.expand(text))
        if name == TABLES_SCRIPT:
            move_main_tables(con)


def staging_path(published: Path) -> Path:
    return published.with_name(published.stem + STAGING_SUFFIX + published.suffix)


def lock_path(published: Path) -> Path:
    return published.with_name(published.stem + ".lock")


def own_files(published: Path) -> frozenset[Path]:
    """The files a warehouse keeps beside itself (the file, its staging copy, their WAL files, the lock), absolute
    with folders resolved like input keys: never inputs, even when the warehouse lies inside the folder being built."""
    published = Path(os.path.abspath(published))
    files = [published, staging_path(published)]
    files += [f.with_name(f.name + ".wal") for f in files] + [lock_path(published)]
    return frozenset(Path(os.path.abspath(f.parent)).resolve() / f.name for f in files)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextmanager
def build_lock(published: Path, waiting: Callable[[str], None] = _say) -> Iterator[None]:
    """One writer per warehouse at a time: CLI builds and every Dagster run that writes (orchestration/jobs.py) take
    this lock for their whole run; readers are never locked out. A writer that must wait calls `waiting` with what
    it waits for and who holds it.

    The lock is an flock on `<name>.lock` through a file descriptor no child inherits (close-on-exec, and worker
    pools start by forkserver: etl/document_stages.py), so the kernel releases it when its holder dies, `kill -9`
    and the OOM killer included, and the next writer proceeds."""
    path = lock_path(published)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
            waiting(f"waiting for {path} held by {holder} (another build or Dagster run writing this warehouse)")
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} on {socket.gethostname()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the only descriptor releases the flock


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
    connect(staging).close()
    return staging


def connect_staging(published: Path, lake: Lake | None = None) -> duckdb.DuckDBPyConnection:
    """The connection a run's stages write through: the staging file, or the lake's latest snapshot.
    start_staging applied the schema once; applying it again on each connection cost about 1 s per stage."""
    if lake is not None:
        return lake.connect_writer()
    return duckdb.connect(str(staging_path(published)), config=NO_FILE_ACCESS)


def publish(published: Path, lake: Lake | None = None) -> None:
    """Index the staging file for search, checkpoint it, and move it over the published one atomically.
    With a lake the staging file first becomes the front file pinned at the lake's latest snapshot."""
    from etl import search  # polars: only writers pay for it, not read-only commands

    staging = staging_path(published)
    with duckdb.connect(str(staging)) as con:
        search.load_fts(con)
        if lake is not None:
            lake.write_front(con)
        else:
            con.execute("SET enable_external_access = false")
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
