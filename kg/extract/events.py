"""Legislative events: the steps the law extractor read, as facts with agents, date and links.

Each step (:class:`kg.extract.laws.Step`) with an event type becomes one
:class:`~kg.extract.model.LegislativeEvent`: a proposal, submission, chamber approval (with
its reading), adoption, signing, entry into force, rejection, repeal, support or objection,
with the persons and organizations that acted. An event affects the articles its sentence
cites, and the penalties its law introduces are linked to the steps that enact or propose
them. The laws get what they amend (codes named in the title, articles cited with them).
"""
from __future__ import annotations

import re

from .. import iris
from .legal_common import CODE_RE, canonical_code
from .model import LegislativeEvent

__all__ = ["extract_events"]

_ENACTING = {"Signing", "Adoption", "ParliamentaryApproval", "EntryIntoForce"}
_PROPOSING = {"Proposal", "Submission"}
_AMENDING = re.compile(r"\b(?:amend|change|supplement|add|introduc|replac|delet|new)\w*", re.I)


_ONCE = ("Signing", "EntryIntoForce")  # an act is signed once and comes into force once


def _one_signature(events: list[LegislativeEvent]) -> list[LegislativeEvent]:
    """A signature (or an entry into force) told in the headline and again in the body, once with its
    signer and once without, is one event: the unnamed ones fold into the one named (or the first)."""
    groups: dict[tuple[str, str], list[LegislativeEvent]] = {}
    for e in events:
        if e.type in _ONCE:
            groups.setdefault((e.type, e.law), []).append(e)
    dropped: set[int] = set()
    for found in groups.values():
        named = [e for e in found if e.agents]
        unnamed = [e for e in found if not e.agents]
        if not unnamed or len(named) > 1 or len(unnamed) + len(named) < 2:
            continue
        dates = {e.date for e in found if e.date}
        if len({d[:4] for d in dates}) > 1:
            continue  # two years: two acts of the same kind told apart by date
        keep = named[0] if named else unnamed[0]
        for e in unnamed:
            if e is keep:
                continue
            keep.date = keep.date or e.date
            keep.reading = keep.reading or e.reading
            keep.evidence.extend(x for x in e.evidence if x not in keep.evidence)
            keep.affects.extend(a for a in e.affects if a not in keep.affects)
            dropped.add(id(e))
    if not dropped:
        return events
    out = [e for e in events if id(e) not in dropped]
    for i, e in enumerate(out, 1):
        e.key = f"e{i}"
    return out


def extract_events(ctx) -> None:
    """Pipeline component: one LegislativeEvent per step, and the laws' ``amends`` links."""
    steps = ctx.notes.get("law_steps", [])
    laws = {law.key: law for law in ctx.extraction.laws}
    articles = ctx.notes.get("article_mentions", [])
    codes = {c.key: c for c in ctx.extraction.codes}
    articles_by_sentence: dict[int, list] = {}
    for a in articles:
        articles_by_sentence.setdefault(a.sentence, []).append(a)
    merged: dict[tuple, LegislativeEvent] = {}
    events: list[LegislativeEvent] = []
    # sets beside the lists, so that an event reported in every sentence stays linear
    evidence_seen: dict[str, set] = {}
    affects_seen: dict[str, set] = {}
    for step in steps:
        if step.event is None or step.law not in laws:
            continue
        ident = (step.event, step.law, tuple(step.agents), step.sentence if not step.agents else None)
        event = merged.get(ident)
        evidence = ctx.evidence(ctx.sentences[step.sentence])
        if event is None:
            event = LegislativeEvent(key=f"e{len(events) + 1}", type=step.event, law=step.law,
                                     agents=list(step.agents), date=step.date, reading=step.reading)
            merged[ident] = event
            events.append(event)
        else:
            event.date = event.date or step.date
            event.reading = event.reading or step.reading
        seen = evidence_seen.setdefault(event.key, set())
        if evidence not in seen:
            seen.add(evidence)
            event.evidence.append(evidence)
        affected = affects_seen.setdefault(event.key, set())
        for a in articles_by_sentence.get(step.sentence, []):
            if a.key not in affected:
                affected.add(a.key)
                event.affects.append(a.key)
    events = _one_signature(events)
    # the penalties a law brings in hang on the step that enacted or proposed it
    penalties_by_law: dict[str, list] = {}
    for pen in ctx.extraction.penalties:
        penalties_by_law.setdefault(pen.law, []).append(pen)
    for event in events:
        wanted = {"NewPenalty"} if event.type in _ENACTING else {"ProposedPenalty"} if event.type in _PROPOSING \
            else set()
        if event.type == "ParliamentaryApproval":
            wanted |= {"ProposedPenalty"}
        if not wanted:
            continue
        linked = set(event.penalties)
        for pen in penalties_by_law.get(event.law, []):
            if pen.stage in wanted and pen.key not in linked:
                linked.add(pen.key)
                event.penalties.append(pen.key)
    # what each law amends: codes named in its title, articles cited where it is
    mentions = ctx.notes.get("law_mentions", [])
    sentences_by_law: dict[str, set[int]] = {}
    for m, k in mentions:
        sentences_by_law.setdefault(k, set()).add(m.sentence)
    amending: dict[int, bool] = {}  # sentence -> whether it speaks of amending (read once)
    for key, law in laws.items():
        amended = set(law.amends)
        for m in CODE_RE.finditer(law.title):
            name = canonical_code(m.group(0))
            if name:
                code_key = iris.code_key(law.country, name)
                if code_key in codes and code_key not in amended:
                    amended.add(code_key)
                    law.amends.append(code_key)
        law_sentences = sentences_by_law.get(key, set())
        for a in (a for si in sorted(law_sentences) for a in articles_by_sentence.get(si, [])):
            if a.key in amended:
                continue
            says = amending.get(a.sentence)
            if says is None:
                says = amending[a.sentence] = _AMENDING.search(ctx.sentences[a.sentence].text) is not None
            if says:
                amended.add(a.key)
                law.amends.append(a.key)
    ctx.extraction.events.extend(events)
