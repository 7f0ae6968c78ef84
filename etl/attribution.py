"""Who a figure is attributed to: a canonical source from sources.csv, or the speaker's words.

A sentence is attributed when it has a reporting cue ("according to", "said", "told", "reported",
"estimated", "claimed", "announced", "added", "confirmed", "denied", "put the toll at") before the
figure, or after it in the same stretch of the sentence (not past ', while' or ';'). The source is
the known source (sources.csv) nearest to the cue that comes last before the figure, else to the
first such cue after it; when no known source is in the sentence, the noun phrase before the cue
("health officials said" -> "health officials") or after "according to". A pronoun ("it said", "he
told AFP") takes the source of the previous sentence ("The city council says ... It estimates" ->
"city council"). A sentence without a cue is the article's own assertion: None.
"""

from __future__ import annotations

import re

from etl.actors import index

_CUE = re.compile(
    r"\baccording to\b|\b(?:said|says|say|saying|told|tells|reported|reports|reporting|estimated|estimates|estimate|"
    r"claimed|claims|claiming|announced|stated|added|adding|confirmed|counted|recorded|documented|"
    r"quoted|warned|warning|warns|denied|denies|disputed|disputes)\b"
    r"|\bput(?:s|ting)?\s+(?:the|its|their)\s+(?:[\w-]+\s+){0,2}(?:toll|number|figure|count)\b",
    re.I,
)
# 'China evacuated 600 of its citizens, while India said ...': a cue past a contrast speaks of something else
_OTHER_CLAUSE = re.compile(r",\s+(?:while|whereas|but|although)\b|;")
_PRONOUNS = frozenset(["it", "he", "she", "they", "we", "i", "this", "that", "which", "who"])
_PHRASE_BEFORE = re.compile(r"((?:[\w.'’-]+\s+){0,3}[\w.'’-]+),?\s+(?:on\s+\w+\s+)?$")  # ', a commander, told'

_PHRASE_AFTER = re.compile(r"^\s+((?:[\w.'’-]+\s*){1,5})")
_DROP = re.compile(r"^(?:the|a|an|and|but|as)\s+", re.I)


def _phrase(text: str, cue: re.Match, sentence: tuple[int, int]) -> str | None:
    if cue.group().lower() == "according to":
        m = _PHRASE_AFTER.match(text[cue.end():sentence[1]])
    else:
        m = _PHRASE_BEFORE.search(text, max(sentence[0], cue.start() - 60), cue.start())
    if not m:
        return None
    words = _DROP.sub("", m.group(1).strip(" ,.\"“”")).strip()
    return words or None


def attribution(text: str, sentence: tuple[int, int], anchor: int,
                previous: tuple[int, int] | None = None) -> str | None:
    """The source of the figure at `anchor` in `sentence`, or None when the article asserts it."""
    cues = list(_CUE.finditer(text, *sentence))
    if not cues:
        return None
    before = [c for c in cues if c.start() < anchor]
    after = [c for c in cues if c.start() >= anchor and not _OTHER_CLAUSE.search(text, anchor, c.start())]
    if not before and not after:
        return None
    cue = before[-1] if before else after[0]
    sources = index("sources.csv").find(text, *sentence)
    if sources:
        nearest = min(sources, key=lambda s: min(abs(s.start - cue.end()), abs(cue.start() - s.end)))
        return nearest.name
    phrase = _phrase(text, cue, sentence)
    if phrase and phrase.lower().split()[-1] in _PRONOUNS or phrase is None:
        return attribution(text, previous, previous[1]) if previous else None
    return phrase
