"""The benchmarks: build speed, memory, query latency, the explorer, all on one machine.

Runs ``kg build`` end to end on a generated corpus (:mod:`corpus`) with one and two
workers, a plain regular-expression scan of the same text (the floor for touching every
byte in Python), the saved queries on a store of about a million triples against rdflib's
in-memory ``Graph`` (and Virtuoso when it is installed), and the explorer page in headless
Chromium. Prints a table and writes ``benchmarks/results.json``.

    python benchmarks/run.py            # make bench: the full run, several minutes
    python benchmarks/run.py --quick    # make bench-quick: small sizes, under a minute

Generated corpora and the query store are cached under ``benchmarks/out/`` (keyed by the
generator version and the graph mapping), so a second run only measures.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
for entry in (str(ROOT), str(HERE)):  # the checkout's kg, even when run from elsewhere
    if entry not in sys.path:
        sys.path.insert(0, entry)

import corpus  # noqa: E402

OUT = HERE / "out"
KG = [sys.executable, "-m", "kg"]

#: sizes per mode: articles built end to end, the smaller and larger builds of the memory
#: check, documents in the query store (about 120 triples each), query repetitions, rdflib timeout
SIZES = {
    "full": {"articles": 3000, "articles_small": 750, "articles_large": 6000, "store_docs": 10000, "repeats": 7,
             "rdflib_timeout": 30.0, "rdflib_docs": 10000},
    "quick": {"articles": 240, "articles_small": 60, "articles_large": 480, "store_docs": 250, "repeats": 3,
              "rdflib_timeout": 1.5, "rdflib_docs": 250},
}


# -- the build --------------------------------------------------------------------------------

def run_build(articles: Path, store: Path, workers: int, *, fresh: bool = True, extra: tuple[str, ...] = ()) -> dict:
    """``kg build`` in a subprocess: wall time, its summary line, and the peak RSS of its processes."""
    import psutil

    if fresh and store.exists():
        shutil.rmtree(store)
    env = dict(os.environ, PYTHONHASHSEED="0")
    started = time.perf_counter()
    proc = subprocess.Popen([*KG, "build", str(articles), "--store", str(store), "--workers", str(workers), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    main = psutil.Process(proc.pid)
    peak_main = peak_tree = 0
    while proc.poll() is None:
        try:
            rss_main = main.memory_info().rss
            rss_tree = rss_main + sum(c.memory_info().rss for c in main.children(recursive=True))
            peak_main, peak_tree = max(peak_main, rss_main), max(peak_tree, rss_tree)
        except psutil.Error:
            pass
        time.sleep(0.05)
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"kg build failed ({proc.returncode}): {err[-2000:]}")
    summary = err.strip().splitlines()[-1] if err.strip() else ""
    numbers = {k: int(v) for v, k in re.findall(r"(\d+) (documents built|unchanged|facts|quads)", summary)}
    return {"seconds": seconds, "summary": summary, "documents": numbers.get("documents built", 0),
            "unchanged": numbers.get("unchanged", 0), "facts": numbers.get("facts", 0),
            "quads": numbers.get("quads", 0), "peak_rss_mb": peak_main / 2**20, "peak_rss_tree_mb": peak_tree / 2**20}


def scan(articles: Path) -> tuple[float, int]:
    """One regular-expression pass over every file (read and decoded, as the build must)."""
    pattern = re.compile(r"\b\d[\d,.]*\b|\b[A-Z][a-z]+\b")
    started, hits, size = time.perf_counter(), 0, 0
    for path in sorted(articles.rglob("*.txt")):
        data = path.read_bytes()
        size += len(data)
        hits += len(pattern.findall(data.decode("utf-8")))
    return time.perf_counter() - started, size


def planted_recall(store: Path, planted: list[dict]) -> dict:
    """Share of the planted laws, code articles and penalties the build found (via SPARQL)."""
    from kg import iris
    from kg.store import open_store

    by_title: dict[str, list[dict]] = {}
    for article in planted:
        by_title.setdefault(article["title"], []).append(article)
    with open_store(str(store), read_only=True) as kgstore:
        titles = {str(g): str(t) for g, t in kgstore.query(
            "SELECT ?g ?t WHERE { GRAPH ?g { ?g a lk:SourceDocument ; dcterms:title ?t } }").rows}
        articles = {str(a) for (a,) in kgstore.query("SELECT DISTINCT ?a WHERE { ?a a lk:CodeArticle }").rows}
        laws: dict[str, set[str]] = {}
        for g, label in kgstore.query("SELECT ?g ?l WHERE { GRAPH ?g { ?x a lk:Law ; rdfs:label ?l } }").rows:
            laws.setdefault(titles.get(str(g), ""), set()).add(str(label).lower())
        penalties: dict[str, set[tuple]] = {}
        for g, kind, top, amount in kgstore.query(
                "SELECT ?g ?t ?max ?amount WHERE { GRAPH ?g { ?p a lk:Penalty ; lk:penaltyType ?t . "
                "OPTIONAL { ?p lk:maxYears ?max } OPTIONAL { ?p lk:amount|lk:maxAmount ?amount } } }").rows:
            penalties.setdefault(titles.get(str(g), ""), set()).add(
                (str(kind).rsplit("#", 1)[-1], _number(top), _number(amount)))
    found = {"laws": 0, "articles": 0, "penalties": 0}
    total = dict.fromkeys(found, 0)
    for title, group in by_title.items():
        for article in group:
            iso = article["country"]
            for law in article["laws"]:
                total["laws"] += 1
                found["laws"] += any(law["title"].lower() in label or label in law["title"].lower()
                                     for label in laws.get(title, ()))
            for code, number in article["articles"]:
                total["articles"] += 1
                found["articles"] += iris.iri("article", iris.article_key(iris.code_key(iso, code), number)) in articles
            for penalty in article["penalties"]:
                total["penalties"] += 1
                key = (penalty["type"], _number(penalty["max_years"]), _number(penalty["amount"]))
                found["penalties"] += key in penalties.get(title, ())
    recall = {kind: round(found[kind] / total[kind], 4) if total[kind] else None for kind in found}
    recall["overall"] = round(sum(found.values()) / max(sum(total.values()), 1), 4)
    return recall


def legal_facts(store: Path, *, exclude_titles: set[str] = frozenset()) -> dict[str, int]:
    """Laws, code articles and penalties in the documents whose title is not in ``exclude_titles``."""
    from kg.store import open_store

    found = {}
    with open_store(str(store), read_only=True) as kgstore:
        for name, cls in (("laws", "lk:Law"), ("articles", "lk:CodeArticle"), ("penalties", "lk:Penalty")):
            rows = kgstore.query(f"SELECT ?g ?t WHERE {{ GRAPH ?g {{ ?x a {cls} . ?g dcterms:title ?t }} }}").rows
            found[name] = sum(1 for _, t in rows if str(t) not in exclude_titles)
    return found


def _number(value) -> float | None:
    if value is None:
        return None
    try:
        return round(float(str(value)), 6)
    except ValueError:
        return None


# -- the query store ------------------------------------------------------------------------

def query_store(docs: int) -> tuple[Path, dict]:
    """A store of ``docs`` planted documents (what a perfect extractor would read), cached."""
    from kg.build import _ontology_version
    from kg.graph import document_graph
    from kg.ontology import ontology_path
    from kg.store.oxigraph import OxigraphStore

    mapping = hashlib.sha256((ROOT / "kg" / "graph.py").read_bytes() + ontology_path().read_bytes()
                             + (ROOT / "kg" / "store" / "oxigraph.py").read_bytes()
                             + (HERE / "corpus.py").read_bytes()).hexdigest()[:10]
    path = OUT / f"querystore-g{corpus.GENERATOR_VERSION}-m{mapping}-{docs}"
    stamp = path / "benchmark.json"
    if stamp.exists():
        return path, json.loads(stamp.read_text())
    if path.exists():
        shutil.rmtree(path)
    started = time.perf_counter()
    store = OxigraphStore(path)
    written, write_seconds, batch = 0, 0.0, []
    store.ensure_ontology(str(ontology_path()), _ontology_version())
    for article in corpus.iter_articles(docs, seed=1):
        batch.append(document_graph(corpus.planted_document(article), corpus.planted_extraction(article)))
        if len(batch) == 256 or article.serial == docs - 1:
            t = time.perf_counter()
            written += store.replace_documents(batch)
            write_seconds += time.perf_counter() - t
            batch = []
    t = time.perf_counter()
    store.close()  # new documents are bulk-loaded in batches: the last one goes at close
    write_seconds += time.perf_counter() - t
    with OxigraphStore(path, create=False) as writer:  # as an analyst runs `kg optimize` after a big build
        t = time.perf_counter()
        writer.optimize()
        optimize_seconds = time.perf_counter() - t
        quads, triples = writer.quad_count(), writer.triple_count()
    info = {"documents": docs, "quads": quads, "triples": triples, "written": written,
            "seconds": time.perf_counter() - started,
            "write_quads_per_s": written / write_seconds if write_seconds else None,
            "optimize_seconds": optimize_seconds}
    stamp.write_text(json.dumps(info))
    return path, info


#: the prefix that marks a full listing among the forms timed on Virtuoso
FULL = "full listing: "

#: what makes a country "busy" for a listing, when documents are not the right measure: a
#: country whose fines are in a currency the rates table lacks has no row in fines-usd
BUSY_BY = {"fines-usd": "?p lk:amountUSD ?usd ; lk:evidence ?ev . ?ev lk:source ?doc ."}


def _first_value(path: Path, query: str) -> str | None:
    """The first column of the first row of ``query`` on the store at ``path`` (read only)."""
    from kg.store.oxigraph import OxigraphStore

    with OxigraphStore(path, create=False, read_only=True) as store:
        rows = store.query(query).rows
    return str(rows[0][0]) if rows else None


def busiest_country(path: Path, reads: str = "") -> str | None:
    """The country most documents are about (among documents that hold ``reads``): the worst
    case for a one-country question."""
    return _first_value(path, "SELECT ?country (COUNT(DISTINCT ?doc) AS ?n) WHERE { ?doc lk:about ?c . "
                              f"?c rdfs:label ?country . {reads} }} GROUP BY ?country ORDER BY DESC(?n) LIMIT 1")


def busiest_law(path: Path) -> str | None:
    """The law with most steps: the worst case for one law's history (law-history -p law=...)."""
    return _first_value(path, "SELECT ?law (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a lk:LegislativeEvent ; "
                              "lk:law ?law } GROUP BY ?law ORDER BY DESC(?n) ?law LIMIT 1")


