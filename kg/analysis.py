"""Graph analytics on networkx: the store as a typed MultiDiGraph, and questions asked of it.

:func:`load_graph` reads every document graph of a store (or :func:`graph_from_triples`
reads what a CONSTRUCT query returned) into a :class:`networkx.MultiDiGraph` with one node
per entity, keyed by IRI. Each node carries ``kind`` (the class: ``"Person"``, ``"Law"``,
``"CodeArticle"``...), a readable ``label``, ``aliases``, ``countries`` (ISO codes), ``date``
(ISO text, for events, laws and documents), ``props`` (literal and controlled values, as
text) and ``evidence`` (each quote with its document's IRI, headline and date). Each edge
is one object property, keyed and labelled by its local name (``holds``, ``agent``...),
pointing the way the triple does. Evidence and controlled values are folded into the
nodes; they are not nodes themselves.

On top of it: naming an entity (:func:`find_entity`), filtering (:func:`filter_graph`),
shortest connections with their evidence (:func:`shortest_paths`), centrality
(:func:`centrality`), surroundings (:func:`neighbors`) and the legislative timeline
(:func:`timeline`). Every function returns plain values, so it all works in a notebook::

    from kg.store import open_store
    from kg import analysis
    graph = analysis.load_graph(open_store("kg-store", read_only=True))
    analysis.centrality(graph, kinds=["Person"], measure="pagerank")[:5]
"""
from __future__ import annotations

import difflib
import re
from collections import defaultdict, deque
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Iterable, Sequence

import networkx as nx
from rdflib import BNode, Literal, URIRef

from .errors import UsageError
from .store.base import QueryResult, Store
from .store.terms import ONTOLOGY_GRAPH
from .vocab import DCTERMS, ID, LK, RDF, RDFS, SKOS

__all__ = [
    "KINDS", "MEASURES", "EntityNotFound", "AmbiguousEntity",
    "load_graph", "graph_from_triples", "graph_from_result", "vocabulary_labels",
    "node_rows", "edge_rows", "kind_name", "find_entity", "filter_graph",
    "Step", "shortest_paths", "centrality", "Neighbor", "neighbors", "TimelineEntry", "timeline",
    "penalty_label", "as_result",
]

#: The entity classes, in the order legends and tables list them.
KINDS = ("Country", "Person", "Post", "Organization", "Law", "Code", "CodeArticle", "Penalty",
         "LegislativeEvent", "SourceDocument")

#: Centrality measures :func:`centrality` knows.
MEASURES = ("degree", "pagerank", "betweenness")

# what a user may type for each class (besides the class name itself, in any case)
_KIND_ALIASES = {"org": "Organization", "organisation": "Organization", "article": "CodeArticle",
                 "event": "LegislativeEvent", "document": "SourceDocument", "doc": "SourceDocument",
                 "news": "SourceDocument"}
# the kind an instance IRI implies (id/<segment>/...), for triples that carry no rdf:type
_IRI_KINDS = {"country": "Country", "person": "Person", "post": "Post", "org": "Organization", "law": "Law",
              "code": "Code", "article": "CodeArticle", "penalty": "Penalty", "event": "LegislativeEvent",
              "doc": "SourceDocument", "evidence": "Evidence", "conversion": "Conversion"}
# bookkeeping that neither an analyst nor the explorer needs
_SKIPPED = (LK.start, LK.end, LK.contentHash, LK.extractorVersion)
_SKIPPED_IRIS = frozenset(map(str, _SKIPPED))
# controlled-value properties: their objects become text on the node, not edges
_CONTROLLED = {LK.eventType, LK.penaltyType, LK.status, LK.stage}
# a node takes the countries of the node at the other end of these edges ...
_COUNTRY_FROM_TARGET = ("jurisdiction", "about", "partOf", "law", "appliesTo", "penaltyLaw", "holds",
                        "organization", "affects", "amends")
# ... and, if it still has none, of the node that points at it with these
_COUNTRY_FROM_SOURCE = ("penalty", "agent", "imposedOn")
_LK = str(LK._NS)
# the order of steps in a law's life, to order events of the same day
_STEP_ORDER = ("Proposal", "Submission", "Endorsement", "Objection", "Amendment", "ParliamentaryApproval",
               "Adoption", "Rejection", "Signing", "EntryIntoForce", "Repeal")
