"""Dagster wiring for event-timeline: thin assets over etl/ stages (no extraction logic here).

`defs` (what `dagster dev -m orchestration` loads) is imported on first use, not with the package: the `timeline`
command lives here too and must not import Dagster to print its help or run a query.
"""

from typing import Any

__all__ = ["defs"]


def __getattr__(name: str) -> Any:
    if name == "defs":
        from orchestration.definitions import defs

        return defs
    raise AttributeError(f"module 'orchestration' has no attribute {name!r}")


def __dir__() -> list[str]:
    return [*globals(), "defs"]
