"""The ``kg serve`` web application (Starlette): the SPARQL 1.1 Protocol over the store.

Routes: ``/sparql`` (query, update when allowed, the service description on a bare GET:
:mod:`kg.serve.protocol`), ``/graphs`` (the Graph Store Protocol: :mod:`kg.serve.graphs`),
``/`` (a query page), ``/queries`` (the saved queries as JSON), ``/explore`` (the explorer
drawn by ``kg viz``), ``/health``. Every request passes the limits of
:mod:`kg.serve.limits` (size, requests in flight, time) and the federation guard of
:mod:`kg.serve.guard`; every answer carries CORS headers, and every request is logged with
its status, size and time.
"""
from __future__ import annotations

import hmac
import io
import logging
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib import resources

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from ..errors import KGError, QuerySyntaxError, QueryTimeout, UsageError
from ..query import saved_queries
from ..store.sparql import sparql_form
from .engine import Answer, Engine, EngineConfig
from .graphs import METHODS as GRAPH_METHODS, graph_store
from .guard import Guard, parse_allowlist, with_dataset
from .limits import InFlight, InFlightCounts, Refused, SpooledAnswer, read_body
from .protocol import RDFLIB_DEFAULT, absolute_iri, parse_request, service_description
from .results import MEDIA_TYPES, choose_format, write_triples

__all__ = ["ServeConfig", "create_app", "Service"]

log = logging.getLogger("kg.serve")
access_log = logging.getLogger("kg.serve.access")

MiB = 1024 * 1024
_EXPOSED = ["X-KG-Rows", "X-KG-Truncated", "X-KG-Max-Rows", "X-KG-Seconds", "Retry-After"]


@dataclass
class ServeConfig:
    """How ``kg serve`` runs: the store, the limits, and whether updates are allowed.

    Limits: ``max_query_bytes`` (a query's text; also caps the body of a request without the
    update token), ``max_update_bytes`` (an update's text or a Graph Store payload),
    ``max_body_bytes`` (any request body), ``max_rows``, ``timeout`` (seconds per request:
    waiting for a worker, running, receiving the body, sending each piece of the answer),
    ``max_client_requests`` (in flight from one address: 429 past it) and ``max_requests``
    (in flight in all: 503 past it). ``allow_service`` is the SERVICE/LOAD allowlist.
    """

    location: str
    options: dict = field(default_factory=dict)
    workers: int = 2
    timeout: float = 30.0
    max_rows: int | None = 10_000
    allow_update: bool = False
    token: str | None = None
    access_log: bool = True
    allow_service: list[str] = field(default_factory=list)
    max_query_bytes: int = 1 * MiB
    max_update_bytes: int = 64 * MiB
    max_body_bytes: int = 64 * MiB
    max_client_requests: int = 16
    max_requests: int = 128
    base_iri: str | None = None

    def __post_init__(self) -> None:
        self.allowed = parse_allowlist(self.allow_service)

    @property
    def embedded(self) -> bool:
        return "://" not in self.location

    @property
    def public_location(self) -> str:
        """The store's location without any user:password part (safe to show)."""
        return re.sub(r"://[^/@]*@", "://", self.location)

    def engine_config(self) -> EngineConfig:
        return EngineConfig(self.location, dict(self.options), self.workers, self.timeout, self.max_rows,
                            self.embedded)


def _text(status: int, message: str, **headers: str) -> PlainTextResponse:
    return PlainTextResponse(message.rstrip("\n") + "\n", status_code=status, headers=headers)