_STAGE_ORDER = ("PreviousPenalty", "CurrentPenalty", "ProposedPenalty", "NewPenalty", "ImposedSentence")


class EntityNotFound(UsageError):
    """No entity in the graph goes by the given name."""


class AmbiguousEntity(UsageError):
    """A name fits several entities; the message lists them."""

    def __init__(self, name: str, candidates: list[tuple[str, str, str]]):
        self.name, self.candidates = name, candidates
        lines = [f"{name!r} names {len(candidates)} entities; name one by its label or IRI:"]
        lines += [f"  {label} ({kind})  {iri}" for iri, label, kind in candidates[:20]]
        if len(candidates) > 20:
            lines.append(f"  … and {len(candidates) - 20} more")
        super().__init__("\n".join(lines))


# -- from the store to networkx ------------------------------------------------------------------
def _triples_query() -> str:
    skipped = ", ".join(f"<{p}>" for p in _SKIPPED)
    # the default graph holds each triple once; the ontology's own triples stay out
    return (f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o FILTER(?p NOT IN ({skipped})) "
            f"FILTER NOT EXISTS {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }} }}")


def vocabulary_labels(store: Store) -> dict[str, str]:
    """IRI -> ``rdfs:label`` of every ontology term (controlled values, classes, properties)."""
    result = store.query(f"SELECT ?term ?label WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?term rdfs:label ?label }} }}")
    return {str(term): str(label) for term, label in result.rows if isinstance(term, URIRef)}


def load_graph(store: Store) -> nx.MultiDiGraph:
    """Every entity of the store's document graphs, with its evidence, as a MultiDiGraph."""
    triples = store.query(_triples_query()).rows
    return graph_from_triples(triples, vocabulary=vocabulary_labels(store))


def graph_from_result(result: QueryResult, store: Store, base: nx.MultiDiGraph | None = None) -> nx.MultiDiGraph:
    """The graph of a CONSTRUCT/DESCRIBE result; its nodes described (label, evidence) from ``base``."""
    if result.kind != "graph":
        raise UsageError("a query to draw must be CONSTRUCT or DESCRIBE (it returned "
                         + ("a table" if result.kind == "select" else "true/false") + ")")
    if base is None:
        base = load_graph(store)
    return graph_from_triples(result.triples, vocabulary=vocabulary_labels(store), base=base)


def local_name(iri: str) -> str:
    """``https://w3id.org/legiskg/ontology#appliesTo`` -> ``appliesTo``.

    >>> local_name("http://purl.org/dc/terms/title")
    'title'
    """
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


