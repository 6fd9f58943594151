"""What a change report says, read from the store: steps in laws' lives, penalty changes
(the earlier rule against the new or proposed one), and penalties of one kind across countries.

Every row keeps its evidence (the quote, the article's headline, date and source), so a
reader can check each line against the sentence it came from.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import URIRef

from ..errors import UsageError
from ..store.base import Store

__all__ = ["Evidence", "Step", "PenaltyRow", "Change", "ReportData", "Filters", "collect"]

_LK = "https://w3id.org/legiskg/ontology#"
BEFORE_STAGES = ("PreviousPenalty", "CurrentPenalty")
AFTER_STAGES = ("NewPenalty", "ProposedPenalty")


@dataclass(frozen=True)
class Evidence:
    quote: str
    headline: str
    date: str | None
    source: str | None  # a URL or the file it was read from

    @property
    def url(self) -> str | None:
        return self.source if self.source and re.match(r"https?://", self.source) else None


@dataclass
class Step:
    date: str | None  # the step's own date, else the article's
    dated_by: str  # "step" | "article" | ""
    kind: str  # the event type's label ("signing")
    law: str
    country: str | None
    iso: str | None
    evidence: Evidence


@dataclass
class PenaltyRow:
    iri: str
    kind: str  # local name: Imprisonment, Fine, ...
    kind_label: str
    stage: str  # local name
    stage_label: str
    min_years: str | None = None
    max_years: str | None = None
    min_days: str | None = None
    max_days: str | None = None
    hours: str | None = None
    amount: str | None = None
    min_amount: str | None = None
    max_amount: str | None = None
    currency: str | None = None
    usd: str | None = None
    conversion_note: str | None = None
    article: str | None = None  # "Art. 125, Criminal Code (KZ)"
    article_number: str | None = None
    offense: str | None = None
    law: str | None = None
    country: str | None = None
    iso: str | None = None
    doc: str = ""
    evidence: Evidence | None = None

    def numbers(self) -> dict:
        return {k: getattr(self, k) for k in ("min_years", "max_years", "min_days", "max_days", "hours", "amount",
                                              "min_amount", "max_amount")}


@dataclass
class Change:
    """One penalty change read in one article: the earlier rule (if the article states it) and the new one."""

    before: PenaltyRow | None
    after: PenaltyRow

    @property
    def evidence(self) -> Evidence | None:
        return self.after.evidence


@dataclass
class Filters:
    country: str | None = None  # ISO code or name
    law: str | None = None  # words of the law's title
    since: str | None = None
    until: str | None = None
    compare: str = "imprisonment"  # a penalty type, or words of an offense

    def describe(self) -> str:
        parts = []
        if self.country:
            parts.append(f"country {self.country}")
        if self.law:
            parts.append(f"law matching “{self.law}”")
        if self.since or self.until:
            parts.append(f"dated {self.since or '…'} to {self.until or '…'}")
        return ", ".join(parts) or "all countries"


@dataclass
class ReportData:
    filters: Filters
    steps: list[Step] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    compared: list[PenaltyRow] = field(default_factory=list)  # penalties of the compared kind, all countries
    compare_label: str = ""
    compare_kind: str | None = None  # the penalty type compared (local name), or None for an offense
    documents: int = 0

    @property
    def countries(self) -> list[str]:
        names = {s.country for s in self.steps if s.country} | {c.after.country for c in self.changes if c.after.country}
        return sorted(names)


def _local(iri) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]


def _text(term) -> str | None:
    return None if term is None else str(term)


def _rows(store: Store, query: str) -> list[dict]:
    result = store.query(query)
    return [{v: t for v, t in zip(result.variables, row)} for row in result.rows]


_STEPS = """
SELECT ?ev ?typeLabel ?date ?lawLabel ?country ?iso ?quote ?headline ?docDate ?source WHERE {
  ?ev a lk:LegislativeEvent ; lk:eventType ?type ; lk:law ?law ; lk:evidence ?e .
  ?type rdfs:label ?typeLabel . ?law rdfs:label ?lawLabel .
  ?e lk:quote ?quote ; lk:source ?doc . ?doc dcterms:title ?headline .
  OPTIONAL { ?ev lk:date ?date }
  OPTIONAL { ?doc dcterms:date ?docDate }
  OPTIONAL { ?doc dcterms:source ?source }
  OPTIONAL { ?law lk:jurisdiction ?c . ?c rdfs:label ?country ; lk:isoCode ?iso }
}"""

_PENALTIES = """
SELECT ?p ?type ?typeLabel ?stage ?stageLabel ?minYears ?maxYears ?minDays ?maxDays ?hours ?amount ?minAmount
       ?maxAmount ?currency ?usd ?note ?cnote ?articleLabel ?articleNumber ?offense ?articleOffense ?lawLabel
       ?artIso ?artCountry ?lawIso ?lawCountry ?doc ?quote ?headline ?docDate ?source WHERE {
  ?p a lk:Penalty ; lk:penaltyType ?type ; lk:stage ?stage ; lk:evidence ?e .
  ?type rdfs:label ?typeLabel . ?stage rdfs:label ?stageLabel .
  ?e lk:quote ?quote ; lk:source ?doc . ?doc dcterms:title ?headline .
  OPTIONAL { ?doc dcterms:date ?docDate } OPTIONAL { ?doc dcterms:source ?source }
  OPTIONAL { ?p lk:minYears ?minYears } OPTIONAL { ?p lk:maxYears ?maxYears }
  OPTIONAL { ?p lk:minDays ?minDays } OPTIONAL { ?p lk:maxDays ?maxDays } OPTIONAL { ?p lk:hours ?hours }
  OPTIONAL { ?p lk:amount ?amount } OPTIONAL { ?p lk:minAmount ?minAmount } OPTIONAL { ?p lk:maxAmount ?maxAmount }
  OPTIONAL { ?p lk:currency ?currency } OPTIONAL { ?p lk:amountUSD ?usd }
  OPTIONAL { ?p lk:conversionNote ?note } OPTIONAL { ?p lk:conversion ?cv . ?cv lk:conversionNote ?cnote }
  OPTIONAL { ?p lk:offense ?offense }
  OPTIONAL { ?p lk:appliesTo ?a . ?a rdfs:label ?articleLabel ; lk:articleNumber ?articleNumber
             OPTIONAL { ?a lk:offense ?articleOffense }
             OPTIONAL { ?a lk:partOf/lk:jurisdiction ?ac . ?ac lk:isoCode ?artIso ; rdfs:label ?artCountry } }
  OPTIONAL { ?p lk:penaltyLaw ?law . ?law rdfs:label ?lawLabel
             OPTIONAL { ?law lk:jurisdiction ?lc . ?lc lk:isoCode ?lawIso ; rdfs:label ?lawCountry } }
}"""

_ABOUT = """
SELECT ?doc ?iso ?country WHERE { ?doc a lk:SourceDocument ; lk:about ?c . ?c lk:isoCode ?iso ; rdfs:label ?country }"""

_TYPES = """SELECT ?t ?label WHERE { ?t a lk:PenaltyType ; rdfs:label ?label }"""


def _evidence(row: dict) -> Evidence:
    return Evidence(str(row["quote"]), str(row["headline"]), _text(row.get("docDate")), _text(row.get("source")))


def _country_matches(wanted: str | None, iso: str | None, name: str | None) -> bool:
    if not wanted:
        return True
    w = wanted.strip().lower()
    return (iso or "").lower() == w or (name or "").lower() == w


def _in_period(date: str | None, since: str | None, until: str | None) -> bool:
    if not since and not until:
        return True
    if not date:
        return False
    if since and date[: len(since)] < since:
        return False
    if until and date[: len(until)] > until:
        return False
    return True


def _penalty_types(store: Store) -> dict[str, str]:
    """label (lower case) and local name (lower case) → local name."""
    out = {}
    for row in _rows(store, _TYPES):
        local = _local(row["t"])
        out[str(row["label"]).lower()] = local
        out[local.lower()] = local
    return out


def collect(store: Store, filters: Filters | None = None) -> ReportData:
    """Read the report's rows from ``store`` (the embedded store or a SPARQL endpoint)."""
    filters = filters or Filters()
    for date in (filters.since, filters.until):
        if date and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date):
            raise UsageError(f"{date!r} is not a date like 2024, 2024-03 or 2024-03-12 (--since/--until)")
    data = ReportData(filters)
    about: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in _rows(store, _ABOUT):
        about[str(row["doc"])].append((str(row["iso"]), str(row["country"])))
    law_words = filters.law.lower().split() if filters.law else []

    def law_ok(label: str | None) -> bool:
        return not law_words or (label is not None and all(w in label.lower() for w in law_words))

    seen_steps: set[str] = set()
    for row in _rows(store, _STEPS):
        if str(row["ev"]) in seen_steps:
            continue
        seen_steps.add(str(row["ev"]))
        ev = _evidence(row)
        date, dated_by = (_text(row.get("date")), "step") if row.get("date") else (ev.date, "article" if ev.date else "")
        step = Step(date, dated_by, str(row["typeLabel"]), str(row["lawLabel"]), _text(row.get("country")),
                    _text(row.get("iso")), ev)
        if _country_matches(filters.country, step.iso, step.country) and law_ok(step.law) \
                and _in_period(step.date, filters.since, filters.until):
            data.steps.append(step)
    data.steps.sort(key=lambda s: (s.date or "9999", s.country or "", s.law))

    penalties = _read_penalties(store, about)
    types = _penalty_types(store)
    wanted = (filters.compare or "imprisonment").strip()
    data.compare_kind = types.get(wanted.lower()) or types.get(wanted.lower().replace(" ", ""))
    data.compare_label = wanted
    for p in penalties:
        if data.compare_kind and p.kind != data.compare_kind:
            continue
        if not data.compare_kind and wanted.lower() not in (p.offense or "").lower():
            continue
        if law_ok(p.law) or not law_words:
            if _in_period(p.evidence.date if p.evidence else None, filters.since, filters.until):
                data.compared.append(p)

    selected = [p for p in penalties if _country_matches(filters.country, p.iso, p.country) and law_ok(p.law)
                and _in_period(p.evidence.date if p.evidence else None, filters.since, filters.until)]
    data.changes = _pair(selected)
    data.documents = len({p.evidence.headline for p in selected if p.evidence} | {s.evidence.headline for s in data.steps})
    return data


