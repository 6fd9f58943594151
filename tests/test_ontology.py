"""The ontology, its shapes, its JSON-LD context and the generated namespace keep the contract.

The contract is the analysts' vocabulary (``../shared/vocabulary.md``): every term it names
must be defined and aligned as it says, the shapes must accept a graph that keeps it and
name what is wrong in one that does not, and ``kg/vocab.py`` must be what the generator
makes of the ontology today.
"""
from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import OWL, RDF, RDFS

from kg import ontology, vocab_gen
from kg.errors import KGError
from kg.vocab import LK

VOCABULARY = Path(__file__).parents[2] / "shared" / "vocabulary.md"
SH = Namespace("http://www.w3.org/ns/shacl#")
ID = Namespace("https://w3id.org/legiskg/id/")
LK_NS = "https://w3id.org/legiskg/ontology#"
PROPERTY_KINDS = (OWL.ObjectProperty, OWL.DatatypeProperty)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph(bind_namespaces="none").parse(ontology.ontology_path(), format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ontology.shapes_path(), format="turtle")


@pytest.fixture(scope="module")
def vocabulary() -> str:
    if not VOCABULARY.is_file():
        pytest.skip(f"the analysts' vocabulary is not at {VOCABULARY}")
    return VOCABULARY.read_text(encoding="utf-8")


def lk_terms(graph: Graph) -> set[str]:
    """Names of the lk: terms the ontology declares."""
    kinds = (OWL.Class, *PROPERTY_KINDS, OWL.NamedIndividual)
    return {str(s)[len(LK_NS):] for kind in kinds for s in graph.subjects(RDF.type, kind)
            if str(s).startswith(LK_NS)}


def term_problems(graph: Graph, name: str) -> list[str]:
    """What is missing from the definition of lk:name; empty when it is complete."""
    term = LK[name]
    problems = [f"lk:{name} has no {p.n3(graph.namespace_manager)}"
                for p in (RDFS.label, RDFS.comment) if graph.value(term, p) is None]
    types = set(graph.objects(term, RDF.type))
    if name[0].islower():
        if not types & set(PROPERTY_KINDS):
            problems.append(f"lk:{name} is not an owl:ObjectProperty or owl:DatatypeProperty")
        problems += [f"lk:{name} has no {p.n3(graph.namespace_manager)}"
                     for p in (RDFS.domain, RDFS.range) if graph.value(term, p) is None]
    elif OWL.NamedIndividual in types:
        if not any((c, RDF.type, OWL.Class) in graph for c in types - {OWL.NamedIndividual}):
            problems.append(f"lk:{name} is an individual of no declared class")
    elif OWL.Class not in types:
        problems.append(f"lk:{name} is neither an owl:Class nor an owl:NamedIndividual")
    return problems


# (a) every term of the contract, and every extension, is defined and documented

def test_every_vocabulary_term_is_defined(onto, vocabulary):
    names = set(re.findall(r"\blk:([A-Za-z]+)", vocabulary))
    assert len(names) > 80, "the vocabulary parser found too few terms"
    problems = [p for name in sorted(names) for p in term_problems(onto, name)]
    assert not problems, "\n".join(problems)


def test_every_ontology_term_is_documented(onto):
    problems = [p for name in sorted(lk_terms(onto)) for p in term_problems(onto, name)]
    assert not problems, "\n".join(problems)


def test_controlled_values_are_individuals_of_their_class(onto, vocabulary):
    section = vocabulary.split("## Controlled values", 1)[1].split("\n## ", 1)[0]
    bullets = re.findall(r"^- `lk:(\w+)`:(.*?)(?=^- |\Z)", section, re.MULTILINE | re.DOTALL)
    assert {cls for cls, _ in bullets} == {"LawStatus", "EventType", "PenaltyType", "PenaltyStage"}
    for cls, body in bullets:
        listed = set(re.findall(r"`lk:(\w+)`", body))
        declared = {str(s)[len(LK_NS):] for s in onto.subjects(RDF.type, LK[cls])}
        assert listed == declared, f"lk:{cls}: the vocabulary lists {sorted(listed)}"


def test_contract_labels_of_controlled_values(onto):
    expected = {"ApprovedByParliament": "approved by parliament", "Imprisonment": "imprisonment",
                "NewPenalty": "new", "LifeImprisonment": "life imprisonment"}
    assert {name: str(onto.value(LK[name], RDFS.label)) for name in expected} == expected


# (b) and (c): kg/vocab.py and context.jsonld are what the generator makes of the ontology

def test_vocab_module_is_generated_from_the_ontology():
    written = Path(vocab_gen.__file__).with_name("vocab.py").read_text(encoding="utf-8")
    assert written == vocab_gen.render(), "kg/vocab.py is stale: run python -m kg.vocab_gen"


