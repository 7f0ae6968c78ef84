"""Typed events (veto, capture, talks, ceasefire moves ...) found in a document.

Triggers come from event_triggers.csv, tried row by row in each sentence: a row's trigger counts
when one of its `requires` words follows it in the clause and none of its `excludes` words comes
right after it; a trigger overlapping an earlier one is dropped, and a sentence yields at most
one event per type. Actors (actors.csv) are the group of actors named just before the trigger in
its clause ("Russia and China vetoed"), else in its sentence; the target is the first actor named
after the trigger in its clause. Location, modality and date as for claims: a threat or demand
("will be destroyed", "want a truce") keeps its modality and is not asserted; an event that is not
an act of speech is kept only when asserted (a capture 'if the district is retaken' did not happen).
A bare quote closed by 'he said' that continues a named person's act of speech is a further statement
of theirs (etl.speakers).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from etl import dates, lexicon
from etl.actors import Mention, actor_index, phrase_pattern
from etl.gazetteer import PlaceMention, document_places, locate
from etl.inflect import past_forms, verb_forms
from etl.modality import modality
from etl.model import CleanDocument, Dating, EventMention, TimeExpression
from etl.sentences import Span, clauses, containing, sentences
from etl.speakers import continued_statements
from etl.vocabularies import VocabularyError, event_types, require

_WORD = re.compile(r"\w+")
_CLOSING_QUOTES = ('"', "\u201d")
# 'a resolution calling for a truce', 'a plan providing for the capture of ...': a text described, not an act
_DOCUMENT_BEFORE = re.compile(
    r"\b(?:resolution|plan|proposal|draft|text|motion|deal|initiative|bill|ultimatum)\s*,?\s*$", re.I
)
# 'have retaken most of Aleppo', 'has cleared five districts': a state reached, not a dated event,
# unless the clause dates it ('had stormed the hospital on Tuesday')
_PERFECT_BEFORE = re.compile(
    r"\b(?:has|have|had|'ve)\s+(?:(?:now|since|already|so\s+far|also|just|largely|mostly|effectively)\s+){0,2}$", re.I
)
# 'the TPLF said its forces had withdrawn', 'rebels say they have taken Malakal': a reported perfect is news
_REPORTED_BEFORE = re.compile(
    r"\b(?:say|says|said|announced|confirmed|reported|told\s+[\w.]+)\b(?:(?!\b(?:has|have|had)\b).){0,60}$", re.I | re.S
)
# 'districts recently retaken by Iraqi troops': a description of a place, not the news
_DESCRIBED_BEFORE = re.compile(r"\b(?:recently|newly|previously|once)\s+$", re.I)
_BY_AGENT = re.compile(r"\s+by\s+(?:the\s+)?", re.I)
# 'since the militants overran the city in June 2014': the start of a period, background to the news
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:[\w'-]+\s+){0,5}$", re.I)
# a speaker right before its verb: 'the UN said', 'Jaish al-Islam spokesman Islam Alloush said', 'the army had warned'
_SPEAKER_GAP = re.compile(r"(?:['’]s)?(?:\s+[\w.'’-]+){0,4}?\s+", re.I)
# ... but not across a pronoun or a conjunction ('the YPG, because they say', 'the PKK he said')
_NOT_IN_GAP = frozenset({"because", "they", "he", "she", "it", "we", "i", "you", "and", "but", "that", "which",
                         "who", "whom", "when", "as", "after", "before", "while", "if", "since", "where", "to",
                         "its", "their", "his", "her", "said", "says", "say", "told", "of"})
# 'had been killed', 'was shot': a passive without its 'by' agent names no doer before it (that is the victim)
_PASSIVE_BEFORE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|get|got)\s+(?:[\w-]+ly\s+|also\s+|then\s+|later\s+)?$", re.I)
# 'advancing columns', ', pushing into the districts', 'since breaking into': a participle of a verb row without
# 'is', 'was', 'has been' ... describes or continues another act; not an event of its own
_PROGRESSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|am|'s|'re)\s+(?:[\w-]+ly\s+|still\s+|now\s+)?$", re.I)
# actors that, written in lower case ('Rebels said', 'residents said'), are crowds, not a named speaker
_CROWDS = frozenset({"rebels", "civilians"})
# right after it: '..., said the army', 'said Syria's foreign ministry'
_SPEAKER_AFTER = re.compile(r"\s+(?:the\s+)?", re.I)
# a figure ('... killed 35 fighters', 'the toll rose to 12'): in what a speaker says, the speaker is its source,
# not the author of a statement of its own (event_verbs.csv, without_figure)
_FIGURE = re.compile(
    r"\b\d{1,3}(?:,\d{3})+\b|\b(?:\d+(?!\d|\s*(?:st|nd|rd|th)\b|\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*)"
    r"(?<!\b(?:19|20)\d\d)|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"twenty|thirty|forty|fifty)\s+(?:[\w-]+\s+){0,4}?(?:people|civilians|children|fighters|soldiers|militants|rebels|"
    r"troops|members|gunmen|killed|dead|died|wounded|injured|displaced|evacuated|deaths|casualties|bodies|refugees|"
    r"families|of\s+the|reinforcements|assailants|nationals|neighbourhoods|neighborhoods|districts|villages|settlements)\b"
    r"|%|\bper\s*cent\b|\b(?:death\s+)?toll\b", re.I)
# 'since mid-February', 'which began on Oct. 17': a span from a stated start; an event over it began then
_STARTED_BEFORE = re.compile(r"\b(?:since|began|begun|started|launched|beginning|starting)\s+(?:on\s+|in\s+)?$", re.I)
# 'a Russian demand', 'the call for': a verb's base form after a determiner is a noun, not an act; after 'to'
# ('forced to flee', 'agreed to withdraw') an infinitive, a purpose or plan, not an act reported; 'quoted as saying'
_NOUN_OR_INFINITIVE_BEFORE = re.compile(
    r"\b(?:(?:a|an|the|its|their|his|her|this|that|any|no|another)\s+(?:[\w-]+\s+)?|to\s+|as\s+)$", re.I)
# a statement's own date stands next to its verb ('said on Friday', 'in a Friday statement'); a date further
# off is what it speaks of ('the UN said it would probe ... a massacre last week')
_SPEECH_DATE_REACH = 25
# what a speaker says of its own act ('announced on Sunday that it had retaken ...'): that act, not a statement
_OWN_ACT_AFTER = re.compile(r"\s*(?:(?:on|late|early)\s+\w+\s+|\w+day\s+)?(?:that\s+)?(?:it|they|we|its|their)\b", re.I)
# '..., an army spokesman said.': a speaker closing the sentence is the source of what it reports
_TRAILING_ATTRIBUTION = 45
_ATTRIBUTION_BREAK = re.compile(r"[,\"\u201d]")
# 'the captured pilot', 'the liberated streets': a participle right after a determiner describes a noun
_PARTICIPLE = re.compile(r"\w+(?:ed|en)", re.I)
_ADJECTIVE_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her)\s+$", re.I)
_SHORT_SPAN_DAYS = 2
_REQUIRE_WINDOW = 80
_PRECISION_OF_VALUE = {10: "day", 7: "month", 4: "year"}  # by the length of a TIMEX3 value: 2014-09-16, 2019-12
_PLACE = "<place>"  # in a rule's requires: a gazetteer place right after the trigger counts
_BEFORE_PLACE = re.compile(r"\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,2}(?:town|city|village|district|port|region)\s+of\s+)?")
_EXCLUDE_WINDOW = 40
_JOINER = re.compile(r"\s*(?:,|and|&|,\s*and|and\s+(?:its\s+)?ally|along with|together with|with|"
                     r"backed by|and\s+(?:its\s+)?allies)?\s*(?:its\s+ally\s+|the\s+)?", re.I)


@dataclass(frozen=True)
class _Rule:
    event_type: str
    plover_code: str
    trigger: re.Pattern
    requires: re.Pattern | None
    excludes: re.Pattern | None
    needs_actor: bool
    needs_place: bool  # requires '<place>': a gazetteer place right after the trigger ('took Severodonetsk')
    speech_verb: bool  # a statement verb of event_verbs.csv: its speaker stands right before or after it
    close_actor: bool  # a verb of event_verbs.csv that needs an actor: its subject right before, or its 'by' agent
    needs_date: bool  # needs_date 'yes': its clause must date it ('said on Friday')
    without_figure: bool  # without_figure 'yes': not in a clause stating a figure ('8,000 people fled': a claim)
    bases: frozenset[str]  # base forms and gerunds of a verb row's lemmas: after 'a', 'the' ... nouns ('a demand'),
    # except attacks ('a raid', 'the clash' are attacks too)


def _words(cell: str) -> re.Pattern | None:
    phrases = [p for p in lexicon.split_list(cell) if p != _PLACE]
    return phrase_pattern(phrases) if phrases else None


def _forms(lemma: str, row: dict[str, str]) -> list[str]:
    """The forms of a verb row's lemma: all, or with past_only the past and participle ('said', 'denied')."""
    return past_forms(lemma) if row.get("past_only") == "yes" else verb_forms(lemma)


