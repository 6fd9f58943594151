"""Numbers as news prints them: digits with separators, words, scale words, fractions.

``NUMBER`` is a regular-expression fragment (no groups) that other extractors embed;
:func:`parse_number` turns the matched text into a float. Scale words ("million",
"lakh", "crore") multiply; "half" and "a"/"an" count as 0.5 and 1 where a quantity is
expected ("a year", "half a year").

>>> parse_number("30,000")
30000.0
>>> parse_number("twenty-five")
25.0
>>> parse_number("5 lakh")
500000.0
>>> parse_number("4.5 million")
4500000.0
"""
from __future__ import annotations

import re

__all__ = ["NUMBER", "NUMBER_RE", "parse_number", "WORD_VALUES", "ordinal_value", "may_hold_number"]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "mln": 1_000_000, "m": 1_000_000,
           "billion": 1_000_000_000, "bln": 1_000_000_000, "bn": 1_000_000_000, "lakh": 100_000,
           "lakhs": 100_000, "lac": 100_000, "crore": 10_000_000, "crores": 10_000_000}
#: every single number word and its value
WORD_VALUES = {**_UNITS, **_TENS, "a": 1, "an": 1, "half": 0.5, "dozen": 12}

_UNIT_WORDS = "|".join(sorted(_UNITS, key=len, reverse=True))
_TEN_WORDS = "|".join(_TENS)


def _by_first_letter(items: list[tuple[str, str]]) -> str:
    """``"(?:" + "|".join(word + tail ...) + ")"`` with the alternatives grouped by their first
    letter, order kept within a letter: the same matches (two words with different first letters
    never match at one place), but ``re`` rejects a position in one test per letter instead of
    one per word."""
    groups: dict[str, list[str]] = {}
    for word, tail in items:
        groups.setdefault(word[0], []).append(word[1:] + tail)
    return "(?:" + "|".join(c + "(?:" + "|".join(g) + ")" for c, g in groups.items()) + ")"


_UNITS_BY_LENGTH = sorted(_UNITS, key=len, reverse=True)
# = rf"(?:(?:{_TEN_WORDS})(?:[- ](?:{_UNIT_WORDS}))?|{_UNIT_WORDS})", grouped by first letter
_WORD = _by_first_letter([(t, rf"(?:[- ]{_by_first_letter([(u, '') for u in _UNITS_BY_LENGTH])})?") for t in _TENS]
                         + [(u, "") for u in _UNITS_BY_LENGTH])
_DIGITS = r"\d{1,2},(?:\d{2},){1,4}\d{3}(?!\d|,\d)|\d{1,3}(?:,\d{3}){1,4}(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3}){1,4}(?!\d|,\d)|\d{1,12}(?:\.\d{1,6})?"
_SCALE = r"(?:[ \u00a0-]?(?:hundred|thousand|million|mln|billion|bln|bn|lakhs?|lac|crores?)\b)?"
#: a number in digits or words, with an optional scale word (no capturing groups)
NUMBER = rf"(?:(?:{_DIGITS})|\b{_WORD}\b(?:[ -](?:hundred)\b(?:(?: and)? {_WORD}\b)?)?){_SCALE}"
NUMBER_RE = re.compile(NUMBER, re.I)

_DIGIT = re.compile(r"\d")
# the number words of NUMBER, minus those containing a shorter one ("fourteen" holds "four")
_NUMBER_WORDS = tuple(w for w in (*_UNITS, *_TENS) if not any(o != w and o in w for o in (*_UNITS, *_TENS)))
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})  # as gazetteers.fold


def may_hold_number(text: str) -> bool:
    """False when NUMBER cannot match anywhere in ``text`` (no digit, no number word): a cheap
    test before running a pattern built on NUMBER."""
    if _DIGIT.search(text):
        return True
    folded = text.lower() if text.isascii() else text.translate(_FOLD).lower()
    return any(w in folded for w in _NUMBER_WORDS)


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10, "final": None}


def parse_number(text: str) -> float | None:
    """The value of a number written in digits or words ("7.8 million", "three", "Rs500,000")."""
    if not text:
        return None
    t = text.strip().lower().replace("\u00a0", " ").replace("\u202f", " ")
    m = re.match(r"(\d[\d, ]*(?:\.\d+)?)\s*-?\s*([a-z]+)?$", t)
    if m:
        digits = m.group(1).replace(",", "").replace(" ", "")
        try:
            value = float(digits)
        except ValueError:
            return None
        scale = m.group(2)
        if scale:
            if scale not in _SCALES:
                return None
            value *= _SCALES[scale]
        return value
    total, current = 0.0, 0.0
    seen = False
    for word in re.split(r"[\s-]+", t):
        if not word or word == "and":
            continue
        if word in WORD_VALUES:
            current += WORD_VALUES[word]
            seen = True
        elif word == "hundred":
            current = (current or 1) * 100
            seen = True
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


def ordinal_value(word: str) -> int | None:
    """1 for "first" or "1st"; None when not an ordinal."""
    w = word.lower()
    if w in _ORDINALS:
        return _ORDINALS[w]
    m = re.fullmatch(r"(\d{1,6})(?:st|nd|rd|th)", w)
    return int(m.group(1)) if m else None
