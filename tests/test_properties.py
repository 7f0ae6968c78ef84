"""Property tests (issues 10, 17): the decoder, cleaner, extractors and temporal tagger never raise on any
input, every claim they return keeps its offsets, value ranges and dates sane, and ingest accounts for every
file of any name, bytes and encoding."""

from __future__ import annotations

import json
import math
import os
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl import dates, store
from etl.checks import run_check
from etl.claims import extract_claims
from etl.clean import clean_document
from etl.decode import DecodeError, decode
from etl.events import extract_events
from etl.ingest_stage import changed_files, ingest, scan
from etl.model import CleanDocument, RawRecord

FAST = settings(max_examples=150, deadline=None)
FRAGMENTS = [
    "at least", "about", "more than", "nearly", "up to", "some", "between 20 and 30", "1,200", "31,500", "70",
    "40 percent", "70%", "three-quarters of", "a third of", "2.5 million", "hundreds of", "dozens", "12", "0",
    "people", "civilians", "children", "fighters", "rebels", "were killed", "wounded", "displaced", "fled",
    "evacuated", "trapped", "districts", "of the city", "of eastern Aleppo", "in Mosul", "in Raqqa", "held by",
    "government forces", "control", "on Monday", "Dec. 7", "December 7, 2016", "mid-July", "last week",
    "since Saturday", "over the past 48 hours", "in 2011", "a year ago", "10:30", "Resolution 2254", "aged 35",
    "the UN said", "according to the monitor", "would", "could", "denied", "claimed", "vetoed", "a truce",
    "called for a ceasefire", "captured", "withdrew", ".", ",", ";", " - ", "(", ")", "\n", "\n\n", "'", "\"",
]
PUBLISHED = st.one_of(st.none(), st.dates(date(1995, 1, 1), date(2030, 12, 31)))
ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=400)
PRINTABLE = st.text(alphabet=st.one_of(st.characters(blacklist_categories=("Cc", "Cs")), st.sampled_from("\n\t")),
                    max_size=300)
GRAMMAR_TEXT = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(" ".join)
TEXTS = st.one_of(ANY_TEXT, GRAMMAR_TEXT)


def _doc(text: str, published: date | None) -> CleanDocument:
    return CleanDocument(body_text=text, title=None, publisher=None, published_on=published,
                         published_basis="explicit" if published else "unknown", language="en")


def _sane_date(day: date | None, published: date | None, text: str) -> bool:
    """Within 15 years before and a year after publication, unless the text writes that year (or the one after,
    for periods reaching back from it: 'the past hour ... 2000') out."""
    if day is None or str(day.year) in text or str(day.year + 1) in text:
        return True
    return published is not None and published - timedelta(days=15 * 366) <= day <= published + timedelta(days=366)


@FAST
@given(st.binary(max_size=2000))
def test_decode_raises_only_decode_error(data):
    try:
        text = decode(data)
    except DecodeError as err:
        assert err.reason in ("binary", "undecodable") and str(err)
    else:
        assert "\r" not in text


@FAST
@given(st.one_of(PRINTABLE, GRAMMAR_TEXT), st.sampled_from(["utf-16", "utf-8-sig", "utf-32"]))
def test_decode_reads_printable_text_alike_in_any_encoding_with_a_bom(text, encoding):
    """Text files hold no control characters but newlines and tabs; such text decodes alike in every encoding."""
    assert decode(text.encode(encoding)) == decode(text.encode("utf-8"))


@FAST
@given(GRAMMAR_TEXT.filter(lambda t: len(t) >= 2), st.sampled_from(["utf-16-le", "utf-16-be"]))
def test_decode_recognises_mostly_ascii_utf16_without_a_bom(text, encoding):
    assert decode(text.encode(encoding)) == decode(text.encode("utf-8"))


@FAST
@given(TEXTS, st.sampled_from(["txt", "html", "json", "csv"]), st.one_of(st.none(), st.sampled_from(
    ["2016-12-06", "12/5/2016", "yesterday", "0000-00-00", "99999-1-1", "Dec 2016", ""])))
