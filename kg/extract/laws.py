"""Laws, bills, decrees, code packages and proposals, with their status, date and jurisdiction.

How news names a law (each a pattern family below):

* a quoted title after a law noun or a quoted title that is itself one: the law “On archives”,
  “Bill for an Act to amend ...”;
* a proper title ending in a law noun: "Criminal Laws (Amendment) Bill, 2016",
  "Imposition of Restriction Act 2020 (Act 1012)", "Executive Instrument (E.I. 164)";
* a law noun with what it is about: "the Law on ...", "a draft law on ...", "a bill
  requiring ...", "a law supporting ...", "a decree pardoning ...", "amendments to the X Code",
  "an agreement between A and B on ...";
* a code package: "new Criminal Code", "draft Criminal Code", "new Criminal and Criminal
  Procedure Codes";
* a title-case "On ..." title after "law": "signed into law the On Amendments ...";
* descriptive mentions: "a penal reform bill", "a similar initiative", and when nothing
  better is in the text, an untitled proposal ("proposed introducing a separate article ...
  to criminalize bride theft") or a reported toughening ("Liability for X is being toughened").

References ("the bill", "the draft law", "the document", "the reform") point to the law
named last (of a fitting kind). Steps (``kg/data/law_steps.jsonl``) are read per sentence:
who acted (a chamber, the president, the government, a legislator, a party), on which law,
when; future or negated steps ("will be approved", "was not formalized") do not count.
The status is the furthest step reported. Steps are left in ``ctx.notes["law_steps"]`` for
the event extractor.
"""
from __future__ import annotations

import bisect
import json
import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import iris
from .dates import byline_date, dateline_date, find_dates
from .gazetteers import Gate, _prefixes_of, _sre_parse, alternation, data_lines, fold
from .legal_common import (CODE_RE, AgentMention, agent_mentions, canonical_code, find_country, main_country,
                           words_of)
from .model import Law
from .sentences import sentence_folds

__all__ = ["LawMention", "Step", "find_law_mentions", "extract_laws", "STATUS_RANK", "detect_document_date"]

#: how far a status is along a law's life (the furthest step wins)
STATUS_RANK = {"Draft": 0, "Proposed": 1, "ApprovedByParliament": 2, "Rejected": 2.5, "Adopted": 3, "Signed": 4,
               "InForce": 5, "Repealed": 6}
ENACTED = {"Adopted", "Signed", "InForce"}

_Q_OPEN = "“\"«„"
_Q_CLOSE = "”\"»“"
_LAW_NOUN = (r"(?:draft\s+law|draft\s+bill|law|bill|decree|resolution|ordinance|order|act|regulation|code|"
             r"amendments?|instrument|edict|directive|proclamation|statute)")
_QUOTED = re.compile(
    rf"(?P<pre>\b(?:(?:the|a|an|new|this)\s+)?(?:draft\s+)?(?P<noun>{_LAW_NOUN})s?\s*(?:(?:titled|entitled|called|named|known as)\s+)?)?"
    rf"[{_Q_OPEN}]\s*(?P<q>[^{_Q_OPEN}{_Q_CLOSE}\n]{{3,260}}?)[{_Q_CLOSE}]", re.I)
_QUOTED_SELF = re.compile(r"^(?:Law|Bill|Act|On|Decree|Resolution|Code|Regulation|Ordinance|Order|Amendment)\b")
_CAP = (r"(?:[A-Z][\w’'\-]*|\((?:[A-Z][\w. ]{0,40})\)|(?:of|and|on|for|the|to|in|&|de|against|with|from|by|under|at)(?=\s+[A-Z(])|"
        r"(?<=Article\s|Section\s)\d{1,4}(?=\s+[A-Z]))")  # "Amendment of Article 213 Bill"
_TITLED = re.compile(
    rf"(?<![\w’'\-])(?P<t>[A-Z][\w’'\-]*(?:\s+{_CAP}){{0,16}}?\s+(?P<noun>Bill|Act|Law|Decree|Ordinance|Order|Instrument|"
    rf"Resolution|Regulation|Proclamation|Code))(?![\w’']|-(?!(?:19|20)\d\d\b))(?!\s+(?:\(?[A-Z][\w’'\-]*\)?\s+){{0,4}}(?:Bill|Act|Law)\b)"
    rf"(?P<n>(?<=Bill)\s+(?:No\.?\s*)?\d{{1,5}}(?![\d.,]?\d)(?!\s*(?:days?|weeks?|months?|years?|votes?|%|percent|per\b|-\d)))?"
    rf"(?P<y>(?:,?\s+|\s+of\s+|-)(?:19|20)\d\d(?!\d))?(?P<p>\s*\((?:Act\s+\d{{1,5}}|E\.?\s?I\.?\s*\d{{1,5}}|No\.?\s*\d[\w/\-]{{0,10}}|"
    rf"L\.?\s?I\.?\s*\d{{1,5}}|Amendment)\))?")
_ACT_NUMBER = re.compile(r"\b(?P<t>(?:Act|E\.?\s?I\.?|EI|L\.?\s?I\.?|LI)\s+\d{1,5})\b")
# words a capitalised run may start with that are no part of a law's name: articles and
# connectives, and a date ("signed on Friday the Online Safety Act", "passed on 3 March the ...")
_TITLE_LEAD = re.compile(r"^(?:(?:The|A|An|This|That|These|New|Draft|Another|Both|Under|And|But|Also|Its|Their|His|"
                         r"Her|Our|Such|Each|Every|If|When|While|After|Before|Since|Once|In|On|At|By|For|From|"
                         r"With|As|Of|To|the|[A-Z][a-z]{2,}ing(?=\s+the\s)|Yesterday|Today|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                         r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
                         r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+(?:19|20)\d\d)?,?)\s+)+")
_GENERIC_TITLE = re.compile(r"^(?:(?:New|Draft|Proposed|Current|Existing|Relevant|Same|Amended|Main|Basic|Principal|"
                            r"Whole|Entire|Latest|Final|Federal|National|State|Organic|Constitutional|Special|"
                            r"Criminal|Penal|Civil|Administrative|Labou?r|Tax|Family|Land)\s+)*"
                            r"(?:Bill|Act|Law|Decree|Ordinance|Order|Instrument|Resolution|Regulations?|Code)$", re.I)
_DATE_GAP = (r"(?:\s+(?:on|in)\s+(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
             r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
             r"(?:\s+\d{1,2})?(?:,?\s+\d{4})?|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|"
             r"September|October|November|December)(?:\s+\d{4})?),?)?")
_PREP = (r"(?:on|about|regarding|concerning|to|for|of|in|between|with|supporting|increasing|introducing|amending|"
         r"pardoning|requiring|prohibiting|banning|criminali[sz]ing|decriminali[sz]ing|establishing|providing|"
         r"toughening|tightening|strengthening|raising|reducing|imposing|abolishing|regulating|protecting|"
         r"granting|allowing|extending|restricting|aimed\s+at|seeking\s+to|under\s+which|that\s+would|which\s+would|"
         r"designed\s+to|intended\s+to|(?:that|which)\s+(?:raises|increases|toughens|tightens|stiffens|strengthens|"
         r"doubles|reduces|introduces|imposes))")
_STOP_AHEAD = (r"(?=\s*(?:,(?!\d{3})|\.(?!\d)|[;:!?]|\(|$)|\s+(?:was|were|is|are|has|have|had|will|would|should|could|must|may|"
               r"won|received|got|gained|secured|passed|cleared|took|came|went|faced|drew|sparked|triggered|prompted|"
               r"sailed|heads|goes|now|awaits|needs|requires|"
               r"might|shall|which|that|who|by|at\s+its|at\s+a|at\s+the|during|today|yesterday|tonight|last|this\s+week|"
               r"on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|[A-Z][a-z]+\s+\d)|"
               r"in\s+(?:its|the|a)\s+(?:first|second|third|final)|in\s+(?:first|second|third|final)|"
               r"with\s+\d|into\s+law|after|before|since|until|and\s+sent|and\s+(?:submitted|approved|passed|adopted)|"
               r"out\s+of\s+schedule|as\s+well|for\s+(?:submission|approval|consideration|ratification|signature|"
               r"signing|discussion|review|adoption)|(?:to|in|before|into)\s+the\s+(?:[A-Z][\w’'\-]*\s+){0,3}"
               r"(?:Assembly|Parliament|Senate|House|Duma|Majlis|Mazhilis|Majilis|Council|Congress|Rada|Sejm|Chamber|"
               r"Government|Cabinet|Committee|Kenesh|Sangsad|Sabha|Jirga|Legislature)|"
               r"in\s+(?:(?:19|20)\d\d|January|February|March|April|May|June|July|August|September|October|"
               r"November|December))\b)")
_NOUN_ON = re.compile(
    rf"(?P<det>\b(?:the|a|an|its|their|this|several|two|three|new|proposed)\s+)?"
    rf"(?P<noun>\b(?:draft\s+laws?|draft\s+bills?|draft\s+amendments?|draft\s+resolutions?|draft\s+decrees?|"
    rf"package\s+of\s+(?:amendments|changes|laws|bills)(?:\s+and\s+(?:additions|addenda))?|laws?|bills?|"
    rf"decrees?|resolutions?|ordinances?|amendments?(?:\s+and\s+(?:additions|addenda|changes))?|changes|"
    rf"agreement|treaty|convention|protocol|initiative|proposal)(?:\s+No\.?\s*\d[\w/\-]{{0,10}})?){_DATE_GAP}"
    rf"\s+(?P<prep>{_PREP})\s+(?P<rest>(?:[^,.;:!?()\n]|\((?:Act\s+\d{{1,5}}|[A-Z][\w.]{{0,8}}(?:\s\d{{1,5}})?)\)|"
    rf"\.(?=\d)|,(?=\d{{3}})){{2,170}}?){_STOP_AHEAD}", re.I)
_ON_TITLE = re.compile(
    r"(?:(?<=\blaw\s)|(?<=\bLaw\s)|(?<=\bthe\s)|(?<=\bdecree\s)|(?<=\bDecree\s)|(?<=\bresolution\s)|"
    r"(?<=\bResolution\s))(?P<t>On\s+[A-Z][\w’'\-]*"
    r"(?:\s+(?:[A-Z][\w’'\-]*|of|and|on|the|to|in|for|with|from|by|its|a|an|some|certain|amendments|additions)){1,40})")
_CODE_PACKAGE = re.compile(
    r"\b(?P<mod>(?:[Dd]rafts?\s+of\s+(?:the\s+)?)?(?:new\s+draft|draft\s+new|new|draft|revised|updated)"
    r"(?:\s+versions?\s+of\s+the)?|(?:revision|overhaul|rewrite|recodification)\s+of\s+the)\s+(?:(?P<a>(?:[A-Z]?[a-z]+\s+){0,2}[A-Z]?[a-z]+)\s+and\s+"
    r"(?P<b>(?:[A-Z]?[a-z]+\s+){0,2}[A-Z]?[a-z]+)\s+Codes\b|(?P<code>(?:[A-Za-z]+\s+){0,4}?[Cc]ode(?:\s+of\s+"
    r"(?:[A-Z][a-z]+\s+){0,2}[A-Z][a-z]+)?|[Cc]ode\s+(?:of|on)\s+(?:[A-Z][a-z]+\s+){0,3}[A-Z][a-z]+))")
_OLD_CODE = re.compile(
    r"\b(?:the\s+)?(?P<code>(?:[A-Za-z]+\s+){0,3}?[Cc]ode)\s+(?P<force>(?:currently|now|still)\s+in\s+force\s+)?"
    r"(?:,\s*)?(?:which\s+)?(?:was\s+)?adopted\s+in\s+(?P<date>(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d)")
_MOD_NOUN = re.compile(
    r"\b(?:a|an|the)\s+(?P<mods>(?:[A-Za-z][\w\-]*\s+){1,3}?)(?P<noun>bill|law|decree|reform|initiative|"
    r"legislation|amendment|resolution)s?\b(?!\s+(?:on(?!\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|\d))|to|for|about|of|No|"
    r"bill|law|decree|package)\b)")
_MOD_STOP = set("new draft relevant same proposed current existing above said whole entire latest final first second "
                "third other amended adopted controversial tough tougher new such this that respective corresponding "
                "important crucial main key previous old original similar's relevant given specific separate "
                "corresponding appropriate two three several many some any no an a the".split())
