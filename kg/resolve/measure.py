"""Scoring resolution against a gold of mentions and clusters: pairwise precision and recall.

A gold file (``tests/fixtures/resolution/*-clusters.json``) lists mentions: an entity of one
kind (``law``, ``org``, ``person``) read in one document (``source``, the file, and ``n``, its
place among the documents of a listing file), found by ``words`` that a label of it *in that
document's graph* contains (and none of ``not``), with the ``cluster`` of the real-world
entity. A pair of mentions is merged by the store when both are found and have one IRI.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..ingest import iter_documents
from ..iris import document_iri
from ..store.base import Store

__all__ = ["PairScore", "score_gold", "load_gold"]

_KIND_CLASS = {"law": "lk:Law", "org": "lk:Organization", "person": "lk:Person"}


def _words(text: str) -> set[str]:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return set(re.findall(r"[a-z0-9]+", text))


@dataclass
class PairScore:
    kind: str
    mentions: int = 0
    found: int = 0
    true_pairs: int = 0
    merged_pairs: int = 0
    right_pairs: int = 0
    wrong: list[tuple[str, str]] = field(default_factory=list)  # merged, but different clusters
    missed: list[tuple[str, str]] = field(default_factory=list)  # one cluster, not merged

    @property
    def precision(self) -> float:
        return self.right_pairs / self.merged_pairs if self.merged_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.right_pairs / self.true_pairs if self.true_pairs else 1.0

    def line(self) -> str:
        return (f"{self.kind:7} mentions {self.mentions:3} found {self.found:3} pairs: true {self.true_pairs:3} "
                f"merged {self.merged_pairs:3} right {self.right_pairs:3}  P {self.precision:.3f}  R {self.recall:.3f}")


def load_gold(path: Path) -> list[dict]:
    return json.loads(Path(path).read_text(encoding="utf-8"))["mentions"]


def _doc_iris(base: Path, source: str) -> list[str]:
    return [document_iri(d.id) for d in iter_documents([str(base / source)]) if hasattr(d, "id")]


def score_gold(store: Store, gold: list[dict], base: Path) -> dict[str, PairScore]:
    """Pairwise precision and recall per kind of the store's merges against ``gold``."""
    doc_cache: dict[str, list[str]] = {}
    labels_cache: dict[tuple[str, str], list[tuple[str, set[str], int]]] = {}

    def entities(doc: str, kind: str):
        key = (doc, kind)
        if key not in labels_cache:
            rows = store.query(f"""SELECT ?x ?l WHERE {{ GRAPH <{doc}> {{ ?x a {_KIND_CLASS[kind]} .
                                    {{ ?x rdfs:label ?l }} UNION {{ ?x skos:altLabel ?l }} }} }}""").rows
            labels_cache[key] = [(str(x), _words(str(label)), len(str(label))) for x, label in rows]
        return labels_cache[key]

    found: list[tuple[dict, str | None]] = []
    for m in gold:
        docs = doc_cache.setdefault(m["source"], _doc_iris(base, m["source"]))
        n = m.get("n", 0)
        iri = None
        if n < len(docs):
            want, bad = set(m["words"]), set(m.get("not", ()))
            hits = sorted((size, x) for x, words, size in entities(docs[n], m["kind"])
                          if want <= words and not bad & words)
            iri = hits[0][1] if hits else None
        found.append((m, iri))
    out: dict[str, PairScore] = {}
    for kind in ("law", "org", "person"):
        items = [(m, iri) for m, iri in found if m["kind"] == kind]
        s = out[kind] = PairScore(kind, mentions=len(items), found=sum(1 for _, iri in items if iri))
        for i, (a, ia) in enumerate(items):
            for b, ib in items[i + 1:]:
                same = a["cluster"] == b["cluster"]
                merged = ia is not None and ia == ib
                s.true_pairs += same
                s.merged_pairs += merged
                s.right_pairs += same and merged
                name = (f"{a['source']}#{a.get('n', 0)} {a['cluster']}", f"{b['source']}#{b.get('n', 0)} {b['cluster']}")
                if merged and not same:
                    s.wrong.append(name)
                elif same and not merged:
                    s.missed.append(name)
    return out
