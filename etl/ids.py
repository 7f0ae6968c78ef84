"""Content-derived identifiers: the same content always gets the same id, whatever the run order."""

from __future__ import annotations

import hashlib

ID_LENGTH = 16


def content_id(*parts: object) -> str:
    """A 16-hex-digit id from the parts' text; None hashes as an empty field, distinct from ''."""
    joined = "\x1f".join("\x00" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:ID_LENGTH]


def doc_id(text: str) -> str:
    """doc_id: a hash of the decoded, NFC, newline-normalised text (never of the cleaned body)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:ID_LENGTH]
