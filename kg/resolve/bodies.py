"""Canonical bodies: every spelling of a body the gazetteer knows gives one key.

The gazetteer (``kg/data/bodies.jsonl``) lists each body with its spellings,
transliterations, translations and short forms. A body read from an article is looked up
by its name and its other names within its country; a body the gazetteer knows gets the
key of the record (its display ``label`` if the record gives one, else its name), so
"Majilis", "Mazhilis" and "Mazhilis of the Parliament" are one ``id/org/kz/mazhilis``. A
generic name ("Senate", "Parliament") in a country whose own record has the same kind and
house is that record ("Senate" in Uzbekistan is the Senate of the Oliy Majlis). A body the
gazetteer does not know keeps the key made of its country and normalised name.

The labels: the name the article gives the body stays the ``rdfs:label`` its graph states
(so a body read in articles that spell it differently has each spelling as a label, and
every article keeps the name it used); the record's name is the one ``skos:prefLabel``,
and the record's other names are ``skos:altLabel``. A chamber is
``org:subOrganizationOf`` its parliament.

This is a pure function of one extraction and the gazetteer: it runs in the worker, after
the whole-article reading, and needs no store.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..extract.gazetteers import BodyRecord, bodies
from ..extract.model import Extraction
from ..iris import org_key

__all__ = ["canonical_body", "resolve_bodies", "BodyMatch", "norm_name"]

_THE = re.compile(r"^(?:the)\s+", re.IGNORECASE)


def norm_name(name: str) -> str:
    """A body's name compared: no leading article, straight apostrophes, one space, lower case."""
    name = _THE.sub("", name.strip()).replace("’", "'")
    return re.sub(r"\s+", " ", name).lower()


def display_label(rec: BodyRecord) -> str:
    return _labels().get(rec.name, rec.name)


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    return {name: label for name, (label, _) in _extra_fields().items() if label}


@lru_cache(maxsize=1)
def _extra_fields() -> dict[str, tuple[str | None, frozenset[str]]]:
    """Record name -> (display label, names kept apart) from the fields only resolution reads."""
    import json
    from ..extract.gazetteers import data_lines
    out = {}
    for line in data_lines("bodies.jsonl"):
        d = json.loads(line)
        if d.get("label") or d.get("split"):
            out[d["name"]] = (d.get("label"), frozenset(norm_name(n) for n in d.get("split", ())))
    return out


def _split(rec: BodyRecord) -> frozenset[str]:
    return _extra_fields().get(rec.name, (None, frozenset()))[1]


@lru_cache(maxsize=1)
def _index() -> tuple[dict[tuple[str | None, str], BodyRecord], dict[tuple[str, str, str], BodyRecord],
                      dict[tuple[str | None, str], BodyRecord]]:
    """(country, name) -> specific record; (country, kind, house) -> the country's record; name -> generic."""
    specific: dict[tuple[str | None, str], BodyRecord] = {}
    by_role: dict[tuple[str, str, str], BodyRecord] = {}
    generic: dict[tuple[str | None, str], BodyRecord] = {}
    for rec in bodies():
        names = (rec.name, *rec.aliases, display_label(rec))
        if rec.generic:
            for name in names:
                generic.setdefault((None, norm_name(name)), rec)
            continue
        for name in names:
            specific.setdefault((rec.country, norm_name(name)), rec)
        if rec.country and rec.kind and rec.house:
            role = (rec.country, rec.kind, rec.house)
            # a country with two bodies of one role (two upper houses?) gets none by role
            by_role[role] = rec if role not in by_role else None
    return specific, {k: v for k, v in by_role.items() if v is not None}, generic


@dataclass(frozen=True)
class BodyMatch:
    record: BodyRecord
    key: str
    how: str  # "name", "alias", "role" (a generic name standing for the country's body)


def canonical_body(country: str | None, names: list[str]) -> BodyMatch | None:
    """The gazetteer's body for a body named ``names`` (its label first) in ``country``."""
    specific, by_role, generic = _index()
    if names and specific.get((country, norm_name(names[0]))) is not None \
            and norm_name(names[0]) in _split(specific[(country, norm_name(names[0]))]):
        return None  # the label is a name the gazetteer keeps apart
    for name in names:
        rec = specific.get((country, norm_name(name)))
        if rec is not None and norm_name(name) not in _split(rec):
            how = "name" if norm_name(name) == norm_name(rec.name) else "alias"
            return BodyMatch(rec, org_key(rec.country, display_label(rec)), how)
    if country:
        for name in names:
            for bare in dict.fromkeys((norm_name(name), _unqualified(country, name))):
                gen = generic.get((None, bare))
                if gen is not None and gen.kind and gen.house:
                    rec = _by_role(by_role, country, gen.kind, gen.house)
                    if rec is not None:
                        return BodyMatch(rec, org_key(rec.country, display_label(rec)), "role")
    return None


