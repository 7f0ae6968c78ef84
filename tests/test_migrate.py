"""A warehouse written before the pipeline tables moved from `main` to `internal` is read, then upgraded."""

from __future__ import annotations

import shutil

import duckdb

from etl import store
from etl.ingest import sample_corpus
from etl.ingest_stage import changed_files, scan
from tests.test_pipeline import snapshot


def old_layout(warehouse) -> None:
    """Put `warehouse` back in the earlier layout: every pipeline table in `main` (document_sources and
    quarantine tables, not views), no `internal` schema, no search index."""
    with duckdb.connect(str(warehouse)) as con:
        tables = [t for t, in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'internal' AND table_name NOT LIKE 'search_%'"
        ).fetchall()]
        con.execute("DROP VIEW document_sources; DROP VIEW quarantine")
        for table in tables:
            con.execute(f"CREATE TABLE main.{table} AS SELECT * FROM internal.{table}")
        con.execute("DROP SCHEMA fts_internal_search_documents CASCADE; DROP SCHEMA fts_internal_search_quotes CASCADE;"
                    "DROP SCHEMA internal CASCADE")


def test_an_old_warehouse_is_read_then_its_tables_move_to_internal(sample_warehouse, tmp_path):
    old = tmp_path / "old.duckdb"
    shutil.copyfile(sample_warehouse, old)
    old_layout(old)
    with duckdb.connect(str(old), read_only=True) as con:  # what a build or the sensor reads first
        assert changed_files(con, scan([sample_corpus()])) == []
    store.connect(old).close()  # what a run's staging copy goes through
    with duckdb.connect(str(old), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main'").fetchone() == (0,)
        kinds = dict(con.execute("SELECT table_name, table_type FROM information_schema.tables "
                                 "WHERE table_schema = 'main' AND table_name IN ('document_sources', 'quarantine')"
                                 ).fetchall())
    assert kinds == {"document_sources": "VIEW", "quarantine": "VIEW"}
    assert snapshot(old) == snapshot(sample_warehouse)
