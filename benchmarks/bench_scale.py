"""Every figure issue 22 sets a target for, in one run on this machine, beside the naive peer and a regex floor.

usage: python benchmarks/bench_scale.py [--articles 100000] [--peer-limit 200] [--work DIR] [--json FILE]
       (or `make bench`)

Parts, in this order, each preceded by the 1-minute load average (the machine may be shared: CPU seconds and
ratios measured in this same run move much less with other users' load than wall seconds do):
1. Real corpora, FA-KES (CSV) and BBC (JSONL): `timeline build FILE --workers 1` end to end in a fresh warehouse
   (a subprocess: interpreter start, imports and Dagster included; wall and CPU seconds, CPU = user + system of
   the build and its workers), against the naive peer end to end (`bench_naive.py --peer FILE`, a subprocess:
   dateparser `search_dates` + quantulum3 over each article, imports included) on the first `--peer-limit`
   articles (0 = all; the peer costs ~0.3 CPU s an article, so the whole of BBC takes about 10 CPU minutes),
   and the regex floor (one compiled regex pass over the same texts, in this process, reading excluded).
   The ratio is articles per CPU second, ours over the peer's: both single-process, both whole commands.
2. Generated 10,000 articles (benchmarks/generate_corpus.py, seed 1): build with 2 workers, then the same
   command again with nothing new (the no-op).
3. Generated `--articles` (default 100,000): build with 2 workers (wall, CPU, peak RSS of the build process and
   of its whole tree, seconds per Dagster step, warehouse size), a no-op, then +1% (articles/100 more generated
   articles, seed 7, in the same folder).
4. Start-up: `timeline --help` and `timeline query "SELECT 1"` on that warehouse, whole commands (median of 5).
5. Every analyst view on that warehouse (benchmarks/bench_views.py's lookups, filled with the location that has
   the most claim mentions and one document): median of 5 of connect (`etl.store.read_only`, the connection
   `timeline query` opens) + query + fetch in this process (imports already done; connect time also given alone),
   and the lookup as a whole `timeline query` command (median of 3); wall and CPU (in-process: process_time,
   which counts DuckDB's threads too).
Prints a JSON line per part and markdown tables at the end (written to --json as well).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_build import REAL, children_cpu, prepare, run_build  # noqa: E402
from bench_naive import corpus_texts, regex_floor  # noqa: E402
from bench_views import lookups, relations  # noqa: E402
from generate_corpus import generate  # noqa: E402

from etl.store import read_only  # noqa: E402

TIMELINE = [sys.executable, "-m", "orchestration.cli"]


def load() -> float:
    return round(os.getloadavg()[0], 1)


def timed(cmd: list[str], cwd: Path) -> tuple[float, float, str]:
    """Wall and CPU seconds (the process and its reaped children) of one command, and its stdout."""
    cpu = children_cpu()
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{cmd} failed: {done.stderr.strip()[-2000:]}")
    return round(wall, 2), round(children_cpu() - cpu, 2), done.stdout


def fresh_build(folder: Path, work: Path, workers: int) -> tuple[dict, Path, Path]:
    """A build of `folder` into a new warehouse and DAGSTER_HOME under `work`: its figures, warehouse, home."""
    run = Path(tempfile.mkdtemp(prefix=f"{folder.name}_w{workers}_", dir=work))
    warehouse, home = run / "timeline.duckdb", run / "dagster_home"
    home.mkdir()
    return run_build(folder, warehouse, home, workers), warehouse, home


def documents(summary: str) -> int:
    return int(summary.split("documents=")[1].split(",")[0])


def real_corpus(name: str, work: Path, peer_limit: int) -> dict | None:
    """Part 1 for one corpus: ours end to end (1 worker), the peer end to end, the regex floor."""
    folder = prepare(name, work)
    if folder is None:
        return None
    result = {"part": "real", "corpus": name, "load": load()}
    ours, warehouse, _ = fresh_build(folder, work, 1)
    shutil.rmtree(warehouse.parent)
    result["ours"] = {**ours, "documents": documents(ours["summary"])}
    wall, cpu, out = timed([sys.executable, str(ROOT / "benchmarks" / "bench_naive.py"), "--peer", str(REAL[name]),
                            *(["--limit", str(peer_limit)] if peer_limit else [])], work)
    result["peer"] = {"seconds": wall, "cpu_s": cpu, **json.loads(out.strip().splitlines()[-1])}
    texts = corpus_texts(REAL[name])
    started = time.process_time()
    regex_floor(texts)
    result["floor"] = {"articles": len(texts), "cpu_s": round(time.process_time() - started, 3)}
    ours_rate = result["ours"]["documents"] / result["ours"]["cpu_s"]
    result["ratio_cpu"] = round(ours_rate / (result["peer"]["articles"] / result["peer"]["cpu_s"]), 1)
    result["floor_over_ours_cpu"] = round(len(texts) / result["floor"]["cpu_s"] / ours_rate, 1)
    return result


def generated(n: int, work: Path, plus_one_percent: bool) -> tuple[dict, Path]:
    """Parts 2-3: a build of n generated articles with 2 workers, a no-op, optionally +1%."""
    folder = work / "corpora" / f"gen{n}"
    if not folder.exists():
        generate(n, folder, seed=1)
    result = {"part": "generated", "articles": n, "load": load()}
    result["full"], warehouse, home = fresh_build(folder, work, 2)
    result["warehouse_mb"] = round(warehouse.stat().st_size / 2**20)
    result["load_noop"] = load()
    result["noop"] = run_build(folder, warehouse, home, 2)
    if plus_one_percent:
        extra = work / f"gen{n}_plus1pct"
        shutil.rmtree(extra, ignore_errors=True)
        generate(n // 100, extra, seed=7)
        shutil.copytree(extra, folder / "new_1pct")
        result["load_plus"] = load()
        try:
            result["plus_one_percent"] = {**run_build(folder, warehouse, home, 2), "new_articles": n // 100}
        finally:
            shutil.rmtree(folder / "new_1pct")
    return result, warehouse


def median_command(cmd: list[str], work: Path, runs: int) -> dict[str, float]:
    """Median wall and CPU seconds of `runs` runs of a whole command."""
    times = [timed(cmd, work)[:2] for _ in range(runs)]
    return {"seconds": statistics.median(t[0] for t in times), "cpu_s": statistics.median(t[1] for t in times)}


def startup(warehouse: Path, work: Path) -> dict:
    """Part 4: whole-command wall and CPU seconds of `timeline --help` and `timeline query`, median of 5."""
    commands = {"timeline --help": [*TIMELINE, "--help"],
                "timeline query": [*TIMELINE, "query", "SELECT 1", "--warehouse", str(warehouse)]}
    return {"part": "startup", "load": load(), **{name: median_command(cmd, work, 5) for name, cmd in commands.items()}}


def views(warehouse: Path, work: Path) -> dict:
    """Part 5: each analyst view's lookup, connect included (in this process), and as a `timeline query` command."""
    with read_only(warehouse) as con:
        location = con.execute("SELECT location FROM claim_mentions WHERE location IS NOT NULL "
                               "GROUP BY ALL ORDER BY count(*) DESC, location LIMIT 1").fetchone()[0]
        doc_id = con.execute("SELECT min(doc_id) FROM claim_mentions").fetchone()[0]
        present = relations(con)
    result = {"part": "views", "load": load(), "location": location, "doc_id": doc_id, "views": {}}
    connects = []
    for view, sql in lookups(location, doc_id).items():
        if view not in present:
            continue
        total, cpu = [], []
        for _ in range(5):
            started, started_cpu = time.perf_counter(), time.process_time()
            with read_only(warehouse) as con:
                connects.append(time.perf_counter() - started)
                rows = len(con.execute(sql).fetchall())
            total.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        command = median_command([*TIMELINE, "query", sql, "--warehouse", str(warehouse), "--format", "json"], work, 3)
        result["views"][view] = {"rows": rows, "connect_query_ms": round(statistics.median(total) * 1000, 1),
                                 "connect_query_cpu_ms": round(statistics.median(cpu) * 1000, 1), "command": command}
    result["connect_ms"] = round(statistics.median(connects) * 1000, 1)
    return result


