"""The terms of the legiskg ontology as a closed rdflib namespace, and the namespaces it uses.

GENERATED from ontology/legiskg.ttl by kg/vocab_gen.py: do not edit. After changing the
ontology, regenerate with ``python -m kg.vocab_gen``.

``LK`` is closed: ``LK.Person`` is a term, ``LK.Persn`` raises AttributeError.
"""
from rdflib.namespace import (
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SKOS,
    XSD,
    DefinedNamespace,
    Namespace,
)
from rdflib.term import URIRef

__all__ = [
    "DCTERMS",
    "ELI",
    "FOAF",
    "ID",
    "LK",
    "ONTOLOGY_GRAPH",
    "ORG",
    "OWL",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SKOS",
    "XSD",
]

ID = "https://w3id.org/legiskg/id/"
ONTOLOGY_GRAPH = "https://w3id.org/legiskg/ontology"

ELI = Namespace("http://data.europa.eu/eli/ontology#")
SCHEMA = Namespace("http://schema.org/")


class LK(DefinedNamespace):
    """Every class, property and controlled value of the legiskg ontology."""

    _fail = True
    _NS = Namespace("https://w3id.org/legiskg/ontology#")

    # Classes
    Code: URIRef  # code
    CodeArticle: URIRef  # code article
    Conversion: URIRef  # conversion
    Country: URIRef  # country
    EventType: URIRef  # event type
    Evidence: URIRef  # evidence
    Law: URIRef  # law
    LawStatus: URIRef  # law status
    LegislativeEvent: URIRef  # legislative event
    Organization: URIRef  # organization
    Penalty: URIRef  # penalty
    PenaltyStage: URIRef  # penalty stage
    PenaltyType: URIRef  # penalty type
    Person: URIRef  # person
    Post: URIRef  # post
    ResolutionDecision: URIRef  # resolution decision
    SourceDocument: URIRef  # source document

    # Object properties
    about: URIRef  # about
    affects: URIRef  # affects
    agent: URIRef  # agent
    amends: URIRef  # amends
    appliesTo: URIRef  # applies to
    comparedWith: URIRef  # compared with
    conversion: URIRef  # conversion
    decidedIn: URIRef  # decided in
    eventType: URIRef  # event type
    evidence: URIRef  # evidence
    holds: URIRef  # holds
    imposedOn: URIRef  # imposed on
    jurisdiction: URIRef  # jurisdiction
    law: URIRef  # law
    organization: URIRef  # organization
    parentOrganization: URIRef  # parent organization
    partOf: URIRef  # part of
    penalty: URIRef  # penalty
    penaltyLaw: URIRef  # penalty law
    penaltyType: URIRef  # penalty type
    readIn: URIRef  # read in
    resolvedTo: URIRef  # resolved to
    source: URIRef  # source
    stage: URIRef  # stage
    status: URIRef  # status

    # Datatype properties
    amount: URIRef  # amount
    amountUSD: URIRef  # amount in USD
    articleNumber: URIRef  # article number
    contentHash: URIRef  # content hash
    conversionNote: URIRef  # conversion note
    currency: URIRef  # currency
    date: URIRef  # date
    end: URIRef  # end
    extractorVersion: URIRef  # extractor version
    features: URIRef  # features
    former: URIRef  # former
    hours: URIRef  # hours
    indexCurrency: URIRef  # index currency
    indexValue: URIRef  # index value
    isoCode: URIRef  # ISO code
    lawKind: URIRef  # law kind
    matchedFeature: URIRef  # matched feature
    maxAmount: URIRef  # maximum amount
    maxDays: URIRef  # maximum days
    maxYears: URIRef  # maximum years
    mentionKey: URIRef  # mention key
    mentionLabel: URIRef  # mention label
    minAmount: URIRef  # minimum amount
    minDays: URIRef  # minimum days
    minYears: URIRef  # minimum years
    offense: URIRef  # offense
    organizationKind: URIRef  # organization kind
    quote: URIRef  # quote
    rate: URIRef  # rate
    rateDate: URIRef  # rate date
    rateSource: URIRef  # rate source
    reading: URIRef  # reading
    resolutionOutcome: URIRef  # resolution outcome
    resolutionScore: URIRef  # resolution score
    start: URIRef  # start

    # lk:EventType values
    Adoption: URIRef  # adoption
    Amendment: URIRef  # amendment
    Endorsement: URIRef  # endorsement
    EntryIntoForce: URIRef  # entry into force
    Objection: URIRef  # objection
    ParliamentaryApproval: URIRef  # parliamentary approval
    Proposal: URIRef  # proposal
    Rejection: URIRef  # rejection
    Repeal: URIRef  # repeal
    Signing: URIRef  # signing
    Submission: URIRef  # submission

    # lk:LawStatus values
    Adopted: URIRef  # adopted
    ApprovedByParliament: URIRef  # approved by parliament
    Draft: URIRef  # draft
    InForce: URIRef  # in force
    Proposed: URIRef  # proposed
    Rejected: URIRef  # rejected
    Repealed: URIRef  # repealed
    Signed: URIRef  # signed

    # lk:PenaltyStage values
    CurrentPenalty: URIRef  # current
    ImposedSentence: URIRef  # imposed sentence
    NewPenalty: URIRef  # new
    PreviousPenalty: URIRef  # previous
    ProposedPenalty: URIRef  # proposed

    # lk:PenaltyType values
    Arrest: URIRef  # arrest
    CommunityService: URIRef  # community service
    CorrectionalLabour: URIRef  # correctional labour
    DeathPenalty: URIRef  # death penalty
    Deportation: URIRef  # deportation
    DeprivationOfRights: URIRef  # deprivation of rights
    Fine: URIRef  # fine
    Imprisonment: URIRef  # imprisonment
    LifeImprisonment: URIRef  # life imprisonment
    OtherPenalty: URIRef  # other
    RestrictionOfFreedom: URIRef  # restriction of freedom
