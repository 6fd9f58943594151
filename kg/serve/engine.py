"""Query workers for ``kg serve``: processes that can be stopped when a query runs too long.

A query running inside Oxigraph cannot be interrupted from Python, so each query runs in
one of a few worker processes, each holding the store open (read-only for the embedded
store). The server waits for the answer up to the time limit; past it, the worker is
killed (the query really stops, memory is given back) and a fresh one takes its place.
Workers also serialise the answer and send it a piece at a time; the server spools it (in
memory up to :data:`SPOOL_MEMORY`, then on disk) and answers from the spool once the worker
is done, so a big answer never sits whole in the server's memory and a client that reads
slowly holds a file, not a worker. Queries on different workers run in parallel.

Updates (only with ``--allow-update``) on the embedded store need it open for writing,
which no reader may do at the same time: an update waits for running queries, has every
worker let go of the store, applies the change in one worker and lets queries resume
(workers reopen the store, now showing the change, on their next query).
"""
from __future__ import annotations

import multiprocessing
import queue
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator, Sequence

from ..errors import KGError, QuerySyntaxError, QueryTimeout, StoreError, StoreNotFound, UsageError
from .worker import GraphNotFound, worker_main

__all__ = ["Engine", "EngineConfig", "Answer", "SPOOL_MEMORY"]

_ERRORS = {cls.__name__: cls for cls in (QuerySyntaxError, QueryTimeout, StoreError, StoreNotFound, UsageError,
                                         GraphNotFound)}
#: bytes of an answer the server keeps in memory before spooling the rest to a temporary file
SPOOL_MEMORY = 1024 * 1024


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
    """A query's answer, serialised in the negotiated format, in a spool the caller closes."""

    media_type: str
    body: "tempfile.SpooledTemporaryFile"
    length: int
    rows: int
    truncated: bool
    seconds: float

    def read(self) -> bytes:
        """The whole answer (for tests and small answers)."""
        self.body.seek(0)
        return self.body.read()

    def close(self) -> None:
        self.body.close()


class _Worker:
    """One worker process and the pipe to it."""

    def __init__(self, config: EngineConfig):
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=worker_main, name="kg-serve-worker", daemon=True,
                                       args=(child, config.location, config.options, config.embedded))
        self.process.start()
        child.close()

    def call(self, task: tuple, timeout: float, sink=None) -> object:
        """Send ``task`` and return its result, writing any answer chunks to ``sink``; raise
        :class:`TimeoutError` when the whole exchange runs past ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        self.conn.send(task)
        while True:
            if not self.conn.poll(max(deadline - time.monotonic(), 0)):
                raise TimeoutError
            status, *payload = self.conn.recv()
            if status == "chunk":
                if sink is not None:
                    sink.write(payload[0])
                continue
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
        self._starting = 0  # replacement workers not yet ready
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

    def _spawn(self, starting: bool = False) -> _Worker:
        worker = _Worker(self.config)
        with self._lock:  # counted as starting as it joins, so an update never counts it as ready
            self._all.add(worker)
            self._starting += starting
        return worker

    def _retire(self, worker: _Worker) -> None:
        """Kill a worker (its query ran too long or it died) and start a fresh one in the background."""
        with self._lock:
            self._all.discard(worker)
        worker.kill()
        if self._closed:
            return

        def replace() -> None:
            fresh = self._spawn(starting=True)
            starting = True

            def ready() -> None:
                nonlocal starting
                with self._lock:
                    self._starting -= 1
                starting = False

            try:
                fresh.call(("ping",), 60)  # its imports, before it may touch the store
                # it opens the store as a reader, so never while an update writes it (an
                # update does not wait for a worker still starting)
                with self._gate.read(time.monotonic() + 3600):
                    try:
                        fresh.call(("open",), 60)
                    except (TimeoutError, KGError, OSError, EOFError):
                        pass  # it will try again on its first query
                    if self._closed:
                        fresh.stop()
                    else:
                        self._idle.put(fresh)
                    ready()  # inside the gate: an update from now on counts it
            except (TimeoutError, KGError, OSError, EOFError):
                if starting:
                    ready()
                self._retire(fresh)
            finally:
                if starting:
                    ready()

        threading.Thread(target=replace, name="kg-serve-respawn", daemon=True).start()

    def _take(self, deadline: float) -> _Worker:
        try:
            return self._idle.get(timeout=max(deadline - time.monotonic(), 0.001))
        except queue.Empty:
            raise QueryTimeout(f"all {self.config.workers} query workers stayed busy for the whole time limit "
                               f"({self.config.timeout:g} s); try again later") from None

    def _run(self, worker: _Worker, task: tuple, deadline: float, what: str, sink=None) -> object:
        try:
            result = worker.call(task, max(deadline - time.monotonic(), 0.001), sink)
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
        cap = self.config.max_rows if max_rows is None else (
            max_rows if self.config.max_rows is None else min(max_rows, self.config.max_rows))
        task = ("query", sparql, accept, fmt, cap, default_graphs, named_graphs, self.config.timeout)
        self.counts["queries"] += 1
        return self._answer(task, "query")

    def graph(self, graph: str | None, *, accept: str | None = None, fmt: str | None = None) -> Answer:
        """One graph (``None``: the default graph) serialised, capped at the row limit."""
        self.counts["queries"] += 1
        return self._answer(("graph-read", graph, accept, fmt, self.config.max_rows), "graph read")

    def _answer(self, task: tuple, what: str) -> Answer:
        started = time.monotonic()
        self.counts["running"] += 1
        spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY, prefix="kg-serve-")
        try:
            # Waiting for a free worker and running on it each get the whole time limit.
            with self._gate.read(started + self.config.timeout):
                worker = self._take(started + self.config.timeout)
                media_type, rows, truncated = self._run(worker, task, time.monotonic() + self.config.timeout,
                                                        what, spool)
        except BaseException:
            spool.close()
            raise
        finally:
            self.counts["running"] -= 1
        length = spool.tell()
        spool.seek(0)
        return Answer(media_type, spool, length, rows, truncated, time.monotonic() - started)

    def update(self, sparql: str) -> None:
        """Apply a SPARQL update (the caller checks it is allowed)."""
        self.counts["updates"] += 1
        self._write(("update", sparql), "update")

    def write_graph(self, method: str, graph: str | None, path: str | None, media: str | None,
                    base_iri: str) -> bool:
        """A Graph Store write (PUT, POST, DELETE) from the payload in file ``path``; True if it
        created the graph."""
        self.counts["updates"] += 1
        return bool(self._write(("graph-write", method, graph, path, media, base_iri), "graph write"))

    def _write(self, task: tuple, what: str) -> object:
        deadline = time.monotonic() + self.config.timeout
        if not self.config.embedded:
            return self._run(self._take(deadline), task, time.monotonic() + self.config.timeout, what)
        with self._gate.write(deadline):
            held: list[_Worker] = []
            with self._lock:  # every worker but those still starting (they wait for this write)
                needed = len(self._all) - self._starting
            try:
                while len(held) < needed:
                    held.append(self._take(deadline))
                for worker in list(held):  # the embedded store allows no reader while it is written
                    try:
                        worker.call(("close",), max(deadline - time.monotonic(), 0.001))
                    except TimeoutError:
                        held.remove(worker)
                        self._retire(worker)
                        raise QueryTimeout(f"a worker did not let go of the store in time; {what} not applied") from None
                writer = held.pop()
                return self._run(writer, task, time.monotonic() + self.config.timeout, what)
            finally:
                for worker in held:
                    self._idle.put(worker)
