"""DuckLake mode end to end: tables in a lake (SQLite catalog, Parquet folder), views in a read-only front file.

The module builds the corpus into a lake in two batches, the second while two reader processes query the
front file, and compares every view with the file-mode build of the same corpus (tests/conftest.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest
import sqlalchemy as sa

from etl import document_stages, search, store
from etl.dictionary import surfaces
from etl.lake import FRONT_TABLE, attach_front
from orchestration.cli import build, main
from tests.conftest import SEEDS
from tests.test_pipeline import CONTRACT_COLUMNS, TABLES
from tests.test_pipeline import snapshot as file_snapshot

REPO = Path(__file__).resolve().parents[1]
READER = """
import json, sys, time
from pathlib import Path
from etl import store
front, stop, state_sql = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
states, errors = set(), []
while not stop.exists():
    try:
        with store.read_only(front) as con:
            states.add(con.execute(state_sql).fetchone())
    except Exception as err:
        errors.append(str(err))
    time.sleep(0.2)
print(json.dumps({"states": sorted(states), "errors": errors}))
"""
# What a reader sees: the published lake snapshot and two counts that a half-written state would break.
STATE_SQL = ("SELECT (SELECT snapshot_id FROM internal.lake_connection), (SELECT count(*) FROM documents), "
             "(SELECT count(*) FROM claim_mentions)")

# Two builds, one in a subprocess with two reader processes: minutes on 2 cores.
pytestmark = pytest.mark.slow


def lake_env(root: Path) -> dict[str, str]:
    return {"TIMELINE_CATALOG": f"sqlite:{root / 'catalog.sqlite'}", "TIMELINE_DATA_PATH": str(root / "data")}


def snapshot(front: Path) -> dict[str, list]:
    """tests.test_pipeline.snapshot through store.read_only, which attaches the front file's lake."""
    out = {}
    with store.read_only(front) as con:
        for view in TABLES:
            cols = [c for c in CONTRACT_COLUMNS[view] if c not in ("ingested_at", "seen_at")]
            out[view] = con.execute(f"SELECT {', '.join(cols)} FROM {view} ORDER BY ALL").fetchall()
    return out


def published_state(front: Path) -> tuple:
    with store.read_only(front) as con:
        return con.execute(STATE_SQL).fetchone()


