"""Per-document extraction + serialisation: speed, a profile, and an identity check.

    python benchmarks/profile_extract.py                        # MB/s, synthetic and dev corpus
    python benchmarks/profile_extract.py --baseline out.json    # save a sha256 of every document's N-Triples
    python benchmarks/profile_extract.py --check out.json       # report every document whose output changed
    python benchmarks/profile_extract.py --profile              # pyinstrument over the synthetic corpus

The time measured is :func:`kg.build.prepare` (extraction, then the document's graph as
N-Triples) in one process, after a warm-up pass; reading the files is not timed.
"""
from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
for entry in (str(ROOT), str(HERE)):
    if entry not in sys.path:
        sys.path.insert(0, entry)

from kg.build import prepare  # noqa: E402
from kg.ingest import iter_documents  # noqa: E402

SYNTHETIC = HERE / "out" / "corpus-g3-s0-3000"
DEV = ROOT.parent / "shared" / "corpus" / "dev"
#: the real-text inputs, checked in full (their whole N-Triples are kept in the baseline)
REAL = {
    "dev": DEV,
    "seeds": ROOT.parent / "shared" / "seeds",
    "generalization": ROOT / "tests" / "fixtures" / "generalization",
    "examples": ROOT / "examples",
}


def synthetic_articles() -> Path:
    if not (SYNTHETIC / "articles").is_dir():
        import corpus
        corpus.write_corpus(SYNTHETIC, 3000)
    return SYNTHETIC / "articles"


def load(path: Path) -> list:
    """The documents under ``path`` (notices and failed inputs left out)."""
    if not path.exists():
        return []
    return [d for d in iter_documents([str(path)]) if hasattr(d, "body")]


def all_inputs() -> dict[str, list]:
    inputs = {"synthetic": load(synthetic_articles())}
    for name, path in REAL.items():
        inputs[name] = load(path)
    return inputs


def ntriples(document) -> str:
    prepared = prepare(document)
    if prepared.error is not None:
        return f"ERROR {type(prepared.error).__name__}: {prepared.error}\n"
    return prepared.graph.ntriples


def outputs(inputs: dict[str, list]) -> dict[str, dict[str, str]]:
    """``{input name: {key: N-Triples}}``; the key is the document id, made unique within the input."""
    result: dict[str, dict[str, str]] = {}
    for name, docs in inputs.items():
        seen: dict[str, str] = {}
        for doc in docs:
            key = doc.id
            n = 1
            while key in seen:
                n += 1
                key = f"{doc.id}#{n}"
            seen[key] = ntriples(doc)
        result[name] = seen
    return result


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def write_baseline(path: Path, inputs: dict[str, list]) -> None:
    out = outputs(inputs)
    data = {"sha256": {name: {k: sha(v) for k, v in docs.items()} for name, docs in out.items()},
            "ntriples": {name: docs for name, docs in out.items() if name != "synthetic"}}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
    total = sum(len(d) for d in out.values())
    print(f"baseline of {total} documents written to {path}")


def check(path: Path, inputs: dict[str, list], show: int = 3) -> int:
    data = json.loads(path.read_text(encoding="utf-8"))
    out = outputs(inputs)
    differing: list[tuple[str, str]] = []
    for name, docs in out.items():
        want = data["sha256"].get(name, {})
        for key in sorted(set(want) | set(docs)):
            if key not in docs or key not in want or sha(docs[key]) != want[key]:
                differing.append((name, key))
    checked = sum(len(d) for d in out.values())
    if not differing:
        print(f"identity: all {checked} documents give the same N-Triples")
        return 0
    print(f"identity: {len(differing)} of {checked} documents differ")
    for name, key in differing:
        print(f"  {name} {key}")
    by_id = {name: {d.id: d for d in docs} for name, docs in inputs.items()}
    for name, key in differing[:show]:
        new = out[name].get(key, "")
        old = data.get("ntriples", {}).get(name, {}).get(key)
        if old is None:  # synthetic: recompute nothing, show the new lines only
            doc = by_id[name].get(key.split("#")[0])
            print(f"--- {name} {key} ({doc.source if doc else '?'}): old text not stored, new output:")
            print(new[:3000])
            continue
        print(f"--- {name} {key}")
        sys.stdout.writelines(difflib.unified_diff(sorted(old.splitlines(True)), sorted(new.splitlines(True)),
                                                   "baseline", "now", n=1))
    return 1


def megabytes(docs: list) -> float:
    return sum(len(d.text.encode("utf-8", "replace")) for d in docs) / 1e6


def rate(docs: list, repeats: int = 1) -> tuple[float, float]:
    """(MB/s, seconds) of prepare() over ``docs``, best of ``repeats`` after a warm-up pass."""
    for doc in docs[: max(1, len(docs) // 10)]:
        prepare(doc)
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        for doc in docs:
            prepare(doc)
        best = min(best, time.perf_counter() - started)
    return megabytes(docs) / best, best


def profile(docs: list) -> None:
    from pyinstrument import Profiler

    for doc in docs[:50]:
        prepare(doc)
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for doc in docs:
        prepare(doc)
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False, timeline=False))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", type=Path, help="write the per-document hashes to this file")
    parser.add_argument("--check", type=Path, help="compare every document with this baseline")
    parser.add_argument("--profile", action="store_true", help="pyinstrument over the synthetic corpus")
    parser.add_argument("--no-speed", action="store_true", help="skip the MB/s measurement")
    parser.add_argument("--repeats", type=int, default=1, help="timed passes (the best is kept)")
    args = parser.parse_args(argv)

    inputs = all_inputs()
    status = 0
    if args.baseline:
        write_baseline(args.baseline, inputs)
    if args.check:
        status = check(args.check, inputs)
    if args.profile:
        profile(inputs["synthetic"])
    elif not args.no_speed:
        for name in ("synthetic", "dev"):
            docs = inputs[name]
            if not docs:
                print(f"{name}: no documents")
                continue
            mbps, seconds = rate(docs, args.repeats if name == "synthetic" else max(5, args.repeats))
            print(f"{name}: {len(docs)} documents, {megabytes(docs):.2f} MB in {seconds:.2f} s: {mbps:.3f} MB/s")
    return status


if __name__ == "__main__":
    sys.exit(main())
