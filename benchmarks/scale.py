"""Figures for the scale-out projection: a Dask cluster's cost per document, and shard load rates.

    .venv/bin/python benchmarks/scale.py [--articles 1500]

Starts a real `dask scheduler` and one `dask worker --nthreads 1` on loopback, extracts the
same synthetic articles (benchmarks/corpus.py) in this process and on the worker, in
alternating rounds, and reports the extra wall time per document the cluster adds
(scheduling, sending documents, sending graphs back). Then `kg extract` writes them as
shards and `kg load` loads the shards into a fresh embedded store and into a private
Virtuoso (scripts/virtuoso.sh), reporting quads per second. Prints JSON.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import iter_articles  # noqa: E402

from kg.build import prepare  # noqa: E402
from kg.executor import DaskCluster, InProcess  # noqa: E402
from kg.ingest import Document  # noqa: E402

BIN = Path(sys.executable).parent


def _documents(n: int) -> list[Document]:
    return [Document(a.title, a.body, source=f"bench/{i}.txt") for i, a in enumerate(iter_articles(n, seed=7))]


def cluster_overhead(documents: list[Document], rounds: int) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="kg-bench-dask-"))
    scheduler_file = folder / "scheduler.json"
    logs = [open(folder / name, "wb") for name in ("scheduler.log", "worker.log")]
    procs = [subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                               "--scheduler-file", str(scheduler_file)], stdout=logs[0], stderr=subprocess.STDOUT)]
    try:
        while not scheduler_file.exists() or not scheduler_file.read_text().strip():
            time.sleep(0.2)
        time.sleep(0.2)
        address = json.loads(scheduler_file.read_text())["address"]
        procs.append(subprocess.Popen([str(BIN / "dask"), "worker", address, "--nworkers", "1", "--nthreads", "1",
                                       "--no-dashboard", "--local-directory", str(folder / "w")],
                                      stdout=logs[1], stderr=subprocess.STDOUT))
        local, remote = [], []
        with DaskCluster(address) as cluster:
            cluster.client.wait_for_workers(1, timeout=60)
            list(cluster.map(prepare, documents[:64]))  # warm the worker (imports, gazetteers)
            list(InProcess().map(prepare, documents[:64]))
            for _ in range(rounds):
                for runner, times in ((InProcess(), local), (cluster, remote)):
                    started = time.perf_counter()
                    for _ in runner.map(prepare, documents):
                        pass
                    times.append(time.perf_counter() - started)
        n = len(documents)
        best_local, best_remote = min(local), min(remote)
        from kg.executor import DASK_CHUNK
        return {"documents": n, "chunk": DASK_CHUNK,
                "in_process_s": round(best_local, 3), "one_dask_worker_s": round(best_remote, 3),
                "overhead_ms_per_document": round((best_remote - best_local) / n * 1000, 3),
                "rounds": rounds}
    finally:
        for proc in reversed(procs):
            proc.terminate()
            proc.wait(timeout=30)
        for log in logs:
            log.close()
        shutil.rmtree(folder, ignore_errors=True)


def _kg(*args, env=None) -> str:
    done = subprocess.run([str(BIN / "kg"), *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, **(env or {})})
    if done.returncode:
        raise SystemExit(f"kg {' '.join(map(str, args))} failed: {done.stderr}")
    return done.stderr


def load_rates(documents: list[Document]) -> dict:
    work = Path(tempfile.mkdtemp(prefix="kg-bench-shards-"))
    out: dict = {}
    try:
        corpus = work / "corpus"
        corpus.mkdir()
        for i, doc in enumerate(documents):
            (corpus / f"a{i:05d}.txt").write_text(f"{doc.title}\n\n{doc.body}\n", encoding="utf-8")
        virtuoso = work / "virtuoso"
        started = subprocess.run(["bash", str(ROOT / "scripts" / "virtuoso.sh"), "start", str(virtuoso)],
                                 capture_output=True, text=True)
        shards = (virtuoso if started.returncode == 0 else work) / "shards"
        _kg("extract", corpus, "--output", shards)
        quads = json.loads((shards / "manifest.json").read_text())["quads"]
        out["quads"] = quads
        t = time.perf_counter()
        _kg("load", shards, "--store", work / "store")
        out["embedded_quads_per_s"] = round(quads / (time.perf_counter() - t))
        t = time.perf_counter()
        _kg("build", corpus, "--store", work / "store-built")
        out["embedded_build_s"] = round(time.perf_counter() - t, 2)
        if started.returncode == 0:
            endpoint = "sparql+" + (virtuoso / "endpoint").read_text().strip()
            env = {"KG_SPARQL_USER": "dba", "KG_SPARQL_PASSWORD": "dba"}
            isql = (virtuoso / "isql").read_text().strip()
            t = time.perf_counter()
            _kg("load", shards, "--store", endpoint, "--isql", isql, env=env)
            out["virtuoso_bulk_quads_per_s"] = round(quads / (time.perf_counter() - t))
            t = time.perf_counter()
            _kg("load", shards, "--store", endpoint, "--isql", isql, env=env)
            out["virtuoso_bulk_replacing_quads_per_s"] = round(quads / (time.perf_counter() - t))
            subprocess.run(["bash", str(ROOT / "scripts" / "virtuoso.sh"), "stop", str(virtuoso)], capture_output=True)
        else:
            out["virtuoso"] = f"not started: {started.stderr.strip()[-200:]}"
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1500)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    documents = _documents(args.articles)
    mb = sum(len(d.text.encode()) for d in documents) / 1e6
    result = {"articles": len(documents), "mb": round(mb, 2), "cluster": cluster_overhead(documents, args.rounds),
              "load": load_rates(documents)}
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
