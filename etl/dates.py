"""Temporal engine: finds time expressions in article text and decides which date governs a figure.

One compiled regular expression (the union of the rules in dates_rules) scans the text once;
each match is resolved against the publication date by its rule. dateparser is used only to
normalise complete written dates that the patterns already found (never search_dates over an
article: slow, and it reads 'We' as Wednesday and 'may' as May).

Public API: find_expressions (spans with the days they cover), tag (TIMEX3 view, see
shared/CONTRACT.md) and dating_for (the Dating of a figure or event at given offsets).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from functools import lru_cache

from etl import dates_resolve as R
from etl.dates_rules import _SPECS, Ctx, Resolved, Rule
from etl.model import Dating, TimeExpression
from etl.sentences import clauses, containing

_RULES = {name: Rule(name, re.compile(pattern), resolve) for name, pattern, resolve in _SPECS}
# The union pattern: inner named groups become plain groups so every rule can sit in one regex;
# the rule's own regex re-reads its match to get the parts. Every rule starts a word, so the
# hoisted word-start test spares trying all rules inside words (2.1 -> 0.9 ms per FA-KES article).
_MASTER = re.compile(
    r"\b(?=\w)(?:"
    + "|".join(f"(?P<{name}>{re.sub(r'[(][?]P<[a-z_0-9]+>', '(?:', pattern)})" for name, pattern, _ in _SPECS)
    + ")"
)
_THE = re.compile(r"\bthe\s+$", re.I)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|our)\s+$", re.I)
_WORD_AFTER = re.compile(r"[ \t]+[a-z]")
_SPAN_OPEN = re.compile(r"\b(?:between|from)\s+$", re.I)
_SPAN_JOIN = re.compile(r"\s+(?:and|to|until|till|through)\s+", re.I)
_DAYS_OPEN = re.compile(r"\b(?:on|over)\s+$", re.I)  # 'killed on Tuesday and Wednesday': both days
_DAYS_JOIN = re.compile(r"\s+and\s+", re.I)
_BOUND_BEFORE = re.compile(r"\b(?:before|prior\s+to)\s+$", re.I)  # 'home to 240,000 before 2011': a bound
_RELATIVE_CLAUSE = re.compile(r"(?:which|who|whose)\b", re.I)
_NAMED_PLACE = re.compile(
    r"\s+(?:hospital|bridge|square|street|road|avenue|stadium|school|university|mosque|camp|district|neighbou?rhood"
    r"|brigade|movement|battalion|airport|dam|port|park|building|complex|market)s?\b",
    re.I,
)
# 'since X', 'since <the war> began in X', 'since starting an operation to ... in X', 'since the start of <it> in X',
# and the start of what a figure counts: '<the insurgency>, which began in X, has killed ...'
_SINCE = re.compile(
    r"\bsince\s+(?:at\s+least\s+|as\s+early\s+as\s+"
    r"|(?:[\w'-]+\s+){0,6}?(?:\w+ed|\w+ing|began|begun|broke\s+out|took|fell|drew|struck|hit)"
    r"\s+(?:[\w'-]+\s+){0,7}?(?:(?:in|on|at)\s+)?"
    r"|(?:(?:the|its|their)\s+)?(?:start|beginning|outbreak|onset|launch)\s+of\s+(?:[\w'-]+\s+){0,3}?(?:(?:in|on)\s+)?"
    r"|an?\s+"  # 'since a March 2020 truce'
    r")?$"
    r"|\b(?:which|that)\s+(?:began|started|erupted|broke\s+out)\s+(?:in|on)\s+$",  # 'which began in 2017'
    re.I,
)
_SINCE_WINDOW = 100


def find_expressions(text: str, reference_date: date | None) -> list[TimeExpression]:
    """Every time expression in text, resolved against reference_date (None: relative ones unresolved).

    'since X' makes X a period running to the reference date; 'the past week' is a period ending there.
    """
    found: list[TimeExpression] = []
    pos = 0
    while (m := _MASTER.search(text, pos)) is not None:
        rule = _RULES[m.lastgroup or ""]
        ctx = Ctx(text, m.start(), m.end(), reference_date)
        resolved = rule.resolve(rule.regex.fullmatch(m.group()), ctx)
        if resolved is None:
            pos = m.start() + 1
            continue
        if _THE.search(text, max(0, m.start() - 5), m.start()) and _NAMED_PLACE.match(text, m.end()):
            pos = m.end()  # 'the May 22 hospital', 'the 6 October bridge': a name, not a date
            continue
        found.append(_expression(ctx, _since(_from_now(resolved, ctx), ctx)))
        pos = m.end()
    return [_agree_weekday(e, nxt, text) for e, nxt in zip(found, [*found[1:], None], strict=False)]


@lru_cache(maxsize=1)
def document_expressions(text: str, reference_date: date | None) -> tuple[TimeExpression, ...]:
    """find_expressions of the last document asked for: its claims and its events, extracted one after
    the other, share one scan (about 2 ms per FA-KES article)."""
    return tuple(find_expressions(text, reference_date))


_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _agree_weekday(e: TimeExpression, nxt: TimeExpression | None, text: str) -> TimeExpression:
    """'Wednesday (Dec 7)': a weekday followed by a date that falls on it takes that date."""
    name = e.text.lower()
    if nxt is None or name not in _WEEKDAY_NAMES or nxt.precision != "day" or nxt.range_start is None:
        return e
    if text[e.end : nxt.start].strip() not in {
        "",
        "(",
        ",",
    } or nxt.range_start.weekday() != _WEEKDAY_NAMES.index(name):
        return e
    d = nxt.range_start
    return replace(
        e, value=d.isoformat(), range_start=d, range_end=e.range_end if e.is_period else d, precision="day"
    )


_COMES = re.compile(r"\b(?:comes?|coming)\s+(?:just\s+|only\s+|barely\s+|exactly\s+|almost\s+)?$", re.I)
_AFTER_OR_BEFORE = re.compile(r"\s+(after|before)\b", re.I)
_DAYS_OR_WEEKS = re.compile(r"^P(\d+)([DW])$")


def _from_now(resolved: Resolved, ctx: Ctx) -> Resolved:
    """'(the statement) comes just one day after Russia vetoed ...': what follows is that many days
    before the reference date (after 'before': that many days after it). Only the present 'comes'
    anchors on today; 'came two days after' counts from a day the text does not give."""
    m = _DAYS_OR_WEEKS.match(resolved.value) if resolved.type == "DURATION" and ctx.ref else None
    if m is None or not _COMES.search(ctx.text, max(0, ctx.start - 30), ctx.start):
        return resolved
    way = _AFTER_OR_BEFORE.match(ctx.text, ctx.end)
    if way is None:
        return resolved
    n = int(m.group(1)) * (-1 if way.group(1).lower() == "after" else 1)
    assert ctx.ref is not None
    day = R.shift(ctx.ref, n, "day" if m.group(2) == "D" else "week")
    return Resolved("DATE", day.isoformat(), day, day, "day")


def _since(resolved: Resolved, ctx: Ctx) -> Resolved:
    """'since mid-July', 'since the siege began on May 23': the date becomes the start of a period that
    runs to the reference date ('mid-July' starts on its middle day, as a point would be dated)."""
    if (
        resolved.start is None
        or resolved.is_period
        or not _SINCE.search(ctx.text, max(0, ctx.start - _SINCE_WINDOW), ctx.start)
    ):
        return resolved
    end = ctx.ref if ctx.ref and ctx.ref >= resolved.start else None
    start = R.middle_day(resolved.start, resolved.end, resolved.precision) if resolved.end else resolved.start
    return resolved._replace(start=start, end=end, precision="day" if end else None, is_period=True, since=True)


def _expression(ctx: Ctx, r: Resolved) -> TimeExpression:
    return TimeExpression(
        ctx.start,
        ctx.end,
        ctx.text[ctx.start : ctx.end],
        r.type,
        r.value,
        r.start,
        r.end,
        r.precision,
        r.is_period,
        r.since,
    )


_START_VERB = re.compile(
    r"\b(?:began|begun|begins|started|starts|erupted|erupting|broke\s+out|breaking\s+out|launched|launching)\b"
    r"[^.;!?]{0,60}$",
    re.I,
)


def stated_starts(text: str, expressions: Sequence[TimeExpression]) -> list[tuple[int, date]]:
    """(offset, first day) of every date a document gives for when something began ('a civil war that began
    in early 2011', 'since erupting in 2011', 'began a surprise offensive against the army last week', 'killed
    since Oct. 7, 2023, when gunmen stormed southern Israel'): the start a running total implies when its own
    sentence only says 'since the war began' (etl.count_kinds). A week stands for its middle day, a month or a
    year for its first."""
    starts = []
    for e in expressions:
        if e.range_start is None or e.range_end is None or e.is_period and not e.since:
            continue
        if e.since or _START_VERB.search(text, max(0, e.start - 80), e.start):
            first = e.range_start + (e.range_end - e.range_start) // 2 if e.precision == "week" else e.range_start
            starts.append((e.start, first))
    return starts


def tag(text: str, reference_date: date) -> list[TimeExpression]:
    """TIMEX3 tagging per the contract: start, end, text, type and value of each expression."""
    return find_expressions(text, reference_date)


_DURATION = re.compile(r"^PT?(\d+)(DE|[DWMQY]|H)$")
_UNITS = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year", "DE": "decade"}
_YEARS_PER_UNIT = {"day": 1 / 365, "week": 1 / 52, "month": 1 / 12, "quarter": 1 / 4, "year": 1, "decade": 10}


def _relative_period(e: TimeExpression) -> tuple[int, str] | None:
    """(n, unit) of a period counted back from its anchor ('the past week' -> (1, 'week'))."""
    m = _DURATION.match(e.value) if e.is_period else None
    if m is None:
        return None
    if m.group(2) == "H":
        return -(-int(m.group(1)) // 24), "day"
    n, unit = int(m.group(1)), _UNITS[m.group(2)]
    if n * _YEARS_PER_UNIT[unit] > R.MAX_YEARS_BACK:  # 'the last 2016 centuries': a length, no start date
        return None
    return n, unit


def _attributive(text: str, e: TimeExpression) -> bool:
    """'its 1979 peace treaty', 'the 2021 coup': a date naming a thing, not when the news happened
    (a 'since' period stays: 'since a March 2020 truce')."""
    return not e.is_period and bool(_DETERMINER_BEFORE.search(text, max(0, e.start - 8), e.start)) and bool(
        _WORD_AFTER.match(text, e.end))


def _datable(e: TimeExpression) -> bool:
    return e.range_start is not None or _relative_period(e) is not None


def _bound(text: str, e: TimeExpression) -> bool:
    """'before 2011', 'prior to the war in 2011': a date the figure is earlier than, not when it holds."""
    return bool(_BOUND_BEFORE.search(text, max(0, e.start - 12), e.start))


def _distance(e: TimeExpression, anchor: tuple[int, int]) -> int:
    if e.end <= anchor[0]:
        return anchor[0] - e.end
    return max(0, e.start - anchor[1])


def _inside(e: TimeExpression, span: tuple[int, int]) -> bool:
    return span[0] <= e.start and e.end <= span[1]


def _nearest(exprs: list[TimeExpression], anchor: tuple[int, int]) -> TimeExpression | None:
    return min(exprs, key=lambda e: _distance(e, anchor), default=None)


def _dates_others(text: str, e: TimeExpression, spans: list[tuple[int, int]], published_on: date | None) -> bool:
    """Whether a date outside a figure's clause (`spans`: its sentence's clauses) may date it: not a
    relative clause's, not a future one."""
    if published_on is not None and e.range_start is not None and e.range_start > published_on:
        return False
    return not _RELATIVE_CLAUSE.match(text, containing(spans, e.start)[0])


