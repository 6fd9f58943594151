"""Persons and laws across articles: is this mention one already in the store?

Runs in the process that writes the store, when a document is added (:func:`kg.build.build`):

1. the worker reads the document and sums up each person and law it mentions
   (:func:`summarise`: names, country, roles; title, code and articles amended, penalties,
   dates and step);
2. :class:`Resolver` compares each mention with the entities already in the store (and those
   of the documents added before it in the same build) and decides: *merged* into an
   existing IRI, or *new*. A person is merged when the surname is one transliteration, the
   first names agree (or one mention has none) and country and role agree; a law when the
   jurisdiction is one, nothing contradicts (two years in the titles, articles amended, a
   life out of order: signed in 2019, proposed in 2023) and title, articles and penalties
   together score at least :data:`LAW_THRESHOLD`;
3. each decision is written into the document's graph as an ``lk:ResolutionDecision``
   (the mention's own key and name, the IRI chosen, the score, the features that matched,
   and the features as JSON so the next build compares with exactly what this one saw).

The IRI of a group of mentions is the key of its best-named member (the full name; the
most distinctive title, with year and articles in the key of a generic one), so adding the
same articles in any order gives the same IRIs: when a better-named mention joins, the
group is renamed in the store (:meth:`Resolver.renames`).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import iris
from ..extract.model import Extraction
from ..iris import slug
from .names import distinctive_words, first_names_agree, fold_name, name_tokens, title_words, title_years

__all__ = ["summarise", "Resolver", "Decision", "LAW_THRESHOLD", "PERSON_THRESHOLD"]

LAW_THRESHOLD = 0.6
PERSON_THRESHOLD = 0.6

#: how far a step goes in a law's life (a step further along cannot come before a lesser one)
_STAGE = {"Proposed": 0, "Draft": 0, "Proposal": 0, "Submission": 0, "Endorsement": 0, "Objection": 0,
          "ApprovedByParliament": 1, "ParliamentaryApproval": 1, "Adopted": 2, "Adoption": 2,
          "Signed": 3, "Signing": 3, "InForce": 4, "EntryIntoForce": 4, "Amendment": 4, "Repealed": 5, "Repeal": 5}


def _year(value: str | None) -> int | None:
    return int(value[:4]) if value and re.match(r"\d{4}", value) else None


def summarise(document, extraction: Extraction) -> dict:
    """What resolution compares, for each person and law of one document (plain data: it
    crosses from the worker process and is stored as JSON)."""
    doc_date = document.date or extraction.document_date
    persons = []
    for p in extraction.persons:
        persons.append({"key": p.key, "name": p.name, "aliases": list(p.aliases),
                        "countries": sorted({post.country for post in p.posts if post.country}),
                        "roles": sorted({post.title.lower() for post in p.posts}),
                        "doc_countries": list(extraction.countries)})
    articles_of: dict[str, set[str]] = {}
    penalties_of: dict[str, list] = {}
    for pen in extraction.penalties:
        if pen.law:
            if pen.article:
                articles_of.setdefault(pen.law, set()).add(pen.article)
            penalties_of.setdefault(pen.law, []).append([pen.type, pen.max_years, pen.amount, pen.max_amount,
                                                         pen.currency])
    steps_of: dict[str, list] = {}
    for event in extraction.events:
        articles_of.setdefault(event.law, set()).update(event.affects)
        steps_of.setdefault(event.law, []).append([event.type, event.date or doc_date])
    laws = []
    for law in extraction.laws:
        amends = set(law.amends)
        laws.append({"key": law.key, "title": law.title, "aliases": list(law.aliases), "country": law.country,
                     "kind": law.kind, "status": law.status, "date": law.date, "doc_date": doc_date,
                     "codes": sorted({a if a.count("/") < 2 else a.rsplit("/", 1)[0] for a in amends}),
                     "articles": sorted({a for a in amends if a.count("/") >= 2} | articles_of.get(law.key, set())),
                     "penalties": penalties_of.get(law.key, []), "steps": steps_of.get(law.key, [])})
    return {"persons": persons, "laws": laws}


@dataclass
class Decision:
    kind: str  # "person" | "law"
    mention: dict
    iri: str
    outcome: str  # "merged" | "new"
    score: float = 0.0
    features: list[str] = field(default_factory=list)
    compared: str | None = None  # the IRI of the best candidate, merged or not


@dataclass
class _Entity:
    kind: str
    iri: str
    members: dict[str, list[dict]] = field(default_factory=dict)  # document IRI -> its mentions


# -- persons ----------------------------------------------------------------------------------------

def _person_parts(m: dict) -> tuple[str, list[str]]:
    """(folded surname, first names) of the fullest name the mention has."""
    return _parts_of(m["name"], tuple(m.get("aliases", ())))


@lru_cache(maxsize=65536)
def _parts_of(name: str, aliases: tuple[str, ...]) -> tuple[str, list[str]]:
    tokens = _fullest_tokens(name, aliases)
    return (fold_name(tokens[-1]) if tokens else "", list(tokens[:-1]))


@lru_cache(maxsize=65536)
def _fullest_tokens(name: str, aliases: tuple[str, ...]) -> list[str]:
    names = sorted([name, *aliases], key=lambda n: -len(name_tokens(n)))
    return name_tokens(names[0])


#: transliterations of a surname (Tokayev / Tokaev) compare equal and are merged (False). The
#: price, measured: ../shared/tools/kg_eval.py scores a person by one of its rdfs:labels, so a
#: person with two spellings in one build loses the article whose gold has the other (dev2
#: persons 0.991 -> 0.973); True keeps each spelling its own person (see README, Resolution)
SAME_SPELLING_ONLY = False


def _surname(m: dict) -> str:
    tokens = _fullest_tokens(m["name"], tuple(m.get("aliases", ())))
    return tokens[-1] if tokens else ""


def _countries(m: dict) -> set[str]:
    return set(m.get("countries") or ()) or set(m.get("doc_countries") or ())


def _role_words(m: dict) -> set[str]:
    stop = {"of", "the", "for", "and", "in", "former", "member"}
    return {w for r in m.get("roles", ()) for w in re.findall(r"[a-z]+", r) if w not in stop}


def person_score(a: dict, b: dict) -> tuple[float, list[str]]:
    """How much two person mentions agree (0: they are two people)."""
    sa, fa = _person_parts(a)
    sb, fb = _person_parts(b)
    if not sa or sa != sb:
        return 0.0, []
    if SAME_SPELLING_ONLY and _surname(a) != _surname(b):
        return 0.0, []
    features = ["surname"]
    ca, cb = _countries(a), _countries(b)
    if ca and cb and not ca & cb:
        return 0.0, []
    country = bool(ca & cb)
    ra, rb = _role_words(a), _role_words(b)
    role = bool(ra & rb)
    if fa and fb:
        if not first_names_agree(fa[0], fb[0]):
            return 0.0, []
        features.append("first name")
        score = 0.7
    else:
        # a surname alone: only with the same country and the same role
        if not (country and role):
            return 0.0, []
        score = 0.4
    if country:
        features.append("country")
        score += 0.15
    if role:
        features.append("role")
        score += 0.15
    return round(score, 3), features


def _person_conflict(a: dict, b: dict) -> bool:
    """Two people whatever else agrees: other first names, or other countries."""
    sa, fa = _person_parts(a)
    sb, fb = _person_parts(b)
    if sa != sb:
        return False
    ca, cb = _countries(a), _countries(b)
    return bool(fa and fb and not first_names_agree(fa[0], fb[0])) or bool(ca and cb and not ca & cb)


def _person_rank(m: dict) -> tuple:
    tokens = name_tokens(m["name"])
    return (-len(tokens), m["key"])


# -- laws -------------------------------------------------------------------------------------------

@lru_cache(maxsize=512)
def _country_words(country: str | None) -> frozenset[str]:
    from ..extract.gazetteers import country_record
    rec = country_record(country) if country else None
    if rec is None:
        return frozenset()
    words = set()
    for name in (rec.name, *rec.aliases):
        words |= title_words(name)
    return frozenset(words) | {w + "i" for w in words} | {w + "n" for w in words}


def _titles(m: dict) -> list[str]:
    return [m["title"], *m.get("aliases", ())]


def _distinctive(m: dict) -> frozenset[str]:
    return _distinctive_of(m.get("country"), tuple(_titles(m)))


@lru_cache(maxsize=65536)
def _distinctive_of(country: str | None, titles: tuple[str, ...]) -> frozenset[str]:
    cw = _country_words(country)
    out: set[str] = set()
    for t in titles:
        out |= distinctive_words(t, cw)
    return frozenset(out)


def _life(m: dict) -> list[tuple[int, int]]:
    """(year, stage) of each dated step the mention reports, and of its status."""
    out = []
    for step, date in m.get("steps", ()):
        if _year(date) is not None and step in _STAGE:
            out.append((_year(date), _STAGE[step]))
    status_year = _year(m.get("date")) or _year(m.get("doc_date"))
    if m.get("status") in _STAGE and status_year is not None:
        out.append((status_year, _STAGE[m["status"]]))
    return out


def _lives_conflict(a: dict, b: dict) -> bool:
    """One life cannot hold both: a step further along in an earlier year than a lesser one
    (signed in 2019, proposed in 2023), or steps years apart with no enactment between."""
    la, lb = _life(a), _life(b)
    for ya, sa in la:
        for yb, sb in lb:
            if ya < yb and sa > sb and sa >= 2:
                return True
            if yb < ya and sb > sa and sb >= 2:
                return True
            if abs(ya - yb) > 4:
                return True
    return False


def law_score(a: dict, b: dict) -> tuple[float, list[str]]:
    """How much two law mentions agree (0: two laws)."""
    if a.get("country") != b.get("country"):
        return 0.0, []
    ya = set().union(*(title_years(t) for t in _titles(a)))
    yb = set().union(*(title_years(t) for t in _titles(b)))
    if ya and yb and not ya & yb:
        return 0.0, []
    arts_a, arts_b = set(a.get("articles", ())), set(b.get("articles", ()))
    if arts_a and arts_b and not arts_a & arts_b:
        return 0.0, []
    if _lives_conflict(a, b):
        return 0.0, []
    features: list[str] = ["jurisdiction"]
    score = 0.0
    da, db = _distinctive(a), _distinctive(b)
    ca_, cb_ = _code_name(a), _code_name(b)
    if ca_ and cb_:  # two codes ("draft Criminal Code", "the new Criminal Code"): one name, one code
        if ca_ != cb_:
            return 0.0, []
        score += 0.6
        features.append(f"code title ({' '.join(sorted(ca_))})")
    elif da and db:
        common = da & db
        overlap = len(common) / min(len(da), len(db))
        if overlap < 0.5:
            return 0.0, []  # two named acts about different things
        score += 0.8 * overlap
        features.append(f"title ({', '.join(sorted(common))})")
    elif da or db:
        pass  # a named act and a generic mention: only articles, codes and penalties can tie them
    else:
        wa = set().union(*(title_words(t) for t in _titles(a)))
        wb = set().union(*(title_words(t) for t in _titles(b)))
        if wa & wb:
            score += 0.2
            features.append("generic title")
    if arts_a & arts_b:
        score += 0.3
        features.append(f"articles ({', '.join(sorted(x.rsplit('/', 1)[-1] for x in arts_a & arts_b))})")
    codes_a, codes_b = set(a.get("codes", ())), set(b.get("codes", ()))
    if codes_a and codes_b:
        if not codes_a & codes_b:
            return 0.0, []
        score += 0.1
        features.append("code")
    pens = {tuple(p) for p in a.get("penalties", ())} & {tuple(p) for p in b.get("penalties", ())}
    if pens:
        score += 0.2
        features.append("penalties")
    if ya & yb:
        score += 0.2
        features.append("year in title")
    if _life(a) and _life(b):
        features.append("dates fit one life")
        score += 0.05
    return round(min(score, 1.0), 3), features


_CODE_QUALIFIERS = frozenset("new draft project revised updated current old the of".split())


def _code_name(m: dict) -> frozenset[str]:
    """The name of the code a mention of a whole code gives ("draft Criminal Code" -> criminal code)."""
    if m.get("kind") != "code":
        return frozenset()
    cw = _country_words(m.get("country"))
    return frozenset(w for w in title_words(m["title"]) if w not in _CODE_QUALIFIERS and w not in cw)


def law_key(m: dict) -> str:
    """The key of a law mention's own IRI: its title, and for a generic title what tells it apart."""
    key = iris.law_key(m.get("country"), m["title"])
    if _distinctive(m):
        return key
    extra = []
    year = _year(m.get("date")) or _year(m.get("doc_date"))
    if year and str(year) not in key:
        extra.append(str(year))
    if m.get("kind") != "code":  # a whole code is told apart by its year, not by the articles cited
        extra += [a.rsplit("/", 1)[-1] for a in m.get("articles", ())[:3]]
    return f"{key}-{slug('-'.join(extra))}" if extra else key


