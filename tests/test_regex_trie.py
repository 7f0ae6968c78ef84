"""The trie-shaped alternation matches exactly what the longest-first flat alternation matched."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from etl.regex_trie import trie_alternation

WORDS = st.text(alphabet="ab -.'", min_size=1, max_size=6).filter(lambda w: w.strip())


def flat(phrases: list[str]) -> re.Pattern:
    alternation = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?!\w)")


def trie(phrases: list[str]) -> re.Pattern:
    return re.compile(rf"(?<![\w-]){trie_alternation(re.escape(p) for p in phrases)}(?!\w)")


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=12), st.text(alphabet="ab -.'x", max_size=60))
def test_same_matches_as_the_flat_alternation(phrases, text):
    expected = [(m.start(), m.group()) for m in flat(phrases).finditer(text)]
    assert [(m.start(), m.group()) for m in trie(phrases).finditer(text)] == expected


def test_longer_phrases_win_and_wildcards_still_match():
    phrases = ["veto", "vetoed", r"blocked\s+a\s+resolution", r"shell\w*"]
    pattern = re.compile(r"\b" + trie_alternation(phrases) + r"\b")
    text = "Russia vetoed it; the veto blocked  a resolution while shelling went on"
    assert [m.group() for m in pattern.finditer(text)] == ["vetoed", "veto", "blocked  a resolution", "shelling"]


def test_no_phrase_never_matches():
    assert re.search(trie_alternation([]), "anything") is None
