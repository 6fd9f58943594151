"""Gazetteers loaded once per process from the data files under ``kg/data``, and the
token-level phrase matching the entity extractors share.

Data files (each starts with a comment line naming its source):

- ``countries.csv``: every UN member state and a few more (ISO code, name, Wikidata item,
  other names, demonyms, capitals, currency and the currency words and index units that
  point to the country);
- ``regions.csv``: regions and cities with their country;
- ``bodies.jsonl``: legislatures, chambers, parties, UN organs and other organisations
  with their spellings and acronyms;
- ``posts.jsonl``: post titles ("President", "Prosecutor General", "MP", ...);
- ``media.csv``: news outlets cited as sources (never organizations of the graph);
- ``topics.txt``: words of ministry and committee names (never part of a person's name).

>>> [t.text for t in tokenize("Prosecutor General’s Office, U.S. Kassym-Jomart")]
['Prosecutor', 'General', '’s', 'Office', ',', 'U', '.', 'S', '.', 'Kassym-Jomart']
>>> country_record("kz").name
'Kazakhstan'
"""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Generic, Iterable, Iterator, TypeVar

__all__ = [
    "CountryRecord", "BodyRecord", "PostRecord", "Place", "Token", "PhraseIndex",
    "countries", "country_record", "data_lines", "tokenize", "place_index", "bodies",
    "body_index", "posts", "post_index", "media_names", "topic_words", "is_capitalized",
    "fold", "literal_prefixes", "Gate", "alternation", "special_tokens", "in_portfolio",
]

T = TypeVar("T")


def data_lines(name: str) -> list[str]:
    """The lines of a data file with ``#`` comment lines removed."""
    text = resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


# -- tokens ------------------------------------------------------------------------------

# a word keeps inner hyphens and apostrophes ("Kassym-Jomart", "so'm") but not a possessive
_TOKEN = re.compile(r"[^\W_]+(?:[’'\-‐](?![sS]\b)[^\W_]+)*|[’'][sS]\b|[^\w\s]")


@dataclass(slots=True)
class Token:
    """A word or mark and its character offsets (slotted: a document makes many of them)."""

    text: str
    start: int
    end: int

    @property
    def is_cap(self) -> bool:
        return is_capitalized(self.text)


