"""Options shared by several commands."""
from __future__ import annotations

import sys

import click

from ..store import default_location

__all__ = ["store_option", "legal_only_option", "echo_outcome"]

store_option = click.option(
    "--store", "store", metavar="DIR|URL", default=None,
    help="Store folder or sparql+http://host:port/path endpoint [default: ./kg-store or $KG_STORE].")

legal_only_option = click.option(
    "--legal-only", is_flag=True,
    help="Skip fast what is not about law: a document with no cue of a legislative fact "
         "(no act or legislature named with a step or a penalty) is stored unread (kg.extract.gate).")


def echo_outcome(report) -> None:
    """The end of a batch command (build, extract): each skipped file and failed input on a line, the
    summary, and exit code 1 if an input failed."""
    for skipped in report.skipped:
        click.echo(f"kg: skipped {skipped.source}: {skipped.reason}", err=True)
    for error in report.failed:
        click.echo(f"kg: error: {error}", err=True)
    click.echo(report.summary(), err=True)
    if report.failed:
        sys.exit(1)
