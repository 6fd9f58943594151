"""What one request may cost ``kg serve``: each limit refused with its own status and one line.

413 (query, update, body too large), 431 (a GET past the HTTP layer's head limit), 429 (too
many in flight from one address), 503 (too many in all; past the time limit), 408 (a body
that does not arrive in time); answers streamed through a spool, so the server's memory
does not hold a big one, and a client that stops reading is cut off.
"""
from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from pathlib import Path

import httpx
import psutil
import pytest

from .test_serve import NEVER_ENDS, TOKEN, Server

#: about 90,000 rows, 14 MB as SPARQL Results JSON
BIG = "SELECT ?i ?j ?k WHERE { VALUES ?i { " + " ".join(f'"row {n:04d} padding"' for n in range(300)) + \
      " } VALUES ?j { " + " ".join(str(n) for n in range(300)) + " } BIND(CONCAT(?i, STR(?j)) AS ?k) }"


@pytest.fixture(scope="module")
def server(built_examples: Path, tmp_path_factory):
    copy = tmp_path_factory.mktemp("limits") / "store"
    shutil.copytree(built_examples, copy)
    running = Server(copy, tmp_path_factory.mktemp("log") / "serve.log", "--timeout", "5", "--workers", "2",
                     "--max-query-size", "64K", "--max-update-size", "128K", "--max-client-requests", "3",
                     "--max-requests", "6", "--max-rows", "100000", "--allow-update", "--token", TOKEN)
    yield running
    running.stop()


def client(address: str) -> httpx.Client:
    """A client whose connections come from ``address`` (any of 127.0.0.0/8 is loopback)."""
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=30)


def one_line(response: httpx.Response) -> bool:
    return len(response.text.strip().splitlines()) == 1


def health(server: Server) -> dict:
    return httpx.get(server.base + "/health").json()


def settle(server: Server, within: float = 20) -> dict:
    """Wait until nothing is in flight and every worker is ready again."""
    deadline = time.monotonic() + within
    while True:
        state = health(server)
        if state["in_flight"] == 0 and state["workers_idle"] == state["workers"]:
            return state
        assert time.monotonic() < deadline, state
        time.sleep(0.1)


