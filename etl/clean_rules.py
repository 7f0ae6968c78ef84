"""Line-level rules for page furniture, read from the boilerplate lexicon.

The patterns live in etl/data/lexicons/boilerplate.csv (pattern, reason) so analysts add an
outlet's furniture without code. All rows are compiled into one alternation with a named group
per row: one regex call per line, whatever the number of rows.
"""

from __future__ import annotations

import re

from etl import lexicon

MAX_RULE_LINE = 600  # longer lines are article paragraphs; never test them against furniture rules
RELATED_MARKER = "related_marker"
_BULLETS = "•·▪●◦■□►▸*\u2022\u00a0 \t"


_COMPILED: dict[int, tuple[object, re.Pattern[str], tuple[str, ...]]] = {}


def _rules() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """The compiled rules for the lexicon rows now loaded (recompiled only when the rows change)."""
    rows = lexicon.load("boilerplate.csv")
    cached = _COMPILED.get(id(rows))
    if cached and cached[0] is rows:
        return cached[1], cached[2]
    usable = [r for r in rows if r.get("pattern")]
    parts = [f"(?P<r{i}>(?:{r['pattern']}))" for i, r in enumerate(usable)]
    pattern = re.compile("|".join(parts) or "(?!)", re.IGNORECASE)
    reasons = tuple(r["reason"] for r in usable)
    _COMPILED[id(rows)] = (rows, pattern, reasons)
    return pattern, reasons


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