def _law_rank(m: dict) -> tuple:
    return (-len(_distinctive(m)), -len(title_words(m["title"])), law_key(m))


# -- the resolver -----------------------------------------------------------------------------------

_PREFIX = iris.ID


class Resolver:
    """The entities of the store and of this build, and the decisions that grow them."""

    def __init__(self, store=None):
        self.entities: dict[str, _Entity] = {}
        #: candidates by what a merge requires (a law: its country; a person: the folded surname), so
        #: a mention is compared with the few entities it could be, not with the whole store
        self._blocks: dict[tuple, list[_Entity]] = {}
        self._renames: list[tuple[str, str]] = []
        self._previous: dict[tuple[str, str, str], tuple] = {}
        if store is not None:
            self._load(store)

    def _load(self, store) -> None:
        rows = store.query("""SELECT ?g ?entity ?features ?outcome ?score ?compared
                (GROUP_CONCAT(?f; separator="\u001f") AS ?fs) WHERE { GRAPH ?g {
                ?d a lk:ResolutionDecision ; lk:resolvedTo ?entity ; lk:features ?features ;
                   lk:resolutionOutcome ?outcome ; lk:resolutionScore ?score .
                OPTIONAL { ?d lk:comparedWith ?compared } OPTIONAL { ?d lk:matchedFeature ?f } } }
                GROUP BY ?g ?entity ?features ?outcome ?score ?compared""").rows
        for g, entity, features, outcome, score, compared, fs in rows:
            m = json.loads(str(features))
            kind = m.pop("_kind")
            e = self.entities.setdefault(str(entity), _Entity(kind, str(entity)))
            e.members.setdefault(str(g), []).append(m)
            self._index(e, m)
            # a document built again keeps the decision it had when its mention lands where it did
            self._previous[(str(g), kind, m["key"])] = (str(entity), str(outcome), float(score),
                                                         [f for f in str(fs or "").split("\u001f") if f],
                                                         str(compared) if compared else None)

    def forget(self, doc: str) -> None:
        """Leave out what a document said before (it is being built again)."""
        for e in list(self.entities.values()):
            if e.members.pop(doc, None) is not None and not e.members:
                del self.entities[e.iri]

    def drop(self, docs) -> None:
        for doc in docs:
            self.forget(doc)

    def resolve(self, doc: str, summary: dict) -> tuple[dict[str, str], list[Decision]]:
        """Decide each mention of one document; returns (old IRI -> IRI, the decisions)."""
        self.forget(doc)
        remap: dict[str, str] = {}
        decisions: list[Decision] = []
        for kind, items, score_of, rank_of, key_of, threshold in (
                ("person", summary.get("persons", ()), person_score, _person_rank, lambda m: m["key"],
                 PERSON_THRESHOLD),
                ("law", summary.get("laws", ()), law_score, _law_rank, law_key, LAW_THRESHOLD)):
            taken: set[str] = set()  # one entity per mention of this document
            for m in items:
                best, best_score, best_features = None, 0.0, []
                for e in self._candidates(kind, m):
                    if e.kind != kind or e.iri in taken or doc in e.members:
                        continue
                    s, feats = self._score_entity(e, m, score_of)
                    if s > best_score or (s == best_score and best is not None and s > 0 and e.iri < best.iri):
                        best, best_score, best_features = e, s, feats
                own_iri = iris.iri(kind, key_of(m))
                if best is not None and best_score >= threshold:
                    entity = best
                    decision = Decision(kind, m, entity.iri, "merged", best_score, best_features, best.iri)
                else:
                    entity = self.entities.get(own_iri)
                    if entity is not None and (doc in entity.members or entity.kind != kind):
                        own_iri = iris.iri(kind, f"{key_of(m)}-{doc.rsplit('/', 1)[-1][:8]}")
                        entity = None
                    if entity is None:
                        entity = self.entities[own_iri] = _Entity(kind, own_iri)
                    decision = Decision(kind, m, own_iri, "new", best_score, best_features,
                                        best.iri if best is not None else None)
                entity.members.setdefault(doc, []).append(m)
                self._index(entity, m)
                taken.add(entity.iri)
                # the group's IRI is its best-named member's: a better name renames it
                members = [x for ms in entity.members.values() for x in ms]
                top = min(members, key=rank_of)
                wanted = iris.iri(kind, key_of(top))
                if wanted != entity.iri and wanted not in self.entities:
                    self._rename(entity, wanted, decisions, remap)
                decision.iri = entity.iri
                before = self._previous.get((doc, kind, m["key"]))
                if before is not None and before[0] == entity.iri:
                    decision.outcome, decision.score, decision.features, decision.compared = before[1:]
                decisions.append(decision)
                old = iris.iri(kind, m["key"])
                if old != entity.iri:
                    remap[old] = entity.iri
        return remap, decisions

    @staticmethod
    def _block(kind: str, m: dict) -> tuple:
        return (kind, m.get("country")) if kind == "law" else (kind, _person_parts(m)[0])

    def _index(self, entity: _Entity, m: dict) -> None:
        found = self._blocks.setdefault(self._block(entity.kind, m), [])
        if not any(x is entity for x in found):
            found.append(entity)

    def _candidates(self, kind: str, m: dict) -> list[_Entity]:
        """The live entities sharing the mention's block, in a stable order (forgotten ones left out)."""
        block = self._blocks.get(self._block(kind, m), [])
        live = [e for e in block if self.entities.get(e.iri) is e]
        if len(live) != len(block):
            self._blocks[self._block(kind, m)] = live
        return live

    def _score_entity(self, e: _Entity, m: dict, score_of) -> tuple[float, list[str]]:
        """The best agreement with one member; nothing if the mention contradicts any member."""
        conflict = _contradicts if score_of is law_score else _person_conflict
        best, feats = 0.0, []
        for ms in e.members.values():
            for other in ms:
                if conflict(m, other):
                    return 0.0, []
                s, f = score_of(m, other)
                if s > best:
                    best, feats = s, f
        return best, feats

    def _rename(self, entity: _Entity, new: str, decisions: list[Decision], remap: dict[str, str]) -> None:
        old = entity.iri
        del self.entities[old]
        entity.iri = new
        self.entities[new] = entity
        self._renames.append((old, new))
        for d in decisions:
            if d.iri == old:
                d.iri = new
        for k, v in list(remap.items()):
            if v == old:
                remap[k] = new

    def renames(self) -> list[tuple[str, str]]:
        """The IRIs renamed since the last call, in order (the store applies them)."""
        out, self._renames = self._renames, []
        return out


