"""Saved analyst queries and result formatting.

Saved queries are ``kg/queries/*.rq`` files; the first comment line is the description.
A query may take parameters, declared as ``#+ param NAME: what it means``. Lines written
``#@NAME pattern`` are comments until NAME is given; then they become patterns, with
``$NAME`` replaced by the value as a string literal. Listing queries start from those
patterns, so a question about one country costs what that country holds, not what the
store holds (a constant in a pattern lets Oxigraph's planner start there; a ``VALUES``
block does not).
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

__all__ = ["SavedQuery", "saved_queries", "saved_query", "format_result", "RESULT_FORMATS", "term_text",
           "json_term", "refuse_federation"]

RESULT_FORMATS = ("table", "csv", "tsv", "json")


_PARAM = re.compile(r"^#\+\s*param\s+([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*)$", re.M)


@dataclass(frozen=True)
class SavedQuery:
    name: str
    description: str
    text: str
    params: dict[str, str] = field(default_factory=dict)  # name -> what it means

    def bind(self, values: dict[str, str] | None = None) -> str:
        """The query text with these parameter values (strings) in place."""
        values = values or {}
        unknown = sorted(set(values) - set(self.params))
        if unknown:
            accepted = ", ".join(self.params) or "none"
            raise UsageError(f"saved query {self.name!r} takes no parameter {unknown[0]!r} (parameters: {accepted})")
        text = self.text
        for name, value in values.items():
            literal = _sparql_string(value)
            text = re.sub(rf"^(\s*)#@{name} (.*)$", lambda m: m.group(1) + m.group(2).replace(f"${name}", literal),
                          text, flags=re.M)
        return text


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
        out.append(SavedQuery(entry.name[:-3], description, text, params))
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
