"""Why an entity has the mentions it has: the resolution decisions stored for it."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import UsageError
from ..iris import ID

__all__ = ["explain", "Explanation"]


@dataclass
class Explanation:
    iri: str
    kind: str | None = None
    labels: list[str] = field(default_factory=list)
    decisions: list[dict] = field(default_factory=list)  # one per mention, in document date order

    def lines(self) -> list[str]:
        out = [f"{self.iri}" + (f" ({self.kind})" if self.kind else ""),
               f"  labels: {'; '.join(self.labels) if self.labels else '-'}",
               f"  {len(self.decisions)} mention(s) in {len({d['doc'] for d in self.decisions})} document(s):"]
        for d in self.decisions:
            head = f"  - {d['date'] or '----------'}  {d['title']!r}: {d['label']!r} ({d['key']})"
            if d["outcome"] == "merged":
                why = f"merged, score {d['score']}, matched: {', '.join(d['features']) or '-'}"
            else:
                compared = f"; best candidate {d['compared']} scored {d['score']}" if d["compared"] else ""
                why = f"new entity{compared}"
            out += [head, f"      {why}"]
        return out


def explain(store, iri: str) -> Explanation:
    """The resolution decisions of ``iri`` (a full IRI or the part after ``id/``)."""
    if not iri.startswith("http"):
        iri = ID + iri.lstrip("/")
    rows = store.query(f"""SELECT ?d ?doc ?title ?date ?key ?label ?outcome ?score ?compared
        (GROUP_CONCAT(DISTINCT ?f; separator="\\u001f") AS ?features) WHERE {{
        ?d a lk:ResolutionDecision ; lk:resolvedTo <{iri}> ; lk:decidedIn ?doc ; lk:mentionKey ?key ;
           lk:mentionLabel ?label ; lk:resolutionOutcome ?outcome ; lk:resolutionScore ?score .
        OPTIONAL {{ ?d lk:matchedFeature ?f }} OPTIONAL {{ ?d lk:comparedWith ?compared }}
        OPTIONAL {{ ?doc dcterms:title ?title }} OPTIONAL {{ ?doc dcterms:date ?date }}
    }} GROUP BY ?d ?doc ?title ?date ?key ?label ?outcome ?score ?compared""").dicts()
    out = Explanation(iri)
    kinds = store.query(f"SELECT ?t WHERE {{ <{iri}> a ?t }}").rows
    labels = store.query(f"SELECT DISTINCT ?l WHERE {{ <{iri}> rdfs:label|skos:prefLabel|skos:altLabel ?l }}").rows
    if not rows and not kinds:
        raise UsageError(f"kg explain: {iri} is not in the store")
    out.kind = ", ".join(sorted(str(t).rsplit("#", 1)[-1] for (t,) in kinds)) or None
    out.labels = sorted({str(label) for (label,) in labels})
    for r in rows:
        out.decisions.append({
            "doc": str(r["doc"]), "title": str(r["title"]) if r.get("title") else "", "key": str(r["key"]),
            "date": str(r["date"]) if r.get("date") else None, "label": str(r["label"]),
            "outcome": str(r["outcome"]), "score": float(r["score"]),
            "compared": str(r["compared"]) if r.get("compared") else None,
            "features": [f for f in str(r.get("features") or "").split("\u001f") if f]})
    out.decisions.sort(key=lambda d: (d["date"] or "", d["outcome"] != "new", d["doc"]))
    return out
