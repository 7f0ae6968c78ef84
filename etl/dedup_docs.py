"""Near-duplicate documents (syndicated copy under other page furniture) -> documents.duplicate_of.

Each cleaned body gets a bottom-k sketch: the K smallest 64-bit hashes of its word 5-shingles.
Two documents sharing many sketch hashes are candidates; their similarity is the overlap of their
sketches (a MinHash-style Jaccard estimate). Hashes found in too many documents are ignored as
boilerplate, which keeps candidate generation linear. Set work runs in DuckDB.
"""

from __future__ import annotations

import hashlib
import re

import duckdb
import polars as pl

from etl.clusters import components

K = 64
SHINGLE = 5
MIN_SIMILARITY = 0.6
MAX_DOCS_PER_HASH = 50
_WORD = re.compile(r"\w+")


def sketch(body_text: str, k: int = K) -> list[int]:
    """The k smallest shingle hashes of a text (all of them for short texts)."""
    words = _WORD.findall(body_text.lower())
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))} if words else set()
    hashes = {int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big") for s in shingles}
    return sorted(hashes)[:k]


SIMILAR_PAIRS = """
WITH common AS (
    SELECT h FROM internal.doc_sketches GROUP BY h HAVING count(*) <= $max_docs
),
sizes AS (
    SELECT doc_id, count(*) AS n FROM internal.doc_sketches GROUP BY doc_id
),
shared AS (
    SELECT a.doc_id AS doc_a, b.doc_id AS doc_b, count(*) AS n_shared
    FROM internal.doc_sketches a
    JOIN internal.doc_sketches b ON a.h = b.h AND a.doc_id < b.doc_id
    WHERE a.h IN (SELECT h FROM common)
    GROUP BY ALL
)
SELECT s.doc_a, s.doc_b, s.n_shared / (sa.n + sb.n - s.n_shared) AS similarity
FROM shared s
JOIN sizes sa ON sa.doc_id = s.doc_a
JOIN sizes sb ON sb.doc_id = s.doc_b
WHERE s.n_shared / (sa.n + sb.n - s.n_shared) >= $min_similarity
"""


def link_duplicates(con: duckdb.DuckDBPyConnection) -> int:
    """Recompute doc_duplicates: every copy points at its cluster's earliest document. Returns copies."""
    pairs = con.execute(SIMILAR_PAIRS, {"max_docs": MAX_DOCS_PER_HASH, "min_similarity": MIN_SIMILARITY}).pl()
    con.execute("DELETE FROM internal.doc_duplicates")
    if pairs.is_empty():
        return 0
    nodes = set(pairs["doc_a"]) | set(pairs["doc_b"])
    groups = components(nodes, zip(pairs["doc_a"], pairs["doc_b"], strict=True))
    members = pl.DataFrame({"doc_id": list(groups), "group": list(groups.values())})
    con.register("_members", members)
    con.register("_pairs", pairs)
    try:
        con.execute("""
            INSERT INTO internal.doc_duplicates
            WITH ranked AS (
                SELECT m.doc_id, m."group",
                       first(m.doc_id ORDER BY d.published_on NULLS LAST, m.doc_id)
                           OVER (PARTITION BY m."group") AS root
                FROM _members m JOIN internal.doc_store d USING (doc_id)
            )
            SELECT r.doc_id, r.root,
                   coalesce(max(p.similarity), 0.0) AS similarity
            FROM ranked r
            LEFT JOIN _pairs p ON (p.doc_a = r.doc_id AND p.doc_b = r.root) OR (p.doc_b = r.doc_id AND p.doc_a = r.root)
            WHERE r.doc_id <> r.root
            GROUP BY r.doc_id, r.root
        """)
    finally:
        con.unregister("_members")
        con.unregister("_pairs")
    return con.execute("SELECT count(*) FROM internal.doc_duplicates").fetchone()[0]
