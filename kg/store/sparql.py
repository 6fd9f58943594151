"""A store on any SPARQL 1.1 Query + Update server (Virtuoso, Apache Jena Fuseki, GraphDB).

``sparql+http://host:port/path`` names the query endpoint (``sparql+https://`` for TLS).
Writes are SPARQL updates: one request per batch, dropping and inserting each document's
named graph, so a re-build replaces it. As in the embedded store, every triple is also
written once to a merged graph (:data:`MERGED_GRAPH`), and a document's triples leave it
when no other graph states them. Queries that name no dataset and no graph run with the
merged graph as their default graph (``default-graph-uri``), so each fact is counted once;
queries with ``GRAPH`` or ``FROM`` run on the server's own dataset (on Virtuoso the union
of all graphs, where a fact repeats once per document stating it).

Credentials come from the ``user``/``password`` options, ``KG_SPARQL_USER`` /
``KG_SPARQL_PASSWORD`` or the URL's user part, and are answered to HTTP Digest or Basic
challenges; they never appear in :attr:`SparqlStore.location` or in messages. Updates go to
``update_url`` (option or ``KG_SPARQL_UPDATE_URL``); without it, to the query URL, except
on Virtuoso (``/sparql`` -> ``/sparql-auth``) and GraphDB (``/repositories/ID`` ->
``/repositories/ID/statements``).
"""
from __future__ import annotations

import json
import os
import re
from typing import BinaryIO, Iterable, Iterator, Sequence
from urllib.parse import urlsplit, urlunsplit, unquote

import httpx
import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from ..errors import QuerySyntaxError, QueryTimeout, StoreError, UsageError
from .base import EXPORT_FORMATS, DocumentGraph, DocumentInfo, QueryResult, Store
from .terms import (MERGED_GRAPH, ONTOLOGY_GRAPH, PREFIXES, documents_query, retract_operations,
                    rows_to_documents, to_rdflib)

__all__ = ["SparqlStore", "sparql_form", "LEGISKG_GRAPHS"]

#: Every graph legiskg writes starts with this (document graphs and the ontology graph);
#: exports keep to them, so a shared server's own graphs stay out.
LEGISKG_GRAPHS = "https://w3id.org/legiskg/"

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RESULTS_JSON = "application/sparql-results+json"
_GRAPH_TYPES = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
#: Virtuoso's parser gives up near 5,000 triples in one INSERT DATA; stay well below.
_VIRTUOSO_CHUNK = 2000
#: Rows fetched per export request (below Virtuoso's stock ResultSetMaxRows of 10,000).
_EXPORT_PAGE = 5000
_RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG,
                "nquads": ox.RdfFormat.N_QUADS, "ntriples": ox.RdfFormat.N_TRIPLES}

# Strings, IRIs and comments are removed before looking at keywords, so a "#" inside an IRI
# or a keyword inside a literal does not count.
_SKIP = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                   r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_PROLOGUE = re.compile(r"\s*(?:BASE\s*|PREFIX\s+[A-Za-z0-9_.\-]*:\s*|DEFINE\s+\S+\s+\S+\s*)", re.I)
_FORM = re.compile(r"\s*([A-Za-z]+)")
_UPDATE_WORDS = {"insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add", "with"}
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z0-9_.\-]*):", re.I)


def sparql_form(text: str) -> str:
    """What a SPARQL request is: ``select``, ``ask``, ``construct``, ``describe``, ``update`` or ``unknown``.

    >>> sparql_form("# a comment\\nPREFIX x: <http://e/#> select * { ?s ?p ?o }")
    'select'
    >>> sparql_form("PREFIX lk: <https://w3id.org/legiskg/ontology#> INSERT DATA { <a:b> <a:c> 1 }")
    'update'
    >>> sparql_form("CONSTRUCT WHERE { ?s ?p 'SELECT' }")
    'construct'
    """
    stripped = _SKIP.sub(lambda m: " " if m.group(0).startswith("#") else "<>", text)
    position = 0
    while True:
        match = _PROLOGUE.match(stripped, position)
        if not match or match.end() == position:
            break
        position = match.end()
        if stripped.startswith("<>", position):
            position += 2
    word = _FORM.match(stripped, position)
    keyword = word.group(1).lower() if word else ""
    if keyword in ("select", "ask", "construct", "describe"):
        return keyword
    return "update" if keyword in _UPDATE_WORDS else "unknown"


