"""The explorer page: self-contained, escaped, filtered on the command line, and working in a browser.

The browser tests drive Debian's headless Chromium over the DevTools protocol
(tests/browser.py) with the network cut: the page must load with no console error and
no request, draw nodes on its canvas, and show a node's evidence on hover and click.
One browser serves the whole module; each test opens its own tab.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest

from kg.viz import PHYSICS_LIMIT, explorer_data, render_page

from .browser import Browser, chromium_path, decode_png
from .fixtures.analysis import load_store

ID = "https://w3id.org/legiskg/id/"
TOKAYEV = ID + "person/kassym-jomart-tokayev"
HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return load_store(tmp_path_factory.mktemp("viz") / "store")


@pytest.fixture(scope="module")
def pages(store_path, tmp_path_factory):
    """The fixture graph drawn whole, aggregated, and a larger synthetic graph with precomputed positions."""
    from click.testing import CliRunner

    from kg.cli import cli

    folder = tmp_path_factory.mktemp("pages")
    out = {"full": folder / "graph.html", "aggregated": folder / "aggregated.html", "large": folder / "large.html"}
    for name, extra in (("full", []), ("aggregated", ["--max-nodes", "10"])):
        result = CliRunner().invoke(cli, ["viz", "--store", str(store_path), "--output", str(out[name]), *extra],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.output
    out["large"].write_text(render_page(synthetic(PHYSICS_LIMIT + 200)), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def browser():
    if not chromium_path():
        pytest.skip("chromium is not installed: `make test` installs Debian's chromium (scripts/system-deps.sh) "
                    "when it can; without root or apt-get the browser tests are skipped")
    with Browser() as b:
        yield b


@pytest.fixture
def open_page(browser):
    opened = []

    def opener(path: Path):
        page = browser.page()
        opened.append(page)
        page.open(path)
        page.wait_for("window.kgExplorer && window.kgExplorer.ready", timeout=60)
        return page

    yield opener
    for page in opened:
        page.close()


def synthetic(n: int) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for i in range(n):
        kind = ("Person", "Law", "LegislativeEvent", "Penalty")[i % 4]
        graph.add_node(f"id:{i}", kind=kind, label=f"{kind} {i}", countries=[f"C{i % 3}"], date=None,
                       values=[], evidence=[{"quote": f"Sentence {i}.", "title": "T", "date": "2024-01-01"}])
        if i:
            graph.add_edge(f"id:{i}", f"id:{i // 2}", key="agent", property="agent")
    return graph


def page_data(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    match = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', text, re.S)
    return json.loads(match.group(1))


def viz_data(kg, store_path, tmp_path, *args) -> dict:
    output = tmp_path / "page.html"
    result = kg("viz", "--store", store_path, "--output", output, *args)
    assert result.exit_code == 0, result.output
    return page_data(output)


# -- the file ------------------------------------------------------------------------------------------
def test_the_page_needs_nothing_from_the_network(pages):
    for path in pages.values():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", text, re.I), path.name
        assert not re.search(r"<link\b|@import|sourceMappingURL", text, re.I), path.name
        assert "vis-network" in text and "kgExplorer" in text


def test_strings_from_the_news_stay_text(pages):
    text = pages["full"].read_text(encoding="utf-8")
    assert HOSTILE not in text and "<img src=x" not in text and "<b>proposal</b>" not in text
    headlines = [e["title"] for n in page_data(pages["full"])["nodes"] for e in n["evidence"]]
    assert f"Georgia weighs drunk-driving arrests {HOSTILE}" in headlines  # intact once parsed


def test_nodes_carry_class_label_and_evidence(pages):
    data = page_data(pages["full"])
    assert [c["kind"] for c in data["classes"]] == [
        "Country", "Person", "Post", "Organization", "Law", "Code", "CodeArticle", "Penalty", "LegislativeEvent",
        "SourceDocument"]
    assert len({(c["shape"], c["color"]) for c in data["classes"]}) == 10
    labels = {n["label"] for n in data["nodes"]}
    assert {"4–7 years imprisonment", "Art. 125, Criminal Code (KZ)", "Signing 2024-03-12"} <= labels
    tokayev = next(n for n in data["nodes"] if n["iri"] == TOKAYEV)
    assert tokayev["kind"] == "Person" and tokayev["countries"] == ["KZ"]
    assert tokayev["evidence"][0]["title"] == "Tokayev signs fraud law" and tokayev["evidence"][0]["date"] == "2024-03-13"
    assert {e["label"] for e in data["edges"]} >= {"agent", "holds", "affects", "jurisdiction", "appliesTo"}
    assert data["physics"] is True and "x" not in tokayev


def test_command_line_filters(kg, store_path, tmp_path):
    kz = viz_data(kg, store_path, tmp_path, "--country", "KZ")
    assert kz["nodes"] and all("KZ" in n["countries"] for n in kz["nodes"])
    typed = viz_data(kg, store_path, tmp_path, "--type", "Law", "--type", "Penalty")
    assert sorted({n["kind"] for n in typed["nodes"]}) == ["Law", "Penalty"] and len(typed["nodes"]) == 8
    focus = viz_data(kg, store_path, tmp_path, "--focus", "Tokayev", "--depth", "1")
    assert sorted(n["label"] for n in focus["nodes"]) == [
        "Endorsement 2024-01-15", "Kassym-Jomart Tokayev", "President (KZ)", "Signing 2024-03-12"]
    since = viz_data(kg, store_path, tmp_path, "--since", "2024-03-01", "--type", "event")
    assert sorted(n["label"] for n in since["nodes"]) == ["Adoption 2024-05-02", "Signing 2024-03-12",
                                                          "Signing 2024-06-10"]
    query = tmp_path / "agents.rq"
    query.write_text("CONSTRUCT { ?e lk:agent ?a } WHERE { ?e lk:agent ?a . ?a a lk:Organization }")
    drawn = viz_data(kg, store_path, tmp_path, "--query", query)
    assert {e["label"] for e in drawn["edges"]} == {"agent"} and len(drawn["edges"]) == 4
    assert {"Mazhilis", "Legislative Chamber"} <= {n["label"] for n in drawn["nodes"]}


def test_command_line_mistakes(kg, store_path, tmp_path):
    assert kg("viz", "--store", store_path, "-o", tmp_path / "x.html", "--since", "March").exit_code == 2
    unknown = kg("viz", "--store", store_path, "-o", tmp_path / "x.html", "--focus", "Nobody Atall")
    assert unknown.exit_code == 2 and "no entity is called 'Nobody Atall'" in unknown.output
    select = tmp_path / "select.rq"
    select.write_text("SELECT * WHERE { ?s ?p ?o }")
    assert kg("viz", "--store", store_path, "-o", tmp_path / "x.html", "--query", select).exit_code == 2
    assert kg("viz", "--store", tmp_path / "missing", "-o", tmp_path / "x.html").exit_code == 1


def test_above_the_node_limit_the_page_aggregates(kg, store_path, tmp_path, pages):
    result = kg("viz", "--store", store_path, "--output", tmp_path / "agg.html", "--max-nodes", "10")
    assert "more than the page's limit of 10" in result.output
    data = page_data(pages["aggregated"])
    assert data["aggregated"] and data["total"] == 42 and "one node per country and class" in data["message"]
    labels = {n["label"] for n in data["nodes"]}
    assert {"Kazakhstan: 2 persons", "Kazakhstan: 3 penalties", "Georgia: 2 events"} <= labels
    assert any(e["label"].startswith("agent") for e in data["edges"])


def test_large_graphs_get_positions_and_no_physics():
    data = explorer_data(synthetic(PHYSICS_LIMIT + 1))
    assert data["physics"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == len(data["nodes"])
    assert explorer_data(synthetic(PHYSICS_LIMIT + 1)) == data  # the same every time


# -- in the browser ----------------------------------------------------------------------------------------
def canvas_ink(page) -> int:
    """How many pixels of the graph's area (shot at a quarter of its size) are clearly not white."""
    box = page.evaluate("JSON.parse(JSON.stringify(document.getElementById('kg-graph').getBoundingClientRect()))")
    clip = {"x": box["left"] + 8, "y": box["top"] + 8, "width": box["width"] - 16, "height": box["height"] - 16,
            "scale": 0.25}
    _, _, pixels = decode_png(page.screenshot(clip))
    return sum(1 for p in pixels if min(p) < 230)