@cache
def _rows() -> tuple[tuple[dict[str, str], tuple[str, ...]], ...]:
    """(row, trigger phrases) of event_triggers.csv, then of event_verbs.csv with each lemma's forms."""
    phrases = [(_typed(where, row), tuple(lexicon.split_list(row["triggers"])))
               for where, row in lexicon.located("event_triggers.csv")]
    verbs = [(_typed(where, row), tuple(f for lemma in lexicon.split_list(row["lemmas"]) for f in _forms(lemma, row)))
             for where, row in lexicon.located("event_verbs.csv")]
    return tuple(phrases + verbs)


def _typed(where: str, row: dict[str, str]) -> dict[str, str]:
    """`row`, its event_type one of the vocabulary (etl/data/vocabularies/event_type.csv), whose PLOVER code
    it takes; a plover_code cell, when filled, must agree with it."""
    plover = event_types()[require(where, "event_type", row["event_type"])].plover_code
    if row.get("plover_code") and row["plover_code"] != plover:
        raise VocabularyError(f"{where}: plover_code {row['plover_code']!r} is not event type "
                              f"{row['event_type']!r}'s {plover!r} (etl/data/vocabularies/event_type.csv)")
    return {**row, "plover_code": plover}


def _speech_act(event_type: str) -> bool:
    """An act of speech (event_type.csv): its modality cues ('called for', 'would not agree', 'will reject') are
    the act itself. Every other type happened only when asserted: 'if the district is retaken', 'talk of them
    withdrawing', 'before it accepts a truce' are not events."""
    return event_types()[event_type].speech_act


