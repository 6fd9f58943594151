"""The query worker of ``kg serve``: one process holding the store, answering tasks over a pipe.

A task is a tuple; the answer is ``("ok", value)`` or ``("error", class name, message)``,
preceded for queries and graph reads by ``("chunk", bytes)`` messages carrying the
serialised answer a piece at a time. On the embedded store a query's solutions are read
lazily from Oxigraph and written as they come, so a big answer never sits whole in the
worker either; the row cap stops the reading, not a slice after it.

Tasks: ``ping``, ``open``, ``close``, ``query``, ``update``, ``graph-read``, ``graph-write``, ``stop``.
"""
from __future__ import annotations

import signal
from typing import Iterator

import pyoxigraph as ox

from ..errors import KGError, QuerySyntaxError, StoreError, UsageError
from ..store.terms import PREFIXES, retract_operations
from .results import MEDIA_TYPES, choose_format, to_oxigraph, write_boolean, write_solutions, write_triples

__all__ = ["worker_main", "GRAPH_MEDIA_TYPES", "GraphNotFound", "run_query", "graph_read", "graph_write"]

#: media types a Graph Store write may send -> Oxigraph's parser
GRAPH_MEDIA_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE, "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/n-quads": ox.RdfFormat.N_QUADS, "text/x-nquads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML, "application/xml": ox.RdfFormat.RDF_XML,
}

CHUNK = 256 * 1024


class _Pipe:
    """A binary file-like object sending what is written as ``("chunk", bytes)`` messages."""

    def __init__(self, conn):
        self.conn, self.parts, self.size = conn, [], 0

    def write(self, data) -> int:
        data = bytes(data)
        self.parts.append(data)
        self.size += len(data)
        if self.size >= CHUNK:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self.parts:
            self.conn.send(("chunk", b"".join(self.parts)))
            self.parts, self.size = [], 0


class _Capped:
    """At most ``cap`` items of an iterator; ``truncated`` says whether more were there."""

    def __init__(self, items, cap: int | None):
        self.items, self.cap, self.count, self.truncated = iter(items), cap, 0, False

    def __iter__(self) -> Iterator:
        for item in self.items:
            if self.cap is not None and self.count >= self.cap:
                self.truncated = True
                return
            self.count += 1
            yield item


def _oxigraph(store):
    """The pyoxigraph store under an embedded :class:`~kg.store.oxigraph.OxigraphStore`, else None."""
    from ..store.oxigraph import OxigraphStore
    return store._store if isinstance(store, OxigraphStore) else None  # noqa: SLF001 - read lazily, see module doc


def _dataset(default_graphs, named_graphs) -> dict:
    dataset: dict = {}
    if default_graphs is not None:
        dataset["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    if named_graphs is not None:
        dataset["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    return dataset


def _one_line(exc: BaseException, limit: int = 300) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def run_query(store, text: str, accept, fmt, cap, default_graphs, named_graphs, timeout, out) -> tuple:
    """Run a query and write its answer to ``out``; return (media type, rows, truncated)."""
    raw = _oxigraph(store)
    if raw is None:  # an external SPARQL server: its answer comes whole, capped by the store
        result = store.query(text, max_rows=cap, timeout=timeout, default_graphs=default_graphs,
                             named_graphs=named_graphs)
        name = choose_format(accept, result.kind, fmt)
        if result.kind == "ask":
            write_boolean(bool(result.boolean), name, out)
            return MEDIA_TYPES[name], 1, False
        if result.kind == "graph":
            capped = _Capped(result.triples, cap)
            write_triples((ox.Triple(*(to_oxigraph(t) for t in triple)) for triple in capped), name, out)
            return MEDIA_TYPES[name], capped.count, capped.truncated or result.truncated
        rows = write_solutions(result.variables, ([None if t is None else to_oxigraph(t) for t in row]
                                                  for row in result.rows), name, out)
        return MEDIA_TYPES[name], rows, result.truncated
    try:
        answer = raw.query(text, prefixes=PREFIXES, **_dataset(default_graphs, named_graphs))
        if isinstance(answer, ox.QueryBoolean):
            name = choose_format(accept, "ask", fmt)
            write_boolean(bool(answer), name, out)
            return MEDIA_TYPES[name], 1, False
        if isinstance(answer, ox.QueryTriples):
            name = choose_format(accept, "graph", fmt)
            capped = _Capped(answer, cap)
            write_triples(capped, name, out)
            return MEDIA_TYPES[name], capped.count, capped.truncated
        name = choose_format(accept, "select", fmt)
        variables = [v.value for v in answer.variables]
        capped = _Capped(answer, cap)
        rows = write_solutions(variables, (tuple(solution) for solution in capped), name, out)
        return MEDIA_TYPES[name], rows, capped.truncated
    except SyntaxError as exc:
        raise QuerySyntaxError(f"SPARQL syntax error: {_one_line(exc)}") from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise StoreError(f"the query failed: {_one_line(exc)}") from None


def graph_read(store, graph: str | None, accept, fmt, cap, out) -> tuple:
    """Write one graph (``None``: the default graph) to ``out``; return (media type, triples, truncated)."""
    name = choose_format(accept, "graph", fmt)
    raw = _oxigraph(store)
    if raw is not None:
        target = ox.NamedNode(graph) if graph else ox.DefaultGraph()
        capped = _Capped((ox.Triple(q.subject, q.predicate, q.object)
                          for q in raw.quads_for_pattern(None, None, None, target)), cap)
        write_triples(capped, name, out, graph)
        return MEDIA_TYPES[name], capped.count, capped.truncated
    pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    result = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {pattern} }}", max_rows=cap)
    capped = _Capped(result.triples, cap)
    write_triples((ox.Triple(*(to_oxigraph(t) for t in triple)) for triple in capped), name, out, graph)
    return MEDIA_TYPES[name], capped.count, capped.truncated or result.truncated


