"""Gazetteers loaded once per process from the data files under ``kg/data``."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["CountryRecord", "countries", "country_record", "data_lines"]


def data_lines(name: str) -> list[str]:
    """The lines of a data file with ``#`` comment lines removed."""
    text = resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@dataclass(frozen=True)
class CountryRecord:
    iso: str
    name: str
    wikidata: str | None
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None
    currency: str | None


@lru_cache(maxsize=1)
def countries() -> dict[str, CountryRecord]:
    out = {}
    for row in csv.DictReader(data_lines("countries.csv")):
        split = lambda v: tuple(x.strip() for x in (v or "").split("|") if x.strip())  # noqa: E731
        out[row["iso"]] = CountryRecord(row["iso"], row["name"], row["wikidata"] or None, split(row["aliases"]),
                                        split(row["demonyms"]), row["capital"] or None, row["currency"] or None)
    return out


def country_record(iso: str) -> CountryRecord | None:
    return countries().get(iso.upper())
