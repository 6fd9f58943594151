"""One consistent picture: a law's status from all its steps, penalty stages from that status.

After every component ran, the facts of one article are made to agree:

* a law's status is the furthest step over all its events (and over what its mentions said
  of it: "the Code adopted in 1997", "the law in force"); a step that only implies a status
  ("discussed", "violating the law") counts only when no step of the law says more, and
  its date is the date of that furthest step;
* a penalty's stage follows the status of the law that carries it: a bill approved in any
  reading but not yet signed carries **proposed** penalties; once enacted (adopted, signed,
  in force), **new**; the rule a change replaces is **current** while the bill is pending and
  **previous** once it is enacted; a court's sentence on a named person stays an
  ``ImposedSentence``; a penalty an article with a single act states without naming it
  belongs to that act;
* a penalty stated twice (a repeated paragraph, a lead restated in a quote) is one penalty.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..extract import laws as _laws
from ..extract import penalties as _penalties
from ..extract.model import Law, Penalty

__all__ = ["settle_status", "settle_penalties", "PENDING"]

PENDING = {"Draft", "Proposed", "ApprovedByParliament"}
#: step kinds that only imply a status; they give way to any step that is an event
_IMPLYING = {"consider", "violate"}
_PASSAGE = {"Submission", "ParliamentaryApproval", "Adoption", "Signing", "EntryIntoForce", "Rejection"}


_ENACTING_WORDS = re.compile(r"\s*(?:became|becomes|become|come|came|comes)\s+(?:a\s+)?law|\s*(?:enacted|enacts)|"
                             r"\s*into\s+law", re.I)


def settle_status(laws: list[Law], steps: list[_laws.Step], hints: dict[str, list[tuple[str, str | None]]],
                  text: str = "", sentences: list | None = None) -> None:
    """Each law's status and date: the furthest step reported of it.

    Once a chamber's vote is reported, an "adopted" that names no one is that vote told again,
    not an enactment (an enactment says so: "became law", "was enacted")."""
    by_law: dict[str, list[_laws.Step]] = {}
    for step in steps:
        if step.status:
            by_law.setdefault(step.law, []).append(step)
    for mine in by_law.values():
        if any(s.event == "ParliamentaryApproval" for s in mine):
            for s in mine:
                if s.event == "Adoption" and not s.agents and not _ENACTING_WORDS.match(text, s.start):
                    s.status = "ApprovedByParliament"
    for law in laws:
        best: tuple[str, str | None] | None = None
        mine = by_law.get(law.key, [])
        real = [s for s in mine if not s.weak and (s.event is not None or s.kind not in _IMPLYING)]
        # a step of the law's own passage says more than a verb that only implies a status
        passage = any(s.event in _PASSAGE and (s.agents or s.event != "Adoption") for s in real)
        strong = [s for s in mine if not s.weak]
        candidates = [(s.status, s.date) for s in (real if passage else strong or mine)] + list(hints.get(law.key, []))
        candidates = _after_rejection(candidates, [(s.status, _month_day(sentences, s)) for s in mine])
        for status, date in candidates:
            if best is None or _laws.STATUS_RANK[status] > _laws.STATUS_RANK[best[0]] or (
                    _laws.STATUS_RANK[status] == _laws.STATUS_RANK[best[0]] and date and not best[1]):
                best = (status, date)
        if best is None:
            lowered = law.title.lower()
            kind = law.kind or "law"
            if lowered.startswith("draft") or " draft " in f" {lowered} ":
                best = ("Draft", None)
            elif kind in ("bill", "proposal", "amendment"):
                best = ("Proposed", None)
            else:
                best = ("Adopted", None)
        law.status, law.date = best[0], best[1]


_PASSED = ("ApprovedByParliament", "Adopted", "Signed", "InForce")
_MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                        "september", "october", "november", "december"), 1)}
_MONTH_NAME = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
               r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_MONTH_DAY = re.compile(rf"\b(?:(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH_NAME})\b|(?P<m2>{_MONTH_NAME})\.?\s+(?P<d2>\d{{1,2}})(?!\d))")


def _month_day(sentences: list | None, step: _laws.Step) -> tuple[int, int] | None:
    """The day and month a step's sentence gives nearest its verb, for ordering steps the text dates
    without a year ("On June 30 the bill was rejected ... adopted it on July 28")."""
    if step.date or not sentences or step.sentence >= len(sentences):
        return None
    sentence = sentences[step.sentence]
    best = None
    for offset, month, day in _day_months(sentence.text):  # read once per sentence, however many steps
        distance = abs(offset + sentence.start - step.start)
        if best is None or distance < best[0]:
            best = (distance, (month, day))
    return best[1] if best else None


@lru_cache(maxsize=256)
def _day_months(text: str) -> tuple[tuple[int, int, int], ...]:
    out = []
    for m in _MONTH_DAY.finditer(text):
        name = (m.group("m") or m.group("m2")).lower()
        month = next((v for k, v in _MONTHS.items() if len(name) >= 3 and k.startswith(name[:3])
                      and (k.startswith(name) or name.startswith(k[:3]) and len(name) <= 4)), None)
        day = int(m.group("d") or m.group("d2"))
        if month is not None and 1 <= day <= 31:
            out.append((m.start(), month, day))
    return tuple(out)


def _after_rejection(candidates: list[tuple[str, str | None]],
                     partial: list[tuple[str, tuple[int, int] | None]] = ()) -> list[tuple[str, str | None]]:
    """A rejection dated before a later vote or signature was overcome ("rejected on 30 June, adopted on
    28 July"); one dated after them stands (a veto). Dates without a year order steps of one article
    too; undated, the furthest step decides."""
    rejected = [d for st, d in candidates if st == "Rejected" and d]
    passed = [d for st, d in candidates if st in _PASSED and d]
    if rejected and passed and max(passed) > max(rejected):
        return [(st, d) for st, d in candidates if st != "Rejected"]
    if not rejected and not passed:
        rejected_md = [md for st, md in partial if st == "Rejected" and md]
        passed_md = [md for st, md in partial if st in _PASSED and md]
        if rejected_md and passed_md and max(passed_md) > max(rejected_md):
            return [(st, d) for st, d in candidates if st != "Rejected"]
    return candidates


_REMOVED_RULE = re.compile(r"\b(?:repeal\w*|abolish\w*|revok\w*|annul\w*|struck\s+down|strikes?\s+down|scrap\w*|"
                           r"had\s+(?:been\s+)?(?:made|provided|prescribed|set|imposed|carried|punish\w*|allowed)|used\s+to|"
                           r"(?:was|were)\s+(?:punishable|liable|punished))\b",
                           re.I)


_WOULD_HAVE = re.compile(r"\bwould\s+have\b", re.I)


def _stage(pen: Penalty, status: str | None) -> str | None:
    if status == "Repealed" and pen.role not in ("new",) and any(_REMOVED_RULE.search(e.quote) for e in pen.evidence):
        # "repealed the X Act, which had made Y punishable by ...": the rule the repeal removed (a
        # penalty read elsewhere and only attached to the repealed act keeps its stage)
        return "PreviousPenalty"
    if status == "Rejected" and pen.role not in ("old", "previous") and \
            any(_WOULD_HAVE.search(e.quote) for e in pen.evidence):
        return "ProposedPenalty"  # "the bill would have raised the fine to ...": what the rejected bill proposed
    if status is None or status in ("Rejected", "Repealed"):
        return pen.stage
    enacted = status in _laws.ENACTED
    if pen.role in ("old", "previous"):
        return "PreviousPenalty" if enacted else "CurrentPenalty"
    if pen.role == "current":
        return "CurrentPenalty"
    return "NewPenalty" if enacted else "ProposedPenalty"


def settle_penalties(ctx, laws: list[Law]) -> None:
    """Stages from the laws' status; unattached penalties of a one-act article go to that act."""
    by_key = {law.key: law for law in laws}
    only = laws[0].key if len(laws) == 1 else None
    for pen in ctx.extraction.penalties:
        if pen.stage == "ImposedSentence":
            continue
        if pen.law not in by_key:
            pen.law = only
        if pen.law is None:
            continue
        pen.stage = _stage(pen, by_key[pen.law].status)
    ctx.extraction.penalties[:] = _penalties._dedupe(ctx.extraction.penalties)
    for i, pen in enumerate(ctx.extraction.penalties, 1):
        pen.key = f"p{i}"
