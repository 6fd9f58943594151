"""The faster matchers of the extractors find exactly what the plain patterns find."""
from __future__ import annotations

import pathlib
import random
import re

from kg.extract import laws
from kg.extract.gazetteers import Gate, fold
from kg.extract.legal_common import _Surfaces

_EXAMPLES = pathlib.Path(__file__).resolve().parent.parent / "examples"

_SAMPLES = [
    "The Mazhilis PASSED the bill.", "It was sıgned into law.", "The law entered into force", "2passed it",
    "the \u212aey law on X", "the İnitiative on Z", "HB 1234 and SB 5 and H. R. 815", "Law No. 14,994",
    "“Passed” by the House", "a lawsuit on X", "in an impact on the fact", "Several  draft laws on Y",
    "Liability for theft is being toughened", "They proposed introducing a separate article", "Bill   on X",
    "the \u017fenate debated the DRAFT", "resigned, unsigned, reintroduced, disapproved", "",
]


def _texts() -> list[str]:
    texts = list(_SAMPLES)
    for path in sorted(_EXAMPLES.glob("*.txt")):
        texts += re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8"))
    return texts


def test_surfaces_find_what_the_pattern_finds():
    names = ("kassym-jomart tokayev", "u.s. senate", "tokayev", "mazhilis", "senate", "ivanov", "ivan", "a-b", "x_y")
    surfaces = _Surfaces(names)
    pieces = list(names) + ["kazakh", "senates", "ivanovich", "-ivan", "ivan-", "_ivan"] + list(
        "abcdefghijklmnopqrstuvwxyz -_.,’'1") + ["İ", "ı", "ſ", "\u212a", "é", "Σ", "ς", "K", "S", "T"]
    rng = random.Random(7)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        if rng.random() < 0.3:
            text = text.upper()
        assert surfaces.spans(text) == [m.span() for m in surfaces.regex.finditer(text)], text
    other = _Surfaces(("almatı", "tokayev"))  # a name outside ASCII: the pattern itself
    assert other.spans("Almatı and TOKAYEV") == [(0, 6), (11, 18)]


def test_triggers_answer_as_the_gates_do():
    for text in _texts():
        folded = fold(text)
        has = laws._Triggers(text, folded)
        assert has.quote == any(q in text for q in laws._Q_OPEN + laws._Q_CLOSE)
        assert has.title_noun == (laws._G_TITLE.search(text, folded) is not None)
        assert has.proposal == (laws._G_PROPOSAL.search(text, folded) is not None)
        assert has.toughen == (laws._G_TOUGHEN.search(text, folded) is not None)
        assert has.bill_number == any(x in text for x in laws._BILL_NUMBER_LITERALS)
        noun = laws._G_NOUN.search(text, folded)
        assert has.noun == (noun is not None)
        if noun is not None:
            assert has.noun_on_from <= noun.start()


def test_step_matches_are_the_pattern_matches():
    gates = laws._step_gates()
    for text in _texts():
        starts = laws._step_starts(fold(text))
        for i, (_, gate) in enumerate(gates):
            found = [m.span() for m in gate.pattern.finditer(text)]
            if i not in starts:
                assert not found, text
                continue
            assert [m.span() for m in laws._step_matches(gate.pattern, text, starts[i])] == found, text


def test_gate_literals_start_every_match():
    for gate in laws._TRIGGER_GATES.values():
        assert isinstance(gate, Gate) and gate.prefixes
