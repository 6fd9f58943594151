"""The default backend: an embedded Oxigraph store on disk (pyoxigraph).

Writes are SPARQL updates, one per batch of documents, so each batch (and so each
document) lands whole or not at all. Queries run on Oxigraph's own engine over the
union of all named graphs. Only one process may open the store for writing; readers
open it read-only.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import BinaryIO, Iterable, Sequence

import pyoxigraph as ox
from rdflib.term import Identifier

from ..errors import QuerySyntaxError, QueryTimeout, StoreError, StoreNotFound
from .base import EXPORT_FORMATS, DocumentGraph, DocumentInfo, QueryResult, Store
from .lock import lock_store
from .terms import ONTOLOGY_GRAPH, PREFIXES, documents_query, rows_to_documents, to_rdflib

__all__ = ["OxigraphStore"]

_RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG,
                "nquads": ox.RdfFormat.N_QUADS, "ntriples": ox.RdfFormat.N_TRIPLES}


#: quads written between two flushes of RocksDB's memtables to disk (keeps a build's memory flat)
FLUSH_EVERY_QUADS = 200_000


class OxigraphStore(Store):
    """A store in a folder on disk; ``create=False`` refuses to make a new one."""

    def __init__(self, path: str | Path, *, create: bool = True, read_only: bool = False):
        self.path = Path(path)
        self.location = str(self.path)
        self.read_only = read_only
        if not create and not (self.path / "CURRENT").exists():
            raise StoreNotFound(f"no store at {self.path}: build one with `kg build INPUT... --store {self.path}`")
        try:
            if not read_only:
                self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot open store {self.path}: {exc.strerror or exc}") from None
        self._lock = lock_store(self.path, read_only=read_only)  # one writer or many readers: see kg.store.lock
        try:
            if read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            self._lock.release()
            raise StoreError(f"cannot open store {self.path}: {_first_line(exc)}") from None

    # -- writing ---------------------------------------------------------------------------
    def replace_documents(self, graphs: Sequence[DocumentGraph]) -> int:
        """Write a batch in one transaction: a document is in the store whole or not at all.

        A batch of documents the store does not hold yet (the usual case: the build skips
        unchanged ones) is loaded as one N-Quads text, which Oxigraph parses and writes
        about twice as fast as the same data in a SPARQL update. A batch that replaces
        stored graphs goes through one ``DROP``/``INSERT DATA`` update, so readers never
        see a document missing or doubled.
        """
        if not graphs:
            return 0
        quads = sum(g.quads for g in graphs)
        self._unflushed = getattr(self, "_unflushed", 0) + quads
        if self._unflushed >= FLUSH_EVERY_QUADS:
            # RocksDB keeps written data in memtables until told to flush: without this the
            # build's memory grows by about 1 GB per million quads.
            self._store.flush()
            self._unflushed = quads
        if not any(self._store.contains_named_graph(ox.NamedNode(g.iri)) for g in graphs):
            try:
                self._store.load(_nquads(graphs), format=ox.RdfFormat.N_QUADS)
                return quads
            except SyntaxError:
                pass  # not strict N-Triples (nothing was written): SPARQL's grammar takes more
            except OSError as exc:
                raise StoreError(f"cannot write to store {self.path}: {_first_line(exc)}") from None
        parts = []
        for graph in graphs:
            parts.append(f"DROP SILENT GRAPH <{graph.iri}> ;\n")
            if graph.quads:
                parts.append(f"INSERT DATA {{ GRAPH <{graph.iri}> {{\n{graph.ntriples}\n}} }} ;\n")
        self._update("".join(parts).rstrip(" ;\n"))
        return quads

    def drop_documents(self, iris: Iterable[str]) -> None:
        statement = " ;\n".join(f"DROP SILENT GRAPH <{i}>" for i in iris)
        if statement:
            self._update(statement)

    def update(self, sparql: str) -> None:
        self._update(sparql, prefixes=PREFIXES)

    def _update(self, sparql: str, prefixes: dict[str, str] | None = None) -> None:
        try:
            self._store.update(sparql, prefixes=prefixes)
        except SyntaxError as exc:
            raise QuerySyntaxError(f"SPARQL update syntax error: {_one_line(exc)}") from None
        except OSError as exc:
            raise StoreError(f"cannot write to store {self.path}: {_first_line(exc)}") from None

    def ensure_ontology(self, turtle_path: str, version: str) -> None:
        marker = f'ASK {{ GRAPH <{ONTOLOGY_GRAPH}> {{ <{ONTOLOGY_GRAPH}> <http://purl.org/dc/terms/identifier> "{version}" }} }}'
        if bool(self._store.query(marker)):
            return
        quads = [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(ONTOLOGY_GRAPH))
                 for q in ox.parse(path=turtle_path, format=ox.RdfFormat.TURTLE)]
        quads.append(ox.Quad(ox.NamedNode(ONTOLOGY_GRAPH), ox.NamedNode("http://purl.org/dc/terms/identifier"),
                             ox.Literal(version), ox.NamedNode(ONTOLOGY_GRAPH)))
        body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
        self._update(f"DROP SILENT GRAPH <{ONTOLOGY_GRAPH}> ;\nINSERT DATA {{ GRAPH <{ONTOLOGY_GRAPH}> {{\n{body}\n}} }}")

    # -- reading ---------------------------------------------------------------------------
    def documents(self) -> dict[str, DocumentInfo]:
        return rows_to_documents(self.query(documents_query()).rows)

    def query(self, sparql: str, *, timeout: float | None = None, max_rows: int | None = None,
              default_graphs: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None) -> QueryResult:
        dataset = _dataset(default_graphs, named_graphs)
        if timeout is None:
            return self._run(sparql, max_rows, dataset)
        box: dict = {}

        def work() -> None:
            try:
                box["result"] = self._run(sparql, max_rows, dataset)
            except BaseException as exc:  # handed back to the caller's thread
                box["error"] = exc

        thread = threading.Thread(target=work, daemon=True)
        thread.start()
        thread.join(timeout)
        if thread.is_alive():
            raise QueryTimeout(f"query stopped after {timeout:g} s (raise --timeout to wait longer)")
        if "error" in box:
            raise box["error"]
        return box["result"]

    def _run(self, sparql: str, max_rows: int | None, dataset: dict | None = None) -> QueryResult:
        try:
            answer = self._store.query(sparql, prefixes=PREFIXES, **(dataset or {"use_default_graph_as_union": True}))
        except SyntaxError as exc:
            raise QuerySyntaxError(f"SPARQL syntax error: {_one_line(exc)}") from None
        except OSError as exc:
            raise StoreError(f"query failed on {self.path}: {_first_line(exc)}") from None
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(answer))
        if isinstance(answer, ox.QueryTriples):
            return QueryResult("graph", triples=[(to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object))
                                                 for t in answer])
        variables = [v.value for v in answer.variables]
        rows: list[tuple[Identifier | None, ...]] = []
        truncated = False
        for solution in answer:
            if max_rows is not None and len(rows) >= max_rows:
                truncated = True
                break
            rows.append(tuple(to_rdflib(solution[v]) for v in variables))
        return QueryResult("select", variables=variables, rows=rows, truncated=truncated)

    def export(self, fmt: str, out: BinaryIO) -> None:
        if fmt not in EXPORT_FORMATS:
            raise ValueError(fmt)
        if EXPORT_FORMATS[fmt][1]:
            self._store.dump(out, _RDF_FORMATS[fmt])
            return
        union = ox.Store()
        union.extend(ox.Quad(q.subject, q.predicate, q.object)
                     for q in self._store.quads_for_pattern(None, None, None, None)
                     if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == ONTOLOGY_GRAPH))
        if fmt == "json-ld":
            from .terms import jsonld_from_ntriples
            out.write(jsonld_from_ntriples(union.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())))
            return
        union.dump(out, _RDF_FORMATS[fmt], from_graph=ox.DefaultGraph(),
                   prefixes=PREFIXES if fmt == "turtle" else None)

    def quad_count(self) -> int:
        return len(self._store)

    def close(self) -> None:
        store = getattr(self, "_store", None)
        if store is not None:
            try:
                if not self.read_only:
                    store.flush()
            except OSError as exc:  # a full disk: say so, instead of a bare OSError from the flush
                raise StoreError(f"cannot write to store {self.path}: {_first_line(exc)}") from None
            finally:
                del self._store
                self._lock.release()


def _dataset(default_graphs: Sequence[str] | None, named_graphs: Sequence[str] | None) -> dict | None:
    """pyoxigraph's arguments for a SPARQL Protocol dataset; None keeps the union default graph."""
    if default_graphs is None and named_graphs is None:
        return None
    dataset: dict = {"named_graphs": [ox.NamedNode(g) for g in named_graphs]} if named_graphs is not None else {}
    if default_graphs is not None:
        dataset["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    else:
        dataset["use_default_graph_as_union"] = True
    return dataset


def _one_line(exc: BaseException, limit: int = 300) -> str:
    """A parser's message on one line and not too long: Oxigraph lists every token it expected."""
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _nquads(graphs: Sequence[DocumentGraph]) -> str:
    """The batch as N-Quads: each N-Triples line of a graph with the graph's name added.

    Strict N-Triples (as :mod:`kg.graph` writes it) escapes line breaks inside literals,
    so every line is one triple ending in " .".
    """
    parts = []
    for graph in graphs:
        if graph.quads:
            parts.append((graph.ntriples + "\n").replace(" .\n", f" <{graph.iri}> .\n"))
    return "".join(parts)
