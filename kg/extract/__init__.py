"""Extraction: a pure function from a :class:`~kg.ingest.document.Document` to facts.

It needs no store and no RDF, so it runs in worker processes and its tests need no
rdflib. :func:`extract` runs the pipeline of small components in :mod:`kg.extract.pipeline`.
"""
from __future__ import annotations

from .model import Extraction
from .pipeline import EXTRACTOR_VERSION, extract

__all__ = ["extract", "Extraction", "EXTRACTOR_VERSION"]
