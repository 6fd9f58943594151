"""`kg extract --output DIR` writes N-Quads shards; `kg load DIR` puts them in a store (the
embedded one, or Virtuoso through its bulk loader) exactly as `kg build` would."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import UsageError
from kg.shards import MANIFEST, extract_shards, read_manifest
from kg.store import open_store

from .conftest import shared_path
from .test_cluster import assert_same_dataset, dask_cluster  # noqa: F401 (the fixture)

CREDENTIALS = {"KG_SPARQL_USER": "dba", "KG_SPARQL_PASSWORD": "dba"}
MERGED = "SELECT ?s ?p ?o WHERE { GRAPH <https://w3id.org/legiskg/graph/merged> { ?s ?p ?o } }"
DEFAULT = "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(!isBlank(?s) && !isBlank(?o)) }"


@pytest.fixture(scope="module")
def shards(tmp_path_factory) -> Path:
    """corpus/dev extracted into shards of 5 documents."""
    folder = tmp_path_factory.mktemp("shards") / "dev"
    report = extract_shards([str(shared_path("corpus", "dev"))], folder, shard_documents=5)
    assert report.documents == 24 and report.shards == 5 and not report.failed
    return folder


def test_shards_hold_whole_documents_and_a_manifest_names_them(shards):
    manifest = read_manifest(shards)
    assert [s["file"] for s in manifest["shards"]] == [f"shard-{i:06d}.nq" for i in range(5)]
    assert [len(s["documents"]) for s in manifest["shards"]] == [5, 5, 5, 5, 4]
    assert sorted(p.name for p in shards.iterdir()) == [MANIFEST] + [s["file"] for s in manifest["shards"]]
    graphs_per_shard = []
    for shard in manifest["shards"]:
        lines = (shards / shard["file"]).read_text(encoding="utf-8").splitlines()
        assert len(lines) == shard["quads"]
        graphs = {line[:-2].rpartition(" <")[2][:-1] for line in lines}
        assert graphs == set(shard["documents"])  # each document's graph in its own shard, whole
        graphs_per_shard.append(graphs)
    assert len(set().union(*graphs_per_shard)) == 24 == manifest["documents"]
    assert manifest["quads"] == sum(s["quads"] for s in manifest["shards"]) > 1000


def test_extract_refuses_a_folder_with_files_in_it(shards, kg):
    result = kg("extract", shared_path("corpus", "dev"), "--output", shards)
    assert result.exit_code == 2 and "not an empty folder" in result.output
    assert len(read_manifest(shards)["shards"]) == 5


def _export(kg, store, target: Path, env=None) -> Path:
    result = kg("export", "--store", store, "--format", "nquads", "--output", target) if env is None else \
        _with_env(kg, env, "export", "--store", store, "--format", "nquads", "--output", target)
    assert result.exit_code == 0, result.output
    return target


def _with_env(kg, env, *args):
    from click.testing import CliRunner
    from kg.cli import cli
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)


def _rows(location, query, env=None) -> set:
    with open_store(str(location), **({"user": "dba", "password": "dba"} if env else {"read_only": True})) as store:
        return set(store.query(query).rows)


def test_load_into_the_embedded_store_equals_a_direct_build(shards, kg, tmp_path):
    built, loaded = tmp_path / "built", tmp_path / "loaded"
    assert kg("build", shared_path("corpus", "dev"), "--store", built).exit_code == 0
    result = kg("load", shards, "--store", loaded)
    assert result.exit_code == 0, result.output
    assert "24 documents loaded from 5 shards (0 replaced)" in result.output
    assert_same_dataset(_export(kg, loaded, tmp_path / "loaded.nq"), _export(kg, built, tmp_path / "built.nq"))
    assert _rows(loaded, DEFAULT) == _rows(built, DEFAULT)
    # loading again replaces the documents: the same store
    again = kg("load", shards, "--store", loaded)
    assert again.exit_code == 0 and "(24 replaced)" in again.output, again.output
    assert_same_dataset(_export(kg, loaded, tmp_path / "again.nq"), tmp_path / "built.nq")
    assert _rows(loaded, DEFAULT) == _rows(built, DEFAULT)
    # and a build over the loaded store finds every document unchanged
    rebuilt = kg("build", shared_path("corpus", "dev"), "--store", loaded)
    assert "0 documents built, 24 unchanged" in rebuilt.output, rebuilt.output


def test_load_into_virtuoso_with_its_bulk_loader_equals_a_direct_build(virtuoso, virtuoso_folder, tmp_path):
    """The shards go where the server may read them (its DirsAllowed); the reference is a
    `kg build` of the same corpus into the same server, afterwards."""
    import shutil
    served = virtuoso_folder / "shards-dev"
    shutil.copytree(shard_source(tmp_path), served)
    isql = (virtuoso_folder / "isql").read_text().strip()
    env = CREDENTIALS
    documents = read_manifest(served)["shards"]
    iris = [iri for shard in documents for iri in shard["documents"]]
    try:
        result = _with_env(None, env, "load", served, "--store", virtuoso, "--isql", isql)
        assert result.exit_code == 0, result.output
        assert "24 documents loaded from 5 shards (0 replaced)" in result.output
        loaded_export = _export(None, virtuoso, tmp_path / "loaded.nq", env)
        loaded_merged = _rows(virtuoso, MERGED, env)
        with open_store(virtuoso, user="dba", password="dba") as store:
            assert set(iris) <= set(store.documents())
        # loading again replaces them (the bulk loader alone would add)
        again = _with_env(None, env, "load", served, "--store", virtuoso, "--isql", isql)
        assert again.exit_code == 0 and "(24 replaced)" in again.output, again.output
        assert _rows(virtuoso, MERGED, env) == loaded_merged
        assert_same_dataset(_export(None, virtuoso, tmp_path / "again.nq", env), loaded_export)
        # the reference: the same documents built directly into the same server
        with open_store(virtuoso, user="dba", password="dba") as store:
            store.drop_documents(iris)
        built = _with_env(None, env, "build", shared_path("corpus", "dev"), "--store", virtuoso)
        assert built.exit_code == 0 and "24 documents built" in built.output, built.output
        assert_same_dataset(loaded_export, _export(None, virtuoso, tmp_path / "built.nq", env))
        assert _rows(virtuoso, MERGED, env) == loaded_merged
    finally:  # leave the shared server as the other tests expect it
        with open_store(virtuoso, user="dba", password="dba") as store:
            store.drop_documents(iris)


def shard_source(tmp_path: Path) -> Path:
    folder = tmp_path / "made"
    extract_shards([str(shared_path("corpus", "dev"))], folder, shard_documents=5)
    return folder


def test_a_damaged_shard_is_refused_before_the_store_is_touched(shards, kg, tmp_path):
    import shutil
    copy = tmp_path / "copy"
    shutil.copytree(shards, copy)
    with open(copy / "shard-000002.nq", "a", encoding="utf-8") as out:
        out.write("<http://e/s> <http://e/p> <http://e/o> <http://e/g> .\n")
    result = kg("load", copy, "--store", tmp_path / "store")
    assert result.exit_code == 1
    assert result.output.strip() == (f"kg: error: {copy / 'shard-000002.nq'}: shard differs from its manifest entry "
                                     "(SHA-256): written again or damaged")
    assert not (tmp_path / "store").exists()
    (copy / "shard-000002.nq").unlink()
    result = kg("load", copy, "--store", tmp_path / "store")
    assert result.exit_code == 1 and "shard named in the manifest cannot be read" in result.output
    assert not (tmp_path / "store").exists()
    with pytest.raises(UsageError, match="no manifest.json"):
        read_manifest(tmp_path)


def test_extract_on_the_cluster_writes_the_same_shards(dask_cluster, shards, tmp_path, kg):
    result = kg("extract", shared_path("corpus", "dev"), "--output", tmp_path / "out", "--cluster", dask_cluster)
    assert result.exit_code == 0, result.output
    manifest = read_manifest(tmp_path / "out")
    assert manifest["documents"] == 24 and len(manifest["shards"]) == 1
    mine = {line for s in read_manifest(shards)["shards"] for line in (shards / s["file"]).read_text().splitlines()}
    theirs = set((tmp_path / "out" / "shard-000000.nq").read_text().splitlines())
    assert mine == theirs
    assert json.loads((tmp_path / "out" / MANIFEST).read_text())["format"] == "legiskg-shards/1"
