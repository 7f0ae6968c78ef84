"""Deduplication of claims, events and documents on hand-made rows in a real warehouse schema."""

from datetime import date

import polars as pl
import pytest

from etl import store
from etl.dedup_claims import cluster_claims
from etl.dedup_docs import link_duplicates, sketch
from etl.dedup_events import cluster_events
from etl.model import ClaimMention

CLAIM_SCHEMA = {"mention_id": pl.String, "doc_id": pl.String, "quote": pl.String, "quote_start": pl.Int32,
                "char_start": pl.Int32, "char_end": pl.Int32, "metric": pl.String, "value": pl.Float64,
                "value_low": pl.Float64, "value_high": pl.Float64, "qualifier": pl.String, "unit": pl.String,
                "location": pl.String, "subject": pl.String, "period_start": pl.Date, "as_of": pl.Date,
                "date_precision": pl.String, "attributed_to": pl.String, "modality": pl.String,
                "count_kind": pl.String}


@pytest.fixture
def con(tmp_path):
    c = store.connect(tmp_path / "w.duckdb")
    yield c
    c.close()


def claim(mid, doc, value, qualifier="exact", as_of=date(2016, 12, 6), modality="asserted", **kw):
    fields = dict(quote="q", quote_start=0, char_start=0, char_end=1, metric="territory_control_pct", value=value,
                  value_low=None, value_high=None, qualifier=qualifier, unit="percent", location="East Aleppo",
                  subject="government forces", period_start=None, as_of=as_of, date_precision="day",
                  attributed_to=None, modality=modality, count_kind="level")
    fields.update(kw)
    return {"mention_id": mid, "doc_id": doc, **{k: fields[k] for k in ClaimMention.__dataclass_fields__}}


def observations_of(con, claims):
    store.write_frame(con, "claim_store", pl.DataFrame(claims, schema=CLAIM_SCHEMA, orient="row"))
    counts = cluster_claims(con)
    links = dict(con.execute("SELECT mention_id, observation_id FROM internal.claim_observation").fetchall())
    conflicts = dict(con.execute(
        "SELECT observation_id, conflict_group FROM internal.observation_conflicts").fetchall())
    return counts, links, conflicts


def test_same_figure_in_other_words_merges_and_hypothetical_stays_apart(con):
    counts, links, conflicts = observations_of(con, [
        claim("m1", "d1", 70.0, "approx", attributed_to="Syrian Observatory for Human Rights"),
        claim("m2", "d2", 70.0, "exact", as_of=date(2016, 12, 7)),
        claim("m3", "d3", 70.0, "exact", modality="hypothetical"),
    ])
    assert links["m1"] == links["m2"] != links["m3"]
    assert counts == {"mentions": 3, "observations": 2, "conflicting_observations": 0}
    assert conflicts == {}


def test_different_figures_do_not_merge_and_are_marked_as_a_conflict(con):
    _, links, conflicts = observations_of(con, [
        claim("m1", "d1", 70.0, "approx"),
        claim("m2", "d2", 80.0, "approx"),
        claim("m3", "d3", 50.0, "exact", as_of=date(2016, 11, 20)),  # another day: no conflict
    ])
    assert len({links["m1"], links["m2"], links["m3"]}) == 3
    assert set(conflicts) == {links["m1"], links["m2"]}
    assert conflicts[links["m1"]] == conflicts[links["m2"]]


def displaced(mid, doc, value, kind, start=None, as_of=date(2016, 12, 6), **kw):
    """A figure of people displaced from Aleppo: a running total or a period count."""
    return claim(mid, doc, value, "approx", as_of=as_of, metric="people_displaced", unit="people", subject=None,
                 count_kind=kind, period_start=start, **kw)


def test_a_period_count_beside_running_totals_neither_merges_nor_conflicts(con):
    _, links, conflicts = observations_of(con, [
        displaced("t1", "d1", 40000.0, "cumulative", date(2016, 11, 15)),  # since mid-November
        displaced("t2", "d2", 41000.0, "cumulative"),  # so far
        displaced("w1", "d3", 5000.0, "period", date(2016, 12, 5)),  # in the past 24 hours
        displaced("t3", "d4", 60000.0, "cumulative", date(2016, 11, 15)),  # a running total that disagrees
    ])
    assert links["t1"] == links["t2"] != links["w1"]
    assert set(conflicts) == {links["t1"], links["t3"]}


