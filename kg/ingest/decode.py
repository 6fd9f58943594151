"""Bytes to text: UTF-8 (with or without BOM), UTF-16, or a detected legacy encoding.

Binary data and undecodable bytes are refused with an :class:`~kg.errors.InputError`
naming the source, never decoded into mojibake silently.
"""
from __future__ import annotations

import codecs

from ..errors import InputError

__all__ = ["decode", "looks_binary"]

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_TEXT_CONTROLS = set(b"\t\n\r\f\v\x1b")


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB (after any BOM)."""
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in head:
        return _utf16_without_bom(data[: len(head) - len(head) % 2]) is None
    controls = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROLS)
    return bool(head) and controls / len(head) > 0.05


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a byte-order mark, if the bytes read as mostly printable text either way."""
    if len(data) % 2 or len(data) < 32:
        return None
    head = data[:8192]
    zeros_even, zeros_odd = head[0::2].count(0) / (len(head) / 2), head[1::2].count(0) / (len(head) / 2)
    if not (min(zeros_even, zeros_odd) <= 0.01 and max(zeros_even, zeros_odd) >= 0.1):
        return None  # NUL bytes in UTF-16 text sit in one byte position only
    best, best_score = None, 0.0
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:4096]
        good = sum(1 for c in sample if c.isprintable() or c in "\n\r\t")
        spaces = sum(1 for c in sample if c.isspace())
        # text has word breaks; binary that happens to decode has printable marks but no spaces
        score = good / len(sample) if sample and spaces >= len(sample) * 0.03 else 0.0
        if score > best_score:
            best, best_score = text, score
    return best if best_score >= 0.95 else None


_COMMON = ("cp1252", "latin_1", "cp1251", "koi8_r", "cp1256", "cp1250", "iso8859_15", "cp1254", "cp1253")


def _rank(encoding: str) -> int:
    return _COMMON.index(encoding) if encoding in _COMMON else len(_COMMON)


def decode(data: bytes, source: str) -> str:
    """Decode ``data`` read from ``source``; raise InputError if it is empty, binary or undecodable."""
    if not data.strip():
        raise InputError(source, "empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff")
            except UnicodeDecodeError as exc:
                raise InputError(source, f"bad {encoding} text at byte {exc.start}") from None
    if b"\x00" in data[:8192]:
        text = _utf16_without_bom(data)
        if text is not None:
            return text
    if looks_binary(data):
        raise InputError(source, "binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[:1_000_000]))
    if not matches:
        raise InputError(source, f"not valid UTF-8 (byte {utf8_error.start}) and no other encoding fits")
    # equally plausible candidates are common on short texts: prefer the encodings news sites use
    best = min(matches, key=lambda m: (round(m.chaos, 3), -round(m.coherence, 3), _rank(m.encoding)))
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(source, f"cannot decode as {best.encoding}") from None
