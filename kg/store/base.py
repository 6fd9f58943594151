"""The store interface: named graphs per document, SPARQL in, rows out.

A backend keeps one named graph per source document (named by the document IRI), the
ontology in its own named graph, and answers SPARQL over the union of all graphs.
Results come back as :class:`QueryResult` holding rdflib terms, whatever the backend.
"""
from __future__ import annotations

import abc
from dataclasses import dataclass, field
from typing import BinaryIO, Iterable, Sequence

from rdflib.term import Identifier, Node

from ..errors import UsageError

__all__ = ["Store", "QueryResult", "DocumentGraph", "EXPORT_FORMATS", "DocumentInfo"]

#: export format name -> (file extension, carries named graphs)
EXPORT_FORMATS = {
    "turtle": ("ttl", False),
    "trig": ("trig", True),
    "nquads": ("nq", True),
    "ntriples": ("nt", False),
    "json-ld": ("jsonld", False),
}

Triple = tuple[Node, Node, Node]


@dataclass
class DocumentGraph:
    """One document's named graph, serialised as N-Triples lines, ready to replace the stored one."""

    iri: str
    ntriples: str
    quads: int


@dataclass
class DocumentInfo:
    iri: str
    content_hash: str | None
    extractor_version: str | None
    source: str | None


@dataclass
class QueryResult:
    """A SELECT (``variables`` + ``rows``), ASK (``boolean``) or CONSTRUCT/DESCRIBE (``triples``)."""

    kind: str  # "select" | "ask" | "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Identifier | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[Triple] = field(default_factory=list)
    truncated: bool = False

    def dicts(self) -> list[dict[str, Identifier | None]]:
        return [dict(zip(self.variables, row)) for row in self.rows]


class Store(abc.ABC):
    """What every backend offers. Writers call :meth:`replace_documents` in batches."""

    location: str

    @abc.abstractmethod
    def replace_documents(self, graphs: Sequence[DocumentGraph]) -> int:
        """Drop and insert each document's graph, all in one transaction; return quads written."""

    @abc.abstractmethod
    def drop_documents(self, iris: Iterable[str]) -> None:
        """Remove these documents' graphs."""

    @abc.abstractmethod
    def documents(self) -> dict[str, DocumentInfo]:
        """Every document graph with its content hash, extractor version and source."""

    @abc.abstractmethod
    def query(self, sparql: str, *, timeout: float | None = None, max_rows: int | None = None,
              default_graphs: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None) -> QueryResult:
        """Run SPARQL over the union of all graphs, or over the SPARQL Protocol's dataset
        (``default-graph-uri`` / ``named-graph-uri``) when one is given."""

    @abc.abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update."""

    @abc.abstractmethod
    def export(self, fmt: str, out: BinaryIO) -> None:
        """Write the store in one of :data:`EXPORT_FORMATS`."""

    @abc.abstractmethod
    def ensure_ontology(self, turtle_path: str, version: str) -> None:
        """Load (or refresh) the ontology into its own named graph."""

    def overlap_writes(self, on: bool = True) -> None:  # noqa: B027 - optional for backends
        """Let writes run alongside the caller's own work where the backend can."""

    def optimize(self) -> None:
        """Compact the store's files for reading (after a big build), where kg manages them."""
        raise UsageError(f"{type(self).__name__} has no files of kg's to optimize")

    def close(self) -> None:  # noqa: B027 - optional for backends
        """Release the store."""

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