def _contradicts(a: dict, b: dict) -> bool:
    """Law mentions that cannot be one law whatever the titles: another year, other articles, another life."""
    if a.get("country") != b.get("country"):
        return False  # never compared
    ya = set().union(*(title_years(t) for t in _titles(a)))
    yb = set().union(*(title_years(t) for t in _titles(b)))
    arts_a, arts_b = set(a.get("articles", ())), set(b.get("articles", ()))
    return bool((ya and yb and not ya & yb) or (arts_a and arts_b and not arts_a & arts_b) or _lives_conflict(a, b))


def rename_update(old: str, new: str) -> str:
    """The SPARQL update that renames an IRI in every graph, as subject and as object."""
    return (f"DELETE {{ GRAPH ?g {{ <{old}> ?p ?o }} }} INSERT {{ GRAPH ?g {{ <{new}> ?p ?o }} }} "
            f"WHERE {{ GRAPH ?g {{ <{old}> ?p ?o }} }} ;\n"
            f"DELETE {{ GRAPH ?g {{ ?s ?p <{old}> }} }} INSERT {{ GRAPH ?g {{ ?s ?p <{new}> }} }} "
            f"WHERE {{ GRAPH ?g {{ ?s ?p <{old}> }} }}")


def decision_lines(doc_iri: str, decisions: list[Decision]) -> list[str]:
    """The decisions of one document as N-Triples lines of its graph."""
    from ..graph import LK, RDF, _NTriplesBuilder as B
    lines = []
    doc_key = doc_iri.rsplit("/", 1)[-1]
    for d in decisions:
        node = B.iri(iris.iri("resolution", f"{doc_key}/{d.kind}/{slug(d.mention['key'])}"))
        label = d.mention.get("name") or d.mention.get("title") or d.mention["key"]
        features = json.dumps({"_kind": d.kind, **d.mention}, ensure_ascii=False, sort_keys=True)
        triples = [(RDF.type, B.iri(str(LK.ResolutionDecision))), (LK.decidedIn, B.iri(doc_iri)),
                   (LK.resolvedTo, B.iri(d.iri)), (LK.mentionKey, B.lit(d.mention["key"])),
                   (LK.mentionLabel, B.lit(label)), (LK.resolutionOutcome, B.lit(d.outcome)),
                   (LK.resolutionScore, B.decimal(d.score)), (LK.features, B.lit(features))]
        triples += [(LK.matchedFeature, B.lit(f)) for f in d.features]
        if d.compared:
            triples.append((LK.comparedWith, B.iri(d.compared)))
        for p, o in triples:
            lines.append(f"{node} <{p}> {o} .")
    return lines


def apply_resolution(graph, remap: dict[str, str], decisions: list[Decision]):
    """A document's graph with its mentions renamed to the IRIs chosen, and the decisions added."""
    from ..store.base import DocumentGraph
    text = graph.ntriples
    changed = {old: new for old, new in remap.items() if old != new}
    if changed:  # all at once: a mention may be renamed to the IRI another mention leaves
        pattern = re.compile("|".join(re.escape(f"<{old}>") for old in sorted(changed, key=len, reverse=True)))
        text = pattern.sub(lambda m: f"<{changed[m.group(0)[1:-1]]}>", text)
    lines = decision_lines(graph.iri, decisions)
    if lines:
        text = text + "\n" + "\n".join(lines) if text else "\n".join(lines)
    return DocumentGraph(graph.iri, text, graph.quads + len(lines))


def rename_in_graph(graph, old: str, new: str):
    from ..store.base import DocumentGraph
    return DocumentGraph(graph.iri, graph.ntriples.replace(f"<{old}>", f"<{new}>"), graph.quads)
