"""DuckLake mode: the warehouse's tables live in a lake, its views, macros and search index in a DuckDB front file.

A lake is a catalog database (SQLite locally, PostgreSQL in production) plus a folder or object-store
prefix of Parquet files; several processes and machines may read and write it at once, each write a
snapshot. DuckLake holds tables only, so the analyst API lives in a small DuckDB "front" file at the
published warehouse path: one pass-through view per lake table (`internal.doc_store` ->
`lake.internal.doc_store`), then every view, macro and comment of sql/*.sql unchanged, the search index, and
the table `internal.lake_connection` naming the lake (catalog, data path) and the snapshot published last. A
reader opens the front file read-only and attaches the lake at that snapshot (attach_front) before querying. The
ATTACH statement is always built here from those values, checked, never taken from the file: a file someone sent
must not run its own SQL.

Extensions come from the duckdb-extension-* wheels (no network): INSTALL from the wheel's file, then LOAD.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import duckdb

import sql
from etl import vocabularies
from etl.migrate import move_main_tables

ALIAS = "lake"
FRONT_TABLE = "internal.lake_connection"
TABLES_SCRIPT = "001_tables.sql"
REMOTE_SCHEMES = ("s3://", "gs://", "gcs://", "r2://", "http://", "https://")


def sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def extension_path(name: str) -> Path:
    """The extension binary inside the duckdb-extension-NAME wheel matching the running DuckDB."""
    try:
        package = resources.files(f"duckdb_extension_{name}")
    except ModuleNotFoundError:
        raise ValueError(f"DuckLake mode needs the wheel duckdb-extension-{name}=={duckdb.__version__}") from None
    return Path(str(package)) / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"


def load_extensions(con: duckdb.DuckDBPyConnection, names: list[str]) -> None:
    """LOAD each extension, first INSTALLing it from its wheel when this machine does not have it yet."""
    for name in names:
        installed = con.execute("SELECT count(*) FROM duckdb_extensions() "
                                "WHERE installed AND (extension_name = $1 OR list_contains(aliases, $1))",
                                [name]).fetchone()[0]
        if not installed:
            con.execute(f"INSTALL {sql_literal(str(extension_path(name)))}")
        con.execute(f"LOAD {name}")


def load_from_wheel(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """LOAD an extension straight from its wheel: no INSTALL, so nothing is written to ~/.duckdb."""
    con.execute(f"LOAD {sql_literal(str(extension_path(name)))}")


@dataclass(frozen=True)
class Lake:
    """Where the lake lives: `catalog` is what follows 'ducklake:' in ATTACH (`sqlite:/abs/catalog.sqlite`,
    `postgres:dbname=timeline host=...`), `data_path` the Parquet folder or object-store prefix."""

    catalog: str
    data_path: str

    @classmethod
    def from_settings(cls, catalog: str, data_path: str) -> Lake | None:
        """None (file mode) without a catalog; local paths made absolute so any reader's folder works."""
        if not catalog:
            return None
        if not data_path:
            raise ValueError("TIMELINE_CATALOG is set but TIMELINE_DATA_PATH (the lake's Parquet folder) is not")
        if catalog.startswith("sqlite:"):
            catalog = "sqlite:" + str(Path(catalog.removeprefix("sqlite:")).resolve())
        if not data_path.startswith(REMOTE_SCHEMES):
            data_path = str(Path(data_path).resolve()) + "/"
        return cls(catalog, data_path)

    @property
    def extensions(self) -> list[str]:
        names = ["ducklake"]
        for prefix, name in (("sqlite:", "sqlite"), ("postgres:", "postgres")):
            if self.catalog.startswith(prefix):
                names.append(name)
        if self.data_path.startswith(REMOTE_SCHEMES):
            names.append("httpfs")
        return names

    def attach_sql(self, snapshot: int | None = None) -> str:
        """ATTACH the lake as `lake`: read-write at its latest snapshot, or read-only at `snapshot`."""
        options = [f"DATA_PATH {sql_literal(self.data_path)}"]
        if snapshot is not None:
            options.append(f"SNAPSHOT_VERSION {snapshot}")
        return f"ATTACH {sql_literal('ducklake:' + self.catalog)} AS {ALIAS} ({', '.join(options)})"

    def attach(self, con: duckdb.DuckDBPyConnection, snapshot: int | None = None) -> None:
        load_extensions(con, self.extensions)
        con.execute(self.attach_sql(snapshot))

    def connect_writer(self) -> duckdb.DuckDBPyConnection:
        """An in-memory connection writing the lake's latest snapshot: unqualified names reach the lake's
        tables first, then the analyst views kept in memory, so every stage's SQL runs unchanged."""
        con = duckdb.connect()
        self.attach(con)
        create_tables(con)
        apply_front_schema(con)
        con.execute(f"USE {ALIAS}")
        con.execute(f"SET search_path = '{ALIAS}.main,memory.main'")
        return con

    def write_front(self, con: duckdb.DuckDBPyConnection) -> int:
        """Turn `con`'s database into a front file pinned at the lake's latest snapshot; returns that snapshot.
        The lake stays attached (read-only) so the caller can index it for search."""
        self.attach(con)
        snapshot = con.execute(f"SELECT max(snapshot_id) FROM ducklake_snapshots('{ALIAS}')").fetchone()[0]
        con.execute(f"DETACH {ALIAS}")
        attach_sql = self.attach_sql(snapshot)
        con.execute(attach_sql)
        apply_front_schema(con)
        con.execute(f"""CREATE OR REPLACE TABLE {FRONT_TABLE} AS
                        SELECT $1 AS catalog, $2 AS data_path, $3::BIGINT AS snapshot_id,
                               $4::VARCHAR[] AS extensions, $5 AS attach_sql""",
                    [self.catalog, self.data_path, snapshot, self.extensions, attach_sql])
        return snapshot


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the lake's tables (schema `internal`) from sql/001_tables.sql if missing, and move a lake written
    before they moved out of `main`. DuckLake has no PRIMARY KEY or UNIQUE constraints, so the file is run on a
    scratch database and its columns (types, NOT NULL) copied over."""
    with duckdb.connect() as scratch:
        scratch.execute(dict(sql.scripts())[TABLES_SCRIPT])
        columns = scratch.execute("""
            SELECT table_name, list('"' || column_name || '" ' || data_type || if(is_nullable, '', ' NOT NULL')
                                    ORDER BY column_index)
            FROM duckdb_columns() WHERE database_name = 'memory' GROUP BY table_name ORDER BY table_name
        """).fetchall()
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {ALIAS}.internal")
    for table, definitions in columns:
        con.execute(f'CREATE TABLE IF NOT EXISTS {ALIAS}.internal."{table}" ({", ".join(definitions)})')
    move_main_tables(con, ALIAS)


def apply_front_schema(con: duckdb.DuckDBPyConnection) -> None:
    """In `con`'s default database: a view `internal.T` per lake table, then every view, macro and comment of
    sql/*.sql."""
    con.execute("CREATE SCHEMA IF NOT EXISTS internal")
    tables = con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = ? AND schema_name = 'internal' "
                         "ORDER BY 1", [ALIAS])
    for (table,) in tables.fetchall():
        con.execute(f'CREATE OR REPLACE VIEW internal."{table}" AS SELECT * FROM {ALIAS}.internal."{table}"')
    for name, text in sql.scripts():
        if name != TABLES_SCRIPT:
            con.execute(vocabularies.expand(text))


def read_front(con: duckdb.DuckDBPyConnection) -> tuple[Lake, int] | None:
    """The lake and published snapshot a front file names, checked (a known catalog kind, an integer snapshot);
    None for a file-mode warehouse (no `internal.lake_connection` base table, nor `main.lake_connection` in a front
    file written before the tables moved to `internal`). Reads values only: nothing stored runs."""
    found = con.execute("SELECT min(schema_name) FROM duckdb_tables() WHERE database_name = current_database() "
                        "AND schema_name IN ('internal', 'main') AND table_name = 'lake_connection'").fetchone()[0]
    if found is None:
        return None
    catalog, data_path, snapshot = con.execute(
        f"SELECT catalog::VARCHAR, data_path::VARCHAR, snapshot_id::BIGINT FROM {found}.lake_connection").fetchone()
    if not (catalog or "").startswith(("sqlite:", "postgres:")) or not data_path or snapshot is None:
        raise ValueError(f"lake_connection names no usable lake (catalog {catalog!r}, data path {data_path!r})")
    return Lake(catalog, data_path), snapshot


def attach_front(con: duckdb.DuckDBPyConnection) -> Lake | None:
    """On a (read-only) connection to a front file, attach its lake at the published snapshot and return
    it; None, doing nothing, for a file-mode warehouse (read_front)."""
    front = read_front(con)
    if front is None:
        return None
    lake, snapshot = front
    lake.attach(con, snapshot)
    return lake
