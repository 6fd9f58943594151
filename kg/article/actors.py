"""Steps and actors over the whole article: who did what to which law.

The per-sentence step reader finds a verb, its law and the agents around it. Read over the
whole article, the agents are made to agree with what the step is, following the
annotation conventions every gold set shares (``gold/dev/README.md``):

* a chamber vote is an approval whatever the verb; a chamber never signs, and a person who
  presides over a vote is not the body that voted;
* a president (or a head of state by another title) signs; "approved by the President" is a
  signature;
* vague actors ("lawmakers", "deputies", "the government", "the cabinet") stand for their
  country's body: the chamber or government the article names, else a generic body of that
  country ("Parliament", "Government"), added to the article's organizations;
* the headline's step (kg.article.headline) is a step of the law it names.
"""
from __future__ import annotations

import re

from .. import iris
from ..extract import laws as _laws
from ..extract.legal_common import agent_mentions, agent_role
from ..extract.model import Organization
from .headline import HeadlineStep
from .people import unnamed_head_of_state
from .words import vague_actor

__all__ = ["resolve_agents", "headline_to_steps", "distribute_collective", "possessive_initiators"]

_HEAD_OF_STATE = re.compile(r"\b(?:president|king|queen|emir|amir|sultan|monarch|supreme\s+leader|leader|ruler|"
                            r"head\s+of\s+state|governor|premier|prime\s+minister)\b", re.I)
_PRESIDING = re.compile(r"\b(?:speaker|deputy\s+speaker|chair(?:man|woman|person)?|president\s+of\s+the\s+senate|"
                        r"presiding)\b", re.I)


class _People:
    """Roles of the article's persons and organizations, for deciding who may do what."""

    def __init__(self, ctx):
        self.persons = {p.key: p for p in ctx.extraction.persons}
        self.orgs = {o.key: o for o in ctx.extraction.organizations}
        self.ctx = ctx

    def role(self, key: str) -> str:
        if key in self.persons:
            p = self.persons[key]
            return agent_role(p.name, None, tuple(x.title for x in p.posts)) if p.posts else "other"
        if key in self.orgs:
            o = self.orgs[key]
            return agent_role(o.name, o.kind)
        return "other"

    def head_of_state(self, key: str) -> bool:
        p = self.persons.get(key)
        return bool(p and any(_HEAD_OF_STATE.search(x.title) and not re.search(r"\bvice\b", x.title, re.I)
                              for x in p.posts))

    def presiding(self, key: str) -> bool:
        p = self.persons.get(key)
        return bool(p and any(_PRESIDING.search(x.title) for x in p.posts))

    def chambers(self, country: str | None) -> list[Organization]:
        return [o for o in self.orgs.values() if agent_role(o.name, o.kind) == "chamber"
                and (o.country in (None, country))]

    def governments(self, country: str | None) -> list[Organization]:
        return [o for o in self.orgs.values() if re.search(r"\b(?:government|cabinet|council\s+of\s+ministers)\b",
                                                           o.name, re.I) and o.country in (None, country)]

    def heads_of_state(self, country: str | None) -> list[str]:
        return [k for k, p in self.persons.items() if self.head_of_state(k)
                and any(x.country in (None, country) for x in p.posts)]


def _vague_body(ctx, people: _People, role: str, surface: str, country: str | None) -> str | None:
    """The body a vague actor stands for: the article's own, else a generic one of the country."""
    actor = vague_actor(surface)
    if role == "president":
        heads = people.heads_of_state(country)
        return heads[0] if len(heads) == 1 else None
    if actor is None:
        return None
    if actor.role == "chamber":
        chambers = people.chambers(country)
        if actor.label == "Senate":
            chambers = [c for c in chambers if re.search(r"senate|upper", c.name, re.I)] or chambers
        if len(chambers) == 1 or chambers and actor.label in ("Parliament", "Legislature"):
            # the whole parliament if the article names it, else the chamber it names first
            whole = [c for c in chambers if re.search(r"parliament|legislature|assembly|congress|majlis\b|kenesh|rada",
                                                       c.name, re.I) and not c.parent]
            return (whole or chambers)[0].key
    elif actor.role == "government":
        governments = people.governments(country)
        if governments:
            return governments[0].key
    key = iris.org_key(country, actor.label)
    if key not in people.orgs:
        org = Organization(key=key, name=actor.label, country=country,
                           kind="legislature" if actor.role == "chamber" else "government")
        people.orgs[key] = org
        ctx.extraction.organizations.append(org)
    return key


def _evidence_into(ctx, key: str, sentence: int) -> None:
    """A body added for a vague actor keeps the sentence it acted in as its evidence."""
    for org in ctx.extraction.organizations:
        if org.key == key:
            ev = ctx.evidence(ctx.sentences[sentence])
            if ev not in org.evidence:
                org.evidence.append(ev)
            return