def _bases(row: dict[str, str]) -> frozenset[str]:
    """The base form and gerund of each lemma of a verb row ('demand', 'demanding'), which can be nouns."""
    return frozenset(f for lemma in lexicon.split_list(row.get("lemmas", "")) for f in verb_forms(lemma)[::-1][:1]
                     + [lemma.lower()])


@cache
def _rules() -> tuple[_Rule, ...]:
    return tuple(_Rule(r["event_type"], r["plover_code"], phrase_pattern(list(phrases)),
                       _words(r.get("requires", "")), _words(r.get("excludes", "")), r.get("needs_actor") == "yes",
                       _PLACE in lexicon.split_list(r.get("requires", "")),
                       "lemmas" in r and r["event_type"] == "statement",
                       "lemmas" in r and r.get("needs_actor") == "yes", r.get("needs_date") == "yes",
                       r.get("without_figure") == "yes",
                       _bases(r))
                 for r, phrases in _rows())


@cache
def _trigger_anchors() -> tuple[dict[str, frozenset[int]], tuple[tuple[str, int], ...]]:
    """Which rules (by index in _rules) each trigger's first word, lowercased, may start: whole words, and
    the prefixes of 'shell*' forms. A rule can only match where one of its first words stands, so a
    sentence is scanned with the rules its words may start, most sentences with none."""
    words: dict[str, set[int]] = {}
    prefixes: set[tuple[str, int]] = set()
    for index_, (_, phrases) in enumerate(_rows()):
        for phrase in phrases:
            first = _WORD.match(phrase.lower())
            if first and phrase[first.end():first.end() + 1] == "*":
                prefixes.add((first.group(), index_))
            elif first:
                words.setdefault(first.group(), set()).add(index_)
    return {w: frozenset(r) for w, r in words.items()}, tuple(sorted(prefixes))


