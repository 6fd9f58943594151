"""Penalties: one :class:`~kg.extract.model.Penalty` per alternative a text gives.

A sentence like "a fine of at most 150 MCI, community service for up to 240 hours, or
arrest for up to 45 days" is split into its alternatives; in each, the kind of punishment
is read from ``kg/data/penalty_terms.jsonl`` and the quantities around it: terms ("four to
seven years", "up to ten", "at least two", "not less than six months and not more than three
years", "a five-year term"; months as fractions of a year, days and hours kept apart) and
money (:mod:`kg.extract.money`, converted to US dollars).

A change ("raised from 5 to 8 years", "increased from 10 years to life imprisonment",
"substituting ... ten years with ... life", "could be replaced with a fine") gives the old
penalty and the new one; the stage follows the law: PreviousPenalty/NewPenalty once the
change is enacted, CurrentPenalty/ProposedPenalty while it is a bill. Penalties quoted as
the rule in force ("Currently, officials face fines ...") are CurrentPenalty; a court's
sentence on a person ("an Almaty court sentenced X to ten days") is ImposedSentence. Numbers
that are not penalties ("900 crimes", "$240 million", "500 participants", "goods with a value
of more than P1 million") give nothing.

Penalties given by reference take the values they refer to: "or correctional labour in the same
amount" (the alternative before it), "A similar penalty is provided for X" (the last sentence's
penalties, with offense X). Each penalty carries the offense the sentence ties to it ("X is
punishable by", "For X, ...", "if anybody X, he will ...", "a fine of N for X"), so one amount
for two offenses stays two penalties; a penalty without its article takes the one whose quoted
title names its offense ("Article 275 of the Criminal Code “Treason”").
"""
from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .gazetteers import alternation, data_lines, fold
from .laws import ENACTED
from .money import currency_table, find_amounts, to_usd
from .numbers import NUMBER, parse_number
from .model import Penalty
from .sentences import sentence_folds

__all__ = ["PenaltyMention", "read_penalties", "extract_penalties", "penalty_terms"]


@lru_cache(maxsize=1)
def penalty_terms() -> list[tuple[str, str, bool]]:
    """(term, penalty type, may stand alone), longest terms first."""
    rows = []
    for line in data_lines("penalty_terms.jsonl"):
        row = json.loads(line)
        for term in row.get("terms", []):
            rows.append((term, row["type"], bool(row.get("bare"))))
    rows.sort(key=lambda r: len(r[0]), reverse=True)
    return rows


@lru_cache(maxsize=1)
def _term_regex() -> tuple[re.Pattern, dict[str, tuple[str, bool]]]:
    lookup = {t.lower(): (ty, bare) for t, ty, bare in penalty_terms()}
    # grouped by first letter (gazetteers.alternation): the same matches, tried much faster
    alt = alternation([t for t, _, _ in penalty_terms()], lambda t: re.escape(t).replace(r"\ ", r"\s+"),
                      ignorecase=True)
    return re.compile(rf"\b{alt}\b", re.I), lookup


# keywords for cheap prefilters (compared with gazetteers.fold of the text; see _term_keywords)
_TERM_KEYWORDS = ("fine", "penal", "punish", "sentenc", "term", "jail", "prison", "incarcerat", "life", "death",
                  "capital", "arrest", "detention", "expuls", "deport", "ban", "barred", "bars", "labo", "work",
                  "community", "depriv", "disqualif", "licen", "execut", "freedom", "liberty", "restrict",
                  "prohibition", "reclus", "servitude", "custodial")
# the words without which no sentence yields a penalty: a term, or a word that lets a bare quantity
# be one (money: "fine", "penalt", "punish", "sanction", "liable"; a duration: _GENERIC_TERM's)
_CONTEXT_KEYWORDS = ("fine", "penalt", "penali", "punish", "sanction", "liable", "sentenc", "term", "jail", "prison",
                     "incarcerat", "felon", "carr")
# every match of _DURATION or _YEAR_LONG holds one of these
_UNIT_KEYWORDS = ("year", "yr", "month", "week", "day", "hour")


@lru_cache(maxsize=1)
def _term_keywords() -> tuple[str, ...]:
    """Lower-cased ASCII strings one of which every match of the term regex holds (in fold(text))."""
    keys = list(_TERM_KEYWORDS)
    for term, _, _ in penalty_terms():
        t = fold(term)
        if not any(k in t for k in keys):  # a term added to the data later: its longest ASCII word
            words = re.findall(r"[a-z]+", t)
            keys.append(max(words, key=len) if words else t)
    if any(not k for k in keys):
        return ("",)  # no usable keyword: the prefilter lets everything through
    return tuple(keys)


@lru_cache(maxsize=1)
def _sentence_keywords() -> tuple[str, ...]:
    return tuple(dict.fromkeys(_term_keywords() + _CONTEXT_KEYWORDS))


def _has_any(folded: str, keywords: tuple[str, ...]) -> bool:
    for k in keywords:
        if k in folded:
            return True
    return False


_UNIT = r"(?:years?|yrs?|months?|weeks?|days?|hours?)"
_NUM = rf"(?:{NUMBER}|half\s+a|a\s+half|(?<![\w-])an?(?=\s+(?:year|month|week|day|hour)s?\b))"  # "up to a year in prison"
_DURATION = re.compile(
    rf"(?<![\w.,$£€¥₹₦₱₩₫¢₵₸₽₴₺₪])(?:(?P<from>from|between)\s+)?(?P<a>{_NUM})(?:\s*[-‐]?\s*(?P<ua>{_UNIT})(?:['’]s?)?)?"
    rf"(?:\s*(?:-|–|—|to|and|or)\s*(?:(?:up\s+to|a\s+maximum\s+of)\s+)?(?P<b>{_NUM})\s*[-‐]?\s*(?P<ub>{_UNIT})(?:['’]s?)?"
    rf"|(?(ua)|(?!x)x))(?![\w-])", re.I)
_YEAR_LONG = re.compile(r"\b(?P<a>year|month|week|day|(?:\w+)-(?:year|month|week|day))-long\b|\b(?P<n>\w+)-(?P<u>year|month|week|day)"
                        r"(?!-old)\b(?=\s+(?:term|sentence|prison|jail|imprisonment|ban|arrest|stint))", re.I)
_BOUND_MAX = re.compile(r"(?:\bup\s+to|\bmaximum(?:\s+possible)?(?:\s+\w+){0,2}(?:\s+of|\s+being|\s+is)?|\bnot\s+(?:be\s+)?(?:more|exceeding|"
                        r"longer|higher)\s+than|\bno\s+(?:more|longer)\s+than|\bnot\s+exceeding|\bextendable\s+to|\bextendible\s+to|"
                        r"\bat\s+most|\bas\s+(?:much|long)\s+as|\bof\s+up\s+to|\bmax\.?|\bcapped\s+at|\bexceed(?:ing)?|\bmay\s+extend\s+to|"
                        r"\bextending\s+to|\bnot\s+exceeding)\s*$",
                        re.I)
_BOUND_MIN = re.compile(r"(?:\bat\s+least|\bnot\s+(?:be\s+)?(?:less|shorter|lower)\s+than|\bno\s+(?:less|shorter)\s+than|\bminimum(?:\s+\w+){0,2}(?:\s+of|\s+is)?|"
                        r"\bmay\s+not\s+be\s+less\s+than|\bnot\s+below|\bfrom)\s*$", re.I)
_NOT_TERM_BEFORE = re.compile(r"\b(?:within|past|last|next|over|after|since|per|every|each|ago|once|twice|times|"
                              r"for\s+the\s+past|"
                              r"in\s+the\s+past|during|aged?|age\s+of|under)\s*(?:the\s+)?$", re.I)
_NOT_TERM_AFTER = re.compile(r"^(?:-?\s*olds?\b|\s+ago\b|\s+old\b|\s+of\s+age\b|\s+later\b|\s+earlier\b|\s+before\b|"
                             r"\s+after\b)", re.I)
_CHANGE_VERB = re.compile(r"\b(?:increas\w*|rais\w*|rose|reduc\w*|toughen\w*|enhanc\w*|lower\w*|cut|cuts|chang\w*|"
                          r"extend\w*|doubl\w*|tripl\w*|tighten\w*|harden\w*|soften\w*|mitigat\w*|strengthen\w*|"
                          r"stiffen\w*|decreas\w*|hik\w*|boost\w*|jump\w*|grow\w*|go(?:es)?\s+up|went\s+up|"
                          r"ris(?:e|es|ing|en)|lift(?:s|ed|ing)?|climb\w*)\b", re.I)
_REPLACE = re.compile(r"\b(?:(?:could|would|will|to)\s+be\s+|(?:was|were|is|are|has\s+been|have\s+been)\s+)?"
                      r"(?:replaced|substituted)\s+(?:with|by)\b|\binstead\s+of\b", re.I)
_SUBSTITUTE = re.compile(r"\b(?:substitut\w+|replace|replaces|replacing)\s+(?:the\s+words?\s+)?(?P<old>.{3,300}?)\s+with\s+"
                         r"(?:the\s+words?\s+)?(?P<new>.{3,300})", re.I | re.S)
_CURRENT = re.compile(r"\b(?:currently|current(?:ly)?\s+(?:legislation|law|laws|code|rules?|amount|penalt\w+|fines?|"
                      r"punishment|regulations?|norms?|provisions?|version|edition)|existing|at\s+present|presently|in\s+"
                      r"(?:its\s+)?present\s+form|under\s+(?:the\s+)?current|still\s+in\s+force|would\s+have\s+been|"
                      r"now\s+(?:provides|stipulates|envisages|carries)|is\s+stipulated\s+under\s+the\s+current|"
                      r"today,?\s+(?:the\s+)?(?:(?-i:[A-Z])[\w’'.,-]*\s+){0,6}(?:law|code|act|rules?)|at\s+the\s+moment|"
                      r"as\s+(?:things|it)\s+stands?|right\s+now)\b", re.I)
