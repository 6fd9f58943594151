"""Facts to triples: the only module that knows the ontology's terms.

:func:`document_graph` turns one document and its :class:`~kg.extract.model.Extraction`
into the triples of that document's named graph. Entities read in several documents get
the same IRI from :mod:`kg.iris`, and each document's graph repeats what that document
says about them, so dropping a document drops exactly its contribution.
"""
from __future__ import annotations

import re
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.term import Node

from . import iris
from .extract.gazetteers import country_record
from .extract.model import Evidence, Extraction, Penalty
from .ingest.document import Document
from .store.base import DocumentGraph
from . import vocab

__all__ = ["document_graph", "document_triples", "date_literal", "decimal_literal", "article_label"]


class _Terms:
    """A namespace's terms memoised as plain attributes.

    ``DefinedNamespace`` checks every attribute access against the ontology (about a
    microsecond each, several hundred per document); the first access still goes through
    it, so a misspelt term stays an error.
    """

    def __init__(self, namespace):
        self._namespace = namespace
        self._items: dict[str, URIRef] = {}

    def __getattr__(self, name: str) -> URIRef:
        term = getattr(self._namespace, name)
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> URIRef:
        term = self._items.get(name)
        if term is None:
            term = self._items[name] = self._namespace[name]
        return term


DCTERMS, LK, ORG, OWL, RDF, RDFS, SKOS, XSD = (_Terms(ns) for ns in (vocab.DCTERMS, vocab.LK, vocab.ORG, vocab.OWL,
                                                                       vocab.RDF, vocab.RDFS, vocab.SKOS, vocab.XSD))

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
    """Collects one document's triples as rdflib terms (see :class:`_NTriplesBuilder` for text)."""

    def __init__(self, document: Document, extraction: Extraction):
        self.doc, self.ex = document, extraction
        self.doc_id = document.id  # a content hash: computed once, not per evidence span
        self.doc_iri = self.iri(iris.document_iri(self.doc_id))
        self.triples: list = []
        self.countries: set[str] = set()
        self.evidence_seen: set[tuple[int, int]] = set()
        self.person_keys = {p.key for p in extraction.persons}
        self.codes = {c.key: c for c in extraction.codes}

    iri = staticmethod(URIRef)
    lit = staticmethod(Literal)
    date = staticmethod(date_literal)
    decimal = staticmethod(decimal_literal)

    def add(self, s: Node, p: Node, o: Node | None) -> None:
        if o is not None:
            self.triples.append((s, p, o))

    def country(self, iso: str | None):
        if not iso:
            return None
        self.countries.add(iso)
        return self.iri(iris.country_iri(iso))

    def evidence(self, node, spans: list[Evidence]) -> None:
        for span in spans:
            ev = self.iri(iris.iri("evidence", f"{self.doc_id}/{span.start}-{span.end}"))
            self.add(node, LK.evidence, ev)
            if (span.start, span.end) not in self.evidence_seen:
                self.evidence_seen.add((span.start, span.end))
                self.add(ev, RDF.type, LK.Evidence)
                self.add(ev, LK.source, self.doc_iri)
                self.add(ev, LK.quote, self.lit(span.quote))
                self.add(ev, LK.start, self.lit(span.start))
                self.add(ev, LK.end, self.lit(span.end))

    def agent_iri(self, key: str):
        return self.iri(iris.iri("person" if key in self.person_keys else "org", key))

    # -- one method per kind of fact --------------------------------------------------------
    def document(self) -> None:
        d, node = self.doc, self.doc_iri
        self.add(node, RDF.type, LK.SourceDocument)
        self.add(node, DCTERMS.title, self.lit(d.title))
        date = d.date or self.ex.document_date
        if date:
            self.add(node, DCTERMS.date, self.date(date))
        self.add(node, DCTERMS.source, self.iri(d.url) if d.url else self.lit(d.source))
        self.add(node, LK.contentHash, self.lit(self.doc_id))
        from .extract.pipeline import EXTRACTOR_VERSION, GATED_SUFFIX
        self.add(node, LK.extractorVersion,
                 self.lit(EXTRACTOR_VERSION + (GATED_SUFFIX if self.ex.gated else "")))
        for iso in self.ex.countries:
            self.add(node, LK.about, self.country(iso))

    def persons(self) -> None:
        for person in self.ex.persons:
            node = self.iri(iris.iri("person", person.key))
            self.add(node, RDF.type, LK.Person)
            self.add(node, RDFS.label, self.lit(person.name))
            for alias in person.aliases:
                self.add(node, SKOS.altLabel, self.lit(alias))
            for post in person.posts:
                post_node = self.iri(iris.iri("post", iris.post_key(post.country, post.title, post.former)))
                self.add(node, LK.holds, post_node)
                self.add(post_node, RDF.type, LK.Post)
                self.add(post_node, RDFS.label, self.lit(post.title))
                self.add(post_node, LK.jurisdiction, self.country(post.country))
                if post.organization:
                    self.add(post_node, LK.organization, self.iri(iris.iri("org", post.organization)))
                if post.former:
                    self.add(post_node, LK.former, _TRUE)
            self.evidence(node, person.evidence)

    def organizations(self) -> None:
        for org in self.ex.organizations:
            node = self.iri(iris.iri("org", org.key))
            self.add(node, RDF.type, LK.Organization)
            self.add(node, RDFS.label, self.lit(org.name))
            for alias in org.aliases:
                self.add(node, SKOS.altLabel, self.lit(alias))
            self.add(node, LK.jurisdiction, self.country(org.country))
            if org.kind:
                self.add(node, LK.organizationKind, self.lit(org.kind))
            if org.preferred:
                self.add(node, SKOS.prefLabel, self.lit(org.preferred))
            if org.parent:
                self.add(node, LK.parentOrganization, self.iri(iris.iri("org", org.parent)))
            parent = org.parent or org.super_org
            if parent:
                self.add(node, ORG.subOrganizationOf, self.iri(iris.iri("org", parent)))
            self.evidence(node, org.evidence)

    def codes_and_articles(self) -> None:
        for code in self.ex.codes:
            node = self.iri(iris.iri("code", code.key))
            self.add(node, RDF.type, LK.Code)
            self.add(node, RDFS.label, self.lit(code.name))
            self.add(node, LK.jurisdiction, self.country(code.country))
        for article in self.ex.articles:
            node = self.iri(iris.iri("article", article.key))
            code = self.codes.get(article.code)
            self.add(node, RDF.type, LK.CodeArticle)
            self.add(node, LK.articleNumber, self.lit(article.number))
            self.add(node, LK.partOf, self.iri(iris.iri("code", article.code)))
            self.add(node, RDFS.label, self.lit(article_label(article.number, code.name if code else article.code,
                                                             article.country)))
            if article.offense:
                self.add(node, LK.offense, self.lit(article.offense))
            self.evidence(node, article.evidence)

    def laws(self) -> None:
        for law in self.ex.laws:
            node = self.iri(iris.iri("law", law.key))
            self.add(node, RDF.type, LK.Law)
            self.add(node, RDFS.label, self.lit(law.title))
            for alias in law.aliases:  # the other names the article gives the act
                if alias != law.title:
                    self.add(node, SKOS.altLabel, self.lit(alias))
            self.add(node, LK.jurisdiction, self.country(law.country))
            if law.status:
                self.add(node, LK.status, LK[law.status])
            if law.date:
                self.add(node, LK.date, self.date(law.date))
            if law.kind:
                self.add(node, LK.lawKind, self.lit(law.kind))
            for target in law.amends:
                kind = "article" if target.count("/") >= 2 else "code"
                self.add(node, LK.amends, self.iri(iris.iri(kind, target)))
            self.evidence(node, law.evidence)

    def penalties(self) -> None:
        for penalty in self.ex.penalties:
            node = self.iri(iris.iri("penalty", iris.scoped_key(self.doc_id, penalty.key)))
            self.add(node, RDF.type, LK.Penalty)
            self.add(node, LK.readIn, self.doc_iri)  # one link from the document to its penalties
            self.add(node, LK.penaltyType, LK[penalty.type])
            # every penalty has one stage (the shapes require it, the saved queries rely on it):
            # with no change described, the rule is the one in force
            self.add(node, LK.stage, LK[penalty.stage or "CurrentPenalty"])
            for prop, value in _penalty_numbers(penalty):
                self.add(node, prop, self.decimal(value))
            if penalty.currency:
                self.add(node, LK.currency, self.lit(penalty.currency))
            if penalty.conversion:
                conv = self.iri(iris.iri("conversion", iris.scoped_key(self.doc_id, penalty.key)))
                c = penalty.conversion
                self.add(node, LK.conversion, conv)
                self.add(conv, RDF.type, LK.Conversion)
                self.add(conv, LK.rate, self.decimal(c.rate))
                if c.rate_date:
                    self.add(conv, LK.rateDate, self.date(c.rate_date))
                self.add(conv, LK.rateSource, self.lit(c.source))
                if c.index_value is not None:
                    self.add(conv, LK.indexValue, self.decimal(c.index_value))
                    self.add(conv, LK.indexCurrency, self.lit(c.index_currency))
                if c.note:
                    self.add(conv, LK.conversionNote, self.lit(c.note))
            elif penalty.currency:
                # no dollar value: say why, so a missing lk:amountUSD is never silent
                from .rates import missing_reason
                reason = missing_reason(penalty.currency, self.doc.date or self.ex.document_date, penalty.country,
                                        getattr(self.doc, "rates", None))
                if reason:
                    self.add(node, LK.conversionNote, self.lit(reason))
            if penalty.article:
                self.add(node, LK.appliesTo, self.iri(iris.iri("article", penalty.article)))
            if penalty.offense:
                self.add(node, LK.offense, self.lit(penalty.offense))
            if penalty.law:
                self.add(node, LK.penaltyLaw, self.iri(iris.iri("law", penalty.law)))
            if penalty.imposed_on:
                self.add(node, LK.imposedOn, self.iri(iris.iri("person", penalty.imposed_on)))
            self.evidence(node, penalty.evidence)

    def events(self) -> None:
        for event in self.ex.events:
            node = self.iri(iris.iri("event", iris.scoped_key(self.doc_id, event.key)))
            self.add(node, RDF.type, LK.LegislativeEvent)
            self.add(node, LK.eventType, LK[event.type])
            self.add(node, LK.law, self.iri(iris.iri("law", event.law)))
            for agent in event.agents:
                self.add(node, LK.agent, self.agent_iri(agent))
            if event.date:
                self.add(node, LK.date, self.date(event.date))
            if event.reading:
                self.add(node, LK.reading, self.lit(event.reading))
            for article in event.affects:
                self.add(node, LK.affects, self.iri(iris.iri("article", article)))
            for penalty in event.penalties:
                self.add(node, LK.penalty, self.iri(iris.iri("penalty", iris.scoped_key(self.doc_id, penalty))))
            self.evidence(node, event.evidence)

    def country_nodes(self) -> None:
        for iso in sorted(self.countries):
            node = self.iri(iris.country_iri(iso))
            record = country_record(iso)
            self.add(node, RDF.type, LK.Country)
            self.add(node, LK.isoCode, self.lit(iso))
            self.add(node, RDFS.label, self.lit(record.name if record else iso))
            if record and record.wikidata:
                self.add(node, OWL.sameAs, self.iri(f"http://www.wikidata.org/entity/{record.wikidata}"))


