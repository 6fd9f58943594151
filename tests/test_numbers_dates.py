"""Numbers, dates and money as news prints them (sentences written for these tests)."""
from __future__ import annotations

import pytest

from kg.extract.dates import byline_date, dateline_date, find_dates, resolve_relative
from kg.extract.money import find_amounts, index_value, to_usd
from kg.extract.numbers import parse_number


@pytest.mark.parametrize("text,value", [
    ("12,500", 12500), ("seven", 7), ("forty-two", 42), ("3 lakh", 300000), ("2.5 million", 2_500_000),
    ("one hundred", 100), ("900 000", 900000), ("two hundred and ten", 210),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_parse_number_rejects_words():
    assert parse_number("several") is None


@pytest.mark.parametrize("text,ref,values", [
    ("The bill was tabled on March 3, 2021 and passed in May 2022.", None, ["2021-03-03", "2022-05"]),
    ("It was adopted in 1998.", None, ["1998"]),
    ("Deputies voted yesterday.", "2020-02-10", ["2020-02-09"]),
    ("Deputies voted yesterday.", None, [None]),
    ("The senate met on Tuesday.", "2024-06-14", ["2024-06-11"]),
    ("It will take effect this year.", "2019-07-01", ["2019"]),
    ("The decree was signed in November.", "2023-02-01", ["2022-11"]),
    ("signed 7 October 2016 in the capital", None, ["2016-10-07"]),
])
def test_find_dates(text, ref, values):
    assert [d.value for d in find_dates(text, ref)] == values


def test_may_the_verb_is_not_a_month():
    assert find_dates("The court may consider it and the fine may be lowered.", "2020-01-01") == []


def test_relative_without_reference_stays_unresolved():
    assert resolve_relative("last week", None) is None
    assert resolve_relative("last month", "2021-01-15") == "2020-12"


@pytest.mark.parametrize("body,date", [
    ("TASHKENT, March 2, 2017 - The chamber ...", "2017-03-02"),
    ("WIRE-NEWS. February 09, 2012. Deputies ...", "2012-02-09"),
    ("  14 May 2021, 09:30\n\n  BISHKEK. ...", "2021-05-14"),
    ("January 5, 2020   11:02 am\n\nA bill ...", "2020-01-05"),
    ("On March 2, 2017, the president signed ...", None),
    ("MOSCOW. June 3 (Agency) - ...", None),
])
def test_dateline(body, date):
    assert dateline_date(body) == date


@pytest.mark.parametrize("body,date", [
    ("A photo caption of the hearing.\nBy Jane Doe for Steppe Weekly April 22, 2024\n\nThe bill ...", "2024-04-22"),
    ("By Ann Lee, Staff Writer - May 5, 2021\nLawmakers ...", "2021-05-05"),
    ("By AP | 3 May 2023, 14:05 GMT\nThe senate ...", "2023-05-03"),
    ("Published: 22 April 2024 10:31\nThe decree ...", "2024-04-22"),
    ("Posted on 2023-05-03\nA new law ...", "2023-05-03"),
    # a sentence that opens with "by", a month alone, a date inside a sentence: no byline
    ("By the time the law passed on April 22, 2024 the protests had ended.", None),
    ("Updated March 2024\nThe code ...", None),
    ("The law was signed on April 15, 2024.\nIt enters into force ...", None),
])
def test_byline(body, date):
    assert byline_date(body) == date


@pytest.mark.parametrize("text,expected", [
    ("a fine of 5,000 to 10,000 rubles", [(5000, "RUB"), (10000, "RUB")]),
    ("fined Tk 3 lakh", [(300000, "BDT")]),
    ("a penalty of Rs200,000", [(200000, "PKR")]),
    ("GH¢500 to GH¢2,000", [(500, "GHS"), (2000, "GHS")]),
    ("up to 300 monthly calculation indices", [(300, "MCI")]),
    ("20 to 40 BRV", [(20, "BCA"), (40, "BCA")]),
    ("100 to 200 times the minimum wage", [(100, "MW"), (200, "MW")]),
    ("25 penalty units", [(25, "PU")]),
    ("AZN 700", [(700, "AZN")]),
    ("1,000 somoni", [(1000, "TJS")]),
    ("5,000 soms", [(5000, "KGS")]),
])
def test_find_amounts(text, expected):
    assert [(a.value, a.currency) for a in find_amounts(text)] == expected


def test_counts_are_not_money():
    assert find_amounts("300 participants and 40 deputies met for 3 days") == []


def test_index_units_and_page_rates():
    mci = index_value("MCI", "2024-05-01")
    assert mci == (3692.0, "KZT")
    usd, conversion = to_usd(100, "MCI", "2024-05-01", {"KZT": 0.002}, "2024-05-02")
    assert usd == pytest.approx(100 * 3692 * 0.002)
    assert conversion.source == "document" and conversion.index_value == 3692 and conversion.index_currency == "KZT"
    usd, conversion = to_usd(1000, "PLN", "2023-03-01")  # the ECB's reference rate of that day
    assert conversion.source == "ECB reference rate" and conversion.rate_date == "2023-03-01" and 200 < usd < 250
    assert to_usd(5, "XXX", None) is None
