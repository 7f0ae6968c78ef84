"""Alias lexicons (actors, subjects, sources): find canonical names in text by one compiled regex.

A lexicon CSV has columns `name` and `aliases` ('|'-separated). The name and every alias are
surface forms. Forms written in capitals ("ISIS", "UN", "WHO") match case-sensitively, so the
pronoun "who" is not the WHO; all other forms match case-insensitively, longest form first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from etl import lexicon
from etl.regex_trie import trie_alternation


@dataclass(frozen=True)
class Mention:
    """A lexicon entry found in text: text[start:end] names `name`."""

    start: int
    end: int
    name: str


class AliasIndex:
    """Finds the entries of one alias lexicon in text."""

    def __init__(self, rows: tuple[dict[str, str], ...]) -> None:
        self._canonical: dict[str, str] = {}
        for row in rows:
            for form in [row["name"], *lexicon.split_list(row.get("aliases", ""))]:
                self._canonical.setdefault(form if form.isupper() else form.lower(), row["name"])
        exact = [f for f in self._canonical if f.isupper()]
        folded = [f for f in self._canonical if not f.isupper()]
        self._exact = _compile(exact, 0)
        self._folded = _compile(folded, re.IGNORECASE)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Non-overlapping mentions in text[start:end], in order (longest form wins an overlap)."""
        end = len(text) if end is None else end
        found = [Mention(m.start(), m.end(), self._canonical[m.group()])
                 for m in self._exact.finditer(text, start, end)]
        found += [Mention(m.start(), m.end(), self._canonical[m.group().lower()])
                  for m in self._folded.finditer(text, start, end)]
        found.sort(key=lambda x: (x.start, -(x.end - x.start)))
        kept: list[Mention] = []
        for mention in found:
            if not kept or mention.start >= kept[-1].end:
                kept.append(mention)
        return kept

    def canonical(self, form: str) -> str | None:
        """The canonical name of a surface form, or None."""
        return self._canonical.get(form) or self._canonical.get(form.lower())


def _compile(forms: list[str], flags: int) -> re.Pattern:
    if not forms:
        return re.compile(r"(?!)")
    return re.compile(rf"(?<![\w-]){trie_alternation(re.escape(f) for f in forms)}(?![\w])", flags)


def phrase_pattern(phrases: list[str]) -> re.Pattern:
    """One case-insensitive regex for lexicon phrases on word boundaries ('*' = any word ending,
    a space = any whitespace), longest phrase first."""
    parts = (re.escape(p.lower()).replace(r"\*", r"\w*").replace(r"\ ", r"\s+") for p in phrases)
    return re.compile(rf"\b{trie_alternation(parts)}\b", re.I)


@cache
def actor_index() -> AliasIndex:
    """Actors of events (actors.csv); each person of people.csv names the actor they speak for."""
    people = ({"name": p["actor"], "aliases": "|".join([p["name"], p.get("aliases", "")])}
              for p in lexicon.load("people.csv"))
    return AliasIndex((*lexicon.load("actors.csv"), *people))


@cache
def index(name: str) -> AliasIndex:
    """The AliasIndex of lexicon file `name` ('subjects.csv', 'sources.csv', 'people.csv')."""
    return AliasIndex(lexicon.load(name))
