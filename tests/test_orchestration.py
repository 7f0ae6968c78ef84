"""The inbox sensor, the rebuild job, and recovery from a build killed at any point."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from dagster import DagsterInstance, RunRequest, SkipReason, build_sensor_context

from orchestration.cli import build
from orchestration.definitions import defs
from orchestration.resources import WarehouseResource
from orchestration.sensors import inbox_sensor
from tests.test_pipeline import snapshot

REPO = Path(__file__).resolve().parents[1]
ARTICLE = "Shelling in {place}\n\nAt least {n} civilians were killed in {place} on Monday, medics said.\n"


def tick(inbox: Path, warehouse: Path, monkeypatch) -> RunRequest | SkipReason:
    monkeypatch.setenv("TIMELINE_INBOX", str(inbox))
    with DagsterInstance.ephemeral() as instance:
        resources = {"warehouse": WarehouseResource(path=str(warehouse))}
        context = build_sensor_context(instance=instance, resources=resources)
        result = inbox_sensor(context)
    if isinstance(result, SkipReason):
        return result
    [request] = result.run_requests
    assert result.dynamic_partitions_requests[0].partition_keys == [request.partition_key]
    return request


def test_sensor_batches_new_files_skips_known_ones_and_sees_modifications(tmp_path, monkeypatch):
    inbox, warehouse = tmp_path / "inbox", tmp_path / "w.duckdb"
    inbox.mkdir()
    (inbox / "a.txt").write_text(ARTICLE.format(place="Taiz", n=12))
    (inbox / "b.txt").write_text(ARTICLE.format(place="Hodeidah", n=7))
    first = tick(inbox, warehouse, monkeypatch)
    assert isinstance(first, RunRequest) and first.run_key == first.partition_key
    assert first.run_config["ops"]["raw_documents"]["config"]["paths"] == [str(inbox.resolve())]
    assert tick(inbox, warehouse, monkeypatch).run_key == first.run_key  # same batch: Dagster dedups the run key

    build([str(inbox)], warehouse)
    assert isinstance(tick(inbox, warehouse, monkeypatch), SkipReason)

    (inbox / "c.txt").write_text(ARTICLE.format(place="Sanaa", n=3))
    new = tick(inbox, warehouse, monkeypatch)
    assert isinstance(new, RunRequest) and new.run_key != first.run_key

    build([str(inbox)], warehouse)
    (inbox / "a.txt").write_text(ARTICLE.format(place="Taiz", n=14))
    modified = tick(inbox, warehouse, monkeypatch)
    assert isinstance(modified, RunRequest) and modified.run_key not in (first.run_key, new.run_key)


def test_sensor_ignores_a_redelivered_identical_file(tmp_path, monkeypatch):
    inbox, warehouse = tmp_path / "inbox", tmp_path / "w.duckdb"
    inbox.mkdir()
    article = inbox / "a.txt"
    article.write_text(ARTICLE.format(place="Taiz", n=12))
    build([str(inbox)], warehouse)
    article.unlink()
    article.write_text(ARTICLE.format(place="Taiz", n=12))
    os.utime(article, ns=(time.time_ns(), time.time_ns() + 10**9))
    assert isinstance(tick(inbox, warehouse, monkeypatch), SkipReason)
    assert build([str(inbox)], warehouse) is False


def test_sensor_skips_without_an_inbox(tmp_path, monkeypatch):
    monkeypatch.delenv("TIMELINE_INBOX", raising=False)
    with DagsterInstance.ephemeral() as instance:
        context = build_sensor_context(instance=instance, resources={"warehouse": WarehouseResource(path="x.duckdb")})
        assert isinstance(inbox_sensor(context), SkipReason)


def test_rebuild_job_recomputes_deduplication_over_the_published_warehouse(seeds_warehouse, tmp_path, monkeypatch):
    warehouse = tmp_path / "w.duckdb"
    shutil.copyfile(seeds_warehouse, warehouse)
    import duckdb

    with duckdb.connect(str(warehouse)) as con:
        con.execute("DELETE FROM claim_observation")
    monkeypatch.setenv("TIMELINE_WAREHOUSE", str(warehouse))  # the Definitions' resource reads it at run time
    with DagsterInstance.ephemeral() as instance:
        result = defs.resolve_job_def("rebuild_observations").execute_in_process(instance=instance)
    assert result.success
    assert snapshot(warehouse) == snapshot(seeds_warehouse)


def _build_command(inbox: Path, warehouse: Path) -> list[str]:
    return [sys.executable, "-m", "orchestration.cli", "build", str(inbox), "--warehouse", str(warehouse)]


@pytest.mark.parametrize("kill_after", [0.5, 2.0, 3.5])
def test_a_build_killed_with_sigkill_then_rerun_equals_a_clean_build(tmp_path, kill_after):
    from etl.ingest import sample_corpus

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    clean, killed = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    subprocess.run(_build_command(sample_corpus(), clean), env=env, cwd=tmp_path, check=True, capture_output=True)
    proc = subprocess.Popen(_build_command(sample_corpus(), killed), env=env, cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(kill_after)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    subprocess.run(_build_command(sample_corpus(), killed), env=env, cwd=tmp_path, check=True, capture_output=True)
    assert snapshot(killed) == snapshot(clean)