def test_one_days_toll_merges_only_with_that_days_toll(con):
    tuesday, monday = date(2016, 12, 6), date(2016, 12, 5)
    _, links, conflicts = observations_of(con, [
        claim("k1", "d1", 12.0, metric="people_killed", unit="people", count_kind="period", period_start=tuesday),
        claim("k2", "d2", 12.0, metric="people_killed", unit="people", count_kind="period", period_start=tuesday),
        claim("k3", "d3", 12.0, metric="people_killed", unit="people", count_kind="period",
              period_start=date(2016, 11, 30)),  # the past week
        claim("k4", "d4", 30.0, metric="people_killed", unit="people", count_kind="period", period_start=monday,
              as_of=monday),  # Monday's toll
    ])
    assert links["k1"] == links["k2"]
    assert len({links["k1"], links["k3"], links["k4"]}) == 3
    assert conflicts == {}


def test_a_part_beside_its_whole_in_one_sentence_never_conflicts(con):
    """'About 1 million civilians are still inside Mosul, including an estimated 600,000 in the east'."""
    _, links, conflicts = observations_of(con, [
        claim("w", "d1", 1_000_000.0, "approx", metric="population_trapped", unit="people", quote_start=40),
        claim("p", "d1", 600_000.0, "approx", metric="population_trapped", unit="people", quote_start=40),
    ])
    assert links["w"] != links["p"]
    assert conflicts == {}


def test_a_lower_bound_below_an_estimate_neither_merges_nor_conflicts(con):
    _, links, conflicts = observations_of(con, [
        claim("m1", "d1", 70.0, "approx"),
        claim("m2", "d2", 50.0, "more_than"),
    ])
    assert links["m1"] != links["m2"]
    assert conflicts == {}


def test_qualifier_intervals_decide_compatibility(con):
    _, links, _ = observations_of(con, [
        claim("a1", "d1", 37.0, "at_least", metric="people_killed", unit="people", subject="civilians"),
        claim("a2", "d2", 40.0, "exact", metric="people_killed", unit="people", subject="civilians"),
        claim("a3", "d3", 81.0, "exact", metric="people_killed", unit="people", subject="civilians"),
    ])
    assert links["a1"] == links["a2"] != links["a3"]


def test_ids_do_not_depend_on_insertion_order(con, tmp_path):
    rows = [claim("m1", "d1", 70.0, "approx"), claim("m2", "d2", 70.0), claim("m3", "d3", 80.0)]
    _, first, _ = observations_of(con, rows)
    other = store.connect(tmp_path / "other.duckdb")
    _, second, _ = observations_of(other, list(reversed(rows)))
    assert first == second


EVENT_SCHEMA = {"mention_id": pl.String, "doc_id": pl.String, "quote": pl.String, "quote_start": pl.Int32,
                "char_start": pl.Int32, "char_end": pl.Int32, "event_type": pl.String, "plover_code": pl.String,
                "actors": pl.List(pl.String), "target": pl.String, "location": pl.String, "event_date": pl.Date,
                "date_precision": pl.String, "modality": pl.String}


def event(mid, doc, etype, actors, day, location="Aleppo", quote="q"):
    return {"mention_id": mid, "doc_id": doc, "quote": quote, "quote_start": 0, "char_start": 0, "char_end": 1,
            "event_type": etype, "plover_code": None, "actors": actors, "target": None,
            "location": location, "event_date": day, "date_precision": "day", "modality": "asserted"}


def events_of(con, rows):
    store.write_frame(con, "event_store", pl.DataFrame(rows, schema=EVENT_SCHEMA, orient="row"))
    counts = cluster_events(con)
    return counts, dict(con.execute("SELECT mention_id, event_id FROM internal.event_cluster").fetchall())


def test_events_merge_on_type_date_and_shared_actor(con):
    counts, ids = events_of(con, [
        event("e1", "d1", "veto", ["Russia", "China"], date(2016, 12, 5)),
        event("e2", "d2", "veto", ["Russia"], date(2016, 12, 5)),
        event("e3", "d3", "veto", ["United States"], date(2016, 12, 5)),
        event("e4", "d3", "talks", ["Russia"], date(2016, 12, 5)),
    ])
    assert counts == {"mentions": 4, "events": 3}
    assert ids["e1"] == ids["e2"] and len({ids["e1"], ids["e3"], ids["e4"]}) == 3


def test_event_locations_merge_along_the_gazetteer_hierarchy(con):
    _, ids = events_of(con, [
        event("c1", "d1", "talks", ["Russia"], date(2016, 12, 6), location="East Aleppo"),
        event("c2", "d2", "talks", ["Russia"], date(2016, 12, 7), location="Aleppo"),
        event("c3", "d3", "talks", ["Russia"], date(2016, 12, 6), location="Damascus"),
        event("c4", "d4", "talks", ["Russia"], date(2016, 12, 9), location="Aleppo"),  # 2 days on
        event("k1", "d1", "capture", ["government forces"], date(2016, 12, 6), location="Shaar"),
        event("k2", "d2", "capture", ["government forces"], date(2016, 12, 6), location="East Aleppo"),
        event("k3", "d3", "capture", [], date(2016, 12, 6), location="Shaar"),
        event("w1", "d1", "withdraw", ["rebels"], date(2016, 12, 7), location=None),
        event("w2", "d2", "withdraw", ["rebels"], date(2016, 12, 7), location="Old City of Aleppo"),
        event("w3", "d3", "withdraw", ["rebels"], date(2016, 12, 8), location=None),
        event("w4", "d4", "withdraw", ["government forces"], date(2016, 12, 7), location=None),
    ])
    assert ids["c1"] == ids["c2"] and len({ids["c1"], ids["c3"], ids["c4"]}) == 3
    assert ids["w1"] == ids["w2"] == ids["w3"] != ids["w4"]  # an unknown place matches any place
    assert ids["k1"] == ids["k3"] != ids["k2"]  # a capture is defined by its place


