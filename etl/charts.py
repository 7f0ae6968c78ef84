"""Charts of a figure's series: a pure function from a polars frame to a PNG or HTML file.

A series is one (subject, count_kind). Asserted levels and running totals are points joined by a line, each
with a value_min..value_max error bar (no band between points: a range is known only where a figure was
reported); asserted period counts are bars over their windows (period_start to as_of; one day when no start
is known), never joined to the running totals beside them; hypothetical,
proposed, claimed and denied figures are drawn as unjoined hollow markers of their own shape, so a
reader never mistakes them for the series. Each point is annotated above its error bar with its number of
sources and, when its mentions say so, its qualifier ("at least 37, 2 src"; series of up to MAX_ANNOTATED_POINTS
points). Short spans are ticked by day, so no date label repeats.
"""

from __future__ import annotations

import base64
import html
import io
import re
from datetime import timedelta
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import duckdb  # noqa: E402
import matplotlib.dates as mdates  # noqa: E402  (the backend must be chosen before pyplot loads)
import matplotlib.pyplot as plt  # noqa: E402
import polars as pl  # noqa: E402

# Marker of each modality that is not asserted: hollow, never joined by a line.
MODALITY_MARKERS = {"hypothetical": "^", "proposed": "s", "claimed": "D", "denied": "X"}
# Above this many points the source counts would overlap and drawing them costs seconds per chart.
MAX_ANNOTATED_POINTS = 60
SERIES_COLUMNS = ("subject", "count_kind", "period_start", "as_of", "modality", "qualifier", "value", "value_min",
                  "value_max", "n_sources", "unit")
KIND_LABELS = {"level": "", "cumulative": ", running total", "period": ", count in period"}
# How a point's qualifier reads on the chart; exact figures carry none.
QUALIFIER_WORDS = {"approx": "about", "at_least": "at least", "more_than": "more than", "at_most": "at most",
                   "less_than": "less than"}
# Spans shorter than this are ticked once per day (finer ticks would repeat a day's label).
DAILY_TICKS_BELOW = timedelta(days=15)

# A point's qualifier: the one its mentions use most (ties: the first in name order).
SERIES_SQL = """
SELECT t.subject, t.count_kind, t.period_start, t.as_of, t.modality,
       (SELECT mode(c.qualifier ORDER BY c.qualifier) FROM claim_mentions c
        WHERE list_contains(t.observation_ids, c.observation_id)) AS qualifier,
       t.value, t.value_min, t.value_max, t.n_sources, t.unit
FROM modality_timeline t
WHERE t.metric = $metric AND t.location = $location AND ($subject IS NULL OR t.subject = $subject)
ORDER BY t.as_of, t.subject, t.count_kind, t.modality
"""
BUSIEST_SERIES_SQL = """
SELECT metric, location, count(*) AS points
FROM modality_timeline
WHERE location IS NOT NULL
GROUP BY metric, location
HAVING count(*) >= 2
ORDER BY points DESC, metric, location
LIMIT $limit
"""


def read_series(con: duckdb.DuckDBPyConnection, metric: str, location: str, subject: str | None = None) -> pl.DataFrame:
    """The rows of one chartable series (every modality) from a warehouse connection."""
    return con.execute(SERIES_SQL, {"metric": metric, "location": location, "subject": subject}).pl()


def busiest_series(con: duckdb.DuckDBPyConnection, limit: int = 3) -> list[tuple[str, str]]:
    """(metric, location) of the series with the most dated points: what a build report shows first."""
    return [(m, loc) for m, loc, _ in con.execute(BUSIEST_SERIES_SQL, {"limit": limit}).fetchall()]


def chart_file_name(metric: str, location: str) -> str:
    """The file a chart of (metric, location) gets from `timeline chart` and the timeline_charts asset alike:
    lower case, each run of other characters as '-', e.g. territory-control-pct_east-aleppo.png."""
    slug = [re.sub(r"[^a-z0-9]+", "-", part.lower()).strip("-") for part in (metric, location)]
    return "_".join(slug) + ".png"


def _label(subject: str | None, kind: str | None) -> str:
    return (subject or "subject unknown") + KIND_LABELS.get(kind or "level", "")


def _bars(ax: plt.Axes, rows: pl.DataFrame, colour: str, label: str) -> None:
    """Period counts as bars over their windows, from period_start (else as_of) to the end of as_of."""
    starts = [r["period_start"] or r["as_of"] for r in rows.iter_rows(named=True)]
    widths = [(r["as_of"] - start).days + 1 for r, start in zip(rows.iter_rows(named=True), starts, strict=True)]
    ax.bar(starts, rows["value"], width=widths, align="edge", color=colour, alpha=0.35, edgecolor=colour,
           label=label)
    ax.errorbar(rows["as_of"], rows["value"], fmt="none", ecolor=colour, capsize=4,
                yerr=[rows["value"] - rows["value_min"], rows["value_max"] - rows["value"]])