def markdown(parts: list[dict]) -> str:
    lines = []
    for p in parts:
        if p["part"] == "real":
            o, q = p["ours"], p["peer"]
            lines += [f"{p['corpus']} (load {p['load']}): ours {o['documents']:,} articles in {o['seconds']} s wall / "
                      f"{o['cpu_s']} CPU s ({o['documents'] / o['cpu_s']:.1f} articles per CPU s); naive peer "
                      f"{q['articles']:,} articles in {q['seconds']} s wall / {q['cpu_s']} CPU s "
                      f"({q['articles'] / q['cpu_s']:.2f} per CPU s); regex floor {p['floor']['articles']:,} in "
                      f"{p['floor']['cpu_s']} CPU s. Ours / peer **{p['ratio_cpu']}x**; floor / ours "
                      f"{p['floor_over_ours_cpu']}x."]
        elif p["part"] == "generated":
            f, n = p["full"], p["noop"]
            line = (f"generated {p['articles']:,} (load {p['load']}), 2 workers: build {f['seconds']} s wall / "
                    f"{f['cpu_s']} CPU s, peak RSS main {f['rss_main_mb']} MB / tree {f['rss_tree_mb']} MB, "
                    f"warehouse {p['warehouse_mb']} MB; no-op (load {p['load_noop']}) {n['seconds']} s wall / "
                    f"{n['cpu_s']} CPU s")
            if "plus_one_percent" in p:
                a = p["plus_one_percent"]
                line += (f"; +1% ({a['new_articles']:,} new, load {p['load_plus']}) {a['seconds']} s wall / "
                         f"{a['cpu_s']} CPU s")
            lines += [line + ".", "", "| run | " + " | ".join(sorted(f["stages"])) + " |",
                      "| " + " | ".join("---" for _ in range(len(f["stages"]) + 1)) + " |"]
            for name in ("full", "noop", "plus_one_percent"):
                if name in p:
                    lines.append(f"| {name} | " + " | ".join(str(p[name]["stages"].get(s, "–"))
                                                             for s in sorted(f["stages"])) + " |")
        elif p["part"] == "startup":
            lines.append(f"start-up (load {p['load']}), whole commands, median of 5, wall / CPU s: timeline --help "
                         f"{p['timeline --help']['seconds']:.2f} / {p['timeline --help']['cpu_s']:.2f}, "
                         f"timeline query {p['timeline query']['seconds']:.2f} / {p['timeline query']['cpu_s']:.2f}.")
        elif p["part"] == "views":
            lines += [f"views (load {p['load']}, location {p['location']!r}; connect alone {p['connect_ms']} ms):", "",
                      "| view | rows | connect + query ms (wall / CPU) | `timeline query` s (wall / CPU) |",
                      "| --- | --- | --- | --- |"]
            lines += [f"| {v} | {r['rows']:,} | {r['connect_query_ms']} / {r['connect_query_cpu_ms']} "
                      f"| {r['command']['seconds']} / {r['command']['cpu_s']} |" for v, r in p["views"].items()]
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--peer-limit", type=int, default=200, help="articles per corpus for the peer (0 = all)")
    parser.add_argument("--work", type=Path, help="folder for corpora and warehouses (default: a temporary one)")
    parser.add_argument("--json", type=Path, help="append each part as a JSON line to this file")
    parser.add_argument("--skip", nargs="*", default=[], choices=["real", "10k"], help="parts to leave out")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench_scale_"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"cpus {os.cpu_count()}, load {os.getloadavg()}, work {work}", flush=True)
    parts = []

    def record(part: dict | None) -> None:
        if part is None:
            return
        parts.append(part)
        print(json.dumps(part), flush=True)
        if args.json:
            with args.json.open("a") as handle:
                handle.write(json.dumps(part) + "\n")

    if "real" not in args.skip:
        for name in ("fakes", "bbc"):
            record(real_corpus(name, work, args.peer_limit))
    if "10k" not in args.skip:
        record(generated(10_000, work, plus_one_percent=False)[0])
    big, warehouse = generated(args.articles, work, plus_one_percent=True)
    record(big)
    record(startup(warehouse, work))
    record(views(warehouse, work))
    print(markdown(parts))


if __name__ == "__main__":
    main()
