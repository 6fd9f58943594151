"""The embedded store's layout: each document in its named graph, every triple once in the
default graph, kept equal to the union of the named graphs through builds, re-builds,
removals and a bulk load interrupted by a kill; and the saved queries' parameters."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.store.oxigraph import JOURNAL, OxigraphStore

from .conftest import write_corpus


def _union_and_default(path):
    store = ox.Store.read_only(str(path))
    union = {(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, None)
             if isinstance(q.graph_name, ox.NamedNode)}
    default = [(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())]
    del store
    return union, default


def _assert_default_is_the_union(path):
    union, default = _union_and_default(path)
    assert len(default) == len(set(default))
    assert set(default) == union


def _count(path, sparql) -> int:
    with OxigraphStore(path, create=False, read_only=True) as store:
        return int(store.query(sparql).rows[0][0])


CODE_LABELS = 'SELECT (COUNT(*) AS ?n) WHERE { ?k a lk:Code ; rdfs:label ?l }'


def test_a_fact_two_documents_state_is_one_triple_and_leaves_with_the_last(kg, tmp_path):
    corpus, store = tmp_path / "in", tmp_path / "store"
    write_corpus(corpus, 3)
    assert kg("build", corpus, "--store", store).exit_code == 0
    _assert_default_is_the_union(store)
    # three documents name the same Criminal Code of Nigeria: its type and label once each
    with OxigraphStore(store, create=False, read_only=True) as s:
        in_graphs = s.query('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?k a lk:Code } }').rows[0][0]
    assert int(in_graphs) == 3 and _count(store, CODE_LABELS) == 1
    # two documents change: their old graphs are replaced, the shared facts stay once
    for name in ("a0000.txt", "a0001.txt"):
        path = corpus / name
        path.write_text(path.read_text(encoding="utf-8").replace("Monday", "Tuesday"), encoding="utf-8")
    assert kg("build", corpus, "--store", store).exit_code == 0
    _assert_default_is_the_union(store)
    assert _count(store, CODE_LABELS) == 1
    # a source that no longer exists loses its document, and the default graph its facts
    for path in corpus.iterdir():
        path.unlink()
    (corpus / "other.txt").write_text("Parliament Meets\n\nNothing about codes here.\n", encoding="utf-8")
    assert kg("build", corpus, "--store", store).exit_code == 0
    _assert_default_is_the_union(store)


def test_a_killed_bulk_load_is_undone_when_the_store_opens(kg, tmp_path):
    corpus, store = tmp_path / "in", tmp_path / "store"
    write_corpus(corpus, 2)
    assert kg("build", corpus, "--store", store).exit_code == 0
    before_union, before_default = _union_and_default(store)
    # what a writer killed in the middle of a bulk load leaves: its journal, and part of it loaded
    doc = "https://w3id.org/legiskg/id/doc/interrupted"
    shared = next(iter(before_union))  # also stated by a document the store keeps
    lines = [f"<{doc}> <http://www.w3.org/2000/01/rdf-schema#label> \"half\" <{doc}> .",
             f"<{doc}> <http://www.w3.org/2000/01/rdf-schema#label> \"half\" .",
             f"{shared[0]} {shared[1]} {shared[2]} <{doc}> .",
             f"{shared[0]} {shared[1]} {shared[2]} ."]
    journal = store / JOURNAL
    journal.write_text("\n".join(lines) + "\n", encoding="utf-8")
    raw = ox.Store(str(store))
    raw.load(path=str(journal), format=ox.RdfFormat.N_QUADS)
    raw.flush()
    del raw
    OxigraphStore(store).close()  # a writer opens the store: the journal is undone
    assert not journal.exists()
    after_union, after_default = _union_and_default(store)
    assert after_union == before_union and sorted(map(str, after_default)) == sorted(map(str, before_default))
    assert kg("build", corpus, "--store", store).exit_code == 0


def test_saved_query_parameters_narrow_the_answer(kg, tmp_path):
    corpus, store = tmp_path / "in", tmp_path / "store"
    write_corpus(corpus, 2)
    assert kg("build", corpus, "--store", store).exit_code == 0
    every = kg("query", "--store", store, "--saved", "penalties-by-country", "--format", "csv")
    nigeria = kg("query", "--store", store, "--saved", "penalties-by-country", "-p", "country=Nigeria",
                 "--format", "csv")
    elsewhere = kg("query", "--store", store, "--saved", "penalties-by-country", "-p", "country=Peru",
                   "--format", "csv")
    assert every.exit_code == nigeria.exit_code == elsewhere.exit_code == 0
    assert len(every.output.splitlines()) > 1 and nigeria.output == every.output
    assert elsewhere.output.splitlines() == every.output.splitlines()[:1]


@pytest.mark.parametrize("args, message", [
    (["-p", "planet=Mars"], "takes no parameter 'planet'"),
    (["-p", "country"], "write NAME=VALUE"),
])
def test_bad_parameters_are_usage_errors(kg, built_examples, args, message):
    result = kg("query", "--store", built_examples, "--saved", "timeline", *args)
    assert result.exit_code == 2 and message in result.output


def test_a_parameter_value_cannot_break_out_of_its_literal(kg, built_examples):
    hostile = 'x" } } DROP ALL ; SELECT * { ?s ?p "'
    result = kg("query", "--store", built_examples, "--saved", "evidence", "-p", f"country={hostile}",
                "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines() == ["type,entity,quote,headline,published"]


def _every_quad(path):
    store = ox.Store.read_only(str(path))
    quads = sorted(str(q) for q in store.quads_for_pattern(None, None, None, None))
    del store
    return quads


def test_optimize_compacts_without_changing_a_quad_or_an_answer(kg, tmp_path, monkeypatch):
    from kg.store import oxigraph

    write_corpus(tmp_path / "in", 40)
    store = tmp_path / "store"
    # small bulk loads, as a big build makes: each leaves its own files for optimize to merge
    monkeypatch.setattr(oxigraph, "BULK_QUADS", 200)
    assert kg("build", tmp_path / "in", "--store", store).exit_code == 0
    before = _every_quad(store)
    answers = {name: kg("query", "--saved", name, "--store", store, "--format", "csv").output
               for name in ("penalties-by-country", "evidence", "officials")}
    result = kg("optimize", "--store", store)
    assert result.exit_code == 0, result.output
    assert f"optimized {store} in" in result.output and "MB ->" in result.output
    assert _every_quad(store) == before
    _assert_default_is_the_union(store)
    for name, answer in answers.items():
        assert kg("query", "--saved", name, "--store", store, "--format", "csv").output == answer


def test_build_optimize_flag_and_where_optimize_does_not_apply(kg, tmp_path):
    write_corpus(tmp_path / "in", 3)
    store = tmp_path / "store"
    result = kg("build", tmp_path / "in", "--store", store, "--optimize")
    assert result.exit_code == 0 and f"optimized {store} in" in result.output
    missing = kg("optimize", "--store", tmp_path / "nothing")
    assert missing.exit_code == 1 and "no store at" in missing.output and not (tmp_path / "nothing").exists()
    remote = kg("optimize", "--store", "sparql+http://127.0.0.1:9/sparql")
    assert remote.exit_code == 2 and "manages its own storage" in remote.output
    assert len(remote.output.strip().splitlines()) == 1


def _graph_sizes(path):
    store = ox.Store.read_only(str(path))
    sizes = {}
    for q in store.quads_for_pattern(None, None, None, None):
        sizes[str(q.graph_name)] = sizes.get(str(q.graph_name), 0) + 1
    del store
    return sizes


def test_loads_overlapping_extraction_give_the_store_a_build_in_line_gives(kg, tmp_path, monkeypatch):
    from kg.store import oxigraph

    write_corpus(tmp_path / "in", 140)  # two batches of the build (128 documents each)
    monkeypatch.setattr(oxigraph, "BULK_QUADS", 150)  # a load for each
    started = []
    real_thread = oxigraph.threading.Thread

    def counting_thread(*args, **kwargs):
        started.append(kwargs.get("name"))
        return real_thread(*args, **kwargs)

    monkeypatch.setattr(oxigraph.threading, "Thread", counting_thread)
    assert kg("build", tmp_path / "in", "--store", tmp_path / "overlapped").exit_code == 0  # one process
    assert started.count("kg-bulk-load") == 2
    assert kg("build", tmp_path / "in", "--store", tmp_path / "two", "--workers", "2").exit_code == 0
    assert started.count("kg-bulk-load") == 4
    # the same build with every load in line: the store the overlapped ones must give
    monkeypatch.setattr(OxigraphStore, "overlap_writes", lambda self, on=True: None)
    assert kg("build", tmp_path / "in", "--store", tmp_path / "in-line").exit_code == 0
    assert started.count("kg-bulk-load") == 4
    ground = [[q for q in _every_quad(tmp_path / name) if "_:" not in q] for name in ("overlapped", "in-line", "two")]
    assert ground[0] == ground[1] == ground[2]  # the ontology's blank nodes get new labels in each store
    assert _graph_sizes(tmp_path / "overlapped") == _graph_sizes(tmp_path / "in-line")
    _assert_default_is_the_union(tmp_path / "overlapped")
    assert not (tmp_path / "overlapped" / JOURNAL).exists()


def test_a_load_the_bulk_loader_refuses_in_the_background_is_written_by_update(tmp_path, monkeypatch):
    from kg.store import oxigraph
    from kg.store.base import DocumentGraph

    monkeypatch.setattr(oxigraph, "BULK_QUADS", 1)
    with OxigraphStore(tmp_path / "store") as store:
        store.overlap_writes(True)
        # "a" is SPARQL's and Turtle's, not N-Quads': the bulk loader refuses the whole journal
        store.replace_documents([DocumentGraph("urn:doc:1", "<urn:s> a <urn:o> .", 1)])
        store.replace_documents([DocumentGraph("urn:doc:2", "<urn:s> <urn:p> <urn:x> .", 1)])
    sizes = _graph_sizes(tmp_path / "store")
    assert sizes["<urn:doc:1>"] == 1 and sizes["<urn:doc:2>"] == 1 and sizes["DEFAULT"] == 2
    _assert_default_is_the_union(tmp_path / "store")
    assert not (tmp_path / "store" / JOURNAL).exists()
