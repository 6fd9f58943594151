"""Money: amounts with their currency or index unit, and their value in US dollars.

A fine is printed as "30,000 soms", "AZN 1,500", "Rs500,000", "Taka 5 lakh", "GH¢60,000",
"2,000 monthly calculation indices (MCI)", "300 times the minimum wage" or "150 penalty
units". :func:`find_amounts` reads them (ranges "from 20,000 to 30,000 soms" and
"AZN 1,500 to 2,500" give two amounts with one unit); :func:`to_usd` converts an amount
with the sourced rates and index values of :mod:`kg.rates` (the page's own printed rate
when there is one), and records how (:class:`~kg.extract.model.Conversion`).

>>> [(a.value, a.currency) for a in find_amounts("a fine from 20,000 to 30,000 soms")]
[(20000.0, 'KGS'), (30000.0, 'KGS')]
>>> [(a.value, a.currency) for a in find_amounts("Taka 5 lakh fine or Tk 2,000")]
[(500000.0, 'BDT'), (2000.0, 'BDT')]
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .gazetteers import alternation, data_lines
from .model import Conversion
from .numbers import NUMBER, may_hold_number, parse_number

__all__ = ["Amount", "find_amounts", "to_usd", "index_value", "usd_rate", "currency_table", "INDEX_UNITS"]

INDEX_UNITS = {"MCI", "BCA", "MW", "PU"}


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    value: float
    currency: str


#: the CLDR forms of the currencies, as :func:`compute_currency_table` gives them, written by
#: ``python scripts/gen_currency_table.py`` (loading CLDR through babel costs about 1.3 s per process, which
#: every worker and every ``kg`` command would pay); used only while it was made from this
#: ``currencies.jsonl`` with this babel, else the table is computed again
CLDR_TABLE = "currencies.cldr.json"


def _table_key() -> dict:
    import hashlib
    import babel
    text = resources.files("kg").joinpath("data", "currencies.jsonl").read_bytes()
    return {"currencies_jsonl_sha256": hashlib.sha256(text).hexdigest(), "babel": babel.__version__}


@lru_cache(maxsize=1)
def currency_table() -> list[dict]:
    """The currencies and index units the amount reader knows: ``kg/data/currencies.jsonl`` (the
    forms CLDR lacks: short local names, index units, news spellings) with, for every currency,
    its names, plural and symbols from CLDR through babel (English, and the symbol of the
    countries that use it: "₸", "zł", "Ksh"); read from :data:`CLDR_TABLE` when it is current."""
    try:
        saved = json.loads(resources.files("kg").joinpath("data", CLDR_TABLE).read_text(encoding="utf-8"))
        if saved.get("key") == _table_key():
            return saved["rows"]
    except (OSError, ValueError):
        pass
    return compute_currency_table()


def compute_currency_table() -> list[dict]:
    """:func:`currency_table` computed from ``currencies.jsonl`` and CLDR."""
    rows = [json.loads(line) for line in data_lines("currencies.jsonl")]
    rows = [_with_cldr(row) for row in rows if "code" in row]
    # a symbol two currencies share ("$" is also Australia's and Canada's where they write it) names neither
    users: dict[str, set[str]] = {}
    for row in rows:
        for sym in row.get("symbols", []):
            users.setdefault(sym, set()).add(row["code"])
    for row in rows:
        own = set(row.get("_table_symbols", row.get("symbols", [])))
        row["symbols"] = [sym for sym in row.get("symbols", []) if sym in own or len(users[sym]) == 1]
        row.pop("_table_symbols", None)
    return rows


@lru_cache(maxsize=1)
def _territories() -> dict[str, list[str]]:
    """Currency code -> the countries (ISO codes of kg/data/countries.csv) that use it today."""
    from babel.numbers import get_territory_currencies
    from .gazetteers import countries
    out: dict[str, list[str]] = {}
    for iso in countries():
        try:
            for code in get_territory_currencies(iso):
                out.setdefault(code, []).append(iso)
        except Exception:  # noqa: BLE001 - a territory CLDR does not know
            continue
    return out


def _with_cldr(row: dict) -> dict:
    if row.get("index"):
        return row
    from babel import Locale
    from babel.numbers import get_currency_name, get_currency_symbol
    code = row["code"]
    names = list(row.get("names", []))
    symbols = list(row.get("symbols", []))
    try:
        found = [get_currency_name(code, locale="en"), get_currency_name(code, count=1, locale="en"),
                 get_currency_name(code, count=2, locale="en")]
        found_symbols = [get_currency_symbol(code, "en")]
        for iso in _territories().get(code, []):
            try:
                found_symbols.append(Locale.parse(f"und_{iso}").currency_symbols.get(code, ""))
            except Exception:  # noqa: BLE001 - no likely locale for the territory
                continue
    except Exception:  # noqa: BLE001 - a code CLDR does not know keeps its own table
        return row
    for name in found:
        if name and name.lower() not in (n.lower() for n in names):
            names.append(name.lower())
    for sym in found_symbols:
        # a symbol made of letters ("Ksh", "zł", "Rs") could be a word: those stay in the table, where the
        # amount reader knows to read them only beside a fine's words
        if sym and sym != code and sym not in symbols and not sym.isalpha():
            symbols.append(sym)
    return {**row, "names": names, "symbols": symbols, "_table_symbols": list(row.get("symbols", []))}


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, dict[str, str]]:
    lookup: dict[str, str] = {}
    after: list[str] = []   # words written after the number
    before: list[str] = []  # symbols and codes written before the number
    for row in currency_table():
        for name in row.get("names", []):
            lookup[name.lower()] = row["code"]
            after.append(name)
        for code in row.get("codes", []):
            lookup[code.lower()] = row["code"]
            after.append(code)
            before.append(code)
        for sym in row.get("symbols", []):
            lookup[sym.lower()] = row["code"]
            before.append(sym)
    def alt(items: list[str]) -> list[str]:
        return sorted(set(items), key=len, reverse=True)
    # the same unit words may be spelled in any case ("Taka", "tenge", "MCI"); the alternatives are
    # grouped by first character (gazetteers.alternation): the same matches, tried much faster
    unit_after = alternation(alt(after), ignorecase=True)
    unit_before = alternation(alt(before) + alt([r['names'][0] for r in currency_table() if r.get('names') and not r.get('index')]),
                              ignorecase=True)
    num = rf"(?:{NUMBER})"
    rng = r"\s*(?:-|–|—|to|and|or)\s*"
    # "30,000-500,000 rubles", "from 20,000 to 30,000 soms", "2,000 MCI", "8 to 12 BCU"
    post = re.compile(
        rf"(?<![\w$£€¢₦])(?P<a>{num})(?:(?P<r>{rng})(?:{unit_before}\s?)?(?P<b>{num}))?\s?(?P<u>{unit_after})(?![a-z])",
        re.I)
    # "AZN 1,500 to 2,500", "Rs500,000", "GH¢12,000 to GH¢60,000", "$400-6,700", "Taka 5 lakh"
    pre = re.compile(
        rf"(?<![A-Za-z])(?P<u>{unit_before})\s?(?P<a>{num})(?:(?P<r>{rng})(?:(?P=u)\s?)?(?P<b>{num})(?!{_TERM_AFTER}))?(?![\d])",
        re.I)
    return post, pre, lookup


#: what follows a number that is a term, not money ("$500,000 and three years' imprisonment")
_TERM_AFTER = r"[\s\-]*(?:years?|months?|weeks?|days?|hours?)\b"


def _unit_code(word: str, lookup: dict[str, str]) -> str | None:
    w = word.strip().lower()
    if w in lookup:
        return lookup[w]
    return lookup.get(w.rstrip("."))


_RANGE_ONLY = re.compile(r"^\s*(?:-|–|—|to)\s*$")
_LETTER = re.compile(r"[^\W\d_]")


def find_amounts(text: str) -> list[Amount]:
    """Money amounts in ``text`` (both ends of a range), left to right, without overlaps."""
    if not may_hold_number(text):
        return []  # both patterns need a number
    post, pre, lookup = _patterns()
    out: list[Amount] = []
    mask = bytearray(len(text) + 1)  # 1 where an amount was read: linear in the amounts
    for pattern in (post, pre):
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(mask[s:e]):
                continue
            code = _unit_code(m.group("u"), lookup)
            if code is None:
                continue
            unit_text = m.group("u")
            # a bare "N" for naira or "som" inside a word would be noise: a unit of one or two letters is
            # read here only when it is one of these (the others only beside a fine's words, in
            # kg.extract.penalties); a sign without letters ("₩", "¥", "₱") always names its currency
            if len(unit_text) <= 2 and unit_text not in ("Rs", "Tk", "TL") and _LETTER.search(unit_text):
                continue
            values = [parse_number(m.group("a"))]
            if m.group("b") and m.group("r") and (_RANGE_ONLY.match(m.group("r")) or m.group("r").strip().lower() in ("and", "or")):
                values.append(parse_number(m.group("b")))
            a_end = m.end("a")
            if len(values) == 2 and values[1] is not None and values[0] is not None:
                # "8 to 12 million": the scale word of the second end applies to the first
                b_text = m.group("b").lower()
                scale = re.search(r"(hundred|thousand|million|mln|billion|bln|bn|lakhs?|lac|crores?)\s*$", b_text)
                if scale and not re.search(r"[a-z]\s*$", m.group("a").lower()) and values[0] < values[1] / 1000:
                    values[0] = parse_number(f"{m.group('a')} {scale.group(1)}")
                out.append(Amount(s, a_end, values[0], code))
                out.append(Amount(m.start("b"), e, values[1], code))
            elif values[0] is not None:
                end = e if not m.group("b") or len(values) == 1 and m.group("r") is None else a_end
                out.append(Amount(s, e if not m.group("b") else end, values[0], code))
                if m.group("b") and m.group("r") is not None and len(values) == 1:
                    # "500 or 1,000 soms": treat as two alternatives with one unit
                    v = parse_number(m.group("b"))
                    if v is not None:
                        out.append(Amount(m.start("b"), e, v, code))
            mask[s:e] = b"\x01" * (e - s)
    out.sort(key=lambda a: a.start)
    return out


# The conversion to US dollars lives in kg.rates (sourced rates and index values); these names stay
# importable from here for the callers that used them.
def to_usd(amount: float, currency: str, date: str | None, page_rates: dict[str, float] | None = None,
           page_rates_date: str | None = None, *, country: str | None = None) -> tuple[float, Conversion] | None:
    """``amount`` of ``currency`` in US dollars (see :func:`kg.rates.to_usd`)."""
    from ..rates import to_usd as convert
    return convert(amount, currency, date, page_rates, page_rates_date, country=country)


def index_value(unit: str, date: str | None, country: str | None = None) -> tuple[float, str] | None:
    """The money value of one index unit (see :func:`kg.rates.index_value`)."""
    from ..rates import index_value as value
    return value(unit, date, country)


def usd_rate(currency: str, date: str | None):
    """USD per unit of ``currency`` on ``date`` (see :func:`kg.rates.usd_rate`)."""
    from ..rates import usd_rate as rate
    return rate(currency, date)


def write_cldr_table() -> str:
    """Write :data:`CLDR_TABLE` beside ``currencies.jsonl``; returns its path."""
    path = resources.files("kg").joinpath("data", CLDR_TABLE)
    data = {"#": "Generated by scripts/gen_currency_table.py from currencies.jsonl and CLDR (babel); do not edit.",
            "key": _table_key(), "rows": compute_currency_table()}
    with open(str(path), "w", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False, indent=0)
        out.write("\n")
    return str(path)
