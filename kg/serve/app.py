"""The ``kg serve`` web application (Starlette): the SPARQL 1.1 Protocol over the store.

Routes: ``/sparql`` (query, and update when allowed), ``/graphs?graph=IRI`` (Graph Store
Protocol reads), ``/`` (a query page), ``/queries`` (the saved queries as JSON),
``/explore`` (the explorer drawn by ``kg viz``), ``/health``. Every answer carries CORS
headers, and every request is logged with its status, size and time.
"""
from __future__ import annotations

import hmac
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
from urllib.parse import parse_qsl

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

__all__ = ["ServeConfig", "create_app"]

log = logging.getLogger("kg.serve")
access_log = logging.getLogger("kg.serve.access")

_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]*")
_MAX_BODY = 64 * 1024 * 1024
#: rdflib's SPARQLStore under a Dataset sends this as default-graph-uri, meaning "the
#: default graph": no such graph exists here, so it is read as no dataset (the union).
_RDFLIB_DEFAULT = "urn:x-rdflib:default"
_EXPOSED = ["X-KG-Rows", "X-KG-Truncated", "X-KG-Max-Rows", "X-KG-Seconds"]


@dataclass
class ServeConfig:
    """How ``kg serve`` runs: the store, the limits, and whether updates are allowed."""

    location: str
    options: dict = field(default_factory=dict)
    workers: int = 2
    timeout: float = 30.0
    max_rows: int | None = 10_000
    allow_update: bool = False
    token: str | None = None
    access_log: bool = True

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


def _error_response(exc: KGError) -> PlainTextResponse:
    if isinstance(exc, (QuerySyntaxError, UsageError)):
        return _text(400, str(exc))
    if isinstance(exc, QueryTimeout):
        return _text(503, str(exc), **{"Retry-After": "5"})
    return _text(500, str(exc))


def _answer(answer: Answer, max_rows: int | None) -> Response:
    headers = {"X-KG-Rows": str(answer.rows), "X-KG-Truncated": "true" if answer.truncated else "false",
               "X-KG-Seconds": f"{answer.seconds:.3f}", "Vary": "Accept", "Cache-Control": "no-store"}
    if max_rows is not None:
        headers["X-KG-Max-Rows"] = str(max_rows)
    return Response(answer.body, media_type=answer.media_type, headers=headers)


class _Params:
    """Request parameters from the URL and a form body, several values per name allowed."""

    def __init__(self, pairs: list[tuple[str, str]]):
        self.pairs = pairs

    def get(self, name: str) -> str | None:
        return next((v for k, v in self.pairs if k == name), None)

    def getlist(self, name: str) -> list[str]:
        return [v for k, v in self.pairs if k == name]


async def _read_body(request: Request) -> bytes:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > _MAX_BODY:
            raise UsageError(f"request body larger than {_MAX_BODY // (1024 * 1024)} MB")
    return body


