"""The unit every reader produces: one news article as a :class:`Document`."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

__all__ = ["Document", "document_id"]


def document_id(title: str, text: str) -> str:
    """A stable id: the content hash of headline and body (16 hex digits)."""
    digest = hashlib.sha256(f"{title}\n\n{text}".encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:16]


@dataclass
class Document:
    """One article: ``text`` is what offsets in evidence point into (headline, blank line, body).

    ``rates`` holds exchange rates the page itself printed, as ``{"KZT": 0.00201}`` (USD per unit).
    """

    title: str
    body: str
    source: str
    date: str | None = None  # ISO date, gYearMonth or gYear when known
    url: str | None = None
    rates: dict[str, float] = field(default_factory=dict)
    rates_date: str | None = None

    @property
    def text(self) -> str:
        return f"{self.title}\n\n{self.body}"

    @property
    def body_offset(self) -> int:
        return len(self.title) + 2

    @property
    def id(self) -> str:
        return document_id(self.title, self.body)
