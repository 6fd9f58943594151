"""Shards: `kg extract` (graphs to N-Quads files) and `kg load` (files into a store)."""
from __future__ import annotations

import click

from ..executor import open_executor
from ..shards import extract_shards, load_shards
from ..store import default_location
from . import cli
from .core import _write_store
from .options import echo_outcome, legal_only_option, store_option


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--output", "-o", required=True, metavar="DIR",
              help="New or empty folder for the shards (one N-Quads file per batch) and manifest.json.")
@click.option("--workers", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Extraction processes.")
@click.option("--cluster", metavar="tcp://HOST:PORT", default=None,
              help="Extract on this Dask scheduler's workers instead of local processes.")
@legal_only_option
def extract(inputs: tuple[str, ...], output: str, workers: int, cluster: str | None, legal_only: bool) -> None:
    """Read news INPUTS into N-Quads shards in DIR, for `kg load` (no store involved).

    Each shard holds whole documents and is written atomically; manifest.json names every
    shard with its documents, quads and SHA-256. Inputs that fail are named; exit code 1.
    """
    with open_executor(workers, cluster) as executor:
        report = extract_shards(inputs, output, executor=executor, legal_only=legal_only)
    echo_outcome(report)


@cli.command()
@click.argument("folder", metavar="DIR", type=click.Path(file_okay=False))
@store_option
@click.option("--isql", metavar="HOST:PORT", default=None,
              help="Virtuoso's SQL port for its bulk loader [default: $KG_VIRTUOSO_ISQL or the endpoint's host:1111].")
def load(folder: str, store: str | None, isql: str | None) -> None:
    """Load the shards `kg extract` wrote in DIR into the store, replacing those documents.

    On Virtuoso this is its bulk loader (ld_dir, rdf_loader_run, through isql-vt): DIR must be
    readable by the server and listed in its DirsAllowed. Shards are checked against the
    manifest before anything is written.
    """
    from ..shards import read_manifest
    read_manifest(folder)  # a bad folder is refused before the store is opened
    with _write_store(store or default_location()) as kgstore:
        report = load_shards(folder, kgstore, isql=isql)
    click.echo(report.summary(), err=True)
