"""How long a large explorer page takes to draw: a synthetic graph in headless Chromium.

``measure(nodes)`` builds a graph shaped like the real one (countries with their officials,
posts, bodies, laws, codes, articles, penalties, events and documents, each entity with
an evidence quote), writes the explorer page, opens it in headless Chromium with the
network cut, and returns the seconds from navigation until the network has stabilised
and drawn its first frame (``window.kgExplorer.ready``), the median of three loads.
Launching the browser is not counted. Run as a script to print the figure: ``python benchmarks/viz_bench.py [NODES]``.
"""
from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kg.viz import write_page  # noqa: E402
from tests.browser import Browser, BrowserError, chromium_path  # noqa: E402

__all__ = ["synthetic_graph", "measure"]

# per country, out of 200 nodes
_SHARES = (("Person", 30), ("Post", 12), ("Organization", 10), ("Law", 20), ("Code", 3), ("CodeArticle", 30),
           ("Penalty", 35), ("LegislativeEvent", 45), ("SourceDocument", 14))
_LINKS = {"Person": [("holds", "Post")], "Post": [("organization", "Organization")],
          "Organization": [], "Law": [("amends", "CodeArticle")], "Code": [],
          "CodeArticle": [("partOf", "Code")], "Penalty": [("appliesTo", "CodeArticle")],
          "LegislativeEvent": [("law", "Law"), ("agent", "Person"), ("penalty", "Penalty")], "SourceDocument": []}
_QUOTE = ("The deputies of the lower chamber approved on Wednesday the amendments to article {n} of the "
          "Criminal Code, raising the penalty to {n} years of imprisonment.")


def synthetic_graph(nodes: int = 5000, *, seed: int = 1) -> nx.MultiDiGraph:
    """A graph of ``nodes`` entities with the attributes :mod:`kg.analysis` gives real ones."""
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    countries = max(1, nodes // 200)
    per_kind: dict[tuple[int, str], list[str]] = {}
    made = 0
    for c in range(countries):
        iso = f"C{c:02d}"
        country = f"id:country/{iso}"
        graph.add_node(country, kind="Country", label=f"Country {c}", countries=[iso], date=None,
                       values=[("iso code", iso)], evidence=[], props={"isoCode": [iso]})
        made += 1
        budget = nodes // countries - 1 if c < countries - 1 else nodes - made
        for kind, share in _SHARES:
            count = max(1, round(budget * share / 200))
            for i in range(count):
                if made >= nodes:
                    break
                iri = f"id:{kind.lower()}/{iso}/{i}"
                date = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if kind == "LegislativeEvent" else None
                graph.add_node(iri, kind=kind, label=f"{kind} {iso}-{i}", countries=[iso], date=date,
                               values=[("example", str(i))], props={},
                               evidence=[{"quote": _QUOTE.format(n=i), "title": f"News {iso} {i}", "date": "2024-05-01"}])
                per_kind.setdefault((c, kind), []).append(iri)
                made += 1
                if kind in ("Post", "Organization", "Law", "Code", "SourceDocument"):
                    graph.add_edge(iri, country, key="jurisdiction", property="jurisdiction")
    for (c, kind), items in per_kind.items():
        for iri in items:
            for prop, target_kind in _LINKS[kind]:
                targets = per_kind.get((c, target_kind))
                if targets:
                    graph.add_edge(iri, rng.choice(targets), key=prop, property=prop)
    return graph


def measure(nodes: int = 5000, *, repeat: int = 3) -> float:
    """Seconds for headless Chromium to load, stabilise and draw an explorer page of ``nodes`` nodes.

    The median of ``repeat`` loads, each in a new tab of one browser (the machine's other
    work makes single runs noisy); the first load includes compiling vis-network.
    """
    if not chromium_path():
        raise BrowserError("chromium not found: install Debian's chromium (scripts/system-deps.sh)")
    graph = synthetic_graph(nodes)
    with tempfile.TemporaryDirectory(prefix="kg-viz-bench-") as folder:
        page_path = Path(folder) / "graph.html"
        write_page(graph, page_path, max_nodes=max(nodes, 1))
        runs = []
        with Browser() as browser:
            for _ in range(repeat):
                page = browser.page()
                start = time.perf_counter()
                page.open(page_path)
                page.wait_for("window.kgExplorer && window.kgExplorer.ready", timeout=120, interval=0.01)
                runs.append(time.perf_counter() - start)
                errors = page.errors()
                if errors:
                    raise BrowserError(f"the page reported errors: {errors[:3]}")
                page.close()
    return statistics.median(runs)


def main() -> None:
    nodes = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    start = time.perf_counter()
    graph = synthetic_graph(nodes)
    with tempfile.TemporaryDirectory() as folder:
        info = write_page(graph, Path(folder) / "graph.html", max_nodes=max(nodes, 1))
        size = (Path(folder) / "graph.html").stat().st_size
    print(f"page: {info.nodes} nodes, {info.edges} edges, {size / 1e6:.1f} MB, "
          f"written in {time.perf_counter() - start:.2f} s")
    print(f"viz_seconds_{nodes}_nodes: {measure(nodes):.2f}")


if __name__ == "__main__":
    main()