# where a sentence turns from the rule in force to the change ("X currently incurs a fine of A; under the
# amendment, the rider will face B"): a cue of the current rule holds only in its own part
_TURN = re.compile(r";|\b(?:under|in|with|by)\s+the\s+(?:new|proposed|amended|draft)?\s*(?:amendments?|bill|draft(?:\s+law)?|"
                   r"changes|proposals?|new\s+(?:law|rules?|act|code)|reform)\b|\b(?:whereas|while|but)\b", re.I)
_PREVIOUS = re.compile(r"\b(?:(?:before|prior\s+to)\s+the\s+(?:new\s+)?(?:law|amendments?|changes?|reform|bill|act|code)"
                       r"(?:\s+(?:was|were|took|came|entered|had)|(?=\s*,))|previously|formerly|used\s+to|until\s+now|had\s+been\s+(?:punish|liable|subject)|"
                       r"under\s+the\s+(?:old|previous|former)|the\s+(?:old|previous|former)\s+(?:law|code|rules?|"
                       r"version|penalt\w+))\b", re.I)
_IMPOSED = re.compile(
    r"\b(?:court|judge|tribunal|jury)\b[^.]{0,120}?\b(?:sentenced|fined|jailed|convicted|ordered|imposed|handed)\b|"
    r"\b(?:was|were|been|is|are|got|get)\s+(?:each\s+|also\s+|later\s+|subsequently\s+)?(?:sentenced|fined|jailed|"
    r"imprisoned|convicted|detained|punished)\b|(?-i:\bsentenced\s+[A-Z][a-z]+)|\breceived\s+(?:\w+\s+){0,2}sentences?\b|"
    r"\bdemand\w*\s+(?:a|an|the)\s+(?:\w+\s+){0,2}(?:sentence|punishment)\b|\bserv(?:ing|ed|es)\s+(?:a|his|her|their)\s+"
    r"(?:\w+\s+){0,3}(?:sentence|term)\b", re.I)
_PENALTY_CONTEXT = re.compile(r"\b" + alternation([
    "convicted", "guilty", r"punish\w*", r"penalt\w*", r"penali[sz]\w*", r"sanction\w*", r"liab\w*", "fac(?:e|es|ing)",
    r"replac\w*", r"envisag\w*", r"provid\w*", r"introduc\w*", r"impos\w*", "fines?", r"sentenc\w*", r"prescrib\w*",
    r"stipulat\w*", "carr(?:y|ies)", r"entail\w*", "offered", "alternative", r"increas\w*", r"toughen\w*",
    r"subject\s+to", r"risk\w*"], escape=lambda w: w, ignorecase=True) + r"\b", re.I)
_SKIP_CUE_CONTEXT = re.compile(r"\b(?:serv(?:e|es|ed|ing)|released?\s+from|released?\s+(?:\w+\s+){0,2}(?:after|upon|by|on)\s+"
                               r"paying|exempt\w*|pardon\w*|amnesty|visit\w*|overcrowd\w*|inmates?|convicts?)\b", re.I)
# an illustration of how a rule works on a sentence ("For instance, where someone gets four years, ..."):
# no penalty of the law itself
_EXAMPLE_SENTENCE = re.compile(r"\b(?:for\s+example|for\s+instance|e\.g\.|say)\b[^.;]{0,40}?\b(?:if|when|where)\b[^.;]{0,80}?"
                               r"\b(?:is|are|was|were|gets?|has\s+been)\s+(?:\w+\s+)?sentenced\b", re.I)
_CONDITION_CUE = re.compile(r"\b(?:in\s+case|if|where|when)\s+(?:the\s+offen[cs]e\s+|it\s+|the\s+crime\s+)?[^,.;]{0,80}?"
                            r"\bpunishable\s+(?:with|by)\s+$", re.I)
_SPLIT = re.compile(r",?\s{1,4}and/or\s{1,4}|,?\s{1,4}or\s{1,4}(?!both\b)(?!more\b)(?!less\b)|;\s{0,4}|,?\s{1,4}while\s{1,4}", re.I)
# "A is punishable by X and B is punishable by Y": a second clause with its own penalty (read only in sentences
# that have such a verb)
_CLAUSE_AND = re.compile(r",?\s{1,4}and\s{1,4}(?=(?:[\w’'\-]+\s+){1,6}(?:is|are|shall\s+be|will\s+be|would\s+be|can\s+be|"
                         r"may\s+be)\s+(?:also\s+)?(?:punishable|punished|liable|subject\s+to|sentenced|fined)\b)", re.I)
_CLAUSE_VERB = re.compile(r"punish|liable|subject|sentenced|fined", re.I)
_FOR_AND_FOR = re.compile(r"\bfor\s+(?P<a>[^,.;]{3,80}?)\s+and\s+for\s+(?P<b>[^,.;]{3,80})", re.I)
# a penalty a change takes away: "abolished the death penalty", "fines ... have been excluded from Article 65"
_REMOVE_BEFORE = re.compile(r"\b(?:abolish(?:es|ed|ing)?|remov(?:es|ed|ing|e)|scrap(?:s|ped|ping)?|eliminat(?:es|ed|ing|e)|"
                            r"exclud(?:es|ed|ing|e)|repeal(?:s|ed|ing)?|delet(?:es|ed|ing|e)|cancel(?:s|led|ed|ling|ing)?|"
                            r"(?:do(?:es)?|did|doing)\s+away\s+with)\s+(?:the\s+|all\s+|any\s+)?"
                            r"(?:(?!(?:and|or|but|then|a|an)\b)[\w\-]+\s+)?$", re.I)
# the penalty itself is the subject ("the death penalty was abolished", "provisions on fines have been excluded"),
# not a complement of another noun ("the categories on fines ... have been abolished")
_REMOVE_AFTER = re.compile(r"^(?:\s+(?:for|of|on|against|in)\s+[^,;:.]{0,70}?)?\s+(?:was|were|is|are|has\s+been|have\s+been|"
                           r"had\s+been|will\s+be|would\s+be|to\s+be|being)\s+(?:\w+\s+)?(?:abolished|removed|scrapped|"
                           r"eliminated|excluded|repealed|deleted|cancell?ed|dropped)\b", re.I)
_REMOVE_SUBJECT = re.compile(r"(?:^|[,;:]\s*|\b(?:the|all|any|that|and)\s+|\b(?:provisions?|norms?|clauses?|rules?)\s+"
                             r"(?:on|for|of|providing\s+for|establishing)\s+(?:the\s+)?)$", re.I)


_REMOVE_KEYS = re.compile("abolish|remov|scrap|eliminat|exclud|repeal|delet|cancel|away with")


def _removed_penalties(text: str, out: list[PenaltyMention], folded: str) -> None:
    """Penalties the sentence says are taken away get the role "old" (read even without a number;
    ``folded``: the sentence's :func:`fold`)."""
    if not _REMOVE_KEYS.search(folded):
        return
    for cs, ce, ty, _ in _cues(text):
        if not (_REMOVE_BEFORE.search(text[max(0, cs - 60):cs]) or (
                _REMOVE_AFTER.match(text[ce:ce + 140]) and _REMOVE_SUBJECT.search(text[max(0, cs - 40):cs]))):
            continue
        hit = [p for p in out if p.type == ty and p.start <= ce and cs <= p.end]
        if hit:
            for p in hit:
                p.role = "old"
        elif not any(p.type == ty and p.role == "old" for p in out):
            out.append(PenaltyMention(ty, cs, ce, role="old"))


_TOUGHEN_SENTENCES = re.compile(r"\b(?:toughen|tighten|increase|raise|stiffen|harden)\w*\s+(?:the\s+)?(?:prison\s+)?"
                                r"(?:sentences|prison\s+terms|jail\s+terms)\b", re.I)
_THIS_ARTICLE = re.compile(r"\b(?:this|that|the\s+same|the\s+said)\s+(?:article|section)\b", re.I)
# between the two bounds of one term: "not less than three years which may extend to five years",
# "up to 14 years, but not less than five years", "at least 2 and at most 5 years"
_GROUP_GAP = re.compile(r"\s*,?\s*(?:and|but|which|that)\s+(?:\w+\s+){0,4}", re.I)
# a statute's rule, not a court's sentence: "the offence was punished by", "such drivers are fined"
_GENERIC_IMPOSED = re.compile(r"^(?:is|are)\b|^(?:was|were)\s+(?:\w+\s+)?punished", re.I)
_GENERIC_SUBJECT = re.compile(r"\b(?:offen[cs]es?|acts?|crimes?|violations?|it|this|which|such\s+\w+|drivers|"
                              r"persons|people|offenders|violators|individuals|citizens|officials|companies)\s+$", re.I)
_PAREN = re.compile(r"\([^()]{0,200}\)|\([^()]{0,200}$")


@dataclass
class PenaltyMention:
    type: str
    start: int  # offsets in the sentence text
    end: int
    min_years: float | None = None
    max_years: float | None = None
    min_days: float | None = None
    max_days: float | None = None
    hours: float | None = None
    amount: float | None = None
    min_amount: float | None = None
    max_amount: float | None = None
    currency: str | None = None
    role: str | None = None  # "old" / "new" in a change, else None
    offense: str | None = None
    extra: dict = field(default_factory=dict)

    def has_numbers(self) -> bool:
        return any(v is not None for v in (self.min_years, self.max_years, self.min_days, self.max_days, self.hours,
                                           self.amount, self.min_amount, self.max_amount))


def _mask_parentheses(text: str) -> str:
    """Parenthesised conversions and explanations blanked out, offsets kept."""
    def blank(m: re.Match) -> str:
        inner = m.group(0)
        if re.search(r"\b(?:Article|Art\.|Section|Part)\s+\d", inner):
            return inner
        before = text[max(0, m.start() - 30):m.start()]
        # "(from 2.5 to 5 years)" after words: the term itself; "(3 to 4.5 million UZS)" after an amount: a conversion
        if re.search(r"\d", inner) and not re.search(r"\d\s*\S{0,40}$", before) and not re.search(
                r"[$€£¢]|\b(?:USD|about|equivalent|approximately|some|around)\b", inner) and _durations(inner.strip("()")):
            return inner
        return " " * len(inner)
    return _PAREN.sub(blank, text)


