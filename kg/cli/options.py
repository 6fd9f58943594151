"""Options shared by several commands."""
from __future__ import annotations

import click

from ..store import default_location

__all__ = ["store_option"]

store_option = click.option(
    "--store", "store", metavar="DIR|URL", default=None,
    help="Store folder or sparql+http://host:port/path endpoint [default: ./kg-store or $KG_STORE].")
