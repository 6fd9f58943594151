"""``kg viz``: write the interactive explorer page."""
from __future__ import annotations

import re
from pathlib import Path

import click

from .. import analysis
from ..store import default_location, open_store
from ..viz import DEFAULT_NODE_LIMIT, write_page
from . import cli
from .options import store_option


@cli.command()
@store_option
@click.option("--output", "-o", type=click.Path(dir_okay=False), default="graph.html", show_default=True,
              help="The HTML file to write.")
@click.option("--country", "countries", multiple=True, metavar="ISO",
              help="Keep entities of this country (repeatable): --country KZ.")
@click.option("--type", "kinds", multiple=True, metavar="CLASS",
              help="Keep entities of this class (repeatable): --type Law --type Penalty.")
@click.option("--focus", metavar="ENTITY", help="Keep what lies around this entity (label, alias or IRI).")
@click.option("--depth", type=click.IntRange(0, 10), default=2, show_default=True, help="Steps around --focus.")
@click.option("--since", metavar="DATE", help="Drop events and documents dated before DATE (YYYY[-MM[-DD]]).")
@click.option("--until", metavar="DATE", help="Drop events and documents dated after DATE.")
@click.option("--query", "query_file", type=click.Path(exists=True, dir_okay=False), metavar="FILE.rq",
              help="Draw what this CONSTRUCT query returns.")
@click.option("--max-nodes", type=click.IntRange(1), default=DEFAULT_NODE_LIMIT, show_default=True,
              help="Above this, draw one node per country and class instead.")
@click.option("--title", default="legiskg explorer", show_default=True, help="The page's title.")
def viz(store: str | None, output: str, countries: tuple[str, ...], kinds: tuple[str, ...], focus: str | None,
        depth: int, since: str | None, until: str | None, query_file: str | None, max_nodes: int,
        title: str) -> None:
    """Write an interactive HTML explorer of the graph: one file that works offline.

    Nodes are shaped and coloured by class; hover or click one to see its properties and
    the sentences it was read from. The page filters by country, class and event dates
    and finds entities by name; the options here narrow the graph before it is drawn.
    """
    for date in (since, until):
        if date and not _is_date(date):
            raise click.BadParameter(f"{date!r} is not a date like 2024, 2024-03 or 2024-03-12",
                                     param_hint="--since/--until")
    with open_store(store or default_location(), create=False, read_only=True) as kgstore:
        graph = analysis.load_graph(kgstore)
        if query_file:
            text = Path(query_file).read_text(encoding="utf-8")
            graph = analysis.graph_from_result(kgstore.query(text), kgstore, base=graph)
    graph = analysis.filter_graph(graph, countries=countries, kinds=kinds, since=since, until=until,
                                  focus=focus, depth=depth)
    empty = "Nothing to draw: no entity matched the filters." if graph.number_of_nodes() == 0 else None
    info = write_page(graph, output, title=title, max_nodes=max_nodes, message=empty)
    if info.message:
        click.echo(f"kg: {info.message}", err=True)
    click.echo(f"wrote {info.path} ({info.nodes} nodes, {info.edges} edges)", err=True)


def _is_date(text: str) -> bool:
    return bool(re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text))
