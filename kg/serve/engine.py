"""Query workers for ``kg serve``: processes that can be stopped when a query runs too long.

A query running inside Oxigraph cannot be interrupted from Python, so each query runs in
one of a few worker processes, each holding the store open (read-only for the embedded
store). The server waits for the answer up to the time limit; past it, the worker is
killed (the query really stops, memory is given back) and a fresh one takes its place.
Workers also serialise the answer, so the server process only moves bytes, and queries
on different workers run in parallel.

Updates (only with ``--allow-update``) on the embedded store need it open for writing,
which no reader may do at the same time: an update waits for running queries, has every
worker let go of the store, applies the change in one worker and lets queries resume
(workers reopen the store, now showing the change, on their next query).
"""
from __future__ import annotations

import multiprocessing
import queue
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator, Sequence

from ..errors import KGError, QuerySyntaxError, QueryTimeout, StoreError, StoreNotFound, UsageError

__all__ = ["Engine", "EngineConfig", "Answer"]

_ERRORS = {cls.__name__: cls for cls in (QuerySyntaxError, QueryTimeout, StoreError, StoreNotFound, UsageError)}


@dataclass(frozen=True)
class EngineConfig:
    """Where the store is and how queries are limited."""

    location: str
    options: dict = field(default_factory=dict)  # backend options (credentials of a remote store)
    workers: int = 2
    timeout: float = 30.0
    max_rows: int | None = 10_000
    embedded: bool = True


@dataclass
class Answer:
    """A query's answer, already serialised in the negotiated format."""

    media_type: str
    body: bytes
    rows: int
    truncated: bool
    seconds: float


class _Worker:
    """One worker process and the pipe to it."""

    def __init__(self, config: EngineConfig):
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, name="kg-serve-worker", daemon=True,
                                       args=(child, config.location, config.options, config.embedded))
        self.process.start()
        child.close()

    def call(self, task: tuple, timeout: float | None) -> object:
        """Send ``task`` and return its result; raise :class:`TimeoutError` past ``timeout``."""
        self.conn.send(task)
        if not self.conn.poll(timeout):
            raise TimeoutError
        status, *payload = self.conn.recv()
        if status == "ok":
            return payload[0]
        name, message = payload
        raise _ERRORS.get(name, StoreError)(message)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(("stop",))
        except (OSError, ValueError):
            pass
        self.process.join(2)
        if self.process.is_alive():
            self.kill()


