"""kg.analysis and the path / central / neighbors / timeline commands, on a hand-written graph.

The fixture (tests/fixtures/analysis/graph.trig) holds four articles' graphs: Kazakhstan's
fraud law (submitted, endorsed and signed by Tokayev, approved by the Mazhilis), an Uzbek
ecology law with a new fine, and a Georgian proposal with an undated objection and a
hostile headline. Every expected answer below follows from those triples.
"""
from __future__ import annotations

import csv
import io

import pytest

from kg import analysis
from kg.store import open_store

from .fixtures.analysis import load_store

ID = "https://w3id.org/legiskg/id/"
TOKAYEV = ID + "person/kassym-jomart-tokayev"
ART_190 = ID + "article/kz/criminal-code/190"
SIGNING = ID + "event/kz-fraud-2/signing"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return load_store(tmp_path_factory.mktemp("analysis") / "store")


@pytest.fixture(scope="module")
def graph(store_path):
    with open_store(str(store_path), read_only=True) as store:
        return analysis.load_graph(store)


def rows(output: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(output)))


# -- the graph ----------------------------------------------------------------------------------
def test_every_entity_becomes_one_typed_node(graph):
    kinds = {}
    for _, data in graph.nodes(data=True):
        kinds[data["kind"]] = kinds.get(data["kind"], 0) + 1
    assert kinds == {"Country": 3, "Person": 4, "Post": 4, "Organization": 4, "Law": 3, "Code": 3,
                     "CodeArticle": 4, "Penalty": 5, "LegislativeEvent": 8, "SourceDocument": 4}
    assert not [n for n in graph if "/evidence/" in n or "ontology" in n]  # folded in, or not ours


def test_labels_read_as_a_person_would_say_them(graph):
    label = lambda iri: graph.nodes[ID + iri]["label"]  # noqa: E731
    assert label("penalty/kz-fraud-2/kidnapping") == "4–7 years imprisonment"
    assert label("article/kz/criminal-code/125") == "Art. 125, Criminal Code (KZ)"  # composed: no rdfs:label
    assert label("penalty/uz-eco-1/fine") == "fine of 100–200 BCA"
    assert label("penalty/ge-drunk-1/arrest") == "10–15 days arrest"
    assert label("post/kz/president") == "President (KZ)"
    assert label("code/uz/criminal-code") == "Criminal Code (UZ)"
    assert label("event/kz-fraud-2/signing") == "Signing 2024-03-12"
    assert label("event/ge-drunk-1/objection") == "Objection"


def test_edges_are_the_object_properties_in_their_direction(graph):
    assert graph.has_edge(SIGNING, TOKAYEV, key="agent")
    assert graph.has_edge(SIGNING, ART_190, key="affects")
    assert graph.has_edge(TOKAYEV, ID + "post/kz/president", key="holds")
    assert not graph.has_edge(TOKAYEV, SIGNING)
    # controlled values are text on the node, not edges to the ontology
    assert dict(graph.nodes[SIGNING]["values"])["event type"] == "signing"


def test_countries_follow_the_links(graph):
    assert graph.nodes[ID + "penalty/kz-fraud-2/old"]["countries"] == ["KZ"]  # penalty -> article -> code -> KZ
    assert graph.nodes[TOKAYEV]["countries"] == ["KZ"]  # person -> post -> KZ
    assert graph.nodes[ID + "org/ge/united-national-movement"]["countries"] == ["GE"]


def test_evidence_carries_quote_headline_and_date(graph):
    evidence = graph.nodes[TOKAYEV]["evidence"]
    assert [e["quote"][:30] for e in evidence] == ["President Kassym-Jomart Tokaye", "Tokayev had backed the bill in"]
    assert {(e["title"], e["date"]) for e in evidence} == {("Tokayev signs fraud law", "2024-03-13")}


def test_rows_round_trip(graph):
    nodes, edges = analysis.node_rows(graph), analysis.edge_rows(graph)
    assert len(nodes) == graph.number_of_nodes() and len(edges) == graph.number_of_edges()
    assert {"subject": SIGNING, "property": "agent", "object": TOKAYEV, "subject_label": "Signing 2024-03-12",
            "object_label": "Kassym-Jomart Tokayev"} in edges