@dataclass
class _Quantity:
    start: int
    end: int
    unit: str  # years, days, hours, money
    low: float | None
    high: float | None
    fixed: float | None = None
    currency: str | None = None
    detention: bool = False  # a term counted from hours ("from one hour to three days"): a detention


def _unit_value(value: float, unit: str) -> tuple[str, float]:
    u = unit.lower()
    if u.startswith("y"):
        return "years", value
    if u.startswith("m"):
        return "years", value / 12
    if u.startswith("w"):
        return "days", value * 7
    if u.startswith("d"):
        return "days", value
    return "hours", value


def _durations(text: str) -> list[_Quantity]:
    out: list[_Quantity] = []
    if not _has_any(fold(text), _UNIT_KEYWORDS):
        return out  # every match names a unit
    for m in _DURATION.finditer(text):
        if not (m.group("ua") or m.group("ub")):
            continue
        before = text[max(0, m.start() - 30):m.start()]
        after = text[m.end():m.end() + 12]
        if _NOT_TERM_BEFORE.search(before) or _NOT_TERM_AFTER.match(after):
            continue
        a = parse_number(m.group("a")) if not re.match(r"half", m.group("a"), re.I) else 0.5
        if a is None:
            continue
        if m.group("b"):
            b = parse_number(m.group("b"))
            if b is None:
                continue
            ub = m.group("ub")
            ua = m.group("ua") or ub
            unit_a, va = _unit_value(a, ua)
            unit_b, vb = _unit_value(b, ub)
            detention = False
            if unit_a != unit_b:
                if {unit_a, unit_b} == {"years", "days"}:
                    va = va / 365 if unit_a == "days" else va
                    vb = vb / 365 if unit_b == "days" else vb
                    unit_b = "years"
                elif unit_a == "hours" and unit_b == "days":
                    va, detention = va / 24, True  # "from one hour to three days": a short detention
                else:
                    continue
            sep = text[m.end("a"):m.start("b")].lower()
            if " or " in f" {sep} " and not m.group("from"):
                # "five or ten years": two alternatives
                out.append(_Quantity(m.start(), m.end("a"), unit_b, None, None, va))
                out.append(_Quantity(m.start("b"), m.end(), unit_b, None, None, vb))
                continue
            if "up to" in sep or "maximum" in sep:
                out.append(_Quantity(m.start(), m.end(), unit_b, va, vb))
                continue
            out.append(_Quantity(m.start(), m.end(), unit_b, min(va, vb), max(va, vb), detention=detention))
        else:
            unit, v = _unit_value(a, m.group("ua"))
            out.append(_Quantity(m.start(), m.end(), unit, None, None, v))
    for m in _YEAR_LONG.finditer(text):
        if any(not (m.end() <= q.start or m.start() >= q.end) for q in out):
            continue
        if m.group("a"):
            word = m.group("a").lower()
            if "-" in word:
                n, u = word.split("-", 1)
                v = parse_number(n)
            else:
                v, u = 1.0, word
        else:
            v, u = parse_number(m.group("n")), m.group("u")
        if v is None:
            continue
        unit, value = _unit_value(v, u)
        out.append(_Quantity(m.start(), m.end(), unit, None, None, value))
    out.sort(key=lambda q: q.start)
    return out


_SCALE = re.compile(r"\b(?:hundred|thousand|million|billion|mln|bln|bn|lakhs?|lac|crores?)\b", re.I)
_UNIT_IN = re.compile(r"[^\d\s.,]")


@lru_cache(maxsize=1)
def _short_symbol_regex() -> tuple[re.Pattern | None, dict[str, str]]:
    """Currency symbols of one or two letters ("R100 000", "N5,000,000", "P500,000", "Rp 200 million", "zł 500"),
    which :func:`find_amounts` leaves alone; read here only right after a fine's words."""
    lookup: dict[str, str] = {}
    for row in currency_table():
        for sym in row.get("symbols", []):
            if len(sym.rstrip(".")) <= 2 and sym not in ("Rs", "Tk", "TL") and not re.fullmatch(r"[^\w]", sym):
                lookup.setdefault(sym.rstrip("."), row["code"])
    if not lookup:
        return None, lookup
    one = "|".join(re.escape(k) for k in sorted(lookup, key=len, reverse=True) if len(k) == 1)
    two = "|".join(re.escape(k) for k in sorted(lookup, key=len, reverse=True) if len(k) > 1)
    sym = "|".join(x for x in (f"(?:{two})\\.?\\s?" if two else "", f"(?:{one})" if one else "") if x)
    pattern = re.compile(rf"(?<![\w$£€¢.])(?P<u>{sym})(?P<a>\d{{1,3}}(?:[, \u00a0]\d{{3}}){{1,4}}(?!\d|,\d)|\d+(?:\.\d+)?"
                         rf"(?:\s?(?:million|billion|mln|bn|m)\b)?)")
    return pattern, lookup


_SHORT_CONTEXT = re.compile(r"\b(?:fines?|fined|penalt\w*|of|to|and|or|between|from|exceeding|than|worth|pay)\s+"
                            r"(?:up\s+to\s+)?$", re.I)


# "a Sh5 million fine", "Sh5m fine or ten years": the fine's word after the amount
_SHORT_AFTER = re.compile(r"\s?(?:-\s?)?(?:fines?|penalty|penalties)\b", re.I)


def _short_amounts(text: str, taken: list) -> list:
    pattern, lookup = _short_symbol_regex()
    if pattern is None or not any(map(str.isdigit, text)):
        return []
    out = []
    for m in pattern.finditer(text):
        if any(not (m.end() <= a.start or m.start() >= a.end) for a in taken):
            continue
        if not (_SHORT_CONTEXT.search(text[max(0, m.start() - 30):m.start()])
                or _SHORT_AFTER.match(text, m.end())):
            continue
        value = parse_number(re.sub(r"\s?m$", " million", m.group("a")))
        code = lookup.get(m.group("u").strip().rstrip("."))
        if value is not None and code:
            out.append(_ShortAmount(m.start(), m.end(), value, code))
    return out


@dataclass(frozen=True)
class _ShortAmount:
    start: int
    end: int
    value: float
    currency: str


# an amount that measures the offense, not the fine: "goods with a value of more than $5,000", "damage worth over
# 1 million soms", "a turnover exceeding 100 MCI"
_COMPARATIVE = r"(?:less|more|greater|lower|higher|over|under|above|below|exceeding|up\s+to|at\s+least)\s+(?:than\s+)?"
_THRESHOLD = re.compile(rf"\b(?:value|valued|worth|damage|damages|loss|losses|turnover|income|revenue|profit|bribe|"
                        rf"proceeds|price|cost)\s+(?:of\s+|at\s+)?(?:{_COMPARATIVE})?$|\b(?:amount|sum)\s+(?:of\s+)?{_COMPARATIVE}$",
                        re.I)


def _money(text: str) -> list[_Quantity]:
    amounts = find_amounts(text)
    short = _short_amounts(text, amounts)
    if short:
        amounts = sorted(amounts + short, key=lambda a: a.start)
    out: list[_Quantity] = []
    i = 0
    while i < len(amounts):
        a = amounts[i]
        if _THRESHOLD.search(text[max(0, a.start - 45):a.start]):
            i += 1
            continue  # "rice with a value of less than P1 million": what the offense is measured by
        if re.search(r"(?:\b(?:about|some|around|approximately|roughly|nearly|almost|equivalent\s+to|equal\s+to|"
                     r"i\.e\.)|~|≈)\s*$", text[max(0, a.start - 20):a.start], re.I) or (
                a.currency == "USD" and re.search(r"\bor\s*$", text[max(0, a.start - 6):a.start])):
            i += 1
            continue
        nxt = amounts[i + 1] if i + 1 < len(amounts) else None
        gap = text[a.end:nxt.start] if nxt else ""
        if nxt and nxt.currency == a.currency and nxt.start - a.end <= 12 and re.fullmatch(
                r"\s*(?:-|–|—|to|and|or)\s*(?:\S{0,4}\s?)?", gap, re.I) and not (
                re.match(r"\s*and\b", gap, re.I) and _UNIT_IN.search(_SCALE.sub("", text[a.start:a.end]))
                and not re.search(r"\bbetween\s+\S*\s*$", text[max(0, a.start - 12):a.start], re.I)):
            out.append(_Quantity(a.start, nxt.end, "money", min(a.value, nxt.value), max(a.value, nxt.value),
                                 currency=a.currency))
            i += 2
            continue
        out.append(_Quantity(a.start, a.end, "money", None, None, a.value, currency=a.currency))
        i += 1
    return out


def _bound(text: str, q: _Quantity) -> str | None:
    before = text[max(0, q.start - 40):q.start]
    if q.low is not None:
        return None
    if _BOUND_MAX.search(before):
        return "max"
    if _BOUND_MIN.search(before):
        if before.rstrip().lower().endswith("from"):
            return None
        return "min"
    return None


def _apply(p: PenaltyMention, q: _Quantity, bound: str | None) -> None:
    if q.unit == "money":
        p.currency = q.currency
        if q.low is not None:
            p.min_amount, p.max_amount = q.low, q.high
        elif bound == "max":
            p.max_amount = q.fixed
        elif bound == "min":
            p.min_amount = q.fixed
        else:
            p.amount = q.fixed
        return
    if q.unit == "hours":
        p.hours = q.high if q.low is not None else q.fixed
        return
    lo_attr, hi_attr = ("min_years", "max_years") if q.unit == "years" else ("min_days", "max_days")
    if q.low is not None:
        setattr(p, lo_attr, q.low)
        setattr(p, hi_attr, q.high)
    elif bound == "max":
        setattr(p, hi_attr, q.fixed)
    elif bound == "min":
        setattr(p, lo_attr, q.fixed)
    else:
        setattr(p, lo_attr, q.fixed)
        setattr(p, hi_attr, q.fixed)


