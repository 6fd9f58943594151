"""A soak test: ``kg serve`` as a real process on loopback under mixed clients for a bounded time.

About a minute in ``make test`` (``KG_SOAK_SECONDS``, 60 by default), longer under
``make soak``. Each kind of client has its own loopback address (127.0.0.N) so the
per-address cap refuses only the one that floods. Checked at the end: every good query
answered with the right rows, every bad one refused with its own status, no worker lost for
good, memory flat, and no request made to the outside (a listener stands for it). The
figures are printed (and written to ``$KG_SOAK_REPORT`` when set).
"""
from __future__ import annotations

import json
import os
import random
import shutil
import socket
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

import httpx
import psutil
import pytest

from kg.store import open_store

from .http_listener import Listener
from .test_serve import NEVER_ENDS, TOKEN, Server

SECONDS = float(os.environ.get("KG_SOAK_SECONDS", "60"))
WORKERS = 3
TIMEOUT = 4.0
MAX_QUERY = 64 * 1024
PER_CLIENT = 4

GOOD = [  # (query, Accept); answers compared with the embedded store's
    ("SELECT ?doc ?title WHERE { ?doc a lk:SourceDocument ; dcterms:title ?title } ORDER BY ?doc",
     "application/sparql-results+json"),
    ("SELECT ?c (COUNT(*) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c", "text/csv"),
    ("SELECT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?s ?label LIMIT 200", "application/sparql-results+xml"),
    ("ASK { ?x a lk:SourceDocument }", "application/sparql-results+json"),
    ("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p", "text/tab-separated-values"),
]
#: 10,000 rows, about 0.4 MB of TSV: for slow readers and clients that leave mid-answer
BIG = "SELECT ?i ?j WHERE { VALUES ?i { " + " ".join(f'"row {n:04d}"' for n in range(100)) + \
      " } VALUES ?j { " + " ".join(str(n) for n in range(100)) + " } }"
BIG_ROWS = 100 * 100


class Tally:
    """Requests tried, answered and refused, by kind; anything unexpected, with its reason."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.tried, self.answered = Counter(), Counter()
        self.refused: dict[str, Counter] = defaultdict(Counter)
        self.other: dict[str, Counter] = defaultdict(Counter)  # cut off, gone
        self.retried = Counter()  # 503 "busy, retry" answers a well-behaved client retried
        self.wrong: list[str] = []

    def note(self, kind: str, outcome: str | int, wrong: str | None = None) -> None:
        with self.lock:
            self.tried[kind] += 1
            if wrong:
                self.wrong.append(f"{kind}: {wrong}")
            elif outcome == 200:
                self.answered[kind] += 1
            elif isinstance(outcome, int):
                self.refused[kind][outcome] += 1
            else:
                self.other[kind][outcome] += 1

    def busy(self, kind: str) -> None:
        with self.lock:
            self.retried[kind] += 1

    def figures(self) -> dict:
        return {"tried": dict(self.tried), "answered": dict(self.answered), "retried_after_503": dict(self.retried),
                "refused": {k: dict(v) for k, v in self.refused.items()},
                "other": {k: dict(v) for k, v in self.other.items()}, "wrong": self.wrong[:20]}


def _rss(pid: int) -> tuple[int, list[int]]:
    """Resident memory of the server process, and of each of its query workers."""
    process = psutil.Process(pid)
    workers = []
    for child in process.children(recursive=True):
        try:
            workers.append(child.memory_info().rss)
        except psutil.NoSuchProcess:
            pass
    return process.memory_info().rss, workers


def _normal(text: str, accept: str):
    """An answer in a comparable form (bindings as sets of sorted items, lines as lists)."""
    if accept.endswith("json"):
        data = json.loads(text)
        if "boolean" in data:
            return data["boolean"]
        return [sorted((k, v["value"]) for k, v in b.items()) for b in data["results"]["bindings"]]
    return text.replace("\r\n", "\n").strip().splitlines() if not accept.endswith("xml") else text.count("<result>")


@pytest.fixture(scope="module")
def soak_store(built_examples: Path, tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("soak") / "store"
    shutil.copytree(built_examples, copy)
    return copy


def expected_answers(store: Path, base: str) -> dict:
    """Each good query's answer, from a server run alone before the soak (serialisation and
    all), checked against the embedded store's own rows."""
    out = {}
    with open_store(str(store), read_only=True) as kgstore:
        rows = {query: len(kgstore.query(query).rows) for query, _ in GOOD if not query.startswith("ASK")}
    for query, accept in GOOD:
        response = httpx.post(base + "/sparql", data={"query": query}, headers={"Accept": accept}, timeout=30)
        assert response.status_code == 200, response.text
        out[query] = _normal(response.text, accept)
        if query in rows:
            normal = out[query]
            count = normal if isinstance(normal, int) else len(normal) - (0 if accept.endswith("json") else 1)
            assert count == rows[query], query
    return out