def _split_camel(name: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()


def _iri_kind(iri: str) -> str | None:
    if not iri.startswith(ID):
        return None
    return _IRI_KINDS.get(iri[len(ID):].split("/", 1)[0])


def graph_from_triples(triples: Iterable[Sequence], *, vocabulary: dict[str, str] | None = None,
                       base: nx.MultiDiGraph | None = None) -> nx.MultiDiGraph:
    """Fold RDF triples into a typed MultiDiGraph (see the module docstring for its shape).

    ``vocabulary`` labels controlled values (:func:`vocabulary_labels`); without it their
    local names are spelled out ("ParliamentaryApproval" -> "parliamentary approval").
    With ``base``, nodes it knows keep its description (the edges still come from
    ``triples``): how a CONSTRUCT result gets labels and evidence it did not select.
    """
    vocabulary = vocabulary or {}
    types: dict[str, set[str]] = defaultdict(set)
    by_subject: dict[str, list[tuple[str, object]]] = defaultdict(list)
    for s, p, o in triples:
        if isinstance(s, Literal) or not isinstance(p, URIRef):
            continue
        s, p = str(s), str(p)
        if p == str(RDF.type):
            if isinstance(o, URIRef) and str(o).startswith(_LK):
                types[s].add(local_name(str(o)))
            continue
        if p in _SKIPPED_IRIS:
            continue
        by_subject[s].append((p, o))

    def kind_of(iri: str) -> str | None:
        kinds = types.get(iri)
        if kinds:
            for kind in KINDS + ("Evidence", "Conversion"):
                if kind in kinds:
                    return kind
            return sorted(kinds)[0]
        if base is not None and iri in base:
            return base.nodes[iri]["kind"]
        return _iri_kind(iri)

    subjects_and_objects = set(by_subject) | set(types)
    for pairs in by_subject.values():
        subjects_and_objects.update(str(o) for _, o in pairs if isinstance(o, (URIRef, BNode)))
    kinds = {iri: kind_of(iri) for iri in subjects_and_objects}
    entities = {iri for iri, kind in kinds.items() if kind and kind not in ("Evidence", "Conversion")
                and not (iri.startswith(_LK))}

    graph = nx.MultiDiGraph()
    for iri in sorted(entities):
        graph.add_node(iri, kind=kinds[iri], label=None, name=None, aliases=[], props={}, countries=[],
                       date=None, evidence=[])
    evidence_links: dict[str, list[str]] = defaultdict(list)
    for s in sorted(by_subject):
        if s not in entities:
            continue
        node = graph.nodes[s]
        for p, o in by_subject[s]:
            prop = local_name(p)
            if p == str(RDFS.label):  # the same entity read in several documents: one name, always the same
                node["name"] = min(node["name"], str(o)) if node["name"] else str(o)
            elif p == str(SKOS.altLabel):
                node["aliases"].append(str(o))
            elif p == str(LK.evidence):
                evidence_links[s].append(str(o))
            elif p == str(LK.readIn):
                continue  # the penalty's document, as its evidence says: folded into the evidence like it
            elif isinstance(o, (URIRef, BNode)) and str(o) in entities:
                graph.add_edge(s, str(o), key=prop, property=prop)
            elif isinstance(o, URIRef) and (URIRef(p) in _CONTROLLED or str(o).startswith(_LK)):
                node["props"].setdefault(prop, []).append(local_name(str(o)))
            else:  # literals, and IRIs outside the graph (owl:sameAs, dcterms:source)
                node["props"].setdefault(prop, []).append(str(o))

    _fold_evidence(graph, evidence_links, by_subject)
    for iri in graph:
        node = graph.nodes[iri]
        node["aliases"] = sorted(set(node["aliases"]))
        node["props"] = {k: sorted(set(v)) for k, v in sorted(node["props"].items())}
        dates = node["props"].get("date")
        node["date"] = max(dates) if dates else None
    _assign_countries(graph)
    for iri in graph:
        graph.nodes[iri]["label"] = _label(graph, iri, vocabulary)
        graph.nodes[iri]["values"] = _readable_props(graph.nodes[iri], vocabulary)

    if base is not None:
        for iri in graph:
            if iri in base:
                graph.nodes[iri].update({k: v for k, v in base.nodes[iri].items()})
    return graph


def _fold_evidence(graph: nx.MultiDiGraph, links: dict[str, list[str]], by_subject: dict) -> None:
    def first(subject: str, prop) -> object | None:
        return next((o for p, o in by_subject.get(subject, ()) if p == str(prop)), None)

    for iri, evidence in links.items():
        quotes = []
        for ev in evidence:
            quote = first(ev, LK.quote)
            if quote is None:
                continue
            doc = first(ev, LK.source)
            title = first(str(doc), DCTERMS.title) if doc is not None else None
            date = first(str(doc), DCTERMS.date) if doc is not None else None
            quotes.append({"quote": str(quote), "document": str(doc) if doc is not None else None,
                           "title": str(title) if title is not None else None,
                           "date": str(date) if date is not None else None})
        unique = {(q["date"] or "", q["title"] or "", q["quote"]): q for q in quotes}
        graph.nodes[iri]["evidence"] = [unique[k] for k in sorted(unique)]


def _assign_countries(graph: nx.MultiDiGraph) -> None:
    countries: dict[str, set[str]] = {}
    for iri, data in graph.nodes(data=True):
        if data["kind"] == "Country":
            iso = (data["props"].get("isoCode") or [local_name(iri)])[0]
            countries[iri] = {iso}
        else:
            countries[iri] = set()
    changed = True
    for _ in range(len(_COUNTRY_FROM_TARGET) + 2):  # chains are short: penalty->article->code->country
        if not changed:
            break
        changed = False
        for s, o, key in graph.edges(keys=True):
            if key in _COUNTRY_FROM_TARGET and graph.nodes[s]["kind"] != "Country":
                if not countries[o] <= countries[s]:
                    countries[s] |= countries[o]
                    changed = True
    for s, o, key in sorted(graph.edges(keys=True)):
        if key in _COUNTRY_FROM_SOURCE and not countries[o] and graph.nodes[o]["kind"] != "Country":
            countries[o] |= countries[s]
    for iri, isos in countries.items():
        graph.nodes[iri]["countries"] = sorted(isos)


def _vocab_label(value: str, vocabulary: dict[str, str]) -> str:
    return vocabulary.get(_LK + value) or _split_camel(value)


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except (InvalidOperation, TypeError):
        return None


def penalty_label(props: dict[str, list[str]], type_label: str | None = None) -> str:
    """A penalty as a person reads it, from its properties (values as text).

    >>> penalty_label({"penaltyType": ["Imprisonment"], "minYears": ["4"], "maxYears": ["7"]})
    '4–7 years imprisonment'
    >>> penalty_label({"penaltyType": ["Imprisonment"], "maxYears": ["0.5"]})
    'up to 6 months imprisonment'
    >>> penalty_label({"penaltyType": ["Fine"], "minAmount": ["100"], "maxAmount": ["200"], "currency": ["BCA"]})
    'fine of 100–200 BCA'
    >>> penalty_label({"penaltyType": ["Arrest"], "minDays": ["10"], "maxDays": ["15"]})
    '10–15 days arrest'
    >>> penalty_label({"penaltyType": ["LifeImprisonment"]})
    'life imprisonment'
    >>> penalty_label({"penaltyType": ["Imprisonment"], "maxYears": ["0.3333333333333333"]})
    'up to 4 months imprisonment'
    """
    from . import format as fmt  # the same numbers for people as the report and the query table

    def num(name: str) -> Decimal | None:
        values = props.get(name)
        return _number(values[0]) if values else None

    kind = (props.get("penaltyType") or ["OtherPenalty"])[0]
    what = type_label or _split_camel(kind)
    if kind == "OtherPenalty" or what in ("other", "other penalty"):
        what = "penalty"
    currency = (props.get("currency") or [""])[0] or None
    if kind == "Fine" or any(k in props for k in ("amount", "minAmount", "maxAmount")):
        amount = num("amount")
        span = fmt.money(amount, currency) if amount is not None else \
            fmt.money_range(num("minAmount"), num("maxAmount"), currency)
        if span:
            return f"{what} of {span}"
    quantity = fmt.term(num("minYears"), num("maxYears"), num("minDays"), num("maxDays"), num("hours"))
    return f"{quantity} {what}".strip()


def _label(graph: nx.MultiDiGraph, iri: str, vocabulary: dict[str, str]) -> str:
    node = graph.nodes[iri]
    kind, props, name = node["kind"], node["props"], node["name"]

    def target(prop: str) -> str | None:
        return next((o for _, o, k in graph.out_edges(iri, keys=True) if k == prop), None)

    if kind == "Penalty":
        kind_value = (props.get("penaltyType") or ["OtherPenalty"])[0]
        return penalty_label(props, _vocab_label(kind_value, vocabulary))
    if name:
        if kind in ("Post", "Code"):  # "President" and "Criminal Code" exist in every country
            label = ("former " if props.get("former") in (["true"], ["1"]) else "") + name
            return f"{label} ({', '.join(node['countries'])})" if node["countries"] else label
        return name
    if kind == "CodeArticle":
        number = (props.get("articleNumber") or [local_name(iri)])[0]
        code = target("partOf")
        code_name = (graph.nodes[code]["name"] or local_name(code)) if code else None
        where = f", {code_name}" if code_name else ""
        country = f" ({', '.join(node['countries'])})" if node["countries"] else ""
        return f"Art. {number}{where}{country}"
    if kind == "LegislativeEvent":
        step = _vocab_label((props.get("eventType") or ["event"])[0], vocabulary)
        step = step[:1].upper() + step[1:]
        return f"{step} {node['date']}" if node["date"] else step
    if kind == "SourceDocument":
        return (props.get("title") or [local_name(iri)])[0]
    if kind == "Country":
        return (props.get("isoCode") or [local_name(iri)])[0]
    return local_name(iri)


def _readable_props(node: dict, vocabulary: dict[str, str]) -> list[tuple[str, str]]:
    """The node's properties as (name, value) text pairs, controlled values by their label."""
    out = []
    for prop, values in node["props"].items():
        if prop in ("title",) and node["kind"] == "SourceDocument":
            continue
        shown = [_vocab_label(v, vocabulary) if prop in ("eventType", "penaltyType", "status", "stage") else v
                 for v in values]
        out.append((_split_camel(prop), ", ".join(shown)))
    return out


# -- back to rows -----------------------------------------------------------------------------
def node_rows(graph: nx.MultiDiGraph) -> list[dict]:
    """One dict per node: iri, kind, label, countries, date, evidence count (a DataFrame's rows)."""
    return [{"iri": iri, "kind": d["kind"], "label": d["label"], "countries": " ".join(d["countries"]),
             "date": d["date"], "evidence": len(d["evidence"])} for iri, d in sorted(graph.nodes(data=True))]


def edge_rows(graph: nx.MultiDiGraph) -> list[dict]:
    """One dict per edge: subject, property, object (IRIs) and their labels."""
    return [{"subject": s, "property": k, "object": o, "subject_label": graph.nodes[s]["label"],
             "object_label": graph.nodes[o]["label"]} for s, o, k in sorted(graph.edges(keys=True))]


def as_result(headers: Sequence[str], rows: Iterable[Sequence]) -> QueryResult:
    """Rows of plain values as a :class:`QueryResult`, so ``kg.query.format_result`` prints them."""
    return QueryResult("select", variables=list(headers),
                       rows=[tuple(None if v is None or v == "" else Literal(v) for v in row) for row in rows])


# -- naming an entity ---------------------------------------------------------------------------
def kind_name(text: str) -> str:
    """The class a user means: ``"law"``, ``"lk:Law"``, ``"laws"`` -> ``"Law"``; ``"article"`` -> ``"CodeArticle"``.

    >>> kind_name("event"), kind_name("Persons"), kind_name("lk:CodeArticle")
    ('LegislativeEvent', 'Person', 'CodeArticle')
    """
    word = text.strip().removeprefix("lk:").lower()
    for candidate in (word, word[:-1] if word.endswith("s") else word):
        for kind in KINDS:
            if candidate == kind.lower():
                return kind
        if candidate in _KIND_ALIASES:
            return _KIND_ALIASES[candidate]
    raise UsageError(f"unknown type {text!r}; types: {', '.join(KINDS)} "
                     f"(or {', '.join(sorted(_KIND_ALIASES))})")


def _names(data: dict) -> list[str]:
    names = [data["label"], data["name"], *data["aliases"]]
    if data["kind"] == "Country":
        names += data["props"].get("isoCode", [])
    return [n for n in names if n]


def find_entity(graph: nx.MultiDiGraph, name: str, *, kinds: Iterable[str] | None = None) -> str:
    """The IRI of the one entity called ``name``: an IRI, ``id:...``, a label, an alias or part of one.

    Exact names win over whole words, whole words over parts of words; documents only
    count when nothing else fits. Raises :class:`EntityNotFound` or :class:`AmbiguousEntity`.
    """
    text = " ".join(name.split())
    if not text:
        raise EntityNotFound("give an entity's label, alias or IRI (the name was empty)")
    for iri in (text, ID + text.removeprefix("id:"), ID + text):
        if iri in graph:
            return iri
    wanted = set(kinds) if kinds else None
    nodes = [(iri, d) for iri, d in graph.nodes(data=True) if wanted is None or d["kind"] in wanted]
    folded = text.casefold()
    word = re.compile(r"(?<!\w)" + re.escape(folded) + r"(?!\w)")
    compact = re.sub(r"\W+", "", folded)
    for test in (lambda n: n.casefold() == folded, lambda n: bool(word.search(n.casefold())),
                 lambda n: folded in n.casefold(),
                 lambda n: bool(compact) and compact in re.sub(r"\W+", "", n.casefold())):
        found = sorted(iri for iri, d in nodes if any(test(n) for n in _names(d)))
        if len(found) > 1:
            entities = [iri for iri in found if graph.nodes[iri]["kind"] != "SourceDocument"]
            found = entities or found
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousEntity(name, [(iri, graph.nodes[iri]["label"], graph.nodes[iri]["kind"])
                                         for iri in found])
    # suggest names that are close as a whole or in one word ("Koshanoff" -> "Yerlan Koshanov")
    spellings: dict[str, str] = {}
    for _, d in nodes:
        for n in _names(d):
            for variant in [n, *n.split()]:
                spellings.setdefault(variant.casefold(), d["label"])
    matches = difflib.get_close_matches(folded, sorted(spellings), n=6, cutoff=0.7)
    close = list(dict.fromkeys(spellings[m] for m in matches))[:3]
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    raise EntityNotFound(f"no entity is called {name!r}{hint}")


# -- filtering ----------------------------------------------------------------------------------
def _date_bounds(date: str) -> tuple[str, str]:
    """The first and last day a partial ISO date can mean: "2024-03" -> 2024-03-01 .. 2024-03-31."""
    parts = date.split("-")
    start = "-".join(parts + ["01"] * (3 - len(parts)))
    end = "-".join(parts + ["12", "31"][len(parts) - 1:]) if len(parts) < 3 else date
    return start, end


def filter_graph(graph: nx.MultiDiGraph, *, countries: Iterable[str] = (), kinds: Iterable[str] = (),
                 since: str | None = None, until: str | None = None, focus: str | None = None,
                 depth: int = 2) -> nx.MultiDiGraph:
    """A copy of ``graph`` narrowed down.

    ``focus`` (a name, see :func:`find_entity`) keeps what lies within ``depth`` steps of
    it, in either direction; then ``countries`` (ISO codes) and ``kinds`` (class names) keep
    the matching nodes, and ``since``/``until`` drop events and documents dated outside
    the range (and events with no date). The focused entity itself always stays.
    """
    keep = set(graph)
    centre = None
    if focus:
        centre = find_entity(graph, focus)
        keep = set(nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), centre, cutoff=depth))
    wanted_countries = {c.upper() for c in countries}
    wanted_kinds = {kind_name(k) for k in kinds}
    low = _date_bounds(since)[0] if since else None
    high = _date_bounds(until)[1] if until else None

    def keeps(iri: str) -> bool:
        data = graph.nodes[iri]
        if iri == centre:
            return True
        if wanted_countries and not wanted_countries & set(data["countries"]):
            return False
        if wanted_kinds and data["kind"] not in wanted_kinds:
            return False
        if (low or high) and data["kind"] in ("LegislativeEvent", "SourceDocument"):
            if not data["date"]:
                return data["kind"] != "LegislativeEvent"
            first, last = _date_bounds(data["date"])
            if (low and last < low) or (high and first > high):
                return False
        return True

    return graph.subgraph([iri for iri in keep if keeps(iri)]).copy()


