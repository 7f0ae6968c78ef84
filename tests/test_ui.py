"""`timeline ui` starts the Dagster UI on 127.0.0.1 with the asset graph and its checks."""

from __future__ import annotations

import json
import os
import shutil
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


def _asset_nodes(port: int, query: bytes = QUERY) -> list[dict] | None:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", data=query,
                                     headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.load(response)["data"]["assetNodes"]
    except (OSError, KeyError, TypeError, ValueError):
        return None


def _start_ui(warehouse: Path, log: Path) -> tuple[subprocess.Popen, int]:
    """`timeline ui` on a free port, in its own session (so the test can stop dagster dev's process group)."""
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("DAGSTER_HOME", None)
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "orchestration.cli", "ui", "--warehouse", str(warehouse),
                                 "--port", str(port)], cwd=warehouse.parent, env=env, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    return proc, port


def _wait_for(proc: subprocess.Popen, port: int, query: bytes = QUERY) -> list[dict] | None:
    nodes, deadline = None, time.monotonic() + 120
    while nodes is None and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(2)
        nodes = _asset_nodes(port, query)
    return nodes


def test_ui_serves_the_asset_graph_with_checks(tmp_path):
    log = tmp_path / "ui.log"
    proc, port = _start_ui(tmp_path / "w.duckdb", log)
    try:
        nodes = _wait_for(proc, port)
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


MATERIALISED = json.dumps({"query": """{ assetNodes { assetKey { path }
    assetMaterializations(limit: 1) { runId }
    assetChecksOrError { ... on AssetChecks { checks { name executionForLatestMaterialization { status } } } } } }"""
}).encode()


@pytest.mark.slow
def test_the_ui_shows_a_cli_build_materialised_with_its_checks_and_a_screenshot_of_the_graph(tmp_path):
    """After `timeline build`, `timeline ui` on the same warehouse shows that run: every asset materialised, every
    check passed. With Debian's `chromium` on PATH (not installed by .ci/run: this part skips without it) a headless
    screenshot of the asset graph is kept as ui-graph.png in the test's folder."""
    from etl.ingest import sample_corpus
    from orchestration.checks import TIMELINE_CHECKS
    from orchestration.cli import build

    warehouse = tmp_path / "w.duckdb"
    build([str(sample_corpus())], warehouse)
    proc, port = _start_ui(warehouse, tmp_path / "ui.log")
    try:
        nodes = _wait_for(proc, port, MATERIALISED)
        assert nodes is not None, "the UI did not answer within 120 s"
        assert all(n["assetMaterializations"] for n in nodes), [n["assetKey"] for n in nodes]
        assert len({n["assetMaterializations"][0]["runId"] for n in nodes}) == 1  # the CLI's one run
        checks = [c for n in nodes for c in n["assetChecksOrError"].get("checks", [])]
        assert len(checks) == len(TIMELINE_CHECKS)
        assert {c["executionForLatestMaterialization"]["status"] for c in checks} == {"SUCCEEDED"}
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if chromium is None:
            pytest.skip("no chromium on PATH for the screenshot (apt-get install -y chromium)")
        shot = tmp_path / "ui-graph.png"
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--screenshot={shot}",
                        "--window-size=1600,1000", "--virtual-time-budget=20000",
                        f"http://127.0.0.1:{port}/asset-groups/timeline"],
                       capture_output=True, timeout=180, check=True)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    import matplotlib.image

    pixels = matplotlib.image.imread(shot)
    red, green, blue = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    # Dagster draws a materialised asset green (its node's border and the sidebar's check marks); never-materialised
    # ones grey: the sample build's eight assets give about 3,000 such pixels at 1600x1000
    assert ((green > 0.6) & (red < 0.4) & (blue < 0.65) & (green - red > 0.3)).sum() > 1500
