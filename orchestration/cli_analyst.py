"""The analyst commands of `timeline`: dictionary, export, chart, search.

Every command reads the published warehouse on a read-only connection. User text reaches SQL only
as bound parameters; metric and location names are checked against what the warehouse holds.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from etl import charts, dictionary, export, search, store
from orchestration.resources import default_warehouse_path


@contextmanager
def read_only(args: argparse.Namespace) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to --warehouse (default: $TIMELINE_WAREHOUSE or warehouse/timeline.duckdb), its lake
    attached if it is a DuckLake front file."""
    warehouse = Path(args.warehouse) if args.warehouse else default_warehouse_path()
    if not warehouse.exists():
        raise FileNotFoundError(f"no warehouse at {warehouse}: run `timeline build` first")
    con = store.read_only(warehouse)
    try:
        yield con
    finally:
        con.close()


def _cmd_dictionary(args: argparse.Namespace) -> int:
    text = dictionary.render_schema()
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"wrote {args.out}")
    else:
        print(text, end="")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    with read_only(args) as con:
        written = export.export(con, Path(args.dir), args.format)
    print(f"wrote {len(written)} files to {args.dir}: {', '.join(p.name for p in written.values())}")
    return 0


def _check_known(con: duckdb.DuckDBPyConnection, column: str, value: str) -> None:
    """Refuse a metric or location the warehouse does not hold, listing those it does."""
    known = [r[0] for r in con.execute(
        {"metric": "SELECT DISTINCT metric FROM modality_timeline ORDER BY 1",
         "location": "SELECT DISTINCT location FROM modality_timeline WHERE location IS NOT NULL ORDER BY 1"}[column]
    ).fetchall()]
    if value not in known:
        raise ValueError(f"unknown {column} {value!r}; known: {', '.join(known) or 'none'}")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _cmd_chart(args: argparse.Namespace) -> int:
    with read_only(args) as con:
        _check_known(con, "metric", args.metric)
        _check_known(con, "location", args.location)
        frame = charts.read_series(con, args.metric, args.location, args.subject)
    out = Path(args.out or f"{_slug(args.metric)}_{_slug(args.location)}.png")
    title = f"{args.metric} in {args.location}" + (f" ({args.subject})" if args.subject else "")
    charts.draw_series(frame, out, title)
    print(f"wrote {out} ({frame.height} points)")
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    with read_only(args) as con:
        hits = search.search(con, args.text, args.limit)
    if hits.is_empty():
        print(f"no document matches {args.text!r}")
    for rank, hit in enumerate(hits.iter_rows(named=True), 1):
        print(f"{rank}. [{hit['score']:.3f}] {hit['title']} ({hit['publisher'] or 'publisher unknown'}, "
              f"{hit['published_on'] or 'date unknown'})")
        print(f"   \"{hit['quote']}\"")
        for figure in hit["figures"]:
            print(f"   - {figure}")
    return 0


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register dictionary, export, chart and search on the `timeline` parser's subcommands."""
    d = subparsers.add_parser("dictionary", help="render the data dictionary (every view and column) as Markdown")
    d.add_argument("--out", help="file to write (default: print)")
    d.set_defaults(func=_cmd_dictionary)
    e = subparsers.add_parser("export", help="write every analyst view as Parquet or CSV files")
    e.add_argument("dir")
    e.add_argument("--format", choices=sorted(export.COPY_OPTIONS), default="parquet")
    e.add_argument("--warehouse")
    e.set_defaults(func=_cmd_export)
    c = subparsers.add_parser("chart", help="draw a PNG or HTML line chart of a metric's series at a location")
    c.add_argument("metric")
    c.add_argument("--location", required=True)
    c.add_argument("--subject", help="only this subject (default: one line per subject)")
    c.add_argument("--out", help="file ending in .png or .html (default: METRIC_LOCATION.png)")
    c.add_argument("--warehouse")
    c.set_defaults(func=_cmd_chart)
    s = subparsers.add_parser("search", help="BM25 search of documents and quotes, with the figures they state")
    s.add_argument("text")
    s.add_argument("--limit", type=int, default=10)
    s.add_argument("--warehouse")
    s.set_defaults(func=_cmd_search)

