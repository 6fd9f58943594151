"""Shared fixtures: the team's own small articles, a fresh store, the CLI runner."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = Path(__file__).parent.parent / "examples"
SHARED = Path(__file__).resolve().parents[2] / "shared"


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