_UNTITLED = re.compile(
    r"\b(?:proposed|suggested|initiated|put\s+forward|called\s+for|calls\s+for|proposes|suggests|plans|seeks|"
    r"proposal\s+to|initiative\s+to)\s+"
    r"(?P<what>(?:introducing|to\s+introduce|to\s+criminali[sz]e|criminali[sz]ing|to\s+ban|banning|to\s+amend|"
    r"amending|to\s+toughen|toughening|to\s+increase|increasing|to\s+raise|raising|to\s+impose|imposing|"
    r"to\s+make|making|to\s+establish|establishing|(?:a|an)\s+(?:new\s+|separate\s+|specific\s+|special\s+)?"
    r"(?:article|norm|provision|ban|measure|law|penalty))[^,.;:!?\n]{3,150}?)(?=\s*[,.;:!?]|\s*$|\s+suggesting|"
    r"\s+with\s+penalties|\s+while)", re.I)
_TOUGHEN = re.compile(
    r"\b(?P<what>(?:[Ll]iability|[Rr]esponsibility|[Pp]enalties|[Pp]unishments?|[Ss]anctions|[Ff]ines)\s+for\s+"
    r"[^,.;:!?\n]{3,150}?)\s+(?P<aux>is|are|will\s+be|has\s+been|have\s+been|was|were)\s+(?:being\s+)?"
    r"(?P<verb>toughened|tightened|strengthened|increased|raised|stiffened|introduced|reduced|eased|softened)\b")
_ANAPHOR = re.compile(
    r"(?:\b(?:the|this|that|these|those|such|his|her|their|its)|(?<![\w’'])[A-Z][\w\-]+(?:’s|'s))\s+"
    r"(?:(?:new|draft|proposed|amended|relevant|above|said|"
    r"same|whole|entire|latest|final|penal|criminal)\s+){0,2}"
    r"(?P<noun>draft\s+laws?|draft|drafts|bills?|laws?|legislation|document|decree|amendments?|changes|initiative|"
    r"proposal|reform|resolution|act|measures?|package|project|code|codes)\b", re.I)
_OTHER_ACT = re.compile(r"^(?:an?\s+)?(?:similar|separate|counterpart|rival|competing|parallel|alternative|another)\b", re.I)
_INDEFINITE = re.compile(
    r"(?:\b(?:[Aa]|[Aa]n)\s+(?:(?:new|draft|controversial|separate|proposed|landmark|sweeping|similar|counterpart|rival|"
    r"competing|parallel|alternative)\s+)?|\b[Aa]nother\s+|"
    r"\b(?:[Rr]elevant|[Cc]orresponding|[Rr]espective|[Ll]egal|[Ll]egislative)\s+)"
    r"(?P<noun>draft\s+law|bill|law|legislation|measure|decree|amendments|amendment|package\s+of\s+amendments)\b")
# "a number of important amendments", "the chamber adopted amendments": an act not named yet, told by its step
_INDEFINITE_PLURAL = re.compile(
    r"(?:\b(?:[Aa]|[Aa]n)\s+(?:number|package|series|set|raft|batch|range)\s+of\s+(?:(?:new|important|key|major|"
    r"significant|legislative|further|additional)\s+){0,2}|(?<=adopted\s)|(?<=approved\s)|(?<=endorsed\s)|"
    r"(?<=\bpassed\s)|(?<=\bsigned\s)|(?<=\bsigns\s)|(?<=proposed\s)|(?<=drafted\s)|(?<=prepared\s)|"
    r"(?<=introduced\s)|(?<=unveiled\s))(?:new\s+)?(?P<noun>amendments|changes|legislation)\b")
#: the nouns a reference may stand for an act not named yet ("The bill was passed ..." as the first mention)
_PLACEHOLDER_NOUNS = re.compile(r"(?:draft\s+laws?|drafts?|bills?|laws?|legislation|amendments?|measures?|decrees?|"
                                r"initiative|reform)$", re.I)
_TARGET_BEFORE = re.compile(r"(?:(?:amendments?|changes|additions|addenda)\s+(?:to|in|of)\s+(?:(?:penalties|provisions|"
                            r"sections?|articles?)\s+(?:of|in)\s+)?|(?:amend|amends|amending|amended|replacing|replace|"
                            r"replaces|supersed\w*|violating)\s+)(?:the\s+|a\s+)?$", re.I)
_FUTURE = re.compile(r"(?:\b(?:will|would|shall|should|could|can|may|might|must|to\s+be|is\s+to|are\s+to|"
                     r"expected\s+to|set\s+to|due\s+to|plans?\s+to|planned\s+to|intends?\s+to|aims?\s+to|going\s+to|"
                     r"yet\s+to|not\s+yet|ready\s+to|about\s+to|needs?\s+to|needed\s+to|wants?\s+to|"
                     r"hopes?\s+to|unclear\s+when|before\s+it\s+is|before\s+(?:it|they|the\s+(?:bill|law|measure|act|draft))|if|once|when|"
                     r"unless|whether|urged?\s+\w+\s+to|"
                     r"asked\s+\w+\s+to|to)\s+(?:(?:now|also|soon|then|still|first|be|been|have|get|finally|"
                     r"formally|unanimously|officially|the|be\s+\w+)\s+){0,3}$|\bfor\s+$)", re.I)
_NEGATION = re.compile(r"\b(?:not|never|no\s+longer|failed\s+to|n't|refused\s+to|without)\s+(?:been\s+|be\s+|yet\s+|"
                       r"officially\s+|formally\s+){0,2}$", re.I)
_READING = re.compile(r"\b(?P<r>first|second|third|final)(?:\s+and\s+(?P<r2>final|third|second))?\s+readings?\b", re.I)
_BY = re.compile(r"^(?:\s+(?:[a-z]+ly|[a-z]+\s+[a-z]+\s+[a-z]+)){0,1}\s*,?\s*(?:by|in\s+the\s+name\s+of|from)\s+", re.I)
_BY_END = re.compile(r"[.;]|,\s*(?:was|were|is|are|has|have|had|and|but|which|who|after|while|with)\b|"
                     r",\s*the\s+(?=[A-Z][a-z]+\s+(?:of|is|are|was|has)\b)|"
                     r"\s(?:was|were|is|are|has|have|will|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                     r"Sunday)|at\s+a|to\s+the|after|before|while|when|since|because|until)\b|"
                     r"\s(?:and|but)\s+(?!(?:the|a|an|its|their|his|her|other|several|by|parliament|government|deputies|"
                     r"senators|lawmakers|MPs)\b)[a-z]")
_WITH = re.compile(r"^[^.;]{0,80}?\bwith\s+(?:the\s+)?", re.I)


@dataclass
class LawMention:
    start: int  # offsets in the document text
    end: int
    sentence: int
    title: str
    kind: str  # law, bill, decree, code, amendment, proposal, resolution, treaty, act, instrument
    strength: str = "strong"  # strong, weak, anaphor
    key: str | None = None
    country: str | None = None
    target: bool = False  # the object of an amendment/replacement, not a law whose step is reported
    status_hint: str | None = None
    date_hint: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass
class Step:
    kind: str  # sign, approve, submit, propose, draft, consider, force, violate, reject, repeal, support, oppose
    event: str | None  # the LegislativeEvent type, None when the step only sets a status
    status: str | None
    law: str  # Law key
    sentence: int
    agents: list[str] = field(default_factory=list)
    date: str | None = None
    reading: str | None = None
    start: int = 0  # offset of the cue in the document text
    #: agents named without an entity behind them ("lawmakers", "the government"): (role, words),
    #: tied to their country's body by the whole-article reading (kg.article)
    vague: list[tuple[str, str]] = field(default_factory=list)
    #: a step that only implies a status ("discussed", "violating the law", a headline verb with no
    #: agent): it gives way to any other step of the law
    weak: bool = False


@lru_cache(maxsize=1)
def _step_patterns() -> list[tuple[str, re.Pattern]]:
    out = []
    for line in data_lines("law_steps.jsonl"):
        row = json.loads(line)
        if "pattern" in row:
            out.append((row["kind"], re.compile(row["pattern"], re.I if row["kind"] not in ("violate",) else 0)))
    return out


@lru_cache(maxsize=1)
def _step_gates() -> list[tuple[str, Gate]]:
    """The step patterns, each with the cheap test that skips it on a sentence it cannot match."""
    return [(kind, Gate(pattern)) for kind, pattern in _step_patterns()]


def _word_start_prefixes(pattern: re.Pattern) -> frozenset[str] | None:
    """Lower-cased letter strings one of which every match of ``pattern`` starts with, when the
    pattern opens with ``\\b`` and a letter: a match then starts at a word start (the prefix is letters
    only, so it lies in one word); None when that cannot be shown (the pattern is always tried)."""
    if not pattern.pattern.startswith("\\b"):
        return None
    try:
        found = _prefixes_of(list(_sre_parse.parse(pattern.pattern, pattern.flags).data), 1000)
    except Exception:  # pragma: no cover - a pattern this parser does not read
        return None
    if not found or any(not (p.isascii() and p.isalpha()) for p in found):
        return None
    return frozenset(p.lower() for p in found)


@lru_cache(maxsize=1)
def _step_scan() -> tuple[re.Pattern, dict[str, frozenset[int]], frozenset[int]]:
    """One pass over a folded sentence that tells which step patterns may match in it.

    Every match of a step pattern starts at a word start with one of its prefixes (letters). The
    scan finds, at each position not preceded by a letter, the longest prefix of any pattern
    there; every other prefix found at that position is a prefix of it, so the patterns that may
    match are those with a prefix that starts one of the found strings. ``fold`` keeps offsets
    and never turns a non-word character into a letter, so a word start of the sentence is never
    preceded by a letter in the folded text. Patterns without such prefixes are always tried."""
    always: set[int] = set()
    prefixes: dict[int, frozenset[str]] = {}
    for i, (_, gate) in enumerate(_step_gates()):
        found = _word_start_prefixes(gate.pattern)
        if found is None:
            always.add(i)
        else:
            prefixes[i] = found
    every = sorted(set().union(*prefixes.values()), key=lambda p: (-len(p), p))
    # grouped by first letter (the first alternative that matches, the longest, is kept)
    scan = re.compile(r"(?<![a-z])" + alternation(every))
    owners = {w: frozenset(i for i, ps in prefixes.items() if any(w.startswith(p) for p in ps)) for w in every}
    return scan, owners, frozenset(always)


def _step_starts(folded: str) -> dict[int, list[int] | None]:
    """The indexes (in ``_step_gates()``) of the step patterns that may match a sentence, each with
    every offset a match of it may start at (word starts with one of its prefixes, in order; the scan
    takes every word start, as a prefix found is letters only and cannot run into the next), or None
    for a pattern that is tried everywhere."""
    scan, owners, always = _step_scan()
    out: dict[int, list[int] | None] = dict.fromkeys(always)
    for m in scan.finditer(folded):
        start = m.start()
        for i in owners[m.group()]:
            found = out.get(i, _UNSEEN)
            if found is _UNSEEN:
                out[i] = [start]
            elif found is not None:
                found.append(start)
    return out


_UNSEEN: list[int] = []


def _steps_may_match(folded: str) -> dict[int, int]:
    """The indexes (in ``_step_gates()``) of the step patterns that may match a sentence, each with
    an offset no match of it starts before (the first word start with one of its prefixes)."""
    return {i: starts[0] if starts else 0 for i, starts in _step_starts(folded).items()}


def _step_matches(pattern: re.Pattern, text: str, starts: list[int] | None):
    """``pattern.finditer(text)``, tried only at ``starts`` (every offset a match may start at, in
    order): the leftmost match at or after the end of the last one is the one ``finditer`` finds."""
    if starts is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for start in starts:
        if start >= end:
            m = pattern.match(text, start)
            if m is not None:
                yield m
                end = m.end()


_LEADING_COUNTRY = re.compile(r"^(?:the\s+)?([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s")
_TRAILING_COUNTRY = re.compile(r"\bof\s+(?:the\s+)?(?:Republic\s+of\s+|Federation\s+of\s+|Kingdom\s+of\s+)?"
                               r"([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?:\s+(?:19|20)\d\d)?$")


