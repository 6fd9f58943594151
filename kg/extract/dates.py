"""Dates in news text, absolute or relative, as ISO lexical forms as precise as the text.

:func:`find_dates` returns every date mention in a piece of text with its value
("2024-04-15", "2023-12", "1999"); relative mentions ("yesterday", "on Monday", "last
week", "this year", "in April") are resolved against a reference date (the document's
own) and stay ``None`` without one. :func:`dateline_date` reads the date a news body
opens with ("DUSHANBE, November 26, 2008", "29 June 2022, 12:59").

>>> [d.value for d in find_dates("On April 15, 2024 and in December 2023", None)]
['2024-04-15', '2023-12']
>>> [d.value for d in find_dates("approved yesterday", "2014-05-18")]
['2014-05-17']
>>> dateline_date("OREANDA-NEWS. November 06, 2009. The chamber passed")
'2009-11-06'
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["DateMention", "find_dates", "dateline_date", "byline_date", "resolve_relative", "MONTHS", "year_of"]

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
         "oct": 10, "nov": 11, "dec": 12}
_WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"

_PATTERNS = [
    ("mdy", re.compile(rf"\b({_MONTH})\s+({_DAY}),?\s+({_YEAR})\b")),
    ("dmy", re.compile(rf"\b({_DAY})(?:\s+of)?\s+({_MONTH}),?\s+({_YEAR})\b")),
    ("iso", re.compile(r"\b(20\d\d|19\d\d)-([01]\d)-([0-3]\d)\b")),
    ("dotted", re.compile(r"\b([0-3]?\d)\.([01]?\d)\.(20\d\d|19\d\d)\b")),
    ("my", re.compile(rf"\b({_MONTH}),?\s+({_YEAR})\b")),
    ("md", re.compile(rf"\b({_MONTH})\s+({_DAY})\b(?!,?\s+{_YEAR})(?!\s*(?:%|years?|months?|days?))")),
    ("dm", re.compile(rf"\b({_DAY})\s+({_MONTH})\b(?!,?\s+{_YEAR})")),
    ("y", re.compile(rf"\b(?:in|since|of|by|from|until|before|after|during|year)\s+({_YEAR})\b(?!\s*(?:\)|,\s*\d))", re.I)),
    ("m", re.compile(rf"\b(?i:in|since|by|from|until|early|late|mid-?|last|this|next|on)\s+({_MONTH})\b(?!\s+{_DAY}\b)(?!,?\s+{_YEAR})")),
    ("rel", re.compile(r"\b(yesterday|today|tonight|this year|last year|next year|this month|last month|"
                       r"last week|this week|earlier this (?:year|month|week))\b", re.I)),
    ("wd", re.compile(r"\b(?:on|last|this|next)\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", re.I)),
]
# what each pattern needs in the text, tested before running it: a digit (day, year), a month
# name (case-sensitive; every spelling starts with one of these), a relative or weekday word
_DIGIT = re.compile(r"\d")
_MONTH_STARTS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_NEEDS_DIGIT = {"mdy", "dmy", "iso", "dotted", "my", "md", "dm", "y"}
_NEEDS_MONTH = {"mdy", "dmy", "my", "md", "dm", "m"}
_REL_WORDS = ("yesterday", "today", "tonight", "year", "month", "week")
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})  # as gazetteers.fold
_MAY_VERB = re.compile(r"\bmay\s+(?:be|have|not|also|face|soon|now|become|take)\b", re.I)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: str | None  # ISO date / year-month / year, or None when it could not be resolved
    relative: bool = False


def _month(word: str) -> int | None:
    w = word.lower().rstrip(".")
    return MONTHS.get(w) or _ABBR.get(w)


def _day(word: str) -> int:
    return int(re.match(r"\d+", word).group(0))


def _ref(ref: str | None) -> tuple[int | None, int | None, int | None]:
    if not ref:
        return None, None, None
    parts = [int(p) for p in ref.split("-")[:3]]
    return tuple(parts + [None] * (3 - len(parts)))  # type: ignore[return-value]


def _iso(y: int, m: int | None = None, d: int | None = None) -> str | None:
    try:
        if d is not None and m is not None:
            return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None
    if m is not None:
        return f"{y:04d}-{m:02d}" if 1 <= m <= 12 else None
    return f"{y:04d}"


def year_of(value: str | None) -> int | None:
    return int(value[:4]) if value and re.match(r"\d{4}", value) else None


def resolve_relative(phrase: str, ref: str | None) -> str | None:
    """The ISO value of "yesterday", "last year", "on Monday", "in April"... against ``ref``."""
    ry, rm, rd = _ref(ref)
    if ry is None:
        return None
    p = phrase.lower().strip()
    if p in ("this year", "earlier this year"):
        return f"{ry:04d}"
    if p == "last year":
        return f"{ry - 1:04d}"
    if p == "next year":
        return f"{ry + 1:04d}"
    if rm is None:
        return None
    if p in ("this month", "earlier this month"):
        return _iso(ry, rm)
    if p == "last month":
        return _iso(ry - 1, 12) if rm == 1 else _iso(ry, rm - 1)
    if rd is None:
        return None
    base = _dt.date(ry, rm, rd)
    if p in ("today", "tonight"):
        return base.isoformat()
    if p == "yesterday":
        return (base - _dt.timedelta(days=1)).isoformat()
    if p in ("last week",):
        d = base - _dt.timedelta(days=7)
        return _iso(d.year, d.month)
    if p in ("this week", "earlier this week"):
        return _iso(base.year, base.month)
    word = p.split()[-1]
    if word in _WEEKDAYS:
        back = (base.weekday() - _WEEKDAYS[word]) % 7
        if p.startswith("last") and back == 0:
            back = 7
        if p.startswith("next"):
            return (base + _dt.timedelta(days=(_WEEKDAYS[word] - base.weekday()) % 7 or 7)).isoformat()
        return (base - _dt.timedelta(days=back)).isoformat()
    return None


def find_dates(text: str, ref: str | None) -> list[DateMention]:
    """Every date mention in ``text``, left to right, without overlaps."""
    return list(_find_dates(text, ref))


@lru_cache(maxsize=4096)
def _find_dates(text: str, ref: str | None) -> tuple[DateMention, ...]:
    # memoized: the law, penalty and event readers ask for the dates of the same sentences
    ry, rm, _ = _ref(ref)
    has_digit = _DIGIT.search(text) is not None
    has_month = any(m in text for m in _MONTH_STARTS)
    if not has_digit and not has_month:
        folded = text.lower() if text.isascii() else text.translate(_FOLD).lower()
        if "day" not in folded and not any(w in folded for w in _REL_WORDS):
            return ()
    found: list[DateMention] = []
    mask = bytearray(len(text) + 1)  # 1 where a date was already read: linear, whatever the number of dates

    def free(s: int, e: int) -> bool:
        return not any(mask[s:e])

    for kind, pattern in _PATTERNS:
        if (not has_digit and kind in _NEEDS_DIGIT) or (not has_month and kind in _NEEDS_MONTH):
            continue  # the pattern cannot match: skip it
        for m in pattern.finditer(text):
            s, e = m.span()
            if not free(s, e):
                continue
            value, relative = None, False
            g = m.groups()
            if kind == "mdy":
                mo = _month(g[0])
                value = _iso(int(g[2]), mo, _day(g[1])) if mo else None
            elif kind == "dmy":
                mo = _month(g[1])
                value = _iso(int(g[2]), mo, _day(g[0])) if mo else None
            elif kind == "iso":
                value = _iso(int(g[0]), int(g[1]), int(g[2]))
            elif kind == "dotted":
                value = _iso(int(g[2]), int(g[1]), int(g[0]))
            elif kind == "my":
                mo = _month(g[0])
                value = _iso(int(g[1]), mo) if mo else None
            elif kind in ("md", "dm"):
                mo_word, day_word = (g[0], g[1]) if kind == "md" else (g[1], g[0])
                if mo_word.lower().startswith("may") and _MAY_VERB.match(text, m.start()):
                    continue
                mo = _month(mo_word)
                if not mo or _day(day_word) > 31 or _day(day_word) == 0:
                    continue
                relative = True
                if ry is not None:
                    year = ry - 1 if rm is not None and mo > rm else ry
                    value = _iso(year, mo, _day(day_word))
            elif kind == "y":
                value = g[0]
                s = m.start(1)
            elif kind == "m":
                if g[0].lower().startswith("may") and _MAY_VERB.match(text, m.start(1)):
                    continue
                mo = _month(g[0])
                relative = True
                if ry is not None and mo:
                    prefix = m.group(0).lower()
                    if prefix.startswith("next"):
                        year = ry + 1 if rm is not None and mo <= rm else ry
                    else:
                        year = ry - 1 if rm is not None and mo > rm else ry
                    value = _iso(year, mo)
            elif kind in ("rel", "wd"):
                relative = True
                value = resolve_relative(m.group(0) if kind == "wd" else g[0], ref)
            found.append(DateMention(s, e, value, relative))
            mask[s:e] = b"\x01" * (e - s)
    found.sort(key=lambda d: d.start)
    return tuple(found)


_DATELINE = re.compile(
    rf"^\s*(?:[A-Z][A-Za-z\-]*(?:[ \-][A-Z][A-Za-z\-]*){{0,3}}\s*[.,:\-–—]\s*)?"
    rf"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    rf"((?:{_MONTH})\s+{_DAY},?\s+{_YEAR}|{_DAY}\s+(?:{_MONTH}),?\s+{_YEAR}|(?:20|19)\d\d-\d\d-\d\d)"
    rf"(?=\s|[,.|]|$)")


def dateline_date(body: str) -> str | None:
    """The date a news body opens with, if it opens with one (a dateline), else None."""
    m = _DATELINE.match(body[:200])
    if not m:
        return None
    dates = find_dates(m.group(1), None)
    return dates[0].value if dates else None


#: a byline or publication line near the top of a body: "By A. Author for Outlet April 22, 2024",
#: "Published: 22 April 2024", "Posted on 3 May 2023 12:04", "Updated 2024-04-22"
_BYLINE = re.compile(r"^\s*(?:[Bb]y\s+(?:(?:[A-Z][\w.'’-]*|for|and|of|the|at|&|,|[-–—|•·])\s*){1,12}?"
                     r"|(?i:published|posted|updated|date|dated)(?:\s+on)?\s*:?\s*)"
                     rf"((?i:{_MONTH})\s+{_DAY},?\s+{_YEAR}|{_DAY}\s+(?i:{_MONTH}),?\s+{_YEAR}|(?:20|19)\d\d-\d\d-\d\d)"
                     r"(?:[\s,|]+(?:at\s+)?\d\d?[:.]\d\d(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4})?)?\s*$")


def byline_date(body: str, lines: int = 12) -> str | None:
    """The full date of a byline or publication line among the first short lines of a body."""
    for line in body[:2000].split("\n")[:lines]:
        if len(line) > 160:
            continue
        m = _BYLINE.match(line)
        if m:
            dates = find_dates(m.group(1), None)
            if dates and dates[0].value and len(dates[0].value) == 10:
                return dates[0].value
    return None
