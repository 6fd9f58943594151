"""The default backend: an embedded Oxigraph store on disk (pyoxigraph).

Layout: each document's facts in its own named graph (the document IRI), the ontology in
its own named graph, and every one of those triples once more in the default graph, which
so holds each fact exactly once however many documents state it. Queries run on
Oxigraph's own engine over that default graph (``GRAPH ?doc { ... }`` reaches the
documents), so analysts' queries need no de-duplication.

Writing: documents the store does not hold yet are buffered and bulk-loaded (Oxigraph's
bulk loader, several times faster than a transaction) through a journal file: the
N-Quads are written and synced to ``kg-pending.nq`` first, loaded, then the journal is
removed. During a build the load runs in a thread while extraction goes on (one load at
a time; anything else the store is asked waits for it). A writer that finds a journal when
it opens the store (a build was killed during the load) removes what that journal added,
so a document is in the store whole or not at all. Replacing or dropping stored documents
is one SPARQL update (a transaction). Only one process may open the store for writing;
readers open it read-only.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import BinaryIO, Iterable, Sequence

import pyoxigraph as ox
from rdflib.term import Identifier

from ..errors import QuerySyntaxError, QueryTimeout, StoreError, StoreNotFound, UsageError
from .base import EXPORT_FORMATS, DocumentGraph, DocumentInfo, QueryResult, Store
from .lock import lock_store
from .terms import ONTOLOGY_GRAPH, PREFIXES, documents_query, retract_operations, rows_to_documents, to_rdflib

__all__ = ["OxigraphStore"]

_RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG,
                "nquads": ox.RdfFormat.N_QUADS, "ntriples": ox.RdfFormat.N_TRIPLES}


#: quads written between two flushes of RocksDB's memtables to disk (keeps a build's memory flat)
FLUSH_EVERY_QUADS = 200_000
#: new documents' quads gathered before one bulk load. Measured on 3,000 articles: 40k
#: instead of 150k halves a build's peak memory (500 -> 250 MB) and shortens the last load,
#: which nothing overlaps; the extra files it leaves go with `kg optimize`
BULK_QUADS = 40_000
#: the journal of the bulk load in progress; see the module docstring
JOURNAL = "kg-pending.nq"

_DEFAULT = ox.DefaultGraph()


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
        self._pending: list[DocumentGraph] = []
        self._pending_quads = 0
        self._unflushed = 0
        self._overlap = False  # bulk loads in a thread while the caller goes on (see overlap_writes)
        self._loading: tuple | None = None  # the load in that thread: (thread, outcome, journal, graphs, quads)
        if not read_only:
            self._recover()

    # -- writing ---------------------------------------------------------------------------
    def replace_documents(self, graphs: Sequence[DocumentGraph]) -> int:
        """Write a batch: each document's named graph, and its triples in the default graph.

        Documents the store does not hold yet (the usual case: the build skips unchanged
        ones) are buffered and bulk-loaded through the journal (:meth:`_load_pending`).
        A batch that replaces stored graphs is one SPARQL update, so readers never see a
        document missing or doubled.
        """
        if not graphs:
            return 0
        quads = sum(g.quads for g in graphs)
        if _strict(graphs) and not any(self._store.contains_named_graph(ox.NamedNode(g.iri)) for g in graphs):
            self._pending.extend(graphs)
            self._pending_quads += quads
            if self._pending_quads >= BULK_QUADS:
                self._load_pending(background=self._overlap)
            return quads
        self._load_pending()
        self.replace_documents_by_update(graphs)
        return quads

    def replace_documents_by_update(self, graphs: Sequence[DocumentGraph]) -> None:
        """Replace these documents in one SPARQL update (one transaction)."""
        quads = sum(g.quads for g in graphs)
        parts = [_retract(graph.iri) for graph in graphs]
        for graph in graphs:
            if graph.quads:
                parts.append(f"INSERT DATA {{ GRAPH <{graph.iri}> {{\n{graph.ntriples}\n}} }}")
                parts.append(f"INSERT DATA {{\n{graph.ntriples}\n}}")
        self._update(" ;\n".join(parts))
        self._count(2 * quads)

    def drop_documents(self, iris: Iterable[str]) -> None:
        self._load_pending()
        statement = " ;\n".join(_retract(i) for i in iris)
        if statement:
            self._update(statement)

    def overlap_writes(self, on: bool = True) -> None:
        """Run bulk loads in a thread while the caller goes on extracting: for a build in one
        process, whose extraction leaves the second core idle (pyoxigraph releases the GIL
        while it loads). One load at a time; anything else the store does waits for it."""
        self._overlap = on

    def _finish_load(self) -> None:
        """Wait for the load running in the background, then finish it as a load in line would."""
        if self._loading is None:
            return
        thread, outcome, journal, graphs, quads = self._loading
        self._loading = None
        thread.join()
        self._after_load(outcome.get("error"), journal, graphs, quads)

    def _after_load(self, error: BaseException | None, journal: Path, graphs: list[DocumentGraph], quads: int) -> None:
        try:
            if isinstance(error, SyntaxError):
                # a line N-Quads does not take (SPARQL's grammar takes more): undo, write by update
                self._undo(journal)
                self.replace_documents_by_update(graphs)
                return
            if error is not None:
                raise error
            journal.unlink()
        except OSError as exc:
            raise StoreError(f"cannot write to store {self.path}: {_first_line(exc)}") from None
        self._count(2 * quads)

    def _load_pending(self, background: bool = False) -> None:
        """Bulk-load the buffered new documents: journal first, then the load, then no journal."""
        self._finish_load()
        if not self._pending:
            return
        graphs, self._pending, quads, self._pending_quads = self._pending, [], self._pending_quads, 0
        journal, partial = self.path / JOURNAL, self.path / (JOURNAL + ".tmp")
        try:
            with open(partial, "w", encoding="utf-8") as out:
                for graph in graphs:
                    if graph.quads:
                        text = graph.ntriples + "\n"
                        out.write(text.replace(" .\n", f" <{graph.iri}> .\n"))
                        out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.replace(partial, journal)
            _sync_folder(self.path)
        except OSError as exc:
            raise StoreError(f"cannot write to store {self.path}: {_first_line(exc)}") from None
        outcome: dict = {}

        def load() -> None:
            try:
                self._store.bulk_load(path=str(journal), format=ox.RdfFormat.N_QUADS)
            except BaseException as exc:  # handed back to the writer's thread by _after_load
                outcome["error"] = exc

        if background:
            thread = threading.Thread(target=load, name="kg-bulk-load", daemon=True)
            self._loading = (thread, outcome, journal, graphs, quads)
            thread.start()
            return
        load()
        self._after_load(outcome.get("error"), journal, graphs, quads)

    def _count(self, quads: int) -> None:
        self._unflushed += quads
        if self._unflushed >= FLUSH_EVERY_QUADS:
            # RocksDB keeps written data in memtables until told to flush: without this the
            # build's memory grows by about 1 GB per million quads.
            self._store.flush()
            self._unflushed = 0

    def _recover(self) -> None:
        """Undo a bulk load a killed writer left unfinished (its journal is still there)."""
        partial, journal = self.path / (JOURNAL + ".tmp"), self.path / JOURNAL
        try:
            if partial.exists():  # killed while writing the journal: nothing was loaded
                partial.unlink()
            if journal.exists():
                self._undo(journal)
        except OSError as exc:
            self.close()
            raise StoreError(f"cannot recover the unfinished write in {journal}: {_first_line(exc)}") from None

    def _undo(self, journal: Path) -> None:
        """Remove what loading ``journal`` may have added, then the journal."""
        quads = _read_journal(journal)
        batch = {q.graph_name for q in quads if isinstance(q.graph_name, ox.NamedNode)}
        for quad in quads:
            if isinstance(quad.graph_name, ox.NamedNode):
                self._store.remove(quad)
        for quad in quads:
            if isinstance(quad.graph_name, ox.DefaultGraph) and not any(
                    isinstance(q.graph_name, ox.NamedNode) and q.graph_name not in batch
                    for q in self._store.quads_for_pattern(quad.subject, quad.predicate, quad.object, None)):
                self._store.remove(quad)
        self._store.flush()
        journal.unlink()

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
        self._load_pending()
        if not self._has_default_graph() and any(True for _ in self._store.named_graphs()):
            # a store written before the default graph held the merged facts: fill it once
            self._update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        marker = f'ASK {{ GRAPH <{ONTOLOGY_GRAPH}> {{ <{ONTOLOGY_GRAPH}> <http://purl.org/dc/terms/identifier> "{version}" }} }}'
        if bool(self._store.query(marker)):
            return
        graph = ox.NamedNode(ONTOLOGY_GRAPH)
        triples = [ox.Triple(q.subject, q.predicate, q.object)
                   for q in ox.parse(path=turtle_path, format=ox.RdfFormat.TURTLE)]
        triples.append(ox.Triple(graph, ox.NamedNode("http://purl.org/dc/terms/identifier"), ox.Literal(version)))
        self._update(_retract(ONTOLOGY_GRAPH))
        try:
            self._store.extend([ox.Quad(t.subject, t.predicate, t.object, g) for t in triples for g in (graph, _DEFAULT)])
        except OSError as exc:
            raise StoreError(f"cannot write to store {self.path}: {_first_line(exc)}") from None

    def _has_default_graph(self) -> bool:
        return next(iter(self._store.quads_for_pattern(None, None, None, _DEFAULT)), None) is not None

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
        self._load_pending()
        try:
            answer = self._store.query(sparql, prefixes=PREFIXES, **(dataset or {}))
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
        # a listing repeats its headlines, types and dates row after row: each term is made
        # into an rdflib term once per answer (measured: a third of a long listing's time)
        made: dict = {}

        def term(value):
            if value is None:
                return None
            found = made.get(value)
            if found is None:
                found = made[value] = to_rdflib(value)
            return found

        for solution in answer:
            if max_rows is not None and len(rows) >= max_rows:
                truncated = True
                break
            rows.append(tuple(term(solution[v]) for v in variables))
        return QueryResult("select", variables=variables, rows=rows, truncated=truncated)

    def export(self, fmt: str, out: BinaryIO) -> None:
        if fmt not in EXPORT_FORMATS:
            raise ValueError(fmt)
        self._load_pending()
        if EXPORT_FORMATS[fmt][1]:  # the named graphs: the default graph only repeats them
            ox.serialize((q for q in self._store.quads_for_pattern(None, None, None, None)
                          if not isinstance(q.graph_name, ox.DefaultGraph)), out, _RDF_FORMATS[fmt])
            return
        union = ox.Store()
        union.extend(ox.Quad(q.subject, q.predicate, q.object)
                     for q in self._store.quads_for_pattern(None, None, None, None)
                     if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value != ONTOLOGY_GRAPH)
        if fmt == "json-ld":
            from .terms import jsonld_from_ntriples
            out.write(jsonld_from_ntriples(union.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())))
            return
        union.dump(out, _RDF_FORMATS[fmt], from_graph=ox.DefaultGraph(),
                   prefixes=PREFIXES if fmt == "turtle" else None)

    def quad_count(self) -> int:
        """Quads in the named graphs (documents and ontology), the default graph's copies not counted."""
        self._load_pending()
        return len(self._store) - self.triple_count()

    def triple_count(self) -> int:
        """Distinct triples: the size of the default graph."""
        self._load_pending()
        return int(next(iter(self._store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))[0].value)

    def optimize(self) -> None:
        """Compact every index (RocksDB's full compaction). A build leaves many files, one per
        bulk load; reading them one by one costs about a quarter of a query's time on a
        million-triple store (measured: benchmarks), so compact after a big build."""
        if self.read_only:
            raise UsageError(f"store {self.path} is open read-only: cannot optimize it")
        try:
            self._load_pending()
            self._store.flush()
            self._store.optimize()
        except OSError as exc:
            raise StoreError(f"cannot optimize store {self.path}: {_first_line(exc)}") from None

    def close(self) -> None:
        store = getattr(self, "_store", None)
        if store is not None:
            try:
                if not self.read_only:
                    self._load_pending()
                    store.flush()
            except OSError as exc:  # a full disk: say so, instead of a bare OSError from the flush
                raise StoreError(f"cannot write to store {self.path}: {_first_line(exc)}") from None
            finally:
                del self._store
                self._lock.release()


