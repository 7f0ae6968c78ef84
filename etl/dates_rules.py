"""The temporal tagger's rules: one compiled pattern and one resolver per family of expressions.

Each rule's resolver turns a match into a `Resolved` (TIMEX3 type and value, the days covered and
their precision) or rejects it (None), e.g. the modal 'May', a figure like '2,000', a year 2254.
Order matters: at one position the first rule that matches and is accepted wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from etl import dates_patterns as P
from etl import dates_resolve as R


class Resolved(NamedTuple):
    """What a matched expression means: TIMEX3 type/value and, when known, the days it covers."""

    type: str
    value: str
    start: date | None = None
    end: date | None = None
    precision: str | None = None
    is_period: bool = False
    since: bool = False  # a period opened by 'since X' (its start), not a window counted back


@dataclass(frozen=True)
class Ctx:
    """A match in its text, with the reference (publication) date."""

    text: str
    start: int
    end: int
    ref: date | None

    def prev_word(self) -> str:
        """The word just before the match, lower-cased."""
        words = self.text[max(0, self.start - 30) : self.start].split()
        return words[-1].lower() if words else ""

    def next_word(self) -> str:
        """The word just after the match, lower-cased, without trailing punctuation."""
        words = self.text[self.end : self.end + 30].split()
        return words[0].lower().strip(".,;:!?)\"'") if words else ""

    def prev_char(self) -> str:
        """The character just before the match ('' at the start)."""
        return self.text[self.start - 1] if self.start else ""

    def future(self) -> bool:
        """Whether the clause speaks of something still to come ('will', 'is to', 'set to', 'later on')."""
        left = self.text[max(0, self.start - 100) : self.start]
        left = re.split(r"[.!?]\s|\n", left)[-1]
        hits = list(_FUTURE.finditer(left))
        if hits and not _REPORTED.search(left, hits[-1].end()):
            return True
        return bool(_FUTURE_AFTER.match(self.text, self.end))


_FUTURE = re.compile(
    r"\b(?:will|won't|shall|would|is to|are to|was to|were to|set to|due to|scheduled|planned|plans? to"
    r"|expected to|later|next|upcoming|ahead of)\b|'ll\b",
    re.I,
)
_REPORTED = re.compile(r"\b(?:said|says|told|announced|reported|added|stated)\b", re.I)
_FUTURE_AFTER = re.compile(r"[\s,]+(?:will|is to|are to|is set to|is expected to)\b", re.I)


def _day(d: date, typ: str = "DATE", suffix: str = "") -> Resolved:
    return Resolved(typ, d.isoformat() + suffix, d, d, "day")


def _month(year: int, month: int) -> Resolved:
    return Resolved(
        "DATE", f"{year:04d}-{month:02d}", date(year, month, 1), R.month_end(year, month), "month"
    )


def _year(year: int) -> Resolved:
    return Resolved("DATE", f"{year:04d}", date(year, 1, 1), date(year, 12, 31), "year")


def _week(d: date, suffix: str = "") -> Resolved:
    monday, sunday = R.week_range(d)
    if suffix:
        monday = sunday - (sunday - monday) // 6
    return Resolved("DATE", R.week_value(d) + suffix, monday, sunday, "week")


@lru_cache(maxsize=4096)
def _absolute(candidate: str) -> date | None:
    """A complete written date ('Dec. 5, 2016', '20 November, 2016') normalised by dateparser.

    Only strings that our own patterns found and that carry day, month and year reach it, the
    case where dateparser is reliable; STRICT_PARSING stops it from filling parts in.
    """
    import dateparser

    parsed = dateparser.parse(
        candidate, languages=["en"], settings={"STRICT_PARSING": True, "DATE_ORDER": "MDY"}
    )
    return parsed.date() if parsed else None


def _valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _iso(m: re.Match, ctx: Ctx) -> Resolved | None:
    d = _valid_date(int(m["year"]), int(m["month"]), int(m["day"]))
    if d is None or not R.sane_year(d.year, ctx.ref):
        return None
    return Resolved("TIME", f"{d.isoformat()}T{m['time']}", d, d, "day") if m["time"] else _day(d)


def _numeric(m: re.Match, ctx: Ctx) -> Resolved | None:
    d = _absolute(m.group())
    return _day(d) if d and R.sane_year(d.year, ctx.ref) else None


def _full_date(m: re.Match, ctx: Ctx) -> Resolved | None:
    """A month and day, with or without a year ('Dec 7', 'December 4, 2016', '20 November, 2016')."""
    month, day = P.month_number(m["mon"]), int(m["day"])
    year = _stated_year(m, ctx)
    if not 1 <= day <= 31 or (year and not R.sane_year(year, ctx.ref)):
        return None
    if year:
        d = _valid_date(year, month, day)
        return _day(d) if d else None
    if m["rel_year"] or ctx.ref is None:  # 'October 8 last year' with no reference date: no year known
        return Resolved("DATE", f"XXXX-{month:02d}-{day:02d}")
    try:
        return _day(date(R.choose_year(month, day, ctx.ref, ctx.future()), month, day))
    except ValueError:
        return None


def _month_year(m: re.Match, ctx: Ctx) -> Resolved | None:
    year = _stated_year(m, ctx)
    if year is None:
        return Resolved("DATE", f"XXXX-{P.month_number(m['mon']):02d}")
    return _month(year, P.month_number(m["mon"])) if R.sane_year(year, ctx.ref) else None


def _stated_year(m: re.Match, ctx: Ctx) -> int | None:
    """The year written ('2016') or said relative to the reference date ('last year'), else None."""
    if m["year"]:
        return int(m["year"])
    if m["rel_year"] and ctx.ref:
        return ctx.ref.year + {"last": -1, "this": 0, "next": 1}[m["rel_year"].lower()]
    return None


def _part_word(word: str) -> str:
    w = word.lower()
    if "end" in w or "late" in w:
        return "late"
    if "mid" in w:
        return "mid"
    return "early"


def _part_month(m: re.Match, ctx: Ctx) -> Resolved | None:
    """'early December', 'mid-July', 'late November 2016', 'the end of March': a third of a month."""
    month = P.month_number(m["mon"])
    if m["year"]:
        year = int(m["year"])
    elif ctx.ref is None:
        return Resolved("DATE", f"XXXX-{month:02d}")
    else:
        year = R.choose_year(month, None, ctx.ref, ctx.future())
    start, end = R.part_of_month(_part_word(m["part"]), year, month)
    return Resolved("DATE", f"{year:04d}-{month:02d}", start, end, "week")


def _part_year(m: re.Match, ctx: Ctx) -> Resolved | None:
    year = int(m["year"])
    if not R.sane_year(year, ctx.ref):
        return None
    start, end = R.part_of_year(_part_word(m["part"]), year)
    return Resolved("DATE", f"{year:04d}", start, end, "month")


_MONTH_CUES = {
    "in",
    "since",
    "by",
    "until",
    "till",
    "of",
    "from",
    "through",
    "before",
    "after",
    "during",
    "last",
    "next",
    "this",
    "early",
    "late",
    "mid",
    "end",
    "to",
    "and",
    "between",
}


def _month_alone(m: re.Match, ctx: Ctx) -> Resolved | None:
    """'December', 'last October', 'next March'; 'May' only after a cue word ('in May')."""
    month = P.month_number(m["mon"])
    mod = (m["mod"] or "").lower()
    if month == 5 and not mod and ctx.prev_word() not in _MONTH_CUES:
        return None
    if ctx.ref is None:
        return Resolved("DATE", f"XXXX-{month:02d}")
    ref = ctx.ref
    if mod == "last":
        year = ref.year if month < ref.month else ref.year - 1
    elif mod == "next":
        year = ref.year if month > ref.month else ref.year + 1
    elif mod == "this":
        year = ref.year
    else:
        year = R.choose_year(month, None, ref, ctx.future())
    return _month(year, month)


def _weekday(m: re.Match, ctx: Ctx) -> Resolved | None:
    """'Monday', 'last Friday', 'Wednesday night', 'mid-day Saturday', by tense of the clause."""
    wd = P.WEEKDAYS[m["wd"].lower()]
    mod = (m["mod"] or "").lower()
    pre = mod if mod in {"early", "late"} or "day" in mod else ""
    suffix = "T12:00" if "day" in pre else f"T{P.PARTS_OF_DAY[m['pod'].lower()]}" if m["pod"] else ""
    typ = "TIME" if suffix else "DATE"
    if ctx.ref is None:
        return Resolved(typ, f"XXXX-WXX-{wd + 1}{suffix}")
    direction = mod if mod in {"last", "next"} else "future" if ctx.future() else "past"
    return _day(R.weekday_date(wd, ctx.ref, direction), typ, suffix)


_DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


def _day_word(m: re.Match, ctx: Ctx) -> Resolved | None:
    word = m["w"].lower()
    pod = m["pod"] or ("night" if word == "tonight" else "")
    suffix = f"T{P.PARTS_OF_DAY[pod.lower()]}" if pod else ""
    typ = "TIME" if suffix else "DATE"
    if ctx.ref is None:
        return Resolved(typ, "PRESENT_REF" if word == "today" and not suffix else f"XXXX-XX-XX{suffix}")
    return _day(R.shift(ctx.ref, _DAY_WORDS[word], "day"), typ, suffix)


def _this_pod(m: re.Match, ctx: Ctx) -> Resolved | None:
    suffix = f"T{P.PARTS_OF_DAY[m['pod'].lower()]}"
    return _day(ctx.ref, "TIME", suffix) if ctx.ref else Resolved("TIME", f"XXXX-XX-XX{suffix}")


def _duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration: P3W, PT48H, P10Y for a decade, PXD for 'several days'."""
    if unit in ("decade", "century"):
        n, unit = (n * (10 if unit == "decade" else 100) if n is not None else None), "year"
    amount = "X" if n is None else (f"{n:g}" if n != int(n) else str(int(n)))
    return f"P{'T' if unit in P.TIME_UNITS else ''}{amount}{P.UNIT_CODES[unit]}"