def _jurisdiction_in_title(title: str) -> str | None:
    """A country the title names as the law's own ("Pakistan Penal Code", "Criminal Code of Georgia")."""
    for pattern in (_LEADING_COUNTRY, _TRAILING_COUNTRY):
        m = pattern.search(title)
        if m:
            found = find_country(m.group(1))
            if found and find_country(m.group(0)) == found:
                return found
    return None


def _kind_of(noun: str) -> str:
    n = noun.lower()
    for word, kind in (("agreement", "treaty"), ("treaty", "treaty"), ("convention", "treaty"), ("protocol", "treaty"),
                       ("bill", "bill"), ("decree", "decree"), ("edict", "decree"), ("resolution", "resolution"),
                       ("instrument", "decree"), ("order", "decree"), ("regulation", "decree"),
                       ("ordinance", "decree"), ("proclamation", "decree"), ("amendment", "amendment"),
                       ("change", "amendment"), ("package", "amendment"), ("initiative", "proposal"),
                       ("proposal", "proposal"), ("code", "code"), ("act", "act"), ("reform", "bill"),
                       ("legislation", "law"), ("law", "law")):
        if word in n:
            if "draft" in n and kind == "law":
                return "bill"
            return kind
    return "law"


def _clean_title(title: str) -> str:
    t = re.sub(r"\s+", " ", title).strip(" ,;:-–—'\"“”«»")
    t = re.sub(r"^(?:the|a|an|this|that|its|their|several|two|three|another)\s+", "", t, flags=re.I)
    t = re.sub(r"\s+(?:and|or|of|the|to|in|on|for|with|a|an)$", "", t, flags=re.I)
    return t


def _title_key_text(title: str, country: str | None) -> str:
    """The part of a title that identifies the law (country words and determiners dropped)."""
    t = _clean_title(title)
    t = re.sub(r"\s+of\s+(?:the\s+)?(?:Republic\s+of\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?$",
               lambda m: "" if find_country(m.group(0)) else m.group(0), t)
    return t


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(not (e <= a or s >= b) for a, b in spans)


_T_NOUN = re.compile(r"\b(?:laws?|bills?|decrees?|resolutions?|ordinances?|amendments?|changes|agreement|treaty|"
                     r"convention|protocol|initiative|proposal|package|legislation|reform|document|drafts?|acts?|codes?|"
                     r"measures?|project|instrument|regulation)\b", re.I)
_T_TITLE = re.compile(r"\b(?:Bill|Act|Law|Decree|Ordinance|Order|Instrument|Resolution|Regulation|Proclamation|Code)\b")
_T_PROPOSAL = re.compile(r"\b(?:propos|suggest|initiat|put\s+forward|call|plans|seeks)", re.I)
_T_TOUGHEN = re.compile(r"\b(?:toughen|tighten|strengthen|increas|rais|stiffen|introduc|reduc|eased|soften)", re.I)


_BILL_NUMBER = re.compile(r"\b(?:HB|SB|AB|HF|SF|H\.\s?R\.|H\.\s?B\.|S\.\s?B\.)\s?(?:No\.\s?)?\d{1,5}\b(?![.,]\d)")
_G_BILL_NUMBER = Gate(_BILL_NUMBER)
_BILL_NUMBER_LITERALS = ("HB", "SB", "AB", "HF", "SF", "H.", "S.")  # one starts every match
_NUMBERED_LAW = re.compile(r"\b(?P<noun>Law|Decree|Resolution|Ordinance|Order|Bill|Act|Regulation|Directive)\s+"
                           r"(?:No\.|Number|#)\s?\d[\w/.,\-]{0,20}?(?=[,;:)]?(?:\s|$)|\.(?:\s|$))"
                           # "Law No. 94 of 2025 on the Regulation of Unmanned Aircraft": its year and subject
                           r"(?:\s+of\s+(?:19|20)\d\d(?!\d))?"
                           r"(?:\s+on\s+(?:the\s+)?(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|"
                           r"February|March|April|May|June|July|August|September|October|November|December)\b)"
                           r"[A-Z][\w’'\-]*(?:\s+(?:(?:of|and|for|on|in|the|to|from|with)\s+)*[A-Z][\w’'\-]*){0,10})?")
_G_NUMBERED_LAW = Gate(_NUMBERED_LAW)
_T_ACT_NUMBER = re.compile(r"\b(?:Act|E\.?\s?I|EI|L\.?\s?I|LI)\b")
_G_TITLE, _G_NOUN, _G_PROPOSAL, _G_TOUGHEN = Gate(_T_TITLE), Gate(_T_NOUN), Gate(_T_PROPOSAL), Gate(_T_TOUGHEN)
_TRIGGER_GATES = {"title": _G_TITLE, "noun": _G_NOUN, "proposal": _G_PROPOSAL, "toughen": _G_TOUGHEN}


_QUOTE_CHAR = re.compile(f"[{re.escape(_Q_OPEN + _Q_CLOSE)}]")
_BILL_NUMBER_LITERAL = re.compile("|".join(map(re.escape, _BILL_NUMBER_LITERALS)))


@lru_cache(maxsize=1)
def _trigger_scan() -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
    """One pass over a folded sentence that finds where each gated pattern of :class:`_Triggers` may match.

    Every match of those patterns starts with one of its gate's literals. At every position the
    scan reads the longest literal of any gate there; a literal occurs at a position exactly when
    it starts the string read there (the other literals found at that position are its prefixes).
    Returns the scan and each string it reads -> the gates one of whose literals starts it."""
    literals = {name: gate.prefixes for name, gate in _TRIGGER_GATES.items()}
    assert all(ps is not None for ps in literals.values())  # each gated pattern opens with a literal
    every = sorted(set().union(*literals.values()), key=lambda p: (-len(p), p))
    scan = re.compile(f"(?=({alternation(every)}))")
    owners = {w: tuple(name for name, ps in literals.items() if any(w.startswith(p) for p in ps)) for w in every}
    return scan, owners


def _first_match(pattern: re.Pattern, text: str, starts: list[int] | None) -> re.Match | None:
    """``pattern.search(text)`` tried only at ``starts`` (in order; every offset a match may start at)."""
    for start in starts or ():
        m = pattern.match(text, start)
        if m is not None:
            return m
    return None


class _Triggers:
    """Cheap tests that let a sentence skip the costlier law patterns it cannot match."""

    def __init__(self, st: str, folded: str | None = None):
        if folded is None:
            folded = fold(st)
        scan, owners = _trigger_scan()
        starts: dict[str, list[int]] = {}
        for m in scan.finditer(folded):
            for name in owners[m.group(1)]:
                starts.setdefault(name, []).append(m.start())
        self.quote = _QUOTE_CHAR.search(st) is not None
        self.title_noun = _first_match(_T_TITLE, st, starts.get("title")) is not None
        self.on_title = " On " in st
        self.act_number = _T_ACT_NUMBER.search(st) is not None
        noun = _first_match(_T_NOUN, st, starts.get("noun"))
        self.noun = noun is not None
        # where a _NOUN_ON match may start: its noun is a _T_NOUN word (followed by a space), so
        # it starts at or after the first one, less the determiner (at most 8 letters) and the
        # spaces before that word
        self.noun_on_from = 0
        if noun is not None:
            i = noun.start()
            while i > 0 and st[i - 1].isspace():
                i -= 1
            self.noun_on_from = max(0, i - 8)
        self.code = "ode" in st
        self.proposal = _first_match(_T_PROPOSAL, st, starts.get("proposal")) is not None
        self.toughen = _first_match(_T_TOUGHEN, st, starts.get("toughen")) is not None
        # literals the case-sensitive _BILL_NUMBER and _NUMBERED_LAW cannot match without
        self.bill_number = _BILL_NUMBER_LITERAL.search(st) is not None
        self.number_sign = "No." in st or "Number" in st or "#" in st


