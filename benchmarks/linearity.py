"""Is one long document's cost linear in its length? Time and peak memory of one extraction.

    python benchmarks/linearity.py            # 0.75, 3 and 12 MB documents and a real long page
    python benchmarks/linearity.py --quick    # 0.19, 0.75 and 3 MB

Each size is extracted in a fresh process (so peak RSS is that document's), as
``kg.build.prepare`` does it: extraction, then the document's graph. The documents are one
legislative sentence repeated (the worst case for anything that compares a fact with the
facts read before it), and one real long page: the seed listing of ../shared, read whole as
one document. Prints seconds, MB/s and peak RSS per size, and the ratio of time and memory
between sizes 4x apart (linear: about 4x time, flat memory). Timings vary with the machine's
load; the ratios of one run are what to read.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SENTENCE = "The Mazhilis adopted the bill raising the fine to 100 MCI under Article 99. "
SEED = ROOT.parent / "shared" / "seeds" / "central-asia-news-listing.txt"


def _child(kind: str, size: int) -> None:
    """Extract one document in this process and print its figures as JSON."""
    sys.path.insert(0, str(ROOT))
    from kg.build import prepare
    from kg.ingest.document import Document
    if kind == "repeated":
        body = SENTENCE * (size // len(SENTENCE))
        title = "Digest of the week"
    else:
        text = SEED.read_text(encoding="utf-8")
        title, _, body = text.partition("\n")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    prepared = prepare(Document(title=title.strip() or "Listing", body=body, source=kind))
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"kind": kind, "mb": len(body.encode()) / 1e6, "seconds": seconds,
                      "peak_rss_mb": peak / 1024, "rss_before_mb": before / 1024, "facts": prepared.facts,
                      "error": str(prepared.error) if prepared.error else None}))


def measure(kind: str, size: int = 0) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", kind, str(size)], capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="0.19 / 0.75 / 3 MB instead of 0.75 / 3 / 12 MB")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child[0], int(args.child[1]))
        return {}
    sizes = [187_500, 750_000, 3_000_000] if args.quick else [750_000, 3_000_000, 12_000_000]
    rows = [measure("repeated", size) for size in sizes]
    if SEED.exists():
        rows.append(measure("seed"))
    print(f"{'document':12}{'MB':>8}{'s':>9}{'MB/s':>8}{'peak RSS MB':>13}{'facts':>7}")
    for r in rows:
        print(f"{r['kind']:12}{r['mb']:8.2f}{r['seconds']:9.2f}{r['mb'] / r['seconds']:8.2f}{r['peak_rss_mb']:13.0f}"
              f"{r['facts']:7}")
    repeated = [r for r in rows if r["kind"] == "repeated"]
    ratios = []
    for a, b in zip(repeated, repeated[1:]):
        ratios.append({"text": b["mb"] / a["mb"], "time": b["seconds"] / a["seconds"],
                       "memory_over_baseline": (b["peak_rss_mb"] - b["rss_before_mb"]) /
                       max(a["peak_rss_mb"] - a["rss_before_mb"], 1e-9)})
        print(f"{a['mb']:.2f} -> {b['mb']:.2f} MB: {ratios[-1]['text']:.1f}x the text, {ratios[-1]['time']:.2f}x the "
              f"time, {ratios[-1]['memory_over_baseline']:.2f}x the memory above the baseline")
    return {"rows": rows, "ratios": ratios}


if __name__ == "__main__":
    main()