def _candidate_rules(text: str) -> tuple[list[int], list[frozenset[int]]]:
    """Positions of the words that may start a trigger, in order, and the rules each may start."""
    words, prefixes = _trigger_anchors()
    starts = tuple(prefix for prefix, _ in prefixes)
    positions, rules = [], []
    for m in _WORD.finditer(text):
        token = m.group().lower()
        found = words.get(token)
        if token.startswith(starts):
            found = (found or frozenset()) | {r for prefix, r in prefixes if token.startswith(prefix)}
        if found:
            positions.append(m.start())
            rules.append(found)
    return positions, rules


def _place_follows(text: str, end: int, places: Sequence[PlaceMention]) -> bool:
    """A gazetteer place right after a trigger ('took Severodonetsk', 'taken the town of Malakal')."""
    return any(end <= p.start <= end + 40 and _BEFORE_PLACE.fullmatch(text, end, p.start) for p in places)


def _triggers(text: str, sentence: Span, candidates: frozenset[int],
              places: Sequence[PlaceMention]) -> list[tuple[_Rule, re.Match, Span]]:
    """(rule, trigger match, clause) of each accepted trigger in a sentence, trying the candidate rules in
    lexicon order."""
    spans = clauses(text, sentence)
    taken: list[tuple[_Rule, re.Match, Span]] = []
    for index_, rule in enumerate(_rules()):
        if index_ not in candidates:
            continue
        for m in rule.trigger.finditer(text, *sentence):
            if text[m.start() - 1:m.start()] == "-":  # "UN-brokered truce", "rebel-held": an adjective
                continue
            if _DOCUMENT_BEFORE.search(text, max(sentence[0], m.start() - 20), m.start()):
                continue
            if _PARTICIPLE.fullmatch(m.group()) and _ADJECTIVE_BEFORE.search(text, max(sentence[0], m.start() - 8),
                                                                            m.start()):
                continue
            if m.group().lower() in rule.bases and rule.event_type != "attack" and _NOUN_OR_INFINITIVE_BEFORE.search(
                    text, max(sentence[0], m.start() - 30), m.start()):
                continue
            if rule.bases and m.group().lower().split()[0].endswith("ing") and not _PROGRESSIVE_BEFORE.search(
                    text, max(sentence[0], m.start() - 30), m.start()):
                continue
            clause = containing(spans, m.end() - 1)  # a trigger across a comma: the clause of its verb
            if rule.without_figure and _FIGURE.search(text, *sentence):
                continue
            window = min(clause[1], m.end() + _REQUIRE_WINDOW)
            if (rule.requires or rule.needs_place) and not (
                (rule.requires and rule.requires.search(text, m.end(), window))
                or (rule.needs_place and _place_follows(text, m.end(), places))
                or (rule.requires and (_PASSIVE_BEFORE.search(text, max(clause[0], m.start() - 25), m.start())
                                       or _BY_AGENT.match(text, m.end()))
                    and rule.requires.search(text, clause[0], m.start()))  # the object of a passive comes first
            ):
                continue
            if rule.excludes and rule.excludes.search(text, m.end(), min(sentence[1], m.end() + _EXCLUDE_WINDOW)):
                continue
            if any(t[1].start() < m.end() and m.start() < t[1].end() for t in taken):
                continue
            if any(t[0].event_type == rule.event_type and t[2] == clause for t in taken):
                continue
            taken.append((rule, m, clause))
    return sorted(taken, key=lambda t: t[1].start())