class Service:
    """What the handlers share: the configuration, the engine, the guard, the token check."""

    def __init__(self, config: ServeConfig, engine: Engine):
        self.config, self.engine = config, engine
        self.guard = Guard(config.allowed, remote=not config.embedded)

    def base_iri(self, request: Request) -> str:
        """The base IRI of relative IRIs: ``--base``, else the endpoint URL."""
        return self.config.base_iri or self.url(request, "sparql")

    @staticmethod
    def url(request: Request, route: str) -> str:
        """A route's URL as the client named the server; a Host header that would not make an
        IRI (it goes into SPARQL text as ``BASE <...>``) gives way to localhost."""
        url = str(request.url_for(route))
        return url if absolute_iri(url) and not re.search(r'[\s<>"{}|^`\\]', url) else f"http://localhost/{route}"

    def has_token(self, request: Request) -> bool:
        given = request.headers.get("authorization", "")
        token = given[7:].strip() if given.lower().startswith("bearer ") else ""
        return bool(self.config.token) and hmac.compare_digest(token.encode(), self.config.token.encode())

    def authorize(self, request: Request) -> None:
        """Raise 403 unless updates are on and the request carries the token."""
        if not self.config.allow_update:
            raise Refused(403, "updates are refused: this endpoint is read-only (start kg serve with "
                               "--allow-update and send its token as 'Authorization: Bearer TOKEN')")
        if not self.has_token(request):
            raise Refused(403, "updates need the server's token: 'Authorization: Bearer TOKEN'")

    def error_response(self, exc: KGError) -> PlainTextResponse:
        if isinstance(exc, (QuerySyntaxError, UsageError)):
            return _text(400, str(exc))
        if isinstance(exc, QueryTimeout):
            return _text(503, str(exc), **{"Retry-After": "5"})
        return _text(500, str(exc))

    def answer(self, answer: Answer) -> Response:
        headers = {"X-KG-Rows": str(answer.rows), "X-KG-Truncated": "true" if answer.truncated else "false",
                   "X-KG-Seconds": f"{answer.seconds:.3f}", "Vary": "Accept", "Cache-Control": "no-store"}
        if self.config.max_rows is not None:
            headers["X-KG-Max-Rows"] = str(self.config.max_rows)
        return SpooledAnswer(answer, headers, self.config.timeout)

    # -- /sparql ---------------------------------------------------------------------------
    async def sparql(self, request: Request) -> Response:
        try:
            return await self._sparql(request)
        except Refused as refusal:
            return refusal.response()
        except KGError as exc:
            return self.error_response(exc)

    async def _sparql(self, request: Request) -> Response:
        config = self.config
        url_params = list(request.query_params.multi_items())
        content_type = request.headers.get("content-type", "")
        body = None
        if request.method == "POST":
            media = content_type.split(";")[0].strip().lower()
            if media == "application/sparql-update":
                self.authorize(request)  # before reading a body nobody may send
            # without the token a body can only hold a query: its cap follows the query's
            cap = config.max_body_bytes if self.has_token(request) else min(
                config.max_body_bytes, 3 * config.max_query_bytes + 4096)
            body = await read_body(request, cap, config.timeout)
        # off the event loop: a big body takes a while to decode and read
        parsed = await run_in_threadpool(parse_request, request.method, url_params, content_type, body)
        if parsed.update is not None:
            return await self._update(request, parsed)
        if parsed.query is None:
            if request.method == "POST":
                raise Refused(400, "missing the query: send query=... or an application/sparql-query body")
            if "text/html" in request.headers.get("accept", "").split(",")[0]:
                return RedirectResponse("/", status_code=303)
            return self.description(request)
        query = parsed.query
        size = len(query.encode("utf-8"))
        if size > config.max_query_bytes:
            raise Refused(413, f"a query of {size:,} bytes refused: at most {config.max_query_bytes:,} "
                               "(the server's --max-query-size)")
        if sparql_form(query) == "update":
            self.authorize(request)
            raise Refused(400, "this is an update: send it as update=... or application/sparql-update (POST)")
        await run_in_threadpool(self.guard.check_query, query)
        answer = await run_in_threadpool(
            self.engine.query, f"BASE <{self.base_iri(request)}> {query}", accept=request.headers.get("accept"),
            fmt=parsed.get("format"),
            default_graphs=[g for g in parsed.getlist("default-graph-uri") if g != RDFLIB_DEFAULT] or None,
            named_graphs=parsed.getlist("named-graph-uri") or None)
        return self.answer(answer)

    async def _update(self, request: Request, parsed) -> Response:
        config = self.config
        self.authorize(request)
        if request.method != "POST":
            raise Refused(405, "send updates with POST", Allow="POST")
        size = len(parsed.update.encode("utf-8"))
        if size > config.max_update_bytes:
            raise Refused(413, f"an update of {size:,} bytes refused: at most {config.max_update_bytes:,} "
                               "(the server's --max-update-size)")
        await run_in_threadpool(self.guard.check_update, parsed.update)
        update = await run_in_threadpool(with_dataset, parsed.update, parsed.getlist("using-graph-uri"),
                                         parsed.getlist("using-named-graph-uri"))
        await run_in_threadpool(self.engine.update, f"BASE <{self.base_iri(request)}> {update}")
        return _text(200, "update applied")

    def description(self, request: Request) -> Response:
        """The service description, in the RDF format the Accept header asks (Turtle by default)."""
        endpoint = self.url(request, "sparql")
        triples = service_description(endpoint, updates=self.config.allow_update, federation=bool(self.config.allowed),
                                      graph_store=self.url(request, "graphs"))
        name = choose_format(request.headers.get("accept"), "graph", request.query_params.get("format"))
        out = io.BytesIO()
        write_triples(triples, name, out)
        return Response(out.getvalue(), media_type=MEDIA_TYPES[name], headers={"Vary": "Accept"})