def resolve_agents(ctx, steps: list[_laws.Step], countries: dict[str, str | None]) -> None:
    """Make each step's agents agree with the step; tie vague actors to their country's body."""
    people = _People(ctx)
    law_countries = {c for c in countries.values() if c}
    unnamed_head_of_state(ctx, people, next(iter(law_countries)) if len(law_countries) == 1 else None)
    added_before = {o.key for o in ctx.extraction.organizations}
    for step in steps:
        if step.event is None:
            # a body that acted without an event of the vocabulary ("the government approved a draft law")
            for role, surface in step.vague:
                if role == "government" and step.status == "Draft":
                    key = _vague_body(ctx, people, role, surface, countries.get(step.law))
                    if key and key not in added_before:
                        _evidence_into(ctx, key, step.sentence)
            continue
        country = countries.get(step.law)
        agents = list(step.agents)
        for role, surface in step.vague:
            if step.event not in ("ParliamentaryApproval", "Adoption", "Signing", "Submission", "Proposal",
                                  "Rejection", "Endorsement", "Objection"):
                continue
            key = _vague_body(ctx, people, role, surface, country)
            if key and key not in agents:
                agents.append(key)
                if key not in added_before:
                    _evidence_into(ctx, key, step.sentence)
        roles = {k: people.role(k) for k in agents}
        if step.event == "Adoption" and any(r == "chamber" for r in roles.values()):
            step.event, step.status = "ParliamentaryApproval", "ApprovedByParliament"
        if step.event == "Adoption" and any(people.head_of_state(k) for k in agents):
            step.event, step.status = "Signing", "Signed"  # a head of state who "enacts" or "approves" signs
        if step.event == "Signing":
            agents = [k for k in agents if roles.get(k) not in ("chamber", "committee", "party")]
        if step.event == "ParliamentaryApproval":
            bodies = [k for k in agents if roles.get(k) in ("chamber", "committee")]
            persons = [k for k in agents if k in people.persons]
            if persons and (bodies or all(people.presiding(k) or roles[k] == "legislator" for k in persons)):
                agents = [k for k in agents if k not in persons]  # who chaired or spoke is not who voted
        step.agents = list(dict.fromkeys(agents))
        step.vague = []
    _signers(steps, people, countries)
    _voters(ctx, steps, people, countries)


def _voters(ctx, steps: list[_laws.Step], people: _People, countries: dict[str, str | None]) -> None:
    """"The draft law was adopted in the first reading": a reading vote that names no one is the vote of
    the one chamber of the law's country the article names (a vote of one of two chambers stays unnamed)."""
    for step in steps:
        if step.event != "ParliamentaryApproval" or step.agents or not step.reading:
            continue
        country = countries.get(step.law)
        chambers = [o.key for o in ctx.extraction.organizations
                    if people.role(o.key) == "chamber" and o.kind in ("chamber", "legislature")
                    and (o.country == country or country is None)]
        top = {o.parent for o in ctx.extraction.organizations if o.key in chambers and o.parent in chambers}
        chambers = [k for k in chambers if k not in top]  # a parliament and its one chamber: the chamber
        if len(chambers) == 1:
            step.agents = chambers


def _signers(steps: list[_laws.Step], people: _People, countries: dict[str, str | None]) -> None:
    """"Other bills signed into law include ...": a signature that names no one is the signature of the
    head of state who signs in the same article, or else of the one head of state it names."""
    signed = [s for s in steps if s.event == "Signing"]
    for step in (s for s in signed if not s.agents):
        country = countries.get(step.law)
        named = {k for s in signed for k in s.agents if people.head_of_state(k) and countries.get(s.law) == country}
        if len(named) != 1:
            heads = [k for k in people.heads_of_state(country)
                     if not all(p.former for p in people.persons[k].posts)]
            named = set(heads) if len(heads) == 1 else set()
        if len(named) == 1:
            step.agents = list(named)


def headline_to_steps(ctx, found: list[HeadlineStep], law_for, law_kinds: dict[str, str]) -> list[_laws.Step]:
    """The headline's steps as steps of the laws they concern (``law_for(phrase)`` gives its key)."""
    out = []
    people = _People(ctx)
    for hs in found:
        if hs.phrase is None and _laws._COLLECTIVE_OBJECT.match(ctx.document.title, hs.end):
            continue  # "Assembly approves several laws": the body says which
        law = law_for(hs.phrase)
        if law is None:
            continue
        keys, vague = [], []
        for a in hs.agents:
            if a.key:
                keys.append(a.key)
            elif a.role in ("chamber", "government", "president"):
                vague.append((a.role, ctx.document.title[a.start:a.end]))
        roles = {a.role.split("+")[0] for a in hs.agents} | {people.role(k) for k in keys}
        by_roles = roles if hs.passive else set()
        event, status = _laws._event_for(hs.kind, roles, law_kinds.get(law, "law"), False, by_roles)
        if event is None and status is None:
            continue
        reading = _laws._reading(ctx.document.title)
        weak = not keys and not vague  # "Tajikistan adopts ...": who acted is the body's to say
        out.append(_laws.Step(hs.kind, None if weak else event, status, law, 0, keys, None, reading, start=hs.start,
                              vague=vague, weak=weak))
    return out