def _coordinated(text: str, mentions: list[Mention]) -> tuple[str, ...]:
    """Names of the run of mentions joined by 'and', ',', 'backed by' ... starting at mentions[0] and
    moving away from the trigger (mentions in that order), in text order."""
    run = [mentions[0]]
    for mention in mentions[1:]:
        first, second = sorted((run[-1], mention), key=lambda m: m.start)
        if not _JOINER.fullmatch(text, first.end, second.start):
            break
        run.append(mention)
    return tuple(dict.fromkeys(m.name for m in sorted(run, key=lambda m: m.start)))


def _actors(text: str, trigger: re.Match, clause: Span, sentence: Span) -> tuple[str, ...]:
    """The agent of a passive trigger ('retaken by Iraqi troops'), else the coordinated group of actors
    named last before the trigger ('Russia and China'), else an agent later in the clause."""
    actors = actor_index()
    after = actors.find(text, trigger.end(), clause[1])
    if after and after[0].start <= trigger.end() + 40 and _BY_AGENT.fullmatch(text, trigger.end(), after[0].start):
        return _coordinated(text, after)
    for start in (clause[0], sentence[0]):
        before = actors.find(text, start, trigger.start())
        if before:
            return _coordinated(text, before[::-1])
    by = [m for m in after if re.search(r"\bby\s+(?:the\s+)?$", text[max(0, m.start - 12):m.start])]
    return (by[0].name,) if by else ()


def _target(text: str, trigger: re.Match, clause: Span, actors: tuple[str, ...]) -> str | None:
    after = [m for m in actor_index().find(text, trigger.end(), clause[1]) if m.name not in actors]
    return after[0].name if after else None


def _since_start(text: str, trigger: re.Match, clause: Span, expressions: Sequence[TimeExpression]) -> Dating | None:
    """The date of an event a 'since' period starts from, when its clause gives it ('since the militants
    launched their offensive on Sept. 16'): an event of its own, dated at the period's start; likewise an
    event a since-adverbial opens ('Since late last week the rebels have taken over the crossing')."""
    since = _SINCE_BEFORE.search(text, max(clause[0], trigger.start() - 60), trigger.start())
    if not since:
        return None
    adverbial = (e for e in expressions if since.start() < e.start <= since.start() + 7 and e.end <= trigger.start())
    after = (e for e in expressions if trigger.end() <= e.start < clause[1] and e.is_period)
    start = next((e for e in (*adverbial, *after) if e.range_start), None)
    if start is None or start.range_start is None:
        return None
    return Dating(start.range_start, None, _PRECISION_OF_VALUE.get(len(start.value), "day"), "text")


def _background(text: str, trigger: re.Match, clause: Span, expressions: Sequence[TimeExpression],
                since: Dating | None) -> bool:
    """A state reached without a date in its clause ('have retaken most of Aleppo', not a speaker's
    'said its forces had withdrawn'), an undated event a 'since' period starts from ('since the
    militants overran the city'; `since`: the dating _since_start found), or a description ('districts
    recently retaken by Iraqi troops')."""
    left = max(clause[0], trigger.start() - 60)
    if _SINCE_BEFORE.search(text, left, trigger.start()):
        return since is None
    if _DESCRIBED_BEFORE.search(text, left, trigger.start()):
        return True
    perfect = _PERFECT_BEFORE.search(text, left, trigger.start())
    if not perfect:
        return False
    reported = _REPORTED_BEFORE.search(text, max(clause[0], perfect.start() - 80), perfect.start())
    if reported:
        return False
    return not any(clause[0] <= e.start < clause[1] and not e.is_period and e.range_start for e in expressions)


def _speaker_start(text: str, clause_start: int, trigger: int, event_type: str) -> int:
    """Where the modality cues of an event's own clause start: for an act of speech, after the words it
    quotes ('"Syria will not leave ...", said a statement': the statement was made, whatever the quote says)."""
    if not _speech_act(event_type):
        return clause_start
    closing = max(text.rfind(q, clause_start, trigger) for q in _CLOSING_QUOTES)
    return closing + 1 if closing >= 0 else clause_start


