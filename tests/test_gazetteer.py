"""etl.gazetteer: places, generic directional/old-city forms, anaphora, containment."""

from __future__ import annotations

import pytest

from etl.gazetteer import document_places, find_places, gazetteer, is_within


def names(text: str) -> list[tuple[str, str]]:
    return [(text[p.start : p.end], p.place) for p in find_places(text)]


@pytest.mark.parametrize(
    "text, place",
    [
        ("fighting in east Aleppo", "East Aleppo"),
        ("fighting in eastern Aleppo", "East Aleppo"),
        ("two-thirds of Aleppo's rebel-held east", "East Aleppo"),
        ("the besieged east of Aleppo", "East Aleppo"),
        ("Iraqi forces entered eastern Mosul", "East Mosul"),
        ("the western part of Mosul", "West Mosul"),
        ("Mosul's Old City", "Old City of Mosul"),
        ("the Old City of Aleppo", "Old City of Aleppo"),
        ("shelling in eastern Kharkiv", "Kharkiv"),  # no East Kharkiv in the gazetteer: the city itself
        ("El Fasher and Khan Yunis", "El Fasher"),
    ],
)
def test_generic_forms(text, place):
    assert names(text)[0][1] == place


def test_containment_and_depth():
    assert is_within("Shaar", "East Aleppo") and is_within("Shaar", "Syria")
    assert is_within("Old City of Mosul", "Iraq") and not is_within("Mosul", "Syria")
    assert not is_within("Aleppo", "Shaar")
    assert gazetteer().depth("Shaar") > gazetteer().depth("Aleppo")


def test_anaphora_and_main_place():
    text = (
        "Regime forces pushed into Shaar in eastern Aleppo. They hold a third of the district. "
        "The eastern part of the city is shrinking. Aleppo is Syria's second city."
    )
    places, main = document_places(text)
    assert main == "Aleppo"
    referred = {text[p.start : p.end]: p.place for p in places}
    assert referred["the district"] == "Shaar"
    assert referred["The eastern part of the city"] == "East Aleppo"


def test_place_names_are_case_sensitive():
    assert names("the aden of rafah") == []
