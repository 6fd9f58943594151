"""``kg serve``: the store as a SPARQL 1.1 endpoint for analysts and their tools.

:func:`serve` runs the web application of :mod:`kg.serve.app` under uvicorn; queries run
in worker processes (:mod:`kg.serve.engine`, :mod:`kg.serve.worker`) so a query past the
time limit is really stopped; answers are negotiated and serialised by
:mod:`kg.serve.results`; :mod:`kg.serve.guard` refuses requests that would make the server
fetch URLs, :mod:`kg.serve.limits` those that would cost more than their share. The web
parts are imported on first use, so ``kg.serve.guard`` alone stays light (``kg query``).
"""
from __future__ import annotations

import logging
import socket
import sys

from ..errors import KGError, StoreNotFound

__all__ = ["ServeConfig", "create_app", "serve", "bind"]


def __getattr__(name: str):
    if name in ("ServeConfig", "create_app"):
        from . import app
        return getattr(app, name)
    raise AttributeError(name)


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (port 0 picks a free one), or a KGError saying why not."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise KGError(f"cannot listen on {host}:{port}: {exc.strerror or exc} (choose another --port)") from None
    sock.listen(1024)
    sock.set_inheritable(True)
    return sock


def serve(config, sock: socket.socket, *, on_ready=None) -> None:
    """Serve ``config`` (a :class:`ServeConfig`) on the bound ``sock`` until interrupted (Ctrl-C or SIGTERM)."""
    import uvicorn

    from .app import create_app
    from .engine import Engine
    from .limits import HEAD_LIMIT, head_limit_protocol

    if config.embedded:
        from pathlib import Path
        if not (Path(config.location) / "CURRENT").exists():
            raise StoreNotFound(f"no store at {config.location}: build one with `kg build INPUT... --store {config.location}`")
    if config.access_log and not logging.getLogger("kg.serve").handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%Y-%m-%dT%H:%M:%S"))
        logging.getLogger("kg.serve").addHandler(handler)
        logging.getLogger("kg.serve").setLevel(logging.INFO)
    engine = Engine(config.engine_config())
    engine.start()  # here, so a store that cannot be opened is one clear error, not a traceback
    app = create_app(config, engine)
    # "Server: legiskg" tells a SparqlStore client it talks to a store laid out as the embedded one
    # h11 with a bounded head (431 past it), the connection's own address (no proxy headers
    # a client could forge), and a cap on connections as a backstop to the app's own limits
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on",
                                           timeout_graceful_shutdown=5, server_header=False,
                                           headers=[("server", "legiskg")], http=head_limit_protocol(),
                                           h11_max_incomplete_event_size=HEAD_LIMIT, proxy_headers=False,
                                           limit_concurrency=4 * config.max_requests + 16))
    if on_ready is not None:
        original_startup = server.startup

        async def startup(sockets=None):
            await original_startup(sockets=sockets)
            if server.started:
                on_ready()

        server.startup = startup  # type: ignore[method-assign]
    try:
        server.run(sockets=[sock])
    finally:
        engine.close()
    if not server.started:
        raise KGError("kg serve could not start (see the message above)")
