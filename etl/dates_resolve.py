"""Calendar arithmetic for the temporal tagger: pure functions on dates, no text.

Kept apart from the pattern code so each rule (year choice, weekday by tense, parts of months)
can be tested and read on its own.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

# Parts of months per the contract: early = days 1-10, mid = 11-20, late = 21-end.
PART_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
# How much worse a date after the reference is than one before it, when choosing a missing year:
# news mostly reports what happened, so "Oct. 17" in a January article is last October.
FUTURE_PENALTY = 3
# A year outside [reference - MAX_YEARS_BACK, reference + MAX_YEARS_AHEAD] is not taken as a date.
MAX_YEARS_BACK = 150
MAX_YEARS_AHEAD = 30


def month_end(year: int, month: int) -> date:
    """Last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(d: date, n: int) -> date:
    """d moved by n calendar months, the day clipped to the target month's length."""
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def shift(d: date, n: int, unit: str) -> date:
    """d moved by n units (day|night|week|month|quarter|year|decade|century); negative n goes back."""
    if unit in ("day", "night"):
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit]
    return add_months(d, n * months)


def week_value(d: date) -> str:
    """ISO week in TIMEX3 notation, e.g. 2016-W49."""
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def week_range(d: date) -> tuple[date, date]:
    """Monday and Sunday of d's ISO week."""
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def quarter_range(year: int, q: int) -> tuple[date, date]:
    """First and last day of quarter q (1-4)."""
    return date(year, 3 * q - 2, 1), month_end(year, 3 * q)


def sane_year(year: int, ref: date | None) -> bool:
    """Whether a year can be a date in an article of reference date ref (rejects 'resolution 2254')."""
    base = ref.year if ref else 2000
    return base - MAX_YEARS_BACK <= year <= base + MAX_YEARS_AHEAD


def _cost(start: date, end: date, ref: date, future: bool) -> int:
    """Distance of the span [start, end] from ref, a span after ref costing more unless future."""
    if start <= ref <= end:
        return 0
    if start > ref:
        return (start - ref).days * (1 if future else FUTURE_PENALTY)
    return (ref - end).days * (FUTURE_PENALTY if future else 1)


def choose_year(month: int, day: int | None, ref: date, future: bool) -> int:
    """The year that puts a year-less month (and day) nearest before/around ref, or after it if future."""
    best = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        if day is not None:
            try:
                start = end = date(year, month, day)
            except ValueError:
                continue
        else:
            start, end = date(year, month, 1), month_end(year, month)
        cost = _cost(start, end, ref, future)
        if best is None or cost < best[0]:
            best = (cost, year)
    return best[1] if best else ref.year


def weekday_date(weekday: int, ref: date, direction: str) -> date:
    """The weekday (0 = Monday) meant relative to ref.

    direction: 'past' (ref itself or before), 'future' (ref itself or after), 'last' (strictly
    before), 'next' (strictly after). dateparser gets the same-day and next-day cases wrong.
    """
    back = (ref.weekday() - weekday) % 7
    ahead = (weekday - ref.weekday()) % 7
    if direction == "past":
        return ref - timedelta(days=back)
    if direction == "future":
        return ref + timedelta(days=ahead)
    if direction == "last":
        return ref - timedelta(days=back or 7)
    return ref + timedelta(days=ahead or 7)


def part_of_month(part: str, year: int, month: int) -> tuple[date, date]:
    """Days an 'early/mid/late' part of a month covers."""
    first, last = PART_DAYS[part]
    return date(year, month, first), min(
        date(year, month, 1) + timedelta(days=last - 1), month_end(year, month)
    )


def part_of_year(part: str, year: int) -> tuple[date, date]:
    """Months an 'early/mid/late' part of a year covers (Jan-Apr, May-Aug, Sep-Dec)."""
    first = {"early": 1, "mid": 5, "late": 9}[part]
    return date(year, first, 1), month_end(year, first + 3)


def middle_day(start: date, end: date, precision: str | None) -> date:
    """The day a span stands for as a point: parts of months their 5/15/25 (contract), others their start."""
    if (
        precision == "week"
        and start.month == end.month
        and start.day in (1, 11, 21)
        and end.day >= start.day + 9
    ):
        return start + timedelta(days=4)
    return start
