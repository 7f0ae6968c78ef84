"""Maps of the latest figure per place: a PNG (matplotlib) and a self-contained HTML page (SVG with pan, zoom and
hover), drawn offline over Natural Earth country outlines (etl.mapdata); no tile server.

`read_latest` picks, per place with coordinates, the latest asserted figure of a metric within an optional date
window (metric_timeline joined to places); `draw_map` draws such a frame. Circle area grows with the value.
"""

from __future__ import annotations

import html
import math
import re
from datetime import date
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import duckdb  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import polars as pl  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402

from etl.mapdata import country_outlines  # noqa: E402

MAP_COLUMNS = ("location", "latitude", "longitude", "kind", "as_of", "value", "unit", "subject", "n_sources")
LATEST_SQL = """
SELECT t.location, p.latitude, p.longitude, p.kind, t.as_of, t.value, t.unit, t.subject, t.n_sources
FROM metric_timeline AS t JOIN places AS p ON p.name = t.location
WHERE t.metric = $metric AND p.latitude IS NOT NULL AND t.as_of IS NOT NULL
  AND ($since IS NULL OR t.as_of >= $since) AND ($until IS NULL OR t.as_of <= $until)
QUALIFY row_number() OVER (PARTITION BY t.location ORDER BY t.as_of DESC, t.value DESC, t.subject NULLS LAST) = 1
ORDER BY t.value DESC, t.location
"""


BUSIEST_METRIC_SQL = """
SELECT t.metric FROM metric_timeline AS t JOIN places AS p ON p.name = t.location
WHERE p.latitude IS NOT NULL GROUP BY t.metric ORDER BY count(DISTINCT t.location) DESC, t.metric LIMIT 1
"""


def map_file_name(metric: str) -> str:
    """The PNG a map of `metric` gets from `timeline map` and the timeline_charts asset alike (map_people-killed.png);
    its page is the same name ending in .html."""
    return "map_" + re.sub(r"[^a-z0-9]+", "-", metric.lower()).strip("-") + ".png"


def busiest_metric(con: duckdb.DuckDBPyConnection) -> str | None:
    """The metric reported at the most places with coordinates (what a build report maps)."""
    row = con.execute(BUSIEST_METRIC_SQL).fetchone()
    return row[0] if row else None


def read_latest(con: duckdb.DuckDBPyConnection, metric: str, since: date | None = None,
                until: date | None = None) -> pl.DataFrame:
    """The latest asserted figure of `metric` per place that has coordinates (as of since..until, both included)."""
    return con.execute(LATEST_SQL, {"metric": metric, "since": since, "until": until}).pl()


def _extent(frame: pl.DataFrame) -> tuple[float, float, float, float]:
    """West, south, east, north of the points with a margin (at least 8 degrees wide and tall)."""
    west, east = frame["longitude"].min(), frame["longitude"].max()
    south, north = frame["latitude"].min(), frame["latitude"].max()
    pad_x = max(2.0, (east - west) * 0.15, (8 - (east - west)) / 2)
    pad_y = max(2.0, (north - south) * 0.15, (8 - (north - south)) / 2)
    return (max(-180.0, west - pad_x), max(-90.0, south - pad_y), min(180.0, east + pad_x), min(90.0, north + pad_y))


def _radius(value: float, largest: float, biggest: float) -> float:
    return max(2.0, biggest * math.sqrt(max(value, 0.0) / largest)) if largest > 0 else 2.0


def _label(row: dict) -> str:
    unit = row["unit"] or ""
    who = f", {row['subject']}" if row["subject"] else ""
    return f"{row['location']}: {row['value']:g} {unit}{who} (as of {row['as_of']}, {row['n_sources']} source(s))"


def _png(frame: pl.DataFrame, title: str, out: Path) -> None:
    west, south, east, north = _extent(frame)
    fig, ax = plt.subplots(figsize=(10, 8), dpi=110)
    ax.set_facecolor("#dfeaf2")  # sea
    try:
        rings = [ring for _, country in country_outlines(west, south, east, north) for ring in country]
        ax.add_collection(PolyCollection(rings, facecolors="#f2efe9", edgecolors="#8a8a8a", linewidths=0.6))
        largest = frame["value"].max()
        rows = frame.to_dicts()
        sizes = [(_radius(r["value"], largest, 30.0)) ** 2 for r in rows]
        ax.scatter(frame["longitude"], frame["latitude"], s=sizes, color="#c0392b", alpha=0.55, edgecolors="#7b241c",
                   zorder=3)
        for r in rows[:25]:
            ax.annotate(f"{r['location']} {r['value']:g}", (r["longitude"], r["latitude"]), fontsize=7,
                        xytext=(4, 4), textcoords="offset points", zorder=4)
        ax.set_xlim(west, east)
        ax.set_ylim(south, north)
        ax.set_aspect(1 / max(0.2, math.cos(math.radians((south + north) / 2))))
        ax.set_title(title)
        ax.set_xlabel("longitude")
        ax.set_ylabel("latitude")
        fig.tight_layout()
        fig.savefig(out, format="png")
    finally:
        plt.close(fig)


