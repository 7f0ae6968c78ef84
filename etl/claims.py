"""Numeric claims: figures about a war (killed, displaced, territory held ...) found in a document.

For each quantity (etl.numbers) the unit comes from a count noun right after it ("8 children",
"five new districts": count_nouns.csv), from being a percent or fraction, or from a casualty
trigger right next to it ("40 wounded"). The metric is that of the nearest trigger of the same
unit (metric_triggers.csv) in the figure's clause, else close by in its sentence, else the noun's
default (gunmen -> fighters). A figure with no unit or no metric is not a claim; neither is a
figure inside a time expression ("five-year", "Dec. 5"). Then: subject (subjects.csv), location
(etl.gazetteer), attribution (etl.attribution), modality (etl.modality), dates (etl.dates).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from etl import dates, lexicon
from etl.actors import index, phrase_pattern
from etl.attribution import attribution
from etl.count_kinds import count_kind
from etl.gazetteer import document_places, locate
from etl.modality import modality
from etl.model import ClaimMention, CleanDocument
from etl.numbers import Quantity, find_quantities
from etl.sentences import Span, clauses, containing, sentences
from etl.vocabularies import require_metric

_NEAR_GAP = 25  # chars between a bare figure and a casualty trigger that makes it a count of people
_SENTENCE_GAP = 80  # how far from the figure, outside its clause, a trigger still counts
_HELD = re.compile(r"-(?:held|controlled|run|led|backed)\b")
_SKIP_WORDS = r"(?:were|was|is|are|had|have|has|been|of|in|on|at|and|or|to|from|by|for|with|the|a|an|who|that|more)"
# '19 of the 56 neighbourhoods', 'nine of the city's ten police districts'
_PART_OF = re.compile(r"\s+of\s+(?:(?:the|its|their|all|some)\s+)?(?:[\w-]+['’]s\s+)?$", re.I)
_SOURCE_VERB = re.compile(r"\s+(?:told|said|say|says|saw|reported|confirmed)\b(?!\s+to\b)", re.I)  # 'two officers told'
_NUMBER_OF = re.compile(r"\b(?:number|total|tally|count)\s+of\b", re.I)  # 'the number of people who fled ... to 34,000'
_INCLUDING = re.compile(r"\b(?:including|of whom|among them|among whom)\s+$", re.I)  # 'including 600,000 in the east'
_OF = re.compile(r"\s+of\b", re.I)
_BASELINE = re.compile(r"\b(?:down|up)\s+from\s+$", re.I)  # 'down from about 70,000 before the war'
_NEW_STATEMENT = re.compile(r"(?:and|but)\s+that\b|(?:while|whereas|although|though)\b", re.I)
_PART_OF_EARLIER = re.compile(r"\s+of\s+(?:them|those|whom)\b", re.I)  # 'About 39,000 of them have fled'
_RISEN_TO = re.compile(r"\b(?:to|at|reached|reaches|hit|hits|passed|passes|topped|tops|exceeded|exceeds)\s+$", re.I)


@dataclass(frozen=True)
class _Noun:
    unit: str
    subject: str | None
    metric: str | None
    metrics: frozenset[str]


@dataclass(frozen=True)
class _Lexicons:
    nouns: dict[str, _Noun]
    noun_pattern: re.Pattern
    triggers: tuple[tuple[str, str, re.Pattern], ...]  # metric, unit, pattern


@cache
def _lexicons() -> _Lexicons:
    nouns: dict[str, _Noun] = {}
    for where, row in lexicon.located("count_nouns.csv"):
        default, allowed = row.get("metric") or None, frozenset(lexicon.split_list(row.get("metrics", "")))
        for metric in filter(None, [default, *allowed]):
            require_metric(where, metric, row["unit"])
        noun = _Noun(row["unit"], row.get("subject") or None, default, allowed)
        for form in lexicon.split_list(row["forms"]):
            nouns.setdefault(form.lower(), noun)
    forms = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(nouns, key=len, reverse=True))
    noun_pattern = re.compile(rf"\s+(?:(?!{_SKIP_WORDS}\b)[a-z][\w-]*\s+){{0,2}}?(?P<noun>{forms})\b", re.I)
    triggers = tuple((require_metric(where, r["metric"], r["unit"]), r["unit"],
                      phrase_pattern(lexicon.split_list(r["triggers"])))
                     for where, r in lexicon.located("metric_triggers.csv"))
    return _Lexicons(nouns, noun_pattern, triggers)


def _gap(q: Quantity, start: int, end: int) -> int:
    return start - q.end if start >= q.end else max(0, q.hedge_start - end)


def _nearest_trigger(
    text: str, q: Quantity, span: Span, unit: str, allowed: frozenset[str], max_gap: int, skip: Span | None = None
) -> tuple[int, str] | None:
    """(gap, metric) of the nearest trigger of `unit` in text[span] (allowed metrics only), outside `skip`."""
    best = None
    for metric, trigger_unit, pattern in _lexicons().triggers:
        if trigger_unit != unit or (allowed and metric not in allowed):
            continue
        for m in pattern.finditer(text, *span):
            if q.hedge_start <= m.start() < q.end or (skip and skip[0] <= m.start() < skip[1]):
                continue
            gap = _gap(q, m.start(), m.end())
            if gap <= max_gap and (best is None or gap < best[0]):
                best = (gap, metric)
    return best


def _counted_noun(text: str, q: Quantity, noun_from: int, clause: Span, sentence: Span) -> re.Match | None:
    """The count noun of a figure: right after it ('8 children', '19 of the 56 neighbourhoods'), else
    the noun of 'the number of <people> ...' when the figure is what that number reached."""
    lex = _lexicons()
    m = lex.noun_pattern.match(text, noun_from, clause[1])
    if m or not _RISEN_TO.search(text, max(sentence[0], q.hedge_start - 20), q.hedge_start):
        return m
    counted = _NUMBER_OF.search(text, sentence[0], q.hedge_start)
    return lex.noun_pattern.match(text, counted.end(), q.hedge_start) if counted else None


def _classify(
    text: str, q: Quantity, clause: Span, sentence: Span, noun_from: int
) -> tuple[str, str, str | None, int] | None:
    """(metric, unit, noun subject, end of the noun phrase) of a figure, or None when it is no claim.

    A trigger inside the noun phrase is a modifier ('evacuate 200 wounded civilians'): the verb
    outside it decides, when there is one. A count that is the source ('two officers told') is no claim.
    """
    lex = _lexicons()
    noun = None
    m = None if q.is_percent else _counted_noun(text, q, noun_from, clause, sentence)
    skip = None
    if q.is_percent:
        unit, allowed, default, subject, end = "percent", frozenset(), None, None, q.end
    elif m:
        if _SOURCE_VERB.match(text, m.end()):
            return None
        noun = lex.nouns[" ".join(m.group("noun").lower().split())]
        unit, allowed, default, subject, end = noun.unit, noun.metrics, noun.metric, noun.subject, m.end()
        skip = (noun_from, m.start("noun"))
    else:
        near = _nearest_trigger(text, q, clause, "people", frozenset(), _NEAR_GAP)
        if near is None:
            return None
        unit, allowed, default, subject, end = "people", frozenset(), None, None, q.end
    # a clause that opens a statement of its own ('and that 400,000 face famine') takes no trigger from around it
    around = None if _NEW_STATEMENT.match(text, clause[0]) else sentence
    found = (_nearest_trigger(text, q, clause, unit, allowed, 10_000, skip)
             or _nearest_trigger(text, q, clause, unit, allowed, 10_000)
             or (around and _nearest_trigger(text, q, around, unit, allowed, _SENTENCE_GAP, skip)))
    metric = found[1] if found else default
    if metric is None or (unit == "percent" and q.value > 100):
        return None
    return metric, unit, subject, end


def _holder(text: str, q: Quantity, clause: Span, sentence: Span, previous: Span | None) -> str | None:
    """Who holds territory: the last group named before the figure in its clause, else sentence,
    else the last group of the previous sentence ("It has since retaken ...")."""
    subjects = index("subjects.csv")
    for span in (clause, (sentence[0], q.hedge_start), previous):
        if span is None:
            continue
        stop = min(span[1], q.hedge_start) if span[0] < q.hedge_start else span[1]
        found = [s for s in subjects.find(text, span[0], stop)
                 if not _HELD.match(text, s.end) and s.name not in ("civilians", "children")]
        if found:
            return found[-1].name
    return None


def extract_claims(doc: CleanDocument) -> list[ClaimMention]:
    """Every figure of a contract metric stated in doc.body_text, with its context."""
    text = doc.body_text
    sentence_spans = sentences(text)
    if not sentence_spans:
        return []
    expressions = dates.document_expressions(text, doc.published_on)
    busy = sorted((e.start, e.end) for e in expressions if e.type in ("DURATION", "DATE", "TIME", "SET"))
    places, main = document_places(text)
    starts = dates.stated_starts(text, expressions)
    claims = []
    quantities = find_quantities(text)
    # '19 of the 56 neighbourhoods': 56 is the whole the part is counted in, not a figure of its own
    totals = {b.start: a for a, b in zip(quantities, quantities[1:], strict=False)
              if _PART_OF.match(text[a.end:b.hedge_start])}
    for q in quantities:
        if q.start in totals:
            continue
        i = bisect_right(busy, (q.start, 10**9)) - 1
        if i >= 0 and busy[i][0] <= q.start < busy[i][1]:
            continue
        sentence = containing(sentence_spans, q.start)
        clause = containing(clauses(text, sentence), q.start)
        if _BASELINE.search(text, max(0, q.hedge_start - 12), q.hedge_start):
            continue
        whole = next((t for t in quantities if totals.get(t.start) is q), None)
        found = _classify(text, q, clause, sentence, whole.end if whole else q.end)
        if found is None and claims and claims[-1].quote_start == sentence[0] and _INCLUDING.search(
            text, max(sentence[0], q.hedge_start - 14), q.hedge_start
        ):  # 'about 1 million are still inside Mosul, including an estimated 600,000 in the east'
            found = (claims[-1].metric, claims[-1].unit, claims[-1].subject, q.end)
        if found is None:
            continue
        metric, unit, subject, end = found
        k = sentence_spans.index(sentence)
        previous = sentence_spans[k - 1] if k else None
        if unit != "people":
            subject = _holder(text, q, clause, sentence, previous)
            if unit == "percent" and subject is None and not _OF.match(text, q.end) and not any(
                sentence[0] <= p.start < sentence[1] for p in places
            ):
                continue  # 'Central bank holds rates at 4 percent': no one holds a share of no place
        continues = previous if _PART_OF_EARLIER.match(text, q.end) else None
        dating = dates.dating_for(text, expressions, sentence, clause, (q.start, q.end), doc.published_on, continues)
        kind = count_kind(text, clause, sentence, metric, dating, starts, doc.published_on)
        claims.append(ClaimMention(
            quote=text[sentence[0]:sentence[1]], quote_start=sentence[0], char_start=q.start, char_end=q.end,
            metric=metric, value=q.value, value_low=q.low, value_high=q.high, qualifier=q.qualifier, unit=unit,
            location=locate(text, places, main, end, clause, sentence), subject=subject,
            period_start=kind.period_start, as_of=kind.as_of, date_precision=kind.precision,
            attributed_to=attribution(text, sentence, q.start, previous),
            modality=modality(text, clause[0], q.hedge_start, sentence[1]), count_kind=kind.count_kind,
        ))
    return claims
