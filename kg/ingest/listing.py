"""Plain text: a single article (headline on the first line) or a listing page.

A listing page, like the news listings analysts save, carries ticker lines (exchange
rates repeated across the page), a page date, result counters, then several articles:
each a short title-case headline followed by its body. Noise lines are dropped, the
page's own exchange rates are kept on every document (``Document.rates``).
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Iterator

from .document import Document

__all__ = ["split_text", "split_text_stream", "parse_page_date", "SECTION_CHARS"]

_RATE = re.compile(r"^\W*([A-Z]{3})\s*/\s*USD\s*=\s*([0-9]*\.?[0-9]+)\b")
_COUNTER = re.compile(r"^(viewing|showing)\s+results?\b|^page \d+ of \d+$|^results? \d+", re.I)
_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_DATE_DMY = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})$")
_DATE_MDY = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_SMALL = set("a an and as at but by for from in into of on or the to vs via with".split())


def parse_page_date(line: str) -> str | None:
    """A line that is only a date ("03 April 2025", "April 3, 2025", "2025-04-03") as ISO."""
    line = line.strip()
    for pattern, order in ((_DATE_DMY, "dmy"), (_DATE_MDY, "mdy"), (_DATE_ISO, "ymd")):
        m = pattern.match(line)
        if not m:
            continue
        a, b, c = m.groups()
        if order == "ymd":
            y, mo, d = int(a), int(b), int(c)
        else:
            day, month, y = (a, b, c) if order == "dmy" else (b, a, c)
            mo = _MONTHS.get(month.lower()) or _MONTHS.get(_month_prefix(month))
            if not mo:
                return None
            d, y = int(day), int(y)
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def _month_prefix(word: str) -> str:
    word = word.lower()[:3]
    return next((m for m in _MONTHS if m.startswith(word)), "")


def _is_title_case(line: str) -> bool:
    words = re.findall(r"[^\W\d_][\w’'\-]*", line)
    content = [w for w in words if w.lower() not in _SMALL]
    if len(content) < 2:
        return False
    capitalised = sum(1 for w in content if w[0].isupper())
    return capitalised / len(content) >= 0.75


def _is_headline(line: str) -> bool:
    line = line.strip()
    return (8 <= len(line) <= 200 and not line.endswith((".", ",", ";", ":")) and _is_title_case(line))


def split_text(text: str, source: str, *, date: str | None = None) -> list[Document]:
    """Split plain text into documents: a listing page into its articles, else one article."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept, rates, page_date = _clean(text.split("\n"))
    blocks = _blocks(kept)
    pairs = _article_starts(blocks)
    the_date = date or page_date
    if len(pairs) >= 2 or (pairs and (rates or page_date) and pairs[0] == 0):
        return [_article(blocks, start, pairs[n + 1] if n + 1 < len(pairs) else len(blocks), source, the_date,
                         rates, page_date) for n, start in enumerate(pairs)]
    return [_single(kept, source, the_date, rates, page_date)]


def _clean(lines: list[str], *, look_for_date: bool = True) -> tuple[list[str], dict[str, float], str | None]:
    """The page's lines without its noise, the exchange rates it printed, and its date."""
    counts = Counter(l.strip() for l in lines if l.strip())
    rates: dict[str, float] = {}
    page_date = None
    kept: list[str] = []
    for line in lines:
        stripped = line.strip()
        rate = _RATE.match(stripped)
        if rate:
            rates[rate.group(1)] = float(rate.group(2))
            continue
        if stripped and counts[stripped] >= 3 and len(stripped) < 120:
            continue  # ticker or menu repeated across the page
        if _COUNTER.match(stripped):
            continue
        if look_for_date and page_date is None and not kept_has_text(kept) and parse_page_date(stripped):
            page_date = parse_page_date(stripped)
            continue
        kept.append(line)
    return kept, rates, page_date


def _article_starts(blocks: list[list[str]]) -> list[int]:
    """Blocks that open an article: a one-line headline followed by a paragraph of 150+ characters."""
    return [i for i in range(len(blocks) - 1)
            if len(blocks[i]) == 1 and _is_headline(blocks[i][0]) and len(blocks[i + 1][0].strip()) >= 150]


