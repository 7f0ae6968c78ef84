"""Dagster wiring for event-timeline: thin assets over etl/ stages (no extraction logic here)."""

from orchestration.definitions import defs

__all__ = ["defs"]
