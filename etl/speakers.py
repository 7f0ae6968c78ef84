"""Quotes attributed only by a pronoun ('"...", he said'): further statements of a person named before.

A report names its speaker once ('President Bashar al-Assad said in a newspaper interview ...') and
later paragraphs carry on with bare quotes closed by "he said" or "she added". Such a quote is a
statement of the person of people.csv named last before it whose pronoun agrees, provided that
person's own sentence, at most _WINDOW sentences earlier, holds an act of speech already found (an
interview, a statement, a rejection) by the actor they speak for: the quote continues that occasion
and takes its actor, date and place. Without such a person the quote is left alone, so a witness's
words are never pinned on a leader named paragraphs before.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from etl import lexicon
from etl.actors import actor_index, index
from etl.model import EventMention
from etl.sentences import Span
from etl.vocabularies import event_types

_ATTRIBUTION = re.compile(
    r"[\u201d\"]\s*,?\s*(he|she)\s+(?:said|says|added|adds|told|tells|continued|went\s+on)\b", re.I
)
_OPENING = ("\u201c", '"')
_WINDOW = 8


@dataclass(frozen=True)
class _Person:
    actor: str
    pronoun: str  # 'he', 'she' or '' when the lexicon does not say


@cache
def _people() -> dict[str, _Person]:
    return {row["name"]: _Person(row["actor"], row.get("pronoun", "").lower()) for row in lexicon.load("people.csv")}


def _sentence_at(starts: list[int], pos: int) -> int:
    """Index of the sentence (by sorted start offsets) holding offset `pos`."""
    return bisect_right(starts, pos) - 1


def _pronoun_quotes(text: str, spans: list[Span], starts: list[int]) -> Iterator[tuple[int, int, re.Match]]:
    """(start, end, attribution) of each quote that opens a sentence and is closed by 'he/she said'
    in the same paragraph; the quote runs to the end of the attribution's sentence."""
    for m in _ATTRIBUTION.finditer(text):
        paragraph = text.rfind("\n", 0, m.start()) + 1
        opening = max(text.rfind(mark, paragraph, m.start()) for mark in _OPENING)
        if opening < 0 or starts[_sentence_at(starts, opening)] != opening:
            continue
        yield opening, spans[_sentence_at(starts, m.start())][1], m


def _speaker(text: str, starts: list[int], opening: int, pronoun: str) -> tuple[_Person, int] | None:
    """The person named last before `opening` (within _WINDOW sentences) whose pronoun agrees, and
    where that mention stands."""
    window_start = starts[max(0, _sentence_at(starts, opening) - _WINDOW)]
    for mention in reversed(index("people.csv").find(text, window_start, opening)):
        person = _people()[mention.name]
        if person.pronoun in ("", pronoun):
            return person, mention.start
    return None


def continued_statements(text: str, spans: list[Span], speech_acts: list[EventMention]) -> list[EventMention]:
    """A statement event for each pronoun-attributed quote that continues a named person's act of
    speech (`speech_acts`: the speech events already found in `text`, whose sentences are `spans`)."""
    starts = [s[0] for s in spans]
    found = []
    for opening, end, attribution in _pronoun_quotes(text, spans, starts):
        speaker = _speaker(text, starts, opening, attribution.group(1).lower())
        if speaker is None:
            continue
        person, at = speaker
        sentence_start = starts[_sentence_at(starts, at)]
        occasion = next((e for e in speech_acts if e.quote_start == sentence_start and person.actor in e.actors), None)
        if occasion is None:
            continue
        named = [m.name for m in actor_index().find(text, opening, attribution.start()) if m.name != person.actor]
        found.append(EventMention(
            quote=text[opening:end], quote_start=opening, char_start=attribution.start(1),
            char_end=attribution.end(), event_type="statement", plover_code=event_types()["statement"].plover_code,
            actors=(person.actor,),
            target=named[0] if named else None, location=occasion.location, event_date=occasion.event_date,
            date_precision=occasion.date_precision, modality="asserted",
        ))
    return found
