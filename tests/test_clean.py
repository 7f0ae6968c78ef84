"""Tests for etl.clean: boilerplate removal, evidence blocks and metadata recovery."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from etl.clean import clean_document, quality_report
from etl.model import RawRecord

SEEDS = Path("/work/shared/corpora/seeds")
SEED_EXPECTED = {
    "000_f6dfcb8b1dc9b006.txt": ("Syrian regime rejects UN truce for Aleppo", None, {date(2016, 11, 20)}, "explicit"),
    "001_8ed08e6f143b86d8.txt": (
        "Syrian forces reject rebel call for truce in Aleppo",
        "Euronews",
        {date(2016, 12, 7), date(2016, 12, 8)},
        "inferred",
    ),
    "002_23e9dcc2e6ed99e6.txt": ("Turkish, Russian leaders discuss Aleppo truce", None, {date(2016, 12, 8)}, "inferred"),
    "003_885fa397d665b3d5.txt": (
        "Syrian government says no Aleppo ceasefire without rebel exit",
        None,
        {date(2016, 12, 6)},
        "explicit",
    ),
    "004_d70a2e0012a726ce.txt": (
        "Syria Government Refuses Aleppo Cease-Fire If Rebels Stay",
        "VOA News",
        {date(2016, 12, 6)},
        "inferred",
    ),
}


def clean_text(text: str, fmt: str = "txt", **fields: str):
    return clean_document(RawRecord(source_path="x", text=text, fmt=fmt, **fields))


def seed(name: str):
    path = SEEDS / name
    if not path.is_file():
        pytest.skip(f"seed article {path} not present")
    return clean_text(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(SEED_EXPECTED))
def test_seed_metadata(name: str) -> None:
    title, publisher, dates, basis = SEED_EXPECTED[name]
    doc = seed(name)
    assert (doc.title, doc.publisher, doc.published_basis) == (title, publisher, basis)
    assert doc.published_on in dates
    assert doc.language == "en"
