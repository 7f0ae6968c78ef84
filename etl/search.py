"""Evidence search: BM25 ranking of documents, and of their claim and event quotes, with DuckDB's fts extension.

The extension is loaded offline from the duckdb-extension-fts wheel (no network at run time). A
read-only connection cannot create an index, so build_index(con) runs on the staging warehouse at
publication time; search(con, text) then works on any read-only connection to the published file.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import duckdb
import polars as pl

# The corpora and their BM25 indexes live out of the analyst's `main`: tables in `internal`, each index in the
# schema the fts extension names after its table (fts_internal_<table>).
DOCUMENT_INDEX = "internal.search_documents"
QUOTE_INDEX = "internal.search_quotes"
DOCUMENT_FTS = "fts_internal_search_documents"
QUOTE_FTS = "fts_internal_search_quotes"

CORPUS_SQL = f"""
CREATE SCHEMA IF NOT EXISTS internal;
CREATE OR REPLACE TABLE {DOCUMENT_INDEX} AS
SELECT doc_id, concat_ws(' ', title, body_text) AS text FROM documents;
CREATE OR REPLACE TABLE {QUOTE_INDEX} AS
SELECT 'claim:' || mention_id AS id, doc_id, mention_id, quote AS text FROM claim_mentions
UNION ALL
SELECT 'event:' || mention_id, doc_id, mention_id, quote FROM event_mentions;
"""

# Documents are ranked by BM25 over title and body; within each, the claim and event quotes are ranked
# by BM25 over quotes, and the document's figures are attached, those in matching quotes first.
SEARCH_SQL = f"""
WITH document_hits AS (
    SELECT doc_id, {DOCUMENT_FTS}.match_bm25(doc_id, $1) AS score
    FROM {DOCUMENT_INDEX}
    WHERE score IS NOT NULL
    ORDER BY score DESC, doc_id
    LIMIT $2
),
quote_hits AS (
    SELECT q.*, {QUOTE_FTS}.match_bm25(q.id, $1) AS quote_score
    FROM {QUOTE_INDEX} AS q
    WHERE quote_score IS NOT NULL AND q.doc_id IN (SELECT doc_id FROM document_hits)
),
best_quotes AS (
    SELECT doc_id, arg_max(text, quote_score) AS quote FROM quote_hits GROUP BY doc_id
),
document_figures AS (
    -- every figure the document states, those in its matching quotes first
    SELECT m.doc_id,
           list(format('{{}} {{}} {{}} ({{}}, {{}}, as of {{}}, {{}})', m.metric, m.qualifier, m.value,
                       coalesce(m.location, '?'), coalesce(m.subject, '?'), coalesce(CAST(m.as_of AS VARCHAR), '?'),
                       m.modality) ORDER BY h.quote_score DESC NULLS LAST, m.char_start) AS figures
    FROM claim_mentions AS m
    LEFT JOIN quote_hits AS h USING (mention_id)
    WHERE m.doc_id IN (SELECT doc_id FROM document_hits)
    GROUP BY m.doc_id
)
SELECT
    h.score,
    d.title,
    d.published_on,
    d.publisher,
    q.quote,
    coalesce(f.figures, []) AS figures,
    d.body_text,
    h.doc_id
FROM document_hits AS h
JOIN documents AS d USING (doc_id)
LEFT JOIN best_quotes AS q USING (doc_id)
LEFT JOIN document_figures AS f USING (doc_id)
ORDER BY h.score DESC, h.doc_id
"""


def fts_extension_path() -> Path:
    """The fts binary inside the duckdb-extension-fts wheel matching the running DuckDB."""
    path = Path(str(resources.files("duckdb_extension_fts"))) / "extensions" / f"v{duckdb.__version__}"
    binary = path / "fts.duckdb_extension"
    if not binary.exists():
        raise FileNotFoundError(f"no fts extension for DuckDB {duckdb.__version__} at {binary}")
    return binary


def load_fts(con: duckdb.DuckDBPyConnection) -> None:
    """LOAD the extension straight from the wheel: no INSTALL, so nothing is written to ~/.duckdb."""
    literal = str(fts_extension_path()).replace("'", "''")
    con.execute(f"LOAD '{literal}'")


def build_index(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)build the document and quote corpora and their BM25 indexes on a read-write connection."""
    load_fts(con)
    con.execute(CORPUS_SQL)
    con.execute(f"PRAGMA create_fts_index('{DOCUMENT_INDEX}', 'doc_id', 'text', overwrite=1)")
    con.execute(f"PRAGMA create_fts_index('{QUOTE_INDEX}', 'id', 'text', overwrite=1)")


def has_index(con: duckdb.DuckDBPyConnection) -> bool:
    schemas = [DOCUMENT_FTS, QUOTE_FTS]
    found = con.execute("SELECT count(*) FROM duckdb_schemas() WHERE list_contains(?, schema_name)", [schemas])
    return found.fetchone()[0] == len(schemas)


def _snippet(body: str, text: str, width: int = 240) -> str:
    """The first sentence of body that contains a word of the query (a document hit's quote)."""
    words = [w[:5] for w in re.findall(r"\w+", text.lower()) if len(w) > 2]
    for sentence in re.split(r"(?<=[.!?])\s+", body):
        if any(w in sentence.lower() for w in words):
            return sentence[:width]
    return body[:width]


def search(con: duckdb.DuckDBPyConnection, text: str, limit: int = 10) -> pl.DataFrame:
    """The `limit` best documents for `text`: score, title, published_on, publisher, quote (its best
    matching claim or event quote, else the first sentence with a query word), figures (all it states,
    those in matching quotes first), doc_id."""
    if not has_index(con):
        raise ValueError("this warehouse has no search index: it is built at publication (etl.search.build_index)")
    load_fts(con)
    hits = con.execute(SEARCH_SQL, [text, limit]).pl()
    quotes = [q if q is not None else _snippet(body, text)
              for q, body in zip(hits["quote"], hits["body_text"], strict=True)]
    return hits.with_columns(pl.Series("quote", quotes, dtype=pl.String)).drop("body_text")
