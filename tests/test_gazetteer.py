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
        ("shelling in eastern Kharkiv", "East Kharkiv"),  # a part no list names: a sector of the city
        ("air strikes in north-west Syria", "North-west Syria"),
        ("the south-eastern part of Turkey", "South-east Turkey"),
        ("a village 20 km east of Hama", "Hama"),  # outside the city: not a part of it
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


def test_nationwide_is_the_country_of_the_main_place():
    text = "Militants besieged Djibo on Sunday. Two million people have been displaced nationwide."
    places, main = document_places(text)
    assert main == "Djibo"
    assert {text[p.start : p.end]: p.place for p in places}["nationwide"] == "Burkina Faso"


def test_a_place_named_as_an_adjective_is_no_place():
    text = "Turkey-backed rebels shelled Afrin, the Aleppo-based monitor said, days after a Gaza-led appeal."
    assert names(text) == [("Afrin", "Afrin")]


def test_a_place_inside_an_actors_name_is_no_place():
    text = "Hayat Tahrir al-Sham fighters seized Saraqeb. In Mosul, troops cleared the Tahrir district."
    places, _ = document_places(text)
    assert [(text[p.start : p.end], p.place) for p in places] == [
        ("Saraqeb", "Saraqeb"), ("Mosul", "Mosul"), ("Tahrir district", "Tahrir")]


def test_place_names_are_case_sensitive():
    assert names("the aden of rafah") == []


def test_a_city_outranks_its_region_as_main_place():
    text = "Mindanao Ledger. Troops fought in Marawi on Monday. Mindanao remains under martial law."
    assert document_places(text)[1] == "Marawi"


def test_where_the_speaker_is_is_not_where_the_figure_is():
    from etl.claims import extract_claims
    from etl.model import CleanDocument

    text = "Forces seized Sirte's port. At least 350 fighters have been killed, medical officials in Misrata said."
    claims = extract_claims(CleanDocument(text, None, None, None, "unknown", "en"))
    assert [(c.value, c.location) for c in claims] == [(350.0, "Sirte")]


def test_the_city_after_its_sector_in_the_same_sentence_is_that_sector():
    from etl.claims import extract_claims
    from etl.model import CleanDocument

    text = "Troops took two districts in eastern Mosul, putting them in control of 40 percent of the city."
    claims = extract_claims(CleanDocument(text, None, None, None, "unknown", "en"))
    assert [(c.value, c.unit, c.location) for c in claims] == [(2.0, "districts", "East Mosul"),
                                                                (40.0, "percent", "East Mosul")]


@pytest.mark.parametrize(
    ("text", "place", "within"),
    [
        ("Trucks waited at the Rafah crossing on Monday.", "Rafah crossing", "Gaza Strip"),
        ("Fighting spread to Khartoum North, also called Bahri.", "Khartoum North", "Sudan"),
        ("Shelling hit Nyala overnight.", "Nyala", "Darfur"),
        ("Insurgents attacked Palma in March.", "Palma", "Mozambique"),
        ("Rebels entered Bukavu on Friday.", "Bukavu", "Democratic Republic of Congo"),
        ("Drones struck Stepanakert.", "Stepanakert", "Azerbaijan"),
        ("The army retook Laukkai.", "Laukkai", "Myanmar"),
        ("Strikes hit Nabatieh and Tyre.", "Nabatieh", "Lebanon"),
        ("Militants blockaded Djibo for months.", "Djibo", "Burkina Faso"),
        ("People fled the Timbuktu region.", "Timbuktu region", "Mali"),
        ("Displacement rose in northern Shan State.", "northern Shan State", "Myanmar"),
        ("Families fled Eastern Ghouta.", "East Ghouta", "Syria"),
        ("Aid reached Hodeidah province.", "Hodeidah province", "Yemen"),
    ],
)
def test_places_of_many_wars_with_aliases_and_parents(text: str, place: str, within: str) -> None:
    assert find_places(text)[0].place == place
    assert is_within(place, within)