def _unit_span(ref: date, unit: str, offset: int) -> Resolved | None:
    """The calendar unit containing ref moved by offset units ('last month', 'this week')."""
    if unit not in ("day", "week", "month", "quarter", "year"):
        return None
    d = R.shift(ref, offset, unit)
    if unit == "week":
        return _week(d)
    if unit == "month":
        return _month(d.year, d.month)
    if unit == "year":
        return _year(d.year)
    if unit == "quarter":
        q = (d.month - 1) // 3 + 1
        start, end = R.quarter_range(d.year, q)
        return Resolved("DATE", f"{d.year:04d}-Q{q}", start, end, "month")
    if unit == "day":
        return _day(d)
    return None


_PAST_MODS = {"the past", "past", "the last", "the previous", "previous"}
_NEXT_MODS = {"the next", "the coming", "the following", "next", "coming"}


def _relative(m: re.Match, ctx: Ctx) -> Resolved | None:
    """'last week', 'this year', 'earlier this month', 'the past three weeks', 'the next two days'."""
    mod = " ".join(m["mod"].lower().split())
    unit = P.unit_name(m["unit"])
    n = P.number_value(m["n"]) if m["n"] else (None if m["pl"] else 1)
    counted = bool(m["n"]) or bool(m["pl"])
    if mod in _PAST_MODS or (mod == "last" and counted):
        return _past_period(n, unit, ctx.ref)
    if mod in _NEXT_MODS and (counted or mod != "next"):
        return Resolved("DURATION", _duration_value(n, unit))
    if counted or ctx.ref is None:
        return None
    offset = {"last": -1, "previous": -1, "next": 1}.get(mod, 0)
    if unit == "night" and mod in {"last", "this"}:
        return _day(R.shift(ctx.ref, offset, "day"), "TIME", "TNI")
    if mod == "the":
        return None
    span = _unit_span(ctx.ref, unit, offset)
    if mod == "this" and span is not None and unit in ("week", "month", "quarter", "year"):
        # 'sent 7,000 troops this month': the month so far, a period ending at the reference date
        return span._replace(end=ctx.ref, is_period=True)
    return span


