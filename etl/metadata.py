"""Recover a document's title, publisher and publication date from its sorted layout.

Precedence, most trusted first: the date the text stamps itself with at its start, structured fields
of the input (CSV/JSON), HTML metadata, then what the page itself shows (datelines, bylines). A date
the page does not state is inferred only from dated evidence (captions, tweets, 'on Wednesday (Dec 7)');
without any, it is unknown.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from etl import dates
from etl.clean_lines import Layout
from etl.metadata_dates import (
    advance_to_weekdays,
    closest_in_year,
    dateline_date,
    dateline_month_day,
    dates_in,
    file_name_date,
    first_on_or_after,
    lede_stamp,
    nearest_weekdays,
    parse_date,
    past_weekdays,
    weekday_dated,
)
from etl.metadata_publishers import clean_site_name, publisher_in
from etl.model import Block, RawRecord

_FILE_PHOTO_RE = re.compile(r"\bfile\b", re.IGNORECASE)


@dataclass(frozen=True)
class PageMeta:
    """Metadata a page states outside its text lines (HTML head, JSON-LD, <time>)."""

    title: str | None = None
    publisher: str | None = None
    published: str | None = None


def resolve_title(record: RawRecord, meta: PageMeta, layout: Layout) -> str | None:
    """The structured title, else the page's metadata title, else the guessed first line."""
    for title in (record.title, meta.title, layout.title):
        if title and title.strip():
            return " ".join(title.split())
    return None


def resolve_publisher(record: RawRecord, meta: PageMeta, blocks: Sequence[Block]) -> str | None:
    """Structured or site publisher, else an outlet named in a byline, else a wire dateline's agency.

    Agencies merely quoted in the text ('told AFP') or credited on photos ('[AFP]') never count.
    """
    named = clean_site_name(record.publisher) or clean_site_name(meta.publisher)
    if named:
        return named
    for kind in ("byline", "dateline"):
        for block in blocks:
            found = publisher_in(block.text) if block.kind == kind else None
            if found:
                return found
    return None


def _first_date(text: str) -> tuple[date, bool] | None:
    """The full date inside a paragraph-opening dateline ('December 5, 2016 (KHARTOUM) -')."""
    dates = dates_in(text)
    return (dates[0], False) if dates else None


def _stated_date(blocks: Sequence[Block]) -> date | None:
    """The page's own dateline date: a 'published' line first, an 'updated' one if that is all."""
    datelines = [dateline_date(b.text) or _first_date(b.text) for b in blocks if b.kind == "dateline"]
    found = [d for d in datelines if d]
    published = [day for day, is_update in found if not is_update]
    return (published or [day for day, _ in found] or [None])[0]


def _evidence_dates(blocks: Sequence[Block]) -> list[date]:
    """Dates shown by captions and tweets (file photos excepted): the page's own dated evidence."""
    return [
        d
        for b in blocks
        if b.kind in ("caption", "tweet") and not _FILE_PHOTO_RE.search(b.text)
        for d in dates_in(b.text)
    ]


def _wire_dateline(blocks: Sequence[Block]) -> tuple[str, tuple[int, int]] | None:
    """The text and (month, day) of a wire dateline without a year ('BEIRUT, Dec 6 (Reuters) -')."""
    found = ((b.text, dateline_month_day(b.text)) for b in blocks if b.kind == "dateline")
    return next(((text, d) for text, d in found if d), None)


def _paragraph_of(body: str, text: str) -> str:
    """The paragraph of `body` that holds `text` (a dateline opening its lede), else the first one."""
    start = max(body.find(text), 0)
    end = body.find("\n", start)
    return body[body.rfind("\n", 0, start) + 1:end if end >= 0 else len(body)]


def _latest_reference(body: str) -> date | None:
    """The start of the latest absolute date the text refers to ('in April 2023', 'on 3 May 2016')."""
    starts = [e.range_start for e in dates.find_expressions(body, None) if e.type == "DATE" and e.range_start]
    return max(starts, default=None)


def _wire_date(record: RawRecord, body: str, blocks: Sequence[Block], evidence: list[date]) -> tuple[date, str] | None:
    """A yearless wire dateline's date, its year taken from the best evidence there is.

    Explicit: the year of the page's dated captions or tweets, or of a file name whose date has the
    dateline's month and day ('raqqa-2017-08-14.txt' + 'RAQQA, Aug. 14 -'). Inferred: the year of a
    file name with another day, else the first year that keeps the dateline on or after every date
    the text refers to and, where its lede names a weekday, on that day or the day after.
    """
    wire = _wire_dateline(blocks)
    if wire is None:
        return None
    dateline, month_day = wire
    if evidence:
        found = closest_in_year(month_day, max(evidence))
        return (found, "explicit") if found else None
    named = file_name_date(record.source_path)
    if named:
        found = closest_in_year(month_day, named)
        return (found, "explicit" if found == named else "inferred") if found else None
    latest = _latest_reference(body)
    found = first_on_or_after(month_day, latest, past_weekdays(_paragraph_of(body, dateline))) if latest else None
    return (found, "inferred") if found else None


def _week_of(anchor: date, body: str) -> date:
    """The latest of `anchor` and the past-tense weekdays the text names around it (three days either side)."""
    return max([anchor, *nearest_weekdays(anchor, past_weekdays(body))])


def infer_published(body: str, evidence: list[date]) -> date | None:
    """The latest date the evidence shows, advanced to past-tense weekdays the text mentions.

    A statement dated by the text itself ('on Wednesday (Dec 7)', in the evidence's year), or a
    caption whose weekday the text names ('Goma, January 28' + 'on Tuesday'), fixes the week the
    article speaks from: other weekdays are the nearest days of that name around it ('on Sunday'
    two days before, 'on Friday' three days later).
    """
    if not evidence:
        return None
    stated = weekday_dated(body, max(evidence).year)
    if stated:
        return _week_of(max([*evidence, *stated]), body)
    weekdays = past_weekdays(body)
    if max(evidence).weekday() in weekdays:
        return _week_of(max(evidence), body)
    return advance_to_weekdays(max(evidence), weekdays)


def weekday_dated_in_text_year(body: str) -> date | None:
    """A statement dated 'on Tuesday (Sept 29)' with no year anywhere on the page: the year is the
    first, from that of the latest date the text refers to ('in July 2015'), in which the day falls
    on that weekday."""
    latest = _latest_reference(body)
    for year in (latest.year, latest.year + 1) if latest else ():
        stated = weekday_dated(body, year)
        if stated:
            return _week_of(max(stated), body)
    return None


def resolve_published(record: RawRecord, meta: PageMeta, body: str, blocks: Sequence[Block]) -> tuple[date | None, str]:
    """(published_on, published_basis): explicit when stated, inferred from evidence, else unknown.

    A date in the input's file name alone (feeds often name files by date) is inferred, and ranks
    after what the page itself shows. The text's own stamp at its start wins over every field: a feed's
    date column (FA-KES) is often the day the row was collected, not the day the text says it was posted.
    """
    explicit = (lede_stamp(body) or parse_date(record.published or "") or parse_date(meta.published or "")
                or _stated_date(blocks))
    if explicit:
        return explicit, "explicit"
    evidence = _evidence_dates(blocks)
    wire = _wire_date(record, body, blocks, evidence)
    if wire:
        return wire
    inferred = infer_published(body, evidence) or file_name_date(record.source_path) or weekday_dated_in_text_year(body)
    return (inferred, "inferred") if inferred else (None, "unknown")
