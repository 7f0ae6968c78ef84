"""Plain data passed between the pipeline stages.

Each stage is a function from one of these to the next, so every stage can be tested alone:
RawRecord -> CleanDocument -> (ClaimMention, EventMention) -> observations/events (in SQL).
Column names follow the analyst contract (shared/CONTRACT.md) so rows map 1:1 onto tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class RawRecord:
    """One input (a file, or one row/element of a CSV/JSON/JSONL file) decoded to text."""

    source_path: str
    text: str  # decoded, NFC, '\n' newlines; what doc_id hashes
    fmt: str  # txt | html | json | jsonl | csv
    title: str | None = None  # from a structured field, when the input has one
    published: str | None = None  # raw date string from a structured field
    publisher: str | None = None  # from a structured field (source/outlet/publisher)


@dataclass(frozen=True)
class Quarantined:
    """An input that could not become a document, and why."""

    source_path: str
    reason: str  # empty | binary | undecodable | unsupported_format | parse_error | too_large | no_text | ...
    detail: str
    input_file: str = ""  # the key of the file it comes from, when known before reading (etl.ingest.input_key)


@dataclass(frozen=True)
class Block:
    """A typed piece of the page kept out of body_text: evidence for dates, never a source of claims."""

    kind: str  # caption | tweet | dateline | byline | standfirst | related
    text: str


@dataclass(frozen=True)
class RemovedLine:
    """A line the cleaner dropped, with the rule that dropped it (the quality report)."""

    text: str
    reason: str


@dataclass
class CleanDocument:
    """A document after boilerplate removal and metadata recovery. All offsets refer to body_text."""

    body_text: str
    title: str | None
    publisher: str | None
    published_on: date | None
    published_basis: str  # explicit | inferred | unknown
    language: str  # ISO 639-1 guess, 'en' for English
    blocks: list[Block] = field(default_factory=list)
    removed: list[RemovedLine] = field(default_factory=list)


@dataclass(frozen=True)
class TimeExpression:
    """A time expression found in text, resolved against a reference (publication) date."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str  # TIMEX3 value: 2016-12-06, 2016-12, 2016-W49, 2016, P1M, PRESENT_REF ...
    range_start: date | None = None  # first day the expression covers (None for durations/sets)
    range_end: date | None = None  # last day it covers
    precision: str | None = None  # day | week | month | year
    is_period: bool = False  # "since Saturday", "over the past week": a span ending at range_end
    since: bool = False  # the period is opened by 'since X' (X is a start), not counted back from its end


@dataclass(frozen=True)
class Dating:
    """When a figure or event holds, and how that was decided."""

    as_of: date | None
    period_start: date | None
    precision: str | None  # day | week | month | year
    basis: str  # text | published | none
    # How it was found, for deciding what a figure counts (etl.count_kinds); not part of the date itself:
    # window = since ('since X' gives a start) | back ('the past week', 'between X and Y') | None;
    # span = the days the governing point covers ('last week': Monday-Sunday).
    window: str | None = field(default=None, compare=False)
    span: tuple[date, date] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class ClaimMention:
    """One figure stated in a document (a row of claim_mentions, before ids are attached)."""

    quote: str
    quote_start: int  # offset of quote in body_text
    char_start: int  # offsets of the figure itself in body_text
    char_end: int
    metric: str
    value: float
    value_low: float | None
    value_high: float | None
    qualifier: str
    unit: str
    location: str | None
    subject: str | None
    period_start: date | None
    as_of: date | None
    date_precision: str | None
    attributed_to: str | None
    modality: str
    count_kind: str  # level | cumulative | period (etl.count_kinds)


@dataclass(frozen=True)
class EventMention:
    """One typed event stated in a document (a row of event_mentions, before ids are attached)."""

    quote: str
    quote_start: int
    char_start: int  # offsets of the trigger in body_text
    char_end: int
    event_type: str
    plover_code: str
    actors: tuple[str, ...]
    target: str | None
    location: str | None
    event_date: date | None
    date_precision: str | None
    modality: str