def _article(blocks: list[list[str]], start: int, end: int, source: str, date: str | None,
             rates: dict[str, float], rates_date: str | None) -> Document:
    body = "\n\n".join("\n".join(l.strip() for l in block) for block in blocks[start + 1:end])
    return Document(title=blocks[start][0].strip(), body=body, source=source, date=date,
                    rates=dict(rates), rates_date=rates_date)


#: characters of text read at a time when a text is too big to hold whole
SECTION_CHARS = 250_000


def split_text_stream(lines: Iterable[str], source: str, *, date: str | None = None,
                      section_chars: int | None = None) -> Iterator[Document]:
    """:func:`split_text` for a text too big to hold: documents as the lines are read.

    The lines are taken a section (about ``section_chars``) at a time, cut at blank lines.
    A listing page is cut between its articles: the last article of a section is carried
    into the next, so no article is split unless it alone is bigger than a section. One
    giant article is cut at paragraph boundaries into parts titled "Headline (part 2)",
    and so on. Memory stays near a few sections whatever the length of the text.
    """
    section_chars = section_chars or SECTION_CHARS
    rates: dict[str, float] = {}
    page_date: str | None = None
    listing = False
    continuing: str | None = None  # the headline whose text runs on into the next section
    part = 2
    carry: list[str] = []
    first = True
    for section, last in _sections(lines, section_chars):
        kept, found, found_date = _clean(carry + section, look_for_date=first)
        rates.update(found)
        page_date = page_date or found_date
        the_date = date or page_date
        blocks = _blocks(kept)
        carry = []
        if first:
            pairs = _article_starts(blocks)
            listing = len(pairs) >= 2 or bool(pairs and (rates or page_date) and pairs[0] == 0)
            if not listing:
                document = _single(kept, source, the_date, rates, page_date)
                continuing, first = _short(document.title), False
                yield document
                continue
        first = False
        if not listing:
            body = "\n\n".join("\n".join(l.strip() for l in block) for block in blocks)
            yield Document(title=f"{continuing} (part {part})", body=body, source=source, date=the_date,
                           rates=dict(rates), rates_date=page_date)
            part += 1
            continue
        pairs = _article_starts(blocks)
        lead = blocks[:pairs[0]] if pairs else blocks
        if lead and continuing:  # the rest of an article too big for one section
            body = "\n\n".join("\n".join(l.strip() for l in block) for block in lead)
            yield Document(title=f"{continuing} (part {part})", body=body, source=source, date=the_date,
                           rates=dict(rates), rates_date=page_date)
            part += 1
        if not pairs:
            continue
        continuing = None
        for n, start in enumerate(pairs[:-1]):
            yield _article(blocks, start, pairs[n + 1], source, the_date, rates, page_date)
        tail = blocks[pairs[-1]:]
        if last or sum(len(l) + 1 for block in tail for l in block) > section_chars:
            document = _article(blocks, pairs[-1], len(blocks), source, the_date, rates, page_date)
            continuing, part = _short(document.title), 2
            yield document
        else:
            carry = [line for block in tail for line in (*block, "")]


def _short(title: str, limit: int = 120) -> str:
    """A headline short enough to repeat in the title of each part."""
    return title if len(title) <= limit else title[:limit].rsplit(" ", 1)[0] + "…"


def _sections(lines: Iterable[str], size: int) -> Iterator[tuple[list[str], bool]]:
    """Runs of lines of about ``size`` characters ending at a blank line, each with "is it the last"."""
    section: list[str] = []
    chars = 0
    pending: tuple[list[str], bool] | None = None
    for line in lines:
        section.append(line)
        chars += len(line) + 1
        if (chars >= size and not line.strip()) or chars >= 2 * size:
            if pending is not None:
                yield pending
            pending, section, chars = (section, False), [], 0
    if section:
        if pending is not None:
            yield pending
        yield section, True
    elif pending is not None:
        yield pending[0], True


def kept_has_text(kept: list[str]) -> bool:
    return any(l.strip() for l in kept)


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _single(lines: list[str], source: str, date: str | None, rates: dict[str, float],
            rates_date: str | None) -> Document:
    while lines and not lines[0].strip():
        lines = lines[1:]
    title = lines[0].strip() if lines else ""
    body_lines = lines[1:]
    while body_lines and not body_lines[0].strip():
        body_lines = body_lines[1:]
    body = "\n".join(l.rstrip() for l in body_lines).strip("\n")
    return Document(title=title, body=body, source=source, date=date, rates=rates, rates_date=rates_date)
