"""Find input files and turn each into RawRecords (or Quarantined entries): nothing is lost.

A file is one record (.txt, .html/.htm), or one record per element/row (.json array, .jsonl line,
.csv data row, named `file#N` with N counted from 1 over data rows). Structured fields are mapped
by name (FIELD_ALIASES). Every input ends as a record or a Quarantined entry with a reason.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from etl.decode import DecodeError, decode, normalise
from etl.model import Quarantined, RawRecord

FORMATS = {".txt": "txt", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl", ".csv": "csv"}
MAX_FILE_BYTES = 20 * 1024 * 1024
FIELD_ALIASES = {
    "title": ("title", "article_title", "headline", "heading"),
    "text": ("text", "content", "article_content", "body", "article_text", "article", "story", "description"),
    "published": ("date", "published", "published_at", "publication_date", "pubdate", "article_date",
                  "datetime", "published_on", "date_published"),
    "publisher": ("source", "publisher", "outlet", "site", "source_name", "site_name", "media"),
}
csv.field_size_limit(MAX_FILE_BYTES)

Ingested = RawRecord | Quarantined


@dataclass(frozen=True)
class InputFile:
    """A file found under a PATH argument; source_path is relative to that argument."""

    path: Path
    source_path: str


def discover(root: Path) -> Iterator[InputFile | Quarantined]:
    """Every file under `root` (or `root` itself), sorted; hidden files and folders are not inputs.

    Links leading outside `root` (to files or folders) are refused, never followed; broken links and
    entries that are not regular files (FIFOs, sockets, devices) are refused without being opened.
    """
    if root.is_file():
        yield InputFile(root, root.name)
        return
    base = root.resolve()
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if not any(part.startswith(".") for part in Path(rel).parts):
            yield from _entry(path, rel, base)


def _entry(path: Path, rel: str, base: Path) -> Iterator[InputFile | Quarantined]:
    """What one directory entry is: an input, a refusal, or nothing (a folder, whose files rglob yields)."""
    target = path.resolve()
    if not target.is_relative_to(base):
        yield Quarantined(rel, "outside_root", f"link to {target} leaves {base}")
    elif path.is_dir():
        return
    elif not path.exists():
        yield Quarantined(rel, "unreadable", f"broken link to {target}")
    elif not path.is_file():
        yield Quarantined(rel, "unreadable", "not a regular file (FIFO, socket or device): never opened")
    else:
        yield InputFile(path, rel)


def read_input(item: InputFile) -> Iterator[Ingested]:
    """Records of one file, or Quarantined entries saying why (never raises on bad content)."""
    fmt = FORMATS.get(item.path.suffix.lower())
    if fmt is None:
        yield Quarantined(item.source_path, "unsupported_format", f"extension {item.path.suffix or '(none)'!r}")
        return
    try:
        size = item.path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield Quarantined(item.source_path, "too_large", f"{size} bytes > limit {MAX_FILE_BYTES}")
            return
        text = decode(item.path.read_bytes())
    except DecodeError as err:
        yield Quarantined(item.source_path, err.reason, str(err))
        return
    except OSError as err:
        yield Quarantined(item.source_path, "unreadable", str(err))
        return
    yield from parse_text(item.source_path, fmt, text)


def parse_text(source_path: str, fmt: str, text: str) -> Iterator[Ingested]:
    """Split decoded file text into records according to its format."""
    if fmt in ("txt", "html"):
        yield _record(source_path, fmt, text) if text.strip() else Quarantined(source_path, "empty", "no text")
    elif fmt == "json":
        yield from _json_records(source_path, text)
    elif fmt == "jsonl":
        yield from _jsonl_records(source_path, text)
    else:
        yield from _csv_records(source_path, text)


def _record(source_path: str, fmt: str, text: str, **fields: str | None) -> RawRecord:
    return RawRecord(source_path=source_path, text=text, fmt=fmt, **fields)


def _field(row: dict[str, object], name: str) -> str | None:
    """The first non-empty value among a field's aliases (keys compared case-insensitively)."""
    lowered = {str(k).strip().lower(): v for k, v in row.items()}
    for alias in FIELD_ALIASES[name]:
        value = lowered.get(alias)
        if value not in (None, "") and not isinstance(value, dict | list):
            return str(value).strip()
    return None