def analyst_forms(countries: dict[str, str] | None, law: str | None = None, *, paged: bool = True) -> dict[str, str]:
    """Each saved query as an analyst runs it on a big store: listings for one country (the
    busiest for that listing), one law's history (the law with most steps), aggregates and the
    latest-documents listing as they are; a listing that pages, its first page (``paged``;
    else the full listing). ``countries`` maps a query name to its country (key ``""``: the
    default); None: whole store."""
    from kg.query import saved_queries

    countries = countries or {}
    forms = {}
    for saved in saved_queries():
        country = countries.get(saved.name, countries.get(""))
        bound = {"country": country} if country and "country" in saved.params and saved.name != "laws-by-status" else {}
        if law and "law" in saved.params:
            bound["law"] = law
        forms[saved.name] = saved.bind(bound, page=1 if paged and saved.paging else None)
    return forms


def time_queries(path: Path, repeats: int, forms: dict[str, str]) -> dict[str, dict]:
    """p50/p95 of each query through the store's own engine (Oxigraph), rows fully read."""
    from kg.store.oxigraph import OxigraphStore

    store = OxigraphStore(path, create=False, read_only=True)
    results = {}
    try:
        for name, text in forms.items():
            store.query(text)  # warm the caches once
            times, rows = [], 0
            for _ in range(repeats):
                t = time.perf_counter()
                rows = len(store.query(text).rows)
                times.append((time.perf_counter() - t) * 1e3)
            results[name] = {"p50_ms": _percentile(times, 50), "p95_ms": _percentile(times, 95), "rows": rows}
    finally:
        store.close()
    return results


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    rank = (len(ordered) - 1) * pct / 100
    low, high = math.floor(rank), math.ceil(rank)
    return round(ordered[low] + (ordered[high] - ordered[low]) * (rank - low), 2)