def test_sizes_are_refused_with_413(server):
    query = "SELECT * { ?s ?p ?o } # " + "x" * 70_000
    for response in (httpx.post(server.endpoint, data={"query": query}),
                     httpx.post(server.endpoint, content=query, headers={"Content-Type": "application/sparql-query"})):
        assert response.status_code == 413 and one_line(response), response.text
        assert "--max-query-size" in response.text
    # without the token a body cannot be larger than a query could be: refused by its length
    huge = httpx.post(server.endpoint, content=b"query=" + b"x" * 400_000,
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert huge.status_code == 413 and one_line(huge)

    def chunks():  # no Content-Length: refused as soon as it passes the cap
        for _ in range(100):
            yield b"y" * 10_000

    streamed = httpx.post(server.endpoint, content=chunks(), headers={"Content-Type": "application/sparql-query"})
    assert streamed.status_code == 413 and one_line(streamed)
    update = "INSERT DATA { GRAPH <urn:big> { " + " ".join(f"<urn:s{n}> <urn:p> {n} ." for n in range(8000)) + " } }"
    assert len(update) > 128 * 1024
    too_big = httpx.post(server.endpoint, content=update, headers={"Authorization": f"Bearer {TOKEN}",
                                                                   "Content-Type": "application/sparql-update"})
    assert too_big.status_code == 413 and "--max-update-size" in too_big.text and one_line(too_big)
    assert httpx.post(server.endpoint, data={"query": "ASK { GRAPH <urn:big> { ?s ?p ?o } }"}).json()["boolean"] is False


def _raw_get(server: Server, size: int) -> tuple[str, str]:
    """A GET with a ``size``-byte query string, sent as a plain socket (httpx refuses such URLs)."""
    with socket.create_connection(("127.0.0.1", server.port)) as sock:
        sock.settimeout(15)
        try:
            sock.sendall(b"GET /sparql?query=SELECT%20*%20%7B%7D%20%23" + b"x" * size + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # refused before it was all sent
        answer = b""
        try:
            while chunk := sock.recv(65536):
                answer += chunk
        except ConnectionResetError:
            pass
    head, _, body = answer.decode().partition("\r\n\r\n")
    return head.split("\r\n")[0], body


def test_a_long_get_is_413_and_one_past_the_head_limit_is_431(server):
    status, body = _raw_get(server, 100_000)  # read whole, then refused as a query over the size
    assert status.startswith("HTTP/1.1 413") and len(body.strip().splitlines()) == 1, (status, body)
    status, body = _raw_get(server, 2_000_000)  # more than the HTTP layer buffers for a request head
    assert status.startswith("HTTP/1.1 431") and "POST" in body and len(body.strip().splitlines()) == 1, (status, body)
    assert httpx.get(server.endpoint, params={"query": "ASK {}"}).status_code == 200


def test_too_many_in_flight_from_one_address_is_429_and_others_go_on(server):
    settle(server)
    statuses: list[int] = []
    with client("127.0.0.2") as busy:
        slow = [threading.Thread(target=lambda: statuses.append(
            busy.post(server.endpoint, data={"query": NEVER_ENDS}).status_code)) for _ in range(3)]
        for thread in slow:
            thread.start()
        time.sleep(0.5)
        refused = busy.post(server.endpoint, data={"query": "ASK {}"})
        assert refused.status_code == 429 and refused.headers["retry-after"] and one_line(refused)
        assert "--max-client-requests" in refused.text
        with client("127.0.0.3") as other:
            assert other.post(server.endpoint, data={"query": "ASK {}"}).status_code in (200, 503)
        for thread in slow:
            thread.join(30)
    assert sorted(statuses) == [503, 503, 503]  # stopped by the time limit, or waiting for a worker past it
    state = settle(server)
    assert state["refused_busy"]["429"] >= 1


def test_too_many_in_flight_in_all_is_503(server):
    settle(server)
    statuses: list[int] = []
    clients = [client(f"127.0.0.{n}") for n in (4, 5, 6)]
    try:
        slow = [threading.Thread(target=lambda c=c: statuses.append(
            c.post(server.endpoint, data={"query": NEVER_ENDS}).status_code)) for c in clients for _ in range(2)]
        for thread in slow:
            thread.start()
        time.sleep(0.5)
        with client("127.0.0.7") as late:
            refused = late.post(server.endpoint, data={"query": "ASK {}"})
        assert refused.status_code == 503 and "--max-requests" in refused.text and one_line(refused)
        for thread in slow:
            thread.join(30)
    finally:
        for c in clients:
            c.close()
    assert statuses == [503] * 6
    settle(server)


def test_a_body_that_does_not_arrive_is_408(server):
    host, port = "127.0.0.1", server.port
    with socket.create_connection((host, port)) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                     b"Content-Length: 100\r\n\r\nASK")
        sock.settimeout(15)
        answer = sock.recv(4096).decode()
    assert answer.startswith("HTTP/1.1 408"), answer
    settle(server)


def _server_rss(server: Server) -> int:
    return psutil.Process(server.process.pid).memory_info().rss


def test_a_big_answer_is_streamed_not_held(server):
    settle(server)
    peak, stop = [_server_rss(server)], threading.Event()
    base = peak[0]

    def sample():
        while not stop.is_set():
            peak.append(_server_rss(server))
            time.sleep(0.005)

    watcher = threading.Thread(target=sample)
    watcher.start()
    size = rows = 0
    try:
        with httpx.stream("POST", server.endpoint, data={"query": BIG}, timeout=60,
                          headers={"Accept": "application/sparql-results+json"}) as response:
            assert response.status_code == 200
            assert response.headers["x-kg-rows"] == "90000" and response.headers["x-kg-truncated"] == "false"
            declared = int(response.headers["content-length"])
            body = b"".join(response.iter_bytes())
            size = len(body)
    finally:
        stop.set()
        watcher.join()
    rows = body.count(b'"k":')
    assert size == declared > 10_000_000 and rows == 90_000
    grown = max(peak) - base
    assert grown < size / 2, f"the server grew {grown / 1e6:.1f} MB sending a {size / 1e6:.1f} MB answer"


def test_a_client_that_stops_reading_is_cut_off_and_one_that_leaves_frees_its_place(server):
    settle(server)
    full = int(httpx.post(server.endpoint, data={"query": BIG}, timeout=60).headers["content-length"])
    request = (f"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
               f"Content-Length: {len(BIG.encode())}\r\n\r\n").encode() + BIG.encode()
    stalled = socket.socket()
    stalled.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # before connecting: a small window
    stalled.bind(("127.0.0.21", 0))
    stalled.connect(("127.0.0.1", server.port))
    stalled.sendall(request)
    stalled.settimeout(30)
    assert stalled.recv(12) == b"HTTP/1.1 200"  # answered; then it reads nothing more
    leaving = socket.create_connection(("127.0.0.1", server.port), source_address=("127.0.0.22", 0))
    leaving.sendall(request)
    leaving.recv(65536)  # part of the answer, then gone
    leaving.close()
    try:
        deadline = time.monotonic() + 60
        while health(server)["in_flight"]:  # the stalled reader is cut off after the time limit
            assert time.monotonic() < deadline, "a client that stopped reading held its request"
            time.sleep(0.2)
    finally:
        stalled.close()
    time.sleep(0.3)
    sent = {}
    for line in server.log.read_text().splitlines():
        match = re.search(r'(127\.0\.0\.2[12]) "POST /sparql" 200 (\d+)B', line)
        if match:
            sent[match.group(1)] = int(match.group(2))
    assert sent["127.0.0.21"] < full, (sent, full)  # cut off before the end of its answer
    assert sent["127.0.0.22"] < full, (sent, full)
    state = settle(server)
    assert state["workers_alive"] == 2
    assert httpx.post(server.endpoint, data={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True