def is_capitalized(word: str) -> bool:
    return bool(word) and word[0].isupper()


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Words, possessive ``’s`` and single punctuation marks, with offsets."""
    # map() over the matches' C methods: a quarter faster than a comprehension calling them
    found = list(_TOKEN.finditer(text))
    starts, ends = map(_START, found), map(_END, found)
    if offset:
        starts, ends = map(offset.__add__, starts), map(offset.__add__, ends)
    return list(map(Token, map(_GROUP, found), starts, ends))


_GROUP, _START, _END = re.Match.group, re.Match.start, re.Match.end


# -- cheap prefilters for costly patterns ---------------------------------------------------------

# the non-ASCII characters that a case-insensitive ``re`` pattern takes for an ASCII letter (İ ı ſ K):
# folded to that letter, so an ASCII keyword a pattern needs is always a substring of ``fold(text)``
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold(text: str) -> str:
    """``text`` lower-cased for keyword prefilters: if an ``re`` pattern (case-sensitive or
    not) matches an ASCII literal in ``text``, the literal, lower-cased, occurs in ``fold(text)``."""
    return text.lower() if text.isascii() else text.translate(_FOLD).lower()


try:  # Python 3.11+
    from re import _constants as _sre_c, _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _sre_c  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_ZERO_WIDTH = (_sre_c.AT, _sre_c.ASSERT, _sre_c.ASSERT_NOT)


def _prefixes_of(items: list, limit: int = 64) -> set[str] | None:
    """Literal strings one of which every match of the parsed sequence ``items`` starts with."""
    i = 0
    while i < len(items) and items[i][0] in _ZERO_WIDTH:
        i += 1
    if i == len(items):
        return None
    op, av = items[i]
    if op is _sre_c.LITERAL:
        chars = []
        while i < len(items) and items[i][0] is _sre_c.LITERAL:
            chars.append(chr(items[i][1]))
            i += 1
        return {"".join(chars)}
    if op is _sre_c.SUBPATTERN:
        return _prefixes_of(list(av[-1].data), limit)
    if op is _sre_c.BRANCH:
        out: set[str] = set()
        for alternative in av[1]:
            found = _prefixes_of(list(alternative.data), limit)
            if found is None:
                return None
            out |= found
            if len(out) > limit:
                return None
        return out
    if op is _sre_c.IN:
        chars = []
        for o, a in av:
            if o is not _sre_c.LITERAL:
                return None
            chars.append(chr(a))
        return set(chars) if chars else None
    return None


def literal_prefixes(pattern: re.Pattern) -> frozenset[str] | None:
    """Lower-cased ASCII strings such that every match of ``pattern`` starts with one of them
    (compare with :func:`fold` of the text); None when the pattern has no such literal start."""
    try:
        parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - a pattern this parser does not read: no prefilter
        return None
    found = _prefixes_of(list(parsed.data))
    if not found or any(not p or not p.isascii() for p in found):
        return None
    lowered = {p.lower() for p in found}
    # a prefix containing a shorter one adds nothing to the test "does one of them occur"
    minimal = {p for p in lowered if not any(q != p and q in p for q in lowered)}
    return frozenset(minimal)


class Gate:
    """A pattern with a cheap test that tells when it cannot match (no literal it starts with
    occurs in the folded text); matches are those of the pattern itself, unchanged."""

    __slots__ = ("pattern", "prefixes")

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        self.prefixes = literal_prefixes(pattern)

    def may_match(self, folded: str) -> bool:
        prefixes = self.prefixes
        if prefixes is None:
            return True
        for p in prefixes:  # a plain loop: about 1.5x faster than any() over a generator
            if p in folded:
                return True
        return False

    def finditer(self, text: str, folded: str | None = None):
        if self.prefixes is not None and not self.may_match(fold(text) if folded is None else folded):
            return iter(())
        return self.pattern.finditer(text)

    def search(self, text: str, folded: str | None = None):
        if self.prefixes is not None and not self.may_match(fold(text) if folded is None else folded):
            return None
        return self.pattern.search(text)


# characters a case-insensitive ``re`` pattern takes for an ASCII letter
_ASCII_LOOKALIKES = frozenset("\u0130\u0131\u017f\u212a")


def alternation(items: list[str], escape=re.escape, ignorecase: bool = False) -> str:
    """A regex fragment (one non-capturing group) that matches exactly as
    ``"(?:" + "|".join(escape(i) for i in items) + ")"`` does, with or without ``re.I``, but
    with the alternatives grouped by their first character ("fine|fined|prison" ->
    "f(?:ine|ined)|p(?:rison)"), so a position is rejected in one test per first character
    instead of one per alternative (``re`` tries alternatives one by one).

    Order is kept within a group; no character of a text can match the first characters of
    two groups (ASCII letters are grouped with their other case, so the group's first
    character is factored out only when all its items start with the same one), hence the
    first alternative that matches is the same. With ``ignorecase`` (the fragment is used under
    ``re.I``) an ASCII letter is factored out in lower case whatever the case of the items, as
    ``re.I`` matches "K" and "k" alike. Falls back to the plain alternation when an item is
    empty, an escaped item does not start with its escaped first character, or an item starts
    with a character ``re.I`` may take for another one.
    """
    plain = "(?:" + "|".join(escape(i) for i in items) + ")"
    groups: dict[str, list[str]] = {}
    other: list[str] = []  # cased non-ASCII first characters: one unfactored group
    for item in items:
        if not item:
            return plain
        c = item[0]
        e, head = escape(item), re.escape(c)
        if not e.startswith(head) or c in _ASCII_LOOKALIKES:
            return plain
        if c.isascii():
            groups.setdefault(c.lower(), []).append(item)
        elif c.lower() == c.upper() and c.casefold() == c:
            groups.setdefault(c, []).append(item)  # no case: matches only itself
        else:
            other.append(item)
    parts = []
    for key, members in groups.items():
        firsts = {m[0] for m in members}
        if len(firsts) == 1 or (ignorecase and key.isascii() and key.isalpha()):
            heads = [re.escape(m[0]) for m in members]
            parts.append(re.escape(key if len(firsts) > 1 else members[0][0]) + "(?:" + "|".join(
                escape(m)[len(h):] for m, h in zip(members, heads)) + ")")
        else:
            parts.append("(?:" + "|".join(escape(m) for m in members) + ")")
    if other:
        parts.append("(?:" + "|".join(escape(m) for m in other) + ")")
    return "(?:" + "|".join(parts) + ")"


def special_tokens(texts: list[str]) -> list[int]:
    """Positions of the tokens :meth:`PhraseIndex.match_at` may read as an entry's first word
    though the word itself is no entry's first word (an apostrophe, an all-capitals word)."""
    return [i for i, w in enumerate(texts) if "'" in w or (len(w) > 3 and w.isupper())]


