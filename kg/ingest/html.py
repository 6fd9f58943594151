"""HTML pages: the article's text, headline, date and canonical URL, boilerplate dropped.

trafilatura finds the main text (navigation, footers and reader comments are left out)
and reads the page's metadata: headline (``og:title``, ``<title>``, ``<h1>``), publication
date and canonical URL (``<link rel=canonical>``, ``og:url``). Nothing is fetched.
Bytes are decoded honouring a byte order mark, then the page's own ``<meta charset>``,
then :func:`~kg.ingest.decode.decode`. The helpers :func:`decode_markup`,
:func:`html_to_text` and :func:`web_url` are shared with the feed reader.
"""
from __future__ import annotations

import codecs
import re

import lxml.etree
import lxml.html
import trafilatura

from ..errors import InputError
from .decode import decode, looks_binary
from .document import Document

__all__ = ["read_html", "decode_markup", "html_to_text", "web_url"]

_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_DECLARED = re.compile(
    rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)"""
    rb"""|<\?xml\s[^>]*?encoding\s*=\s*["']([a-z0-9_.:-]+)""", re.I)
# labels browsers read differently from Python (WHATWG Encoding): latin-1 means windows-1252,
# and a UTF-16 label found by an ASCII scan cannot be true
_LABEL_ALIASES = {"iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                  "l1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252",
                  "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8"}
_WEB_URL = re.compile(r"https?://[^\s<>\"{}|\\^`]+\Z", re.I)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_BLOCKS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section",
           "article", "header", "footer", "ul", "ol", "table", "dd", "dt", "figcaption")
_INVISIBLE = ("script", "style", "noscript", "template")


def decode_markup(data: bytes, source: str) -> str:
    """Text of an HTML or XML document: BOM, else declared charset if it fits, else detected."""
    if data.startswith(_BOMS) or looks_binary(data):
        return decode(data, source)
    match = _DECLARED.search(data[:4096])
    if match:
        label = (match.group(1) or match.group(2)).decode("ascii").lower()
        try:
            return data.decode(_LABEL_ALIASES.get(label, label))
        except (UnicodeDecodeError, LookupError):
            pass  # a wrong or unknown declaration: detect instead
    return decode(data, source)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: tags dropped, one line per block, scripts left out."""
    if "<" not in fragment and "&" not in fragment:
        return _tidy(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.LxmlError, ValueError):
        return _tidy(re.sub(r"<[^>]*>", " ", fragment))
    for element in root.iter(*_INVISIBLE):
        element.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    return _tidy(root.text_content())


def _tidy(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def web_url(value: object) -> str | None:
    """``value`` if it is an absolute http(s) URL usable as an IRI, else None."""
    if isinstance(value, str) and _WEB_URL.match(value.strip()):
        return value.strip()
    return None


def read_html(data: bytes, source: str) -> list[Document]:
    """One document from an HTML page; InputError if the page has no article text."""
    page = decode_markup(data, source)
    try:
        extracted = trafilatura.bare_extraction(page, include_comments=False, with_metadata=True)
    except (lxml.etree.LxmlError, ValueError, RecursionError) as exc:
        raise InputError(source, f"cannot parse HTML ({type(exc).__name__}: {exc})") from None
    body = _tidy(extracted.text or "") if extracted is not None else ""
    if not body:
        raise InputError(source, "no article text found in HTML")
    title = " ".join((extracted.title or "").split())
    first, _, rest = body.partition("\n")
    if not title or first == title:  # the headline is usually the page's <h1>, the first line of the text
        title, body = first, rest
    date = extracted.date if extracted.date and _ISO_DATE.match(extracted.date) else None
    return [Document(title=title, body=body, source=source, date=date, url=web_url(extracted.url))]
