"""`kill -9` of `kg build` at random points leaves a store that opens, answers, and holds
each document whole or not at all; the next build completes the rest."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.store import open_store

from .conftest import GRAPH_SIZES, write_corpus

KG = [sys.executable, "-m", "kg"]


def graph_sizes(store: Path) -> dict[str, int]:
    with open_store(str(store), read_only=True) as s:
        return {str(g): int(n) for g, n in s.query(GRAPH_SIZES).rows}


@pytest.mark.timeout(240)
def test_kill_9_during_build_loses_nothing_and_never_half_writes(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 1000)
    reference = tmp_path / "reference"
    started = time.perf_counter()
    subprocess.run([*KG, "build", str(corpus), "--store", str(reference)], check=True, capture_output=True)
    duration = time.perf_counter() - started
    expected = graph_sizes(reference)
    assert len(expected) == 1000

    rng = random.Random(7)
    store = tmp_path / "store"
    kills = 0
    for _ in range(6):
        # --force rewrites every document, so each run can be cut in the middle of its writes
        proc = subprocess.Popen([*KG, "build", str(corpus), "--store", str(store), "--force"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.1, 0.9) * duration)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait()
        if (store / "CURRENT").exists():
            got = graph_sizes(store)  # opens and answers after every kill
            for graph, size in got.items():
                assert expected.get(graph) == size, f"half-written document graph {graph}"
    assert kills >= 3
    done = subprocess.run([*KG, "build", str(corpus), "--store", str(store)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert graph_sizes(store) == expected


def test_read_only_store_folder_gives_a_clear_error(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root ignores folder permissions")
    store = tmp_path / "store"
    store.mkdir()
    store.chmod(0o500)
    article = tmp_path / "a.txt"
    article.write_text("Headline Of Note\n\nThe Senate passed the bill.\n")
    done = subprocess.run([*KG, "build", str(article), "--store", str(store)], capture_output=True, text=True)
    assert done.returncode == 1 and "cannot open store" in done.stderr and "Traceback" not in done.stderr
