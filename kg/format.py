"""Numbers for people: prison terms, fines and dollar amounts as a person writes them.

The graph keeps terms in years (months as fractions: a four-month term is ``0.3333…``
years) and amounts as decimals. Everything shown to a person (the explorer, ``kg report``,
``kg query --format table``, the query page) goes through these functions, so a term
reads "4 months" everywhere and a fine "30,000 KGS".

>>> term(max_years=1 / 3)
'up to 4 months'
>>> term(min_years=1.5, max_years=1.5)
'1 year 6 months'
>>> term(min_years=2, max_years=5)
'2–5 years'
>>> term(min_days=90, max_days=90)
'90 days'
>>> money(30000, "KGS")
'30,000 KGS'
>>> money(1606.8, "USD")
'1,606.80 USD'
>>> money_range(20000, 30000, "KGS")
'20,000–30,000 KGS'
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache

__all__ = ["term", "years_text", "days_text", "money", "money_range", "number", "currency_name",
           "penalty_text", "cell_text", "INDEX_UNIT_NAMES"]

#: index units are not currencies, so CLDR has no names for them
INDEX_UNIT_NAMES = {
    "MCI": ("monthly calculation index", "monthly calculation indices"),
    "BCA": ("base calculation amount", "base calculation amounts"),
    "MW": ("minimum wage", "minimum wages"),
    "PU": ("penalty unit", "penalty units"),
}

Number = "float | int | Decimal | str | None"


def _dec(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def number(value, decimals: int = 2) -> str:
    """``value`` with thousands separators; whole numbers without decimals, others with ``decimals``.

    >>> number(2500000), number(0.5), number("12.30")
    ('2,500,000', '0.50', '12.30')
    """
    d = _dec(value)
    if d is None:
        return ""
    if d == d.to_integral_value():
        return f"{int(d):,}"
    return f"{d:,.{decimals}f}"


def _months(years: Decimal) -> int | None:
    """Whole months in ``years`` when it is (close to) a whole number of months."""
    months = years * 12
    nearest = months.to_integral_value()
    return int(nearest) if abs(months - nearest) < Decimal("0.02") else None


def years_text(years) -> str:
    """One length of time given in years: "4 months", "1 year 6 months", "10 years", "45 days".

    >>> years_text(0.3333333333333333), years_text(1), years_text("1.5"), years_text(10 / 365)
    ('4 months', '1 year', '1 year 6 months', '10 days')
    """
    y = _dec(years)
    if y is None:
        return ""
    months = _months(y)
    if months is None:  # not a whole number of months: a person counts the days
        return days_text(round(y * 365))
    whole, rest = divmod(months, 12)
    parts = []
    if whole:
        parts.append(f"{whole} year" + ("s" if whole != 1 else ""))
    if rest or not whole:
        parts.append(f"{rest} month" + ("s" if rest != 1 else ""))
    return " ".join(parts)


def days_text(days) -> str:
    """A number of days.

    >>> days_text(1), days_text(90), days_text("15.0")
    ('1 day', '90 days', '15 days')
    """
    d = _dec(days)
    if d is None:
        return ""
    return f"{number(d)} day" + ("" if d == 1 else "s")


def _span(low: str, high: str, same_unit: str | None) -> str:
    if low and high:
        if low == high:
            return low
        if same_unit:  # "2–5 years", not "2 years–5 years"
            return f"{low.rsplit(' ', 1)[0]}–{high}"
        return f"{low} – {high}"
    if high:
        return f"up to {high}"
    if low:
        return f"at least {low}"
    return ""


def _unit(text: str) -> str | None:
    words = text.split()
    return words[-1] if len(words) == 2 else None


def term(min_years=None, max_years=None, min_days=None, max_days=None, hours=None) -> str:
    """A term of imprisonment, arrest or labour, from the graph's bounds.

    >>> term(min_years=4, max_years=7), term(min_years=0.5, max_years=2), term(min_years=2)
    ('4–7 years', '6 months – 2 years', 'at least 2 years')
    >>> term(min_years=1, max_years=3), term(min_days=10, max_days=15), term(hours=120)
    ('1–3 years', '10–15 days', '120 hours')
    """
    low, high = years_text(min_years), years_text(max_years)
    if not low and not high:
        low, high = days_text(min_days), days_text(max_days)
    if not low and not high and _dec(hours) is not None:
        return f"{number(hours)} hour" + ("" if _dec(hours) == 1 else "s")
    unit_low, unit_high = _unit(low), _unit(high)
    same = unit_high if unit_low and unit_high and unit_low.rstrip("s") == unit_high.rstrip("s") else None
    return _span(low, high, same)


def money(value, currency: str | None = None) -> str:
    """An amount with thousands separators and its currency code (or index unit)."""
    text = number(value)
    if not text:
        return ""
    return f"{text} {currency}" if currency else text


def money_range(low=None, high=None, currency: str | None = None) -> str:
    """A range of amounts in one currency.

    >>> money_range(None, 500000, "PKR"), money_range(2000, None, "MCI")
    ('up to 500,000 PKR', 'at least 2,000 MCI')
    """
    text = _span(number(low), number(high), None).replace(" – ", "–")
    if not text:
        return ""
    return f"{text} {currency}" if currency else text


@lru_cache(maxsize=512)
def currency_name(code: str, count: int = 1) -> str:
    """The currency's English name from CLDR (through babel), or the index unit's name.

    >>> currency_name("KGS", 2), currency_name("MCI", 2), currency_name("XYZ")
    ('Kyrgyz soms', 'monthly calculation indices', 'XYZ')
    """
    if code in INDEX_UNIT_NAMES:
        return INDEX_UNIT_NAMES[code][0 if count == 1 else 1]
    from babel.numbers import get_currency_name
    try:
        name = get_currency_name(code, count=count, locale="en")
    except (ValueError, LookupError):
        return code
    return name or code


def penalty_text(kind: str | None, *, min_years=None, max_years=None, min_days=None, max_days=None, hours=None,
                 amount=None, min_amount=None, max_amount=None, currency=None) -> str:
    """A penalty's bounds as one phrase: "up to 4 months", "fine of 30,000 KGS", "life imprisonment".

    >>> penalty_text("Fine", min_amount=100, max_amount=200, currency="BCA")
    '100–200 BCA'
    >>> penalty_text("LifeImprisonment"), penalty_text("Imprisonment", max_years=0.5)
    ('life', 'up to 6 months')
    """
    if amount is not None or min_amount is not None or max_amount is not None:
        if amount is not None:
            return money(amount, currency)
        return money_range(min_amount, max_amount, currency)
    text = term(min_years, max_years, min_days, max_days, hours)
    if text:
        return text
    if kind == "LifeImprisonment":
        return "life"
    if kind == "DeathPenalty":
        return "death"
    return ""


# -- result cells: columns named by the saved queries' conventions ---------------------------
_YEAR_COLUMNS = ("minyears", "maxyears", "beforemin", "beforemax", "aftermin", "aftermax", "min", "max", "years")
_DAY_COLUMNS = ("mindays", "maxdays", "days")


def cell_text(variable: str, value: str, datatype: str | None = None) -> str:
    """How a result cell reads in a table: terms in months and years, amounts with separators.

    Only numeric literals change; the column name says what the number is (the saved
    queries name term columns ``min``/``max``/``...Years`` and day columns ``...Days``).

    >>> cell_text("beforeMax", "0.3333333333333333", "xsd:decimal")
    '4 months'
    >>> cell_text("amountUSD", "15806.64", "xsd:decimal"), cell_text("label", "12")
    ('15,806.64', '12')
    """
    if datatype is None or not datatype.rsplit("#", 1)[-1].rsplit(":", 1)[-1] in ("decimal", "double", "float",
                                                                                   "integer", "int", "long"):
        return value
    name = variable.lower()
    if name in _YEAR_COLUMNS or name.endswith("years"):
        return years_text(value) or value
    if name in _DAY_COLUMNS or name.endswith("days"):
        return days_text(value) or value
    if "rate" not in name and any(word in name for word in ("amount", "usd", "fine", "value")):
        return number(value) or value  # rates keep every digit: they are checked, not read
    return value