def _cues(text: str) -> list[tuple[int, int, str, bool]]:
    out = []
    if not _has_any(fold(text), _term_keywords()):
        return out  # every term holds one of the keywords
    pattern, lookup = _term_regex()
    for m in pattern.finditer(text):
        term = re.sub(r"\s+", " ", m.group(0).lower())
        ty, bare = lookup.get(term, ("Imprisonment", False))
        if term in ("fine", "fined") and not _fine_is_noun(text, m.start(), m.end()):
            continue
        if ty == "Arrest" and re.search(r"\b(?:police|were|was|been|mass|after|upon|under|his|her|their)\s+$",
                                        text[max(0, m.start() - 12):m.start()], re.I):
            continue
        # "in case the offence is punishable with death": a condition, not a penalty (the term may
        # hold the verb itself: "punishable with death")
        before = text[max(0, m.start() - 140):m.start()]
        if _CONDITION_CUE.search(before):
            continue
        head = m.group(0)
        cut = head.rfind(" ")
        if cut > 0 and head[:1].lower() == "p" and _CONDITION_CUE.search(before + head[:cut + 1]):
            continue
        out.append((m.start(), m.end(), ty, bare))
    return out


def _fine_is_noun(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 25):start].lower()
    after = text[end:end + 20].lower()
    if re.search(r"\b(?:a|the|of|or|and|with|pay|paying|impose|imposed|face|faces|heavy|hefty|administrative|monetary|"
                 r"unspecified|increase|raise|higher|large|new|bigger|maximum|minimum|criminal|such)\s*$", before):
        return True
    if re.search(r"[\d$¢]\s*$|(?:lakh|million|thousand|crore)\s*$|\bliable\s+(?:to|for)\s*$", before):
        return True
    if re.match(r"\s*(?:of|from|ranging|up|not|for|or|and|amounting|worth|in\s+the\s+amount|equal)", after):
        return True
    if text[start:end].lower() == "fined" and re.match(r"\s*[\d$£€¢]", after):
        return True
    if text[start:end].lower() == "fined" and re.search(r"\b(?:shall|will|would|may|must|can|could|to)\s+(?:also\s+)?be\s+$",
                                                         before):
        return True  # "shall also be fined": a statute's fine without an amount
    return False


_FINE_WORD = re.compile(r"\b(?:fine|fined|fines|penalt\w*|penali[sz]\w*|punish\w*|sanction\w*|liable)\b", re.I)
_BARE_FINE = re.compile(r"\b(?:a|an|unspecified|heavy|hefty|administrative|monetary|or|and/or)\s+fines?\b|\bbe\s+fined\b|"
                        r"\bliable\s+(?:to|for)\s+(?:a\s+)?fines?\b|"
                        r"\b(?:increas\w*|rais\w*|introduc\w*|impos\w*|toughen\w*)\s+(?:the\s+)?fines\s+for\b|"
                        r"\bfines?\s+or\b", re.I)


@lru_cache(maxsize=32)
def _has_fine_word(text: str) -> bool:
    """Whether the sentence has a word that makes a bare amount a fine (asked once per sentence, not per part)."""
    return _FINE_WORD.search(text) is not None


@lru_cache(maxsize=32)
def _has_generic_term(text: str) -> bool:
    return _GENERIC_TERM.search(text) is not None


def _segment(text: str, start: int, end: int, carry_type: str | None, sentence_has_context: bool,
             chain: bool = False) -> list[PenaltyMention]:
    """Penalties in one alternative of a chain."""
    seg = text[start:end]
    cues = _cues(seg)
    quantities = _durations(seg)
    # amounts give a Fine only with a "Fine" cue or a fine word in the sentence; otherwise they are
    # skipped below and matter only by parting two terms (grouping), which needs two terms
    fine_word = _has_fine_word(text)
    if len(quantities) > 1 or any(c[2] == "Fine" for c in cues) or fine_word:
        quantities += _money(seg)
    quantities.sort(key=lambda q: q.start)
    out: list[PenaltyMention] = []
    used_cues: set[int] = set()
    groups: list[list[_Quantity]] = []
    for q in quantities:
        if groups and q.unit != "money" and groups[-1][-1].unit == q.unit and q.low is None and \
                groups[-1][-1].low is None and len(groups[-1]) == 1:
            prev = groups[-1][-1]
            gap = seg[prev.end:q.start]
            b_prev, b_q = _bound(seg, prev), _bound(seg, q)
            if b_prev and b_q and b_prev != b_q and _GROUP_GAP.fullmatch(gap):
                groups[-1].append(q)
                continue
        if groups and q.unit == "money" and groups[-1][-1].unit == "money" and q.currency == groups[-1][-1].currency \
                and len(groups[-1]) == 1:
            prev = groups[-1][-1]
            b_prev, b_q = _bound(seg, prev), _bound(seg, q)
            if b_prev and b_q and b_prev != b_q and _GROUP_GAP.fullmatch(seg[prev.end:q.start]):
                groups[-1].append(q)
                continue
        groups.append([q])
    last_bound = None
    for group in groups:
        first = group[0]
        if first.unit == "money":
            ty = "Fine"
            cue_i = next((i for i, c in enumerate(cues) if c[2] == "Fine"), None)
            if cue_i is None and not fine_word:
                continue
            if cue_i is not None:
                used_cues.add(cue_i)
        else:
            ty, cue_i = _type_for(seg, first, cues, carry_type, _has_generic_term(text))
            if ty is None:
                continue
            if cue_i is not None:
                used_cues.add(cue_i)
            if ty in ("Fine",):
                continue
            if first.detention and ty == "Imprisonment":
                ty = "Arrest"  # hours to days "in prison": a detention, not a prison sentence
        p = PenaltyMention(ty, start + first.start, start + group[-1].end)
        for q in group:
            b = _bound(seg, q)
            if b is None and q.low is None and last_bound and len(group) == 1 and q.unit != "money" and re.search(
                    r"\band\s+$", seg[max(0, q.start - 6):q.start]):
                b = last_bound  # "up to seven years ... and five years"
            _apply(p, q, b)
            last_bound = b or last_bound
        if ty == "LifeImprisonment":
            p.min_years = p.max_years = None
        out.append(p)
    for i, (cs, ce, ty, bare) in enumerate(cues):
        if i in used_cues:
            continue
        if any(p.type == ty for p in out):
            continue
        if ty == "LifeImprisonment" or ty == "DeathPenalty":
            out.append(PenaltyMention(ty, start + cs, start + ce))
        elif bare and sentence_has_context:
            if ty == "Fine" and not _BARE_FINE.search(seg[max(0, cs - 30):ce + 12]):
                continue
            out.append(PenaltyMention(ty, start + cs, start + ce))
        elif ty == "Imprisonment" and sentence_has_context and (
                chain or _BARE_PRISON.search(seg[max(0, cs - 60):cs])) and not _SKIP_CUE_CONTEXT.search(seg):
            # "a fine ... or a year of corrective labour or imprisonment": an alternative of its own;
            # "will face prison time", "shall impose a sentence in the form of imprisonment": a penalty
            out.append(PenaltyMention(ty, start + cs, start + ce))
    return out


# what makes a bare prison word a penalty: "face prison time", "punishable by imprisonment", "impose a
# sentence in the form of imprisonment", "liable to imprisonment"
_BARE_PRISON = re.compile(r"\b(?:fac(?:e|es|ing)|punishable\s+(?:by|with)|punished\s+(?:by|with)|liable\s+to|"
                          r"sentence\s+(?:in\s+(?:the\s+)?form\s+of|of)|impos\w*\s+(?:a\s+)?(?:sentence\s+"
                          r"(?:in\s+(?:the\s+)?form\s+of\s+)?)?|penalty\s+of|punishment\s+(?:of|in\s+(?:the\s+)?form\s+of)|"
                          r"carr(?:y|ies)|subject\s+to|sent\s+to)\s+(?:(?:a|an|the|mandatory|compulsory|possible|"
                          r"potential|real|actual|long|lengthy)\s+){0,2}$", re.I)
_GENERIC_TERM = re.compile(r"\b(?:sentenc\w*|punish\w*|penalt\w*|term|terms|jail\w*|prison\w*|incarcerat\w*|"
                           r"liable|felon\w*|carr(?:y|ies|ying))\b", re.I)


def _type_for(seg: str, q: _Quantity, cues: list[tuple[int, int, str, bool]], carry: str | None,
              sentence_generic: bool = False):
    """The kind of a term: the cue right after it ("five years in prison"), else the nearest before it."""
    inside = [(i, c) for i, c in enumerate(cues) if q.start < c[0] < q.end < c[1] and c[2] != "Fine"]
    if inside:  # "five to 10 years in jail": the term "years in jail" starts inside the quantity
        return inside[0][1][2], inside[0][0]
    after = [(i, c) for i, c in enumerate(cues) if c[0] >= q.end and c[0] - q.end <= 25 and c[2] != "Fine"]
    if after:
        i, c = after[0]
        between = seg[q.end:c[0]]
        if re.fullmatch(r"\s*(?:of|in|behind|'s|’s|’|')?\s*(?:the\s+)?(?:\w+\s+)?", between):
            return c[2], i
    before = [(i, c) for i, c in enumerate(cues) if c[1] <= q.start and c[2] != "Fine"]
    if before:
        i, c = before[-1]
        return c[2], i
    if after:
        return after[0][1][2], after[0][0]
    if carry and carry != "Fine":
        return carry, None
    if q.unit in ("years", "days") and (_GENERIC_TERM.search(seg) or sentence_generic):
        return "Imprisonment", None
    return None, None


def read_penalties(sentence_text: str, folded: str | None = None) -> list[PenaltyMention]:
    """Every penalty a sentence states, old and new ones of a change marked by ``role``
    (``folded``: ``fold(sentence_text)``, when the caller has it), each with the offense the
    sentence ties to it, when it ties one (:func:`_read_offenses`)."""
    # without a term or a word that makes a quantity a penalty, nothing below finds anything
    # (masking only blanks characters, so it adds no keyword)
    low = fold(sentence_text) if folded is None else folded
    if not _has_any(low, _sentence_keywords()):
        return []
    text = _mask_parentheses(sentence_text)
    found = _read_sentence(text, low)
    if found:
        _read_offenses(text, found, low)
    return found


