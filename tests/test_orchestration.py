"""The inbox sensor, the rebuild job, the build job on the multiprocess executor, and recovery from a build killed at
any point."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from dagster import (
    DagsterEventType,
    DagsterInstance,
    RunRequest,
    SkipReason,
    build_sensor_context,
    execute_job,
)
from dagster._core.definitions.reconstruct import ReconstructableRepository
from dagster._core.execution.api import create_execution_plan

from etl import store
from etl.ingest import sample_corpus
from orchestration.cli import build
from orchestration.definitions import defs
from orchestration.partitions import BATCH_TAG
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
    assert request.tags[BATCH_TAG] == request.run_key == result.cursor
    return request


@pytest.mark.slow
def test_sensor_batches_new_files_skips_known_ones_and_sees_modifications(tmp_path, monkeypatch):
    inbox, warehouse = tmp_path / "inbox", tmp_path / "w.duckdb"
    inbox.mkdir()
    (inbox / "a.txt").write_text(ARTICLE.format(place="Taiz", n=12))
    (inbox / "b.txt").write_text(ARTICLE.format(place="Hodeidah", n=7))
    first = tick(inbox, warehouse, monkeypatch)
    assert isinstance(first, RunRequest) and first.run_key.startswith("batch-")
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


@pytest.mark.slow
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


@pytest.mark.slow
def test_rebuild_job_recomputes_deduplication_over_the_published_warehouse(seeds_warehouse, tmp_path, monkeypatch):
    warehouse = tmp_path / "w.duckdb"
    shutil.copyfile(seeds_warehouse, warehouse)
    import duckdb

    with duckdb.connect(str(warehouse)) as con:
        con.execute("DELETE FROM internal.claim_observation")
    monkeypatch.setenv("TIMELINE_WAREHOUSE", str(warehouse))  # the Definitions' resource reads it at run time
    with DagsterInstance.ephemeral() as instance:
        result = defs.resolve_job_def("rebuild_observations").execute_in_process(instance=instance)
    assert result.success
    assert snapshot(warehouse) == snapshot(seeds_warehouse)


def _build_command(inbox: Path, warehouse: Path) -> list[str]:
    return [sys.executable, "-m", "orchestration.cli", "build", str(inbox), "--warehouse", str(warehouse)]


@pytest.mark.slow
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


def staging_access() -> tuple[dict[str, str], dict[str, set[str]]]:
    """From the build job's execution plan: how each step opens the staging warehouse (its `timeline/staging` tag;
    a mapped step is keyed once, as `name[?]`), and every step's ancestors."""
    plan = create_execution_plan(defs.resolve_job_def("build_timeline"))
    deps = plan.get_all_step_deps()
    tags = {key: plan.get_step_by_key(key).tags for key in deps}
    ancestors: dict[str, set[str]] = {}

    def up(key: str) -> set[str]:
        if key not in ancestors:
            ancestors[key] = set(deps[key]).union(*(up(d) for d in deps[key]))
        return ancestors[key]

    return {key: t["timeline/staging"] for key, t in tags.items() if "timeline/staging" in t}, {k: up(k) for k in deps}


def test_the_build_job_orders_every_warehouse_writer_apart_from_every_other_warehouse_step():
    access, ancestors = staging_access()
    writers = sorted(key for key, how in access.items() if how == "write")
    assert writers == ["claim_mentions.write_extracted", "documents.write_extracted", "event_mentions.write_extracted",
                       "events", "observations", "published_warehouse", "raw_documents"]
    readers = {key for key, how in access.items() if how == "read"}
    assert {"documents.plan_shards", "documents.extract_shard[?]", "claim_mentions_percents_within_0_100"} <= readers
    for writer in writers:
        for other in set(access) - {writer}:
            assert writer in ancestors[other] or other in ancestors[writer], (writer, other)


EXTRACTED_TABLES = ["doc_store", "doc_blocks", "doc_removed_lines", "doc_sketches", "claim_store", "event_store",
                    "stage_done"]


def extracted_rows(warehouse: Path) -> dict[str, list]:
    """Every row the per-document stages wrote (through the front file's lake in DuckLake mode)."""
    with store.read_only(warehouse) as con:
        return {table: con.execute(f"SELECT * FROM internal.{table} ORDER BY ALL").fetchall()
                for table in EXTRACTED_TABLES}


def build_run_config(warehouse: dict[str, str]) -> dict:
    """The sample corpus in two shards per stage."""
    shards = {"config": {"shards": 2}}
    return {"ops": {"raw_documents": {"config": {"paths": [str(sample_corpus())]}}, "documents": shards,
                    "claim_mentions": shards, "event_mentions": shards},
            "resources": {"warehouse": {"config": warehouse}}}


