"""The whole-article reading: a last pass over one document, after the per-sentence components.

The extractors of :mod:`kg.extract` read sentence by sentence. What needs the whole article
is settled here, before the facts become triples (:mod:`kg.graph`):

1. the headline's law phrase and step (:mod:`kg.article.headline`);
2. one law, many mentions: the laws that are one act grouped, labelled and keyed once
   (:mod:`kg.article.laws`);
3. steps and actors agreeing with each other, vague actors tied to their country's body
   (:mod:`kg.article.actors`);
4. one consistent picture: each law's status the furthest of its steps, each penalty's stage
   that status's consequence, repeated penalties counted once (:mod:`kg.article.consistency`).

It works on the extractors' facts and notes (``ctx.notes["law_mentions"]``,
``["law_steps"]``, ``["law_status_hints"]``), and like them it is a pure function of the
document: it needs no store.
"""
from __future__ import annotations

from .actors import distribute_collective, headline_to_steps, possessive_initiators, resolve_agents
from .consistency import settle_penalties, settle_status
from .headline import headline_steps, law_phrases
from .laws import unify_laws

__all__ = ["read_article"]


def read_article(ctx) -> None:
    """Settle the laws, steps, agents, statuses and penalty stages of one document."""
    phrases = law_phrases(ctx.document.title, ctx.document.body)
    if not ctx.extraction.laws and not phrases:
        return
    ctx.notes["law_steps"] = possessive_initiators(ctx, ctx.notes.get("law_steps", []),
                                                   ctx.notes.get("law_mentions", []))
    remap, phrase_keys = unify_laws(ctx, phrases)

    def moved(key: str | None) -> str | None:
        return remap.get(key, key) if key is not None else None

    ctx.notes["law_mentions"] = [(m, remap[k]) for m, k in ctx.notes.get("law_mentions", []) if remap.get(k, k)]
    steps = []
    for step in ctx.notes.get("law_steps", []):
        step.law = moved(step.law)
        if step.law:
            steps.append(step)
    steps = distribute_collective(steps, ctx.extraction.laws, ctx.notes["law_mentions"], ctx.date)
    hints: dict[str, list] = {}
    for key, found in ctx.notes.get("law_status_hints", {}).items():
        if moved(key):
            hints.setdefault(moved(key), []).extend(found)
    for pen in ctx.extraction.penalties:
        pen.law = moved(pen.law) or None
    laws = ctx.extraction.laws
    kinds = {law.key: law.kind or "law" for law in laws}
    only = laws[0].key if len(laws) == 1 else None

    def law_for(phrase):
        if phrase is None:
            return only
        return phrase_keys.get(id(phrase), None)

    steps = headline_to_steps(ctx, headline_steps(ctx, phrases), law_for, kinds) + steps
    resolve_agents(ctx, steps, {law.key: law.country for law in laws})
    ctx.notes["law_steps"] = steps
    ctx.notes["law_status_hints"] = hints
    settle_status(laws, steps, hints, ctx.text, ctx.sentences)
    settle_penalties(ctx, laws)
