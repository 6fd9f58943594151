"""Sentence splitting: abbreviations, lists, run-in subheadings, offsets."""
from __future__ import annotations

import pytest

from kg.extract.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_abbreviations_do_not_end_sentences():
    text = "Mr. Smith cited Art. 15 and No. 4 of the U.S. rules. Dr. A. B. Jones agreed."
    assert texts(text) == ["Mr. Smith cited Art. 15 and No. 4 of the U.S. rules.", "Dr. A. B. Jones agreed."]


def test_decimal_numbers_and_article_numbers_stay_whole():
    assert texts("Article 205.1 was amended. Fines rose 2.5 times.") == [
        "Article 205.1 was amended.", "Fines rose 2.5 times."]


def test_bullets_and_numbered_lists_split_on_lines():
    text = "The bill provides:\n- fines for littering;\n- arrest for repeat offences.\n1. First item\n2. Second item"
    assert texts(text) == ["The bill provides:", "- fines for littering;", "- arrest for repeat offences.",
                           "1. First item", "2. Second item"]


def test_run_in_subheading_is_split_from_the_next_sentence():
    text = "Officials met on Monday. Budget Changes In May 2023, the ministry cut spending. Next Steps The plan is due."
    assert texts(text) == ["Officials met on Monday.", "Budget Changes", "In May 2023, the ministry cut spending.",
                           "Next Steps", "The plan is due."]


def test_a_sentence_that_opens_with_a_name_is_not_a_heading():
    assert texts("President Jane Doe In her speech, she spoke.")[0].startswith("President Jane Doe")


def test_offsets_point_into_the_text():
    text = "Title line\n\nFirst sentence here. Second one follows!  Third?"
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text


@pytest.mark.timeout(60)  # a hang guard, not a speed target
def test_long_sentence_reads_through():
    text = ("word Word of the Capital Ministry " * 10000) + "."
    assert len(split_sentences(text)) == 1


@pytest.mark.parametrize("text, expected", [
    ("It passed in these areas.4 On May 5, it was signed.", ["It passed in these areas.4", "On May 5, it was signed."]),
    ("The chamber agreed.12 The law followed.", ["The chamber agreed.12", "The law followed."]),
])
def test_a_footnote_number_after_a_full_stop_ends_the_sentence(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


@pytest.mark.parametrize("text", ["The rate was 3.4 On average it rose.", "See Art.4 On this."])
def test_a_decimal_or_an_abbreviation_is_no_footnote(text):
    assert len(split_sentences(text)) == 1