def _dataset(default_graphs: Sequence[str] | None, named_graphs: Sequence[str] | None) -> dict | None:
    """pyoxigraph's arguments for a SPARQL Protocol dataset; None keeps the store's default graph."""
    if default_graphs is None and named_graphs is None:
        return None
    dataset: dict = {"named_graphs": [ox.NamedNode(g) for g in named_graphs]} if named_graphs is not None else {}
    if default_graphs is not None:
        dataset["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    return dataset


def _retract(iri: str) -> str:
    return " ;\n".join(retract_operations(iri))


def _strict(graphs: Sequence[DocumentGraph]) -> bool:
    """Every graph is strict N-Triples as :mod:`kg.graph` writes it (one triple per line,
    no blank nodes), so its lines can become N-Quads by adding the graph name."""
    return all("_:" not in g.ntriples for g in graphs)

def _read_journal(journal: Path) -> list[ox.Quad]:
    """The quads of a journal; line by line, skipping what does not parse, if the whole does not."""
    try:
        return list(ox.parse(path=str(journal), format=ox.RdfFormat.N_QUADS))
    except SyntaxError:
        pass
    quads = []
    with open(journal, encoding="utf-8", errors="replace") as lines:
        for line in lines:
            try:
                quads.extend(ox.parse(line, format=ox.RdfFormat.N_QUADS))
            except SyntaxError:
                continue
    return quads


def _sync_folder(path: Path) -> None:
    """Make a rename inside ``path`` durable."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _one_line(exc: BaseException, limit: int = 300) -> str:
    """A parser's message on one line and not too long: Oxigraph lists every token it expected."""
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
