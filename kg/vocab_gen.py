"""Generate the ontology's Python namespace and JSON-LD context from ``ontology/legiskg.ttl``.

The ontology is the one place where a term is defined. This module reads it and writes
``kg/vocab.py`` (a closed rdflib ``DefinedNamespace``, so a mistyped term fails loudly)
and ``context.jsonld`` beside the ontology (the context of JSON-LD exports). Neither file
is edited by hand; after changing the ontology, run::

    python -m kg.vocab_gen

The tests check that both files equal what :func:`render` and :func:`render_context`
return, so a forgotten regeneration fails the build.
"""
from __future__ import annotations

import json
import keyword
import sys
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.errors import KGError
from kg.ontology import ontology_path

__all__ = ["render", "render_context", "main"]

ID = "https://w3id.org/legiskg/id/"
VOCAB_PATH = Path(__file__).with_name("vocab.py")

# Section heading and the rdf:type that puts a term in it, in the order vocab.py lists them;
# controlled values (owl:NamedIndividual) follow, one section per class.
_SECTIONS = (
    ("Classes", OWL.Class),
    ("Object properties", OWL.ObjectProperty),
    ("Datatype properties", OWL.DatatypeProperty),
)
_KINDS = (*(kind for _, kind in _SECTIONS), OWL.NamedIndividual)
# vocab.py re-exports rdflib's namespace objects; the ontology must declare the same IRIs.
_RDFLIB_NAMESPACES = {"dcterms": DCTERMS, "foaf": FOAF, "org": ORG, "owl": OWL, "prov": PROV,
                      "rdf": RDF, "rdfs": RDFS, "skos": SKOS, "xsd": XSD}
# Namespaces vocab.py defines from the ontology's prefixes: rdflib has no ELI, and its
# schema.org namespace is the https one while the ontology aligns to http://schema.org/.
_OWN_NAMESPACES = {"ELI": "eli", "SCHEMA": "schema"}
_CONTEXT_PREFIXES = ("lk", "rdfs", "skos", "owl", "xsd", "dcterms", "prov", "eli", "schema",
                     "org", "foaf")
# Short names in exports for the standard properties every node uses.
_CONTEXT_ALIASES = {
    "label": "rdfs:label",
    "altLabel": "skos:altLabel",
    "title": "dcterms:title",
    "sameAs": {"@id": "owl:sameAs", "@type": "@id"},
}


class _Ontology:
    """The parts of the parsed ontology the generated files need, checked on the way in."""

    def __init__(self, source: Path | None = None):
        self.path = source or ontology_path()
        graph = Graph(bind_namespaces="none")
        try:
            graph.parse(self.path, format="turtle")
        except (OSError, SyntaxError, ValueError) as err:
            raise KGError(f"{self.path}: cannot read the ontology: {err}") from err
        self.prefixes = {prefix: str(iri) for prefix, iri in graph.namespaces()}
        self._check_prefixes()
        self.namespace = self.prefixes["lk"]
        ontologies = set(graph.subjects(RDF.type, OWL.Ontology))
        if len(ontologies) != 1:
            raise KGError(f"{self.path}: expected one owl:Ontology, found {len(ontologies)}")
        self.iri = str(ontologies.pop())
        self.terms = self._collect(graph)

    def _check_prefixes(self) -> None:
        needed = set(_CONTEXT_PREFIXES) | set(_RDFLIB_NAMESPACES) | set(_OWN_NAMESPACES.values())
        missing = sorted(needed - set(self.prefixes))
        if missing:
            raise KGError(f"{self.path}: declare the prefixes {', '.join(missing)}")
        for prefix, namespace in _RDFLIB_NAMESPACES.items():
            if self.prefixes[prefix] != str(namespace):
                raise KGError(f"{self.path}: prefix {prefix}: is <{self.prefixes[prefix]}>, "
                              f"rdflib's is <{namespace}>")

    def _collect(self, graph: Graph) -> dict[URIRef, list[tuple[str, str, URIRef | None]]]:
        """Each kind of term to its rows, sorted by name: (name, label, range or class).

        The third field is a property's rdfs:range, or a controlled value's class.
        """
        terms: dict[URIRef, list[tuple[str, str, URIRef | None]]] = {kind: [] for kind in _KINDS}
        subjects = {s for s in graph.subjects() if isinstance(s, URIRef)
                    and str(s).startswith(self.namespace)}
        for term in sorted(subjects):
            name = str(term)[len(self.namespace):]
            kinds = [kind for kind in _KINDS if (term, RDF.type, kind) in graph]
            if len(kinds) != 1:
                raise KGError(f"{self.path}: lk:{name} must be declared as exactly one of "
                              "owl:Class, owl:ObjectProperty, owl:DatatypeProperty, owl:NamedIndividual")
            if not name.isidentifier() or keyword.iskeyword(name) or name.startswith("_"):
                raise KGError(f"{self.path}: lk:{name} is not usable as a Python attribute")
            label = graph.value(term, RDFS.label)
            if label is None:
                raise KGError(f"{self.path}: lk:{name} has no rdfs:label")
            extra = graph.value(term, RDFS.range)
            if kinds[0] == OWL.NamedIndividual:
                classes = set(graph.objects(term, RDF.type)) - {OWL.NamedIndividual}
                if len(classes) != 1:
                    raise KGError(f"{self.path}: lk:{name} must be typed with exactly one class")
                extra = classes.pop()
            terms[kinds[0]].append((name, str(label), extra))
        return terms

    def curie(self, iri: URIRef) -> str | None:
        """``xsd:decimal`` for an IRI in a declared namespace, else None."""
        for prefix, namespace in self.prefixes.items():
            if str(iri).startswith(namespace):
                return f"{prefix}:{str(iri)[len(namespace):]}"
        return None