_GRAPH_WORDS = re.compile(r"\b(?:GRAPH|FROM)\b", re.I)


def _names_graphs(text: str) -> bool:
    """Whether a query says which graphs it reads (``GRAPH``, ``FROM``): such a query keeps the
    server's own dataset, since Virtuoso answers ``GRAPH <g>`` patterns wrongly once a
    protocol default graph is set (an ``ASK`` comes back true for a triple no graph holds).

    >>> _names_graphs('SELECT * { GRAPH ?g { ?s ?p "GRAPH" } }'), _names_graphs('SELECT * { ?s <http://e/graph> ?o }')
    (True, False)
    """
    return bool(_GRAPH_WORDS.search(_SKIP.sub(" ", text)))


_LEADING_BASE = re.compile(r"\s*BASE\s*<[^<>\s]*>\s*", re.I)


def _with_prefixes(text: str) -> str:
    """Declare the project's prefixes a query uses without declaring them itself (after a
    leading ``BASE``, which Virtuoso takes only before any ``PREFIX``)."""
    declared = {p.lower() for p in _DECLARED.findall(text)}
    missing = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items() if k.lower() not in declared)
    base = _LEADING_BASE.match(text)
    head = base.group(0) if base else ""
    return head + missing + text[len(head):]


class _ChallengeAuth(httpx.Auth):
    """Answers whichever challenge the server sends: HTTP Digest (Virtuoso) or Basic."""

    def __init__(self, user: str, password: str):
        self._digest = httpx.DigestAuth(user, password)
        self._basic = httpx.BasicAuth(user, password)
        self._scheme: str | None = None

    def auth_flow(self, request: httpx.Request) -> Iterator[httpx.Request]:
        if self._scheme == "digest":
            yield from self._digest.auth_flow(request)
            return
        if self._scheme == "basic":
            yield from self._basic.auth_flow(request)
            return
        response = yield request
        if response.status_code != 401:
            return
        challenge = response.headers.get("www-authenticate", "").strip().lower()
        self._scheme = "digest" if challenge.startswith("digest") else "basic"
        if self._scheme == "digest":
            flow = self._digest.auth_flow(request)
            next(flow)  # the digest flow first sends the request bare: answer with this 401
            try:
                request = flow.send(response)
            except StopIteration:
                return
            response = yield request
            try:
                flow.send(response)
            except StopIteration:
                pass
        else:
            yield from self._basic.auth_flow(request)


