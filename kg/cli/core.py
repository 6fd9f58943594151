"""Core commands: build, export, query, queries, validate, stats."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from ..build import BuildReport, build as run_build
from ..executor import open_executor
from ..errors import KGError, StoreError, UsageError
from ..query import RESULT_FORMATS, format_result, refuse_federation, saved_queries, saved_query
from ..stats import store_stats
from ..store import EXPORT_FORMATS, default_location, open_store
from ..store.lock import served_endpoint
from ..validate import validate_store
from . import cli
from .options import echo_outcome, legal_only_option, store_option


#: rows a table prints unless --limit says otherwise: more does not fit a terminal
TABLE_ROWS = 1000
_FOREVER = 365 * 24 * 3600.0


def _write_store(location: str):
    """The store to build into; a folder that `kg serve --allow-update` owns is written through the server."""
    served = served_endpoint(location) if "://" not in location else None
    if served is None:
        return open_store(location, create=True)
    if not served.get("update") or not served.get("token"):
        raise StoreError(f"store {location} is served read-only by kg serve (pid {served['pid']}) at "
                         f"{served['url']}: stop it, or restart it with --allow-update to build through it")
    click.echo(f"kg build: {location} is owned by kg serve (pid {served['pid']}); writing through {served['url']}",
               err=True)
    return open_store("sparql+" + served["url"], token=served["token"])


def _read_store(location: str | None):
    return open_store(location or default_location(), create=False, read_only=True)


class _Progress:
    """A progress bar on a terminal: share of the input read, documents, facts, rate, ETA."""

    WIDTH = 24

    def __init__(self, total_bytes: int):
        self.total, self.last = total_bytes, 0.0

    def __call__(self, report: BuildReport) -> None:
        now = time.perf_counter()
        if now - self.last < 0.25:
            return
        self.last = now
        seconds = report.seconds
        rate = report.bytes / seconds if seconds else 0.0
        done = min(report.bytes / self.total, 1.0) if self.total else 0.0
        filled = int(done * self.WIDTH)
        bar = f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {done:4.0%} " if self.total else ""
        eta = f", ETA {_duration(max(self.total - report.bytes, 0) / rate)}" if rate and self.total else ""
        docs = report.documents + report.unchanged
        click.echo(f"\r{bar}{docs} docs, {report.facts} facts, {report.documents / seconds if seconds else 0:.0f} docs/s, "
                   f"{rate / 1e6:.2f} MB/s{eta}   ", err=True, nl=False)


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 \
        else f"{seconds // 60}:{seconds % 60:02d}"


def _input_bytes(inputs: tuple[str, ...]) -> int:
    total = 0
    for item in inputs:
        path = Path(item)
        try:
            if path.is_file():
                total += path.stat().st_size
            elif path.is_dir():
                total += sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
        except OSError:
            pass
    return total


def _folder_mb(location: str) -> float | None:
    path = Path(location)
    if "://" in location or not path.is_dir():
        return None
    return sum(p.stat().st_size for p in path.iterdir() if p.is_file()) / 1e6


def _optimize(kgstore, location: str) -> None:
    before, started = _folder_mb(location), time.perf_counter()
    kgstore.optimize()
    after = _folder_mb(location)
    size = f", {before:.1f} MB -> {after:.1f} MB" if before is not None and after is not None else ""
    click.echo(f"kg: optimized {location} in {time.perf_counter() - started:.1f} s{size}", err=True)


@cli.command()
@store_option
def optimize(store: str | None) -> None:
    """Compact the embedded store after a big build: each bulk load leaves its own files,
    and a compacted store answers queries faster (about a quarter on a million triples)."""
    location = store or default_location()
    with open_store(location, create=False) as kgstore:
        _optimize(kgstore, location)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@store_option
@click.option("--workers", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Extraction processes.")
@click.option("--cluster", metavar="tcp://HOST:PORT", default=None,
              help="Extract on this Dask scheduler's workers (`dask scheduler`, `dask worker tcp://...`) "
                   "instead of local processes; the store is written here.")
@click.option("--force", is_flag=True, help="Re-read documents even if unchanged.")
@legal_only_option
@click.option("--optimize", "optimize_after", is_flag=True,
              help="Compact the store when the build is done (as `kg optimize`): faster queries after a big build.")
def build(inputs: tuple[str, ...], store: str | None, workers: int, cluster: str | None, force: bool,
          legal_only: bool, optimize_after: bool) -> None:
    """Read news INPUTS (files, folders, - for stdin) into the store.

    Each document becomes one named graph; re-building replaces it. Inputs that fail are
    named with the reason; the rest of the batch is still built, and the exit code is 1.
    """
    progress = _Progress(_input_bytes(inputs)) if sys.stderr.isatty() else None
    # the cluster first: an unreachable scheduler leaves the store untouched
    with open_executor(workers, cluster) as executor, _write_store(store or default_location()) as kgstore:
        report = run_build(inputs, kgstore, workers=executor.workers, force=force, legal_only=legal_only,
                           on_progress=progress, executor=executor)
        if progress:
            click.echo("", err=True)
        if optimize_after:
            _optimize(kgstore, store or default_location())
    echo_outcome(report)


@cli.command()
@store_option
@click.option("--format", "-f", "fmt", type=click.Choice(list(EXPORT_FORMATS)), default="turtle",
              show_default=True, help="RDF format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="File to write [default: stdout].")
def export(store: str | None, fmt: str, output: str | None) -> None:
    """Write the whole graph in an RDF format (N-Quads and TriG keep the named graphs)."""
    with _read_store(store) as kgstore:
        if output is None:
            kgstore.export(fmt, sys.stdout.buffer)
            return
        target = Path(output)
        partial = target.with_name(target.name + ".partial")
        try:
            with open(partial, "wb") as out:
                kgstore.export(fmt, out)
            partial.replace(target)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise KGError(f"{output}: cannot write: {exc.strerror or exc}") from None
    click.echo(f"wrote {output}", err=True)


@cli.command()
@click.argument("sparql", required=False)
@store_option
@click.option("-f", "--file", "file", type=click.Path(exists=True, dir_okay=False), help="Read the query from FILE.")
@click.option("--saved", metavar="NAME", help="Run a saved query (see `kg queries`).")
@click.option("-p", "--param", "params", metavar="NAME=VALUE", multiple=True,
              help="A saved query's parameter, e.g. -p country=Kazakhstan (repeatable).")
@click.option("--page", type=click.IntRange(min=1), default=None,
              help="A long saved listing one page at a time (1: the first); `kg queries` says which page.")
@click.option("--page-size", type=click.IntRange(min=1), default=None,
              help="Units a page holds (documents, code articles, fines) [default: the listing's own].")
@click.option("--format", "fmt", type=click.Choice(RESULT_FORMATS), default="table", show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Stop the query after this many seconds.")
@click.option("--limit", "max_rows", type=click.IntRange(min=0), default=None,
              help=f"Print at most this many rows [default: {TABLE_ROWS} in table format, all otherwise].")
@click.option("--allow-service", "allow_service", metavar="URL-PREFIX", multiple=True,
              help="Let SERVICE reach URLs under this prefix (repeatable); without it federation is refused.")
def query(sparql: str | None, store: str | None, file: str | None, saved: str | None, params: tuple[str, ...],
          page: int | None, page_size: int | None, fmt: str, timeout: float | None, max_rows: int | None,
          allow_service: tuple[str, ...]) -> None:
    """Run a SPARQL query: given as argument, -f FILE, --saved NAME, or - for stdin.

    The prefixes lk:, rdfs:, dcterms:, skos:, owl:, xsd:, prov:, eli:, schema:, org: are
    predeclared. CONSTRUCT and DESCRIBE print Turtle. A table stops after 1000 rows unless
    --limit says otherwise; CSV, TSV and JSON print every row. A long saved listing pages
    with --page N: its rows for one page of units, in the listing's order, with the total.
    """
    sources = [s for s in (sparql, file, saved) if s]
    if len(sources) != 1:
        raise UsageError("give exactly one query: an argument, -f FILE, --saved NAME, or - for stdin")
    if params and not saved:
        raise UsageError("--param goes with --saved NAME")
    if (page or page_size) and not saved:
        raise UsageError("--page goes with --saved NAME")
    values: dict[str, str] = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--param {item!r}: write NAME=VALUE")
        values[name.strip()] = value
    try:
        if saved:
            listing = saved_query(saved)
            text = listing.bind(values, page=page, page_size=page_size)
        elif file:
            text = Path(file).read_text(encoding="utf-8")
        elif sparql == "-":
            text = sys.stdin.read()
        else:
            text = sparql
        text.encode("utf-8")
    except UnicodeError:
        raise UsageError(f"{file or 'the query'} is not UTF-8 text") from None
    refuse_federation(text, allow_service)
    capped = max_rows is None and fmt == "table"
    limit = TABLE_ROWS if capped else max_rows
    with _read_store(store) as kgstore:
        if timeout is None and kgstore.__class__.__name__ == "OxigraphStore":
            timeout = _FOREVER  # run in a worker thread, so Ctrl-C stops even a query that never ends
        result = kgstore.query(text, timeout=timeout, max_rows=limit)
    click.echo(format_result(result, fmt))
    if saved and (page or page_size):
        click.echo(f"kg: {page_line(listing.paging, result, page or 1, page_size)}", err=True)
    if result.truncated and capped:
        click.echo(f"kg: the first {limit} rows shown, more not: use --limit N or --format csv", err=True)
    elif result.truncated:
        click.echo(f"kg: stopped at --limit {limit}", err=True)


def page_line(paging, result, page: int, page_size: int | None) -> str:
    """Where a page stands in its listing, from its total column: "page 2 of 47 (...)"."""
    size = page_size or paging.size
    column = result.variables.index(paging.total) if paging.total in (result.variables or []) else None
    if not result.rows or column is None or result.rows[0][column] is None:
        return f"page {page} holds no rows (past the last page, or nothing to list)"
    total = int(str(result.rows[0][column]))
    pages = max(1, -(-total // size))
    more = f"; --page {page + 1} for the next" if page < pages else ""
    return f"page {page} of {pages} ({size} {paging.unit} a page, {total} in all){more}"


@cli.command()
@store_option
def queries(store: str | None) -> None:
    """List the saved queries, one a line: NAME  description, then their parameters."""
    items = saved_queries()
    width = max((len(q.name) for q in items), default=0)
    for q in items:
        click.echo(f"{q.name.ljust(width)}  {q.description}")
        for name, meaning in q.params.items():
            click.echo(f"{''.ljust(width)}    -p {name}=...  {meaning}")
        if q.paging:
            click.echo(f"{''.ljust(width)}    --page N  {q.paging.size} {q.paging.unit} a page, {q.paging.note}")


@cli.command()
@store_option
def validate(store: str | None) -> None:
    """Check the graph against the SHACL shapes; exit 1 with a report on violations."""
    with _read_store(store) as kgstore:
        report = validate_store(kgstore)
    click.echo(report.text)
    if not report.conforms:
        sys.exit(1)


@cli.command()
@store_option
def stats(store: str | None) -> None:
    """Counts per class, documents and named graphs."""
    with _read_store(store) as kgstore:
        click.echo(store_stats(kgstore))
