"""Load lexicons (places, actors, triggers, publishers ...) from CSV data files.

The bundled files live in etl/data/lexicons/. Analysts extend them without code: every directory
named in $TIMELINE_LEXICONS (os.pathsep-separated) may hold a CSV of the same name whose rows are
appended to the bundled ones. A lexicon is a list of dicts keyed by the CSV header.
"""

from __future__ import annotations

import csv
import os
from functools import cache
from importlib import resources
from pathlib import Path

ENV_VAR = "TIMELINE_LEXICONS"


def _bundled(name: str) -> str:
    return resources.files("etl").joinpath("data", "lexicons", name).read_text(encoding="utf-8")


def _extra_dirs() -> list[Path]:
    value = os.environ.get(ENV_VAR, "")
    return [Path(p) for p in value.split(os.pathsep) if p]


def _rows(text: str) -> list[dict[str, str]]:
    lines = (line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


@cache
def _load(name: str, extra: tuple[Path, ...]) -> tuple[dict[str, str], ...]:
    rows = _rows(_bundled(name))
    for folder in extra:
        path = folder / name
        if path.is_file():
            rows.extend(_rows(path.read_text(encoding="utf-8")))
    return tuple(rows)


def load(name: str) -> tuple[dict[str, str], ...]:
    """Rows of lexicon `name` (e.g. 'places.csv'): bundled rows, then analysts' additions.

    Lines starting with '#' are comments. Results are cached per set of extra directories.
    """
    return _load(name, tuple(_extra_dirs()))


def split_list(cell: str) -> list[str]:
    """A multi-valued cell: 'a|b|c' -> ['a', 'b', 'c'] (empty cell -> [])."""
    return [part.strip() for part in cell.split("|") if part.strip()]