class SparqlStore(Store):
    """A store behind a SPARQL 1.1 endpoint; see the module docstring for the options."""

    def __init__(self, location: str, *, user: str | None = None, password: str | None = None,
                 update_url: str | None = None, timeout: float = 600.0, token: str | None = None,
                 **_ignored):
        if not re.match(r"sparql\+https?://", location):
            raise StoreError("not a SPARQL store location: use sparql+http://host:port/path or sparql+https://...")
        parts = urlsplit(location[len("sparql+"):])
        url_user = unquote(parts.username) if parts.username else None
        url_password = unquote(parts.password) if parts.password else None
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        netloc = f"{host}:{parts.port}" if parts.port else host
        self.endpoint = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
        #: Where the store is, without any credentials (safe to print).
        self.location = "sparql+" + self.endpoint
        user = user or os.environ.get("KG_SPARQL_USER") or url_user
        password = password if password is not None else os.environ.get("KG_SPARQL_PASSWORD", url_password)
        self._has_credentials = bool(user)
        auth = _ChallengeAuth(user, password or "") if user else None
        self._update_url = update_url or os.environ.get("KG_SPARQL_UPDATE_URL") or None
        self._timeout = timeout
        self._dialect: str | None = None
        headers = {"User-Agent": "legiskg"}
        if token:  # a `kg serve --allow-update` endpoint: updates carry its bearer token
            headers["Authorization"] = f"Bearer {token}"
        self._client = httpx.Client(auth=auth, timeout=httpx.Timeout(timeout, connect=10.0), headers=headers)

    # -- HTTP ----------------------------------------------------------------------------
    def _post(self, url: str, *, timeout: float | None, **kwargs) -> httpx.Response:
        limit = httpx.Timeout(timeout if timeout is not None else self._timeout, connect=10.0)
        try:
            response = self._client.post(url, timeout=limit, **kwargs)
        except httpx.TimeoutException:
            raise QueryTimeout(f"{self.location} did not answer within "
                               f"{(timeout if timeout is not None else self._timeout):g} s") from None
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the SPARQL endpoint {self.location}: {exc}") from None
        self._note_server(response)
        if response.status_code >= 400:
            self._raise_for(response, url)
        return response

    def _note_server(self, response: httpx.Response) -> None:
        if self._dialect is None:
            server = response.headers.get("server", "").lower()
            self._dialect = ("virtuoso" if "virtuoso" in server else "legiskg" if server.startswith("legiskg")
                             else "generic")

    def _raise_for(self, response: httpx.Response, url: str) -> None:
        status = response.status_code
        message = _server_message(response.text)
        where = url.split("?", 1)[0]
        if status == 400:
            raise QuerySyntaxError(f"SPARQL error from {where}: {message}")
        if status in (401, 403):
            hint = ("the credentials were refused" if self._has_credentials else
                    "give credentials with KG_SPARQL_USER and KG_SPARQL_PASSWORD")
            raise StoreError(f"{where} refused the request (HTTP {status}): {hint}")
        if status == 404:
            raise StoreError(f"no SPARQL endpoint at {where} (HTTP 404)")
        if re.search(r"S1T00|timed? ?out|timeout", message, re.I):
            raise QueryTimeout(f"{where} stopped the query: {message}")
        if status == 500 and re.search(r"\b(37000|SP0\d\d|syntax|parse)\b", message, re.I):
            raise QuerySyntaxError(f"SPARQL error from {where}: {message}")
        raise StoreError(f"{where} answered HTTP {status}: {message}")

    def dialect(self) -> str:
        """``virtuoso``, ``legiskg`` (``kg serve``) or ``generic``, read from the server's ``Server`` header."""
        if self._dialect is None:
            self._post(self.endpoint, timeout=30, data={"query": "ASK {}"},
                       headers={"Accept": _RESULTS_JSON})
        return self._dialect or "generic"

    def update_url(self) -> str:
        if self._update_url:
            return self._update_url
        path = urlsplit(self.endpoint).path
        if self.dialect() == "virtuoso" and path.rstrip("/").endswith("/sparql"):
            return self.endpoint.split("?", 1)[0].rstrip("/") + "-auth"
        if re.fullmatch(r"/repositories/[^/]+/?", path):  # GraphDB, RDF4J
            return self.endpoint.split("?", 1)[0].rstrip("/") + "/statements"
        return self.endpoint

    def merged_graph(self) -> str | None:
        """Where every triple is kept once: :data:`MERGED_GRAPH`, or ``None`` for the default
        graph of a ``kg serve`` endpoint (an embedded store keeps them there)."""
        return None if self.dialect() == "legiskg" else MERGED_GRAPH

    # -- writing ---------------------------------------------------------------------------
    def replace_documents(self, graphs: Sequence[DocumentGraph]) -> int:
        if not graphs:
            return 0
        # One request: every graph dropped, then the new triples inserted (operations of a
        # request run in order; grouping the inserts is twice as fast on Virtuoso).
        drops = [op for graph in graphs for op in retract_operations(graph.iri, self.merged_graph())]
        # blank nodes stay out of the merged graph (see ensure_ontology); legiskg's own
        # document graphs have none
        inserts = self._inserts([(graph.iri, graph.ntriples.splitlines()) for graph in graphs if graph.quads]
                                + [(self.merged_graph(), [line for line in graph.ntriples.splitlines() if "_:" not in line])
                                   for graph in graphs if graph.quads])
        if self.dialect() == "virtuoso":
            # Virtuoso cannot compile the retractions under sql:big-data-const, which its big
            # inserts need: two requests (a Virtuoso update is not one transaction anyway)
            self._update_operations(drops, big_data=False)
            self._update_operations(inserts)
        else:
            self._update_operations(drops + inserts)
        return sum(graph.quads for graph in graphs)

    def drop_documents(self, iris: Iterable[str]) -> None:
        operations = [op for iri in iris for op in retract_operations(iri, self.merged_graph())]
        for start in range(0, len(operations), 500):
            self._update_operations(operations[start:start + 500], big_data=False)

    def update(self, sparql: str) -> None:
        self._send_update(_with_prefixes(sparql))

    def ensure_ontology(self, turtle_path: str, version: str) -> None:
        marker = (f'ASK {{ GRAPH <{ONTOLOGY_GRAPH}> {{ <{ONTOLOGY_GRAPH}> '
                  f'<http://purl.org/dc/terms/identifier> "{version}" }} }}')
        if self.query(marker).boolean:
            return
        lines = [f"{q.subject} {q.predicate} {q.object} ."
                 for q in ox.parse(path=turtle_path, format=ox.RdfFormat.TURTLE)]
        lines.append(f'<{ONTOLOGY_GRAPH}> <http://purl.org/dc/terms/identifier> "{version}" .')
        # the merged graph takes the ontology's ground triples (labels of classes and values):
        # Virtuoso refuses one blank-node label in two graphs of a request, and a relabelled
        # copy could not be retracted when the ontology changes
        ground = [line for line in lines if "_:" not in line]
        self._update_operations(retract_operations(ONTOLOGY_GRAPH, self.merged_graph()), big_data=False)
        self._update_operations(self._inserts([(ONTOLOGY_GRAPH, lines), (self.merged_graph(), ground)]))

    def _inserts(self, graphs: list[tuple[str | None, list[str]]]) -> list[str]:
        """INSERT operations for (graph IRI, N-Triples lines) pairs, split where the server
        needs it; a ``None`` graph is the default graph."""
        graphs = [(iri, [line for line in lines if line.strip()]) for iri, lines in graphs]
        graphs = [(iri, lines) for iri, lines in graphs if lines]
        if not graphs:
            return []
        if self.dialect() != "virtuoso":
            return ["INSERT DATA {\n" + "\n".join((f"GRAPH <{iri}> {{\n" + "\n".join(lines) + "\n}") if iri
                                                   else "\n".join(lines) for iri, lines in graphs) + "\n}"]
        # Virtuoso refuses blank nodes in INSERT DATA (they go in an INSERT template, one per
        # graph, since a label only holds inside one operation) and cannot parse big ones.
        operations, blocks, size = [], [], 0
        for iri, lines in graphs:
            with_blank = [line for line in lines if "_:" in line]
            if with_blank:
                operations.append(f"INSERT {{ GRAPH <{iri}> {{\n" + "\n".join(with_blank) + "\n} } WHERE {}")
            ground = [line for line in lines if "_:" not in line]
            while ground:
                room = _VIRTUOSO_CHUNK - size
                if room <= 0:
                    operations.append("INSERT DATA {\n" + "\n".join(blocks) + "\n}")
                    blocks, size = [], 0
                    continue
                part, ground = ground[:room], ground[room:]
                blocks.append(f"GRAPH <{iri}> {{\n" + "\n".join(part) + "\n}")
                size += len(part)
        if blocks:
            operations.append("INSERT DATA {\n" + "\n".join(blocks) + "\n}")
        return operations

    def _update_operations(self, operations: list[str], *, big_data: bool = True) -> None:
        if operations:
            self._send_update(" ;\n".join(operations), big_data=big_data)

    def _send_update(self, text: str, *, big_data: bool = True) -> None:
        if big_data and self.dialect() == "virtuoso":
            # Without it Virtuoso compiles every constant into SQL: minutes for a few
            # thousand triples, and an error past about 3,000.
            text = "DEFINE sql:big-data-const 1\n" + text
        self._post(self.update_url(), timeout=None, content=text.encode("utf-8"),
                   headers={"Content-Type": "application/sparql-update; charset=UTF-8",
                            "Accept": f"{_RESULTS_JSON}, */*;q=0.1"})

    # -- reading ---------------------------------------------------------------------------
    def documents(self) -> dict[str, DocumentInfo]:
        return rows_to_documents(self.query(documents_query()).rows)

    def query(self, sparql: str, *, timeout: float | None = None, max_rows: int | None = None,
              default_graphs: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None) -> QueryResult:
        form = sparql_form(sparql)
        if form == "update":
            raise QuerySyntaxError("this is a SPARQL update, not a query: use Store.update (or kg serve --allow-update)")
        accept = {"select": _RESULTS_JSON, "ask": _RESULTS_JSON, "construct": _GRAPH_TYPES,
                  "describe": _GRAPH_TYPES}.get(form, f"{_RESULTS_JSON}, {_GRAPH_TYPES}")
        data: dict[str, str | list[str]] = {"query": _with_prefixes(sparql)}
        if default_graphs:
            data["default-graph-uri"] = list(default_graphs)
        if named_graphs:
            data["named-graph-uri"] = list(named_graphs)
        if not default_graphs and not named_graphs and self.merged_graph() and not _names_graphs(sparql):
            data["default-graph-uri"] = self.merged_graph()
        response = self._post(self.endpoint, timeout=timeout, data=data, headers={"Accept": accept})
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if media in (_RESULTS_JSON, "application/json") and form != "construct":
            return _parse_results_json(response.content, max_rows)
        try:
            rdf_format = ox.RdfFormat.from_media_type(media)
        except ValueError:
            rdf_format = None
        if rdf_format is None:
            raise StoreError(f"{self.location} answered in {media or 'no media type'}, which legiskg cannot read")
        triples = [(to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object))
                   for t in ox.parse(response.content, format=rdf_format)]
        truncated = max_rows is not None and len(triples) > max_rows
        return QueryResult("graph", triples=triples[:max_rows] if truncated else triples, truncated=truncated)

    def export(self, fmt: str, out: BinaryIO) -> None:
        if fmt not in EXPORT_FORMATS:
            raise ValueError(fmt)
        with_graphs = EXPORT_FORMATS[fmt][1]
        union = ox.Store()
        # In graph and subject order, as the embedded store dumps, so Turtle groups subjects.
        union.extend(sorted(self._quads(with_graphs), key=lambda q: (str(q.graph_name), str(q.subject),
                                                                     str(q.predicate), str(q.object))))
        if fmt == "json-ld":
            from .terms import jsonld_from_ntriples
            out.write(jsonld_from_ntriples(union.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())))
        elif with_graphs:
            union.dump(out, _RDF_FORMATS[fmt])
        else:
            union.dump(out, _RDF_FORMATS[fmt], from_graph=ox.DefaultGraph(),
                       prefixes=PREFIXES if fmt == "turtle" else None)

    def _quads(self, with_graphs: bool) -> Iterator[ox.Quad]:
        """The legiskg graphs' quads, fetched a few thousand rows at a time, graph by graph
        (so no server-side row cap cuts an export short)."""
        sizes = self._post(self.endpoint, timeout=None, headers={"Accept": _RESULTS_JSON}, data={
            "query": f"""SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }}
                FILTER(STRSTARTS(STR(?g), "{LEGISKG_GRAPHS}")) }} GROUP BY ?g ORDER BY ?g"""}).json()
        batches: list[list[str]] = [[]]
        filled = 0
        for row in sizes["results"]["bindings"]:
            graph, count = row["g"]["value"], int(row["n"]["value"])
            if graph == MERGED_GRAPH or (not with_graphs and graph == ONTOLOGY_GRAPH):
                continue
            if count > _EXPORT_PAGE:
                batches.append([graph])
                batches.append([])
                filled = 0
                continue
            if filled + count > _EXPORT_PAGE:
                batches.append([])
                filled = 0
            batches[-1].append(graph)
            filled += count
        blank: dict[str, ox.BlankNode] = {}
        for batch in (b for b in batches if b):
            yield from self._fetch_quads(batch, with_graphs, blank)

    def _fetch_quads(self, graphs: list[str], with_graphs: bool, blank: dict) -> Iterator[ox.Quad]:
        values = " ".join(f"<{g}>" for g in graphs)
        offset = 0
        while True:
            # One big graph is paged; a batch of small graphs fits in the first page.
            paging = f"ORDER BY ?s ?p ?o LIMIT {_EXPORT_PAGE} OFFSET {offset}" if len(graphs) == 1 else ""
            response = self._post(self.endpoint, timeout=None, headers={"Accept": _RESULTS_JSON}, data={
                "query": f"SELECT ?g ?s ?p ?o WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} {paging}"})
            rows = response.json()["results"]["bindings"]
            for row in rows:
                graph = ox.NamedNode(row["g"]["value"]) if with_graphs else ox.DefaultGraph()
                yield ox.Quad(_ox_term(row["s"], blank), _ox_term(row["p"], blank), _ox_term(row["o"], blank), graph)
            if not paging or len(rows) < _EXPORT_PAGE:
                return
            offset += _EXPORT_PAGE

    def optimize(self) -> None:
        raise UsageError(f"{self.location} is a SPARQL server that manages its own storage: "
                         "there is nothing for kg to optimize")

    def close(self) -> None:
        client = getattr(self, "_client", None)
        if client is not None:
            client.close()
            self._client = None  # type: ignore[assignment]