# -- paths ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Step:
    """One step of a path, as the triple says it, with the sentence that supports it."""

    source: str  # where the step starts, in the path's order
    target: str
    subject: str  # the triple, in its own direction
    property: str
    object: str
    quote: str | None = None
    title: str | None = None
    date: str | None = None

    @property
    def forward(self) -> bool:
        return self.source == self.subject


def _mentions(quote: str, data: dict) -> bool:
    text = quote.casefold()
    names = _names(data)
    if data["kind"] == "Person" and data["name"]:
        names.append(data["name"].split()[-1])
    if data["kind"] == "CodeArticle":
        names += [f"article {n}" for n in data["props"].get("articleNumber", [])]
    return any(n.casefold() in text for n in names if len(n) > 2)


def _step_evidence(graph: nx.MultiDiGraph, subject: str, obj: str) -> dict | None:
    s, o = graph.nodes[subject], graph.nodes[obj]
    shared = [e for e in s["evidence"] if e in o["evidence"]]
    for pool, other in ((shared, None), (s["evidence"], o), (o["evidence"], s)):
        for ev in pool:
            if other is None or _mentions(ev["quote"], other):
                return ev
    return (s["evidence"] or o["evidence"] or [None])[0]


def _connections(graph: nx.MultiDiGraph, keep: Iterable[str] = ()) -> nx.Graph:
    """The undirected simple graph of entities, without documents (they connect only through countries)."""
    keep = set(keep)
    nodes = [n for n, d in graph.nodes(data=True) if d["kind"] != "SourceDocument" or n in keep]
    return nx.Graph(graph.subgraph(nodes))


