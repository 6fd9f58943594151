"""What the legal extractors (laws, articles, penalties, events) share.

The code gazetteer (``kg/data/codes.jsonl``), the jurisdiction of a document (through
the country extractor's helpers), which sentence holds an offset, and the mentions of
persons and organizations already extracted, so an event can name its agents.
"""
from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from functools import lru_cache

from .gazetteers import countries, data_lines, fold

__all__ = ["CodeName", "code_names", "CODE_RE", "canonical_code", "main_country", "find_country",
           "sentence_index", "AgentMention", "agent_mentions", "agent_role", "words_of"]


@dataclass(frozen=True)
class CodeName:
    name: str  # canonical
    spelling: str


@lru_cache(maxsize=1)
def code_names() -> dict[str, str]:
    """Lower-cased spelling -> canonical code name."""
    out: dict[str, str] = {}
    for line in data_lines("codes.jsonl"):
        row = json.loads(line)
        if "name" not in row:
            continue
        for spelling in row.get("spellings", []) + [row["name"]]:
            if spelling not in row.get("abbr", []):
                out[spelling.lower()] = row["name"]
    return out


@lru_cache(maxsize=1)
def code_abbreviations() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in data_lines("codes.jsonl"):
        row = json.loads(line)
        for abbr in row.get("abbr", []):
            out[abbr] = row["name"]
    return out


@lru_cache(maxsize=1)
def _code_regex() -> re.Pattern:
    spellings = sorted(code_names(), key=len, reverse=True)
    alt = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in spellings)
    abbr = "|".join(re.escape(a) for a in sorted(code_abbreviations(), key=len, reverse=True))
    return re.compile(rf"(?i:\b(?P<code>{alt})\b)|\b(?P<abbr>{abbr})\b")


class _LazyCodeRe:
    def finditer(self, text: str):
        return _code_regex().finditer(text)

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        return _code_regex().search(text, pos, len(text) if endpos is None else endpos)


#: matches any spelling of a code name (group "code") or its abbreviation (group "abbr")
CODE_RE = _LazyCodeRe()


def canonical_code(spelling: str) -> str | None:
    s = re.sub(r"\s+", " ", spelling.strip())
    return code_names().get(s.lower()) or code_abbreviations().get(s)


# -- countries -------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _country_regex() -> tuple[re.Pattern, dict[str, str]]:
    lookup: dict[str, str] = {}
    for iso, rec in countries().items():
        for name in (rec.name, *rec.aliases, *rec.demonyms):
            if name and len(name) > 2:
                lookup[name.lower()] = iso
    alt = "|".join(re.escape(n) for n in sorted(lookup, key=len, reverse=True))
    return re.compile(rf"\b(?:{alt})\b", re.I), lookup


def _fallback_find_country(text: str) -> str | None:
    pattern, lookup = _country_regex()
    m = pattern.search(text)
    return lookup.get(m.group(0).lower()) if m else None


def find_country(text: str) -> str | None:
    """The ISO code of the first country named in ``text`` (by name, alias or demonym)."""
    try:
        from . import countries as _countries  # the country extractor's own helper, when present
        helper = getattr(_countries, "find_country", None)
    except ImportError:
        helper = None
    if helper is not None:
        found = helper(text)
        if isinstance(found, str) or found is None:
            return found
        return getattr(found, "iso", None)
    return _fallback_find_country(text)


def main_country(ctx) -> str | None:
    """The jurisdiction a document is mainly about (the country extractor decides)."""
    try:
        from . import countries as _countries
        helper = getattr(_countries, "main_country", None)
    except ImportError:
        helper = None
    if helper is not None:
        return helper(ctx)
    if ctx.extraction.countries:
        return ctx.extraction.countries[0]
    pattern, lookup = _country_regex()
    counts: dict[str, int] = {}
    title = ctx.document.title
    for m in pattern.finditer(ctx.text):
        iso = lookup.get(m.group(0).lower())
        if iso:
            counts[iso] = counts.get(iso, 0) + (3 if m.start() < len(title) else 1)
    return max(counts, key=lambda k: counts[k]) if counts else None


# -- sentences ---------------------------------------------------------------------------------

