"""Find input files and turn each into RawRecords (or Quarantined entries): nothing is lost.

A file is one record (.txt, .html/.htm), or one record per element/row (.json array, .jsonl line,
.csv data row, named `file#N` with N counted from 1 over data rows). Structured fields are mapped
by name (FIELD_ALIASES). Every input ends as a record or a Quarantined entry with a reason.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from stat import S_ISREG

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
    """A file found under a PATH argument. `key` is what the input is known by (its absolute path, folders resolved,
    a link by its own location); `source_path` is its display name, relative to that argument."""

    path: Path
    source_path: str
    key: str = ""

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", input_key(self.path))


@dataclass(frozen=True)
class ReadResult:
    """What reading one file gave: its records or quarantine entries, and the fingerprint of the bytes read
    (stat taken before reading, hash of exactly what was read, or of the file streamed when it is not read)."""

    items: list[Ingested]
    size_bytes: int
    mtime_ns: int
    sha256: str


def printable(text: str) -> str:
    """Text DuckDB can store: the bytes of a non-UTF-8 file name (`caf\\xe9.txt`), lone surrogates as escapes."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that stands for no byte (JSON's "\\ud83d")
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def input_key(path: Path) -> str:
    """An input's identity: its absolute path with the folders resolved (the entry itself is not followed)."""
    return printable(str(Path(os.path.abspath(path.parent)).resolve() / path.name))


def display_name(rel: str) -> str:
    """A file's display name: `#` written `%23`, so `file#N` always names a row, never a file."""
    return printable(rel).replace("#", "%23")


def _excluded(path: Path, exclude: frozenset[Path]) -> bool:
    return any(path == e or path.is_relative_to(e) for e in exclude)


def discover(root: Path, exclude: frozenset[Path] = frozenset()) -> Iterator[InputFile | Quarantined]:
    """Every file under `root` (or `root` itself), sorted; hidden files and folders are not inputs, nor are the
    paths in `exclude` (the warehouse's own files when it lies inside the folder being built).

    Links leading outside `root` (to files or folders) are refused, never followed; broken links, link loops,
    unreadable folders and entries that are not regular files (FIFOs, sockets, devices) are refused without being
    opened.
    """
    root = Path(os.path.abspath(root))
    if not root.is_dir():
        yield from _entry(root, root.name, root.parent.resolve())
        return
    base = root.resolve()
    found: list[InputFile | Quarantined] = []

    def refuse_folder(err: OSError) -> None:
        rel = Path(err.filename).relative_to(base).as_posix() if err.filename else "."
        found.append(Quarantined(display_name(rel), "unreadable", printable(f"folder not listed: {err}"),
                                 input_key(Path(err.filename or base))))

    for folder, dirs, files in os.walk(base, onerror=refuse_folder):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _excluded(here / d, exclude))
        for entry in [*dirs, *files]:
            path = here / entry
            if entry.startswith(".") or _excluded(path, exclude) or (entry in dirs and not path.is_symlink()):
                continue
            found.extend(_entry(path, path.relative_to(base).as_posix(), base))
    yield from sorted(found, key=lambda item: item.source_path)


def _entry(path: Path, rel: str, base: Path) -> Iterator[InputFile | Quarantined]:
    """What one directory entry is: an input, a refusal, or nothing (a link to a folder inside `base`)."""
    shown, key = display_name(rel), input_key(path)
    try:
        target = path.resolve()
    except (OSError, RuntimeError) as err:
        yield Quarantined(shown, "unreadable", printable(f"link loop: {err}"), key)
        return
    if not target.is_relative_to(base):
        yield Quarantined(shown, "outside_root", printable(f"link to {target} leaves {base}"), key)
    elif path.is_dir():
        return
    elif not path.exists():
        yield Quarantined(shown, "unreadable", printable(f"broken link to {target}"), key)
    elif not path.is_file():
        yield Quarantined(shown, "unreadable", "not a regular file (FIFO, socket or device): never opened", key)
    else:
        yield InputFile(path, shown, key)


def read_input(item: InputFile) -> Iterator[Ingested]:
    """Records of one file, or Quarantined entries saying why (never raises on bad content)."""
    yield from read_file(item).items


