"""One writer or many readers per store, and ``kg serve`` answering while documents are added.

The locking model (kg/store/lock.py): a writer (``kg build``) holds the store alone; readers
(``kg query``, ``export``, ``stats``, ``viz``, the workers of ``kg serve``) share it. A
process that finds the store taken waits a bounded time, then stops with one line naming
the holder. To read while writing, the server owns the store: writes go through its
token-protected update endpoint, and every answer sees each document whole or not at all.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from kg.build import build, prepare
from kg.errors import StoreError
from kg.ingest import iter_documents
from kg.store import open_store

from .conftest import GRAPH_SIZES, write_corpus
from kg.store.lock import holders
from kg.store.sparql import SparqlStore

KG = [sys.executable, "-m", "kg"]
TOKEN = "concurrency-test-token"
HOLD = """
import sys, time
from kg.store import open_store
store = open_store(sys.argv[1], create=True, read_only=sys.argv[2] == "read")
print("holding", flush=True)
time.sleep(float(sys.argv[3]))
store.close()
"""


def hold(store: Path, mode: str, seconds: float) -> subprocess.Popen:
    """Another process holding the store open (``read`` or ``write``) for ``seconds``."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(store), mode, str(seconds)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "holding", proc.stderr.read()
    return proc


@pytest.fixture
def small_store(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 3)
    store = tmp_path / "store"
    with open_store(str(store), create=True) as kgstore:
        build([str(corpus)], kgstore)
    return store


def run_kg(*args: str, wait: float = 1.0) -> subprocess.CompletedProcess:
    env = {**os.environ, "KG_LOCK_WAIT": str(wait)}
    return subprocess.run([*KG, *args], capture_output=True, text=True, env=env, timeout=120)


def test_a_reader_facing_a_writer_waits_then_names_it_in_one_line(small_store, tmp_path):
    writer = hold(small_store, "write", 30)
    try:
        started = time.monotonic()
        done = run_kg("stats", "--store", str(small_store), wait=1.5)
        waited = time.monotonic() - started
    finally:
        writer.kill()
        writer.wait()
    assert done.returncode == 1 and "Traceback" not in done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("kg: error: store ") and f"is being written by another process (pid {writer.pid}" in last
    assert "query through `kg serve`" in last
    assert 1.5 <= waited < 30
    # kill -9 of the writer frees the store at once: the kernel drops the lock with the process
    assert run_kg("stats", "--store", str(small_store)).returncode == 0


def test_a_writer_facing_readers_waits_then_names_them(small_store, tmp_path):
    readers = [hold(small_store, "read", 30) for _ in range(2)]
    try:
        assert {h.pid for h in holders(small_store / "kg.lock")} >= {r.pid for r in readers}
        done = run_kg("build", str(tmp_path / "corpus"), "--store", str(small_store), wait=1)
        for query in ("stats", "export"):  # readers share the store
            assert run_kg(query, "--store", str(small_store)).returncode == 0
    finally:
        for reader in readers:
            reader.kill()
            reader.wait()
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "is being read by another process" in done.stderr and str(readers[0].pid) in done.stderr


def test_a_reader_that_waits_gets_the_store_when_the_writer_finishes(small_store):
    writer = hold(small_store, "write", 4.0)
    done = run_kg("query", "--store", str(small_store), "ASK { ?s ?p ?o }", wait=20)
    writer.wait()
    assert done.returncode == 0 and done.stdout.strip() == "true", done.stderr
    assert "waiting up to 20 s" in done.stderr  # said once, while waiting


def test_opening_a_store_twice_for_writing_in_one_process_fails_at_once(small_store):
    with open_store(str(small_store), create=True):
        started = time.monotonic()
        with pytest.raises(StoreError, match="already open for writing in this process"):
            open_store(str(small_store), read_only=True)
        assert time.monotonic() - started < 1
    with open_store(str(small_store), read_only=True), open_store(str(small_store), read_only=True):
        pass  # two readers in one process share the store


def _serve(store: Path, log: Path) -> tuple[subprocess.Popen, str]:
    log_file = open(log, "wb")
    proc = subprocess.Popen([*KG, "serve", "--store", str(store), "--port", "0", "--allow-update",
                             "--token", TOKEN, "--workers", "2", "--quiet"], stdout=subprocess.DEVNULL, stderr=log_file)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        text = log.read_text(errors="replace")
        if "SPARQL endpoint " in text:
            return proc, text.split("SPARQL endpoint ", 1)[1].split(")", 1)[0]
        if proc.poll() is not None:
            raise RuntimeError(f"kg serve exited: {text}")
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"kg serve did not start: {log.read_text()}")


