"""Currency names, plurals and symbols come from CLDR (through babel); the table keeps what CLDR lacks."""
from __future__ import annotations

import json

import pytest

from kg.extract.gazetteers import data_lines
from kg.extract.money import currency_table, find_amounts


def amounts(text: str) -> list[tuple[float, str]]:
    return [(a.value, a.currency) for a in find_amounts(text)]


def test_cldr_names_and_plurals_are_read():
    assert amounts("a fine of 300 Polish zlotys") == [(300.0, "PLN")]
    assert amounts("up to 2,000 Kazakhstani tenges") == [(2000.0, "KZT")]
    assert amounts("a fine of 50,000 Nigerian nairas") == [(50000.0, "NGN")]


def test_cldr_symbols_of_the_countries_that_use_a_currency_are_read():
    assert amounts("a fine of ₽5,000") == [(5000.0, "RUB")]
    assert amounts("fines of up to ₴17,000") == [(17000.0, "UAH")]
    assert amounts("a fine of ₾2,000") == [(2000.0, "GEL")]


def test_a_shared_symbol_names_only_the_currency_the_table_gives_it():
    by_code = {row["code"]: row for row in currency_table()}
    assert "$" in by_code["USD"]["symbols"]
    assert "$" not in by_code["AUD"]["symbols"] and "$" not in by_code["CAD"]["symbols"]
    assert amounts("a fine of $230") == [(230.0, "USD")]


def test_the_hand_table_holds_no_name_cldr_gives():
    from babel.numbers import get_currency_name
    for line in data_lines("currencies.jsonl"):
        row = json.loads(line)
        if "code" not in row or row.get("index"):
            continue
        cldr = {get_currency_name(row["code"], count=n, locale="en").lower() for n in (1, 2)}
        assert not cldr & {n.lower() for n in row.get("names", [])}, row["code"]


def test_a_word_that_is_no_amount_stays_no_amount():
    assert amounts("Five deputies won seats in the 2020 election") == []


def test_the_shipped_cldr_table_is_current_and_is_what_cldr_gives():
    import json
    from importlib import resources
    from kg.extract.money import CLDR_TABLE, _table_key, compute_currency_table
    saved = json.loads(resources.files("kg").joinpath("data", CLDR_TABLE).read_text(encoding="utf-8"))
    key = _table_key()
    assert saved["key"]["currencies_jsonl_sha256"] == key["currencies_jsonl_sha256"], \
        "currencies.jsonl changed: run python scripts/gen_currency_table.py"
    if saved["key"]["babel"] != key["babel"]:  # another babel: the table is computed at run time instead
        pytest.skip(f"table made with babel {saved['key']['babel']}, this is {key['babel']}")
    assert saved["rows"] == compute_currency_table()


@pytest.mark.parametrize("text, want", [
    ("a fine of ₩10 million", (10_000_000.0, "KRW")),
    ("a fine of 50 million won", (50_000_000.0, "KRW")),
    ("a penalty of ¥1 million", (1_000_000.0, "JPY")),
    ("a fine of ₱100,000", (100_000.0, "PHP")),
    ("fined ₫50 million", (50_000_000.0, "VND")),
    ("a fine of ៛1 million", (1_000_000.0, "KHR")),
    ("a fine of ₵5,000", (5000.0, "GHS")),
    ("a fine of 5,000 soles", (5000.0, "PEN")),
    ("a fine of 20,000 birr", (20000.0, "ETB")),
    ("a fine of 50,000 kronor", (50000.0, "SEK")),
    ("a fine of 5 million CFA francs", (5_000_000.0, "XOF")),
])
def test_signs_and_names_of_more_currencies_are_read(text, want):
    assert amounts(text) == [want]


def test_south_asian_digit_grouping_is_one_number():
    # lakh and crore grouping: "5,00,000" is 500,000, "1,20,00,000" is 12 million
    assert amounts("a fine of Tk5,00,000") == [(500_000.0, "BDT")]
    assert amounts("a fine of Rs 1,20,00,000") == [(12_000_000.0, "PKR")]
    assert amounts("a fine of 1,000,000 rupees") == [(1_000_000.0, "PKR")]


def _fine(text: str):
    from kg.extract.pipeline import extract
    from kg.ingest.document import Document
    title, body = text.split("\n", 1)
    [penalty] = extract(Document(title=title, body=body, source="t")).penalties
    return penalty.amount or penalty.max_amount, penalty.currency


@pytest.mark.parametrize("country, words, code", [
    ("Jordan", "1,000 dinars", "JOD"), ("Tunisia", "1,000 dinars", "TND"), ("Morocco", "1,000 dirhams", "MAD"),
    ("Egypt", "1,000 pounds", "EGP"), ("Mexico", "1,000 pesos", "MXN"), ("China", "¥1,000", "CNY"),
    ("Cameroon", "1,000 CFA francs", "XAF"), ("Moldova", "1,000 lei", "MDL"), ("Norway", "1,000 kroner", "NOK"),
    ("Malawi", "1,000 kwacha", "MWK"),
    # one or two letters are read beside a fine's words only
    ("Jordan", "JD 1,000", "JOD"), ("Namibia", "N$1,000", "NAD"), ("Gambia", "D1,000", "GMD"),
])
def test_a_currency_word_several_countries_use_is_the_documents_countrys(country, words, code):
    text = f"{country} raises fines\n{country}'s parliament passed the bill. Offenders face a fine of {words}."
    assert _fine(text) == (1000.0, code)


def test_a_comma_after_an_amount_ends_it():
    from kg.extract.pipeline import extract
    from kg.ingest.document import Document
    ex = extract(Document(title="T", body="The House passed the bill. Offenders shall be liable to a fine of up to "
                          "RM100,000, imprisonment for five years, or both.", source="t"))
    assert [(p.max_amount, p.currency) for p in ex.penalties if p.type == "Fine"] == [(100_000.0, "MYR")]
    assert amounts("fines of 50 000, or less") == []  # no unit: no amount
    assert amounts("a fine of 5,00,000, the court said, in rupees") == []