def test_soak(soak_store, tmp_path, capsys):
    with Listener() as listener:
        server = Server(soak_store, tmp_path / "serve.log", "--allow-update", "--token", TOKEN, "--workers",
                        str(WORKERS), "--timeout", str(TIMEOUT), "--max-query-size", str(MAX_QUERY),
                        "--max-client-requests", str(PER_CLIENT), "--max-requests", "64", "--max-rows", "50000")
        try:
            expected = expected_answers(soak_store, server.base)
            figures = _run(server, expected, listener)
        finally:
            server.stop()
        calls = list(listener.calls)
    figures["outbound_requests"] = len(calls)
    report = os.environ.get("KG_SOAK_REPORT")
    if report:
        Path(report).write_text(json.dumps(figures, indent=1), encoding="utf-8")
    with capsys.disabled():
        print("\nsoak:", json.dumps(figures))
    assert not figures["wrong"], figures["wrong"]
    assert calls == [], calls
    tried, answered, refused = figures["tried"], figures["answered"], figures["refused"]
    assert answered["good"] == tried["good"] > 100
    assert sum(figures["retried_after_503"].values()) < 0.1 * sum(tried.values()), "the server shed too much"
    for kind, status in (("bad syntax", 400), ("federation", 400), ("huge query", 413), ("huge body", 413),
                         ("no token", 403), ("never ending", 503), ("slow body", 408)):
        assert refused[kind] == {status: tried[kind]} and tried[kind] > 0, (kind, refused.get(kind))
    assert answered["update"] == tried["update"] > 0
    assert refused["flood"].get(429, 0) > 0 and answered["flood"] > 0
    assert set(refused["flood"]) == {429}
    assert answered["slow reader"] == tried["slow reader"] > 0
    assert figures["workers_after"] == {"alive": WORKERS, "idle": WORKERS}
    memory = figures["memory_mb"]
    # the server process holds no answer (they are spooled); a worker's memory is bounded
    assert memory["server_last_third"] - memory["server_first_third"] <= 10, memory
    assert memory["worker_last_third"] - memory["worker_first_third"] <= 20, memory


