"""Saved analyst queries and result formatting.

Saved queries are ``kg/queries/*.rq`` files; the first comment line is the description.
A query may take parameters, declared as ``#+ param NAME: what it means``. Lines written
``#@NAME pattern`` are comments until NAME is given; then they become patterns, with
``$NAME`` replaced by the value as a string literal. Listing queries start from those
patterns, so a question about one country costs what that country holds, not what the
store holds (a constant in a pattern lets Oxigraph's planner start there; a ``VALUES``
block does not).

A long listing may page, declared as ``#+ page SIZE UNITS ?TOTAL: note``. Asked for
page N, lines written ``#@page ...`` become part of the query (before the parameters'
lines are read, so ``#@page #@country ...`` is a country line of the paged form only), with
``$limit`` and ``$offset`` replaced by numbers: the paged form picks one page of units (its
documents, code articles or fines) in the listing's order first and reads only their rows,
and its ``?TOTAL`` column says how many units the whole listing holds. The pages, read one
after the other, are the full listing row for row (tests/test_paging.py).
Results print as an aligned table, CSV, TSV or SPARQL 1.1 Query Results JSON; graph
results (CONSTRUCT, DESCRIBE) print as Turtle.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from importlib import resources

from rdflib import BNode, Graph, Literal, URIRef

from .errors import UsageError
from .store.base import QueryResult
from .store.terms import PREFIXES

__all__ = ["Paging", "SavedQuery", "saved_queries", "saved_query", "format_result", "RESULT_FORMATS", "term_text",
           "json_term", "refuse_federation"]

RESULT_FORMATS = ("table", "csv", "tsv", "json")


_PARAM = re.compile(r"^#\+\s*param\s+([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*)$", re.M)
_PAGE = re.compile(r"^#\+\s*page\s+(\d+)\s+([^?\n]+?)\s+\?([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*)$", re.M)


@dataclass(frozen=True)
class Paging:
    """How a saved listing pages: ``size`` units a page, ``unit`` what they are ("documents"),
    ``total`` the column with how many units the whole listing holds, ``note`` their order
    and the like (for people)."""
    size: int
    unit: str
    total: str
    note: str


@dataclass(frozen=True)
class SavedQuery:
    name: str
    description: str
    text: str
    params: dict[str, str] = field(default_factory=dict)  # name -> what it means
    paging: Paging | None = None

    def bind(self, values: dict[str, str] | None = None, *, page: int | None = None,
             page_size: int | None = None) -> str:
        """The query text with these parameter values (strings) in place; with ``page``, the
        paged form for that page (1 is the first) of ``page_size`` units (default: the
        query's own)."""
        values = values or {}
        unknown = sorted(set(values) - set(self.params))
        if unknown:
            accepted = ", ".join(self.params) or "none"
            raise UsageError(f"saved query {self.name!r} takes no parameter {unknown[0]!r} (parameters: {accepted})")
        text = self.text
        if page is not None or page_size is not None:
            if self.paging is None:
                raise UsageError(f"saved query {self.name!r} does not page: it is short (drop --page)")
            page = 1 if page is None else page
            size = self.paging.size if page_size is None else page_size
            if page < 1 or size < 1:
                raise UsageError("pages count from 1, and a page holds at least one unit")
            text = _turn_on(text, "page", {"$limit": str(size), "$offset": str((page - 1) * size)})
        for name, value in values.items():
            text = _turn_on(text, name, {f"${name}": _sparql_string(value)})
        return text


def _turn_on(text: str, marker: str, values: dict[str, str]) -> str:
    """Lines written ``#@MARKER ...`` become part of the query, each ``$NAME`` of ``values`` in place."""
    placeholders = re.compile("|".join(re.escape(k) for k in sorted(values, key=len, reverse=True)))
    return re.sub(rf"^(\s*)#@{marker} (.*)$",
                  lambda m: m.group(1) + placeholders.sub(lambda n: values[n.group(0)], m.group(2)), text, flags=re.M)


def _sparql_string(value: str) -> str:
    escaped = (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r"))
    return f'"{escaped}"'


def refuse_federation(text: str, allow_service=()) -> None:
    """Raise a UsageError if the query would fetch a URL (``SERVICE``) not under one of the
    ``allow_service`` URL prefixes: a query from someone else must not make this machine
    call its internal services (see :mod:`kg.serve.guard`)."""
    from .serve.guard import Guard
    Guard(allow_service, hint="give kg query --allow-service URL-PREFIX to allow it").check_query(text)


def saved_queries() -> list[SavedQuery]:
    folder = resources.files("kg").joinpath("queries")
    out = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".rq"):
            continue
        text = entry.read_text(encoding="utf-8")
        first = next((l for l in text.splitlines() if l.strip()), "")
        description = first.lstrip("#").strip() if first.lstrip().startswith("#") else ""
        params = {m.group(1): m.group(2).strip() for m in _PARAM.finditer(text)}
        page = _PAGE.search(text)
        paging = Paging(int(page.group(1)), page.group(2).strip(), page.group(3), page.group(4).strip()) if page else None
        out.append(SavedQuery(entry.name[:-3], description, text, params, paging))
    return out


def saved_query(name: str) -> SavedQuery:
    for query in saved_queries():
        if query.name == name:
            return query
    names = ", ".join(q.name for q in saved_queries())
    raise UsageError(f"no saved query {name!r}; saved queries: {names}")


def term_text(term) -> str:
    """A cell as an analyst reads it: IRIs compacted with the known prefixes, literals as text."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        value = str(term)
        for prefix, ns in PREFIXES.items():
            if value.startswith(ns) and prefix != "id":
                return f"{prefix}:{value[len(ns):]}"
        return value
    return str(term)


def json_term(term) -> dict:
    """One RDF term in SPARQL 1.1 Query Results JSON."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal):
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype:
            out["datatype"] = str(term.datatype)
    return out


def format_result(result: QueryResult, fmt: str = "table", *, max_width: int = 60) -> str:
    """Render ``result`` as text in ``fmt`` (one of :data:`RESULT_FORMATS`)."""
    if fmt not in RESULT_FORMATS:
        raise UsageError(f"unknown result format {fmt!r}; choose one of: {', '.join(RESULT_FORMATS)}")
    if result.kind == "graph":
        graph = Graph()
        for prefix, ns in PREFIXES.items():
            graph.bind(prefix, ns)
        for triple in result.triples:
            graph.add(triple)
        return graph.serialize(format="turtle")
    if result.kind == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.boolean)})
        return "true" if result.boolean else "false"
    if fmt == "json":
        bindings = [{v: json_term(t) for v, t in zip(result.variables, row) if t is not None} for row in result.rows]
        return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}},
                          ensure_ascii=False, indent=1)
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([("" if t is None else str(t)) for t in row])
        return buffer.getvalue().rstrip("\n")
    return _table(result, max_width)


def _table(result: QueryResult, max_width: int) -> str:
    from .format import cell_text  # numbers for people: "4 months", "15,806.64"

    def cell(variable: str, term) -> str:
        text = " ".join(term_text(term).split())
        if isinstance(term, Literal) and term.datatype is not None:
            text = cell_text(variable, text, str(term.datatype))
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    rows = [[cell(v, t) for v, t in zip(result.variables, row)] for row in result.rows]
    widths = [max([len(v)] + [len(r[i]) for r in rows]) for i, v in enumerate(result.variables)]
    line = lambda values: "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()  # noqa: E731
    out = [line(result.variables), line(["-" * w for w in widths])]
    out += [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''}{', truncated' if result.truncated else ''})")
    return "\n".join(out)
