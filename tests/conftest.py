"""Shared fixtures: the team's own small articles, a fresh store, the CLI runner."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = Path(__file__).parent.parent / "examples"
SHARED = Path(__file__).resolve().parents[2] / "shared"
VIRTUOSO_SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "virtuoso.sh"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def kg(runner: CliRunner):
    """Invoke the CLI: ``kg("build", path, "--store", dir)`` returns click's Result."""

    def invoke(*args, input=None):
        return runner.invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


@pytest.fixture(scope="session")
def built_examples(tmp_path_factory) -> Path:
    """A store built once from examples/, shared by read-only tests."""
    store = tmp_path_factory.mktemp("examples") / "store"
    result = CliRunner().invoke(cli, ["build", str(EXAMPLES), "--store", str(store)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return store


#: each document graph with its size: a document is whole or absent when its size matches a clean build
GRAPH_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } ?g a lk:SourceDocument } GROUP BY ?g"


def write_corpus(folder: Path, n: int, start: int = 0) -> None:
    """``n`` small articles written for these tests, numbered from ``start``."""
    folder.mkdir(exist_ok=True)
    for i in range(start, start + n):
        (folder / f"a{i:04d}.txt").write_text(
            f"Senate Approves Bill Number {i}\n\nThe Senate of Nigeria approved bill number {i} on Monday. "
            f"Under Section {100 + i} of the Criminal Code, the offence is punished by imprisonment for up to "
            f"{i % 9 + 1} years or a fine of {1000 * (i + 1)} naira.\n", encoding="utf-8")


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not found: ../shared must sit beside the project")
    return path


@pytest.fixture(scope="session")
def virtuoso_folder(tmp_path_factory) -> Path:
    """A private Virtuoso on free loopback ports (scripts/virtuoso.sh); yields its folder, which
    holds ``endpoint``, ``isql`` (its SQL port) and is in its DirsAllowed."""
    if shutil.which("virtuoso-t") is None:
        pytest.skip("virtuoso-t not found: install Debian's virtuoso-opensource (make test does so as root)")
    folder = tmp_path_factory.mktemp("virtuoso")
    started = subprocess.run(["bash", str(VIRTUOSO_SCRIPT), "start", str(folder)], capture_output=True, text=True,
                             timeout=120)
    assert started.returncode == 0, f"scripts/virtuoso.sh start failed:\n{started.stderr}"
    yield folder
    subprocess.run(["bash", str(VIRTUOSO_SCRIPT), "stop", str(folder)], capture_output=True, timeout=60)


@pytest.fixture(scope="session")
def virtuoso(virtuoso_folder) -> str:
    """That Virtuoso's store location (``sparql+http://127.0.0.1:PORT/sparql``)."""
    return "sparql+" + (virtuoso_folder / "endpoint").read_text().strip()