def split(corpus: Path, into: Path) -> tuple[Path, Path]:
    """The corpus's entries in two folders (first third, the rest), relative paths kept."""
    entries = sorted(corpus.iterdir())
    cut = max(1, len(entries) // 3)
    halves = into / "first", into / "second"
    for folder, part in zip(halves, (entries[:cut], entries[cut:]), strict=True):
        folder.mkdir(parents=True)
        for entry in part:
            (shutil.copytree if entry.is_dir() else shutil.copy)(entry, folder / entry.name)
    return halves


@pytest.fixture(scope="module")
def corpus(request) -> tuple[Path, Path]:
    """(corpus folder, its file-mode warehouse): the seeds if present, else the bundled sample corpus."""
    if SEEDS.exists():
        return SEEDS, request.getfixturevalue("seeds_warehouse")
    from etl.ingest import sample_corpus

    return sample_corpus(), request.getfixturevalue("sample_warehouse")


@pytest.fixture(scope="module")
def lake(tmp_path_factory, corpus) -> dict:
    """A lake built in two batches; the second by a `timeline build` process while two readers poll the front."""
    root = tmp_path_factory.mktemp("lake")
    first, second = split(corpus[0], root / "inbox")
    front = root / "front" / "timeline.duckdb"
    env = lake_env(root)
    with pytest.MonkeyPatch.context() as patch:
        for key, value in env.items():
            patch.setenv(key, value)
        assert build([str(first)], front) is True
    before = published_state(front)
    stop = root / "stop"
    child_env = {**os.environ, **env, "PYTHONPATH": str(REPO)}
    readers = [subprocess.Popen([sys.executable, "-c", READER, str(front), str(stop), STATE_SQL], env=child_env,
                                stdout=subprocess.PIPE, text=True) for _ in range(2)]
    command = [sys.executable, "-m", "orchestration.cli", "build", str(second), "--warehouse", str(front)]
    writer = subprocess.run(command, env=child_env, capture_output=True, text=True, timeout=600)
    stop.touch()
    seen = [json.loads(r.communicate(timeout=60)[0].splitlines()[-1]) for r in readers]  # after progress bars
    return {"root": root, "front": front, "env": env, "second": second, "before": before,
            "after": published_state(front), "writer": writer, "readers": seen}


def test_tables_live_in_the_lake_and_views_in_the_front_file(lake):
    assert lake["writer"].returncode == 0, lake["writer"].stderr
    assert list((lake["root"] / "data").rglob("*.parquet"))
    with duckdb.connect(str(lake["front"]), read_only=True) as con:
        tables = {t for t, in con.execute("SELECT schema_name || '.' || table_name FROM duckdb_tables() "
                                          "WHERE schema_name IN ('main', 'internal')").fetchall()}
        views = {v for v, in con.execute(
            "SELECT schema_name || '.' || view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    assert {"internal.doc_store", "main.documents", "main.observations"} <= views
    assert tables == {FRONT_TABLE, search.DOCUMENT_INDEX, search.QUOTE_INDEX}


def test_lake_build_in_two_batches_equals_the_file_mode_build(lake, corpus):
    assert lake["after"][1] > lake["before"][1] > 0
    assert snapshot(lake["front"]) == file_snapshot(corpus[1])


def test_every_view_and_the_macro_read_the_same_rows_through_the_read_only_front(lake, corpus):
    with duckdb.connect(str(corpus[1]), read_only=True) as con:
        names = surfaces(con)["name"].to_list()
        expected = {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
        as_known = con.execute("SELECT count(*) FROM timeline_as_known_on(DATE '2016-12-31')").fetchone()[0]
    with store.read_only(lake["front"]) as con:
        assert {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names} == expected
        assert con.execute("SELECT count(*) FROM timeline_as_known_on(DATE '2016-12-31')").fetchone()[0] == as_known
        assert con.execute("SELECT comment FROM duckdb_views() WHERE view_name = 'observations'").fetchone()[0]
        for statement in ("INSERT INTO lake.internal.pipeline_state VALUES ('k', 'v')", "CREATE TABLE x (a INT)"):
            with pytest.raises(duckdb.Error, match="read-only"):
                con.execute(statement)


def test_readers_keep_reading_published_states_while_a_writer_builds(lake):
    for reader in lake["readers"]:
        assert reader["errors"] == []
        assert {tuple(s) for s in reader["states"]} <= {lake["before"], lake["after"]}
        assert tuple(reader["states"][0]) == lake["before"]


def test_a_rerun_with_nothing_new_changes_nothing(lake, monkeypatch):
    for key, value in lake["env"].items():
        monkeypatch.setenv(key, value)
    before = snapshot(lake["front"])
    assert build([str(lake["second"])], lake["front"]) is False
    assert published_state(lake["front"]) == lake["after"]
    assert snapshot(lake["front"]) == before


def test_query_and_search_commands_read_the_front_file(lake, capsys):
    front = str(lake["front"])
    assert main(["query", "SELECT count(*) AS n FROM documents", "--warehouse", front, "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["n", str(lake["after"][1])]
    assert main(["query", f"COPY documents TO '{lake['root'] / 'out.csv'}'", "--warehouse", front]) == 2
    assert "disabled by configuration" in capsys.readouterr().err
    assert main(["search", "civilians", "--warehouse", front, "--limit", "1"]) == 0
    assert capsys.readouterr().out.startswith("1. [")


def test_bi_engine_attaches_the_lake_on_connect(lake):
    """The Superset / duckdb-engine recipe of docs/scaling.md: read-only front file, ATTACH on every connection."""
    engine = sa.create_engine(f"duckdb:///{lake['front']}", connect_args={"read_only": True})
    sa.event.listen(engine, "connect", lambda dbapi_connection, _record: attach_front(dbapi_connection))
    try:
        inspector = sa.inspect(engine)
        assert "claim_mentions" in inspector.get_view_names()
        assert inspector.get_table_names(schema="main") == []  # neither the front file's nor the lake's
        assert [c["name"] for c in inspector.get_columns("events")][:3] == ["event_id", "event_type", "plover_code"]
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM documents")).scalar() == lake["after"][1]
    finally:
        engine.dispose()


def test_a_document_that_crashes_a_stage_is_quarantined_in_the_lake(tmp_path, monkeypatch):
    for key, value in lake_env(tmp_path).items():
        monkeypatch.setenv(key, value)
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "good.txt").write_text("Talks in Geneva\n\nAbout 300 people were killed in Aleppo, officials said.\n")
    (inbox / "bad.txt").write_text("Clashes in Sirte\n\nBOOM: at least 12 fighters were killed in Sirte.\n")
    spec = document_stages.STAGES["claims"]

    def crash_on_boom(row: dict) -> dict:
        if "BOOM" in row["body_text"]:
            raise RuntimeError("boom")
        return spec.compute(row)

    monkeypatch.setitem(document_stages.STAGES, "claims", replace(spec, compute=crash_on_boom))
    front = tmp_path / "front.duckdb"
    assert build([str(inbox)], front) is True
    with store.read_only(front) as con:
        assert con.execute("SELECT source_path FROM documents").fetchall() == [("good.txt",)]
        assert con.execute("SELECT source_path, reason FROM quarantine").fetchall() == [("bad.txt", "extraction_error")]
