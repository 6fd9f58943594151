"""The explorer page: a networkx graph from :mod:`kg.analysis` as one self-contained HTML file.

The page is ``page.html`` with vis-network's JavaScript and CSS inlined (taken from the
copy the pyvis package ships, so nothing is fetched from a CDN), the explorer's own
``explorer.css`` and ``explorer.js``, and the graph as a JSON block. Every string from
the news reaches the page only inside that JSON block, with ``<``, ``>`` and ``&``
escaped, and the script puts it in the document with ``textContent``, never as HTML.
"""
from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import networkx as nx

from ..analysis import KINDS
from ..errors import KGError
from .layout import CLASS_NAMES, aggregate, layout_positions

__all__ = ["DEFAULT_NODE_LIMIT", "PHYSICS_LIMIT", "CLASS_STYLES", "PageInfo", "explorer_data", "render_page",
           "write_page", "vis_assets"]

#: Above this many nodes the page shows the aggregated view (one node per country and class).
DEFAULT_NODE_LIMIT = 5000
#: Above this many nodes positions are computed beforehand and the browser's physics stays off.
PHYSICS_LIMIT = 400

#: class -> (vis shape, colour); shapes that hold their label inside get white text.
CLASS_STYLES = {
    "Country": ("ellipse", "#1f5fa8"), "Person": ("dot", "#f28e2b"), "Post": ("triangleDown", "#c9a227"),
    "Organization": ("square", "#8c5fbf"), "Law": ("hexagon", "#3a9a3a"), "Code": ("box", "#1d6b45"),
    "CodeArticle": ("triangle", "#17a2b8"), "Penalty": ("diamond", "#d63a3a"),
    "LegislativeEvent": ("star", "#d45fa8"), "SourceDocument": ("dot", "#8a8a8a"),
}
_OTHER_STYLE = ("dot", "#a0a0a0")
_INSIDE = {"ellipse", "database", "box", "circle", "text"}  # shapes drawn around their label
_VIS = "templates/lib/vis-9.1.2"
_MARKER = re.compile(r"<!--KG:([A-Z_]+)-->")


@dataclass(frozen=True)
class PageInfo:
    """What :func:`write_page` wrote."""

    path: Path
    nodes: int
    edges: int
    aggregated: bool
    message: str | None


def vis_assets() -> tuple[str, str]:
    """vis-network's standalone JavaScript and CSS, from the pyvis package's copy."""
    try:
        folder = resources.files("pyvis").joinpath(_VIS)
        js = folder.joinpath("vis-network.min.js").read_text(encoding="utf-8")
        css = folder.joinpath("vis-network.css").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError) as exc:
        raise KGError(f"vis-network is missing from the pyvis package ({exc}); reinstall pyvis>=0.3.2") from None
    # the page must not point anywhere: drop the source-map reference (DevTools would fetch it)
    js = re.sub(r"//# sourceMappingURL=\S+", "", js)
    css = re.sub(r"/\*# sourceMappingURL=\S+ \*/", "", css)
    return js, css


def _own(name: str) -> str:
    return resources.files("kg.viz").joinpath(name).read_text(encoding="utf-8")