def _point_note(row: dict) -> str:
    """What a point says beside its marker: its qualifier with the value it qualifies, and its sources."""
    word = QUALIFIER_WORDS.get(row["qualifier"] or "exact")
    sources = f"{row['n_sources']} src"
    return f"{word} {row['value']:,g}, {sources}" if word else sources


def _date_axis(ax: plt.Axes, frame: pl.DataFrame) -> None:
    """Daily ticks on short spans (a day's label never repeats), automatic ones beyond; a lone date gets a day
    either side."""
    first, last = frame["as_of"].min(), frame["as_of"].max()
    if frame["period_start"].drop_nulls().len():  # a bar starts at its window's start
        first = min(first, frame.filter(pl.col("count_kind") == "period")["period_start"].drop_nulls().min() or first)
    if last - first < DAILY_TICKS_BELOW:
        ax.xaxis.set_major_locator(mdates.DayLocator(interval=max(1, (last - first).days // 7)))
        ax.set_xlim(first - timedelta(days=1), last + timedelta(days=1))
    else:
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=4, maxticks=10))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))


def _draw(frame: pl.DataFrame, title: str) -> plt.Figure:
    fig, ax = plt.subplots(figsize=(10, 5.5), dpi=110)
    colours = {}
    for (subject, kind), series in frame.sort("as_of").group_by(["subject", "count_kind"], maintain_order=True):
        asserted = series.filter(pl.col("modality") == "asserted")
        colour = colours.setdefault((subject, kind), f"C{len(colours)}")
        if kind == "period" and not asserted.is_empty():
            _bars(ax, asserted, colour, f"{_label(subject, kind)} (asserted)")
        elif not asserted.is_empty():
            ax.plot(asserted["as_of"], asserted["value"], "-o", color=colour,
                    label=f"{_label(subject, kind)} (asserted)")
            ax.errorbar(asserted["as_of"], asserted["value"], fmt="none", ecolor=colour, capsize=4,
                        yerr=[asserted["value"] - asserted["value_min"], asserted["value_max"] - asserted["value"]])
        for modality, marker in MODALITY_MARKERS.items():
            other = series.filter(pl.col("modality") == modality)
            if not other.is_empty():
                ax.scatter(other["as_of"], other["value"], marker=marker, s=80, facecolors="none", edgecolors=colour,
                           linewidths=1.8, label=f"{_label(subject, kind)} ({modality}, not asserted)")
        for row in series.iter_rows(named=True) if frame.height <= MAX_ANNOTATED_POINTS else ():
            # above the error bar's cap and the marker, on a white ground so lines never run through it
            top = max(row["value"], row["value_max"] if row["value_max"] is not None else row["value"])
            ax.annotate(_point_note(row), (row["as_of"], top), textcoords="offset points", xytext=(0, 8),
                        ha="center", va="bottom", fontsize=8, color=colour,
                        bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})
    unit = frame["unit"].drop_nulls().first() or ""
    ax.set_title(title)
    ax.set_xlabel("date the figure describes (as of)")
    ax.set_ylabel(f"value ({unit})" if unit else "value")
    ax.margins(x=0.08, y=0.2)
    _date_axis(ax, frame)
    fig.autofmt_xdate()
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8, loc="best")
    fig.tight_layout()
    return fig


def _html(frame: pl.DataFrame, title: str, png: bytes) -> str:
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(row[c]))}</td>" for c in SERIES_COLUMNS) + "</tr>"
        for row in frame.sort("as_of").iter_rows(named=True)
    )
    header = "".join(f"<th>{c}</th>" for c in SERIES_COLUMNS)
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head><body>"
            f"<h1>{html.escape(title)}</h1><img alt='{html.escape(title)}' "
            f"src='data:image/png;base64,{base64.b64encode(png).decode()}'>"
            f"<table border='1'><tr>{header}</tr>{rows}</table></body></html>\n")


def draw_series(frame: pl.DataFrame, out: Path, title: str) -> Path:
    """Draw `frame` (columns SERIES_COLUMNS, e.g. rows of modality_timeline) to `out`: PNG for .png,
    a self-contained page (the chart and its data table) for .html."""
    if frame.is_empty():
        raise ValueError(f"nothing to chart for {title}")
    if out.suffix not in (".png", ".html"):
        raise ValueError(f"chart file must end in .png or .html, not {out.name!r}")
    fig = _draw(frame, title)
    buffer = io.BytesIO()
    try:
        fig.savefig(buffer, format="png")
    finally:
        plt.close(fig)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix == ".png":
        out.write_bytes(buffer.getvalue())
    else:
        out.write_text(_html(frame, title, buffer.getvalue()), encoding="utf-8")
    return out
