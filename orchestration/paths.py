"""Where a warehouse and what lives beside it are: the default file, its Dagster instance, its charts.

Each companion is named after the warehouse file's stem, so two warehouses in one folder never share a Dagster
instance nor overwrite each other's charts. No Dagster, DuckDB or polars import here: `timeline --help` and
`timeline query` import this and must start fast.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_WAREHOUSE = Path("warehouse") / "timeline.duckdb"


def default_warehouse_path() -> Path:
    """$TIMELINE_WAREHOUSE if set, else warehouse/timeline.duckdb under the current folder."""
    return Path(os.environ.get("TIMELINE_WAREHOUSE") or DEFAULT_WAREHOUSE)


def dagster_home(warehouse: Path) -> Path:
    """The Dagster instance of `warehouse`: $DAGSTER_HOME if set, else `<stem>_dagster/` beside the file. The CLI
    build, `timeline ui` and the sensor and schedule it runs all use this one, so the UI shows every run."""
    env = os.environ.get("DAGSTER_HOME")
    return Path(env) if env else warehouse.resolve().parent / f"{warehouse.stem}_dagster"


def charts_folder(warehouse: Path) -> Path:
    """Where the timeline_charts asset draws the charts of `warehouse`: `<stem>_charts/` beside the file."""
    return warehouse.resolve().parent / f"{warehouse.stem}_charts"

# The instance's dagster.yaml: runs that write the warehouse wait for each other (jobs carry this tag).
INSTANCE_YAML = """\
# Written by `timeline build` or `timeline ui`: runs that write the warehouse wait for each other.
run_queue:
  max_concurrent_runs: 4
  tag_concurrency_limits:
    - key: "timeline/warehouse"
      limit: 1
telemetry:
  enabled: false
nux:
  enabled: false  # no "join the community" pop-up over the UI
"""


def ensure_dagster_home(warehouse: Path) -> Path:
    """The warehouse's Dagster home (dagster_home), created with INSTANCE_YAML if it has no dagster.yaml yet."""
    home = dagster_home(warehouse)
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(INSTANCE_YAML)
    return home
