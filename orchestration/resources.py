"""Dagster resources: where the warehouse lives and how stages get a connection to it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
from dagster import ConfigurableResource

from etl import store

DEFAULT_WAREHOUSE = Path("warehouse") / "timeline.duckdb"


def default_warehouse_path() -> Path:
    """$TIMELINE_WAREHOUSE if set, else warehouse/timeline.duckdb under the current folder."""
    return Path(os.environ.get("TIMELINE_WAREHOUSE") or DEFAULT_WAREHOUSE)


class WarehouseResource(ConfigurableResource):
    """The published DuckDB file and its private staging copy (see etl/store.py)."""

    path: str = ""

    @property
    def published(self) -> Path:
        return Path(self.path) if self.path else default_warehouse_path()

    @contextmanager
    def read_published(self) -> Iterator[duckdb.DuckDBPyConnection | None]:
        """A read-only connection to the published warehouse, or None before the first build."""
        if not self.published.exists():
            yield None
            return
        con = duckdb.connect(str(self.published), read_only=True)
        try:
            yield con
        finally:
            con.close()

    def start_staging(self) -> None:
        store.start_staging(self.published)

    def has_staging(self) -> bool:
        return store.staging_path(self.published).exists()

    def discard_staging(self) -> None:
        store.staging_path(self.published).unlink(missing_ok=True)

    @contextmanager
    def staging(self) -> Iterator[duckdb.DuckDBPyConnection | None]:
        """The run's staging warehouse, or None when this run has nothing to write."""
        if not self.has_staging():
            yield None
            return
        con = store.connect(store.staging_path(self.published))
        try:
            yield con
        finally:
            con.close()

    def publish(self) -> bool:
        """Publish the staging file if this run made one; False when there was nothing to publish."""
        if not self.has_staging():
            return False
        store.publish(self.published)
        return True
