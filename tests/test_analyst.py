"""The analyst surface on the sample corpus: as-of views, knowledge time, dictionary, export, chart, search."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import matplotlib.dates as mdates
import polars as pl
import pytest

from etl import dictionary, search
from orchestration.cli import main
from tests.conftest import rows

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def indexed_warehouse(sample_warehouse, tmp_path_factory) -> Path:
    """A copy of the sample warehouse with the search index built, as the publish step will build it."""
    copy = tmp_path_factory.mktemp("indexed") / "indexed.duckdb"
    shutil.copyfile(sample_warehouse, copy)
    with duckdb.connect(str(copy)) as con:
        search.build_index(con)
    return copy


def test_latest_known_value_carries_its_own_date_and_is_never_interpolated(sample_warehouse):
    series = rows(sample_warehouse, """
        SELECT shown_on, as_of, days_since_as_of, value FROM latest_known_values
        WHERE metric = 'territory_control_pct' AND location = 'East Mosul' AND subject = 'government forces'
        ORDER BY shown_on""")
    by_day = {r["shown_on"]: r for r in series}
    # 60% was reported for Dec 8; on Dec 12 (another East Mosul figure's date) it is still the latest known.
    assert (by_day[date(2016, 12, 12)]["as_of"], by_day[date(2016, 12, 12)]["value"]) == (date(2016, 12, 8), 60.0)
    assert by_day[date(2016, 12, 12)]["days_since_as_of"] == 4
    assert by_day[date(2016, 12, 14)]["value"] == 66.7 and by_day[date(2016, 12, 14)]["days_since_as_of"] == 0
    # Every shown value is a reported one, and nothing is shown before the series' first report.
    reported = {r["as_of"]: r["value"] for r in rows(sample_warehouse, """
        SELECT as_of, value FROM control_timeline WHERE location = 'East Mosul' AND subject = 'government forces'""")}
    assert all(reported[r["as_of"]] == r["value"] for r in series)
    assert min(by_day) == min(reported)


def test_cumulative_series_sums_and_keeps_the_running_maximum(sample_warehouse):
    points = rows(sample_warehouse, """
        SELECT metric, location, subject, count_kind, as_of, value, running_total, running_max FROM cumulative_series
        ORDER BY metric, location, subject, count_kind, as_of""")
    series: dict[tuple, list[dict]] = {}
    for r in points:
        series.setdefault((r["metric"], r["location"], r["subject"], r["count_kind"]), []).append(r)
    assert any(len(s) >= 2 for s in series.values()), "the sample corpus has repeated count series"
    for s in series.values():
        values = [r["value"] for r in s]
        assert [r["running_total"] for r in s] == pytest.approx([sum(values[: i + 1]) for i in range(len(s))])
        assert [r["running_max"] for r in s] == [max(values[: i + 1]) for i in range(len(s))]
    assert not rows(sample_warehouse, "SELECT * FROM cumulative_series WHERE unit = 'percent' OR count_kind = 'level'")


def test_conflicting_figures_show_the_disagreeing_reports_side_by_side(sample_warehouse):
    figures = rows(sample_warehouse, "SELECT * FROM conflicting_figures ORDER BY conflict_group, value")
    groups: dict[str, list[dict]] = {}
    for r in figures:
        groups.setdefault(r["conflict_group"], []).append(r)
    for members in groups.values():
        assert len({r["observation_id"] for r in members}) >= 2
        assert len({(r["metric"], r["location"], r["count_kind"], r["period_start"]) for r in members}) == 1
        assert len({r["value"] for r in members}) >= 2
    # the ministry's 76,000 displaced is a running total like the IOM's 68,000, not at odds with the IOM's
    # 14,000 over the past week: it merges with the former and conflicts with nothing
    assert not [r for r in figures if r["metric"] == "people_displaced"]
    [total] = rows(sample_warehouse, """SELECT count_kind, n_sources, value_min, value_max FROM displacement_timeline
                                        WHERE location = 'Mosul' AND as_of = DATE '2016-11-23'
                                          AND count_kind = 'cumulative'""")
    assert total == {"count_kind": "cumulative", "n_sources": 2, "value_min": 68000.0, "value_max": 76000.0}


def test_modality_timeline_puts_hypothetical_next_to_asserted(sample_warehouse):
    control = rows(sample_warehouse, """
        SELECT as_of, modality, value FROM modality_timeline
        WHERE metric = 'territory_control_pct' AND location = 'East Mosul' AND subject = 'government forces'""")
    assert (date(2016, 12, 10), "hypothetical", 70.0) in [(r["as_of"], r["modality"], r["value"]) for r in control]
    asserted = rows(sample_warehouse, "SELECT * EXCLUDE (modality) FROM modality_timeline WHERE modality = 'asserted'")
    assert len(asserted) == len(rows(sample_warehouse, "SELECT * FROM metric_timeline"))


def test_timeline_as_known_on_only_uses_what_was_published_by_then(sample_warehouse):
    everything = rows(sample_warehouse, """
        SELECT count(*) AS n FROM (SELECT * EXCLUDE (known_on) FROM timeline_as_known_on(DATE '2100-01-01')
                                   EXCEPT SELECT * FROM metric_timeline)""")
    assert everything == [{"n": 0}]
    early = rows(sample_warehouse, "SELECT * FROM timeline_as_known_on(DATE '2016-11-23') ORDER BY metric, as_of")
    assert early and all(r["known_on"] == date(2016, 11, 23) for r in early)
    # Nov 23: the running total both outlets reported that day, and the past week's count beside it.
    displaced = [r for r in early if r["metric"] == "people_displaced" and r["as_of"] == date(2016, 11, 23)]
    assert sorted((r["count_kind"], r["n_sources"], r["has_conflict"]) for r in displaced) == [
        ("cumulative", 2, False), ("period", 1, False)]
    # Every point stands on observations first reported by Nov 23, and fewer points are known than today.
    first_reported = {r["observation_id"]: r["first_reported_on"] for r in rows(sample_warehouse, """
        SELECT observation_id, first_reported_on FROM observations""")}
    assert all(first_reported[o] <= date(2016, 11, 23) for r in early for o in r["observation_ids"])
    assert len(early) < len(rows(sample_warehouse, "SELECT * FROM metric_timeline"))


def test_every_view_column_and_macro_is_described(sample_warehouse):
    with duckdb.connect(str(sample_warehouse), read_only=True) as con:
        surfaces = dictionary.surfaces(con)
        columns = dictionary.columns(con)
        macros = dictionary.macros(con)
    assert {"metric_timeline", "latest_known_values", "conflicting_figures", "quarantine"} <= set(surfaces["name"])
    assert surfaces.filter(pl.col("comment").fill_null("") == "").is_empty()
    undescribed = columns.filter(pl.col("comment").fill_null("") == "")
    assert undescribed.is_empty(), undescribed.select("name", "column_name").rows()
    assert set(columns["name"]) == set(surfaces["name"])
    assert macros.filter(pl.col("name") == "timeline_as_known_on")["comment"].item()


def test_data_dictionary_document_is_up_to_date():
    written = (REPO / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert written == dictionary.render_schema(), "run `timeline dictionary --out docs/data-dictionary.md`"


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_export_writes_every_view_with_its_rows(sample_warehouse, tmp_path, fmt):
    assert main(["export", str(tmp_path), "--format", fmt, "--warehouse", str(sample_warehouse)]) == 0
    with duckdb.connect(str(sample_warehouse), read_only=True) as con:
        names = dictionary.surfaces(con)["name"].to_list()
        counts = {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{n}.{fmt}" for n in names)
    read = pl.read_parquet if fmt == "parquet" else pl.read_csv
    assert {n: read(tmp_path / f"{n}.{fmt}").height for n in names} == counts
    assert counts["documents"] == 14 and counts["claim_mentions"] > 30


def test_chart_png_of_the_control_series(sample_warehouse, tmp_path, capsys):
    out = tmp_path / "control.png"
    assert main(["chart", "territory_control_pct", "--location", "East Mosul", "--out", str(out),
                 "--warehouse", str(sample_warehouse)]) == 0
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1100, 605)
    points = rows(sample_warehouse, """SELECT count(*) AS n FROM modality_timeline
        WHERE metric = 'territory_control_pct' AND location = 'East Mosul'""")[0]["n"]
    assert f"({points} points)" in capsys.readouterr().out


def test_chart_html_and_refusals(sample_warehouse, tmp_path, capsys):
    out = tmp_path / "killed.html"
    assert main(["chart", "people_killed", "--location", "East Mosul", "--subject", "soldiers", "--out", str(out),
                 "--warehouse", str(sample_warehouse)]) == 0
    page = out.read_text()
    assert "data:image/png;base64," in page and "<td>claimed</td>" in page and "<td>83.0</td>" in page
    assert main(["chart", "people_killed'; DROP TABLE x; --", "--location", "East Mosul",
                 "--warehouse", str(sample_warehouse)]) == 2
    assert "unknown metric" in capsys.readouterr().err


def test_search_ranks_the_hospital_article_first(indexed_warehouse, capsys):
    with duckdb.connect(str(indexed_warehouse), read_only=True) as con:
        hits = search.search(con, "hospital", 5)
    first = hits.row(0, named=True)
    assert first["title"] == "Iraqi troops pull back from Mosul hospital after car bomb counter-attack"
    assert first["published_on"] == date(2016, 12, 7) and "al-Salam hospital" in first["quote"]
    assert "people_killed at_least 10.0 (Mosul, soldiers, as of 2016-12-07, asserted)" in first["figures"]
    assert main(["search", "hospital", "--limit", "2", "--warehouse", str(indexed_warehouse)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1. [") and "Mosul hospital" in out.splitlines()[0] and "\n2. [" in out


def test_search_without_an_index_says_why(tmp_path, capsys):
    from etl import store

    bare = tmp_path / "bare.duckdb"
    store.connect(bare).close()
    assert main(["search", "hospital", "--warehouse", str(bare)]) == 2
    assert "no search index" in capsys.readouterr().err


def test_chart_matches_the_location_in_any_case_and_names_the_file_as_the_asset_does(sample_warehouse, tmp_path,
                                                                                       capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["chart", "TERRITORY_control_pct", "--location", "east mosul", "--warehouse",
                 str(sample_warehouse)]) == 0
    assert capsys.readouterr().out.startswith("wrote territory-control-pct_east-mosul.png (")
    asset_charts = {p.name for p in (sample_warehouse.parent / f"{sample_warehouse.stem}_charts").iterdir()}
    assert "territory-control-pct_east-mosul.png" in asset_charts  # the timeline_charts asset's name for it


def test_chart_shows_qualifiers_labels_above_markers_and_no_repeated_dates(sample_warehouse):
    import matplotlib.pyplot as plt

    from etl import charts

    with duckdb.connect(str(sample_warehouse), read_only=True) as con:
        frame = charts.read_series(con, "people_killed", "Mosul")
    assert "at_least" in frame["qualifier"].to_list()
    for span in (frame, frame.filter(pl.col("as_of") >= date(2016, 12, 5))):  # a month, and a few days
        fig = charts._draw(span, "t")
        try:
            fig.canvas.draw()
            ax = fig.axes[0]
            labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
            assert len(labels) == len(set(labels)) >= 2
            notes = [t for t in ax.texts if "src" in t.get_text()]
            assert len(notes) == span.height
            renderer = fig.canvas.get_renderer()
            markers = {(mdates.date2num(r["as_of"]), r["value"]) for r in span.iter_rows(named=True)}
            for note in notes:  # anchored on a point (at its error bar's top), drawn above its marker
                x, top = mdates.date2num(note.xy[0]), note.xy[1]
                (value,) = [v for mx, v in markers if mx == x and v <= top][:1] or [None]
                assert value is not None
                assert note.get_window_extent(renderer).y0 > ax.transData.transform((x, value))[1] + 4
        finally:
            plt.close(fig)
    assert any(n.startswith("at least 10, 2 src") for n in map(charts._point_note, frame.iter_rows(named=True)))
