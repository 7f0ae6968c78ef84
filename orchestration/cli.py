"""The `timeline` command line (shared/CONTRACT.md): build, query, ui.

`build` materialises the same Dagster assets the UI and schedules run, in-process.
`query` opens the warehouse read-only: it cannot write.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from pathlib import Path

import duckdb
import polars as pl

from etl import store
from orchestration.cli_analyst import add_commands as add_analyst_commands
from orchestration.resources import default_warehouse_path

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


def build(paths: list[str], warehouse: Path, workers: int = 1) -> bool:
    """Run the asset graph on `paths` into `warehouse`; True when a new state was published."""
    from dagster import DagsterInstance, materialize

    from etl.ingest import default_inputs
    from etl.ingest_stage import scan
    from orchestration.assets import TIMELINE_ASSETS
    from orchestration.checks import TIMELINE_CHECKS
    from orchestration.partitions import batch_key, inbox_batches
    from orchestration.resources import WarehouseResource

    roots = [Path(p).resolve() for p in paths] or default_inputs()
    found = scan(roots)
    key = batch_key(found, sorted(found.fingerprints["input_file"]))
    config = {"paths": [str(r) for r in roots]}
    stage_config = {"shards": 0, "workers": workers}  # in-process: each stage streamed in its writer step
    run_config = {
        "ops": {
            "raw_documents": {"config": config},
            **{name: {"config": stage_config} for name in ("documents", "claim_mentions", "event_mentions")},
        },
        "loggers": {"console": {"config": {"log_level": "WARNING"}}},
    }
    instance = DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else DagsterInstance.ephemeral()
    instance.add_dynamic_partitions(inbox_batches.name, [key])
    with store.build_lock(warehouse):
        result = materialize(
            [*TIMELINE_ASSETS, *TIMELINE_CHECKS], run_config=run_config, instance=instance, raise_on_error=False,
            partition_key=key,
            resources={"warehouse": WarehouseResource(path=str(warehouse.resolve()))},
        )
    failed = [e for e in result.get_asset_check_evaluations() if not e.passed]
    if failed:
        names = ", ".join(f"{f.check_name} ({f.metadata['offenders'].value} rows)" for f in failed)
        raise BuildError(f"checks failed, warehouse not published: {names}")
    if not result.success:
        errors = [e.step_failure_data.error for e in result.all_events if e.is_step_failure]
        raise BuildError(f"build failed: {errors[0].message.strip() if errors else 'unknown error'}")
    published = result.asset_materializations_for_node("published_warehouse")[0].metadata["published"]
    return bool(published.value)


def _cmd_build(args: argparse.Namespace) -> int:
    warehouse = _warehouse(args)
    published = build(args.paths, warehouse, args.workers)
    with store.read_only(warehouse) as con:
        row = con.sql(SUMMARY_SQL).pl().row(0, named=True)
    status = "published" if published else "nothing new; warehouse unchanged"
    print(f"{status}: {warehouse}")
    print(", ".join(f"{k}={v}" for k, v in row.items()))
    return 0


def _print_frame(frame: pl.DataFrame, fmt: str) -> None:
    if fmt == "csv":
        sys.stdout.write(frame.write_csv())
    elif fmt == "json":
        print(json.dumps(frame.to_dicts(), default=str, indent=1))
    else:
        with pl.Config(tbl_rows=-1, tbl_cols=-1, fmt_str_lengths=60, tbl_width_chars=200,
                       tbl_hide_dataframe_shape=True, tbl_hide_column_data_types=True):
            print(frame)


def _cmd_query(args: argparse.Namespace) -> int:
    warehouse = _warehouse(args)
    if not warehouse.exists():
        raise FileNotFoundError(f"no warehouse at {warehouse}: run `timeline build` first")
    # read_only stops writes to the warehouse; no external access stops COPY ... TO and reading files
    # (a DuckLake front file's lake is attached first, and its data path stays readable).
    with store.read_only(warehouse, external_access=False) as con:
        relation = con.sql(args.sql)
        if relation is None:
            raise ValueError("the statement returned no rows: `timeline query` only reads")
        frame = relation.pl()
    _print_frame(frame, args.format)
    return 0


def _cmd_ui(args: argparse.Namespace) -> int:
    """Exec `dagster dev` on 127.0.0.1 with DAGSTER_HOME next to the warehouse."""
    warehouse = _warehouse(args).resolve()
    home = Path(os.environ.get("DAGSTER_HOME") or warehouse.parent / "dagster_home")
    home.mkdir(parents=True, exist_ok=True)
    instance_yaml = home / "dagster.yaml"
    if not instance_yaml.exists():
        from orchestration.jobs import INSTANCE_YAML

        instance_yaml.write_text(INSTANCE_YAML)
    env = {**os.environ, "DAGSTER_HOME": str(home), "TIMELINE_WAREHOUSE": str(warehouse)}
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_DFL)
    dagster = Path(sys.executable).with_name("dagster")
    os.execve(str(dagster), [str(dagster), "dev", "-m", "orchestration", "-h", "127.0.0.1", "-p", str(args.port)],
              env)
    return 0  # not reached


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="timeline", description=__doc__.splitlines()[0])
    sub = top.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="ingest files/folders and publish the warehouse")
    b.add_argument("paths", nargs="*", help="files or folders (default: $TIMELINE_INBOX, else the sample corpus)")
    b.add_argument("--warehouse", help="DuckDB file (default: $TIMELINE_WAREHOUSE or warehouse/timeline.duckdb)")
    b.add_argument("--workers", type=int, default=int(os.environ.get("TIMELINE_WORKERS", "1")),
                   help="processes for extraction (default: $TIMELINE_WORKERS or 1)")
    b.set_defaults(func=_cmd_build)
    q = sub.add_parser("query", help="run SQL on a read-only connection")
    q.add_argument("sql")
    q.add_argument("--warehouse")
    q.add_argument("--format", choices=["table", "csv", "json"], default="table")
    q.set_defaults(func=_cmd_query)
    u = sub.add_parser("ui", help="start the Dagster UI on 127.0.0.1")
    u.add_argument("--warehouse")
    u.add_argument("--port", type=int, default=3000)
    u.set_defaults(func=_cmd_ui)
    add_analyst_commands(sub)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except (BuildError, FileNotFoundError, duckdb.Error, OSError, ValueError) as err:
        print(f"timeline: {err}".splitlines()[0], file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
