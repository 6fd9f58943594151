"""The word lists of the whole-article reading, loaded once from ``kg/data``.

``law_words.jsonl`` holds the nouns that name an act, the words that say nothing about
which act is meant, reference words, the verbs of change a headline uses and the words
that end a law phrase; ``vague_actors.jsonl`` how news names a legislature or a government
without its proper name.

>>> sorted(content_words("the draft law on protection against false information"))
['false', 'information', 'protection']
>>> vague_actor("lawmakers").label, vague_actor("the Cabinet").role
('Parliament', 'government')
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from ..extract.gazetteers import data_lines

__all__ = ["word_group", "content_words", "VagueActor", "vague_actor", "WORD"]

WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


@lru_cache(maxsize=None)
def word_group(name: str) -> frozenset[str]:
    """The lower-cased words of one group of ``law_words.jsonl``."""
    for line in data_lines("law_words.jsonl"):
        row = json.loads(line)
        if row.get("group") == name:
            return frozenset(w.lower() for w in row["words"])
    raise KeyError(f"law_words.jsonl has no group {name!r}")


def content_words(title: str) -> frozenset[str]:
    """The words of a law's title that tell which law it is (generic words and years left out)."""
    return _content_words(title)


@lru_cache(maxsize=4096)
def _content_words(title: str) -> frozenset[str]:
    generic = word_group("generic")
    out = set()
    for w in WORD.findall(title.lower().replace("’", "'")):
        w = re.sub(r"'s$", "", w)
        if w in generic or len(w) < 2 or re.fullmatch(r"(?:19|20)\d\d", w):
            continue
        out.add(w)
    return frozenset(out)


@dataclass(frozen=True)
class VagueActor:
    surface: str
    role: str  # chamber, government
    label: str  # the generic body it stands for when the article names none


@lru_cache(maxsize=1)
def _vague_actors() -> dict[str, VagueActor]:
    out = {}
    for line in data_lines("vague_actors.jsonl"):
        row = json.loads(line)
        if "surface" in row:
            out[row["surface"].lower()] = VagueActor(row["surface"].lower(), row["role"], row["label"])
    return out


def vague_actor(surface: str) -> VagueActor | None:
    """What a generic name of a body stands for ("lawmakers" -> Parliament), or None."""
    s = re.sub(r"\s+", " ", surface.strip().lower())
    table = _vague_actors()
    found = table.get(s)
    if found is None and s.startswith("the "):
        found = table.get(s[4:])
    if found is None:
        # "the country's lawmakers", "Kyrgyz deputies": the last words carry it
        words = s.split()
        for n in (3, 2, 1):
            if len(words) >= n and " ".join(words[-n:]) in table:
                return table[" ".join(words[-n:])]
    return found