class _NTriplesBuilder(_Builder):
    """The same triples written straight to N-Triples lines, without making rdflib terms.

    Strings and IRIs are escaped here (the bulk of a graph: quotes, labels, instance
    IRIs); other literals and the ontology's terms go through rdflib once and are cached,
    so every line is what ``term.n3()`` would give, in strict N-Triples.
    """

    @staticmethod
    def iri(value: str) -> str:
        if _BAD_IRI.search(value):
            raise ValueError(f"{value!r} is not a valid IRI")
        return f"<{value}>"

    @staticmethod
    def lit(value) -> str:
        if type(value) is str:
            return _string_nt(value)
        if type(value) is int:
            return f'"{value}"^^<{_XSD_INTEGER}>'
        return _term_nt(Literal(value))

    @staticmethod
    def date(value: str) -> str:
        return _date_nt(value)

    @staticmethod
    def decimal(value: float) -> str:
        return _decimal_nt(value)

    def add(self, s, p, o) -> None:
        if o is not None:
            if type(o) is not str:
                o = _term_nt(o)
            if type(s) is not str:
                s = _term_nt(s)
            self.triples.append(f"{s} {_term_nt(p)} {o} .")


_XSD_INTEGER = str(XSD.integer)
# what rdflib refuses in an IRI, and the control characters N-Triples refuses too
_BAD_IRI = re.compile(r'[<>" {}|\\^`\x00-\x20]')
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _string_nt(value: str) -> str:
    """A plain string literal in N-Triples: only backslash, quote, LF and CR are escaped."""
    if '"' in value or "\\" in value or "\n" in value or "\r" in value:
        value = value.translate(_ESCAPES)
    return f'"{value}"'


