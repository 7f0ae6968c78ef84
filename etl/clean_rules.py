"""Line-level rules for page furniture, read from the boilerplate lexicon.

The patterns live in etl/data/lexicons/boilerplate.csv (pattern, reason) so analysts add an
outlet's furniture without code. All rows are compiled into one alternation with a named group
per row: one regex call per line, whatever the number of rows.
"""

from __future__ import annotations

import re
from functools import cache

from etl import lexicon

MAX_RULE_LINE = 600  # longer lines are article paragraphs; never test them against furniture rules
RELATED_MARKER = "related_marker"
_BULLETS = "•·▪●◦■□►▸*\u2022\u00a0 \t"


@cache
def _compiled(rows: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], tuple[str, ...]]:
    parts = [f"(?P<r{i}>(?:{pattern}))" for i, (pattern, _) in enumerate(rows)]
    return re.compile("|".join(parts) or "(?!)", re.IGNORECASE), tuple(reason for _, reason in rows)


def _rules() -> tuple[re.Pattern[str], tuple[str, ...]]:
    rows = tuple((r["pattern"], r["reason"]) for r in lexicon.load("boilerplate.csv") if r.get("pattern"))
    return _compiled(rows)


def strip_bullets(line: str) -> str:
    """The line without surrounding whitespace and list bullets ('  • 16x9 Image' -> '16x9 Image')."""
    return line.strip(_BULLETS)


def boilerplate_reason(line: str) -> str | None:
    """The reason of the first boilerplate rule matching the whole line, else None."""
    text = strip_bullets(line)
    if not text or len(text) > MAX_RULE_LINE:
        return None
    pattern, reasons = _rules()
    match = pattern.fullmatch(text)
    if match is None or match.lastgroup is None:
        return None
    return reasons[int(match.lastgroup[1:])]


def norm_key(line: str) -> str:
    """A comparison key: case-folded words only, so a repeated title or line matches its copy."""
    return " ".join(re.findall(r"\w+", line.casefold()))
