"""What one request may cost ``kg serve``: its size, its share of the server, its time.

- :class:`InFlight` (ASGI middleware): at most ``per_client`` requests in flight from one
  client address (more: 429) and ``total`` in all (more: 503), each refused at once with
  a one-line reason and ``Retry-After``.
- :func:`read_body` / :func:`body_to_file`: a request body larger than its cap is refused
  with 413 before it is read (by ``Content-Length``) or as soon as it passes the cap, and a
  body that does not arrive within the time limit with 408.
- :class:`SpooledAnswer`: an answer streamed from its spool in pieces; a client that does
  not take a piece within the time limit is cut off.
- :func:`head_limit_protocol`: the HTTP layer's cap on the request line and headers answers 431
  with a reason (uvicorn's own answer to it is a bare 400).
"""
from __future__ import annotations

import os
import tempfile
from collections import defaultdict

import anyio
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response

__all__ = ["Refused", "InFlight", "InFlightCounts", "read_body", "body_to_file", "SpooledAnswer", "head_limit_protocol",
           "HEAD_LIMIT"]

#: bytes of request line and headers the HTTP layer reads before answering 431
HEAD_LIMIT = 64 * 1024


class Refused(Exception):
    """A request refused with an HTTP status and a one-line reason."""

    def __init__(self, status: int, reason: str, **headers: str):
        super().__init__(reason)
        self.status, self.reason, self.headers = status, reason, headers

    def response(self) -> Response:
        return Response(self.reason.rstrip("\n") + "\n", status_code=self.status,
                        media_type="text/plain; charset=utf-8", headers=self.headers)


class InFlightCounts:
    """Requests in flight, per client address and in all, and how many were refused."""

    def __init__(self) -> None:
        self.by_client: dict[str, int] = defaultdict(int)
        self.running = 0
        self.refused = {429: 0, 503: 0}


class InFlight:
    """Caps requests in flight per client address and in total (ASGI middleware). The
    address is the connection's own (uvicorn runs without proxy headers, so a client cannot
    claim another with X-Forwarded-For)."""

    def __init__(self, app, *, per_client: int, total: int, counts: InFlightCounts | None = None,
                 exempt: tuple[str, ...] = ("/health",)):
        self.app, self.per_client, self.total, self.exempt = app, per_client, total, exempt
        self.counts = counts or InFlightCounts()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["path"] in self.exempt:
            return await self.app(scope, receive, send)
        counts = self.counts
        client = (scope.get("client") or ("-", 0))[0]
        refusal = None
        if counts.by_client[client] >= self.per_client:
            refusal = Refused(429, f"too many requests in flight from {client}: at most {self.per_client} at once "
                                   "(the server's --max-client-requests); wait for an answer first", **{"Retry-After": "1"})
        elif counts.running >= self.total:
            refusal = Refused(503, f"the server is busy: {self.total} requests in flight (its --max-requests); "
                                   "try again shortly", **{"Retry-After": "2"})
        if refusal is not None:
            counts.refused[refusal.status] += 1
            if not counts.by_client[client]:
                del counts.by_client[client]
            return await refusal.response()(scope, receive, send)
        counts.by_client[client] += 1
        counts.running += 1
        try:
            await self.app(scope, receive, send)
        finally:
            counts.running -= 1
            counts.by_client[client] -= 1
            if not counts.by_client[client]:
                del counts.by_client[client]


def _declared_length(request: Request, cap: int, what: str) -> None:
    length = request.headers.get("content-length")
    if length is not None:
        try:
            declared = int(length)
        except ValueError:
            raise Refused(400, "the Content-Length header is not a number") from None
        if declared > cap:
            raise Refused(413, f"{what} of {declared:,} bytes refused: at most {cap:,} ({_option(what)})")


def _option(what: str) -> str:
    return "the server's --max-update-size" if "update" in what or "graph" in what else \
        "the server's --max-query-size" if "query" in what else "the server's --max-body-size"


