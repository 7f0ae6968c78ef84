"""Verb classes (event_verbs.csv), statements and an event's own date, on short sentences of several wars."""

from __future__ import annotations

from datetime import date

import pytest

from etl.events import extract_events
from etl.inflect import past_forms, verb_forms
from etl.model import CleanDocument

PUBLISHED = date(2018, 3, 10)  # a Saturday


def found(text: str, published: date | None = PUBLISHED) -> list[tuple]:
    """(type, actors, location, date, precision) of each event in `text`."""
    doc = CleanDocument(text, None, None, published, "explicit", "en")
    return [(e.event_type, e.actors, e.location, e.event_date, e.date_precision) for e in extract_events(doc)]


@pytest.mark.parametrize(("lemma", "forms"), [
    ("shell", ["shell", "shells", "shelled", "shelling"]),
    ("flee", ["flee", "flees", "fled", "fleeing"]),
    ("stop", ["stop", "stops", "stopped", "stopping"]),
    ("expel", ["expel", "expels", "expelled", "expelling"]),
    ("carry", ["carry", "carries", "carried", "carrying"]),
    ("break into", ["break into", "breaks into", "broke into", "broken into", "breaking into"]),
    ("speak by phone", ["speak by phone", "speaks by phone", "spoke by phone", "spoken by phone",
                        "speaking by phone"]),
])
def test_a_lemma_stands_for_all_its_forms(lemma: str, forms: list[str]) -> None:
    assert verb_forms(lemma) == forms


def test_past_forms_of_a_speech_verb() -> None:
    assert past_forms("say") == ["said"]
    assert past_forms("deny") == ["denied"]
    assert past_forms("shoot down") == ["shot down"]


@pytest.mark.parametrize(("text", "expected"), [
    # fled, streamed out: people leaving a place
    ("Thousands of civilians fled the town of Hamouria on Thursday as government forces advanced.",
     ("evacuation", ("civilians",), "Hamouria", date(2018, 3, 8), "day")),
    ("Tens of thousands of Tamil civilians streamed out of Mullaitivu on Monday.",
     ("evacuation", ("civilians",), "Mullaitivu", date(2018, 3, 5), "day")),
    # split the enclave into three parts
    ("Government forces split the enclave into three parts on Sunday.",
     ("attack", ("government forces",), None, date(2018, 3, 4), "day")),
    # spoke by phone
    ("Putin and Erdogan spoke by phone on Friday about Idlib.",
     ("talks", ("Russia", "Turkey"), "Idlib", date(2018, 3, 9), "day")),
    # demanded a truce
    ("Turkey demanded a truce in Afrin on Tuesday.",
     ("call_for_ceasefire", ("Turkey",), "Afrin", date(2018, 3, 6), "day")),
    ("The Houthis demanded a ceasefire in Hodeidah.",
     ("call_for_ceasefire", ("Houthis",), "Hodeidah", PUBLISHED, "day")),
    # ordered a daily five-hour pause
    ("Russia ordered a daily five-hour pause in Eastern Ghouta on Monday.",
     ("agree_ceasefire", ("Russia",), "East Ghouta", date(2018, 3, 5), "day")),
    # a passive's agent is the doer; coordinated verbs ('shot and killed', 'entered and raised')
    ("Kunduz was overrun by Taliban fighters on Monday.",
     ("capture", ("Taliban",), "Kunduz", date(2018, 3, 5), "day")),
    ("Israeli troops shot and killed a Hamas militant on Saturday.",
     ("attack", ("Israel",), None, date(2018, 3, 10), "day")),
    ("Ukrainian troops entered Kherson and raised their flag on Friday.",
     ("capture", ("Ukraine",), "Kherson", date(2018, 3, 9), "day")),
    # a passive's object stands before its verb ('a ceasefire ... announced by', 'positions were hit')
    ("A 48-hour ceasefire in Aleppo announced by Russia on Thursday has had little impact.",
     ("agree_ceasefire", ("Russia",), "Aleppo", date(2018, 3, 8), "day")),
    ("Rebel positions were also hit in Hasakeh on Friday.",
     ("attack", ("rebels",), "Hasakah", date(2018, 3, 9), "day")),
])
def test_phrasings_of_each_verb_class(text: str, expected: tuple) -> None:
    assert found(text) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    # a since-clause's start
    ("The offensive, which began on Oct. 17, has slowed.", ("attack", (), None, date(2017, 10, 17), "day")),
    ("Government forces have been shelling Douma since Feb. 18.",
     ("attack", ("government forces",), "Douma", date(2018, 2, 18), "day")),
    # a relative day: the last such day on or before publication
    ("Last Sunday Iraqi troops reached the river.", ("attack", ("Iraqi forces",), None, date(2018, 3, 4), "day")),
    ("On Saturday the first buses left Douma.", ("evacuation", (), "Douma", date(2018, 3, 10), "day")),
    # a day-month date is read day first ('4 March 2018' is March 4)
    ("Kurdish fighters captured the town on 4 March 2018.",
     ("capture", ("Kurdish forces",), None, date(2018, 3, 4), "day")),
    # a month named as when it happened: its middle, at month precision
    ("Rebels took the town of Malakal in January.", ("capture", ("rebels",), "Malakal", date(2018, 1, 15), "month")),
])
def test_an_event_is_dated_by_its_own_clause(text: str, expected: tuple) -> None:
    assert found(text) == [expected]