_MAXIMUM = re.compile(r"\b(?:maximum|max\.|upper\s+limit|ceiling)\b", re.I)
_MINIMUM = re.compile(r"\b(?:minimum|min\.|lower\s+limit|floor)\b", re.I)


def _change_subjects(head: str, new_text: str, old: list[PenaltyMention], new: list[PenaltyMention]):
    """What a change names before its numbers: "the maximum prison term ... from three to seven years" is a
    change of the upper bound; "prison terms and suspended sentences would increase from one to three
    years" changes both kinds of punishment."""
    if not new or any(p.type in ("Fine",) for p in new) or _cues(new_text):
        return old, new
    maximum, minimum = bool(_MAXIMUM.search(head)), bool(_MINIMUM.search(head))
    if maximum != minimum:
        for p in old + new:
            for lo, hi in (("min_years", "max_years"), ("min_days", "max_days")):
                a, b = getattr(p, lo), getattr(p, hi)
                if a is not None and a == b:
                    setattr(p, lo if maximum else hi, None)
    kinds = []
    for _, _, ty, _ in _cues(head):
        if ty not in ("Fine", "LifeImprisonment", "DeathPenalty") and ty not in kinds:
            kinds.append(ty)
    if len(kinds) < 2 or len({p.type for p in new}) != 1 or new[0].type not in kinds:
        return old, new
    more_old, more_new = [], []
    for ty in kinds:
        if ty == new[0].type:
            continue
        for src, dst in ((old, more_old), (new, more_new)):
            for p in src:
                twin = PenaltyMention(ty, p.start, p.end, offense=p.offense)
                _copy_quantities(twin, p)
                dst.append(twin)
    return old + more_old, new + more_new


_BARE_LIFE = re.compile(r"\s*(?:a\s+)?(life)\b(?!\s+(?:of|and|in\s+(?:the|a|their|his|her)|for\s+(?:the|a)\b))", re.I)


def _read_sentence(text: str, low: str) -> list[PenaltyMention]:
    has_context = bool(_PENALTY_CONTEXT.search(text))
    parts = _change_parts(text, low)
    if parts:
        (os_, oe), (ns, ne) = parts
        new = _read_span(text, ns, ne, has_context=True)
        carry = new[0].type if new else None
        if carry == "LifeImprisonment":
            carry = "Imprisonment"
        old = _read_span(text, os_, oe, has_context=True, carry=carry)
        if not old and new and new[0].has_numbers():
            # "from 2 to 5 MCI": the old number takes the new one's unit
            bare = re.fullmatch(rf"\s*(?P<n>{NUMBER})\s*", text[os_:oe], re.I)
            if bare:
                value = parse_number(bare.group("n"))
                first = new[0]
                twin = PenaltyMention(first.type, os_, oe, currency=first.currency)
                if value is not None:
                    if first.currency:
                        twin.amount = value
                    elif first.max_years is not None:
                        twin.min_years = twin.max_years = value
                    elif first.max_days is not None:
                        twin.min_days = twin.max_days = value
                    old = [twin]
        if not new and any(p.type == "Imprisonment" for p in old):
            life = _BARE_LIFE.match(text, ns)
            if life:  # "from 30 years to life": a life term
                new = [PenaltyMention("LifeImprisonment", life.start(1), life.end(1))]
        first = min(os_, ns)  # the old part may follow the new one ("..., instead of X")
        old, new = _change_subjects(text[:first], text[ns:ne], old, new)
        for p in old:
            p.role = "old"
        for p in new:
            p.role = "new"
        rest_before = _read_span(text, 0, first, has_context) if first > 0 else []
        return rest_before + old + new
    compared = _compared_parts(text) if _COMPARED_KEYS.search(low) else None
    if compared:
        (ns, ne), (os_, oe) = compared
        new = _read_span(text, ns, ne, has_context)
        if new:
            carry = new[0].type if new[0].type != "LifeImprisonment" else "Imprisonment"
            old = _read_span(text, os_, oe, True, carry=carry)
            if old:
                for p in old:
                    p.role = "old"
                for p in new:
                    p.role = "new"
                return new + old
    out = _read_span(text, 0, len(text), has_context)
    _removed_penalties(text, out, low)
    m = _TOUGHEN_SENTENCES.search(text) if ("sentences" in low or "terms" in low) else None
    if m and not any(p.type in ("Imprisonment", "LifeImprisonment") for p in out):
        out.append(PenaltyMention("Imprisonment", m.start(), m.end()))
    # "increase fines for X and for Y": one penalty per offense
    for p in list(out):
        if not p.has_numbers() and p.type not in ("LifeImprisonment", "DeathPenalty"):
            fa = _FOR_AND_FOR.match(text, p.end, min(len(text), p.end + 200)) or _FOR_AND_FOR.search(
                text[p.end:p.end + 6] + text[p.end + 6:p.end + 200])
            if fa and fa.start() <= p.end + 4:
                p.offense = fa.group("a").strip()
                out.insert(out.index(p) + 1, PenaltyMention(p.type, p.start, p.end, offense=fa.group("b").strip()))
    return out


# -- offenses ---------------------------------------------------------------------------------------
# the words of an offense that refers back or names no act: such a penalty keeps no offense
_GENERIC_OFFENSE_WORDS = frozenset("""a an the this that these those such same said it its crime crimes offence offences
offense offenses act acts violation violations deed deeds conduct case cases person persons people individual
individuals one anyone anybody someone who whoever which convicted guilty of committing committed above
mentioned aforementioned offender offenders violator violators perpetrator perpetrators culprit culprits accused
he she they him her them whoever anyone everyone then also now or and""".split())
# "X is punishable by", "X shall be punished with", "X will now be fined": X is the offense of what follows
# "X is punishable by", "X shall be punished with", "X will now be fined", "X face": X is the offense of what follows
# (the verb is found first, its auxiliary read back from it: one cheap pattern over the sentence)
_AUX_VERBS = ("punishable", "punished", "liable", "subject to", "penalized", "penalised", "fined", "sanctioned", "face",
              "attract", "carry", "entail", "suffer", "receive", "get")
_BARE_VERBS = frozenset("face faces risk risks suffer suffers attract attracts carry carries entail entails".split())
_OFFENSE_VERB = re.compile(r"\b" + alternation(sorted(set(_AUX_VERBS) | _BARE_VERBS, key=len, reverse=True),
                                              lambda w: re.escape(w).replace(r"\ ", r"\s+"), ignorecase=True) + r"\b",
                           re.I)
_AUX_BEFORE = re.compile(r"\b(?:is|are|shall|will|would|can|could|may|must|becomes?)\s+(?:(?:also|now|be)\s+)*$", re.I)
_ANTECEDENT = re.compile(r"(?:.*\b(?:punishment|penalty|liability|sentence)\s+for\s+|.*[,;:]\s*|)(?:the\s+)?(?P<o>[^,;:]{3,160})$",
                         re.I | re.S)
_CLAUSE_OPEN = re.compile(r"[,;:–—]\s*|\b" + alternation(["that", "which", "and", "but", "while", "whereas", "where", "when",
                                                            "if", "as"], ignorecase=True) + r"\s+", re.I)
# "the punishment for X has been enhanced", "the penalty for X was raised from ... to ...": X's penalties follow
_PENALTY_FOR = re.compile(r"\b(?:punishments?|penalt(?:y|ies)|sanctions?|liability|sentences?|fines?|terms?)\s+for\s+"
                          r"(?:the\s+(?:offen[cs]e|crime)\s+of\s+)?(?P<o>[^,;:()]{3,160}?)\s+(?:has|have|had|was|were|is|are|"
                          r"will|would|shall|could|may)\b", re.I)
_LEAD_FOR = re.compile(r"^\W*(?:for|For)\s+(?P<o>[^,;:]{3,160}?)\s*,", re.I)
_IF_ANYONE = re.compile(r"\bif\s+(?:any\s?(?:body|one)|a\s+person|someone|somebody|a\s+citizen|an\s+individual|"
                        r"any\s+person|an\s+official|a\s+company|a\s+legal\s+entity)\s+(?P<o>[^;:]{3,300}?)\s*,\s*"
                        r"(?:then\s+)?(?:he|she|he\s+or\s+she|they|it|the\s+offender|the\s+person)\b", re.I)
_FOR_AFTER = re.compile(r"\s*(?:in\s+(?:prison|jail)\s+)?for\s+(?!(?:up\s+to|a\s+(?:term|period|maximum|minimum)|the\s+same|"
                        r"life\b|not\b|at\s+least|as\s+long|each|every|a\s+(?:first|second|repeat)|terms?\b|periods?\b|"
                        r"\d|one\b|two\b|three\b|four\b|five\b|six\b|seven\b|eight\b|nine\b|ten\b|a\s+year|a\s+month|"
                        r"a\s+day|an?\s+hour))(?:the\s+)?(?P<o>[^,;:.()“”\"]{3,140}?)(?=\s*(?:[,;:.()“”\"]|\band\s+(?:a|an|up|the)\s|"
                        r"\bor\s+(?:a|an|up|the)\s|\bwhile\b|\bwhereas\b|\b(?:is|are|was|were|has|have|had|will|would|shall|"
                        r"can|could|may|must)\s|$))", re.I)
_OFFENSE_LEAD = re.compile(r"^(?:the\s+|a\s+|an\s+)?(?:(?:those|persons|people|individuals|anyone|citizens|officials|"
                           r"offenders|violators|perpetrators)\s+(?:(?:who\s+are\s+|who\s+were\s+|found\s+)?"
                           r"(?:convicted|guilty|accused)\s+(?:of|for)\s+|who\s+)|committing\s+|for\s+|whoever\s+|"
                           r"(?:any|every|each)\s+(?:one|person|individual)\s+who\s+|[a-z]+\s+who\s+(?=[a-z]+s\b))", re.I)