def _named(text: str, mention: Mention) -> bool:
    """An actor named as a party, not a crowd: 'Jaish al-Islam' or 'the army', not '(R)ebels' or 'residents'."""
    return mention.name not in _CROWDS or any(c.isupper() for c in text[mention.start + 1:mention.end])


def _subject(text: str, trigger: re.Match, clause: Span, speech: bool) -> tuple[str, ...]:
    """Who does a verb, read from its place in the clause: a passive's agent ('was shot down by Jaish al-Islam'),
    else the coordinated group of actors ending right before it ('Russia and the Syrian government blamed',
    'the army had warned'), else, for a speech verb, the actor right after it ('..., said the army'). A speaker
    must be named (_named); no doer is a crowd of civilians."""
    keep = (lambda m: _named(text, m)) if speech else (lambda m: m.name not in _CROWDS or m.name == "rebels")
    after = actor_index().find(text, trigger.end(), min(clause[1], trigger.end() + 40))
    if after and _BY_AGENT.fullmatch(text, trigger.end(), after[0].start):
        return _coordinated(text, after) if keep(after[0]) else ()
    if not speech and _PASSIVE_BEFORE.search(text, max(clause[0], trigger.start() - 25), trigger.start()):
        return ()
    before = actor_index().find(text, clause[0], trigger.start())
    gap = _SPEAKER_GAP.fullmatch(text, before[-1].end, trigger.start()) if before else None
    if gap and not _NOT_IN_GAP & set(_WORD.findall(gap.group().lower())):
        return _coordinated(text, before[::-1]) if keep(before[-1]) else ()
    if speech and after and _SPEAKER_AFTER.fullmatch(text, trigger.end(), after[0].start) and keep(after[0]):
        return (after[0].name,)
    return ()


