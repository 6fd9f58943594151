"""The cheap first pass: can a document carry a legislative fact at all?

A day of news is mostly not about law (sport, business, weather, culture). Before any reader
runs, a few regular-expression scans of the text look for a verb that tells a legal change by
itself ("criminalise", "repeal", "veto"), a sentence-sized window that holds a word naming an
act or a legislature (or an article of a code) together with a word of a legislative step or
of a penalty, or a penalty word next to a number ("fined 5,000", "ten years in prison"). A
document without one is not read: it is stored with its metadata and nothing else. The words are data (``kg/data/legal_cues.jsonl``),
kept broad on purpose: a cue lets a document through, it decides no fact, so the gate errs
towards reading.

>>> may_carry_law("The striker signed a three-year contract with the club on Monday.")
False
>>> may_carry_law("The Senate passed the bill on Tuesday.")
True
>>> may_carry_law("Offenders face a fine of up to 5,000 euros.")
True
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

from .gazetteers import data_lines

__all__ = ["may_carry_law", "WINDOW", "NUMBER_WINDOW"]

#: how far (characters) a step or penalty word may be from the act word: about a sentence
WINDOW = 200
#: how far a number may be from a penalty word ("fined 5,000", "5 years in prison")
NUMBER_WINDOW = 60


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    groups: dict[str, list[str]] = {}
    for line in data_lines("legal_cues.jsonl"):
        d = json.loads(line)
        if "group" in d:
            groups[d["group"]] = d["words"]

    def rx(*names: str) -> re.Pattern:
        words = sorted({w for n in names for w in groups[n]}, key=len, reverse=True)
        return re.compile(r"\b(?:" + "|".join(words) + r")(?![\w-])")

    return rx("acts", "article"), rx("steps", "penalties"), rx("priced"), rx("alone")


_DIGIT = re.compile(r"\d")


def may_carry_law(text: str) -> bool:
    """True if ``text`` holds a window where news could be telling a legislative fact."""
    anchor, action, penalty, alone = _patterns()
    text = text.lower()  # the patterns are lower case: faster than matching without case
    if alone.search(text):
        return True
    for m in anchor.finditer(text):
        lo, hi = max(0, m.start() - WINDOW), min(len(text), m.end() + WINDOW)
        if action.search(text, lo, m.start()) or action.search(text, m.end(), hi):
            return True
    for m in penalty.finditer(text):
        if _DIGIT.search(text, max(0, m.start() - NUMBER_WINDOW), min(len(text), m.end() + NUMBER_WINDOW)):
            return True
    return False
