"""`kg build --cluster`: extraction on a real Dask cluster, a scheduler and two workers started
as their own processes on loopback, as Dask users start them; the store must equal a local build's."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Dataset
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.errors import ClusterError
from kg.executor import DaskCluster, InProcess, ProcessPool, open_executor

from .conftest import shared_path

BIN = Path(sys.executable).parent


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory):
    """``dask scheduler`` on a free loopback port and two ``dask worker tcp://...``; yields the address."""
    folder = tmp_path_factory.mktemp("dask")
    scheduler_file = folder / "scheduler.json"
    logs = []

    def start(*args, name):
        log = open(folder / f"{name}.log", "wb")
        logs.append(log)
        return subprocess.Popen([str(BIN / "dask"), *args], stdout=log, stderr=subprocess.STDOUT, cwd=folder)

    processes = [start("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                       "--scheduler-file", str(scheduler_file), name="scheduler")]
    try:
        deadline = time.monotonic() + 60
        while not scheduler_file.exists() or not scheduler_file.read_text().strip():
            assert processes[0].poll() is None, (folder / "scheduler.log").read_text()
            assert time.monotonic() < deadline, "dask scheduler did not start in 60 s"
            time.sleep(0.2)
        time.sleep(0.2)
        address = json.loads(scheduler_file.read_text())["address"]
        assert address.startswith("tcp://127.0.0.1:")
        for i in range(2):
            processes.append(start("worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
                                   "--local-directory", str(folder / f"w{i}"), name=f"worker{i}"))
        from distributed import Client
        with Client(address, timeout=30, set_as_default=False) as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for process in reversed(processes):
            _stop(process)
        for log in logs:
            log.close()
    assert all(p.returncode is not None for p in processes)


def dataset(path: Path) -> Dataset:
    data = Dataset()
    data.parse(path, format="nquads")
    return data


def assert_same_dataset(got: Path, expected: Path) -> None:
    """The two N-Quads exports hold the same named graphs, each isomorphic to its counterpart."""
    a, b = dataset(got), dataset(expected)
    graphs_a = {g.identifier: g for g in a.graphs() if len(g)}
    graphs_b = {g.identifier: g for g in b.graphs() if len(g)}
    assert set(graphs_a) == set(graphs_b), (set(graphs_a) ^ set(graphs_b))
    for name, graph in graphs_a.items():
        if not isomorphic(graph, graphs_b[name]):
            _, only_got, only_expected = graph_diff(to_isomorphic(graph), to_isomorphic(graphs_b[name]))
            pytest.fail(f"{name}: only in {got.name}: {sorted(only_got)[:3]}; only in {expected.name}: "
                        f"{sorted(only_expected)[:3]}")
    assert sum(len(g) for g in graphs_a.values()) > 1000


def export(kg, store, target: Path, env=None) -> Path:
    result = kg("export", "--store", store, "--format", "nquads", "--output", target)
    assert result.exit_code == 0, result.output
    return target


@pytest.fixture(scope="module")
def local_dev_export(tmp_path_factory) -> Path:
    """corpus/dev built locally in one process, exported as N-Quads."""
    from click.testing import CliRunner
    from kg.cli import cli
    folder = tmp_path_factory.mktemp("local")
    for args in (["build", str(shared_path("corpus", "dev")), "--store", str(folder / "store")],
                 ["export", "--store", str(folder / "store"), "--format", "nquads", "--output", str(folder / "local.nq")]):
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
    return folder / "local.nq"


def test_a_build_on_the_cluster_equals_a_local_build(dask_cluster, local_dev_export, kg, tmp_path):
    store = tmp_path / "store"
    result = kg("build", shared_path("corpus", "dev"), "--store", store, "--cluster", dask_cluster)
    assert result.exit_code == 0, result.output
    assert "24 documents built" in result.output
    assert_same_dataset(export(kg, store, tmp_path / "cluster.nq"), local_dev_export)
    # a second build on the cluster finds every document unchanged
    again = kg("build", shared_path("corpus", "dev"), "--store", store, "--cluster", dask_cluster)
    assert again.exit_code == 0 and "0 documents built, 24 unchanged" in again.output, again.output


def test_the_cluster_runs_the_work_on_its_workers_in_input_order(dask_cluster):
    from distributed import get_task_stream
    with DaskCluster(dask_cluster, chunk=3) as cluster:
        assert cluster.workers == 2
        with get_task_stream(cluster.client) as stream:
            results = list(cluster.map(abs, range(-20, 0)))
        pids = cluster.client.run(os.getpid)
    assert results == list(range(20, 0, -1))
    assert len(stream.data) == 7  # 20 items in chunks of 3
    assert {task["worker"] for task in stream.data} <= set(pids)  # run by the workers
    assert os.getpid() not in pids.values() and len(set(pids.values())) == 2


def test_an_unreachable_scheduler_is_one_line_and_the_store_is_untouched(kg, tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CLUSTER_TIMEOUT", "2")
    store = tmp_path / "store"
    result = kg("build", shared_path("corpus", "dev"), "--store", store, "--cluster", "tcp://127.0.0.1:9")
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9"), \
        result.output
    assert not store.exists()
    with pytest.raises(ClusterError, match="cannot reach"):
        DaskCluster("127.0.0.1:9", timeout=1)


def test_the_executor_follows_workers_and_cluster():
    assert isinstance(open_executor(1), InProcess)
    with open_executor(3) as pool:
        assert isinstance(pool, ProcessPool) and pool.workers == 3
        assert list(pool.map(abs, [-3, 2, -1])) == [3, 2, 1]
    assert list(InProcess().map(abs, [-1])) == [1]


def test_a_build_on_the_cluster_into_virtuoso_equals_a_local_build(dask_cluster, virtuoso, tmp_path):
    """The workers extract, this process writes the SPARQL store as a local build does."""
    from click.testing import CliRunner
    from kg.cli import cli
    from kg.store import open_store
    env = {"KG_SPARQL_USER": "dba", "KG_SPARQL_PASSWORD": "dba"}

    def run(*args):
        result = CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result

    with open_store(virtuoso, user="dba", password="dba") as store:
        before = set(store.documents())
    try:
        assert "24 documents built" in run("build", shared_path("corpus", "dev"), "--store", virtuoso,
                                           "--cluster", dask_cluster).output
        run("export", "--store", virtuoso, "--format", "nquads", "--output", tmp_path / "cluster.nq")
        # the reference is a local build into the same server (Virtuoso rounds xsd:decimal
        # to 15 digits, so the embedded store's export is no reference here)
        with open_store(virtuoso, user="dba", password="dba") as store:
            store.drop_documents(set(store.documents()) - before)
        assert "24 documents built" in run("build", shared_path("corpus", "dev"), "--store", virtuoso).output
        run("export", "--store", virtuoso, "--format", "nquads", "--output", tmp_path / "local.nq")
        assert_same_dataset(tmp_path / "cluster.nq", tmp_path / "local.nq")
    finally:  # leave the shared server as the other tests expect it
        with open_store(virtuoso, user="dba", password="dba") as store:
            store.drop_documents(set(store.documents()) - before)