def read_file(item: InputFile) -> ReadResult:
    """Read one file once: decide from its type and size before reading, hash exactly the bytes read, and turn
    them into records (or quarantine entries). A file never read (too large, unsupported) is hashed by streaming,
    so memory stays bounded; one that cannot be read, or vanished, is quarantined `unreadable`."""
    fmt = FORMATS.get(item.path.suffix.lower())
    try:
        # non-blocking: a file swapped for a FIFO after the scan must not block the build
        with os.fdopen(os.open(item.path, os.O_RDONLY | os.O_NONBLOCK), "rb") as handle:
            stat = os.fstat(handle.fileno())
            if not S_ISREG(stat.st_mode):
                raise OSError(f"{item.source_path} is no longer a regular file")
            if fmt is None or stat.st_size > MAX_FILE_BYTES:
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
                refused = (Quarantined(item.source_path, "unsupported_format",
                                       f"extension {printable(item.path.suffix) or '(none)'!r}") if fmt is None else
                           Quarantined(item.source_path, "too_large", f"{stat.st_size} bytes > limit {MAX_FILE_BYTES}"))
                return ReadResult([refused], stat.st_size, stat.st_mtime_ns, digest)
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        return ReadResult([Quarantined(item.source_path, "unreadable", printable(str(err)))], -1, -1, "")
    digest = hashlib.sha256(data).hexdigest()
    if len(data) > MAX_FILE_BYTES:
        items: list[Ingested] = [Quarantined(item.source_path, "too_large", f"grew past {MAX_FILE_BYTES} bytes")]
    else:
        try:
            items = list(parse_text(item.source_path, fmt, decode(data)))
        except DecodeError as err:
            items = [Quarantined(item.source_path, err.reason, str(err))]
    return ReadResult(items, stat.st_size, stat.st_mtime_ns, digest)


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
    if not isinstance(element, dict):
        return Quarantined(path, "parse_error", f"{what} is {type(element).__name__}, not an object")
    try:
        json.dumps(element, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as err:
        return Quarantined(path, "undecodable", f"a JSON string holds a lone surrogate: {printable(str(err))}")
    return _from_fields(path, fmt, element)


# What json.loads raises on bad input: JSONDecodeError, ValueError (an integer over Python's 4,300-digit limit),
# RecursionError (nesting deeper than the recursion limit)
JSON_ERRORS = (ValueError, RecursionError)


def _json_records(source_path: str, text: str) -> Iterator[Ingested]:
    try:
        data = json.loads(text)
    except JSON_ERRORS as err:
        yield Quarantined(source_path, "parse_error", f"invalid JSON: {printable(str(err))[:500]}")
        return
    if isinstance(data, dict):
        yield _from_element(source_path, "json", data, "the document")
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
        except JSON_ERRORS as err:
            yield Quarantined(path, "parse_error", f"invalid JSON line: {printable(str(err))[:500]}")
            continue
        yield _from_element(path, "jsonl", element, "line")


CSV_DELIMITERS = ",;\t|"


def _csv_records(source_path: str, text: str) -> Iterator[Ingested]:
    """Rows of a CSV file whose delimiter is the one that splits its first line most; a row whose field count differs
    from the first row's (an unquoted delimiter cut or merged it) is quarantined, never guessed at."""
    rows = _csv_rows(text, _delimiter(text))
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
            if len(row) != len(header):
                yield Quarantined(path, "parse_error", f"{len(row)} fields where the first row has {len(header)}: "
                                                       "an unquoted delimiter or a missing field")
            elif has_header:
                yield _from_fields(path, "csv", dict(zip(names, row, strict=False)))
            else:
                yield _headerless_row(path, row)
    except csv.Error as err:
        yield Quarantined(f"{source_path}#{n + 1}", "parse_error", f"CSV from data row {n + 1} on: {err}")


def _delimiter(text: str) -> str:
    """The delimiter among CSV_DELIMITERS that splits the first line into most fields (a comma on a tie)."""
    first = text.lstrip("\n").split("\n", 1)[0]
    try:
        counts = {d: len(next(csv.reader([first], delimiter=d), [])) for d in CSV_DELIMITERS}
    except csv.Error:
        return ","
    return max(CSV_DELIMITERS, key=lambda d: (counts[d], d == ","))


def _csv_rows(text: str, delimiter: str) -> Iterator[list[str]]:
    """Non-empty CSV rows; raises csv.Error on broken quoting (caught by the caller)."""
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
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
