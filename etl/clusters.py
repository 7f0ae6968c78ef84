"""Connected components over an edge list: the merge step of every deduplication."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain

import polars as pl


def components(nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Map each node to its component's smallest node (deterministic whatever the edge order)."""
    parent = {n: n for n in nodes}

    def find(x: str) -> str:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {n: find(n) for n in parent}


def signature_components(signatures: pl.DataFrame, pairs: pl.DataFrame) -> dict[str, str]:
    """Components of mentions (signatures: mention_id, rep) joined to their signature's representative and
    through representative pairs (pairs: rep_a, rep_b): how claim and event dedup merge."""
    return components(signatures["mention_id"], chain(
        zip(signatures["mention_id"], signatures["rep"], strict=True),
        zip(pairs["rep_a"], pairs["rep_b"], strict=True)))
