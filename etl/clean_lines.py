"""Walk a page's lines and sort each into article body, typed evidence block, or removed furniture.

Rules come in a fixed order: title repeats, the boilerplate lexicon, verbatim repeats,
"Read more" headline lists, evidence (tweets, datelines, bylines, captions, pull-quotes), the
title guess, and finally body text. Every non-blank line ends in exactly one of body, blocks,
removed (or is the title), so the quality report accounts for the whole page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from etl.clean_evidence import (
    is_byline,
    is_caption,
    is_dateline,
    is_pullquote_attribution,
    is_tweet,
    wire_dateline,
)
from etl.clean_rules import RELATED_MARKER, boilerplate_reason, norm_key, strip_bullets
from etl.metadata_publishers import canonical_publisher
from etl.model import Block, RemovedLine

_INLINE_RELATED_RE = re.compile(
    r"(?:read more|related(?:\s+(?:coverage|stories|articles|news|content|reading|links?))?|see also|also read"
    r"|read also|watch|more(?:\s+(?:on this story|on this|stories|news|coverage|from \w+(?:\s\w+)?))?)\s*[:|]\s*\S",
    re.I,
)
_NAV_SPLIT_RE = re.compile(r"\s*[|·•]\s*|\s{2,}")
MAX_NAV_ITEM_WORDS = 4
MAX_TITLE_WORDS = 30
MAX_HEADLINE_WORDS = 30


@dataclass
class Layout:
    """The sorted page: body paragraphs in order, evidence blocks, removed lines, a title if found."""

    body: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    removed: list[RemovedLine] = field(default_factory=list)
    title: str | None = None


def _is_nav_bar(text: str) -> bool:
    """A menu or footer bar: three or more short items split by '|', '·' or runs of spaces."""
    items = [item for item in _NAV_SPLIT_RE.split(text) if item]
    return len(items) >= 3 and all(len(item.split()) <= MAX_NAV_ITEM_WORDS for item in items)


def _is_headline(text: str) -> bool:
    """A short line that reads like a headline in a list, not a sentence of an article."""
    return len(text.split()) <= MAX_HEADLINE_WORDS and not text.endswith((".", "!", ":", ";", ","))


def _looks_like_title(text: str) -> bool:
    return 2 <= len(text.split()) <= MAX_TITLE_WORDS and not text.endswith((".", ":", ";", ","))


def evidence_kind(text: str) -> str | None:
    """The Block kind of a line that is evidence rather than article text, else None."""
    if is_tweet(text):
        return "tweet"
    if is_dateline(text):
        return "dateline"
    if is_byline(text) or canonical_publisher(text):
        return "byline"
    if is_caption(text):
        return "caption"
    return None


class _Walker:
    """Stateful single pass over the lines (state: title, seen lines, inside a 'Read more' list)."""

    def __init__(self, title: str | None) -> None:
        self.layout = Layout(title=title)
        self.title_known = title is not None
        self.seen: set[str] = set()
        self.in_related = False
        self.last = ""  # what the previous line became: body, a block kind, or ''

    def drop(self, line: str, reason: str) -> None:
        self.layout.removed.append(RemovedLine(line, reason))

    def block(self, kind: str, text: str) -> None:
        blocks = self.layout.blocks
        if kind == "tweet" and self.last == "tweet":
            blocks[-1] = Block("tweet", f"{blocks[-1].text}\n{text}")
        else:
            blocks.append(Block(kind, text))
        self.last = kind

    def keep_meta_items(self, bar: str) -> None:
        """Keep the dateline and byline items of a bar ('By Jane Doe | March 4th, 2018 | Middle East')."""
        for item in _NAV_SPLIT_RE.split(bar):
            kind = evidence_kind(item.strip()) if item.strip() else None
            if kind in ("dateline", "byline"):
                self.block(kind, item.strip())

    def feed(self, raw: str) -> None:
        text = strip_bullets(raw)
        if not text:
            return
        key = norm_key(text)
        if self.layout.title and key == norm_key(self.layout.title):
            return self.drop(text, "title_repeat")
        reason = boilerplate_reason(text)
        if reason:
            self.in_related = self.in_related or reason == RELATED_MARKER
            return self.drop(text, reason)
        if _is_nav_bar(text):
            self.keep_meta_items(text)
            return self.drop(text, "navigation")
        if key in self.seen:
            return self.drop(text, "repeated_line")
        self.seen.add(key)
        if self.in_related and _is_headline(text):
            return self.block("related", text)
        self.in_related = False
        self.place(text)

    def place(self, text: str) -> None:
        kind = "related" if _INLINE_RELATED_RE.match(text) else evidence_kind(text)
        if kind:
            return self.block(kind, text)
        if is_pullquote_attribution(text) and self.last == "body":
            return self.block("pullquote", f"{self.layout.body.pop()}\n{text}")
        if not self.title_known and not self.layout.body and _looks_like_title(text):
            self.layout.title, self.title_known = text, True
            return self.drop(text, "title")
        wire = wire_dateline(text)
        if wire:
            self.layout.blocks.append(Block("dateline", wire.group("dateline")))
        self.layout.body.append(text)
        self.last = "body"


def sort_lines(lines: Iterable[str], title: str | None = None) -> Layout:
    """Sort `lines` into body, evidence blocks and removed furniture; `title` if already known."""
    walker = _Walker(title)
    for line in lines:
        walker.feed(line)
    return walker.layout
