"""Content negotiation and the SPARQL 1.1 result formats ``kg serve`` answers in.

SELECT and ASK results: SPARQL Results JSON (the default), XML, CSV and TSV. CONSTRUCT and
DESCRIBE results: Turtle (the default), N-Triples, JSON-LD and RDF/XML. Serialising runs
in the query workers, so the server process only moves bytes.

>>> choose_format("text/csv, */*;q=0.1", "select")
'csv'
>>> choose_format("", "graph")
'turtle'
>>> choose_format("application/sparql-results+xml, application/rdf+xml", "graph")
'rdfxml'
"""
from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Graph, Literal, URIRef

from ..query import json_term
from ..store.base import QueryResult
from ..store.terms import PREFIXES

__all__ = ["MEDIA_TYPES", "FORMAT_NAMES", "choose_format", "serialize"]

#: format name -> the media type it is answered with
MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "ntriples": "application/n-triples",
    "json-ld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}

_SOLUTIONS = {  # media type asked for -> format, for SELECT and ASK
    "application/sparql-results+json": "json", "application/json": "json", "text/javascript": "json",
    "application/javascript": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv", "text/plain": "tsv",
}
_GRAPHS = {  # media type asked for -> format, for CONSTRUCT and DESCRIBE
    "text/turtle": "turtle", "application/x-turtle": "turtle", "application/turtle": "turtle",
    "application/n-triples": "ntriples", "text/plain": "ntriples",
    "application/ld+json": "json-ld", "application/json": "json-ld",
    "application/rdf+xml": "rdfxml", "application/xml": "rdfxml", "text/xml": "rdfxml",
}
_DEFAULT = {"select": "json", "ask": "json", "graph": "turtle"}

#: the names the ``format`` request parameter takes (and some common synonyms)
FORMAT_NAMES = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "turtle": "turtle", "ttl": "turtle",
                "ntriples": "ntriples", "nt": "ntriples", "json-ld": "json-ld", "jsonld": "json-ld",
                "rdfxml": "rdfxml", "rdf": "rdfxml"}


def choose_format(accept: str | None, kind: str, requested: str | None = None) -> str:
    """The format to answer a ``kind`` result in, from a ``format`` parameter or the Accept header."""
    table = _GRAPHS if kind == "graph" else _SOLUTIONS
    solutions = {"json", "xml", "csv", "tsv"}
    if requested:
        name = FORMAT_NAMES.get(requested.lower()) or table.get(requested.lower().split(";")[0].strip())
        if name:
            # A solution format asked of a graph result (or the reverse) maps to its sibling.
            if kind == "graph" and name in solutions:
                name = {"json": "json-ld", "xml": "rdfxml"}.get(name, "ntriples")
            if kind != "graph" and name not in solutions:
                name = {"json-ld": "json", "rdfxml": "xml"}.get(name, "tsv")
            return name
    ranges = []
    for position, part in enumerate((accept or "").split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        quality = 1.0
        for param in pieces[1:]:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        ranges.append((-quality, position, media))
    for negative_quality, _, media in sorted(ranges):
        if negative_quality == 0:
            break
        if media in table:
            return table[media]
        if media == "*/*" or media in ("application/*", "text/*"):
            return _DEFAULT[kind]
    return _DEFAULT[kind]


def serialize(result: QueryResult, fmt: str) -> bytes:
    """``result`` in format ``fmt`` (a key of :data:`MEDIA_TYPES`)."""
    if result.kind == "graph":
        return _graph(result, fmt)
    if result.kind == "ask":
        return _boolean(bool(result.boolean), fmt)
    return {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}[fmt](result)


def _json(result: QueryResult) -> bytes:
    bindings = [{v: json_term(t) for v, t in zip(result.variables, row) if t is not None} for row in result.rows]
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _xml_term(term) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    attrs = ""
    if isinstance(term, Literal):
        if term.language:
            attrs = f" xml:lang={quoteattr(term.language)}"
        elif term.datatype:
            attrs = f" datatype={quoteattr(str(term.datatype))}"
    return f"<literal{attrs}>{escape(str(term))}</literal>"


_XML_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'


def _xml(result: QueryResult) -> bytes:
    out = [_XML_HEAD, "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    out.append("</head>\n<results>\n")
    for row in result.rows:
        out.append("<result>")
        out += [f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                for v, t in zip(result.variables, row) if t is not None]
        out.append("</result>\n")
    out.append("</results>\n</sparql>\n")
    return "".join(out).encode("utf-8")


def _csv(result: QueryResult) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else (f"_:{t}" if isinstance(t, BNode) else str(t)) for t in row])
    return buffer.getvalue().encode("utf-8")


def _tsv(result: QueryResult) -> bytes:
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join("" if t is None else t.n3() for t in row) for row in result.rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _boolean(value: bool, fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if fmt == "xml":
        return f"{_XML_HEAD}<head/>\n<boolean>{'true' if value else 'false'}</boolean>\n</sparql>\n".encode("utf-8")
    return b"true\n" if value else b"false\n"


def _graph(result: QueryResult, fmt: str) -> bytes:
    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    for triple in result.triples:
        graph.add(triple)
    if fmt == "json-ld":
        from ..store.terms import jsonld_from_ntriples
        return jsonld_from_ntriples(graph.serialize(format="nt", encoding="utf-8"))
    rdflib_format = {"turtle": "turtle", "ntriples": "nt", "rdfxml": "xml"}[fmt]
    return graph.serialize(format=rdflib_format, encoding="utf-8")