def _key(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(w.replace("'", "’") for w in words)


class PhraseIndex(Generic[T]):
    """Token sequences mapped to values; finds the longest entry starting at a token.

    Lookup is exact on the tokens (apostrophes normalised); an all-capitals run in the
    text ("ASTANA") is also looked up in title case.
    """

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], T]]] = {}

    def add(self, phrase: str, value: T, *, fold_case: bool = False) -> None:
        words = _key(t.text for t in tokenize(phrase))
        if not words:
            return
        variants = {words}
        if fold_case:
            variants.add(tuple(w.lower() for w in words))
        for v in variants:
            bucket = self._by_first.setdefault(v[0], [])
            if all(seq != v for seq, _ in bucket):
                bucket.append((v, value))
                bucket.sort(key=lambda e: -len(e[0]))

    def match_at(self, tokens: list[Token], i: int) -> tuple[int, T] | None:
        """(length, value) of the longest entry starting at ``tokens[i]`` (None past the end)."""
        if i >= len(tokens):
            return None
        first = tokens[i].text
        if "'" in first:
            first = first.replace("'", "’")
        bucket = self._by_first.get(first)
        folded = False
        if bucket is None:
            if not (len(first) > 3 and first.isupper()):
                return None
            bucket = self._by_first.get(first.title())
            if bucket is None:
                return None
            folded = True
        size = len(tokens)
        for seq, value in bucket:
            n = len(seq)
            if i + n > size:
                continue
            if n == 1:
                return 1, value
            ok = True
            for offset in range(1, n):
                word = tokens[i + offset].text
                if "'" in word:
                    word = word.replace("'", "’")
                if folded and word.isupper():
                    word = word.title()
                if word != seq[offset]:
                    ok = False
                    break
            if ok:
                return n, value
        return None

    def matches(self, tokens: list[Token], texts: list[str], special: list[int]) -> list[tuple[int, int, T]]:
        """``list(self.finditer(tokens))``, given the tokens' texts and the positions of the tokens
        the cheap test lets through whatever the index (see :func:`special_tokens`): for reading
        one sentence with several indexes."""
        by_first = self._by_first
        candidates = [i for i, w in enumerate(texts) if w in by_first]
        if special:
            candidates = sorted(set(candidates).union(special))
        out = []
        following = 0  # the first token after the last match
        for i in candidates:
            if i < following:
                continue
            found = self.match_at(tokens, i)
            if found:
                out.append((i, i + found[0], found[1]))
                following = i + found[0]
        return out

    def finditer(self, tokens: list[Token]) -> Iterator[tuple[int, int, T]]:
        """Non-overlapping longest matches as (first token, end token, value)."""
        by_first = self._by_first
        i = 0
        size = len(tokens)
        while i < size:
            first = tokens[i].text
            # the cheap test ``match_at`` starts with: most tokens begin no entry
            if first not in by_first and "'" not in first and not (len(first) > 3 and first.isupper()):
                i += 1
                continue
            found = self.match_at(tokens, i)
            if found:
                yield i, i + found[0], found[1]
                i += found[0]
            else:
                i += 1


# -- countries and places -------------------------------------------------------------------

@dataclass(frozen=True)
class CountryRecord:
    iso: str
    name: str
    wikidata: str | None
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None
    currency: str | None
    units: tuple[str, ...] = ()

    @property
    def capitals(self) -> tuple[str, ...]:
        return tuple(c.strip() for c in (self.capital or "").split("|") if c.strip())


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(x.strip() for x in (value or "").split("|") if x.strip())


@lru_cache(maxsize=1)
def countries() -> dict[str, CountryRecord]:
    out = {}
    for row in csv.DictReader(data_lines("countries.csv")):
        out[row["iso"]] = CountryRecord(row["iso"], row["name"], row["wikidata"] or None, _split(row["aliases"]),
                                        _split(row["demonyms"]), row["capital"] or None, row["currency"] or None,
                                        _split(row.get("units")))
    return out


