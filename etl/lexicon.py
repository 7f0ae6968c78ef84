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


def _bundled(name: str, folder: str) -> tuple[str, str]:
    """(where it is, text) of a bundled data file etl/data/FOLDER/NAME."""
    path = resources.files("etl").joinpath("data", folder, name)
    return f"etl/data/{folder}/{name}", path.read_text(encoding="utf-8")


def extra_dirs() -> list[Path]:
    """The overlay folders listed in $TIMELINE_LEXICONS."""
    value = os.environ.get(ENV_VAR, "")
    return [Path(p) for p in value.split(os.pathsep) if p]


def _rows(where: str, text: str) -> list[tuple[str, dict[str, str]]]:
    """(where: 'file, line N', row) of every data row; blank and '#' lines skipped."""
    numbered = [(n, line) for n, line in enumerate(text.splitlines(), 1)
                if line.strip() and not line.lstrip().startswith("#")]
    reader = csv.DictReader(line for _, line in numbered)
    return [(f"{where}, line {numbered[reader.line_num - 1][0]}", {k: (v or "").strip() for k, v in row.items()})
            for row in reader]


@cache
def _load(name: str, extra: tuple[Path, ...], folder: str) -> tuple[tuple[str, dict[str, str]], ...]:
    rows = _rows(*_bundled(name, folder))
    for directory in extra:
        path = directory / name
        if path.is_file():
            rows.extend(_rows(str(path), path.read_text(encoding="utf-8")))
    return tuple(rows)


def located(name: str, folder: str = "lexicons") -> tuple[tuple[str, dict[str, str]], ...]:
    """(where, row) for every row of `name`: bundled rows, then analysts' additions; `where` names the file
    and line, for messages about a bad value."""
    return _load(name, tuple(extra_dirs()), folder)


def load(name: str, folder: str = "lexicons") -> tuple[dict[str, str], ...]:
    """Rows of lexicon `name` (e.g. 'places.csv'), or of a vocabulary (folder='vocabularies'): bundled
    rows, then analysts' additions.

    Lines starting with '#' are comments. Results are cached per set of extra directories.
    """
    return tuple(row for _, row in located(name, folder))


def split_list(cell: str) -> list[str]:
    """A multi-valued cell: 'a|b|c' -> ['a', 'b', 'c'] (empty cell -> [])."""
    return [part.strip() for part in cell.split("|") if part.strip()]
