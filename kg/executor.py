"""Where extraction runs: in this process, in a pool of processes, or on a Dask cluster.

Each executor maps a function over documents and yields the results in input order, with a
bounded number of documents between the reader and the caller (memory stays flat whatever
the corpus size). :func:`open_executor` picks one from ``workers`` / ``cluster``.

A Dask cluster is any running ``distributed`` scheduler (``dask scheduler``, ``dask worker
tcp://HOST:8786``, or a cluster manager; ``KG_CLUSTER_TIMEOUT`` seconds to reach it, 10 by
default); its workers need legiskg installed, since they
run :func:`kg.build.prepare` on the documents sent to them, a chunk of documents per task.
"""
from __future__ import annotations

import collections
import os
import multiprocessing
import threading
from typing import Callable, Iterable, Iterator, TypeVar

from .errors import ClusterError, KGError, UsageError

__all__ = ["Executor", "InProcess", "ProcessPool", "DaskCluster", "open_executor",
           "IN_FLIGHT_PER_WORKER", "DASK_CHUNK"]

T = TypeVar("T")
R = TypeVar("R")

#: documents handed to each worker process ahead of the writer; bounds memory whatever the corpus
#: size (a few MB), and is deep enough that the workers keep extracting while the writer
#: bulk-loads (64 left them idle: the 2-worker build was ~10% slower, measured)
IN_FLIGHT_PER_WORKER = 512

#: documents per Dask task: one task costs the scheduler about a millisecond, a document of
#: news 5-20 ms to extract; chunks keep the scheduler's share small (benchmarks/run.py measures it)
DASK_CHUNK = 16


class Executor:
    """Maps ``fn`` over ``items`` in order; subclasses say where it runs."""

    #: how many run at once (for sizing windows)
    workers: int = 1

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        raise NotImplementedError

    def close(self) -> None:  # noqa: B027 - nothing to release by default
        pass

    def __enter__(self) -> "Executor":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class InProcess(Executor):
    """Extraction in the calling process, one document after the other."""

    def map(self, fn, items):
        return map(fn, items)


class ProcessPool(Executor):
    """A pool of forked processes on this machine."""

    def __init__(self, workers: int):
        self.workers = workers

    def map(self, fn, items):
        # Pool.imap reads its input as fast as it can: without a window the whole corpus
        # would queue up in memory ahead of the workers.
        window = threading.Semaphore(self.workers * IN_FLIGHT_PER_WORKER)
        stop = threading.Event()

        def windowed():
            for item in items:
                while not window.acquire(timeout=0.1):
                    if stop.is_set():
                        return
                yield item

        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(self.workers) as pool:
            try:
                for result in pool.imap(fn, windowed(), chunksize=8):
                    window.release()
                    yield result
            finally:
                stop.set()


def _map_chunk(fn, chunk):
    return [fn(item) for item in chunk]


class DaskCluster(Executor):
    """A running Dask distributed cluster, reached through its scheduler's address."""

    def __init__(self, address: str, *, chunk: int = DASK_CHUNK, timeout: float | None = None):
        try:
            from distributed import Client
        except ImportError:  # pragma: no cover - a dependency of legiskg
            raise UsageError("--cluster needs dask[distributed]: pip install 'dask[distributed]'") from None
        if "://" not in address:
            address = "tcp://" + address
        self.address, self.chunk = address, chunk
        if timeout is None:
            timeout = float(os.environ.get("KG_CLUSTER_TIMEOUT") or 10)
        try:
            self.client = Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {reason}") from None
        self.workers = max(1, sum(w.get("nthreads", 1) for w in
                                  self.client.scheduler_info(n_workers=-1).get("workers", {}).values()))

    def map(self, fn, items):
        # chunks in flight: enough to keep every worker thread busy while results come back,
        # few enough that memory stays bounded
        depth = self.workers * 4
        pending: collections.deque = collections.deque()
        chunk: list = []
        iterator = iter(items)

        def submit(part):
            pending.append(self.client.submit(_map_chunk, fn, part, pure=False))

        try:
            for item in iterator:
                chunk.append(item)
                if len(chunk) >= self.chunk:
                    submit(chunk)
                    chunk = []
                    while len(pending) >= depth:
                        yield from self._result(pending.popleft())
            if chunk:
                submit(chunk)
            while pending:
                yield from self._result(pending.popleft())
        finally:
            for future in pending:
                future.cancel()

    def _result(self, future):
        try:
            return future.result()
        except KGError:
            raise
        except Exception as exc:  # KilledWorker, CommClosedError, a lost scheduler
            raise ClusterError(f"the Dask cluster at {self.address} failed a task: "
                               f"{type(exc).__name__}: {exc}") from None

    def close(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            client.close()
            self.client = None


def open_executor(workers: int = 1, cluster: str | None = None) -> Executor:
    """The executor for ``kg build --workers N`` or ``--cluster ADDRESS``."""
    if cluster:
        return DaskCluster(cluster)
    return ProcessPool(workers) if workers > 1 else InProcess()