def create_app(config: ServeConfig, engine: Engine | None = None) -> Starlette:
    """The application; it starts the query workers when it starts (unless given an engine)."""
    engine = engine or Engine(config.engine_config())
    service = Service(config, engine)
    explorer = _Explorer(config)
    in_flight = InFlightCounts()

    @asynccontextmanager
    async def lifespan(app: Starlette):
        import anyio.to_thread
        # Requests wait for a worker in threads: let every request in flight wait in one.
        anyio.to_thread.current_default_thread_limiter().total_tokens = max(64, config.max_requests + 8)
        if not engine.alive():
            await run_in_threadpool(engine.start)
        try:
            yield
        finally:
            await run_in_threadpool(engine.close)

    async def graphs(request: Request) -> Response:
        return await graph_store(request, service)

    async def page(request: Request) -> Response:
        return Response(_asset("page.html"), media_type="text/html; charset=utf-8")

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        media = {"page.js": "text/javascript; charset=utf-8", "page.css": "text/css; charset=utf-8"}.get(name)
        if media is None:
            return _text(404, "not found")
        return Response(_asset(name), media_type=media, headers={"Cache-Control": "max-age=300"})

    async def queries(request: Request) -> Response:
        return JSONResponse([{"name": q.name, "description": q.description, "text": q.text}
                             for q in saved_queries()])

    async def explore(request: Request) -> Response:
        try:
            html = await run_in_threadpool(explorer.page, "refresh" in request.query_params)
        except KGError as exc:
            return _text(501 if isinstance(exc, _ExplorerMissing) else 500, str(exc))
        return Response(html, media_type="text/html; charset=utf-8")

    async def health(request: Request) -> Response:
        alive = engine.alive()
        body = {"status": "ok" if alive else "unavailable", "store": config.public_location,
                "workers": config.workers, "workers_alive": alive, "workers_idle": engine.idle(),
                "read_only": not config.allow_update, "timeout": config.timeout, "max_rows": config.max_rows,
                "max_query_bytes": config.max_query_bytes, "max_update_bytes": config.max_update_bytes,
                "max_body_bytes": config.max_body_bytes, "max_client_requests": config.max_client_requests,
                "max_requests": config.max_requests, "allow_service": [a.text for a in config.allowed],
                "in_flight": in_flight.running, "refused_busy": {str(k): v for k, v in in_flight.refused.items()},
                "uptime_seconds": round(time.time() - engine.started, 1), **engine.counts}
        return JSONResponse(body, status_code=200 if alive else 503)

    routes = [
        Route("/", page, methods=["GET"]),
        Route("/sparql", service.sparql, methods=["GET", "POST"], name="sparql"),
        Route("/graphs", graphs, methods=GRAPH_METHODS, name="graphs"),
        Route("/queries", queries, methods=["GET"]),
        Route("/explore", explore, methods=["GET"]),
        Route("/health", health, methods=["GET"]),
        Route("/static/{name}", static, methods=["GET"]),
    ]
    middleware = [Middleware(InFlight, per_client=config.max_client_requests, total=config.max_requests,
                             counts=in_flight),
                  Middleware(CORSMiddleware, allow_origins=["*"],
                             allow_methods=["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"],
                             allow_headers=["*"], expose_headers=_EXPOSED, max_age=600)]
    if config.access_log:
        middleware.insert(0, Middleware(_AccessLog))
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.engine = engine
    app.state.service = service
    return app


def _asset(name: str) -> bytes:
    return resources.files("kg.serve").joinpath(name).read_bytes()


class _AccessLog:
    """One line per request: client, method, path, status, bytes, milliseconds."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        seen = {"status": 500, "bytes": 0}

        async def sending(message):
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
            elif message["type"] == "http.response.body":
                seen["bytes"] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            client = scope.get("client") or ("-", 0)
            access_log.info('%s "%s %s" %d %dB %.1fms', client[0], scope["method"], scope["path"],
                            seen["status"], seen["bytes"], (time.perf_counter() - started) * 1000)


class _ExplorerMissing(KGError):
    """No ``kg viz`` command to draw the explorer with."""


class _Explorer:
    """The explorer page, drawn once by ``kg viz`` (run as a command: the public contract)."""

    def __init__(self, config: ServeConfig):
        self.config = config
        self._html: bytes | None = None
        self._lock = threading.Lock()

    def page(self, refresh: bool = False) -> bytes:
        with self._lock:
            if self._html is None or refresh:
                self._html = self._draw()
            return self._html

    def _draw(self) -> bytes:
        env = dict(os.environ)
        if self.config.options.get("user"):
            env["KG_SPARQL_USER"] = self.config.options["user"]
        if self.config.options.get("password") is not None:
            env["KG_SPARQL_PASSWORD"] = self.config.options["password"]
        with tempfile.TemporaryDirectory(prefix="kg-explore-") as folder:
            target = os.path.join(folder, "explorer.html")
            try:
                done = subprocess.run([sys.executable, "-m", "kg", "viz", "--store", self.config.location,
                                       "--output", target], env=env, capture_output=True, text=True, timeout=600)
            except subprocess.TimeoutExpired:
                raise KGError("kg viz took more than 600 s to draw the explorer") from None
            if done.returncode != 0 or not os.path.exists(target):
                message = (done.stderr.strip().splitlines() or ["no message"])[-1]
                if "No such command" in done.stderr:
                    raise _ExplorerMissing("the explorer is missing: this installation has no `kg viz` command")
                raise KGError(f"kg viz failed: {message}")
            with open(target, "rb") as page:
                return page.read()


