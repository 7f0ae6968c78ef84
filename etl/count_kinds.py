"""What a figure counts: a level, a running total or a count within a period, with that period's dates.

`level` is a state at a moment (share of territory held, people trapped, fighters present), `cumulative` a
running total since a start ('since the offensive began', 'since 2011', 'so far', 'the toll rose to'),
`period` a count within a window ('in the past 24 hours', 'over the past week', 'on Tuesday', 'since
Saturday'). The phrasing class decides, in this order: metrics that are always levels; the time expression
that dates the figure (etl.dates.dating_for: a window counted back is a period; 'since X' is a running total
when X is the start of something or a month or more back, else a period); cue phrases of
lexicons/count_kinds.csv (cumulative, then period, then level); a perfect tense is a running total when
people fled or the war itself is counted ('The conflict has killed 280,000'); any other count is a period
count (an incident: 'the blast killed 9', '43 people have been killed by shelling').

A period count dated by a point ('on Tuesday', 'last month') covers that point's days: period_start is its
first day and as_of its last. A running total 'since the start of the war' or 'since then' takes the start
its document states ('a civil war that began in early 2011 ... Since then, 10 million have fled'). A level has no
period_start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from etl import lexicon
from etl.actors import phrase_pattern
from etl.model import Dating

# 'since the siege began', 'since breaking into the city', 'since the start of': a since-phrase naming a start
_SINCE_EVENT = re.compile(
    r"\bsince\s+(?:(?:the|its|their|an?)\s+)?(?:[\w'-]+\s+){0,5}?"
    r"(?:began|begun|started|erupted|broke\s+out|was\s+launched|were\s+launched|launched|\w+ing\b)"
    r"|\bsince\s+(?:the|its|their)\s+(?:start|beginning|outbreak|onset|launch)\b",
    re.I,
)
_PERFECT = re.compile(
    r"\b(?:have|has|had|'ve)\s+(?:now\s+|already\s+|also\s+|so\s+far\s+|reportedly\s+|since\s+)?"
    r"(?:been\s+)?(?:\w+ed|\w+en|fled|lost|left|died|hit|cut|put|sent|brought|caught|fought|kept|met|shot|struck"
    r"|cost|seen|made|done|run|become|claimed)\b",
    re.I,
)
_WAR = r"(?:war|conflict|uprising|insurgency|revolution|battle|offensive|campaign|operation|siege|fighting|crisis)"
# a since-phrase that names a start without dating it: the document may date it elsewhere
_SINCE_UNDATED = re.compile(
    rf"\bsince\s+(?:then\b|(?:the|its|their)\s+(?:start|beginning|outbreak|onset|launch)\s+of\s+(?:[\w'’-]+\s+){{0,3}}?"
    rf"(?P<noun>{_WAR})\b|(?:the|its|their)\s+(?P<noun2>{_WAR})\s+(?:began|started|erupted|broke\s+out)\b(?!\s+(?:in|on)\b))",
    re.I,
)
# a perfect tense is a running total when the war itself is counted ('The conflict has killed 280,000', '146,000
# have died in Syria's three-year war') or the count is brought up to now ('have now been displaced');
# else it reports an incident ('43 people have been killed by shelling')
_RUNNING = re.compile(r"\b(?:war|conflict|uprising|insurgency|revolution|battle|offensive|campaign|siege|now)\b", re.I)
_SENTENCE_START = re.compile(r"[.!?]\s")
_CUMULATIVE_SINCE_DAYS = 31  # 'since Saturday' is a window; 'since 2011' (or more than a month) a running total


@dataclass(frozen=True)
class Kind:
    """What a figure counts and the dates that go with it."""

    count_kind: str
    period_start: date | None
    as_of: date | None
    precision: str | None


@cache
def _cues() -> tuple[dict[str, str], list[tuple[str, re.Pattern]]]:
    """(metric -> kind of every figure of it, [(kind, cue pattern)] in the order they are tried)."""
    always: dict[str, str] = {}
    patterns: dict[str, list[str]] = {}
    for row in lexicon.load("count_kinds.csv"):
        cues = lexicon.split_list(row.get("cues", ""))
        if not cues:
            always.update(dict.fromkeys(lexicon.split_list(row.get("metrics", "")), row["kind"]))
        patterns.setdefault(row["kind"], []).extend(cues)
    order = ("cumulative", "period", "level")
    return always, [(k, _compile(patterns[k])) for k in order if patterns.get(k)]


def _compile(cues: list[str]) -> re.Pattern:
    """phrase_pattern, but never inside a hyphenated word ('opposition-held' is no 'held')."""
    return re.compile(rf"(?<![\w-])(?:{phrase_pattern(cues).pattern})", re.I)


def _cue(text: str, clause: tuple[int, int], sentence: tuple[int, int]) -> str | None:
    """The first kind, in the order cumulative, period, level, with a cue in the figure's clause; else
    a running total's or a period's cue elsewhere in its sentence (a state another clause describes,
    'rebels who hold the east said ...', says nothing of this figure)."""
    for kind, pattern in _cues()[1]:
        if pattern.search(text, *clause):
            return kind
    for kind, pattern in _cues()[1]:
        if kind != "level" and pattern.search(text, *sentence):
            return kind
    return None


def _implied_start(text: str, sentence: tuple[int, int], starts: list[tuple[int, date]], at: int,
                   as_of: date | None) -> date | None:
    """The start a running total implies when its sentence says 'since the start of the war' or 'since then'
    without a date: the start the document states for that thing ('a civil war that began in early 2011':
    etl.dates.stated_starts, the thing named before the date in its own sentence), else the nearest start
    stated before the figure; if before as_of."""
    since = _SINCE_UNDATED.search(text, *sentence)
    if since is None or as_of is None:
        return None
    noun = since.group("noun") or since.group("noun2")
    named = [d for offset, d in starts if noun and re.search(
        rf"\b{noun.lower()}", _SENTENCE_START.split(text[max(0, offset - 80):offset])[-1], re.I)]
    before = [d for offset, d in starts if offset < sentence[0]]
    found = next(iter(named), None) or (before[-1] if before else None)
    return found if found is not None and found < as_of else None


def count_kind(text: str, clause: tuple[int, int], sentence: tuple[int, int], metric: str, dating: Dating,
               starts: list[tuple[int, date]] = (), published_on: date | None = None) -> Kind:
    """What the figure of `metric` in `clause` of `sentence` counts, from its phrasing and its dating;
    `starts` are the starts the document states, one of which a running total without its own implies; a
    window ends by publication at the latest ('earlier this month': the month so far)."""
    def kind(name: str, start: date | None = None) -> Kind:
        if name == "cumulative" and start is None:
            start = _implied_start(text, sentence, list(starts), clause[0], dating.as_of)
        return Kind(name, start, dating.as_of, dating.precision)

    if _cues()[0].get(metric) == "level":
        return kind("level")
    if dating.window == "back":
        return kind("period", dating.period_start)
    if dating.window == "since" and dating.as_of is not None:
        long = dating.period_start is None or (dating.as_of - dating.period_start).days > _CUMULATIVE_SINCE_DAYS
        named = _SINCE_EVENT.search(text, *clause) or _SINCE_EVENT.search(text, *sentence)
        return kind("cumulative" if long or named else "period", dating.period_start)
    cue = _cue(text, clause, sentence)
    if cue == "cumulative" or (cue is None and _SINCE_EVENT.search(text, *sentence)):
        return kind("cumulative")
    if cue == "level":
        return kind("level")
    if cue is None and _PERFECT.search(text, *clause) and (
            metric == "people_displaced" or _RUNNING.search(text, *clause)):
        return kind("cumulative")
    if dating.span is not None:  # 'on Tuesday', 'last month': the window is the point's days, up to publication
        end = min(dating.span[1], published_on) if published_on and dating.span[0] <= published_on else dating.span[1]
        return Kind("period", dating.span[0], end, dating.precision)
    return kind("period")
