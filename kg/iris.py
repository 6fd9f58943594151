"""The one place that mints IRIs.

Every instance IRI is ``https://w3id.org/legiskg/id/<kind>/<key>`` where the key is built
from normalised names (:func:`slug`), ISO codes and article numbers, so the same entity
gets the same IRI on every run and from every document. Returns plain strings: the
extractor uses the key helpers without importing rdflib.

>>> slug("Kassym-Jomart Tokayev")
'kassym-jomart-tokayev'
>>> article_key(code_key("KZ", "Criminal Code"), "125-1")
'kz/criminal-code/125-1'
>>> iri("article", "kz/criminal-code/99")
'https://w3id.org/legiskg/id/article/kz/criminal-code/99'
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["ID", "slug", "iri", "country_iri", "document_iri", "code_key", "article_key",
           "org_key", "law_key", "post_key", "scoped_key"]

ID = "https://w3id.org/legiskg/id/"

_NON_WORD = re.compile(r"[^a-z0-9.]+")


def slug(text: str, limit: int = 80) -> str:
    """Lower-case ASCII words joined by hyphens; dots kept inside numbers ("205.1")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("’", "").replace("'", "")
    text = _NON_WORD.sub("-", text)
    text = re.sub(r"\.(?![0-9])|(?<![0-9])\.", "-", text)
    text = re.sub(r"-{2,}", "-", text).strip("-")
    return text[:limit].rstrip("-") or "x"


def _scope(country: str | None) -> str:
    return country.lower() if country else "int"


def code_key(country: str | None, name: str) -> str:
    return f"{_scope(country)}/{slug(name)}"


def article_key(code: str, number: str) -> str:
    return f"{code}/{slug(number)}"


def org_key(country: str | None, name: str) -> str:
    return f"{_scope(country)}/{slug(name)}"


def law_key(country: str | None, title: str) -> str:
    return f"{_scope(country)}/{slug(title)}"


def post_key(country: str | None, title: str, former: bool = False) -> str:
    return f"{_scope(country)}/{'former-' if former else ''}{slug(title)}"


def scoped_key(document_id: str, local: str) -> str:
    """Keys of facts that live in one document only (penalties, events)."""
    return f"{document_id}/{local}"


def iri(kind: str, key: str) -> str:
    return f"{ID}{kind}/{key}"


def country_iri(iso: str) -> str:
    return f"{ID}country/{iso.upper()}"


def document_iri(document_id: str) -> str:
    return f"{ID}doc/{document_id}"
