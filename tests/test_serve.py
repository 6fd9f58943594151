"""``kg serve`` over real HTTP on loopback: SPARQLWrapper, rdflib's SPARQLStore and httpx as clients.

Each server is a real ``kg serve`` process on a free loopback port, stopped at the end.
"""
from __future__ import annotations

import json
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.query import saved_queries
from kg.serve.results import choose_format
from kg.store import open_store

NEVER_ENDS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
TITLES = "SELECT ?doc ?title WHERE { ?doc a lk:SourceDocument ; dcterms:title ?title } ORDER BY ?doc"
TOKEN = "test-token-5f2c"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A ``kg serve`` process on loopback; its stderr (the access log) goes to a file."""

    def __init__(self, store: Path | str, log: Path, *args: str):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.endpoint = self.base + "/sparql"
        self.log = log
        self._log_file = open(log, "wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(self.port), *args],
            stdout=subprocess.DEVNULL, stderr=self._log_file)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"kg serve exited: {log.read_text()}")
            try:
                if httpx.get(self.base + "/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"kg serve did not answer within 60 s: {log.read_text()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self._log_file.close()


@pytest.fixture(scope="module")
def store(built_examples: Path, tmp_path_factory) -> Path:
    """A private copy of the examples store (servers hold it open)."""
    copy = tmp_path_factory.mktemp("serve") / "store"
    shutil.copytree(built_examples, copy)
    return copy


@pytest.fixture(scope="module")
def server(store: Path, tmp_path_factory):
    """Read-only, a 3 s time limit, three workers; 34 requests in flight from one address
    may be (the concurrency test's 32 clients and two stuck queries all come from 127.0.0.1)."""
    running = Server(store, tmp_path_factory.mktemp("log") / "serve.log", "--timeout", "3", "--workers", "3",
                     "--max-client-requests", "40")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def update_server(built_examples: Path, tmp_path_factory):
    """Updates allowed with a token, at most 3 rows, on its own copy of the store."""
    copy = tmp_path_factory.mktemp("serve-rw") / "store"
    shutil.copytree(built_examples, copy)
    running = Server(copy, tmp_path_factory.mktemp("log") / "serve-rw.log", "--allow-update", "--token", TOKEN,
                     "--max-rows", "3", "--timeout", "10", "--workers", "2")
    yield running
    running.stop()


def wrapper(server: Server, query: str, fmt=JSON, method=POST) -> SPARQLWrapper:
    client = SPARQLWrapper(server.endpoint)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    client.setTimeout(30)
    return client


def embedded_rows(store: Path, query: str) -> list[tuple]:
    with open_store(str(store), read_only=True) as kgstore:
        return [tuple(None if t is None else str(t) for t in row) for row in kgstore.query(query).rows]


def by_value(graph: Graph) -> set:
    """Triples with literals by value: Turtle writes the decimal 7 as 7.0, N-Triples as "7"."""
    return {(s, p, o.toPython() if isinstance(o, Literal) else o) for s, p, o in graph}


def json_rows(data: dict) -> list[tuple]:
    variables = data["head"]["vars"]
    return [tuple(b[v]["value"] if v in b else None for v in variables) for b in data["results"]["bindings"]]


def wait_for_idle_workers(server: Server, count: int, within: float = 30) -> None:
    """Killed workers are replaced in the background: wait until ``count`` are ready."""
    deadline = time.monotonic() + within
    while httpx.get(server.base + "/health").json()["workers_idle"] < count:
        assert time.monotonic() < deadline, f"fewer than {count} workers ready after {within} s"
        time.sleep(0.1)


# -- clients -------------------------------------------------------------------------------

def test_sparqlwrapper_select_in_json_xml_csv_tsv(server, store):
    expected = embedded_rows(store, TITLES)
    assert expected
    assert json_rows(wrapper(server, TITLES).query().convert()) == expected
    get = wrapper(server, TITLES, method="GET").query().convert()
    assert json_rows(get) == expected
    direct = wrapper(server, TITLES)
    direct.setRequestMethod(POSTDIRECTLY)  # application/sparql-query body
    assert json_rows(direct.query().convert()) == expected

    document = wrapper(server, TITLES, XML).query().convert()  # a DOM document
    titles_xml = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert titles_xml == [title for _, title in expected]

    csv_text = wrapper(server, TITLES, CSV).query().convert().decode("utf-8")
    lines = csv_text.splitlines()
    assert lines[0] == "doc,title" and len(lines) == len(expected) + 1

    tsv_text = wrapper(server, TITLES, TSV).query().convert().decode("utf-8")
    header, first = tsv_text.splitlines()[:2]
    assert header == "?doc\t?title"
    assert first.startswith(f"<{expected[0][0]}>\t\"")


def test_sparqlwrapper_ask_and_construct(server):
    assert wrapper(server, "ASK { ?x a lk:SourceDocument }").query().convert()["boolean"] is True
    assert wrapper(server, "ASK { ?x a lk:NoSuchClass }").query().convert()["boolean"] is False
    construct = "CONSTRUCT { ?d dcterms:title ?t } WHERE { ?d a lk:SourceDocument ; dcterms:title ?t }"
    turtle = wrapper(server, construct, TURTLE).query().convert()
    graph = Graph().parse(data=turtle, format="turtle")
    assert len(graph) >= 4
    as_jsonld = wrapper(server, construct, JSONLD).query().convert()
    assert isomorphic(as_jsonld, graph)
    as_rdfxml = wrapper(server, construct, XML).query().convert()  # an rdflib Graph from RDF/XML
    assert isomorphic(as_rdfxml, graph)


@pytest.mark.parametrize("return_format", ["json", "xml"])
def test_rdflib_sparqlstore_reads_the_union_and_one_graph(server, store, return_format):
    remote = SPARQLStore(server.endpoint, returnFormat=return_format)
    union = Dataset(store=remote)
    rows = [tuple(str(t) for t in row) for row in union.query(TITLES)]
    assert rows == embedded_rows(store, TITLES)

    # A Graph with an identifier makes rdflib send default-graph-uri: that graph alone.
    doc = rows[0][0]
    one = Graph(store=remote, identifier=URIRef(doc))
    titles = [str(t) for (t,) in one.query("SELECT ?t WHERE { ?d <http://purl.org/dc/terms/title> ?t }")]
    assert titles == [rows[0][1]]
    constructed = union.query("CONSTRUCT { ?d a ?c } WHERE { ?d a ?c . FILTER(?c = lk:SourceDocument) }").graph
    assert len(constructed) == len(rows)


def test_every_saved_query_answers_as_the_embedded_store(server, store):
    for saved in saved_queries():
        answer = wrapper(server, saved.text).query().convert()
        assert json_rows(answer) == embedded_rows(store, saved.text), saved.name


def test_default_and_named_graph_uri_parameters(server, store):
    doc = embedded_rows(store, TITLES)[0][0]
    params = {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "default-graph-uri": doc}
    alone = httpx.get(server.endpoint, params=params, headers={"Accept": "application/sparql-results+json"})
    union = httpx.get(server.endpoint, params={"query": params["query"]}, headers={"Accept": "text/csv"})
    in_graph = int(alone.json()["results"]["bindings"][0]["n"]["value"])
    assert 0 < in_graph < int(union.text.split()[-1])
    named = httpx.post(server.endpoint, data={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                                              "named-graph-uri": doc}, headers={"Accept": "text/csv"})
    assert named.text.split() == ["g", doc]


# -- protocol details ----------------------------------------------------------------------

def test_updates_are_refused_on_a_read_only_server(server):
    update = "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }"
    client = wrapper(server, update)
    with pytest.raises(urllib.error.HTTPError) as refused:
        client.query()
    assert refused.value.code == 403
    as_body = httpx.post(server.endpoint, content=update, headers={"Content-Type": "application/sparql-update",
                                                                   "Authorization": f"Bearer {TOKEN}"})
    assert as_body.status_code == 403 and "read-only" in as_body.text
    as_query = httpx.post(server.endpoint, data={"query": "PREFIX x: <urn:x#> DELETE WHERE { ?s ?p ?o }"})
    assert as_query.status_code == 403
    assert wrapper(server, "ASK { <urn:a> ?p ?o }").query().convert()["boolean"] is False


def test_updates_need_the_token(update_server):
    update = "INSERT DATA { GRAPH <urn:kg:test> { <urn:a> <urn:b> \"written\" } }"
    no_token = httpx.post(update_server.endpoint, data={"update": update})
    assert no_token.status_code == 403
    wrong = httpx.post(update_server.endpoint, data={"update": update}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403
    check = wrapper(update_server, 'ASK { GRAPH ?g { <urn:a> <urn:b> "written" } }')
    assert check.query().convert()["boolean"] is False

    client = wrapper(update_server, update)
    client.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    client.query()  # SPARQLWrapper sends it as update=
    assert check.query().convert()["boolean"] is True

    delete = httpx.post(update_server.endpoint, content="DROP GRAPH <urn:kg:test>",
                        headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"})
    assert delete.status_code == 200
    assert check.query().convert()["boolean"] is False
    by_get = httpx.get(update_server.endpoint, params={"update": update}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert by_get.status_code == 405


def test_a_bad_query_gets_400_with_the_parser_message(server):
    with pytest.raises(QueryBadFormed) as bad:
        wrapper(server, "SELECT * WHERE { ?s ?p }").query()
    assert "syntax error" in str(bad.value).lower()
    response = httpx.post(server.endpoint, data={"query": "SELEKT ?x"})
    assert response.status_code == 400 and "SPARQL syntax error" in response.text
    assert httpx.post(server.endpoint, data={}).status_code == 400
    assert httpx.post(server.endpoint, content="x", headers={"Content-Type": "text/plain"}).status_code == 415
    wait_for_idle_workers(server, 3, within=2)  # a worker that answered an error is free again


def test_a_query_past_the_timeout_is_stopped_with_503_and_the_server_goes_on(server):
    started = time.monotonic()
    response = httpx.post(server.endpoint, data={"query": NEVER_ENDS}, timeout=30)
    elapsed = time.monotonic() - started
    assert response.status_code == 503, response.text
    assert "stopped after 3 s" in response.text
    assert elapsed < 6
    assert wrapper(server, "ASK { ?x a lk:SourceDocument }").query().convert()["boolean"] is True
    wait_for_idle_workers(server, 3)
    health = httpx.get(server.base + "/health").json()
    assert health["timeouts"] >= 1 and health["workers_alive"] == 3


def test_concurrent_queries_are_all_answered_while_slow_ones_run(server, store):
    expected = embedded_rows(store, TITLES)
    wait_for_idle_workers(server, 3)
    slow_status: list[int] = []

    def slow() -> None:
        slow_status.append(httpx.post(server.endpoint, data={"query": NEVER_ENDS}, timeout=30).status_code)

    blockers = [threading.Thread(target=slow) for _ in range(2)]
    for thread in blockers:
        thread.start()
    time.sleep(0.3)  # both never-ending queries now hold a worker

    def client(i: int) -> bool:
        fmt = (JSON, CSV, XML, TSV)[i % 4]
        answer = wrapper(server, TITLES, fmt).query().convert()
        return json_rows(answer) == expected if fmt == JSON else bool(answer)

    started = time.monotonic()
    try:
        with ThreadPoolExecutor(max_workers=32) as pool:
            answers = list(pool.map(client, range(128)))
    except urllib.error.HTTPError as exc:
        raise AssertionError(f"a client got HTTP {exc.code}: {exc.read().decode()}") from None
    elapsed = time.monotonic() - started
    for thread in blockers:
        thread.join(30)
    assert all(answers) and len(answers) == 128
    assert slow_status == [503, 503]
    assert elapsed < 30, f"128 queries from 32 clients took {elapsed:.1f} s beside two stuck ones"


def test_max_rows_caps_results_and_says_so(update_server):
    response = httpx.post(update_server.endpoint, data={"query": "SELECT * WHERE { ?s ?p ?o }"},
                          headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200
    assert len(response.json()["results"]["bindings"]) == 3
    assert response.headers["X-KG-Truncated"] == "true" and response.headers["X-KG-Max-Rows"] == "3"
    small = httpx.post(update_server.endpoint, data={"query": "SELECT * WHERE { ?s a lk:SourceDocument } LIMIT 1"})
    assert small.headers["X-KG-Truncated"] == "false"


def test_content_negotiation_defaults_and_format_parameter(server):
    select = httpx.post(server.endpoint, data={"query": TITLES})
    assert select.headers["content-type"].startswith("application/sparql-results+json")
    construct = "CONSTRUCT WHERE { ?d a lk:SourceDocument }"
    as_turtle = httpx.post(server.endpoint, data={"query": construct})
    assert as_turtle.headers["content-type"].startswith("text/turtle")
    as_nt = httpx.post(server.endpoint, data={"query": construct}, headers={"Accept": "application/n-triples"})
    assert as_nt.headers["content-type"].startswith("application/n-triples")
    assert by_value(Graph().parse(data=as_nt.text, format="nt")) == by_value(Graph().parse(data=as_turtle.text))
    as_jsonld = httpx.post(server.endpoint, data={"query": construct}, headers={"Accept": "application/ld+json"})
    assert as_jsonld.headers["content-type"].startswith("application/ld+json")
    json.loads(as_jsonld.text)
    browser = httpx.get(server.endpoint, params={"query": TITLES, "format": "csv"},
                        headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert browser.headers["content-type"].startswith("text/csv")
    assert choose_format("application/sparql-results+xml;q=0.5, text/csv", "select") == "csv"


def test_graph_store_protocol_reads_a_document_graph(server, store):
    doc = embedded_rows(store, TITLES)[0][0]
    response = httpx.get(server.base + "/graphs", params={"graph": doc})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    with open_store(str(store), read_only=True) as kgstore:
        expected = Graph()
        for triple in kgstore.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{doc}> {{ ?s ?p ?o }} }}").triples:
            expected.add(triple)
    assert by_value(Graph().parse(data=response.text, format="turtle")) == by_value(expected)
    nt = httpx.get(server.base + "/graphs", params={"graph": doc}, headers={"Accept": "application/n-triples"})
    assert isomorphic(Graph().parse(data=nt.text, format="nt"), expected)
    assert httpx.get(server.base + "/graphs", params={"graph": "urn:kg:none"}).status_code == 404
    assert httpx.get(server.base + "/graphs", params={"graph": "not an iri>"}).status_code == 400
    assert httpx.get(server.base + "/graphs").status_code == 400


def test_page_saved_queries_health_and_cors(server):
    page = httpx.get(server.base + "/")
    assert page.status_code == 200 and "<textarea" in page.text and "/static/page.js" in page.text
    assert "http://" not in page.text.replace("http://www.w3.org", "").split("<body")[0]  # no CDN
    script = httpx.get(server.base + "/static/page.js")
    assert script.status_code == 200 and "fetch(\"/queries\")" in script.text
    assert httpx.get(server.base + "/static/../app.py").status_code == 404
    names = [q["name"] for q in httpx.get(server.base + "/queries").json()]
    assert names == [q.name for q in saved_queries()]
    health = httpx.get(server.base + "/health").json()
    assert health["status"] == "ok" and health["read_only"] is True

    cors = httpx.post(server.endpoint, data={"query": TITLES}, headers={"Origin": "https://notebook.example"})
    assert cors.headers["access-control-allow-origin"] == "*"
    assert "X-KG-Truncated" in cors.headers["access-control-expose-headers"]
    preflight = httpx.options(server.endpoint, headers={"Origin": "https://notebook.example",
                                                        "Access-Control-Request-Method": "POST",
                                                        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200 and "POST" in preflight.headers["access-control-allow-methods"]
    html_client = httpx.get(server.endpoint, headers={"Accept": "text/html"})
    assert html_client.status_code == 303 and html_client.headers["location"] == "/"


def test_explorer_is_served_or_said_missing(server):
    response = httpx.get(server.base + "/explore", timeout=300)
    if response.status_code == 501:
        assert "kg viz" in response.text
    else:
        assert response.status_code == 200, response.text
        assert "<html" in response.text.lower()


def test_access_log_lines_have_timing(server):
    httpx.post(server.endpoint, data={"query": "ASK {}"})
    time.sleep(0.2)
    lines = [line for line in server.log.read_text().splitlines() if '"POST /sparql" 200' in line]
    assert lines and lines[-1].endswith("ms")


# -- the command ---------------------------------------------------------------------------

def test_serve_without_a_store_is_one_clear_error(kg, tmp_path):
    result = kg("serve", "--store", tmp_path / "missing", "--port", "0")
    assert result.exit_code == 1
    assert "no store at" in result.output and "Traceback" not in result.output


def test_serve_on_a_taken_port_is_one_clear_error(kg, server, store):
    result = kg("serve", "--store", store, "--port", server.port)
    assert result.exit_code == 1
    assert "cannot listen on" in result.output