#: a legislature called by the generic word of another make-up ("Parliament" for a unicameral
#: Jogorku Kenesh, "Legislative Assembly" for a parliament): the country's one legislature
_LEGISLATURE_HOUSES = ("parliament", "unicameral")


def _by_role(by_role, country: str, kind: str, house: str) -> BodyRecord | None:
    rec = by_role.get((country, kind, house))
    if rec is None and kind == "legislature" and house in _LEGISLATURE_HOUSES:
        found = [r for h in _LEGISLATURE_HOUSES if (r := by_role.get((country, kind, h))) is not None]
        rec = found[0] if len(found) == 1 else None
    return rec


@lru_cache(maxsize=4096)
def _unqualified(country: str, name: str) -> str:
    """The generic name left when a body's name only adds its country: "Parliament of Kyrgyzstan",
    "Kyrgyzstan's parliament", "the Kyrgyz parliament" -> "parliament" (else the name, normalised)."""
    from ..extract.gazetteers import country_record
    rec = country_record(country)
    text = norm_name(name)
    if rec is None:
        return text
    places = sorted({norm_name(n) for n in (rec.name, *rec.aliases, *rec.demonyms) if n}, key=len, reverse=True)
    alt = "|".join(re.escape(p) for p in places)
    for pattern in (rf"^(?P<g>.+?) of (?:the )?(?:{alt})$", rf"^(?:{alt})(?:'s)? (?P<g>.+)$"):
        m = re.match(pattern, text)
        if m:
            return m.group("g")
    return text


def _parent_record(rec: BodyRecord) -> BodyRecord | None:
    if not rec.parent:
        return None
    specific, _, _ = _index()
    return specific.get((rec.country, norm_name(rec.parent)))


def resolve_bodies(extraction: Extraction) -> dict[str, str]:
    """Give every body of ``extraction`` its canonical key; returns old key -> new key (changed ones)."""
    remap: dict[str, str] = {}
    merged: dict[str, object] = {}
    kept = []
    for org in extraction.organizations:
        match = canonical_body(org.country, [org.name, *org.aliases])
        if match is None:
            kept.append(org)
            merged.setdefault(org.key, org)
            continue
        rec = match.record
        names = [org.name, *org.aliases]
        label = display_label(rec)
        own = org.name
        if match.key != org.key:
            remap[org.key] = match.key
        org.key = match.key
        org.name = own
        aliases = []
        for name in (*names, rec.name, label):
            if norm_name(name) != norm_name(own) and name not in aliases:
                aliases.append(name)
        org.aliases = aliases
        org.kind = org.kind or rec.kind
        org.preferred = rec.name
        parent = _parent_record(rec)
        if parent is not None:
            org.super_org = org_key(parent.country, display_label(parent))
        first = merged.get(org.key)
        if first is not None:  # two bodies of the article are one body: one node, both names
            for name in (org.name, *org.aliases):
                if name != first.name and name not in first.aliases:
                    first.aliases.append(name)
            first.evidence.extend(e for e in org.evidence if e not in first.evidence)
            continue
        merged[org.key] = org
        kept.append(org)
    extraction.organizations[:] = kept
    if not remap:
        return remap
    keys = {o.key for o in kept}
    for org in kept:
        if org.parent:
            org.parent = remap.get(org.parent, org.parent)
            if org.parent == org.key or org.parent not in keys:
                org.parent = None
    for person in extraction.persons:
        for post in person.posts:
            if post.organization:
                post.organization = remap.get(post.organization, post.organization)
    for event in extraction.events:
        event.agents = list(dict.fromkeys(remap.get(a, a) for a in event.agents))
    return remap


def resolve_bodies_of(ctx) -> None:
    """The pipeline component (:data:`kg.extract.pipeline.FINISHING`): canonical bodies of one document."""
    resolve_bodies(ctx.extraction)
