"""Word lists and regular-expression fragments for the temporal tagger.

Month and weekday names are matched case-sensitively (capitalised), so the modal 'may', the verb
'march' and the pronoun 'We' never start a date; relative words are matched in any case.
"""

from __future__ import annotations

import re

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a couple of": 2,
    "a half": 0.5,
}
VAGUE_NUMBERS = ("several", "a few", "few", "many", "some", "numerous")
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
# TIMEX3 unit letters; hours and minutes go after 'T' in a duration.
UNIT_CODES = {
    "second": "S",
    "minute": "M",
    "hour": "H",
    "day": "D",
    "night": "D",
    "week": "W",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
}
TIME_UNITS = ("second", "minute", "hour")
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# First month of each season (winter starts in December and runs into the next year).
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
# Words that make a following or preceding year-like number a figure, not a year.
NOT_YEAR_BEFORE = frozenset(
    (
        "resolution",
        "no",
        "no.",
        "number",
        "flight",
        "route",
        "article",
        "paragraph",
        "model",
        "code",
        "room",
        "page",
        "and/or",
        "$",
        "£",
        "€",
        "#",
        "about",
        "nearly",
        "almost",
        "some",
        "over",
        "than",
        "least",
        "most",
        "estimated",
    )
)
NOT_YEAR_AFTER = frozenset(
    (
        "people",
        "civilians",
        "children",
        "soldiers",
        "troops",
        "fighters",
        "rebels",
        "militants",
        "refugees",
        "families",
        "homes",
        "houses",
        "buildings",
        "residents",
        "dead",
        "killed",
        "wounded",
        "injured",
        "deaths",
        "casualties",
        "men",
        "women",
        "patients",
        "cases",
        "km",
        "miles",
        "meters",
        "metres",
        "tonnes",
        "tons",
        "barrels",
        "dollars",
        "euros",
        "pounds",
        "percent",
        "units",
        "workers",
        "members",
        "students",
        "prisoners",
        "detainees",
        "hostages",
        "migrants",
        "persons",
        "individuals",
        "victims",
        "others",
        "more",
    )
)

MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
MONTH = rf"(?P<mon>{MONTH_FULL}\b|{MONTH_ABBR}\b\.?)"
WEEKDAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)\b(?![,.]?\d)"
_NUMBER_WORD_RX = "|".join(
    sorted((re.escape(w).replace(r"\ ", r"\s+") for w in NUMBER_WORDS), key=len, reverse=True)
)
_VAGUE_RX = "|".join(w.replace(" ", r"\s+") for w in VAGUE_NUMBERS)
NUM = (
    rf"(?P<n>\d+(?:\.\d+)?|(?i:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-"
    rf"(?:one|two|three|four|five|six|seven|eight|nine)|{_VAGUE_RX}|{_NUMBER_WORD_RX}))"
)
UNIT = r"(?P<unit>(?i:second|minute|hour|day|night|week|month|quarter|year|decade|century|centuries))"
PART_OF_DAY = r"(?P<pod>(?i:morning|afternoon|evening|night))"


def number_value(word: str) -> float | None:
    """The number a numeral or number word stands for; None for vague amounts ('several')."""
    w = " ".join(word.lower().split())
    if w in VAGUE_NUMBERS:
        return None
    if w[0].isdigit():
        return float(w)
    if "-" in w:
        tens, ones = w.split("-")
        return float(NUMBER_WORDS[tens] + NUMBER_WORDS[ones])
    return float(NUMBER_WORDS[w])


def month_number(name: str) -> int:
    """Month number of a full or abbreviated month name ('Sept.', 'December')."""
    return MONTHS[name.rstrip(".").lower()]


def unit_name(word: str) -> str:
    """Singular unit name of a matched unit word ('centuries' -> 'century')."""
    w = word.lower()
    return "century" if w.startswith("centur") else w.rstrip("s")