def test_context_is_generated_from_the_ontology():
    written = ontology.context_path().read_text(encoding="utf-8")
    assert written == vocab_gen.render_context(), "context.jsonld is stale: run python -m kg.vocab_gen"


def test_vocab_and_ontology_define_the_same_terms(onto):
    assert str(LK._NS) == LK_NS
    assert set(LK.__annotations__) == lk_terms(onto)


def test_generator_refuses_an_undeclared_term(tmp_path):
    source = tmp_path / "legiskg.ttl"
    source.write_text(ontology.ontology_path().read_text(encoding="utf-8")
                      + '\nlk:Persn rdfs:label "typo" .\n', encoding="utf-8")
    with pytest.raises(KGError, match="lk:Persn must be declared"):
        vocab_gen.render(source)


# (d) the namespace is closed

def test_undefined_term_raises():
    with pytest.raises(AttributeError):
        LK.Nonexistent  # noqa: B018 - the access itself is the test
    assert LK.Person == URIRef(LK_NS + "Person")


# (e) the shapes accept a graph that keeps the contract and name what breaks it

CONFORMING = """
@prefix lk: <https://w3id.org/legiskg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@base <https://w3id.org/legiskg/id/> .

<doc/astana-fraud> a lk:SourceDocument ;
    dcterms:title "Mazhilis backs tougher sentences for online fraud" ;
    dcterms:date "2024-05-02"^^xsd:date ;
    dcterms:source "https://news.example.org/astana-fraud" ;
    lk:about <country/KZ> ;
    lk:contentHash "sha256:0f1e2d" ;
    lk:extractorVersion "0.1.0" .

<evidence/1> a lk:Evidence ;
    lk:source <doc/astana-fraud> ;
    lk:quote "Deputies approved amendments raising the term for fraud under Article 190 to seven and a half years." ;
    lk:start 0 ;
    lk:end 102 .

<country/KZ> a lk:Country ;
    rdfs:label "Kazakhstan" ;
    lk:isoCode "KZ" ;
    owl:sameAs <http://www.wikidata.org/entity/Q232> .

<person/kassym-jomart-tokayev> a lk:Person ;
    rdfs:label "Kassym-Jomart Tokayev" ;
    skos:altLabel "Tokayev" ;
    lk:holds <post/kz/president> ;
    lk:evidence <evidence/1> .

<post/kz/president> a lk:Post ;
    rdfs:label "President" ;
    lk:jurisdiction <country/KZ> ;
    lk:former false .

<organization/kz/mazhilis> a lk:Organization ;
    rdfs:label "Mazhilis" ;
    lk:jurisdiction <country/KZ> ;
    lk:parentOrganization <organization/kz/parliament> ;
    lk:organizationKind "chamber" ;
    lk:evidence <evidence/1> .

<organization/kz/parliament> a lk:Organization ;
    rdfs:label "Parliament" ;
    lk:jurisdiction <country/KZ> ;
    lk:evidence <evidence/1> .

<law/kz/fraud-amendments> a lk:Law ;
    rdfs:label "amendments on fraud" ;
    lk:jurisdiction <country/KZ> ;
    lk:status lk:ApprovedByParliament ;
    lk:date "2024-05"^^xsd:gYearMonth ;
    lk:amends <article/kz/criminal-code/190> ;
    lk:lawKind "amendment act" ;
    lk:evidence <evidence/1> .

<code/kz/criminal-code> a lk:Code ;
    rdfs:label "Criminal Code" ;
    lk:jurisdiction <country/KZ> .

<article/kz/criminal-code/190> a lk:CodeArticle ;
    lk:articleNumber "190" ;
    lk:partOf <code/kz/criminal-code> ;
    lk:offense "fraud" ;
    lk:evidence <evidence/1> .

<penalty/1> a lk:Penalty ;
    lk:penaltyType lk:Imprisonment ;
    lk:readIn <doc/astana-fraud> ;
    lk:stage lk:ProposedPenalty ;
    lk:minYears 2.0 ;
    lk:maxYears 7.5 ;
    lk:appliesTo <article/kz/criminal-code/190> ;
    lk:penaltyLaw <law/kz/fraud-amendments> ;
    lk:evidence <evidence/1> .

<penalty/2> a lk:Penalty ;
    lk:penaltyType lk:Fine ;
    lk:readIn <doc/astana-fraud> ;
    lk:stage lk:CurrentPenalty ;
    lk:minAmount 100.0 ;
    lk:maxAmount 500.0 ;
    lk:currency "MCI" ;
    lk:amountUSD 3876.6 ;
    lk:conversion <conversion/1> ;
    lk:appliesTo <article/kz/criminal-code/190> ;
    lk:evidence <evidence/1> .

<conversion/1> a lk:Conversion ;
    lk:rate 0.0021 ;
    lk:rateDate "2024-05-02"^^xsd:date ;
    lk:rateSource "rates table" ;
    lk:indexValue 3692.0 ;
    lk:indexCurrency "KZT" .

<event/1> a lk:LegislativeEvent ;
    lk:eventType lk:ParliamentaryApproval ;
    lk:law <law/kz/fraud-amendments> ;
    lk:agent <organization/kz/mazhilis> ;
    lk:date "2024-05-01"^^xsd:date ;
    lk:reading "second" ;
    lk:affects <article/kz/criminal-code/190> ;
    lk:penalty <penalty/1> ;
    lk:evidence <evidence/1> .
"""