def test_the_publication_date_only_when_the_clause_has_none() -> None:
    assert found("Rebels took the town of Malakal.", date(2014, 2, 18)) == [
        ("capture", ("rebels",), "Malakal", date(2014, 2, 18), "day")]
    assert found("Rebels took the town of Malakal.", None) == [("capture", ("rebels",), "Malakal", None, None)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The UN said on Thursday that the violence in Darfur amounted to genocide.",
     [("statement", ("United Nations",), "Darfur", date(2018, 3, 8), "day")]),
    ("Baghdad called the figure exaggerated.", [("statement", ("Iraqi government",), "Baghdad", PUBLISHED, "day")]),
    ("Russia's defence ministry denied on Monday that its troops had withdrawn from Kupiansk.",
     [("statement", ("Russia",), "Kupiansk", date(2018, 3, 5), "day")]),
    # one statement per speaker per day, however many sentences quote it
    ("The Kremlin said on Wednesday that talks were still on the agenda. The Kremlin said on Wednesday that the "
     "deal was close.", [("statement", ("Russia",), None, date(2018, 3, 7), "day")]),
])
def test_a_dated_statement_by_a_named_speaker(text: str, expected: list) -> None:
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "The army said the situation was calm.",  # an undated remark
    "Rebels said on Friday they would fight on.",  # no named speaker
    "Residents said the town was quiet on Monday.",
    "Twelve civilians were killed on Monday, the UN said on Monday.",  # a source quoted for a figure
])
def test_remarks_and_sources_of_figures_are_not_statements(text: str) -> None:
    assert [e for e in found(text) if e[0] == "statement"] == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The army announced on Sunday that it had retaken five villages.",
     [("capture", ("government forces",), None, date(2018, 3, 4), "day")]),
    ("Troops took the mosque on Monday, an army spokesman said.",
     [("capture", ("government forces",), None, date(2018, 3, 5), "day")]),
    ("The RSF said on Saturday it had seized the airport.", [("capture", ("RSF",), None, PUBLISHED, "day")]),
])
def test_a_speaker_telling_of_an_act_gives_the_act_not_a_statement(text: str, expected: list) -> None:
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "Army units advancing from the south-east were seen near the town.",  # a participle describes
    "A Russian demand that its forces lay down their arms was rejected.",  # a base form after 'a' is a noun
    "More than 8,000 people had fled Palma by Monday.",  # a figure: a claim of people displaced
    "Images of the captured pilot were released on Friday.",  # a participle after 'the' is an adjective
])
def test_descriptions_nouns_and_figures_are_not_verb_events(text: str) -> None:
    assert [e for e in found(text) if e[0] in ("attack", "capture", "call_for_ceasefire", "evacuation")] == []