def test_a_construct_result_draws_its_own_edges_with_the_stores_descriptions(store_path, graph):
    with open_store(str(store_path), read_only=True) as store:
        result = store.query("CONSTRUCT { ?e lk:agent ?p } WHERE { ?e lk:agent ?p . ?p a lk:Person }")
        sub = analysis.graph_from_result(result, store, base=graph)
        with pytest.raises(analysis.UsageError, match="CONSTRUCT"):
            analysis.graph_from_result(store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1"), store, base=graph)
    assert sub.number_of_edges() == 5  # Tokayev twice, Koshanov, Mirziyoyev, Kobakhidze
    assert {k for _, _, k in sub.edges(keys=True)} == {"agent"}
    assert sub.nodes[TOKAYEV]["label"] == "Kassym-Jomart Tokayev" and sub.nodes[TOKAYEV]["evidence"]


# -- naming entities --------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["Tokayev", "tokayev", "Kassym-Jomart Tokayev", "K.-J. Tokayev", TOKAYEV,
                                  "id:person/kassym-jomart-tokayev", "person/kassym-jomart-tokayev"])
def test_an_entity_is_named_by_label_alias_or_iri(graph, name):
    # "Tokayev signs fraud law" (a headline) does not make "Tokayev" ambiguous
    assert analysis.find_entity(graph, name) == TOKAYEV


def test_an_ambiguous_name_lists_the_candidates(graph):
    with pytest.raises(analysis.AmbiguousEntity) as caught:
        analysis.find_entity(graph, "Criminal Code")
    message = str(caught.value)
    assert ID + "code/kz/criminal-code" in message and ID + "code/uz/criminal-code" in message
    assert analysis.find_entity(graph, "Criminal Code (UZ)") == ID + "code/uz/criminal-code"


def test_an_unknown_name_says_so_and_suggests(graph):
    with pytest.raises(analysis.EntityNotFound, match="did you mean 'Yerlan Koshanov'"):
        analysis.find_entity(graph, "Koshanoff")


def test_type_names(graph):
    assert analysis.kind_name("article") == "CodeArticle"
    with pytest.raises(analysis.UsageError, match="unknown type"):
        analysis.kind_name("Planet")


# -- filters ------------------------------------------------------------------------------------------
def test_filter_by_country_type_date_and_focus(graph):
    kz = analysis.filter_graph(graph, countries=["kz"])
    assert {d["kind"] for _, d in kz.nodes(data=True)} >= {"Person", "Law", "Penalty"}
    assert all("KZ" in d["countries"] for _, d in kz.nodes(data=True))
    laws = analysis.filter_graph(graph, kinds=["Law", "penalty"])
    assert {d["kind"] for _, d in laws.nodes(data=True)} == {"Law", "Penalty"} and len(laws) == 8
    recent = analysis.filter_graph(graph, since="2024-03", kinds=["event"])
    assert sorted(d["label"] for _, d in recent.nodes(data=True)) == [
        "Adoption 2024-05-02", "Signing 2024-03-12", "Signing 2024-06-10"]
    around = analysis.filter_graph(graph, focus="Tokayev", depth=1)
    assert set(around) == {TOKAYEV, ID + "post/kz/president", SIGNING, ID + "event/kz-fraud-2/endorsement"}


# -- the commands ---------------------------------------------------------------------------------------
def test_path_shows_each_step_with_its_evidence(kg, store_path):
    result = kg("path", "Tokayev", "Art. 190", "--store", store_path)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Kassym-Jomart Tokayev → Art. 190, Criminal Code (KZ): 2 steps, 1 shortest path shown"
    assert "  1. Kassym-Jomart Tokayev  ←agent—  Signing 2024-03-12" in lines
    assert "  2. Signing 2024-03-12  —affects→  Art. 190, Criminal Code (KZ)" in lines
    assert "       “President Kassym-Jomart Tokayev signed the law on 12 March 2024" in result.output
    assert "       — Tokayev signs fraud law, 2024-03-13" in lines


def test_path_library_call_finds_every_shortest_path_with_supporting_quotes(graph):
    paths = analysis.shortest_paths(graph, ID + "person/yerlan-koshanov", ID + "org/kz/mazhilis")
    assert [[(s.subject[len(ID):], s.property, s.object[len(ID):]) for s in steps] for steps in paths] == [
        [("person/yerlan-koshanov", "holds", "post/kz/chairman-of-the-mazhilis"),
         ("post/kz/chairman-of-the-mazhilis", "organization", "org/kz/mazhilis")],
        [("event/kz-fraud-1/approval", "agent", "person/yerlan-koshanov"),
         ("event/kz-fraud-1/approval", "agent", "org/kz/mazhilis")]]
    # each step quotes a sentence naming the entity at its far end
    assert "Koshanov" in paths[1][0].quote and "Mazhilis approved" in paths[1][1].quote
    assert [s.forward for s in paths[1]] == [False, True]
    assert analysis.shortest_paths(graph, ID + "person/yerlan-koshanov", ID + "country/UZ") == []