def _server_message(text: str) -> str:
    """The useful part of an error page: Virtuoso echoes the query after a blank line."""
    text = re.sub(r"<[^>]+>", " ", text or "").strip()
    text = text.split("\n\nSPARQL query:", 1)[0]
    text = " ".join(text.split())
    return (text[:400] + "…") if len(text) > 400 else (text or "no message")


def _parse_results_json(content: bytes, max_rows: int | None) -> QueryResult:
    try:
        document = json.loads(content)
    except ValueError as exc:
        raise StoreError(f"the SPARQL endpoint sent results that are not JSON: {exc}") from None
    if "boolean" in document:
        return QueryResult("ask", boolean=bool(document["boolean"]))
    variables = list(document.get("head", {}).get("vars", []))
    rows: list[tuple[Identifier | None, ...]] = []
    truncated = False
    for binding in document.get("results", {}).get("bindings", []):
        if max_rows is not None and len(rows) >= max_rows:
            truncated = True
            break
        rows.append(tuple(_rdflib_term(binding.get(v)) for v in variables))
    return QueryResult("select", variables=variables, rows=rows, truncated=truncated)


def _rdflib_term(value: dict | None) -> Identifier | None:
    if value is None:
        return None
    kind = value.get("type")
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if "xml:lang" in value:
        return Literal(value["value"], lang=value["xml:lang"])
    datatype = value.get("datatype")
    if datatype and datatype != _XSD_STRING:
        return Literal(value["value"], datatype=URIRef(datatype))
    return Literal(value["value"])


def _ox_term(value: dict, blank: dict[str, ox.BlankNode]):
    kind = value.get("type")
    if kind == "uri":
        return ox.NamedNode(value["value"])
    if kind == "bnode":
        if value["value"] not in blank:
            blank[value["value"]] = ox.BlankNode()
        return blank[value["value"]]
    if "xml:lang" in value:
        return ox.Literal(value["value"], language=value["xml:lang"])
    datatype = value.get("datatype")
    if datatype:
        return ox.Literal(value["value"], datatype=ox.NamedNode(datatype))
    return ox.Literal(value["value"])
