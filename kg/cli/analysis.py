"""Graph analytics commands: path, central, neighbors, timeline (networkx over the store)."""
from __future__ import annotations

import click

from .. import analysis
from ..errors import KGError
from ..query import RESULT_FORMATS, format_result
from ..store import default_location, open_store
from . import cli
from .options import store_option

_format_option = click.option("--format", "fmt", type=click.Choice(RESULT_FORMATS), default="table",
                              show_default=True, help="Output format.")


def _graph(store: str | None):
    with open_store(store or default_location(), create=False, read_only=True) as kgstore:
        return analysis.load_graph(kgstore)


def _label(graph, iri: str) -> str:
    return graph.nodes[iri]["label"]


def _kind(graph, iri: str) -> str:
    return graph.nodes[iri]["kind"]


@cli.command()
@click.argument("source")
@click.argument("target")
@store_option
@click.option("--limit", type=click.IntRange(1), default=3, show_default=True, help="Show at most this many paths.")
def path(source: str, target: str, store: str | None, limit: int) -> None:
    """The shortest connections between two entities, each step with its evidence.

    Entities are named by label, alias, part of a label, or IRI (quote names with spaces).
    Links count in either direction; exit 1 when the two are not connected.
    """
    graph = _graph(store)
    a, b = analysis.find_entity(graph, source), analysis.find_entity(graph, target)
    paths = analysis.shortest_paths(graph, a, b, limit=limit)
    if not paths:
        raise KGError(f"{_label(graph, a)} and {_label(graph, b)} are not connected in this graph")
    steps = len(paths[0])
    click.echo(f"{_label(graph, a)} → {_label(graph, b)}: {steps} step{'s' if steps != 1 else ''}, "
               f"{len(paths)} shortest path{'s' if len(paths) != 1 else ''} shown")
    for number, steps_ in enumerate(paths, 1):
        click.echo(f"\npath {number}")
        for i, step in enumerate(steps_, 1):
            link = f"—{step.property}→" if step.forward else f"←{step.property}—"
            click.echo(f"  {i}. {_label(graph, step.source)}  {link}  {_label(graph, step.target)}")
            if step.quote:
                click.echo(f"       “{step.quote}”")
                source_line = ", ".join(x for x in (step.title, step.date) if x)
                if source_line:
                    click.echo(f"       — {source_line}")


@cli.command()
@store_option
@click.option("--type", "kinds", multiple=True, metavar="CLASS", help="Only entities of this class (repeatable).")
@click.option("--measure", type=click.Choice(analysis.MEASURES), default="degree", show_default=True,
              help="degree: distinct neighbours; pagerank; betweenness: how many shortest paths pass through.")
@click.option("--limit", type=click.IntRange(1), default=10, show_default=True, help="How many to list.")
@_format_option
def central(store: str | None, kinds: tuple[str, ...], measure: str, limit: int, fmt: str) -> None:
    """The most connected entities, best first."""
    graph = _graph(store)
    scores = analysis.centrality(graph, measure=measure, kinds=kinds, top=limit)
    rows = [(rank, _label(graph, iri), _kind(graph, iri),
             str(int(score)) if measure == "degree" else f"{score:.4f}", iri)
            for rank, (iri, score) in enumerate(scores, 1)]
    click.echo(format_result(analysis.as_result(["rank", "entity", "type", measure, "iri"], rows), fmt))


@cli.command()
@click.argument("entity")
@store_option
@click.option("--depth", type=click.IntRange(1, 6), default=1, show_default=True, help="How many steps out.")
@_format_option
def neighbors(entity: str, store: str | None, depth: int, fmt: str) -> None:
    """An entity's surroundings as a table: what links to it and what it links to."""
    graph = _graph(store)
    centre = analysis.find_entity(graph, entity)
    rows = []
    for n in analysis.neighbors(graph, centre, depth=depth):
        link = f"—{n.property}→" if n.outgoing else f"←{n.property}—"
        rows.append((n.distance, _label(graph, n.via), link, _label(graph, n.iri), _kind(graph, n.iri), n.iri))
    click.echo(f"{_label(graph, centre)} ({_kind(graph, centre)}, {centre})", err=fmt != "table")
    click.echo(format_result(analysis.as_result(["depth", "from", "link", "entity", "type", "iri"], rows), fmt))


@cli.command()
@store_option
@click.option("--country", "countries", multiple=True, metavar="ISO", help="Only this country (repeatable).")
@_format_option
def timeline(store: str | None, countries: tuple[str, ...], fmt: str) -> None:
    """Legislative events and penalty changes in date order: date, country, law, step, agents.

    An event the news gave no date for is placed at the article's date, marked "(news date)".
    """
    graph = _graph(store)
    rows = [(e.when, e.country, e.law, e.step, "; ".join(e.agents))
            for e in analysis.timeline(graph, countries=countries)]
    click.echo(format_result(analysis.as_result(["date", "country", "law", "step", "agents"], rows), fmt))
