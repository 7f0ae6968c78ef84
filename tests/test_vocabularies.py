"""The vocabularies declared once as data (etl/data/vocabularies/): an analyst's overlay adds a metric and an event
type with its behaviour, and a misspelt value stops extraction with a message naming the file and line."""

from __future__ import annotations

from datetime import date

import pytest

from etl import claims, events, vocabularies
from etl.claims import extract_claims
from etl.events import extract_events
from etl.model import CleanDocument
from etl.vocabularies import VocabularyError

TEXT = "Police detained 40 protesters in Aleppo on Monday, activists said."


@pytest.fixture
def overlay(tmp_path, monkeypatch):
    """A $TIMELINE_LEXICONS folder; rule caches are dropped before and after so each test reads its own."""
    monkeypatch.setenv("TIMELINE_LEXICONS", str(tmp_path))
    drop = [claims._lexicons, events._rows, events._rules, events._trigger_anchors]
    for cached in drop:
        cached.cache_clear()
    yield tmp_path
    monkeypatch.delenv("TIMELINE_LEXICONS")
    for cached in drop:
        cached.cache_clear()


def document(text: str) -> CleanDocument:
    return CleanDocument(text, None, None, date(2016, 12, 6), "explicit", "en")


def test_every_lexicon_row_uses_the_bundled_vocabularies():
    assert {unit for unit in vocabularies.metric_units().values()} == {"percent", "people", "districts"}
    assert vocabularies.event_types()["attack"] == vocabularies.EventType("ASSAULT", speech_act=False,
                                                                          place_defined=True, same_day=True,
                                                                          shared_words=False)
    assert len(claims._lexicons().triggers) > 5 and len(events._rules()) > 10  # validated while loading


def test_an_overlay_adds_a_metric_and_an_event_type_with_its_behaviour(overlay):
    (overlay / "metric.csv").write_text("metric,unit,description\npeople_detained,people,people detained\n")
    (overlay / "metric_triggers.csv").write_text("metric,unit,triggers\npeople_detained,people,detained|arrested\n")
    (overlay / "event_type.csv").write_text("event_type,plover_code,speech_act,place_defined,same_day,shared_words,"
                                            "description\narrest,COERCE,,yes,yes,,people detained\n")
    (overlay / "event_triggers.csv").write_text("event_type,plover_code,triggers,requires,excludes,needs_actor\n"
                                                "arrest,,detained|rounded up,,,\n")
    [claim] = extract_claims(document(TEXT))
    assert (claim.metric, claim.unit, claim.value, claim.location) == ("people_detained", "people", 40.0, "Aleppo")
    arrests = [e for e in extract_events(document(TEXT)) if e.event_type == "arrest"]
    assert [(e.plover_code, TEXT[e.char_start:e.char_end]) for e in arrests] == [("COERCE", "detained")]
    behaviour = vocabularies.event_types()["arrest"]
    assert behaviour.place_defined and behaviour.same_day and not behaviour.speech_act
    assert "people_detained" in vocabularies.frame()["value"].to_list()  # what the blocking checks accept


def test_a_misspelt_metric_fails_with_the_file_and_line(overlay):
    (overlay / "metric_triggers.csv").write_text("metric,unit,triggers\n# a comment line\n"
                                                 "people_kiled,people,slain\n")
    with pytest.raises(VocabularyError, match=rf"{overlay / 'metric_triggers.csv'}, line 3: unknown metric "
                                              r"'people_kiled' \(known: territory_control_pct, people_killed"):
        extract_claims(document(TEXT))


def test_a_misspelt_behaviour_fails_with_the_file_and_line(overlay):
    (overlay / "event_type.csv").write_text("event_type,plover_code,speech_act,place_defined,same_day,shared_words,"
                                            "description\narrest,COERCE,,ye,,,people detained\n")
    with pytest.raises(VocabularyError, match=r"event_type.csv, line 2: place_defined is 'yes' or empty, not 'ye'"):
        vocabularies.event_types()


def test_a_plover_code_that_disagrees_with_the_vocabulary_fails_with_the_file_and_line(overlay):
    (overlay / "event_triggers.csv").write_text("event_type,plover_code,triggers,requires,excludes,needs_actor\n"
                                                "attack,ASSALT,stormed,,,\n")
    with pytest.raises(VocabularyError, match=r"event_triggers.csv, line 2: plover_code 'ASSALT' is not"):
        extract_events(document(TEXT))
