"""The notebook API: open a store or an endpoint, ask it questions, get rows and graphs back.

::

    import kg
    g = kg.open("kg-store")                                # or kg.open("http://host:8890/sparql")
    g.saved("penalty-changes", country="Kazakhstan").to_dataframe()
    g.query("SELECT ?law WHERE { ?law a lk:Law }").to_dicts()
    g.networkx()                                           # a typed networkx.MultiDiGraph

Rows hold plain Python values (str, int, float, bool, ``None`` for unbound); IRIs stay
strings. :meth:`Rows.to_dataframe` needs pandas (``pip install 'legiskg[notebook]'``).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

from rdflib import Literal

from .errors import UsageError
from .query import saved_queries, saved_query
from .store import QueryResult, Store, open_store

__all__ = ["open", "KG", "Rows"]


def _value(term) -> Any:
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, Decimal):
            return float(value)
        if isinstance(value, Literal):  # a datatype rdflib does not map
            return str(value)
        return value if isinstance(value, (str, int, float, bool)) else str(term)
    return str(term)


@dataclass
class Rows:
    """The rows of a SELECT query: iterate them as dicts, or turn them into a DataFrame."""

    variables: list[str]
    values: list[tuple]
    truncated: bool = False

    @classmethod
    def from_result(cls, result: QueryResult) -> "Rows":
        if result.kind != "select":
            raise UsageError(f"expected a SELECT query, got a {result.kind} result (use KG.store.query for that)")
        return cls(list(result.variables), [tuple(_value(t) for t in row) for row in result.rows], result.truncated)

    def __len__(self) -> int:
        return len(self.values)

    def __iter__(self) -> Iterator[dict]:
        return iter(self.to_dicts())

    def __getitem__(self, index: int) -> dict:
        return dict(zip(self.variables, self.values[index]))

    def to_dicts(self) -> list[dict]:
        return [dict(zip(self.variables, row)) for row in self.values]

    def column(self, name: str) -> list:
        i = self.variables.index(name)
        return [row[i] for row in self.values]

    def to_dataframe(self):
        """A pandas DataFrame with one column per variable (pandas is the ``notebook`` extra)."""
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise UsageError("to_dataframe() needs pandas: pip install 'legiskg[notebook]'") from exc
        return pd.DataFrame(self.values, columns=self.variables)

    def __repr__(self) -> str:
        return f"<Rows: {len(self.values)} rows × {len(self.variables)} columns ({', '.join(self.variables)})>"


class KG:
    """An open knowledge graph (the embedded store or a SPARQL endpoint), read-only."""

    def __init__(self, store: Store, location: str):
        self.store = store
        self.location = location

    def query(self, sparql: str, *, timeout: float | None = None) -> Rows:
        """Run a SELECT query (the usual prefixes, ``lk:`` among them, are predeclared)."""
        kwargs = {"timeout": timeout} if timeout is not None else {}
        return Rows.from_result(self.store.query(sparql, **kwargs))

    def saved(self, name: str, *, page: int | None = None, page_size: int | None = None, **params: str) -> Rows:
        """Run a saved query (``kg queries`` lists them) with its parameters: ``saved("fines-usd", country="Kazakhstan")``;
        a long listing one page at a time with ``page=`` (1: the first; its last column is the total)."""
        text = saved_query(name).bind({k: str(v) for k, v in params.items()}, page=page, page_size=page_size)
        return Rows.from_result(self.store.query(text))

    @staticmethod
    def saved_queries() -> dict[str, str]:
        """The saved queries' names and descriptions."""
        return {q.name: q.description for q in saved_queries()}

    def networkx(self):
        """The whole graph as a typed ``networkx.MultiDiGraph`` (see :func:`kg.analysis.load_graph`)."""
        from .analysis import load_graph
        return load_graph(self.store)

    def report(self, output: str | Path | None = None, *, fmt: str = "html", **filters):
        """A change report (see ``kg report``): the rows, and the page or memo written to ``output`` if given."""
        from .report import Filters, collect, write_report
        f = Filters(**filters)
        if output is None:
            return collect(self.store, f)
        return write_report(self.store, output, f, fmt=fmt)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "KG":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<KG {self.location}>"


def open(location: str | Path = "kg-store") -> KG:  # noqa: A001 - kg.open reads as the verb it is
    """Open a store folder or a SPARQL endpoint URL (``http://...`` or ``sparql+http://...``) for reading."""
    text = str(location)
    if text.startswith(("http://", "https://")):
        text = "sparql+" + text
    return KG(open_store(text, create=False, read_only=True), str(location))