def _payload(path: str, media: str, graph: str | None, base_iri: str) -> tuple[str, int]:
    """A Graph Store payload as N-Triples lines: (text, triples). A quad
    format may only hold the target graph (or the default graph, read as the target)."""
    rdf_format = GRAPH_MEDIA_TYPES[media]
    lines = []
    try:
        for quad in ox.parse(path=path, format=rdf_format, base_iri=graph or base_iri, rename_blank_nodes=True):
            name = quad.graph_name
            if not isinstance(name, ox.DefaultGraph) and not (graph and name == ox.NamedNode(graph)):
                raise UsageError(f"the payload names graph {name}, not the one written "
                                 f"({'<' + graph + '>' if graph else 'the default graph'}): send that graph alone")
            lines.append(f"{quad.subject} {quad.predicate} {quad.object} .")
    except SyntaxError as exc:
        raise QuerySyntaxError(f"the payload is not valid {media}: {_one_line(exc)}") from None
    return "\n".join(lines), len(lines)


class GraphNotFound(KGError):
    """The graph a Graph Store request names is not in the store."""


def graph_write(store, embedded: bool, method: str, graph: str | None, path: str | None, media: str | None,
                base_iri: str) -> bool:
    """Apply a Graph Store write (PUT, POST, DELETE); return whether it created the graph.

    A named graph is written as ``kg build`` writes a document's graph: its triples also go
    to the default (merged) graph, and leave it when the graph is replaced or deleted unless
    another graph still states them. ``graph=None`` writes the default graph itself (the
    embedded store only: on an external server the default graph is kg's merged graph).
    """
    existed = True if graph is None else bool(store.query(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").boolean)
    if method == "DELETE" and not existed:
        raise GraphNotFound(f"no graph <{graph}> in the store")
    text, count = _payload(path, media, graph, base_iri) if path and media else ("", 0)
    if not embedded:
        _remote_write(store, method, graph, text)
        return not existed
    operations: list[str] = []
    if method in ("PUT", "DELETE"):
        operations += ["DROP SILENT DEFAULT"] if graph is None else retract_operations(graph)
    if count:
        # one INSERT DATA for both copies, so a blank node is the same node in both graphs
        operations.append(f"INSERT DATA {{\n{text}\n}}" if graph is None else
                          f"INSERT DATA {{ GRAPH <{graph}> {{\n{text}\n}}\n{text}\n}}")
    if operations:
        store.update(" ;\n".join(operations))
    return not existed


def _remote_write(store, method: str, graph: str | None, text: str) -> None:
    """A Graph Store write on an external SPARQL server, through the store's own document writes."""
    from ..store.base import DocumentGraph

    if graph is None:
        raise UsageError("on an external SPARQL store the default graph is kg's merged graph, kept by kg itself: "
                         "write a named graph (?graph=IRI)")
    if method == "DELETE":
        store.drop_documents([graph])
        return
    lines = [line for line in text.splitlines() if line]
    if method == "POST":
        held = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").triples
        lines = [f"{to_oxigraph(s)} {to_oxigraph(p)} {to_oxigraph(o)} ." for s, p, o in held] + lines
    store.replace_documents([DocumentGraph(graph, "\n".join(lines), len(lines))])


#: graphs Virtuoso keeps for itself (its schemas, its service description, its WebDAV
#: folder under the stock ini's DefaultHost): ``CLEAR ALL`` through kg serve leaves them be
VIRTUOSO_OWN = ("http://www.openlinksw.com/", "http://www.w3.org/ns/ldp#", "http://localhost:8890/")


def _update(store, embedded: bool, text: str) -> None:
    """Apply an update. On Virtuoso (7.2) ``CLEAR``/``DROP`` ``ALL``/``NAMED``/``DEFAULT``
    succeed and change nothing (measured), so each becomes one ``CLEAR GRAPH`` per graph
    (the default graph being kg's merged graph); and as Virtuoso runs the operations of a
    request one by one anyway (not as one transaction), each is sent alone."""
    if embedded or getattr(store, "dialect", lambda: "")() != "virtuoso":
        store.update(text)
        return
    from .guard import split_update, tokens
    for operation in split_update(text):
        words = [t.text.lower() for t in tokens(operation)]
        while words[:1] in (["prefix"], ["base"]):
            words = words[3:] if words[0] == "prefix" else words[2:]
        words = [w for w in words if w != "silent"]
        if len(words) == 2 and words[0] in ("clear", "drop") and words[1] in ("all", "named", "default"):
            for graph in _virtuoso_graphs(store, words[1]):
                store.update(f"{words[0].upper()} SILENT GRAPH <{graph}>")
        else:
            store.update(operation)


def _virtuoso_graphs(store, which: str) -> list[str]:
    merged = store.merged_graph()
    if which == "default":
        return [merged] if merged else []
    rows = store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    graphs = [str(g) for (g,) in rows if not str(g).startswith(VIRTUOSO_OWN)]
    return [g for g in graphs if which == "all" or g != merged]


def worker_main(conn, location: str, options: dict, embedded: bool) -> None:
    """A worker's loop: open the store, answer tasks until told to stop or the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops us
    from ..store import open_store

    store = None

    def opened():
        nonlocal store
        if store is None:
            store = open_store(location, read_only=True, **options) if embedded else open_store(location, **options)
        return store

    def writing(work):
        """Run ``work(store)`` on a store open for writing (the embedded store: this worker alone)."""
        nonlocal store
        if not embedded:
            return work(opened())
        if store is not None:
            store.close()
            store = None
        writer = open_store(location, read_only=False)
        try:
            return work(writer)
        finally:
            writer.close()

    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            break
        kind = task[0]
        if kind == "stop":
            break
        pipe = _Pipe(conn)
        try:
            if kind == "ping":
                reply = ("ok", None)
            elif kind == "open":
                opened()
                reply = ("ok", None)
            elif kind == "close":
                if store is not None:
                    store.close()
                    store = None
                reply = ("ok", None)
            elif kind == "query":
                _, text, accept, fmt, cap, default_graphs, named_graphs, timeout = task
                value = run_query(opened(), text, accept, fmt, cap, default_graphs, named_graphs,
                                  None if embedded else timeout, pipe)
                pipe.flush()
                reply = ("ok", value)
            elif kind == "graph-read":
                _, graph, accept, fmt, cap = task
                value = graph_read(opened(), graph, accept, fmt, cap, pipe)
                pipe.flush()
                reply = ("ok", value)
            elif kind == "update":
                writing(lambda s: _update(s, embedded, task[1]))
                reply = ("ok", None)
            elif kind == "graph-write":
                _, method, graph, path, media, base_iri = task
                reply = ("ok", writing(lambda s: graph_write(s, embedded, method, graph, path, media, base_iri)))
            else:
                reply = ("error", "UsageError", f"unknown task {kind!r}")
        except KGError as exc:
            reply = ("error", type(exc).__name__, str(exc))
        except Exception as exc:  # noqa: BLE001 - reported to the client as a 500, the worker lives on
            reply = ("error", "StoreError", f"internal error: {type(exc).__name__}: {_one_line(exc)}")
        try:
            conn.send(reply)
        except (OSError, ValueError):
            break
    if store is not None:
        store.close()

