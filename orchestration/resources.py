"""Dagster resources: where the warehouse lives and how stages get a connection to it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
from dagster import ConfigurableResource

from etl import store
from etl.lake import Lake
from orchestration.paths import charts_folder, dagster_home, default_warehouse_path

# Op tags saying how a step opens the run's staging warehouse. In file mode one process may hold the DuckDB file
# read-write, excluding every other, so the job graph orders every writer step after every step before it
# (tests/test_orchestration.py checks this on the execution plan); read-only steps may run side by side.
READS_STAGING = {"timeline/staging": "read"}
WRITES_STAGING = {"timeline/staging": "write"}


def warehouse_files(warehouse: Path) -> frozenset[Path]:
    """Everything a warehouse keeps beside itself (etl.store.own_files, its Dagster instance, its charts): a scan of
    a folder holding the warehouse skips them, so a re-run finds nothing new."""
    return store.own_files(warehouse) | {dagster_home(warehouse), charts_folder(warehouse)}


class WarehouseResource(ConfigurableResource):
    """The published DuckDB file and its private staging copy (see etl/store.py); with a catalog, the
    tables live in a DuckLake (etl/lake.py) and the published file is its front file."""

    path: str = ""
    catalog: str = ""  # after 'ducklake:' in ATTACH; empty: $TIMELINE_CATALOG, and file mode if that is unset
    data_path: str = ""  # the lake's Parquet folder or object-store prefix; empty: $TIMELINE_DATA_PATH

    @property
    def published(self) -> Path:
        return Path(self.path) if self.path else default_warehouse_path()

    @property
    def lake(self) -> Lake | None:
        return Lake.from_settings(self.catalog or os.environ.get("TIMELINE_CATALOG", ""),
                                  self.data_path or os.environ.get("TIMELINE_DATA_PATH", ""))

    @contextmanager
    def read_published(self) -> Iterator[duckdb.DuckDBPyConnection | None]:
        """A read-only connection to the published warehouse, or None before the first build."""
        if not self.published.exists():
            yield None
            return
        con = store.read_only(self.published)
        try:
            yield con
        finally:
            con.close()

    def start_staging(self) -> None:
        store.start_staging(self.published, self.lake)

    def has_staging(self) -> bool:
        return store.staging_path(self.published).exists()

    def discard_staging(self) -> None:
        store.staging_path(self.published).unlink(missing_ok=True)

    @contextmanager
    def staging(self) -> Iterator[duckdb.DuckDBPyConnection | None]:
        """The run's staging warehouse, read-write, or None when this run has nothing to write. In file mode no
        other process may open the file meanwhile: only steps tagged WRITES_STAGING use this."""
        with self._open_staging(read_only=False) as con:
            yield con

    @contextmanager
    def read_staging(self) -> Iterator[duckdb.DuckDBPyConnection | None]:
        """The run's staging warehouse for a step that only reads (tagged READS_STAGING), or None when this run has
        nothing to write. File mode: a read-only connection, which any number of processes may hold at once while
        no process holds the file read-write. DuckLake mode: a connection to the lake, which many processes and
        machines may open at once."""
        with self._open_staging(read_only=True) as con:
            yield con

    @contextmanager
    def _open_staging(self, read_only: bool) -> Iterator[duckdb.DuckDBPyConnection | None]:
        if not self.has_staging():
            yield None
            return
        lake = self.lake
        if read_only and lake is None:
            con = store.connect(store.staging_path(self.published), read_only=True)
        else:
            con = store.connect_staging(self.published, lake)
        try:
            yield con
        finally:
            con.close()

    def publish(self) -> bool:
        """Publish the staging file if this run made one; False when there was nothing to publish."""
        if not self.has_staging():
            return False
        store.publish(self.published, self.lake)
        return True
