"""Content negotiation and the result formats ``kg serve`` answers in, written as a stream.

SELECT and ASK results: SPARQL Results JSON (the default), XML, CSV and TSV. CONSTRUCT and
DESCRIBE results and Graph Store reads: Turtle (the default), N-Triples, N-Quads, TriG,
JSON-LD and RDF/XML (Oxigraph's serializers). Every writer takes rows or triples one at a
time and writes to a binary file-like object as it goes, so no answer is built whole in
memory: the query workers write into the pipe to the server, which spools to disk.

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
from json.encoder import encode_basestring as _quote
from typing import BinaryIO, Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from ..store.base import QueryResult
from ..store.terms import PREFIXES

__all__ = ["MEDIA_TYPES", "FORMAT_NAMES", "RDF_FORMATS", "choose_format", "serialize", "write_solutions",
           "write_boolean", "write_triples", "to_oxigraph"]

#: format name -> the media type it is answered with
MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "ntriples": "application/n-triples",
    "nquads": "application/n-quads",
    "trig": "application/trig",
    "json-ld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}

#: graph format name -> Oxigraph's format
RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
               "trig": ox.RdfFormat.TRIG, "json-ld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}

_SOLUTIONS = {  # media type asked for -> format, for SELECT and ASK
    "application/sparql-results+json": "json", "application/json": "json", "text/javascript": "json",
    "application/javascript": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv", "text/plain": "tsv",
}
_GRAPHS = {  # media type asked for -> format, for CONSTRUCT and DESCRIBE
    "text/turtle": "turtle", "application/x-turtle": "turtle", "application/turtle": "turtle",
    "application/n-triples": "ntriples", "text/plain": "ntriples",
    "application/n-quads": "nquads", "text/x-nquads": "nquads", "application/trig": "trig",
    "application/ld+json": "json-ld", "application/json": "json-ld",
    "application/rdf+xml": "rdfxml", "application/xml": "rdfxml", "text/xml": "rdfxml",
}
_DEFAULT = {"select": "json", "ask": "json", "graph": "turtle"}

#: the names the ``format`` request parameter takes (and some common synonyms)
FORMAT_NAMES = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "turtle": "turtle", "ttl": "turtle",
                "ntriples": "ntriples", "nt": "ntriples", "nquads": "nquads", "nq": "nquads", "trig": "trig",
                "json-ld": "json-ld", "jsonld": "json-ld", "rdfxml": "rdfxml", "rdf": "rdfxml"}


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


class _Text:
    """Text pieces gathered and written to a binary output a few kilobytes at a time."""

    def __init__(self, out: BinaryIO, size: int = 64 * 1024):
        self.out, self.size, self.parts, self.length = out, size, [], 0

    def __call__(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)
        if self.length >= self.size:
            self.flush()

    def flush(self) -> None:
        if self.parts:
            self.out.write("".join(self.parts).encode("utf-8"))
            self.parts, self.length = [], 0


_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _json_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return '{"type":"uri","value":' + _quote(term.value) + "}"
    if isinstance(term, ox.BlankNode):
        return '{"type":"bnode","value":' + _quote(term.value) + "}"
    if isinstance(term, ox.Literal):
        if term.language:
            return '{"type":"literal","value":' + _quote(term.value) + ',"xml:lang":' + _quote(term.language) + "}"
        if term.datatype.value != _STRING:
            return ('{"type":"literal","value":' + _quote(term.value) + ',"datatype":'
                    + _quote(term.datatype.value) + "}")
        return '{"type":"literal","value":' + _quote(term.value) + "}"
    return '{"type":"literal","value":' + _quote(str(term)) + "}"  # a quoted triple, as text


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != _STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def _csv_value(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else str(term)


def write_solutions(variables: Sequence[str], rows: Iterable[tuple], fmt: str, out: BinaryIO) -> int:
    """Write SELECT ``rows`` (tuples of Oxigraph terms, ``None`` for unbound) in ``fmt``;
    return how many were written."""
    text = _Text(out)
    count = 0
    if fmt == "json":
        names = [_quote(v) + ":" for v in variables]
        text('{"head":{"vars":[' + ",".join(_quote(v) for v in variables) + ']},"results":{"bindings":[')
        for row in rows:
            text(("{" if not count else ",{") + ",".join(name + _json_term(t) for name, t in zip(names, row)
                                                        if t is not None) + "}")
            count += 1
        text("]}}")
    elif fmt == "xml":
        names = [f"<binding name={quoteattr(v)}>" for v in variables]
        text(_XML_HEAD + "<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in variables)
             + "</head>\n<results>\n")
        for row in rows:
            text("<result>" + "".join(name + _xml_term(t) + "</binding>" for name, t in zip(names, row)
                                      if t is not None) + "</result>\n")
            count += 1
        text("</results>\n</sparql>\n")
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(variables)
        for row in rows:
            writer.writerow([_csv_value(t) for t in row])
            count += 1
            if buffer.tell() >= 32 * 1024:
                text(buffer.getvalue())
                buffer.seek(0)
                buffer.truncate()
        text(buffer.getvalue())
    elif fmt == "tsv":
        text("\t".join(f"?{v}" for v in variables) + "\n")
        for row in rows:
            text("\t".join("" if t is None else str(t) for t in row) + "\n")
            count += 1
    else:
        raise ValueError(fmt)
    text.flush()
    return count


def write_boolean(value: bool, fmt: str, out: BinaryIO) -> None:
    """Write an ASK answer in ``fmt``."""
    if fmt == "json":
        out.write(json.dumps({"head": {}, "boolean": value}).encode("utf-8"))
    elif fmt == "xml":
        out.write(f"{_XML_HEAD}<head/>\n<boolean>{'true' if value else 'false'}</boolean>\n</sparql>\n".encode("utf-8"))
    else:
        out.write(b"true\n" if value else b"false\n")


def write_triples(triples: Iterable[ox.Triple], fmt: str, out: BinaryIO, graph: str | None = None) -> None:
    """Write Oxigraph triples in graph format ``fmt``; a quad format puts them in ``graph``
    (``None``: the default graph)."""
    if fmt in ("nquads", "trig"):
        name = ox.NamedNode(graph) if graph else ox.DefaultGraph()
        items: Iterable = (ox.Quad(t.subject, t.predicate, t.object, name) for t in triples)
    else:
        items = triples
    prefixes = PREFIXES if fmt in ("turtle", "trig", "rdfxml") else None
    ox.serialize(items, out, RDF_FORMATS[fmt], prefixes=prefixes)


def to_oxigraph(term):
    """An rdflib term as an Oxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        try:
            return ox.BlankNode(str(term))
        except ValueError:
            return ox.BlankNode()
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def serialize(result: QueryResult, fmt: str) -> bytes:
    """A whole :class:`QueryResult` in format ``fmt`` (a key of :data:`MEDIA_TYPES`)."""
    out = io.BytesIO()
    if result.kind == "graph":
        write_triples((ox.Triple(*(to_oxigraph(t) for t in triple)) for triple in result.triples), fmt, out)
    elif result.kind == "ask":
        write_boolean(bool(result.boolean), fmt, out)
    else:
        write_solutions(result.variables, ([None if t is None else to_oxigraph(t) for t in row] for row in result.rows),
                        fmt, out)
    return out.getvalue()


_XML_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
