"""The SPARQL-endpoint store against a real Virtuoso on loopback (scripts/virtuoso.sh).

The seed listing is built into Virtuoso and into the embedded store; every saved query must
return the same rows from both. Skipped, with the reason, only where virtuoso-t is absent.
"""
from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal, URIRef
from SPARQLWrapper import JSON, SPARQLWrapper

from kg.cli import cli
from kg.query import saved_queries
from kg.store import open_store
from kg.errors import StoreError
from kg.store.sparql import sparql_form

from .conftest import shared_path
from .test_serve import Server

CREDENTIALS = {"KG_SPARQL_USER": "dba", "KG_SPARQL_PASSWORD": "dba"}
NUMERIC = {f"http://www.w3.org/2001/XMLSchema#{t}" for t in
           ("integer", "decimal", "double", "float", "int", "long", "short", "nonNegativeInteger")}


# the `virtuoso` fixture (a private Virtuoso on loopback) is in conftest.py, shared with test_shards


def kg(*args, env=None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)


@pytest.fixture(scope="module")
def seeded(virtuoso, tmp_path_factory) -> tuple[str, Path]:
    """The seed built into Virtuoso and into an embedded store."""
    seed = shared_path("seeds", "central-asia-news-listing.txt")
    embedded = tmp_path_factory.mktemp("embedded") / "store"
    for store in (virtuoso, embedded):
        result = kg("build", seed, "--store", store, env=CREDENTIALS)
        assert result.exit_code == 0, result.output
    return virtuoso, embedded


def _concatenated(query: str) -> dict[str, str]:
    """GROUP_CONCAT result variables and their separators: engines order the parts freely."""
    pattern = r'GROUP_CONCAT\s*\((?:DISTINCT\s+)?\?\w+\s*;\s*separator\s*=\s*"([^"]*)"\s*\)\s*AS\s+\?(\w+)'
    return {name: separator for separator, name in re.findall(pattern, query, re.I)}


def _cell(term, separator: str | None):
    """A term as compared across engines: numbers by value, concatenations as sorted parts."""
    if separator is not None:
        return ("concat", tuple(sorted(str(term or "").split(separator))))
    if term is None:
        return None
    if isinstance(term, URIRef):
        return ("iri", str(term))
    if isinstance(term, BNode):
        return ("bnode",)
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) in NUMERIC:
        try:
            return ("number", Decimal(str(term)).normalize())
        except InvalidOperation:
            pass
    return ("literal", str(term), term.language, str(term.datatype) if term.datatype else None)


def _rows(store, query: str) -> Counter:
    concatenated = _concatenated(query)
    result = store.query(query)
    return Counter(tuple(_cell(t, concatenated.get(v)) for v, t in zip(result.variables, row)) for row in result.rows)


def test_every_saved_query_returns_the_same_rows_on_virtuoso(seeded):
    location, embedded = seeded
    with open_store(location, user="dba", password="dba") as remote, open_store(str(embedded), read_only=True) as local:
        for saved in saved_queries():
            # as written (every country) and for one country, the form the benchmark times
            forms = [saved.text] + ([saved.bind({"country": "Kazakhstan"})] if "country" in saved.params else [])
            if saved.paging:  # a page in the middle, of the whole listing and of one country
                forms += [saved.bind({}, page=2, page_size=2), saved.bind({"country": "Kazakhstan"}, page=2, page_size=2)]
            for text in forms:
                here, there = _rows(local, text), _rows(remote, text)
                assert here == there, (f"{saved.name}: only embedded {list((here - there).elements())[:3]}, "
                                       f"only Virtuoso {list((there - here).elements())[:3]}")
        assert sum(len(_rows(local, q.text)) for q in saved_queries()) > 0
        assert all(_rows(local, q.bind({"country": "Kazakhstan"})) for q in saved_queries() if "country" in q.params)


def _legiskg_quads(store) -> int:
    """Quads in the document and ontology graphs (not the merged graph, which repeats them)."""
    return int(store.query("""SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o }
        FILTER(STRSTARTS(STR(?g), "https://w3id.org/legiskg/") && ?g != <https://w3id.org/legiskg/graph/merged>) }""").rows[0][0])


#: ground triples once each: Virtuoso's merged graph, the embedded store's default graph
_MERGED = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(!isBlank(?s) && !isBlank(?o)) }"


def test_a_rebuild_replaces_each_document_graph(seeded):
    location, embedded = seeded
    with open_store(location, user="dba", password="dba") as remote:
        before, documents = _legiskg_quads(remote), remote.documents()
    result = kg("build", shared_path("seeds", "central-asia-news-listing.txt"), "--store", location, "--force",
                env=CREDENTIALS)
    assert result.exit_code == 0, result.output
    with open_store(location, user="dba", password="dba") as remote, open_store(str(embedded), read_only=True) as local:
        assert _legiskg_quads(remote) == before == _legiskg_quads(local)
        assert remote.documents() == documents == local.documents()
        assert int(remote.query(_MERGED).rows[0][0]) == int(local.query(_MERGED).rows[0][0])


