"""Export every analyst view and contract table as Parquet or CSV files for other tools."""

from __future__ import annotations

from pathlib import Path

import duckdb

from etl.dictionary import surfaces

COPY_OPTIONS = {"parquet": "(FORMAT parquet)", "csv": "(FORMAT csv, HEADER true)"}


def export(con: duckdb.DuckDBPyConnection, out_dir: Path, fmt: str) -> dict[str, Path]:
    """Write each surface to out_dir/<name>.<fmt> with COPY ... TO; returns name -> file written.

    Names come from the catalog and the format from COPY_OPTIONS, never from user text; the file
    path is a bound parameter. Works on a read-only connection (COPY TO writes only the file).
    """
    if fmt not in COPY_OPTIONS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(COPY_OPTIONS)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for name in surfaces(con)["name"].to_list():
        path = out_dir / f"{name}.{fmt}"
        con.execute(f'COPY (SELECT * FROM "{name}") TO ? {COPY_OPTIONS[fmt]}', [str(path)])
        written[name] = path
    return written
