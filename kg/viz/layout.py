"""Positions for large graphs, and the aggregated view for graphs too large to draw.

A force layout of thousands of nodes is too slow in Python without scipy and in the
browser alike, so large graphs get a layout computed once, in linear time: one cluster
per country, each a sunflower (phyllotaxis) spiral of its entities with countries and
people at the centre and documents at the rim, clusters packed in rows. The browser
then draws it with physics off.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict

import networkx as nx

from ..analysis import KINDS

__all__ = ["layout_positions", "aggregate", "CLASS_NAMES"]

#: class -> (singular, plural), as the legend and the aggregated view name them
CLASS_NAMES = {
    "Country": ("country", "countries"), "Person": ("person", "persons"), "Post": ("post", "posts"),
    "Organization": ("organization", "organizations"), "Law": ("law", "laws"), "Code": ("code", "codes"),
    "CodeArticle": ("article", "articles"), "Penalty": ("penalty", "penalties"),
    "LegislativeEvent": ("event", "events"), "SourceDocument": ("document", "documents"),
}
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def _rank(kind: str) -> int:
    return KINDS.index(kind) if kind in KINDS else len(KINDS)


def layout_positions(graph: nx.MultiDiGraph, *, spacing: float = 60.0) -> dict[str, tuple[float, float]]:
    """(x, y) for every node: deterministic, linear in the number of nodes.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", kind="Person", label="A", countries=["KZ"])
    >>> g.add_node("b", kind="Law", label="B", countries=["UZ"])
    >>> sorted(layout_positions(g))
    ['a', 'b']
    """
    clusters: dict[str, list[str]] = defaultdict(list)
    for iri, data in graph.nodes(data=True):
        clusters[(data.get("countries") or [""])[0]].append(iri)
    order = sorted(clusters, key=lambda c: (-len(clusters[c]), c))
    step = spacing * 0.62  # a sunflower of step s holds one node per ~pi*s^2: neighbours about `spacing` apart
    radius = {c: step * math.sqrt(len(clusters[c])) + spacing for c in order}
    row_width = math.sqrt(sum((2 * r) ** 2 for r in radius.values())) * 1.3
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for country in order:
        r = radius[country]
        if x > 0 and x + 2 * r > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        cx, cy = x + r, y + r
        members = sorted(clusters[country], key=lambda n: (_rank(graph.nodes[n].get("kind", "")),
                                                            str(graph.nodes[n].get("label", "")), n))
        for i, iri in enumerate(members):
            distance = step * math.sqrt(i + 0.5)
            angle = i * _GOLDEN_ANGLE
            positions[iri] = (round(cx + distance * math.cos(angle), 1), round(cy + distance * math.sin(angle), 1))
        x += 2 * r
        row_height = max(row_height, 2 * r)
    return positions


def aggregate(graph: nx.MultiDiGraph, *, examples: int = 8) -> nx.MultiDiGraph:
    """One node per (country, class) with its count, one edge per (group, property, group) with its count.

    The nodes keep the attributes :mod:`kg.analysis` gives entities, so the explorer
    shows, filters and searches them the same way.
    """
    names = {data["props"].get("isoCode", [""])[0]: data["label"]
             for _, data in graph.nodes(data=True) if data.get("kind") == "Country"}
    group_of: dict[str, str] = {}
    members: dict[str, list[str]] = defaultdict(list)
    for iri, data in graph.nodes(data=True):
        country = (data.get("countries") or [""])[0]
        group = f"group:{country or '-'}:{data['kind']}"
        group_of[iri] = group
        members[group].append(iri)
    out = nx.MultiDiGraph()
    for group, items in sorted(members.items()):
        _, country, kind = group.split(":", 2)
        country = "" if country == "-" else country
        singular, plural = CLASS_NAMES.get(kind, (kind.lower(), kind.lower()))
        where = names.get(country, country) or "no country"
        labels = sorted(str(graph.nodes[i]["label"]) for i in items)
        shown = "; ".join(labels[:examples]) + (f"; … ({len(labels) - examples} more)" if len(labels) > examples else "")
        out.add_node(group, kind=kind, label=f"{where}: {len(items)} {singular if len(items) == 1 else plural}",
                     name=None, aliases=[], props={}, countries=[country] if country else [], date=None,
                     evidence=[], size=len(items),
                     values=[("entities", str(len(items))), ("country", where), ("examples", shown)])
    counts = Counter((group_of[s], key, group_of[o]) for s, o, key in graph.edges(keys=True))
    for (s, key, o), n in sorted(counts.items()):
        out.add_edge(s, o, key=key, property=key, count=n)
    return out
