"""DuckLake with a PostgreSQL catalog (docs/scaling.md, section 3): the production layout, on a throwaway cluster.

The module starts its own PostgreSQL server (initdb + pg_ctl in a temporary folder, a Unix socket only, trust
authentication; as the `postgres` user when run as root, since PostgreSQL refuses to run as root), builds the
corpus into a lake whose catalog is that server in two batches, compares every contract view with the file-mode
build, re-runs with nothing new, and stops the server. .ci/run installs Debian's `postgresql` when it is absent;
elsewhere the module is skipped without it.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from etl.lake import load_extensions
from orchestration.cli import build
from tests.test_lake import corpus, published_state, snapshot, split  # noqa: F401 - corpus is a fixture
from tests.test_pipeline import snapshot as file_snapshot

pytestmark = pytest.mark.slow
DATABASE = "timeline_lake"


def _pg_bin(name: str) -> str | None:
    """A PostgreSQL server program: on PATH, else in Debian's versioned folder."""
    found = shutil.which(name) or sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found if isinstance(found, str) else (found[-1] if found else None)


def _as_server_user(command: list[str]) -> list[str]:
    """PostgreSQL will not run as root: as root, run the command as the `postgres` user."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    """A running throwaway PostgreSQL server with an empty database; yields its libpq connection string."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if initdb is None or pg_ctl is None:
        pytest.skip("PostgreSQL server programs not installed (apt-get install -y postgresql)")
    root = Path(tempfile.mkdtemp(prefix="timeline_pg_"))  # not under pytest's 0700 root: the server user reads it
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    data, socket, port = root / "data", root, "5433"
    subprocess.run(_as_server_user([initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"]),
                   check=True, capture_output=True)
    options = f"-k {socket} -p {port} -c listen_addresses=''"
    subprocess.run(_as_server_user([pg_ctl, "-D", str(data), "-o", options, "-l", str(root / "log"), "-w", "start"]),
                   check=True, capture_output=True)
    dsn = f"host={socket} port={port} user=postgres"
    try:
        with duckdb.connect() as con:
            load_extensions(con, ["postgres"])
            con.execute(f"ATTACH 'dbname=postgres {dsn}' AS pg (TYPE postgres)")
            con.execute(f"CALL postgres_execute('pg', 'CREATE DATABASE {DATABASE}', use_transaction = false)")
        yield f"dbname={DATABASE} {dsn}"
    finally:
        subprocess.run(_as_server_user([pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"]), capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def lake(tmp_path_factory, corpus, postgres) -> dict:  # noqa: F811 - corpus is the imported fixture
    """The corpus built into the PostgreSQL-catalog lake in two batches, then a re-run of the second."""
    root = tmp_path_factory.mktemp("pglake")
    first, second = split(corpus[0], root / "inbox")
    front = root / "front" / "timeline.duckdb"
    env = {"TIMELINE_CATALOG": f"postgres:{postgres}", "TIMELINE_DATA_PATH": str(root / "data")}
    with pytest.MonkeyPatch.context() as patch:
        for key, value in env.items():
            patch.setenv(key, value)
        assert build([str(first)], front) is True
        before = published_state(front)
        assert build([str(second)], front) is True
        after = published_state(front)
        rerun = build([str(second)], front)
    return {"root": root, "front": front, "before": before, "after": after, "rerun": rerun, "dsn": postgres}


def test_the_catalog_lives_in_postgres_and_the_data_in_parquet(lake):
    with duckdb.connect() as con:
        load_extensions(con, ["postgres"])
        con.execute(f"ATTACH '{lake['dsn']}' AS pg (TYPE postgres, READ_ONLY)")
        tables = {t for t, in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'pg'")
                  .fetchall()}
        snapshots = con.execute("SELECT max(snapshot_id) FROM pg.public.ducklake_snapshot").fetchone()[0]
    assert {"ducklake_snapshot", "ducklake_table", "ducklake_data_file"} <= tables
    assert snapshots == lake["after"][0]
    assert list((lake["root"] / "data").rglob("*.parquet"))


def test_a_build_in_two_batches_equals_the_file_mode_build(lake, corpus):  # noqa: F811
    assert lake["after"][1] > lake["before"][1] > 0
    assert snapshot(lake["front"]) == file_snapshot(corpus[1])


def test_a_rerun_with_nothing_new_publishes_nothing(lake):
    assert lake["rerun"] is False
    assert published_state(lake["front"]) == lake["after"]
