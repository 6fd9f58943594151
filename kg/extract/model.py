"""Facts: what the extractor returns, plain dataclasses with evidence and no RDF.

Within one :class:`Extraction` facts refer to each other by *key* (a string that is
unique inside the extraction and stable for the same entity across documents, so
:mod:`kg.iris` can mint IRIs from it). Country references are ISO 3166 alpha-2 codes.
"""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "Evidence", "Post", "Person", "Organization", "Law", "Code", "CodeArticle",
    "Penalty", "Conversion", "LegislativeEvent", "Extraction",
    "LAW_STATUSES", "EVENT_TYPES", "PENALTY_TYPES", "PENALTY_STAGES",
]

#: Controlled values, spelled as the ontology's individuals (``lk:<value>``).
LAW_STATUSES = ("Proposed", "Draft", "ApprovedByParliament", "Adopted", "Signed", "InForce",
                "Rejected", "Repealed")
EVENT_TYPES = ("Proposal", "Submission", "ParliamentaryApproval", "Adoption", "Signing",
               "EntryIntoForce", "Rejection", "Amendment", "Repeal", "Endorsement", "Objection")
PENALTY_TYPES = ("LifeImprisonment", "Imprisonment", "DeathPenalty", "Fine", "Arrest",
                 "CommunityService", "CorrectionalLabour", "RestrictionOfFreedom",
                 "DeprivationOfRights", "Deportation", "OtherPenalty")
PENALTY_STAGES = ("CurrentPenalty", "PreviousPenalty", "NewPenalty", "ProposedPenalty",
                  "ImposedSentence")


@dataclass(frozen=True)
class Evidence:
    """The sentence a fact was read from, with character offsets into ``Document.text``."""

    quote: str
    start: int
    end: int


@dataclass
class Post:
    """A role held: "President", "Mazhilis deputy"; ``organization`` is an organization key."""

    title: str
    country: str | None = None
    organization: str | None = None
    former: bool = False


@dataclass
class Person:
    key: str  # the normalised full name
    name: str
    aliases: list[str] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Organization:
    key: str
    name: str
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    kind: str | None = None  # legislature, chamber, ministry, court, party, ngo, un, agency, ...
    parent: str | None = None  # key of the body it belongs to, when the document names it
    preferred: str | None = None  # the gazetteer's name of the body (skos:prefLabel), see kg.resolve.bodies
    super_org: str | None = None  # key of the body it belongs to by the gazetteer (org:subOrganizationOf)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Code:
    """A codified body of law, or a named law whose articles are cited."""

    key: str
    name: str
    country: str | None = None


@dataclass
class CodeArticle:
    key: str
    number: str
    code: str  # a Code key
    country: str | None = None
    offense: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Law:
    key: str
    title: str
    country: str | None = None
    status: str | None = None  # one of LAW_STATUSES
    date: str | None = None  # xsd:date, gYearMonth or gYear lexical form
    amends: list[str] = field(default_factory=list)  # Code or CodeArticle keys
    kind: str | None = None  # law, bill, decree, code, amendment, proposal, resolution, treaty
    aliases: list[str] = field(default_factory=list)  # the other names the article gives it
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Conversion:
    """How ``amountUSD`` was computed, so an analyst can check it."""

    rate: float  # USD per unit of ``currency`` (after index units are turned into money)
    rate_date: str | None
    source: str  # "document", "ECB reference rate" or "rates table"
    index_value: float | None = None  # value of one index unit (MCI, BCA, MW) in money
    index_currency: str | None = None
    note: str | None = None  # the sources used, in a sentence (lk:conversionNote)


@dataclass
class Penalty:
    key: str
    type: str  # one of PENALTY_TYPES
    stage: str | None = None  # one of PENALTY_STAGES
    min_years: float | None = None
    max_years: float | None = None
    min_days: float | None = None
    max_days: float | None = None
    hours: float | None = None
    amount: float | None = None
    min_amount: float | None = None
    max_amount: float | None = None
    currency: str | None = None
    amount_usd: float | None = None
    conversion: Conversion | None = None
    article: str | None = None  # CodeArticle key
    offense: str | None = None
    law: str | None = None  # Law key
    imposed_on: str | None = None  # Person key
    country: str | None = None
    #: what the text says of it: "old" / "new" side of a change, "previous" (said to be the former rule),
    #: "current" (quoted as the rule in force), None (stated as what a law provides); the whole-article
    #: reading turns it into a stage once the law's status is known
    role: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class LegislativeEvent:
    key: str
    type: str  # one of EVENT_TYPES
    law: str  # Law key
    agents: list[str] = field(default_factory=list)  # Person or Organization keys
    date: str | None = None
    reading: str | None = None  # "first", "second", "third", "final"
    affects: list[str] = field(default_factory=list)  # CodeArticle keys
    penalties: list[str] = field(default_factory=list)  # Penalty keys
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Extraction:
    """Everything read from one document."""

    countries: list[str] = field(default_factory=list)  # ISO codes the document is about
    document_date: str | None = None  # the date read from the text (a dateline), when the input had none
    persons: list[Person] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    codes: list[Code] = field(default_factory=list)
    articles: list[CodeArticle] = field(default_factory=list)
    laws: list[Law] = field(default_factory=list)
    penalties: list[Penalty] = field(default_factory=list)
    events: list[LegislativeEvent] = field(default_factory=list)
    gated: bool = False  # not read: the first pass found no cue of a legislative fact (kg.extract.gate)

    def fact_count(self) -> int:
        return (len(self.persons) + len(self.organizations) + len(self.articles) + len(self.laws)
                + len(self.penalties) + len(self.events))
