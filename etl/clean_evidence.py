"""Recognise the typed pieces of a page that are evidence, not article text.

Captions, embedded tweets, datelines, bylines and pull-quote attributions are dated or
attributed fragments: useful to date the article, wrong as sources of claims. Each rule here
looks at one stripped line; the layout walker (clean_lines) decides what to do with it.
"""

from __future__ import annotations

import re

from etl.metadata_dates import FULL_DATE, MONTH, dateline_date

_CAPTION_PREFIX_RE = re.compile(
    r"(?:photo|image|picture|photograph|caption|image caption|image source|file photo|pictured|above)"
    r"\s*(?:[:,|]|\s-)\s*\S",
    re.IGNORECASE,
)
_CREDIT_SUFFIX_RE = re.compile(
    r"(?:\[[A-Z][^\[\]\n]{0,50}\]"
    r"|Photograph:\s*[^.\n]{1,80}"
    r"|\((?:AP|AFP|Reuters|EPA|Getty|Anadolu|SANA|Photo|Image|File)\b[^()\n]{0,60}\)"
    r"|\([A-Z][\w.&' -]{1,30}/[A-Z][a-z][\w.' -]{1,40}\)"  # '(Reuters/Ammar Abdullah)', '(Outlet/Photo Desk)'
    r"|(?:REUTERS|AFP|AP Photo|EPA|Getty Images)/[A-Z][\w. -]{1,40})\s*$"
)
_CAPTION_DATE_END_RE = re.compile(
    rf"(?P<before>\w+),?\s+(?:{MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{MONTH},?\s+\d{{4}})\.?\s*$",
    re.IGNORECASE,
)
_DATE_PREPOSITIONS = ("on", "since", "until", "till", "by", "from", "before", "after", "in", "of", "to", "during")
_NARRATIVE_RE = re.compile(
    r"\b(?:said|says|told|according to|was|were|had|has been|have been|will)\b|[\"“”]", re.IGNORECASE
)
_TWEET_RE = re.compile(
    rf"pic\.twitter\.com/|twitter\.com/\w+/status/|\(@\w{{1,30}}\)\s+{MONTH}\s+\d{{1,2}},?\s+\d{{4}}",
    re.IGNORECASE,
)
_TWEET_ATTRIBUTION_RE = re.compile(r"[-–—]{1,2}\s*[^()\n]{1,80}\(@\w{1,30}\)")
_BYLINE_RE = re.compile(r"By\s+[A-Z@][^.!?\n]{0,100}")
_CREDIT_RE = re.compile(
    r"(?:Reporting|Additional reporting|Writing|Written|Editing|Compiled|Produced)\s+by\s+.{1,200}", re.IGNORECASE
)
_PULLQUOTE_ATTRIBUTION_RE = re.compile(r"[-–—]\s*[A-Z][^.!?@()\n]{0,60}")
_MONTH_DAY = rf"(?i:{MONTH})\s+\d{{1,2}}"
# 'BEIRUT, Dec 6 (Reuters) -', 'RAQQA, Syria (Frontline Bulletin, Aug. 14) -', '(Hodeidah, Nov. 8) -'
WIRE_DATELINE_RE = re.compile(
    rf"(?P<dateline>(?:[A-Z][A-Za-z .'-]{{1,40}}(?:,\s*[A-Za-z0-9 .]{{1,30}}){{0,2}}\s*)?"
    rf"\((?P<agency>[A-Z][\w .&/-]{{0,30}})(?:,\s*{_MONTH_DAY})?\)\s*[-–—])\s"
)
# 'MARAWI, Philippines, Sept 5 -', 'ADEN, Yemen, 2015-04-02 —': a place in capitals, its date or month and day
PLACE_DATELINE_RE = re.compile(
    rf"(?P<dateline>[A-Z][A-Z.'-]+(?:\s[A-Z][A-Z.'-]+){{0,3}}(?:,\s*[A-Z][A-Za-z .]{{1,30}}){{0,2}},"
    rf"\s*(?:{FULL_DATE}|{_MONTH_DAY})\s*[-–—])\s"
)
DATED_DATELINE_RE = re.compile(
    rf"(?P<dateline>{FULL_DATE}\s*\((?P<agency>[A-Z][A-Za-z .'/-]{{1,40}})\)\s*[-–—])\s", re.IGNORECASE
)
MAX_CAPTION = 400
CREDIT_TAIL = 110  # a trailing photo credit is shorter than this: search only the line's tail
DATE_TAIL = 60


def is_tweet(line: str) -> bool:
    """An embedded tweet's text or its '— Name (@handle) December 4, 2016' attribution line."""
    return bool(_TWEET_RE.search(line) or _TWEET_ATTRIBUTION_RE.match(line))


def is_caption(line: str) -> bool:
    """A photo caption: 'Photo: ...', a trailing credit '[AFP]', or a scene line ending in its date."""
    if len(line) > MAX_CAPTION:
        return False
    if _CAPTION_PREFIX_RE.match(line) or _CREDIT_SUFFIX_RE.search(line[-CREDIT_TAIL:]):
        return True
    match = _CAPTION_DATE_END_RE.search(line[-DATE_TAIL:])
    return bool(match and match.group("before").lower() not in _DATE_PREPOSITIONS and not _NARRATIVE_RE.search(line))


def is_byline(line: str) -> bool:
    """'By Euronews', 'By Jane Doe, Reuters', 'Reporting by ...; Editing by ...'."""
    if len(line) > 250:
        return False
    short_by = len(line.split()) <= 14 and _BYLINE_RE.fullmatch(line)
    return bool(short_by or _CREDIT_RE.fullmatch(line))


def is_dateline(line: str) -> bool:
    """A line that is only a publication or update date, maybe with a label and a time."""
    return dateline_date(line) is not None


def is_pullquote_attribution(line: str) -> bool:
    """'- Syrian foreign ministry': the source line under a pull-quote (a few words, no sentence)."""
    return bool(_PULLQUOTE_ATTRIBUTION_RE.fullmatch(line)) and len(line.split()) <= 9


def wire_dateline(line: str) -> re.Match[str] | None:
    """The opening of a first paragraph that is a dateline: 'BEIRUT, Dec 6 (Reuters) -' (wire
    style), 'MARAWI, Philippines, Sept 5 -' or 'December 5, 2016 (KHARTOUM) -' (Sudan Tribune style)."""
    head = line[:120]
    return WIRE_DATELINE_RE.match(head) or PLACE_DATELINE_RE.match(head) or DATED_DATELINE_RE.match(head)
