"""No request on a stranger's behalf: SERVICE and LOAD reach only allowlisted URLs, never file:.

A local listener (tests/http_listener.py) records every request made to it. First the
test shows that Oxigraph itself does federate (so the guard is what stops it), then that
``kg serve`` and ``kg query`` refuse every spelling of SERVICE/LOAD toward it, and that an
allowlisted prefix is reached.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from kg.serve.guard import FederationRefused, Guard, parse_allowlist, tokens
from kg.errors import UsageError

from .http_listener import MARKER, Listener
from .test_serve import TOKEN, Server


@pytest.fixture
def listener():
    with Listener() as running:
        yield running


def spellings(url: str) -> dict[str, str]:
    """Ways to write a federated query toward ``url`` (an http://127.0.0.1:PORT base)."""
    return {
        "plain": f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        "lower case": f"select * {{ service <{url}/sparql> {{ ?s ?p ?o }} }}",
        "silent": f"SELECT * {{ SERVICE SILENT <{url}/sparql> {{ ?s ?p ?o }} }}",
        "comment between": f"SELECT * {{ SERVICE # a comment\n <{url}/sparql> {{ ?s ?p ?o }} }}",
        "prefixed name": f"PREFIX r: <{url}/> SELECT * {{ SERVICE r:sparql {{ ?s ?p ?o }} }}",
        "glued to a name": f"PREFIX r: <{url}/> SELECT * {{ SERVICEr:sparql {{ ?s ?p ?o }} }}",
        "glued to SILENT": f"SELECT * {{ SERVICESILENT <{url}/sparql> {{ ?s ?p ?o }} }}",
        "escaped in the IRI": f"SELECT * {{ SERVICE <{url}/\\u0073parql> {{ ?s ?p ?o }} }}",
        "relative to BASE": f"BASE <{url}/x/> SELECT * {{ SERVICE <../sparql> {{ ?s ?p ?o }} }}",
        "in EXISTS": f"SELECT * {{ BIND(1 AS ?x) FILTER EXISTS {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }} }}",
        "in a subquery": f"SELECT * {{ {{ SELECT ?s {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }} }} }}",
        "a variable": f"SELECT * {{ VALUES ?u {{ <{url}/sparql> }} SERVICE ?u {{ ?s ?p ?o }} }}",
        "escaped keyword": f"SELECT * {{ \\u0053ERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        "after true": f"SELECT * {{ BIND(1 AS ?a) ?a ?b trueSERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    }


def test_oxigraph_federates_by_itself_so_the_guard_is_what_stops_it(listener):
    store = ox.Store()
    reached, rows = {}, {}
    for name, query in spellings(listener.url).items():
        before = len(listener.calls)
        try:
            result = store.query(query)
            variables = [v.value for v in result.variables]
            rows[name] = [str(s["s"].value) for s in result if "s" in variables and s["s"] is not None]
        except (SyntaxError, RuntimeError, OSError):
            rows[name] = []
        reached[name] = len(listener.calls) > before
    assert rows["plain"] == [MARKER]  # the listener's answer comes back as the query's rows
    # these spellings really make Oxigraph call the listener
    for name in ("plain", "lower case", "silent", "comment between", "prefixed name", "glued to a name",
                 "glued to SILENT", "escaped in the IRI", "relative to BASE", "in EXISTS", "in a subquery"):
        assert reached[name], name
    store.update(f"LOAD <{listener.url}/data.nt>")
    assert ("GET", "/data.nt") in listener.calls and len(store) == 1


@pytest.fixture(scope="module")
def store(built_examples: Path, tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("federation") / "store"
    shutil.copytree(built_examples, copy)
    return copy


@pytest.fixture(scope="module")
def closed_server(store: Path, tmp_path_factory):
    """Updates allowed with the token, no allowlist."""
    running = Server(store, tmp_path_factory.mktemp("log") / "serve.log", "--allow-update", "--token", TOKEN,
                     "--workers", "1")
    yield running
    running.stop()


def test_kg_serve_refuses_every_spelling_of_service_and_calls_nothing(closed_server, listener):
    for name, query in spellings(listener.url).items():
        for response in (httpx.post(closed_server.endpoint, data={"query": query}),
                         httpx.get(closed_server.endpoint, params={"query": query}),
                         httpx.post(closed_server.endpoint, content=query,
                                    headers={"Content-Type": "application/sparql-query"})):
            assert response.status_code == 400, (name, response.status_code, response.text)
            assert "refused" in response.text and len(response.text.strip().splitlines()) == 1, name
    assert listener.calls == []


def test_the_word_service_elsewhere_is_no_federation(closed_server, listener):
    decoys = [f'SELECT * {{ ?s ?p "SERVICE <{listener.url}/sparql> {{}}" }} LIMIT 1',
              f"SELECT * {{ ?s <{listener.url}/service> ?o }} # SERVICE <{listener.url}/sparql>",
              "SELECT ?service WHERE { ?service a lk:SourceDocument } LIMIT 1",
              "PREFIX ex: <http://example.org/> SELECT * { ?s ex:SERVICE ?o } LIMIT 1"]
    for query in decoys:
        response = httpx.post(closed_server.endpoint, data={"query": query})
        assert response.status_code == 200, (query, response.text)
    assert listener.calls == []


def test_updates_with_the_token_may_not_load_or_federate(closed_server, listener):
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/sparql-update"}
    for update in (f"LOAD <{listener.url}/data.nt>", f"LOAD SILENT <{listener.url}/data.nt> INTO GRAPH <urn:x>",
                   f"load <{listener.url}/data.nt>", f"LOADSILENT <{listener.url}/data.nt>",
                   f"PREFIX r: <{listener.url}/> LOAD r:data.nt",
                   f"CLEAR SILENT GRAPH <urn:x> ; LOAD <{listener.url}/data.nt>",
                   f"INSERT {{ GRAPH <urn:x> {{ ?s ?p ?o }} }} WHERE {{ SERVICE <{listener.url}/sparql> {{ ?s ?p ?o }} }}",
                   "LOAD <file:///etc/passwd>", "LOAD <file:///etc/hostname> INTO GRAPH <urn:x>"):
        response = httpx.post(closed_server.endpoint, content=update, headers=headers)
        assert response.status_code == 400 and "refused" in response.text, (update, response.text)
    assert listener.calls == []
    ask = httpx.post(closed_server.endpoint, data={"query": "ASK { GRAPH <urn:x> { ?s ?p ?o } }"})
    assert ask.json()["boolean"] is False


@pytest.fixture(scope="module")
def allowed_listener():
    with Listener() as running:
        yield running


@pytest.fixture(scope="module")
def open_server(built_examples: Path, tmp_path_factory, allowed_listener):
    """Federation and LOAD allowed toward the listener's /allowed/ path only."""
    copy = tmp_path_factory.mktemp("federation-open") / "store"
    shutil.copytree(built_examples, copy)
    running = Server(copy, tmp_path_factory.mktemp("log") / "serve.log", "--allow-update", "--token", TOKEN,
                     "--workers", "1", "--allow-service", f"{allowed_listener.url}/allowed/")
    yield running
    running.stop()


def test_an_allowlisted_prefix_is_reached_and_nothing_else(open_server, allowed_listener):
    url = allowed_listener.url
    answer = httpx.post(open_server.endpoint, data={"query": f"SELECT ?s {{ SERVICE <{url}/allowed/sparql> {{ ?s ?p ?o }} }}"},
                        headers={"Accept": "application/sparql-results+json"})
    assert answer.status_code == 200, answer.text
    assert [b["s"]["value"] for b in answer.json()["results"]["bindings"]] == [MARKER]
    assert allowed_listener.calls == [("POST", "/allowed/sparql")]
    port = url.rsplit(":", 1)[1]
    for other in (f"{url}/other/sparql", f"{url}/allowe/sparql", f"http://127.0.0.1.nip.io:{port}/allowed/",
                  f"http://127.0.0.1:{port}@169.254.169.254/allowed/", f"https://127.0.0.1:{port}/allowed/",
                  f"http://localhost:{port}/allowed/", "file:///allowed/"):
        refused = httpx.post(open_server.endpoint, data={"query": f"SELECT * {{ SERVICE <{other}> {{ ?s ?p ?o }} }}"})
        assert refused.status_code == 400 and "refused" in refused.text, (other, refused.text)
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/sparql-update"}
    loaded = httpx.post(open_server.endpoint, content=f"LOAD <{url}/allowed/data.nt> INTO GRAPH <urn:loaded>",
                        headers=headers)
    assert loaded.status_code == 200, loaded.text
    check = httpx.post(open_server.endpoint, data={"query": f"ASK {{ GRAPH <urn:loaded> {{ <{MARKER}> ?p ?o }} }}"})
    assert check.json()["boolean"] is True
    assert allowed_listener.calls == [("POST", "/allowed/sparql"), ("GET", "/allowed/data.nt")]
    health = httpx.get(open_server.base + "/health").json()
    assert health["allow_service"] == [f"{url}/allowed/"]


def test_kg_query_refuses_service_unless_allowed(kg, built_examples, listener):
    query = f"SELECT ?s WHERE {{ SERVICE <{listener.url}/sparql> {{ ?s ?p ?o }} }}"
    refused = kg("query", "--store", built_examples, query)
    assert refused.exit_code == 2
    assert refused.output.strip().startswith("kg: error: SERVICE <") and "--allow-service" in refused.output
    assert listener.calls == []
    allowed = kg("query", "--store", built_examples, "--allow-service", listener.url + "/", "--format", "csv", query)
    assert allowed.exit_code == 0, allowed.output
    assert MARKER in allowed.output and listener.calls == [("POST", "/sparql")]
    bad = kg("query", "--store", built_examples, "--allow-service", "file:///", "ASK {}")
    assert bad.exit_code == 2 and "never allowed" in bad.output


def test_kg_serve_refuses_a_file_allowlist(kg, built_examples):
    result = kg("serve", "--store", built_examples, "--port", "0", "--allow-service", "file:///etc/")
    assert result.exit_code == 2 and "never allowed" in result.output


# -- the guard itself ------------------------------------------------------------------------

def test_tokens_keep_strings_iris_and_comments_whole():
    kinds = [(t.kind, t.text) for t in tokens('SELECT ?x { <a:b#c> "x\\"SERVICE" ; \'\'\'y\nz\'\'\' } # SERVICE')]
    assert kinds == [("word", "SELECT"), ("var", "?x"), ("punct", "{"), ("iri", "<a:b#c>"),
                     ("string", '"x\\"SERVICE"'), ("punct", ";"), ("string", "'''y\nz'''"), ("punct", "}")]


def test_guard_resolves_names_and_compares_hosts_exactly():
    guard = Guard(["https://query.wikidata.org/sparql"])
    guard.check_query("PREFIX wd: <https://query.wikidata.org/> SELECT * { SERVICE wd:sparql { ?s ?p ?o } }")
    guard.check_query("SELECT * { SERVICE <https://QUERY.wikidata.org/sparql?x=1> { ?s ?p ?o } }")
    for target in ("<https://query.wikidata.org.evil.test/sparql>", "<https://query.wikidata.org:8443/sparql>",
                   "<http://query.wikidata.org/sparql>", "<https://evil.test/sparql>", "undeclared:x", "?v",
                   "<https://query.wikidata.org@evil.test/sparql>"):
        with pytest.raises(FederationRefused):
            guard.check_query(f"SELECT * {{ SERVICE {target} {{ ?s ?p ?o }} }}")
    with pytest.raises(FederationRefused):  # a relative IRI resolves against the server's own base
        Guard(base_iri="http://127.0.0.1:7878/sparql").check_query("SELECT * { SERVICE <admin> { ?s ?p ?o } }")
    with pytest.raises(UsageError):
        parse_allowlist(["gopher://x/"])


def test_remote_stores_also_refuse_virtuoso_pragmas_and_builtins():
    remote = Guard(remote=True)
    for query in ("DEFINE get:soft \"replace\" SELECT * FROM <http://169.254.169.254/> { ?s ?p ?o }",
                  "SELECT (bif:file_to_string('/etc/passwd') AS ?x) {}", "SELECT (<bif:file_to_string>('/x') AS ?x) {}",
                  "SELECT (sql:x() AS ?y) {}"):
        with pytest.raises(FederationRefused):
            remote.check_query(query)
        Guard().check_query(query)  # the embedded store has no such extensions (Oxigraph refuses them)


def test_a_host_header_cannot_write_into_the_sparql_text(built_examples):
    """The base IRI goes into the text as BASE <...>: a Host header must not close it."""
    from starlette.requests import Request

    from kg.serve.app import ServeConfig, Service, create_app

    app = create_app(ServeConfig(str(built_examples)), engine=object())
    hostile = b"a> SELECT * { SERVICE <http://169.254.169.254/> { ?s ?p ?o } } #"
    scope = {"type": "http", "method": "POST", "path": "/sparql", "root_path": "", "scheme": "http",
             "query_string": b"", "server": ("127.0.0.1", 7878), "headers": [(b"host", hostile)],
             "app": app, "router": app.router}
    base = Service.url(Request(scope), "sparql")
    assert base in ("http://localhost/sparql", "http://127.0.0.1:7878/sparql") and "SERVICE" not in base
    scope["headers"] = [(b"host", b"kg.example.org:8080")]
    assert Service.url(Request(scope), "sparql") == "http://kg.example.org:8080/sparql"
