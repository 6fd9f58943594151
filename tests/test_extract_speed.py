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


# -- prefilters and regrouped patterns of the entity and penalty extractors ---------------------------

_SAMPLE_TEXT = (
    "Under the bill, a fine of up to 170 MCI, or community service for up to 160 hours, or arrest for up to "
    "40 days; the Kazakh Mazhilis raised prison terms from five to eight years. Ivan Petrov was sentenced to "
    "life imprisonment, while fines of Rs500,000, GH¢12,000 to GH¢60,000, AZN 1,500 and $400-6,700 apply. "
    "Twenty-one ſenators, thirty-five deputies and the İmprisonment KELVIN \u212aZT 300 tenge; FINE; "
    "Prison; HOUSE ARREST; seventy seven; ninety-nine hundred and five soms; 5 lakh Taka; đ 300; ₸500.")


def test_alternation_matches_like_the_plain_alternation():
    from kg.extract.gazetteers import alternation
    from kg.extract.money import currency_table
    from kg.extract.penalties import penalty_terms

    terms = [t for t, _, _ in penalty_terms()]
    units = sorted({u for row in currency_table() for key in ("names", "codes", "symbols") for u in row.get(key, [])},
                   key=len, reverse=True)
    texts = [_SAMPLE_TEXT, _SAMPLE_TEXT.lower(), _SAMPLE_TEXT.upper(), " ".join(terms), " ".join(units),
             " ".join(units).upper(), " ".join(t.upper() for t in terms)]
    for items, escape in ((terms, lambda t: re.escape(t).replace(r"\ ", r"\s+")), (units, re.escape),
                          (["Ab", "ab", "aB", "b", "ſx", "x"], re.escape), (["đồng", "Đ", "₸", "$", "a"], re.escape)):
        plain = "(?:" + "|".join(escape(i) for i in items) + ")"
        for flags, grouped in ((0, alternation(items, escape)), (re.I, alternation(items, escape)),
                               (re.I, alternation(items, escape, ignorecase=True))):
            for wrap in (r"\b{}\b", r"(?<![A-Za-z]){}", "{}"):
                a, b = re.compile(wrap.format(plain), flags), re.compile(wrap.format(grouped), flags)
                for text in texts + [" ".join(items), " ".join(items).swapcase()]:
                    assert [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)], (wrap, flags)
    assert alternation(["ſx", "sx"]) == "(?:ſx|sx)"  # a look-alike first character: left as it is
    assert alternation(["", "a"]) == "(?:|a)"
    assert alternation(["Ab", "ab", "b"], ignorecase=True) == "(?:a(?:b|b)|b(?:))"
    assert alternation(["Ab", "ab"]) == "(?:(?:Ab|ab))"


def test_number_pattern_matches_like_the_plain_word_list():
    from kg.extract import numbers

    word = rf"(?:(?:{numbers._TEN_WORDS})(?:[- ](?:{numbers._UNIT_WORDS}))?|{numbers._UNIT_WORDS})"
    plain = (rf"(?:(?:{numbers._DIGITS})|\b{word}\b(?:[ -](?:hundred)\b(?:(?: and)? {word}\b)?)?)"
             rf"{numbers._SCALE}")
    words = " ".join([*numbers._UNITS, *numbers._TENS, "twenty-one", "Forty two", "ninety-nine hundred and five",
                      "SIXTY SEVEN", "often", "tenge", "someone", "1,500", "5 lakh", "eighteen hundred"])
    for flags in (0, re.I):
        a, b = re.compile(plain, flags), re.compile(numbers.NUMBER, flags)
        for text in (words, words.upper(), _SAMPLE_TEXT):
            assert [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)]


def test_penalty_keywords_cover_every_term_and_quantity():
    from kg.extract import penalties

    keys = penalties._term_keywords()
    pattern, _ = penalties._term_regex()
    for term, _, _ in penalties.penalty_terms():
        assert any(k in fold(term) for k in keys), term
        assert pattern.fullmatch(term) and pattern.fullmatch(term.upper())
    assert set(penalties._CONTEXT_KEYWORDS) <= set(penalties._sentence_keywords())
    # without any keyword a sentence gives nothing, with one the full reading runs
    assert penalties.read_penalties("The minister visited 5 regions in 3 days and spent $400.") == []
    found = penalties.read_penalties("Offenders face a fine of 500 MCI or up to 2 years in prison.")
    assert [p.type for p in found] == ["Fine", "Imprisonment"]
    assert [p.type for p in penalties.read_penalties("Violators are liable to 2 years.")] == ["Imprisonment"]
    assert penalties._durations("within 3 hours") == [] and penalties._durations("for 3 yrs")
    assert penalties._cues("a FINE and ſentence") and penalties._cues("nothing") == []