def _event_dating(text: str, expressions: Sequence[TimeExpression], sentence: Span, clause: Span,
                  trigger: re.Match, published_on: date | None, speech: bool) -> Dating:
    """An event's date from its own clause (etl.dates.dating_for), read as when it happened: a span from a
    stated start in its clause ('under bombardment since mid-February', 'the offensive, which began on Oct. 17')
    is the day it began, unless the clause counts what happened since ('liberated 300 villages since September
    27': a running total, as of its report); another span ('over the past week') its middle, at the precision
    its length allows, but a span of a day or two ('overnight') its end; a month or a year its middle. A span of
    another clause, and any span of an act of speech (`speech`), date the event at its end, the day it was
    reported on."""
    dating = dates.dating_for(text, expressions, sentence, clause, trigger.span(), published_on)
    if dating.as_of is None:
        return dating
    if dating.period_start is None:
        return _middle_of_unit(dating)
    span = next((e for e in expressions if clause[0] <= e.start < clause[1] and e.is_period
                 and e.range_start == dating.period_start), None)
    if span is None or speech:  # another clause's span, or a statement made at its end ('said on Friday')
        return Dating(dating.as_of, None, dating.precision, dating.basis)
    if (_STARTED_BEFORE.search(text, max(clause[0], span.start - 20), span.start)
            and not _FIGURE.search(text, clause[0], span.end)):
        return Dating(dating.period_start, None, _PRECISION_OF_VALUE.get(len(span.value), "day"), "text")
    days = (dating.as_of - dating.period_start).days
    if days <= _SHORT_SPAN_DAYS:  # 'overnight', 'in the past 24 hours': the day it is reported on
        return Dating(dating.as_of, None, "day", dating.basis)
    precision = "week" if days <= 10 else "month" if days <= 45 else "year"
    return Dating(dating.period_start + timedelta(days=days // 2), None, precision, "text")


def _middle_of_unit(dating: Dating) -> Dating:
    """A month or year stated as when an event happened ('in November', 'last year') at its middle, as a week
    or part of a month already is: the day nearest to any day in it."""
    day = dating.as_of
    if day is not None and dating.precision == "month" and day.day == 1:
        return Dating(day.replace(day=15), None, "month", dating.basis)
    if day is not None and dating.precision == "year" and (day.month, day.day) == (1, 1):
        return Dating(day.replace(month=7, day=2), None, "year", dating.basis)
    return dating


def _one_per_occasion(events: list[EventMention], own_acts: set[int], tolls: set[int]) -> list[EventMention]:
    """One statement per speaker per day in a document, and none by a speaker who tells of its own act or only
    attributes what the sentence reports ('the army announced it had retaken five villages' is the capture;
    'Troops took the mosque, an army spokesman said' too; `own_acts`: the indexes of such statements). An
    attack named only as the cause of a toll ('air strikes on Tuesday killed 39 people'; `tolls`: their indexes)
    is the attack the document tells of elsewhere that day, if it does."""
    told = {e.event_date for i, e in enumerate(events) if e.event_type == "attack" and i not in tolls}
    seen: set[tuple[tuple[str, ...], date | None]] = set()
    kept = []
    for i, event in enumerate(events):
        if i in tolls and event.event_date in told:
            continue
        if event.event_type == "statement":
            if i in own_acts and any(other.quote_start == event.quote_start and other.event_type != "statement"
                                     for other in events):
                continue
            if (event.actors, event.event_date) in seen:
                continue
            seen.add((event.actors, event.event_date))
        kept.append(event)
    return kept


def extract_events(doc: CleanDocument) -> list[EventMention]:
    """Every typed event stated in doc.body_text, with actors, place, date and modality."""
    text = doc.body_text
    expressions = dates.document_expressions(text, doc.published_on)
    places, main = document_places(text)
    events: list[EventMention] = []
    own_acts: set[int] = set()
    tolls: set[int] = set()
    positions, rules = _candidate_rules(text)
    spans = sentences(text)
    for sentence in spans:
        candidates = frozenset().union(*rules[bisect_left(positions, sentence[0]):bisect_left(positions, sentence[1])])
        if not candidates:
            continue
        for rule, m, clause in _triggers(text, sentence, candidates, places):
            mood = modality(text, _speaker_start(text, clause[0], m.start(), rule.event_type), m.start())
            since = _since_start(text, m, clause, expressions)
            happened = mood == "asserted" and not _background(text, m, clause, expressions, since)
            if not _speech_act(rule.event_type) and not happened:
                continue
            actors = (_subject(text, m, clause, rule.speech_verb) if rule.close_actor
                      else _actors(text, m, clause, sentence))
            if rule.needs_actor and not actors:
                continue
            if rule.needs_date and not any(clause[0] <= e.start < clause[1] and e.range_start and not e.is_period
                                           for e in expressions):
                continue
            if rule.speech_verb and (_OWN_ACT_AFTER.match(text, m.end()) or (
                    sentence[1] - m.end() <= _TRAILING_ATTRIBUTION
                    and _ATTRIBUTION_BREAK.search(text, max(sentence[0], m.start() - 60), m.start()))):
                own_acts.add(len(events))
            if rule.event_type == "attack" and _FIGURE.search(text, *clause):
                tolls.add(len(events))
            dating = since or _event_dating(text, expressions, sentence, clause, m, doc.published_on,
                                            _speech_act(rule.event_type))
            if rule.event_type == "statement" and doc.published_on and not any(
                    m.start() - _SPEECH_DATE_REACH <= e.end and e.start <= m.end() + _SPEECH_DATE_REACH
                    for e in expressions):
                dating = Dating(doc.published_on, None, "day", "published")
            events.append(EventMention(
                quote=text[sentence[0]:sentence[1]], quote_start=sentence[0], char_start=m.start(), char_end=m.end(),
                event_type=rule.event_type, plover_code=rule.plover_code, actors=actors,
                target=_target(text, m, clause, actors), location=locate(text, places, main, m.end(), clause, sentence),
                event_date=dating.as_of, date_precision=dating.precision,
                modality=mood,
            ))
    events = _one_per_occasion(events, own_acts, tolls)
    return events + continued_statements(text, spans, [e for e in events if _speech_act(e.event_type)])