def test_clean_document_never_raises(text, fmt, published):
    html = f"<html><body><article><p>{text}</p><script>{text}</script></article></body></html>"
    for body in (text, html):
        doc = clean_document(RawRecord("p.txt", body, fmt, title=text[:40] or None, published=published))
        assert isinstance(doc.body_text, str) and doc.language


@FAST
@given(TEXTS, PUBLISHED)
def test_claims_keep_offsets_values_and_dates_sane(text, published):
    for c in extract_claims(_doc(text, published)):
        assert text[c.quote_start:c.quote_start + len(c.quote)] == c.quote
        assert c.quote_start <= c.char_start < c.char_end <= c.quote_start + len(c.quote)
        assert all(math.isfinite(v) for v in (c.value, c.value_low, c.value_high) if v is not None)
        if c.unit == "percent":
            assert 0 <= c.value <= 100
        if c.value_low is not None and c.value_high is not None:
            assert c.value_low <= c.value <= c.value_high
        assert _sane_date(c.as_of, published, text) and _sane_date(c.period_start, published, text)
        if c.period_start is not None and c.as_of is not None:
            assert c.period_start <= c.as_of


@FAST
@given(TEXTS, PUBLISHED)
def test_events_keep_offsets_and_dates_sane(text, published):
    for e in extract_events(_doc(text, published)):
        assert text[e.quote_start:e.quote_start + len(e.quote)] == e.quote
        assert e.quote_start <= e.char_start < e.char_end <= e.quote_start + len(e.quote)
        assert _sane_date(e.event_date, published, text)


@FAST
@given(TEXTS, st.dates(date(1995, 1, 1), date(2030, 12, 31)))
def test_tag_offsets_are_inside_the_text(text, reference):
    for e in dates.tag(text, reference):
        assert 0 <= e.start < e.end <= len(text) and text[e.start:e.end] == e.text


NAME = st.one_of(
    st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1, max_size=16),
    st.binary(min_size=1, max_size=16).filter(lambda b: b"/" not in b and b"\x00" not in b).map(os.fsdecode),
).filter(lambda name: not name.startswith("."))
EXTENSION = st.sampled_from([".txt", ".html", ".json", ".jsonl", ".csv", ".pdf", ""])
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1"]
CONTENT = st.one_of(
    st.binary(max_size=600),
    st.tuples(TEXTS, st.sampled_from(ENCODINGS)).map(lambda te: te[0].encode(te[1], errors="replace")),
    st.lists(st.fixed_dictionaries({"title": ANY_TEXT, "text": TEXTS}), max_size=3).map(
        lambda rows: "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode("utf-8", "surrogatepass")),
)


@pytest.mark.slow  # a staging warehouse and a publication per example: about 1 s each on 2 cores
@settings(max_examples=15, deadline=None)
@given(st.dictionaries(st.tuples(NAME, EXTENSION).map("".join), CONTENT, min_size=1, max_size=5))
def test_ingest_accounts_for_every_input_and_the_batch_publishes(tmp_path_factory, files):
    """Random bytes, names and encodings: every file is a document source or a quarantine row, the blocking check
    holds, and the staging warehouse publishes."""
    folder = tmp_path_factory.mktemp("inbox")
    for name, data in files.items():
        with open(os.fsencode(folder) + b"/" + os.fsencode(name), "wb") as handle:
            handle.write(data)
    warehouse = folder / "w.duckdb"
    found = scan([folder], store.own_files(warehouse))
    assert len(found.files) + len(found.refused) == len(files)
    store.start_staging(warehouse)
    with store.connect_staging(warehouse) as con:
        ingest(con, found, changed_files(None, found), datetime(2026, 12, 3))
        accounted = {r[0] for r in con.execute("SELECT input_file FROM document_sources UNION "
                                               "SELECT input_file FROM quarantine").fetchall()}
        assert accounted == set(found.files) | {q.input_file for q in found.refused}
        assert run_check(con, "every_input_accounted_for").passed
    store.publish(warehouse)
    with store.read_only(warehouse) as con:
        names = con.execute("SELECT count(DISTINCT input_file) FROM internal.input_files").fetchone()[0]
    assert names == len(found.files)
