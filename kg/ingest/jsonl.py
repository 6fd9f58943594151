"""JSON Lines: one article per line, ``{"title": ..., "text": ..., "date": ..., "url": ...}``.

``title`` and ``text`` are required non-empty strings; ``date`` (ISO, RFC 822, "5 March
2024", "05.03.2024", ...) becomes an ISO date; ``url`` must be an absolute http(s) URL.
Other keys are ignored and blank lines skipped. A bad line does not lose the file: the
good lines become documents and :class:`~kg.errors.PartialInput` carries them together
with one :class:`~kg.errors.InputError` per bad line, naming the file and the line.
"""
from __future__ import annotations

import json

from ..errors import InputError, PartialInput
from .decode import decode
from .document import Document
from .feeds import iso_date
from .html import web_url

__all__ = ["read_jsonl"]


_JSON_TYPES = {str: "a string", bool: "true or false", int: "a number", float: "a number", list: "an array",
               dict: "an object", type(None): "null"}


class _BadLine(ValueError):
    """What is wrong with one line, in words for the person who wrote the file."""


def _string(record: dict, key: str, *, required: bool) -> str | None:
    value = record.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        what = f"{_JSON_TYPES[type(value)]}, not a string" if key in record else "missing"
        raise _BadLine(f'"{key}" is {what}')
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _BadLine(f'"{key}" holds an unpaired surrogate') from None
    if required and not value.strip():
        raise _BadLine(f'"{key}" is empty')
    return value


def _document(line: str, source: str) -> Document:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _BadLine(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    except (ValueError, RecursionError) as exc:  # nesting or numbers too large for Python
        raise _BadLine(f"invalid JSON: {exc}") from None
    if not isinstance(record, dict):
        raise _BadLine(f"expected a JSON object, found {_JSON_TYPES[type(record)]}")
    title = _string(record, "title", required=True)
    text = _string(record, "text", required=True)
    written_date = _string(record, "date", required=False)
    date = None
    if written_date is not None and written_date.strip():
        date = iso_date(written_date)
        if date is None:
            raise _BadLine(f'"date" {written_date[:40]!r} is not a date (expected e.g. 2024-03-05)')
    written_url = _string(record, "url", required=False)
    url = web_url(written_url) if written_url else None
    if written_url and url is None:
        raise _BadLine(f'"url" {written_url[:60]!r} is not an absolute http(s) URL')
    return Document(title=" ".join(title.split()), body=text.strip(), source=source, date=date, url=url)


def read_jsonl(data: bytes, source: str) -> list[Document]:
    """One document per line; raises PartialInput if some lines are bad."""
    documents: list[Document] = []
    errors: list[InputError] = []
    # split on "\n" only: str.splitlines would also break at U+2028 and friends inside strings
    for number, line in enumerate(decode(data, source).split("\n"), 1):
        if not line.strip():
            continue
        try:
            documents.append(_document(line, source))
        except _BadLine as exc:
            errors.append(InputError(source, str(exc), line=number))
    if errors:
        raise PartialInput(source, documents, errors)
    return documents
