"""One regex for a long list of lexicon phrases, shaped as a trie.

Python's `re` tries the alternatives of 'a|b|c|...' one after the other at every position of the
text, so a 500-name gazetteer as a flat alternation costs 500 attempts per character. Factored
into a trie ('veto(?:e(?:d|s))?') it costs one attempt per character of the longest prefix present.
Longer phrases still win over their prefixes (the optional suffix is greedy), as with the
longest-first alternation this replaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# The atoms of an escaped phrase: a wildcard word ending, flexible whitespace, an escape, a character.
_ATOM = re.compile(r"\\w\*|\\s\+|\\.|.", re.S)
_END = ""


def trie_alternation(patterns: Iterable[str]) -> str:
    """A regex (no anchors, no groups) matching exactly what '|'.join(patterns) matches, with the
    longest match first. Each pattern is an escaped phrase: literal text, '\\w*' and '\\s+' only."""
    root: dict = {}
    for pattern in patterns:
        node = root
        for atom in _ATOM.findall(pattern):
            node = node.setdefault(atom, {})
        node[_END] = {}
    return _emit(root) if root else "(?!)"  # no phrase: a regex that never matches


def _emit(node: dict) -> str:
    # literal atoms before wildcards: both may match, and the literal continuation is the longer phrase
    children = sorted((kv for kv in node.items() if kv[0] != _END), key=lambda kv: (kv[0].startswith("\\w"), kv[0]))
    branches = [atom + _emit(child) for atom, child in children]
    if not branches:
        return ""
    if _END in node:
        return f"(?:{'|'.join(branches)})?"
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
