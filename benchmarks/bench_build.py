"""End-to-end `timeline build` on real and generated corpora: throughput, peak memory, time per stage,
and the incremental cost (a re-run with nothing new, then 1% new articles).

usage: python benchmarks/bench_build.py [CORPUS ...] [--workers 1 2] [--json FILE]

CORPUS: fakes, bbc, agnews (../shared/corpora; skipped with a message when absent), gen10k, gen100k
(benchmarks/generate_corpus.py, written under the work folder). Each build runs `python -m
orchestration.cli build` in a subprocess with a fresh warehouse and a fresh DAGSTER_HOME, so:
- wall time is that of the command (interpreter start and Dagster import included);
- peak RSS: `rss_main` is the build process's peak (/usr/bin/time: wait4 rusage, the largest single
  process of its tree), `rss_tree` the largest sum over the process tree (build + worker processes) sampled
  every 0.2 s with psutil;
- CPU seconds (`cpu_s`) are user + system time of the build and every process it waited for (workers
  included), from the rusage of reaped children: on a shared machine they move much less than wall time;
- time per stage is read from the run's Dagster event log (STEP_START to STEP_SUCCESS per asset).
Every corpus is copied into a folder, so "1% new" means adding generated articles to that folder.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate_corpus import generate  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"
REAL = {
    "fakes": CORPORA / "fakes" / "FA-KES-Dataset.csv",
    "bbc": CORPORA / "bbc-news" / "bbc-fulltext.jsonl",
    "agnews": CORPORA / "ag-news" / "test.csv",
}
GENERATED = {"gen10k": 10_000, "gen100k": 100_000}
TIME = shutil.which("time", path="/usr/bin")  # GNU time: the peak RSS of the build process (wait4 rusage)


def _tree_rss(proc: psutil.Process) -> int:
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total


def children_cpu() -> float:
    """User + system CPU seconds of every child process reaped so far (and of their reaped children)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_build(folder: Path, warehouse: Path, home: Path, workers: int) -> dict:
    """One `timeline build` subprocess: seconds, CPU seconds, peak RSS (MB), stage seconds, its summary line."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DAGSTER_HOME": str(home)}
    cmd = [sys.executable, "-m", "orchestration.cli", "build", str(folder), "--warehouse", str(warehouse),
           "--workers", str(workers)]
    peak_file = home / "maxrss_kb"
    if TIME:
        cmd = [TIME, "-f", "%M", "-o", str(peak_file), *cmd]
    cpu = children_cpu()
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=home, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        ps = psutil.Process(proc.pid)
        while not done.is_set():
            try:
                peak[0] = max(peak[0], _tree_rss(ps))
            except psutil.NoSuchProcess:
                return
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    cpu = children_cpu() - cpu
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"build failed ({proc.returncode}): {err.strip()[-2000:]}")
    rss_main = round(int(peak_file.read_text().split()[-1]) / 1024) if TIME else None
    return {"seconds": round(seconds, 2), "cpu_s": round(cpu, 2), "rss_main_mb": rss_main,
            "rss_tree_mb": round(peak[0] / 2**20),
            "stages": stage_seconds(home), "summary": out.strip().splitlines()[-1]}


def stage_seconds(home: Path) -> dict[str, float]:
    """Seconds per Dagster step (asset or check) of the latest run stored under DAGSTER_HOME `home`."""
    from dagster import DagsterEventType, DagsterInstance

    with DagsterInstance.from_config(str(home)) as instance:
        runs = instance.get_runs(limit=1)
        if not runs:
            return {}
        starts: dict[str, float] = {}
        seconds: dict[str, float] = {}
        for record in instance.all_logs(runs[0].run_id, of_type={DagsterEventType.STEP_START,
                                                                  DagsterEventType.STEP_SUCCESS}):
            event = record.dagster_event
            if event.event_type == DagsterEventType.STEP_START:
                starts[event.step_key] = record.timestamp
            elif event.step_key in starts:
                seconds[event.step_key] = round(record.timestamp - starts[event.step_key], 2)
        return seconds


def prepare(name: str, work: Path) -> Path | None:
    """The corpus as a folder under `work` (generated on first use), or None when it is absent."""
    folder = work / "corpora" / name
    if folder.exists():
        return folder
    if name in REAL:
        if not REAL[name].exists():
            print(f"skip {name}: {REAL[name]} not found", file=sys.stderr)
            return None
        folder.mkdir(parents=True)
        shutil.copy2(REAL[name], folder / REAL[name].name)
    else:
        generate(GENERATED[name], folder, seed=1)
    return folder


def folder_stats(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def bench(name: str, workers: int, work: Path) -> dict | None:
    source = prepare(name, work)
    if source is None:
        return None
    run = Path(tempfile.mkdtemp(prefix=f"{name}_w{workers}_", dir=work))
    folder = run / "inbox"
    shutil.copytree(source, folder)
    warehouse, home = run / "timeline.duckdb", run / "dagster_home"
    home.mkdir()
    _, size = folder_stats(folder)
    full = run_build(folder, warehouse, home, workers)
    documents = int(full["summary"].split("documents=")[1].split(",")[0])
    noop = run_build(folder, warehouse, home, workers)
    extra = max(1, documents // 100)
    generate(extra, folder / "new_1pct", seed=7)
    incremental = run_build(folder, warehouse, home, workers)
    result = {"corpus": name, "workers": workers, "documents": documents, "input_mb": round(size / 1e6, 1),
              "articles_per_s": round(documents / full["seconds"], 1),
              "mb_per_s": round(size / 1e6 / full["seconds"], 2), "full": full, "noop": noop,
              "new_articles": extra, "incremental": incremental}
    shutil.rmtree(run)
    return result


def markdown(results: list[dict]) -> str:
    head = ("| corpus | workers | documents | MB | build s | articles/s | MB/s | peak RSS main / tree MB "
            "| no-op s | +1% s |")
    lines = [head, "| " + " | ".join("---" for _ in range(head.count("|") - 1)) + " |"]
    for r in results:
        f = r["full"]
        lines.append(f"| {r['corpus']} | {r['workers']} | {r['documents']:,} | {r['input_mb']} | {f['seconds']} "
                     f"| {r['articles_per_s']} | {r['mb_per_s']} | {f['rss_main_mb']} / {f['rss_tree_mb']} "
                     f"| {r['noop']['seconds']} | {r['incremental']['seconds']} ({r['new_articles']} new) |")
    stages = sorted({s for r in results for s in r["full"]["stages"]})
    lines += ["", "| corpus | workers | " + " | ".join(stages) + " |",
              "| " + " | ".join("---" for _ in range(len(stages) + 2)) + " |"]
    lines += [f"| {r['corpus']} | {r['workers']} | " + " | ".join(str(r["full"]["stages"].get(s, "–")) for s in stages)
              + " |" for r in results]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", default=[*REAL, *GENERATED])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--work", type=Path, help="folder for corpora and warehouses (default: a temporary one)")
    parser.add_argument("--json", type=Path, help="append each result as a JSON line to this file")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench_build_"))
    work.mkdir(parents=True, exist_ok=True)
    results = []
    for name in args.corpora:
        for workers in args.workers:
            result = bench(name, workers, work)
            if result is None:
                break
            results.append(result)
            print(json.dumps(result), flush=True)
            if args.json:
                with args.json.open("a") as handle:
                    handle.write(json.dumps(result) + "\n")
    print(markdown(results))


if __name__ == "__main__":
    main()
