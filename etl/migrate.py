"""Upgrades of warehouses written by older versions, run when the schema is applied (file or lake).

Pipeline tables used to sit in `main` beside the analyst views; they now live in `internal`, so a BI tool
browsing `main` lists exactly the contract. DuckDB cannot move a table to another schema (no ALTER TABLE
... SET SCHEMA), so each old table's rows are copied into its new namesake and the old table is dropped.
"""

from __future__ import annotations

import duckdb

import sql

OLD_TABLES_SQL = """
SELECT t.table_name FROM duckdb_tables() t
WHERE t.database_name = $1 AND t.schema_name = 'main'
  AND EXISTS (SELECT 1 FROM duckdb_tables() i
              WHERE i.database_name = t.database_name AND i.schema_name = 'internal' AND i.table_name = t.table_name)
"""


def input_files_table(con: duckdb.DuckDBPyConnection) -> str:
    """Where a published warehouse keeps its input fingerprints: `internal.input_files`, or `main.input_files` in
    a file not yet moved (the sensor and a build read it before any run has upgraded the file)."""
    found = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_catalog = current_database() "
                        "AND table_schema = 'internal' AND table_name = 'input_files'").fetchone()[0]
    return "internal.input_files" if found else "main.input_files"


def move_main_tables(con: duckdb.DuckDBPyConnection, catalog: str | None = None) -> list[str]:
    """Move every pipeline table still in `catalog`.main (default: the connection's database) into `internal`,
    in one transaction, and drop an old search index; returns the tables moved (none on a current warehouse)."""
    catalog = catalog or con.execute("SELECT current_database()").fetchone()[0]
    moved = [t for t, in con.execute(OLD_TABLES_SQL, [catalog]).fetchall()]
    con.begin()
    try:
        for table in moved:
            con.execute(f'INSERT INTO "{catalog}".internal."{table}" BY NAME SELECT * FROM "{catalog}".main."{table}"')
            con.execute(f'DROP TABLE "{catalog}".main."{table}"')
        con.execute(sql.stage_script("migrate", "drop_main_search_index"))
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return moved