def sentence_index(ctx, offset: int) -> int:
    starts = ctx.notes.get("_sentence_starts")
    if starts is None:
        starts = [s.start for s in ctx.sentences]
        ctx.notes["_sentence_starts"] = starts
    return max(0, bisect.bisect_right(starts, offset) - 1)


_WORD = re.compile(r"[a-z0-9]+")
_STOP = set("a an the of on in for to and or by with at from as its their his her this that some "
            "is are was were be been".split())


def words_of(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


# -- agents --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class AgentMention:
    start: int  # offsets in the sentence text
    end: int
    key: str | None  # a Person or Organization key; None for a generic reference with no entity behind it
    role: str  # president, government, legislator, chamber, party, court, other
    person: bool = False  # a named person (not an organization or a generic reference)


_PRESIDENT = re.compile(r"\b(?:president|head of state|king|emir|amir|supreme leader|monarch)\b", re.I)
_GOVERNMENT = re.compile(r"\b(?:minister|ministry|government|cabinet|prime minister|attorney general|"
                         r"prosecutor|secretary|council of ministers|administration)\b", re.I)
_LEGISLATOR = re.compile(r"\b(?:mp|deputy|deputies|senator|member of parliament|lawmaker|parliamentarian|"
                         r"congressman|congresswoman|legislator|member|chairman|chairperson|chair|speaker|"
                         r"rapporteur|majority leader|minority leader|whip|representative|rep\.?|assemblyman|"
                         r"assemblywoman|assembly member|councillor|councilor)(?!\w)", re.I)
_CHAMBER = re.compile(r"\b(?:parliament|assembly|senate|duma|majilis|mazhilis|majlis|majlisi|jirga|congress|"
                      r"house|chamber|council|sangsad|kurultai|kenesh|oliy|rada|seimas|sejm|knesset|verkhovna|"
                      r"legislature|sabor|diet|riksdag|bundestag|national assembly|lok sabha|rajya sabha|"
                      r"mejlis|milli majlis|jatiya)\b", re.I)
_COMMITTEE = re.compile(r"\b(?:committee|commission|subcommittee|faction)\b", re.I)
_PARTY = re.compile(r"\b(?:party|movement|front|alliance|bloc|union|dream|socialists|democrats|coalition)\b", re.I)
_COURT = re.compile(r"\bcourt\b", re.I)


def agent_role(name: str, kind: str | None = None, posts: tuple[str, ...] = ()) -> str:
    """A coarse role for deciding event types: president, government, legislator, chamber, party..."""
    if posts:
        joined = " ".join(posts)
        if _PRESIDENT.search(joined) and not re.search(r"\bvice[- ]president|president (?:of|for) the \w+ "
                                                       r"(?:bar|association|union|club|federation)", joined, re.I):
            return "president"
        if re.search(r"\bprime minister\b|\bminister\b|\bgovernment\b|attorney general|secretary", joined, re.I) \
                and not re.search(r"\bshadow\b", joined, re.I):
            return "government"
        if _LEGISLATOR.search(joined):
            return "legislator"
        return "other"
    k = (kind or "").lower()
    if k in ("legislature", "chamber", "parliament"):
        return "chamber"
    if k in ("committee",):
        return "committee"
    if k in ("government", "ministry", "cabinet", "agency"):
        return "government"
    if k in ("party",):
        return "party"
    if k in ("court",):
        return "court"
    if _COMMITTEE.search(name):
        return "committee"
    if _COURT.search(name):
        return "court"
    if re.search(r"\b(?:ministry|cabinet|government|council of ministers)\b", name, re.I):
        return "government"
    if _CHAMBER.search(name):
        return "chamber"
    if _PARTY.search(name):
        return "party"
    return "other"


_GENERIC_CHAMBER = re.compile(
    r"\b(?:the\s+)?(?:[Dd]eputies|[Ll]awmakers|[Ll]egislators|[Pp]arliamentarians|MPs|MPS|[Ss]enators|members of parliament|"
    r"(?:[Ll]ower|[Uu]pper|[Tt]he)\s+(?:house|chamber|House|Chamber)|chamber|house|parliament|Parliament|House|"
    r"(?:[Ss]tate\s+)?[Ll]egislature|(?:[Ss]tate\s+|[Gg]eneral\s+|[Pp]rovincial\s+)?Assembly|"
    r"Senate|State Duma|Duma|Majilis|Mazhilis|Majlis|Majlisi\s+\w+|Milli Majlis|Oliy Majlis|Jogorku Kenesh|"
    r"Wolesi Jirga|Wolisi Jirga|Jirga|National Assembly|Legislative Chamber|Verkhovna Rada|Congress|Sangsad|"
    r"Jatiya Sangsad|Mejlis|Knesset|Seimas|Sejm|Bundestag|Lok Sabha|Rajya Sabha|Grand National Assembly)\b")
_GENERIC_PRESIDENT = re.compile(r"\b(?:the\s+)?(?:President|president|head of state)\b(?!\s+(?:of|for)\s+the\s+\w+\s+"
                                r"(?:Bar|Association|Union))")
_GENERIC_GOVERNMENT = re.compile(r"\b(?:the\s+)?(?:government|Government|cabinet|Cabinet)\b")
_GENERIC_MINISTER = re.compile(r"\b(?:the\s+)?(?:[A-Z][a-z]+\s+)?[Mm]inister\b")


@dataclass
class _AgentIndex:
    pattern: _Surfaces | None
    lookup: dict[str, tuple[str, str, bool]]  # lowered surface -> (key, role, is a person)
    chambers: list[tuple[str, str]]  # (key, name) in document order
    presidents: list[str]
    ministers: list[str]
    governments: list[str]


def _agent_index(ctx) -> _AgentIndex:
    cached = ctx.notes.get("_agent_index")
    if cached is not None and cached[0] == (len(ctx.extraction.persons), len(ctx.extraction.organizations)):
        return cached[1]
    lookup: dict[str, tuple[str, str, bool]] = {}
    chambers, presidents, ministers, governments = [], [], [], []
    for org in ctx.extraction.organizations:
        role = agent_role(org.name, org.kind)
        for surface in (org.name, *org.aliases):
            if surface and len(surface) > 1:
                lookup.setdefault(surface.lower(), (org.key, role, False))
        if role == "chamber":
            chambers.append((org.key, org.name))
        elif role == "government" and re.search(r"\b(?:government|cabinet|council\s+of\s+ministers)\b", org.name, re.I):
            governments.append(org.key)  # "the government" is not a ministry
    for person in ctx.extraction.persons:
        role = agent_role(person.name, None, tuple(p.title for p in person.posts)) if person.posts else "other"
        surfaces = {person.name, *person.aliases}
        parts = person.name.split()
        if len(parts) > 1 and len(parts[-1]) > 2:
            surfaces.add(parts[-1])
        for surface in surfaces:
            if surface and len(surface) > 2:
                lookup.setdefault(surface.lower(), (person.key, role, True))
        if role == "president":
            presidents.append(person.key)
        elif role == "government" and any(re.search(r"minister", p.title, re.I) for p in person.posts):
            ministers.append(person.key)
    pattern = _surface_pattern(tuple(sorted(lookup, key=len, reverse=True))) if lookup else None
    index = _AgentIndex(pattern, lookup, chambers, presidents, ministers, governments)
    ctx.notes["_agent_index"] = ((len(ctx.extraction.persons), len(ctx.extraction.organizations)), index)
    return index


class _Surfaces:
    """A document's agent names (lower-cased, longest first), found in a sentence as the pattern
    ``(?<![\\w-])(?:name|name|...)(?![\\w-])`` with ``re.I`` finds them.

    Names in ASCII are found with ``str.find`` in :func:`~kg.extract.gazetteers.fold` of the
    sentence (it keeps offsets, and a character ``re.I`` takes for a lower-case ASCII character is
    exactly one that folds to it), a word character being one ``str.isalnum`` or ``_`` as for
    ``\\w``: no per-document pattern to compile. The pattern is compiled only for a name outside ASCII."""

    __slots__ = ("names", "ascii", "_regex")

    def __init__(self, names: tuple[str, ...]):
        self.names = names
        self.ascii = all(n.isascii() for n in names)
        self._regex: re.Pattern | None = None

    @property
    def regex(self) -> re.Pattern:
        if self._regex is None:
            alt = "|".join(re.escape(s) for s in self.names)
            self._regex = re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])", re.I)
        return self._regex

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every match, in order, as ``self.regex.finditer(text)`` gives them."""
        if not self.ascii:
            return [m.span() for m in self.regex.finditer(text)]
        folded = fold(text)
        size = len(text)
        found: list[tuple[int, int, int]] = []  # (start, rank of the name, end)
        for rank, name in enumerate(self.names):
            i = folded.find(name)
            while i >= 0:
                e = i + len(name)
                if (i == 0 or not (text[i - 1] in "-_" or text[i - 1].isalnum())) and (
                        e == size or not (text[e] in "-_" or text[e].isalnum())):
                    found.append((i, rank, e))
                i = folded.find(name, i + 1)
        if len(found) > 1:
            found.sort()
        out: list[tuple[int, int]] = []
        end = 0
        for i, _, e in found:  # leftmost first; at one start the first name (the longest) wins
            if i >= end:
                out.append((i, e))
                end = e
        return out


@lru_cache(maxsize=256)
def _surface_pattern(surfaces: tuple[str, ...]) -> _Surfaces:
    """The matcher for a document's agent names (made once for the same names)."""
    return _Surfaces(surfaces)