_VERB_IN_OFFENSE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|shall|can|could|may|must)\b", re.I)
# a subject inside a condition ("in case the offence ... is punishable with death") names no offense of its own
_IN_CONDITION = re.compile(r"\b(?:in\s+case|if|where|when|unless|provided\s+that)\b", re.I)
# "... or both such punishments for arson.": a closing "for X" that names the offense of the whole sentence
# a clause between the last penalty and a closing "for X" that makes X its own: ", which goes to the Senate for ..."
_RELATIVE_CLAUSE = re.compile(r"[,;]\s*(?:which|who|whom|whose|where|that|while|after|before|once|when)\b", re.I)
_FOR_TAIL = re.compile(r"\bfor\s+(?:the\s+)?(?P<o>[^,;:.()“”\"]{3,120}?)\s*[.!]?\s*$", re.I)


def _clean_offense(text: str) -> str | None:
    o = re.sub(r"\s+", " ", text).strip(" ,;:-–—\"“”'’")
    o = _OFFENSE_LEAD.sub("", o).strip()
    if len(o) < 3:
        return None
    words = re.findall(r"[^\W\d_][\w’'\-]*", o.lower())
    if not words or all(w in _GENERIC_OFFENSE_WORDS for w in words):
        return None
    if any(w in ("such", "said", "aforementioned", "aforesaid") for w in words):
        return None  # "each member of such group": it refers back to what the sentence defined
    if len(words) > 40:
        return None
    return o


def _read_offenses(text: str, found: list[PenaltyMention], low: str) -> None:
    """The offense a sentence ties to each penalty that has none yet: the subject of "is punishable
    by" / "shall be punished with" before it, "For X, ..." opening the sentence, "if anybody X, he
    will ...", or "for X" right after it. An offense that only refers back ("the crime", "such acts")
    is left out."""
    if all(p.offense for p in found):
        return
    spans = [(p.start, p.end) for p in found]

    def holds_penalty(a: int, b: int) -> bool:  # a penalty read in text[a:b] is no part of an offense
        for s, e in spans:
            if s < b and e > a:
                return True
        return False

    # offenses that govern what follows them: (offset from which they hold, offense); only those read
    # before the last penalty still without one can matter
    governing: list[tuple[int, str]] = []
    until = max(p.start for p in found if not p.offense)
    lead = _LEAD_FOR.match(text) if "for" in low[:12] else None
    if lead:
        o = _clean_offense(lead.group("o"))
        if o:
            governing.append((lead.end(), o))
    for m in (_PENALTY_FOR.finditer(text, 0, until) if " for " in low[:until] else ()):
        o = _clean_offense(m.group("o"))
        if o and not holds_penalty(m.start("o"), m.end("o")):
            governing.append((m.end(), o))
    for m in (_IF_ANYONE.finditer(text, 0, until) if "if " in low[:until] else ()):
        o = _clean_offense(m.group("o"))
        if o:
            governing.append((m.end(), o))
    for m in _OFFENSE_VERB.finditer(text, 0, until):
        verb = m.group(0).lower()
        aux = _AUX_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if aux is None and verb not in _BARE_VERBS:
            continue
        end = aux.start() if aux else m.start()
        base = max(0, end - 200)
        head = text[base:end].rstrip()
        opens = list(_CLAUSE_OPEN.finditer(head))
        start = 0
        for k in range(len(opens) - 1, -1, -1):
            op = opens[k]
            if op.group(0).strip().lower() == "and":
                # "X and Y are punishable": one subject; "A is punishable by N and B is punishable": a new one
                prev = opens[k - 1].end() if k > 0 else 0
                if not holds_penalty(base + prev, base + op.start()):
                    continue
            start = op.end()
            break
        clause = max(head.rfind(","), head.rfind(";"), head.rfind("."))
        if _IN_CONDITION.search(head, clause + 1):
            continue  # the subject of a condition ("in case the offence ... is punishable with death")
        subject, at = head[start:], base + start
        if subject.strip().lower() in ("which", "that", "who"):
            # "the penalty for X, which will be punished with ...": X is the antecedent of "which"
            fm = _ANTECEDENT.search(head[:start].rstrip(" ,"))
            subject, at = (fm.group("o"), base + fm.start("o")) if fm else ("", at)
        o = _clean_offense(subject)
        if o and not holds_penalty(at, at + len(subject)):
            governing.append((m.end(), o))
    governing.sort()
    for p in found:
        if p.offense:
            continue
        after = _FOR_AFTER.match(text, p.end) if "for " in low[p.end:p.end + 24] else None
        if after:
            o = _clean_offense(after.group("o"))
            if o and not holds_penalty(after.start("o"), after.end("o")):
                p.offense = o
                continue
        before = [o for at, o in governing if at <= p.start]
        if before:
            p.offense = before[-1]
    last = max(p.end for p in found)
    tail = _FOR_TAIL.search(text, last) if "for " in low[last:] else None
    if tail and _RELATIVE_CLAUSE.search(text, last, tail.start()):
        tail = None  # "... under the measure, which now goes to the President for signature": not the offense
    if tail:
        o = _clean_offense(tail.group("o"))
        if o and not _VERB_IN_OFFENSE.search(o):
            for p in found:
                p.offense = p.offense or o
    # penalties of one alternative chain without a "for X" of their own take the chain's
    named = [p.offense for p in found if p.offense]
    if named and len(set(named)) == 1:
        for p in found:
            p.offense = p.offense or named[0]


_COMPARED_KEYS = re.compile("compar|against|versus|vs|from|instead|opposed")  # one of them is in every match
_COMPARED = re.compile(r",?\s*\b(?:compared\s+(?:with|to)|as\s+(?:against|opposed\s+to)|against|versus|vs\.?|"
                       r"up\s+from|down\s+from|instead\s+of\s+the\s+(?:current|existing|present))\s+", re.I)


