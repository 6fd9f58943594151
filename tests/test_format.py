"""Numbers for people, the same in the report, the explorer, the query table and the query page."""
from __future__ import annotations

import pytest

from kg import format as fmt
from kg.analysis import penalty_label


@pytest.mark.parametrize("kwargs, expected", [
    ({"max_years": 0.3333333333333333}, "up to 4 months"),
    ({"min_years": 4 / 12, "max_years": 4 / 12}, "4 months"),
    ({"min_years": 1.5, "max_years": 1.5}, "1 year 6 months"),
    ({"min_years": 2, "max_years": 10}, "2–10 years"),
    ({"min_years": 0.25, "max_years": 3}, "3 months – 3 years"),
    ({"min_years": 3}, "at least 3 years"),
    ({"min_days": 90, "max_days": 90}, "90 days"),
    ({"max_days": 15}, "up to 15 days"),
    ({"hours": 240}, "240 hours"),
    ({}, ""),
])
def test_terms(kwargs, expected):
    assert fmt.term(**kwargs) == expected


def test_money_and_names():
    assert fmt.money(2500000, "MNT") == "2,500,000 MNT"
    assert fmt.money("15806.64", "USD") == "15,806.64 USD"
    assert fmt.money_range(20000, 30000, "KGS") == "20,000–30,000 KGS"
    assert fmt.currency_name("KZT") == "Kazakhstani tenge" and fmt.currency_name("PU", 2) == "penalty units"


def test_the_explorer_label_uses_the_same_words():
    props = {"penaltyType": ["Imprisonment"], "maxYears": ["0.3333333333333333"]}
    assert penalty_label(props) == "up to 4 months imprisonment"
    assert penalty_label({"penaltyType": ["Fine"], "amount": ["2500000"], "currency": ["MNT"]}) == \
        "fine of 2,500,000 MNT"


def test_query_table_cells(built_examples, kg):
    result = kg("query", "--store", built_examples, "--saved", "penalty-changes")
    assert result.exit_code == 0
    assert "0.33333" not in result.output and "years" in result.output
    assert fmt.cell_text("rate", "0.00219", "http://www.w3.org/2001/XMLSchema#decimal") == "0.00219"
    assert fmt.cell_text("beforeMax", "1.5", "http://www.w3.org/2001/XMLSchema#decimal") == "1 year 6 months"