def test_export_holds_the_same_quads_as_the_embedded_store(seeded, tmp_path):
    location, embedded = seeded
    files = {}
    for store, name in ((location, "virtuoso"), (embedded, "embedded")):
        for fmt, extension in (("nquads", "nq"), ("turtle", "ttl"), ("trig", "trig"), ("ntriples", "nt"),
                               ("json-ld", "jsonld")):
            target = tmp_path / f"{name}.{extension}"
            result = kg("export", "--store", store, "--format", fmt, "--output", target, env=CREDENTIALS)
            assert result.exit_code == 0, result.output
            files[name, fmt] = target

    def ground(path: Path) -> set[str]:
        return {line for line in path.read_text(encoding="utf-8").splitlines() if line and "_:" not in line}

    assert ground(files["virtuoso", "nquads"]) == ground(files["embedded", "nquads"])
    assert len(files["virtuoso", "nquads"].read_text().splitlines()) == len(files["embedded", "nquads"].read_text().splitlines())
    for fmt, parser in (("turtle", "turtle"), ("ntriples", "nt"), ("json-ld", "json-ld")):
        assert len(Graph().parse(files["virtuoso", fmt], format=parser)) == len(Graph().parse(files["embedded", fmt], format=parser))


def test_query_validate_and_viz_read_from_virtuoso(seeded, tmp_path):
    location, embedded = seeded
    for command in (("validate",), ("stats",)):
        there = kg(*command, "--store", location, env=CREDENTIALS)
        assert there.exit_code in (0, 1) and "Traceback" not in there.output
    assert kg("validate", "--store", location, env=CREDENTIALS).exit_code == kg("validate", "--store", embedded).exit_code
    csv = kg("query", "--store", location, "--saved", "officials", "--format", "csv", env=CREDENTIALS)
    assert csv.exit_code == 0 and csv.output.splitlines()[0] == "person,post,country,organization,former"
    if "viz" in cli.commands:
        page = tmp_path / "graph.html"
        drawn = kg("viz", "--store", location, "--output", page, env=CREDENTIALS)
        assert drawn.exit_code == 0, drawn.output
        assert page.stat().st_size > 0


def test_kg_serve_in_front_of_virtuoso(seeded, tmp_path):
    location, embedded = seeded
    server = Server(location, tmp_path / "serve.log", "--user", "dba", "--password", "dba", "--timeout", "20")
    try:
        for saved in saved_queries()[:3]:
            client = SPARQLWrapper(server.endpoint)
            client.setQuery(saved.text)
            client.setReturnFormat(JSON)
            answer = client.query().convert()
            with open_store(str(embedded), read_only=True) as local:
                assert len(answer["results"]["bindings"]) == len(local.query(saved.text).rows), saved.name
        assert "dba" not in server.log.read_text()
    finally:
        server.stop()


def test_credentials_are_never_printed(virtuoso, monkeypatch):
    monkeypatch.delenv("KG_SPARQL_USER", raising=False)
    monkeypatch.delenv("KG_SPARQL_PASSWORD", raising=False)
    host_part = virtuoso.split("://", 1)[1]
    stats = kg("stats", "--store", f"sparql+http://dba:dba@{host_part}")
    assert stats.exit_code == 0, stats.output
    assert "dba" not in stats.output and host_part in stats.output
    insert = "INSERT DATA { GRAPH <urn:kg:x> { <urn:a> <urn:b> 1 } }"
    with open_store(virtuoso, user="dba", password="not-the-password-x1") as refused:
        with pytest.raises(StoreError) as error:
            refused.update(insert)
    assert "credentials were refused" in str(error.value) and "not-the-password-x1" not in str(error.value)
    with open_store(virtuoso) as anonymous:
        with pytest.raises(StoreError) as error:
            anonymous.update(insert)
    assert "KG_SPARQL_USER" in str(error.value)


def test_a_bad_query_is_a_syntax_error_with_the_server_message(virtuoso):
    result = kg("query", "--store", virtuoso, "SELECT * WHERE { ?s ?p }")
    assert result.exit_code == 2
    assert "syntax error" in result.output and "Traceback" not in result.output


def test_sparql_form_reads_past_prologue_and_comments():
    assert sparql_form("BASE <http://e/> PREFIX a: <http://e/#> # SELECT\n ASK {}") == "ask"
    assert sparql_form("DESCRIBE <urn:x>") == "describe"
    assert sparql_form("  drop graph <urn:x>") == "update"
    assert sparql_form("nonsense") == "unknown"