def test_penalty_sentence_for_person_needs_the_name_and_a_cue():
    from kg.extract.model import Person
    from kg.extract.penalties import _sentence_for_person

    people = [Person(key="ivan-petrov", name="Ivan Petrov")]
    assert _sentence_for_person("Petrov was sentenced to five years.", people)
    assert _sentence_for_person("a life sentence for former minister Ivan Petrov", people)
    assert not _sentence_for_person("Petrov was promoted.", people)
    assert not _sentence_for_person("Sidorov was sentenced to five years.", people)
    assert not _sentence_for_person("Petrov was sentenced.", [])


def test_article_prefilter_keeps_every_form():
    body = ("Article 99 of the Criminal Code applies. Under Art. 5 and sections 3(2) of the Penal Code, and "
            "§ 12, clause 4, Paragraph 7, ARTICLE 8, Sec. 9 and the 67th article of the Civil Code, fines rose.")
    result = extract(_doc(body))
    numbers = sorted(a.number for a in result.articles)
    assert {"99", "5", "3", "12", "4", "7", "8", "9", "67"} <= set(numbers), numbers
    assert extract(_doc("No articles here, only words.")).articles == []


def test_entity_caches_and_prefilters():
    from kg.extract import persons
    from kg.extract.gazetteers import body_index, tokenize

    persons._plural_of_post.cache_clear()
    body = ("Deputies of the Mazhilis met. Representatives of the Senate and Deputies said Kazakh President "
            "Kassym-Jomart Tokayev signed it. Omar el-Bashir and Representatives spoke.")
    result = extract(_doc(body))
    assert any(p.name == "Kassym-Jomart Tokayev" for p in result.persons)
    assert persons._plural_of_post.cache_info().hits >= 1
    # the cheap test before PhraseIndex.match_at never skips a token that opens an entry
    index = body_index()
    tokens = tokenize("the MAZHILIS and the Mazhilis of Kazakhstan's parliament")
    for i, tok in enumerate(tokens):
        if index.match_at(tokens, i):
            assert tok.text in index._by_first or "'" in tok.text or (len(tok.text) > 3 and tok.text.isupper())


@pytest.mark.parametrize("body", [
    " ".join(["Senator Ivan Petrov{} was sentenced to 5 years in prison for fraud under Article {}.".format(i, i)
              for i in range(400)]),
    "A fine of " + ", or ".join(f"{i} tenge" for i in range(3_000)) + ".",
    " ".join(["Twenty-one thirty-two forty-three"] * 2_000) + " years in prison.",
    "Parliament " * 5_000 + "house chamber.",
])
def test_worst_case_entity_and_penalty_inputs_complete(body):
    assert extract(_doc(body)) is not None


def test_articles_for_bisection_matches_the_scan():
    from types import SimpleNamespace

    from kg.extract.penalties import PenaltyMention, _articles_for

    arts = [SimpleNamespace(start=100 + s, key=f"a{s}") for s in (5, 20, 20, 40, 90)]
    starts = [a.start - 100 for a in arts]
    for found_n in (1, 2):
        for ps in range(0, 100, 3):
            for pe in (ps + 1, ps + 15, ps + 60):
                p = PenaltyMention("Fine", ps, pe)
                found = [p] * found_n
                assert _articles_for(p, arts, "", 100, found, starts) == _articles_for(p, arts, "", 100, found)


def test_many_penalties_and_articles_in_one_sentence_complete():
    body = "Offenders face " + ", ".join(f"a fine of {i} MCI under Article {i}" for i in range(1, 1_500)) + "."
    assert extract(_doc(body)).penalties


def test_fold_keeps_offsets_and_word_starts():
    # the one-pass step scan reads word starts of the folded text at the sentence's own offsets
    letter = re.compile("[a-z]")
    for cp in range(0, 0x10000):
        c = chr(cp)
        f = fold(c)
        assert len(f) == 1, hex(cp)
        if not re.fullmatch(r"\w", c):
            assert not letter.fullmatch(f), hex(cp)


_STEP_SAMPLES = [
    "The Mazhilis PASSED the bill.", "It was sıgned into law.", "The law entered into force", "2passed it",
    "Parliament has been in effect", "The Senate voted down the decree", "İntroduced by MP Aliev",
    "a petition against the law was filed", "the draft was co-authored", "the draft was coauthored",
    "nothing happened here", "resigned, unsigned, reintroduced, disapproved", "“Passed” by the House",
    "The KING signed it", "The \u212aing signed", "it is currently in force since 2020", "in breach of the law",
    "He was guilty of violating the Law on X", "the President issued a decree", "became law on Monday",
    "supported by 80 deputies", "the bill was sent to the parliament", "took up the bill", "call by MPs",
    "initiator of the bill", "would challenge the law", "will challenge", "spoke in favour of", "_approved",
    "opposition to the bill", "endorsement of the bill", "effective from May", "enforcement of the law",
    "they drew up a draft", "drawn up", "worked out", "debated the bill", "examining the draft",
]