def test_attacks_a_day_apart_in_one_place_are_two_attacks(con):
    _, ids = events_of(con, [
        event("a1", "d1", "attack", ["Houthis"], date(2016, 8, 16), location="Taiz"),
        event("a2", "d2", "attack", [], date(2016, 8, 15), location="Taiz"),
        event("a3", "d3", "attack", [], date(2016, 8, 16), location="Taiz"),
    ])
    assert ids["a1"] == ids["a3"] != ids["a2"]


def test_statements_merge_only_when_their_quotes_share_the_remarks(con):
    ministry = ('"Syria will not leave its citizens in east Aleppo to be held hostage by terrorists," '
                "said a foreign ministry statement.")
    retold = ("“Syria confirms that it will not leave its citizens in east Aleppo hostage to the terrorists”, "
              "said a statement issued by the country’s Foreign Ministry.")
    interview = ("“The decision to liberate all of Syria is taken and Aleppo is part of it,” President Bashar "
                 "al-Assad said in a newspaper interview.")
    gov = ["Syrian government"]
    _, ids = events_of(con, [
        event("s1", "d1", "statement", gov, date(2016, 12, 6), quote=ministry),
        event("s2", "d2", "statement", gov, date(2016, 12, 7), quote=retold),
        event("s3", "d3", "statement", gov, date(2016, 12, 7), quote=interview),
        event("s4", "d4", "statement", ["Russia"], date(2016, 12, 6), quote=ministry),
    ])
    assert ids["s1"] == ids["s2"] and len({ids["s1"], ids["s3"], ids["s4"]}) == 3


def test_coarse_dates_merge_across_their_whole_window_but_never_conflict_with_a_day(con):
    killed = {"metric": "people_killed", "unit": "people", "subject": "civilians", "location": "Aleppo"}
    _, links, conflicts = observations_of(con, [
        claim("y1", "d1", 2000.0, "approx", as_of=date(2016, 1, 1), date_precision="year", **killed),
        claim("y2", "d2", 2050.0, "exact", as_of=date(2016, 7, 30), **killed),  # 211 days into the year
        claim("y3", "d3", 12.0, "exact", as_of=date(2016, 3, 3), **killed),  # one day's toll
        claim("y4", "d4", 3000.0, "exact", as_of=date(2016, 1, 1), date_precision="year", **killed),
    ])
    assert links["y1"] == links["y2"] and len({links["y1"], links["y3"], links["y4"]}) == 3
    assert set(conflicts) == {links["y1"], links["y4"]}  # two yearly totals disagree; the day's toll does not


def test_identical_mentions_merge_even_when_many(con):
    counts, links, _ = observations_of(con, [claim(f"m{i:03}", f"d{i}", 70.0, "approx") for i in range(300)])
    assert counts == {"mentions": 300, "observations": 1, "conflicting_observations": 0}
    assert len(set(links.values())) == 1


def test_syndicated_copy_points_at_the_earlier_document(con):
    story = ("Iraqi special forces pushed deeper into eastern Mosul on Tuesday, retaking two more districts "
             "after heavy street fighting, a military spokesman said. About 68,000 people have fled the city "
             "since the offensive began, according to the United Nations, and aid groups warned of shortages. ")
    other = "A different report entirely about talks in Geneva between delegations, with no shared sentences. " * 3
    docs = {"orig": (story, date(2016, 11, 22)), "copy": (story + "Read our coverage.", date(2016, 11, 23)),
            "else": (other, date(2016, 11, 22))}
    for doc_id, (body, day) in docs.items():
        con.execute("INSERT INTO internal.doc_store VALUES (?, 't', NULL, ?, 'explicit', 'en', ?)", [doc_id, day, body])
        store.write_frame(con, "doc_sketches", pl.DataFrame({"doc_id": doc_id, "h": sketch(body)},
                                                            schema={"doc_id": pl.String, "h": pl.UInt64}))
    assert link_duplicates(con) == 1
    assert con.execute("SELECT doc_id, duplicate_of FROM internal.doc_duplicates").fetchall() == [("copy", "orig")]