def distribute_collective(steps: list[_laws.Step], laws, mentions, date: str | None = None) -> list[_laws.Step]:
    """"The Senate passed four bills", "12 private member bills were moved": a step told of several acts
    at once is a step of each act the article goes on to name, unless that act already has a step of
    that kind or a dated step of another year (the act adopted in 1999 the article also recalls)."""
    collective = [s for s in steps if s.law.startswith(_laws.COLLECTIVE)]
    if not collective:
        return steps
    out = [s for s in steps if not s.law.startswith(_laws.COLLECTIVE)]
    first_seen: dict[str, int] = {}
    for m, k in mentions:
        if not m.target:
            first_seen[k] = min(first_seen.get(k, 10 ** 9), m.sentence)
    for step in collective:
        kind = step.law[len(_laws.COLLECTIVE):]  # "bill": the article's bills, not the acts they amend
        fits = _laws._COMPATIBLE.get(kind, {kind}) if kind not in ("law", "act") else {"law", "act", "bill", "code",
                                                                                        "amendment", "decree"}
        for law in laws:
            if (law.kind or "law") not in fits:
                continue
            mine = [s for s in out if s.law == law.key]
            if first_seen.get(law.key, -1) < step.sentence:
                continue
            if any(s.event == step.event for s in mine):
                continue
            years = {s.date[:4] for s in mine if s.date}
            when = step.date or date
            if years and (when is None or when[:4] not in years):
                continue  # an act with a dated step of its own: not one of this sitting's
            if law.status and law.kind in ("resolution", "decree") and step.event == "ParliamentaryApproval":
                continue
            out.append(_laws.Step(step.kind, step.event, step.status, law.key, step.sentence, list(step.agents),
                                  step.date, step.reading, start=step.start, vague=list(step.vague), weak=step.weak))
    return out


_OWNED = re.compile(r"^(?:his|her|their)\s+(?:(?:own|new|latest|earlier|draft)\s+)?(?:proposal|initiative|bill|draft(?:\s+law)?|"
                    r"amendments?)\b", re.I)
_OWNER_BEFORE = re.compile(r"(?:’s|'s)\s+(?:(?:own|new|latest|earlier|draft)\s+)?$")


def possessive_initiators(ctx, steps: list[_laws.Step], mentions) -> list[_laws.Step]:
    """"X's proposal", "his initiative", "their bill": the owner proposed it (a person, or the body
    named before "'s")."""
    out = list(steps)
    have = {(s.law, a) for s in steps if s.event == "Proposal" for a in s.agents}
    for m, key in mentions:
        if m.target or m.kind not in ("proposal", "bill", "amendment"):
            continue  # "the Taliban's law": whose rule it is, not who proposed it
        si = m.sentence
        sentence = ctx.sentences[si]
        owner = None
        if _OWNED.match(m.title) and m.kind != "law":
            # the person spoken of just before: this sentence first, then the two before it
            for j in (si, si - 1, si - 2):
                if j < 0:
                    break
                found = [a for a in agent_mentions(ctx, ctx.sentences[j].text)
                         if a.person and a.key and (j < si or ctx.sentences[j].start + a.end <= m.start)]
                if found:
                    owner = found[-1].key
                    break
        elif re.match(r"[A-Z][\w\-]+(?:’s|'s)\s", m.title):
            local = m.start - sentence.start  # "Petrova's bill": the owner opens the reference
            found = [a for a in agent_mentions(ctx, sentence.text) if a.key and a.start == local]
            owner = found[0].key if found else None
        else:
            local = m.start - sentence.start
            if _OWNER_BEFORE.search(sentence.text, max(0, local - 20), local):
                found = [a for a in agent_mentions(ctx, sentence.text) if a.key and a.end <= local
                         and re.fullmatch(r"\s*(?:’s|'s)\s+(?:\w+\s+)?", sentence.text[a.end:local])]
                owner = found[-1].key if found else None
        if owner and (key, owner) not in have:
            have.add((key, owner))
            out.append(_laws.Step("propose", "Proposal", "Proposed", key, si, [owner], None, None,
                                  start=m.start))
    return out
