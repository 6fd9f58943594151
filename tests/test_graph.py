"""Facts to triples: compared with an expected graph by isomorphism, and IRIs stable across runs."""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg import iris
from kg.extract.model import (Code, CodeArticle, Conversion, Evidence, Extraction, Law, LegislativeEvent,
                              Organization, Penalty, Person, Post)
from kg.graph import document_graph, document_triples
from kg.ingest import Document
from kg.vocab import LK

from .conftest import FIXTURES

EXPECTED = FIXTURES / "graph" / "expected.ttl"


def sample() -> tuple[Document, Extraction]:
    doc = Document(title="Senate Passes Bill", body="The Senate passed the bill. It sets a fine.",
                   source="sample.txt", date="2024-05-02")
    s1 = Evidence("The Senate passed the bill.", 20, 47)
    s2 = Evidence("It sets a fine.", 48, 63)
    code = iris.code_key("NG", "Criminal Code")
    article = iris.article_key(code, "364")
    ex = Extraction(
        countries=["NG"],
        persons=[Person("ada-obi", "Ada Obi", aliases=["Obi"], posts=[Post("Senator", "NG", "ng/senate")],
                        evidence=[s1])],
        organizations=[Organization("ng/senate", "Senate", "NG", kind="chamber", evidence=[s1])],
        codes=[Code(code, "Criminal Code", "NG")],
        articles=[CodeArticle(article, "364", code, "NG", offense="kidnapping", evidence=[s1])],
        laws=[Law("ng/kidnapping-bill", "Kidnapping Bill", "NG", "ApprovedByParliament", "2024-05", [article],
                  kind="bill", evidence=[s1])],
        penalties=[Penalty("p1", "Fine", "ProposedPenalty", amount=500000, currency="NGN", amount_usd=330.0,
                           conversion=Conversion(0.00066, "2024-01-01", "rates table"), article=article,
                           law="ng/kidnapping-bill", evidence=[s2])],
        events=[LegislativeEvent("e1", "ParliamentaryApproval", "ng/kidnapping-bill", agents=["ng/senate", "ada-obi"],
                                 date="2024-05-01", reading="third", affects=[article], penalties=["p1"],
                                 evidence=[s1])],
    )
    return doc, ex


def as_graph(triples) -> Graph:
    graph = Graph()
    for t in triples:
        graph.add(t)
    return graph


def test_graph_matches_the_expected_turtle():
    doc, ex = sample()
    got = as_graph(document_triples(doc, ex))
    got.remove((None, LK.extractorVersion, None))  # changes with every extractor release
    expected = Graph().parse(EXPECTED, format="turtle")
    if not isomorphic(got, expected):
        _, only_got, only_expected = graph_diff(to_isomorphic(got), to_isomorphic(expected))
        raise AssertionError("graphs differ\nonly in ours:\n" + only_got.serialize(format="nt")
                             + "\nonly in expected:\n" + only_expected.serialize(format="nt"))


def test_serialised_graph_parses_to_the_same_triples():
    doc, ex = sample()
    graph = document_graph(doc, ex)
    assert graph.iri == iris.document_iri(doc.id)
    parsed = Graph().parse(data=graph.ntriples, format="nt")
    assert isomorphic(parsed, as_graph(document_triples(doc, ex)))
    assert graph.quads == len(parsed)


def test_iris_are_stable_across_runs_and_documents(kg, tmp_path):
    from .conftest import EXAMPLES

    subjects = []
    for run in ("a", "b"):
        store = tmp_path / run
        kg("build", EXAMPLES, "--store", store)
        out = tmp_path / f"{run}.nt"
        kg("export", "--store", store, "--format", "ntriples", "--output", out)
        subjects.append(set(Graph().parse(out, format="nt").subjects()))
    assert subjects[0] == subjects[1]


def test_dates_keep_their_precision():
    from kg.graph import date_literal
    from kg.vocab import XSD

    assert date_literal("2024-05-02").datatype == XSD.date
    assert date_literal("2024-05").datatype == XSD.gYearMonth
    assert date_literal("2024").datatype == XSD.gYear