class _Timeout(Exception):
    pass


def time_rdflib(path: Path, timeout: float, forms: dict[str, str]) -> tuple[dict[str, float | None], dict]:
    """Each saved query once on rdflib's in-memory ``Graph`` holding the same union graph.

    rdflib's evaluator is pure Python, so a SIGALRM stops it mid-query; a query that hits
    the timeout is reported as ``None`` (slower than ``timeout``).
    """
    import pyoxigraph as ox
    from rdflib import Graph

    from kg.store.terms import PREFIXES

    source = ox.Store.read_only(str(path))
    data = source.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())  # every triple once
    del source
    started = time.perf_counter()
    graph = Graph()
    graph.parse(data=data.decode("utf-8"), format="nt")
    load = time.perf_counter() - started
    out: dict[str, float | None] = {}

    def expire(signum, frame):
        raise _Timeout()

    previous = signal.signal(signal.SIGALRM, expire)
    try:
        for name, text in forms.items():
            t = time.perf_counter()
            try:
                signal.setitimer(signal.ITIMER_REAL, timeout)
                list(graph.query(text, initNs=PREFIXES))
                out[name] = round((time.perf_counter() - t) * 1e3, 1)
            except _Timeout:
                out[name] = None
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, previous)
    return out, {"triples": len(graph), "load_seconds": round(load, 1)}


