"""Reduce an HTML page to text lines of its main article, plus metadata and evidence blocks.

Parsing is selectolax (Lexbor, a real HTML5 parser). Block elements are wrapped in a private-use
marker so one text() call yields every paragraph as a line, in linear time. Page chrome
(nav, header, footer, aside, form) is dropped and reported; the main article is the element
holding most paragraph text (paragraph density); captions (<figcaption>) and embedded tweets
become blocks. The lines then go through the same sorter as plain text.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from etl.clean_lines import evidence_kind
from etl.decode import drop_invisible
from etl.metadata import PageMeta
from etl.model import Block, RemovedLine

MARK = "\ue000"
INVISIBLE = ["script", "style", "noscript", "template", "svg", "iframe", "object", "canvas", "head"]
BLOCK_SELECTOR = (
    "p, h1, h2, h3, h4, h5, h6, li, ul, ol, dl, dt, dd, blockquote, pre, figure, figcaption, div, section,"
    " article, main, header, footer, nav, aside, form, table, tr, td, th, br, hr, address, time"
)
CHROME = ("nav", "aside", "form", "button", "select", "dialog", "menu")
LANDMARK_CHROME = ("header", "footer")
ROLE_CHROME = '[role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"]'
TWEETS = 'blockquote.twitter-tweet, blockquote[class*="tweet"]'
CAPTIONS = 'figcaption, [class*="caption"]'
MAX_CAPTION = 400
_SPACE_RE = re.compile(r"\s+")
# Lexbor's parse time grows with nesting depth times elements (200,000 nested divs: minutes), so elements nested
# deeper than MAX_DEPTH lose their tags (their text stays) before parsing. Real pages nest well under 100 deep.
MAX_DEPTH = 256
_TAG_RE = re.compile(r"<(?:(script|style)\b.*?</\1\s*>|(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>)", re.I | re.S)
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
_IMPLIED_END = {"p", "li", "dt", "dd", "tr", "td", "th", "option"}  # closed by their next sibling: not nesting
_META_TITLE = ('meta[property="og:title"]', 'meta[name="twitter:title"]')
_META_SITE = ('meta[property="og:site_name"]', 'meta[name="application-name"]', 'meta[name="publisher"]')
_META_DATE = (
    'meta[property="article:published_time"]',
    'meta[property="og:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[name="pubdate"]',
    'meta[name="publishdate"]',
    'meta[name="date"]',
    'meta[name="dc.date.issued"]',
    'meta[name="DC.date.issued"]',
    'meta[name="parsely-pub-date"]',
    'meta[name="sailthru.date"]',
    'meta[property="article:modified_time"]',
)


@dataclass
class HtmlPage:
    """What the HTML stage hands to the line sorter."""

    lines: list[str]
    meta: PageMeta
    blocks: list[Block] = field(default_factory=list)
    removed: list[RemovedLine] = field(default_factory=list)


def _lines(node: LexborNode) -> list[str]:
    """The node's text, one line per block element, whitespace collapsed."""
    parts = (_SPACE_RE.sub(" ", part).strip() for part in drop_invisible(node.text(separator="")).split(MARK))
    return [part for part in parts if part]


def _meta_content(tree: LexborHTMLParser, selectors: tuple[str, ...]) -> str | None:
    for selector in selectors:
        node = tree.css_first(selector)
        value = node.attributes.get("content") if node else None
        if value and value.strip():
            return value.strip()
    return None


def _json_ld_objects(tree: LexborHTMLParser) -> Iterator[dict]:
    """Every JSON object in the page's JSON-LD scripts, @graph members included; bad JSON is skipped."""
    for script in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(script.text())
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                stack.extend(v for k, v in item.items() if k == "@graph")
                yield item


def _json_ld(tree: LexborHTMLParser) -> dict[str, str]:
    found: dict[str, str] = {}
    for item in _json_ld_objects(tree):
        publisher = item.get("publisher")
        values = {
            "published": item.get("datePublished"),
            "title": item.get("headline"),
            "publisher": publisher.get("name") if isinstance(publisher, dict) else None,
        }
        for key, value in values.items():
            if isinstance(value, str) and value.strip():
                found.setdefault(key, value.strip())
    return found


def _html_title(tree: LexborHTMLParser, site: str | None) -> str | None:
    """og:title, else the first <h1>, else <title> without its ' | Site' suffix."""
    title = _meta_content(tree, _META_TITLE)
    if title:
        return title
    h1 = tree.css_first("h1")
    if h1 and h1.text(strip=True):
        return _SPACE_RE.sub(" ", h1.text()).strip()
    node = tree.css_first("title")
    text = _SPACE_RE.sub(" ", node.text()).strip() if node else ""
    parts = re.split(r"\s+[|–—-]\s+", text)
    if len(parts) > 1 and (site is None or site.casefold() in parts[-1].casefold() or len(parts[-1]) < 40):
        text = " - ".join(parts[:-1])
    return text or None


