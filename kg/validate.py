"""SHACL validation of the stored graph against ``ontology/shapes.ttl`` (pyshacl)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rdflib import Graph

from .ontology import ontology_path, shapes_path
from .store.base import Store
from .stats import DOCUMENT_GRAPHS

__all__ = ["ValidationReport", "validate_graph", "validate_store"]


@dataclass
class ValidationReport:
    conforms: bool
    violations: int
    text: str


def validate_graph(data: Graph, *, max_lines: int = 40) -> ValidationReport:
    """Validate ``data`` (instances) together with the ontology; a readable report."""
    from pyshacl import validate

    shapes = Graph().parse(shapes_path(), format="turtle")
    ontology = Graph().parse(ontology_path(), format="turtle")
    conforms, results, _ = validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none",
                                    advanced=False, allow_warnings=True)
    query = """PREFIX sh: <http://www.w3.org/ns/shacl#>
        SELECT ?focus ?path ?message ?severity WHERE { ?report sh:result ?r . ?r sh:focusNode ?focus ;
          sh:resultSeverity ?severity . OPTIONAL { ?r sh:resultPath ?path } OPTIONAL { ?r sh:resultMessage ?message } }"""
    rows = sorted({(str(f), str(p or ""), str(m or ""), str(s).rsplit("#", 1)[-1]) for f, p, m, s in results.query(query)})
    if conforms:
        return ValidationReport(True, 0, f"conforms: {len(data)} triples checked against the SHACL shapes")
    kinds = Counter((p.rsplit("#", 1)[-1].rsplit("/", 1)[-1], m) for _, p, m, _ in rows)
    lines = [f"{len(rows)} violations of the SHACL shapes in {len(data)} triples:"]
    lines += [f"  {n:5d} x {path or '(node)'}: {message}" for (path, message), n in kinds.most_common()]
    lines.append("first focus nodes:")
    lines += [f"  {sev}: {focus} {path.rsplit('#', 1)[-1]}: {message}" for focus, path, message, sev in rows[:max_lines]]
    return ValidationReport(False, len(rows), "\n".join(lines))


def validate_store(store: Store) -> ValidationReport:
    data = Graph()
    for triple in store.query(f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }}
            {DOCUMENT_GRAPHS} }}""").triples:
        data.add(triple)
    return validate_graph(data)
