"""The Superset recipe (bi/superset): installed in its own venv, the warehouse registered read-only, the shipped
dashboard imported, and each of its charts returning rows through Superset's REST API.

Tier `bi`: runs only with TIMELINE_BI_TESTS=1 (`make test-bi`); the first run installs Superset (several minutes,
about 1 GB, needs the package index). SUPERSET_VENV reuses an existing venv, e.g. on a CI cache.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from etl.ingest import sample_corpus
from orchestration.cli import build
from tests.conftest import SEEDS, require

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.bi
@pytest.mark.slow
def test_superset_recipe_serves_the_dashboard_with_rows(tmp_path):
    warehouse = tmp_path / "bi.duckdb"
    build([str(sample_corpus()), str(require(SEEDS))], warehouse)  # the seeds hold conflicting figures
    env = {**os.environ, "SUPERSET_HOME": str(tmp_path / "superset_home"),
           "SUPERSET_VENV": os.environ.get("SUPERSET_VENV") or str(REPO / ".venv-superset")}
    setup = subprocess.run([str(REPO / "bi/superset/setup.sh"), str(warehouse)], env=env, capture_output=True,
                           text=True, timeout=3600)
    assert setup.returncode == 0, setup.stderr[-3000:]
    imported = json.loads(setup.stdout.strip().splitlines()[-3])
    assert set(imported) == {"Territory control (%)", "People displaced", "People killed and injured",
                             "Conflicting figures"}
    python = Path(env["SUPERSET_VENV"]) / "bin" / "python"
    check_env = {**env, "SUPERSET_CONFIG_PATH": str(REPO / "bi/superset/superset_config.py")}
    check = subprocess.run([str(python), str(REPO / "bi/superset/provision.py"), "check"], env=check_env,
                           capture_output=True, text=True, timeout=600)
    assert check.returncode == 0, check.stderr[-3000:]
    rows = json.loads(check.stdout.strip().splitlines()[-1])
    assert set(rows) == set(imported) and all(n > 0 for n in rows.values()), rows
