"""Places beyond the lexicon (etl.places, etl.geonames): GeoNames matching and disambiguation, unlisted places,
the places view and its roll-up, and the map."""

from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl
import pytest

from etl.claims import extract_claims
from etl.gazetteer import document_places, registry
from etl.geonames import place_key
from etl.maps import draw_map, read_latest
from etl.model import CleanDocument
from orchestration.cli import main as cli_main
from tests.conftest import rows


def located(text: str) -> dict[str, str]:
    places, _ = document_places(text)
    return {text[p.start:p.end]: p.place for p in places}


def claims_of(text: str) -> list:
    doc = CleanDocument(body_text=text, title=None, publisher=None, published_on=dt.date(2016, 7, 10),
                        published_basis="explicit", language="en")
    return extract_claims(doc)


@pytest.mark.parametrize("variants", [
    ("Maarat al-Numan", "Maaret al-Numan", "Ma'arrat an-Nu'man", "Maarat Al Numan"),
    ("Raqqa", "Raqqah", "al-Raqqa"),
    ("Hasakeh", "Hasakah", "Al-Hasakah"),
    ("Qamishli", "Kamishli", "Al Qamishli"),
    ("Deir ez-Zor", "Deir Ezzor", "Deir ez Zor"),
])
def test_spelling_variants_share_one_key(variants):
    assert len({place_key(v) for v in variants}) == 1


def test_spelling_variants_resolve_to_one_place():
    a = located("Air strikes hit Maaret al-Numan in Idlib on Monday.")["Maaret al-Numan"]
    b = located("Air strikes hit Ma'arrat an-Nu'man in Idlib on Tuesday.")["Ma'arrat an-Nu'man"]
    assert a == b
    assert registry().record(a).latitude is not None


def test_one_name_in_two_countries():
    libya = located("Militias fought in Tripoli as Libya's rival governments traded blame over Misrata.")
    lebanon = located("Gunmen clashed in Tripoli, Lebanon's second city, after fighting spread from Beirut "
                      "across Lebanon.")
    assert registry().record(libya["Tripoli"]).country_code == "LY"
    assert registry().record(lebanon["Tripoli"]).country_code == "LB"
    # a GeoNames name shared with a Syrian town (Dael) is that town in an article about Syria
    assert registry().record(located("Rebels shelled Dael in Daraa province.")["Dael"]).country_code == "SY"


def test_common_words_and_first_names_are_no_places():
    text = "Most of the Police said Bar owners fled in March. Ali told reporters in May that Ahmed had left."
    assert located(text) == {}


def test_an_unlisted_village_sits_under_the_parent_the_text_gives():
    text = ("Shelling killed 7 people in Ein Tarma, a suburb of Damascus. "
            "Four people died in the village of Zorzor Tahta.")
    found = located(text)
    suburb, village = registry().record(found["Ein Tarma"]), registry().record(found["Zorzor Tahta"])
    assert suburb.kind == village.kind == "unlisted"
    assert suburb.parent == "Damascus" and suburb.latitude is None and suburb.country_code == "SY"
    assert village.latitude is None and village.country_code == "SY"  # no parent given: the document's country
    assert [c.location for c in claims_of(text)] == [found["Ein Tarma"], found["Zorzor Tahta"]]


def test_a_place_used_as_an_adjective_or_in_an_actors_name_is_not_the_figures_place():
    text = ("The Damascus-based monitor said 12 civilians were killed in Douma on Sunday, "
            "and the Aleppo Media Centre said 5 people died.")
    assert [c.location for c in claims_of(text)] == ["Douma", "Douma"]


def test_a_figure_without_a_place_in_its_sentence_takes_the_paragraphs_last_place():
    text = ("Government forces shelled Harasta on Monday.\nFighting raged in Homs. At least 9 people were killed.")
    assert [c.location for c in claims_of(text)] == ["Homs"]


def _tiny_warehouse(path) -> None:
    from etl.store import apply_schema, connect

    con = connect(path)
    apply_schema(con)
    reg = registry()
    for name in ("Iraq", "Nineveh", "Mosul", "East Mosul"):
        rec = reg.record(name)
        parent = reg.record(rec.parent) if rec.parent else None
        con.execute("INSERT INTO internal.place_store VALUES ('d1', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, [])",
                    [rec.place_id, rec.name, rec.kind, rec.country_code, rec.admin1, rec.latitude, rec.longitude,
                     rec.geonames_id, parent.place_id if parent else None, rec.coordinates_basis])
    # one real toll filed under East Mosul by one report and under Mosul by another, and a separate Mosul figure
    for oid, location, as_of, value in (("o1", "East Mosul", "2016-12-12", 93000), ("o2", "Mosul", "2016-12-12", 92000),
                                        ("o3", "Mosul", "2016-11-02", 17700)):
        con.execute("INSERT INTO internal.observation_store (observation_id, metric, unit, location, subject, as_of, "
                    "value, value_min, value_max, n_mentions, n_sources, modality) VALUES "
                    "(?, 'people_displaced', 'people', ?, 'people', ?, ?, ?, ?, 1, 1, 'asserted')",
                    [oid, location, as_of, value, value, value])
        con.execute("INSERT INTO internal.timeline_store (metric, location, subject, as_of, modality, value, "
                    "value_min, value_max, n_sources, has_conflict, observation_ids, unit) VALUES "
                    "('people_displaced', ?, 'people', ?, 'asserted', ?, ?, ?, 1, false, [?], 'people')",
                    [location, as_of, value, value, value, oid])
    con.close()


def test_roll_up_counts_a_figure_filed_under_two_levels_once(tmp_path):
    path = tmp_path / "tiny.duckdb"
    _tiny_warehouse(path)
    within = rows(path, "SELECT name FROM places_within('Iraq') ORDER BY depth")
    assert [r["name"] for r in within] == ["Iraq", "Nineveh", "Mosul", "East Mosul"]
    kept = rows(path, "SELECT observation_id FROM observations_within('Mosul') ORDER BY observation_id")
    assert [r["observation_id"] for r in kept] == ["o1", "o3"]
    total = rows(path, "SELECT sum(value) AS v FROM observations_within('Iraq') WHERE as_of = '2016-12-12'")
    assert total[0]["v"] == 93000


def test_map_drawn_from_a_tiny_warehouse(tmp_path, capsys, monkeypatch):
    path = tmp_path / "tiny.duckdb"
    _tiny_warehouse(path)
    with duckdb.connect(str(path), read_only=True) as con:
        latest = read_latest(con, "people_displaced")
        assert read_latest(con, "people_displaced", until=dt.date(2016, 11, 30))["value"].to_list() == [17700]
    assert sorted(latest["location"].to_list()) == ["East Mosul", "Mosul"]
    assert latest.filter(pl.col("location") == "Mosul")["value"].item() == 92000  # the latest, not the largest
    png = draw_map(latest, tmp_path / "m.png", "displaced")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    monkeypatch.chdir(tmp_path)
    assert cli_main(["map", "people_displaced", "--warehouse", str(path)]) == 0
    page = (tmp_path / "map_people-displaced.html").read_text()
    assert "<svg" in page and "Mosul: 92000 people" in page and "Iraq" in page  # a hoverable circle, an outline
    assert "http" not in page.replace("http://www.w3.org/2000/svg", "")  # nothing fetched from a server
    assert "wrote" in capsys.readouterr().out
