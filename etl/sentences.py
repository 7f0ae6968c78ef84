"""Sentence and clause spans with offsets, by compiled regexes (no NLP model).

A sentence ends at '.', '!' or '?' (optionally followed by closing quotes or brackets) when the
next token starts like a sentence, always at a newline (a paragraph), and after a photo credit
('(Reuters)') that closes a caption run into the text. A period after a known
abbreviation ("Dec.", "Mr.", "No.") or after initials ("U.S.", "U.N.") does not end a sentence
unless a newline follows. Clauses split a sentence at ';', ':', dashes and at a comma that opens
a new clause ("..., but", "..., adding", "..., which"), so a figure's triggers, modal verbs and
places are looked up near it first.
"""

from __future__ import annotations

import re

Span = tuple[int, int]
# Longer "sentences" (tables, lists, run-on scraped text) are cut at whitespace: every figure looks
# around its own sentence, so an unbounded sentence makes extraction quadratic in its length.
MAX_SENTENCE_CHARS = 1500

_ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "maj", "cpl", "rev", "sen", "rep",
        "gov", "pres", "st", "mt", "ft", "no", "nos", "vs", "etc", "inc", "ltd", "co", "corp", "jr", "sr",
        "approx", "est", "dept", "univ", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec", "fig", "al"
    }
)
# a photo credit closes a caption run into the text ('... June 6 2015 (Reuters) Two people were killed')
_CREDIT = r"\((?:Reuters|AFP|AP|EPA|Getty\s+Images|Anadolu(?:\s+Agency)?|SANA|Xinhua)(?:/[^)]{0,40})?\)"
_END = re.compile(rf"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n+|(?<=\s){_CREDIT}(?=\s+[A-Z])")
_WORD_BEFORE = re.compile(r"(?:^|[\s(\"“])((?:[A-Za-z]\.)*[A-Za-z]+)\.$")
_CLAUSE_BREAK = re.compile(
    r"[;:](?=\s)|\s[–—-]\s|—|,\s+(?=(?:but|while|whereas|although|though|and|or|as|after|before|"
    r"which|who|where|when|putting|leaving|bringing|adding|saying|claiming|according|killing|"
    r"wounding|injuring|forcing|prompting|raising|taking|including|warning|noting|stressing|insisting)\b)"
)


def _is_abbreviation(text: str, stop: int) -> bool:
    """True when the '.' at text[stop-1] closes an abbreviation or initials, not a sentence."""
    m = _WORD_BEFORE.search(text, max(0, stop - 30), stop)
    if not m:
        return False
    word = m.group(1)
    return "." in word or len(word) == 1 or word.lower() in _ABBREVIATIONS


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _bounded(text: str, span: Span) -> list[Span]:
    """A span cut into pieces of at most MAX_SENTENCE_CHARS, at the last whitespace before each cut."""
    start, end = span
    pieces: list[Span] = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        piece = _trim(text, start, cut)
        if piece:
            pieces.append(piece)
        start = cut
    piece = _trim(text, start, end)
    return [*pieces, piece] if piece else pieces


def sentences(text: str) -> list[Span]:
    """(start, end) of each sentence of `text`, whitespace trimmed, in order."""
    spans: list[Span] = []
    start = 0
    for m in _END.finditer(text):
        if m.group() == "." and _is_abbreviation(text, m.start() + 1):
            continue
        span = _trim(text, start, m.end())
        if span:
            spans.extend(_bounded(text, span))
        start = m.end()
    span = _trim(text, start, len(text))
    if span:
        spans.extend(_bounded(text, span))
    return spans


def clauses(text: str, sentence: Span) -> list[Span]:
    """(start, end) of the clauses of one sentence span of `text`."""
    start, end = sentence
    spans: list[Span] = []
    for m in _CLAUSE_BREAK.finditer(text, start, end):
        span = _trim(text, start, m.start())
        if span:
            spans.append(span)
        start = m.end()
    span = _trim(text, start, end)
    if span:
        spans.append(span)
    return spans


def containing(spans: list[Span], pos: int) -> Span:
    """The span of `spans` (sorted, disjoint) that contains offset `pos`, else the nearest one before it."""
    best = spans[0]
    for span in spans:
        if span[0] > pos:
            break
        best = span
    return best
