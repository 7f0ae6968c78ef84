"""The controlled vocabularies (metric with unit, qualifier, modality, count kind, event type with its PLOVER code
and behaviour, date precision), declared once as data in etl/data/vocabularies/*.csv.

Extraction validates its lexicons against them, the blocking checks accept only their values, the column
comments and the data dictionary list them, and event deduplication takes each event type's behaviour
from them. An analyst's $TIMELINE_LEXICONS folder may hold a file of the same name whose rows add values
(a metric, an event type with its behaviour). A value that is misspelt, unknown or malformed stops the
build with a VocabularyError naming the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from etl import lexicon

if TYPE_CHECKING:  # polars only where the checks need a frame: `timeline query` must not import it
    import polars as pl

FOLDER = "vocabularies"
NAMES = ("metric", "qualifier", "modality", "count_kind", "event_type", "date_precision")
FLAGS = ("speech_act", "place_defined", "same_day", "shared_words")
_VALUE = re.compile(r"[a-z][a-z0-9_]*")
_PLACEHOLDER = re.compile(r"\{\{vocabulary:(\w+)\}\}")


class VocabularyError(ValueError):
    """A vocabulary file, or a lexicon row using a vocabulary, holds a value it should not."""


@dataclass(frozen=True)
class EventType:
    """An event type's PLOVER code and how its mentions behave (etl/data/vocabularies/event_type.csv)."""

    plover_code: str
    speech_act: bool
    place_defined: bool
    same_day: bool
    shared_words: bool


def _flag(where: str, row: dict[str, str], column: str) -> bool:
    if row.get(column, "") not in ("", "yes"):
        raise VocabularyError(f"{where}: {column} is 'yes' or empty, not {row[column]!r}")
    return row.get(column) == "yes"


@cache
def _checked(name: str, extra: tuple) -> tuple[tuple[str, dict[str, str]], ...]:
    """Rows of vocabulary `name`, every value lowercase snake_case and declared once."""
    rows, seen = lexicon.located(f"{name}.csv", FOLDER), set()
    for where, row in rows:
        value = row.get(name, "")
        if not _VALUE.fullmatch(value) or value in seen:
            raise VocabularyError(f"{where}: {name} {value!r} is {'declared twice' if value in seen else 'malformed'}"
                                  f" (lowercase letters, digits and _)")
        seen.add(value)
    return rows


def rows(name: str) -> tuple[tuple[str, dict[str, str]], ...]:
    """(where, row) of vocabulary `name`, bundled then overlays, validated."""
    return _checked(name, tuple(lexicon.extra_dirs()))


def values(name: str) -> tuple[str, ...]:
    """The values of vocabulary `name`, in file order."""
    return tuple(row[name] for _, row in rows(name))


def metric_units() -> dict[str, str]:
    """metric -> its unit."""
    return {row["metric"]: row["unit"] for _, row in rows("metric")}


def event_types() -> dict[str, EventType]:
    """event_type -> its PLOVER code and behaviour."""
    return {row["event_type"]: EventType(row["plover_code"], *(_flag(where, row, f) for f in FLAGS))
            for where, row in rows("event_type")}


def require(where: str, name: str, value: str) -> str:
    """`value` if vocabulary `name` holds it; else a VocabularyError naming `where` (file and line)."""
    if value not in values(name):
        raise VocabularyError(f"{where}: unknown {name} {value!r} (known: {', '.join(values(name))}; add one "
                              f"in a {name}.csv of $TIMELINE_LEXICONS)")
    return value


def require_metric(where: str, metric: str, unit: str) -> str:
    """`metric` if the vocabulary holds it with `unit`; else a VocabularyError naming `where`."""
    if metric_units()[require(where, "metric", metric)] != unit:
        raise VocabularyError(f"{where}: metric {metric!r} is counted in {metric_units()[metric]}, not {unit!r}")
    return metric


def frame() -> pl.DataFrame:
    """Every vocabulary in one table (vocabulary, value, unit, plover_code): what the accepted-values checks
    compare the warehouse with. unit is the metric's, plover_code the event type's (else NULL)."""
    import polars as pl

    units, types = metric_units(), event_types()
    records = [(name, value, units.get(value) if name == "metric" else None,
                types[value].plover_code if name == "event_type" else None)
               for name in NAMES for value in values(name)]
    return pl.DataFrame(records, schema={"vocabulary": pl.String, "value": pl.String, "unit": pl.String,
                                         "plover_code": pl.String}, orient="row")


def expand(sql_text: str) -> str:
    """SQL with every {{vocabulary:NAME}} (in a column comment) replaced by NAME's values, comma-separated
    (values are snake_case, so they need no quoting); {{vocabulary:unit}} lists the metrics' units."""
    lists = {name: values(name) for name in NAMES} | {"unit": tuple(dict.fromkeys(metric_units().values()))}
    return _PLACEHOLDER.sub(lambda m: ", ".join(lists[m.group(1)]), sql_text)
