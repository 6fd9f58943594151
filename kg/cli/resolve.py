"""``kg explain IRI``: why the mentions of an entity were merged."""
from __future__ import annotations

import json

import click

from ..resolve.explain import explain as run_explain
from ..store import default_location, open_store
from . import cli
from .options import store_option


@cli.command()
@click.argument("iri")
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def explain(iri: str, store: str | None, fmt: str) -> None:
    """Show why an entity (a person, law or body IRI, or the part after id/) has the mentions it has:
    for each document, the name it used, merged or new, the score and the features that matched."""
    with open_store(store or default_location(), create=False, read_only=True) as kgstore:
        result = run_explain(kgstore, iri)
    if fmt == "json":
        click.echo(json.dumps({"iri": result.iri, "kind": result.kind, "labels": result.labels,
                               "decisions": result.decisions}, indent=2, ensure_ascii=False))
    else:
        click.echo("\n".join(result.lines()))