def assert_offline_and_clean(page, path: Path):
    requests = page.requests()
    assert requests[0] == path.resolve().as_uri()
    assert [r for r in requests[1:] if not r.startswith("data:")] == [], "the page asked the network for something"
    assert page.errors() == []
    assert page.dialogs() == []


def test_the_page_draws_offline_with_no_console_error(open_page, pages):
    page = open_page(pages["full"])
    assert page.evaluate("kgExplorer.stabilized") is True
    assert page.evaluate("kgExplorer.network.physics.physicsEnabled") is False  # stabilised, then stopped
    assert page.evaluate("kgExplorer.visibleNodeIds().length") == 42
    ink = canvas_ink(page)
    assert ink > 300, "the canvas looks blank"
    page.evaluate("kgExplorer.setKinds([])")
    page.wait_for("kgExplorer.visibleNodeIds().length === 0")
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    assert canvas_ink(page) == 0  # what was counted were the nodes and edges
    assert_offline_and_clean(page, pages["full"])


def test_clicking_a_node_shows_its_evidence(open_page, pages):
    page = open_page(pages["full"])
    node = page.evaluate(f"kgExplorer.nodeId({json.dumps(TOKAYEV)})")
    at = page.evaluate(f"kgExplorer.clientPosition({node})")
    page.click(at["x"], at["y"])
    page.wait_for(f"kgExplorer.selected()[0] === {node}")
    panel = page.evaluate("document.getElementById('kg-panel').innerText")
    assert "person" in panel and "Kassym-Jomart Tokayev" in panel and TOKAYEV in panel
    assert "President Kassym-Jomart Tokayev signed the law on 12 March 2024" in panel
    assert "Tokayev signs fraud law — 2024-03-13" in panel
    assert_offline_and_clean(page, pages["full"])