def shortest_paths(graph: nx.MultiDiGraph, source: str, target: str, *, limit: int = 5) -> list[list[Step]]:
    """Up to ``limit`` shortest connections between two entities (IRIs), each step with evidence.

    Edges count in either direction; documents are not stepping stones. An empty list
    means the two are not connected.
    """
    undirected = _connections(graph, keep=(source, target))
    try:
        paths = nx.all_shortest_paths(undirected, source, target)
        chosen = []
        for path in paths:
            chosen.append(path)
            if len(chosen) >= max(limit, 1) * 20:
                break
    except nx.NetworkXNoPath:
        return []
    out = []
    for path in sorted(chosen, key=lambda p: [graph.nodes[n]["label"] for n in p])[:limit]:
        steps = []
        for a, b in zip(path, path[1:]):
            edges = sorted([(a, b, k) for k in graph.get_edge_data(a, b, default={})]
                           + [(b, a, k) for k in graph.get_edge_data(b, a, default={})])
            subject, obj, prop = edges[0]
            ev = _step_evidence(graph, subject, obj) or {}
            steps.append(Step(a, b, subject, prop, obj, ev.get("quote"), ev.get("title"), ev.get("date")))
        out.append(steps)
    return out


# -- centrality -------------------------------------------------------------------------------------
def _pagerank(graph: nx.Graph, alpha: float = 0.85, tol: float = 1.0e-10, max_iter: int = 200) -> dict:
    """Power-iteration PageRank in pure Python (networkx's own needs scipy)."""
    n = graph.number_of_nodes()
    if n == 0:
        return {}
    rank = dict.fromkeys(graph, 1.0 / n)
    degree = dict(graph.degree())
    for _ in range(max_iter):
        dangling = alpha * sum(rank[v] for v in graph if degree[v] == 0) / n
        new = {v: (1.0 - alpha) / n + dangling + alpha * sum(rank[u] / degree[u] for u in graph[v])
               for v in graph}
        if sum(abs(new[v] - rank[v]) for v in graph) < n * tol:
            return new
        rank = new
    return rank


