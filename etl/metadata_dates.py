"""Publication dates: explicit datelines, and inference from dated captions, tweets and weekdays.

Candidates are found with compiled regexes (linear, no nested repeats) and only the matched
date string goes to dateparser, never a whole article. The weekday arithmetic is local on
purpose: it needs a handful of rules, not the general temporal tagger in etl/dates.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import PurePath

import dateparser

from etl.dates_patterns import MONTH_ABBR, MONTH_FULL, month_number

# Month names as the temporal tagger writes them (etl/dates_patterns.py); used here case-insensitively
MONTH = rf"(?:{MONTH_FULL}|{MONTH_ABBR})\b\.?"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DMY = rf"{_DAY}\s+{MONTH},?\s+\d{{4}}"
_MDY = rf"{MONTH}\s+{_DAY},?\s+\d{{4}}"
_ISO = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_NUMERIC = r"\d{1,2}[/.]\d{1,2}[/.]\d{4}"
FULL_DATE = rf"(?:{_DMY}|{_MDY}|{_ISO}|{_NUMERIC})"
_TIME = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*\(?(?:GMT|UTC|BST|CET|EET|EST|EDT|[A-Z]{3})(?:[+-]\d{1,2})?\)?)?"
_LABEL = (
    r"(?:(?:first\s+)?published|updated|last\s+updated|posted|date|dated|issued|released|modified)"
    r"(?:\s+on|\s+at)?\s*:?"
)
# a time zone of a country that writes the day first: '09/10/2014 18:05 BST' is 9 October
_DAY_FIRST_ZONE_RE = re.compile(r"\b(?:BST|GMT|CET|CEST|EET|EEST|IST|EAT|WAT|CAT|MSK|PKT|AEST|AEDT|SAST)\b")
_SEP = r"\s*(?:[-|,·•/]|\bat\b)?\s*"

DATELINE_RE = re.compile(
    rf"(?:{_LABEL}\s*)?(?:(?:{_TIME}){_SEP})?(?:{WEEKDAY},?\s+)?(?P<date>{FULL_DATE})"
    rf"(?:{_SEP}{_TIME})?(?:{_SEP}(?P<updated>updated|last updated).{{0,60}})?",
    re.IGNORECASE,
)
FULL_DATE_RE = re.compile(rf"\b{FULL_DATE}", re.IGNORECASE)
_UPDATED_ONLY_RE = re.compile(r"(?:last\s+)?updated\b", re.IGNORECASE)
_WEEKDAY_DATE_RE = re.compile(
    rf"\b(?P<weekday>{WEEKDAY})\s*(?:\(|,)\s*(?P<month>{MONTH})\s+(?P<day>\d{{1,2}})\b(?!,?\s*\d{{4}})",
    re.IGNORECASE,
)
_YEARLESS_DATELINE_RE = re.compile(rf"\b(?P<month>{MONTH})\s+(?P<day>\d{{1,2}})\b(?!,?\s*\d{{4}})", re.IGNORECASE)
_WEEKDAY_MENTION_RE = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
_FUTURE_RE = re.compile(
    r"\b(?:will|shall|next|upcoming|tomorrow|is due|are due|is expected|are expected|scheduled|plans? to"
    r"|is set to|are set to|to be held)\b|'ll\b",
    re.IGNORECASE,
)
_PAST_RE = re.compile(
    r"\b(?:\w{3,}ed|said|says|was|were|had|did|took|made|came|went|gave|told|fell|hit|won|lost|left|held|met"
    r"|sent|began|broke|fought|struck|shot|ran|saw|rose|drew|flew|led|kept|found|brought|became|spoke|wrote"
    r"|put|set|cut|let|quit|threw|overran|withdrew|retook|stood|sought|fled|paid|laid|spent)\b",
    re.IGNORECASE,
)
_FILE_DATE_RE = re.compile(r"(?<![0-9A-Za-z])(?P<y>(?:19|20)\d{2})(?P<sep>[-_.])(?P<m>\d{2})(?P=sep)(?P<d>\d{2})(?!\d)")
_SENTENCE_END_RE = re.compile(r"[.!?]\s|\n")
_DOTTED_RE = re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})")
_SLASHED_RE = re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})")
_WRITTEN_RE = re.compile(
    rf"(?:(?P<dmy_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dmy_mon>{MONTH})|(?P<mdy_mon>{MONTH})\s+(?P<mdy_d>\d{{1,2}})"
    rf"(?:st|nd|rd|th)?),?\s+(?P<y>\d{{4}})",
    re.IGNORECASE,
)
# The text's own stamp near its start, which a feed's date column may contradict: 'Posted on July 2 2016 by',
# 'Last updated at Apr 152017' (day and year glued), 'AFP Friday 23 Aug 2013', '13 Oct 2016 In fresh strikes';
# 'KHARTOUM, Sudan Sept. 19, 2004 -' (a wire dateline); not an event's 'on Sunday 3 March 2011'
_STAMP_RE = re.compile(
    rf"(?:^(?-i:[A-Z][A-Z'. -]+,(?:\s+[A-Z][\w.]*){{0,2}},?\s+)?|\b(?:{_LABEL}|date\s+of\s+publication)\s*"
    rf"|(?<!\bon\s)\b{WEEKDAY},?\s+)(?P<date>{_DMY}|{_MDY})",
    re.IGNORECASE,
)
_GLUED_YEAR_RE = re.compile(rf"\b(?P<month>{MONTH})\s*(?P<day>\d{{1,2}})(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
_STAMP_REACH = 400
_PARSER_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"}
MIN_YEAR = 1900
ADVANCE_DAYS = 6


@lru_cache(maxsize=4096)
def parse_date(text: str) -> date | None:
    """A calendar date from one date string (ISO fast path, else dateparser in English), else None.

    Numeric dates with slashes read month first ('12/5/2016' -> 5 December), as in US feeds and
    FA-KES; with dots they read day first ('05.08.2024' -> 5 August), as everywhere dots are used.
    """
    text = text.strip()
    if not text or len(text) > 80:
        return None
    parsed = _parse_text(text) if (common := _common_form(text)) is None else _in_year(*common)
    if parsed is None or not MIN_YEAR <= parsed.year <= date.today().year + 1:
        return None
    return parsed


def _common_form(text: str) -> tuple[int, int, int] | None:
    """(month, day, year) of the forms most feeds use, read without dateparser (which costs about 6 ms a
    call): '05.08.2024' (day first), '12/5/2016' (month first when it can be), '6 December 2016', 'Dec. 6, 2016'."""
    if m := _DOTTED_RE.fullmatch(text):
        return int(m["m"]), int(m["d"]), int(m["y"])
    if m := _SLASHED_RE.fullmatch(text):  # month first unless that cannot be: '17/08/2016' is 17 August
        first, second = int(m["m"]), int(m["d"])
        return (second, first, int(m["y"])) if first > 12 else (first, second, int(m["y"]))
    if m := _WRITTEN_RE.fullmatch(text):
        return month_number(m["dmy_mon"] or m["mdy_mon"]), int(m["dmy_d"] or m["mdy_d"]), int(m["y"])
    return None


def _parse_text(text: str) -> date | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        found = dateparser.parse(text, languages=["en"], settings=_PARSER_SETTINGS)
        return found.date() if found else None


def dateline_date(line: str) -> tuple[date, bool] | None:
    """(date, is_update) when the whole line is a dateline ('06 December, 2016', 'Updated: ...')."""
    if len(line) > 120:
        return None
    match = DATELINE_RE.fullmatch(line.strip())
    if match is None:
        return None
    found = parse_date(match.group("date"))
    if found is None:
        return None
    slashed = _SLASHED_RE.fullmatch(match.group("date"))
    if slashed and found.day <= 12 and found.month != found.day and _DAY_FIRST_ZONE_RE.search(line):
        found = found.replace(month=found.day, day=found.month)
    is_update = bool(_UPDATED_ONLY_RE.match(line.strip())) and not match.group("updated")
    return found, is_update


def lede_stamp(body: str) -> date | None:
    """The date the text stamps itself with in its first lines: opening it ('2 July 2016 The regime ...') or
    after a label or weekday ('Posted on', 'Last updated at', 'Date of publication', 'AFP Friday 23 Aug 2013')."""
    head = _GLUED_YEAR_RE.sub(r"\g<month> \g<day> \g<year>", body[:_STAMP_REACH].lstrip())
    match = _STAMP_RE.search(head)
    return parse_date(match.group("date")) if match else None


def dates_in(text: str) -> list[date]:
    """Every full date (day, month and year) stated in a short text such as a caption or tweet."""
    return [d for d in (parse_date(m.group(0)) for m in FULL_DATE_RE.finditer(text)) if d]


def _with_year(month: str, day: str, year: int) -> date | None:
    return parse_date(f"{day} {month.rstrip('.')} {year}")


def weekday_dated(text: str, year: int) -> list[date]:
    """Dates stated as 'on Wednesday (Dec 7)' or 'Wednesday, Dec. 7' in `year`, weekday checked."""
    found = []
    for match in _WEEKDAY_DATE_RE.finditer(text):
        day = _with_year(match.group("month"), match.group("day"), year)
        if day and WEEKDAYS[day.weekday()].startswith(match.group("weekday").lower()[:3]):
            found.append(day)
    return found


def _month_number(name: str) -> int:
    return next(i for i, m in enumerate(_MONTH_PREFIXES, 1) if name.lower().startswith(m))


_MONTH_PREFIXES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def dateline_month_day(text: str) -> tuple[int, int] | None:
    """(month, day) of a wire dateline without a year ('BAGHDAD, Nov 2 (Reuters) -', '(Hodeidah, Nov. 8) -')."""
    match = _YEARLESS_DATELINE_RE.search(text)
    if match is None:
        return None
    month, day = _month_number(match.group("month")), int(match.group("day"))
    return (month, day) if _in_year(month, day, 2000) else None  # 2000: a leap year admits Feb 29


def _in_year(month: int, day: int, year: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def closest_in_year(month_day: tuple[int, int], near: date) -> date | None:
    """The date with this month and day in the year that puts it closest to `near`."""
    options = [_in_year(*month_day, near.year + k) for k in (-1, 0, 1)]
    return min((d for d in options if d), key=lambda d: abs((d - near).days), default=None)


def first_on_or_after(month_day: tuple[int, int], earliest: date, lede_weekdays: Iterable[int] = ()) -> date | None:
    """The first date with this month and day that is not before `earliest`: a yearless dateline 'May 12'
    over a text whose latest dated reference is 'April 2023' is 12 May 2023 (a report is never older
    than what it refers to). When the lede names weekdays, the first of those five years in which the
    dateline falls on one of them, or on the day after one (copy filed after midnight), wins: 'KHARTOUM,
    April 18 - ... pounded Khartoum on Tuesday' over a text whose latest reference is 'a 2021 coup' is
    from 2023, the first year since 2021 whose April 18 was a Tuesday."""
    found = [d for d in (_in_year(*month_day, earliest.year + k) for k in range(5)) if d and d >= earliest]
    fits = {day for w in lede_weekdays for day in (w, (w + 1) % 7)}
    return next((d for d in found if d.weekday() in fits), found[0] if found else None)


def file_name_date(source_path: str) -> date | None:
    """A full date in the input's file name ('raqqa-2017-08-14_x.txt', '2016_11_02-wire.txt'), else None."""
    match = _FILE_DATE_RE.search(PurePath(source_path.split("#")[0]).name)
    if match is None:
        return None
    found = _in_year(int(match.group("m")), int(match.group("d")), int(match.group("y")))
    return found if found and found.year <= date.today().year + 1 else None


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in _SENTENCE_END_RE.finditer(text, max(0, start - 400), start)), default=0)
    right = _SENTENCE_END_RE.search(text, end)
    return text[left : right.start() if right else len(text)]


