"""What a fresh checkout and an install leave behind: package data declared, build leftovers git-ignored."""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_every_data_folder_is_a_declared_package_with_its_files():
    """A data folder missing from package-data is either not shipped or, with namespaces, warned about per file."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    declared = config["package-data"]
    assert config["packages"]["find"]["namespaces"] is True
    for top in ("etl", "orchestration", "sql"):
        for folder in [REPO / top, *(p for p in (REPO / top).rglob("*") if p.is_dir())]:
            data = [f for f in folder.iterdir() if f.is_file() and f.suffix not in (".py", ".pyc")]
            if folder.name == "__pycache__" or not data:
                continue
            name = ".".join(folder.relative_to(REPO).parts)
            assert name in declared, f"{name} holds {data[0].name} but is not in package-data"
            patterns = declared[name]
            assert all(any(f.match(p) for p in patterns) for f in data), name


@pytest.mark.skipif(shutil.which("git") is None or not (REPO / ".git").exists(), reason="not a git checkout")
def test_what_a_build_leaves_beside_the_default_warehouse_is_ignored():
    leftovers = ["warehouse/timeline.duckdb", "warehouse/timeline.lock", "warehouse/timeline_staging.duckdb",
                 "warehouse/timeline_charts/territory-control-pct_east-mosul.png",
                 "warehouse/timeline_dagster/dagster.yaml", "warehouse/timeline_dagster/storage/runs.db"]
    result = subprocess.run(["git", "check-ignore", "--no-index", *leftovers], cwd=REPO, capture_output=True,
                            text=True)
    assert result.stdout.split() == leftovers
