"""The Graph Store HTTP Protocol on /graphs against a real ``kg serve``, with httpx as the client,
and SPARQL updates from rdflib's SPARQLUpdateStore.

The store is built by ``kg build``; a named graph written through /graphs must keep the
default graph what ``kg build`` keeps it: every triple of every named graph once, and no
triple that no named graph states.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import httpx
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

from .http_listener import Listener
from .test_serve import TOKEN, Server

AUTH = {"Authorization": f"Bearer {TOKEN}"}
EX = "http://example.org/gsp/"
#: (media type, rdflib parser, carries the graph name)
FORMATS = [("text/turtle", "turtle", False), ("application/n-triples", "nt", False),
           ("application/n-quads", "nquads", True), ("application/trig", "trig", True),
           ("application/ld+json", "json-ld", False), ("application/rdf+xml", "xml", False)]
SAMPLE = f"""@prefix ex: <{EX}> .
ex:law ex:title "Law on Samples"@en ; ex:fine 1500 ; ex:amends ex:old ;
    ex:stage [ ex:name "first reading" ; ex:date "2024-03-01"^^<http://www.w3.org/2001/XMLSchema#date> ] .
"""


@pytest.fixture(scope="module")
def server(built_examples: Path, tmp_path_factory):
    copy = tmp_path_factory.mktemp("gsp") / "store"
    shutil.copytree(built_examples, copy)
    running = Server(copy, tmp_path_factory.mktemp("log") / "serve.log", "--allow-update", "--token", TOKEN,
                     "--workers", "2", "--max-rows", "100000", "--max-update-size", "256K")
    yield running
    running.stop()


def graphs_url(server: Server) -> str:
    return server.base + "/graphs"


def sample(fmt: str, graph: str) -> bytes:
    """SAMPLE in rdflib format ``fmt`` (quad formats name ``graph``)."""
    dataset = Dataset()
    dataset.graph(URIRef(graph)).parse(data=SAMPLE, format="turtle")
    if fmt in ("nquads", "trig"):
        return dataset.serialize(format=fmt, encoding="utf-8")
    return dataset.graph(URIRef(graph)).serialize(format=fmt, encoding="utf-8")


def read(server: Server, graph: str | None, accept: str = "application/n-triples", fmt: str = "nt") -> Graph:
    params = {"graph": graph} if graph else {"default": ""}
    response = httpx.get(graphs_url(server), params=params, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(accept)
    if fmt in ("nquads", "trig"):
        dataset = Dataset()
        dataset.parse(data=response.text, format=fmt)
        named = [g for g in dataset.graphs() if len(g)]
        assert [str(g.identifier) for g in named] == [graph], "a quad format names the graph read"
        return named[0]
    return Graph().parse(data=response.text, format=fmt)


def ask(server: Server, query: str) -> bool:
    return httpx.post(server.endpoint, data={"query": query}).json()["boolean"]


def assert_default_graph_is_the_union(server: Server) -> None:
    """What kg build keeps: every triple of a named graph in the default graph, and the reverse."""
    assert not ask(server, "ASK { GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { ?s ?p ?o } }"), \
        "a named graph's triple is missing from the default graph"
    assert not ask(server, "ASK { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }"), \
        "the default graph holds a triple no named graph states"


def test_a_store_built_by_kg_build_has_the_default_graph_as_the_union(server):
    assert_default_graph_is_the_union(server)


@pytest.mark.parametrize("media,fmt,_", FORMATS)
def test_put_in_each_format_and_read_back_in_each_format(server, media, fmt, _):
    graph = f"{EX}put/{fmt}"
    expected = Graph().parse(data=SAMPLE, format="turtle")
    created = httpx.put(graphs_url(server), params={"graph": graph}, content=sample(fmt, graph),
                        headers={**AUTH, "Content-Type": media})
    assert created.status_code == 201, created.text
    for accept, parser, _named in FORMATS:
        assert isomorphic(read(server, graph, accept, parser), expected), (media, accept)
    again = httpx.put(graphs_url(server), params={"graph": graph}, content=sample(fmt, graph),
                      headers={**AUTH, "Content-Type": media})
    assert again.status_code == 204
    assert isomorphic(read(server, graph), expected)
    assert_default_graph_is_the_union(server)


def test_writes_keep_the_default_graph_as_kg_build_keeps_it(server):
    documents = httpx.post(server.endpoint, data={"query": "SELECT ?d { ?d a lk:SourceDocument } ORDER BY ?d"},
                           headers={"Accept": "text/csv"}).text.split()[1:]
    doc = documents[0]
    before = read(server, None)
    original = httpx.get(graphs_url(server), params={"graph": doc}, headers={"Accept": "text/turtle"}).text
    own = read(server, doc)
    assert len(own) > 10
    # one of its facts stated by another graph too: that one must outlive the document
    common = sorted(own)[0]
    other = f"{EX}states-one-fact-too"
    assert httpx.put(graphs_url(server), params={"graph": other}, content=" ".join(t.n3() for t in common) + " .",
                     headers={**AUTH, "Content-Type": "application/n-triples"}).status_code == 201
    shared = {common}

    deleted = httpx.delete(graphs_url(server), params={"graph": doc}, headers=AUTH)
    assert deleted.status_code == 204
    after_delete = read(server, None)
    assert {t for t in own if t in after_delete} == shared  # only what another graph states stays
    assert httpx.get(graphs_url(server), params={"graph": doc}).status_code == 404
    assert httpx.delete(graphs_url(server), params={"graph": doc}, headers=AUTH).status_code == 404
    assert_default_graph_is_the_union(server)

    put = httpx.put(graphs_url(server), params={"graph": doc}, content=original.encode(),
                    headers={**AUTH, "Content-Type": "text/turtle"})
    assert put.status_code == 201
    assert isomorphic(read(server, None), before) and isomorphic(read(server, doc), own)

    extra = f'<{doc}> <{EX}note> "added by POST" .\n'
    posted = httpx.post(graphs_url(server), params={"graph": doc}, content=extra,
                        headers={**AUTH, "Content-Type": "application/n-triples"})
    assert posted.status_code == 204
    assert (URIRef(doc), URIRef(f"{EX}note"), Literal("added by POST")) in read(server, None)
    assert len(read(server, doc)) == len(own) + 1
    assert_default_graph_is_the_union(server)

    # replacing the graph with less takes what only it stated out of the default graph
    kept = Graph().parse(data=original, format="turtle")
    dropped = next(t for t in own if t not in shared)
    kept.remove(dropped)
    replaced = httpx.put(graphs_url(server), params={"graph": doc}, content=kept.serialize(format="nt"),
                         headers={**AUTH, "Content-Type": "application/n-triples"})
    assert replaced.status_code == 204
    now = read(server, None)
    assert dropped not in now and (URIRef(doc), URIRef(f"{EX}note"), Literal("added by POST")) not in now
    assert_default_graph_is_the_union(server)
    restore = httpx.put(graphs_url(server), params={"graph": doc}, content=original.encode(),
                        headers={**AUTH, "Content-Type": "text/turtle"})
    assert restore.status_code == 204
    assert httpx.delete(graphs_url(server), params={"graph": other}, headers=AUTH).status_code == 204
    assert isomorphic(read(server, None), before)  # the fact both stated stays: the document still does
    assert_default_graph_is_the_union(server)


def test_head_answers_the_headers_of_get(server):
    graph = f"{EX}head"
    httpx.put(graphs_url(server), params={"graph": graph}, content=SAMPLE, headers={**AUTH, "Content-Type": "text/turtle"})
    got = httpx.get(graphs_url(server), params={"graph": graph})
    head = httpx.head(graphs_url(server), params={"graph": graph})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == got.headers["content-length"] == str(len(got.content))
    assert head.headers["content-type"] == got.headers["content-type"]
    assert httpx.head(graphs_url(server), params={"graph": f"{EX}none"}).status_code == 404


def test_writes_need_the_token_and_graphs_are_iris(server, built_examples, tmp_path):
    graph = f"{EX}guarded"
    for headers in ({}, {"Authorization": "Bearer wrong"}):
        for method in ("PUT", "POST", "DELETE"):
            response = httpx.request(method, graphs_url(server), params={"graph": graph}, content=SAMPLE,
                                     headers={**headers, "Content-Type": "text/turtle"})
            assert response.status_code == 403, (method, response.text)
    assert httpx.get(graphs_url(server), params={"graph": graph}).status_code == 404
    for name in ("../../etc/passwd", "/etc/passwd", "etc/passwd", "not an iri", "<http://x>"):
        response = httpx.put(graphs_url(server), params={"graph": name}, content=SAMPLE,
                             headers={**AUTH, "Content-Type": "text/turtle"})
        assert response.status_code == 400 and "IRI" in response.text, name
    assert httpx.get(graphs_url(server)).status_code == 400
    assert httpx.get(graphs_url(server), params={"graph": graph, "default": ""}).status_code == 400
    assert httpx.put(graphs_url(server), params={"graph": graph}, content="a,b",
                     headers={**AUTH, "Content-Type": "text/csv"}).status_code == 415
    bad = httpx.put(graphs_url(server), params={"graph": graph}, content="<a> <b> .",
                    headers={**AUTH, "Content-Type": "text/turtle"})
    assert bad.status_code == 400 and len(bad.text.strip().splitlines()) == 1
    other = httpx.put(graphs_url(server), params={"graph": graph}, content=sample("nquads", f"{EX}elsewhere"),
                      headers={**AUTH, "Content-Type": "application/n-quads"})
    assert other.status_code == 400 and "elsewhere" in other.text
    big = httpx.put(graphs_url(server), params={"graph": graph}, content=SAMPLE.encode() * 2000,
                    headers={**AUTH, "Content-Type": "text/turtle"})
    assert big.status_code == 413 and "--max-update-size" in big.text
    assert httpx.get(graphs_url(server), params={"graph": graph}).status_code == 404  # nothing half-written

    read_only = Server(built_examples, tmp_path / "ro.log", "--workers", "1")
    try:
        refused = httpx.put(read_only.base + "/graphs", params={"graph": graph}, content=SAMPLE,
                            headers={**AUTH, "Content-Type": "text/turtle"})
        assert refused.status_code == 403 and "read-only" in refused.text
    finally:
        read_only.stop()


def test_a_json_ld_payload_fetches_no_remote_context(server):
    with Listener() as listener:
        payload = json.dumps({"@context": f"{listener.url}/context.jsonld", "@id": f"{EX}x", "name": "x"})
        response = httpx.put(graphs_url(server), params={"graph": f"{EX}jsonld"}, content=payload,
                             headers={**AUTH, "Content-Type": "application/ld+json"})
        assert response.status_code == 400
        assert listener.calls == []


def test_the_default_graph_itself(built_examples, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(built_examples, store)
    server = Server(store, tmp_path / "serve.log", "--allow-update", "--token", TOKEN, "--workers", "1",
                    "--max-rows", "100000")
    try:
        url = graphs_url(server)
        assert len(read(server, None)) > 100
        posted = httpx.post(url, params={"default": ""}, content=SAMPLE, headers={**AUTH, "Content-Type": "text/turtle"})
        assert posted.status_code == 204
        assert (URIRef(f"{EX}law"), URIRef(f"{EX}fine"), Literal(1500)) in read(server, None)
        put = httpx.put(url, params={"default": ""}, content=SAMPLE, headers={**AUTH, "Content-Type": "text/turtle"})
        assert put.status_code == 204
        assert isomorphic(read(server, None), Graph().parse(data=SAMPLE, format="turtle"))
        assert httpx.delete(url, params={"default": ""}, headers=AUTH).status_code == 204
        assert len(read(server, None)) == 0
        assert ask(server, "ASK { GRAPH ?g { ?s ?p ?o } }")  # the document graphs are untouched
    finally:
        server.stop()


def test_rdflib_sparql_update_store_writes_and_the_graph_store_reads_it(server):
    remote = SPARQLUpdateStore(query_endpoint=server.endpoint, update_endpoint=server.endpoint,
                               returnFormat="json", headers=dict(AUTH))
    dataset = Dataset(store=remote)
    graph = dataset.graph(URIRef(f"{EX}rdflib"))
    law, title = URIRef(f"{EX}rdflib-law"), URIRef(f"{EX}title")
    graph.add((law, title, Literal("Written by rdflib")))
    graph.add((law, URIRef(f"{EX}year"), Literal(2025)))
    assert (law, title, Literal("Written by rdflib")) in graph
    assert {str(o) for o in graph.objects(law, URIRef(f"{EX}year"))} == {"2025"}
    through_gsp = read(server, f"{EX}rdflib")
    assert (law, title, Literal("Written by rdflib")) in through_gsp and len(through_gsp) == 2
    graph.remove((law, URIRef(f"{EX}year"), None))
    assert len(read(server, f"{EX}rdflib")) == 1
    remote.update(f"INSERT DATA {{ GRAPH <{EX}rdflib> {{ <{EX}rdflib-law> <{EX}status> \"adopted\" }} }}")
    assert len(read(server, f"{EX}rdflib")) == 2
    # an existing graph is opened as a Graph on the store (Dataset.graph() sends CREATE GRAPH,
    # which SPARQL Update refuses for a graph that exists)
    same = Graph(store=remote, identifier=URIRef(f"{EX}rdflib"))
    assert {str(o) for o in same.objects(law, None)} == {"Written by rdflib", "adopted"}
    unauthorised = SPARQLUpdateStore(query_endpoint=server.endpoint, update_endpoint=server.endpoint,
                                     returnFormat="json")
    with pytest.raises(Exception) as refused:
        Dataset(store=unauthorised).graph(URIRef(f"{EX}rdflib")).add((law, title, Literal("no token")))
    assert "403" in str(refused.value)
