"""The analyst commands of `timeline`: dictionary, export, chart, map, search.

Every command reads the published warehouse on a read-only connection. User text reaches SQL only
as bound parameters; metric and location names are checked against what the warehouse holds.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from orchestration.paths import default_warehouse_path

if TYPE_CHECKING:
    import duckdb

# Modules are imported inside each command: building the parser (every `timeline` call) must stay cheap.
WAREHOUSE_HELP = "DuckDB file to read (default: $TIMELINE_WAREHOUSE, else warehouse/timeline.duckdb)"
EXPORT_FORMATS = ("csv", "parquet")  # etl.export.COPY_OPTIONS (tests/test_analyst.py checks they agree)


@contextmanager
def read_only(args: argparse.Namespace, writable_dir: Path | None = None,
              extensions: tuple[str, ...] = ()) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to --warehouse (default: $TIMELINE_WAREHOUSE or warehouse/timeline.duckdb), its lake
    attached if it is a DuckLake front file; DuckDB may write files only under `writable_dir` and load only
    `extensions` (store.read_only)."""
    from etl import store

    warehouse = Path(args.warehouse) if args.warehouse else default_warehouse_path()
    if not warehouse.exists():
        raise FileNotFoundError(f"no warehouse at {warehouse}: run `timeline build` first")
    con = store.read_only(warehouse, (writable_dir,) if writable_dir else (), extensions)
    try:
        yield con
    finally:
        con.close()


def _cmd_dictionary(args: argparse.Namespace) -> int:
    from etl import dictionary

    text = dictionary.render_schema()
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"wrote {args.out}")
    else:
        print(text, end="")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from etl import export

    out = Path(args.dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    with read_only(args, out) as con:
        written = export.export(con, out, args.format)
    print(f"wrote {len(written)} files to {args.dir}: {', '.join(p.name for p in written.values())}")
    return 0


def _known(con: duckdb.DuckDBPyConnection, column: str, value: str) -> str:
    """The warehouse's spelling of a metric or location, matched case-insensitively; refuses a name it does not
    hold, listing those it does."""
    known = [r[0] for r in con.execute(
        {"metric": "SELECT DISTINCT metric FROM modality_timeline ORDER BY 1",
         "location": "SELECT DISTINCT location FROM modality_timeline WHERE location IS NOT NULL ORDER BY 1"}[column]
    ).fetchall()]
    matches = [k for k in known if k.casefold() == value.casefold()]
    if not matches:
        raise ValueError(f"unknown {column} {value!r}; known: {', '.join(known) or 'none'}")
    return value if value in matches else matches[0]


def _cmd_chart(args: argparse.Namespace) -> int:
    from etl import charts

    with read_only(args) as con:
        metric = _known(con, "metric", args.metric)
        location = _known(con, "location", args.location)
        frame = charts.read_series(con, metric, location, args.subject)
    out = Path(args.out or charts.chart_file_name(metric, location))
    title = f"{metric} in {location}" + (f" ({args.subject})" if args.subject else "")
    charts.draw_series(frame, out, title)
    print(f"wrote {out} ({frame.height} points)")
    return 0


def _cmd_map(args: argparse.Namespace) -> int:
    from etl import maps

    with read_only(args) as con:
        metric = _known(con, "metric", args.metric)
        frame = maps.read_latest(con, metric, args.since, args.until)
    window = f" ({args.since or '…'} to {args.until or '…'})" if args.since or args.until else ""
    title = f"{metric}: latest figure per place{window}"
    png = Path(maps.map_file_name(metric))
    outs = [Path(args.out)] if args.out else [png, png.with_suffix(".html")]
    written = [str(maps.draw_map(frame, out, title)) for out in outs]
    print(f"wrote {', '.join(written)} ({frame.height} places)")
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    from etl import search

    with read_only(args, extensions=("fts",)) as con:
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
    """Register dictionary, export, chart, map and search on the `timeline` parser's subcommands."""
    d = subparsers.add_parser("dictionary", help="render the data dictionary (every view and column) as Markdown")
    d.add_argument("--out", help="file to write (default: print)")
    d.set_defaults(func=_cmd_dictionary)
    e = subparsers.add_parser("export", help="write every analyst view as Parquet or CSV files")
    e.add_argument("dir", help="folder to write <view>.parquet or <view>.csv files into (created if absent)")
    e.add_argument("--format", choices=EXPORT_FORMATS, default="parquet", help="file format (default: parquet)")
    e.add_argument("--warehouse", help=WAREHOUSE_HELP)
    e.set_defaults(func=_cmd_export)
    c = subparsers.add_parser("chart", help="draw a PNG or HTML line chart of a metric's series at a location")
    c.add_argument("metric", help="what is counted, e.g. territory_control_pct or people_displaced "
                                  "(an unknown one lists those the warehouse holds)")
    c.add_argument("--location", required=True,
                   help="canonical place name, any case, e.g. 'East Aleppo' (an unknown one lists those held)")
    c.add_argument("--subject", help="only this subject (default: one line per subject)")
    c.add_argument("--out", help="file ending in .png or .html (default: <metric>_<location>.png in lower case, "
                                 "non-alphanumerics as '-', e.g. territory-control-pct_east-aleppo.png; "
                                 "the name the timeline_charts asset uses)")
    c.add_argument("--warehouse", help=WAREHOUSE_HELP)
    c.set_defaults(func=_cmd_chart)
    m = subparsers.add_parser("map", help="draw the latest figure of a metric per place (PNG and pannable HTML)")
    m.add_argument("metric", help="what is counted, e.g. people_killed (an unknown one lists those held)")
    m.add_argument("--since", type=date.fromisoformat, help="only figures as of this day or later (YYYY-MM-DD)")
    m.add_argument("--until", type=date.fromisoformat, help="only figures as of this day or earlier (YYYY-MM-DD)")
    m.add_argument("--out", help="one file ending in .png or .html (default: map_<metric>.png and .html, '_' as '-')")
    m.add_argument("--warehouse", help=WAREHOUSE_HELP)
    m.set_defaults(func=_cmd_map)
    s = subparsers.add_parser("search", help="BM25 search of documents and quotes, with the figures they state")
    s.add_argument("text", help="words to look for, e.g. 'hospital shelling'")
    s.add_argument("--limit", type=int, default=10, help="most matches to print (default: 10)")
    s.add_argument("--warehouse", help=WAREHOUSE_HELP)
    s.set_defaults(func=_cmd_search)
