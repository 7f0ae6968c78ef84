"""Per-document stages read their pending documents chunk by chunk: every pending document exactly once."""

from __future__ import annotations

from datetime import datetime

import pytest

from etl import document_stages, store


@pytest.fixture
def con(tmp_path, monkeypatch):
    """A warehouse of 60 raw documents in arrival (not doc_id) order, one source each, 6 already cleaned."""
    monkeypatch.setattr(document_stages, "CHUNK", 7)
    con = store.connect(tmp_path / "w.duckdb")
    con.execute("INSERT INTO internal.raw_documents SELECT md5(i::VARCHAR), 'txt', 'text ' || i, NULL, NULL, NULL "
                "FROM range(60) t(i)")
    con.execute("INSERT INTO internal.document_sources SELECT 'in/' || i || '.txt', 'in/' || i || '.txt', "
                "md5(i::VARCHAR), ? FROM range(60) t(i)", [datetime(2026, 1, 1)])
    con.execute("INSERT INTO internal.stage_done SELECT md5(i::VARCHAR), 'clean' FROM range(0, 60, 10) t(i)")
    yield con
    con.close()


def pending(con) -> dict[str, str]:
    return dict(con.execute("SELECT doc_id, raw_text FROM internal.raw_documents WHERE doc_id NOT IN "
                            "(SELECT doc_id FROM internal.stage_done WHERE stage = 'clean')").fetchall())


def test_chunks_hold_every_pending_document_once_with_its_inputs(con):
    chunks = list(document_stages._chunks(con, document_stages.STAGES["clean"], None))
    rows = [r for chunk in chunks for r in chunk]
    assert {r["doc_id"]: r["raw_text"] for r in rows} == pending(con)
    assert len(rows) == 54 and max(len(c) for c in chunks) == 7
    assert all(r["source_path"] == f"in/{r['raw_text'].split()[1]}.txt" and "row_at" not in r for r in rows)
    assert all([r["doc_id"] for r in c] == sorted(r["doc_id"] for r in c) for c in chunks)


def test_chunks_stay_right_when_rows_move_between_reads(con):
    """Rows deleted and a checkpoint after the pending list was read (rowids may be compacted): later chunks still
    hold exactly their documents."""
    expected = pending(con)
    chunks = document_stages._chunks(con, document_stages.STAGES["clean"], None)
    first = next(chunks)
    gone = con.execute("SELECT doc_id FROM internal.raw_documents LIMIT 20").fetchall()
    con.execute("DELETE FROM internal.raw_documents WHERE doc_id IN "
                "(SELECT doc_id FROM internal.raw_documents LIMIT 20)")
    con.execute("CHECKPOINT")
    rest = [r for chunk in chunks for r in chunk]
    seen = [r["doc_id"] for r in first + rest]
    assert len(seen) == len(set(seen))
    assert {r["doc_id"] for r in rest} == set(expected) - {r["doc_id"] for r in first} - {g for g, in gone}
