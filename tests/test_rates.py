"""Money you can check: ECB rates offline, cited tables, index units by country, a reason for every
amount left without dollars, and an analyst's own table imported."""
from __future__ import annotations

import json
from importlib import resources

import pytest

from kg import rates
from kg.errors import InputError

from .conftest import shared_path


@pytest.fixture
def own_table(tmp_path, monkeypatch):
    """An empty imported table of the test's own."""
    monkeypatch.setenv("KG_RATES_FILE", str(tmp_path / "imported.csv"))
    rates.reload()
    yield tmp_path / "imported.csv"
    rates.reload()


def _extractor_units() -> list[str]:
    text = resources.files("kg").joinpath("data", "currencies.jsonl").read_text(encoding="utf-8")
    return [json.loads(line)["code"] for line in text.splitlines() if line.strip() and '"code"' in line]


def test_ecb_rates_are_offline_and_dated():
    usd, conversion = rates.to_usd(1000, "PLN", "2023-03-01")
    assert conversion.source == "ECB reference rate" and conversion.rate_date == "2023-03-01"
    assert 200 < usd < 260 and "ECB" in conversion.note
    # a Saturday takes Friday's rate; the ECB stopped quoting the rouble in March 2022
    assert rates.ecb_rate("PLN", "2023-03-04")[1] == "2023-03-03"
    assert rates.ecb_rate("RUB", "2023-03-01") is None and rates.ecb_rate("RUB", "2021-03-01") is not None
    assert {"PLN", "BRL", "MXN", "INR", "IDR", "ZAR"} <= rates.ecb_currencies()


def test_every_row_of_the_tables_cites_a_source():
    for row in rates.rate_rows():
        assert row.source, row
        assert (row.published and row.checked_against) or row.currency == "USD", row
        assert row.kind in ("fixed", "day", "average") and row.usd_per_unit > 0
        assert row.valid_until is None or row.valid_from <= row.valid_until, row
    for row in rates.unit_rows():
        assert row.act and row.checked_against and row.value > 0, row
        assert row.valid_until is None or row.valid_from <= row.valid_until


def test_every_unit_the_extractor_can_emit_converts_or_says_why():
    codes = _extractor_units()
    assert {"KZT", "MCI", "BCA", "MW", "PU", "PLN", "KES"} <= set(codes)
    for code in codes:
        for date in ("2024-06-01", "2019-03-15", None):
            converted = rates.to_usd(100, code, date, country="AM" if code == "MW" else None)
            reason = rates.missing_reason(code, date, "AM" if code == "MW" else None)
            assert converted is not None or reason.startswith("no dollar value: "), (code, date)


def test_a_built_graph_never_leaves_a_dollar_value_silently_missing(tmp_path, kg):
    store = tmp_path / "store"
    assert kg("build", shared_path("seeds"), shared_path("corpus", "dev"), "--store", store).exit_code == 0
    import kg as library
    with library.open(store) as g:
        rows = g.query("SELECT ?p ?usd ?note ?cnote WHERE { ?p a lk:Penalty ; lk:currency ?c . "
                       "OPTIONAL { ?p lk:amountUSD ?usd } OPTIONAL { ?p lk:conversionNote ?note } "
                       "OPTIONAL { ?p lk:conversion/lk:conversionNote ?cnote } }").to_dicts()
    assert rows
    for row in rows:
        assert (row["usd"] is not None and row["cnote"]) or (row["usd"] is None and row["note"]), row
    # most of these articles carry no date: their fines convert at the most recent rate held, and say so
    approximate = [r for r in rows if r["usd"] is not None and r["cnote"].startswith("approximate: the article gives no date")]
    assert len(approximate) >= len(rows) // 2, (len(approximate), len(rows))


def test_index_units_take_their_countrys_value_and_act():
    assert rates.index_value("BCA", "2020-03-01") == (223000.0, "UZS")
    assert rates.index_value("BCA", "2022-03-01") is None  # the 2021-2023 decrees are not cited: no guess
    assert rates.index_value("MCI", "2020-02-01") == (2651.0, "KZT") and rates.index_value("MCI", "2020-05-01")[0] == 2778
    assert rates.index_value("MCI", "2022-06-29")[0] == 3063  # fines keep January's value; April's was for benefits
    usd, conversion = rates.to_usd(10, "MCI", "2024-05-01", {"KZT": 0.002}, "2024-05-02")
    assert usd == pytest.approx(10 * 3692 * 0.002) and "2024-2026" in conversion.note
    assert rates.to_usd(10, "MW", "2024-01-01") is None
    assert "needs the country" in rates.missing_reason("MW", "2024-01-01")
    assert "units.csv has no cited value of one BCA (UZ) on 2022-03-01" in rates.missing_reason("BCA", "2022-03-01")


def test_fixed_and_one_day_rates_from_the_cited_table():
    usd, conversion = rates.to_usd(350, "TMT", "2020-05-01")
    assert usd == pytest.approx(100) and conversion.source == "rates table" and "export.gov" in conversion.note
    usd, conversion = rates.to_usd(3.75, "SAR", "2024-02-01")  # SAMA's peg
    assert usd == pytest.approx(1.0) and "SAMA" in conversion.note
    # a yearly average serves the days of its year, and says which year it is
    usd, conversion = rates.to_usd(382.7, "KZT", "2019-06-30")
    assert usd == pytest.approx(1.0) and conversion.rate_date is None and "2019-01-01 to 2019-12-31" in conversion.note
    # a day's rate serves a year either side of it where no average covers the date
    usd, conversion = rates.to_usd(3.2062, "TJS", "2006-06-01")
    assert usd == pytest.approx(1.0) and conversion.rate_date == "2006-01-24" and "National Bank of Tajikistan" in conversion.note
    assert rates.to_usd(100, "TJS", "2008-11-26") is None  # more than a year from that day, before the yearly series
    # a dated article beyond the tables gets no value (no silent extrapolation), and says why
    assert rates.to_usd(100, "KZT", "2025-06-30") is None
    assert "2025-06-30" in rates.missing_reason("KZT", "2025-06-30")
    assert rates.to_usd(100, "PKR", "2023-01-10") is None  # the PKR series held ends in 2021


