"""RSS and Atom feeds: one document per entry, parsed offline by feedparser.

An entry's headline is its title, its body the text of its content (or summary) with
HTML tags dropped, its date the day it was published (or updated) as the feed wrote it,
in the feed's own time zone, and its URL the entry's link. A malformed feed from which
feedparser still recovered entries gives those entries; one with none is an
:class:`~kg.errors.InputError` carrying feedparser's reason. :func:`iso_date` is shared
with the JSON Lines reader.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import io
import re
import time
import xml.sax

import feedparser

from ..errors import InputError
from .document import Document
from .html import decode_markup, html_to_text, web_url
from .listing import parse_page_date

__all__ = ["read_feed", "iso_date"]

_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})\Z")
_SLASHED_YMD = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})\Z")
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{2})\Z")
_YEAR = re.compile(r"[12]\d{3}\Z")


def iso_date(value: str) -> str | None:
    """The date in ``value`` as ISO ("2024-03-05"; "2024-03" or "2024" when that is all), else None.

    Accepts ISO 8601 dates and times, RFC 822 dates as feeds write them, "5 March 2024",
    "March 5, 2024", "05.03.2024" (day first) and "2024/03/05". The date is the one written,
    in the writer's time zone, not converted to UTC.

    >>> iso_date("Tue, 05 Mar 2024 01:00:00 +0300"), iso_date("2024-03-05T23:30:00-05:00")
    ('2024-03-05', '2024-03-05')
    >>> iso_date("05.03.2024"), iso_date("2024-03"), iso_date("next Tuesday")
    ('2024-03-05', '2024-03', None)
    """
    text = " ".join(value.split())
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    for pattern, order in ((_DOTTED, "dmy"), (_SLASHED_YMD, "ymd")):
        match = pattern.match(text)
        if match:
            a, b, c = (int(g) for g in match.groups())
            y, m, d = (c, b, a) if order == "dmy" else (a, b, c)
            try:
                return dt.date(y, m, d).isoformat()
            except ValueError:
                return None
    match = _YEAR_MONTH.match(text)
    if match and 1 <= int(match.group(2)) <= 12:
        return text
    if _YEAR.match(text):
        return text
    written = parse_page_date(text)
    if written:
        try:
            return dt.date.fromisoformat(written).isoformat()
        except ValueError:
            return None
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _entry_date(entry: dict) -> str | None:
    for key in ("published", "updated", "created"):
        written = entry.get(key)
        if isinstance(written, str) and (date := iso_date(written)):
            return date
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if isinstance(parsed, time.struct_time):
            return time.strftime("%Y-%m-%d", parsed)
    return None


def _text_of(detail: dict | None, fallback: str = "") -> str:
    """Text of a feedparser text construct, tags stripped unless it is declared plain text."""
    value = (detail or {}).get("value") or fallback
    if detail and "html" not in (detail.get("type") or ""):
        lines = (" ".join(line.split()) for line in value.splitlines())
        return "\n".join(line for line in lines if line)  # plain text: "<script>" in it is text
    return html_to_text(value)


def _entry_document(entry: dict, source: str) -> Document:
    title = " ".join(_text_of(entry.get("title_detail"), entry.get("title") or "").split())
    contents = [c for c in entry.get("content") or [] if c.get("value")]
    body = _text_of(contents[0]) if contents else _text_of(entry.get("summary_detail"), entry.get("summary") or "")
    return Document(title=title, body=body, source=source, date=_entry_date(entry), url=web_url(entry.get("link")))


def _reason(exc: BaseException | None) -> tuple[str, int | None]:
    if isinstance(exc, xml.sax.SAXParseException):
        return f"malformed feed: {exc.getMessage()}", exc.getLineNumber() or None
    return f"malformed feed: {exc}" if exc else "not an RSS or Atom feed", None


def read_feed(data: bytes, source: str) -> list[Document]:
    """One document per entry of an RSS or Atom feed; InputError if it has no entries."""
    # decoded here (BOM, XML declaration, detection) so feedparser always sees UTF-8; a
    # stream, never bytes or str, so feedparser cannot take the data for a path or a URL
    payload = decode_markup(data, source).encode("utf-8")
    try:
        parsed = feedparser.parse(io.BytesIO(payload), resolve_relative_uris=False, sanitize_html=True,
                                  response_headers={"content-type": "application/xml; charset=utf-8"})
    except UnicodeError as exc:  # the fallback parser chokes on references to surrogates (&#xD800;)
        raise InputError(source, f"malformed feed: {exc.reason}") from None
    documents = [_entry_document(entry, source) for entry in parsed.entries]
    documents = [d for d in documents if d.title or d.body]
    if documents:
        return documents
    if parsed.get("bozo"):
        reason, line = _reason(parsed.get("bozo_exception"))
        raise InputError(source, reason, line=line)
    if not parsed.get("version"):
        raise InputError(source, "not an RSS or Atom feed")
    raise InputError(source, "feed has no entries with a title or text")
