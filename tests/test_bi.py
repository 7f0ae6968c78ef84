"""BI access the way Superset connects (SQLAlchemy + duckdb-engine, read-only), and reading during a build."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest
import sqlalchemy as sa

from etl import dictionary

REPO = Path(__file__).resolve().parents[1]
CONTRACT_VIEWS = ["documents", "document_sources", "claim_mentions", "observations", "event_mentions", "events",
                  "metric_timeline", "control_timeline", "displacement_timeline", "casualty_timeline", "quarantine"]
NEW_ARTICLE = """Thousands flee Tal Afar as offensive nears

Published November 30, 2016

About 3,000 people have fled Tal Afar since Monday, officials said on Wednesday.
"""


def bi_engine(warehouse: Path) -> sa.engine.Engine:
    return sa.create_engine(f"duckdb:///{warehouse.resolve()}", connect_args={"read_only": True})


def test_bi_inspector_lists_every_view_and_reads_it(sample_warehouse):
    with duckdb.connect(str(sample_warehouse), read_only=True) as con:
        surfaces = dictionary.surfaces(con)["name"].to_list()
        expected = {n: [c for c, in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = ? "
            "ORDER BY column_index", [n]).fetchall()]
            for n in surfaces}
    engine = bi_engine(sample_warehouse)
    try:
        inspector = sa.inspect(engine)
        assert set(CONTRACT_VIEWS) <= set(surfaces)
        assert set(surfaces) <= set(inspector.get_view_names()) | set(inspector.get_table_names())
        with engine.connect() as conn:
            for name in surfaces:
                assert [c["name"] for c in inspector.get_columns(name)] == expected[name], name
                conn.execute(sa.text(f'SELECT * FROM "{name}"')).fetchall()
            assert conn.execute(sa.text("SELECT count(*) FROM documents")).scalar() == 14
    finally:
        engine.dispose()


def documented_names() -> tuple[set[str], set[str]]:
    """(views, table macros) that README.md's "Views (the analyst API)" paragraph names."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    paragraph = readme[readme.index("Views (the analyst API):"):].split("\n\n", 1)[0]
    names = re.findall(r"`(\w+)(\(\w*\))?`", paragraph)
    return {n for n, call in names if not call}, {n for n, call in names if call}


def test_main_holds_exactly_the_documented_views_and_macros(sample_warehouse):
    """What Superset lists in schema `main` (SQLAlchemy 1.4 inspector) is the README's analyst API, nothing else."""
    views, macros = documented_names()
    assert set(CONTRACT_VIEWS) <= views
    engine = bi_engine(sample_warehouse)
    try:
        inspector = sa.inspect(engine)
        assert inspector.get_table_names(schema="main") == []
        assert set(inspector.get_view_names(schema="main")) == views
    finally:
        engine.dispose()
    with duckdb.connect(str(sample_warehouse), read_only=True) as con:
        assert set(dictionary.macros(con)["name"]) == macros


def test_published_file_is_readable_by_duckdb_1x(sample_warehouse):
    header = sample_warehouse.read_bytes()[:64]
    assert header[8:12] == b"DUCK"
    assert int.from_bytes(header[12:20], "little") == 64  # storage format of DuckDB 1.0 to 1.5, not 2.0's
    with duckdb.connect(str(sample_warehouse), read_only=True) as con:
        assert con.execute("SELECT library_version FROM pragma_version()").fetchone()[0].startswith("v1.")
        tags = con.execute("SELECT tags FROM duckdb_databases() WHERE path = ?", [str(sample_warehouse)]).fetchone()
    assert tags[0]["storage_version"] == "v1.0.0+"


@pytest.mark.slow
def test_a_bi_reader_keeps_working_while_a_build_publishes(sample_warehouse, tmp_path):
    warehouse = tmp_path / "live.duckdb"
    shutil.copyfile(sample_warehouse, warehouse)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "tal-afar.txt").write_text(NEW_ARTICLE)
    engine = bi_engine(warehouse)
    held = engine.connect()
    stop, counts, errors = threading.Event(), [], []

    def keep_querying() -> None:
        while not stop.is_set():
            try:
                counts.append(held.execute(sa.text("SELECT count(*) FROM documents")).scalar())
            except Exception as err:  # noqa: BLE001  (any error is what the test reports)
                errors.append(err)

    reader = threading.Thread(target=keep_querying)
    reader.start()
    try:
        build = subprocess.run([sys.executable, "-m", "orchestration.cli", "build", str(inbox), "--warehouse",
                                str(warehouse)], cwd=tmp_path, capture_output=True, text=True, timeout=180,
                               env={**os.environ, "PYTHONPATH": str(REPO)})
    finally:
        stop.set()
        reader.join()
    assert build.returncode == 0, build.stderr
    assert "published" in build.stdout and "documents=15" in build.stdout
    assert not errors and len(counts) > 10 and set(counts) == {14}
    # The documented limit: while this process holds a connection to the path, DuckDB serves every new
    # connection to it from the same cached (old) database. A pooled reader must close them all.
    with engine.connect() as again:
        assert again.execute(sa.text("SELECT count(*) FROM documents")).scalar() == 14
    held.close()
    engine.dispose()
    fresh = bi_engine(warehouse)
    try:
        with fresh.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM documents")).scalar() == 15
            titles = conn.execute(sa.text("SELECT title FROM documents WHERE title LIKE '%Tal Afar%'")).fetchall()
            assert titles == [("Thousands flee Tal Afar as offensive nears",)]
    finally:
        fresh.dispose()



def test_bi_readers_get_every_list_column_as_text_and_every_column_comment(sample_warehouse):
    """duckdb-engine maps LIST to no SQLAlchemy type (BI tools show it empty): each list column has a text twin."""
    import warnings

    with duckdb.connect(str(sample_warehouse), read_only=True) as con:
        surfaces = dictionary.surfaces(con)["name"].to_list()
        lists = con.execute("""SELECT table_name, column_name FROM duckdb_columns()
            WHERE data_type LIKE '%[]' AND list_contains(?, table_name)""", [surfaces]).fetchall()
    assert ("events", "actors") in lists and ("control_timeline", "observation_ids") in lists
    engine = bi_engine(sample_warehouse)
    try:
        inspector = sa.inspect(engine)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", sa.exc.SAWarning)  # the list columns themselves: 'list' not recognised
            # schema given, as Superset's datasets give it: internal.document_sources and internal.quarantine
            # share the views' names, and without a schema duckdb-engine describes those tables instead
            columns = {name: {c["name"]: c for c in inspector.get_columns(name, schema="main")} for name in surfaces}
        assert all(c.get("comment") for cols in columns.values() for c in cols.values())
        with engine.connect() as conn:
            for view, column in lists:
                twin = columns[view][f"{column}_text"]
                assert isinstance(twin["type"], sa.String), (view, column)
                pairs = conn.execute(sa.text(f'SELECT "{column}", "{column}_text" FROM "{view}"')).fetchall()
                assert pairs and all(text == "; ".join(values) for values, text in pairs if values is not None)
            named = conn.execute(sa.text("SELECT actors_text FROM events WHERE actors_text <> ''")).fetchall()
            assert len(named) > 3
    finally:
        engine.dispose()
