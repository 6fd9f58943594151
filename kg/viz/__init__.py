"""The interactive explorer: a graph from :mod:`kg.analysis` drawn as one offline HTML page.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("id:a", kind="Person", label="<b>A</b>", countries=[], evidence=[], values=[])
>>> html = render_page(g)
>>> "<b>A</b>" in html, "\\\\u003cb\\\\u003eA" in html
(False, True)
"""
from __future__ import annotations

from .layout import CLASS_NAMES, aggregate, layout_positions
from .page import (CLASS_STYLES, DEFAULT_NODE_LIMIT, PHYSICS_LIMIT, PageInfo, explorer_data, render_page,
                   vis_assets, write_page)

__all__ = ["render_page", "write_page", "explorer_data", "PageInfo", "vis_assets", "layout_positions",
           "aggregate", "CLASS_NAMES", "CLASS_STYLES", "DEFAULT_NODE_LIMIT", "PHYSICS_LIMIT"]