def find_law_mentions(ctx) -> list[LawMention]:
    """Every mention of a law in the body (the headline is left to the body's own mentions)."""
    all_out: list[LawMention] = []
    body_start = ctx.document.body_offset if hasattr(ctx.document, "body_offset") else 0
    strong_before = False  # a law (other than an amendment) was named in an earlier sentence
    folds = sentence_folds(ctx)
    for si, sentence in enumerate(ctx.sentences):
        if sentence.end <= body_start:
            continue
        st = sentence.text
        taken: list[tuple[int, int]] = []
        out: list[LawMention] = []  # this sentence's mentions

        def add(s: int, e: int, title: str, kind: str, strength: str = "strong", **kw) -> LawMention | None:
            title = _clean_title(title)
            if len(title) < 3 or len(taken) > 200:
                return None
            m = LawMention(sentence.start + s, sentence.start + e, si, title, kind, strength, **kw)
            out.append(m)
            taken.append((s, e))
            return m

        folded = folds[si]
        has = _Triggers(st, folded)
        for m in (_QUOTED.finditer(st) if has.quote else ()):
            q = m.group("q").strip()
            if m.group("pre") and m.group("noun"):
                noun = m.group("noun")
                if q[:1].islower() and not re.match(r"(?:on|about|concerning|regarding)\b", q):
                    continue  # the bill "in principle": a quoted word about the bill, not its title
                if noun.lower() in ("code",) and not _QUOTED_SELF.match(q):
                    continue
                add(m.start(), m.end(), f"{noun} {q}", _kind_of(noun))
            elif _QUOTED_SELF.match(q) and len(q.split()) >= 2:
                first = q.split()[0]
                add(m.start(), m.end(), q, _kind_of(first if first != "On" else "law"))
        for m in (_ON_TITLE.finditer(st) if has.on_title else ()):
            if _overlaps(taken, m.start(), m.end()):
                continue
            t = re.sub(r"(?:\s+(?:of|and|on|the|to|in|for|with|from|by|its|a|an|some|certain))+$", "", m.group("t"))
            start = m.start()
            pre = st[max(0, start - 4):start]
            if pre.lower().endswith("law "):
                start -= 4
            add(start, m.start() + len(t), t, "law")
        for m in (_TITLED.finditer(st) if has.title_noun else ()):
            t = m.group("t")
            lead = _TITLE_LEAD.match(t)
            offset = lead.end() if lead else 0
            t = t[offset:]
            s = m.start() + offset
            if not t or _GENERIC_TITLE.match(t) or _overlaps(taken, s, m.end()):
                continue
            if canonical_code(t) is not None:  # a code's own name is not a law here
                continue
            if not re.search(r"[A-Z]", t.split()[0]) or len(t.split()) < 2:
                continue
            if m.group("noun") == "Code" and not re.search(r"\((?:Amendment)\)|Amendment", t):
                continue
            if _ORG_LEAD.match(t) or _PORTFOLIO_LAW.search(t):
                continue  # "Committee on Law Enforcement", "Minister of Law and ...": a body's or a post's name
            if re.search(r"\bRule of Law$", t) or _inside_org(ctx, t) or _ORG_CONTEXT.search(st[max(0, s - 120):s]):
                continue
            title = t + (m.group("n") or "") + (m.group("y") or "") + (m.group("p") or "")
            aliases = ()
            if m.group("p") and re.search(r"\d", m.group("p")):
                aliases = (re.sub(r"[\s.]", "", m.group("p").strip(" ()")).lower(),)
            before = st[max(0, s - 40):s]
            mention = add(s, m.end(), title, _kind_of(m.group("noun")), aliases=aliases)
            if mention and (_TARGET_BEFORE.search(before) or _in_target_list(st, s)):
                mention.target = True
        for m in (_G_BILL_NUMBER.finditer(st, folded) if has.bill_number else ()):
            # "HB 1234", "SB 5", "H.R. 815": a bill named by its number alone
            if not _overlaps(taken, m.start(), m.end()):
                add(m.start(), m.end(), re.sub(r"\s+", " ", m.group(0)), "bill")
        for m in (_ACT_NUMBER.finditer(st) if has.title_noun or has.act_number else ()):
            if _overlaps(taken, m.start(), m.end()):
                continue
            alias = re.sub(r"[\s.]", "", m.group("t")).lower()
            mention = add(m.start(), m.end(), m.group("t"), "act", strength="alias", aliases=(alias,))
        for m in (_CODE_PACKAGE.finditer(st) if has.code else ()):
            if _overlaps(taken, m.start(), m.end()):
                continue
            mod = m.group("mod").lower()
            mod_word = "draft" if "draft" in mod else "new"
            if m.group("a"):
                for part in (m.group("a"), m.group("b")):
                    name = canonical_code(f"{part} Code")
                    if name:
                        _add_code(add, m, f"{mod_word} {part} Code", name)
                continue
            code_text = m.group("code")
            name = canonical_code(re.sub(r"\s+of\s+(?:[A-Z][a-z]+\s*)+$", "", code_text)) or canonical_code(code_text)
            if name is None:
                # "new draft Criminal Code" where the words before "Code" carry more than the name
                for cm in CODE_RE.finditer(code_text):
                    name = canonical_code(cm.group(0))
                    break
            if name is None:
                continue
            if mod.startswith(("revision", "overhaul", "rewrite", "recodification")):
                tail = re.match(r"\s*\([A-Z][A-Za-z]{1,8}\)", st[m.end():])  # "(KUHP)"
                _add_code(add, m, m.group(0) + (tail.group(0) if tail else ""), name)
                continue
            _add_code(add, m, f"{mod_word} {code_text}", name)
        for m in (_OLD_CODE.finditer(st) if has.code and "adopted" in st else ()):  # case-sensitive
            if _overlaps(taken, m.start(), m.end()):
                continue
            spelled = None
            for spelled in CODE_RE.finditer(m.group("code")):
                pass
            if spelled is None:
                continue
            start = m.start("code") + spelled.start()
            mention = add(start, m.end(), f"{spelled.group(0)} adopted in {m.group('date')}", "code")
            if mention:
                mention.status_hint = "InForce" if m.group("force") else "Adopted"
        cue_starts: list[int] | None = None  # where step verbs start in the sentence (read when needed)
        for m in (_NOUN_ON.finditer(st, has.noun_on_from) if has.noun else ()):
            s, e = m.start("noun"), m.end()
            rest = m.group("rest").strip()
            if cue_starts is None:
                cue_starts = _cue_starts(st, folded)
            inside = [c for c in cue_starts if m.start("rest") < c < e]
            if inside:
                # "the bill on X failed to pass the Senate": what the bill is about ends at the step's verb
                e = inside[0]
                while e > m.start("rest") and st[e - 1].isspace():
                    e -= 1
                rest = st[m.start("rest"):e].strip()
                if len(rest) < 2:
                    continue
            replaced: list[tuple[int, int]] = []  # shorter titles this phrase replaces, once it is kept
            if _overlaps(taken, s, e):
                crossing = [t for t in taken if not (e <= t[0] or s >= t[1])]
                if any(t[0] < s for t in crossing):
                    continue
                if all(t[0] == s and t[1] < e for t in crossing):
                    # "Law on Road Traffic Order and Safety": the title read up to "Order" was too short
                    replaced, crossing = crossing, []
                # a title that starts inside the phrase and runs past it: the phrase ends with that title
                end = max((t[1] for t in crossing), default=e)
                if end > e:
                    rest = (rest + st[e:end]).strip()
                    e = end
            noun = m.group("noun")
            prep = m.group("prep")
            kind = _kind_of(noun)
            if kind == "treaty" and prep.lower() not in ("between", "with", "on"):
                continue
            if kind in ("amendment",) and prep.lower() not in ("to", "in", "on", "of", "for"):
                continue
            if kind in ("amendment",) and prep.lower() == "of" and not re.search(
                    r"\b(?:Act|Law|Code|law|code|act|penalt\w*|articles?)\b", rest):
                continue
            p_low = prep.lower()
            if kind in ("law", "bill") and (p_low in ("of", "in", "with", "between") or (
                    p_low in ("to", "for") and re.match(r"(?:the|a|an|his|her|its|their|this|that)\b", rest, re.I))):
                continue  # "placed the bill in the House", "sent the bill to the committee"
            if p_low == "to" and _DESTINATION.match(rest):
                continue  # "returning the law to Parliament for reconsideration": where it goes, not its aim
            if p_low in ("for", "to") and _PROCEDURE.match(rest):
                continue  # "moved the bill for consideration": a step, not what the bill is about
            if kind == "amendment" and not noun.lower().startswith(("draft", "package")):
                if not _SPECIFIC_TARGET.search(rest):
                    continue  # "amendments to its criminal legislation": no law of its own
                if not _has_step_cue(st, folded):
                    continue  # "Key changes to the Criminal Code include ...": the content of a law
                det = (m.group("det") or "").strip().lower()
                if det in ("the", "this", "these", "its", "their", "an", "a") and strong_before:
                    continue  # "an amendment to Section 182": a part of the bill already named
            if re.match(r"(?:the\s+)?(?:bill|law|draft|document)\b", rest, re.I) and not (
                    kind == "amendment" and re.match(r"(?:the\s+)?law\s+(?:on|about)\s+\S", rest, re.I)):
                continue  # "amendments to the bill": a part of that bill; but "amendments to the law on X" is an act
            if _DATE_WORD.match(rest) or re.search(r"\binto\s+$", st[max(0, s - 6):s], re.I):
                continue  # "signed ... into law on Friday": a date, not what the law is about
            if re.match(r"(?:bills|laws|decrees|resolutions|ordinances|acts)\b", noun, re.I) and _GENERIC_PLURAL.search(
                    st[max(0, s - 30):s]):
                continue  # "two other bills on X": several unnamed laws, none of them one law
            if kind == "proposal" and re.search(r"\b(?:the|this)\s+(?:bill|law|draft|document)\b", rest):
                continue
            strength = "weak" if kind == "proposal" else "strong"
            inner_codes = [mm for mm in out if mm.sentence == si and mm.kind == "code" and
                           sentence.start + s <= mm.start and mm.end <= sentence.start + e]
            title = f"{noun} {prep} {rest}"
            if inner_codes and kind in ("bill", "law", "amendment"):
                inner_codes[0].aliases = inner_codes[0].aliases + (title,)
                continue
            for t in replaced:
                taken.remove(t)
            if replaced:
                out[:] = [x for x in out if (x.start - sentence.start, x.end - sentence.start) not in replaced]
            add(s, e, title, kind, strength=strength)
        for m in (_G_NUMBERED_LAW.finditer(st, folded) if has.number_sign else ()):
            # "Decree No. 100/2019", "Law No. 14,994": a law named by its number
            if not _overlaps(taken, m.start(), m.end()):
                mention = add(m.start(), m.end(), m.group(0), _kind_of(m.group("noun")))
                lead = _TARGET_BEFORE.search(st[max(0, m.start() - 40):m.start()])
                if mention and lead and any(0 <= max(0, m.start() - 40) + lead.start() - (b - sentence.start) <= 2
                                            for b in (x.end for x in out[:-1] if x.sentence == si)):
                    mention.target = True  # "Law No. 214/2024 amending Law No. 286/2009": the act amended
        for m in (_MOD_NOUN.finditer(st) if has.noun else ()):
            if _overlaps(taken, m.start(), m.end()):
                continue
            mods = m.group("mods").split()
            if all(w.lower() in _MOD_STOP for w in mods):
                if m.group("noun").lower() in ("initiative",) and any(w.lower() == "similar" for w in mods):
                    add(m.start("mods"), m.end(), f"{' '.join(mods)} {m.group('noun')}", "proposal", strength="weak")
                continue
            if any(re.match(r"\d", w) for w in mods) or mods[-1].lower() in ("the", "of", "to"):
                continue
            if re.search(r"\b(?:criminal|penal)\s+law$", m.group(0), re.I):
                continue
            noun = m.group("noun")
            kind = _kind_of(noun)
            add(m.start("mods"), m.end(), f"{' '.join(mods)} {noun}", kind,
                strength="strong" if kind in ("bill", "decree", "resolution") or noun == "reform" else "weak")
        for m in (_UNTITLED.finditer(st) if has.proposal else ()):
            if _overlaps(taken, m.start("what"), m.end("what")):
                continue
            add(m.start("what"), m.end("what"), m.group("what"), "proposal", strength="weak")
        for m in (_TOUGHEN.finditer(st) if has.toughen else ()):
            verb = m.group("verb").lower()
            aux = m.group("aux").lower()
            mention = add(m.start(), m.end(), f"{'toughening' if verb not in ('reduced', 'eased', 'softened') else 'easing'}"
                          f" {m.group('what')}", "amendment", strength="fallback")
            if mention:
                mention.status_hint = "Proposed" if aux.startswith("will") else "Adopted"
        for m in (_ANAPHOR.finditer(st) if has.noun else ()):
            if _overlaps(taken, m.start(), m.end()):
                continue
            nxt = st[m.end():m.end() + 12]
            if re.match(r"\s*(?:on(?!\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
                        r"March|April|May|June|July|August|September|October|November|December|\d))|to|for|about)\b",
                        st[m.end():m.end() + 24]) and m.group("noun").lower() not in ("document",):
                continue  # "the law on X" is a mention, handled above ("the bill on Friday" is a reference)
            if re.match(r"\s+of\s+(?:the\s+)?[A-Z\d]", st[m.end():m.end() + 12]) and m.group("noun")[0].isupper():
                continue  # "the Amendment of Article 213 Bill": a title goes on
            out.append(LawMention(sentence.start + m.start(), sentence.start + m.end(), si, m.group(0),
                                  _kind_of(m.group("noun")), "anaphor"))
        for m in (itertools.chain(_INDEFINITE.finditer(st), _INDEFINITE_PLURAL.finditer(st)) if has.noun else ()):
            # "A bill has been moved ...", "Relevant amendments came into force ...": an act not named yet
            if _overlaps(taken, m.start(), m.end()) or any(
                    x.start < sentence.start + m.end() and sentence.start + m.start() < x.end for x in out):
                continue
            if re.match(r"\s*(?:on(?!\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
                        r"March|April|May|June|July|August|September|October|November|December|\d))|to|for|about|of|"
                        r"No\.?|number)\b", st[m.end():m.end() + 24], re.I):
                continue  # "a bill on X" is a mention, handled above ("amendments on April 15": a reference)
            out.append(LawMention(sentence.start + m.start(), sentence.start + m.end(), si, m.group(0),
                                  _kind_of(m.group("noun")), "indefinite"))
        for mention in [x for x in out if x.kind == "amendment" and x.strength == "strong"]:
            if _preceded_by_law(out, mention):
                out.remove(mention)
        strong_before = strong_before or any(x.strength == "strong" and x.kind != "amendment" for x in out)
        all_out.extend(out)
    out = all_out
    out.sort(key=lambda x: (x.start, -x.end))
    return out


_GENERIC_WORDS = frozenset("law laws bill bills act acts amendment amendments changes draft new code decree measure "
                           "legislation initiative proposal reform resolution".split())
# what amendments must name to be an act of their own: a code or act, or numbered parts of one ("amendments
# to Article 5", "to sections 12 and 14", "to articles of the Labour Code"; not "to individual articles")
_SPECIFIC_TARGET = re.compile(r"\b(?:[Cc]ode|Act|Law|Constitution|Order|Decree|Ordinance)\b|"
                              r"\b(?:[Aa]rticles?|[Ss]ections?|[Cc]lauses?|[Pp]aragraphs?)\s+(?:\d|[IVXL]+\b|of\s+(?:the\s+)?\S)|"
                              r"\b(?:law|act)\s+(?:on|for|of)\b")
_DESTINATION = re.compile(r"(?:the\s+)?(?:Parliament|Senate|House|Assembly|Congress|President|Cabinet|Committee|Council|"
                          r"Majlis|Duma|Diet|Legislature|Governor|King|Queen|Sejm|Seimas|Knesset|Lords|Commons)\b")
_PROCEDURE = re.compile(r"(?:principle|consideration|approval|discussion|debate|review|signature|signing|ratification|adoption|"
                        r"submission|passage|a\s+vote|vote|voting|public\s+(?:comment|discussion|hearings?)|"
                        r"(?:its\s+)?(?:first|second|third|final)\s+reading)\b", re.I)
_MEMBERS = re.compile(r"(?:the\s+|a\s+group\s+of\s+)?(?:deputies|lawmakers|legislators|parliamentarians|MPs|"
                      r"senators|members)\b", re.I)
_DATE_WORD = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
                        r"May|June|July|August|September|October|November|December|\d{1,2}\s+[A-Z][a-z]+\s+\d{4})\b")