def _read_penalties(store: Store, about: dict[str, list[tuple[str, str]]]) -> list[PenaltyRow]:
    out: dict[str, PenaltyRow] = {}
    for row in _rows(store, _PENALTIES):
        iri = str(row["p"])
        if iri in out:
            continue
        doc = str(row["doc"])
        iso, country = _text(row.get("artIso")) or _text(row.get("lawIso")), \
            _text(row.get("artCountry")) or _text(row.get("lawCountry"))
        if not iso and len(about.get(doc, [])) >= 1:
            iso, country = about[doc][0]
        out[iri] = PenaltyRow(
            iri=iri, kind=_local(row["type"]), kind_label=str(row["typeLabel"]), stage=_local(row["stage"]),
            stage_label=str(row["stageLabel"]), min_years=_text(row.get("minYears")),
            max_years=_text(row.get("maxYears")), min_days=_text(row.get("minDays")),
            max_days=_text(row.get("maxDays")), hours=_text(row.get("hours")), amount=_text(row.get("amount")),
            min_amount=_text(row.get("minAmount")), max_amount=_text(row.get("maxAmount")),
            currency=_text(row.get("currency")), usd=_text(row.get("usd")),
            conversion_note=_text(row.get("cnote")) or _text(row.get("note")),
            article=_text(row.get("articleLabel")), article_number=_text(row.get("articleNumber")),
            offense=_text(row.get("offense")) or _text(row.get("articleOffense")), law=_text(row.get("lawLabel")),
            country=country, iso=iso, doc=doc, evidence=_evidence(row))
    return list(out.values())


def _pair(penalties: list[PenaltyRow]) -> list[Change]:
    """Each new or proposed penalty with the earlier rule its article states (same type, same article or none)."""
    by_doc: dict[str, list[PenaltyRow]] = defaultdict(list)
    for p in penalties:
        by_doc[p.doc].append(p)
    changes = []
    for doc, rows in by_doc.items():
        befores = [p for p in rows if p.stage in BEFORE_STAGES]
        for after in (p for p in rows if p.stage in AFTER_STAGES):
            candidates = [b for b in befores if b.kind == after.kind and
                          (b.article_number is None or after.article_number is None
                           or b.article_number == after.article_number)]
            candidates.sort(key=lambda b: (b.article_number != after.article_number, b.stage != "PreviousPenalty"))
            changes.append(Change(candidates[0] if candidates else None, after))
    changes.sort(key=lambda c: (c.after.country or "", (c.evidence.date if c.evidence else None) or "",
                                c.after.evidence.headline if c.after.evidence else "", c.after.article_number or ""))
    return changes