def test_path_between_unconnected_or_ambiguous_entities(kg, store_path):
    apart = kg("path", "Tokayev", "Mirziyoyev", "--store", store_path)
    assert apart.exit_code == 1
    assert "Kassym-Jomart Tokayev and Shavkat Mirziyoyev are not connected" in apart.output
    unclear = kg("path", "Criminal Code", "Tokayev", "--store", store_path)
    assert unclear.exit_code == 2
    assert "code/kz/criminal-code" in unclear.output and "code/uz/criminal-code" in unclear.output
    assert "Traceback" not in unclear.output


def test_central_by_degree_pagerank_and_betweenness(kg, store_path):
    people = rows(kg("central", "--type", "Person", "--format", "csv", "--store", store_path).stdout)
    assert [(r["entity"], r["degree"]) for r in people] == [
        ("Kassym-Jomart Tokayev", "3"), ("Irakli Kobakhidze", "2"), ("Shavkat Mirziyoyev", "2"),
        ("Yerlan Koshanov", "2")]
    everyone = rows(kg("central", "--limit", "2", "--format", "csv", "--store", store_path).stdout)
    assert [(r["entity"], r["degree"]) for r in everyone] == [
        ("Kazakhstan", "6"), ("Law on amendments to the Criminal Code on fraud", "6")]
    for measure in ("pagerank", "betweenness"):
        top = rows(kg("central", "--measure", measure, "--limit", "1", "--format", "csv", "--store", store_path).stdout)
        assert top[0]["entity"] == "Kazakhstan", measure
    table = kg("central", "--store", store_path)
    assert table.exit_code == 0 and table.output.splitlines()[0].split() == ["rank", "entity", "type", "degree", "iri"]


def test_neighbors_as_a_table(kg, store_path):
    near = rows(kg("neighbors", "Tokayev", "--format", "csv", "--store", store_path).stdout)
    assert [(r["link"], r["entity"], r["type"]) for r in near] == [
        ("—holds→", "President (KZ)", "Post"),
        ("←agent—", "Endorsement 2024-01-15", "LegislativeEvent"),
        ("←agent—", "Signing 2024-03-12", "LegislativeEvent")]
    wider = rows(kg("neighbors", TOKAYEV, "--depth", "2", "--format", "csv", "--store", store_path).stdout)
    assert len(wider) == 8
    assert {r["entity"] for r in wider if r["depth"] == "2"} == {
        "Kazakhstan", "Law on amendments to the Criminal Code on fraud", "Art. 190, Criminal Code (KZ)",
        "3–7 years imprisonment", "5–10 years imprisonment"}
    table = kg("neighbors", "Tokayev", "--store", store_path)
    assert table.output.startswith("Kassym-Jomart Tokayev (Person, ")


def test_timeline_in_date_order(kg, store_path):
    result = kg("timeline", "--format", "csv", "--store", store_path)
    assert result.exit_code == 0
    lines = [(r["date"], r["country"], r["step"], r["agents"]) for r in rows(result.stdout)]
    assert lines == [
        ("2023-09-01", "GE", "proposal", "Irakli Kobakhidze"),
        ("2023-09-01", "GE", "proposed penalty: 10–15 days arrest (Art. 116)", ""),
        ("2023-09-05 (news date)", "GE", "objection", "United National Movement"),
        ("2023-11-20", "KZ", "submission", "Government of Kazakhstan"),
        ("2024-01-15", "KZ", "endorsement", "Kassym-Jomart Tokayev"),
        ("2024-02-14", "KZ", "parliamentary approval", "Mazhilis; Yerlan Koshanov"),
        ("2024-03-12", "KZ", "signing", "Kassym-Jomart Tokayev"),
        ("2024-03-12", "KZ", "previous penalty: 3–7 years imprisonment (Art. 190)", ""),
        ("2024-03-12", "KZ", "new penalty: 5–10 years imprisonment (Art. 190)", ""),
        ("2024-05-02", "UZ", "adoption", "Legislative Chamber"),
        ("2024-06-10", "UZ", "signing", "Shavkat Mirziyoyev"),
        ("2024-06-10", "UZ", "new penalty: fine of 100–200 BCA (Art. 196)", ""),
    ]
    kz = rows(kg("timeline", "--country", "KZ", "--format", "csv", "--store", store_path).stdout)
    assert {r["law"] for r in kz} == {"Law on amendments to the Criminal Code on fraud"} and len(kz) == 6


def test_commands_without_a_store_fail_cleanly(kg, tmp_path):
    result = kg("central", "--store", tmp_path / "none")
    assert result.exit_code == 1 and "no store at" in result.output
