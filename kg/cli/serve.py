"""``kg serve``: the store as a SPARQL 1.1 endpoint, with a query page for analysts."""
from __future__ import annotations

import json
import os
import re
import secrets
import signal
import sys
from pathlib import Path

import click

from ..store import default_location
from ..store.lock import SERVE_FILE
from . import cli
from .options import store_option


class _Size(click.ParamType):
    """A size in bytes: 1048576, 512K, 1M, 64MiB, 2G (binary multiples)."""

    name = "SIZE"
    _UNITS = {"": 1, "k": 1024, "m": 1024 ** 2, "g": 1024 ** 3}

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            return value
        match = re.fullmatch(r"\s*(\d+)\s*([kKmMgG]?)(?:i?[bB])?\s*", str(value))
        if not match or int(match.group(1)) < 1:
            self.fail(f"{value!r} is not a size (write e.g. 1048576, 512K, 1M, 64MiB)", param, ctx)
        return int(match.group(1)) * self._UNITS[match.group(2).lower()]


@cli.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True,
              help="Port to listen on (0 picks a free one).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Stop a query after this many seconds and answer 503.")
@click.option("--max-rows", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Return at most this many rows (X-KG-Truncated says when cut).")
@click.option("--workers", type=click.IntRange(1, 64), default=min(4, max(2, os.cpu_count() or 2)),
              show_default=True, help="Query worker processes (queries run in parallel on them).")
@click.option("--allow-update", is_flag=True, help="Accept SPARQL updates carrying the token.")
@click.option("--token", envvar="KG_SERVE_TOKEN", default=None,
              help="The update token [default: $KG_SERVE_TOKEN, else a new one, printed at start].")
@click.option("--user", envvar="KG_SPARQL_USER", default=None,
              help="User for a sparql+http store [default: $KG_SPARQL_USER].")
@click.option("--password", envvar="KG_SPARQL_PASSWORD", default=None,
              help="Password for a sparql+http store [default: $KG_SPARQL_PASSWORD].")
@click.option("--allow-service", "allow_service", metavar="URL-PREFIX", multiple=True,
              help="Let SERVICE (and LOAD in updates) reach URLs under this prefix (repeatable); "
                   "without it federation is refused.")
@click.option("--max-query-size", type=_Size(), default="1M", show_default=True,
              help="Longest query accepted, in bytes (413 past it).")
@click.option("--max-update-size", type=_Size(), default="64M", show_default=True,
              help="Longest update or Graph Store payload accepted (413 past it).")
@click.option("--max-body-size", type=_Size(), default="64M", show_default=True,
              help="Largest request body accepted (413 past it); without the token, a body is capped "
                   "at three times --max-query-size.")
@click.option("--max-client-requests", type=click.IntRange(min=1), default=16, show_default=True,
              help="Requests in flight from one client address (429 past it).")
@click.option("--max-requests", type=click.IntRange(min=1), default=128, show_default=True,
              help="Requests in flight in all (503 past it).")
@click.option("--base", "base_iri", metavar="IRI", default=None,
              help="Base IRI for relative IRIs in queries and updates [default: the endpoint URL].")
@click.option("--quiet", "-q", is_flag=True, help="No access log.")
def serve(store: str | None, host: str, port: int, timeout: float, max_rows: int, workers: int,
          allow_update: bool, token: str | None, user: str | None, password: str | None,
          allow_service: tuple[str, ...], max_query_size: int, max_update_size: int, max_body_size: int,
          max_client_requests: int, max_requests: int, base_iri: str | None, quiet: bool) -> None:
    """Serve the store over the SPARQL 1.1 Protocol at /sparql, with a query page at /.

    Read-only unless --allow-update; an update must then carry the header
    'Authorization: Bearer TOKEN'. SERVICE and LOAD are refused unless their URL is under an
    --allow-service prefix. Also /graphs?graph=IRI or ?default (the Graph Store Protocol:
    reads, and writes with the token), /explore, /health; GET /sparql with no query is the
    service description. Answers JSON, XML, CSV, TSV, Turtle, N-Triples, N-Quads, TriG,
    JSON-LD or RDF/XML as asked.
    """
    from ..serve import ServeConfig, bind, serve as run_server
    from ..serve.protocol import absolute_iri

    location = store or default_location()
    if base_iri is not None and not absolute_iri(base_iri):
        raise click.BadParameter(f"{base_iri!r} is not an absolute IRI", param_hint="--base")
    options = {k: v for k, v in (("user", user), ("password", password)) if v is not None}
    if allow_update and not token:
        token = secrets.token_urlsafe(24)
        click.echo(f"kg serve: update token (send as 'Authorization: Bearer ...'): {token}", err=True)
    config = ServeConfig(location, options, workers=workers, timeout=timeout, max_rows=max_rows,
                         allow_update=allow_update, token=token, access_log=not quiet,
                         allow_service=list(allow_service), max_query_bytes=max_query_size,
                         max_update_bytes=max_update_size, max_body_bytes=max_body_size,
                         max_client_requests=max_client_requests, max_requests=max_requests)
    sock = bind(host, port)
    address = sock.getsockname()
    shown = f"[{address[0]}]" if ":" in address[0] else address[0]
    url = f"http://{shown}:{address[1]}/"
    config.base_iri = base_iri or f"{url}sparql"

    def ready() -> None:
        mode = "updates allowed with the token" if allow_update else "read-only"
        mode += f", SERVICE to {', '.join(allow_service)}" if allow_service else ", SERVICE refused"
        click.echo(f"kg serve: {url} (SPARQL endpoint {url}sparql) over {config.public_location}, "
                   f"{workers} workers, {timeout:g} s timeout, {max_rows} max rows, {mode}", err=True)

    record = _announce(location, f"{url}sparql", allow_update, token)
    # uvicorn re-raises SIGTERM once it has shut down: exit through the finally below
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        run_server(config, sock, on_ready=ready)
    finally:
        sock.close()
        if record is not None:
            record.unlink(missing_ok=True)


def _announce(location: str, endpoint: str, allow_update: bool, token: str | None) -> Path | None:
    """Tell other kg processes that this server owns the store folder (``kg build`` then writes through it)."""
    folder = Path(location)
    if "://" in location or not folder.is_dir():
        return None
    record = folder / SERVE_FILE
    data = {"url": endpoint, "pid": os.getpid(), "update": allow_update, "token": token if allow_update else None}
    fd = os.open(record, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # the token stays private
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(data, out)
    return record
