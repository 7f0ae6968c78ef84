"""etl.numbers: figures in the forms news uses, hedges, ranges, and what is not a figure."""

from __future__ import annotations

import pytest

from etl.numbers import find_quantities, parse_number


def one(text: str):
    found = find_quantities(text)
    assert len(found) == 1, found
    q = found[0]
    return text[q.start : q.end], q.value, q.qualifier, q.is_percent


@pytest.mark.parametrize(
    "text, expected",
    [
        ("about 31,500 people", ("31,500", 31500.0, "approx", False)),
        ("More than 1.5 million people", ("1.5 million", 1_500_000.0, "more_than", False)),
        ("Eleven patients", ("Eleven", 11.0, "exact", False)),
        ("twenty-five soldiers", ("twenty-five", 25.0, "exact", False)),
        ("a dozen people", ("a dozen", 12.0, "approx", False)),
        ("two-thirds of Aleppo", ("two-thirds", 66.7, "exact", True)),
        ("about a third of the district", ("a third", 33.3, "approx", True)),
        ("more than half of the areas", ("half", 50.0, "more_than", True)),
        ("three quarters of the city", ("three quarters", 75.0, "exact", True)),
        ("seven in ten Gazans", ("seven in ten", 70.0, "exact", True)),
        ("80% of east Aleppo", ("80%", 80.0, "exact", True)),
        ("70 per cent of it", ("70 per cent", 70.0, "exact", True)),
        ("at least 37 civilians", ("37", 37.0, "at_least", False)),
        ("up to 200,000 civilians", ("200,000", 200_000.0, "at_most", False)),
        ("as many as 40 people", ("40", 40.0, "at_most", False)),
        ("fewer than 2,000 fighters", ("2,000", 2000.0, "less_than", False)),
        ("close to 90% of Mariupol", ("90%", 90.0, "approx", True)),
        ("an estimated 250,000 civilians", ("250,000", 250_000.0, "approx", False)),
    ],
)
def test_forms_and_hedges(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("between 100 and 150 civilians", 100.0, 150.0),
        ("2,000-3,000 people", 2000.0, 3000.0),
        ("20 to 30 people", 20.0, 30.0),
        ("1.5 to 2 million people", 1_500_000.0, 2_000_000.0),
    ],
)
def test_ranges(text, low, high):
    (q,) = find_quantities(text)
    assert (q.low, q.high, q.value, q.qualifier) == (low, high, (low + high) / 2, "approx")


@pytest.mark.parametrize(
    "text",
    [
        "the five-year conflict",
        "for 14 years",
        "600,000 barrels",
        "$600,000",
        "£3m",
        "2 min read",
        "Dec. 5, 2016",
        "on 5 December",
        "Resolution 2254",
        "at 10:30",
        "aged 12",
        "a 34-year-old man",
        "tens of thousands of people",
        "hundreds of civilians",
        "thousands of civilians",
        "dozens of people",
        "the 1st battalion",
        "a seven-day ceasefire",
        "a three-week offensive",
        "in 2016",
    ],
)
def test_not_quantities(text):
    assert find_quantities(text) == []


def test_offsets_into_the_whole_text_and_parse_number():
    text = "Officials said that about 48,000 people had fled."
    (q,) = find_quantities(text, 10)
    assert text[q.hedge_start : q.end] == "about 48,000"
    assert parse_number("two hundred thousand") == 200_000
    assert parse_number("3.2m") == 3_200_000