# "two other bills on X", "54 laws and 210 resolutions aimed at ...": several unnamed acts, none of them one act
_GENERIC_PLURAL = re.compile(r"(?:\b(?:other|further|more|dozens\s+of|hundreds\s+of)|\b\d+)\s+$", re.I)
_PORTFOLIO_LAW = re.compile(r"\b(?:Minister|Ministry|Secretary|Department|Commissioner|Ministers)\s+(?:of\s+State\s+)?"
                            r"(?:of|for)\s+(?:the\s+)?Law$")
_ORG_LEAD = re.compile(r"(?:Committee|Commission|Ministry|Department|Council|Agency|Bureau|Institute|Office|Centre|"
                       r"Center|Faculty|School|Society|Service)\s+(?:on|of|for)\b")
_ORG_CONTEXT = re.compile(r"\b(?:Committee|Commission|Ministry|Department|Council|Agency|Bureau|Institute|Centre|"
                          r"Center|Office)\s+(?:on|of|for)\s+[^.;()]*$")
_LIST_START = re.compile(r"\b(?:amendments?\s+(?:to|in)|amend(?:s|ing)?|changes\s+(?:to|in)|replac(?:e|es|ing))\s+")


def _inside_org(ctx, title: str) -> bool:
    t = title.lower()
    return any(t in (o.name or "").lower() for o in ctx.extraction.organizations)


def _in_target_list(sentence_text: str, start: int) -> bool:
    """"proposes amendments to the X Code, 1860; the Police Act, 1861; ...": every item is a target."""
    head = sentence_text[max(0, start - 400):start]
    last = None
    for last in _LIST_START.finditer(head):
        pass
    if last is None:
        return False
    between = head[last.end():]
    return bool(re.search(r"[;,]", between)) and not re.search(
        r"\b(?:which|that|was|were|is|are|has|have|had|will|said|says)\b|[.!?]\s", between)


def _cue_starts(sentence_text: str, folded: str) -> list[int]:
    """Where a step verb starts in a sentence (any kind but "violate"), in order."""
    gates = _step_gates()
    out = []
    for i, starts in _step_starts(folded).items():
        if gates[i][0] != "violate":
            out.extend(m.start() for m in _step_matches(gates[i][1].pattern, sentence_text, starts))
    return sorted(out)


def _has_step_cue(sentence_text: str, folded: str | None = None) -> bool:
    if folded is None:
        folded = fold(sentence_text)
    gates = _step_gates()
    for i, starts in _step_starts(folded).items():  # only the patterns that may match, where they may
        if gates[i][0] != "violate" and next(_step_matches(gates[i][1].pattern, sentence_text, starts), None):
            return True
    return False


def _add_code(add, m, title: str, name: str) -> None:
    mention = add(m.start(), m.end(), title, "code")
    if mention is not None:
        mention.aliases = mention.aliases + (f"code:{name}",)


def _preceded_by_law(mentions: list[LawMention], mention: LawMention) -> bool:
    """"The bill proposes amendments to X": the amendments are the bill's content, not a law."""
    for other in mentions:
        if other is mention or other.sentence != mention.sentence:
            continue
        if other.end <= mention.start and other.strength in ("strong", "anaphor", "alias"):
            return True
    return False


# -- status steps ------------------------------------------------------------------------------

def _event_for(kind: str, roles: set[str], law_kind: str, passive_count: bool,
               by_roles: set[str] = frozenset()) -> tuple[str | None, str | None]:
    """(event type, status) for a step by agents with ``roles``."""
    if kind == "sign":
        return "Signing", "Signed"
    if kind == "approve":
        if "president" in roles:
            return "Signing", "Signed"
        if roles & {"chamber", "legislator"} or passive_count:
            return "ParliamentaryApproval", "ApprovedByParliament"
        if "government" in roles:
            if law_kind in ("resolution", "decree"):
                return "Adoption", "Adopted"
            return None, "Draft"
        if "party" in roles:
            return "Endorsement", None
        if "committee" in roles:
            return "Endorsement", "Proposed"
        return "Adoption", "Adopted"
    if kind in ("submit", "propose", "draft"):
        if by_roles & {"chamber"} and not roles & {"legislator", "government", "president"} and kind != "draft":
            # "amendments proposed by the upper chamber": that chamber has voted on it
            return "ParliamentaryApproval", "ApprovedByParliament"
        if kind == "submit" and roles & {"government", "president"}:
            return "Submission", "Proposed"
        if kind == "submit" and not roles:
            return "Submission", "Proposed"
        return "Proposal", ("Draft" if kind == "draft" else "Proposed")
    if kind == "consider":
        return None, "Proposed"
    if kind == "forward":
        return None, "ApprovedByParliament"  # "sent to the president for signature": passed, not yet signed
    if kind == "force":
        return "EntryIntoForce", "InForce"
    if kind == "violate":
        return None, "InForce"
    if kind == "reject":
        if roles & {"chamber", "president"} or not roles:
            return "Rejection", "Rejected"
        return "Objection", None
    if kind == "repeal":
        return "Repeal", "Repealed"
    if kind == "support":
        if roles and roles <= {"chamber"} and not by_roles:
            # "senators backed the measure": a chamber's support is its vote (with a count or a reading), else no event
            return ("ParliamentaryApproval", "ApprovedByParliament") if passive_count else (None, None)
        return "Endorsement", None
    if kind == "oppose":
        return "Objection", None
    return None, None


_OVERRIDE = re.compile(r"overr|overturn", re.I)


def _agents_for(ctx, sentence_text: str, cue_start: int, cue_end: int, kind: str,
                mentions: list[AgentMention], law_mask: bytearray,
                ends: list[int] | None = None) -> list[AgentMention]:
    if not mentions:
        return []
    inside = [a for a in mentions if cue_start <= a.start and a.end <= cue_end]
    if inside and kind == "approve" and not _OVERRIDE.search(sentence_text, cue_start, cue_end):
        return inside  # "received full Senate support": the body is named inside the phrase
    # (not "overrode the president's veto": the president vetoed, the subject approved)
    if kind == "propose" and re.match(r"(?:initiator|author|authors|sponsor|initiative|request|behest|suggestion|"
                                      r"urging|instigation)\s+of", sentence_text[cue_start:cue_end], re.I):
        # "the initiator of the bill, X", "at the request of X": who comes next
        found = [a for a in mentions if a.start >= cue_end]
        if found:
            return found[:1]
    after = sentence_text[cue_end:]
    by = _BY.match(after[:60]) if kind not in ("consider",) else None
    if by is not None and re.search(r"\b[a-z]{3,}(?:ed|en)\s+(?:by|from)\s+$", by.group(0)):
        by = None  # "adopted a law proposed by X": X is the agent of "proposed", not of "adopted"
    if by is None:
        m = re.match(r"^[^.;]{0,60}?\b(?:by|in\s+the\s+name\s+of)\s+", after)
        if m and not re.search(r"\b(?:and|but|which|while)\b", m.group(0)) and (
                not re.search(r"\b[a-z]{3,}(?:ed|en)\s+by\s+$", m.group(0))
                or re.search(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+\s+)?[a-z]{3,}(?:ed|en)\s+by\s+$", m.group(0))):
            by = m  # not "backed the measure sponsored by X": X is the agent of another verb
    if by is not None:
        start = cue_end + by.end()
        stop = _BY_END.search(sentence_text, start)
        end = stop.start() if stop else len(sentence_text)
        found = [a for a in mentions if start <= a.start < end]
        # "by Mazhilis Speaker X", "by Renaissance deputy X": the body before the person is an affiliation
        found = [a for i, a in enumerate(found) if a.person or i + 1 == len(found) or not found[i + 1].person
                 or not _AFFILIATION_GAP.fullmatch(sentence_text, a.end, found[i + 1].start)
                 or _COORDINATION.search(sentence_text, a.end, found[i + 1].start)]
        if found:
            return [AgentMention(a.start, a.end, a.key, a.role + "+by", a.person) for a in found]
        if re.match(r"\s+by\s+(?:[A-Z]|the\s+[A-Z])", after[:by.end() + 5]) or re.match(r"\s+by\s+[A-Z]", after):
            return []  # "signed by Mullah X": the by-phrase names an agent not read as an entity; no one else did it
    at = _AT_SITTING.match(after) if kind in ("approve", "reject", "submit", "consider") else None
    if at is not None and any(a.end <= cue_start and not any(law_mask[a.start:a.end]) for a in mentions):
        at = None  # "The government approved ... at a cabinet meeting": the subject acted
    if at is not None:
        # "approval was given at the regular cabinet meeting": the body whose sitting it was
        found = [a for a in mentions if cue_end + at.start("body") <= a.start and a.end <= cue_end + at.end()]
        if found:
            return found[-1:]
    if kind == "approve" and re.match(r"(?:passed|cleared|sailed\s+through|breezed\s+through|won\s+(?:final\s+)?"
                                      r"(?:passage|approval)|\w+\s+(?:its\s+|their\s+)?passage\s+through)$",
                                      sentence_text[cue_start:cue_end], re.I):
        # "the bill passed the Senate", "it passed out of the Legislature": that chamber voted
        obj = next((a for a in mentions if a.start >= cue_end), None)
        if obj is not None and obj.role == "chamber" and re.fullmatch(
                r"\s+(?:(?:its|their|the|a)\s+(?:first|second|third|final)\s+reading\s+(?:in|at|before)\s+)?"
                r"(?:(?:out\s+of|through|in|by)\s+)?(?:the\s+)?", sentence_text[cue_end:obj.start]):
            return [obj]
    # a participle opening the sentence ("Presenting the bill, X said") has its subject after it
    if cue_start < 3 and re.match(r"[A-Z][a-z]+ing\b", sentence_text[cue_start:]):
        found = [a for a in mentions if a.start > cue_end]
        return found[:1]
    # "Senator X, who chairs the committee and introduced the bill": the antecedent of "who" did it
    who = None
    for who in _WHO.finditer(sentence_text, max(0, cue_start - 120), cue_start):
        pass
    if who is not None and not _CLAUSE_BREAK.search(sentence_text, who.end(), cue_start):
        antecedent = [a for a in mentions if a.end <= who.start() and
                      re.fullmatch(r"[\s)]*", sentence_text[a.end:who.start()])]
        if antecedent and not any(law_mask[antecedent[-1].start:antecedent[-1].end]):
            return antecedent[-1:]
    if ends is not None:
        # ends sorted (agent_mentions takes each span once, in order): those before the cue are a prefix
        head = mentions[:bisect.bisect_right(ends, cue_start)]
    else:
        head = [a for a in mentions if a.end <= cue_start]
    before = [a for a in head if not any(law_mask[a.start:a.end]) and not supporter(sentence_text, a)
              and not asked_for(sentence_text, a) and not _REPORTED.search(sentence_text, max(a.end, cue_start - 160), cue_start)]
    # "The bill, tabled in March by the Minister X, sailed through": the agent of a participle set off by
    # commas did not do what the main verb says
    before = [a for a in before if not (_PARTICIPLE_BY.search(sentence_text, max(0, a.start - 80), a.start)
                                        and "," in sentence_text[a.end:cue_start])]
    if _PASSIVE_BEFORE.search(sentence_text, max(0, cue_start - 30), cue_start) and not re.match(
            r"\w+ing\b", sentence_text[cue_start:cue_end]):
        # "The bill, sponsored by X, was passed": who comes before a passive verb did not do it; only a
        # chamber there may be the one that voted ("the session of Parliament ..., which were approved")
        before = [a for a in before if a.role == "chamber" and not a.person] if kind == "approve" else []
    chosen: list[AgentMention] = []
    said = _SAID_SHE.search(sentence_text, max(0, cue_start - 40), cue_start)
    if said and before:
        # "X, the chairperson of the committee, said she supported the Bill": the one who said it
        people = [a for a in before if a.person and a.end <= said.start()]
        if people:
            return people[:1]
    if before:
        last = before[-1]
        if len(before) > 1 and re.fullmatch(r"\s*\(\s*", sentence_text[before[-2].end:last.start]) and \
                re.match(r"\s*\)", sentence_text[last.end:last.end + 3]):
            last = before[-2]  # "the House of Representatives (DPR) passed": the full name, not its abbreviation
            before = before[:-1]
        chosen.append(last)
        # "X and Y passed", "X, with Y, ..." : coordinated agents
        for a in reversed(before[:-1]):
            gap = sentence_text[a.end:chosen[-1].start]
            if re.fullmatch(r"\s*(?:,|and|&|,\s*and|together\s+with|with)\s*(?:the\s+)?", gap) or \
                    re.fullmatch(r"[\s,()A-Za-z’'\-]{0,40}", gap) and a.key == chosen[-1].key:
                chosen.append(a)
            elif re.fullmatch(r"[\s,]*(?:the\s+)?[\w’'\- ]{0,50}?[\s,]*", gap) and a.role == chosen[-1].role == "chamber":
                chosen.append(a)
            elif a.role == chosen[-1].role == "party" and re.fullmatch(
                    r"\)?\s*(?:\([A-Z]{2,8}\))?\s*,?\s*(?:and|&)\s+(?:(?:its|their|the)\s+)?(?:[\w’'\-]+\s+){0,3}", gap):
                chosen.append(a)  # "AK Party (AKP) and its nationalist allies MHP": both parties
            else:
                break
    if kind in ("draft", "propose"):
        w = _WITH.match(after)
        if w:
            chosen += [a for a in mentions if cue_end + w.end() <= a.start < cue_end + w.end() + 60][:1]
    return chosen


# "... which were passed by X last week and assented to by Y": the second step of the same act
_AND_THEN = re.compile(r"\band\s+(?:(?:was|were|then|later|subsequently|finally|also)\s+)*$", re.I)
_SCHEDULED = re.compile(r"(?:takes|take|comes|come|enters|enter|goes|go)\s+into\s+(?:force|effect)\s+(?:on|from|in|as\s+of)\s+"
                        r"(?:\w+\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|"
                        r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|\d)|"
                        r"(?:takes|take)\s+effect\s+(?:on|from|in|as\s+of)\s+(?:\w+\s+)?(?:January|February|March|April|"
                        r"May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|"
                        r"Oct|Nov|Dec|\d)", re.I)
