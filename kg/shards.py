"""Graphs as N-Quads shards on disk: ``kg extract`` writes them, ``kg load`` loads them.

For loads too big to stream through one writer: extraction writes one N-Quads file per
batch of documents (each document's graph whole in one file), atomically (a temporary
file renamed into place), and a ``manifest.json`` naming every shard with its documents,
quad count and SHA-256, rewritten atomically after each shard. A folder whose manifest
names a shard that is missing or changed is refused before anything is written.

Loading replaces the shards' documents in the store as a build does: on Virtuoso with its
bulk loader (``ld_dir`` + ``rdf_loader_run`` through ``isql``; the folder must be readable
by the server and listed in its ``DirsAllowed``), then the merged default graph is refreshed
from the loaded graphs; on the embedded store through its own bulk load.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import urlsplit

from .build import _ontology_version, prepare
from .errors import ExtractionError, InputError, KGError, StoreError, UsageError
from .executor import Executor, InProcess
from .resolve.resolver import Resolver, apply_resolution, rename_in_graph, rename_update
from .extract import EXTRACTOR_VERSION
from .ingest import Skipped, iter_documents
from .ontology import ontology_path
from .store.base import DocumentGraph, Store

__all__ = ["ExtractReport", "LoadReport", "extract_shards", "load_shards", "read_manifest", "MANIFEST"]

MANIFEST = "manifest.json"
FORMAT = "legiskg-shards/1"
#: documents per shard: a few MB of N-Quads, many files for the bulk loader's threads
SHARD_DOCUMENTS = 512


@dataclass
class ExtractReport:
    documents: int = 0
    facts: int = 0
    quads: int = 0
    bytes: int = 0
    shards: int = 0
    failed: list[KGError] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)

    def summary(self) -> str:
        seconds = time.perf_counter() - self.started
        parts = [f"{self.documents} documents extracted", f"{self.facts} facts", f"{self.quads} quads",
                 f"{self.shards} shards", f"{seconds:.1f} s"]
        if self.skipped:
            parts.append(f"{len(self.skipped)} files skipped")
        if self.failed:
            parts.append(f"{len(self.failed)} inputs failed")
        return ", ".join(parts)


@dataclass
class LoadReport:
    documents: int = 0
    quads: int = 0
    shards: int = 0
    replaced: int = 0  # documents the store held before
    seconds: float = 0.0

    def summary(self) -> str:
        rate = self.quads / self.seconds if self.seconds > 0 else 0.0
        return (f"{self.documents} documents loaded from {self.shards} shards ({self.replaced} replaced), "
                f"{self.quads} quads, {self.seconds:.1f} s ({rate:,.0f} quads/s)")


def _nquads(graph: DocumentGraph) -> str:
    if "_:" in graph.ntriples and re.search(r"(^|\s)_:", graph.ntriples, re.M):
        # blank node labels are scoped to a whole N-Quads file: two documents would share one
        raise ExtractionError(f"{graph.iri}: a document graph with blank nodes cannot go in a shard")
    text = graph.ntriples + "\n"
    return text.replace(" .\n", f" <{graph.iri}> .\n")


def _write_atomically(path: Path, data: bytes) -> None:
    partial = path.with_name("." + path.name + ".partial")
    with open(partial, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, path)


def extract_shards(inputs: Iterable[str], output: str | Path, *, executor: Executor | None = None,
                   shard_documents: int = SHARD_DOCUMENTS, legal_only: bool = False) -> ExtractReport:
    """Extract ``inputs`` into N-Quads shards in ``output`` (a new or empty folder); ``legal_only``
    as :func:`kg.build.build`."""
    folder = Path(output)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UsageError(f"{folder}: not an empty folder; kg extract writes shards into a new or empty one")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{folder}: cannot create the folder: {exc.strerror or exc}") from None
    report = ExtractReport()
    manifest = {"format": FORMAT, "extractor_version": EXTRACTOR_VERSION, "ontology_version": _ontology_version(),
                "legal_only": legal_only, "documents": 0, "quads": 0, "shards": []}
    batch: list[DocumentGraph] = []
    # cross-article resolution as a build does it, in input order, against the shards' own documents;
    # a group renamed after its shard was written is renamed by kg load (the manifest's "renames")
    resolver = Resolver()
    manifest["renames"] = []

    def documents():
        for item in iter_documents(inputs):
            if isinstance(item, Skipped):
                report.skipped.append(item)
            elif isinstance(item, InputError):
                report.failed.append(item)
            else:
                yield item

    def flush() -> None:
        if not batch:
            return
        name = f"shard-{len(manifest['shards']):06d}.nq"
        data = "".join(_nquads(g) for g in batch if g.quads).encode("utf-8")
        try:
            _write_atomically(folder / name, data)
            manifest["shards"].append({"file": name, "documents": [g.iri for g in batch],
                                       "quads": sum(g.quads for g in batch),
                                       "sha256": hashlib.sha256(data).hexdigest()})
            manifest["documents"] += len(batch)
            manifest["quads"] += manifest["shards"][-1]["quads"]
            _write_atomically(folder / MANIFEST, json.dumps(manifest, indent=1).encode("utf-8"))
        except OSError as exc:
            raise StoreError(f"{folder}: cannot write a shard: {exc.strerror or exc}") from None
        report.shards += 1
        batch.clear()

    executor = executor or InProcess()
    seen: set[str] = set()
    for prepared in executor.map(functools.partial(prepare, legal_only=legal_only), documents()):
        if prepared.error is not None:
            report.failed.append(prepared.error)
            continue
        if prepared.graph.iri in seen:  # the same article twice: a build keeps one graph
            continue
        seen.add(prepared.graph.iri)
        report.documents += 1
        report.facts += prepared.facts
        report.bytes += prepared.size
        graph = prepared.graph
        if prepared.summary is not None:
            remap, decisions = resolver.resolve(graph.iri, prepared.summary)
            for old, new in resolver.renames():
                manifest["renames"].append([old, new])
                batch[:] = [rename_in_graph(g, old, new) for g in batch]
            graph = apply_resolution(graph, remap, decisions)
        report.quads += graph.quads
        batch.append(graph)
        if len(batch) >= shard_documents:
            flush()
    flush()
    if not manifest["shards"]:
        _write_atomically(folder / MANIFEST, json.dumps(manifest, indent=1).encode("utf-8"))
    return report


def read_manifest(folder: str | Path, *, verify: bool = True) -> dict:
    """The folder's manifest, each shard checked against its size and SHA-256."""
    folder = Path(folder)
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{folder}: no {MANIFEST}: not a folder of shards written by kg extract") from None
    except (OSError, ValueError) as exc:
        raise InputError(str(path), f"cannot read the manifest: {exc}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise InputError(str(path), f"not a {FORMAT} manifest")
    if verify:
        for shard in manifest["shards"]:
            file = folder / shard["file"]
            try:
                digest = hashlib.sha256(file.read_bytes()).hexdigest()
            except OSError as exc:
                raise InputError(str(file), f"shard named in the manifest cannot be read: {exc.strerror or exc}") from None
            if digest != shard["sha256"]:
                raise InputError(str(file), "shard differs from its manifest entry (SHA-256): written again or damaged")
    return manifest


def _graphs(path: Path) -> Iterator[DocumentGraph]:
    """A shard's document graphs, as a build hands them to the store."""
    current, lines = None, []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line:
                continue
            head, _, graph = line[:-2].rpartition(" <")
            iri = graph[:-1]
            if iri != current:
                if current is not None:
                    yield DocumentGraph(current, "\n".join(lines), len(lines))
                current, lines = iri, []
            lines.append(head + " .")
    if current is not None:
        yield DocumentGraph(current, "\n".join(lines), len(lines))


def load_shards(folder: str | Path, store: Store, *, isql: str | None = None) -> LoadReport:
    """Load the shards in ``folder`` into ``store``, replacing the documents it holds already."""
    folder = Path(folder).resolve()
    manifest = read_manifest(folder)
    started = time.perf_counter()
    report = LoadReport(shards=len(manifest["shards"]))
    store.ensure_ontology(str(ontology_path()), _ontology_version())
    iris = [iri for shard in manifest["shards"] for iri in shard["documents"]]
    held = store.documents()
    report.replaced = sum(1 for iri in iris if iri in held)
    report.documents, report.quads = len(iris), manifest["quads"]
    from .store.sparql import SparqlStore
    if isinstance(store, SparqlStore) and store.dialect() == "virtuoso":
        _virtuoso_bulk_load(store, folder, manifest, [iri for iri in iris if iri in held], isql)
    else:
        store.overlap_writes(True)
        for shard in manifest["shards"]:
            graphs = list(_graphs(folder / shard["file"]))
            present = {g.iri for g in graphs}
            # a document with no quads has no lines: it still replaces a stored one
            graphs += [DocumentGraph(iri, "", 0) for iri in shard["documents"] if iri not in present]
            store.replace_documents(graphs)
    if manifest.get("renames"):
        store.query("ASK {}")  # the loaded graphs are in the store before they are renamed
        for old, new in manifest["renames"]:
            store.update(rename_update(old, new))
    report.seconds = time.perf_counter() - started
    return report


#: graphs per merged-graph refresh statement
_REFRESH_GRAPHS = 200


def _virtuoso_bulk_load(store, folder: Path, manifest: dict, held: list[str], isql: str | None) -> None:
    from .store.terms import MERGED_GRAPH
    address = isql or os.environ.get("KG_VIRTUOSO_ISQL") or f"{urlsplit(store.endpoint).hostname}:1111"
    binary = shutil.which("isql-vt") or shutil.which("isql")
    if binary is None:
        raise StoreError("kg load into Virtuoso needs its SQL client isql-vt (Debian's virtuoso-opensource)")
    user = os.environ.get("KG_SPARQL_USER") or "dba"
    password = os.environ.get("KG_SPARQL_PASSWORD") or "dba"
    # the stored copies of these documents go first, as a build replaces them (the bulk
    # loader only adds)
    if held:
        store.drop_documents(held)
    quoted = str(folder).replace("'", "''")
    statements = [f"DELETE FROM DB.DBA.LOAD_LIST WHERE ll_file LIKE '{quoted}/%';",
                  f"ld_dir('{quoted}', 'shard-*.nq', '{MERGED_GRAPH}');",
                  "rdf_loader_run();",
                  f"SELECT concat('KGERR|', ll_file, '|', ll_error) FROM DB.DBA.LOAD_LIST "
                  f"WHERE ll_file LIKE '{quoted}/%' AND ll_error IS NOT NULL;"]
    iris = [iri for shard in manifest["shards"] for iri in shard["documents"]]
    statements.append("log_enable(3, 1);")
    for start in range(0, len(iris), _REFRESH_GRAPHS):
        values = " ".join(f"<{iri}>" for iri in iris[start:start + _REFRESH_GRAPHS])
        statements.append(f"SPARQL INSERT INTO GRAPH <{MERGED_GRAPH}> {{ ?s ?p ?o }} WHERE {{ VALUES ?g {{ {values} }} "
                          f"GRAPH ?g {{ ?s ?p ?o }} FILTER(!isBlank(?s) && !isBlank(?o)) }};")
    statements.append("checkpoint;")
    try:
        done = subprocess.run([binary, address, user, password, "VERBOSE=OFF", "BANNER=OFF", "PROMPT=OFF"],
                              input="\n".join(statements) + "\n", capture_output=True, text=True, timeout=24 * 3600)
    except OSError as exc:
        raise StoreError(f"cannot run {binary}: {exc.strerror or exc}") from None
    output = done.stdout + done.stderr
    errors = [line.split("|", 2) for line in output.splitlines() if line.startswith("KGERR|")]
    if errors:
        raise StoreError(f"Virtuoso's bulk loader refused {errors[0][1]}: {errors[0][2].strip()}"
                         + (f" (and {len(errors) - 1} more files)" if len(errors) > 1 else ""))
    failure = re.search(r"\*\*\* Error [^\n]*", output)
    if failure or done.returncode:
        message = failure.group(0) if failure else output.strip().splitlines()[-1:] or [f"exit {done.returncode}"]
        raise StoreError(f"Virtuoso at {address} (isql): {message if isinstance(message, str) else message[0]}")
