"""Shared fixtures: the real corpora (skipped cleanly when absent) and built warehouses."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest
from hypothesis import settings

# CI replays the same generated examples on every run, so a landing is never decided by the draw;
# local runs keep exploring new ones (and a failure they find becomes a plain regression test).
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "corpora" / "seeds"


def require(path: Path) -> Path:
    """Skip the calling test with a message when a corpus from ../shared is not on this machine."""
    if not path.exists():
        pytest.skip(f"corpus not available: {path}")
    return path


def rows(warehouse: Path, sql: str, params: list | None = None) -> list[dict]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        cur = con.execute(sql, params or [])
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The `bi` tier installs a BI tool: it runs only when TIMELINE_BI_TESTS=1 asks for it (make test-bi)."""
    if os.environ.get("TIMELINE_BI_TESTS") == "1":
        return
    skip = pytest.mark.skip(reason="installs Superset: set TIMELINE_BI_TESTS=1 (make test-bi)")
    for item in items:
        if "bi" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def seeds_warehouse(tmp_path_factory) -> Path:
    from orchestration.cli import build

    warehouse = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    build([str(require(SEEDS))], warehouse)
    return warehouse


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory) -> Path:
    from etl.ingest import sample_corpus
    from orchestration.cli import build

    warehouse = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    build([str(sample_corpus())], warehouse)
    return warehouse