def test_step_scan_never_skips_a_pattern_that_matches():
    texts = list(_STEP_SAMPLES)
    import pathlib
    for path in sorted(pathlib.Path(__file__).resolve().parent.parent.joinpath("examples").glob("*.txt")):
        texts += re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8"))
    gates = laws._step_gates()
    matched = 0
    for text in texts:
        may = laws._steps_may_match(fold(text))
        for i, (kind, gate) in enumerate(gates):
            found = gate.pattern.search(text)
            if found:
                matched += 1
                assert i in may and may[i] <= found.start(), (kind, text)
                assert [m.span() for m in gate.pattern.finditer(text, may[i])] == [
                    m.span() for m in gate.pattern.finditer(text)], (kind, text)
    assert matched > 30
    assert not laws._steps_may_match(fold("12 34. resigned unsigned"))


def test_step_scan_prefixes_start_every_alternative():
    # every step pattern opens with \b and a letter: none is left to "always tried"
    scan, owners, always = laws._step_scan()
    assert not always
    assert laws._word_start_prefixes(re.compile(r"(?:a\s+)?law")) is None
    assert laws._word_start_prefixes(re.compile(r"\b(?:passed|pass|co-?sponsored)\b", re.I)) == {
        "passed", "pass", "co"}


_LAW_SAMPLES = [
    "the   bill on taxes was passed", "Proposed \t law on X", "a lawsuit on X", "Several  draft laws on Y",
    "its amendments to the Code of Z", "HB 1234 and SB 5 and H. R. 815 and S.B. 12", "hb 12", "Law No. 14,994",
    "Decree Number 5 of 2020", "Order # 12", "the Criminal Code adopted in 1997", "the code, adopted in 2001",
    "The new Criminal Code currently in force adopted in May 2014", "LAW ON X", "Changes to the Law on Y",
    "an agreement between A and B on trade", "the \u212aey law on X", "the İnitiative on Z", "Bill   on X",
]


def test_law_prefilters_never_skip_a_match():
    texts = list(_LAW_SAMPLES)
    import pathlib
    for path in sorted(pathlib.Path(__file__).resolve().parent.parent.joinpath("examples").glob("*.txt")):
        texts += re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8"))
    seen = 0
    for text in texts:
        has = laws._Triggers(text)
        found = [m.span() for m in laws._NOUN_ON.finditer(text)]
        if found:
            seen += 1
            assert has.noun and has.noun_on_from <= found[0][0], text
            assert [m.span() for m in laws._NOUN_ON.finditer(text, has.noun_on_from)] == found, text
        if laws._BILL_NUMBER.search(text):
            assert has.bill_number, text
        if laws._NUMBERED_LAW.search(text):
            assert has.number_sign, text
        if laws._OLD_CODE.search(text):
            assert "adopted" in text, text
        # the one-pass step scan answers _has_step_cue as every pattern tried on the whole text does
        assert laws._has_step_cue(text) == any(
            p.search(text) is not None for k, p in laws._step_patterns() if k != "violate"), text
    assert seen > 5


def test_generic_agent_patterns_need_their_literals():
    # agent_mentions skips a generic pattern when a literal it needs is missing (the patterns are case-sensitive)
    assert not (legal_common._GENERIC_PRESIDENT.flags & re.I)
    assert not (legal_common._GENERIC_MINISTER.flags & re.I)
    assert not (legal_common._GENERIC_GOVERNMENT.flags & re.I)
    samples = ["the President signed", "president Tokayev", "the head of state", "PRESIDENT", "the Prime Minister",
               "minister of justice", "the Government", "government", "the Cabinet", "cabinet of ministers",
               "Foreign Minister Ivanov", "the GOVERNMENT", "the Presidential decree"]
    for text in samples:
        if legal_common._GENERIC_PRESIDENT.search(text):
            assert "resident" in text or "head of state" in text, text
        if legal_common._GENERIC_MINISTER.search(text):
            assert "inister" in text, text
        if legal_common._GENERIC_GOVERNMENT.search(text):
            assert "overnment" in text or "abinet" in text, text
    for pattern, literals in ((legal_common._GENERIC_PRESIDENT, ("resident", "head of state")),
                              (legal_common._GENERIC_MINISTER, ("inister",)),
                              (legal_common._GENERIC_GOVERNMENT, ("overnment", "abinet"))):
        assert all(any(lit in alt for lit in literals) for alt in re.findall(
            r"(?:President|president|head of state|\[Mm\]inister|government|Government|cabinet|Cabinet)",
            pattern.pattern)), pattern.pattern