def step_runs(logs: list) -> dict[str, dict]:
    """Per step that succeeded: the pid it ran in, and when it started and ended."""
    steps: dict[str, dict] = {}
    for entry in logs:
        event = entry.dagster_event
        if event and event.event_type in (DagsterEventType.STEP_START, DagsterEventType.STEP_SUCCESS):
            step = steps.setdefault(entry.step_key, {"pid": event.pid})
            step["start" if event.event_type == DagsterEventType.STEP_START else "end"] = entry.timestamp
    return steps


def shard_steps(steps: dict, asset: str) -> list[str]:
    return sorted(key for key in steps if key.startswith(f"{asset}.extract_shard["))


@pytest.mark.slow
def test_the_build_job_extracts_shards_in_parallel_steps_and_equals_an_in_process_build(tmp_path, sample_warehouse):
    warehouse, home = tmp_path / "w.duckdb", tmp_path / "dagster_home"
    home.mkdir()
    with DagsterInstance.local_temp(str(home)) as instance:
        # loaded in each step process as the instance's code location loads it: module orchestration, attribute defs
        job = ReconstructableRepository.for_module("orchestration", "defs", str(REPO)).get_reconstructable_job(
            "build_timeline")
        result = execute_job(job, instance, run_config={
            **build_run_config({"path": str(warehouse)}), "execution": {"config": {"processes": True}}})
        assert result.success
        steps = step_runs(instance.all_logs(result.run_id))
    for asset in ("documents", "claim_mentions"):
        shards = shard_steps(steps, asset)
        assert shards == [f"{asset}.extract_shard[shard_0]", f"{asset}.extract_shard[shard_1]"]
        assert len({steps[key]["pid"] for key in [*shards, f"{asset}.write_extracted"]}) == 3
    access, _ = staging_access()
    touching = {key: access[plan_key] for key in steps if (plan_key := re.sub(r"\[\w+\]$", "[?]", key)) in access}
    for writer in (key for key, how in touching.items() if how == "write"):
        for other in set(touching) - {writer}:
            assert steps[writer]["end"] <= steps[other]["start"] or steps[other]["end"] <= steps[writer]["start"]
    assert len(extracted_rows(warehouse)["claim_store"]) > 10
    assert extracted_rows(warehouse) == extracted_rows(sample_warehouse)
    assert snapshot(warehouse) == snapshot(sample_warehouse)


@pytest.mark.slow
def test_the_build_job_reads_its_shards_from_the_lake_in_ducklake_mode(tmp_path, sample_warehouse):
    from tests.test_lake import snapshot as lake_snapshot

    front = tmp_path / "front.duckdb"
    lake = {"path": str(front), "catalog": f"sqlite:{tmp_path / 'catalog.sqlite'}", "data_path": str(tmp_path / "data")}
    with DagsterInstance.ephemeral() as instance:
        result = defs.resolve_job_def("build_timeline").execute_in_process(build_run_config(lake), instance=instance)
    assert result.success
    steps = {event.step_key for event in result.all_events if event.is_step_success}
    assert {"documents.extract_shard[shard_1]", "claim_mentions.extract_shard[shard_1]"} <= steps
    assert extracted_rows(front) == extracted_rows(sample_warehouse)
    assert lake_snapshot(front) == snapshot(sample_warehouse)


@pytest.mark.slow
def test_dagster_asset_materialize_all_works_with_defaults(tmp_path):
    """What a new user types: no partition, no config; the inputs default to the inbox, else the sample corpus."""
    warehouse = tmp_path / "w.duckdb"
    env = {**os.environ, "PYTHONPATH": str(REPO), "TIMELINE_WAREHOUSE": str(warehouse),
           "DAGSTER_HOME": str(tmp_path / "w_dagster")}
    env.pop("TIMELINE_INBOX", None)
    (tmp_path / "w_dagster").mkdir()
    dagster = Path(sys.executable).with_name("dagster")
    done = subprocess.run([str(dagster), "asset", "materialize", "--select", "*", "-m", "orchestration"],
                          env=env, cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "RUN_SUCCESS" in done.stderr and "STEP_FAILURE" not in done.stderr
    with store.read_only(warehouse) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 14
    charts = sorted(p.name for p in (tmp_path / "w_charts").glob("*.png"))
    assert len([c for c in charts if not c.startswith("map_")]) == 3, charts  # the busiest series
    assert [c for c in charts if c.startswith("map_")] == ["map_people-killed.png"], charts
