"""The `timeline` command line (shared/CONTRACT.md): build, query, ui.

`build` materialises the same Dagster assets the UI and schedules run, in-process.
`query` opens the warehouse read-only: it cannot write.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from orchestration.cli_analyst import add_commands as add_analyst_commands
from orchestration.paths import default_warehouse_path, ensure_dagster_home

# Imports are lazy (inside the commands): `timeline --help` and `timeline query` must not pay for Dagster,
# polars or matplotlib (python -X importtime; docs/benchmarks.md).
SUPERSEDED_WARNING = "ignore:Function `dev_command` is superseded"
WAREHOUSE_HELP = "DuckDB file (default: $TIMELINE_WAREHOUSE, else warehouse/timeline.duckdb)"

if TYPE_CHECKING:
    from dagster._utils.error import SerializableErrorInfo

SUMMARY_SQL = """
SELECT (SELECT count(*) FROM documents) AS documents,
       (SELECT count(*) FROM quarantine) AS quarantined,
       (SELECT count(*) FROM claim_mentions) AS claims,
       (SELECT count(*) FROM observations) AS observations,
       (SELECT count(*) FROM events) AS events
"""


class BuildError(RuntimeError):
    """A build that ran but must not be published (a blocking check failed)."""


def _warehouse(args: argparse.Namespace) -> Path:
    return Path(args.warehouse) if args.warehouse else default_warehouse_path()


def build(paths: list[str], warehouse: Path, workers: int = 1, rescan: bool = False) -> bool:
    """Run the asset graph on `paths` into `warehouse`; True when a new state was published. `rescan` hashes every
    file instead of trusting unchanged sizes and mtimes."""
    from dagster import DagsterInstance, materialize

    from etl import store
    from etl.ingest import default_inputs
    from orchestration.assets import TIMELINE_ASSETS
    from orchestration.checks import TIMELINE_CHECKS
    from orchestration.resources import WarehouseResource

    roots = [Path(p).resolve() for p in paths] or default_inputs()
    missing = [str(r) for r in roots if not r.exists() and not r.is_symlink()]
    if missing:  # before any run starts, so the reason is one line and nothing is recorded
        raise FileNotFoundError(f"input path does not exist: {', '.join(missing)}")
    config = {"paths": [str(r) for r in roots], "rescan": rescan}
    stage_config = {"shards": 0, "workers": workers}  # in-process: each stage streamed in its writer step
    run_config = {
        "ops": {
            "raw_documents": {"config": config},
            **{name: {"config": stage_config} for name in ("documents", "claim_mentions", "event_mentions")},
        },
        "loggers": {"console": {"config": {"log_level": "WARNING"}}},
    }
    # the warehouse's own instance, the one `timeline ui` opens: the UI shows this run and its checks
    with DagsterInstance.from_config(str(ensure_dagster_home(warehouse))) as instance, store.build_lock(warehouse):
        result = materialize(
            [*TIMELINE_ASSETS, *TIMELINE_CHECKS], run_config=run_config, instance=instance, raise_on_error=False,
            resources={"warehouse": WarehouseResource(path=str(warehouse.resolve()))},
        )
    failed = [e for e in result.get_asset_check_evaluations() if not e.passed]
    if failed:
        names = ", ".join(f"{f.check_name} ({f.metadata['offenders'].value} rows)" for f in failed)
        raise BuildError(f"checks failed, warehouse not published: {names}")
    if not result.success:
        errors = [e.step_failure_data.error for e in result.all_events if e.is_step_failure]
        raise BuildError(f"build failed: {_error_chain(errors[0]) if errors else 'unknown error'}")
    published = result.asset_materializations_for_node("published_warehouse")[0].metadata["published"]
    return bool(published.value)


def _error_chain(error: SerializableErrorInfo) -> str:
    """A step error and every cause under it on one line: the root cause ("No space left on device") is often
    only in the cause."""
    parts: list[str] = []
    while error is not None:
        first = error.message.strip().splitlines()[0] if error.message.strip() else error.cls_name or ""
        if first and first not in parts:
            parts.append(first)
        error = error.cause or error.context
    return ": ".join(parts)


def _one_line(err: BaseException) -> str:
    """An exception and its causes (raise ... from, or during handling) as one line."""
    parts: list[str] = []
    while err is not None:
        text = " ".join(str(err).split()) or type(err).__name__
        if text not in parts:
            parts.append(text)
        err = err.__cause__ or err.__context__
    return ": ".join(parts)


def _workers(text: str) -> int:
    """--workers / $TIMELINE_WORKERS: a positive integer (argparse reports anything else as a usage error)."""
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"workers must be a positive integer, not {text!r}")
    return int(text)


def _cmd_build(args: argparse.Namespace) -> int:
    from etl import store

    warehouse = _warehouse(args)
    published = build(args.paths, warehouse, args.workers, args.rescan)
    with store.read_only(warehouse) as con:
        row = con.sql(SUMMARY_SQL).pl().row(0, named=True)
    status = "published" if published else "nothing new; warehouse unchanged"
    print(f"{status}: {warehouse}")
    print(", ".join(f"{k}={v}" for k, v in row.items()))
    return 0


def _text(value: Any) -> Any:
    """A cell as CSV holds it: lists and structs as JSON text (CSV has no nested values), the rest unchanged."""
    return json.dumps(value, default=str, ensure_ascii=False) if isinstance(value, list | dict) else value


def _print_rows(columns: list[str], rows: list[tuple], fmt: str) -> None:
    """Print a result as CSV (list columns as JSON text) or JSON (lists as arrays)."""
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_text(v) for v in row] for row in rows)
    else:
        print(json.dumps([dict(zip(columns, row, strict=True)) for row in rows], default=str, indent=1,
                         ensure_ascii=False))


def _cmd_query(args: argparse.Namespace) -> int:
    from etl import store

    warehouse = _warehouse(args)
    if not warehouse.exists():
        raise FileNotFoundError(f"no warehouse at {warehouse}: run `timeline build` first")
    # read_only stops writes to the warehouse; no external access stops COPY ... TO and reading files
    # (a DuckLake front file's lake is attached, and its data path stays readable).
    with store.read_only(warehouse) as con:
        relation = con.sql(args.sql)
        if relation is None:
            raise ValueError("the statement returned no rows: `timeline query` only reads")
        if args.format == "table":
            relation.show(max_width=200, max_rows=sys.maxsize, max_col_width=60, null_value="NULL")
            return 0
        columns, rows = relation.columns, relation.fetchall()
    _print_rows(columns, rows, args.format)
    return 0


def _cmd_ui(args: argparse.Namespace) -> int:
    """Exec `dagster dev` on 127.0.0.1 with the warehouse's Dagster instance (the one `timeline build` records in)."""
    warehouse = _warehouse(args).resolve()
    home = ensure_dagster_home(warehouse)
    env = {**os.environ, "DAGSTER_HOME": str(home), "TIMELINE_WAREHOUSE": str(warehouse),
           # `dagster dev` warns on every start that `dg dev` supersedes it; dg needs a dg project layout
           "PYTHONWARNINGS": ",".join(filter(None, [os.environ.get("PYTHONWARNINGS"), SUPERSEDED_WARNING]))}
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_DFL)
    dagster = Path(sys.executable).with_name("dagster")
    os.execve(str(dagster), [str(dagster), "dev", "-m", "orchestration", "-h", "127.0.0.1", "-p", str(args.port)],
              env)
    return 0  # not reached


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="timeline", description=__doc__.splitlines()[0])
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    b = sub.add_parser("build", help="ingest files/folders and publish the warehouse",
                       description="Ingest files and folders (.txt, .html, .json, .jsonl, .csv), extract, "
                                   "deduplicate and publish the warehouse; the run is recorded in the warehouse's "
                                   "Dagster instance (<stem>_dagster/ beside it, or $DAGSTER_HOME).")
    b.add_argument("paths", nargs="*", help="files or folders (default: $TIMELINE_INBOX, else the sample corpus)")
    b.add_argument("--warehouse", help=WAREHOUSE_HELP)
    b.add_argument("--workers", type=_workers, default=os.environ.get("TIMELINE_WORKERS", "1"),
                   help="processes for extraction (default: $TIMELINE_WORKERS or 1)")
    b.add_argument("--rescan", action="store_true",
                   help="hash every input file, not only those whose size or mtime changed")
    b.set_defaults(func=_cmd_build)
    q = sub.add_parser("query", help="run SQL on a read-only connection and print the result",
                       description="Run one SQL statement on a read-only connection (no writes, no file access).")
    q.add_argument("sql", help="the statement, e.g. \"SELECT * FROM control_timeline ORDER BY as_of\"")
    q.add_argument("--warehouse", help=WAREHOUSE_HELP)
    q.add_argument("--format", choices=["table", "csv", "json"], default="table",
                   help="output: an aligned table (default), CSV with a header (list columns as JSON text), "
                        "or a JSON array of objects")
    q.set_defaults(func=_cmd_query)
    u = sub.add_parser("ui", help="start the Dagster UI on 127.0.0.1",
                       description="Start `dagster dev` for the asset graph, its sensor and schedule, on the "
                                   "warehouse's Dagster instance (the one `timeline build` records its runs in).")
    u.add_argument("--warehouse", help=WAREHOUSE_HELP + "; the runs the UI launches write it")
    u.add_argument("--port", type=int, default=3000, help="port of the UI on 127.0.0.1 (default: 3000)")
    u.set_defaults(func=_cmd_ui)
    add_analyst_commands(sub)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except Exception as err:
        if not _reportable(err):
            raise
        print(f"timeline: {_one_line(err)}", file=sys.stderr)
        return 2


def _reportable(err: Exception) -> bool:
    """A user-facing failure printed as one line (a bad path, bad SQL, a failed build), not a bug's traceback."""
    duckdb = sys.modules.get("duckdb")  # loaded by whichever command hit a DuckDB error
    return isinstance(err, BuildError | FileNotFoundError | OSError | ValueError) or (
        duckdb is not None and isinstance(err, duckdb.Error))


if __name__ == "__main__":
    sys.exit(main())