_FIGURE = re.compile(r"\d")


def _counts_own(text: str, e: TimeExpression, spans: list[tuple[int, int]]) -> bool:
    """Whether the other clause a window is in counts a figure of its own ('84,000 had fled since the offensive
    began, including some 30,000 in the past 48 hours'): the window is that figure's, not this one's."""
    start, end = containing(spans, e.start)
    return bool(_FIGURE.search(text[start:e.start]) or _FIGURE.search(text[e.end:end]))


def _without_distant_now(found: list[TimeExpression], anchor: tuple[int, int]) -> list[TimeExpression]:
    """'Ukraine has now taken back 54 per cent of the territory seized after February 24': in a clause,
    a 'now' before a figure governs it when nearer than any other date; else it says nothing more."""
    dated = [e for e in found if e.value != "PRESENT_REF"]
    now = [e for e in found if e.value == "PRESENT_REF" and e.end <= anchor[0]]
    if not dated:
        return found
    if now and _distance(_nearest(now, anchor), anchor) < _distance(_nearest(dated, anchor), anchor):
        return [*dated, *now]
    return dated


def dating_for(
    text: str,
    expressions: Sequence[TimeExpression],
    sentence: tuple[int, int],
    clause: tuple[int, int],
    anchor: tuple[int, int],
    published_on: date | None,
    continues: tuple[int, int] | None = None,
) -> Dating:
    """The date governing a figure or event at anchor: clause first, then sentence, then the date of the
    report it continues, then publication.

    `continues` is the previous sentence when the figure is part of a figure reported there ('The IOM
    said on Monday that 93,000 had fled. About 39,000 of them have fled since mid-November'): when the
    figure's own sentence states no point in time, that report's date stands for the publication date.

    A span with both ends ('between January 20 and April 13') or a period in the clause gives
    period_start/as_of; a relative period ('over the past week') is counted
    back from the date the sentence reports on ('said on Wednesday (Dec 7)'), else from publication.
    The dates of another clause of the sentence count unless they date a relative clause ('up to 7,000
    fighters, and it fights alongside the TNLA, which captured Mogok last month') or fall after
    publication ('controls two-thirds of Libya, ... before a conference planned for April 14').
    """
    if continues is not None:
        own = dating_for(text, expressions, sentence, clause, anchor, published_on)
        reported = dating_for(text, expressions, continues, continues, continues, published_on)
        if own.span is None and reported.basis == "text":
            return dating_for(text, expressions, sentence, clause, anchor, reported.as_of)
        return own
    in_sentence = [e for e in expressions if _inside(e, sentence) and _datable(e) and not _attributive(text, e)
                   and not _bound(text, e)]
    in_clause = _without_distant_now([e for e in in_sentence if _inside(e, clause)], anchor)
    outside = [e for e in in_sentence if not _inside(e, clause)]
    spans = clauses(text, sentence) if outside else []
    in_sentence = in_clause + [e for e in outside if _dates_others(text, e, spans, published_on)]
    if any(e.value != "PRESENT_REF" for e in in_sentence):  # another clause's 'now' says nothing more
        in_sentence = [e for e in in_sentence if e.value != "PRESENT_REF"]
    pool = in_clause or in_sentence
    closed = _closed_span(text, pool)
    if closed is not None:
        return closed
    point = _nearest([e for e in in_clause if not e.is_period], anchor) or _nearest(
        [e for e in in_sentence if not e.is_period], anchor
    )
    period = _nearest([e for e in pool if e.is_period and (e in in_clause or not _counts_own(text, e, spans))],
                      anchor)
    if period is not None:
        return _period_dating(period, point, published_on)
    if point is not None:
        assert point.range_start is not None and point.range_end is not None
        return Dating(R.middle_day(point.range_start, point.range_end, point.precision), None, point.precision,
                      "text", span=(point.range_start, point.range_end))
    if published_on is not None:
        return Dating(published_on, None, "day", "published")
    return Dating(None, None, None, "none")


