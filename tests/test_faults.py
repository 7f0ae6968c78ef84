"""Faults (issue 17): a build killed with SIGKILL at a random point, with and without worker processes, leaves the
next build free to run and equal to a clean build; a CLI build and a Dagster job on one warehouse run one after
the other, the second saying what it waits for."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from etl.ingest import sample_corpus
from tests.test_pipeline import snapshot

TIMELINE = Path(sys.executable).with_name("timeline")
# One job of orchestration.definitions run through Dagster's Python API with the job's own (locking) executor
RUN_JOB = '''
import sys
from dagster import DagsterInstance, execute_job, reconstructable


def job():
    from orchestration.definitions import defs

    return defs.get_job_def(sys.argv[1])


if __name__ == "__main__":
    with DagsterInstance.ephemeral() as instance:
        sys.exit(0 if execute_job(reconstructable(job), instance=instance).success else 1)
'''


def _session(sid: int) -> list[int]:
    """Pids of the live processes of session `sid` (a build started with start_new_session, and its children)."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] != "Z":
            pids.append(int(stat.parent.name))
    return pids


def _build(warehouse: Path, workers: int, **kwargs: object) -> subprocess.Popen:
    return subprocess.Popen([str(TIMELINE), "build", str(sample_corpus()), "--warehouse", str(warehouse),
                             "--workers", str(workers)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, **kwargs)


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_a_build_killed_at_a_random_point_leaves_the_next_build_free_and_equal_to_a_clean_one(
        sample_warehouse, tmp_path, workers):
    rng = random.Random(17 if os.environ.get("CI") else None)
    warehouse = tmp_path / "killed.duckdb"
    victim = _build(warehouse, workers)
    time.sleep(rng.uniform(2.0, 12.0))
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()
    deadline = time.monotonic() + 10
    while _session(victim.pid) and time.monotonic() < deadline:  # its workers die with it (PR_SET_PDEATHSIG)
        time.sleep(0.2)
    assert _session(victim.pid) == [], "processes of the killed build outlived it"
    resumed = _build(warehouse, workers)
    out, err = resumed.communicate(timeout=180)
    assert resumed.returncode == 0, err
    assert "waiting for" not in err
    assert snapshot(warehouse) == snapshot(sample_warehouse)


@pytest.mark.slow
def test_a_cli_build_and_a_dagster_job_on_one_warehouse_run_one_after_the_other(sample_warehouse, tmp_path):
    warehouse = tmp_path / "shared.duckdb"
    script = tmp_path / "run_job.py"
    script.write_text(RUN_JOB)
    cli = _build(warehouse, 1)
    lock = warehouse.with_name("shared.lock")
    deadline = time.monotonic() + 60
    while not (lock.exists() and lock.read_text().startswith(f"pid {cli.pid} ")) and time.monotonic() < deadline:
        time.sleep(0.1)
    env = {**os.environ, "TIMELINE_WAREHOUSE": str(warehouse)}
    job = subprocess.Popen([sys.executable, str(script), "rebuild_observations"], env=env, cwd=tmp_path,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    cli_out, cli_err = cli.communicate(timeout=180)
    job_out, _ = job.communicate(timeout=180)
    assert cli.returncode == 0, cli_err
    assert job.returncode == 0, job_out[-3000:]
    assert f"waiting for {lock} held by pid {cli.pid}" in job_out
    assert "published" in cli_out
    assert lock.read_text().startswith(f"pid {job.pid} ")  # the job held the lock last: after the CLI build
    assert snapshot(warehouse) == snapshot(sample_warehouse)