class _Gate:
    """Many queries at once, or one update alone; a waiting update goes first."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0

    @contextmanager
    def read(self, deadline: float) -> Iterator[None]:
        with self._cond:
            while self._writing or self._writers_waiting:
                if not self._cond.wait(max(deadline - time.monotonic(), 0)) and time.monotonic() >= deadline:
                    raise QueryTimeout("an update held the store for the whole time limit")
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def write(self, deadline: float) -> Iterator[None]:
        with self._cond:
            self._writers_waiting += 1
            try:
                while self._writing or self._readers:
                    if not self._cond.wait(max(deadline - time.monotonic(), 0)) and time.monotonic() >= deadline:
                        raise QueryTimeout("running queries did not finish within the time limit; update not applied")
            finally:
                self._writers_waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


class Engine:
    """A pool of query workers over one store, with a time limit and a row cap per query."""

    def __init__(self, config: EngineConfig):
        self.config = config
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._gate = _Gate()
        self._closed = False
        self.started = time.time()
        self.counts = {"queries": 0, "updates": 0, "timeouts": 0, "errors": 0, "running": 0}

    # -- life ----------------------------------------------------------------------------
    def start(self) -> None:
        """Start the workers and open the store in each; raise if the store cannot be opened."""
        workers = [self._spawn() for _ in range(self.config.workers)]
        try:
            for worker in workers:
                worker.call(("open",), 60)
        except TimeoutError:
            self.close()
            raise StoreError(f"the query workers could not open {self.config.location} within 60 s") from None
        except KGError:
            self.close()
            raise
        for worker in workers:
            self._idle.put(worker)

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()

    def alive(self) -> int:
        with self._lock:
            return sum(1 for w in self._all if w.process.is_alive())

    def idle(self) -> int:
        """Workers ready for a query now."""
        return self._idle.qsize()

    def _spawn(self) -> _Worker:
        worker = _Worker(self.config)
        with self._lock:
            self._all.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        """Kill a worker (its query ran too long or it died) and start a fresh one in the background."""
        with self._lock:
            self._all.discard(worker)
        worker.kill()
        if self._closed:
            return

        def replace() -> None:
            fresh = self._spawn()
            try:
                fresh.call(("open",), 60)
            except (TimeoutError, KGError, OSError, EOFError):
                pass  # it will try again on its first query
            if self._closed:
                fresh.stop()
            else:
                self._idle.put(fresh)

        threading.Thread(target=replace, name="kg-serve-respawn", daemon=True).start()

    def _take(self, deadline: float) -> _Worker:
        try:
            return self._idle.get(timeout=max(deadline - time.monotonic(), 0.001))
        except queue.Empty:
            raise QueryTimeout(f"all {self.config.workers} query workers stayed busy for the whole time limit "
                               f"({self.config.timeout:g} s); try again later") from None

    def _run(self, worker: _Worker, task: tuple, deadline: float, what: str) -> object:
        try:
            result = worker.call(task, max(deadline - time.monotonic(), 0.001))
        except TimeoutError:
            self.counts["timeouts"] += 1
            self._retire(worker)
            raise QueryTimeout(f"{what} stopped after {self.config.timeout:g} s (the server's --timeout)") from None
        except (EOFError, OSError):
            self.counts["errors"] += 1
            self._retire(worker)
            raise StoreError(f"the query worker died while running the {what}") from None
        except KGError:
            self.counts["errors"] += 1
            self._idle.put(worker)  # it answered with an error and is ready for more
            raise
        self._idle.put(worker)
        return result

    # -- work ----------------------------------------------------------------------------
    def query(self, sparql: str, *, accept: str | None = None, fmt: str | None = None,
              default_graphs: Sequence[str] | None = None, named_graphs: Sequence[str] | None = None,
              max_rows: int | None = None) -> Answer:
        """Run a query and serialise its answer, or raise (QuerySyntaxError, QueryTimeout, StoreError)."""
        started = time.monotonic()
        cap = self.config.max_rows if max_rows is None else (
            max_rows if self.config.max_rows is None else min(max_rows, self.config.max_rows))
        self.counts["queries"] += 1
        self.counts["running"] += 1
        try:
            # Waiting for a free worker and running on it each get the whole time limit.
            with self._gate.read(started + self.config.timeout):
                worker = self._take(started + self.config.timeout)
                task = ("query", sparql, accept, fmt, cap, default_graphs, named_graphs, self.config.timeout)
                media_type, body, rows, truncated = self._run(worker, task, time.monotonic() + self.config.timeout,
                                                              "query")
        finally:
            self.counts["running"] -= 1
        return Answer(media_type, body, rows, truncated, time.monotonic() - started)

    def update(self, sparql: str) -> None:
        """Apply a SPARQL update (the caller checks it is allowed)."""
        deadline = time.monotonic() + self.config.timeout
        self.counts["updates"] += 1
        if not self.config.embedded:
            self._run(self._take(deadline), ("update", sparql), time.monotonic() + self.config.timeout, "update")
            return
        with self._gate.write(deadline):
            held: list[_Worker] = []
            try:
                while len(held) < self.config.workers:
                    held.append(self._take(deadline))
                for worker in list(held):  # the embedded store allows no reader while it is written
                    try:
                        worker.call(("close",), max(deadline - time.monotonic(), 0.001))
                    except TimeoutError:
                        held.remove(worker)
                        self._retire(worker)
                        raise QueryTimeout("a worker did not let go of the store in time; update not applied") from None
                writer = held.pop()
                self._run(writer, ("update", sparql), time.monotonic() + self.config.timeout, "update")
            finally:
                for worker in held:
                    self._idle.put(worker)


def _worker_main(conn, location: str, options: dict, embedded: bool) -> None:
    """A worker's loop: open the store, answer tasks until told to stop or the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops us
    from ..store import open_store
    from .results import MEDIA_TYPES, choose_format, serialize

    store = None

    def opened():
        nonlocal store
        if store is None:
            store = open_store(location, read_only=True, **options) if embedded else open_store(location, **options)
        return store

    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            break
        kind = task[0]
        if kind == "stop":
            break
        try:
            if kind == "open":
                opened()
                reply = ("ok", None)
            elif kind == "close":
                if store is not None:
                    store.close()
                    store = None
                reply = ("ok", None)
            elif kind == "query":
                _, text, accept, fmt, cap, default_graphs, named_graphs, timeout = task
                result = opened().query(text, max_rows=cap, timeout=None if embedded else timeout,
                                        default_graphs=default_graphs, named_graphs=named_graphs)
                if result.kind == "graph" and cap is not None and len(result.triples) > cap:
                    result.triples, result.truncated = result.triples[:cap], True
                name = choose_format(accept, result.kind, fmt)
                rows = len(result.triples) if result.kind == "graph" else len(result.rows)
                reply = ("ok", (MEDIA_TYPES[name], serialize(result, name), rows, result.truncated))
            elif kind == "update":
                if embedded:
                    if store is not None:
                        store.close()
                        store = None
                    writer = open_store(location, read_only=False)
                    try:
                        writer.update(task[1])
                    finally:
                        writer.close()
                else:
                    opened().update(task[1])
                reply = ("ok", None)
            else:
                reply = ("error", "UsageError", f"unknown task {kind!r}")
        except KGError as exc:
            reply = ("error", type(exc).__name__, str(exc))
        except Exception as exc:  # noqa: BLE001 - reported to the client as a 500, the worker lives on
            reply = ("error", "StoreError", f"internal error: {type(exc).__name__}: {exc}")
        try:
            conn.send(reply)
        except (OSError, ValueError):
            break
    if store is not None:
        store.close()