_CALLED_FOR_LAW = re.compile(r"\s+(?:[a-z]+ing\b|(?:(?:the|a|an|its|this|that|new)\s+)?(?:[\w’'\-]+\s+){0,2}?(?:law|laws|bill|bills|"
                             r"amendments?|changes|legislation|measures?|ban|penalt(?:y|ies)|punishment|fines?|"
                             r"liability|it|them)\b)", re.I)  # "called for toughening ...": an aim of the law
_LAW_NOUN_AFTER = re.compile(r"\s+(?:draft\s+)?(?:law|laws|bill|bills|amendments?|changes|legislation|measures?|decree|"
                             r"act|code|reform|regulations?)\b", re.I)
_AT_SITTING = re.compile(r"^[^.;]{0,40}?\b(?:at|during)\s+(?:the|a|an|its|their)\s+(?P<body>(?:[\w’'\-]+\s+){0,5}?)"
                         r"(?:meeting|session|sitting|plenary)\b", re.I)
_AWAITING = re.compile(r"\b(?:awaits?|awaiting|awaited|pending|needs?|requires?|requiring|seeks?|seeking|for|withhold\w*|"
                       r"refus\w*|deny|denying|declin\w*|"
                       r"before|until|without|ahead\s+of|sent\s+(?:\w+\s+){0,3}for)\s+(?:the\s+|a\s+)?"
                       r"(?:[\w.\-]+(?:’s|'s)?\s+){0,2}$", re.I)
_WHO = re.compile(r",\s*who\b")
_SAID_SHE = re.compile(r"\b(?:said|says|stated|added|told\s+\w+|insisted|argued)\s+(?:that\s+)?(?:he|she)\s+"
                       r"(?:(?:had|has|would|will|was|is|fully|strongly|also)\s+)*$")