def centrality(graph: nx.MultiDiGraph, *, measure: str = "degree", kinds: Iterable[str] = (),
               top: int | None = 10) -> list[tuple[str, float]]:
    """(IRI, score) of the most connected entities, best first; ties broken by label.

    ``degree`` counts distinct neighbours; ``pagerank`` and ``betweenness`` run on the
    same undirected graph of entities (documents left out: they only touch countries).
    ``kinds`` restricts the answer, not the graph the scores are computed on.
    """
    if measure not in MEASURES:
        raise UsageError(f"unknown measure {measure!r}; choose one of: {', '.join(MEASURES)}")
    wanted = {kind_name(k) for k in kinds}
    undirected = _connections(graph, keep=[n for n, d in graph.nodes(data=True) if d["kind"] in wanted])
    if measure == "degree":
        scores = {n: float(d) for n, d in undirected.degree()}
    elif measure == "pagerank":
        try:
            scores = nx.pagerank(undirected)
        except ImportError:  # networkx's pagerank needs scipy; ours does not
            scores = _pagerank(undirected)
    else:
        sample = None if undirected.number_of_nodes() <= 2000 else 500
        scores = nx.betweenness_centrality(undirected, k=sample, seed=0)
    rows = [(n, s) for n, s in scores.items() if not wanted or graph.nodes[n]["kind"] in wanted]
    rows.sort(key=lambda r: (-round(r[1], 12), graph.nodes[r[0]]["label"], r[0]))
    return rows[:top] if top else rows