def _closed_span(text: str, found: list[TimeExpression]) -> Dating | None:
    """'between January 20 and April 13', 'from May 3 to May 9', 'on Tuesday and Wednesday': a span with both
    ends stated, as of its end."""
    ordered = sorted(found, key=lambda e: e.start)
    for first, last in zip(ordered, ordered[1:], strict=False):
        if not (first.range_start and last.range_end and first.range_start <= last.range_end):
            continue
        if (_SPAN_JOIN.fullmatch(text, first.end, last.start)
                and _SPAN_OPEN.search(text, max(0, first.start - 10), first.start)) or (
                first.precision == last.precision == "day" and _DAYS_JOIN.fullmatch(text, first.end, last.start)
                and _DAYS_OPEN.search(text, max(0, first.start - 6), first.start)):
            return Dating(last.range_end, first.range_start, "day", "text", "back")
    return None


def _period_dating(period: TimeExpression, point: TimeExpression | None, published_on: date | None) -> Dating:
    """Dating of a period, ending at the sentence's reporting date when it gives one."""
    if point is not None and period.range_start is not None and point.range_end is not None and (
        point.range_end < period.range_start
    ):
        point = None  # 'since October 8 last year, the day after the attack of October 7': not the end
    if point is not None and point.range_start is not None and point.range_end is not None:
        end, precision = R.middle_day(point.range_start, point.range_end, point.precision), point.precision
    else:
        end, precision = published_on or period.range_end, "day"
    if end is None:
        return Dating(None, None, None, "none")
    relative = _relative_period(period)
    start = R.shift(end, -relative[0], relative[1]) if relative else period.range_start
    if start is not None and start > end:
        start = None
    return Dating(end, start, precision, "text", "since" if period.since else "back")