@lru_cache(maxsize=4096)
def _term_nt(term: Node) -> str:
    """``term.n3()`` for ontology terms and typed literals (few distinct ones, so cached)."""
    if isinstance(term, URIRef):
        return _NTriplesBuilder.iri(str(term))
    if isinstance(term, Literal) and term.datatype is None and term.language is None:
        return _string_nt(str(term))
    if isinstance(term, Literal) and term.language is not None:
        return f"{_string_nt(str(term))}@{term.language}"
    if isinstance(term, Literal):
        return f"{_string_nt(str(term))}^^<{term.datatype}>"
    return term.n3()


@lru_cache(maxsize=4096)
def _decimal_nt(value: float) -> str:
    return _term_nt(decimal_literal(value))


@lru_cache(maxsize=4096)
def _date_nt(value: str) -> str:
    return _term_nt(date_literal(value))


def _penalty_numbers(p: Penalty):
    for prop, value in ((LK.minYears, p.min_years), (LK.maxYears, p.max_years), (LK.minDays, p.min_days),
                        (LK.maxDays, p.max_days), (LK.hours, p.hours), (LK.amount, p.amount),
                        (LK.minAmount, p.min_amount), (LK.maxAmount, p.max_amount),
                        (LK.amountUSD, p.amount_usd)):
        if value is not None:
            yield prop, value


def document_graph(document: Document, extraction: Extraction) -> DocumentGraph:
    """The named graph of one document, serialised for the store."""
    lines = _collect(_NTriplesBuilder(document, extraction))
    return DocumentGraph(iris.document_iri(document.id), "\n".join(lines), len(lines))


def document_triples(document: Document, extraction: Extraction) -> list[Triple]:
    """The triples of one document: its metadata and every fact read from it."""
    return _collect(_Builder(document, extraction))


def _collect(b: _Builder) -> list:
    b.document()
    b.persons()
    b.organizations()
    b.codes_and_articles()
    b.laws()
    b.penalties()
    b.events()
    b.country_nodes()
    return list(dict.fromkeys(b.triples))
