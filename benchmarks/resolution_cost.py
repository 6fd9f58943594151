"""What cross-article resolution costs a build: one corpus built with it and without it.

    python benchmarks/resolution_cost.py              # 3,000 benchmark articles
    python benchmarks/resolution_cost.py --count 600  # quicker

Writes the benchmark's legal articles (benchmarks/corpus.py, same seeded determinism), then
builds them into a fresh embedded store twice, each in its own process, one worker: as
``kg build`` does (resolution on), and with the resolver answering "no match" for every
mention (each article keeps the IRIs its words give, no decision is written). Prints seconds,
quads and the ratio measured in this one run; the machine's load moves the seconds, the ratio
is what to read. The store's size shows the decisions' share of the quads.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _child(corpus: str, store: str, resolve: bool) -> None:
    from kg.build import build
    from kg.resolve import resolver
    from kg.store import open_store
    if not resolve:
        resolver.Resolver.resolve = lambda self, doc, summary: ({}, [])
    s = open_store(store, create=True)
    started = time.perf_counter()
    build([corpus], s, workers=1)
    seconds = time.perf_counter() - started
    quads = s.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0]
    print(json.dumps({"seconds": seconds, "quads": int(quads)}))


def run(corpus: Path, store: Path, resolve: bool) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", str(corpus), str(store), "1" if resolve else "0"],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child[0], args.child[1], args.child[2] == "1")
        return {}
    from corpus import write_corpus
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "articles"
        write_corpus(corpus, args.count)
        on = run(corpus, Path(tmp) / "with", True)
        off = run(corpus, Path(tmp) / "without", False)
    result = {"articles": args.count, "with_resolution_s": round(on["seconds"], 1),
              "without_resolution_s": round(off["seconds"], 1),
              "ratio": round(on["seconds"] / off["seconds"], 2),
              "quads_with": on["quads"], "quads_without": off["quads"],
              "quads_ratio": round(on["quads"] / off["quads"], 3)}
    print(json.dumps(result, indent=1))
    return result


if __name__ == "__main__":
    main()
