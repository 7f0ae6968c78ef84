"""Turn a RawRecord into a CleanDocument: article text without page furniture, plus metadata.

Public API: clean_document(record) and quality_report(doc). HTML is first reduced to text lines
(etl.html_text); every input then goes through the same line sorter (etl.clean_lines), so the
rules for furniture, captions, tweets and "Read more" lists apply to every format alike.
"""

from __future__ import annotations

import re
from collections import Counter

from etl.clean_lines import sort_lines
from etl.html_text import html_to_page
from etl.language import guess_language
from etl.metadata import PageMeta, resolve_published, resolve_publisher, resolve_title
from etl.model import CleanDocument, RawRecord

_HTML_SNIFF_RE = re.compile(r"<(?:!doctype html|html|body|article|p|div)[\s>]", re.IGNORECASE)
PARAGRAPH_BREAK = "\n\n"


def _looks_like_html(record: RawRecord) -> bool:
    head = record.text[:2000].lstrip()
    return record.fmt == "html" or (head.startswith("<") and bool(_HTML_SNIFF_RE.search(head)))


def clean_document(record: RawRecord) -> CleanDocument:
    """Clean one record: body paragraphs joined by blank lines, evidence blocks, removed lines, metadata."""
    if _looks_like_html(record):
        page = html_to_page(record.text)
        lines, meta, removed, blocks = page.lines, page.meta, page.removed, page.blocks
    else:
        lines, meta, removed, blocks = record.text.split("\n"), PageMeta(), [], []
    layout = sort_lines(lines, title=record.title or meta.title)
    blocks = blocks + layout.blocks
    body = PARAGRAPH_BREAK.join(layout.body)
    published_on, basis = resolve_published(record, meta, body, blocks)
    title = resolve_title(record, meta, layout)
    return CleanDocument(
        body_text=body,
        title=title,
        publisher=resolve_publisher(record, meta, blocks),
        published_on=published_on,
        published_basis=basis,
        language=guess_language(f"{title or ''}\n{body}"),
        blocks=blocks,
        removed=removed + layout.removed,
    )


def quality_report(doc: CleanDocument) -> dict[str, int]:
    """How many lines each rule removed (reason -> count), most frequent first."""
    return dict(Counter(line.reason for line in doc.removed).most_common())