def _from_fields(source_path: str, fmt: str, row: dict[str, object]) -> Ingested:
    text = _field(row, "text")
    if not text:
        return Quarantined(source_path, "no_text", f"no text field among {sorted(map(str, row))[:8]}")
    return _record(
        source_path, fmt, normalise(text),
        title=_field(row, "title"), published=_field(row, "published"), publisher=_field(row, "publisher"),
    )


def _from_element(path: str, fmt: str, element: object, what: str) -> Ingested:
    """A decoded JSON value that should be an article object: a record, or quarantined saying what it was."""
    if isinstance(element, dict):
        return _from_fields(path, fmt, element)
    return Quarantined(path, "parse_error", f"{what} is {type(element).__name__}, not an object")


def _json_records(source_path: str, text: str) -> Iterator[Ingested]:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as err:
        yield Quarantined(source_path, "parse_error", f"invalid JSON: {err}")
        return
    if isinstance(data, dict):
        yield _from_fields(source_path, "json", data)
        return
    if not isinstance(data, list):
        yield Quarantined(source_path, "parse_error", f"JSON {type(data).__name__}, expected object or array")
        return
    for n, element in enumerate(data, start=1):
        yield _from_element(f"{source_path}#{n}", "json", element, "array element")


def _jsonl_records(source_path: str, text: str) -> Iterator[Ingested]:
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        yield Quarantined(source_path, "empty", "no JSON lines")
    for n, line in enumerate(lines, start=1):
        path = f"{source_path}#{n}"
        try:
            element = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as err:
            yield Quarantined(path, "parse_error", f"invalid JSON line: {err}")
            continue
        yield _from_element(path, "jsonl", element, "line")


def _csv_records(source_path: str, text: str) -> Iterator[Ingested]:
    rows = _csv_rows(source_path, text)
    try:
        header = next(rows)
    except StopIteration:
        yield Quarantined(source_path, "empty", "no CSV rows")
        return
    except csv.Error as err:
        yield Quarantined(source_path, "parse_error", f"CSV: {err}")
        return
    names = [h.strip().lower() for h in header]
    has_header = any(alias in names for aliases in FIELD_ALIASES.values() for alias in aliases)
    n = 0
    if not has_header:
        n += 1
        yield _headerless_row(f"{source_path}#{n}", header)
    try:
        for row in rows:
            n += 1
            path = f"{source_path}#{n}"
            if has_header:
                yield _from_fields(path, "csv", dict(zip(names, row, strict=False)))
            else:
                yield _headerless_row(path, row)
    except csv.Error as err:
        yield Quarantined(f"{source_path}#{n + 1}", "parse_error", f"CSV from data row {n + 1} on: {err}")


def _csv_rows(source_path: str, text: str) -> Iterator[list[str]]:
    """Non-empty CSV rows; raises csv.Error on broken quoting (caught by the caller)."""
    for row in csv.reader(io.StringIO(text, newline=""), strict=True):
        if any(cell.strip() for cell in row):
            yield row


def _headerless_row(path: str, row: list[str]) -> Ingested:
    """A CSV without a recognisable header: the longest cell is the text, the next longest the title."""
    cells = sorted((c.strip() for c in row if c.strip()), key=len, reverse=True)
    if not cells or len(cells[0]) < 20:
        return Quarantined(path, "no_text", "headerless CSV row without a text-like cell")
    title = cells[1] if len(cells) > 1 and len(cells[1]) <= 300 else None
    return _record(path, "csv", normalise(cells[0]), title=title)


def sample_corpus() -> Path:
    """The bundled sample corpus (package data), used when a build names no input."""
    return Path(str(resources.files("etl").joinpath("data", "sample_corpus")))


def default_inputs() -> list[Path]:
    """$TIMELINE_INBOX if set, else the bundled sample corpus."""
    inbox = os.environ.get("TIMELINE_INBOX")
    return [Path(inbox)] if inbox else [sample_corpus()]
