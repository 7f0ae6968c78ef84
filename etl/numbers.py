"""Find the quantities news text states, with hedges and ranges, by one compiled regex.

Recognised forms:
- digits with separators and scales: "31,500", "31 500" (no-break or thin space; a plain space after two or
  three digits), "1.5 million", "2m", "2,000-3,000";
- number words: "eight", "Eleven", "twenty-five", "two hundred", "three thousand";
  "a dozen" is 12 with qualifier approx (it is a round figure); "dozens", "scores" are vague;
- fractions of something, only when followed by "of": "two-thirds" (66.7), "a third" (33.3),
  "half" (50), "three quarters" (75); "seven in ten" / "7 out of 10" (70); these are percents;
- percentages: "80%", "70 percent", "70 per cent";
- hedges before the figure: approx ("about", "around", "some", "roughly", "an estimated", "nearly",
  "almost", "close to"), at_least ("at least", "no fewer than"), more_than ("more than", "over"),
  at_most ("up to", "as many as", "no more than"), less_than ("fewer than", "less than", "under");
- ranges "between 20 and 30", "20 to 30", "20-30": value_low/value_high, value the midpoint,
  qualifier approx.

Vague amounts ("tens of thousands", "hundreds", "thousands of civilians", "dozens") are not
quantities: plural scale words are never matched, so they are skipped. Also skipped here, because
they are never conflict figures: years (1800-2100 without separators), clock times ("10:30"),
money ("$600,000", "£3m", "5 million dollars"), ordinals ("1st"), durations and ages
("five-year", "14 years", "aged 12", "three-week"), measures ("600,000 barrels", "4 min read",
"20 km"), and reference numbers ("Resolution 2254", "No. 5").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "k": 1_000}
_FRACTIONS = {"half": 50.0, "third": 100 / 3, "quarter": 25.0, "fifth": 20.0}
_HEDGES = {
    "an estimated": "approx", "estimated": "approx", "approximately": "approx", "about": "approx",
    "around": "approx", "some": "approx", "roughly": "approx", "nearly": "approx",
    "almost": "approx", "close to": "approx", "at least": "at_least", "no fewer than": "at_least",
    "no less than": "at_least", "more than": "more_than", "over": "more_than",
    "upwards of": "more_than", "in excess of": "more_than", "just over": "more_than",
    "up to": "at_most", "as many as": "at_most", "no more than": "at_most",
    "fewer than": "less_than", "less than": "less_than", "under": "less_than",
    "just under": "less_than",
}


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_WORD = (rf"(?:(?:{_alt(_TENS)})(?:[- ](?:{_alt(list(_UNITS)[:9])}))?|{_alt(_UNITS)})"
         r"(?:\s+(?:hundred|thousand|million|billion)\b)*")
# Digit groups: "31,500"; "31 500" with a no-break, narrow no-break or thin space (French, SI style); with a plain
# space only after two or three digits ("10 000", not "May 5 200 people")
_GROUP_SPACES = "\u00a0\u202f\u2009"
_DIGIT = (rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d{{1,3}}(?:[{_GROUP_SPACES}]\d{{3}})+(?![\d,])"
          rf"|\d{{2,3}}(?: \d{{3}})+(?![\d,])|\d+(?:\.\d+)?")
_NUM = rf"(?:(?:{_DIGIT})(?:\s+(?:hundred|thousand|million|billion)\b|(?:m|mn|bn|k)\b)?|\b{_WORD}\b|\ba dozen\b)"
_PCT = r"\s?(?:%|per\s?cent\b)"
_FRAC = r"(?:\b(?:a|one|two|three|four)[- ](?:half|thirds?|quarters?|fifths?)|\bhalf)(?=\s+of\b)"
_PATTERN = re.compile(
    rf"(?:\b(?P<hedge>{_alt(_HEDGES)})\s+)?"
    rf"(?<![\w:.,/-])(?:(?P<frac>{_FRAC})"
    rf"|(?P<in>{_NUM})\s+(?:in|out of)\s+(?P<of>ten|10|five|four|three|100|a hundred)\b"
    rf"|\bbetween\s+(?P<blo>{_NUM})\s+and\s+(?P<bhi>{_NUM})(?P<bpct>{_PCT})?"
    rf"|(?P<num>{_NUM})(?:\s*(?:-|–|to)\s*(?P<hi>{_NUM}))?(?P<pct>{_PCT})?)"
    r"(?![\w:]|[.,]\d)",
    re.IGNORECASE,
)
_BEFORE_SKIP = re.compile(
    r"(?:[$£€¥#]|\b(?:US|USD|EUR|GBP|Rs|aged?|resolutions?|no|nos|number|article|page|route|"
    r"highway|flight|room|chapter|section|paragraph|item|code|line|ages of|jan|january|feb|february|"
    r"mar|march|apr|april|may|jun|june|jul|july|aug|august|sept?|september|oct|october|nov|"
    r"november|dec|december)\.?\s*)$",
    re.IGNORECASE,
)
_AFTER_SKIP = re.compile(
    r"^(?:[- ](?:years?|months?|weeks?|days?|hours?|minutes?|min|secs?|seconds?|nights?|decades?|"
    r"centuries|century|km|kilometres?|kilometers?|miles?|metres?|meters?|feet|foot|kg|tonnes?|"
    r"tons?|barrels?|dollars?|euros?|pounds?|pence|cents?|yuan|rubles?|roubles?|dinars?|riyals?|"
    r"liras?|hectares?|acres?|square|sq|points?|times|storey|story|floors?|seats?|votes?|"
    r"languages?|jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|"
    r"sept?|september|oct|october|nov|november|dec|december)\b|-old\b|\s*(?:am|pm|a\.m\.|p\.m\.|GMT|BST|UTC)\b|(?:st|nd|rd|th)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Quantity:
    """A figure in text: `start`..`end` is the figure itself, `hedge_start` includes its hedge."""

    start: int
    end: int
    hedge_start: int
    value: float
    low: float | None
    high: float | None
    qualifier: str
    is_percent: bool


def parse_number(s: str) -> float:
    """Value of one number expression: "31,500", "1.5 million", "twenty-five", "two hundred"."""
    s = s.lower().strip()
    if s == "a dozen":
        return 12.0
    s = re.sub(rf"(?<=\d)[ {_GROUP_SPACES}](?=\d{{3}})", "", s)
    m = re.match(r"([\d,]*\.?\d+)\s*([a-z]*)$", s)
    if m:
        return float(m.group(1).replace(",", "")) * _SCALES.get(m.group(2), 1)
    total, current = 0.0, 0.0
    for word in re.split(r"[\s-]+", s):
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0.0
    return total + current


def _fraction(s: str) -> float:
    words = re.split(r"[\s-]+", s.lower())
    head = words[-1].rstrip("s") if words[-1] != "thirds" else "third"
    count = 1 if len(words) == 1 or words[0] in ("a", "one") else parse_number(words[0])
    return round(count * _FRACTIONS[head], 1)


def _is_noise(text: str, m: re.Match) -> bool:
    """True for years, money, durations, measures, times and reference numbers."""
    if _BEFORE_SKIP.search(text, max(0, m.start() - 14), m.start("hedge") if m.group("hedge") else m.start()):
        return True
    if _AFTER_SKIP.match(text[m.end(): m.end() + 14]):
        return True
    num = m.group("num")
    return bool(num and not m.group("hi") and not m.group("pct") and re.fullmatch(r"1[89]\d\d|20\d\d|2100", num))


def _from_match(m: re.Match) -> Quantity | None:
    hedge = (m.group("hedge") or "").lower()
    qualifier = _HEDGES.get(" ".join(hedge.split()), "exact")
    low = high = None
    if m.group("frac"):
        value, is_percent, span = _fraction(m.group("frac")), True, m.span("frac")
    elif m.group("in"):
        denominator = parse_number(m.group("of").replace("a hundred", "100"))
        value, is_percent = round(100 * parse_number(m.group("in")) / denominator, 1), True
        span = (m.start("in"), m.end("of"))
    else:
        lo_key, hi_key, pct_key = ("blo", "bhi", "bpct") if m.group("blo") else ("num", "hi", "pct")
        value, is_percent = parse_number(m.group(lo_key)), bool(m.group(pct_key))
        span = (m.start(lo_key), m.end())
        if m.group(hi_key):
            low, high = value, parse_number(m.group(hi_key))
            if high > 1000 * low and re.search(r"[a-z]$", m.group(hi_key).lower()):
                low *= high / parse_number(re.sub(r"[^\d.,]+.*$", "", m.group(hi_key)) or "1")
            if high <= low:
                return None
            value, qualifier = (low + high) / 2, "approx"
        if m.group(lo_key).lower() == "a dozen" and qualifier == "exact":
            qualifier = "approx"
    hedge_start = m.start("hedge") if hedge else span[0]
    return Quantity(span[0], span[1], hedge_start, value, low, high, qualifier, is_percent)


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Quantities in text[start:end], in order, with offsets into `text`."""
    found = []
    for m in _PATTERN.finditer(text, start, len(text) if end is None else end):
        if _is_noise(text, m):
            continue
        quantity = _from_match(m)
        if quantity is not None:
            found.append(quantity)
    return found
