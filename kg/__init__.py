"""legiskg: a knowledge graph of legislative change read from the news.

The library behind the ``kg`` command, usable from a notebook::

    import kg
    g = kg.open("kg-store")                       # or a SPARQL endpoint URL
    g.saved("penalty-changes", country="Kazakhstan").to_dataframe()

    from kg import open_store, build, extract, iter_documents
    store = open_store("kg-store", create=True)
    build(["articles/"], store)
    rows = store.query("SELECT ?law WHERE { ?law a lk:Law }").rows

Data flows one way: :mod:`kg.ingest` (documents) → :mod:`kg.extract` (facts with
evidence) → :mod:`kg.graph` (triples, one named graph per document) → :mod:`kg.store`
(embedded Oxigraph or a SPARQL endpoint) → :mod:`kg.query`, analysis, viz, serve.
"""
from __future__ import annotations

from .api import KG, Rows, open
from .build import BuildReport, build
from .errors import KGError
from .extract import Extraction, extract
from .graph import document_graph, document_triples
from .ingest import Document, iter_documents
from .query import format_result, saved_queries
from .store import QueryResult, Store, open_store

__all__ = ["open", "KG", "Rows", "build", "BuildReport", "KGError", "extract", "Extraction", "document_graph", "document_triples",
           "Document", "iter_documents", "format_result", "saved_queries", "QueryResult", "Store", "open_store"]
__version__ = "0.1.0"
