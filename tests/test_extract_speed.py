"""Extraction stays linear and uses its caches (no timings: worst cases must finish, prefilters
must never skip a pattern that could match, per-document and per-process work is done once)."""
from __future__ import annotations

import re

import pytest

from kg.extract import dates, laws, legal_common, money
from kg.extract.gazetteers import Gate, fold, literal_prefixes
from kg.extract.pipeline import extract
from kg.ingest.document import Document

_WORDS = ("the draft law on amendments to the Criminal Code was approved by the Mazhilis and signed by "
          "President Tokayev with fines of 500 MCI under Article 12").split()


def _doc(body: str) -> Document:
    return Document(title="Worst case", body=body, source="test", date="2024-01-01")


@pytest.mark.parametrize("body", [
    " ".join(_WORDS[i % len(_WORDS)] for i in range(10_000)) + ".",  # one 10,000-word sentence
    " ".join(["Article 99999999999999"] * 3_000),
    "9" * 20_000,
    "the law “" + "On " * 5_000,
    " ".join(["Criminal"] * 5_000) + " Code.",
    " ".join(["one thousand"] * 3_000) + " tenge",
    " ".join(["The bill was approved by the Senate on May 5, 2024 under Article 12 of the Criminal Code "
              "with a fine of 500 tenge, Senator Ivan Petrov said."] * 300),
])
def test_worst_case_inputs_complete(body):
    result = extract(_doc(body))
    assert result is not None


def test_fold_covers_every_character_re_ignorecase_takes_for_an_ascii_letter():
    letter = re.compile("[a-z]", re.I)
    for cp in range(0x80, 0x10000):
        c = chr(cp)
        if letter.fullmatch(c):
            assert fold(c).isascii() and letter.fullmatch(fold(c)), hex(cp)


def test_step_gates_never_skip_a_matching_sentence():
    samples = ["The Mazhilis PASSED the bill.", "It was sıgned into law.", "The law entered into force",
               "Parliament has been in effect", "The Senate voted down the decree", "İntroduced by MP Aliev",
               "a petition against the law was filed", "the draft was co-authored", "nothing happened here"]
    for kind, pattern in laws._step_patterns():
        gate = Gate(pattern)
        for text in samples:
            if pattern.search(text):
                assert gate.may_match(fold(text)), (kind, text)
    assert not any(g.may_match(fold("12 34.")) for _, g in laws._step_gates())


def test_literal_prefixes():
    assert literal_prefixes(re.compile(r"\b(?:passed|pass|approved)\b", re.I)) == {"pass", "approved"}
    assert literal_prefixes(re.compile(r"\b[Ll]iability")) == {"l"}
    assert literal_prefixes(re.compile(r"\d+ soms")) is None  # starts with no literal: never skipped
    assert literal_prefixes(re.compile(r"(?:a|)b")) is None


def test_dates_and_amounts_prefilters_keep_results():
    assert [d.value for d in dates.find_dates("approved yesterday", "2014-05-18")] == ["2014-05-17"]
    assert [d.value for d in dates.find_dates("on Monday", "2014-05-18")] == ["2014-05-12"]
    assert dates.find_dates("no date at all here", "2014-05-18") == []
    assert [(a.value, a.currency) for a in money.find_amounts("a fine of five thousand tenge")] == [(5000.0, "KZT")]
    assert money.find_amounts("no amount here") == []


def test_per_document_and_process_caches_are_used():
    dates._find_dates.cache_clear()
    dates.find_dates("On April 15, 2024 it passed", None)
    first = dates.find_dates("On April 15, 2024 it passed", None)
    first.append(None)  # callers get their own list
    assert dates._find_dates.cache_info().hits >= 1
    assert None not in dates.find_dates("On April 15, 2024 it passed", None)
    assert laws._step_gates() is laws._step_gates()

    body = ("The Mazhilis approved the draft law on fines. President Tokayev signed the law on May 5. "
            "The law was approved by the Senate.")
    legal_common._surface_pattern.cache_clear()
    extract(_doc(body))
    extract(_doc(body + " It entered into force."))
    info = legal_common._surface_pattern.cache_info()
    assert info.misses <= 1 and info.hits >= 1  # the same names: compiled once