def _compared_parts(text: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """"up to six years, compared with three years previously", "three years and €45,000, against one year today"."""
    for m in _COMPARED.finditer(text):
        after = text[m.end():m.end() + 120]
        first = [q for q in _durations(after) + _money(after) if q.start <= 25]
        if first and (_cues(text[:m.start()]) or _durations(text[:m.start()]) or _money(text[:m.start()])):
            return (0, m.start()), (m.end(), len(text))
    return None


# an alternative that refers to the quantity of the one before it: "or correctional labour in the same amount",
# "or restriction of freedom for the same term", "or community service of the same length"
_SAME_QUANTITY = re.compile(r"\b(?:in|for|of|to)\s+(?:the\s+)?(?:same|equal|equivalent|identical|like)\s+"
                            r"(?P<what>amount|amounts|size|sum|term|terms|period|length|duration|range|limits?|measure)\b",
                            re.I)
_QUANTITY_FIELDS = ("min_years", "max_years", "min_days", "max_days", "hours", "amount", "min_amount", "max_amount",
                    "currency")


def _copy_quantities(p: PenaltyMention, source: PenaltyMention) -> None:
    for name in _QUANTITY_FIELDS:
        setattr(p, name, getattr(source, name))


def _may_split(text: str, start: int, end: int) -> bool:
    """Whether ``_SPLIT`` can cut text[start:end]: every cut holds "or", ";" or "while" in some case."""
    for key in ("or", ";", "OR", "Or", "while", "While", "WHILE"):
        if text.find(key, start, end) >= 0:
            return True
    return False


def _read_span(text: str, start: int, end: int, has_context: bool, carry: str | None = None) -> list[PenaltyMention]:
    out: list[PenaltyMention] = []
    pos = start
    bounds = [start]
    # every cut holds "or", ";" or "while" (the test is cheaper than the pattern)
    cuts = [m.span() for m in _SPLIT.finditer(text, start, end)] if _may_split(text, start, end) else []
    if " and " in text and _CLAUSE_VERB.search(text):
        cuts = sorted(cuts + [m.span() for m in _CLAUSE_AND.finditer(text, start, end)])
    for a, b in cuts:
        bounds.append(a)
        bounds.append(b)
    bounds.append(end)
    for i in range(0, len(bounds), 2):
        s, e = bounds[i], bounds[i + 1]
        if e <= s:
            continue
        found = _segment(text, s, e, carry, has_context, chain=bool(out) or i + 2 < len(bounds) - 1)
        same = _SAME_QUANTITY.search(text, s, e) if out and len(found) == 1 and not found[0].has_numbers() else None
        if same:
            # "or correctional labour in the same amount": the last alternative with an amount (a term for "the
            # same term")
            money = same.group("what").lower() in ("amount", "amounts", "size", "sum")
            source = next((p for p in reversed(out) if (p.amount is not None or p.max_amount is not None
                                                        or p.min_amount is not None) == money and p.has_numbers()),
                          out[-1])
            _copy_quantities(found[0], source)
        if found:
            carry = found[-1].type
        out += found
        pos = e
    _ = pos
    return out


_FROM = re.compile(r"\bfrom\s+", re.I)


def _change_parts(text: str, low: str | None = None) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The old and the new part of a sentence that reports a change of penalty, if it does (``low``: the
    sentence's :func:`fold`, when the caller has it)."""
    low = fold(text) if low is None else low
    replacing = "substitut" in low or "replac" in low
    sub = _SUBSTITUTE.search(text) if replacing else None
    if sub and (_cues(sub.group("old")) or _durations(sub.group("old"))):
        return (sub.start("old"), sub.end("old")), (sub.start("new"), sub.end("new"))
    rep = _REPLACE.search(text) if replacing or "instead" in low else None
    if rep:
        before = text[:rep.start()]
        after = text[rep.end():]
        # the replaced rule may be a bare amount: "a fine of 20 to 40 BCA, instead of 5 to 10 BCA"
        if _cues(before) and (_cues(after) or _durations(after) or (_cues(before) and find_amounts(after))):
            if rep.group(0).lower().startswith("instead"):
                return (rep.end(), len(text)), (0, rep.start())
            return (0, rep.start()), (rep.end(), len(text))
    if "from" not in low:
        return None  # a change verb governs "from ... to ..."
    verb = _CHANGE_VERB.search(text)
    if not verb:
        return None
    fm = _FROM.search(text, verb.end())
    if not fm or fm.start() - verb.end() > 120:
        return None
    # the "to" that ends the old part: not "up to", "extendable to", "amounting to"
    for tm in re.finditer(r"\bto\b", text[fm.end():]):
        pos = fm.end() + tm.start()
        head = text[max(0, pos - 14):pos].lower()
        if re.search(r"(?:up|extendable|extendible|amounting|equal|equivalent|close|due|according|subject)\s+$", head):
            continue
        old_text = text[fm.end():pos]
        if not (_durations(old_text) or _money(old_text) or _cues(old_text) or re.search(NUMBER, old_text)):
            continue
        # "from 20,000 to 30,000 soms" under a change verb is still a range unless the verb governs it
        a = re.match(rf"\s*(?P<n>{NUMBER})\s*$", old_text, re.I)
        new_head = text[pos + 2:pos + 60]
        if a and re.match(rf"\s*(?:{NUMBER})\s*(?:[a-zA-Z]+)", new_head, re.I) and not re.search(
                r"\b(?:penalt\w*|fines?|punishment|sentences?|terms?|imprisonment|liability)\b", text[verb.start():fm.start()]
                + text[max(0, verb.start() - 60):verb.start()], re.I):
            return None
        return (fm.end(), pos), (pos + 2, len(text))
    return None


# -- the component --------------------------------------------------------------------------------

def extract_penalties(ctx) -> None:
    """Pipeline component: statutory penalties (and court sentences) with stage, article and USD value."""
    from .legal_common import main_country
    country = main_country(ctx)
    law_mentions = ctx.notes.get("law_mentions", [])
    laws = {law.key: law for law in ctx.extraction.laws}
    articles = ctx.notes.get("article_mentions", [])
    persons = ctx.extraction.persons
    body_start = ctx.document.body_offset
    date = ctx.date
    penalties: list[Penalty] = []
    last_article: tuple[int, str] | None = None
    sentences_with_penalty: set[int] = set()
    articles_by_sentence: dict[int, list] = {}
    for a in articles:
        articles_by_sentence.setdefault(a.sentence, []).append(a)
    law_index = _LawIndex(law_mentions, laws)
    folds = sentence_folds(ctx)
    last_found: tuple[int, list[PenaltyMention]] | None = None  # the last sentence's statutory penalties
    for si, sentence in enumerate(ctx.sentences):
        here_articles = articles_by_sentence.get(si, [])
        if sentence.end <= body_start:
            if here_articles:
                last_article = (si, here_articles[-1].key)
            continue
        st = sentence.text
        found = read_penalties(st, folds[si])
        if not found and last_found and si - last_found[0] <= 3:
            found = penalties_by_reference(st, last_found[1])  # "A similar penalty is provided for ..."
        if not found:
            if here_articles:
                last_article = (si, here_articles[-1].key)
            continue
        imposed = _is_imposed(st) or _sentence_for_person(st, persons)
        if not imposed and _SKIP_CUE_CONTEXT.search(st) and not any(p.has_numbers() for p in found):
            continue
        if not imposed and "sentenced" in st and _EXAMPLE_SENTENCE.search(st):
            continue
        if not imposed:
            last_found = (si, found)
        law_key = law_index.law_for(si, st)
        enacted = law_key is not None and laws[law_key].status in ENACTED
        stage_default = ("NewPenalty" if enacted else "ProposedPenalty") if law_key else (
            "ProposedPenalty" if _PROPOSAL_CUE.search(st) else "CurrentPenalty")
        current_cues = [m.start() for m in _CURRENT.finditer(st)]
        turns = [m.start() for m in _TURN.finditer(st)] if current_cues else []
        current = bool(current_cues) or (
            re.match(r"\s*(?:This|That|The)\s+(?:article|section|provision|law|norm)\b", st)
            and si > 0 and _CURRENT.search(ctx.sentences[si - 1].text) is not None)
        previous = bool(_PREVIOUS.search(st))
        article_keys = [a.key for a in here_articles]
        this_article = _THIS_ARTICLE.search(st)
        if not article_keys and last_article and (this_article or _content_distance(ctx, last_article[0], si) <= 2):
            article_keys = [last_article[1]]
        elif this_article and last_article and not article_keys:
            article_keys = [last_article[1]]
        starts = None  # the sentence's article offsets, if sorted (False: not sorted)
        for p in found:
            current_here = current and (not turns or not current_cues or _same_part(p.start, current_cues, turns))
            if imposed:
                stage = "ImposedSentence"
            elif p.role == "old":
                stage = "PreviousPenalty" if enacted else "CurrentPenalty"
            elif p.role == "new":
                stage = "NewPenalty" if enacted else ("ProposedPenalty" if law_key else "NewPenalty")
            elif previous:
                stage = "PreviousPenalty" if enacted else "CurrentPenalty"
            elif current_here:
                stage = "CurrentPenalty"
            else:
                stage = stage_default
            if here_articles and starts is None:
                offsets = [a.start - sentence.start for a in here_articles]
                starts = offsets if all(x <= y for x, y in zip(offsets, offsets[1:])) else False
            targets = _articles_for(p, here_articles, st, sentence.start, found, starts or None) or \
                article_keys[-1:] or [None]
            for article in targets:
                ptype = p.type
                if ptype == "Arrest" and max(p.max_years or 0, p.min_years or 0) > 0.5:
                    ptype = "Imprisonment"  # "six months to two years of detention": a prison term, not short arrest
                pen = Penalty(key="", type=ptype, stage=stage, min_years=p.min_years, max_years=p.max_years,
                              min_days=p.min_days, max_days=p.max_days, hours=p.hours,
                              currency=_local_currency(p.currency, country),
                              article=article, offense=p.offense, law=law_key if stage != "ImposedSentence" else None,
                              country=country,
                              role=p.role or ("previous" if previous else "current" if current_here else None))
                if p.min_amount is not None or p.max_amount is not None:
                    pen.min_amount, pen.max_amount = p.min_amount, p.max_amount
                    if p.min_amount is not None and p.max_amount is not None and p.min_amount == p.max_amount:
                        pen.amount = p.min_amount
                else:
                    pen.amount = p.amount
                if stage == "ImposedSentence":
                    pen.imposed_on = _person_in(st, persons)
                _convert(pen, date, ctx.document)
                pen.evidence.append(ctx.evidence(sentence))
                penalties.append(pen)
        sentences_with_penalty.add(si)
        if here_articles:
            last_article = (si, here_articles[-1].key)
        elif article_keys and last_article:
            last_article = (si, last_article[1])
    _attach_by_article_title(ctx, articles, penalties)
    penalties = _dedupe(penalties)
    for i, pen in enumerate(penalties, 1):
        pen.key = f"p{i}"
    ctx.extraction.penalties.extend(penalties)


# a penalty given by reference to the one stated before: "A similar penalty is provided for X", "the same
# punishment applies to X", "X will face the same sanctions"
_REFERENCE = re.compile(
    r"\b(?:a|the|an)\s+(?:similar|same|identical|equal|equivalent|like|comparable)\s+(?:\w+\s+)?"
    r"(?:penalt(?:y|ies)|punishments?|sanctions?|liability|sentences?|fines?|terms?)\b", re.I)
_REFERENCE_VERB = re.compile(
    r"\b(?:provided|provides|envisaged|envisages|established|establishes|set|sets|applies|apply|applied|imposed|"
    r"introduced|prescribed|prescribes|stipulated|stipulates|extends?|extended|awaits?|faces?|facing|threatens?|"
    r"carr(?:y|ies)|attracts?|incurs?|receives?|gets?|get|given|envisioned|foreseen|expected|will\s+be|is|are)\b", re.I)
_REFERENCE_FOR = re.compile(r"\b(?:for|to|on)\s+(?:the\s+)?(?P<o>[^;:()“”\"]{3,160}?)\s*(?:,\s+(?:which|while|but|as|saying|"
                            r"according|he|she|it|they)\b|[;:.()“”\"]|$)", re.I)


def penalties_by_reference(sentence_text: str, previous: list[PenaltyMention]) -> list[PenaltyMention]:
    """The penalties of ``previous`` (the last sentence that stated some) again, when this sentence
    refers to them ("A similar penalty applies to the theft of livestock"), with the offense it
    names; nothing when it does not refer to a penalty."""
    low = sentence_text.lower()
    if "same" not in low and "similar" not in low and "identical" not in low and "equal" not in low \
            and "equivalent" not in low and "like" not in low and "comparable" not in low:
        return []
    m = _REFERENCE.search(sentence_text)
    if not m or not _REFERENCE_VERB.search(sentence_text):
        return []
    offense = None
    for fm in _REFERENCE_FOR.finditer(sentence_text):
        o = _clean_offense(fm.group("o"))
        if o and not _REFERENCE.search(o):
            offense = o
            break
    out = []
    for p in previous:
        if p.role == "old":
            continue  # the rule a change replaced is not what "the same penalty" means
        twin = PenaltyMention(p.type, m.start(), m.end(), offense=offense)
        _copy_quantities(twin, p)
        out.append(twin)
    return out


def _content_distance(ctx, a: int, b: int) -> int:
    """Sentences from ``a`` to ``b``, not counting page clutter between them ("Video of day", "Read more"):
    lines of fewer than four words."""
    distance = 0
    for k in range(a + 1, b + 1):
        if k == b or len(ctx.sentences[k].text.split()) >= 4:
            distance += 1
    return distance


# the title an article carries in quotes: "Article 275 of the Criminal Code “Treason”", "Article 111-1, “Collaboration”"
_ARTICLE_TITLE = re.compile(r"\s*(?:\(\d[^)]{0,10}\)\s*)?(?:of\s+(?:the\s+)?(?:[A-Z][\w’'\-]*\s+){0,5}(?:Code|Act|Law)"
                            r"(?:\s+of\s+(?:the\s+)?[A-Z][\w\s]{0,30}?)?\s*)?[,:]?\s*[“\"«](?P<t>[^”\"»]{3,80})[”\"»]")


def _attach_by_article_title(ctx, articles, penalties: list[Penalty]) -> None:
    """A penalty read without its article takes the article whose quoted title names its offense ("life
    imprisonment for treason" ... "Article 275 of the Criminal Code “Treason”"); only when one article fits."""
    if not articles or all(p.article for p in penalties):
        return
    titles: dict[str, set[str]] = {}
    for a in articles:
        m = _ARTICLE_TITLE.match(ctx.text, a.end, min(len(ctx.text), a.end + 160))
        if m:
            words = _offense_words(m.group("t"))
            if words:
                titles.setdefault(a.key, set()).update(words)
    for pen in penalties:
        if pen.article or not pen.offense or pen.stage == "ImposedSentence" or not titles:
            continue
        words = _offense_words(pen.offense)
        fits = [key for key, title in titles.items() if title and len(title & words) / len(title) >= 0.5]
        if len(fits) == 1:
            pen.article = fits[0]
    # an article that the document cites alone, with penalties already tied to it: its other penalties
    # ("the previous penalty of three months to two years" in a report on the amended Article 242)
    keys = {a.key for a in articles}
    if len(keys) == 1:
        only = next(iter(keys))
        statutory = [p for p in penalties if p.stage != "ImposedSentence"]
        if sum(1 for p in statutory if p.article == only) >= 2:
            for pen in statutory:
                if pen.article is None:
                    pen.article = only


def _offense_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W\d_]{3,}", text.lower()) if w not in _GENERIC_OFFENSE_WORDS}


# a sentence that states what a bill or draft would do: "Under the bill, ...", "The draft also raises ..."
_PROPOSAL_CUE = re.compile(r"\b(?:under|in|by)\s+the\s+(?:proposed\s+\w+|bill|draft(?:\s+law)?|proposals?|project)\b|"
                           r"\bthe\s+(?:bill|draft(?:\s+law)?|project|proposal)\s+(?:also\s+)?(?:proposes|provides|prescribes|"
                           r"envisages|introduces|increases|raises|sets|would|will|seeks)\b", re.I)


@lru_cache(maxsize=None)
def _currency_families() -> dict[str, str]:
    return {row["code"]: row["family"] for row in currency_table() if row.get("family")}


@lru_cache(maxsize=None)
def _unit_rows() -> dict[str, dict]:
    return {row["code"]: row for row in currency_table()}


@lru_cache(maxsize=256)
def _local_currency(code: str | None, country: str | None) -> str | None:
    """"Rs" or "rupees" in an Indian story are Indian rupees, "$" in an Australian one Australian dollars:
    a currency word shared by several countries takes the document's country's currency. A unit whose
    words mean another unit in the document's country takes that one ("basic values" in Uzbekistan:
    BCA); a unit the vocabulary has no code for (Belarus's basic units) leaves the currency empty."""
    row = _unit_rows().get(code) if code else None
    if row is not None:
        as_in = row.get("as_in") or {}
        if country and country in as_in:
            return as_in[country]
        if row.get("record") is False:
            return None
    if not code or not country:
        return code
    from .gazetteers import country_record
    record = country_record(country)
    local = record.currency if record else None
    if local and local != code and _currency_families().get(code) and \
            _currency_families().get(code) == _currency_families().get(local):
        return local
    return code


def _same_part(at: int, cues: list[int], turns: list[int]) -> bool:
    """Whether a cue of the current rule lies in the same part of the sentence as offset ``at`` (the
    parts are cut at ``turns``)."""
    part = bisect.bisect_right(turns, at)
    return any(bisect.bisect_right(turns, c) == part for c in cues)


def _is_imposed(st: str) -> bool:
    """A court's sentence is reported: not a statute's generic "offenders are fined", "the act was punished by"."""
    for m in _IMPOSED.finditer(st):
        text = m.group(0)
        if _GENERIC_IMPOSED.match(text) and (text[:2].lower() in ("is", "ar") or
                                            _GENERIC_SUBJECT.search(st[max(0, m.start() - 30):m.start()])):
            continue
        return True
    return False


def _articles_for(p: PenaltyMention, here_articles, st: str, sentence_start: int, found,
                  starts: list[int] | None = None) -> list[str]:
    """``starts``: the articles' offsets in the sentence when ``here_articles`` is sorted by them
    (then found by bisection, not by a scan of every article for every penalty)."""
    if not here_articles:
        return []
    # an enumeration "for A (Article 99), B (Article 120) and C (Article 121)" after a single penalty
    if starts is not None:
        after = here_articles[bisect.bisect_left(starts, p.end):]
        before = here_articles[:bisect.bisect_left(starts, p.start)]
    else:
        after = [a for a in here_articles if a.start - sentence_start >= p.end]
        before = [a for a in here_articles if a.start - sentence_start < p.start]
    if len(found) == 1 and len(after) > 1 and not before:
        return [a.key for a in after]
    if before:
        return [before[-1].key]
    return [after[0].key] if after else []


_YEAR_ACT = re.compile(r"\b(?:the|that|this)\s+((?:19|20)\d\d)\s+(?:Act|Law|Code|Ordinance|Decree|Bill|act|law|code)\b")


class _LawIndex:
    """The law a sentence's penalties belong to: one named in it, else the last one named before, else the first."""

    def __init__(self, law_mentions, laws):
        pairs = sorted((m.sentence, k) for m, k in law_mentions if k in laws and not m.target)
        self.sentences = [p[0] for p in pairs]
        self.keys = [p[1] for p in pairs]
        # "the 1911 Act": the one act of the article whose title carries that year
        by_year: dict[str, set[str]] = {}
        for k in set(self.keys):
            for year in re.findall(r"\b(?:19|20)\d\d\b", laws[k].title):
                by_year.setdefault(year, set()).add(k)
        self.by_year = {y: next(iter(ks)) for y, ks in by_year.items() if len(ks) == 1}

    def law_for(self, si: int, text: str = "") -> str | None:
        if not self.keys:
            return None
        if self.by_year and text:
            m = _YEAR_ACT.search(text)
            if m and m.group(1) in self.by_year:
                return self.by_year[m.group(1)]
        i = bisect.bisect_left(self.sentences, si)
        if i < len(self.sentences) and self.sentences[i] == si:
            return self.keys[i]
        return self.keys[i - 1] if i > 0 else self.keys[0]


def _law_for(law_mentions, laws, si: int, sentence) -> str | None:
    here = [k for m, k in law_mentions if m.sentence == si and k in laws and not m.target]
    if here:
        return here[0]
    earlier = [k for m, k in law_mentions if m.sentence < si and k in laws and not m.target]
    if earlier:
        return earlier[-1]
    later = [k for m, k in law_mentions if k in laws and not m.target]
    return later[0] if later else None


def _sentence_for_person(st: str, persons) -> bool:
    """"a life sentence for former Minister X", "X was sentenced": a sentence on a named person."""
    # both patterns below are case-sensitive and need one of these words, and the name itself
    if not persons or not any(w in st for w in ("sentence", "jailed", "fined", "convicted")):
        return False
    for person in persons:
        names = [n for n in (person.name, *person.aliases, person.name.split()[-1] if person.name.split() else "")
                 if n and len(n) > 2]
        for name in names:
            if name not in st:
                continue
            n = re.escape(name)
            if re.search(rf"\bsentence[sd]?\s+(?:for|on|against)\s+(?:[\w’'\-]+\s+){{0,6}}{n}(?!\w)|"
                         rf"(?<!\w){n}\b[^.]{{0,40}}\b(?:was|were|has\s+been|had\s+been)\s+(?:\w+\s+)?"
                         rf"(?:sentenced|jailed|fined|convicted)", st):
                return True
    return False


def _person_in(st: str, persons) -> str | None:
    for person in persons:
        for surface in (person.name, *person.aliases, person.name.split()[-1] if person.name.split() else ""):
            if surface and len(surface) > 2 and re.search(rf"(?<!\w){re.escape(surface)}(?!\w)", st):
                return person.key
    return None


def _convert(pen: Penalty, date: str | None, document) -> None:
    value = pen.amount if pen.amount is not None else pen.max_amount if pen.max_amount is not None else pen.min_amount
    if value is None or not pen.currency:
        return
    converted = to_usd(value, pen.currency, date, getattr(document, "rates", None), getattr(document, "rates_date", None),
                       country=pen.country)
    if converted:
        pen.amount_usd, pen.conversion = converted


def _numbers(p: Penalty) -> tuple:
    return (p.type, p.min_years, p.max_years, p.min_days, p.max_days, p.amount, p.min_amount, p.max_amount,
            p.currency, p.stage)


def _dedupe(penalties: list[Penalty]) -> list[Penalty]:
    """One penalty for each stated twice (same kind, terms, amounts and stage; same or no article and
    offense). Candidates are looked up by their numbers, and each twin's evidence is a set beside its
    list, so a document that states one penalty in every sentence stays linear."""
    out: list[Penalty] = []
    by_numbers: dict[tuple, list[Penalty]] = {}
    evidence_of: dict[int, set] = {}
    for p in penalties:
        numbers = _numbers(p)
        has_numbers = any(v is not None for v in numbers[1:9]) or p.type in ("LifeImprisonment", "DeathPenalty")
        twin = None
        for q in by_numbers.get(numbers, ()):
            if not has_numbers and q.evidence[0] != p.evidence[0]:
                continue
            if q.offense and p.offense and q.offense != p.offense:
                continue
            if q.article == p.article or q.article is None or p.article is None:
                twin = q
                break
        if twin is None:
            out.append(p)
            by_numbers.setdefault(numbers, []).append(p)
            continue
        twin.article = twin.article or p.article
        known = evidence_of.get(id(twin))
        if known is None:
            known = evidence_of[id(twin)] = set(twin.evidence)
        for ev in p.evidence:
            if ev not in known:
                known.add(ev)
                twin.evidence.append(ev)
    return out
