"""The last guard on one document's output: at most so many facts per document.

A real article gives tens of facts; a document that gives thousands is a digest, a statute or a
hostile upload. Past the cap (``KG_MAX_FACTS``, default :data:`DEFAULT_MAX_FACTS`) the facts read
furthest into the text are dropped, each kind consistently (an event of a dropped law goes with
it, a penalty keeps no link to a dropped law or article), and a warning names the file.

>>> from kg.extract.model import Evidence, Extraction, Person
>>> ex = Extraction(persons=[Person(f"p{i}", f"P {i}", evidence=[Evidence("q", i, i + 1)]) for i in range(5)])
>>> [p.key for p in cap_facts(ex, 3, "digest.txt").persons]
['p0', 'p1', 'p2']
"""
from __future__ import annotations

import logging
import os

from .model import Extraction

__all__ = ["cap_facts", "max_facts", "DEFAULT_MAX_FACTS"]

#: generous: two orders of magnitude above what a real article gives
DEFAULT_MAX_FACTS = 5000

log = logging.getLogger("kg")


def max_facts() -> int:
    """The cap in force (``KG_MAX_FACTS``; 0 or less: no cap)."""
    try:
        return int(os.environ.get("KG_MAX_FACTS", DEFAULT_MAX_FACTS))
    except ValueError:
        return DEFAULT_MAX_FACTS


def _first(fact) -> int:
    return min((e.start for e in fact.evidence), default=0)


def cap_facts(extraction: Extraction, cap: int, source: str) -> Extraction:
    """``extraction`` with at most ``cap`` facts, those read first in the text kept."""
    total = extraction.fact_count()
    if cap <= 0 or total <= cap:
        return extraction
    kinds = ("persons", "organizations", "articles", "laws", "penalties", "events")
    starts = sorted(_first(f) for kind in kinds for f in getattr(extraction, kind))
    cutoff = starts[cap - 1]
    kept = 0
    for kind in kinds:
        facts = []
        for fact in getattr(extraction, kind):
            if _first(fact) <= cutoff and kept < cap:
                facts.append(fact)
                kept += 1
        setattr(extraction, kind, facts)
    laws = {law.key for law in extraction.laws}
    articles = {a.key for a in extraction.articles}
    agents = {p.key for p in extraction.persons} | {o.key for o in extraction.organizations}
    extraction.events = [e for e in extraction.events if e.law in laws]
    for event in extraction.events:
        event.agents = [a for a in event.agents if a in agents]
        event.affects = [a for a in event.affects if a in articles]
    penalties = {p.key for p in extraction.penalties}
    for event in extraction.events:
        event.penalties = [p for p in event.penalties if p in penalties]
    for pen in extraction.penalties:
        pen.law = pen.law if pen.law in laws else None
        pen.article = pen.article if pen.article in articles else None
        pen.imposed_on = pen.imposed_on if pen.imposed_on in agents else None
    for law in extraction.laws:
        law.amends = [t for t in law.amends if t in articles or not t.count("/") > 1]
    log.warning("%s: %d facts read, more than the cap of %d per document (KG_MAX_FACTS); "
                "the %d read furthest into the text were skipped", source, total, cap, total - kept)
    return extraction
