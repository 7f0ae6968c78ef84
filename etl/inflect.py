"""English verb forms from a lemma, so event lexicons list 'shell' once and match 'shells', 'shelled',
'shelling' (and 'flee': 'flees', 'fled', 'fleeing').

Regular forms follow the spelling rules (-s/-es/-ies, -ed/-d/-ied, -ing with a dropped 'e', a doubled
final consonant after one short vowel: 'stop' -> 'stopped'); irregular past and participle forms come
from irregular_verbs.csv. A phrasal lemma inflects its first word ('break into' -> 'broke into').
"""

from __future__ import annotations

import re
from functools import cache

from etl import lexicon

_VOWELS = "aeiou"
_SIBILANT = re.compile(r"(?:s|sh|ch|x|z|o)$")
# one syllable ending consonant-vowel-consonant ('stop', 'ban', 'plan'), or a stressed last syllable of those
# kinds ('expel', 'admit', 'overrun', 'begin'): the consonant doubles
_DOUBLING = re.compile(r"^[^aeiou]*[aeiou][bdgklmnprt]$|(?:pel|mit|run|cur|gin)$")


@cache
def _irregular() -> dict[str, tuple[str, ...]]:
    return {row["lemma"]: tuple(lexicon.split_list(f"{row['past']}|{row['participle']}"))
            for row in lexicon.load("irregular_verbs.csv")}


def _third_person(verb: str) -> str:
    if verb.endswith("y") and verb[-2:-1] not in _VOWELS:
        return verb[:-1] + "ies"
    return verb + ("es" if _SIBILANT.search(verb) else "s")


def _stem(verb: str) -> str:
    """The form before -ed/-ing: a doubled final consonant after one short vowel ('stop' -> 'stopp')."""
    return verb + verb[-1] if _DOUBLING.search(verb) else verb


def _past(verb: str) -> str:
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2:-1] not in _VOWELS:
        return verb[:-1] + "ied"
    return _stem(verb) + "ed"


def _gerund(verb: str) -> str:
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    return _stem(verb) + "ing"


def _phrasal(lemma: str) -> tuple[str, str]:
    head, _, rest = lemma.strip().lower().partition(" ")
    return head, rest


def past_forms(lemma: str) -> list[str]:
    """The past and participle of a verb lemma ('say' -> said; 'shoot down' -> shot down)."""
    head, rest = _phrasal(lemma)
    return [f"{form} {rest}".strip() for form in dict.fromkeys(_irregular().get(head) or (_past(head),))]


def verb_forms(lemma: str) -> list[str]:
    """Every form of a verb lemma, phrasal or not: base, third person, past, participle, gerund."""
    head, rest = _phrasal(lemma)
    forms = dict.fromkeys([head, _third_person(head), *past_forms(head), _gerund(head)])
    return [f"{form} {rest}".strip() for form in forms]
