"""The SPARQL 1.1 Graph Store HTTP Protocol on ``/graphs`` (indirect graph identification).

``?graph=IRI`` names a named graph (an absolute IRI, never a path), ``?default`` the
default graph. ``GET`` and ``HEAD`` read (Turtle, N-Triples, N-Quads, TriG, JSON-LD or
RDF/XML as the Accept header asks; 404 for a graph the store does not hold); ``PUT``
replaces, ``POST`` adds to, ``DELETE`` removes a graph, only with the update token. A
named graph written here keeps the default graph consistent as ``kg build`` does: its
triples are in the default graph too and leave it with the graph unless another graph
states them. ``PUT``/``POST`` answer 201 when they create the graph, else 204.
"""
from __future__ import annotations

import os

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from ..errors import KGError
from .limits import Refused, body_to_file
from .protocol import absolute_iri
from .worker import GRAPH_MEDIA_TYPES, GraphNotFound

__all__ = ["graph_store", "METHODS"]

METHODS = ["GET", "HEAD", "PUT", "POST", "DELETE"]


def _target(request: Request) -> str | None:
    params = request.query_params
    graphs = params.getlist("graph")
    default = "default" in params
    if len(graphs) + default != 1:
        raise Refused(400, "name one graph: ?graph=IRI for a named graph, or ?default for the default graph")
    if graphs and not absolute_iri(graphs[0]):
        raise Refused(400, f"?graph={graphs[0]!r} is not an absolute IRI (graphs are named by IRIs, never paths)")
    return graphs[0] if graphs else None


async def graph_store(request: Request, service) -> Response:
    """Answer one Graph Store request; ``service`` is the app's :class:`~kg.serve.app.Service`."""
    try:
        graph = _target(request)
        if request.method in ("GET", "HEAD"):
            return await _read(request, service, graph)
        service.authorize(request)
        return await _write(request, service, graph)
    except Refused as refusal:
        return refusal.response()
    except GraphNotFound as exc:
        return Refused(404, str(exc)).response()
    except KGError as exc:
        return service.error_response(exc)


async def _read(request: Request, service, graph: str | None) -> Response:
    answer = await run_in_threadpool(service.engine.graph, graph, accept=request.headers.get("accept"),
                                     fmt=request.query_params.get("format"))
    if graph is not None and answer.rows == 0:
        answer.close()
        raise Refused(404, f"no graph <{graph}> in the store")
    return service.answer(answer)


async def _write(request: Request, service, graph: str | None) -> Response:
    config = service.config
    if graph is None and not config.embedded:
        raise Refused(405, "on an external SPARQL store the default graph is kg's merged graph, kept by kg "
                           "itself: write a named graph (?graph=IRI)", Allow="GET, HEAD")
    path = media = None
    if request.method in ("PUT", "POST"):
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media not in GRAPH_MEDIA_TYPES:
            raise Refused(415, f"send the graph as one of: {', '.join(sorted(set(GRAPH_MEDIA_TYPES) - {'text/plain', 'application/xml', 'application/x-turtle', 'text/x-nquads'}))}")
        path = await body_to_file(request, config.max_update_bytes, config.timeout, "a graph payload")
    try:
        created = await run_in_threadpool(service.engine.write_graph, request.method, graph, path, media,
                                          graph or service.base_iri(request))
    finally:
        if path is not None:
            os.unlink(path)
    if created:
        return Response(status_code=201, headers={"Location": str(request.url)})
    return Response(status_code=204)
