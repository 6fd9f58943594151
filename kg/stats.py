"""Store statistics: instances per class, documents, named graphs, quads."""
from __future__ import annotations

from .store.base import Store
from .iris import ID

#: document graphs only: not the ontology, not a shared server's own graphs
DOCUMENT_GRAPHS = f'FILTER(STRSTARTS(STR(?g), "{ID}doc/"))'

__all__ = ["class_counts", "store_stats", "DOCUMENT_GRAPHS"]


def class_counts(store: Store) -> list[tuple[str, int]]:
    """(class local name, instance count) for every lk: class in the document graphs."""
    result = store.query(f"""SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {{
        GRAPH ?g {{ ?x a ?class }} {DOCUMENT_GRAPHS} FILTER(STRSTARTS(STR(?class), STR(lk:)))
    }} GROUP BY ?class ORDER BY ?class""")
    return [(str(c).rsplit("#", 1)[-1], int(n)) for c, n in result.rows]


def store_stats(store: Store) -> str:
    graphs = store.query(f"""SELECT (COUNT(DISTINCT ?g) AS ?graphs) (COUNT(*) AS ?quads)
        WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {DOCUMENT_GRAPHS} }}""").rows[0]
    lines = [f"store            {store.location}",
             f"documents        {len(store.documents())}",
             f"named graphs     {int(graphs[0])} (+ the ontology graph)",
             f"quads            {int(graphs[1])}", "", "class            instances"]
    lines += [f"{name:<16} {count}" for name, count in class_counts(store)]
    return "\n".join(lines)