PENALTY, LAW, PERSON = ID["penalty/1"], ID["law/kz/fraud-amendments"], ID["person/kassym-jomart-tokayev"]
EVENT, COUNTRY, ARTICLE = ID["event/1"], ID["country/KZ"], ID["article/kz/criminal-code/190"]


def violations(data: Graph, onto: Graph, shapes: Graph) -> set[tuple[URIRef, URIRef, str]]:
    """(focus node, path, constraint component name) of each top-level result of validating data."""
    _, results, _ = validate(data, shacl_graph=shapes, ont_graph=onto, inference="none")
    return {(results.value(r, SH.focusNode), results.value(r, SH.resultPath),
             str(results.value(r, SH.sourceConstraintComponent))[len(str(SH)):])
            for r in results.objects(None, SH.result)}


def mutated(remove=(), add=()) -> Graph:
    """The conforming graph with the triples matching each pattern of remove taken out, add put in."""
    graph = Graph().parse(data=CONFORMING, format="turtle")
    for pattern in remove:
        graph.remove(pattern)
    for triple in add:
        graph.add(triple)
    return graph


def test_shapes_are_valid_shacl(shapes):
    conforms, _, report = validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, report


def test_conforming_graph_conforms(onto, shapes):
    assert violations(mutated(), onto, shapes) == set()


def test_broken_graph_reports_each_break(onto, shapes):
    data = mutated(remove=[(PENALTY, LK.penaltyType, None), (LAW, LK.status, None),
                           (PERSON, LK.evidence, None)],
                   add=[(LAW, LK.status, URIRef(LK_NS + "Banana"))])
    assert violations(data, onto, shapes) == {
        (PENALTY, LK.penaltyType, "MinCountConstraintComponent"),
        (LAW, LK.status, "InConstraintComponent"),
        (PERSON, LK.evidence, "MinCountConstraintComponent"),
    }



@pytest.mark.parametrize(("remove", "add", "expected"), [
    pytest.param([(COUNTRY, LK.isoCode, None)], [(COUNTRY, LK.isoCode, Literal("kz"))],
                 (COUNTRY, LK.isoCode, "PatternConstraintComponent"), id="lower-case ISO code"),
    pytest.param([(LAW, LK.date, None)], [(LAW, LK.date, Literal("May 2024"))],
                 (LAW, LK.date, "NodeConstraintComponent"), id="date as text"),
    pytest.param([(PENALTY, LK.readIn, None)], [], (PENALTY, LK.readIn, "MinCountConstraintComponent"),
                 id="penalty read in no document"),
    pytest.param([(PENALTY, LK.readIn, None)], [(PENALTY, LK.readIn, LAW)],
                 (PENALTY, LK.readIn, "ClassConstraintComponent"), id="penalty read in a law"),
    pytest.param([(PENALTY, LK.minYears, None)], [(PENALTY, LK.minYears, Literal(2))],
                 (PENALTY, LK.minYears, "DatatypeConstraintComponent"), id="years as integer"),
    pytest.param([(PENALTY, LK.minYears, None)],
                 [(PENALTY, LK.minYears, Literal(Decimal("9.0")))],
                 (PENALTY, LK.minYears, "LessThanOrEqualsConstraintComponent"), id="min above max"),
    pytest.param([], [(EVENT, LK.agent, LAW)],
                 (EVENT, LK.agent, "OrConstraintComponent"), id="agent is a law"),
    pytest.param([(EVENT, LK.eventType, None)], [(EVENT, LK.eventType, LK.InForce)],
                 (EVENT, LK.eventType, "InConstraintComponent"), id="status as event type"),
    pytest.param([(ARTICLE, LK.partOf, None)], [],
                 (ARTICLE, LK.partOf, "MinCountConstraintComponent"), id="article of no code"),
    pytest.param([(ID["evidence/1"], LK.source, None)], [],
                 (ID["evidence/1"], LK.source, "MinCountConstraintComponent"), id="evidence of no document"),
])
def test_single_break_is_named(onto, shapes, remove, add, expected):
    assert violations(mutated(remove, add), onto, shapes) == {expected}