def past_weekdays(text: str) -> set[int]:
    """Weekdays (0 = Monday) the text mentions in past-tense statements, not in plans."""
    days = set()
    for match in _WEEKDAY_MENTION_RE.finditer(text):
        sentence = _sentence_around(text, match.start(), match.end())
        if _PAST_RE.search(sentence) and not _FUTURE_RE.search(sentence):
            days.add(WEEKDAYS.index(match.group(1).lower()))
    return days


def nearest_weekdays(anchor: date, weekdays: Iterable[int]) -> list[date]:
    """Each weekday at its occurrence nearest to `anchor` (at most three days either side).

    In a report that dates one statement ('on Monday (June 28)'), other weekdays are days of the same
    week: 'on Wednesday urged' is two days later, 'on Sunday' the day before.
    """
    return [anchor + timedelta(days=(w - anchor.weekday() + 3) % 7 - 3) for w in weekdays]


def advance_to_weekdays(anchor: date, weekdays: Iterable[int]) -> date:
    """The latest day within ADVANCE_DAYS after `anchor` whose weekday the text mentions, else anchor.

    A report dated by a Dec 5 caption that says what happened 'on Tuesday' was written on or after
    Tuesday Dec 6; weekdays further back than the anchor are earlier days of the same story.
    """
    wanted = set(weekdays)
    later = [anchor + timedelta(days=n) for n in range(1, ADVANCE_DAYS + 1)]
    return max((d for d in later if d.weekday() in wanted), default=anchor)