@pytest.mark.timeout(180)
def test_clients_query_kg_serve_while_documents_are_added_and_never_see_half_a_document(tmp_path):
    """8 clients query for a bounded time while batches are written through the server:
    zero errors, and in every answer each document's graph has its full size."""
    first, second = tmp_path / "first", tmp_path / "second"
    write_corpus(first, 30)
    write_corpus(second, 120, start=30)
    reference = tmp_path / "reference"
    with open_store(str(reference), create=True) as kgstore:
        report = build([str(first), str(second)], kgstore)
        assert report.documents == 150, (report.summary(), report.failed[:3], report.skipped[:3])
        expected = {str(g): int(n) for g, n in kgstore.query(GRAPH_SIZES).rows}
    assert len(expected) == 150

    store = tmp_path / "store"
    with open_store(str(store), create=True) as kgstore:
        build([str(first)], kgstore)
    server, endpoint = _serve(store, tmp_path / "serve.log")
    # what `kg build` sends to a served store: one SPARQL update per batch of documents
    writer = SparqlStore("sparql+" + endpoint, timeout=60)
    writer._client.headers["Authorization"] = f"Bearer {TOKEN}"
    graphs = [prepare(doc).graph for doc in iter_documents([str(second)])]

    stop = threading.Event()
    counts = {"queries": 0, "errors": [], "bad": [], "sizes_seen": set()}
    guard = threading.Lock()

    def client() -> None:
        with httpx.Client(timeout=60) as http:
            while not stop.is_set():
                try:
                    answer = http.post(endpoint, data={"query": "PREFIX lk: <https://w3id.org/legiskg/ontology#>\n"
                                                                + GRAPH_SIZES},
                                       headers={"Accept": "application/sparql-results+json"})
                except httpx.HTTPError as exc:
                    with guard:
                        counts["errors"].append(repr(exc))
                    continue
                with guard:
                    counts["queries"] += 1
                    if answer.status_code != 200:
                        counts["errors"].append(f"HTTP {answer.status_code}: {answer.text[:200]}")
                        continue
                    rows = answer.json()["results"]["bindings"]
                    sizes = {r["g"]["value"]: int(r["n"]["value"]) for r in rows}
                    counts["sizes_seen"].add(len(sizes))
                    counts["bad"] += [(g, n, expected.get(g)) for g, n in sizes.items() if expected.get(g) != n]

    threads = [threading.Thread(target=client) for _ in range(8)]
    try:
        for thread in threads:
            thread.start()
        started = time.monotonic()
        written = 0
        for start in range(0, len(graphs), 10):  # new documents, 10 a batch
            writer.replace_documents(graphs[start:start + 10])
            written += 1
        for start in range(0, len(graphs), 40):  # and rewrites of stored ones (drop + insert)
            writer.replace_documents(graphs[start:start + 40])
            written += 1
        while time.monotonic() - started < 8:
            time.sleep(0.2)
    finally:
        stop.set()
        for thread in threads:
            thread.join(60)
        writer.close()
        server.send_signal(signal.SIGTERM)
        server.wait(30)

    print(f"\n8 clients, {counts['queries']} queries served while {written} batches were written; "
          f"{len(counts['errors'])} errors; document counts seen: {sorted(counts['sizes_seen'])}")
    assert not counts["errors"], counts["errors"][:5]
    assert not counts["bad"], f"half-written documents seen: {counts['bad'][:5]}"
    assert counts["queries"] >= 40
    assert max(counts["sizes_seen"]) == 150 and min(counts["sizes_seen"]) <= 150
    with open_store(str(store), read_only=True) as kgstore:
        assert {str(g): int(n) for g, n in kgstore.query(GRAPH_SIZES).rows} == expected


@pytest.mark.timeout(120)
def test_kg_build_on_a_served_store_writes_through_the_server(small_store, tmp_path):
    """The server owns the store: `kg build` on its folder sends its writes to the server."""
    corpus = tmp_path / "more"
    write_corpus(corpus, 4, start=100)
    proc, endpoint = _serve(small_store, tmp_path / "serve.log")
    try:
        assert (small_store / "serve.json").stat().st_mode & 0o777 == 0o600  # it holds the token
        done = run_kg("build", str(corpus), "--store", str(small_store))
        assert done.returncode == 0, done.stderr
        assert "writing through" in done.stderr and TOKEN not in done.stderr + done.stdout
        answer = SparqlStore("sparql+" + endpoint).query("SELECT (COUNT(?d) AS ?n) WHERE { ?d a lk:SourceDocument }")
        assert int(answer.rows[0][0]) == 7
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert not (small_store / "serve.json").exists()
    with open_store(str(small_store), read_only=True) as kgstore:
        assert len(kgstore.documents()) == 7