@pytest.mark.parametrize(("path", "cls"), [(LK.status, LK.LawStatus), (LK.eventType, LK.EventType),
                                           (LK.penaltyType, LK.PenaltyType), (LK.stage, LK.PenaltyStage)])
def test_shapes_allow_exactly_the_controlled_values(onto, shapes, path, cls):
    lists = [Collection(shapes, shapes.value(s, SH["in"])) for s in shapes.subjects(SH.path, path)
             if shapes.value(s, SH["in"]) is not None]
    assert len(lists) == 1
    assert set(lists[0]) == set(onto.subjects(RDF.type, cls))


# (f) the alignments the vocabulary names are in the ontology

def test_vocabulary_class_alignments(onto, vocabulary):
    prefixes = {prefix: Namespace(iri) for prefix, iri in onto.namespaces()}
    expected = []
    for row in vocabulary.splitlines():
        cells = [cell.strip() for cell in row.split("|")]
        if len(cells) > 3 and (match := re.fullmatch(r"`lk:(\w+)`.*", cells[1])):
            cls = LK[match.group(1)]
            expected += [(cls, prefixes[p][n]) for p, n in re.findall(r"`(\w+):(\w+)`", cells[2])]
    assert len(expected) >= 12, "the vocabulary parser found too few alignments"
    missing = [f"{c.n3(onto.namespace_manager)} -> {t.n3(onto.namespace_manager)}" for c, t in expected
               if (c, RDFS.subClassOf, t) not in onto and (c, OWL.equivalentClass, t) not in onto]
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize(("prop", "parent"), [
    ("partOf", "http://data.europa.eu/eli/ontology#is_part_of"),
    ("amends", "http://data.europa.eu/eli/ontology#amends"),
    ("holds", "http://www.w3.org/ns/org#holds"),
    ("organization", "http://www.w3.org/ns/org#postIn"),
    ("parentOrganization", "http://www.w3.org/ns/org#subOrganizationOf"),
    ("agent", "http://www.w3.org/ns/prov#wasAssociatedWith"),
    ("quote", "http://www.w3.org/ns/prov#value"),
    ("source", "http://www.w3.org/ns/prov#hadPrimarySource"),
    ("evidence", "http://www.w3.org/ns/prov#wasInfluencedBy"),
    ("date", "http://purl.org/dc/terms/date"),
])
def test_property_alignments(onto, prop, parent):
    assert (LK[prop], RDFS.subPropertyOf, URIRef(parent)) in onto


# (g) the JSON-LD context reads back what it wrote

def test_context_covers_every_property(onto):
    context = json.loads(ontology.context_path().read_text(encoding="utf-8"))["@context"]
    for prop in onto.subjects(RDF.type, OWL.ObjectProperty):
        name = str(prop)[len(LK_NS):]
        assert context[name] == {"@id": f"lk:{name}", "@type": "@id"}
    for prop in onto.subjects(RDF.type, OWL.DatatypeProperty):
        name = str(prop)[len(LK_NS):]
        term = context[name]
        assert (term["@id"] if isinstance(term, dict) else term) == f"lk:{name}"
    assert context["maxYears"]["@type"] == "xsd:decimal"
    assert context["start"]["@type"] == "xsd:integer"
    assert "@type" not in context["date"]  # each date keeps its own precision


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # rdflib's own parser
def test_context_round_trip():
    context = json.loads(ontology.context_path().read_text(encoding="utf-8"))["@context"]
    graph = Graph().parse(data=CONFORMING, format="turtle")
    graph.add((LAW, RDFS.label, Literal("Закон о мошенничестве", lang="ru")))
    text = graph.serialize(format="json-ld", context=context)
    assert '"penaltyType": "lk:Imprisonment"' in text
    back = Graph().parse(data=text, format="json-ld")
    if not isomorphic(graph, back):
        _, only_before, only_after = graph_diff(to_isomorphic(graph), to_isomorphic(back))
        pytest.fail(f"lost:\n{only_before.serialize(format='nt')}\n"
                    f"gained:\n{only_after.serialize(format='nt')}")


# kg.ontology finds the files, or says where it looked

def test_paths_point_at_the_files():
    for path in (ontology.ontology_path(), ontology.shapes_path(), ontology.context_path()):
        assert path.is_file()


def test_missing_files_raise_kgerror(monkeypatch, tmp_path):
    monkeypatch.setattr(ontology, "_FOLDERS", (tmp_path / "ontology", tmp_path / "data"))
    with pytest.raises(KGError, match="shapes.ttl"):
        ontology.shapes_path()