def country_record(iso: str) -> CountryRecord | None:
    return countries().get(iso.upper())


@dataclass(frozen=True)
class Place:
    """What a place word says: the country and how (name, alias, demonym, capital, region, unit)."""

    iso: str
    kind: str


@lru_cache(maxsize=1)
def place_index() -> PhraseIndex[Place]:
    index: PhraseIndex[Place] = PhraseIndex()
    # order matters only for identical phrases: the first kind added wins
    for rec in countries().values():
        index.add(rec.name, Place(rec.iso, "name"))
    for rec in countries().values():
        for alias in rec.aliases:
            index.add(alias, Place(rec.iso, "alias"))
    for rec in countries().values():
        for demonym in rec.demonyms:
            index.add(demonym, Place(rec.iso, "demonym"))
        for capital in rec.capitals:
            index.add(capital, Place(rec.iso, "capital"))
    for row in csv.DictReader(data_lines("regions.csv")):
        index.add(row["name"], Place(row["country"], "region"))
    for rec in countries().values():
        for unit in rec.units:
            index.add(unit, Place(rec.iso, "unit"), fold_case=not unit.isupper())
    return index


# -- bodies ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class BodyRecord:
    name: str
    aliases: tuple[str, ...]
    acronyms: tuple[str, ...]
    country: str | None
    kind: str | None
    house: str | None
    parent: str | None
    generic: bool


@lru_cache(maxsize=1)
def bodies() -> tuple[BodyRecord, ...]:
    out = []
    for line in data_lines("bodies.jsonl"):
        d = json.loads(line)
        out.append(BodyRecord(d["name"], tuple(d.get("aliases", ())), tuple(d.get("acronyms", ())),
                              d.get("country"), d.get("kind"), d.get("house"), d.get("parent"),
                              bool(d.get("generic"))))
    return tuple(out)


@lru_cache(maxsize=1)
def body_index() -> PhraseIndex[tuple[BodyRecord, str]]:
    """Every spelling of every body -> (record, how it was named: name, alias or acronym)."""
    index: PhraseIndex[tuple[BodyRecord, str]] = PhraseIndex()
    for rec in bodies():
        index.add(rec.name, (rec, "name"))
    for rec in bodies():
        for alias in rec.aliases:
            index.add(alias, (rec, "alias"))
        for acronym in rec.acronyms:
            index.add(acronym, (rec, "acronym"))
    return index


# -- posts ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PostRecord:
    title: str
    kind: str | None
    lower: bool
    country: str | None


@lru_cache(maxsize=1)
def posts() -> tuple[PostRecord, ...]:
    out = []
    for line in data_lines("posts.jsonl"):
        d = json.loads(line)
        out.append(PostRecord(d["title"], d.get("kind"), bool(d.get("lower")), d.get("country")))
    return tuple(out)


@lru_cache(maxsize=1)
def post_index() -> PhraseIndex[PostRecord]:
    """Post titles as written; those marked ``lower`` also in lower case ("deputy")."""
    index: PhraseIndex[PostRecord] = PhraseIndex()
    for rec in posts():
        index.add(rec.title, rec, fold_case=rec.lower)
        if rec.lower and rec.title[0].isupper():
            index.add(rec.title.capitalize(), rec)  # "Co-founder" / "Vice chair"
    return index


# -- stop lists ----------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def media_names() -> PhraseIndex[str]:
    index: PhraseIndex[str] = PhraseIndex()
    for row in csv.DictReader(data_lines("media.csv")):
        index.add(row["name"], row["name"])
    return index


@lru_cache(maxsize=1)
def topic_words() -> frozenset[str]:
    return frozenset(w.strip().replace("'", "’") for w in data_lines("topics.txt"))


#: words that open a post or a ministry whose portfolio follows "of"/"for"
_PORTFOLIO_HEADS = frozenset("Minister Ministers Ministry Secretary State Department Commissioner Committee Commission "
                             "Portfolio Cabinet".split())


def in_portfolio(tokens: list[Token], i: int) -> bool:
    """Whether ``tokens[i]`` opens the portfolio of a post or ministry ("Minister for Law and Justice",
    "Ministry of Law and Justice"): words there name a field, not a body (a party of those words)."""
    return i >= 2 and tokens[i - 1].text in ("of", "for") and tokens[i - 2].text in _PORTFOLIO_HEADS
