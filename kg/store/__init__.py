"""Store backends, chosen by the ``--store`` value: a folder, or ``sparql+http(s)://...``.

Backends are registered by name and imported lazily (as rdflib's plugin registry does),
so the embedded store never loads HTTP code and vice versa.
"""
from __future__ import annotations

import importlib
import os

from ..errors import UsageError
from .base import EXPORT_FORMATS, DocumentGraph, DocumentInfo, QueryResult, Store

__all__ = ["open_store", "default_location", "Store", "QueryResult", "DocumentGraph", "DocumentInfo",
           "EXPORT_FORMATS", "BACKENDS"]

#: URL scheme -> "module:Class"; a bare path means the embedded store.
BACKENDS = {
    "oxigraph": "kg.store.oxigraph:OxigraphStore",
    "sparql+http": "kg.store.sparql:SparqlStore",
    "sparql+https": "kg.store.sparql:SparqlStore",
}


def default_location() -> str:
    return os.environ.get("KG_STORE") or "kg-store"


def open_store(location: str | None = None, *, create: bool = False, read_only: bool = False, **options) -> Store:
    """Open the store at ``location`` (a folder or ``sparql+http://host:port/path``)."""
    location = location or default_location()
    scheme = location.split("://", 1)[0] if "://" in location else "oxigraph"
    if scheme not in BACKENDS:
        raise UsageError(f"unknown store type {scheme!r} in {location!r}; use a folder or one of: "
                         + ", ".join(f"{s}://..." for s in BACKENDS if s != "oxigraph"))
    module, _, name = BACKENDS[scheme].partition(":")
    backend = getattr(importlib.import_module(module), name)
    if scheme == "oxigraph":
        return backend(location, create=create, read_only=read_only)
    return backend(location, **options)