async def read_body(request: Request, cap: int, seconds: float, what: str = "a request body") -> bytes:
    """The body, at most ``cap`` bytes (413 past it), arrived within ``seconds`` (408 past them)."""
    _declared_length(request, cap, what)
    parts, size = [], 0
    try:
        with anyio.fail_after(seconds):
            async for chunk in request.stream():
                size += len(chunk)
                if size > cap:
                    raise Refused(413, f"{what} over {cap:,} bytes refused ({_option(what)})")
                parts.append(chunk)
    except TimeoutError:
        raise Refused(408, f"the request body did not arrive within {seconds:g} s (the server's --timeout)") from None
    except ClientDisconnect:
        raise Refused(400, "the client went away while sending the request body") from None
    return b"".join(parts)


async def body_to_file(request: Request, cap: int, seconds: float, what: str) -> str:
    """The body written to a private temporary file (its path; the caller removes it), with
    the limits of :func:`read_body`."""
    _declared_length(request, cap, what)
    fd, path = tempfile.mkstemp(prefix="kg-serve-body-")
    size = 0
    try:
        with os.fdopen(fd, "wb") as out:
            with anyio.fail_after(seconds):
                async for chunk in request.stream():
                    size += len(chunk)
                    if size > cap:
                        raise Refused(413, f"{what} over {cap:,} bytes refused ({_option(what)})")
                    out.write(chunk)
    except TimeoutError:
        os.unlink(path)
        raise Refused(408, f"the request body did not arrive within {seconds:g} s (the server's --timeout)") from None
    except ClientDisconnect:
        os.unlink(path)
        raise Refused(400, "the client went away while sending the request body") from None
    except BaseException:
        os.unlink(path)
        raise
    return path


class SpooledAnswer(Response):
    """An answer sent from its spool (see :class:`kg.serve.engine.Answer`) in pieces; the
    spool is closed however the response ends. A client that does not take a piece within
    ``seconds`` is cut off (the connection closes), so a stalled reader holds nothing long."""

    PIECE = 64 * 1024

    def __init__(self, answer, headers: dict[str, str], seconds: float):
        self.answer, self.seconds = answer, seconds
        super().__init__(None, media_type=answer.media_type,
                         headers={**headers, "content-length": str(answer.length)})

    async def __call__(self, scope, receive, send):
        spool = self.answer.body
        try:
            async with anyio.create_task_group() as group:
                async def watch() -> None:  # a client that leaves ends the sending at once
                    while (await receive())["type"] != "http.disconnect":
                        pass
                    group.cancel_scope.cancel()

                group.start_soon(watch)
                await self._send(scope, send, spool)
                group.cancel_scope.cancel()
        except OSError:
            return  # the client went away
        finally:
            spool.close()

    async def _send(self, scope, send, spool) -> None:
        await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
        if scope.get("method") != "HEAD":
            spool.seek(0)
            while piece := spool.read(self.PIECE):
                with anyio.move_on_after(self.seconds) as scoped:
                    await send({"type": "http.response.body", "body": piece, "more_body": True})
                if scoped.cancelled_caught:
                    return  # uvicorn closes a connection whose response was not completed
                await anyio.sleep(0)  # let the server see a closed connection between pieces
        await send({"type": "http.response.body", "body": b"", "more_body": False})


def head_limit_protocol():
    """uvicorn's h11 protocol answering 431 with a reason when the request line and headers
    pass :data:`HEAD_LIMIT` (``uvicorn.Config(http=...)``)."""
    import h11
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class HeadLimit(H11Protocol):
        _hint = 400

        def handle_events(self) -> None:
            next_event = self.conn.next_event

            def watched():
                try:
                    return next_event()
                except h11.RemoteProtocolError as exc:
                    self._hint = getattr(exc, "error_status_hint", 400)
                    raise

            self.conn.next_event = watched  # type: ignore[method-assign]
            try:
                super().handle_events()
            finally:
                del self.conn.next_event

        def send_400_response(self, msg: str) -> None:
            if self._hint != 431:
                return super().send_400_response(msg)
            reason = (f"request line and headers over {HEAD_LIMIT // 1024} KB refused: send a long query "
                      "by POST (application/sparql-query)\n").encode("ascii")
            for event in (h11.Response(status_code=431, reason=b"Request Header Fields Too Large",
                                       headers=[(b"content-type", b"text/plain; charset=utf-8"),
                                                (b"connection", b"close")]),
                          h11.Data(data=reason), h11.EndOfMessage()):
                self.transport.write(self.conn.send(event))
            self.transport.close()

    return HeadLimit