def _past_period(n: float | None, unit: str, ref: date | None) -> Resolved:
    """'the past week': a span of n units ending at the reference date."""
    value = _duration_value(n, unit)
    if n is None or ref is None or unit in P.TIME_UNITS and n > 24 * 365:
        return Resolved("DURATION", value, is_period=n is not None)
    if unit in P.TIME_UNITS:
        start = R.shift(ref, -int(-(-n // {"second": 86400, "minute": 1440, "hour": 24}[unit])), "day")
    else:
        try:
            start = R.shift(ref, -int(n), "day" if unit == "night" else unit)
        except (ValueError, OverflowError):  # 'the last 2016 centuries' reaches before year 1
            return Resolved("DURATION", value, is_period=True)
    if ref.year - start.year > R.MAX_YEARS_BACK:  # 'the last 7 centuries': a length, not a datable span
        return Resolved("DURATION", value, is_period=True)
    return Resolved("DURATION", value, start, ref, "day", True)


def _weekend(m: re.Match, ctx: Ctx) -> Resolved | None:
    mod = m["mod"].lower()
    if ctx.ref is None:
        return Resolved("DATE", "XXXX-WXX-WE")
    ref = ctx.ref
    if mod == "last" or (mod != "next" and ref.weekday() < 5 and not ctx.future()):
        return _week(R.shift(ref, -1, "week"), "-WE")
    return _week(R.shift(ref, 1 if mod == "next" else 0, "week"), "-WE")


def _ago(m: re.Match, ctx: Ctx) -> Resolved | None:
    """'three years ago', 'two days ago': a date at the unit's precision."""
    unit = P.unit_name(m["unit"])
    n = P.number_value(m["n"])
    if n is None or ctx.ref is None or n != int(n) or unit in P.TIME_UNITS:
        return Resolved("DATE", "PAST_REF") if n is None else None
    if m["n"][0].isdigit() and ctx.prev_char() in {",", ".", "$"}:
        return None  # '31,500 years ago': the tail of a bigger number
    if unit in ("decade", "century"):
        n, unit = n * (10 if unit == "decade" else 100), "year"
    if unit == "year" and n > R.MAX_YEARS_BACK:
        return Resolved("DATE", "PAST_REF")  # 'a thousand years ago': no datable year
    span = _unit_span(R.shift(ctx.ref, -int(n), "day" if unit == "night" else unit), unit, 0)
    if span is not None and m["dir"].lower() == "earlier":
        # 'a year earlier' counts from a date the text gave before, usually but not surely the
        # reference date: the TIMEX3 value assumes it, the dating does not rely on it.
        return Resolved(span.type, span.value)
    return span


_OF_TIME = re.compile(r"\s+of\s+(?:an?\s+|the\s+)?(?:century|hour|year|mile)\b", re.I)


def _duration(m: re.Match, ctx: Ctx) -> Resolved | None:
    """'five-year', '14 years', 'three days': a length of time, never a date."""
    if m["n"][0].isdigit() and ctx.prev_char() in {",", ".", "$"}:
        return None
    if P.unit_name(m["unit"]) == "second" and m["n"].lower() in {"a", "an"}:
        return None  # 'a second time': an ordinal, not a duration
    if m.group().lower().endswith("old") or ctx.next_word() == "old":
        return None  # '6-year-old', '52 years old': an age, not a time expression
    if P.unit_name(m["unit"]) == "quarter" and ctx.next_word() == "of" and not _OF_TIME.match(ctx.text, ctx.end):
        return None  # 'three quarters of the city': a fraction, not a length of time
    return Resolved("DURATION", _duration_value(P.number_value(m["n"]), P.unit_name(m["unit"])))


def _year_only(m: re.Match, ctx: Ctx) -> Resolved | None:
    """'2012', 'in 2016': a year, unless the number is a figure or an identifier ('resolution 2254')."""
    year = int(m["year"])
    if ctx.prev_char() in set("$£€#,./-") or not R.sane_year(year, ctx.ref):
        return None
    if ctx.prev_word() in P.NOT_YEAR_BEFORE or ctx.next_word() in P.NOT_YEAR_AFTER:
        return None
    return _year(year)


def _decade(m: re.Match, ctx: Ctx) -> Resolved | None:
    year = int(m["dec"])
    if not R.sane_year(year, ctx.ref):
        return None
    return Resolved("DATE", str(year // 10), date(year, 1, 1), date(year + 9, 12, 31), "year")


def _quarter(m: re.Match, ctx: Ctx) -> Resolved | None:
    q = P.ORDINALS[(m["ord"] or m["ord2"]).lower()]
    if m["year"]:
        year = int(m["year"])
    elif ctx.ref is None:
        return Resolved("DATE", f"XXXX-Q{q}")
    else:
        year = R.choose_year(3 * q - 1, None, ctx.ref, ctx.future())
    start, end = R.quarter_range(year, q)
    return Resolved("DATE", f"{year:04d}-Q{q}", start, end, "month")


def _season(m: re.Match, ctx: Ctx) -> Resolved | None:
    code = P.SEASONS[m["season"].lower()]
    mod = (m["mod"] or "").lower()
    if not (m["year"] or mod):
        return None
    if m["year"]:
        year = int(m["year"])
    elif ctx.ref is None:
        return Resolved("DATE", f"XXXX-{code}")
    else:
        year = ctx.ref.year + {"last": -1, "next": 1}.get(mod, 0)
    first = P.SEASON_START[code]
    start = date(year, first, 1)
    end = R.month_end(year + (first == 12), (first + 2 - 1) % 12 + 1)
    return Resolved("DATE", f"{year:04d}-{code}", start, end, "month")


def _clock(m: re.Match, ctx: Ctx) -> Resolved | None:
    """'10:30', '10:35 a.m.', 'noon': a time of the reference day."""
    if m["w"]:
        hour, minute = (12, 0) if m["w"].lower() == "noon" else (0, 0)
    else:
        hour, minute = int(m["h"] or m["h2"]), int(m["mi"] or m["mi2"] or 0)
        ap = (m["ap"] or "").lower()
        if ap.startswith("p") and hour < 12:
            hour += 12
        elif ap.startswith("a") and hour == 12:
            hour = 0
    if hour > 23 or ctx.prev_char() in set(":.,$"):
        return None
    suffix = f"T{hour:02d}:{minute:02d}"
    return _day(ctx.ref, "TIME", suffix) if ctx.ref else Resolved("TIME", f"XXXX-XX-XX{suffix}")


_SET_VALUES = {"day": "P1D", "week": "P1W", "month": "P1M", "year": "P1Y", "dai": "P1D", "annual": "P1Y"}


def _set(m: re.Match, ctx: Ctx) -> Resolved | None:
    word = m.group().lower().split()[-1]
    for key, value in _SET_VALUES.items():
        if word.startswith(key):
            return Resolved("SET", value)
    return None


_REF_VALUES = {
    "now": "PRESENT_REF",
    "current": "PRESENT_REF",
    "nowaday": "PRESENT_REF",
    "recent": "PAST_REF",
    "previous": "PAST_REF",
    "past": "PAST_REF",
    "future": "FUTURE_REF",
}


def _ref_word(m: re.Match, ctx: Ctx) -> Resolved | None:
    """'now', 'currently', 'recently', 'in recent years', 'the future': TIMEX3 reference values."""
    words = m.group().lower().split()
    key = next(k for k in _REF_VALUES if any(w.startswith(k) for w in words))
    value = _REF_VALUES[key]
    if value == "PRESENT_REF" and ctx.ref:
        return Resolved("DATE", value, ctx.ref, ctx.ref, "day")
    return Resolved("DATE", value)


def _soon(m: re.Match, ctx: Ctx) -> Resolved | None:
    """'soon' (FUTURE_REF), but not 'as soon as'."""
    return None if "as" in (ctx.prev_word(), ctx.next_word()) else Resolved("DATE", "FUTURE_REF")


_VAGUE_CUES = {"for", "in", "over", "within", "after", "took", "take", "takes", "lasted", "spent"}


def _vague_units(m: re.Match, ctx: Ctx) -> Resolved | None:
    """'for years', 'within weeks': an unknown number of units."""
    if ctx.prev_word() not in _VAGUE_CUES:
        return None
    return Resolved("DURATION", _duration_value(None, P.unit_name(m.group())))


@dataclass(frozen=True)
class Rule:
    """A named pattern and the resolver for its matches."""

    name: str
    regex: re.Pattern
    resolve: Callable[[re.Match, Ctx], Resolved | None]


_MOD_REL = (
    r"(?:(?i:early|late)\s+)?(?P<mod>(?i:(?:the\s+)?(?:past|last|previous|next|coming|following)"
    r"|(?:earlier|later)\s+this|this|the))"
)
_REL_YEAR = r"\s+(?P<rel_year>(?i:last|this|next))\s+(?i:year)\b"  # 'October 8 last year'
_PART = r"(?P<part>(?i:early|mid|late|the\s+(?:end|beginning|start|middle)\s+of|end\s+of))"
_SPECS: list[tuple[str, str, Callable[[re.Match, Ctx], Resolved | None]]] = [
    (
        "iso",
        r"\b(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?:[T ](?P<time>\d\d:\d\d)(?::\d\d)?)?\b",
        _iso,
    ),
    ("numeric", r"\b(?:1[0-2]|0?[1-9])/(?:[0-3]?\d)/(?:\d{4}|\d\d)\b(?![/\d])", _numeric),
    ("part_month", rf"\b{_PART}[\s-]+{P.MONTH}(?:,?\s+{P.YEAR})?", _part_month),
    ("part_year", rf"\b{_PART}[\s-]+{P.YEAR}", _part_year),
    ("month_day", rf"\b(?:{P.WEEKDAY},?\s+)?{P.MONTH}\s+{P.DAY}(?:,?\s+{P.YEAR}|{_REL_YEAR})?", _full_date),
    ("day_month", rf"\b{P.DAY}\s+(?:of\s+)?{P.MONTH}(?:,?\s+{P.YEAR}|{_REL_YEAR})?", _full_date),
    ("month_year", rf"\b{P.MONTH}(?:(?:\s+of)?,?\s+{P.YEAR}|{_REL_YEAR})", _month_year),
    (
        "quarter",
        r"\b(?:(?:(?i:the)\s+)?(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th))\s+"
        r"|(?P<ord2>(?i:first|second|third|fourth))-)"
        rf"(?i:quarter)(?:(?:\s+of|,)?\s+{P.YEAR})?",
        _quarter,
    ),
    ("weekend", r"\b(?i:(?P<mod>this|last|next|the)\s+weekend)\b", _weekend),
    ("relative", rf"\b{_MOD_REL}\s+(?:{P.NUM}\s+)?{P.UNIT}(?P<pl>s)?\b", _relative),
    ("ago", rf"\b{P.NUM}[\s-]+{P.UNIT}s?\s+(?P<dir>(?i:ago|earlier))\b", _ago),
    (
        "ref_phrase",
        r"\b(?i:the\s+(?:near\s+|distant\s+)?(?:future|past)|recent\s+(?:years|months|weeks|days))\b",
        _ref_word,
    ),
    (
        "season",
        rf"\b(?:(?P<mod>(?i:this|last|next))\s+)?(?P<season>(?i:spring|summer|autumn|winter)|fall)"
        rf"(?:\s+(?:of\s+)?{P.YEAR})?\b",
        _season,
    ),
    ("month_alone", rf"\b(?:(?P<mod>(?i:last|next|this))\s+)?(?P<mon>{P.MONTH_FULL})\b", _month_alone),
    (
        "weekday",
        rf"\b(?:(?P<mod>(?i:last|next|this|early|late|mid-?day|midday))\s+)?{P.WEEKDAY}"
        rf"(?:\s+{P.PART_OF_DAY})?",
        _weekday,
    ),
    (
        "day_word",
        rf"\b(?:(?i:early|late)\s+)?(?P<w>(?i:today|yesterday|tomorrow|tonight))\b"
        rf"(?:\s+{P.PART_OF_DAY})?",
        _day_word,
    ),
    ("this_pod", rf"\b(?i:this)\s+{P.PART_OF_DAY}\b", _this_pod),
    ("duration", rf"\b{P.NUM}[\s-]+{P.UNIT}s?\b(?:-(?:long|old))?", _duration),
    ("decade", r"\b(?P<dec>(?:1[6-9]|20)\d0)'?s\b", _decade),
    ("year", rf"\b{P.YEAR}(?!\s*(?:%|percent))", _year_only),
    (
        "clock",
        r"\b(?:(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d))?\s*(?P<ap>(?i:a\.m\.?|p\.m\.?|am\b|pm\b))"
        r"|(?P<h2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)\b(?!:?\d)|(?P<w>(?i:noon|midnight)))",
        _clock,
    ),
    (
        "set",
        r"\b(?i:daily|weekly|monthly|annually|yearly|(?:every|each|per)\s+(?:day|week|month|year))\b",
        _set,
    ),
    ("ref_word", r"\b(?i:now|currently|current|recently|nowadays|previously)\b", _ref_word),
    ("soon", r"\b(?i:soon)\b", _soon),
    ("vague_units", r"\b(?i:years|months|weeks|decades)\b", _vague_units),
]