# -- neighbours ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Neighbor:
    """An entity ``distance`` steps away, reached from ``via`` over ``property``."""

    iri: str
    distance: int
    via: str
    property: str
    outgoing: bool  # True: via --property--> iri; False: iri --property--> via


def neighbors(graph: nx.MultiDiGraph, entity: str, *, depth: int = 1) -> list[Neighbor]:
    """What lies within ``depth`` steps of ``entity`` (an IRI), nearest first, then by type and label."""
    seen = {entity}
    out: list[Neighbor] = []
    frontier = deque([(entity, 0)])
    while frontier:
        node, distance = frontier.popleft()
        if distance >= depth:
            continue
        found = []
        for _, other, key in graph.out_edges(node, keys=True):
            found.append((other, key, True))
        for other, _, key in graph.in_edges(node, keys=True):
            found.append((other, key, False))
        found.sort(key=lambda f: (KINDS.index(graph.nodes[f[0]]["kind"]) if graph.nodes[f[0]]["kind"] in KINDS
                                  else len(KINDS), graph.nodes[f[0]]["label"], f[1]))
        for other, key, outgoing in found:
            if other in seen:
                continue
            seen.add(other)
            out.append(Neighbor(other, distance + 1, node, key, outgoing))
            frontier.append((other, distance + 1))
    rank = {kind: i for i, kind in enumerate(KINDS)}
    out.sort(key=lambda n: (n.distance, rank.get(graph.nodes[n.iri]["kind"], len(KINDS)),
                            graph.nodes[n.iri]["label"]))
    return out


