"""The warehouse schema: DDL and the analyst views, as .sql files applied in file-name order."""

from __future__ import annotations

from importlib import resources


def scripts() -> list[tuple[str, str]]:
    """(file name, SQL text) of every .sql file here, in the order they must be applied."""
    files = sorted(f for f in resources.files("sql").iterdir() if f.name.endswith(".sql"))
    return [(f.name, f.read_text(encoding="utf-8")) for f in files]


def publish_script(name: str) -> str:
    """The SQL of sql/publish/NAME.sql: statements a stage runs to recompute stored rows that views read."""
    return stage_script("publish", name)


def stage_script(folder: str, name: str) -> str:
    """The SQL of sql/FOLDER/NAME.sql: statements a pipeline stage runs (not part of the schema)."""
    return resources.files("sql").joinpath(folder, f"{name}.sql").read_text(encoding="utf-8")
