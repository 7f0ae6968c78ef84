"""extract_events on short sentences from several wars, and on the seed articles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from etl.events import extract_events
from etl.model import CleanDocument, EventMention

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "seeds"


def events(text: str, published: date | None = date(2016, 12, 6)) -> list[EventMention]:
    found = extract_events(CleanDocument(text, None, None, published, "explicit", "en"))
    for e in found:
        assert text[e.quote_start : e.quote_start + len(e.quote)] == e.quote
        assert e.quote_start <= e.char_start < e.char_end <= e.quote_start + len(e.quote)
    return found


def only(text: str) -> EventMention:
    found = events(text)
    assert len(found) == 1, found
    return found[0]


def test_veto_with_coordinated_actors():
    e = only("Russia and China on Monday vetoed a UN Security Council resolution.")
    assert (e.event_type, e.plover_code, e.actors, e.target) == (
        "veto",
        "REJECT",
        ("Russia", "China"),
        "United Nations",
    )


def test_veto_date_from_weekday():
    assert only("Russia and China on Monday vetoed a UN Security Council resolution.").event_date == date(2016, 12, 5)


def test_reject_ceasefire_needs_a_truce_word():
    e = only("Syria's government said it would not agree to a ceasefire in Aleppo.")
    assert (e.event_type, e.actors, e.location, e.modality) == (
        "reject_ceasefire",
        ("Syrian government",),
        "Aleppo",
        "asserted",
    )
    assert events("Opposition fighters have rejected talk of leaving the city.") == []


def test_call_for_ceasefire_and_hyphenated_adjectives_are_not_triggers():
    e = only("The Houthis called for a humanitarian pause in Hodeidah.")
    assert (e.event_type, e.plover_code, e.actors, e.location) == (
        "call_for_ceasefire",
        "DEMAND",
        ("Houthis",),
        "Hodeidah",
    )
    assert [x.event_type for x in events("A UN-brokered truce held in Taiz.")] == []


def test_capture_in_other_wars():
    e = only("Russian forces captured Avdiivka after months of fighting.")
    assert (e.event_type, e.plover_code, e.actors, e.location) == ("capture", "COERCE", ("Russia",), "Avdiivka")
    e = only("Iraqi troops retook the Gogjali district of eastern Mosul.")
    assert (e.actors, e.location) == (("Iraqi forces",), "Gogjali")


def test_withdraw_and_its_exclusions():
    e = only("On Wednesday night, rebels withdrew from the Old City of Aleppo.")
    assert (e.event_type, e.plover_code, e.actors, e.location) == (
        "withdraw",
        "RETREAT",
        ("rebels",),
        "Old City of Aleppo",
    )
    assert events("Washington had withdrawn the suggestions made by Kerry.") == []


def test_attack_by_agent_after_trigger():
    e = only("Dozens were hurt in an air strike by the Saudi-led coalition on a market in Saada.")
    assert (e.event_type, e.plover_code, e.actors, e.location) == (
        "attack",
        "ASSAULT",
        ("Saudi-led coalition",),
        "Saada",
    )


def test_talks_evacuation_aid_statement():
    assert only("US Secretary of State John Kerry held talks with Sergei Lavrov in Hamburg.").actors == (
        "United States",
    )
    e = only("The ICRC evacuated 150 civilians from a hospital in El Fasher.")
    assert (e.event_type, e.actors, e.location) == ("evacuation", ("ICRC",), "El Fasher")
    assert only("The first UN aid convoy reached Gaza City on Saturday.").event_type == "aid_access"
    e = only("The Syrian Foreign Ministry, in a statement carried by state media, called the rebels terrorists.")
    assert (e.event_type, e.plover_code, e.actors) == ("statement", "", ("Syrian government",))


@pytest.mark.parametrize(
    ("text", "event_type", "actors"),
    [
        ("Tigrayan forces fell back to Mekelle on Friday.", "withdraw", ("TPLF",)),
        ("French troops handed over their base in Gao to the Malian army on Monday.", "withdraw", ("France",)),
        ("The army launched an offensive on Hama on Thursday.", "attack", ("government forces",)),
        ("Al-Shabaab fighters fired mortars at the airport in Mogadishu on Sunday.", "attack", ("al-Shabaab",)),
        ("Tanks advanced into the eastern districts of Kherson on Tuesday.", "attack", ()),
        ("The Somali government declared victory in Baidoa on Saturday.", "capture", ("Somali government",)),
        ("Russian troops had taken full control of Soledar on Friday.", "capture", ("Russia",)),
        ("Sudan's army called on Monday for an immediate ceasefire in Khartoum.", "call_for_ceasefire", ("SAF",)),
        ("Ethiopia and the TPLF signed a deal to end the fighting on Wednesday.", "agree_ceasefire",
         ("Ethiopian government", "TPLF")),
        ("The Houthis rejected the peace plan on Tuesday.", "reject_ceasefire", ("Houthis",)),
        ("Envoys from Qatar and Egypt are due to meet in Doha on Friday.", "talks", ("Qatar", "Egypt")),
        ("President William Ruto convened a summit of regional leaders on Monday.", "talks", ("Kenya",)),
        ("Rwanda's government welcomed the deal on Friday.", "statement", ("Rwanda",)),
        ("The junta denied on Sunday that the town had fallen.", "statement", ("Myanmar military",)),
        ("Forces loyal to Gaddafi fired Grad rockets into Misrata on Wednesday.", "attack", ()),
        ("Much of Nabatieh's market was destroyed by Israeli strikes over the weekend.", "attack", ("Israel",)),
        ("Ukrainian troops rolled into Kherson on Friday.", "capture", ("Ukraine",)),
        ("Ukraine's general staff announced its withdrawal from Lysychansk on July 3.", "withdraw", ("Ukraine",)),
        ("Russia's defence minister Sergei Shoigu ordered the withdrawal from the right bank on Wednesday.",
         "withdraw", ("Russia",)),
        ("Government and Taliban negotiators met again in Doha last week.", "talks", ("Taliban",)),
        ("Gulf states said they would oppose any pause while the Houthis advanced.", "reject_ceasefire", ()),
        ("A ferry carrying some 1,300 evacuees arrived in Pemba on Sunday.", "evacuation", ()),
        ("A Red Cross ship carrying medical supplies docked at Misrata port on Tuesday.", "aid_access", ("ICRC",)),
        ("Russian jets and artillery pounded the foothills south of Grozny overnight.", "attack", ("Russia",)),
        ("US aircraft hit Islamic State positions near Kobani five times overnight.", "attack", ("United States",)),
        ("The militants planted their black flag on a hill east of Kobani on Monday.", "capture", ("rebels",)),
        ("Russian forces took Severodonetsk in late June.", "capture", ("Russia",)),
        ("The Kremlin rejected the offer out of hand on Sunday.", "reject_ceasefire", ("Russia",)),
        ("The Houthis said on Saturday they would not halt operations around Marib.", "reject_ceasefire", ("Houthis",)),
        ("The EU urged Moscow on Monday to stop the offensive.", "call_for_ceasefire", ("European Union",)),
        ("On Tuesday, partners relocated about 180 families from the camp to sites east of Marib.", "evacuation", ()),
        ("Rebel commanders said their fighters left the city on the night of Jan. 31.", "withdraw", ("rebels",)),
        ("Envoys held meetings with Saudi and Omani officials in Riyadh on Monday.", "talks", ()),
    ],
)
def test_events_phrased_in_more_ways(text: str, event_type: str, actors: tuple[str, ...]) -> None:
    e = only(text)
    assert (e.event_type, e.actors) == (event_type, actors)


def test_speech_verbs_are_statements_only_of_named_actors() -> None:
    assert events("Many in the city welcomed the news on Friday.") == []
    assert [e.event_type for e in events("Azerbaijan condemned the strike on Ganja.")] == ["statement"]


def test_threats_and_demands_are_not_events_but_calls_are():
    assert events("Hamas fighters will be attacked if they refuse to leave Rafah.") == []
    e = only("The rebels want a short truce to evacuate the wounded.")
    assert (e.event_type, e.modality) == ("call_for_ceasefire", "asserted")
    assert only("Kyiv said it would not accept a truce that froze the front.").event_type == "reject_ceasefire"


@pytest.mark.parametrize(
    "text",
    [
        "Rebels dismissed talk of them withdrawing from Idlib.",
        "On Tuesday, army units were on the verge of seizing the port of Hodeidah.",
        "Government forces have retaken most of Marawi, the military said.",
        "It has since cleared 19 of the 56 villages around the town.",
        "Troops entered Mosul for the first time since the militants overran the city in June 2014.",
        "Russia vetoed a resolution, but the UN passed a resolution calling for a truce in Gaza.",
        "The army holds 60 percent of the city after it seized about 80% of the eastern districts.",
    ],
)
def test_states_plans_and_background_are_not_events(text):
    assert [e.event_type for e in events(text)] in ([], ["veto"])


def test_a_perfect_a_speaker_reports_is_news_not_background():
    e = only("The TPLF said its forces had withdrawn from around the city to spare civilians.")
    assert (e.event_type, e.actors, e.event_date) == ("withdraw", ("TPLF",), date(2016, 12, 6))
    assert events("The governor said little. Troops had retaken 11 neighbourhoods since breaking into the city.") == []
    assert events("The army destroyed two tanks and fired its commander.") == []


def test_a_passive_agent_is_the_actor_and_a_described_place_no_event():
    e = only("The resolution was vetoed by Russia and China on Monday.")
    assert (e.event_type, e.actors) == ("veto", ("Russia", "China"))
    text = "On Wednesday Islamic State struck districts recently retaken by Iraqi troops with car bombs."
    assert [(e.event_type, e.actors) for e in events(text)] == [("attack", ("Islamic State",))]
    assert events("Iraqi forces have taken about a quarter of eastern Mosul, commanders said on Thursday.") == []


def test_the_dated_start_of_a_since_period_is_an_event_of_its_own():
    e = only("At least 400 people have been killed since the militants launched their offensive on Sept. 16.")
    assert (e.event_type, e.event_date, e.date_precision) == ("attack", date(2016, 9, 16), "day")
    assert events("Troops entered the town for the first time since the militants overran it.") == []


def test_took_needs_a_place_or_a_place_noun_after_it():
    assert only("Troops took Bakhmut on Saturday.").event_type == "capture"
    assert [e.event_type for e in events("The army took part in the meeting and took the decision.")] != ["capture"]


def test_what_a_truce_would_allow_did_not_happen():
    text = "The RSF said on Tuesday it had agreed to a 24-hour ceasefire to allow the wounded to be evacuated."
    assert [e.event_type for e in events(text)] == ["agree_ceasefire"]


def test_an_offensive_launched_is_an_attack_and_its_aim_no_capture():
    assert [e.event_type for e in events("The army launched an offensive to recapture Sirte in May.")] == ["attack"]


def test_a_dated_perfect_is_an_event_and_a_named_date_is_no_date():
    assert only("Troops of the 9th Division had stormed the hospital on Tuesday.").event_date == date(2016, 12, 6)
    e = only("Coalition forces took the May 22 hospital on Monday, residents said.")
    assert (e.event_type, e.event_date) == ("capture", date(2016, 12, 5))
    assert only("Ukraine rejected a Russian demand that its forces lay down their arms.").event_type == (
        "reject_ceasefire"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Prices rose sharply in the capital last week.",
        "The five-year conflict has displaced millions.",
        "",
    ],
)
def test_no_event(text):
    assert events(text) == []


def seed(prefix: str, published: date) -> list[EventMention]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed corpus not found at {SEEDS}")
    return events(next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8"), published)


def test_seed_events():
    assert any(
        e.event_type == "reject_ceasefire" and e.actors == ("Syrian government",)
        for e in seed("000", date(2016, 11, 20))
    )
    doc2 = seed("002", date(2016, 12, 8))
    assert any(
        e.event_type == "withdraw" and e.actors == ("rebels",) and e.location == "Old City of Aleppo" for e in doc2
    )
    assert any(e.event_type == "talks" and "Hamburg" in e.quote for e in doc2)
    assert any(e.event_type == "statement" for e in doc2)
    for prefix in ("003", "004"):
        vetoes = [
            e for e in seed(prefix, date(2016, 12, 6)) if e.event_type == "veto" and e.actors == ("Russia", "China")
        ]
        assert vetoes
    assert any(
        e.event_type == "capture" and e.location == "East Aleppo" and "five new districts" in e.quote
        for e in seed("004", date(2016, 12, 6))
    )


def test_seed_event_dates():
    vetoes = [e for e in seed("003", date(2016, 12, 6)) if e.event_type == "veto"]
    assert vetoes[0].event_date == date(2016, 12, 5)
    withdraw = [e for e in seed("002", date(2016, 12, 8)) if e.event_type == "withdraw" and e.actors == ("rebels",)]
    assert withdraw[0].event_date == date(2016, 12, 7)


@pytest.mark.parametrize("text", [
    '"Kyiv will not surrender the city and will defend every street," said a statement from the ministry.',
    "“We would never accept such terms”, the Russian foreign ministry said in a statement.",
])
def test_a_statement_that_quotes_a_threat_or_a_pledge_was_still_made(text):
    statement = [e for e in events(text) if e.event_type == "statement"]
    assert [e.modality for e in statement] == ["asserted"]