def render(source: Path | None = None) -> str:
    """The text of ``kg/vocab.py`` for the ontology at ``source`` (default: the project's)."""
    onto = _Ontology(source)
    body = []
    for heading, kind in _SECTIONS:
        body.append(f"\n    # {heading}")
        body += [f"    {name}: URIRef  # {label}" for name, label, _ in onto.terms[kind]]
    values = onto.terms[OWL.NamedIndividual]
    for cls in sorted({cls for _, _, cls in values}):
        body.append(f"\n    # {onto.curie(cls)} values")
        body += [f"    {name}: URIRef  # {label}" for name, label, c in values if c == cls]
    own = "\n".join(f'{name} = Namespace("{onto.prefixes[prefix]}")'
                    for name, prefix in sorted(_OWN_NAMESPACES.items()))
    exported = sorted(["LK", "ID", "ONTOLOGY_GRAPH", *(p.upper() for p in _RDFLIB_NAMESPACES),
                       *_OWN_NAMESPACES])
    all_lines = "\n".join(f'    "{name}",' for name in exported)
    rdflib_names = "".join(f"\n    {p.upper()}," for p in sorted(_RDFLIB_NAMESPACES))
    return f'''"""The terms of the legiskg ontology as a closed rdflib namespace, and the namespaces it uses.

GENERATED from ontology/legiskg.ttl by kg/vocab_gen.py: do not edit. After changing the
ontology, regenerate with ``python -m kg.vocab_gen``.

``LK`` is closed: ``LK.Person`` is a term, ``LK.Persn`` raises AttributeError.
"""
from rdflib.namespace import ({rdflib_names}
    DefinedNamespace,
    Namespace,
)
from rdflib.term import URIRef

__all__ = [
{all_lines}
]

ID = "{ID}"
ONTOLOGY_GRAPH = "{onto.iri}"

{own}


class LK(DefinedNamespace):
    """Every class, property and controlled value of the legiskg ontology."""

    _fail = True
    _NS = Namespace("{onto.namespace}")
{chr(10).join(body)}
'''


def render_context(source: Path | None = None) -> str:
    """The text of ``context.jsonld`` for the ontology at ``source`` (default: the project's)."""
    onto = _Ontology(source)
    context: dict[str, object] = {"@version": 1.1}
    context |= {prefix: onto.prefixes[prefix] for prefix in _CONTEXT_PREFIXES}
    context |= _CONTEXT_ALIASES
    context |= {name: f"lk:{name}" for name, _, _ in onto.terms[OWL.Class]}
    properties: dict[str, object] = {}
    for name, _, _ in onto.terms[OWL.ObjectProperty]:
        properties[name] = {"@id": f"lk:{name}", "@type": "@id"}
    for name, _, range_ in onto.terms[OWL.DatatypeProperty]:
        # Strings need no coercion; a union of datatypes (lk:date) keeps each value's own.
        datatype = onto.curie(range_) if isinstance(range_, URIRef) and range_ != XSD.string else None
        properties[name] = {"@id": f"lk:{name}", "@type": datatype} if datatype else f"lk:{name}"
    context |= dict(sorted(properties.items()))
    return json.dumps({"@context": context}, indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    """Rewrite ``kg/vocab.py`` and ``context.jsonld`` from the ontology."""
    try:
        source = ontology_path()
        outputs = {VOCAB_PATH: render(source), source.with_name("context.jsonld"): render_context(source)}
    except KGError as err:
        sys.exit(f"kg.vocab_gen: {err}")
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