def _chamber_for(index: _AgentIndex, surface: str) -> str | None:
    if not index.chambers:
        return None
    s = surface.lower()
    if "upper" in s or "senat" in s:
        for key, name in index.chambers:
            if re.search(r"senate|upper", name, re.I):
                return key
    if "lower" in s:
        for key, name in index.chambers:
            if not re.search(r"senate|upper", name, re.I):
                return key
    # the most specific chamber (a chamber rather than the whole parliament) mentioned first
    return index.chambers[0][0]


def agent_mentions(ctx, sentence_text: str) -> list[AgentMention]:
    """Persons and organizations named (or referred to generically) in a sentence."""
    index = _agent_index(ctx)
    out: list[AgentMention] = []
    mask = bytearray(len(sentence_text) + 1)  # 1 where a mention was taken: linear in the mentions

    def take(s: int, e: int) -> None:
        mask[s:e] = b"\x01" * (e - s)

    def free(s: int, e: int) -> bool:
        return not any(mask[s:e])

    if index.pattern is not None:
        for s, e in index.pattern.spans(sentence_text):
            key, role, is_person = index.lookup[sentence_text[s:e].lower()]
            out.append(AgentMention(s, e, key, role, is_person))
            take(s, e)
    for m in _GENERIC_CHAMBER.finditer(sentence_text):
        if free(*m.span()):
            key = _chamber_for(index, m.group(0))
            out.append(AgentMention(m.start(), m.end(), key, "chamber"))
            take(*m.span())
    # the generic patterns are case-sensitive: each is skipped when a literal it needs is missing
    has_president = "resident" in sentence_text or "head of state" in sentence_text
    for m in (_GENERIC_PRESIDENT.finditer(sentence_text) if has_president else ()):
        if free(*m.span()):
            key = index.presidents[0] if len(index.presidents) == 1 else None
            # "President Akufo-Addo": the name right after the title is the agent
            out.append(AgentMention(m.start(), m.end(), key, "president"))
            take(*m.span())
    has_minister = len(index.ministers) == 1 and "inister" in sentence_text  # nothing is taken otherwise
    for m in (_GENERIC_MINISTER.finditer(sentence_text) if has_minister else ()):
        if free(*m.span()) and len(index.ministers) == 1:
            out.append(AgentMention(m.start(), m.end(), index.ministers[0], "government"))
            take(*m.span())
    has_government = "overnment" in sentence_text or "abinet" in sentence_text
    for m in (_GENERIC_GOVERNMENT.finditer(sentence_text) if has_government else ()):
        if free(*m.span()):
            key = index.governments[0] if len(index.governments) == 1 else None
            out.append(AgentMention(m.start(), m.end(), key, "government"))
            take(*m.span())
    out.sort(key=lambda a: a.start)
    return out