def test_hovering_shows_evidence_and_hostile_text_stays_text(open_page, pages):
    page = open_page(pages["full"])
    node = page.evaluate(f"kgExplorer.nodeId({json.dumps(ID + 'event/ge-drunk-1/objection')})")
    at = page.evaluate(f"kgExplorer.clientPosition({node})")
    page.hover(at["x"], at["y"])
    page.wait_for("document.getElementById('kg-panel').innerText.includes('Objection')")
    panel = page.evaluate("document.getElementById('kg-panel').innerText")
    assert "The United National Movement objected to the <b>proposal</b>." in panel
    assert f"Georgia weighs drunk-driving arrests {HOSTILE} — 2023-09-05" in panel
    assert page.evaluate("document.querySelectorAll('#kg-panel script, #kg-panel img, #kg-panel b').length") == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert_offline_and_clean(page, pages["full"])


def test_the_search_box_finds_and_focuses_a_node(open_page, pages):
    page = open_page(pages["full"])
    box = page.evaluate("JSON.parse(JSON.stringify(document.getElementById('kg-search').getBoundingClientRect()))")
    page.click(box["left"] + 10, box["top"] + box["height"] / 2)
    page.type_text("mirziyoyev")
    page.press("Enter")
    node = page.evaluate(f"kgExplorer.nodeId({json.dumps(ID + 'person/shavkat-mirziyoyev')})")
    page.wait_for(f"kgExplorer.selected()[0] === {node}")
    assert "Shavkat Mirziyoyev signed it on 10 June" in page.evaluate("document.getElementById('kg-panel').innerText")


def test_filters_in_the_page(open_page, pages):
    page = open_page(pages["full"])
    page.evaluate("kgExplorer.setCountry('UZ')")
    uz = page.evaluate("kgExplorer.visibleNodeIds().map(id => kgExplorer.data.nodes[id].countries)")
    expected = sum(1 for n in page_data(pages["full"])["nodes"] if "UZ" in n["countries"])
    assert len(uz) == expected == 11 and all("UZ" in c for c in uz)
    page.evaluate("kgExplorer.reset()")
    page.evaluate("document.querySelector('#kg-classes input[value=SourceDocument]').click()")  # the legend
    assert page.evaluate("kgExplorer.visibleNodeIds().length") == 38
    page.evaluate("kgExplorer.setKinds(['LegislativeEvent']); kgExplorer.setDates('2024-03-01', '2024-12-31')")
    labels = page.evaluate("kgExplorer.visibleNodeIds().map(id => kgExplorer.data.nodes[id].label).sort()")
    assert labels == ["Adoption 2024-05-02", "Signing 2024-03-12", "Signing 2024-06-10"]
    assert page.evaluate("document.getElementById('kg-count').textContent") == "3 of 42 nodes"
    assert page.errors() == []


def test_the_aggregated_and_the_large_page_draw_too(open_page, pages):
    page = open_page(pages["aggregated"])
    assert "one node per country and class" in page.evaluate("document.getElementById('kg-message').innerText")
    assert page.evaluate("document.getElementById('kg-message').hidden") is False
    assert canvas_ink(page) > 300
    assert_offline_and_clean(page, pages["aggregated"])
    large = open_page(pages["large"])
    assert large.evaluate("kgExplorer.network.physics.physicsEnabled") is False
    assert large.evaluate("kgExplorer.visibleNodeIds().length") == PHYSICS_LIMIT + 200
    assert canvas_ink(large) > 300
    assert_offline_and_clean(large, pages["large"])
