"""The extraction pipeline: one parsed text, small components each adding one kind of fact.

A component is a callable taking the :class:`Context` and enriching ``ctx.extraction``
(as spaCy pipeline components enrich a ``Doc``). Order matters: entities first
(countries, organizations, persons), then laws, code articles, penalties, and last the
events that tie them together.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..ingest.document import Document
from .cap import cap_facts, max_facts
from .gate import may_carry_law
from .model import Evidence, Extraction
from .sentences import Sentence, split_sentences

__all__ = ["extract", "Context", "COMPONENTS", "EXTRACTOR_VERSION", "GATED_SUFFIX"]

#: bump when extraction changes, so unchanged documents are re-read on the next build
EXTRACTOR_VERSION = "0.8"
#: the version a document turned away by the gate records ("0.7+gated"): a build that reads
#: every document re-reads it, a ``legal_only`` build keeps it
GATED_SUFFIX = "+gated"


@dataclass
class Context:
    """What components share while reading one document."""

    document: Document
    text: str
    sentences: list[Sentence]
    extraction: Extraction = field(default_factory=Extraction)
    date: str | None = None  # the document's date, if known (used to resolve relative dates)
    notes: dict = field(default_factory=dict)  # scratch space between components

    def evidence(self, sentence: Sentence) -> Evidence:
        return Evidence(sentence.text, sentence.start, sentence.end)


Component = Callable[[Context], None]

from . import countries, organizations, persons  # noqa: E402  (entity components; they import no pipeline)
from . import articles, events, laws, penalties  # noqa: E402  (legal components, after the entities)

#: the per-sentence components, in order: entities first (countries, organizations, persons)
COMPONENTS: list[Component] = [
    countries.extract_countries,
    organizations.extract_organizations,
    persons.extract_persons,
    laws.extract_laws,
    articles.extract_articles,
    penalties.extract_penalties,
]

#: what runs once the per-sentence components are done: the whole-article reading (one law,
#: many mentions; steps and actors; statuses and penalty stages agreeing), then the events
#: that tie the settled steps, laws and penalties together, last the bodies given their
#: canonical keys (kg.resolve.bodies)
FINISHING: list[Component] = []


def extract(document: Document, *, legal_only: bool = False) -> Extraction:
    """Every fact in ``document``, each with its evidence.

    ``legal_only``: first ask the cheap pass of :mod:`kg.extract.gate` whether the text can
    carry a legislative fact at all; a document it turns away is not read (an empty
    extraction marked ``gated``), so a day of news mostly not about law goes fast. Its
    persons, bodies and countries are then not read either.
    """
    text = document.text
    if legal_only and not may_carry_law(text):
        return Extraction(gated=True)
    ctx = Context(document=document, text=text, sentences=split_sentences(text), date=document.date)
    for component in COMPONENTS + FINISHING:
        component(ctx)
    return cap_facts(ctx.extraction, max_facts(), document.source)


def _finishing() -> None:
    from ..article import read_article  # the article layer imports the extractors: bound after them
    from ..resolve.bodies import resolve_bodies_of
    FINISHING[:] = [read_article, events.extract_events, resolve_bodies_of]


_finishing()
