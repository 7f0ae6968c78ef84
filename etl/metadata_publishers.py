"""Publisher names: canonicalise through the publishers lexicon (canonical, aliases)."""

from __future__ import annotations

import re

from etl import lexicon
from etl.clean_rules import norm_key

_CACHE: dict[int, tuple[tuple[dict[str, str], ...], dict[str, str]]] = {}


def _alias_index(rows: tuple[dict[str, str], ...]) -> dict[str, str]:
    cached = _CACHE.get(id(rows))
    if cached and cached[0] is rows:
        return cached[1]
    index = {}
    for row in rows:
        canonical = row.get("canonical", "")
        for name in [canonical, *lexicon.split_list(row.get("aliases", ""))]:
            if norm_key(name):
                index[norm_key(name)] = canonical
    _CACHE[id(rows)] = (rows, index)
    return index


def _index() -> dict[str, str]:
    return _alias_index(lexicon.load("publishers.csv"))


def canonical_publisher(name: str | None) -> str | None:
    """The lexicon's canonical name when `name` is one of its outlets ('VOA' -> 'VOA News'), else None."""
    return _index().get(norm_key(name)) if name else None


def publisher_in(text: str) -> str | None:
    """The first lexicon outlet named as a whole word in a byline ('By Jane Doe, Reuters' -> 'Reuters')."""
    words = norm_key(text).split()
    index = _index()
    longest = max((len(key.split()) for key in index), default=0)
    for start in range(len(words)):
        for size in range(min(longest, len(words) - start), 0, -1):
            found = index.get(" ".join(words[start : start + size]))
            if found:
                return found
    return None


def clean_site_name(name: str | None) -> str | None:
    """A structured or meta publisher: canonical when known, else the given name tidied (or None)."""
    if not name or not re.search(r"\w", name):
        return None
    return canonical_publisher(name) or " ".join(name.split())[:120]
