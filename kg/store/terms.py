"""Term plumbing shared by the backends: prefixes, N-Triples forms, rdflib conversion."""
from __future__ import annotations

import json

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from ..ontology import context_path
from ..vocab import DCTERMS, ELI, FOAF, LK, ONTOLOGY_GRAPH, ORG, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, XSD
from .base import DocumentInfo

__all__ = ["PREFIXES", "ONTOLOGY_GRAPH", "MERGED_GRAPH", "retract_operations", "to_rdflib", "documents_query", "rows_to_documents",
           "jsonld_from_ntriples", "sparql_prologue"]

#: Where an external SPARQL store keeps every triple once (the embedded store uses its
#: default graph): the default graph of queries that name no dataset.
MERGED_GRAPH = "https://w3id.org/legiskg/graph/merged"

#: The prefixes every query may use without declaring them.
PREFIXES: dict[str, str] = {
    "lk": str(LK), "id": "https://w3id.org/legiskg/id/", "rdf": str(RDF), "rdfs": str(RDFS),
    "owl": str(OWL), "xsd": str(XSD), "skos": str(SKOS), "dcterms": str(DCTERMS), "prov": str(PROV),
    "eli": str(ELI), "schema": str(SCHEMA), "org": str(ORG), "foaf": str(FOAF),
}


def retract_operations(iri: str, merged: str | None = None) -> list[str]:
    """The update operations removing graph ``iri``, and its triples from the merged graph
    (``None``: the default graph) unless another named graph (another document, the
    ontology) still states them."""
    target = f"GRAPH <{merged}> {{ ?s ?p ?o }}" if merged else "?s ?p ?o"
    others = f"?other != <{iri}> && ?other != <{merged}>" if merged else f"?other != <{iri}>"
    return [f"DELETE {{ {target} }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER({others}) }} }}",
            f"DROP SILENT GRAPH <{iri}>"]


def sparql_prologue() -> str:
    """PREFIX lines for backends that cannot take prefixes out of band."""
    return "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())



def to_rdflib(term) -> Identifier | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    return Literal(str(term))


def documents_query() -> str:
    return """SELECT ?doc ?hash ?version ?source WHERE { GRAPH ?doc { ?doc a lk:SourceDocument .
      OPTIONAL { ?doc lk:contentHash ?hash } OPTIONAL { ?doc lk:extractorVersion ?version }
      OPTIONAL { ?doc dcterms:source ?source } } }"""


def rows_to_documents(rows) -> dict[str, DocumentInfo]:
    out: dict[str, DocumentInfo] = {}
    for doc, hash_, version, source in rows:
        # a server may answer a document more than once (Virtuoso adds a row with the
        # OPTIONALs unbound): keep what any row says
        seen = out.get(str(doc))
        out[str(doc)] = DocumentInfo(str(doc), _str(hash_) or (seen and seen.content_hash),
                                     _str(version) or (seen and seen.extractor_version),
                                     _str(source) or (seen and seen.source))
    return out


def _str(term) -> str | None:
    return None if term is None else str(term)


def jsonld_from_ntriples(data: bytes) -> bytes:
    """Compact JSON-LD with the project's context (rdflib's serializer)."""
    graph = Graph()
    graph.parse(data=data.decode("utf-8"), format="nt")
    context = json.loads(context_path().read_text(encoding="utf-8"))
    context = context.get("@context", context)
    return graph.serialize(format="json-ld", context=context, auto_compact=True).encode("utf-8")