def _page_meta(tree: LexborHTMLParser) -> PageMeta:
    """Title, publisher and published date from <head>, JSON-LD and the first <time datetime>."""
    ld = _json_ld(tree)
    site = _meta_content(tree, _META_SITE) or ld.get("publisher")
    time = tree.css_first("time[datetime]")
    published = _meta_content(tree, _META_DATE) or ld.get("published")
    if not published and time:
        published = time.attributes.get("datetime")
    return PageMeta(title=_html_title(tree, site) or ld.get("title"), publisher=site, published=published)


def _inside_content(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in ("article", "main"):
            return True
        parent = parent.parent
    return False


def _drop_chrome(tree: LexborHTMLParser, removed: list[RemovedLine]) -> None:
    """Remove navigation, forms, asides and page-level header/footer, reporting their lines."""
    root = tree.body or tree.root
    if root is None:
        return
    doomed = [(n, n.tag) for n in root.css(", ".join(CHROME))]
    doomed += [(n, n.tag) for n in root.css(", ".join(LANDMARK_CHROME)) if not _inside_content(n)]
    doomed += [(n, n.attributes.get("role") or "role") for n in root.css(ROLE_CHROME)]
    for node, name in doomed:
        if node.parent is None:
            continue
        removed.extend(RemovedLine(line, f"html_{name}") for line in _lines(node))
        node.decompose()


def _take_evidence(tree: LexborHTMLParser, selector: str, kind: str, blocks: list[Block]) -> None:
    """Move tweets or captions out of the page into blocks (captions only when short)."""
    root = tree.body or tree.root
    for node in root.css(selector) if root else []:
        if node.parent is None:
            continue
        text = "\n".join(_lines(node))
        if kind == "caption" and len(text) > MAX_CAPTION:
            continue
        if text:
            blocks.append(Block(kind, text))
        node.decompose()


def _main_node(tree: LexborHTMLParser) -> LexborNode | None:
    """The element whose paragraphs hold most text (its grandparent gets half of each paragraph)."""
    scores: dict[int, float] = defaultdict(float)
    nodes: dict[int, LexborNode] = {}
    for p in tree.css("p"):
        size = len(p.text(strip=True))
        parent = p.parent
        for weight in (1.0, 0.5):
            if parent is None:
                break
            scores[parent.mem_id] += weight * size
            nodes[parent.mem_id] = parent
            parent = parent.parent
    if not scores:
        return tree.body or tree.root
    return nodes[max(scores, key=scores.__getitem__)]


def _outside_lines(tree: LexborHTMLParser, page: HtmlPage) -> None:
    """Lines outside the main article: datelines and bylines kept as blocks, the rest reported."""
    root = tree.body or tree.root
    for line in _lines(root) if root else []:
        kind = evidence_kind(line)
        if kind in ("dateline", "byline"):
            page.blocks.append(Block(kind, line))
        else:
            page.removed.append(RemovedLine(line, "outside_main_text"))


def bound_nesting(html: str, limit: int = MAX_DEPTH) -> str:
    """`html` with the tags of elements nested deeper than `limit` removed (their text kept), in one linear pass;
    unchanged when it cannot be that deep."""
    if html.count("<") <= limit:
        return html
    depth = skipped = 0

    def visit(tag: re.Match) -> str:
        nonlocal depth, skipped
        closing, name, self_closing = tag.group(2), (tag.group(3) or "").lower(), tag.group(4)
        if tag.group(1) or name in _VOID or name in _IMPLIED_END or self_closing:
            return tag.group(0)
        if closing:
            if skipped:
                skipped -= 1
                return ""
            depth = max(depth - 1, 0)
            return tag.group(0)
        if depth >= limit:
            skipped += 1
            return ""
        depth += 1
        return tag.group(0)

    return _TAG_RE.sub(visit, html)


def html_to_page(html: str) -> HtmlPage:
    """Parse `html` into main-article lines, page metadata, evidence blocks and reported removals."""
    tree = LexborHTMLParser(bound_nesting(html))
    page = HtmlPage(lines=[], meta=_page_meta(tree))
    tree.strip_tags(INVISIBLE)
    for node in tree.css(BLOCK_SELECTOR):
        node.insert_before(MARK)
        node.insert_after(MARK)
    _drop_chrome(tree, page.removed)
    _take_evidence(tree, TWEETS, "tweet", page.blocks)
    _take_evidence(tree, CAPTIONS, "caption", page.blocks)
    main = _main_node(tree)
    if main is None:
        return page
    page.lines = _lines(main)
    if main.parent is not None:
        main.decompose()
        _outside_lines(tree, page)
    return page