def create_app(config: ServeConfig, engine: Engine | None = None) -> Starlette:
    """The application; it starts the query workers when it starts (unless given an engine)."""
    engine = engine or Engine(config.engine_config())
    explorer = _Explorer(config)

    @asynccontextmanager
    async def lifespan(app: Starlette):
        import anyio.to_thread
        # Requests wait for a worker in threads: let many wait so the queue is the workers'.
        anyio.to_thread.current_default_thread_limiter().total_tokens = max(64, config.workers * 8)
        if not engine.alive():
            await run_in_threadpool(engine.start)
        try:
            yield
        finally:
            await run_in_threadpool(engine.close)

    async def sparql(request: Request) -> Response:
        pairs = list(request.query_params.multi_items())
        query = update = None
        if request.method == "POST":
            media = request.headers.get("content-type", "").split(";")[0].strip().lower()
            try:
                body = (await _read_body(request)).decode("utf-8")
            except UnicodeDecodeError:
                return _text(400, "the request body is not UTF-8")
            except UsageError as exc:
                return _text(413, str(exc))
            if not body.strip() and not media:
                pass  # an empty POST: no parameters beyond the URL's
            elif media == "application/x-www-form-urlencoded":
                pairs += parse_qsl(body, keep_blank_values=True)
            elif media == "application/sparql-query":
                query = body
            elif media == "application/sparql-update":
                update = body
            else:
                return _text(415, "send a query as application/x-www-form-urlencoded (query=...) or "
                                  "application/sparql-query, an update as application/sparql-update")
        params = _Params(pairs)
        query = query if query is not None else params.get("query")
        update = update if update is not None else params.get("update")
        if query is not None and update is not None:
            return _text(400, "give a query or an update, not both")
        if update is None and query is not None and sparql_form(query) == "update":
            if not config.allow_update:
                return _refused()
            return _text(400, "this is an update: send it as update=... or application/sparql-update (POST)")
        if update is not None:
            return await _update(request, update)
        if query is None:
            if "text/html" in request.headers.get("accept", ""):
                return RedirectResponse("/", status_code=303)
            return _text(400, "missing the query parameter: /sparql?query=SELECT...")
        try:
            answer = await run_in_threadpool(
                engine.query, query, accept=request.headers.get("accept"), fmt=params.get("format"),
                default_graphs=[g for g in params.getlist("default-graph-uri") if g != _RDFLIB_DEFAULT] or None,
                named_graphs=params.getlist("named-graph-uri") or None)
        except KGError as exc:
            return _error_response(exc)
        return _answer(answer, config.max_rows)

    def _refused() -> PlainTextResponse:
        return _text(403, "updates are refused: this endpoint is read-only (start kg serve with "
                          "--allow-update and send its token as 'Authorization: Bearer TOKEN')")

    async def _update(request: Request, text: str) -> Response:
        if not config.allow_update:
            return _refused()
        given = request.headers.get("authorization", "")
        token = given[7:].strip() if given.lower().startswith("bearer ") else ""
        if not config.token or not hmac.compare_digest(token.encode(), config.token.encode()):
            return _text(403, "updates need the server's token: 'Authorization: Bearer TOKEN'")
        if request.method != "POST":
            return _text(405, "send updates with POST", Allow="POST")
        try:
            await run_in_threadpool(engine.update, text)
        except KGError as exc:
            return _error_response(exc)
        return _text(200, "update applied")

    async def graphs(request: Request) -> Response:
        graph = request.query_params.get("graph")
        if graph is None and "default" not in request.query_params:
            return _text(400, "give ?graph=IRI for a document's named graph, or ?default for the union")
        if graph is not None and not _IRI.fullmatch(graph):
            return _text(400, f"not an IRI: {graph!r}")
        query = (f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}" if graph
                 else "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        try:
            answer = await run_in_threadpool(engine.query, query, accept=request.headers.get("accept"),
                                             fmt=request.query_params.get("format"))
        except KGError as exc:
            return _error_response(exc)
        if graph and answer.rows == 0:
            return _text(404, f"no graph <{graph}> in the store")
        return _answer(answer, config.max_rows)

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
                "workers": config.workers, "workers_alive": alive, "workers_idle": engine.idle(), "read_only": not config.allow_update,
                "timeout": config.timeout, "max_rows": config.max_rows,
                "uptime_seconds": round(time.time() - engine.started, 1), **engine.counts}
        return JSONResponse(body, status_code=200 if alive else 503)

    routes = [
        Route("/", page, methods=["GET"]),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/graphs", graphs, methods=["GET"]),
        Route("/queries", queries, methods=["GET"]),
        Route("/explore", explore, methods=["GET"]),
        Route("/health", health, methods=["GET"]),
        Route("/static/{name}", static, methods=["GET"]),
    ]
    middleware = [Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST", "OPTIONS"],
                             allow_headers=["*"], expose_headers=_EXPOSED, max_age=600)]
    if config.access_log:
        middleware.insert(0, Middleware(_AccessLog))
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.engine = engine
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


