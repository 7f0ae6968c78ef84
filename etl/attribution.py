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
_SOURCE_BEFORE, _SOURCE_AFTER = 60, 40  # how far from its cue a known source may be named
_NAME_JOINS = frozenset(["of", "and", "for", "the"])
_WEEKDAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
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


def _speaks(text: str, start: int, end: int, cue: re.Match) -> bool:
    """Whether the source at text[start:end] is the cue's own: just before it ('the UN said', 'the UN, in a
    statement, said') or just after it ('said the UN', 'according to the UN'), not another body named further
    on ('the ministry said ..., a higher figure than the UN's')."""
    if end <= cue.start():
        return cue.start() - end <= _SOURCE_BEFORE and not _OTHER_CLAUSE.search(text, end, cue.start())
    return start >= cue.end() and start - cue.end() <= _SOURCE_AFTER


def _name_before(text: str, cue: re.Match, sentence: tuple[int, int]) -> str | None:
    """A capitalised name just before the cue ("Iraq's Ministry of Migration and Displacement said"), else None."""
    if cue.group().lower() == "according to":
        return None
    words = text[max(sentence[0], cue.start() - 80):cue.start()].split()
    if words[-2:-1] == ["on"] or (words and words[-1].lower() in _WEEKDAYS):
        words = words[:-2] if words[-2:-1] == ["on"] else words[:-1]  # 'said on Wednesday' reads 'X said'
    name: list[str] = []
    for word in reversed(words):
        if word[:1].isupper() or (name and word in _NAME_JOINS):
            name.insert(0, word)
        else:
            break
    while name and name[0] in _NAME_JOINS:
        name.pop(0)
    return " ".join(name).strip(" ,") if len(name) >= 2 and not name[-1].endswith(",") else None


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
    sources = [s for s in index("sources.csv").find(text, *sentence) if _speaks(text, s.start, s.end, cue)]
    if sources:
        nearest = min(sources, key=lambda s: min(abs(s.start - cue.end()), abs(cue.start() - s.end)))
        return nearest.name
    phrase = _name_before(text, cue, sentence) or _phrase(text, cue, sentence)
    if phrase and phrase.lower().split()[-1] in _PRONOUNS or phrase is None:
        return attribution(text, previous, previous[1]) if previous else None
    return phrase
