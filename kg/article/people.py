"""A post named in one place, its holder in another: who the article's unnamed head of state is.

News often names the office where a bill goes ("sent to the President", "the head of state has
a month") and the person apart, without the title, as the one doing what only that office does:
"<First Last> has to sign the document", "<First Last> vetoed the bill", "<First Last> will sign
it into law". The per-sentence person reader needs a title next to the name, so it misses such
a holder. Read over the whole article, the name doing the head of state's act (sign, veto,
promulgate a legal text) is the holder of the head-of-state post the article names elsewhere,
in the country of the law, when the article has no named holder of that post already.
"""
from __future__ import annotations

import re

from .. import iris
from ..extract.gazetteers import Token, place_index
from ..extract.model import Person, Post
from ..extract.persons import _never_names  # the words the person reader never takes for a name

__all__ = ["unnamed_head_of_state"]

_NAME = r"(?P<name>[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?(?:\s+[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?){1,2})"
_MODAL = (r"(?:(?:has|have|had|is|was)\s+(?:yet\s+|still\s+)?to\s+|(?:is|was)\s+(?:expected|due|set|scheduled|likely|"
          r"required|obliged)\s+to\s+|(?:will|would|must|may|might|should|can|could|did|has|had)\s+(?:not\s+)?"
          r"(?:yet\s+|already\s+|now\s+)?)?")
_ACT = r"(?:sign|signs|signed|veto|vetoes|vetoed|promulgate|promulgates|promulgated)"
_TEXT = (r"(?:\s+(?:it|them)\b|\s+into\s+law\b|\s+(?:off\s+on\s+)?(?:(?:the|a|an|this|that|these|those|both|two|new)\s+)?"
         r"(?:[\w’'-]+\s+){0,3}?(?:document|documents|bill|bills|law|laws|decree|decrees|amendments?|measure|"
         r"legislation|act|code)\b)")
_HOLDER_ACT = re.compile(rf"(?<![\w’'-]){_NAME}\s+{_MODAL}{_ACT}{_TEXT}")
#: the office, named without a holder: its word, as the article writes it
_OFFICE = re.compile(r"\b(?:(?P<president>[Pp]resident)|(?P<head>head\s+of\s+(?:the\s+)?state)|(?P<king>[Kk]ing)|"
                     r"(?P<emir>[Ee]mir))\b")
_OFFICE_TITLE = {"president": "President", "head": "President", "king": "King", "emir": "Emir"}


def _office(text: str) -> str | None:
    """The head-of-state title the article uses ("head of state" stands for a president)."""
    found = {m.lastgroup for m in _OFFICE.finditer(text)}
    for group in ("president", "head", "king", "emir"):
        if group in found:
            return _OFFICE_TITLE[group]
    return None


def unnamed_head_of_state(ctx, people, country: str | None) -> str | None:
    """Add the person who does the head of state's act under a name alone; returns its key."""
    if country is None or people.heads_of_state(country):
        return None
    office = _office(ctx.text)
    if office is None:
        return None
    never = _never_names()
    org_words = {w for o in ctx.extraction.organizations for w in re.findall(r"[A-Z][\w’'-]+", o.name)}
    for k, sentence in enumerate(ctx.sentences):
        for m in _HOLDER_ACT.finditer(sentence.text):
            words = m.group("name").split()
            if any(w in never or w in org_words for w in words) or _is_place(words):
                continue
            before = sentence.text[:m.start()].split()
            if before and before[-1][:1].isupper() and before[-1].isalpha():
                continue  # a title before the name ("Speaker Ann Lee signed"): a holder of another post
            name = " ".join(words)
            key = iris.slug(name)
            person = people.persons.get(key)
            if person is not None and person.posts:
                continue  # a person the article gives a post already holds that one
            if person is None:
                person = Person(key=key, name=name)
                ctx.extraction.persons.append(person)
                people.persons[key] = person
            if all(p.title != office or p.country != country for p in person.posts):
                person.posts.append(Post(title=office, country=country))
            ev = ctx.evidence(ctx.sentences[k])
            if ev not in person.evidence:
                person.evidence.append(ev)
            return key
    return None


def _is_place(words: list[str]) -> bool:
    tokens = [Token(w, 0, 0) for w in words]
    return any(place_index().match_at(tokens, i) is not None for i in range(len(tokens)))
