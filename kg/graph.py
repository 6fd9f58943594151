"""Facts to triples: the only module that knows the ontology's terms.

:func:`document_graph` turns one document and its :class:`~kg.extract.model.Extraction`
into the triples of that document's named graph. Entities read in several documents get
the same IRI from :mod:`kg.iris`, and each document's graph repeats what that document
says about them, so dropping a document drops exactly its contribution.
"""
from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.term import Node

from . import iris
from .extract.gazetteers import country_record
from .extract.model import Evidence, Extraction, Penalty
from .ingest.document import Document
from .store.base import DocumentGraph
from .vocab import DCTERMS, LK, OWL, RDF, RDFS, SKOS, XSD

__all__ = ["document_graph", "document_triples", "date_literal", "decimal_literal", "article_label"]

Triple = tuple[Node, Node, Node]
_TRUE = Literal(True)


def date_literal(value: str) -> Literal:
    """An ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear`` literal, as precise as the value."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return Literal(value, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", value):
        return Literal(value, datatype=XSD.gYear)
    raise ValueError(f"not an ISO date: {value!r}")


def decimal_literal(value: float) -> Literal:
    text = str(int(value)) if float(value).is_integer() else repr(float(value))
    return Literal(text, datatype=XSD.decimal)


def article_label(number: str, code_name: str, country: str | None) -> str:
    """"Art. 125, Criminal Code (KZ)"."""
    return f"Art. {number}, {code_name}" + (f" ({country})" if country else "")


class _Builder:
    def __init__(self, document: Document, extraction: Extraction):
        self.doc, self.ex = document, extraction
        self.doc_iri = URIRef(iris.document_iri(document.id))
        self.triples: list[Triple] = []
        self.countries: set[str] = set()
        self.evidence_seen: set[tuple[int, int]] = set()
        self.person_keys = {p.key for p in extraction.persons}
        self.codes = {c.key: c for c in extraction.codes}

    def add(self, s: Node, p: Node, o: Node | None) -> None:
        if o is not None:
            self.triples.append((s, p, o))

    def country(self, iso: str | None) -> URIRef | None:
        if not iso:
            return None
        self.countries.add(iso)
        return URIRef(iris.country_iri(iso))

    def evidence(self, node: URIRef, spans: list[Evidence]) -> None:
        for span in spans:
            ev = URIRef(iris.iri("evidence", f"{self.doc.id}/{span.start}-{span.end}"))
            self.add(node, LK.evidence, ev)
            if (span.start, span.end) not in self.evidence_seen:
                self.evidence_seen.add((span.start, span.end))
                self.add(ev, RDF.type, LK.Evidence)
                self.add(ev, LK.source, self.doc_iri)
                self.add(ev, LK.quote, Literal(span.quote))
                self.add(ev, LK.start, Literal(span.start))
                self.add(ev, LK.end, Literal(span.end))

    def agent_iri(self, key: str) -> URIRef:
        return URIRef(iris.iri("person" if key in self.person_keys else "org", key))

    # -- one method per kind of fact --------------------------------------------------------
    def document(self) -> None:
        d, node = self.doc, self.doc_iri
        self.add(node, RDF.type, LK.SourceDocument)
        self.add(node, DCTERMS.title, Literal(d.title))
        date = d.date or self.ex.document_date
        if date:
            self.add(node, DCTERMS.date, date_literal(date))
        self.add(node, DCTERMS.source, URIRef(d.url) if d.url else Literal(d.source))
        self.add(node, LK.contentHash, Literal(d.id))
        from .extract import EXTRACTOR_VERSION
        self.add(node, LK.extractorVersion, Literal(EXTRACTOR_VERSION))
        for iso in self.ex.countries:
            self.add(node, LK.about, self.country(iso))

    def persons(self) -> None:
        for person in self.ex.persons:
            node = URIRef(iris.iri("person", person.key))
            self.add(node, RDF.type, LK.Person)
            self.add(node, RDFS.label, Literal(person.name))
            for alias in person.aliases:
                self.add(node, SKOS.altLabel, Literal(alias))
            for post in person.posts:
                post_node = URIRef(iris.iri("post", iris.post_key(post.country, post.title, post.former)))
                self.add(node, LK.holds, post_node)
                self.add(post_node, RDF.type, LK.Post)
                self.add(post_node, RDFS.label, Literal(post.title))
                self.add(post_node, LK.jurisdiction, self.country(post.country))
                if post.organization:
                    self.add(post_node, LK.organization, URIRef(iris.iri("org", post.organization)))
                if post.former:
                    self.add(post_node, LK.former, _TRUE)
            self.evidence(node, person.evidence)

    def organizations(self) -> None:
        for org in self.ex.organizations:
            node = URIRef(iris.iri("org", org.key))
            self.add(node, RDF.type, LK.Organization)
            self.add(node, RDFS.label, Literal(org.name))
            for alias in org.aliases:
                self.add(node, SKOS.altLabel, Literal(alias))
            self.add(node, LK.jurisdiction, self.country(org.country))
            if org.kind:
                self.add(node, LK.organizationKind, Literal(org.kind))
            if org.parent:
                self.add(node, LK.parentOrganization, URIRef(iris.iri("org", org.parent)))
            self.evidence(node, org.evidence)

    def codes_and_articles(self) -> None:
        for code in self.ex.codes:
            node = URIRef(iris.iri("code", code.key))
            self.add(node, RDF.type, LK.Code)
            self.add(node, RDFS.label, Literal(code.name))
            self.add(node, LK.jurisdiction, self.country(code.country))
        for article in self.ex.articles:
            node = URIRef(iris.iri("article", article.key))
            code = self.codes.get(article.code)
            self.add(node, RDF.type, LK.CodeArticle)
            self.add(node, LK.articleNumber, Literal(article.number))
            self.add(node, LK.partOf, URIRef(iris.iri("code", article.code)))
            self.add(node, RDFS.label, Literal(article_label(article.number, code.name if code else article.code,
                                                             article.country)))
            if article.offense:
                self.add(node, LK.offense, Literal(article.offense))
            self.evidence(node, article.evidence)

    def laws(self) -> None:
        for law in self.ex.laws:
            node = URIRef(iris.iri("law", law.key))
            self.add(node, RDF.type, LK.Law)
            self.add(node, RDFS.label, Literal(law.title))
            self.add(node, LK.jurisdiction, self.country(law.country))
            if law.status:
                self.add(node, LK.status, LK[law.status])
            if law.date:
                self.add(node, LK.date, date_literal(law.date))
            if law.kind:
                self.add(node, LK.lawKind, Literal(law.kind))
            for target in law.amends:
                kind = "article" if target.count("/") >= 2 else "code"
                self.add(node, LK.amends, URIRef(iris.iri(kind, target)))
            self.evidence(node, law.evidence)

    def penalties(self) -> None:
        for penalty in self.ex.penalties:
            node = URIRef(iris.iri("penalty", iris.scoped_key(self.doc.id, penalty.key)))
            self.add(node, RDF.type, LK.Penalty)
            self.add(node, LK.penaltyType, LK[penalty.type])
            if penalty.stage:
                self.add(node, LK.stage, LK[penalty.stage])
            for prop, value in _penalty_numbers(penalty):
                self.add(node, prop, decimal_literal(value))
            if penalty.currency:
                self.add(node, LK.currency, Literal(penalty.currency))
            if penalty.conversion:
                conv = URIRef(iris.iri("conversion", iris.scoped_key(self.doc.id, penalty.key)))
                c = penalty.conversion
                self.add(node, LK.conversion, conv)
                self.add(conv, RDF.type, LK.Conversion)
                self.add(conv, LK.rate, decimal_literal(c.rate))
                if c.rate_date:
                    self.add(conv, LK.rateDate, date_literal(c.rate_date))
                self.add(conv, LK.rateSource, Literal(c.source))
                if c.index_value is not None:
                    self.add(conv, LK.indexValue, decimal_literal(c.index_value))
                    self.add(conv, LK.indexCurrency, Literal(c.index_currency))
            if penalty.article:
                self.add(node, LK.appliesTo, URIRef(iris.iri("article", penalty.article)))
            if penalty.offense:
                self.add(node, LK.offense, Literal(penalty.offense))
            if penalty.law:
                self.add(node, LK.penaltyLaw, URIRef(iris.iri("law", penalty.law)))
            if penalty.imposed_on:
                self.add(node, LK.imposedOn, URIRef(iris.iri("person", penalty.imposed_on)))
            self.evidence(node, penalty.evidence)

    def events(self) -> None:
        for event in self.ex.events:
            node = URIRef(iris.iri("event", iris.scoped_key(self.doc.id, event.key)))
            self.add(node, RDF.type, LK.LegislativeEvent)
            self.add(node, LK.eventType, LK[event.type])
            self.add(node, LK.law, URIRef(iris.iri("law", event.law)))
            for agent in event.agents:
                self.add(node, LK.agent, self.agent_iri(agent))
            if event.date:
                self.add(node, LK.date, date_literal(event.date))
            if event.reading:
                self.add(node, LK.reading, Literal(event.reading))
            for article in event.affects:
                self.add(node, LK.affects, URIRef(iris.iri("article", article)))
            for penalty in event.penalties:
                self.add(node, LK.penalty, URIRef(iris.iri("penalty", iris.scoped_key(self.doc.id, penalty))))
            self.evidence(node, event.evidence)

    def country_nodes(self) -> None:
        for iso in sorted(self.countries):
            node = URIRef(iris.country_iri(iso))
            record = country_record(iso)
            self.add(node, RDF.type, LK.Country)
            self.add(node, LK.isoCode, Literal(iso))
            self.add(node, RDFS.label, Literal(record.name if record else iso))
            if record and record.wikidata:
                self.add(node, OWL.sameAs, URIRef(f"http://www.wikidata.org/entity/{record.wikidata}"))


def _penalty_numbers(p: Penalty):
    for prop, value in ((LK.minYears, p.min_years), (LK.maxYears, p.max_years), (LK.minDays, p.min_days),
                        (LK.maxDays, p.max_days), (LK.hours, p.hours), (LK.amount, p.amount),
                        (LK.minAmount, p.min_amount), (LK.maxAmount, p.max_amount),
                        (LK.amountUSD, p.amount_usd)):
        if value is not None:
            yield prop, value


def document_graph(document: Document, extraction: Extraction) -> DocumentGraph:
    """The named graph of one document, serialised for the store."""
    triples = document_triples(document, extraction)
    body = "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples)
    return DocumentGraph(iris.document_iri(document.id), body, len(triples))


def document_triples(document: Document, extraction: Extraction) -> list[Triple]:
    """The triples of one document: its metadata and every fact read from it."""
    b = _Builder(document, extraction)
    b.document()
    b.persons()
    b.organizations()
    b.codes_and_articles()
    b.laws()
    b.penalties()
    b.events()
    b.country_nodes()
    return list(dict.fromkeys(b.triples))
