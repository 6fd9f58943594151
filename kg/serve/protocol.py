"""The SPARQL 1.1 Protocol on ``/sparql``: reading a request into one query or one update.

- a query: ``GET ?query=``, ``POST`` form ``query=``, or a ``POST`` body of type
  ``application/sparql-query``; its dataset from ``default-graph-uri`` / ``named-graph-uri``;
- an update: ``POST`` form ``update=`` or a body of type ``application/sparql-update``,
  with ``using-graph-uri`` / ``using-named-graph-uri`` written into it as ``USING``
  clauses (refused when the update has its own ``USING`` or ``WITH``);
- two ``query`` or two ``update`` parameters, or a query and an update, are refused (400);
- relative IRIs resolve against the service's base IRI (the endpoint URL unless
  ``kg serve --base`` says otherwise);
- ``GET`` with no query is the service description (:func:`service_description`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl

import pyoxigraph as ox

from .limits import Refused

__all__ = ["ProtocolRequest", "parse_request", "service_description", "charset_of"]

_FORM = "application/x-www-form-urlencoded"
_QUERY = "application/sparql-query"
_UPDATE = "application/sparql-update"
#: rdflib's SPARQLStore under a Dataset sends this as default-graph-uri, meaning "the
#: default graph": no such graph exists here, so it is read as no dataset (the union).
RDFLIB_DEFAULT = "urn:x-rdflib:default"


@dataclass
class ProtocolRequest:
    """What a request to ``/sparql`` asks: a query, an update, or neither."""

    query: str | None = None
    update: str | None = None
    params: list[tuple[str, str]] = field(default_factory=list)

    def get(self, name: str) -> str | None:
        return next((v for k, v in self.params if k == name), None)

    def getlist(self, name: str) -> list[str]:
        return [v for k, v in self.params if k == name]


def charset_of(content_type: str) -> str | None:
    """The ``charset`` parameter of a Content-Type header, lower-cased, if any."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip('"').lower()
    return None


def parse_request(method: str, url_params: list[tuple[str, str]], content_type: str,
                  body: bytes | None) -> ProtocolRequest:
    """Read the query or update of a request (raise :class:`Refused` with 400 or 415)."""
    media = content_type.split(";")[0].strip().lower()
    pairs = list(url_params)
    direct_query = direct_update = None
    if method == "POST" and body is not None and (body or media):
        charset = charset_of(content_type)
        if charset not in (None, "utf-8", "utf8", "us-ascii"):
            raise Refused(415, f"the body is in {charset}: send SPARQL as UTF-8")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise Refused(400, "the request body is not UTF-8") from None
        if media == _FORM:
            pairs += parse_qsl(text, keep_blank_values=True)
        elif media == _QUERY:
            direct_query = text
        elif media == _UPDATE:
            direct_update = text
        else:
            raise Refused(415, "send a query as application/x-www-form-urlencoded (query=...) or "
                               "application/sparql-query, an update as application/sparql-update")
    queries = [v for k, v in pairs if k == "query"] + ([direct_query] if direct_query is not None else [])
    updates = [v for k, v in pairs if k == "update"] + ([direct_update] if direct_update is not None else [])
    if len(queries) > 1:
        raise Refused(400, f"{len(queries)} queries in one request: give one query")
    if len(updates) > 1:
        raise Refused(400, f"{len(updates)} updates in one request: give one update (operations may be "
                           "joined with ';' inside it)")
    if queries and updates:
        raise Refused(400, "give a query or an update, not both")
    request = ProtocolRequest(queries[0] if queries else None, updates[0] if updates else None, pairs)
    if request.update is not None and (request.getlist("default-graph-uri") or request.getlist("named-graph-uri")):
        raise Refused(400, "default-graph-uri and named-graph-uri go with a query; an update takes "
                           "using-graph-uri and using-named-graph-uri")
    for name in ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri"):
        for value in request.getlist(name):
            if value != RDFLIB_DEFAULT and not absolute_iri(value):
                raise Refused(400, f"{name}={value!r} is not an absolute IRI")
    return request


def absolute_iri(value: str) -> bool:
    """Whether ``value`` is an absolute IRI (a scheme, then no character an IRI may not hold).

    >>> absolute_iri("https://w3id.org/legiskg/id/doc/1"), absolute_iri("../etc/passwd"), absolute_iri("a b:c")
    (True, False, False)
    """
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    scheme, sep, _ = value.partition(":")
    return bool(sep) and scheme[:1].isalpha() and all(c.isalnum() or c in "+.-" for c in scheme)


# -- the service description ---------------------------------------------------------------

_SD = "http://www.w3.org/ns/sparql-service-description#"
_FORMATS = "http://www.w3.org/ns/formats/"
_RESULT_FORMATS = ["SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                   "Turtle", "N-Triples", "N-Quads", "TriG", "JSON-LD", "RDF_XML"]
_INPUT_FORMATS = ["Turtle", "N-Triples", "N-Quads", "TriG", "JSON-LD", "RDF_XML"]


def service_description(endpoint: str, *, updates: bool, federation: bool, graph_store: str) -> list[ox.Triple]:
    """The SPARQL 1.1 Service Description of the endpoint, as triples: the languages (Update
    only when updates are on), the result and input formats, the default dataset, federation
    only when an allowlist is set."""
    service, dataset, default = ox.NamedNode(endpoint), ox.BlankNode(), ox.BlankNode()
    sd = lambda name: ox.NamedNode(_SD + name)  # noqa: E731
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    out = [ox.Triple(service, rdf_type, sd("Service")),
           ox.Triple(service, sd("endpoint"), service),
           ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
           ox.Triple(service, sd("defaultEntailmentRegime"), ox.NamedNode("http://www.w3.org/ns/entailment/Simple")),
           ox.Triple(service, sd("defaultDataset"), dataset),
           ox.Triple(dataset, rdf_type, sd("Dataset")),
           ox.Triple(dataset, sd("defaultGraph"), default),
           ox.Triple(default, rdf_type, sd("Graph")),
           ox.Triple(service, ox.NamedNode("http://purl.org/dc/terms/title"), ox.Literal("legiskg SPARQL endpoint")),
           ox.Triple(service, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment"), ox.Literal(
               "Each document is a named graph; the default graph holds each of their facts once, kept so by "
               f"kg build and by the Graph Store Protocol at {graph_store} (a SPARQL update writes only where it "
               "says). Updates "
               + ("accepted with the server's bearer token." if updates else "refused: read-only.")
               + (" SERVICE allowed to listed endpoints only." if federation else " SERVICE refused.")))]
    if updates:
        out.append(ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Update")))
    if federation:
        out.append(ox.Triple(service, sd("feature"), sd("BasicFederatedQuery")))
    out += [ox.Triple(service, sd("resultFormat"), ox.NamedNode(_FORMATS + f)) for f in _RESULT_FORMATS]
    out += [ox.Triple(service, sd("inputFormat"), ox.NamedNode(_FORMATS + f)) for f in _INPUT_FORMATS]
    return out
