"""The W3C SPARQL 1.1 Protocol test suite (../shared/w3c-protocol, the W3C's manifest and its
runner) against a real ``kg serve``: on the embedded store, and in front of a real Virtuoso
(scripts/virtuoso.sh) where virtuoso-t is installed. Then the service description.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF

from kg.serve.protocol import service_description
from kg.store.terms import to_rdflib

from .conftest import shared_path
from .test_serve import TOKEN, Server

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "virtuoso.sh"
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")


def run_suite(endpoint: str) -> list[str]:
    runner = shared_path("w3c-protocol", "run.py")
    done = subprocess.run([sys.executable, str(runner), endpoint, TOKEN], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()


def test_the_w3c_protocol_suite_passes_on_the_embedded_store(built_examples, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(built_examples, store)  # the suite clears the store before each test
    server = Server(store, tmp_path / "serve.log", "--allow-update", "--token", TOKEN, "--workers", "2")
    try:
        lines = run_suite(server.endpoint)
    finally:
        server.stop()
    assert lines[-1] == "34 passed, 0 failed", "\n".join(line for line in lines if not line.startswith("PASS"))
    assert len([line for line in lines if line.startswith("PASS ")]) == 34


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory) -> str:
    """A private Virtuoso of this module's own (the suite clears every graph it holds)."""
    if shutil.which("virtuoso-t") is None:
        pytest.skip("virtuoso-t not found: install Debian's virtuoso-opensource (make test does so as root)")
    folder = tmp_path_factory.mktemp("virtuoso-w3c")
    started = subprocess.run(["bash", str(SCRIPT), "start", str(folder)], capture_output=True, text=True, timeout=120)
    assert started.returncode == 0, f"scripts/virtuoso.sh start failed:\n{started.stderr}"
    yield "sparql+" + started.stdout.strip().splitlines()[-1]
    subprocess.run(["bash", str(SCRIPT), "stop", str(folder)], capture_output=True, timeout=60)


def test_the_w3c_protocol_suite_passes_in_front_of_virtuoso(virtuoso, tmp_path):
    server = Server(virtuoso, tmp_path / "serve.log", "--user", "dba", "--password", "dba", "--allow-update",
                    "--token", TOKEN, "--workers", "2", "--timeout", "60")
    try:
        first = run_suite(server.endpoint)
        again = run_suite(server.endpoint)  # Virtuoso's own CLEAR ALL changes nothing: kg serve's must
        graph_store_on_virtuoso(server)
    finally:
        server.stop()
    for lines in (first, again):
        assert lines[-1] == "34 passed, 0 failed", "\n".join(line for line in lines if not line.startswith("PASS"))


def graph_store_on_virtuoso(server: Server) -> None:
    """The Graph Store Protocol with the store in Virtuoso: named graphs written as kg build
    writes them there (their triples in kg's merged graph, the default graph of queries)."""
    url, auth = server.base + "/graphs", {"Authorization": f"Bearer {TOKEN}"}
    graph, body = "http://example.org/gsp/virtuoso", '<http://example.org/law> <http://example.org/p> "one" .\n'
    merged = {"query": "SELECT ?o WHERE { <http://example.org/law> <http://example.org/p> ?o } ORDER BY ?o"}

    def in_default() -> list[str]:
        return httpx.post(server.endpoint, data=merged, headers={"Accept": "text/csv"}).text.split()[1:]

    nt = {**auth, "Content-Type": "application/n-triples"}
    assert httpx.put(url, params={"graph": graph}, content=body, headers=nt).status_code == 201
    assert httpx.post(url, params={"graph": graph}, content=body.replace("one", "two"), headers=nt).status_code == 204
    read = httpx.get(url, params={"graph": graph}, headers={"Accept": "application/n-triples"})
    assert read.status_code == 200 and len(Graph().parse(data=read.text, format="nt")) == 2
    assert in_default() == ["one", "two"]
    assert httpx.delete(url, params={"graph": graph}, headers=auth).status_code == 204
    assert in_default() == [] and httpx.get(url, params={"graph": graph}).status_code == 404
    refused = httpx.put(url, params={"default": ""}, content=body, headers=nt)
    assert refused.status_code == 405 and "merged graph" in refused.text


# -- the service description ---------------------------------------------------------------

def _description(server: Server, accept: str | None = None, fmt: str = "turtle") -> Graph:
    headers = {"Accept": accept} if accept else {}
    response = httpx.get(server.endpoint, headers=headers)
    assert response.status_code == 200, response.text
    return Graph().parse(data=response.text, format=fmt)


def test_the_service_description_says_what_the_endpoint_does(built_examples, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(built_examples, store)  # a server allowing updates announces itself in its folder
    server = Server(store, tmp_path / "serve.log", "--workers", "1", "--allow-update", "--token", TOKEN,
                    "--allow-service", "https://query.wikidata.org/sparql")
    try:
        # rdflib dereferences the endpoint URL itself, as a client reading a description does
        graph = Graph().parse(server.endpoint, format="turtle")
        service = URIRef(server.endpoint)
        assert (service, RDF.type, SD.Service) in graph
        assert (service, SD.endpoint, service) in graph
        assert set(graph.objects(service, SD.supportedLanguage)) == {SD.SPARQL11Query, SD.SPARQL11Update}
        assert SD.BasicFederatedQuery in set(graph.objects(service, SD.feature))
        formats = set(graph.objects(service, SD.resultFormat))
        assert {FORMATS.SPARQL_Results_JSON, FORMATS.SPARQL_Results_XML, FORMATS.SPARQL_Results_CSV,
                FORMATS.SPARQL_Results_TSV, FORMATS.Turtle, FORMATS["JSON-LD"], FORMATS.RDF_XML} <= formats
        assert FORMATS.Turtle in set(graph.objects(service, SD.inputFormat))
        dataset = graph.value(service, SD.defaultDataset)
        assert (dataset, RDF.type, SD.Dataset) in graph and graph.value(dataset, SD.defaultGraph) is not None
        for accept, fmt in (("application/rdf+xml", "xml"), ("application/n-triples", "nt"),
                            ("application/ld+json", "json-ld")):
            assert len(_description(server, accept, fmt)) == len(graph), accept
        assert httpx.get(server.endpoint, headers={"Accept": "text/html"}).status_code == 303  # a browser: the page
        assert httpx.post(server.endpoint, data={}).status_code == 400  # a POST without a query is an error
    finally:
        server.stop()
    # a read-only server without an allowlist says so
    read_only = Graph()
    for triple in service_description("http://127.0.0.1:1/sparql", updates=False, federation=False,
                                      graph_store="http://127.0.0.1:1/graphs"):
        read_only.add(tuple(to_rdflib(t) for t in (triple.subject, triple.predicate, triple.object)))
    here = URIRef("http://127.0.0.1:1/sparql")
    assert set(read_only.objects(here, SD.supportedLanguage)) == {SD.SPARQL11Query}
    assert not set(read_only.objects(here, SD.feature))