def time_virtuoso(path: Path, repeats: int, forms: dict[str, str]) -> tuple[dict | None, str | None]:
    """The saved queries on a private Virtuoso holding the same quads; ``None`` and why if it cannot run."""
    script = ROOT / "scripts" / "virtuoso.sh"
    if not (ROOT / "kg" / "store" / "sparql.py").exists() or not script.exists():
        return None, "kg/store/sparql.py or scripts/virtuoso.sh missing"
    if shutil.which("virtuoso-t") is None:
        return None, "virtuoso-t not installed (scripts/system-deps.sh installs it)"
    import pyoxigraph as ox

    from kg.build import _ontology_version
    from kg.ontology import ontology_path
    from kg.store import open_store
    from kg.store.base import DocumentGraph
    from kg.store.terms import ONTOLOGY_GRAPH

    folder = Path(tempfile.mkdtemp(prefix="kg-bench-virtuoso-"))
    try:
        started = subprocess.run(["bash", str(script), "start", str(folder)], capture_output=True, text=True,
                                 timeout=120)
        if started.returncode != 0:
            return None, f"virtuoso did not start: {started.stderr.strip()[-300:]}"
        url = started.stdout.strip().splitlines()[-1]
        remote = open_store("sparql+" + url, user="dba", password="dba")
        source = ox.Store.read_only(str(path))
        graphs: dict[str, list[str]] = {}
        for q in source.quads_for_pattern(None, None, None, None):
            # the default graph and the ontology: the remote store makes its own
            if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value != ONTOLOGY_GRAPH:
                graphs.setdefault(q.graph_name.value, []).append(f"{q.subject} {q.predicate} {q.object} .")
        del source
        remote.ensure_ontology(str(ontology_path()), _ontology_version())
        batch = []
        for iri, lines in graphs.items():
            batch.append(DocumentGraph(iri, "\n".join(lines), len(lines)))
            if len(batch) == 64:
                remote.replace_documents(batch)
                batch = []
        if batch:
            remote.replace_documents(batch)
        results, failures = {}, {}
        for name, text in forms.items():
            try:
                remote.query(text)
                times = []
                for _ in range(repeats):
                    t = time.perf_counter()
                    remote.query(text)
                    times.append((time.perf_counter() - t) * 1e3)
                results[name] = _percentile(times, 50)
            except Exception as exc:  # noqa: BLE001 - one refused query must not hide the others
                results[name] = None
                failures[name] = f"{type(exc).__name__}: {str(exc)[:200]}"
        remote.close()
        return results, (f"refused or failed: {failures}" if failures else None)
    except Exception as exc:  # noqa: BLE001 - a benchmark of an optional server reports why it failed
        return None, f"{type(exc).__name__}: {str(exc)[:300]}"
    finally:
        subprocess.run(["bash", str(script), "stop", str(folder)], capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


def time_viz(nodes: int) -> tuple[float | None, str | None]:
    try:
        import viz_bench
    except ImportError as exc:
        return None, f"benchmarks/viz_bench.py not importable: {exc}"
    try:
        return round(viz_bench.measure(nodes), 3), None
    except Exception as exc:  # noqa: BLE001 - Chromium missing or the page failing is reported, not raised
        return None, f"{type(exc).__name__}: {str(exc)[:300]}"


def dev_score() -> tuple[float | None, str | None]:
    """The development-set F1 through the real commands (../shared/tools/kg_eval.py)."""
    shared = ROOT.parent / "shared"
    tool, gold, dev = shared / "tools" / "kg_eval.py", shared / "gold" / "dev", shared / "corpus" / "dev"
    if not (tool.exists() and gold.exists() and dev.exists()):
        return None, "../shared/tools/kg_eval.py or the dev set not found"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "score.json"
        done = subprocess.run([sys.executable, str(tool), "--gold", str(gold), str(dev), "--kg", " ".join(KG),
                               "--json", str(out)], capture_output=True, text=True, timeout=600)
        if done.returncode != 0 or not out.exists():
            return None, f"kg_eval failed: {done.stderr.strip()[-300:]}"
        return round(json.loads(out.read_text())["overall_f1"], 4), None


# -- the run ----------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, under a minute")
    parser.add_argument("--articles", type=int, help="articles in the build corpus")
    parser.add_argument("--store-docs", type=int, help="documents in the query store")
    parser.add_argument("--skip", action="append", default=[],
                        choices=["rdflib", "virtuoso", "viz", "dev", "memory"], help="leave a part out")
    parser.add_argument("--output", type=Path, default=HERE / "results.json")
    args = parser.parse_args(argv)
    mode = "quick" if args.quick else "full"
    size = dict(SIZES[mode])
    if args.articles:
        size["articles"], size["articles_small"] = args.articles, max(args.articles // 4, 1)
        size["articles_large"] = 2 * args.articles
    if args.store_docs:
        size["store_docs"] = size["rdflib_docs"] = args.store_docs
    skip = set(args.skip)
    if args.quick:
        skip |= {"dev", "virtuoso"}
    OUT.mkdir(exist_ok=True)
    results: dict = {"mode": mode, "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                                "platform": platform.platform()}, "notes": {}}
    began = time.perf_counter()

    def step(label: str) -> None:
        print(f"[{time.perf_counter() - began:6.1f} s] {label}", file=sys.stderr, flush=True)

    # the build, end to end, on the same corpus
    step(f"corpus of {size['articles']} articles")
    big = corpus.write_corpus(OUT / f"corpus-g{corpus.GENERATOR_VERSION}-s0-{size['articles']}", size["articles"])
    root = OUT / f"corpus-g{corpus.GENERATOR_VERSION}-s0-{size['articles']}"
    megabytes = big["bytes"] / 1e6
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        store1, store2 = Path(tmp) / "one", Path(tmp) / "two"
        step("kg build, 1 worker")
        one = run_build(root / "articles", store1, 1)
        step("kg build, 2 workers")
        two = run_build(root / "articles", store2, 2)
        step("kg build again, nothing changed")
        again = run_build(root / "articles", store1, 1, fresh=False)
        step("planted facts found")
        results["planted_recall"] = planted_recall(store1, json.loads((root / "planted.json").read_text()))
        # the news that is not about law, and the mix (about 9 in 10 articles carry no legal fact)
        other_mix = {}
        # each built twice: with the first pass that skips what is not about law (kg build --legal-only,
        # the mode for a day of news) and reading every article (the default)
        for kind in ("other", "mix"):
            folder = OUT / f"corpus-g{corpus.GENERATOR_VERSION}-s0-{size['articles']}-{kind}"
            written = corpus.write_corpus(folder, size["articles"], kind=kind)
            planted = json.loads((folder / "planted.json").read_text())
            legal_titles = {a["title"] for a in planted if a["kind"] == "legal"}
            seconds_scan, _ = scan(folder / "articles")
            for mode, extra in (("", ("--legal-only",)), ("_read_all", ())):
                step(f"kg build, 1 worker, {size['articles']} articles ({kind}{' '.join(('',) + extra)})")
                built = run_build(folder / "articles", Path(tmp) / f"{kind}{mode}", 1, extra=extra)
                found = legal_facts(Path(tmp) / f"{kind}{mode}", exclude_titles=legal_titles)
                if any(found.values()):
                    raise RuntimeError(f"the {kind} articles not about law yielded legal facts: {found}")
                other_mix[kind + mode] = {
                    "mb": written["bytes"] / 1e6, "seconds": built["seconds"], "scan_seconds": seconds_scan,
                    "summary": built["summary"],
                    "recall": planted_recall(Path(tmp) / f"{kind}{mode}", [a for a in planted if a["kind"] == "legal"])
                    if legal_titles else None}
        small = None
        if "memory" not in skip:
            step(f"kg build, 1 worker, {size['articles_small']} articles (memory)")
            small_corpus = corpus.write_corpus(OUT / f"corpus-g{corpus.GENERATOR_VERSION}-s0-{size['articles_small']}",
                                               size["articles_small"])
            small = run_build(OUT / f"corpus-g{corpus.GENERATOR_VERSION}-s0-{size['articles_small']}" / "articles",
                              Path(tmp) / "small", 1)
            small["megabytes"] = small_corpus["bytes"] / 1e6
            step(f"kg build, 1 worker, {size['articles_large']} articles (memory)")
            large_folder = OUT / f"corpus-g{corpus.GENERATOR_VERSION}-s0-{size['articles_large']}"
            corpus.write_corpus(large_folder, size["articles_large"])
            large = run_build(large_folder / "articles", Path(tmp) / "large", 1)
    step("regular-expression scan")
    scan_seconds, scanned = scan(root / "articles")
    results.update({
        "corpus_articles": size["articles"], "corpus_mb": round(megabytes, 2),
        "build_mb_per_s_1_worker": round(megabytes / one["seconds"], 3),
        "build_articles_per_s_1_worker": round(size["articles"] / one["seconds"], 1),
        "build_mb_per_s_2_workers": round(megabytes / two["seconds"], 3),
        "build_speedup_2_workers": round(one["seconds"] / two["seconds"], 2),
        "scan_mb_per_s": round(scanned / 1e6 / scan_seconds, 2),
        "build_vs_scan": round((scanned / 1e6 / scan_seconds) / (megabytes / one["seconds"]), 1),
        "store_quads_per_s": round(one["quads"] / one["seconds"]),
        "facts_per_article": round(one["facts"] / max(one["documents"], 1), 2),
        "quads_per_article": round(one["quads"] / max(one["documents"], 1), 1),
        "rebuild_unchanged_mb_per_s": round(megabytes / again["seconds"], 2),
        "rebuild_unchanged_documents_skipped": again["unchanged"],
        "build_summaries": {"1_worker": one["summary"], "2_workers": two["summary"], "unchanged": again["summary"]},
    })
    for kind, part in other_mix.items():
        speed = part["mb"] / part["seconds"]
        base, _, mode = kind.partition("_")
        results[f"build_mb_per_s_{base}_1_worker{'_' + mode if mode else ''}"] = round(speed, 3)
        results[f"build_vs_scan_{kind}"] = round(part["mb"] / part["scan_seconds"] / speed, 1)
        results[f"corpus_mb_{base}"] = round(part["mb"], 2)
        results["build_summaries"][f"{kind}_1_worker"] = part["summary"]
    results["planted_recall_mix"] = other_mix["mix"]["recall"]
    results["planted_recall_mix_read_all"] = other_mix["mix_read_all"]["recall"]
    results["notes"]["build_mb_per_s_other_1_worker"] = (
        f"{size['articles']} articles of sport, business, weather, culture and politics with no legislative step; "
        "the run fails if any yields a law, code article or penalty")
    results["notes"]["build_mb_per_s_mix_1_worker"] = (
        f"{size['articles']} articles, one in ten about law (planted facts checked: planted_recall_mix); "
        "other and mix are built with kg build --legal-only (the first pass skips what is not about law), "
        "the *_read_all keys the same corpora read whole; wall time with process start-up")
    rss = {f"{size['articles']}_articles": round(one["peak_rss_mb"], 1)}
    if small:
        rss[f"{size['articles_small']}_articles"] = round(small["peak_rss_mb"], 1)
        rss[f"{size['articles_large']}_articles"] = round(large["peak_rss_mb"], 1)
        results["notes"]["peak_rss_mb"] = (
            "the store's write buffers and caches fill up to their caps over the first few thousand articles "
            "(the smallest build stays below them); flat means the two largest builds, 2x apart, within 1.25x")
        results["peak_rss_tree_mb_2_workers"] = round(two["peak_rss_tree_mb"], 1)
    results["peak_rss_mb"] = rss
    if "memory" in skip:
        results["notes"]["peak_rss_mb"] = "only one corpus size: memory part skipped"

    # queries
    step(f"query store of {size['store_docs']} planted documents")
    path, info = query_store(size["store_docs"])
    results["query_store_triples"] = info["triples"]
    results["query_store_quads_in_document_graphs"] = info["quads"]
    results["store_write_only_quads_per_s"] = round(info["write_quads_per_s"]) if info.get("write_quads_per_s") else None
    results["query_store_optimize_seconds"] = round(info["optimize_seconds"], 1) if "optimize_seconds" in info else None
    country = busiest_country(path)
    countries = {"": country, **{name: busiest_country(path, reads) for name, reads in BUSY_BY.items()}}
    law = busiest_law(path)
    forms = analyst_forms(countries, law)
    results["query_country"] = country
    results["query_law"] = law
    results["query_countries"] = {name: c for name, c in countries.items() if name}
    results["notes"]["queries"] = (f"saved queries as an analyst runs them on a big store: listings for one country "
                                   f"(-p country={country}, the busiest; fines-usd: the country with most converted "
                                   f"fines), law-history for the law with most steps (-p law={law}), aggregates and "
                                   f"the latest documents as they are; queries_whole_store times the listings over "
                                   f"every country and every law")
    step("saved queries on Oxigraph")
    ours = time_queries(path, size["repeats"], forms)
    results["queries"] = ours
    step("saved listings that page, the full listing for one country, on Oxigraph")
    full = {name: text for name, text in analyst_forms(countries, law, paged=False).items() if text != forms[name]}
    results["queries_full_listing"] = time_queries(path, size["repeats"], full)
    results["notes"]["queries_full_listing"] = (
        "the listings that page (kg query --saved NAME --page N) are timed in `queries` as analysts browse them, "
        "the first page with its total; here the same listing whole, for the same country")
    step("saved listings over the whole store on Oxigraph")
    whole = {name: saved for name, saved in analyst_forms(None, paged=False).items()
             if saved != forms[name] and saved != full.get(name)}
    results["queries_whole_store"] = time_queries(path, max(1, min(3, size["repeats"])), whole)
    results["query_p50_ms"] = {name: r["p50_ms"] for name, r in ours.items()}
    results["query_p95_ms"] = {name: r["p95_ms"] for name, r in ours.items()}
    results["query_p50_ms_max"] = max(results["query_p50_ms"].values())
    if "rdflib" in skip:
        results["query_speedup_vs_rdflib"] = None
        results["notes"]["query_speedup_vs_rdflib"] = "skipped"
    else:
        rpath, rinfo = (path, info) if size["rdflib_docs"] == size["store_docs"] else query_store(size["rdflib_docs"])
        step(f"saved queries on rdflib's Graph ({rinfo['triples']:,} triples, {size['rdflib_timeout']:g} s timeout)")
        theirs, meta = time_rdflib(rpath, size["rdflib_timeout"], forms)
        ours_same = ours if rpath == path else time_queries(rpath, size["repeats"], forms)
        ratios, timeouts = [], []
        for name, ms in theirs.items():
            mine = max(ours_same[name]["p50_ms"], 0.01)
            if ms is None:
                timeouts.append(name)
                ratios.append(size["rdflib_timeout"] * 1e3 / mine)
            else:
                ratios.append(ms / mine)
        results["query_speedup_vs_rdflib"] = round(math.exp(sum(map(math.log, ratios)) / len(ratios)), 1)
        results["rdflib"] = {"store_triples": meta["triples"], "load_seconds": meta["load_seconds"],
                             "timeout_s": size["rdflib_timeout"], "ms": theirs, "timeouts": timeouts,
                             "speedup_is_lower_bound": bool(timeouts)}
        if timeouts:
            results["notes"]["query_speedup_vs_rdflib"] = (
                f"lower bound: {len(timeouts)} of {len(theirs)} queries did not finish in rdflib within "
                f"{size['rdflib_timeout']:g} s and count as that timeout")
    if "virtuoso" in skip:
        results["query_ratio_vs_virtuoso"] = None
        results["notes"]["query_ratio_vs_virtuoso"] = "skipped in --quick" if args.quick else "skipped"
    else:
        step("saved queries on Virtuoso")
        # the same forms (first pages for the listings that page), and those listings whole
        both, why = time_virtuoso(path, size["repeats"], {**forms, **{FULL + name: text for name, text in full.items()}})
        virtuoso = None if both is None else {name: ms for name, ms in both.items() if not name.startswith(FULL)}
        ratios = [ours[name]["p50_ms"] / max(ms, 0.01) for name, ms in (virtuoso or {}).items() if ms is not None]
        results["virtuoso_p50_ms"] = virtuoso
        results["query_ratio_vs_virtuoso"] = (round(math.exp(sum(map(math.log, ratios)) / len(ratios)), 2)
                                              if ratios else None)
        results["query_ratio_vs_virtuoso_max"] = round(max(ratios), 2) if ratios else None
        whole_listings = {name[len(FULL):]: ms for name, ms in (both or {}).items() if name.startswith(FULL)}
        results["virtuoso_p50_ms_full_listing"] = whole_listings or None
        results["query_ratio_vs_virtuoso_full_listing"] = {
            name: round(results["queries_full_listing"][name]["p50_ms"] / max(ms, 0.01), 2)
            for name, ms in whole_listings.items() if ms is not None} or None
        if why:
            results["notes"]["query_ratio_vs_virtuoso"] = why

    # the explorer
    if "viz" in skip:
        results["viz_seconds_5000_nodes"] = None
        results["notes"]["viz_seconds_5000_nodes"] = "skipped"
    else:
        step("explorer page, 5,000 nodes, headless Chromium")
        seconds, why = time_viz(5000)
        results["viz_seconds_5000_nodes"] = seconds
        if why:
            results["notes"]["viz_seconds_5000_nodes"] = why

    # correctness
    if "dev" not in skip:
        step("development-set score")
        score, why = dev_score()
        results["dev_overall_f1"] = score
        if why:
            results["notes"]["dev_overall_f1"] = why
    results["seconds"] = round(time.perf_counter() - began, 1)
    results["targets"] = targets(results)
    args.output.write_text(json.dumps(results, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    print(table(results))
    print(f"wrote {args.output}", file=sys.stderr)
    return results


def targets(r: dict) -> dict[str, bool | None]:
    """Which of the issue's targets hold in this run (``None``: not measured)."""
    rss = [mb for _, mb in sorted((int(k.split("_")[0]), v) for k, v in r.get("peak_rss_mb", {}).items())]
    return {
        "build >= 1 MB/s per worker": r["build_mb_per_s_1_worker"] >= 1.0,
        "mix >= 5 MB/s per worker": None if r.get("build_mb_per_s_mix_1_worker") is None
        else r["build_mb_per_s_mix_1_worker"] >= 5.0,
        "speedup with 2 workers >= 1.8": r["build_speedup_2_workers"] >= 1.8,
        "memory flat (2x corpus, < 1.25x peak RSS)": (max(rss[-2:]) / min(rss[-2:]) < 1.25) if len(rss) > 2
        else None,
        "every saved query p50 <= 100 ms": r["query_p50_ms_max"] <= 100,
        "speedup vs rdflib >= 20": None if r.get("query_speedup_vs_rdflib") is None
        else r["query_speedup_vs_rdflib"] >= 20,
        "within 3x of Virtuoso": None if r.get("query_ratio_vs_virtuoso_max") is None
        else r["query_ratio_vs_virtuoso_max"] <= 3,
        "no query worse than 1.5x Virtuoso": None if r.get("query_ratio_vs_virtuoso_max") is None
        else r["query_ratio_vs_virtuoso_max"] <= 1.5,
        "explorer 5,000 nodes <= 2 s": None if r.get("viz_seconds_5000_nodes") is None
        else r["viz_seconds_5000_nodes"] <= 2,
    }


def table(r: dict) -> str:
    rows = [
        ("corpus", f"{r['corpus_articles']} articles, {r['corpus_mb']} MB"),
        ("build, 1 worker", f"{r['build_mb_per_s_1_worker']} MB/s, {r['build_articles_per_s_1_worker']} articles/s"),
        ("build, 2 workers", f"{r['build_mb_per_s_2_workers']} MB/s, speedup {r['build_speedup_2_workers']}x"),
        ("build, 1 worker, not about law, --legal-only", f"{r.get('build_mb_per_s_other_1_worker')} MB/s "
         f"({r.get('build_vs_scan_other')}x slower than the regex scan; read whole: "
         f"{r.get('build_mb_per_s_other_1_worker_read_all')} MB/s)"),
        ("build, 1 worker, mix (1 in 10 legal), --legal-only", f"{r.get('build_mb_per_s_mix_1_worker')} MB/s "
         f"({r.get('build_vs_scan_mix')}x slower than the regex scan; read whole: "
         f"{r.get('build_mb_per_s_mix_1_worker_read_all')} MB/s)"),
        ("regex scan of the same text", f"{r['scan_mb_per_s']} MB/s (build is {r['build_vs_scan']}x slower)"),
        ("store writes during the build", f"{r['store_quads_per_s']:,} quads/s "
                                          f"(store alone: {r['store_write_only_quads_per_s'] or 0:,.0f} quads/s)"),
        ("re-build, nothing changed", f"{r['rebuild_unchanged_mb_per_s']} MB/s"),
        ("peak RSS of the build", ", ".join(f"{v} MB ({k.replace('_', ' ')})" for k, v in
                                            sorted(r["peak_rss_mb"].items(), key=lambda kv: int(kv[0].split("_")[0])))),
        ("planted facts found", ", ".join(f"{k} {v}" for k, v in r["planted_recall"].items())),
        ("query store", f"{r['query_store_triples']:,} triples"
                        + (f", compacted by kg optimize in {r['query_store_optimize_seconds']} s"
                           if r.get("query_store_optimize_seconds") is not None else "")),
    ]
    for name in r["query_p50_ms"]:
        rdf = r.get("rdflib", {}).get("ms", {}).get(name, "")
        rdf = "" if name not in r.get("rdflib", {}).get("ms", {}) else (
            f", rdflib {'timeout' if rdf is None else f'{rdf:.0f} ms'}")
        virt = (r.get("virtuoso_p50_ms") or {}).get(name)
        virt = f", Virtuoso {virt:.1f} ms" if virt is not None else ""
        whole = r.get("queries_whole_store", {}).get(name)
        whole = f"; all countries p50 {whole['p50_ms']:.0f} ms ({whole['rows']} rows)" if whole else ""
        listing = r.get("queries_full_listing", {}).get(name)
        page = ""
        if listing:
            page = f" first page; whole listing p50 {listing['p50_ms']:.0f} ms ({listing['rows']} rows)"
            virt_whole = (r.get("virtuoso_p50_ms_full_listing") or {}).get(name)
            page += f", Virtuoso {virt_whole:.0f} ms" if virt_whole is not None else ""
            page = ";" + page
        rows.append((f"  {name}", f"p50 {r['query_p50_ms'][name]} ms, p95 {r['query_p95_ms'][name]} ms"
                                  f" ({r['queries'][name]['rows']} rows){rdf}{virt}{page}{whole}"))
    rows += [
        ("query speedup vs rdflib", str(r.get("query_speedup_vs_rdflib"))),
        ("query ratio vs Virtuoso", str(r.get("query_ratio_vs_virtuoso"))),
        ("explorer, 5,000 nodes", f"{r.get('viz_seconds_5000_nodes')} s"),
    ]
    if "dev_overall_f1" in r:
        rows.append(("development-set F1", str(r["dev_overall_f1"])))
    rows.append(("", ""))
    rows += [(f"target: {k}", {True: "holds", False: "MISSED", None: "not measured"}[v]) for k, v in r["targets"].items()]
    width = max(len(k) for k, _ in rows)
    lines = [f"{k.ljust(width)}  {v}" for k, v in rows]
    for k, v in r["notes"].items():
        lines.append(f"note: {k}: {v}")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