_SCRIPT = """
const svg = document.querySelector('svg'); let vb = svg.viewBox.baseVal; let drag = null;
svg.addEventListener('wheel', e => { e.preventDefault(); const k = e.deltaY > 0 ? 1.15 : 1 / 1.15;
  const r = svg.getBoundingClientRect(); const mx = vb.x + (e.clientX - r.left) / r.width * vb.width;
  const my = vb.y + (e.clientY - r.top) / r.height * vb.height;
  vb.x = mx - (mx - vb.x) * k; vb.y = my - (my - vb.y) * k; vb.width *= k; vb.height *= k; });
svg.addEventListener('mousedown', e => { drag = [e.clientX, e.clientY]; });
window.addEventListener('mouseup', () => { drag = null; });
svg.addEventListener('mousemove', e => { if (!drag) return; const r = svg.getBoundingClientRect();
  vb.x -= (e.clientX - drag[0]) / r.width * vb.width; vb.y -= (e.clientY - drag[1]) / r.height * vb.height;
  drag = [e.clientX, e.clientY]; });
const tip = document.getElementById('tip');
svg.querySelectorAll('circle').forEach(c => {
  c.addEventListener('mouseenter', e => { tip.textContent = c.dataset.label; tip.style.display = 'block'; });
  c.addEventListener('mousemove', e => {
    tip.style.left = (e.pageX + 12) + 'px'; tip.style.top = (e.pageY + 12) + 'px'; });
  c.addEventListener('mouseleave', () => { tip.style.display = 'none'; }); });
"""


def _html(frame: pl.DataFrame, title: str) -> str:
    west, south, east, north = _extent(frame)
    kx = math.cos(math.radians((south + north) / 2))  # equirectangular, true to scale at the middle latitude

    def xy(lon: float, lat: float) -> str:
        return f"{(lon - west) * kx:.3f},{north - lat:.3f}"

    width, height = (east - west) * kx, north - south
    shapes = []
    for name, rings in country_outlines(west, south, east, north):
        path = " ".join("M" + " L".join(xy(x, y) for x, y in ring) + "Z" for ring in rings)
        shapes.append(f"<path d='{path}' fill='#f2efe9' stroke='#8a8a8a' stroke-width='{width / 900:.4f}'>"
                      f"<title>{html.escape(name)}</title></path>")
    largest = frame["value"].max()
    for r in frame.to_dicts():
        cx, cy = xy(r["longitude"], r["latitude"]).split(",")
        radius = _radius(r["value"], largest, width / 25) if largest else width / 300
        shapes.append(f"<circle cx='{cx}' cy='{cy}' r='{max(radius, width / 300):.3f}' fill='#c0392b' "
                      f"fill-opacity='0.55' stroke='#7b241c' stroke-width='{width / 1500:.4f}' "
                      f"data-label='{html.escape(_label(r), quote=True)}'><title>{html.escape(_label(r))}</title>"
                      f"</circle>")
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(str(r[c]))}</td>" for c in MAP_COLUMNS) + "</tr>"
                   for r in frame.to_dicts())
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title><style>"
            "svg{width:100%;height:75vh;border:1px solid #ccc;background:#dfeaf2;cursor:grab}"
            "#tip{position:absolute;display:none;background:#fff;border:1px solid #888;padding:3px 6px;"
            "font:12px sans-serif;pointer-events:none}</style></head><body>"
            f"<h1>{html.escape(title)}</h1><p>Drag to pan, wheel to zoom, hover a circle for its figure.</p>"
            f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width:.3f} {height:.3f}'>{''.join(shapes)}</svg>"
            f"<div id='tip'></div><table border='1'><tr>{''.join(f'<th>{c}</th>' for c in MAP_COLUMNS)}</tr>"
            f"{rows}</table><script>{_SCRIPT}</script></body></html>\n")


def draw_map(frame: pl.DataFrame, out: Path, title: str) -> Path:
    """Draw `frame` (columns MAP_COLUMNS, e.g. read_latest's) to `out`: a PNG for .png, a pannable, hoverable
    page for .html."""
    if frame.is_empty():
        raise ValueError(f"nothing to map for {title}")
    if out.suffix not in (".png", ".html"):
        raise ValueError(f"map file must end in .png or .html, not {out.name!r}")
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix == ".png":
        _png(frame, title, out)
    else:
        out.write_text(_html(frame, title), encoding="utf-8")
    return out