def _run(server: Server, expected: dict, listener: Listener) -> dict:
    tally, stop = Tally(), threading.Event()
    endpoint = server.endpoint
    auth = {"Authorization": f"Bearer {TOKEN}"}

    def post(http: httpx.Client, kind: str, **kw) -> httpx.Response:
        """A POST as a well-behaved client sends it: a 503 with Retry-After (the server
        shedding load, on this shared 2-core machine) is tried again, up to 5 times."""
        for _ in range(5):
            response = http.post(endpoint, **kw)
            if response.status_code != 503 or "retry-after" not in response.headers:
                return response
            tally.busy(kind)
            time.sleep(min(float(response.headers["retry-after"]), 1.0))
        return response

    def client(address: str, **kw) -> httpx.Client:
        return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=30, **kw)

    def good(address: str) -> None:
        with client(address) as http:
            while not stop.is_set():
                query, accept = random.choice(GOOD)
                response = post(http, "good", data={"query": query}, headers={"Accept": accept})
                if response.status_code != 200:
                    tally.note("good", response.status_code, f"HTTP {response.status_code}: {response.text[:120]}")
                elif _normal(response.text, accept) != expected[query]:
                    tally.note("good", 200, f"a wrong answer to {query[:60]}")
                else:
                    tally.note("good", 200)
                time.sleep(0.05)

    def bad(address: str) -> None:
        cases = [("bad syntax", {"query": "SELECT * WHERE { ?s ?p }"}, {}),
                 ("bad syntax", {"query": "SELEKT ?x"}, {}),
                 ("federation", {"query": f"SELECT * {{ SERVICE <{listener.url}/sparql> {{ ?s ?p ?o }} }}"}, {}),
                 ("federation", {"query": f"SELECT * {{ SERVICE <http://169.254.169.254/latest/> {{ ?s ?p ?o }} }}"}, {}),
                 ("no token", {"update": "DROP ALL"}, {}),
                 ("no token", {"update": f"LOAD <{listener.url}/data.nt>"}, {"Authorization": "Bearer wrong"}),
                 ("huge query", {"query": "SELECT * { ?s ?p ?o } # " + "x" * (MAX_QUERY + 1000)}, {})]
        with client(address) as http:
            while not stop.is_set():
                kind, data, headers = random.choice(cases)
                response = post(http, kind, data=data, headers=headers)
                one_line = len(response.text.strip().splitlines()) == 1
                tally.note(kind, response.status_code, None if one_line else f"not one line: {response.text[:80]}")
                time.sleep(0.1)

    def huge_body(address: str) -> None:
        body = b"query=" + b"x" * (4 * MAX_QUERY)
        with client(address) as http:
            while not stop.is_set():
                response = http.post(endpoint, content=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
                tally.note("huge body", response.status_code)
                time.sleep(0.2)

    def never_ending(address: str) -> None:
        with client(address) as http:
            while not stop.wait(5.0):
                response = http.post(endpoint, data={"query": NEVER_ENDS})
                tally.note("never ending", response.status_code)

    def updates(address: str) -> None:
        n = 0
        with client(address) as http:
            while not stop.wait(1.0):
                n += 1
                graph = f"urn:soak:{address}:{n}"
                wrote = post(http, "update", headers=auth,
                             data={"update": f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:soak> <urn:n> {n} }} }}"})
                seen = post(http, "update", data={"query": f"ASK {{ GRAPH <{graph}> {{ <urn:soak> <urn:n> {n} }} }}"},
                            headers={"Accept": "application/sparql-results+json"})
                dropped = post(http, "update", data={"update": f"DROP SILENT GRAPH <{graph}>"}, headers=auth)
                ok = wrote.status_code == seen.status_code == dropped.status_code == 200 and seen.json()["boolean"]
                tally.note("update", 200 if ok else wrote.status_code,
                           None if ok else f"{wrote.status_code}/{seen.status_code}/{dropped.status_code} {wrote.text[:80]}")

    def flood(address: str) -> None:
        with client(address, limits=httpx.Limits(max_connections=3 * PER_CLIENT)) as http:
            def one() -> None:
                response = post(http, "flood", data={"query": "ASK { ?s ?p ?o }"})
                tally.note("flood", response.status_code)
            while not stop.wait(1.0):
                burst = [threading.Thread(target=one) for _ in range(3 * PER_CLIENT)]
                for thread in burst:
                    thread.start()
                for thread in burst:
                    thread.join()

    def slow_body(address: str) -> None:
        while not stop.wait(1.0):
            with socket.create_connection(("127.0.0.1", server.port), source_address=(address, 0)) as sock:
                sock.settimeout(10)
                sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                             b"Content-Length: 64\r\n\r\nASK")
                try:
                    answer = sock.recv(4096).decode()
                    tally.note("slow body", int(answer.split()[1]) if answer else "gone")
                except (OSError, IndexError, ValueError):
                    tally.note("slow body", "gone")

    def slow_reader(address: str) -> None:
        request = (f"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                   f"Accept: text/tab-separated-values\r\nConnection: close\r\n"
                   f"Content-Length: {len(BIG.encode())}\r\n\r\n").encode() + BIG.encode()
        while not stop.is_set():
            with socket.create_connection(("127.0.0.1", server.port), source_address=(address, 0)) as sock:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16384)
                sock.sendall(request)
                sock.settimeout(10)
                data = b""
                while chunk := sock.recv(16384):
                    data += chunk
                    time.sleep(0.02)  # under 1 MB/s: slow, yet each piece within the time limit
            head, _, body = data.partition(b"\r\n\r\n")
            if head.startswith(b"HTTP/1.1 503"):
                tally.busy("slow reader")  # shed while busy: asked again
                time.sleep(1)
                continue
            complete = head.startswith(b"HTTP/1.1 200") and body.count(b"\n") == BIG_ROWS + 1
            tally.note("slow reader", 200 if complete else "incomplete", None if complete else head[:60].decode())

    def leaver(address: str) -> None:
        request = (f"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                   f"Content-Length: {len(BIG.encode())}\r\n\r\n").encode() + BIG.encode()
        while not stop.wait(1.0):
            with socket.create_connection(("127.0.0.1", server.port), source_address=(address, 0)) as sock:
                sock.sendall(request)
                sock.settimeout(10)
                sock.recv(65536)  # the start of the answer, then gone
            tally.note("disconnect", "left mid-answer")

    kinds = [(good, 3), (bad, 1), (huge_body, 1), (never_ending, 1), (updates, 1), (flood, 1), (slow_body, 1),
             (slow_reader, 1), (leaver, 1)]
    threads, address = [], 10
    for target, count in kinds:
        for _ in range(count):
            threads.append(threading.Thread(target=target, args=(f"127.0.0.{address}",), daemon=True))
            address += 1

    warm = min(10.0, SECONDS / 6)
    started = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(warm)  # caches, buffers and worker imports filled: memory from here on must stay flat
    samples = []  # (seconds, server RSS, [worker RSS])
    while time.monotonic() - started < SECONDS:
        samples.append((time.monotonic() - started, *_rss(server.process.pid)))
        time.sleep(1)
    stop.set()
    for thread in threads:
        thread.join(60)
    deadline, health = time.monotonic() + 30, {}
    while time.monotonic() < deadline:
        health = httpx.get(server.base + "/health").json()
        if health["workers_alive"] == health["workers_idle"] == WORKERS and health["in_flight"] == 0:
            break
        time.sleep(0.2)
    server_after, workers_after = _rss(server.process.pid)
    third = max(1, len(samples) // 3)
    mb = lambda value: round(value / 1e6, 1)  # noqa: E731
    figures = tally.figures()
    figures.update(seconds=round(time.monotonic() - started, 1),
                   memory_mb={
                       # the server process, after the warm-up and at the end
                       "server_before": mb(samples[0][1]), "server_after": mb(server_after),
                       "server_peak": mb(max(s[1] for s in samples)),
                       "server_first_third": mb(max(s[1] for s in samples[:third])),
                       "server_last_third": mb(max(s[1] for s in samples[-third:])),
                       # the largest worker, over the first and the last third of the run (workers
                       # stopped for running too long are replaced, so the sum of all swings)
                       "worker_first_third": mb(max(max(s[2] or [0]) for s in samples[:third])),
                       "worker_last_third": mb(max(max(s[2] or [0]) for s in samples[-third:])),
                       "all_before": mb(samples[0][1] + sum(samples[0][2])),
                       "all_after": mb(server_after + sum(workers_after))},
                   workers_after={"alive": health.get("workers_alive"), "idle": health.get("workers_idle")},
                   server_rss_mb_every_10s=[mb(s[1]) for s in samples[::10]],
                   server_counts={k: health.get(k) for k in ("queries", "updates", "timeouts", "errors")})
    return figures