# -- timeline ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TimelineEntry:
    """One line of the timeline: a legislative event or a penalty change, dated."""

    date: str | None
    reported: bool  # the date is the news article's, the text gave none for the event
    country: str
    law: str
    step: str
    agents: tuple[str, ...] = ()
    iri: str = ""
    order: tuple = field(default=(), compare=False, repr=False)

    @property
    def when(self) -> str:
        if not self.date:
            return "undated"
        return f"{self.date} (news date)" if self.reported else self.date


def _short_article(graph: nx.MultiDiGraph, iri: str) -> str:
    number = graph.nodes[iri]["props"].get("articleNumber")
    return f"Art. {number[0]}" if number else graph.nodes[iri]["label"]


def timeline(graph: nx.MultiDiGraph, *, countries: Iterable[str] = ()) -> list[TimelineEntry]:
    """Legislative events and penalty changes in date order, each with its law, step, agents and date.

    An event with no date of its own takes its article's date, marked ``reported``. A
    penalty change (previous, new or proposed penalty) follows the event that carries it.
    """
    wanted = {c.upper() for c in countries}
    entries: list[TimelineEntry] = []
    placed: set[str] = set()

    def out(node: str, prop: str) -> list[str]:
        return sorted((o for _, o, k in graph.out_edges(node, keys=True) if k == prop),
                      key=lambda o: graph.nodes[o]["label"])

    def dated(node: str) -> tuple[str | None, bool]:
        data = graph.nodes[node]
        if data["date"]:
            return data["date"], False
        dates = sorted(e["date"] for e in data["evidence"] if e["date"])
        return (dates[0], True) if dates else (None, False)

    for iri, data in graph.nodes(data=True):
        if data["kind"] != "LegislativeEvent" or (wanted and not wanted & set(data["countries"])):
            continue
        date, reported = dated(iri)
        laws = out(iri, "law")
        law = graph.nodes[laws[0]]["label"] if laws else ""
        country = ", ".join(data["countries"])
        step_kind = (data["props"].get("eventType") or [""])[0]
        step = dict(data["values"]).get("event type", _split_camel(step_kind))
        agents = tuple(graph.nodes[a]["label"] for a in out(iri, "agent"))
        rank = _STEP_ORDER.index(step_kind) if step_kind in _STEP_ORDER else len(_STEP_ORDER)
        key = (date or "9999", country, law, rank, 0, "")
        entries.append(TimelineEntry(date, reported, country, law, step, agents, iri, key))
        for penalty in out(iri, "penalty"):
            entries.append(_penalty_entry(graph, penalty, date, reported, country, law, key))
            placed.add(penalty)
    for iri, data in graph.nodes(data=True):  # changes read without an event: dated by their law
        stage = (data["props"].get("stage") or [""])[0]
        if (data["kind"] != "Penalty" or iri in placed or stage not in ("PreviousPenalty", "NewPenalty", "ProposedPenalty")
                or (wanted and not wanted & set(data["countries"]))):
            continue
        laws = out(iri, "penaltyLaw")
        law = graph.nodes[laws[0]]["label"] if laws else ""
        date, reported = dated(laws[0]) if laws else dated(iri)
        country = ", ".join(data["countries"])
        entries.append(_penalty_entry(graph, iri, date, reported, country, law,
                                      (date or "9999", country, law, len(_STEP_ORDER) + 1, 0, "")))
    entries.sort(key=lambda e: e.order)
    return entries


def _penalty_entry(graph, penalty: str, date, reported, country, law, key) -> TimelineEntry:
    data = graph.nodes[penalty]
    stage_value = (data["props"].get("stage") or [""])[0]
    stage = dict(data["values"]).get("stage", "")
    articles = [o for _, o, k in graph.out_edges(penalty, keys=True) if k == "appliesTo"]
    where = f" ({', '.join(sorted(_short_article(graph, a) for a in articles))})" if articles else ""
    step = f"{stage + ' ' if stage else ''}penalty: {data['label']}{where}"
    rank = _STAGE_ORDER.index(stage_value) if stage_value in _STAGE_ORDER else len(_STAGE_ORDER)
    return TimelineEntry(date, reported, country, law, step, (), penalty, key[:4] + (1 + rank, data["label"]))