def test_import_an_analysts_tables(tmp_path, own_table, kg):
    ours = tmp_path / "ours.csv"
    ours.write_text("currency,year,per_usd,source\nKZT,2019,382.75,National Bank of Kazakhstan annual report\n",
                    encoding="utf-8")
    result = kg("rates", "import", ours)
    assert result.exit_code == 0 and "imported 1 rates" in result.output
    usd, conversion = rates.to_usd(382.75, "KZT", "2019-06-30")
    assert usd == pytest.approx(1.0) and "National Bank of Kazakhstan" in conversion.note
    world_bank = tmp_path / "API_PA.NUS.FCRF.csv"
    world_bank.write_text('"Data Source","World Development Indicators",\n\n"Last Updated Date","2024-01-01",\n\n'
                          '"Country Name","Country Code","Indicator Name","Indicator Code","2021","2022",\n'
                          '"Kyrgyzstan","KGZ","Official exchange rate","PA.NUS.FCRF","84.6","84.1",\n'
                          '"Atlantis","ATL","Official exchange rate","PA.NUS.FCRF","1","2",\n', encoding="utf-8")
    count, where = rates.import_table(world_bank)
    assert count == 2 and where == own_table
    assert rates.to_usd(84.1, "KGS", "2022-05-01")[0] == pytest.approx(1.0)
    assert rates.to_usd(382.75, "KZT", "2019-06-30")[0] == pytest.approx(1.0)  # the first import is kept
    listing = kg("rates", "list")
    assert "ECB reference rates" in listing.output and str(own_table) in listing.output


def test_a_bad_table_is_named_with_its_line(tmp_path, own_table, runner):
    bad = tmp_path / "bad.csv"
    bad.write_text("currency,year,per_usd\nKZT,2019,0\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.csv:2: "):
        rates.import_table(bad)
    from kg.cli import cli
    result = runner.invoke(cli, ["rates", "import", str(bad)])
    assert result.exit_code == 1 and "bad.csv:2:" in result.output
    assert not own_table.exists()
    empty = tmp_path / "empty.csv"
    empty.write_text("name,value\nx,1\n", encoding="utf-8")
    with pytest.raises(InputError, match="currency"):
        rates.import_table(empty)


def test_an_undated_article_takes_the_most_recent_rate_and_says_so():
    usd, conversion = rates.to_usd(469.0, "KZT", None)
    assert usd == pytest.approx(1.0) and conversion.source == "rates table"
    assert conversion.note.startswith("approximate: the article gives no date") and "2024-01-01 to 2024-12-31" in conversion.note
    # an index unit: the most recent value of the unit, and the most recent rate of its currency, both named
    usd, conversion = rates.to_usd(10, "MCI", None)
    assert usd == pytest.approx(10 * 3692 / 469.0, abs=0.01) and conversion.index_value == 3692
    assert "most recent value of one MCI" in conversion.note and "from 2024-01-01" in conversion.note
    assert "most recent rate held for KZT" in conversion.note
    # an ECB currency: the last day the bundled file quotes it, kept as lk:rateDate
    usd, conversion = rates.to_usd(100, "RUB", None)
    assert conversion.rate_date == rates.latest_rate("RUB")[3] <= "2022-03-31" and conversion.source == "ECB reference rate"
    # a fixed rate needs no approximation
    usd, conversion = rates.to_usd(350, "TMT", None)
    assert usd == pytest.approx(100) and "approximate" not in conversion.note
    # the exact path is kept for dated articles: the same fine on a date gets that date's value, not the latest
    dated = rates.to_usd(10, "MCI", "2021-05-01")[1]
    assert dated.index_value == 2917 and "approximate" not in dated.note
    # nothing held at all still says why
    assert rates.to_usd(10, "PU", None) is None
    # penalty units are Ghana's, Zambia's, the Australian states': the article's country decides
    assert rates.missing_reason("PU", None).startswith("no dollar value: one PU needs the country")
    assert rates.missing_reason("PU", None, country="ZM").startswith(
        "no dollar value: kg/data/units.csv has no cited value")
    assert rates.to_usd(10, "PU", "2022-06-01", country="AU") is None
    assert rates.missing_reason("AED", None) == "no dollar value: the article has no date, and no cited rate for AED is held"
    # a fine whose unit converts but whose amount was not read says so
    assert "no amount" in rates.missing_reason("KZT", None)


def test_an_imported_rate_newer_than_the_table_wins_for_undated_articles(tmp_path, own_table):
    ours = tmp_path / "ours.csv"
    ours.write_text("currency,year,per_usd,source\nKZT,2025,500,National Bank of Kazakhstan yearly average\n",
                    encoding="utf-8")
    rates.import_table(ours)
    usd, conversion = rates.to_usd(500, "KZT", None)
    assert usd == pytest.approx(1.0) and "imported table: National Bank of Kazakhstan" in conversion.note
    assert "2025-01-01 to 2025-12-31" in conversion.note