def _short(text: str, limit: int = 38) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def explorer_data(graph: nx.MultiDiGraph, *, title: str = "legiskg explorer",
                  max_nodes: int = DEFAULT_NODE_LIMIT, message: str | None = None) -> dict:
    """The JSON the page script reads: classes, countries, nodes (with evidence), edges, options."""
    total = graph.number_of_nodes()
    aggregated = total > max_nodes
    if aggregated:
        message = (f"This graph has {total:,} nodes, more than the page's limit of {max_nodes:,}: it shows one "
                   "node per country and class instead. Narrow it with --country, --type, --focus, --since "
                   "or --query, or raise --max-nodes.")
        graph = aggregate(graph)
    physics = 0 < graph.number_of_nodes() <= PHYSICS_LIMIT
    positions = {} if physics else layout_positions(graph)
    order = sorted(graph.nodes, key=lambda n: (KINDS.index(graph.nodes[n]["kind"]) if graph.nodes[n]["kind"] in KINDS
                                               else len(KINDS), str(graph.nodes[n]["label"]), n))
    ids = {iri: i for i, iri in enumerate(order)}
    degree = dict(graph.degree())
    nodes = []
    for iri in order:
        data = graph.nodes[iri]
        item = {"id": ids[iri], "kind": data["kind"], "label": str(data["label"]), "short": _short(data["label"]),
                "iri": "" if iri.startswith("group:") else iri, "countries": list(data.get("countries") or []),
                "date": data.get("date"), "values": [list(v) for v in data.get("values") or []],
                "evidence": [{"quote": e["quote"], "title": e.get("title"), "date": e.get("date")}
                             for e in data.get("evidence") or []]}
        weight = data.get("size") or degree.get(iri, 0)
        item["size"] = round(8 + min(24.0, 3 * math.sqrt(weight)), 1)
        if iri in positions:
            item["x"], item["y"] = positions[iri]
        nodes.append(item)
    edges = [{"from": ids[s], "to": ids[o],
              "label": f"{k} ×{d['count']}" if d.get("count", 1) > 1 else k}
             for s, o, k, d in sorted(graph.edges(keys=True, data=True), key=lambda e: (ids[e[0]], ids[e[1]], e[2]))]
    kinds = sorted({n["kind"] for n in nodes}, key=lambda k: KINDS.index(k) if k in KINDS else len(KINDS))
    classes = []
    for kind in kinds:
        shape, colour = CLASS_STYLES.get(kind, _OTHER_STYLE)
        classes.append({"kind": kind, "name": CLASS_NAMES.get(kind, (kind,))[0], "shape": shape, "color": colour,
                        "inside": shape in _INSIDE, "count": sum(1 for n in nodes if n["kind"] == kind)})
    country_names = {n["countries"][0]: n["label"] for n in nodes if n["kind"] == "Country" and n["countries"]}
    countries = sorted({c for n in nodes for c in n["countries"]})
    return {"title": title, "message": message, "aggregated": aggregated, "physics": physics, "total": total,
            "classes": classes,
            "countries": [{"iso": c, "name": country_names.get(c, c)} for c in countries],
            "nodes": nodes, "edges": edges}


def _script_json(value: dict) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' can end it or open a tag."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _script(code: str) -> str:
    return code.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT")


def render_page(graph: nx.MultiDiGraph, *, title: str = "legiskg explorer", max_nodes: int = DEFAULT_NODE_LIMIT,
                message: str | None = None) -> str:
    """The whole explorer page for ``graph`` as HTML text."""
    return _render(explorer_data(graph, title=title, max_nodes=max_nodes, message=message))


def _render(data: dict) -> str:
    vis_js, vis_css = vis_assets()
    parts = {
        "TITLE": html.escape(data["title"]),
        "VIS_CSS": vis_css.replace("</style", "<\\/style"),
        "EXPLORER_CSS": _own("explorer.css"),
        "VIS_JS": _script(vis_js),
        "DATA": _script_json(data),
        "EXPLORER_JS": _script(_own("explorer.js")),
    }
    return _MARKER.sub(lambda m: parts[m.group(1)], _own("page.html"))


def write_page(graph: nx.MultiDiGraph, output: str | Path, *, title: str = "legiskg explorer",
               max_nodes: int = DEFAULT_NODE_LIMIT, message: str | None = None) -> PageInfo:
    """Write the explorer page to ``output`` (whole or not at all); say what it holds."""
    data = explorer_data(graph, title=title, max_nodes=max_nodes, message=message)
    text = _render(data)
    target = Path(output)
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(text, encoding="utf-8")
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise KGError(f"{output}: cannot write: {exc.strerror or exc}") from None
    return PageInfo(target, len(data["nodes"]), len(data["edges"]), data["aggregated"], data["message"])
