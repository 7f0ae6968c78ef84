"""`timeline ui` starts the Dagster UI on 127.0.0.1 with the asset graph and its checks."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
QUERY = json.dumps({"query": "{ assetNodes { assetKey { path } hasAssetChecks } }"}).encode()


pytestmark = pytest.mark.slow  # starts `dagster dev` (about 30 s)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _asset_nodes(port: int) -> list[dict] | None:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", data=QUERY,
                                     headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.load(response)["data"]["assetNodes"]
    except (OSError, KeyError, ValueError):
        return None


def test_ui_serves_the_asset_graph_with_checks(tmp_path):
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("DAGSTER_HOME", None)
    log = tmp_path / "ui.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "orchestration.cli", "ui", "--warehouse",
                                 str(tmp_path / "w.duckdb"), "--port", str(port)],
                                cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        nodes = None
        deadline = time.monotonic() + 120
        while nodes is None and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(2)
            nodes = _asset_nodes(port)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert nodes is not None, "the UI did not answer within 120 s"
    checks = {n["assetKey"]["path"][0]: n["hasAssetChecks"] for n in nodes}
    assert set(checks) == {"raw_documents", "documents", "claim_mentions", "event_mentions", "observations",
                           "events", "published_warehouse", "timeline_charts"}
    assert checks["claim_mentions"] and checks["raw_documents"] and checks["events"]
    assert (tmp_path / "w_dagster" / "dagster.yaml").read_text().count("timeline/warehouse") == 1
    assert "is superseded" not in log.read_text()  # no "use dg dev" warning on the project's own command


def test_the_nightly_schedule_ships_stopped_as_the_readme_says():
    from dagster import DefaultScheduleStatus

    from orchestration.schedules import nightly_rebuild

    assert nightly_rebuild.default_status == DefaultScheduleStatus.STOPPED
    assert "The schedule ships stopped" in (REPO / "README.md").read_text()
