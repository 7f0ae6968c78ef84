"""Tests for the temporal engine (etl.dates): spans, TIMEX3 values, ranges and the dating rule."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.dates import dating_for, find_expressions, tag
from etl.model import Dating

SUN_NOV20 = date(2016, 11, 20)
MON_DEC5 = date(2016, 12, 5)
TUE_DEC6 = date(2016, 12, 6)
WED_DEC7 = date(2016, 12, 7)


def only(text: str, ref: date | None):
    """The single expression found in text."""
    found = find_expressions(text, ref)
    assert len(found) == 1, found
    return found[0]


def dating(text: str, anchor: str, published: date | None, clause: str | None = None) -> Dating:
    """dating_for on one sentence, the anchor and clause given as substrings."""
    a = text.index(anchor)
    c = text.index(clause) if clause else 0
    span = (c, c + len(clause)) if clause else (0, len(text))
    return dating_for(
        text, find_expressions(text, published), (0, len(text)), span, (a, a + len(anchor)), published
    )


@pytest.mark.parametrize(
    ("text", "ref", "value", "start", "end"),
    [
        ("It happened on December 4, 2016.", TUE_DEC6, "2016-12-04", date(2016, 12, 4), date(2016, 12, 4)),
        ("Published 20 November, 2016", None, "2016-11-20", date(2016, 11, 20), date(2016, 11, 20)),
        ("east of Aleppo, Dec. 5, 2016.", TUE_DEC6, "2016-12-05", date(2016, 12, 5), date(2016, 12, 5)),
        ("a meeting (Dec 7) about", TUE_DEC6, "2016-12-07", date(2016, 12, 7), date(2016, 12, 7)),
        ("talks on Dec 30 failed", date(2017, 1, 2), "2016-12-30", date(2016, 12, 30), date(2016, 12, 30)),
        ("since Oct. 17 the city", date(2017, 1, 10), "2016-10-17", date(2016, 10, 17), date(2017, 1, 10)),
        (
            "the offensive of 7 December",
            date(2016, 12, 9),
            "2016-12-07",
            date(2016, 12, 7),
            date(2016, 12, 7),
        ),
        ("in December 2016 the army", None, "2016-12", date(2016, 12, 1), date(2016, 12, 31)),
        ("filed 1998-08-07 in", None, "1998-08-07", date(1998, 8, 7), date(1998, 8, 7)),
        ("posted 11/02/89 by", date(1989, 11, 2), "1989-11-02", date(1989, 11, 2), date(1989, 11, 2)),
    ],
)
def test_written_dates(text, ref, value, start, end):
    e = only(text, ref)
    assert (e.type, e.value, e.range_start, e.range_end) == ("DATE", value, start, end)
    assert text[e.start : e.end] == e.text


@pytest.mark.parametrize(
    ("text", "ref", "start", "end", "value"),
    [
        ("fighting in early December", TUE_DEC6, date(2016, 12, 1), date(2016, 12, 10), "2016-12"),
        ("a push in late November", TUE_DEC6, date(2016, 11, 21), date(2016, 11, 30), "2016-11"),
        ("a push in late February", date(2016, 3, 9), date(2016, 2, 21), date(2016, 2, 29), "2016-02"),
        (
            "an operation begun in mid-November",
            date(2017, 1, 3),
            date(2016, 11, 11),
            date(2016, 11, 20),
            "2016-11",
        ),
        ("at the end of March 2015", TUE_DEC6, date(2015, 3, 21), date(2015, 3, 31), "2015-03"),
    ],
)
def test_parts_of_months(text, ref, start, end, value):
    e = only(text, ref)
    assert (e.range_start, e.range_end, e.precision, e.value, e.is_period) == (
        start,
        end,
        "week",
        value,
        False,
    )


def test_part_of_month_point_is_dated_at_its_middle_day():
    text = "Government forces captured 12 districts in late November."
    assert dating(text, "12 districts", TUE_DEC6) == Dating(date(2016, 11, 25), None, "week", "text")
    assert dating("Bombing resumed in early December.", "Bombing", TUE_DEC6).as_of == date(2016, 12, 5)


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        ("Russia and China on Monday vetoed", TUE_DEC6, date(2016, 12, 5)),
        ("the official said on Monday", MON_DEC5, MON_DEC5),
        ("the army took five districts on Tuesday", TUE_DEC6, TUE_DEC6),
        ("the army took five districts on Wednesday", TUE_DEC6, date(2016, 11, 30)),
        ("Kerry was to hold fresh talks later on Wednesday", TUE_DEC6, WED_DEC7),
        ("experts will meet on Wednesday", TUE_DEC6, WED_DEC7),
        ("talks set to take place on Friday", TUE_DEC6, date(2016, 12, 9)),
        ("it would not take part in Wednesday's talks", TUE_DEC6, WED_DEC7),
        ("eight children were killed on Sunday", SUN_NOV20, SUN_NOV20),
        ("it happened last Tuesday", TUE_DEC6, date(2016, 11, 29)),
        ("the vote is next Monday", TUE_DEC6, date(2016, 12, 12)),
        ("shelling on Saturday", date(2017, 1, 2), date(2016, 12, 31)),
    ],
)
def test_weekdays_by_tense(text, ref, expected):
    e = only(text, ref)
    assert (e.range_start, e.range_end, e.precision) == (expected, expected, "day")


def test_weekday_followed_by_its_date_takes_that_date():
    found = find_expressions("said on Wednesday (Dec 7) that", TUE_DEC6)
    assert [(e.text, e.value) for e in found] == [("Wednesday", "2016-12-07"), ("Dec 7", "2016-12-07")]


def test_weekday_with_part_of_day_is_a_time():
    e = only("On Wednesday night, rebels withdrew", date(2016, 12, 8))
    assert (e.text, e.type, e.value) == ("Wednesday night", "TIME", "2016-12-07TNI")


@pytest.mark.parametrize(
    ("text", "ref", "value", "start", "end", "precision"),
    [
        (
            "figures from last month",
            date(2017, 1, 3),
            "2016-12",
            date(2016, 12, 1),
            date(2016, 12, 31),
            "month",
        ),
        ("earlier this month", TUE_DEC6, "2016-12", date(2016, 12, 1), date(2016, 12, 31), "month"),
        ("a proposal last week", TUE_DEC6, "2016-W48", date(2016, 11, 28), date(2016, 12, 4), "week"),
        ("this week", date(2017, 1, 1), "2016-W52", date(2016, 12, 26), date(2017, 1, 1), "week"),
        ("last year", date(2017, 1, 3), "2016", date(2016, 1, 1), date(2016, 12, 31), "year"),
        ("next year", TUE_DEC6, "2017", date(2017, 1, 1), date(2017, 12, 31), "year"),
        ("yesterday", date(2017, 1, 1), "2016-12-31", date(2016, 12, 31), date(2016, 12, 31), "day"),
        ("three years ago", TUE_DEC6, "2013", date(2013, 1, 1), date(2013, 12, 31), "year"),
        ("over the weekend", TUE_DEC6, "2016-W48-WE", date(2016, 12, 3), date(2016, 12, 4), "week"),
        ("in the third quarter", date(1989, 10, 26), "1989-Q3", date(1989, 7, 1), date(1989, 9, 30), "month"),
    ],
)
def test_relative_expressions(text, ref, value, start, end, precision):
    e = only(text, ref)
    assert (e.value, e.range_start, e.range_end, e.precision) == (value, start, end, precision)


@pytest.mark.parametrize(
    ("text", "ref", "span", "start", "end"),
    [
        ("displaced over the past week", WED_DEC7, "the past week", date(2016, 11, 30), WED_DEC7),
        (
            "killed during the past three weeks",
            TUE_DEC6,
            "the past three weeks",
            date(2016, 11, 15),
            TUE_DEC6,
        ),
        ("besieged since mid-July", TUE_DEC6, "mid-July", date(2016, 7, 15), TUE_DEC6),
        ("killed since mid-day Saturday", SUN_NOV20, "mid-day Saturday", date(2016, 11, 19), SUN_NOV20),
        ("a stronghold since 2012", TUE_DEC6, "2012", date(2012, 1, 1), TUE_DEC6),
        ("in the past 48 hours", TUE_DEC6, "the past 48 hours", date(2016, 12, 4), TUE_DEC6),
        ("fled since the war began in April 2023", date(2024, 5, 2), "April 2023", date(2023, 4, 1), date(2024, 5, 2)),
        ("killed since the siege began on May 23", date(2017, 9, 5), "May 23", date(2017, 5, 23), date(2017, 9, 5)),
        ("since rebels captured the town in June", date(2012, 8, 1), "June", date(2012, 6, 1), date(2012, 8, 1)),
        ("since the start of the offensive in March", date(2015, 4, 2), "March", date(2015, 3, 1), date(2015, 4, 2)),
    ],
)
def test_periods(text, ref, span, start, end):
    e = only(text, ref)
    assert (e.text, e.is_period, e.range_start, e.range_end) == (span, True, start, end)


def test_unknown_reference_date_keeps_spans_and_absolute_values():
    found = find_expressions("On Monday, after talks on Dec. 5, 2016, and since 2012", None)
    assert [(e.text, e.range_start) for e in found] == [
        ("Monday", None),
        ("Dec. 5, 2016", date(2016, 12, 5)),
        ("2012", date(2012, 1, 1)),
    ]
    assert found[2].is_period and found[2].range_end is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("in the five-year conflict", "P5Y"),
        ("for the first time in 14 years", "P14Y"),
        ("four years after rebels first seized it", "P4Y"),
        ("a two-day meeting", "P2D"),
        ("within 48 hours", "PT48H"),
        ("in a decade", "P10Y"),
        ("for several weeks", "PXW"),
    ],
)
def test_durations_are_never_dates(text, value):
    e = only(text, TUE_DEC6)
    assert (e.type, e.value, e.range_start, e.is_period) == ("DURATION", value, None, False)


@pytest.mark.parametrize(
    "text",
    [
        "We continue to call for full access",
        "They may contain information from wire reports",
        "4 min read",
        "about 31,500 people were displaced",
        "UN Security Council resolution 2254 calls for talks",
        "some 2000 people fled the district",
        "the army may march on the city",
        "One day after the veto",
    ],
)
def test_non_dates(text):
    assert [e for e in find_expressions(text, TUE_DEC6) if e.type != "DURATION"] == []


def test_ages_are_not_time_expressions():
    assert find_expressions("a 6-year-old boy and a man, 52 years old, were killed", TUE_DEC6) == []


def test_a_year_earlier_has_a_value_but_no_range_for_dating():
    e = only("sales a year earlier", TUE_DEC6)
    assert (e.value, e.range_start) == ("2015", None)
    assert only("two days ago", TUE_DEC6).range_start == date(2016, 12, 4)


def test_vague_future_and_vague_lengths():
    assert [(e.text, e.value) for e in tag("talks will resume soon, after fighting for years", TUE_DEC6)] == [
        ("soon", "FUTURE_REF"),
        ("years", "PXY"),
    ]
    assert tag("as soon as possible, years of war", TUE_DEC6) == []


def test_clock_time_is_a_time_on_the_reference_day():
    assert [
        (e.text, e.type, e.value) for e in tag("The strike came at 10:30 and again at 4 p.m.", TUE_DEC6)
    ] == [("10:30", "TIME", "2016-12-06T10:30"), ("4 p.m.", "TIME", "2016-12-06T16:00")]


def test_tag_gives_timex3_values():
    text = "Now, a year ago, the weekly talks lasted a month; recently in the past it was different."
    assert [(e.text, e.type, e.value) for e in tag(text, TUE_DEC6)] == [
        ("Now", "DATE", "PRESENT_REF"),
        ("a year ago", "DATE", "2015"),
        ("weekly", "SET", "P1W"),
        ("a month", "DURATION", "P1M"),
        ("recently", "DATE", "PAST_REF"),
        ("the past", "DATE", "PAST_REF"),
    ]


def test_year_less_dates_take_the_nearest_year():
    assert only("talks on Dec 7", TUE_DEC6).range_start == date(2016, 12, 7)
    assert only("talks on Dec 30", date(2017, 1, 2)).range_start == date(2016, 12, 30)
    assert only("they will meet on Jan 4", date(2016, 12, 28)).range_start == date(2017, 1, 4)
    assert only("fighting in November", date(2017, 1, 3)).value == "2016-11"


# The seed sentences of the contract, through dating_for.
UN_WEDNESDAY = (
    "A UN official said on Wednesday (Dec 7) about 31,500 people from east Aleppo had been displaced "
    "around the entire city over the past week, with hundreds more seen on the move."
)


@pytest.mark.parametrize("published", [WED_DEC7, TUE_DEC6, date(2016, 12, 9)])
def test_relative_period_is_anchored_on_the_reporting_date(published):
    assert dating(UN_WEDNESDAY, "31,500", published) == Dating(WED_DEC7, date(2016, 11, 30), "day", "text")


def test_relative_period_with_the_clause_given():
    clause = (
        "about 31,500 people from east Aleppo had been displaced around the entire city over the past week"
    )
    assert dating(UN_WEDNESDAY, "31,500", WED_DEC7, clause) == Dating(
        WED_DEC7, date(2016, 11, 30), "day", "text"
    )


def test_since_mid_day_saturday():
    text = (
        "The Observatory said at least 37 civilians have been killed since mid-day Saturday by the "
        "regime's artillery and aerial blitz on the besieged eastern enclave."
    )
    assert dating(text, "37", SUN_NOV20) == Dating(SUN_NOV20, date(2016, 11, 19), "day", "text")


def test_since_an_event_began_ends_at_the_reporting_day():
    text = "More than 600 fighters have been killed since the siege began on May 23, the army said on Monday."
    assert dating(text, "600", TUE_DEC6) == Dating(MON_DEC5, date(2016, 5, 23), "day", "text")


def test_a_date_after_since_and_a_clause_is_a_point():
    text = "Since then, talks held in May have failed to end the fighting that killed 300 people."
    assert dating(text, "300", TUE_DEC6) == Dating(date(2016, 5, 1), None, "month", "text")


def test_both_figures_of_the_tuesday_sentence():
    text = (
        "The Syrian army took control of five new districts in eastern Aleppo on Tuesday, putting the "
        "government in control of about 70 percent of the city, according to the Observatory."
    )
    expected = Dating(TUE_DEC6, None, "day", "text")
    assert dating(text, "five", TUE_DEC6) == expected
    assert (
        dating(text, "70 percent", TUE_DEC6, "putting the government in control of about 70 percent")
        == expected
    )


def test_veto_on_monday():
    text = "but Russia and China on Monday vetoed a UN Security Council resolution calling for a truce"
    assert dating(text, "vetoed", TUE_DEC6) == Dating(MON_DEC5, None, "day", "text")


def test_comes_one_day_after_dates_the_event_the_day_before_the_report():
    text = (
        "The Syrian statement comes just one day after Russia and China vetoed a U.N. Security Council vote."
    )
    assert dating(text, "vetoed", TUE_DEC6) == Dating(MON_DEC5, None, "day", "text")
    assert dating(text, "vetoed", None) == Dating(None, None, None, "none")
    text = "The offer comes two weeks before peace talks open in Jeddah."
    assert dating(text, "talks", TUE_DEC6) == Dating(date(2016, 12, 20), None, "day", "text")


def test_now_gives_way_to_a_date_in_the_same_sentence():
    text = "Earlier this month, troops held the airport before being forced back, a loss officers now regret."
    assert dating(text, "forced back", date(2016, 12, 14)) == Dating(date(2016, 12, 1), None, "month", "text")


def test_a_date_naming_a_place_is_not_a_date():
    text = "Troops took the May 22 hospital and the 6 October bridge."
    assert find_expressions(text, TUE_DEC6) == []


def test_came_days_after_counts_from_a_day_not_given():
    text = "The attack came three days after rebels shelled the market."
    assert dating(text, "shelled", TUE_DEC6) == Dating(TUE_DEC6, None, "day", "published")


def test_clause_before_sentence_and_nearest_first():
    text = "The army said on Monday that it took 3 districts, after losing 2 on Sunday."
    assert dating(text, "3 districts", TUE_DEC6, "that it took 3 districts").as_of == MON_DEC5
    assert dating(text, "2 on", TUE_DEC6, "after losing 2 on Sunday").as_of == date(2016, 12, 4)


def test_absolute_period_without_a_point_ends_at_publication():
    text = "The east has been besieged by regime forces since mid-July, trapping 250,000 people."
    assert dating(text, "250,000", TUE_DEC6) == Dating(TUE_DEC6, date(2016, 7, 15), "day", "text")


WORDS = [
    "on",
    "Monday",
    "Dec",
    "7",
    "Dec.",
    "2016",
    "2254",
    "last",
    "the",
    "past",
    "three",
    "weeks",
    "mid-July",
    "since",
    "early",
    "May",
    "may",
    "We",
    "night",
    "this",
    "century",
    "a",
    "year",
    "ago",
    "earlier",
    "10:30",
    "p.m",
    "(",
    ")",
    ",",
    "31,500",
    "five-year",
    "quarter",
    "third",
    "weekend",
    "next",
    "soon",
    "for",
    "years",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), max_size=12),
    st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2030, 12, 31))),
)
def test_any_word_salad_gives_consistent_expressions(words, ref):
    text = " ".join(words)
    for e in find_expressions(text, ref):
        assert text[e.start : e.end] == e.text
        if e.range_start is not None and e.range_end is not None:
            assert e.range_start <= e.range_end
        if e.range_start is not None and ref is not None:
            assert abs(e.range_start.year - ref.year) <= 150
    assert dating_for(text, find_expressions(text, ref), (0, len(text)), (0, len(text)), (0, 0), ref).basis in {
        "text",
        "published",
        "none",
    }


def test_what_a_figure_counts_since_is_a_period_to_the_report():
    published = date(2021, 3, 30)
    text = "The insurgency, which began in October 2017, has killed more than 2,600 people."
    assert dating(text, "2,600", published) == Dating(published, date(2017, 10, 1), "day", "text")
    text = "That brings the toll since the Houthi advance on the south began on March 25 to 185."
    assert dating(text, "185", published) == Dating(published, date(2021, 3, 25), "day", "text")
    text = "It was the deadliest week since a March 2020 truce, with 311 dead."
    assert dating(text, "311", published).as_of == published


def test_a_relative_year_dates_a_month_and_day():
    published = date(2024, 10, 16)
    assert dating("Fighting began on October 8 last year.", "began", published).as_of == date(2023, 10, 8)
    assert dating("In March last year 40 were killed.", "40", published).as_of.year == 2023
    assert dating("On 3 May this year 12 were killed.", "12", published).as_of == date(2024, 5, 3)


def test_a_date_before_a_period_starts_does_not_end_it():
    text = ("At least 2,367 people were killed since hostilities began on October 8 last year, the day after"
            " October 7, 2023.")
    published = date(2024, 10, 16)
    assert dating(text, "2,367", published) == Dating(published, date(2023, 10, 8), "day", "text")


def test_now_before_a_figure_governs_it_over_a_farther_date():
    text = "Ukraine has now taken back about 54 per cent of the territory Russian forces seized after February 24."
    published = date(2022, 11, 12)
    assert dating(text, "54 per cent", published) == Dating(published, None, "day", "text")


def test_a_relative_clause_or_a_future_date_does_not_date_another_clause():
    published = date(2024, 8, 5)
    text = "The MNDAA has up to 7,000 fighters, and it fights beside the TNLA, which captured Mogok last month."
    assert dating(text, "7,000", published, "The MNDAA has up to 7,000 fighters") == Dating(
        published, None, "day", "published")
    text = "The LNA controls two-thirds of Libya, and had been expected to press on before talks planned for August 14."
    assert dating(text, "two-thirds", published, "The LNA controls two-thirds of Libya").as_of == published
    text = "Air strikes hit the town on Saturday, killing 40 people."
    assert dating(text, "40", published, "killing 40 people").as_of == date(2024, 8, 3)


def test_a_date_naming_a_thing_does_not_date_the_news():
    published = date(2024, 2, 12)
    text = "Egypt has warned that an assault could threaten its 1979 peace treaty with Israel."
    assert dating(text, "warned", published) == Dating(published, None, "day", "published")
    text = "The toll is the highest since a March 2020 truce."
    assert dating(text, "toll", published).period_start == date(2020, 3, 1)
    assert dating("Militants seized Mosul in 2014.", "seized", published).as_of.year == 2014


def test_this_month_is_the_month_so_far_and_a_stated_span_ends_at_its_end():
    published = date(2020, 2, 28)
    text = "Turkey has sent between 7,000 and 10,000 troops into Idlib this month."
    assert dating(text, "10,000", published) == Dating(published, date(2020, 2, 1), "day", "text")
    assert dating("Earlier this month 40 people were killed.", "40", published).as_of == date(2020, 2, 1)
    text = "A UN document says 6,432 civilians were killed between January 20 and April 13."
    assert dating(text, "6,432", published) == Dating(date(2020, 4, 13), date(2020, 1, 20), "day", "text")
    text = "Some 300 were killed on January 20 and 40 on February 13."
    assert dating(text, "300", published).as_of == date(2020, 1, 20)


def test_a_span_reaching_before_year_one_is_a_length():
    """Found by the word-salad property test: 'last 2016 century' overflowed the calendar."""
    (e,) = find_expressions("last 2016 century", date(2000, 1, 1))
    assert (e.type, e.value, e.range_start, e.is_period) == ("DURATION", "P201600Y", None, True)
    assert dating("40 were killed in the last 2016 century.", "40", date(2000, 1, 1)).basis == "published"
