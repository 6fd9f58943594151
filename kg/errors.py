"""The one exception tree of legiskg.

The library raises these; the CLI turns each into one line and an exit code.
Every message names what went wrong and, where there is one, the file.
"""
from __future__ import annotations

__all__ = [
    "KGError", "InputError", "PartialInput", "ExtractionError", "StoreError", "StoreNotFound",
    "QuerySyntaxError", "QueryTimeout", "ValidationError", "UsageError", "ClusterError",
]


class KGError(Exception):
    """Base of every error legiskg raises on purpose."""

    exit_code = 1


class InputError(KGError):
    """An input file or stream cannot be read as news text."""

    def __init__(self, source: str, reason: str, line: int | None = None):
        self.source, self.reason, self.line = source, reason, line
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {reason}")


class PartialInput(InputError):
    """Part of an input was read: the documents that were, and one error per bad record."""

    def __init__(self, source: str, documents: list, errors: list[InputError]):
        self.documents, self.errors = list(documents), list(errors)
        first = self.errors[0] if self.errors else None
        detail = f" (first: line {first.line}: {first.reason})" if first is not None and first.line else ""
        super().__init__(source, f"{len(self.errors)} bad records, {len(self.documents)} read{detail}")


class ExtractionError(KGError):
    """The extractor failed on one document."""


class StoreError(KGError):
    """The store cannot be opened, read or written."""


class StoreNotFound(StoreError):
    """No store exists where one was expected."""


class QuerySyntaxError(KGError):
    """A SPARQL query or update does not parse."""

    exit_code = 2


class QueryTimeout(KGError):
    """A query ran past its time limit."""


class ValidationError(KGError):
    """The graph breaks the SHACL contract."""


class UsageError(KGError):
    """The caller asked for something that does not exist (a format, a saved query)."""

    exit_code = 2


class ClusterError(KGError):
    """The Dask scheduler cannot be reached, or the cluster lost the work."""
