"""Bytes -> normalised text, robust to the encodings news feeds actually deliver.

Order: a BOM decides (UTF-8, UTF-16, UTF-32); else a UTF-16 without BOM is recognised by its
NUL pattern; else UTF-8, each byte that is not valid UTF-8 read as cp1252 (the usual "latin-1" of
Western web text; latin-1 for the five bytes cp1252 leaves undefined): a cp1252 file decodes as
cp1252, and one stray cp1252 byte in a UTF-8 file leaves the rest UTF-8. Binary noise (a NUL
anywhere, or many control characters) is refused, not decoded.
The result is NFC with '\\n' newlines and no invisible characters inside numbers: the text doc_id hashes.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab/newline/carriage return/form feed: a sign of binary data.
_CONTROL = {c for c in range(32) if c not in (9, 10, 12, 13)} | {127}
_DROP_CONTROLS = dict.fromkeys(_CONTROL)  # str.translate table deleting control characters
MAX_CONTROL_RATIO = 0.01
# Soft hyphen, zero-width space/joiners, direction marks, word joiner, BOM: invisible, and between digits they split
# one figure in two ("10\u200b000")
_INVISIBLE_IN_NUMBER = re.compile(r"(?<=[\d,.])[\u00ad\u200b-\u200f\u2060\ufeff]+(?=\d)")


class DecodeError(ValueError):
    """The bytes are not text; `reason` is the quarantine reason (binary | undecodable)."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


def normalise(text: str) -> str:
    """NFC and '\\n' newlines: the same article in any encoding or line-ending style hashes alike."""
    return drop_invisible(unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")))


def drop_invisible(text: str) -> str:
    """`text` without the invisible characters written inside numbers (HTML text needs it again after entities)."""
    return _INVISIBLE_IN_NUMBER.sub("", text) if not text.isascii() else text


def _bom_encoding(data: bytes) -> str | None:
    return next((enc for bom, enc in BOMS if data.startswith(bom)), None)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM has NULs in every other byte for ASCII-range characters."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _latin1_fallback(err: UnicodeDecodeError) -> tuple[str, int]:
    """Decode the bytes cp1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) as latin-1."""
    return err.object[err.start : err.end].decode("latin-1"), err.end


def _cp1252_fallback(err: UnicodeDecodeError) -> tuple[str, int]:
    """Decode bytes that are not valid UTF-8 as cp1252 (latin-1 where cp1252 has no character)."""
    return err.object[err.start : err.end].decode("cp1252", errors="timeline_latin1"), err.end


codecs.register_error("timeline_latin1", _latin1_fallback)
codecs.register_error("timeline_cp1252", _cp1252_fallback)


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    sample = text[:20000]
    controls = len(sample) - len(sample.translate(_DROP_CONTROLS))  # C speed: a generator took 0.4 ms an article
    return controls / len(sample) > MAX_CONTROL_RATIO


def decode(data: bytes) -> str:
    """Decode file bytes to normalised text, or raise DecodeError with a quarantine reason."""
    encoding = _bom_encoding(data) or _utf16_without_bom(data)
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as err:
            raise DecodeError("undecodable", f"{encoding}: {err}") from err
    else:
        if b"\x00" in data:
            raise DecodeError("binary", f"a NUL byte at offset {data.index(0)} in a file that is not UTF-16/32")
        text = data.decode("utf-8", errors="timeline_cp1252")
    if "\x00" in text:
        raise DecodeError("binary", f"a NUL character at offset {text.index(chr(0))}")
    if _looks_binary(text):
        raise DecodeError("binary", "more than 1% control characters")
    return normalise(text)