_CLAUSE_BREAK = re.compile(r"[;.]|,\s*(?:and|but|while|said|says)\b|\b(?:said|says|told)\b")
_PARTICIPLE_BY = re.compile(r",\s*(?:[\w’'\-]+\s+){0,3}?[a-z]{3,}(?:ed|en)\s+(?:[^,;.]{0,40}?\s)?by\s+(?:the\s+)?"
                            r"(?:[\w’'.\-]+,?\s+){0,8}$")
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|being|be)\s+(?:(?:\w+ly|also|then|now|finally|later|"
                             r"initially|first|subsequently|eventually)\s+)*$", re.I)
_SUPPORT_BEFORE = re.compile(r"\b(?:with|having|and)\s+(?:the\s+)?(?:(?:full|strong|broad|cross-party)\s+)?"
                             r"(?:support|backing|endorsement)\s+(?:of|from)\s+(?:the\s+)?(?:[\w’'.\-]+\s+){0,5}$|"
                             r"\b(?:backed|supported|endorsed)\s+by\s+(?:the\s+)?(?:[\w’'.\-]+\s+){0,5}$", re.I)


_ON_BEHALF_BEFORE = re.compile(r"\b(?:at|on|upon|following)\s+(?:the\s+)?(?:request|initiative|behest|suggestion|urging|"
                               r"instigation|instruction|proposal)\s+of\s+(?:the\s+)?(?:[\w’'.\-]+\s+){0,4}$", re.I)


# "X commented that the law was among the initiatives proposed at ...": X speaks of a step someone else took
# (but "X said she had introduced the bill": X is the one the pronoun names)
_REPORTED = re.compile(r"\b(?:said|says|commented|comments|noted|notes|stated|states|wrote|writes|added|adds|explained|"
                       r"argued|claimed|recalled|stressed|emphasi[sz]ed|insisted|told\s+(?:\w+\s+){1,3}?)\s+(?:that\s+)?"
                       r"(?!(?:he|she|they|we|I|it|his|her|their)\b)(?:the|a|an|this|these|those|[A-Z])\b")


def supporter(sentence_text: str, agent: AgentMention) -> bool:
    """"X and Y, with support from Z, introduced the bill": Z supports, X and Y introduce."""
    return _SUPPORT_BEFORE.search(sentence_text, max(0, agent.start - 60), agent.start) is not None


def asked_for(sentence_text: str, agent: AgentMention) -> bool:
    """"At the request of Z, X adopted the bill": Z asked for it (a proposal of its own), X adopted it."""
    return _ON_BEHALF_BEFORE.search(sentence_text, max(0, agent.start - 60), agent.start) is not None


def _initiators(found: list[AgentMention], sentence_text: str) -> list[AgentMention]:
    """Who proposed, drafted or tabled: a chamber named before the cue is the one voting, not the initiator
    ("The deputies passed the law, developed in ..."); beside a named person, the party, committee or
    chamber is that person's affiliation ("by Senator X, chairperson of the Y Committee", "by Z party MP X",
    "by a group of MPs led by X of the Y")."""
    out = [a for a in found if a.role != "chamber" and not (
        a.role == "chamber+by" and _MEMBERS.match(sentence_text, a.start))]  # "co-authored by senators X and Y"
    persons = [a for a in out if a.person]
    if persons:
        out = [a for a in out if a in persons or a.role.split("+")[0] == "government"]
    return out


def _reading(sentence_text: str) -> str | None:
    m = _READING.search(sentence_text)
    if not m:
        return None
    return (m.group("r2") or m.group("r")).lower()


def _nearest_date(ctx, sentence, cue_start: int) -> str | None:
    dates = [d for d in find_dates(sentence.text, ctx.date) if d.value]
    if not dates:
        return None
    return min(dates, key=lambda d: abs(d.start - cue_start)).value


_COMPATIBLE = {
    "bill": {"bill", "amendment", "law", "code", "proposal"}, "law": {"law", "act", "bill", "code", "amendment"},
    "act": {"act", "law", "bill"}, "code": {"code", "law", "bill"}, "decree": {"decree", "resolution"},
    "resolution": {"resolution", "decree"}, "amendment": {"amendment", "bill", "law", "code", "proposal"},
    "proposal": {"proposal", "bill", "amendment"}, "treaty": {"treaty"},
}


def extract_laws(ctx) -> None:
    """Pipeline component: laws with status, date and jurisdiction; steps for the event extractor."""
    if ctx.date is None:
        found = detect_document_date(ctx)
        if found:
            ctx.date = found
            ctx.extraction.document_date = found
    country = main_country(ctx)
    mentions = find_law_mentions(ctx)
    strong = [m for m in mentions if m.strength == "strong"]
    weak = [m for m in mentions if m.strength == "weak"]
    for m in weak:
        # "the Cybercrimes amendment" after "the Cybercrimes (...) (Amendment) Bill": a short name of that act
        own = words_of(m.title) - _GENERIC_WORDS
        named = {x.title for x in strong if own and own <= words_of(x.title) and not x.target}
        if len(named) == 1 and m.kind in ("amendment", "bill", "law", "act"):
            m.strength, m.title = "strong", next(iter(named))
    if strong:
        mentions = [m for m in mentions if m.strength != "weak" and m.strength != "fallback"]
    elif weak:
        mentions = [m for m in mentions if m.strength != "fallback"]
    laws: dict[str, Law] = {}
    alias_to_key: dict[str, str] = {}
    kinds: dict[str, str] = {}
    hints: dict[str, list[tuple[str, str | None]]] = {}
    resolved: list[tuple[LawMention, str]] = []  # (mention, law key) in text order
    last_by_kind: list[tuple[int, str, str]] = []  # (sentence, kind, key)

    def new_law(m: LawMention) -> str:
        named = _jurisdiction_in_title(m.title)
        law_country = country
        if named and (m.kind != "treaty" or country is None):
            law_country = named
        code_alias = next((a for a in m.aliases if a.startswith("code:")), None)
        if code_alias:
            prefix = "draft" if m.title.lower().startswith("draft") and "new" not in m.title.lower() else "new"
            key = iris.law_key(law_country, f"new {code_alias[5:]}")
            _ = prefix
        else:
            key = iris.law_key(law_country, _title_key_text(m.title, law_country))
        if key not in laws:
            laws[key] = Law(key=key, title=m.title, country=law_country, kind=m.kind)
            kinds[key] = m.kind
        for a in m.aliases:
            alias_to_key.setdefault(a, key)
        return key

    pending_weak: list[LawMention] = []
    placeholders: set[str] = set()  # laws made for a reference to an act not named (yet)
    evidence_seen: dict[str, set] = {}
    for m in mentions:
        key = None
        if m.strength == "anaphor":
            wanted = _COMPATIBLE.get(m.kind, {m.kind})
            for si, kind, k in reversed(last_by_kind):
                if kind in wanted:
                    key = k
                    break
            if key is None and last_by_kind and m.kind not in ("code",):
                key = last_by_kind[-1][2]
            if key is None:
                if not _PLACEHOLDER_NOUNS.search(m.title):
                    continue
                key = new_law(LawMention(m.start, m.end, m.sentence, _clean_title(m.title), m.kind, "anaphor"))
                placeholders.add(key)
        elif m.strength == "indefinite" and _OTHER_ACT.match(m.title):
            # "Senator X has filed a similar bill": another act than the one named, however unnamed
            m.strength, m.title = "strong", _clean_title(m.title)
            key = new_law(m)
        elif m.strength == "indefinite":
            if last_by_kind and last_by_kind[-1][2] in placeholders:
                key = last_by_kind[-1][2]  # two references to an act never named: the same act
            elif last_by_kind:
                continue  # "X also introduced a bill ...": some other act, not the one named before
            else:
                key = new_law(LawMention(m.start, m.end, m.sentence, _clean_title(m.title), m.kind, "anaphor"))
                placeholders.add(key)
        elif m.strength == "alias":
            key = alias_to_key.get(m.aliases[0]) if m.aliases else None
            if key is None:
                continue
        else:
            key = new_law(m)
            if m.target:
                m.status_hint = m.status_hint or None
        if m.status_hint:
            hints.setdefault(key, []).append((m.status_hint, m.date_hint))
        resolved.append((m, key))
        if not m.target:
            last_by_kind.append((m.sentence, kinds.get(key, m.kind), key))
        if m.strength == "weak":
            pending_weak.append(m)
        law = laws[key]
        ev = ctx.evidence(ctx.sentences[m.sentence])
        seen = evidence_seen.get(key)
        if seen is None:
            seen = evidence_seen[key] = set(law.evidence)
        if ev not in seen:  # a set beside the list: a law named in every sentence stays linear
            seen.add(ev)
            law.evidence.append(ev)

    # targets (amended or replaced acts) are laws only when the text comes back to them
    target_keys = {k for m, k in resolved if m.target}
    for key in target_keys:
        uses = [m for m, k in resolved if k == key]
        if all(m.target for m in uses) and len(uses) < 2:
            laws.pop(key, None)
    # untitled proposals that say the same thing are one proposal
    _merge_similar(laws, resolved, kinds)
    # two bills in one text amending the same code are one bill under two names
    _merge_same_code_bills(laws, resolved, kinds)

    steps = _find_steps(ctx, resolved, laws, kinds)
    ctx.notes["law_mentions"] = [(m, k) for m, k in resolved if k in laws]
    ctx.notes["law_steps"] = steps
    ctx.notes["law_status_hints"] = hints
    dropped = []
    collective_from = min((st.sentence for st in steps if st.law.startswith(COLLECTIVE)), default=None)
    first_sentence: dict[str, int] = {}
    for m, k in resolved:
        if not m.target:
            first_sentence.setdefault(k, m.sentence)
    for key, law in laws.items():
        best = None
        for status, date in hints.get(key, []):
            if best is None or STATUS_RANK[status] > STATUS_RANK[best[0]]:
                best = (status, date)
        for step in steps:
            if step.law == key and step.status:
                if best is None or STATUS_RANK[step.status] > STATUS_RANK[best[0]] or (
                        STATUS_RANK[step.status] == STATUS_RANK[best[0]] and step.date and not best[1]):
                    best = (step.status, step.date)
        if best is None and kinds.get(key) in ("act", "law") and not (
                collective_from is not None and first_sentence.get(key, -1) >= collective_from):
            # an act only cited ("under section 5 of the X Act, 1960"): no step of its is reported, and a
            # year in its title is not an adoption (README: an old act is a law when its adoption is reported);
            # one named after a step told of several acts ("passed several laws ... among them") has that step
            dropped.append(key)
            continue
        if best is None:
            kind = kinds.get(key, "law")
            lowered = law.title.lower()
            if lowered.startswith("draft") or " draft " in f" {lowered} ":
                best = ("Draft", None)
            elif kind in ("bill", "proposal", "amendment"):
                best = ("Proposed", None)
            elif kind in ("law", "act", "decree", "resolution", "code", "treaty"):
                best = ("Adopted", None)
        if best:
            law.status, law.date = best[0], best[1] or law.date
    for key in dropped:
        laws.pop(key, None)
    ctx.notes["law_mentions"] = [(m, k) for m, k in resolved if k in laws]
    ctx.extraction.laws.extend(laws.values())


def _merge_into(laws: dict[str, Law], resolved: list, keep: str, drop: str) -> None:
    if keep == drop or drop not in laws or keep not in laws:
        return
    for ev in laws[drop].evidence:
        if ev not in laws[keep].evidence:
            laws[keep].evidence.append(ev)
    del laws[drop]
    for i, (m, k) in enumerate(resolved):
        if k == drop:
            resolved[i] = (m, keep)


def _merge_similar(laws: dict[str, Law], resolved: list, kinds: dict[str, str]) -> None:
    keys = [k for k in laws if kinds.get(k) == "proposal"]
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            if a not in laws or b not in laws:
                continue
            wa, wb = words_of(laws[a].title), words_of(laws[b].title)
            if wa and wb and len(wa & wb) / min(len(wa), len(wb)) >= 0.5:
                _merge_into(laws, resolved, a, b)


def _merge_same_code_bills(laws: dict[str, Law], resolved: list, kinds: dict[str, str]) -> None:
    by_code: dict[str, str] = {}
    for key in list(laws):
        if kinds.get(key) != "bill":
            continue
        codes = {canonical_code(m.group(0)) for m in CODE_RE.finditer(laws[key].title)}
        codes.discard(None)
        if len(codes) != 1:
            continue
        code = codes.pop()
        if code in by_code:
            _merge_into(laws, resolved, by_code[code], key)
        else:
            by_code[code] = key


def _find_steps(ctx, resolved: list[tuple[LawMention, str]], laws: dict[str, Law],
                kinds: dict[str, str]) -> list[Step]:
    steps: list[Step] = []
    by_sentence: dict[int, list[tuple[LawMention, str]]] = {}
    for m, k in resolved:
        if k in laws and not m.target:
            by_sentence.setdefault(m.sentence, []).append((m, k))
    last_law: list[tuple[int, str]] = []  # (sentence, key)
    approval_agents: list[tuple[int, list[str]]] = []
    body_start = ctx.document.body_offset if hasattr(ctx.document, "body_offset") else 0
    only_law = next(iter(laws)) if len(laws) == 1 else _one_act(laws)
    code_spans_cache: dict[int, list[tuple[int, int]]] = {}
    folds = sentence_folds(ctx)
    gates = _step_gates()
    for si, sentence in enumerate(ctx.sentences):
        if sentence.end <= body_start:
            continue
        st = sentence.text
        here = by_sentence.get(si, [])
        if _FURNITURE.match(st):
            continue
        law_spans = [(m.start - sentence.start, m.end - sentence.start) for m, _ in here]
        cues = []
        cue_mask = bytearray(len(st) + 1)
        may = _step_starts(folds[si])
        if not may:  # no step pattern can match: no cue
            for _, k in here:
                last_law.append((si, k))
            continue
        for gi in sorted(may):  # in the order of the gates: the first to take a span keeps it
            kind, gate = gates[gi]
            # only at the word starts where the pattern may match (``\b`` and lookbehinds still see before them)
            for cm in _step_matches(gate.pattern, st, may[gi]):
                if any(cue_mask[cm.start():cm.end()]):
                    continue
                cue_mask[cm.start():cm.end()] = b"\x01" * (cm.end() - cm.start())
                cues.append((kind, cm.start(), cm.end()))
        if not cues:  # nothing below reads a sentence without a step cue
            for _, k in here:
                last_law.append((si, k))
            continue
        cues.sort(key=lambda c: c[1])
        assignment = _assign_targets(here, cues, sentence.start)
        sentence_reading = _reading(st)
        has_reading = sentence_reading is not None
        vote_count = bool(_VOTE_COUNT.search(st))
        law_mask = bytearray(len(st) + 1)
        for a, b in law_spans:
            law_mask[a:b] = b"\x01" * (b - a)
        # a year inside a law's name ("the Act of 1911", "Bill, 2025") dates the act, not this step
        dates_here = [d for d in find_dates(st, ctx.date) if d.value and not (
            len(d.value) == 4 and any(law_mask[d.start:d.end]))]
        agents = agent_mentions(ctx, st)
        agent_ends: list[int] | None = [a.end for a in agents]
        if any(x > y for x, y in zip(agent_ends, agent_ends[1:])):
            agent_ends = None  # not sorted (never expected): _agents_for scans them all
        for kind, cs, ce in cues:
            inside_law = any(a <= cs and ce <= b for a, b in law_spans)
            if inside_law and kind not in ("propose",):
                continue
            head = st[max(0, cs - 60):cs]
            if kind != "violate" and (_FUTURE.search(head) or _NEGATION.search(head) or _conditional(head)):
                continue
            if _OTHER_LAW_BEFORE.search(st, max(0, cs - 80), cs):
                continue  # "when the original law was enacted": a step of the act being amended
            if kind != "violate" and _BARE_INFINITIVE.search(head) and _MODAL_BEFORE.search(st[:cs]):
                continue  # "it must pass a third reading and be endorsed by the Senate": not yet
            if kind != "violate" and _MODAL_CHAIN.search(st, max(0, cs - 160), cs):
                continue  # "must now be approved by the upper house and signed by the president": not yet
            if kind == "sign" and _AWAITING.search(head):
                continue  # "the bill now awaits the President's assent": not signed yet
            # "May 5, 2025 - The law takes effect": a timeline's entry dated before the article tells what happened
            dated_entry = kind == "force" and _timeline_entry(st, dates_here, ctx.date)
            if kind == "force" and _FUTURE_AFTER.match(st, ce) and not dated_entry:
                continue  # "takes effect in 90 days", "comes into force 14 days after publication": not yet
            if kind == "force" and _SCHEDULED.match(st[cs:]) and not re.search(r"\b(?:today|now)\b", st[ce:ce + 30]) \
                    and not dated_entry:
                continue  # "It takes effect on Oct. 1": the present tense of a date to come
            if kind == "propose" and re.match(r"proposed\s*$", st[cs:ce], re.I) and (any(
                    0 <= a - ce <= 6 or a <= cs and ce <= b for a, b in law_spans) or _LAW_NOUN_AFTER.match(st, ce)):
                continue  # "the proposed bill", "as per the proposed law": an adjective, not a step
            if kind == "propose" and re.match(r"proposed\s*$", st[cs:ce], re.I) and re.search(
                    r"\b(?:the|a|an|its|their|these|those|this|his|her)\s+$", st[max(0, cs - 8):cs], re.I):
                continue  # "the proposed maximum fines": an adjective before any noun
            if kind in ("approve", "submit", "propose", "support") and re.match(r"\s*(?:by|that)\b", st[ce:ce + 6]) is None \
                    and kind != "approve" and _law_is_subject(st, cs, law_spans):
                continue  # "the draft law proposes ...": the law's content, not a step
            if kind == "consider" and not has_reading:
                targets = assignment.get(cs, [])
                for k in targets:
                    steps.append(Step(kind, None, "Proposed", k, si, start=sentence.start + cs))
                continue
            targets = assignment.get(cs, [])
            if kind == "repeal" and len(targets) > 1 or kind == "repeal" and targets and any(
                    m.start - sentence.start >= ce for m, _ in here):
                # "The new law repeals Law No. 216 of 2017": the act after the verb is repealed, not its subject
                objects = [k for m, k in here if m.start - sentence.start >= ce]
                if objects:
                    targets = [k for k in targets if k in objects] or objects[:1]
            if targets and kind in ("repeal", "reject"):
                if si not in code_spans_cache:  # read only when a repeal or rejection needs it
                    code_spans_cache[si] = [cm.span() for cm in CODE_RE.finditer(st)]
                if _code_closer(code_spans_cache[si], law_spans, cs):
                    continue
            if kind == "sign" and not any(-50 <= cs - b <= 50 or 0 <= a - ce <= 60 for a, b in law_spans) and not (
                    any(0 <= cs - b <= 150 for a, b in law_spans) and _AND_THEN.search(st, max(0, cs - 30), cs)) and (
                    law_spans or not _INDEFINITE_LAW.match(st, ce)) and not _COLLECTIVE_OBJECT.match(st, ce):
                continue  # "a statement signed by X": something other than a law was signed
            found_agents = _agents_for(ctx, st, cs, ce, kind, agents, law_mask, agent_ends)
            if kind == "oppose" and _MINORITY.search(st, max(0, cs - 40), cs) and all(
                    a.role.split("+")[0] == "chamber" for a in found_agents):
                continue  # "97 MPs supported the document, five voted against it": the vote's minority
            if kind in ("propose", "draft", "submit") and found_agents:
                found_agents = _initiators(found_agents, st)
            report = kind == "submit" and _REPORT_NEAR.search(st, max(0, cs - 30), cs)
            if not targets and kind in ("sign", "approve") and _INDEFINITE_LAW.match(st, ce) and not (
                    last_law and si - last_law[-1][0] <= 2):
                # "X signed a bill that ...", the bill named in the next sentence ("House Bill 12, sponsored by")
                ahead = next((by_sentence[j][0][1] for j in (si + 1, si + 2) if by_sentence.get(j)), None)
                if ahead is not None and (only_law is None or ahead == only_law):
                    targets = [ahead]
            collective = not targets and (_COLLECTIVE_OBJECT.match(st, ce) or _COLLECTIVE_SUBJECT.search(st, 0, cs))
            if collective:
                # "passed four bills", "12 bills were moved": the article's acts of that kind share it
                targets = [COLLECTIVE + _kind_of(collective.group("acts"))]
            if not targets:
                # a step with no law in its sentence belongs to the law just named, when it is a strong step
                # or its agent is named ("The petition was filed by X", "introduced ... by MP Y")
                if kind in ("consider", "violate", "sign", "repeal", "reject"):
                    continue
                if kind not in ("approve", "force") and not found_agents and not (only_law and kind == "propose"):
                    continue
                if _NON_LAW_OBJECT.match(st, ce):
                    continue  # "the deputies also ratified two agreements": another object than the law
                if kind == "propose" and re.match(r"call(?:ed|s)?\s+for|urged?\b", st[cs:ce], re.I) and not \
                        _CALLED_FOR_LAW.match(st, ce):
                    continue  # "X called for the disbandment of Y": a call for an act of others, not this law

                # last_law is in sentence order: the last entry is the most recent law, if any is recent
                if last_law and si - last_law[-1][0] <= 2:
                    targets = [last_law[-1][1]]
                elif only_law:
                    targets = [only_law]
                else:
                    continue
            roles = {a.role.split("+")[0] for a in found_agents}
            by_roles = {a.role.split("+")[0] for a in found_agents if a.role.endswith("+by")}
            passive_count = vote_count and kind in ("approve", "support")
            reading = sentence_reading
            if kind == "consider":
                if reading in ("second", "third", "final"):
                    kind_event, status = "ParliamentaryApproval", "ApprovedByParliament"
                    reading = "first"
                else:
                    continue
            else:
                kind_event, status = _event_for(kind, roles, kinds.get(targets[0], "law"), passive_count or bool(reading),
                                                by_roles)
                if report and kind_event == "Proposal":
                    kind_event = "Submission"  # "the report presented by the committee's chairman": a submission
            agent_keys = list(dict.fromkeys(a.key for a in found_agents if a.key))
            if kind == "approve" and not found_agents and kind_event in ("Adoption", "ParliamentaryApproval"):
                # "An agreement ... was also approved": the chamber that approved the others
                recent = approval_agents[-1] if approval_agents and si - approval_agents[-1][0] <= 3 else None
                if recent is not None and re.search(r"\balso\s+(?:been\s+)?$", st[:cs]):
                    agent_keys = recent[1]
                    kind_event, status = "ParliamentaryApproval", "ApprovedByParliament"
            if kind_event == "ParliamentaryApproval" and agent_keys:
                approval_agents.append((si, agent_keys))
            date = min(dates_here, key=lambda d: abs(d.start - cs)).value if dates_here else None
            if kind == "force" and date and ctx.date and _after(date, ctx.date) and any(
                    0 <= d.start - ce <= 12 for d in dates_here):
                continue  # "takes effect on 1 January 2026" in a text of 2025: a future step
            party_keys = [a.key for a in found_agents if a.key and a.role.split("+")[0] == "party"]
            if kind in ("approve", "support") and party_keys and kind_event in ("ParliamentaryApproval", "Adoption"):
                # "endorsed by party A and party B MPs": the parties voice support, the chamber votes
                for k in targets:
                    steps.append(Step("support", "Endorsement", None, k, si, party_keys, date, None,
                                      start=sentence.start + cs))
                agent_keys = [a for a in agent_keys if a not in party_keys]
            vague = [(a.role.split("+")[0], st[a.start:a.end]) for a in found_agents
                     if a.key is None and a.role.split("+")[0] in ("chamber", "government", "president")
                     and not st.startswith("-", a.end)]  # "government-approved": a compound, not an actor
            backers = [a.key for a in agents if a.key and a.end <= cs and supporter(st, a)]
            if backers and kind_event in ("Proposal", "Submission", "ParliamentaryApproval", "Adoption"):
                for k in targets:
                    steps.append(Step("support", "Endorsement", None, k, si, backers, date, None,
                                      start=sentence.start + cs))
            for k in targets:
                steps.append(Step(kind, kind_event, status, k, si, agent_keys, date, reading,
                                  start=sentence.start + cs, vague=list(vague)))
        for _, k in here:
            last_law.append((si, k))
    return steps


#: the law of a step told of several acts at once, given to each of them by the whole-article reading
COLLECTIVE = "*"
_COUNT = (r"(?:a\s+(?:number|series|package|raft|batch|slew|set)\s+of|several|various|multiple|many|some|two|three|four|"
          r"five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})")
_ACTS = r"(?P<acts>bills|laws|acts|decrees|resolutions|amendments|measures|pieces\s+of\s+legislation|legislative\s+acts)"
_COLLECTIVE_OBJECT = re.compile(rf"\s+(?:into\s+law\s+)?(?:to\s+)?{_COUNT}\s+(?:[\w’'\-]+\s+){{0,3}}?{_ACTS}\b", re.I)
_COLLECTIVE_SUBJECT = re.compile(rf"\b{_COUNT}\s+(?:[\w’'\-]+\s+){{0,3}}?{_ACTS}\s+(?:(?:were|have\s+been|had\s+been|"
                                 rf"are|got|received)\s+)?(?:(?:\w+ly|also|all)\s+)?$", re.I)
_OTHER_LAW_BEFORE = re.compile(r"\b(?:the|an?|its|their)\s+(?:original|old|existing|previous|current|earlier|parent|"
                               r"principal|former|present)\s+(?:law|act|code|legislation|version|statute)\b[^,;]*$", re.I)
_MODAL_CHAIN = re.compile(r"\b(?:must|will|would|should|shall|has\s+to|have\s+to|needs?\s+to|is\s+to|are\s+to|yet\s+to)\s+"
                          r"(?:\w+\s+){0,2}?be\s+\w+(?:ed|en)\b[^.;]{0,120}?,?\s+and\s+(?:then\s+|finally\s+|later\s+)?$",
                          re.I)
_BARE_INFINITIVE = re.compile(r"(?:^|\s)(?:be|get|become)\s+(?:\w+ly\s+)?$", re.I)
_MODAL_BEFORE = re.compile(r"\b(?:must|will|would|should|shall|can|could|may|might|has\s+to|have\s+to|needs?\s+to|"
                           r"is\s+to|are\s+to|to\s+become|expected\s+to|set\s+to|yet\s+to|in\s+order\s+to)\b", re.I)
_REPORT_NEAR = re.compile(r"\b(?:report|findings|recommendations)\s+(?:was\s+|were\s+|has\s+been\s+)?$", re.I)
_MINORITY = re.compile(r"(?:\b\d[\d,]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|"
                       r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety))\s+(?:(?:deputies|lawmakers|MPs|senators|"
                       r"members|others)\s+)?(?:voted|abstained)?\s*$", re.I)


def _one_act(laws: dict[str, Law]) -> str | None:
    """The law of an article whose laws are one act under two spellings ("X Bill" and "X Bill, 2024")."""
    from ..article.laws import normalized_title  # the whole-article reading's normalisation, read lazily
    titles = {normalized_title(law.title) for law in laws.values()}
    return next(iter(laws)) if len(titles) == 1 and laws else None


_NON_LAW_OBJECT = re.compile(
    r"\s+(?:(?:the|a|an|two|three|four|five|several|a\s+number\s+of|its|their|some)\s+)?(?:[\w’'\-]+\s+){0,2}?"
    r"(?:agreements?|treat(?:y|ies)|conventions?|protocols?|budgets?|agenda|reports?|statements?|appeals?|"
    r"declarations?|plans?|programmes?|programs?|candidates?|candidacies|nominations?|minutes|appointments?)\b", re.I)
_AFFILIATION_GAP = re.compile(r"(?:’s|'s)?\s+(?:[A-Za-z.\-]+\s+){0,3}")
_COORDINATION = re.compile(r"\b(?:and|or|with|together|as\s+well\s+as)\b", re.I)
_FURNITURE = re.compile(r"\s*(?:read\s+more|read\s+also|also\s+read|see\s+also|related(?:\s+(?:news|stories|articles))?|"
                        r"more\s+on\s+this|recommended)\b\s*:?", re.I)
_INDEFINITE_LAW = re.compile(r"\s+(?:into\s+law\s+)?(?:a|an)\s+(?:new\s+)?(?:bill|law|measure|legislation)\b", re.I)
_FUTURE_AFTER = re.compile(
    r"\s*,?\s*(?:(?:in|within|after)\s+(?:\w+\s+){0,2}?(?:days?|weeks?|months?|years?)\b|"
    r"(?:\w+\s+){1,2}(?:days?|weeks?|months?|years?)\s+(?:after|from|following)\b|"
    r"(?:after|upon|once|when|following)\s+(?:its|their|the)\s+(?:publication|promulgation|signing|signature|"
    r"official\s+publication|approval|ratification)|only\s+(?:after|when|once)|next\s+(?:year|month|week))", re.I)
_VOTE_COUNT = re.compile(r"\b\d[\d,]*\s+(?:votes|deputies|lawmakers|MPs|senators|members)\b")
_CONDITIONAL = re.compile(r"\b(?:if|unless|once|whether|in\s+case)\b(?P<rest>[^,;]*)$", re.I)


def _after(date: str, reference: str) -> bool:
    """Whether ``date`` is later than ``reference`` (ISO strings, compared at the coarser of the two)."""
    n = min(len(date), len(reference))
    return date[:n] > reference[:n]


def _conditional(head: str) -> bool:
    return _CONDITIONAL.search(head) is not None


def _law_is_subject(st: str, cue_start: int, law_spans: list[tuple[int, int]]) -> bool:
    for a, b in law_spans:
        gap = st[b:cue_start]
        if b <= cue_start and re.fullmatch(r"\s*(?:(?:also|further|additionally|now|reportedly|itself)\s+)?", gap):
            return True
        if b <= cue_start and re.fullmatch(r"\s*,[^,]{0,80},\s*(?:also\s+)?", gap) and not re.search(
                r"\b(?:by|which|who)\b", gap):
            return True
    return False


def _code_closer(code_spans: list[tuple[int, int]], law_spans: list[tuple[int, int]], cue: int) -> bool:
    if not code_spans:
        return False
    d_code = min(abs(cue - (a if a > cue else b)) for a, b in code_spans)
    d_law = min((abs(cue - (a if a > cue else b)) for a, b in law_spans), default=10 ** 6)
    return d_code < d_law


def _assign_targets(here: list[tuple[LawMention, str]], cues, sentence_start: int) -> dict[int, list[str]]:
    """For each cue (by start offset), the laws of the sentence nearer to it than to any other cue."""
    out: dict[int, list[str]] = {}
    if not cues or not here:
        return out
    centers = [(c[1] + c[2]) / 2 for c in cues]
    for m, k in here:
        mid = (m.start + m.end) / 2 - sentence_start
        i = bisect.bisect_left(centers, mid)
        best = min((j for j in (i - 1, i) if 0 <= j < len(centers)), key=lambda j: abs(centers[j] - mid))
        out.setdefault(cues[best][1], [])
        if k not in out[cues[best][1]]:
            out[cues[best][1]].append(k)
    # a cue with no law of its own takes the nearest law (cues far from any law were dropped above)
    for kind, cs, ce in cues:
        if cs not in out:
            nearest = min(here, key=lambda mk: min(abs(mk[0].start - sentence_start - ce),
                                                   abs(mk[0].end - sentence_start - cs)))
            if min(abs(nearest[0].start - sentence_start - ce), abs(nearest[0].end - sentence_start - cs)) <= 200:
                out[cs] = [nearest[1]]
    return out


def _targets(here: list[tuple[LawMention, str]], cs: int, ce: int, sentence, cues) -> list[str]:
    """The laws a cue applies to: those in the sentence nearer to it than to any other cue."""
    if not here:
        return []
    centers = [(c[1] + c[2]) / 2 for c in cues]
    me = (cs + ce) / 2
    chosen = []
    for m, k in here:
        mid = (m.start + m.end) / 2 - sentence.start
        nearest = min(centers, key=lambda c: abs(c - mid))
        if abs(nearest - me) < 1e-9:
            chosen.append(k)
    if not chosen:
        nearest_law = min(here, key=lambda mk: min(abs(mk[0].start - sentence.start - ce),
                                                    abs(mk[0].end - sentence.start - cs)))
        chosen = [nearest_law[1]]
    return list(dict.fromkeys(chosen))


_ENTRY_DASH = re.compile(r"\s*[-–—:]\s")


def _timeline_entry(st: str, dates, today: str | None) -> bool:
    """Whether the sentence opens with a full date and a dash ("May 5, 2025 - ...") no later than ``today``."""
    first = next((d for d in dates if d.start <= 2), None)
    if first is None or len(first.value) < 10 or not _ENTRY_DASH.match(st, first.end):
        return False
    return today is None or first.value <= today


def detect_document_date(ctx) -> str | None:
    """The date a body opens with ("DUSHANBE, November 26, 2008"), or else the date of its byline
    ("By A. Author for Outlet April 22, 2024"), when the document has none."""
    body = ctx.text[ctx.document.body_offset:] if hasattr(ctx.document, "body_offset") else ctx.text
    return dateline_date(body) or byline_date(body)
